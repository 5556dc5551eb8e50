//! JSON Schemas of the document and of every output, generated from the Rust
//! types. The checked-in copies under `schema/` are compared with these by a
//! test (`core/tests/schema_drift.rs`), so they cannot drift from the code.
use schemars::JsonSchema;
use serde_json::Value;

/// The JSON Schema of `T`, with explicit integer bounds.
pub(crate) fn generate<T: JsonSchema>() -> Value {
    gen_schema::<T>()
}

fn gen_schema<T: JsonSchema>() -> Value {
    let mut v = serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Value::Null);
    numeric_bounds(&mut v);
    v
}

/// The base of every published schema's `$id`: `urn:isms:schema:<name>`
/// (`urn:isms:schema:isms`, `urn:isms:schema:evaluate.request`). A name,
/// not a location: tools that bind a document to its schema do it by the
/// document's `"$schema"` (a path or URL of the user's choosing).
pub const ID_PREFIX: &str = "urn:isms:schema:";

/// The schema `name` with its `$id` placed right after `$schema`.
fn with_id(name: &str, schema: Value) -> Value {
    let Value::Object(map) = schema else { return schema };
    let mut out = serde_json::Map::new();
    let mut rest = map.into_iter();
    for (k, v) in rest.by_ref() {
        let first = k == "$schema";
        out.insert(k, v);
        if first {
            break;
        }
    }
    out.insert("$id".into(), Value::from(format!("{ID_PREFIX}{name}")));
    out.extend(rest);
    Value::Object(out)
}

/// schemars marks numbers with `format` values that no JSON Schema
/// vocabulary defines (`uint32`, `int64`, `double`, ...): validators ignore
/// them, so without bounds they would accept values serde rejects, and
/// strict validators (ajv strict mode) refuse to compile them. Replace each
/// by the type's `minimum` and `maximum` (a float's `format` says nothing a
/// validator can check, so it is dropped).
fn numeric_bounds(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let bounds: Option<(Option<Value>, Option<Value>)> = match map.get("format").and_then(Value::as_str) {
                Some("uint8") => Some((Some(0.into()), Some(u8::MAX.into()))),
                Some("uint16") => Some((Some(0.into()), Some(u16::MAX.into()))),
                Some("uint32") => Some((Some(0.into()), Some(u32::MAX.into()))),
                Some("uint64" | "uint") => Some((Some(0.into()), Some(u64::MAX.into()))),
                Some("int8") => Some((Some(i8::MIN.into()), Some(i8::MAX.into()))),
                Some("int16") => Some((Some(i16::MIN.into()), Some(i16::MAX.into()))),
                Some("int32") => Some((Some(i32::MIN.into()), Some(i32::MAX.into()))),
                Some("int64" | "int") => Some((Some(i64::MIN.into()), Some(i64::MAX.into()))),
                Some("double" | "float") => Some((None, None)),
                _ => None,
            };
            if let Some((min, max)) = bounds {
                map.remove("format");
                // A tighter bound the type declares (`minimum: 1`) stays.
                if let Some(min) = min {
                    map.entry("minimum").or_insert(min);
                }
                if let Some(max) = max {
                    map.entry("maximum").or_insert(max);
                }
            }
            map.values_mut().for_each(numeric_bounds);
        }
        Value::Array(items) => items.iter_mut().for_each(numeric_bounds),
        _ => {}
    }
}

/// The names of all published schemas, in a stable order: the document and
/// the named outputs, then `<operation>.request` and `<operation>.response`
/// for every operation of the engine ([`crate::engine::operations`]). Each is
/// written to [`file_name`] under `schema/`.
pub fn names() -> Vec<String> {
    registry().into_iter().map(|(n, _)| n).collect()
}

/// The schema with the given name (`isms`, `problems`, `evaluate.request`, ...).
pub fn schema(name: &str) -> Option<Value> {
    registry().into_iter().find(|(n, _)| n == name).map(|(n, f)| with_id(&n, f()))
}

/// The checked-in file of a schema, relative to `schema/`: operation
/// schemas live in `ops/` (`ops/evaluate.request.schema.json`).
pub fn file_name(name: &str) -> String {
    if name.ends_with(".request") || name.ends_with(".response") {
        format!("ops/{name}.schema.json")
    } else {
        format!("{name}.schema.json")
    }
}

type Entry = (&'static str, fn() -> Value);

fn registry() -> Vec<(String, fn() -> Value)> {
    let mut all: Vec<(String, fn() -> Value)> = named().into_iter().map(|(n, f)| (n.to_owned(), f)).collect();
    for op in crate::engine::operations() {
        all.push((format!("{}.request", op.name), op.request_schema));
        all.push((format!("{}.response", op.name), op.response_schema));
    }
    all
}

fn named() -> Vec<Entry> {
    vec![
        ("error", gen_schema::<crate::error::ErrorReport>),
        ("operations", gen_schema::<Vec<crate::engine::OperationInfo>>),
        ("isms", gen_schema::<crate::Document> as fn() -> Value),
        ("problems", gen_schema::<Vec<crate::Problem>>),
        ("annex-a", gen_schema::<Vec<crate::catalog::ControlInfo>>),
        ("mapping", gen_schema::<Vec<crate::catalog::MappingInfo>>),
        ("risk-methodology", gen_schema::<crate::risk::ResolvedMethodology>),
        ("risk-assessment", gen_schema::<crate::risk::Assessment>),
        ("calendar", gen_schema::<crate::schedule::Calendar>),
        ("certification-cycle", gen_schema::<crate::schedule::CertificationCycle>),
        ("audit-programme", gen_schema::<crate::schedule::AuditProgramme>),
        ("nc-report", gen_schema::<crate::nc::NcReport>),
        ("nc-action", gen_schema::<crate::nc::NcAction>),
        ("risk-register", gen_schema::<crate::risk::Register>),
        ("heatmap", gen_schema::<crate::risk::HeatMap>),
        ("treatment-plan", gen_schema::<crate::risk::TreatmentPlan>),
        ("soa", gen_schema::<crate::soa::Statement>),
        ("soa-diff", gen_schema::<crate::soa::SoaDiff>),
        ("evaluation", gen_schema::<crate::evaluate::Evaluation>),
        ("simulation", gen_schema::<crate::quant::DocumentSimulation>),
        ("drift", gen_schema::<crate::evaluate::Drift>),
        ("roadmap", gen_schema::<crate::roadmap::Roadmap>),
        ("monitor-record", gen_schema::<crate::monitor::ResultRecord>),
        ("monitor-summary", gen_schema::<crate::monitor::MonitorSummary>),
        ("monitor-coverage", gen_schema::<crate::monitor::Coverage>),
        ("mapping-lint", gen_schema::<crate::monitor::MappingLint>),
    ]
}
