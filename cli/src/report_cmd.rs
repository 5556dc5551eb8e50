//! `isms report`: the one-page self-contained HTML readiness report
//! (`isms_core::report::report_html`), written atomically.
use crate::check_cmd::parse_date;
use crate::io::today;
use crate::io::{self, Failure};
use isms_core::model::Date;
use std::path::PathBuf;

/// Arguments of `isms report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The ISMS document (JSON, or YAML for `.yaml`/`.yml`); `-` reads standard input (JSON).
    pub file: PathBuf,
    /// Write the HTML report here (atomically); `-` writes standard output.
    #[arg(long)]
    pub html: PathBuf,
    /// Report as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
}

/// Runs `isms report`.
pub fn run(args: ReportArgs) -> Result<u8, Failure> {
    let isms = io::load_isms(&args.file)?;
    let html = isms.report_html(args.as_of.unwrap_or_else(today)).map_err(io::core(&args.file))?;
    io::write_output(&args.html, html.as_bytes())?;
    Ok(0)
}
