//! The judgement of every control on a date: [`summarize`] and the types of
//! its [`MonitorSummary`], with the SoA standing it reads.
use super::*;

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
