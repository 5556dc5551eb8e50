//! `isms check`: the evaluation with its findings grouped by rule, automation,
//! waivers and overrides.
use super::*;

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
