//! Application numbers for form รมฐ.1 (เลขที่รับคำขอให้รับรองมาตรฐานฝีมือแรงงานตามมาตรา 26): `PP-NNN-YYYY`.
//! PP is the province code of the receiving office (`province-codes.tsv`, 77 provinces), NNN the running number
//! within the Thai fiscal year (restarting at 001), YYYY the fiscal year in the Buddhist era. The fiscal year runs
//! 1 October–30 September and is named after the year it ends in.
//!
//! The running number itself lives in the store (one counter per office and fiscal year, [`counter_name`]); the pure
//! function here takes the last number used.

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
}
