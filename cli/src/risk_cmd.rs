//! `isms risk …`: the risk register, heat map and treatment plan of a
//! document (ISO/IEC 27001:2022 6.1.2, 6.1.3, 8.2, 8.3). The computations are
//! the core's (`isms_core::risk`); this file parses arguments, reads the
//! clock for the default `--as-of` (the core never does) and writes output.
use crate::io::{self, Failure};
use isms_core::engine::{self, Response};
use isms_core::model::Date;
use std::path::PathBuf;

/// Output format of the register.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// CSV with a header row.
    Csv,
    /// A Markdown table.
    Md,
    /// JSON (schema `risk-register`).
    Json,
}

/// The `risk` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum RiskCmd {
    /// Print the risk register.
    Register {
        /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "md")]
        format: Format,
        /// Date to assess as of (YYYY-MM-DD); default today (UTC).
        #[arg(long = "as-of", value_parser = crate::check_cmd::parse_date)]
        as_of: Option<Date>,
    },
    /// Draw the risk heat map as a standalone SVG, or print its data as JSON.
    Heatmap {
        /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
        file: PathBuf,
        /// Residual instead of inherent levels.
        #[arg(long)]
        residual: bool,
        /// Write the SVG here (atomically); `-` for standard output.
        #[arg(long, required_unless_present = "json")]
        svg: Option<PathBuf>,
        /// Print the heat-map data as JSON (schema `heatmap`).
        #[arg(long)]
        json: bool,
        /// Date to assess as of (YYYY-MM-DD); default today (UTC).
        #[arg(long = "as-of", value_parser = crate::check_cmd::parse_date)]
        as_of: Option<Date>,
    },
    /// Show the treatment plan and its problems; exit 1 when it has any.
    Plan {
        /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
        file: PathBuf,
        /// Date to check as of (YYYY-MM-DD); default today (UTC).
        #[arg(long = "as-of", value_parser = crate::check_cmd::parse_date)]
        as_of: Option<Date>,
        /// Print JSON (schema `treatment-plan`).
        #[arg(long)]
        json: bool,
    },
}

/// Runs a `risk` subcommand; returns the exit code.
pub fn run(cmd: RiskCmd) -> Result<u8, Failure> {
    match cmd {
        RiskCmd::Register { file, format, as_of } => {
            let isms = io::load_isms(&file)?;
            let reg = isms.risk_register(as_of.unwrap_or_else(io::today)).map_err(io::core(&file))?;
            let format = match format {
                Format::Csv => engine::Format::Csv,
                Format::Md => engine::Format::Markdown,
                Format::Json => engine::Format::Json,
            };
            crate::show(Some(&isms), &Response::Register(reg), format)?;
            Ok(0)
        }
        RiskCmd::Heatmap { file, residual, svg, json, as_of } => {
            let isms = io::load_isms(&file)?;
            let map = isms.heatmap(as_of.unwrap_or_else(io::today)).map_err(io::core(&file))?;
            let response = Response::HeatMap(map, residual);
            if json {
                crate::show(Some(&isms), &response, engine::Format::Json)?;
            }
            if let Some(out) = svg {
                io::write_output(&out, crate::render(Some(&isms), &response, engine::Format::Svg)?.as_bytes())?;
            }
            Ok(0)
        }
        RiskCmd::Plan { file, as_of, json } => {
            let isms = io::load_isms(&file)?;
            let plan = isms.treatment_plan(as_of.unwrap_or_else(io::today)).map_err(io::core(&file))?;
            let problems = plan.has_problems();
            crate::show(Some(&isms), &Response::TreatmentPlan(plan), engine::Format::text_or_json(json))?;
            Ok(u8::from(problems))
        }
    }
}
