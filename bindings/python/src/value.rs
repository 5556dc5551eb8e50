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
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
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

static NULL: Json = Json::Null;

/// Columns being built from rows: a column per leaf path (nested objects
/// are flattened to `parent_child` names; arrays and scalars are cells).
#[derive(Default)]
struct Columns<'a> {
    index: HashMap<Vec<&'a str>, usize>,
    paths: Vec<Vec<&'a str>>,
    names: Vec<String>,
    cols: Vec<Vec<&'a Json>>,
    /// Column order of the previous row and this row: rows of one result
    /// share their shape, so the next column is usually the one expected.
    prev: Vec<usize>,
    seq: Vec<usize>,
}

impl<'a> Columns<'a> {
    fn put(&mut self, path: &[&'a str], row: usize, v: &'a Json) {
        let expected = self.prev.get(self.seq.len()).copied();
        let c = match expected {
            Some(c) if self.paths[c] == path => c,
            // Look up by slice: no allocation once the column exists.
            _ => match self.index.get(path) {
                Some(c) => *c,
                None => {
                    self.index.insert(path.to_vec(), self.cols.len());
                    self.paths.push(path.to_vec());
                    self.names.push(path.join("_"));
                    self.cols.push(Vec::new());
                    self.cols.len() - 1
                }
            },
        };
        self.seq.push(c);
        let col = &mut self.cols[c];
        col.resize(row, &NULL); // a column first seen (or absent) in earlier rows
        col.push(v);
    }

    fn walk(&mut self, v: &'a Json, path: &mut Vec<&'a str>, row: usize) {
        match v {
            Json::Object(map) => {
                for (k, child) in map {
                    path.push(k);
                    self.walk(child, path, row);
                    path.pop();
                }
            }
            leaf if path.is_empty() => self.put(&["value"], row, leaf),
            leaf => self.put(path, row, leaf),
        }
    }
}

/// Rows of objects → column names and columns (flattened, nulls where a
/// row lacks a column).
fn table(rows: &[Json]) -> (Vec<String>, Vec<Vec<&Json>>) {
    let mut t = Columns::default();
    let mut path = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        t.walk(row, &mut path, i);
        std::mem::swap(&mut t.prev, &mut t.seq);
        t.seq.clear();
    }
    for col in &mut t.cols {
        col.resize(rows.len(), &NULL);
    }
    (t.names, t.cols)
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
        let (names, cols) = table(rows);
        let out = PyDict::new(py);
        for (name, col) in names.into_iter().zip(cols) {
            let mut strings = HashMap::new();
            let cells = col.iter().map(|v| json_to_py(py, v, &mut strings)).collect::<PyResult<Vec<_>>>()?;
            out.set_item(name, PyList::new(py, cells)?)?;
        }
        Ok(out)
    }

    /// Like `columns`, encoded for numpy/pandas without a Python object per
    /// cell: a list of `(name, kind, data, labels)` where `kind` is
    /// - `"bool"`: `data` = one byte per row (no nulls);
    /// - `"i8"`: `data` = native-endian int64 per row (no nulls);
    /// - `"f8"`: `data` = native-endian float64 per row, NaN for null;
    /// - `"str"`: `labels` = the distinct strings, `data` = native-endian
    ///   int32 index into them per row, -1 for null;
    /// - `"obj"`: `data` = a list of Python objects (lists, mixed types).
    fn columns_encoded<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyList>> {
        let Some(rows) = self.inner.get(key).and_then(Json::as_array) else {
            return Err(to_py_err(py, &Error::NotFound { kind: "result_table".into(), id: key.into() }));
        };
        let (names, cols) = table(rows);
        let out = PyList::empty(py);
        for (name, col) in names.into_iter().zip(cols) {
            let nulls = col.iter().any(|v| v.is_null());
            let non_null = || col.iter().copied().filter(|v| !v.is_null());
            let encoded: (&str, Bound<'py, PyAny>, Option<Bound<'py, PyAny>>) =
                if non_null().all(Json::is_boolean) && !nulls {
                    let bytes: Vec<u8> = col.iter().map(|v| u8::from(v.as_bool().unwrap_or(false))).collect();
                    ("bool", PyBytes::new(py, &bytes).into_any(), None)
                } else if non_null().all(Json::is_i64) && !nulls && !col.is_empty() {
                    let ints: Vec<i64> = col.iter().map(|v| v.as_i64().unwrap_or(0)).collect();
                    ("i8", PyBytes::new(py, bytemuck::cast_slice(&ints)).into_any(), None)
                } else if non_null().all(Json::is_number) && non_null().next().is_some() {
                    let floats: Vec<f64> = col.iter().map(|v| v.as_f64().unwrap_or(f64::NAN)).collect();
                    ("f8", PyBytes::new(py, bytemuck::cast_slice(&floats)).into_any(), None)
                } else if non_null().all(Json::is_string) && non_null().next().is_some() {
                    let mut index: HashMap<&str, i32> = HashMap::new();
                    let mut labels: Vec<&str> = Vec::new();
                    let codes: Vec<i32> = col
                        .iter()
                        .map(|v| match v.as_str() {
                            None => -1,
                            Some(s) => *index.entry(s).or_insert_with(|| {
                                labels.push(s);
                                i32::try_from(labels.len() - 1).unwrap_or(i32::MAX)
                            }),
                        })
                        .collect();
                    let labels = PyList::new(py, labels)?.into_any();
                    ("str", PyBytes::new(py, bytemuck::cast_slice(&codes)).into_any(), Some(labels))
                } else {
                    let mut strings = HashMap::new();
                    let cells = col.iter().map(|v| json_to_py(py, v, &mut strings)).collect::<PyResult<Vec<_>>>()?;
                    ("obj", PyList::new(py, cells)?.into_any(), None)
                };
            out.append((name, encoded.0, encoded.1, encoded.2))?;
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
