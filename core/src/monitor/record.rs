//! The neutral result record and its streaming reader.
//!
//! One record is one check on one resource in one run. The reader takes one
//! line at a time ([`parse_line`]) so a caller can stream a results file of
//! any size; a JSON array ([`parse_array`]) is read whole. Every bad record
//! becomes a [`RecordError`] naming the line (or array index) and the field;
//! nothing is dropped silently.
use super::view::{ControlId, RecordView, is_normal};
use crate::catalog;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The framework token of ISO/IEC 27001:2022 Annex A in [`ControlRef`]s.
pub const ISO27001_2022: &str = "iso27001-2022";
/// The framework token of ISO/IEC 27001:2013 Annex A.
pub const ISO27001_2013: &str = "iso27001-2013";

/// The outcome of one check on one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "ResultStatus")]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The check ran and the resource fails it.
    Fail,
    /// The check could not run (tool error, missing permission): not evaluated.
    Error,
    /// The check needs a person to judge: not evaluated.
    Manual,
    /// The check ran and the resource passes it.
    Pass,
    /// The check does not apply to the resource.
    NotApplicable,
}

impl Status {
    /// The `snake_case` token.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Error => "error",
            Status::NotApplicable => "not_applicable",
            Status::Manual => "manual",
        }
    }
}

/// How severe the tool says a failure of the check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResultSeverity {
    /// Critical.
    Critical,
    /// High.
    High,
    /// Medium.
    Medium,
    /// Low.
    Low,
    /// Informational.
    Info,
}

impl ResultSeverity {
    /// Reads a tool's severity word (`CRITICAL`, `High`, `medium`,
    /// `informational`, `moderate`, ...); `None` for anything else.
    pub fn from_word(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "critical" | "fatal" => Some(Self::Critical),
            "high" => Some(Self::High),
            "medium" | "moderate" => Some(Self::Medium),
            "low" => Some(Self::Low),
            "info" | "informational" | "none" | "unknown" | "other" => Some(Self::Info),
            _ => None,
        }
    }
}

/// The tool and run a result comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "ResultSource")]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Tool name, e.g. `prowler`.
    pub tool: String,
    /// Tool version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Identifier of the run (scan) that produced the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
}

/// A control a check is mapped to: a framework and an id in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlRef {
    /// `iso27001-2022` (Annex A 2022, or a clause 4–10), `iso27001-2013`, or
    /// any other framework's token (kept, not evaluated).
    pub framework: String,
    /// The id within the framework: `8.8` (2022, without `A.`), `A.12.6.1`
    /// (2013).
    pub id: String,
}

/// Where the raw evidence of a result is kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "ResultEvidence")]
#[serde(deny_unknown_fields)]
pub struct EvidenceLink {
    /// URI of the evidence (report, log, screenshot).
    pub uri: String,
    /// SHA-256 of the evidence, 64 hex digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// One automated test result: one check on one resource in one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultRecord {
    /// The tool and run.
    pub source: Source,
    /// The tool's check id, e.g. `iam_root_mfa_enabled`.
    pub check: String,
    /// The outcome.
    pub status: Status,
    /// When the check observed the resource (RFC 3339 date-time).
    pub observed_at: DateTime<Utc>,
    /// The resource checked (ARN, host name, repository, ...); absent for
    /// account-wide checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<String>,
    /// The resource's type, e.g. `AwsIamUser`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    /// The controls the check is mapped to (may be empty when a mapping
    /// table supplies them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<ControlRef>,
    /// The tool's message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The tool's severity of a failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<ResultSeverity>,
    /// The raw evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<EvidenceLink>,
}

impl ResultRecord {
    /// The Annex A 2022 controls of the record (normalised ids, sorted,
    /// distinct); other frameworks and clauses are left out.
    pub fn annex_a_controls(&self) -> Vec<&'static str> {
        let mut v: Vec<&'static str> = self
            .controls
            .iter()
            .filter(|c| c.framework == ISO27001_2022)
            .filter_map(|c| catalog::control(&c.id).map(|c| c.id))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// A record that could not be read: where, which field, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordError {
    /// 1-based line of the input (NDJSON), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 0-based index in the input array (JSON array input), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    /// JSON path of the offending field within the record (`$` for the
    /// record as a whole).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.index) {
            (Some(l), _) => write!(f, "line {l}")?,
            (None, Some(i)) => write!(f, "record {i}")?,
            _ => f.write_str("record")?,
        }
        write!(f, ", {}: {}", self.field, self.message)
    }
}

/// Normalises a framework name as tools write it (`ISO27001-2022`,
/// `ISO/IEC 27001:2022`, `iso_27001_2013`) to the tokens above; other names
/// are lower-cased and kept.
pub fn normalize_framework(name: &str) -> String {
    let t: String = name.trim().to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let t = t.strip_prefix("isoiec").map(|r| format!("iso{r}")).unwrap_or(t);
    match t.as_str() {
        "iso270012022" | "iso27001" | "iso27002022" => ISO27001_2022.to_owned(),
        "iso270012013" => ISO27001_2013.to_owned(),
        _ => name.trim().to_ascii_lowercase(),
    }
}

/// Normalises a control id of a framework: 2022 ids lose `A.`; 2013 ids get
/// it. Others are trimmed.
pub fn normalize_control(framework: &str, id: &str) -> String {
    let id = id.trim();
    match framework {
        ISO27001_2022 => {
            let bare = id.strip_prefix("A.").or_else(|| id.strip_prefix("a.")).unwrap_or(id);
            bare.trim().to_owned()
        }
        ISO27001_2013 => catalog::normalize_2013_id(id),
        _ => id.to_owned(),
    }
}

/// Checks what serde cannot: non-blank texts, known control ids, a
/// well-formed hash. Returns the first problem as `(field, message)`.
pub(crate) fn check<C: ControlId>(r: &RecordView<'_, C>) -> Option<(String, String)> {
    if r.tool.trim().is_empty() {
        return Some(("$.source.tool".into(), "must not be blank".into()));
    }
    if r.check.trim().is_empty() {
        return Some(("$.check".into(), "must not be blank".into()));
    }
    for (i, c) in r.controls.iter().enumerate() {
        match c.framework() {
            ISO27001_2022 => {
                let id = normalize_control(ISO27001_2022, c.id());
                if catalog::control(&id).is_none() && catalog::clause(&id).is_none() {
                    return Some((
                        format!("$.controls[{i}].id"),
                        format!(
                            "unknown ISO/IEC 27001:2022 control `{}`: expected an Annex A id 5.1–8.34 or a clause 4–10",
                            c.id()
                        ),
                    ));
                }
            }
            ISO27001_2013 if catalog::successors_of_2013(c.id()).is_empty() => {
                return Some((
                    format!("$.controls[{i}].id"),
                    format!("unknown ISO/IEC 27001:2013 control `{}`", c.id()),
                ));
            }
            "" => return Some((format!("$.controls[{i}].framework"), "must not be blank".into())),
            _ => {}
        }
    }
    if let Some((uri, sha256)) = r.evidence {
        if uri.trim().is_empty() {
            return Some(("$.evidence.uri".into(), "must not be blank".into()));
        }
        if let Some(h) = sha256 {
            if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Some(("$.evidence.sha256".into(), format!("expected 64 hex digits, got `{h}`")));
            }
        }
    }
    None
}

/// Puts a record's framework names and control ids in normal form (see
/// [`normalize_framework`], [`normalize_control`]), sorted and distinct.
pub fn normalize(r: &mut ResultRecord) {
    // Most records are in normal form already: leave them untouched.
    if is_normal(&r.controls) {
        return;
    }
    for c in &mut r.controls {
        c.framework = normalize_framework(&c.framework);
        c.id = normalize_control(&c.framework, &c.id);
    }
    r.controls.sort();
    r.controls.dedup();
}

/// Normalises a record built by an adapter and checks it; the problem, if
/// any, as `(field, message)` with the field a path into the neutral record.
pub fn finish(mut r: ResultRecord) -> Result<ResultRecord, (String, String)> {
    normalize(&mut r);
    match check(&RecordView::of(&r)) {
        Some(problem) => Err(problem),
        None => Ok(r),
    }
}

/// Reads one record from a JSON value, normalised and checked.
pub fn from_value(v: serde_json::Value) -> Result<ResultRecord, (String, String)> {
    let mut r: ResultRecord = serde_path_to_error::deserialize(v).map_err(|e| {
        let p = e.path().to_string();
        let field = if p.is_empty() || p == "." { "$".to_owned() } else { format!("$.{p}") };
        (field, e.into_inner().to_string())
    })?;
    normalize(&mut r);
    match check(&RecordView::of(&r)) {
        Some(problem) => Err(problem),
        None => Ok(r),
    }
}

/// Reads line `line_no` (1-based) of an NDJSON results stream. A blank line
/// is `Ok(None)`; anything else is a record or an error naming the line and
/// the field.
pub fn parse_line(line_no: u64, line: &str) -> Result<Option<ResultRecord>, RecordError> {
    let text = line.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let err = |field: String, message: String| RecordError { line: Some(line_no), index: None, field, message };
    // The fast path: straight into the record. Only a line that fails it is
    // read again as a value, to name the offending field.
    if let Ok(mut r) = serde_json::from_str::<ResultRecord>(text) {
        normalize(&mut r);
        return match check(&RecordView::of(&r)) {
            Some((f, m)) => Err(err(f, m)),
            None => Ok(Some(r)),
        };
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| err("$".into(), format!("not JSON: {e}")))?;
    if !value.is_object() {
        return Err(err("$".into(), "a record is a JSON object".into()));
    }
    from_value(value).map(Some).map_err(|(f, m)| err(f, m))
}

/// Reads a JSON array of records: the records read and every bad one (with
/// its index). Errors: the text is not a JSON array.
pub fn parse_array(text: &str) -> crate::Result<(Vec<ResultRecord>, Vec<RecordError>)> {
    let value: serde_json::Value = crate::json::from_json(text)?;
    let serde_json::Value::Array(items) = value else {
        return Err(crate::Error::invalid_argument("$", "expected a JSON array of result records"));
    };
    Ok(from_values(items))
}

/// Reads records from JSON values (their index is their position).
pub fn from_values(items: Vec<serde_json::Value>) -> (Vec<ResultRecord>, Vec<RecordError>) {
    let mut ok = Vec::with_capacity(items.len());
    let mut bad = Vec::new();
    for (i, v) in items.into_iter().enumerate() {
        match from_value(v) {
            Ok(r) => ok.push(r),
            Err((field, message)) => bad.push(RecordError { line: None, index: Some(i as u64), field, message }),
        }
    }
    (ok, bad)
}

/// Reads NDJSON text whole, line by line (for callers that already hold
/// the text; a file is better streamed through [`parse_line`]).
pub fn parse_ndjson(text: &str) -> (Vec<ResultRecord>, Vec<RecordError>) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match parse_line(i as u64 + 1, line) {
            Ok(Some(r)) => ok.push(r),
            Ok(None) => {}
            Err(e) => bad.push(e),
        }
    }
    (ok, bad)
}

/// One record as one NDJSON line (compact JSON, no newline).
pub fn to_line(r: &ResultRecord) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"source":{"tool":"prowler","version":"4.2.0","run_id":"r1"},"check":"iam_root_mfa_enabled","status":"fail","observed_at":"2026-03-02T10:00:00Z","resource_id":"arn:aws:iam::1:root","resource_type":"AwsIamUser","controls":[{"framework":"ISO27001-2022","id":"A.8.5"}],"severity":"high"}"#;

    #[test]
    fn reads_a_record_and_normalises_controls() {
        let r = parse_line(1, GOOD).unwrap().unwrap();
        assert_eq!(r.status, Status::Fail);
        assert_eq!(r.controls, vec![ControlRef { framework: ISO27001_2022.into(), id: "8.5".into() }]);
        assert_eq!(r.annex_a_controls(), vec!["8.5"]);
        let again = parse_line(2, &to_line(&r)).unwrap().unwrap();
        assert_eq!(again, r);
    }

    #[test]
    fn blank_lines_are_skipped_not_errors() {
        assert_eq!(parse_line(3, "   "), Ok(None));
    }

    #[test]
    fn bad_records_name_line_and_field() {
        let bad_status = GOOD.replace("\"fail\"", "\"failed\"");
        let e = parse_line(7, &bad_status).unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (Some(7), "$.status"));
        let bad_time = GOOD.replace("2026-03-02T10:00:00Z", "yesterday");
        assert_eq!(parse_line(8, &bad_time).unwrap_err().field, "$.observed_at");
        let bad_control = GOOD.replace("A.8.5", "A.9.9");
        let e = parse_line(9, &bad_control).unwrap_err();
        assert_eq!(e.field, "$.controls[0].id");
        assert!(e.message.contains("9.9"), "{}", e.message);
        let unknown = GOOD.replace("\"check\"", "\"chek\"");
        assert_eq!(parse_line(10, &unknown).unwrap_err().field, "$.chek");
        let bad_hash = GOOD.replace("\"severity\":\"high\"", "\"evidence\":{\"uri\":\"s3://x\",\"sha256\":\"abc\"}");
        assert_eq!(parse_line(11, &bad_hash).unwrap_err().field, "$.evidence.sha256");
        assert_eq!(parse_line(12, "[1]").unwrap_err().field, "$");
        assert!(parse_line(13, "{").unwrap_err().message.starts_with("not JSON"));
        let blank_check = GOOD.replace("iam_root_mfa_enabled", " ");
        assert_eq!(parse_line(14, &blank_check).unwrap_err().field, "$.check");
    }

    #[test]
    fn ndjson_and_arrays_keep_every_bad_record() {
        let text = format!("{GOOD}\n\n{}\n{GOOD}\n", GOOD.replace("\"fail\"", "1"));
        let (ok, bad) = parse_ndjson(&text);
        assert_eq!(ok.len(), 2);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, Some(3));
        let (ok, bad) = parse_array(&format!("[{GOOD},{{}}]")).unwrap();
        assert_eq!((ok.len(), bad.len(), bad[0].index), (1, 1, Some(1)));
        assert!(parse_array("{}").is_err());
    }

    #[test]
    fn framework_names_as_tools_write_them() {
        assert_eq!(normalize_framework("ISO27001-2022"), ISO27001_2022);
        assert_eq!(normalize_framework("ISO/IEC 27001:2022"), ISO27001_2022);
        assert_eq!(normalize_framework("ISO27001-2013"), ISO27001_2013);
        assert_eq!(normalize_framework("CIS-2.0"), "cis-2.0");
        assert_eq!(normalize_control(ISO27001_2013, "12.6.1"), "A.12.6.1");
    }
}
