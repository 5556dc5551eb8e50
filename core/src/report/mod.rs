//! The one-file readiness report: everything an ISMS manager, a sponsor or
//! an auditor wants on one page (clauses 9.1 and 9.3: monitoring results
//! presented to top management).
//!
//! **What this is**: [`report_html`], a pure function of a document and a
//! date that returns one self-contained HTML page: readiness by clause and
//! by Annex A theme (an SVG bar chart), the Stage 1 / Stage 2 verdicts and
//! their blockers, the inherent and residual risk heat maps
//! ([`crate::risk::heatmap_svg`]), a summary of the Statement of
//! Applicability per theme, the findings grouped by rule (one expandable
//! row per rule with its title, severity and count; the findings inside in
//! natural order of their control or clause, entities by name), the
//! deadlines of the next [`DEADLINE_DAYS`] days (and overdue ones) from
//! [`crate::schedule::calendar`] with recurring items collapsed into one row
//! per series (a course, the review cadence), and the
//! [roadmap](crate::roadmap). With automated test results
//! ([`crate::Isms::report_html_with_results`]) the "Automated control tests"
//! section shows each control's automated status and the findings from
//! tests ([`automated`]); without, it says that none were supplied.
//!
//! The page prints: a print stylesheet opens every expandable row, starts
//! each section on a new page and drops backgrounds. Every section is one
//! `<section id=…>` after the other, listed in the navigation, so a new
//! one is a block in the template and a link.
//!
//! **What this is not**: a new computation. Every number comes from the
//! modules above; this module only lays them out. The page is rendered by
//! minijinja from a template embedded in the library with HTML
//! auto-escaping on; styles are inline, charts are inline SVG, there is no
//! script and no reference to anything outside the file, so it can be
//! mailed or archived as it is.
mod automated;
mod charts;
mod view;

use crate::evaluate::{self, Evaluation};
use crate::model::{Document, ImplementationStatus};
use crate::roadmap::Roadmap;
use crate::schedule::{self, add_days};
use crate::soa::{self, Applicability, Statement};
use crate::{Error, Result, risk};
use minijinja::Value;
use serde_json::json;

pub use charts::readiness_svg;

/// How far ahead the deadlines section looks, in days.
pub const DEADLINE_DAYS: i64 = 90;

const TEMPLATE: &str = include_str!("templates/report.html");

/// The snake_case JSON token of a unit enum value.
fn token<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// An SVG to embed inline: HTML parses inline SVG without a namespace
/// declaration, so the standalone one is dropped (the page then names no
/// URL at all).
fn inline_svg(svg: &str) -> Value {
    Value::from_safe_string(svg.replacen(r#" xmlns="http://www.w3.org/2000/svg""#, "", 1))
}

fn soa_by_theme(s: &Statement) -> Vec<serde_json::Value> {
    let mut rows = Vec::new();
    for theme in crate::catalog::Theme::ALL {
        let es: Vec<_> = s.entries.iter().filter(|e| e.theme == *theme).collect();
        let n = |f: &dyn Fn(&soa::StatementEntry) -> bool| es.iter().filter(|e| f(e)).count();
        rows.push(json!({
            "theme": theme.as_str(),
            "controls": es.len(),
            "applicable": n(&|e| e.applicability == Applicability::Applicable),
            "excluded": n(&|e| e.applicability == Applicability::Excluded),
            "not_addressed": n(&|e| e.applicability == Applicability::NotAddressed),
            "implemented": n(&|e| e.status == Some(ImplementationStatus::Implemented)),
            "evidence_current": n(&|e| e.evidence_current),
        }));
    }
    rows
}

fn verdict_json(e: &Evaluation, v: &evaluate::StageVerdict) -> serde_json::Value {
    // One pass over the findings: a lookup per blocker would make the
    // report quadratic in the number of findings.
    let mut messages: std::collections::HashMap<&str, &str> =
        std::collections::HashMap::with_capacity(e.findings.len());
    for f in &e.findings {
        messages.entry(f.fingerprint.as_str()).or_insert(f.message.as_str());
    }
    let blockers: Vec<_> = v
        .blockers
        .iter()
        .map(|b| {
            let msg = messages.get(b.fingerprint.as_str()).map(|m| (*m).to_owned());
            let title = evaluate::rule(&b.rule).map(|r| r.title);
            json!({"rule": b.rule, "title": title, "fingerprint": b.fingerprint, "message": msg})
        })
        .collect();
    json!({"ready": v.ready, "blockers": blockers})
}

/// The report of `doc` as one self-contained HTML page, from its evaluation
/// and roadmap ([`crate::Isms::report_html`] computes both once) and, when
/// the evaluation was made with automated test results, their summary on
/// the same date.
pub fn render(
    doc: &Document,
    eval: &Evaluation,
    road: &Roadmap,
    monitor: Option<&crate::monitor::MonitorSummary>,
) -> Result<String> {
    let as_of = eval.as_of;
    let mut statement = soa::statement(doc, as_of);
    if let Some(m) = monitor {
        soa::with_automated(&mut statement, doc, m);
    }
    let (heat_inherent, heat_residual) = match risk::heatmap(doc, as_of) {
        Ok(m) => (Some(inline_svg(&risk::heatmap_svg(&m, false))), Some(inline_svg(&risk::heatmap_svg(&m, true)))),
        Err(_) => (None, None),
    };
    let names = view::Names::new(doc);
    let until = add_days(as_of, DEADLINE_DAYS);
    let items = schedule::calendar(doc, as_of, until).map(|c| c.items).unwrap_or_default();
    let deadlines = view::deadlines(&items, &names);
    let rules = view::findings_by_rule(&eval.findings, &names);
    let steps: Vec<serde_json::Value> = road
        .steps
        .iter()
        .map(|s| {
            json!({"step": s.step, "title": s.title, "status": s.status.as_str(), "label": s.status.as_str().replace('_', " "),
                   "waiting_on": s.waiting_on, "start": s.start, "end": s.end, "dates": token(&s.dates),
                   "blockers": s.blocked_by.len(), "at_risk": s.at_risk})
        })
        .collect();
    let ctx = json!({
        "title": format!("ISMS readiness report — {}", doc.organization.name),
        "organization": doc.organization.name,
        "as_of": as_of,
        "until": until,
        "deadline_days": DEADLINE_DAYS,
        "readiness": eval.readiness,
        "summary": eval.summary,
        "stage1": verdict_json(eval, &eval.readiness.stage1),
        "stage2": verdict_json(eval, &eval.readiness.stage2),
        "soa": {"version": statement.version, "summary": statement.summary, "themes": soa_by_theme(&statement)},
        "rules": rules,
        "deadlines": deadlines,
        "roadmap": {"done": road.done, "in_progress": road.in_progress, "not_started": road.not_started,
                    "target_date": road.target_date, "steps": steps},
    });
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    let err = |e: minijinja::Error| Error::invalid_argument("$", format!("cannot render the report template: {e}"));
    env.add_template("report.html", TEMPLATE).map_err(err)?;
    let tmpl = env.get_template("report.html").map_err(err)?;
    let root = minijinja::context! {
        r => Value::from(minijinja::value::Serde(ctx)),
        readiness_svg => Value::from_safe_string(charts::readiness_svg(&eval.readiness)),
        heat_inherent => heat_inherent.unwrap_or(Value::UNDEFINED),
        heat_residual => heat_residual.unwrap_or(Value::UNDEFINED),
        waivers_html => Value::from_safe_string(waivers::section(doc, eval)?),
        automated_html => Value::from_safe_string(automated::section(eval, &statement, monitor, &names)?),
    };
    tmpl.render(root).map_err(err)
}

#[cfg(test)]
mod tests;
mod waivers;
