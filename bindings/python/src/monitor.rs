//! Automated test results for the engine's monitoring operations.
//!
//! **What this is**: the reading of results sources, as the `isms monitor`
//! commands read them. A results file is streamed line by line (NDJSON)
//! into the engine's [`ResultStream`] made for the date judged
//! ([`ResultStream::until`]), with the GIL released, so its size does not
//! decide the memory needed: no Python list of records is ever built for
//! it. Records that Python holds (a list of dicts, a DataFrame) arrive as
//! one JSON array text and go through the engine's neutral reader, which
//! names each bad record's index and field. Bad records are all counted and
//! raise `isms.InvalidArgumentError` (`ResultStream::finish`): none is
//! dropped.
//!
//! **What this is not**: a judge of results. Health, coverage, drift,
//! findings and the SoA's automated column are the engine's typed methods
//! ([`Isms::monitor_summary`] and its siblings); this module only hands
//! them what it read.
use std::io::{BufRead, Read};
use std::path::PathBuf;
use std::sync::Arc;

use isms_core::engine::{self, Response, ResultStream};
use isms_core::model::Date;
use isms_core::monitor::{AdapterOptions, InputFormat, Observations};
use isms_core::{Error, Isms};
use pyo3::prelude::*;

use crate::document::Document;
use crate::errors::to_py_err;
use crate::value::Value;

/// Results sources as Python passes them: `(kind, value)` pairs (see [`Source`]).
pub type Sources = Vec<(String, String)>;

/// One source of results, as Python names it: `("path", file)` (NDJSON, or
/// a JSON array when its first non-blank byte is `[`) or `("json", text)`
/// (a JSON array of neutral records, or NDJSON text).
pub enum Source {
    /// A file, read here.
    Path(PathBuf),
    /// Records given as text.
    Text(String),
}

impl Source {
    /// Reads `("path" | "json", value)` pairs.
    pub fn parse(list: Sources) -> Result<Vec<Source>, Error> {
        list.into_iter()
            .enumerate()
            .map(|(i, (kind, value))| match kind.as_str() {
                "path" => Ok(Source::Path(PathBuf::from(value))),
                "json" => Ok(Source::Text(value)),
                other => Err(Error::invalid_argument(
                    format!("$.results[{i}]"),
                    format!("unknown results source kind `{other}` (expected `path` or `json`)"),
                )),
            })
            .collect()
    }

    /// How errors name it: the file, or `results` for records.
    fn name(&self) -> String {
        match self {
            Source::Path(p) => p.display().to_string(),
            Source::Text(_) => "results".to_owned(),
        }
    }
}

/// Why reading failed: the engine's error, or the file system's.
pub enum Fail {
    /// Bad records, a bad argument.
    Core(Error),
    /// A file that cannot be opened or read.
    Io(std::io::Error, PathBuf),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Self {
        Fail::Core(e)
    }
}

impl Fail {
    /// The Python exception: the `isms.errors` class of the core error, or
    /// the `OSError` subclass of the I/O error (`FileNotFoundError`, ...)
    /// naming the file.
    pub fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Fail::Core(e) => to_py_err(py, &e),
            Fail::Io(e, path) => {
                let err = PyErr::from(std::io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())));
                // `filename` as the builtin open() sets it, for callers that look.
                let _ = err.value(py).setattr("filename", path.display().to_string());
                err
            }
        }
    }
}

/// Whether the text after leading blanks (and a byte order mark) is a JSON array.
fn is_array(head: &[u8]) -> bool {
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

/// Hands a whole text's records to `stream` (a JSON array through the
/// engine's neutral reader, NDJSON line by line).
fn read_text(text: &str, stream: &mut ResultStream, name: &str) -> Result<(), Error> {
    if is_array(text.as_bytes()) {
        let got = engine::monitor_ingest(InputFormat::Neutral, text, None, &AdapterOptions::default())
            .map_err(|e| prefixed(e, name))?;
        for e in got.rejected {
            stream.reject(e);
        }
        for r in got.records {
            stream.push(r);
        }
    } else {
        for (i, line) in text.lines().enumerate() {
            stream.read_line(i as u64 + 1, line);
        }
    }
    Ok(())
}

/// The error with the source it came from in front of its message.
fn prefixed(e: Error, name: &str) -> Error {
    match e {
        Error::Parse { path, line, column, message } => {
            Error::Parse { path, line, column, message: format!("{name}: {message}") }
        }
        Error::InvalidArgument { path, message } => Error::invalid_argument(path, format!("{name}: {message}")),
        other => other,
    }
}

/// Streams a file into `stream`: NDJSON one line at a time through a
/// buffered reader (a line's bytes are the only thing held), a JSON array
/// whole (an array cannot be read record by record by the engine's reader).
fn read_file(path: &std::path::Path, stream: &mut ResultStream) -> Result<(), Fail> {
    let io = |e: std::io::Error| Fail::Io(e, path.to_owned());
    let file = std::fs::File::open(path).map_err(io)?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    if is_array(reader.fill_buf().map_err(io)?) {
        let mut text = String::new();
        reader.read_to_string(&mut text).map_err(|e| {
            if e.kind() == std::io::ErrorKind::InvalidData {
                Fail::Core(Error::invalid_argument("$", format!("{}: the file is not valid UTF-8", path.display())))
            } else {
                io(e)
            }
        })?;
        return Ok(read_text(&text, stream, &path.display().to_string())?);
    }
    let mut buf = Vec::with_capacity(1024);
    let mut line_no = 0u64;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(io)? == 0 {
            return Ok(());
        }
        line_no += 1;
        let text = std::str::from_utf8(&buf).map_err(|e| {
            Error::invalid_argument(
                format!("line {line_no}"),
                format!("{}: line {line_no}: invalid UTF-8 ({e})", path.display()),
            )
        })?;
        let text = if line_no == 1 { text.strip_prefix('\u{feff}').unwrap_or(text) } else { text };
        stream.read_line(line_no, text);
    }
}

/// Every source read for a judgement on `as_of` ([`Observations::until`]:
/// what that judgement reads, bounded by the pairs, not the records).
/// Errors: bad records of a source (all counted, the first listed with
/// line or index and field), a file that cannot be read.
pub fn load(sources: &[Source], as_of: Date) -> Result<Observations, Fail> {
    let mut all = Observations::until(as_of);
    for source in sources {
        let mut stream = ResultStream::until(None, as_of);
        match source {
            Source::Path(p) => read_file(p, &mut stream)?,
            Source::Text(t) => read_text(t, &mut stream, "results")?,
        }
        all.merge(stream.finish(&source.name())?);
    }
    Ok(all)
}

fn date(name: &str, value: &str) -> Result<Date, Error> {
    value.parse::<Date>().map_err(|e| {
        Error::invalid_argument(format!("$.{name}"), format!("expected a date YYYY-MM-DD, got {value:?}: {e}"))
    })
}

/// Runs a monitoring operation of the engine on results read from
/// `sources` (and `newer` for drift), everything with the GIL released.
fn monitor_op(
    isms: &Isms,
    op: &str,
    as_of: Date,
    sources: &[Source],
    newer: &[Source],
    to: Option<Date>,
) -> Result<Response, Fail> {
    let one = |as_of| load(sources, as_of);
    Ok(match op {
        "monitor_summary" => Response::MonitorSummary(isms.monitor_summary(as_of, &one(as_of)?)),
        "monitor_coverage" => Response::Coverage(isms.monitor_coverage(as_of, &one(as_of)?)),
        "evaluate" => Response::Evaluation(isms.evaluate_with_results(as_of, &one(as_of)?)),
        "soa" => Response::Statement(isms.soa_with_results(as_of, &one(as_of)?)),
        "report" => Response::Report(isms.report_html_with_results(as_of, &one(as_of)?).map_err(Fail::Core)?),
        "monitor_drift" => {
            let to = to.ok_or_else(|| Error::invalid_argument("$.to", "monitor_drift needs the second date `to`"))?;
            let before = one(as_of)?;
            // As the CLI and the operation do: the later date judges both runs
            // together, so a failure's start is known across them.
            let mut after = load(sources, to)?;
            after.merge(load(newer, to)?);
            Response::MonitorDrift(isms.monitor_drift(as_of, &before, to, &after))
        }
        other => {
            return Err(Fail::Core(Error::invalid_argument(
                "$.op",
                format!(
                    "`{other}` does not take results here (monitor_summary, monitor_coverage, monitor_drift, evaluate, soa, report)"
                ),
            )));
        }
    })
}

/// [`Document::monitor`]: the engine's `op` on a document with results
/// read from `results` (and `newer` for drift), the GIL released.
pub fn run_monitor(
    py: Python<'_>,
    isms: Arc<Isms>,
    op: &str,
    as_of: &str,
    results: Sources,
    newer: Sources,
    to: Option<&str>,
) -> PyResult<Value> {
    let op = op.to_owned();
    let (as_of, to) = (as_of.to_owned(), to.map(str::to_owned));
    let response = py
        .detach(|| {
            let as_of = date(if op == "monitor_drift" { "from" } else { "as_of" }, &as_of)?;
            let to = to.as_deref().map(|t| date("to", t)).transpose()?;
            let (sources, newer) = (Source::parse(results)?, Source::parse(newer)?);
            monitor_op(&isms, &op, as_of, &sources, &newer, to)
        })
        .map_err(|e| e.into_py(py))?;
    Ok(Value::new(response, Some(isms)))
}

/// [`Document::drift`] with results: this document on `as_of` with the
/// old results against `newer` (or this one again) on `to` (default
/// `as_of`) with the new ones, as `isms diff --old-results --new-results`.
pub fn run_drift(
    py: Python<'_>,
    isms: Arc<Isms>,
    newer: Option<Arc<Isms>>,
    as_of: &str,
    to: Option<&str>,
    (old, new): (Sources, Sources),
) -> PyResult<Value> {
    let (as_of, to) = (as_of.to_owned(), to.map(str::to_owned));
    let drift = py
        .detach(|| {
            if newer.is_none() && to.is_none() && old == new {
                return Err(Fail::Core(Error::invalid_argument(
                    "$.to",
                    "nothing to compare: give a newer document, a second date (`to`) or other new results",
                )));
            }
            let from = date("as_of", &as_of)?;
            let to = to.as_deref().map(|t| date("to", t)).transpose()?.unwrap_or(from);
            let (before, after) = (load(&Source::parse(old)?, from)?, load(&Source::parse(new)?, to)?);
            Ok(isms.drift_with_results(newer.as_deref(), from, &before, to, &after))
        })
        .map_err(|e: Fail| e.into_py(py))?;
    Ok(Value::new(Response::Drift(drift), Some(isms)))
}

/// A scanner's output as neutral records (the engine's `monitor_ingest`):
/// `source` is `("path", file)`, read here with the GIL released, or
/// `("text", text)`; `format` one of the engine's input formats; `mapping`
/// a check → control table (CSV text); `options_json` the adapter options
/// (`run_id`, `observed_at`). With `strict`, any item that could not be
/// read raises `isms.InvalidArgumentError` naming every one (line or
/// index, and field), as `isms monitor ingest` refuses; else they are in
/// the result's `rejected`.
#[pyfunction]
#[pyo3(signature = (source, format, mapping = None, options_json = "", strict = true))]
pub fn monitor_ingest(
    py: Python<'_>,
    source: (String, String),
    format: &str,
    mapping: Option<String>,
    options_json: &str,
    strict: bool,
) -> PyResult<Value> {
    let (format, options_json) = (format.to_owned(), options_json.to_owned());
    let got = py
        .detach(move || {
            let format: InputFormat = format.parse()?;
            let options: AdapterOptions = if options_json.trim().is_empty() {
                AdapterOptions::default()
            } else {
                isms_core::json::from_json(&options_json).map_err(|e| prefixed(e, "options"))?
            };
            let (name, text) = match source.0.as_str() {
                "path" => {
                    let path = PathBuf::from(&source.1);
                    let text = std::fs::read_to_string(&path).map_err(|e| Fail::Io(e, path.clone()))?;
                    (path.display().to_string(), text)
                }
                "text" => ("input".to_owned(), source.1),
                other => {
                    return Err(Fail::Core(Error::invalid_argument(
                        "$.input",
                        format!("unknown input kind `{other}` (expected `path` or `text`)"),
                    )));
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let got =
                engine::monitor_ingest(format, text, mapping.as_deref(), &options).map_err(|e| prefixed(e, &name))?;
            if strict && !got.rejected.is_empty() {
                return Err(Fail::Core(engine::record_errors(&got.rejected, got.rejected.len() as u64, &name)));
            }
            Ok(got)
        })
        .map_err(|e| e.into_py(py))?;
    Ok(Value::new(Response::Ingested(got), None))
}

/// The lint of a check → control mapping table (CSV text), against the
/// applicable controls of `doc`'s SoA when given (else all 93): the
/// engine's `mapping_lint`, on the already validated document.
#[pyfunction]
#[pyo3(signature = (csv, doc = None))]
pub fn mapping_lint(py: Python<'_>, csv: String, doc: Option<&Document>) -> PyResult<Value> {
    let isms = doc.map(|d| Arc::clone(d.isms()));
    let lint = py.detach(|| engine::mapping_lint(&csv, isms.as_deref())).map_err(|e| to_py_err(py, &e))?;
    Ok(Value::new(Response::MappingLint(lint), isms))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = r#"{"source":{"tool":"t"},"check":"c","status":"pass","observed_at":"2026-11-20T06:00:00Z","controls":[{"framework":"iso27001-2022","id":"8.5"}]}"#;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn core(f: Fail) -> Error {
        match f {
            Fail::Core(e) => e,
            Fail::Io(e, p) => panic!("unexpected I/O error {e} on {}", p.display()),
        }
    }

    #[test]
    fn arrays_are_told_from_ndjson_after_blanks_and_a_bom() {
        assert!(is_array(b"  \n[{}]"));
        assert!(is_array("\u{feff}[".as_bytes()));
        assert!(!is_array(b"{\"a\":1}\n"));
        assert!(!is_array(b""));
    }

    #[test]
    fn ndjson_text_and_a_json_array_give_the_same_observations() {
        let ndjson = format!("{PASS}\n\n{}\n", PASS.replace("pass", "fail"));
        let array = format!("[{PASS},{}]", PASS.replace("pass", "fail"));
        let (a, b) = (
            load(&[Source::Text(ndjson)], day("2026-11-29")).ok().unwrap(),
            load(&[Source::Text(array)], day("2026-11-29")).ok().unwrap(),
        );
        assert_eq!(a, b);
    }

    #[test]
    fn a_bad_line_of_a_file_is_named_by_line_and_field() {
        let path = std::env::temp_dir().join(format!("isms-python-monitor-{}.ndjson", std::process::id()));
        std::fs::write(&path, format!("{PASS}\n{}\n", PASS.replace("\"pass\"", "\"green\""))).unwrap();
        let e = core(load(&[Source::Path(path.clone())], day("2026-11-29")).err().unwrap());
        let _ = std::fs::remove_file(&path);
        match e {
            Error::InvalidArgument { path: p, message } => {
                assert_eq!(p, "line 2: $.status");
                assert!(message.contains("line 2, $.status"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_missing_file_is_an_io_error_and_an_unknown_kind_an_argument_error() {
        let missing = load(&[Source::Path(PathBuf::from("/nonexistent/isms.ndjson"))], day("2026-11-29"));
        assert!(matches!(missing, Err(Fail::Io(e, _)) if e.kind() == std::io::ErrorKind::NotFound));
        assert!(matches!(Source::parse(vec![("url".into(), "x".into())]), Err(Error::InvalidArgument { .. })));
    }
}
