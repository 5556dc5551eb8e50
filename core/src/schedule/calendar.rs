//! Management review cadence (9.3) and the merged ISMS calendar.
//!
//! The calendar gathers every dated obligation of the document between two
//! dates: certification milestones, external and internal audits (held,
//! planned and proposed), management reviews (held, planned and due by the
//! cadence) and their actions, training due dates (onboarding windows from
//! each person's start date, recurrence from the last completion), document
//! reviews, evidence refreshes, risk reassessments, nonconformity deadlines,
//! corrective and treatment action due dates. Statuses are as of `from`.
//! Items still open but dated before `from` are included (they are overdue);
//! done items only inside the range. Items are sorted by date, kind, key.
use super::{ProgrammeOptions, Status, add_days, add_months, audit_programme, certification_cycle};
use crate::Result;
use crate::model::{ActionStatus, Date, Document, DocumentStatus, EventStatus, Id, RiskStatus};
use crate::model::{EntityKind, EntityRef};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// Days before an external audit at which a management review pulled ahead
/// of it is placed, so its outputs exist when the auditors arrive.
pub(super) const REVIEW_LEAD_DAYS: i64 = 30;

/// Kind of calendar item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CalendarKind {
    /// A certification cycle milestone.
    CertificationMilestone,
    /// A certification body audit.
    ExternalAudit,
    /// An internal audit in the document.
    InternalAudit,
    /// An internal audit the programme proposes.
    ProposedInternalAudit,
    /// A management review in the document.
    ManagementReview,
    /// A management review due by the cadence, not yet planned.
    ManagementReviewDue,
    /// A management review decision or action due.
    ReviewActionDue,
    /// A training completion due.
    TrainingDue,
    /// A document review due.
    DocumentReview,
    /// Evidence to be refreshed.
    EvidenceRefresh,
    /// A risk to be reassessed.
    RiskReassessment,
    /// A nonconformity's closure deadline.
    NonconformityDeadline,
    /// A corrective action due.
    CorrectiveActionDue,
    /// A risk treatment action due.
    TreatmentActionDue,
}

/// One dated item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CalendarItem {
    /// The date.
    pub date: Date,
    /// Kind.
    pub kind: CalendarKind,
    /// Title.
    pub title: String,
    /// The entity concerned.
    pub entity: EntityRef,
    /// Who is responsible (a person id), where known.
    pub owner: Option<Id>,
    /// Status as of the calendar's `from`.
    pub status: Status,
    /// Stable key, unique within the calendar (iCalendar UIDs derive from it).
    pub key: String,
}

/// The merged calendar (schema `calendar`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Calendar {
    /// First day (and the `as_of` of the statuses).
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// Items, sorted by date, kind and key.
    pub items: Vec<CalendarItem>,
}

/// A management review slot of the cadence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ManagementReviewSlot {
    /// Date.
    pub date: Date,
    /// The planned review in the document that fills the slot, if any.
    pub review: Option<Id>,
    /// The external audit the review was pulled ahead of, if any.
    pub precedes: Option<Id>,
    /// Status as of `from`.
    pub status: Status,
}

/// Management review slots in `[from, to]` at
/// `settings.management_review_interval_months` from the last completed
/// review (or due at `from` when none was held). A slot falling after a
/// planned external audit, less than half an interval after it, or less than
/// `REVIEW_LEAD_DAYS` before it, is pulled to `REVIEW_LEAD_DAYS` before the
/// audit (the review feeds the audit); the cadence continues from there.
/// Planned reviews in the document fill the slots they precede (or follow
/// by at most a month, for slots not tied to an external audit).
pub fn management_review_plan(doc: &Document, from: Date, to: Date) -> Vec<ManagementReviewSlot> {
    let m = i64::from(doc.settings.management_review_interval_months.clamp(1, 36));
    let warn = doc.settings.warning_window_days;
    let last_held = doc.management_reviews.iter().filter(|r| r.status == EventStatus::Completed).map(|r| r.date).max();
    let mut planned: Vec<_> = doc
        .management_reviews
        .iter()
        .filter(|r| matches!(r.status, EventStatus::Planned | EventStatus::InProgress))
        .collect();
    planned.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut externals: Vec<_> = doc
        .certification
        .audits
        .iter()
        .filter(|a| a.status == EventStatus::Planned)
        .filter_map(|a| a.start_on.map(|d| (d, a.id.clone())))
        .filter(|(d, _)| *d >= from && *d <= to)
        .collect();
    externals.sort();
    let mut last = last_held;
    let mut next = last.map_or(from, |l| add_months(l, m));
    let mut out = Vec::new();
    for _ in 0..10_000 {
        if next > to {
            break;
        }
        let after_last = |d: Date| last.is_none_or(|l| d > l);
        let (mut date, mut precedes) = (next, None);
        if let Some((e, id)) = externals
            .iter()
            .find(|(e, _)| after_last(*e) && next > add_days(*e, -REVIEW_LEAD_DAYS) && next <= add_months(*e, m / 2))
        {
            date = add_days(*e, -REVIEW_LEAD_DAYS).max(last.map_or(date.min(*e), |l| add_days(l, 1)));
            precedes = Some(id.clone());
        }
        // A planned review fills the slot if it is held before it, or within
        // a month after it when the slot is not tied to an external audit.
        let limit = if precedes.is_some() { date } else { add_months(date, 1) };
        let review = planned.iter().find(|r| after_last(r.date) && r.date <= limit).map(|r| (r.date, r.id.clone()));
        if let Some((d, _)) = &review {
            date = *d;
        }
        out.push(ManagementReviewSlot {
            date,
            review: review.map(|r| r.1),
            precedes,
            status: Status::of(date, None, from, warn),
        });
        last = Some(date);
        next = add_months(date, m);
    }
    out
}

struct Builder {
    from: Date,
    to: Date,
    warn: u32,
    items: Vec<CalendarItem>,
}

// Each item has that many independent fields; a struct literal per call
// site would only move the arguments around.
#[allow(clippy::too_many_arguments)]
impl Builder {
    /// Adds an open item (status from its date) or a done one.
    fn add(
        &mut self,
        date: Date,
        kind: CalendarKind,
        title: String,
        entity: EntityRef,
        owner: Option<Id>,
        done: bool,
        key: String,
    ) {
        let status = if done { Status::Done } else { Status::of(date, None, self.from, self.warn) };
        self.add_with(date, kind, title, entity, owner, status, key);
    }
    fn add_with(
        &mut self,
        date: Date,
        kind: CalendarKind,
        title: String,
        entity: EntityRef,
        owner: Option<Id>,
        status: Status,
        key: String,
    ) {
        let in_range = date >= self.from && date <= self.to;
        let open_before = date < self.from && status != Status::Done;
        if in_range || open_before {
            self.items.push(CalendarItem { date, kind, title, entity, owner, status, key });
        }
    }
}

/// The merged calendar of `doc` between `from` and `to` (inclusive).
///
/// # Errors
/// [`crate::Error::InvalidArgument`] when `to` is before `from`;
/// [`crate::Error::LimitExceeded`] past [`super::MAX_RANGE_DAYS`] (see [`super::check_range`]).
pub fn calendar(doc: &Document, from: Date, to: Date) -> Result<Calendar> {
    super::check_range(from, to)?;
    let s = &doc.settings;
    let mut b = Builder { from, to, warn: s.warning_window_days, items: Vec::new() };
    use CalendarKind as K;

    let cycle = certification_cycle(doc, from);
    let expired = cycle.expires_on.is_some_and(|e| from > e);
    for m in &cycle.milestones {
        if m.contingency && !expired {
            continue;
        }
        let Some(date) = m.held_on.or(m.target).or(m.latest) else { continue };
        let kind = serde_json::to_value(m.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let key = format!("milestone:{kind}:{}", m.sequence);
        b.add_with(
            date,
            K::CertificationMilestone,
            m.title.clone(),
            EntityRef::new(EntityKind::Certification, &key),
            None,
            m.status,
            key.clone(),
        );
    }
    for a in doc.certification.audits.iter().filter(|a| a.status != EventStatus::Cancelled) {
        let Some(date) = a.start_on.or(a.end_on) else { continue };
        let kind = serde_json::to_value(a.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        let title = format!("External audit ({})", kind.replace('_', " "));
        b.add(
            date,
            K::ExternalAudit,
            title,
            EntityRef::new(EntityKind::ExternalAudit, &a.id),
            None,
            a.status == EventStatus::Completed,
            format!("external_audit:{}", a.id),
        );
    }
    for a in doc.internal_audits.iter().filter(|a| a.status != EventStatus::Cancelled) {
        let Some(date) = a.start_on.or(a.planned_on).or(a.end_on) else { continue };
        b.add(
            date,
            K::InternalAudit,
            a.title.clone(),
            EntityRef::new(EntityKind::InternalAudit, &a.id),
            a.auditors.first().cloned(),
            a.status == EventStatus::Completed,
            format!("internal_audit:{}", a.id),
        );
    }
    for p in audit_programme(doc, from, &ProgrammeOptions::default()).proposals {
        let mut scope: Vec<String> = p.clauses.iter().map(|c| format!("clause {c}")).collect();
        scope.extend(p.controls.iter().map(|c| format!("A.{c}")));
        let title = format!("Proposed internal audit: {}", scope.join(", "));
        b.add(
            p.date,
            K::ProposedInternalAudit,
            title,
            EntityRef::new(EntityKind::ProposedInternalAudit, &p.id),
            p.auditor.clone(),
            false,
            format!("proposed_internal_audit:{}", p.id),
        );
    }
    for r in doc.management_reviews.iter().filter(|r| r.status != EventStatus::Cancelled) {
        b.add(
            r.date,
            K::ManagementReview,
            "Management review".into(),
            EntityRef::new(EntityKind::ManagementReview, &r.id),
            None,
            r.status == EventStatus::Completed,
            format!("management_review:{}", r.id),
        );
        for d in r.decisions.iter().filter(|d| d.completed_on.is_none()) {
            if let Some(due) = d.due_on {
                b.add(
                    due,
                    K::ReviewActionDue,
                    d.description.clone(),
                    EntityRef::new(EntityKind::Decision, &d.id),
                    d.owner.clone(),
                    false,
                    format!("decision:{}", d.id),
                );
            }
        }
    }
    for slot in management_review_plan(doc, from, to).into_iter().filter(|s| s.review.is_none()) {
        let title = match &slot.precedes {
            Some(e) => format!("Management review due (ahead of external audit {e})"),
            None => "Management review due".to_owned(),
        };
        let key = format!("management_review_due:{}", slot.date);
        b.add(
            slot.date,
            K::ManagementReviewDue,
            title,
            EntityRef::new(EntityKind::ManagementReviewDue, &key),
            None,
            false,
            key.clone(),
        );
    }
    training(doc, &mut b);
    for d in doc.documents.iter().filter(|d| d.status != DocumentStatus::Retired) {
        let Some(due) = super::document_review_due(doc, d) else { continue };
        b.add(
            due,
            K::DocumentReview,
            format!("Review document: {}", d.title),
            EntityRef::new(EntityKind::Document, &d.id),
            d.owner.clone(),
            false,
            format!("document_review:{}", d.id),
        );
    }
    for e in &doc.evidence {
        let due = crate::soa::evidence_expires_on(doc, e);
        b.add(
            due,
            K::EvidenceRefresh,
            format!("Refresh evidence: {}", e.title),
            EntityRef::new(EntityKind::Evidence, &e.id),
            e.collected_by.clone(),
            false,
            format!("evidence_refresh:{}", e.id),
        );
    }
    for r in doc.risks.iter().filter(|r| r.status != RiskStatus::Closed) {
        let Some(due) = super::risk_review_due(doc, r) else { continue };
        b.add(
            due,
            K::RiskReassessment,
            format!("Reassess risk: {}", r.title),
            EntityRef::new(EntityKind::Risk, &r.id),
            r.owner.clone(),
            false,
            format!("risk_review:{}", r.id),
        );
    }
    for n in &doc.nonconformities {
        if !crate::nc::is_open(n.state) {
            continue;
        }
        if let Some(due) = crate::nc::deadline(n, doc) {
            b.add(
                due,
                K::NonconformityDeadline,
                format!("Close nonconformity: {}", n.title),
                EntityRef::new(EntityKind::Nonconformity, &n.id),
                n.owner.clone(),
                false,
                format!("nc_deadline:{}", n.id),
            );
        }
        for a in n.actions.iter().filter(|a| a.completed_on.is_none()) {
            b.add(
                a.due_on,
                K::CorrectiveActionDue,
                a.description.clone(),
                EntityRef::new(EntityKind::CorrectiveAction, &a.id),
                Some(a.owner.clone()),
                false,
                format!("corrective_action:{}", a.id),
            );
        }
    }
    for t in &doc.treatments {
        for a in t.actions.iter().filter(|a| !matches!(a.status, ActionStatus::Done | ActionStatus::Cancelled)) {
            let Some(due) = a.due_on else { continue };
            b.add(
                due,
                K::TreatmentActionDue,
                a.title.clone(),
                EntityRef::new(EntityKind::TreatmentAction, &a.id),
                a.owner.clone(),
                false,
                format!("treatment_action:{}", a.id),
            );
        }
    }
    let mut items = b.items;
    items.sort_by(|x, y| (x.date, x.kind, &x.key).cmp(&(y.date, y.kind, &y.key)));
    Ok(Calendar { from, to, items })
}

/// Training due dates: for each required course and each person in its
/// audience working at some point in the range, the onboarding deadline (start date +
/// `onboarding_days`) while never completed, else the last completion +
/// `recurrence_days`.
fn training(doc: &Document, b: &mut Builder) {
    // Indexes built once: a scan of the records per person and of the roles
    // per person would make the calendar quadratic in the headcount.
    let mut last_completed: HashMap<(&str, &str), Date> = HashMap::new();
    for r in &doc.training.records {
        let e = last_completed.entry((r.course.as_str(), r.person.as_str())).or_insert(r.completed_on);
        *e = (*e).max(r.completed_on);
    }
    for c in doc.training.courses.iter().filter(|c| c.required) {
        let in_audience_roles: HashSet<&str> = doc
            .roles
            .iter()
            .filter(|r| c.audience_roles.contains(&r.id))
            .flat_map(|r| r.holders.iter().map(String::as_str))
            .collect();
        let audience: Vec<&crate::model::Person> = doc
            .people
            .iter()
            .filter(|p| p.start_date.is_none_or(|s| s <= b.to) && p.end_date.is_none_or(|e| e >= b.from))
            .filter(|p| c.audience_roles.is_empty() || in_audience_roles.contains(p.id.as_str()))
            .collect();
        for p in audience {
            let last = last_completed.get(&(c.id.as_str(), p.id.as_str())).copied();
            let due = match (last, c.recurrence_days, c.onboarding_days, p.start_date) {
                (Some(l), Some(every), _, _) => Some(add_days(l, i64::from(every))),
                (None, _, Some(days), Some(start)) => Some(add_days(start, i64::from(days))),
                _ => None,
            };
            if let Some(due) = due {
                let title = format!("Training due: {} ({})", c.title, p.name);
                b.add(
                    due,
                    CalendarKind::TrainingDue,
                    title,
                    EntityRef::new(EntityKind::Course, &c.id),
                    Some(p.id.clone()),
                    false,
                    format!("training:{}:{}", c.id, p.id),
                );
            }
        }
    }
}
