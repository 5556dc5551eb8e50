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

/// The control effects of all treatments of `risk`.
fn effects(doc: &Document, risk: &str) -> Vec<ControlEffect> {
    doc.treatments.iter().filter(|t| t.risk == risk).flat_map(|t| t.fair_effects.iter().cloned()).collect()
}

/// Simulates the quantified risks of `doc` (all of them, or only `risk`).
/// Errors: `not_found` for an unknown risk or one without a `fair` model;
/// `invalid_argument` for a model or effect that cannot be simulated (with
/// its JSON path); `limit_exceeded` past `options.max_work`.
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
    let mut inherent_models: Vec<(&str, FairModel)> = Vec::new();
    let mut residual_models: Vec<(&str, FairModel)> = Vec::new();
    let mut risks = Vec::new();
    for (i, r) in chosen {
        let Some(model) = &r.fair else { continue };
        let path = format!("$.risks[{i}].fair");
        model.validate(&path)?;
        let effects = effects(doc, &r.id);
        let opts = SimulationOptions { seed: super::risk_seed(options.seed, &r.id), ..options.clone() };
        let inherent = super::simulate(model, &opts)?;
        let (residual, rosi) = if effects.is_empty() {
            (None, None)
        } else {
            let after = model.with_controls(&effects).map_err(|e| match e {
                Error::InvalidArgument { path: p, message } => Error::InvalidArgument {
                    path: format!("$.treatments (fair_effects of risk {}): {p}", r.id),
                    message,
                },
                other => other,
            })?;
            let cost: f64 = effects.iter().map(|e| e.annual_cost).sum();
            let residual = super::simulate(&after, &opts)?;
            let rosi = super::compare(model, &after, cost, &opts)?;
            residual_models.push((r.id.as_str(), after));
            (Some(residual), Some(rosi))
        };
        if effects.is_empty() {
            residual_models.push((r.id.as_str(), model.clone()));
        }
        inherent_models.push((r.id.as_str(), model.clone()));
        risks.push(RiskSimulation { id: r.id.clone(), title: r.title.clone(), inherent, residual, rosi });
    }
    let (portfolio, residual_portfolio) = if risk.is_none() && !inherent_models.is_empty() {
        let refs: Vec<(&str, &FairModel)> = inherent_models.iter().map(|(id, m)| (*id, m)).collect();
        let after: Vec<(&str, &FairModel)> = residual_models.iter().map(|(id, m)| (*id, m)).collect();
        (Some(super::simulate_portfolio(&refs, options)?), Some(super::simulate_portfolio(&after, options)?))
    } else {
        (None, None)
    };
    Ok(DocumentSimulation { options: options.clone(), risks, portfolio, residual_portfolio })
}
