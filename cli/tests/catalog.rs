//! End-to-end tests of `isms catalog …`, running the built binary.
#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};

fn isms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isms")).args(args).output().expect("run isms")
}

fn json(args: &[&str]) -> Vec<serde_json::Value> {
    let out = isms(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).expect("JSON array")
}

fn field<'a>(items: &'a [serde_json::Value], key: &str) -> Vec<&'a str> {
    items.iter().map(|v| v[key].as_str().unwrap()).collect()
}

#[test]
fn annex_a_json_lists_all_93_controls() {
    let controls = json(&["catalog", "annex-a", "--json"]);
    let expected: Vec<String> = [(5, 37), (6, 8), (7, 14), (8, 34)]
        .iter()
        .flat_map(|&(clause, n)| (1..=n).map(move |i| format!("{clause}.{i}")))
        .collect();
    assert_eq!(field(&controls, "id"), expected);
    let find = |id: &str| controls.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(find("5.7")["title"], "Threat intelligence");
    assert_eq!(find("5.7")["theme"], "organizational");
    assert_eq!(find("5.7")["new_in_2022"], true);
    assert_eq!(find("8.28")["title"], "Secure coding");
    assert_eq!(find("8.28")["theme"], "technological");
    assert_eq!(find("7.4")["title"], "Physical security monitoring");
    assert_eq!(find("7.4")["theme"], "physical");
    assert_eq!(find("6.1")["theme"], "people");
}

#[test]
fn annex_a_theme_filter() {
    let people = json(&["catalog", "annex-a", "--theme", "people", "--json"]);
    assert_eq!(field(&people, "id"), ["6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "6.8"]);
    let table = isms(&["catalog", "annex-a", "--theme", "people"]);
    assert!(table.status.success());
    let text = String::from_utf8(table.stdout).unwrap();
    assert_eq!(text.lines().count(), 9, "header + 8 rows:\n{text}");
    assert!(text.contains("Screening"));
}

#[test]
fn annex_a_attribute_filter() {
    let corrective = json(&["catalog", "annex-a", "--attribute", "#Corrective", "--json"]);
    assert_eq!(corrective.len(), 14);
    let same = json(&["catalog", "annex-a", "--attribute", "control_type=corrective", "--json"]);
    assert_eq!(corrective, same);
    let both = json(&["catalog", "annex-a", "--theme", "people", "--attribute", "#Corrective", "--json"]);
    assert_eq!(field(&both, "id"), ["6.4"]);
}

#[test]
fn bad_theme_exits_2_naming_value_and_choices() {
    let out = isms(&["catalog", "annex-a", "--theme", "robots"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("robots") && err.contains("organizational") && err.contains("technological"), "{err}");
}

#[test]
fn bad_attribute_exits_2() {
    let out = isms(&["catalog", "annex-a", "--attribute", "control_type=sometimes"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("sometimes") && err.contains("preventive"), "{err}");
}

#[test]
fn mapping_from_2013_split() {
    let rows = json(&["catalog", "mapping", "--from-2013", "A.18.2.3", "--json"]);
    assert_eq!(field(&rows, "id_2022"), ["5.36", "8.8"]);
    assert_eq!(field(&rows, "kind"), ["split", "split"]);
}

#[test]
fn mapping_to_2022_merged() {
    let rows = json(&["catalog", "mapping", "--to-2022", "5.1", "--json"]);
    assert_eq!(field(&rows, "id_2013"), ["A.5.1.1", "A.5.1.2"]);
    assert!(json(&["catalog", "mapping", "--to-2022", "5.7", "--json"]).is_empty());
}

#[test]
fn mapping_full_and_unknown_ids() {
    assert_eq!(json(&["catalog", "mapping", "--json"]).len(), 115);
    for args in [["catalog", "mapping", "--from-2013", "A.99.1.1"], ["catalog", "mapping", "--to-2022", "9.9"]] {
        let out = isms(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(args[3]), "{err}");
    }
}

#[test]
fn clauses_and_documents() {
    let clauses = json(&["catalog", "clauses", "--json"]);
    assert_eq!(clauses.len(), 41);
    assert_eq!(clauses[0]["id"], "4");
    let docs = json(&["catalog", "documents", "--json"]);
    let soa = docs.iter().find(|d| d["key"] == "statement_of_applicability").unwrap();
    assert_eq!(soa["clause"], "6.1.3");
    assert_eq!(soa["source"], "clause_text");
    let out = isms(&["catalog", "documents"]);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("asset_inventory"));
}
