//! The continuous-monitoring verdict: `evaluate(document, as_of)` runs the
//! rule catalogue over an ISMS and says what is wrong, how badly, by when,
//! and what to do (ISO/IEC 27001:2022 clauses 4–10 and Annex A; checklist
//! steps 1–17).
//!
//! **What this is**: a pure function of a validated [`Document`] and a date.
//! Each rule ([`Rule`], catalogue in [`rules()`], reference in
//! `docs/rules.md`) examines one requirement and returns [`Finding`]s, each
//! with a stable rule id, severity, clause or control, the entities
//! involved, a due date where one applies, a remediation hint, and a
//! [`fingerprint`](Finding::fingerprint) that stays the same while the
//! underlying problem does (so drift between two runs can be computed). From
//! the rules' outcomes come the readiness scores and the Stage 1 / Stage 2
//! verdicts ([`readiness`]).
//!
//! **What this is not**: a validator (structure and references are
//! [`crate::validate`]'s job, and a document that fails it is refused with
//! [`Error::Invalid`]), nor a scheduler (dates to come are `crate::schedule`'s
//! business, not the verdict's).
//!
//! Determinism: findings are sorted by severity (blocker first), rule id,
//! then control and clause in natural order (A.5.2 before A.5.10, see
//! [`natural_cmp`]), then fingerprint; no hash map iteration order reaches
//! the output.
//!
//! Waivers and rule settings (`waivers`, `settings.rules`) are applied
//! here, after the rules ran: see [`waivers`].
//!
//! Performance: [`Ctx`] indexes the document once (people, roles, SoA,
//! evidence per control, training records per person and course, mandatory
//! documents per key), so every rule is linear in the entities it examines.
mod ctx;
pub mod drift;
mod grounds;
pub mod readiness;
mod rule;
mod rules;
pub mod waivers;

pub(crate) use ctx::{Ctx, Draft, Out};
pub use drift::{Drift, drift};
pub use grounds::{Basis, GROUNDS, Grounds, grounds};
pub use readiness::{AutomatedControl, Automation, Readiness, ScoreLine, StageVerdict};
pub use rule::{Rule, Stage, rule, rules, rules_markdown};
pub use waivers::{AppliedRuleSetting, AppliedWaiver, OverrideAction, WaiverState};

use crate::model::{Date, Document};
use crate::model::{EntityKind, EntityRef};
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks certification: an auditor would raise a major nonconformity
    /// or could not proceed.
    Blocker,
    /// A significant gap: likely a nonconformity if left.
    Major,
    /// A lapse in a working process: likely a minor nonconformity or an
    /// observation.
    Minor,
    /// Worth knowing; no requirement is broken yet.
    Info,
}

impl Severity {
    /// All severities, most severe first.
    pub const ALL: [Severity; 4] = [Severity::Blocker, Severity::Major, Severity::Minor, Severity::Info];

    /// The `snake_case` token.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Blocker => "blocker",
            Severity::Major => "major",
            Severity::Minor => "minor",
            Severity::Info => "info",
        }
    }

    /// Weight of a rule of this severity in the readiness score.
    pub const fn weight(self) -> u32 {
        match self {
            Severity::Blocker => 8,
            Severity::Major => 4,
            Severity::Minor => 2,
            Severity::Info => 1,
        }
    }

    /// Whether `self` is at least as severe as `threshold`.
    pub fn at_least(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s.trim().to_ascii_lowercase()).ok_or_else(|| {
            Error::invalid_argument(
                "severity",
                format!("unknown severity `{s}`; expected blocker, major, minor or info"),
            )
        })
    }
}

/// One problem found by a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Stable rule id, e.g. `scope.not_communicated` (see `docs/rules.md`).
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// Clause of ISO/IEC 27001:2022 concerned, e.g. `4.3`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// Annex A control concerned, e.g. `5.15`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
    /// Entities involved, sorted.
    pub entities: Vec<EntityRef>,
    /// JSON Pointer (RFC 6901) of the entity the finding is shown at, e.g.
    /// `/risks/3`: the most specific of [`Finding::entities`] that has a
    /// place in the document ([`crate::model::Pointers::best`]). Absent when
    /// none has one (a clause, a missing mandatory document). Positions in
    /// the evaluated document, so not part of the fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// When it must be fixed by (or when it fell due).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_on: Option<Date>,
    /// What to do about it.
    pub remediation: String,
    /// The certification stages this finding stands in the way of: both for
    /// a blocker of a documentation rule, Stage 2 for any other blocker, none
    /// for a finding that is not a blocker (readiness counts the same).
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Stable hash of the rule, clause, control and sorted entities (16 hex
    /// digits, FNV-1a 64): the same while the underlying problem is the same,
    /// independent of the message, the date and the order of the document.
    pub fingerprint: String,
    /// The automated test results behind a monitoring finding: the failing
    /// checks and resources (empty for findings from the document alone).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tests: Vec<crate::monitor::CheckResult>,
    /// The id of the waiver in force that accepts this finding: it is
    /// reported, but does not fail `--fail-on`, is not counted in the
    /// summary by severity and blocks no stage (see [`waivers`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
    /// The severity the rule gave the finding, when `settings.rules`
    /// re-graded the rule (`severity` is then the set one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_severity: Option<Severity>,
}

impl Finding {
    /// Whether a waiver in force accepts the finding.
    pub fn is_waived(&self) -> bool {
        self.waiver.is_some()
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Counts of findings by severity (waived findings apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Blockers.
    pub blocker: u32,
    /// Majors.
    pub major: u32,
    /// Minors.
    pub minor: u32,
    /// Infos.
    pub info: u32,
    /// All findings not waived.
    pub total: u32,
    /// Waived findings (reported, counted in no severity above).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub waived: u32,
}

/// What one rule examined and found: the raw material of readiness, drift
/// and the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RuleOutcome {
    /// Rule id.
    pub rule: String,
    /// Items the rule examined (0: the rule did not apply).
    pub checked: u32,
    /// Items with at least one finding (never more than `checked`).
    pub failed: u32,
    /// Findings raised.
    pub findings: u32,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evaluation {
    /// The date evaluated.
    pub as_of: Date,
    /// Counts by severity.
    pub summary: Summary,
    /// Scores and Stage 1 / Stage 2 verdicts.
    pub readiness: Readiness,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
    /// Per-rule outcomes, in catalogue order (a disabled rule: nothing
    /// checked).
    pub rules: Vec<RuleOutcome>,
    /// Every waiver of the document, with its state and the findings it
    /// waived, in document order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<AppliedWaiver>,
    /// Every rule setting applied (disabled or re-graded rules), in
    /// catalogue order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<AppliedRuleSetting>,
}

impl Evaluation {
    /// The most severe finding's severity, if any (waived findings apart).
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().filter(|f| !f.is_waived()).map(|f| f.severity).min()
    }
    /// Whether any finding not waived is at least as severe as `threshold`
    /// (the gate of `isms check --fail-on`).
    pub fn fails(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|f| !f.is_waived() && f.severity.at_least(threshold))
    }
}

/// FNV-1a, 64 bit: tiny, fast, and the same on every platform.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The fingerprint of a finding: FNV-1a 64 over the rule id, clause,
/// control and the sorted `kind:id` of its entities, separated by NUL bytes.
pub fn fingerprint(rule: &str, clause: Option<&str>, control: Option<&str>, entities: &[EntityRef]) -> String {
    let mut keys: Vec<String> = entities.iter().map(|e| format!("{}:{}", entity_token(e.kind), e.id)).collect();
    keys.sort();
    keys.dedup();
    let mut s = String::with_capacity(64);
    s.push_str(rule);
    s.push('\0');
    s.push_str(clause.unwrap_or(""));
    s.push('\0');
    s.push_str(control.unwrap_or(""));
    for k in keys {
        s.push('\0');
        s.push_str(&k);
    }
    format!("{:016x}", fnv1a64(s.as_bytes()))
}

/// Natural order of ids such as control and clause numbers: runs of digits
/// compare as numbers, so `5.2` < `5.10` and `A.8.9` < `A.8.10`; other
/// characters compare as text. Ties fall back to plain text order.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> impl Iterator<Item = (bool, &str)> {
        let mut rest = s;
        std::iter::from_fn(move || {
            let first = rest.chars().next()?;
            let digit = first.is_ascii_digit();
            let end = rest.find(|c: char| c.is_ascii_digit() != digit).unwrap_or(rest.len());
            let (head, tail) = rest.split_at(end);
            rest = tail;
            Some((digit, head))
        })
    }
    let mut x = chunks(a);
    let mut y = chunks(b);
    loop {
        match (x.next(), y.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some((dx, sx)), Some((dy, sy))) => {
                let o = if dx && dy {
                    let (tx, ty) = (sx.trim_start_matches('0'), sy.trim_start_matches('0'));
                    tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
                } else {
                    sx.cmp(sy)
                };
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

/// The order of findings: severity, rule, control and clause in natural
/// order (no control first), fingerprint, message.
pub fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    let opt = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (None, None) => std::cmp::Ordering::Equal,
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => natural_cmp(x, y),
    };
    (a.severity, &a.rule)
        .cmp(&(b.severity, &b.rule))
        .then_with(|| opt(&a.control, &b.control))
        .then_with(|| opt(&a.clause, &b.clause))
        .then_with(|| (&a.fingerprint, &a.message).cmp(&(&b.fingerprint, &b.message)))
}

fn entity_token(k: EntityKind) -> String {
    match serde_json::to_value(k) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// Evaluates `doc` on `as_of`: every rule of the catalogue, readiness and
/// verdicts. It does not validate: the engine ([`crate::Isms::evaluate`])
/// calls it on a document validated once. Never panics on an invalid
/// document; unresolved references are skipped.
pub fn evaluate(doc: &Document, as_of: Date) -> Evaluation {
    evaluate_with(doc, as_of, None)
}

/// [`evaluate`] with the automated test results of continuous monitoring
/// (a [`crate::monitor::MonitorSummary`] on the same date): the
/// `monitoring.*` rules judge them; without a summary they do not apply.
pub fn evaluate_with(doc: &Document, as_of: Date, monitor: Option<&crate::monitor::MonitorSummary>) -> Evaluation {
    let mut ctx = Ctx::new(doc, as_of);
    ctx.monitor = monitor;
    let settings = &doc.settings.rules;
    let mut findings = Vec::new();
    let mut outcomes = Vec::with_capacity(rules().len());
    let mut per_rule = Vec::with_capacity(rules().len());
    let mut overrides = Vec::new();
    for r in rules() {
        let mut out = Out::new(r);
        (r.check)(&ctx, &mut out);
        let (mut outcome, mut theme_checked, mut theme_failed, mut fs) = out.finish();
        let mut weight_of = r.severity;
        if let Some(set) = waivers::setting(settings, r.id) {
            let n = fs.len() as u32;
            if set.disabled {
                fs.clear();
                outcome = RuleOutcome { rule: r.id.to_owned(), checked: 0, failed: 0, findings: 0 };
                (theme_checked, theme_failed) = ([0; 4], [0; 4]);
            } else if let Some(sev) = set.severity {
                weight_of = sev;
                for f in &mut fs {
                    f.original_severity = Some(f.severity);
                    f.severity = sev;
                    f.stages = if sev == Severity::Blocker { r.stage.blocked().to_vec() } else { Vec::new() };
                }
            }
            overrides.push(AppliedRuleSetting {
                rule: r.id.to_owned(),
                action: if set.disabled { OverrideAction::Disabled } else { OverrideAction::Regraded },
                default_severity: r.severity,
                severity: set.severity.filter(|_| !set.disabled),
                reason: set.reason.clone(),
                findings: n,
            });
        }
        per_rule.push((r, outcome.clone(), theme_checked, theme_failed, weight_of));
        outcomes.push(outcome);
        findings.append(&mut fs);
    }
    let pointers = crate::model::Pointers::new(doc);
    for f in &mut findings {
        f.path = pointers.best(&f.entities);
    }
    let waivers = waivers::apply(&doc.waivers, as_of, &mut findings);
    findings.sort_by(finding_order);
    let mut summary = Summary::default();
    for f in &findings {
        if f.is_waived() {
            summary.waived += 1;
            continue;
        }
        match f.severity {
            Severity::Blocker => summary.blocker += 1,
            Severity::Major => summary.major += 1,
            Severity::Minor => summary.minor += 1,
            Severity::Info => summary.info += 1,
        }
    }
    summary.total = findings.len() as u32 - summary.waived;
    let mut readiness = readiness::compute(&per_rule, &findings);
    if let Some(m) = monitor {
        readiness.automation = Some(readiness::automation(doc, m, &readiness, &findings));
    }
    Evaluation { as_of, summary, readiness, findings, rules: outcomes, waivers, overrides }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_reference_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    #[test]
    fn fingerprint_ignores_entity_order_but_not_identity() {
        let e = |k, id: &str| EntityRef { kind: k, id: id.into() };
        let a = fingerprint("r", Some("4.3"), None, &[e(EntityKind::Person, "p1"), e(EntityKind::Role, "r1")]);
        let b = fingerprint("r", Some("4.3"), None, &[e(EntityKind::Role, "r1"), e(EntityKind::Person, "p1")]);
        let c = fingerprint("r", Some("4.3"), None, &[e(EntityKind::Role, "r2"), e(EntityKind::Person, "p1")]);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn natural_order_of_control_and_clause_ids() {
        use std::cmp::Ordering::*;
        assert_eq!(natural_cmp("5.2", "5.10"), Less);
        assert_eq!(natural_cmp("A.8.9", "A.8.10"), Less);
        assert_eq!(natural_cmp("6.1.3", "6.1"), Greater);
        assert_eq!(natural_cmp("9.2", "10.1"), Less);
        assert_eq!(natural_cmp("r-2", "r-10"), Less);
        assert_eq!(natural_cmp("5.15", "5.15"), Equal);
        let mut v = vec!["5.10", "5.2", "8.1", "5.1", "10"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["5.1", "5.2", "5.10", "8.1", "10"]);
    }

    #[test]
    fn severity_order_and_threshold() {
        assert!(Severity::Blocker.at_least(Severity::Major));
        assert!(!Severity::Minor.at_least(Severity::Major));
        assert_eq!("MAJOR".parse::<Severity>().ok(), Some(Severity::Major));
        assert!("bad".parse::<Severity>().is_err());
    }
}
