//! What a pull or a restored backup may store: every document a pull brings, and every record of a backup file
//! (`domain::backup::plan_restore`), is checked here *before* anything is written. A document that fails is left on the server, not stored, and named to the user with the reason; it never
//! stops the rest of the pull (the checkpoint still advances past it).
//!
//! A server database `mt_<org>` belongs to one organisation, and what it may hold depends on what kind of
//! organisation that is ([`Holder`]):
//!
//! | database of | records it may hold (`org` = …, kinds) |
//! |---|---|
//! | a college (10-digit code) | `org` = the college: `college`, `qa_assessment`, `reg_college` (its `code` = the college), `reg_registration` (its `college` = the college), `ia_dataset` |
//! | a province (2-digit code of [`crate::domain::provinces`]) | `org` = the province: `reg_province_college`, `reg_province_year`, `reg_outside`, `reg_import`, `s26_application` (an office's numbers) |
//! | a test centre (any other code) | `org` = the centre: `ia_dataset`; and the marks judges' tablets push into it (`Client::push_into`): `s26_mark` whose `org` is a standard's id (a UUID) |
//! | a standard (a UUID: its record's id) | `org` = the standard: `s26_standard`, `s26_session`, `s26_candidate`, `s26_mark`, `s26_image` (its `standard` = the standard, a PNG, JPEG or WebP by its bytes, within the size cap) |
//!
//! A standard's marks found in any database but the standard's own are taken only by the chief tester's pull of
//! their session, which checks them against it first; an ordinary pull leaves them on the server ([`Verdict::Leave`]).
//!
//! On top of the owner and kind, the body must parse as that kind's Rust type (so a `"year": "x"` never reaches a
//! page; a candidate's application must pass its checks too, naming the field), a pull never moves a stored record to another organisation or kind, and marks are append-only: a pulled
//! edit or deletion of an `s26_mark` this device already holds is refused ([`check_pulled`]).

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::backup::is_uuid;
use crate::domain::college_qa::records::{check_assessment, check_college, Assessment, College};
use crate::domain::item_analysis::IaDataset;
use crate::domain::provinces;
use crate::domain::record::Record;
use crate::domain::registration::records::{
    CollegeProfile, ImportedRegistration, OutsideInstitution, ProvinceCollege, ProvinceYear, Registration,
};
use crate::domain::section26::records::{
    ApplicationRecord, CandidateRecord, MarkRecord, SessionRecord, StandardRecord,
};

/// Whose server database a pull reads; decides which records it may hold (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    College(String),
    Province(String),
    Centre(String),
    Standard(String),
}

const COLLEGE_KINDS: &[&str] = &["college", "qa_assessment", "reg_college", "reg_registration", "ia_dataset"];
const PROVINCE_KINDS: &[&str] =
    &["reg_province_college", "reg_province_year", "reg_outside", "reg_import", "s26_application"];
const CENTRE_KINDS: &[&str] = &["ia_dataset"];
const STANDARD_KINDS: &[&str] = &["s26_standard", "s26_session", "s26_candidate", "s26_mark", "s26_image"];

/// Whether `code` is a 10-digit college code.
pub fn is_college_code(code: &str) -> bool {
    code.len() == 10 && code.bytes().all(|b| b.is_ascii_digit())
}

impl Holder {
    /// The holder of `mt_<org>` judged from the code's shape: 10 digits a college, a province's 2-digit code a
    /// province, a UUID a standard, anything else a test centre. Pages that know what they pull say so instead
    /// (the province pulling a college: [`Holder::College`]; the chief pulling a centre: [`Holder::Centre`]).
    pub fn of(org: &str) -> Holder {
        if is_college_code(org) {
            Holder::College(org.to_string())
        } else if org.len() == 2 && provinces::by_code(org).is_some() {
            Holder::Province(org.to_string())
        } else if is_uuid(org) {
            Holder::Standard(org.to_string())
        } else {
            Holder::Centre(org.to_string())
        }
    }

    /// The organisation whose database this is.
    pub fn org(&self) -> &str {
        match self {
            Holder::College(o) | Holder::Province(o) | Holder::Centre(o) | Holder::Standard(o) => o,
        }
    }

    fn own_kinds(&self) -> &'static [&'static str] {
        match self {
            Holder::College(_) => COLLEGE_KINDS,
            Holder::Province(_) => PROVINCE_KINDS,
            Holder::Centre(_) => CENTRE_KINDS,
            Holder::Standard(_) => STANDARD_KINDS,
        }
    }

    fn what(&self) -> &'static str {
        match self {
            Holder::College(_) => "สถานศึกษา",
            Holder::Province(_) => "จังหวัด",
            Holder::Centre(_) => "ศูนย์ทดสอบ",
            Holder::Standard(_) => "มาตรฐาน",
        }
    }

    /// Whether a record of `kind` owned by `org` may be in this database (owner and kind only).
    pub fn may_hold(&self, kind: &str, org: &str) -> Result<(), String> {
        if org == self.org() {
            if self.own_kinds().contains(&kind) {
                return Ok(());
            }
            return Err(format!("ชนิด {kind} ไม่ใช่ข้อมูลที่{} {} เป็นเจ้าของได้", self.what(), self.org()));
        }
        if let Holder::Centre(_) = self {
            if kind == MarkRecord::KIND && is_uuid(org) {
                return Ok(());
            }
        }
        Err(format!("เป็นข้อมูลของหน่วยงาน {org} ไม่ใช่ของ{} {} เจ้าของฐานข้อมูล", self.what(), self.org()))
    }
}

fn parses<R: DeserializeOwned>(body: &Value) -> Result<R, String> {
    serde_json::from_value::<R>(body.clone()).map_err(|e| format!("อ่านเป็นข้อมูลชนิดนี้ไม่ได้ ({e})"))
}

/// Reads a pulled body as its kind's type and checks the fields that must agree with the owner `org`.
pub type Shape = fn(org: &str, body: &Value) -> Result<(), String>;

/// The kinds a page can read, each with its [`Shape`]. A page's wasm links only the readers its table names, so a
/// page that pulls registrations does not carry the readers of a standard or a data set (each page's size budget).
/// A kind its organisation may hold but the page cannot read is [`Verdict::Defer`]red, never refused.
#[derive(Clone, Copy)]
pub struct Shapes(pub &'static [(&'static str, Shape)]);

impl Shapes {
    fn get(&self, kind: &str) -> Option<Shape> {
        self.0.iter().find(|(k, _)| *k == kind).map(|(_, shape)| *shape)
    }

    /// Whether this table reads `kind`.
    pub fn reads(&self, kind: &str) -> bool {
        self.get(kind).is_some()
    }
}

macro_rules! shape {
    ($name:ident, $kind:literal, $ty:ty) => {
        const $name: (&str, Shape) = ($kind, |_, body| parses::<$ty>(body).map(drop));
    };
}
const COLLEGE: (&str, Shape) = ("college", |org, body| check_college(org, &parses::<College>(body)?));
const QA_ASSESSMENT: (&str, Shape) = ("qa_assessment", |org, body| check_assessment(org, &parses::<Assessment>(body)?));
shape!(IA_DATASET, "ia_dataset", IaDataset);
shape!(REG_PROVINCE_COLLEGE, "reg_province_college", ProvinceCollege);
shape!(REG_PROVINCE_YEAR, "reg_province_year", ProvinceYear);
shape!(REG_OUTSIDE, "reg_outside", OutsideInstitution);
shape!(REG_IMPORT, "reg_import", ImportedRegistration);
shape!(S26_APPLICATION, "s26_application", ApplicationRecord);
const S26_STANDARD: (&str, Shape) = ("s26_standard", |_, body| {
    parses::<StandardRecord>(body)?;
    crate::domain::section26::standard::check_record(body)
});
shape!(S26_SESSION, "s26_session", SessionRecord);
const S26_CANDIDATE: (&str, Shape) = ("s26_candidate", |_, body| {
    let c = parses::<CandidateRecord>(body)?;
    crate::domain::section26::candidates::check_stored(&c.person)
});
shape!(S26_MARK, "s26_mark", MarkRecord);
const S26_IMAGE: (&str, Shape) = ("s26_image", |_, body| {
    parses::<crate::domain::section26::image::ImageRecord>(body)?;
    crate::domain::section26::image::check_record(body)
});
const REG_COLLEGE: (&str, Shape) = ("reg_college", |org, body| {
    let p = parses::<CollegeProfile>(body)?;
    if p.profile.code.trim() != org {
        return Err(format!("ข้อมูลสถานศึกษาอ้างรหัส {} ไม่ใช่ {org}", p.profile.code));
    }
    Ok(())
});
const REG_REGISTRATION: (&str, Shape) = ("reg_registration", |org, body| {
    let r = parses::<Registration>(body)?;
    if r.college.trim() != org {
        return Err(format!("การลงทะเบียนอ้างรหัสสถานศึกษา {} ไม่ใช่ {org}", r.college));
    }
    Ok(())
});

/// Every kind (the sync page, which syncs any organisation).
pub const ALL: Shapes = Shapes(&[
    COLLEGE, QA_ASSESSMENT, IA_DATASET, REG_COLLEGE, REG_REGISTRATION, REG_PROVINCE_COLLEGE, REG_PROVINCE_YEAR,
    REG_OUTSIDE, REG_IMPORT, S26_APPLICATION, S26_STANDARD, S26_SESSION, S26_CANDIDATE, S26_MARK, S26_IMAGE,
]);
/// What each backup restores (a page links only the readers of the file it takes): a whole college (the
/// self-assessment page), a standard (the test centre's file, the judge tablet's), an office's application numbers, a
/// province's imports and lists.
pub const COLLEGE_OWN: Shapes = Shapes(&[COLLEGE, QA_ASSESSMENT, IA_DATASET, REG_COLLEGE, REG_REGISTRATION]);
/// See [`COLLEGE_OWN`].
pub const STANDARD_OWN: Shapes = Shapes(&[S26_STANDARD, S26_SESSION, S26_CANDIDATE, S26_MARK, S26_IMAGE]);
/// See [`COLLEGE_OWN`].
pub const OFFICE_OWN: Shapes = Shapes(&[S26_APPLICATION]);
/// See [`COLLEGE_OWN`].
pub const PROVINCE_OWN: Shapes = Shapes(&[REG_PROVINCE_COLLEGE, REG_PROVINCE_YEAR, REG_OUTSIDE, REG_IMPORT]);
/// Registration: a province's own records and what it reads from its colleges (the province's page).
pub const REGISTRATION: Shapes = Shapes(&[
    REG_COLLEGE, REG_REGISTRATION, REG_PROVINCE_COLLEGE, REG_PROVINCE_YEAR, REG_OUTSIDE, REG_IMPORT, S26_APPLICATION,
]);
/// Section 26: a test centre's and its standards' records (the judges' and the chief's page).
pub const SECTION26: Shapes =
    Shapes(&[IA_DATASET, S26_APPLICATION, S26_STANDARD, S26_SESSION, S26_CANDIDATE, S26_MARK, S26_IMAGE]);

fn text<'a>(v: &'a Value, field: &str) -> &'a str {
    v.get(field).and_then(Value::as_str).unwrap_or_default()
}

/// Decides whether one pulled revision of a document may be stored in the database of `holder`.
///
/// - `incoming`: the revision's record (bookkeeping removed), `None` when it deletes the document;
/// - `stored`: the record this device holds under that id, if any.
///
/// `Err` carries the reason (Thai) for the list of refused documents.
pub fn check_pulled(holder: &Holder, shapes: &Shapes, incoming: Option<&Value>, stored: Option<&Value>) -> Result<(), String> {
    if let Some(stored) = stored {
        if text(stored, "kind") == MarkRecord::KIND && incoming != Some(stored) {
            return Err(match incoming {
                None => "ลบคะแนนที่บันทึกแล้วไม่ได้ (คะแนนเพิ่มได้อย่างเดียว)".into(),
                Some(_) => "แก้คะแนนที่บันทึกแล้วไม่ได้ (คะแนนเพิ่มได้อย่างเดียว)".into(),
            });
        }
    }
    let Some(body) = incoming else {
        // A deletion touches only what it deletes: it must be a record this database may hold.
        return match stored {
            Some(s) => holder.may_hold(text(s, "kind"), text(s, "org")),
            None => Ok(()),
        };
    };
    if !body.is_object() {
        return Err("ไม่ใช่ระเบียน".into());
    }
    let (kind, org) = (text(body, "kind"), text(body, "org"));
    if let Some(s) = stored {
        if text(s, "kind") != kind || text(s, "org") != org {
            return Err(format!(
                "เปลี่ยนชนิดหรือเจ้าของของระเบียนที่มีอยู่ไม่ได้ ({} {} → {kind} {org})",
                text(s, "kind"),
                text(s, "org")
            ));
        }
    }
    holder.may_hold(kind, org)?;
    match shapes.get(kind) {
        Some(shape) => shape(org, body),
        None => Err(format!("ชนิด {kind} นำเข้าในหน้านี้ไม่ได้")),
    }
}

/// What a pull does with one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Store it.
    Take,
    /// Do not store it, and list it for the user with the reason.
    Refuse(String),
    /// Do not store it now, without complaint: it is for another pull to take (a test centre's marks, taken only by
    /// the chief tester's pull of their session, which checks them against it).
    Leave,
    /// Not readable by this page's [`Shapes`] though its organisation may hold it: the pull stops before it, without
    /// moving the checkpoint past it, so the sync page (which reads every kind) takes it later.
    Defer(String),
}

/// The rule of an ordinary pull of `holder`'s database: [`check_pulled`]; and in a test centre's database, marks not
/// on this device yet are [`Verdict::Leave`]: only the chief's pull of their session takes them (it checks them
/// against the session first, see `ui::judge::server`).
pub fn pull_verdict(holder: &Holder, shapes: &Shapes, incoming: Option<&Value>, stored: Option<&Value>) -> Verdict {
    // A standard's new mark in another organisation's database (a centre's, or a college's that is also a test
    // centre): only the chief's pull of its session takes it.
    let standards_mark = |b: &Value| text(b, "kind") == MarkRecord::KIND && is_uuid(text(b, "org"));
    if stored.is_none() && !matches!(holder, Holder::Standard(_)) && incoming.is_some_and(standards_mark) {
        return Verdict::Leave;
    }
    if let Some(body) = incoming {
        let kind = text(body, "kind");
        if !shapes.reads(kind) && holder.may_hold(kind, text(body, "org")).is_ok() {
            return Verdict::Defer(format!("ชนิด {kind}"));
        }
    }
    match check_pulled(holder, shapes, incoming, stored) {
        Ok(()) => Verdict::Take,
        Err(e) => Verdict::Refuse(e),
    }
}

/// One document a pull did not store, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    pub id: String,
    pub reason: String,
}

/// "เอกสาร N ฉบับไม่ถูกนำเข้า: id (เหตุผล); …" for the user, or nothing when none was refused.
pub fn refused_text(refused: &[Refused]) -> Option<String> {
    if refused.is_empty() {
        return None;
    }
    let list: Vec<String> = refused.iter().map(|r| format!("{} ({})", r.id, r.reason)).collect();
    Some(format!("เอกสาร {} ฉบับไม่ถูกนำเข้า: {}", refused.len(), list.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const COLLEGE: &str = "1310100001";
    const NEIGHBOUR: &str = "1310100002";
    const STD: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const ID: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const WHEN: &str = "2026-11-21T10:00:00.000Z";

    fn meta(kind: &str, org: &str) -> Value {
        json!({"id": ID, "kind": kind, "org": org, "created": WHEN, "updated": WHEN, "schema": 1})
    }

    fn with(mut base: Value, extra: Value) -> Value {
        for (k, v) in extra.as_object().unwrap() {
            base[k] = v.clone();
        }
        base
    }

    fn profile(org: &str, code: &str) -> Value {
        with(meta("reg_college", org), json!({"code": code, "name": "วิทยาลัย", "province": "10",
            "affiliation": "สอศ.", "sector": "government"}))
    }

    fn registration(org: &str, college: &str, year: Value) -> Value {
        with(meta("reg_registration", org), json!({"college": college, "year": year, "entries": []}))
    }

    fn mark(org: &str, value: &str) -> Value {
        with(meta("s26_mark", org), json!({"candidate": ID, "module": "1", "item": "1.1", "judge": 1,
            "value": value, "at": WHEN}))
    }

    #[test]
    fn holders_from_codes() {
        assert_eq!(Holder::of(COLLEGE), Holder::College(COLLEGE.into()));
        assert_eq!(Holder::of("10"), Holder::Province("10".into()));
        assert_eq!(Holder::of("00"), Holder::Centre("00".into()));
        assert_eq!(Holder::of(STD), Holder::Standard(STD.into()));
        assert_eq!(Holder::of("tc-bangkok"), Holder::Centre("tc-bangkok".into()));
    }

    #[test]
    fn a_college_database_holds_only_that_colleges_records() {
        let h = Holder::College(COLLEGE.into());
        assert_eq!(check_pulled(&h, &ALL, Some(&profile(COLLEGE, COLLEGE)), None), Ok(()));
        assert_eq!(check_pulled(&h, &ALL, Some(&registration(COLLEGE, COLLEGE, json!(2569))), None), Ok(()));
        // A registration owned by the province, written into the college's database.
        let e = check_pulled(&h, &ALL, Some(&with(meta("reg_province_year", "10"), json!({"year": 2569}))), None).unwrap_err();
        assert!(e.contains("10") && e.contains(COLLEGE), "{e}");
        // A profile claiming the neighbour's code: as the neighbour's record, or as its own with the neighbour's code.
        assert!(check_pulled(&h, &ALL, Some(&profile(NEIGHBOUR, NEIGHBOUR)), None).unwrap_err().contains(NEIGHBOUR));
        assert!(check_pulled(&h, &ALL, Some(&profile(COLLEGE, NEIGHBOUR)), None).unwrap_err().contains(NEIGHBOUR));
        assert!(check_pulled(&h, &ALL, Some(&registration(COLLEGE, NEIGHBOUR, json!(2569))), None).unwrap_err().contains(NEIGHBOUR));
        // A fake college.
        assert!(check_pulled(&h, &ALL, Some(&registration("1399999999", "1399999999", json!(2569))), None).is_err());
        // A kind a college does not own, under its own code.
        assert!(check_pulled(&h, &ALL, Some(&with(meta("reg_import", COLLEGE), json!({}))), None).unwrap_err().contains("reg_import"));
        // A body that does not parse as its kind.
        let e = check_pulled(&h, &ALL, Some(&registration(COLLEGE, COLLEGE, json!("x"))), None).unwrap_err();
        assert!(e.contains("อ่าน"), "{e}");
        assert!(check_pulled(&h, &ALL, Some(&json!("text")), None).is_err());
    }

    #[test]
    fn a_pull_never_moves_a_stored_record() {
        let h = Holder::College(COLLEGE.into());
        let stored = with(meta("qa_assessment", "10"), json!({}));
        // Deleting a record of another organisation through this database is refused.
        assert!(check_pulled(&h, &ALL, None, Some(&stored)).is_err());
        assert_eq!(check_pulled(&h, &ALL, None, Some(&profile(COLLEGE, COLLEGE))), Ok(()));
        assert_eq!(check_pulled(&h, &ALL, None, None), Ok(()));
        // Changing the kind of a stored record.
        let as_profile = profile(COLLEGE, COLLEGE);
        let stored = with(meta("college", COLLEGE), json!({"code": COLLEGE, "name": "x"}));
        assert!(check_pulled(&h, &ALL, Some(&as_profile), Some(&stored)).unwrap_err().contains("เปลี่ยน"));
    }

    #[test]
    fn a_centre_database_holds_its_own_data_sets_and_standards_marks() {
        let h = Holder::Centre("tc1".into());
        assert_eq!(check_pulled(&h, &ALL, Some(&mark(STD, "3")), None), Ok(()));
        // A mark whose owner is not a standard, or a standard's other records.
        assert!(check_pulled(&h, &ALL, Some(&mark("tc2", "3")), None).is_err());
        assert!(check_pulled(&h, &ALL, Some(&with(meta("s26_session", STD), json!({}))), None).is_err());
        // A mark that does not parse.
        assert!(check_pulled(&h, &ALL, Some(&mark(STD, "lots")), None).is_err());
        // Marks are append-only: the same mark again is fine, an edit or a deletion is refused.
        let stored = mark(STD, "3");
        assert_eq!(check_pulled(&h, &ALL, Some(&stored), Some(&stored)), Ok(()));
        assert!(check_pulled(&h, &ALL, Some(&mark(STD, "0")), Some(&stored)).unwrap_err().contains("แก้คะแนน"));
        assert!(check_pulled(&h, &ALL, None, Some(&stored)).unwrap_err().contains("ลบคะแนน"));
        // A college's database holds no marks.
        assert!(check_pulled(&Holder::College(COLLEGE.into()), &ALL, Some(&mark(STD, "3")), None).is_err());
    }

    #[test]
    fn ordinary_pulls_leave_a_centres_new_marks_to_the_chief() {
        let centre = Holder::Centre("tc1".into());
        assert_eq!(pull_verdict(&centre, &ALL, Some(&mark(STD, "3")), None), Verdict::Leave);
        let stored = mark(STD, "3");
        assert_eq!(pull_verdict(&centre, &ALL, Some(&stored), Some(&stored)), Verdict::Take);
        assert!(matches!(pull_verdict(&centre, &ALL, Some(&mark(STD, "0")), Some(&stored)), Verdict::Refuse(_)));
        assert!(matches!(pull_verdict(&centre, &ALL, Some(&mark("tc2", "3")), None), Verdict::Refuse(_)));
        let college = Holder::College(COLLEGE.into());
        assert_eq!(pull_verdict(&college, &ALL, Some(&mark(STD, "3")), None), Verdict::Leave);
        assert_eq!(pull_verdict(&college, &ALL, Some(&profile(COLLEGE, COLLEGE)), None), Verdict::Take);
        assert!(matches!(pull_verdict(&college, &ALL, Some(&profile(NEIGHBOUR, NEIGHBOUR)), None), Verdict::Refuse(_)));
    }

    #[test]
    fn a_page_defers_what_its_table_cannot_read_and_refuses_the_rest() {
        let college = Holder::College(COLLEGE.into());
        let assessment = with(meta("qa_assessment", COLLEGE), json!({"college": COLLEGE, "year": 2569, "input": {}}));
        // The province's page reads registrations only: a college's assessment waits for the sync page.
        assert!(matches!(pull_verdict(&college, &REGISTRATION, Some(&assessment), None), Verdict::Defer(_)));
        assert_eq!(pull_verdict(&college, &REGISTRATION, Some(&profile(COLLEGE, COLLEGE)), None), Verdict::Take);
        // What the database may not hold at all is still refused, whatever the page reads.
        let foreign = with(meta("qa_assessment", NEIGHBOUR), json!({"college": NEIGHBOUR, "year": 2569, "input": {}}));
        assert!(matches!(pull_verdict(&college, &REGISTRATION, Some(&foreign), None), Verdict::Refuse(_)));
        // The tables hold each kind once, and every table's kinds are in ALL.
        for table in [ALL, REGISTRATION, SECTION26] {
            for (i, (kind, _)) in table.0.iter().enumerate() {
                assert!(!table.0[..i].iter().any(|(k, _)| k == kind), "{kind} twice");
                assert!(ALL.reads(kind));
            }
        }
        assert_eq!(ALL.0.len(), crate::domain::record::KNOWN_KINDS.iter().filter(|k| **k != "reg_catalogue").count());
    }

    #[test]
    fn a_pulled_candidate_with_a_forged_application_is_refused_naming_the_field() {
        let standard = Holder::Standard(STD.into());
        let candidate = |application: Value| {
            with(meta("s26_candidate", STD), json!({"session": ID, "number": "A001", "name": "นายหนึ่ง ตั้งใจ",
                "birth": "2003-01-20", "answers": [], "application": application}))
        };
        // A record saved before applications existed, and one with a good application, are taken.
        let old = with(meta("s26_candidate", STD), json!({"session": ID, "number": "A001", "name": "นายหนึ่ง ตั้งใจ"}));
        assert_eq!(pull_verdict(&standard, &SECTION26, Some(&old), None), Verdict::Take);
        let good = json!({"date": "2021-01-10", "mobile": "0812345678", "education": [{"level": "ปวช.", "year": 2558}]});
        assert_eq!(pull_verdict(&standard, &SECTION26, Some(&candidate(good.clone())), None), Verdict::Take);
        let mut bad = good.clone();
        bad["mobile"] = json!("12345");
        assert_eq!(
            pull_verdict(&standard, &SECTION26, Some(&candidate(bad)), None),
            Verdict::Refuse("ผู้เข้าทดสอบหมายเลข A001 ใบสมัคร: โทรศัพท์มือถือ: “12345” ต้องเป็นตัวเลข 10 หลัก ขึ้นต้นด้วย 0".into())
        );
        let mut bad = good;
        bad["education"][0]["year"] = json!(2570);
        assert_eq!(
            pull_verdict(&standard, &ALL, Some(&candidate(bad)), None),
            Verdict::Refuse("ผู้เข้าทดสอบหมายเลข A001 ใบสมัคร: ประวัติการศึกษา แถว 1: ปี พ.ศ. ที่จบ 2570 ต้องอยู่ระหว่าง 2400–2564 (ไม่หลังปีที่สมัคร)".into())
        );
    }

    #[test]
    fn refused_list_for_the_user() {
        assert_eq!(refused_text(&[]), None);
        let r = [Refused { id: "a".into(), reason: "x".into() }, Refused { id: "b".into(), reason: "y".into() }];
        assert_eq!(refused_text(&r).unwrap(), "เอกสาร 2 ฉบับไม่ถูกนำเข้า: a (x); b (y)");
    }
}
