//! One test per validation code: each builds the smallest document that
//! triggers it, and checks the code and path. A final test checks that every
//! code in `PROBLEM_CODES` is exercised here.
#![allow(clippy::unwrap_used)]
use isms_core::json::parse_document;
use isms_core::validate::{PROBLEM_CODES, validate};
use serde_json::{Value, json};

fn base() -> Value {
    json!({
        "schema_version": "1.0",
        "organization": {"name": "Acme", "units": [{"id": "u1", "name": "Engineering"}]},
        "people": [{"id": "p1", "name": "Ann", "start_date": "2024-01-01"}, {"id": "p2", "name": "Bob"}],
        "assets": [{"id": "a1", "name": "DB", "kind": "information", "owner": "p1", "classification": "confidential",
                    "value": {"confidentiality": 5}}],
        "risks": [{"id": "r1", "title": "Breach", "owner": "p1", "assets": ["a1"], "inherent": {"likelihood": 3, "consequence": 4}}],
        "treatments": [{"id": "t1", "risk": "r1", "option": "modify", "controls": ["5.15"],
                        "actions": [{"id": "ta1", "title": "MFA", "owner": "p2", "progress": 50}]}],
        "soa": {"entries": [{"control": "5.15", "applicable": true, "reasons": ["risk_treatment"], "owner": "p2"}]},
        "documents": [{"id": "d1", "title": "Policy", "kind": "policy", "satisfies": ["information_security_policy"]}],
        "evidence": [{"id": "e1", "title": "Export", "collected_on": "2026-01-01", "controls": ["5.15"]}],
        "internal_audits": [{"id": "ia1", "title": "IA", "auditors": ["p2"], "scope": {"clauses": ["9.2"], "controls": ["5.15"]}}],
        "nonconformities": [{"id": "nc1", "title": "x", "source": "internal_audit", "grade": "minor", "raised_on": "2026-02-01", "audit": "ia1"}]
    })
}

/// Applies `edit` to the base document and returns the (code, path) pairs found.
fn problems(edit: impl FnOnce(&mut Value)) -> Vec<(String, String)> {
    let mut v = base();
    edit(&mut v);
    let doc = parse_document(&v.to_string()).unwrap();
    validate(&doc).into_iter().map(|p| (p.code, p.path)).collect()
}

fn expect(code: &str, path: &str, edit: impl FnOnce(&mut Value)) {
    let found = problems(edit);
    assert!(found.iter().any(|(c, p)| c == code && p == path), "expected {code} at {path}, got {found:?}");
}

#[test]
fn base_document_is_valid() {
    assert_eq!(problems(|_| {}), Vec::<(String, String)>::new());
}

#[test]
fn unsupported_schema_version() {
    expect("unsupported_schema_version", "$.schema_version", |v| v["schema_version"] = json!("2.0"));
}

#[test]
fn empty_id() {
    expect("empty_id", "$.people[1].id", |v| v["people"][1]["id"] = json!("  "));
}

#[test]
fn duplicate_id() {
    expect("duplicate_id", "$.assets[0].id", |v| v["assets"][0]["id"] = json!("p1"));
}

#[test]
fn dangling_reference() {
    expect("dangling_reference", "$.risks[0].owner", |v| v["risks"][0]["owner"] = json!("nobody"));
}

#[test]
fn wrong_reference_kind() {
    expect("wrong_reference_kind", "$.assets[0].owner", |v| v["assets"][0]["owner"] = json!("u1"));
}

#[test]
fn unknown_control() {
    expect("unknown_control", "$.soa.entries[0].control", |v| v["soa"]["entries"][0]["control"] = json!("5.99"));
    expect("unknown_control", "$.treatments[0].controls[0]", |v| v["treatments"][0]["controls"][0] = json!("X-1"));
}

#[test]
fn unknown_clause() {
    expect("unknown_clause", "$.internal_audits[0].scope.clauses[0]", |v| {
        v["internal_audits"][0]["scope"]["clauses"][0] = json!("11.1")
    });
}

#[test]
fn unknown_document_key() {
    expect("unknown_document_key", "$.documents[0].satisfies[0]", |v| {
        v["documents"][0]["satisfies"][0] = json!("the_big_binder")
    });
}

#[test]
fn unknown_classification() {
    expect("unknown_classification", "$.assets[0].classification", |v| {
        v["assets"][0]["classification"] = json!("top_secret")
    });
}

#[test]
fn duplicate_soa_entry() {
    expect("duplicate_soa_entry", "$.soa.entries[1].control", |v| {
        v["soa"]["entries"].as_array_mut().unwrap().push(json!({"control": "A.5.15", "applicable": false}))
    });
}

#[test]
fn reserved_id() {
    expect("reserved_id", "$.controls[0].id", |v| v["controls"] = json!([{"id": "8.8", "title": "Mine"}]));
}

#[test]
fn date_order() {
    expect("date_order", "$.people[0].end_date", |v| v["people"][0]["end_date"] = json!("2023-12-31"));
    expect("date_order", "$.nonconformities[0].correction.on", |v| {
        v["nonconformities"][0]["correction"] = json!({"description": "fixed", "on": "2026-01-15"})
    });
}

#[test]
fn out_of_range() {
    expect("out_of_range", "$.treatments[0].actions[0].progress", |v| {
        v["treatments"][0]["actions"][0]["progress"] = json!(140)
    });
    expect("out_of_range", "$.risks[0].inherent.likelihood", |v| v["risks"][0]["inherent"]["likelihood"] = json!(6));
    expect("out_of_range", "$.assets[0].value.confidentiality", |v| {
        v["assets"][0]["value"]["confidentiality"] = json!(0)
    });
}

#[test]
fn invalid_methodology() {
    expect("invalid_methodology", "$.risk_methodology.appetite", |v| {
        v["risk_methodology"] = json!({"preset": "iso27005_3x3", "appetite": "ludicrous"})
    });
}

#[test]
fn methodology_too_large() {
    let steps: Vec<_> = (0..11).map(|i| json!({"label": format!("s{i}")})).collect();
    expect("methodology_too_large", "$.risk_methodology.likelihood_scale", |v| {
        v["risk_methodology"] = json!({"preset": "iso27005_5x5", "likelihood_scale": steps})
    });
}

#[test]
fn invalid_fair_model() {
    expect("invalid_fair_model", "$.risks[0].fair.primary_loss.max", |v| {
        v["risks"][0]["fair"] = json!({
            "frequency": {"kind": "tef", "threat_event_frequency": {"kind": "constant", "value": 2.0}},
            "primary_loss": {"kind": "pert", "min": 500.0, "mode": 100.0, "max": 50.0}
        })
    });
    expect("invalid_fair_model", "$.treatments[0].fair_effects[0].tef_reduction", |v| {
        v["treatments"][0]["fair_effects"] = json!([{"name": "MFA", "tef_reduction": 1.5, "annual_cost": 100.0}])
    });
}

#[test]
fn nc_history_mismatch() {
    // The state says corrected, but no transition was recorded.
    expect("nc_history_mismatch", "$.nonconformities[0].state", |v| {
        v["nonconformities"][0]["state"] = json!("corrected");
        v["nonconformities"][0]["correction"] = json!({"description": "fixed", "on": "2026-02-02"});
    });
    // A recorded transition that the state machine does not allow.
    expect("nc_history_mismatch", "$.nonconformities[0].history[0].to", |v| {
        v["nonconformities"][0]["state"] = json!("closed");
        v["nonconformities"][0]["history"] =
            json!([{"action": "close", "from": "raised", "to": "closed", "on": "2026-02-03"}]);
    });
}

#[test]
fn all_problems_are_reported_at_once() {
    let found = problems(|v| {
        v["risks"][0]["owner"] = json!("nobody");
        v["assets"][0]["classification"] = json!("top_secret");
        v["soa"]["entries"][0]["control"] = json!("5.99");
    });
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn every_code_is_exercised_by_a_test_in_this_file() {
    let source = include_str!("validate_codes.rs");
    for (code, _) in PROBLEM_CODES {
        assert!(source.contains(&format!("fn {code}()")), "no test named {code}");
    }
}
