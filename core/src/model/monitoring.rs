//! Continuous-monitoring policy (checklist step 17, clause 9.1): how long an
//! automated test result stays fresh, how long a new failure is tolerated
//! before it becomes a finding, which controls escalate faster, and the
//! approved overrides of test results. The results themselves are not part
//! of the document: they arrive from scanners (`crate::monitor`).
use super::{Date, Id};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The monitoring policy (`settings.monitoring`). Every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct MonitoringSettings {
    /// Days an automated result stays fresh when its control sets no
    /// cadence of its own. Default 7 (weekly scans).
    pub cadence_days: u32,
    /// Days a control may fail after its first failing result before the
    /// failure becomes a finding (until then it is "at risk"). Default 3.
    pub tolerance_days: u32,
    /// Days of continuous failure after which a finding is one severity
    /// higher. Default 30.
    pub escalate_after_days: u32,
    /// Per-control cadence, tolerance and criticality.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<ControlMonitoring>,
    /// Approved overrides of test results (false positives, compensating
    /// controls), each with a justification, an approver and an expiry.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<MonitorOverride>,
}

impl Default for MonitoringSettings {
    fn default() -> Self {
        Self {
            cadence_days: 7,
            tolerance_days: 3,
            escalate_after_days: 30,
            controls: Vec::new(),
            overrides: Vec::new(),
        }
    }
}

/// How one Annex A control is monitored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlMonitoring {
    /// Annex A control id, e.g. `8.8`.
    pub control: String,
    /// Days its results stay fresh (default: `cadence_days`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// Days a new failure is tolerated (default: `tolerance_days`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance_days: Option<u32>,
    /// A critical control: its failures are one severity higher.
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub critical: bool,
}

/// An approved override: failing or erroring results of a control (all its
/// checks, or one) are set aside until `expires_on`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitorOverride {
    /// Annex A control id.
    pub control: String,
    /// Only this check id (default: every check of the control).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// Why the results may be set aside (required, not blank).
    pub justification: String,
    /// Who approved it (a person of the document).
    pub approved_by: Id,
    /// Last day the override holds; from the day after, the results count again.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub expires_on: Date,
}
