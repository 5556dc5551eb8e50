//! The plain-text form of results: what `isms check`, `isms diff`, `isms
//! risk plan`, `isms schedule`, `isms nc`, `isms simulate`, `isms roadmap`
//! and `isms catalog` print. Each function takes the typed result and
//! returns the whole text, newline-terminated; none reads anything else.
//! [`crate::engine::Response::render`] escapes the result for terminals.
//!
//! One file per command: `check.rs`, `diff.rs`, `risk.rs`, `schedule.rs`,
//! `nc.rs`, `roadmap.rs` and `catalog.rs`, each importing what this file
//! imports; this file holds problems and the verdict, which every command
//! shares.
use super::token;
use crate::catalog::{Clause, ControlInfo, MandatoryDoc, MappingInfo, Trigger};
use crate::engine::Verdict;
use crate::error::Problem;
use crate::evaluate::drift::{Drift, FindingChange};
use crate::evaluate::{Evaluation, Finding, Severity};
use crate::model::{ActionStatus, Date, Document};
use crate::nc::{NcDetail, NcReport};
use crate::quant::{DocumentSimulation, SimulationResult};
use crate::risk::plan::{NotAcceptedReason, TreatmentPlan};
use crate::roadmap::Roadmap;
use crate::schedule::{AuditProgramme, Calendar, CertificationCycle, DurationEstimate, Status};
use crate::soa::SoaDiff;
use std::fmt::Write as _;

// `write!` into a String cannot fail; the results are ignored throughout.

mod catalog;
mod check;
mod diff;
mod nc;
mod risk;
mod roadmap;
mod schedule;
pub use catalog::{clauses, controls, mandatory_documents, mapping, names};
pub use check::{CheckView, evaluation, group_by_rule};
pub use diff::{drift, soa_diff};
pub use nc::{nc_detail, nc_report, nc_transition};
pub use risk::{document_simulation, money, treatment_plan};
pub use roadmap::roadmap;
pub use schedule::{audit_duration, audit_programme, calendar, certification_cycle};

/// How many problems the text lists before it summarises the rest by code
/// (the JSON keeps them all).
pub const PROBLEMS_LISTED: usize = 50;

/// A problem list for people: `valid`, or the count and one line per
/// problem; past [`PROBLEMS_LISTED`], the rest are counted per code.
pub fn problems(ps: &[Problem]) -> String {
    if ps.is_empty() {
        return "valid\n".into();
    }
    let mut s = format!("{} problem(s)\n", ps.len());
    for p in ps.iter().take(PROBLEMS_LISTED) {
        match (p.line, p.column) {
            (Some(l), Some(c)) if p.file.is_some() => {
                let f = p.file.as_deref().unwrap_or_default();
                let _ = writeln!(s, "  {f}:{l}:{c}: {} [{}] {}", p.path, p.code, p.message);
            }
            (Some(l), Some(c)) => {
                let _ = writeln!(s, "  {l}:{c}: {} [{}] {}", p.path, p.code, p.message);
            }
            _ => {
                let _ = writeln!(s, "  {} [{}] {}", p.path, p.code, p.message);
            }
        }
    }
    if ps.len() > PROBLEMS_LISTED {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for p in &ps[PROBLEMS_LISTED..] {
            *counts.entry(p.code.as_str()).or_default() += 1;
        }
        let by_code: Vec<String> = counts.iter().map(|(c, n)| format!("{n} {c}")).collect();
        let _ = writeln!(
            s,
            "  ... and {} more ({}); the JSON output lists them all",
            ps.len() - PROBLEMS_LISTED,
            by_code.join(", ")
        );
    }
    s
}

/// The `--fail-on` verdict in one line.
pub fn verdict(v: &Verdict) -> String {
    let worst = v.worst.map(|w| w.as_str()).unwrap_or("none");
    format!(
        "{} at {}: {} of {} finding(s) at or above it (worst: {worst}), as of {}\n",
        if v.fails { "FAILS" } else { "passes" },
        v.fail_on.as_str(),
        v.failing_findings,
        v.total_findings,
        v.as_of
    )
}

fn words<T: serde::Serialize>(v: &T) -> String {
    token(v).replace('_', " ")
}

fn opt_date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}
