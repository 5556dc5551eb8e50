//! Plain-text forms of the monitoring results (what `isms monitor` prints).
use super::{Coverage, Health, MappingLint, MonitorDrift, MonitorSummary};
use std::fmt::Write as _;

/// The per-control health table.
pub fn summary(s: &MonitorSummary) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Automated control health as of {} ({} record(s), {} unmapped)",
        s.as_of, s.records, s.unmapped_records
    );
    for c in &s.controls {
        let soa = match c.soa {
            super::SoaStanding::Applicable => "",
            super::SoaStanding::Excluded => " [excluded by the SoA]",
            super::SoaStanding::Undecided => " [not in the SoA]",
        };
        let since = c.days_failing.map(|d| format!(", failing {d} day(s)")).unwrap_or_default();
        let _ = writeln!(
            o,
            "  A.{:<6} {:<14} last {}, fresh until {}{since}{soa}  {}",
            c.control,
            c.health.as_str(),
            c.last_observed.format("%Y-%m-%d"),
            c.fresh_until,
            c.title
        );
        for f in c.failing.iter().take(5) {
            let res = if f.resource_id.is_empty() { String::new() } else { format!(" on {}", f.resource_id) };
            let _ = writeln!(o, "           {} {}{res}", f.status.as_str(), f.check);
        }
        if c.failing.len() > 5 {
            let _ = writeln!(o, "           ... and {} more", c.failing.len() - 5);
        }
        for a in &c.overrides {
            let _ = writeln!(
                o,
                "           overridden until {} (approved by {}): {}",
                a.expires_on, a.approved_by, a.justification
            );
        }
    }
    if s.controls.is_empty() {
        let _ = writeln!(o, "  No results mapped to an Annex A control.");
    }
    if !s.clauses_referenced.is_empty() {
        let _ = writeln!(o, "Clauses referenced (never evaluated by tests): {}", s.clauses_referenced.join(", "));
    }
    if !s.ambiguous_2013.is_empty() {
        let _ =
            writeln!(o, "2013 controls with several 2022 successors (not counted): {}", s.ambiguous_2013.join(", "));
    }
    for e in &s.expired_overrides {
        let _ = writeln!(o, "Expired override: A.{} on {}", e.control, e.expires_on);
    }
    o
}

/// The coverage report.
pub fn coverage(c: &Coverage) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Automation coverage as of {}: {} of {} applicable controls have an automated check ({:.0}%); {} evaluated by a fresh pass or fail",
        c.as_of,
        c.automated,
        c.applicable,
        c.ratio * 100.0,
        c.evaluated_fresh
    );
    let _ = writeln!(o, "Clauses 4–10 are never counted as automated.");
    let list = |o: &mut String, title: &str, v: &[String]| {
        if !v.is_empty() {
            let _ = writeln!(o, "{title} ({}): {}", v.len(), v.join(", "));
        }
    };
    list(&mut o, "Automated", &c.automated_controls);
    list(&mut o, "Not automated", &c.not_automated);
    list(&mut o, "Excluded by the SoA, with results", &c.excluded_with_results);
    list(&mut o, "Not in the SoA, with results", &c.undecided_with_results);
    list(&mut o, "Clauses referenced, not counted", &c.clauses_not_counted);
    o
}

fn health(h: Option<Health>) -> &'static str {
    h.map_or("no results", Health::as_str)
}

/// The drift between two dates.
pub fn drift(d: &MonitorDrift) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Automated control health from {} to {}", d.from, d.to);
    for (title, v) in [
        ("Started failing", &d.started_failing),
        ("Stopped failing", &d.stopped_failing),
        ("Still failing", &d.still_failing),
        ("Other changes", &d.other_changes),
    ] {
        let _ = writeln!(o, "{title} ({}):", v.len());
        for c in v {
            let _ = writeln!(o, "  A.{:<6} {} -> {}", c.control, health(c.before), health(c.after));
        }
    }
    o
}

/// The mapping lint.
pub fn lint(l: &MappingLint) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Mapping: {} row(s), {} check(s), editions {}; {}",
        l.rows,
        l.checks,
        if l.editions.is_empty() { "none".to_owned() } else { l.editions.join(", ") },
        if l.ok { "no errors" } else { "errors found" }
    );
    for i in &l.issues {
        let lvl = match i.level {
            super::IssueLevel::Error => "error",
            super::IssueLevel::Warning => "warning",
        };
        let at = if i.line == 0 { "table".to_owned() } else { format!("line {}", i.line) };
        let _ = writeln!(o, "  {at}: {lvl} [{}] {}: {}", i.code, i.field, i.message);
    }
    let _ = writeln!(o, "Covered controls ({}): {}", l.covered.len(), l.covered.join(", "));
    let _ = writeln!(o, "Controls no check covers ({}): {}", l.uncovered.len(), l.uncovered.join(", "));
    o
}
