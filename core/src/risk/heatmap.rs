//! Heat map (6.1.2 d–e): how many risks sit in each likelihood × consequence
//! cell, before and after treatment, and a standalone SVG picture of it.
//!
//! What this is: counts over [`super::assess`] for live (not closed) risks
//! that have a level; risks without one are counted as `unrated`. What it is
//! not: a chart library. The SVG is self-contained (no scripts, fonts, styles
//! or links to fetch), so it can be embedded in a report or opened offline.
//!
//! Cells are listed likelihood-major, lowest first (`L1C1, L1C2, …`); the risk
//! ids in a cell are in register order.
use super::assess::{Assessment, LevelResult, assess};
use crate::Result;
use crate::model::{Date, Document, RiskStatus};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// Colour for a level that defines none.
pub const DEFAULT_COLOR: &str = "#9e9e9e";

/// Heat-map data for inherent and residual levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct HeatMap {
    /// The date the map is computed for.
    pub as_of: Date,
    /// Likelihood step labels, lowest first.
    pub likelihood_labels: Vec<String>,
    /// Consequence step labels, lowest first.
    pub consequence_labels: Vec<String>,
    /// The levels, lowest first, with their colours.
    pub levels: Vec<HeatLevel>,
    /// Inherent counts, one cell per likelihood × consequence.
    pub inherent: Vec<HeatCell>,
    /// Residual counts, one cell per likelihood × consequence.
    pub residual: Vec<HeatCell>,
    /// Live risks without an inherent level.
    pub unrated_inherent: u32,
    /// Live risks without a residual level.
    pub unrated_residual: u32,
}

/// A level as drawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HeatLevel {
    /// Level id.
    pub id: String,
    /// Label.
    pub label: String,
    /// `#rrggbb`.
    pub color: String,
}

/// One cell of the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HeatCell {
    /// Likelihood step (1-based).
    pub likelihood: u32,
    /// Consequence step (1-based).
    pub consequence: u32,
    /// Level id of the cell.
    pub level: String,
    /// Level label.
    pub label: String,
    /// Level colour.
    pub color: String,
    /// Number of risks in the cell.
    pub count: u32,
    /// Their ids.
    pub risks: Vec<String>,
}

/// The heat map of a document as of a date. Errors as [`assess`].
pub fn heatmap(doc: &Document, as_of: Date) -> Result<HeatMap> {
    Ok(heatmap_from(&assess(doc, as_of)?))
}

/// A `#rrggbb` or `#rgb` colour, or the default: nothing else reaches the SVG.
fn safe_color(c: Option<&str>) -> String {
    match c {
        Some(c)
            if (c.len() == 7 || c.len() == 4)
                && c.starts_with('#')
                && c[1..].chars().all(|x| x.is_ascii_hexdigit()) =>
        {
            c.to_string()
        }
        _ => DEFAULT_COLOR.to_string(),
    }
}

/// The heat map from an assessment already computed.
pub fn heatmap_from(a: &Assessment) -> HeatMap {
    let m = &a.methodology;
    let levels: Vec<HeatLevel> = m
        .levels
        .iter()
        .map(|l| HeatLevel { id: l.id.clone(), label: l.label.clone(), color: safe_color(l.color.as_deref()) })
        .collect();
    let mut grid = Vec::new();
    for l in 1..=m.likelihood_steps() {
        for c in 1..=m.consequence_steps() {
            let lv = m.level_index(l, c).and_then(|i| levels.get(i));
            grid.push(HeatCell {
                likelihood: l,
                consequence: c,
                level: lv.map(|x| x.id.clone()).unwrap_or_default(),
                label: lv.map(|x| x.label.clone()).unwrap_or_default(),
                color: lv.map(|x| x.color.clone()).unwrap_or_else(|| DEFAULT_COLOR.into()),
                count: 0,
                risks: Vec::new(),
            });
        }
    }
    let (mut inherent, mut residual) = (grid.clone(), grid);
    let (mut unrated_inherent, mut unrated_residual) = (0, 0);
    let nc = m.consequence_steps() as usize;
    let put = |cells: &mut Vec<HeatCell>, unrated: &mut u32, lr: &Option<LevelResult>, id: &str| match lr {
        Some(x) => {
            let ix = (x.likelihood as usize).saturating_sub(1) * nc + (x.consequence as usize).saturating_sub(1);
            if let Some(cell) = cells.get_mut(ix) {
                cell.count += 1;
                cell.risks.push(id.to_string());
            }
        }
        None => *unrated += 1,
    };
    for r in a.risks.iter().filter(|r| r.status != RiskStatus::Closed) {
        put(&mut inherent, &mut unrated_inherent, &r.inherent, &r.id);
        put(&mut residual, &mut unrated_residual, &r.residual, &r.id);
    }
    HeatMap {
        as_of: a.as_of,
        likelihood_labels: m.likelihood_scale.iter().map(|s| s.label.clone()).collect(),
        consequence_labels: m.consequence_scale.iter().map(|s| s.label.clone()).collect(),
        levels,
        inherent,
        residual,
        unrated_inherent,
        unrated_residual,
    }
}

/// Escapes text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// Black or white, whichever reads better on a `#rrggbb` background.
fn ink(bg: &str) -> &'static str {
    let hex = |i: usize| u32::from_str_radix(bg.get(i..i + 2).unwrap_or("99"), 16).unwrap_or(0x99);
    let (r, g, b) = if bg.len() == 7 { (hex(1), hex(3), hex(5)) } else { (0x99, 0x99, 0x99) };
    if r * 299 + g * 587 + b * 114 > 140_000 { "#000000" } else { "#ffffff" }
}

/// A standalone SVG of the inherent (or, with `residual`, the residual) map:
/// likelihood up the side (highest at the top), consequence along the bottom,
/// each cell in its level's colour with its count, a legend of the levels,
/// and a title. No external assets.
pub fn heatmap_svg(map: &HeatMap, residual: bool) -> String {
    const CW: usize = 110;
    const CH: usize = 64;
    const LEFT: usize = 150;
    const TOP: usize = 60;
    let nl = map.likelihood_labels.len();
    let nc = map.consequence_labels.len();
    let cells = if residual { &map.residual } else { &map.inherent };
    let width = LEFT + nc * CW + 30;
    let grid_bottom = TOP + nl * CH;
    let legend_y = grid_bottom + 80;
    let height = legend_y + 40;
    let which = if residual { "Residual" } else { "Inherent" };
    let unrated = if residual { map.unrated_residual } else { map.unrated_inherent };
    let total: u32 = cells.iter().map(|c| c.count).sum();

    let mut s = String::new();
    // `write!` into a String cannot fail.
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img">"#
    );
    let title = format!("{which} risk heat map (as of {})", map.as_of);
    let _ = writeln!(s, "<title>{}</title>", esc(&title));
    let _ = writeln!(s, r##"<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>"##);
    let _ = writeln!(s, r#"<text x="{}" y="28" font-size="18" font-weight="bold">{}</text>"#, LEFT, esc(&title));
    let _ = writeln!(
        s,
        r##"<text x="{}" y="46" fill="#555555">{total} risk(s) rated; {unrated} without a {} level</text>"##,
        LEFT,
        which.to_lowercase()
    );
    for cell in cells {
        let (l, c) = (cell.likelihood as usize, cell.consequence as usize);
        if l == 0 || c == 0 || l > nl || c > nc {
            continue;
        }
        let x = LEFT + (c - 1) * CW;
        let y = TOP + (nl - l) * CH;
        let _ = writeln!(
            s,
            r##"<g><title>{}</title><rect x="{x}" y="{y}" width="{CW}" height="{CH}" fill="{}" stroke="#ffffff" stroke-width="2"/>"##,
            esc(&format!(
                "L{l} × C{c}: {} — {} risk(s){}{}",
                cell.label,
                cell.count,
                if cell.risks.is_empty() { "" } else { ": " },
                cell.risks.join(", ")
            )),
            esc(&cell.color)
        );
        if cell.count > 0 {
            let _ = writeln!(
                s,
                r#"<text x="{}" y="{}" text-anchor="middle" font-size="20" font-weight="bold" fill="{}">{}</text>"#,
                x + CW / 2,
                y + CH / 2 + 7,
                ink(&cell.color),
                cell.count
            );
        }
        s.push_str("</g>\n");
    }
    for (i, label) in map.likelihood_labels.iter().enumerate() {
        let y = TOP + (nl - 1 - i) * CH + CH / 2 + 4;
        let _ = writeln!(s, r#"<text x="{}" y="{y}" text-anchor="end">{} {}</text>"#, LEFT - 8, i + 1, esc(label));
    }
    for (i, label) in map.consequence_labels.iter().enumerate() {
        let x = LEFT + i * CW + CW / 2;
        let _ = writeln!(
            s,
            r#"<text x="{x}" y="{}" text-anchor="middle">{} {}</text>"#,
            grid_bottom + 18,
            i + 1,
            esc(label)
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle" font-weight="bold">Consequence</text>"#,
        LEFT + nc * CW / 2,
        grid_bottom + 40
    );
    let _ = writeln!(
        s,
        r#"<text x="20" y="{}" text-anchor="middle" font-weight="bold" transform="rotate(-90 20 {})">Likelihood</text>"#,
        TOP + nl * CH / 2,
        TOP + nl * CH / 2
    );
    let mut x = LEFT;
    for lv in &map.levels {
        let _ = writeln!(
            s,
            r##"<rect x="{x}" y="{}" width="14" height="14" fill="{}" stroke="#555555"/><text x="{}" y="{}">{}</text>"##,
            legend_y - 11,
            esc(&lv.color),
            x + 18,
            legend_y,
            esc(&lv.label)
        );
        x += 26 + 8 * lv.label.chars().count();
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn fixture() -> Document {
        crate::json::parse_document(include_str!("../../../tests/fixtures/risk-small.json")).unwrap()
    }

    fn map() -> HeatMap {
        heatmap(&fixture(), "2026-06-01".parse().unwrap()).unwrap()
    }

    fn cell(cells: &[HeatCell], l: u32, c: u32) -> &HeatCell {
        cells.iter().find(|x| x.likelihood == l && x.consequence == c).unwrap()
    }

    /// A small well-formedness check: tags balance, names match, attributes
    /// are quoted, and every `&` starts one of the five predefined entities.
    fn well_formed(xml: &str) -> std::result::Result<usize, String> {
        let mut stack: Vec<String> = Vec::new();
        let mut count = 0;
        let mut rest = xml;
        while let Some(i) = rest.find(['<', '&']) {
            let (text, tail) = rest.split_at(i);
            if text.contains('>') {
                return Err(format!("stray '>' in {text:?}"));
            }
            if let Some(after) = tail.strip_prefix('&') {
                let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].iter().any(|e| tail.starts_with(e));
                if !ok {
                    return Err(format!("bad entity at {:?}", &tail[..tail.len().min(10)]));
                }
                rest = after;
                continue;
            }
            let end = tail.find('>').ok_or("unclosed tag")?;
            let tag = &tail[1..end];
            if tag.matches('"').count() % 2 != 0 || tag.contains('<') {
                return Err(format!("bad tag {tag:?}"));
            }
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().ok_or(format!("unexpected </{name}>"))?;
                if open != name {
                    return Err(format!("<{open}> closed by </{name}>"));
                }
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().unwrap_or_default().to_string());
                count += 1;
            } else {
                count += 1;
            }
            rest = &tail[end + 1..];
        }
        if stack.is_empty() { Ok(count) } else { Err(format!("unclosed {stack:?}")) }
    }

    #[test]
    fn counts_per_cell_inherent_and_residual() {
        let m = map();
        assert_eq!(m.inherent.len(), 25);
        // Ransomware and laptop at L4 C4 (closed legacy risk is not counted).
        let c = cell(&m.inherent, 4, 4);
        assert_eq!((c.count, c.risks.clone()), (2, vec!["R-ransomware".to_string(), "R-laptop".to_string()]));
        assert_eq!((c.level.as_str(), c.color.as_str()), ("high", "#ff9800"));
        assert_eq!(cell(&m.inherent, 5, 5).count, 0);
        assert_eq!(m.inherent.iter().map(|c| c.count).sum::<u32>(), 6);
        assert_eq!(m.unrated_inherent, 0);
        assert_eq!(cell(&m.residual, 2, 4).risks, ["R-ransomware"]);
        assert_eq!(m.residual.iter().map(|c| c.count).sum::<u32>(), 3);
        assert_eq!(m.unrated_residual, 3);
        assert_eq!(m.likelihood_labels[4], "Almost certain");
    }

    #[test]
    fn residual_svg_snapshot() {
        insta::assert_snapshot!(heatmap_svg(&map(), true));
    }

    #[test]
    fn svg_is_well_formed_and_complete() {
        let m = map();
        for residual in [false, true] {
            let svg = heatmap_svg(&m, residual);
            let tags = well_formed(&svg).unwrap();
            assert!(tags > 25 * 2, "{tags}");
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert_eq!(svg.matches("<rect ").count(), 1 + 25 + m.levels.len());
            for l in &m.likelihood_labels {
                assert!(svg.contains(&esc(l)), "{l}");
            }
            for c in &m.consequence_labels {
                assert!(svg.contains(&esc(c)), "{c}");
            }
            assert!(svg.contains(if residual { "Residual risk heat map" } else { "Inherent risk heat map" }));
            assert!(!svg.contains("href"), "no external assets");
        }
        let svg = heatmap_svg(&m, false);
        assert!(svg.contains(">2</text>"), "the L4×C4 count");
        assert!(svg.contains("fill=\"#ff9800\""));
    }

    #[test]
    fn hostile_labels_and_colours_are_escaped() {
        let mut doc = fixture();
        let mut meth = crate::risk::preset(crate::model::MethodologyPreset::Iso27005_5x5);
        meth.likelihood_scale[0].label = "<script>&\"'".into();
        meth.levels[0].color = Some("red\"/><script/>".into());
        doc.risk_methodology = meth;
        let svg = heatmap_svg(&heatmap(&doc, "2026-06-01".parse().unwrap()).unwrap(), false);
        well_formed(&svg).unwrap();
        assert!(!svg.contains("<script"));
        assert!(svg.contains(DEFAULT_COLOR));
    }

    #[test]
    fn checker_rejects_broken_xml() {
        assert!(well_formed("<a><b></a>").is_err());
        assert!(well_formed("<a>&nbsp;</a>").is_err());
        assert!(well_formed("<a>").is_err());
        assert_eq!(well_formed("<a x=\"1\"><b/></a>"), Ok(2));
    }
}
