//! `isms diff`, `isms roadmap` and `isms report` end to end.
#![allow(clippy::unwrap_used)]
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn isms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isms")).args(args).current_dir(root()).output().unwrap()
}

const HEALTHY: &str = "tests/fixtures/healthy.json";
const MINIMAL: &str = "examples/minimal.json";
const NORTHWIND: &str = "examples/northwind-saas.json";

#[test]
fn diff_fails_when_blockers_appear_and_not_when_they_go() {
    let worse = isms(&["diff", HEALTHY, MINIMAL, "--as-of", "2026-06-01"]);
    assert_eq!(worse.status.code(), Some(1), "{}", String::from_utf8_lossy(&worse.stdout));
    let text = String::from_utf8(worse.stdout).unwrap();
    assert!(text.contains("New findings") && text.contains("[scope.missing]"), "{text}");
    assert!(text.contains("Stage 1: ready -> NOT ready"), "{text}");
    let better = isms(&["diff", MINIMAL, HEALTHY, "--as-of", "2026-06-01"]);
    assert_eq!(better.status.code(), Some(0));
    assert!(String::from_utf8(better.stdout).unwrap().contains("Resolved"));
}

#[test]
fn diff_of_one_document_at_two_dates() {
    let o = isms(&["diff", NORTHWIND, "--as-of", "2026-11-29", "--to", "2027-03-01", "--json"]);
    assert_eq!(o.status.code(), Some(0), "no new blocker");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["old_as_of"], "2026-11-29");
    assert_eq!(v["new_as_of"], "2027-03-01");
    assert!(v["new_findings"].as_array().unwrap().iter().any(|f| f["rule"] == "evidence.stale"));
    assert!(v.get("soa").is_none());
    let strict = isms(&["diff", NORTHWIND, "--as-of", "2026-11-29", "--to", "2027-03-01", "--fail-on-new", "major"]);
    assert_eq!(strict.status.code(), Some(1));
    let usage = isms(&["diff", NORTHWIND, "--as-of", "2026-11-29"]);
    assert_eq!(usage.status.code(), Some(2), "nothing to compare");
}

#[test]
fn roadmap_text_mermaid_json() {
    let text = String::from_utf8(isms(&["roadmap", NORTHWIND, "--as-of", "2026-11-29"]).stdout).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.trim_start().split('.').next().is_some_and(|n| n.parse::<u8>().is_ok())).count(),
        17
    );
    let m = String::from_utf8(isms(&["roadmap", NORTHWIND, "--as-of", "2026-11-29", "--mermaid"]).stdout).unwrap();
    assert!(m.starts_with("gantt\n") && m.contains(":crit, active, s14, 2027-08-11, 2027-10-10"), "{m}");
    let j = isms(&["roadmap", NORTHWIND, "--as-of", "2026-11-29", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    assert_eq!(v["steps"].as_array().unwrap().len(), 17);
}

#[test]
fn report_writes_a_self_contained_html_file() {
    let dir = std::env::temp_dir().join(format!("isms-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("report.html");
    let o = isms(&["report", NORTHWIND, "--html", out.to_str().unwrap(), "--as-of", "2026-11-29"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Roadmap to certification"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    std::fs::remove_dir_all(&dir).unwrap();
}
