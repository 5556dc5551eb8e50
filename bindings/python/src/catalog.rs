//! The embedded catalogs (Annex A, the 2013 → 2022 mapping, clauses,
//! mandatory documents, JSON Schemas) as Python objects.
use isms_core::catalog::{self, Attribute, ControlInfo, MappingInfo, Theme};
use isms_core::{Error, schema as core_schema};
use pyo3::prelude::*;

use crate::convert::to_py;
use crate::errors::to_py_err;

fn arg_err(py: Python<'_>, path: &str, e: impl ToString) -> PyErr {
    to_py_err(py, &Error::invalid_argument(path, e.to_string()))
}

/// The Annex A controls, optionally only one theme and/or one attribute value
/// (`"control_type=preventive"` or `"#Preventive"`).
#[pyfunction]
#[pyo3(signature = (theme=None, attribute=None))]
pub fn annex_a<'py>(py: Python<'py>, theme: Option<&str>, attribute: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let theme: Option<Theme> = theme.map(str::parse).transpose().map_err(|e| arg_err(py, "theme", e))?;
    let attribute: Option<Attribute> =
        attribute.map(str::parse).transpose().map_err(|e| arg_err(py, "attribute", e))?;
    let controls: Vec<ControlInfo> = catalog::annex_a()
        .iter()
        .filter(|c| theme.is_none_or(|t| c.theme == t))
        .filter(|c| attribute.is_none_or(|a| c.has(a)))
        .map(|c| c.info())
        .collect();
    to_py(py, &controls)
}

/// One Annex A control by id (`"5.1"` or `"A.5.1"`); raises `isms.NotFoundError`.
#[pyfunction]
pub fn control<'py>(py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
    match catalog::control(id) {
        Some(c) => to_py(py, &c.info()),
        None => Err(to_py_err(py, &Error::NotFound { kind: "annex_a_control".into(), id: id.into() })),
    }
}

/// Every row of the 2013 → 2022 mapping.
#[pyfunction]
pub fn mappings<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    let rows: Vec<MappingInfo> = catalog::mappings().iter().map(|m| m.info()).collect();
    to_py(py, &rows)
}

/// The 2022 successors of a 2013 control (`"A.18.2.3"`); raises `isms.NotFoundError`.
#[pyfunction]
pub fn mapping_from_2013<'py>(py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
    let rows: Vec<MappingInfo> = catalog::successors_of_2013(id).iter().map(|m| m.info()).collect();
    if rows.is_empty() {
        return Err(to_py_err(py, &Error::NotFound { kind: "iso27001_2013_control".into(), id: id.into() }));
    }
    to_py(py, &rows)
}

/// The 2013 predecessors of a 2022 control (`"5.1"`); empty for controls new
/// in 2022; raises `isms.NotFoundError` for an id that is not in Annex A.
#[pyfunction]
pub fn mapping_to_2022<'py>(py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
    if catalog::control(id).is_none() {
        return Err(to_py_err(py, &Error::NotFound { kind: "annex_a_control".into(), id: id.into() }));
    }
    let rows: Vec<MappingInfo> = catalog::predecessors_of_2022(id).iter().map(|m| m.info()).collect();
    to_py(py, &rows)
}

/// Clauses 4–10 with their sub-clauses.
#[pyfunction]
pub fn clauses<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, catalog::clauses())
}

/// Mandatory and commonly expected documented information.
#[pyfunction]
pub fn mandatory_documents<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, catalog::mandatory_documents())
}

/// The ISO/IEC 27006-1 audit-time chart (Table C.1): persons in scope →
/// auditor-days of the initial audit.
#[pyfunction]
pub fn audit_time_chart<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, catalog::audit_time_chart())
}

/// The evaluation rule catalogue: id, title, clause, control, default
/// severity, stage, checklist steps, description and remediation of every
/// rule, in reference order.
#[pyfunction]
pub fn rules<'py>(py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
    to_py(py, &isms_core::evaluate::rules())
}

/// A named risk methodology preset (`iso27005_5x5`, `nist800_30`, ...)
/// expanded into its scales, matrix, levels and appetite (the shape of a
/// document's `risk_methodology`). Raises `isms.InvalidArgumentError`.
#[pyfunction]
pub fn methodology_preset<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let preset: isms_core::model::MethodologyPreset =
        serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|e| arg_err(py, "name", e))?;
    to_py(py, &isms_core::risk::preset(preset))
}

/// Names of the published JSON Schemas.
#[pyfunction]
pub fn schema_names() -> Vec<String> {
    core_schema::names()
}

/// One published JSON Schema by name; raises `isms.NotFoundError`.
#[pyfunction]
pub fn schema<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    match core_schema::schema(name) {
        Some(s) => to_py(py, &s),
        None => Err(to_py_err(py, &Error::NotFound { kind: "schema".into(), id: name.into() })),
    }
}
