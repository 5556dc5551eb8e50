//! Random number generation: SplitMix64 (seeding) and Xoshiro256++ (streams).
//!
//! Both are written out here (about 40 lines) instead of pulling in `rand` and
//! `rand_xoshiro`: the core needs only `next_u64` and a uniform `f64`, and the
//! hand-written versions are bit-for-bit the published reference algorithms
//! (Vigna, <https://prng.di.unimi.it/>), which only use integer operations and
//! therefore give identical streams on every platform, wasm32 included.
//!
//! Streams are derived from `(seed, chunk, stream)` so that a simulation split
//! into fixed-size chunks draws the same numbers whatever the thread count.

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

/// Xoshiro256++ generator plus a cached spare normal deviate (the polar method
/// produces normals in pairs).
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
    spare: Option<f64>,
}

impl Rng {
    /// A generator whose 256-bit state is filled from SplitMix64(`seed`).
    pub fn from_seed(seed: u64) -> Self {
        let mut sm = SplitMix64::new(seed);
        let s = [sm.next_u64(), sm.next_u64(), sm.next_u64(), sm.next_u64()];
        // SplitMix64 is a bijection on consecutive states, so four outputs are
        // never all zero; keep the guard anyway (the all-zero state is fixed).
        let s = if s == [0; 4] { [1, 2, 3, 4] } else { s };
        Self { s, spare: None }
    }

    /// The generator for `stream` (e.g. 0 = per-year draws, 1 = per-event
    /// draws) of `chunk` of a simulation seeded with `seed`.
    pub fn stream(seed: u64, chunk: u64, stream: u64) -> Self {
        let key = mix64(seed ^ mix64(chunk.wrapping_mul(0xD1B5_4A32_D192_ED03) ^ mix64(stream.wrapping_add(0x5851_F42D))));
        Self::from_seed(key)
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

    /// Uniform on `[0, 1)` with 53 random bits.
    #[inline(always)]
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform on the open interval `(0, 1)`.
    #[inline(always)]
    pub fn uniform_open(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Standard normal deviate (Marsaglia's polar method; one `ln` and one
    /// `sqrt` per pair of deviates).
    #[inline]
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s < 1.0 && s > 0.0 {
                let m = (-2.0 * libm::log(s) / s).sqrt();
                self.spare = Some(v * m);
                return u * m;
            }
        }
    }
}
