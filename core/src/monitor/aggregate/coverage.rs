//! How much of the SoA is tested: [`coverage`] of a [`MonitorSummary`].
use super::*;

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
