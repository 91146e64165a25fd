//! The provincial committee's side: importing many college registration files at once, and the check view.
//!
//! Importing never double-counts. The committee keeps at most one registration per college and year (the
//! [`ImportedRegistration`] record); a file is compared with what is stored and with the other files of the same batch:
//! - the same registration again (same checksum) is a duplicate and changes nothing;
//! - a file exported later than the kept one replaces it, and the result says which file it replaced;
//! - a file exported earlier than the kept one (or than another file of the batch) is not used;
//! - within one file, a specialisation can appear only once ([`super::exchange::parse_exchange`] refuses repeats).
//!
//! Export times are compared as ISO 8601 text as browsers write it (`2026-11-21T10:00:00.000Z`, always UTC and the
//! same length), which orders them in time.

use std::collections::{BTreeMap, HashMap};

use super::catalogue::Group;
use super::exchange::{parse_exchange, ExchangeFile};
use super::records::{students, ImportedRegistration, ProvinceCollege, Reason, Sector};
use crate::domain::college_qa::records::valid_college_code;
use crate::domain::provinces;
use crate::domain::record::Meta;

/// What happened to one imported file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not a usable registration file, or not for this province and year; nothing from it is used.
    Refused(String),
    /// First registration of this college for the year.
    Added,
    /// Replaced the registration kept so far, which had been exported at `previous`.
    Replaced { previous: String },
    /// The same registration is already kept (or earlier in this batch): not counted again.
    Duplicate,
    /// A registration exported later (`newer`) is kept: this older file is not used.
    Older { newer: String },
}

/// One file's result, for the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileResult {
    pub file: String,
    /// College code and name from the file (empty when refused before they were read).
    pub college: String,
    pub name: String,
    pub outcome: Outcome,
}

impl FileResult {
    /// A Thai line for the screen.
    pub fn message(&self) -> String {
        let who = format!("{} ({})", self.name, self.college);
        match &self.outcome {
            Outcome::Refused(e) => format!("{}: นำเข้าไม่ได้ — {e}", self.file),
            Outcome::Added => format!("{}: เพิ่มข้อมูลของ {who}", self.file),
            Outcome::Replaced { previous } => format!(
                "{}: แทนที่ข้อมูลเดิมของ {who} (ไฟล์ที่ส่งออกเมื่อ {}) ด้วยไฟล์ที่ใหม่กว่า",
                self.file,
                short_time(previous)
            ),
            Outcome::Duplicate => format!("{}: ซ้ำกับข้อมูลของ {who} ที่มีอยู่แล้ว — ไม่นับซ้ำ", self.file),
            Outcome::Older { newer } => format!(
                "{}: เก่ากว่าข้อมูลของ {who} ที่ใช้อยู่ (ส่งออกเมื่อ {}) — ไม่ใช้ไฟล์นี้",
                self.file,
                short_time(newer)
            ),
        }
    }
}

/// `21 พฤศจิกายน 2569 เวลา 17:00 น.` (Thai local time) from an ISO timestamp, for messages; the text as it is when
/// it is not one.
pub fn short_time(iso: &str) -> String {
    crate::domain::thai_time::date_time(iso).unwrap_or_else(|| iso.to_string())
}

/// The result of [`plan_import`]: per-file results in the order given, and what to write.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    pub results: Vec<FileResult>,
    /// At most one file per college: the registration to keep (new, or replacing the stored one).
    pub write: Vec<(String, ExchangeFile)>,
    /// Colleges of written files that are not yet on the province's list (code, name, sector).
    pub new_colleges: Vec<(String, String, Sector)>,
}

impl ImportPlan {
    /// The records to write for [`ImportPlan::write`]: a replacement keeps the stored record's meta (`updated` =
    /// `now`), a new one gets `fresh(file)`.
    pub fn records(
        &self,
        stored: &[ImportedRegistration],
        now: &str,
        mut fresh: impl FnMut(&ExchangeFile) -> Meta,
    ) -> Vec<ImportedRegistration> {
        self.write
            .iter()
            .map(|(name, f)| {
                let meta = match stored.iter().find(|i| i.college.code == f.college.code) {
                    Some(old) => Meta { updated: now.to_string(), ..old.meta.clone() },
                    None => fresh(f),
                };
                ImportedRegistration {
                    meta,
                    year: f.year,
                    college: f.college.clone(),
                    exported: f.exported.clone(),
                    checksum: f.checksum.clone(),
                    file_name: name.clone(),
                    entries: f.entries.clone(),
                }
            })
            .collect()
    }

    /// How many files had each outcome: (added, replaced, duplicate, older, refused).
    pub fn tally(&self) -> (usize, usize, usize, usize, usize) {
        let mut t = (0, 0, 0, 0, 0);
        for r in &self.results {
            match r.outcome {
                Outcome::Added => t.0 += 1,
                Outcome::Replaced { .. } => t.1 += 1,
                Outcome::Duplicate => t.2 += 1,
                Outcome::Older { .. } => t.3 += 1,
                Outcome::Refused(_) => t.4 += 1,
            }
        }
        t
    }
}

/// Decides what importing `files` (`(file name, text)`) into province `province`, year `year` does, given the
/// registrations `stored` so far and the codes on the province's `listed` colleges. Pure: the caller writes
/// [`ImportPlan::write`] (reusing the stored record's id for a replacement) and adds [`ImportPlan::new_colleges`].
pub fn plan_import(
    province: &str,
    year: u16,
    stored: &[ImportedRegistration],
    listed: &[String],
    files: Vec<(String, String)>,
) -> ImportPlan {
    let sources = files.into_iter().map(|(name, text)| (name, parse_exchange(&text))).collect();
    plan_sources(province, year, stored, listed, sources)
}

/// [`plan_import`] for registrations already read (`(source name, the file or why it is unusable)`): files, or
/// registrations pulled from colleges' server databases ([`super::exchange::exchange_of_records`]), with the same
/// checks, duplicate handling and results.
pub fn plan_sources(
    province: &str,
    year: u16,
    stored: &[ImportedRegistration],
    listed: &[String],
    sources: Vec<(String, Result<ExchangeFile, String>)>,
) -> ImportPlan {
    let mut results: Vec<FileResult> = Vec::with_capacity(sources.len());
    let mut parsed: Vec<Option<ExchangeFile>> = Vec::with_capacity(sources.len());
    for (file, read) in sources {
        let checked = read.and_then(|f| {
            if f.year != year {
                Err(format!("เป็นข้อมูลปีการศึกษา {} ไม่ใช่ปี {year} ที่กำลังรวบรวม", f.year))
            } else if f.college.province != province {
                Err(format!(
                    "เป็นสถานศึกษาในจังหวัด{} ไม่ใช่จังหวัด{}",
                    provinces::name(&f.college.province),
                    provinces::name(province)
                ))
            } else {
                Ok(f)
            }
        });
        let (college, name, outcome, keep) = match checked {
            Ok(f) => (f.college.code.clone(), f.college.name.clone(), Outcome::Added, Some(f)),
            Err(e) => (String::new(), String::new(), Outcome::Refused(e), None),
        };
        results.push(FileResult { file, college, name, outcome });
        parsed.push(keep);
    }

    // Batch files per college, in the order given.
    let mut by_college: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in parsed.iter().enumerate() {
        if let Some(f) = f {
            by_college.entry(f.college.code.clone()).or_default().push(i);
        }
    }
    let stored: HashMap<&str, &ImportedRegistration> = stored.iter().map(|s| (s.college.code.as_str(), s)).collect();
    let mut plan = ImportPlan::default();
    for (college, idx) in by_college {
        let file = |i: usize| parsed[i].as_ref().expect("accepted file");
        // The latest export wins; on equal times the first file given.
        let winner = idx.iter().copied().fold(idx[0], |best, i| if file(i).exported > file(best).exported { i } else { best });
        let w = file(winner);
        let (kept_time, kept_sum, write) = match stored.get(college.as_str()) {
            Some(s) if s.checksum == w.checksum || s.exported >= w.exported => (s.exported.clone(), s.checksum.clone(), false),
            _ => (w.exported.clone(), w.checksum.clone(), true),
        };
        for &i in &idx {
            let f = file(i);
            results[i].outcome = if write && i == winner {
                match stored.get(college.as_str()) {
                    Some(s) => Outcome::Replaced { previous: s.exported.clone() },
                    None => Outcome::Added,
                }
            } else if f.checksum == kept_sum {
                Outcome::Duplicate
            } else {
                Outcome::Older { newer: kept_time.clone() }
            };
        }
        if write {
            if !listed.contains(&college) && !stored.contains_key(college.as_str()) {
                plan.new_colleges.push((college.clone(), w.college.name.clone(), w.college.sector));
            }
            plan.write.push((results[winner].file.clone(), w.clone()));
        }
    }
    plan.results = results;
    plan
}

/// The colleges whose server databases the province pulls: those on its `listed` colleges, then the codes typed in
/// `extra` (separated by spaces, commas or new lines), each once. A typed code that is not a college code refuses
/// the whole list, naming the code.
pub fn pull_codes(listed: &[String], extra: &str) -> Result<Vec<String>, String> {
    let mut codes: Vec<String> = Vec::with_capacity(listed.len());
    for code in listed.iter().map(String::as_str).chain(extra.split(|c: char| c == ',' || c.is_whitespace())) {
        if code.is_empty() || codes.iter().any(|c| c == code) {
            continue;
        }
        valid_college_code(code).map_err(|e| format!("รหัสสถานศึกษา \"{code}\": {e}"))?;
        codes.push(code.to_string());
    }
    Ok(codes)
}

/// A college's line in the check view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckRow {
    pub code: String,
    pub name: String,
    pub sector: Sector,
    pub status: Status,
}

/// Registered (with what), or not registered and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Registered {
        specialisations: usize,
        /// Students per group, in [`Group::ALL`] order.
        per_group: [u64; 4],
        students: u64,
        exported: String,
    },
    NotRegistered(Reason),
}

/// Every college on the list (and any college with an imported registration), sorted by code, with its status.
pub fn check(
    list: &[ProvinceCollege],
    imports: &[ImportedRegistration],
    reasons: &BTreeMap<String, Reason>,
) -> Vec<CheckRow> {
    let mut rows: BTreeMap<String, CheckRow> = BTreeMap::new();
    for c in list {
        let reason = reasons.get(&c.code).copied().unwrap_or_default();
        rows.insert(
            c.code.clone(),
            CheckRow { code: c.code.clone(), name: c.name.clone(), sector: c.sector, status: Status::NotRegistered(reason) },
        );
    }
    for imp in imports {
        let per_group = Group::ALL.map(|g| students(&imp.entries, Some(g)));
        let status = Status::Registered {
            specialisations: imp.entries.len(),
            per_group,
            students: students(&imp.entries, None),
            exported: imp.exported.clone(),
        };
        let row = rows.entry(imp.college.code.clone()).or_insert_with(|| CheckRow {
            code: imp.college.code.clone(),
            name: imp.college.name.clone(),
            sector: imp.college.sector,
            status: status.clone(),
        });
        row.status = status;
    }
    rows.into_values().collect()
}

/// At most one imported registration per college and year, whatever is stored: records of one college (code
/// normalised: trimmed, Thai digits) and year under several ids — e.g. pushed by a device running an old release
/// before its records were merged under the id derived from the key — are never summed. The one with the latest
/// export is used (then the later `updated`, then the higher id: every device picks alike); the second list names
/// each college that had more than one, for the page to say so.
pub fn one_per_college(imports: Vec<ImportedRegistration>) -> (Vec<ImportedRegistration>, Vec<String>) {
    use crate::domain::normalise::normalise_key as normalise;
    let mut best: BTreeMap<(String, u16), ImportedRegistration> = BTreeMap::new();
    let mut doubled: Vec<String> = Vec::new();
    let mut order: Vec<(String, u16)> = Vec::new();
    for imp in imports {
        let key = (normalise(&imp.college.code), imp.year);
        let rank = |i: &ImportedRegistration| (i.exported.clone(), i.meta.updated.clone(), i.meta.id.clone());
        match best.get(&key) {
            None => {
                order.push(key.clone());
                best.insert(key, imp);
            }
            Some(kept) => {
                if !doubled.contains(&key.0) {
                    doubled.push(key.0.clone());
                }
                if rank(&imp) > rank(kept) {
                    best.insert(key, imp);
                }
            }
        }
    }
    let kept = order.into_iter().filter_map(|k| best.remove(&k)).collect();
    (kept, doubled)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::registration::exchange::{exchange_of_records, make_exchange};
    use crate::domain::registration::exchange::tests::{entry, profile};
    use crate::domain::registration::records::Entry;

    fn file(code: &str, exported: &str, entries: &[Entry]) -> (String, String) {
        let name = format!("{code}-{}.json", &exported[..10]);
        (name, make_exchange(&profile(code), 2569, exported, "starter", entries).unwrap())
    }

    fn stored_from(plan: &ImportPlan) -> Vec<ImportedRegistration> {
        plan.records(&[], "t", |f| Meta::new(format!("id-{}", f.college.code), "reg_import", "13", "t"))
    }

    fn a_entries() -> Vec<Entry> {
        vec![entry(Group::Pvc62, "ช่างยนต์", "ยานยนต์", 12), entry(Group::Hvc63, "ไฟฟ้า", "ไฟฟ้ากำลัง", 7)]
    }

    #[test]
    fn importing_the_same_files_twice_never_double_counts() {
        let files = vec![
            file("1310016201", "2026-11-21T10:00:00.000Z", &a_entries()),
            file("1310016202", "2026-11-21T11:00:00.000Z", &[entry(Group::Pvc62, "ช่างยนต์", "ยานยนต์", 5)]),
        ];
        let first = plan_import("13", 2569, &[], &["1310016201".into()], files.clone());
        assert_eq!(first.tally(), (2, 0, 0, 0, 0));
        assert_eq!(first.write.len(), 2);
        assert_eq!(first.new_colleges, vec![("1310016202".to_string(), "วิทยาลัย 1310016202".to_string(), Sector::Government)]);
        let stored = stored_from(&first);
        // The same files again, twice in one batch: all duplicates, nothing written.
        let mut twice = files.clone();
        twice.extend(files.clone());
        let again = plan_import("13", 2569, &stored, &[], twice);
        assert_eq!(again.tally(), (0, 0, 4, 0, 0));
        assert!(again.write.is_empty());
        assert!(again.results[0].message().contains("ไม่นับซ้ำ"));
        // Re-exported later with the same content: still a duplicate.
        let reexport = plan_import("13", 2569, &stored, &[], vec![file("1310016201", "2026-12-01T10:00:00.000Z", &a_entries())]);
        assert_eq!(reexport.tally(), (0, 0, 1, 0, 0));
    }

    #[test]
    fn a_newer_file_replaces_the_older_and_says_so_an_older_one_is_not_used() {
        let old = file("1310016201", "2026-11-21T10:00:00.000Z", &a_entries());
        let stored = stored_from(&plan_import("13", 2569, &[], &[], vec![old.clone()]));
        let newer = file("1310016201", "2026-11-25T08:30:00.000Z", &[entry(Group::Pvc62, "ช่างยนต์", "ยานยนต์", 14)]);
        let plan = plan_import("13", 2569, &stored, &[], vec![newer.clone()]);
        assert_eq!(plan.results[0].outcome, Outcome::Replaced { previous: "2026-11-21T10:00:00.000Z".into() });
        assert!(plan.results[0].message().contains("แทนที่ข้อมูลเดิม"));
        assert!(plan.results[0].message().contains("(ไฟล์ที่ส่งออกเมื่อ 21 พฤศจิกายน 2569 เวลา 17:00 น.)"));
        assert_eq!(plan.write.len(), 1);
        assert!(plan.new_colleges.is_empty(), "already known through its stored registration");
        // Going back to the old file after the newer one is kept: refused as older.
        let stored2 = stored_from(&plan);
        let back = plan_import("13", 2569, &stored2, &[], vec![file("1310016201", "2026-11-22T00:00:00.000Z", &a_entries())]);
        assert_eq!(back.results[0].outcome, Outcome::Older { newer: "2026-11-25T08:30:00.000Z".into() });
        assert!(back.write.is_empty());
        // Old and new in one batch, old given last: the new one wins, the old one is reported as older.
        let batch = plan_import("13", 2569, &[], &[], vec![newer, old]);
        assert_eq!(batch.results[0].outcome, Outcome::Added);
        assert_eq!(batch.results[1].outcome, Outcome::Older { newer: "2026-11-25T08:30:00.000Z".into() });
        assert_eq!(batch.write.len(), 1);
        assert_eq!(batch.write[0].1.entries[0].count, 14);
    }

    #[test]
    fn a_pulled_registration_is_planned_like_a_file_and_a_replacement_keeps_its_record_id() {
        use crate::domain::registration::records::{CollegeProfile, Registration};
        let at = "2026-11-21T10:00:00.000Z";
        let stored = stored_from(&plan_import("13", 2569, &[], &[], vec![file("1310016201", at, &a_entries())]));
        let meta = |kind: &str, at: &str| Meta::new(format!("{kind}-1"), kind, "1310016201", at);
        let profile = CollegeProfile { meta: meta("reg_college", "2026-11-01T00:00:00.000Z"), profile: profile("1310016201") };
        let reg = Registration { meta: meta("reg_registration", at), college: "1310016201".into(), year: 2569, entries: a_entries() };
        let pulled = |reg: &Registration| vec![("mt_1310016201".to_string(), exchange_of_records(&profile, reg))];
        // The same registration as the imported file: a duplicate, nothing written.
        let same = plan_sources("13", 2569, &stored, &[], pulled(&reg));
        assert_eq!(same.tally(), (0, 0, 1, 0, 0));
        // Edited after the file was exported: it replaces the file's registration, under the same record id.
        let mut edited = reg.clone();
        edited.entries[0].count = 13;
        edited.meta.updated = "2026-11-23T07:00:00.000Z".into();
        let plan = plan_sources("13", 2569, &stored, &[], pulled(&edited));
        assert_eq!(plan.results[0].outcome, Outcome::Replaced { previous: at.into() });
        let written = plan.records(&stored, "now", |_| panic!("a replacement keeps its meta"));
        assert_eq!((written[0].meta.id.as_str(), written[0].meta.updated.as_str()), ("id-1310016201", "now"));
        assert_eq!((written[0].file_name.as_str(), written[0].entries[0].count), ("mt_1310016201", 13));
        // An unusable pull is refused with its reason and the stored registration stays.
        let empty = Registration { entries: Vec::new(), ..edited };
        let refused = plan_sources("13", 2569, &stored, &[], pulled(&empty));
        assert_eq!(refused.tally(), (0, 0, 0, 0, 1));
        assert!(refused.results[0].message().starts_with("mt_1310016201: นำเข้าไม่ได้ — ปีการศึกษา 2569 ยังไม่ได้ลงทะเบียน"));
        assert!(refused.write.is_empty());
    }

    #[test]
    fn wrong_year_province_or_damaged_files_are_refused_and_others_still_import() {
        let good = file("1310016201", "2026-11-21T10:00:00.000Z", &a_entries());
        let mut other = profile("1010016201");
        other.province = "10".into();
        let foreign = ("bkk.json".to_string(), make_exchange(&other, 2569, "t", "", &a_entries()).unwrap());
        let last_year = ("old.json".to_string(), make_exchange(&profile("1310016203"), 2568, "t", "", &a_entries()).unwrap());
        let broken = ("broken.json".to_string(), good.1.replace("\"count\": 12", "\"count\": 120"));
        let plan = plan_import("13", 2569, &[], &[], vec![foreign, last_year, broken, good]);
        assert_eq!(plan.tally(), (1, 0, 0, 0, 3));
        assert!(plan.results[0].message().contains("จังหวัดกรุงเทพมหานคร ไม่ใช่จังหวัดปทุมธานี"));
        assert!(plan.results[1].message().contains("ปีการศึกษา 2568"));
        assert!(plan.results[2].message().contains("checksum"));
        assert_eq!(plan.write.len(), 1);
    }

    #[test]
    fn one_college_imported_under_two_ids_is_counted_once() {
        let stored = stored_from(&plan_import("13", 2569, &[], &[], vec![file("1310016201", "2026-11-21T10:00:00.000Z", &a_entries())]));
        let mut twin = stored[0].clone();
        twin.meta.id = "another-device".into();
        twin.college.code = " ๑๓๑๐๐๑๖๒๐๑".into();
        let mut newer = stored[0].clone();
        newer.meta.id = "newer".into();
        newer.exported = "2026-11-25T00:00:00.000Z".into();
        let other = stored_from(&plan_import("13", 2569, &[], &[], vec![file("1310016202", "2026-11-21T10:00:00.000Z", &a_entries())]));
        let all = vec![stored[0].clone(), twin.clone(), other[0].clone(), newer.clone()];
        let (kept, doubled) = one_per_college(all.clone());
        assert_eq!(kept.iter().map(|i| i.meta.id.as_str()).collect::<Vec<_>>(), vec!["newer", "id-1310016202"]);
        assert_eq!(doubled, vec!["1310016201".to_string()]);
        let total: u64 = kept.iter().map(|i| students(&i.entries, None)).sum();
        assert_eq!(total, 38, "19 per college, never 19 × 3");
        // The same pick in any order.
        let mut rev = all;
        rev.reverse();
        let (kept2, _) = one_per_college(rev);
        assert_eq!(kept2.iter().map(|i| i.meta.id.as_str()).collect::<std::collections::BTreeSet<_>>(), ["newer", "id-1310016202"].into());
        // Without duplicates nothing changes.
        let (same, none) = one_per_college(vec![twin.clone()]);
        assert_eq!((same, none.len()), (vec![twin], 0));
    }

    #[test]
    fn pull_codes_are_the_listed_colleges_then_typed_ones_once_each() {
        let listed = vec!["1310016201".to_string(), "1310016202".to_string()];
        assert_eq!(
            pull_codes(&listed, " 1310016203,1310016201\n1310016204  ").unwrap(),
            vec!["1310016201", "1310016202", "1310016203", "1310016204"]
        );
        assert_eq!(pull_codes(&[], "").unwrap(), Vec::<String>::new());
        let e = pull_codes(&listed, "1310016203, 13100").unwrap_err();
        assert!(e.starts_with("รหัสสถานศึกษา \"13100\":"), "{e}");
    }

    #[test]
    fn check_view_lists_every_college_with_status_or_reason() {
        let meta = |kind: &str| Meta::new("x".into(), kind, "13", "t");
        let list = vec![
            ProvinceCollege { meta: meta("reg_province_college"), code: "1310016203".into(), name: "ค".into(), sector: Sector::Private },
            ProvinceCollege { meta: meta("reg_province_college"), code: "1310016201".into(), name: "ก".into(), sector: Sector::Government },
            ProvinceCollege { meta: meta("reg_province_college"), code: "1310016204".into(), name: "ง".into(), sector: Sector::Government },
        ];
        let stored = stored_from(&plan_import("13", 2569, &[], &[], vec![file("1310016201", "2026-11-21T10:00:00.000Z", &a_entries())]));
        let reasons = BTreeMap::from([("1310016203".to_string(), Reason::Closed)]);
        let rows = check(&list, &stored, &reasons);
        assert_eq!(rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), vec!["1310016201", "1310016203", "1310016204"]);
        assert_eq!(
            rows[0].status,
            Status::Registered { specialisations: 2, per_group: [12, 0, 7, 0], students: 19, exported: "2026-11-21T10:00:00.000Z".into() }
        );
        assert_eq!(rows[1].status, Status::NotRegistered(Reason::Closed));
        assert_eq!(rows[2].status, Status::NotRegistered(Reason::Pending));
        assert_eq!(Reason::Pending.thai(), "ปกติ (รอสถานศึกษากรอกข้อมูล)");
    }
}
