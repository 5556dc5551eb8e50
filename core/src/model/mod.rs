//! The ISMS document: one serde type tree that is the wire format of every
//! binding (`schema/isms.schema.json` is generated from it).
//!
//! Conventions, held throughout:
//! - JSON field names are `snake_case`; enum values are `snake_case` strings.
//! - Dates are ISO 8601 calendar dates (`2026-03-31`), never date-times: an
//!   ISMS is managed in days, and a date has no time zone to get wrong.
//! - Entities carry a stable string `id`, unique across the **whole**
//!   document, so a reference can be checked for both existence and kind.
//! - Unknown fields are rejected, except inside `extensions`, an object on
//!   the document and on every entity that round-trips untouched (vendors keep
//!   their own data there).
//! - Optional collections default to empty and are omitted when empty, so a
//!   minimal document stays minimal.
//!
//! What this module is not: it holds no rules. Integrity checks live in
//! [`crate::validate`], compliance rules in the evaluation modules.
mod assurance;
mod entity;
mod extensions;
mod fair;
mod governance;
mod monitoring;
mod operations;
mod pointer;
mod risk;
mod waiver;

pub use assurance::*;
pub use entity::{EntityKind, EntityRef};
pub use extensions::{ExtValue, Extensions};
pub use fair::{ControlEffect, DEFAULT_PERT_SHAPE, Distribution, FairModel, Frequency, SecondaryLoss, Vulnerability};
pub use governance::*;
pub use monitoring::{ControlMonitoring, MonitorOverride, MonitoringSettings};
pub use operations::*;
pub use pointer::Pointers;
pub use risk::*;
pub use waiver::{RuleSetting, Waiver};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A stable identifier of an entity, unique within a document.
pub type Id = String;

/// A calendar date (ISO 8601, `YYYY-MM-DD`).
pub type Date = chrono::NaiveDate;

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: &str = "1.0";

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
pub(crate) fn is_true(b: &bool) -> bool {
    *b
}
pub(crate) fn yes() -> bool {
    true
}
pub(crate) fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

/// The whole ISMS: every area of ISO/IEC 27001:2022 clauses 4–10 and Annex A
/// that the engine reasons about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The JSON Schema the document declares for editors (`"$schema"`, e.g.
    /// `"./schema/isms.schema.json"`), so they validate and complete it as it
    /// is typed. Kept as written (first, by `isms fmt` too) and never read
    /// by the engine: it changes no result.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    /// Version of this document format, `"1.0"`.
    pub schema_version: String,
    /// The organisation running the ISMS, its units and sites (clause 4.1).
    pub organization: Organization,
    /// Internal and external issues, interested parties (4.1, 4.2).
    #[serde(default, skip_serializing_if = "Context::is_empty")]
    pub context: Context,
    /// The ISMS scope (4.3).
    #[serde(default, skip_serializing_if = "is_default")]
    pub scope: Scope,
    /// Tunable thresholds the rules use (review intervals, freshness windows).
    #[serde(default, skip_serializing_if = "is_default")]
    pub settings: Settings,
    /// People who do work under the organisation's control (5.3, 7.2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// ISMS roles and who holds them (5.3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// The information classification scheme (Annex A 5.12).
    #[serde(default, skip_serializing_if = "is_default")]
    pub classification_scheme: ClassificationScheme,
    /// The asset inventory (Annex A 5.9).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Asset>,
    /// How risks are assessed and evaluated (6.1.2 a).
    #[serde(default, skip_serializing_if = "is_default")]
    pub risk_methodology: RiskMethodology,
    /// The risk register (6.1.2, 8.2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
    /// The risk treatment plan (6.1.3, 8.3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub treatments: Vec<Treatment>,
    /// Organisation-specific controls, beyond Annex A (6.1.3 b).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<CustomControl>,
    /// The Statement of Applicability (6.1.3 d).
    #[serde(default, skip_serializing_if = "is_default")]
    pub soa: Soa,
    /// Documented information: policies, procedures, plans, records (7.5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentedInfo>,
    /// Evidence that controls operate (9.1, and what auditors sample).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Information security objectives and their measurement (6.2, 9.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
    /// Awareness and training: courses and completions (7.2, 7.3).
    #[serde(default, skip_serializing_if = "Training::is_empty")]
    pub training: Training,
    /// Management reviews (9.3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub management_reviews: Vec<ManagementReview>,
    /// Internal audits (9.2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub internal_audits: Vec<InternalAudit>,
    /// The external certification cycle (ISO/IEC 17021-1).
    #[serde(default, skip_serializing_if = "is_default")]
    pub certification: Certification,
    /// Nonconformities and corrective action (10.2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nonconformities: Vec<Nonconformity>,
    /// Time-limited acceptances of findings, each approved by a person with
    /// a justification and an expiry (see `docs/waivers.md`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// Tunable thresholds used by the rules. Every field has a documented default
/// grounded in common certification practice; organisations change them here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Days after which a document is due for review, unless the document
    /// sets its own interval. Default 365.
    pub document_review_days: u32,
    /// Days for which evidence stays current, unless the evidence sets its
    /// own window. Default 365.
    pub evidence_freshness_days: u32,
    /// Days after which a risk must be reassessed. Default 365.
    pub risk_review_days: u32,
    /// Months between management reviews: 12 (yearly, the default) or 3 for
    /// a quarterly cadence.
    pub management_review_interval_months: u32,
    /// Years over which the internal audit programme must cover every clause
    /// and every applicable control. Default 3 (the certification cycle).
    pub internal_audit_cycle_years: u32,
    /// Days ahead of a deadline at which a finding warns that it is coming.
    /// Default 30.
    pub warning_window_days: u32,
    /// Default deadlines for nonconformities by grade; absent means the
    /// documented defaults of [`NcDeadlineRules`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nc_deadlines: Option<NcDeadlineRules>,
    /// Whether the person who verifies the effectiveness of a
    /// nonconformity's corrective actions may be one who implemented them (an
    /// action's owner, or who recorded its implementation). Default `false`:
    /// the effectiveness review should be independent of the work reviewed;
    /// a very small organisation may have to allow it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nc_verifier_may_be_implementer: bool,
    /// Continuous monitoring from automated tests: cadence, tolerance,
    /// overrides; absent means the documented defaults of
    /// [`MonitoringSettings`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<MonitoringSettings>,
    /// Rules this organisation disables or runs at another severity, each
    /// with a reason; every one is listed in the evaluation.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleSetting>,
    /// Vendor data, untouched.
    #[serde(skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            document_review_days: 365,
            evidence_freshness_days: 365,
            risk_review_days: 365,
            management_review_interval_months: 12,
            internal_audit_cycle_years: 3,
            warning_window_days: 30,
            nc_deadlines: None,
            nc_verifier_may_be_implementer: false,
            monitoring: None,
            rules: Vec::new(),
            extensions: Extensions::new(),
        }
    }
}

/// Confidentiality, integrity and availability: the three information
/// security properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Property {
    /// Confidentiality.
    Confidentiality,
    /// Integrity.
    Integrity,
    /// Availability.
    Availability,
}

impl Property {
    /// All three, in C, I, A order.
    pub const ALL: [Property; 3] = [Property::Confidentiality, Property::Integrity, Property::Availability];
}

/// A value per security property (each optional).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cia {
    /// Confidentiality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<u32>,
    /// Integrity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<u32>,
    /// Availability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<u32>,
}

impl Cia {
    /// The value for one property.
    pub fn get(&self, p: Property) -> Option<u32> {
        match p {
            Property::Confidentiality => self.confidentiality,
            Property::Integrity => self.integrity,
            Property::Availability => self.availability,
        }
    }
    /// True when no property has a value.
    pub fn is_empty(&self) -> bool {
        self.confidentiality.is_none() && self.integrity.is_none() && self.availability.is_none()
    }
}

/// Strict ISO 8601 calendar dates (`YYYY-MM-DD`, exactly ten characters) for
/// the document's date fields. chrono's own parser also takes `2026-1-1` and
/// surrounding spaces, which the published schema (`format: date`) rejects.
pub(crate) mod iso_date {
    use super::Date;
    use serde::{Deserialize, Deserializer, de::Error};

    fn parse<E: Error>(s: &str) -> Result<Date, E> {
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return Err(E::custom(format!("`{s}` is not a date in the form YYYY-MM-DD")));
        }
        Date::parse_from_str(s, "%Y-%m-%d").map_err(|_| E::custom(format!("`{s}` is not a calendar date")))
    }

    struct DateVisitor;

    impl serde::de::Visitor<'_> for DateVisitor {
        type Value = Date;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a date string YYYY-MM-DD")
        }
        fn visit_str<E: Error>(self, s: &str) -> Result<Date, E> {
            parse(s)
        }
    }

    /// A required date.
    pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_str(DateVisitor)
    }

    /// An optional date (`null` or absent: none).
    pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(deserialize_with = "date")] Date);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|Wrapped(v)| v))
    }
}
