//! Reading numbers typed by people: `1,250.50`, ` 42 `, Thai digits (๐–๙). One parser for every form, so every field
//! refuses the same bad input with the same message.
//!
//! Every number has bounds: [`BOUNDS`] is the table (kind of field → least, greatest, decimals), and both typed text
//! ([`parse`]) and numbers read from files or stored records ([`check`]) go through it. A value outside is refused
//! naming the field: "มากเกินไป (ไม่เกิน …)" or "ต้องไม่ติดลบ", never "not a number", never clipped. The greatest
//! values are far beyond any real college or test centre, and small enough that the arithmetic done on them (sums of
//! a few thousand values, products of two of them and a percent) stays far inside `rust_decimal`'s 28 digits, so no
//! input can overflow it.

use rust_decimal::Decimal;
use std::str::FromStr;

/// What a number field accepts; its bounds are in [`BOUNDS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Whole numbers ≥ 0: people, activities, items, an objective's number.
    Whole,
    /// Amounts ≥ 0 with up to 2 decimals (baht).
    Amount,
    /// A percent 0–100 with up to 2 decimals (weights, thresholds, a pass mark).
    Percent,
    /// Full marks of a practical item (Section 26), ≥ 0.
    FullMark,
    /// A measured or nominal value of a measurement item; may be negative (a temperature).
    Measurement,
    /// A measurement's tolerance, ≥ 0.
    Tolerance,
    /// Months of experience.
    Months,
    /// Questions in a test.
    TestSize,
    /// The seed of a test's assembly.
    Seed,
}

/// One row of [`BOUNDS`]: the least and greatest value (whole numbers) and the decimals allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub min: i64,
    pub max: i64,
    pub decimals: u32,
}

const fn b(min: i64, max: i64, decimals: u32) -> Bounds {
    Bounds { min, max, decimals }
}

/// The rules, as data. Counts up to ten million people, budgets up to a million million baht, marks up to 10,000,
/// measurements within ±1,000,000,000 with 6 decimals, a seed that JavaScript numbers hold exactly.
pub const BOUNDS: [(Kind, Bounds); 9] = [
    (Kind::Whole, b(0, 10_000_000, 0)),
    (Kind::Amount, b(0, 1_000_000_000_000, 2)),
    (Kind::Percent, b(0, 100, 2)),
    (Kind::FullMark, b(0, 10_000, 3)),
    (Kind::Measurement, b(-1_000_000_000, 1_000_000_000, 6)),
    (Kind::Tolerance, b(0, 1_000_000_000, 6)),
    (Kind::Months, b(0, 1_200, 0)),
    (Kind::TestSize, b(0, 10_000, 0)),
    (Kind::Seed, b(0, 9_007_199_254_740_991, 0)),
];

impl Kind {
    /// This kind's row of [`BOUNDS`].
    pub fn bounds(self) -> Bounds {
        BOUNDS.iter().find(|(k, _)| *k == self).map(|(_, b)| *b).unwrap_or(b(0, 0, 0))
    }
}

/// Parses a typed value. Empty text is `Ok(None)` (the field is cleared). Errors are Thai and start with the field's
/// label, e.g. `จำนวนผู้สำเร็จการศึกษา: ต้องไม่ติดลบ`.
pub fn parse(label: &str, text: &str, kind: Kind) -> Result<Option<Decimal>, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .map(super::normalise::ascii_digit)
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let value = match Decimal::from_str(&cleaned) {
        Ok(v) => v,
        // Digits only, but more than a decimal holds: too large (or too far below zero), not "not a number".
        Err(_) if looks_numeric(&cleaned) => {
            return Err(if cleaned.starts_with('-') && kind.bounds().min >= 0 {
                format!("{label}: ต้องไม่ติดลบ")
            } else if cleaned.starts_with('-') {
                format!("{label}: น้อยเกินไป (ไม่ต่ำกว่า {})", grouped(kind.bounds().min))
            } else {
                too_large(label, kind)
            })
        }
        Err(_) => return Err(format!("{label}: “{}” ไม่ใช่ตัวเลข", text.trim())),
    };
    check(label, value, kind).map(Some)
}

/// Checks a number read from a file or a stored record against its field's bounds; the same messages as [`parse`].
/// Returns the value normalised (`10.00` → `10`).
pub fn check(label: &str, value: Decimal, kind: Kind) -> Result<Decimal, String> {
    let bounds = kind.bounds();
    if value.is_sign_negative() && !value.is_zero() && bounds.min >= 0 {
        return Err(format!("{label}: ต้องไม่ติดลบ"));
    }
    if value > Decimal::from(bounds.max) {
        return Err(too_large(label, kind));
    }
    if value < Decimal::from(bounds.min) {
        return Err(format!("{label}: น้อยเกินไป (ไม่ต่ำกว่า {})", grouped(bounds.min)));
    }
    let value = value.normalize();
    if bounds.decimals == 0 && value.fract() != Decimal::ZERO {
        return Err(format!("{label}: ต้องเป็นจำนวนเต็ม"));
    }
    if value.scale() > bounds.decimals {
        return Err(format!("{label}: ทศนิยมได้ไม่เกิน {} ตำแหน่ง", bounds.decimals));
    }
    Ok(value)
}

/// True when `value` passes [`check`].
pub fn in_bounds(value: Decimal, kind: Kind) -> bool {
    check("", value, kind).is_ok()
}

/// For code that computes on stored values: `Err` naming the field ("มากเกินไป", "ต้องไม่ติดลบ") when the value
/// lies outside its field's least/greatest value (a record written before the bounds existed, or by hand); the
/// number of decimals is not checked (rounding rules handle those).
pub fn in_range(label: &str, value: Decimal, kind: Kind) -> Result<(), String> {
    let bounds = kind.bounds();
    if value > Decimal::from(bounds.max) || value < Decimal::from(bounds.min) {
        check(label, value, kind).map(|_| ())
    } else {
        Ok(())
    }
}

fn too_large(label: &str, kind: Kind) -> String {
    format!("{label}: มากเกินไป (ไม่เกิน {})", grouped(kind.bounds().max))
}

/// `-?digits(.digits)?(e-?digits)?`: text that is a number in form, whatever its size.
pub fn looks_numeric(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let s = match s.split_once(['e', 'E']) {
        Some((m, e)) => {
            let e = e.strip_prefix(['-', '+']).unwrap_or(e);
            if e.is_empty() || !e.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            m
        }
        None => s,
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    !int.is_empty() && int.chars().all(|c| c.is_ascii_digit()) && frac.chars().all(|c| c.is_ascii_digit())
}

/// `10000000` → "10,000,000".
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn accepts_plain_grouped_and_thai_digits() {
        assert_eq!(parse("x", " 42 ", Kind::Whole), Ok(Some(d("42"))));
        assert_eq!(parse("x", "1,250", Kind::Whole), Ok(Some(d("1250"))));
        assert_eq!(parse("x", "๒๔๐", Kind::Whole), Ok(Some(d("240"))));
        assert_eq!(parse("x", "1,250.50", Kind::Amount), Ok(Some(d("1250.5"))));
        assert_eq!(parse("x", "10.00", Kind::Whole), Ok(Some(d("10"))));
        assert_eq!(parse("x", "", Kind::Whole), Ok(None));
        assert_eq!(parse("x", "   ", Kind::Amount), Ok(None));
    }

    #[test]
    fn refuses_negative_fractional_and_garbage_naming_the_field() {
        assert_eq!(parse("จำนวนครู", "-3", Kind::Whole), Err("จำนวนครู: ต้องไม่ติดลบ".to_string()));
        assert_eq!(parse("จำนวนครู", "2.5", Kind::Whole), Err("จำนวนครู: ต้องเป็นจำนวนเต็ม".to_string()));
        assert_eq!(parse("งบ", "1.005", Kind::Amount), Err("งบ: ทศนิยมได้ไม่เกิน 2 ตำแหน่ง".to_string()));
        assert_eq!(parse("งบ", "abc", Kind::Amount), Err("งบ: “abc” ไม่ใช่ตัวเลข".to_string()));
        assert_eq!(parse("งบ", "-0", Kind::Amount), Ok(Some(d("0"))));
    }

    #[test]
    fn every_kind_has_one_row_of_bounds() {
        let kinds = [
            Kind::Whole, Kind::Amount, Kind::Percent, Kind::FullMark, Kind::Measurement, Kind::Tolerance,
            Kind::Months, Kind::TestSize, Kind::Seed,
        ];
        assert_eq!(kinds.len(), BOUNDS.len());
        for k in kinds {
            assert_eq!(BOUNDS.iter().filter(|(r, _)| *r == k).count(), 1, "{k:?}");
            let b = k.bounds();
            assert!(b.min <= b.max && b.decimals <= 6, "{k:?}");
        }
    }

    #[test]
    fn huge_numbers_are_too_large_naming_the_field_not_garbage() {
        for text in ["1000000000000000000000000000", "79228162514264337593543950335", "792281625142643375935439503350"] {
            for kind in [Kind::Whole, Kind::Amount, Kind::FullMark, Kind::Percent, Kind::Seed, Kind::Measurement] {
                let e = parse("คะแนนเต็ม", text, kind).unwrap_err();
                assert!(e.starts_with("คะแนนเต็ม: มากเกินไป (ไม่เกิน "), "{text} {kind:?}: {e}");
            }
        }
        assert_eq!(parse("จำนวนครู", "10,000,001", Kind::Whole), Err("จำนวนครู: มากเกินไป (ไม่เกิน 10,000,000)".into()));
        assert_eq!(parse("จำนวนครู", "10,000,000", Kind::Whole), Ok(Some(d("10000000"))));
        assert_eq!(parse("เกณฑ์ (%)", "100.01", Kind::Percent), Err("เกณฑ์ (%): มากเกินไป (ไม่เกิน 100)".into()));
        assert_eq!(parse("x", "-792281625142643375935439503350", Kind::Whole), Err("x: ต้องไม่ติดลบ".into()));
        assert_eq!(
            parse("ค่าที่วัด", "-1000000000000000000000000000", Kind::Measurement),
            Err("ค่าที่วัด: น้อยเกินไป (ไม่ต่ำกว่า -1,000,000,000)".into())
        );
        assert_eq!(parse("ค่าที่วัด", "-12.5", Kind::Measurement), Ok(Some(d("-12.5"))));
        assert_eq!(parse("ความคลาดเคลื่อน", "-0.1", Kind::Tolerance), Err("ความคลาดเคลื่อน: ต้องไม่ติดลบ".into()));
        assert_eq!(parse("x", "1e40", Kind::Whole), Err("x: มากเกินไป (ไม่เกิน 10,000,000)".into()));
        assert_eq!(parse("x", "12abc", Kind::Whole), Err("x: “12abc” ไม่ใช่ตัวเลข".into()));
    }

    #[test]
    fn imported_numbers_are_checked_the_same_way() {
        assert_eq!(check("full", Decimal::MAX, Kind::FullMark), Err("full: มากเกินไป (ไม่เกิน 10,000)".into()));
        assert_eq!(check("full", d("-1"), Kind::FullMark), Err("full: ต้องไม่ติดลบ".into()));
        assert_eq!(check("full", d("2.50"), Kind::FullMark), Ok(d("2.5")));
        assert!(!in_bounds(d("1000000000000000000000000000"), Kind::Whole));
        assert!(in_bounds(d("240"), Kind::Whole));
    }
}

