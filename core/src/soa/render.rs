//! The statement as CSV, Markdown and self-contained HTML.
//!
//! All three are pure functions of a [`Statement`]: the same statement gives
//! the same bytes. HTML is rendered by minijinja from a template embedded in
//! the library, with HTML auto-escaping on, inline CSS and no external
//! assets, so the file can be mailed to an auditor as is.
use super::{Applicability, Statement, StatementEntry};
use crate::{Error, Result};

const HTML_TEMPLATE: &str = include_str!("templates/soa.html");

/// The CSV header, one column per field of [`StatementEntry`].
pub const CSV_HEADER: [&str; 14] = [
    "control",
    "title",
    "theme",
    "applicability",
    "reasons",
    "justification",
    "status",
    "owner",
    "owner_name",
    "target_date",
    "risks",
    "evidence",
    "evidence_current",
    "documents",
];

/// The columns appended when the statement carries automated test status
/// ([`super::with_automated`]); absent otherwise, so a statement without
/// results keeps its shape.
pub const CSV_AUTOMATED_HEADER: [&str; 5] =
    ["automated_health", "last_observed", "fresh_until", "automated_fresh", "fresh_through_window"];

fn has_automated(s: &Statement) -> bool {
    s.entries.iter().any(|e| e.automated.is_some())
}

fn automated_cells(e: &StatementEntry) -> [String; 5] {
    match &e.automated {
        Some(a) => [
            a.health.as_str().to_owned(),
            a.last_observed.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            a.fresh_until.to_string(),
            a.fresh.to_string(),
            a.fresh_through_window.map(|b| b.to_string()).unwrap_or_default(),
        ],
        None => Default::default(),
    }
}

/// The automated status in words for a table cell (Markdown, HTML).
fn automated_words(e: &StatementEntry) -> String {
    match &e.automated {
        Some(a) => {
            let mut w = format!(
                "{}, last {} ({})",
                a.health.as_str().replace('_', " "),
                a.last_observed.format("%Y-%m-%d %H:%M"),
                if a.fresh {
                    format!("fresh until {}", a.fresh_until)
                } else {
                    format!("stale since {}", a.fresh_until)
                }
            );
            if a.fresh_through_window == Some(false) {
                w.push_str("; not fresh through the audit");
            }
            w
        }
        None => String::new(),
    }
}

fn reasons(e: &StatementEntry) -> String {
    e.reasons.iter().map(token).collect::<Vec<_>>().join(";")
}

/// The snake_case JSON token of a unit enum value.
fn token<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn row(e: &StatementEntry) -> [String; 14] {
    [
        e.control.clone(),
        e.title.clone(),
        e.theme.as_str().to_owned(),
        e.applicability.as_str().to_owned(),
        reasons(e),
        e.justification.clone().unwrap_or_default(),
        e.status.map(|s| token(&s)).unwrap_or_default(),
        e.owner.clone().unwrap_or_default(),
        e.owner_name.clone().unwrap_or_default(),
        e.target_date.map(|d| d.to_string()).unwrap_or_default(),
        e.risks.join(";"),
        e.evidence.iter().map(|x| x.id.as_str()).collect::<Vec<_>>().join(";"),
        e.evidence_current.to_string(),
        e.documents.join(";"),
    ]
}

/// The statement as CSV (RFC 4180, header row, `;` between list items).
pub fn to_csv(s: &Statement) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::invalid_argument("$", format!("cannot write CSV: {e}"));
    let automated = has_automated(s);
    if automated {
        w.write_record(CSV_HEADER.iter().chain(&CSV_AUTOMATED_HEADER)).map_err(err)?;
    } else {
        w.write_record(CSV_HEADER).map_err(err)?;
    }
    for e in &s.entries {
        if automated {
            w.write_record(row(e).iter().chain(&automated_cells(e))).map_err(err)?;
        } else {
            w.write_record(row(e)).map_err(err)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| Error::invalid_argument("$", format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::invalid_argument("$", format!("CSV is not UTF-8: {e}")))
}

/// Escapes text for a Markdown table cell.
fn md(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The statement as a Markdown document: summary, table, issues.
pub fn to_markdown(s: &Statement) -> String {
    let mut out = format!("# Statement of Applicability — {}\n\n", md(&s.organization));
    let meta = [
        ("Version", s.version.clone()),
        ("Approved by", s.approved_by_name.clone().or_else(|| s.approved_by.clone())),
        ("Approved on", s.approved_on.map(|d| d.to_string())),
        ("Evidence as of", Some(s.as_of.to_string())),
    ];
    for (k, v) in meta {
        out.push_str(&format!("- {k}: {}\n", md(v.as_deref().unwrap_or("—"))));
    }
    let m = &s.summary;
    out.push_str(&format!(
        "\n{} of {} controls addressed: {} applicable, {} excluded, {} not addressed; {} implemented, {} with current evidence; {} issue(s).\n\n",
        m.addressed, m.controls, m.applicable, m.excluded, m.not_addressed, m.implemented, m.with_current_evidence, m.issues
    ));
    let automated = has_automated(s);
    if let Some(w) = &s.observation_window {
        out.push_str(&format!("Audit observation window: {} {} – {}.\n\n", md(&w.audit), w.start_on, w.end_on));
    }
    out.push_str("| Control | Title | Applicability | Reasons / justification | Status | Owner | Risks | Evidence |");
    out.push_str(if automated {
        " Automated |\n|---|---|---|---|---|---|---|---|---|\n"
    } else {
        "\n|---|---|---|---|---|---|---|---|\n"
    });
    for e in &s.entries {
        let why = match e.applicability {
            Applicability::Excluded => e.justification.clone().unwrap_or_default(),
            _ => {
                let r = reasons(e).replace(';', ", ");
                match &e.justification {
                    Some(j) if !r.is_empty() => format!("{r} — {j}"),
                    Some(j) => j.clone(),
                    None => r,
                }
            }
        };
        let evidence = if e.evidence.is_empty() {
            String::new()
        } else {
            format!("{} ({})", e.evidence.len(), if e.evidence_current { "current" } else { "stale" })
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            e.control,
            md(&e.title),
            e.applicability.as_str().replace('_', " "),
            md(&why),
            e.status.map(|x| token(&x).replace('_', " ")).unwrap_or_default(),
            md(e.owner_name.as_deref().or(e.owner.as_deref()).unwrap_or("")),
            md(&e.risks.join(", ")),
            evidence
        ));
        if automated {
            out.push_str(&format!(" {} |", md(&automated_words(e))));
        }
        out.push('\n');
    }
    if !s.issues.is_empty() {
        out.push_str("\n## Issues\n\n");
        for i in &s.issues {
            out.push_str(&format!("- **{}** `{}`: {}\n", i.control, token(&i.kind), md(&i.message)));
        }
    }
    out
}

/// The statement as one self-contained HTML page (inline CSS, no scripts,
/// no external assets; every value HTML-escaped).
pub fn to_html(s: &Statement) -> Result<String> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    let err = |e: minijinja::Error| Error::invalid_argument("$", format!("cannot render the SoA template: {e}"));
    env.add_template("soa.html", HTML_TEMPLATE).map_err(err)?;
    let tmpl = env.get_template("soa.html").map_err(err)?;
    let automated: Vec<String> = s.entries.iter().map(automated_words).collect();
    let ctx = serde_json::json!({
        "s": s,
        "title": format!("Statement of Applicability — {}", s.organization),
        "automated": if has_automated(s) { Some(automated) } else { None },
    });
    tmpl.render(minijinja::Value::from(minijinja::value::Serde(ctx))).map_err(err)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::Document;

    fn doc() -> Document {
        crate::json::parse_document(
            r#"{"schema_version":"1.0","organization":{"name":"<Acme & Co>"},
            "people":[{"id":"p1","name":"Ann | Lee"}],
            "soa":{"version":"2","entries":[
              {"control":"5.1","applicable":true,"reasons":["business"],"owner":"p1","status":"implemented"},
              {"control":"7.4","applicable":false,"justification":"No premises, \"remote\" only"}]}}"#,
        )
        .unwrap()
    }

    #[test]
    fn csv_has_a_row_per_control_and_quotes() {
        let s = super::super::statement(&doc(), chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let csv = to_csv(&s).unwrap();
        let mut r = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(rows.len(), 93);
        assert_eq!(&rows[0][0], "5.1");
        assert_eq!(&rows[0][8], "Ann | Lee");
        let r74 = rows.iter().find(|r| &r[0] == "7.4").unwrap();
        assert_eq!(&r74[3], "excluded");
        assert_eq!(&r74[5], "No premises, \"remote\" only");
    }

    #[test]
    fn html_is_escaped_and_self_contained() {
        let s = super::super::statement(&doc(), chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let html = to_html(&s).unwrap();
        assert!(html.contains("&lt;Acme &amp; Co&gt;"), "organisation name escaped");
        assert!(!html.contains("<Acme"));
        assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "no external assets");
        assert!(html.contains("7.4") && html.contains("not addressed"));
    }

    #[test]
    fn html_colours_every_status_and_explains_each_colour() {
        use crate::model::ImplementationStatus as S;
        let s = super::super::statement(&doc(), chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let html = to_html(&s).unwrap();
        let (legend, table) = html.split_at(html.find("<table>").unwrap());
        let legend = &legend[legend.find("class=\"legend\"").expect("a legend")..];
        let status = [S::Implemented, S::PartiallyImplemented, S::Planned, S::NotStarted];
        let mut classes: Vec<String> = status.iter().map(|x| format!("st-{}", token(x))).collect();
        classes.extend(["ap-excluded".to_owned(), "ap-not_addressed".to_owned()]);
        for c in &classes {
            assert!(legend.contains(&format!("badge {c}\"")), "legend explains {c}");
            assert!(html.contains(&format!(".{c} {{")), "{c} has a colour");
        }
        // Every badge in the table is one the legend explains.
        for part in table.split("class=\"badge ").skip(1) {
            let c = &part[..part.find('"').unwrap()];
            assert!(classes.iter().any(|x| x == c), "{c} is in the legend");
        }
        assert!(table.contains("badge st-implemented\">implemented<"), "5.1");
        assert!(table.contains("badge ap-excluded\">not applicable<"), "7.4");
        assert_eq!(table.matches("badge ap-not_addressed").count(), 91, "the other controls");
        assert!(html.contains("print-color-adjust: exact"), "the colours survive printing");
    }

    #[test]
    fn markdown_escapes_pipes() {
        let s = super::super::statement(&doc(), chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let m = to_markdown(&s);
        assert!(m.contains("Ann \\| Lee"));
        assert_eq!(m.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Control")).count(), 93);
    }
}
