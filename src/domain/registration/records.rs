//! The stored records of tool registration and the rules for editing them.
//!
//! College side (`meta.org` = the 10-digit college code):
//! - [`CollegeProfile`] (`reg_college`): code, name, province, affiliation, government/private;
//! - [`Registration`] (`reg_registration`): one per academic year, the registered [`Entry`]s of all four groups.
//!
//! Provincial committee side (`meta.org` = the 2-digit province code, see [`crate::domain::provinces`]):
//! - [`ProvinceCollege`] (`reg_province_college`): a college of the province's list;
//! - [`ProvinceYear`] (`reg_province_year`): per academic year, the reasons recorded for colleges with nothing
//!   registered, and whether "no outside institution requests tools" was confirmed;
//! - [`OutsideInstitution`] (`reg_outside`): an institution outside the office registered by the committee;
//! - [`ImportedRegistration`] (`reg_import`): the latest registration file imported from one college for one year.
//!
//! Device-wide: [`CachedCatalogue`] (`reg_catalogue`, org `device`): the catalogue in use.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::catalogue::{Catalogue, Group, Spec};
use crate::domain::college_qa::records::valid_college_code;
use crate::domain::numbers::{parse, Kind};
use crate::domain::provinces;
use crate::domain::record::Meta;

/// รัฐบาล or เอกชน.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    #[default]
    Government,
    Private,
}

impl Sector {
    pub fn thai(self) -> &'static str {
        match self {
            Sector::Government => "รัฐบาล",
            Sector::Private => "เอกชน",
        }
    }

    /// `รัฐบาล` / `เอกชน` (or `government` / `private`).
    pub fn parse(text: &str) -> Option<Sector> {
        match text.trim().to_lowercase().as_str() {
            "รัฐบาล" | "government" => Some(Sector::Government),
            "เอกชน" | "private" => Some(Sector::Private),
            _ => None,
        }
    }
}

/// The profile fields of a college, as kept on the college's device and carried in its registration file.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// 10-digit college code.
    pub code: String,
    pub name: String,
    /// 2-digit province code.
    pub province: String,
    /// สังกัด, e.g. สำนักงานคณะกรรมการการอาชีวศึกษา.
    pub affiliation: String,
    pub sector: Sector,
}

impl Profile {
    /// Every problem of the profile as `(field, Thai message)`; empty when the profile is complete.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Err(e) = valid_college_code(self.code.trim()) {
            out.push(("code", e));
        }
        if self.name.trim().is_empty() {
            out.push(("name", "ชื่อสถานศึกษา: ต้องกรอก".into()));
        }
        if provinces::by_code(&self.province).is_none() {
            out.push(("province", "จังหวัด: ต้องเลือกจากรายชื่อ".into()));
        }
        if self.affiliation.trim().is_empty() {
            out.push(("affiliation", "สังกัด: ต้องกรอก".into()));
        }
        out
    }
}

/// The default affiliation of colleges under the Office of the Vocational Education Commission.
pub const OVEC: &str = "สำนักงานคณะกรรมการการอาชีวศึกษา";

/// A college's own profile (kind `reg_college`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CollegeProfile {
    #[serde(flatten)]
    pub meta: Meta,
    #[serde(flatten)]
    pub profile: Profile,
}
crate::impl_record!(CollegeProfile, "reg_college");

/// One registered specialisation and its number of final-year students (a whole number ≥ 1).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    #[serde(flatten)]
    pub spec: Spec,
    pub count: u32,
}

/// Parses a typed student count: a whole number ≥ 1 (Thai digits and commas accepted).
pub fn parse_count(text: &str) -> Result<u32, String> {
    const LABEL: &str = "จำนวนผู้เรียน";
    let value = parse(LABEL, text, Kind::Whole)?.ok_or_else(|| format!("{LABEL}: ต้องกรอก (อย่างน้อย 1 คน)"))?;
    let n: u32 = value.try_into().map_err(|_| format!("{LABEL}: มากเกินไป"))?;
    if n == 0 {
        return Err(format!("{LABEL}: ต้องอย่างน้อย 1 คน — ถ้าไม่มีผู้เรียนในสาขางานนี้ ไม่ต้องเลือก"));
    }
    Ok(n)
}

/// Adds `spec` with `count` students, or refuses when it is already registered (its count is edited in place).
pub fn add_entry(entries: &mut Vec<Entry>, spec: &Spec, count: u32) -> Result<(), String> {
    if count == 0 {
        return Err("จำนวนผู้เรียน: ต้องอย่างน้อย 1 คน".into());
    }
    if entries.iter().any(|e| e.spec.key() == spec.key()) {
        return Err(format!("สาขางาน{} ลงทะเบียนไว้แล้ว — แก้จำนวนในตาราง", spec.specialisation));
    }
    entries.push(Entry { spec: spec.clone(), count });
    crate::domain::sort::sort_by(entries, |a, b| Spec::order(&a.spec, &b.spec));
    Ok(())
}

/// Sets the count of a registered specialisation (ignored when it is not registered).
pub fn set_count(entries: &mut [Entry], spec: &Spec, count: u32) {
    if let Some(e) = entries.iter_mut().find(|e| e.spec.key() == spec.key()) {
        e.count = count;
    }
}

/// Removes a registered specialisation.
pub fn remove_entry(entries: &mut Vec<Entry>, spec: &Spec) {
    entries.retain(|e| e.spec.key() != spec.key());
}

/// Students registered in `group` (all groups when `None`).
pub fn students(entries: &[Entry], group: Option<Group>) -> u64 {
    entries.iter().filter(|e| group.is_none_or(|g| e.spec.group == g)).map(|e| u64::from(e.count)).sum()
}

/// A college's registration for one academic year (kind `reg_registration`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Registration {
    #[serde(flatten)]
    pub meta: Meta,
    pub college: String,
    /// Academic year, พ.ศ.
    pub year: u16,
    pub entries: Vec<Entry>,
}
crate::impl_record!(Registration, "reg_registration");

/// A college on the province's list (kind `reg_province_college`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ProvinceCollege {
    #[serde(flatten)]
    pub meta: Meta,
    pub code: String,
    pub name: String,
    pub sector: Sector,
}
crate::impl_record!(ProvinceCollege, "reg_province_college");

/// Why a college of the province has nothing registered (the seed's three choices).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// ปกติ (รอสถานศึกษากรอกข้อมูล).
    #[default]
    Pending,
    /// สถานศึกษาปิดกิจการ.
    Closed,
    /// ไม่มีผู้เข้ารับการประเมินในปีการศึกษานี้.
    NoCandidates,
}

impl Reason {
    pub const ALL: [Reason; 3] = [Reason::Pending, Reason::Closed, Reason::NoCandidates];

    pub fn thai(self) -> &'static str {
        match self {
            Reason::Pending => "ปกติ (รอสถานศึกษากรอกข้อมูล)",
            Reason::Closed => "สถานศึกษาปิดกิจการ",
            Reason::NoCandidates => "ไม่มีผู้เข้ารับการประเมินในปีการศึกษานี้",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Reason::Pending => "pending",
            Reason::Closed => "closed",
            Reason::NoCandidates => "no_candidates",
        }
    }

    pub fn from_id(id: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.id() == id)
    }
}

/// The committee's notes for one academic year (kind `reg_province_year`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ProvinceYear {
    #[serde(flatten)]
    pub meta: Meta,
    pub year: u16,
    /// Reason per college code; a college not listed is [`Reason::Pending`].
    #[serde(default)]
    pub reasons: BTreeMap<String, Reason>,
    /// "No outside institution requests tools this year" was confirmed.
    #[serde(default)]
    pub no_outside: bool,
}
crate::impl_record!(ProvinceYear, "reg_province_year");

/// An institution outside the office, registered by the committee (kind `reg_outside`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct OutsideInstitution {
    #[serde(flatten)]
    pub meta: Meta,
    pub year: u16,
    pub name: String,
    pub sector: Sector,
    /// สังกัด (free text), e.g. สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน.
    pub affiliation: String,
    /// 2-digit province code where the institution is.
    pub province: String,
    pub entries: Vec<Entry>,
}
crate::impl_record!(OutsideInstitution, "reg_outside");

impl OutsideInstitution {
    /// What is still missing before the row is complete (Thai, naming the field); empty when complete.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push("ชื่อสถานศึกษา/หน่วยงาน: ต้องกรอก".to_string());
        }
        if self.affiliation.trim().is_empty() {
            out.push("สังกัด: ต้องกรอก".to_string());
        }
        if provinces::by_code(&self.province).is_none() {
            out.push("จังหวัด: ต้องเลือก".to_string());
        }
        if self.entries.is_empty() {
            out.push("ยังไม่ได้เลือกสาขางาน".to_string());
        }
        out
    }
}

/// The latest registration file imported from one college for one year (kind `reg_import`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ImportedRegistration {
    #[serde(flatten)]
    pub meta: Meta,
    pub year: u16,
    /// The college's profile as written in its file.
    pub college: Profile,
    /// When the college exported the file (ISO 8601): a later file replaces this one.
    pub exported: String,
    /// The file's checksum: an identical file is recognised and not imported twice.
    pub checksum: String,
    /// Name of the file it came from.
    pub file_name: String,
    pub entries: Vec<Entry>,
}
crate::impl_record!(ImportedRegistration, "reg_import");

/// The organisation that owns device-wide records (the cached catalogue).
pub const DEVICE_ORG: &str = "device";

/// The catalogue in use on this device (kind `reg_catalogue`, org [`DEVICE_ORG`]): the last one loaded from the app's
/// files or imported as CSV, so the app works offline after one load. An imported (official) list is kept until
/// another is imported; the starter is refreshed whenever the app ships a new edition.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CachedCatalogue {
    #[serde(flatten)]
    pub meta: Meta,
    pub catalogue: Catalogue,
}
crate::impl_record!(CachedCatalogue, "reg_catalogue");

/// One line of a college-list CSV (`code,name,sector`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedCollege {
    pub code: String,
    pub name: String,
    pub sector: Sector,
}

/// Reads the province's college list as CSV: `code,name,sector` (sector รัฐบาล/เอกชน; a header line `code,name,sector`
/// is skipped). Every bad line is named; any bad line refuses the whole file.
pub fn parse_college_list(text: &str) -> Result<Vec<ListedCollege>, String> {
    let records = crate::domain::csv::parse(text)?;
    let mut out: Vec<ListedCollege> = Vec::new();
    let mut lines: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    for (i, rec) in records.iter().enumerate() {
        let f: Vec<&str> = rec.fields.iter().map(|s| s.trim()).collect();
        if i == 0 && f.iter().map(|s| s.to_lowercase()).eq(["code", "name", "sector"].map(String::from)) {
            continue;
        }
        let line = rec.line;
        if f.len() != 3 {
            problems.push(format!("บรรทัด {line}: ต้องมี 3 ช่อง (code,name,sector) แต่มี {} ช่อง", f.len()));
            continue;
        }
        if let Err(e) = valid_college_code(f[0]) {
            problems.push(format!("บรรทัด {line}: code: {e}"));
            continue;
        }
        if f[1].is_empty() {
            problems.push(format!("บรรทัด {line}: name: ต้องไม่ว่าง"));
            continue;
        }
        let Some(sector) = Sector::parse(f[2]) else {
            problems.push(format!("บรรทัด {line}: sector: “{}” ต้องเป็น รัฐบาล หรือ เอกชน", f[2]));
            continue;
        };
        if let Some(first) = lines.insert(f[0].to_string(), line) {
            problems.push(format!("บรรทัด {line}: รหัส {} ซ้ำกับบรรทัด {first}", f[0]));
            continue;
        }
        out.push(ListedCollege { code: f[0].into(), name: f[1].into(), sector });
    }
    if !problems.is_empty() {
        return Err(format!("ไม่ได้นำเข้ารายชื่อใดเลย เพราะพบข้อผิดพลาด:\n{}", problems.join("\n")));
    }
    if out.is_empty() {
        return Err("ไฟล์ไม่มีรายชื่อสถานศึกษา".into());
    }
    Ok(out)
}

/// A college list file merged into the province's list: the records to write and how many are new or changed.
#[derive(Clone, Debug, PartialEq)]
pub struct ListMerge {
    pub records: Vec<ProvinceCollege>,
    pub added: usize,
    pub changed: usize,
}

/// Merges the colleges of a list file into the province's `list`: one already listed with the same name and sector
/// is left as it is; one listed with another name or sector is rewritten (its meta kept, `updated` = `now`); a new
/// one gets `meta_for(code)`.
pub fn merge_college_list(list: &[ProvinceCollege], listed: Vec<ListedCollege>, now: &str, meta_for: impl Fn(&str) -> Meta) -> ListMerge {
    let (mut added, mut changed) = (0, 0);
    let records = listed
        .into_iter()
        .filter_map(|l| match list.iter().find(|x| x.code == l.code) {
            Some(old) if old.name == l.name && old.sector == l.sector => None,
            Some(old) => {
                changed += 1;
                Some(ProvinceCollege { meta: Meta { updated: now.to_string(), ..old.meta.clone() }, name: l.name, sector: l.sector, code: l.code })
            }
            None => {
                added += 1;
                Some(ProvinceCollege { meta: meta_for(&l.code), code: l.code, name: l.name, sector: l.sector })
            }
        })
        .collect();
    ListMerge { records, added, changed }
}

/// Checks one college typed into the province's list (code and name trimmed): a valid code, a name, and not listed
/// yet. Returns the trimmed code and name.
pub fn check_new_college(list: &[ProvinceCollege], code: &str, name: &str) -> Result<(String, String), String> {
    let (code, name) = (code.trim(), name.trim());
    valid_college_code(code).map_err(|e| format!("รหัสสถานศึกษา: {e}"))?;
    if name.is_empty() {
        return Err("ชื่อสถานศึกษา: ต้องกรอก".into());
    }
    if list.iter().any(|x| x.code == code) {
        return Err(format!("รหัสสถานศึกษา: {code} อยู่ในรายชื่อแล้ว"));
    }
    Ok((code.to_string(), name.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Record;

    fn listed_college(code: &str, name: &str, sector: Sector) -> ProvinceCollege {
        let meta = Meta::new(format!("id-{code}"), ProvinceCollege::KIND, "10", "2026-01-01T00:00:00.000Z");
        ProvinceCollege { meta, code: code.into(), name: name.into(), sector }
    }

    #[test]
    fn a_college_list_adds_new_colleges_updates_changed_ones_and_leaves_the_rest() {
        let list = vec![listed_college("1010000001", "ก", Sector::Government), listed_college("1010000002", "ข", Sector::Private)];
        let file = parse_college_list("code,name,sector\n1010000001,ก,รัฐบาล\n1010000002,ข ใหม่,เอกชน\n1010000003,ค,เอกชน\n").unwrap();
        let now = "2026-05-01T00:00:00.000Z";
        let merged = merge_college_list(&list, file, now, |code| {
            Meta::new(format!("new-{code}"), ProvinceCollege::KIND, "10", now)
        });
        assert_eq!((merged.added, merged.changed), (1, 1));
        let changed = &merged.records[0];
        assert_eq!((changed.meta.id.as_str(), changed.name.as_str(), changed.meta.updated.as_str()), ("id-1010000002", "ข ใหม่", now));
        assert_eq!(changed.meta.created, "2026-01-01T00:00:00.000Z");
        let added = &merged.records[1];
        assert_eq!((added.meta.id.as_str(), added.code.as_str(), added.sector), ("new-1010000003", "1010000003", Sector::Private));
        assert_eq!(merged.records.len(), 2);
    }

    #[test]
    fn a_typed_college_needs_a_code_a_name_and_a_new_code() {
        let list = vec![listed_college("1010000001", "ก", Sector::Government)];
        assert_eq!(check_new_college(&list, " 1010000009 ", " ง "), Ok(("1010000009".into(), "ง".into())));
        assert!(check_new_college(&list, "12", "ง").unwrap_err().starts_with("รหัสสถานศึกษา: "));
        assert_eq!(check_new_college(&list, "1010000009", "  ").unwrap_err(), "ชื่อสถานศึกษา: ต้องกรอก");
        assert_eq!(check_new_college(&list, "1010000001", "ก").unwrap_err(), "รหัสสถานศึกษา: 1010000001 อยู่ในรายชื่อแล้ว");
    }

    fn spec(group: Group, s: &str) -> Spec {
        Spec { group, program_type: "อุตสาหกรรม".into(), major: "ช่างยนต์".into(), specialisation: s.into(), code: String::new() }
    }

    #[test]
    fn counts_are_whole_numbers_of_at_least_one() {
        assert_eq!(parse_count("12"), Ok(12));
        assert_eq!(parse_count(" ๑๒ "), Ok(12));
        assert_eq!(parse_count("1,200"), Ok(1200));
        assert!(parse_count("0").unwrap_err().contains("อย่างน้อย 1"));
        assert!(parse_count("").unwrap_err().contains("ต้องกรอก"));
        assert!(parse_count("2.5").unwrap_err().contains("จำนวนเต็ม"));
        assert!(parse_count("-3").unwrap_err().contains("ไม่ติดลบ"));
        assert!(parse_count("99999999999").unwrap_err().contains("มากเกินไป"));
    }

    #[test]
    fn entries_are_unique_per_specialisation_and_sorted() {
        let mut e = Vec::new();
        add_entry(&mut e, &spec(Group::Hvc63, "ข"), 5).unwrap();
        add_entry(&mut e, &spec(Group::Pvc62, "ก"), 10).unwrap();
        assert!(add_entry(&mut e, &spec(Group::Pvc62, "ก"), 3).unwrap_err().contains("ลงทะเบียนไว้แล้ว"));
        assert!(add_entry(&mut e, &spec(Group::Pvc62, "ค"), 0).is_err());
        // The same name in another group is another specialisation.
        add_entry(&mut e, &spec(Group::Hvc63, "ก"), 2).unwrap();
        assert_eq!(e.iter().map(|x| (x.spec.group, x.spec.specialisation.as_str())).collect::<Vec<_>>(),
            vec![(Group::Pvc62, "ก"), (Group::Hvc63, "ก"), (Group::Hvc63, "ข")]);
        set_count(&mut e, &spec(Group::Pvc62, "ก"), 11);
        assert_eq!(students(&e, Some(Group::Pvc62)), 11);
        assert_eq!(students(&e, None), 18);
        remove_entry(&mut e, &spec(Group::Hvc63, "ก"));
        assert_eq!(students(&e, None), 16);
    }

    #[test]
    fn profile_problems_name_the_field() {
        let ok = Profile {
            code: "1310016201".into(),
            name: "วิทยาลัยเทคนิคทดสอบ".into(),
            province: "13".into(),
            affiliation: OVEC.into(),
            sector: Sector::Government,
        };
        assert!(ok.problems().is_empty());
        let bad = Profile { code: "131001620".into(), province: "99".into(), ..Default::default() };
        let fields: Vec<&str> = bad.problems().iter().map(|p| p.0).collect();
        assert_eq!(fields, vec!["code", "name", "province", "affiliation"]);
        assert!(bad.problems()[0].1.contains("10 หลัก"));
    }

    #[test]
    fn college_list_csv() {
        let list = parse_college_list("code,name,sector\n1310016201,วิทยาลัยเทคนิค ก,รัฐบาล\n1310016202,\"วิทยาลัย ข, เอกชน\",เอกชน\n").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[1].sector, Sector::Private);
        assert_eq!(list[1].name, "วิทยาลัย ข, เอกชน");
        let err = parse_college_list("1310016201,ก,รัฐบาล\n131001620,ข,รัฐบาล\n1310016203,ค,วัด\n1310016201,ง,เอกชน\n1310016205,จ\n").unwrap_err();
        assert!(err.starts_with("ไม่ได้นำเข้ารายชื่อใดเลย"));
        for needle in ["บรรทัด 2: code:", "บรรทัด 3: sector:", "บรรทัด 4: รหัส 1310016201 ซ้ำกับบรรทัด 1", "บรรทัด 5: ต้องมี 3 ช่อง"] {
            assert!(err.contains(needle), "{needle} in {err}");
        }
    }

    #[test]
    fn records_round_trip_with_their_kind() {
        let r = Registration {
            meta: Meta::new("00000000-0000-4000-8000-000000000001".into(), "reg_registration", "1310016201", "t"),
            college: "1310016201".into(),
            year: 2569,
            entries: vec![Entry { spec: spec(Group::Pvc62, "ยานยนต์"), count: 12 }],
        };
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["kind"], "reg_registration");
        assert_eq!(v["entries"][0]["group"], "pvc62");
        assert_eq!(v["entries"][0]["count"], 12);
        assert_eq!(serde_json::from_value::<Registration>(v).unwrap(), r);
        let kinds = [
            CollegeProfile::KIND,
            Registration::KIND,
            ProvinceCollege::KIND,
            ProvinceYear::KIND,
            OutsideInstitution::KIND,
            ImportedRegistration::KIND,
            CachedCatalogue::KIND,
        ];
        for k in kinds {
            assert!(crate::domain::record::KNOWN_KINDS.contains(&k), "{k} is in KNOWN_KINDS");
        }
    }
}
