//! Waivers and per-organisation rule settings: the documented decisions
//! that change what the evaluation reports, kept in the document so an
//! auditor sees each with its reason (ISO/IEC 27001:2022 6.1.3, risk
//! acceptance by those accountable; 7.5, documented information).
//!
//! A [`Waiver`] accepts one rule's findings (or one entity's) for a time: a
//! waived finding is still reported, marked with the waiver, and does not
//! fail `isms check --fail-on` nor stand in the way of a stage verdict. A
//! [`RuleSetting`] (`settings.rules`) disables a rule or changes its
//! severity for the whole organisation. What they mean for an evaluation is
//! `crate::evaluate`'s business; here they are data.
use super::{Date, Extensions, Id};
use crate::evaluate::Severity;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A time-limited acceptance of findings of one rule: approved by a person,
/// with a justification and an expiry. In force from `approved_on` to
/// `expires_on` (both inclusive) when it names an approver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// Unique id.
    pub id: Id,
    /// The rule whose findings are waived, e.g. `training.overdue`.
    pub rule: String,
    /// Only the findings that involve the entity with this id (a person,
    /// a risk, a control number such as `5.15`, ...); absent: every finding
    /// of the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Only the finding with this fingerprint (16 hex digits, as `isms
    /// check --json` reports it); absent: any fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// Why the findings are accepted for now.
    pub justification: String,
    /// Who approved the waiver (a person).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<Id>,
    /// When it was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::model::iso_date::option")]
    pub approved_on: Option<Date>,
    /// The last day the waiver is in force; from the day after, the findings
    /// come back.
    #[serde(deserialize_with = "crate::model::iso_date::date")]
    pub expires_on: Date,
    /// Vendor data, untouched.
    #[serde(default, skip_serializing_if = "Extensions::is_empty")]
    pub extensions: Extensions,
}

/// How an organisation runs one rule (`settings.rules`): disabled, or with
/// another severity; either way with a reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleSetting {
    /// The rule id, e.g. `objectives.not_measured`.
    pub rule: String,
    /// The rule does not run: its findings are not reported (the evaluation
    /// lists the setting and how many it held back).
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub disabled: bool,
    /// The severity the rule's findings carry instead of their own (each
    /// keeps its original in `original_severity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Why (mandatory).
    pub reason: String,
}
