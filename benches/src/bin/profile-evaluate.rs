//! Runs `evaluate` repeatedly on a synthetic document, for profilers.
//! Usage: profile-evaluate SCALE RUNS
fn main() {
    let mut args = std::env::args().skip(1);
    let scale: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(10);
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default();
    let doc = isms_bench::generate(scale, as_of);
    let mut n = 0;
    for _ in 0..runs {
        n += isms_core::evaluate::evaluate(&doc, as_of).findings.len();
    }
    println!("{n}");
}
