//! The native baseline of the binding benchmarks: `evaluate` on a document
//! file through the engine handle, timed in Rust with no binding in between.
//!
//! Usage: `engine-evaluate DOC.json [AS_OF] [RUNS]`. Prints
//! `evaluate <median ms> <min ms>` (the typed `Isms::evaluate`; repeated as
//! `evaluate_findings`, the baseline of the bindings' call that also reads
//! every finding) and
//! `call_json <median ms> <min ms>` (`Isms::call("evaluate")`, the result
//! rendered as JSON text), each the median of RUNS after two warm-up calls.
#![allow(clippy::disallowed_methods)]
use std::time::Instant;

fn stats(runs: usize, mut f: impl FnMut() -> usize) -> (f64, f64) {
    let mut sink = 0;
    for _ in 0..2 {
        sink += f();
    }
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            sink += f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    std::hint::black_box(sink);
    (ms[ms.len() / 2], ms[0])
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: engine-evaluate DOC.json [AS_OF] [RUNS]");
        std::process::exit(2);
    };
    let as_of = args.next().unwrap_or_else(|| "2026-11-29".into());
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(21).max(1);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("engine-evaluate: {path}: {e}");
        std::process::exit(1);
    });
    let isms = isms_core::Isms::from_json(&text).unwrap_or_else(|e| {
        eprintln!("engine-evaluate: {e}");
        std::process::exit(1);
    });
    let date: isms_core::model::Date = as_of.parse().unwrap_or_default();
    let request = format!("{{\"as_of\": \"{as_of}\"}}");
    let (m, n) = stats(runs, || isms.evaluate(date).findings.len());
    println!("evaluate {m:.3} {n:.3}");
    // The same native call is the baseline of "evaluate and read every finding".
    println!("evaluate_findings {m:.3} {n:.3}");
    let (m, n) = stats(runs, || isms.call("evaluate", &request).map(|s| s.len()).unwrap_or(0));
    println!("call_json {m:.3} {n:.3}");
}
