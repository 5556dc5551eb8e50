//! Internal audit, management review inputs, certification and
//! nonconformities: clauses 9.2, 9.3.2, 10.2, ISO/IEC 17021-1 (checklist
//! steps 11, 13–16).
use super::{Date, Extensions, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The inputs a management review must consider (9.3.2); the catalog's
/// enumeration, re-exported so the document model names it.
pub use crate::catalog::ManagementReviewInput as ReviewInput;

/// What an internal audit covers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditScope {
    /// Clauses audited (`4`..`10` or sub-clauses such as `9.2`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<String>,
    /// Annex A controls audited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    /// Units audited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<Id>,
}

/// Grade of an audit finding or nonconformity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// Affects the ability of the ISMS to achieve its intended results
    /// (ISO/IEC 17021-1 3.12).
    Major,
    /// Does not affect that ability (ISO/IEC 17021-1 3.13).
    Minor,
    /// A weakness that could become a nonconformity.
    Observation,
    /// An opportunity for improvement.
    Opportunity,
}

/// A finding recorded in an audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditFinding {
    /// Unique id.
    pub id: Id,
    /// Grade.
    pub grade: Grade,
    /// What was found.
    pub description: String,
    /// Clause concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// Control concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// Nonconformity raised from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonconformity: Option<Id>,
}

/// An internal audit (9.2, checklist step 13).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InternalAudit {
    /// Unique id.
    pub id: Id,
    /// Title.
    pub title: String,
    /// Status.
    #[serde(default)]
    pub status: super::EventStatus,
    /// Planned start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_on: Option<Date>,
    /// First day performed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_on: Option<Date>,
    /// Last day performed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_on: Option<Date>,
    /// Auditors (people); must be independent of what they audit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auditors: Vec<Id>,
    /// An external auditing firm, if outsourced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_firm: Option<String>,
    /// What it covers.
    #[serde(default)]
    pub scope: AuditScope,
    /// Findings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<AuditFinding>,
    /// The audit report (a document id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Id>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// Kind of external (certification body) audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExternalAuditKind {
    /// Stage 1: documentation and readiness review.
    Stage1,
    /// Stage 2: implementation and effectiveness.
    Stage2,
    /// Yearly surveillance.
    Surveillance,
    /// Recertification before expiry.
    Recertification,
    /// Special or short-notice audit.
    Special,
}

/// Outcome of an external audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    /// No nonconformities.
    Passed,
    /// Passed with nonconformities to close.
    PassedWithFindings,
    /// Not passed.
    Failed,
}

/// An audit by the certification body (checklist steps 14 and 16).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalAudit {
    /// Unique id.
    pub id: Id,
    /// Kind.
    pub kind: ExternalAuditKind,
    /// Status.
    #[serde(default)]
    pub status: super::EventStatus,
    /// First day (planned or actual).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_on: Option<Date>,
    /// Last day (planned or actual).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_on: Option<Date>,
    /// Lead auditor's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_auditor: Option<String>,
    /// Outcome, once completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<AuditOutcome>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// The certification cycle (ISO/IEC 17021-1, ISO/IEC 27006-1).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    /// The certification body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Target date for the certification decision, while not yet certified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_date: Option<Date>,
    /// External audits, planned and held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audits: Vec<ExternalAudit>,
    /// Date of the (initial or latest re-) certification decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_on: Option<Date>,
    /// Certificate number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_number: Option<String>,
    /// Certificate expiry (default: decision + validity years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_on: Option<Date>,
    /// Certificate validity in years (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_years: Option<u32>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// Where a nonconformity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NcSource {
    /// An internal audit.
    InternalAudit,
    /// A certification body audit.
    ExternalAudit,
    /// A security incident.
    Incident,
    /// A management review.
    ManagementReview,
    /// A complaint from a customer or other party.
    Complaint,
    /// Found by the organisation in day-to-day work.
    SelfIdentified,
}

/// Lifecycle state of a nonconformity (10.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NcState {
    /// Recorded, nothing done yet (the default).
    #[default]
    Raised,
    /// Contained and corrected (10.2 a).
    Corrected,
    /// Causes determined (10.2 b).
    RootCauseAnalysed,
    /// Corrective actions planned with owners and dates.
    ActionPlanned,
    /// Corrective actions carried out (10.2 c).
    Implemented,
    /// Effectiveness reviewed and confirmed (10.2 d).
    Verified,
    /// Closed.
    Closed,
    /// Not a nonconformity after review.
    Rejected,
    /// Withdrawn (duplicate, raised in error).
    Cancelled,
}

/// The correction: immediate action to contain and fix (10.2 a).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// What was done.
    pub description: String,
    /// When.
    pub on: Date,
}

/// The root-cause analysis (10.2 b).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RootCause {
    /// The causes found.
    pub description: String,
    /// Method, e.g. "5 whys".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// When.
    pub on: Date,
    /// Whether similar nonconformities exist or could occur (10.2 b 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similar_elsewhere: Option<String>,
}

/// A corrective action (10.2 c).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectiveAction {
    /// Unique id.
    pub id: Id,
    /// What is to be done.
    pub description: String,
    /// Who (a person).
    pub owner: Id,
    /// By when.
    pub due_on: Date,
    /// When done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_on: Option<Date>,
}

/// The effectiveness review (10.2 d).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// Who verified (a person).
    pub by: Id,
    /// When.
    pub on: Date,
    /// Whether the actions were effective.
    pub effective: bool,
    /// Evidence reviewed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Id>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One recorded lifecycle transition: the append-only audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NcTransition {
    /// The action taken, e.g. `correct`.
    pub action: String,
    /// State before.
    pub from: NcState,
    /// State after.
    pub to: NcState,
    /// When.
    pub on: Date,
    /// Who (a person id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Id>,
    /// Note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A nonconformity and its corrective action (10.2, checklist step 15).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Nonconformity {
    /// Unique id.
    pub id: Id,
    /// Short title.
    pub title: String,
    /// What requirement is not fulfilled, and the evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where it came from.
    pub source: NcSource,
    /// Grade.
    pub grade: Grade,
    /// When raised.
    pub raised_on: Date,
    /// Who raised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised_by: Option<Id>,
    /// The internal or external audit it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<Id>,
    /// Clauses concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<String>,
    /// Annex A controls concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    /// Risks concerned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Id>,
    /// Who is responsible for resolving it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Current state.
    #[serde(default)]
    pub state: NcState,
    /// Deadline override (default: from the grade).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<Date>,
    /// The correction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
    /// The root cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub root_cause: Option<RootCause>,
    /// Corrective actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<CorrectiveAction>,
    /// The effectiveness review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
    /// Every transition so far, oldest first; append-only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<NcTransition>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}
