//! Risk assessment and treatment (6.1.2, 6.1.3, 8.2, 8.3; checklist steps
//! 5–7).
//!
//! Levels, appetite, acceptance validity and review dates come from the risk
//! engine ([`crate::risk::assess`]); these rules judge them against 6.1.3.
//! A rule that needs a level skips a risk the engine could not rate.
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::model::{ActionStatus, Risk, RiskStatus, TreatmentOption};

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "risk.methodology_not_defined",
        title: "Risk criteria not chosen",
        clause: "6.1.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[5],
        description: "The organisation must establish its own risk acceptance and assessment criteria. Fires when the methodology names no preset and defines no scales, levels or matrix (the engine then falls back to a default 5×5).",
        remediation: "Choose a preset (`risk_methodology.preset`) or define scales, levels, matrix and appetite.",
        check: methodology_not_defined,
    },
    Rule {
        id: "risk.methodology_not_documented",
        title: "Risk methodology not documented",
        clause: "6.1.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[5],
        description: "Information about the risk assessment process must be retained as documented information. Fires when `risk_methodology.document` does not name the document that describes it.",
        remediation: "Write the risk assessment methodology and link it in `risk_methodology.document`.",
        check: methodology_not_documented,
    },
    Rule {
        id: "risk.register_empty",
        title: "No risks in the register",
        clause: "8.2",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[5, 6],
        description: "Risk assessments must be performed and their results retained. Fires when the register holds no open risk.",
        remediation: "Identify, analyse and evaluate risks and record them in the register.",
        check: register_empty,
    },
    Rule {
        id: "risk.no_owner",
        title: "Risk without owner",
        clause: "6.1.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[6, 7],
        description: "Risk owners must be identified. Fires per open risk without an owner.",
        remediation: "Assign a risk owner with the authority to accept the residual risk.",
        check: no_owner,
    },
    Rule {
        id: "risk.not_assessed",
        title: "Risk not rated",
        clause: "6.1.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[5, 6],
        description: "Each risk's likelihood and consequence must be assessed to determine its level. Fires per open risk whose inherent level cannot be determined (no rating, or no consequence).",
        remediation: "Rate the risk's likelihood and consequence on the methodology's scales.",
        check: not_assessed,
    },
    Rule {
        id: "risk.assessment_stale",
        title: "Risk assessment out of date",
        clause: "8.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[5, 9],
        description: "Risk assessments must be performed at planned intervals. Fires per open risk never dated (`assessed_on`) or assessed longer ago than `settings.risk_review_days`; the due date is when the reassessment fell due.",
        remediation: "Reassess the risk and record `assessed_on`.",
        check: assessment_stale,
    },
    Rule {
        id: "risk.untreated_above_appetite",
        title: "Risk above appetite without treatment",
        clause: "6.1.3",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[7],
        description: "Risks beyond the acceptance criteria must be treated. Fires per open risk whose inherent level is above the appetite and that has neither a treatment nor a valid acceptance.",
        remediation: "Choose a treatment option (modify, share, avoid, retain) with controls and actions, or have the owner formally accept it.",
        check: untreated_above_appetite,
    },
    Rule {
        id: "risk.action_overdue",
        title: "Treatment action overdue",
        clause: "8.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[7],
        description: "The risk treatment plan must be implemented. Fires per action not done or cancelled past its due date (for a risk above the appetite the finding is a major; otherwise a minor).",
        remediation: "Finish the action, or re-plan it with the risk owner.",
        check: action_overdue,
    },
    Rule {
        id: "risk.action_unplanned",
        title: "Treatment action without owner or date",
        clause: "6.1.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[7],
        description: "The treatment plan says who does what by when. Fires per open action with no owner or no due date.",
        remediation: "Give the action an owner and a due date.",
        check: action_unplanned,
    },
    Rule {
        id: "risk.residual_not_accepted",
        title: "Residual risk not accepted",
        clause: "6.1.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[7],
        description: "Risk owners must accept the residual risks. Fires per open, treated risk without an acceptance by its owner (the risk must be rated to be judged).",
        remediation: "Have the risk owner accept the residual risk and record who and when.",
        check: residual_not_accepted,
    },
    Rule {
        id: "risk.residual_above_appetite",
        title: "Residual risk still above appetite",
        clause: "6.1.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[7],
        description: "Fires per open risk whose target residual level is above the appetite and that the owner has not (validly) accepted.",
        remediation: "Strengthen the treatment, or have top management and the owner accept the risk explicitly.",
        check: residual_above_appetite,
    },
    Rule {
        id: "risk.acceptance_expired",
        title: "Risk acceptance expired",
        clause: "6.1.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[7],
        description: "Fires per open risk whose acceptance has run out (`valid_until`, or `acceptance_validity_days` after it was given).",
        remediation: "Review the risk and renew (or withdraw) the acceptance.",
        check: acceptance_expired,
    },
    Rule {
        id: "risk.treatment_not_approved",
        title: "Treatment plan not approved by the risk owner",
        clause: "6.1.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[7],
        description: "Risk owners approve the treatment plan. Fires per treatment of an open risk without an approver and date.",
        remediation: "Have the risk owner approve the treatment and record it.",
        check: treatment_not_approved,
    },
    Rule {
        id: "risk.modify_without_controls",
        title: "Risk modification without controls",
        clause: "6.1.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[7, 8],
        description: "A treatment that modifies a risk does so through controls, which the SoA must then contain. Fires per `modify` treatment that lists no control.",
        remediation: "List the Annex A or custom controls the treatment relies on.",
        check: modify_without_controls,
    },
];

fn open<'a>(cx: &Ctx<'a>) -> impl Iterator<Item = &'a Risk> + use<'a> {
    cx.doc.risks.iter().filter(|r| r.status != RiskStatus::Closed)
}

fn validly_accepted(cx: &Ctx, r: &Risk) -> bool {
    cx.assessed(&r.id).is_some_and(|a| a.accepted)
}

fn inherent_above(cx: &Ctx, r: &Risk) -> bool {
    cx.assessed(&r.id).and_then(|a| a.inherent.as_ref()).is_some_and(|l| l.above_appetite)
}

fn risk_draft(msg: String, r: &Risk) -> Draft {
    Draft::new(msg).entity(K::Risk, &r.id)
}

fn methodology_not_defined(cx: &Ctx, out: &mut Out) {
    out.check();
    let m = &cx.doc.risk_methodology;
    if m.preset.is_none() && m.likelihood_scale.is_empty() && m.levels.is_empty() && m.matrix.is_empty() {
        out.push(
            Draft::new("no risk criteria are chosen; the engine assumes the default 5×5 matrix")
                .entity(K::RiskMethodology, "risk_methodology"),
        );
    }
}

fn methodology_not_documented(cx: &Ctx, out: &mut Out) {
    out.check();
    let linked = cx.doc.risk_methodology.document.as_deref().is_some_and(|d| cx.documents.contains_key(d));
    if !linked {
        out.push(
            Draft::new("the risk assessment methodology is not linked to a document describing it")
                .entity(K::RiskMethodology, "risk_methodology"),
        );
    }
}

fn register_empty(cx: &Ctx, out: &mut Out) {
    out.check();
    if open(cx).next().is_none() {
        out.push(Draft::new("the risk register holds no open risk").entity(K::Organization, "organization"));
    }
}

fn no_owner(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        out.check();
        if r.owner.is_none() {
            out.push(risk_draft(format!("risk \"{}\" has no owner", r.title), r));
        }
    }
}

fn not_assessed(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        out.check();
        if cx.assessed(&r.id).is_none_or(|a| a.inherent.is_none()) {
            out.push(risk_draft(format!("risk \"{}\" has no inherent risk level (rating incomplete)", r.title), r));
        }
    }
}

fn assessment_stale(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        out.check();
        let Some(a) = cx.assessed(&r.id) else { continue };
        match (a.assessed_on, a.review_due_on) {
            (None, _) => out.push(risk_draft(format!("risk \"{}\" has no assessment date", r.title), r)),
            (Some(on), Some(due)) if a.review_overdue => out.push(
                risk_draft(format!("risk \"{}\" was last assessed on {on}; reassessment was due {due}", r.title), r)
                    .due(Some(due)),
            ),
            _ => {}
        }
    }
}

fn untreated_above_appetite(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        if !inherent_above(cx, r) {
            continue;
        }
        out.check();
        let treated = cx.treatments_of.get(r.id.as_str()).is_some_and(|t| !t.is_empty());
        if !treated && !validly_accepted(cx, r) {
            out.push(risk_draft(format!("risk \"{}\" is above the risk appetite and has no treatment", r.title), r));
        }
    }
}

fn action_overdue(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        let above = inherent_above(cx, r);
        for t in cx.treatments_of.get(r.id.as_str()).into_iter().flatten() {
            for a in &t.actions {
                if matches!(a.status, ActionStatus::Done | ActionStatus::Cancelled) {
                    continue;
                }
                out.check();
                if let Some(due) = a.due_on.filter(|d| *d < cx.as_of) {
                    let mut d = Draft::new(format!(
                        "treatment action \"{}\" for risk \"{}\" was due on {due}",
                        a.title, r.title
                    ))
                    .entity(K::TreatmentAction, &a.id)
                    .due(Some(due));
                    if !above {
                        d = d.severity(Severity::Minor);
                    }
                    out.push(d);
                }
            }
        }
    }
}

fn action_unplanned(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        for t in cx.treatments_of.get(r.id.as_str()).into_iter().flatten() {
            for a in t.actions.iter().filter(|a| !matches!(a.status, ActionStatus::Done | ActionStatus::Cancelled)) {
                out.check();
                if a.owner.is_none() || a.due_on.is_none() {
                    out.push(
                        Draft::new(format!("treatment action \"{}\" has no owner or no due date", a.title))
                            .entity(K::TreatmentAction, &a.id),
                    );
                }
            }
        }
    }
}

fn residual_not_accepted(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        if !cx.treatments_of.contains_key(r.id.as_str()) {
            continue;
        }
        out.check();
        // An expired acceptance is `risk.acceptance_expired`'s finding.
        let expired = cx.assessed(&r.id).is_some_and(|a| a.acceptance_expired);
        if !validly_accepted(cx, r) && !expired {
            out.push(risk_draft(format!("the residual risk of \"{}\" has not been accepted by its owner", r.title), r));
        }
    }
}

fn residual_above_appetite(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        let Some(residual) = cx.assessed(&r.id).and_then(|a| a.residual.as_ref()) else { continue };
        out.check();
        if residual.above_appetite && !validly_accepted(cx, r) {
            out.push(risk_draft(format!("the target residual level of \"{}\" is above the risk appetite", r.title), r));
        }
    }
}

fn acceptance_expired(cx: &Ctx, out: &mut Out) {
    for r in open(cx).filter(|r| r.acceptance.is_some()) {
        out.check();
        let Some(a) = cx.assessed(&r.id) else { continue };
        if let (true, Some(end)) = (a.acceptance_expired, a.acceptance_expires_on) {
            out.push(risk_draft(format!("the acceptance of \"{}\" expired on {end}", r.title), r).due(Some(end)));
        }
    }
}

fn treatment_not_approved(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        for t in cx.treatments_of.get(r.id.as_str()).into_iter().flatten() {
            out.check();
            if t.approved_by.is_none() || t.approved_on.is_none() {
                out.push(
                    Draft::new(format!("the treatment of risk \"{}\" has not been approved by its owner", r.title))
                        .entity(K::Treatment, &t.id),
                );
            }
        }
    }
}

fn modify_without_controls(cx: &Ctx, out: &mut Out) {
    for r in open(cx) {
        for t in
            cx.treatments_of.get(r.id.as_str()).into_iter().flatten().filter(|t| t.option == TreatmentOption::Modify)
        {
            out.check();
            if t.controls.is_empty() {
                out.push(
                    Draft::new(format!("the treatment of risk \"{}\" modifies it but names no control", r.title))
                        .entity(K::Treatment, &t.id),
                );
            }
        }
    }
}
