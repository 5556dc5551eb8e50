//! Typed records for what a Kotlin or Swift program needs daily: findings
//! and readiness (read from the `EvaluationResult` handle), the verdict, risk register rows, SoA rows, calendar items,
//! simulation summaries, the operations table. Everything else leaves as
//! JSON text (`Isms.call`), shaped by the operation's published schema.
//!
//! Conversions only copy: no value is computed here. Dates are ISO 8601
//! strings (`2026-03-31`) and the core's many small enums (statuses, kinds,
//! themes) are their stable `snake_case` tokens, exactly as in the JSON
//! output, so a record field and the JSON key carry the same value.
//! [`Severity`] is a real enum: programs branch on it.
use isms_core::engine::{OperationInfo, Verdict as CoreVerdict};
use isms_core::evaluate::{self, readiness};
use isms_core::model::{Date, EntityRef as CoreEntityRef};
use isms_core::quant::{self, DocumentSimulation};
use isms_core::risk::{LevelResult, Register as CoreRegister, RegisterRow as CoreRegisterRow};
use isms_core::schedule::{Calendar as CoreCalendar, CalendarItem as CoreCalendarItem};
use isms_core::soa::{SoaIssue as CoreSoaIssue, Statement, StatementEntry};
use serde::Serialize;

/// The `snake_case` token of a core enum, as its JSON shows it.
pub(crate) fn token<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn date(d: Date) -> String {
    d.to_string()
}

fn opt_date(d: Option<Date>) -> Option<String> {
    d.map(date)
}

fn tokens<T: Serialize>(v: &[T]) -> Vec<String> {
    v.iter().map(token).collect()
}

/// How severe a finding is, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Severity {
    /// Blocks certification.
    Blocker,
    /// A significant gap: likely a nonconformity if left.
    Major,
    /// A lapse in a working process.
    Minor,
    /// Worth knowing; no requirement is broken yet.
    Info,
}

impl From<evaluate::Severity> for Severity {
    fn from(s: evaluate::Severity) -> Self {
        match s {
            evaluate::Severity::Blocker => Severity::Blocker,
            evaluate::Severity::Major => Severity::Major,
            evaluate::Severity::Minor => Severity::Minor,
            evaluate::Severity::Info => Severity::Info,
        }
    }
}

impl Severity {
    /// The core's token (`blocker`, `major`, `minor`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Blocker => "blocker",
            Severity::Major => "major",
            Severity::Minor => "minor",
            Severity::Info => "info",
        }
    }
}

/// A reference to an entity of the document.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EntityRef {
    /// Its kind (`risk`, `person`, `control`, ...).
    pub kind: String,
    /// Its id.
    pub id: String,
}

impl From<&CoreEntityRef> for EntityRef {
    fn from(e: &CoreEntityRef) -> Self {
        EntityRef { kind: token(&e.kind), id: e.id.clone() }
    }
}

/// One finding of the evaluation.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// Stable rule id, e.g. `scope.not_communicated`.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// Clause of ISO/IEC 27001:2022 concerned, e.g. `4.3`.
    pub clause: Option<String>,
    /// Annex A control concerned, e.g. `5.15`.
    pub control: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
    /// Entities involved, sorted.
    pub entities: Vec<EntityRef>,
    /// JSON Pointer of the entity the finding is shown at, e.g. `/risks/3`.
    pub path: Option<String>,
    /// When it must be fixed by (or fell due).
    pub due_on: Option<String>,
    /// What to do about it.
    pub remediation: String,
    /// The certification stages it blocks (`stage1`, `stage2`); empty when
    /// it is not a blocker.
    pub stages: Vec<String>,
    /// Stable fingerprint (16 hex digits).
    pub fingerprint: String,
    /// The id of the waiver in force that accepts the finding (it then
    /// fails no gate and blocks no stage).
    pub waiver: Option<String>,
    /// The rule's own severity when `settings.rules` re-graded it.
    pub original_severity: Option<Severity>,
}

impl From<&evaluate::Finding> for Finding {
    fn from(f: &evaluate::Finding) -> Self {
        Finding {
            rule: f.rule.clone(),
            severity: f.severity.into(),
            clause: f.clause.clone(),
            control: f.control.clone(),
            message: f.message.clone(),
            entities: f.entities.iter().map(EntityRef::from).collect(),
            path: f.path.clone(),
            due_on: opt_date(f.due_on),
            remediation: f.remediation.clone(),
            stages: f
                .stages
                .iter()
                .map(|s| match s {
                    evaluate::Stage::Stage1 => "stage1".to_owned(),
                    evaluate::Stage::Stage2 => "stage2".to_owned(),
                })
                .collect(),
            fingerprint: f.fingerprint.clone(),
            waiver: f.waiver.clone(),
            original_severity: f.original_severity.map(Into::into),
        }
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct FindingCounts {
    /// Blockers.
    pub blocker: u32,
    /// Majors.
    pub major: u32,
    /// Minors.
    pub minor: u32,
    /// Infos.
    pub info: u32,
    /// All findings.
    pub total: u32,
}

/// A readiness score for one clause or Annex A theme.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ScoreLine {
    /// Clause number (`4`..`10`) or theme token (`organizational`, ...).
    pub key: String,
    /// Title.
    pub title: String,
    /// Score 0–100; absent when no rule applied.
    pub score: Option<u32>,
    /// Rules that applied.
    pub rules: u32,
    /// Rules with at least one failure.
    pub failing_rules: u32,
    /// Findings counted here.
    pub findings: u32,
}

impl From<&readiness::ScoreLine> for ScoreLine {
    fn from(s: &readiness::ScoreLine) -> Self {
        ScoreLine {
            key: s.key.clone(),
            title: s.title.clone(),
            score: s.score,
            rules: s.rules,
            failing_rules: s.failing_rules,
            findings: s.findings,
        }
    }
}

/// A finding that blocks a certification stage.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Blocker {
    /// Rule id.
    pub rule: String,
    /// Fingerprint of the finding.
    pub fingerprint: String,
}

/// Whether a certification stage could be passed on the date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StageVerdict {
    /// No blocker stands in the way.
    pub ready: bool,
    /// The blocking findings.
    pub blockers: Vec<Blocker>,
}

impl From<&readiness::StageVerdict> for StageVerdict {
    fn from(s: &readiness::StageVerdict) -> Self {
        StageVerdict {
            ready: s.ready,
            blockers: s
                .blockers
                .iter()
                .map(|b| Blocker { rule: b.rule.clone(), fingerprint: b.fingerprint.clone() })
                .collect(),
        }
    }
}

/// Readiness scores and the Stage 1/2 verdicts.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Readiness {
    /// Overall score, 0–100.
    pub overall: u32,
    /// Per clause 4–10.
    pub clauses: Vec<ScoreLine>,
    /// Per Annex A theme.
    pub themes: Vec<ScoreLine>,
    /// Stage 1 (documentation).
    pub stage1: StageVerdict,
    /// Stage 2 (implementation).
    pub stage2: StageVerdict,
}

/// The evaluation of a document on a date (`isms check`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Evaluation {
    /// The date evaluated.
    pub as_of: String,
    /// Counts by severity.
    pub summary: FindingCounts,
    /// Scores and verdicts.
    pub readiness: Readiness,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
}

impl From<&readiness::Readiness> for Readiness {
    fn from(r: &readiness::Readiness) -> Self {
        Readiness {
            overall: r.overall,
            clauses: r.clauses.iter().map(ScoreLine::from).collect(),
            themes: r.themes.iter().map(ScoreLine::from).collect(),
            stage1: (&r.stage1).into(),
            stage2: (&r.stage2).into(),
        }
    }
}

impl From<&evaluate::Evaluation> for Evaluation {
    fn from(e: &evaluate::Evaluation) -> Self {
        let s = &e.summary;
        Evaluation {
            as_of: date(e.as_of),
            summary: FindingCounts { blocker: s.blocker, major: s.major, minor: s.minor, info: s.info, total: s.total },
            readiness: (&e.readiness).into(),
            findings: e.findings.iter().map(Finding::from).collect(),
        }
    }
}

/// Whether the evaluation fails at a severity threshold (the CI gate).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Verdict {
    /// The evaluation date.
    pub as_of: String,
    /// The threshold.
    pub fail_on: Severity,
    /// Whether a finding reaches the threshold.
    pub fails: bool,
    /// The most severe finding's severity (absent without findings).
    pub worst: Option<Severity>,
    /// Findings at or above the threshold.
    pub failing_findings: u32,
    /// All findings.
    pub total_findings: u32,
}

impl From<&CoreVerdict> for Verdict {
    fn from(v: &CoreVerdict) -> Self {
        Verdict {
            as_of: date(v.as_of),
            fail_on: v.fail_on.into(),
            fails: v.fails,
            worst: v.worst.map(Severity::from),
            failing_findings: v.failing_findings,
            total_findings: v.total_findings,
        }
    }
}

/// A qualitative risk level (inherent or residual).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RiskLevel {
    /// Likelihood step (1-based).
    pub likelihood: u32,
    /// Consequence step (1-based).
    pub consequence: u32,
    /// Level id of the methodology.
    pub level: String,
    /// Level label.
    pub label: String,
    /// Whether the level requires treatment.
    pub requires_treatment: bool,
    /// Whether the level is above the appetite.
    pub above_appetite: bool,
    /// `likelihood × consequence`.
    pub score: u32,
}

impl From<&LevelResult> for RiskLevel {
    fn from(l: &LevelResult) -> Self {
        RiskLevel {
            likelihood: l.likelihood,
            consequence: l.consequence,
            level: l.level.clone(),
            label: l.label.clone(),
            requires_treatment: l.requires_treatment,
            above_appetite: l.above_appetite,
            score: l.score,
        }
    }
}

/// One risk in the register.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RegisterRow {
    /// Risk id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Status token (`identified`, `treated`, ...).
    pub status: String,
    /// Risk owner (person id).
    pub owner: Option<String>,
    /// Owner's name.
    pub owner_name: Option<String>,
    /// Asset ids.
    pub assets: Vec<String>,
    /// Threat or risk source.
    pub threat: Option<String>,
    /// Vulnerability.
    pub vulnerability: Option<String>,
    /// Inherent level.
    pub inherent: Option<RiskLevel>,
    /// Residual level.
    pub residual: Option<RiskLevel>,
    /// Rank (1 = highest).
    pub rank: Option<u32>,
    /// Effective level above appetite.
    pub above_appetite: bool,
    /// Treatment options chosen (tokens).
    pub treatment: Vec<String>,
    /// Controls relied upon.
    pub controls: Vec<String>,
    /// All treatment actions done.
    pub treated: bool,
    /// The owner's acceptance holds.
    pub accepted: bool,
    /// Last day the acceptance holds.
    pub acceptance_expires_on: Option<String>,
    /// The acceptance has expired.
    pub acceptance_expired: bool,
    /// Next review date.
    pub review_due_on: Option<String>,
    /// The review is overdue.
    pub review_overdue: bool,
}

impl From<&CoreRegisterRow> for RegisterRow {
    fn from(r: &CoreRegisterRow) -> Self {
        RegisterRow {
            id: r.id.clone(),
            title: r.title.clone(),
            status: token(&r.status),
            owner: r.owner.clone(),
            owner_name: r.owner_name.clone(),
            assets: r.assets.clone(),
            threat: r.threat.clone(),
            vulnerability: r.vulnerability.clone(),
            inherent: r.inherent.as_ref().map(RiskLevel::from),
            residual: r.residual.as_ref().map(RiskLevel::from),
            rank: r.rank,
            above_appetite: r.above_appetite,
            treatment: tokens(&r.treatment),
            controls: r.controls.clone(),
            treated: r.treated,
            accepted: r.accepted,
            acceptance_expires_on: opt_date(r.acceptance_expires_on),
            acceptance_expired: r.acceptance_expired,
            review_due_on: opt_date(r.review_due_on),
            review_overdue: r.review_overdue,
        }
    }
}

/// The risk register on a date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Register {
    /// The date.
    pub as_of: String,
    /// One row per risk, in document order.
    pub rows: Vec<RegisterRow>,
}

impl From<&CoreRegister> for Register {
    fn from(r: &CoreRegister) -> Self {
        Register { as_of: date(r.as_of), rows: r.rows.iter().map(RegisterRow::from).collect() }
    }
}

/// One Annex A control in the Statement of Applicability.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SoaRow {
    /// Control id, e.g. `5.15`.
    pub control: String,
    /// Control title.
    pub title: String,
    /// Theme token (`organizational`, `people`, `physical`, `technological`).
    pub theme: String,
    /// The decision (`applicable`, `excluded`, `not_addressed`).
    pub applicability: String,
    /// Reasons for inclusion (tokens).
    pub reasons: Vec<String>,
    /// Justification.
    pub justification: Option<String>,
    /// Implementation status token.
    pub status: Option<String>,
    /// Owner (person id).
    pub owner: Option<String>,
    /// Owner's name.
    pub owner_name: Option<String>,
    /// Target date for implementation.
    pub target_date: Option<String>,
    /// Risks the control treats.
    pub risks: Vec<String>,
    /// Treatments relying on it.
    pub treatments: Vec<String>,
    /// Documents implementing it.
    pub documents: Vec<String>,
    /// Evidence ids, oldest first.
    pub evidence: Vec<String>,
    /// At least one evidence item is current.
    pub evidence_current: bool,
}

impl From<&StatementEntry> for SoaRow {
    fn from(e: &StatementEntry) -> Self {
        SoaRow {
            control: e.control.clone(),
            title: e.title.clone(),
            theme: token(&e.theme),
            applicability: token(&e.applicability),
            reasons: tokens(&e.reasons),
            justification: e.justification.clone(),
            status: e.status.as_ref().map(token),
            owner: e.owner.clone(),
            owner_name: e.owner_name.clone(),
            target_date: opt_date(e.target_date),
            risks: e.risks.clone(),
            treatments: e.treatments.clone(),
            documents: e.documents.clone(),
            evidence: e.evidence.iter().map(|l| l.id.clone()).collect(),
            evidence_current: e.evidence_current,
        }
    }
}

/// A completeness or consistency problem of the SoA.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SoaIssue {
    /// Kind token.
    pub kind: String,
    /// The control concerned.
    pub control: String,
    /// Other entities involved.
    pub related: Vec<String>,
    /// Explanation.
    pub message: String,
}

impl From<&CoreSoaIssue> for SoaIssue {
    fn from(i: &CoreSoaIssue) -> Self {
        SoaIssue {
            kind: token(&i.kind),
            control: i.control.clone(),
            related: i.related.clone(),
            message: i.message.clone(),
        }
    }
}

/// The Statement of Applicability on a date.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Soa {
    /// The date evidence freshness is judged on.
    pub as_of: String,
    /// The organisation.
    pub organization: String,
    /// Version label.
    pub version: Option<String>,
    /// Approver (person id).
    pub approved_by: Option<String>,
    /// Approval date.
    pub approved_on: Option<String>,
    /// Controls included.
    pub applicable: u32,
    /// Controls excluded.
    pub excluded: u32,
    /// Controls without an entry.
    pub not_addressed: u32,
    /// Included controls marked implemented.
    pub implemented: u32,
    /// One row per Annex A control, in the standard's order.
    pub rows: Vec<SoaRow>,
    /// Problems of the statement.
    pub issues: Vec<SoaIssue>,
}

impl From<&Statement> for Soa {
    fn from(s: &Statement) -> Self {
        Soa {
            as_of: date(s.as_of),
            organization: s.organization.clone(),
            version: s.version.clone(),
            approved_by: s.approved_by.clone(),
            approved_on: opt_date(s.approved_on),
            applicable: s.summary.applicable,
            excluded: s.summary.excluded,
            not_addressed: s.summary.not_addressed,
            implemented: s.summary.implemented,
            rows: s.entries.iter().map(SoaRow::from).collect(),
            issues: s.issues.iter().map(SoaIssue::from).collect(),
        }
    }
}

/// One dated item of the calendar.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CalendarItem {
    /// The date.
    pub date: String,
    /// Kind token (`internal_audit`, `training_due`, ...).
    pub kind: String,
    /// Title.
    pub title: String,
    /// The entity concerned.
    pub entity: EntityRef,
    /// Who is responsible (person id), where known.
    pub owner: Option<String>,
    /// Status token as of the calendar's start (`done`, `upcoming`, `due_soon`, `overdue`, `missed`).
    pub status: String,
    /// Stable key, unique within the calendar.
    pub key: String,
}

impl From<&CoreCalendarItem> for CalendarItem {
    fn from(i: &CoreCalendarItem) -> Self {
        CalendarItem {
            date: date(i.date),
            kind: token(&i.kind),
            title: i.title.clone(),
            entity: (&i.entity).into(),
            owner: i.owner.clone(),
            status: token(&i.status),
            key: i.key.clone(),
        }
    }
}

/// The merged calendar over a date range.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Calendar {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Items by date, kind and key.
    pub items: Vec<CalendarItem>,
}

impl From<&CoreCalendar> for Calendar {
    fn from(c: &CoreCalendar) -> Self {
        Calendar { from: date(c.from), to: date(c.to), items: c.items.iter().map(CalendarItem::from).collect() }
    }
}

/// The summary of a simulation of annual loss (without the loss exceedance
/// curve and samples, which `call("simulate", ...)` returns as JSON).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SimulationSummary {
    /// Simulated years.
    pub trials: u64,
    /// Seed used.
    pub seed: u64,
    /// Mean annual loss.
    pub mean: f64,
    /// Standard deviation of annual loss.
    pub std_dev: f64,
    /// Smallest simulated annual loss.
    pub min: f64,
    /// Largest simulated annual loss.
    pub max: f64,
    /// Median.
    pub p50: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 95th percentile.
    pub p95: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Fraction of years with a loss > 0.
    pub prob_loss_positive: f64,
    /// Fraction of years with a loss above the tolerance, if one was given.
    pub prob_exceeds_tolerance: Option<f64>,
    /// Mean number of loss events per year.
    pub mean_events_per_year: f64,
}

impl From<&quant::SimulationResult> for SimulationSummary {
    fn from(r: &quant::SimulationResult) -> Self {
        SimulationSummary {
            trials: r.trials,
            seed: r.seed,
            mean: r.mean,
            std_dev: r.std_dev,
            min: r.min,
            max: r.max,
            p50: r.percentiles.p50,
            p90: r.percentiles.p90,
            p95: r.percentiles.p95,
            p99: r.percentiles.p99,
            prob_loss_positive: r.prob_loss_positive,
            prob_exceeds_tolerance: r.prob_exceeds_tolerance,
            mean_events_per_year: r.mean_events_per_year,
        }
    }
}

/// Return on security investment of a treatment.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RosiSummary {
    /// Mean annual loss before.
    pub ale_before: f64,
    /// Mean annual loss after.
    pub ale_after: f64,
    /// `ale_before − ale_after`.
    pub reduction: f64,
    /// Monte Carlo standard error of the reduction.
    pub reduction_std_error: f64,
    /// Annual cost.
    pub annual_cost: f64,
    /// `(reduction − cost) / cost`; absent when the cost is 0.
    pub rosi: Option<f64>,
}

impl From<&quant::RosiResult> for RosiSummary {
    fn from(r: &quant::RosiResult) -> Self {
        RosiSummary {
            ale_before: r.ale_before,
            ale_after: r.ale_after,
            reduction: r.reduction,
            reduction_std_error: r.reduction_std_error,
            annual_cost: r.annual_cost,
            rosi: r.rosi,
        }
    }
}

/// One quantified risk of the document, simulated.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RiskSimulationSummary {
    /// Risk id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Annual loss before treatment.
    pub inherent: SimulationSummary,
    /// Annual loss after the treatments' control effects.
    pub residual: Option<SimulationSummary>,
    /// Return on the treatments.
    pub rosi: Option<RosiSummary>,
}

/// The simulation of a document's quantified risks.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct DocumentSimulationSummary {
    /// Per risk, in register order.
    pub risks: Vec<RiskSimulationSummary>,
    /// Portfolio total before treatment (absent for a single risk).
    pub portfolio: Option<SimulationSummary>,
    /// Portfolio total after treatment.
    pub residual_portfolio: Option<SimulationSummary>,
}

impl From<&DocumentSimulation> for DocumentSimulationSummary {
    fn from(s: &DocumentSimulation) -> Self {
        DocumentSimulationSummary {
            risks: s
                .risks
                .iter()
                .map(|r| RiskSimulationSummary {
                    id: r.id.clone(),
                    title: r.title.clone(),
                    inherent: (&r.inherent).into(),
                    residual: r.residual.as_ref().map(SimulationSummary::from),
                    rosi: r.rosi.as_ref().map(RosiSummary::from),
                })
                .collect(),
            portfolio: s.portfolio.as_ref().map(|p| (&p.total).into()),
            residual_portfolio: s.residual_portfolio.as_ref().map(|p| (&p.total).into()),
        }
    }
}

/// One operation of the engine's table.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Operation {
    /// Its name, e.g. `evaluate`.
    pub name: String,
    /// What it computes.
    pub summary: String,
    /// Whether it runs on a document (an `Isms`).
    pub needs_document: bool,
    /// The formats of its response, JSON first.
    pub formats: Vec<String>,
    /// Name of its request schema (`<name>.request`).
    pub request_schema: String,
    /// Name of its response schema (`<name>.response`).
    pub response_schema: String,
}

impl From<OperationInfo> for Operation {
    fn from(o: OperationInfo) -> Self {
        Operation {
            name: o.name,
            summary: o.summary,
            needs_document: o.needs_document,
            formats: o.formats.iter().map(|f| f.as_str().to_owned()).collect(),
            request_schema: o.request_schema,
            response_schema: o.response_schema,
        }
    }
}
