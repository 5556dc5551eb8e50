//! `isms roadmap`: the 17 checklist steps with status, blockers,
//! dependencies and dates; `--mermaid` for a gantt chart, `--json` for
//! machines (`schema/roadmap.schema.json`).
use crate::check_cmd::parse_date;
use crate::io::today;
use crate::io::{self, Failure};
use isms_core::engine::{Format, Response};
use isms_core::model::Date;
use std::path::PathBuf;

/// Arguments of `isms roadmap`.
#[derive(Debug, clap::Args)]
pub struct RoadmapArgs {
    /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md); `-` reads JSON from standard input.
    pub file: PathBuf,
    /// Status as of this date (YYYY-MM-DD); default today (UTC).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Print a Mermaid gantt chart.
    #[arg(long, conflicts_with = "json")]
    pub mermaid: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `isms roadmap`.
pub fn run(args: RoadmapArgs) -> Result<u8, Failure> {
    let isms = io::load_isms(&args.file)?;
    let roadmap = isms.roadmap(args.as_of.unwrap_or_else(today));
    let format = if args.mermaid { Format::Mermaid } else { Format::text_or_json(args.json) };
    crate::show(Some(&isms), &Response::Roadmap(roadmap), format)?;
    Ok(0)
}
