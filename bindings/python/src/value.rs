//! A computation's result held natively until Python asks for it.
//!
//! Converting a big result (a 20,000-risk register) into Python dicts costs
//! more than computing it, and a caller often needs only a summary or a
//! DataFrame. So computations return a [`Value`]: the result serialised once
//! to a `serde_json::Value` (its JSON wire shape), converted to Python objects
//! on demand (`to_obj`), or column by column for pandas (`columns`), which is
//! several times faster than building a DataFrame from row dicts.
use std::collections::HashMap;
use std::sync::Arc;

use isms_core::{Error, json};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::Serialize;
use serde_json::Value as Json;

use crate::errors::to_py_err;

/// A result of the engine in its JSON shape, held natively (immutable).
#[pyclass(frozen, module = "isms._native")]
pub struct Value {
    inner: Arc<Json>,
}

impl Value {
    /// Serialises a core output once.
    pub fn new<T: Serialize>(py: Python<'_>, v: &T) -> PyResult<Self> {
        serde_json::to_value(v)
            .map(|inner| Self { inner: Arc::new(inner) })
            .map_err(|e| to_py_err(py, &Error::invalid_argument("$", format!("cannot convert the result: {e}"))))
    }
}

/// Converts a JSON value to Python objects directly (no serde round trip).
/// `strings` caches string objects so repeated values (levels, statuses,
/// owners) share one Python object, which also speeds up pandas' inference.
fn json_to_py<'py, 'a>(
    py: Python<'py>,
    v: &'a Json,
    strings: &mut HashMap<&'a str, Bound<'py, PyString>>,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Json::Null => py.None().into_bound(py),
        Json::Bool(b) => b.into_bound_py_any(py)?,
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_bound_py_any(py)?,
            (None, Some(u)) => u.into_bound_py_any(py)?,
            _ => n.as_f64().unwrap_or(f64::NAN).into_bound_py_any(py)?,
        },
        Json::String(s) => strings.entry(s.as_str()).or_insert_with(|| PyString::new(py, s)).clone().into_any(),
        Json::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item, strings)?)?;
            }
            list.into_any()
        }
        Json::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                let key = strings.entry(k.as_str()).or_insert_with(|| PyString::new(py, k)).clone();
                dict.set_item(key, json_to_py(py, item, strings)?)?;
            }
            dict.into_any()
        }
    })
}

/// Flattens nested objects into `parent_child` names; arrays and scalars are cells.
fn flatten<'a>(prefix: &str, v: &'a Json, out: &mut Vec<(String, &'a Json)>) {
    match v {
        Json::Object(map) => {
            for (k, child) in map {
                let name = if prefix.is_empty() { k.clone() } else { format!("{prefix}_{k}") };
                if child.is_object() {
                    flatten(&name, child, out);
                } else {
                    out.push((name, child));
                }
            }
        }
        other => out.push((prefix.to_owned(), other)),
    }
}

#[pymethods]
impl Value {
    /// The whole result as Python objects (dicts, lists, scalars; dates as ISO strings).
    fn to_obj<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.inner, &mut HashMap::new())
    }

    /// The result as pretty-printed, deterministic JSON text.
    fn to_json(&self) -> String {
        json::to_json(&*self.inner)
    }

    /// The array at top-level field `key` as columns: a dict from column
    /// name to list of cells, one per element, nested objects flattened to
    /// `parent_child` names, missing cells as `None`. Raises
    /// `isms.NotFoundError` if `key` is not an array of the result.
    fn columns<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyDict>> {
        let Some(rows) = self.inner.get(key).and_then(Json::as_array) else {
            return Err(to_py_err(py, &Error::NotFound { kind: "result_table".into(), id: key.into() }));
        };
        let null = Json::Null;
        let mut names: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut cols: Vec<Vec<&Json>> = Vec::new();
        let mut cells = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            cells.clear();
            flatten("", row, &mut cells);
            for (name, v) in cells.drain(..) {
                let c = *index.entry(name.clone()).or_insert_with(|| {
                    names.push(name);
                    cols.push(Vec::with_capacity(rows.len()));
                    cols.len() - 1
                });
                let col = &mut cols[c];
                col.resize(i, &null); // a column first seen (or absent) in earlier rows
                col.push(v);
            }
        }
        let out = PyDict::new(py);
        for (name, mut col) in names.into_iter().zip(cols) {
            col.resize(rows.len(), &null);
            let mut strings = HashMap::new();
            let cells = col.iter().map(|v| json_to_py(py, v, &mut strings)).collect::<PyResult<Vec<_>>>()?;
            out.set_item(name, PyList::new(py, cells)?)?;
        }
        Ok(out)
    }

    fn __repr__(&self) -> String {
        let kind = match &*self.inner {
            Json::Object(m) => format!("object with {} fields", m.len()),
            Json::Array(a) => format!("array of {}", a.len()),
            _ => "scalar".to_owned(),
        };
        format!("<isms._native.Value {kind}>")
    }
}
