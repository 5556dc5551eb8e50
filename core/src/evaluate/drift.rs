//! Drift: what changed between two evaluations — the "tell me when we fall
//! out of compliance" feature of continuous monitoring (clauses 9.1 and 10).
//!
//! **What this is**: a comparison of two [`Evaluation`]s, finding by
//! finding, matched by [`fingerprint`](Finding::fingerprint): findings that
//! appeared, that were resolved, that got worse or better, and how the
//! readiness scores and the Stage 1 / Stage 2 verdicts moved. Three entry
//! points cover the three questions people ask:
//!
//! - [`drift`]: two evaluations already at hand (e.g. yesterday's JSON and
//!   today's);
//! - [`drift_dates`]: one document at two dates ("what will have lapsed by
//!   the Stage 2 audit if nobody does anything?");
//! - [`drift_documents`]: two versions of a document at one date (a pull
//!   request against the ISMS kept in git), with the SoA diff
//!   ([`crate::soa::diff`]) attached.
//!
//! **What this is not**: a textual diff of the documents; entities that
//! changed without changing a finding do not appear.
//!
//! # Matching
//!
//! Findings are grouped by fingerprint. Within a group (a rule may raise
//! the same fingerprint more than once, e.g. for two courses missed by the
//! same person) they are paired in evaluation order; unpaired old findings
//! are *resolved*, unpaired new ones are *new*.
//!
//! A pair is **worsened** when its severity rose, or when it *became
//! overdue*: its due date was on or after the old evaluation's date and is
//! before the new one's. It is **improved** when its severity fell, or when
//! it was overdue and no longer is (its due date moved past the new date).
//! A pair that both rose and fell on different counts is listed as
//! worsened. Every other pair is *unchanged* (counted only).
use super::readiness::ScoreLine;
use super::{Evaluation, Finding, Severity};
use crate::model::Date;
use crate::soa::SoaDiff;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Why a matched finding counts as worsened or improved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeReason {
    /// The severity rose (e.g. minor → major).
    SeverityRaised,
    /// The due date passed between the two evaluations.
    BecameOverdue,
    /// The severity fell.
    SeverityLowered,
    /// It was overdue and its due date now lies ahead.
    NoLongerOverdue,
}

/// A finding present in both evaluations whose standing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FindingChange {
    /// The shared fingerprint.
    pub fingerprint: String,
    /// Rule id.
    pub rule: String,
    /// Severity in the old evaluation.
    pub old_severity: Severity,
    /// Severity in the new evaluation.
    pub new_severity: Severity,
    /// What changed.
    pub reasons: Vec<ChangeReason>,
    /// The finding as the new evaluation has it.
    pub finding: Finding,
}

/// How a score moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ScoreDelta {
    /// Clause number, theme token, or `overall`.
    pub key: String,
    /// Title.
    pub title: String,
    /// Old score (`None`: nothing to judge then).
    pub old: Option<u32>,
    /// New score.
    pub new: Option<u32>,
    /// `new − old`, when both exist.
    pub delta: Option<i64>,
}

/// How the readiness scores moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReadinessDelta {
    /// Overall score.
    pub overall: ScoreDelta,
    /// Per clause 4–10.
    pub clauses: Vec<ScoreDelta>,
    /// Per Annex A theme.
    pub themes: Vec<ScoreDelta>,
}

/// How a Stage verdict moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct VerdictChange {
    /// Ready in the old evaluation.
    pub old_ready: bool,
    /// Ready in the new evaluation.
    pub new_ready: bool,
    /// Fingerprints of blockers that appeared.
    pub added_blockers: Vec<String>,
    /// Fingerprints of blockers that went away.
    pub removed_blockers: Vec<String>,
}

impl VerdictChange {
    /// Whether the verdict flipped from ready to not ready.
    pub fn fell_out(&self) -> bool {
        self.old_ready && !self.new_ready
    }
}

/// The difference between two evaluations (schema `drift`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Drift {
    /// Date of the old evaluation.
    pub old_as_of: Date,
    /// Date of the new evaluation.
    pub new_as_of: Date,
    /// Findings only in the new evaluation, most severe first.
    pub new_findings: Vec<Finding>,
    /// Findings only in the old evaluation (fixed), most severe first.
    pub resolved: Vec<Finding>,
    /// Matched findings that got worse.
    pub worsened: Vec<FindingChange>,
    /// Matched findings that got better.
    pub improved: Vec<FindingChange>,
    /// Matched findings that did not change standing.
    pub unchanged_count: u32,
    /// How the readiness scores moved.
    pub readiness: ReadinessDelta,
    /// Stage 1 verdict change.
    pub stage1: VerdictChange,
    /// Stage 2 verdict change.
    pub stage2: VerdictChange,
    /// The SoA diff, when two documents were compared ([`drift_documents`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soa: Option<SoaDiff>,
    /// Automated control health between the two dates, when both
    /// evaluations were given test results: controls that started or
    /// stopped failing (their findings are in `new_findings` / `resolved`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<crate::monitor::MonitorDrift>,
}

impl Drift {
    /// Whether anything fell out of compliance at `threshold` or above: a
    /// new finding that severe, or a worsened one that reached it — unless
    /// the newer evaluation waives it (`docs/waivers.md`).
    pub fn fails(&self, threshold: Severity) -> bool {
        self.new_findings.iter().any(|f| !f.is_waived() && f.severity.at_least(threshold))
            || self.worsened.iter().any(|c| {
                !c.finding.is_waived() && c.new_severity.at_least(threshold) && !c.old_severity.at_least(threshold)
            })
    }

    /// True when nothing moved: no new, resolved, worsened or improved
    /// finding, no SoA change, and no change of automated control health.
    pub fn is_empty(&self) -> bool {
        self.new_findings.is_empty()
            && self.resolved.is_empty()
            && self.worsened.is_empty()
            && self.improved.is_empty()
            && self.soa.as_ref().is_none_or(SoaDiff::is_empty)
            && self.monitoring.as_ref().is_none_or(|m| {
                m.started_failing.is_empty() && m.stopped_failing.is_empty() && m.other_changes.is_empty()
            })
    }
}

fn overdue(f: &Finding, as_of: Date) -> bool {
    f.due_on.is_some_and(|d| d < as_of)
}

fn score_delta(key: &str, title: &str, old: Option<u32>, new: Option<u32>) -> ScoreDelta {
    ScoreDelta {
        key: key.to_owned(),
        title: title.to_owned(),
        old,
        new,
        delta: old.zip(new).map(|(o, n)| i64::from(n) - i64::from(o)),
    }
}

fn lines_delta(old: &[ScoreLine], new: &[ScoreLine]) -> Vec<ScoreDelta> {
    let mut keys: Vec<(&str, &str)> = old.iter().map(|l| (l.key.as_str(), l.title.as_str())).collect();
    for l in new {
        if !keys.iter().any(|(k, _)| *k == l.key) {
            keys.push((&l.key, &l.title));
        }
    }
    let get = |ls: &[ScoreLine], k: &str| ls.iter().find(|l| l.key == k).and_then(|l| l.score);
    keys.into_iter().map(|(k, t)| score_delta(k, t, get(old, k), get(new, k))).collect()
}

fn verdict(old: &super::StageVerdict, new: &super::StageVerdict) -> VerdictChange {
    let fps = |v: &super::StageVerdict| -> Vec<String> {
        let mut x: Vec<String> = v.blockers.iter().map(|b| b.fingerprint.clone()).collect();
        x.sort();
        x.dedup();
        x
    };
    let (o, n) = (fps(old), fps(new));
    VerdictChange {
        old_ready: old.ready,
        new_ready: new.ready,
        added_blockers: n.iter().filter(|f| o.binary_search(f).is_err()).cloned().collect(),
        removed_blockers: o.iter().filter(|f| n.binary_search(f).is_err()).cloned().collect(),
    }
}

/// Compares two evaluations (see the module doc for the matching rules).
pub fn drift(old: &Evaluation, new: &Evaluation) -> Drift {
    let mut groups: BTreeMap<&str, (Vec<&Finding>, Vec<&Finding>)> = BTreeMap::new();
    for f in &old.findings {
        groups.entry(&f.fingerprint).or_default().0.push(f);
    }
    for f in &new.findings {
        groups.entry(&f.fingerprint).or_default().1.push(f);
    }
    let (mut new_findings, mut resolved, mut worsened, mut improved) = (vec![], vec![], vec![], vec![]);
    let mut unchanged_count = 0u32;
    for (fp, (os, ns)) in groups {
        for i in 0..os.len().max(ns.len()) {
            match (os.get(i), ns.get(i)) {
                (Some(o), Some(n)) => {
                    let mut reasons = Vec::new();
                    if n.severity < o.severity {
                        reasons.push(ChangeReason::SeverityRaised);
                    }
                    let was = overdue(o, old.as_of);
                    let is = overdue(n, new.as_of);
                    if !was && is {
                        reasons.push(ChangeReason::BecameOverdue);
                    }
                    if n.severity > o.severity {
                        reasons.push(ChangeReason::SeverityLowered);
                    }
                    if was && !is {
                        reasons.push(ChangeReason::NoLongerOverdue);
                    }
                    if reasons.is_empty() {
                        unchanged_count += 1;
                        continue;
                    }
                    let worse =
                        reasons.iter().any(|r| matches!(r, ChangeReason::SeverityRaised | ChangeReason::BecameOverdue));
                    let change = FindingChange {
                        fingerprint: fp.to_owned(),
                        rule: n.rule.clone(),
                        old_severity: o.severity,
                        new_severity: n.severity,
                        reasons,
                        finding: (*n).clone(),
                    };
                    if worse { worsened.push(change) } else { improved.push(change) }
                }
                (Some(o), None) => resolved.push((*o).clone()),
                (None, Some(n)) => new_findings.push((*n).clone()),
                (None, None) => {}
            }
        }
    }
    let order =
        |a: &Finding, b: &Finding| (a.severity, &a.rule, &a.fingerprint).cmp(&(b.severity, &b.rule, &b.fingerprint));
    new_findings.sort_by(order);
    resolved.sort_by(order);
    let corder = |a: &FindingChange, b: &FindingChange| {
        (a.new_severity, &a.rule, &a.fingerprint).cmp(&(b.new_severity, &b.rule, &b.fingerprint))
    };
    worsened.sort_by(corder);
    improved.sort_by(corder);
    let (ro, rn) = (&old.readiness, &new.readiness);
    Drift {
        old_as_of: old.as_of,
        new_as_of: new.as_of,
        new_findings,
        resolved,
        worsened,
        improved,
        unchanged_count,
        readiness: ReadinessDelta {
            overall: score_delta("overall", "Overall", Some(ro.overall), Some(rn.overall)),
            clauses: lines_delta(&ro.clauses, &rn.clauses),
            themes: lines_delta(&ro.themes, &rn.themes),
        },
        stage1: verdict(&ro.stage1, &rn.stage1),
        stage2: verdict(&ro.stage2, &rn.stage2),
        soa: None,
        monitoring: None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Document;
    use crate::evaluate::{EntityKind, EntityRef, Summary, fingerprint};

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn f(rule: &str, id: &str, sev: Severity, due: Option<&str>) -> Finding {
        let entities = vec![EntityRef { kind: EntityKind::Control, id: id.into() }];
        Finding {
            rule: rule.into(),
            severity: sev,
            clause: None,
            control: Some(id.into()),
            message: format!("{rule} {id}"),
            fingerprint: fingerprint(rule, None, Some(id), &entities),
            entities,
            path: None,
            due_on: due.map(d),
            remediation: "fix".into(),
            stages: Vec::new(),
            tests: Vec::new(),
            waiver: None,
            original_severity: None,
        }
    }

    fn eval(as_of: &str, findings: Vec<Finding>) -> Evaluation {
        let doc: Document =
            crate::json::parse_document(r#"{"schema_version":"1.0","organization":{"name":"x"}}"#).unwrap();
        let mut e = crate::evaluate::evaluate(&doc, d(as_of));
        e.findings = findings;
        e.summary = Summary::default();
        e
    }

    #[test]
    fn classifies_new_resolved_worsened_improved_unchanged() {
        use Severity::*;
        let old = eval(
            "2026-01-01",
            vec![
                f("a.gone", "5.1", Major, None),
                f("a.same", "5.2", Minor, None),
                f("a.raised", "5.3", Minor, None),
                f("a.due", "5.4", Minor, Some("2026-02-01")),
                f("a.lowered", "5.5", Major, None),
                f("a.dup", "5.6", Minor, None),
            ],
        );
        let new = eval(
            "2026-03-01",
            vec![
                f("a.same", "5.2", Minor, None),
                f("a.raised", "5.3", Blocker, None),
                f("a.due", "5.4", Minor, Some("2026-02-01")),
                f("a.lowered", "5.5", Minor, None),
                f("a.dup", "5.6", Minor, None),
                f("a.dup", "5.6", Minor, None),
                f("a.new", "8.1", Blocker, None),
            ],
        );
        let dr = drift(&old, &new);
        let rules = |fs: &[Finding]| fs.iter().map(|f| f.rule.clone()).collect::<Vec<_>>();
        assert_eq!(rules(&dr.new_findings), vec!["a.new", "a.dup"]);
        assert_eq!(rules(&dr.resolved), vec!["a.gone"]);
        let w: Vec<_> = dr.worsened.iter().map(|c| (c.rule.as_str(), c.reasons.clone())).collect();
        assert_eq!(
            w,
            vec![("a.raised", vec![ChangeReason::SeverityRaised]), ("a.due", vec![ChangeReason::BecameOverdue])]
        );
        assert_eq!(dr.improved.len(), 1);
        assert_eq!(dr.improved[0].reasons, vec![ChangeReason::SeverityLowered]);
        assert_eq!(dr.unchanged_count, 2);
        assert!(dr.fails(Blocker));
        assert!(!dr.is_empty());
        let same = drift(&new, &new);
        assert!(same.is_empty() && !same.fails(Info));
        assert_eq!(same.unchanged_count, 7);
    }

    #[test]
    fn worsened_into_threshold_fails_but_already_there_does_not() {
        use Severity::*;
        let old = eval("2026-01-01", vec![f("a.x", "5.1", Major, None), f("a.y", "5.2", Blocker, Some("2026-06-01"))]);
        let new = eval("2026-07-01", vec![f("a.x", "5.1", Major, None), f("a.y", "5.2", Blocker, Some("2026-06-01"))]);
        let dr = drift(&old, &new);
        assert_eq!(dr.worsened.len(), 1, "a.y became overdue");
        assert!(!dr.fails(Blocker), "a.y was a blocker already");
        let raised = eval("2026-07-01", vec![f("a.x", "5.1", Blocker, None)]);
        assert!(drift(&old, &raised).fails(Blocker));
        let mut waived = raised.clone();
        for f in &mut waived.findings {
            f.waiver = Some("w-1".into());
        }
        assert!(!drift(&old, &waived).fails(Blocker), "a waived finding fails no drift gate");
    }
}
