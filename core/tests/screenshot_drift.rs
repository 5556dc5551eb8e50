//! The screenshots in `docs/` (`report.png`, `soa.png`, and
//! `report-monitoring.png`, the report with the two weekly runs of
//! `examples/monitoring/`) show the HTML the core renders for the bundled
//! example. `docs/screenshots.txt` records the
//! FNV-1a hash of that HTML; when a renderer, a template or the example
//! changes, this test fails and names the command that takes new
//! screenshots (`scripts/screenshot-report`, which also rewrites the file
//! through `UPDATE_SCREENSHOTS=1`).
#![allow(clippy::unwrap_used, clippy::disallowed_methods)] // reads and, on request, writes docs/screenshots.txt
use isms_core::Isms;
use isms_core::evaluate::fnv1a64;
use isms_core::model::Date;

const AS_OF: &str = "2026-11-29";
const LOCK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/screenshots.txt");

fn pages() -> Vec<(&'static str, String)> {
    let doc = isms_core::json::parse_document(include_str!("../../examples/northwind-saas.json")).unwrap();
    let isms = Isms::new(doc).unwrap();
    let as_of: Date = AS_OF.parse().unwrap();
    let report = isms.report_html(as_of).unwrap();
    let soa = isms_core::soa::render::to_html(&isms.soa(as_of)).unwrap();
    let mut stream = isms_core::engine::ResultStream::until(None, as_of);
    for run in [
        include_str!("../../examples/monitoring/run-2026-11-20.ndjson"),
        include_str!("../../examples/monitoring/run-2026-11-27.ndjson"),
    ] {
        for (n, line) in run.lines().enumerate() {
            stream.push_line(n as u64 + 1, line);
        }
    }
    let monitoring = isms.report_html_with_results(as_of, &stream.finish("run").unwrap()).unwrap();
    vec![("report.png", report), ("soa.png", soa), ("report-monitoring.png", monitoring)]
}

fn lock_text() -> String {
    let mut s = format!(
        "# FNV-1a 64 of the HTML each screenshot in docs/ shows (examples/northwind-saas.json as of {AS_OF}).\n# Regenerate: scripts/screenshot-report\n"
    );
    for (png, html) in pages() {
        s.push_str(&format!("{png} {:016x}\n", fnv1a64(html.as_bytes())));
    }
    s
}

#[test]
fn screenshots_show_the_current_html() {
    let want = lock_text();
    if std::env::var("UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
        std::fs::write(LOCK, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(LOCK).unwrap_or_default();
    assert!(
        have == want,
        "a screenshot in docs/ shows HTML the core no longer renders.\n\
         Take new screenshots and look at them: scripts/screenshot-report\n\
         (needs Chromium; it rewrites docs/screenshots.txt)\n--- recorded\n{have}--- now\n{want}"
    );
}

#[test]
fn the_pages_are_deterministic() {
    assert_eq!(lock_text(), lock_text());
}
