//! Scale benchmark: parse, validate, evaluate, report and simulate
//! synthetic documents of 1×, 10× and 100× the base size; prints a Markdown
//! table (median of runs). When both 1× and 10× are measured it also prints
//! each operation's growth and exits with status 1 if one grew more than
//! `MAX_GROWTH` times: linear work grows about 10×, a quadratic path 100×.
//! Usage: scale [SCALES...]   (default: 1 10 100)
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    )
}

/// Largest accepted 1× → 10× growth of an operation's time: 3× the linear
/// expectation, generous for this noisy VM, and well below the 100× of a
/// quadratic path.
const MAX_GROWTH: f64 = 30.0;

const OPS: [&str; 5] = ["parse", "validate", "evaluate", "report", "simulate"];

fn main() {
    let scales: Vec<u32> = {
        let v: Vec<u32> = std::env::args().skip(1).filter_map(|s| s.parse().ok()).collect();
        if v.is_empty() { vec![1, 10, 100] } else { v }
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    println!(
        "| scale | people | assets | risks | evidence | JSON MB | parse ms | validate ms | evaluate ms | check before ms \
         | check now ms | now / before | report ms | simulate ms |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut rows: Vec<(u32, [f64; 5])> = Vec::new();
    for s in scales {
        let doc = isms_bench::generate(s, as_of);
        let text = isms_core::json::to_json(&doc);
        let runs = if s >= 100 { 3 } else { 7 };
        let parse = time(runs, || isms_core::json::parse_document(&text).map(|d| d.risks.len()));
        let validate = time(runs, || isms_core::validate::validate(&doc).len());
        let evaluate = isms_bench::evaluate_ms(&doc, as_of, runs).unwrap_or(f64::NAN);
        // What `isms check` computed after parsing, before the engine API:
        // the CLI validated the document, then `evaluate` validated it again.
        let before = time(runs, || {
            let first = isms_core::validate::validate(&doc).len();
            let second = isms_core::validate::validate(&doc).len();
            (first, second, isms_core::evaluate::evaluate(&doc, as_of).findings.len())
        });
        // Now: the engine validates once, when the handle is built (the clone
        // stands for the move of the parsed document into the handle).
        let now = time(runs, || {
            isms_core::Isms::new(doc.clone()).map(|isms| isms.evaluate(as_of).findings.len()).unwrap_or(0)
        });
        let handle = isms_core::Isms::new(doc.clone()).ok();
        let report = time(runs, || handle.as_ref().map(|isms| isms.report_html(as_of).map(|h| h.len())));
        // 50 × scale quantified risks, 1,000 trials each: the whole call
        // (inherent, residual, comparison, both portfolios) per risk.
        let quantified = isms_bench::with_fair_models(&doc, s);
        let options = isms_core::quant::SimulationOptions { trials: 1_000, seed: 1, ..Default::default() };
        let simulate =
            time(runs, || isms_core::quant::simulate_document(&quantified, None, &options).map(|r| r.risks.len()));
        println!(
            "| {s}× | {} | {} | {} | {} | {:.1} | {parse:.1} | {validate:.1} | {evaluate:.1} | {before:.1} | {now:.1} \
             | {:.2} | {report:.1} | {simulate:.1} |",
            doc.people.len(),
            doc.assets.len(),
            doc.risks.len(),
            doc.evidence.len(),
            text.len() as f64 / 1e6,
            now / before,
        );
        rows.push((s, [parse, validate, evaluate, report, simulate]));
    }
    let at = |k: u32| rows.iter().find(|(s, _)| *s == k).map(|(_, t)| *t);
    if let (Some(one), Some(ten)) = (at(1), at(10)) {
        println!();
        let mut failed = false;
        for (i, op) in OPS.iter().enumerate() {
            let growth = ten[i] / one[i];
            let verdict = if growth <= MAX_GROWTH { "ok" } else { "TOO FAST GROWTH (quadratic path?)" };
            failed |= growth > MAX_GROWTH;
            println!("- {op}: 1× → 10× grew {growth:.1}× (limit {MAX_GROWTH}×): {verdict}");
        }
        if failed {
            std::process::exit(1);
        }
    }
}
