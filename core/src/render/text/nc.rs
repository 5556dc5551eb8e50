//! `isms nc`: the nonconformity report, one nonconformity in detail, and the
//! line after a transition.
use super::*;

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

/// The one-line summary of the last transition of nonconformity `id` in
/// `doc` (what `isms nc transition` prints after writing the document).
pub fn nc_transition(doc: &Document, id: &str) -> String {
    match doc.nonconformities.iter().find(|n| n.id == id).and_then(|n| n.history.last()) {
        Some(h) => {
            crate::render::escape_terminal(&format!("{id}: {} → {} ({})\n", token(&h.from), token(&h.to), h.action))
                .into_owned()
        }
        None => String::new(),
    }
}
