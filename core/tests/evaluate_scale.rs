//! Scale check for `evaluate` (run on demand, prints timings):
//! `cargo test -p isms-core --release --test evaluate_scale -- --ignored --nocapture`.
//! Generates n×(1k assets, 2k risks + treatments, 10k evidence, 500 people).
#![allow(clippy::unwrap_used, clippy::disallowed_methods)]
use isms_core::model::Document;
use serde_json::json;
use std::time::Instant;

fn generate(n: usize) -> Document {
    let ids: Vec<&str> = isms_core::catalog::annex_a().iter().map(|c| c.id).collect();
    let people: Vec<_> = (0..500 * n)
        .map(|i| json!({"id": format!("p{i}"), "name": format!("Person {i}"), "start_date": "2020-01-01"}))
        .collect();
    let assets: Vec<_> = (0..1000 * n)
        .map(|i| json!({"id": format!("a{i}"), "name": format!("Asset {i}"), "kind": "information",
                        "owner": format!("p{}", i % (500 * n)), "classification": "internal", "value": {"confidentiality": 1 + i % 5}}))
        .collect();
    let risks: Vec<_> = (0..2000 * n)
        .map(|i| json!({"id": format!("r{i}"), "title": format!("Risk {i}"), "owner": format!("p{}", i % (500 * n)),
                        "assets": [format!("a{}", i % (1000 * n))], "inherent": {"likelihood": 1 + i % 5, "consequence": 1 + (i / 5) % 5},
                        "assessed_on": "2026-01-01"}))
        .collect();
    let treatments: Vec<_> = (0..2000 * n)
        .map(|i| json!({"id": format!("t{i}"), "risk": format!("r{i}"), "option": "modify", "controls": [ids[i % 93]],
                        "actions": [{"id": format!("ac{i}"), "title": "Do", "owner": format!("p{}", i % (500 * n)), "due_on": "2026-09-01"}]}))
        .collect();
    let evidence: Vec<_> = (0..10_000 * n)
        .map(|i| json!({"id": format!("e{i}"), "title": "Export", "collected_on": "2026-03-01", "controls": [ids[i % 93]]}))
        .collect();
    let entries: Vec<_> = ids
        .iter()
        .map(|c| json!({"control": c, "applicable": true, "reasons": ["risk_treatment"], "status": "implemented", "owner": "p0"}))
        .collect();
    let records: Vec<_> = (0..500 * n)
        .map(|i| json!({"person": format!("p{i}"), "course": "c1", "completed_on": "2026-01-10"}))
        .collect();
    serde_json::from_value(json!({
        "schema_version": "1.0", "organization": {"name": "Scale"},
        "people": people, "assets": assets, "risks": risks, "treatments": treatments, "evidence": evidence,
        "soa": {"entries": entries},
        "training": {"courses": [{"id": "c1", "title": "Awareness", "recurrence_days": 365}], "records": records}
    }))
    .unwrap()
}

#[test]
#[ignore]
fn evaluate_scales_linearly() {
    let as_of = "2026-06-01".parse().unwrap();
    for n in [1, 10] {
        let doc = generate(n);
        let text = isms_core::json::to_json(&doc);
        let t = Instant::now();
        let doc = isms_core::json::parse_document(&text).unwrap();
        let parse = t.elapsed();
        let t = Instant::now();
        isms_core::validate::check(&doc).unwrap();
        let validate = t.elapsed();
        let t = Instant::now();
        let assess = isms_core::risk::assess(&doc, as_of).unwrap();
        let assess_t = t.elapsed();
        let t = Instant::now();
        let st = isms_core::soa::statement(&doc, as_of);
        let soa_t = t.elapsed();
        assert_eq!(st.entries.len(), 93);
        let t = Instant::now();
        let e = isms_core::evaluate::evaluate(&doc, as_of);
        let eval = t.elapsed();
        println!(
            "{n:>3}x ({} risks, {} evidence, {} MB): parse {parse:?}, validate {validate:?}, risk::assess {assess_t:?}, soa::statement {soa_t:?}, evaluate (incl. assess) {eval:?}, {} findings",
            assess.risks.len(),
            doc.evidence.len(),
            text.len() / 1_000_000,
            e.findings.len()
        );
    }
}
