//! Candidates (ผู้เข้ารับการทดสอบ, form รมฐ.7 and seed §5): the Thai national ID check, age in full years on the test
//! date, experience, and the eligibility shown before marking.

use serde::{Deserialize, Serialize};

use super::applicant::{check_applicant, Applicant, ApplicantForm};

/// Minimum age in full years on the test date (seed §5).
pub const MIN_AGE: u32 = 18;

/// Checks a 13-digit Thai national ID: digit 13 = (11 − Σ dᵢ × (14 − i) mod 11) mod 10 for i = 1…12.
/// Spaces and hyphens (`1-2345-67890-12-1`) are ignored. Returns the bare digits.
pub fn national_id(text: &str) -> Result<String, String> {
    let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if digits.len() != 13 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("เลขประจำตัวประชาชน: ต้องเป็นตัวเลข 13 หลัก".into());
    }
    let d: Vec<u32> = digits.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum: u32 = d[..12].iter().enumerate().map(|(i, x)| x * (13 - i as u32)).sum();
    let check = (11 - sum % 11) % 10;
    if check != d[12] {
        return Err(format!("เลขประจำตัวประชาชน: หลักตรวจสอบไม่ถูกต้อง (หลักสุดท้ายควรเป็น {check})"));
    }
    Ok(digits)
}

/// A national ID as printed on Thai documents, `1-1037-02071-81-1`; anything but 13 digits is shown as stored.
pub fn national_id_text(digits: &str) -> String {
    if digits.len() == 13 && digits.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}-{}-{}", &digits[..1], &digits[1..5], &digits[5..10], &digits[10..12], &digits[12..])
    } else {
        digits.to_string()
    }
}

/// A calendar date (Common Era).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A stored date (`YYYY-MM-DD`, Common Era, as [`crate::domain::thai_date::parse_thai_date`] makes it from the
    /// Thai date box): a real date with its year within พ.ศ. 2400–2700, naming the field when wrong — a record
    /// stored or imported with a Buddhist year as if it were Christian (`2543-05-12`, พ.ศ. 3086) is refused, not
    /// read as an age of −517.
    pub fn parse(label: &str, iso: &str) -> Result<Date, String> {
        let (year, month, day) = crate::domain::thai_date::check_iso_date(label, iso)?;
        Ok(Date { year, month, day })
    }

    /// `20 มกราคม 2564`.
    pub fn thai(&self) -> String {
        crate::domain::thai_date::long_date(self.year, self.month, self.day).unwrap_or_default()
    }
}

/// Age in full years on `on`: the birthday has to have come (someone born on 29 February turns a year older on
/// 1 March in common years).
pub fn age_on(birth: Date, on: Date) -> i32 {
    let had_birthday = (on.month, on.day) >= (birth.month, birth.day);
    on.year - birth.year - if had_birthday { 0 } else { 1 }
}

/// What eligibility needs from a candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Eligibility {
    pub age: Option<i32>,
    pub eligible: bool,
    /// Thai reasons when not eligible (or not checkable).
    pub reasons: Vec<String>,
}

/// Eligibility on the test date: ID valid, ≥ 18 full years, experience ≥ required months, every other condition met.
/// `experience` is [`Person::experience`]: the months, or why they cannot be counted.
pub fn eligibility(
    id: &str,
    birth: &str,
    test_date: &str,
    experience: Result<u32, String>,
    required_months: u32,
    conditions: &[(String, bool)],
) -> Eligibility {
    let mut reasons = Vec::new();
    if let Err(e) = national_id(id) {
        reasons.push(e);
    }
    let age = match (Date::parse("วันเกิด", birth), Date::parse("วันทดสอบ", test_date)) {
        (Ok(b), Ok(t)) => Some(age_on(b, t)),
        (b, t) => {
            reasons.extend(b.err());
            reasons.extend(t.err());
            None
        }
    };
    if let Some(a) = age {
        if a < MIN_AGE as i32 {
            reasons.push(format!("อายุ {a} ปีในวันทดสอบ (ต้องครบ {MIN_AGE} ปีบริบูรณ์)"));
        }
    }
    match experience {
        Ok(months) if months < required_months => {
            reasons.push(format!("ประสบการณ์ {months} เดือน (ต้องอย่างน้อย {required_months} เดือน)"))
        }
        Ok(_) => {}
        Err(e) => reasons.push(e),
    }
    for (what, met) in conditions {
        if !met {
            reasons.push(format!("ไม่ผ่านเงื่อนไข: {what}"));
        }
    }
    Eligibility { age, eligible: reasons.is_empty(), reasons }
}

/// A candidate's own details (kept in the stored record).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Person {
    /// หมายเลขผู้เข้าทดสอบ (seat / CSV id).
    pub number: String,
    pub name: String,
    #[serde(default)]
    pub national_id: String,
    /// `YYYY-MM-DD`, Common Era.
    #[serde(default)]
    pub birth: String,
    /// Months of experience as typed; when the application has work rows, the months computed from them (kept
    /// equal so a reader of the record sees the same number; eligibility recomputes them, [`Person::experience`]).
    #[serde(default)]
    pub experience_months: u32,
    /// One answer per condition of the standard (same order).
    #[serde(default)]
    pub conditions: Vec<bool>,
    /// The application (form รมฐ.7), when one was filled; absent in records saved before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<Applicant>,
}

impl Person {
    /// Months of experience for eligibility: computed from the application's work rows when it has any
    /// ([`super::applicant::work_months`]), else the number typed.
    pub fn experience(&self) -> Result<u32, String> {
        match &self.application {
            Some(a) if !a.work.is_empty() => super::applicant::work_months(&a.work, &a.date),
            _ => Ok(self.experience_months),
        }
    }
}

/// Checks a candidate's details as stored, for an imported backup or a pulled document: the application's fields
/// (the other fields read as the eligibility shows them). The refusal names the candidate and the field.
pub fn check_stored(p: &Person) -> Result<(), String> {
    match &p.application {
        Some(a) => check_applicant(a).map_err(|e| format!("ผู้เข้าทดสอบหมายเลข {} ใบสมัคร: {e}", p.number)),
        None => Ok(()),
    }
}

/// The candidate form as typed (adding a candidate or editing one).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct PersonForm {
    pub number: String,
    pub name: String,
    pub national_id: String,
    /// `YYYY-MM-DD` from the date box (Common Era; shown in พ.ศ.).
    pub birth: String,
    pub experience_months: String,
    pub conditions: Vec<bool>,
    pub application: ApplicantForm,
}

impl PersonForm {
    /// The form filled with a stored candidate's details, for editing.
    pub fn of(p: &Person) -> PersonForm {
        PersonForm {
            number: p.number.clone(),
            name: p.name.clone(),
            national_id: p.national_id.clone(),
            birth: p.birth.clone(),
            experience_months: p.experience_months.to_string(),
            conditions: p.conditions.clone(),
            application: p.application.as_ref().map(ApplicantForm::of).unwrap_or_default(),
        }
    }
}

/// Checks a typed candidate against the session's `others` (every candidate but the one edited): the number and the
/// national ID are each one person's in a session. The candidate's details, or the first Thai message naming the
/// field at fault (and, for a repeat, the other candidate).
pub fn check_person(form: &PersonForm, others: &[&Person]) -> Result<Person, String> {
    let number = form.number.trim();
    if number.is_empty() {
        return Err("หมายเลข: ต้องกรอก".into());
    }
    if others.iter().any(|o| o.number == number) {
        return Err(format!("หมายเลข: มีผู้เข้าทดสอบหมายเลข {number} แล้ว"));
    }
    let name = form.name.trim();
    if name.is_empty() {
        return Err("ชื่อ-สกุล: ต้องกรอก".into());
    }
    let national_id = national_id(&form.national_id)?;
    if let Some(o) = others.iter().find(|o| o.national_id == national_id) {
        return Err(format!("เลขประจำตัวประชาชน: ซ้ำกับผู้เข้าทดสอบหมายเลข {} {} ในรอบนี้", o.number, o.name));
    }
    if form.birth.trim().is_empty() {
        return Err("วันเกิด: ต้องกรอก".into());
    }
    Date::parse("วันเกิด", &form.birth)?;
    let application = form.application.check()?;
    let computed = match &application {
        Some(a) if !a.work.is_empty() => Some(super::applicant::work_months(&a.work, &a.date)?),
        _ => None,
    };
    let label = "ประสบการณ์ (เดือน)";
    let experience_months = match computed {
        Some(months) => months,
        None => match crate::domain::numbers::parse(label, &form.experience_months, crate::domain::numbers::Kind::Months)? {
            None => 0,
            Some(v) => u32::try_from(v).map_err(|_| format!("{label}: มากเกินไป"))?,
        },
    };
    Ok(Person {
        number: number.into(),
        name: name.into(),
        national_id,
        birth: form.birth.trim().into(),
        experience_months,
        conditions: form.conditions.clone(),
        application,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse("x", s).unwrap()
    }

    #[test]
    fn national_id_check_digit() {
        // 1-1037-02071-81-1: Σ = 1×13+1×12+0+3×10+7×9+0+2×7+0+7×5+1×4+8×3+1×2 = 197; 197 mod 11 = 10; 11−10 = 1.
        assert_eq!(national_id("1-1037-02071-81-1"), Ok("1103702071811".into()));
        assert_eq!(national_id_text("1103702071811"), "1-1037-02071-81-1");
        assert_eq!(national_id_text(""), "");
        assert!(national_id("1103702071812").unwrap_err().contains("หลักสุดท้ายควรเป็น 1"));
        assert!(national_id("110370207181").is_err());
        assert!(national_id("11037020718x1").is_err());
        // Remainder 1 → 11 − 1 = 10 → check digit 0 (13 + 2 × 5 = 23 ≡ 1 mod 11).
        assert!(national_id("1000000000050").is_ok());
        assert!(national_id("1000000000051").is_err());
    }

    #[test]
    fn age_exactly_18_on_the_test_date() {
        assert_eq!(age_on(date("2003-01-20"), date("2021-01-20")), 18);
        assert_eq!(age_on(date("2003-01-21"), date("2021-01-20")), 17);
        assert_eq!(age_on(date("2004-02-29"), date("2022-02-28")), 17);
        assert_eq!(age_on(date("2004-02-29"), date("2022-03-01")), 18);
        let ok = eligibility("1103702071811", "2003-01-20", "2021-01-20", Ok(12), 12, &[]);
        assert!(ok.eligible, "{:?}", ok.reasons);
        let young = eligibility("1103702071811", "2003-01-21", "2021-01-20", Ok(12), 12, &[]);
        assert_eq!(young.reasons, vec!["อายุ 17 ปีในวันทดสอบ (ต้องครบ 18 ปีบริบูรณ์)"]);
    }

    #[test]
    fn experience_conditions_and_bad_dates() {
        let e = eligibility("1103702071811", "2000-01-01", "2021-01-20", Ok(11), 12, &[("ผ่านการฝึกอบรม".into(), false)]);
        assert_eq!(e.reasons, vec!["ประสบการณ์ 11 เดือน (ต้องอย่างน้อย 12 เดือน)", "ไม่ผ่านเงื่อนไข: ผ่านการฝึกอบรม"]);
        let e = eligibility("1103702071811", "2001-02-29", "2021-01-20", Ok(0), 0, &[]);
        assert_eq!(e.age, None);
        assert!(e.reasons[0].starts_with("วันเกิด:"));
        // A forged or imported record with a birth year of 3086 is not eligible and gets no age.
        let e = eligibility("1103702071811", "3086-05-12", "2021-01-20", Ok(0), 0, &[]);
        assert_eq!((e.age, e.eligible), (None, false));
        assert!(e.reasons[0].starts_with("วันเกิด: “3086-05-12” ปี พ.ศ. 3629"));
        let e = eligibility("1103702071811", "2000-05-12", "2569-03-14", Ok(0), 0, &[]);
        assert_eq!(e.age, None);
        assert!(e.reasons[0].starts_with("วันทดสอบ:"));
        assert_eq!(date("2021-01-20").thai(), "20 มกราคม 2564");
    }

    fn form() -> PersonForm {
        PersonForm {
            number: " A001 ".into(),
            name: "นายหนึ่ง ตั้งใจ".into(),
            national_id: "1-1037-02071-81-1".into(),
            birth: "2003-01-20".into(),
            experience_months: "๑๒".into(),
            conditions: vec![true],
            application: ApplicantForm::default(),
        }
    }

    fn other() -> Person {
        Person {
            number: "A002".into(),
            name: "นางสาวสอง ใจดี".into(),
            national_id: "1000000000050".into(),
            birth: "2000-01-01".into(),
            experience_months: 0,
            conditions: vec![],
            application: None,
        }
    }

    #[test]
    fn a_typed_candidate_is_checked_field_by_field() {
        let p = check_person(&form(), &[&other()]).unwrap();
        assert_eq!((p.number.as_str(), p.national_id.as_str(), p.experience_months), ("A001", "1103702071811", 12));
        assert_eq!(PersonForm::of(&p).experience_months, "12");
        let with = |f: fn(&mut PersonForm)| {
            let mut x = form();
            f(&mut x);
            check_person(&x, &[&other()]).unwrap_err()
        };
        assert_eq!(with(|f| f.number = "A002".into()), "หมายเลข: มีผู้เข้าทดสอบหมายเลข A002 แล้ว");
        assert_eq!(with(|f| f.number = " ".into()), "หมายเลข: ต้องกรอก");
        // The same person twice in one session, however the ID is typed: refused, naming the other candidate.
        assert_eq!(
            with(|f| f.national_id = "1 0000 00000 05 0".into()),
            "เลขประจำตัวประชาชน: ซ้ำกับผู้เข้าทดสอบหมายเลข A002 นางสาวสอง ใจดี ในรอบนี้"
        );
        assert_eq!(with(|f| f.name.clear()), "ชื่อ-สกุล: ต้องกรอก");
        assert!(with(|f| f.national_id = "1103702071812".into()).contains("หลักสุดท้ายควรเป็น 1"));
        assert_eq!(with(|f| f.birth.clear()), "วันเกิด: ต้องกรอก");
        assert!(with(|f| f.birth = "2003-02-30".into()).starts_with("วันเกิด: “2003-02-30” ไม่ใช่วันที่"));
        // Issue 17: a Buddhist year stored as if Christian (พ.ศ. 3086, age −517) is refused, naming the field.
        assert_eq!(with(|f| f.birth = "2543-05-12".into()), "วันเกิด: “2543-05-12” ปี พ.ศ. 3086 อยู่นอกช่วง 2400–2700");
        assert_eq!(with(|f| f.experience_months = "1.5".into()), "ประสบการณ์ (เดือน): ต้องเป็นจำนวนเต็ม");
    }

    #[test]
    fn work_rows_replace_the_typed_months() {
        use crate::domain::section26::applicant::WorkForm;
        let mut f = form();
        f.experience_months = "1".into();
        f.application = ApplicantForm {
            date: "2021-01-10".into(),
            work: vec![
                WorkForm { from: "5/2560".into(), to: "4/2561".into(), workplace: "อู่ ก".into(), ..Default::default() },
                WorkForm { from: "1/2561".into(), to: "3/2561".into(), workplace: "อู่ ข".into(), ..Default::default() },
            ],
            ..Default::default()
        };
        let p = check_person(&f, &[]).unwrap();
        // 05/2560–04/2561 = 12; the second row lies inside it.
        assert_eq!((p.experience_months, p.experience()), (12, Ok(12)));
        assert_eq!(PersonForm::of(&p).application.work[1].from, "01/2561");
        let e = eligibility(&p.national_id, &p.birth, "2021-01-20", p.experience(), 13, &[]);
        assert_eq!(e.reasons, vec!["ประสบการณ์ 12 เดือน (ต้องอย่างน้อย 13 เดือน)"]);
        // A forged stored row (from after to) makes the candidate not eligible, with the row named, never a panic.
        let mut forged = p.clone();
        forged.application.as_mut().unwrap().work[1].to = "2017-01".into();
        let e = eligibility(&p.national_id, &p.birth, "2021-01-20", forged.experience(), 0, &[]);
        assert_eq!(e.reasons, vec!["ประวัติการทำงาน แถว 2: ตั้งแต่ 01/2561 อยู่หลัง ถึง 01/2560"]);
        assert_eq!(check_stored(&forged), Err("ผู้เข้าทดสอบหมายเลข A001 ใบสมัคร: ประวัติการทำงาน แถว 2: ตั้งแต่ 01/2561 อยู่หลัง ถึง 01/2560".into()));
        assert_eq!(check_stored(&p), Ok(()));
        // The application's refusal comes through the candidate form.
        f.application.address.postcode = "123".into();
        assert_eq!(check_person(&f, &[]), Err("รหัสไปรษณีย์: “123” ต้องเป็นตัวเลข 5 หลัก".into()));
        // Without rows the typed months stand.
        f.application = ApplicantForm::default();
        assert_eq!(check_person(&f, &[]).unwrap().experience(), Ok(1));
    }
}
