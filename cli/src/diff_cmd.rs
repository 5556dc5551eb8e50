//! `isms diff`: what fell out of compliance, what recovered — between two
//! versions of a document, or one document at two dates. Exit 1 when a
//! finding at or above `--fail-on-new` appeared (or worsened into that
//! severity): the CI gate "tell me when we fall out of compliance".
//!
//! Shape: `isms diff OLD [NEW] [--as-of A] [--to B]`. OLD is evaluated as of
//! A (default today), NEW (default: OLD again) as of B (default A). So
//! `isms diff main.json pr.json` compares two versions today, and
//! `isms diff isms.json --as-of 2026-11-29 --to 2027-03-01` shows what will
//! have lapsed by then if nothing is done.
use crate::check_cmd::{FailOn, parse_date};
use crate::io::today;
use crate::io::{self, Failure};
use isms_core::evaluate::drift::{Drift, FindingChange};
use isms_core::evaluate::{Finding, drift_dates, drift_documents};
use isms_core::model::Date;
use isms_core::soa::SoaDiff;
use std::fmt::Write as _;
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
    /// Exit 1 when a new (or newly worsened) finding is at least this severe.
    #[arg(long, value_enum, default_value = "blocker")]
    pub fail_on_new: FailOn,
}

/// Runs `isms diff`.
pub fn run(args: DiffArgs) -> Result<u8, Failure> {
    let from = args.as_of.unwrap_or_else(today);
    let to = args.to.unwrap_or(from);
    let old = io::load_valid(&args.old)?;
    let drift = match &args.new {
        Some(path) => {
            let new = io::load_valid(path)?;
            drift_documents(&old, &new, from, to).map_err(|e| Failure::input(io::describe(path, &e)))?
        }
        None if args.to.is_none() => {
            return Err(Failure::input(
                "nothing to compare: give a second document (isms diff OLD NEW) or a second date (--to DATE)",
            ));
        }
        None => drift_dates(&old, from, to).map_err(|e| Failure::input(io::describe(&args.old, &e)))?,
    };
    let text = if args.json { isms_core::json::to_json(&drift) } else { describe(&drift) };
    crate::emit(&text)?;
    Ok(u8::from(drift.fails(args.fail_on_new.into())))
}

fn finding(s: &mut String, f: &Finding) {
    let r = f.control.as_ref().map(|c| format!("A.{c}")).or_else(|| f.clause.clone()).unwrap_or_default();
    let due = f.due_on.map(|d| format!(" (due {d})")).unwrap_or_default();
    let _ = writeln!(s, "  {:<7} [{}] {r}: {}{due}", f.severity.as_str(), f.rule, f.message);
}

fn change(s: &mut String, c: &FindingChange) {
    let why: Vec<String> = c
        .reasons
        .iter()
        .map(|r| match serde_json::to_value(r) {
            Ok(serde_json::Value::String(x)) => x.replace('_', " "),
            _ => String::new(),
        })
        .collect();
    let sev = if c.old_severity == c.new_severity {
        c.new_severity.as_str().to_owned()
    } else {
        format!("{} -> {}", c.old_severity, c.new_severity)
    };
    let _ = writeln!(s, "  {sev} [{}] {} ({})", c.rule, c.finding.message, why.join(", "));
}

fn soa(s: &mut String, d: &SoaDiff) {
    if d.is_empty() {
        let _ = writeln!(s, "\nSoA: no change");
        return;
    }
    let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "?".into());
    let _ = writeln!(
        s,
        "\nSoA changes (version {} -> {}): {} control(s)",
        v(&d.old_version),
        v(&d.new_version),
        d.controls.len()
    );
    for c in &d.controls {
        let kinds: Vec<String> = c
            .changes
            .iter()
            .map(|k| match serde_json::to_value(k) {
                Ok(serde_json::Value::String(x)) => x.replace('_', " "),
                _ => String::new(),
            })
            .collect();
        let _ = writeln!(s, "  A.{} {}: {}", c.control, c.title, kinds.join(", "));
    }
}

fn verdict(ready: bool) -> &'static str {
    if ready { "ready" } else { "NOT ready" }
}

/// The human-readable drift.
pub fn describe(d: &Drift) -> String {
    let mut s = String::new();
    let o = &d.readiness.overall;
    let _ = writeln!(
        s,
        "Drift {} -> {}: readiness {} -> {} ({:+})",
        d.old_as_of,
        d.new_as_of,
        o.old.unwrap_or(0),
        o.new.unwrap_or(0),
        o.delta.unwrap_or(0)
    );
    for (name, v) in [("Stage 1", &d.stage1), ("Stage 2", &d.stage2)] {
        let _ = writeln!(
            s,
            "{name}: {} -> {} (+{} / -{} blocker(s))",
            verdict(v.old_ready),
            verdict(v.new_ready),
            v.added_blockers.len(),
            v.removed_blockers.len()
        );
    }
    for c in d.readiness.clauses.iter().chain(&d.readiness.themes).filter(|c| c.delta.is_some_and(|x| x != 0)) {
        let _ = writeln!(s, "  {} {}: {:+}", c.key, c.title, c.delta.unwrap_or(0));
    }
    let _ = writeln!(
        s,
        "\n{} new, {} resolved, {} worsened, {} improved, {} unchanged",
        d.new_findings.len(),
        d.resolved.len(),
        d.worsened.len(),
        d.improved.len(),
        d.unchanged_count
    );
    let sections: [(&str, &[Finding]); 2] = [("New findings", &d.new_findings), ("Resolved", &d.resolved)];
    for (title, fs) in sections {
        if !fs.is_empty() {
            let _ = writeln!(s, "\n{title} ({})", fs.len());
            fs.iter().for_each(|f| finding(&mut s, f));
        }
    }
    for (title, cs) in [("Worsened", &d.worsened), ("Improved", &d.improved)] {
        if !cs.is_empty() {
            let _ = writeln!(s, "\n{title} ({})", cs.len());
            cs.iter().for_each(|c| change(&mut s, c));
        }
    }
    if let Some(diff) = &d.soa {
        soa(&mut s, diff);
    }
    s
}
