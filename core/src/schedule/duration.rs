//! Certification audit duration from ISO/IEC 27006-1:2024 Annex C (Table
//! C.1 and the complexity adjustment), for planning and budgeting.
//!
//! Persons in scope: `organization.headcount` when given, else the people of
//! the document active on `as_of` (employees and externals alike: "persons
//! doing work under the organization's control"), unless the caller passes an
//! effective number (C.3.4 reduction). Bands whose figures the reference could
//! not verify are marked `verified: false`. Surveillance and recertification
//! durations are not estimated: the reference found no 27006 figure.
use crate::catalog::{self, Level};
use crate::model::{Date, Document};
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Optional adjustment inputs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DurationFactors {
    /// Business complexity score, 3–9 (three factors rated 1–3).
    pub business_score: Option<u8>,
    /// IT complexity score, 3–9.
    pub it_score: Option<u8>,
    /// Effective number of persons, overriding the count (e.g. after the
    /// C.3.4 reduction for identical simple work).
    pub effective_persons: Option<u32>,
}

/// Where the number of persons came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PersonsSource {
    /// `organization.headcount`.
    Headcount,
    /// People active on the date.
    ActivePeople,
    /// The caller's effective number.
    Effective,
}

/// An audit-time estimate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DurationEstimate {
    /// Persons counted.
    pub persons: u32,
    /// Where the count came from.
    pub persons_source: PersonsSource,
    /// The Table C.1 band.
    pub band: catalog::AuditTimeBand,
    /// Auditor-days of the initial audit (stage 1 + stage 2) before adjustment.
    pub initial_audit_days: f64,
    /// Business complexity level, when a score was given.
    pub business_level: Option<Level>,
    /// IT complexity level, when a score was given.
    pub it_level: Option<Level>,
    /// Allowed adjustment, percent (min, max); (0, 0) without both scores.
    pub adjustment_percent: (f64, f64),
    /// Adjusted auditor-days (min, max).
    pub adjusted_days: (f64, f64),
    /// Whether every figure used is verified in the reference.
    pub verified: bool,
}

/// Estimates the initial certification audit time for `doc`.
///
/// # Errors
/// [`Error::InvalidArgument`] when no person is counted or a score is outside
/// 3–9.
pub fn audit_duration(doc: &Document, as_of: Date, factors: &DurationFactors) -> Result<DurationEstimate> {
    let (persons, persons_source) = match (factors.effective_persons, doc.organization.headcount) {
        (Some(p), _) => (p, PersonsSource::Effective),
        (None, Some(h)) => (h, PersonsSource::Headcount),
        (None, None) => {
            let n = doc.people.iter().filter(|p| p.is_active_on(as_of)).count();
            (u32::try_from(n).unwrap_or(u32::MAX), PersonsSource::ActivePeople)
        }
    };
    let band = catalog::initial_audit_days(persons).ok_or_else(|| {
        Error::invalid_argument("$.organization.headcount", "no persons in scope: set a headcount or list people")
    })?;
    let level = |score: Option<u8>, path: &str| -> Result<Option<Level>> {
        score
            .map(|s| {
                catalog::complexity_level(s)
                    .ok_or_else(|| Error::invalid_argument(path, format!("score {s} is not in 3..=9")))
            })
            .transpose()
    };
    let business_level = level(factors.business_score, "$.business_score")?;
    let it_level = level(factors.it_score, "$.it_score")?;
    let adjustment_percent = match (business_level, it_level) {
        (Some(b), Some(i)) => catalog::adjustment_range(b, i),
        _ => (0.0, 0.0),
    };
    let days = band.initial_audit_days;
    let adjusted_days = (days * (1.0 + adjustment_percent.0 / 100.0), days * (1.0 + adjustment_percent.1 / 100.0));
    Ok(DurationEstimate {
        persons,
        persons_source,
        band,
        initial_audit_days: days,
        business_level,
        it_level,
        adjustment_percent,
        adjusted_days,
        verified: band.verified,
    })
}
