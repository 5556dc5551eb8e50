//! The road to certification: the 17 steps of the implementation checklist
//! (`shared/seed/iso27001-checklist.txt`), each with a status derived from
//! the evaluation, what blocks it, what it depends on, and dates — plus a
//! Mermaid gantt export. It serves checklist step 1 (plan the project) and
//! clause 6.2 d)–e) (what will be done, by when).
//!
//! **What this is**: a pure function of a document and an [`Evaluation`]
//! of it. **What this is not**: a project planner with resources and
//! calendars; dates are either the document's own or a simple forward plan.
//!
//! # Status of a step
//!
//! Each rule of the catalogue names the steps it serves ([`Rule::steps`]).
//! For a step, sum over those rules the items examined (`checked`) and the
//! items with findings (`failed`), and collect their findings of severity
//! minor or above (the step's *blockers*; info findings never block, and
//! neither do findings an active waiver covers: `docs/waivers.md`).
//!
//! - **done**: something was examined (`checked > 0`) and there is no
//!   blocker;
//! - **not started**: nothing was examined (there is nothing of the kind
//!   in the document yet), or every item examined failed;
//! - **in progress**: otherwise.
//!
//! One exception: step 14 (the certification audit) is *done* only when a
//! certification decision is dated on or before `as_of`; before that it is
//! *in progress* when a Stage 1 or Stage 2 audit is planned or held, else
//! *not started*, whatever its rules say.
//!
//! # Dates
//!
//! Steps are planned in order (every dependency has a lower number). A done
//! step is a point at `as_of`. Any other step starts no earlier than `as_of`
//! and the end of every step it depends on, directly or through done steps
//! (a done step passes on what its own dependencies still wait for), so no
//! step is ever placed before a step it waits on, transitively, ends. It
//! lasts its default duration ([`DEFAULT_DAYS`]), unless the document dates
//! it:
//!
//! - step 7 ends on the latest due date of the open treatment actions;
//! - step 11 ends on the next planned management review;
//! - step 13 ends on the last planned internal audit;
//! - step 14 starts with the first Stage 1 / Stage 2 audit and ends on the
//!   certification decision, else the certification target date, else the
//!   end of the Stage 2 audit;
//! - step 16 ends on the first surveillance audit's target date
//!   ([`crate::schedule::certification_cycle`]).
//!
//! A document start earlier than the plan allows moves to the plan's
//! earliest start. A step whose document end falls before the plan could
//! reach it, or before `as_of` while the step is not done, is flagged
//! `at_risk` and planned forward from its earliest start with its default
//! duration instead (dates `planned`): the plan cannot keep that date, and
//! the steps after it are planned from what it can.
use crate::evaluate::{self, Evaluation, Rule, Severity};
use crate::model::{ActionStatus, Date, Document, EventStatus, ExternalAuditKind};
use crate::schedule::{self, MilestoneKind, add_days};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// Short titles of the 17 checklist steps, in our own words (index = step − 1).
pub const STEP_TITLES: [&str; 17] = [
    "Plan the ISMS project and roadmap",
    "Define the ISMS scope",
    "Form the ISMS team and assign roles",
    "Inventory information assets",
    "Assess information security risks",
    "Keep a risk register",
    "Plan and track risk treatment",
    "Complete the Statement of Applicability",
    "Implement policies and controls",
    "Run training and awareness",
    "Hold management reviews",
    "Assemble required documents and records",
    "Carry out internal audits",
    "Pass the certification audit (Stage 1 and 2)",
    "Resolve nonconformities",
    "Plan surveillance and recertification audits",
    "Monitor compliance continuously",
];

/// Default duration of each step in days when the document gives no date
/// (index = step − 1): rough figures for a small to mid-sized organisation.
pub const DEFAULT_DAYS: [i64; 17] = [14, 14, 14, 21, 30, 14, 30, 14, 90, 30, 14, 30, 30, 60, 30, 365, 30];

/// Dependencies between steps (index = step − 1): the steps that must be
/// done first.
pub const DEPENDENCIES: [&[u8]; 17] = [
    &[],
    &[1],
    &[2],
    &[2],
    &[2, 3, 4],
    &[5],
    &[6],
    &[7],
    &[8],
    &[3, 9],
    &[3, 9],
    &[9],
    &[9, 10, 11, 12],
    &[11, 12, 13],
    &[13, 14],
    &[14],
    &[9],
];

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Something in place and no blocker.
    Done,
    /// Partly in place.
    InProgress,
    /// Nothing in place yet.
    NotStarted,
}

impl StepStatus {
    /// The `snake_case` token.
    pub const fn as_str(self) -> &'static str {
        match self {
            StepStatus::Done => "done",
            StepStatus::InProgress => "in_progress",
            StepStatus::NotStarted => "not_started",
        }
    }
}

/// Where a step's dates come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// Done: a point at `as_of`.
    Completed,
    /// The document dates it (see the module doc).
    Document,
    /// Planned forward with the default duration (also a document date the
    /// plan cannot keep: the step is then `at_risk`).
    Planned,
}

/// A finding that stands in a step's way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StepBlocker {
    /// Rule id.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// Fingerprint of the finding.
    pub fingerprint: String,
}

/// One checklist step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RoadmapStep {
    /// Step number, 1–17.
    pub step: u8,
    /// Short title.
    pub title: String,
    /// Status.
    pub status: StepStatus,
    /// Rules that serve the step, in catalogue order.
    pub rules: Vec<String>,
    /// Items those rules examined.
    pub checked: u32,
    /// Items with at least one finding.
    pub failed: u32,
    /// Findings of severity minor or above that no waiver covers, most
    /// severe first.
    pub blocked_by: Vec<StepBlocker>,
    /// Steps this one depends on.
    pub depends_on: Vec<u8>,
    /// Dependencies not yet done.
    pub waiting_on: Vec<u8>,
    /// Start date.
    pub start: Date,
    /// End (target) date.
    pub end: Date,
    /// Where the dates come from.
    pub dates: DateBasis,
    /// The document's date cannot be met by the plan, or has passed.
    pub at_risk: bool,
}

/// The roadmap (schema `roadmap`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Roadmap {
    /// The date the statuses refer to.
    pub as_of: Date,
    /// The certification target date, if the document sets one.
    pub target_date: Option<Date>,
    /// Steps done.
    pub done: u32,
    /// Steps in progress.
    pub in_progress: u32,
    /// Steps not started.
    pub not_started: u32,
    /// The 17 steps, in order.
    pub steps: Vec<RoadmapStep>,
}

fn tagged(step: u8) -> Vec<&'static Rule> {
    evaluate::rules().into_iter().filter(|r| r.steps.contains(&step)).collect()
}

fn status_of(doc: &Document, step: u8, checked: u32, failed: u32, blockers: usize, as_of: Date) -> StepStatus {
    if step == 14 {
        let cert = &doc.certification;
        if cert.decision_on.is_some_and(|d| d <= as_of) {
            return StepStatus::Done;
        }
        let audits = cert.audits.iter().any(|a| {
            matches!(a.kind, ExternalAuditKind::Stage1 | ExternalAuditKind::Stage2)
                && a.status != EventStatus::Cancelled
        });
        return if audits { StepStatus::InProgress } else { StepStatus::NotStarted };
    }
    if checked > 0 && blockers == 0 {
        StepStatus::Done
    } else if checked == 0 || failed >= checked {
        StepStatus::NotStarted
    } else {
        StepStatus::InProgress
    }
}

/// The document's own (start, end) for a step, if it dates it.
fn document_dates(doc: &Document, step: u8, as_of: Date) -> Option<(Option<Date>, Date)> {
    match step {
        7 => doc
            .treatments
            .iter()
            .flat_map(|t| &t.actions)
            .filter(|a| matches!(a.status, ActionStatus::Planned | ActionStatus::InProgress))
            .filter_map(|a| a.due_on)
            .max()
            .map(|d| (None, d)),
        11 => doc
            .management_reviews
            .iter()
            .filter(|r| matches!(r.status, EventStatus::Planned | EventStatus::InProgress) && r.date >= as_of)
            .map(|r| r.date)
            .min()
            .map(|d| (None, d)),
        13 => doc
            .internal_audits
            .iter()
            .filter(|a| matches!(a.status, EventStatus::Planned | EventStatus::InProgress))
            .filter_map(|a| a.end_on.or(a.start_on).or(a.planned_on))
            .max()
            .map(|d| (None, d)),
        14 => {
            let cert = &doc.certification;
            let stages: Vec<_> = cert
                .audits
                .iter()
                .filter(|a| {
                    matches!(a.kind, ExternalAuditKind::Stage1 | ExternalAuditKind::Stage2)
                        && a.status != EventStatus::Cancelled
                })
                .collect();
            let start = stages.iter().filter_map(|a| a.start_on.or(a.end_on)).min();
            let stage2_end = stages
                .iter()
                .filter(|a| a.kind == ExternalAuditKind::Stage2)
                .filter_map(|a| a.end_on.or(a.start_on))
                .max();
            cert.decision_on.or(cert.target_date).or(stage2_end).map(|end| (start, end))
        }
        16 => schedule::certification_cycle(doc, as_of)
            .milestones
            .iter()
            .find(|m| m.kind == MilestoneKind::Surveillance && m.sequence == 1)
            .and_then(|m| m.target.or(m.latest))
            .map(|d| (None, d)),
        _ => None,
    }
}

/// The roadmap from an evaluation of `doc` already at hand.
pub fn roadmap_from(doc: &Document, eval: &Evaluation) -> Roadmap {
    let as_of = eval.as_of;
    let mut steps: Vec<RoadmapStep> = Vec::with_capacity(17);
    // When each step's successors may start: a not-done step's end; for a
    // done step, the earliest start its own dependencies allow, so waiting
    // carries through done steps to the unfinished work behind them.
    let mut ready: Vec<Date> = Vec::with_capacity(17);
    for step in 1..=17u8 {
        let i = usize::from(step - 1);
        let rules = tagged(step);
        let (mut checked, mut failed) = (0u32, 0u32);
        for o in eval.rules.iter().filter(|o| rules.iter().any(|r| r.id == o.rule)) {
            checked = checked.saturating_add(o.checked);
            failed = failed.saturating_add(o.failed);
        }
        let blocked_by: Vec<StepBlocker> = eval
            .findings
            .iter()
            .filter(|f| !f.is_waived() && f.severity.at_least(Severity::Minor) && rules.iter().any(|r| r.id == f.rule))
            .map(|f| StepBlocker { rule: f.rule.clone(), severity: f.severity, fingerprint: f.fingerprint.clone() })
            .collect();
        let status = status_of(doc, step, checked, failed, blocked_by.len(), as_of);
        let depends_on = DEPENDENCIES[i].to_vec();
        let waiting_on: Vec<u8> = depends_on
            .iter()
            .copied()
            .filter(|d| steps.get(usize::from(*d) - 1).is_some_and(|s| s.status != StepStatus::Done))
            .collect();
        let earliest = depends_on
            .iter()
            .filter_map(|d| ready.get(usize::from(*d) - 1).copied())
            .max()
            .map_or(as_of, |e| e.max(as_of));
        let planned = (earliest, add_days(earliest, DEFAULT_DAYS[i]), DateBasis::Planned, false);
        let (start, end, dates, at_risk) = if status == StepStatus::Done {
            (as_of, as_of, DateBasis::Completed, false)
        } else if let Some((doc_start, doc_end)) = document_dates(doc, step, as_of) {
            if doc_end < earliest || doc_end < as_of {
                (planned.0, planned.1, DateBasis::Planned, true)
            } else {
                let start = doc_start.map_or(earliest, |s| s.max(earliest)).min(doc_end);
                (start, doc_end, DateBasis::Document, false)
            }
        } else {
            planned
        };
        ready.push(if status == StepStatus::Done { earliest } else { end });
        steps.push(RoadmapStep {
            step,
            title: STEP_TITLES[i].to_owned(),
            status,
            rules: rules.iter().map(|r| r.id.to_owned()).collect(),
            checked,
            failed,
            blocked_by,
            depends_on,
            waiting_on,
            start,
            end,
            dates,
            at_risk,
        });
    }
    let count = |s: StepStatus| steps.iter().filter(|x| x.status == s).count() as u32;
    Roadmap {
        as_of,
        target_date: doc.certification.target_date,
        done: count(StepStatus::Done),
        in_progress: count(StepStatus::InProgress),
        not_started: count(StepStatus::NotStarted),
        steps,
    }
}

/// Gantt sections, by step range.
fn section(step: u8) -> &'static str {
    match step {
        1..=3 => "Plan",
        4..=8 => "Assess and decide",
        9..=12 => "Implement and operate",
        13..=15 => "Audit and certify",
        _ => "Maintain",
    }
}

/// Mermaid text cannot hold `:`, `#` or `;` in a task name.
fn mermaid_text(s: &str) -> String {
    s.chars().map(|c| if matches!(c, ':' | '#' | ';' | '\n' | '\r') { ' ' } else { c }).collect()
}

/// The roadmap as a Mermaid gantt chart: one section per phase, one task
/// per step (`done`, `active` for in progress, `crit` when at risk), ids
/// `s1`..`s17`. A done step shows as a one-day task at `as_of`.
pub fn roadmap_mermaid(r: &Roadmap) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "gantt");
    let _ = writeln!(s, "    title ISMS roadmap (as of {})", r.as_of);
    let _ = writeln!(s, "    dateFormat YYYY-MM-DD");
    let _ = writeln!(s, "    axisFormat %Y-%m-%d");
    let mut current = "";
    for st in &r.steps {
        let sec = section(st.step);
        if sec != current {
            let _ = writeln!(s, "    section {sec}");
            current = sec;
        }
        let mut tags = Vec::new();
        if st.at_risk {
            tags.push("crit");
        }
        match st.status {
            StepStatus::Done => tags.push("done"),
            StepStatus::InProgress => tags.push("active"),
            StepStatus::NotStarted => {}
        }
        let when = if st.end <= st.start { format!("{}, 1d", st.start) } else { format!("{}, {}", st.start, st.end) };
        let tags = if tags.is_empty() { String::new() } else { format!("{}, ", tags.join(", ")) };
        let _ = writeln!(s, "    {}. {} :{tags}s{}, {when}", st.step, mermaid_text(&st.title), st.step);
    }
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn roadmap(doc: &Document, as_of: Date) -> crate::Result<Roadmap> {
        Ok(crate::Isms::new(doc.clone())?.roadmap(as_of))
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn tables_are_consistent() {
        for (i, deps) in DEPENDENCIES.iter().enumerate() {
            assert!(deps.iter().all(|d| usize::from(*d) <= i && *d >= 1), "step {} depends on later steps", i + 1);
        }
        for step in 1..=17 {
            assert!(!tagged(step).is_empty(), "step {step} has rules");
        }
    }

    #[test]
    fn empty_document_has_nothing_done_and_plans_forward() {
        let doc = crate::json::parse_document(r#"{"schema_version":"1.0","organization":{"name":"x"}}"#).unwrap();
        let r = roadmap(&doc, d("2026-01-01")).unwrap();
        assert_eq!(r.steps.len(), 17);
        assert_eq!(r.done, 0, "{:?}", r.steps.iter().map(|s| (s.step, s.status)).collect::<Vec<_>>());
        let s2 = &r.steps[1];
        assert_eq!(s2.status, StepStatus::NotStarted);
        assert_eq!(s2.waiting_on, vec![1]);
        assert_eq!(s2.dates, DateBasis::Planned);
        assert_eq!(s2.start, r.steps[0].end, "starts when its dependency ends");
        assert_eq!(s2.end, add_days(s2.start, DEFAULT_DAYS[1]));
        let s14 = &r.steps[13];
        assert_eq!(s14.status, StepStatus::NotStarted, "no audits planned");
        assert!(r.steps.iter().all(|s| s.start >= r.as_of && s.end >= s.start));
    }

    #[test]
    fn certification_decision_completes_step_14() {
        let doc = crate::json::parse_document(
            r#"{"schema_version":"1.0","organization":{"name":"x"},
            "certification":{"decision_on":"2025-06-01","audits":[{"id":"s2","kind":"stage2","status":"completed","start_on":"2025-05-01"}]}}"#,
        )
        .unwrap();
        let r = roadmap(&doc, d("2026-01-01")).unwrap();
        assert_eq!(r.steps[13].status, StepStatus::Done);
        assert_eq!(r.steps[13].dates, DateBasis::Completed);
        let early = roadmap(&doc, d("2025-05-15")).unwrap();
        assert_eq!(early.steps[13].status, StepStatus::InProgress, "decision still ahead");
        // Nothing else is in place, so the plan cannot reach the decision date.
        assert!(early.steps[13].at_risk);
        assert_eq!(early.steps[13].dates, DateBasis::Planned);
        assert!(early.steps[13].end > d("2025-06-01"));
    }

    /// Every step a step depends on, directly or not.
    fn ancestors(step: u8) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::new();
        let mut todo = DEPENDENCIES[usize::from(step - 1)].to_vec();
        while let Some(d) = todo.pop() {
            if !out.contains(&d) {
                out.push(d);
                todo.extend_from_slice(DEPENDENCIES[usize::from(d - 1)]);
            }
        }
        out
    }

    /// The scheduling invariant: a step that is not done starts no earlier
    /// than `as_of` and the end of every unfinished step it waits on,
    /// transitively, and ends no earlier than it starts.
    fn assert_ordered(r: &Roadmap) {
        for s in &r.steps {
            assert!(s.end >= s.start && s.start >= r.as_of, "step {} {}..{} as of {}", s.step, s.start, s.end, r.as_of);
            if s.status == StepStatus::Done {
                continue;
            }
            for a in ancestors(s.step) {
                let dep = &r.steps[usize::from(a - 1)];
                if dep.status != StepStatus::Done {
                    assert!(
                        s.start >= dep.end,
                        "as of {}: step {} starts {} before step {} (waited on) ends {}",
                        r.as_of,
                        s.step,
                        s.start,
                        a,
                        dep.end
                    );
                }
            }
        }
    }

    fn northwind() -> Document {
        crate::json::parse_document(include_str!("../../examples/northwind-saas.json")).unwrap()
    }

    #[test]
    fn example_certification_audit_waits_for_reviews_and_documents() {
        let r = roadmap(&northwind(), d("2026-11-29")).unwrap();
        let s14 = &r.steps[13];
        for dep in [11usize, 12, 13] {
            assert!(s14.start >= r.steps[dep - 1].end, "step 14 starts {} before step {dep} ends", s14.start);
        }
        assert!(s14.at_risk, "the document's certification date cannot be kept");
        let s13 = &r.steps[12];
        assert!(s13.at_risk && s13.dates == DateBasis::Planned, "the planned audit ends before step 9 can");
        assert_eq!(s13.start, [9usize, 10, 11, 12].iter().map(|i| r.steps[i - 1].end).max().unwrap());
    }

    #[test]
    fn no_step_starts_before_what_it_waits_on_ends() {
        let docs = [
            northwind(),
            crate::json::parse_document(include_str!("../../examples/starter.json")).unwrap(),
            crate::json::parse_document(include_str!("../../examples/minimal.json")).unwrap(),
            crate::json::parse_document(r#"{"schema_version":"1.0","organization":{"name":"x"}}"#).unwrap(),
        ];
        for doc in &docs {
            let mut as_of = d("2025-06-01");
            while as_of <= d("2028-06-01") {
                let r = roadmap(doc, as_of).unwrap();
                assert_ordered(&r);
                assert_eq!(r, roadmap(doc, as_of).unwrap(), "deterministic");
                as_of = add_days(as_of, 37);
            }
        }
    }

    #[test]
    fn a_document_start_before_the_plan_moves_to_the_plan() {
        let doc = crate::json::parse_document(
            r#"{"schema_version":"1.0","organization":{"name":"x"},
            "certification":{"target_date":"2030-01-01","audits":[{"id":"s1","kind":"stage1","status":"planned","start_on":"2026-01-02"}]}}"#,
        )
        .unwrap();
        let r = roadmap(&doc, d("2026-01-01")).unwrap();
        let s14 = &r.steps[13];
        assert_eq!(s14.dates, DateBasis::Document);
        assert_eq!(s14.end, d("2030-01-01"));
        assert!(!s14.at_risk);
        assert_eq!(s14.start, [11usize, 12, 13].iter().map(|i| r.steps[i - 1].end).max().unwrap());
        assert_ordered(&r);
    }

    #[test]
    fn mermaid_has_one_task_per_step() {
        let doc = crate::json::parse_document(r#"{"schema_version":"1.0","organization":{"name":"x"}}"#).unwrap();
        let m = roadmap_mermaid(&roadmap(&doc, d("2026-01-01")).unwrap());
        assert!(m.starts_with("gantt\n"));
        for n in 1..=17 {
            assert_eq!(m.matches(&format!(" :s{n}, ")).count() + m.matches(&format!(", s{n}, ")).count(), 1, "{m}");
        }
        assert_eq!(mermaid_text("a: b # c"), "a  b   c");
    }
}
