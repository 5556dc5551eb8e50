//! One nonconformity in full: the record, its deadline and what may be done
//! next (`isms nc show`).
use super::{allowed_actions, deadline, is_open};
use crate::model::{Date, Document, NcState, Nonconformity};
use crate::schedule::Status;
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A nonconformity with its derived state (schema `nc_show.response`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NcDetail {
    /// The record as the document holds it, history included.
    pub nonconformity: Nonconformity,
    /// Its current state.
    pub state: NcState,
    /// The date its corrective action is due by (per `settings.nc_deadlines`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// The deadline judged on the request's date (absent once closed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_status: Option<Status>,
    /// The lifecycle actions allowed now.
    pub allowed_actions: Vec<String>,
}

/// The nonconformity `id` of `doc`, judged on `as_of`. Errors:
/// [`Error::NotFound`] for an unknown id.
pub fn detail(doc: &Document, id: &str, as_of: Date) -> Result<NcDetail> {
    let nc = doc
        .nonconformities
        .iter()
        .find(|n| n.id == id)
        .ok_or_else(|| Error::NotFound { kind: "nonconformity".into(), id: id.into() })?;
    let due = deadline(nc, doc);
    Ok(NcDetail {
        nonconformity: nc.clone(),
        state: nc.state,
        deadline: due,
        deadline_status: due
            .filter(|_| is_open(nc.state))
            .map(|d| Status::of(d, None, as_of, doc.settings.warning_window_days)),
        allowed_actions: allowed_actions(nc).into_iter().map(str::to_owned).collect(),
    })
}
