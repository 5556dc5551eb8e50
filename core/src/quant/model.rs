//! The simulation's options and results, with their validation. The model
//! inputs (distributions, FAIR model, control effects) live in
//! [`crate::model`], since documents carry them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

fn invalid(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::invalid_argument(path, message)
}

fn default_trials() -> u64 {
    10_000
}
fn default_lec_points() -> usize {
    101
}
fn default_max_work() -> u64 {
    DEFAULT_MAX_WORK
}

/// Default work limit: 2·10⁸ units (a unit is one simulated year or one
/// simulated event, times 1 + the model's number of secondary loss types).
pub const DEFAULT_MAX_WORK: u64 = 200_000_000;

/// Largest accepted `trials`: each run holds its annual losses in memory
/// (8 bytes a trial; a comparison or portfolio two or three such vectors),
/// so 10⁸ trials is already 0.8–2.4 GB whatever `max_work` allows.
pub const MAX_TRIALS: u64 = 100_000_000;

/// Largest accepted `lec_points`.
pub const MAX_LEC_POINTS: usize = 100_001;

/// Options of a Monte Carlo simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulationOptions {
    /// Simulated years (default 10 000).
    #[serde(default = "default_trials")]
    pub trials: u64,
    /// Seed: the same seed gives the same result everywhere.
    #[serde(default)]
    pub seed: u64,
    /// Loss tolerance: if set, the result reports P(annual loss > tolerance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
    /// Number of points of the loss exceedance curve (default 101; 0 = none).
    #[serde(default = "default_lec_points")]
    pub lec_points: usize,
    /// Return every simulated annual loss (default false).
    #[serde(default)]
    pub keep_samples: bool,
    /// Work limit of the whole call, checked before it starts: simulated
    /// years plus expected simulated events, each times 1 + the model's
    /// secondary loss types, summed over every run of the call (each risk,
    /// residual, comparison and portfolio; default 2·10⁸). Memory is 8 bytes
    /// per trial.
    #[serde(default = "default_max_work")]
    pub max_work: u64,
}

impl Default for SimulationOptions {
    fn default() -> Self {
        Self {
            trials: default_trials(),
            seed: 0,
            tolerance: None,
            lec_points: default_lec_points(),
            keep_samples: false,
            max_work: DEFAULT_MAX_WORK,
        }
    }
}

impl SimulationOptions {
    /// Checks the options (paths start with `options.`).
    pub fn validate(&self) -> Result<()> {
        if self.trials == 0 {
            return Err(invalid("options.trials", "at least one trial is needed"));
        }
        if self.trials > MAX_TRIALS {
            return Err(Error::LimitExceeded {
                path: "options.trials".into(),
                message: format!(
                    "{} trials requested, at most {MAX_TRIALS} are accepted (8 bytes of memory each)",
                    self.trials
                ),
            });
        }
        if self.trials > self.max_work {
            return Err(Error::LimitExceeded {
                path: "options.trials".into(),
                message: format!("{} trials requested, options.max_work allows {}", self.trials, self.max_work),
            });
        }
        if let Some(t) = self.tolerance.filter(|t| !t.is_finite() || *t < 0.0) {
            return Err(invalid("options.tolerance", format!("must be finite and ≥ 0, got {t}")));
        }
        if self.lec_points == 1 || self.lec_points > MAX_LEC_POINTS {
            return Err(invalid(
                "options.lec_points",
                format!("must be 0 or between 2 and {MAX_LEC_POINTS}, got {}", self.lec_points),
            ));
        }
        Ok(())
    }
}

/// Selected percentiles of simulated annual loss (linear interpolation
/// between order statistics).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Percentiles {
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile (the usual VaR).
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
}

/// One point of the loss exceedance curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LecPoint {
    /// Annual loss.
    pub loss: f64,
    /// Fraction of simulated years with a loss strictly greater than `loss`.
    pub probability: f64,
}

/// Summary of a simulation of annual loss.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulationResult {
    /// Simulated years.
    pub trials: u64,
    /// Seed used.
    pub seed: u64,
    /// Mean annual loss (annualized loss exposure).
    pub mean: f64,
    /// Standard deviation of annual loss.
    pub std_dev: f64,
    /// Smallest simulated annual loss.
    pub min: f64,
    /// Largest simulated annual loss.
    pub max: f64,
    /// Percentiles of annual loss.
    pub percentiles: Percentiles,
    /// Fraction of years with a loss > 0.
    pub prob_loss_positive: f64,
    /// Fraction of years with a loss > `options.tolerance`, if one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prob_exceeds_tolerance: Option<f64>,
    /// Loss exceedance curve: the losses at `lec_points` evenly spaced
    /// quantile levels 0, 1/(n−1), ..., 1, each loss once (levels that share
    /// a loss, such as the years without any, give one point), in increasing
    /// order of loss; so at most `lec_points` points.
    pub loss_exceedance: Vec<LecPoint>,
    /// Mean number of loss events per simulated year.
    pub mean_events_per_year: f64,
    /// Every simulated annual loss in trial order, if `keep_samples`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub samples: Option<Vec<f64>>,
}

/// One risk's share of a portfolio simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskContribution {
    /// Risk id.
    pub id: String,
    /// Mean annual loss of this risk.
    pub mean: f64,
    /// This risk's mean over the portfolio's mean (0 if that is 0).
    pub share_of_mean: f64,
    /// Standard deviation of this risk's annual loss.
    pub std_dev: f64,
    /// 95th percentile of this risk's annual loss.
    pub p95: f64,
    /// Fraction of years in which this risk caused a loss.
    pub prob_loss_positive: f64,
    /// Mean loss events per year of this risk.
    pub mean_events_per_year: f64,
}

/// Result of a portfolio simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioResult {
    /// Summary of the per-year sum over all risks.
    pub total: SimulationResult,
    /// Per-risk figures, in input order.
    pub per_risk: Vec<RiskContribution>,
}

/// Before/after comparison of a treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosiResult {
    /// Mean annual loss before.
    pub ale_before: f64,
    /// Mean annual loss after.
    pub ale_after: f64,
    /// `ale_before − ale_after`.
    pub reduction: f64,
    /// Monte Carlo standard error of `reduction` (from the paired,
    /// common-random-number differences).
    pub reduction_std_error: f64,
    /// Annual cost of the treatment.
    pub annual_cost: f64,
    /// Return on security investment `(reduction − cost)/cost`; absent when
    /// the cost is 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rosi: Option<f64>,
}
