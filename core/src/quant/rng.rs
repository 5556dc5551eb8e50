//! Random number generation: SplitMix64 (the per-trial-year streams of a
//! simulation, and seeding) and Xoshiro256++ (long single streams), with the
//! deviates built on them ([`Random`]: uniforms, ziggurat normals and
//! exponentials).
//!
//! Both generators are written out here (about 40 lines) instead of pulling in
//! `rand` and `rand_xoshiro`: the core needs only `next_u64` and the deviates
//! above, and the hand-written versions are bit-for-bit the published
//! reference algorithms (Vigna, <https://prng.di.unimi.it/>; Steele, Lea &
//! Flood, OOPSLA 2014), which only use integer operations and therefore give
//! identical streams on every platform, wasm32 included.
//!
//! Simulation streams are derived from `(seed, trial-year)`
//! ([`trial_streams`]), so a simulation split into chunks draws the same
//! numbers whatever the chunking and thread count.

/// SplitMix64 (Steele, Lea, Flood 2014): expands seeds into Xoshiro states,
/// and is the generator of the per-trial-year streams ([`trial_streams`]).
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// Next 64 random bits.
    #[inline(always)]
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        mix64(self.state)
    }
}

/// The SplitMix64 output function (a bijective 64-bit mixer).
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Xoshiro256++ generator.
#[derive(Debug, Clone)]
pub(crate) struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator whose 256-bit state is filled from SplitMix64(`seed`).
    #[inline]
    pub(crate) fn from_seed(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        let s = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        // SplitMix64 is a bijection on consecutive states, so four outputs are
        // never all zero; keep the guard anyway (the all-zero state is fixed).
        let s = if s == [0; 4] { [1, 2, 3, 4] } else { s };
        Self { s }
    }

    /// Next 64 random bits (Xoshiro256++).
    #[inline(always)]
    pub(crate) fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }
}

/// A source of random 64-bit words, and the deviates built from them. Both
/// generators of this module implement it; the samplers take any of them.
pub(crate) trait Random {
    /// Next 64 random bits.
    fn next_u64(&mut self) -> u64;

    /// Uniform on `[0, 1)` with 53 random bits. (The `as i64` makes the
    /// exact integer-to-float conversion a single instruction on x86-64.)
    #[inline(always)]
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as i64) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform on the open interval `(0, 1)`.
    #[inline(always)]
    fn uniform_open(&mut self) -> f64 {
        (((self.next_u64() >> 11) as i64) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Standard exponential deviate (rate 1): 256-layer ziggurat (Marsaglia
    /// & Tsang 2000), one 64-bit draw in about 99% of calls; `exp`/`ln` only
    /// in the rare wedge and tail cases.
    #[inline(always)]
    fn exponential(&mut self) -> f64 {
        use super::ziggurat::{ZIG_EXP_F as F, ZIG_EXP_R as R, ZIG_EXP_X as X};
        loop {
            let bits = self.next_u64();
            let i = (bits & 0xff) as usize;
            // Uniform on [0, 1) from the top 53 bits (the layer uses the low 8).
            let x = ((bits >> 11) as i64) as f64 * (1.0 / 9_007_199_254_740_992.0) * X[i];
            if x < X[i + 1] {
                return x;
            }
            if i == 0 {
                // The tail beyond R is R plus an exponential (memorylessness).
                return R - libm::log(self.uniform_open());
            }
            if F[i] + (F[i + 1] - F[i]) * self.uniform() < libm::exp(-x) {
                return x;
            }
        }
    }

    /// Standard normal deviate: 256-layer ziggurat (Marsaglia & Tsang 2000),
    /// one 64-bit draw in about 99% of calls; `exp`/`ln` only in the rare
    /// wedge and tail cases.
    #[inline(always)]
    fn normal(&mut self) -> f64 {
        use super::ziggurat::{ZIG_NORM_F as F, ZIG_NORM_R as R, ZIG_NORM_X as X};
        loop {
            let bits = self.next_u64();
            let i = (bits & 0xff) as usize;
            // Uniform on [-1, 1) from the top 52 bits (exact arithmetic).
            let u = ((bits >> 12) as i64) as f64 * (1.0 / 2_251_799_813_685_248.0) - 1.0;
            let x = u * X[i];
            if x.abs() < X[i + 1] {
                return x;
            }
            if i == 0 {
                // Tail beyond R (Marsaglia 1964).
                loop {
                    let xt = libm::log(self.uniform_open()) / R;
                    let yt = libm::log(self.uniform_open());
                    if -2.0 * yt >= xt * xt {
                        return if u < 0.0 { xt - R } else { R - xt };
                    }
                }
            }
            if F[i + 1] + (F[i] - F[i + 1]) * self.uniform() < libm::exp(-0.5 * x * x) {
                return x;
            }
        }
    }
}

impl Random for Rng {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        Rng::next_u64(self)
    }
}

impl Random for SplitMix64 {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        SplitMix64::next_u64(self)
    }
}

/// The key [`trial_streams`] expects for `seed`.
#[inline]
pub(crate) fn seed_key(seed: u64) -> u64 {
    mix64(seed ^ 0x6A09_E667_F3BC_C909)
}

/// SplitMix64's increment (the golden ratio, 2^64/φ, odd).
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// The two streams of trial-year `trial` of a simulation whose seed has the
/// key `seed_key` ([`seed_key`]): one for per-year factors, one for
/// per-event draws.
///
/// Both are SplitMix64 sequences: the per-year stream starts at state
/// `mix64(seed_key ^ trial)`, the per-event stream 2^40 steps further along
/// the same Weyl sequence, so the two never overlap within a year (a year
/// would need 2^40 draws). Streams of different years start at independent
/// pseudo-random points of the 2^64-step sequence; two of them share a draw
/// only if their starts fall within a few hundred steps of each other, about
/// once in 10^11 runs of a million years. Seeding costs one mixing step per
/// year instead of the eight a pair of Xoshiro256++ states needs, and a
/// SplitMix64 state fits in one register (SplitMix64 passes BigCrush; it is
/// the generator of Java's `SplittableRandom`).
#[inline(always)]
pub(crate) fn trial_streams(seed_key: u64, trial: u64) -> (SplitMix64, SplitMix64) {
    let start = mix64(seed_key ^ trial);
    (SplitMix64::new(start), SplitMix64::new(start.wrapping_add(GOLDEN_GAMMA.wrapping_mul(1 << 40))))
}
