//! `isms schedule`: the merged ISMS calendar, the certification cycle, the
//! internal audit programme and the audit-time estimate; `--ics` writes the
//! calendar as iCalendar (RFC 5545).
use crate::io::{self, Failure};
use chrono::NaiveDate;
use isms_core::schedule::{self, Calendar, ProgrammeOptions};
use std::path::PathBuf;

/// What `isms schedule` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// The merged calendar (default).
    Calendar,
    /// The certification cycle milestones.
    Cycle,
    /// The internal audit programme: coverage and proposed audits.
    Programme,
    /// The ISO/IEC 27006-1 audit-time estimate.
    Duration,
}

/// Arguments of `isms schedule`.
#[derive(Debug, clap::Args)]
pub struct ScheduleArgs {
    /// The ISMS document (JSON); `-` reads standard input.
    file: PathBuf,
    /// First day (and the date statuses refer to); default today.
    #[arg(long)]
    from: Option<NaiveDate>,
    /// Last day; default one year after `--from`.
    #[arg(long)]
    to: Option<NaiveDate>,
    /// Write the calendar as an iCalendar file (`-` for standard output).
    #[arg(long, value_name = "OUT")]
    ics: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// What to print.
    #[arg(long, value_enum, default_value = "calendar")]
    view: View,
}

/// Runs `isms schedule`.
pub fn run(args: ScheduleArgs) -> Result<u8, Failure> {
    let doc = io::load_valid(&args.file)?;
    let from = args.from.unwrap_or_else(|| chrono::Local::now().date_naive());
    let to = args.to.unwrap_or_else(|| schedule::add_years(from, 1));
    let cal = schedule::calendar(&doc, from, to).map_err(|e| Failure::input(io::describe(&args.file, &e)))?;
    if let Some(out) = &args.ics {
        io::write_output(out, to_ics(&cal).as_bytes())?;
        if out.as_os_str() == "-" {
            return Ok(0);
        }
    }
    let text = match (args.view, args.json) {
        (View::Calendar, true) => isms_core::json::to_json(&cal),
        (View::Calendar, false) => calendar_table(&cal),
        (View::Cycle, json) => {
            let c = schedule::certification_cycle(&doc, from);
            if json { isms_core::json::to_json(&c) } else { cycle_table(&c) }
        }
        (View::Programme, json) => {
            let p = schedule::audit_programme(&doc, from, &ProgrammeOptions::default());
            if json { isms_core::json::to_json(&p) } else { programme_table(&p) }
        }
        (View::Duration, json) => {
            let e = schedule::audit_duration(&doc, from, &Default::default())
                .map_err(|e| Failure::input(io::describe(&args.file, &e)))?;
            if json {
                isms_core::json::to_json(&e)
            } else {
                format!(
                    "persons: {} ({})\ninitial audit (stage 1 + stage 2): {} auditor-days{}\n",
                    e.persons,
                    crate::io::token(&e.persons_source),
                    e.initial_audit_days,
                    if e.verified { "" } else { " (band value not verified)" }
                )
            }
        }
    };
    crate::emit(&text)?;
    Ok(0)
}

fn calendar_table(cal: &Calendar) -> String {
    let mut s = format!("{} item(s), {} to {}\n", cal.items.len(), cal.from, cal.to);
    for i in &cal.items {
        s.push_str(&format!(
            "{}  {:<9} {:<28} {}{}\n",
            i.date,
            crate::io::token(&i.status),
            crate::io::token(&i.kind),
            i.title,
            i.owner.as_ref().map(|o| format!(" [{o}]")).unwrap_or_default()
        ));
    }
    s
}

fn opt(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

fn cycle_table(c: &schedule::CertificationCycle) -> String {
    let mut s = format!(
        "certificate: {} (cycle from {}, expires {})\n",
        crate::io::token(&c.state),
        opt(c.cycle_start),
        opt(c.expires_on)
    );
    for m in &c.milestones {
        s.push_str(&format!(
            "{:<48} earliest {:<10}  target {:<10}  latest {:<10}  {}\n",
            m.title,
            opt(m.earliest),
            opt(m.target),
            opt(m.latest),
            crate::io::token(&m.status)
        ));
    }
    s
}

fn programme_table(p: &schedule::AuditProgramme) -> String {
    let mut s = format!("window {} to {}; {} item(s) uncovered\n", p.from, p.to, p.uncovered);
    for a in &p.proposals {
        s.push_str(&format!(
            "{}  {}  clauses [{}] controls [{}]  auditor {}\n",
            a.date,
            a.id,
            a.clauses.join(", "),
            a.controls.join(", "),
            a.auditor.clone().or_else(|| a.unassigned_reason.clone()).unwrap_or_default()
        ));
    }
    s
}

/// Renders the calendar as iCalendar. Deterministic: every event is an
/// all-day event (DTEND the next day, exclusive per RFC 5545 3.6.1), its UID
/// is the item's stable key, and DTSTAMP is the calendar's `from` date at
/// midnight UTC, never the clock, so the same input gives the same file.
pub fn to_ics(cal: &Calendar) -> String {
    use icalendar::{Component, EventLike};
    let stamp = format!("{}T000000Z", cal.from.format("%Y%m%d"));
    let mut out = icalendar::Calendar::empty();
    out.append_property(icalendar::Property::new("VERSION", "2.0"));
    out.append_property(icalendar::Property::new("PRODID", "-//isms//isms schedule//EN"));
    out.append_property(icalendar::Property::new("CALSCALE", "GREGORIAN"));
    for item in &cal.items {
        let next = item.date.succ_opt().unwrap_or(item.date);
        let mut description =
            format!("status: {}; kind: {}", crate::io::token(&item.status), crate::io::token(&item.kind));
        description.push_str(&format!("; {}: {}", item.entity.kind, item.entity.id));
        if let Some(o) = &item.owner {
            description.push_str(&format!("; owner: {o}"));
        }
        let event = icalendar::Event::new()
            .uid(&format!("{}@isms", item.key))
            .add_property("DTSTAMP", &stamp)
            .summary(&item.title)
            .description(&description)
            .add_property("CATEGORIES", crate::io::token(&item.kind))
            .starts(item.date)
            .ends(next)
            .done();
        out.push(event);
    }
    out.to_string()
}
