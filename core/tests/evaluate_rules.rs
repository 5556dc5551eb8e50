//! Every rule fires on a document with exactly its problem and stays quiet on
//! a healthy one: a healthy base document (zero findings) and one mutation
//! per rule id. A test checks that the table covers the whole catalogue.
#![allow(clippy::unwrap_used)]
#![allow(clippy::disallowed_methods)] // the fixture drift test reads and writes a file
use chrono::NaiveDate;
use isms_core::Isms;
use isms_core::evaluate::{Evaluation, Severity, rules};

fn evaluate(d: &Document, as_of: NaiveDate) -> isms_core::Result<Evaluation> {
    Ok(Isms::new(d.clone())?.evaluate(as_of))
}
use isms_core::model::*;
use serde_json::json;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const AS_OF: &str = "2026-06-01";

/// A small ISMS that satisfies every rule on 2026-06-01.
fn healthy() -> Document {
    let controls: Vec<&str> = isms_core::catalog::annex_a().iter().map(|c| c.id).collect();
    let entries: Vec<serde_json::Value> = controls
        .iter()
        .map(|c| {
            let reason = if *c == "8.24" { "risk_treatment" } else { "business" };
            json!({"control": c, "applicable": true, "reasons": [reason], "status": "implemented", "owner": "p-ciso"})
        })
        .collect();
    let keys: Vec<&str> = isms_core::catalog::mandatory_documents().iter().map(|m| m.key).collect();
    let person =
        |id: &str, name: &str, unit: &str| json!({"id": id, "name": name, "unit": unit, "start_date": "2020-01-01"});
    let record = |p: &str| json!({"person": p, "course": "c-aware", "completed_on": "2026-01-15"});
    let doc = |id: &str, title: &str| {
        json!({"id": id, "title": title, "kind": "record", "status": "approved", "owner": "p-ciso",
               "approved_by": "p-ceo", "approved_on": "2026-01-01"})
    };
    let v = json!({
        "schema_version": "1.0",
        "organization": {"name": "Healthy Ltd", "units": [
            {"id": "u-eng", "name": "Engineering"},
            {"id": "u-fin", "name": "Finance"},
            {"id": "u-retail", "name": "Retail shop", "in_scope": false, "exclusion_reason": "Separate business, no shared systems"}
        ]},
        "context": {
            "issues": [{"id": "i-1", "kind": "internal", "description": "Fast growth"},
                       {"id": "i-2", "kind": "external", "description": "Ransomware"}],
            "interested_parties": [{"id": "ip-1", "name": "Customers", "requirements": ["SOC-style assurance"]}],
            "climate_change": {"relevant": false, "rationale": "Cloud-hosted; no material exposure"}
        },
        "scope": {
            "statement": "The SaaS platform and its operations",
            "document": "d-scope",
            "interfaces": [{"id": "if-1", "description": "Payments provider API", "controls": ["5.14"]}],
            "communications": [{"audience": "all staff", "on": "2026-01-10"}],
            "approved_by": "p-ceo", "approved_on": "2026-01-05"
        },
        "people": [person("p-ceo", "Cara CEO", "u-fin"), person("p-ciso", "Sam CISO", "u-eng"),
                   person("p-eng", "Eli Engineer", "u-eng"), person("p-aud", "Ada Auditor", "u-fin")],
        "roles": [
            {"id": "ro-sponsor", "kind": "top_management_sponsor", "title": "ISMS sponsor", "holders": ["p-ceo"], "responsibilities": ["Resources"]},
            {"id": "ro-mgr", "kind": "isms_manager", "title": "ISMS manager", "holders": ["p-ciso"], "responsibilities": ["Run the ISMS"]},
            {"id": "ro-aud", "kind": "internal_auditor", "title": "Internal auditor", "holders": ["p-aud"], "responsibilities": ["Audit"]}
        ],
        "assets": [{"id": "a-db", "name": "Customer database", "kind": "information", "owner": "p-eng",
                    "classification": "confidential", "value": {"confidentiality": 4}, "unit": "u-eng"}],
        "risk_methodology": {"preset": "iso27005_5x5", "document": "d-method"},
        "risks": [{"id": "r-1", "title": "Database breach", "owner": "p-ciso", "assets": ["a-db"],
                   "inherent": {"likelihood": 5, "consequence": 5}, "residual": {"likelihood": 1, "consequence": 1},
                   "assessed_on": "2026-03-01", "acceptance": {"by": "p-ciso", "on": "2026-03-02"}}],
        "treatments": [{"id": "t-1", "risk": "r-1", "option": "modify", "controls": ["8.24", "cc-1"],
                        "actions": [{"id": "act-1", "title": "Encrypt backups", "owner": "p-eng", "due_on": "2026-09-01", "status": "in_progress"}],
                        "approved_by": "p-ciso", "approved_on": "2026-03-02"}],
        "controls": [{"id": "cc-1", "title": "Key rotation runbook", "owner": "p-ciso", "annex_a": ["8.24"], "status": "implemented"}],
        "soa": {"version": "1.0", "approved_by": "p-ceo", "approved_on": "2026-03-05", "entries": entries},
        "documents": [
            {"id": "d-all", "title": "ISMS manual", "kind": "policy", "status": "approved", "owner": "p-ciso",
             "approved_by": "p-ceo", "approved_on": "2026-01-01", "satisfies": keys},
            doc("d-scope", "Scope"), doc("d-method", "Risk methodology"), doc("d-mr", "MR minutes"), doc("d-ia", "Audit report")
        ],
        "evidence": [{"id": "e-1", "title": "Control export", "collected_on": "2026-05-01", "controls": controls}],
        "objectives": [{"id": "o-1", "title": "Train everyone", "owner": "p-ciso", "metric": "% trained", "target": 95.0,
                        "due_on": "2026-12-31", "measurements": [{"on": "2026-05-01", "value": 97.0}]}],
        "training": {
            "courses": [{"id": "c-aware", "title": "Security awareness", "onboarding_days": 30, "recurrence_days": 365}],
            "records": [record("p-ceo"), record("p-ciso"), record("p-eng"), record("p-aud")]
        },
        "management_reviews": [{"id": "mr-1", "date": "2026-02-01", "status": "completed", "attendees": ["p-ceo", "p-ciso"],
                                "inputs": ReviewInput::ALL, "minutes": "d-mr",
                                "decisions": [{"id": "dec-1", "description": "Hire a SOC analyst", "owner": "p-ceo", "due_on": "2026-08-01"}]}],
        "internal_audits": [{"id": "ia-1", "title": "Full ISMS audit", "status": "completed", "start_on": "2026-04-01", "end_on": "2026-04-03",
                             "auditors": ["p-aud"], "scope": {"clauses": ["4", "5", "6", "7", "8", "9", "10"], "controls": controls},
                             "findings": [{"id": "f-1", "grade": "minor", "description": "Late access review", "nonconformity": "nc-1"}],
                             "report": "d-ia"}],
        "certification": {"body": "CB Ltd", "target_date": "2026-10-30", "audits": [
            {"id": "x-1", "kind": "stage1", "start_on": "2026-09-01"},
            {"id": "x-2", "kind": "stage2", "start_on": "2026-10-15"}
        ]},
        "nonconformities": [{"id": "nc-1", "title": "Late access review", "source": "internal_audit", "grade": "minor",
                             "raised_on": "2026-04-03", "audit": "ia-1", "owner": "p-ciso", "state": "closed",
                             "actions": [{"id": "ca-1", "description": "Automate reminders", "owner": "p-ciso", "due_on": "2026-05-01", "completed_on": "2026-04-20"}],
                             "verification": {"by": "p-aud", "on": "2026-05-10", "effective": true},
                             "history": [
                                 {"action": "analyse_root_cause", "from": "raised", "to": "root_cause_analysed", "on": "2026-04-05"},
                                 {"action": "plan_actions", "from": "root_cause_analysed", "to": "action_planned", "on": "2026-04-06"},
                                 {"action": "implement", "from": "action_planned", "to": "implemented", "on": "2026-04-20"},
                                 {"action": "verify", "from": "implemented", "to": "verified", "on": "2026-05-10"},
                                 {"action": "close", "from": "verified", "to": "closed", "on": "2026-05-11"}]}]
    });
    serde_json::from_value(v).unwrap()
}

fn run(d: &Document) -> Evaluation {
    evaluate(d, date(AS_OF)).unwrap_or_else(|e| panic!("document invalid: {:?}", e.problems()))
}

fn entry<'a>(d: &'a mut Document, c: &str) -> &'a mut SoaEntry {
    d.soa.entries.iter_mut().find(|e| e.control == c).unwrap()
}
fn doc_mut<'a>(d: &'a mut Document, id: &str) -> &'a mut DocumentedInfo {
    d.documents.iter_mut().find(|x| x.id == id).unwrap()
}
fn person_mut<'a>(d: &'a mut Document, id: &str) -> &'a mut Person {
    d.people.iter_mut().find(|x| x.id == id).unwrap()
}
fn nc_open(d: &mut Document) -> &mut Nonconformity {
    let n = &mut d.nonconformities[0];
    n.state = NcState::ActionPlanned;
    n.history.truncate(2);
    n.verification = None;
    n.actions[0].completed_on = None;
    n.actions[0].due_on = date("2026-09-01");
    n
}
fn waiver(rule: &str, approver: Option<&str>, approved_on: Option<&str>, expires_on: &str) -> Waiver {
    Waiver {
        id: "w-1".into(),
        rule: rule.into(),
        entity: None,
        fingerprint: None,
        justification: "accepted until the migration ends".into(),
        approver: approver.map(Into::into),
        approved_on: approved_on.map(date),
        expires_on: date(expires_on),
        extensions: Default::default(),
    }
}
fn rating(l: u32, c: u32) -> Rating {
    Rating { likelihood: l, consequence: Some(c), cia: Cia::default() }
}

type Mutation = fn(&mut Document);

/// One mutation per rule id: the smallest change that makes the rule fire.
fn cases() -> Vec<(&'static str, Mutation)> {
    vec![
        ("context.issues_missing", |d| d.context.issues.retain(|i| i.kind == IssueKind::Internal)),
        ("context.climate_change_undetermined", |d| d.context.climate_change = None),
        ("context.interested_parties_missing", |d| d.context.interested_parties.clear()),
        ("context.party_requirements_missing", |d| d.context.interested_parties[0].requirements.clear()),
        ("scope.missing", |d| d.scope.statement = None),
        ("scope.not_approved", |d| d.scope.approved_on = None),
        ("scope.not_communicated", |d| d.scope.communications.clear()),
        ("scope.interfaces_missing", |d| d.scope.interfaces.clear()),
        ("scope.interface_unprotected", |d| d.scope.interfaces[0].controls.clear()),
        ("scope.exclusion_unjustified", |d| d.organization.units[2].exclusion_reason = None),
        ("roles.no_sponsor", |d| d.roles[0].holders.clear()),
        ("roles.no_isms_manager", |d| d.roles[1].kind = RoleKind::Other),
        ("roles.holder_departed", |d| person_mut(d, "p-aud").end_date = Some(date("2026-05-01"))),
        ("roles.unfilled", |d| d.roles[2].holders.clear()),
        ("roles.responsibilities_missing", |d| d.roles[0].responsibilities.clear()),
        ("ownership.owner_departed", |d| person_mut(d, "p-eng").end_date = Some(date("2026-05-01"))),
        ("assets.inventory_empty", |d| {
            d.assets.clear();
            d.risks[0].assets.clear();
        }),
        ("assets.no_owner", |d| d.assets[0].owner = None),
        ("assets.no_classification", |d| d.assets[0].classification = None),
        ("assets.not_valued", |d| {
            d.risk_methodology.approach = Approach::AssetBased;
            d.assets[0].value = Cia::default();
        }),
        ("risk.methodology_not_defined", |d| d.risk_methodology.preset = None),
        ("risk.methodology_not_documented", |d| d.risk_methodology.document = None),
        ("risk.register_empty", |d| {
            d.risks.clear();
            d.treatments.clear();
        }),
        ("risk.no_owner", |d| d.risks[0].owner = None),
        ("risk.not_assessed", |d| d.risks[0].inherent = None),
        ("risk.assessment_stale", |d| d.risks[0].assessed_on = Some(date("2025-01-01"))),
        ("risk.untreated_above_appetite", |d| {
            d.treatments.clear();
            d.risks[0].acceptance = None;
        }),
        ("risk.action_overdue", |d| d.treatments[0].actions[0].due_on = Some(date("2026-05-01"))),
        ("risk.action_unplanned", |d| d.treatments[0].actions[0].owner = None),
        ("risk.residual_not_accepted", |d| d.risks[0].acceptance = None),
        ("risk.residual_above_appetite", |d| {
            d.risks[0].residual = Some(rating(5, 5));
            d.risks[0].acceptance = None;
        }),
        ("risk.acceptance_expired", |d| {
            d.risks[0].acceptance.as_mut().unwrap().valid_until = Some(date("2026-04-01"));
        }),
        ("risk.treatment_not_approved", |d| d.treatments[0].approved_on = None),
        ("risk.modify_without_controls", |d| d.treatments[0].controls.clear()),
        ("soa.missing", |d| d.soa.entries.clear()),
        ("soa.control_not_addressed", |d| d.soa.entries.retain(|e| e.control != "5.1")),
        ("soa.exclusion_unjustified", |d| {
            let e = entry(d, "7.4");
            e.applicable = false;
            e.reasons.clear();
        }),
        ("soa.inclusion_without_reason", |d| entry(d, "5.1").reasons.clear()),
        ("soa.excluded_but_relied_on", |d| {
            let e = entry(d, "8.24");
            e.applicable = false;
            e.justification = Some("not needed".into());
        }),
        ("soa.relied_on_not_addressed", |d| d.soa.entries.retain(|e| e.control != "8.24")),
        ("soa.risk_reason_unreferenced", |d| entry(d, "5.1").reasons = vec![InclusionReason::RiskTreatment]),
        ("soa.not_approved", |d| d.soa.approved_by = None),
        ("controls.no_owner", |d| entry(d, "5.1").owner = None),
        ("controls.implementation_overdue", |d| {
            let e = entry(d, "5.1");
            e.status = ImplementationStatus::Planned;
            e.target_date = Some(date("2026-05-01"));
        }),
        ("controls.not_planned", |d| entry(d, "5.1").status = ImplementationStatus::PartiallyImplemented),
        ("controls.no_evidence", |d| d.evidence[0].controls.retain(|c| c != "5.1")),
        ("controls.custom_no_owner", |d| d.controls[0].owner = None),
        ("documents.mandatory_missing", |d| {
            doc_mut(d, "d-all").satisfies.retain(|k| k != "information_security_policy");
        }),
        ("documents.mandatory_unapproved", |d| {
            doc_mut(d, "d-all").satisfies.retain(|k| k != "information_security_policy");
            let mut draft = doc_mut(d, "d-scope").clone();
            draft.id = "d-pol".into();
            draft.status = DocumentStatus::Draft;
            draft.satisfies = vec!["information_security_policy".into()];
            d.documents.push(draft);
        }),
        ("documents.review_overdue", |d| doc_mut(d, "d-all").last_reviewed_on = Some(date("2025-01-01"))),
        ("documents.no_owner", |d| doc_mut(d, "d-all").owner = None),
        ("evidence.stale", |d| d.evidence[0].collected_on = date("2025-01-01")),
        ("evidence.expiring", |d| d.evidence[0].collected_on = date("2025-06-10")),
        ("documents.unsafe_text", |d| person_mut(d, "p-eng").name = "Eli\u{1b}[2J\u{202e}".into()),
        ("monitoring.no_recent_evidence", |d| d.evidence[0].collected_on = date("2026-02-01")),
        ("training.no_awareness_programme", |d| d.training.courses[0].audience_roles = vec!["ro-sponsor".into()]),
        ("training.onboarding_overdue", |d| {
            let mut p = d.people[2].clone();
            p.id = "p-new".into();
            p.start_date = Some(date("2026-04-01"));
            d.people.push(p);
        }),
        ("training.not_completed", |d| {
            d.training.courses[0].onboarding_days = None;
            d.training.records.retain(|r| r.person != "p-eng");
        }),
        ("training.refresh_overdue", |d| d.training.records[2].completed_on = date("2025-01-01")),
        ("objectives.missing", |d| d.objectives.clear()),
        ("objectives.not_measurable", |d| d.objectives[0].target = None),
        ("objectives.no_owner", |d| d.objectives[0].owner = None),
        ("objectives.measurement_overdue", |d| d.objectives[0].measurements[0].on = date("2026-01-01")),
        ("objectives.target_missed", |d| {
            d.objectives[0].due_on = Some(date("2026-05-01"));
            d.objectives[0].measurements[0].value = 50.0;
        }),
        ("management_review.never_held", |d| d.management_reviews[0].status = EventStatus::Planned),
        ("management_review.overdue", |d| d.management_reviews[0].date = date("2025-04-01")),
        ("management_review.inputs_missing", |d| {
            d.management_reviews[0].inputs.pop();
        }),
        ("management_review.top_management_absent", |d| d.management_reviews[0].attendees = vec!["p-ciso".into()]),
        ("management_review.no_minutes", |d| d.management_reviews[0].minutes = None),
        ("management_review.decision_overdue", |d| {
            d.management_reviews[0].decisions[0].due_on = Some(date("2026-05-01"))
        }),
        ("internal_audit.never_held", |d| {
            let a = &mut d.internal_audits[0];
            a.status = EventStatus::Planned;
            a.start_on = None;
            a.end_on = None;
            a.planned_on = Some(date("2026-07-01"));
        }),
        ("internal_audit.clause_not_covered", |d| d.internal_audits[0].scope.clauses.retain(|c| c != "10")),
        ("internal_audit.control_not_covered", |d| d.internal_audits[0].scope.controls.retain(|c| c != "5.1")),
        ("internal_audit.auditor_not_independent", |d| entry(d, "5.1").owner = Some("p-aud".into())),
        ("internal_audit.overdue", |d| {
            let mut a = d.internal_audits[0].clone();
            a.id = "ia-2".into();
            a.status = EventStatus::Planned;
            a.findings.clear();
            a.report = None;
            a.start_on = None;
            a.end_on = None;
            a.planned_on = Some(date("2026-05-01"));
            d.internal_audits.push(a);
        }),
        ("internal_audit.no_auditor", |d| d.internal_audits[0].auditors.clear()),
        ("internal_audit.no_report", |d| d.internal_audits[0].report = None),
        ("certification.not_planned", |d| {
            d.certification.target_date = None;
            d.certification.audits.clear();
        }),
        ("certification.target_at_risk", |d| d.certification.audits.retain(|a| a.kind != ExternalAuditKind::Stage2)),
        ("certification.new_stage2_required", |d| {
            for (a, day) in d.certification.audits.iter_mut().zip(["2025-09-01", "2025-10-14"]) {
                a.status = EventStatus::Completed;
                a.start_on = Some(date(day));
                a.end_on = Some(date(day));
            }
            let n = nc_open(d);
            n.grade = Grade::Major;
            n.audit = Some("x-2".into());
        }),
        ("certification.surveillance_at_risk", |d| d.certification.decision_on = Some(date("2025-08-01"))),
        ("certification.recertification_not_planned", |d| d.certification.decision_on = Some(date("2023-09-01"))),
        ("certification.expired", |d| d.certification.decision_on = Some(date("2023-01-01"))),
        ("nonconformity.major_open", |d| nc_open(d).grade = Grade::Major),
        ("nonconformity.overdue", |d| nc_open(d).due_on = Some(date("2026-05-01"))),
        ("nonconformity.no_owner", |d| nc_open(d).owner = None),
        ("nonconformity.action_overdue", |d| nc_open(d).actions[0].due_on = date("2026-05-01")),
        ("nonconformity.ineffective", |d| d.nonconformities[0].verification.as_mut().unwrap().effective = false),
        ("nonconformity.finding_not_raised", |d| d.internal_audits[0].findings[0].nonconformity = None),
        ("waivers.unknown_rule", |d| {
            d.waivers.push(waiver("scope.no_such_rule", Some("p-ciso"), Some("2026-05-01"), "2026-12-31"))
        }),
        ("waivers.unapproved", |d| d.waivers.push(waiver("scope.not_communicated", None, None, "2026-12-31"))),
        ("waivers.expired", |d| {
            d.waivers.push(waiver("scope.not_communicated", Some("p-ciso"), Some("2026-01-01"), "2026-05-31"))
        }),
        ("waivers.expiring", |d| {
            d.waivers.push(waiver("scope.not_communicated", Some("p-ciso"), Some("2026-05-01"), "2026-06-20"))
        }),
    ]
}

#[test]
fn healthy_document_has_no_findings() {
    let e = run(&healthy());
    let list: Vec<String> = e.findings.iter().map(|f| format!("{}: {}", f.rule, f.message)).collect();
    assert!(list.is_empty(), "healthy document has findings:\n{}", list.join("\n"));
    assert!(e.readiness.stage1.ready && e.readiness.stage2.ready);
    assert_eq!(e.readiness.overall, 100);
    assert!(e.readiness.clauses.iter().all(|c| c.score == Some(100)));
}

#[test]
fn every_rule_fires_on_its_mutation_and_not_on_the_healthy_document() {
    let base = run(&healthy());
    let mut failures = Vec::new();
    for (rule, mutate) in cases() {
        assert!(!base.findings.iter().any(|f| f.rule == rule), "{rule} fires on the healthy document");
        let mut d = healthy();
        mutate(&mut d);
        let e = run(&d);
        let hits: Vec<_> = e.findings.iter().filter(|f| f.rule == rule).collect();
        if hits.is_empty() {
            let got: Vec<&str> = e.findings.iter().map(|f| f.rule.as_str()).collect();
            failures.push(format!("{rule} did not fire; got {got:?}"));
            continue;
        }
        for f in hits {
            assert!(!f.message.is_empty() && !f.remediation.is_empty() && f.fingerprint.len() == 16, "{rule}: {f:?}");
            assert!(!f.entities.is_empty(), "{rule}: a finding names the entities involved");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Rules on automated test results (tests/monitor_semantics.rs).
const AUTOMATED_TEST_RULES: &[&str] = &[
    "monitoring.control_failing",
    "monitoring.control_at_risk",
    "monitoring.not_evaluated",
    "monitoring.results_stale",
    "monitoring.excluded_control_failing",
    "monitoring.override_expired",
];

#[test]
fn the_table_covers_every_rule_of_the_catalogue() {
    let table: std::collections::BTreeSet<&str> = cases().iter().map(|(r, _)| *r).collect();
    assert_eq!(table.len(), cases().len(), "duplicate rule in the table");
    // The rules on automated test results judge results, not the document:
    // each is made to fire in tests/monitor_semantics.rs.
    let catalogue: std::collections::BTreeSet<&str> =
        rules().iter().map(|r| r.id).filter(|id| !AUTOMATED_TEST_RULES.contains(id)).collect();
    let missing: Vec<_> = catalogue.difference(&table).collect();
    let unknown: Vec<_> = table.difference(&catalogue).collect();
    assert!(missing.is_empty() && unknown.is_empty(), "untested rules {missing:?}; unknown ids {unknown:?}");
}

#[test]
fn fingerprints_are_stable_across_dates_and_distinct_across_entities() {
    let mut d = healthy();
    d.training.records[2].completed_on = date("2025-01-01"); // p-eng overdue
    let at = |d: &Document, s: &str| evaluate(d, date(s)).unwrap();
    let fp = |e: &Evaluation, person: &str| {
        e.findings
            .iter()
            .find(|f| f.rule == "training.refresh_overdue" && f.entities.iter().any(|x| x.id == person))
            .map(|f| f.fingerprint.clone())
    };
    let (a, b) = (at(&d, "2026-06-01"), at(&d, "2026-06-20"));
    assert!(fp(&a, "p-eng").is_some());
    assert_eq!(fp(&a, "p-eng"), fp(&b, "p-eng"), "same problem, later date, same fingerprint");
    d.training.records[3].completed_on = date("2025-01-01"); // p-aud too
    let c = at(&d, "2026-06-01");
    assert!(fp(&c, "p-aud").is_some());
    assert_ne!(fp(&c, "p-eng"), fp(&c, "p-aud"), "different person, different fingerprint");
    // Reordering the document does not move fingerprints.
    d.people.reverse();
    d.training.records.reverse();
    let r = at(&d, "2026-06-01");
    assert_eq!(fp(&c, "p-eng"), fp(&r, "p-eng"));
    assert_eq!(c.findings, r.findings, "order of findings is independent of document order");
}

#[test]
fn blockers_decide_the_stage_verdicts() {
    // A documentation blocker stops both stages.
    let mut d = healthy();
    d.scope.statement = None;
    let e = run(&d);
    assert!(!e.readiness.stage1.ready && !e.readiness.stage2.ready);
    assert!(e.readiness.stage1.blockers.iter().any(|b| b.rule == "scope.missing"));
    assert!(e.readiness.clauses.iter().find(|c| c.key == "4").unwrap().score < Some(100));
    // An implementation blocker stops Stage 2 only.
    let mut d = healthy();
    nc_open(&mut d).grade = Grade::Major;
    let e = run(&d);
    assert!(e.readiness.stage1.ready, "{:?}", e.readiness.stage1);
    assert!(!e.readiness.stage2.ready);
    assert_eq!(e.summary.blocker, 1);
    assert!(e.fails(Severity::Blocker));
}

#[test]
fn theme_scores_follow_control_findings() {
    let mut d = healthy();
    for c in ["8.1", "8.2", "8.3"] {
        entry(&mut d, c).owner = None;
    }
    let e = run(&d);
    let theme = |k: &str| e.readiness.themes.iter().find(|t| t.key == k).unwrap().score.unwrap();
    assert!(theme("technological") < 100);
    assert_eq!(theme("people"), 100);
}

#[test]
fn invalid_documents_are_refused() {
    let mut d = healthy();
    d.risks[0].owner = Some("nobody".into());
    let err = evaluate(&d, date(AS_OF)).unwrap_err();
    assert_eq!(err.code(), "invalid_document");
}

#[test]
fn findings_are_sorted_by_severity_then_rule() {
    let mut d = healthy();
    d.scope.statement = None;
    d.assets[0].classification = None;
    d.objectives[0].owner = None;
    d.context.interested_parties.clear();
    let e = run(&d);
    let keys: Vec<(Severity, &str)> = e.findings.iter().map(|f| (f.severity, f.rule.as_str())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let mut again = e.findings.clone();
    again.sort_by(isms_core::evaluate::finding_order);
    assert_eq!(again, e.findings, "the engine's order is finding_order");
    assert_eq!(e.findings[0].severity, Severity::Blocker);
}

/// The healthy document is also checked in (`tests/fixtures/healthy.json`)
/// for the CLI tests and other bindings; it must not drift from the builder.
/// Fix with `UPDATE_FIXTURES=1 cargo test -p isms-core --test evaluate_rules`.
#[test]
fn healthy_fixture_matches_the_builder() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/healthy.json");
    let want = isms_core::json::to_json(&healthy());
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "tests/fixtures/healthy.json is out of date; run UPDATE_FIXTURES=1 cargo test -p isms-core --test evaluate_rules"
    );
}

#[test]
fn placeholder_justifications_of_exclusions_block_stage_1() {
    for filler in ["", "   ", "-", "n/a", "N/A", "TBD", "...", "not applicable", "todo"] {
        let mut d = healthy();
        let e = entry(&mut d, "7.4");
        e.applicable = false;
        e.reasons.clear();
        e.justification = Some(filler.into());
        let ev = run(&d);
        let f = ev
            .findings
            .iter()
            .find(|f| f.rule == "soa.exclusion_unjustified")
            .unwrap_or_else(|| panic!("`{filler}` is not a justification"));
        assert_eq!(f.severity, Severity::Blocker, "`{filler}`");
        assert!(!ev.readiness.stage1.ready, "`{filler}` blocks Stage 1");
    }
    // A real reason is accepted.
    let mut d = healthy();
    let e = entry(&mut d, "7.4");
    e.applicable = false;
    e.reasons.clear();
    e.justification = Some("No offices: staff work remotely, no physical perimeter to monitor".into());
    assert!(!run(&d).findings.iter().any(|f| f.rule == "soa.exclusion_unjustified"));
}

#[test]
fn findings_carry_the_stages_they_block() {
    use isms_core::evaluate::Stage;
    let mut d = healthy();
    d.scope.statement = None; // a Stage 1 (documentation) blocker
    d.certification.decision_on = Some(date("2023-01-01")); // expired: a Stage 2 blocker
    d.training.records[2].completed_on = date("2025-01-01"); // not a blocker
    let e = evaluate(&d, date(AS_OF)).unwrap();
    let of =
        |rule: &str| e.findings.iter().find(|f| f.rule == rule).unwrap_or_else(|| panic!("{rule}: {:?}", e.findings));
    assert_eq!(of("certification.expired").stages, [Stage::Stage2]);
    assert!(of("training.refresh_overdue").stages.is_empty());
    let stage1: Vec<_> = e.findings.iter().filter(|f| f.stages.contains(&Stage::Stage1)).collect();
    assert!(!stage1.is_empty() && stage1.iter().all(|f| f.stages == [Stage::Stage1, Stage::Stage2]));
    // Readiness says the same as the findings.
    let fps = |s: Stage| {
        e.findings.iter().filter(|f| f.stages.contains(&s)).map(|f| f.fingerprint.clone()).collect::<Vec<_>>()
    };
    let blockers =
        |v: &isms_core::evaluate::StageVerdict| v.blockers.iter().map(|b| b.fingerprint.clone()).collect::<Vec<_>>();
    assert_eq!(blockers(&e.readiness.stage1), fps(Stage::Stage1));
    assert_eq!(blockers(&e.readiness.stage2), fps(Stage::Stage2));
    let json = serde_json::to_value(of("certification.expired")).unwrap();
    assert_eq!(json["stages"], json!(["stage2"]));
}

#[test]
fn nonconformity_records_are_demanded_only_once_a_nonconformity_was_raised() {
    let nc_keys = ["nonconformity_records", "corrective_action_results"];
    let missing = |d: &Document| -> Vec<String> {
        run(d)
            .findings
            .iter()
            .filter(|f| f.rule == "documents.mandatory_missing")
            .flat_map(|f| f.entities.iter().map(|e| e.id.clone()))
            .collect()
    };
    let mut d = healthy();
    for doc in &mut d.documents {
        doc.satisfies.retain(|k| !nc_keys.contains(&k.as_str()));
    }
    // A nonconformity was raised: its records are required.
    assert!(!d.nonconformities.is_empty());
    let with_nc = missing(&d);
    for k in nc_keys {
        assert!(with_nc.iter().any(|id| id == k), "{k} is demanded: {with_nc:?}");
    }
    // None ever raised: nothing to record, no finding.
    d.nonconformities.clear();
    for a in &mut d.internal_audits {
        for f in &mut a.findings {
            f.nonconformity = None;
        }
    }
    let without = missing(&d);
    assert!(without.is_empty(), "{without:?}");
    // Other mandatory documents are still demanded without nonconformities.
    doc_mut(&mut d, "d-all").satisfies.retain(|k| k != "information_security_policy");
    assert_eq!(missing(&d), vec!["information_security_policy".to_string()]);
}
