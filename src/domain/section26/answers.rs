//! Knowledge answers: option letters (ก–จ or A–E in any case), the CSV import (`candidate,1,2,…`, empty =
//! omitted; read by the one CSV reader, `domain::csv`) with line and column in every error, scoring against the key, and the per-session response table that
//! item analysis (spec section 7) reads.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::bank::MATCH_LETTERS;
use crate::domain::csv::Reader;

/// An option index (0 = ก) from `ก`–`จ` or `A`–`E` / `a`–`e`, and past them a matching set's answers `ฉ`–`ถ` or
/// `F`–`S` (whether the question has that many answers is the caller's check); Thai digits ๑–๕ and 1–5 are not
/// accepted (they read as question numbers).
pub fn parse_choice(text: &str) -> Option<u8> {
    let t = text.trim();
    if let Some(i) = MATCH_LETTERS.iter().position(|l| *l == t) {
        return Some(i as u8);
    }
    match t.as_bytes() {
        [c] if c.is_ascii_alphabetic() => {
            let i = c.to_ascii_uppercase() - b'A';
            (usize::from(i) < MATCH_LETTERS.len()).then_some(i)
        }
        _ => None,
    }
}

/// The letter of an option index (a matching set's answers go on past จ).
pub fn letter(choice: u8) -> &'static str {
    MATCH_LETTERS.get(usize::from(choice)).copied().unwrap_or("?")
}

/// Answers as a compact string (`"กข-ง"`, `-` = omitted), as the fast entry shows them.
pub fn answers_text(answers: &[Option<u8>]) -> String {
    answers.iter().map(|a| a.map_or("-", letter)).collect()
}

/// Answers numbered in groups of `size` as they are typed (`1–5 กขคงก · 6–10 ข-ค`), so a tester sees where a
/// paper's run of 40 letters has got to. Empty for no answers.
pub fn answers_grouped(answers: &[Option<u8>], size: usize) -> Vec<(String, String)> {
    let size = size.max(1);
    answers
        .chunks(size)
        .enumerate()
        .map(|(g, chunk)| {
            let first = g * size + 1;
            let last = first + chunk.len() - 1;
            let label = if first == last { first.to_string() } else { format!("{first}–{last}") };
            (label, answers_text(chunk))
        })
        .collect()
}

/// What one key does to a candidate's answers typed one key per question.
#[derive(Clone, Debug, PartialEq)]
pub enum KeyOutcome {
    /// An answer was added or the last one taken back.
    Changed,
    /// A key meant as an answer that is not one here (Thai, naming the key and why); nothing changes.
    Refused(String),
    /// Not an answer key (Tab, arrows, a modifier…): left to the browser.
    Other,
}

/// Applies one typed key (the browser's `KeyboardEvent.key`) to `answers` for a test whose questions have
/// `options[q]` options each: ก–จ, a–e or 1–5 choose; space, `-` or `0` leave the question unanswered; Backspace
/// takes the last answer back. A letter past the question's options, a key past the last question or any other
/// character is refused with the reason, never dropped silently.
pub fn apply_key(key: &str, answers: &mut Vec<Option<u8>>, options: &[u8]) -> KeyOutcome {
    let max = options.len();
    if key == "Backspace" {
        return if answers.pop().is_some() { KeyOutcome::Changed } else { KeyOutcome::Other };
    }
    if key.chars().count() != 1 {
        return KeyOutcome::Other;
    }
    let shown = if key == " " { "ช่องว่าง".to_string() } else { format!("“{key}”") };
    let choice = match key {
        "-" | " " | "0" => None,
        k => match parse_choice(k).or_else(|| match k {
            "1" | "2" | "3" | "4" | "5" => Some(k.as_bytes()[0] - b'1'),
            _ => None,
        }) {
            Some(c) => Some(c),
            None => {
                return KeyOutcome::Refused(format!(
                    "ไม่รับปุ่ม {shown}: ใช้ ก–จ, a–e หรือ 1–5 ตอบ และช่องว่าง, - หรือ 0 = ไม่ตอบ"
                ))
            }
        },
    };
    let q = answers.len();
    if q >= max {
        return KeyOutcome::Refused(format!("ไม่รับปุ่ม {shown}: บันทึกครบ {max} ข้อแล้ว (Backspace ลบข้อสุดท้าย)"));
    }
    let n = options[q];
    if let Some(c) = choice.filter(|c| *c >= n) {
        let last = letter(n.saturating_sub(1));
        return KeyOutcome::Refused(format!("ไม่รับปุ่ม {shown}: ข้อ {} มี {n} ตัวเลือก (ก–{last}) ไม่มี {}", q + 1, letter(c)));
    }
    answers.push(choice);
    KeyOutcome::Changed
}

/// One candidate's answers from the CSV.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerRow {
    pub candidate: String,
    /// One per question, `None` = omitted.
    pub answers: Vec<Option<u8>>,
}

/// Parses `candidate,1,2,…,n` CSV for a test whose questions have `options[q]` answers each (n = its length), read by the one CSV reader
/// ([`crate::domain::csv::Reader::trimmed`]: quoted cells, spaces around cells, BOM, CRLF, blank lines). The header
/// line is optional (recognised by its first cell `candidate`/`ผู้เข้าทดสอบ`/`หมายเลข`, and then its question numbers
/// must be 1…n). Every row has exactly 1 + n cells; a candidate may appear once. Errors: `บรรทัด 3 คอลัมน์ 5: …`.
pub fn parse_answers_csv(text: &str, options: &[u8]) -> Result<Vec<AnswerRow>, String> {
    let items = options.len();
    let mut reader = Reader::trimmed(text);
    let mut rows: Vec<AnswerRow> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(c) = reader.record().map_err(|e| e.to_string())? {
        let n = c.line;
        // The first cell past the expected ones, or the first missing one.
        let column = c.len().min(items + 1) + 1;
        let first = c[0].to_lowercase();
        if rows.is_empty() && matches!(first.as_str(), "candidate" | "ผู้เข้าทดสอบ" | "หมายเลข") {
            if c.len() != items + 1 {
                return Err(format!("บรรทัด {n} คอลัมน์ {column}: หัวตารางมี {} ข้อ แต่ข้อสอบมี {items} ข้อ", c.len() - 1));
            }
            for (col, cell) in c.iter().enumerate().skip(1) {
                if cell.parse::<usize>().ok() != Some(col) {
                    return Err(format!("บรรทัด {n} คอลัมน์ {}: หัวตารางต้องเป็นเลขข้อ {col} (ได้ “{cell}”)", col + 1));
                }
            }
            continue;
        }
        let candidate = &c[0];
        if candidate.is_empty() {
            return Err(format!("บรรทัด {n} คอลัมน์ 1: ไม่มีรหัสผู้เข้าทดสอบ"));
        }
        if c.len() != items + 1 {
            return Err(format!("บรรทัด {n} คอลัมน์ {column}: มี {} คำตอบ แต่ข้อสอบมี {items} ข้อ", c.len() - 1));
        }
        if !seen.insert(candidate.to_string()) {
            return Err(format!("บรรทัด {n} คอลัมน์ 1: ผู้เข้าทดสอบ “{candidate}” ซ้ำ"));
        }
        let mut answers = Vec::with_capacity(items);
        for (col, cell) in c.iter().enumerate().skip(1) {
            if cell.is_empty() {
                answers.push(None);
            } else {
                let choice = parse_choice(cell).ok_or_else(|| {
                    format!("บรรทัด {n} คอลัมน์ {} (ข้อ {col}): “{cell}” ไม่ใช่ตัวเลือก ก–จ หรือ A–E", col + 1)
                })?;
                let has = options[col - 1];
                if choice >= has {
                    return Err(format!(
                        "บรรทัด {n} คอลัมน์ {} (ข้อ {col}): “{cell}” ไม่ใช่ตัวเลือกของข้อนี้ (ก–{})",
                        col + 1,
                        letter(has.saturating_sub(1))
                    ));
                }
                answers.push(Some(choice));
            }
        }
        rows.push(AnswerRow { candidate: candidate.to_string(), answers });
    }
    Ok(rows)
}

/// Number correct against the key (omitted and extra answers are not correct).
pub fn correct_count(key: &[u8], answers: &[Option<u8>]) -> u32 {
    key.iter().zip(answers).filter(|(k, a)| **a == Some(**k)).count() as u32
}

/// What item analysis needs from one test session: the key, and per candidate (in candidate order) the chosen
/// options and the final pass decision.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SessionResponses {
    /// Correct option per question (0 = ก).
    pub key: Vec<u8>,
    /// Options per question (4 or 5), for the distractor table.
    pub options: Vec<u8>,
    pub candidates: Vec<CandidateResponses>,
}

impl SessionResponses {
    /// The table as item analysis reads it (2–5 options a question): a question with more answers than that (a
    /// matching premise) counts as right (ก, its key) or wrong (ข), which is all its p and r need; its distractors,
    /// one per other answer of the set, are not analysed. A test of multiple choice and true/false is unchanged.
    pub fn analysable(mut self) -> SessionResponses {
        for q in 0..self.key.len() {
            if self.options.get(q).is_some_and(|o| *o > 5) {
                let key = self.key[q];
                self.key[q] = 0;
                self.options[q] = 2;
                for c in &mut self.candidates {
                    if let Some(a) = c.chosen.get_mut(q) {
                        *a = a.map(|a| u8::from(a != key));
                    }
                }
            }
        }
        self
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CandidateResponses {
    pub candidate: String,
    /// Chosen option per question, `None` = omitted.
    pub chosen: Vec<Option<u8>>,
    /// The final certificate decision (criterion-referenced groups); `None` while marking is not complete.
    pub pass: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_in_both_alphabets() {
        assert_eq!(parse_choice("ก"), Some(0));
        assert_eq!(parse_choice(" จ "), Some(4));
        assert_eq!(parse_choice("b"), Some(1));
        assert_eq!(parse_choice("E"), Some(4));
        assert_eq!(parse_choice("F"), Some(5), "a matching set's sixth answer");
        assert_eq!(parse_choice("ถ"), Some(18));
        assert_eq!(parse_choice("s"), Some(18));
        assert_eq!(parse_choice("T"), None);
        assert_eq!(parse_choice("ท"), None);
        assert_eq!(parse_choice("ฃ"), None);
        assert_eq!(letter(18), "ถ");
        assert_eq!(parse_choice("1"), None);
        assert_eq!(answers_text(&[Some(0), None, Some(3)]), "ก-ง");
    }

    #[test]
    fn csv_with_header_and_omissions() {
        let csv = "\u{feff}candidate,1,2,3\r\nA001,ก,b,\n\nA002,C,,จ\n";
        let rows = parse_answers_csv(csv, &[5; 3]).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].answers, vec![Some(0), Some(1), None]);
        assert_eq!(rows[1], AnswerRow { candidate: "A002".into(), answers: vec![Some(2), None, Some(4)] });
        assert_eq!(correct_count(&[0, 1, 2], &rows[0].answers), 2);
        assert_eq!(correct_count(&[0, 1, 2], &[None, None]), 0);
        // No header is fine too.
        assert_eq!(parse_answers_csv("A1,a,b,c", &[5; 3]).unwrap()[0].answers, vec![Some(0), Some(1), Some(2)]);
    }

    #[test]
    fn csv_errors_name_line_and_column() {
        let e = parse_answers_csv("candidate,1,2,3\nA001,ก,X,ค\n", &[5; 3]).unwrap_err();
        assert_eq!(e, "บรรทัด 2 คอลัมน์ 3 (ข้อ 2): “X” ไม่ใช่ตัวเลือก ก–จ หรือ A–E");
        assert_eq!(parse_answers_csv("A001,ก,ข\n", &[5; 3]).unwrap_err(), "บรรทัด 1 คอลัมน์ 4: มี 2 คำตอบ แต่ข้อสอบมี 3 ข้อ");
        assert_eq!(parse_answers_csv("A001,ก,ข,ค,ง\n", &[5; 3]).unwrap_err(), "บรรทัด 1 คอลัมน์ 5: มี 4 คำตอบ แต่ข้อสอบมี 3 ข้อ");
        assert_eq!(
            parse_answers_csv("หมายเลข,1,2\n", &[5; 3]).unwrap_err(),
            "บรรทัด 1 คอลัมน์ 4: หัวตารางมี 2 ข้อ แต่ข้อสอบมี 3 ข้อ"
        );
        assert_eq!(
            parse_answers_csv("A001,ก,\"ข\n\nA002,ก,ข\n", &[5; 2]).unwrap_err(),
            "บรรทัด 1 คอลัมน์ 3: เครื่องหมายคำพูด (\") เปิดไว้แต่ไม่ได้ปิด"
        );
        assert!(parse_answers_csv("candidate,1,3\n", &[5; 2]).unwrap_err().starts_with("บรรทัด 1 คอลัมน์ 3"));
        assert!(parse_answers_csv("A,ก\nA,ข\n", &[5; 1]).unwrap_err().contains("ซ้ำ"));
        assert!(parse_answers_csv(",ก\n", &[5; 1]).unwrap_err().contains("คอลัมน์ 1"));
        // Lines count blank lines and the line breaks inside quoted cells.
        let e = parse_answers_csv("\"A\n001\",ก\r\n\r\nA002,X\r\n", &[5; 1]).unwrap_err();
        assert!(e.starts_with("บรรทัด 4 คอลัมน์ 2 (ข้อ 1)"), "{e}");
    }

    /// The bug the one reader fixed: a quoted candidate id with a comma was split into two cells.
    #[test]
    fn a_quoted_comma_stays_in_its_cell() {
        let rows = parse_answers_csv("candidate,1,2\n\"สมชาย, ใจดี\",ก,\"ข\"\n", &[5; 2]).unwrap();
        assert_eq!(rows, vec![AnswerRow { candidate: "สมชาย, ใจดี".into(), answers: vec![Some(0), Some(1)] }]);
    }

    /// Golden: a spreadsheet's export (BOM, CRLF, every cell quoted, a blank line, no final line break).
    #[test]
    fn golden_spreadsheet_export() {
        let csv = "\u{feff}\"ผู้เข้าทดสอบ\",\"1\",\"2\",\"3\"\r\n\"A001\",\"ก\",\"\",\"d\"\r\n\r\n \"A002\" , จ ,B,\"\"";
        let rows = parse_answers_csv(csv, &[5; 3]).unwrap();
        assert_eq!(
            rows,
            vec![
                AnswerRow { candidate: "A001".into(), answers: vec![Some(0), None, Some(3)] },
                AnswerRow { candidate: "A002".into(), answers: vec![Some(4), Some(1), None] },
            ]
        );
    }

    #[test]
    fn typed_keys_are_applied_or_refused_with_the_reason() {
        let options = [4, 4, 5];
        let mut a = Vec::new();
        assert_eq!(apply_key("Backspace", &mut a, &options), KeyOutcome::Other);
        assert_eq!(apply_key("Tab", &mut a, &options), KeyOutcome::Other);
        assert_eq!(apply_key("ข", &mut a, &options), KeyOutcome::Changed);
        assert_eq!(
            apply_key("x", &mut a, &options),
            KeyOutcome::Refused("ไม่รับปุ่ม “x”: ใช้ ก–จ, a–e หรือ 1–5 ตอบ และช่องว่าง, - หรือ 0 = ไม่ตอบ".into())
        );
        // Question 2 has four options: จ / e / 5 are refused there, accepted on question 3.
        assert_eq!(apply_key("e", &mut a, &options), KeyOutcome::Refused("ไม่รับปุ่ม “e”: ข้อ 2 มี 4 ตัวเลือก (ก–ง) ไม่มี จ".into()));
        assert_eq!(apply_key(" ", &mut a, &options), KeyOutcome::Changed);
        assert_eq!(apply_key("5", &mut a, &options), KeyOutcome::Changed);
        assert_eq!(a, vec![Some(1), None, Some(4)]);
        assert_eq!(
            apply_key("-", &mut a, &options),
            KeyOutcome::Refused("ไม่รับปุ่ม “-”: บันทึกครบ 3 ข้อแล้ว (Backspace ลบข้อสุดท้าย)".into())
        );
        assert_eq!(apply_key("Backspace", &mut a, &options), KeyOutcome::Changed);
        assert_eq!(a, vec![Some(1), None]);
    }

    /// True/false (2 choices) and matching (19 answers) questions are typed like the others: ก/ข only on a
    /// true/false question, letters up to the set's last answer on a matching one.
    #[test]
    fn typed_keys_on_true_false_and_matching_questions() {
        let options = [2, 19, 19];
        let mut a = Vec::new();
        assert_eq!(apply_key("ค", &mut a, &options), KeyOutcome::Refused("ไม่รับปุ่ม “ค”: ข้อ 1 มี 2 ตัวเลือก (ก–ข) ไม่มี ค".into()));
        assert_eq!(apply_key("ข", &mut a, &options), KeyOutcome::Changed);
        assert_eq!(apply_key("ถ", &mut a, &options), KeyOutcome::Changed);
        assert_eq!(apply_key("f", &mut a, &options), KeyOutcome::Changed);
        assert_eq!(a, vec![Some(1), Some(18), Some(5)]);
        assert_eq!(answers_text(&a), "ขถฉ");
        let rows = parse_answers_csv("A1,ข,ฉ,S\n", &options).unwrap();
        assert_eq!(rows[0].answers, vec![Some(1), Some(5), Some(18)]);
        assert_eq!(
            parse_answers_csv("A1,ค,ก,ก\n", &options).unwrap_err(),
            "บรรทัด 1 คอลัมน์ 2 (ข้อ 1): “ค” ไม่ใช่ตัวเลือกของข้อนี้ (ก–ข)"
        );
        assert_eq!(parse_answers_csv("A1,ก,ก,จ\n", &[2, 4, 4]).unwrap_err(), "บรรทัด 1 คอลัมน์ 4 (ข้อ 3): “จ” ไม่ใช่ตัวเลือกของข้อนี้ (ก–ง)");
    }

    /// Golden: a matching question (19 answers) goes to item analysis as right/wrong; the others as they are.
    #[test]
    fn matching_questions_are_analysed_as_right_or_wrong() {
        let r = SessionResponses {
            key: vec![1, 7, 2],
            options: vec![2, 19, 4],
            candidates: vec![
                CandidateResponses { candidate: "1".into(), chosen: vec![Some(1), Some(7), Some(3)], pass: Some(true) },
                CandidateResponses { candidate: "2".into(), chosen: vec![Some(0), Some(12), None], pass: None },
                CandidateResponses { candidate: "3".into(), chosen: vec![None, None, Some(2)], pass: None },
            ],
        };
        let a = r.clone().analysable();
        assert_eq!((a.key.clone(), a.options.clone()), (vec![1, 0, 2], vec![2, 2, 4]));
        let chosen: Vec<_> = a.candidates.iter().map(|c| c.chosen.clone()).collect();
        assert_eq!(chosen, vec![vec![Some(1), Some(0), Some(3)], vec![Some(0), Some(1), None], vec![None, None, Some(2)]]);
        let plain = SessionResponses { key: vec![0], options: vec![4], candidates: r.candidates[..1].to_vec() };
        assert_eq!(plain.clone().analysable(), plain);
    }

    #[test]
    fn answers_in_numbered_groups() {
        let a: Vec<Option<u8>> = [0, 1, 2, 3, 0, 1, 9].iter().map(|&x| (x < 5).then_some(x)).collect();
        assert_eq!(
            answers_grouped(&a, 5),
            vec![("1–5".to_string(), "กขคงก".to_string()), ("6–7".to_string(), "ข-".to_string())]
        );
        assert_eq!(answers_grouped(&a[..6], 5)[1], ("6".to_string(), "ข".to_string()));
        assert!(answers_grouped(&[], 5).is_empty());
    }
}
