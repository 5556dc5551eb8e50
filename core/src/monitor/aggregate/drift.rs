//! What changed between two summaries: [`drift`] and its [`MonitorDrift`].
use super::*;

/// A control whose health changed between two dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HealthChange {
    /// Annex A control id.
    pub control: String,
    /// Its health on the first date (absent: no results yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Health>,
    /// Its health on the second date (absent: no results any more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Health>,
}

/// What changed between two monitoring summaries (`monitor_drift`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MonitorDrift {
    /// The first date.
    pub from: Date,
    /// The second date.
    pub to: Date,
    /// Controls failing or at risk on `to` that were not on `from`.
    pub started_failing: Vec<HealthChange>,
    /// Controls failing or at risk on `from` that are not on `to`.
    pub stopped_failing: Vec<HealthChange>,
    /// Controls failing or at risk on both dates.
    pub still_failing: Vec<HealthChange>,
    /// Every other change of health.
    pub other_changes: Vec<HealthChange>,
}

/// The drift between two summaries (`before` on the earlier date).
pub fn drift(before: &MonitorSummary, after: &MonitorSummary) -> MonitorDrift {
    let b: BTreeMap<&str, Health> = before.controls.iter().map(|c| (c.control.as_str(), c.health)).collect();
    let a: BTreeMap<&str, Health> = after.controls.iter().map(|c| (c.control.as_str(), c.health)).collect();
    let mut d = MonitorDrift {
        from: before.as_of,
        to: after.as_of,
        started_failing: Vec::new(),
        stopped_failing: Vec::new(),
        still_failing: Vec::new(),
        other_changes: Vec::new(),
    };
    for c in catalog::annex_a() {
        let (x, y) = (b.get(c.id).copied(), a.get(c.id).copied());
        let ch = HealthChange { control: c.id.to_owned(), before: x, after: y };
        let fx = x.is_some_and(Health::is_failing);
        let fy = y.is_some_and(Health::is_failing);
        match (fx, fy) {
            (false, true) => d.started_failing.push(ch),
            (true, false) => d.stopped_failing.push(ch),
            (true, true) => d.still_failing.push(ch),
            (false, false) if x != y => d.other_changes.push(ch),
            _ => {}
        }
    }
    d
}
