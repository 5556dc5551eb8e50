#![doc = include_str!("../README.md")]
//!
//! # The Rust side
//!
//! This crate converts and delegates: every method runs an entry of the
//! engine's operations table (`isms_core::engine`) or an `Isms` method and
//! copies the typed result into a UniFFI record ([`records`]); errors become
//! [`IsmsError`]. Nothing here validates, computes or formats a domain
//! result.
use std::sync::Arc;

use isms_core::engine::{self, Response};
use serde_json::{Value, json};

uniffi::setup_scaffolding!();

mod error;
pub mod records;

pub use error::{CODES, IsmsError, Problem};
pub use records::*;

type Result<T, E = IsmsError> = std::result::Result<T, E>;

/// Runs the table's operation `op` on a request built here (`format` is
/// not part of it: typed methods take the JSON response).
fn run(isms: Option<&engine::Isms>, op: &str, request: Value) -> Result<Response> {
    let operation =
        engine::operation(op).ok_or_else(|| isms_core::Error::NotFound { kind: "operation".into(), id: op.into() })?;
    Ok(operation.run(isms, request)?)
}

/// The error for a response of the wrong kind: a bug of this crate, reported
/// rather than panicking.
fn unexpected(op: &str) -> IsmsError {
    isms_core::Error::invalid_argument("$", format!("internal: unexpected response to `{op}`")).into()
}

/// A validated ISMS document and every computation on it.
///
/// Built from JSON text, validated once; immutable and safe to share across
/// threads. Operations that change the ISMS (`nc_transition`) return a new
/// handle.
#[derive(Debug, uniffi::Object)]
pub struct Isms {
    inner: engine::Isms,
}

#[uniffi::export]
impl Isms {
    /// Parses and validates a document (JSON text). Errors: `ParseError`
    /// with path, line and column; `InvalidDocument` with every problem.
    #[uniffi::constructor]
    pub fn new(document_json: String) -> Result<Arc<Self>> {
        Ok(Arc::new(Isms { inner: engine::Isms::from_json(&document_json)? }))
    }

    /// Runs any operation of the table on JSON request text (an object
    /// shaped by the operation's request schema, plus an optional
    /// `"format"`, default `"json"`) and returns the rendered response, the
    /// same bytes as `isms call OP FILE --request JSON`.
    pub fn call(&self, op: String, request_json: String) -> Result<String> {
        Ok(self.inner.call(&op, &request_json)?)
    }

    /// The document in canonical form (what `isms fmt` writes).
    pub fn canonical_json(&self) -> String {
        self.inner.canonical_json()
    }

    /// Every integrity problem (empty: a loaded document is valid; use
    /// [`validate_document`] to inspect one that is not).
    pub fn validate(&self) -> Vec<Problem> {
        engine::validate(self.inner.document()).into_iter().map(Problem::from).collect()
    }

    /// Findings, readiness per clause and theme, Stage 1/2 verdicts on
    /// `as_of` (`YYYY-MM-DD`): operation `evaluate`.
    ///
    /// The result stays in Rust, behind a handle: its parts cross the
    /// boundary when read (`summary()`, `readiness()`, `findings()`,
    /// `record()`, `json()`), so a large evaluation costs no more than the
    /// native call until a program asks for its thousands of findings.
    pub fn evaluate(&self, as_of: String) -> Result<Arc<EvaluationResult>> {
        match run(Some(&self.inner), "evaluate", json!({ "as_of": as_of }))? {
            Response::Evaluation(e) => Ok(Arc::new(EvaluationResult { inner: e })),
            _ => Err(unexpected("evaluate")),
        }
    }

    /// Whether the evaluation on `as_of` fails at `fail_on`: operation
    /// `verdict` (the CI gate of `isms check --fail-on`).
    pub fn verdict(&self, as_of: String, fail_on: Severity) -> Result<Verdict> {
        match run(Some(&self.inner), "verdict", json!({ "as_of": as_of, "fail_on": fail_on.as_str() }))? {
            Response::Verdict(v) => Ok((&v).into()),
            _ => Err(unexpected("verdict")),
        }
    }

    /// The risk register on `as_of`: operation `risk_register`.
    pub fn risk_register(&self, as_of: String) -> Result<Register> {
        match run(Some(&self.inner), "risk_register", json!({ "as_of": as_of }))? {
            Response::Register(r) => Ok((&r).into()),
            _ => Err(unexpected("risk_register")),
        }
    }

    /// The Statement of Applicability on `as_of`: operation `soa`.
    pub fn soa(&self, as_of: String) -> Result<Soa> {
        match run(Some(&self.inner), "soa", json!({ "as_of": as_of }))? {
            Response::Statement(s) => Ok((&s).into()),
            _ => Err(unexpected("soa")),
        }
    }

    /// The merged calendar from `from` to `to` (default one year later):
    /// operation `calendar`.
    pub fn calendar(&self, from: String, to: Option<String>) -> Result<Calendar> {
        let mut request = json!({ "from": from });
        if let (Some(to), Value::Object(map)) = (to, &mut request) {
            map.insert("to".into(), Value::String(to));
        }
        match run(Some(&self.inner), "calendar", request)? {
            Response::Calendar(c) => Ok((&c).into()),
            _ => Err(unexpected("calendar")),
        }
    }

    /// Open FAIR simulation of the quantified risks (all, or only `risk`),
    /// with `trials` (default 10 000) and `seed` (default 0): operation
    /// `simulate`, summarised (the full result: `call("simulate", ...)`).
    pub fn simulate(
        &self,
        risk: Option<String>,
        trials: Option<u64>,
        seed: Option<u64>,
    ) -> Result<DocumentSimulationSummary> {
        let mut options = serde_json::Map::new();
        if let Some(t) = trials {
            options.insert("trials".into(), t.into());
        }
        if let Some(s) = seed {
            options.insert("seed".into(), s.into());
        }
        let mut request = serde_json::Map::new();
        request.insert("options".into(), Value::Object(options));
        if let Some(r) = risk {
            request.insert("risk".into(), Value::String(r));
        }
        match run(Some(&self.inner), "simulate", Value::Object(request))? {
            Response::DocumentSimulation(s) => Ok((&s).into()),
            _ => Err(unexpected("simulate")),
        }
    }

    /// Applies a nonconformity lifecycle action (JSON, e.g.
    /// `{"action": "close", "on": "2026-05-01", "by": "p-ciso"}`) and returns
    /// the new, validated ISMS; this one is unchanged.
    pub fn nc_transition(&self, id: String, action_json: String) -> Result<Arc<Isms>> {
        let action = isms_core::json::from_json(&action_json)?;
        Ok(Arc::new(Isms { inner: self.inner.nc_transition(&id, &action)? }))
    }

    /// Benchmark hook: the wall time in milliseconds of running operation
    /// `op` on `request_json` natively, inside this library, with no
    /// conversion (`render`: also render the response as `call` does;
    /// otherwise the typed result, as the typed methods compute it, is
    /// dropped). A program times its own call beside it, so that both see
    /// the same machine at the same moment (`benches/uniffi/`).
    pub fn bench_native_ms(&self, op: String, request_json: String, render: bool) -> Result<f64> {
        let request: Value = isms_core::json::from_json(&request_json)?;
        let start = std::time::Instant::now();
        if render {
            drop(std::hint::black_box(self.inner.call(&op, &request_json)?));
        } else {
            drop(std::hint::black_box(run(Some(&self.inner), &op, request)?));
        }
        Ok(start.elapsed().as_secs_f64() * 1e3)
    }

    /// The self-contained HTML readiness report on `as_of`: operation
    /// `report`.
    pub fn report_html(&self, as_of: String) -> Result<String> {
        match run(Some(&self.inner), "report", json!({ "as_of": as_of }))? {
            Response::Report(html) => Ok(html),
            _ => Err(unexpected("report")),
        }
    }
}

/// The result of [`Isms::evaluate`], held natively; each accessor copies
/// one part into records.
#[derive(Debug, uniffi::Object)]
pub struct EvaluationResult {
    inner: isms_core::evaluate::Evaluation,
}

#[uniffi::export]
impl EvaluationResult {
    /// The date evaluated.
    pub fn as_of(&self) -> String {
        self.inner.as_of.to_string()
    }

    /// Counts of findings by severity.
    pub fn summary(&self) -> FindingCounts {
        let s = &self.inner.summary;
        FindingCounts { blocker: s.blocker, major: s.major, minor: s.minor, info: s.info, total: s.total }
    }

    /// Scores per clause and theme, Stage 1/2 verdicts.
    pub fn readiness(&self) -> Readiness {
        (&self.inner.readiness).into()
    }

    /// Every finding, most severe first.
    pub fn findings(&self) -> Vec<Finding> {
        self.inner.findings.iter().map(Finding::from).collect()
    }

    /// Up to `count` findings from position `start` (a page of `findings()`).
    pub fn findings_page(&self, start: u32, count: u32) -> Vec<Finding> {
        self.inner.findings.iter().skip(start as usize).take(count as usize).map(Finding::from).collect()
    }

    /// Everything as one record.
    pub fn record(&self) -> Evaluation {
        (&self.inner).into()
    }

    /// The response JSON of operation `evaluate` (schema `evaluate.response`).
    pub fn json(&self) -> String {
        isms_core::json::to_json(&self.inner)
    }
}

/// Runs an operation that needs no document (catalogs, schemas, single-model
/// simulation, ...) on JSON request text; see [`Isms::call`].
#[uniffi::export]
pub fn call(op: String, request_json: String) -> Result<String> {
    Ok(engine::call(None, &op, &request_json)?)
}

/// Loads `document_json` when given and runs `op` on `request_json`: the
/// generic entry point of every conformance-vector runner.
#[uniffi::export]
pub fn call_document(document_json: Option<String>, op: String, request_json: String) -> Result<String> {
    Ok(engine::call_document(document_json.as_deref(), &op, &request_json)?)
}

/// Every problem of a document that parses (empty when it is valid): the
/// inspection path for documents that `Isms(...)` refuses.
#[uniffi::export]
pub fn validate_document(document_json: String) -> Result<Vec<Problem>> {
    let doc = isms_core::json::parse_document(&document_json)?;
    Ok(engine::validate(&doc).into_iter().map(Problem::from).collect())
}

/// The operations table: every operation with its formats and schemas.
#[uniffi::export]
pub fn operations() -> Vec<Operation> {
    engine::operations().iter().map(|o| o.info().into()).collect()
}

/// The core's stable error codes (`isms_core::error::ERROR_CODES`), one per
/// variant of [`IsmsError`].
#[uniffi::export]
pub fn error_codes() -> Vec<String> {
    isms_core::error::ERROR_CODES.iter().map(|c| (*c).to_owned()).collect()
}

/// The version of the engine (the crate version).
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[cfg(test)]
mod tests;
