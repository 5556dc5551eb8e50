//! End-to-end tests of `isms risk …` on tests/fixtures/risk-small.json,
//! running the built binary.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/risk-small.json").display().to_string()
}

fn isms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isms")).args(args).output().expect("run isms")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn register_json_has_every_risk_with_ranks() {
    let f = fixture();
    let out = isms(&["risk", "register", &f, "--format", "json", "--as-of", "2026-06-01"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 7);
    assert_eq!(v["as_of"], "2026-06-01");
    let rank = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap()["rank"].clone();
    assert_eq!(rank("R-supplier"), 1);
    assert_eq!(rank("R-laptop"), 2);
    assert_eq!(rank("R-legacy"), serde_json::Value::Null);
}

#[test]
fn register_csv_and_markdown() {
    let f = fixture();
    let csv = stdout(&isms(&["risk", "register", &f, "--format", "csv", "--as-of", "2026-06-01"]));
    assert!(csv.starts_with("id,title,status,owner,"));
    // Header + 7 rows; one title holds a quoted comma but no newline.
    assert_eq!(csv.lines().count(), 8);
    assert!(csv.contains(r#""Phishing, ""CEO fraud"" | payment""#));
    let md = stdout(&isms(&["risk", "register", &f, "--as-of", "2026-06-01"]));
    assert!(md.starts_with("# Risk register (as of 2026-06-01)"));
    assert!(md.contains(r#"| Phishing, "CEO fraud" \| payment |"#), "{md}");
}

#[test]
fn register_rejects_a_bad_format_and_a_bad_date() {
    let f = fixture();
    assert_eq!(isms(&["risk", "register", &f, "--format", "xls"]).status.code(), Some(2));
    assert_eq!(isms(&["risk", "register", &f, "--as-of", "2026-02-30"]).status.code(), Some(2));
}

#[test]
fn heatmap_writes_svg_atomically_and_to_stdout() {
    let f = fixture();
    let dir = std::env::temp_dir().join(format!("isms-risk-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("map.svg");
    let o = isms(&["risk", "heatmap", &f, "--residual", "--svg", out.to_str().unwrap(), "--as-of", "2026-06-01"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("Residual risk heat map (as of 2026-06-01)"));
    assert!(svg.trim_end().ends_with("</svg>"));
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left: {leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();

    let o = isms(&["risk", "heatmap", &f, "--svg", "-", "--as-of", "2026-06-01"]);
    assert!(stdout(&o).contains("Inherent risk heat map"));
    // Neither --svg nor --json is a usage error.
    assert_eq!(isms(&["risk", "heatmap", &f]).status.code(), Some(2));
}

#[test]
fn heatmap_json_counts() {
    let f = fixture();
    let o = isms(&["risk", "heatmap", &f, "--json", "--as-of", "2026-06-01"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let total: u64 = v["inherent"].as_array().unwrap().iter().map(|c| c["count"].as_u64().unwrap()).sum();
    assert_eq!(total, 6, "seven risks, one closed");
}

#[test]
fn plan_reports_problems_with_exit_1() {
    let f = fixture();
    let o = isms(&["risk", "plan", &f, "--as-of", "2026-06-01"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("A-patch"), "{text}");
    assert!(text.contains("Overdue actions (1)"), "{text}");
    assert!(text.contains("R-supplier"), "{text}");
    assert!(text.contains("accepted by Ann Owner, not the owner (Cara Lee)"), "{text}");

    let o = isms(&["risk", "plan", &f, "--as-of", "2026-06-01", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["overdue_actions"].as_array().unwrap().len(), 1);
    assert_eq!(v["untreated_above_appetite"], serde_json::json!(["R-supplier"]));
}

#[test]
fn plan_without_problems_exits_0() {
    let doc = r#"{"schema_version":"1.0","organization":{"name":"T"},
        "people":[{"id":"ann","name":"Ann"}],
        "risks":[{"id":"r1","title":"x","owner":"ann","inherent":{"likelihood":1,"consequence":1}}]}"#;
    let dir = std::env::temp_dir().join(format!("isms-risk-clean-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.json");
    std::fs::write(&path, doc).unwrap();
    let o = isms(&["risk", "plan", path.to_str().unwrap(), "--as-of", "2026-06-01"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("No problems."));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn invalid_document_is_exit_2() {
    let doc = r#"{"schema_version":"1.0","organization":{"name":"T"},
        "risks":[{"id":"r1","title":"x","inherent":{"likelihood":9,"consequence":1}}]}"#;
    let dir = std::env::temp_dir().join(format!("isms-risk-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.json");
    std::fs::write(&path, doc).unwrap();
    let o = isms(&["risk", "register", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("$.risks[0].inherent.likelihood"));
    std::fs::remove_dir_all(&dir).unwrap();
}
