//! The plain-text form of results: what `isms check`, `isms diff`, `isms
//! risk plan`, `isms schedule`, `isms nc`, `isms simulate`, `isms roadmap`
//! and `isms catalog` print. Each function takes the typed result and
//! returns the whole text, newline-terminated; none reads anything else.
//! [`crate::engine::Response::render`] escapes the result for terminals.
use super::token;
use crate::catalog::{Clause, ControlInfo, MandatoryDoc, MappingInfo, Trigger};
use crate::engine::Verdict;
use crate::error::Problem;
use crate::evaluate::drift::{Drift, FindingChange};
use crate::evaluate::{Evaluation, Finding, Severity};
use crate::model::{ActionStatus, Date, Document};
use crate::nc::{NcDetail, NcReport};
use crate::quant::{DocumentSimulation, SimulationResult};
use crate::risk::plan::{NotAcceptedReason, TreatmentPlan};
use crate::roadmap::Roadmap;
use crate::schedule::{AuditProgramme, Calendar, CertificationCycle, DurationEstimate, Status};
use crate::soa::SoaDiff;
use std::fmt::Write as _;

// `write!` into a String cannot fail; the results are ignored throughout.

/// How many problems the text lists before it summarises the rest by code
/// (the JSON keeps them all).
pub const PROBLEMS_LISTED: usize = 50;

/// A problem list for people: `valid`, or the count and one line per
/// problem; past [`PROBLEMS_LISTED`], the rest are counted per code.
pub fn problems(ps: &[Problem]) -> String {
    if ps.is_empty() {
        return "valid\n".into();
    }
    let mut s = format!("{} problem(s)\n", ps.len());
    for p in ps.iter().take(PROBLEMS_LISTED) {
        match (p.line, p.column) {
            (Some(l), Some(c)) if p.file.is_some() => {
                let f = p.file.as_deref().unwrap_or_default();
                let _ = writeln!(s, "  {f}:{l}:{c}: {} [{}] {}", p.path, p.code, p.message);
            }
            (Some(l), Some(c)) => {
                let _ = writeln!(s, "  {l}:{c}: {} [{}] {}", p.path, p.code, p.message);
            }
            _ => {
                let _ = writeln!(s, "  {} [{}] {}", p.path, p.code, p.message);
            }
        }
    }
    if ps.len() > PROBLEMS_LISTED {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for p in &ps[PROBLEMS_LISTED..] {
            *counts.entry(p.code.as_str()).or_default() += 1;
        }
        let by_code: Vec<String> = counts.iter().map(|(c, n)| format!("{n} {c}")).collect();
        let _ = writeln!(
            s,
            "  ... and {} more ({}); the JSON output lists them all",
            ps.len() - PROBLEMS_LISTED,
            by_code.join(", ")
        );
    }
    s
}

/// The `--fail-on` verdict in one line.
pub fn verdict(v: &Verdict) -> String {
    let worst = v.worst.map(|w| w.as_str()).unwrap_or("none");
    format!(
        "{} at {}: {} of {} finding(s) at or above it (worst: {worst}), as of {}\n",
        if v.fails { "FAILS" } else { "passes" },
        v.fail_on.as_str(),
        v.failing_findings,
        v.total_findings,
        v.as_of
    )
}

fn score(s: Option<u32>) -> String {
    s.map(|v| v.to_string()).unwrap_or_else(|| "n/a".into())
}

fn stage_verdict(ready: bool, blockers: usize) -> String {
    if ready { "ready".into() } else { format!("NOT ready ({blockers} blocker(s))") }
}

/// One finding under its rule's heading; its severity is written out when
/// it is not the heading's (a rule may raise or lower single findings).
fn finding_lines(s: &mut String, f: &Finding, heading: Severity) {
    let mut note = Vec::new();
    if f.severity != heading {
        note.push(f.severity.as_str().to_owned());
    }
    if let Some(o) = f.original_severity {
        note.push(format!("re-graded from {o}"));
    }
    let note = if note.is_empty() { String::new() } else { format!(" ({})", note.join(", ")) };
    let _ = writeln!(s, "  [{}] {}: {}{note}", f.rule, refs(f), f.message);
    if let Some(d) = f.due_on {
        let _ = writeln!(s, "      due: {d}");
    }
    let _ = writeln!(s, "      fix: {}", f.remediation);
}

/// What the text of `isms check` shows: display filters only. They never
/// change the evaluation, its counts or the `--fail-on` exit code; the
/// summary lines always count every finding.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckView {
    /// Readiness and counts only, no finding listed (`--summary`).
    pub summary_only: bool,
    /// List only the findings of these rules (`--rule`, repeatable); empty:
    /// every rule.
    pub rules: Vec<String>,
    /// List only findings at least this severe (`--severity`).
    pub min_severity: Option<Severity>,
    /// List at most this many findings per rule (`--limit`); the rest are
    /// counted on one line.
    pub limit: Option<usize>,
}

impl CheckView {
    fn shows(&self, f: &Finding) -> bool {
        (self.rules.is_empty() || self.rules.contains(&f.rule))
            && self.min_severity.is_none_or(|m| f.severity.at_least(m))
    }
    fn filtered(&self) -> bool {
        !self.rules.is_empty() || self.min_severity.is_some()
    }
}

/// Findings grouped by rule: the groups in order of first appearance (so
/// by worst severity, then rule id), each group's findings by control and
/// clause in natural order (A.5.2 before A.5.10).
pub fn group_by_rule<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Vec<(&'a str, Vec<&'a Finding>)> {
    let mut groups: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for f in findings {
        match groups.iter_mut().find(|(r, _)| *r == f.rule) {
            Some((_, v)) => v.push(f),
            None => groups.push((&f.rule, vec![f])),
        }
    }
    for (_, v) in &mut groups {
        v.sort_by(|a, b| {
            let o = |x: &Option<String>, y: &Option<String>| match (x, y) {
                (Some(x), Some(y)) => crate::evaluate::natural_cmp(x, y),
                (x, y) => x.is_some().cmp(&y.is_some()),
            };
            o(&a.control, &b.control).then_with(|| o(&a.clause, &b.clause))
        });
    }
    groups
}

/// The readiness lines of automated control tests (an evaluation with
/// results): coverage, applicable controls by health, and the stage
/// blockers raised by the `monitoring.*` rules.
fn automation_lines(s: &mut String, a: &crate::evaluate::Automation) {
    let _ = writeln!(
        s,
        "\nAutomated control tests: {} of {} applicable control(s) automated ({:.0}%), {} evaluated fresh",
        a.automated,
        a.applicable,
        100.0 * a.ratio,
        a.evaluated_fresh
    );
    let _ = writeln!(
        s,
        "  {} failing, {} at risk, {} not evaluated, {} stale, {} passing, {} not applicable",
        a.failing, a.at_risk, a.not_evaluated, a.stale, a.passing, a.not_applicable
    );
    if !a.attention.is_empty() {
        let list: Vec<String> =
            a.attention.iter().map(|c| format!("A.{} {}", c.control, c.health.as_str().replace('_', " "))).collect();
        let _ = writeln!(s, "  needs attention: {}", list.join(", "));
    }
    for (name, b) in [("Stage 1", &a.stage1), ("Stage 2", &a.stage2)] {
        if !b.is_empty() {
            let mut rules: Vec<&str> = b.iter().map(|b| b.rule.as_str()).collect();
            rules.dedup();
            let _ = writeln!(s, "  {name}: {} blocker(s) from tests ({})", b.len(), rules.join(", "));
        }
    }
    if a.stage1.is_empty() && a.stage2.is_empty() {
        let _ = writeln!(s, "  no stage blocker from tests; {} finding(s) from tests", a.findings);
    } else {
        let _ = writeln!(s, "  {} finding(s) from tests", a.findings);
    }
    if !a.clauses_not_counted.is_empty() {
        let _ = writeln!(s, "  clauses never counted as automated: {}", a.clauses_not_counted.join(", "));
    }
}

/// The evaluation report of `isms check`, headed with the organisation
/// (`doc` names it and the approvers of waivers; without it, ids stand in),
/// with the findings `view` selects.
pub fn evaluation(doc: Option<&Document>, e: &Evaluation, view: &CheckView) -> String {
    let org = doc.map(|d| d.organization.name.as_str()).unwrap_or("ISMS");
    let r = &e.readiness;
    let mut s = String::new();
    let _ = writeln!(s, "{org}: ISMS check as of {}", e.as_of);
    let _ = writeln!(s, "Readiness {}/100", r.overall);
    let _ = writeln!(s, "Stage 1 (documentation):  {}", stage_verdict(r.stage1.ready, r.stage1.blockers.len()));
    let _ = writeln!(s, "Stage 2 (implementation): {}", stage_verdict(r.stage2.ready, r.stage2.blockers.len()));
    let _ = writeln!(s, "\nReadiness by clause");
    for c in &r.clauses {
        let _ = writeln!(s, "  {:>3}  {:<50} {:>3}  ({} finding(s))", c.key, c.title, score(c.score), c.findings);
    }
    let _ = writeln!(s, "\nReadiness by Annex A theme");
    for t in &r.themes {
        let _ = writeln!(s, "       {:<50} {:>3}  ({} finding(s))", t.title, score(t.score), t.findings);
    }
    if let Some(a) = &r.automation {
        automation_lines(&mut s, a);
    }
    let m = &e.summary;
    let waived = if m.waived > 0 { format!(" ({} waived)", m.waived) } else { String::new() };
    let _ =
        writeln!(s, "\nFindings: {} blocker, {} major, {} minor, {} info{waived}", m.blocker, m.major, m.minor, m.info);
    if !e.waivers.is_empty() || !e.overrides.is_empty() {
        let _ = writeln!(s, "Waivers: {}; rule overrides: {}", e.waivers.len(), e.overrides.len());
    }
    if view.summary_only {
        return s;
    }
    let open: Vec<&Finding> = e.findings.iter().filter(|f| !f.is_waived()).collect();
    let shown: Vec<&Finding> = open.iter().copied().filter(|f| view.shows(f)).collect();
    if view.filtered() {
        let mut what = Vec::new();
        if !view.rules.is_empty() {
            what.push(format!("rule {}", view.rules.join(", ")));
        }
        if let Some(m) = view.min_severity {
            what.push(format!("severity {m} and above"));
        }
        let _ = writeln!(s, "\nShowing {} of {} finding(s): {}", shown.len(), open.len(), what.join("; "));
    }
    for (rule_id, group) in group_by_rule(shown.iter().copied()) {
        let worst = group.iter().map(|f| f.severity).min().unwrap_or(Severity::Info);
        let title = crate::evaluate::rule(rule_id).map(|r| r.title).unwrap_or_default();
        let _ = writeln!(s, "\n{} {rule_id} ({}): {title}", worst.as_str().to_uppercase(), group.len());
        let limit = view.limit.unwrap_or(usize::MAX);
        for f in group.iter().take(limit) {
            finding_lines(&mut s, f, worst);
        }
        if group.len() > limit {
            let _ = writeln!(s, "  ... and {} more (--limit {limit})", group.len() - limit);
        }
    }
    if open.is_empty() {
        let _ = writeln!(s, "\nNo findings.");
    }
    waivers_and_overrides(&mut s, doc, e, view);
    s
}

/// The "Waived" and "Overrides" sections of `isms check`: every waiver
/// (state, approver, expiry, the findings it waived) and rule setting.
fn waivers_and_overrides(s: &mut String, doc: Option<&Document>, e: &Evaluation, view: &CheckView) {
    let name = |id: &str| {
        doc.and_then(|d| d.people.iter().find(|p| p.id == id)).map_or_else(|| id.to_owned(), |p| p.name.clone())
    };
    if !e.waivers.is_empty() {
        let _ = writeln!(s, "\nWaived ({} finding(s), {} waiver(s))", e.summary.waived, e.waivers.len());
        for w in &e.waivers {
            let scope = w.entity.as_deref().map(|x| format!(" for {x}")).unwrap_or_default();
            let approval = match (&w.approver, w.approved_on) {
                (Some(p), Some(d)) => format!("approved by {} on {d}", name(p)),
                (Some(p), None) => format!("approver {}, no approval date", name(p)),
                (None, _) => "no approver".to_owned(),
            };
            let _ = writeln!(
                s,
                "  {} [{}{scope}] {}: {approval}, expires {}; {} finding(s)",
                w.id,
                w.rule,
                words(&w.state),
                w.expires_on,
                w.findings.len()
            );
            let _ = writeln!(s, "      why: {}", w.justification);
            let mine: Vec<&Finding> =
                e.findings.iter().filter(|f| f.waiver.as_deref() == Some(w.id.as_str()) && view.shows(f)).collect();
            let limit = view.limit.unwrap_or(usize::MAX);
            for f in mine.iter().take(limit) {
                let _ = writeln!(s, "      - {} {}: {}", f.severity, refs(f), f.message);
            }
            if mine.len() > limit {
                let _ = writeln!(s, "      ... and {} more (--limit {limit})", mine.len() - limit);
            }
        }
    }
    if !e.overrides.is_empty() {
        let _ = writeln!(s, "\nOverrides ({} rule(s), settings.rules)", e.overrides.len());
        for o in &e.overrides {
            let what = match o.severity {
                Some(sev) => format!("{} -> {sev}, {} finding(s) re-graded", o.default_severity, o.findings),
                None => format!("disabled, {} finding(s) not reported", o.findings),
            };
            let _ = writeln!(s, "  {}: {what}", o.rule);
            let _ = writeln!(s, "      why: {}", o.reason);
        }
    }
}

fn refs(f: &Finding) -> String {
    match (&f.clause, &f.control) {
        (_, Some(c)) => format!("A.{c}"),
        (Some(c), None) => c.clone(),
        (None, None) => String::new(),
    }
}

fn drift_finding(s: &mut String, f: &Finding) {
    let r = f.control.as_ref().map(|c| format!("A.{c}")).or_else(|| f.clause.clone()).unwrap_or_default();
    let due = f.due_on.map(|d| format!(" (due {d})")).unwrap_or_default();
    let _ = writeln!(s, "  {:<7} [{}] {r}: {}{due}", f.severity.as_str(), f.rule, f.message);
}

fn words<T: serde::Serialize>(v: &T) -> String {
    token(v).replace('_', " ")
}

fn change(s: &mut String, c: &FindingChange) {
    let why: Vec<String> = c.reasons.iter().map(words).collect();
    let sev = if c.old_severity == c.new_severity {
        c.new_severity.as_str().to_owned()
    } else {
        format!("{} -> {}", c.old_severity, c.new_severity)
    };
    let _ = writeln!(s, "  {sev} [{}] {} ({})", c.rule, c.finding.message, why.join(", "));
}

/// What changed in the SoA, control by control (a section of the drift).
pub fn soa_diff(d: &SoaDiff) -> String {
    let mut s = String::new();
    if d.is_empty() {
        let _ = writeln!(s, "SoA: no change");
        return s;
    }
    let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "?".into());
    let _ = writeln!(
        s,
        "SoA changes (version {} -> {}): {} control(s)",
        v(&d.old_version),
        v(&d.new_version),
        d.controls.len()
    );
    for c in &d.controls {
        let kinds: Vec<String> = c.changes.iter().map(words).collect();
        let _ = writeln!(s, "  A.{} {}: {}", c.control, c.title, kinds.join(", "));
    }
    s
}

fn ready_word(ready: bool) -> &'static str {
    if ready { "ready" } else { "NOT ready" }
}

/// The drift of `isms diff`.
pub fn drift(d: &Drift) -> String {
    let mut s = String::new();
    let o = &d.readiness.overall;
    let _ = writeln!(
        s,
        "Drift {} -> {}: readiness {} -> {} ({:+})",
        d.old_as_of,
        d.new_as_of,
        o.old.unwrap_or(0),
        o.new.unwrap_or(0),
        o.delta.unwrap_or(0)
    );
    for (name, v) in [("Stage 1", &d.stage1), ("Stage 2", &d.stage2)] {
        let _ = writeln!(
            s,
            "{name}: {} -> {} (+{} / -{} blocker(s))",
            ready_word(v.old_ready),
            ready_word(v.new_ready),
            v.added_blockers.len(),
            v.removed_blockers.len()
        );
    }
    for c in d.readiness.clauses.iter().chain(&d.readiness.themes).filter(|c| c.delta.is_some_and(|x| x != 0)) {
        let _ = writeln!(s, "  {} {}: {:+}", c.key, c.title, c.delta.unwrap_or(0));
    }
    let _ = writeln!(
        s,
        "\n{} new, {} resolved, {} worsened, {} improved, {} unchanged",
        d.new_findings.len(),
        d.resolved.len(),
        d.worsened.len(),
        d.improved.len(),
        d.unchanged_count
    );
    let sections: [(&str, &[Finding]); 2] = [("New findings", &d.new_findings), ("Resolved", &d.resolved)];
    for (title, fs) in sections {
        if !fs.is_empty() {
            let _ = writeln!(s, "\n{title} ({})", fs.len());
            fs.iter().for_each(|f| drift_finding(&mut s, f));
        }
    }
    for (title, cs) in [("Worsened", &d.worsened), ("Improved", &d.improved)] {
        if !cs.is_empty() {
            let _ = writeln!(s, "\n{title} ({})", cs.len());
            cs.iter().for_each(|c| change(&mut s, c));
        }
    }
    if let Some(diff) = &d.soa {
        s.push('\n');
        s.push_str(&soa_diff(diff));
    }
    if let Some(m) = &d.monitoring {
        s.push('\n');
        s.push_str(&crate::monitor::text::drift(m));
    }
    s
}

fn person(doc: Option<&Document>, id: &Option<String>) -> String {
    match id {
        Some(id) => doc
            .and_then(|d| d.people.iter().find(|p| &p.id == id))
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.clone()),
        None => "no owner".into(),
    }
}

fn action_status(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Planned => "planned",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Done => "done",
        ActionStatus::Cancelled => "cancelled",
    }
}

/// The treatment plan of `isms risk plan`: each treatment with its actions,
/// then the problems. `doc` names people and risks (ids stand in without).
pub fn treatment_plan(doc: Option<&Document>, p: &TreatmentPlan) -> String {
    let name = |id: &Option<String>| person(doc, id);
    let mut s = String::new();
    let _ = writeln!(s, "Risk treatment plan as of {}\n", p.as_of);
    if p.items.is_empty() {
        s.push_str("No treatments recorded.\n");
    }
    for t in &p.items {
        let _ = writeln!(
            s,
            "{}  {}  {} \"{}\" (owner {})  {}% done",
            t.treatment,
            crate::risk::register::option_name(t.option),
            t.risk,
            t.risk_title,
            name(&t.risk_owner),
            t.progress
        );
        if !t.controls.is_empty() {
            let list: Vec<String> = t
                .controls
                .iter()
                .map(|c| match &c.title {
                    Some(title) => format!("{} {title}", c.id),
                    None => format!("{} (unknown control)", c.id),
                })
                .collect();
            let _ = writeln!(s, "  controls: {}", list.join("; "));
        }
        for a in &t.actions {
            let mark = match a.status {
                ActionStatus::Done => "[x]",
                ActionStatus::Cancelled => "[-]",
                _ => "[ ]",
            };
            let due = a.due_on.map(|d| format!(", due {d}")).unwrap_or_default();
            let progress = a.progress.map(|p| format!(" {p}%")).unwrap_or_default();
            let overdue = if a.overdue { "  OVERDUE" } else { "" };
            let _ = writeln!(
                s,
                "  {mark} {}  {} ({}{due}, {}{progress}){overdue}",
                a.id,
                a.title,
                name(&a.owner),
                action_status(a.status)
            );
        }
    }
    s.push('\n');
    if !p.has_problems() {
        s.push_str("No problems.\n");
        return s;
    }
    s.push_str("Problems\n");
    if !p.overdue_actions.is_empty() {
        let _ = writeln!(s, "  Overdue actions ({}):", p.overdue_actions.len());
        for a in &p.overdue_actions {
            let _ = writeln!(
                s,
                "    {}  {} ({} / {}, {}), due {}, {} day(s) overdue",
                a.action,
                a.title,
                a.treatment,
                a.risk,
                name(&a.owner),
                a.due_on,
                a.days_overdue
            );
        }
    }
    if !p.untreated_above_appetite.is_empty() {
        let _ = writeln!(s, "  Risks above appetite with no treatment ({}):", p.untreated_above_appetite.len());
        for id in &p.untreated_above_appetite {
            let title =
                doc.and_then(|d| d.risks.iter().find(|r| &r.id == id)).map(|r| r.title.as_str()).unwrap_or_default();
            let _ = writeln!(s, "    {id}  {title}");
        }
    }
    if !p.not_accepted.is_empty() {
        let _ = writeln!(s, "  Residual risks not accepted by their owner ({}):", p.not_accepted.len());
        for n in &p.not_accepted {
            let why = match n.reason {
                NotAcceptedReason::Missing => "no acceptance recorded".to_string(),
                NotAcceptedReason::NotOwner => {
                    format!("accepted by {}, not the owner ({})", name(&n.accepted_by), name(&n.owner))
                }
                NotAcceptedReason::Expired => {
                    format!("acceptance expired{}", n.expires_on.map(|d| format!(" after {d}")).unwrap_or_default())
                }
                NotAcceptedReason::NotYetValid => "acceptance dated in the future".to_string(),
            };
            let _ = writeln!(s, "    {}  {why}", n.risk);
        }
    }
    if !p.modify_without_controls.is_empty() {
        let _ = writeln!(s, "  Modify treatments naming no control: {}", p.modify_without_controls.join(", "));
    }
    if !p.retain_without_acceptance.is_empty() {
        let _ = writeln!(
            s,
            "  Retain treatments of above-appetite risks without acceptance: {}",
            p.retain_without_acceptance.join(", ")
        );
    }
    s
}

/// An amount with thousands grouped, no decimals (JSON keeps full precision).
pub fn money(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let s = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if x < 0.0 && out != "0" { format!("-{out}") } else { out }
}

fn loss_line(out: &mut String, label: &str, r: &SimulationResult) {
    let p = &r.percentiles;
    let _ = writeln!(
        out,
        "  {label:<34} {:>13} {:>13} {:>13} {:>13} {:>7.1}%",
        money(r.mean),
        money(p.p50),
        money(p.p95),
        money(p.p99),
        r.prob_loss_positive * 100.0
    );
}

/// The document simulation of `isms simulate`.
pub fn document_simulation(sim: &DocumentSimulation) -> String {
    let mut out = String::new();
    let o = &sim.options;
    let _ = writeln!(out, "Open FAIR simulation: {} years, seed {}", o.trials, o.seed);
    if sim.risks.is_empty() {
        out.push_str("No risk carries a `fair` model; add one to a risk to quantify it.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "  {:<34} {:>13} {:>13} {:>13} {:>13} {:>8}",
        "annual loss", "mean", "P50", "P95", "P99", "P(>0)"
    );
    for r in &sim.risks {
        let label: String = format!("{} {}", r.id, r.title).chars().take(34).collect();
        loss_line(&mut out, &label, &r.inherent);
        if let Some(res) = &r.residual {
            loss_line(&mut out, "    after treatment", res);
        }
        if let Some(x) = &r.rosi {
            let rosi = x.rosi.map(|v| format!("{:.0}%", v * 100.0)).unwrap_or_else(|| "n/a".into());
            let _ = writeln!(
                out,
                "    reduction {} a year for {} a year: ROSI {rosi}",
                money(x.reduction),
                money(x.annual_cost)
            );
        }
        if let Some(p) = r.inherent.prob_exceeds_tolerance {
            let _ = writeln!(out, "    P(annual loss > tolerance) = {:.2}%", p * 100.0);
        }
    }
    if let Some(p) = &sim.portfolio {
        loss_line(&mut out, "PORTFOLIO before treatment", &p.total);
    }
    if let Some(p) = &sim.residual_portfolio {
        loss_line(&mut out, "PORTFOLIO after treatment", &p.total);
    }
    out
}

/// The merged calendar of `isms schedule`.
pub fn calendar(cal: &Calendar) -> String {
    let mut s = format!("{} item(s), {} to {}\n", cal.items.len(), cal.from, cal.to);
    for i in &cal.items {
        let _ = writeln!(
            s,
            "{}  {:<9} {:<28} {}{}",
            i.date,
            token(&i.status),
            token(&i.kind),
            i.title,
            i.owner.as_ref().map(|o| format!(" [{o}]")).unwrap_or_default()
        );
    }
    s
}

fn opt_date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

/// The certification cycle of `isms schedule --view cycle`.
pub fn certification_cycle(c: &CertificationCycle) -> String {
    let mut s = match c.projected_decision {
        Some(p) => {
            format!("certificate: {} (planned decision {p}; later dates are projected from it)\n", token(&c.state))
        }
        None => format!(
            "certificate: {} (cycle from {}, expires {})\n",
            token(&c.state),
            opt_date(c.cycle_start),
            opt_date(c.expires_on)
        ),
    };
    if c.new_stage2_required {
        s.push_str("major nonconformities from Stage 2 were not verified in time: a new Stage 2 audit is required\n");
    }
    for m in &c.milestones {
        let covers = m.covers_year.map(|y| format!("  covers {y}")).unwrap_or_default();
        let _ = writeln!(
            s,
            "{:<48} earliest {:<10}  target {:<10}  latest {:<10}  {}{covers}",
            m.title,
            opt_date(m.earliest),
            opt_date(m.target),
            opt_date(m.latest),
            token(&m.status)
        );
    }
    s
}

/// The internal audit programme of `isms schedule --view programme`.
pub fn audit_programme(p: &AuditProgramme) -> String {
    let mut s = format!("window {} to {}; {} item(s) uncovered\n", p.from, p.to, p.uncovered);
    for a in &p.proposals {
        let _ = writeln!(
            s,
            "{}  {}  clauses [{}] controls [{}]  auditor {}",
            a.date,
            a.id,
            a.clauses.join(", "),
            a.controls.join(", "),
            a.auditor.clone().or_else(|| a.unassigned_reason.clone()).unwrap_or_default()
        );
    }
    s
}

/// The audit-time estimate of `isms schedule --view duration`.
pub fn audit_duration(e: &DurationEstimate) -> String {
    format!(
        "persons: {} ({})\ninitial audit (stage 1 + stage 2): {} auditor-days{}\n",
        e.persons,
        token(&e.persons_source),
        e.initial_audit_days,
        if e.verified { "" } else { " (band value not verified)" }
    )
}

/// The nonconformity register of `isms nc list`.
pub fn nc_report(report: &NcReport) -> String {
    let mut s = format!(
        "{} nonconformit(ies), {} open, {} overdue\n",
        report.nonconformities.len(),
        report.open,
        report.overdue
    );
    for n in &report.nonconformities {
        let _ = writeln!(
            s,
            "{:<12} {:<12} {:<20} due {:<10} {}{}",
            n.id,
            token(&n.grade),
            token(&n.state),
            opt_date(n.deadline),
            n.title,
            if n.deadline_status == Some(Status::Overdue) { "  OVERDUE" } else { "" }
        );
    }
    for r in &report.recurrences {
        let _ = writeln!(
            s,
            "recurrence on {} {}: {}{}",
            r.requirement_kind,
            r.requirement,
            r.nonconformities.join(", "),
            if r.possible_systemic { " (possible systemic failure)" } else { "" }
        );
    }
    s
}

/// One nonconformity with its history (`isms nc show`).
pub fn nc_detail(d: &NcDetail) -> String {
    let n = &d.nonconformity;
    let overdue = if d.deadline_status == Some(Status::Overdue) { " (OVERDUE)" } else { "" };
    let mut s = format!(
        "{} — {}\ngrade {}, state {}, raised {}, due {}{overdue}\nallowed: {}\n",
        n.id,
        n.title,
        token(&n.grade),
        token(&d.state),
        n.raised_on,
        opt_date(d.deadline),
        d.allowed_actions.join(", ")
    );
    for h in &n.history {
        let _ = writeln!(
            s,
            "  {} {:<20} {} → {}{}{}",
            h.on,
            h.action,
            token(&h.from),
            token(&h.to),
            h.by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default(),
            h.note.as_ref().map(|x| format!(" ({x})")).unwrap_or_default()
        );
    }
    s
}

/// The 17 checklist steps of `isms roadmap`.
pub fn roadmap(r: &Roadmap) -> String {
    let mut s = String::new();
    let target = r.target_date.map(|d| format!("; certification target {d}")).unwrap_or_default();
    let _ = writeln!(
        s,
        "Roadmap as of {}{target}: {} done, {} in progress, {} not started\n",
        r.as_of, r.done, r.in_progress, r.not_started
    );
    for st in &r.steps {
        let wait = if st.waiting_on.is_empty() {
            String::new()
        } else {
            format!("  waits on {}", st.waiting_on.iter().map(u8::to_string).collect::<Vec<_>>().join(", "))
        };
        let risk = if st.at_risk { "  AT RISK" } else { "" };
        let _ = writeln!(
            s,
            "{:>2}. {:<46} {:<11} {} .. {}{risk}{wait}",
            st.step,
            st.title,
            st.status.as_str(),
            st.start,
            st.end
        );
        if !st.blocked_by.is_empty() {
            let mut rules: Vec<&str> = Vec::new();
            for b in &st.blocked_by {
                if !rules.contains(&b.rule.as_str()) {
                    rules.push(&b.rule);
                }
            }
            let _ = writeln!(s, "      {} finding(s): {}", st.blocked_by.len(), rules.join(", "));
        }
    }
    s
}

/// Rows as left-aligned columns two spaces apart; the last column is not
/// padded and trailing spaces are trimmed.
fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = widths[i].saturating_sub(cell.chars().count());
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Annex A controls as a table (`isms catalog annex-a`).
pub fn controls(cs: &[ControlInfo]) -> String {
    let rows = cs
        .iter()
        .map(|c| {
            let types: Vec<&str> = c.control_types.iter().map(|t| t.as_str()).collect();
            vec![
                c.id.clone(),
                c.theme.to_string(),
                types.join(","),
                if c.new_in_2022 { "new".to_owned() } else { String::new() },
                c.title.clone(),
            ]
        })
        .collect();
    table(&["ID", "THEME", "TYPE", "2022", "TITLE"], rows)
}

/// The 2013 → 2022 mapping as a table (`isms catalog mapping`); `to_2022`
/// is the control asked for, so an empty answer can say it is new.
pub fn mapping(rows: &[MappingInfo], to_2022: Option<&str>) -> String {
    if let (Some(id), true) = (to_2022, rows.is_empty()) {
        return format!(
            "{} is new in ISO/IEC 27001:2022: it has no 2013 predecessor.\n",
            crate::catalog::normalize_control_id(id)
        );
    }
    let rows = rows
        .iter()
        .map(|m| {
            vec![m.id_2013.clone(), m.title_2013.clone(), m.id_2022.clone(), m.kind.to_string(), m.title_2022.clone()]
        })
        .collect();
    table(&["2013", "2013 TITLE", "2022", "KIND", "2022 TITLE"], rows)
}

/// Clauses 4–10, indented by depth (`isms catalog clauses`).
pub fn clauses(cs: &[Clause]) -> String {
    let rows = cs
        .iter()
        .map(|c| {
            let depth = c.id.matches('.').count();
            vec![c.id.to_owned(), format!("{}{}", "  ".repeat(depth), c.title)]
        })
        .collect();
    table(&["CLAUSE", "TITLE"], rows)
}

/// Expected documented information (`isms catalog documents`).
pub fn mandatory_documents(ds: &[MandatoryDoc]) -> String {
    let rows = ds
        .iter()
        .map(|d| {
            let when = match d.trigger {
                Trigger::Always => "always".to_owned(),
                Trigger::IfControlApplicable(id) => format!("if {id} applies"),
            };
            vec![d.key.to_owned(), d.clause_ref.to_owned(), d.kind.to_string(), when, d.title.to_owned()]
        })
        .collect();
    table(&["KEY", "REF", "KIND", "WHEN", "TITLE"], rows)
}

/// One name per line (`isms schema --list`).
pub fn names(ns: &[String]) -> String {
    ns.iter().map(|n| format!("{n}\n")).collect()
}

/// The one-line summary of the last transition of nonconformity `id` in
/// `doc` (what `isms nc transition` prints after writing the document).
pub fn nc_transition(doc: &Document, id: &str) -> String {
    match doc.nonconformities.iter().find(|n| n.id == id).and_then(|n| n.history.last()) {
        Some(h) => super::escape_terminal(&format!("{id}: {} → {} ({})\n", token(&h.from), token(&h.to), h.action))
            .into_owned(),
        None => String::new(),
    }
}
