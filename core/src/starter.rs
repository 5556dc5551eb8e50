//! The starter ISMS that `isms init` writes: a small document with which
//! [`crate::evaluate`] reports Stage 1 and Stage 2 ready and raises no finding.
//! Every element is there because a rule asks for it (`docs/rules.md`); an
//! organisation replaces the placeholders with its own.
//!
//! The template (`core/data/starter.json`) is dated around
//! [`STARTER_ANCHOR`]; [`starter`] moves every date by the same number of
//! days, so the document is as ready on `as_of` as the template is on the
//! anchor. Pure: the date is a parameter.
use crate::model::{Date, Document};
use serde_json::Value;

/// The day the template's dates are relative to.
pub const STARTER_ANCHOR: &str = "2026-06-01";

const TEMPLATE: &str = include_str!("../data/starter.json");

/// The starter document, dated for `as_of`.
///
/// # Errors
/// [`crate::Error::InvalidArgument`] when `as_of` is so far from the anchor
/// that a shifted date leaves the supported range.
pub fn starter(as_of: Date) -> crate::Result<Document> {
    let anchor: Date = STARTER_ANCHOR.parse().map_err(|_| crate::Error::invalid_argument("as_of", "bad anchor"))?;
    let days = (as_of - anchor).num_days();
    let mut v: Value =
        serde_json::from_str(TEMPLATE).map_err(|e| crate::Error::invalid_argument("template", e.to_string()))?;
    shift(&mut v, days)?;
    serde_json::from_value(v).map_err(|e| crate::Error::invalid_argument("as_of", e.to_string()))
}

/// Moves every `YYYY-MM-DD` string in `v` by `days`.
fn shift(v: &mut Value, days: i64) -> crate::Result<()> {
    match v {
        Value::String(s) if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' => {
            if let Ok(d) = s.parse::<Date>() {
                let moved = d
                    .checked_add_signed(chrono::TimeDelta::days(days))
                    .filter(|m| (1000..=9999).contains(&chrono::Datelike::year(m)))
                    .ok_or_else(|| {
                        crate::Error::invalid_argument("as_of", "the starter's dates would leave years 1000-9999")
                    })?;
                *s = moved.to_string();
            }
        }
        Value::Array(a) => a.iter_mut().try_for_each(|x| shift(x, days))?,
        Value::Object(o) => o.values_mut().try_for_each(|x| shift(x, days))?,
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_starter_is_ready_with_no_finding_whenever_it_is_made() {
        let anchor: Date = STARTER_ANCHOR.parse().unwrap();
        // Every 11th day over four years: month lengths and leap years vary.
        for k in -66..67 {
            let as_of = anchor + chrono::TimeDelta::days(k * 11);
            let doc = starter(as_of).unwrap();
            assert!(crate::validate::validate(&doc).is_empty(), "{as_of}");
            let e = crate::evaluate::evaluate(&doc, as_of);
            assert!(e.readiness.stage1.ready && e.readiness.stage2.ready, "{as_of}: {:?}", e.findings);
            assert_eq!(e.summary.total, 0, "{as_of}: {:?}", e.findings);
        }
    }

    #[test]
    fn dates_move_together_and_far_dates_are_refused() {
        let a = starter("2026-06-01".parse().unwrap()).unwrap();
        let b = starter("2026-06-11".parse().unwrap()).unwrap();
        assert_eq!(
            a.certification.target_date.unwrap() + chrono::TimeDelta::days(10),
            b.certification.target_date.unwrap()
        );
        assert!(starter(Date::from_ymd_opt(9999, 12, 1).unwrap()).is_err());
    }
}
