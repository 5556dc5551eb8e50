//! `isms soa`: the full Statement of Applicability as CSV, Markdown,
//! self-contained HTML or JSON (`schema/soa.schema.json`).
use crate::check_cmd::parse_date;
use crate::io::today;
use crate::io::{self, Failure};
use isms_core::model::Date;
use isms_core::soa;
use std::path::PathBuf;

/// Arguments of `isms soa`.
#[derive(Debug, clap::Args)]
pub struct SoaArgs {
    /// The ISMS document (JSON); `-` reads standard input.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: SoaFormat,
    /// Judge evidence freshness as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Output formats of `isms soa`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum SoaFormat {
    /// Comma-separated values, one row per control.
    Csv,
    /// A Markdown document.
    Md,
    /// One self-contained HTML page.
    Html,
    /// JSON data.
    Json,
}

/// Runs `isms soa`.
pub fn run(args: SoaArgs) -> Result<u8, Failure> {
    let doc = io::load_valid(&args.file)?;
    let statement = soa::statement(&doc, args.as_of.unwrap_or_else(today));
    let failed = |e: isms_core::Error| Failure { code: 1, message: e.to_string() };
    let text = match args.format {
        SoaFormat::Csv => soa::render::to_csv(&statement).map_err(failed)?,
        SoaFormat::Md => soa::render::to_markdown(&statement),
        SoaFormat::Html => soa::render::to_html(&statement).map_err(failed)?,
        SoaFormat::Json => isms_core::json::to_json(&statement),
    };
    match args.out {
        Some(path) => io::write_output(&path, text.as_bytes())?,
        None => crate::emit(&text)?,
    }
    Ok(0)
}
