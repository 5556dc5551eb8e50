//! Scheduling: the certification cycle, the internal audit programme,
//! management reviews and every recurring due date of an ISMS, as dated data.
//!
//! **What this is**: pure functions from a [`Document`](crate::Document) and
//! dates to plans and calendars:
//!
//! | Function | Serves |
//! |---|---|
//! | [`certification_cycle`] | ISO/IEC 17021-1 9.1.3 and 9.6 (checklist steps 14, 16): stage 1 → stage 2 → decision → surveillance 1 and 2 → recertification → expiry, with windows and status |
//! | [`audit_programme`] | 27001 9.2.2 (step 13): coverage of clauses 4–10 and applicable Annex A controls over the cycle, and proposed audits with independent auditors |
//! | [`management_review_plan`] | 27001 9.3 (step 11): reviews at the configured cadence, pulled ahead of external audits |
//! | [`calendar()`] | one merged, sorted calendar of all of the above plus training, document review, evidence refresh, risk reassessment, nonconformity and action due dates |
//! | [`audit_duration`] | ISO/IEC 27006-1:2024 Annex C: auditor-days for the initial audit |
//!
//! **What this is not**: a calendar application. Nothing here reads the
//! clock: every function takes its `as_of` or `from`/`to` dates. iCalendar
//! (.ics) files are written by the CLI from [`Calendar`] data, so the core
//! pulls in no iCalendar crate (whose builder reads the clock and a random
//! generator for defaults) and stays lean for the WebAssembly binding.
//!
//! ## Date arithmetic
//!
//! Months and years are added with chrono's `checked_add_months`, which
//! clamps to the end of the month when the day does not exist: 31 January +
//! 1 month = 28 (or 29) February; 29 February 2024 + 12 months = 28 February
//! 2025; + 36 months = 28 February 2027. A year is 12 months. Days are
//! calendar days. Results beyond chrono's range saturate at its limits rather
//! than fail, so no input can panic the scheduler.
mod calendar;
mod cycle;
mod duration;
mod programme;

pub use calendar::{Calendar, CalendarItem, CalendarKind, ManagementReviewSlot, calendar, management_review_plan};
pub use cycle::{CertificateState, CertificationCycle, Consequence, Milestone, MilestoneKind, certification_cycle};
pub use duration::{DurationEstimate, DurationFactors, PersonsSource, audit_duration};
pub use programme::{
    AuditProgramme, CoverageItem, CoverageStatus, IndependenceConflict, MAX_LEAD_DAYS, MAX_PROGRAMME_AUDITS,
    ProgrammeOptions, ProposedAudit, audit_programme, programme_window,
};

use crate::model::Date;
use chrono::{Days, Months, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Longest accepted date range of [`calendar()`] and
/// [`management_review_plan`]: 100 years. Their results grow with the range.
pub const MAX_RANGE_DAYS: i64 = 36_525;

/// Checks a `from`..=`to` range: `to` not before `from`, and at most
/// [`MAX_RANGE_DAYS`] long. Paths are `$.from` / `$.to`; [`calendar()`]
/// calls it, and front ends call it before [`management_review_plan`].
pub fn check_range(from: Date, to: Date) -> crate::Result<()> {
    if to < from {
        return Err(crate::Error::invalid_argument("$.to", format!("the range ends ({to}) before it starts ({from})")));
    }
    let days = (to - from).num_days();
    if days > MAX_RANGE_DAYS {
        return Err(crate::Error::LimitExceeded {
            path: "$.to".into(),
            message: format!("the range from {from} to {to} spans {days} days, at most {MAX_RANGE_DAYS} are accepted"),
        });
    }
    Ok(())
}

/// Adds (or, when negative, subtracts) calendar months, clamping to the end
/// of the month; saturates at chrono's date limits.
pub fn add_months(date: Date, months: i64) -> Date {
    let n = Months::new(u32::try_from(months.unsigned_abs()).unwrap_or(u32::MAX));
    if months >= 0 {
        date.checked_add_months(n).unwrap_or(NaiveDate::MAX)
    } else {
        date.checked_sub_months(n).unwrap_or(NaiveDate::MIN)
    }
}

/// Adds (or subtracts) years as 12 months each: 29 February + 1 year is
/// 28 February.
pub fn add_years(date: Date, years: i64) -> Date {
    add_months(date, years.saturating_mul(12))
}

/// When document `d` of `doc` is next due for review: its last review (or
/// approval) plus its own interval, else `settings.document_review_days`.
/// `None` without either date. The one definition the evaluation rule
/// (`documents.review_overdue`) and the calendar share.
pub fn document_review_due(doc: &crate::Document, d: &crate::model::DocumentedInfo) -> Option<Date> {
    let last = d.last_reviewed_on.or(d.approved_on)?;
    Some(add_days(last, i64::from(d.review_interval_days.unwrap_or(doc.settings.document_review_days))))
}

/// When risk `r` of `doc` is next due for reassessment: `assessed_on` plus
/// `settings.risk_review_days`. `None` when it was never assessed. Shared by
/// the risk assessment (and so the `risk.review_overdue` rule) and the
/// calendar.
pub fn risk_review_due(doc: &crate::Document, r: &crate::model::Risk) -> Option<Date> {
    r.assessed_on.map(|on| add_days(on, i64::from(doc.settings.risk_review_days)))
}

/// Adds (or subtracts) calendar days; saturates at chrono's date limits.
pub fn add_days(date: Date, days: i64) -> Date {
    let n = Days::new(days.unsigned_abs());
    if days >= 0 {
        date.checked_add_days(n).unwrap_or(NaiveDate::MAX)
    } else {
        date.checked_sub_days(n).unwrap_or(NaiveDate::MIN)
    }
}

/// Where a dated item stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Done (held, completed, decided).
    Done,
    /// Not yet due, and not within the warning window.
    Upcoming,
    /// Due within the warning window (`settings.warning_window_days`).
    DueSoon,
    /// Past its target date but, for a milestone, still within its window.
    Overdue,
    /// Past the latest date of its window: the deadline was missed.
    Missed,
}

impl Status {
    /// The status of an item that is not done, due on `target`, with an
    /// optional hard `latest` date, as of `as_of`.
    pub fn of(target: Date, latest: Option<Date>, as_of: Date, warning_days: u32) -> Status {
        if latest.is_some_and(|l| as_of > l) {
            Status::Missed
        } else if as_of > target {
            Status::Overdue
        } else if as_of >= add_days(target, -i64::from(warning_days)) {
            Status::DueSoon
        } else {
            Status::Upcoming
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn months_clamp_to_month_end() {
        assert_eq!(add_months(d("2024-02-29"), 12), d("2025-02-28"));
        assert_eq!(add_years(d("2024-02-29"), 3), d("2027-02-28"));
        assert_eq!(add_years(d("2024-02-29"), 4), d("2028-02-29"));
        assert_eq!(add_months(d("2025-01-31"), 1), d("2025-02-28"));
        assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
        assert_eq!(add_months(d("2025-03-31"), -1), d("2025-02-28"));
        assert_eq!(add_months(d("2025-12-31"), 2), d("2026-02-28"));
        assert_eq!(add_days(d("2024-02-28"), 1), d("2024-02-29"));
        assert_eq!(add_days(d("2024-03-01"), -1), d("2024-02-29"));
    }

    #[test]
    fn arithmetic_saturates() {
        assert_eq!(add_months(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(add_months(NaiveDate::MIN, -1), NaiveDate::MIN);
        assert_eq!(add_days(NaiveDate::MAX, i64::MAX), NaiveDate::MAX);
        assert_eq!(add_days(NaiveDate::MIN, i64::MIN), NaiveDate::MIN);
        assert_eq!(add_years(d("2024-01-01"), i64::MAX), NaiveDate::MAX);
    }

    #[test]
    fn status_boundaries() {
        let t = d("2025-06-30");
        let l = Some(d("2025-07-31"));
        assert_eq!(Status::of(t, l, d("2025-05-30"), 30), Status::Upcoming);
        assert_eq!(Status::of(t, l, d("2025-05-31"), 30), Status::DueSoon);
        assert_eq!(Status::of(t, l, t, 30), Status::DueSoon);
        assert_eq!(Status::of(t, l, d("2025-07-01"), 30), Status::Overdue);
        assert_eq!(Status::of(t, l, d("2025-07-31"), 30), Status::Overdue);
        assert_eq!(Status::of(t, l, d("2025-08-01"), 30), Status::Missed);
        assert_eq!(Status::of(t, None, d("2030-01-01"), 30), Status::Overdue);
    }
}
