//! Management review (9.3; checklist step 11).
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::model::{EventStatus, ManagementReview, ReviewInput, RoleKind};

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "management_review.never_held",
        title: "No management review held",
        clause: "9.3",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[11],
        description: "Top management must review the ISMS at planned intervals; certification bodies expect one before Stage 1. Fires when no management review is completed on or before the evaluation date.",
        remediation: "Hold a management review that covers all the 9.3.2 inputs and record it with minutes and decisions.",
        check: never_held,
    },
    Rule {
        id: "management_review.overdue",
        title: "Management review overdue",
        clause: "9.3.1",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[11],
        description: "Fires when the latest completed review is older than `settings.management_review_interval_months` (default 12); the due date is when the next one fell due.",
        remediation: "Hold the next management review.",
        check: overdue,
    },
    Rule {
        id: "management_review.inputs_missing",
        title: "Management review missed required inputs",
        clause: "9.3.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[11],
        description: "A management review must consider each input 9.3.2 lists (a) to g), with d) split into its four trends). Fires when the latest completed review did not record all of them.",
        remediation: "Cover the missing inputs at the next review (or record them if they were covered).",
        check: inputs_missing,
    },
    Rule {
        id: "management_review.top_management_absent",
        title: "Top management not at the management review",
        clause: "9.3.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[3, 11],
        description: "The review is top management's. Fires when the latest completed review's attendees include no holder of a top-management sponsor role.",
        remediation: "Make sure the sponsor (or another member of top management) attends and records it.",
        check: top_management_absent,
    },
    Rule {
        id: "management_review.no_minutes",
        title: "Management review without minutes",
        clause: "9.3.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[11, 12],
        description: "The results of reviews must be retained as documented information. Fires per completed review without minutes.",
        remediation: "Write up the minutes (inputs, decisions, actions) and link the document.",
        check: no_minutes,
    },
    Rule {
        id: "management_review.decision_overdue",
        title: "Management review decision overdue",
        clause: "10.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[11, 15],
        description: "Fires per management review decision past its due date and not completed.",
        remediation: "Complete the action or re-plan it at the next review.",
        check: decision_overdue,
    },
];

fn completed<'a>(cx: &Ctx<'a>) -> impl Iterator<Item = &'a ManagementReview> + use<'a> {
    let as_of = cx.as_of;
    cx.doc.management_reviews.iter().filter(move |r| r.status == EventStatus::Completed && r.date <= as_of)
}

fn latest<'a>(cx: &Ctx<'a>) -> Option<&'a ManagementReview> {
    completed(cx).max_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)))
}

fn never_held(cx: &Ctx, out: &mut Out) {
    out.check();
    if latest(cx).is_none() {
        out.push(Draft::new("no management review has been held").entity(K::Organization, "organization"));
    }
}

fn overdue(cx: &Ctx, out: &mut Out) {
    let Some(last) = latest(cx) else { return };
    out.check();
    let months = cx.settings().management_review_interval_months;
    let due = last.date.checked_add_months(chrono::Months::new(months)).unwrap_or(crate::model::Date::MAX);
    if due < cx.as_of {
        out.push(
            Draft::new(format!(
                "the last management review was on {}; the next was due by {due} (every {months} months)",
                last.date
            ))
            .entity(K::Organization, "organization")
            .due(Some(due)),
        );
    }
}

fn inputs_missing(cx: &Ctx, out: &mut Out) {
    let Some(last) = latest(cx) else { return };
    out.check();
    let missing: Vec<&ReviewInput> = ReviewInput::ALL.iter().filter(|i| !last.inputs.contains(i)).collect();
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(|i| format!("{} ({})", i.label(), i.clause_ref())).collect();
        out.push(
            Draft::new(format!("the management review of {} did not consider: {}", last.date, list.join("; ")))
                .entity(K::ManagementReview, &last.id),
        );
    }
}

fn top_management_absent(cx: &Ctx, out: &mut Out) {
    let Some(last) = latest(cx) else { return };
    let sponsors: Vec<&str> = cx
        .doc
        .roles
        .iter()
        .filter(|r| r.kind == RoleKind::TopManagementSponsor)
        .flat_map(|r| r.holders.iter().map(String::as_str))
        .collect();
    if sponsors.is_empty() {
        return;
    }
    out.check();
    if !last.attendees.iter().any(|a| sponsors.contains(&a.as_str())) {
        out.push(
            Draft::new(format!("no top-management sponsor attended the management review of {}", last.date))
                .entity(K::ManagementReview, &last.id),
        );
    }
}

fn no_minutes(cx: &Ctx, out: &mut Out) {
    for r in completed(cx) {
        out.check();
        if r.minutes.is_none() {
            out.push(
                Draft::new(format!("the management review of {} has no minutes", r.date))
                    .entity(K::ManagementReview, &r.id),
            );
        }
    }
}

fn decision_overdue(cx: &Ctx, out: &mut Out) {
    for r in &cx.doc.management_reviews {
        for d in &r.decisions {
            out.check();
            if let (None, Some(due)) = (d.completed_on, d.due_on.filter(|due| *due < cx.as_of)) {
                out.push(
                    Draft::new(format!("management review decision \"{}\" was due on {due}", d.description))
                        .entity(K::Decision, &d.id)
                        .due(Some(due)),
                );
            }
        }
    }
}
