//! Core errors as Python exceptions.
//!
//! The exception classes are written in Python (`isms/errors.py`), where they
//! get docstrings, typed attributes and a readable `__init__`. This module
//! only collects the fields of an [`Error`] into a dict and asks
//! `isms.errors._from_core(code, message, details)` for the right instance.
//! The `match` below is exhaustive on purpose: a new core variant does not
//! compile until it is mapped here, and a Python test compares
//! `isms.errors.ERROR_CODES` with the core's [`isms_core::error::ERROR_CODES`].
use isms_core::{Error, Problem};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

fn problems_list<'py>(py: Python<'py>, problems: &[Problem]) -> PyResult<Bound<'py, PyList>> {
    let items = problems
        .iter()
        .map(|p| {
            let d = PyDict::new(py);
            d.set_item("code", &p.code)?;
            d.set_item("path", &p.path)?;
            d.set_item("message", &p.message)?;
            Ok(d)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

fn details<'py>(py: Python<'py>, e: &Error) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    match e {
        Error::Parse { path, line, column, message } => {
            d.set_item("path", path)?;
            d.set_item("line", line)?;
            d.set_item("column", column)?;
            d.set_item("reason", message)?;
        }
        Error::Invalid(_) => {}
        Error::InvalidArgument { path, message } | Error::LimitExceeded { path, message } => {
            d.set_item("path", path)?;
            d.set_item("reason", message)?;
        }
        Error::Transition { id, state, action, message } => {
            d.set_item("id", id)?;
            d.set_item("state", state)?;
            d.set_item("action", action)?;
            d.set_item("reason", message)?;
        }
        Error::NotFound { kind, id } => {
            d.set_item("kind", kind)?;
            d.set_item("id", id)?;
        }
    }
    d.set_item("problems", problems_list(py, &e.problems())?)?;
    Ok(d)
}

fn build(py: Python<'_>, e: &Error) -> PyResult<PyErr> {
    let module = py.import("isms.errors")?;
    let exc = module.getattr("_from_core")?.call1((e.code(), e.to_string(), details(py, e)?))?;
    // The core's error report, byte for byte what the CLI's `isms call`
    // prints and the conformance vectors hold.
    exc.setattr("report_json", isms_core::engine::error_json(e))?;
    Ok(PyErr::from_value(exc))
}

/// The Python exception for a core error: an instance of the `isms.errors`
/// class for its code. Falls back to `RuntimeError` if the package cannot be
/// imported (the native module used on its own).
pub fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    build(py, e).unwrap_or_else(|import_err| {
        PyRuntimeError::new_err(format!("{} ({}; isms.errors unavailable: {import_err})", e, e.code()))
    })
}

/// Raises the exception that the core error with this code would become,
/// with placeholder fields. For the Python tests of the error mapping.
#[pyfunction]
pub fn raise_core_error(py: Python<'_>, code: &str) -> PyResult<()> {
    let e = match code {
        "parse_error" => Error::Parse { path: "$.a".into(), line: 2, column: 3, message: "bad".into() },
        "invalid_document" => Error::Invalid(vec![Problem::new("duplicate_id", "$.people[1].id", "duplicate")]),
        "invalid_argument" => Error::invalid_argument("$.trials", "must be positive"),
        "transition_not_allowed" => Error::Transition {
            id: "nc-1".into(),
            state: "closed".into(),
            action: "reopen".into(),
            message: "closed is final".into(),
        },
        "not_found" => Error::NotFound { kind: "nonconformity".into(), id: "nc-9".into() },
        "limit_exceeded" => Error::LimitExceeded { path: "$.trials".into(), message: "too many".into() },
        other => Error::invalid_argument("code", format!("unknown error code `{other}`")),
    };
    Err(to_py_err(py, &e))
}

/// Panics inside the native module. For the test that a Rust panic reaches
/// Python as an exception (PyO3's `PanicException`), not as a crash.
#[pyfunction]
pub fn panic_for_test(py: Python<'_>) -> PyResult<()> {
    py.detach(|| -> PyResult<()> { panic!("deliberate panic for the test suite") })
}
