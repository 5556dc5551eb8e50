#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

const NORTHWIND: &str = include_str!("../../../examples/northwind-saas.json");
const HEALTHY: &str = include_str!("../../../tests/fixtures/healthy.json");

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn northwind() -> Isms {
    Isms::from_json(NORTHWIND).unwrap()
}

#[test]
fn operation_names_are_unique_snake_case_and_listed() {
    let mut names: Vec<&str> = operations().iter().map(|o| o.name).collect();
    assert!(names.len() >= 35, "{} operations", names.len());
    assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())));
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), operations().len(), "duplicate operation names");
    for op in operations() {
        assert_eq!(op.formats.first(), if op.name == "report" { Some(&Format::Html) } else { Some(&Format::Json) });
        assert!(op.formats.contains(&Format::Json), "{} has no json", op.name);
    }
}

#[test]
fn every_operation_publishes_both_schemas() {
    let names = crate::schema::names();
    for op in operations() {
        for kind in ["request", "response"] {
            let name = format!("{}.{kind}", op.name);
            assert!(names.contains(&name), "{name} is not published");
            let schema = crate::schema::schema(&name).unwrap();
            assert!(schema.is_object() || schema.is_boolean(), "{name}");
        }
    }
}

#[test]
fn new_refuses_an_invalid_document_with_every_problem() {
    let mut doc = crate::json::parse_document(HEALTHY).unwrap();
    doc.risks[0].owner = Some("nobody".into());
    doc.people.push(doc.people[0].clone());
    let Err(Error::Invalid(problems)) = Isms::new(doc.clone()) else { panic!("accepted an invalid document") };
    assert_eq!(problems, validate(&doc));
    assert!(problems.len() >= 2, "{problems:?}");
}

#[test]
fn call_matches_the_typed_methods() {
    let isms = northwind();
    let as_of = d("2026-11-29");
    let json = isms.call("evaluate", r#"{"as_of": "2026-11-29"}"#).unwrap();
    assert_eq!(json, crate::json::to_json(&isms.evaluate(as_of)));
    let csv = isms.call("risk_register", r#"{"as_of": "2026-11-29", "format": "csv"}"#).unwrap();
    assert_eq!(csv, isms.risk_register(as_of).unwrap().to_csv());
    let svg = isms.call("heatmap", r#"{"as_of": "2026-11-29", "residual": true, "format": "svg"}"#).unwrap();
    assert_eq!(svg, crate::risk::heatmap_svg(&isms.heatmap(as_of).unwrap(), true));
    let verdict: Verdict =
        serde_json::from_str(&isms.call("verdict", r#"{"as_of": "2026-11-29", "fail_on": "major"}"#).unwrap()).unwrap();
    assert_eq!(verdict.fails, isms.evaluate(as_of).fails(Severity::Major));
}

#[test]
fn free_operations_run_without_a_document() {
    let controls: Vec<crate::catalog::ControlInfo> =
        serde_json::from_str(&call(None, "catalog_annex_a", r#"{"theme": "people"}"#).unwrap()).unwrap();
    assert_eq!(controls.len(), 8);
    let err = call(None, "evaluate", r#"{"as_of": "2026-11-29"}"#).unwrap_err();
    assert_eq!(err.code(), "invalid_argument");
    let ops: Vec<OperationInfo> = serde_json::from_str(&call(None, "operations", "").unwrap()).unwrap();
    assert_eq!(ops.len(), operations().len());
}

#[test]
fn bad_requests_name_what_and_where() {
    let isms = northwind();
    let e = isms.call("nope", "{}").unwrap_err();
    assert_eq!((e.code(), e.report().id.as_deref()), ("not_found", Some("nope")));
    let e = isms.call("evaluate", r#"{"as_of": "2026-13-01"}"#).unwrap_err();
    assert_eq!((e.code(), e.report().path.as_deref()), ("invalid_argument", Some("$.as_of")));
    let e = isms.call("evaluate", r#"{"as_of": "2026-11-29", "asof": 1}"#).unwrap_err();
    assert!(e.to_string().contains("unknown field `asof`"), "{e}");
    let e = isms.call("evaluate", r#"{}"#).unwrap_err();
    assert!(e.to_string().contains("missing field `as_of`"), "{e}");
    let e = isms.call("evaluate", r#"{"as_of": "2026-11-29", "format": "csv"}"#).unwrap_err();
    assert_eq!(e.report().path.as_deref(), Some("$.format"));
    let e = isms.call("evaluate", r#"[1]"#).unwrap_err();
    assert_eq!(e.code(), "invalid_argument");
    let e = isms.call("evaluate", r#"{"as_of": "#).unwrap_err();
    assert_eq!(e.code(), "parse_error");
}

#[test]
fn transitions_return_a_new_validated_isms_and_leave_the_old_one() {
    let isms = northwind();
    let before = isms.clone();
    let nc = &isms.document().nonconformities[0];
    let by = isms.document().people[0].id.clone();
    let action: crate::nc::NcAction = serde_json::from_value(
        serde_json::json!({"action": "correct", "description": "fixed", "on": "2026-12-01", "by": by}),
    )
    .unwrap();
    match isms.nc_transition(&nc.id, &action) {
        Ok(new) => assert_ne!(new.document(), isms.document()),
        Err(e) => assert!(matches!(e.code(), "transition_not_allowed" | "not_found"), "{e}"),
    }
    assert_eq!(isms, before);
}

#[test]
fn drift_of_a_newer_invalid_document_names_paths_under_newer() {
    let isms = northwind();
    let mut newer: serde_json::Value = serde_json::from_str(NORTHWIND).unwrap();
    newer["risks"][0]["owner"] = "nobody".into();
    let req = serde_json::json!({"as_of": "2026-11-29", "newer": newer}).to_string();
    let Err(Error::Invalid(problems)) = isms.call("drift", &req) else { panic!("accepted") };
    assert!(problems.iter().all(|p| p.path.starts_with("$.newer.")), "{problems:?}");
}

#[test]
fn the_error_report_carries_code_path_and_problems() {
    let r = Error::invalid_argument("$.x", "bad").report();
    assert_eq!((r.code.as_str(), r.path.as_deref(), r.problems.len()), ("invalid_argument", Some("$.x"), 1));
}
