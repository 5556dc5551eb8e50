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
    add_integer_bounds(&mut v);
    v
}

/// schemars marks `u32` fields with `format: uint32` and `minimum: 0` only;
/// validators ignore unknown formats, so without a `maximum` they would accept
/// values that serde rejects. Make the bound explicit.
fn add_integer_bounds(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let max = match map.get("format").and_then(Value::as_str) {
                Some("uint32") => Some(u64::from(u32::MAX)),
                Some("uint8") => Some(u64::from(u8::MAX)),
                Some("uint16") => Some(u64::from(u16::MAX)),
                _ => None,
            };
            if let Some(max) = max {
                map.entry("maximum").or_insert(Value::from(max));
            }
            map.values_mut().for_each(add_integer_bounds);
        }
        Value::Array(items) => items.iter_mut().for_each(add_integer_bounds),
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
    registry().into_iter().find(|(n, _)| n == name).map(|(_, f)| f())
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
