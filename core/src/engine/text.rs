//! Dispatch of [`Response`]s to the core's text and iCalendar renderers
//! (`crate::render`). Text is escaped for terminals here, once, whatever
//! renderer produced it.
use super::{Format, Response};
use crate::model::Document;
use crate::render::{calendar_ics, escape_terminal, text};

/// The text (or iCalendar) form of `r`, if it has one.
pub(super) fn render_text(r: &Response, format: Format, doc: Option<&Document>) -> Option<String> {
    if format == Format::Ical {
        return match r {
            Response::Calendar(c) => Some(calendar_ics(c)),
            _ => None,
        };
    }
    if format != Format::Text {
        return None;
    }
    let s = match r {
        Response::Problems(p) => text::problems(p),
        Response::Evaluation(e) => text::evaluation(doc, e, &text::CheckView::default()),
        Response::Verdict(v) => text::verdict(v),
        Response::Drift(d) => text::drift(d),
        Response::TreatmentPlan(p) => text::treatment_plan(doc, p),
        Response::DocumentSimulation(s) => text::document_simulation(s),
        Response::SoaDiff(d) => text::soa_diff(d),
        Response::Calendar(c) => text::calendar(c),
        Response::CertificationCycle(c) => text::certification_cycle(c),
        Response::AuditProgramme(p) => text::audit_programme(p),
        Response::Duration(d) => text::audit_duration(d),
        Response::NcReport(n) => text::nc_report(n),
        Response::NcDetail(n) => text::nc_detail(n),
        Response::Roadmap(m) => text::roadmap(m),
        Response::Controls(c) => text::controls(c),
        Response::Mapping(m, to) => text::mapping(m, to.as_deref()),
        Response::Clauses(c) => text::clauses(c),
        Response::MandatoryDocuments(d) => text::mandatory_documents(d),
        Response::Names(n) => text::names(n),
        Response::MonitorSummary(m) => crate::monitor::text::summary(m),
        Response::Coverage(c) => crate::monitor::text::coverage(c),
        Response::MonitorDrift(d) => crate::monitor::text::drift(d),
        Response::MappingLint(l) => crate::monitor::text::lint(l),
        _ => return None,
    };
    Some(escape_terminal(&s).into_owned())
}

/// The text of `isms check` with display filters ([`text::CheckView`]:
/// `--summary`, `--rule`, `--severity`, `--limit`), escaped for terminals
/// like every text form. The filters change what is listed, never the
/// evaluation or its verdict.
pub fn evaluation_text(e: &crate::evaluate::Evaluation, doc: Option<&Document>, view: &text::CheckView) -> String {
    escape_terminal(&text::evaluation(doc, e, view)).into_owned()
}
