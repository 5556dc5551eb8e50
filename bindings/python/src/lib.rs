//! `isms._native`: the PyO3 edge of `isms-core`.
//!
//! **What this is**: conversion and delegation only. Each function takes
//! Python values, turns them into core types (serde, through `pythonize` or a
//! JSON string), calls the core with the GIL released, and turns the result or
//! the core [`Error`](isms_core::Error) back into Python values or an
//! exception of the `isms.errors` hierarchy.
//!
//! **What this is not**: a place for rules of the standard. No domain logic
//! lives here (DESIGN.md principle 3); the idiomatic API (typed results,
//! `datetime.date`, pandas, plotting) is the pure-Python package
//! `bindings/python/python/isms/`.
//!
//! Everything goes through the engine (`isms_core::engine`): a
//! [`document::Document`] holds a validated `Isms`, `Document.run(op,
//! request_json)` and the module's `run` run any operation of the engine's
//! table, and the response stays typed in a [`value::Value`] until Python
//! reads it (JSON, pandas columns through [`columns`], or any format the
//! engine renders). Adding an engine operation to Python therefore needs no
//! Rust here: one Python method naming it.
#![deny(unsafe_op_in_unsafe_fn)]

pub mod columns;
pub mod convert;
pub mod document;
pub mod errors;
pub mod monitor;
pub mod quant;
pub mod value;

use pyo3::prelude::*;

/// The native module. Its contents are re-exported, with Python types and
/// docstrings, by the `isms` package; import that instead.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CATALOG_VERSION", isms_core::catalog::CATALOG_VERSION)?;
    m.add("MAX_DOCUMENT_BYTES", isms_core::json::DEFAULT_MAX_DOCUMENT_BYTES)?;
    m.add("ERROR_CODES", isms_core::error::ERROR_CODES.to_vec())?;
    m.add("PROBLEM_CODES", isms_core::validate::PROBLEM_CODES.iter().map(|(c, _)| *c).collect::<Vec<_>>())?;
    m.add_class::<document::Document>()?;
    m.add_class::<value::Value>()?;
    m.add("SEVERITIES", isms_core::evaluate::Severity::ALL.iter().rev().map(|s| s.as_str()).collect::<Vec<_>>())?;
    m.add_function(wrap_pyfunction!(document::run_free, m)?)?;
    m.add_function(wrap_pyfunction!(document::call, m)?)?;
    m.add_function(wrap_pyfunction!(document::validate_json, m)?)?;
    m.add_function(wrap_pyfunction!(document::parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(quant::simulate_model, m)?)?;
    m.add_function(wrap_pyfunction!(monitor::monitor_ingest, m)?)?;
    m.add_function(wrap_pyfunction!(monitor::mapping_lint, m)?)?;
    m.add_function(wrap_pyfunction!(errors::raise_core_error, m)?)?;
    m.add_function(wrap_pyfunction!(errors::panic_for_test, m)?)?;
    Ok(())
}
