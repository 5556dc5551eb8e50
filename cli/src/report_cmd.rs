//! `isms report`: the one-page self-contained HTML readiness report
//! (`isms_core::report::report_html`), written atomically; with
//! `--results`, the automated test results are streamed like `isms check
//! --results` reads them and the report shows each control's automated
//! status and the findings from tests.
use crate::check_cmd::parse_date;
use crate::io::today;
use crate::io::{self, Failure};
use isms_core::model::Date;
use std::path::PathBuf;

/// Arguments of `isms report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
    pub file: PathBuf,
    /// Write the HTML report here (atomically); `-` writes standard output.
    #[arg(long)]
    pub html: PathBuf,
    /// Report as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Automated test results (normalised NDJSON or a JSON array);
    /// repeatable. Adds the "Automated control tests" section and the
    /// findings of the `monitoring.*` rules.
    #[arg(long)]
    pub results: Vec<PathBuf>,
    /// A check → control mapping table (CSV) adding controls to the results
    /// as they are read (`docs/monitoring.md`); needs `--results`.
    #[arg(long, requires = "results")]
    pub mapping: Option<PathBuf>,
}

/// Runs `isms report`.
pub fn run(args: ReportArgs) -> Result<u8, Failure> {
    let isms = io::load_isms(&args.file)?;
    let as_of = args.as_of.unwrap_or_else(today);
    let html = if args.results.is_empty() {
        isms.report_html(as_of)
    } else {
        let results = crate::monitor_cmd::load_results_mapped(&args.results, args.mapping.as_deref(), as_of)?;
        isms.report_html_with_results(as_of, &results)
    }
    .map_err(io::core(&args.file))?;
    io::write_output(&args.html, html.as_bytes())?;
    Ok(0)
}
