//! SplitMix64 (Steele, Lea, Flood 2014): the one small pseudo-random generator of the domain, identical on every
//! platform (native and WebAssembly) and needing no crate. Used for reproducible test assembly (Section 26) and for
//! synthetic answer sheets (item-analysis benchmark and property tests).

/// The whole generator: a 64-bit counter mixed into each output.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0) by rejection, so no index is favoured.
    pub fn below(&mut self, n: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

/// Random and extreme decimals for property tests (the arithmetic must finish and never panic on any of them).
#[cfg(test)]
pub mod decimals {
    use super::SplitMix64;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    /// Values at the edges: the largest decimal, 10^27, one below a power of ten, the smallest step, 0, 1, 0.01.
    pub fn extremes() -> Vec<Decimal> {
        [
            "79228162514264337593543950335",
            "1000000000000000000000000000",
            "99999999999999999999999999",
            "7922816251426433759354395033.5",
            "0.0000000000000000000000000001",
            "0.01",
            "0.005",
            "0",
            "1",
            "3",
            "80",
            "100",
            "10000000",
            "1000000000000",
        ]
        .iter()
        .map(|s| Decimal::from_str(s).unwrap())
        .collect()
    }

    /// A decimal ≥ 0: one time in four an extreme, else a random mantissa of 0–96 bits at a random scale 0–28.
    pub fn any(rng: &mut SplitMix64) -> Decimal {
        if rng.below(4) == 0 {
            let e = extremes();
            return e[rng.below(e.len() as u64) as usize];
        }
        let bits = rng.below(97) as u32;
        let raw = (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64());
        let mantissa = if bits == 0 { 0 } else { raw >> (128 - bits) };
        let scale = rng.below(29) as u32;
        Decimal::try_from_i128_with_scale(mantissa as i128, scale).unwrap_or(Decimal::MAX)
    }
}

