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
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub planned_on: Option<Date>,
    /// First day performed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub start_on: Option<Date>,
    /// Last day performed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
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
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub start_on: Option<Date>,
    /// Last day (planned or actual).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
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
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub target_date: Option<Date>,
    /// External audits, planned and held.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audits: Vec<ExternalAudit>,
    /// Date of the (initial or latest re-) certification decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub decision_on: Option<Date>,
    /// Certificate number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_number: Option<String>,
    /// Certificate expiry (default: decision + validity years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub expires_on: Option<Date>,
    /// Certificate validity in years (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_years: Option<u32>,
    /// The certification body's own cycle rules, where they differ from the
    /// defaults of ISO/IEC 17021-1 and common practice (see [`CycleRules`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cycle_rules: Option<CycleRules>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// The rules of a certification cycle that certification bodies set
/// differently. Every field has a default; the source of each is given.
/// The certificate's validity is not repeated here: it is
/// [`Certification::validity_years`] (default 3, ISO/IEC 17021-1 9.1.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CycleRules {
    /// Latest first surveillance audit, months after the certification
    /// decision. Default 12 (ISO/IEC 17021-1 9.1.3: "not more than 12 months").
    pub first_surveillance_max_months: u32,
    /// Width of each surveillance window, months before its latest date.
    /// Default 3 (common CB practice, not a 17021-1 figure).
    pub surveillance_window_months: u32,
    /// Months before expiry by which the recertification audit should be held,
    /// so the CB can verify corrections and decide before expiry. Default 3
    /// (common CB practice; 17021-1 requires only "prior to expiration").
    pub recertification_lead_months: u32,
    /// Width of the recertification audit window, months before its latest
    /// date. Default 3 (common CB practice).
    pub recertification_window_months: u32,
    /// Months after expiry within which the CB can restore the certificate if
    /// the outstanding recertification activities are completed. Default 6
    /// (17021-1 9.6.3.2.5 as cited by IAF FAQ Q26; the FAQ allowed up to 12 in
    /// 2020).
    pub restoration_months: u32,
    /// Months after the last day of stage 2 within which the CB must verify the
    /// corrections and corrective actions of every major nonconformity, or
    /// hold another stage 2. Default 6 (CB regulations citing 17021-1).
    pub major_nc_closure_months: u32,
    /// Longest gap between stage 1 and stage 2 the CB accepts, months. Default
    /// none: 17021-1 fixes no maximum; the CB decides (EA FAQ, March 2025).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage2_max_gap_months: Option<u32>,
    /// Vendor data, untouched.
    #[serde(skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

impl Default for CycleRules {
    fn default() -> Self {
        Self {
            first_surveillance_max_months: 12,
            surveillance_window_months: 3,
            recertification_lead_months: 3,
            recertification_window_months: 3,
            restoration_months: 6,
            major_nc_closure_months: 6,
            stage2_max_gap_months: None,
            extensions: Extensions::new(),
        }
    }
}

/// Default deadlines for nonconformities by grade, where the nonconformity
/// sets no `due_on` of its own. Certification practice, not 27001 text: see
/// `facts.md` section 5 ("Closure rules").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct NcDeadlineRules {
    /// Days to close a major nonconformity (corrections and corrective actions
    /// implemented and verified). Default 90: the common CB response period
    /// (CB policy, not a 17021-1 requirement). For a major found at stage 2
    /// of an initial certification, [`CycleRules::major_nc_closure_months`]
    /// after the last day of stage 2 applies instead.
    pub major_days: u32,
    /// Days to close a minor nonconformity found internally. Default 180
    /// (organisation practice; no external source fixes it).
    pub minor_days: u32,
    /// Days to close a minor nonconformity from a CB audit when no next
    /// external audit is planned. Default 365: the CB verifies minors at the
    /// next audit, and surveillance is at least yearly.
    pub minor_external_days: u32,
    /// Days to act on an observation; default none (no deadline).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observation_days: Option<u32>,
    /// Days to act on an opportunity for improvement; default none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opportunity_days: Option<u32>,
    /// Window, days, within which two or more nonconformities against the same
    /// control or clause count as a recurrence. Default 365.
    pub recurrence_window_days: u32,
    /// Number of minor nonconformities on the same requirement within the
    /// window from which a systemic failure (a possible major, ISO/IEC
    /// 17021-1 3.12 note 1) is flagged. Default 3.
    pub systemic_minor_threshold: u32,
}

impl Default for NcDeadlineRules {
    fn default() -> Self {
        Self {
            major_days: 90,
            minor_days: 180,
            minor_external_days: 365,
            observation_days: None,
            opportunity_days: None,
            recurrence_window_days: 365,
            systemic_minor_threshold: 3,
        }
    }
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
    #[serde(deserialize_with = "crate::model::iso_date::date")]
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
    #[serde(deserialize_with = "crate::model::iso_date::date")]
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
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub due_on: Date,
    /// When done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub completed_on: Option<Date>,
}

/// The effectiveness review (10.2 d).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// Who verified (a person).
    pub by: Id,
    /// When.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
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
    #[serde(deserialize_with = "crate::model::iso_date::date")]
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
    #[serde(deserialize_with = "crate::model::iso_date::date")]
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
    #[serde(deserialize_with = "crate::model::iso_date::option")]
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
