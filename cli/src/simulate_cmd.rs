//! `isms simulate`: Open FAIR Monte Carlo over the risks of a document that
//! carry a `fair` model (annual loss before and after treatment, ROSI).
use crate::io::{self, Failure};
use isms_core::quant::{DocumentSimulation, SimulationOptions, SimulationResult, simulate_document};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Arguments of `isms simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// The ISMS document (JSON).
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
    let doc = io::load_valid(&args.file)?;
    let mut options =
        SimulationOptions { trials: args.years, seed: args.seed, tolerance: args.tolerance, ..Default::default() };
    if let Some(m) = args.max_work {
        options.max_work = m;
    }
    let sim = simulate_document(&doc, args.risk.as_deref(), &options)
        .map_err(|e| Failure::input(io::describe(&args.file, &e)))?;
    if args.json {
        crate::emit(&isms_core::json::to_json(&sim))?;
    } else {
        crate::emit(&render(&sim))?;
    }
    Ok(0)
}

fn money(x: f64) -> String {
    // Group thousands for people; JSON keeps full precision.
    let s = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if x < 0.0 { format!("-{out}") } else { out }
}

fn line(out: &mut String, label: &str, r: &SimulationResult) {
    let p = &r.percentiles;
    let _ = writeln!(
        out,
        "  {label:<34} {:>13} {:>13} {:>13} {:>13} {:>7.1}%",
        money(r.mean),
        money(p.p50),
        money(p.p95),
        money(p.p99),
        r.prob_loss_positive * 100.0
    );
}

fn render(sim: &DocumentSimulation) -> String {
    let mut out = String::new();
    let o = &sim.options;
    let _ = writeln!(out, "Open FAIR simulation: {} years, seed {}", o.trials, o.seed);
    if sim.risks.is_empty() {
        out.push_str("No risk carries a `fair` model; add one to a risk to quantify it.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "  {:<34} {:>13} {:>13} {:>13} {:>13} {:>8}",
        "annual loss", "mean", "P50", "P95", "P99", "P(>0)"
    );
    for r in &sim.risks {
        let label: String = format!("{} {}", r.id, r.title).chars().take(34).collect();
        line(&mut out, &label, &r.inherent);
        if let Some(res) = &r.residual {
            line(&mut out, "    after treatment", res);
        }
        if let Some(x) = &r.rosi {
            let rosi = x.rosi.map(|v| format!("{:.0}%", v * 100.0)).unwrap_or_else(|| "n/a".into());
            let _ = writeln!(
                out,
                "    reduction {} a year for {} a year: ROSI {rosi}",
                money(x.reduction),
                money(x.annual_cost)
            );
        }
        if let Some(p) = r.inherent.prob_exceeds_tolerance {
            let _ = writeln!(out, "    P(annual loss > tolerance) = {:.2}%", p * 100.0);
        }
    }
    if let Some(p) = &sim.portfolio {
        line(&mut out, "PORTFOLIO before treatment", &p.total);
    }
    if let Some(p) = &sim.residual_portfolio {
        line(&mut out, "PORTFOLIO after treatment", &p.total);
    }
    out
}
