//! The operations table and [`call`], the generic JSON entry point.
//!
//! Each [`Operation`] names its request and response types once, so their
//! JSON Schemas are published from this table (`crate::schema` registers
//! `<name>.request` and `<name>.response` for every entry) and nothing that
//! crosses a boundary can go unpublished.
use super::monitor::observations;
use super::*;
use crate::catalog::{self, Attribute, ControlInfo, MappingInfo, Theme};
use crate::model::RiskMethodology;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

enum Runner {
    Doc(fn(&Isms, Value) -> Result<Response>),
    Free(fn(Value) -> Result<Response>),
}

/// One operation of the engine.
pub struct Operation {
    /// Its name, e.g. `evaluate` (`snake_case`, stable).
    pub name: &'static str,
    /// What it computes, in one line.
    pub summary: &'static str,
    /// Whether it runs on a document (an [`Isms`]).
    pub needs_document: bool,
    /// The formats its response renders to, JSON first.
    pub formats: &'static [Format],
    /// The JSON Schema of its request.
    pub request_schema: fn() -> Value,
    /// The JSON Schema of its response (JSON format).
    pub response_schema: fn() -> Value,
    run: Runner,
}

impl std::fmt::Debug for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Operation").field("name", &self.name).finish_non_exhaustive()
    }
}

/// An operation as data (the `operations` operation lists these).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperationInfo {
    /// Its name.
    pub name: String,
    /// What it computes.
    pub summary: String,
    /// Whether it runs on a document.
    pub needs_document: bool,
    /// Formats of its response.
    pub formats: Vec<Format>,
    /// Name of its request schema (`<name>.request`).
    pub request_schema: String,
    /// Name of its response schema (`<name>.response`).
    pub response_schema: String,
}

impl Operation {
    /// This operation as data.
    pub fn info(&self) -> OperationInfo {
        OperationInfo {
            name: self.name.to_owned(),
            summary: self.summary.to_owned(),
            needs_document: self.needs_document,
            formats: self.formats.to_vec(),
            request_schema: format!("{}.request", self.name),
            response_schema: format!("{}.response", self.name),
        }
    }

    /// Runs the operation on a parsed request object (`format` removed).
    pub fn run(&self, isms: Option<&Isms>, request: Value) -> Result<Response> {
        match (&self.run, isms) {
            (Runner::Doc(f), Some(isms)) => f(isms, request),
            (Runner::Doc(_), None) => Err(Error::invalid_argument(
                "$",
                format!("operation `{}` runs on a document: load one first", self.name),
            )),
            (Runner::Free(f), _) => f(request),
        }
    }
}

fn gen_schema<T: JsonSchema>() -> Value {
    crate::schema::generate::<T>()
}

/// Deserialises a request, naming the JSON path of what does not fit.
fn req<T: DeserializeOwned>(v: Value) -> Result<T> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        let path = if path.is_empty() || path == "." { "$".to_owned() } else { format!("$.{path}") };
        Error::InvalidArgument { path, message: e.into_inner().to_string() }
    })
}

macro_rules! op {
    (doc $name:literal, $summary:literal, $req:ty => $resp:ty, [$($f:ident),*], |$isms:ident, $r:ident| $body:expr) => {
        Operation {
            name: $name,
            summary: $summary,
            needs_document: true,
            formats: &[$(Format::$f),*],
            request_schema: gen_schema::<$req>,
            response_schema: gen_schema::<$resp>,
            run: Runner::Doc(|$isms, v| {
                let $r: $req = req(v)?;
                $body
            }),
        }
    };
    (free $name:literal, $summary:literal, $req:ty => $resp:ty, [$($f:ident),*], |$r:ident| $body:expr) => {
        Operation {
            name: $name,
            summary: $summary,
            needs_document: false,
            formats: &[$(Format::$f),*],
            request_schema: gen_schema::<$req>,
            response_schema: gen_schema::<$resp>,
            run: Runner::Free(|v| {
                let $r: $req = req(v)?;
                $body
            }),
        }
    };
}

static OPERATIONS: &[Operation] = &[
    op!(doc "validate", "Every integrity problem of the document (empty for a loaded document, which is valid).",
        NoParams => Vec<Problem>, [Json, Text],
        |i, _r| Ok(Response::Problems(validate(i.document())))),
    op!(doc "document", "The document in canonical form (what `isms fmt` writes).",
        NoParams => Document, [Json],
        |i, _r| Ok(Response::Document(i.document().clone()))),
    op!(doc "evaluate", "The continuous-monitoring verdict: findings, readiness, Stage 1/2 (`isms check`).",
    EvaluateRequest => Evaluation, [Json, Text, Sarif, Junit, Github],
    |i, r| Ok(Response::Evaluation(match r.results {
        None => i.evaluate(r.as_of),
        Some(results) => i.evaluate_with_results(r.as_of, &observations(results, "$.results")?),
    }))),
    op!(doc "verdict", "Whether the evaluation fails at a severity threshold (`isms check --fail-on`).",
        VerdictRequest => Verdict, [Json, Text],
        |i, r| Ok(Response::Verdict(i.verdict(r.as_of, r.fail_on)))),
    op!(doc "drift", "What fell out of compliance and what recovered: two dates, or two versions (`isms diff`).",
        DriftRequest => Drift, [Json, Text],
        |i, r| Ok(Response::Drift(i.drift(&r)?))),
    op!(doc "risk_assessment", "Levels, ranks, appetite, acceptance and review status of every risk.",
        AsOfRequest => Assessment, [Json],
        |i, r| Ok(Response::Assessment(i.risk_assessment(r.as_of)?))),
    op!(doc "risk_register", "The risk register (`isms risk register`).",
        AsOfRequest => Register, [Json, Csv, Markdown],
        |i, r| Ok(Response::Register(i.risk_register(r.as_of)?))),
    op!(doc "heatmap", "Inherent and residual heat maps (`isms risk heatmap`).",
        HeatmapRequest => HeatMap, [Json, Svg],
        |i, r| Ok(Response::HeatMap(i.heatmap(r.as_of)?, r.residual))),
    op!(doc "treatment_plan", "The risk treatment plan and its problems (`isms risk plan`).",
        AsOfRequest => TreatmentPlan, [Json, Text],
        |i, r| Ok(Response::TreatmentPlan(i.treatment_plan(r.as_of)?))),
    op!(doc "simulate", "Open FAIR simulation of the document's risks, before and after treatment (`isms simulate`).",
        SimulateRequest => DocumentSimulation, [Json, Text],
        |i, r| Ok(Response::DocumentSimulation(i.simulate(r.risk.as_deref(), &r.options)?))),
    op!(doc "soa", "The Statement of Applicability over all 93 Annex A controls (`isms soa`).",
        AsOfRequest => Statement, [Json, Csv, Markdown, Html],
        |i, r| Ok(Response::Statement(i.soa(r.as_of)))),
    op!(doc "soa_diff", "What changed between this SoA and a newer document's.",
    SoaDiffRequest => SoaDiff, [Json, Text],
    |i, r| {
        let newer = Isms::new(r.newer).map_err(|e| nest_invalid(e, "$.newer"))?;
        Ok(Response::SoaDiff(i.soa_diff(&newer)))
    }),
    op!(doc "calendar", "The merged calendar of audits, reviews, trainings and deadlines (`isms schedule`).",
        RangeRequest => Calendar, [Json, Text, Ical],
        |i, r| Ok(Response::Calendar(i.calendar(r.from, r.end())?))),
    op!(doc "certification_cycle", "The certification cycle's milestones and certificate state.",
        AsOfRequest => CertificationCycle, [Json, Text],
        |i, r| Ok(Response::CertificationCycle(i.certification_cycle(r.as_of)))),
    op!(doc "audit_programme", "Internal audit coverage of clauses and controls, conflicts, proposed audits.",
        ProgrammeRequest => AuditProgramme, [Json, Text],
        |i, r| Ok(Response::AuditProgramme(i.audit_programme(r.as_of, &r.options)?))),
    op!(doc "audit_duration", "The initial certification audit time per ISO/IEC 27006-1.",
        DurationRequest => DurationEstimate, [Json, Text],
        |i, r| Ok(Response::Duration(i.audit_duration(r.as_of, &r.factors)?))),
    op!(doc "management_review_plan", "Management review slots (9.3) over a date range.",
        RangeRequest => Vec<ManagementReviewSlot>, [Json],
        |i, r| Ok(Response::ReviewPlan(i.management_review_plan(r.from, r.end())?))),
    op!(doc "nc_report", "The nonconformity register: states, deadlines, recurrences (`isms nc list`).",
        AsOfRequest => NcReport, [Json, Text],
        |i, r| Ok(Response::NcReport(i.nc_report(r.as_of)))),
    op!(doc "nc_show", "One nonconformity with its history, deadline and allowed actions (`isms nc show`).",
        NcShowRequest => NcDetail, [Json, Text],
        |i, r| Ok(Response::NcDetail(i.nc_show(&r.id, r.as_of)?))),
    op!(doc "nc_transition", "Applies a lifecycle action; the response is the new document.",
        NcTransitionRequest => Document, [Json],
        |i, r| Ok(Response::Document(i.nc_transition(&r.id, &r.action)?.into_document()))),
    op!(doc "roadmap", "The 17 checklist steps with status, blockers and dates (`isms roadmap`).",
        AsOfRequest => Roadmap, [Json, Text, Mermaid],
        |i, r| Ok(Response::Roadmap(i.roadmap(r.as_of)))),
    op!(doc "report", "The self-contained HTML readiness report (`isms report`).",
    EvaluateRequest => String, [Html, Json],
    |i, r| Ok(Response::Report(match r.results {
        None => i.report_html(r.as_of)?,
        Some(results) => i.report_html_with_results(r.as_of, &observations(results, "$.results")?)?,
    }))),
    op!(doc "monitor_summary", "Automated test results judged per Annex A control: health, freshness, failing checks.",
        MonitorRequest => crate::monitor::MonitorSummary, [Json, Text],
        |i, r| Ok(Response::MonitorSummary(i.monitor_summary(r.as_of, &observations(r.results, "$.results")?)))),
    op!(doc "monitor_coverage", "Automation coverage: applicable controls with an automated check (clauses never count).",
        MonitorRequest => crate::monitor::Coverage, [Json, Text],
        |i, r| Ok(Response::Coverage(i.monitor_coverage(r.as_of, &observations(r.results, "$.results")?)))),
    op!(doc "monitor_drift", "Controls that started or stopped failing their automated tests between two dates.",
    MonitorDriftRequest => crate::monitor::MonitorDrift, [Json, Text],
    |i, r| {
        let before = observations(r.results, "$.results")?;
        let mut after = before.clone();
        after.merge(observations(r.newer_results, "$.newer_results")?);
        Ok(Response::MonitorDrift(i.monitor_drift(r.from, &before, r.to, &after)))
    }),
    op!(free "monitor_ingest", "A scanner's output (Prowler OCSF, OCSF, ASFF, Powerpipe, OSCAL) as neutral result records.",
        MonitorIngestRequest => Ingested, [Json],
        |r| Ok(Response::Ingested(monitor_ingest(r.input_format, &r.input, r.mapping.as_deref(), &r.options)?))),
    op!(free "mapping_lint", "Lint of a check → control mapping table: unknown ids, 2013 ids, mixed editions, gaps.",
    MappingLintRequest => crate::monitor::MappingLint, [Json, Text],
    |r| {
        let doc = r.document.map(Isms::new).transpose().map_err(|e| nest_invalid(e, "$.document"))?;
        Ok(Response::MappingLint(mapping_lint(&r.csv, doc.as_ref())?))
    }),
    op!(free "simulate_model", "Open FAIR simulation of one model.",
        SimulateModelRequest => SimulationResult, [Json],
        |r| Ok(Response::Simulation(simulate_model(&r.model, &r.options)?))),
    op!(free "simulate_portfolio", "Open FAIR simulation of several models, years summed.",
        PortfolioRequest => PortfolioResult, [Json],
        |r| Ok(Response::Portfolio(simulate_portfolio(&r.risks, &r.options)?))),
    op!(free "compare", "A model before and after a treatment, with common random numbers.",
        CompareRequest => RosiResult, [Json],
        |r| Ok(Response::Rosi(compare(&r.before, &r.after, r.annual_cost, &r.options)?))),
    op!(free "rosi", "The return on security investment of control effects on a model.",
        RosiRequest => RosiResult, [Json],
        |r| Ok(Response::Rosi(rosi(&r.model, &r.controls, &r.options)?))),
    op!(free "analytic_mean", "The exact mean annual loss of a model (null for the TCap-vs-RS form).",
        ModelRequest => Option<f64>, [Json],
        |r| Ok(Response::Number(analytic_mean(&r.model)?))),
    op!(free "catalog_annex_a", "The 93 Annex A controls, optionally one theme or attribute value.",
        AnnexARequest => Vec<ControlInfo>, [Json, Text],
        |r| Ok(Response::Controls(annex_a(&r)?))),
    op!(free "catalog_control", "One Annex A control.",
    ControlRequest => Vec<ControlInfo>, [Json, Text],
    |r| match catalog::control(&r.id) {
        Some(c) => Ok(Response::Controls(vec![c.info()])),
        None => Err(Error::NotFound { kind: "annex_a_control".into(), id: r.id }),
    }),
    op!(free "catalog_mapping", "The ISO/IEC 27001:2013 to 2022 correspondence (27002:2022 Annex B).",
        MappingRequest => Vec<MappingInfo>, [Json, Text],
        |r| Ok(Response::Mapping(mapping(&r)?, r.to_2022.clone()))),
    op!(free "catalog_clauses", "Clauses 4 to 10 with their sub-clauses.",
        NoParams => Vec<catalog::Clause>, [Json, Text],
        |_r| Ok(Response::Clauses(catalog::clauses().to_vec()))),
    op!(free "catalog_documents", "Mandatory and commonly expected documented information.",
        NoParams => Vec<catalog::MandatoryDoc>, [Json, Text],
        |_r| Ok(Response::MandatoryDocuments(catalog::mandatory_documents().to_vec()))),
    op!(free "catalog_rules", "The evaluation rule catalogue.",
        NoParams => Vec<CatalogRule>, [Json, Markdown],
        |_r| Ok(Response::Rules(crate::evaluate::rules().into_iter().map(CatalogRule::from).collect()))),
    op!(free "catalog_audit_time", "The ISO/IEC 27006-1 audit-time chart.",
        NoParams => Vec<catalog::AuditTimeBand>, [Json],
        |_r| Ok(Response::AuditTimeChart(catalog::audit_time_chart().to_vec()))),
    op!(free "methodology_preset", "A named risk methodology preset, expanded.",
        PresetRequest => RiskMethodology, [Json],
        |r| Ok(Response::Methodology(crate::risk::preset(r.preset)))),
    op!(free "schemas", "The names of every published JSON Schema.",
        NoParams => Vec<String>, [Json, Text],
        |_r| Ok(Response::Names(crate::schema::names()))),
    op!(free "schema", "One published JSON Schema.",
        SchemaRequest => Value, [Json],
        |r| crate::schema::schema(&r.name)
            .map(Response::Json)
            .ok_or_else(|| Error::NotFound { kind: "schema".into(), id: r.name })),
    op!(free "operations", "This table: every operation with its schemas and formats.",
        NoParams => Vec<OperationInfo>, [Json],
        |_r| Ok(Response::Operations(operations().iter().map(Operation::info).collect()))),
];

/// Every operation, in a stable order.
pub fn operations() -> &'static [Operation] {
    OPERATIONS
}

/// The operation named `name`.
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|o| o.name == name)
}

/// Runs operation `op` on `request_json` and renders its response.
///
/// The request is a JSON object shaped by the operation's request schema,
/// plus two optional keys common to all: `"format"` (default `"json"`; see
/// [`Format`]) and `"source"`, the document's path as the formats that point
/// into it name it (SARIF, JUnit, GitHub; default `isms.json`). Empty text
/// stands for `{}`. `isms` is the document for operations that need one
/// (`None` for the others).
///
/// Errors: `not_found` for an unknown operation; `invalid_argument` with the
/// JSON path for a request that does not fit; any error of the operation.
pub fn call(isms: Option<&Isms>, op: &str, request_json: &str) -> Result<String> {
    call_in(isms, op, request_json, isms.and_then(Isms::source_text))
}

/// [`call`], with the document's text when it is known, so that SARIF,
/// JUnit and GitHub output give each finding's line and column.
fn call_in(isms: Option<&Isms>, op: &str, request_json: &str, text: Option<&str>) -> Result<String> {
    let operation = operation(op).ok_or_else(|| Error::NotFound { kind: "operation".into(), id: op.into() })?;
    let mut request: Value = if request_json.trim().is_empty() {
        Value::Object(Default::default())
    } else {
        crate::json::from_json(request_json)?
    };
    let Value::Object(map) = &mut request else {
        return Err(Error::invalid_argument("$", "a request is a JSON object"));
    };
    let format = match map.remove("format") {
        None => Format::Json,
        Some(Value::String(s)) => s.parse::<Format>()?,
        Some(other) => return Err(Error::invalid_argument("$.format", format!("expected a string, got {other}"))),
    };
    let uri = match map.remove("source") {
        None => crate::render::Source::DEFAULT_URI.to_owned(),
        Some(Value::String(s)) => s,
        Some(other) => return Err(Error::invalid_argument("$.source", format!("expected a string, got {other}"))),
    };
    if !operation.formats.contains(&format) {
        let names: Vec<&str> = operation.formats.iter().map(|f| f.as_str()).collect();
        return Err(Error::invalid_argument(
            "$.format",
            format!("operation `{op}` has no `{format}` output; available: {}", names.join(", ")),
        ));
    }
    let response = operation.run(isms, request)?;
    let source = crate::render::Source { uri: &uri, text, locator: None };
    response.render_from(format, isms.map(Isms::document), &source)
}

fn annex_a(r: &AnnexARequest) -> Result<Vec<ControlInfo>> {
    let theme: Option<Theme> = r
        .theme
        .as_deref()
        .map(str::parse::<Theme>)
        .transpose()
        .map_err(|e| Error::invalid_argument("$.theme", e.to_string()))?;
    let attribute: Option<Attribute> = r
        .attribute
        .as_deref()
        .map(str::parse::<Attribute>)
        .transpose()
        .map_err(|e| Error::invalid_argument("$.attribute", e.to_string()))?;
    Ok(catalog::annex_a()
        .iter()
        .filter(|c| theme.is_none_or(|t| c.theme == t))
        .filter(|c| attribute.is_none_or(|a| c.has(a)))
        .map(|c| c.info())
        .collect())
}

fn mapping(r: &MappingRequest) -> Result<Vec<MappingInfo>> {
    match (&r.from_2013, &r.to_2022) {
        (Some(_), Some(_)) => Err(Error::invalid_argument("$.to_2022", "give `from_2013` or `to_2022`, not both")),
        (Some(id), None) => {
            let found = catalog::successors_of_2013(id);
            if found.is_empty() {
                return Err(Error::invalid_argument(
                    "$.from_2013",
                    format!(
                        "unknown ISO/IEC 27001:2013 control `{}`; expected an Annex A id such as A.5.1.1 ({} \
                         controls; the `catalog_mapping` operation without parameters lists them all)",
                        id.trim(),
                        catalog::controls_2013().len()
                    ),
                ));
            }
            Ok(found.iter().map(|m| m.info()).collect())
        }
        (None, Some(id)) => {
            if catalog::control(id).is_none() {
                return Err(Error::invalid_argument(
                    "$.to_2022",
                    format!(
                        "unknown ISO/IEC 27001:2022 control `{}`; expected an Annex A id 5.1–5.37, 6.1–6.8, \
                         7.1–7.14 or 8.1–8.34",
                        id.trim()
                    ),
                ));
            }
            Ok(catalog::predecessors_of_2022(id).iter().map(|m| m.info()).collect())
        }
        (None, None) => Ok(catalog::mappings().iter().map(|m| m.info()).collect()),
    }
}

/// Loads `document` (JSON text, when the operation needs one) and runs
/// operation `op` on `request_json`: what every binding's generic entry
/// point and every conformance-vector runner does. Errors: those of
/// [`Isms::from_json`] and of [`call`].
pub fn call_document(document: Option<&str>, op: &str, request_json: &str) -> Result<String> {
    let isms = document.map(Isms::from_json).transpose()?;
    call_in(isms.as_ref(), op, request_json, document)
}

/// An error as the JSON of its [`crate::error::ErrorReport`] (schema
/// `error`): the bytes every front end prints or raises for it, so an error
/// is as comparable across bindings as a result.
pub fn error_json(e: &Error) -> String {
    crate::json::to_json(&e.report())
}
