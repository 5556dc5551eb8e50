//! Risk analysis and evaluation (6.1.2 d–e, 8.2): levels, rank, appetite,
//! acceptance and review status of every risk in the register, as of a date.
//!
//! What this is: a pure derivation from the document's ratings and decisions.
//! What it is not: it does not rate risks (people do), it does not simulate
//! losses (that is `crate::quant`'s Open FAIR model), and it does not judge
//! the treatment plan (see `super::plan`).
//!
//! # Consequence
//!
//! For each rating (inherent and residual) the consequence step is, in order:
//! 1. `rating.consequence`, when set (a direct rating);
//! 2. otherwise the per-property consequences `rating.cia`, combined by the
//!    methodology's aggregation rule (`max` by default, `mean` rounded up, or
//!    `sum_capped`);
//! 3. otherwise, when the risk is assessed asset-based (ISO/IEC 27005), the
//!    value of its assets: for each property in `risk.affects` (all three when
//!    empty) the highest value among the risk's assets (the most valuable
//!    asset exposed sets the property's consequence), then the properties
//!    combined by the aggregation rule. An asset with no confidentiality value
//!    but a classification gets one from the classification's rank, mapped
//!    linearly onto the consequence scale and rounded up (with the default
//!    four-level scheme on a 5-step scale: public 1, internal 3,
//!    confidential 4, restricted 5);
//! 4. otherwise there is no consequence, and the level is `None`.
//!
//! Which approach applies to a risk: the methodology's `approach` when it is
//! `asset_based` or `event_based`; under `mixed` (the default) a risk with
//! assets and no direct inherent consequence (neither `consequence` nor `cia`)
//! is asset-based, every other risk event-based. Event-based risks never fall
//! back to asset values.
//!
//! # Rank
//!
//! Open and identified risks with an inherent level are ranked 1..n by the
//! inherent level: level (highest first), then score `likelihood ×
//! consequence` (highest first), then consequence, then likelihood (highest
//! first), then id (ascending, byte order). Ids are unique, so the order is
//! total and stable. Closed risks are assessed but not ranked, and are never
//! above appetite or due for review.
//!
//! # Effective level, appetite, acceptance, review
//!
//! - A risk is *treated* when it has at least one treatment and every action
//!   of its treatments is done or cancelled (a treatment without actions
//!   counts as complete). The effective level is then the residual level (or
//!   the inherent one when no residual rating is recorded); otherwise it is
//!   the inherent level. `above_appetite` compares the effective level with
//!   the methodology's appetite.
//! - An acceptance holds when it was given by the risk owner, on or before
//!   `as_of`, and has not expired. It expires after `valid_until`, or after
//!   `acceptance_validity_days` from the acceptance date, whichever is earlier;
//!   it is still valid on its expiry day.
//! - A review is due `settings.risk_review_days` after `assessed_on`, and
//!   overdue the day after. A risk never assessed has no review date.
use crate::model::{
    Approach, Asset, Cia, Date, Document, Property, Rating, Risk, RiskStatus, Treatment, TreatmentOption,
};
use crate::risk::{ResolvedMethodology, resolve};
use crate::{Error, Problem, Result};
use chrono::Days;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The assessment of a whole register as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    /// The date the assessment is computed for.
    pub as_of: Date,
    /// The methodology used, with its preset expanded.
    pub methodology: ResolvedMethodology,
    /// Every risk, in register (document) order.
    pub risks: Vec<AssessedRisk>,
}

/// The approach by which a risk's consequence is established (ISO/IEC 27005).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AppliedApproach {
    /// From the value of the assets involved.
    AssetBased,
    /// From a direct rating of the event scenario.
    EventBased,
}

/// Where a rating's consequence step came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsequenceSource {
    /// `rating.consequence`.
    Rated,
    /// Aggregated from `rating.cia`.
    PerProperty,
    /// Derived from the values (and classification) of the risk's assets.
    Assets,
}

/// A level looked up in the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LevelResult {
    /// Likelihood step (1-based).
    pub likelihood: u32,
    /// Consequence step (1-based).
    pub consequence: u32,
    /// Where the consequence came from.
    pub consequence_source: ConsequenceSource,
    /// Risk level id.
    pub level: String,
    /// Index of the level in the methodology (0 = lowest).
    pub level_index: usize,
    /// Level label.
    pub label: String,
    /// Whether the level requires treatment.
    pub requires_treatment: bool,
    /// Whether the level is above the appetite.
    pub above_appetite: bool,
    /// `likelihood × consequence`, a tie-breaker within a level.
    pub score: u32,
}

/// One risk, assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AssessedRisk {
    /// Risk id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Risk owner (person id).
    pub owner: Option<String>,
    /// Status.
    pub status: RiskStatus,
    /// Approach applied to this risk.
    pub approach: AppliedApproach,
    /// Level before treatment.
    pub inherent: Option<LevelResult>,
    /// Level after treatment (target residual).
    pub residual: Option<LevelResult>,
    /// 1 = highest risk; `None` for closed risks and risks without an
    /// inherent level.
    pub rank: Option<u32>,
    /// The effective level (residual once treated, else inherent) exceeds
    /// the appetite. Always false for closed risks.
    pub above_appetite: bool,
    /// Ids of the treatments of this risk, in document order.
    pub treatments: Vec<String>,
    /// Treatment options chosen, in document order, without repeats.
    pub options: Vec<TreatmentOption>,
    /// At least one treatment, and all its actions done or cancelled.
    pub treated: bool,
    /// A valid acceptance by the risk owner holds as of the date.
    pub accepted: bool,
    /// Who accepted (whoever it was).
    pub accepted_by: Option<String>,
    /// When.
    pub accepted_on: Option<Date>,
    /// Last day the acceptance holds.
    pub acceptance_expires_on: Option<Date>,
    /// The acceptance has expired.
    pub acceptance_expired: bool,
    /// When the risk was last assessed.
    pub assessed_on: Option<Date>,
    /// When the next review is due.
    pub review_due_on: Option<Date>,
    /// The review date has passed.
    pub review_overdue: bool,
}

impl AssessedRisk {
    /// The level that counts now: residual once treated, else inherent.
    pub fn effective(&self) -> Option<&LevelResult> {
        if self.treated { self.residual.as_ref().or(self.inherent.as_ref()) } else { self.inherent.as_ref() }
    }
}

/// Assesses every risk of the document as of a date.
///
/// Errors: [`Error::Invalid`] when the methodology cannot be resolved
/// (`invalid_methodology`) or a rating or asset value used is off the
/// scales (`out_of_range`), with all problems and their paths.
pub fn assess(doc: &Document, as_of: Date) -> Result<Assessment> {
    let m = resolve(&doc.risk_methodology).map_err(Error::Invalid)?;
    let mut problems = Vec::new();
    let ix = Index::new(doc);
    let mut risks = Vec::with_capacity(doc.risks.len());
    for (i, r) in doc.risks.iter().enumerate() {
        risks.push(assess_one(doc, &ix, &m, r, i, as_of, &mut problems));
    }
    if !problems.is_empty() {
        // An asset shared by several risks is reported once.
        let mut seen = std::collections::BTreeSet::new();
        problems.retain(|p| seen.insert((p.path.clone(), p.code.clone())));
        return Err(Error::Invalid(problems));
    }
    rank(&mut risks);
    Ok(Assessment { as_of, methodology: m, risks })
}

/// Lookups by id, built once so that an assessment stays linear in the
/// size of the document (no risks × treatments scans).
struct Index<'a> {
    treatments: rustc_hash::FxHashMap<&'a str, Vec<&'a Treatment>>,
    assets: rustc_hash::FxHashMap<&'a str, (usize, &'a Asset)>,
}

impl<'a> Index<'a> {
    fn new(doc: &'a Document) -> Self {
        let mut treatments: rustc_hash::FxHashMap<&str, Vec<&Treatment>> = Default::default();
        for t in &doc.treatments {
            treatments.entry(t.risk.as_str()).or_default().push(t);
        }
        let mut assets = rustc_hash::FxHashMap::default();
        for (i, a) in doc.assets.iter().enumerate() {
            assets.entry(a.id.as_str()).or_insert((i, a));
        }
        Self { treatments, assets }
    }
}

/// The rank order of two assessed risks: see the module doc.
fn rank_key(r: &AssessedRisk) -> Option<(usize, u32, u32, u32)> {
    r.inherent.as_ref().map(|l| (l.level_index, l.score, l.consequence, l.likelihood))
}

fn rank(risks: &mut [AssessedRisk]) {
    let mut order: Vec<usize> =
        (0..risks.len()).filter(|&i| risks[i].status != RiskStatus::Closed && risks[i].inherent.is_some()).collect();
    order.sort_by(|&a, &b| rank_key(&risks[b]).cmp(&rank_key(&risks[a])).then_with(|| risks[a].id.cmp(&risks[b].id)));
    for (n, i) in order.into_iter().enumerate() {
        risks[i].rank = Some(n as u32 + 1);
    }
}

fn applied_approach(m: Approach, r: &Risk) -> AppliedApproach {
    match m {
        Approach::AssetBased => AppliedApproach::AssetBased,
        Approach::EventBased => AppliedApproach::EventBased,
        Approach::Mixed => {
            let direct = r.inherent.as_ref().is_some_and(|x| x.consequence.is_some() || !x.cia.is_empty());
            if !r.assets.is_empty() && !direct { AppliedApproach::AssetBased } else { AppliedApproach::EventBased }
        }
    }
}

fn assess_one(
    doc: &Document,
    ix: &Index<'_>,
    m: &ResolvedMethodology,
    r: &Risk,
    i: usize,
    as_of: Date,
    problems: &mut Vec<Problem>,
) -> AssessedRisk {
    let approach = applied_approach(doc.risk_methodology.approach, r);
    let path = format!("$.risks[{i}]");
    let mut level = |rating: &Option<Rating>, name: &str| {
        rating.as_ref().and_then(|rt| level_of(doc, ix, m, r, approach, rt, &format!("{path}.{name}"), problems))
    };
    let inherent = level(&r.inherent, "inherent");
    let residual = level(&r.residual, "residual");
    let mine: &[&Treatment] = ix.treatments.get(r.id.as_str()).map(Vec::as_slice).unwrap_or_default();
    let mut options = Vec::new();
    for t in mine {
        if !options.contains(&t.option) {
            options.push(t.option);
        }
    }
    let treated = !mine.is_empty()
        && mine
            .iter()
            .flat_map(|t| &t.actions)
            .all(|a| matches!(a.status, crate::model::ActionStatus::Done | crate::model::ActionStatus::Cancelled));
    let live = r.status != RiskStatus::Closed;

    let acc = r.acceptance.as_ref();
    let validity_end = acc
        .and_then(|a| doc.risk_methodology.acceptance_validity_days.map(|d| a.on.checked_add_days(Days::new(d.into()))))
        .map(|d| d.unwrap_or(Date::MAX));
    let acceptance_expires_on = match (acc.and_then(|a| a.valid_until), validity_end) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let acceptance_expired = acceptance_expires_on.is_some_and(|d| d < as_of);
    let accepted = acc.is_some_and(|a| Some(&a.by) == r.owner.as_ref() && a.on <= as_of) && !acceptance_expired;

    let review_due_on = crate::schedule::risk_review_due(doc, r);
    let mut out = AssessedRisk {
        id: r.id.clone(),
        title: r.title.clone(),
        owner: r.owner.clone(),
        status: r.status,
        approach,
        inherent,
        residual,
        rank: None,
        above_appetite: false,
        treatments: mine.iter().map(|t| t.id.clone()).collect(),
        options,
        treated,
        accepted,
        accepted_by: acc.map(|a| a.by.clone()),
        accepted_on: acc.map(|a| a.on),
        acceptance_expires_on,
        acceptance_expired,
        assessed_on: r.assessed_on,
        review_due_on,
        review_overdue: live && review_due_on.is_some_and(|d| d < as_of),
    };
    out.above_appetite = live && out.effective().is_some_and(|l| l.above_appetite);
    out
}

fn check_step(v: u32, top: u32, path: String, what: &str, problems: &mut Vec<Problem>) -> bool {
    if v == 0 || v > top {
        problems.push(Problem::new("out_of_range", path, format!("{what} {v} is outside the scale 1–{top}")));
        false
    } else {
        true
    }
}

fn cia_values(cia: &Cia, props: &[Property]) -> Vec<(Property, u32)> {
    props.iter().filter_map(|&p| cia.get(p).map(|v| (p, v))).collect()
}

fn prop_name(p: Property) -> &'static str {
    match p {
        Property::Confidentiality => "confidentiality",
        Property::Integrity => "integrity",
        Property::Availability => "availability",
    }
}

/// An asset's value per property, with confidentiality derived from the
/// classification when not given (see the module doc).
fn asset_value(doc: &Document, m: &ResolvedMethodology, a: &Asset) -> Cia {
    let mut v = a.value;
    if v.confidentiality.is_none() {
        let scheme = &doc.classification_scheme;
        let top = m.consequence_steps();
        if let (Some(rank), Some(n)) =
            (a.classification.as_deref().and_then(|c| scheme.rank(c)), scheme.levels.len().checked_sub(1))
        {
            v.confidentiality =
                Some(if n == 0 { top } else { 1 + ((rank as u64 * u64::from(top - 1)).div_ceil(n as u64)) as u32 });
        }
    }
    v
}

#[allow(clippy::too_many_arguments)]
fn level_of(
    doc: &Document,
    ix: &Index<'_>,
    m: &ResolvedMethodology,
    r: &Risk,
    approach: AppliedApproach,
    rt: &Rating,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Option<LevelResult> {
    let (nl, nc) = (m.likelihood_steps(), m.consequence_steps());
    let mut ok = check_step(rt.likelihood, nl, format!("{path}.likelihood"), "the likelihood", problems);
    let (consequence, source) = if let Some(c) = rt.consequence {
        ok &= check_step(c, nc, format!("{path}.consequence"), "the consequence", problems);
        (Some(c), ConsequenceSource::Rated)
    } else if !rt.cia.is_empty() {
        let vals = cia_values(&rt.cia, &Property::ALL);
        for &(p, v) in &vals {
            ok &= check_step(v, nc, format!("{path}.cia.{}", prop_name(p)), "the consequence", problems);
        }
        let v: Vec<u32> = vals.iter().map(|x| x.1).collect();
        (m.aggregate(&v), ConsequenceSource::PerProperty)
    } else if approach == AppliedApproach::AssetBased {
        let props: &[Property] = if r.affects.is_empty() { &Property::ALL } else { &r.affects };
        let mut per_prop: Vec<u32> = Vec::new();
        for &p in props {
            let mut best: Option<u32> = None;
            for &(ai, a) in r.assets.iter().filter_map(|id| ix.assets.get(id.as_str())) {
                if let Some(v) = asset_value(doc, m, a).get(p) {
                    ok &= check_step(
                        v,
                        nc,
                        format!("$.assets[{ai}].value.{}", prop_name(p)),
                        "the asset value",
                        problems,
                    );
                    best = best.max(Some(v));
                }
            }
            per_prop.extend(best);
        }
        (m.aggregate(&per_prop), ConsequenceSource::Assets)
    } else {
        (None, ConsequenceSource::Rated)
    };
    if !ok {
        return None;
    }
    let c = consequence?;
    let ix = m.level_index(rt.likelihood, c)?;
    let def = m.levels.get(ix)?;
    Some(LevelResult {
        likelihood: rt.likelihood,
        consequence: c,
        consequence_source: source,
        level: def.id.clone(),
        level_index: ix,
        label: def.label.clone(),
        requires_treatment: def.requires_treatment,
        above_appetite: m.above_appetite(ix),
        score: rt.likelihood * c,
    })
}

#[cfg(test)]
#[path = "assess_tests.rs"]
mod tests;
