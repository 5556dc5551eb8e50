//! `isms check` with waivers and rule settings, and its text options
//! (`--summary`, `--rule`, `--severity`, `--limit`): display only, the exit
//! code of `--fail-on` judges every finding that is not waived.
#![allow(clippy::unwrap_used)]
#![allow(clippy::disallowed_methods)] // the tests write their documents to a temporary folder
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn isms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isms")).args(args).current_dir(root()).output().unwrap()
}

const AS_OF: &str = "2026-06-01";

/// The healthy fixture without a scope statement (the blocker
/// `scope.missing`) and with two roles without responsibilities (two minor
/// findings of `roles.responsibilities_missing`), edited by `edit`, written
/// to a file of its own.
fn document(name: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let text = std::fs::read_to_string(root().join("tests/fixtures/healthy.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["scope"].as_object_mut().unwrap().remove("statement");
    v["roles"][0]["responsibilities"] = json!([]);
    v["roles"][1]["responsibilities"] = json!([]);
    edit(&mut v);
    let dir = std::env::temp_dir().join(format!("isms-check-waivers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    path
}

fn scope_waiver(v: &mut Value) {
    v["waivers"] = json!([{"id": "w-scope", "rule": "scope.missing", "justification": "the group scope applies",
                           "approver": "p-ceo", "approved_on": "2026-05-01", "expires_on": "2026-06-30"}]);
}

fn check(path: &std::path::Path, extra: &[&str]) -> (Option<i32>, String) {
    let p = path.to_str().unwrap();
    let mut args = vec!["check", p, "--as-of", AS_OF];
    args.extend_from_slice(extra);
    let o = isms(&args);
    (o.status.code(), String::from_utf8(o.stdout).unwrap() + &String::from_utf8_lossy(&o.stderr))
}

#[test]
fn a_waived_blocker_does_not_fail_the_gate_and_an_unwaived_one_does() {
    let plain = document("plain", |_| {});
    assert_eq!(check(&plain, &[]).0, Some(1));
    let waived = document("waived", scope_waiver);
    let (code, text) = check(&waived, &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("Stage 1 (documentation):  ready"), "{text}");
    assert!(text.contains("\nWaived (1 finding(s), 1 waiver(s))\n  w-scope [scope.missing] active"), "{text}");
    assert_eq!(check(&waived, &["--fail-on", "minor"]).0, Some(1), "the minor findings are not waived");
    let (_, json) = check(&waived, &["--json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "scope.missing").unwrap();
    assert_eq!(f["waiver"], "w-scope");
    assert_eq!(v["summary"]["waived"], 1);
    assert_eq!(v["waivers"][0]["state"], "active");
    // The day after the expiry the blocker is back, and the lapse is a finding.
    let o = isms(&["check", waived.to_str().unwrap(), "--as-of", "2026-07-01", "--fail-on", "blocker"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8(o.stdout).unwrap().contains("[waivers.expired]"));
}

#[test]
fn rule_settings_show_as_overrides_and_regrade_the_gate() {
    let p = document("regraded", |v| {
        v["settings"]["rules"] =
            json!([{"rule": "scope.missing", "severity": "minor", "reason": "scope held by the group"}]);
    });
    let (code, text) = check(&p, &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("(re-graded from blocker)"), "{text}");
    assert!(text.contains(
        "\nOverrides (1 rule(s), settings.rules)\n  scope.missing: blocker -> minor, 1 finding(s) re-graded"
    ));
}

#[test]
fn summary_prints_readiness_and_counts_only() {
    let p = document("summary", |_| {});
    let (code, text) = check(&p, &["--summary"]);
    assert_eq!(code, Some(1), "the exit code is the same as without --summary");
    assert!(text.contains("Readiness ") && text.contains("Findings: 1 blocker, 0 major, 2 minor"), "{text}");
    assert!(!text.contains("  ["), "no finding listed: {text}");
}

#[test]
fn rule_severity_and_limit_filter_the_listing_not_the_exit_code() {
    let p = document("filters", |_| {});
    let (code, text) = check(&p, &["--rule", "roles.responsibilities_missing"]);
    assert_eq!(code, Some(1), "the blocker still fails the gate");
    assert!(text.contains("\nMINOR roles.responsibilities_missing (2): "), "{text}");
    assert!(!text.contains("[scope.missing]"));
    assert!(text.contains("Showing 2 of 3 finding(s): rule roles.responsibilities_missing"));

    let (code, text) = check(&p, &["--severity", "blocker", "--fail-on", "minor"]);
    assert_eq!(code, Some(1));
    assert!(text.contains("[scope.missing]") && !text.contains("[roles.responsibilities_missing]"), "{text}");

    let (_, text) = check(&p, &["--rule", "roles.responsibilities_missing", "--rule", "scope.missing", "--limit", "1"]);
    assert_eq!(text.matches("  [roles.responsibilities_missing]").count(), 1, "{text}");
    assert!(text.contains("  ... and 1 more (--limit 1)") && text.contains("[scope.missing]"));

    let (code, text) = check(&p, &["--rule", "roles.nonsense"]);
    assert_eq!(code, Some(2), "{text}");
    assert!(text.contains("roles.nonsense"));
    assert_eq!(check(&p, &["--summary", "--json"]).0, Some(2), "text options with JSON are refused");
}

#[test]
fn findings_within_a_rule_are_ordered_by_control() {
    let p = document("order", |v| v["evidence"] = json!([]));
    let (_, text) = check(&p, &["--rule", "controls.no_evidence"]);
    let controls: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  [controls.no_evidence] A."))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert!(controls.len() > 10, "{text}");
    let key = |c: &str| c.split('.').map(|n| n.parse::<u32>().unwrap()).collect::<Vec<_>>();
    let mut sorted = controls.clone();
    sorted.sort_by_key(|c| key(c));
    assert_eq!(controls, sorted);
    assert!(controls.iter().position(|c| *c == "5.2") < controls.iter().position(|c| *c == "5.10"));
}
