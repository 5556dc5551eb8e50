//! The `isms` command: check, validate, report and schedule an ISMS kept as a
//! JSON file. Exit codes: 0 clean, 1 problems found, 2 bad input or usage,
//! 3 the document changed since it was read (another writer); nothing written.
use clap::Parser;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

mod catalog_cmd;
mod check_cmd;
mod diff_cmd;
mod io;
mod nc_cmd;
mod report_cmd;
mod risk_cmd;
mod roadmap_cmd;
mod schedule_cmd;
mod simulate_cmd;
mod soa_cmd;

use io::Failure;

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
        /// The ISMS document (JSON); `-` reads standard input.
        file: PathBuf,
        /// Print problems as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rewrite a document in canonical form (stable field order, defaults
    /// omitted, two-space indent); `--check` only reports whether it is.
    Fmt {
        /// The ISMS document (JSON); `-` reads standard input and writes the
        /// canonical form to standard output.
        file: PathBuf,
        /// Exit 1 if the file is not in canonical form; change nothing.
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
    Nc(nc_cmd::NcArgs),
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
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate { file, json } => validate(&file, json),
        Command::Catalog(cmd) => {
            let mut stdout = std::io::stdout().lock();
            catalog_cmd::run(cmd, &mut stdout)
                .map(|()| 0)
                .map_err(|e| Failure { code: e.exit_code, message: e.message })
        }
        Command::Risk(cmd) => risk_cmd::run(cmd),
        Command::Schema { name, list } => schema(name.as_deref(), list),
        Command::Fmt { file, check } => fmt(&file, check),
        Command::Schedule(args) => schedule_cmd::run(args),
        Command::Nc(args) => nc_cmd::run(args),
        Command::Check(args) => check_cmd::run(args),
        Command::Simulate(args) => simulate_cmd::run(args),
        Command::Soa(args) => soa_cmd::run(args),
        Command::Diff(args) => diff_cmd::run(args),
        Command::Roadmap(args) => roadmap_cmd::run(args),
        Command::Report(args) => report_cmd::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.code == 0 => ExitCode::SUCCESS,
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
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure { code: 0, message: String::new() }),
        Err(e) => Err(Failure { code: 1, message: format!("cannot write output: {e}") }),
    }
}

fn validate(file: &std::path::Path, json: bool) -> Result<u8, Failure> {
    let doc = io::load(file)?;
    let problems = isms_core::validate::validate(&doc);
    if json {
        emit(&isms_core::json::to_json(&problems))?;
    } else if problems.is_empty() {
        emit(&format!("{}: valid\n", file.display()))?;
    } else {
        emit(&format!("{}\n", io::describe(file, &isms_core::Error::Invalid(problems.clone()))))?;
    }
    Ok(if problems.is_empty() { 0 } else { 1 })
}

fn schema(name: Option<&str>, list: bool) -> Result<u8, Failure> {
    if list {
        emit(&(isms_core::schema::names().join("\n") + "\n"))?;
        return Ok(0);
    }
    let name = name.unwrap_or("isms");
    let value = isms_core::schema::schema(name).ok_or_else(|| {
        Failure::input(format!("no schema named `{name}`; available: {}", isms_core::schema::names().join(", ")))
    })?;
    emit(&isms_core::json::to_json(&value))?;
    Ok(0)
}

fn fmt(file: &std::path::Path, check: bool) -> Result<u8, Failure> {
    let canonical_of = |text: &str| {
        isms_core::json::parse_document(text)
            .map(|doc| isms_core::json::to_json(&doc))
            .map_err(|e| Failure::input(io::describe(file, &e)))
    };
    if file.as_os_str() == "-" {
        // A filter: standard input to standard output, no file touched.
        let text = io::read_text(file)?;
        let canonical = canonical_of(&text)?;
        if check {
            if canonical == text {
                return Ok(0);
            }
            emit("standard input: not in canonical form (run `isms fmt -`)\n")?;
            return Ok(1);
        }
        emit(&canonical)?;
        return Ok(0);
    }
    if check {
        let text = io::read_text(file)?;
        if canonical_of(&text)? == text {
            return Ok(0);
        }
        emit(&format!("{}: not in canonical form (run `isms fmt {}`)\n", file.display(), file.display()))?;
        return Ok(1);
    }
    io::update_text(file, |text| {
        let canonical = canonical_of(text)?;
        Ok((canonical != text).then_some(canonical))
    })?;
    Ok(0)
}
