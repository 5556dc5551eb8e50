//! `isms schedule`: the merged ISMS calendar, the certification cycle, the
//! internal audit programme and the audit-time estimate; `--ics` writes the
//! calendar as iCalendar (RFC 5545).
use crate::check_cmd::parse_date;
use crate::io::{self, Failure};
use isms_core::engine::{Format, Response};
use isms_core::model::Date;
use isms_core::schedule::{self, ProgrammeOptions};
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
    /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
    file: PathBuf,
    /// First day (and the date statuses refer to); default today.
    #[arg(long, value_parser = parse_date)]
    from: Option<Date>,
    /// Last day; default one year after `--from`.
    #[arg(long, value_parser = parse_date)]
    to: Option<Date>,
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
    let isms = io::load_isms(&args.file)?;
    let from = args.from.unwrap_or_else(io::today);
    let to = args.to.unwrap_or_else(|| schedule::add_years(from, 1));
    let cal = isms.calendar(from, to).map_err(io::core(&args.file))?;
    let format = Format::text_or_json(args.json);
    if let Some(out) = &args.ics {
        let ics = crate::render(Some(&isms), &Response::Calendar(cal.clone()), Format::Ical)?;
        io::write_output(out, ics.as_bytes())?;
        if out.as_os_str() == "-" {
            return Ok(0);
        }
    }
    let response = match args.view {
        View::Calendar => Response::Calendar(cal),
        View::Cycle => Response::CertificationCycle(isms.certification_cycle(from)),
        View::Programme => Response::AuditProgramme(
            isms.audit_programme(from, &ProgrammeOptions::default()).map_err(io::core(&args.file))?,
        ),
        View::Duration => {
            Response::Duration(isms.audit_duration(from, &Default::default()).map_err(io::core(&args.file))?)
        }
    };
    crate::show(Some(&isms), &response, format)?;
    Ok(0)
}
