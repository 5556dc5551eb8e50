//! Shared by the `fair` bench and the `fair_bench` example: the perf-anchors
//! model and two "floors" (the bare random draws that model needs): one with
//! the engine's own samplers, one with the reference samplers that
//! `perf-anchors.md` measured its ~250 ns per trial-year with.
#![allow(dead_code, clippy::unwrap_used)]

pub use isms_core::quant::floor::{floor, floor_reference};
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
