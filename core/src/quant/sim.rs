//! The Monte Carlo engine: per-year simulation, summaries, portfolio and ROSI.

use super::model::{FairModel, Frequency, PortfolioResult, RiskContribution, RosiResult, Vulnerability};
use super::model::{LecPoint, Percentiles, SimulationOptions, SimulationResult};
use super::rng::{Rng, mix64};
use super::sample::{Sampler, poisson};
use crate::error::{Error, Result};

/// Trial-years per parallel work unit. Results do not depend on it: every
/// trial-year has its own random streams.
pub const CHUNK: usize = 4096;

#[derive(Debug, Clone, Copy)]
enum CFreq {
    Single(Sampler),
    Product(Sampler, Sampler),
}

#[derive(Debug, Clone, Copy)]
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

/// Expected work units of one model: trials × (1 + expected simulated events).
fn expected_work(model: &FairModel, trials: u64) -> f64 {
    trials as f64 * (1.0 + model.mean_simulated_events())
}

fn check_work(total: f64, opts: &SimulationOptions, path: &str) -> Result<()> {
    if total.is_nan() || total > opts.max_work as f64 {
        return Err(limit(
            path,
            format!(
                "expected work of {total:.3e} simulated years and events exceeds options.max_work = {}; \
                 lower options.trials or raise options.max_work",
                opts.max_work
            ),
        ));
    }
    Ok(())
}

/// Simulates the trial-years `first_trial..first_trial + out.len()` into
/// `out`; returns the number of loss events.
fn run_chunk(c: &Compiled, seed: u64, first_trial: u64, out: &mut [f64]) -> Result<u64> {
    let mut sec_p = vec![0.0; c.sec_freq.len()];
    let key = Rng::seed_key(seed);
    let mut loss_events = 0u64;
    let mut simulated = 0u64;
    for (i, slot) in out.iter_mut().enumerate() {
        let trial = first_trial + i as u64;
        // Two streams per trial-year: per-year factors, then per-event draws.
        // A treatment that rescales a factor therefore consumes the same
        // numbers (common random numbers), year by year and event by event.
        let (mut yr, mut ev) = Rng::trial_streams(key, trial);
        let mut lambda = match c.freq {
            CFreq::Single(s) => s.draw(&mut yr),
            CFreq::Product(a, b) => a.draw(&mut yr) * b.draw(&mut yr),
        };
        if let CVuln::Probability(v) = c.vuln {
            lambda *= v.draw(&mut yr);
        }
        if lambda.is_nan() || lambda > c.budget as f64 {
            return Err(limit(
                &format!("{}.frequency", c.path),
                format!("a simulated year drew an event rate of {lambda:.3e}, above options.max_work = {}", c.budget),
            ));
        }
        let n = poisson(&mut yr, lambda);
        if n == 0 {
            // No event: the year's secondary frequencies would not be used
            // (drawing them lazily changes no distribution).
            *slot = 0.0;
            continue;
        }
        for (p, s) in sec_p.iter_mut().zip(&c.sec_freq) {
            *p = s.draw(&mut yr);
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
            if let CVuln::Capability(tcap, rs) = c.vuln {
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
    Ok(loss_events)
}

/// Annual losses of `trials` years in trial order, and the loss event count.
fn simulate_losses(c: &Compiled, trials: u64, seed: u64) -> Result<(Vec<f64>, u64)> {
    let n = usize::try_from(trials)
        .map_err(|_| limit("options.trials", format!("{trials} trials do not fit in memory on this platform")))?;
    let mut out: Vec<f64> = Vec::new();
    out.try_reserve_exact(n).map_err(|_| limit("options.trials", format!("cannot allocate {n} trials")))?;
    out.resize(n, 0.0);
    #[cfg(feature = "parallel")]
    let per_chunk: Vec<Result<u64>> = {
        use rayon::prelude::*;
        out.par_chunks_mut(CHUNK).enumerate().map(|(k, ch)| run_chunk(c, seed, (k * CHUNK) as u64, ch)).collect()
    };
    #[cfg(not(feature = "parallel"))]
    let per_chunk: Vec<Result<u64>> =
        out.chunks_mut(CHUNK).enumerate().map(|(k, ch)| run_chunk(c, seed, (k * CHUNK) as u64, ch)).collect();
    let mut events = 0u64;
    for r in per_chunk {
        events = events.saturating_add(r?);
    }
    Ok((out, events))
}

/// Applies `f` to each [`CHUNK`]-sized piece of `xs` (in parallel with the
/// `parallel` feature) and returns the results in chunk order, so anything
/// combined from them in that order is independent of the thread count.
fn map_chunks<T: Send>(xs: &[f64], f: impl Fn(&[f64]) -> T + Sync + Send) -> Vec<T> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        xs.par_chunks(CHUNK).map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        xs.chunks(CHUNK).map(f).collect()
    }
}

/// Mean and sample standard deviation: per-chunk sums and centred sums of
/// squares, combined in chunk order (Chan et al.'s pairwise update).
fn mean_std(xs: &[f64]) -> (f64, f64) {
    let parts = map_chunks(xs, |c| {
        let m = c.iter().sum::<f64>() / c.len() as f64;
        (c.len() as f64, m, c.iter().map(|x| (x - m) * (x - m)).sum::<f64>())
    });
    let (mut n, mut mean, mut m2) = (0.0, 0.0, 0.0);
    for (nb, mb, m2b) in parts {
        let tot = n + nb;
        let delta = mb - mean;
        mean += delta * nb / tot;
        m2 += m2b + delta * delta * n * nb / tot;
        n = tot;
    }
    if n < 2.0 {
        return (mean, 0.0);
    }
    (mean, (m2 / (n - 1.0)).sqrt())
}

/// Puts the order statistics of ranks `ranks` (sorted, distinct, relative
/// to `offset`) in place, as a sort would, by recursive selection:
/// O(n log k) for k ranks instead of O(n log n) for a sort.
fn select_ranks(v: &mut [f64], ranks: &[usize], offset: usize) {
    if ranks.is_empty() || v.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let r = ranks[mid] - offset;
    let (left, _, right) = v.select_nth_unstable_by(r, f64::total_cmp);
    let (lr, rr) = (&ranks[..mid], &ranks[mid + 1..]);
    // Order statistics are unique, so the parallel recursion is deterministic.
    #[cfg(feature = "parallel")]
    if left.len().min(right.len()) >= 1 << 15 {
        rayon::join(|| select_ranks(left, lr, offset), || select_ranks(right, rr, offset + r + 1));
        return;
    }
    select_ranks(left, lr, offset);
    select_ranks(right, rr, offset + r + 1);
}

fn summarize(mut losses: Vec<f64>, events: u64, opts: &SimulationOptions) -> SimulationResult {
    let (mean, std_dev) = mean_std(&losses);
    let samples = opts.keep_samples.then(|| losses.clone());
    let n = losses.len();
    let quantiles = [0.10, 0.50, 0.90, 0.95, 0.99];
    let pts = if opts.lec_points >= 2 { opts.lec_points } else { 0 };
    let lec_rank = |j: usize| ((j as f64 / (pts - 1) as f64) * (n - 1) as f64).round() as usize;
    // The ranks needed: min, max, the two order statistics around each
    // percentile, and the LEC points.
    let mut ranks: Vec<usize> = Vec::new();
    if n > 0 {
        ranks.extend([0, n - 1]);
        for q in quantiles {
            let lo = ((n - 1) as f64 * q).floor() as usize;
            ranks.extend([lo, (lo + 1).min(n - 1)]);
        }
        ranks.extend((0..pts).map(lec_rank));
    }
    ranks.sort_unstable();
    ranks.dedup();
    select_ranks(&mut losses, &ranks, 0);
    let s = &losses;
    let at = |r: usize| s.get(r).copied().unwrap_or(0.0);
    let quantile = |q: f64| {
        if n == 0 {
            return 0.0;
        }
        let h = (n - 1) as f64 * q;
        let lo = h.floor() as usize;
        let (a, b) = (at(lo), at((lo + 1).min(n - 1)));
        let frac = h - lo as f64;
        if frac == 0.0 || a == b { a } else { a + frac * (b - a) }
    };
    // After the selection, everything between two selected ranks lies
    // between their values, so the number of losses ≤ x (x ≥ the smallest
    // value) is the position after the last selected rank whose value is
    // ≤ x, plus a count over the one segment that follows it.
    let le_count = |x: f64| -> u64 {
        let m = ranks.partition_point(|&r| s[r] <= x);
        let start = if m == 0 { 0 } else { ranks[m - 1] + 1 };
        let end = ranks.get(m).copied().unwrap_or(n);
        (start + s[start..end].iter().filter(|&&v| v <= x).count()) as u64
    };
    let gt_count = |x: f64| n as u64 - le_count(x);
    let thresholds: Vec<f64> = (0..pts).map(|j| at(lec_rank(j))).collect();
    let gt: Vec<u64> = thresholds.iter().map(|&x| gt_count(x)).collect();
    let positive = gt_count(0.0);
    let frac = |c: u64| if n > 0 { c as f64 / n as f64 } else { 0.0 };
    let loss_exceedance =
        thresholds.iter().zip(&gt).map(|(&loss, &c)| LecPoint { loss, probability: frac(c) }).collect();
    SimulationResult {
        trials: n as u64,
        seed: opts.seed,
        mean,
        std_dev,
        min: at(0),
        max: if n > 0 { at(n - 1) } else { 0.0 },
        percentiles: Percentiles {
            p10: quantile(0.10),
            p50: quantile(0.50),
            p90: quantile(0.90),
            p95: quantile(0.95),
            p99: quantile(0.99),
        },
        prob_loss_positive: frac(positive),
        prob_exceeds_tolerance: opts.tolerance.map(|t| frac(gt_count(t))),
        loss_exceedance,
        mean_events_per_year: frac(events),
        samples,
    }
}

/// Simulates `opts.trials` years of one risk. Errors: an invalid model
/// (paths start with `fair.`), invalid options (`options.`), or work above
/// `options.max_work` ([`Error::LimitExceeded`]).
pub fn simulate(model: &FairModel, opts: &SimulationOptions) -> Result<SimulationResult> {
    opts.validate()?;
    let c = compile(model, "fair", opts.max_work)?;
    check_work(expected_work(model, opts.trials), opts, "options.max_work")?;
    let (losses, events) = simulate_losses(&c, opts.trials, opts.seed)?;
    Ok(summarize(losses, events, opts))
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
    let mut compiled = Vec::with_capacity(risks.len());
    let mut work = 0.0;
    let mut seen = std::collections::BTreeSet::new();
    for (i, (id, model)) in risks.iter().enumerate() {
        if !seen.insert(*id) {
            return Err(Error::invalid_argument(format!("risks[{i}].id"), format!("duplicate risk id `{id}`")));
        }
        compiled.push(compile(model, &format!("risks[{i}].fair"), opts.max_work)?);
        work += expected_work(model, opts.trials);
    }
    check_work(work.max(opts.trials as f64), opts, "options.max_work")?;
    let n = usize::try_from(opts.trials).map_err(|_| limit("options.trials", "too many trials".into()))?;
    let mut total: Vec<f64> = Vec::new();
    total.try_reserve_exact(n).map_err(|_| limit("options.trials", format!("cannot allocate {n} trials")))?;
    total.resize(n, 0.0);
    let mut total_events = 0u64;
    let mut per_risk = Vec::with_capacity(risks.len());
    for ((id, _), c) in risks.iter().zip(&compiled) {
        let (mut losses, events) = simulate_losses(c, opts.trials, risk_seed(opts.seed, id))?;
        for (t, l) in total.iter_mut().zip(&losses) {
            *t += *l;
        }
        total_events = total_events.saturating_add(events);
        let (mean, std_dev) = mean_std(&losses);
        let positive = losses.iter().filter(|&&x| x > 0.0).count() as f64 / n as f64;
        let k = ((n - 1) as f64 * 0.95).floor() as usize;
        let (_, lo, rest) = losses.select_nth_unstable_by(k, f64::total_cmp);
        let lo = *lo;
        let hi = if k + 1 < n { rest.iter().copied().min_by(f64::total_cmp).unwrap_or(lo) } else { lo };
        let frac = (n - 1) as f64 * 0.95 - k as f64;
        let p95 = if frac == 0.0 || lo == hi { lo } else { lo + frac * (hi - lo) };
        per_risk.push(RiskContribution {
            id: id.to_string(),
            mean,
            share_of_mean: 0.0,
            std_dev,
            p95,
            prob_loss_positive: positive,
            mean_events_per_year: events as f64 / n as f64,
        });
    }
    let total = summarize(total, total_events, opts);
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
    let cb = compile(before, "before", opts.max_work)?;
    let ca = compile(after, "after", opts.max_work)?;
    check_work(expected_work(before, opts.trials) + expected_work(after, opts.trials), opts, "options.max_work")?;
    let (lb, _) = simulate_losses(&cb, opts.trials, opts.seed)?;
    let (la, _) = simulate_losses(&ca, opts.trials, opts.seed)?;
    let (ale_before, _) = mean_std(&lb);
    let (ale_after, _) = mean_std(&la);
    let diffs: Vec<f64> = lb.iter().zip(&la).map(|(b, a)| b - a).collect();
    let (_, sd) = mean_std(&diffs);
    let reduction = ale_before - ale_after;
    Ok(RosiResult {
        ale_before,
        ale_after,
        reduction,
        reduction_std_error: sd / (diffs.len() as f64).sqrt(),
        annual_cost,
        rosi: (annual_cost > 0.0).then(|| (reduction - annual_cost) / annual_cost),
    })
}

/// [`compare`] of `model` with its residual [`FairModel::with_controls`],
/// at the controls' summed annual cost.
pub fn rosi(
    model: &FairModel,
    controls: &[super::model::ControlEffect],
    opts: &SimulationOptions,
) -> Result<RosiResult> {
    let after = model.with_controls(controls)?;
    let cost: f64 = controls.iter().map(|c| c.annual_cost).sum();
    compare(model, &after, cost, opts)
}
