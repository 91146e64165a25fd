//! The candidate's application (ใบสมัครเข้ารับการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26, แบบ รมฐ. 7; seed 003 form
//! and spec §8): what the form asks beyond the candidate's number, name, ID and birth date — title, nationality,
//! religion, address, mobile, email, education rows, work rows, the attachments ticked and the date applied.
//!
//! It is an optional part of the stored candidate ([`super::candidates::Person::application`]): a record saved before
//! it existed reads as before (no application), and a candidate without one keeps the typed months of experience.
//! When the application has work rows, the months of experience are **computed** from them ([`work_months`]) and used
//! for eligibility instead of a typed number.
//!
//! Every text has a length bound and every table a row bound; years are พ.ศ. and not after the date applied. Every
//! refusal is a Thai sentence naming the field, and for a table its row (`ประวัติการทำงาน แถว 2: …`). The same
//! check ([`check_applicant`]) guards a typed form, an imported backup and a pulled document.

use serde::{Deserialize, Serialize};

use crate::domain::normalise::ascii_digit;
use crate::domain::thai_date::{check_iso_date, BE_MIN, BE_OFFSET};

/// The titles the form offers (คำนำหน้าชื่อ).
pub const TITLES: [&str; 3] = ["นาย", "นาง", "นางสาว"];
/// Most rows of the education table and of the work table.
pub const MAX_ROWS: usize = 20;
/// Longest short text (a name, a place, a field), in characters.
pub const MAX_TEXT: usize = 120;
/// Longest description of duties, in characters.
pub const MAX_DUTIES: usize = 500;
/// Longest e-mail address (RFC 5321).
pub const MAX_EMAIL: usize = 254;

/// The application's own fields, as stored. Every field defaults, so a partly filled application reads too.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Applicant {
    /// นาย, นาง or นางสาว ([`TITLES`]); empty when not chosen.
    pub title: String,
    /// Date applied `YYYY-MM-DD` (Common Era; shown in พ.ศ.): an open-ended job runs to it, and no year may be after it.
    pub date: String,
    pub nationality: String,
    pub religion: String,
    pub address: Address,
    /// Ten digits starting with 0, or empty.
    pub mobile: String,
    pub email: String,
    pub education: Vec<Education>,
    pub work: Vec<Work>,
    /// The attachments the checker ticked: copy of the ID card, 1-inch photo, the evidence of eligibility.
    pub id_copy: bool,
    pub photo: bool,
    pub evidence: bool,
}

/// ที่อยู่ปัจจุบัน.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Address {
    pub house: String,
    pub moo: String,
    pub soi: String,
    pub road: String,
    /// แขวง/ตำบล.
    pub subdistrict: String,
    /// เขต/อำเภอ.
    pub district: String,
    pub province: String,
    /// Five digits, or empty.
    pub postcode: String,
}

/// One row of ประวัติการศึกษา.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Education {
    pub level: String,
    pub field: String,
    pub institution: String,
    /// Year graduated, พ.ศ.; `None` when not given.
    pub year: Option<u32>,
}

/// One row of ประสบการณ์การทำงาน.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(default)]
pub struct Work {
    /// First month `YYYY-MM` (Common Era; shown as month/พ.ศ.).
    pub from: String,
    /// Last month `YYYY-MM`; empty = still working there, until the date applied.
    pub to: String,
    pub workplace: String,
    pub position: String,
    pub duties: String,
}

/// A month as a count of months since year 0, for arithmetic.
fn index(year: i32, month: u32) -> i64 {
    year as i64 * 12 + month as i64 - 1
}

/// A stored month `YYYY-MM` (Common Era) with its พ.ศ. year in range.
fn stored_month(label: &str, text: &str) -> Result<(i32, u32), String> {
    let bad = || format!("{label}: “{text}” ไม่ใช่เดือน/ปี");
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (year, month): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    // The day is irrelevant; check_iso_date checks the month and the พ.ศ. range.
    check_iso_date(label, &format!("{y}-{m}-01"))?;
    Ok((year, month))
}

/// A month as typed, `เดือน/ปี พ.ศ.` (`5/2560`, `05-2560`, `๕/๒๕๖๐`), as the stored `YYYY-MM`; `Ok(None)` for a
/// blank box.
pub fn parse_month(label: &str, text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let digits: String = text.chars().map(ascii_digit).collect();
    let bad = || format!("{label}: “{text}” ไม่ใช่เดือน/ปี — พิมพ์ เดือน/ปี พ.ศ. เช่น 5/2560");
    let (m, y) = digits.split_once(['/', '-', '.', ' ']).ok_or_else(bad)?;
    let (m, y) = (m.trim(), y.trim());
    if m.is_empty() || m.len() > 2 || y.len() != 4 || !m.bytes().chain(y.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (month, year_be): (u32, i32) = (m.parse().map_err(|_| bad())?, y.parse().map_err(|_| bad())?);
    if !(1..=12).contains(&month) {
        return Err(format!("{label}: ไม่มีเดือนที่ {month} (เดือน 1–12)"));
    }
    let iso = format!("{:04}-{month:02}", year_be - BE_OFFSET);
    stored_month(label, &iso).map_err(|_| format!("{label}: ปี {year_be} ไม่ใช่ปี พ.ศ. — ใส่ปี พ.ศ. เช่น 2560"))?;
    Ok(Some(iso))
}

/// A stored month as the form shows it, `05/2560`; the text as stored when it is not one.
pub fn month_text(iso: &str) -> String {
    match stored_month("", iso) {
        Ok((y, m)) => format!("{m:02}/{}", y + BE_OFFSET),
        Err(_) => iso.to_string(),
    }
}

/// Months of experience from the work rows, as of the date applied `date` (`YYYY-MM-DD`).
///
/// A row counts whole calendar months with both ends included: 05/2560–05/2560 is 1 month, 05/2560–04/2561 is 12.
/// An empty "to" runs to the month of the date applied. A month covered by two rows (two jobs at once, or a row
/// repeated) counts once. Refused, naming the row: a month that is not one, "from" after "to", or either after the
/// date applied.
pub fn work_months(rows: &[Work], date: &str) -> Result<u32, String> {
    let (ay, am, _) = check_iso_date("ใบสมัคร วันที่สมัคร", date)?;
    let applied = index(ay, am);
    let mut spans: Vec<(i64, i64)> = Vec::with_capacity(rows.len());
    for (i, w) in rows.iter().enumerate() {
        let row = format!("ประวัติการทำงาน แถว {}", i + 1);
        if w.from.trim().is_empty() {
            return Err(format!("{row}: ต้องกรอกตั้งแต่ (เดือน/ปี)"));
        }
        let (fy, fm) = stored_month(&format!("{row}: ตั้งแต่"), &w.from)?;
        let from = index(fy, fm);
        let to = if w.to.trim().is_empty() {
            applied
        } else {
            let (ty, tm) = stored_month(&format!("{row}: ถึง"), &w.to)?;
            index(ty, tm)
        };
        if from > applied {
            return Err(format!("{row}: ตั้งแต่ {} อยู่หลังวันที่สมัคร", month_text(&w.from)));
        }
        if to > applied {
            return Err(format!("{row}: ถึง {} อยู่หลังวันที่สมัคร", month_text(&w.to)));
        }
        if from > to {
            return Err(format!("{row}: ตั้งแต่ {} อยู่หลัง ถึง {}", month_text(&w.from), month_text(&w.to)));
        }
        spans.push((from, to));
    }
    crate::domain::sort::sort(&mut spans);
    let (mut total, mut covered_to) = (0i64, i64::MIN);
    for (from, to) in spans {
        let start = from.max(covered_to.saturating_add(1));
        if to >= start {
            total += to - start + 1;
        }
        covered_to = covered_to.max(to);
    }
    u32::try_from(total).map_err(|_| "ประวัติการทำงาน: จำนวนเดือนมากเกินไป".to_string())
}

fn bounded(label: &str, text: &str, max: usize) -> Result<(), String> {
    if text.chars().count() > max {
        return Err(format!("{label}: ยาวเกิน {max} ตัวอักษร"));
    }
    if text.chars().any(char::is_control) {
        return Err(format!("{label}: มีอักขระควบคุม"));
    }
    Ok(())
}

/// Whether `email` has the shape of an address: one `@`, something before it, a dotted domain after it, no spaces.
fn email_shaped(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

/// Checks a stored (or just typed) application: the first refusal, naming the field and row.
pub fn check_applicant(a: &Applicant) -> Result<(), String> {
    if !a.title.is_empty() && !TITLES.contains(&a.title.as_str()) {
        return Err(format!("คำนำหน้าชื่อ: “{}” ต้องเป็น นาย นาง หรือ นางสาว", a.title));
    }
    if a.date.trim().is_empty() {
        return Err("ใบสมัคร วันที่สมัคร: ต้องกรอก".into());
    }
    let (applied_year, _, _) = check_iso_date("ใบสมัคร วันที่สมัคร", &a.date)?;
    let ad = &a.address;
    for (label, text) in [
        ("สัญชาติ", &a.nationality),
        ("ศาสนา", &a.religion),
        ("บ้านเลขที่", &ad.house),
        ("หมู่ที่", &ad.moo),
        ("ซอย", &ad.soi),
        ("ถนน", &ad.road),
        ("แขวง/ตำบล", &ad.subdistrict),
        ("เขต/อำเภอ", &ad.district),
        ("จังหวัด", &ad.province),
    ] {
        bounded(label, text, MAX_TEXT)?;
    }
    if !ad.postcode.is_empty() && !(ad.postcode.len() == 5 && ad.postcode.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("รหัสไปรษณีย์: “{}” ต้องเป็นตัวเลข 5 หลัก", ad.postcode));
    }
    if !a.mobile.is_empty() && !(a.mobile.len() == 10 && a.mobile.starts_with('0') && a.mobile.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("โทรศัพท์มือถือ: “{}” ต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 0", a.mobile));
    }
    bounded("อีเมล", &a.email, MAX_EMAIL)?;
    if !a.email.is_empty() && !email_shaped(&a.email) {
        return Err(format!("อีเมล: “{}” ไม่ใช่รูปแบบอีเมล (เช่น name@example.com)", a.email));
    }
    if a.education.len() > MAX_ROWS {
        return Err(format!("ประวัติการศึกษา: ไม่เกิน {MAX_ROWS} แถว"));
    }
    for (i, e) in a.education.iter().enumerate() {
        let row = format!("ประวัติการศึกษา แถว {}", i + 1);
        for (label, text) in [("ระดับการศึกษา", &e.level), ("สาขาวิชา", &e.field), ("สถาบันการศึกษา", &e.institution)] {
            bounded(&format!("{row}: {label}"), text, MAX_TEXT)?;
        }
        if let Some(y) = e.year {
            let latest = applied_year + BE_OFFSET;
            if y < BE_MIN as u32 || y > latest as u32 {
                return Err(format!("{row}: ปี พ.ศ. ที่จบ {y} ต้องอยู่ระหว่าง {BE_MIN}–{latest} (ไม่หลังปีที่สมัคร)"));
            }
        }
    }
    if a.work.len() > MAX_ROWS {
        return Err(format!("ประวัติการทำงาน: ไม่เกิน {MAX_ROWS} แถว"));
    }
    for (i, w) in a.work.iter().enumerate() {
        let row = format!("ประวัติการทำงาน แถว {}", i + 1);
        for (label, text, max) in [("สถานที่ทำงาน", &w.workplace, MAX_TEXT), ("ตำแหน่ง", &w.position, MAX_TEXT), ("ลักษณะงานหลัก", &w.duties, MAX_DUTIES)] {
            bounded(&format!("{row}: {label}"), text, max)?;
        }
        if w.workplace.trim().is_empty() {
            return Err(format!("{row}: ต้องกรอกสถานที่ทำงาน"));
        }
    }
    work_months(&a.work, &a.date).map(drop)
}

/// One education row as typed.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EducationForm {
    pub level: String,
    pub field: String,
    pub institution: String,
    pub year: String,
}

/// One work row as typed (months as `เดือน/ปี พ.ศ.`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct WorkForm {
    pub from: String,
    pub to: String,
    pub workplace: String,
    pub position: String,
    pub duties: String,
}

/// The application part of the candidate form as typed. `date` comes from the Thai date box (`YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ApplicantForm {
    pub title: String,
    pub date: String,
    pub nationality: String,
    pub religion: String,
    pub address: Address,
    pub mobile: String,
    pub email: String,
    pub education: Vec<EducationForm>,
    pub work: Vec<WorkForm>,
    pub id_copy: bool,
    pub photo: bool,
    pub evidence: bool,
}

fn digits_only(text: &str) -> String {
    text.chars().map(ascii_digit).filter(|c| !matches!(c, ' ' | '-')).collect()
}

impl ApplicantForm {
    /// The form filled with a stored application.
    pub fn of(a: &Applicant) -> ApplicantForm {
        ApplicantForm {
            title: a.title.clone(),
            date: a.date.clone(),
            nationality: a.nationality.clone(),
            religion: a.religion.clone(),
            address: a.address.clone(),
            mobile: a.mobile.clone(),
            email: a.email.clone(),
            education: a
                .education
                .iter()
                .map(|e| EducationForm {
                    level: e.level.clone(),
                    field: e.field.clone(),
                    institution: e.institution.clone(),
                    year: e.year.map(|y| y.to_string()).unwrap_or_default(),
                })
                .collect(),
            work: a
                .work
                .iter()
                .map(|w| WorkForm {
                    from: month_text(&w.from),
                    to: if w.to.is_empty() { String::new() } else { month_text(&w.to) },
                    workplace: w.workplace.clone(),
                    position: w.position.clone(),
                    duties: w.duties.clone(),
                })
                .collect(),
            id_copy: a.id_copy,
            photo: a.photo,
            evidence: a.evidence,
        }
    }

    /// The work rows as stored, or the first refusal naming the row (a blank row too: the rows keep the numbers the
    /// form shows).
    pub fn work_rows(&self) -> Result<Vec<Work>, String> {
        let mut rows = Vec::new();
        for (i, w) in self.work.iter().enumerate() {
            let row = format!("ประวัติการทำงาน แถว {}", i + 1);
            if [&w.from, &w.to, &w.workplace, &w.position, &w.duties].iter().all(|t| t.trim().is_empty()) {
                return Err(format!("{row}: ว่าง — กรอกข้อมูลหรือลบแถว"));
            }
            let from = parse_month(&format!("{row}: ตั้งแต่"), &w.from)?.ok_or_else(|| format!("{row}: ต้องกรอกตั้งแต่ (เดือน/ปี)"))?;
            let to = parse_month(&format!("{row}: ถึง"), &w.to)?.unwrap_or_default();
            rows.push(Work {
                from,
                to,
                workplace: w.workplace.trim().into(),
                position: w.position.trim().into(),
                duties: w.duties.trim().into(),
            });
        }
        Ok(rows)
    }

    /// The months the typed work rows come to (shown live while typing): `Ok(None)` when there are no rows.
    pub fn months(&self) -> Result<Option<u32>, String> {
        let rows = self.work_rows()?;
        if rows.is_empty() {
            return Ok(None);
        }
        if self.date.trim().is_empty() {
            return Err("ใบสมัคร วันที่สมัคร: ต้องกรอก".into());
        }
        work_months(&rows, &self.date).map(Some)
    }

    /// Whether nothing of the application was typed (the date applied alone does not make one).
    pub fn is_blank(&self) -> bool {
        let ad = &self.address;
        [&self.title, &self.nationality, &self.religion, &self.mobile, &self.email]
            .into_iter()
            .chain([&ad.house, &ad.moo, &ad.soi, &ad.road, &ad.subdistrict, &ad.district, &ad.province, &ad.postcode])
            .all(|t| t.trim().is_empty())
            && self.education.iter().all(|e| [&e.level, &e.field, &e.institution, &e.year].iter().all(|t| t.trim().is_empty()))
            && self.work.iter().all(|w| [&w.from, &w.to, &w.workplace, &w.position, &w.duties].iter().all(|t| t.trim().is_empty()))
            && !(self.id_copy || self.photo || self.evidence)
    }

    /// The application to store (`None` when nothing was typed), or the first refusal naming the field and row.
    pub fn check(&self) -> Result<Option<Applicant>, String> {
        if self.is_blank() {
            return Ok(None);
        }
        let t = |s: &String| s.trim().to_string();
        let mut education = Vec::new();
        for (i, e) in self.education.iter().enumerate() {
            if [&e.level, &e.field, &e.institution, &e.year].iter().all(|t| t.trim().is_empty()) {
                return Err(format!("ประวัติการศึกษา แถว {}: ว่าง — กรอกข้อมูลหรือลบแถว", i + 1));
            }
            let year = match digits_only(&e.year) {
                y if y.is_empty() => None,
                y => Some(y.parse::<u32>().ok().filter(|_| y.len() == 4).ok_or_else(|| {
                    format!("ประวัติการศึกษา แถว {}: ปี พ.ศ. ที่จบ “{}” ต้องเป็นปี พ.ศ. 4 หลัก เช่น 2560", i + 1, e.year.trim())
                })?),
            };
            education.push(Education { level: t(&e.level), field: t(&e.field), institution: t(&e.institution), year });
        }
        let ad = &self.address;
        let a = Applicant {
            title: t(&self.title),
            date: t(&self.date),
            nationality: t(&self.nationality),
            religion: t(&self.religion),
            address: Address {
                house: t(&ad.house),
                moo: t(&ad.moo),
                soi: t(&ad.soi),
                road: t(&ad.road),
                subdistrict: t(&ad.subdistrict),
                district: t(&ad.district),
                province: t(&ad.province),
                postcode: digits_only(&ad.postcode),
            },
            mobile: digits_only(&self.mobile),
            email: t(&self.email),
            education,
            work: self.work_rows()?,
            id_copy: self.id_copy,
            photo: self.photo,
            evidence: self.evidence,
        };
        check_applicant(&a)?;
        Ok(Some(a))
    }
}

/// The name as the form splits it: (first name, surname), a leading title dropped — `นายหนึ่ง ตั้งใจ` →
/// (`หนึ่ง`, `ตั้งใจ`). The stored candidate keeps one name; the form prints it in its two boxes.
pub fn name_parts<'a>(name: &'a str, title: &str) -> (&'a str, &'a str) {
    let mut name = name.trim();
    // The longest title first, so นางสาว is not read as นาง + สาว….
    for t in [TITLES[2], TITLES[1], TITLES[0]] {
        if (title.is_empty() || title == t) && name.starts_with(t) {
            name = name[t.len()..].trim_start();
            break;
        }
    }
    match name.split_once(char::is_whitespace) {
        Some((first, last)) => (first, last.trim()),
        None => (name, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn work(from: &str, to: &str) -> Work {
        Work { from: from.into(), to: to.into(), workplace: "อู่ ก".into(), ..Default::default() }
    }

    #[test]
    fn months_count_both_ends_and_overlaps_once() {
        // The same month is one month.
        assert_eq!(work_months(&[work("2017-05", "2017-05")], "2021-01-20"), Ok(1));
        // 05/2560–04/2561: twelve months.
        assert_eq!(work_months(&[work("2017-05", "2018-04")], "2021-01-20"), Ok(12));
        // Two jobs overlapping 2018-01…2018-04 (4 months): 12 + 12 − 4 = 20.
        assert_eq!(work_months(&[work("2018-01", "2018-12"), work("2017-05", "2018-04")], "2021-01-20"), Ok(12 + 8));
        // A row inside another counts nothing more; a repeated row too.
        assert_eq!(work_months(&[work("2017-01", "2017-12"), work("2017-03", "2017-04"), work("2017-01", "2017-12")], "2021-01-20"), Ok(12));
        // Adjacent rows: no gap, no double count.
        assert_eq!(work_months(&[work("2017-01", "2017-06"), work("2017-07", "2017-12")], "2021-01-20"), Ok(12));
        // Open end: until the month applied, 2020-02 … 2021-01 = 12.
        assert_eq!(work_months(&[work("2020-02", "")], "2021-01-20"), Ok(12));
        // An open row overlapping a closed one.
        assert_eq!(work_months(&[work("2020-02", ""), work("2019-01", "2020-06")], "2021-01-20"), Ok(25));
        assert_eq!(work_months(&[], "2021-01-20"), Ok(0));
    }

    #[test]
    fn bad_work_rows_are_refused_naming_the_row() {
        let d = "2021-01-20";
        assert_eq!(
            work_months(&[work("2017-05", "2017-06"), work("2019-06", "2019-05")], d),
            Err("ประวัติการทำงาน แถว 2: ตั้งแต่ 06/2562 อยู่หลัง ถึง 05/2562".into())
        );
        assert_eq!(work_months(&[work("2021-02", "")], d), Err("ประวัติการทำงาน แถว 1: ตั้งแต่ 02/2564 อยู่หลังวันที่สมัคร".into()));
        assert_eq!(work_months(&[work("2020-02", "2021-03")], d), Err("ประวัติการทำงาน แถว 1: ถึง 03/2564 อยู่หลังวันที่สมัคร".into()));
        assert_eq!(work_months(&[work("", "")], d), Err("ประวัติการทำงาน แถว 1: ต้องกรอกตั้งแต่ (เดือน/ปี)".into()));
        assert!(work_months(&[work("2017-13", "")], d).unwrap_err().starts_with("ประวัติการทำงาน แถว 1: ตั้งแต่:"));
        // A Buddhist year stored as if Christian is out of range.
        assert!(work_months(&[work("2560-05", "")], d).unwrap_err().contains("อยู่นอกช่วง"));
        assert!(work_months(&[work("2017-5", "")], d).unwrap_err().contains("ไม่ใช่เดือน/ปี"));
        assert!(work_months(&[work("2017-05", "")], "").unwrap_err().starts_with("ใบสมัคร วันที่สมัคร"));
    }

    #[test]
    fn typed_months() {
        assert_eq!(parse_month("x", "5/2560"), Ok(Some("2017-05".into())));
        assert_eq!(parse_month("x", " ๐๕-๒๕๖๐ "), Ok(Some("2017-05".into())));
        assert_eq!(parse_month("x", ""), Ok(None));
        assert_eq!(parse_month("x", "13/2560"), Err("x: ไม่มีเดือนที่ 13 (เดือน 1–12)".into()));
        assert_eq!(parse_month("x", "5/2017"), Err("x: ปี 2017 ไม่ใช่ปี พ.ศ. — ใส่ปี พ.ศ. เช่น 2560".into()));
        assert!(parse_month("x", "พฤษภาคม").unwrap_err().contains("ไม่ใช่เดือน/ปี"));
        assert_eq!(month_text("2017-05"), "05/2560");
    }

    fn form() -> ApplicantForm {
        ApplicantForm {
            title: "นาย".into(),
            date: "2021-01-10".into(),
            nationality: "ไทย".into(),
            religion: "พุทธ".into(),
            address: Address { house: "12/3".into(), moo: "4".into(), subdistrict: "บางกระสอ".into(), district: "เมืองนนทบุรี".into(), province: "นนทบุรี".into(), postcode: "11000".into(), ..Default::default() },
            mobile: "081-234-5678".into(),
            email: "nueng@example.com".into(),
            education: vec![EducationForm { level: "ปวช.".into(), field: "ช่างเชื่อม".into(), institution: "วท.นนทบุรี".into(), year: "2558".into() }],
            work: vec![
                WorkForm { from: "5/2560".into(), to: "4/2561".into(), workplace: "อู่ ก".into(), position: "ช่างเชื่อม".into(), duties: "เชื่อมโครงเหล็ก".into() },
                WorkForm { from: "3/2560".into(), to: "6/2560".into(), workplace: "อู่ ค".into(), ..Default::default() },
                WorkForm { from: "1/2561".into(), to: "".into(), workplace: "บริษัท ข".into(), ..Default::default() },
            ],
            id_copy: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_typed_application_is_cleaned_and_checked() {
        let a = form().check().unwrap().unwrap();
        assert_eq!((a.mobile.as_str(), a.address.postcode.as_str()), ("0812345678", "11000"));
        // Months: 03/2560–12/2560 (rows 1 and 2 overlap in 05–06/2560) then 01/2561–01/2564 = 10 + 37.
        assert_eq!(a.work.len(), 3);
        assert_eq!(work_months(&a.work, &a.date), Ok(47));
        assert_eq!(form().months(), Ok(Some(47)));
        assert_eq!(a.education[0].year, Some(2558));
        // Back to the form and through the check again: the same application.
        assert_eq!(ApplicantForm::of(&a).check().unwrap().unwrap(), a);
        assert_eq!(ApplicantForm::default().check(), Ok(None));
        assert_eq!(ApplicantForm { date: "2021-01-10".into(), ..Default::default() }.check(), Ok(None));
    }

    #[test]
    fn each_refusal_names_its_field_and_row() {
        let with = |f: fn(&mut ApplicantForm)| {
            let mut x = form();
            f(&mut x);
            x.check().unwrap_err()
        };
        assert_eq!(with(|f| f.address.postcode = "1100".into()), "รหัสไปรษณีย์: “1100” ต้องเป็นตัวเลข 5 หลัก");
        assert_eq!(with(|f| f.address.postcode = "11OOO".into()), "รหัสไปรษณีย์: “11OOO” ต้องเป็นตัวเลข 5 หลัก");
        assert_eq!(with(|f| f.mobile = "02-123-4567".into()), "โทรศัพท์มือถือ: “021234567” ต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 0");
        assert_eq!(with(|f| f.email = "nueng@example".into()), "อีเมล: “nueng@example” ไม่ใช่รูปแบบอีเมล (เช่น name@example.com)");
        assert_eq!(with(|f| f.email = "a b@example.com".into()), "อีเมล: “a b@example.com” ไม่ใช่รูปแบบอีเมล (เช่น name@example.com)");
        assert_eq!(with(|f| f.title = "ดร.".into()), "คำนำหน้าชื่อ: “ดร.” ต้องเป็น นาย นาง หรือ นางสาว");
        assert_eq!(with(|f| f.date.clear()), "ใบสมัคร วันที่สมัคร: ต้องกรอก");
        assert_eq!(
            with(|f| f.education[0].year = "2565".into()),
            "ประวัติการศึกษา แถว 1: ปี พ.ศ. ที่จบ 2565 ต้องอยู่ระหว่าง 2400–2564 (ไม่หลังปีที่สมัคร)"
        );
        assert_eq!(
            with(|f| f.education[0].year = "2015".into()),
            "ประวัติการศึกษา แถว 1: ปี พ.ศ. ที่จบ 2015 ต้องอยู่ระหว่าง 2400–2564 (ไม่หลังปีที่สมัคร)"
        );
        assert_eq!(with(|f| f.education[0].year = "58".into()), "ประวัติการศึกษา แถว 1: ปี พ.ศ. ที่จบ “58” ต้องเป็นปี พ.ศ. 4 หลัก เช่น 2560");
        assert_eq!(with(|f| f.work[2].from = "2/2564".into()), "ประวัติการทำงาน แถว 3: ตั้งแต่ 02/2564 อยู่หลังวันที่สมัคร");
        assert_eq!(with(|f| f.work[0].to = "4/2559".into()), "ประวัติการทำงาน แถว 1: ตั้งแต่ 05/2560 อยู่หลัง ถึง 04/2559");
        assert_eq!(with(|f| f.work[2].from.clear()), "ประวัติการทำงาน แถว 3: ต้องกรอกตั้งแต่ (เดือน/ปี)");
        assert_eq!(with(|f| f.work[2].to = "x".into()), "ประวัติการทำงาน แถว 3: ถึง: “x” ไม่ใช่เดือน/ปี — พิมพ์ เดือน/ปี พ.ศ. เช่น 5/2560");
        assert_eq!(with(|f| f.work[2].workplace.clear()), "ประวัติการทำงาน แถว 3: ต้องกรอกสถานที่ทำงาน");
        // A row added and left blank is refused with its number, so the numbers stay those the form shows.
        assert_eq!(with(|f| f.work[1] = WorkForm::default()), "ประวัติการทำงาน แถว 2: ว่าง — กรอกข้อมูลหรือลบแถว");
        assert_eq!(with(|f| f.education.push(EducationForm::default())), "ประวัติการศึกษา แถว 2: ว่าง — กรอกข้อมูลหรือลบแถว");
        assert_eq!(with(|f| f.address.road = "ก".repeat(MAX_TEXT + 1)), format!("ถนน: ยาวเกิน {MAX_TEXT} ตัวอักษร"));
        assert_eq!(with(|f| f.work[0].duties = "ก".repeat(MAX_DUTIES + 1)), format!("ประวัติการทำงาน แถว 1: ลักษณะงานหลัก: ยาวเกิน {MAX_DUTIES} ตัวอักษร"));
        assert_eq!(with(|f| f.religion = "พุทธ\u{0}".into()), "ศาสนา: มีอักขระควบคุม");
        let many = |f: &mut ApplicantForm| f.work = vec![form().work[0].clone(); MAX_ROWS + 1];
        assert_eq!(with(many), format!("ประวัติการทำงาน: ไม่เกิน {MAX_ROWS} แถว"));
        let many = |f: &mut ApplicantForm| f.education = vec![form().education[0].clone(); MAX_ROWS + 1];
        assert_eq!(with(many), format!("ประวัติการศึกษา: ไม่เกิน {MAX_ROWS} แถว"));
    }

    #[test]
    fn names_split_for_the_form() {
        assert_eq!(name_parts("นายหนึ่ง ตั้งใจ", "นาย"), ("หนึ่ง", "ตั้งใจ"));
        assert_eq!(name_parts("นางสาวสอง ใจดี", ""), ("สอง", "ใจดี"));
        assert_eq!(name_parts("นางสาวสอง ใจดี", "นางสาว"), ("สอง", "ใจดี"));
        assert_eq!(name_parts("สาม ณ อยุธยา", "นาย"), ("สาม", "ณ อยุธยา"));
        assert_eq!(name_parts("ผู้เข้าทดสอบ", ""), ("ผู้เข้าทดสอบ", ""));
    }
}
