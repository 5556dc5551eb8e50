//! What the report shows, shaped for people: findings grouped by rule with
//! the rule's title, entities by name rather than id, references in natural
//! order, recurring calendar items collapsed into one row per series.
//! Nothing here computes a domain result; it only arranges them.
use crate::evaluate::{self, Finding, Severity};
use crate::model::{Document, EntityKind, EntityRef};
use crate::schedule::{CalendarItem, CalendarKind, Status};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Display names of the document's entities, looked up once.
pub(super) struct Names<'a> {
    by_ref: rustc_hash::FxHashMap<(EntityKind, &'a str), &'a str>,
    /// The person accountable for an entity, where the document names one.
    owners: rustc_hash::FxHashMap<(EntityKind, &'a str), &'a str>,
}

impl<'a> Names<'a> {
    pub(super) fn new(doc: &'a Document) -> Self {
        let mut by_ref = rustc_hash::FxHashMap::default();
        let mut put = |k: EntityKind, id: &'a str, name: &'a str| {
            by_ref.entry((k, id)).or_insert(name);
        };
        for p in &doc.people {
            put(EntityKind::Person, &p.id, &p.name);
        }
        for r in &doc.roles {
            put(EntityKind::Role, &r.id, &r.title);
        }
        for a in &doc.assets {
            put(EntityKind::Asset, &a.id, &a.name);
        }
        for r in &doc.risks {
            put(EntityKind::Risk, &r.id, &r.title);
        }
        for a in doc.treatments.iter().flat_map(|t| &t.actions) {
            put(EntityKind::TreatmentAction, &a.id, &a.title);
        }
        for c in &doc.controls {
            put(EntityKind::CustomControl, &c.id, &c.title);
        }
        for d in &doc.documents {
            put(EntityKind::Document, &d.id, &d.title);
        }
        for e in &doc.evidence {
            put(EntityKind::Evidence, &e.id, &e.title);
        }
        for o in &doc.objectives {
            put(EntityKind::Objective, &o.id, &o.title);
        }
        for c in &doc.training.courses {
            put(EntityKind::Course, &c.id, &c.title);
        }
        for a in &doc.internal_audits {
            put(EntityKind::InternalAudit, &a.id, &a.title);
        }
        for n in &doc.nonconformities {
            put(EntityKind::Nonconformity, &n.id, &n.title);
        }
        let mut owners = rustc_hash::FxHashMap::default();
        let mut own = |k: EntityKind, id: &'a str, owner: Option<&'a str>| {
            if let Some(o) = owner {
                owners.entry((k, id)).or_insert(o);
            }
        };
        for a in &doc.assets {
            own(EntityKind::Asset, &a.id, a.owner.as_deref());
        }
        for r in &doc.risks {
            own(EntityKind::Risk, &r.id, r.owner.as_deref());
        }
        for a in doc.treatments.iter().flat_map(|t| &t.actions) {
            own(EntityKind::TreatmentAction, &a.id, a.owner.as_deref());
        }
        for c in &doc.controls {
            own(EntityKind::CustomControl, &c.id, c.owner.as_deref());
        }
        for e in &doc.soa.entries {
            own(EntityKind::Control, &e.control, e.owner.as_deref());
        }
        for d in &doc.documents {
            own(EntityKind::Document, &d.id, d.owner.as_deref());
        }
        for e in &doc.evidence {
            own(EntityKind::Evidence, &e.id, e.collected_by.as_deref());
        }
        for o in &doc.objectives {
            own(EntityKind::Objective, &o.id, o.owner.as_deref());
        }
        for n in &doc.nonconformities {
            own(EntityKind::Nonconformity, &n.id, n.owner.as_deref());
            for a in &n.actions {
                own(EntityKind::CorrectiveAction, &a.id, Some(&a.owner));
            }
        }
        Names { by_ref, owners }
    }

    /// The names of the people accountable for any of `entities`, each
    /// once, in order of first mention (a person among the entities counts
    /// as accountable).
    pub(super) fn owners_of(&self, entities: &[EntityRef]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in entities {
            let id = match e.kind {
                EntityKind::Person => Some(e.id.as_str()),
                k => self.owners.get(&(k, e.id.as_str())).copied(),
            };
            if let Some(name) = id.map(|p| self.person(p)) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// The person's name, else the id as it stands.
    pub(super) fn person(&self, id: &str) -> String {
        self.by_ref.get(&(EntityKind::Person, id)).map_or_else(|| id.to_owned(), |n| (*n).to_owned())
    }

    /// How an entity is shown: its name or title where it has one (an
    /// Annex A control with its catalogue title), else kind and id.
    pub(super) fn entity(&self, e: &EntityRef) -> String {
        if e.kind == EntityKind::Control {
            return match crate::catalog::control(&e.id) {
                Some(c) => format!("A.{} {}", c.id, c.title),
                None => format!("A.{}", e.id),
            };
        }
        match self.by_ref.get(&(e.kind, e.id.as_str())) {
            Some(n) => (*n).to_owned(),
            None => format!("{} {}", e.kind.as_str().replace('_', " "), e.id),
        }
    }
}

/// Compares references such as `5.2` and `5.10` (or `A.8.1`, `9.2`) by their
/// numbers, so `5.2` comes before `5.10`; text between numbers compares as
/// text.
pub(super) fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn chunks(s: &str) -> Vec<(Option<u64>, &str)> {
        let mut out = Vec::new();
        let mut rest = s;
        while !rest.is_empty() {
            let digits = rest.chars().next().is_some_and(|c| c.is_ascii_digit());
            let end = rest.find(|c: char| c.is_ascii_digit() != digits).unwrap_or(rest.len());
            let (head, tail) = rest.split_at(end);
            out.push(if digits { (Some(head.parse().unwrap_or(u64::MAX)), head) } else { (None, head) });
            rest = tail;
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(&cb) {
        let o = match (x.0, y.0) {
            (Some(m), Some(n)) => m.cmp(&n).then_with(|| x.1.cmp(y.1)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => x.1.cmp(y.1),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    ca.len().cmp(&cb.len())
}

/// One finding as a row of its rule's group.
#[derive(Serialize)]
pub(super) struct FindingRow<'a> {
    reference: String,
    message: &'a str,
    concerns: Vec<String>,
    owners: Vec<String>,
    due_on: Option<crate::model::Date>,
    remediation: Option<&'a str>,
    /// The finding's severity, when the rule's findings differ in it.
    severity: Option<&'static str>,
    fingerprint: &'a str,
    /// The waiver in force for the finding (it then fails no gate).
    waiver: Option<&'a str>,
    /// The automated test results a monitoring finding cites, one per
    /// failing check and resource (empty for findings from the document).
    tests: Vec<String>,
}

/// All findings of one rule.
#[derive(Serialize)]
pub(super) struct RuleGroup<'a> {
    rule: &'a str,
    title: &'a str,
    severity: &'static str,
    count: usize,
    /// The remediation when every finding shares it (shown once).
    remediation: Option<&'a str>,
    /// The first due date among the findings.
    due_on: Option<crate::model::Date>,
    /// The findings differ in severity (each row then shows its own).
    mixed: bool,
    /// How many of the findings a waiver covers.
    waived: usize,
    findings: Vec<FindingRow<'a>>,
}

fn reference(f: &Finding) -> String {
    match (&f.control, &f.clause) {
        (Some(c), _) if crate::catalog::control(c).is_some() => format!("A.{c}"),
        (Some(c), _) => c.clone(),
        (None, Some(c)) => c.clone(),
        (None, None) => String::new(),
    }
}

/// The findings grouped by rule, one group per rule with the severity of
/// its most severe finding: most severe first, then in catalogue order; within a rule by reference in natural order, then by message.
pub(super) fn findings_by_rule<'a>(findings: &'a [Finding], names: &Names<'_>) -> Vec<RuleGroup<'a>> {
    let order: BTreeMap<&str, usize> = evaluate::rules().iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let rank = |s: Severity| Severity::ALL.iter().position(|x| *x == s).unwrap_or(Severity::ALL.len());
    let mut by_rule: BTreeMap<(usize, &str), Vec<&'a Finding>> = BTreeMap::new();
    for f in findings {
        let pos = order.get(f.rule.as_str()).copied().unwrap_or(usize::MAX);
        by_rule.entry((pos, f.rule.as_str())).or_default().push(f);
    }
    let mut groups: Vec<(usize, RuleGroup<'a>)> = by_rule
        .into_iter()
        .map(|((_, rule), mut fs)| {
            let sev = fs.iter().map(|f| rank(f.severity)).min().unwrap_or(Severity::ALL.len());
            let mixed = fs.iter().any(|f| rank(f.severity) != sev);
            fs.sort_by(|a, b| {
                natural_cmp(&reference(a), &reference(b))
                    .then_with(|| a.message.cmp(&b.message))
                    .then_with(|| a.fingerprint.cmp(&b.fingerprint))
            });
            let first = fs.first().map(|f| f.remediation.as_str());
            let shared = first.filter(|r| fs.iter().all(|f| f.remediation == *r));
            let rows: Vec<FindingRow<'a>> = fs
                .iter()
                .map(|f| FindingRow {
                    reference: reference(f),
                    message: &f.message,
                    concerns: f
                        .entities
                        .iter()
                        .filter(|e| !matches!(e.kind, EntityKind::Organization | EntityKind::Clause))
                        .map(|e| names.entity(e))
                        .collect(),
                    owners: names.owners_of(&f.entities),
                    due_on: f.due_on,
                    remediation: if shared.is_some() { None } else { Some(&f.remediation) },
                    severity: if mixed { Some(f.severity.as_str()) } else { None },
                    fingerprint: &f.fingerprint,
                    waiver: f.waiver.as_deref(),
                    tests: f.tests.iter().map(super::automated::cite).collect(),
                })
                .collect();
            let group = RuleGroup {
                rule,
                title: evaluate::rule(rule).map_or(rule, |r| r.title),
                severity: Severity::ALL.get(sev).map_or("info", |s| s.as_str()),
                count: rows.len(),
                remediation: shared,
                due_on: fs.iter().filter_map(|f| f.due_on).min(),
                mixed,
                waived: fs.iter().filter(|f| f.waiver.is_some()).count(),
                findings: rows,
            };
            (sev, group)
        })
        .collect();
    // Stable: catalogue order within a severity.
    groups.sort_by_key(|(sev, _)| *sev);
    groups.into_iter().map(|(_, g)| g).collect()
}

/// One occurrence of a deadline series.
#[derive(Serialize)]
pub(super) struct Occurrence {
    date: crate::model::Date,
    status: String,
    title: String,
    owner: Option<String>,
}

/// A deadline, or a series of them (one course, the review cadence).
#[derive(Serialize)]
pub(super) struct Deadline {
    /// The first date of the series.
    date: crate::model::Date,
    /// The most urgent status in the series.
    status: String,
    kind: String,
    title: String,
    /// Who is responsible: a name, or how many people when they differ.
    owner: Option<String>,
    count: usize,
    overdue: usize,
    /// The occurrences (empty for a single item).
    items: Vec<Occurrence>,
}

fn status_token(s: Status) -> String {
    super::token(&s)
}

/// Most urgent first.
fn urgency(s: Status) -> u8 {
    match s {
        Status::Missed => 0,
        Status::Overdue => 1,
        Status::DueSoon => 2,
        Status::Upcoming => 3,
        Status::Done => 4,
    }
}

/// Open calendar items, one row per series: the items of one course (one
/// per person) or of the management review cadence form one row with the
/// first date, the count and the occurrences; everything else stays one
/// row per item. Rows in order of their first date.
pub(super) fn deadlines(items: &[CalendarItem], names: &Names<'_>) -> Vec<Deadline> {
    let mut series: Vec<(String, Vec<&CalendarItem>)> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for i in items.iter().filter(|i| i.status != Status::Done) {
        let key = match i.kind {
            CalendarKind::TrainingDue => format!("training:{}", i.entity.id),
            CalendarKind::ManagementReviewDue => "management_review_due".to_owned(),
            _ => format!("item:{}", i.key),
        };
        match index.get(&key) {
            Some(n) => series[*n].1.push(i),
            None => {
                index.insert(key.clone(), series.len());
                series.push((key, vec![i]));
            }
        }
    }
    let mut out: Vec<Deadline> = series
        .into_iter()
        .filter_map(|(_, mut is)| {
            is.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.key.cmp(&b.key)));
            let first = *is.first()?;
            let kind = super::token(&first.kind).replace('_', " ");
            let status = is.iter().map(|i| i.status).min_by_key(|s| urgency(*s)).unwrap_or(first.status);
            let owners: std::collections::BTreeSet<&str> = is.iter().filter_map(|i| i.owner.as_deref()).collect();
            let owner = match owners.len() {
                0 => None,
                1 => owners.first().map(|o| names.person(o)),
                n => Some(format!("{n} people")),
            };
            let title = match first.kind {
                _ if is.len() == 1 => first.title.clone(),
                CalendarKind::TrainingDue => format!("Training due: {}", names.entity(&first.entity)),
                CalendarKind::ManagementReviewDue => "Management reviews due (cadence)".to_owned(),
                _ => first.title.clone(),
            };
            let occurrences = if is.len() == 1 {
                Vec::new()
            } else {
                is.iter()
                    .map(|i| Occurrence {
                        date: i.date,
                        status: status_token(i.status),
                        title: i.title.clone(),
                        owner: i.owner.as_deref().map(|o| names.person(o)),
                    })
                    .collect()
            };
            Some(Deadline {
                date: first.date,
                status: status_token(status),
                kind,
                title,
                owner,
                count: is.len(),
                overdue: is.iter().filter(|i| matches!(i.status, Status::Overdue | Status::Missed)).count(),
                items: occurrences,
            })
        })
        .collect();
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.title.cmp(&b.title)));
    out
}
