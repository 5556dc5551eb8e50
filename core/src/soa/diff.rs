//! What changed between two versions of the Statement of Applicability: the
//! comparison an auditor makes between version N and N+1 (6.1.3 d), and
//! 7.5.3 control of changes).
//!
//! It compares the documents' own SoA entries, control by control (ids
//! normalised, so `A.5.15` and `5.15` are the same control). It does not
//! compare evidence freshness or linked risks, which move with the date and
//! the rest of the document; the evaluation drift does that.
use crate::catalog;
use crate::model::{Id, ImplementationStatus, InclusionReason, Soa, SoaEntry};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One kind of change to a control's entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The new version has an entry the old one lacked.
    Added,
    /// The old version had an entry the new one lacks.
    Removed,
    /// Included ↔ excluded.
    ApplicabilityChanged,
    /// Implementation status changed.
    StatusChanged,
    /// Reasons for inclusion changed.
    ReasonsChanged,
    /// Owner changed.
    OwnerChanged,
    /// Justification changed.
    JustificationChanged,
}

/// The decision fields of one entry, as compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EntrySnapshot {
    /// Included or excluded.
    pub applicable: bool,
    /// Reasons for inclusion, sorted.
    pub reasons: Vec<InclusionReason>,
    /// Justification.
    pub justification: Option<String>,
    /// Implementation status.
    pub status: ImplementationStatus,
    /// Owner (a person id).
    pub owner: Option<Id>,
}

impl From<&SoaEntry> for EntrySnapshot {
    fn from(e: &SoaEntry) -> Self {
        let mut reasons = e.reasons.clone();
        reasons.sort();
        reasons.dedup();
        Self {
            applicable: e.applicable,
            reasons,
            justification: e.justification.clone(),
            status: e.status,
            owner: e.owner.clone(),
        }
    }
}

/// The changes to one control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ControlChange {
    /// Annex A control id.
    pub control: String,
    /// Control title.
    pub title: String,
    /// What changed, in [`ChangeKind`] order.
    pub changes: Vec<ChangeKind>,
    /// The old entry, if any.
    pub old: Option<EntrySnapshot>,
    /// The new entry, if any.
    pub new: Option<EntrySnapshot>,
}

/// The difference between two statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SoaDiff {
    /// Version label of the old statement.
    pub old_version: Option<String>,
    /// Version label of the new statement.
    pub new_version: Option<String>,
    /// Changed controls, in Annex A order; unchanged controls are left out.
    pub controls: Vec<ControlChange>,
}

impl SoaDiff {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.controls.is_empty()
    }
}

fn index(soa: &Soa) -> HashMap<&'static str, &SoaEntry> {
    let mut m = HashMap::new();
    for e in &soa.entries {
        if let Some(c) = catalog::control(&e.control) {
            m.entry(c.id).or_insert(e);
        }
    }
    m
}

/// Compares two statements control by control.
pub fn diff(old: &Soa, new: &Soa) -> SoaDiff {
    let (a, b) = (index(old), index(new));
    let mut controls = Vec::new();
    for ctl in catalog::annex_a() {
        let o = a.get(ctl.id).map(|e| EntrySnapshot::from(*e));
        let n = b.get(ctl.id).map(|e| EntrySnapshot::from(*e));
        let mut changes = Vec::new();
        match (&o, &n) {
            (None, None) => continue,
            (None, Some(_)) => changes.push(ChangeKind::Added),
            (Some(_), None) => changes.push(ChangeKind::Removed),
            (Some(o), Some(n)) => {
                let checks = [
                    (o.applicable != n.applicable, ChangeKind::ApplicabilityChanged),
                    (o.status != n.status, ChangeKind::StatusChanged),
                    (o.reasons != n.reasons, ChangeKind::ReasonsChanged),
                    (o.owner != n.owner, ChangeKind::OwnerChanged),
                    (o.justification != n.justification, ChangeKind::JustificationChanged),
                ];
                changes.extend(checks.iter().filter(|(c, _)| *c).map(|(_, k)| *k));
            }
        }
        if !changes.is_empty() {
            controls.push(ControlChange {
                control: ctl.id.to_owned(),
                title: ctl.title.to_owned(),
                changes,
                old: o,
                new: n,
            });
        }
    }
    SoaDiff { old_version: old.version.clone(), new_version: new.version.clone(), controls }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn entry(control: &str, applicable: bool) -> SoaEntry {
        serde_json::from_value(serde_json::json!({"control": control, "applicable": applicable})).unwrap()
    }

    #[test]
    fn detects_each_kind_of_change() {
        let old = Soa { entries: vec![entry("5.1", true), entry("5.2", true), entry("A.5.3", true)], ..Soa::default() };
        let mut new = old.clone();
        new.entries.remove(0); // 5.1 removed
        new.entries[0].applicable = false; // 5.2
        new.entries[0].justification = Some("no".into());
        new.entries[1].status = ImplementationStatus::Implemented; // 5.3 (normalised id)
        new.entries[1].control = "5.3".into();
        new.entries[1].owner = Some("p".into());
        new.entries[1].reasons = vec![InclusionReason::Business];
        new.entries.push(entry("8.1", true)); // added
        let d = diff(&old, &new);
        let got: Vec<(&str, Vec<ChangeKind>)> =
            d.controls.iter().map(|c| (c.control.as_str(), c.changes.clone())).collect();
        use ChangeKind::*;
        assert_eq!(
            got,
            vec![
                ("5.1", vec![Removed]),
                ("5.2", vec![ApplicabilityChanged, JustificationChanged]),
                ("5.3", vec![StatusChanged, ReasonsChanged, OwnerChanged]),
                ("8.1", vec![Added]),
            ]
        );
        assert!(diff(&old, &old).is_empty());
    }
}
