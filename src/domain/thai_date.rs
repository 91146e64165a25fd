//! Thai calendar helpers: Buddhist-era (พ.ศ.) years, Thai month names, and the Thai academic year.
//! Pure functions of (year, month, day) so both the browser and the command line use the same wording.
//!
//! Dates are typed the Thai way — day, month, พ.ศ. year: `12/05/2543`, `12-5-2543`, `12 พ.ค. 2543`,
//! `12 พฤษภาคม 2543`, in Thai digits too — and read by [`parse_thai_date`], which gives the `YYYY-MM-DD`
//! Common-Era date records have always stored (stored data and sync are unchanged); [`thai_short_date`] is the
//! inverse, for showing a stored date in the box. A stored date is read by [`check_iso_date`], which refuses an
//! impossible date or a year outside พ.ศ. [`BE_MIN`]–[`BE_MAX`] (a Buddhist year stored as if it were a Christian
//! one, `2543-05-12`, would otherwise be พ.ศ. 3086).

/// Years between the Common Era and the Buddhist Era as used in Thailand.
pub const BE_OFFSET: i32 = 543;

/// The earliest and latest พ.ศ. year a typed or stored date may have (CE 1857–2157).
pub const BE_MIN: i32 = 2400;
pub const BE_MAX: i32 = 2700;

/// The placeholder of a Thai date box.
pub const THAI_DATE_PLACEHOLDER: &str = "วว/ดด/ปปปป (พ.ศ.)";

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

/// Days in a month of a Common-Era year (Gregorian leap years), 0 for a month outside 1–12.
pub fn days_in_month(year_ce: i32, month: u32) -> u32 {
    match month {
        2 if (year_ce % 4 == 0 && year_ce % 100 != 0) || year_ce % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

/// Abbreviated Thai month names without their dots (`ม.ค.` → `มค`).
const ABBREVIATIONS: [&str; 12] = ["มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย", "ตค", "พย", "ธค"];

/// A month named in Thai, full (`พฤษภาคม`) or abbreviated with or without dots (`พ.ค.`, `พค`).
fn month_by_name(word: &str) -> Option<u32> {
    let bare: String = word.chars().filter(|c| *c != '.').collect();
    let i = MONTHS.iter().position(|m| *m == word || *m == bare).or_else(|| ABBREVIATIONS.iter().position(|m| *m == bare))?;
    Some(i as u32 + 1)
}

/// A typed date's pieces: runs of digits (Thai digits read as Arabic ones) and words (`พ.ค.`).
#[derive(Debug, PartialEq)]
enum Piece {
    Number(String),
    Word(String),
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let mut in_word = false;
    let mut split = true;
    for c in text.chars() {
        let c = match c {
            '๐'..='๙' => char::from_digit(c as u32 - '๐' as u32, 10).unwrap_or(c),
            _ => c,
        };
        if c.is_ascii_digit() {
            match out.last_mut() {
                Some(Piece::Number(n)) if !split => n.push(c),
                _ => out.push(Piece::Number(c.to_string())),
            }
            in_word = false;
            split = false;
        } else if c.is_whitespace() || matches!(c, '/' | '-' | ',' | '\\') || (c == '.' && !in_word) {
            in_word = false;
            split = true;
        } else {
            match out.last_mut() {
                Some(Piece::Word(w)) if in_word => w.push(c),
                _ => out.push(Piece::Word(c.to_string())),
            }
            in_word = true;
            split = false;
        }
    }
    out
}

/// What a Thai user typed in a date box — day, month (number or Thai name), พ.ศ. year, in any of
/// `12/05/2543`, `12-5-2543`, `12.05.2543`, `12 พ.ค. 2543`, `12 พฤษภาคม พ.ศ. 2543`, `๑๒/๐๕/๒๕๔๓`, `12052543`
/// (a phone's number pad has no `/`), or year first `2543-05-12` — as the stored `YYYY-MM-DD` Common-Era date. `Ok(None)` for a blank box. The error is a Thai
/// sentence starting with `label`: an impossible date (`ไม่มีวันที่ 31 กุมภาพันธ์ 2543`, leap years counted on the
/// Common-Era year), a year outside พ.ศ. [`BE_MIN`]–[`BE_MAX`] (a Christian-era year gets the พ.ศ. one as its
/// hint), or text that is not a date.
pub fn parse_thai_date(label: &str, text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || format!("{label}: “{text}” ไม่ใช่วันที่ — พิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 12/05/2543");
    let mut numbers: Vec<&str> = Vec::new();
    let mut month_named = None;
    let mut month_at = 0;
    let typed = pieces(text);
    for p in &typed {
        match p {
            Piece::Number(n) => numbers.push(n),
            Piece::Word(w) => {
                let bare: String = w.chars().filter(|c| *c != '.').collect();
                if bare == "พศ" {
                    continue;
                }
                if bare == "คศ" {
                    return Err(format!("{label}: ใช้ปี พ.ศ. ไม่ใช่ ค.ศ. เช่น 12/05/2543"));
                }
                match month_by_name(w) {
                    Some(m) if month_named.is_none() => {
                        month_named = Some(m);
                        month_at = numbers.len();
                    }
                    _ => return Err(bad()),
                }
            }
        }
    }
    let number = |s: &str| s.parse::<i32>().ok();
    let (day, month, year) = match (month_named, numbers.as_slice()) {
        (Some(m), [d, y]) if month_at == 1 && d.len() <= 2 => (number(d), Some(m as i32), number(y)),
        (None, [y, m, d]) if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (number(d), number(m), number(y)),
        (None, [d, m, y]) if d.len() <= 2 && m.len() <= 2 => (number(d), number(m), number(y)),
        // ddmmyyyy in one run, as typed on a phone's number pad.
        (None, [dmy]) if dmy.len() == 8 => (number(&dmy[..2]), number(&dmy[2..4]), number(&dmy[4..])),
        _ => return Err(bad()),
    };
    let (Some(day), Some(month), Some(year_be)) = (day, month, year) else { return Err(bad()) };
    if !(BE_MIN..=BE_MAX).contains(&year_be) {
        let hint = if (BE_MIN - BE_OFFSET..=BE_MAX - BE_OFFSET).contains(&year_be) { year_be + BE_OFFSET } else { 2543 };
        return Err(format!("{label}: ปี {year_be} ไม่ใช่ปี พ.ศ. ({BE_MIN}–{BE_MAX}) — ใส่ปี พ.ศ. เช่น {hint}"));
    }
    if !(1..=12).contains(&month) {
        return Err(format!("{label}: ไม่มีเดือนที่ {month} (เดือน 1–12)"));
    }
    let year_ce = year_be - BE_OFFSET;
    let month = month as u32;
    if day < 1 || day as u32 > days_in_month(year_ce, month) {
        return Err(format!("{label}: ไม่มีวันที่ {day} {} {year_be}", MONTHS[month as usize - 1]));
    }
    Ok(Some(format!("{year_ce:04}-{month:02}-{day:02}")))
}

/// A stored `YYYY-MM-DD` Common-Era date as typed in a Thai date box: `12/05/2543` for `2000-05-12`. `None` when
/// the stored text is not a real date in range ([`check_iso_date`]).
pub fn thai_short_date(iso: &str) -> Option<String> {
    let (y, m, d) = check_iso_date("", iso).ok()?;
    Some(format!("{d:02}/{m:02}/{}", y + BE_OFFSET))
}

/// A stored date (`YYYY-MM-DD`, Common Era) as `(year, month, day)`: exactly ten characters, a real date, the year
/// within พ.ศ. [`BE_MIN`]–[`BE_MAX`]. The error is a Thai sentence starting with `label`.
pub fn check_iso_date(label: &str, iso: &str) -> Result<(i32, u32, u32), String> {
    let iso = iso.trim();
    if iso.is_empty() {
        return Err(format!("{label}: ต้องกรอก"));
    }
    let bad = || format!("{label}: “{iso}” ไม่ใช่วันที่ (ปปปป-ดด-วว)");
    let ten = iso.len() == 10 && iso.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !ten {
        return Err(bad());
    }
    let (y, m, d) = parse_iso_date(iso).ok_or_else(bad)?;
    if d > days_in_month(y, m) {
        return Err(bad());
    }
    let be = y + BE_OFFSET;
    if !(BE_MIN..=BE_MAX).contains(&be) {
        return Err(format!("{label}: “{iso}” ปี พ.ศ. {be} อยู่นอกช่วง {BE_MIN}–{BE_MAX}"));
    }
    Ok((y, m, d))
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

    fn typed(text: &str) -> Result<Option<String>, String> {
        parse_thai_date("วันเกิด", text)
    }

    fn ok(text: &str) -> String {
        typed(text).unwrap_or_else(|e| panic!("{text}: {e}")).unwrap()
    }

    #[test]
    fn thai_dates_are_read_in_every_usual_spelling() {
        for text in [
            "12/05/2543", "12/5/2543", "12-5-2543", "12.05.2543", " 12 / 05 / 2543 ", "12 พ.ค. 2543", "12 พ.ค 2543",
            "12 พค 2543", "12 พฤษภาคม 2543", "12 พฤษภาคม พ.ศ. 2543", "12พ.ค.2543", "๑๒/๐๕/๒๕๔๓", "๑๒ พฤษภาคม ๒๕๔๓",
            "2543-05-12", "๒๕๔๓-๐๕-๑๒", "12052543", "๑๒๐๕๒๕๔๓",
        ] {
            assert_eq!(ok(text), "2000-05-12", "{text}");
        }
        assert_eq!(ok("1 ม.ค. 2570"), "2027-01-01");
        assert_eq!(ok("31 ธันวาคม 2569"), "2026-12-31");
        assert_eq!(ok("20 ก.พ. 2564"), "2021-02-20");
        assert_eq!(ok("5 มี.ค. 2564"), "2021-03-05");
        assert_eq!(ok("5 มิ.ย. 2564"), "2021-06-05");
        assert_eq!(typed("   "), Ok(None));
        assert_eq!(typed(""), Ok(None));
    }

    #[test]
    fn the_issues_buddhist_year_typed_year_first_is_never_stored_as_3086() {
        // Issue 17: "2543-05-12" was stored as it was and shown as พ.ศ. 3086 (age −517).
        assert_eq!(ok("2543-05-12"), "2000-05-12");
        assert_eq!(long_date_from_iso(&ok("2543-05-12")).as_deref(), Some("12 พฤษภาคม 2543"));
        // The stored form of the old mistake is refused when read.
        assert_eq!(check_iso_date("วันเกิด", "2543-05-12").unwrap_err(), "วันเกิด: “2543-05-12” ปี พ.ศ. 3086 อยู่นอกช่วง 2400–2700");
    }

    #[test]
    fn impossible_dates_are_refused_naming_the_field() {
        assert_eq!(typed("31/02/2543").unwrap_err(), "วันเกิด: ไม่มีวันที่ 31 กุมภาพันธ์ 2543");
        assert_eq!(typed("30 ก.พ. 2543").unwrap_err(), "วันเกิด: ไม่มีวันที่ 30 กุมภาพันธ์ 2543");
        assert_eq!(typed("31/04/2569").unwrap_err(), "วันเกิด: ไม่มีวันที่ 31 เมษายน 2569");
        assert_eq!(typed("0/05/2543").unwrap_err(), "วันเกิด: ไม่มีวันที่ 0 พฤษภาคม 2543");
        assert_eq!(typed("32/01/2543").unwrap_err(), "วันเกิด: ไม่มีวันที่ 32 มกราคม 2543");
        assert_eq!(typed("12/13/2543").unwrap_err(), "วันเกิด: ไม่มีเดือนที่ 13 (เดือน 1–12)");
        assert_eq!(typed("12/00/2543").unwrap_err(), "วันเกิด: ไม่มีเดือนที่ 0 (เดือน 1–12)");
        assert_eq!(parse_thai_date("วันทดสอบ", "31/02/2569").unwrap_err(), "วันทดสอบ: ไม่มีวันที่ 31 กุมภาพันธ์ 2569");
    }

    #[test]
    fn leap_years_are_counted_on_the_christian_year() {
        // พ.ศ. 2543 = ค.ศ. 2000 (divisible by 400: leap); 2443 = 1900 (by 100 only: not); 2567 = 2024; 2569 = 2026.
        assert_eq!(ok("29/02/2543"), "2000-02-29");
        assert_eq!(ok("29/02/2567"), "2024-02-29");
        assert_eq!(typed("29/02/2443").unwrap_err(), "วันเกิด: ไม่มีวันที่ 29 กุมภาพันธ์ 2443");
        assert_eq!(typed("29/02/2569").unwrap_err(), "วันเกิด: ไม่มีวันที่ 29 กุมภาพันธ์ 2569");
        assert_eq!(ok("28/02/2569"), "2026-02-28");
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2026, 13), 0);
    }

    #[test]
    fn christian_and_short_years_are_refused_with_the_buddhist_year_as_hint() {
        assert_eq!(typed("12/05/2000").unwrap_err(), "วันเกิด: ปี 2000 ไม่ใช่ปี พ.ศ. (2400–2700) — ใส่ปี พ.ศ. เช่น 2543");
        assert!(typed("15/03/2026").unwrap_err().ends_with("เช่น 2569"));
        assert!(typed("2000-05-12").unwrap_err().contains("ปี พ.ศ. เช่น 2543"));
        assert!(typed("12/05/43").unwrap_err().contains("ใส่ปี พ.ศ. เช่น 2543"));
        assert!(typed("12/05/2399").unwrap_err().contains("ไม่ใช่ปี พ.ศ."));
        assert!(typed("12/05/2701").unwrap_err().contains("ไม่ใช่ปี พ.ศ."));
        assert_eq!(ok("01/01/2400"), "1857-01-01");
        assert_eq!(ok("31/12/2700"), "2157-12-31");
        assert_eq!(typed("12 พ.ค. ค.ศ. 2000").unwrap_err(), "วันเกิด: ใช้ปี พ.ศ. ไม่ใช่ ค.ศ. เช่น 12/05/2543");
    }

    #[test]
    fn text_that_is_not_a_date_is_refused() {
        let bad = |t: &str| typed(t).unwrap_err();
        assert_eq!(bad("abc"), "วันเกิด: “abc” ไม่ใช่วันที่ — พิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 12/05/2543");
        assert_eq!(typed("31022543").unwrap_err(), "วันเกิด: ไม่มีวันที่ 31 กุมภาพันธ์ 2543");
        for t in ["12/05", "1205254", "120525430", "12/05/2543/1", "12 มะม่วง 2543", "พ.ค. 12 2543", "12 พ.ค. 5 2543", "123/05/2543",
            "12/005/2543", "12 พ.ค. มิ.ย. 2543", "99999999999999999999/1/2543", "12/05/25x3"] {
            assert!(bad(t).starts_with("วันเกิด: “"), "{t}");
        }
        // Never a panic, whatever is typed.
        for t in ["/", "-", ".", "..", "พ.ค.", "๙๙/๙๙/๙๙๙๙", "2543-", "-1/-1/-2543", "\u{0}", "ก"] {
            let _ = typed(t);
        }
    }

    #[test]
    fn stored_dates_show_in_the_box_and_read_back() {
        assert_eq!(thai_short_date("2000-05-12").as_deref(), Some("12/05/2543"));
        assert_eq!(thai_short_date("2026-03-15").as_deref(), Some("15/03/2569"));
        assert_eq!(thai_short_date("2543-05-12"), None);
        assert_eq!(thai_short_date("2026-02-30"), None);
        assert_eq!(thai_short_date(""), None);
        // Round trips: every day of two years (one leap) and the ends of the range.
        for year in [2023, 2024, 1857, 2157] {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    let iso = format!("{year:04}-{month:02}-{day:02}");
                    let shown = thai_short_date(&iso).unwrap();
                    assert_eq!(ok(&shown), iso);
                    let long = long_date(year, month, day).unwrap();
                    assert_eq!(ok(&long), iso, "{long}");
                }
            }
        }
    }

    #[test]
    fn stored_dates_are_checked() {
        assert_eq!(check_iso_date("วันทดสอบ", "2026-03-14"), Ok((2026, 3, 14)));
        assert_eq!(check_iso_date("วันทดสอบ", " 2026-03-14 "), Ok((2026, 3, 14)));
        for iso in ["2026-02-30", "2026-2-3", "2026/03/14", "14/03/2569", "2026-03-14T00:00", "+026-03-14"] {
            assert!(check_iso_date("วันทดสอบ", iso).unwrap_err().starts_with("วันทดสอบ: “"), "{iso}");
        }
        assert!(check_iso_date("วันเกิด", "3086-01-01").unwrap_err().contains("ปี พ.ศ. 3629 อยู่นอกช่วง"));
        assert!(check_iso_date("วันเกิด", "1800-01-01").is_err());
        assert_eq!(check_iso_date("วันทดสอบ", " "), Err("วันทดสอบ: ต้องกรอก".into()));
    }
}
