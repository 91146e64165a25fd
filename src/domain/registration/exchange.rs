//! The registration file a college sends to its provincial committee, and its checks.
//!
//! # Format (version 1)
//!
//! ```json
//! {
//!   "format": "mattrathan-tool-registration",
//!   "version": 1,
//!   "college": { "code": "1310016201", "name": "…", "province": "13", "affiliation": "…", "sector": "government" },
//!   "year": 2569,
//!   "exported": "2026-11-21T10:00:00.000Z",
//!   "catalogue": "starter-2569.1",
//!   "count": 2,
//!   "checksum": "1a2b3c4d",
//!   "entries": [ { "group": "pvc62", "program_type": "อุตสาหกรรม", "major": "ช่างยนต์", "specialisation": "ยานยนต์",
//!                  "code": "", "count": 12 } ]
//! }
//! ```
//!
//! `checksum` is [`crc32_hex`] of the compact JSON of `{"college", "entries", "year"}` (keys sorted, as
//! `serde_json::Value` writes them): two files with the same registration have the same checksum whenever they were
//! exported, and damage to the registration breaks it. A CRC-32 detects accidental damage only: it is not a signature,
//! anyone can edit a file and recompute it, so every field is checked on its own as well. Every refusal names the field
//! or the entry (numbered from 1).
//!
//! Keys are normalised as the file is read ([`normalise_key`]: trimmed, Thai digits as ASCII): the college code, its
//! province and each entry's code, so `"1310016201 "` and `"๑๓๑๐๐๑๖๒๐๑"` group as college `1310016201`. The
//! checksum is over the file's text as written. [`parse_exchange_at`] also refuses a file `exported` in the future.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::catalogue::{Group, Spec};
use super::records::{CollegeProfile, Entry, Profile, Registration};
use crate::domain::checksum::crc32_hex;
use crate::domain::normalise::{is_future, iso_millis, normalise_key};

pub const EXCHANGE_FORMAT: &str = "mattrathan-tool-registration";
pub const EXCHANGE_VERSION: u32 = 1;

/// A registration file that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct ExchangeFile {
    pub college: Profile,
    pub year: u16,
    pub exported: String,
    pub catalogue: String,
    pub checksum: String,
    pub entries: Vec<Entry>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'a str,
    version: u32,
    college: &'a Profile,
    year: u16,
    exported: &'a str,
    catalogue: &'a str,
    count: usize,
    checksum: String,
    entries: &'a [Entry],
}

/// The CRC-32 of `{"college":…,"entries":…,"year":…}` written compact with every object's keys sorted (serde_json's
/// map order; `json!` of the three would write the same text), without copying the three values.
fn checksum_of(college: &Value, year: &Value, entries: &Value) -> String {
    #[derive(Serialize)]
    struct Payload<'a> {
        college: &'a Value,
        entries: &'a Value,
        year: &'a Value,
    }
    let payload = serde_json::to_string(&Payload { college, entries, year }).expect("serialising JSON values");
    crc32_hex(payload.as_bytes())
}

/// Writes the registration file. Refuses an incomplete profile or an empty registration (nothing to send).
pub fn make_exchange(
    college: &Profile,
    year: u16,
    exported: &str,
    catalogue: &str,
    entries: &[Entry],
) -> Result<String, String> {
    if let Some((_, problem)) = college.problems().into_iter().next() {
        return Err(format!("กรอกข้อมูลสถานศึกษาให้ครบก่อนส่งออก — {problem}"));
    }
    if entries.is_empty() {
        return Err(format!("ปีการศึกษา {year} ยังไม่ได้ลงทะเบียนสาขางานใด — ไม่มีอะไรให้ส่งออก"));
    }
    let checksum = checksum_of(&json!(college), &json!(year), &json!(entries));
    let file = FileOut {
        format: EXCHANGE_FORMAT,
        version: EXCHANGE_VERSION,
        college,
        year,
        exported,
        catalogue,
        count: entries.len(),
        checksum,
        entries,
    };
    let text = serde_json::to_string_pretty(&file).expect("serialising a registration file");
    parse_exchange(&text).map_err(|e| format!("ไฟล์ที่สร้างไม่ผ่านการตรวจ: {e}"))?;
    Ok(text)
}

/// The registration a college's own records hold, as the file it would export: what a province pulled from the
/// college's server database (its `reg_college` profile and its `reg_registration` of the year) goes through the
/// same checks and the same checksum as an imported file, so a file and a pull of the same registration are
/// duplicates. `exported` is the later of the two records' `updated` (an edit after an export makes it newer).
pub fn exchange_of_records(profile: &CollegeProfile, registration: &Registration) -> Result<ExchangeFile, String> {
    let exported = profile.meta.updated.as_str().max(registration.meta.updated.as_str());
    let text = make_exchange(&profile.profile, registration.year, exported, "", &registration.entries)?;
    parse_exchange(&text)
}

/// Reads and checks a registration file; nothing is imported unless this returns `Ok`. The error is a Thai sentence
/// naming the field or entry.
pub fn parse_exchange(text: &str) -> Result<ExchangeFile, String> {
    let root: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("ไม่ใช่ JSON ที่ถูกต้อง (บรรทัด {} คอลัมน์ {})", e.line(), e.column()))?;
    let head = root.as_object().ok_or("ไม่ใช่ไฟล์ลงทะเบียนขอรับเครื่องมือ")?;
    match head.get("format").and_then(Value::as_str) {
        Some(EXCHANGE_FORMAT) => {}
        Some("mattrathan-backup") => return Err("เป็นไฟล์สำรองข้อมูล ไม่ใช่ไฟล์ลงทะเบียนขอรับเครื่องมือ".into()),
        _ => return Err("ไม่ใช่ไฟล์ลงทะเบียนขอรับเครื่องมือ (ช่อง format ไม่ถูกต้อง)".into()),
    }
    let version = head.get("version").and_then(Value::as_u64).ok_or("ช่อง version: ไม่มีหรือไม่ใช่ตัวเลข")?;
    if version > u64::from(EXCHANGE_VERSION) {
        return Err(format!("ไฟล์รุ่น {version} ใหม่กว่าที่โปรแกรมนี้อ่านได้ (รุ่น {EXCHANGE_VERSION})"));
    }
    let field = |name: &str| head.get(name).ok_or_else(|| format!("ช่อง {name}: ไม่มี"));
    let (college_v, year_v, entries_v) = (field("college")?, field("year")?, field("entries")?);
    let stated = field("checksum")?.as_str().ok_or("ช่อง checksum: ไม่ใช่ข้อความ")?.to_string();
    let computed = checksum_of(college_v, year_v, entries_v);
    if stated != computed {
        return Err(format!(
            "ไฟล์เสียหาย: ค่าตรวจสอบความเสียหาย (checksum CRC-32) ในไฟล์คือ {stated} แต่ข้อมูลคำนวณได้ {computed} — ไฟล์อาจดาวน์โหลดหรือคัดลอกมาไม่ครบ"
        ));
    }
    let mut college = Profile::deserialize(college_v).map_err(|e| format!("ช่อง college: อ่านไม่ได้ ({e})"))?;
    college.code = normalise_key(&college.code);
    college.province = normalise_key(&college.province);
    if let Some((f, problem)) = college.problems().into_iter().next() {
        return Err(format!("ช่อง college.{f}: {problem}"));
    }
    let year = year_v
        .as_u64()
        .and_then(|y| u16::try_from(y).ok())
        .filter(|y| (2500..=2700).contains(y))
        .ok_or("ช่อง year: ต้องเป็นปีการศึกษา พ.ศ. เช่น 2569")?;
    let exported = field("exported")?.as_str().ok_or("ช่อง exported: ไม่ใช่ข้อความ")?.to_string();
    let catalogue = head.get("catalogue").and_then(Value::as_str).unwrap_or_default().to_string();
    let list = entries_v.as_array().ok_or("ช่อง entries: ต้องเป็นรายการ")?;
    if let Some(count) = head.get("count").and_then(Value::as_u64) {
        if count != list.len() as u64 {
            return Err(format!("ไฟล์ระบุว่ามี {count} รายการ แต่พบ {} รายการ", list.len()));
        }
    }
    if list.is_empty() {
        return Err("ไฟล์ไม่มีสาขางานที่ลงทะเบียน".into());
    }
    let mut entries: Vec<Entry> = Vec::with_capacity(list.len());
    // Each specialisation's first entry (numbered from 1), to name a repeat.
    let mut seen: HashMap<(Group, String, String, String), usize> = HashMap::with_capacity(list.len());
    for (i, v) in list.iter().enumerate() {
        let n = i + 1;
        let mut e = Entry::deserialize(v).map_err(|err| format!("รายการที่ {n}: อ่านไม่ได้ ({err})"))?;
        e.spec.code = normalise_key(&e.spec.code);
        if e.count == 0 {
            return Err(format!("รายการที่ {n}: จำนวนผู้เรียนต้องอย่างน้อย 1 คน"));
        }
        if [&e.spec.program_type, &e.spec.major, &e.spec.specialisation].iter().any(|s| s.trim().is_empty()) {
            return Err(format!("รายการที่ {n}: ชื่อประเภทวิชา สาขาวิชา และสาขางานต้องไม่ว่าง"));
        }
        let (g, t, m, sp) = e.spec.key();
        if let Some(first) = seen.insert((g, t.to_string(), m.to_string(), sp.to_string()), n) {
            return Err(format!("รายการที่ {n}: สาขางาน{} ซ้ำกับรายการที่ {first}", e.spec.specialisation));
        }
        entries.push(e);
    }
    crate::domain::sort::sort_by(&mut entries, |a, b| Spec::order(&a.spec, &b.spec));
    Ok(ExchangeFile { college, year, exported, catalogue, checksum: stated, entries })
}

/// [`parse_exchange`], and refuses a file whose `exported` time cannot be read or lies more than a few minutes after
/// `now` (this device's clock): a file dated in the future would win over every later one.
pub fn parse_exchange_at(text: &str, now: &str) -> Result<ExchangeFile, String> {
    let file = parse_exchange(text)?;
    if iso_millis(&file.exported).is_none() {
        return Err(format!("ช่อง exported: “{}” ไม่ใช่วันเวลา (ISO 8601)", file.exported));
    }
    if is_future(&file.exported, now) {
        return Err(format!(
            "ไฟล์ระบุเวลาส่งออก {} ซึ่งเลยเวลาปัจจุบันของเครื่องนี้ ({now}) — ไม่รับไฟล์ที่ลงเวลาในอนาคต ตรวจนาฬิกาของเครื่องที่ส่งออก",
            file.exported
        ));
    }
    Ok(file)
}

/// The file name a college's export gets: `registration-<code>-<year>.json`.
pub fn file_name(code: &str, year: u16) -> String {
    format!("registration-{code}-{year}.json")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::registration::catalogue::Group;
    use crate::domain::registration::records::{Sector, OVEC};

    pub fn profile(code: &str) -> Profile {
        Profile {
            code: code.into(),
            name: format!("วิทยาลัย {code}"),
            province: "13".into(),
            affiliation: OVEC.into(),
            sector: Sector::Government,
        }
    }

    pub fn entry(group: Group, major: &str, spec: &str, count: u32) -> Entry {
        Entry {
            spec: Spec {
                group,
                program_type: "อุตสาหกรรม".into(),
                major: major.into(),
                specialisation: spec.into(),
                code: String::new(),
            },
            count,
        }
    }

    fn sample() -> Vec<Entry> {
        vec![entry(Group::Pvc62, "ช่างยนต์", "ยานยนต์", 12), entry(Group::Hvc63, "ไฟฟ้า", "ไฟฟ้ากำลัง", 7)]
    }

    #[test]
    fn a_made_file_reads_back_and_its_checksum_ignores_the_export_time() {
        let a = make_exchange(&profile("1310016201"), 2569, "2026-11-21T10:00:00.000Z", "starter", &sample()).unwrap();
        let b = make_exchange(&profile("1310016201"), 2569, "2026-11-22T10:00:00.000Z", "starter", &sample()).unwrap();
        let fa = parse_exchange(&a).unwrap();
        let fb = parse_exchange(&b).unwrap();
        assert_eq!(fa.checksum, fb.checksum);
        assert_eq!(fa.year, 2569);
        assert_eq!(fa.college.code, "1310016201");
        assert_eq!(fa.entries.len(), 2);
        let v: Value = serde_json::from_str(&a).unwrap();
        assert_eq!(v["format"], EXCHANGE_FORMAT);
        assert_eq!(v["version"], 1);
        // Re-indenting does not break the checksum.
        assert!(parse_exchange(&serde_json::to_string(&v).unwrap()).is_ok());
    }

    #[test]
    fn edits_damage_and_foreign_files_are_refused_with_a_reason() {
        let text = make_exchange(&profile("1310016201"), 2569, "2026-11-21T10:00:00.000Z", "starter", &sample()).unwrap();
        assert!(parse_exchange(&text.replace("\"count\": 12", "\"count\": 13")).unwrap_err().contains("checksum"));
        assert!(parse_exchange(&text[..text.len() / 2]).unwrap_err().contains("ไม่ใช่ JSON"));
        assert!(parse_exchange("{\"format\":\"mattrathan-backup\"}").unwrap_err().contains("ไฟล์สำรอง"));
        assert!(parse_exchange("[]").is_err());
        let newer = text.replace("\"version\": 1", "\"version\": 9");
        assert!(parse_exchange(&newer).unwrap_err().contains("รุ่น 9"));
        // A hand-made file with a recomputed checksum is still checked entry by entry.
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["entries"][1] = v["entries"][0].clone();
        v["checksum"] = json!(checksum_of(&v["college"], &v["year"], &v["entries"]));
        assert_eq!(parse_exchange(&v.to_string()).unwrap_err(), "รายการที่ 2: สาขางานยานยนต์ ซ้ำกับรายการที่ 1");
        v["entries"][1]["count"] = json!(0);
        v["checksum"] = json!(checksum_of(&v["college"], &v["year"], &v["entries"]));
        assert!(parse_exchange(&v.to_string()).unwrap_err().starts_with("รายการที่ 2: จำนวนผู้เรียน"));
        v["college"]["code"] = json!("123");
        v["checksum"] = json!(checksum_of(&v["college"], &v["year"], &v["entries"]));
        assert!(parse_exchange(&v.to_string()).unwrap_err().starts_with("ช่อง college.code"));
    }

    #[test]
    fn the_checksum_covers_the_three_fields_written_compact_with_sorted_keys() {
        let text = make_exchange(&profile("1310016201"), 2569, "2026-11-21T10:00:00.000Z", "starter", &sample()).unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        // What the checksum was before it stopped copying the values (and what tests/e2e/checksum.mjs computes).
        let copied = json!({ "college": v["college"], "year": v["year"], "entries": v["entries"] }).to_string();
        assert!(copied.starts_with("{\"college\":{\"affiliation\":"), "{copied}");
        assert_eq!(checksum_of(&v["college"], &v["year"], &v["entries"]), crc32_hex(copied.as_bytes()));
        assert_eq!(v["checksum"], json!(crc32_hex(copied.as_bytes())));
    }

    #[test]
    fn a_college_s_records_read_as_its_file_with_the_same_checksum() {
        use crate::domain::record::Meta;
        let meta = |kind: &str, at: &str| Meta::new(format!("id-{kind}"), kind, "1310016201", at);
        let profile_rec = CollegeProfile { meta: meta("reg_college", "2026-11-20T08:00:00.000Z"), profile: profile("1310016201") };
        let reg = Registration {
            meta: meta("reg_registration", "2026-11-21T09:30:00.000Z"),
            college: "1310016201".into(),
            year: 2569,
            entries: sample(),
        };
        let pulled = exchange_of_records(&profile_rec, &reg).unwrap();
        let file = parse_exchange(&make_exchange(&profile("1310016201"), 2569, "2026-12-01T00:00:00.000Z", "starter", &sample()).unwrap()).unwrap();
        assert_eq!(pulled.checksum, file.checksum, "a pull and a file of the same registration are duplicates");
        assert_eq!(pulled.exported, "2026-11-21T09:30:00.000Z", "the later of the two records");
        assert_eq!((pulled.year, pulled.entries.len()), (2569, 2));
        let mut p2 = profile_rec.clone();
        p2.meta.updated = "2026-11-22T00:00:00.000Z".into();
        assert_eq!(exchange_of_records(&p2, &reg).unwrap().exported, "2026-11-22T00:00:00.000Z");
        let empty = Registration { entries: Vec::new(), ..reg.clone() };
        assert!(exchange_of_records(&profile_rec, &empty).unwrap_err().contains("ยังไม่ได้ลงทะเบียนสาขางานใด"));
        p2.profile.affiliation.clear();
        assert!(exchange_of_records(&p2, &reg).unwrap_err().contains("สังกัด"));
    }

    #[test]
    fn incomplete_profiles_and_empty_registrations_are_not_exported() {
        let mut p = profile("1310016201");
        p.name.clear();
        assert!(make_exchange(&p, 2569, "t", "", &sample()).unwrap_err().contains("ชื่อสถานศึกษา"));
        assert!(make_exchange(&profile("1310016201"), 2569, "t", "", &[]).unwrap_err().contains("ไม่มีอะไรให้ส่งออก"));
        assert_eq!(file_name("1310016201", 2569), "registration-1310016201-2569.json");
    }

    #[test]
    fn college_codes_and_keys_are_normalised_when_read() {
        let mut p = profile("1310016201");
        p.code = "1310016201 ".into();
        let mut entries = sample();
        entries[0].spec.code = " ๒๐๑๐๑ ".into();
        let f = parse_exchange(&make_exchange(&p, 2569, "2026-11-21T10:00:00.000Z", "", &entries).unwrap()).unwrap();
        assert_eq!(f.college.code, "1310016201");
        assert!(f.entries.iter().any(|e| e.spec.code == "20101"), "{:?}", f.entries);
        let text = make_exchange(&profile("1310016201"), 2569, "2026-11-21T10:00:00.000Z", "", &sample()).unwrap();
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["college"]["code"] = json!("๑๓๑๐๐๑๖๒๐๑");
        v["college"]["province"] = json!(" 13");
        v["checksum"] = json!(checksum_of(&v["college"], &v["year"], &v["entries"]));
        let f = parse_exchange(&v.to_string()).unwrap();
        assert_eq!((f.college.code.as_str(), f.college.province.as_str()), ("1310016201", "13"));
    }

    #[test]
    fn a_file_exported_in_the_future_is_refused() {
        let now = "2026-11-21T10:00:00.000Z";
        let at = |t: &str| make_exchange(&profile("1310016201"), 2569, t, "", &sample()).unwrap();
        assert!(parse_exchange_at(&at("2026-11-21T10:03:00.000Z"), now).is_ok(), "a few minutes of skew");
        let e = parse_exchange_at(&at("2030-01-01T00:00:00.000Z"), now).unwrap_err();
        assert!(e.contains("2030-01-01") && e.contains("อนาคต"), "{e}");
        assert!(parse_exchange_at(&at("ปีหน้า"), now).unwrap_err().starts_with("ช่อง exported"));
    }

    #[test]
    fn messages_never_claim_the_checksum_detects_tampering() {
        let text = make_exchange(&profile("1310016201"), 2569, "2026-11-21T10:00:00.000Z", "", &sample()).unwrap();
        let e = parse_exchange(&text.replace("\"count\": 12", "\"count\": 13")).unwrap_err();
        for word in ["ถูกแก้ไข", "ปลอมแปลง", "tamper"] {
            assert!(!e.contains(word), "{e}");
        }
    }

    #[test]
    fn a_code_with_a_trailing_space_groups_as_the_same_college() {
        let mut spaced = profile("1310016201");
        spaced.code = "1310016201 ".into();
        let a = make_exchange(&profile("1310016201"), 2569, "2026-11-21T10:00:00.000Z", "", &sample()).unwrap();
        let b = make_exchange(&spaced, 2569, "2026-11-22T10:00:00.000Z", "", &sample()).unwrap();
        let plan = crate::domain::registration::aggregate::plan_import(
            "13",
            2569,
            &[],
            &[],
            vec![("a.json".into(), a), ("b.json".into(), b)],
        );
        assert_eq!(plan.write.len(), 1, "one college, not two: {:?}", plan.results);
        assert_eq!(plan.write[0].1.college.code, "1310016201");
        assert_eq!(plan.new_colleges.len(), 1);
    }
}
