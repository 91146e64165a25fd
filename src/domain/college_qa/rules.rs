//! The scoring rules of the 2559 standards, exactly as fixed in `shared/spec/college-qa-2559.md`: the three item
//! rules (`prefix`, `count`, `gate12`), the `percent80` formula with its two-decimal truncation ("ทศนิยมสองตำแหน่ง
//! ไม่ปัดเศษ"), and the quality levels (ระดับคุณภาพ).
//!
//! All arithmetic is `rust_decimal`; truncation is exact (no rounding at any step).

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Note shown next to a score of 0: the level "ไม่มีผลตามประเด็น" is ours.
pub const ZERO_NOTE: &str = "คะแนน 0 (ไม่มีผลตามประเด็น) เป็นการกำหนดของแอปนี้ ไม่ใช่ส่วนหนึ่งของมาตรฐานการอาชีวศึกษา พ.ศ. 2559 \
(ตารางระดับคุณภาพในประกาศเริ่มที่ 1 คะแนน)";

/// Note shown with the `percent80` bands: the lowest band is "เร่งด่วน" for both 1.2 and 4.2 by our choice.
pub const BAND_NOTE: &str = "ช่วงคะแนน 0.00–1.50 ใช้ระดับ \"ต้องปรับปรุงเร่งด่วน\" ทั้งตัวบ่งชี้ 1.2 และ 4.2 \
เป็นการกำหนดของแอปนี้ ไม่ใช่ส่วนหนึ่งของมาตรฐานการอาชีวศึกษา พ.ศ. 2559 (ตารางของตัวบ่งชี้ 1.2 ในประกาศพิมพ์ว่า \
\"ต้องปรับปรุง\" ส่วนตัวบ่งชี้ 4.2 พิมพ์ว่า \"ต้องปรับปรุง เร่งด่วน\")";

/// How an indicator is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rule {
    /// Score = length of the run of met items starting at item 1 ("ปฏิบัติตามประเด็นการประเมิน ข้อ 1, 2, 3").
    Prefix,
    /// Score = number of met items, any order ("มีผลตามประเด็นการประเมิน N ข้อ").
    Count,
    /// 1.1: items 1 and 2 are prerequisites, items 3–5 add one point each.
    Gate12,
    /// 1.2 and 4.2: percent = numerator / denominator × 100, score = percent / 80 × 5, capped at 5.00.
    Percent80,
}

impl Rule {
    /// The code used in `indicators.tsv` and the spec (`prefix`, `count`, `gate12`, `percent80`).
    pub fn code(self) -> &'static str {
        match self {
            Rule::Prefix => "prefix",
            Rule::Count => "count",
            Rule::Gate12 => "gate12",
            Rule::Percent80 => "percent80",
        }
    }

    /// The rule for a code, if known.
    pub fn from_code(code: &str) -> Option<Rule> {
        [Rule::Prefix, Rule::Count, Rule::Gate12, Rule::Percent80].into_iter().find(|r| r.code() == code)
    }
}

/// Score 0..=5 of an item rule from the set of met items (numbers outside 1..=5 are ignored).
///
/// `Rule::Percent80` has no items: it returns 0 (never panics); use [`percent80`] for those indicators.
pub fn item_score(rule: Rule, met: &BTreeSet<u8>) -> u8 {
    let has = |n: u8| met.contains(&n);
    match rule {
        Rule::Prefix => (1..=5u8).take_while(|&n| has(n)).count() as u8,
        Rule::Count => (1..=5u8).filter(|&n| has(n)).count() as u8,
        Rule::Gate12 => match (has(1), has(2)) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => 2 + (3..=5u8).filter(|&n| has(n)).count() as u8,
        },
        Rule::Percent80 => 0,
    }
}

/// Result of the `percent80` formula; both values truncated to 2 decimals and printed with 2 decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Percent80 {
    /// numerator / denominator × 100, e.g. `66.66`.
    pub percent: Decimal,
    /// percent / 80 × 5 capped at 5.00, e.g. `4.16`.
    pub score: Decimal,
}

/// The `percent80` formula. `None` ("cannot compute") when the denominator is 0, when either number is negative, or
/// when the numbers are too large for exact decimal arithmetic (beyond about 10^24).
pub fn percent80(numerator: Decimal, denominator: Decimal) -> Option<Percent80> {
    if denominator <= Decimal::ZERO || numerator < Decimal::ZERO {
        return None;
    }
    let percent = div_trunc2(numerator.checked_mul(Decimal::ONE_HUNDRED)?, denominator)?;
    let eighty = Decimal::from(80);
    let score =
        if percent >= eighty { scale2(Decimal::from(5)) } else { div_trunc2(percent * Decimal::from(5), eighty)? };
    Some(Percent80 { percent, score })
}

/// Quality level (ระดับคุณภาพ).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    VeryGood,
    Good,
    Fair,
    NeedsImprovement,
    Urgent,
    /// Score 0 of an item rule (ours: the seed's tables start at 1, see [`ZERO_NOTE`]).
    NoResult,
}

impl Level {
    /// The Thai name shown on screen and in the report.
    pub fn thai(self) -> &'static str {
        match self {
            Level::VeryGood => "ดีมาก",
            Level::Good => "ดี",
            Level::Fair => "พอใช้",
            Level::NeedsImprovement => "ต้องปรับปรุง",
            Level::Urgent => "ต้องปรับปรุงเร่งด่วน",
            Level::NoResult => "ไม่มีผลตามประเด็น",
        }
    }
}

/// Level of an item-rule score: 5 ดีมาก … 1 ต้องปรับปรุงเร่งด่วน, 0 ไม่มีผลตามประเด็น (above 5 counts as 5).
pub fn level_for_items(score: u8) -> Level {
    match score {
        0 => Level::NoResult,
        1 => Level::Urgent,
        2 => Level::NeedsImprovement,
        3 => Level::Fair,
        4 => Level::Good,
        _ => Level::VeryGood,
    }
}

/// Lower bounds (in hundredths) of the decimal bands, best first: 4.51, 3.51, 2.51, 1.51; below is Urgent.
const BANDS: [(i64, Level); 4] =
    [(451, Level::VeryGood), (351, Level::Good), (251, Level::Fair), (151, Level::NeedsImprovement)];

/// Level of a decimal score (`percent80`, summaries), on the score truncated to 2 decimals:
/// 4.51–5.00 ดีมาก · 3.51–4.50 ดี · 2.51–3.50 พอใช้ · 1.51–2.50 ต้องปรับปรุง · 0.00–1.50 ต้องปรับปรุงเร่งด่วน.
pub fn level_for_decimal(score: Decimal) -> Level {
    let s = truncate2(score);
    BANDS.iter().find(|(floor, _)| s >= Decimal::new(*floor, 2)).map(|(_, l)| *l).unwrap_or(Level::Urgent)
}

/// The lowest 2-decimal score of the next better band, or `None` at the top band (4.51–5.00).
pub fn next_band_floor(score: Decimal) -> Option<(Decimal, Level)> {
    let s = truncate2(score);
    BANDS.iter().rev().find(|(floor, _)| s < Decimal::new(*floor, 2)).map(|(f, l)| (Decimal::new(*f, 2), *l))
}

/// Truncates toward zero to 2 decimals and sets the scale to 2 (so `5` prints "5.00").
pub fn truncate2(d: Decimal) -> Decimal {
    scale2(d.trunc_with_scale(2))
}

/// `a / b` truncated toward zero to exactly 2 decimals, with no rounding anywhere (the quotient of `Decimal`
/// division is rounded at 28 digits, so it is corrected by exact multiplication). `None` ("cannot compute") when `b`
/// is 0, on overflow, or when the quotient is too large to carry hundredths (beyond about 10^26: adding 0.01 would
/// not change it). Both `a` and `b` must be ≥ 0. Always finishes: the correction takes at most [`DIV_STEPS`] steps
/// (the rounded quotient is off by at most one unit in its last digit, i.e. at most one hundredth after truncation),
/// and a quotient that still needs correcting after them is refused, never looped on.
pub fn div_trunc2(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        return None;
    }
    let hundredth = Decimal::new(1, 2);
    let mut q = a.checked_div(b)?.trunc_with_scale(2);
    let mut steps = 0;
    // q·b must not exceed a, and (q + 0.01)·b must exceed a.
    while q.checked_mul(b)? > a {
        let lower = q.checked_sub(hundredth)?;
        if lower == q || steps == DIV_STEPS {
            return None;
        }
        q = lower;
        steps += 1;
    }
    loop {
        let higher = q.checked_add(hundredth)?;
        if higher == q {
            return None;
        }
        if higher.checked_mul(b)? > a {
            break;
        }
        if steps == DIV_STEPS {
            return None;
        }
        q = higher;
        steps += 1;
    }
    Some(scale2(q))
}

/// Most correction steps [`div_trunc2`] takes.
pub const DIV_STEPS: u32 = 4;

fn scale2(mut d: Decimal) -> Decimal {
    d.rescale(2);
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn set(items: &[u8]) -> BTreeSet<u8> {
        items.iter().copied().collect()
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn prefix_counts_the_run_from_item_1() {
        assert_eq!(item_score(Rule::Prefix, &set(&[1, 2, 4])), 2);
        assert_eq!(item_score(Rule::Prefix, &set(&[2, 3, 4, 5])), 0);
        assert_eq!(item_score(Rule::Prefix, &set(&[1, 2, 3, 4, 5])), 5);
        assert_eq!(item_score(Rule::Prefix, &set(&[])), 0);
    }

    #[test]
    fn count_counts_any_order_and_ignores_numbers_outside_1_to_5() {
        assert_eq!(item_score(Rule::Count, &set(&[5, 1])), 2);
        assert_eq!(item_score(Rule::Count, &set(&[0, 6, 7, 3])), 1);
    }

    #[test]
    fn gate12_examples_from_the_spec_text() {
        assert_eq!(item_score(Rule::Gate12, &set(&[1, 2, 4, 5])), 4);
        assert_eq!(item_score(Rule::Gate12, &set(&[1, 3, 4, 5])), 1);
    }

    #[test]
    fn percent80_has_no_items_and_scores_0_without_panicking() {
        assert_eq!(item_score(Rule::Percent80, &set(&[1, 2, 3, 4, 5])), 0);
    }

    #[test]
    fn percent80_refuses_zero_and_negative() {
        assert_eq!(percent80(d("5"), d("0")), None);
        assert_eq!(percent80(d("-1"), d("10")), None);
        assert_eq!(percent80(d("1"), d("-10")), None);
        assert_eq!(percent80(d("0"), d("10")).unwrap().score.to_string(), "0.00");
    }

    #[test]
    fn percent80_caps_at_5_when_over_80_percent() {
        let p = percent80(d("120"), d("100")).unwrap();
        assert_eq!((p.percent.to_string(), p.score.to_string()), ("120.00".into(), "5.00".into()));
        let p = percent80(d("79.99"), d("100")).unwrap();
        assert_eq!(p.score.to_string(), "4.99");
    }

    #[test]
    fn truncation_is_exact_not_rounded() {
        // 2/3 × 100 = 66.666…: Decimal division rounds the last digit up, truncation must still give 66.66.
        assert_eq!(percent80(d("2"), d("3")).unwrap().percent.to_string(), "66.66");
        // 99.99999… just below a boundary must not become 100.00.
        let p = percent80(d("99999999999999999999"), d("100000000000000000000")).unwrap();
        assert_eq!(p.percent.to_string(), "99.99");
        assert_eq!(truncate2(d("4.169")).to_string(), "4.16");
        assert_eq!(truncate2(d("-1.239")).to_string(), "-1.23");
        assert_eq!(truncate2(d("5")).to_string(), "5.00");
        assert_eq!(div_trunc2(d("1"), d("0")), None);
    }

    /// Point 15 of issue 12: for any decimals, random and extreme, the truncating division finishes (within a time
    /// limit, on another thread, so an endless loop fails the test instead of hanging it) and, when it answers, the
    /// answer is the exact truncation: q·b ≤ a < (q + 0.01)·b.
    #[test]
    fn div_trunc2_always_finishes_and_is_exact_when_it_answers() {
        use crate::domain::prng::{decimals, SplitMix64};
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut rng = SplitMix64::new(12);
            let mut pairs: Vec<(Decimal, Decimal)> = Vec::new();
            for a in decimals::extremes() {
                for b in decimals::extremes() {
                    pairs.push((a, b));
                }
            }
            pairs.extend((0..50_000).map(|_| (decimals::any(&mut rng), decimals::any(&mut rng))));
            let mut answered = 0;
            for (a, b) in pairs {
                let Some(q) = div_trunc2(a, b) else { continue };
                answered += 1;
                assert_eq!(q.scale(), 2, "{a} / {b}");
                assert!(q >= Decimal::ZERO, "{a} / {b} = {q}");
                if let Some(p) = q.checked_mul(b) {
                    assert!(p <= a, "{a} / {b} = {q}: too high");
                }
                if let Some(p) = (q + Decimal::new(1, 2)).checked_mul(b) {
                    assert!(p > a, "{a} / {b} = {q}: too low");
                }
                let _ = percent80(a, b);
            }
            tx.send(answered).unwrap();
        });
        let answered = rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("div_trunc2 did not finish: an endless loop on some input");
        assert!(answered > 10_000, "{answered}");
        // The inputs that looped forever before: a 27-digit count, the largest decimal.
        assert_eq!(div_trunc2(d("1000000000000000000000000000"), d("1")), None);
        assert_eq!(div_trunc2(Decimal::MAX, d("0.5")), None);
        assert_eq!(percent80(d("1000000000000000000000000000"), d("3")), None);
    }

    #[test]
    fn level_names_are_thai() {
        let names: Vec<&str> = (0..=5).rev().map(|s| level_for_items(s).thai()).collect();
        assert_eq!(names, ["ดีมาก", "ดี", "พอใช้", "ต้องปรับปรุง", "ต้องปรับปรุงเร่งด่วน", "ไม่มีผลตามประเด็น"]);
    }

    #[test]
    fn decimal_band_boundaries() {
        let cases = [
            ("0.00", Level::Urgent),
            ("1.50", Level::Urgent),
            ("1.51", Level::NeedsImprovement),
            ("2.50", Level::NeedsImprovement),
            ("2.51", Level::Fair),
            ("3.50", Level::Fair),
            ("3.51", Level::Good),
            ("4.50", Level::Good),
            ("4.509", Level::Good),
            ("4.51", Level::VeryGood),
            ("5.00", Level::VeryGood),
        ];
        for (s, level) in cases {
            assert_eq!(level_for_decimal(d(s)), level, "{s}");
        }
    }

    #[test]
    fn next_band_floors() {
        assert_eq!(next_band_floor(d("0.00")), Some((d("1.51"), Level::NeedsImprovement)));
        assert_eq!(next_band_floor(d("1.50")), Some((d("1.51"), Level::NeedsImprovement)));
        assert_eq!(next_band_floor(d("4.16")), Some((d("4.51"), Level::VeryGood)));
        assert_eq!(next_band_floor(d("3.51")), Some((d("4.51"), Level::VeryGood)));
        assert_eq!(next_band_floor(d("3.50")), Some((d("3.51"), Level::Good)));
        assert_eq!(next_band_floor(d("4.51")), None);
    }

    #[test]
    fn rule_codes_round_trip() {
        for r in [Rule::Prefix, Rule::Count, Rule::Gate12, Rule::Percent80] {
            assert_eq!(Rule::from_code(r.code()), Some(r));
        }
        assert_eq!(Rule::from_code("x"), None);
    }
}
