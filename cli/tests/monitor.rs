//! `isms monitor ingest|summary|coverage|drift`, `isms check --results` and
//! `isms mapping lint` end to end, on the Northwind example's two weekly
//! runs (examples/monitoring) and the adapters' sample files.
#![allow(clippy::unwrap_used)]
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn isms(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isms")).args(args).current_dir(root()).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("isms-cli-monitor-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

const DOC: &str = "examples/northwind-saas.json";
const RUN1: &str = "examples/monitoring/run-2026-11-20.ndjson";
const RUN2: &str = "examples/monitoring/run-2026-11-27.ndjson";

#[test]
fn check_with_results_shows_findings_from_tests() {
    let o = isms(&["check", DOC, "--as-of", "2026-11-29", "--results", RUN1, "--results", RUN2]);
    let text = stdout(&o);
    assert!(
        text.contains("[monitoring.control_failing] A.8.24")
            && text.contains("s3_bucket_kms_encryption on arn:aws:s3:::nw-exports"),
        "{text}"
    );
    assert!(text.contains("[monitoring.control_at_risk] A.8.8"), "{text}");
    assert!(text.contains("[monitoring.not_evaluated] A.8.15"), "{text}");
    // Bob's MFA was fixed in the second run: no finding for 8.5.
    assert!(!text.contains("A.8.5 Authentication"), "{text}");
    let plain = stdout(&isms(&["check", DOC, "--as-of", "2026-11-29"]));
    assert!(!plain.contains("[monitoring."), "{plain}");
    let json = isms(&["check", DOC, "--as-of", "2026-11-29", "--json", "--results", RUN1, "--results", RUN2]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let f = v["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "monitoring.control_failing").unwrap();
    assert_eq!(f["tests"][0]["resource_id"], "arn:aws:s3:::nw-exports");
}

#[test]
fn drift_between_the_two_runs() {
    let o = isms(&[
        "monitor",
        "drift",
        DOC,
        "--from",
        "2026-11-22",
        "--to",
        "2026-11-29",
        "--results",
        RUN1,
        "--newer",
        RUN2,
    ]);
    assert_eq!(o.status.code(), Some(1), "a control started failing");
    let text = stdout(&o);
    let started = text.split("Stopped failing").next().unwrap();
    assert!(started.contains("A.8.8"), "{text}");
    let stopped = text.split("Stopped failing").nth(1).unwrap().split("Still failing").next().unwrap();
    assert!(stopped.contains("A.8.5"), "{text}");
    assert!(text.contains("A.8.15   passing -> not_evaluated"), "{text}");
}

#[test]
fn coverage_is_honest() {
    let o = isms(&["monitor", "coverage", DOC, "--as-of", "2026-11-29", "--results", RUN2, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["applicable"], 86);
    assert_eq!(v["automated"], 8);
    assert_eq!(v["clauses_not_counted"], serde_json::json!(["9.1"]));
    assert_eq!(v["excluded_with_results"], serde_json::json!(["7.4"]));
    assert!(v["automated_controls"].as_array().unwrap().contains(&"8.32".into()), "2013 A.12.1.2 counts as 8.32");
}

#[test]
fn summary_lists_control_health() {
    let o = isms(&["monitor", "summary", DOC, "--as-of", "2026-11-29", "--results", RUN1, "--results", RUN2]);
    let text = stdout(&o);
    assert!(text.contains("A.8.24   failing") && text.contains("A.7.4    not_evaluated"), "{text}");
    assert!(text.contains("[excluded by the SoA]"), "{text}");
}

#[test]
fn ingest_writes_normalised_ndjson_and_refuses_bad_records() {
    let out = tmp("asff.ndjson");
    // The sample has a threat finding without Compliance.Status: refused, nothing written.
    let o = isms(&[
        "monitor",
        "ingest",
        "core/tests/monitor/asff.json",
        "--format",
        "asff",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("record 3") && err.contains("$.Compliance.Status") && err.contains("nothing written"),
        "{err}"
    );
    assert!(!out.exists());
    // Prowler OCSF without the broken record: written, then read back by check.
    let src: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(root().join("core/tests/monitor/prowler-ocsf.json")).unwrap())
            .unwrap();
    let good = tmp("prowler.json");
    std::fs::write(&good, serde_json::to_string(&src[..3]).unwrap()).unwrap();
    let out = tmp("prowler.ndjson");
    let o = isms(&[
        "monitor",
        "ingest",
        good.to_str().unwrap(),
        "--format",
        "prowler-ocsf",
        "--run-id",
        "r1",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written.lines().count(), 3);
    let first: serde_json::Value = serde_json::from_str(written.lines().next().unwrap()).unwrap();
    assert_eq!(first["source"]["run_id"], "r1");
    // Neutral NDJSON in, the same records out.
    let again = tmp("again.ndjson");
    let o =
        isms(&["monitor", "ingest", out.to_str().unwrap(), "--format", "neutral", "--out", again.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&again).unwrap(), written);
}

#[test]
fn bad_neutral_lines_are_named_by_line_and_field() {
    let bad = tmp("bad.ndjson");
    let good = std::fs::read_to_string(root().join(RUN1)).unwrap();
    let mut lines: Vec<String> = good.lines().map(str::to_owned).collect();
    lines[2] = lines[2].replace("\"pass\"", "\"passed\"");
    lines[5] = "{not json".into();
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let o = isms(&["check", DOC, "--as-of", "2026-11-29", "--results", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("2 result record(s)") && err.contains("line 3, $.status") && err.contains("line 6, $"),
        "{err}"
    );
}

#[test]
fn mapping_lint_reports_problems_and_gaps() {
    let csv = tmp("map.csv");
    std::fs::write(
        &csv,
        "tool,check,framework,control\nprowler,iam_mfa,ISO27001-2022,A.8.5\n,backup,iso27001-2013,A.12.3.1\n,legal,iso27001-2013,A.18.2.3\n,x,iso27001-2022,9.9\n",
    )
    .unwrap();
    let o = isms(&["mapping", "lint", csv.to_str().unwrap(), "--doc", DOC]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    for want in [
        "[mixed_editions]",
        "line 4: error [split_2013]",
        "line 5: error [unknown_control]",
        "Controls no check covers (84)",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    std::fs::write(&csv, "check,framework,control\niam_mfa,iso27001-2022,8.5\n").unwrap();
    let o = isms(&["mapping", "lint", csv.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["uncovered"].as_array().unwrap().len(), 92);
}

#[test]
fn diff_with_results_shows_what_changed_between_the_runs() {
    let args = [
        "diff",
        DOC,
        "--as-of",
        "2026-11-22",
        "--to",
        "2026-11-29",
        "--old-results",
        RUN1,
        "--new-results",
        RUN1,
        "--new-results",
        RUN2,
    ];
    let o = isms(&args);
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.contains("New findings (3)") && text.contains("[monitoring.control_failing] A.8.24"), "{text}");
    assert!(text.contains("Resolved (2)") && text.contains("user/bob"), "{text}");
    assert!(text.contains("Started failing (1):\n  A.8.8    passing -> at_risk"), "{text}");
    assert!(text.contains("Stopped failing (1):\n  A.8.5    at_risk -> passing"), "{text}");
    let json = isms(&[&args[..], &["--json", "--fail-on-new", "minor"]].concat());
    assert_eq!(json.status.code(), Some(1), "a new minor finding from a test fails the gate");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let m = &v["monitoring"];
    assert_eq!(m["started_failing"][0]["control"], "8.8");
    assert_eq!(m["stopped_failing"][0], serde_json::json!({"control": "8.5", "before": "at_risk", "after": "passing"}));
    assert_eq!(m["still_failing"][0]["after"], "failing");
    // Two documents with results: the SoA diff and the monitoring drift both.
    let two = isms(&[
        "diff",
        DOC,
        DOC,
        "--as-of",
        "2026-11-22",
        "--to",
        "2026-11-29",
        "--old-results",
        RUN1,
        "--new-results",
        RUN2,
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&two.stdout).unwrap();
    assert!(v["soa"].is_object() && v["monitoring"]["from"] == "2026-11-22", "{v}");
    // Without results there is no monitoring part.
    let plain = isms(&["diff", DOC, "--as-of", "2026-11-22", "--to", "2026-11-29", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(v.get("monitoring").is_none());
    // One side alone is refused by name.
    let half = isms(&["diff", DOC, "--to", "2026-11-29", "--old-results", RUN1]);
    assert_eq!(half.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&half.stderr).contains("--new-results"));
    // A bad results line is named with its line, and nothing is compared.
    let bad = tmp("bad-run.ndjson");
    std::fs::write(&bad, "{\"check\":1}\n").unwrap();
    let o = isms(&["diff", DOC, "--to", "2026-11-29", "--old-results", RUN1, "--new-results", bad.to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("line 1"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn soa_with_results_shows_automated_status_and_the_audit_window() {
    let r = ["--results", RUN1, "--results", RUN2];
    let md = stdout(&isms(&[&["soa", DOC, "--as-of", "2026-11-29"][..], &r].concat()));
    assert!(md.contains("Audit observation window: ext-stage1 2027-01-18 – 2027-01-19."), "{md}");
    let row = md.lines().find(|l| l.starts_with("| 8.24 |")).unwrap();
    assert!(
        row.ends_with("| failing, last 2026-11-27 06:00 (fresh until 2026-12-04); not fresh through the audit |"),
        "{row}"
    );
    let untested = md.lines().find(|l| l.starts_with("| 5.1 |")).unwrap();
    assert!(untested.ends_with("| 1 (current) |  |"), "{untested}");
    let json = isms(&[&["soa", DOC, "--as-of", "2026-11-29", "--format", "json"][..], &r].concat());
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let e = v["entries"].as_array().unwrap().iter().find(|e| e["control"] == "8.5").unwrap();
    assert_eq!(
        e["automated"],
        serde_json::json!({"health": "passing", "last_observed": "2026-11-27T06:00:00Z", "fresh_until": "2026-12-04",
            "fresh": true, "fresh_through_window": false})
    );
    assert_eq!(v["observation_window"]["audit"], "ext-stage1");
    let csv = stdout(&isms(&[&["soa", DOC, "--as-of", "2026-11-29", "--format", "csv"][..], &r].concat()));
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",automated_health,last_observed,fresh_until,automated_fresh,fresh_through_window")
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("8.24,") && l.ends_with(",failing,2026-11-27T06:00:00Z,2026-12-04,true,false")),
        "{csv}"
    );
    let html = stdout(&isms(&[&["soa", DOC, "--as-of", "2026-11-29", "--format", "html"][..], &r].concat()));
    assert!(
        html.contains("<th>Automated tests</th>") && html.contains("<td class=\"automated failing\">failing, last")
    );
    // Without results the statement keeps its shape.
    let plain = stdout(&isms(&["soa", DOC, "--as-of", "2026-11-29", "--format", "csv"]));
    assert!(plain.lines().next().unwrap().ends_with(",documents"));
    assert!(!stdout(&isms(&["soa", DOC, "--as-of", "2026-11-29", "--format", "html"])).contains("Automated tests"));
}

#[test]
fn check_with_results_shows_the_automation_readiness_block() {
    let text =
        stdout(&isms(&["check", DOC, "--as-of", "2026-11-29", "--summary", "--results", RUN1, "--results", RUN2]));
    assert!(text.contains("Automated control tests: 8 of 86 applicable control(s) automated (9%)"), "{text}");
    assert!(text.contains("needs attention: A.8.8 at risk, A.8.15 not evaluated, A.8.24 failing"), "{text}");
    let json = isms(&["check", DOC, "--as-of", "2026-11-29", "--json", "--results", RUN1, "--results", RUN2]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let a = &v["readiness"]["automation"];
    assert_eq!((a["automated"].as_u64(), a["applicable"].as_u64()), (Some(8), Some(86)));
    assert_eq!(
        (a["failing"].as_u64(), a["at_risk"].as_u64(), a["not_evaluated"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    let plain = isms(&["check", DOC, "--as-of", "2026-11-29", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    assert!(v["readiness"].get("automation").is_none());
}

/// The `<section id="automated">` of a report.
fn automated_section(html: &str) -> String {
    let s = &html[html.find("<section id=\"automated\">").unwrap()..];
    s[..s.find("</section>").unwrap()].to_owned()
}

#[test]
fn report_with_results_has_the_automated_tests_section() {
    let o = isms(&["report", DOC, "--as-of", "2026-11-29", "--html", "-", "--results", RUN1, "--results", RUN2]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = automated_section(&stdout(&o));
    assert!(s.contains("8 of 86 applicable controls"), "{s}");
    assert!(s.contains("<strong>ext-stage1</strong>, 2027-01-18 to 2027-01-19"), "{s}");
    let row = &s[s.find("<td class=\"d\">A.8.24</td>").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains("<td class=\"health failing\">failing</td>"), "{row}");
    assert!(row.contains("<td class=\"d\">2026-11-27 06:00 UTC</td><td class=\"d\">2026-12-04</td>"), "{row}");
    assert!(row.contains("s3_bucket_kms_encryption on arn:aws:s3:::nw-exports (fail)"), "{row}");
    assert!(s.contains("id=\"tests-monitoring.control_failing\""), "{s}");
    // Bob's MFA was fixed in the second run: 8.5 passes.
    assert!(s.contains(
        "<td class=\"d\">A.8.5</td><td>Secure authentication</td><td>applicable</td><td class=\"health passing\">"
    ));
    let plain = isms(&["report", DOC, "--as-of", "2026-11-29", "--html", "-"]);
    assert!(automated_section(&stdout(&plain)).contains("No automated test results were supplied"));
}

#[test]
fn report_reads_results_through_a_mapping_table_and_names_bad_lines() {
    let results = tmp("report-unmapped.ndjson");
    std::fs::write(
        &results,
        "{\"source\":{\"tool\":\"acme-scan\",\"version\":\"1\",\"run_id\":\"r1\"},\"check\":\"disk_encrypted\",\
         \"status\":\"fail\",\"observed_at\":\"2026-11-27T06:00:00Z\",\"resource_id\":\"laptop-7\"}\n",
    )
    .unwrap();
    let mapping = tmp("report-mapping.csv");
    std::fs::write(&mapping, "tool,check,framework,control\nacme-scan,disk_encrypted,ISO27001-2022,A.8.24\n").unwrap();
    let (r, m) = (results.to_str().unwrap(), mapping.to_str().unwrap());
    let base = ["report", DOC, "--as-of", "2026-11-29", "--html", "-", "--results", r];
    let without = automated_section(&stdout(&isms(&base)));
    assert!(without.contains("No result is mapped to an Annex A control."), "{without}");
    let o = isms(&[&base[..], &["--mapping", m]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = automated_section(&stdout(&o));
    assert!(s.contains("disk_encrypted on laptop-7 (fail)"), "{s}");
    let bad = tmp("report-bad.ndjson");
    std::fs::write(&bad, "{\"check\":\"x\"}\n").unwrap();
    let o = isms(&["report", DOC, "--as-of", "2026-11-29", "--html", "-", "--results", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 1"), "{err}");
}
