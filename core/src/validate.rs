//! Structural and referential integrity of a document: every problem at
//! once, each with a stable code, the JSON path, and a plain message.
//!
//! What this checks: ids (present, unique across the document), references
//! (exist and point to the right kind of entity: an owner must be a person),
//! catalog ids (Annex A controls, clauses, mandatory-document keys), dates in
//! a possible order, numbers in range, and a usable risk methodology.
//!
//! What it does not check: whether the ISMS *complies*. A missing owner is
//! fine here (the document is incomplete, not broken); the evaluation rules
//! report it as a finding. The line: `validate` answers "can the engine
//! reason about this document?", `evaluate` answers "does the ISMS meet the
//! standard?".
use crate::catalog;
use crate::model::*;
use crate::{Error, Problem, Result};
use rustc_hash::FxHashMap as HashMap;

/// Every code `validate` can report, with what it means. Bindings and docs
/// are checked against this list.
pub const PROBLEM_CODES: &[(&str, &str)] = &[
    ("unsupported_schema_version", "The document's schema_version is not one this engine reads."),
    ("empty_id", "An entity has an empty or blank id."),
    ("duplicate_id", "Two entities share an id; ids are unique across the whole document."),
    ("dangling_reference", "A reference names an id that no entity has."),
    ("wrong_reference_kind", "A reference names an entity of the wrong kind (e.g. an owner that is not a person)."),
    ("unknown_control", "A control id is neither an Annex A control of ISO/IEC 27001:2022 nor a custom control."),
    ("unknown_clause", "A clause number is not a clause or sub-clause 4–10 of ISO/IEC 27001:2022."),
    ("unknown_document_key", "A document claims to satisfy a mandatory-document key that is not in the catalog."),
    ("unknown_classification", "An asset's classification is not a level of the classification scheme."),
    ("duplicate_soa_entry", "The Statement of Applicability has two entries for the same control."),
    ("reserved_id", "A custom control uses an id that is an Annex A control id."),
    ("date_order", "Two dates are in an impossible order (an end before its start, an approval before it was raised)."),
    ("out_of_range", "A number is outside its allowed range (a percentage over 100, a rating off the scale)."),
    ("invalid_methodology", "The risk methodology's scales, levels, matrix or appetite are inconsistent."),
    (
        "methodology_too_large",
        "The risk methodology has more than 10 likelihood or consequence steps, or more than 10 risk levels.",
    ),
    (
        "invalid_fair_model",
        "A risk's Open FAIR model or a treatment's control effect cannot be simulated (min above max, probability outside 0–1, ...).",
    ),
    ("nc_history_mismatch", "A nonconformity's transition history does not replay to its recorded state."),
];

/// The kinds of entity a reference can point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unit,
    Site,
    Person,
    Role,
    Asset,
    Risk,
    Treatment,
    Action,
    CustomControl,
    Document,
    Evidence,
    Objective,
    Course,
    ManagementReview,
    Decision,
    InternalAudit,
    AuditFinding,
    ExternalAudit,
    Nonconformity,
    CorrectiveAction,
    ContextIssue,
    InterestedParty,
    ScopeInterface,
    Waiver,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Unit => "unit",
            Kind::Site => "site",
            Kind::Person => "person",
            Kind::Role => "role",
            Kind::Asset => "asset",
            Kind::Risk => "risk",
            Kind::Treatment => "treatment",
            Kind::Action => "treatment action",
            Kind::CustomControl => "custom control",
            Kind::Document => "document",
            Kind::Evidence => "evidence item",
            Kind::Objective => "objective",
            Kind::Course => "course",
            Kind::ManagementReview => "management review",
            Kind::Decision => "management review decision",
            Kind::InternalAudit => "internal audit",
            Kind::AuditFinding => "audit finding",
            Kind::ExternalAudit => "external audit",
            Kind::Nonconformity => "nonconformity",
            Kind::CorrectiveAction => "corrective action",
            Kind::ContextIssue => "context issue",
            Kind::InterestedParty => "interested party",
            Kind::ScopeInterface => "scope interface",
            Kind::Waiver => "waiver",
        }
    }
}

struct Checker<'a> {
    index: HashMap<&'a str, (Kind, String)>,
    custom_controls: HashMap<&'a str, ()>,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn push(&mut self, code: &str, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::new(code, path, message));
    }

    fn define(&mut self, id: &'a str, kind: Kind, path: String) {
        if id.trim().is_empty() {
            self.push("empty_id", format!("{path}.id"), format!("this {} has an empty id", kind.name()));
            return;
        }
        if let Some((other_kind, other_path)) = self.index.get(id) {
            let msg = format!(
                "id `{id}` is used by this {} and by the {} at {other_path}; ids must be unique across the document",
                kind.name(),
                other_kind.name()
            );
            self.push("duplicate_id", format!("{path}.id"), msg);
            return;
        }
        self.index.insert(id, (kind, path));
    }

    fn reference(&mut self, path: impl Into<String>, id: &str, expected: &[Kind]) {
        // Hot path: most references are fine, so nothing is formatted until a
        // problem is found.
        let wanted = || expected.iter().map(|k| k.name()).collect::<Vec<_>>().join(" or ");
        match self.index.get(id) {
            None => {
                let msg = format!("`{id}` does not exist; expected the id of a {}", wanted());
                self.push("dangling_reference", path, msg)
            }
            Some((k, at)) if !expected.contains(k) => {
                let msg = format!("`{id}` is a {} (at {at}), but a {} is required here", k.name(), wanted());
                self.push("wrong_reference_kind", path, msg)
            }
            Some(_) => {}
        }
    }

    fn opt_ref(&mut self, path: impl Into<String>, id: &Option<Id>, expected: &[Kind]) {
        if let Some(id) = id {
            self.reference(path, id, expected);
        }
    }

    fn refs(&mut self, path: &str, ids: &[Id], expected: &[Kind]) {
        for (i, id) in ids.iter().enumerate() {
            self.reference(format!("{path}[{i}]"), id, expected);
        }
    }

    /// An Annex A control id (e.g. `5.15` or `A.5.15`).
    fn annex_control(&mut self, path: String, id: &str) {
        if catalog::control(id).is_none() {
            self.push(
                "unknown_control",
                path,
                format!("`{id}` is not an Annex A control of ISO/IEC 27001:2022 (5.1–8.34)"),
            );
        }
    }

    /// An Annex A control id or a custom control id.
    fn any_control(&mut self, path: String, id: &str) {
        if catalog::control(id).is_none() && !self.custom_controls.contains_key(id) {
            self.push(
                "unknown_control",
                path,
                format!(
                    "`{id}` is neither an Annex A control (5.1–8.34) nor one of the organisation's custom controls"
                ),
            );
        }
    }

    fn any_controls(&mut self, path: &str, ids: &[String]) {
        for (i, id) in ids.iter().enumerate() {
            self.any_control(format!("{path}[{i}]"), id);
        }
    }

    fn clause(&mut self, path: String, id: &str) {
        if catalog::clause(id).is_none() {
            self.push("unknown_clause", path, format!("`{id}` is not a clause of ISO/IEC 27001:2022 (4 to 10.2)"));
        }
    }

    fn order(&mut self, path: String, earlier: Option<Date>, later: Option<Date>, what: &str) {
        if let (Some(a), Some(b)) = (earlier, later)
            && b < a
        {
            self.push("date_order", path, format!("{what}: {b} is before {a}"));
        }
    }

    fn range(&mut self, path: String, value: Option<u32>, lo: u32, hi: u32, what: &str) {
        if let Some(v) = value
            && !(lo..=hi).contains(&v)
        {
            self.push("out_of_range", path, format!("{what} is {v}, but must be between {lo} and {hi}"));
        }
    }

    fn text(&mut self, path: String, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.push("out_of_range", path, format!("{what} must not be empty"));
        }
    }
}

/// Checks a document and returns every problem found (empty when valid).
/// Never panics, whatever the input.
pub fn validate(doc: &Document) -> Vec<Problem> {
    let mut c = Checker { index: HashMap::default(), custom_controls: HashMap::default(), problems: Vec::new() };
    if doc.schema_version.split('.').next() != SCHEMA_VERSION.split('.').next() {
        c.push(
            "unsupported_schema_version",
            "$.schema_version",
            format!("schema_version `{}` is not supported; this engine reads {SCHEMA_VERSION}", doc.schema_version),
        );
    }
    define_all(&mut c, doc);
    check_references(&mut c, doc);
    check_waivers(&mut c, doc);
    check_risk(&mut c, doc);
    check_dates(&mut c, doc);
    check_fair_effects(&mut c, doc);
    c.problems.extend(crate::nc::check_history(doc));
    c.problems
}

/// Like [`validate`], as a `Result`: `Err(Error::Invalid(problems))`.
pub fn check(doc: &Document) -> Result<()> {
    let problems = validate(doc);
    if problems.is_empty() { Ok(()) } else { Err(Error::Invalid(problems)) }
}

fn define_all<'a>(c: &mut Checker<'a>, d: &'a Document) {
    for (i, x) in d.organization.units.iter().enumerate() {
        c.define(&x.id, Kind::Unit, format!("$.organization.units[{i}]"));
    }
    for (i, x) in d.organization.sites.iter().enumerate() {
        c.define(&x.id, Kind::Site, format!("$.organization.sites[{i}]"));
    }
    for (i, x) in d.context.issues.iter().enumerate() {
        c.define(&x.id, Kind::ContextIssue, format!("$.context.issues[{i}]"));
    }
    for (i, x) in d.context.interested_parties.iter().enumerate() {
        c.define(&x.id, Kind::InterestedParty, format!("$.context.interested_parties[{i}]"));
    }
    for (i, x) in d.scope.interfaces.iter().enumerate() {
        c.define(&x.id, Kind::ScopeInterface, format!("$.scope.interfaces[{i}]"));
    }
    for (i, x) in d.people.iter().enumerate() {
        c.define(&x.id, Kind::Person, format!("$.people[{i}]"));
    }
    for (i, x) in d.roles.iter().enumerate() {
        c.define(&x.id, Kind::Role, format!("$.roles[{i}]"));
    }
    for (i, x) in d.assets.iter().enumerate() {
        c.define(&x.id, Kind::Asset, format!("$.assets[{i}]"));
    }
    for (i, x) in d.risks.iter().enumerate() {
        c.define(&x.id, Kind::Risk, format!("$.risks[{i}]"));
    }
    for (i, t) in d.treatments.iter().enumerate() {
        c.define(&t.id, Kind::Treatment, format!("$.treatments[{i}]"));
        for (j, a) in t.actions.iter().enumerate() {
            c.define(&a.id, Kind::Action, format!("$.treatments[{i}].actions[{j}]"));
        }
    }
    for (i, x) in d.controls.iter().enumerate() {
        let path = format!("$.controls[{i}]");
        if catalog::control(&x.id).is_some() {
            c.push(
                "reserved_id",
                format!("{path}.id"),
                format!("custom control id `{}` is an Annex A control id; give it an id of its own", x.id),
            );
        }
        c.custom_controls.insert(&x.id, ());
        c.define(&x.id, Kind::CustomControl, path);
    }
    for (i, x) in d.documents.iter().enumerate() {
        c.define(&x.id, Kind::Document, format!("$.documents[{i}]"));
    }
    for (i, x) in d.evidence.iter().enumerate() {
        c.define(&x.id, Kind::Evidence, format!("$.evidence[{i}]"));
    }
    for (i, x) in d.objectives.iter().enumerate() {
        c.define(&x.id, Kind::Objective, format!("$.objectives[{i}]"));
    }
    for (i, x) in d.training.courses.iter().enumerate() {
        c.define(&x.id, Kind::Course, format!("$.training.courses[{i}]"));
    }
    for (i, r) in d.management_reviews.iter().enumerate() {
        c.define(&r.id, Kind::ManagementReview, format!("$.management_reviews[{i}]"));
        for (j, x) in r.decisions.iter().enumerate() {
            c.define(&x.id, Kind::Decision, format!("$.management_reviews[{i}].decisions[{j}]"));
        }
    }
    for (i, a) in d.internal_audits.iter().enumerate() {
        c.define(&a.id, Kind::InternalAudit, format!("$.internal_audits[{i}]"));
        for (j, x) in a.findings.iter().enumerate() {
            c.define(&x.id, Kind::AuditFinding, format!("$.internal_audits[{i}].findings[{j}]"));
        }
    }
    for (i, x) in d.certification.audits.iter().enumerate() {
        c.define(&x.id, Kind::ExternalAudit, format!("$.certification.audits[{i}]"));
    }
    for (i, n) in d.nonconformities.iter().enumerate() {
        c.define(&n.id, Kind::Nonconformity, format!("$.nonconformities[{i}]"));
        for (j, x) in n.actions.iter().enumerate() {
            c.define(&x.id, Kind::CorrectiveAction, format!("$.nonconformities[{i}].actions[{j}]"));
        }
    }
    for (i, x) in d.waivers.iter().enumerate() {
        c.define(&x.id, Kind::Waiver, format!("$.waivers[{i}]"));
    }
}

/// Waivers and rule settings: what makes them usable. Whether a waiver is
/// approved, in force or names a known rule is the evaluation's judgement
/// (the `waivers.*` rules), not a structural problem.
fn check_waivers(c: &mut Checker<'_>, d: &Document) {
    for (i, w) in d.waivers.iter().enumerate() {
        let p = format!("$.waivers[{i}]");
        c.text(format!("{p}.justification"), &w.justification, "a waiver's justification");
        c.opt_ref(format!("{p}.approver"), &w.approver, PERSON);
        c.order(
            format!("{p}.expires_on"),
            w.approved_on,
            Some(w.expires_on),
            "the waiver expires before it was approved",
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for (i, r) in d.settings.rules.iter().enumerate() {
        let p = format!("$.settings.rules[{i}]");
        c.text(format!("{p}.reason"), &r.reason, "a rule setting's reason");
        if r.disabled == r.severity.is_some() {
            c.push(
                "out_of_range",
                p.clone(),
                format!("the setting of rule `{}` must either disable it or set its severity (one of the two)", r.rule),
            );
        }
        if let Some(j) = seen.insert(r.rule.as_str(), i) {
            c.push(
                "duplicate_id",
                format!("{p}.rule"),
                format!("rule `{}` is set twice (also at $.settings.rules[{j}])", r.rule),
            );
        }
    }
}

const PERSON: &[Kind] = &[Kind::Person];

fn check_references(c: &mut Checker<'_>, d: &Document) {
    if let Some(m) = &d.settings.monitoring {
        for (i, x) in m.controls.iter().enumerate() {
            c.annex_control(format!("$.settings.monitoring.controls[{i}].control"), &x.control);
        }
        for (i, o) in m.overrides.iter().enumerate() {
            let p = format!("$.settings.monitoring.overrides[{i}]");
            c.annex_control(format!("{p}.control"), &o.control);
            c.text(format!("{p}.justification"), &o.justification, "an override's justification");
            c.reference(format!("{p}.approved_by"), &o.approved_by, PERSON);
        }
    }
    c.text("$.organization.name".into(), &d.organization.name, "the organisation's name");
    c.opt_ref("$.scope.document", &d.scope.document, &[Kind::Document]);
    c.opt_ref("$.scope.approved_by", &d.scope.approved_by, PERSON);
    for (i, x) in d.scope.interfaces.iter().enumerate() {
        c.any_controls(&format!("$.scope.interfaces[{i}].controls"), &x.controls);
    }
    for (i, p) in d.people.iter().enumerate() {
        c.opt_ref(format!("$.people[{i}].unit"), &p.unit, &[Kind::Unit]);
        c.order(format!("$.people[{i}].end_date"), p.start_date, p.end_date, "the end date is before the start date");
    }
    for (i, r) in d.roles.iter().enumerate() {
        c.refs(&format!("$.roles[{i}].holders"), &r.holders, PERSON);
    }
    for (i, a) in d.assets.iter().enumerate() {
        let p = format!("$.assets[{i}]");
        c.opt_ref(format!("{p}.owner"), &a.owner, PERSON);
        c.opt_ref(format!("{p}.unit"), &a.unit, &[Kind::Unit]);
        c.opt_ref(format!("{p}.site"), &a.site, &[Kind::Site]);
        c.refs(&format!("{p}.depends_on"), &a.depends_on, &[Kind::Asset]);
        if let Some(cl) = &a.classification
            && d.classification_scheme.rank(cl).is_none()
        {
            let levels = d.classification_scheme.levels.iter().map(|l| l.id.as_str()).collect::<Vec<_>>().join(", ");
            c.push(
                "unknown_classification",
                format!("{p}.classification"),
                format!("`{cl}` is not a level of the classification scheme ({levels})"),
            );
        }
    }
    c.opt_ref("$.risk_methodology.document", &d.risk_methodology.document, &[Kind::Document]);
    for (i, r) in d.risks.iter().enumerate() {
        let p = format!("$.risks[{i}]");
        c.refs(&format!("{p}.assets"), &r.assets, &[Kind::Asset]);
        c.opt_ref(format!("{p}.owner"), &r.owner, PERSON);
        if let Some(a) = &r.acceptance {
            c.reference(format!("{p}.acceptance.by"), &a.by, PERSON);
            c.order(
                format!("{p}.acceptance.valid_until"),
                Some(a.on),
                a.valid_until,
                "the acceptance expires before it was given",
            );
        }
    }
    for (i, t) in d.treatments.iter().enumerate() {
        let p = format!("$.treatments[{i}]");
        c.reference(format!("{p}.risk"), &t.risk, &[Kind::Risk]);
        c.any_controls(&format!("{p}.controls"), &t.controls);
        c.opt_ref(format!("{p}.approved_by"), &t.approved_by, PERSON);
        for (j, a) in t.actions.iter().enumerate() {
            let ap = format!("{p}.actions[{j}]");
            c.opt_ref(format!("{ap}.owner"), &a.owner, PERSON);
            c.range(format!("{ap}.progress"), a.progress, 0, 100, "progress (percent)");
        }
    }
    for (i, x) in d.controls.iter().enumerate() {
        c.opt_ref(format!("$.controls[{i}].owner"), &x.owner, PERSON);
        for (j, id) in x.annex_a.iter().enumerate() {
            c.annex_control(format!("$.controls[{i}].annex_a[{j}]"), id);
        }
    }
    c.opt_ref("$.soa.approved_by", &d.soa.approved_by, PERSON);
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for (i, e) in d.soa.entries.iter().enumerate() {
        let p = format!("$.soa.entries[{i}]");
        match catalog::control(&e.control) {
            None => c.annex_control(format!("{p}.control"), &e.control),
            Some(ctl) => {
                if let Some(first) = seen.insert(ctl.id, i) {
                    c.push(
                        "duplicate_soa_entry",
                        format!("{p}.control"),
                        format!("control {} already has an entry at $.soa.entries[{first}]", ctl.id),
                    );
                }
            }
        }
        c.opt_ref(format!("{p}.owner"), &e.owner, PERSON);
        c.refs(&format!("{p}.risks"), &e.risks, &[Kind::Risk]);
        c.refs(&format!("{p}.evidence"), &e.evidence, &[Kind::Evidence]);
        c.refs(&format!("{p}.documents"), &e.documents, &[Kind::Document]);
    }
    for (i, x) in d.documents.iter().enumerate() {
        let p = format!("$.documents[{i}]");
        c.opt_ref(format!("{p}.owner"), &x.owner, PERSON);
        c.opt_ref(format!("{p}.approved_by"), &x.approved_by, PERSON);
        c.any_controls(&format!("{p}.controls"), &x.controls);
        for (j, key) in x.satisfies.iter().enumerate() {
            if catalog::mandatory_document(key).is_none() {
                c.push(
                    "unknown_document_key",
                    format!("{p}.satisfies[{j}]"),
                    format!("`{key}` is not a mandatory-document key; `isms catalog documents` lists them"),
                );
            }
        }
        c.range(format!("{p}.review_interval_days"), x.review_interval_days, 1, 3660, "the review interval (days)");
    }
    for (i, x) in d.evidence.iter().enumerate() {
        c.any_controls(&format!("$.evidence[{i}].controls"), &x.controls);
        c.opt_ref(format!("$.evidence[{i}].collected_by"), &x.collected_by, PERSON);
        c.range(format!("$.evidence[{i}].valid_for_days"), x.valid_for_days, 1, 3660, "the freshness window (days)");
    }
    for (i, x) in d.objectives.iter().enumerate() {
        c.opt_ref(format!("$.objectives[{i}].owner"), &x.owner, PERSON);
        c.range(
            format!("$.objectives[{i}].measure_every_days"),
            x.measure_every_days,
            1,
            3660,
            "the measurement interval (days)",
        );
    }
    for (i, x) in d.training.courses.iter().enumerate() {
        c.refs(&format!("$.training.courses[{i}].audience_roles"), &x.audience_roles, &[Kind::Role]);
        c.range(
            format!("$.training.courses[{i}].recurrence_days"),
            x.recurrence_days,
            1,
            3660,
            "the recurrence (days)",
        );
    }
    for (i, r) in d.training.records.iter().enumerate() {
        c.reference(format!("$.training.records[{i}].person"), &r.person, PERSON);
        c.reference(format!("$.training.records[{i}].course"), &r.course, &[Kind::Course]);
        c.range(format!("$.training.records[{i}].score"), r.score, 0, 100, "the score (percent)");
    }
    for (i, r) in d.management_reviews.iter().enumerate() {
        let p = format!("$.management_reviews[{i}]");
        c.refs(&format!("{p}.attendees"), &r.attendees, PERSON);
        c.opt_ref(format!("{p}.minutes"), &r.minutes, &[Kind::Document]);
        for (j, x) in r.decisions.iter().enumerate() {
            c.opt_ref(format!("{p}.decisions[{j}].owner"), &x.owner, PERSON);
        }
    }
    for (i, a) in d.internal_audits.iter().enumerate() {
        let p = format!("$.internal_audits[{i}]");
        c.refs(&format!("{p}.auditors"), &a.auditors, PERSON);
        c.refs(&format!("{p}.scope.units"), &a.scope.units, &[Kind::Unit]);
        c.opt_ref(format!("{p}.report"), &a.report, &[Kind::Document]);
        for (j, id) in a.scope.clauses.iter().enumerate() {
            c.clause(format!("{p}.scope.clauses[{j}]"), id);
        }
        for (j, id) in a.scope.controls.iter().enumerate() {
            c.annex_control(format!("{p}.scope.controls[{j}]"), id);
        }
        for (j, f) in a.findings.iter().enumerate() {
            let fp = format!("{p}.findings[{j}]");
            if let Some(cl) = &f.clause {
                c.clause(format!("{fp}.clause"), cl);
            }
            if let Some(ctl) = &f.control {
                c.annex_control(format!("{fp}.control"), ctl);
            }
            c.opt_ref(format!("{fp}.nonconformity"), &f.nonconformity, &[Kind::Nonconformity]);
        }
    }
    for (i, n) in d.nonconformities.iter().enumerate() {
        let p = format!("$.nonconformities[{i}]");
        c.opt_ref(format!("{p}.raised_by"), &n.raised_by, PERSON);
        c.opt_ref(format!("{p}.audit"), &n.audit, &[Kind::InternalAudit, Kind::ExternalAudit]);
        c.opt_ref(format!("{p}.owner"), &n.owner, PERSON);
        c.refs(&format!("{p}.risks"), &n.risks, &[Kind::Risk]);
        for (j, id) in n.clauses.iter().enumerate() {
            c.clause(format!("{p}.clauses[{j}]"), id);
        }
        for (j, id) in n.controls.iter().enumerate() {
            c.annex_control(format!("{p}.controls[{j}]"), id);
        }
        for (j, a) in n.actions.iter().enumerate() {
            c.reference(format!("{p}.actions[{j}].owner"), &a.owner, PERSON);
        }
        if let Some(v) = &n.verification {
            c.reference(format!("{p}.verification.by"), &v.by, PERSON);
            c.refs(&format!("{p}.verification.evidence"), &v.evidence, &[Kind::Evidence]);
        }
        for (j, h) in n.history.iter().enumerate() {
            c.opt_ref(format!("{p}.history[{j}].by"), &h.by, PERSON);
        }
    }
    let s = &d.settings;
    c.range(
        "$.settings.management_review_interval_months".into(),
        Some(s.management_review_interval_months),
        1,
        36,
        "the management review interval (months)",
    );
    c.range(
        "$.settings.internal_audit_cycle_years".into(),
        Some(s.internal_audit_cycle_years),
        1,
        10,
        "the internal audit cycle (years)",
    );
    c.range(
        "$.settings.document_review_days".into(),
        Some(s.document_review_days),
        1,
        3660,
        "the document review interval (days)",
    );
    c.range(
        "$.settings.evidence_freshness_days".into(),
        Some(s.evidence_freshness_days),
        1,
        3660,
        "the evidence freshness window (days)",
    );
    c.range("$.settings.risk_review_days".into(), Some(s.risk_review_days), 1, 3660, "the risk review interval (days)");
    c.range("$.settings.warning_window_days".into(), Some(s.warning_window_days), 0, 365, "the warning window (days)");
    c.range(
        "$.certification.validity_years".into(),
        d.certification.validity_years,
        1,
        10,
        "the certificate validity (years)",
    );
}

fn check_risk(c: &mut Checker<'_>, d: &Document) {
    let m = match crate::risk::resolve(&d.risk_methodology) {
        Ok(m) => m,
        Err(problems) => {
            c.problems.extend(problems);
            return;
        }
    };
    let (nl, nc) = (m.likelihood_steps(), m.consequence_steps());
    let cia = |c: &mut Checker<'_>, path: &str, v: &Cia, what: &str| {
        for p in Property::ALL {
            let name = match p {
                Property::Confidentiality => "confidentiality",
                Property::Integrity => "integrity",
                Property::Availability => "availability",
            };
            c.range(format!("{path}.{name}"), v.get(p), 1, nc, &format!("{what} for {name} (consequence scale)"));
        }
    };
    for (i, a) in d.assets.iter().enumerate() {
        cia(c, &format!("$.assets[{i}].value"), &a.value, "the asset value");
    }
    for (i, r) in d.risks.iter().enumerate() {
        if let Some(Err(e)) = r.fair.as_ref().map(|m| m.validate(&format!("$.risks[{i}].fair"))) {
            fair_problem(c, e);
        }
        for (name, rating) in [("inherent", &r.inherent), ("residual", &r.residual)] {
            if let Some(rt) = rating {
                let p = format!("$.risks[{i}].{name}");
                c.range(format!("{p}.likelihood"), Some(rt.likelihood), 1, nl, "the likelihood (scale step)");
                c.range(format!("{p}.consequence"), rt.consequence, 1, nc, "the consequence (scale step)");
                cia(c, &format!("{p}.cia"), &rt.cia, "the consequence");
            }
        }
    }
}

fn fair_problem(c: &mut Checker<'_>, e: Error) {
    match e {
        Error::InvalidArgument { path, message } => c.push("invalid_fair_model", path, message),
        other => c.push("invalid_fair_model", "$", other.to_string()),
    }
}

fn check_fair_effects(c: &mut Checker<'_>, d: &Document) {
    for (i, t) in d.treatments.iter().enumerate() {
        for (j, e) in t.fair_effects.iter().enumerate() {
            if let Err(err) = e.validate(&format!("$.treatments[{i}].fair_effects[{j}]")) {
                fair_problem(c, err);
            }
        }
    }
}

fn check_dates(c: &mut Checker<'_>, d: &Document) {
    for (i, a) in d.internal_audits.iter().enumerate() {
        c.order(format!("$.internal_audits[{i}].end_on"), a.start_on, a.end_on, "the audit ends before it starts");
    }
    for (i, a) in d.certification.audits.iter().enumerate() {
        c.order(format!("$.certification.audits[{i}].end_on"), a.start_on, a.end_on, "the audit ends before it starts");
    }
    let cert = &d.certification;
    c.order(
        "$.certification.expires_on".into(),
        cert.decision_on,
        cert.expires_on,
        "the certificate expires before the decision",
    );
    for (i, n) in d.nonconformities.iter().enumerate() {
        let p = format!("$.nonconformities[{i}]");
        let raised = Some(n.raised_on);
        c.order(
            format!("{p}.correction.on"),
            raised,
            n.correction.as_ref().map(|x| x.on),
            "corrected before it was raised",
        );
        c.order(
            format!("{p}.root_cause.on"),
            raised,
            n.root_cause.as_ref().map(|x| x.on),
            "root cause analysed before it was raised",
        );
        c.order(
            format!("{p}.verification.on"),
            raised,
            n.verification.as_ref().map(|x| x.on),
            "verified before it was raised",
        );
        for (j, a) in n.actions.iter().enumerate() {
            c.order(
                format!("{p}.actions[{j}].completed_on"),
                raised,
                a.completed_on,
                "completed before the nonconformity was raised",
            );
        }
        let mut last = raised;
        for (j, h) in n.history.iter().enumerate() {
            c.order(
                format!("{p}.history[{j}].on"),
                last,
                Some(h.on),
                "history entries must be in date order, from the date raised",
            );
            last = last.max(Some(h.on));
        }
    }
    for (i, t) in d.treatments.iter().enumerate() {
        for (j, a) in t.actions.iter().enumerate() {
            if a.status == ActionStatus::Done && a.progress.is_some_and(|p| p < 100) {
                c.push(
                    "out_of_range",
                    format!("$.treatments[{i}].actions[{j}].progress"),
                    "the action is done but its progress is below 100%",
                );
            }
        }
    }
}
