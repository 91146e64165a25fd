//! Reports: a registration grouped by curriculum group → ประเภทวิชา → สาขาวิชา → สาขางาน with totals at each level
//! (one college's report, or the province's tool-set totals), the per-institution summary of a province, and CSV
//! exports of all three.

use std::collections::{BTreeMap, HashSet};

use super::aggregate::{CheckRow, Status};
use super::catalogue::{Group, Spec};
use super::records::{students, Entry, Sector};
use crate::domain::csv;
use crate::domain::provinces;
use crate::domain::sheet;

/// Where an institution's registration comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A college that sent its registration file.
    College,
    /// An institution outside the office, entered by the committee.
    Outside,
}

/// One institution's registration, as input to the province's reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Source<'a> {
    pub kind: SourceKind,
    /// College code (empty for outside institutions).
    pub code: &'a str,
    pub name: &'a str,
    pub sector: Sector,
    pub affiliation: &'a str,
    pub province: &'a str,
    pub entries: &'a [Entry],
}

/// A specialisation's total over institutions: the number of students (tools to prepare) and of institutions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalRow {
    pub spec: Spec,
    pub students: u64,
    pub institutions: usize,
}

/// The sources with each college once (code normalised: trimmed, Thai digits), the first kept: a college given twice
/// (its registration stored under two ids) is never summed twice. Outside institutions have no code and all count.
pub fn distinct<'a, 'b>(sources: &'b [Source<'a>]) -> Vec<&'b Source<'a>> {
    let mut seen: HashSet<String> = HashSet::with_capacity(sources.len());
    sources
        .iter()
        .filter(|s| s.kind != SourceKind::College || seen.insert(crate::domain::normalise::normalise_key(s.code)))
        .collect()
}

/// Sums the sources per specialisation, in report order (each college once, see [`distinct`]).
pub fn totals(sources: &[Source]) -> Vec<TotalRow> {
    // Keyed by the entries' own text: nothing is copied per entry, only once per specialisation.
    let mut map: BTreeMap<(Group, &str, &str, &str), TotalRow> = BTreeMap::new();
    for s in distinct(sources) {
        for e in s.entries {
            let row = map.entry(e.spec.key()).or_insert_with(|| TotalRow { spec: e.spec.clone(), students: 0, institutions: 0 });
            row.students += u64::from(e.count);
            row.institutions += 1;
            if row.spec.code.is_empty() {
                row.spec.code = e.spec.code.clone();
            }
        }
    }
    map.into_values().collect()
}

/// A สาขาวิชา with its specialisations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MajorBlock {
    pub name: String,
    pub rows: Vec<TotalRow>,
    pub students: u64,
}

/// A ประเภทวิชา with its สาขาวิชา.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeBlock {
    pub name: String,
    pub majors: Vec<MajorBlock>,
    pub students: u64,
}

/// A curriculum group with its ประเภทวิชา.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupBlock {
    pub group: Group,
    pub types: Vec<TypeBlock>,
    pub students: u64,
}

/// Totals grouped for the printed report; groups without students are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Grouped {
    pub groups: Vec<GroupBlock>,
    pub students: u64,
    pub specialisations: usize,
}

/// Groups rows (already in report order, as [`totals`] returns them) into group → type → major blocks.
pub fn grouped(rows: Vec<TotalRow>) -> Grouped {
    let mut out = Grouped { specialisations: rows.len(), ..Default::default() };
    for row in rows {
        out.students += row.students;
        if out.groups.last().is_none_or(|g| g.group != row.spec.group) {
            out.groups.push(GroupBlock { group: row.spec.group, types: Vec::new(), students: 0 });
        }
        let g = out.groups.last_mut().expect("pushed above");
        g.students += row.students;
        if g.types.last().is_none_or(|t| t.name != row.spec.program_type) {
            g.types.push(TypeBlock { name: row.spec.program_type.clone(), majors: Vec::new(), students: 0 });
        }
        let t = g.types.last_mut().expect("pushed above");
        t.students += row.students;
        if t.majors.last().is_none_or(|m| m.name != row.spec.major) {
            t.majors.push(MajorBlock { name: row.spec.major.clone(), rows: Vec::new(), students: 0 });
        }
        let m = t.majors.last_mut().expect("pushed above");
        m.students += row.students;
        m.rows.push(row);
    }
    out
}

/// One college's registration grouped for its printed report.
pub fn college_report(entries: &[Entry]) -> Grouped {
    let source = Source {
        kind: SourceKind::College,
        code: "",
        name: "",
        sector: Sector::Government,
        affiliation: "",
        province: "",
        entries,
    };
    grouped(totals(&[source]))
}

/// An institution's line in the province's summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstitutionRow {
    pub kind: SourceKind,
    pub code: String,
    pub name: String,
    pub sector: Sector,
    /// Students per group, in [`Group::ALL`] order.
    pub per_group: [u64; 4],
    pub students: u64,
    pub specialisations: usize,
}

/// The province's summary: one line per institution (colleges first by code, then outside institutions by name),
/// and the totals line.
pub fn per_institution(sources: &[Source]) -> (Vec<InstitutionRow>, InstitutionRow) {
    let sources = distinct(sources);
    // The specialisations over all institutions: the rows [`totals`] would make.
    let specialisations = sources.iter().flat_map(|s| s.entries.iter().map(|e| e.spec.key())).collect::<HashSet<_>>().len();
    let mut rows: Vec<InstitutionRow> = sources
        .into_iter()
        .map(|s| InstitutionRow {
            kind: s.kind,
            code: s.code.to_string(),
            name: s.name.to_string(),
            sector: s.sector,
            per_group: Group::ALL.map(|g| students(s.entries, Some(g))),
            students: students(s.entries, None),
            specialisations: s.entries.len(),
        })
        .collect();
    crate::domain::sort::sort_by(&mut rows, |a, b| (a.kind == SourceKind::Outside, &a.code, &a.name).cmp(&(b.kind == SourceKind::Outside, &b.code, &b.name)));
    let mut total = InstitutionRow {
        kind: SourceKind::College,
        code: String::new(),
        name: "รวม".into(),
        sector: Sector::Government,
        per_group: [0; 4],
        students: 0,
        specialisations,
    };
    for r in &rows {
        for (t, v) in total.per_group.iter_mut().zip(r.per_group) {
            *t += v;
        }
        total.students += r.students;
    }
    (rows, total)
}

fn kind_thai(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::College => "สถานศึกษาในสังกัด",
        SourceKind::Outside => "นอกสังกัด สอศ.",
    }
}

/// Every registered specialisation of every institution, one CSV line each.
pub fn csv_detail(year: u16, sources: &[Source]) -> String {
    let header = [
        "ปีการศึกษา", "ประเภทหน่วยงาน", "รหัสสถานศึกษา", "ชื่อสถานศึกษา", "รัฐบาล/เอกชน", "สังกัด", "จังหวัด", "หลักสูตร",
        "ประเภทวิชา", "สาขาวิชา", "สาขางาน", "รหัสสาขางาน", "จำนวนผู้เรียน",
    ];
    let mut lines = vec![header.map(String::from).to_vec()];
    for s in distinct(sources) {
        for e in s.entries {
            lines.push(vec![
                year.to_string(),
                kind_thai(s.kind).into(),
                s.code.into(),
                s.name.into(),
                s.sector.thai().into(),
                s.affiliation.into(),
                provinces::name(s.province),
                e.spec.group.label(),
                e.spec.program_type.clone(),
                e.spec.major.clone(),
                e.spec.specialisation.clone(),
                e.spec.code.clone(),
                e.count.to_string(),
            ]);
        }
    }
    csv::write(lines)
}

/// Tool-set totals per specialisation and group, with a total line per group and a grand total.
pub fn csv_totals(year: u16, rows: &[TotalRow]) -> String {
    let mut lines = vec![TOTALS_HEADER.map(String::from).to_vec()];
    lines.extend(totals_lines(year, rows));
    csv::write(lines)
}

const TOTALS_HEADER: [&str; 8] =
    ["ปีการศึกษา", "หลักสูตร", "ประเภทวิชา", "สาขาวิชา", "สาขางาน", "รหัสสาขางาน", "จำนวนสถานศึกษา", "จำนวนผู้เรียน"];

/// The lines of the tool-set totals below the header: one per specialisation, a sum per curriculum, the grand total.
fn totals_lines(year: u16, rows: &[TotalRow]) -> Vec<Vec<String>> {
    let mut lines = Vec::new();
    let g = grouped(rows.to_vec());
    for block in &g.groups {
        for t in &block.types {
            for m in &t.majors {
                for r in &m.rows {
                    lines.push(vec![
                        year.to_string(),
                        block.group.label(),
                        r.spec.program_type.clone(),
                        r.spec.major.clone(),
                        r.spec.specialisation.clone(),
                        r.spec.code.clone(),
                        r.institutions.to_string(),
                        r.students.to_string(),
                    ]);
                }
            }
        }
        let mut sum = vec![String::new(); 8];
        sum[0] = year.to_string();
        sum[1] = format!("รวม {}", block.group.label());
        sum[7] = block.students.to_string();
        lines.push(sum);
    }
    let mut grand = vec![String::new(); 8];
    grand[0] = year.to_string();
    grand[1] = "รวมทั้งหมด".into();
    grand[7] = g.students.to_string();
    lines.push(grand);
    lines
}

/// The province's report as a workbook (`domain::sheet`): sheet "ยอดรวมตามสาขางาน" (the lines of [`csv_totals`],
/// counts as numbers) and sheet "สรุปรายสถานศึกษา" (one row per institution, students per curriculum, and the
/// totals row, as [`per_institution`]).
pub fn workbook(year: u16, rows: &[TotalRow], sources: &[Source]) -> sheet::Workbook {
    use sheet::{Cell, Kind};
    let kinds = [Kind::Integer, Kind::Text, Kind::Text, Kind::Text, Kind::Text, Kind::Text, Kind::Integer, Kind::Integer];
    let widths = [10, 14, 22, 26, 30, 12, 14, 14];
    let cols: Vec<(&str, Kind, u8)> = TOTALS_HEADER.iter().zip(kinds).zip(widths).map(|((h, k), w)| (*h, k, w)).collect();
    let totals = sheet::Sheet::from_lines("ยอดรวมตามสาขางาน", sheet::columns(&cols), &totals_lines(year, rows));
    let (inst, total) = per_institution(sources);
    let mut cols = vec![("รหัส", Kind::Text, 12), ("สถานศึกษา", Kind::Text, 36), ("ประเภท", Kind::Text, 10)];
    cols.extend(Group::ALL.iter().map(|g| (g.curriculum(), Kind::Integer, 10)));
    cols.push(("รวม", Kind::Integer, 10));
    let line = |r: &InstitutionRow, code: &str, sector: &str| {
        let mut cells = vec![Cell::text(code), Cell::text(r.name.as_str()), Cell::text(sector)];
        cells.extend(r.per_group.iter().map(|n| Cell::number(n)));
        cells.push(Cell::number(r.students));
        cells
    };
    let mut inst_rows: Vec<Vec<Cell>> = inst
        .iter()
        .map(|r| line(r, if r.code.is_empty() { "นอกสังกัด" } else { &r.code }, r.sector.thai()))
        .collect();
    inst_rows.push(line(&total, "", ""));
    let institutions = sheet::Sheet { name: "สรุปรายสถานศึกษา".into(), columns: sheet::columns(&cols), rows: inst_rows };
    sheet::Workbook { sheets: vec![totals, institutions] }
}

/// The check view as CSV.
pub fn csv_check(year: u16, rows: &[CheckRow]) -> String {
    let mut header = vec!["ปีการศึกษา", "รหัสสถานศึกษา", "ชื่อสถานศึกษา", "รัฐบาล/เอกชน", "สถานะ", "สาเหตุที่ยังไม่ลงทะเบียน"];
    let labels: Vec<String> = Group::ALL.iter().map(|g| g.label()).collect();
    header.extend(labels.iter().map(String::as_str));
    header.push("รวมผู้เรียน");
    let mut lines = vec![header.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for r in rows {
        let mut line = vec![year.to_string(), r.code.clone(), r.name.clone(), r.sector.thai().into()];
        match &r.status {
            Status::Registered { per_group, students, .. } => {
                line.extend(["ลงทะเบียนแล้ว".to_string(), String::new()]);
                line.extend(per_group.iter().map(u64::to_string));
                line.push(students.to_string());
            }
            Status::NotRegistered(reason) => {
                line.extend(["ยังไม่ลงทะเบียน".to_string(), reason.thai().to_string()]);
                line.extend(std::iter::repeat_n("0".to_string(), 5));
            }
        }
        lines.push(line);
    }
    csv::write(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::registration::exchange::tests::entry;

    fn college_a() -> Vec<Entry> {
        vec![
            entry(Group::Pvc62, "ช่างยนต์", "ยานยนต์", 12),
            entry(Group::Pvc62, "ช่างไฟฟ้ากำลัง", "ไฟฟ้ากำลัง", 20),
            entry(Group::Hvc63, "ไฟฟ้า", "ไฟฟ้ากำลัง", 7),
        ]
    }

    fn college_b() -> Vec<Entry> {
        vec![entry(Group::Pvc62, "ช่างยนต์", "ยานยนต์", 30), entry(Group::Pvc56, "ช่างยนต์", "ยานยนต์", 2)]
    }

    fn outside() -> Vec<Entry> {
        vec![entry(Group::Pvc62, "ช่างยนต์", "ยานยนต์", 4)]
    }

    fn sources<'a>(a: &'a [Entry], b: &'a [Entry], o: &'a [Entry]) -> Vec<Source<'a>> {
        let src = |kind, code, name, entries| Source {
            kind,
            code,
            name,
            sector: Sector::Government,
            affiliation: "สอศ.",
            province: "13",
            entries,
        };
        vec![
            src(SourceKind::Outside, "", "โรงเรียนนอกสังกัด", o),
            src(SourceKind::College, "1310016202", "วิทยาลัย ข", b),
            src(SourceKind::College, "1310016201", "วิทยาลัย ก", a),
        ]
    }

    #[test]
    fn a_college_given_twice_is_counted_once() {
        let (a, b, o) = (college_a(), college_b(), outside());
        let mut twice = sources(&a, &b, &o);
        let mut again = twice[2].clone();
        again.code = "๑๓๑๐๐๑๖๒๐๑ ";
        twice.push(again);
        let once = sources(&a, &b, &o);
        assert_eq!(totals(&twice), totals(&once));
        assert_eq!(per_institution(&twice), per_institution(&once));
        assert_eq!(per_institution(&twice).1.students, 75);
        assert_eq!(csv_detail(2569, &twice), csv_detail(2569, &once));
    }

    #[test]
    fn totals_per_specialisation_and_group() {
        let (a, b, o) = (college_a(), college_b(), outside());
        let rows = totals(&sources(&a, &b, &o));
        let find = |g: Group, s: &str| rows.iter().find(|r| r.spec.group == g && r.spec.specialisation == s).unwrap();
        // ยานยนต์ ปวช.62: 12 + 30 + 4 from three institutions.
        assert_eq!((find(Group::Pvc62, "ยานยนต์").students, find(Group::Pvc62, "ยานยนต์").institutions), (46, 3));
        // The same name under ปวช.56 is counted separately.
        assert_eq!(find(Group::Pvc56, "ยานยนต์").students, 2);
        assert_eq!(find(Group::Hvc63, "ไฟฟ้ากำลัง").students, 7);
        assert_eq!(rows.len(), 4);
        let g = grouped(rows);
        assert_eq!(g.students, 75);
        assert_eq!(g.groups.iter().map(|b| (b.group, b.students)).collect::<Vec<_>>(),
            vec![(Group::Pvc62, 66), (Group::Pvc56, 2), (Group::Hvc63, 7)]);
        let industry = &g.groups[0].types[0];
        assert_eq!((industry.name.as_str(), industry.students, industry.majors.len()), ("อุตสาหกรรม", 66, 2));
    }

    #[test]
    fn one_college_report_has_totals_at_every_level() {
        let g = college_report(&college_a());
        assert_eq!(g.students, 39);
        assert_eq!(g.specialisations, 3);
        assert_eq!(g.groups[0].students, 32);
        assert_eq!(g.groups[0].types[0].majors.iter().map(|m| m.students).collect::<Vec<_>>(), vec![12, 20]);
        assert_eq!(g.groups[1].students, 7);
        assert_eq!(college_report(&[]), Grouped::default());
    }

    #[test]
    fn per_institution_summary_orders_colleges_then_outside_and_sums() {
        let (a, b, o) = (college_a(), college_b(), outside());
        let (rows, total) = per_institution(&sources(&a, &b, &o));
        assert_eq!(rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), vec!["วิทยาลัย ก", "วิทยาลัย ข", "โรงเรียนนอกสังกัด"]);
        assert_eq!(rows[0].per_group, [32, 0, 7, 0]);
        assert_eq!(total.per_group, [66, 2, 7, 0]);
        assert_eq!(total.students, 75);
        assert_eq!(total.specialisations, 4);
    }

    #[test]
    fn the_summary_counts_the_specialisations_of_the_totals_at_province_scale() {
        // 1,000 colleges of 40 entries out of 60 specialisations (each college a different window of them), one of
        // them given twice under a code written with Thai digits.
        let specs: Vec<Entry> = (0..60)
            .map(|k| entry(if k % 2 == 0 { Group::Pvc62 } else { Group::Hvc63 }, &format!("สาขาวิชา {}", k % 7), &format!("สาขางาน {k}"), 1))
            .collect();
        let codes: Vec<String> = (0..1000).map(|i| format!("13{i:08}")).collect();
        let mut src: Vec<Source> = codes
            .iter()
            .enumerate()
            .map(|(i, code)| Source {
                kind: SourceKind::College,
                code,
                name: "วิทยาลัย",
                sector: Sector::Government,
                affiliation: "สอศ.",
                province: "13",
                entries: &specs[i % 20..i % 20 + 40],
            })
            .collect();
        src.push(Source { code: "๑๓๐๐๐๐๐๐๐๐ ", ..src[0].clone() });
        let rows = totals(&src);
        let (inst, total) = per_institution(&src);
        assert_eq!((rows.len(), total.specialisations), (59, 59), "the windows reach specialisations 0 to 58");
        assert_eq!(inst.len(), 1000, "the college given twice is counted once");
        assert_eq!(total.students, 40_000);
        assert_eq!(rows.iter().map(|r| r.students).sum::<u64>(), 40_000);
    }

    #[test]
    fn csv_exports_read_back_with_the_same_totals() {
        let (a, b, o) = (college_a(), college_b(), outside());
        let src = sources(&a, &b, &o);
        let detail = csv::parse(&csv_detail(2569, &src)).unwrap();
        assert_eq!(detail.len(), 1 + 6);
        let sum: u64 = detail[1..].iter().map(|r| r.fields[12].parse::<u64>().unwrap()).sum();
        assert_eq!(sum, 75);
        assert_eq!(detail[1].fields[1], "นอกสังกัด สอศ.");
        assert_eq!(detail[1].fields[6], "ปทุมธานี");
        let tot = csv::parse(&csv_totals(2569, &totals(&src))).unwrap();
        let last = tot.last().unwrap();
        assert_eq!((last.fields[1].as_str(), last.fields[7].as_str()), ("รวมทั้งหมด", "75"));
        assert!(tot.iter().any(|r| r.fields[1] == "รวม ปวช.3 หลักสูตร ปวช.62" && r.fields[7] == "66"));
    }

    /// The workbook export, written and read back by the spreadsheet crates: the same lines as the CSV export, and
    /// the institutions with their totals row.
    #[test]
    fn the_workbook_export_reads_back_as_the_csv_lines() {
        let (a, b, o) = (college_a(), college_b(), outside());
        let src = sources(&a, &b, &o);
        let wb = workbook(2569, &totals(&src), &src);
        let bytes = crate::xlsx::write(&wb).unwrap();
        let read = crate::xlsx::read("r.xlsx", &bytes, None).unwrap();
        assert_eq!(read.sheets, ["ยอดรวมตามสาขางาน", "สรุปรายสถานศึกษา"]);
        let back: Vec<Vec<String>> = csv::parse(&read.rows.to_csv()).unwrap().into_iter().map(|r| r.fields).collect();
        let csv: Vec<Vec<String>> = csv::parse(&csv_totals(2569, &totals(&src))).unwrap().into_iter().map(|r| r.fields).collect();
        assert_eq!(back, csv);
        assert!(matches!(wb.sheets[0].rows[0][6], sheet::Cell::Number(_)), "counts are number cells");
        let inst = crate::xlsx::read("r.xlsx", &bytes, Some("สรุปรายสถานศึกษา")).unwrap();
        let back = csv::parse(&inst.rows.to_csv()).unwrap();
        assert_eq!(back.len(), 1 + 3 + 1);
        assert_eq!(back.last().unwrap().fields[1], "รวม");
        assert_eq!(back.last().unwrap().fields[7], "75");
    }
}
