//! Risk criteria (6.1.2 a): likelihood and consequence scales, the matrix
//! that maps them to risk levels, and the acceptance threshold (appetite).
//!
//! Presets:
//! - `iso27005_3x3`, `iso27005_4x4`: levels by the sum of the two steps
//!   (an organisational convention in the style of ISO/IEC 27005:2022 Annex A;
//!   27005 gives examples, not a mandated grid);
//! - `iso27005_5x5`: the 5×5 example as published by CISO Assistant
//!   ("5x5 matrix from ISO 27005 Annex A"; verbatim match with ISO UNVERIFIED);
//! - `nist800_30`: NIST SP 800-30 Rev. 1 Table I-2 (level of risk from
//!   likelihood and impact), with the semi-quantitative 0–100 ranges of
//!   Appendix G/H and the G-3 frequency anchors on the likelihood scale.
use crate::Problem;
use crate::model::{Aggregation, MethodologyPreset, RiskLevelDef, RiskMethodology, ScaleStep};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::collections::hash_map::Entry;

/// Most steps accepted on the likelihood or the consequence scale (so a
/// matrix has at most 10 × 10 cells); more is problem `methodology_too_large`.
pub const MAX_SCALE_STEPS: usize = 10;

/// Most risk levels accepted; more is problem `methodology_too_large`.
pub const MAX_RISK_LEVELS: usize = 10;

/// A methodology with a preset expanded and every reference checked: ready
/// for lookups that cannot fail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResolvedMethodology {
    /// Likelihood scale, lowest first.
    pub likelihood_scale: Vec<ScaleStep>,
    /// Consequence scale, lowest first.
    pub consequence_scale: Vec<ScaleStep>,
    /// Levels, lowest first.
    pub levels: Vec<RiskLevelDef>,
    /// `matrix[l-1][c-1]` = index into `levels`.
    pub matrix: Vec<Vec<usize>>,
    /// Index of the highest level that may be retained without treatment.
    pub appetite: usize,
    /// How C, I, A consequences combine.
    pub aggregation: Aggregation,
}

impl ResolvedMethodology {
    /// Number of likelihood steps.
    pub fn likelihood_steps(&self) -> u32 {
        self.likelihood_scale.len() as u32
    }
    /// Number of consequence steps.
    pub fn consequence_steps(&self) -> u32 {
        self.consequence_scale.len() as u32
    }
    /// The level index for 1-based likelihood and consequence steps; `None`
    /// when a step is outside the scales.
    pub fn level_index(&self, likelihood: u32, consequence: u32) -> Option<usize> {
        let row = self.matrix.get((likelihood as usize).checked_sub(1)?)?;
        row.get((consequence as usize).checked_sub(1)?).copied()
    }
    /// The level definition for 1-based steps.
    pub fn level(&self, likelihood: u32, consequence: u32) -> Option<&RiskLevelDef> {
        self.level_index(likelihood, consequence).and_then(|i| self.levels.get(i))
    }
    /// Whether a level index is above the appetite.
    pub fn above_appetite(&self, level: usize) -> bool {
        level > self.appetite
    }
    /// Combines per-property consequences into one step.
    pub fn aggregate(&self, values: &[u32]) -> Option<u32> {
        if values.is_empty() {
            return None;
        }
        let top = self.consequence_steps();
        Some(match self.aggregation {
            Aggregation::Max => values.iter().copied().max().unwrap_or(1),
            Aggregation::Mean => {
                let sum: u64 = values.iter().map(|&v| u64::from(v)).sum();
                sum.div_ceil(values.len() as u64) as u32
            }
            Aggregation::SumCapped => values.iter().copied().fold(0u32, u32::saturating_add).min(top),
        })
    }
}

fn step(label: &str, description: &str) -> ScaleStep {
    ScaleStep { label: label.into(), description: Some(description.into()), min: None, max: None }
}

fn ranged(label: &str, description: &str, min: f64, max: f64) -> ScaleStep {
    ScaleStep { label: label.into(), description: Some(description.into()), min: Some(min), max: Some(max) }
}

fn level(id: &str, label: &str, requires_treatment: bool, color: &str) -> RiskLevelDef {
    RiskLevelDef { id: id.into(), label: label.into(), requires_treatment, color: Some(color.into()) }
}

fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
}

/// Matrix whose level is chosen by the sum of the two 1-based steps.
fn by_sum(n: usize, bands: &[(usize, &str)]) -> Vec<Vec<String>> {
    (1..=n)
        .map(|l| {
            (1..=n)
                .map(|c| {
                    let s = l + c;
                    bands.iter().find(|(max, _)| s <= *max).map(|(_, id)| id.to_string()).unwrap_or_default()
                })
                .collect()
        })
        .collect()
}

/// The full, explicit methodology of a preset.
pub fn preset(p: MethodologyPreset) -> RiskMethodology {
    let (likelihood_scale, consequence_scale, levels, matrix) = match p {
        MethodologyPreset::Iso27005_3x3 => (
            vec![
                step("Unlikely", "Not expected within the next few years"),
                step("Possible", "Could occur within a year or two"),
                step("Likely", "Expected to occur within a year"),
            ],
            vec![
                step("Low", "Limited, easily absorbed impact"),
                step("Medium", "Noticeable harm to operations, customers or compliance"),
                step("High", "Severe harm: major loss, breach of law or contract"),
            ],
            vec![
                level("low", "Low", false, "#4caf50"),
                level("medium", "Medium", false, "#ffc107"),
                level("high", "High", true, "#f44336"),
            ],
            by_sum(3, &[(3, "low"), (4, "medium"), (6, "high")]),
        ),
        MethodologyPreset::Iso27005_4x4 => (
            vec![
                step("Rare", "Less than once in ten years"),
                step("Unlikely", "Once in several years"),
                step("Possible", "About once a year"),
                step("Likely", "Several times a year"),
            ],
            vec![
                step("Minor", "Negligible impact"),
                step("Moderate", "Limited impact, handled within normal operations"),
                step("Major", "Substantial impact on operations, finances or reputation"),
                step("Severe", "Impact threatening objectives or legal standing"),
            ],
            vec![
                level("low", "Low", false, "#4caf50"),
                level("medium", "Medium", false, "#ffc107"),
                level("high", "High", true, "#ff9800"),
                level("very_high", "Very high", true, "#f44336"),
            ],
            by_sum(4, &[(3, "low"), (5, "medium"), (6, "high"), (8, "very_high")]),
        ),
        MethodologyPreset::Iso27005_5x5 => (
            vec![
                step("Unlikely", "Very low"),
                step("Rather unlikely", "Low"),
                step("Likely", "Significant"),
                step("Very likely", "High"),
                step("Almost certain", "Very high"),
            ],
            vec![
                step("Minor", "Negligible"),
                step("Significant", "Significant but limited"),
                step("Serious", "Substantial"),
                step("Critical", "Disastrous"),
                step("Catastrophic", "Consequences beyond the organisation (sector, regulators)"),
            ],
            vec![
                level("very_low", "Very low", false, "#2e7d32"),
                level("low", "Low", false, "#8bc34a"),
                level("medium", "Medium", false, "#ffc107"),
                level("high", "High", true, "#ff9800"),
                level("very_high", "Very high", true, "#f44336"),
            ],
            {
                // CISO Assistant's grid, values = level index (level − 1).
                const G: [[usize; 5]; 5] =
                    [[0, 0, 1, 1, 1], [0, 1, 1, 2, 2], [1, 1, 2, 3, 3], [1, 2, 3, 3, 4], [2, 3, 3, 4, 4]];
                const IDS: [&str; 5] = ["very_low", "low", "medium", "high", "very_high"];
                G.iter().map(|r| r.iter().map(|&i| IDS[i].to_string()).collect()).collect()
            },
        ),
        MethodologyPreset::Nist800_30 => (
            vec![
                ranged("Very low", "Less than once every 10 years (semi-quantitative 0–4)", 0.0, 4.0),
                ranged("Low", "Between once every 10 years and once a year (5–20)", 5.0, 20.0),
                ranged("Moderate", "1–10 times a year (21–79)", 21.0, 79.0),
                ranged("High", "10–100 times a year (80–95)", 80.0, 95.0),
                ranged("Very high", "More than 100 times a year (96–100)", 96.0, 100.0),
            ],
            vec![
                ranged("Very low", "Negligible adverse effects (0–4)", 0.0, 4.0),
                ranged("Low", "Limited adverse effects (5–20)", 5.0, 20.0),
                ranged("Moderate", "Serious adverse effects (21–79)", 21.0, 79.0),
                ranged("High", "Severe or catastrophic adverse effects (80–95)", 80.0, 95.0),
                ranged("Very high", "Multiple severe or catastrophic adverse effects (96–100)", 96.0, 100.0),
            ],
            vec![
                level("very_low", "Very low", false, "#2e7d32"),
                level("low", "Low", false, "#8bc34a"),
                level("moderate", "Moderate", false, "#ffc107"),
                level("high", "High", true, "#ff9800"),
                level("very_high", "Very high", true, "#f44336"),
            ],
            // Table I-2, rows from very low to very high likelihood.
            grid(&[
                &["very_low", "very_low", "very_low", "low", "low"],
                &["very_low", "low", "low", "low", "moderate"],
                &["very_low", "low", "moderate", "moderate", "high"],
                &["very_low", "low", "moderate", "high", "very_high"],
                &["very_low", "low", "moderate", "high", "very_high"],
            ]),
        ),
    };
    RiskMethodology { preset: Some(p), likelihood_scale, consequence_scale, levels, matrix, ..Default::default() }
}

/// Expands the preset (default: `iso27005_5x5` when nothing is set), applies
/// explicit overrides and checks the result. Problems carry JSON paths under
/// `$.risk_methodology`.
pub fn resolve(m: &RiskMethodology) -> Result<ResolvedMethodology, Vec<Problem>> {
    const P: &str = "$.risk_methodology";
    let nothing_set = m.likelihood_scale.is_empty() && m.consequence_scale.is_empty() && m.levels.is_empty();
    let base = match m.preset {
        Some(p) => Some(preset(p)),
        None if nothing_set && m.matrix.is_empty() => Some(preset(MethodologyPreset::Iso27005_5x5)),
        None => None,
    };
    let pick = |own: &Vec<ScaleStep>, f: fn(&RiskMethodology) -> &Vec<ScaleStep>| {
        if own.is_empty() { base.as_ref().map(f).cloned().unwrap_or_default() } else { own.clone() }
    };
    let likelihood_scale = pick(&m.likelihood_scale, |b| &b.likelihood_scale);
    let consequence_scale = pick(&m.consequence_scale, |b| &b.consequence_scale);
    let levels = if m.levels.is_empty() {
        base.as_ref().map(|b| b.levels.clone()).unwrap_or_default()
    } else {
        m.levels.clone()
    };
    let matrix_src = if m.matrix.is_empty() {
        base.as_ref().map(|b| b.matrix.clone()).unwrap_or_default()
    } else {
        m.matrix.clone()
    };

    let mut problems: Vec<Problem> = Vec::new();
    let bad = |problems: &mut Vec<Problem>, field: &str, msg: String| {
        problems.push(Problem::new("invalid_methodology", format!("{P}.{field}"), msg))
    };
    if likelihood_scale.is_empty() {
        bad(&mut problems, "likelihood_scale", "the likelihood scale is empty and no preset is set".into());
    }
    if consequence_scale.is_empty() {
        bad(&mut problems, "consequence_scale", "the consequence scale is empty and no preset is set".into());
    }
    if levels.is_empty() {
        bad(&mut problems, "levels", "no risk levels are defined and no preset is set".into());
    }
    // The size caps come first: a matrix is likelihood × consequence cells,
    // and every assessment, heat map and register row walks it.
    for (field, len, max, what) in [
        ("likelihood_scale", likelihood_scale.len(), MAX_SCALE_STEPS, "likelihood steps"),
        ("consequence_scale", consequence_scale.len(), MAX_SCALE_STEPS, "consequence steps"),
        ("levels", levels.len(), MAX_RISK_LEVELS, "risk levels"),
    ] {
        if len > max {
            problems.push(Problem::new(
                "methodology_too_large",
                format!("{P}.{field}"),
                format!("{len} {what} are defined, at most {max} are accepted"),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    // Level id → its first index: one pass, not one scan per cell.
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(levels.len());
    for (i, l) in levels.iter().enumerate() {
        match index.entry(l.id.as_str()) {
            Entry::Occupied(_) => {
                bad(&mut problems, &format!("levels[{i}].id"), format!("risk level `{}` is defined twice", l.id))
            }
            Entry::Vacant(v) => {
                v.insert(i);
            }
        }
    }
    let n = likelihood_scale.len();
    let mc = consequence_scale.len();
    if matrix_src.len() != n {
        bad(
            &mut problems,
            "matrix",
            format!("the matrix has {} rows but the likelihood scale has {n} steps", matrix_src.len()),
        );
    }
    let mut matrix = Vec::with_capacity(n);
    for (li, row) in matrix_src.iter().enumerate() {
        if row.len() != mc {
            bad(
                &mut problems,
                &format!("matrix[{li}]"),
                format!("row {} has {} cells but the consequence scale has {mc} steps", li + 1, row.len()),
            );
        }
        let mut out = Vec::with_capacity(row.len());
        for (ci, id) in row.iter().enumerate() {
            match index.get(id.as_str()) {
                Some(&ix) => out.push(ix),
                None => {
                    bad(
                        &mut problems,
                        &format!("matrix[{li}][{ci}]"),
                        format!("the matrix names risk level `{id}`, which is not defined"),
                    );
                    out.push(0);
                }
            }
        }
        matrix.push(out);
    }
    // A risk must never get a lower level because its likelihood or
    // consequence went up: such a matrix would rank risks inconsistently (6.1.2 b).
    if problems.is_empty() {
        for l in 0..n {
            for c in 0..mc {
                let v = matrix[l][c];
                if (l + 1 < n && matrix[l + 1][c] < v) || (c + 1 < mc && matrix[l][c + 1] < v) {
                    bad(
                        &mut problems,
                        &format!("matrix[{l}][{c}]"),
                        format!(
                            "level `{}` at likelihood {} and consequence {} is higher than a cell with a greater likelihood or consequence",
                            levels[v].id,
                            l + 1,
                            c + 1
                        ),
                    );
                }
            }
        }
    }
    let appetite = match &m.appetite {
        Some(id) => match index.get(id.as_str()) {
            Some(&i) => i,
            None => {
                bad(&mut problems, "appetite", format!("the appetite names risk level `{id}`, which is not defined"));
                0
            }
        },
        // The highest level that does not require treatment, counting from the bottom.
        None => levels.iter().take_while(|l| !l.requires_treatment).count().saturating_sub(1),
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(ResolvedMethodology {
        likelihood_scale,
        consequence_scale,
        levels,
        matrix,
        appetite,
        aggregation: m.aggregation,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    const ALL: [MethodologyPreset; 4] = [
        MethodologyPreset::Iso27005_3x3,
        MethodologyPreset::Iso27005_4x4,
        MethodologyPreset::Iso27005_5x5,
        MethodologyPreset::Nist800_30,
    ];

    fn ids(r: &ResolvedMethodology) -> Vec<Vec<&str>> {
        r.matrix.iter().map(|row| row.iter().map(|&i| r.levels[i].id.as_str()).collect()).collect()
    }

    #[test]
    fn every_preset_resolves_and_is_monotonic() {
        for p in ALL {
            let r = resolve(&RiskMethodology { preset: Some(p), ..Default::default() }).unwrap();
            for l in 1..=r.likelihood_steps() {
                for c in 1..=r.consequence_steps() {
                    let v = r.level_index(l, c).unwrap();
                    if l < r.likelihood_steps() {
                        assert!(r.level_index(l + 1, c).unwrap() >= v, "{p:?} {l} {c}");
                    }
                    if c < r.consequence_steps() {
                        assert!(r.level_index(l, c + 1).unwrap() >= v, "{p:?} {l} {c}");
                    }
                }
            }
        }
    }

    #[test]
    fn preset_3x3_cell_by_cell() {
        let r = resolve(&preset(MethodologyPreset::Iso27005_3x3)).unwrap();
        assert_eq!(ids(&r), [["low", "low", "medium"], ["low", "medium", "high"], ["medium", "high", "high"]]);
        assert_eq!(r.levels[r.appetite].id, "medium");
    }

    #[test]
    fn preset_4x4_cell_by_cell() {
        let r = resolve(&preset(MethodologyPreset::Iso27005_4x4)).unwrap();
        assert_eq!(
            ids(&r),
            [
                ["low", "low", "medium", "medium"],
                ["low", "medium", "medium", "high"],
                ["medium", "medium", "high", "very_high"],
                ["medium", "high", "very_high", "very_high"]
            ]
        );
        assert_eq!(r.levels[r.appetite].id, "medium");
    }

    #[test]
    fn preset_5x5_cell_by_cell_matches_ciso_assistant_grid() {
        let r = resolve(&preset(MethodologyPreset::Iso27005_5x5)).unwrap();
        let expect: [[usize; 5]; 5] =
            [[0, 0, 1, 1, 1], [0, 1, 1, 2, 2], [1, 1, 2, 3, 3], [1, 2, 3, 3, 4], [2, 3, 3, 4, 4]];
        for (l, row) in expect.iter().enumerate() {
            for (c, want) in row.iter().enumerate() {
                assert_eq!(r.matrix[l][c], *want, "cell L{} C{}", l + 1, c + 1);
            }
        }
        assert_eq!(r.levels[r.appetite].id, "medium");
    }

    #[test]
    fn preset_nist_cell_by_cell_matches_table_i2() {
        let r = resolve(&preset(MethodologyPreset::Nist800_30)).unwrap();
        // Table I-2 as printed: very high likelihood first.
        let printed = [
            ["very_low", "low", "moderate", "high", "very_high"],
            ["very_low", "low", "moderate", "high", "very_high"],
            ["very_low", "low", "moderate", "moderate", "high"],
            ["very_low", "low", "low", "low", "moderate"],
            ["very_low", "very_low", "very_low", "low", "low"],
        ];
        let got = ids(&r);
        for (i, row) in printed.iter().enumerate() {
            assert_eq!(got[4 - i], row.to_vec());
        }
    }

    #[test]
    fn empty_methodology_defaults_to_5x5() {
        let r = resolve(&RiskMethodology::default()).unwrap();
        assert_eq!((r.likelihood_steps(), r.consequence_steps()), (5, 5));
    }

    #[test]
    fn bad_matrix_reports_every_problem_with_paths() {
        let mut m = preset(MethodologyPreset::Iso27005_3x3);
        m.preset = None;
        m.matrix[1][2] = "extreme".into();
        m.matrix[2].pop();
        m.appetite = Some("nope".into());
        let p = resolve(&m).unwrap_err();
        let paths: Vec<_> = p.iter().map(|p| p.path.as_str()).collect();
        assert!(paths.contains(&"$.risk_methodology.matrix[1][2]"), "{paths:?}");
        assert!(paths.contains(&"$.risk_methodology.matrix[2]"), "{paths:?}");
        assert!(paths.contains(&"$.risk_methodology.appetite"), "{paths:?}");
        assert!(p.iter().all(|p| p.code == "invalid_methodology"));
    }

    #[test]
    fn decreasing_matrix_is_rejected() {
        let mut m = preset(MethodologyPreset::Iso27005_3x3);
        m.matrix[0][0] = "high".into();
        let p = resolve(&m).unwrap_err();
        assert_eq!(p[0].path, "$.risk_methodology.matrix[0][0]");
    }

    #[test]
    fn aggregation_rules() {
        let mut r = resolve(&preset(MethodologyPreset::Iso27005_5x5)).unwrap();
        assert_eq!(r.aggregate(&[2, 4, 1]), Some(4));
        r.aggregation = Aggregation::Mean;
        assert_eq!(r.aggregate(&[2, 4, 1]), Some(3));
        r.aggregation = Aggregation::SumCapped;
        assert_eq!(r.aggregate(&[2, 4, 1]), Some(5));
        assert_eq!(r.aggregate(&[]), None);
    }
}
