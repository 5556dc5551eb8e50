//! `isms schedule`: the calendar, the certification cycle, the audit
//! programme and the audit duration.
use super::*;

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
