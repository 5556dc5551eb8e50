//! Moving values across the boundary.
//!
//! Small results (catalogs, estimates) go out through `pythonize` (serde →
//! Python objects directly); it was measured against serialising to a JSON
//! string and `json.loads` on the Python side (see
//! `benches/results/python.md`). Large ones are held typed instead
//! ([`crate::value::Value`]). Inputs come in through
//! `pythonize`'s deserializer wrapped in `serde_path_to_error`, so a bad
//! value is reported with its JSON path, exactly as the core's JSON parser
//! reports it.
use isms_core::{Error, Result};
use pyo3::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::errors::to_py_err;

/// Runs a core computation with the GIL released and maps its error to the
/// `isms.errors` hierarchy. A panic inside `f` still unwinds to PyO3's
/// function boundary and becomes `pyo3_runtime.PanicException`, never a crash.
pub fn run<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    F: FnOnce() -> Result<T> + Send,
    T: Send,
{
    py.detach(f).map_err(|e| to_py_err(py, &e))
}

/// Converts any serialisable core output into Python objects (dicts, lists,
/// str, int, float, bool, None).
pub fn to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    pythonize::pythonize(py, value)
        .map_err(|e| to_py_err(py, &Error::invalid_argument("$", format!("cannot convert the result to Python: {e}"))))
}

/// Converts Python objects (as `json.loads` would give them) into a core
/// input type; errors carry the JSON path of the offending value.
pub fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>) -> Result<T> {
    let mut de = pythonize::Depythonizer::from_object(obj);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let p = e.path().to_string();
        let path = if p.is_empty() || p == "." { "$".to_owned() } else { format!("$.{p}") };
        Error::Parse { path, line: 0, column: 0, message: e.into_inner().to_string() }
    })
}
