//! The `isms` command.
use std::process::ExitCode;

use clap::Parser;

mod catalog_cmd;

#[derive(Debug, Parser)]
#[command(name = "isms", version, about = "ISO/IEC 27001:2022 ISMS engine")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Browse the embedded catalogs of the standard.
    #[command(subcommand)]
    Catalog(catalog_cmd::CatalogCmd),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Catalog(cmd) => catalog_cmd::run(cmd, &mut stdout),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.exit_code == 0 => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("isms: {}", e.message);
            ExitCode::from(e.exit_code)
        }
    }
}
