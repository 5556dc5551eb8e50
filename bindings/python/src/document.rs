//! The ISMS document held natively, and the computations on it.
//!
//! A [`Document`] wraps a parsed `isms_core::Document` behind an `Arc`, so
//! Python keeps one parsed copy and each computation borrows it without
//! re-parsing or re-converting; the class is frozen (immutable), which also
//! makes it safe to use from several Python threads. Operations that change a
//! document return a new one.
use std::sync::Arc;

use isms_core::model::Date;
use isms_core::quant::{self, SimulationOptions};
use isms_core::{Error, Problem, evaluate, json, nc, risk, roadmap, schedule, soa, validate};
use pyo3::prelude::*;

use crate::convert::{from_py, run, to_py};
use crate::value::Value;

/// A parsed ISMS document (immutable). Build it with `Document.from_json` or
/// `Document.from_obj`; the `isms.Isms` class wraps it.
#[pyclass(frozen, module = "isms._native")]
pub struct Document {
    inner: Arc<isms_core::Document>,
}

impl Document {
    /// The parsed core document.
    pub fn core(&self) -> &isms_core::Document {
        &self.inner
    }
}

#[pymethods]
impl Document {
    /// Parses JSON text (structure only; see `validate`). Raises `isms.ParseError`.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: String) -> PyResult<Self> {
        let doc = run(py, move || json::parse_document(&text))?;
        Ok(Self { inner: Arc::new(doc) })
    }

    /// Builds a document from Python objects shaped like the JSON (dicts,
    /// lists, str, int, float, bool, None). Raises `isms.ParseError` with the path.
    #[staticmethod]
    fn from_obj(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        let doc = from_py::<isms_core::Document>(obj).map_err(|e| crate::errors::to_py_err(py, &e))?;
        Ok(Self { inner: Arc::new(doc) })
    }

    /// The document as pretty-printed, deterministic JSON text.
    fn to_json(&self, py: Python<'_>) -> String {
        let doc = Arc::clone(&self.inner);
        py.detach(move || json::to_json(&*doc))
    }

    /// The document as Python objects (dicts and lists, dates as ISO strings).
    fn to_obj<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &*self.inner)
    }

    /// All problems found by the core's validation (empty when valid), as dicts
    /// with `code`, `path` and `message`.
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let doc = Arc::clone(&self.inner);
        let problems: Vec<Problem> = py.detach(move || validate::validate(&doc));
        to_py(py, &problems)
    }

    /// Raises `isms.ValidationError` carrying every problem if the document is invalid.
    fn check(&self, py: Python<'_>) -> PyResult<()> {
        let doc = Arc::clone(&self.inner);
        run(py, move || validate::check(&doc))
    }

    /// The qualitative risk assessment as of `as_of` (`YYYY-MM-DD`): levels,
    /// ranks, appetite, acceptance and review status of every risk.
    fn assess(&self, py: Python<'_>, as_of: &str) -> PyResult<Value> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        let assessment = run(py, move || risk::assess(&doc, as_of))?;
        Ok(Value::new(assessment))
    }

    /// The continuous-monitoring verdict as of `as_of`: findings, readiness
    /// per clause, theme and overall, rule outcomes.
    fn evaluate(&self, py: Python<'_>, as_of: &str) -> PyResult<Value> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        let evaluation = run(py, move || evaluate::evaluate(&doc, as_of))?;
        Ok(Value::new(evaluation))
    }

    /// What changed between this document evaluated on `as_of` and `newer`
    /// evaluated on `newer_as_of`: new, resolved, worsened and improved
    /// findings (matched by fingerprint), score and verdict changes, SoA diff.
    fn drift(&self, py: Python<'_>, newer: &Document, as_of: &str, newer_as_of: &str) -> PyResult<Value> {
        let (old, new) = (Arc::clone(&self.inner), Arc::clone(&newer.inner));
        let (a, b) = (date_arg(py, "as_of", as_of)?, date_arg(py, "newer_as_of", newer_as_of)?);
        let drift = run(py, move || evaluate::drift_documents(&old, &new, a, b))?;
        Ok(Value::new(drift))
    }

    /// The self-contained HTML report (readiness, heat maps, SoA summary,
    /// findings, deadlines, roadmap) as of `as_of`.
    fn report_html(&self, py: Python<'_>, as_of: &str) -> PyResult<String> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        run(py, move || isms_core::report::report_html(&doc, as_of))
    }

    /// The Statement of Applicability (all 93 controls) as of `as_of`.
    fn soa(&self, py: Python<'_>, as_of: &str) -> PyResult<Value> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        let statement = py.detach(move || soa::statement(&doc, as_of));
        Ok(Value::new(statement))
    }

    /// The risk heat map (inherent and residual cells) as of `as_of`.
    fn heatmap(&self, py: Python<'_>, as_of: &str) -> PyResult<Value> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        let map = run(py, move || risk::heatmap::heatmap(&doc, as_of))?;
        Ok(Value::new(map))
    }

    /// The risk treatment plan as of `as_of`.
    fn treatment_plan(&self, py: Python<'_>, as_of: &str) -> PyResult<Value> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        let plan = run(py, move || risk::plan::treatment_plan(&doc, as_of))?;
        Ok(Value::new(plan))
    }

    /// The merged calendar (audits, reviews, trainings, deadlines ...) from
    /// `start` to `end` inclusive (`YYYY-MM-DD`).
    fn calendar(&self, py: Python<'_>, start: &str, end: &str) -> PyResult<Value> {
        let doc = Arc::clone(&self.inner);
        let (from, to) = (date_arg(py, "start", start)?, date_arg(py, "end", end)?);
        let cal = run(py, move || schedule::calendar(&doc, from, to))?;
        Ok(Value::new(cal))
    }

    /// The management review slots (9.3) from `start` to `end` at the
    /// configured cadence, pulled ahead of external audits, with the planned
    /// review filling each and its status as of `start`.
    fn management_review_plan<'py>(&self, py: Python<'py>, start: &str, end: &str) -> PyResult<Bound<'py, PyAny>> {
        let doc = Arc::clone(&self.inner);
        let (from, to) = (date_arg(py, "start", start)?, date_arg(py, "end", end)?);
        let slots = py.detach(move || schedule::management_review_plan(&doc, from, to));
        to_py(py, &slots)
    }

    /// The certification cycle (milestones, certificate state) as of `as_of`.
    fn certification_cycle(&self, py: Python<'_>, as_of: &str) -> PyResult<Value> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        let cycle = py.detach(move || schedule::certification_cycle(&doc, as_of));
        Ok(Value::new(cycle))
    }

    /// The nonconformity report (states, deadlines, overdue) as of `as_of`.
    fn nc_report(&self, py: Python<'_>, as_of: &str) -> PyResult<Value> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        let report = py.detach(move || nc::report(&doc, as_of));
        Ok(Value::new(report))
    }

    /// Applies a nonconformity lifecycle action (a dict shaped like
    /// `NcAction`, e.g. `{"action": "close", "on": ..., "by": ...}`) and
    /// returns the new document; this one is unchanged. Raises
    /// `isms.TransitionError`, `isms.NotFoundError` or `isms.ValidationError`.
    fn nc_transition(&self, py: Python<'_>, nc_id: &str, action: &Bound<'_, PyAny>) -> PyResult<Self> {
        let action: nc::NcAction = from_py(action).map_err(|e| crate::errors::to_py_err(py, &e))?;
        let (doc, id) = (Arc::clone(&self.inner), nc_id.to_owned());
        let new = run(py, move || nc::apply(&doc, &id, &action))?;
        Ok(Self { inner: Arc::new(new) })
    }

    /// The risk register (the core's `risk::register`: owner and acceptor
    /// names, controls relied upon) rendered as `csv` or `md`, from an
    /// assessment of this document (`assess`).
    fn risk_register_text(&self, py: Python<'_>, assessment: &Value, format: &str) -> PyResult<String> {
        let Some(a) = assessment.get::<risk::Assessment>() else {
            return Err(arg_err(py, "assessment", "expected the result of Document.assess"));
        };
        if a.risks.len() != self.inner.risks.len() || a.risks.iter().zip(&self.inner.risks).any(|(x, r)| x.id != r.id) {
            return Err(arg_err(py, "assessment", "the assessment is of another document"));
        }
        let reg = risk::register::register_from(&self.inner, a);
        match format {
            "csv" => Ok(reg.to_csv()),
            "md" => Ok(reg.to_markdown()),
            other => Err(arg_err(py, "format", format!("expected `csv` or `md`, got `{other}`"))),
        }
    }

    /// Open FAIR simulation of the document's quantified risks (those with a
    /// `fair` model), or of the one risk `risk`: per risk before and after
    /// its treatments' `fair_effects`, ROSI, and the portfolio. `options` is
    /// shaped like `SimulationOptions`.
    #[pyo3(signature = (options, risk=None))]
    fn simulate(&self, py: Python<'_>, options: &Bound<'_, PyAny>, risk: Option<String>) -> PyResult<Value> {
        let options: SimulationOptions = from_py(options).map_err(|e| crate::errors::to_py_err(py, &e))?;
        let doc = Arc::clone(&self.inner);
        let sim = run(py, move || quant::simulate_document(&doc, risk.as_deref(), &options))?;
        Ok(Value::new(sim))
    }

    /// What changed between this document's Statement of Applicability and
    /// `newer`'s, control by control (the documents' own entries).
    fn soa_diff(&self, py: Python<'_>, newer: &Document) -> Value {
        let (old, new) = (Arc::clone(&self.inner), Arc::clone(&newer.inner));
        Value::new(py.detach(move || soa::diff(&old.soa, &new.soa)))
    }

    /// The 17 checklist steps towards certification as of `as_of`: status,
    /// blockers, dependencies, dates. Raises `isms.ValidationError` for an
    /// invalid document.
    fn roadmap(&self, py: Python<'_>, as_of: &str) -> PyResult<Value> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        let road = run(py, move || roadmap::roadmap(&doc, as_of))?;
        Ok(Value::new(road))
    }

    /// The internal audit programme as of `as_of`: coverage of clauses and
    /// applicable controls, independence conflicts, proposed audits.
    /// `options` is shaped like `ProgrammeOptions`.
    fn audit_programme(&self, py: Python<'_>, as_of: &str, options: &Bound<'_, PyAny>) -> PyResult<Value> {
        let options: schedule::ProgrammeOptions = from_py(options).map_err(|e| crate::errors::to_py_err(py, &e))?;
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        Ok(Value::new(py.detach(move || schedule::audit_programme(&doc, as_of, &options))))
    }

    /// The initial certification audit time (ISO/IEC 27006-1 Annex C) as of
    /// `as_of`. `factors` is shaped like `DurationFactors`.
    fn audit_duration(&self, py: Python<'_>, as_of: &str, factors: &Bound<'_, PyAny>) -> PyResult<Value> {
        let factors: schedule::DurationFactors = from_py(factors).map_err(|e| crate::errors::to_py_err(py, &e))?;
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        Ok(Value::new(run(py, move || schedule::audit_duration(&doc, as_of, &factors))?))
    }

    /// `assess` as JSON text (for the benchmark of the two output paths).
    fn _assess_json(&self, py: Python<'_>, as_of: &str) -> PyResult<String> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        run(py, move || risk::assess(&doc, as_of).map(|a| json::to_json(&a)))
    }

    /// Median wall time in seconds of `runs` calls of the core operation `op`
    /// on this document, measured inside Rust with no conversion (for the
    /// binding-overhead benchmark). `op`: `validate`, `assess`, `evaluate`.
    fn _time_core(&self, py: Python<'_>, op: &str, as_of: &str, runs: usize) -> PyResult<f64> {
        let (doc, as_of) = (Arc::clone(&self.inner), date_arg(py, "as_of", as_of)?);
        let op = op.to_owned();
        run(py, move || {
            let mut times = Vec::with_capacity(runs.max(1));
            for _ in 0..runs.max(1) {
                let t = std::time::Instant::now();
                match op.as_str() {
                    "validate" => drop(std::hint::black_box(validate::validate(&doc))),
                    "assess" => drop(std::hint::black_box(risk::assess(&doc, as_of)?)),
                    "evaluate" => drop(std::hint::black_box(evaluate::evaluate(&doc, as_of)?)),
                    other => return Err(Error::invalid_argument("op", format!("unknown operation `{other}`"))),
                }
                times.push(t.elapsed().as_secs_f64());
            }
            times.sort_by(f64::total_cmp);
            Ok(times[times.len() / 2])
        })
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Document>().is_ok_and(|o| *o.get().inner == *self.inner)
    }

    fn __repr__(&self) -> String {
        format!("<isms._native.Document organization={:?}>", self.inner.organization.name)
    }
}

/// Parses JSON text into Python objects with the core's parser (for tests and
/// benchmarks of the conversion paths).
#[pyfunction]
pub fn parse_json<'py>(py: Python<'py>, text: String) -> PyResult<Bound<'py, PyAny>> {
    let value = run(py, move || json::from_json::<serde_json::Value>(&text))?;
    to_py(py, &value)
}

/// Parses a `YYYY-MM-DD` argument (the Python layer converts `datetime.date`).
pub fn date_arg(py: Python<'_>, name: &str, value: &str) -> PyResult<Date> {
    value.parse::<Date>().map_err(|e| {
        crate::errors::to_py_err(
            py,
            &Error::invalid_argument(name, format!("expected a date YYYY-MM-DD, got {value:?}: {e}")),
        )
    })
}

fn arg_err(py: Python<'_>, path: &str, message: impl Into<String>) -> PyErr {
    crate::errors::to_py_err(py, &Error::invalid_argument(path, message))
}
