//! Reading numbers typed by people: `1,250.50`, ` 42 `, Thai digits (๐–๙). One parser for every form, so every field
//! refuses the same bad input with the same message.

use rust_decimal::Decimal;
use std::str::FromStr;

/// What a number field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Whole numbers ≥ 0 (people, activities, items).
    Whole,
    /// Amounts ≥ 0 with up to 2 decimals (baht).
    Amount,
}

/// Parses a typed value. Empty text is `Ok(None)` (the field is cleared). Errors are Thai and start with the field's
/// label, e.g. `จำนวนผู้สำเร็จการศึกษา: ต้องไม่ติดลบ`.
pub fn parse(label: &str, text: &str, kind: Kind) -> Result<Option<Decimal>, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .map(thai_digit_to_ascii)
        .collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let value = Decimal::from_str(&cleaned).map_err(|_| format!("{label}: “{}” ไม่ใช่ตัวเลข", text.trim()))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(format!("{label}: ต้องไม่ติดลบ"));
    }
    match kind {
        Kind::Whole if value.fract() != Decimal::ZERO => Err(format!("{label}: ต้องเป็นจำนวนเต็ม")),
        Kind::Amount if value.normalize().scale() > 2 => Err(format!("{label}: ทศนิยมได้ไม่เกิน 2 ตำแหน่ง")),
        _ => Ok(Some(value.normalize())),
    }
}

fn thai_digit_to_ascii(c: char) -> char {
    match c {
        '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
        _ => c,
    }
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
}
