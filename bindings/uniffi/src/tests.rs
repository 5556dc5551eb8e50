//! Unit tests of the Rust side: the error catalogue and the conversions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
use super::*;
use isms_core::Error;

/// One core error of each kind, in `ERROR_CODES` order.
fn one_of_each() -> Vec<Error> {
    vec![
        Error::Parse { path: "$.a".into(), line: 1, column: 2, message: "bad".into() },
        Error::Invalid(vec![isms_core::Problem::new("dangling_reference", "$.risks[0].owner", "no such person")]),
        Error::invalid_argument("$.as_of", "bad date"),
        Error::Transition { id: "nc-1".into(), state: "open".into(), action: "close".into(), message: "no".into() },
        Error::NotFound { kind: "operation".into(), id: "nope".into() },
        Error::LimitExceeded { path: "$.options.trials".into(), message: "too many".into() },
    ]
}

/// The variant name a code must have (`not_found` → `NotFound`).
fn upper_camel(code: &str) -> String {
    code.split('_').map(|w| w[..1].to_uppercase() + &w[1..]).collect()
}

#[test]
fn the_error_enum_matches_the_core_code_catalogue() {
    assert_eq!(CODES.as_slice(), isms_core::error::ERROR_CODES, "IsmsError's variants and the core's codes differ");
    assert_eq!(error_codes(), isms_core::error::ERROR_CODES);
    let errors = one_of_each();
    assert_eq!(errors.len(), isms_core::error::ERROR_CODES.len(), "one sample error per code");
    for (e, code) in errors.into_iter().zip(CODES) {
        assert_eq!(e.code(), code);
        let report = engine::error_json(&e);
        let b = IsmsError::from(e);
        assert_eq!(b.code(), code);
        assert_eq!(b.report_json(), report, "{code}: report_json is the core's error report");
        // The variant is named after the code.
        let debug = format!("{b:?}");
        assert!(debug.starts_with(&format!("{} {{", upper_camel(code))), "{code}: variant {debug}");
    }
}

#[test]
fn errors_carry_path_and_every_problem() {
    match IsmsError::from(one_of_each().remove(1)) {
        IsmsError::InvalidDocument { problems, path, .. } => {
            assert_eq!(path, None);
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].code, "dangling_reference");
            assert_eq!(problems[0].path, "$.risks[0].owner");
        }
        other => panic!("{other:?}"),
    }
    match IsmsError::from(one_of_each().remove(2)) {
        IsmsError::InvalidArgument { path, reason, .. } => {
            assert_eq!(path.as_deref(), Some("$.as_of"));
            assert!(reason.contains("bad date"));
        }
        other => panic!("{other:?}"),
    }
}

fn example() -> Arc<Isms> {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/northwind-saas.json")).unwrap();
    Isms::new(text).unwrap()
}

#[test]
fn typed_methods_agree_with_the_json_of_the_same_operation() {
    let isms = example();
    let as_of = "2026-03-31".to_owned();
    let result = isms.evaluate(as_of.clone()).unwrap();
    let e = result.record();
    assert_eq!(result.findings(), e.findings);
    assert_eq!(result.findings_page(1, 2), e.findings[1..3].to_vec());
    assert_eq!(result.summary(), e.summary);
    let text = isms.call("evaluate".into(), format!("{{\"as_of\": \"{as_of}\"}}")).unwrap();
    assert_eq!(result.json(), text, "the held result renders the operation's JSON");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(e.findings.len(), json["findings"].as_array().unwrap().len());
    assert_eq!(e.summary.total as usize, e.findings.len());
    assert_eq!(e.readiness.overall, json["readiness"]["overall"].as_u64().unwrap() as u32);
    assert_eq!(e.findings[0].severity.as_str(), json["findings"][0]["severity"].as_str().unwrap());
    let r = isms.risk_register(as_of.clone()).unwrap();
    assert!(!r.rows.is_empty());
    let soa = isms.soa(as_of.clone()).unwrap();
    assert_eq!(soa.rows.len(), 93);
    let cal = isms.calendar(as_of.clone(), None).unwrap();
    assert_eq!(cal.from, as_of);
}

#[test]
fn bad_dates_are_invalid_arguments_at_their_path() {
    match example().evaluate("31/03/2026".into()) {
        Err(IsmsError::InvalidArgument { path, .. }) => assert_eq!(path.as_deref(), Some("$.as_of")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn nc_transition_returns_a_new_handle_with_the_vector_document() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors/nc-transition-correct");
    let request: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/request.json")).unwrap()).unwrap();
    let expected = std::fs::read_to_string(format!("{dir}/expected.json")).unwrap();
    let isms = example();
    let before = isms.canonical_json();
    let next = isms.nc_transition(request["id"].as_str().unwrap().into(), request["action"].to_string()).unwrap();
    assert_eq!(next.canonical_json(), expected);
    assert_eq!(isms.canonical_json(), before, "the original handle is unchanged");
    match isms.nc_transition("nc-01".into(), "{\"action\": \"fly\"}".into()) {
        Err(IsmsError::ParseError { .. }) => {}
        other => panic!("{other:?}"),
    }
}
