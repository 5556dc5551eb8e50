//! The correspondence from ISO/IEC 27001:2013 Annex A controls to
//! ISO/IEC 27001:2022 Annex A controls.
//!
//! **What this is**: the 115 rows of ISO/IEC 27002:2022 Annex B (Tables B.1
//! and B.2, which are exact inverses): each of the 114 controls of the 2013
//! edition mapped to the 2022 control(s) that take it over, with the kind of
//! mapping. Only A.18.2.3 splits (into 5.36 and 8.8), hence 115 rows. The
//! table is generated at build time from `core/data/mapping_2013_2022.csv`.
//!
//! **What this is not**: a claim that the controls are equivalent in content.
//! It is the standard's own correspondence table, nothing more. Where CISO
//! Assistant's published mapping disagrees (see `facts.md` section 4), this
//! follows the standard.
//!
//! **Serves**: the transition of an ISMS (and its Statement of Applicability,
//! 6.1.3 d)) from the 2013 to the 2022 edition.
//!
//! Source: \[S3\], cross-checked with \[S1\] and \[S5\].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::annex_a::{self, normalize_control_id};
use super::token_enum;

token_enum! {
    /// How a 2013 control relates to its 2022 successor.
    pub enum MappingKind ("mapping kind") {
        /// The 2013 control is the only predecessor of the 2022 control, and
        /// maps to no other 2022 control.
        OneToOne => "one_to_one",
        /// The 2013 control is one of several merged into the 2022 control.
        Merged => "merged",
        /// The 2013 control is split over several 2022 controls (only A.18.2.3).
        Split => "split",
    }
}

/// One row of the correspondence: a 2013 control and one 2022 successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mapping2013 {
    /// ISO/IEC 27001:2013 control id with its `A.` prefix, e.g. `"A.5.1.1"`.
    pub id_2013: &'static str,
    /// Title as printed in ISO/IEC 27001:2013 Annex A.
    pub title_2013: &'static str,
    /// Title as printed in ISO/IEC 27002:2013, only where it differs.
    pub title_27002_2013: Option<&'static str>,
    /// ISO/IEC 27001:2022 control id without prefix, e.g. `"5.1"`.
    pub id_2022: &'static str,
    /// Kind of correspondence.
    pub kind: MappingKind,
}

/// One ISO/IEC 27001:2013 Annex A control (id and title only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Control2013 {
    /// Control id with its `A.` prefix, e.g. `"A.5.1.1"`.
    pub id: &'static str,
    /// Title as printed in ISO/IEC 27001:2013 Annex A.
    pub title: &'static str,
    /// Title as printed in ISO/IEC 27002:2013, only where it differs.
    pub title_27002: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/mapping.rs"));

/// Owned, serializable view of a [`Mapping2013`] row, with the 2022 title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MappingInfo {
    /// ISO/IEC 27001:2013 control id, e.g. `"A.5.1.1"`.
    pub id_2013: String,
    /// Title of the 2013 control.
    pub title_2013: String,
    /// ISO/IEC 27001:2022 control id, e.g. `"5.1"`.
    pub id_2022: String,
    /// Title of the 2022 control.
    pub title_2022: String,
    /// Kind of correspondence.
    pub kind: MappingKind,
}

impl Mapping2013 {
    /// The 2022 control this row maps to. Always `Some` for the embedded
    /// data (checked by the tests).
    pub fn control_2022(&self) -> Option<&'static annex_a::Control> {
        annex_a::control(self.id_2022)
    }

    /// Owned, serializable copy of this row.
    pub fn info(&self) -> MappingInfo {
        MappingInfo {
            id_2013: self.id_2013.to_owned(),
            title_2013: self.title_2013.to_owned(),
            id_2022: self.id_2022.to_owned(),
            title_2022: self.control_2022().map(|c| c.title.to_owned()).unwrap_or_default(),
            kind: self.kind,
        }
    }
}

/// All 115 rows, in the order of the 2013 edition.
pub fn mappings() -> &'static [Mapping2013] {
    &MAPPINGS
}

/// The 114 distinct ISO/IEC 27001:2013 Annex A controls, in order.
pub fn controls_2013() -> &'static [Control2013] {
    &CONTROLS_2013
}

/// Normalises a user-typed 2013 control id to the `A.x.y.z` form: trims and
/// adds or upper-cases the `A.` prefix (`"18.2.3"`, `"a.18.2.3"` →
/// `"A.18.2.3"`). Does not check that the control exists.
pub fn normalize_2013_id(id: &str) -> String {
    let id = id.trim();
    let bare = id.strip_prefix("A.").or_else(|| id.strip_prefix("a.")).unwrap_or(id).trim();
    format!("A.{bare}")
}

/// The rows taking over a 2013 control, i.e. its 2022 successors (two rows
/// for A.18.2.3, one otherwise, none for an unknown id). Accepts the id with
/// or without the `A.` prefix.
pub fn successors_of_2013(id: &str) -> Vec<&'static Mapping2013> {
    let id = normalize_2013_id(id);
    MAPPINGS.iter().filter(|m| m.id_2013 == id).collect()
}

/// The rows mapping into a 2022 control, i.e. its 2013 predecessors (none
/// for the 11 controls new in 2022 or an unknown id). Accepts `"5.1"` or
/// `"A.5.1"`.
pub fn predecessors_of_2022(id: &str) -> Vec<&'static Mapping2013> {
    let id = normalize_control_id(id);
    MAPPINGS.iter().filter(|m| m.id_2022 == id).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn counts() {
        assert_eq!(mappings().len(), 115);
        assert_eq!(controls_2013().len(), 114);
        let distinct: BTreeSet<&str> = mappings().iter().map(|m| m.id_2013).collect();
        assert_eq!(distinct.len(), 114);
        let with_pred: BTreeSet<&str> = mappings().iter().map(|m| m.id_2022).collect();
        assert_eq!(with_pred.len(), 82);
        for m in mappings() {
            assert!(m.control_2022().is_some(), "{} maps to unknown {}", m.id_2013, m.id_2022);
        }
    }

    #[test]
    fn only_a_18_2_3_splits() {
        let split: Vec<(&str, &str)> =
            mappings().iter().filter(|m| m.kind == MappingKind::Split).map(|m| (m.id_2013, m.id_2022)).collect();
        assert_eq!(split, [("A.18.2.3", "5.36"), ("A.18.2.3", "8.8")]);
        for c in controls_2013() {
            let n = successors_of_2013(c.id).len();
            assert_eq!(n, if c.id == "A.18.2.3" { 2 } else { 1 }, "{}", c.id);
        }
    }

    #[test]
    fn kinds_are_consistent() {
        for m in mappings() {
            let preds = predecessors_of_2022(m.id_2022).len();
            match m.kind {
                MappingKind::OneToOne => assert_eq!(preds, 1, "{}", m.id_2013),
                MappingKind::Merged => assert!(preds >= 2, "{}", m.id_2013),
                MappingKind::Split => assert!(successors_of_2013(m.id_2013).len() >= 2),
            }
        }
        let merged: BTreeSet<&str> =
            mappings().iter().filter(|m| predecessors_of_2022(m.id_2022).len() > 1).map(|m| m.id_2022).collect();
        assert_eq!(merged.len(), 24);
    }

    #[test]
    fn agrees_with_annex_a_predecessors() {
        for c in annex_a::annex_a() {
            let from_mapping: Vec<&str> = predecessors_of_2022(c.id).iter().map(|m| m.id_2013).collect();
            assert_eq!(from_mapping, c.predecessors_2013, "{}", c.id);
        }
    }

    #[test]
    fn lookups() {
        let ids = |v: Vec<&Mapping2013>| v.iter().map(|m| m.id_2022).collect::<Vec<_>>();
        assert_eq!(ids(successors_of_2013("A.18.2.3")), ["5.36", "8.8"]);
        assert_eq!(ids(successors_of_2013(" a.18.2.3 ")), ["5.36", "8.8"]);
        assert_eq!(ids(successors_of_2013("18.2.3")), ["5.36", "8.8"]);
        assert!(successors_of_2013("A.99.9.9").is_empty());
        let from: Vec<&str> = predecessors_of_2022("A.5.1").iter().map(|m| m.id_2013).collect();
        assert_eq!(from, ["A.5.1.1", "A.5.1.2"]);
        assert!(predecessors_of_2022("5.7").is_empty());
        assert_eq!(
            controls_2013().iter().find(|c| c.id == "A.12.4.4").unwrap().title_27002,
            Some("Clock synchronization")
        );
    }

    #[test]
    fn info_and_kind_tokens() {
        let info = successors_of_2013("A.13.2.1")[0].info();
        assert_eq!(info.id_2022, "5.14");
        assert_eq!(info.title_2022, "Information transfer");
        for &k in MappingKind::ALL {
            assert_eq!(k.as_str().parse::<MappingKind>().unwrap(), k);
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }
}
