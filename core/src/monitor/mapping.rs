//! The check → control mapping table (CSV) and its lint.
//!
//! Format: a header row naming the columns `check`, `framework` and
//! `control` (required) and `tool` (optional; empty means any tool), then
//! one row per (check, control). `framework` is `iso27001-2022` or
//! `iso27001-2013` (tools' spellings such as `ISO27001-2022` are accepted);
//! 2022 ids are written `8.8` or `A.8.8`, 2013 ids `A.12.6.1`.
use super::record::{ControlRef, ISO27001_2013, ISO27001_2022, ResultRecord, normalize_control, normalize_framework};
use crate::catalog::{self, MappingKind};
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One row of a mapping table, normalised.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct MappingRow {
    /// 1-based line of the CSV.
    pub line: u64,
    /// The tool, if the row is limited to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    /// The check id.
    pub check: String,
    /// The control as written, normalised.
    pub control: ControlRef,
    /// The 2022 control it stands for (a 2022 id, or a 2013 id with a single
    /// successor); absent when unknown or ambiguous.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_2022: Option<String>,
}

/// A parsed mapping table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MappingTable {
    rows: Vec<MappingRow>,
    by_check: BTreeMap<String, Vec<usize>>,
}

/// How bad a lint issue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IssueLevel {
    /// The row cannot be used.
    Error,
    /// The row is used, but deserves a look.
    Warning,
}

/// One finding of the lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub struct LintIssue {
    /// 1-based CSV line (0: the table as a whole).
    pub line: u64,
    /// Error or warning.
    pub level: IssueLevel,
    /// Stable code: `unknown_control`, `unknown_2013_control`,
    /// `split_2013`, `merged_2013`, `clause_not_control`,
    /// `other_framework`, `blank_field`, `duplicate_row`, `mixed_editions`.
    pub code: String,
    /// The column concerned.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// The lint of a mapping table (`mapping_lint`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MappingLint {
    /// Whether no issue is an error.
    pub ok: bool,
    /// Data rows read.
    pub rows: u32,
    /// Distinct check ids.
    pub checks: u32,
    /// Editions the table uses (`iso27001-2013`, `iso27001-2022`).
    pub editions: Vec<String>,
    /// Issues, by line.
    pub issues: Vec<LintIssue>,
    /// 2022 controls some check covers.
    pub covered: Vec<String>,
    /// Controls no check covers: the applicable controls of the document's
    /// SoA when one is given, else all 93 Annex A controls.
    pub uncovered: Vec<String>,
}

fn issue(line: u64, level: IssueLevel, code: &str, field: &str, message: String) -> LintIssue {
    LintIssue { line, level, code: code.into(), field: field.into(), message }
}

/// Parses and lints a mapping table. Errors (`invalid_argument`): not CSV,
/// or a header without `check`, `framework` and `control`.
pub fn lint(text: &str, applicable: Option<&BTreeSet<&'static str>>) -> Result<(MappingTable, MappingLint)> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::invalid_argument("$.csv", format!("line 1: not a CSV header: {e}")))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(ci), Some(fi), Some(ki)) = (col("check"), col("framework"), col("control")) else {
        return Err(Error::invalid_argument(
            "$.csv",
            format!(
                "line 1: the header must name the columns check, framework and control (and optionally tool); got `{}`",
                headers.iter().collect::<Vec<_>>().join(",")
            ),
        ));
    };
    let ti = col("tool");
    let mut issues = Vec::new();
    let mut table = MappingTable::default();
    let mut editions = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::invalid_argument("$.csv", format!("line {line}: not CSV: {e}"))
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |i: usize| rec.get(i).unwrap_or("").to_owned();
        let (check, framework, control) = (get(ci), get(fi), get(ki));
        let tool = ti.map(get).filter(|t| !t.is_empty());
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let mut blank = false;
        for (v, name) in [(&check, "check"), (&framework, "framework"), (&control, "control")] {
            if v.is_empty() {
                issues.push(issue(line, IssueLevel::Error, "blank_field", name, format!("the {name} is blank")));
                blank = true;
            }
        }
        if blank {
            continue;
        }
        let fw = normalize_framework(&framework);
        let id = normalize_control(&fw, &control);
        let mut control_2022 = None;
        match fw.as_str() {
            ISO27001_2022 => {
                editions.insert(fw.clone());
                if let Some(c) = catalog::control(&id) {
                    control_2022 = Some(c.id.to_owned());
                } else if catalog::clause(&id).is_some() && !id.starts_with(['5', '6', '7', '8']) {
                    issues.push(issue(
                        line,
                        IssueLevel::Warning,
                        "clause_not_control",
                        "control",
                        format!("`{control}` is clause {id} of the management system: a check is never counted as testing a clause"),
                    ));
                } else {
                    issues.push(issue(
                        line,
                        IssueLevel::Error,
                        "unknown_control",
                        "control",
                        format!("`{control}` is not an Annex A control of ISO/IEC 27001:2022 (5.1–5.37, 6.1–6.8, 7.1–7.14, 8.1–8.34)"),
                    ));
                }
            }
            ISO27001_2013 => {
                editions.insert(fw.clone());
                let succ = catalog::successors_of_2013(&id);
                match succ.as_slice() {
                    [] => issues.push(issue(
                        line,
                        IssueLevel::Error,
                        "unknown_2013_control",
                        "control",
                        format!("`{control}` is not an Annex A control of ISO/IEC 27001:2013"),
                    )),
                    [one] => {
                        control_2022 = Some(one.id_2022.to_owned());
                        if one.kind == MappingKind::Merged {
                            issues.push(issue(
                                line,
                                IssueLevel::Warning,
                                "merged_2013",
                                "control",
                                format!(
                                    "{id} (2013) is one of several controls merged into {} (2022): the check covers only part of it",
                                    one.id_2022
                                ),
                            ));
                        }
                    }
                    many => issues.push(issue(
                        line,
                        IssueLevel::Error,
                        "split_2013",
                        "control",
                        format!(
                            "{id} (2013) is split over {} (2022): map the check to the 2022 control it tests",
                            many.iter().map(|m| m.id_2022).collect::<Vec<_>>().join(" and ")
                        ),
                    )),
                }
            }
            other => issues.push(issue(
                line,
                IssueLevel::Warning,
                "other_framework",
                "framework",
                format!("framework `{other}` is kept but not evaluated (expected iso27001-2022 or iso27001-2013)"),
            )),
        }
        let key = (tool.clone(), check.clone(), control_2022.clone().unwrap_or_else(|| format!("{fw}:{id}")));
        if !seen.insert(key) {
            issues.push(issue(
                line,
                IssueLevel::Warning,
                "duplicate_row",
                "check",
                format!("check `{check}` is already mapped to this control"),
            ));
            continue;
        }
        let row =
            MappingRow { line, tool, check: check.clone(), control: ControlRef { framework: fw, id }, control_2022 };
        table.by_check.entry(check).or_default().push(table.rows.len());
        table.rows.push(row);
    }
    if editions.len() > 1 {
        issues.push(issue(
            0,
            IssueLevel::Warning,
            "mixed_editions",
            "framework",
            "the table mixes ISO/IEC 27001:2013 and 2022 ids; 2013 ids are read through the 27002:2022 Annex B correspondence".into(),
        ));
    }
    issues.sort();
    let covered: BTreeSet<&str> = table.rows.iter().filter_map(|r| r.control_2022.as_deref()).collect();
    let uncovered = catalog::annex_a()
        .iter()
        .filter(|c| applicable.is_none_or(|a| a.contains(c.id)))
        .filter(|c| !covered.contains(c.id))
        .map(|c| c.id.to_owned())
        .collect();
    let covered_list = catalog::annex_a().iter().filter(|c| covered.contains(c.id)).map(|c| c.id.to_owned()).collect();
    let report = MappingLint {
        ok: !issues.iter().any(|i| i.level == IssueLevel::Error),
        rows: table.rows.len() as u32,
        checks: table.by_check.len() as u32,
        editions: editions.into_iter().collect(),
        issues,
        covered: covered_list,
        uncovered,
    };
    Ok((table, report))
}

impl MappingTable {
    /// Rows, in file order.
    pub fn rows(&self) -> &[MappingRow] {
        &self.rows
    }

    /// Adds the controls the table maps `r`'s check to (rows for its tool or
    /// for any tool), as 2022 ids where known; keeps the record's own.
    pub fn apply(&self, r: &mut ResultRecord) {
        let Some(rows) = self.by_check.get(&r.check) else { return };
        for &i in rows {
            let row = &self.rows[i];
            if row.tool.as_ref().is_some_and(|t| !t.eq_ignore_ascii_case(&r.source.tool)) {
                continue;
            }
            let c = match &row.control_2022 {
                Some(id) => ControlRef { framework: ISO27001_2022.into(), id: id.clone() },
                None => row.control.clone(),
            };
            if !r.controls.contains(&c) {
                r.controls.push(c);
            }
        }
        r.controls.sort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_finds_every_kind_of_problem() {
        let csv = "tool,check,framework,control\n\
                   prowler,iam_root_mfa_enabled,ISO27001-2022,A.8.5\n\
                   ,s3_encryption,iso27001-2013,A.10.1.1\n\
                   ,backup_plan,iso27001-2013,A.12.3.1\n\
                   ,legal_review,iso27001-2013,A.18.2.3\n\
                   ,bogus,iso27001-2022,9.9\n\
                   ,bogus13,iso27001-2013,A.99.1\n\
                   ,mgmt,iso27001-2022,9.2\n\
                   ,cis,CIS-2.0,1.1\n\
                   prowler,iam_root_mfa_enabled,iso27001-2022,8.5\n\
                   ,,iso27001-2022,8.1\n";
        let (table, lint) = lint(csv, None).unwrap();
        let codes: Vec<(u64, &str)> = lint.issues.iter().map(|i| (i.line, i.code.as_str())).collect();
        assert!(codes.contains(&(0, "mixed_editions")), "{codes:?}");
        assert!(codes.contains(&(6, "unknown_control")), "{codes:?}");
        assert!(codes.contains(&(7, "unknown_2013_control")), "{codes:?}");
        assert!(codes.contains(&(5, "split_2013")), "{codes:?}");
        assert!(codes.contains(&(8, "clause_not_control")), "{codes:?}");
        assert!(codes.contains(&(9, "other_framework")), "{codes:?}");
        assert!(codes.contains(&(10, "duplicate_row")), "{codes:?}");
        assert!(codes.contains(&(11, "blank_field")), "{codes:?}");
        assert!(!lint.ok);
        // A.10.1.1 (one-to-one) → 8.24; A.12.3.1 → 8.13.
        let row = table.rows().iter().find(|r| r.check == "s3_encryption").unwrap();
        assert_eq!(row.control_2022.as_deref(), Some("8.24"));
        assert!(lint.covered.contains(&"8.24".to_owned()) && lint.covered.contains(&"8.5".to_owned()));
        assert_eq!(lint.uncovered.len() + lint.covered.len(), 93);
        let applicable: BTreeSet<&'static str> = ["8.5", "5.1"].into_iter().collect();
        let (_, l2) = super::lint(csv, Some(&applicable)).unwrap();
        assert_eq!(l2.uncovered, vec!["5.1".to_owned()]);
    }

    #[test]
    fn bad_header_is_an_error_naming_the_columns() {
        let e = lint("a,b\n1,2\n", None).unwrap_err();
        assert!(e.to_string().contains("check, framework and control"), "{e}");
    }

    #[test]
    fn apply_adds_2022_controls_for_the_tool() {
        let (table, _) =
            lint("tool,check,framework,control\nprowler,c1,iso27001-2013,A.12.6.1\ntrivy,c1,iso27001-2022,8.1\n", None)
                .unwrap();
        let mut r: ResultRecord = serde_json::from_str(
            r#"{"source":{"tool":"prowler"},"check":"c1","status":"pass","observed_at":"2026-01-01T00:00:00Z"}"#,
        )
        .unwrap();
        table.apply(&mut r);
        assert_eq!(r.annex_a_controls(), vec!["8.8"]);
    }
}
