//! Application numbers for form รมฐ.1 (เลขที่รับคำขอให้รับรองมาตรฐานฝีมือแรงงานตามมาตรา 26): `PP-NNN-YYYY`.
//! PP is the province code of the receiving office (`province-codes.tsv`, 77 provinces), NNN the running number
//! within the Thai fiscal year (restarting at 001), YYYY the fiscal year in the Buddhist era. The fiscal year runs
//! 1 October–30 September and is named after the year it ends in.
//!
//! The running number itself lives in the store (one counter per office and fiscal year, [`counter_name`]); the pure
//! function here takes the last number used.
//!
//! # One number, one application, on every device
//!
//! - The number issued is after both the counter and every number the office's `s26_application` records already
//!   hold ([`last_used`]), so numbers restored from a backup or pulled from the sync server are never issued again
//!   (backups also carry the counters, see [`crate::domain::backup`]).
//! - The application record's id is derived from its number ([`application_id`]): two devices that issue the same
//!   number while offline write one record id, which the sync server reports as a conflict to decide, never two
//!   applications with one number. Records made before this rule (random ids) that share a number are listed by
//!   [`duplicate_numbers`] so the page can warn.

use super::candidates::Date;
use crate::domain::thai_date::BE_OFFSET;

const TSV: &str = include_str!("province-codes.tsv");

/// A receiving office.
#[derive(Clone, Debug, PartialEq)]
pub struct Office {
    pub code: &'static str,
    pub province: &'static str,
    pub office: &'static str,
}

/// The 77 provinces and their offices, in file order.
pub fn offices() -> Vec<Office> {
    TSV.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut c = l.split('\t');
            let (code, province, office) = (c.next().unwrap_or(""), c.next().unwrap_or(""), c.next().unwrap_or(""));
            Office { code: code.trim(), province: province.trim(), office: office.trim() }
        })
        .collect()
}

/// The office of a province code.
pub fn office(code: &str) -> Option<Office> {
    offices().into_iter().find(|o| o.code == code)
}

/// The Thai fiscal year (พ.ศ.) of a date: October–December belong to the next year.
pub fn fiscal_year_be(date: Date) -> i32 {
    date.year + BE_OFFSET + i32::from(date.month >= 10)
}

/// The store's counter for an office and fiscal year.
pub fn counter_name(code: &str, fiscal_year: i32) -> String {
    format!("s26-application-{code}-{fiscal_year}")
}

/// The number after `last_used` (0 when none issued yet this fiscal year) for an application received on `date` at
/// the office of province `code`.
pub fn application_number(code: &str, date: Date, last_used: u32) -> Result<String, String> {
    if office(code).is_none() {
        return Err(format!("รหัสจังหวัด “{code}” ไม่มีในตารางรหัสจังหวัด"));
    }
    let n = last_used + 1;
    if n > 999 {
        return Err(format!("เลขรับคำขอปีงบประมาณ {} เกิน 999 แล้ว", fiscal_year_be(date)));
    }
    Ok(format!("{code}-{n:03}-{}", fiscal_year_be(date)))
}

/// The parts of an application number `PP-NNN-YYYY`: (office code, running number, fiscal year), or `None` when the
/// text is not one.
pub fn parse_number(number: &str) -> Option<(&str, u32, i32)> {
    let mut parts = number.trim().split('-');
    let (code, n, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(code, 2) || !digits(n, 3) || !digits(year, 4) {
        return None;
    }
    Some((code, n.parse().ok()?, year.parse().ok()?))
}

/// The highest running number among `numbers` (the office's stored applications) issued by office `code` in fiscal
/// year `fiscal_year`, 0 when none.
pub fn last_used<'a>(code: &str, fiscal_year: i32, numbers: impl IntoIterator<Item = &'a str>) -> u32 {
    numbers
        .into_iter()
        .filter_map(parse_number)
        .filter(|(c, _, y)| *c == code && *y == fiscal_year)
        .map(|(_, n, _)| n)
        .max()
        .unwrap_or(0)
}

/// The record id of the application numbered `number`: a UUID-shaped id (version 8, "custom") derived from the number
/// alone, so every device that issues this number writes the same record.
pub fn application_id(number: &str) -> String {
    // Two FNV-1a 64-bit hashes with different offset bases make the 128 bits.
    fn fnv(seed: u64, bytes: &[u8]) -> u64 {
        bytes.iter().fold(seed, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3))
    }
    let key = format!("s26_application\u{0}{}", number.trim());
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325, key.as_bytes()), fnv(0x8422_2325_cbf2_9ce4, key.as_bytes()));
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_be_bytes());
    bytes[8..].copy_from_slice(&b.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Numbers held by more than one application record (each once, in order of first appearance): records made on two
/// devices before ids were derived from numbers. The page shows them as a conflict to resolve.
pub fn duplicate_numbers<'a>(numbers: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut twice: Vec<String> = Vec::new();
    for n in numbers {
        let n = n.trim();
        if seen.contains(&n) {
            if !twice.iter().any(|t| t == n) {
                twice.push(n.to_string());
            }
        } else {
            seen.push(n);
        }
    }
    twice
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse("x", s).unwrap()
    }

    #[test]
    fn province_table() {
        let all = offices();
        assert_eq!(all.len(), 77);
        assert_eq!(office("12").unwrap().office, "สนพ. นนทบุรี");
        assert_eq!(office("10").unwrap().province, "กรุงเทพมหานคร");
        assert!(office("99").is_none());
    }

    #[test]
    fn golden_nonthaburi_third_application() {
        // Seed: company A, third application at สนพ. นนทบุรี on 20 January 2564 (2021).
        assert_eq!(application_number("12", date("2021-01-20"), 2).unwrap(), "12-003-2564");
    }

    #[test]
    fn fiscal_year_boundaries() {
        assert_eq!(fiscal_year_be(date("2020-09-30")), 2563);
        assert_eq!(fiscal_year_be(date("2020-10-01")), 2564);
        assert_eq!(fiscal_year_be(date("2020-12-20")), 2564);
        assert_eq!(fiscal_year_be(date("2021-09-30")), 2564);
        assert_eq!(counter_name("12", 2564), "s26-application-12-2564");
        assert_eq!(application_number("12", date("2020-10-01"), 0).unwrap(), "12-001-2564");
        assert_eq!(application_number("12", date("2020-09-30"), 41).unwrap(), "12-042-2563");
        assert!(application_number("12", date("2020-09-30"), 999).is_err());
        assert!(application_number("00", date("2020-09-30"), 0).is_err());
    }

    #[test]
    fn the_next_number_is_after_every_stored_application() {
        // Device B restored 12-001…003-2570 (its own counter is 0): the next number is 004, not 001.
        let stored = ["12-001-2570", "12-003-2570", "12-002-2570", "13-009-2570", "12-020-2569", "junk", "12-1-2570"];
        let used = last_used("12", 2570, stored);
        assert_eq!(used, 3);
        assert_eq!(application_number("12", date("2026-12-01"), used).unwrap(), "12-004-2570");
        assert_eq!(last_used("12", 2571, stored), 0);
        assert_eq!(parse_number(" 12-004-2570 "), Some(("12", 4, 2570)));
        assert_eq!(parse_number("12-004-2570-1"), None);
    }

    #[test]
    fn one_number_one_record_id() {
        let id = application_id("12-001-2570");
        assert!(crate::domain::backup::is_uuid(&id), "{id}");
        assert_eq!(id, application_id("12-001-2570"), "every device derives the same id");
        assert_eq!(id, application_id(" 12-001-2570"));
        assert_ne!(id, application_id("12-002-2570"));
        assert_ne!(id, application_id("13-001-2570"));
        assert_eq!(&id[14..15], "8");
    }

    #[test]
    fn two_records_with_one_number_are_reported() {
        assert!(duplicate_numbers(["12-001-2570", "12-002-2570"]).is_empty());
        assert_eq!(duplicate_numbers(["12-001-2570", "12-002-2570", "12-001-2570", "12-001-2570"]), vec!["12-001-2570"]);
    }
}
