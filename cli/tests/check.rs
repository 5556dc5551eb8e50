//! `isms check` and `isms soa` end to end: exit codes, --fail-on, JSON output.
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

#[test]
fn healthy_document_passes_at_every_threshold() {
    for level in ["blocker", "major", "minor", "info"] {
        let o = isms(&["check", HEALTHY, "--as-of", "2026-06-01", "--fail-on", level]);
        assert_eq!(o.status.code(), Some(0), "--fail-on {level}: {}", String::from_utf8_lossy(&o.stdout));
    }
    let text = String::from_utf8(isms(&["check", HEALTHY, "--as-of", "2026-06-01"]).stdout).unwrap();
    assert!(text.contains("Stage 1 (documentation):  ready") && text.contains("No findings."), "{text}");
}

#[test]
fn blockers_fail_by_default() {
    let o = isms(&["check", MINIMAL, "--as-of", "2026-06-01"]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("BLOCKER") && text.contains("[scope.missing]"), "{text}");
}

#[test]
fn fail_on_sets_the_threshold() {
    // Later than the healthy document's evidence window: only a minor and infos remain.
    let out = |level: &str| isms(&["check", HEALTHY, "--as-of", "2026-08-10", "--fail-on", level]).status.code();
    let json = isms(&["check", HEALTHY, "--as-of", "2026-08-10", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let worst = v["findings"][0]["severity"].as_str().unwrap().to_owned();
    let order = ["blocker", "major", "minor", "info"];
    let w = order.iter().position(|s| *s == worst).unwrap();
    for (i, level) in order.iter().enumerate() {
        let expect = if i >= w { 1 } else { 0 };
        assert_eq!(out(level), Some(expect), "worst finding {worst}, --fail-on {level}");
    }
}

#[test]
fn json_output_parses_and_has_the_evaluation_shape() {
    let o = isms(&["check", MINIMAL, "--as-of", "2026-06-01", "--json", "--fail-on", "info"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["as_of"], "2026-06-01");
    assert!(v["summary"]["blocker"].as_u64().unwrap() > 0);
    assert_eq!(v["readiness"]["stage1"]["ready"], false);
    let f = &v["findings"][0];
    for key in ["rule", "severity", "message", "entities", "remediation", "fingerprint"] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
}

#[test]
fn bad_input_exits_2() {
    assert_eq!(isms(&["check", "no/such/file.json"]).status.code(), Some(2));
    assert_eq!(isms(&["check", MINIMAL, "--as-of", "31/12/2026"]).status.code(), Some(2));
    assert_eq!(isms(&["check", MINIMAL, "--fail-on", "fatal"]).status.code(), Some(2));
    assert_eq!(isms(&["soa", "no/such/file.json"]).status.code(), Some(2));
}

#[test]
fn soa_formats() {
    let csv = isms(&["soa", HEALTHY, "--format", "csv", "--as-of", "2026-06-01"]);
    assert_eq!(csv.status.code(), Some(0));
    let text = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(text.lines().count(), 94, "header + 93 controls");
    assert!(text.starts_with("control,title,theme,applicability"));
    let json = isms(&["soa", MINIMAL, "--format", "json", "--as-of", "2026-06-01"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["summary"]["not_addressed"], 93);
    let dir = std::env::temp_dir().join(format!("isms-soa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("soa.html");
    let o = isms(&["soa", HEALTHY, "--format", "html", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("Healthy Ltd"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_document_over_the_size_limit_is_refused_before_reading() {
    let run = |limit: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_isms"))
            .args(args)
            .env("ISMS_MAX_DOCUMENT_BYTES", limit)
            .current_dir(root())
            .output()
            .unwrap()
    };
    let o = run("50", &["check", MINIMAL, "--as-of", "2026-06-01"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("examples/minimal.json") && err.contains("larger than the limit of 50 bytes"), "{err}");
    // The same limit on standard input, and a generous limit lets it through.
    let o = Command::new(env!("CARGO_BIN_EXE_isms"))
        .args(["fmt", "-"])
        .env("ISMS_MAX_DOCUMENT_BYTES", "10")
        .stdin(std::fs::File::open(root().join(MINIMAL)).unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("standard input"));
    assert_eq!(run("1000000", &["validate", MINIMAL]).status.code(), Some(0));
    let o = run("lots", &["validate", MINIMAL]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ISMS_MAX_DOCUMENT_BYTES must be a number"));
}
