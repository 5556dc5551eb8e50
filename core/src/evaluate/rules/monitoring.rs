//! Continuous monitoring from automated control tests (9.1; checklist step
//! 17). These rules read the results summary given to
//! [`crate::evaluate::evaluate_with`]; without one they examine nothing.
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::monitor::{ControlHealth, Health, SoaStanding};

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "monitoring.control_failing",
        title: "Applicable control failing its automated tests",
        clause: "9.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[17],
        description: "Fires per applicable control with a fresh failing test result whose tolerance window is over. Severity minor, major once it has failed for `escalate_after_days` (default 30), one level higher for a control the monitoring settings mark critical. The finding cites the failing checks and resources; its due date is the end of the tolerance window.",
        remediation: "Fix the failing resources (or record an approved override with a justification and an expiry) and rerun the scan.",
        check: control_failing,
    },
    Rule {
        id: "monitoring.control_at_risk",
        title: "Control failing, within its tolerance window",
        clause: "9.1",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage2,
        steps: &[17],
        description: "Fires per applicable control whose fresh results fail for less than its tolerance window (`tolerance_days`, default 3); the due date is the day it becomes a finding.",
        remediation: "Fix the failing resources before the tolerance window ends.",
        check: control_at_risk,
    },
    Rule {
        id: "monitoring.not_evaluated",
        title: "Control's automated tests decide nothing",
        clause: "9.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[17],
        description: "Fires per applicable control whose fresh results are errors or manual checks only, or passes alongside errors: the control is not evaluated (which is never the same as not applicable).",
        remediation: "Fix the scanner's errors (permissions, connectivity) or assess the manual checks, and rerun.",
        check: not_evaluated,
    },
    Rule {
        id: "monitoring.results_stale",
        title: "Control's automated results are out of date",
        clause: "9.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[17],
        description: "Fires per applicable control whose newest result is older than its cadence (`cadence_days`, default 7): a stale result says nothing about today. The due date is the last day the newest result was fresh.",
        remediation: "Run the scan again, or schedule it at the control's cadence.",
        check: results_stale,
    },
    Rule {
        id: "monitoring.excluded_control_failing",
        title: "Tests fail for a control the SoA excludes",
        clause: "6.1.3",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage2,
        steps: &[8, 17],
        description: "Fires per control the Statement of Applicability excludes whose fresh results fail: reported as excluded, not as a failing control, but the exclusion may deserve another look.",
        remediation: "Confirm the exclusion's justification, or include the control and treat the failures.",
        check: excluded_control_failing,
    },
    Rule {
        id: "monitoring.override_expired",
        title: "Override of test results expired",
        clause: "9.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[17],
        description: "Fires per override in `settings.monitoring.overrides` past its expiry: the results it set aside count again.",
        remediation: "Remove the override, or renew it with a fresh justification and approval.",
        check: override_expired,
    },
];

fn applicable<'a>(ctx: &Ctx<'a>, out: &mut Out) -> Vec<&'a ControlHealth> {
    let Some(m) = ctx.monitor else { return Vec::new() };
    let v: Vec<&ControlHealth> = m.controls.iter().filter(|c| c.soa == SoaStanding::Applicable).collect();
    for c in &v {
        out.check_control(&c.control);
    }
    v
}

fn cite(c: &ControlHealth) -> String {
    let mut parts: Vec<String> = c
        .failing
        .iter()
        .take(3)
        .map(|f| {
            if f.resource_id.is_empty() {
                format!("{} ({})", f.check, f.status.as_str())
            } else {
                format!("{} on {} ({})", f.check, f.resource_id, f.status.as_str())
            }
        })
        .collect();
    if c.failing.len() > 3 {
        parts.push(format!("and {} more", c.failing.len() - 3));
    }
    parts.join("; ")
}

fn draft(c: &ControlHealth, message: String) -> Draft {
    Draft::new(message).control(c.control.clone()).entity(K::Control, c.control.clone()).tests(c.failing.clone())
}

fn control_failing(ctx: &Ctx, out: &mut Out) {
    for c in applicable(ctx, out) {
        if c.health != Health::Failing {
            continue;
        }
        let days = c.days_failing.unwrap_or(0);
        let d =
            draft(c, format!("A.{} {} has failed automated tests for {days} day(s): {}", c.control, c.title, cite(c)))
                .due(c.tolerance_ends)
                .severity(c.finding_severity.unwrap_or(Severity::Minor));
        out.push(d);
    }
}

fn control_at_risk(ctx: &Ctx, out: &mut Out) {
    for c in applicable(ctx, out) {
        if c.health != Health::AtRisk {
            continue;
        }
        out.push(
            draft(
                c,
                format!(
                    "A.{} {} fails automated tests (at risk until the tolerance window ends): {}",
                    c.control,
                    c.title,
                    cite(c)
                ),
            )
            .due(c.tolerance_ends),
        );
    }
}

fn not_evaluated(ctx: &Ctx, out: &mut Out) {
    for c in applicable(ctx, out) {
        if c.health != Health::NotEvaluated {
            continue;
        }
        let n = &c.counts;
        out.push(draft(
            c,
            format!(
                "A.{} {} is not evaluated: {} error(s), {} manual, {} pass(es) among fresh results",
                c.control, c.title, n.error, n.manual, n.pass
            ),
        ));
    }
}

fn results_stale(ctx: &Ctx, out: &mut Out) {
    for c in applicable(ctx, out) {
        if c.health != Health::Stale {
            continue;
        }
        out.push(
            draft(
                c,
                format!(
                    "A.{} {}: newest automated result {} is older than its {}-day cadence",
                    c.control,
                    c.title,
                    c.last_observed.format("%Y-%m-%d"),
                    c.cadence_days
                ),
            )
            .due(Some(c.fresh_until)),
        );
    }
}

fn excluded_control_failing(ctx: &Ctx, out: &mut Out) {
    let Some(m) = ctx.monitor else { return };
    for c in m.controls.iter().filter(|c| c.soa == SoaStanding::Excluded) {
        out.check_control(&c.control);
        if c.health.is_failing() {
            out.push(draft(
                c,
                format!(
                    "A.{} {} is excluded by the SoA, yet its automated tests fail: {}",
                    c.control,
                    c.title,
                    cite(c)
                ),
            ));
        }
    }
}

fn override_expired(ctx: &Ctx, out: &mut Out) {
    let Some(m) = ctx.monitor else { return };
    out.checks(ctx.settings().monitoring.as_ref().map_or(0, |s| s.overrides.len()));
    for o in &m.expired_overrides {
        let what = o.check.as_deref().map(|c| format!(" (check {c})")).unwrap_or_default();
        out.push(
            Draft::new(format!(
                "The override of A.{}{what} approved by {} expired on {}",
                o.control,
                ctx.name(&o.approved_by),
                o.expires_on
            ))
            .control(o.control.clone())
            .entity(K::Control, o.control.clone())
            .entity(K::Person, o.approved_by.clone())
            .due(Some(o.expires_on)),
        );
    }
}
