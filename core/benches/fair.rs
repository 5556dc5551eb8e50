//! Benchmarks of the Open FAIR simulation on the perf-anchors model
//! (`cargo bench -p isms-core --bench fair`). `threads` is the size of the
//! rayon pool the simulation runs in.
#![allow(missing_docs, clippy::unwrap_used)]

mod common;

use isms_core::quant::{FairModel, SimulationOptions, simulate, simulate_portfolio};

fn main() {
    divan::main();
}

/// A pool of `threads` workers. (Not `use_current_thread`: divan calls this
/// once per argument on the same thread, and a thread can join one pool only.)
fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap()
}

fn opts(trials: u64) -> SimulationOptions {
    SimulationOptions { trials, seed: 1, ..SimulationOptions::default() }
}

#[divan::bench(args = [1, 2], sample_count = 20, sample_size = 1)]
fn one_risk_10k(b: divan::Bencher, threads: usize) {
    let p = pool(threads);
    b.bench(|| p.install(|| simulate(&common::anchor_model(), &opts(10_000)).unwrap().mean));
}

#[divan::bench(args = [1, 2], sample_count = 5, sample_size = 1)]
fn one_risk_1m(b: divan::Bencher, threads: usize) {
    let p = pool(threads);
    b.bench(|| p.install(|| simulate(&common::anchor_model(), &opts(1_000_000)).unwrap().mean));
}

#[divan::bench(args = [1, 2], sample_count = 3, sample_size = 1)]
fn portfolio_100x100k(b: divan::Bencher, threads: usize) {
    let p = pool(threads);
    let models: Vec<(String, FairModel)> = (0..100).map(|i| (format!("R-{i}"), common::anchor_model())).collect();
    let risks: Vec<(&str, &FairModel)> = models.iter().map(|(id, m)| (id.as_str(), m)).collect();
    b.bench(|| p.install(|| simulate_portfolio(&risks, &opts(100_000)).unwrap().total.mean));
}

#[divan::bench(args = [10_000, 1_000_000], sample_count = 5, sample_size = 1)]
fn floor(b: divan::Bencher, trials: u64) {
    b.bench(|| common::floor(divan::black_box(trials), 1));
}

#[divan::bench(args = [10_000, 1_000_000], sample_count = 5, sample_size = 1)]
fn floor_reference(b: divan::Bencher, trials: u64) {
    b.bench(|| common::floor_reference(divan::black_box(trials), 1));
}
