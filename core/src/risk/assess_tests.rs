#![allow(clippy::unwrap_used)]
use super::*;
use crate::model::{MethodologyPreset, RiskMethodology};
use proptest::prelude::*;
use serde_json::{Value, json};

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// A document on the 5×5 preset with two people and two assets; `risks` and
/// `extra` are merged in.
fn doc(risks: Value, extra: Value) -> Document {
    let mut v = json!({
        "schema_version": "1.0",
        "organization": {"name": "T"},
        "people": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
        "assets": [
            {"id": "crm", "name": "CRM", "kind": "software", "value": {"confidentiality": 4, "integrity": 2, "availability": 3}},
            {"id": "hr", "name": "HR files", "kind": "information", "classification": "restricted", "value": {"availability": 1}}
        ],
        "risks": risks,
    });
    if let (Value::Object(a), Value::Object(b)) = (&mut v, extra) {
        a.extend(b);
    }
    serde_json::from_value(v).unwrap()
}

fn one(risk: Value) -> AssessedRisk {
    assess(&doc(json!([risk]), json!({})), day("2026-06-01")).unwrap().risks.remove(0)
}

#[test]
fn direct_consequence_wins_and_is_event_based() {
    let r = one(
        json!({"id": "r1", "title": "x", "assets": ["crm"], "inherent": {"likelihood": 3, "consequence": 2, "cia": {"confidentiality": 5}}}),
    );
    assert_eq!(r.approach, AppliedApproach::EventBased);
    let l = r.inherent.unwrap();
    assert_eq!((l.likelihood, l.consequence, l.consequence_source), (3, 2, ConsequenceSource::Rated));
    // 5×5 grid row 3 = [1,1,2,3,3] → index 1 = low.
    assert_eq!((l.level.as_str(), l.level_index, l.score), ("low", 1, 6));
}

#[test]
fn per_property_consequences_aggregate_by_max_by_default() {
    let r = one(
        json!({"id": "r1", "title": "x", "inherent": {"likelihood": 3, "cia": {"integrity": 2, "availability": 4}}}),
    );
    let l = r.inherent.unwrap();
    assert_eq!((l.consequence, l.consequence_source), (4, ConsequenceSource::PerProperty));
    assert_eq!(l.level, "high");
}

#[test]
fn per_property_aggregation_follows_the_methodology_rule() {
    let d = doc(
        json!([{"id": "r1", "title": "x", "inherent": {"likelihood": 1, "cia": {"confidentiality": 1, "integrity": 2, "availability": 4}}}]),
        json!({"risk_methodology": {"aggregation": "mean"}}),
    );
    let l = assess(&d, day("2026-01-01")).unwrap().risks[0].inherent.clone().unwrap();
    assert_eq!(l.consequence, 3, "ceil(7/3)");
    let d = doc(
        json!([{"id": "r1", "title": "x", "inherent": {"likelihood": 1, "cia": {"confidentiality": 1, "integrity": 2, "availability": 4}}}]),
        json!({"risk_methodology": {"aggregation": "sum_capped"}}),
    );
    let l = assess(&d, day("2026-01-01")).unwrap().risks[0].inherent.clone().unwrap();
    assert_eq!(l.consequence, 5, "7 capped at 5");
}

#[test]
fn asset_based_consequence_uses_affected_properties_of_assets() {
    // Only availability affected: CRM 3, HR 1 → max 3.
    let r = one(
        json!({"id": "r1", "title": "x", "assets": ["crm", "hr"], "affects": ["availability"], "inherent": {"likelihood": 2}}),
    );
    assert_eq!(r.approach, AppliedApproach::AssetBased);
    let l = r.inherent.unwrap();
    assert_eq!((l.consequence, l.consequence_source), (3, ConsequenceSource::Assets));
    // All properties: CRM C4 I2 A3; HR C from "restricted" = 5 → max 5.
    let r = one(json!({"id": "r1", "title": "x", "assets": ["crm", "hr"], "inherent": {"likelihood": 2}}));
    assert_eq!(r.inherent.unwrap().consequence, 5);
    // Integrity only, from CRM.
    let r = one(
        json!({"id": "r1", "title": "x", "assets": ["crm"], "affects": ["integrity"], "inherent": {"likelihood": 2}}),
    );
    assert_eq!(r.inherent.unwrap().consequence, 2);
}

#[test]
fn classification_maps_onto_the_consequence_scale() {
    let d = doc(json!([]), json!({}));
    let m = resolve(&d.risk_methodology).unwrap();
    let mk = |c: &str| Asset {
        id: "a".into(),
        name: "a".into(),
        kind: crate::model::AssetKind::Information,
        description: None,
        owner: None,
        classification: Some(c.into()),
        value: Cia::default(),
        unit: None,
        site: None,
        depends_on: vec![],
        in_scope: true,
        extensions: Default::default(),
    };
    let got: Vec<_> = ["public", "internal", "confidential", "restricted"]
        .iter()
        .map(|c| asset_value(&d, &m, &mk(c)).confidentiality.unwrap())
        .collect();
    assert_eq!(got, [1, 3, 4, 5]);
    assert_eq!(asset_value(&d, &m, &mk("unknown")).confidentiality, None);
}

#[test]
fn event_based_methodology_never_falls_back_to_assets() {
    let d = doc(
        json!([{"id": "r1", "title": "x", "assets": ["crm"], "inherent": {"likelihood": 2}}]),
        json!({"risk_methodology": {"approach": "event_based"}}),
    );
    let r = &assess(&d, day("2026-01-01")).unwrap().risks[0];
    assert_eq!(r.approach, AppliedApproach::EventBased);
    assert_eq!(r.inherent, None);
    assert_eq!(r.rank, None);
}

#[test]
fn asset_based_methodology_applies_to_every_risk() {
    let d = doc(
        json!([{"id": "r1", "title": "x", "inherent": {"likelihood": 2, "consequence": 3}}]),
        json!({"risk_methodology": {"approach": "asset_based"}}),
    );
    let r = &assess(&d, day("2026-01-01")).unwrap().risks[0];
    assert_eq!(r.approach, AppliedApproach::AssetBased);
    assert_eq!(r.inherent.as_ref().unwrap().consequence_source, ConsequenceSource::Rated);
}

#[test]
fn no_consequence_anywhere_gives_no_level() {
    let r = one(
        json!({"id": "r1", "title": "x", "assets": ["hr"], "affects": ["integrity"], "inherent": {"likelihood": 2}}),
    );
    assert_eq!(r.inherent, None);
}

#[test]
fn rank_tie_breaks_are_level_score_consequence_likelihood_id() {
    let risks = json!([
        {"id": "e", "title": "closed", "status": "closed", "inherent": {"likelihood": 5, "consequence": 5}},
        {"id": "d", "title": "L4C2 high? no: medium, score 8", "inherent": {"likelihood": 4, "consequence": 2}},
        {"id": "c", "title": "L2C4 medium, score 8, higher consequence", "inherent": {"likelihood": 2, "consequence": 4}},
        {"id": "b", "title": "L3C3 medium, score 9", "inherent": {"likelihood": 3, "consequence": 3}},
        {"id": "a", "title": "same as d", "inherent": {"likelihood": 4, "consequence": 2}},
        {"id": "f", "title": "very high", "inherent": {"likelihood": 5, "consequence": 4}},
        {"id": "g", "title": "unrated"}
    ]);
    let a = assess(&doc(risks, json!({})), day("2026-01-01")).unwrap();
    let ranks: Vec<(&str, Option<u32>)> = a.risks.iter().map(|r| (r.id.as_str(), r.rank)).collect();
    // f very_high; then the mediums: b (score 9), c (score 8, C4), a and d (score 8, C2, L4; by id).
    assert_eq!(
        ranks,
        [("e", None), ("d", Some(5)), ("c", Some(3)), ("b", Some(2)), ("a", Some(4)), ("f", Some(1)), ("g", None)]
    );
    assert!(a.risks[0].inherent.is_some(), "closed risks are still assessed");
    assert!(!a.risks[0].above_appetite, "closed risks are never above appetite");
}

#[test]
fn above_appetite_uses_residual_only_once_treated() {
    let risks = json!([
        {"id": "r1", "title": "x", "owner": "ann", "inherent": {"likelihood": 5, "consequence": 5}, "residual": {"likelihood": 1, "consequence": 2}}
    ]);
    let with = |status: &str| {
        let t = json!({"treatments": [{"id": "t1", "risk": "r1", "option": "modify", "controls": ["8.7"],
            "actions": [{"id": "a1", "title": "do", "status": status}, {"id": "a2", "title": "drop", "status": "cancelled"}]}]});
        assess(&doc(risks.clone(), t), day("2026-01-01")).unwrap().risks.remove(0)
    };
    let open = with("in_progress");
    assert!(!open.treated);
    assert!(open.above_appetite, "inherent very high counts until the actions are done");
    assert!(open.inherent.as_ref().unwrap().above_appetite);
    assert!(!open.residual.as_ref().unwrap().above_appetite);
    let done = with("done");
    assert!(done.treated);
    assert!(!done.above_appetite);
    assert_eq!(done.treatments, ["t1"]);
    assert_eq!(done.options, [TreatmentOption::Modify]);
    let untreated = assess(&doc(risks.clone(), json!({})), day("2026-01-01")).unwrap().risks.remove(0);
    assert!(!untreated.treated && untreated.above_appetite);
}

#[test]
fn explicit_appetite_moves_the_threshold() {
    let risks = json!([{"id": "r1", "title": "x", "inherent": {"likelihood": 3, "consequence": 3}}]);
    let a = assess(&doc(risks.clone(), json!({})), day("2026-01-01")).unwrap();
    assert!(!a.risks[0].above_appetite, "medium is the default appetite on 5×5");
    let a = assess(&doc(risks, json!({"risk_methodology": {"appetite": "low"}})), day("2026-01-01")).unwrap();
    assert!(a.risks[0].above_appetite);
}

#[test]
fn acceptance_by_non_owner_does_not_count() {
    let r = one(json!({"id": "r1", "title": "x", "owner": "ann", "inherent": {"likelihood": 1, "consequence": 1},
        "acceptance": {"by": "bob", "on": "2026-01-01"}}));
    assert!(!r.accepted);
    assert_eq!(r.accepted_by.as_deref(), Some("bob"));
    let r = one(json!({"id": "r1", "title": "x", "owner": "ann", "inherent": {"likelihood": 1, "consequence": 1},
        "acceptance": {"by": "ann", "on": "2026-01-01"}}));
    assert!(r.accepted);
    assert_eq!(r.acceptance_expires_on, None);
}

#[test]
fn acceptance_expiry_boundaries() {
    let risks = |until: &str| {
        json!([{"id": "r1", "title": "x", "owner": "ann",
            "acceptance": {"by": "ann", "on": "2026-01-01", "valid_until": until}}])
    };
    let at = |until: &str, as_of: &str| assess(&doc(risks(until), json!({})), day(as_of)).unwrap().risks.remove(0);
    let r = at("2026-06-01", "2026-06-01");
    assert!(r.accepted && !r.acceptance_expired, "valid on its last day");
    let r = at("2026-06-01", "2026-06-02");
    assert!(!r.accepted && r.acceptance_expired);
    // Methodology validity shorter than valid_until wins.
    let d = doc(risks("2027-01-01"), json!({"risk_methodology": {"acceptance_validity_days": 90}}));
    let r = assess(&d, day("2026-04-02")).unwrap().risks.remove(0);
    assert_eq!(r.acceptance_expires_on, Some(day("2026-04-01")));
    assert!(r.acceptance_expired && !r.accepted);
    // Accepted in the future: not (yet) accepted.
    let r = at("2026-06-01", "2025-12-31");
    assert!(!r.accepted && !r.acceptance_expired);
}

#[test]
fn review_due_boundaries() {
    let risks = json!([{"id": "r1", "title": "x", "assessed_on": "2025-06-01"},
        {"id": "r2", "title": "closed", "status": "closed", "assessed_on": "2020-01-01"}]);
    let at = |as_of: &str| assess(&doc(risks.clone(), json!({})), day(as_of)).unwrap();
    let a = at("2026-06-01");
    assert_eq!(a.risks[0].review_due_on, Some(day("2026-06-01")));
    assert!(!a.risks[0].review_overdue, "due today is not overdue");
    assert!(at("2026-06-02").risks[0].review_overdue);
    assert!(!a.risks[1].review_overdue, "closed risks are not reviewed");
}

#[test]
fn off_scale_ratings_are_invalid_with_paths() {
    let d = doc(
        json!([{"id": "r1", "title": "x", "inherent": {"likelihood": 6, "consequence": 0}},
               {"id": "r2", "title": "y", "residual": {"likelihood": 1, "cia": {"integrity": 9}}}]),
        json!({}),
    );
    let Err(Error::Invalid(p)) = assess(&d, day("2026-01-01")) else { panic!() };
    let paths: Vec<_> = p.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        ["$.risks[0].inherent.likelihood", "$.risks[0].inherent.consequence", "$.risks[1].residual.cia.integrity"]
    );
    assert!(p.iter().all(|p| p.code == "out_of_range"));
}

#[test]
fn unusable_methodology_is_invalid() {
    let d = doc(json!([]), json!({"risk_methodology": {"appetite": "nope"}}));
    let err = assess(&d, day("2026-01-01")).unwrap_err();
    assert_eq!(err.code(), "invalid_document");
    assert_eq!(err.problems()[0].code, "invalid_methodology");
}

#[test]
fn output_is_serialisable_and_deterministic() {
    let d = doc(json!([{"id": "r1", "title": "x", "inherent": {"likelihood": 2, "consequence": 2}}]), json!({}));
    let a = crate::json::to_json(&assess(&d, day("2026-01-01")).unwrap());
    let b = crate::json::to_json(&assess(&d, day("2026-01-01")).unwrap());
    assert_eq!(a, b);
    assert!(a.contains("\"approach\": \"event_based\""));
}

const PRESETS: [MethodologyPreset; 4] = [
    MethodologyPreset::Iso27005_3x3,
    MethodologyPreset::Iso27005_4x4,
    MethodologyPreset::Iso27005_5x5,
    MethodologyPreset::Nist800_30,
];

proptest! {
    /// Raising likelihood or consequence never lowers the assessed level,
    /// for every preset, through the whole assessment path.
    #[test]
    fn raising_a_rating_never_lowers_the_level(p in 0usize..4, l in 1u32..=5, c in 1u32..=5, dl in 0u32..=4, dc in 0u32..=4) {
        let m = crate::risk::preset(PRESETS[p]);
        let n = m.likelihood_scale.len() as u32;
        let (l, c) = ((l - 1) % n + 1, (c - 1) % n + 1);
        let (l2, c2) = ((l + dl).min(n), (c + dc).min(n));
        let d = doc(
            json!([{"id": "lo", "title": "x", "inherent": {"likelihood": l, "consequence": c}},
                   {"id": "hi", "title": "y", "inherent": {"likelihood": l2, "consequence": c2}}]),
            json!({"risk_methodology": RiskMethodology { preset: Some(PRESETS[p]), ..Default::default() }}),
        );
        let a = assess(&d, day("2026-01-01")).unwrap();
        let lo = a.risks[0].inherent.as_ref().unwrap();
        let hi = a.risks[1].inherent.as_ref().unwrap();
        prop_assert!(hi.level_index >= lo.level_index);
        prop_assert!(hi.above_appetite || !lo.above_appetite);
        // The higher-rated risk never ranks below the lower one.
        prop_assert!(a.risks[1].rank <= a.risks[0].rank || (l2, c2) == (l, c));
    }
}
