//! `isms roadmap`: the 17 checklist steps with status, blockers,
//! dependencies and dates; `--mermaid` for a gantt chart, `--json` for
//! machines (`schema/roadmap.schema.json`).
use crate::check_cmd::parse_date;
use crate::io::today;
use crate::io::{self, Failure};
use isms_core::model::Date;
use isms_core::roadmap::{self, Roadmap};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Arguments of `isms roadmap`.
#[derive(Debug, clap::Args)]
pub struct RoadmapArgs {
    /// The ISMS document (JSON); `-` reads standard input.
    pub file: PathBuf,
    /// Status as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Print a Mermaid gantt chart.
    #[arg(long, conflicts_with = "json")]
    pub mermaid: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `isms roadmap`.
pub fn run(args: RoadmapArgs) -> Result<u8, Failure> {
    let doc = io::load_valid(&args.file)?;
    let r = roadmap::roadmap(&doc, args.as_of.unwrap_or_else(today))
        .map_err(|e| Failure::input(io::describe(&args.file, &e)))?;
    let text = if args.mermaid {
        roadmap::roadmap_mermaid(&r)
    } else if args.json {
        isms_core::json::to_json(&r)
    } else {
        describe(&r)
    };
    crate::emit(&text)?;
    Ok(0)
}

/// The human-readable roadmap.
pub fn describe(r: &Roadmap) -> String {
    let mut s = String::new();
    let target = r.target_date.map(|d| format!("; certification target {d}")).unwrap_or_default();
    let _ = writeln!(
        s,
        "Roadmap as of {}{target}: {} done, {} in progress, {} not started\n",
        r.as_of, r.done, r.in_progress, r.not_started
    );
    for st in &r.steps {
        let wait = if st.waiting_on.is_empty() {
            String::new()
        } else {
            format!("  waits on {}", st.waiting_on.iter().map(u8::to_string).collect::<Vec<_>>().join(", "))
        };
        let risk = if st.at_risk { "  AT RISK" } else { "" };
        let _ = writeln!(
            s,
            "{:>2}. {:<46} {:<11} {} .. {}{risk}{wait}",
            st.step,
            st.title,
            st.status.as_str(),
            st.start,
            st.end
        );
        if !st.blocked_by.is_empty() {
            let mut rules: Vec<&str> = Vec::new();
            for b in &st.blocked_by {
                if !rules.contains(&b.rule.as_str()) {
                    rules.push(&b.rule);
                }
            }
            let _ = writeln!(s, "      {} finding(s): {}", st.blocked_by.len(), rules.join(", "));
        }
    }
    s
}
