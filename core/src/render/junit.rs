//! JUnit XML for an evaluation, as CI servers (Jenkins, GitLab, Azure
//! Pipelines, test-report actions) read it: one `<testsuite name="isms">`,
//! one `<testcase>` per rule of the catalogue (classname `isms.<area>`, the
//! part of the rule id before the dot), one `<failure>` per finding of that
//! rule (`type` is the severity), `<skipped>` for a rule that had nothing
//! to examine. Counts: `tests` rules, `failures` rules with a finding,
//! `skipped` rules that did not apply or whose findings are all waived.
//!
//! Waived findings are not failures: they are listed in the test case's
//! `<system-out>` with their waiver, and a rule with only waived findings
//! is `<skipped>`.
//!
//! Text is escaped for XML 1.0: `& < > " '` as entities, and the characters
//! XML 1.0 cannot carry at all (C0 controls other than tab, LF, CR; U+FFFE,
//! U+FFFF) as a visible `\u{..}`. No timestamps or durations: the same
//! evaluation gives the same bytes.
use super::Source;
use crate::evaluate::{Evaluation, rules};
use std::fmt::Write as _;

/// `s` escaped for an XML 1.0 attribute value: as [`xml_escape`], and tab,
/// LF and CR as character references, which attribute-value normalisation
/// would otherwise turn into spaces.
pub fn xml_attr(s: &str) -> String {
    xml_escape(s).replace('\t', "&#9;").replace('\n', "&#10;").replace('\r', "&#13;")
}

/// `s` escaped for XML 1.0 text.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&c.escape_unicode().to_string());
            }
            c => out.push(c),
        }
    }
    out
}

/// The evaluation as a JUnit XML report.
pub fn evaluation_junit(e: &Evaluation, source: &Source<'_>) -> String {
    let catalogue = rules();
    let mut cases = String::new();
    let (mut failing, mut skipped) = (0usize, 0usize);
    for r in &catalogue {
        let outcome = e.rules.iter().find(|o| o.rule == r.id);
        let (waived, findings): (Vec<_>, Vec<_>) =
            e.findings.iter().filter(|f| f.rule == r.id).partition(|f| f.is_waived());
        let area = r.id.split('.').next().unwrap_or(r.id);
        let _ = write!(
            cases,
            "    <testcase name=\"{}\" classname=\"isms.{}\" file=\"{}\"",
            xml_attr(r.id),
            xml_attr(area),
            xml_attr(source.uri)
        );
        let applied = outcome.is_some_and(|o| o.checked > 0);
        if findings.is_empty() && waived.is_empty() && applied {
            cases.push_str("/>\n");
            continue;
        }
        cases.push_str(">\n");
        if findings.is_empty() && !waived.is_empty() {
            skipped += 1;
            let _ = writeln!(cases, "      <skipped message=\"{} finding(s) waived\"/>", waived.len());
        } else if findings.is_empty() {
            skipped += 1;
            cases.push_str("      <skipped message=\"nothing to examine: the rule did not apply\"/>\n");
        } else {
            failing += 1;
        }
        for f in findings {
            let mut body = format!("{}\nrule: {} ({})\n", f.message, r.title, f.rule);
            if let Some(p) = &f.path {
                match source.place(p) {
                    (uri, Some((line, col))) => {
                        let _ = writeln!(body, "at: {uri}:{line}:{col} ({p})");
                    }
                    (uri, None) => {
                        let _ = writeln!(body, "at: {uri} ({p})");
                    }
                }
            }
            if let Some(c) = &f.clause {
                let _ = writeln!(body, "clause: {c}");
            }
            if let Some(c) = &f.control {
                let _ = writeln!(body, "control: A.{c}");
            }
            if let Some(d) = f.due_on {
                let _ = writeln!(body, "due: {d}");
            }
            let _ = writeln!(body, "remediation: {}\nfingerprint: {}", f.remediation, f.fingerprint);
            let _ = writeln!(
                cases,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                xml_attr(&f.message),
                f.severity,
                xml_escape(&body)
            );
        }
        if !waived.is_empty() {
            let mut out = String::new();
            for f in &waived {
                let w = f.waiver.as_deref().unwrap_or_default();
                let until = e
                    .waivers
                    .iter()
                    .find(|x| x.id == w)
                    .map(|x| format!(" until {}", x.expires_on))
                    .unwrap_or_default();
                let _ = writeln!(out, "waived by {w}{until}: {} ({})", f.message, f.fingerprint);
            }
            let _ = writeln!(cases, "      <system-out>{}</system-out>", xml_escape(&out));
        }
        cases.push_str("    </testcase>\n");
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let counts = format!("tests=\"{}\" failures=\"{failing}\" errors=\"0\" skipped=\"{skipped}\"", catalogue.len());
    let _ = writeln!(out, "<testsuites name=\"isms check\" {counts}>");
    let _ = writeln!(out, "  <testsuite name=\"isms\" {counts}>");
    let _ =
        writeln!(out, "    <properties>\n      <property name=\"as_of\" value=\"{}\"/>\n    </properties>", e.as_of);
    out.push_str(&cases);
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
