//! The Statement of Applicability as an auditor reads it (ISO/IEC
//! 27001:2022 6.1.3 d), checklist step 8).
//!
//! **What this is**: [`statement`] joins the document's SoA entries with the
//! Annex A catalog, the risk treatment plan and the evidence register into
//! the *full* statement: one line for each of the 93 controls (a control the
//! document does not mention appears as [`Applicability::NotAddressed`]),
//! with its theme, title, decision, reasons, justification, status, owner,
//! linked risks and linked evidence with its freshness on a given date. It
//! also lists the statement's completeness and consistency problems
//! ([`SoaIssue`]): controls not addressed, exclusions without justification,
//! inclusions without a reason, implemented controls without current
//! evidence, controls a treatment relies on that are excluded or missing,
//! and controls included "for risk treatment" that no treatment references.
//! [`diff`](mod@diff) compares two versions entry by entry; [`render`] writes
//! CSV, Markdown and self-contained HTML.
//!
//! **What this is not**: a judgement of severity or a deadline. The
//! evaluation rules (`crate::evaluate`, area `soa`) turn these issues into
//! findings with severities and remediation; this module only states facts.
//!
//! Linking rules, so that the statement is reproducible:
//! - a treatment *relies on* an Annex A control when it lists the control, or
//!   lists a custom control that declares the Annex A control in `annex_a`;
//!   treatments of closed risks are ignored;
//! - an evidence item is linked to a control when the SoA entry lists it or
//!   the item lists the control (directly or through a custom control);
//! - evidence is current on `as_of` when it was collected on or before
//!   `as_of` and `as_of` is not after `collected_on + valid_for_days`
//!   (default `settings.evidence_freshness_days`).
pub mod diff;
pub mod render;

pub use diff::{ChangeKind, ControlChange, SoaDiff, diff};

use crate::catalog::{self, Theme};
use crate::model::{Date, Document, Evidence, Id, ImplementationStatus, InclusionReason, RiskStatus, SoaEntry};
use rustc_hash::FxHashMap as HashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Whether, and how, the statement decides on a control.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// Included: the control is applicable.
    Applicable,
    /// Excluded, with (or without) a justification.
    Excluded,
    /// The document has no entry for the control.
    NotAddressed,
}

impl Applicability {
    /// The `snake_case` token, as in JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Applicability::Applicable => "applicable",
            Applicability::Excluded => "excluded",
            Applicability::NotAddressed => "not_addressed",
        }
    }
}

/// One evidence item linked to a control, with its freshness on `as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EvidenceLink {
    /// Evidence id.
    pub id: Id,
    /// Title.
    pub title: String,
    /// When it was collected.
    pub collected_on: Date,
    /// Last day on which it is current.
    pub expires_on: Date,
    /// Whether it is current on the statement's `as_of` date.
    pub current: bool,
}

/// One line of the full statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatementEntry {
    /// Annex A control id, e.g. `5.15`.
    pub control: String,
    /// Control title (ISO/IEC 27001:2022 Annex A).
    pub title: String,
    /// Annex A theme.
    pub theme: Theme,
    /// The decision.
    pub applicability: Applicability,
    /// Reasons for inclusion.
    pub reasons: Vec<InclusionReason>,
    /// Justification (required for an exclusion).
    pub justification: Option<String>,
    /// Implementation status (none when not addressed).
    pub status: Option<ImplementationStatus>,
    /// Control owner (a person id).
    pub owner: Option<Id>,
    /// The owner's name.
    pub owner_name: Option<String>,
    /// Target date for implementation.
    pub target_date: Option<Date>,
    /// Risks the control treats: from the entry and from treatments relying on it.
    pub risks: Vec<Id>,
    /// Treatments relying on the control.
    pub treatments: Vec<Id>,
    /// Documents implementing the control: from the entry and from documents listing it.
    pub documents: Vec<Id>,
    /// Evidence linked to the control, oldest first.
    pub evidence: Vec<EvidenceLink>,
    /// Whether at least one linked evidence item is current on `as_of`.
    pub evidence_current: bool,
    /// The control's automated test status, when the statement was made
    /// with results ([`with_automated`]) and the control has some.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automated: Option<AutomatedStatus>,
}

/// What automated tests say about a control on the statement's date
/// (`docs/monitoring.md`), and whether that holds through the audit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AutomatedStatus {
    /// Its health from the results.
    pub health: crate::monitor::Health,
    /// The newest result on or before the date.
    pub last_observed: chrono::DateTime<chrono::Utc>,
    /// The last day the newest result is fresh (its cadence after it).
    pub fresh_until: Date,
    /// Whether the newest result is fresh on the date.
    pub fresh: bool,
    /// Whether it stays fresh to the end of the audit observation window
    /// (absent without a window: no external audit under way or planned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fresh_through_window: Option<bool>,
}

/// The audit observation window of a statement: the external audit under
/// way on the date, or else the next one planned (its first to last day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ObservationWindow {
    /// The audit's id.
    pub audit: Id,
    /// Its first day.
    pub start_on: Date,
    /// Its last day (its first when no end is recorded).
    pub end_on: Date,
}

/// The audit observation window on `as_of`: the external audit (not
/// cancelled or completed) whose days contain `as_of`, else the next to
/// start after it.
pub fn observation_window(doc: &Document, as_of: Date) -> Option<ObservationWindow> {
    use crate::model::EventStatus;
    let mut open: Vec<ObservationWindow> = doc
        .certification
        .audits
        .iter()
        .filter(|a| !matches!(a.status, EventStatus::Cancelled | EventStatus::Completed))
        .filter_map(|a| {
            let start_on = a.start_on?;
            Some(ObservationWindow {
                audit: a.id.clone(),
                start_on,
                end_on: a.end_on.unwrap_or(start_on).max(start_on),
            })
        })
        .filter(|w| w.end_on >= as_of)
        .collect();
    open.sort_by(|a, b| (a.start_on, &a.audit).cmp(&(b.start_on, &b.audit)));
    open.into_iter().next()
}

/// Adds the automated status of every control with results in `summary`
/// (judged on the statement's date) to `statement`, and the observation
/// window the freshness is measured against.
pub fn with_automated(statement: &mut Statement, doc: &Document, summary: &crate::monitor::MonitorSummary) {
    let window = observation_window(doc, statement.as_of);
    for e in &mut statement.entries {
        if let Some(h) = summary.control(&e.control) {
            e.automated = Some(AutomatedStatus {
                health: h.health,
                last_observed: h.last_observed,
                fresh_until: h.fresh_until,
                fresh: h.fresh_until >= statement.as_of,
                fresh_through_window: window.as_ref().map(|w| h.fresh_until >= w.end_on),
            });
        }
    }
    statement.observation_window = window;
}

/// A completeness or consistency problem of the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SoaIssueKind {
    /// No entry for the control.
    NotAddressed,
    /// Excluded without a justification.
    ExclusionWithoutJustification,
    /// Included without a reason for inclusion.
    InclusionWithoutReason,
    /// Implemented, but no linked evidence is current on `as_of`.
    ImplementedWithoutCurrentEvidence,
    /// A treatment relies on the control, but the statement excludes it.
    ReliedOnButExcluded,
    /// A treatment relies on the control, but the statement has no entry for it.
    ReliedOnButNotAddressed,
    /// Included for risk treatment, but no treatment relies on it.
    RiskTreatmentReasonUnreferenced,
}

/// One problem of the statement, about one control.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SoaIssue {
    /// What is wrong.
    pub kind: SoaIssueKind,
    /// The control concerned.
    pub control: String,
    /// Other entities involved (treatments relying on the control, evidence), sorted.
    pub related: Vec<Id>,
    /// Plain explanation.
    pub message: String,
}

/// Counts over the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct StatementSummary {
    /// Controls in Annex A (93).
    pub controls: u32,
    /// Controls with an entry.
    pub addressed: u32,
    /// Controls included.
    pub applicable: u32,
    /// Controls excluded.
    pub excluded: u32,
    /// Controls without an entry.
    pub not_addressed: u32,
    /// Included controls marked implemented.
    pub implemented: u32,
    /// Included controls with current evidence.
    pub with_current_evidence: u32,
    /// Number of issues.
    pub issues: u32,
}

/// The full Statement of Applicability on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Statement {
    /// The date evidence freshness is judged on.
    pub as_of: Date,
    /// The organisation.
    pub organization: String,
    /// Version label of the statement.
    pub version: Option<String>,
    /// Who approved it (a person id).
    pub approved_by: Option<Id>,
    /// The approver's name.
    pub approved_by_name: Option<String>,
    /// When.
    pub approved_on: Option<Date>,
    /// Counts.
    pub summary: StatementSummary,
    /// One entry per Annex A control, in the standard's order.
    pub entries: Vec<StatementEntry>,
    /// Completeness and consistency problems, by control order then kind.
    pub issues: Vec<SoaIssue>,
    /// The audit observation window automated freshness is judged against,
    /// when the statement was made with results and an audit is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observation_window: Option<ObservationWindow>,
}

impl Statement {
    /// The entry of a control (`5.15` or `A.5.15`).
    pub fn entry(&self, control: &str) -> Option<&StatementEntry> {
        let c = catalog::control(control)?;
        self.entries.iter().find(|e| e.control == c.id)
    }
}

/// Adds days to a date, saturating at the largest date.
pub(crate) fn add_days(d: Date, days: u32) -> Date {
    d.checked_add_days(chrono::Days::new(u64::from(days))).unwrap_or(Date::MAX)
}

/// The Annex A ids a control reference stands for: itself when it is an
/// Annex A id, the declared `annex_a` list of a custom control otherwise.
pub(crate) struct ControlResolver<'a> {
    custom: HashMap<&'a str, Vec<&'static str>>,
}

impl<'a> ControlResolver<'a> {
    pub(crate) fn new(doc: &'a Document) -> Self {
        let custom = doc
            .controls
            .iter()
            .map(|c| (c.id.as_str(), c.annex_a.iter().filter_map(|a| catalog::control(a).map(|x| x.id)).collect()))
            .collect();
        Self { custom }
    }
    /// Calls `f` for each Annex A control `reference` stands for.
    pub(crate) fn each(&self, reference: &str, mut f: impl FnMut(&'static str)) {
        if let Some(c) = catalog::control(reference) {
            f(c.id);
        } else if let Some(list) = self.custom.get(reference) {
            list.iter().for_each(|c| f(c));
        }
    }
}

/// When an evidence item stops being current.
pub fn evidence_expires_on(doc: &Document, e: &Evidence) -> Date {
    add_days(e.collected_on, e.valid_for_days.unwrap_or(doc.settings.evidence_freshness_days))
}

/// Builds the full statement of `doc` on `as_of`. Never fails: references
/// that do not resolve (a document that was not validated) are skipped.
pub fn statement(doc: &Document, as_of: Date) -> Statement {
    let resolver = ControlResolver::new(doc);
    let names: HashMap<&str, &str> = doc.people.iter().map(|p| (p.id.as_str(), p.name.as_str())).collect();
    let evidence_by_id: HashMap<&str, &Evidence> = doc.evidence.iter().map(|e| (e.id.as_str(), e)).collect();
    let risk_status: HashMap<&str, RiskStatus> = doc.risks.iter().map(|r| (r.id.as_str(), r.status)).collect();

    let mut entries_by_control: HashMap<&'static str, &SoaEntry> = HashMap::default();
    for e in &doc.soa.entries {
        if let Some(c) = catalog::control(&e.control) {
            entries_by_control.entry(c.id).or_insert(e);
        }
    }
    // control -> (treatments, risks) relying on it
    // Collected as vectors and sorted + deduplicated once per control: much
    // cheaper than ordered-set inserts with a million evidence ids.
    let mut relied: HashMap<&'static str, (Vec<&str>, Vec<&str>)> = HashMap::default();
    for t in &doc.treatments {
        if risk_status.get(t.risk.as_str()) == Some(&RiskStatus::Closed) {
            continue;
        }
        for c in &t.controls {
            resolver.each(c, |id| {
                let slot = relied.entry(id).or_default();
                slot.0.push(t.id.as_str());
                slot.1.push(t.risk.as_str());
            });
        }
    }
    let mut evidence_by_control: HashMap<&'static str, Vec<&str>> = HashMap::default();
    for e in &doc.evidence {
        for c in &e.controls {
            resolver.each(c, |id| {
                evidence_by_control.entry(id).or_default().push(e.id.as_str());
            });
        }
    }
    let mut docs_by_control: HashMap<&'static str, Vec<&str>> = HashMap::default();
    for d in &doc.documents {
        for c in &d.controls {
            resolver.each(c, |id| {
                docs_by_control.entry(id).or_default().push(d.id.as_str());
            });
        }
    }

    let mut entries = Vec::with_capacity(catalog::annex_a().len());
    let mut issues = Vec::new();
    let mut summary = StatementSummary::default();
    fn sorted_unique(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_unstable();
        v.dedup();
        v
    }
    for ctl in catalog::annex_a() {
        summary.controls += 1;
        let entry = entries_by_control.get(ctl.id).copied();
        let (rel_treatments, mut risks) = relied.remove(ctl.id).unwrap_or_default();
        let rel_treatments = sorted_unique(rel_treatments);
        let mut ev_ids = evidence_by_control.remove(ctl.id).unwrap_or_default();
        let mut doc_ids = docs_by_control.remove(ctl.id).unwrap_or_default();
        if let Some(e) = entry {
            risks.extend(e.risks.iter().map(String::as_str));
            ev_ids.extend(e.evidence.iter().map(String::as_str));
            doc_ids.extend(e.documents.iter().map(String::as_str));
        }
        let (risks, ev_ids, doc_ids) = (sorted_unique(risks), sorted_unique(ev_ids), sorted_unique(doc_ids));
        let mut evidence: Vec<EvidenceLink> = ev_ids
            .iter()
            .filter_map(|id| evidence_by_id.get(id))
            .map(|e| {
                let expires_on = evidence_expires_on(doc, e);
                EvidenceLink {
                    id: e.id.clone(),
                    title: e.title.clone(),
                    collected_on: e.collected_on,
                    expires_on,
                    current: e.collected_on <= as_of && as_of <= expires_on,
                }
            })
            .collect();
        evidence.sort_by(|a, b| a.collected_on.cmp(&b.collected_on).then_with(|| a.id.cmp(&b.id)));
        let evidence_current = evidence.iter().any(|e| e.current);
        let applicability = match entry {
            None => Applicability::NotAddressed,
            Some(e) if e.applicable => Applicability::Applicable,
            Some(_) => Applicability::Excluded,
        };
        let treatments: Vec<Id> = rel_treatments.iter().map(|s| s.to_string()).collect();
        let mut issue = |kind: SoaIssueKind, related: Vec<Id>, message: String| {
            issues.push(SoaIssue { kind, control: ctl.id.to_owned(), related, message });
        };
        match (applicability, entry) {
            (Applicability::NotAddressed, _) => {
                summary.not_addressed += 1;
                issue(
                    SoaIssueKind::NotAddressed,
                    vec![],
                    format!("control {} ({}) has no entry in the statement", ctl.id, ctl.title),
                );
                if !treatments.is_empty() {
                    issue(
                        SoaIssueKind::ReliedOnButNotAddressed,
                        treatments.clone(),
                        format!(
                            "control {} is relied on by treatment(s) {} but the statement has no entry for it",
                            ctl.id,
                            treatments.join(", ")
                        ),
                    );
                }
            }
            (Applicability::Excluded, Some(e)) => {
                summary.addressed += 1;
                summary.excluded += 1;
                match e.justification.as_deref().map(str::trim) {
                    None | Some("") => issue(
                        SoaIssueKind::ExclusionWithoutJustification,
                        vec![],
                        format!("control {} is excluded without a justification", ctl.id),
                    ),
                    Some(j) if is_placeholder(j) => issue(
                        SoaIssueKind::ExclusionWithoutJustification,
                        vec![],
                        format!("control {} is excluded with a placeholder for a justification (`{j}`)", ctl.id),
                    ),
                    Some(_) => {}
                }
                if !treatments.is_empty() {
                    issue(
                        SoaIssueKind::ReliedOnButExcluded,
                        treatments.clone(),
                        format!(
                            "control {} is excluded, but treatment(s) {} rely on it",
                            ctl.id,
                            treatments.join(", ")
                        ),
                    );
                }
            }
            (_, Some(e)) => {
                summary.addressed += 1;
                summary.applicable += 1;
                if e.reasons.is_empty() {
                    issue(
                        SoaIssueKind::InclusionWithoutReason,
                        vec![],
                        format!("control {} is included without a reason for inclusion", ctl.id),
                    );
                }
                if e.status == ImplementationStatus::Implemented {
                    summary.implemented += 1;
                    if !evidence_current {
                        let related: Vec<Id> = evidence.iter().map(|x| x.id.clone()).collect();
                        let msg = match evidence.last() {
                            None => format!("control {} is marked implemented but has no evidence", ctl.id),
                            Some(last) => format!(
                                "control {} is marked implemented but none of its evidence is current on {as_of} (latest expired {})",
                                ctl.id, last.expires_on
                            ),
                        };
                        issue(SoaIssueKind::ImplementedWithoutCurrentEvidence, related, msg);
                    }
                }
                if evidence_current {
                    summary.with_current_evidence += 1;
                }
                if e.reasons.contains(&InclusionReason::RiskTreatment) && treatments.is_empty() {
                    issue(
                        SoaIssueKind::RiskTreatmentReasonUnreferenced,
                        vec![],
                        format!(
                            "control {} is included for risk treatment, but no treatment in the plan relies on it",
                            ctl.id
                        ),
                    );
                }
            }
            (_, None) => {}
        }
        entries.push(StatementEntry {
            control: ctl.id.to_owned(),
            title: ctl.title.to_owned(),
            theme: ctl.theme,
            applicability,
            reasons: entry.map(|e| e.reasons.clone()).unwrap_or_default(),
            justification: entry.and_then(|e| e.justification.clone()),
            status: entry.map(|e| e.status),
            owner: entry.and_then(|e| e.owner.clone()),
            owner_name: entry.and_then(|e| e.owner.as_deref()).and_then(|o| names.get(o)).map(|s| s.to_string()),
            target_date: entry.and_then(|e| e.target_date),
            risks: risks.into_iter().map(str::to_owned).collect(),
            treatments,
            documents: doc_ids.into_iter().map(str::to_owned).collect(),
            evidence,
            evidence_current,
            automated: None,
        });
    }
    summary.issues = issues.len() as u32;
    Statement {
        as_of,
        organization: doc.organization.name.clone(),
        version: doc.soa.version.clone(),
        approved_by: doc.soa.approved_by.clone(),
        approved_by_name: doc.soa.approved_by.as_deref().and_then(|o| names.get(o)).map(|s| s.to_string()),
        approved_on: doc.soa.approved_on,
        summary,
        entries,
        issues,
        observation_window: None,
    }
}
/// Whether a justification is a placeholder rather than a reason: empty
/// after trimming, punctuation only (`-`, `...`, `?`), or one of the stock
/// fillers (`n/a`, `na`, `tbd`, `tba`, `todo`, `none`, `null`, `nil`, `x`),
/// compared case-insensitively. An SoA exclusion needs a real reason (6.1.3
/// d), so a placeholder counts as none.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    if t.chars().all(|c| !c.is_alphanumeric()) {
        return true;
    }
    const FILLERS: [&str; 11] =
        ["n/a", "n.a.", "na", "tbd", "tba", "todo", "none", "null", "nil", "x", "not applicable"];
    FILLERS.contains(&t.as_str())
}

#[cfg(test)]
mod automated_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn doc(audits: &str) -> Document {
        crate::json::parse_document(&format!(
            r#"{{"schema_version":"1.0","organization":{{"name":"Acme"}},
            "soa":{{"entries":[{{"control":"8.5","applicable":true}}]}},
            "certification":{{"audits":[{audits}]}}}}"#
        ))
        .unwrap()
    }

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn the_window_is_the_audit_under_way_or_the_next_planned() {
        let audits = r#"{"id":"a-old","kind":"stage1","status":"completed","start_on":"2026-01-05"},
            {"id":"a-late","kind":"stage2","start_on":"2026-06-01","end_on":"2026-06-03"},
            {"id":"a-next","kind":"stage1","start_on":"2026-03-02","end_on":"2026-03-04"},
            {"id":"a-off","kind":"surveillance","status":"cancelled","start_on":"2026-02-01"}"#;
        let w = observation_window(&doc(audits), d("2026-01-10")).unwrap();
        assert_eq!((w.audit.as_str(), w.start_on, w.end_on), ("a-next", d("2026-03-02"), d("2026-03-04")));
        assert_eq!(observation_window(&doc(audits), d("2026-03-03")).unwrap().audit, "a-next", "under way");
        assert_eq!(observation_window(&doc(audits), d("2026-03-05")).unwrap().audit, "a-late");
        assert_eq!(observation_window(&doc(audits), d("2026-06-04")), None);
    }

    #[test]
    fn automated_status_is_fresh_or_not_through_the_window() {
        let doc = doc(r#"{"id":"a1","kind":"stage1","start_on":"2026-03-10","end_on":"2026-03-11"}"#);
        let rec: crate::monitor::ResultRecord = serde_json::from_value(serde_json::json!({
            "source": {"tool": "t"}, "check": "c", "status": "pass", "observed_at": "2026-03-02T06:00:00Z",
            "controls": [{"framework": "iso27001-2022", "id": "8.5"}]}))
        .unwrap();
        let obs = crate::monitor::Observations::from_records([&rec]);
        let judge = |as_of: &str| {
            let mut s = statement(&doc, d(as_of));
            with_automated(&mut s, &doc, &crate::monitor::summarize(&doc, &obs, d(as_of)));
            s
        };
        let s = judge("2026-03-03");
        let a = s.entry("8.5").unwrap().automated.clone().unwrap();
        // Default cadence 7 days: fresh until 03-09, the audit ends 03-11.
        assert_eq!(
            (a.health, a.fresh, a.fresh_until, a.fresh_through_window),
            (crate::monitor::Health::Passing, true, d("2026-03-09"), Some(false))
        );
        assert!(s.entry("5.1").unwrap().automated.is_none());
        let later = judge("2026-03-10").entry("8.5").unwrap().automated.clone().unwrap();
        assert_eq!((later.health, later.fresh), (crate::monitor::Health::Stale, false));
    }
}
