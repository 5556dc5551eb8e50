//! The risk register (8.2, checklist step 6): one row per risk with its
//! scenario, owner, levels, rank, treatment and acceptance, as data and as
//! CSV, Markdown or JSON.
//!
//! What this is: a flat, presentation-ready view of [`super::assess`]. What
//! it is not: it decides nothing the assessment has not decided, and it does
//! no I/O (the caller writes the text where it wants).
//!
//! Rows are in register (document) order; the `rank` column gives the
//! priority. Lists inside a cell (assets, options, controls) are joined with
//! `"; "` in CSV and Markdown. Controls are those named by the risk's
//! treatments, then those whose SoA entry links the risk, without repeats.
//! The same document and date always give the same bytes.
use super::assess::{AssessedRisk, Assessment, LevelResult, assess};
use crate::Result;
use crate::model::{Date, Document, RiskStatus, TreatmentOption};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The register as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Register {
    /// The date the register is computed for.
    pub as_of: Date,
    /// One row per risk, in document order.
    pub rows: Vec<RegisterRow>,
}

/// One risk in the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RegisterRow {
    /// Risk id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Status.
    pub status: RiskStatus,
    /// Risk owner (person id).
    pub owner: Option<String>,
    /// Risk owner's name (the id when the person is unknown).
    pub owner_name: Option<String>,
    /// Asset ids.
    pub assets: Vec<String>,
    /// Threat or risk source.
    pub threat: Option<String>,
    /// Vulnerability.
    pub vulnerability: Option<String>,
    /// Inherent level.
    pub inherent: Option<LevelResult>,
    /// Residual level.
    pub residual: Option<LevelResult>,
    /// Rank (1 = highest).
    pub rank: Option<u32>,
    /// Effective level above appetite.
    pub above_appetite: bool,
    /// Treatment options chosen.
    pub treatment: Vec<TreatmentOption>,
    /// Controls relied upon.
    pub controls: Vec<String>,
    /// All treatment actions done.
    pub treated: bool,
    /// Owner's acceptance holds.
    pub accepted: bool,
    /// Who accepted (person id).
    pub accepted_by: Option<String>,
    /// Their name (the id when the person is unknown).
    pub accepted_by_name: Option<String>,
    /// When.
    pub accepted_on: Option<Date>,
    /// Last day the acceptance holds.
    pub acceptance_expires_on: Option<Date>,
    /// The acceptance has expired.
    pub acceptance_expired: bool,
    /// Next review date.
    pub review_due_on: Option<Date>,
    /// The review is overdue.
    pub review_overdue: bool,
}

/// The register of a document as of a date. Errors as [`assess`].
pub fn register(doc: &Document, as_of: Date) -> Result<Register> {
    Ok(register_from(doc, &assess(doc, as_of)?))
}

/// The register from an assessment already computed for `doc`.
pub fn register_from(doc: &Document, a: &Assessment) -> Register {
    // Controls per risk, gathered once: treatments first, then SoA links.
    let mut controls: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let from_treatments = doc.treatments.iter().flat_map(|t| t.controls.iter().map(move |c| (t.risk.as_str(), c)));
    let from_soa = doc.soa.entries.iter().flat_map(|e| e.risks.iter().map(move |r| (r.as_str(), &e.control)));
    for (risk, c) in from_treatments.chain(from_soa) {
        let list = controls.entry(risk).or_default();
        if !list.contains(c) {
            list.push(c.clone());
        }
    }
    let rows = doc
        .risks
        .iter()
        .zip(&a.risks)
        .map(|(r, ar)| row(doc, r, ar, controls.get(r.id.as_str()).cloned().unwrap_or_default()))
        .collect();
    Register { as_of: a.as_of, rows }
}

fn person_name(doc: &Document, id: &str) -> String {
    doc.people.iter().find(|p| p.id == id).map(|p| p.name.clone()).unwrap_or_else(|| id.to_string())
}

fn row(doc: &Document, r: &crate::model::Risk, ar: &AssessedRisk, controls: Vec<String>) -> RegisterRow {
    RegisterRow {
        id: r.id.clone(),
        title: r.title.clone(),
        status: r.status,
        owner: r.owner.clone(),
        owner_name: r.owner.as_deref().map(|o| person_name(doc, o)),
        assets: r.assets.clone(),
        threat: r.threat.clone(),
        vulnerability: r.vulnerability.clone(),
        inherent: ar.inherent.clone(),
        residual: ar.residual.clone(),
        rank: ar.rank,
        above_appetite: ar.above_appetite,
        treatment: ar.options.clone(),
        controls,
        treated: ar.treated,
        accepted: ar.accepted,
        accepted_by: ar.accepted_by.clone(),
        accepted_by_name: ar.accepted_by.as_deref().map(|o| person_name(doc, o)),
        accepted_on: ar.accepted_on,
        acceptance_expires_on: ar.acceptance_expires_on,
        acceptance_expired: ar.acceptance_expired,
        review_due_on: ar.review_due_on,
        review_overdue: ar.review_overdue,
    }
}

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "id",
    "title",
    "status",
    "owner",
    "assets",
    "threat",
    "vulnerability",
    "inherent_likelihood",
    "inherent_consequence",
    "inherent_level",
    "residual_likelihood",
    "residual_consequence",
    "residual_level",
    "rank",
    "above_appetite",
    "treatment",
    "controls",
    "treated",
    "accepted",
    "accepted_by",
    "accepted_on",
    "acceptance_expires_on",
    "review_due_on",
    "review_overdue",
];

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(|x| x.to_string()).unwrap_or_default()
}

fn status_name(s: RiskStatus) -> &'static str {
    match s {
        RiskStatus::Identified => "identified",
        RiskStatus::Open => "open",
        RiskStatus::Closed => "closed",
    }
}

/// The snake_case name of a treatment option, as in JSON.
pub fn option_name(o: TreatmentOption) -> &'static str {
    match o {
        TreatmentOption::Modify => "modify",
        TreatmentOption::Retain => "retain",
        TreatmentOption::Avoid => "avoid",
        TreatmentOption::Share => "share",
    }
}

fn options(v: &[TreatmentOption]) -> String {
    v.iter().map(|o| option_name(*o)).collect::<Vec<_>>().join("; ")
}

fn level_cells(l: &Option<LevelResult>) -> [String; 3] {
    match l {
        Some(l) => [l.likelihood.to_string(), l.consequence.to_string(), l.label.clone()],
        None => Default::default(),
    }
}

impl Register {
    /// The register as CSV (RFC 4180, header row, `\n` line ends). Levels are
    /// given by label; booleans as `true`/`false`; dates ISO 8601.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        // Writing to memory cannot fail; errors would only drop rows, never panic.
        let _ = w.write_record(CSV_COLUMNS);
        for r in &self.rows {
            let [il, ic, ilv] = level_cells(&r.inherent);
            let [rl, rc, rlv] = level_cells(&r.residual);
            let record = [
                r.id.clone(),
                r.title.clone(),
                status_name(r.status).to_string(),
                opt(&r.owner_name),
                r.assets.join("; "),
                opt(&r.threat),
                opt(&r.vulnerability),
                il,
                ic,
                ilv,
                rl,
                rc,
                rlv,
                opt(&r.rank),
                r.above_appetite.to_string(),
                options(&r.treatment),
                r.controls.join("; "),
                r.treated.to_string(),
                r.accepted.to_string(),
                opt(&r.accepted_by),
                opt(&r.accepted_on),
                opt(&r.acceptance_expires_on),
                opt(&r.review_due_on),
                r.review_overdue.to_string(),
            ];
            let _ = w.write_record(&record);
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// The register as a GitHub-flavoured Markdown table, for people.
    pub fn to_markdown(&self) -> String {
        let mut s = format!("# Risk register (as of {})\n\n", self.as_of);
        s.push_str("| Rank | ID | Title | Owner | Assets | Threat | Vulnerability | Inherent | Residual | Above appetite | Treatment | Controls | Accepted | Review due |\n");
        s.push_str("|---:|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for r in &self.rows {
            let level = |l: &Option<LevelResult>| match l {
                Some(l) => format!("{} (L{}×C{})", l.label, l.likelihood, l.consequence),
                None => "–".into(),
            };
            let accepted = match &r.accepted_by_name {
                None => "no".to_string(),
                Some(by) => {
                    let until = r.acceptance_expires_on.map(|d| format!(" until {d}")).unwrap_or_default();
                    let on = r.accepted_on.map(|d| format!(" on {d}")).unwrap_or_default();
                    if r.accepted {
                        format!("yes: {by}{on}{until}")
                    } else if r.acceptance_expired {
                        format!("no: expired ({by}{on}{until})")
                    } else if r.accepted_by != r.owner {
                        format!("no: by {by}, not the owner")
                    } else {
                        format!("no: not yet valid ({by}{on})")
                    }
                }
            };
            let review = match r.review_due_on {
                Some(d) if r.review_overdue => format!("{d} (overdue)"),
                Some(d) => d.to_string(),
                None => "–".into(),
            };
            let cells = [
                r.rank.map(|n| n.to_string()).unwrap_or_else(|| "–".into()),
                r.id.clone(),
                if r.status == RiskStatus::Closed { format!("{} (closed)", r.title) } else { r.title.clone() },
                r.owner_name.clone().unwrap_or_else(|| "–".into()),
                r.assets.join("; "),
                opt(&r.threat),
                opt(&r.vulnerability),
                level(&r.inherent),
                level(&r.residual),
                if r.above_appetite { "yes" } else { "no" }.into(),
                options(&r.treatment),
                r.controls.join("; "),
                accepted,
                review,
            ];
            s.push('|');
            for c in cells {
                s.push(' ');
                s.push_str(&md_escape(&c));
                s.push_str(" |");
            }
            s.push('\n');
        }
        s
    }
}

/// Keeps a cell on one line and its pipes literal.
fn md_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('|', "\\|").replace(['\r', '\n'], " ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn fixture() -> Document {
        crate::json::parse_document(include_str!("../../../tests/fixtures/risk-small.json")).unwrap()
    }

    fn as_of() -> Date {
        "2026-06-01".parse().unwrap()
    }

    #[test]
    fn csv_round_trips_through_a_reader() {
        let doc = fixture();
        let reg = register(&doc, as_of()).unwrap();
        let text = reg.to_csv();
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(rd.headers().unwrap().iter().collect::<Vec<_>>(), CSV_COLUMNS);
        let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), doc.risks.len());
        for (rec, row) in rows.iter().zip(&reg.rows) {
            assert_eq!(rec.len(), CSV_COLUMNS.len());
            assert_eq!(&rec[0], row.id);
            assert_eq!(&rec[1], row.title, "titles with commas and quotes survive");
            assert_eq!(rec[13].parse::<u32>().ok(), row.rank);
        }
    }

    #[test]
    fn controls_merge_treatments_and_soa_links() {
        let reg = register(&fixture(), as_of()).unwrap();
        let r = reg.rows.iter().find(|r| r.id == "R-ransomware").unwrap();
        assert_eq!(r.controls, ["8.13", "8.7", "5.30"]);
        assert_eq!(r.owner_name.as_deref(), Some("Ann Owner"));
    }

    #[test]
    fn markdown_snapshot() {
        let reg = register(&fixture(), as_of()).unwrap();
        let md = reg.to_markdown();
        assert_eq!(md.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| Rank")).count(), reg.rows.len());
        insta::assert_snapshot!(md);
    }

    #[test]
    fn output_is_deterministic() {
        let doc = fixture();
        let a = register(&doc, as_of()).unwrap();
        assert_eq!(a.to_csv(), register(&doc, as_of()).unwrap().to_csv());
        assert_eq!(crate::json::to_json(&a), crate::json::to_json(&register(&doc, as_of()).unwrap()));
    }
}
