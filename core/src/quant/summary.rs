//! Summaries of simulated annual losses: moments, extremes, order statistics
//! (percentiles, loss exceedance curve) and exceedance counts.
//!
//! A summary needs about 110 order statistics (ten around the percentiles,
//! 101 for the loss exceedance curve) of up to millions of values. Sorting
//! costs O(n log n) and recursive selection O(n log k) with k ranks; both
//! were the largest cost after the simulation itself. Here the values are
//! counted into a histogram over their order-preserving 64-bit keys (the
//! IEEE-754 bit pattern, adjusted so that integer order is
//! [`f64::total_cmp`] order): each bucket spans a fixed slice of key space,
//! so a value's bucket is a subtraction and a shift, and buckets are narrow in
//! relative terms wherever the values are (keys are logarithmic in the
//! value). The buckets that hold a wanted rank or a probed threshold are then
//! gathered and sorted; they are small, so the whole summary is O(n): two
//! passes over the values plus a pass inside the simulation chunks (see
//! [`Moments`]), each parallel under the `parallel` feature.
//!
//! Values equal to the minimum are counted apart, so the mass at zero of a
//! loss distribution (years without a loss) does not fill a bucket, and the
//! buckets span only the range above it. Results are exact and do not depend
//! on the thread count (counts are integers; gathered buckets are sorted).

use super::sim::CHUNK;

/// The order-preserving key of `x`: `key(a) < key(b)` iff
/// `a.total_cmp(&b)` is `Less`.
#[inline(always)]
fn key(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 { !b } else { b | 1 << 63 }
}

/// The value whose [`key`] is `k`.
#[inline(always)]
fn unkey(k: u64) -> f64 {
    f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k })
}

/// Moments and extremes of a run of values, combinable in order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Moments {
    /// Number of values.
    pub n: u64,
    /// Mean.
    pub mean: f64,
    /// Sum of squared deviations from the mean.
    pub m2: f64,
    /// Smallest value (total order).
    pub min: f64,
    /// The smallest value above `min`, if any.
    pub second: Option<f64>,
    /// Largest value (total order).
    pub max: f64,
}

impl Moments {
    /// The moments of `xs` (two passes: mean, then centred squares, so the
    /// variance keeps its precision; `xs` is a chunk that is still in cache).
    pub(super) fn of(xs: &[f64]) -> Self {
        let Some(&first) = xs.first() else {
            return Moments { n: 0, mean: 0.0, m2: 0.0, min: 0.0, second: None, max: 0.0 };
        };
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let m2 = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>();
        // Branch-free updates (selects, not jumps): ties with the minimum,
        // e.g. years without loss, come in random order.
        let (mut lo, mut second, mut hi) = (key(first), u64::MAX, key(first));
        for &x in xs {
            let k = key(x);
            let candidate = if k == lo { u64::MAX } else { k.max(lo) };
            second = second.min(candidate);
            lo = lo.min(k);
            hi = hi.max(k);
        }
        Moments {
            n: xs.len() as u64,
            mean,
            m2,
            min: unkey(lo),
            second: (second != u64::MAX).then(|| unkey(second)),
            max: unkey(hi),
        }
    }

    /// The moments of the concatenation of the runs `self` then `b` (Chan,
    /// Golub & LeVeque's pairwise update; combine in a fixed order for
    /// bit-identical results).
    pub(super) fn merge(self, b: Moments) -> Moments {
        if self.n == 0 {
            return b;
        }
        if b.n == 0 {
            return self;
        }
        let (na, nb) = (self.n as f64, b.n as f64);
        let tot = na + nb;
        let delta = b.mean - self.mean;
        let mean = self.mean + delta * nb / tot;
        let m2 = self.m2 + b.m2 + delta * delta * na * nb / tot;
        let least = |x: Option<f64>, y: Option<f64>| match (x, y) {
            (Some(x), Some(y)) => Some(if key(y) < key(x) { y } else { x }),
            (x, None) => x,
            (None, y) => y,
        };
        let (min, second) = match key(self.min).cmp(&key(b.min)) {
            std::cmp::Ordering::Equal => (self.min, least(self.second, b.second)),
            std::cmp::Ordering::Less => (self.min, least(self.second, Some(b.min))),
            std::cmp::Ordering::Greater => (b.min, least(b.second, Some(self.min))),
        };
        let max = if key(b.max) > key(self.max) { b.max } else { self.max };
        Moments { n: self.n + b.n, mean, m2, min, second, max }
    }

    /// Sample standard deviation (0 for fewer than two values).
    pub(super) fn std_dev(&self) -> f64 {
        if self.n < 2 { 0.0 } else { (self.m2 / (self.n - 1) as f64).sqrt() }
    }
}

/// Applies `f` to each [`CHUNK`]-sized piece of `xs` (in parallel with the
/// `parallel` feature) and returns the results in chunk order.
pub(crate) fn map_chunks<T: Send>(xs: &[f64], f: impl Fn(&[f64]) -> T + Sync + Send) -> Vec<T> {
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

/// The moments of `xs`, computed chunk by chunk and combined in order.
pub(crate) fn moments(xs: &[f64]) -> Moments {
    map_chunks(xs, Moments::of).into_iter().fold(Moments::of(&[]), Moments::merge)
}

/// Sentinel of [`OrderStats::slot`]: bucket not gathered.
const NONE: u32 = u32::MAX;

/// Order statistics and counts of a set of values, answered from a key
/// histogram and the sorted contents of the buckets asked for up front.
pub(crate) struct OrderStats<'a> {
    xs: &'a [f64],
    m: Moments,
    /// How many values equal the minimum.
    ties: u64,
    /// Key of the smallest value above the minimum (bucket 0 starts there).
    base: u64,
    /// Key of the maximum.
    top: u64,
    shift: u32,
    /// Number of buckets; index `buckets` collects the minimum's ties.
    buckets: usize,
    /// `prefix[b]`: number of values below bucket `b` (minimum ties included).
    prefix: Vec<u64>,
    /// Bucket → index into `gathered`, or [`NONE`] (`buckets + 1` entries).
    slot: Vec<u32>,
    /// Sorted contents of the gathered buckets.
    gathered: Vec<Vec<f64>>,
}

impl<'a> OrderStats<'a> {
    /// Prepares the order statistics of `xs`, whose moments `m` must be
    /// those of `xs` ([`moments`], or merged chunk [`Moments`]; the callers
    /// in this module compute both from the same values). The
    /// ranks in `ranks` and the counts at the values in `probes` are then
    /// answered without another pass over `xs`; any other rank or value is
    /// still answered exactly, by a pass over `xs`.
    pub(super) fn new(xs: &'a [f64], m: Moments, ranks: &[usize], probes: &[f64]) -> Self {
        let mut s = OrderStats {
            xs,
            m,
            ties: m.n,
            base: 0,
            top: 0,
            shift: 0,
            buckets: 0,
            prefix: vec![m.n],
            slot: vec![NONE],
            gathered: Vec::new(),
        };
        let Some(second) = m.second else { return s };
        // A power of two near n/8 buckets (a few values each where the
        // values are dense), at most 2^14 so that a histogram (128 KB) stays
        // in the L2 cache, at least 2^8.
        let want_bits = (usize::BITS - (xs.len() / 8).leading_zeros()).clamp(8, 14);
        s.base = key(second);
        s.top = key(m.max);
        let range_bits = u64::BITS - (s.top - s.base).leading_zeros();
        s.shift = range_bits.saturating_sub(want_bits);
        s.buckets = ((s.top - s.base) >> s.shift) as usize + 1;
        let counts = s.histogram();
        s.ties = counts[s.buckets];
        let mut acc = s.ties;
        s.prefix = Vec::with_capacity(s.buckets + 1);
        for c in &counts[..s.buckets] {
            s.prefix.push(acc);
            acc += c;
        }
        s.prefix.push(acc);
        // The buckets to gather: those of the ranks and the probes.
        s.slot = vec![NONE; s.buckets + 1];
        let mut wanted: Vec<usize> = ranks.iter().filter_map(|&r| s.bucket_of_rank(r)).collect();
        wanted.extend(probes.iter().filter_map(|&x| s.bucket_of_value(x)));
        wanted.sort_unstable();
        wanted.dedup();
        for (i, &b) in wanted.iter().enumerate() {
            s.slot[b] = i as u32;
        }
        let sizes: Vec<usize> = wanted.iter().map(|&b| counts[b] as usize).collect();
        s.gathered = s.gather(&sizes);
        s
    }

    /// The bucket of a value's key: `buckets` for the minimum's ties (the
    /// only keys below `base`). A select, not a branch: ties come in random
    /// order.
    #[inline(always)]
    fn bucket_index(&self, k: u64) -> usize {
        if k < self.base { self.buckets } else { ((k - self.base) >> self.shift) as usize }
    }

    /// The bucket of a key within `[base, top]`, else `None`.
    fn bucket_of_key(&self, k: u64) -> Option<usize> {
        (self.buckets > 0 && k >= self.base && k <= self.top).then(|| self.bucket_index(k))
    }

    fn bucket_of_value(&self, x: f64) -> Option<usize> {
        self.bucket_of_key(key(x + 0.0))
    }

    fn bucket_of_rank(&self, r: usize) -> Option<usize> {
        let r = r as u64;
        if r < self.ties || r >= self.m.n {
            return None;
        }
        Some(self.prefix.partition_point(|&p| p <= r) - 1)
    }

    /// Counts per bucket, the minimum's ties last. (`u64`, so no count can
    /// overflow whatever the number of trials; 128 KB at most.)
    fn histogram(&self) -> Vec<u64> {
        let len = self.buckets + 1;
        let count = |mut h: Vec<u64>, c: &[f64]| {
            for &x in c {
                h[self.bucket_index(key(x))] += 1;
            }
            h
        };
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            self.xs.par_chunks(CHUNK).fold(|| vec![0u64; len], count).reduce(
                || vec![0u64; len],
                |mut a, b| {
                    a.iter_mut().zip(&b).for_each(|(x, y)| *x += y);
                    a
                },
            )
        }
        #[cfg(not(feature = "parallel"))]
        {
            self.xs.chunks(CHUNK).fold(vec![0u64; len], count)
        }
    }

    /// The sorted contents of the wanted buckets (of the given sizes).
    fn gather(&self, sizes: &[usize]) -> Vec<Vec<f64>> {
        let mut out: Vec<Vec<f64>> = sizes.iter().map(|&n| Vec::with_capacity(n)).collect();
        if out.is_empty() {
            return out;
        }
        let share = sizes.iter().sum::<usize>() as f64 / self.xs.len().max(1) as f64;
        let parts = map_chunks(self.xs, |c| {
            let mut v: Vec<(u32, f64)> = Vec::with_capacity((share * c.len() as f64 * 1.25) as usize + 16);
            for &x in c {
                let s = self.slot[self.bucket_index(key(x))];
                if s != NONE {
                    v.push((s, x));
                }
            }
            v
        });
        for (s, x) in parts.into_iter().flatten() {
            out[s as usize].push(x);
        }
        for v in &mut out {
            v.sort_unstable_by(f64::total_cmp);
        }
        out
    }

    /// The sorted contents of bucket `b` (gathered, or collected now).
    fn bucket(&self, b: usize) -> std::borrow::Cow<'_, [f64]> {
        match self.slot.get(b) {
            Some(&s) if s != NONE => std::borrow::Cow::Borrowed(&self.gathered[s as usize]),
            _ => {
                let mut v: Vec<f64> =
                    self.xs.iter().copied().filter(|&x| self.bucket_of_key(key(x)) == Some(b)).collect();
                v.sort_unstable_by(f64::total_cmp);
                std::borrow::Cow::Owned(v)
            }
        }
    }

    /// The value of rank `r` (0-based, as in the sorted values); `r` ≥ n
    /// gives the maximum, no values give 0.
    pub(super) fn value(&self, r: usize) -> f64 {
        if self.m.n == 0 {
            return 0.0;
        }
        if (r as u64) < self.ties {
            return self.m.min;
        }
        match self.bucket_of_rank(r) {
            Some(b) => self.bucket(b).get((r as u64 - self.prefix[b]) as usize).copied().unwrap_or(self.m.max),
            None => self.m.max,
        }
    }

    /// The number of values ≤ `x` (`-0.0` counts as `0.0`).
    pub(super) fn count_le(&self, x: f64) -> u64 {
        let k = key(x + 0.0);
        if self.m.n == 0 || k < key(self.m.min) {
            return 0;
        }
        if self.m.second.is_none() || k > self.top {
            return self.m.n;
        }
        match self.bucket_of_key(k) {
            Some(b) => self.prefix[b] + self.bucket(b).partition_point(|&y| key(y) <= k) as u64,
            // Between the minimum and the next value.
            None => self.ties,
        }
    }

    /// The `q`-quantile by linear interpolation between the order
    /// statistics around rank `(n − 1)·q` (NumPy's default).
    pub(super) fn quantile(&self, q: f64) -> f64 {
        if self.m.n == 0 {
            return 0.0;
        }
        let [lo, hi] = Self::quantile_ranks(self.m.n as usize, q);
        let (a, b) = (self.value(lo), self.value(hi));
        let frac = (self.m.n - 1) as f64 * q - lo as f64;
        if frac == 0.0 || a == b { a } else { a + frac * (b - a) }
    }

    /// The two ranks [`quantile`](Self::quantile) reads for `q` among `n`
    /// values.
    pub(super) fn quantile_ranks(n: usize, q: f64) -> [usize; 2] {
        if n == 0 {
            return [0, 0];
        }
        let lo = ((n - 1) as f64 * q).floor() as usize;
        [lo, (lo + 1).min(n - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check(xs: &[f64]) {
        let m = moments(xs);
        let mut sorted = xs.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = xs.len();
        assert_eq!(m.n as usize, n);
        if n > 0 {
            assert_eq!(m.min.to_bits(), sorted[0].to_bits());
            assert_eq!(m.max.to_bits(), sorted[n - 1].to_bits());
        }
        let ranks: Vec<usize> = (0..n).step_by((n / 37).max(1)).collect();
        let probes = [0.0, 1.0, 1e6];
        let os = OrderStats::new(xs, m, &ranks, &probes);
        // Asked-for ranks and all others agree with sorting.
        for (r, v) in sorted.iter().enumerate() {
            assert_eq!(os.value(r).to_bits(), v.to_bits(), "rank {r} of {n}");
        }
        for x in probes.iter().copied().chain(sorted.iter().copied()).chain([-1.0, f64::INFINITY, 3.5]) {
            let want = sorted.iter().filter(|&&v| v <= x).count() as u64;
            assert_eq!(os.count_le(x), want, "count ≤ {x}");
        }
        for q in [0.0, 0.1, 0.5, 0.9, 0.95, 0.99, 1.0] {
            let [a, b] = OrderStats::quantile_ranks(n, q);
            if n > 0 {
                let h = (n - 1) as f64 * q;
                let (x, y) = (sorted[a], sorted[b]);
                let f = h - a as f64;
                let want = if f == 0.0 || x == y { x } else { x + f * (y - x) };
                assert_eq!(os.quantile(q).to_bits(), want.to_bits());
            }
        }
    }

    #[test]
    fn order_statistics_match_sorting() {
        check(&[]);
        check(&[0.0]);
        check(&[5.0; 10]);
        check(&[0.0, 0.0, 0.0, 2.0, 2.0, 7.5]);
        let mut x = 1u64;
        let mut v: Vec<f64> = (0..20_000)
            .map(|i| {
                x = super::super::rng::mix64(x + i);
                if x % 4 == 0 { 0.0 } else { (x >> 11) as f64 * 1e-10 }
            })
            .collect();
        check(&v);
        v.extend([-3.0, -0.0, f64::INFINITY, 1e300]);
        check(&v);
    }

    #[test]
    fn merge_is_concatenation() {
        let a = [3.0, 1.0, 1.0, 9.0];
        let b = [0.5, 4.0, 0.5];
        let whole: Vec<f64> = a.iter().chain(&b).copied().collect();
        let m = Moments::of(&a).merge(Moments::of(&b));
        let w = Moments::of(&whole);
        assert_eq!((m.n, m.min, m.second, m.max), (w.n, w.min, w.second, w.max));
        assert!((m.mean - w.mean).abs() < 1e-12 && (m.m2 - w.m2).abs() < 1e-9);
    }

    proptest! {
        #[test]
        fn order_statistics_match_sorting_on_random_data(
            xs in proptest::collection::vec(prop_oneof![Just(0.0), 0.0..10.0f64, 1e3..1e7f64, -5.0..5.0f64], 0..3000)
        ) {
            check(&xs);
        }
    }
}
