#![allow(clippy::unwrap_used)]
use super::*;
use crate::evaluate::Severity;
use crate::model::Date;

fn report_html(doc: &Document, as_of: Date) -> Result<String> {
    crate::Isms::new(doc.clone())?.report_html(as_of)
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn fixture() -> Document {
    crate::json::parse_document(
        r#"{"schema_version":"1.0","organization":{"name":"Acme & <Sons>"},
        "assets":[{"id":"a1","name":"<script>alert(1)</script>","kind":"information"}]}"#,
    )
    .unwrap()
}

const SECTIONS: [&str; 9] = [
    "id=\"automated\"",
    "id=\"waivers\"",
    "id=\"readiness\"",
    "id=\"verdicts\"",
    "id=\"risks\"",
    "id=\"soa\"",
    "id=\"findings\"",
    "id=\"deadlines\"",
    "id=\"roadmap\"",
];

#[test]
fn user_strings_are_escaped() {
    let html = report_html(&fixture(), d("2026-01-01")).unwrap();
    assert!(!html.contains("<script"), "no script element, and user text escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;"), "the asset name appears escaped");
    assert!(html.contains("Acme &amp; &lt;Sons&gt;"));
    for s in SECTIONS {
        assert!(html.contains(s), "section {s}");
    }
}

#[test]
fn realistic_example_has_every_section_and_no_external_reference() {
    let text = include_str!("../../../examples/northwind-saas.json");
    let doc = crate::json::parse_document(text).unwrap();
    let html = report_html(&doc, d("2026-11-29")).unwrap();
    for s in SECTIONS {
        assert!(html.contains(s), "section {s}");
    }
    assert!(!html.contains("http://") && !html.contains("https://"), "no URL at all, so no external asset");
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("<img"));
    assert_eq!(html.matches("<svg").count(), 3, "readiness chart and two heat maps");
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
    assert!(
        html.contains("Not ready: 2 blocker(s)."),
        "the SoA blockers of the example: 7.4 relied on, 7.10 unjustified"
    );
    assert!(html.contains("soa.excluded_but_relied_on"));
    assert!(html.contains("Pass the certification audit"));
    // Balanced table markup: a cheap well-formedness check.
    assert_eq!(html.matches("<table>").count(), html.matches("</table>").count());
    assert_eq!(html.matches("<tr>").count(), html.matches("</tr>").count());
    // Deterministic.
    assert_eq!(html, report_html(&doc, d("2026-11-29")).unwrap());
}

#[test]
fn readiness_chart_marks_unscored_lines() {
    let doc = crate::json::parse_document(r#"{"schema_version":"1.0","organization":{"name":"x"}}"#).unwrap();
    let e = crate::evaluate::evaluate(&doc, d("2026-01-01"));
    let svg = readiness_svg(&e.readiness);
    let rows = 1 + e.readiness.clauses.len() + e.readiness.themes.len();
    assert_eq!(svg.matches("<text").count(), 2 * rows + 4, "label and value per row, four axis ticks");
    let unscored = e.readiness.clauses.iter().chain(&e.readiness.themes).filter(|l| l.score.is_none()).count();
    assert!(unscored > 0, "an empty document leaves some lines unjudged");
    assert_eq!(svg.matches(">n/a<").count(), unscored);
}

#[test]
fn the_waivers_section_lists_every_waiver_and_override_escaped() {
    let doc = crate::json::parse_document(
        r#"{"schema_version":"1.0","organization":{"name":"Acme"},
        "people":[{"id":"p1","name":"Ann <CISO>"}],
        "settings":{"rules":[{"rule":"assets.no_owner","disabled":true,"reason":"owners in the CMDB"}]},
        "assets":[{"id":"a1","name":"DB","kind":"information"}],
        "waivers":[{"id":"w1","rule":"scope.missing","justification":"<b>group</b> scope","approver":"p1",
                    "approved_on":"2025-12-01","expires_on":"2026-03-31"}]}"#,
    )
    .unwrap();
    let html = report_html(&doc, d("2026-01-01")).unwrap();
    let at = html.find("id=\"waivers\"").unwrap();
    assert!(at > html.find("id=\"roadmap\"").unwrap(), "the section comes last");
    let section = &html[at..];
    assert!(section.contains("<td>w1</td><td><code>scope.missing</code></td><td>every finding</td><td>active</td>"));
    assert!(
        section.contains("Ann &lt;CISO&gt;, 2025-12-01") && section.contains("&lt;b&gt;group&lt;&#x2f;b&gt; scope")
    );
    assert!(section.contains(
        "<td><code>assets.no_owner</code></td><td>disabled</td><td class=\"n\">1</td><td>owners in the CMDB</td>"
    ));
    let none = report_html(&fixture(), d("2026-01-01")).unwrap();
    assert!(none.contains("<p>No waiver.</p>") && none.contains("<p>No rule override.</p>"));
}

fn northwind() -> Document {
    crate::json::parse_document(include_str!("../../../examples/northwind-saas.json")).unwrap()
}

#[test]
fn references_sort_in_natural_order() {
    use std::cmp::Ordering::*;
    assert_eq!(view::natural_cmp("5.2", "5.10"), Less);
    assert_eq!(view::natural_cmp("A.5.2", "A.5.10"), Less);
    assert_eq!(view::natural_cmp("9.2", "10.1"), Less);
    assert_eq!(view::natural_cmp("8.3", "8.3"), Equal);
    assert_eq!(view::natural_cmp("6.1", "6.1.2"), Less);
    assert_eq!(view::natural_cmp("", "4.1"), Less);
    let mut refs = vec!["A.5.10", "A.5.2", "A.8.1", "A.5.1", "A.7.10", "A.7.4"];
    refs.sort_by(|a, b| view::natural_cmp(a, b));
    assert_eq!(refs, ["A.5.1", "A.5.2", "A.5.10", "A.7.4", "A.7.10", "A.8.1"]);
}

#[test]
fn findings_are_grouped_one_row_per_rule_with_its_title() {
    let doc = northwind();
    let isms = crate::Isms::new(doc.clone()).unwrap();
    let eval = isms.evaluate(d("2026-11-29"));
    let names = view::Names::new(&doc);
    let groups = serde_json::to_value(view::findings_by_rule(&eval.findings, &names)).unwrap();
    let groups = groups.as_array().unwrap();
    let mut seen = std::collections::BTreeSet::new();
    let mut total = 0;
    let mut last_rank = 0;
    for g in groups {
        let rule = g["rule"].as_str().unwrap();
        assert!(seen.insert(rule.to_owned()), "one group per rule: {rule}");
        assert_eq!(g["title"], crate::evaluate::rule(rule).unwrap().title, "the catalogue's title");
        let rank = Severity::ALL.iter().position(|s| s.as_str() == g["severity"]).unwrap();
        assert!(rank >= last_rank, "most severe first");
        last_rank = rank;
        let rows = g["findings"].as_array().unwrap();
        assert_eq!(g["count"], rows.len());
        total += rows.len();
        let refs: Vec<&str> = rows.iter().map(|r| r["reference"].as_str().unwrap()).collect();
        assert!(refs.windows(2).all(|w| view::natural_cmp(w[0], w[1]).is_le()), "{rule}: {refs:?}");
    }
    assert_eq!(total, eval.findings.len(), "every finding once");
    let html = isms.report_html(d("2026-11-29")).unwrap();
    assert_eq!(html.matches("<details class=\"rule\"").count(), groups.len());
    assert!(html.contains("Excluded control relied on by a treatment"), "rule titles shown");
    // A rule whose findings differ in severity is one row at its worst.
    let overdue = groups.iter().find(|g| g["rule"] == "risk.action_overdue").unwrap();
    assert_eq!((overdue["severity"].as_str(), overdue["mixed"].as_bool()), (Some("major"), Some(true)));
}

#[test]
fn people_are_named_not_identified() {
    let html = report_html(&northwind(), d("2026-11-29")).unwrap();
    assert!(html.contains("<td>Karen Doyle</td>"), "a deadline owner by name");
    assert!(!html.contains(">p-compliance<") && !html.contains(">p-cro<"), "no person id shown as a cell");
    let doc = northwind();
    let names = view::Names::new(&doc);
    let e = |k, id: &str| crate::model::EntityRef::new(k, id);
    use crate::model::EntityKind as K;
    assert_eq!(names.entity(&e(K::Control, "5.15")), "A.5.15 Access control");
    assert_eq!(names.entity(&e(K::Person, "p-compliance")), "Karen Doyle");
    assert_eq!(names.entity(&e(K::Asset, "no-such")), "asset no-such", "unknown ids stay visible");
    assert_eq!(names.owners_of(&[e(K::Control, "5.15"), e(K::Control, "5.16")]), ["Tom Fletcher"]);
}

#[test]
fn recurring_deadlines_collapse_into_one_row_per_series() {
    let doc = northwind();
    let as_of = d("2026-11-29");
    let items = schedule::calendar(&doc, as_of, add_days(as_of, DEADLINE_DAYS)).unwrap().items;
    let open = items.iter().filter(|i| i.status != schedule::Status::Done).count();
    let rows = serde_json::to_value(view::deadlines(&items, &view::Names::new(&doc))).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.iter().map(|r| r["count"].as_u64().unwrap()).sum::<u64>(), open as u64, "every item counted");
    assert!(rows.len() < open, "some series collapsed");
    let phishing: Vec<_> =
        rows.iter().filter(|r| r["title"].as_str().unwrap().contains("Phishing simulation (quarterly)")).collect();
    assert_eq!(phishing.len(), 1, "one row for the course");
    let p = phishing[0];
    assert_eq!(p["title"], "Training due: Phishing simulation (quarterly)");
    assert!(p["count"].as_u64().unwrap() > 20 && p["overdue"].as_u64().unwrap() == 3);
    assert_eq!(p["status"], "overdue", "the most urgent status of the series");
    assert_eq!(p["date"], "2026-09-16", "the first date");
    assert_eq!(p["items"].as_array().unwrap().len() as u64, p["count"].as_u64().unwrap());
    assert!(rows.windows(2).all(|w| w[0]["date"].as_str() <= w[1]["date"].as_str()), "by first date");
    // A single item keeps its own title and lists no occurrences.
    let single = rows.iter().find(|r| r["count"] == 1).unwrap();
    assert!(single["items"].as_array().unwrap().is_empty());
}

#[test]
fn the_page_prints() {
    let html = report_html(&northwind(), d("2026-11-29")).unwrap();
    let print = &html[html.find("@media print").expect("a print stylesheet")..];
    assert!(print.contains("details::details-content"), "collapsed findings open on paper");
    assert!(print.contains("break-before: page"), "a page per section");
    assert!(print.contains("background: none"), "no backgrounds on paper");
    // Sections follow one another, the footer last, so one more is a block.
    let footer = html.find("<footer>").unwrap();
    assert!(SECTIONS.iter().all(|s| html.find(s).unwrap() < footer));
}

#[test]
fn waived_findings_are_marked_in_their_rule_group() {
    let doc = crate::json::parse_document(
        r#"{"schema_version":"1.0","organization":{"name":"Acme"},
        "people":[{"id":"p1","name":"Ann"}],
        "waivers":[{"id":"w-scope","rule":"scope.missing","justification":"group scope","approver":"p1",
                    "approved_on":"2025-12-01","expires_on":"2026-03-31"}]}"#,
    )
    .unwrap();
    let html = report_html(&doc, d("2026-01-01")).unwrap();
    let group = &html[html.find("<code>scope.missing</code>").unwrap()..];
    let group = &group[..group.find("</details>").unwrap()];
    assert!(group.contains("1 waived"), "{group}");
    assert!(group.contains("<span class=\"waived\">waived (w-scope)</span>"), "{group}");
    // After the waiver expires the finding is no longer marked.
    let later = report_html(&doc, d("2026-04-01")).unwrap();
    let group = &later[later.find("<code>scope.missing</code>").unwrap()..];
    assert!(!group[..group.find("</details>").unwrap()].contains("waived"));
}
