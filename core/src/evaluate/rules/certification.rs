//! The certification cycle (ISO/IEC 17021-1 surveillance and
//! recertification; checklist steps 1, 14 and 16). Deliberately simple: the
//! full cycle scheduler lives elsewhere; these rules only warn when a
//! deadline of the cycle is at risk.
//!
//! - Surveillance audit *k* (k = 1 … validity − 1) falls due `12·k` months
//!   after the certification decision; it counts as planned when a
//!   non-cancelled surveillance (or recertification) audit is dated in the
//!   12 months before that deadline.
//! - Recertification must be planned once expiry is within 180 days.
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::model::{Date, EventStatus, ExternalAudit, ExternalAuditKind};
use crate::schedule::Status;
use chrono::Months;

/// Days before a deadline at which an unplanned certification audit is flagged.
pub(in crate::evaluate) const LEAD_DAYS: u32 = 180;

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "certification.not_planned",
        title: "No certification target",
        clause: "4.4",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage2,
        steps: &[1, 14],
        description: "A roadmap to certification starts with a target date. Fires when the organisation is not certified, has no target date and has no certification audit planned.",
        remediation: "Set `certification.target_date` and book Stage 1 and Stage 2 with a certification body.",
        check: not_planned,
    },
    Rule {
        id: "certification.target_at_risk",
        title: "Certification target date at risk",
        clause: "4.4",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[1, 14],
        description: "Fires when the organisation is not certified, its target date is within 180 days (or past), and no Stage 2 audit is planned or held on or before it.",
        remediation: "Book the Stage 1 and Stage 2 audits with the certification body, or move the target date.",
        check: target_at_risk,
    },
    Rule {
        id: "certification.new_stage2_required",
        title: "Major nonconformities from Stage 2 not verified in time",
        clause: "10.2",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage2,
        steps: &[14, 15],
        description: "Before an initial certification decision, the certification body must verify the correction and corrective action of every major nonconformity from Stage 2 within a set period after Stage 2 ends (ISO/IEC 17021-1; six months by default, `certification.cycle_rules.major_nc_closure_months`). Fires when that period has passed with a major nonconformity from Stage 2 still not verified: the certification decision cannot be taken on that Stage 2, and a new Stage 2 audit is required.",
        remediation: "Agree a new Stage 2 audit with the certification body, and have the open major nonconformities corrected and verified before it.",
        check: new_stage2_required,
    },
    Rule {
        id: "certification.surveillance_at_risk",
        title: "Surveillance audit not planned",
        clause: "4.4",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[16],
        description: "A certificate is kept by a surveillance audit every year of the cycle, the first within 12 months of the certification decision. Fires when a surveillance deadline is within 180 days with no audit planned for it (major), or has passed without one (blocker).",
        remediation: "Book the surveillance audit with the certification body before the deadline.",
        check: surveillance_at_risk,
    },
    Rule {
        id: "certification.recertification_not_planned",
        title: "Recertification audit not planned",
        clause: "4.4",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[16],
        description: "Fires when the certificate expires within 180 days and no recertification audit is planned or held in the year before expiry.",
        remediation: "Book the recertification audit so the decision can be taken before expiry.",
        check: recertification_not_planned,
    },
    Rule {
        id: "certification.expired",
        title: "Certificate expired",
        clause: "4.4",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage2,
        steps: &[16],
        description: "Fires when the certificate's expiry date has passed, and says which way back is still open: within the restoration window (ISO/IEC 17021-1 9.6.3.2.5: six months after expiry by default, `certification.cycle_rules`) a completed recertification restores the certificate; after it, a new initial certification with at least a Stage 2 audit is needed.",
        remediation: "Within the restoration window: complete the recertification audit and decision before the window closes. After it: plan a new initial certification (at least Stage 2) with the certification body.",
        check: expired,
    },
];

fn audit_date(a: &ExternalAudit) -> Option<Date> {
    a.start_on.or(a.end_on)
}

fn live(a: &ExternalAudit) -> bool {
    a.status != EventStatus::Cancelled
}

fn expiry(cx: &Ctx) -> Option<Date> {
    let c = &cx.doc.certification;
    c.expires_on
        .or_else(|| c.decision_on.and_then(|d| d.checked_add_months(Months::new(12 * c.validity_years.unwrap_or(3)))))
}

fn not_planned(cx: &Ctx, out: &mut Out) {
    let c = &cx.doc.certification;
    if c.decision_on.is_some() {
        return;
    }
    out.check();
    if c.target_date.is_none() && !c.audits.iter().any(live) {
        out.push(Draft::new("no certification target date or audit is planned").entity(K::Certification, "target"));
    }
}

fn target_at_risk(cx: &Ctx, out: &mut Out) {
    let c = &cx.doc.certification;
    let Some(target) = c.target_date else { return };
    if c.decision_on.is_some() {
        return;
    }
    out.check();
    if target > cx.in_days(LEAD_DAYS) {
        return;
    }
    let stage2 = c
        .audits
        .iter()
        .any(|a| live(a) && a.kind == ExternalAuditKind::Stage2 && audit_date(a).is_some_and(|d| d <= target));
    if !stage2 {
        out.push(
            Draft::new(format!("certification is targeted for {target} but no Stage 2 audit is planned by then"))
                .entity(K::Certification, "target")
                .due(Some(target)),
        );
    }
}

fn new_stage2_required(cx: &Ctx, out: &mut Out) {
    let c = &cx.doc.certification;
    if c.decision_on.is_some() {
        return;
    }
    let cycle = crate::schedule::certification_cycle(cx.doc, cx.as_of);
    let Some(m) = cycle.milestones.iter().find(|m| m.kind == crate::schedule::MilestoneKind::MajorNcClosure) else {
        return;
    };
    out.check();
    if cycle.new_stage2_required {
        let latest = m.latest.map(|d| d.to_string()).unwrap_or_default();
        out.push(
            Draft::new(format!(
                "not every major nonconformity from Stage 2 was verified by {latest}, the end of the closure period \
                 after Stage 2: the certification decision cannot be taken on that Stage 2, and a new Stage 2 audit \
                 is required"
            ))
            .entity(K::Certification, "stage2")
            .due(m.latest),
        );
    }
}

/// Surveillance deadlines come from the certification-cycle scheduler
/// ([`crate::schedule::certification_cycle`]), which applies ISO/IEC 17021-1
/// (first surveillance within 12 months of the decision, then at least once a
/// calendar year) and the document's `cycle_rules`; this rule only turns its
/// verdicts into findings, so the rule is written once.
fn surveillance_at_risk(cx: &Ctx, out: &mut Out) {
    let c = &cx.doc.certification;
    let Some(decision) = c.decision_on else { return };
    let Some(expires) = expiry(cx) else { return };
    if cx.as_of < decision || cx.as_of > expires {
        return;
    }
    let horizon = cx.in_days(LEAD_DAYS);
    let cycle = crate::schedule::certification_cycle(cx.doc, cx.as_of);
    for m in cycle.milestones.iter().filter(|m| m.kind == crate::schedule::MilestoneKind::Surveillance) {
        let Some(due) = m.latest.or(m.target) else { continue };
        if m.status == Status::Done || due > horizon {
            continue;
        }
        out.check();
        let k = m.sequence;
        let missed = m.status == Status::Missed;
        if !missed && m.audit.is_some() {
            continue;
        }
        let msg = if missed {
            format!(
                "surveillance audit {k} was due by {due} and none was held in time: the certificate may be suspended"
            )
        } else {
            format!("surveillance audit {k} is due by {due} and none is planned")
        };
        let mut d = Draft::new(msg).entity(K::Certification, format!("surveillance_{k}")).due(Some(due));
        if missed {
            d = d.severity(Severity::Blocker);
        }
        out.push(d);
    }
}

fn recertification_not_planned(cx: &Ctx, out: &mut Out) {
    let Some(expires) = expiry(cx) else { return };
    if expires < cx.as_of || expires > cx.in_days(LEAD_DAYS) {
        return;
    }
    out.check();
    let from = expires.checked_sub_months(Months::new(12)).unwrap_or(Date::MIN);
    let planned = cx.doc.certification.audits.iter().any(|a| {
        live(a)
            && a.kind == ExternalAuditKind::Recertification
            && audit_date(a).is_some_and(|d| d > from && d <= expires)
    });
    if !planned {
        out.push(
            Draft::new(format!("the certificate expires on {expires} and no recertification audit is planned"))
                .entity(K::Certification, "recertification")
                .due(Some(expires)),
        );
    }
}

fn expired(cx: &Ctx, out: &mut Out) {
    let Some(expires) = expiry(cx) else { return };
    out.check();
    if expires < cx.as_of {
        let until = crate::schedule::certification_cycle(cx.doc, cx.as_of).restoration_until;
        let (message, due) = match until {
            Some(until) if cx.as_of <= until => (
                format!(
                    "the certificate expired on {expires}; it can still be restored by completing the recertification \
                     by {until} (restoration window), after which a new initial certification with Stage 2 is needed"
                ),
                Some(until),
            ),
            Some(until) => (
                format!(
                    "the certificate expired on {expires} and its restoration window closed on {until}: a new initial \
                     certification with at least a Stage 2 audit is needed"
                ),
                Some(expires),
            ),
            None => (format!("the certificate expired on {expires}"), Some(expires)),
        };
        out.push(Draft::new(message).entity(K::Certification, "certificate").due(due));
    }
}
