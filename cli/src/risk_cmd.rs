//! `isms risk …`: the risk register, heat map and treatment plan of a
//! document (ISO/IEC 27001:2022 6.1.2, 6.1.3, 8.2, 8.3). The computations are
//! the core's (`isms_core::risk`); this file parses arguments, reads the
//! clock for the default `--as-of` (the core never does) and writes output.
use crate::emit;
use crate::io::{self, Failure};
use isms_core::Document;
use isms_core::model::{ActionStatus, Date};
use isms_core::risk::plan::{NotAcceptedReason, TreatmentPlan};
use isms_core::risk::{heatmap, heatmap_svg, register, treatment_plan};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Output format of the register.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// CSV with a header row.
    Csv,
    /// A Markdown table.
    Md,
    /// JSON (schema `risk-register`).
    Json,
}

/// The `risk` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum RiskCmd {
    /// Print the risk register.
    Register {
        /// The ISMS document (JSON); `-` reads standard input.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "md")]
        format: Format,
        /// Date to assess as of (YYYY-MM-DD); default today (UTC).
        #[arg(long = "as-of")]
        as_of: Option<Date>,
    },
    /// Draw the risk heat map as a standalone SVG, or print its data as JSON.
    Heatmap {
        /// The ISMS document (JSON); `-` reads standard input.
        file: PathBuf,
        /// Residual instead of inherent levels.
        #[arg(long)]
        residual: bool,
        /// Write the SVG here (atomically); `-` for standard output.
        #[arg(long, required_unless_present = "json")]
        svg: Option<PathBuf>,
        /// Print the heat-map data as JSON (schema `heatmap`).
        #[arg(long)]
        json: bool,
        /// Date to assess as of (YYYY-MM-DD); default today (UTC).
        #[arg(long = "as-of")]
        as_of: Option<Date>,
    },
    /// Show the treatment plan and its problems; exit 1 when it has any.
    Plan {
        /// The ISMS document (JSON); `-` reads standard input.
        file: PathBuf,
        /// Date to check as of (YYYY-MM-DD); default today (UTC).
        #[arg(long = "as-of")]
        as_of: Option<Date>,
        /// Print JSON (schema `treatment-plan`).
        #[arg(long)]
        json: bool,
    },
}

fn core_failure(file: &Path, e: &isms_core::Error) -> Failure {
    Failure::input(io::describe(file, e))
}

/// Runs a `risk` subcommand; returns the exit code.
pub fn run(cmd: RiskCmd) -> Result<u8, Failure> {
    match cmd {
        RiskCmd::Register { file, format, as_of } => {
            let doc = io::load_valid(&file)?;
            let reg = register(&doc, as_of.unwrap_or_else(io::today)).map_err(|e| core_failure(&file, &e))?;
            emit(&match format {
                Format::Csv => reg.to_csv(),
                Format::Md => reg.to_markdown(),
                Format::Json => isms_core::json::to_json(&reg),
            })?;
            Ok(0)
        }
        RiskCmd::Heatmap { file, residual, svg, json, as_of } => {
            let doc = io::load_valid(&file)?;
            let map = heatmap(&doc, as_of.unwrap_or_else(io::today)).map_err(|e| core_failure(&file, &e))?;
            if json {
                emit(&isms_core::json::to_json(&map))?;
            }
            if let Some(out) = svg {
                io::write_output(&out, heatmap_svg(&map, residual).as_bytes())?;
            }
            Ok(0)
        }
        RiskCmd::Plan { file, as_of, json } => {
            let doc = io::load_valid(&file)?;
            let plan = treatment_plan(&doc, as_of.unwrap_or_else(io::today)).map_err(|e| core_failure(&file, &e))?;
            emit(&if json { isms_core::json::to_json(&plan) } else { plan_text(&doc, &plan) })?;
            Ok(u8::from(plan.has_problems()))
        }
    }
}

fn name(doc: &Document, id: &Option<String>) -> String {
    match id {
        Some(id) => doc.people.iter().find(|p| &p.id == id).map(|p| p.name.clone()).unwrap_or_else(|| id.clone()),
        None => "no owner".into(),
    }
}

fn status(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Planned => "planned",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Done => "done",
        ActionStatus::Cancelled => "cancelled",
    }
}

/// The plan for people: each treatment with its actions, then the problems.
fn plan_text(doc: &Document, p: &TreatmentPlan) -> String {
    let mut s = String::new();
    // `write!` into a String cannot fail.
    let _ = writeln!(s, "Risk treatment plan as of {}\n", p.as_of);
    if p.items.is_empty() {
        s.push_str("No treatments recorded.\n");
    }
    for t in &p.items {
        let _ = writeln!(
            s,
            "{}  {}  {} \"{}\" (owner {})  {}% done",
            t.treatment,
            isms_core::risk::register::option_name(t.option),
            t.risk,
            t.risk_title,
            name(doc, &t.risk_owner),
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
                name(doc, &a.owner),
                status(a.status)
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
                name(doc, &a.owner),
                a.due_on,
                a.days_overdue
            );
        }
    }
    if !p.untreated_above_appetite.is_empty() {
        let _ = writeln!(s, "  Risks above appetite with no treatment ({}):", p.untreated_above_appetite.len());
        for id in &p.untreated_above_appetite {
            let title = doc.risks.iter().find(|r| &r.id == id).map(|r| r.title.as_str()).unwrap_or_default();
            let _ = writeln!(s, "    {id}  {title}");
        }
    }
    if !p.not_accepted.is_empty() {
        let _ = writeln!(s, "  Residual risks not accepted by their owner ({}):", p.not_accepted.len());
        for n in &p.not_accepted {
            let why = match n.reason {
                NotAcceptedReason::Missing => "no acceptance recorded".to_string(),
                NotAcceptedReason::NotOwner => {
                    format!("accepted by {}, not the owner ({})", name(doc, &n.accepted_by), name(doc, &n.owner))
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
