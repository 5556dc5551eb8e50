//! `isms diff`: the SoA diff and the drift between two evaluations.
use super::*;

fn drift_finding(s: &mut String, f: &Finding) {
    let r = f.control.as_ref().map(|c| format!("A.{c}")).or_else(|| f.clause.clone()).unwrap_or_default();
    let due = f.due_on.map(|d| format!(" (due {d})")).unwrap_or_default();
    let _ = writeln!(s, "  {:<7} [{}] {r}: {}{due}", f.severity.as_str(), f.rule, f.message);
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
