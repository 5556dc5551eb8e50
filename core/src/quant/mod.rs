//! Quantitative risk analysis after Open FAIR: Monte Carlo simulation of
//! annual loss, portfolios, and return on security investment.
//!
//! # Standards
//!
//! The factor taxonomy follows The Open Group's Risk Taxonomy (O-RT) v3.0.1
//! (document C20B) and the method the Risk Analysis standard (O-RA) v2.0.1
//! (document C20A), both November 2021: loss event frequency
//! `LEF = TEF × Vuln`, `TEF = CF × PoA`, `Vuln = P(TCap > RS)` (O-RT v3 calls
//! it Resistance Strength; pyfair "Control Strength"), and loss magnitude
//! `LM = PL + Σ_k SLEF_k × SLEM_k`. The classical `ALE = SLE × ARO` is the
//! special case built by [`FairModel::classical_ale`].
//!
//! # Semantics of one simulated year (exact compounding)
//!
//! 1. Draw the per-year factors: TEF (or CF and PoA, or LEF), the
//!    vulnerability when it is a probability, and each secondary loss event
//!    frequency SLEF_k. This is parameter uncertainty: one value per year.
//! 2. Draw the number of events `N ~ Poisson(λ)`, with λ = TEF × Vuln (loss
//!    events), or λ = TEF (threat events) for the TCap-vs-RS form, where each
//!    threat event draws TCap and RS and becomes a loss event only if
//!    `TCap > RS` (strictly, as the evaluator package does; pyfair uses `≥`).
//! 3. For each loss event draw its primary loss, and for each secondary loss
//!    type a Bernoulli(SLEF_k) occurrence and, if it occurs, its magnitude.
//! 4. The year's loss is the sum. This is *not* pyfair's shortcut of one LEF
//!    draw × one LM draw per year: a year can have zero, one or many events,
//!    each with its own magnitude, so `P(loss = 0)` and the tail are right.
//!
//! The mean is the same under both semantics; [`FairModel::analytic_mean`]
//! gives it.
//!
//! # PERT form
//!
//! [`Distribution::Pert`] uses the Vose form also used by `mc2d::rpert` (the
//! evaluator package): `α = 1 + γ(mode − min)/(max − min)`,
//! `β = 1 + γ(max − mode)/(max − min)`, γ = 4 by default. Its mean is
//! `(min + γ·mode + max)/(γ + 2)`, the same as pyfair's classic form, but
//! α, β ≥ 1 always, so the density is never U-shaped when the mode sits at an
//! end of the range (the classic form then gives α < 1) and the Gamma sampler
//! never needs its shape < 1 boost. The variance differs from pyfair's form.
//!
//! # Determinism
//!
//! Every trial-year `t` has two random streams, SplitMix64 sequences started
//! from `(seed, t)` ([`rng::trial_streams`]), one for the per-year factors
//! and one for the per-event draws. Results therefore do not
//! depend on the thread count, the chunking, or the `parallel` feature, and
//! two models simulated with the same seed share common random numbers year by
//! year and event by event (a treatment that rescales a factor changes each
//! year's loss monotonically while λ < 30). Per-chunk results are combined in
//! chunk order, so sums are bit-identical with or without parallelism.
//! Transcendental functions come from the pure-Rust `libm` crate, not from
//! the platform's C library, so results are also identical across platforms
//! (including wasm32); see [`sample`].
//!
//! # Samplers
//!
//! Beta by an exact strip-table rejection sampler built once per
//! distribution (`beta_table`, about 6 ns a draw), or for very peaked PERT
//! shapes by a pair of Marsaglia–Tsang Gammas; Poisson by counting
//! exponential arrivals below λ = 30 (no `exp`; monotone in λ for a fixed
//! stream) and by Hörmann's PTRS above; normals (lognormal, Gamma) and
//! exponentials by 256-layer ziggurats.
//!
//! # Limits
//!
//! Work is bounded by [`SimulationOptions::max_work`] (simulated years plus
//! expected simulated events, each times 1 + the secondary loss types),
//! estimated for the **whole call** (every risk, residual run, comparison and
//! portfolio of a document) before any simulation starts; beyond it the
//! functions return [`Error::LimitExceeded`](crate::Error::LimitExceeded) at
//! once. Losses whose mean, spread or maximum overflow 64-bit floating point
//! are an [`Error::InvalidArgument`](crate::Error::InvalidArgument) at the
//! model's path, never a `null` in the JSON output. Invalid inputs give
//! [`Error::InvalidArgument`](crate::Error::InvalidArgument) with a path such
//! as `fair.primary_loss.max` or `options.trials`. No input makes them panic.

pub(crate) mod beta_table;
pub mod document;
#[doc(hidden)]
pub mod floor;
pub mod model;
pub(crate) mod rng;
pub(crate) mod sample;
mod sim;
mod summary;
mod ziggurat;

pub use crate::model::{
    ControlEffect, DEFAULT_PERT_SHAPE, Distribution, FairModel, Frequency, SecondaryLoss, Vulnerability,
};
pub use document::{DocumentSimulation, RiskSimulation, simulate_document};
pub use model::{
    DEFAULT_MAX_WORK, LecPoint, MAX_LEC_POINTS, MAX_TRIALS, Percentiles, PortfolioResult, RiskContribution, RosiResult,
    SimulationOptions, SimulationResult,
};
pub use sim::{CHUNK, compare, risk_seed, rosi, simulate, simulate_portfolio};

#[cfg(test)]
mod tests;
