//! The report's "Automated control tests" section (checklist step 17,
//! `docs/monitoring.md`): the automation coverage of the SoA, every control
//! with automated checks (its health, newest result, freshness on the date
//! and through the audit observation window, the failing checks and
//! resources), and the findings the `monitoring.*` rules raised, grouped by
//! rule and citing the checks. Without results it says none were supplied.
//! Its own template (`templates/automated.html`), rendered here (escaped
//! like the report) and placed before the findings.
use super::view::{self, Names};
use crate::evaluate::Evaluation;
use crate::monitor::{CheckResult, MonitorSummary};
use crate::soa::Statement;
use crate::{Error, Result};
use serde_json::{Value, json};

/// The template of the section.
const TEMPLATE: &str = include_str!("templates/automated.html");

/// How many failing checks a row of the table cites before it counts the rest.
pub(super) const MAX_CITED: usize = 5;

/// A failing check on one resource, as a report cell cites it.
pub(super) fn cite(c: &CheckResult) -> String {
    let status = crate::render::token(&c.status);
    match c.resource_id.as_str() {
        "" => format!("{} ({status}, account-wide)", c.check),
        r => format!("{} on {r} ({status})", c.check),
    }
}

/// The section as HTML; `statement` carries the automated status
/// ([`crate::soa::with_automated`]) when `summary` is given.
pub(super) fn section(
    eval: &Evaluation,
    statement: &Statement,
    summary: Option<&MonitorSummary>,
    names: &Names<'_>,
) -> Result<String> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    let err =
        |e: minijinja::Error| Error::invalid_argument("$", format!("cannot render the automated tests section: {e}"));
    env.add_template("automated.html", TEMPLATE).map_err(err)?;
    let ctx = match summary {
        Some(s) => context(eval, statement, s, names),
        None => json!({"supplied": false}),
    };
    env.get_template("automated.html").map_err(err)?.render(minijinja::value::Serde(ctx)).map_err(err)
}

fn context(eval: &Evaluation, statement: &Statement, summary: &MonitorSummary, names: &Names<'_>) -> Value {
    let rows: Vec<Value> = statement
        .entries
        .iter()
        .filter_map(|e| {
            let a = e.automated.as_ref()?;
            let failing = summary.control(&e.control).map(|h| h.failing.as_slice()).unwrap_or_default();
            let cited: Vec<String> = failing.iter().take(MAX_CITED).map(cite).collect();
            Some(json!({
                "control": format!("A.{}", e.control),
                "title": e.title,
                "soa": crate::render::token(&e.applicability).replace('_', " "),
                "health": a.health.as_str(),
                "label": a.health.as_str().replace('_', " "),
                "last_observed": a.last_observed.format("%Y-%m-%d %H:%M UTC").to_string(),
                "fresh_until": a.fresh_until,
                "fresh": a.fresh,
                "through_window": a.fresh_through_window,
                "failing": cited,
                "more": failing.len().saturating_sub(MAX_CITED),
            }))
        })
        .collect();
    let tested: Vec<_> = eval.findings.iter().filter(|f| f.rule.starts_with("monitoring.")).cloned().collect();
    let groups = serde_json::to_value(view::findings_by_rule(&tested, names)).unwrap_or(Value::Null);
    let a = eval.readiness.automation.as_ref();
    json!({
        "supplied": true,
        "as_of": eval.as_of,
        "automation": a,
        "percent": a.map(|a| format!("{:.0}", 100.0 * a.ratio)),
        "window": statement.observation_window,
        "records": summary.records,
        "unmapped": summary.unmapped_records,
        "rows": rows,
        "groups": groups,
        "max_cited": MAX_CITED,
    })
}
