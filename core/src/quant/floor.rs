//! The simulation's "floor" for the core's `fair` bench and `fair_bench`
//! example: the bare random draws the perf-anchors model needs, with the
//! engine's samplers and with the reference samplers of `perf-anchors.md`.
//! Public (hidden) so those benches can measure the simulation against it
//! while the generator and samplers themselves stay crate-private.
#![allow(clippy::missing_panics_doc)]

use super::rng::{Random, Rng};
use super::sample::{Beta, Sampler, pert_alpha_beta, poisson};
use crate::model::Distribution;

fn pert(min: f64, mode: f64, max: f64) -> Distribution {
    Distribution::Pert { min, mode, max, shape: None }
}

/// The floor: per trial-year, exactly the draws the model needs on average
/// (5.06 Beta, 1 Poisson with a rate that changes every year, 1.56 uniform),
/// with the engine's samplers, on one stream, summed; nothing else (no
/// per-event logic, no output vector, no per-year reseeding, no summary).
/// Single-threaded.
pub fn floor(trials: u64, seed: u64) -> f64 {
    let s = |d: Distribution| {
        Sampler::new(&d, "floor").unwrap_or_else(|_| unreachable!("the floor's distributions are valid"))
    };
    let (tef, vuln, slef) = (s(pert(0.5, 3.0, 10.0)), s(pert(0.2, 0.4, 0.7)), s(pert(0.1, 0.3, 0.6)));
    let (pl, slem) = (s(pert(10_000.0, 50_000.0, 500_000.0)), s(pert(5_000.0, 20_000.0, 200_000.0)));
    let draw = |s: &Sampler, rng: &mut Rng| s.draw(rng);
    draws(trials, seed, [&tef, &vuln, &slef, &pl, &slem], draw, poisson)
}

/// The reference floor of `perf-anchors.md` ("Beta as a Gamma pair +
/// inversion Poisson", Xoshiro256++): the same draws as [`floor`] with the
/// samplers the "near 250 ns per trial-year" was measured with.
pub fn floor_reference(trials: u64, seed: u64) -> f64 {
    let b = |min: f64, mode: f64, max: f64| {
        let (a, b) = pert_alpha_beta(min, mode, max, 4.0);
        (min, max - min, Beta::new(a, b))
    };
    let (tef, vuln, slef) = (b(0.5, 3.0, 10.0), b(0.2, 0.4, 0.7), b(0.1, 0.3, 0.6));
    let (pl, slem) = (b(10_000.0, 50_000.0, 500_000.0), b(5_000.0, 20_000.0, 200_000.0));
    let draw = |(lo, w, beta): &(f64, f64, Beta), rng: &mut Rng| lo + w * beta.draw(rng);
    draws(trials, seed, [&tef, &vuln, &slef, &pl, &slem], draw, poisson_inversion)
}

/// Poisson by sequential-search inversion (one uniform, one `exp`, about λ
/// multiplications): the reference sampler of `perf-anchors.md`.
fn poisson_inversion(rng: &mut Rng, lambda: f64) -> u64 {
    let u = rng.uniform();
    let mut p = libm::exp(-lambda);
    let mut cdf = p;
    let mut k = 0u64;
    while u >= cdf && k < 250 {
        k += 1;
        p *= lambda / k as f64;
        cdf += p;
    }
    k
}

/// The floor's draw pattern over samplers `[tef, vuln, slef, pl, slem]`.
fn draws<S>(
    trials: u64,
    seed: u64,
    [tef, vuln, slef, pl, slem]: [&S; 5],
    draw: impl Fn(&S, &mut Rng) -> f64,
    poisson: impl Fn(&mut Rng, f64) -> u64,
) -> f64 {
    let mut rng = Rng::from_seed(seed);
    let mut acc = 0.0;
    for t in 0..trials {
        // 3 Betas per year (TEF, Vuln, SLEF) and the Poisson at rate TEF×Vuln.
        let a = draw(tef, &mut rng);
        let v = draw(vuln, &mut rng);
        acc += draw(slef, &mut rng);
        acc += poisson(&mut rng, a * v) as f64;
        // 2.06 more Betas on average (PL per event, SLEM when it occurs):
        // 2 every year and one more in 3 years out of 50.
        acc += draw(pl, &mut rng) + draw(slem, &mut rng);
        if t % 50 < 3 {
            acc += draw(pl, &mut rng);
        }
        // 1.56 uniforms on average: 1 every year, one more in 14 of 25.
        acc += rng.uniform();
        if t % 25 < 14 {
            acc += rng.uniform();
        }
    }
    acc
}
