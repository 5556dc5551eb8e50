//! Information security objectives and their measurement (6.2, 9.1;
//! checklist steps 9 and 11).
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use super::blank;
use crate::soa::add_days;

/// Days between measurements when an objective does not say.
pub(in crate::evaluate) const DEFAULT_MEASURE_EVERY_DAYS: u32 = 90;

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "objectives.missing",
        title: "No information security objectives",
        clause: "6.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[9],
        description: "The organisation must establish information security objectives. Fires when none are recorded.",
        remediation: "Set a handful of measurable objectives consistent with the policy (e.g. training completion, patch latency, incident response time).",
        check: missing,
    },
    Rule {
        id: "objectives.not_measurable",
        title: "Objective without metric or target",
        clause: "6.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[9],
        description: "Objectives must be measurable where practicable. Fires per objective without a metric or a target value.",
        remediation: "Give the objective a metric and a target value.",
        check: not_measurable,
    },
    Rule {
        id: "objectives.no_owner",
        title: "Objective without owner",
        clause: "6.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[9],
        description: "Planning to achieve objectives includes who is responsible. Fires per objective without an owner.",
        remediation: "Assign an owner to the objective.",
        check: no_owner,
    },
    Rule {
        id: "objectives.measurement_overdue",
        title: "Objective not measured on schedule",
        clause: "9.1",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[11, 17],
        description: "Fires per objective never measured, or whose latest measurement is older than `measure_every_days` (default 90); the due date is when the next measurement fell due.",
        remediation: "Measure the objective and record the value.",
        check: measurement_overdue,
    },
    Rule {
        id: "objectives.target_missed",
        title: "Objective missed its target",
        clause: "6.2",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage2,
        steps: &[11],
        description: "Fires per objective whose due date has passed and whose latest measurement does not meet the target.",
        remediation: "Take the result to the management review: adjust the plan, the resources or the target.",
        check: target_missed,
    },
];

fn missing(cx: &Ctx, out: &mut Out) {
    out.check();
    if cx.doc.objectives.is_empty() {
        out.push(Draft::new("no information security objectives are recorded").entity(K::Organization, "organization"));
    }
}

fn not_measurable(cx: &Ctx, out: &mut Out) {
    for o in &cx.doc.objectives {
        out.check();
        if blank(&o.metric) || o.target.is_none() {
            out.push(
                Draft::new(format!("objective \"{}\" has no metric or target", o.title)).entity(K::Objective, &o.id),
            );
        }
    }
}

fn no_owner(cx: &Ctx, out: &mut Out) {
    for o in &cx.doc.objectives {
        out.check();
        if o.owner.is_none() {
            out.push(Draft::new(format!("objective \"{}\" has no owner", o.title)).entity(K::Objective, &o.id));
        }
    }
}

fn latest(cx: &Ctx, o: &crate::model::Objective) -> Option<(crate::model::Date, f64)> {
    o.measurements.iter().filter(|m| m.on <= cx.as_of).map(|m| (m.on, m.value)).max_by(|a, b| a.0.cmp(&b.0))
}

fn measurement_overdue(cx: &Ctx, out: &mut Out) {
    for o in &cx.doc.objectives {
        out.check();
        let every = o.measure_every_days.unwrap_or(DEFAULT_MEASURE_EVERY_DAYS);
        match latest(cx, o) {
            None => out.push(
                Draft::new(format!("objective \"{}\" has never been measured", o.title)).entity(K::Objective, &o.id),
            ),
            Some((last, _)) => {
                let due = add_days(last, every);
                if due < cx.as_of {
                    out.push(
                        Draft::new(format!(
                            "objective \"{}\" was last measured on {last}; next measurement was due {due}",
                            o.title
                        ))
                        .entity(K::Objective, &o.id)
                        .due(Some(due)),
                    );
                }
            }
        }
    }
}

fn target_missed(cx: &Ctx, out: &mut Out) {
    for o in &cx.doc.objectives {
        let (Some(due), Some(target)) = (o.due_on, o.target) else { continue };
        if due >= cx.as_of {
            continue;
        }
        let Some((_, value)) = latest(cx, o) else { continue };
        out.check();
        let met = if o.higher_is_better { value >= target } else { value <= target };
        if !met {
            out.push(
                Draft::new(format!(
                    "objective \"{}\" stood at {value} against a target of {target} due {due}",
                    o.title
                ))
                .entity(K::Objective, &o.id)
                .due(Some(due)),
            );
        }
    }
}
