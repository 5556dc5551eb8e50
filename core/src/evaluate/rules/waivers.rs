//! Waivers and rule settings (6.1.3 f: acceptance of what is not treated,
//! by those accountable; 7.5.3: documented decisions kept current). The
//! judgement of each waiver (in force, expired, unapproved, naming an
//! unknown rule) is [`crate::evaluate::waivers::state`]; these rules report
//! the ones that do not hold, so a lapsed acceptance cannot hide a finding.
use super::super::waivers::{WaiverState, state, waivable};
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage, rule};

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "waivers.unknown_rule",
        title: "Waiver or rule setting names an unknown rule",
        clause: "6.1.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[7],
        description: "Fires per waiver whose `rule` is not a rule of the catalogue (or is one of the `waivers.*` rules, which cannot be waived), and per entry of `settings.rules` naming an unknown rule: it changes nothing, which is rarely what was meant.",
        remediation: "Correct the rule id (see `docs/rules.md`), or remove the entry.",
        check: unknown_rule,
    },
    Rule {
        id: "waivers.unapproved",
        title: "Waiver without approval",
        clause: "6.1.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[7],
        description: "Fires per waiver without an `approver` or an `approved_on` date, or approved after the evaluation date: it waives nothing until it is approved.",
        remediation: "Have the waiver approved by the accountable person and record `approver` and `approved_on`.",
        check: unapproved,
    },
    Rule {
        id: "waivers.expired",
        title: "Waiver expired",
        clause: "6.1.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[7],
        description: "Fires per approved waiver past its `expires_on`: the findings it waived count again. The due date is the expiry.",
        remediation: "Fix what the waiver accepted and remove it, or renew it with a fresh justification and approval.",
        check: expired,
    },
    Rule {
        id: "waivers.expiring",
        title: "Waiver expires soon",
        clause: "6.1.3",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage2,
        steps: &[7],
        description: "Fires per waiver in force that expires within `settings.warning_window_days`; the due date is the expiry.",
        remediation: "Fix what the waiver accepts before it expires, or have it renewed.",
        check: expiring,
    },
];

fn unknown_rule(cx: &Ctx, out: &mut Out) {
    let doc = cx.doc;
    out.checks(doc.waivers.len() + doc.settings.rules.len());
    for w in &doc.waivers {
        if state(w, cx.as_of) != WaiverState::UnknownRule {
            continue;
        }
        let why = if rule(&w.rule).is_some() { "a rule that cannot be waived" } else { "no rule of the catalogue" };
        out.push(Draft::new(format!("Waiver {} names `{}`, {why}", w.id, w.rule)).entity(K::Waiver, w.id.clone()));
    }
    for s in &doc.settings.rules {
        if rule(&s.rule).is_none() {
            out.push(
                Draft::new(format!("settings.rules names `{}`, no rule of the catalogue", s.rule))
                    .entity(K::RuleSetting, s.rule.clone()),
            );
        }
    }
}

fn unapproved(cx: &Ctx, out: &mut Out) {
    out.checks(cx.doc.waivers.iter().filter(|w| waivable(&w.rule)).count());
    for w in &cx.doc.waivers {
        if state(w, cx.as_of) != WaiverState::Unapproved {
            continue;
        }
        let missing = match (&w.approver, w.approved_on) {
            (None, None) => "has no approver and no approval date".to_owned(),
            (None, Some(_)) => "has no approver".to_owned(),
            (Some(_), None) => "has no approval date".to_owned(),
            (Some(_), Some(d)) => format!("is approved only from {d}"),
        };
        let mut d = Draft::new(format!("Waiver {} of `{}` {missing}, so it waives nothing", w.id, w.rule))
            .entity(K::Waiver, w.id.clone());
        if let Some(p) = &w.approver {
            d = d.entity(K::Person, p.clone());
        }
        out.push(d);
    }
}

fn expired(cx: &Ctx, out: &mut Out) {
    out.checks(cx.doc.waivers.iter().filter(|w| waivable(&w.rule)).count());
    for w in &cx.doc.waivers {
        if state(w, cx.as_of) != WaiverState::Expired {
            continue;
        }
        let by = w.approver.as_deref().map(|p| format!(" approved by {}", cx.name(p))).unwrap_or_default();
        out.push(
            Draft::new(format!("Waiver {} of `{}`{by} expired on {}", w.id, w.rule, w.expires_on))
                .entity(K::Waiver, w.id.clone())
                .due(Some(w.expires_on)),
        );
    }
}

fn expiring(cx: &Ctx, out: &mut Out) {
    let horizon = cx.in_days(cx.settings().warning_window_days);
    let active: Vec<_> = cx.doc.waivers.iter().filter(|w| state(w, cx.as_of) == WaiverState::Active).collect();
    out.checks(active.len());
    for w in active {
        if w.expires_on <= horizon {
            out.push(
                Draft::new(format!("Waiver {} of `{}` expires on {}", w.id, w.rule, w.expires_on))
                    .entity(K::Waiver, w.id.clone())
                    .due(Some(w.expires_on)),
            );
        }
    }
}
