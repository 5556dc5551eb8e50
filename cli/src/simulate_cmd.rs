//! `isms simulate`: Open FAIR Monte Carlo over the risks of a document that
//! carry a `fair` model (annual loss before and after treatment, ROSI).
use crate::io::{self, Failure};
use isms_core::engine::{Format, Response};
use isms_core::quant::SimulationOptions;
use std::path::PathBuf;

/// Arguments of `isms simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// The ISMS: a JSON file, a YAML file (`.yaml`/`.yml`) or a folder of them (docs/multi-file.md).
    file: PathBuf,
    /// Simulate only this risk (default: every risk with a `fair` model, plus the portfolio).
    #[arg(long)]
    risk: Option<String>,
    /// Simulated years (trials).
    #[arg(long, default_value_t = 10_000)]
    years: u64,
    /// Random seed: the same seed gives the same numbers on every platform.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Report the probability that annual loss exceeds this amount.
    #[arg(long)]
    tolerance: Option<f64>,
    /// Raise the work limit (simulated years plus events) above the default 2e8.
    #[arg(long)]
    max_work: Option<u64>,
    /// Print the full result as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: SimulateArgs) -> Result<u8, Failure> {
    let isms = io::load_isms(&args.file)?;
    let mut options =
        SimulationOptions { trials: args.years, seed: args.seed, tolerance: args.tolerance, ..Default::default() };
    if let Some(m) = args.max_work {
        options.max_work = m;
    }
    let sim = isms.simulate(args.risk.as_deref(), &options).map_err(io::core(&args.file))?;
    crate::show(Some(&isms), &Response::DocumentSimulation(sim), Format::text_or_json(args.json))?;
    Ok(0)
}
