//! Inline SVG charts of the report. Text is escaped here, since the SVG is
//! inserted into the page as markup.
use crate::evaluate::Readiness;
use crate::evaluate::readiness::ScoreLine;
use std::fmt::Write as _;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// Bar colour by score: red below 50, amber below 80, green from 80.
fn colour(score: u32) -> &'static str {
    match score {
        0..=49 => "#cf222e",
        50..=79 => "#bf8700",
        _ => "#1a7f37",
    }
}

/// A horizontal bar chart of the readiness scores: the overall score, one
/// bar per clause 4–10, one per Annex A theme; `n/a` where nothing applied.
/// Meant to be inlined in HTML (no namespace declaration, no external
/// reference).
pub fn readiness_svg(r: &Readiness) -> String {
    const LABEL: usize = 290;
    const BAR: usize = 300;
    const ROW: usize = 24;
    let overall = ScoreLine {
        key: "overall".into(),
        title: "Overall".into(),
        score: Some(r.overall),
        rules: 0,
        failing_rules: 0,
        findings: 0,
    };
    let mut rows: Vec<(String, &ScoreLine)> = vec![("Overall".into(), &overall)];
    rows.extend(r.clauses.iter().map(|c| (format!("Clause {} {}", c.key, c.title), c)));
    rows.extend(r.themes.iter().map(|t| (format!("Annex A: {}", t.title), t)));
    let height = rows.len() * ROW + 40;
    let width = LABEL + BAR + 60;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img" aria-label="Readiness by clause and theme">"#
    );
    let _ = writeln!(s, "<title>Readiness by clause and Annex A theme (0–100)</title>");
    for (i, (label, line)) in rows.iter().enumerate() {
        let y = 10 + i * ROW;
        let _ = writeln!(s, r#"<text x="{}" y="{}" text-anchor="end">{}</text>"#, LABEL - 8, y + 15, esc(label));
        let _ = writeln!(s, r##"<rect x="{LABEL}" y="{}" width="{BAR}" height="18" fill="#eaeef2"/>"##, y + 2);
        match line.score {
            Some(v) => {
                let w = BAR * v.min(100) as usize / 100;
                let _ =
                    writeln!(s, r#"<rect x="{LABEL}" y="{}" width="{w}" height="18" fill="{}"/>"#, y + 2, colour(v));
                let _ = writeln!(s, r#"<text x="{}" y="{}">{v}</text>"#, LABEL + BAR + 6, y + 15);
            }
            None => {
                let _ = writeln!(s, r##"<text x="{}" y="{}" fill="#59636e">n/a</text>"##, LABEL + BAR + 6, y + 15);
            }
        }
    }
    let axis = 10 + rows.len() * ROW + 14;
    for v in [0usize, 50, 80, 100] {
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{axis}" fill="#59636e" text-anchor="middle">{v}</text>"##,
            LABEL + BAR * v / 100
        );
    }
    s.push_str("</svg>\n");
    s
}
