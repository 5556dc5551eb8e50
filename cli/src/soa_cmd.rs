//! `isms soa`: the full Statement of Applicability as CSV, Markdown,
//! self-contained HTML or JSON (`schema/soa.schema.json`).
use crate::check_cmd::parse_date;
use crate::io::today;
use crate::io::{self, Failure};
use isms_core::engine::{Format, Response};
use isms_core::model::Date;
use std::path::PathBuf;

/// Arguments of `isms soa`.
#[derive(Debug, clap::Args)]
pub struct SoaArgs {
    /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    pub format: SoaFormat,
    /// Judge evidence freshness as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Automated test results (normalised NDJSON or a JSON array);
    /// repeatable. Adds each control's automated status, last observed and
    /// freshness through the audit observation window.
    #[arg(long)]
    pub results: Vec<PathBuf>,
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
    let isms = io::load_isms(&args.file)?;
    let as_of = args.as_of.unwrap_or_else(today);
    let statement = if args.results.is_empty() {
        isms.soa(as_of)
    } else {
        isms.soa_with_results(as_of, &crate::monitor_cmd::load_results(&args.results, as_of)?)
    };
    let statement = Response::Statement(statement);
    let format = match args.format {
        SoaFormat::Csv => Format::Csv,
        SoaFormat::Md => Format::Markdown,
        SoaFormat::Html => Format::Html,
        SoaFormat::Json => Format::Json,
    };
    let text = crate::render(Some(&isms), &statement, format)?;
    match args.out {
        Some(path) => io::write_output(&path, text.as_bytes())?,
        None => crate::emit(&text)?,
    }
    Ok(0)
}
