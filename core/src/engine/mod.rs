//! The engine API: the one facade every front end (CLI, Python, WebAssembly,
//! UniFFI, the conformance vectors) goes through.
//!
//! **What it is.** [`Isms`] is a handle on a document that has passed
//! validation: [`Isms::new`] validates once, and every operation is a method
//! that therefore never runs on an invalid document by accident and never
//! validates again. Operations that need no document (catalogs, schemas, the
//! simulation of a single model) are free functions. Each operation also has
//! an entry in the operations table ([`operations`]): a serde request type
//! with documented defaults, a response type, the formats it renders to, and
//! the JSON Schemas of both. [`call`] runs any operation on JSON text, which
//! is what the WebAssembly and UniFFI bindings and the conformance vectors
//! use; [`Response::render`] turns any result into any of its [`Format`]s.
//!
//! **What it is not.** No rule of the standard lives here: the engine
//! dispatches to the domain modules (`evaluate`, `risk`, `soa`, `schedule`,
//! `nc`, `quant`, ...) and to the renderers. It reads no clock: every date is
//! a parameter, and front ends supply "today" themselves, in one place each.
//!
//! An inspection path for documents that do not validate is explicit:
//! [`validate`] returns every problem of any parsed document, and
//! [`Isms::new`] returns them all in [`Error::Invalid`].
mod format;
mod monitor;
mod ops;
mod requests;
mod response;
mod text;

pub use format::Format;
pub use monitor::{
    MAX_LISTED_RECORD_ERRORS, ResultStream, mapping_lint, mapping_table, monitor_ingest, record_errors, record_line,
};
pub use ops::{Operation, OperationInfo, call, call_document, error_json, operation, operations};
pub use requests::*;
pub use response::Response;
pub use text::evaluation_text;

use crate::evaluate::{self, Drift, Evaluation, Severity};
use crate::model::Date;
use crate::nc::{NcAction, NcDetail, NcReport};
use crate::quant::{
    self, ControlEffect, DocumentSimulation, FairModel, PortfolioResult, RosiResult, SimulationOptions,
    SimulationResult,
};
use crate::risk::{Assessment, HeatMap, Register, TreatmentPlan};
use crate::roadmap::Roadmap;
use crate::schedule::{
    self, AuditProgramme, Calendar, CertificationCycle, DurationEstimate, DurationFactors, ManagementReviewSlot,
    ProgrammeOptions,
};
use crate::soa::{SoaDiff, Statement};
use crate::{Document, Error, Problem, Result};

/// Every problem of a parsed document (empty when it is valid). This is the
/// explicit path for callers that want to inspect an invalid document;
/// [`Isms::new`] runs the same check once and refuses on any problem.
pub fn validate(doc: &Document) -> Vec<Problem> {
    crate::validate::validate(doc)
}

/// A validated ISMS document and every computation on it.
///
/// Construction is the only validation: operations borrow the document and
/// compute. The handle is immutable; operations that change the ISMS
/// ([`Isms::nc_transition`]) return a new handle and leave this one as it was.
#[derive(Debug, Clone)]
pub struct Isms {
    doc: Document,
    /// The JSON text the document was read from ([`Isms::from_json`]), kept
    /// so that SARIF, JUnit and GitHub output locate findings in it through
    /// the handle as through [`call_document`]. `None` for a handle built
    /// from a [`Document`] or returned by a transition (the text would no
    /// longer match).
    source: Option<std::sync::Arc<str>>,
}

/// Two handles are equal when their documents are: the text a handle was
/// read from is not part of the ISMS.
impl PartialEq for Isms {
    fn eq(&self, other: &Self) -> bool {
        self.doc == other.doc
    }
}

impl Isms {
    /// Validates `doc` once and wraps it. Errors: [`Error::Invalid`] with
    /// every problem found.
    pub fn new(doc: Document) -> Result<Self> {
        let problems = crate::validate::validate(&doc);
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        Ok(Self { doc, source: None })
    }

    /// Parses JSON text and validates it: [`crate::json::parse_document`]
    /// then [`Isms::new`]; integrity problems carry their line and column
    /// in `text` ([`Error::located`]). Text longer than
    /// [`crate::json::DEFAULT_MAX_DOCUMENT_BYTES`] is refused before parsing
    /// (`limit_exceeded`); [`Isms::from_json_limited`] takes another limit.
    pub fn from_json(text: &str) -> Result<Self> {
        Self::from_json_limited(text, crate::json::DEFAULT_MAX_DOCUMENT_BYTES)
    }

    /// [`Isms::from_json`] with a caller-chosen size limit in bytes.
    pub fn from_json_limited(text: &str, max_bytes: usize) -> Result<Self> {
        crate::json::check_document_size(text.len(), max_bytes)?;
        let mut isms = Self::new(crate::json::parse_document(text)?).map_err(|e| e.located(text))?;
        isms.source = Some(text.into());
        Ok(isms)
    }

    /// The JSON text the handle was read from, if it was ([`Isms::from_json`]).
    pub fn source_text(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// Gives the document back.
    pub fn into_document(self) -> Document {
        self.doc
    }

    /// The document in canonical form: deterministic JSON with defaults
    /// omitted (what `isms fmt` writes).
    pub fn canonical_json(&self) -> String {
        crate::json::to_json(&self.doc)
    }

    /// Runs the operation `op` on JSON request text; see [`call`].
    pub fn call(&self, op: &str, request_json: &str) -> Result<String> {
        call(Some(self), op, request_json)
    }

    /// Renders a response of an operation on this document in `format`
    /// (text renderers may name people and risks of the document).
    pub fn render(&self, response: &Response, format: Format) -> Result<String> {
        response.render(format, Some(&self.doc))
    }

    // --- evaluation ------------------------------------------------------

    /// The continuous-monitoring verdict on `as_of`: every rule's findings,
    /// readiness per clause, theme and overall, Stage 1/2 verdicts.
    pub fn evaluate(&self, as_of: Date) -> Evaluation {
        evaluate::evaluate(&self.doc, as_of)
    }

    /// Whether the evaluation on `as_of` fails at `fail_on` (the CI gate of
    /// `isms check --fail-on`).
    pub fn verdict(&self, as_of: Date, fail_on: Severity) -> Verdict {
        Verdict::of(&self.evaluate(as_of), fail_on)
    }

    /// The same ISMS evaluated at two dates: what will have lapsed by `to`.
    pub fn drift_dates(&self, from: Date, to: Date) -> Drift {
        evaluate::drift::drift(&self.evaluate(from), &self.evaluate(to))
    }

    /// This document evaluated on `as_of` against `newer` on `newer_as_of`,
    /// with the SoA diff.
    pub fn drift_documents(&self, newer: &Isms, as_of: Date, newer_as_of: Date) -> Drift {
        let mut d = evaluate::drift::drift(&self.evaluate(as_of), &newer.evaluate(newer_as_of));
        d.soa = Some(self.soa_diff(newer));
        d
    }

    /// The drift a [`DriftRequest`] asks for.
    pub fn drift(&self, request: &DriftRequest) -> Result<Drift> {
        match (&request.newer, request.to) {
            (Some(newer), to) => {
                let newer = Isms::new(newer.clone()).map_err(|e| nest_invalid(e, "$.newer"))?;
                Ok(self.drift_documents(&newer, request.as_of, to.unwrap_or(request.as_of)))
            }
            (None, Some(to)) => Ok(self.drift_dates(request.as_of, to)),
            (None, None) => Err(Error::invalid_argument(
                "$.to",
                "nothing to compare: give a newer document (`newer`) or a second date (`to`)",
            )),
        }
    }

    // --- risk ------------------------------------------------------------

    /// The qualitative risk assessment on `as_of`: levels, ranks, appetite,
    /// acceptance and review status of every risk.
    pub fn risk_assessment(&self, as_of: Date) -> Result<Assessment> {
        crate::risk::assess(&self.doc, as_of)
    }

    /// The risk register (owners' names, controls relied upon) on `as_of`.
    pub fn risk_register(&self, as_of: Date) -> Result<Register> {
        Ok(crate::risk::register::register_from(&self.doc, &self.risk_assessment(as_of)?))
    }

    /// The inherent and residual heat maps on `as_of`.
    pub fn heatmap(&self, as_of: Date) -> Result<HeatMap> {
        Ok(crate::risk::heatmap::heatmap_from(&self.risk_assessment(as_of)?))
    }

    /// The risk treatment plan and its problems on `as_of`.
    pub fn treatment_plan(&self, as_of: Date) -> Result<TreatmentPlan> {
        Ok(crate::risk::plan::treatment_plan_from(&self.doc, &self.risk_assessment(as_of)?))
    }

    /// Open FAIR simulation of the quantified risks (all, or only `risk`),
    /// before and after treatment, with ROSI and the portfolio.
    pub fn simulate(&self, risk: Option<&str>, options: &SimulationOptions) -> Result<DocumentSimulation> {
        quant::document::simulate_document(&self.doc, risk, options)
    }

    // --- Statement of Applicability -------------------------------------

    /// The Statement of Applicability over all 93 controls on `as_of`.
    pub fn soa(&self, as_of: Date) -> Statement {
        crate::soa::statement(&self.doc, as_of)
    }

    /// What changed between this SoA and `newer`'s, control by control.
    pub fn soa_diff(&self, newer: &Isms) -> SoaDiff {
        crate::soa::diff(&self.doc.soa, &newer.doc.soa)
    }

    // --- schedule --------------------------------------------------------

    /// The merged calendar from `from` to `to` inclusive (statuses as of `from`).
    pub fn calendar(&self, from: Date, to: Date) -> Result<Calendar> {
        schedule::calendar(&self.doc, from, to)
    }

    /// The certification cycle on `as_of`.
    pub fn certification_cycle(&self, as_of: Date) -> CertificationCycle {
        schedule::certification_cycle(&self.doc, as_of)
    }

    /// The internal audit programme on `as_of`. Errors: options out of
    /// bounds ([`ProgrammeOptions::validate`]), before any work.
    pub fn audit_programme(&self, as_of: Date, options: &ProgrammeOptions) -> Result<AuditProgramme> {
        options.validate()?;
        Ok(schedule::audit_programme(&self.doc, as_of, options))
    }

    /// The initial certification audit time (ISO/IEC 27006-1) on `as_of`.
    pub fn audit_duration(&self, as_of: Date, factors: &DurationFactors) -> Result<DurationEstimate> {
        schedule::audit_duration(&self.doc, as_of, factors)
    }

    /// The management review slots (9.3) from `from` to `to`. Errors: a
    /// reversed or over-long range ([`schedule::check_range`]).
    pub fn management_review_plan(&self, from: Date, to: Date) -> Result<Vec<ManagementReviewSlot>> {
        schedule::check_range(from, to)?;
        Ok(schedule::management_review_plan(&self.doc, from, to))
    }

    // --- nonconformities -------------------------------------------------

    /// The nonconformity register on `as_of`: states, deadlines, recurrences.
    pub fn nc_report(&self, as_of: Date) -> NcReport {
        crate::nc::report(&self.doc, as_of)
    }

    /// One nonconformity with its state, deadline and allowed actions.
    pub fn nc_show(&self, id: &str, as_of: Date) -> Result<NcDetail> {
        crate::nc::detail(&self.doc, id, as_of)
    }

    /// Applies a lifecycle action and returns the new, validated ISMS; this
    /// one is unchanged. Errors: `transition_not_allowed`, `not_found`, or
    /// `invalid_document` when the action would break the document.
    pub fn nc_transition(&self, id: &str, action: &NcAction) -> Result<Isms> {
        Isms::new(crate::nc::apply_unchecked(&self.doc, id, action)?)
    }

    // --- roadmap and report ---------------------------------------------

    /// The 17 checklist steps on `as_of`.
    pub fn roadmap(&self, as_of: Date) -> Roadmap {
        crate::roadmap::roadmap_from(&self.doc, &self.evaluate(as_of))
    }

    /// The self-contained HTML readiness report on `as_of`.
    pub fn report_html(&self, as_of: Date) -> Result<String> {
        let eval = self.evaluate(as_of);
        let road = crate::roadmap::roadmap_from(&self.doc, &eval);
        crate::report::render(&self.doc, &eval, &road, None)
    }
}

/// Rewrites the paths of an [`Error::Invalid`] of a document nested in a
/// request (`$.risks[0]` → `$.newer.risks[0]`).
fn nest_invalid(e: Error, prefix: &str) -> Error {
    let nest = |p: String| match p.strip_prefix('$') {
        Some(rest) => format!("{prefix}{rest}"),
        None => p,
    };
    match e {
        Error::Invalid(problems) => {
            Error::Invalid(problems.into_iter().map(|p| Problem { path: nest(p.path), ..p }).collect())
        }
        Error::Parse { path, line, column, message } => Error::Parse { path: nest(path), line, column, message },
        other => other,
    }
}

// --- operations without a document --------------------------------------

/// Simulates one risk's annual loss.
pub fn simulate_model(model: &FairModel, options: &SimulationOptions) -> Result<SimulationResult> {
    quant::simulate(model, options)
}

/// Simulates a portfolio of `(id, model)` risks, years summed across risks.
pub fn simulate_portfolio(risks: &[PortfolioRisk], options: &SimulationOptions) -> Result<PortfolioResult> {
    let refs: Vec<(&str, &FairModel)> = risks.iter().map(|r| (r.id.as_str(), &r.model)).collect();
    quant::simulate_portfolio(&refs, options)
}

/// Compares a model before and after a treatment costing `annual_cost` a year.
pub fn compare(
    before: &FairModel,
    after: &FairModel,
    annual_cost: f64,
    options: &SimulationOptions,
) -> Result<RosiResult> {
    quant::compare(before, after, annual_cost, options)
}

/// The return on `controls` applied to `model`.
pub fn rosi(model: &FairModel, controls: &[ControlEffect], options: &SimulationOptions) -> Result<RosiResult> {
    quant::rosi(model, controls, options)
}

/// The analytic mean annual loss of a model (`None` for the TCap-vs-RS form).
pub fn analytic_mean(model: &FairModel) -> Result<Option<f64>> {
    model.validate("$.model")?;
    Ok(model.analytic_mean())
}

#[cfg(test)]
mod tests;
