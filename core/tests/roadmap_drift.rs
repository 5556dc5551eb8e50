//! Roadmap and drift on the realistic example: golden snapshots of the
//! roadmap (JSON and Mermaid) and the drift of one document across dates.
#![allow(clippy::unwrap_used)]
use isms_core::Isms;
use isms_core::evaluate::{Severity, drift};
use isms_core::model::Date;
use isms_core::roadmap::{StepStatus, roadmap_mermaid};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn northwind() -> isms_core::Document {
    isms_core::json::parse_document(include_str!("../../examples/northwind-saas.json")).unwrap()
}

#[test]
fn northwind_roadmap_snapshots() {
    let r = Isms::new(northwind()).unwrap().roadmap(d("2026-11-29"));
    assert_eq!(r.steps.len(), 17);
    assert_eq!(r.done + r.in_progress + r.not_started, 17);
    // Step 14: Stage 1 and 2 are planned, no decision yet.
    assert_eq!(r.steps[13].status, StepStatus::InProgress);
    // Step 14 waits on 11, 12 and 13: the planned Stage 1 (2027-01-18) and
    // the target (2027-03-31) come before they can end, so the step is at
    // risk and planned from the last of them.
    let waited: Date = [11usize, 12, 13].iter().map(|i| r.steps[i - 1].end).max().unwrap();
    assert_eq!(r.steps[13].start, waited, "starts when the steps it waits on end");
    assert!(waited > d("2027-03-31") && r.steps[13].at_risk, "the certification target cannot be kept");
    // Step 8 is blocked by the example's one blocker.
    assert!(r.steps[7].blocked_by.iter().any(|b| b.rule == "soa.excluded_but_relied_on"));
    insta::assert_snapshot!("northwind_roadmap_json", isms_core::json::to_json(&r));
    insta::assert_snapshot!("northwind_roadmap_mermaid", roadmap_mermaid(&r));
}

#[test]
fn northwind_drift_across_dates() {
    let doc = Isms::new(northwind()).unwrap();
    let dr = doc.drift_dates(d("2026-11-29"), d("2027-03-01"));
    assert_eq!((dr.old_as_of, dr.new_as_of), (d("2026-11-29"), d("2027-03-01")));
    let new_rules: Vec<&str> = dr.new_findings.iter().map(|f| f.rule.as_str()).collect();
    for rule in ["evidence.stale", "risk.action_overdue", "controls.implementation_overdue", "internal_audit.overdue"] {
        assert!(new_rules.contains(&rule), "{rule} is new by 2027-03-01: {new_rules:?}");
    }
    // Evidence for 8.17 was already stale in November: unchanged, not new.
    assert!(!dr.new_findings.iter().any(|f| f.rule == "evidence.stale" && f.control.as_deref() == Some("8.17")));
    assert!(dr.unchanged_count > 0);
    assert!(dr.readiness.overall.delta.unwrap() < 0, "readiness falls when nothing is done");
    assert!(dr.soa.is_none(), "one document: no SoA diff");
    // Every finding is accounted for exactly once.
    let old = doc.evaluate(d("2026-11-29"));
    let new = doc.evaluate(d("2027-03-01"));
    let matched = dr.unchanged_count as usize + dr.worsened.len() + dr.improved.len();
    assert_eq!(old.findings.len(), matched + dr.resolved.len());
    assert_eq!(new.findings.len(), matched + dr.new_findings.len());
    assert_eq!(drift(&old, &new), dr);
    // Nothing new is a blocker here, but majors appeared.
    assert!(!dr.fails(Severity::Blocker));
    assert!(dr.fails(Severity::Major));
    assert!(dr.worsened.iter().all(|c| !c.reasons.is_empty()));
}

#[test]
fn drift_between_documents_carries_the_soa_diff() {
    let old = northwind();
    let mut new = old.clone();
    // Fix the example's blocker: include 7.4, which a treatment relies on.
    let e = new.soa.entries.iter_mut().find(|e| e.control.trim_start_matches("A.") == "7.4").unwrap();
    e.applicable = true;
    e.justification = None;
    e.reasons = vec![isms_core::model::InclusionReason::RiskTreatment];
    // And justify the exclusion of 7.10, the example's other blocker.
    let e = new.soa.entries.iter_mut().find(|e| e.control.trim_start_matches("A.") == "7.10").unwrap();
    e.justification = Some("No storage media are used outside the cloud provider's data centres".into());
    let (old, new) = (Isms::new(old).unwrap(), Isms::new(new).unwrap());
    let dr = old.drift_documents(&new, d("2026-11-29"), d("2026-11-29"));
    assert!(dr.resolved.iter().any(|f| f.rule == "soa.excluded_but_relied_on"), "{:?}", dr.resolved);
    assert!(dr.stage1.removed_blockers.len() == 2 && dr.stage1.new_ready && !dr.stage1.old_ready);
    let soa = dr.soa.as_ref().unwrap();
    assert_eq!(soa.controls.len(), 2);
    assert_eq!(soa.controls[0].control, "7.4");
    // And back again: the blocker is new, so the CI gate fails.
    let back = new.drift_documents(&old, d("2026-11-29"), d("2026-11-29"));
    assert!(back.fails(Severity::Blocker) && back.stage1.fell_out());
}
