//! Readiness: how close the ISMS is to certification, as scores and as
//! Stage 1 / Stage 2 verdicts.
//!
//! # How the scores are computed
//!
//! Every rule reports how many items it examined (`checked`, e.g. assets
//! for `assets.no_owner`, one for `scope.missing`) and how many of them
//! failed (`failed`). A rule that examined nothing (no items of its kind)
//! does not count. Its pass rate is `(checked − failed) / checked`, and it
//! weighs by its severity (the default, or the one `settings.rules` sets):
//! blocker 8, major 4, minor 2, info 1.
//!
//! - **Clause score** (4 to 10): `100 × Σ w·pass / Σ w` over the rules whose
//!   clause lies within that clause, rounded to an integer; none (`null`)
//!   when no rule applied.
//! - **Theme score** (Annex A 5 to 8): the same, over the rules that examine
//!   individual Annex A controls, counting only the controls of that theme.
//! - **Overall**: the same over all rules that applied (100 when none did).
//!
//! So a clause with one failing blocker rule (out of one check) and two
//! passing minor rules scores `100 × (0 + 2 + 2) / (8 + 2 + 2) = 33`.
//!
//! # Verdicts
//!
//! A stage is *ready* when no finding of severity blocker stands in its way:
//! Stage 1 considers the blockers of documentation rules ([`Stage::Stage1`]),
//! Stage 2 every blocker (documentation must also be in order to pass Stage 2).
//!
//! # Waivers and rule settings
//!
//! A waived finding is no blocker of either stage; the scores still count it
//! as failed (a waiver accepts a gap, it does not close it). A disabled rule
//! does not count at all; a re-graded rule weighs at its new severity, and
//! its findings block a stage only when re-graded to blocker.
use super::{Finding, Rule, RuleOutcome, Stage};
use crate::catalog::{self, Theme};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A score for one clause or theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ScoreLine {
    /// Clause number (`4`..`10`) or theme token (`organizational`, ...).
    pub key: String,
    /// Clause or theme title.
    pub title: String,
    /// Score, 0–100; `None` when no rule applied (nothing to judge yet).
    pub score: Option<u32>,
    /// Rules that applied.
    pub rules: u32,
    /// Rules with at least one failure.
    pub failing_rules: u32,
    /// Findings counted here.
    pub findings: u32,
}

/// A finding that blocks a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Blocker {
    /// Rule id.
    pub rule: String,
    /// Fingerprint of the finding.
    pub fingerprint: String,
}

/// Whether a certification stage could be passed today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StageVerdict {
    /// No blocker stands in the way.
    pub ready: bool,
    /// The blocking findings.
    pub blockers: Vec<Blocker>,
}

/// Scores and verdicts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Readiness {
    /// Overall score, 0–100.
    pub overall: u32,
    /// Per clause 4–10.
    pub clauses: Vec<ScoreLine>,
    /// Per Annex A theme.
    pub themes: Vec<ScoreLine>,
    /// Stage 1 (documentation) verdict.
    pub stage1: StageVerdict,
    /// Stage 2 (implementation) verdict.
    pub stage2: StageVerdict,
}

#[derive(Default)]
struct Acc {
    num: f64,
    den: f64,
    rules: u32,
    failing: u32,
    findings: u32,
}

impl Acc {
    fn add(&mut self, w: u32, checked: u32, failed: u32, findings: u32) {
        if checked == 0 {
            return;
        }
        let w = f64::from(w);
        self.num += w * f64::from(checked - failed.min(checked)) / f64::from(checked);
        self.den += w;
        self.rules += 1;
        self.failing += u32::from(failed > 0);
        self.findings += findings;
    }
    fn score(&self) -> u32 {
        if self.den == 0.0 { 100 } else { (100.0 * self.num / self.den).round() as u32 }
    }
    fn line(&self, key: &str, title: &str) -> ScoreLine {
        ScoreLine {
            key: key.to_owned(),
            title: title.to_owned(),
            score: (self.rules > 0).then(|| self.score()),
            rules: self.rules,
            failing_rules: self.failing,
            findings: self.findings,
        }
    }
}

/// A rule, its outcome, its per-theme checked and failed counts, and the
/// severity it is weighed at (its default, or the one `settings.rules` sets).
pub(crate) type PerRule<'a> = (&'a Rule, RuleOutcome, [u32; 4], [u32; 4], super::Severity);

pub(crate) fn compute(per_rule: &[PerRule<'_>], findings: &[Finding]) -> Readiness {
    let tops: Vec<_> = catalog::top_level_clauses().collect();
    let mut clause_acc: Vec<Acc> = tops.iter().map(|_| Acc::default()).collect();
    let mut theme_acc: Vec<Acc> = (0..4).map(|_| Acc::default()).collect();
    let mut overall = Acc::default();
    for (r, o, tc, tf, sev) in per_rule {
        let w = sev.weight();
        overall.add(w, o.checked, o.failed, o.findings);
        if let Some(i) = tops.iter().position(|t| catalog::is_within(r.clause, t.id)) {
            clause_acc[i].add(w, o.checked, o.failed, o.findings);
        }
        for t in 0..4 {
            theme_acc[t].add(w, tc[t], tf[t], tf[t]);
        }
    }
    let clauses = tops.iter().zip(&clause_acc).map(|(c, a)| a.line(c.id, c.title)).collect();
    let themes = Theme::ALL
        .iter()
        .zip(&theme_acc)
        .map(|(t, a)| {
            let title = match t {
                Theme::Organizational => "Organizational controls",
                Theme::People => "People controls",
                Theme::Physical => "Physical controls",
                Theme::Technological => "Technological controls",
            };
            a.line(t.as_str(), title)
        })
        .collect();
    // Each finding carries the stages it blocks (set from its rule's stage).
    let mut stage1 = Vec::new();
    let mut stage2 = Vec::new();
    for f in findings.iter().filter(|f| !f.is_waived()) {
        let b = || Blocker { rule: f.rule.clone(), fingerprint: f.fingerprint.clone() };
        if f.stages.contains(&Stage::Stage1) {
            stage1.push(b());
        }
        if f.stages.contains(&Stage::Stage2) {
            stage2.push(b());
        }
    }
    Readiness {
        overall: overall.score(),
        clauses,
        themes,
        stage1: StageVerdict { ready: stage1.is_empty(), blockers: stage1 },
        stage2: StageVerdict { ready: stage2.is_empty(), blockers: stage2 },
    }
}
