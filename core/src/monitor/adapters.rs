//! Adapters: scanners' native output in, neutral [`ResultRecord`]s out.
//! Pure text → records; every item that cannot be read becomes a
//! [`RecordError`] with its index and the source field, never a silent drop.
//!
//! - `prowler-ocsf`: Prowler's JSON-OCSF output (a JSON array, or one object
//!   per line) of Detection Findings; the check is `metadata.event_code`
//!   (Prowler 4) or `metadata.product.feature.uid` (Prowler 3), the status
//!   `status_code` (`PASS`, `FAIL`, `MANUAL`), controls from
//!   `unmapped.compliance["ISO27001-2022"]` (and `-2013`).
//! - `prowler-csv`: Prowler's CSV (semicolon-separated in v4): `CHECK_ID`,
//!   `STATUS`, `TIMESTAMP`, `RESOURCE_UID`, `RESOURCE_TYPE`, `SEVERITY`,
//!   `STATUS_EXTENDED`, `PROWLER_VERSION`, and `COMPLIANCE` cells such as
//!   `ISO27001-2022: A.8.5, A.8.2 | CIS-2.0: 1.10`.
//! - `ocsf`: OCSF Compliance Findings (`class_uid` 2003): `compliance.status_id`
//!   (1 pass, 2 warning, 3 fail), `compliance.checks[]` when present (one
//!   record per check), ISO/IEC 27001 `compliance.requirements` /
//!   `compliance.control` when `compliance.standards` names the standard.
//! - `asff`: AWS Security Hub findings (`{"Findings": [...]}` or an array):
//!   `Compliance.Status` (`PASSED`, `FAILED`, `WARNING`, `NOT_AVAILABLE`),
//!   `Compliance.RelatedRequirements` entries such as `ISO27001-2022 A.8.5`.
//! - `powerpipe`: Powerpipe/Steampipe benchmark JSON (nested `groups`, each
//!   `controls[].results[]` with `status` `ok`, `alarm`, `error`, `skip`,
//!   `info`); controls come from a mapping table.
//! - `oscal-ar`: OSCAL assessment results: each observation cited by a
//!   finding, with the finding's `target.status.state` and `target-id`.
use super::record::{
    ControlRef, EvidenceLink, ISO27001_2013, ISO27001_2022, RecordError, ResultRecord, ResultSeverity, Source, Status,
    finish, normalize_framework,
};
use crate::{Error, Result};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An input format of `monitor_ingest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// Neutral records (NDJSON or a JSON array).
    Neutral,
    /// Prowler JSON-OCSF.
    ProwlerOcsf,
    /// Prowler CSV (v4: semicolon-separated, `CHECK_ID`, `STATUS`, `COMPLIANCE`, ...).
    ProwlerCsv,
    /// OCSF Compliance Finding (class 2003).
    Ocsf,
    /// AWS Security Hub ASFF.
    Asff,
    /// Powerpipe / Steampipe benchmark JSON.
    Powerpipe,
    /// OSCAL assessment results.
    OscalAr,
}

impl InputFormat {
    /// Every format, in the order front ends list them.
    pub const ALL: [InputFormat; 7] =
        [Self::ProwlerOcsf, Self::ProwlerCsv, Self::Ocsf, Self::Asff, Self::Powerpipe, Self::OscalAr, Self::Neutral];

    /// The kebab-case name (`prowler-ocsf`), as requests and the CLI write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Neutral => "neutral",
            Self::ProwlerOcsf => "prowler-ocsf",
            Self::ProwlerCsv => "prowler-csv",
            Self::Ocsf => "ocsf",
            Self::Asff => "asff",
            Self::Powerpipe => "powerpipe",
            Self::OscalAr => "oscal-ar",
        }
    }
}

impl std::str::FromStr for InputFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let name = s.trim().to_ascii_lowercase();
        let alias = match name.as_str() {
            "steampipe" => "powerpipe",
            "oscal" => "oscal-ar",
            other => other,
        };
        Self::ALL.into_iter().find(|f| f.as_str() == alias).ok_or_else(|| {
            let names: Vec<&str> = Self::ALL.iter().map(|f| f.as_str()).collect();
            Error::invalid_argument(
                "$.format",
                format!("unknown results format `{s}`; expected one of {}", names.join(", ")),
            )
        })
    }
}

/// What an adapter needs beyond the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdapterOptions {
    /// The time of results whose format carries none (Powerpipe); RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed_at: Option<DateTime<Utc>>,
    /// The run id to record (default: what the format says, if anything).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
}

type Converted = (Vec<ResultRecord>, Vec<RecordError>);

/// Converts `text` in `format` into neutral records and the items that could
/// not be read. Errors: the text as a whole is not of the format.
pub fn convert(format: InputFormat, text: &str, opts: &AdapterOptions) -> Result<Converted> {
    match format {
        InputFormat::Neutral => {
            if text.trim_start().starts_with('[') {
                super::record::parse_array(text)
            } else {
                Ok(super::record::parse_ndjson(text))
            }
        }
        InputFormat::ProwlerOcsf => Ok(each(json_items(text)?, |v, out| prowler_ocsf(v, opts, out))),
        InputFormat::ProwlerCsv => prowler_csv(text, opts),
        InputFormat::Ocsf => Ok(each(json_items(text)?, |v, out| ocsf_compliance(v, opts, out))),
        InputFormat::Asff => {
            let v: Value = crate::json::from_json(text)?;
            let items = match v {
                Value::Array(a) => a,
                Value::Object(mut m) => match m.remove("Findings") {
                    Some(Value::Array(a)) => a,
                    _ => {
                        return Err(Error::invalid_argument(
                            "$",
                            "expected {\"Findings\": [...]} or an array of ASFF findings",
                        ));
                    }
                },
                _ => return Err(Error::invalid_argument("$", "expected ASFF findings")),
            };
            Ok(each(items, |v, out| asff(v, opts, out)))
        }
        InputFormat::Powerpipe => powerpipe(text, opts),
        InputFormat::OscalAr => oscal_ar(text, opts),
    }
}

/// A JSON array, or one JSON object per line.
fn json_items(text: &str) -> Result<Vec<Value>> {
    if text.trim_start().starts_with('[') {
        match crate::json::from_json(text)? {
            Value::Array(a) => Ok(a),
            _ => Err(Error::invalid_argument("$", "expected a JSON array")),
        }
    } else {
        let mut v = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            v.push(
                serde_json::from_str(line)
                    .map_err(|e| Error::invalid_argument("$", format!("line {}: not JSON: {e}", i + 1)))?,
            );
        }
        Ok(v)
    }
}

type Out = Vec<std::result::Result<ResultRecord, (String, String)>>;
type Judged = std::result::Result<Status, (String, String)>;

fn each(items: Vec<Value>, f: impl Fn(&Value, &mut Out)) -> Converted {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for (i, v) in items.iter().enumerate() {
        let mut out = Vec::new();
        f(v, &mut out);
        for r in out {
            match r.and_then(finish) {
                Ok(r) => ok.push(r),
                Err((field, message)) => bad.push(RecordError { line: None, index: Some(i as u64), field, message }),
            }
        }
    }
    (ok, bad)
}

fn text<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

fn owned(v: &Value, pointer: &str) -> Option<String> {
    text(v, pointer).map(str::to_owned)
}

/// RFC 3339, `YYYY-MM-DD HH:MM:SS[.f]` (UTC), or epoch seconds/milliseconds.
fn time(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::String(s) => {
            let s = s.trim();
            DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).ok().or_else(|| {
                ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
                    .iter()
                    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
                    .map(|n| Utc.from_utc_datetime(&n))
            })
        }
        Value::Number(n) => {
            let x = n.as_i64()?;
            if x.abs() < 100_000_000_000 {
                Utc.timestamp_opt(x, 0).single()
            } else {
                Utc.timestamp_millis_opt(x).single()
            }
        }
        _ => None,
    }
}

fn first_time(v: &Value, pointers: &[&str]) -> std::result::Result<DateTime<Utc>, (String, String)> {
    for p in pointers {
        if let Some(x) = v.pointer(p) {
            return time(x).ok_or_else(|| (field(p), format!("not a date-time: {x}")));
        }
    }
    Err((field(pointers[0]), "missing: the result has no time".into()))
}

fn field(pointer: &str) -> String {
    format!("${}", pointer.replace('/', "."))
}

/// Control ids from a list like `["A.8.5", "A.8.2"]` or a string
/// `"['A.8.5', 'A.8.2']"`.
fn ids(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect(),
        Value::String(s) => s
            .split(|c: char| c == ',' || c.is_whitespace())
            .map(|t| t.trim_matches(|c: char| c == '[' || c == ']' || c == '\'' || c == '"'))
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

fn iso_framework(name: &str) -> Option<String> {
    let f = normalize_framework(name);
    (f == ISO27001_2022 || f == ISO27001_2013).then_some(f)
}

/// Resources `(id, type)` of an OCSF finding (one empty pair when none).
fn ocsf_resources(v: &Value) -> Vec<(Option<String>, Option<String>)> {
    let rs: Vec<_> = v
        .get("resources")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|r| (owned(r, "/uid").or_else(|| owned(r, "/name")), owned(r, "/type"))).collect())
        .unwrap_or_default();
    if rs.is_empty() { vec![(None, None)] } else { rs }
}

fn base(
    tool: String,
    version: Option<String>,
    run_id: Option<String>,
    check: String,
    status: Status,
    observed_at: DateTime<Utc>,
) -> ResultRecord {
    ResultRecord {
        source: Source { tool, version, run_id },
        check,
        status,
        observed_at,
        resource_id: None,
        resource_type: None,
        controls: Vec::new(),
        message: None,
        severity: None,
        evidence: None,
    }
}

fn prowler_ocsf(v: &Value, opts: &AdapterOptions, out: &mut Out) {
    let r = (|| {
        let check = owned(v, "/metadata/event_code")
            .or_else(|| owned(v, "/metadata/product/feature/uid"))
            .ok_or_else(|| ("$.metadata.event_code".to_owned(), "missing: no check id".to_owned()))?;
        let code = text(v, "/status_code").ok_or_else(|| ("$.status_code".to_owned(), "missing".to_owned()))?;
        let status = match code.to_ascii_uppercase().as_str() {
            "PASS" => Status::Pass,
            "FAIL" => Status::Fail,
            "MANUAL" => Status::Manual,
            other => return Err(("$.status_code".to_owned(), format!("`{other}`: expected PASS, FAIL or MANUAL"))),
        };
        let observed_at = first_time(v, &["/time_dt", "/time", "/finding_info/created_time_dt"])?;
        let mut controls = Vec::new();
        if let Some(Value::Object(m)) = v.pointer("/unmapped/compliance") {
            for (fw, list) in m {
                if let Some(f) = iso_framework(fw) {
                    controls.extend(ids(list).into_iter().map(|id| ControlRef { framework: f.clone(), id }));
                }
            }
        }
        let mut rec = base(
            owned(v, "/metadata/product/name").unwrap_or_else(|| "prowler".into()).to_ascii_lowercase(),
            owned(v, "/metadata/product/version"),
            opts.run_id.clone(),
            check,
            status,
            observed_at,
        );
        rec.controls = controls;
        rec.message = owned(v, "/status_detail").or_else(|| owned(v, "/message"));
        rec.severity = text(v, "/severity").and_then(ResultSeverity::from_word);
        Ok(rec)
    })();
    expand(r, ocsf_resources(v), out);
}

fn expand(
    r: std::result::Result<ResultRecord, (String, String)>,
    resources: Vec<(Option<String>, Option<String>)>,
    out: &mut Out,
) {
    match r {
        Err(e) => out.push(Err(e)),
        Ok(rec) => {
            for (id, ty) in resources {
                let mut x = rec.clone();
                x.resource_id = id;
                x.resource_type = ty;
                out.push(Ok(x));
            }
        }
    }
}

fn ocsf_status(id: Option<i64>, word: Option<&str>) -> Option<Status> {
    match (id, word.map(str::to_ascii_lowercase).as_deref()) {
        (Some(1), _) | (_, Some("pass")) => Some(Status::Pass),
        (Some(3), _) | (_, Some("fail")) => Some(Status::Fail),
        // Warning, unknown, other: the check ran but decided nothing.
        (Some(2 | 0 | 99), _) | (_, Some("warning" | "unknown" | "other")) => Some(Status::Error),
        _ => None,
    }
}

fn ocsf_compliance(v: &Value, opts: &AdapterOptions, out: &mut Out) {
    if v.get("class_uid").and_then(Value::as_i64) != Some(2003) {
        out.push(Err(("$.class_uid".into(), "expected 2003 (Compliance Finding)".into())));
        return;
    }
    let observed_at = match first_time(v, &["/time_dt", "/time"]) {
        Ok(t) => t,
        Err(e) => return out.push(Err(e)),
    };
    let iso = v
        .pointer("/compliance/standards")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().filter_map(Value::as_str).find_map(iso_framework));
    let mut controls = Vec::new();
    if let Some(f) = &iso {
        if let Some(c) = text(v, "/compliance/control") {
            controls.push(ControlRef { framework: f.clone(), id: c.to_owned() });
        }
        if let Some(list) = v.pointer("/compliance/requirements") {
            controls.extend(ids(list).into_iter().map(|id| ControlRef { framework: f.clone(), id }));
        }
    }
    let tool = owned(v, "/metadata/product/name").unwrap_or_else(|| "ocsf".into()).to_ascii_lowercase();
    let version = owned(v, "/metadata/product/version");
    let run = opts.run_id.clone().or_else(|| owned(v, "/metadata/correlation_uid"));
    let severity = text(v, "/severity").and_then(ResultSeverity::from_word);
    let message = owned(v, "/compliance/status_detail").or_else(|| owned(v, "/message"));
    let mut checks: Vec<(String, Judged)> = Vec::new();
    if let Some(list) = v.pointer("/compliance/checks").and_then(Value::as_array) {
        for (i, c) in list.iter().enumerate() {
            let id = owned(c, "/uid").or_else(|| owned(c, "/name")).unwrap_or_default();
            let st = ocsf_status(c.get("status_id").and_then(Value::as_i64), text(c, "/status")).ok_or_else(|| {
                (format!("$.compliance.checks[{i}].status_id"), "expected 1 (pass), 2 (warning) or 3 (fail)".into())
            });
            checks.push((id, st));
        }
    } else {
        let id = owned(v, "/metadata/event_code")
            .or_else(|| owned(v, "/finding_info/uid"))
            .or_else(|| text(v, "/compliance/control").map(str::to_owned))
            .unwrap_or_default();
        let st = ocsf_status(v.pointer("/compliance/status_id").and_then(Value::as_i64), text(v, "/compliance/status"))
            .ok_or_else(|| ("$.compliance.status_id".into(), "expected 1 (pass), 2 (warning) or 3 (fail)".into()));
        checks.push((id, st));
    }
    for (id, st) in checks {
        let r = st.map(|status| {
            let mut rec = base(tool.clone(), version.clone(), run.clone(), id, status, observed_at);
            rec.controls = controls.clone();
            rec.severity = severity;
            rec.message = message.clone();
            rec
        });
        expand(r, ocsf_resources(v), out);
    }
}

fn asff(v: &Value, opts: &AdapterOptions, out: &mut Out) {
    let r = (|| {
        let status = match text(v, "/Compliance/Status") {
            Some("PASSED") => Status::Pass,
            Some("FAILED") => Status::Fail,
            Some("WARNING") | Some("NOT_AVAILABLE") => Status::Error,
            Some(other) => {
                return Err((
                    "$.Compliance.Status".to_owned(),
                    format!("`{other}`: expected PASSED, FAILED, WARNING or NOT_AVAILABLE"),
                ));
            }
            None => {
                return Err((
                    "$.Compliance.Status".to_owned(),
                    "missing: not the result of a compliance check".to_owned(),
                ));
            }
        };
        let check = owned(v, "/Compliance/SecurityControlId")
            .or_else(|| owned(v, "/GeneratorId"))
            .ok_or_else(|| ("$.GeneratorId".to_owned(), "missing: no check id".to_owned()))?;
        let check = check.strip_prefix("prowler-").map(str::to_owned).unwrap_or(check);
        let observed_at = first_time(v, &["/LastObservedAt", "/UpdatedAt", "/CreatedAt"])?;
        let mut controls = Vec::new();
        if let Some(list) = v.pointer("/Compliance/RelatedRequirements").and_then(Value::as_array) {
            for req in list.iter().filter_map(Value::as_str) {
                let (fw, rest) = req.split_once([' ', ':']).unwrap_or((req, ""));
                if let Some(f) = iso_framework(fw) {
                    controls.extend(
                        ids(&Value::String(rest.to_owned()))
                            .into_iter()
                            .map(|id| ControlRef { framework: f.clone(), id }),
                    );
                }
            }
        }
        let tool = owned(v, "/ProductFields/ProviderName")
            .or_else(|| owned(v, "/ProductName"))
            .unwrap_or_else(|| "securityhub".into())
            .to_ascii_lowercase();
        let mut rec =
            base(tool, owned(v, "/ProductFields/ProviderVersion"), opts.run_id.clone(), check, status, observed_at);
        rec.controls = controls;
        rec.severity = text(v, "/Severity/Label").and_then(ResultSeverity::from_word);
        rec.message = owned(v, "/Title").or_else(|| owned(v, "/Description"));
        Ok(rec)
    })();
    let resources: Vec<_> = v
        .get("Resources")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|r| (owned(r, "/Id"), owned(r, "/Type"))).collect())
        .unwrap_or_default();
    expand(r, if resources.is_empty() { vec![(None, None)] } else { resources }, out);
}

fn powerpipe(text_in: &str, opts: &AdapterOptions) -> Result<Converted> {
    let root: Value = crate::json::from_json(text_in)?;
    if !root.is_object() {
        return Err(Error::invalid_argument("$", "expected a Powerpipe benchmark object (groups, controls)"));
    }
    let when = root.pointer("/end_time").or_else(|| root.pointer("/start_time")).and_then(time).or(opts.observed_at);
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    let mut index = 0u64;
    let mut stack = vec![(root.clone(), "$".to_owned())];
    while let Some((g, path)) = stack.pop() {
        if let Some(groups) = g.get("groups").and_then(Value::as_array) {
            for (i, sub) in groups.iter().enumerate().rev() {
                stack.push((sub.clone(), format!("{path}.groups[{i}]")));
            }
        }
        let Some(controls) = g.get("controls").and_then(Value::as_array) else { continue };
        for (ci, c) in controls.iter().enumerate() {
            let check = owned(c, "/control_id").or_else(|| owned(c, "/name")).unwrap_or_default();
            let severity = text(c, "/severity").and_then(ResultSeverity::from_word);
            for (ri, r) in c.get("results").and_then(Value::as_array).into_iter().flatten().enumerate() {
                let here = format!("{path}.controls[{ci}].results[{ri}]");
                index += 1;
                let res = (|| {
                    let status = match text(r, "/status") {
                        Some("ok") => Status::Pass,
                        Some("alarm") => Status::Fail,
                        Some("error") => Status::Error,
                        Some("skip") => Status::NotApplicable,
                        Some("info") => Status::Manual,
                        other => {
                            return Err((
                                format!("{here}.status"),
                                format!("{other:?}: expected ok, alarm, error, skip or info"),
                            ));
                        }
                    };
                    let observed_at = when.ok_or_else(|| {
                        ("$.end_time".to_owned(), "the benchmark has no end_time: give observed_at".to_owned())
                    })?;
                    let mut rec =
                        base("powerpipe".into(), None, opts.run_id.clone(), check.clone(), status, observed_at);
                    rec.resource_id = owned(r, "/resource");
                    rec.message = owned(r, "/reason");
                    rec.severity = severity;
                    finish(rec)
                })();
                match res {
                    Ok(x) => ok.push(x),
                    Err((field, message)) => {
                        bad.push(RecordError { line: None, index: Some(index - 1), field, message })
                    }
                }
            }
        }
    }
    Ok((ok, bad))
}

/// `a.8.5`, `8.5_obj`, `A.8.5_smt.a` → `8.5`.
fn oscal_control(target: &str) -> String {
    let t = target.trim();
    let t = t.split('_').next().unwrap_or(t);
    let t = t.strip_prefix("a.").or_else(|| t.strip_prefix("A.")).unwrap_or(t);
    t.to_owned()
}

fn oscal_ar(text_in: &str, opts: &AdapterOptions) -> Result<Converted> {
    let root: Value = crate::json::from_json(text_in)?;
    let Some(ar) = root.get("assessment-results") else {
        return Err(Error::invalid_argument("$", "expected {\"assessment-results\": {...}}"));
    };
    let tool = owned(ar, "/metadata/title").unwrap_or_else(|| "oscal".into());
    let version = owned(ar, "/metadata/version");
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    let mut index = 0u64;
    for (ri, result) in ar.get("results").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let run = opts.run_id.clone().or_else(|| owned(result, "/uuid"));
        let obs: Vec<&Value> = result.get("observations").and_then(Value::as_array).into_iter().flatten().collect();
        // observation uuid -> (control, status) of the findings citing it.
        let mut verdicts: std::collections::BTreeMap<String, Vec<(String, Status)>> = Default::default();
        for f in result.get("findings").and_then(Value::as_array).into_iter().flatten() {
            let control = text(f, "/target/target-id").map(oscal_control);
            let status = match text(f, "/target/status/state") {
                Some("satisfied") => Some(Status::Pass),
                Some("not-satisfied") => Some(Status::Fail),
                _ => None,
            };
            let (Some(control), Some(status)) = (control, status) else { continue };
            for o in f.get("related-observations").and_then(Value::as_array).into_iter().flatten() {
                if let Some(u) = owned(o, "/observation-uuid") {
                    verdicts.entry(u).or_default().push((control.clone(), status));
                }
            }
        }
        for (oi, o) in obs.iter().enumerate() {
            index += 1;
            let here = format!("$.assessment-results.results[{ri}].observations[{oi}]");
            let uuid = owned(o, "/uuid").unwrap_or_default();
            let res = (|| {
                let Some(vs) = verdicts.get(&uuid) else {
                    return Err((
                        format!("{here}.uuid"),
                        "no finding cites this observation: it has no status".to_owned(),
                    ));
                };
                let observed_at = first_time(o, &["/collected"]).map_err(|(_, m)| (format!("{here}.collected"), m))?;
                let check = o
                    .get("props")
                    .and_then(Value::as_array)
                    .and_then(|ps| ps.iter().find(|p| text(p, "/name") == Some("check-id")))
                    .and_then(|p| owned(p, "/value"))
                    .or_else(|| owned(o, "/title"))
                    .unwrap_or_else(|| uuid.clone());
                // The worst verdict of the findings citing it.
                let status = vs.iter().map(|(_, s)| *s).min().unwrap_or(Status::Error);
                let mut rec = base(tool.clone(), version.clone(), run.clone(), check, status, observed_at);
                rec.controls =
                    vs.iter().map(|(c, _)| ControlRef { framework: ISO27001_2022.into(), id: c.clone() }).collect();
                rec.resource_id = owned(o, "/subjects/0/subject-uuid").or_else(|| owned(o, "/subjects/0/title"));
                rec.resource_type = owned(o, "/subjects/0/type");
                rec.message = owned(o, "/description");
                rec.evidence = owned(o, "/relevant-evidence/0/href").map(|uri| EvidenceLink { uri, sha256: None });
                finish(rec)
            })();
            match res {
                Ok(x) => ok.push(x),
                Err((field, message)) => bad.push(RecordError { line: None, index: Some(index - 1), field, message }),
            }
        }
    }
    Ok((ok, bad))
}

/// `ISO27001-2022: A.8.5, A.8.2 | CIS-2.0: 1.10` → the ISO/IEC 27001 refs.
fn compliance_cell(cell: &str) -> Vec<ControlRef> {
    let mut v = Vec::new();
    for part in cell.split('|') {
        let Some((fw, list)) = part.split_once(':') else { continue };
        if let Some(f) = iso_framework(fw) {
            v.extend(
                ids(&Value::String(list.to_owned())).into_iter().map(|id| ControlRef { framework: f.clone(), id }),
            );
        }
    }
    v
}

fn prowler_csv(text_in: &str, opts: &AdapterOptions) -> Result<Converted> {
    let first = text_in.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text_in.as_bytes());
    let headers =
        reader.headers().map_err(|e| Error::invalid_argument("$", format!("line 1: not a CSV header: {e}")))?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let (Some(ci), Some(si)) = (col("CHECK_ID"), col("STATUS")) else {
        return Err(Error::invalid_argument("$", "line 1: a Prowler CSV header names CHECK_ID and STATUS"));
    };
    let (ti, ri, rti, sevi, exti, compi, veri) = (
        col("TIMESTAMP"),
        col("RESOURCE_UID"),
        col("RESOURCE_TYPE"),
        col("SEVERITY"),
        col("STATUS_EXTENDED"),
        col("COMPLIANCE"),
        col("PROWLER_VERSION"),
    );
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::invalid_argument("$", format!("line {line}: not CSV: {e}"))
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(str::trim).filter(|s| !s.is_empty());
        let res = (|| {
            let check = get(Some(ci)).ok_or_else(|| ("CHECK_ID".to_owned(), "blank".to_owned()))?;
            let status = match get(Some(si)).map(str::to_ascii_uppercase).as_deref() {
                Some("PASS") => Status::Pass,
                Some("FAIL") => Status::Fail,
                Some("MANUAL") => Status::Manual,
                other => return Err(("STATUS".to_owned(), format!("{other:?}: expected PASS, FAIL or MANUAL"))),
            };
            let observed_at = match get(ti) {
                Some(t) => time(&t.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::String(t.to_owned())))
                    .ok_or_else(|| ("TIMESTAMP".to_owned(), format!("not a date-time: `{t}`")))?,
                None => opts.observed_at.ok_or_else(|| ("TIMESTAMP".to_owned(), "missing".to_owned()))?,
            };
            let mut r = base(
                "prowler".into(),
                get(veri).map(str::to_owned),
                opts.run_id.clone(),
                check.to_owned(),
                status,
                observed_at,
            );
            r.resource_id = get(ri).map(str::to_owned);
            r.resource_type = get(rti).map(str::to_owned);
            r.severity = get(sevi).and_then(ResultSeverity::from_word);
            r.message = get(exti).map(str::to_owned);
            r.controls = get(compi).map(compliance_cell).unwrap_or_default();
            finish(r)
        })();
        match res {
            Ok(r) => ok.push(r),
            Err((field, message)) => bad.push(RecordError { line: Some(line), index: None, field, message }),
        }
    }
    Ok((ok, bad))
}
