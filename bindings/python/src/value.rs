//! An engine response held natively until Python asks for it.
//!
//! Converting a big result (a 20,000-risk register) into Python dicts costs
//! more than computing it, and a caller often needs only a summary or a
//! DataFrame. So operations return a [`Value`]: the engine's typed
//! [`Response`], untouched. It is serialised when Python reads it: to
//! compact JSON text parsed by `json.loads` for `to_obj` (the Python
//! wrappers keep what they read, so nothing is cached here), to the engine's
//! JSON for `to_json`, straight into columns for pandas (`columns`,
//! `columns_encoded`; see [`crate::columns`]), which needs neither the JSON
//! tree nor a Python object per cell, and to any other format by the
//! engine's own renderers (`render`: CSV, Markdown, HTML, SVG, Mermaid,
//! iCalendar, text).
use std::collections::HashMap;
use std::sync::Arc;

use isms_core::engine::{Format, Response, Verdict};
use isms_core::evaluate::Severity;
use isms_core::{Error, Isms};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use serde::Serialize;
use serde_json::Value as Json;

use crate::columns::{self, Cell, Column, Encoded, Labels};
use crate::convert::run;
use crate::errors::to_py_err;

/// An engine [`Response`] as `Serialize`: its JSON shape, the one
/// [`Response::to_json`] writes, for the column writer and compact JSON.
/// (The core has `to_json` but no `Serialize` impl on `Response`; with one
/// this match would go.)
struct Ser<'a>(&'a Response);

impl Serialize for Ser<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Response::Problems(x) => x.serialize(s),
            Response::Evaluation(x) => x.serialize(s),
            Response::Verdict(x) => x.serialize(s),
            Response::Drift(x) => x.serialize(s),
            Response::Assessment(x) => x.serialize(s),
            Response::Register(x) => x.serialize(s),
            Response::HeatMap(x, _) => x.serialize(s),
            Response::TreatmentPlan(x) => x.serialize(s),
            Response::DocumentSimulation(x) => x.serialize(s),
            Response::Simulation(x) => x.serialize(s),
            Response::Portfolio(x) => x.serialize(s),
            Response::Rosi(x) => x.serialize(s),
            Response::Number(x) => x.serialize(s),
            Response::Statement(x) => x.serialize(s),
            Response::SoaDiff(x) => x.serialize(s),
            Response::Calendar(x) => x.serialize(s),
            Response::CertificationCycle(x) => x.serialize(s),
            Response::AuditProgramme(x) => x.serialize(s),
            Response::Duration(x) => x.serialize(s),
            Response::ReviewPlan(x) => x.serialize(s),
            Response::NcReport(x) => x.serialize(s),
            Response::NcDetail(x) => x.serialize(s),
            Response::Document(x) => x.serialize(s),
            Response::Roadmap(x) => x.serialize(s),
            Response::Report(x) => x.serialize(s),
            Response::Controls(x) => x.serialize(s),
            Response::Mapping(x, _) => x.serialize(s),
            Response::Clauses(x) => x.serialize(s),
            Response::MandatoryDocuments(x) => x.serialize(s),
            Response::Rules(x) => x.serialize(s),
            Response::AuditTimeChart(x) => x.serialize(s),
            Response::Methodology(x) => x.serialize(s),
            Response::Json(x) => x.serialize(s),
            Response::Names(x) => x.serialize(s),
            Response::Operations(x) => x.serialize(s),
            Response::MonitorSummary(x) => x.serialize(s),
            Response::Coverage(x) => x.serialize(s),
            Response::MonitorDrift(x) => x.serialize(s),
            Response::Ingested(x) => x.serialize(s),
            Response::MappingLint(x) => x.serialize(s),
        }
    }
}

fn conversion_error(e: impl std::fmt::Display) -> Error {
    Error::invalid_argument("$", format!("cannot convert the result: {e}"))
}

/// An engine response, held natively (immutable) in its typed form, with
/// the ISMS it was computed from (text renderers name its people and risks).
#[pyclass(frozen, module = "isms._native")]
pub struct Value {
    inner: Arc<Held>,
}

struct Held {
    response: Response,
    isms: Option<Arc<Isms>>,
}

impl Value {
    /// Holds a response; nothing is serialised yet.
    pub fn new(response: Response, isms: Option<Arc<Isms>>) -> Self {
        Self { inner: Arc::new(Held { response, isms }) }
    }

    /// The response.
    pub fn response(&self) -> &Response {
        &self.inner.response
    }

    /// The array at `key` as columns (built with the GIL released), or
    /// `isms.NotFoundError`.
    fn columns_of(&self, py: Python<'_>, key: &str) -> PyResult<Vec<Column>> {
        let held = Arc::clone(&self.inner);
        let k = key.to_owned();
        match py.detach(move || columns::table(&Ser(&held.response), &k).map_err(conversion_error)) {
            Ok((_, Some(cols))) => Ok(cols),
            Ok((_, None)) => Err(to_py_err(py, &Error::NotFound { kind: "result_table".into(), id: key.into() })),
            Err(e) => Err(to_py_err(py, &e)),
        }
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

/// One cell as a Python object; `labels` are the column's strings as Python
/// strings, `items` the items of its list cells.
fn cell_to_py<'py>(
    py: Python<'py>,
    cell: &Cell,
    items: &[Cell],
    labels: &[Bound<'py, PyString>],
) -> PyResult<Bound<'py, PyAny>> {
    Ok(match cell {
        Cell::Null => py.None().into_bound(py),
        Cell::Bool(b) => b.into_bound_py_any(py)?,
        Cell::Int(i) => i.into_bound_py_any(py)?,
        Cell::UInt(u) => u.into_bound_py_any(py)?,
        Cell::Float(x) => x.into_bound_py_any(py)?,
        Cell::Str(i) => labels[*i as usize].clone().into_any(),
        Cell::List { start, len } => {
            let range = *start as usize..(*start + *len) as usize;
            let list = items[range].iter().map(|c| cell_to_py(py, c, &[], labels)).collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, list)?.into_any()
        }
        Cell::Obj(j) => json_to_py(py, j, &mut HashMap::new())?,
    })
}

fn cells_to_py<'py>(py: Python<'py>, cells: &[Cell], items: &[Cell], labels: &Labels) -> PyResult<Bound<'py, PyList>> {
    let labels: Vec<Bound<'py, PyString>> = labels.iter().map(|s| PyString::new(py, s)).collect();
    let cells = cells.iter().map(|c| cell_to_py(py, c, items, &labels)).collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, cells)
}

#[pymethods]
impl Value {
    /// The whole result as Python objects (dicts, lists, scalars; dates as ISO strings).
    fn to_obj<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // Compact JSON text written with the GIL released, then CPython's C
        // `json.loads`: measured faster than building a serde_json tree and
        // converting it (203 vs 319 ms for a 20,000-risk assessment).
        let held = Arc::clone(&self.inner);
        let text = py
            .detach(move || serde_json::to_string(&Ser(&held.response)).map_err(conversion_error))
            .map_err(|e| to_py_err(py, &e))?;
        py.import("json")?.getattr("loads")?.call1((text,))
    }

    /// The result as pretty-printed, deterministic JSON text (the engine's
    /// JSON format, what the CLI's `--json` prints).
    fn to_json(&self, py: Python<'_>) -> String {
        let held = Arc::clone(&self.inner);
        py.detach(move || held.response.to_json())
    }

    /// The result rendered by the engine in `format` (`json`, `text`, `csv`,
    /// `markdown`/`md`, `html`, `svg`, `mermaid`, `ical`/`ics`). Raises
    /// `isms.InvalidArgumentError` for a format this result does not have.
    fn render(&self, py: Python<'_>, format: &str) -> PyResult<String> {
        let held = Arc::clone(&self.inner);
        let format = format.to_owned();
        run(py, move || {
            let format: Format = format.parse()?;
            held.response.render(format, held.isms.as_deref().map(Isms::document))
        })
    }

    /// The formats `render` takes for this result, JSON first.
    fn formats(&self) -> Vec<&'static str> {
        self.inner.response.formats().iter().map(|f| f.as_str()).collect()
    }

    /// The `--fail-on` verdict of an evaluation (`isms check --fail-on`)
    /// at `fail_on` (`blocker`, `major`, `minor`, `info`), or for a drift
    /// whether a new or newly worsened finding reaches it (`isms diff
    /// --fail-on-new`). An evaluation's verdict is a `Verdict` value; a
    /// drift's a bool.
    fn verdict(&self, py: Python<'_>, fail_on: &str) -> PyResult<Py<PyAny>> {
        let t: Severity = fail_on.parse().map_err(|e: Error| to_py_err(py, &e))?;
        match &self.inner.response {
            Response::Evaluation(e) => {
                Ok(Py::new(py, Value::new(Response::Verdict(Verdict::of(e, t)), None))?.into_any())
            }
            Response::Drift(d) => Ok(d.fails(t).into_py_any(py)?),
            _ => Err(to_py_err(py, &Error::invalid_argument("$", "a verdict is of an evaluation or a drift"))),
        }
    }

    /// The array at top-level field `key` as columns: a dict from column
    /// name to list of cells, one per element, nested objects flattened to
    /// `parent_child` names, missing cells as `None`. Raises
    /// `isms.NotFoundError` if `key` is not an array of the result.
    fn columns<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for col in self.columns_of(py, key)? {
            out.set_item(&col.name, cells_to_py(py, &col.cells, &col.items, &col.labels)?)?;
        }
        Ok(out)
    }

    /// Like `columns`, encoded for numpy/pandas without a Python object per
    /// cell: a list of `(name, kind, data, labels)` where `kind` is
    /// - `"bool"`: `data` = one byte per row (no nulls);
    /// - `"i8"`: `data` = native-endian int64 per row (no nulls);
    /// - `"u8"`: `data` = native-endian uint64 per row (no nulls; some value
    ///   above the int64 range, none negative);
    /// - `"i8?"`: `data` = native-endian int64 per row, `labels` = one byte
    ///   per row, 1 where a value is present (0 for null);
    /// - `"f8"`: `data` = native-endian float64 per row, NaN for null;
    /// - `"str"`: `labels` = the column's strings (each once, except in
    ///   nearly-unique columns, which skip the lookup), `data` =
    ///   native-endian int32 index into them per row, -1 for null;
    /// - `"obj"`: `data` = a list of Python objects (lists, mixed types).
    fn columns_encoded<'py>(&self, py: Python<'py>, key: &str) -> PyResult<Bound<'py, PyList>> {
        let cols = self.columns_of(py, key)?;
        let encoded: Vec<(String, Encoded)> =
            py.detach(move || cols.into_iter().map(|mut c| (std::mem::take(&mut c.name), c.encode())).collect());
        let out = PyList::empty(py);
        for (name, col) in encoded {
            let item: (&str, Bound<'py, PyAny>, Option<Bound<'py, PyAny>>) = match col {
                Encoded::Bool(b) => ("bool", PyBytes::new(py, &b).into_any(), None),
                Encoded::Int(i) => ("i8", PyBytes::new(py, bytemuck::cast_slice(&i)).into_any(), None),
                Encoded::UInt(u) => ("u8", PyBytes::new(py, bytemuck::cast_slice(&u)).into_any(), None),
                Encoded::NullableInt { values, valid } => (
                    "i8?",
                    PyBytes::new(py, bytemuck::cast_slice(&values)).into_any(),
                    Some(PyBytes::new(py, &valid).into_any()),
                ),
                Encoded::Float(f) => ("f8", PyBytes::new(py, bytemuck::cast_slice(&f)).into_any(), None),
                Encoded::Str { codes, labels } => (
                    "str",
                    PyBytes::new(py, bytemuck::cast_slice(&codes)).into_any(),
                    Some(PyList::new(py, labels.iter())?.into_any()),
                ),
                Encoded::Obj { cells, items, labels } => {
                    ("obj", cells_to_py(py, &cells, &items, &labels)?.into_any(), None)
                }
            };
            out.append((name, item.0, item.1, item.2))?;
        }
        Ok(out)
    }

    /// Median wall time in seconds of building and encoding the columns of
    /// `key` inside Rust, with no Python object made (for the benchmark).
    fn _time_columns(&self, py: Python<'_>, key: &str, runs: usize) -> PyResult<f64> {
        let held = Arc::clone(&self.inner);
        let k = key.to_owned();
        py.detach(move || {
            let mut times = Vec::with_capacity(runs.max(1));
            for _ in 0..runs.max(1) {
                let t = std::time::Instant::now();
                let (_, cols) = columns::table(&Ser(&held.response), &k).map_err(conversion_error)?;
                let encoded: Vec<Encoded> = cols.unwrap_or_default().into_iter().map(Column::encode).collect();
                drop(std::hint::black_box(encoded));
                times.push(t.elapsed().as_secs_f64());
            }
            times.sort_by(f64::total_cmp);
            Ok(times[times.len() / 2])
        })
        .map_err(|e: Error| to_py_err(py, &e))
    }

    fn __repr__(&self) -> PyResult<String> {
        let (fields, _) = columns::table(&Ser(&self.inner.response), "")
            .map_err(|e| PyErr::new::<pyo3::exceptions::PyValueError, _>(e.to_string()))?;
        Ok(format!("<isms._native.Value: object with {fields} fields>"))
    }
}
