//! A session's results as the score summary sheet shows them (ใบสรุปผลคะแนน, seed form (15)): each candidate scored
//! with every module as the chief tester's board stands ([`scored`]: an item two tablets disagree on is
//! `รอตัดสิน`, never a mark), and the sheet as an Excel workbook ([`workbook`], written by the spreadsheet worker).
//! The session page's results, the printed form 15 and score sheets (`ui::s26`) all show these rows.

use crate::domain::judge::board::{candidate_boards, ModuleBoard};
use crate::domain::judge::merge::slot_states;
use crate::domain::sheet::{columns, Kind, Sheet, Workbook};

use super::marking::Module;
use super::records::{CandidateRecord, MarkRecord};
use super::score::{candidate_result, CandidateResult, Scheme};

/// A candidate scored: each module as the chief's board stands, and the result.
#[derive(Clone, Debug)]
pub struct Scored {
    pub candidate: CandidateRecord,
    pub boards: Vec<ModuleBoard>,
    pub result: CandidateResult,
}

impl Scored {
    /// The result column: the decision, or why there is none yet (`รอตัดสิน` while a conflict is undecided).
    pub fn result_text(&self) -> String {
        let v = &self.result.verdict;
        if !v.complete && self.boards.iter().any(ModuleBoard::undecided) {
            format!("{} (รอตัดสิน)", v.result_text())
        } else {
            v.result_text().to_string()
        }
    }
}

/// Every candidate scored against `scheme` from the stored marks (`judges` judges per judgement item), in candidate
/// order.
pub fn scored(scheme: &Scheme, candidates: &[CandidateRecord], marks: &[MarkRecord], judges: u8) -> Vec<Scored> {
    let states = slot_states(marks);
    candidates
        .iter()
        .map(|c| {
            let boards = candidate_boards(&states, &c.meta.id, &scheme.modules, judges, scheme.criteria.common_module_threshold());
            let modules = boards.iter().map(|b| b.result.clone()).collect();
            let result = candidate_result(scheme, &c.person.number, &c.answers, modules);
            Scored { candidate: c.clone(), boards, result }
        })
        .collect()
}

/// Form 15 as a workbook: the columns of the printed sheet, one header row (ภาคความรู้ and each module as two
/// columns), counts and points as numbers, the percents as percent cells; what is not final (`–`, `รอตัดสิน`) as text.
pub fn workbook(modules: &[Module], rows: &[Scored]) -> Workbook {
    let mut headers: Vec<(String, Kind, u8)> = vec![
        ("ลำดับ".into(), Kind::Integer, 7),
        ("หมายเลข".into(), Kind::Text, 10),
        ("ชื่อ-สกุล".into(), Kind::Text, 28),
        ("ภาคความรู้ คะแนน".into(), Kind::Integer, 12),
        ("ภาคความรู้ ผ่าน/ไม่ผ่าน".into(), Kind::Text, 14),
    ];
    for m in modules {
        headers.push((format!("โมดูล {} คะแนน", m.id), Kind::Decimal(2), 12));
        headers.push((format!("โมดูล {} ผ่าน/ไม่ผ่าน", m.id), Kind::Text, 14));
    }
    for (h, k, w) in [
        ("ความรู้ %", Kind::Percent(2), 11),
        ("ความสามารถ %", Kind::Percent(2), 11),
        ("รวม %", Kind::Percent(2), 11),
        ("ผลการทดสอบ", Kind::Text, 16),
        ("หมายเหตุ", Kind::Text, 40),
    ] {
        headers.push((h.into(), k, w));
    }
    let lines: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let (c, r) = (&row.candidate, &row.result);
            let v = &r.verdict;
            let mut line = vec![
                (i + 1).to_string(),
                c.person.number.clone(),
                c.person.name.clone(),
                if v.knowledge_complete { r.correct.to_string() } else { "–".to_string() },
                v.knowledge_text().to_string(),
            ];
            for b in &row.boards {
                line.push(if b.is_final() { b.result.points.to_string() } else { "–".to_string() });
                line.push(b.status().to_string());
            }
            line.extend([v.knowledge_percent_text(), v.skill.text(), v.total_percent_text(), row.result_text(), v.reasons.join("; ")]);
            line
        })
        .collect();
    let cols: Vec<(&str, Kind, u8)> = headers.iter().map(|(h, k, w)| (h.as_str(), *k, *w)).collect();
    Workbook { sheets: vec![Sheet::from_lines("แบบ 15", columns(&cols), &lines)] }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::judge::merge::tests::mark;
    use crate::domain::record::Meta;
    use crate::domain::section26::candidates::Person;
    use crate::domain::section26::exchange::parse_scheme;
    use crate::domain::section26::exchange::tests::S as SCHEME;
    use crate::domain::sheet::Cell;

    fn candidate(id: &str, number: &str, name: &str, answers: Vec<Option<u8>>) -> CandidateRecord {
        let person = Person { number: number.into(), name: name.into(), ..Person::default() };
        CandidateRecord { meta: Meta::new(id.into(), "s26_candidate", "std", "t"), session: "s".into(), person, answers }
    }

    /// The marks of candidate `c` on tablet `device`: module 1's judges (item 1 then 2), module 2's three values.
    fn marks(c: &str, device: &str, judged: [[i64; 3]; 2], module2: [&str; 3]) -> Vec<MarkRecord> {
        let mut out = Vec::new();
        for (i, scores) in judged.iter().enumerate() {
            for (j, &v) in scores.iter().enumerate() {
                let id = format!("{c}-{device}-1-{i}-{j}");
                let m = mark(&id, &(i + 1).to_string(), j as u8 + 1, v, device, "2021-01-20T09:00:00Z");
                out.push(MarkRecord { candidate: c.into(), ..m });
            }
        }
        for (i, v) in module2.iter().enumerate() {
            let m = mark(&format!("{c}-{device}-2-{i}"), &(i + 1).to_string(), 0, 0, device, "2021-01-20T09:00:00Z");
            out.push(MarkRecord { candidate: c.into(), module: "2".into(), value: v.parse().unwrap(), ..m });
        }
        out
    }

    /// Four candidates: one who passes, one who fails a critical point, one with no answers and no marks yet, and
    /// one whose measurement two tablets entered differently (undecided).
    fn rows() -> (Scheme, Vec<Scored>) {
        let scheme = parse_scheme(SCHEME).unwrap();
        let all = |a: [u8; 5]| a.iter().map(|&x| Some(x)).collect::<Vec<_>>();
        let candidates = vec![
            candidate("c1", "A001", "สมชาย ใจดี", all([0, 1, 2, 3, 1])),
            candidate("c2", "A002", "สมหญิง รักงาน", all([0, 1, 2, 0, 0])),
            candidate("c3", "A003", "มานะ อดทน", vec![]),
            candidate("c4", "A004", "ปิติ ยินดี", all([0, 1, 2, 3, 0])),
        ];
        let mut stored = marks("c1", "t1", [[3, 3, 3], [2, 3, 3]], ["251", "1", "1"]);
        stored.extend(marks("c2", "t1", [[2, 2, 3], [1, 1, 2]], ["248.5", "1", "0"]));
        stored.extend(marks("c4", "t1", [[3, 3, 3], [3, 3, 3]], ["250", "1", "1"]));
        let other = mark("c4-t2", "1", 0, 249, "t2", "2021-01-20T09:05:00Z");
        stored.push(MarkRecord { candidate: "c4".into(), module: "2".into(), ..other });
        let rows = scored(&scheme, &candidates, &stored, 3);
        (scheme, rows)
    }

    #[test]
    fn form_15_is_one_sheet_with_the_printed_columns_and_one_row_per_candidate() {
        let (scheme, rows) = rows();
        let wb = workbook(&scheme.modules, &rows);
        assert_eq!(wb.sheets.len(), 1);
        let s = &wb.sheets[0];
        assert_eq!(s.name, "แบบ 15");
        let layout: Vec<(&str, Kind, u8)> = s.columns.iter().map(|c| (c.header.as_str(), c.kind, c.width)).collect();
        assert_eq!(
            layout,
            [
                ("ลำดับ", Kind::Integer, 7),
                ("หมายเลข", Kind::Text, 10),
                ("ชื่อ-สกุล", Kind::Text, 28),
                ("ภาคความรู้ คะแนน", Kind::Integer, 12),
                ("ภาคความรู้ ผ่าน/ไม่ผ่าน", Kind::Text, 14),
                ("โมดูล 1 คะแนน", Kind::Decimal(2), 12),
                ("โมดูล 1 ผ่าน/ไม่ผ่าน", Kind::Text, 14),
                ("โมดูล 2 คะแนน", Kind::Decimal(2), 12),
                ("โมดูล 2 ผ่าน/ไม่ผ่าน", Kind::Text, 14),
                ("ความรู้ %", Kind::Percent(2), 11),
                ("ความสามารถ %", Kind::Percent(2), 11),
                ("รวม %", Kind::Percent(2), 11),
                ("ผลการทดสอบ", Kind::Text, 16),
                ("หมายเหตุ", Kind::Text, 40),
            ]
        );
        let (n, t) = (|v: &str| Cell::Number(v.into()), |v: &str| Cell::Text(v.into()));
        // 4 of 5 right = 80 %; module 1 9.444 of 10, module 2 10 of 10: skill 97.22 %, total 30:70 = 92.05 %.
        assert_eq!(
            s.rows[0],
            [
                n("1"), t("A001"), t("สมชาย ใจดี"), n("4"), t("ผ่าน"), n("9.444"), t("ผ่าน"), n("10"), t("ผ่าน"),
                n("80.00"), n("97.22"), n("92.05"), t("ผ่าน"), Cell::Empty
            ]
        );
        // A failed critical point: module 2 fails, so does the candidate, the reason in หมายเหตุ.
        let a002 = &s.rows[1];
        assert_eq!(a002[..9], [n("2"), t("A002"), t("สมหญิง รักงาน"), n("4"), t("ผ่าน"), n("6.111"), t("ไม่ผ่าน"), n("5"), t("ไม่ผ่าน")]);
        assert_eq!(a002[12], t("ไม่ผ่าน"));
        assert!(matches!(&a002[13], Cell::Text(r) if r.contains("โมดูล 2: ไม่ผ่านจุดสำคัญ 3")), "{:?}", a002[13]);
        // Nothing entered yet: no knowledge score or percent, no module points, no result — text, never a 0.
        let a003 = &s.rows[2];
        assert_eq!(
            a003[..13],
            [
                n("3"), t("A003"), t("มานะ อดทน"), t("–"), t("ยังสรุปไม่ได้"), t("–"), t("รอคะแนน"), t("–"), t("รอคะแนน"),
                t("–"), n("0.00"), t("–"), t("ยังสรุปไม่ได้")
            ]
        );
        // Two tablets disagree on the measurement: module 2 waits for the chief tester, so does the result.
        let a004 = &s.rows[3];
        assert_eq!((&a004[7], &a004[8], &a004[12]), (&t("–"), &t("รอตัดสิน"), &t("ยังสรุปไม่ได้ (รอตัดสิน)")));
        assert_eq!(s.rows.len(), 4);
        wb.check().unwrap();
    }

    /// Written and read back by the spreadsheet crates: the same cells, numbers as numbers (percents as fractions).
    #[test]
    fn the_form_15_workbook_reads_back_as_its_rows() {
        let (scheme, rows) = rows();
        let wb = workbook(&scheme.modules, &rows);
        let bytes = crate::xlsx::write(&wb).unwrap();
        let read = crate::xlsx::read("f.xlsx", &bytes, None).unwrap();
        assert_eq!(read.sheets, ["แบบ 15"]);
        let back: Vec<Vec<String>> =
            crate::domain::csv::parse(&read.rows.to_csv()).unwrap().into_iter().map(|r| r.fields).collect();
        assert_eq!(back[0][..3], ["ลำดับ", "หมายเลข", "ชื่อ-สกุล"]);
        assert_eq!(back.len(), 1 + 4);
        assert_eq!(back[1][..13], ["1", "A001", "สมชาย ใจดี", "4", "ผ่าน", "9.444", "ผ่าน", "10", "ผ่าน", "0.8", "0.9722", "0.9205", "ผ่าน"]);
        assert_eq!(back[3][3..13], ["–", "ยังสรุปไม่ได้", "–", "รอคะแนน", "–", "รอคะแนน", "–", "0", "–", "ยังสรุปไม่ได้"]);
        assert_eq!(back[4][12], "ยังสรุปไม่ได้ (รอตัดสิน)");
        let numbers = |r: u32| read.rows.cells.iter().filter(|c| c.row == r && c.number).map(|c| c.col).collect::<Vec<_>>();
        assert_eq!(numbers(1), [0, 3, 5, 7, 9, 10, 11], "counts, points and percents are number cells");
        assert_eq!(numbers(3), [0, 10], "what is not final is text");
    }
}
