//! Samplers: Gamma (Marsaglia–Tsang), Beta (a table sampler for PERT
//! shapes, a Gamma pair otherwise), beta-PERT, lognormal, uniform, and
//! Poisson (inversion below λ = 30, PTRS above).
//!
//! All parameters that do not change between draws (PERT α and β, the
//! Marsaglia–Tsang constants, lognormal μ and σ) are computed once, when a
//! [`Distribution`] is compiled into a [`Sampler`].
//!
//! Transcendental functions (`ln`, `exp`, `pow`, `lgamma`) come from the
//! `libm` crate, a pure-Rust port of musl's libm, rather than from the
//! platform's C library: glibc, macOS and the wasm32 toolchains are not
//! guaranteed to round `ln`/`exp` identically in the last bit, whereas `libm`
//! computes the same IEEE-754 operations everywhere. `sqrt` and the basic
//! arithmetic operations are correctly rounded by IEEE-754 on every platform,
//! and Rust never fuses multiply-adds implicitly, so a seed gives the same
//! numbers on every platform.

use super::beta_table::BetaTable;
use super::rng::Random;
use crate::error::Result;
use crate::model::Distribution;

/// The 0.95 quantile of the standard normal distribution.
pub(crate) const Z95: f64 = 1.644_853_626_951_472_2;

/// Precomputed constants for a Gamma(shape, 1) draw.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Gamma {
    d: f64,
    c: f64,
    /// `1/shape` when shape < 1 (boosted: Gamma(shape+1)·U^(1/shape)).
    inv_shape: Option<f64>,
}

impl Gamma {
    /// Constants for shape `alpha` (> 0, finite; checked by the caller).
    pub(crate) fn new(alpha: f64) -> Self {
        let (a, inv_shape) = if alpha < 1.0 { (alpha + 1.0, Some(1.0 / alpha)) } else { (alpha, None) };
        let d = a - 1.0 / 3.0;
        Self { d, c: 1.0 / (9.0 * d).sqrt(), inv_shape }
    }

    /// One Gamma(shape, 1) deviate (Marsaglia & Tsang 2000).
    #[inline(always)]
    pub(crate) fn draw(&self, rng: &mut impl Random) -> f64 {
        let g = loop {
            let x = rng.normal();
            let v = 1.0 + self.c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = rng.uniform();
            let x2 = x * x;
            if u < 1.0 - 0.0331 * x2 * x2 {
                break self.d * v;
            }
            if libm::log(u) < 0.5 * x2 + self.d * (1.0 - v + libm::log(v)) {
                break self.d * v;
            }
        };
        match self.inv_shape {
            None => g,
            Some(inv) => g * libm::pow(rng.uniform_open(), inv),
        }
    }
}

/// Precomputed Beta(α, β) sampler: X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Beta {
    a: Gamma,
    b: Gamma,
    /// α/(α+β), used in the (underflow-only) degenerate case X+Y = 0.
    mean: f64,
}

impl Beta {
    /// Constants for Beta(`alpha`, `beta`), both > 0 and finite.
    pub(crate) fn new(alpha: f64, beta: f64) -> Self {
        Self { a: Gamma::new(alpha), b: Gamma::new(beta), mean: alpha / (alpha + beta) }
    }

    /// One Beta deviate on [0, 1].
    #[inline(always)]
    pub(crate) fn draw(&self, rng: &mut impl Random) -> f64 {
        let x = self.a.draw(rng);
        let y = self.b.draw(rng);
        let s = x + y;
        if s > 0.0 { x / s } else { self.mean }
    }
}

/// The beta-PERT shape parameters (Vose / `mc2d::rpert` form):
/// α = 1 + γ(mode − min)/(max − min), β = 1 + γ(max − mode)/(max − min).
pub(crate) fn pert_alpha_beta(min: f64, mode: f64, max: f64, gamma: f64) -> (f64, f64) {
    let w = max - min;
    (1.0 + gamma * (mode - min) / w, 1.0 + gamma * (max - mode) / w)
}

/// The Beta sampler of a beta-PERT: the exact strip table
/// ([`BetaTable`]) where it applies (every PERT except very peaked ones),
/// else the Gamma pair.
#[derive(Debug, Clone)]
pub(crate) enum PertBeta {
    /// Strip-table rejection sampler (about 5 ns a draw).
    Table(Box<BetaTable>),
    /// Two Gammas (about 40 ns a draw).
    Gammas(Beta),
}

impl PertBeta {
    /// The sampler for Beta(`alpha`, `beta`) (both > 0 and finite).
    pub(crate) fn new(alpha: f64, beta: f64) -> Self {
        match BetaTable::new(alpha, beta) {
            Some(t) => PertBeta::Table(Box::new(t)),
            None => PertBeta::Gammas(Beta::new(alpha, beta)),
        }
    }

    /// One Beta deviate on [0, 1].
    #[inline(always)]
    pub(crate) fn draw(&self, rng: &mut impl Random) -> f64 {
        match self {
            PertBeta::Table(t) => t.draw(rng),
            PertBeta::Gammas(g) => g.draw(rng),
        }
    }
}

/// A [`Distribution`] compiled for fast repeated draws.
#[derive(Debug, Clone)]
pub(crate) enum Sampler {
    /// Always the same value.
    Constant(f64),
    /// `lo + width·U`.
    Uniform {
        /// Lower bound.
        lo: f64,
        /// max − min.
        width: f64,
    },
    /// `lo + width·Beta(α, β)` (beta-PERT).
    Pert {
        /// Lower bound.
        lo: f64,
        /// max − min.
        width: f64,
        /// The Beta sampler.
        beta: PertBeta,
    },
    /// `exp(μ + σZ)`.
    Lognormal {
        /// Mean of the log.
        mu: f64,
        /// Standard deviation of the log.
        sigma: f64,
    },
}

impl Sampler {
    /// Validates `dist` (see [`Distribution::validate`]) and compiles it.
    pub(crate) fn new(dist: &Distribution, path: &str) -> Result<Self> {
        dist.validate(path)?;
        Ok(Self::compile(dist))
    }

    /// Compiles an already validated distribution.
    pub(crate) fn compile(dist: &Distribution) -> Self {
        match *dist {
            Distribution::Constant { value } => Sampler::Constant(value),
            Distribution::Uniform { min, max } => {
                if max > min {
                    Sampler::Uniform { lo: min, width: max - min }
                } else {
                    Sampler::Constant(min)
                }
            }
            Distribution::Pert { min, mode, max, shape } => {
                let w = max - min;
                if w.is_nan() || w <= 0.0 || !w.is_finite() {
                    return Sampler::Constant(min);
                }
                let (a, b) = pert_alpha_beta(min, mode, max, shape.unwrap_or(4.0));
                if a == 1.0 && b == 1.0 {
                    Sampler::Uniform { lo: min, width: w }
                } else {
                    Sampler::Pert { lo: min, width: w, beta: PertBeta::new(a, b) }
                }
            }
            Distribution::Lognormal { p05, p95 } => {
                let (l5, l95) = (libm::log(p05), libm::log(p95));
                Sampler::Lognormal { mu: 0.5 * (l5 + l95), sigma: (l95 - l5) / (2.0 * Z95) }
            }
        }
    }

    /// One draw.
    #[inline(always)]
    pub(crate) fn draw(&self, rng: &mut impl Random) -> f64 {
        match self {
            Sampler::Constant(v) => *v,
            Sampler::Uniform { lo, width } => lo + width * rng.uniform(),
            Sampler::Pert { lo, width, beta } => lo + width * beta.draw(rng),
            Sampler::Lognormal { mu, sigma } => libm::exp(mu + sigma * rng.normal()),
        }
    }
}

/// Threshold between exponential arrivals and PTRS in [`poisson`].
pub(crate) const POISSON_INVERSION_MAX: f64 = 30.0;

/// One Poisson(`lambda`) deviate. `lambda` must be finite; values ≤ 0 give 0.
///
/// Below λ = 30: the number of arrivals of a unit-rate Poisson process in
/// `[0, λ]`, i.e. of partial sums of standard exponentials (ziggurat, about
/// 2 ns each) that stay ≤ λ: λ + 1 exponentials on average and no `exp`.
/// For a fixed stream the count is non-decreasing in λ, so models that
/// differ in their rate keep common random numbers year by year. From
/// λ = 30: Hörmann's PTRS transformed rejection (1993), exact, O(1)
/// expected time.
#[inline]
pub(crate) fn poisson(rng: &mut impl Random, lambda: f64) -> u64 {
    if lambda.is_nan() || lambda <= 0.0 {
        return 0;
    }
    if lambda < POISSON_INVERSION_MAX {
        // Terminates with probability 1; the expected count is λ < 30.
        let mut k = 0u64;
        let mut t = rng.exponential();
        while t <= lambda {
            k += 1;
            t += rng.exponential();
        }
        k
    } else {
        ptrs(rng, lambda)
    }
}

fn ptrs(rng: &mut impl Random, lambda: f64) -> u64 {
    let slam = lambda.sqrt();
    let loglam = libm::log(lambda);
    let b = 0.931 + 2.53 * slam;
    let a = -0.059 + 0.02483 * b;
    let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = rng.uniform() - 0.5;
        let v = rng.uniform_open();
        let us = 0.5 - u.abs();
        let k = ((2.0 * a / us + b) * u + lambda + 0.43).floor();
        if us >= 0.07 && v <= vr {
            return k as u64;
        }
        if k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        if libm::log(v) + libm::log(inv_alpha) - libm::log(a / (us * us) + b)
            <= -lambda + k * loglam - libm::lgamma(k + 1.0)
        {
            return k as u64;
        }
    }
}
