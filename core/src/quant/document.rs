//! Open FAIR simulation of the risks in a document: each risk's `fair`
//! model before treatment, the residual model after the `fair_effects` of
//! its treatments, and return on security investment (ROSI).
//!
//! Seeds: every risk's stream is derived from the caller's seed and the
//! risk id ([`super::risk_seed`]), so a risk's numbers do not depend on which
//! other risks are simulated with it, and residual runs use the same streams
//! as inherent ones (common random numbers: the difference is the control
//! effect, not noise).
use super::{ControlEffect, FairModel, PortfolioResult, RosiResult, SimulationOptions, SimulationResult};
use crate::model::Document;
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One risk's simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RiskSimulation {
    /// Risk id.
    pub id: String,
    /// Risk title.
    pub title: String,
    /// Annual loss before treatment.
    pub inherent: SimulationResult,
    /// Annual loss after the treatments' control effects (when any are given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<SimulationResult>,
    /// Return on security investment of those controls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rosi: Option<RosiResult>,
}

/// The simulation of a document's quantified risks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentSimulation {
    /// Options used.
    pub options: SimulationOptions,
    /// Per risk, in register order (only risks with a `fair` model).
    pub risks: Vec<RiskSimulation>,
    /// Portfolio before treatment (per-year sums over all simulated risks);
    /// absent when only one risk was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<PortfolioResult>,
    /// Portfolio after treatment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_portfolio: Option<PortfolioResult>,
}

/// The control effects of every risk's treatments, in treatment order,
/// indexed by risk id: one pass over the treatments, not one per risk.
fn effects_by_risk(doc: &Document) -> HashMap<&str, Vec<ControlEffect>> {
    let mut by_risk: HashMap<&str, Vec<ControlEffect>> = HashMap::new();
    for t in &doc.treatments {
        by_risk.entry(t.risk.as_str()).or_default().extend(t.fair_effects.iter().cloned());
    }
    by_risk
}

/// One chosen risk, with its models ready before anything is simulated.
struct Planned<'a> {
    risk: &'a crate::model::Risk,
    model: &'a FairModel,
    /// The residual model and the controls' summed cost, when the risk's
    /// treatments have control effects.
    after: Option<(FairModel, f64)>,
}

/// Expected work of the whole call (see [`super::sim::expected_work`]):
/// per risk the inherent run, and with controls the residual run and the
/// two runs of the comparison; then both portfolios.
fn planned_work(plan: &[Planned<'_>], trials: u64, portfolios: bool) -> f64 {
    let w = |m: &FairModel| super::sim::expected_work(m, trials);
    let mut total = 0.0;
    let mut residual_portfolio = 0.0;
    for p in plan {
        total += w(p.model);
        match &p.after {
            Some((after, _)) => {
                total += w(after) + w(p.model) + w(after);
                residual_portfolio += w(after);
            }
            None => residual_portfolio += w(p.model),
        }
    }
    if portfolios && !plan.is_empty() {
        let inherent_portfolio: f64 = plan.iter().map(|p| w(p.model)).sum();
        total += inherent_portfolio.max(trials as f64) + residual_portfolio.max(trials as f64);
    }
    total
}

/// Simulates the quantified risks of `doc` (all of them, or only `risk`).
/// Errors: `not_found` for an unknown risk or one without a `fair` model;
/// `invalid_argument` for a model or effect that cannot be simulated (with
/// its JSON path); `limit_exceeded` when the expected work of the whole
/// call (every risk, residual, comparison and portfolio) exceeds
/// `options.max_work`, checked before any simulation starts.
pub fn simulate_document(
    doc: &Document,
    risk: Option<&str>,
    options: &SimulationOptions,
) -> Result<DocumentSimulation> {
    options.validate()?;
    let chosen: Vec<(usize, &crate::model::Risk)> = match risk {
        Some(id) => {
            let found = doc.risks.iter().enumerate().find(|(_, r)| r.id == id);
            match found {
                Some((i, r)) if r.fair.is_some() => vec![(i, r)],
                _ => return Err(Error::NotFound { kind: "risk with a `fair` model".into(), id: id.into() }),
            }
        }
        None => doc.risks.iter().enumerate().filter(|(_, r)| r.fair.is_some()).collect(),
    };
    let effects = effects_by_risk(doc);
    let mut plan = Vec::with_capacity(chosen.len());
    for (i, r) in chosen {
        let Some(model) = &r.fair else { continue };
        model.validate(&format!("$.risks[{i}].fair"))?;
        let after = match effects.get(r.id.as_str()).filter(|e| !e.is_empty()) {
            None => None,
            Some(effects) => {
                let after = model.with_controls(effects).map_err(|e| match e {
                    Error::InvalidArgument { path: p, message } => Error::InvalidArgument {
                        path: format!("$.treatments (fair_effects of risk {}): {p}", r.id),
                        message,
                    },
                    other => other,
                })?;
                Some((after, effects.iter().map(|e| e.annual_cost).sum::<f64>()))
            }
        };
        plan.push(Planned { risk: r, model, after });
    }
    let portfolios = risk.is_none();
    super::sim::check_work(planned_work(&plan, options.trials, portfolios), options, "options.max_work")?;
    // Each run below checks its own share again, which the total bounds: the
    // only refusal left is a single heavy-tailed year (see `run_chunk`).
    let mut risks = Vec::with_capacity(plan.len());
    for p in &plan {
        let opts = SimulationOptions { seed: super::risk_seed(options.seed, &p.risk.id), ..options.clone() };
        let inherent = super::simulate(p.model, &opts)?;
        let (residual, rosi) = match &p.after {
            None => (None, None),
            Some((after, cost)) => {
                (Some(super::simulate(after, &opts)?), Some(super::compare(p.model, after, *cost, &opts)?))
            }
        };
        risks.push(RiskSimulation { id: p.risk.id.clone(), title: p.risk.title.clone(), inherent, residual, rosi });
    }
    let (portfolio, residual_portfolio) = if portfolios && !plan.is_empty() {
        let refs: Vec<(&str, &FairModel)> = plan.iter().map(|p| (p.risk.id.as_str(), p.model)).collect();
        let after: Vec<(&str, &FairModel)> =
            plan.iter().map(|p| (p.risk.id.as_str(), p.after.as_ref().map_or(p.model, |(a, _)| a))).collect();
        (Some(super::simulate_portfolio(&refs, options)?), Some(super::simulate_portfolio(&after, options)?))
    } else {
        (None, None)
    };
    Ok(DocumentSimulation { options: options.clone(), risks, portfolio, residual_portfolio })
}
