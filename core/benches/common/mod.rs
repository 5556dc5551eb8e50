//! Shared by the `fair` bench and the `fair_bench` example: the perf-anchors
//! model and the "floor" (the bare random draws that model needs).
#![allow(dead_code, clippy::unwrap_used)]

use isms_core::quant::rng::Rng;
use isms_core::quant::sample::{Sampler, poisson};
use isms_core::quant::{Distribution, FairModel, Frequency, SecondaryLoss, Vulnerability};

fn pert(min: f64, mode: f64, max: f64) -> Distribution {
    Distribution::Pert { min, mode, max, shape: None }
}

/// The model of perf-anchors.md (analytic mean annual loss 208,398).
pub fn anchor_model() -> FairModel {
    FairModel {
        frequency: Frequency::Tef { threat_event_frequency: pert(0.5, 3.0, 10.0) },
        vulnerability: Some(Vulnerability::Probability { probability: pert(0.2, 0.4, 0.7) }),
        primary_loss: pert(10_000.0, 50_000.0, 500_000.0),
        secondary: vec![SecondaryLoss {
            name: None,
            frequency: pert(0.1, 0.3, 0.6),
            magnitude: pert(5_000.0, 20_000.0, 200_000.0),
        }],
    }
}

/// The floor: per trial-year, exactly the draws the model needs on average
/// (5.06 Beta, 1 Poisson with a rate that changes every year, 1.56 uniform),
/// on one stream, summed; nothing else (no per-event logic, no output
/// vector, no per-year reseeding, no summary). Single-threaded.
pub fn floor(trials: u64, seed: u64) -> f64 {
    let s = |d: Distribution| Sampler::new(&d, "floor").unwrap();
    let (tef, vuln, slef) = (s(pert(0.5, 3.0, 10.0)), s(pert(0.2, 0.4, 0.7)), s(pert(0.1, 0.3, 0.6)));
    let (pl, slem) = (s(pert(10_000.0, 50_000.0, 500_000.0)), s(pert(5_000.0, 20_000.0, 200_000.0)));
    let mut rng = Rng::from_seed(seed);
    let mut acc = 0.0;
    for t in 0..trials {
        // 3 Betas per year (TEF, Vuln, SLEF) and the Poisson at rate TEF×Vuln.
        let a = tef.draw(&mut rng);
        let v = vuln.draw(&mut rng);
        acc += slef.draw(&mut rng);
        acc += poisson(&mut rng, a * v) as f64;
        // 2.06 more Betas on average (PL per event, SLEM when it occurs):
        // 2 every year and one more in 3 years out of 50.
        acc += pl.draw(&mut rng) + slem.draw(&mut rng);
        if t % 50 < 3 {
            acc += pl.draw(&mut rng);
        }
        // 1.56 uniforms on average: 1 every year, one more in 14 of 25.
        acc += rng.uniform();
        if t % 25 < 14 {
            acc += rng.uniform();
        }
    }
    acc
}
