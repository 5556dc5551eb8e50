//! The core's renderings of a result (SoA as CSV, Markdown and HTML; heat
//! map as SVG; roadmap as a Mermaid gantt chart) and its verdicts on a
//! result (`Evaluation::fails`, `Drift::fails`).
//!
//! Each takes the result as returned ([`Value`], borrowed as its typed core
//! value, no conversion) or as a dict of its JSON shape (parsed back into the
//! core type), so a result rebuilt from `to_dict()` renders the same bytes.
use isms_core::evaluate::{Drift, Evaluation, Severity};
use isms_core::risk::HeatMap;
use isms_core::roadmap::Roadmap;
use isms_core::soa::{self, Statement};
use isms_core::{Error, Result};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;

use crate::convert::{from_py, run};
use crate::errors::to_py_err;
use crate::value::Value;

/// Calls `f` on the typed result in `obj`: a [`Value`] holding a `T`, or a
/// dict shaped like `T`'s JSON. `what` names `T` in errors.
fn with<T, R>(py: Python<'_>, obj: &Bound<'_, PyAny>, what: &str, f: impl FnOnce(&T) -> Result<R> + Send) -> PyResult<R>
where
    T: DeserializeOwned + Send + Sync + 'static,
    R: Send,
{
    if let Ok(v) = obj.cast::<Value>() {
        let v = v.get();
        return match v.get::<T>() {
            Some(t) => run(py, || f(t)),
            None => Err(to_py_err(py, &Error::invalid_argument("$", format!("expected {what}, got {}", v.kind())))),
        };
    }
    let t: T = from_py(obj).map_err(|e| to_py_err(py, &e))?;
    run(py, move || f(&t))
}

/// The Statement of Applicability as CSV (RFC 4180, `;` between list items).
#[pyfunction]
pub fn soa_to_csv(py: Python<'_>, statement: &Bound<'_, PyAny>) -> PyResult<String> {
    with(py, statement, "a Statement of Applicability", |s: &Statement| soa::render::to_csv(s))
}

/// The Statement of Applicability as a Markdown document.
#[pyfunction]
pub fn soa_to_markdown(py: Python<'_>, statement: &Bound<'_, PyAny>) -> PyResult<String> {
    with(py, statement, "a Statement of Applicability", |s: &Statement| Ok(soa::render::to_markdown(s)))
}

/// The Statement of Applicability as one self-contained HTML page.
#[pyfunction]
pub fn soa_to_html(py: Python<'_>, statement: &Bound<'_, PyAny>) -> PyResult<String> {
    with(py, statement, "a Statement of Applicability", |s: &Statement| soa::render::to_html(s))
}

/// The heat map as a standalone SVG (residual levels if `residual`).
#[pyfunction]
#[pyo3(signature = (heatmap, residual=false))]
pub fn heatmap_svg(py: Python<'_>, heatmap: &Bound<'_, PyAny>, residual: bool) -> PyResult<String> {
    with(py, heatmap, "a heat map", |m: &HeatMap| Ok(isms_core::risk::heatmap_svg(m, residual)))
}

/// The roadmap as a Mermaid gantt chart.
#[pyfunction]
pub fn roadmap_mermaid(py: Python<'_>, roadmap: &Bound<'_, PyAny>) -> PyResult<String> {
    with(py, roadmap, "a roadmap", |r: &Roadmap| Ok(isms_core::roadmap::roadmap_mermaid(r)))
}

fn severity(py: Python<'_>, threshold: &str) -> PyResult<Severity> {
    threshold.parse().map_err(|e: Error| to_py_err(py, &e))
}

/// Whether an evaluation has a finding at least as severe as `threshold`
/// (`blocker`, `major`, `minor`, `info`): the verdict of `isms check --fail-on`.
#[pyfunction]
pub fn evaluation_fails(py: Python<'_>, evaluation: &Bound<'_, PyAny>, threshold: &str) -> PyResult<bool> {
    let t = severity(py, threshold)?;
    with(py, evaluation, "an evaluation", move |e: &Evaluation| Ok(e.fails(t)))
}

/// The most severe finding's severity, or `None` without findings.
#[pyfunction]
pub fn evaluation_worst(py: Python<'_>, evaluation: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
    with(py, evaluation, "an evaluation", |e: &Evaluation| Ok(e.worst().map(Severity::as_str)))
}

/// Whether a drift has a new (or newly worsened) finding at least as severe
/// as `threshold`: the verdict of `isms diff --fail-on-new`.
#[pyfunction]
pub fn drift_fails(py: Python<'_>, drift: &Bound<'_, PyAny>, threshold: &str) -> PyResult<bool> {
    let t = severity(py, threshold)?;
    with(py, drift, "a drift", move |d: &Drift| Ok(d.fails(t)))
}
