//! The report's "Waivers and rule overrides" section: what an auditor must
//! see beside the findings (every waiver with its state, approver and
//! expiry; every disabled or re-graded rule with its reason). Its own
//! template (`templates/waivers.html`), rendered here (escaped like the
//! report) and placed at the end of the report (`{{ waivers_html }}`).
use crate::evaluate::Evaluation;
use crate::model::Document;
use crate::{Error, Result};
use serde_json::{Value, json};

/// The template of the section.
const TEMPLATE: &str = include_str!("templates/waivers.html");

/// The section as HTML.
pub(super) fn section(doc: &Document, eval: &Evaluation) -> Result<String> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    let err = |e: minijinja::Error| Error::invalid_argument("$", format!("cannot render the waivers section: {e}"));
    env.add_template("waivers.html", TEMPLATE).map_err(err)?;
    let ctx = json!({"as_of": eval.as_of, "waivers": context(doc, eval)});
    env.get_template("waivers.html").map_err(err)?.render(minijinja::value::Serde(ctx)).map_err(err)
}

/// The section's data: waivers with the approver's name and the number of
/// findings waived, and the overrides.
fn context(doc: &Document, eval: &Evaluation) -> Value {
    let name = |id: &str| doc.people.iter().find(|p| p.id == id).map_or_else(|| id.to_owned(), |p| p.name.clone());
    let waivers: Vec<Value> = eval
        .waivers
        .iter()
        .map(|w| {
            json!({"id": w.id, "rule": w.rule, "entity": w.entity, "fingerprint": w.fingerprint,
                   "state": crate::render::token(&w.state), "approver": w.approver.as_deref().map(name),
                   "approved_on": w.approved_on, "expires_on": w.expires_on, "findings": w.findings.len(),
                   "justification": w.justification})
        })
        .collect();
    json!({"waivers": waivers, "overrides": eval.overrides})
}
