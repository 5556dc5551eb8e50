//! `isms check`: evaluate an ISMS on a date. A readable report for people,
//! JSON (`schema/evaluation.schema.json`) for machines, and an exit code for
//! CI: 1 when a finding is at least as severe as `--fail-on` (default
//! blocker), 0 otherwise, 2 for bad input.
use crate::io::{self, Failure};
use isms_core::engine::{Format, Response};
use isms_core::evaluate::Severity;
use isms_core::model::Date;
use std::path::PathBuf;

/// Arguments of `isms check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The ISMS document (JSON); `-` reads standard input.
    pub file: PathBuf,
    /// Evaluate as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Print the evaluation as JSON.
    #[arg(long)]
    pub json: bool,
    /// Exit 1 when any finding is at least this severe.
    #[arg(long, value_enum, default_value = "blocker")]
    pub fail_on: FailOn,
    /// Automated test results (normalised NDJSON from `isms monitor
    /// ingest`, or a JSON array); repeatable. The `monitoring.*` rules
    /// judge them.
    #[arg(long)]
    pub results: Vec<PathBuf>,
}

/// Severity threshold for the exit code.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FailOn {
    /// Blocks certification.
    Blocker,
    /// Major and above.
    Major,
    /// Minor and above.
    Minor,
    /// Any finding.
    Info,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Blocker => Severity::Blocker,
            FailOn::Major => Severity::Major,
            FailOn::Minor => Severity::Minor,
            FailOn::Info => Severity::Info,
        }
    }
}

/// Parses a `YYYY-MM-DD` date argument.
pub fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| format!("`{s}` is not a date (YYYY-MM-DD): {e}"))
}

/// Runs `isms check`.
pub fn run(args: CheckArgs) -> Result<u8, Failure> {
    let isms = io::load_isms(&args.file)?;
    let as_of = args.as_of.unwrap_or_else(io::today);
    let eval = if args.results.is_empty() {
        isms.evaluate(as_of)
    } else {
        isms.evaluate_with_results(as_of, &crate::monitor_cmd::load_results(&args.results)?)
    };
    let fails = eval.fails(args.fail_on.into());
    crate::show(Some(&isms), &Response::Evaluation(eval), Format::text_or_json(args.json))?;
    Ok(u8::from(fails))
}
