//! `isms monitor` (ingest, summary, coverage, drift) and `isms mapping lint`:
//! continuous monitoring from automated test results. Results files are
//! streamed line by line into the engine's [`ResultStream`]; every domain
//! judgement is the engine's.
use crate::check_cmd::parse_date;
use crate::io::{self, Failure};
use isms_core::engine::{self, Format, Response, ResultStream};
use isms_core::model::Date;
use isms_core::monitor::{AdapterOptions, InputFormat, Observations};
use std::path::{Path, PathBuf};

/// `isms monitor ...`.
#[derive(Debug, clap::Subcommand)]
pub enum MonitorCmd {
    /// Convert scanner output to normalised NDJSON result records.
    Ingest(IngestArgs),
    /// Health of every control with results, on a date.
    Summary(ResultsArgs),
    /// Automation coverage of the SoA: applicable controls with an automated check.
    Coverage(ResultsArgs),
    /// Controls that started or stopped failing between two runs.
    Drift(DriftArgs),
}

/// `isms mapping ...`.
#[derive(Debug, clap::Subcommand)]
pub enum MappingCmd {
    /// Check a check → control mapping table (CSV).
    Lint {
        /// The mapping table (CSV: check, framework, control[, tool]).
        file: PathBuf,
        /// An ISMS document whose applicable controls are checked for gaps.
        #[arg(long)]
        doc: Option<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `--format` of `isms monitor ingest`: the core's format names (one list,
/// `InputFormat::ALL`, so the CLI cannot drift from the engine).
fn format_parser() -> impl clap::builder::TypedValueParser<Value = InputFormat> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(InputFormat::ALL.map(InputFormat::as_str))
        .try_map(|s| s.parse::<InputFormat>())
}

/// Arguments of `isms monitor ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Scanner output files.
    #[arg(required = true)]
    pub results: Vec<PathBuf>,
    /// Their format.
    #[arg(long, value_parser = format_parser())]
    pub format: InputFormat,
    /// A check → control mapping table (CSV) adding controls to the records.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// The run id to record.
    #[arg(long)]
    pub run_id: Option<String>,
    /// Observation time for formats that carry none (RFC 3339).
    #[arg(long)]
    pub observed_at: Option<String>,
    /// Where to write the normalised NDJSON (`-`: standard output).
    #[arg(long)]
    pub out: PathBuf,
}

/// Results for a document on a date.
#[derive(Debug, clap::Args)]
pub struct ResultsArgs {
    /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md).
    pub file: PathBuf,
    /// Normalised results (NDJSON or a JSON array); repeatable.
    #[arg(long, required = true)]
    pub results: Vec<PathBuf>,
    /// Judge as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `isms monitor drift`.
#[derive(Debug, clap::Args)]
pub struct DriftArgs {
    /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md).
    pub file: PathBuf,
    /// Results of the earlier run(s).
    #[arg(long, required = true)]
    pub results: Vec<PathBuf>,
    /// Results of the later run(s), added for `--to`.
    #[arg(long)]
    pub newer: Vec<PathBuf>,
    /// The first date.
    #[arg(long, value_parser = parse_date)]
    pub from: Date,
    /// The second date.
    #[arg(long, value_parser = parse_date)]
    pub to: Date,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Reads normalised results files into the engine's stream, to be judged
/// on `as_of`: NDJSON line by line (memory bounded by the pairs, not the
/// file), a JSON array whole.
pub fn load_results(paths: &[PathBuf], as_of: Date) -> Result<Observations, Failure> {
    load_results_mapped(paths, None, as_of)
}

/// [`load_results`] with a check → control mapping table (CSV) adding
/// controls to each record as it is read. Errors: the table's errors (with
/// their line), and those of [`load_results`].
pub fn load_results_mapped(paths: &[PathBuf], mapping: Option<&Path>, as_of: Date) -> Result<Observations, Failure> {
    let table = match mapping {
        Some(p) => Some(
            engine::mapping_table(&io::read_text(p)?).map_err(|e| Failure::input(format!("{}: {e}", p.display())))?,
        ),
        None => None,
    };
    let mut all = Observations::until(as_of);
    for path in paths {
        let mut stream = ResultStream::until(table.clone(), as_of);
        if io::starts_with_bracket(path)? {
            read_into(path, &mut stream, |_| Ok(()))?;
        } else {
            io::for_each_line(path, |n, line| {
                stream.read_line(n, line);
                Ok(())
            })?;
        }
        let obs = stream.finish(&path.display().to_string()).map_err(|e| Failure::input(e.to_string()))?;
        all.merge(obs);
    }
    Ok(all)
}

fn read_into(
    path: &Path,
    stream: &mut ResultStream,
    mut each: impl FnMut(&isms_core::monitor::ResultRecord) -> Result<(), Failure>,
) -> Result<(), Failure> {
    if io::starts_with_bracket(path)? {
        let text = io::read_text(path)?;
        let got = engine::monitor_ingest(InputFormat::Neutral, &text, None, &AdapterOptions::default())
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        for e in got.rejected {
            stream.reject(e);
        }
        for r in got.records {
            let r = stream.push(r);
            each(&r)?;
        }
        return Ok(());
    }
    io::for_each_line(path, |n, line| {
        if let Some(r) = stream.push_line(n, line) {
            each(&r)?;
        }
        Ok(())
    })
}

/// Runs `isms monitor ...`.
pub fn run(cmd: MonitorCmd) -> Result<u8, Failure> {
    match cmd {
        MonitorCmd::Ingest(a) => ingest(a),
        MonitorCmd::Summary(a) => {
            let isms = io::load_isms(&a.file)?;
            let as_of = a.as_of.unwrap_or_else(io::today);
            let obs = load_results(&a.results, as_of)?;
            let r = Response::MonitorSummary(isms.monitor_summary(as_of, &obs));
            crate::show(Some(&isms), &r, Format::text_or_json(a.json)).map(|()| 0)
        }
        MonitorCmd::Coverage(a) => {
            let isms = io::load_isms(&a.file)?;
            let as_of = a.as_of.unwrap_or_else(io::today);
            let obs = load_results(&a.results, as_of)?;
            let r = Response::Coverage(isms.monitor_coverage(as_of, &obs));
            crate::show(Some(&isms), &r, Format::text_or_json(a.json)).map(|()| 0)
        }
        MonitorCmd::Drift(a) => {
            let isms = io::load_isms(&a.file)?;
            let before = load_results(&a.results, a.from)?;
            let after = load_results(&[a.results.as_slice(), a.newer.as_slice()].concat(), a.to)?;
            let d = isms.monitor_drift(a.from, &before, a.to, &after);
            let started = !d.started_failing.is_empty();
            crate::show(Some(&isms), &Response::MonitorDrift(d), Format::text_or_json(a.json))?;
            Ok(u8::from(started))
        }
    }
}

fn ingest(a: IngestArgs) -> Result<u8, Failure> {
    let mapping = match &a.mapping {
        Some(p) => Some(
            engine::mapping_table(&io::read_text(p)?).map_err(|e| Failure::input(format!("{}: {e}", p.display())))?,
        ),
        None => None,
    };
    let observed_at = match &a.observed_at {
        Some(s) => Some(
            chrono::DateTime::parse_from_rfc3339(s)
                .map_err(|e| Failure::input(format!("--observed-at `{s}` is not an RFC 3339 date-time: {e}")))?
                .with_timezone(&chrono::Utc),
        ),
        None => None,
    };
    let options = AdapterOptions { observed_at, run_id: a.run_id.clone() };
    let format = a.format;
    let mut out = String::new();
    let mut failures = Vec::new();
    for path in &a.results {
        let shown = path.display().to_string();
        let mut stream = ResultStream::new(mapping.clone());
        if format == InputFormat::Neutral {
            read_into(path, &mut stream, |r| {
                out.push_str(&engine::record_line(r));
                out.push('\n');
                Ok(())
            })?;
        } else {
            let text = io::read_text(path)?;
            let got = engine::monitor_ingest(format, &text, None, &options)
                .map_err(|e| Failure::input(format!("{shown}: {e}")))?;
            for e in got.rejected {
                stream.reject(e);
            }
            for r in got.records {
                let r = stream.push(r);
                out.push_str(&engine::record_line(&r));
                out.push('\n');
            }
        }
        if let Err(e) = stream.finish(&shown) {
            failures.push(e.to_string());
        }
    }
    if !failures.is_empty() {
        return Err(Failure::input(format!("nothing written to {}:\n{}", a.out.display(), failures.join("\n"))));
    }
    io::write_output(&a.out, out.as_bytes())?;
    Ok(0)
}

/// Runs `isms mapping ...`.
pub fn run_mapping(cmd: MappingCmd) -> Result<u8, Failure> {
    match cmd {
        MappingCmd::Lint { file, doc, json } => {
            let isms = doc.as_deref().map(io::load_isms).transpose()?;
            let csv = io::read_text(&file)?;
            let lint = engine::mapping_lint(&csv, isms.as_ref())
                .map_err(|e| Failure::input(format!("{}: {e}", file.display())))?;
            let ok = lint.ok;
            crate::show(isms.as_ref(), &Response::MappingLint(lint), Format::text_or_json(json))?;
            Ok(u8::from(!ok))
        }
    }
}
