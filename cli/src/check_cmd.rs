//! `isms check`: evaluate an ISMS on a date. A readable report for people,
//! JSON (`schema/evaluation.schema.json`) for machines, and an exit code for
//! CI: 1 when a finding is at least as severe as `--fail-on` (default
//! blocker), 0 otherwise, 2 for bad input.
use crate::io::{self, Failure};
use isms_core::evaluate::{Evaluation, Finding, Severity, evaluate};
use isms_core::model::Date;
use std::fmt::Write as _;
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
    let doc = io::load_valid(&args.file)?;
    let as_of = args.as_of.unwrap_or_else(io::today);
    let eval = evaluate(&doc, as_of).map_err(|e| Failure::input(io::describe(&args.file, &e)))?;
    let text = if args.json { isms_core::json::to_json(&eval) } else { report(&doc.organization.name, &eval) };
    crate::emit(&text)?;
    Ok(if eval.fails(args.fail_on.into()) { 1 } else { 0 })
}

fn score(s: Option<u32>) -> String {
    s.map(|v| v.to_string()).unwrap_or_else(|| "n/a".into())
}

fn verdict(ready: bool, blockers: usize) -> String {
    if ready { "ready".into() } else { format!("NOT ready ({blockers} blocker(s))") }
}

fn finding_lines(s: &mut String, f: &Finding) {
    let refs = match (&f.clause, &f.control) {
        (_, Some(c)) => format!("A.{c}"),
        (Some(c), None) => c.clone(),
        (None, None) => String::new(),
    };
    let _ = writeln!(s, "  [{}] {refs}: {}", f.rule, f.message);
    if let Some(d) = f.due_on {
        let _ = writeln!(s, "      due: {d}");
    }
    let _ = writeln!(s, "      fix: {}", f.remediation);
}

/// The human-readable report.
pub fn report(org: &str, e: &Evaluation) -> String {
    let r = &e.readiness;
    let mut s = String::new();
    let _ = writeln!(s, "{org}: ISMS check as of {}", e.as_of);
    let _ = writeln!(s, "Readiness {}/100", r.overall);
    let _ = writeln!(s, "Stage 1 (documentation):  {}", verdict(r.stage1.ready, r.stage1.blockers.len()));
    let _ = writeln!(s, "Stage 2 (implementation): {}", verdict(r.stage2.ready, r.stage2.blockers.len()));
    let _ = writeln!(s, "\nReadiness by clause");
    for c in &r.clauses {
        let _ = writeln!(s, "  {:>3}  {:<50} {:>3}  ({} finding(s))", c.key, c.title, score(c.score), c.findings);
    }
    let _ = writeln!(s, "\nReadiness by Annex A theme");
    for t in &r.themes {
        let _ = writeln!(s, "       {:<50} {:>3}  ({} finding(s))", t.title, score(t.score), t.findings);
    }
    let m = &e.summary;
    let _ = writeln!(s, "\nFindings: {} blocker, {} major, {} minor, {} info", m.blocker, m.major, m.minor, m.info);
    for sev in Severity::ALL {
        let group: Vec<&Finding> = e.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n{} ({})", sev.as_str().to_uppercase(), group.len());
        for f in group {
            finding_lines(&mut s, f);
        }
    }
    if e.findings.is_empty() {
        let _ = writeln!(s, "\nNo findings.");
    }
    s
}
