//! Risk methodology, register, treatment and the Statement of Applicability:
//! clauses 6.1.2, 6.1.3, 8.2, 8.3 (checklist steps 5–8).
//!
//! The document records the organisation's inputs (scales, ratings,
//! decisions); levels, ranks and verdicts are computed by the risk module,
//! never stored, so they cannot disagree with their inputs.
use super::{Cia, Date, Extensions, Id, Property};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How risks are identified (ISO/IEC 27005:2022).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Approach {
    /// Bottom-up: assets, threats, vulnerabilities; consequence follows from
    /// the value of the assets involved.
    AssetBased,
    /// Top-down: risk sources and event scenarios rated directly.
    EventBased,
    /// Both, per risk (a risk with assets and no direct consequence rating is
    /// asset-based, otherwise event-based). The default.
    #[default]
    Mixed,
}

/// How per-property (C, I, A) consequences combine into one consequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// The highest (the default, and the common practice).
    #[default]
    Max,
    /// The rounded-up mean.
    Mean,
    /// The sum, capped at the top of the scale.
    SumCapped,
}

/// A named starting point for the methodology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MethodologyPreset {
    /// 3×3 in the style of ISO/IEC 27005:2022.
    Iso27005_3x3,
    /// 4×4 in the style of ISO/IEC 27005:2022.
    Iso27005_4x4,
    /// 5×5 in the style of ISO/IEC 27005:2022 Annex A (as published by CISO Assistant).
    Iso27005_5x5,
    /// NIST SP 800-30 Rev. 1 five-level semi-quantitative scales, Table I-2.
    Nist800_30,
}

/// One step of a likelihood or consequence scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScaleStep {
    /// Short label, e.g. "Likely".
    pub label: String,
    /// What the step means, in the organisation's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Optional numeric anchor: lower bound (e.g. events per year or money).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Optional numeric anchor: upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

/// A risk level that matrix cells map to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskLevelDef {
    /// Identifier used in the matrix, e.g. `high`.
    pub id: String,
    /// Display label.
    pub label: String,
    /// Whether a risk at this level must be treated (is beyond the
    /// acceptance criteria unless explicitly accepted).
    pub requires_treatment: bool,
    /// Display colour, `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
}

/// The risk assessment methodology (6.1.2 a–e). Either a `preset`, or the
/// full set of scales, levels and matrix; explicit fields override a preset.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskMethodology {
    /// Start from a named preset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<MethodologyPreset>,
    /// Asset-based, event-based or mixed.
    #[serde(default, skip_serializing_if = "super::is_default")]
    pub approach: Approach,
    /// Likelihood scale, lowest first (step 1 = index 0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub likelihood_scale: Vec<ScaleStep>,
    /// Consequence scale, lowest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consequence_scale: Vec<ScaleStep>,
    /// Risk levels, lowest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<RiskLevelDef>,
    /// `matrix[likelihood-1][consequence-1]` = risk level id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matrix: Vec<Vec<String>>,
    /// How C, I and A consequences combine.
    #[serde(default, skip_serializing_if = "super::is_default")]
    pub aggregation: Aggregation,
    /// Risk appetite: the highest level that may be retained without
    /// treatment. Defaults to the highest level not requiring treatment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appetite: Option<String>,
    /// Longest validity of a residual-risk acceptance, in days (default: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance_validity_days: Option<u32>,
    /// The documented methodology (a document id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Id>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// A likelihood and consequence rating on the methodology's scales (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// Likelihood step, 1 = lowest.
    pub likelihood: u32,
    /// Overall consequence step. When absent, it is aggregated from the
    /// per-property consequences, or (asset-based) from the assets' values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consequence: Option<u32>,
    /// Consequence per security property.
    #[serde(default, skip_serializing_if = "Cia::is_empty")]
    pub cia: Cia,
}

/// The risk owner's acceptance of a residual risk (6.1.3 f).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// Who accepted (normally the risk owner).
    pub by: Id,
    /// When.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub on: Date,
    /// Until when the acceptance holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub valid_until: Option<Date>,
    /// Rationale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Lifecycle of a risk in the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    /// Identified, not yet assessed.
    Identified,
    /// Assessed and live (the default).
    #[default]
    Open,
    /// No longer relevant (asset retired, activity stopped).
    Closed,
}

/// A risk in the register (6.1.2, 8.2; checklist steps 5–6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Unique id.
    pub id: Id,
    /// Short title.
    pub title: String,
    /// The scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Status (default open).
    #[serde(default)]
    pub status: RiskStatus,
    /// Assets involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Id>,
    /// Threat or risk source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threat: Option<String>,
    /// Vulnerability exploited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability: Option<String>,
    /// Properties whose loss the scenario causes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affects: Vec<Property>,
    /// The risk owner (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Rating before treatment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherent: Option<Rating>,
    /// Rating expected after the selected treatment (target residual risk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual: Option<Rating>,
    /// When the risk was last assessed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub assessed_on: Option<Date>,
    /// The owner's acceptance of the residual risk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
    /// Optional quantitative (Open FAIR) model of the risk before treatment;
    /// `isms simulate` runs it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fair: Option<super::FairModel>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// The treatment option chosen for a risk (ISO/IEC 27005).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentOption {
    /// Reduce the risk with controls.
    Modify,
    /// Accept the risk as it is.
    Retain,
    /// Stop the activity that gives rise to the risk.
    Avoid,
    /// Transfer part of the risk (insurance, outsourcing).
    Share,
}

/// Status of a treatment action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    /// Planned, not started (the default).
    #[default]
    Planned,
    /// Work under way.
    InProgress,
    /// Finished.
    Done,
    /// Dropped.
    Cancelled,
}

/// An action in the treatment plan (6.1.3 e, checklist step 7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TreatmentAction {
    /// Unique id.
    pub id: Id,
    /// What is to be done.
    pub title: String,
    /// Who does it (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Target date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub due_on: Option<Date>,
    /// Status.
    #[serde(default)]
    pub status: ActionStatus,
    /// Progress, percent (0–100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<u32>,
    /// When the action was finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub completed_on: Option<Date>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// A treatment of one risk (6.1.3, 8.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    /// Unique id.
    pub id: Id,
    /// The risk treated.
    pub risk: Id,
    /// Option chosen.
    pub option: TreatmentOption,
    /// Controls relied upon: Annex A ids (`5.15`) or custom control ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<String>,
    /// Actions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<TreatmentAction>,
    /// Rationale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    /// Quantified effect of this treatment's controls on the risk's Open FAIR
    /// model (reductions and annual cost), for residual loss and ROSI.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fair_effects: Vec<super::ControlEffect>,
    /// Risk owner's approval of the plan (6.1.3 f): who.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<Id>,
    /// ... and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub approved_on: Option<Date>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// Implementation status of a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImplementationStatus {
    /// Nothing done yet (the default).
    #[default]
    NotStarted,
    /// Planned with an owner and date.
    Planned,
    /// Partly in place.
    PartiallyImplemented,
    /// In place and operating.
    Implemented,
}

/// An organisation-specific control (6.1.3 b: controls "from any source").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomControl {
    /// Unique id (must not look like an Annex A id).
    pub id: Id,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Owner (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Implementation status.
    #[serde(default)]
    pub status: ImplementationStatus,
    /// Annex A controls this one contributes to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annex_a: Vec<String>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// Why an Annex A control is included in the SoA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InclusionReason {
    /// Selected to treat an assessed risk.
    RiskTreatment,
    /// Required by law or regulation.
    LegalRegulatory,
    /// Required by a contract.
    Contractual,
    /// Business requirement or good practice.
    Business,
}

/// The Statement of Applicability (6.1.3 d, checklist step 8).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Soa {
    /// Version label, e.g. "1.3".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Who approved this version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_by: Option<Id>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub approved_on: Option<Date>,
    /// One entry per Annex A control.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<SoaEntry>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// One line of the Statement of Applicability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SoaEntry {
    /// Annex A control id, e.g. `5.15`.
    pub control: String,
    /// Whether the control is applicable (included).
    pub applicable: bool,
    /// Why it is included.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<InclusionReason>,
    /// Justification: for an exclusion, why it is not needed; for an
    /// inclusion, an optional note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// Implementation status.
    #[serde(default)]
    pub status: ImplementationStatus,
    /// Control owner (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Target date for implementation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub target_date: Option<Date>,
    /// Risks the control treats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Id>,
    /// Evidence of operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Id>,
    /// Documents implementing the control (policies, procedures).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Id>,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}
