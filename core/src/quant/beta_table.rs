//! An exact table sampler for the Beta(α, β) densities of beta-PERT.
//!
//! # Why
//!
//! A beta-PERT draw is a Beta draw, and the perf-anchors model needs about
//! five per simulated year. The general method (two Marsaglia–Tsang Gammas,
//! [`super::sample::Beta`]) costs two normals, two uniforms and a division,
//! about 40 ns. A PERT's α and β never change between draws, so a table built
//! once per model pays off after a few hundred draws: a draw then costs two
//! 64-bit random words, two table loads and a comparison, about 5 ns.
//!
//! # Method
//!
//! Rejection from a piecewise-constant hat with a squeeze ("strip method";
//! Hörmann, Leydold & Derflinger, *Automatic Nonuniform Random Variate
//! Generation*, Springer 2004, ch. 5; the one-table idea of Ahrens, Computing
//! 54, 1995). PERT shapes have α, β ≥ 1 (see [`super::sample`]), so the
//! density `g(x) = x^(α−1)(1−x)^(β−1)` is bounded and unimodal on [0, 1]; on
//! each of `K` equal-width strips its maximum (the hat) and minimum (the
//! squeeze) are at the strip's ends or at the mode.
//!
//! A draw picks a strip with probability proportional to its hat, by Walker's
//! alias method, and a uniform point `x` in it; a second uniform `v` accepts
//! `x` at once when `v` is under the squeeze/hat ratio (no density evaluated,
//! about 98% of draws with 256 strips for the perf-anchors shapes), otherwise
//! when `v · hat ≤ g(x)`, otherwise it starts again.
//!
//! # Exactness
//!
//! The alias table is built in integers: strip `j` is chosen with
//! probability `w_j / 2^32` exactly. The hat used for the acceptance test is
//! *derived from those integer weights* (`hat'_j = S · w_j` with
//! `S = max_j hat_j / w_j`), so it dominates the density on every strip
//! whatever the rounding of the weights, and the output follows Beta(α, β)
//! exactly, up to floating-point rounding of `g` (guarded by a relative margin
//! of 10⁻⁹ on hats and squeezes) and the 2⁻³² resolution of the point within
//! a strip (so at least 2⁻⁴⁴ of the range). Shapes for which even 4,096
//! strips waste more than 3% of draws on density evaluations (a PERT with a
//! very large `shape`) are left to the Gamma-pair sampler.
//!
//! Only integer operations, IEEE-754 arithmetic and `libm` are used, so draws
//! are identical on every platform.

use super::rng::Random;

/// Fewest strips (as a power of two): 256 strips cost about 11 µs to build
/// and let 98% of the perf-anchors draws skip the density (512: 99%, twice
/// the build).
const MIN_BITS: u32 = 8;
/// Most strips (as a power of two).
const MAX_BITS: u32 = 12;
/// Least share of the hat's area that the squeeze must cover for a table to
/// be used: at most 3% of draws then evaluate the density.
const MIN_SQUEEZE_SHARE: f64 = 0.97;
/// Relative safety margin on hats (up) and squeezes (down) against the
/// last-bit rounding of the density.
const MARGIN: f64 = 1e-9;

/// One strip's acceptance constants.
#[derive(Debug, Clone, Copy)]
struct Strip {
    /// Squeeze over hat: `v` below it accepts without evaluating the density.
    squeeze_ratio: f64,
    /// The hat (a multiple of the normalised density's bound on the strip).
    hat: f64,
}

/// One alias-table column: the strip itself is taken when the column's
/// 32−bits−wide random number is below `threshold`, else `alias`.
#[derive(Debug, Clone, Copy)]
struct Column {
    threshold: u32,
    alias: u32,
}

/// A compiled Beta(α, β) sampler for α, β ≥ 1 (not both 1).
#[derive(Debug, Clone)]
pub(crate) struct BetaTable {
    bits: u32,
    /// 2^bits − 1.
    mask: u64,
    /// 2^−bits.
    inv_k: f64,
    columns: Box<[Column]>,
    strips: Box<[Strip]>,
    /// α − 1 and β − 1.
    am1: f64,
    bm1: f64,
    /// log g at the mode, so that the density used is g/g(mode) ≤ 1.
    log_peak: f64,
}

/// `c · ln(x)`, with 0 when `c` = 0 (so `0 · ln 0` is 0, not NaN).
#[inline(always)]
fn term(c: f64, ln: f64) -> f64 {
    if c == 0.0 { 0.0 } else { c * ln }
}

impl BetaTable {
    /// A table for Beta(`alpha`, `beta`), or `None` when the shapes are not
    /// both finite and ≥ 1, are both 1 (the uniform), or are so peaked that a
    /// table of 4,096 strips would be inefficient.
    pub(crate) fn new(alpha: f64, beta: f64) -> Option<Self> {
        if !(alpha.is_finite() && beta.is_finite() && alpha >= 1.0 && beta >= 1.0) || alpha + beta <= 2.0 {
            return None;
        }
        let (am1, bm1) = (alpha - 1.0, beta - 1.0);
        let mode = am1 / (am1 + bm1);
        let log_peak = term(am1, libm::log(mode)) + term(bm1, libm::log1p(-mode));
        (MIN_BITS..=MAX_BITS).find_map(|bits| Self::build(bits, am1, bm1, mode, log_peak))
    }

    /// Builds a table of 2^`bits` strips, or `None` if its squeeze covers
    /// less than [`MIN_SQUEEZE_SHARE`] of its hat.
    fn build(bits: u32, am1: f64, bm1: f64, mode: f64, log_peak: f64) -> Option<Self> {
        let k = 1usize << bits;
        let inv_k = 1.0 / k as f64;
        // ln(i/k) for i = 0..=k, shared by both factors: at the strip end
        // x = i/k, ln x = ln(i/k) and ln(1 − x) = ln((k − i)/k), both exact
        // quotients. One `ln` and one `exp` per strip end.
        let logs: Vec<f64> = (0..=k).map(|i| libm::log(i as f64 * inv_k)).collect();
        let ends: Vec<f64> =
            (0..=k).map(|i| libm::exp(term(am1, logs[i]) + term(bm1, logs[k - i]) - log_peak)).collect();
        let mut hats = Vec::with_capacity(k);
        let mut squeezes = Vec::with_capacity(k);
        for j in 0..k {
            let (a, b) = (j as f64 * inv_k, (j + 1) as f64 * inv_k);
            let (ga, gb) = (ends[j], ends[j + 1]);
            let top = if a <= mode && mode <= b { 1.0 } else { ga.max(gb) };
            hats.push(top * (1.0 + MARGIN));
            squeezes.push(ga.min(gb) * (1.0 - MARGIN));
        }
        let hat_sum: f64 = hats.iter().sum();
        if hat_sum.is_nan() || hat_sum <= 0.0 || squeezes.iter().sum::<f64>() < MIN_SQUEEZE_SHARE * hat_sum {
            return None;
        }
        let weights = integer_weights(&hats, hat_sum);
        // The hat implied by the integer weights dominates the exact hats.
        let scale = hats.iter().zip(&weights).filter(|(_, w)| **w > 0).map(|(h, w)| h / *w as f64).fold(0.0, f64::max);
        let strips = weights
            .iter()
            .zip(&squeezes)
            .map(|(&w, &s)| {
                let hat = scale * w as f64;
                Strip { squeeze_ratio: if hat > 0.0 { s / hat } else { 0.0 }, hat }
            })
            .collect();
        Some(Self {
            bits,
            mask: k as u64 - 1,
            inv_k,
            columns: alias_columns(&weights, bits),
            strips,
            am1,
            bm1,
            log_peak,
        })
    }

    #[inline(always)]
    fn density_at(am1: f64, bm1: f64, log_peak: f64, x: f64) -> f64 {
        libm::exp(term(am1, libm::log(x)) + term(bm1, libm::log1p(-x)) - log_peak)
    }

    /// The number of strips.
    #[cfg(test)]
    pub(crate) fn strips(&self) -> usize {
        self.strips.len()
    }

    /// One Beta(α, β) deviate in [0, 1).
    #[inline(always)]
    pub(crate) fn draw(&self, rng: &mut impl Random) -> f64 {
        let (mask, inv_k) = (self.mask, self.inv_k);
        loop {
            // Bits 0..bits: column; bits..32: alias choice; 32..64: position.
            let r = rng.next_u64();
            let col = self.columns[(r & mask) as usize];
            let j = if ((r as u32) >> self.bits) < col.threshold { (r & mask) as u32 } else { col.alias };
            let x = (j as f64 + (r >> 32) as f64 * (1.0 / 4_294_967_296.0)) * inv_k;
            let s = self.strips[j as usize];
            let v = rng.uniform();
            if v < s.squeeze_ratio || v * s.hat <= Self::density_at(self.am1, self.bm1, self.log_peak, x) {
                return x;
            }
        }
    }

    /// The probability that a draw picks strip `j` (for tests).
    #[cfg(test)]
    fn strip_probability(&self, j: usize) -> f64 {
        let shift = 32 - self.bits;
        let cap = 1u64 << shift;
        let mut w = 0u64;
        for (i, c) in self.columns.iter().enumerate() {
            let own = (c.threshold as u64).min(cap);
            if i == j {
                w += own;
            }
            if c.alias as usize == j {
                w += cap - own;
            }
        }
        w as f64 / 4_294_967_296.0
    }
}

/// Integer weights summing to exactly 2^32, proportional to `hats`, with at
/// least 1 for every strip whose hat is positive (so every part of the
/// density can be reached).
///
/// Weights are rounded *up*, so no strip's `hat/weight` exceeds the common
/// ratio `Σhat/2^32` (a strip rounded down from 1.5 to 1 would raise the
/// derived hat of every strip by half); the surplus, at most one per strip,
/// comes off the heaviest strip, whose weight is at least 2^32/k.
fn integer_weights(hats: &[f64], hat_sum: f64) -> Vec<u64> {
    const TOTAL: u64 = 1 << 32;
    let mut w: Vec<u64> =
        hats.iter().map(|&h| if h > 0.0 { ((h / hat_sum * TOTAL as f64).ceil() as u64).max(1) } else { 0 }).collect();
    let sum: u64 = w.iter().sum();
    let heaviest = (0..w.len()).max_by_key(|&i| w[i]).unwrap_or(0);
    if sum < TOTAL {
        w[heaviest] += TOTAL - sum;
    } else {
        w[heaviest] -= sum - TOTAL;
    }
    w
}

/// Vose's alias table over integer weights (total 2^32, one column of
/// capacity 2^(32−bits) per strip): exact, no floating point.
fn alias_columns(weights: &[u64], bits: u32) -> Box<[Column]> {
    let cap = 1u64 << (32 - bits);
    let mut rest = weights.to_vec();
    let mut columns = vec![Column { threshold: cap as u32, alias: 0 }; weights.len()];
    for (i, c) in columns.iter_mut().enumerate() {
        c.alias = i as u32;
    }
    let (mut small, mut large): (Vec<usize>, Vec<usize>) = (0..weights.len()).partition(|&i| rest[i] < cap);
    while let (Some(s), Some(&l)) = (small.pop(), large.last()) {
        columns[s] = Column { threshold: rest[s] as u32, alias: l as u32 };
        rest[l] -= cap - rest[s];
        if rest[l] < cap {
            large.pop();
            small.push(l);
        }
    }
    // Whatever remains has exactly `cap` left (the sums are exact), and keeps
    // its own column with threshold `cap`; u32 holds cap ≤ 2^24.
    columns.into_boxed_slice()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quant::rng::Rng;

    /// The Beta(α, β) CDF by composite Simpson integration of the density.
    fn cdf_table(alpha: f64, beta: f64, n: usize) -> Vec<f64> {
        let f = |x: f64| x.powf(alpha - 1.0) * (1.0 - x).powf(beta - 1.0);
        let h = 1.0 / n as f64;
        let mut c = vec![0.0; n + 1];
        for i in 0..n {
            let (a, b) = (i as f64 * h, (i + 1) as f64 * h);
            c[i + 1] = c[i] + h / 6.0 * (f(a) + 4.0 * f(0.5 * (a + b)) + f(b));
        }
        let total = c[n];
        c.iter().map(|v| v / total).collect()
    }

    #[test]
    fn strip_probabilities_are_exact_and_sum_to_one() {
        for (a, b) in [(1.33, 4.67), (1.0, 5.0), (5.0, 1.0), (3.0, 3.0), (2.2, 1.3)] {
            let t = BetaTable::new(a, b).unwrap();
            let total: f64 = (0..t.strips()).map(|j| t.strip_probability(j)).sum();
            assert!((total - 1.0).abs() < 1e-12, "Beta({a}, {b}): {total}");
            // Each hat dominates the density on its strip and the squeeze is
            // below it, at many points of every strip.
            let k = t.strips();
            for j in 0..k {
                let s = t.strips[j];
                for m in 0..=32 {
                    let x = (j as f64 + m as f64 / 32.0) / k as f64;
                    if x >= 1.0 {
                        continue;
                    }
                    let g = BetaTable::density_at(t.am1, t.bm1, t.log_peak, x);
                    assert!(g <= s.hat, "Beta({a}, {b}) strip {j}: g({x}) = {g} > hat {}", s.hat);
                    assert!(s.squeeze_ratio * s.hat <= g, "Beta({a}, {b}) strip {j}: squeeze above g({x})");
                }
            }
        }
    }

    #[test]
    fn draws_follow_the_beta_distribution() {
        // Kolmogorov–Smirnov against the numerically integrated CDF; the
        // critical value at the 10⁻⁶ level is 2.63/sqrt(n).
        let n = 200_000;
        for (a, b, seed) in [(1.33, 4.67, 1), (2.14, 3.86, 2), (1.0, 3.0, 3), (4.0, 1.0, 4), (21.0, 21.0, 5)] {
            let t = BetaTable::new(a, b).unwrap();
            let mut rng = Rng::from_seed(seed);
            let mut xs: Vec<f64> = (0..n).map(|_| t.draw(&mut rng)).collect();
            assert!(xs.iter().all(|x| (0.0..1.0).contains(x)));
            xs.sort_by(f64::total_cmp);
            let grid = 1 << 14;
            let cdf = cdf_table(a, b, grid);
            let at = |x: f64| {
                let p = x * grid as f64;
                let i = (p as usize).min(grid - 1);
                cdf[i] + (p - i as f64) * (cdf[i + 1] - cdf[i])
            };
            let d = xs
                .iter()
                .enumerate()
                .map(|(i, &x)| {
                    let f = at(x);
                    (f - i as f64 / n as f64).abs().max(((i + 1) as f64 / n as f64 - f).abs())
                })
                .fold(0.0, f64::max);
            assert!(d < 2.63 / (n as f64).sqrt(), "Beta({a}, {b}): KS distance {d}");
            // Mean α/(α+β) within 5 standard errors.
            let mean = xs.iter().sum::<f64>() / n as f64;
            let sd = (a * b / ((a + b) * (a + b) * (a + b + 1.0))).sqrt();
            assert!((mean - a / (a + b)).abs() < 5.0 * sd / (n as f64).sqrt(), "Beta({a}, {b}): mean {mean}");
        }
    }

    #[test]
    fn hats_are_tight() {
        // The derived hats exceed the exact ones by no more than rounding:
        // the squeeze then covers ≥ 97% of the hat area, which bounds both
        // the density evaluations and the rejections.
        for (a, b) in [(1.33, 4.67), (2.05, 3.95), (2.6, 3.4), (2.33, 3.67), (1.0, 2.0)] {
            let t = BetaTable::new(a, b).unwrap();
            let hat: f64 = t.strips.iter().map(|s| s.hat).sum();
            let squeeze: f64 = t.strips.iter().map(|s| s.hat * s.squeeze_ratio).sum();
            assert!(squeeze >= MIN_SQUEEZE_SHARE * hat, "Beta({a}, {b}): squeeze share {}", squeeze / hat);
        }
    }

    #[test]
    fn peaked_shapes_use_more_strips_or_none() {
        assert_eq!(BetaTable::new(1.33, 4.67).unwrap().strips(), 256);
        let peaked = BetaTable::new(400.0, 400.0).unwrap();
        assert!(peaked.strips() > 256);
        assert!(BetaTable::new(1e6, 1e6).is_none());
        assert!(BetaTable::new(1.0, 1.0).is_none());
        assert!(BetaTable::new(0.5, 2.0).is_none());
        assert!(BetaTable::new(f64::NAN, 2.0).is_none());
    }
}
