//! Request types of the operations table, and the few response types that
//! exist only at the engine's boundary ([`Verdict`], [`CatalogRule`]).
//!
//! Every request is a JSON object with `deny_unknown_fields`, so a misspelt
//! parameter is an error rather than a silently ignored default. Dates are
//! required: the core reads no clock, and each front end supplies "today"
//! itself. Defaults are documented on each field.
use crate::evaluate::{Evaluation, Severity};
use crate::model::{Date, Document, MethodologyPreset};
use crate::nc::NcAction;
use crate::quant::{ControlEffect, FairModel, SimulationOptions};
use crate::schedule::{DurationFactors, ProgrammeOptions};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A request with no parameters: `{}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoParams {}

/// A request that only names the date the computation refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AsOfRequest {
    /// The date statuses, deadlines and freshness are judged on.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
}

fn blocker() -> Severity {
    Severity::Blocker
}

/// `verdict`: does the evaluation fail at a severity threshold?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictRequest {
    /// The evaluation date.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
    /// Fail when any finding is at least this severe (default `blocker`).
    #[serde(default = "blocker")]
    pub fail_on: Severity,
}

/// The `--fail-on` verdict of an evaluation: the CI gate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// The evaluation date.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
    /// The threshold.
    pub fail_on: Severity,
    /// Whether a finding reaches the threshold.
    pub fails: bool,
    /// The most severe finding's severity (absent without findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub worst: Option<Severity>,
    /// Findings at or above the threshold (waived findings apart).
    pub failing_findings: u32,
    /// All findings not waived.
    pub total_findings: u32,
}

impl Verdict {
    /// The verdict of `e` at `fail_on`.
    pub fn of(e: &Evaluation, fail_on: Severity) -> Self {
        Verdict {
            as_of: e.as_of,
            fail_on,
            fails: e.fails(fail_on),
            worst: e.worst(),
            failing_findings: e.findings.iter().filter(|f| !f.is_waived() && f.severity.at_least(fail_on)).count()
                as u32,
            total_findings: e.findings.iter().filter(|f| !f.is_waived()).count() as u32,
        }
    }
}

/// `drift`: one document at two dates, or against a newer version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DriftRequest {
    /// The date this document is evaluated on.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
    /// The date the other side is evaluated on (default `as_of` when
    /// `newer` is given; required without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub to: Option<Date>,
    /// A newer version of the document (validated like this one); absent,
    /// the document is compared with itself at `to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newer: Option<Document>,
    /// The CI threshold of [`crate::evaluate::Drift::fails`] (default
    /// `blocker`); it does not change the drift itself.
    #[serde(default = "blocker")]
    pub fail_on_new: Severity,
}

/// `heatmap`: the risk heat maps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeatmapRequest {
    /// The assessment date.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
    /// Draw residual instead of inherent levels in the SVG (default false;
    /// the JSON holds both).
    #[serde(default)]
    pub residual: bool,
}

/// `simulate`: Open FAIR simulation of the document's quantified risks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulateRequest {
    /// Only this risk (default: every risk with a `fair` model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<String>,
    /// Trials, seed, tolerance, ... (defaults: see `SimulationOptions`).
    #[serde(default)]
    pub options: SimulationOptions,
}

/// `simulate_model`: one Open FAIR model, no document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulateModelRequest {
    /// The model.
    pub model: FairModel,
    /// Trials, seed, tolerance, ... (defaults: see `SimulationOptions`).
    #[serde(default)]
    pub options: SimulationOptions,
}

/// One risk of a portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioRisk {
    /// Its id (its random stream derives from the seed and this id).
    pub id: String,
    /// Its model.
    pub model: FairModel,
}

/// `simulate_portfolio`: several models, years summed across them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortfolioRequest {
    /// The risks (ids distinct).
    pub risks: Vec<PortfolioRisk>,
    /// Trials, seed, ... (defaults: see `SimulationOptions`).
    #[serde(default)]
    pub options: SimulationOptions,
}

/// `compare`: a model before and after a treatment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    /// Before treatment.
    pub before: FairModel,
    /// After treatment.
    pub after: FairModel,
    /// The treatment's cost a year (≥ 0).
    pub annual_cost: f64,
    /// Trials, seed, ... (defaults: see `SimulationOptions`).
    #[serde(default)]
    pub options: SimulationOptions,
}

/// `rosi`: a model and the control effects applied to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosiRequest {
    /// The model before treatment.
    pub model: FairModel,
    /// The controls' effects (their costs are summed).
    pub controls: Vec<ControlEffect>,
    /// Trials, seed, ... (defaults: see `SimulationOptions`).
    #[serde(default)]
    pub options: SimulationOptions,
}

/// `analytic_mean`: one model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ModelRequest {
    /// The model.
    pub model: FairModel,
}

/// `soa_diff`: this SoA against a newer document's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SoaDiffRequest {
    /// The newer document (validated like this one).
    pub newer: Document,
}

/// `calendar` and `management_review_plan`: a date range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RangeRequest {
    /// First day, and the date statuses refer to.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub from: Date,
    /// Last day, inclusive (default one year after `from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub to: Option<Date>,
}

impl RangeRequest {
    /// The last day: `to`, or one year after `from`.
    pub fn end(&self) -> Date {
        self.to.unwrap_or_else(|| crate::schedule::add_years(self.from, 1))
    }
}

/// `audit_programme`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeRequest {
    /// The planning date.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
    /// Audits and lead time (defaults: see `ProgrammeOptions`).
    #[serde(default)]
    pub options: ProgrammeOptions,
}

/// `audit_duration`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DurationRequest {
    /// The date people are counted on.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
    /// Complexity scores and effective persons (all optional).
    #[serde(default)]
    pub factors: DurationFactors,
}

/// `nc_show`: one nonconformity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NcShowRequest {
    /// The nonconformity's id.
    pub id: String,
    /// The date its deadline status is judged on.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
}

/// `nc_transition`: one lifecycle action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NcTransitionRequest {
    /// The nonconformity's id.
    pub id: String,
    /// The action (`{"action": "correct", "on": ..., "by": ..., ...}`).
    pub action: NcAction,
}

/// `catalog_annex_a`: Annex A controls, optionally filtered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnexARequest {
    /// Only this theme: `organizational`, `people`, `physical` or `technological`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Only controls with this attribute value, e.g. `control_type=preventive`
    /// or `#Preventive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<String>,
}

/// `catalog_mapping`: the 2013 → 2022 correspondence, optionally one control.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MappingRequest {
    /// Only the 2022 successors of this 2013 control, e.g. `A.18.2.3`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_2013: Option<String>,
    /// Only the 2013 predecessors of this 2022 control, e.g. `5.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_2022: Option<String>,
}

/// `catalog_control`: one Annex A control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlRequest {
    /// Its id, `5.1` or `A.5.1`.
    pub id: String,
}

/// `methodology_preset`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PresetRequest {
    /// The preset's name.
    pub preset: MethodologyPreset,
}

/// `schema`: one published JSON Schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchemaRequest {
    /// Its name (`isms`, `evaluation`, `evaluate.request`, ...; the
    /// `schemas` operation lists them).
    pub name: String,
}

/// One rule of the evaluation catalogue, as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogRule {
    /// Stable id, `area.what`.
    pub id: String,
    /// One-line title.
    pub title: String,
    /// Clause of ISO/IEC 27001:2022 served.
    pub clause: String,
    /// Annex A control served, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// Default severity.
    pub severity: Severity,
    /// The stage whose verdict its blockers affect (`stage1`, `stage2`).
    pub stage: String,
    /// Checklist steps (1–17) it helps complete.
    pub steps: Vec<u8>,
    /// What it checks.
    pub description: String,
    /// What to do when it fires.
    pub remediation: String,
    /// Why its default severity is what it is.
    pub grounds: CatalogGrounds,
}

/// The grounds of a rule's default severity, as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogGrounds {
    /// `requirement` (the standard or ISO/IEC 17021-1 requires it: major or
    /// blocker), `lapse` (a single lapse of a required process: minor),
    /// `recommendation` (good practice or the checklist: minor or info) or
    /// `engine_default` (the engine's own configurable figure or cadence).
    pub basis: String,
    /// The clause, control or checklist step it rests on.
    pub source: String,
    /// The setting that configures its figure or cadence, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setting: Option<String>,
    /// Why the default severity is what it is.
    pub reason: String,
}

impl From<&crate::evaluate::Rule> for CatalogRule {
    fn from(r: &crate::evaluate::Rule) -> Self {
        CatalogRule {
            id: r.id.to_owned(),
            title: r.title.to_owned(),
            clause: r.clause.to_owned(),
            control: r.control.map(str::to_owned),
            severity: r.severity,
            stage: match r.stage {
                crate::evaluate::Stage::Stage1 => "stage1".to_owned(),
                crate::evaluate::Stage::Stage2 => "stage2".to_owned(),
            },
            steps: r.steps.to_vec(),
            description: r.description.to_owned(),
            remediation: r.remediation.to_owned(),
            grounds: match crate::evaluate::grounds(r.id) {
                Some(g) => CatalogGrounds {
                    basis: g.basis.as_str().to_owned(),
                    source: g.source.to_owned(),
                    setting: g.setting.map(str::to_owned),
                    reason: g.reason.to_owned(),
                },
                None => {
                    CatalogGrounds { basis: String::new(), source: String::new(), setting: None, reason: String::new() }
                }
            },
        }
    }
}

/// `evaluate` and `report`: the verdict (or the report) on a date,
/// optionally with automated test results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluateRequest {
    /// The date statuses, deadlines and freshness are judged on.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
    /// Automated test results (neutral records); the `monitoring.*` rules
    /// judge them. Absent: the document alone is evaluated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<crate::monitor::ResultRecord>>,
}

/// `monitor_summary` and `monitor_coverage`: results judged on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitorRequest {
    /// The date judged (results observed later are ignored).
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub as_of: Date,
    /// The results (neutral records).
    pub results: Vec<crate::monitor::ResultRecord>,
}

/// `monitor_drift`: control health on two dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitorDriftRequest {
    /// The first date.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub from: Date,
    /// The second date.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub to: Date,
    /// The results known on `from` (neutral records).
    pub results: Vec<crate::monitor::ResultRecord>,
    /// Later results, added to `results` for `to` (default none: the same
    /// results judged on both dates).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub newer_results: Vec<crate::monitor::ResultRecord>,
}

/// `monitor_ingest`: a scanner's output converted to neutral records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitorIngestRequest {
    /// The input's format.
    pub input_format: crate::monitor::InputFormat,
    /// The scanner's output, as text.
    pub input: String,
    /// A check → control mapping table (CSV; see `mapping_lint`) adding
    /// controls to the records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<String>,
    /// Run id and a default observation time.
    #[serde(default)]
    pub options: crate::monitor::AdapterOptions,
}

/// The result of `monitor_ingest`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ingested {
    /// The records read, normalised.
    pub records: Vec<crate::monitor::ResultRecord>,
    /// Every item that could not be read, with where and why.
    pub rejected: Vec<crate::monitor::RecordError>,
}

/// `mapping_lint`: a check → control mapping table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MappingLintRequest {
    /// The table (CSV with the columns check, framework, control, and
    /// optionally tool).
    pub csv: String,
    /// A document whose SoA says which controls are applicable (validated);
    /// without it, coverage is judged against all 93 controls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Document>,
}
