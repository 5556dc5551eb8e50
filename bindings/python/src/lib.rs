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
//! Adding a core capability takes a few lines: a `#[pymethods]` entry on
//! [`document::Document`] (or a `#[pyfunction]`) that calls [`convert::run`]
//! with a closure (GIL released, error mapped) and returns
//! [`value::Value::new`] of the result (held typed, serialised when read;
//! tables go to pandas through [`columns`]) or [`convert::to_py`] of a small
//! one. Renderers of a result ([`render`]) borrow the typed value back.
#![deny(unsafe_op_in_unsafe_fn)]

pub mod catalog;
pub mod columns;
pub mod convert;
pub mod document;
pub mod errors;
pub mod quant;
pub mod render;
pub mod value;

use pyo3::prelude::*;

/// The native module. Its contents are re-exported, with Python types and
/// docstrings, by the `isms` package; import that instead.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("CATALOG_VERSION", isms_core::catalog::CATALOG_VERSION)?;
    m.add("ERROR_CODES", isms_core::error::ERROR_CODES.to_vec())?;
    m.add("PROBLEM_CODES", isms_core::validate::PROBLEM_CODES.iter().map(|(c, _)| *c).collect::<Vec<_>>())?;
    m.add_class::<document::Document>()?;
    m.add_class::<value::Value>()?;
    m.add_function(wrap_pyfunction!(document::parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(quant::simulate, m)?)?;
    m.add_function(wrap_pyfunction!(quant::analytic_mean, m)?)?;
    m.add_function(wrap_pyfunction!(quant::simulate_portfolio, m)?)?;
    m.add_function(wrap_pyfunction!(quant::compare, m)?)?;
    m.add_function(wrap_pyfunction!(quant::rosi, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::rules, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::methodology_preset, m)?)?;
    m.add_function(wrap_pyfunction!(render::soa_to_csv, m)?)?;
    m.add_function(wrap_pyfunction!(render::soa_to_markdown, m)?)?;
    m.add_function(wrap_pyfunction!(render::soa_to_html, m)?)?;
    m.add_function(wrap_pyfunction!(render::heatmap_svg, m)?)?;
    m.add_function(wrap_pyfunction!(render::roadmap_mermaid, m)?)?;
    m.add_function(wrap_pyfunction!(render::evaluation_fails, m)?)?;
    m.add_function(wrap_pyfunction!(render::evaluation_worst, m)?)?;
    m.add_function(wrap_pyfunction!(render::drift_fails, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::annex_a, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::audit_time_chart, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::control, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::mappings, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::mapping_from_2013, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::mapping_to_2022, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::clauses, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::mandatory_documents, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::schema_names, m)?)?;
    m.add_function(wrap_pyfunction!(catalog::schema, m)?)?;
    m.add_function(wrap_pyfunction!(errors::raise_core_error, m)?)?;
    m.add_function(wrap_pyfunction!(errors::panic_for_test, m)?)?;
    Ok(())
}
