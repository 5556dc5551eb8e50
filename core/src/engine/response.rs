//! [`Response`]: the result of any operation, and the one place that maps a
//! result and a [`Format`] to a renderer of the core.
use super::{CatalogRule, Format, Verdict};
use crate::catalog::{AuditTimeBand, Clause, ControlInfo, MandatoryDoc, MappingInfo};
use crate::evaluate::{Drift, Evaluation};
use crate::model::{Document, RiskMethodology};
use crate::nc::{NcDetail, NcReport};
use crate::quant::{DocumentSimulation, PortfolioResult, RosiResult, SimulationResult};
use crate::render::Source;
use crate::risk::{Assessment, HeatMap, Register, TreatmentPlan};
use crate::roadmap::Roadmap;
use crate::schedule::{AuditProgramme, Calendar, CertificationCycle, DurationEstimate, ManagementReviewSlot};
use crate::soa::{SoaDiff, Statement};
use crate::{Error, Problem, Result};

/// The result of an operation, typed. [`Response::to_json`] gives the JSON
/// of the operation's response schema; [`Response::render`] any format the
/// operation lists.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant, reason = "a response is built once per call and rendered in place")]
pub enum Response {
    /// `validate`.
    Problems(Vec<Problem>),
    /// `evaluate`.
    Evaluation(Evaluation),
    /// `verdict`.
    Verdict(Verdict),
    /// `drift`.
    Drift(Drift),
    /// `risk_assessment`.
    Assessment(Assessment),
    /// `risk_register`.
    Register(Register),
    /// `heatmap`, and whether its SVG shows residual levels.
    HeatMap(HeatMap, bool),
    /// `treatment_plan`.
    TreatmentPlan(TreatmentPlan),
    /// `simulate`.
    DocumentSimulation(DocumentSimulation),
    /// `simulate_model`.
    Simulation(SimulationResult),
    /// `simulate_portfolio`.
    Portfolio(PortfolioResult),
    /// `compare` and `rosi`.
    Rosi(RosiResult),
    /// `analytic_mean`.
    Number(Option<f64>),
    /// `soa`.
    Statement(Statement),
    /// `soa_diff`.
    SoaDiff(SoaDiff),
    /// `calendar`.
    Calendar(Calendar),
    /// `certification_cycle`.
    CertificationCycle(CertificationCycle),
    /// `audit_programme`.
    AuditProgramme(AuditProgramme),
    /// `audit_duration`.
    Duration(DurationEstimate),
    /// `management_review_plan`.
    ReviewPlan(Vec<ManagementReviewSlot>),
    /// `nc_report`.
    NcReport(NcReport),
    /// `nc_show`.
    NcDetail(NcDetail),
    /// `nc_transition` and `document`: a whole document.
    Document(Document),
    /// `roadmap`.
    Roadmap(Roadmap),
    /// `report`: the HTML page.
    Report(String),
    /// `catalog_annex_a` and `catalog_control`.
    Controls(Vec<ControlInfo>),
    /// `catalog_mapping`, and the control it was asked for when one was
    /// (`to_2022`), so the text can say that a control is new in 2022.
    Mapping(Vec<MappingInfo>, Option<String>),
    /// `catalog_clauses`.
    Clauses(Vec<Clause>),
    /// `catalog_documents`.
    MandatoryDocuments(Vec<MandatoryDoc>),
    /// `catalog_rules`.
    Rules(Vec<CatalogRule>),
    /// `catalog_audit_time`.
    AuditTimeChart(Vec<AuditTimeBand>),
    /// `methodology_preset`.
    Methodology(RiskMethodology),
    /// `schema`: one JSON Schema, and `operations`: the table.
    Json(serde_json::Value),
    /// `schemas`: the names of the published schemas.
    Names(Vec<String>),
    /// `operations`: the operations table.
    Operations(Vec<super::OperationInfo>),
    /// `monitor_summary`.
    MonitorSummary(crate::monitor::MonitorSummary),
    /// `monitor_coverage`.
    Coverage(crate::monitor::Coverage),
    /// `monitor_drift`.
    MonitorDrift(crate::monitor::MonitorDrift),
    /// `monitor_ingest`.
    Ingested(super::Ingested),
    /// `mapping_lint`.
    MappingLint(crate::monitor::MappingLint),
}

impl Response {
    /// The response as deterministic pretty JSON (its schema is the
    /// operation's response schema).
    pub fn to_json(&self) -> String {
        use crate::json::to_json;
        match self {
            Response::Problems(x) => to_json(x),
            Response::Evaluation(x) => to_json(x),
            Response::Verdict(x) => to_json(x),
            Response::Drift(x) => to_json(x),
            Response::Assessment(x) => to_json(x),
            Response::Register(x) => to_json(x),
            Response::HeatMap(x, _) => to_json(x),
            Response::TreatmentPlan(x) => to_json(x),
            Response::DocumentSimulation(x) => to_json(x),
            Response::Simulation(x) => to_json(x),
            Response::Portfolio(x) => to_json(x),
            Response::Rosi(x) => to_json(x),
            Response::Number(x) => to_json(x),
            Response::Statement(x) => to_json(x),
            Response::SoaDiff(x) => to_json(x),
            Response::Calendar(x) => to_json(x),
            Response::CertificationCycle(x) => to_json(x),
            Response::AuditProgramme(x) => to_json(x),
            Response::Duration(x) => to_json(x),
            Response::ReviewPlan(x) => to_json(x),
            Response::NcReport(x) => to_json(x),
            Response::NcDetail(x) => to_json(x),
            Response::Document(x) => to_json(x),
            Response::Roadmap(x) => to_json(x),
            Response::Report(x) => to_json(x),
            Response::Controls(x) => to_json(x),
            Response::Mapping(x, _) => to_json(x),
            Response::Clauses(x) => to_json(x),
            Response::MandatoryDocuments(x) => to_json(x),
            Response::Rules(x) => to_json(x),
            Response::AuditTimeChart(x) => to_json(x),
            Response::Methodology(x) => to_json(x),
            Response::Json(x) => to_json(x),
            Response::Names(x) => to_json(x),
            Response::Operations(x) => to_json(x),
            Response::MonitorSummary(x) => to_json(x),
            Response::Coverage(x) => to_json(x),
            Response::MonitorDrift(x) => to_json(x),
            Response::Ingested(x) => to_json(x),
            Response::MappingLint(x) => to_json(x),
        }
    }

    /// The formats this response renders to (JSON first).
    pub fn formats(&self) -> &'static [Format] {
        use Format::*;
        match self {
            Response::Problems(_) => &[Json, Text],
            Response::Evaluation(_) => &[Json, Text, Sarif, Junit, Github],
            Response::Verdict(_) => &[Json, Text],
            Response::Drift(_) => &[Json, Text],
            Response::Assessment(_) => &[Json],
            Response::Register(_) => &[Json, Csv, Markdown],
            Response::HeatMap(..) => &[Json, Svg],
            Response::TreatmentPlan(_) => &[Json, Text],
            Response::DocumentSimulation(_) => &[Json, Text],
            Response::Simulation(_) | Response::Portfolio(_) | Response::Rosi(_) | Response::Number(_) => &[Json],
            Response::Statement(_) => &[Json, Csv, Markdown, Html],
            Response::SoaDiff(_) => &[Json, Text],
            Response::Calendar(_) => &[Json, Text, Ical],
            Response::CertificationCycle(_) => &[Json, Text],
            Response::AuditProgramme(_) => &[Json, Text],
            Response::Duration(_) => &[Json, Text],
            Response::ReviewPlan(_) => &[Json],
            Response::NcReport(_) => &[Json, Text],
            Response::NcDetail(_) => &[Json, Text],
            Response::Document(_) => &[Json],
            Response::Roadmap(_) => &[Json, Text, Mermaid],
            Response::Report(_) => &[Html, Json],
            Response::Controls(_) => &[Json, Text],
            Response::Mapping(..) => &[Json, Text],
            Response::Clauses(_) => &[Json, Text],
            Response::MandatoryDocuments(_) => &[Json, Text],
            Response::Rules(_) => &[Json, Markdown],
            Response::AuditTimeChart(_) => &[Json],
            Response::Methodology(_) => &[Json],
            Response::Json(_) => &[Json],
            Response::Names(_) => &[Json, Text],
            Response::Operations(_) => &[Json],
            Response::MonitorSummary(_) | Response::Coverage(_) | Response::MonitorDrift(_) => &[Json, Text],
            Response::MappingLint(_) => &[Json, Text],
            Response::Ingested(_) => &[Json],
        }
    }

    /// Renders the response in `format`. `doc` is the document the response
    /// was computed from, where a text renderer names its people or risks
    /// (without it, ids stand in for names). Errors: `invalid_argument` at
    /// `$.format` for a format this response does not have.
    pub fn render(&self, format: Format, doc: Option<&Document>) -> Result<String> {
        self.render_from(format, doc, &Source::default())
    }

    /// [`Response::render`] for a document read from `source`: the formats
    /// that point into the document (SARIF, JUnit, GitHub annotations) name
    /// its path and, when the text is given, the line and column of each
    /// finding's entity. The other formats ignore `source`.
    pub fn render_from(&self, format: Format, doc: Option<&Document>, source: &Source<'_>) -> Result<String> {
        if format == Format::Json {
            return Ok(self.to_json());
        }
        let text = match (self, format) {
            (Response::Register(r), Format::Csv) => Some(r.to_csv()),
            (Response::Register(r), Format::Markdown) => Some(r.to_markdown()),
            (Response::HeatMap(m, residual), Format::Svg) => Some(crate::risk::heatmap_svg(m, *residual)),
            (Response::Statement(s), Format::Csv) => Some(crate::soa::render::to_csv(s)?),
            (Response::Statement(s), Format::Markdown) => Some(crate::soa::render::to_markdown(s)),
            (Response::Statement(s), Format::Html) => Some(crate::soa::render::to_html(s)?),
            (Response::Roadmap(r), Format::Mermaid) => Some(crate::roadmap::roadmap_mermaid(r)),
            (Response::Report(html), Format::Html) => Some(html.clone()),
            (Response::Rules(_), Format::Markdown) => Some(crate::evaluate::rules_markdown()),
            (Response::Evaluation(e), Format::Sarif) => Some(crate::render::evaluation_sarif(e, source)),
            (Response::Evaluation(e), Format::Junit) => Some(crate::render::evaluation_junit(e, source)),
            (Response::Evaluation(e), Format::Github) => Some(crate::render::evaluation_github(e, source)),
            _ => super::text::render_text(self, format, doc),
        };
        text.ok_or_else(|| {
            let names: Vec<&str> = self.formats().iter().map(|f| f.as_str()).collect();
            Error::invalid_argument(
                "$.format",
                format!("this result has no `{format}` form; available: {}", names.join(", ")),
            )
        })
    }
}
