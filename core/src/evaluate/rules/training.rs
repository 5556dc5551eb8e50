//! Competence, awareness and training (7.2, 7.3; Annex A 6.3; checklist
//! step 10).
//!
//! Who must take a course: every person active on the evaluation date who
//! holds one of the course's `audience_roles` (everyone when the list is
//! empty), for courses marked `required`. A new starter has
//! `onboarding_days` from their start date; after that, each completion
//! lasts `recurrence_days`.
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::model::{Course, Person};
use crate::soa::add_days;

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "training.no_awareness_programme",
        title: "No awareness programme for everyone",
        clause: "7.3",
        control: Some("6.3"),
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[10],
        description: "Everyone doing work under the organisation's control must be aware of the policy and their contribution. Fires when no required course has everyone as its audience.",
        remediation: "Set up a required security awareness course for all staff (empty `audience_roles`), with an onboarding window and a yearly refresh.",
        check: no_programme,
    },
    Rule {
        id: "training.onboarding_overdue",
        title: "New starter not trained within the onboarding window",
        clause: "7.2",
        control: Some("6.3"),
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[10],
        description: "Fires per active person and required course with an onboarding window when the person has never completed the course and the window (start date + `onboarding_days`) has passed.",
        remediation: "Have the person complete the course and record the completion.",
        check: onboarding_overdue,
    },
    Rule {
        id: "training.not_completed",
        title: "Required course never completed",
        clause: "7.2",
        control: Some("6.3"),
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[10],
        description: "Fires per active person and required course in their audience that they never completed, when no onboarding window applies (the course has none, or the person has no start date).",
        remediation: "Have the person complete the course and record the completion.",
        check: not_completed,
    },
    Rule {
        id: "training.refresh_overdue",
        title: "Periodic training refresh overdue",
        clause: "7.3",
        control: Some("6.3"),
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[10],
        description: "Fires per active person and recurring required course whose latest completion is older than `recurrence_days`; the due date is when the refresh fell due.",
        remediation: "Have the person retake the course.",
        check: refresh_overdue,
    },
];

fn no_programme(cx: &Ctx, out: &mut Out) {
    out.check();
    if !cx.doc.training.courses.iter().any(|c| c.required && c.audience_roles.is_empty()) {
        out.push(Draft::new("no required awareness course addresses everyone").entity(K::Organization, "organization"));
    }
}

/// Calls `f` for every (active person, required course in their audience).
fn each_assignment<'a>(cx: &Ctx<'a>, mut f: impl FnMut(&'a Person, &'a Course)) {
    let courses: Vec<&Course> = cx.doc.training.courses.iter().filter(|c| c.required).collect();
    if courses.is_empty() {
        return;
    }
    for p in cx.doc.people.iter().filter(|p| p.is_active_on(cx.as_of)) {
        let roles = cx.roles_of.get(p.id.as_str());
        for c in &courses {
            let in_audience = c.audience_roles.is_empty()
                || roles.is_some_and(|rs| rs.iter().any(|r| c.audience_roles.contains(&r.id)));
            if in_audience {
                f(p, c);
            }
        }
    }
}

fn last_completion(cx: &Ctx, p: &Person, c: &Course) -> Option<crate::model::Date> {
    cx.completions.get(&(p.id.as_str(), c.id.as_str())).copied().filter(|d| *d <= cx.as_of)
}

fn draft(msg: String, p: &Person, c: &Course) -> Draft {
    Draft::new(msg).entity(K::Person, &p.id).entity(K::Course, &c.id)
}

fn onboarding_overdue(cx: &Ctx, out: &mut Out) {
    each_assignment(cx, |p, c| {
        let (Some(days), Some(start)) = (c.onboarding_days, p.start_date) else { return };
        out.check();
        let due = add_days(start, days);
        if last_completion(cx, p, c).is_none() && due < cx.as_of {
            out.push(
                draft(
                    format!("{} has not completed \"{}\", due by {due} ({days} days after starting)", p.name, c.title),
                    p,
                    c,
                )
                .due(Some(due)),
            );
        }
    });
}

fn not_completed(cx: &Ctx, out: &mut Out) {
    each_assignment(cx, |p, c| {
        if c.onboarding_days.is_some() && p.start_date.is_some() {
            return;
        }
        out.check();
        if last_completion(cx, p, c).is_none() {
            out.push(draft(format!("{} has never completed the required course \"{}\"", p.name, c.title), p, c));
        }
    });
}

fn refresh_overdue(cx: &Ctx, out: &mut Out) {
    each_assignment(cx, |p, c| {
        let Some(every) = c.recurrence_days else { return };
        let Some(last) = last_completion(cx, p, c) else { return };
        out.check();
        let due = add_days(last, every);
        if due < cx.as_of {
            out.push(
                draft(
                    format!("{} last completed \"{}\" on {last}; the refresh was due on {due}", p.name, c.title),
                    p,
                    c,
                )
                .due(Some(due)),
            );
        }
    });
}
