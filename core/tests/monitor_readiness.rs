//! Automated control tests in readiness and in the HTML report
//! (docs/monitoring.md, "Readiness and the report"): the automation block
//! of an evaluation with results, and the report's "Automated control
//! tests" section, on a small constructed results set with a passing, an
//! at-risk, a failing (critical, so a Stage 2 blocker), a stale and a
//! not-evaluated control, an excluded control failing and a clause.
#![allow(clippy::unwrap_used)]
mod common;
use common::rec;
use isms_core::Isms;
use isms_core::evaluate::Evaluation;
use isms_core::model::Date;
use isms_core::monitor::{ControlRef, Health, Observations, ResultRecord, Status};

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

const AS_OF: &str = "2026-04-10";

fn isms() -> Isms {
    Isms::from_json(
        r#"{"schema_version":"1.0","organization":{"name":"Acme"},
        "settings":{"monitoring":{"controls":[{"control":"8.24","critical":true}]}},
        "certification":{"audits":[{"id":"a-s1","kind":"stage1","status":"planned","start_on":"2026-04-12","end_on":"2026-04-16"}]},
        "soa":{"entries":[
          {"control":"5.1","applicable":true},
          {"control":"5.15","applicable":true},
          {"control":"8.5","applicable":true},
          {"control":"8.8","applicable":true},
          {"control":"8.13","applicable":true},
          {"control":"8.24","applicable":true},
          {"control":"7.4","applicable":false,"justification":"No premises of our own"}
        ]}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn results() -> Observations {
    let mut clause = rec("policy_doc", "", Status::Pass, "2026-04-08T06:00:00Z", "8.5");
    clause.controls = vec![ControlRef { framework: "iso27001-2022".into(), id: "9.1".into() }];
    Observations::from_records(&[
        // Passing: fresh until 04-15, so stale before the audit ends (04-16).
        rec("mfa", "user/ada", Status::Pass, "2026-04-08T06:00:00Z", "8.5"),
        // At risk: failing since yesterday, within the 3-day tolerance.
        rec("inspector", "i-web01", Status::Fail, "2026-04-09T06:00:00Z", "8.8"),
        // Failing for 40 days on a critical control: a blocker.
        rec("kms", "bucket/exports", Status::Pass, "2026-02-20T06:00:00Z", "8.24"),
        rec("kms", "bucket/exports", Status::Fail, "2026-03-01T06:00:00Z", "8.24"),
        rec("kms", "bucket/exports", Status::Fail, "2026-04-08T06:00:00Z", "8.24"),
        // Stale: the only result is older than the 7-day cadence.
        rec("backup", "vault", Status::Pass, "2026-03-01T06:00:00Z", "8.13"),
        // Not evaluated: the scanner erred.
        rec("access_review", "", Status::Error, "2026-04-08T06:00:00Z", "5.15"),
        // Excluded, failing: reported, never counted as applicable.
        rec("cctv", "site", Status::Fail, "2026-04-08T06:00:00Z", "7.4"),
        clause,
    ])
}

fn evaluation() -> Evaluation {
    isms().evaluate_with_results(d(AS_OF), &results())
}

#[test]
fn readiness_carries_the_automation_block_only_with_results() {
    assert!(isms().evaluate(d(AS_OF)).readiness.automation.is_none());
    let e = evaluation();
    let a = e.readiness.automation.as_ref().unwrap();
    // 5.1 has no check: 5 of the 6 applicable controls are automated; 7.4
    // (excluded) and the clause 9.1 are not counted.
    assert_eq!((a.applicable, a.automated), (6, 5));
    assert!((a.ratio - 5.0 / 6.0).abs() < 1e-12);
    assert_eq!(a.evaluated_fresh, 3, "8.5, 8.8 and 8.24 have a fresh pass or fail");
    assert_eq!((a.passing, a.failing, a.at_risk, a.not_evaluated, a.stale, a.not_applicable), (1, 1, 1, 1, 1, 0));
    let attention: Vec<(&str, Health)> = a.attention.iter().map(|c| (c.control.as_str(), c.health)).collect();
    assert_eq!(
        attention,
        [("5.15", Health::NotEvaluated), ("8.8", Health::AtRisk), ("8.13", Health::Stale), ("8.24", Health::Failing)]
    );
    assert_eq!(a.clauses_not_counted, ["9.1"]);
}

#[test]
fn stage_blockers_from_tests_are_the_monitoring_findings_among_the_blockers() {
    let e = evaluation();
    let a = e.readiness.automation.as_ref().unwrap();
    // The critical control failing for 40 days is a blocker finding of
    // monitoring.control_failing (a Stage 2 rule): the block adds no verdict.
    assert!(a.stage1.is_empty());
    assert_eq!(a.stage2.len(), 1);
    assert_eq!(a.stage2[0].rule, "monitoring.control_failing");
    let f = e.findings.iter().find(|f| f.fingerprint == a.stage2[0].fingerprint).unwrap();
    assert_eq!(f.control.as_deref(), Some("8.24"));
    assert!(e.readiness.stage2.blockers.contains(&a.stage2[0]));
    assert!(!e.readiness.stage2.ready);
    let from_tests = e.findings.iter().filter(|f| f.rule.starts_with("monitoring.")).count() as u32;
    assert_eq!(a.findings, from_tests);
    assert_eq!(a.findings, 5, "failing, at risk, not evaluated, stale, excluded failing");
}

#[test]
fn check_text_shows_the_automation_block() {
    let e = evaluation();
    let text = isms_core::render::text::evaluation(None, &e, &Default::default());
    assert!(text.contains("Automated control tests: 5 of 6 applicable control(s) automated (83%), 3 evaluated fresh"));
    assert!(text.contains("1 failing, 1 at risk, 1 not evaluated, 1 stale, 1 passing, 0 not applicable"));
    assert!(text.contains("needs attention: A.5.15 not evaluated, A.8.8 at risk, A.8.13 stale, A.8.24 failing"));
    assert!(text.contains("Stage 2: 1 blocker(s) from tests (monitoring.control_failing)"));
    let plain = isms_core::render::text::evaluation(None, &isms().evaluate(d(AS_OF)), &Default::default());
    assert!(!plain.contains("Automated control tests"));
}

/// The text of the cells of the row of `table_id` whose first cell is `key`.
fn row(html: &str, table_id: &str, key: &str) -> Vec<String> {
    let start = html.find(&format!("<table id=\"{table_id}\">")).unwrap();
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let tr = table.split("<tr>").find(|tr| tr.starts_with(&format!("<td class=\"d\">{key}</td>"))).unwrap();
    tr.split("<td").skip(1).map(|td| td[td.find('>').unwrap() + 1..td.find("</td>").unwrap()].to_owned()).collect()
}

fn class_of_health(html: &str, key: &str) -> String {
    let start = html.find(&format!("<td class=\"d\">{key}</td>")).unwrap();
    let rest = &html[start..];
    let at = rest.find("<td class=\"health ").unwrap() + "<td class=\"health ".len();
    rest[at..at + rest[at..].find('"').unwrap()].to_owned()
}

#[test]
fn the_report_shows_each_automated_control_and_the_findings_from_tests() {
    let html = isms().report_html_with_results(d(AS_OF), &results()).unwrap();
    let s = &html[html.find("<section id=\"automated\">").unwrap()..];
    let s = &s[..s.find("</section>").unwrap()];
    assert!(html.contains("<a href=\"#automated\">"), "linked from the navigation");
    assert!(s.contains("83<span class=\"muted\">%</span>") && s.contains("5 of 6 applicable controls"));
    assert!(s.contains("<strong>a-s1</strong>, 2026-04-12 to 2026-04-16"));
    let cells = row(s, "automated-controls", "A.8.24");
    assert_eq!(cells[1], "Use of cryptography");
    assert_eq!(cells[2], "applicable");
    assert_eq!(cells[3], "failing");
    assert_eq!(cells[4], "2026-04-08 06:00 UTC");
    assert_eq!(cells[5], "2026-04-15");
    assert_eq!(cells[6], "no", "fresh until 04-15, the audit ends 04-16");
    assert_eq!(cells[7], "kms on bucket&#x2f;exports (fail)");
    assert_eq!(class_of_health(s, "A.8.24"), "failing");
    let at_risk = row(s, "automated-controls", "A.8.8");
    assert_eq!((at_risk[3].as_str(), at_risk[5].as_str(), at_risk[6].as_str()), ("at risk", "2026-04-16", "yes"));
    assert_eq!(class_of_health(s, "A.8.8"), "at_risk");
    let stale = row(s, "automated-controls", "A.8.13");
    assert_eq!(stale[3], "stale");
    assert_eq!(row(s, "automated-controls", "A.7.4")[2], "excluded");
    assert!(!s.contains("<td class=\"d\">A.5.1</td>"), "5.1 has no automated check");
    assert!(!s.contains("<td class=\"d\">9.1</td>"), "clauses are never rows");
    // The findings from tests, in their rule groups, cite the checks.
    for rule in ["control_failing", "control_at_risk", "not_evaluated", "results_stale", "excluded_control_failing"] {
        assert!(s.contains(&format!("id=\"tests-monitoring.{rule}\"")), "{rule}");
    }
    let group = &s[s.find("id=\"tests-monitoring.control_failing\"").unwrap()..];
    let group = &group[..group.find("</details>").unwrap()];
    assert!(group.contains("<span class=\"sev sev-blocker\">blocker</span>"));
    assert!(group.contains("<td>kms on bucket&#x2f;exports (fail)</td>"));
}

#[test]
fn without_results_the_section_says_none_were_supplied() {
    let html = isms().report_html(d(AS_OF)).unwrap();
    let s = &html[html.find("<section id=\"automated\">").unwrap()..];
    let s = &s[..s.find("</section>").unwrap()];
    assert!(s.contains("No automated test results were supplied"));
    assert!(!s.contains("<table"));
}

#[test]
fn a_row_cites_at_most_five_failing_checks_and_counts_the_rest() {
    let rs: Vec<ResultRecord> =
        (1..=7).map(|n| rec("mfa", &format!("user/{n}"), Status::Fail, "2026-04-08T06:00:00Z", "8.5")).collect();
    let html = isms().report_html_with_results(d(AS_OF), &Observations::from_records(&rs)).unwrap();
    let cells = row(&html, "automated-controls", "A.8.5");
    assert_eq!(cells[7].matches(" (fail)").count(), 5, "{}", cells[7]);
    assert!(cells[7].ends_with("<span class=\"muted\">and 2 more</span>"), "{}", cells[7]);
}
