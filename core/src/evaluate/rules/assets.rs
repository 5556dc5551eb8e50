//! The asset inventory (Annex A 5.9, 5.12; checklist step 4).
use super::super::{Ctx, Draft, EntityKind as K, Out, Rule, Severity, Stage};
use crate::model::Approach;

/// The rules of this area.
pub(in crate::evaluate) const RULES: &[Rule] = &[
    Rule {
        id: "assets.inventory_empty",
        title: "No asset inventory",
        clause: "8.1",
        control: Some("5.9"),
        severity: Severity::Major,
        stage: Stage::Stage1,
        steps: &[4],
        description: "An inventory of information and other associated assets, with owners, is expected whenever control 5.9 applies. Fires when no in-scope asset is recorded and 5.9 is not excluded.",
        remediation: "Inventory the information, software, physical, service, people and intangible assets in scope.",
        check: inventory_empty,
    },
    Rule {
        id: "assets.no_owner",
        title: "Asset without owner",
        clause: "8.1",
        control: Some("5.9"),
        severity: Severity::Major,
        stage: Stage::Stage2,
        steps: &[4],
        description: "Fires per in-scope asset with no owner.",
        remediation: "Assign an accountable owner to the asset.",
        check: no_owner,
    },
    Rule {
        id: "assets.no_classification",
        title: "Asset not classified",
        clause: "8.1",
        control: Some("5.12"),
        severity: Severity::Minor,
        stage: Stage::Stage2,
        steps: &[4],
        description: "Information should be classified according to the organisation's scheme. Fires per in-scope information asset without a classification, unless control 5.12 is excluded.",
        remediation: "Classify the asset with a level of the classification scheme.",
        check: no_classification,
    },
    Rule {
        id: "assets.not_valued",
        title: "Asset without value for asset-based risk assessment",
        clause: "6.1.2",
        control: None,
        severity: Severity::Info,
        stage: Stage::Stage2,
        steps: &[4, 5],
        description: "With an asset-based methodology, consequences follow from asset values. Fires per in-scope asset without any C/I/A value when the methodology approach is `asset_based`.",
        remediation: "Rate the asset's confidentiality, integrity and availability value on the consequence scale.",
        check: not_valued,
    },
];

fn inventory_empty(cx: &Ctx, out: &mut Out) {
    if cx.soa_entries.get("5.9").is_some_and(|e| !e.applicable) {
        return;
    }
    out.check();
    if !cx.doc.assets.iter().any(|a| a.in_scope) {
        out.push(Draft::new("no in-scope assets are inventoried").entity(K::Control, "5.9"));
    }
}

fn no_owner(cx: &Ctx, out: &mut Out) {
    for a in cx.doc.assets.iter().filter(|a| a.in_scope) {
        out.check();
        if a.owner.is_none() {
            out.push(Draft::new(format!("asset \"{}\" has no owner", a.name)).entity(K::Asset, &a.id));
        }
    }
}

fn no_classification(cx: &Ctx, out: &mut Out) {
    if cx.soa_entries.get("5.12").is_some_and(|e| !e.applicable) {
        return;
    }
    for a in cx.doc.assets.iter().filter(|a| a.in_scope && a.kind == crate::model::AssetKind::Information) {
        out.check();
        if a.classification.is_none() {
            out.push(Draft::new(format!("information asset \"{}\" is not classified", a.name)).entity(K::Asset, &a.id));
        }
    }
}

fn not_valued(cx: &Ctx, out: &mut Out) {
    if cx.doc.risk_methodology.approach != Approach::AssetBased {
        return;
    }
    for a in cx.doc.assets.iter().filter(|a| a.in_scope) {
        out.check();
        if a.value.is_empty() {
            out.push(Draft::new(format!("asset \"{}\" has no C/I/A value", a.name)).entity(K::Asset, &a.id));
        }
    }
}
