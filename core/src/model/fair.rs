//! The Open FAIR inputs a document carries: distributions of the factors,
//! the FAIR model of a risk, and the effects of controls on it, with their
//! validation. They are part of the document (`risks[].fair`,
//! `risks[].fair_effects`); [`crate::quant`] simulates them.

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
                let sigma = (l95 - l5) / (2.0 * crate::quant::sample::Z95);
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
