//! Continuous monitoring on the engine: results in, health, coverage, drift,
//! findings out. The CLI streams results files through [`ResultStream`]
//! one line at a time; JSON callers pass records in requests.
use super::{Ingested, Isms};
use crate::evaluate::{self, Evaluation};
use crate::model::Date;
use crate::monitor::{
    self, AdapterOptions, Coverage, InputFormat, MappingLint, MappingTable, MonitorDrift, MonitorSummary, Observations,
    RecordError, ResultRecord,
};
use crate::{Error, Result};

/// How many bad records an error lists before it only counts the rest.
pub const MAX_LISTED_RECORD_ERRORS: usize = 20;

/// The error for bad records: every one counted, the first
/// [`MAX_LISTED_RECORD_ERRORS`] listed with line (or index) and field.
pub fn record_errors(errors: &[RecordError], total: u64, what: &str) -> Error {
    let mut lines: Vec<String> = errors.iter().take(MAX_LISTED_RECORD_ERRORS).map(|e| format!("{what} {e}")).collect();
    if total > lines.len() as u64 {
        lines.push(format!("... and {} more", total - lines.len() as u64));
    }
    let path = match errors.first() {
        Some(RecordError { line: Some(l), field, .. }) => format!("line {l}: {field}"),
        Some(RecordError { index: Some(i), field, .. }) => format!("[{i}]{}", field.trim_start_matches('$')),
        _ => "$".into(),
    };
    Error::invalid_argument(
        path,
        format!("{total} result record(s) could not be read (none is dropped silently):\n{}", lines.join("\n")),
    )
}

/// Records of a request, normalised and checked, collected. Errors: the
/// first bad records, with their index under `path`.
pub(crate) fn observations(records: Vec<ResultRecord>, path: &str) -> Result<Observations> {
    let mut obs = Observations::new();
    let mut bad = Vec::new();
    for (i, r) in records.into_iter().enumerate() {
        match monitor::record::finish(r) {
            Ok(r) => obs.push(&r),
            Err((field, message)) => bad.push(RecordError { line: None, index: Some(i as u64), field, message }),
        }
    }
    if let Some(first) = bad.first() {
        let mut e = record_errors(&bad, bad.len() as u64, "record");
        if let Error::InvalidArgument { path: p, .. } = &mut e {
            *p = format!("{path}[{}]{}", first.index.unwrap_or(0), first.field.trim_start_matches('$'));
        }
        return Err(e);
    }
    Ok(obs)
}

/// A results stream read line by line (NDJSON): each line is parsed,
/// collected and handed back, so a file of any size is read in bounded
/// steps; made with [`ResultStream::until`], what it holds is bounded too.
/// Bad lines are all counted and the first [`MAX_LISTED_RECORD_ERRORS`] kept
/// with line and field.
#[derive(Debug, Default)]
pub struct ResultStream {
    obs: Observations,
    mapping: Option<MappingTable>,
    errors: Vec<RecordError>,
    bad: u64,
}

impl ResultStream {
    /// An empty stream; `mapping` adds controls to each record.
    pub fn new(mapping: Option<MappingTable>) -> Self {
        Self { mapping, ..Self::default() }
    }

    /// Reads line `line_no` (1-based): the record, `None` for a blank or
    /// bad line (bad lines are kept for [`ResultStream::finish`]).
    pub fn push_line(&mut self, line_no: u64, line: &str) -> Option<ResultRecord> {
        match monitor::parse_line(line_no, line) {
            Ok(Some(r)) => Some(self.push(r)),
            Ok(None) => None,
            Err(e) => {
                self.reject(e);
                None
            }
        }
    }

    /// Reads line `line_no` (1-based) into the collection without handing
    /// the record back: the summary's fast path. A line whose controls are
    /// all 2022 ids without `A.` (in any order), with no mapping table to
    /// apply is read with its strings borrowed ([`monitor::view`]); any other
    /// line goes through [`ResultStream::push_line`]. Same collection, same
    /// errors either way.
    pub fn read_line(&mut self, line_no: u64, line: &str) {
        if self.mapping.is_none() {
            if let Some(r) = monitor::view::RecordIn::parse(line.trim()) {
                let v = r.view();
                // In any order: the collection ignores order and repeats. A
                // record `check` refuses is read again by the owned reader,
                // whose error (after sorting) is the one reported.
                if monitor::view::is_bare_2022(v.controls) && monitor::record::check(&v).is_none() {
                    self.obs.push_view(&v);
                    return;
                }
            }
        }
        let _ = self.push_line(line_no, line);
    }

    /// An empty stream to be judged on `as_of` only: it keeps what that
    /// judgement reads ([`Observations::until`]), so its memory grows with
    /// the pairs seen, not with the lines read.
    pub fn until(mapping: Option<MappingTable>, as_of: Date) -> Self {
        Self { mapping, obs: Observations::until(as_of), ..Self::default() }
    }

    /// Collects one record (after the mapping table, if any) and returns it.
    pub fn push(&mut self, mut r: ResultRecord) -> ResultRecord {
        if let Some(m) = &self.mapping {
            m.apply(&mut r);
            monitor::record::normalize(&mut r);
        }
        self.obs.push(&r);
        r
    }

    /// Counts a bad record.
    pub fn reject(&mut self, e: RecordError) {
        self.bad += 1;
        if self.errors.len() < MAX_LISTED_RECORD_ERRORS {
            self.errors.push(e);
        }
    }

    /// Instants held so far ([`Observations::instants`]).
    pub fn held_instants(&self) -> usize {
        self.obs.instants()
    }

    /// Bad records so far.
    pub fn rejected(&self) -> u64 {
        self.bad
    }

    /// The collected results. Errors: any bad record (all counted, the
    /// first listed with line and field).
    pub fn finish(self, what: &str) -> Result<Observations> {
        if self.bad > 0 {
            return Err(record_errors(&self.errors, self.bad, what));
        }
        Ok(self.obs)
    }
}

/// One record as an NDJSON line (no newline): what `monitor ingest` writes.
pub fn record_line(r: &ResultRecord) -> String {
    monitor::to_line(r)
}

/// Parses a mapping table for ingestion. Errors: not CSV, a bad header, or
/// any row the lint calls an error (with its line).
pub fn mapping_table(csv: &str) -> Result<MappingTable> {
    let (table, lint) = monitor::lint(csv, None)?;
    let errors: Vec<String> = lint
        .issues
        .iter()
        .filter(|i| i.level == monitor::IssueLevel::Error)
        .map(|i| format!("line {}: [{}] {}", i.line, i.code, i.message))
        .collect();
    if !errors.is_empty() {
        return Err(Error::invalid_argument(
            "$.mapping",
            format!("the mapping table has errors:\n{}", errors.join("\n")),
        ));
    }
    Ok(table)
}

/// Converts a scanner's output to neutral records, adding the mapping
/// table's controls. Errors: the text is not of the format; a bad mapping.
pub fn monitor_ingest(
    format: InputFormat,
    input: &str,
    mapping: Option<&str>,
    options: &AdapterOptions,
) -> Result<Ingested> {
    let table = mapping.map(mapping_table).transpose()?;
    let (mut records, rejected) = monitor::convert(format, input, options)?;
    if let Some(t) = &table {
        for r in &mut records {
            t.apply(r);
            monitor::record::normalize(r);
        }
    }
    Ok(Ingested { records, rejected })
}

/// The lint of a mapping table, against `isms`'s applicable controls when
/// given (else all 93).
pub fn mapping_lint(csv: &str, isms: Option<&Isms>) -> Result<MappingLint> {
    let applicable = isms.map(|i| {
        monitor::aggregate::standing(i.document())
            .into_iter()
            .filter(|(_, s)| *s == monitor::SoaStanding::Applicable)
            .map(|(c, _)| c)
            .collect()
    });
    Ok(monitor::lint(csv, applicable.as_ref())?.1)
}

impl Isms {
    /// Every control's automated health on `as_of`.
    pub fn monitor_summary(&self, as_of: Date, results: &Observations) -> MonitorSummary {
        monitor::summarize(self.document(), results, as_of)
    }

    /// Automation coverage of the SoA on `as_of`.
    pub fn monitor_coverage(&self, as_of: Date, results: &Observations) -> Coverage {
        monitor::coverage(self.document(), &self.monitor_summary(as_of, results))
    }

    /// Controls that started or stopped failing between `from` (judged on
    /// `before`) and `to` (judged on `after`).
    pub fn monitor_drift(&self, from: Date, before: &Observations, to: Date, after: &Observations) -> MonitorDrift {
        monitor::drift(&self.monitor_summary(from, before), &self.monitor_summary(to, after))
    }

    /// The drift from this document on `as_of` with `before` to `newer`
    /// (this document again when `None`) on `newer_as_of` with `after`:
    /// evaluations with the `monitoring.*` rules, so findings from tests
    /// appear and resolve, and the controls that started or stopped failing
    /// (`monitoring`). Two documents also get the SoA diff.
    pub fn drift_with_results(
        &self,
        newer: Option<&Isms>,
        as_of: Date,
        before: &Observations,
        newer_as_of: Date,
        after: &Observations,
    ) -> crate::evaluate::drift::Drift {
        let new = newer.unwrap_or(self);
        let (old_summary, new_summary) = (self.monitor_summary(as_of, before), new.monitor_summary(newer_as_of, after));
        let mut d = evaluate::drift::drift(
            &evaluate::evaluate_with(self.document(), as_of, Some(&old_summary)),
            &evaluate::evaluate_with(new.document(), newer_as_of, Some(&new_summary)),
        );
        if let Some(n) = newer {
            d.soa = Some(self.soa_diff(n));
        }
        d.monitoring = Some(monitor::drift(&old_summary, &new_summary));
        d
    }

    /// The Statement of Applicability on `as_of` with every control's
    /// automated test status: health, last observed, freshness on the date
    /// and through the audit observation window.
    pub fn soa_with_results(&self, as_of: Date, results: &Observations) -> crate::soa::Statement {
        let mut s = self.soa(as_of);
        crate::soa::with_automated(&mut s, self.document(), &self.monitor_summary(as_of, results));
        s
    }

    /// The HTML report on `as_of` with automated test results: the
    /// evaluation with the `monitoring.*` rules, and the "Automated control
    /// tests" section (coverage, each control's automated status, the
    /// findings from tests).
    pub fn report_html_with_results(&self, as_of: Date, results: &Observations) -> Result<String> {
        let summary = self.monitor_summary(as_of, results);
        let eval = evaluate::evaluate_with(self.document(), as_of, Some(&summary));
        let road = crate::roadmap::roadmap_from(self.document(), &eval);
        crate::report::render(self.document(), &eval, &road, Some(&summary))
    }

    /// The evaluation on `as_of` with automated test results: the document's
    /// rules and the `monitoring.*` rules.
    pub fn evaluate_with_results(&self, as_of: Date, results: &Observations) -> Evaluation {
        let summary = self.monitor_summary(as_of, results);
        evaluate::evaluate_with(self.document(), as_of, Some(&summary))
    }
}
