//! Internal audit (9.2; checklist step 13).
//!
//! The programme's coverage counts completed audits dated within the last
//! `settings.internal_audit_cycle_years` and planned or running audits dated
//! within the next 12 months. A top-level clause is covered when an audit
//! lists it or one of its sub-clauses; a control when an audit lists it.
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::catalog;
use crate::model::{Date, EventStatus, InternalAudit};
use crate::soa::Applicability;
use std::collections::HashSet;

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "internal_audit.never_held",
        title: "No internal audit held",
        clause: "9.2",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[13],
        description: "Internal audits must be conducted at planned intervals; a certification body expects at least one complete cycle before Stage 2 and one held before Stage 1. Fires when no internal audit is completed on or before the evaluation date.",
        remediation: "Plan and carry out an internal audit covering clauses 4–10 and the applicable controls.",
        check: never_held,
    },
    Rule {
        id: "internal_audit.clause_not_covered",
        title: "Clause not covered by the audit programme",
        clause: "9.2.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[13],
        description: "The audit programme must cover the whole ISMS over the cycle. Fires per clause 4–10 that no audit in the coverage window (completed within the cycle, or planned within 12 months) covers.",
        remediation: "Add the clause to the scope of a planned internal audit.",
        check: clause_not_covered,
    },
    Rule {
        id: "internal_audit.control_not_covered",
        title: "Applicable control not covered by the audit programme",
        clause: "9.2.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[13],
        description: "Fires per applicable Annex A control that no audit in the coverage window covers.",
        remediation: "Add the control to the scope of a planned internal audit.",
        check: control_not_covered,
    },
    Rule {
        id: "internal_audit.auditor_not_independent",
        title: "Auditor audits their own work",
        clause: "9.2.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[13],
        description: "Auditors must be objective and impartial. Fires per audit in the coverage window and auditor who owns a control, asset or document within the audit's scope, or belongs to an audited unit.",
        remediation: "Assign an auditor independent of the audited area, or an external auditor.",
        check: not_independent,
    },
    Rule {
        id: "internal_audit.overdue",
        title: "Planned internal audit not held",
        clause: "9.2.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[13],
        description: "Fires per internal audit still `planned` after its planned date.",
        remediation: "Hold the audit, or re-plan it and update the programme.",
        check: overdue,
    },
    Rule {
        id: "internal_audit.no_auditor",
        title: "Internal audit without auditor",
        clause: "9.2.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[13],
        description: "Fires per non-cancelled internal audit with neither auditors nor an external firm.",
        remediation: "Select the auditors.",
        check: no_auditor,
    },
    Rule {
        id: "internal_audit.no_report",
        title: "Completed internal audit without report",
        clause: "9.2.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[12, 13],
        description: "Audit results must be retained and reported to management. Fires per completed audit without a report.",
        remediation: "Write the audit report and link it.",
        check: no_report,
    },
];

fn date_of(a: &InternalAudit) -> Option<Date> {
    a.end_on.or(a.start_on).or(a.planned_on)
}

fn held(cx: &Ctx, a: &InternalAudit) -> bool {
    a.status == EventStatus::Completed && date_of(a).is_some_and(|d| d <= cx.as_of)
}

/// Audits that count for the programme's coverage on `as_of`.
fn in_window<'a>(cx: &Ctx<'a>) -> Vec<&'a InternalAudit> {
    let years = cx.settings().internal_audit_cycle_years;
    let from = cx.as_of.checked_sub_months(chrono::Months::new(12 * years)).unwrap_or(Date::MIN);
    let to = cx.as_of.checked_add_months(chrono::Months::new(12)).unwrap_or(Date::MAX);
    cx.doc
        .internal_audits
        .iter()
        .filter(|a| {
            let Some(d) = date_of(a) else { return false };
            match a.status {
                EventStatus::Completed => d > from && d <= cx.as_of,
                EventStatus::Planned | EventStatus::InProgress => d >= cx.as_of && d <= to,
                EventStatus::Cancelled => false,
            }
        })
        .collect()
}

fn never_held(cx: &Ctx, out: &mut Out) {
    out.check();
    if !cx.doc.internal_audits.iter().any(|a| held(cx, a)) {
        out.push(Draft::new("no internal audit has been completed").entity(K::Organization, "organization"));
    }
}

fn clause_not_covered(cx: &Ctx, out: &mut Out) {
    let audits = in_window(cx);
    for top in catalog::top_level_clauses() {
        out.check();
        let covered = audits.iter().any(|a| a.scope.clauses.iter().any(|c| catalog::is_within(c, top.id)));
        if !covered {
            out.push(
                Draft::new(format!(
                    "clause {} ({}) is not covered by any internal audit in the current cycle",
                    top.id, top.title
                ))
                .clause(top.id)
                .entity(K::Clause, top.id),
            );
        }
    }
}

fn control_not_covered(cx: &Ctx, out: &mut Out) {
    let audits = in_window(cx);
    let covered: HashSet<&str> =
        audits.iter().flat_map(|a| a.scope.controls.iter()).filter_map(|c| catalog::control(c).map(|x| x.id)).collect();
    for e in cx.statement.entries.iter().filter(|e| e.applicability == Applicability::Applicable) {
        out.check_control(&e.control);
        if !covered.contains(e.control.as_str()) {
            out.push(
                Draft::new(format!(
                    "applicable control {} is not covered by any internal audit in the current cycle",
                    e.control
                ))
                .control(&e.control)
                .entity(K::Control, &e.control),
            );
        }
    }
}

/// Why `auditor` is not independent of `audit`, if they are not.
fn conflict(cx: &Ctx, audit: &InternalAudit, auditor: &str) -> Option<String> {
    let scope = &audit.scope;
    for ctl in scope.controls.iter().filter_map(|c| catalog::control(c)) {
        if cx.soa_entries.get(ctl.id).and_then(|e| e.owner.as_deref()) == Some(auditor) {
            return Some(format!("owns control {} in the audit scope", ctl.id));
        }
    }
    let unit = cx.people.get(auditor).and_then(|p| p.unit.as_deref());
    if let Some(unit) = unit.filter(|u| scope.units.iter().any(|s| s == u)) {
        return Some(format!("belongs to audited unit {unit}"));
    }
    if !scope.units.is_empty() {
        for a in &cx.doc.assets {
            if a.owner.as_deref() == Some(auditor) && a.unit.as_ref().is_some_and(|u| scope.units.contains(u)) {
                return Some(format!("owns asset \"{}\" of an audited unit", a.name));
            }
        }
    }
    for d in cx.doc.documents.iter().filter(|d| d.owner.as_deref() == Some(auditor)) {
        let by_control = d.controls.iter().any(|c| {
            catalog::control(c)
                .is_some_and(|x| scope.controls.iter().any(|s| catalog::control(s).is_some_and(|y| y.id == x.id)))
        });
        let by_clause = d.satisfies.iter().any(|k| {
            catalog::mandatory_document(k)
                .is_some_and(|m| scope.clauses.iter().any(|c| catalog::is_within(m.clause, c)))
        });
        if by_control || by_clause {
            return Some(format!("owns document \"{}\" within the audit scope", d.title));
        }
    }
    None
}

fn not_independent(cx: &Ctx, out: &mut Out) {
    for a in in_window(cx) {
        for auditor in &a.auditors {
            out.check();
            if let Some(why) = conflict(cx, a, auditor) {
                out.push(
                    Draft::new(format!("{} audits \"{}\" but {why}", cx.name(auditor), a.title))
                        .entity(K::InternalAudit, &a.id)
                        .entity(K::Person, auditor),
                );
            }
        }
    }
}

fn overdue(cx: &Ctx, out: &mut Out) {
    for a in cx.doc.internal_audits.iter().filter(|a| a.status == EventStatus::Planned) {
        out.check();
        if let Some(d) = a.planned_on.or(a.start_on).filter(|d| *d < cx.as_of) {
            out.push(
                Draft::new(format!("internal audit \"{}\" was planned for {d} and has not been held", a.title))
                    .entity(K::InternalAudit, &a.id)
                    .due(Some(d)),
            );
        }
    }
}

fn no_auditor(cx: &Ctx, out: &mut Out) {
    for a in cx.doc.internal_audits.iter().filter(|a| a.status != EventStatus::Cancelled) {
        out.check();
        if a.auditors.is_empty() && a.external_firm.as_deref().is_none_or(|f| f.trim().is_empty()) {
            out.push(
                Draft::new(format!("internal audit \"{}\" has no auditor", a.title)).entity(K::InternalAudit, &a.id),
            );
        }
    }
}

fn no_report(cx: &Ctx, out: &mut Out) {
    for a in cx.doc.internal_audits.iter().filter(|a| held(cx, a)) {
        out.check();
        if a.report.is_none() {
            out.push(
                Draft::new(format!("internal audit \"{}\" has no report", a.title)).entity(K::InternalAudit, &a.id),
            );
        }
    }
}
