//! Why each rule has its default severity: the grounds of the catalogue.
//!
//! Every rule of the catalogue has exactly one entry, keyed by rule id, that
//! says what kind of expectation the rule checks and why its default severity
//! is what it is. The severity policy (tested below):
//!
//! - [`Basis::Requirement`]: the standard (or ISO/IEC 17021-1 for the
//!   certification cycle) requires the element and the rule fires when it is
//!   missing: major, or blocker when Stage 1 or Stage 2 cannot pass without it.
//! - [`Basis::Lapse`]: the standard requires the process, which exists, but
//!   single instances of it lapse: minor, as an ISO/IEC 17021-1 (3.13) minor
//!   nonconformity does not affect the capability of the system.
//! - [`Basis::Recommendation`]: good practice or the 17-step checklist
//!   recommends it, the standard does not require it: minor or info.
//! - [`Basis::EngineDefault`]: the rule applies a figure or cadence of the
//!   engine's own (a default the document can change): never a blocker, and
//!   the setting is named.
//!
//! The table itself, one entry per rule, is in `table.rs`; this file holds
//! the types, the lookup and the policy check.
use super::Severity;
use serde::Serialize;

/// What kind of expectation a rule checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The standard requires the element (or ISO/IEC 17021-1 does, for the
    /// certification cycle): major or blocker when missing.
    Requirement,
    /// The standard requires the process and the rule finds a single lapse of
    /// it: minor.
    Lapse,
    /// Good practice or the checklist recommends it: minor or info.
    Recommendation,
    /// The engine's own default figure or cadence, configurable: never a
    /// blocker.
    EngineDefault,
}

impl Basis {
    /// The wire name (`requirement`, `lapse`, `recommendation`, `engine_default`).
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Requirement => "requirement",
            Basis::Lapse => "lapse",
            Basis::Recommendation => "recommendation",
            Basis::EngineDefault => "engine_default",
        }
    }
}

/// The grounds of one rule's default severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Grounds {
    /// What kind of expectation the rule checks.
    pub basis: Basis,
    /// Where it comes from: a clause or control of ISO/IEC 27001:2022, a
    /// clause of ISO/IEC 17021-1, or a checklist step.
    pub source: &'static str,
    /// The setting that configures the figure or cadence (for
    /// [`Basis::EngineDefault`], and where a requirement's interval is one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setting: Option<&'static str>,
    /// Why the default severity is what it is, in one or two sentences.
    pub reason: &'static str,
}

mod table;
pub use table::GROUNDS;

/// The grounds of the rule with this id.
pub fn grounds(rule: &str) -> Option<&'static Grounds> {
    GROUNDS.iter().find(|(id, _)| *id == rule).map(|(_, g)| g)
}

impl Basis {
    /// Whether the severity policy allows `severity` as a default for a rule
    /// on this basis.
    pub fn allows(self, severity: Severity) -> bool {
        allowed(self, severity)
    }
}

fn allowed(basis: Basis, severity: Severity) -> bool {
    match basis {
        Basis::Requirement => matches!(severity, Severity::Major | Severity::Blocker),
        Basis::Lapse => severity == Severity::Minor,
        Basis::Recommendation => matches!(severity, Severity::Minor | Severity::Info),
        Basis::EngineDefault => severity != Severity::Blocker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_rule_has_exactly_one_entry_and_no_entry_is_unknown() {
        let ids: HashSet<&str> = super::super::rules().iter().map(|r| r.id).collect();
        let mut seen = HashSet::new();
        for (id, _) in GROUNDS {
            assert!(seen.insert(*id), "two entries for {id}");
            assert!(ids.contains(id), "entry for unknown rule {id}");
        }
        for id in &ids {
            assert!(seen.contains(id), "no grounds for {id}");
        }
        // Catalogue order, so the table reads like the catalogue.
        let order: Vec<&str> = super::super::rules().iter().map(|r| r.id).collect();
        let table: Vec<&str> = GROUNDS.iter().map(|(id, _)| *id).collect();
        assert_eq!(order, table);
    }

    #[test]
    fn default_severities_follow_the_policy() {
        for r in super::super::rules() {
            let g = grounds(r.id).unwrap_or_else(|| panic!("{}", r.id));
            assert!(allowed(g.basis, r.severity), "{}: {:?} may not be {}", r.id, g.basis, r.severity);
            assert!(!g.source.trim().is_empty() && !g.reason.trim().is_empty(), "{}", r.id);
            if g.basis == Basis::EngineDefault {
                assert!(g.setting.is_some(), "{}: an engine default names its setting", r.id);
            }
        }
    }

    #[test]
    fn the_policy_refuses_what_it_should() {
        assert!(!allowed(Basis::Recommendation, Severity::Major));
        assert!(!allowed(Basis::Recommendation, Severity::Blocker));
        assert!(!allowed(Basis::Requirement, Severity::Minor));
        assert!(!allowed(Basis::Requirement, Severity::Info));
        assert!(!allowed(Basis::EngineDefault, Severity::Blocker));
        assert!(!allowed(Basis::Lapse, Severity::Major));
        assert!(allowed(Basis::Lapse, Severity::Minor));
    }
}
