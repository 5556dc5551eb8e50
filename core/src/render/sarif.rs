//! SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format) for an
//! evaluation: one run of the tool `isms`, every rule of the catalogue in
//! `tool.driver.rules`, one result per finding. Code scanning (GitHub, GitLab,
//! IDE viewers) reads it.
//!
//! Mapping: severity blocker and major → level `error`, minor → `warning`,
//! info → `note`; the finding's fingerprint is the `partialFingerprints`
//! entry `isms/v1`, so viewers track a finding across runs as drift does.
//! Each result's location names the document (`artifactLocation.uri`), its
//! JSON Pointer (`logicalLocations[].fullyQualifiedName`) and, when the
//! document's text is known, the line and column the pointer lands on
//! (`region`; columns count Unicode code points, so `columnKind` is
//! `unicodeCodePoints`). No timestamps: the same evaluation gives the same
//! bytes.
//!
//! A waived finding keeps its result, with a SARIF `suppressions` entry
//! (kind `external`: the waiver lives in the document, status `accepted`,
//! its justification), so code scanning shows it as dismissed; a re-graded
//! finding's level is its new severity, the original in
//! `properties.original_severity`.
use super::Source;
use crate::evaluate::{Evaluation, Finding, Severity, rules};
use serde_json::{Map, Value, json};

/// The SARIF `level` of a severity.
pub fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Blocker | Severity::Major => "error",
        Severity::Minor => "warning",
        Severity::Info => "note",
    }
}

/// The evaluation as a SARIF 2.1.0 log (pretty JSON, trailing newline).
pub fn evaluation_sarif(e: &Evaluation, source: &Source<'_>) -> String {
    let catalogue = rules();
    let rules_json: Vec<Value> = catalogue
        .iter()
        .map(|r| {
            let mut props = Map::new();
            props.insert("severity".into(), json!(r.severity.as_str()));
            props.insert("clause".into(), json!(r.clause));
            if let Some(c) = r.control {
                props.insert("control".into(), json!(c));
            }
            let mut tags = vec![json!("iso27001"), json!(format!("clause {}", r.clause))];
            if let Some(c) = r.control {
                tags.push(json!(format!("A.{c}")));
            }
            props.insert("tags".into(), Value::Array(tags));
            json!({
                "id": r.id,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.description},
                "help": {"text": r.remediation},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
                "properties": props,
            })
        })
        .collect();
    let results: Vec<Value> = e
        .findings
        .iter()
        .map(|f| {
            let index = catalogue.iter().position(|r| r.id == f.rule);
            let mut r = result(f, index, source);
            if let (Some(id), Value::Object(m)) = (&f.waiver, &mut r) {
                let w = e.waivers.iter().find(|w| &w.id == id);
                let why = w.map_or(String::new(), |w| w.justification.clone());
                let until = w.map(|w| format!(" (waiver {id}, until {})", w.expires_on)).unwrap_or_default();
                m.insert(
                    "suppressions".into(),
                    json!([{"kind": "external", "status": "accepted", "justification": format!("{why}{until}")}]),
                );
            }
            r
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "isms",
                "rules": rules_json,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"as_of": e.as_of.to_string()},
        }],
    });
    crate::json::to_json(&log)
}

fn result(f: &Finding, rule_index: Option<usize>, source: &Source<'_>) -> Value {
    let mut physical = Map::new();
    let (uri, position) = source.place(f.path.as_deref().unwrap_or(""));
    physical.insert("artifactLocation".into(), json!({"uri": uri}));
    if let Some((line, column)) = position {
        physical.insert("region".into(), json!({"startLine": line, "startColumn": column}));
    }
    let mut location = Map::new();
    location.insert("physicalLocation".into(), Value::Object(physical));
    if let Some(p) = &f.path {
        location.insert("logicalLocations".into(), json!([{"fullyQualifiedName": p, "kind": "object"}]));
    }
    let mut r = Map::new();
    r.insert("ruleId".into(), json!(f.rule));
    if let Some(i) = rule_index {
        r.insert("ruleIndex".into(), json!(i));
    }
    r.insert("level".into(), json!(sarif_level(f.severity)));
    r.insert("message".into(), json!({"text": f.message}));
    r.insert("locations".into(), json!([Value::Object(location)]));
    r.insert("partialFingerprints".into(), json!({"isms/v1": f.fingerprint}));
    let mut props = Map::new();
    props.insert("severity".into(), json!(f.severity.as_str()));
    if let Some(o) = f.original_severity {
        props.insert("original_severity".into(), json!(o.as_str()));
    }
    if let Some(w) = &f.waiver {
        props.insert("waiver".into(), json!(w));
    }
    if let Some(c) = &f.clause {
        props.insert("clause".into(), json!(c));
    }
    if let Some(c) = &f.control {
        props.insert("control".into(), json!(c));
    }
    if let Some(d) = f.due_on {
        props.insert("due_on".into(), json!(d.to_string()));
    }
    props.insert("remediation".into(), json!(f.remediation));
    props.insert("entities".into(), json!(f.entities));
    r.insert("properties".into(), Value::Object(props));
    Value::Object(r)
}
