//! The `isms` command: check, validate, report and schedule an ISMS kept as a
//! JSON file. Exit codes: 0 clean, 1 findings at the `--fail-on` threshold
//! (or a `fmt --check` that would change the file), 2 bad input or usage
//! (an invalid document included, for `validate` as for every command),
//! 3 the document changed since it was read (another writer); nothing written.
use clap::Parser;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod catalog_cmd;
mod check_cmd;
mod diff_cmd;
mod io;
mod monitor_cmd;
mod nc_cmd;
mod report_cmd;
mod risk_cmd;
mod roadmap_cmd;
mod schedule_cmd;
mod simulate_cmd;
mod soa_cmd;

use io::Failure;
use isms_core::Isms;
use isms_core::engine::{Format, Response};

#[derive(Debug, Parser)]
#[command(name = "isms", version, about = "ISO/IEC 27001:2022 ISMS engine", propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Check a document's structure and referential integrity.
    Validate {
        /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
        file: PathBuf,
        /// Print problems as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the starter ISMS: a small document with which `isms check`
    /// reports Stage 1 and Stage 2 ready, dated for today (README, "Start your
    /// own ISMS"). Refuses to overwrite an existing file.
    Init {
        /// Where to write it (default `isms.json`; `.yaml` writes YAML); `-`
        /// writes standard output. A path ending in `/`, an existing empty
        /// folder, or `--split` writes a folder ISMS instead: `isms.yaml`
        /// plus one YAML file per group of sections (docs/multi-file.md).
        #[arg(default_value = "isms.json")]
        file: PathBuf,
        /// Write the starter split into files in the folder FILE.
        #[arg(long)]
        split: bool,
        /// Date the starter is made for; default today (UTC).
        #[arg(long, value_parser = check_cmd::parse_date)]
        as_of: Option<isms_core::model::Date>,
    },
    /// Rewrite a document in canonical form (stable field order, defaults
    /// omitted, two-space indent); `--check` changes nothing and prints what
    /// it would change as a unified diff (exit 1 if it would change).
    Fmt {
        /// The ISMS document (JSON, or YAML for `.yaml`/`.yml`, rewritten as
        /// canonical YAML); `-` reads standard input (JSON) and writes the
        /// canonical form to standard output.
        file: PathBuf,
        /// Change nothing: print a unified diff of what would change and exit
        /// 1 if the file is not in canonical form.
        #[arg(long)]
        check: bool,
    },
    /// Browse the embedded catalogs of the standard.
    #[command(subcommand)]
    Catalog(catalog_cmd::CatalogCmd),
    /// The certification cycle, internal audit programme and merged calendar
    /// (optionally as iCalendar).
    Schedule(schedule_cmd::ScheduleArgs),
    /// Nonconformities: list, show, and lifecycle transitions.
    #[command(subcommand)]
    Nc(nc_cmd::NcCmd),
    /// Open FAIR Monte Carlo: annual loss of quantified risks, before and
    /// after treatment, ROSI and the portfolio.
    Simulate(simulate_cmd::SimulateArgs),
    /// Risk register, heat map and treatment plan.
    #[command(subcommand)]
    Risk(risk_cmd::RiskCmd),
    /// Evaluate the ISMS: readiness, Stage 1/2 verdicts and findings; exit 1
    /// when a finding reaches --fail-on.
    Check(check_cmd::CheckArgs),
    /// The full Statement of Applicability (all 93 Annex A controls).
    Soa(soa_cmd::SoaArgs),
    /// Compare two documents, or one document at two dates: new, resolved
    /// and worsened findings and the SoA diff; exit 1 when a new finding
    /// reaches --fail-on-new.
    Diff(diff_cmd::DiffArgs),
    /// The 17 checklist steps with status, blockers, dependencies and dates
    /// (optionally a Mermaid gantt chart).
    Roadmap(roadmap_cmd::RoadmapArgs),
    /// Write one self-contained HTML readiness report.
    Report(report_cmd::ReportArgs),
    /// Continuous monitoring: ingest scanner results, control health, coverage, drift.
    #[command(subcommand)]
    Monitor(monitor_cmd::MonitorCmd),
    /// Check → control mapping tables.
    #[command(subcommand)]
    Mapping(monitor_cmd::MappingCmd),
    /// Run any operation of the engine on a JSON request (`isms call
    /// --list` names them): the generic entry point bindings share. Prints
    /// the response, or the error as JSON (schema `error`) with exit 2.
    Call {
        /// The operation, e.g. `evaluate`.
        #[arg(required_unless_present = "list")]
        operation: Option<String>,
        /// The ISMS document (JSON) for operations on a document; `-` reads
        /// standard input.
        file: Option<PathBuf>,
        /// The request as JSON text, e.g. `{"as_of":"2026-11-29","format":"text"}`,
        /// or `@FILE` to read it from a file.
        #[arg(long, default_value = "{}")]
        request: String,
        /// List the operations with their formats.
        #[arg(long)]
        list: bool,
    },
    /// Write a folder ISMS (or any document) as the one canonical JSON
    /// document it merges into (`--single`).
    Export {
        /// The folder (or a JSON/YAML document).
        path: PathBuf,
        /// Write one JSON document (the only export there is; required).
        #[arg(long, required = true)]
        single: bool,
        /// Where to write it (atomically); default standard output.
        #[arg(long, default_value = "-")]
        out: PathBuf,
    },
    /// Print a JSON Schema (`isms` by default); `--list` names them all.
    Schema {
        /// Schema name.
        name: Option<String>,
        /// List the schema names.
        #[arg(long)]
        list: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse_from(nc_cmd::legacy_order(std::env::args_os().collect()));
    // Every command's `--json` switch also asks for failures as JSON (clap
    // has accepted the command line, so `--json` here is that switch).
    io::json_errors(std::env::args_os().skip(1).any(|a| a == "--json"));
    let result = match cli.command {
        Command::Validate { file, json } => {
            io::json_errors(json);
            validate(&file, json)
        }
        Command::Catalog(cmd) => catalog_cmd::run(cmd),
        Command::Risk(cmd) => risk_cmd::run(cmd),
        Command::Schema { name, list } => schema(name.as_deref(), list),
        Command::Fmt { file, check } => fmt(&file, check),
        Command::Init { file, as_of, split } => init(&file, as_of, split),
        Command::Export { path, single: _, out } => export(&path, &out),
        Command::Schedule(args) => schedule_cmd::run(args),
        Command::Nc(args) => nc_cmd::run(args),
        Command::Check(args) => check_cmd::run(args),
        Command::Simulate(args) => simulate_cmd::run(args),
        Command::Soa(args) => soa_cmd::run(args),
        Command::Diff(args) => diff_cmd::run(args),
        Command::Roadmap(args) => roadmap_cmd::run(args),
        Command::Report(args) => report_cmd::run(args),
        Command::Monitor(cmd) => monitor_cmd::run(cmd),
        Command::Mapping(cmd) => monitor_cmd::run_mapping(cmd),
        Command::Call { operation, file, request, list } => call(operation.as_deref(), file.as_deref(), &request, list),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.code == 0 => ExitCode::SUCCESS,
        Err(e) if io::wants_json_errors() && e.code != 1 => {
            // `--json`: the error as data on stdout (schema `error`).
            let _ = emit(&e.report_json());
            ExitCode::from(e.code)
        }
        Err(e) => {
            eprintln!("isms: {}", e.message);
            ExitCode::from(e.code)
        }
    }
}

/// Prints to stdout; a closed pipe (`| head`) is not an error.
pub(crate) fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::new(0, "")),
        Err(e) => Err(Failure::new(1, format!("cannot write output: {e}"))),
    }
}

/// Renders an engine response in `format` with the core's renderers and
/// prints it: the last step of every command.
pub(crate) fn show(isms: Option<&Isms>, response: &Response, format: Format) -> Result<(), Failure> {
    emit(&render(isms, response, format)?)
}

/// Renders an engine response in `format` (for commands that write a file).
pub(crate) fn render(isms: Option<&Isms>, response: &Response, format: Format) -> Result<String, Failure> {
    response.render(format, isms.map(Isms::document)).map_err(|e| Failure::input(e.to_string()))
}

/// `isms validate`: 0 when the document is valid; 2 when it is not (as for
/// every command that loads an invalid document), the problems printed with
/// their line and column (`--json`: the `validate` response, a list).
fn validate(file: &std::path::Path, json: bool) -> Result<u8, Failure> {
    let (doc, loaded) = io::load_with_text(file)?;
    let problems: Vec<_> = isms_core::engine::validate(&doc).into_iter().map(|p| p.located_by(&loaded)).collect();
    let failed = !problems.is_empty();
    let out = render(None, &Response::Problems(problems), Format::text_or_json(json))?;
    if json {
        emit(&out)?;
    } else {
        emit(&format!("{}: {out}", file.display()))?;
    }
    Ok(if failed { 2 } else { 0 })
}

fn call(op: Option<&str>, file: Option<&std::path::Path>, request: &str, list: bool) -> Result<u8, Failure> {
    if list {
        let names: Vec<String> = isms_core::engine::operations()
            .iter()
            .map(|o| {
                let formats: Vec<&str> = o.formats.iter().map(|f| f.as_str()).collect();
                format!("{}  [{}]", o.name, formats.join(", "))
            })
            .collect();
        return show(None, &Response::Names(names), Format::Text).map(|()| 0);
    }
    // A YAML document reaches the engine as the JSON text it reads into, a
    // folder as the one document it merges into.
    let document = match file {
        Some(path) if path.is_dir() => Some(isms_core::json::to_json(&io::load_with_text(path)?.0)),
        Some(path) if io::is_yaml(path) => {
            Some(isms_core::yaml::to_json(&io::read_text(path)?).map(|(json, _)| json).map_err(io::core(path))?)
        }
        Some(path) => Some(io::read_text(path)?),
        None => None,
    };
    let request = match request.strip_prefix('@') {
        Some(path) => io::read_text(std::path::Path::new(path))?,
        None => request.to_owned(),
    };
    match isms_core::engine::call_document(document.as_deref(), op.unwrap_or_default(), &request) {
        Ok(text) => emit(&text).map(|()| 0),
        Err(e) => emit(&isms_core::engine::error_json(&e)).map(|()| 2),
    }
}

fn schema(name: Option<&str>, list: bool) -> Result<u8, Failure> {
    if list {
        return show(None, &Response::Names(isms_core::schema::names()), Format::Text).map(|()| 0);
    }
    let name = name.unwrap_or("isms");
    let value = isms_core::schema::schema(name).ok_or_else(|| {
        Failure::input(format!("no schema named `{name}`; available: {}", isms_core::schema::names().join(", ")))
    })?;
    show(None, &Response::Json(value), Format::Json).map(|()| 0)
}

/// `isms export PATH --single`: the merged, validated document as canonical JSON.
fn export(path: &std::path::Path, out: &std::path::Path) -> Result<u8, Failure> {
    let isms = io::load_isms(path)?;
    io::write_output(out, isms.canonical_json().as_bytes())?;
    Ok(0)
}

/// `isms init DIR`: the starter split into a folder (see `Command::Init`).
fn init_folder(dir: &std::path::Path, doc: &isms_core::Document) -> Result<u8, Failure> {
    let parts = isms_core::folder::split(&isms_core::json::to_json(doc)).map_err(|e| Failure::core(dir, e))?;
    if dir.exists() && std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_some()) {
        return Err(Failure::input(format!(
            "{} exists and is not an empty folder: isms init writes a new ISMS only",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|e| Failure::input(format!("cannot create {}: {e}", dir.display())))?;
    for (stem, json) in parts {
        let file = dir.join(format!("{stem}.yaml"));
        let yaml = isms_core::yaml::to_yaml(&json).map_err(|e| Failure::core(&file, e))?;
        io::write_output(&file, yaml.as_bytes())?;
    }
    eprintln!("wrote the ISMS folder {}: run `isms check {}`", dir.display(), dir.display());
    Ok(0)
}

fn init(file: &std::path::Path, as_of: Option<isms_core::model::Date>, split: bool) -> Result<u8, Failure> {
    let doc = isms_core::starter::starter(as_of.unwrap_or_else(io::today)).map_err(|e| Failure::core(file, e))?;
    let empty_dir = file.is_dir() && std::fs::read_dir(file).is_ok_and(|mut d| d.next().is_none());
    if split || empty_dir || file.as_os_str().to_string_lossy().ends_with('/') {
        return init_folder(file, &doc);
    }
    let text = io::canonical_text(file, isms_core::json::to_json(&doc))?;
    if file.as_os_str() != "-" && (file.exists() || file.is_symlink()) {
        return Err(Failure::input(format!("{} already exists: isms init writes a new file only", file.display())));
    }
    io::write_output(file, text.as_bytes())?;
    if file.as_os_str() != "-" {
        eprintln!("wrote {}: run `isms check {}`", file.display(), file.display());
    }
    Ok(0)
}

/// `isms fmt DIR`: each file of a folder ISMS rewritten canonically in its
/// own format, keeping its sections; `--check` prints a diff per file.
fn fmt_folder(dir: &std::path::Path, check: bool) -> Result<u8, Failure> {
    let (doc, loaded) = io::load_with_text(dir)?;
    let io::Loaded::Folder(map) = loaded else { return Err(Failure::input("not a folder")) };
    let parts =
        isms_core::folder::canonical_parts(&map, &isms_core::json::to_json(&doc)).map_err(|e| Failure::core(dir, e))?;
    let mut changed = false;
    for (name, canonical) in parts {
        let path = std::path::Path::new(&name);
        if check {
            let text = io::read_text(path)?;
            if text != canonical {
                changed = true;
                emit(&unified_diff(&text, &canonical, &name))?;
            }
        } else {
            io::update_text(path, |text| Ok((canonical != text).then(|| canonical.clone())))?;
        }
    }
    Ok(u8::from(check && changed))
}

fn fmt(file: &std::path::Path, check: bool) -> Result<u8, Failure> {
    if file.is_dir() {
        return fmt_folder(file, check);
    }
    let canonical_of = |text: &str| {
        let (doc, _) = io::parse(file, text.to_owned())?;
        io::canonical_text(file, isms_core::json::to_json(&doc))
    };
    if file.as_os_str() == "-" {
        // A filter: standard input to standard output, no file touched.
        let text = io::read_text(file)?;
        let canonical = canonical_of(&text)?;
        if check {
            if canonical == text {
                return Ok(0);
            }
            emit(&unified_diff(&text, &canonical, "standard input"))?;
            return Ok(1);
        }
        emit(&canonical)?;
        return Ok(0);
    }
    if check {
        let text = io::read_text(file)?;
        let canonical = canonical_of(&text)?;
        if canonical == text {
            return Ok(0);
        }
        emit(&unified_diff(&text, &canonical, &file.display().to_string()))?;
        return Ok(1);
    }
    io::update_text(file, |text| {
        let canonical = canonical_of(text)?;
        Ok((canonical != text).then_some(canonical))
    })?;
    Ok(0)
}

/// What `isms fmt` would change, as a unified diff (`--- a/NAME`,
/// `+++ b/NAME`, hunks with three lines of context), as `git diff` and
/// `patch -p1` read it. A missing final newline is marked as diff marks it.
fn unified_diff(old: &str, new: &str, name: &str) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = diff
        .unified_diff()
        .context_radius(3)
        .missing_newline_hint(true)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    isms_core::render::escape_terminal(&out).into_owned()
}
