//! The internal audit programme (ISO/IEC 27001:2022 9.2.2, checklist step
//! 13): coverage of the existing audits over the cycle, and a proposal of
//! the audits still missing.
//!
//! **Coverage**: every clause 4–10 and every applicable Annex A control (the
//! SoA's applicable entries) is to be audited at least once in the
//! programme's window. Coverage is tracked on the leaf sub-clauses of the
//! catalog; auditing a clause covers everything beneath it (auditing `9`
//! covers 9.1, 9.2.1, 9.2.2, 9.3.1, ...). A completed audit makes an item
//! `audited`; a planned or running one makes it `planned`.
//!
//! **Window** ([`programme_window`]): `settings.internal_audit_cycle_years`
//! long. When certified, it is the current cycle counted from the
//! certification decision; the first cycle also takes in the 12 months before
//! the decision, when the pre-certification audits are held. When not
//! certified, it starts 12 months before `as_of`.
//!
//! **Proposal**: uncovered items (whole clauses where nothing beneath them
//! is covered, else the uncovered sub-clauses; then controls, in Annex A
//! order) are grouped into [`ProgrammeOptions::audits`] audits (default one a
//! year) spread evenly over the rest of the window, in balanced contiguous
//! groups. Every planned external audit without an internal audit since the
//! previous external audit gets one `lead_days` before it (9.2 feeds the
//! certification audits). Auditors come from holders of `internal_auditor`
//! roles active on the date, must be independent of the scope (9.2.2: "ensure
//! objectivity and the impartiality"; here: owning no control, asset or
//! document in the audit's scope), and the least loaded is chosen (ties by id).
use super::{add_days, add_months, add_years};
use crate::catalog;
use crate::model::{Date, Document, EventStatus, Id, RoleKind};
use crate::model::{EntityKind, EntityRef};
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Choices for [`audit_programme`] that are not part of the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ProgrammeOptions {
    /// Number of audits to spread the uncovered items over; default: one per
    /// year of the cycle. Audits placed before external audits come on top
    /// when there are more of them.
    pub audits: Option<u32>,
    /// Days before an external audit at which the preceding internal audit is
    /// placed. Default 30.
    pub lead_days: u32,
}

impl Default for ProgrammeOptions {
    fn default() -> Self {
        Self { audits: None, lead_days: 30 }
    }
}

/// Largest accepted [`ProgrammeOptions::audits`]: every audit is a proposal
/// in the result, and a cycle holds at most a few dozen in practice.
pub const MAX_PROGRAMME_AUDITS: u32 = 1_000;

/// Largest accepted [`ProgrammeOptions::lead_days`] (ten years).
pub const MAX_LEAD_DAYS: u32 = 3_653;

impl ProgrammeOptions {
    /// Checks the options (paths start with `options.`): `audits` at most
    /// [`MAX_PROGRAMME_AUDITS`], `lead_days` at most [`MAX_LEAD_DAYS`].
    /// Front ends call this before [`audit_programme`], which cannot fail
    /// and caps `audits` with a note instead.
    pub fn validate(&self) -> Result<()> {
        if let Some(n) = self.audits.filter(|n| *n > MAX_PROGRAMME_AUDITS) {
            return Err(Error::LimitExceeded {
                path: "options.audits".into(),
                message: format!("{n} audits requested, at most {MAX_PROGRAMME_AUDITS} are accepted"),
            });
        }
        if self.lead_days > MAX_LEAD_DAYS {
            return Err(Error::invalid_argument(
                "options.lead_days",
                format!("must be at most {MAX_LEAD_DAYS} days, got {}", self.lead_days),
            ));
        }
        Ok(())
    }
}

/// How far an item is covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoverageStatus {
    /// Audited by a completed audit in the window.
    Audited,
    /// In the scope of a planned or running audit in the window.
    Planned,
    /// Not in any audit of the window.
    Uncovered,
}

/// A clause or control and its coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CoverageItem {
    /// `clause` or `control`.
    pub kind: EntityKind,
    /// Clause number or Annex A control id.
    pub id: String,
    /// Title from the catalog.
    pub title: String,
    /// Coverage.
    pub status: CoverageStatus,
    /// Audits covering it.
    pub audits: Vec<Id>,
}

/// An internal audit the programme still needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ProposedAudit {
    /// Stable id (`proposed-internal-audit-N`), in date order.
    pub id: String,
    /// Proposed date.
    pub date: Date,
    /// Clauses to audit.
    pub clauses: Vec<String>,
    /// Annex A controls to audit.
    pub controls: Vec<String>,
    /// The external audit it prepares for, if placed for one.
    pub precedes: Option<Id>,
    /// Independent auditor proposed.
    pub auditor: Option<Id>,
    /// Why no auditor could be proposed.
    pub unassigned_reason: Option<String>,
}

/// An auditor who owns something in the scope of their own audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IndependenceConflict {
    /// The internal audit.
    pub audit: Id,
    /// The auditor.
    pub auditor: Id,
    /// What they own in its scope.
    pub owns: Vec<EntityRef>,
}

/// The internal audit programme (schema `audit-programme`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AuditProgramme {
    /// The date statuses refer to.
    pub as_of: Date,
    /// First day of the window.
    pub from: Date,
    /// Last day of the window.
    pub to: Date,
    /// Leaf clauses 4–10 and their coverage.
    pub clauses: Vec<CoverageItem>,
    /// Applicable Annex A controls and their coverage.
    pub controls: Vec<CoverageItem>,
    /// Number of items not covered by any audit of the window.
    pub uncovered: usize,
    /// Planned external audits with no internal audit since the previous one.
    pub external_audits_without_internal: Vec<Id>,
    /// Existing audits whose auditors are not independent of the scope.
    pub conflicts: Vec<IndependenceConflict>,
    /// Audits to add.
    pub proposals: Vec<ProposedAudit>,
    /// Remarks (e.g. an empty Statement of Applicability).
    pub notes: Vec<String>,
}

/// The programme window `[from, to]` (inclusive) containing `as_of`; see the
/// module documentation.
pub fn programme_window(doc: &Document, as_of: Date) -> (Date, Date) {
    let n = i64::from(doc.settings.internal_audit_cycle_years.clamp(1, 10));
    match doc.certification.decision_on {
        Some(dec) if dec <= as_of => {
            let mut k = (i64::from(chrono::Datelike::year(&as_of)) - i64::from(chrono::Datelike::year(&dec))) / n;
            while k > 0 && add_years(dec, k * n) > as_of {
                k -= 1;
            }
            while add_years(dec, (k + 1) * n) <= as_of {
                k += 1;
            }
            let from = if k == 0 { add_months(dec, -12) } else { add_years(dec, k * n) };
            (from, add_days(add_years(dec, (k + 1) * n), -1))
        }
        _ => {
            let from = add_months(as_of, -12);
            (from, add_days(add_years(from, n), -1))
        }
    }
}

fn audit_date(a: &crate::model::InternalAudit) -> Option<Date> {
    a.end_on.or(a.start_on).or(a.planned_on)
}

/// Leaf clauses (no sub-clauses) in catalog order.
fn leaf_clauses() -> Vec<&'static catalog::Clause> {
    let all = catalog::clauses();
    all.iter().filter(|c| !all.iter().any(|o| o.parent == Some(c.id))).collect()
}

/// Uncovered leaves, compressed to the highest clause whose leaves are all
/// uncovered.
fn compress(id: &str, uncovered: &BTreeSet<&str>, out: &mut Vec<String>) {
    let leaves: Vec<_> = leaf_clauses().into_iter().filter(|l| catalog::is_within(l.id, id)).collect();
    if leaves.is_empty() {
        return;
    }
    if leaves.iter().all(|l| uncovered.contains(l.id)) {
        out.push(id.to_owned());
        return;
    }
    for child in catalog::clauses().iter().filter(|c| c.parent == Some(id)) {
        compress(child.id, uncovered, out);
    }
}

/// What a person owns that falls in an audit scope.
fn owned_in_scope(
    doc: &Document,
    person: &str,
    clauses: &[String],
    controls: &[String],
    units: &[Id],
) -> Vec<EntityRef> {
    let ctl: BTreeSet<&str> = controls.iter().map(|c| catalog::normalize_control_id(c)).collect();
    let in_ctl = |c: &str| ctl.contains(catalog::normalize_control_id(c));
    let mut out = BTreeSet::new();
    for e in &doc.soa.entries {
        if e.owner.as_deref() == Some(person) && in_ctl(&e.control) {
            out.insert(EntityRef::new(EntityKind::Control, catalog::normalize_control_id(&e.control)));
        }
    }
    for c in &doc.controls {
        if c.owner.as_deref() == Some(person) && (in_ctl(&c.id) || c.annex_a.iter().any(|a| in_ctl(a))) {
            out.insert(EntityRef::new(EntityKind::CustomControl, &c.id));
        }
    }
    for d in &doc.documents {
        if d.owner.as_deref() != Some(person) {
            continue;
        }
        let by_control = d.controls.iter().any(|c| in_ctl(c));
        let by_clause = d
            .satisfies
            .iter()
            .filter_map(|k| catalog::mandatory_document(k))
            .any(|m| in_ctl(m.clause) || clauses.iter().any(|c| catalog::is_within(m.clause, c)));
        if by_control || by_clause {
            out.insert(EntityRef::new(EntityKind::Document, &d.id));
        }
    }
    // Assets in scope: those of the audited units, and those of risks treated
    // with the audited controls.
    let mut scoped_assets: BTreeSet<&str> = BTreeSet::new();
    // Risks by id (the first of an id, as a scan would find): a scan per
    // treatment made this quadratic in the register's size.
    let mut risks: std::collections::HashMap<&str, &crate::model::Risk> =
        std::collections::HashMap::with_capacity(doc.risks.len());
    for r in &doc.risks {
        risks.entry(r.id.as_str()).or_insert(r);
    }
    for t in &doc.treatments {
        if t.controls.iter().any(|c| in_ctl(c)) {
            if let Some(r) = risks.get(t.risk.as_str()) {
                scoped_assets.extend(r.assets.iter().map(String::as_str));
            }
        }
    }
    for a in &doc.assets {
        let in_unit = a.unit.as_ref().is_some_and(|u| units.contains(u));
        if a.owner.as_deref() == Some(person) && (in_unit || scoped_assets.contains(a.id.as_str())) {
            out.insert(EntityRef::new(EntityKind::Asset, &a.id));
        }
    }
    out.into_iter().collect()
}

/// Checks the internal audit programme of `doc` over its window (see
/// [`programme_window`]) and proposes the audits still missing.
pub fn audit_programme(doc: &Document, as_of: Date, options: &ProgrammeOptions) -> AuditProgramme {
    let (from, to) = programme_window(doc, as_of);
    let n_years = doc.settings.internal_audit_cycle_years.clamp(1, 10);
    let audits: Vec<_> = doc
        .internal_audits
        .iter()
        .filter(|a| a.status != EventStatus::Cancelled)
        .filter(|a| audit_date(a).is_some_and(|d| d >= from && d <= to))
        .collect();
    let mut notes = Vec::new();
    if let Err(e) = options.validate() {
        // This function cannot fail; the front ends call `validate` first.
        notes.push(format!("{e}; the programme uses the nearest accepted value"));
    }
    let lead_days = options.lead_days.min(MAX_LEAD_DAYS);

    let status_of = |covering: &[&crate::model::InternalAudit]| {
        if covering.iter().any(|a| a.status == EventStatus::Completed) {
            CoverageStatus::Audited
        } else if covering.is_empty() {
            CoverageStatus::Uncovered
        } else {
            CoverageStatus::Planned
        }
    };
    let clauses: Vec<CoverageItem> = leaf_clauses()
        .into_iter()
        .map(|leaf| {
            let covering: Vec<_> = audits
                .iter()
                .copied()
                .filter(|a| a.scope.clauses.iter().any(|c| catalog::is_within(leaf.id, c)))
                .collect();
            CoverageItem {
                kind: EntityKind::Clause,
                id: leaf.id.into(),
                title: leaf.title.into(),
                status: status_of(&covering),
                audits: covering.iter().map(|a| a.id.clone()).collect(),
            }
        })
        .collect();
    let applicable: BTreeSet<&str> =
        doc.soa.entries.iter().filter(|e| e.applicable).map(|e| catalog::normalize_control_id(&e.control)).collect();
    if doc.soa.entries.is_empty() {
        notes.push("the Statement of Applicability is empty: no Annex A control is known to be applicable".into());
    }
    let controls: Vec<CoverageItem> = catalog::annex_a()
        .iter()
        .filter(|c| applicable.contains(c.id))
        .map(|c| {
            let covering: Vec<_> = audits
                .iter()
                .copied()
                .filter(|a| a.scope.controls.iter().any(|x| catalog::normalize_control_id(x) == c.id))
                .collect();
            CoverageItem {
                kind: EntityKind::Control,
                id: c.id.into(),
                title: c.title.into(),
                status: status_of(&covering),
                audits: covering.iter().map(|a| a.id.clone()).collect(),
            }
        })
        .collect();

    // Uncovered units of work.
    let uncovered_leaves: BTreeSet<&str> =
        clauses.iter().filter(|c| c.status == CoverageStatus::Uncovered).map(|c| c.id.as_str()).collect();
    let mut clause_units = Vec::new();
    for top in catalog::top_level_clauses() {
        compress(top.id, &uncovered_leaves, &mut clause_units);
    }
    let control_units: Vec<String> =
        controls.iter().filter(|c| c.status == CoverageStatus::Uncovered).map(|c| c.id.clone()).collect();
    let uncovered = uncovered_leaves.len() + control_units.len();

    // External audits that need an internal audit before them.
    let mut externals: Vec<_> = doc
        .certification
        .audits
        .iter()
        .filter(|a| a.status != EventStatus::Cancelled)
        .filter_map(|a| a.start_on.or(a.end_on).map(|d| (d, a)))
        .collect();
    externals.sort_by(|x, y| (x.0, &x.1.id).cmp(&(y.0, &y.1.id)));
    let start = as_of.max(from);
    let mut without = Vec::new();
    let mut slots: Vec<(Date, Option<Id>)> = Vec::new();
    let mut previous = from;
    for (date, ext) in &externals {
        if ext.status == EventStatus::Planned && *date >= start && *date <= to {
            let prior = doc
                .internal_audits
                .iter()
                .filter(|a| a.status != EventStatus::Cancelled)
                .any(|a| audit_date(a).is_some_and(|d| d >= previous && d < *date));
            if !prior {
                without.push(ext.id.clone());
                slots.push((add_days(*date, -i64::from(lead_days)).max(start), Some(ext.id.clone())));
            }
        }
        previous = previous.max(*date);
    }
    let units = clause_units.len() + control_units.len();
    if units > 0 && start <= to {
        let wanted = usize::try_from(options.audits.unwrap_or(n_years).clamp(1, MAX_PROGRAMME_AUDITS)).unwrap_or(1);
        let spread = wanted.saturating_sub(slots.len());
        let span = (to - start).num_days();
        for i in 0..spread {
            let i = i64::try_from(i).unwrap_or(0);
            let n = i64::try_from(spread).unwrap_or(1);
            slots.push((add_days(start, span * (i + 1) / (n + 1)), None));
        }
    }
    slots.sort();

    // Balanced contiguous groups, clauses first, then controls.
    let all_units: Vec<(bool, String)> =
        clause_units.into_iter().map(|c| (true, c)).chain(control_units.into_iter().map(|c| (false, c))).collect();
    let mut proposals = Vec::new();
    let mut load: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for a in &audits {
        for p in &a.auditors {
            *load.entry(p.as_str()).or_default() += 1;
        }
    }
    let auditors: BTreeSet<&str> = doc
        .roles
        .iter()
        .filter(|r| r.kind == RoleKind::InternalAuditor)
        .flat_map(|r| r.holders.iter().map(String::as_str))
        .collect();
    let n_slots = slots.len();
    let mut cursor = 0;
    for (i, (date, precedes)) in slots.into_iter().enumerate() {
        let take = all_units.len() / n_slots + usize::from(i < all_units.len() % n_slots);
        let group = &all_units[cursor..cursor + take];
        cursor += take;
        let mut clauses: Vec<String> = group.iter().filter(|u| u.0).map(|u| u.1.clone()).collect();
        let controls: Vec<String> = group.iter().filter(|u| !u.0).map(|u| u.1.clone()).collect();
        if clauses.is_empty() && controls.is_empty() {
            if precedes.is_none() {
                continue;
            }
            // Nothing left uncovered: an ISMS-wide readiness audit.
            clauses = catalog::top_level_clauses().map(|c| c.id.to_owned()).collect();
        }
        let mut rejected = Vec::new();
        let mut best: Option<(&str, usize)> = None;
        for p in &auditors {
            let active = doc.people.iter().find(|x| x.id == *p).is_some_and(|x| x.is_active_on(date));
            if !active {
                continue;
            }
            let owns = owned_in_scope(doc, p, &clauses, &controls, &[]);
            if !owns.is_empty() {
                rejected.push(format!(
                    "{p} owns {} in scope",
                    owns.iter().map(|o| format!("{} {}", o.kind, o.id)).collect::<Vec<_>>().join(", ")
                ));
                continue;
            }
            let l = load.get(p).copied().unwrap_or(0);
            if best.is_none_or(|(_, bl)| l < bl) {
                best = Some((p, l));
            }
        }
        let (auditor, unassigned_reason) = match best {
            Some((p, _)) => {
                *load.entry(p).or_default() += 1;
                (Some(p.to_owned()), None)
            }
            None if auditors.is_empty() => (None, Some("no person holds an internal_auditor role".to_owned())),
            None if rejected.is_empty() => (None, Some("no internal auditor is active on the date".to_owned())),
            None => (None, Some(format!("no independent internal auditor: {}", rejected.join("; ")))),
        };
        proposals.push(ProposedAudit {
            id: String::new(),
            date,
            clauses,
            controls,
            precedes,
            auditor,
            unassigned_reason,
        });
    }
    for (i, p) in proposals.iter_mut().enumerate() {
        p.id = format!("proposed-internal-audit-{}", i + 1);
    }

    let mut conflicts = Vec::new();
    for a in &audits {
        for p in &a.auditors {
            let owns = owned_in_scope(doc, p, &a.scope.clauses, &a.scope.controls, &a.scope.units);
            if !owns.is_empty() {
                conflicts.push(IndependenceConflict { audit: a.id.clone(), auditor: p.clone(), owns });
            }
        }
    }
    AuditProgramme {
        as_of,
        from,
        to,
        clauses,
        controls,
        uncovered,
        external_audits_without_internal: without,
        conflicts,
        proposals,
        notes,
    }
}
