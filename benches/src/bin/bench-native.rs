//! The native side of the WebAssembly benchmark (`benches/wasm_vs_native.mjs`): times, in this
//! process, what the Node side times in the wasm package, and prints one JSON line.
//! Usage: bench-native DOCUMENT.json MODEL.json LOAD_RUNS SIM_RUNS TRIALS
//! - load+evaluate: `Isms::from_json` (parse + validate) and `call("evaluate")` (the evaluation
//!   and its JSON text, what the binding returns), median of LOAD_RUNS;
//! - simulate: `call(None, "simulate_model")` of MODEL with TRIALS years, seed 1, median of SIM_RUNS.
//!
//! Threads: rayon's global pool; run with `RAYON_NUM_THREADS=1` for the single-thread figure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut out = 0;
    let ms = (0..runs)
        .map(|_| {
            let t = Instant::now();
            out = std::hint::black_box(f());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    (median(ms), out)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [doc, model, load_runs, sim_runs, trials] = &args[..] else {
        eprintln!("usage: bench-native DOCUMENT.json MODEL.json LOAD_RUNS SIM_RUNS TRIALS");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(doc).expect("document");
    let model = std::fs::read_to_string(model).expect("model");
    let request = format!(r#"{{"model":{model},"options":{{"trials":{trials},"seed":1}}}}"#);
    let as_of = r#"{"as_of":"2026-11-29"}"#;
    let (load_eval, eval_bytes) = time(load_runs.parse().unwrap(), || {
        let isms = isms_core::Isms::from_json(&text).expect("valid document");
        isms.call("evaluate", as_of).expect("evaluate").len()
    });
    let isms = isms_core::Isms::from_json(&text).expect("valid document");
    let (load, _) = time(load_runs.parse().unwrap(), || isms_core::Isms::from_json(&text).map(|_| 1).unwrap());
    let (eval, _) = time(load_runs.parse().unwrap(), || isms.call("evaluate", as_of).unwrap().len());
    let (sim, sim_bytes) = time(sim_runs.parse().unwrap(), || {
        isms_core::engine::call(None, "simulate_model", &request).expect("simulate").len()
    });
    println!(
        r#"{{"load_evaluate_ms":{load_eval},"load_ms":{load},"evaluate_ms":{eval},"evaluate_bytes":{eval_bytes},"simulate_ms":{sim},"simulate_bytes":{sim_bytes},"threads":"{}"}}"#,
        std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "default".into())
    );
}
