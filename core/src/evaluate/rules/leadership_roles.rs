//! Leadership, roles and ownership (clause 5; checklist steps 1 and 3).
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::model::RoleKind;

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "roles.no_sponsor",
        title: "No top-management sponsor",
        clause: "5.1",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[3],
        description: "Top management must demonstrate leadership of the ISMS. Fires when no role of kind `top_management_sponsor` is held by a person active on the evaluation date.",
        remediation: "Appoint a member of top management as ISMS sponsor: a `top_management_sponsor` role with an active holder.",
        check: no_sponsor,
    },
    Rule {
        id: "roles.no_isms_manager",
        title: "No one runs the ISMS",
        clause: "5.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[1, 3],
        description: "Top management must assign the responsibility for ensuring the ISMS conforms and for reporting on its performance. Fires when no `isms_manager` or `ciso` role has an active holder.",
        remediation: "Assign an ISMS manager (or CISO) and record the role with its holder.",
        check: no_manager,
    },
    Rule {
        id: "roles.holder_departed",
        title: "Role held by someone who has left",
        clause: "5.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[3],
        description: "Fires per role and holder where the holder is not active on the evaluation date (end date passed, or not yet started).",
        remediation: "Reassign the role to an active person and remove the departed holder.",
        check: holder_departed,
    },
    Rule {
        id: "roles.unfilled",
        title: "Role without holder",
        clause: "5.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[3],
        description: "Fires per role that has no holder at all.",
        remediation: "Assign the role to a person, or remove it if it is not needed.",
        check: unfilled,
    },
    Rule {
        id: "roles.responsibilities_missing",
        title: "Role without defined responsibilities",
        clause: "5.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[3],
        description: "Responsibilities and authorities of relevant roles must be assigned and communicated. Fires per role with no responsibilities listed.",
        remediation: "List the role's responsibilities and authorities in `responsibilities`.",
        check: responsibilities,
    },
    Rule {
        id: "ownership.owner_departed",
        title: "Owner who has left",
        clause: "5.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[3, 4, 9],
        description: "Fires per asset, risk, SoA control, custom control, document or objective whose owner is not active on the evaluation date.",
        remediation: "Hand the item over to an active owner.",
        check: owner_departed,
    },
];

fn no_sponsor(cx: &Ctx, out: &mut Out) {
    out.check();
    if cx.active_holders(RoleKind::TopManagementSponsor).is_empty() {
        out.push(
            Draft::new("no active member of top management sponsors the ISMS").entity(K::Organization, "organization"),
        );
    }
}

fn no_manager(cx: &Ctx, out: &mut Out) {
    out.check();
    if cx.active_holders(RoleKind::IsmsManager).is_empty() && cx.active_holders(RoleKind::Ciso).is_empty() {
        out.push(
            Draft::new("no active person is assigned to run the ISMS (ISMS manager or CISO)")
                .entity(K::Organization, "organization"),
        );
    }
}

fn holder_departed(cx: &Ctx, out: &mut Out) {
    for r in &cx.doc.roles {
        for h in &r.holders {
            out.check();
            if !cx.is_active(h) {
                out.push(
                    Draft::new(format!(
                        "role \"{}\" is held by {}, who is not active on {}",
                        r.title,
                        cx.name(h),
                        cx.as_of
                    ))
                    .entity(K::Role, &r.id)
                    .entity(K::Person, h),
                );
            }
        }
    }
}

fn unfilled(cx: &Ctx, out: &mut Out) {
    for r in &cx.doc.roles {
        out.check();
        if r.holders.is_empty() {
            out.push(Draft::new(format!("role \"{}\" has no holder", r.title)).entity(K::Role, &r.id));
        }
    }
}

fn responsibilities(cx: &Ctx, out: &mut Out) {
    for r in &cx.doc.roles {
        out.check();
        if r.responsibilities.iter().all(|s| s.trim().is_empty()) {
            out.push(
                Draft::new(format!("role \"{}\" has no responsibilities defined", r.title)).entity(K::Role, &r.id),
            );
        }
    }
}

fn owner_departed(cx: &Ctx, out: &mut Out) {
    let d = cx.doc;
    let mut one = |kind: K, id: &str, what: &str, owner: &Option<String>| {
        if let Some(o) = owner {
            out.check();
            if !cx.is_active(o) {
                out.push(
                    Draft::new(format!("{what} is owned by {}, who is not active on {}", cx.name(o), cx.as_of))
                        .entity(kind, id)
                        .entity(K::Person, o),
                );
            }
        }
    };
    for a in &d.assets {
        one(K::Asset, &a.id, &format!("asset \"{}\"", a.name), &a.owner);
    }
    for r in &d.risks {
        if r.status != crate::model::RiskStatus::Closed {
            one(K::Risk, &r.id, &format!("risk \"{}\"", r.title), &r.owner);
        }
    }
    for (c, e) in &cx.soa_entries {
        if e.applicable {
            one(K::Control, c, &format!("control {c}"), &e.owner);
        }
    }
    for c in &d.controls {
        one(K::CustomControl, &c.id, &format!("custom control \"{}\"", c.title), &c.owner);
    }
    for doc in &d.documents {
        if doc.status != crate::model::DocumentStatus::Retired {
            one(K::Document, &doc.id, &format!("document \"{}\"", doc.title), &doc.owner);
        }
    }
    for o in &d.objectives {
        one(K::Objective, &o.id, &format!("objective \"{}\"", o.title), &o.owner);
    }
}
