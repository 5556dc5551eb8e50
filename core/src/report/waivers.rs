//! The report's "Waivers and rule overrides" section: what an auditor must
//! see beside the findings (every waiver with its state, approver and
//! expiry; every disabled or re-graded rule with its reason). Its own
//! template (`templates/waivers.html`), included at the end of the report.
use crate::evaluate::Evaluation;
use crate::model::Document;
use serde_json::{Value, json};

/// The template of the section.
pub(super) const TEMPLATE: &str = include_str!("templates/waivers.html");

/// The section's data: waivers with the approver's name and the number of
/// findings waived, and the overrides.
pub(super) fn context(doc: &Document, eval: &Evaluation) -> Value {
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
