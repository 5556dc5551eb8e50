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
//!
//! # Automated control tests
//!
//! With results ([`super::evaluate_with`]) the readiness carries an
//! [`Automation`] block: the automation coverage of
//! [`crate::monitor::coverage`], the applicable controls by health, and the
//! findings of the `monitoring.*` rules among each stage's blockers. It adds
//! no verdict of its own: failing tests stand in a stage's way only through
//! the findings those rules raise (`docs/monitoring.md`).
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

/// An applicable control whose automated tests do not show it working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AutomatedControl {
    /// Annex A control id, e.g. `8.8`.
    pub control: String,
    /// Its health from the results.
    pub health: crate::monitor::Health,
}

/// What automated control tests say about readiness (present when the
/// evaluation was made with results). Counts are over the controls the SoA
/// includes; clauses 4–10 never count as automated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Automation {
    /// Annex A controls the SoA includes (the coverage denominator).
    pub applicable: u32,
    /// Applicable controls with at least one automated check on or before
    /// the date (the numerator).
    pub automated: u32,
    /// `automated / applicable` (0 when nothing is applicable).
    pub ratio: f64,
    /// Applicable controls with at least one fresh pass or fail.
    pub evaluated_fresh: u32,
    /// Automated applicable controls passing.
    pub passing: u32,
    /// Automated applicable controls failing past their tolerance window.
    pub failing: u32,
    /// Automated applicable controls failing within their tolerance window.
    pub at_risk: u32,
    /// Automated applicable controls whose fresh results decide nothing.
    pub not_evaluated: u32,
    /// Automated applicable controls with no fresh result.
    pub stale: u32,
    /// Automated applicable controls whose every fresh result says the check
    /// does not apply.
    pub not_applicable: u32,
    /// The applicable controls failing, at risk, not evaluated or stale, in
    /// natural order of their ids.
    pub attention: Vec<AutomatedControl>,
    /// The Stage 1 blockers raised by the `monitoring.*` rules.
    pub stage1: Vec<Blocker>,
    /// The Stage 2 blockers raised by the `monitoring.*` rules.
    pub stage2: Vec<Blocker>,
    /// Findings of the `monitoring.*` rules (waived ones apart).
    pub findings: u32,
    /// Clauses 4–10 that results were mapped to: never counted as automated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses_not_counted: Vec<String>,
}

/// Scores and verdicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
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
    /// What automated control tests say: present only when the evaluation
    /// was made with results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automation: Option<Automation>,
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
        automation: None,
    }
}

/// The rule ids of continuous monitoring start with this.
const MONITORING: &str = "monitoring.";

/// The automation block of a readiness computed from `findings`, with the
/// `summary` of the results on the same date.
pub(crate) fn automation(
    doc: &crate::model::Document,
    summary: &crate::monitor::MonitorSummary,
    readiness: &Readiness,
    findings: &[Finding],
) -> Automation {
    use crate::monitor::{Health, SoaStanding};
    let cov = crate::monitor::coverage(doc, summary);
    let mut a = Automation {
        applicable: cov.applicable,
        automated: cov.automated,
        ratio: cov.ratio,
        evaluated_fresh: cov.evaluated_fresh,
        passing: 0,
        failing: 0,
        at_risk: 0,
        not_evaluated: 0,
        stale: 0,
        not_applicable: 0,
        attention: Vec::new(),
        stage1: Vec::new(),
        stage2: Vec::new(),
        findings: 0,
        clauses_not_counted: cov.clauses_not_counted,
    };
    let mut controls: Vec<_> = summary.controls.iter().filter(|c| c.soa == SoaStanding::Applicable).collect();
    controls.sort_by(|x, y| super::natural_cmp(&x.control, &y.control));
    for c in controls {
        let n = match c.health {
            Health::Passing => &mut a.passing,
            Health::Failing => &mut a.failing,
            Health::AtRisk => &mut a.at_risk,
            Health::NotEvaluated => &mut a.not_evaluated,
            Health::Stale => &mut a.stale,
            Health::NotApplicable => &mut a.not_applicable,
        };
        *n += 1;
        if !matches!(c.health, Health::Passing | Health::NotApplicable) {
            a.attention.push(AutomatedControl { control: c.control.clone(), health: c.health });
        }
    }
    let from_tests = |v: &StageVerdict| -> Vec<Blocker> {
        v.blockers.iter().filter(|b| b.rule.starts_with(MONITORING)).cloned().collect()
    };
    a.stage1 = from_tests(&readiness.stage1);
    a.stage2 = from_tests(&readiness.stage2);
    a.findings = findings.iter().filter(|f| !f.is_waived() && f.rule.starts_with(MONITORING)).count() as u32;
    a
}
