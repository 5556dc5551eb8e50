//! Certification audit time from ISO/IEC 27006-1:2024 Annex C.
//!
//! **What this is**: Table C.1, the audit-time chart giving the auditor-days of
//! an initial certification audit (stage 1 + stage 2 together) by the number
//! of persons doing work under the organization's control; the adjustment
//! range for business and IT complexity; and the C.3.4 limit on counting a
//! group of persons doing identical simple work as fewer.
//!
//! **What this is not**: a certification body's quotation. A CB applies
//! further factors and its own rounding; surveillance and recertification
//! durations are not given here (not found for 27006-1 in the reference).
//!
//! **Serves**: planning for certification (ISO/IEC 27006-1 Annex C), not a
//! clause of ISO/IEC 27001.
//!
//! ## Provenance of the figures
//!
//! Source \[S17\] (`facts.md` section 5, "Audit time"):
//!
//! - Bands 1–10 … 2026–2675 persons: values read in one CB tool's reference
//!   table; band limits confirmed by a second CB page. `verified: true`.
//! - Bands 2676–3450 … 8501–10700: limits confirmed, but the day values (23 to
//!   28) are recollection only. `verified: false`.
//! - Above 10 700 persons the standard says to continue the progression. This
//!   module extrapolates: further bands of 2 200 persons each (the width of
//!   the last band), one more day per band, starting 10 701–12 900 → 29.
//!   `verified: false, extrapolated: true`.
//! - Complexity adjustment matrix: single source, \[S17\].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::token_enum;

/// One band of the audit-time chart.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AuditTimeBand {
    /// Smallest number of persons in the band (inclusive).
    pub min_persons: u32,
    /// Largest number of persons in the band (inclusive).
    pub max_persons: u32,
    /// Auditor-days of the initial audit, stage 1 and stage 2 together.
    pub initial_audit_days: f64,
    /// Whether the day value was read in a source (`false` for the bands
    /// above 2 675 persons and for extrapolated bands).
    pub verified: bool,
    /// Whether the band lies beyond the chart (above 10 700 persons) and was
    /// computed by continuing the progression.
    pub extrapolated: bool,
}

const fn band(min_persons: u32, max_persons: u32, initial_audit_days: f64, verified: bool) -> AuditTimeBand {
    AuditTimeBand { min_persons, max_persons, initial_audit_days, verified, extrapolated: false }
}

static CHART: [AuditTimeBand; 22] = [
    band(1, 10, 5.0, true),
    band(11, 15, 6.0, true),
    band(16, 25, 7.0, true),
    band(26, 45, 8.5, true),
    band(46, 65, 10.0, true),
    band(66, 85, 11.0, true),
    band(86, 125, 12.0, true),
    band(126, 175, 13.0, true),
    band(176, 275, 14.0, true),
    band(276, 425, 15.0, true),
    band(426, 625, 16.5, true),
    band(626, 875, 17.5, true),
    band(876, 1175, 18.5, true),
    band(1176, 1550, 19.5, true),
    band(1551, 2025, 21.0, true),
    band(2026, 2675, 22.0, true),
    band(2676, 3450, 23.0, false),
    band(3451, 4350, 24.0, false),
    band(4351, 5450, 25.0, false),
    band(5451, 6800, 26.0, false),
    band(6801, 8500, 27.0, false),
    band(8501, 10700, 28.0, false),
];

/// Width, in persons, of each extrapolated band above the chart.
pub const EXTRAPOLATED_BAND_WIDTH: u32 = 2200;

/// The bands of Table C.1 (1 to 10 700 persons), without extrapolation.
pub fn audit_time_chart() -> &'static [AuditTimeBand] {
    &CHART
}

/// The band for an organization of `persons` persons (effective number, see
/// [`minimum_effective_persons`]); `None` for 0. Above 10 700 persons the
/// band is extrapolated (see the module documentation).
pub fn initial_audit_days(persons: u32) -> Option<AuditTimeBand> {
    if persons == 0 {
        return None;
    }
    if let Some(b) = CHART.iter().find(|b| persons <= b.max_persons) {
        return Some(*b);
    }
    let last = CHART[CHART.len() - 1];
    let steps = (persons - last.max_persons - 1) / EXTRAPOLATED_BAND_WIDTH;
    let min_persons = last.max_persons + 1 + steps * EXTRAPOLATED_BAND_WIDTH;
    Some(AuditTimeBand {
        min_persons,
        max_persons: min_persons.saturating_add(EXTRAPOLATED_BAND_WIDTH - 1),
        initial_audit_days: last.initial_audit_days + f64::from(steps) + 1.0,
        verified: false,
        extrapolated: true,
    })
}

token_enum! {
    /// Grade of a business or IT complexity score.
    pub enum Level ("complexity level") {
        /// Score 3–4.
        Low => "low",
        /// Score 5–6.
        Medium => "medium",
        /// Score 7–9.
        High => "high",
    }
}

/// Grades a complexity score, the sum of three factors each rated 1–3
/// (so 3..=9); `None` outside that range.
pub const fn complexity_level(score: u8) -> Option<Level> {
    match score {
        3..=4 => Some(Level::Low),
        5..=6 => Some(Level::Medium),
        7..=9 => Some(Level::High),
        _ => None,
    }
}

/// The allowed adjustment of the chart's audit time for a combination of
/// business and IT complexity, as `(min, max)` percentages (e.g.
/// `(-30.0, -10.0)` means reduce by 10 % to 30 %).
pub const fn adjustment_range(business: Level, it: Level) -> (f64, f64) {
    match (business, it) {
        (Level::High, Level::Low) => (5.0, 20.0),
        (Level::High, Level::Medium) => (10.0, 50.0),
        (Level::High, Level::High) => (20.0, 100.0),
        (Level::Medium, Level::Low) => (-10.0, -5.0),
        (Level::Medium, Level::Medium) => (0.0, 0.0),
        (Level::Medium, Level::High) => (10.0, 50.0),
        (Level::Low, Level::Low) => (-30.0, -10.0),
        (Level::Low, Level::Medium) => (-10.0, -5.0),
        (Level::Low, Level::High) => (5.0, 20.0),
    }
}

/// The fewest persons a group of `group_size` persons doing identical,
/// simple, repetitive work may be counted as (27006-1 C.3.4): the square root
/// of the group, rounded up. The reduction is a maximum, not an entitlement.
pub const fn minimum_effective_persons(group_size: u32) -> u32 {
    let root = group_size.isqrt();
    if root * root == group_size { root } else { root + 1 }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn days(p: u32) -> f64 {
        initial_audit_days(p).unwrap().initial_audit_days
    }

    #[test]
    fn band_edges() {
        assert!(initial_audit_days(0).is_none());
        assert_eq!(days(1), 5.0);
        assert_eq!(days(10), 5.0);
        assert_eq!(days(11), 6.0);
        assert_eq!(days(45), 8.5);
        assert_eq!(days(46), 10.0);
        assert_eq!(days(2675), 22.0);
        assert!(initial_audit_days(2675).unwrap().verified);
        let b = initial_audit_days(2676).unwrap();
        assert_eq!((b.initial_audit_days, b.verified, b.extrapolated), (23.0, false, false));
        let b = initial_audit_days(10_700).unwrap();
        assert_eq!((b.initial_audit_days, b.verified, b.extrapolated), (28.0, false, false));
    }

    #[test]
    fn chart_is_contiguous() {
        let chart = audit_time_chart();
        assert_eq!(chart[0].min_persons, 1);
        for w in chart.windows(2) {
            assert_eq!(w[1].min_persons, w[0].max_persons + 1);
            assert!(w[1].initial_audit_days > w[0].initial_audit_days);
        }
        assert_eq!(chart.iter().filter(|b| b.verified).count(), 16);
    }

    #[test]
    fn extrapolation() {
        let b = initial_audit_days(10_701).unwrap();
        assert_eq!((b.min_persons, b.max_persons, b.initial_audit_days), (10_701, 12_900, 29.0));
        assert!(b.extrapolated && !b.verified);
        assert_eq!(days(12_900), 29.0);
        assert_eq!(days(12_901), 30.0);
        let top = initial_audit_days(u32::MAX).unwrap();
        assert!(top.min_persons > 10_700 && top.max_persons == u32::MAX);
    }

    #[test]
    fn complexity() {
        assert_eq!(complexity_level(2), None);
        assert_eq!(complexity_level(3), Some(Level::Low));
        assert_eq!(complexity_level(4), Some(Level::Low));
        assert_eq!(complexity_level(5), Some(Level::Medium));
        assert_eq!(complexity_level(6), Some(Level::Medium));
        assert_eq!(complexity_level(7), Some(Level::High));
        assert_eq!(complexity_level(9), Some(Level::High));
        assert_eq!(complexity_level(10), None);
        assert_eq!(adjustment_range(Level::Low, Level::Low), (-30.0, -10.0));
        assert_eq!(adjustment_range(Level::High, Level::High), (20.0, 100.0));
        assert_eq!(adjustment_range(Level::Medium, Level::Medium), (0.0, 0.0));
        for &b in Level::ALL {
            for &i in Level::ALL {
                let (lo, hi) = adjustment_range(b, i);
                assert!(lo <= hi);
            }
        }
    }

    #[test]
    fn effective_persons() {
        assert_eq!(minimum_effective_persons(0), 0);
        assert_eq!(minimum_effective_persons(1), 1);
        assert_eq!(minimum_effective_persons(2), 2);
        assert_eq!(minimum_effective_persons(100), 10);
        assert_eq!(minimum_effective_persons(101), 11);
        assert_eq!(minimum_effective_persons(u32::MAX), 65_536);
    }
}
