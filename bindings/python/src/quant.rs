//! Open FAIR Monte Carlo simulation (`isms_core::quant`) from Python.
//!
//! The simulated annual losses (8 bytes per trial, millions of them) leave
//! as one `bytes` object that `numpy.frombuffer` views without copying: no
//! Python float per sample, and no hard dependency on numpy or on the
//! `numpy` crate (whose C-API use does not fit the abi3 wheel).
use isms_core::quant::{self, FairModel, SimulationOptions};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::{from_py, run};
use crate::errors::to_py_err;
use crate::value::Value;

/// Simulates one risk's annual loss. `model` and `options` are shaped like
/// the JSON (`FairModel`, `SimulationOptions`). Returns the summary (without
/// samples) and, if `options.keep_samples`, the samples as native-endian
/// float64 bytes. The GIL is released while simulating.
#[pyfunction]
pub fn simulate<'py>(
    py: Python<'py>,
    model: &Bound<'py, PyAny>,
    options: &Bound<'py, PyAny>,
) -> PyResult<(Value, Option<Bound<'py, PyBytes>>)> {
    let model: FairModel = from_py(model).map_err(|e| to_py_err(py, &e))?;
    let options: SimulationOptions = from_py(options).map_err(|e| to_py_err(py, &e))?;
    let mut result = run(py, move || quant::simulate(&model, &options))?;
    let samples = result.samples.take().map(|s| PyBytes::new(py, bytemuck::cast_slice(&s)));
    Ok((Value::new(result), samples))
}

/// The analytic mean annual loss of `model` (shaped like `FairModel`),
/// `E[LEF]·(E[PL] + Σ E[SLEF]·E[SLEM])`, exact under the simulation's
/// semantics; `None` for the TCap-vs-RS vulnerability form.
#[pyfunction]
pub fn analytic_mean(py: Python<'_>, model: &Bound<'_, PyAny>) -> PyResult<Option<f64>> {
    let model: FairModel = from_py(model).map_err(|e| to_py_err(py, &e))?;
    run(py, move || model.validate("fair").map(|()| model.analytic_mean()))
}
