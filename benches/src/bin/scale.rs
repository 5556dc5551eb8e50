//! Scale benchmark: parse, validate and evaluate synthetic documents of
//! 1×, 10× and 100× the base size; prints a Markdown table (median of runs).
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

fn main() {
    let scales: Vec<u32> = {
        let v: Vec<u32> = std::env::args().skip(1).filter_map(|s| s.parse().ok()).collect();
        if v.is_empty() { vec![1, 10, 100] } else { v }
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    println!(
        "| scale | people | assets | risks | evidence | JSON MB | parse ms | validate ms | evaluate ms | check before ms \
         | check now ms | now / before |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for s in scales {
        let doc = isms_bench::generate(s, as_of);
        let text = isms_core::json::to_json(&doc);
        let runs = if s >= 100 { 3 } else { 7 };
        let parse = time(runs, || isms_core::json::parse_document(&text).map(|d| d.risks.len()));
        let validate = time(runs, || isms_core::validate::validate(&doc).len());
        let evaluate = isms_bench::evaluate_ms(&doc, as_of, runs);
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
        println!(
            "| {s}× | {} | {} | {} | {} | {:.1} | {parse:.1} | {validate:.1} | {} | {before:.1} | {now:.1} | {:.2} |",
            doc.people.len(),
            doc.assets.len(),
            doc.risks.len(),
            doc.evidence.len(),
            text.len() as f64 / 1e6,
            evaluate.map(|e| format!("{e:.1}")).unwrap_or_else(|| "n/a".into()),
            now / before,
        );
    }
}
