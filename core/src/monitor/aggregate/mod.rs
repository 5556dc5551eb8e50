//! From results to control health: [`Observations`] collects records in any
//! order (streaming, one record at a time), [`summarize`] judges every
//! control on a date, [`coverage`] says how much of the SoA is tested.
//! The rules are in `docs/monitoring.md`.
//!
//! This file holds the collection ([`Observations`]); the judgements are in
//! `summary.rs`, `coverage.rs` and `drift.rs`, each importing what this file
//! imports.
use super::record::{ISO27001_2013, ISO27001_2022, ResultRecord, ResultSeverity, Status};
use super::view::{ControlId, RecordView};
use crate::catalog;
use crate::evaluate::Severity;
use crate::model::{Date, Document, MonitoringSettings};
use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod coverage;
mod drift;
mod summary;
pub use coverage::{Coverage, coverage};
pub use drift::{HealthChange, MonitorDrift, drift};
pub(crate) use summary::standing;
pub use summary::{
    AppliedOverride, CheckResult, ControlHealth, ExpiredOverride, Health, MonitorSummary, SoaStanding, StatusCounts,
    summarize,
};

/// A pair's instants in time order (a vector: histories are short, and
/// results mostly arrive in time order, so an insert is mostly a push).
type History = Vec<(DateTime<Utc>, Slot)>;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Obs {
    status: Status,
    message: Option<String>,
    severity: Option<ResultSeverity>,
    resource_type: Option<String>,
}

/// What is known of one instant of a pair: its worst observation, and
/// whether anything passed (or did not apply) then, which ends a streak.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Slot {
    obs: Obs,
    broke: bool,
}

impl Slot {
    fn new(obs: Obs) -> Self {
        let broke = matches!(obs.status, Status::Pass | Status::NotApplicable);
        Self { obs, broke }
    }

    /// Joins another observation of the same instant: the worst wins.
    fn join(&mut self, other: Slot) {
        self.broke |= other.broke;
        if other.obs < self.obs {
            self.obs = other.obs;
        }
    }
}

/// One pair's results: the composite text is check, tool and resource
/// (split by the two lengths), so a lookup borrows the record's strings.
#[derive(Debug, Clone, PartialEq, Default)]
struct Pair {
    check_len: usize,
    tool_len: usize,
    history: History,
}

impl Pair {
    fn parts<'a>(&self, composite: &'a str) -> (&'a str, &'a str, &'a str) {
        let (check, rest) = composite.split_at(self.check_len);
        let (tool, resource) = rest.split_at(self.tool_len);
        (check, tool, resource)
    }

    /// Adds an observation at `t`. With a horizon, only what a judgement
    /// on the horizon can read is kept: nothing before the pair's last pass
    /// (the walk back stops there), and the tool's words only for the
    /// newest instant.
    fn insert(&mut self, t: DateTime<Utc>, slot: Slot, compact: bool) {
        let h = &mut self.history;
        if compact {
            if let Some((first, s)) = h.first() {
                if s.broke && t < *first {
                    return;
                }
            }
        }
        let at = match h.last() {
            Some((last, _)) if *last < t => h.len(),
            _ => h.partition_point(|(k, _)| *k < t),
        };
        let broke = slot.broke;
        let newest = at == h.len();
        match h.get_mut(at) {
            Some((k, old)) if *k == t => old.join(slot),
            _ => h.insert(at, (t, slot)),
        }
        if !compact {
            return;
        }
        let mut at = at;
        if broke && at > 0 {
            h.drain(..at);
            at = 0;
            // A long streak just ended: give its room back, so what is held
            // follows what is live.
            if h.capacity() > 8 && h.capacity() > 4 * h.len() {
                h.shrink_to(2 * h.len());
            }
        }
        // Only the newest instant's words can be reported.
        let strip = if newest {
            at.checked_sub(1)
        } else if at + 1 < h.len() {
            Some(at)
        } else {
            None
        };
        if let Some((_, s)) = strip.and_then(|i| h.get_mut(i)) {
            s.obs.message = None;
            s.obs.resource_type = None;
        }
    }
}

/// Results collected per (control, check, tool, resource), with the history
/// of each. Insertion order never matters: at one instant the worst status
/// wins, and every judgement reads the history in time order.
///
/// [`Observations::new`] keeps every instant, so any date can be judged.
/// [`Observations::until`] judges one date (its horizon) and keeps only what
/// that judgement can read: records observed after the horizon are counted
/// and set aside, and a pair forgets everything before its last pass. Its
/// memory then grows with the number of pairs (and the instants of pairs
/// that have failed since their last pass), never with the number of
/// records read; this is what streams a results file of any size.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Observations {
    keys: BTreeMap<&'static str, FxHashMap<String, Pair>>,
    records: u64,
    unmapped: u64,
    clauses: BTreeSet<String>,
    ambiguous_2013: BTreeSet<String>,
    horizon: Option<Date>,
    composite: String,
}

impl Observations {
    /// No results yet; every instant is kept.
    pub fn new() -> Self {
        Self::default()
    }

    /// No results yet, to be judged on `as_of` only: bounded memory (see
    /// the type's documentation). A summary on any other date is not
    /// defined for this collection.
    pub fn until(as_of: Date) -> Self {
        Self { horizon: Some(as_of), ..Self::default() }
    }

    /// The one date this collection can be judged on, if it was made with
    /// [`Observations::until`].
    pub fn horizon(&self) -> Option<Date> {
        self.horizon
    }

    /// Collects every record of `records`.
    pub fn from_records<'r>(records: impl IntoIterator<Item = &'r ResultRecord>) -> Self {
        let mut o = Self::new();
        for r in records {
            o.push(r);
        }
        o
    }

    /// Distinct (control, check, tool, resource) pairs held.
    pub fn pairs(&self) -> usize {
        self.keys.values().map(FxHashMap::len).sum()
    }

    /// Instants held over all pairs (what the memory grows with).
    pub fn instants(&self) -> usize {
        self.keys.values().flat_map(FxHashMap::values).map(|p| p.history.len()).sum()
    }

    /// Collects one record. Its Annex A 2022 controls count; a 2013 id counts
    /// for its 2022 successor when it has exactly one (A.18.2.3, split over
    /// two, is listed as ambiguous); clauses 4–10 are noted, never evaluated.
    pub fn push(&mut self, r: &ResultRecord) {
        self.push_view(&RecordView::of(r));
    }

    /// [`Observations::push`] of a record's borrowed fields (the streaming
    /// path; see [`super::view`]). The record must be normalised and checked.
    pub fn push_view<C: ControlId>(&mut self, r: &RecordView<'_, C>) {
        self.records += 1;
        let mut controls: [Option<&'static str>; 8] = [None; 8];
        let mut extra: Vec<&'static str> = Vec::new();
        let mut n = 0;
        let mut add = |id: &'static str| {
            if controls[..n.min(8)].contains(&Some(id)) || extra.contains(&id) {
                return;
            }
            if n < 8 {
                controls[n] = Some(id);
            } else {
                extra.push(id);
            }
            n += 1;
        };
        for c in r.controls {
            match c.framework() {
                ISO27001_2022 => match catalog::control(c.id()) {
                    Some(ctl) => add(ctl.id),
                    None => {
                        if let Some(cl) = catalog::clause(c.id()) {
                            if !self.clauses.contains(cl.id) {
                                self.clauses.insert(cl.id.to_owned());
                            }
                        }
                    }
                },
                ISO27001_2013 => {
                    let succ = catalog::successors_of_2013(c.id());
                    match succ.as_slice() {
                        [one] => {
                            if let Some(ctl) = catalog::control(one.id_2022) {
                                add(ctl.id);
                            }
                        }
                        [] => {}
                        _ => {
                            self.ambiguous_2013.insert(catalog::normalize_2013_id(c.id()));
                        }
                    }
                }
                _ => {}
            }
        }
        if n == 0 {
            self.unmapped += 1;
            return;
        }
        if self.horizon.is_some_and(|h| day(&r.observed_at) > h) {
            return;
        }
        let obs = Obs {
            status: r.status,
            message: r.message.map(str::to_owned),
            severity: r.severity,
            resource_type: r.resource_type.map(str::to_owned),
        };
        let resource = r.resource_id.unwrap_or_default();
        let mut composite = std::mem::take(&mut self.composite);
        composite.clear();
        composite.push_str(r.check);
        composite.push_str(r.tool);
        composite.push_str(resource);
        let compact = self.horizon.is_some();
        let lens = (r.check.len(), r.tool.len());
        let mut all = controls.into_iter().flatten().chain(extra).peekable();
        let mut obs = Some(obs);
        while let Some(control) = all.next() {
            // The last control takes the observation itself, the others a copy.
            let o = if all.peek().is_some() { obs.clone() } else { obs.take() };
            let Some(o) = o else { break };
            self.with_pair(control, &composite, lens, |p| p.insert(r.observed_at, Slot::new(o), compact));
        }
        // Kept for its room only: empty between pushes, so equality ignores it.
        composite.clear();
        self.composite = composite;
    }

    fn with_pair(&mut self, control: &'static str, composite: &str, lens: (usize, usize), f: impl FnOnce(&mut Pair)) {
        let pairs = self.keys.entry(control).or_default();
        match pairs.get_mut(composite) {
            Some(p) => f(p),
            None => {
                let mut p = Pair { check_len: lens.0, tool_len: lens.1, history: History::new() };
                f(&mut p);
                pairs.insert(composite.to_owned(), p);
            }
        }
    }

    /// Records collected.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Merges another collection into this one (same result as pushing its
    /// records here when both have the same horizon, or neither has one).
    /// This collection's horizon is kept.
    pub fn merge(&mut self, other: Observations) {
        self.records += other.records;
        self.unmapped += other.unmapped;
        self.clauses.extend(other.clauses);
        self.ambiguous_2013.extend(other.ambiguous_2013);
        let compact = self.horizon.is_some();
        for (control, pairs) in other.keys {
            for (k, p) in pairs {
                let horizon = self.horizon;
                self.with_pair(control, &k, (p.check_len, p.tool_len), |mine| {
                    for (t, s) in p.history {
                        if horizon.is_none_or(|h| day(&t) <= h) {
                            mine.insert(t, s, compact);
                        }
                    }
                });
            }
        }
    }
}

fn day(t: &DateTime<Utc>) -> Date {
    t.date_naive()
}
