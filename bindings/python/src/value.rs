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
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::Serialize;
use serde_json::Value as Json;

use crate::convert::to_py;
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
        to_py(py, &*self.inner)
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
            out.set_item(name, to_py(py, &col)?)?;
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
