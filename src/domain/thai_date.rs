//! Thai calendar helpers: Buddhist-era (พ.ศ.) years, Thai month names, and the Thai academic year.
//! Pure functions of (year, month, day) so both the browser and the command line use the same wording.

/// Years between the Common Era and the Buddhist Era as used in Thailand.
pub const BE_OFFSET: i32 = 543;

const MONTHS: [&str; 12] = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
];

/// `21 พฤศจิกายน 2569` for 2026-11-21. Month is 1–12; out-of-range months give `None`.
pub fn long_date(year_ce: i32, month: u32, day: u32) -> Option<String> {
    let name = MONTHS.get(month.checked_sub(1)? as usize)?;
    Some(format!("{day} {name} {}", year_ce + BE_OFFSET))
}

/// The date part of an ISO 8601 timestamp (`2026-11-21T10:00:00.000Z`) as `21 พฤศจิกายน 2569`.
pub fn long_date_from_iso(iso: &str) -> Option<String> {
    let (y, m, d) = parse_iso_date(iso)?;
    long_date(y, m, d)
}

/// `(year, month, day)` from the first ten characters of an ISO 8601 date or timestamp.
pub fn parse_iso_date(iso: &str) -> Option<(i32, u32, u32)> {
    let date = iso.get(..10)?;
    let mut parts = date.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// The Thai academic year (ปีการศึกษา, พ.ศ.) a date falls in: it starts in May, so January–April belong to the year
/// before.
pub fn academic_year_be(year_ce: i32, month: u32) -> i32 {
    if month >= 5 { year_ce + BE_OFFSET } else { year_ce + BE_OFFSET - 1 }
}

/// A typed academic year (พ.ศ., 2500–2700). The error is a Thai sentence naming the field.
pub fn parse_academic_year(text: &str) -> Result<u16, String> {
    match text.trim().parse::<u16>() {
        Ok(y) if (2500..=2700).contains(&y) => Ok(y),
        _ => Err(format!("ปีการศึกษา: “{}” ต้องเป็นปี พ.ศ. เช่น 2569", text.trim())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn academic_years_are_buddhist_era_years() {
        assert_eq!(parse_academic_year(" 2569 "), Ok(2569));
        assert!(parse_academic_year("2026").unwrap_err().contains("พ.ศ."));
        assert!(parse_academic_year("").is_err());
        assert!(parse_academic_year("abc").unwrap_err().contains("“abc”"));
    }

    #[test]
    fn long_dates_use_the_buddhist_era() {
        assert_eq!(long_date(2026, 11, 21).as_deref(), Some("21 พฤศจิกายน 2569"));
        assert_eq!(long_date(2016, 9, 16).as_deref(), Some("16 กันยายน 2559"));
        assert_eq!(long_date(2026, 13, 1), None);
        assert_eq!(long_date(2026, 0, 1), None);
    }

    #[test]
    fn iso_timestamps() {
        assert_eq!(long_date_from_iso("2027-01-05T23:59:00.000Z").as_deref(), Some("5 มกราคม 2570"));
        assert_eq!(parse_iso_date("2026-02-30"), Some((2026, 2, 30)));
        assert_eq!(parse_iso_date("2026-1-5"), None);
        assert_eq!(parse_iso_date("garbage"), None);
    }

    #[test]
    fn academic_year_starts_in_may() {
        assert_eq!(academic_year_be(2026, 5), 2569);
        assert_eq!(academic_year_be(2026, 11), 2569);
        assert_eq!(academic_year_be(2027, 4), 2569);
        assert_eq!(academic_year_be(2027, 5), 2570);
    }
}
