//! The Statement of Applicability and the implementation of its controls
//! (6.1.3 d), 8.1; checklist steps 7–9). Reads the full statement built by
//! [`crate::soa::statement`].
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::model::ImplementationStatus;
use crate::soa::{Applicability, SoaIssueKind};

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "soa.missing",
        title: "No Statement of Applicability",
        clause: "6.1.3",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[8],
        description: "The Statement of Applicability lists every Annex A control with a decision and justification. Fires when the document has no SoA entries at all.",
        remediation: "Review the 93 Annex A controls and record, for each, whether it applies, why, and its implementation status.",
        check: missing,
    },
    Rule {
        id: "soa.control_not_addressed",
        title: "Annex A control not addressed in the SoA",
        clause: "6.1.3",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[8],
        description: "Every Annex A control must be compared against the controls determined, and the SoA must cover all of them. Fires per control without an entry (only when the SoA has entries; an empty SoA is `soa.missing`).",
        remediation: "Add an SoA entry for the control: applicable with reasons, or excluded with a justification.",
        check: not_addressed,
    },
    Rule {
        id: "soa.exclusion_unjustified",
        title: "Exclusion without justification",
        clause: "6.1.3",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[8],
        description: "The SoA must justify the exclusion of any Annex A control (6.1.3 d): a required element of the SoA, so a missing one blocks Stage 1. Fires per excluded control whose justification is missing, blank or a placeholder (`-`, `n/a`, `tbd`, `not applicable`, ...).",
        remediation: "Write why the control is not needed (no corresponding risk, activity or requirement).",
        check: exclusion_unjustified,
    },
    Rule {
        id: "soa.inclusion_without_reason",
        title: "Inclusion without a reason",
        clause: "6.1.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[8],
        description: "The SoA must justify the inclusion of each control. Fires per applicable control with no reason (risk treatment, legal/regulatory, contractual, business).",
        remediation: "Record at least one reason for inclusion.",
        check: inclusion_without_reason,
    },
    Rule {
        id: "soa.excluded_but_relied_on",
        title: "Excluded control relied on by a treatment",
        clause: "6.1.3",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[7, 8],
        description: "The SoA must contain the controls the risk treatment needs. Fires per control that a treatment lists (directly or through a custom control) but the SoA excludes.",
        remediation: "Include the control in the SoA (reason: risk treatment), or change the treatment so it no longer relies on it.",
        check: excluded_but_relied_on,
    },
    Rule {
        id: "soa.relied_on_not_addressed",
        title: "Control relied on by a treatment missing from the SoA",
        clause: "6.1.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[7, 8],
        description: "Fires per control that a treatment relies on but that has no SoA entry (only when the SoA has entries).",
        remediation: "Add the control to the SoA as applicable, with reason risk treatment.",
        check: relied_on_not_addressed,
    },
    Rule {
        id: "soa.risk_reason_unreferenced",
        title: "Included for risk treatment, but no treatment uses it",
        clause: "6.1.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[7, 8],
        description: "A control whose reason for inclusion is risk treatment should be referenced by at least one treatment in the plan. Fires per such control that none references.",
        remediation: "Link the control from the treatments that rely on it, or correct its reason for inclusion.",
        check: risk_reason_unreferenced,
    },
    Rule {
        id: "soa.not_approved",
        title: "SoA not approved",
        clause: "6.1.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[8],
        description: "The risk owners approve the treatment plan and the SoA is a controlled document. Fires when the SoA has entries but no approver or approval date.",
        remediation: "Have the SoA approved and record `soa.approved_by`, `soa.approved_on` and a version.",
        check: not_approved,
    },
    Rule {
        id: "controls.no_owner",
        title: "Applicable control without owner",
        clause: "8.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[9],
        description: "Fires per applicable Annex A control without an owner in the SoA.",
        remediation: "Assign an owner accountable for implementing and operating the control.",
        check: no_owner,
    },
    Rule {
        id: "controls.implementation_overdue",
        title: "Control implementation overdue",
        clause: "8.1",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[7, 9],
        description: "Fires per applicable control not yet implemented whose target date has passed.",
        remediation: "Finish implementing the control, or re-plan it with a new target date approved by the risk owner.",
        check: implementation_overdue,
    },
    Rule {
        id: "controls.not_planned",
        title: "Unimplemented control without a target date",
        clause: "6.1.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[7, 9],
        description: "The risk treatment plan needs target dates. Fires per applicable control not yet implemented with no target date.",
        remediation: "Set a target date (`target_date`) and an owner for the implementation.",
        check: not_planned,
    },
    Rule {
        id: "controls.no_evidence",
        title: "Implemented control without evidence",
        clause: "9.1",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[9, 12],
        description: "An implemented control needs evidence that it operates. Fires per control marked implemented with no linked evidence at all.",
        remediation: "Collect evidence that the control operates (reports, exports, tickets) and link it to the control.",
        check: no_evidence,
    },
    Rule {
        id: "controls.custom_no_owner",
        title: "Custom control without owner",
        clause: "8.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[9],
        description: "Fires per organisation-specific control without an owner.",
        remediation: "Assign an owner to the custom control.",
        check: custom_no_owner,
    },
];

fn missing(cx: &Ctx, out: &mut Out) {
    out.check();
    if cx.doc.soa.entries.is_empty() {
        out.push(Draft::new("there is no Statement of Applicability").entity(K::Soa, "soa"));
    }
}

/// Reports each SoA issue of a kind as a finding about its control.
fn issues(cx: &Ctx, out: &mut Out, kind: SoaIssueKind, examined: impl Fn(Applicability) -> bool) {
    if cx.doc.soa.entries.is_empty() {
        return;
    }
    for e in cx.statement.entries.iter().filter(|e| examined(e.applicability)) {
        out.check_control(&e.control);
    }
    for i in cx.statement.issues.iter().filter(|i| i.kind == kind) {
        // Treatments stay in the message, not the entities: the problem (this
        // control) is the same however many treatments rely on it.
        out.push(Draft::new(i.message.clone()).control(&i.control).entity(K::Control, &i.control));
    }
}

fn not_addressed(cx: &Ctx, out: &mut Out) {
    issues(cx, out, SoaIssueKind::NotAddressed, |_| true);
}

fn exclusion_unjustified(cx: &Ctx, out: &mut Out) {
    issues(cx, out, SoaIssueKind::ExclusionWithoutJustification, |a| a == Applicability::Excluded);
}

fn inclusion_without_reason(cx: &Ctx, out: &mut Out) {
    issues(cx, out, SoaIssueKind::InclusionWithoutReason, |a| a == Applicability::Applicable);
}

fn excluded_but_relied_on(cx: &Ctx, out: &mut Out) {
    // Applies even without SoA entries? No: an empty SoA is `soa.missing`.
    issues(cx, out, SoaIssueKind::ReliedOnButExcluded, |a| a == Applicability::Excluded);
}

fn relied_on_not_addressed(cx: &Ctx, out: &mut Out) {
    issues(cx, out, SoaIssueKind::ReliedOnButNotAddressed, |a| a == Applicability::NotAddressed);
}

fn risk_reason_unreferenced(cx: &Ctx, out: &mut Out) {
    issues(cx, out, SoaIssueKind::RiskTreatmentReasonUnreferenced, |a| a == Applicability::Applicable);
}

fn not_approved(cx: &Ctx, out: &mut Out) {
    let s = &cx.doc.soa;
    if s.entries.is_empty() {
        return;
    }
    out.check();
    if s.approved_by.is_none() || s.approved_on.is_none() {
        out.push(Draft::new("the Statement of Applicability has no recorded approval").entity(K::Soa, "soa"));
    }
}

fn applicable<'c>(cx: &'c Ctx) -> impl Iterator<Item = &'c crate::soa::StatementEntry> {
    cx.statement.entries.iter().filter(|e| e.applicability == Applicability::Applicable)
}

fn no_owner(cx: &Ctx, out: &mut Out) {
    for e in applicable(cx) {
        out.check_control(&e.control);
        if e.owner.is_none() {
            out.push(
                Draft::new(format!("applicable control {} ({}) has no owner", e.control, e.title))
                    .control(&e.control)
                    .entity(K::Control, &e.control),
            );
        }
    }
}

fn implementation_overdue(cx: &Ctx, out: &mut Out) {
    for e in applicable(cx) {
        out.check_control(&e.control);
        let overdue = e.target_date.filter(|t| *t < cx.as_of);
        if let (true, Some(t)) = (e.status != Some(ImplementationStatus::Implemented), overdue) {
            out.push(
                Draft::new(format!("control {} was due to be implemented by {t}", e.control))
                    .control(&e.control)
                    .entity(K::Control, &e.control)
                    .due(Some(t)),
            );
        }
    }
}

fn not_planned(cx: &Ctx, out: &mut Out) {
    for e in applicable(cx) {
        out.check_control(&e.control);
        if e.status != Some(ImplementationStatus::Implemented) && e.target_date.is_none() {
            out.push(
                Draft::new(format!("control {} is not implemented and has no target date", e.control))
                    .control(&e.control)
                    .entity(K::Control, &e.control),
            );
        }
    }
}

fn no_evidence(cx: &Ctx, out: &mut Out) {
    for e in applicable(cx).filter(|e| e.status == Some(ImplementationStatus::Implemented)) {
        out.check_control(&e.control);
        if e.evidence.is_empty() {
            out.push(
                Draft::new(format!("control {} is marked implemented but has no evidence", e.control))
                    .control(&e.control)
                    .entity(K::Control, &e.control),
            );
        }
    }
}

fn custom_no_owner(cx: &Ctx, out: &mut Out) {
    for c in &cx.doc.controls {
        out.check();
        if c.owner.is_none() {
            out.push(
                Draft::new(format!("custom control \"{}\" has no owner", c.title)).entity(K::CustomControl, &c.id),
            );
        }
    }
}
