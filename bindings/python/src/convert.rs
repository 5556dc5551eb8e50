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
    check_shape(obj, "$", 0, &mut Vec::new())?;
    let mut de = pythonize::Depythonizer::from_object(obj);
    serde_path_to_error::deserialize(isms_core::json::Strict(&mut de)).map_err(|e| {
        let p = e.path().to_string();
        let path = if p.is_empty() || p == "." { "$".to_owned() } else { format!("$.{p}") };
        Error::Parse { path, line: 0, column: 0, message: e.into_inner().to_string() }
    })
}

/// Deepest nesting accepted from Python objects: the same 128 levels that
/// the core's JSON parser allows.
pub const MAX_DEPTH: usize = 128;

/// Walks `obj` before it is converted: `pythonize` recurses without a limit,
/// so a self-containing dict or one nested 10,000 deep would overflow the
/// stack and kill the interpreter. Refuses cycles, nesting deeper than
/// [`MAX_DEPTH`], non-string keys, and values that have no JSON form, each
/// with the JSON path where it was found.
fn check_shape(obj: &Bound<'_, PyAny>, path: &str, depth: usize, stack: &mut Vec<usize>) -> Result<()> {
    use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
    let bad = |message: String| Error::Parse { path: path.to_owned(), line: 0, column: 0, message };
    let kind = |o: &Bound<'_, PyAny>| o.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".into());
    if obj.is_none() || obj.is_instance_of::<PyBool>() || obj.is_instance_of::<PyInt>() {
        return Ok(());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_cow().map(|_| ()).map_err(|_| bad("the string is not valid Unicode (a lone surrogate)".into()));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        let v = f.value();
        return if v.is_finite() { Ok(()) } else { Err(bad(format!("{v} is not a JSON number"))) };
    }
    let is_container =
        obj.is_instance_of::<PyDict>() || obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>();
    if !is_container {
        return Err(bad(format!(
            "a {} has no JSON form (expected dict, list, str, int, float, bool or None)",
            kind(obj)
        )));
    }
    if depth >= MAX_DEPTH {
        return Err(bad(format!("nested deeper than {MAX_DEPTH} levels")));
    }
    let id = obj.as_ptr() as usize;
    if stack.contains(&id) {
        return Err(bad("the value contains itself (a reference cycle)".into()));
    }
    stack.push(id);
    let result = (|| {
        if let Ok(d) = obj.cast::<PyDict>() {
            for (k, v) in d.iter() {
                let Ok(key) = k.cast::<PyString>() else {
                    return Err(bad(format!("a key is a {}; JSON object keys are strings", kind(&k))));
                };
                let key = key.to_cow().map_err(|_| bad("a key is not valid Unicode".into()))?;
                check_shape(&v, &format!("{path}.{key}"), depth + 1, stack)?;
            }
        } else if let Ok(l) = obj.cast::<PyList>() {
            for (i, v) in l.iter().enumerate() {
                check_shape(&v, &format!("{path}[{i}]"), depth + 1, stack)?;
            }
        } else if let Ok(t) = obj.cast::<PyTuple>() {
            for (i, v) in t.iter().enumerate() {
                check_shape(&v, &format!("{path}[{i}]"), depth + 1, stack)?;
            }
        }
        Ok(())
    })();
    stack.pop();
    result
}
