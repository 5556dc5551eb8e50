//! Timing harness for `benches/fair_vs_pyfair.py`: runs one case and prints
//! JSON. Usage: `fair_bench <one|portfolio|floor|floor_reference> <trials> <risks> <threads> <repeats>`.
//! Times model build + simulation + summary (mean, percentiles, 101-point
//! loss exceedance curve); reports every repeat, the median and minimum
//! wall-clock time and the mean CPU time of all the process's threads.
#![allow(clippy::disallowed_methods, clippy::unwrap_used, missing_docs)]

#[path = "../benches/common/mod.rs"]
mod common;

use std::time::Instant;

use isms_core::quant::{FairModel, SimulationOptions, simulate, simulate_portfolio};

/// CPU time of all threads of this process, in seconds (Linux: the sum of
/// `/proc/self/task/*/schedstat`; 0 elsewhere). Threads that ended are not
/// counted, which is fine here: the rayon pool lives for the whole run.
fn cpu_s() -> f64 {
    let mut ns = 0u64;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for e in dir.flatten() {
            if let Ok(s) = std::fs::read_to_string(e.path().join("schedstat")) {
                ns += s.split_whitespace().next().and_then(|x| x.parse::<u64>().ok()).unwrap_or(0);
            }
        }
    }
    ns as f64 * 1e-9
}

fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a.len() != 6 {
        eprintln!("usage: fair_bench <one|portfolio|floor|floor_reference> <trials> <risks> <threads> <repeats>");
        std::process::exit(2);
    }
    let (case, trials, risks, threads, repeats) = (
        a[1].as_str(),
        a[2].parse::<u64>().unwrap(),
        a[3].parse::<usize>().unwrap(),
        a[4].parse().unwrap(),
        a[5].parse::<usize>().unwrap(),
    );
    // The calling thread is one of the pool's workers: no hand-off and wake-up
    // latency (large on a loaded machine) between the timer and the work.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).use_current_thread().build().unwrap();
    let opts = SimulationOptions { trials, seed: 1, max_work: u64::MAX, ..SimulationOptions::default() };
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut check = 0.0;
    let mut plp = f64::NAN;
    for _ in 0..repeats {
        let c = cpu_s();
        let t = Instant::now();
        check = match case {
            "one" => {
                let r = pool.install(|| simulate(&common::anchor_model(), &opts).unwrap());
                plp = r.prob_loss_positive;
                r.mean
            }
            "portfolio" => {
                let models: Vec<(String, FairModel)> =
                    (0..risks).map(|i| (format!("R-{i}"), common::anchor_model())).collect();
                let refs: Vec<(&str, &FairModel)> = models.iter().map(|(id, m)| (id.as_str(), m)).collect();
                let r = pool.install(|| simulate_portfolio(&refs, &opts).unwrap());
                plp = r.total.prob_loss_positive;
                r.total.mean
            }
            "floor" => common::floor(trials, 1),
            "floor_reference" => common::floor_reference(trials, 1),
            _ => panic!("unknown case {case}"),
        };
        times.push(t.elapsed().as_secs_f64());
        cpu.push(cpu_s() - c);
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    // Per-repeat CPU readings are coarse for short runs (schedstat is
    // updated at scheduler events), so report the mean over all repeats.
    let cpu_mean = cpu.iter().sum::<f64>() / cpu.len() as f64;
    let min = sorted[0];
    let plp = if plp.is_nan() { String::new() } else { format!(",\"prob_loss_positive\":{plp}") };
    println!(
        "{{\"impl\":\"isms\",\"case\":\"{case}\",\"trials\":{trials},\"risks\":{risks},\"threads\":{threads},\"median_s\":{median},\"min_s\":{min},\"cpu_mean_s\":{cpu_mean},\"times_s\":{times:?},\"check\":{check}{plp}}}"
    );
}
