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

/// Simulates a portfolio: `risks` is a list of `(id, model)`; each risk's
/// stream comes from the seed and its id, years are summed across risks.
/// Returns the `PortfolioResult` (total summary and per-risk shares).
#[pyfunction]
pub fn simulate_portfolio(
    py: Python<'_>,
    risks: Vec<(String, Bound<'_, PyAny>)>,
    options: &Bound<'_, PyAny>,
) -> PyResult<Value> {
    let mut models = Vec::with_capacity(risks.len());
    for (i, (id, m)) in risks.iter().enumerate() {
        let model: FairModel = from_py(m).map_err(|e| {
            let e = match e {
                isms_core::Error::Parse { path, line, column, message } => isms_core::Error::Parse {
                    path: path.replacen('$', &format!("$.risks[{i}].fair"), 1),
                    line,
                    column,
                    message,
                },
                other => other,
            };
            to_py_err(py, &e)
        })?;
        models.push((id.clone(), model));
    }
    let options: SimulationOptions = from_py(options).map_err(|e| to_py_err(py, &e))?;
    let result = run(py, move || {
        let refs: Vec<(&str, &FairModel)> = models.iter().map(|(id, m)| (id.as_str(), m)).collect();
        quant::simulate_portfolio(&refs, &options)
    })?;
    Ok(Value::new(result))
}

/// Compares `before` with `after` (two `FairModel`s) at `annual_cost` a
/// year, with common random numbers: the `RosiResult`.
#[pyfunction]
pub fn compare<'py>(
    py: Python<'py>,
    before: &Bound<'py, PyAny>,
    after: &Bound<'py, PyAny>,
    annual_cost: f64,
    options: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let before: FairModel = from_py(before).map_err(|e| to_py_err(py, &e))?;
    let after: FairModel = from_py(after).map_err(|e| to_py_err(py, &e))?;
    let options: SimulationOptions = from_py(options).map_err(|e| to_py_err(py, &e))?;
    let result = run(py, move || quant::compare(&before, &after, annual_cost, &options))?;
    crate::convert::to_py(py, &result)
}

/// The return on `controls` (a list of `ControlEffect`s) applied to `model`:
/// `compare` of the model with its residual at the controls' summed cost.
#[pyfunction]
pub fn rosi<'py>(
    py: Python<'py>,
    model: &Bound<'py, PyAny>,
    controls: &Bound<'py, PyAny>,
    options: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let model: FairModel = from_py(model).map_err(|e| to_py_err(py, &e))?;
    let controls: Vec<quant::ControlEffect> = from_py(controls).map_err(|e| to_py_err(py, &e))?;
    let options: SimulationOptions = from_py(options).map_err(|e| to_py_err(py, &e))?;
    let result = run(py, move || quant::rosi(&model, &controls, &options))?;
    crate::convert::to_py(py, &result)
}
