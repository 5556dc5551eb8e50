#![allow(clippy::unwrap_used)]
use super::*;
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

const SECTIONS: [&str; 8] = [
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
