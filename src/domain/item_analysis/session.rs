//! A Section 26 test session as the input of an item analysis: the session's knowledge answers against its frozen
//! key ([`SessionResponses`], from [`crate::domain::section26::score::responses`]) become the same [`Dataset`] a CSV
//! import gives, so both paths run the same [`super::analyze`].
//!
//! - Norm-referenced: every candidate whose answers were entered (upper/lower 25 % or 27 %, as with a CSV).
//! - Criterion-referenced: the pass/fail groups are the certificate model's actual decisions; a candidate whose
//!   result is not final yet (practical marks missing or blocked) is left out, and the page says how many.
//!
//! Candidates with no answer entered at all are left out of both (they have not sat the knowledge test as far as
//! the app knows); a candidate who answered some questions has the rest counted as omitted.
//!
//! The analysis is never stored: it is recomputed from the session's records whenever it is shown.

use rust_decimal::Decimal;

use super::analyze::{Method, PassSource};
use super::csv::Dataset;
use super::matrix::{ResponseMatrix, MAX_OPTIONS, OMITTED};
use crate::domain::section26::answers::SessionResponses;
use crate::domain::section26::dacum::find_task;
use crate::domain::section26::standard::Standard;

/// How a session is analysed. Its [`code`](SessionMethod::code) is the last part of the page's address, so the
/// choice survives a reload and the printed report uses the same one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionMethod {
    /// Upper and lower groups of this many percent (25 or 27).
    Norm(u8),
    /// Pass and fail groups from the certificate model's decisions.
    Verdicts,
}

impl SessionMethod {
    pub const ALL: [SessionMethod; 3] = [SessionMethod::Norm(25), SessionMethod::Norm(27), SessionMethod::Verdicts];

    pub fn code(self) -> String {
        match self {
            SessionMethod::Norm(g) => format!("norm-{g}"),
            SessionMethod::Verdicts => "verdicts".into(),
        }
    }

    /// The method of a code; `None` for anything else.
    pub fn from_code(code: &str) -> Option<SessionMethod> {
        SessionMethod::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn thai(self) -> String {
        match self {
            SessionMethod::Norm(g) => format!("แบบอิงกลุ่ม กลุ่มสูง–กลุ่มต่ำ {g} %"),
            SessionMethod::Verdicts => "แบบอิงเกณฑ์ ตามผลตัดสินของรอบทดสอบ".into(),
        }
    }
}

impl Default for SessionMethod {
    fn default() -> SessionMethod {
        SessionMethod::Norm(25)
    }
}

/// What is analysed, and who was left out and why.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionSet {
    /// The candidates analysed, in session order; items labelled 1…n.
    pub data: Dataset,
    pub method: Method,
    /// Candidate numbers with no answer entered.
    pub unanswered: Vec<String>,
    /// Candidate numbers whose result is not final (left out of the criterion method only).
    pub pending: Vec<String>,
}

/// The analysis input of a session. Errors (Thai) name the candidate and question of an answer outside the
/// question's options, or a session whose key does not fit its options.
pub fn session_set(r: &SessionResponses, method: SessionMethod) -> Result<SessionSet, String> {
    let k = r.key.len();
    let options = r.options.iter().copied().max().map_or(0, usize::from).clamp(2, MAX_OPTIONS);
    for (q, &key) in r.key.iter().enumerate() {
        if key >= r.options.get(q).copied().unwrap_or(0) {
            return Err(format!("ข้อ {}: เฉลยของรอบทดสอบไม่อยู่ในตัวเลือกของข้อ", q + 1));
        }
    }
    let (mut unanswered, mut pending) = (Vec::new(), Vec::new());
    let (mut candidates, mut codes, mut decisions) = (Vec::new(), Vec::new(), Vec::new());
    for c in &r.candidates {
        if c.chosen.iter().all(Option::is_none) {
            unanswered.push(c.candidate.clone());
            continue;
        }
        let pass = match (method, c.pass) {
            (SessionMethod::Verdicts, None) => {
                pending.push(c.candidate.clone());
                continue;
            }
            (_, p) => p.unwrap_or(false),
        };
        if c.chosen.len() > k {
            return Err(format!("ผู้เข้าทดสอบ {}: มีคำตอบ {} ข้อ แต่ข้อสอบมี {k} ข้อ", c.candidate, c.chosen.len()));
        }
        for q in 0..k {
            let code = match c.chosen.get(q).copied().flatten() {
                None => OMITTED,
                Some(o) if o < r.options.get(q).copied().unwrap_or(0) => o,
                Some(_) => return Err(format!("ผู้เข้าทดสอบ {} ข้อ {}: คำตอบไม่อยู่ในตัวเลือกของข้อ", c.candidate, q + 1)),
            };
            codes.push(code);
        }
        candidates.push(c.candidate.clone());
        decisions.push(pass);
    }
    let matrix = ResponseMatrix::from_codes(k, options, &codes).map_err(|e| e.to_string())?;
    let data = Dataset { candidates, items: (1..=k).map(|q| q.to_string()).collect(), key: r.key.clone(), matrix };
    let method = match method {
        SessionMethod::Norm(g) => Method::Norm { fraction: Decimal::new(i64::from(g), 2) },
        SessionMethod::Verdicts => Method::Criterion(PassSource::Decisions(decisions)),
    };
    Ok(SessionSet { data, method, unanswered, pending })
}

/// Where each question of a session came from: `คลัง #12 · งานย่อย 1.2 ชื่องาน` (the bank item's number and its
/// DACUM task), or `คลัง #12` when the item or task is no longer in the standard.
pub fn question_sources(standard: &Standard, items: &[u32]) -> Vec<String> {
    items
        .iter()
        .map(|&id| {
            let task = standard.bank.iter().find(|b| b.id == id).and_then(|b| find_task(&standard.duties, b.task));
            match task {
                Some(t) => format!("คลัง #{id} · งานย่อย {} {}", t.code, t.task.title),
                None => format!("คลัง #{id}"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::domain::item_analysis::{analyze, parse_dataset};
    use crate::domain::section26::bank::BankItem;
    use crate::domain::section26::dacum::{Duty, Task};
    use crate::domain::section26::marking::{ItemKind, ItemMark, Module, PracticalItem};
    use crate::domain::section26::score::{responses, CandidateInput, Scheme};
    use crate::domain::section26::verdict::Criteria;

    const LETTERS: [&str; 4] = ["ก", "ข", "ค", "ง"];

    /// A 6-question session scored on one yes/no practical item: `(number, answers, practical done?)`.
    fn session(rows: &[(&str, &str, Option<bool>)]) -> SessionResponses {
        let scheme = Scheme {
            key: vec![0, 1, 2, 3, 0, 1],
            options: vec![4; 6],
            criteria: Criteria::default(),
            modules: vec![Module { paper: Default::default(),
                id: "1".into(),
                name: "m".into(),
                threshold: None,
                items: vec![PracticalItem { id: "1".into(), title: String::new(), full: Decimal::from(5), kind: ItemKind::YesNo }],
            }],
        };
        let inputs: Vec<CandidateInput> = rows
            .iter()
            .map(|(number, answers, done)| CandidateInput {
                candidate: number.to_string(),
                answers: answers.chars().map(|c| "กขคง".chars().position(|l| l == c).map(|p| p as u8)).collect(),
                practical: match done {
                    Some(ok) => BTreeMap::from([("1".into(), BTreeMap::from([("1".into(), ItemMark::Done(*ok))]))]),
                    None => BTreeMap::new(),
                },
            })
            .collect();
        responses(&scheme, &inputs)
    }

    /// The same answers as the CSV files of `mattrathan analyze`.
    fn csv(r: &SessionResponses, who: &[String]) -> Dataset {
        let mut text = String::from("candidate,1,2,3,4,5,6\n");
        for c in r.candidates.iter().filter(|c| who.contains(&c.candidate)) {
            let cells: Vec<&str> = (0..6).map(|q| c.chosen.get(q).copied().flatten().map_or("", |o| LETTERS[usize::from(o)])).collect();
            text.push_str(&format!("{},{}\n", c.candidate, cells.join(",")));
        }
        let key: String = r.key.iter().enumerate().map(|(q, &k)| format!("{},{}\n", q + 1, LETTERS[usize::from(k)])).collect();
        parse_dataset(&text, &key, Some(4)).unwrap()
    }

    fn rows() -> Vec<(&'static str, &'static str, Option<bool>)> {
        vec![
            ("A01", "กขคงกข", Some(true)),
            ("A02", "กขคงกก", Some(true)),
            ("A03", "กขคขคข", Some(true)),
            ("A04", "กกคงขง", Some(false)),
            ("A05", "ขขกกกข", Some(true)),
            ("A06", "คกขก-ข", Some(true)),
            ("A07", "กข----", Some(true)),
            ("A08", "งงงงงง", None),
            ("A09", "", Some(true)),
            ("A10", "ขกคกกข", Some(false)),
        ]
    }

    #[test]
    fn norm_equals_the_csv_path() {
        let r = session(&rows());
        let set = session_set(&r, SessionMethod::Norm(25)).unwrap();
        assert_eq!(set.unanswered, ["A09"]);
        assert!(set.pending.is_empty());
        let who: Vec<String> = rows().iter().filter(|r| !r.1.is_empty()).map(|r| r.0.to_string()).collect();
        let data = csv(&r, &who);
        assert_eq!(set.data, data);
        let from_session = analyze(&set.data.matrix, &set.data.key, &set.method).unwrap();
        let from_csv = analyze(&data.matrix, &data.key, &Method::norm_25()).unwrap();
        assert_eq!(from_session, from_csv);
        assert_eq!(from_session.test.candidates, 9);
        // 27 % of 9 = 2.43 → groups of 2.
        let set = session_set(&r, SessionMethod::Norm(27)).unwrap();
        assert_eq!(set.method, Method::Norm { fraction: Decimal::new(27, 2) });
    }

    #[test]
    fn criterion_uses_the_verdicts_and_leaves_out_pending() {
        let r = session(&rows());
        let set = session_set(&r, SessionMethod::Verdicts).unwrap();
        assert_eq!(set.unanswered, ["A09"]);
        assert_eq!(set.pending, ["A08"]);
        // The certificate model (knowledge ≥ 4 of 6 and the practical item done): A01 6, A02 5, A03 4 pass; A04 and
        // A10 fail the practical item, A05 (3), A06 (1) and A07 (2) the knowledge part.
        let decided: Vec<(String, bool)> =
            r.candidates.iter().filter_map(|c| Some((c.candidate.clone(), c.pass?))).filter(|(n, _)| n != "A09").collect();
        let who: Vec<String> = decided.iter().map(|d| d.0.clone()).collect();
        let decisions: Vec<bool> = decided.iter().map(|d| d.1).collect();
        assert_eq!(decisions, [true, true, true, false, false, false, false, false]);
        let data = csv(&r, &who);
        assert_eq!(set.data, data);
        let from_session = analyze(&set.data.matrix, &set.data.key, &set.method).unwrap();
        let from_csv = analyze(&data.matrix, &data.key, &Method::Criterion(PassSource::Decisions(decisions))).unwrap();
        assert_eq!(from_session, from_csv);
        // Item 1 (key ก): right for all 3 who passed and 2 of the 5 who did not → p = 5/8 = 0.63, B = 1 − 0.4 = 0.60.
        assert_eq!(from_session.items[0].p.to_string(), "0.63");
        assert_eq!(from_session.items[0].r.to_string(), "0.60");
    }

    #[test]
    fn bad_answers_name_the_candidate_and_question() {
        let mut r = session(&rows());
        r.candidates[1].chosen[2] = Some(4);
        assert_eq!(session_set(&r, SessionMethod::Norm(25)).unwrap_err(), "ผู้เข้าทดสอบ A02 ข้อ 3: คำตอบไม่อยู่ในตัวเลือกของข้อ");
        let mut r = session(&rows());
        r.key[5] = 4;
        assert!(session_set(&r, SessionMethod::Norm(25)).unwrap_err().starts_with("ข้อ 6:"));
    }

    #[test]
    fn method_codes_round_trip() {
        for m in SessionMethod::ALL {
            assert_eq!(SessionMethod::from_code(&m.code()), Some(m));
        }
        assert_eq!(SessionMethod::from_code("norm-30"), None);
    }

    #[test]
    fn sources_name_the_bank_item_and_task() {
        let standard = Standard {
            duties: vec![Duty {
                id: 1,
                title: "เชื่อม".into(),
                tasks: vec![Task { id: 7, title: "เชื่อมต่อชน".into(), ..Default::default() }],
            }],
            bank: vec![BankItem { id: 12, task: 7, ..Default::default() }],
            ..Default::default()
        };
        assert_eq!(question_sources(&standard, &[12, 3]), ["คลัง #12 · งานย่อย 1.1 เชื่อมต่อชน", "คลัง #3"]);
    }
}
