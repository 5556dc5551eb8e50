//! Nonconformity and corrective action (ISO/IEC 27001:2022 10.2, checklist
//! step 15): the lifecycle as a state machine with typed transitions, its
//! append-only history, deadlines by grade and recurrence detection.
//!
//! **What this is**: [`apply`] takes a document, a nonconformity id and an
//! [`NcAction`] and returns a **new** document with the nonconformity moved
//! to its next state and one [`NcTransition`] appended to its history; or an
//! error, in which case nothing changed (the input is only borrowed).
//! [`replay`] re-runs a history from `raised` and [`check_history`] reports
//! every nonconformity whose history does not lead to its recorded state.
//! [`deadline`], [`recurrences`] and [`report`] live in the `deadline`
//! submodule.
//!
//! **What this is not**: a workflow engine with notifications or
//! permissions; who may take an action is the embedding application's call.
//!
//! ## The lifecycle
//!
//! ```text
//! raised ─correct→ corrected ─analyse_root_cause→ root_cause_analysed
//!   └────────analyse_root_cause─────────┘                │ plan_actions
//!                                        action_planned ←┘ (↺ plan_actions, partial implement)
//!                                              │ implement (all actions done)
//!                                         implemented ─verify(effective)→ verified ─close→ closed
//!                                              └─verify(ineffective)→ corrected
//! reject: raised | corrected → rejected      cancel: any open state → cancelled
//! reopen: verified | closed → corrected (raised if no correction was recorded)
//! ```
//!
//! Choices, and why:
//! - The correction (10.2 a) is "as applicable", so root-cause analysis may
//!   follow `raised` directly.
//! - An **ineffective verification** sends the nonconformity back to
//!   `corrected`: the next step is a new root-cause analysis (10.2 d: the
//!   actions did not remove the cause, so the cause was not the right one).
//!   The failed verification and the earlier actions stay on record.
//! - **Observations and opportunities for improvement** are not
//!   nonconformities in the 17021-1 sense (3.12, 3.13): they may be closed
//!   from any open state without corrective action or verification. Majors and
//!   minors can reach `closed` only through `verified`.
//! - Dates never go backwards: an action is dated on or after the date raised
//!   and the last history entry.
//! - Every person and evidence id an action names must exist, and the new
//!   document must not have an integrity problem the old one did not have
//!   (e.g. a corrective action id already used elsewhere).
mod deadline;
mod detail;
pub use detail::{NcDetail, detail};

pub use deadline::{NcReport, NcSummary, Recurrence, deadline, deadline_rules, recurrences, report};

use crate::model::{
    Correction, CorrectiveAction, Date, Document, Grade, Id, NcState, NcTransition, Nonconformity, RootCause,
    Verification,
};
use crate::{Error, Problem, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Problem code of [`check_history`]: the history does not replay to the
/// recorded state.
pub const HISTORY_MISMATCH: &str = "nc_history_mismatch";

/// One completed corrective action, for [`NcAction::Implement`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Completion {
    /// The corrective action's id.
    pub action: Id,
    /// When it was completed.
    pub on: Date,
}

/// A lifecycle action with the data it requires. Every action names who
/// (`by`, a person id) and when (`on`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum NcAction {
    /// Contain and correct (10.2 a).
    Correct {
        /// What was done (non-empty).
        description: String,
        /// When.
        on: Date,
        /// Who.
        by: Id,
    },
    /// Determine the causes (10.2 b).
    AnalyseRootCause {
        /// The causes found (non-empty).
        description: String,
        /// Method, e.g. "5 whys".
        #[serde(default)]
        method: Option<String>,
        /// Whether similar nonconformities exist or could occur (10.2 b 3).
        #[serde(default)]
        similar_elsewhere: Option<String>,
        /// When.
        on: Date,
        /// Who.
        by: Id,
    },
    /// Plan corrective actions, each with an owner and a due date (10.2 c).
    PlanActions {
        /// The actions (at least one; `completed_on` must be empty).
        actions: Vec<CorrectiveAction>,
        /// When.
        on: Date,
        /// Who.
        by: Id,
    },
    /// Record completed corrective actions; the state becomes `implemented`
    /// once every action is complete.
    Implement {
        /// Actions completed (at least one).
        completed: Vec<Completion>,
        /// When recorded.
        on: Date,
        /// Who.
        by: Id,
    },
    /// Review the effectiveness of the actions (10.2 d).
    Verify {
        /// The verifier.
        by: Id,
        /// When.
        on: Date,
        /// Whether the actions were effective.
        effective: bool,
        /// Evidence reviewed (at least one evidence id).
        evidence: Vec<Id>,
        /// Note.
        #[serde(default)]
        note: Option<String>,
    },
    /// Close.
    Close {
        /// When.
        on: Date,
        /// Who.
        by: Id,
    },
    /// Not a nonconformity after review.
    Reject {
        /// Why (non-empty).
        reason: String,
        /// When.
        on: Date,
        /// Who.
        by: Id,
    },
    /// Withdraw (duplicate, raised in error).
    Cancel {
        /// Why (non-empty).
        reason: String,
        /// When.
        on: Date,
        /// Who.
        by: Id,
    },
    /// Reopen a verified or closed nonconformity found to recur or not to be
    /// effective after all.
    Reopen {
        /// Why (non-empty).
        reason: String,
        /// When.
        on: Date,
        /// Who.
        by: Id,
    },
}

/// The names of all actions, as recorded in `history[].action`.
pub const ACTION_NAMES: &[&str] =
    &["correct", "analyse_root_cause", "plan_actions", "implement", "verify", "close", "reject", "cancel", "reopen"];

impl NcAction {
    /// The action's name, as recorded in the history.
    pub fn name(&self) -> &'static str {
        match self {
            NcAction::Correct { .. } => "correct",
            NcAction::AnalyseRootCause { .. } => "analyse_root_cause",
            NcAction::PlanActions { .. } => "plan_actions",
            NcAction::Implement { .. } => "implement",
            NcAction::Verify { .. } => "verify",
            NcAction::Close { .. } => "close",
            NcAction::Reject { .. } => "reject",
            NcAction::Cancel { .. } => "cancel",
            NcAction::Reopen { .. } => "reopen",
        }
    }

    /// When the action is taken.
    pub fn on(&self) -> Date {
        match self {
            NcAction::Correct { on, .. }
            | NcAction::AnalyseRootCause { on, .. }
            | NcAction::PlanActions { on, .. }
            | NcAction::Implement { on, .. }
            | NcAction::Verify { on, .. }
            | NcAction::Close { on, .. }
            | NcAction::Reject { on, .. }
            | NcAction::Cancel { on, .. }
            | NcAction::Reopen { on, .. } => *on,
        }
    }

    /// Who takes it.
    pub fn by(&self) -> &str {
        match self {
            NcAction::Correct { by, .. }
            | NcAction::AnalyseRootCause { by, .. }
            | NcAction::PlanActions { by, .. }
            | NcAction::Implement { by, .. }
            | NcAction::Verify { by, .. }
            | NcAction::Close { by, .. }
            | NcAction::Reject { by, .. }
            | NcAction::Cancel { by, .. }
            | NcAction::Reopen { by, .. } => by,
        }
    }
}

/// Whether a state is terminal-ish for deadlines: closed, rejected or cancelled.
pub fn is_open(state: NcState) -> bool {
    !matches!(state, NcState::Closed | NcState::Rejected | NcState::Cancelled)
}

fn minor_or_major(grade: Grade) -> bool {
    matches!(grade, Grade::Major | Grade::Minor)
}

/// The states an action may lead to from `from` for a nonconformity of
/// `grade`; empty when the action is not allowed there.
pub fn legal_targets(action: &str, from: NcState, grade: Grade) -> Vec<NcState> {
    use NcState as S;
    match (action, from) {
        ("correct", S::Raised) => vec![S::Corrected],
        ("analyse_root_cause", S::Raised | S::Corrected) => vec![S::RootCauseAnalysed],
        ("plan_actions", S::RootCauseAnalysed | S::ActionPlanned) => vec![S::ActionPlanned],
        ("implement", S::ActionPlanned) => vec![S::ActionPlanned, S::Implemented],
        ("verify", S::Implemented) => vec![S::Verified, S::Corrected],
        ("close", S::Verified) => vec![S::Closed],
        ("close", s) if !minor_or_major(grade) && is_open(s) => vec![S::Closed],
        ("reject", S::Raised | S::Corrected) => vec![S::Rejected],
        ("cancel", s) if is_open(s) => vec![S::Cancelled],
        ("reopen", S::Verified | S::Closed) => vec![S::Corrected, S::Raised],
        _ => Vec::new(),
    }
}

/// The actions allowed on a nonconformity in its current state.
pub fn allowed_actions(nc: &Nonconformity) -> Vec<&'static str> {
    ACTION_NAMES.iter().copied().filter(|a| !legal_targets(a, nc.state, nc.grade).is_empty()).collect()
}

fn state_name(s: NcState) -> String {
    serde_json::to_value(s).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Applies `action` to the nonconformity `nc_id` of `doc`, returning the
/// updated document. The input is never modified.
///
/// # Errors
/// - [`Error::NotFound`] for an unknown nonconformity, person, evidence or
///   corrective action id;
/// - [`Error::Transition`] when the action is not allowed in the current
///   state, lacks required data, or is dated before the last event;
/// - [`Error::Invalid`] when the result would break the document's integrity
///   (problems the input did not have).
pub fn apply(doc: &Document, nc_id: &str, action: &NcAction) -> Result<Document> {
    let new = apply_unchecked(doc, nc_id, action)?;
    let before = crate::validate::validate(doc);
    let introduced: Vec<Problem> =
        crate::validate::validate(&new).into_iter().filter(|p| !before.contains(p)).collect();
    if !introduced.is_empty() {
        return Err(Error::Invalid(introduced));
    }
    Ok(new)
}

/// The people who implemented a nonconformity's corrective actions: each
/// action's owner and whoever recorded an implementation, sorted.
pub fn implementers(nc: &Nonconformity) -> Vec<&str> {
    let mut v: Vec<&str> = nc.actions.iter().map(|a| a.owner.as_str()).collect();
    v.extend(nc.history.iter().filter(|t| t.action == "implement").filter_map(|t| t.by.as_deref()));
    v.sort_unstable();
    v.dedup();
    v
}

/// [`apply`] without the integrity check of the result: the engine
/// ([`crate::engine::Isms::nc_transition`]) validates the new document once
/// when it wraps it.
pub(crate) fn apply_unchecked(doc: &Document, nc_id: &str, action: &NcAction) -> Result<Document> {
    let idx = doc
        .nonconformities
        .iter()
        .position(|n| n.id == nc_id)
        .ok_or_else(|| Error::NotFound { kind: "nonconformity".into(), id: nc_id.into() })?;
    let old = &doc.nonconformities[idx];
    let refuse = |message: String| Error::Transition {
        id: nc_id.into(),
        state: state_name(old.state),
        action: action.name().into(),
        message,
    };
    let targets = legal_targets(action.name(), old.state, old.grade);
    if targets.is_empty() {
        let allowed = allowed_actions(old);
        let hint = if allowed.is_empty() { "none (the record is final)".to_owned() } else { allowed.join(", ") };
        return Err(refuse(format!("allowed actions: {hint}")));
    }
    let person = |id: &str| -> Result<()> {
        if id.trim().is_empty() {
            return Err(refuse("`by` must name a person".into()));
        }
        if doc.people.iter().any(|p| p.id == id) {
            Ok(())
        } else {
            Err(Error::NotFound { kind: "person".into(), id: id.into() })
        }
    };
    person(action.by())?;
    let on = action.on();
    let last = old.history.iter().map(|h| h.on).max().unwrap_or(old.raised_on).max(old.raised_on);
    if on < last {
        return Err(refuse(format!("dated {on}, before the last event on {last}; dates cannot go backwards")));
    }
    let blank = |s: &str| s.trim().is_empty();
    let mut nc = old.clone();
    let mut note = None;
    let to = match action {
        NcAction::Correct { description, .. } => {
            if blank(description) {
                return Err(refuse("the correction needs a description".into()));
            }
            nc.correction = Some(Correction { description: description.clone(), on });
            NcState::Corrected
        }
        NcAction::AnalyseRootCause { description, method, similar_elsewhere, .. } => {
            if blank(description) {
                return Err(refuse("the root cause needs a description".into()));
            }
            nc.root_cause = Some(RootCause {
                description: description.clone(),
                method: method.clone(),
                on,
                similar_elsewhere: similar_elsewhere.clone(),
            });
            NcState::RootCauseAnalysed
        }
        NcAction::PlanActions { actions, .. } => {
            if actions.is_empty() {
                return Err(refuse("plan at least one corrective action".into()));
            }
            for (k, a) in actions.iter().enumerate() {
                if blank(&a.id) || blank(&a.description) {
                    return Err(refuse(format!("action {} needs an id and a description", k + 1)));
                }
                if nc.actions.iter().any(|x| x.id == a.id) || actions[..k].iter().any(|x| x.id == a.id) {
                    return Err(refuse(format!("action id `{}` is used twice", a.id)));
                }
                person(&a.owner)?;
                if a.due_on < on {
                    return Err(refuse(format!("action `{}` is due {} , before it is planned ({on})", a.id, a.due_on)));
                }
                if a.completed_on.is_some() {
                    return Err(refuse(format!("action `{}` is planned as already completed; use implement", a.id)));
                }
            }
            nc.actions.extend(actions.iter().cloned());
            NcState::ActionPlanned
        }
        NcAction::Implement { completed, .. } => {
            if completed.is_empty() {
                return Err(refuse("name at least one completed action".into()));
            }
            for c in completed {
                let Some(a) = nc.actions.iter_mut().find(|a| a.id == c.action) else {
                    return Err(Error::NotFound { kind: "corrective_action".into(), id: c.action.clone() });
                };
                if a.completed_on.is_some() {
                    return Err(refuse(format!("action `{}` is already completed", c.action)));
                }
                if c.on > on || c.on < old.raised_on {
                    return Err(refuse(format!(
                        "action `{}` completed on {}, outside {}..={on}",
                        c.action, c.on, old.raised_on
                    )));
                }
                a.completed_on = Some(c.on);
            }
            if nc.actions.iter().all(|a| a.completed_on.is_some()) {
                NcState::Implemented
            } else {
                NcState::ActionPlanned
            }
        }
        NcAction::Verify { by, effective, evidence, note: n, .. } => {
            if evidence.is_empty() {
                return Err(refuse("verification needs at least one evidence id".into()));
            }
            for e in evidence {
                if !doc.evidence.iter().any(|x| &x.id == e) {
                    return Err(Error::NotFound { kind: "evidence".into(), id: e.clone() });
                }
            }
            if !doc.settings.nc_verifier_may_be_implementer && implementers(old).contains(&by.as_str()) {
                return Err(refuse(format!(
                    "`{by}` implemented corrective actions of this nonconformity, so cannot verify their \
                     effectiveness (the review should be independent; set \
                     `settings.nc_verifier_may_be_implementer` to allow it)"
                )));
            }
            nc.verification = Some(Verification {
                by: by.clone(),
                on,
                effective: *effective,
                evidence: evidence.clone(),
                note: n.clone(),
            });
            note = match (effective, n) {
                (true, n) => n.clone(),
                (false, Some(n)) => Some(format!("ineffective: {n}")),
                (false, None) => Some("ineffective".to_owned()),
            };
            if *effective { NcState::Verified } else { NcState::Corrected }
        }
        NcAction::Close { .. } => NcState::Closed,
        NcAction::Reject { reason, .. } | NcAction::Cancel { reason, .. } | NcAction::Reopen { reason, .. } => {
            if blank(reason) {
                return Err(refuse("a reason is required".into()));
            }
            note = Some(reason.clone());
            match action {
                NcAction::Reject { .. } => NcState::Rejected,
                NcAction::Cancel { .. } => NcState::Cancelled,
                _ if nc.correction.is_some() => NcState::Corrected,
                _ => NcState::Raised,
            }
        }
    };
    if !targets.contains(&to) {
        return Err(refuse(format!("cannot lead to `{}` from here", state_name(to))));
    }
    nc.history.push(NcTransition {
        action: action.name().into(),
        from: old.state,
        to,
        on,
        by: Some(action.by().to_owned()),
        note,
    });
    nc.state = to;
    let mut new = doc.clone();
    new.nonconformities[idx] = nc;
    Ok(new)
}

/// Replays the history of `nc` from `raised` and returns the state it leads
/// to.
///
/// # Errors
/// [`Error::Invalid`] with an [`HISTORY_MISMATCH`] problem (path relative to
/// the nonconformity, e.g. `$.history[2].from`) at the first entry that does
/// not follow from the state before it, or names an unknown action or a
/// transition the action cannot make.
pub fn replay(nc: &Nonconformity) -> Result<NcState> {
    let mut state = NcState::Raised;
    for (j, h) in nc.history.iter().enumerate() {
        if h.from != state {
            return Err(Error::Invalid(vec![Problem::new(
                HISTORY_MISMATCH,
                format!("$.history[{j}].from"),
                format!(
                    "entry starts from `{}` but the state before it is `{}`",
                    state_name(h.from),
                    state_name(state)
                ),
            )]));
        }
        if !legal_targets(&h.action, h.from, nc.grade).contains(&h.to) {
            return Err(Error::Invalid(vec![Problem::new(
                HISTORY_MISMATCH,
                format!("$.history[{j}].to"),
                format!("`{}` cannot lead from `{}` to `{}`", h.action, state_name(h.from), state_name(h.to)),
            )]));
        }
        state = h.to;
    }
    Ok(state)
}

/// Every nonconformity whose history does not replay to its recorded state,
/// as [`HISTORY_MISMATCH`] problems with document paths. A nonconformity
/// without history must be in state `raised`.
pub fn check_history(doc: &Document) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, nc) in doc.nonconformities.iter().enumerate() {
        let base = format!("$.nonconformities[{i}]");
        match replay(nc) {
            // A history that cannot even be replayed is the same problem as
            // one that replays to the wrong state: one code for both, with
            // the path of the offending entry.
            Err(e) => out.extend(e.problems().into_iter().map(|mut p| {
                p.code = HISTORY_MISMATCH.to_string();
                p.path = format!("{base}{}", p.path.trim_start_matches('$'));
                p
            })),
            Ok(s) if s != nc.state => out.push(Problem::new(
                HISTORY_MISMATCH,
                format!("{base}.state"),
                format!("the history leads to `{}` but the state is `{}`", state_name(s), state_name(nc.state)),
            )),
            Ok(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests;
