//! The bundled examples are valid, and written in the engine's canonical form
//! (parse → serialise gives the same bytes), so diffs of them stay readable.
#![allow(clippy::disallowed_methods, reason = "tests read the checked-in examples")]
use std::path::PathBuf;

fn examples() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).expect("readable")))
        .collect();
    out.sort();
    out
}

#[test]
fn examples_are_valid_and_canonical() {
    let all = examples();
    assert!(all.len() >= 2, "expected the minimal and the realistic example");
    for (path, text) in all {
        let doc = isms_core::json::parse_document(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(isms_core::validate::validate(&doc), vec![], "{path}");
        assert_eq!(isms_core::json::to_json(&doc), text, "{path} is not in canonical form");
    }
}

#[test]
fn realistic_example_has_the_promised_shape() {
    let text =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/northwind-saas.json"))
            .expect("northwind example");
    let doc = isms_core::json::parse_document(&text).expect("parses");
    assert_eq!(doc.soa.entries.len(), 93, "all Annex A controls addressed");
    assert!(doc.risks.len() >= 35 && doc.risks.len() <= 50, "about 40 risks");
    assert!(doc.assets.len() >= 20, "tens of assets");
    assert!(!doc.training.records.is_empty() && !doc.management_reviews.is_empty());
    assert!(!doc.internal_audits.is_empty() && doc.nonconformities.len() >= 3);
    assert_eq!(doc.organization.headcount, Some(250));
}

/// Golden outputs for the realistic example at the date it describes: any
/// change in rules, scores or rendering shows up as a reviewed snapshot diff
/// (`cargo insta review`, or `INSTA_UPDATE=always` to accept).
#[test]
fn northwind_golden_outputs() {
    let text =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/northwind-saas.json"))
            .expect("northwind example");
    let doc = isms_core::json::parse_document(&text).expect("parses");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    let ev = isms_core::Isms::new(doc.clone()).expect("valid").evaluate(as_of);
    insta::assert_snapshot!("northwind_evaluation", isms_core::json::to_json(&ev));
    let soa = isms_core::soa::statement(&doc, as_of);
    insta::assert_snapshot!("northwind_soa_markdown", isms_core::soa::render::to_markdown(&soa));
    let register = isms_core::risk::register(&doc, as_of).expect("register");
    insta::assert_snapshot!("northwind_risk_register_csv", register.to_csv());
    let sim = isms_core::quant::simulate_document(
        &doc,
        None,
        &isms_core::quant::SimulationOptions { trials: 20_000, seed: 7, ..Default::default() },
    )
    .expect("simulate");
    insta::assert_snapshot!("northwind_simulation", isms_core::json::to_json(&sim));
}
