//! The ISMS document held natively, and the computations on it.
//!
//! A [`Document`] wraps a parsed `isms_core::Document` behind an `Arc`, so
//! Python keeps one parsed copy and each computation borrows it without
//! re-parsing or re-converting; the class is frozen (immutable), which also
//! makes it safe to use from several Python threads. Operations that change a
//! document return a new one.
use std::sync::Arc;

use isms_core::{Problem, json, validate};
use pyo3::prelude::*;

use crate::convert::{from_py, run, to_py};

/// A parsed ISMS document (immutable). Build it with `Document.from_json` or
/// `Document.from_obj`; the `isms.Isms` class wraps it.
#[pyclass(frozen, module = "isms._native")]
pub struct Document {
    inner: Arc<isms_core::Document>,
}

impl Document {
    /// The parsed core document.
    pub fn core(&self) -> &isms_core::Document {
        &self.inner
    }
}

#[pymethods]
impl Document {
    /// Parses JSON text (structure only; see `validate`). Raises `isms.ParseError`.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Self> {
        let doc = run(py, move || json::parse_document(&text))?;
        Ok(Self { inner: Arc::new(doc) })
    }

    /// Builds a document from Python objects shaped like the JSON (dicts,
    /// lists, str, int, float, bool, None). Raises `isms.ParseError` with the path.
    #[staticmethod]
    fn from_obj(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let doc = from_py::<isms_core::Document>(obj).map_err(|e| crate::errors::to_py_err(py, &e))?;
        Ok(Self { inner: Arc::new(doc) })
    }

    /// The document as pretty-printed, deterministic JSON text.
    fn to_json(&self, py: Python<'_>) -> String {
        let doc = Arc::clone(&self.inner);
        py.detach(move || json::to_json(&*doc))
    }

    /// The document as Python objects (dicts and lists, dates as ISO strings).
    fn to_obj<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    /// All problems found by the core's validation (empty when valid), as dicts
    /// with `code`, `path` and `message`.
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let doc = Arc::clone(&self.inner);
        let problems: Vec<Problem> = py.detach(move || validate::validate(&doc));
        to_py(py, &problems)
    }

    /// Raises `isms.ValidationError` carrying every problem if the document is invalid.
    fn check(&self, py: Python<'_>) -> PyResult<()> {
        let doc = Arc::clone(&self.inner);
        run(py, move || validate::check(&doc))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Document>().is_ok_and(|o| *o.get().inner == *self.inner)
    }

    fn __repr__(&self) -> String {
        format!("<isms._native.Document organization={:?}>", self.inner.organization.name)
    }
}

/// Parses JSON text into Python objects with the core's parser (for tests and
/// benchmarks of the conversion paths).
#[pyfunction]
pub fn parse_json<'py>(py: Python<'py>, text: String) -> PyResult<Bound<'py, PyAny>> {
    let value = run(py, move || json::from_json::<serde_json::Value>(&text))?;
    to_py(py, &value)
}
