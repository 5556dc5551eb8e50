//! `isms diff`: what fell out of compliance, what recovered — between two
//! versions of a document, or one document at two dates. Exit 1 when a
//! finding at or above `--fail-on-new` appeared (or worsened into that
//! severity): the CI gate "tell me when we fall out of compliance".
//!
//! Shape: `isms diff OLD [NEW] [--as-of A] [--to B] [--old-results R1
//! --new-results R2]`. With results, each side is evaluated with its run's
//! automated test results: findings from tests appear and resolve, and the
//! controls that started or stopped failing are listed. OLD is evaluated as of
//! A (default today), NEW (default: OLD again) as of B (default A). So
//! `isms diff main.json pr.json` compares two versions today, and
//! `isms diff isms.json --as-of 2026-11-29 --to 2027-03-01` shows what will
//! have lapsed by then if nothing is done.
use crate::check_cmd::{FailOn, parse_date};
use crate::io::today;
use crate::io::{self, Failure};
use isms_core::engine::{Format, Response};
use isms_core::model::Date;
use std::path::PathBuf;

/// Arguments of `isms diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The old document (JSON), or the only one when comparing two dates.
    pub old: PathBuf,
    /// The new document; omitted, OLD is compared with itself at `--to`.
    pub new: Option<PathBuf>,
    /// Evaluate OLD as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Evaluate NEW as of this date; default the `--as-of` date.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<Date>,
    /// Print the drift as JSON (`schema/drift.schema.json`).
    #[arg(long)]
    pub json: bool,
    /// Automated test results (normalised NDJSON or a JSON array) of the
    /// old run, judged with OLD; repeatable. Needs `--new-results`.
    #[arg(long, requires = "new_results")]
    pub old_results: Vec<PathBuf>,
    /// Results of the new run, judged with NEW; repeatable. Needs
    /// `--old-results`. With both, findings from tests appear and resolve,
    /// and the controls that started or stopped failing are listed.
    #[arg(long, requires = "old_results")]
    pub new_results: Vec<PathBuf>,
    /// Exit 1 when a new (or newly worsened) finding is at least this severe.
    #[arg(long, value_enum, default_value = "blocker")]
    pub fail_on_new: FailOn,
}

/// Runs `isms diff`.
pub fn run(args: DiffArgs) -> Result<u8, Failure> {
    let from = args.as_of.unwrap_or_else(today);
    let old = io::load_isms(&args.old)?;
    if !args.old_results.is_empty() {
        let newer = args.new.as_deref().map(io::load_isms).transpose()?;
        let to = args.to.unwrap_or(from);
        if newer.is_none() && args.to.is_none() && args.old_results == args.new_results {
            return Err(Failure::input(
                "nothing to compare: give a second document, a second date (--to DATE) or other --new-results",
            ));
        }
        let before = crate::monitor_cmd::load_results(&args.old_results, from)?;
        let after = crate::monitor_cmd::load_results(&args.new_results, to)?;
        let drift = old.drift_with_results(newer.as_ref(), from, &before, to, &after);
        let fails = drift.fails(args.fail_on_new.into());
        crate::show(Some(&old), &Response::Drift(drift), Format::text_or_json(args.json))?;
        return Ok(u8::from(fails));
    }
    let drift = match &args.new {
        Some(path) => old.drift_documents(&io::load_isms(path)?, from, args.to.unwrap_or(from)),
        None => match args.to {
            Some(to) => old.drift_dates(from, to),
            None => {
                return Err(Failure::input(
                    "nothing to compare: give a second document (isms diff OLD NEW) or a second date (--to DATE)",
                ));
            }
        },
    };
    let fails = drift.fails(args.fail_on_new.into());
    crate::show(Some(&old), &Response::Drift(drift), Format::text_or_json(args.json))?;
    Ok(u8::from(fails))
}
