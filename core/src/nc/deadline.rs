//! Nonconformity deadlines by grade, recurrence detection and the register
//! report.
//!
//! Deadlines ([`deadline`]), in order of precedence:
//! 1. the nonconformity's own `due_on`;
//! 2. **major** raised at the stage 2 of an initial certification: the last
//!    day of stage 2 + `certification.cycle_rules.major_nc_closure_months`
//!    (6): the CB must verify the corrections by then or hold another stage 2;
//! 3. **major** otherwise: raised + `major_days` (90, the common CB response
//!    period); for a major from a recertification audit, no later than the
//!    certificate's expiry (validity is not extended otherwise);
//! 4. **minor** from a CB audit: the start of the next external audit after
//!    it was raised (the CB verifies minors at the next audit), else raised +
//!    `minor_external_days` (365); a minor found internally: raised +
//!    `minor_days` (180);
//! 5. **observation / opportunity**: raised + the configured days, if any;
//!    none by default.
//!
//! The figures are `settings.nc_deadlines` ([`NcDeadlineRules`]); sources in
//! `facts.md` section 5, "Closure rules".
//!
//! Recurrence ([`recurrences`]): nonconformities (not rejected or cancelled)
//! against the same Annex A control or the same clause, chained when each is
//! raised within `recurrence_window_days` of the previous one; chains of two
//! or more are reported. A chain with `systemic_minor_threshold` (3) minors or
//! more is flagged as a possible systemic failure, which a CB may grade major
//! (ISO/IEC 17021-1 3.12 note 1).
use super::{allowed_actions, is_open, replay};
use crate::catalog;
use crate::model::{
    Date, Document, EventStatus, ExternalAuditKind, Grade, Id, NcDeadlineRules, NcSource, NcState, Nonconformity,
};
use crate::schedule::{Status, add_days, add_months};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The deadline rules in force: the document's, or the defaults.
pub fn deadline_rules(doc: &Document) -> NcDeadlineRules {
    doc.settings.nc_deadlines.clone().unwrap_or_default()
}

/// The closure deadline of `nc` (see the module documentation), whatever
/// its state; `None` when its grade has no deadline.
pub fn deadline(nc: &Nonconformity, doc: &Document) -> Option<Date> {
    if let Some(d) = nc.due_on {
        return Some(d);
    }
    let rules = deadline_rules(doc);
    let cert = &doc.certification;
    let audit = nc.audit.as_deref().and_then(|id| cert.audits.iter().find(|a| a.id == id));
    let external = audit.is_some() || nc.source == NcSource::ExternalAudit;
    let days = |n: u32| add_days(nc.raised_on, i64::from(n));
    match nc.grade {
        Grade::Major => {
            if let Some(a) = audit {
                if a.kind == ExternalAuditKind::Stage2 {
                    if let Some(end) = a.end_on.or(a.start_on) {
                        let months = cert.cycle_rules.clone().unwrap_or_default().major_nc_closure_months;
                        return Some(add_months(end, i64::from(months)));
                    }
                }
                if a.kind == ExternalAuditKind::Recertification {
                    if let Some(exp) = cert.expires_on {
                        return Some(days(rules.major_days).min(exp));
                    }
                }
            }
            Some(days(rules.major_days))
        }
        Grade::Minor if external => {
            let next = cert
                .audits
                .iter()
                .filter(|a| a.status != EventStatus::Cancelled && Some(a.id.as_str()) != nc.audit.as_deref())
                .filter_map(|a| a.start_on)
                .filter(|d| *d > nc.raised_on)
                .min();
            Some(next.unwrap_or_else(|| days(rules.minor_external_days)))
        }
        Grade::Minor => Some(days(rules.minor_days)),
        Grade::Observation => rules.observation_days.map(days),
        Grade::Opportunity => rules.opportunity_days.map(days),
    }
}

/// Repeated nonconformities against one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Recurrence {
    /// `control` or `clause`.
    pub requirement_kind: String,
    /// The control id or clause number.
    pub requirement: String,
    /// The nonconformities, oldest first.
    pub nonconformities: Vec<Id>,
    /// First raised.
    pub first_raised: Date,
    /// Last raised.
    pub last_raised: Date,
    /// Majors among them.
    pub majors: usize,
    /// Minors among them.
    pub minors: usize,
    /// Enough minors to suggest a systemic failure (17021-1 3.12 note 1).
    pub possible_systemic: bool,
}

/// Recurrences in `doc` (see the module documentation), by requirement.
pub fn recurrences(doc: &Document) -> Vec<Recurrence> {
    let rules = deadline_rules(doc);
    let mut groups: BTreeMap<(&str, String), Vec<&Nonconformity>> = BTreeMap::new();
    for nc in doc.nonconformities.iter().filter(|n| !matches!(n.state, NcState::Rejected | NcState::Cancelled)) {
        let mut controls: Vec<String> =
            nc.controls.iter().map(|c| catalog::normalize_control_id(c).to_owned()).collect();
        controls.sort();
        controls.dedup();
        for c in controls {
            groups.entry(("control", c)).or_default().push(nc);
        }
        let mut clauses: Vec<String> = nc.clauses.iter().map(|c| c.trim().to_owned()).collect();
        clauses.sort();
        clauses.dedup();
        for c in clauses {
            groups.entry(("clause", c)).or_default().push(nc);
        }
    }
    let window = i64::from(rules.recurrence_window_days);
    let mut out = Vec::new();
    for ((kind, req), mut ncs) in groups {
        ncs.sort_by(|a, b| (a.raised_on, &a.id).cmp(&(b.raised_on, &b.id)));
        let mut chain: Vec<&Nonconformity> = Vec::new();
        let mut flush = |chain: &mut Vec<&Nonconformity>| {
            if chain.len() >= 2 {
                let minors = chain.iter().filter(|n| n.grade == Grade::Minor).count();
                out.push(Recurrence {
                    requirement_kind: kind.to_owned(),
                    requirement: req.clone(),
                    nonconformities: chain.iter().map(|n| n.id.clone()).collect(),
                    first_raised: chain[0].raised_on,
                    last_raised: chain[chain.len() - 1].raised_on,
                    majors: chain.iter().filter(|n| n.grade == Grade::Major).count(),
                    minors,
                    possible_systemic: minors
                        >= usize::try_from(rules.systemic_minor_threshold.max(1)).unwrap_or(usize::MAX),
                });
            }
            chain.clear();
        };
        for nc in ncs {
            if chain.last().is_some_and(|l| (nc.raised_on - l.raised_on).num_days() > window) {
                flush(&mut chain);
            }
            chain.push(nc);
        }
        flush(&mut chain);
    }
    out
}

/// One line of the nonconformity register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NcSummary {
    /// Id.
    pub id: Id,
    /// Title.
    pub title: String,
    /// Grade.
    pub grade: Grade,
    /// Source.
    pub source: NcSource,
    /// State.
    pub state: NcState,
    /// Whether it is still open (not closed, rejected or cancelled).
    pub open: bool,
    /// Raised on.
    pub raised_on: Date,
    /// Owner.
    pub owner: Option<Id>,
    /// Closure deadline.
    pub deadline: Option<Date>,
    /// Deadline status as of the report date (open ones only).
    pub deadline_status: Option<Status>,
    /// The audit it came from.
    pub audit: Option<Id>,
    /// Audit findings that raised it.
    pub findings: Vec<Id>,
    /// Clauses concerned.
    pub clauses: Vec<String>,
    /// Controls concerned.
    pub controls: Vec<String>,
    /// Risks concerned.
    pub risks: Vec<Id>,
    /// Corrective actions not yet completed.
    pub open_actions: usize,
    /// Actions allowed now.
    pub allowed_actions: Vec<String>,
    /// Whether the history replays to the state.
    pub history_consistent: bool,
}

/// The nonconformity register as of a date (schema `nc-report`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NcReport {
    /// Report date.
    pub as_of: Date,
    /// Open nonconformities.
    pub open: usize,
    /// Open nonconformities past their deadline.
    pub overdue: usize,
    /// Every nonconformity, in document order.
    pub nonconformities: Vec<NcSummary>,
    /// Recurrences.
    pub recurrences: Vec<Recurrence>,
}

/// The register of `doc` as of `as_of`.
pub fn report(doc: &Document, as_of: Date) -> NcReport {
    let warn = doc.settings.warning_window_days;
    let nonconformities: Vec<NcSummary> = doc
        .nonconformities
        .iter()
        .map(|nc| {
            let open = is_open(nc.state);
            let deadline = deadline(nc, doc);
            let findings = doc
                .internal_audits
                .iter()
                .flat_map(|a| a.findings.iter())
                .filter(|f| f.nonconformity.as_deref() == Some(nc.id.as_str()))
                .map(|f| f.id.clone())
                .collect();
            NcSummary {
                id: nc.id.clone(),
                title: nc.title.clone(),
                grade: nc.grade,
                source: nc.source,
                state: nc.state,
                open,
                raised_on: nc.raised_on,
                owner: nc.owner.clone(),
                deadline,
                deadline_status: deadline.filter(|_| open).map(|d| Status::of(d, None, as_of, warn)),
                audit: nc.audit.clone(),
                findings,
                clauses: nc.clauses.clone(),
                controls: nc.controls.clone(),
                risks: nc.risks.clone(),
                open_actions: nc.actions.iter().filter(|a| a.completed_on.is_none()).count(),
                allowed_actions: allowed_actions(nc).into_iter().map(str::to_owned).collect(),
                history_consistent: replay(nc).is_ok_and(|s| s == nc.state),
            }
        })
        .collect();
    NcReport {
        as_of,
        open: nonconformities.iter().filter(|n| n.open).count(),
        overdue: nonconformities.iter().filter(|n| n.deadline_status == Some(Status::Overdue)).count(),
        nonconformities,
        recurrences: recurrences(doc),
    }
}
