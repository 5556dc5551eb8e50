//! Documented information, evidence, objectives, training and management
//! reviews: clauses 6.2, 7.2–7.5, 9.1, 9.3 (checklist steps 9–12).
use super::{Date, Extensions, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Kind of documented information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// A policy (top-level or topic-specific).
    Policy,
    /// A procedure or process description.
    Procedure,
    /// A plan (treatment plan, continuity plan, audit programme).
    Plan,
    /// A register or inventory.
    Register,
    /// A record: evidence that something happened (minutes, reports).
    Record,
    /// A standard, guideline or template.
    Standard,
    /// Anything else.
    Other,
}

/// Lifecycle of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Being written (the default).
    #[default]
    Draft,
    /// Approved and in force.
    Approved,
    /// Withdrawn; kept for the record.
    Retired,
}

/// A piece of documented information (7.5, checklist step 12).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentedInfo {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: DocumentKind,
    /// Keys of the mandatory documented information this document satisfies
    /// (see `isms catalog documents`), e.g. `information_security_policy`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub satisfies: Vec<String>,
    /// Status.
    #[serde(default)]
    pub status: DocumentStatus,
    /// Version label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Owner (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Approver (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<Id>,
    /// Approval date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub approved_on: Option<Date>,
    /// Date of the last review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub last_reviewed_on: Option<Date>,
    /// Review interval in days (default: `settings.document_review_days`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_interval_days: Option<u32>,
    /// Annex A or custom controls the document implements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    /// Where the document lives (URL or path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// An item of evidence (a screenshot, an export, a report, a ticket).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: String,
    /// When it was collected.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub collected_on: Date,
    /// How long it stays current, days (default: `settings.evidence_freshness_days`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_for_days: Option<u32>,
    /// Controls it shows operating.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    /// Who collected it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collected_by: Option<Id>,
    /// Where it is stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// An information security objective (6.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Unique id.
    pub id: Id,
    /// The objective.
    pub title: String,
    /// Owner (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// How it is measured, e.g. "% of staff trained".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// Target value of the metric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Whether higher values are better (default true).
    #[serde(default = "super::yes", skip_serializing_if = "super::is_true")]
    pub higher_is_better: bool,
    /// When the target should be met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub due_on: Option<Date>,
    /// Days between measurements (default 90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure_every_days: Option<u32>,
    /// Measurements taken (9.1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<Measurement>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// One measurement of an objective's metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    /// Date measured.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub on: Date,
    /// Value.
    pub value: f64,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Awareness and training (7.2, 7.3, checklist step 10).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// Courses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub courses: Vec<Course>,
    /// Completions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<TrainingRecord>,
}

impl Training {
    /// True when nothing is recorded.
    pub fn is_empty(&self) -> bool {
        self.courses.is_empty() && self.records.is_empty()
    }
}

/// A training or awareness course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Course {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: String,
    /// Whether everyone in the audience must complete it (default true).
    #[serde(default = "super::yes", skip_serializing_if = "super::is_true")]
    pub required: bool,
    /// Roles whose holders must take it; empty means everyone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audience_roles: Vec<Id>,
    /// New staff must complete it within this many days of their start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onboarding_days: Option<u32>,
    /// It must be repeated every this many days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recurrence_days: Option<u32>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// A completed course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrainingRecord {
    /// Who.
    pub person: Id,
    /// Which course.
    pub course: Id,
    /// When completed.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub completed_on: Date,
    /// Score, percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
}

/// Status of a planned meeting or audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Scheduled (the default).
    #[default]
    Planned,
    /// Under way.
    InProgress,
    /// Done.
    Completed,
    /// Called off.
    Cancelled,
}

/// A management review (9.3, checklist step 11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ManagementReview {
    /// Unique id.
    pub id: Id,
    /// Date held or planned.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub date: Date,
    /// Status.
    #[serde(default)]
    pub status: EventStatus,
    /// Attendees (people), including top management.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<Id>,
    /// The 9.3.2 inputs considered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<crate::model::ReviewInput>,
    /// Decisions taken (9.3.3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// The minutes (a document id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<Id>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// A management review decision or action (9.3.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Unique id.
    pub id: Id,
    /// The decision.
    pub description: String,
    /// Owner (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub due_on: Option<Date>,
    /// Completion date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub completed_on: Option<Date>,
}
