//! Context of the organisation and ISMS scope (clause 4, Amd 1:2024;
//! checklist step 2).
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use super::blank;

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "context.issues_missing",
        title: "No internal or external issues recorded",
        clause: "4.1",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[2],
        description: "The organisation must determine the internal and external issues that affect its ISMS. Fires when the context lists no issues, or lists only internal or only external ones.",
        remediation: "Record the internal and external issues relevant to the ISMS (e.g. from a PESTLE/SWOT workshop) in `context.issues`.",
        check: issues_missing,
    },
    Rule {
        id: "context.climate_change_undetermined",
        title: "Climate change relevance not determined",
        clause: "4.1",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[2],
        description: "Since Amendment 1 (2024) the organisation must determine whether climate change is a relevant issue. Fires when no determination (relevant or not, with a rationale) is recorded.",
        remediation: "Record `context.climate_change` with `relevant` and a short rationale.",
        check: climate,
    },
    Rule {
        id: "context.interested_parties_missing",
        title: "No interested parties recorded",
        clause: "4.2",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[2],
        description: "The organisation must determine the interested parties relevant to the ISMS and their requirements. Fires when none are recorded.",
        remediation: "List interested parties (customers, regulators, staff, suppliers, shareholders) with their requirements in `context.interested_parties`.",
        check: parties_missing,
    },
    Rule {
        id: "context.party_requirements_missing",
        title: "Interested party without requirements",
        clause: "4.2",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[2],
        description: "Each interested party should come with the requirements relevant to information security that the ISMS addresses. Fires per party with no requirements.",
        remediation: "Add the party's relevant requirements (contractual, legal, expectations), or remove the party if it is not relevant.",
        check: party_requirements,
    },
    Rule {
        id: "scope.missing",
        title: "ISMS scope not defined",
        clause: "4.3",
        control: None,
        severity: Severity::Blocker,
        stage: Stage::Stage1,
        steps: &[2],
        description: "The boundaries and applicability of the ISMS must be determined and available as documented information. Fires when the document has no scope statement.",
        remediation: "Write the scope statement (`scope.statement`): the business areas, locations, assets and technologies covered, and what is excluded.",
        check: scope_missing,
    },
    Rule {
        id: "scope.not_approved",
        title: "Scope not approved",
        clause: "4.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[2, 3],
        description: "A defined scope should be approved by management. Fires when a scope statement exists but no approver or approval date is recorded.",
        remediation: "Have top management approve the scope and record `scope.approved_by` and `scope.approved_on`.",
        check: scope_not_approved,
    },
    Rule {
        id: "scope.not_communicated",
        title: "Scope not communicated",
        clause: "4.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[2],
        description: "The scope has to be communicated to the stakeholders it concerns. Fires when a scope statement exists but no communication (audience and date) is recorded.",
        remediation: "Communicate the scope (e.g. all-staff announcement, intranet, customer trust page) and record it in `scope.communications`.",
        check: scope_not_communicated,
    },
    Rule {
        id: "scope.interfaces_missing",
        title: "Interfaces and dependencies not identified",
        clause: "4.3",
        control: None,
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[2],
        description: "The scope has to consider interfaces and dependencies between activities inside the ISMS and those outside it. Fires when a scope exists but lists no interfaces.",
        remediation: "List the information flows that cross the scope boundary (suppliers, out-of-scope units, customers) in `scope.interfaces`.",
        check: interfaces_missing,
    },
    Rule {
        id: "scope.interface_unprotected",
        title: "Scope interface without controls",
        clause: "4.3",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage2,
        steps: &[2, 9],
        description: "Information crossing the trust boundary needs controls that protect it. Fires per interface that names no control.",
        remediation: "Name the controls protecting the interface (e.g. 5.14 information transfer, 5.20 supplier agreements, 8.24 cryptography).",
        check: interface_unprotected,
    },
    Rule {
        id: "scope.exclusion_unjustified",
        title: "Out-of-scope unit without a reason",
        clause: "4.3",
        control: None,
        severity: Severity::Minor,
        stage: Stage::Stage1,
        steps: &[2],
        description: "An organisational unit excluded from the scope should say why, so the auditor can judge whether the exclusion is sound. Fires per out-of-scope unit without an exclusion reason.",
        remediation: "Record `exclusion_reason` on the unit.",
        check: exclusion_unjustified,
    },
];

fn issues_missing(cx: &Ctx, out: &mut Out) {
    out.check();
    let issues = &cx.doc.context.issues;
    let has = |k| issues.iter().any(|i| i.kind == k);
    use crate::model::IssueKind::{External, Internal};
    let msg = match (has(Internal), has(External)) {
        (true, true) => return,
        (false, false) => "no internal or external issues are recorded".to_owned(),
        (true, false) => "no external issues are recorded (only internal ones)".to_owned(),
        (false, true) => "no internal issues are recorded (only external ones)".to_owned(),
    };
    out.push(Draft::new(msg).entity(K::Context, "context"));
}

fn climate(cx: &Ctx, out: &mut Out) {
    out.check();
    match &cx.doc.context.climate_change {
        Some(c) if !c.rationale.trim().is_empty() => {}
        Some(_) => {
            out.push(Draft::new("the climate change determination has no rationale").entity(K::Context, "context"))
        }
        None => out.push(
            Draft::new("whether climate change is a relevant issue has not been determined (Amd 1:2024)")
                .entity(K::Context, "context"),
        ),
    }
}

fn parties_missing(cx: &Ctx, out: &mut Out) {
    out.check();
    if cx.doc.context.interested_parties.is_empty() {
        out.push(Draft::new("no interested parties are recorded").entity(K::Context, "context"));
    }
}

fn party_requirements(cx: &Ctx, out: &mut Out) {
    for p in &cx.doc.context.interested_parties {
        out.check();
        if p.requirements.iter().all(|r| r.trim().is_empty()) {
            out.push(
                Draft::new(format!("interested party \"{}\" has no requirements recorded", p.name))
                    .entity(K::InterestedParty, &p.id),
            );
        }
    }
}

fn scope_missing(cx: &Ctx, out: &mut Out) {
    out.check();
    if blank(&cx.doc.scope.statement) {
        out.push(Draft::new("the ISMS scope statement is missing").entity(K::Scope, "scope"));
    }
}

fn scope_not_approved(cx: &Ctx, out: &mut Out) {
    let s = &cx.doc.scope;
    if blank(&s.statement) {
        return;
    }
    out.check();
    if s.approved_by.is_none() || s.approved_on.is_none() {
        out.push(Draft::new("the ISMS scope has no recorded approval").entity(K::Scope, "scope"));
    }
}

fn scope_not_communicated(cx: &Ctx, out: &mut Out) {
    let s = &cx.doc.scope;
    if blank(&s.statement) {
        return;
    }
    out.check();
    if !s.communications.iter().any(|c| c.on <= cx.as_of) {
        out.push(
            Draft::new("the ISMS scope has not been communicated to anyone (no communication recorded)")
                .entity(K::Scope, "scope"),
        );
    }
}

fn interfaces_missing(cx: &Ctx, out: &mut Out) {
    let s = &cx.doc.scope;
    if blank(&s.statement) {
        return;
    }
    out.check();
    if s.interfaces.is_empty() {
        out.push(
            Draft::new("no interfaces or dependencies across the scope boundary are identified")
                .entity(K::Scope, "scope"),
        );
    }
}

fn interface_unprotected(cx: &Ctx, out: &mut Out) {
    for i in &cx.doc.scope.interfaces {
        out.check();
        if i.controls.is_empty() {
            out.push(
                Draft::new(format!("scope interface \"{}\" names no controls protecting it", i.description))
                    .entity(K::ScopeInterface, &i.id),
            );
        }
    }
}

fn exclusion_unjustified(cx: &Ctx, out: &mut Out) {
    for u in cx.doc.organization.units.iter().filter(|u| !u.in_scope) {
        out.check();
        if blank(&u.exclusion_reason) {
            out.push(
                Draft::new(format!("unit \"{}\" is outside the scope without a recorded reason", u.name))
                    .entity(K::Unit, &u.id),
            );
        }
    }
}
