//! Writes a synthetic ISMS document of a given scale to stdout.
//! Usage: isms-synth SCALE [AS_OF]
use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let scale: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let as_of = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default());
    let doc = isms_bench::generate(scale, as_of);
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(isms_core::json::to_json(&doc).as_bytes()) {
        eprintln!("isms-synth: {e}");
        std::process::exit(1);
    }
}
