//! Realistic synthetic answer sheets from a fixed seed, for the benchmark and the property tests (never shown as
//! real results). Candidates have an ability θ, items a difficulty b, a discrimination a and guessing; a candidate
//! answers correctly with the three-parameter logistic probability, otherwise picks a distractor by its (uneven)
//! attractiveness, or omits, more often when weak. Some distractors are made nearly dead, so the advice has work.
//!
//! Only +, −, ×, ÷ and comparisons of `f64` are used (the exponential is computed here), so the same seed gives the
//! same sheets natively and in WebAssembly.

use super::csv::option_letter;
use crate::domain::prng::SplitMix64;
use super::matrix::{ResponseMatrix, OMITTED};

/// The shared SplitMix64 ([`crate::domain::prng`]) with the draws synthetic sheets need.
#[derive(Clone, Debug)]
pub struct Rng(SplitMix64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(SplitMix64::new(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Roughly standard normal (Irwin–Hall: the sum of 12 uniforms minus 6).
    pub fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }
}

/// e^x with only basic arithmetic (identical on every platform): x = k·ln 2 + r, a Taylor series for e^r.
fn exp(x: f64) -> f64 {
    let x = x.clamp(-700.0, 700.0);
    let k = (x * std::f64::consts::LOG2_E).round();
    let r = x - k * std::f64::consts::LN_2;
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 1..=18 {
        term = term * r / f64::from(n);
        sum += term;
    }
    let mut scale = 1.0;
    let half = if k < 0.0 { 0.5 } else { 2.0 };
    for _ in 0..(k.abs() as u32) {
        scale *= half;
    }
    sum * scale
}

/// A synthetic sitting: the answers and the key.
#[derive(Clone, Debug)]
pub struct Sitting {
    pub matrix: ResponseMatrix,
    pub key: Vec<u8>,
    /// Row-major codes (`OMITTED` for an omitted answer), the same answers as `matrix`.
    pub codes: Vec<u8>,
}

impl Sitting {
    /// The responses CSV (`candidate,1,…,n`, Thai letters, empty = omitted).
    pub fn responses_csv(&self) -> String {
        let k = self.matrix.items();
        let mut out = String::with_capacity(self.codes.len() * 4 + 16);
        out.push_str("candidate");
        for i in 1..=k {
            out.push_str(&format!(",{i}"));
        }
        out.push('\n');
        for (c, row) in self.codes.chunks_exact(k).enumerate() {
            out.push_str(&format!("C{:05}", c + 1));
            for &code in row {
                out.push(',');
                if code != OMITTED {
                    out.push_str(option_letter(code));
                }
            }
            out.push('\n');
        }
        out
    }

    /// The key CSV (`item,key`).
    pub fn key_csv(&self) -> String {
        let mut out = String::from("item,key\n");
        for (i, &k) in self.key.iter().enumerate() {
            out.push_str(&format!("{},{}\n", i + 1, option_letter(k)));
        }
        out
    }
}

/// `candidates` × `items` answers with `options` options, from `seed`.
pub fn sitting(candidates: usize, items: usize, options: usize, seed: u64) -> Sitting {
    let mut rng = Rng::new(seed);
    let ability: Vec<f64> = (0..candidates).map(|_| rng.normal()).collect();
    struct Item {
        a: f64,
        b: f64,
        guess: f64,
        key: u8,
        /// Cumulative attractiveness of the distractors, in option order (the key has weight 0).
        cumulative: Vec<f64>,
    }
    let specs: Vec<Item> = (0..items)
        .map(|_| {
            let key = rng.below(options) as u8;
            let mut weights: Vec<f64> =
                (0..options).map(|o| if o == usize::from(key) { 0.0 } else { 0.05 + rng.unit() }).collect();
            if rng.unit() < 0.15 {
                // A nearly dead distractor.
                let o = (usize::from(key) + 1 + rng.below(options - 1)) % options;
                weights[o] = 0.002;
            }
            let mut acc = 0.0;
            let cumulative = weights
                .iter()
                .map(|w| {
                    acc += w;
                    acc
                })
                .collect();
            Item { a: 0.3 + 1.7 * rng.unit(), b: 1.1 * rng.normal(), guess: 0.6 / options as f64, key, cumulative }
        })
        .collect();
    let mut codes = Vec::with_capacity(candidates * items);
    for &theta in &ability {
        for it in &specs {
            let p = it.guess + (1.0 - it.guess) / (1.0 + exp(-1.7 * it.a * (theta - it.b)));
            let omit = 0.004 + 0.02 / (1.0 + exp(2.0 * theta));
            let u = rng.unit();
            let code = if u < omit {
                OMITTED
            } else if rng.unit() < p {
                it.key
            } else {
                let total = *it.cumulative.last().expect("options ≥ 2");
                let pick = rng.unit() * total;
                it.cumulative.iter().position(|&c| pick < c).unwrap_or(options - 1) as u8
            };
            codes.push(code);
        }
    }
    let key = specs.iter().map(|s| s.key).collect();
    let matrix = ResponseMatrix::from_codes(items, options, &codes).expect("codes below options");
    Sitting { matrix, key, codes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_matches_std_closely() {
        for x in [-30.0, -5.5, -1.0, -0.1, 0.0, 0.3, 1.0, 2.5, 10.0, 40.0] {
            let (mine, std) = (exp(x), f64::exp(x));
            assert!(((mine - std) / std).abs() < 1e-13, "{x}: {mine} vs {std}");
        }
    }

    #[test]
    fn same_seed_same_sitting_and_plausible_shape() {
        let a = sitting(300, 20, 4, 7);
        let b = sitting(300, 20, 4, 7);
        assert_eq!(a.codes, b.codes);
        assert_eq!(a.key, b.key);
        assert_ne!(sitting(300, 20, 4, 8).codes, a.codes);
        let correct = a.codes.chunks_exact(20).flat_map(|r| r.iter().zip(&a.key).map(|(c, k)| c == k)).filter(|&x| x);
        let rate = correct.count() as f64 / 6000.0;
        assert!((0.35..0.8).contains(&rate), "{rate}");
        let omitted = a.codes.iter().filter(|&&c| c == OMITTED).count();
        assert!(omitted > 0 && omitted < 300, "{omitted}");
        assert!(a.codes.iter().all(|&c| c == OMITTED || c < 4));
    }

    #[test]
    fn csv_round_trip() {
        let s = sitting(50, 7, 5, 3);
        let d = super::super::csv::parse_dataset(&s.responses_csv(), &s.key_csv(), Some(5)).unwrap();
        assert_eq!(d.matrix, s.matrix);
        assert_eq!(d.key, s.key);
        assert_eq!(d.candidates[0], "C00001");
    }

    #[test]
    fn rng_below_is_in_range_and_spread() {
        let mut r = Rng::new(1);
        let mut seen = [0; 5];
        for _ in 0..5000 {
            seen[r.below(5)] += 1;
        }
        assert!(seen.iter().all(|&s| s > 850), "{seen:?}");
    }
}
