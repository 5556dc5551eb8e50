//! What rules read ([`Ctx`]: the document indexed once) and write ([`Out`]:
//! checks counted, findings drafted).
use super::{EntityKind, EntityRef, Finding, Rule, RuleOutcome, Severity, fingerprint};
use crate::catalog::{self, Theme};
use crate::model::*;
use crate::soa::{self, Statement};
use rustc_hash::FxHashMap as HashMap;

/// The document under evaluation, indexed for the rules. Built once per
/// evaluation; every index is a hash map so rules stay linear.
pub struct Ctx<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) as_of: Date,
    pub(crate) people: HashMap<&'a str, &'a Person>,
    pub(crate) roles_of: HashMap<&'a str, Vec<&'a Role>>,
    pub(crate) soa_entries: HashMap<&'static str, &'a SoaEntry>,
    pub(crate) statement: Statement,
    pub(crate) docs_by_key: HashMap<&'a str, Vec<&'a DocumentedInfo>>,
    pub(crate) documents: HashMap<&'a str, &'a DocumentedInfo>,
    pub(crate) treatments_of: HashMap<&'a str, Vec<&'a Treatment>>,
    /// Latest completion per (person, course).
    pub(crate) completions: HashMap<(&'a str, &'a str), Date>,
    /// The risk engine's assessment (`None` if it refused the document).
    pub(crate) assessment: Option<crate::risk::Assessment>,
    /// Risk id -> index into `assessment.risks` (document order).
    pub(crate) risk_index: HashMap<&'a str, usize>,
    /// Automated test results judged on `as_of`, when given.
    pub(crate) monitor: Option<&'a crate::monitor::MonitorSummary>,
}

impl<'a> Ctx<'a> {
    /// Indexes `doc` for evaluation on `as_of`.
    pub fn new(doc: &'a Document, as_of: Date) -> Self {
        let people = doc.people.iter().map(|p| (p.id.as_str(), p)).collect();
        let mut roles_of: HashMap<&str, Vec<&Role>> = HashMap::default();
        for r in &doc.roles {
            for h in &r.holders {
                roles_of.entry(h.as_str()).or_default().push(r);
            }
        }
        let mut soa_entries = HashMap::default();
        for e in &doc.soa.entries {
            if let Some(c) = catalog::control(&e.control) {
                soa_entries.entry(c.id).or_insert(e);
            }
        }
        let mut docs_by_key: HashMap<&str, Vec<&DocumentedInfo>> = HashMap::default();
        for d in &doc.documents {
            for k in &d.satisfies {
                docs_by_key.entry(k.as_str()).or_default().push(d);
            }
        }
        let documents: HashMap<&str, &DocumentedInfo> = doc.documents.iter().map(|d| (d.id.as_str(), d)).collect();
        // The scope and methodology documents provide their catalog entries
        // even when they do not list the key themselves.
        for (key, id) in
            [("isms_scope", &doc.scope.document), ("risk_assessment_process", &doc.risk_methodology.document)]
        {
            if let Some(d) = id.as_deref().and_then(|id| documents.get(id)) {
                let v = docs_by_key.entry(key).or_default();
                if !v.iter().any(|x| x.id == d.id) {
                    v.push(d);
                }
            }
        }
        let mut treatments_of: HashMap<&str, Vec<&Treatment>> = HashMap::default();
        for t in &doc.treatments {
            treatments_of.entry(t.risk.as_str()).or_default().push(t);
        }
        let mut completions: HashMap<(&str, &str), Date> = HashMap::default();
        for r in &doc.training.records {
            let slot = completions.entry((r.person.as_str(), r.course.as_str())).or_insert(r.completed_on);
            if r.completed_on > *slot {
                *slot = r.completed_on;
            }
        }
        // The two derived views are independent pure computations: with the
        // `parallel` feature they run on both cores; the result is the same.
        let (statement, assessment) = join(|| soa::statement(doc, as_of), || crate::risk::assess(doc, as_of).ok());
        Ctx {
            doc,
            as_of,
            people,
            roles_of,
            soa_entries,
            statement,
            docs_by_key,
            documents,
            treatments_of,
            completions,
            assessment,
            risk_index: doc.risks.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect(),
            monitor: None,
        }
    }

    /// The document's settings.
    pub(crate) fn settings(&self) -> &'a Settings {
        &self.doc.settings
    }

    /// Whether the person exists and works for the organisation on `as_of`.
    pub(crate) fn is_active(&self, person: &str) -> bool {
        self.people.get(person).is_some_and(|p| p.is_active_on(self.as_of))
    }

    /// The person's name, or the id when unknown.
    pub(crate) fn name(&self, person: &str) -> String {
        self.people.get(person).map(|p| p.name.clone()).unwrap_or_else(|| person.to_owned())
    }

    /// Whether the SoA includes the Annex A control.
    pub(crate) fn applicable(&self, control: &str) -> bool {
        catalog::control(control).and_then(|c| self.soa_entries.get(c.id)).is_some_and(|e| e.applicable)
    }

    /// Active holders of roles of a kind.
    pub(crate) fn active_holders(&self, kind: RoleKind) -> Vec<&'a str> {
        let mut v: Vec<&str> = self
            .doc
            .roles
            .iter()
            .filter(|r| r.kind == kind)
            .flat_map(|r| r.holders.iter().map(String::as_str))
            .filter(|h| self.is_active(h))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The risk engine's view of a risk.
    pub(crate) fn assessed(&self, risk: &str) -> Option<&crate::risk::AssessedRisk> {
        let i = *self.risk_index.get(risk)?;
        self.assessment.as_ref()?.risks.get(i)
    }

    /// `as_of + days`.
    pub(crate) fn in_days(&self, days: u32) -> Date {
        soa::add_days(self.as_of, days)
    }
}

/// A finding being written by a rule; [`Out::push`] completes it with the
/// rule's id, defaults and fingerprint.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    message: String,
    entities: Vec<EntityRef>,
    control: Option<String>,
    clause: Option<String>,
    due_on: Option<Date>,
    severity: Option<Severity>,
    remediation: Option<String>,
    tests: Vec<crate::monitor::CheckResult>,
}

impl Draft {
    /// A finding with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), ..Self::default() }
    }
    /// Adds an entity involved.
    pub fn entity(mut self, kind: EntityKind, id: impl Into<String>) -> Self {
        self.entities.push(EntityRef { kind, id: id.into() });
        self
    }
    /// Sets the Annex A control (default: the rule's).
    pub fn control(mut self, control: impl Into<String>) -> Self {
        self.control = Some(control.into());
        self
    }
    /// Sets the clause (default: the rule's).
    pub fn clause(mut self, clause: impl Into<String>) -> Self {
        self.clause = Some(clause.into());
        self
    }
    /// Sets the due date.
    pub fn due(mut self, due_on: Option<Date>) -> Self {
        self.due_on = due_on;
        self
    }
    /// Overrides the rule's default severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }
    /// Cites the automated test results behind the finding.
    pub fn tests(mut self, tests: Vec<crate::monitor::CheckResult>) -> Self {
        self.tests = tests;
        self
    }
    /// Overrides the rule's remediation hint.
    pub fn remediation(mut self, remediation: impl Into<String>) -> Self {
        self.remediation = Some(remediation.into());
        self
    }
}

fn theme_index(t: Theme) -> usize {
    match t {
        Theme::Organizational => 0,
        Theme::People => 1,
        Theme::Physical => 2,
        Theme::Technological => 3,
    }
}

/// Theme of an Annex A control id, as an index into the four themes.
pub(crate) fn theme_of(control: &str) -> Option<usize> {
    catalog::control(control).map(|c| theme_index(c.theme))
}

/// What a rule reports: how many items it examined (overall and per Annex A
/// theme) and the findings it raised.
pub struct Out {
    rule: &'static Rule,
    checked: u32,
    theme_checked: [u32; 4],
    theme_failed: [u32; 4],
    findings: Vec<Finding>,
}

impl Out {
    pub(crate) fn new(rule: &'static Rule) -> Self {
        Self { rule, checked: 0, theme_checked: [0; 4], theme_failed: [0; 4], findings: Vec::new() }
    }

    /// Counts one examined item.
    pub fn check(&mut self) {
        self.checked += 1;
    }

    /// Counts `n` examined items.
    pub fn checks(&mut self, n: usize) {
        self.checked = self.checked.saturating_add(n as u32);
    }

    /// Counts one examined Annex A control (also counted for its theme).
    pub fn check_control(&mut self, control: &str) {
        self.checked += 1;
        if let Some(t) = theme_of(control) {
            self.theme_checked[t] += 1;
        }
    }

    /// Completes and records a finding.
    pub fn push(&mut self, d: Draft) {
        let r = self.rule;
        let clause = d.clause.or_else(|| Some(r.clause.to_owned()));
        let control = d.control.or_else(|| r.control.map(str::to_owned));
        let mut entities = d.entities;
        entities.sort();
        entities.dedup();
        if let Some(t) = control.as_deref().and_then(theme_of) {
            self.theme_failed[t] += 1;
        }
        let fingerprint = fingerprint(r.id, clause.as_deref(), control.as_deref(), &entities);
        let severity = d.severity.unwrap_or(r.severity);
        let stages = if severity == Severity::Blocker { r.stage.blocked().to_vec() } else { Vec::new() };
        self.findings.push(Finding {
            rule: r.id.to_owned(),
            severity,
            stages,
            clause,
            control,
            message: d.message,
            entities,
            path: None,
            due_on: d.due_on,
            remediation: d.remediation.unwrap_or_else(|| r.remediation.to_owned()),
            fingerprint,
            tests: d.tests,
            waiver: None,
            original_severity: None,
        });
    }

    /// The outcome, per-theme checked and failed counts, and the findings.
    pub(crate) fn finish(self) -> (RuleOutcome, [u32; 4], [u32; 4], Vec<Finding>) {
        let n = self.findings.len() as u32;
        let checked = self.checked.max(n);
        let mut tf = self.theme_failed;
        let mut tc = self.theme_checked;
        for i in 0..4 {
            tc[i] = tc[i].max(tf[i]);
            tf[i] = tf[i].min(tc[i]);
        }
        let outcome = RuleOutcome { rule: self.rule.id.to_owned(), checked, failed: n.min(checked), findings: n };
        (outcome, tc, tf, self.findings)
    }
}

#[cfg(feature = "parallel")]
fn join<A: Send, B: Send>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B + Send) -> (A, B) {
    rayon::join(a, b)
}

#[cfg(not(feature = "parallel"))]
fn join<A, B>(a: impl FnOnce() -> A, b: impl FnOnce() -> B) -> (A, B) {
    (a(), b())
}
