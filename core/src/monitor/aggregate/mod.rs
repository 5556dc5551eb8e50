//! From results to control health: [`Observations`] collects records in any
//! order (streaming, one record at a time), [`summarize`] judges every
//! control on a date, [`coverage`] says how much of the SoA is tested.
//! The rules are in `docs/monitoring.md`.
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

/// What the results say about one control on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// A fresh result fails and the tolerance window is over.
    Failing,
    /// A fresh result fails, within the tolerance window.
    AtRisk,
    /// Fresh results exist but none decides: errors or manual checks, or
    /// passes alongside errors. Not evaluated is never "not applicable".
    NotEvaluated,
    /// At least one fresh pass, no fresh fail or error.
    Passing,
    /// Every fresh result says the check does not apply.
    NotApplicable,
    /// Results exist, none is fresh any more.
    Stale,
}

impl Health {
    /// The `snake_case` token.
    pub const fn as_str(self) -> &'static str {
        match self {
            Health::Failing => "failing",
            Health::AtRisk => "at_risk",
            Health::NotEvaluated => "not_evaluated",
            Health::Passing => "passing",
            Health::NotApplicable => "not_applicable",
            Health::Stale => "stale",
        }
    }

    /// Failing or at risk.
    pub fn is_failing(self) -> bool {
        matches!(self, Health::Failing | Health::AtRisk)
    }
}

/// What the SoA says of a control with results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SoaStanding {
    /// The SoA includes the control.
    Applicable,
    /// The SoA excludes it: its results are reported, never findings of a
    /// failing control.
    Excluded,
    /// The SoA does not decide it.
    Undecided,
}

/// One failing (or erroring) check on one resource: what a finding cites.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct CheckResult {
    /// The tool.
    pub tool: String,
    /// The check id.
    pub check: String,
    /// The resource (empty: account-wide).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resource_id: String,
    /// The resource's type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// Its latest status.
    pub status: Status,
    /// When it was last observed.
    pub observed_at: DateTime<Utc>,
    /// Since when it has failed without an intervening pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing_since: Option<DateTime<Utc>>,
    /// The tool's message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The tool's severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<ResultSeverity>,
}

/// Latest statuses of a control's (check, resource) pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct StatusCounts {
    /// Fresh passes.
    pub pass: u32,
    /// Fresh fails (overridden ones excluded).
    pub fail: u32,
    /// Fresh errors (overridden ones excluded).
    pub error: u32,
    /// Fresh manual checks.
    pub manual: u32,
    /// Fresh not-applicable results.
    pub not_applicable: u32,
    /// Pairs whose latest result is no longer fresh.
    pub stale: u32,
    /// Fails and errors set aside by an active override.
    pub overridden: u32,
}

/// An override that set results aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AppliedOverride {
    /// The check it is limited to, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// Who approved it.
    pub approved_by: String,
    /// Its last day.
    pub expires_on: Date,
    /// Why.
    pub justification: String,
}

/// One control's automated status on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ControlHealth {
    /// Annex A control id.
    pub control: String,
    /// Its title.
    pub title: String,
    /// The verdict.
    pub health: Health,
    /// What the SoA says.
    pub soa: SoaStanding,
    /// The newest result, on or before the date.
    pub last_observed: DateTime<Utc>,
    /// Days a result of this control stays fresh.
    pub cadence_days: u32,
    /// Last day the newest result is fresh.
    pub fresh_until: Date,
    /// Since when the control fails (the longest-failing pair).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing_since: Option<DateTime<Utc>>,
    /// Whole days it has failed on the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_failing: Option<u32>,
    /// The day a failure becomes a finding (end of the tolerance window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance_ends: Option<Date>,
    /// The severity of the finding a failing control gets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding_severity: Option<Severity>,
    /// Counts of the latest status per (check, resource).
    pub counts: StatusCounts,
    /// Fresh fails and errors, sorted (the evidence of a finding).
    pub failing: Vec<CheckResult>,
    /// Active overrides that set results aside.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<AppliedOverride>,
}

/// An override past its expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExpiredOverride {
    /// Its control.
    pub control: String,
    /// Its check, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<String>,
    /// Its last day.
    pub expires_on: Date,
    /// Who approved it.
    pub approved_by: String,
}

/// Every control's automated status on a date (`monitor_summary`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MonitorSummary {
    /// The date judged.
    pub as_of: Date,
    /// Records read.
    pub records: u64,
    /// Records mapped to no Annex A 2022 control (kept out of every verdict).
    pub unmapped_records: u64,
    /// Controls with at least one result on or before the date, in
    /// catalogue order.
    pub controls: Vec<ControlHealth>,
    /// Clauses 4–10 results were mapped to: noted, never evaluated or
    /// counted as automated.
    pub clauses_referenced: Vec<String>,
    /// 2013 controls with several 2022 successors, not counted.
    pub ambiguous_2013: Vec<String>,
    /// Overrides past their expiry: their results count again.
    pub expired_overrides: Vec<ExpiredOverride>,
}

impl MonitorSummary {
    /// The health of one control, if it has results.
    pub fn control(&self, id: &str) -> Option<&ControlHealth> {
        let id = catalog::control(id)?.id;
        self.controls.iter().find(|c| c.control == id)
    }
}

/// The SoA's word on every Annex A control.
pub(crate) fn standing(doc: &Document) -> BTreeMap<&'static str, SoaStanding> {
    let mut m = BTreeMap::new();
    for e in &doc.soa.entries {
        if let Some(c) = catalog::control(&e.control) {
            m.entry(c.id).or_insert(if e.applicable { SoaStanding::Applicable } else { SoaStanding::Excluded });
        }
    }
    m
}

fn day(t: &DateTime<Utc>) -> Date {
    t.date_naive()
}

fn days_between(from: Date, to: Date) -> u32 {
    u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
}

fn add_days(d: Date, n: u32) -> Date {
    crate::soa::add_days(d, n)
}

fn bump(s: Severity) -> Severity {
    match s {
        Severity::Info => Severity::Minor,
        Severity::Minor => Severity::Major,
        Severity::Major | Severity::Blocker => Severity::Blocker,
    }
}

/// Judges every control with results on `as_of` under the document's
/// monitoring settings and SoA. Results observed after `as_of` are ignored,
/// so a past date can be judged again.
pub fn summarize(doc: &Document, obs: &Observations, as_of: Date) -> MonitorSummary {
    let defaults = MonitoringSettings::default();
    let settings = doc.settings.monitoring.as_ref().unwrap_or(&defaults);
    let soa = standing(doc);
    let per_control: BTreeMap<&'static str, &crate::model::ControlMonitoring> =
        settings.controls.iter().filter_map(|c| catalog::control(&c.control).map(|k| (k.id, c))).collect();
    let active: Vec<(&'static str, &crate::model::MonitorOverride)> = settings
        .overrides
        .iter()
        .filter(|o| o.expires_on >= as_of)
        .filter_map(|o| catalog::control(&o.control).map(|k| (k.id, o)))
        .collect();

    let mut controls = Vec::new();
    for (&control, keys) in &obs.keys {
        let cm = per_control.get(control);
        let cadence = cm.and_then(|c| c.cadence_days).unwrap_or(settings.cadence_days);
        let tolerance = cm.and_then(|c| c.tolerance_days).unwrap_or(settings.tolerance_days);
        let critical = cm.is_some_and(|c| c.critical);
        let mut counts = StatusCounts::default();
        let mut failing = Vec::new();
        let mut last: Option<DateTime<Utc>> = None;
        let mut since: Option<DateTime<Utc>> = None;
        let mut applied: Vec<AppliedOverride> = Vec::new();
        for (composite, pair) in keys {
            let (check, tool, resource) = pair.parts(composite);
            let history = &pair.history;
            // The newest observation on or before as_of.
            let Some(newest) = history.iter().rposition(|(t, _)| day(t) <= as_of) else { continue };
            let (t, slot) = &history[newest];
            let o = &slot.obs;
            last = last.max(Some(*t));
            if add_days(day(t), cadence) < as_of {
                counts.stale += 1;
                continue;
            }
            let overrider = active.iter().find(|(c, ov)| *c == control && ov.check.as_ref().is_none_or(|x| x == check));
            if matches!(o.status, Status::Fail | Status::Error) {
                if let Some((_, ov)) = overrider {
                    counts.overridden += 1;
                    let a = AppliedOverride {
                        check: ov.check.clone(),
                        approved_by: ov.approved_by.clone(),
                        expires_on: ov.expires_on,
                        justification: ov.justification.clone(),
                    };
                    if !applied.contains(&a) {
                        applied.push(a);
                    }
                    continue;
                }
            }
            let mut failing_since = None;
            match o.status {
                Status::Pass => counts.pass += 1,
                Status::Manual => counts.manual += 1,
                Status::NotApplicable => counts.not_applicable += 1,
                Status::Error => counts.error += 1,
                Status::Fail => {
                    counts.fail += 1;
                    // Back through time while the pair kept failing; errors
                    // and manual results observe nothing and do not break it.
                    // An instant at which anything passed ends the walk (its
                    // own fail, if any, still counts).
                    let mut s = *t;
                    for (pt, ps) in history[..=newest].iter().rev() {
                        if ps.obs.status == Status::Fail {
                            s = *pt;
                        }
                        if ps.broke {
                            break;
                        }
                    }
                    failing_since = Some(s);
                    since = Some(since.map_or(s, |x: DateTime<Utc>| x.min(s)));
                }
            }
            if matches!(o.status, Status::Fail | Status::Error) {
                failing.push(CheckResult {
                    tool: tool.to_owned(),
                    check: check.to_owned(),
                    resource_id: resource.to_owned(),
                    resource_type: o.resource_type.clone(),
                    status: o.status,
                    observed_at: *t,
                    failing_since,
                    message: o.message.clone(),
                    severity: o.severity,
                });
            }
        }
        let Some(last) = last else { continue };
        failing.sort();
        applied.sort_by(|a, b| {
            (&a.check, a.expires_on, &a.approved_by, &a.justification).cmp(&(
                &b.check,
                b.expires_on,
                &b.approved_by,
                &b.justification,
            ))
        });
        let fresh = counts.pass + counts.fail + counts.error + counts.manual + counts.not_applicable;
        let mut days_failing = None;
        let mut tolerance_ends = None;
        let mut finding_severity = None;
        let health = if counts.fail > 0 {
            let start = since.map(|s| day(&s)).unwrap_or(as_of);
            let d = days_between(start, as_of);
            days_failing = Some(d);
            tolerance_ends = Some(add_days(start, tolerance));
            if d < tolerance {
                Health::AtRisk
            } else {
                let base = if d >= settings.escalate_after_days { Severity::Major } else { Severity::Minor };
                finding_severity = Some(if critical { bump(base) } else { base });
                Health::Failing
            }
        } else if counts.error > 0 {
            Health::NotEvaluated
        } else if counts.pass > 0 {
            Health::Passing
        } else if counts.manual > 0 {
            Health::NotEvaluated
        } else if counts.not_applicable > 0 {
            Health::NotApplicable
        } else if fresh == 0 && counts.overridden > 0 {
            // Everything fresh was set aside: nothing decides.
            Health::NotEvaluated
        } else {
            Health::Stale
        };
        let title = catalog::control(control).map(|c| c.title.to_owned()).unwrap_or_default();
        controls.push(ControlHealth {
            control: control.to_owned(),
            title,
            health,
            soa: soa.get(control).copied().unwrap_or(SoaStanding::Undecided),
            last_observed: last,
            cadence_days: cadence,
            fresh_until: add_days(day(&last), cadence),
            failing_since: if counts.fail > 0 { since } else { None },
            days_failing,
            tolerance_ends,
            finding_severity,
            counts,
            failing,
            overrides: applied,
        });
    }
    controls.sort_by_key(|c| catalog::annex_a().iter().position(|k| k.id == c.control).unwrap_or(usize::MAX));
    let mut expired: Vec<ExpiredOverride> = settings
        .overrides
        .iter()
        .filter(|o| o.expires_on < as_of)
        .map(|o| ExpiredOverride {
            control: catalog::control(&o.control).map(|c| c.id.to_owned()).unwrap_or_else(|| o.control.clone()),
            check: o.check.clone(),
            expires_on: o.expires_on,
            approved_by: o.approved_by.clone(),
        })
        .collect();
    expired.sort_by(|a, b| (&a.control, &a.check, a.expires_on).cmp(&(&b.control, &b.check, b.expires_on)));
    MonitorSummary {
        as_of,
        records: obs.records,
        unmapped_records: obs.unmapped,
        controls,
        clauses_referenced: obs.clauses.iter().cloned().collect(),
        ambiguous_2013: obs.ambiguous_2013.iter().cloned().collect(),
        expired_overrides: expired,
    }
}

/// How much of the Statement of Applicability automated tests cover
/// (`monitor_coverage`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Coverage {
    /// The date judged.
    pub as_of: Date,
    /// Annex A controls the SoA includes (the denominator).
    pub applicable: u32,
    /// Applicable controls with at least one automated check on or before
    /// the date (the numerator).
    pub automated: u32,
    /// `automated / applicable` (0 when nothing is applicable).
    pub ratio: f64,
    /// Applicable controls with at least one fresh pass or fail.
    pub evaluated_fresh: u32,
    /// The automated applicable controls.
    pub automated_controls: Vec<String>,
    /// The applicable controls no check covers.
    pub not_automated: Vec<String>,
    /// Controls the SoA excludes that have results anyway.
    pub excluded_with_results: Vec<String>,
    /// Controls the SoA does not decide that have results.
    pub undecided_with_results: Vec<String>,
    /// Clauses 4–10 results were mapped to: never counted as automated
    /// (the management system is not tested by a scanner).
    pub clauses_not_counted: Vec<String>,
}

/// Automation coverage of the SoA on `as_of`, from a summary on that date.
pub fn coverage(doc: &Document, summary: &MonitorSummary) -> Coverage {
    let soa = standing(doc);
    let with: BTreeMap<&str, &ControlHealth> = summary.controls.iter().map(|c| (c.control.as_str(), c)).collect();
    let mut automated_controls = Vec::new();
    let mut not_automated = Vec::new();
    let mut excluded = Vec::new();
    let mut undecided = Vec::new();
    let mut fresh = 0;
    for c in catalog::annex_a() {
        match (soa.get(c.id).copied(), with.get(c.id)) {
            (Some(SoaStanding::Applicable), Some(h)) => {
                automated_controls.push(c.id.to_owned());
                if h.counts.pass + h.counts.fail > 0 {
                    fresh += 1;
                }
            }
            (Some(SoaStanding::Applicable), None) => not_automated.push(c.id.to_owned()),
            (Some(SoaStanding::Excluded), Some(_)) => excluded.push(c.id.to_owned()),
            (None | Some(SoaStanding::Undecided), Some(_)) => undecided.push(c.id.to_owned()),
            _ => {}
        }
    }
    let applicable = (automated_controls.len() + not_automated.len()) as u32;
    let automated = automated_controls.len() as u32;
    Coverage {
        as_of: summary.as_of,
        applicable,
        automated,
        ratio: if applicable == 0 { 0.0 } else { f64::from(automated) / f64::from(applicable) },
        evaluated_fresh: fresh,
        automated_controls,
        not_automated,
        excluded_with_results: excluded,
        undecided_with_results: undecided,
        clauses_not_counted: summary.clauses_referenced.clone(),
    }
}

/// A control whose health changed between two dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct HealthChange {
    /// Annex A control id.
    pub control: String,
    /// Its health on the first date (absent: no results yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Health>,
    /// Its health on the second date (absent: no results any more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Health>,
}

/// What changed between two monitoring summaries (`monitor_drift`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MonitorDrift {
    /// The first date.
    pub from: Date,
    /// The second date.
    pub to: Date,
    /// Controls failing or at risk on `to` that were not on `from`.
    pub started_failing: Vec<HealthChange>,
    /// Controls failing or at risk on `from` that are not on `to`.
    pub stopped_failing: Vec<HealthChange>,
    /// Controls failing or at risk on both dates.
    pub still_failing: Vec<HealthChange>,
    /// Every other change of health.
    pub other_changes: Vec<HealthChange>,
}

/// The drift between two summaries (`before` on the earlier date).
pub fn drift(before: &MonitorSummary, after: &MonitorSummary) -> MonitorDrift {
    let b: BTreeMap<&str, Health> = before.controls.iter().map(|c| (c.control.as_str(), c.health)).collect();
    let a: BTreeMap<&str, Health> = after.controls.iter().map(|c| (c.control.as_str(), c.health)).collect();
    let mut d = MonitorDrift {
        from: before.as_of,
        to: after.as_of,
        started_failing: Vec::new(),
        stopped_failing: Vec::new(),
        still_failing: Vec::new(),
        other_changes: Vec::new(),
    };
    for c in catalog::annex_a() {
        let (x, y) = (b.get(c.id).copied(), a.get(c.id).copied());
        let ch = HealthChange { control: c.id.to_owned(), before: x, after: y };
        let fx = x.is_some_and(Health::is_failing);
        let fy = y.is_some_and(Health::is_failing);
        match (fx, fy) {
            (false, true) => d.started_failing.push(ch),
            (true, false) => d.stopped_failing.push(ch),
            (true, true) => d.still_failing.push(ch),
            (false, false) if x != y => d.other_changes.push(ch),
            _ => {}
        }
    }
    d
}
