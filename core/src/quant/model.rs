//! The model types: distributions, the FAIR model, control effects, options
//! and results, with their validation.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Default PERT shape γ.
pub const DEFAULT_PERT_SHAPE: f64 = 4.0;

/// A probability distribution of one FAIR factor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    /// Beta-PERT on `[min, max]` with most likely value `mode` (Vose form,
    /// see the module documentation).
    Pert {
        /// Lowest plausible value.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Highest plausible value.
        max: f64,
        /// Shape γ (weight of the mode); default 4.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        shape: Option<f64>,
    },
    /// Lognormal fitted to a 90% confidence interval: 5% of values are below
    /// `p05` and 5% above `p95`.
    Lognormal {
        /// 5th percentile (> 0).
        p05: f64,
        /// 95th percentile (> `p05`).
        p95: f64,
    },
    /// Uniform on `[min, max]`.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// A known value.
    Constant {
        /// The value.
        value: f64,
    },
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::invalid_argument(path, message)
}

fn finite(path: &str, field: &str, v: f64) -> Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(invalid(format!("{path}.{field}"), format!("must be a finite number, got {v}")))
    }
}

impl Distribution {
    /// The analytic mean.
    pub fn mean(&self) -> f64 {
        match *self {
            Distribution::Pert { min, mode, max, shape } => {
                let g = shape.unwrap_or(DEFAULT_PERT_SHAPE);
                (min + g * mode + max) / (g + 2.0)
            }
            Distribution::Lognormal { p05, p95 } => {
                let (l5, l95) = (libm::log(p05), libm::log(p95));
                let sigma = (l95 - l5) / (2.0 * super::sample::Z95);
                libm::exp(0.5 * (l5 + l95) + 0.5 * sigma * sigma)
            }
            Distribution::Uniform { min, max } => 0.5 * (min + max),
            Distribution::Constant { value } => value,
        }
    }

    /// Smallest and largest possible values (`+inf` for the lognormal).
    pub fn support(&self) -> (f64, f64) {
        match *self {
            Distribution::Pert { min, max, .. } | Distribution::Uniform { min, max } => (min, max),
            Distribution::Lognormal { .. } => (0.0, f64::INFINITY),
            Distribution::Constant { value } => (value, value),
        }
    }

    /// Checks the parameters: finite numbers, `min ≤ mode ≤ max`,
    /// `0 < p05 < p95`, PERT shape ≥ 0. `path` is the JSON-ish path of this
    /// distribution, used in the error (e.g. `fair.primary_loss`).
    pub fn validate(&self, path: &str) -> Result<()> {
        match *self {
            Distribution::Pert { min, mode, max, shape } => {
                finite(path, "min", min)?;
                finite(path, "mode", mode)?;
                finite(path, "max", max)?;
                if min > max {
                    return Err(invalid(format!("{path}.max"), format!("max ({max}) is below min ({min})")));
                }
                if mode < min || mode > max {
                    return Err(invalid(format!("{path}.mode"), format!("mode ({mode}) is outside [{min}, {max}]")));
                }
                if !(max - min).is_finite() {
                    return Err(invalid(format!("{path}.max"), "the range max − min overflows"));
                }
                if let Some(g) = shape {
                    finite(path, "shape", g)?;
                    if g < 0.0 {
                        return Err(invalid(format!("{path}.shape"), format!("shape must be ≥ 0, got {g}")));
                    }
                }
                Ok(())
            }
            Distribution::Lognormal { p05, p95 } => {
                finite(path, "p05", p05)?;
                finite(path, "p95", p95)?;
                if p05 <= 0.0 {
                    return Err(invalid(format!("{path}.p05"), format!("p05 must be > 0, got {p05}")));
                }
                if p95 <= p05 {
                    return Err(invalid(format!("{path}.p95"), format!("p95 ({p95}) must be above p05 ({p05})")));
                }
                Ok(())
            }
            Distribution::Uniform { min, max } => {
                finite(path, "min", min)?;
                finite(path, "max", max)?;
                if min > max {
                    return Err(invalid(format!("{path}.max"), format!("max ({max}) is below min ({min})")));
                }
                if !(max - min).is_finite() {
                    return Err(invalid(format!("{path}.max"), "the range max − min overflows"));
                }
                Ok(())
            }
            Distribution::Constant { value } => finite(path, "value", value),
        }
    }

    /// [`validate`](Self::validate), and all values are ≥ 0 (frequencies,
    /// magnitudes).
    pub fn validate_non_negative(&self, path: &str) -> Result<()> {
        self.validate(path)?;
        let (lo, _) = self.support();
        if lo < 0.0 {
            return Err(invalid(format!("{path}.{}", self.lower_field()), format!("must be ≥ 0, got {lo}")));
        }
        Ok(())
    }

    /// [`validate`](Self::validate), and all values are in `[0, 1]`
    /// (probabilities; a lognormal is refused since it is unbounded).
    pub fn validate_probability(&self, path: &str) -> Result<()> {
        self.validate(path)?;
        if matches!(self, Distribution::Lognormal { .. }) {
            return Err(invalid(
                format!("{path}.kind"),
                "a probability cannot be lognormal (unbounded); use pert, uniform or constant",
            ));
        }
        let (lo, hi) = self.support();
        if lo < 0.0 {
            return Err(invalid(
                format!("{path}.{}", self.lower_field()),
                format!("a probability must be ≥ 0, got {lo}"),
            ));
        }
        if hi > 1.0 {
            return Err(invalid(
                format!("{path}.{}", self.upper_field()),
                format!("a probability must be ≤ 1, got {hi}"),
            ));
        }
        Ok(())
    }

    fn lower_field(&self) -> &'static str {
        match self {
            Distribution::Pert { .. } | Distribution::Uniform { .. } => "min",
            Distribution::Lognormal { .. } => "p05",
            Distribution::Constant { .. } => "value",
        }
    }

    fn upper_field(&self) -> &'static str {
        match self {
            Distribution::Pert { .. } | Distribution::Uniform { .. } => "max",
            Distribution::Lognormal { .. } => "p95",
            Distribution::Constant { .. } => "value",
        }
    }

    /// The distribution of `factor × X` (`factor` ≥ 0; 0 gives the constant 0).
    pub fn scaled(&self, factor: f64) -> Distribution {
        if factor == 0.0 {
            return Distribution::Constant { value: 0.0 };
        }
        match *self {
            Distribution::Pert { min, mode, max, shape } => {
                Distribution::Pert { min: min * factor, mode: mode * factor, max: max * factor, shape }
            }
            Distribution::Lognormal { p05, p95 } => Distribution::Lognormal { p05: p05 * factor, p95: p95 * factor },
            Distribution::Uniform { min, max } => Distribution::Uniform { min: min * factor, max: max * factor },
            Distribution::Constant { value } => Distribution::Constant { value: value * factor },
        }
    }
}

/// How often threat or loss events happen (events per year).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Frequency {
    /// Threat event frequency (TEF) given directly.
    Tef {
        /// Threat events per year.
        threat_event_frequency: Distribution,
    },
    /// TEF = contact frequency × probability of action (O-RT).
    Contact {
        /// Contacts per year.
        contact_frequency: Distribution,
        /// Probability (0..1) that a contact becomes a threat event.
        probability_of_action: Distribution,
    },
    /// Loss event frequency (LEF) given directly; the model then has no
    /// vulnerability.
    Lef {
        /// Loss events per year.
        loss_event_frequency: Distribution,
    },
}

/// The probability that a threat event becomes a loss event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Vulnerability {
    /// Vulnerability as a probability (0..1), drawn once per simulated year.
    Probability {
        /// The probability distribution.
        probability: Distribution,
    },
    /// Vulnerability = P(TCap > RS), decided per threat event by drawing both.
    CapabilityVsResistance {
        /// Threat capability (TCap), e.g. on a 0–100 percentile scale.
        threat_capability: Distribution,
        /// Resistance strength (RS, "control strength"), same scale.
        resistance_strength: Distribution,
    },
}

/// A secondary loss type (fines, notification, reputation...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SecondaryLoss {
    /// Optional label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Secondary loss event frequency (SLEF): probability (0..1) that a
    /// primary loss event also causes this loss; drawn once per year.
    pub frequency: Distribution,
    /// Secondary loss event magnitude (SLEM), drawn per occurrence.
    pub magnitude: Distribution,
}

/// An Open FAIR model of one risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FairModel {
    /// Threat event or loss event frequency.
    pub frequency: Frequency,
    /// Vulnerability; absent means every threat event is a loss event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability: Option<Vulnerability>,
    /// Primary loss magnitude per loss event.
    pub primary_loss: Distribution,
    /// Secondary loss types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secondary: Vec<SecondaryLoss>,
}

impl FairModel {
    /// The classical ALE model (ARO loss events per year, each costing
    /// SLE = asset value × exposure factor) as a FAIR model; its mean annual
    /// loss is `ALE = SLE × ARO`.
    pub fn classical_ale(aro: f64, asset_value: f64, exposure_factor: f64) -> FairModel {
        FairModel {
            frequency: Frequency::Lef { loss_event_frequency: Distribution::Constant { value: aro } },
            vulnerability: None,
            primary_loss: Distribution::Constant { value: asset_value * exposure_factor },
            secondary: Vec::new(),
        }
    }

    /// Checks every distribution; `path` prefixes error paths (e.g. `fair`).
    pub fn validate(&self, path: &str) -> Result<()> {
        match &self.frequency {
            Frequency::Tef { threat_event_frequency } => {
                threat_event_frequency.validate_non_negative(&format!("{path}.frequency.threat_event_frequency"))?
            }
            Frequency::Contact { contact_frequency, probability_of_action } => {
                contact_frequency.validate_non_negative(&format!("{path}.frequency.contact_frequency"))?;
                probability_of_action.validate_probability(&format!("{path}.frequency.probability_of_action"))?;
            }
            Frequency::Lef { loss_event_frequency } => {
                loss_event_frequency.validate_non_negative(&format!("{path}.frequency.loss_event_frequency"))?;
                if self.vulnerability.is_some() {
                    return Err(invalid(
                        format!("{path}.vulnerability"),
                        "a model with a loss event frequency (kind `lef`) has no vulnerability",
                    ));
                }
            }
        }
        match &self.vulnerability {
            None => {}
            Some(Vulnerability::Probability { probability }) => {
                probability.validate_probability(&format!("{path}.vulnerability.probability"))?
            }
            Some(Vulnerability::CapabilityVsResistance { threat_capability, resistance_strength }) => {
                threat_capability.validate(&format!("{path}.vulnerability.threat_capability"))?;
                resistance_strength.validate(&format!("{path}.vulnerability.resistance_strength"))?;
            }
        }
        self.primary_loss.validate_non_negative(&format!("{path}.primary_loss"))?;
        for (i, s) in self.secondary.iter().enumerate() {
            s.frequency.validate_probability(&format!("{path}.secondary[{i}].frequency"))?;
            s.magnitude.validate_non_negative(&format!("{path}.secondary[{i}].magnitude"))?;
        }
        Ok(())
    }

    /// Mean number of events simulated per year: threat events for the
    /// TCap-vs-RS form, loss events otherwise.
    pub(crate) fn mean_simulated_events(&self) -> f64 {
        let f = match &self.frequency {
            Frequency::Tef { threat_event_frequency } => threat_event_frequency.mean(),
            Frequency::Contact { contact_frequency, probability_of_action } => {
                contact_frequency.mean() * probability_of_action.mean()
            }
            Frequency::Lef { loss_event_frequency } => loss_event_frequency.mean(),
        };
        match &self.vulnerability {
            Some(Vulnerability::Probability { probability }) => f * probability.mean(),
            _ => f,
        }
    }

    /// The analytic mean annual loss `E[LEF]·(E[PL] + Σ E[SLEF]·E[SLEM])`,
    /// exact under this module's semantics; `None` for the TCap-vs-RS form
    /// (P(TCap > RS) has no closed form in general).
    pub fn analytic_mean(&self) -> Option<f64> {
        if matches!(self.vulnerability, Some(Vulnerability::CapabilityVsResistance { .. })) {
            return None;
        }
        let lm = self.primary_loss.mean()
            + self.secondary.iter().map(|s| s.frequency.mean() * s.magnitude.mean()).sum::<f64>();
        Some(self.mean_simulated_events() * lm)
    }

    /// The residual model after `controls` (see [`ControlEffect`]). Fails on
    /// a reduction outside `[0, 1]` or a bad cost.
    pub fn with_controls(&self, controls: &[ControlEffect]) -> Result<FairModel> {
        let (mut tef, mut vuln, mut pl, mut sl) = (1.0, 1.0, 1.0, 1.0);
        for (i, c) in controls.iter().enumerate() {
            c.validate(&format!("controls[{i}]"))?;
            tef *= 1.0 - c.tef_reduction.unwrap_or(0.0);
            vuln *= 1.0 - c.vulnerability_reduction.unwrap_or(0.0);
            pl *= 1.0 - c.primary_loss_reduction.unwrap_or(0.0);
            sl *= 1.0 - c.secondary_loss_reduction.unwrap_or(0.0);
        }
        let mut m = self.clone();
        // A vulnerability given as a probability is scaled itself; otherwise
        // (TCap vs RS, no vulnerability, or LEF given) the reduction thins the
        // events, which is equivalent in distribution: thinning a Poisson(λ)
        // count independently with probability (1 − r) gives Poisson((1 − r)λ).
        let freq_factor = match &mut m.vulnerability {
            Some(Vulnerability::Probability { probability }) => {
                *probability = probability.scaled(vuln);
                tef
            }
            _ => tef * vuln,
        };
        match &mut m.frequency {
            Frequency::Tef { threat_event_frequency: d }
            | Frequency::Contact { contact_frequency: d, .. }
            | Frequency::Lef { loss_event_frequency: d } => *d = d.scaled(freq_factor),
        }
        m.primary_loss = m.primary_loss.scaled(pl);
        for s in &mut m.secondary {
            s.magnitude = s.magnitude.scaled(sl);
        }
        Ok(m)
    }
}

/// The effect of a control (or treatment) on a FAIR model: fractional
/// reductions (0..1) of its factors, and what it costs per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlEffect {
    /// Name of the control (e.g. `A.8.7`).
    pub name: String,
    /// Fraction by which threat event frequency falls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tef_reduction: Option<f64>,
    /// Fraction by which vulnerability falls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability_reduction: Option<f64>,
    /// Fraction by which primary loss magnitude falls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_loss_reduction: Option<f64>,
    /// Fraction by which secondary loss magnitudes fall.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_loss_reduction: Option<f64>,
    /// Annual cost of the control (≥ 0).
    #[serde(default)]
    pub annual_cost: f64,
}

impl ControlEffect {
    /// Checks that reductions are in `[0, 1]` and the cost is finite and ≥ 0.
    pub fn validate(&self, path: &str) -> Result<()> {
        for (field, v) in [
            ("tef_reduction", self.tef_reduction),
            ("vulnerability_reduction", self.vulnerability_reduction),
            ("primary_loss_reduction", self.primary_loss_reduction),
            ("secondary_loss_reduction", self.secondary_loss_reduction),
        ] {
            if v.is_some_and(|v| !(0.0..=1.0).contains(&v)) {
                let v = v.unwrap_or_default();
                return Err(invalid(
                    format!("{path}.{field}"),
                    format!("a reduction is a fraction in [0, 1], got {v}"),
                ));
            }
        }
        if !self.annual_cost.is_finite() || self.annual_cost < 0.0 {
            return Err(invalid(
                format!("{path}.annual_cost"),
                format!("must be finite and ≥ 0, got {}", self.annual_cost),
            ));
        }
        Ok(())
    }
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
    /// Loss exceedance curve: `lec_points` points at evenly spaced quantile
    /// levels 0, 1/(n−1), ..., 1.
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
