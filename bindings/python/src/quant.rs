//! The one operation whose result does not leave as a [`Value`] alone: the
//! simulated annual losses of `simulate_model` (8 bytes per trial, millions
//! of them) leave as one `bytes` object that `numpy.frombuffer` views
//! without copying: no Python float per sample, and no hard dependency on
//! numpy or on the `numpy` crate (whose C-API use does not fit the abi3
//! wheel). Every other simulation goes through `run`.
use isms_core::engine::Response;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::run;
use crate::value::Value;

/// The `simulate_model` operation on a JSON request (`model`, `options`):
/// the summary (without samples) and, if `options.keep_samples`, the
/// samples as native-endian float64 bytes. The GIL is released meanwhile.
#[pyfunction]
pub fn simulate_model<'py>(py: Python<'py>, request_json: &str) -> PyResult<(Value, Option<Bound<'py, PyBytes>>)> {
    let mut response = run(py, || crate::document::run_op(None, "simulate_model", request_json))?;
    let samples = match &mut response {
        Response::Simulation(r) => r.samples.take().map(|s| PyBytes::new(py, bytemuck::cast_slice(&s))),
        _ => None,
    };
    Ok((Value::new(response, None), samples))
}
