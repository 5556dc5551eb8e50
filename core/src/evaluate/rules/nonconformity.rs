//! Nonconformity and corrective action (10.2; checklist step 15).
//!
//! A nonconformity is *open* until it is verified, closed, rejected or
//! cancelled. Its deadline is the one the lifecycle module computes
//! ([`crate::nc::deadline`]): `due_on`, or the defaults by grade in
//! `settings.nc_deadlines`, tightened for certification-body findings.
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::model::{Date, Grade, NcState, Nonconformity};

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "nonconformity.major_open",
        title: "Major nonconformity open",
        clause: "10.2",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage2,
        steps: &[15],
        description: "A certification body does not recommend certification (or keeps a certificate at risk) while a major nonconformity is open. Fires per open major nonconformity.",
        remediation: "Correct it, find the root cause, implement and verify corrective action, then close it.",
        check: major_open,
    },
    Rule {
        id: "nonconformity.overdue",
        title: "Nonconformity past its deadline",
        clause: "10.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[15],
        description: "Fires per open nonconformity past its deadline (`due_on`, or the grade's default).",
        remediation: "Finish the corrective action, or agree a new deadline and record it.",
        check: overdue,
    },
    Rule {
        id: "nonconformity.no_owner",
        title: "Nonconformity without owner",
        clause: "10.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[15],
        description: "Fires per open nonconformity without an owner.",
        remediation: "Assign an owner responsible for resolving it.",
        check: no_owner,
    },
    Rule {
        id: "nonconformity.action_overdue",
        title: "Corrective action overdue",
        clause: "10.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[15],
        description: "Fires per corrective action of an open nonconformity past its due date and not completed.",
        remediation: "Complete the action or re-plan it.",
        check: action_overdue,
    },
    Rule {
        id: "nonconformity.ineffective",
        title: "Closed nonconformity whose action was not effective",
        clause: "10.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[15],
        description: "Corrective actions must be reviewed for effectiveness. Fires per verified or closed nonconformity whose verification found the actions not effective.",
        remediation: "Reopen the nonconformity (or raise a new one) and take further action.",
        check: ineffective,
    },
    Rule {
        id: "nonconformity.finding_not_raised",
        title: "Audit finding not raised as nonconformity",
        clause: "10.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[13, 15],
        description: "Fires per major or minor internal audit finding that is not linked to a nonconformity.",
        remediation: "Raise a nonconformity for the finding and link it.",
        check: finding_not_raised,
    },
];

fn is_open(n: &Nonconformity) -> bool {
    !matches!(n.state, NcState::Verified | NcState::Closed | NcState::Rejected | NcState::Cancelled)
}

fn open<'a>(cx: &Ctx<'a>) -> impl Iterator<Item = &'a Nonconformity> + use<'a> {
    let as_of = cx.as_of;
    cx.doc.nonconformities.iter().filter(move |n| is_open(n) && n.raised_on <= as_of)
}

fn deadline(cx: &Ctx, n: &Nonconformity) -> Option<Date> {
    crate::nc::deadline(n, cx.doc)
}

fn major_open(cx: &Ctx, out: &mut Out) {
    for n in open(cx).filter(|n| n.grade == Grade::Major) {
        out.check();
        out.push(
            Draft::new(format!("major nonconformity \"{}\" (raised {}) is still open", n.title, n.raised_on))
                .entity(K::Nonconformity, &n.id)
                .due(deadline(cx, n)),
        );
    }
}

fn overdue(cx: &Ctx, out: &mut Out) {
    for n in open(cx) {
        out.check();
        if let Some(due) = deadline(cx, n).filter(|d| *d < cx.as_of) {
            out.push(
                Draft::new(format!("nonconformity \"{}\" was due to be resolved by {due}", n.title))
                    .entity(K::Nonconformity, &n.id)
                    .due(Some(due)),
            );
        }
    }
}

fn no_owner(cx: &Ctx, out: &mut Out) {
    for n in open(cx) {
        out.check();
        if n.owner.is_none() {
            out.push(Draft::new(format!("nonconformity \"{}\" has no owner", n.title)).entity(K::Nonconformity, &n.id));
        }
    }
}

fn action_overdue(cx: &Ctx, out: &mut Out) {
    for n in open(cx) {
        for a in &n.actions {
            out.check();
            if a.completed_on.is_none() && a.due_on < cx.as_of {
                out.push(
                    Draft::new(format!(
                        "corrective action \"{}\" of \"{}\" was due on {}",
                        a.description, n.title, a.due_on
                    ))
                    .entity(K::CorrectiveAction, &a.id)
                    .due(Some(a.due_on)),
                );
            }
        }
    }
}

fn ineffective(cx: &Ctx, out: &mut Out) {
    for n in cx.doc.nonconformities.iter().filter(|n| matches!(n.state, NcState::Verified | NcState::Closed)) {
        let Some(v) = &n.verification else { continue };
        out.check();
        if !v.effective {
            out.push(
                Draft::new(format!(
                    "nonconformity \"{}\" was closed although its actions were found not effective",
                    n.title
                ))
                .entity(K::Nonconformity, &n.id),
            );
        }
    }
}

fn finding_not_raised(cx: &Ctx, out: &mut Out) {
    for a in &cx.doc.internal_audits {
        for f in a.findings.iter().filter(|f| matches!(f.grade, Grade::Major | Grade::Minor)) {
            out.check();
            if f.nonconformity.is_none() {
                let grade = if f.grade == Grade::Major { "major" } else { "minor" };
                let mut d = Draft::new(format!("{grade} finding {} of \"{}\" has no nonconformity", f.id, a.title))
                    .entity(K::AuditFinding, &f.id);
                if let Some(c) = &f.control {
                    if let Some(ctl) = crate::catalog::control(c) {
                        d = d.control(ctl.id);
                    }
                }
                out.push(d);
            }
        }
    }
}
