//! Thai text shared by the calculators and the assessment: number formatting (thousands separators, a fixed number
//! of decimals where the rule asks for it; never rounding) and the wording of the warnings about typed numbers, so
//! the same problem reads the same everywhere.

use rust_decimal::Decimal;

/// A count or amount as typed, without trailing zeros, grouped by thousands: `4500` → "4,500", `1234.50` → "1,234.5".
pub fn number(d: Decimal) -> String {
    group(&d.normalize().to_string())
}

/// A value with exactly two decimals, grouped by thousands: `1234.5` → "1,234.50". Values with more than two
/// decimals are shown in full (never rounded).
pub fn two_decimals(d: Decimal) -> String {
    let mut v = d.normalize();
    if v.scale() <= 2 {
        v.rescale(2);
    }
    group(&v.to_string())
}

/// Warning for a negative number typed into `label`.
pub fn negative_warning(label: &str, value: Decimal) -> String {
    format!("{label}: ต้องไม่ติดลบ (กรอก {})", number(value))
}

/// Warning for a fraction typed into a whole-number field.
pub fn not_whole_warning(label: &str, value: Decimal) -> String {
    format!("{label}: ต้องเป็นจำนวนเต็ม (กรอก {})", number(value))
}

/// Warning for a part larger than its total (accepted, but flagged for review). Values are already formatted.
pub fn exceeds_warning(part_label: &str, part: &str, total_label: &str, total: &str) -> String {
    format!("ตัวเลขเกินจำนวนทั้งหมด — โปรดตรวจสอบ: {part_label} ({part}) มากกว่า{total_label} ({total})")
}

/// Working shown when a total is 0.
pub fn zero_total(label: &str) -> String {
    format!("{label}เป็น 0 — คำนวณไม่ได้")
}

/// Inserts a comma every three digits of the integer part of a plain decimal string.
fn group(plain: &str) -> String {
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers_are_grouped_and_not_rounded() {
        assert_eq!(number(d("4500")), "4,500");
        assert_eq!(number(d("200")), "200");
        assert_eq!(number(d("200.0")), "200");
        assert_eq!(number(d("1234567.50")), "1,234,567.5");
        assert_eq!(number(d("-1000")), "-1,000");
        assert_eq!(two_decimals(d("1234.5")), "1,234.50");
        assert_eq!(two_decimals(d("0.005")), "0.005");
        assert_eq!(two_decimals(d("100")), "100.00");
    }
}
