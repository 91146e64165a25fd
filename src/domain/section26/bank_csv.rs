//! The item bank as a spreadsheet: export every item to CSV and import a CSV back, all or nothing, each refusal
//! naming the line and column (`บรรทัด 7 คอลัมน์ 3 (คำถาม): …`).
//!
//! Columns, found by their header (Thai or English, any order): `ข้อ`/`id` (optional: the bank's own number, so an
//! exported file edited in a spreadsheet updates those items), `งานย่อย`/`task` (the DACUM code as the table shows it,
//! `1.2`), `วัตถุประสงค์`/`objective` (1-based), `คำถาม`/`stem`, `ก`–`ง` (`a`–`d`), `จ`/`e` (optional fifth option),
//! `เฉลย`/`key` (ก–จ or A–E), and optionally `ประเภท`/`format` (`ปรนัย`, `ถูกผิด`, `จับคู่`; empty = ปรนัย) with
//! `ชุดจับคู่`/`set` (a matching set's number). A row with an empty `ข้อ` is a new item with the next free number. The
//! checks are the editor's: a task of the DACUM table, one of its objectives, a question, four or five options filled
//! (a true/false row has none: its key is ก/ถูก or ข/ผิด; a matching row names a set of the standard and its key is
//! one of that set's answers), the key among them, and no question twice in one task.

use super::answers::{letter, parse_choice};
use super::bank::{BankItem, Format, MatchingSet, LETTERS};
use super::dacum::{find_task, tasks, Duty};
use crate::domain::csv::Reader;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Col {
    Id,
    Task,
    Objective,
    Stem,
    Option(usize),
    Key,
    Format,
    Set,
}

impl Col {
    fn of(header: &str) -> Option<Col> {
        let h = header.trim().to_lowercase();
        Some(match h.as_str() {
            "ข้อ" | "id" => Col::Id,
            "งานย่อย" | "task" => Col::Task,
            "วัตถุประสงค์" | "objective" => Col::Objective,
            "คำถาม" | "stem" => Col::Stem,
            "เฉลย" | "key" => Col::Key,
            "ประเภท" | "format" => Col::Format,
            "ชุดจับคู่" | "set" => Col::Set,
            _ => {
                let o = LETTERS.iter().position(|l| *l == h).or_else(|| ["a", "b", "c", "d", "e"].iter().position(|l| *l == h))?;
                Col::Option(o)
            }
        })
    }

    /// Its slot in [`Columns`].
    fn slot(self) -> usize {
        match self {
            Col::Id => 0,
            Col::Task => 1,
            Col::Objective => 2,
            Col::Stem => 3,
            Col::Key => 4,
            Col::Option(o) => 5 + o,
            Col::Format => 10,
            Col::Set => 11,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Col::Id => "ข้อ",
            Col::Task => "งานย่อย",
            Col::Objective => "วัตถุประสงค์",
            Col::Stem => "คำถาม",
            Col::Option(o) => LETTERS[o],
            Col::Key => "เฉลย",
            Col::Format => "ประเภท",
            Col::Set => "ชุดจับคู่",
        }
    }
}

/// The header every export writes (and an import may use as it is).
pub const HEADER: [&str; 12] = ["ข้อ", "งานย่อย", "วัตถุประสงค์", "คำถาม", "ก", "ข", "ค", "ง", "จ", "เฉลย", "ประเภท", "ชุดจับคู่"];

/// A format as the `ประเภท` column writes it.
fn format_text(f: Format) -> &'static str {
    match f {
        Format::Choice => "ปรนัย",
        Format::TrueFalse => "ถูกผิด",
        Format::Matching => "จับคู่",
    }
}

/// The bank as CSV rows (header first), in bank order; the task by its code, the key by its letter.
pub fn export_rows(bank: &[BankItem], duties: &[Duty]) -> Vec<Vec<String>> {
    let mut rows = vec![HEADER.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for b in bank {
        let code = find_task(duties, b.task).map(|t| t.code).unwrap_or_default();
        let mut row = vec![b.id.to_string(), code, (b.objective + 1).to_string(), b.stem.clone()];
        row.extend((0..5).map(|o| b.options.get(o).cloned().unwrap_or_default()));
        row.push(letter(b.key).to_string());
        row.push(format_text(b.format).to_string());
        row.push(if b.format == Format::Matching { b.set.to_string() } else { String::new() });
        rows.push(row);
    }
    rows
}

/// A cell a CSV export neutralised against spreadsheet formulas (`'=…`, `'-…`) read back as it was typed.
fn unneutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The bank after importing `text` into `bank`: rows with a `ข้อ` replace that item, the others are appended with
/// new numbers. Nothing is applied unless every row passes; the error names the first line, column and problem.
pub fn import(text: &str, bank: &[BankItem], duties: &[Duty], sets: &[MatchingSet]) -> Result<ImportResult, String> {
    let mut reader = Reader::trimmed(text);
    let header = reader.record().map_err(|e| e.to_string())?.ok_or("ไฟล์ว่าง: ต้องมีหัวตาราง งานย่อย, วัตถุประสงค์, คำถาม, ก–ง, เฉลย")?;
    // Column → its index in the file (small maps as plain arrays and lists: no hash table in the page for them).
    let mut slots: [Option<usize>; 12] = [None; 12];
    for (i, cell) in header.iter().enumerate() {
        let col = Col::of(cell).ok_or_else(|| format!("บรรทัด {} คอลัมน์ {}: ไม่รู้จักหัวคอลัมน์ “{cell}”", header.line, i + 1))?;
        if slots[col.slot()].replace(i).is_some() {
            return Err(format!("บรรทัด {} คอลัมน์ {}: หัวคอลัมน์ “{cell}” ซ้ำ", header.line, i + 1));
        }
    }
    let required = [Col::Task, Col::Objective, Col::Stem, Col::Key];
    let at = |c: Col| slots[c.slot()];
    if let Some(missing) = required.iter().find(|c| at(**c).is_none()) {
        return Err(format!("บรรทัด {}: ไม่มีคอลัมน์ “{}”", header.line, missing.name()));
    }
    let width = header.len();
    let header_line = header.line;
    let mut out = bank.to_vec();
    let bank_max = bank.iter().map(|b| b.id).max().unwrap_or(0);
    let mut next_id = bank_max;
    let (mut added, mut updated) = (0usize, 0usize);
    // (task id, question, the line that holds it) for rows of this file; (item number, line) of the items it replaces.
    let mut seen: Vec<(u32, String, usize)> = Vec::new();
    let mut replaced: Vec<(u32, usize)> = Vec::new();
    while let Some(r) = reader.record().map_err(|e| e.to_string())? {
        let line = r.line;
        if r.len() != width {
            return Err(format!("บรรทัด {line}: มี {} คอลัมน์ แต่หัวตารางมี {width} คอลัมน์", r.len()));
        }
        let cell = |c: Col| at(c).map_or("", |i| unneutralised(&r[i]));
        let err = |c: Col, why: String| format!("บรรทัด {line} คอลัมน์ {} ({}): {why}", at(c).map_or(0, |i| i + 1), c.name());
        let code = cell(Col::Task);
        let task = find_task_by_code(duties, code).ok_or_else(|| {
            err(Col::Task, if code.is_empty() { "ต้องกรอกรหัสงานย่อย เช่น 1.1".into() } else { format!("ไม่มีงานย่อย {code} ในตาราง DACUM") })
        })?;
        let objectives = find_task(duties, task).map_or(0, |t| t.task.objectives.len());
        let objective = match cell(Col::Objective).parse::<usize>() {
            Ok(n) if n >= 1 && n <= objectives => n - 1,
            _ if objectives == 0 => return Err(err(Col::Objective, format!("งานย่อย {code} ยังไม่มีวัตถุประสงค์เชิงพฤติกรรม"))),
            _ => return Err(err(Col::Objective, format!("ต้องเป็นเลข 1–{objectives} (ได้ “{}”)", cell(Col::Objective)))),
        };
        let stem = cell(Col::Stem).to_string();
        if stem.is_empty() {
            return Err(err(Col::Stem, "ยังไม่มีคำถาม".into()));
        }
        let format = match cell(Col::Format) {
            "" | "ปรนัย" | "choice" => Format::Choice,
            "ถูกผิด" | "ถูก-ผิด" | "true_false" => Format::TrueFalse,
            "จับคู่" | "matching" => Format::Matching,
            other => return Err(err(Col::Format, format!("“{other}” ไม่ใช่ประเภทข้อสอบ (ปรนัย, ถูกผิด หรือ จับคู่)"))),
        };
        let key_text = cell(Col::Key);
        let (options, key, set) = match format {
            Format::Choice => {
                if let Some(o) = (0..4).find(|&o| at(Col::Option(o)).is_none()) {
                    return Err(format!("บรรทัด {header_line}: ไม่มีคอลัมน์ “{}” (ข้อปรนัย)", LETTERS[o]));
                }
                let mut options: Vec<String> = (0..5).map(|o| cell(Col::Option(o)).to_string()).collect();
                if let Some(o) = (0..4).find(|&o| options[o].is_empty()) {
                    return Err(err(Col::Option(o), format!("ตัวเลือก {} ว่าง", LETTERS[o])));
                }
                if options[4].is_empty() {
                    options.pop();
                }
                let key = parse_choice(key_text)
                    .filter(|k| usize::from(*k) < options.len())
                    .ok_or_else(|| err(Col::Key, format!("“{key_text}” ไม่ใช่ตัวเลือกของข้อนี้ (ก–{})", LETTERS[options.len() - 1])))?;
                (options, key, 0)
            }
            Format::TrueFalse => {
                if let Some(o) = (0..5).find(|&o| !cell(Col::Option(o)).is_empty()) {
                    return Err(err(Col::Option(o), "ข้อถูก-ผิดไม่มีตัวเลือก (เว้นว่าง)".into()));
                }
                let key = match key_text {
                    "ถูก" => Some(0),
                    "ผิด" => Some(1),
                    k => parse_choice(k).filter(|k| *k < 2),
                }
                .ok_or_else(|| err(Col::Key, format!("“{key_text}” ไม่ใช่เฉลยถูก-ผิด (ก/ถูก หรือ ข/ผิด)")))?;
                (Vec::new(), key, 0)
            }
            Format::Matching => {
                if let Some(o) = (0..5).find(|&o| !cell(Col::Option(o)).is_empty()) {
                    return Err(err(Col::Option(o), "ข้อจับคู่ใช้คำตอบของชุดจับคู่ (เว้นตัวเลือกว่าง)".into()));
                }
                let set_text = cell(Col::Set);
                let set = set_text
                    .parse::<u32>()
                    .ok()
                    .and_then(|n| sets.iter().find(|s| s.id == n))
                    .ok_or_else(|| err(Col::Set, format!("ไม่มีชุดจับคู่ “{set_text}” ในมาตรฐานนี้")))?;
                let key = parse_choice(key_text).filter(|k| usize::from(*k) < set.answers.len()).ok_or_else(|| {
                    err(Col::Key, format!("“{key_text}” ไม่ใช่คำตอบของชุดจับคู่ {} ({} คำตอบ)", set.id, set.answers.len()))
                })?;
                (Vec::new(), key, set.id)
            }
        };
        let id_text = cell(Col::Id);
        let id = if id_text.is_empty() {
            next_id += 1;
            added += 1;
            next_id
        } else {
            let id: u32 = id_text.trim_start_matches('#').parse().map_err(|_| err(Col::Id, format!("“{id_text}” ไม่ใช่เลขข้อในคลัง")))?;
            if !bank.iter().any(|b| b.id == id) {
                return Err(err(Col::Id, format!("ไม่มีข้อ #{id} ในคลัง (เว้นว่างไว้สำหรับข้อใหม่)")));
            }
            if let Some((_, first)) = replaced.iter().find(|(r, _)| *r == id) {
                return Err(err(Col::Id, format!("ข้อ #{id} อยู่ในบรรทัด {first} แล้ว")));
            }
            replaced.push((id, line));
            updated += 1;
            id
        };
        if let Some((_, _, first)) = seen.iter().find(|(t, s, _)| *t == task && *s == stem) {
            return Err(err(Col::Stem, format!("คำถามเดียวกับบรรทัด {first} ในงานย่อย {code}")));
        }
        seen.push((task, stem.clone(), line));
        let item = BankItem { id, task, objective, stem, options, key, format, set };
        match out.iter_mut().find(|b| b.id == id) {
            Some(b) => *b = item,
            None => out.push(item),
        }
    }
    // A question of the file may not repeat one the bank keeps (and the file does not replace).
    for (task, stem, line) in &seen {
        let (task, line) = (*task, *line);
        let from_file = |b: &BankItem| replaced.iter().any(|(r, _)| *r == b.id) || b.id > bank_max;
        if let Some(o) = out.iter().find(|o| o.task == task && o.stem.trim() == stem && !from_file(o)) {
            return Err(format!("บรรทัด {line}: คำถามซ้ำกับข้อ #{} ในคลัง “{stem}”", o.id));
        }
    }
    if added + updated == 0 {
        return Err("ไม่มีข้อสอบในไฟล์ (มีแต่หัวตาราง)".into());
    }
    Ok(ImportResult { bank: out, added, updated })
}

/// The bank after an import, and how many items it added and replaced.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportResult {
    pub bank: Vec<BankItem>,
    pub added: usize,
    pub updated: usize,
}

fn find_task_by_code(duties: &[Duty], code: &str) -> Option<u32> {
    tasks(duties).into_iter().find(|t| t.code == code.trim()).map(|t| t.task.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::csv::write;
    use crate::domain::section26::dacum::Task;

    fn duties() -> Vec<Duty> {
        let task = |id: u32, objectives: usize| Task {
            id,
            title: format!("t{id}"),
            objectives: (0..objectives).map(|o| format!("o{o}")).collect(),
            ..Default::default()
        };
        vec![
            Duty { id: 1, title: "d1".into(), tasks: vec![task(7, 2), task(9, 1)] },
            Duty { id: 2, title: "d2".into(), tasks: vec![task(4, 0)] },
        ]
    }

    fn item(id: u32, task: u32, stem: &str) -> BankItem {
        BankItem { id, task, objective: 0, stem: stem.into(), options: vec!["a".into(), "b".into(), "c".into(), "d".into()], key: 1, ..Default::default() }
    }

    #[test]
    fn export_then_import_gives_the_same_bank() {
        let mut bank = vec![item(1, 7, "=SUM(A1) คืออะไร"), item(3, 9, "ข้อ, ที่มี \"เครื่องหมาย\"")];
        bank[1].options.push("ตัวเลือก จ".into());
        bank[1].key = 4;
        bank[1].objective = 0;
        let text = write(export_rows(&bank, &duties()));
        assert!(text.contains("'=SUM(A1)"), "exports are neutralised: {text}");
        let got = import(&text, &bank, &duties(), &[]).unwrap();
        assert_eq!((got.added, got.updated), (0, 2));
        assert_eq!(got.bank, bank);
        // Into an empty bank (rows keep their numbers only when the bank has them): ids must exist.
        let e = import(&text, &[], &duties(), &[]).unwrap_err();
        assert_eq!(e, "บรรทัด 2 คอลัมน์ 1 (ข้อ): ไม่มีข้อ #1 ในคลัง (เว้นว่างไว้สำหรับข้อใหม่)");
    }

    #[test]
    fn new_rows_are_appended_with_the_next_numbers() {
        let bank = vec![item(5, 7, "เดิม")];
        let csv = "\u{feff}งานย่อย,วัตถุประสงค์,คำถาม,ก,ข,ค,ง,เฉลย\r\n1.1,2,ใหม่หนึ่ง,1,2,3,4,ค\r\n 1.2 ,1,ใหม่สอง,1,2,3,4,d\r\n";
        let got = import(csv, &bank, &duties(), &[]).unwrap();
        assert_eq!((got.added, got.updated), (2, 0));
        assert_eq!(got.bank.iter().map(|b| (b.id, b.task, b.objective, b.key)).collect::<Vec<_>>(), vec![(5, 7, 0, 1), (6, 7, 1, 2), (7, 9, 0, 3)]);
        // English headers in another order.
        let csv = "stem,key,a,b,c,d,task,objective\nq,A,1,2,3,4,1.1,1\n";
        assert_eq!(import(csv, &[], &duties(), &[]).unwrap().bank[0].stem, "q");
    }

    /// True/false and matching rows: imported with their format and set, exported and read back the same; their
    /// refusals name the line and column.
    #[test]
    fn true_false_and_matching_rows() {
        let sets = [MatchingSet { id: 2, title: "t".into(), answers: vec!["a".into(); 6] }];
        let csv = "งานย่อย,วัตถุประสงค์,คำถาม,เฉลย,ประเภท,ชุดจับคู่\n1.1,1,น้ำเดือดที่ 100 องศา,ถูก,ถูกผิด,\n1.1,1,ไฟฟ้า,ข,ถูกผิด,\n1.2,1,ค้อน,ฉ,จับคู่,2\n";
        let got = import(csv, &[], &duties(), &sets).unwrap();
        let shape: Vec<_> = got.bank.iter().map(|b| (b.format, b.key, b.set, b.options.len())).collect();
        assert_eq!(shape, vec![(Format::TrueFalse, 0, 0, 0), (Format::TrueFalse, 1, 0, 0), (Format::Matching, 5, 2, 0)]);
        let text = write(export_rows(&got.bank, &duties()));
        assert_eq!(import(&text, &got.bank, &duties(), &sets).unwrap().bank, got.bank);
        let head = "งานย่อย,วัตถุประสงค์,คำถาม,ก,เฉลย,ประเภท,ชุดจับคู่\n";
        let e = |row: &str| import(&format!("{head}{row}\n"), &[], &duties(), &sets).unwrap_err();
        assert_eq!(e("1.1,1,q,,ค,ถูกผิด,"), "บรรทัด 2 คอลัมน์ 5 (เฉลย): “ค” ไม่ใช่เฉลยถูก-ผิด (ก/ถูก หรือ ข/ผิด)");
        assert_eq!(e("1.1,1,q,x,ก,ถูกผิด,"), "บรรทัด 2 คอลัมน์ 4 (ก): ข้อถูก-ผิดไม่มีตัวเลือก (เว้นว่าง)");
        assert_eq!(e("1.1,1,q,,ก,จับคู่,3"), "บรรทัด 2 คอลัมน์ 7 (ชุดจับคู่): ไม่มีชุดจับคู่ “3” ในมาตรฐานนี้");
        assert_eq!(e("1.1,1,q,,ช,จับคู่,2"), "บรรทัด 2 คอลัมน์ 5 (เฉลย): “ช” ไม่ใช่คำตอบของชุดจับคู่ 2 (6 คำตอบ)");
        assert_eq!(e("1.1,1,q,,ก,อัตนัย,"), "บรรทัด 2 คอลัมน์ 6 (ประเภท): “อัตนัย” ไม่ใช่ประเภทข้อสอบ (ปรนัย, ถูกผิด หรือ จับคู่)");
        assert_eq!(e("1.1,1,q,a,ก,,"), "บรรทัด 1: ไม่มีคอลัมน์ “ข” (ข้อปรนัย)");
    }

    #[test]
    fn every_refusal_names_line_and_column_and_nothing_is_applied() {
        let head = "งานย่อย,วัตถุประสงค์,คำถาม,ก,ข,ค,ง,เฉลย\n";
        let e = |rows: &str| import(&format!("{head}1.1,1,ดี,1,2,3,4,ก\n{rows}"), &[item(1, 7, "เดิม")], &duties(), &[]).unwrap_err();
        assert_eq!(e("3.1,1,q,1,2,3,4,ก\n"), "บรรทัด 3 คอลัมน์ 1 (งานย่อย): ไม่มีงานย่อย 3.1 ในตาราง DACUM");
        assert_eq!(e(",1,q,1,2,3,4,ก\n"), "บรรทัด 3 คอลัมน์ 1 (งานย่อย): ต้องกรอกรหัสงานย่อย เช่น 1.1");
        assert_eq!(e("1.1,3,q,1,2,3,4,ก\n"), "บรรทัด 3 คอลัมน์ 2 (วัตถุประสงค์): ต้องเป็นเลข 1–2 (ได้ “3”)");
        assert_eq!(e("2.1,1,q,1,2,3,4,ก\n"), "บรรทัด 3 คอลัมน์ 2 (วัตถุประสงค์): งานย่อย 2.1 ยังไม่มีวัตถุประสงค์เชิงพฤติกรรม");
        assert_eq!(e("1.1,1,,1,2,3,4,ก\n"), "บรรทัด 3 คอลัมน์ 3 (คำถาม): ยังไม่มีคำถาม");
        assert_eq!(e("1.1,1,q,1,2,,4,ก\n"), "บรรทัด 3 คอลัมน์ 6 (ค): ตัวเลือก ค ว่าง");
        assert_eq!(e("1.1,1,q,1,2,3,4,จ\n"), "บรรทัด 3 คอลัมน์ 8 (เฉลย): “จ” ไม่ใช่ตัวเลือกของข้อนี้ (ก–ง)");
        assert_eq!(e("1.1,1,ดี,1,2,3,4,ก\n"), "บรรทัด 3 คอลัมน์ 3 (คำถาม): คำถามเดียวกับบรรทัด 2 ในงานย่อย 1.1");
        assert_eq!(e("1.1,1,เดิม,1,2,3,4,ก\n"), "บรรทัด 3: คำถามซ้ำกับข้อ #1 ในคลัง “เดิม”");
        assert_eq!(e("1.1,1,q,1,2,3\n"), "บรรทัด 3: มี 6 คอลัมน์ แต่หัวตารางมี 8 คอลัมน์");
        assert_eq!(e("1.1,1,\"q,1,2,3,4,ก\n"), "บรรทัด 3 คอลัมน์ 3: เครื่องหมายคำพูด (\") เปิดไว้แต่ไม่ได้ปิด");
        assert_eq!(import("งานย่อย,คำถาม\n", &[], &duties(), &[]).unwrap_err(), "บรรทัด 1: ไม่มีคอลัมน์ “วัตถุประสงค์”");
        assert_eq!(import("งานย่อย,หมายเหตุ\n", &[], &duties(), &[]).unwrap_err(), "บรรทัด 1 คอลัมน์ 2: ไม่รู้จักหัวคอลัมน์ “หมายเหตุ”");
        assert_eq!(import(head, &[], &duties(), &[]).unwrap_err(), "ไม่มีข้อสอบในไฟล์ (มีแต่หัวตาราง)");
        assert!(import("", &[], &duties(), &[]).unwrap_err().starts_with("ไฟล์ว่าง"));
    }
}
