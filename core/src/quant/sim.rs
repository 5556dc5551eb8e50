//! The Monte Carlo engine: per-year simulation, summaries, portfolio and ROSI.

use super::model::{LecPoint, Percentiles, SimulationOptions, SimulationResult};
use super::model::{PortfolioResult, RiskContribution, RosiResult};
use super::rng::{Random, mix64, seed_key, trial_streams};
use super::sample::{Sampler, poisson};
use super::summary::{Moments, OrderStats, moments};
use crate::error::{Error, Result};
use crate::model::{FairModel, Frequency, Vulnerability};

/// Trial-years per parallel work unit. Results do not depend on it: every
/// trial-year has its own random streams.
pub const CHUNK: usize = 4096;

#[derive(Debug, Clone)]
enum CFreq {
    Single(Sampler),
    Product(Sampler, Sampler),
}

#[derive(Debug, Clone)]
enum CVuln {
    Always,
    Probability(Sampler),
    Capability(Sampler, Sampler),
}

/// A validated model compiled for simulation.
#[derive(Debug, Clone)]
struct Compiled {
    freq: CFreq,
    vuln: CVuln,
    primary: Sampler,
    sec_freq: Vec<Sampler>,
    sec_mag: Vec<Sampler>,
    /// Largest rate / event count accepted in one chunk (`max_work`).
    budget: u64,
    path: String,
}

fn compile(model: &FairModel, path: &str, budget: u64) -> Result<Compiled> {
    model.validate(path)?;
    let freq = match &model.frequency {
        Frequency::Tef { threat_event_frequency: d } | Frequency::Lef { loss_event_frequency: d } => {
            CFreq::Single(Sampler::compile(d))
        }
        Frequency::Contact { contact_frequency, probability_of_action } => {
            CFreq::Product(Sampler::compile(contact_frequency), Sampler::compile(probability_of_action))
        }
    };
    let vuln = match &model.vulnerability {
        None => CVuln::Always,
        Some(Vulnerability::Probability { probability }) => CVuln::Probability(Sampler::compile(probability)),
        Some(Vulnerability::CapabilityVsResistance { threat_capability, resistance_strength }) => {
            CVuln::Capability(Sampler::compile(threat_capability), Sampler::compile(resistance_strength))
        }
    };
    Ok(Compiled {
        freq,
        vuln,
        primary: Sampler::compile(&model.primary_loss),
        sec_freq: model.secondary.iter().map(|s| Sampler::compile(&s.frequency)).collect(),
        sec_mag: model.secondary.iter().map(|s| Sampler::compile(&s.magnitude)).collect(),
        budget,
        path: path.to_string(),
    })
}

fn limit(path: &str, message: String) -> Error {
    Error::LimitExceeded { path: path.to_string(), message }
}

/// Expected work units of simulating `model` for `trials` years:
/// `trials × (1 + expected simulated events) × (1 + secondary loss types)`.
/// Every simulated year and every simulated event draws once per secondary
/// loss type as well, so a model with many secondary losses costs
/// proportionally more. Infinite or NaN for a model whose mean rate has no
/// finite value, which [`check_work`] refuses.
pub(crate) fn expected_work(model: &FairModel, trials: u64) -> f64 {
    trials as f64 * (1.0 + model.mean_simulated_events()) * (1.0 + model.secondary.len() as f64)
}

/// Refuses a call whose expected work `total` (summed over everything the
/// call will simulate) exceeds `opts.max_work`. Called before any
/// simulation starts, so a call that is too big fails at once.
pub(crate) fn check_work(total: f64, opts: &SimulationOptions, path: &str) -> Result<()> {
    if total.is_nan() || total > opts.max_work as f64 {
        return Err(limit(
            path,
            format!(
                "expected work of {total:.3e} units (simulated years and events, each times 1 + the \
                 secondary loss types) for the whole call exceeds options.max_work = {}; lower \
                 options.trials, simulate fewer risks, or raise options.max_work",
                opts.max_work
            ),
        ));
    }
    Ok(())
}

/// Refuses a simulated result that is not a finite number: losses so large
/// that their sum or spread overflows 64-bit floating point would otherwise
/// be reported as `null` (JSON has no infinity or NaN).
fn check_finite(path: &str, what: &str, values: &[f64]) -> Result<()> {
    if values.iter().all(|v| v.is_finite()) {
        return Ok(());
    }
    Err(Error::invalid_argument(
        path,
        format!(
            "the simulated {what} is not a finite number: the losses overflow 64-bit floating point \
             (about 1.8e308); express the loss magnitudes in larger units (e.g. thousands)"
        ),
    ))
}

/// Simulates the trial-years `first_trial..first_trial + out.len()` into
/// `out`; returns the number of loss events and the chunk's [`Moments`].
fn run_chunk(c: &Compiled, seed: u64, first_trial: u64, out: &mut [f64]) -> Result<(u64, Moments)> {
    let mut sec_p = vec![0.0; c.sec_freq.len()];
    let key = seed_key(seed);
    let mut loss_events = 0u64;
    let mut simulated = 0u64;
    for (i, slot) in out.iter_mut().enumerate() {
        let trial = first_trial + i as u64;
        // Two streams per trial-year: per-year factors, then per-event draws.
        // A treatment that rescales a factor therefore consumes the same
        // numbers (common random numbers), year by year and event by event.
        let (mut yr, mut ev) = trial_streams(key, trial);
        let mut lambda = match &c.freq {
            CFreq::Single(s) => s.draw(&mut yr),
            CFreq::Product(a, b) => a.draw(&mut yr) * b.draw(&mut yr),
        };
        if let CVuln::Probability(v) = &c.vuln {
            lambda *= v.draw(&mut yr);
        }
        if lambda.is_nan() || lambda > c.budget as f64 {
            return Err(limit(
                &format!("{}.frequency", c.path),
                format!("a simulated year drew an event rate of {lambda:.3e}, above options.max_work = {}", c.budget),
            ));
        }
        // The year's secondary frequencies come before the event count: the
        // count consumes a rate-dependent amount of the stream, and
        // everything drawn before it is then common to models that differ
        // only in their rate.
        for (p, s) in sec_p.iter_mut().zip(&c.sec_freq) {
            *p = s.draw(&mut yr);
        }
        let n = poisson(&mut yr, lambda);
        if n == 0 {
            *slot = 0.0;
            continue;
        }
        simulated = simulated.saturating_add(n);
        if simulated > c.budget {
            return Err(limit(
                &format!("{}.frequency", c.path),
                format!("more than options.max_work = {} events simulated in one chunk", c.budget),
            ));
        }
        let mut loss = 0.0;
        for _ in 0..n {
            if let CVuln::Capability(tcap, rs) = &c.vuln {
                let t = tcap.draw(&mut ev);
                let r = rs.draw(&mut ev);
                if t <= r {
                    continue;
                }
            }
            loss_events += 1;
            loss += c.primary.draw(&mut ev);
            for (p, m) in sec_p.iter().zip(&c.sec_mag) {
                if ev.uniform() < *p {
                    loss += m.draw(&mut ev);
                }
            }
        }
        *slot = loss;
    }
    // The chunk is still in cache: its moments cost little here.
    Ok((loss_events, Moments::of(out)))
}

/// Annual losses of `trials` years in trial order, the loss event count and
/// the losses' moments.
fn simulate_losses(c: &Compiled, trials: u64, seed: u64) -> Result<(Vec<f64>, u64, Moments)> {
    let n = usize::try_from(trials)
        .map_err(|_| limit("options.trials", format!("{trials} trials do not fit in memory on this platform")))?;
    let mut out: Vec<f64> = Vec::new();
    out.try_reserve_exact(n).map_err(|_| limit("options.trials", format!("cannot allocate {n} trials")))?;
    out.resize(n, 0.0);
    #[cfg(feature = "parallel")]
    let per_chunk: Vec<Result<(u64, Moments)>> = {
        use rayon::prelude::*;
        out.par_chunks_mut(CHUNK).enumerate().map(|(k, ch)| run_chunk(c, seed, (k * CHUNK) as u64, ch)).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let per_chunk: Vec<Result<(u64, Moments)>> =
        out.chunks_mut(CHUNK).enumerate().map(|(k, ch)| run_chunk(c, seed, (k * CHUNK) as u64, ch)).collect();
    let mut events = 0u64;
    let mut m = Moments::of(&[]);
    // Combined in chunk order: bit-identical for any thread count.
    for r in per_chunk {
        let (e, mc) = r?;
        events = events.saturating_add(e);
        m = m.merge(mc);
    }
    check_finite(&c.path, "annual loss (its mean, spread or maximum)", &[m.mean, m.std_dev(), m.max])?;
    Ok((out, events, m))
}

/// The summary of simulated annual losses `losses` (moments `m`).
fn summarize(losses: Vec<f64>, m: Moments, events: u64, opts: &SimulationOptions) -> SimulationResult {
    let n = losses.len();
    let quantiles = [0.10, 0.50, 0.90, 0.95, 0.99];
    let pts = if opts.lec_points >= 2 { opts.lec_points } else { 0 };
    let lec_rank = |j: usize| ((j as f64 / (pts - 1) as f64) * (n.max(1) - 1) as f64).round() as usize;
    let mut ranks: Vec<usize> = quantiles.iter().flat_map(|&q| OrderStats::quantile_ranks(n, q)).collect();
    ranks.extend((0..pts).map(lec_rank));
    let mut probes = vec![0.0];
    probes.extend(opts.tolerance);
    let os = OrderStats::new(&losses, m, &ranks, &probes);
    let frac = |c: u64| if n > 0 { c as f64 / n as f64 } else { 0.0 };
    let gt = |x: f64| frac(n as u64 - os.count_le(x));
    let mut loss_exceedance: Vec<LecPoint> = (0..pts)
        .map(|j| {
            let loss = os.value(lec_rank(j));
            LecPoint { loss, probability: gt(loss) }
        })
        .collect();
    // Quantile levels that share a loss (typically the years with no loss
    // at all) give the same point: keep it once, so the curve is one point
    // at zero loss (when there are such years) and then positive losses.
    loss_exceedance.dedup_by(|b, a| a.loss == b.loss);
    let result = SimulationResult {
        trials: n as u64,
        seed: opts.seed,
        mean: m.mean,
        std_dev: m.std_dev(),
        min: if n > 0 { m.min } else { 0.0 },
        max: if n > 0 { m.max } else { 0.0 },
        percentiles: Percentiles {
            p10: os.quantile(0.10),
            p50: os.quantile(0.50),
            p90: os.quantile(0.90),
            p95: os.quantile(0.95),
            p99: os.quantile(0.99),
        },
        prob_loss_positive: gt(0.0),
        prob_exceeds_tolerance: opts.tolerance.map(gt),
        loss_exceedance,
        mean_events_per_year: frac(events),
        samples: None,
    };
    drop(os);
    SimulationResult { samples: opts.keep_samples.then_some(losses), ..result }
}

/// Simulates `opts.trials` years of one risk. Errors: an invalid model
/// (paths start with `fair.`), invalid options (`options.`), or work above
/// `options.max_work` ([`Error::LimitExceeded`]).
pub fn simulate(model: &FairModel, opts: &SimulationOptions) -> Result<SimulationResult> {
    opts.validate()?;
    model.validate("fair")?;
    check_work(expected_work(model, opts.trials), opts, "options.max_work")?;
    let c = compile(model, "fair", opts.max_work)?;
    let (losses, events, m) = simulate_losses(&c, opts.trials, opts.seed)?;
    Ok(summarize(losses, m, events, opts))
}

/// `total[t] += xs[t]` for every trial (in parallel with the `parallel`
/// feature; each element is one addition, so the result is the same).
fn add_into(total: &mut [f64], xs: &[f64]) {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        total.par_chunks_mut(CHUNK).zip(xs.par_chunks(CHUNK)).for_each(|(t, x)| {
            t.iter_mut().zip(x).for_each(|(t, x)| *t += x);
        });
    }
    #[cfg(not(feature = "parallel"))]
    total.iter_mut().zip(xs).for_each(|(t, x)| *t += x);
}

/// FNV-1a, to derive a risk's seed from its id.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3))
}

/// The seed used for risk `id` in a portfolio simulated with `seed`. A risk's
/// numbers depend only on its id and model, not on its position in the list.
pub fn risk_seed(seed: u64, id: &str) -> u64 {
    mix64(seed ^ mix64(fnv1a(id)))
}

/// Simulates a portfolio: per simulated year, the sum of all risks' losses
/// (risks independent, each with the seed [`risk_seed`]`(opts.seed, id)`).
/// Memory is O(trials): risks are simulated one after the other into one
/// per-year accumulator. Ids must be distinct; paths are `risks[i].fair...`.
pub fn simulate_portfolio(risks: &[(&str, &FairModel)], opts: &SimulationOptions) -> Result<PortfolioResult> {
    opts.validate()?;
    let mut work = 0.0;
    let mut seen = std::collections::HashSet::with_capacity(risks.len());
    for (i, (id, model)) in risks.iter().enumerate() {
        if !seen.insert(*id) {
            return Err(Error::invalid_argument(format!("risks[{i}].id"), format!("duplicate risk id `{id}`")));
        }
        model.validate(&format!("risks[{i}].fair"))?;
        work += expected_work(model, opts.trials);
    }
    // Checked before anything is compiled or simulated.
    check_work(work.max(opts.trials as f64), opts, "options.max_work")?;
    let compiled = risks
        .iter()
        .enumerate()
        .map(|(i, (_, model))| compile(model, &format!("risks[{i}].fair"), opts.max_work))
        .collect::<Result<Vec<_>>>()?;
    let n = usize::try_from(opts.trials).map_err(|_| limit("options.trials", "too many trials".into()))?;
    let mut total: Vec<f64> = Vec::new();
    total.try_reserve_exact(n).map_err(|_| limit("options.trials", format!("cannot allocate {n} trials")))?;
    total.resize(n, 0.0);
    let mut total_events = 0u64;
    let mut per_risk = Vec::with_capacity(risks.len());
    for ((id, _), c) in risks.iter().zip(&compiled) {
        let (losses, events, m) = simulate_losses(c, opts.trials, risk_seed(opts.seed, id))?;
        add_into(&mut total, &losses);
        total_events = total_events.saturating_add(events);
        let os = OrderStats::new(&losses, m, &OrderStats::quantile_ranks(n, 0.95), &[0.0]);
        per_risk.push(RiskContribution {
            id: id.to_string(),
            mean: m.mean,
            share_of_mean: 0.0,
            std_dev: m.std_dev(),
            p95: os.quantile(0.95),
            prob_loss_positive: (n as u64 - os.count_le(0.0)) as f64 / n as f64,
            mean_events_per_year: events as f64 / n as f64,
        });
    }
    let m = moments(&total);
    check_finite("risks", "portfolio annual loss (its mean, spread or maximum)", &[m.mean, m.std_dev(), m.max])?;
    let total = summarize(total, m, total_events, opts);
    for r in &mut per_risk {
        r.share_of_mean = if total.mean > 0.0 { r.mean / total.mean } else { 0.0 };
    }
    Ok(PortfolioResult { total, per_risk })
}

/// Compares a model before and after a treatment costing `annual_cost` per
/// year. Both are simulated with the same seed (common random numbers), so
/// the difference has a much smaller Monte Carlo error than either mean.
pub fn compare(
    before: &FairModel,
    after: &FairModel,
    annual_cost: f64,
    opts: &SimulationOptions,
) -> Result<RosiResult> {
    opts.validate()?;
    if !annual_cost.is_finite() || annual_cost < 0.0 {
        return Err(Error::invalid_argument("annual_cost", format!("must be finite and ≥ 0, got {annual_cost}")));
    }
    before.validate("before")?;
    after.validate("after")?;
    check_work(expected_work(before, opts.trials) + expected_work(after, opts.trials), opts, "options.max_work")?;
    let cb = compile(before, "before", opts.max_work)?;
    let ca = compile(after, "after", opts.max_work)?;
    let (mut lb, _, mb) = simulate_losses(&cb, opts.trials, opts.seed)?;
    let (la, _, ma) = simulate_losses(&ca, opts.trials, opts.seed)?;
    let (ale_before, ale_after) = (mb.mean, ma.mean);
    // The paired differences, in place of the "before" losses.
    lb.iter_mut().zip(&la).for_each(|(b, a)| *b -= a);
    let sd = moments(&lb).std_dev();
    let diffs = lb;
    let reduction = ale_before - ale_after;
    check_finite("after", "reduction in annual loss (its mean or spread)", &[reduction, sd])?;
    let rosi = (annual_cost > 0.0).then(|| (reduction - annual_cost) / annual_cost);
    check_finite("annual_cost", "return on security investment", &[rosi.unwrap_or(0.0)])?;
    Ok(RosiResult {
        ale_before,
        ale_after,
        reduction,
        reduction_std_error: sd / (diffs.len() as f64).sqrt(),
        annual_cost,
        rosi,
    })
}

/// [`compare`] of `model` with its residual [`FairModel::with_controls`],
/// at the controls' summed annual cost.
pub fn rosi(
    model: &FairModel,
    controls: &[crate::model::ControlEffect],
    opts: &SimulationOptions,
) -> Result<RosiResult> {
    let after = model.with_controls(controls)?;
    let cost: f64 = controls.iter().map(|c| c.annual_cost).sum();
    compare(model, &after, cost, opts)
}
