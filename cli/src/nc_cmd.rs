//! `isms nc`: the nonconformity register and its lifecycle transitions.
//! `transition` rewrites the document atomically (temporary file + rename),
//! so an interrupted or refused change leaves the original untouched.
use crate::io::{self, Failure};
use isms_core::engine::{Format, Response};
use isms_core::model::{CorrectiveAction, Date as NaiveDate};
use isms_core::nc::{Completion, NcAction};
use std::path::{Path, PathBuf};

/// Arguments of `isms nc`.
#[derive(Debug, clap::Args)]
pub struct NcArgs {
    /// The ISMS document (JSON).
    file: PathBuf,
    #[command(subcommand)]
    cmd: NcCmd,
}

/// `isms nc` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum NcCmd {
    /// The register: state, grade, deadline of every nonconformity.
    List {
        /// Print JSON (the `nc-report` schema).
        #[arg(long)]
        json: bool,
        /// Date deadlines are judged against; default today (UTC).
        #[arg(long, value_parser = crate::check_cmd::parse_date)]
        as_of: Option<NaiveDate>,
    },
    /// One nonconformity with its history and allowed actions.
    Show {
        /// Nonconformity id.
        id: String,
        /// Print JSON (the `nc_show.response` schema).
        #[arg(long)]
        json: bool,
        /// Date the deadline is judged against; default today (UTC).
        #[arg(long, value_parser = crate::check_cmd::parse_date)]
        as_of: Option<NaiveDate>,
    },
    /// Apply a lifecycle action and write the document back.
    Transition {
        /// Nonconformity id.
        id: String,
        /// The action.
        #[command(subcommand)]
        action: ActionCmd,
    },
}

/// Lifecycle actions. `--on` defaults to today.
#[derive(Debug, clap::Subcommand)]
pub enum ActionCmd {
    /// Record the correction (containment).
    Correct {
        /// What was done.
        #[arg(long)]
        description: String,
        /// When.
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Who (person id).
        #[arg(long)]
        by: String,
    },
    /// Record the root-cause analysis.
    #[command(name = "analyse", alias = "analyse-root-cause")]
    Analyse {
        /// The causes found.
        #[arg(long)]
        description: String,
        /// Method, e.g. "5 whys".
        #[arg(long)]
        method: Option<String>,
        /// Whether similar nonconformities exist or could occur.
        #[arg(long)]
        similar_elsewhere: Option<String>,
        /// When.
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Who.
        #[arg(long)]
        by: String,
    },
    /// Plan corrective actions: `--action "id=ca1,owner=p2,due=2026-03-01,description=..."` (repeatable).
    Plan {
        /// One action (repeatable).
        #[arg(long = "action", required = true)]
        actions: Vec<String>,
        /// When.
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Who.
        #[arg(long)]
        by: String,
    },
    /// Record completed actions: `--action ca1` or `--action ca1=2026-02-20` (repeatable).
    Implement {
        /// A completed action, optionally with its completion date (default `--on`).
        #[arg(long = "action", required = true)]
        actions: Vec<String>,
        /// When.
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Who.
        #[arg(long)]
        by: String,
    },
    /// Record the effectiveness review.
    Verify {
        /// The verifier.
        #[arg(long)]
        by: String,
        /// The actions were effective.
        #[arg(long, conflicts_with = "ineffective", required_unless_present = "ineffective")]
        effective: bool,
        /// The actions were not effective (back to root-cause analysis).
        #[arg(long)]
        ineffective: bool,
        /// Evidence reviewed (repeatable).
        #[arg(long = "evidence", required = true)]
        evidence: Vec<String>,
        /// Note.
        #[arg(long)]
        note: Option<String>,
        /// When.
        #[arg(long)]
        on: Option<NaiveDate>,
    },
    /// Close.
    Close {
        /// When.
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Who.
        #[arg(long)]
        by: String,
    },
    /// Reject: not a nonconformity after review.
    Reject {
        /// Why.
        #[arg(long)]
        reason: String,
        /// When.
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Who.
        #[arg(long)]
        by: String,
    },
    /// Cancel: duplicate or raised in error.
    Cancel {
        /// Why.
        #[arg(long)]
        reason: String,
        /// When.
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Who.
        #[arg(long)]
        by: String,
    },
    /// Reopen a verified or closed nonconformity.
    Reopen {
        /// Why.
        #[arg(long)]
        reason: String,
        /// When.
        #[arg(long)]
        on: Option<NaiveDate>,
        /// Who.
        #[arg(long)]
        by: String,
    },
}

/// Parses `id=ca1,owner=p2,due=2026-03-01,description=text, with commas`.
/// A segment that does not start with a known key continues the previous
/// value, so descriptions may contain commas.
fn parse_planned(spec: &str) -> Result<CorrectiveAction, Failure> {
    const KEYS: [&str; 4] = ["id", "owner", "due", "description"];
    let mut fields: Vec<(String, String)> = Vec::new();
    for part in spec.split(',') {
        match part.split_once('=') {
            Some((k, v)) if KEYS.contains(&k.trim()) => fields.push((k.trim().to_owned(), v.trim().to_owned())),
            _ => match fields.last_mut() {
                Some((_, v)) => {
                    v.push(',');
                    v.push_str(part);
                }
                None => return Err(Failure::input(format!("--action `{spec}`: expected key=value pairs"))),
            },
        }
    }
    let get = |k: &str| fields.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    let need = |k: &str| get(k).ok_or_else(|| Failure::input(format!("--action `{spec}`: missing `{k}=`")));
    let due = need("due")?;
    Ok(CorrectiveAction {
        id: need("id")?,
        description: need("description")?,
        owner: need("owner")?,
        due_on: due.parse().map_err(|_| Failure::input(format!("--action `{spec}`: `due={due}` is not a date")))?,
        completed_on: None,
    })
}

fn to_action(cmd: ActionCmd) -> Result<NcAction, Failure> {
    let on = |d: Option<NaiveDate>| d.unwrap_or_else(crate::io::today);
    Ok(match cmd {
        ActionCmd::Correct { description, on: d, by } => NcAction::Correct { description, on: on(d), by },
        ActionCmd::Analyse { description, method, similar_elsewhere, on: d, by } => {
            NcAction::AnalyseRootCause { description, method, similar_elsewhere, on: on(d), by }
        }
        ActionCmd::Plan { actions, on: d, by } => NcAction::PlanActions {
            actions: actions.iter().map(|a| parse_planned(a)).collect::<Result<_, _>>()?,
            on: on(d),
            by,
        },
        ActionCmd::Implement { actions, on: d, by } => {
            let day = on(d);
            let completed = actions
                .iter()
                .map(|a| match a.split_once('=') {
                    Some((id, date)) => date
                        .trim()
                        .parse()
                        .map(|on| Completion { action: id.trim().to_owned(), on })
                        .map_err(|_| Failure::input(format!("--action `{a}`: `{date}` is not a date"))),
                    None => Ok(Completion { action: a.trim().to_owned(), on: day }),
                })
                .collect::<Result<_, _>>()?;
            NcAction::Implement { completed, on: day, by }
        }
        ActionCmd::Verify { by, effective, ineffective: _, evidence, note, on: d } => {
            NcAction::Verify { by, on: on(d), effective, evidence, note }
        }
        ActionCmd::Close { on: d, by } => NcAction::Close { on: on(d), by },
        ActionCmd::Reject { reason, on: d, by } => NcAction::Reject { reason, on: on(d), by },
        ActionCmd::Cancel { reason, on: d, by } => NcAction::Cancel { reason, on: on(d), by },
        ActionCmd::Reopen { reason, on: d, by } => NcAction::Reopen { reason, on: on(d), by },
    })
}

/// Runs `isms nc`.
pub fn run(args: NcArgs) -> Result<u8, Failure> {
    if let NcCmd::Transition { id, action } = args.cmd {
        return transition(&args.file, &id, action).map(|()| 0);
    }
    let isms = io::load_isms(&args.file)?;
    match args.cmd {
        NcCmd::List { json, as_of } => {
            let report = isms.nc_report(as_of.unwrap_or_else(io::today));
            crate::show(Some(&isms), &Response::NcReport(report), Format::text_or_json(json))?;
        }
        NcCmd::Show { id, json, as_of } => {
            let detail = isms.nc_show(&id, as_of.unwrap_or_else(io::today)).map_err(io::core(&args.file))?;
            crate::show(Some(&isms), &Response::NcDetail(detail), Format::text_or_json(json))?;
        }
        NcCmd::Transition { .. } => {}
    }
    Ok(0)
}

/// Applies the action under the document's lock, from read to rename, so
/// concurrent transitions queue instead of losing one another's change.
fn transition(file: &Path, id: &str, cmd: ActionCmd) -> Result<(), Failure> {
    if file.as_os_str() == "-" {
        return Err(Failure::input("transition rewrites the document: give a file path, not `-`"));
    }
    let action = to_action(cmd)?;
    let new = io::update_document(file, |isms| isms.nc_transition(id, &action).map_err(io::core(file)))?;
    crate::emit(&isms_core::render::text::nc_transition(new.document(), id))
}
