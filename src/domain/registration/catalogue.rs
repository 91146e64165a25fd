//! The curriculum catalogue: which specialisations (สาขางาน) exist, under which สาขาวิชา and ประเภทวิชา, for each
//! curriculum group. The catalogue is data, not code: the app ships a starter file under `public/registration/` and a
//! user can replace it by importing the official list as CSV (`level,curriculum,program_type,major,specialisation,
//! code`). Both paths end in [`Catalogue::new`], which refuses the whole list when any entry is bad.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::csv;

/// Value of the `format` field of a catalogue file.
pub const CATALOGUE_FORMAT: &str = "mattrathan-curriculum-catalogue";
/// Layout version of catalogue files written and read by this build.
pub const CATALOGUE_VERSION: u32 = 1;
/// The CSV columns of an official catalogue list, in order.
pub const CSV_COLUMNS: [&str; 6] = ["level", "curriculum", "program_type", "major", "specialisation", "code"];

/// A curriculum group the seed registers separately: final-year students of one curriculum.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// ปวช. ชั้นปีที่ 3, หลักสูตร ปวช. 2562.
    #[serde(rename = "pvc62")]
    Pvc62,
    /// ปวช. ชั้นปีที่ 3 ที่ตกค้าง, หลักสูตร ปวช. 2556.
    #[serde(rename = "pvc56")]
    Pvc56,
    /// ปวส. ชั้นปีที่ 2, หลักสูตร ปวส. 2563.
    #[serde(rename = "hvc63")]
    Hvc63,
    /// ปวส. ชั้นปีที่ 2 ที่ตกค้าง, หลักสูตร ปวส. 2557.
    #[serde(rename = "hvc57")]
    Hvc57,
}

impl Group {
    /// The four groups in the order the screens and reports show them.
    pub const ALL: [Group; 4] = [Group::Pvc62, Group::Pvc56, Group::Hvc63, Group::Hvc57];

    /// Stable identifier used in files and test ids (`pvc62` …).
    pub fn id(self) -> &'static str {
        match self {
            Group::Pvc62 => "pvc62",
            Group::Pvc56 => "pvc56",
            Group::Hvc63 => "hvc63",
            Group::Hvc57 => "hvc57",
        }
    }

    pub fn from_id(id: &str) -> Option<Group> {
        Group::ALL.into_iter().find(|g| g.id() == id)
    }

    /// `ปวช.` or `ปวส.`
    pub fn level(self) -> &'static str {
        match self {
            Group::Pvc62 | Group::Pvc56 => "ปวช.",
            Group::Hvc63 | Group::Hvc57 => "ปวส.",
        }
    }

    /// Short curriculum name, `ปวช.62`.
    pub fn curriculum(self) -> &'static str {
        match self {
            Group::Pvc62 => "ปวช.62",
            Group::Pvc56 => "ปวช.56",
            Group::Hvc63 => "ปวส.63",
            Group::Hvc57 => "ปวส.57",
        }
    }

    /// The curriculum's year (พ.ศ.), e.g. 2562.
    pub fn curriculum_year(self) -> u16 {
        match self {
            Group::Pvc62 => 2562,
            Group::Pvc56 => 2556,
            Group::Hvc63 => 2563,
            Group::Hvc57 => 2557,
        }
    }

    /// Students left over from the previous curriculum (ตกค้าง).
    pub fn leftover(self) -> bool {
        matches!(self, Group::Pvc56 | Group::Hvc57)
    }

    /// The seed's menu wording: `ปวช.3 หลักสูตร ปวช.62`, `ปวส.2 หลักสูตร ปวส.57 (ตกค้าง)`.
    pub fn label(self) -> String {
        let class = if self.level() == "ปวช." { "ปวช.3" } else { "ปวส.2" };
        let left = if self.leftover() { " (ตกค้าง)" } else { "" };
        format!("{class} หลักสูตร {}{left}", self.curriculum())
    }

    /// The group of a CSV line: `level` is ปวช./ปวส. (dot optional, or `pvc`/`hvc`), `curriculum` is the
    /// curriculum's year in any of `62`, `2562`, `ปวช.62`, `ปวช.2562`.
    pub fn parse(level: &str, curriculum: &str) -> Result<Group, String> {
        let lvl = match level.trim().trim_end_matches('.').to_lowercase().as_str() {
            "ปวช" | "pvc" => "ปวช.",
            "ปวส" | "hvc" => "ปวส.",
            other => return Err(format!("level: “{other}” ต้องเป็น ปวช. หรือ ปวส.")),
        };
        let digits: String = curriculum.chars().filter(char::is_ascii_digit).collect();
        let year = match digits.len() {
            2 => digits.parse::<u16>().map(|y| 2500 + y).ok(),
            4 => digits.parse::<u16>().ok(),
            _ => None,
        };
        Group::ALL
            .into_iter()
            .find(|g| g.level() == lvl && Some(g.curriculum_year()) == year)
            .ok_or_else(|| {
                format!("curriculum: “{}” ไม่ใช่หลักสูตรของ {lvl} ที่ลงทะเบียนได้ (ปวช. 62/56, ปวส. 63/57)", curriculum.trim())
            })
    }
}

/// A specialisation (สาขางาน) with the path above it. Names are kept without the words ประเภทวิชา/สาขาวิชา/สาขางาน
/// and with single spaces (see [`clean_name`]); `code` is the official code when known, else empty.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spec {
    pub group: Group,
    pub program_type: String,
    pub major: String,
    pub specialisation: String,
    #[serde(default)]
    pub code: String,
}

impl Spec {
    /// What makes two specialisations the same: the group and the three names (the code is only shown).
    pub fn key(&self) -> (Group, &str, &str, &str) {
        (self.group, &self.program_type, &self.major, &self.specialisation)
    }

    /// `ประเภทวิชาอุตสาหกรรม › สาขาวิชาช่างยนต์ › สาขางานยานยนต์`
    pub fn path(&self) -> String {
        format!("ประเภทวิชา{} › สาขาวิชา{} › สาขางาน{}", self.program_type, self.major, self.specialisation)
    }

    /// Sort order for reports: group, then the three names.
    pub fn order(a: &Spec, b: &Spec) -> std::cmp::Ordering {
        a.key().cmp(&b.key())
    }

    /// Checks the names (after [`clean_name`]) are present; the message names the empty field.
    fn check(&self) -> Result<(), String> {
        for (field, value) in
            [("program_type", &self.program_type), ("major", &self.major), ("specialisation", &self.specialisation)]
        {
            if value.is_empty() {
                return Err(format!("{field}: ต้องไม่ว่าง"));
            }
        }
        Ok(())
    }
}

/// Trims a name, collapses inner whitespace and drops a leading `ประเภทวิชา`, `สาขาวิชา` or `สาขางาน`.
pub fn clean_name(raw: &str) -> String {
    let joined = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s = joined.as_str();
    for prefix in ["ประเภทวิชา", "สาขาวิชา", "สาขางาน"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim_start();
            break;
        }
    }
    s.to_string()
}

/// A whole catalogue, as shipped (`public/registration/catalogue-starter.json`), imported, and cached in IndexedDB.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Catalogue {
    pub format: String,
    pub version: u32,
    /// Which list this is, e.g. `starter-2569.1` or `นำเข้า official.csv 2026-11-21`.
    pub edition: String,
    /// `true` for the shipped starter list (incomplete; the screens say so).
    pub starter: bool,
    /// A note shown with the catalogue (where it came from, what it lacks).
    #[serde(default)]
    pub note: String,
    pub entries: Vec<Spec>,
}

/// Why a catalogue was refused: every bad line or entry, numbered as in the source (CSV line, or entry from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueError {
    /// `บรรทัด` for CSV, `รายการที่` for JSON entries.
    pub unit: &'static str,
    pub problems: Vec<(usize, String)>,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ไม่ได้นำเข้ารายการใดเลย เพราะพบข้อผิดพลาด {} จุด:", self.problems.len())?;
        for (n, p) in self.problems.iter().take(20) {
            write!(f, "\n{} {n}: {p}", self.unit)?;
        }
        if self.problems.len() > 20 {
            write!(f, "\n… และอีก {} จุด", self.problems.len() - 20)?;
        }
        Ok(())
    }
}

impl Catalogue {
    /// Builds a catalogue from `(number, entry)` pairs: names cleaned, every entry checked, no specialisation twice.
    /// Any problem refuses the whole list.
    pub fn new(
        edition: String,
        starter: bool,
        note: String,
        unit: &'static str,
        numbered: Vec<(usize, Result<Spec, String>)>,
    ) -> Result<Catalogue, CatalogueError> {
        let mut problems = Vec::new();
        let mut entries: Vec<Spec> = Vec::new();
        let mut seen: HashMap<(Group, String, String, String), usize> = HashMap::new();
        for (n, entry) in numbered {
            let spec = entry.and_then(|mut s| {
                s.program_type = clean_name(&s.program_type);
                s.major = clean_name(&s.major);
                s.specialisation = clean_name(&s.specialisation);
                s.code = s.code.trim().to_string();
                s.check().map(|()| s)
            });
            match spec {
                Err(e) => problems.push((n, e)),
                Ok(s) => {
                    let key = (s.group, s.program_type.clone(), s.major.clone(), s.specialisation.clone());
                    if let Some(first) = seen.get(&key) {
                        problems.push((n, format!("สาขางาน{} ({}) ซ้ำกับ{unit} {first}", s.specialisation, s.group.curriculum())));
                    } else {
                        seen.insert(key, n);
                        entries.push(s);
                    }
                }
            }
        }
        if entries.is_empty() && problems.is_empty() {
            problems.push((0, "ไม่มีรายการสาขางานเลย".into()));
        }
        if !problems.is_empty() {
            return Err(CatalogueError { unit, problems });
        }
        Ok(Catalogue { format: CATALOGUE_FORMAT.into(), version: CATALOGUE_VERSION, edition, starter, note, entries })
    }

    /// Reads an official list as CSV. The first line may be the header ([`CSV_COLUMNS`]); every other non-empty line
    /// is an entry. Errors name the line.
    pub fn from_csv(text: &str, edition: String) -> Result<Catalogue, CatalogueError> {
        let records = csv::parse(text).map_err(|e| CatalogueError { unit: "บรรทัด", problems: vec![(0, e)] })?;
        let mut numbered = Vec::new();
        for (i, rec) in records.into_iter().enumerate() {
            let cells: Vec<String> = rec.fields.iter().map(|f| f.trim().to_lowercase()).collect();
            if i == 0 && cells.iter().map(String::as_str).eq(CSV_COLUMNS.iter().copied()) {
                continue;
            }
            let entry = if rec.fields.len() != CSV_COLUMNS.len() {
                Err(format!("ต้องมี {} ช่อง ({}) แต่มี {} ช่อง", CSV_COLUMNS.len(), CSV_COLUMNS.join(","), rec.fields.len()))
            } else {
                let f = &rec.fields;
                Group::parse(&f[0], &f[1]).map(|group| Spec {
                    group,
                    program_type: f[2].clone(),
                    major: f[3].clone(),
                    specialisation: f[4].clone(),
                    code: f[5].clone(),
                })
            };
            numbered.push((rec.line, entry));
        }
        let note = "รายการที่ผู้ใช้นำเข้าจากไฟล์ CSV".to_string();
        Catalogue::new(edition, false, note, "บรรทัด", numbered)
    }

    /// Reads a catalogue file (the shipped starter, or a cached copy) and re-checks every entry.
    pub fn from_json(text: &str) -> Result<Catalogue, String> {
        let raw: Catalogue = serde_json::from_str(text).map_err(|e| format!("ไฟล์รายการหลักสูตรอ่านไม่ได้: {e}"))?;
        if raw.format != CATALOGUE_FORMAT {
            return Err(format!("ไม่ใช่ไฟล์รายการหลักสูตร (format เป็น “{}”)", raw.format));
        }
        if raw.version > CATALOGUE_VERSION {
            return Err(format!("ไฟล์รายการหลักสูตรรุ่น {} ใหม่กว่าที่โปรแกรมนี้อ่านได้", raw.version));
        }
        let numbered = raw.entries.into_iter().enumerate().map(|(i, s)| (i + 1, Ok(s))).collect();
        Catalogue::new(raw.edition, raw.starter, raw.note, "รายการที่", numbered).map_err(|e| e.to_string())
    }

    /// The catalogue as CSV in the import layout (so an exported list can be edited and imported again).
    pub fn to_csv(&self) -> String {
        let header = std::iter::once(CSV_COLUMNS.map(String::from).to_vec());
        let rows = self.entries.iter().map(|s| {
            vec![
                s.group.level().to_string(),
                s.group.curriculum_year().to_string(),
                s.program_type.clone(),
                s.major.clone(),
                s.specialisation.clone(),
                s.code.clone(),
            ]
        });
        csv::write(header.chain(rows))
    }

    /// Entries of `group`.
    pub fn of_group(&self, group: Group) -> impl Iterator<Item = &Spec> {
        self.entries.iter().filter(move |s| s.group == group)
    }

    /// Entries of `group` matching every word of `query` (in any of the names or the code), in catalogue order.
    /// `program_type` / `major`, when given, narrow the list first (the ประเภทวิชา → สาขาวิชา choice).
    pub fn search(&self, group: Group, program_type: Option<&str>, major: Option<&str>, query: &str) -> Vec<&Spec> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        self.of_group(group)
            .filter(|s| program_type.is_none_or(|t| s.program_type == t))
            .filter(|s| major.is_none_or(|m| s.major == m))
            .filter(|s| {
                let hay = format!("{} {} {} {}", s.program_type, s.major, s.specialisation, s.code).to_lowercase();
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect()
    }

    /// The distinct ประเภทวิชา of `group`, in catalogue order.
    pub fn program_types(&self, group: Group) -> Vec<&str> {
        distinct(self.of_group(group).map(|s| s.program_type.as_str()))
    }

    /// The distinct สาขาวิชา of `group` under `program_type`, in catalogue order.
    pub fn majors(&self, group: Group, program_type: &str) -> Vec<&str> {
        distinct(self.of_group(group).filter(|s| s.program_type == program_type).map(|s| s.major.as_str()))
    }
}

fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const STARTER: &str = include_str!("../../../public/registration/catalogue-starter.json");

    #[test]
    fn groups_parse_from_csv_cells() {
        assert_eq!(Group::parse("ปวช.", "62"), Ok(Group::Pvc62));
        assert_eq!(Group::parse("ปวช", "2556"), Ok(Group::Pvc56));
        assert_eq!(Group::parse(" ปวส. ", "ปวส.63"), Ok(Group::Hvc63));
        assert_eq!(Group::parse("hvc", "57"), Ok(Group::Hvc57));
        assert!(Group::parse("ปวท.", "62").unwrap_err().starts_with("level:"));
        assert!(Group::parse("ปวช.", "63").unwrap_err().starts_with("curriculum:"));
        assert_eq!(Group::Hvc57.label(), "ปวส.2 หลักสูตร ปวส.57 (ตกค้าง)");
        assert_eq!(Group::Pvc62.label(), "ปวช.3 หลักสูตร ปวช.62");
        for g in Group::ALL {
            assert_eq!(Group::from_id(g.id()), Some(g));
        }
    }

    #[test]
    fn csv_import_with_header_prefixes_and_quotes() {
        let text = "level,curriculum,program_type,major,specialisation,code\n\
                    ปวช.,62,ประเภทวิชาอุตสาหกรรม,สาขาวิชาช่างยนต์,สาขางานยานยนต์,20101\n\
                    ปวส.,2563,อุตสาหกรรม,\"เทคนิคเครื่องกล\",\"เทคนิคยานยนต์\",\n";
        let c = Catalogue::from_csv(text, "official".into()).unwrap();
        assert!(!c.starter);
        assert_eq!(c.entries.len(), 2);
        assert_eq!(c.entries[0].program_type, "อุตสาหกรรม");
        assert_eq!(c.entries[0].major, "ช่างยนต์");
        assert_eq!(c.entries[0].specialisation, "ยานยนต์");
        assert_eq!(c.entries[0].code, "20101");
        assert_eq!(c.entries[1].group, Group::Hvc63);
        // Round trip through the export.
        assert_eq!(Catalogue::from_csv(&c.to_csv(), "official".into()).unwrap().entries, c.entries);
    }

    #[test]
    fn any_bad_line_refuses_the_whole_file_and_every_bad_line_is_named() {
        let text = "ปวช.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,\n\
                    ปวช.,62,อุตสาหกรรม,ช่างยนต์\n\
                    ปวท.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,\n\
                    \n\
                    ปวช.,62,อุตสาหกรรม,ช่างยนต์,  สาขางานยานยนต์ ,\n\
                    ปวส.,63,อุตสาหกรรม,,เทคนิคยานยนต์,\n";
        let err = Catalogue::from_csv(text, "x".into()).unwrap_err();
        let lines: Vec<usize> = err.problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, vec![2, 3, 5, 6]);
        assert!(err.problems[0].1.contains("ต้องมี 6 ช่อง"));
        assert!(err.problems[1].1.starts_with("level:"));
        assert!(err.problems[2].1.contains("ซ้ำกับบรรทัด 1"));
        assert!(err.problems[3].1.starts_with("major:"));
        let msg = err.to_string();
        assert!(msg.starts_with("ไม่ได้นำเข้ารายการใดเลย"));
        assert!(msg.contains("บรรทัด 5: สาขางานยานยนต์ (ปวช.62) ซ้ำกับบรรทัด 1"));
        assert!(Catalogue::from_csv("", "x".into()).unwrap_err().to_string().contains("ไม่มีรายการ"));
    }

    #[test]
    fn the_starter_file_is_valid_marked_and_covers_both_curricula() {
        let c = Catalogue::from_json(STARTER).unwrap();
        assert!(c.starter, "the shipped list says it is a starter");
        assert!(c.edition.starts_with("starter"));
        assert!(c.of_group(Group::Pvc62).count() >= 10);
        assert!(c.of_group(Group::Hvc63).count() >= 10);
        assert!(c.program_types(Group::Pvc62).contains(&"อุตสาหกรรม"));
        assert!(c.majors(Group::Pvc62, "อุตสาหกรรม").contains(&"ช่างยนต์"));
        // Round trip through JSON (the IndexedDB cache).
        let again = Catalogue::from_json(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(again, c);
    }

    #[test]
    fn search_narrows_by_words_type_and_major() {
        let c = Catalogue::from_json(STARTER).unwrap();
        let hits = c.search(Group::Pvc62, None, None, "ยนต์");
        assert!(hits.iter().any(|s| s.specialisation == "ยานยนต์"));
        assert!(hits.iter().all(|s| s.group == Group::Pvc62));
        assert!(c.search(Group::Pvc62, Some("อุตสาหกรรม"), None, "บัญชี").is_empty());
        assert!(!c.search(Group::Pvc62, None, None, "บัญชี").is_empty());
        assert!(c.search(Group::Pvc62, None, None, "ไม่มีคำนี้แน่นอน").is_empty());
        assert_eq!(c.search(Group::Pvc62, None, None, "").len(), c.of_group(Group::Pvc62).count());
    }

    #[test]
    fn json_refuses_foreign_and_bad_files() {
        assert!(Catalogue::from_json("{}").is_err());
        let bad = STARTER.replacen("\"major\": \"", "\"major\": \" ", 1);
        assert!(Catalogue::from_json(&bad).is_ok(), "spaces are cleaned, not refused");
        let foreign = STARTER.replacen(CATALOGUE_FORMAT, "something-else", 1);
        assert!(Catalogue::from_json(&foreign).unwrap_err().contains("ไม่ใช่ไฟล์รายการหลักสูตร"));
    }
}
