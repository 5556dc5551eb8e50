//! The validated ISMS held natively, and the engine's operations on it.
//!
//! A [`Document`] wraps an engine handle [`Isms`] behind an `Arc`: the
//! document is parsed and validated once, when it is built, and every
//! operation borrows it. An invalid document never becomes a `Document`
//! (`isms.ValidationError` with every problem); [`validate_json`] is the
//! explicit path that inspects one. The class is frozen (immutable), which
//! also makes it safe to use from several Python threads; operations that
//! change the ISMS return a new one.
//!
//! Operations go through the engine's operations table ([`Document::run`]:
//! an operation name and its JSON request, the response held as a
//! [`Value`]), so a Python method is one line that names the operation.
//! Only those that take a second document ([`Document::drift`],
//! [`Document::soa_diff`]) or return one ([`Document::nc_transition`]) call
//! the typed engine methods, so an already validated `Isms` is not
//! serialised and validated again.
use std::sync::Arc;

use isms_core::engine::{self, Response};
use isms_core::model::Date;
use isms_core::{Error, Isms, json};
use pyo3::prelude::*;

use crate::convert::{from_py, run, to_py};
use crate::value::Value;

/// A validated ISMS document (immutable). Build it with `Document.from_json`
/// or `Document.from_obj`; the `isms.Isms` class wraps it.
#[pyclass(frozen, module = "isms._native")]
pub struct Document {
    inner: Arc<Isms>,
}

impl Document {
    /// The engine handle.
    pub fn isms(&self) -> &Arc<Isms> {
        &self.inner
    }
}

/// Parses a JSON request (empty text stands for `{}`).
fn request(text: &str) -> Result<serde_json::Value, Error> {
    if text.trim().is_empty() { Ok(serde_json::Value::Object(Default::default())) } else { json::from_json(text) }
}

/// Runs the operation `op` of the engine's table on a JSON request.
pub(crate) fn run_op(isms: Option<&Isms>, op: &str, request_json: &str) -> Result<Response, Error> {
    let operation = engine::operation(op).ok_or_else(|| Error::NotFound { kind: "operation".into(), id: op.into() })?;
    operation.run(isms, request(request_json)?)
}

#[pymethods]
impl Document {
    /// Parses JSON text and validates it. Raises `isms.ParseError`,
    /// `isms.ValidationError` (every problem in `.problems`), or
    /// `isms.LimitExceededError` when the text is longer than `max_bytes`
    /// (default 256 MiB).
    #[staticmethod]
    #[pyo3(signature = (text, max_bytes = isms_core::json::DEFAULT_MAX_DOCUMENT_BYTES))]
    fn from_json(py: Python<'_>, text: String, max_bytes: usize) -> PyResult<Self> {
        let isms = run(py, move || Isms::from_json_limited(&text, max_bytes))?;
        Ok(Self { inner: Arc::new(isms) })
    }

    /// Builds and validates a document from Python objects shaped like the
    /// JSON (dicts, lists, str, int, float, bool, None). Raises
    /// `isms.ParseError` with the path, or `isms.ValidationError`.
    #[staticmethod]
    fn from_obj(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let doc = from_py::<isms_core::Document>(obj).map_err(|e| crate::errors::to_py_err(py, &e))?;
        Ok(Self { inner: Arc::new(run(py, move || Isms::new(doc))?) })
    }

    /// The document in canonical form: deterministic pretty JSON.
    fn to_json(&self, py: Python<'_>) -> String {
        let isms = Arc::clone(&self.inner);
        py.detach(move || isms.canonical_json())
    }

    /// The document as Python objects (dicts and lists, dates as ISO strings).
    fn to_obj<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.document())
    }

    /// Runs the engine operation `op` (see `isms.operations()`) on this
    /// document with a JSON request (the operation's request schema,
    /// `<op>.request`), the GIL released. Returns the response, held natively.
    fn run(&self, py: Python<'_>, op: &str, request_json: &str) -> PyResult<Value> {
        let (isms, op, req) = (Arc::clone(&self.inner), op.to_owned(), request_json.to_owned());
        let response = run(py, || run_op(Some(&isms), &op, &req))?;
        Ok(Value::new(response, Some(isms)))
    }

    /// `engine::call`: runs `op` on a JSON request (with an optional
    /// `"format"`) and returns the rendered text, byte for byte what the
    /// conformance vectors hold.
    fn call(&self, py: Python<'_>, op: &str, request_json: &str) -> PyResult<String> {
        let isms = Arc::clone(&self.inner);
        run(py, || isms.call(op, request_json))
    }

    /// The drift between this document on `as_of` and `newer` on `to`
    /// (default `as_of`), or, without `newer`, this document between `as_of`
    /// and `to` (`isms diff OLD [NEW] --as-of A --to B`). With
    /// `old_results` and `new_results` (sources as for `monitor`), each side
    /// is evaluated with its run's automated test results (`--old-results`,
    /// `--new-results`), the files streamed with the GIL released.
    #[pyo3(signature = (as_of, newer=None, to=None, old_results=None, new_results=None))]
    fn drift(
        &self,
        py: Python<'_>,
        as_of: &str,
        newer: Option<&Document>,
        to: Option<&str>,
        old_results: Option<Vec<(String, String)>>,
        new_results: Option<Vec<(String, String)>>,
    ) -> PyResult<Value> {
        if old_results.is_some() || new_results.is_some() {
            let results = (old_results.unwrap_or_default(), new_results.unwrap_or_default());
            let newer = newer.map(|n| Arc::clone(&n.inner));
            return crate::monitor::run_drift(py, Arc::clone(&self.inner), newer, as_of, to, results);
        }
        let as_of = date_arg(py, "as_of", as_of)?;
        let to = to.map(|t| date_arg(py, "to", t)).transpose()?;
        let (isms, newer) = (Arc::clone(&self.inner), newer.map(|n| Arc::clone(&n.inner)));
        let drift = run(py, || match (&newer, to) {
            (Some(n), to) => Ok(isms.drift_documents(n, as_of, to.unwrap_or(as_of))),
            (None, Some(to)) => Ok(isms.drift_dates(as_of, to)),
            (None, None) => Err(Error::invalid_argument(
                "$.to",
                "nothing to compare: give a newer document (`newer`) or a second date (`to`)",
            )),
        })?;
        Ok(Value::new(Response::Drift(drift), Some(isms)))
    }

    /// What changed between this document's Statement of Applicability and
    /// `newer`'s, control by control.
    fn soa_diff(&self, py: Python<'_>, newer: &Document) -> Value {
        let (isms, newer) = (Arc::clone(&self.inner), Arc::clone(&newer.inner));
        let diff = py.detach(|| isms.soa_diff(&newer));
        Value::new(Response::SoaDiff(diff), Some(isms))
    }

    /// Applies a nonconformity lifecycle action (JSON shaped like
    /// `NcAction`, e.g. `{"action": "close", "on": ..., "by": ...}`) and
    /// returns the new, validated document; this one is unchanged. Raises
    /// `isms.TransitionError`, `isms.NotFoundError` or `isms.ValidationError`.
    fn nc_transition(&self, py: Python<'_>, nc_id: &str, action_json: &str) -> PyResult<Self> {
        let isms = Arc::clone(&self.inner);
        let new = run(py, || isms.nc_transition(nc_id, &json::from_json(action_json)?))?;
        Ok(Self { inner: Arc::new(new) })
    }

    /// Runs the engine's `op` (`monitor_summary`, `monitor_coverage`,
    /// `monitor_drift`, `evaluate`, `soa`) on `as_of` (the first date for
    /// drift) with automated test results read from `results`: `("path",
    /// file)` pairs are streamed from the file (NDJSON line by line, or a JSON
    /// array), `("json", text)` pairs are records as text. For drift, `newer`
    /// results are added to `results` on `to`. The GIL is released while
    /// files are read and results judged. Raises `isms.InvalidArgumentError`
    /// for bad records (every one counted, the first named by line or index
    /// and field) and `OSError` for a file that cannot be read.
    #[pyo3(signature = (op, as_of, results, newer = Vec::new(), to = None))]
    fn monitor(
        &self,
        py: Python<'_>,
        op: &str,
        as_of: &str,
        results: Vec<(String, String)>,
        newer: Vec<(String, String)>,
        to: Option<&str>,
    ) -> PyResult<Value> {
        crate::monitor::run_monitor(py, Arc::clone(&self.inner), op, as_of, results, newer, to)
    }

    /// Median wall time in seconds of `runs` calls of the engine operation
    /// `op` (`validate`, `risk_assessment`, `evaluate`) on this document,
    /// measured inside Rust with no conversion (for the binding-overhead
    /// benchmark).
    fn _time_core(&self, py: Python<'_>, op: &str, as_of: &str, runs: usize) -> PyResult<f64> {
        let (isms, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        run(py, || {
            let mut times = Vec::with_capacity(runs.max(1));
            for _ in 0..runs.max(1) {
                let t = std::time::Instant::now();
                match op {
                    "validate" => drop(std::hint::black_box(engine::validate(isms.document()))),
                    "assess" | "risk_assessment" => drop(std::hint::black_box(isms.risk_assessment(as_of)?)),
                    "evaluate" => drop(std::hint::black_box(isms.evaluate(as_of))),
                    other => return Err(Error::invalid_argument("op", format!("unknown operation `{other}`"))),
                }
                times.push(t.elapsed().as_secs_f64());
            }
            times.sort_by(f64::total_cmp);
            Ok(times[times.len() / 2])
        })
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Document>().is_ok_and(|o| o.get().inner.document() == self.inner.document())
    }

    fn __repr__(&self) -> String {
        format!("<isms._native.Document organization={:?}>", self.inner.document().organization.name)
    }
}

/// Every problem of a document given as JSON text (empty when valid): the
/// explicit path for inspecting a document that `Document.from_json`
/// refuses. Raises `isms.ParseError` if the text is not a document at all.
#[pyfunction]
pub fn validate_json<'py>(py: Python<'py>, text: String) -> PyResult<Bound<'py, PyAny>> {
    let problems = run(py, move || json::parse_document(&text).map(|doc| engine::validate(&doc)))?;
    to_py(py, &problems)
}

/// Runs an engine operation that needs no document (`simulate_model`,
/// `catalog_annex_a`, `schema`, ...) on a JSON request.
#[pyfunction]
#[pyo3(name = "run")]
pub fn run_free(py: Python<'_>, op: &str, request_json: &str) -> PyResult<Value> {
    let response = run(py, || run_op(None, op, request_json))?;
    Ok(Value::new(response, None))
}

/// `engine::call` without a document: the rendered text of `op`.
#[pyfunction]
pub fn call(py: Python<'_>, op: &str, request_json: &str) -> PyResult<String> {
    run(py, || engine::call(None, op, request_json))
}

/// Parses JSON text into Python objects with the core's parser (for tests and
/// benchmarks of the conversion paths).
#[pyfunction]
pub fn parse_json<'py>(py: Python<'py>, text: String) -> PyResult<Bound<'py, PyAny>> {
    let value = run(py, move || json::from_json::<serde_json::Value>(&text))?;
    to_py(py, &value)
}

/// Parses a `YYYY-MM-DD` argument (the Python layer converts `datetime.date`).
fn date_arg(py: Python<'_>, name: &str, value: &str) -> PyResult<Date> {
    value.parse::<Date>().map_err(|e| {
        crate::errors::to_py_err(
            py,
            &Error::invalid_argument(format!("$.{name}"), format!("expected a date YYYY-MM-DD, got {value:?}: {e}")),
        )
    })
}
