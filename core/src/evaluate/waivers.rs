//! What waivers and rule settings do to an evaluation (semantics in
//! `docs/waivers.md`).
//!
//! - A rule **disabled** in `settings.rules` does not report: its findings
//!   are dropped, it counts as not applied in readiness, and the evaluation
//!   lists the setting with how many findings it held back.
//! - A rule **re-graded** reports its findings at the set severity, each
//!   keeping its own in [`Finding::original_severity`]; readiness weighs the
//!   rule at the new severity, and only a blocker stands in a stage's way.
//! - A [`Waiver`] **in force** (approved, `approved_on ≤ as_of ≤
//!   expires_on`) marks the findings it matches ([`Finding::waiver`]): they
//!   stay in the result, are not counted in the summary by severity, do not
//!   fail `--fail-on`, and are not blockers of a stage verdict. Readiness
//!   *scores* still count them as failed: a waiver accepts a gap for a time,
//!   it does not close it.
//!
//! The `waivers.*` rules cannot be waived (an expired waiver must not be
//! able to hide itself); they can be re-graded or disabled like any rule,
//! and such a setting is listed like any other.
use super::{Finding, Severity, rule};
use crate::model::{Date, RuleSetting, Waiver};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a waiver stands on the evaluation date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WaiverState {
    /// Approved and not expired: it waives the findings it matches.
    Active,
    /// Past `expires_on`: its findings count again (`waivers.expired`).
    Expired,
    /// No approver or approval date, or approved after the evaluation date
    /// (`waivers.unapproved`): it waives nothing.
    Unapproved,
    /// Names a rule the catalogue does not have, or a `waivers.*` rule
    /// (`waivers.unknown_rule`): it waives nothing.
    UnknownRule,
}

/// Whether findings of this rule can be waived: a rule of the catalogue
/// outside the `waivers.*` area.
pub fn waivable(rule_id: &str) -> bool {
    !rule_id.starts_with("waivers.") && rule(rule_id).is_some()
}

/// The state of `w` on `as_of`: an unknown rule first, then a missing
/// approval, then the expiry (the day after `expires_on`).
pub fn state(w: &Waiver, as_of: Date) -> WaiverState {
    if !waivable(&w.rule) {
        WaiverState::UnknownRule
    } else if w.approver.is_none() || w.approved_on.is_none_or(|d| d > as_of) {
        WaiverState::Unapproved
    } else if as_of > w.expires_on {
        WaiverState::Expired
    } else {
        WaiverState::Active
    }
}

/// Whether `w` names this finding: same rule, and (when the waiver says)
/// the finding involves the entity and has the fingerprint.
pub fn matches(w: &Waiver, f: &Finding) -> bool {
    w.rule == f.rule
        && w.entity.as_deref().is_none_or(|id| f.entities.iter().any(|e| e.id == id))
        && w.fingerprint.as_deref().is_none_or(|fp| fp.eq_ignore_ascii_case(&f.fingerprint))
}

/// A waiver of the document as the evaluation applied it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AppliedWaiver {
    /// Waiver id.
    pub id: String,
    /// The rule it waives.
    pub rule: String,
    /// The entity it is limited to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// The fingerprint it is limited to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// Why.
    pub justification: String,
    /// Who approved it (person id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approver: Option<String>,
    /// When it was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<Date>,
    /// Last day in force.
    pub expires_on: Date,
    /// Where it stands on the evaluation date.
    pub state: WaiverState,
    /// Fingerprints of the findings it waived (sorted; empty unless
    /// active).
    pub findings: Vec<String>,
}

/// What a rule setting does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OverrideAction {
    /// The rule does not report.
    Disabled,
    /// The rule reports at another severity.
    Regraded,
}

/// A rule setting of `settings.rules` as the evaluation applied it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AppliedRuleSetting {
    /// Rule id.
    pub rule: String,
    /// Disabled or re-graded.
    pub action: OverrideAction,
    /// The rule's default severity.
    pub default_severity: Severity,
    /// The severity its findings carry (re-graded only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// Why (from the setting).
    pub reason: String,
    /// Findings affected: held back (disabled) or re-graded.
    pub findings: u32,
}

/// The setting of the rule `id`, if the document has a usable one (the
/// first, and only one that disables or sets a severity).
pub(super) fn setting<'a>(settings: &'a [RuleSetting], id: &str) -> Option<&'a RuleSetting> {
    settings.iter().find(|s| s.rule == id).filter(|s| s.disabled || s.severity.is_some())
}

/// Marks the findings that an active waiver matches (the first such waiver
/// in document order) and reports every waiver.
pub(super) fn apply(waivers: &[Waiver], as_of: Date, findings: &mut [Finding]) -> Vec<AppliedWaiver> {
    let states: Vec<WaiverState> = waivers.iter().map(|w| state(w, as_of)).collect();
    let mut waived: Vec<Vec<String>> = vec![Vec::new(); waivers.len()];
    for f in findings.iter_mut() {
        let hit = waivers.iter().zip(&states).position(|(w, s)| *s == WaiverState::Active && matches(w, f));
        if let Some(i) = hit {
            f.waiver = Some(waivers[i].id.clone());
            waived[i].push(f.fingerprint.clone());
        }
    }
    waivers
        .iter()
        .zip(states)
        .zip(waived)
        .map(|((w, state), mut findings)| {
            findings.sort();
            findings.dedup();
            AppliedWaiver {
                id: w.id.clone(),
                rule: w.rule.clone(),
                entity: w.entity.clone(),
                fingerprint: w.fingerprint.clone(),
                justification: w.justification.clone(),
                approver: w.approver.clone(),
                approved_on: w.approved_on,
                expires_on: w.expires_on,
                state,
                findings,
            }
        })
        .collect()
}
