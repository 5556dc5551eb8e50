//! Random number generation: SplitMix64 (seeding) and Xoshiro256++ (streams).
//!
//! Both are written out here (about 40 lines) instead of pulling in `rand` and
//! `rand_xoshiro`: the core needs only `next_u64` and a uniform `f64`, and the
//! hand-written versions are bit-for-bit the published reference algorithms
//! (Vigna, <https://prng.di.unimi.it/>), which only use integer operations and
//! therefore give identical streams on every platform, wasm32 included.
//!
//! Streams are derived from `(seed, trial-year)`, so a simulation split into
//! chunks draws the same numbers whatever the chunking and thread count.

/// SplitMix64 (Steele, Lea, Flood 2014): used to expand seeds into states.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// Next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.state)
    }
}

/// The SplitMix64 output function (a bijective 64-bit mixer).
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Xoshiro256++ generator.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator whose 256-bit state is filled from SplitMix64(`seed`).
    #[inline]
    pub fn from_seed(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        let s = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        // SplitMix64 is a bijection on consecutive states, so four outputs are
        // never all zero; keep the guard anyway (the all-zero state is fixed).
        let s = if s == [0; 4] { [1, 2, 3, 4] } else { s };
        Self { s }
    }

    /// The two generators of trial-year `trial` of a simulation seeded with
    /// `seed` (one for per-year factors, one for per-event draws): both are
    /// filled from SplitMix64 started at `mix64(mix64(seed) ^ trial)`, i.e.
    /// the first and second four outputs of one SplitMix64 sequence.
    #[inline]
    pub fn trial_streams(seed_key: u64, trial: u64) -> (Self, Self) {
        let mut sm = SplitMix64::new(mix64(seed_key ^ trial));
        let a = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        let b = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        let fix = |s: [u64; 4]| if s == [0; 4] { [1, 2, 3, 4] } else { s };
        (Self { s: fix(a) }, Self { s: fix(b) })
    }

    /// The key [`trial_streams`](Self::trial_streams) expects for `seed`.
    #[inline]
    pub fn seed_key(seed: u64) -> u64 {
        mix64(seed ^ 0x6A09_E667_F3BC_C909)
    }

    /// Next 64 random bits (Xoshiro256++).
    #[inline(always)]
    pub fn next_u64(&mut self) -> u64 {
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

    /// Uniform on `[0, 1)` with 53 random bits. (The `as i64` makes the
    /// exact integer-to-float conversion a single instruction on x86-64.)
    #[inline(always)]
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as i64) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform on the open interval `(0, 1)`.
    #[inline(always)]
    pub fn uniform_open(&mut self) -> f64 {
        (((self.next_u64() >> 11) as i64) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Standard normal deviate: 256-layer ziggurat (Marsaglia & Tsang 2000),
    /// one 64-bit draw in about 99% of calls; `exp`/`ln` only in the rare
    /// wedge and tail cases.
    #[inline(always)]
    pub fn normal(&mut self) -> f64 {
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
