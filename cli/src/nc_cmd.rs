//! `isms nc`: the nonconformity register and its lifecycle transitions.
//! `transition` rewrites the document atomically (temporary file + rename),
//! so an interrupted or refused change leaves the original untouched.
use crate::io::{self, Failure};
use isms_core::engine::{Format, Response};
use isms_core::model::{CorrectiveAction, Date as NaiveDate};
use isms_core::nc::{Completion, NcAction};
use std::path::{Path, PathBuf};

/// `isms nc` subcommands. The file comes after the subcommand, as with every
/// other command (`isms nc list FILE`); the older order `isms nc FILE list`
/// still works (see [`legacy_order`]).
#[derive(Debug, clap::Subcommand)]
pub enum NcCmd {
    /// The register: state, grade, deadline of every nonconformity.
    List {
        /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
        file: PathBuf,
        /// Print JSON (the `nc-report` schema).
        #[arg(long)]
        json: bool,
        /// Date deadlines are judged against; default today (UTC).
        #[arg(long, value_parser = crate::check_cmd::parse_date)]
        as_of: Option<NaiveDate>,
    },
    /// One nonconformity with its history and allowed actions.
    Show {
        /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
        file: PathBuf,
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
        /// The ISMS document (JSON or YAML), rewritten in place in its format.
        file: PathBuf,
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
    #[command(name = "analyse-root-cause", visible_aliases = ["analyse_root_cause", "analyse"])]
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
    #[command(name = "plan-actions", visible_aliases = ["plan_actions", "plan"])]
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

/// The subcommand names of `isms nc`.
const SUBCOMMANDS: [&str; 4] = ["list", "show", "transition", "help"];

/// Rewrites the older argument order `isms nc FILE SUBCOMMAND ...` into
/// `isms nc SUBCOMMAND FILE ...`, so both parse; any other command line is
/// returned unchanged.
pub fn legacy_order(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let mut args = args;
    let Some(nc) = args.iter().skip(1).position(|a| !a.to_string_lossy().starts_with('-')).map(|i| i + 1) else {
        return args;
    };
    let is_sub =
        |a: Option<&std::ffi::OsString>| a.is_some_and(|a| SUBCOMMANDS.contains(&a.to_string_lossy().as_ref()));
    let file = args.get(nc + 1);
    let file_like = file.is_some_and(|f| f == "-" || !f.to_string_lossy().starts_with('-'));
    if args[nc] == "nc" && file_like && !is_sub(file) && is_sub(args.get(nc + 2)) {
        args.swap(nc + 1, nc + 2);
    }
    args
}

/// Runs `isms nc`.
pub fn run(cmd: NcCmd) -> Result<u8, Failure> {
    match cmd {
        NcCmd::Transition { file, id, action } => transition(&file, &id, action).map(|()| 0),
        NcCmd::List { file, json, as_of } => {
            let isms = io::load_isms(&file)?;
            let report = isms.nc_report(as_of.unwrap_or_else(io::today));
            crate::show(Some(&isms), &Response::NcReport(report), Format::text_or_json(json))?;
            Ok(0)
        }
        NcCmd::Show { file, id, json, as_of } => {
            let isms = io::load_isms(&file)?;
            let detail = isms.nc_show(&id, as_of.unwrap_or_else(io::today)).map_err(io::core(&file))?;
            crate::show(Some(&isms), &Response::NcDetail(detail), Format::text_or_json(json))?;
            Ok(0)
        }
    }
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
