//! The knowledge item bank (seed §8 notes, "หมายเหตุ"): items linked to one behavioural objective of a DACUM task,
//! each multiple choice (options ก–ง, up to จ, one key), true/false (key ก = ถูก, ข = ผิด) or one premise of a
//! matching set (its key one of the set's answers ก, ข, ค, …); the three bank rules, each checked and reported with
//! what is short; and the handbook's rules for the other formats (seed, ข้อสอบแบบถูก-ผิด and แบบจับคู่): true/false at
//! least [`MIN_TRUE_FALSE`] items with 40–60 % of them true, a matching set at most [`MAX_MATCHING`] premises with
//! 3–4 answers more than premises, each answer the key of one premise at most.

use serde::{Deserialize, Serialize};

use super::dacum::{tasks, Duty};

/// The option letters, in order. Four by default, a fifth (จ) allowed.
pub const LETTERS: [&str; 5] = ["ก", "ข", "ค", "ง", "จ"];
/// Rule 1: a test has at least this many items.
pub const MIN_TEST_ITEMS: u32 = 40;
/// The letters of a matching set's answers, in order (ฃ and ฅ, no longer written, are skipped): 15 premises and 4
/// extra answers at most.
pub const MATCH_LETTERS: [&str; 19] =
    ["ก", "ข", "ค", "ง", "จ", "ฉ", "ช", "ซ", "ฌ", "ญ", "ฎ", "ฏ", "ฐ", "ฑ", "ฒ", "ณ", "ด", "ต", "ถ"];
/// True/false: a bank that has them has at least this many (seed: "ข้อสอบฉบับหนึ่งไม่ควรน้อยกว่า 50 ข้อ").
pub const MIN_TRUE_FALSE: usize = 50;
/// Matching: at most this many premises in one set (seed: "ชุดหนึ่ง ๆ ควรมีคำถามไม่เกิน 15 ข้อ").
pub const MAX_MATCHING: usize = 15;
/// The true/false answers: key 0 = ถูก (true), 1 = ผิด (false).
pub const TRUE_FALSE: [&str; 2] = ["ถูก", "ผิด"];

/// The kind of a bank item. Old banks have no such field: every item there is multiple choice (the default), and a
/// multiple-choice item is stored without it, as before.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[default]
    Choice,
    TrueFalse,
    Matching,
}

impl Format {
    pub fn is_choice(&self) -> bool {
        *self == Format::Choice
    }

    pub fn thai(self) -> &'static str {
        match self {
            Format::Choice => "ปรนัยเลือกตอบ",
            Format::TrueFalse => "ถูก-ผิด",
            Format::Matching => "จับคู่",
        }
    }

    /// The order of the formats on a paper: true/false first (seed: "ควรจัดให้ข้อสอบประเภทถูก-ผิดไว้ตอนต้น ๆ"),
    /// then multiple choice, then the matching sets.
    pub fn rank(self) -> u8 {
        match self {
            Format::TrueFalse => 0,
            Format::Choice => 1,
            Format::Matching => 2,
        }
    }
}

/// A matching set: what to match by (the instruction, seed rule 3) and the answers of the right-hand column.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct MatchingSet {
    /// Stable identity within the standard; the premises name it ([`BankItem::set`]).
    pub id: u32,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub answers: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct BankItem {
    /// Stable identity within the standard.
    pub id: u32,
    /// The DACUM task id.
    pub task: u32,
    /// Index into the task's objectives.
    #[serde(default)]
    pub objective: usize,
    pub stem: String,
    /// 4 or 5 options.
    pub options: Vec<String>,
    /// Index of the correct option (true/false: 0 = ถูก; matching: the set's answer).
    pub key: u8,
    /// Multiple choice unless set.
    #[serde(default, skip_serializing_if = "Format::is_choice")]
    pub format: Format,
    /// A matching premise's set ([`MatchingSet::id`]); 0 for the other formats.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub set: u32,
}

impl BankItem {
    /// Sets option `o` (0-based) to `text`, growing the list to reach it; blank options past the fourth are dropped
    /// from the end, so an item has 4 options unless a fifth is filled.
    pub fn set_option(&mut self, o: usize, text: String) {
        if self.options.len() <= o {
            self.options.resize(o + 1, String::new());
        }
        self.options[o] = text;
        while self.options.len() > 4 && self.options.last().is_some_and(|x| x.trim().is_empty()) {
            self.options.pop();
        }
    }

    /// How many answers a candidate chooses from: the options, 2 for true/false, the set's answers for matching
    /// (0 when the set is missing).
    pub fn choices(&self, sets: &[MatchingSet]) -> usize {
        match self.format {
            Format::Choice => self.options.len(),
            Format::TrueFalse => 2,
            Format::Matching => sets.iter().find(|s| s.id == self.set).map_or(0, |s| s.answers.len()),
        }
    }

    /// The letter of answer `choice` for this item's format (ก–จ, or up to ถ for a matching set).
    pub fn letter(&self, choice: u8) -> &'static str {
        let letters: &[&'static str] = if self.format == Format::Matching { &MATCH_LETTERS } else { &LETTERS };
        letters.get(usize::from(choice)).copied().unwrap_or("?")
    }

    /// The key as printed: `ค`, or `ก (ถูก)` for true/false.
    pub fn key_text(&self) -> String {
        match self.format {
            Format::TrueFalse => format!("{} ({})", self.letter(self.key), TRUE_FALSE.get(usize::from(self.key)).unwrap_or(&"?")),
            _ => self.letter(self.key).to_string(),
        }
    }

    /// Problems with the item itself (Thai, naming it "ข้อ N" as the bank shows it), empty when usable.
    pub fn problems(&self, duties: &[Duty], sets: &[MatchingSet]) -> Vec<String> {
        let mut p = Vec::new();
        let label = format!("ข้อ {}", self.id);
        if self.stem.trim().is_empty() {
            p.push(format!("{label}: ยังไม่มีคำถาม"));
        }
        match self.format {
            Format::Choice => {
                if !(4..=5).contains(&self.options.len()) {
                    p.push(format!("{label}: ต้องมีตัวเลือก 4 หรือ 5 ข้อ (มี {})", self.options.len()));
                }
                if let Some(i) = self.options.iter().position(|o| o.trim().is_empty()) {
                    p.push(format!("{label}: ตัวเลือก {} ว่าง", LETTERS.get(i).unwrap_or(&"?")));
                }
                if usize::from(self.key) >= self.options.len() {
                    p.push(format!("{label}: เฉลยไม่อยู่ในตัวเลือก"));
                }
            }
            Format::TrueFalse => {
                if self.key > 1 {
                    p.push(format!("{label}: ข้อถูก-ผิดต้องเฉลย ก (ถูก) หรือ ข (ผิด)"));
                }
            }
            Format::Matching => match sets.iter().find(|s| s.id == self.set) {
                None => p.push(format!("{label}: ยังไม่ได้เลือกชุดจับคู่")),
                Some(s) if usize::from(self.key) >= s.answers.len() => {
                    p.push(format!("{label}: เฉลยไม่อยู่ในคำตอบของชุดจับคู่ {}", s.id))
                }
                Some(_) => {}
            },
        }
        match tasks(duties).iter().find(|t| t.task.id == self.task) {
            None => p.push(format!("{label}: ยังไม่ได้ผูกกับงานย่อย")),
            Some(t) if self.objective >= t.task.objectives.len() => {
                p.push(format!("{label}: งานย่อย {} ไม่มีวัตถุประสงค์ข้อ {}", t.code, self.objective + 1))
            }
            Some(_) => {}
        }
        p
    }
}

/// The three bank rules with their messages.
#[derive(Clone, Debug, PartialEq)]
pub struct BankCheck {
    /// Rule 1: test length ≥ 40.
    pub length_ok: bool,
    /// Rule 2: bank ≥ 1.5 × test length.
    pub size_ok: bool,
    /// Rule 3: per task, bank items ≥ objectives: (task code, items in bank, objectives) of the tasks short.
    pub short_tasks: Vec<(String, usize, usize)>,
    /// One Thai sentence per rule broken, saying what is short.
    pub messages: Vec<String>,
}

impl BankCheck {
    pub fn ok(&self) -> bool {
        self.messages.is_empty()
    }
}

/// Checks the three rules of the seed for a test of `test_length` items drawn from `bank`.
pub fn check_bank(test_length: u32, bank: &[BankItem], duties: &[Duty]) -> BankCheck {
    let mut messages = Vec::new();
    let length_ok = test_length >= MIN_TEST_ITEMS;
    if !length_ok {
        messages.push(format!(
            "ข้อสอบภาคความรู้ต้องมีอย่างน้อย {MIN_TEST_ITEMS} ข้อ (กำหนดไว้ {test_length} ข้อ ขาด {} ข้อ)",
            MIN_TEST_ITEMS - test_length
        ));
    }
    // bank ≥ 1.5 × length ⇔ 2 × bank ≥ 3 × length (no fractions).
    let needed = (3 * test_length as usize).div_ceil(2);
    let size_ok = bank.len() >= needed;
    if !size_ok {
        messages.push(format!(
            "คลังข้อสอบต้องมีอย่างน้อย 1.5 เท่าของจำนวนข้อสอบ ({needed} ข้อ) มี {} ข้อ ขาด {} ข้อ",
            bank.len(),
            needed - bank.len()
        ));
    }
    let short_tasks: Vec<(String, usize, usize)> = tasks(duties)
        .iter()
        .map(|t| (t.code.clone(), bank.iter().filter(|i| i.task == t.task.id).count(), t.task.objectives.len()))
        .filter(|(_, n, o)| n < o)
        .collect();
    for (code, n, o) in &short_tasks {
        messages.push(format!("งานย่อย {code}: ข้อสอบในคลัง {n} ข้อ น้อยกว่าวัตถุประสงค์ {o} ข้อ (ขาด {} ข้อ)", o - n));
    }
    BankCheck { length_ok, size_ok, short_tasks, messages }
}

/// The handbook's rules for true/false items and matching sets (see the module docs), one Thai sentence per rule
/// broken, naming the set and the items ("ข้อ N"); empty when they hold (or the bank has neither format).
pub fn check_formats(bank: &[BankItem], sets: &[MatchingSet]) -> Vec<String> {
    let mut out = Vec::new();
    let tf: Vec<&BankItem> = bank.iter().filter(|b| b.format == Format::TrueFalse).collect();
    if !tf.is_empty() {
        if tf.len() < MIN_TRUE_FALSE {
            out.push(format!(
                "ข้อสอบแบบถูก-ผิดต้องมีอย่างน้อย {MIN_TRUE_FALSE} ข้อ มี {} ข้อ ขาด {} ข้อ",
                tf.len(),
                MIN_TRUE_FALSE - tf.len()
            ));
        }
        // 40 % ≤ true / all ≤ 60 % ⇔ 2 × all ≤ 5 × true ≤ 3 × all (no fractions).
        let trues = tf.iter().filter(|b| b.key == 0).count();
        if 5 * trues < 2 * tf.len() || 5 * trues > 3 * tf.len() {
            out.push(format!(
                "ข้อสอบแบบถูก-ผิดต้องมีข้อที่เฉลย “ถูก” ร้อยละ 40–60 มี {trues} จาก {} ข้อ (ร้อยละ {})",
                tf.len(),
                super::percent::Percent::of(rust_decimal::Decimal::from(trues), rust_decimal::Decimal::from(tf.len())).text()
            ));
        }
    }
    for set in sets {
        let premises: Vec<&BankItem> = bank.iter().filter(|b| b.format == Format::Matching && b.set == set.id).collect();
        let name = format!("ชุดจับคู่ {}", set.id);
        if premises.is_empty() {
            out.push(format!("{name}: ยังไม่มีข้อคำถาม"));
            continue;
        }
        if premises.len() > MAX_MATCHING {
            out.push(format!("{name}: มีคำถาม {} ข้อ เกิน {MAX_MATCHING} ข้อ", premises.len()));
        }
        let extra = set.answers.len() as i64 - premises.len() as i64;
        if !(3..=4).contains(&extra) {
            out.push(format!(
                "{name}: คำตอบต้องมากกว่าคำถาม 3–4 ข้อ (คำถาม {} ข้อ คำตอบ {} ข้อ)",
                premises.len(),
                set.answers.len()
            ));
        }
        if let Some(i) = set.answers.iter().position(|a| a.trim().is_empty()) {
            out.push(format!("{name}: คำตอบ {} ว่าง", MATCH_LETTERS.get(i).unwrap_or(&"?")));
        }
        for (i, a) in premises.iter().enumerate() {
            if let Some(b) = premises[..i].iter().find(|b| b.key == a.key) {
                out.push(format!("{name}: ข้อ {} และข้อ {} เฉลยคำตอบ {} เดียวกัน (คำตอบหนึ่งคู่ได้ข้อเดียว)", b.id, a.id, a.letter(a.key)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::section26::dacum::Task;

    fn item(id: u32, task: u32) -> BankItem {
        BankItem { id, task, objective: 0, stem: "q".into(), options: vec!["a".into(); 4], key: 0, ..Default::default() }
    }

    fn duties() -> Vec<Duty> {
        vec![Duty {
            id: 1,
            title: "d".into(),
            tasks: vec![
                Task { id: 1, title: "t1".into(), objectives: vec!["o".into(); 3], steps: vec![] },
                Task { id: 2, title: "t2".into(), objectives: vec!["o".into()], steps: vec![] },
            ],
        }]
    }

    #[test]
    fn rules_hold_at_their_boundaries() {
        let bank: Vec<BankItem> = (1..=60).map(|i| item(i, if i <= 3 { 1 } else { 2 })).collect();
        let c = check_bank(40, &bank, &duties());
        assert!(c.ok(), "{:?}", c.messages);
        // 59 < 1.5 × 40 = 60
        let c = check_bank(40, &bank[..59], &duties());
        assert!(!c.size_ok);
        assert_eq!(c.messages, vec!["คลังข้อสอบต้องมีอย่างน้อย 1.5 เท่าของจำนวนข้อสอบ (60 ข้อ) มี 59 ข้อ ขาด 1 ข้อ"]);
        let c = check_bank(39, &bank, &duties());
        assert!(!c.length_ok && c.size_ok);
        assert!(c.messages[0].contains("ขาด 1 ข้อ"));
        // Odd length: 1.5 × 41 = 61.5 → 62 needed.
        let more: Vec<BankItem> = (1..=61).map(|i| item(i, 2)).collect();
        assert!(!check_bank(41, &more, &duties()).size_ok);
        let more: Vec<BankItem> = (1..=62).map(|i| item(i, 2)).collect();
        assert!(check_bank(41, &more, &duties()).size_ok);
    }

    #[test]
    fn per_task_rule_names_the_task() {
        let bank: Vec<BankItem> = vec![item(1, 1), item(2, 1), item(3, 2)];
        let c = check_bank(2, &bank, &duties());
        assert_eq!(c.short_tasks, vec![("1.1".to_string(), 2, 3)]);
        assert!(c.messages.iter().any(|m| m == "งานย่อย 1.1: ข้อสอบในคลัง 2 ข้อ น้อยกว่าวัตถุประสงค์ 3 ข้อ (ขาด 1 ข้อ)"));
    }

    #[test]
    fn item_problems() {
        let d = duties();
        assert!(item(1, 1).problems(&d, &[]).is_empty());
        let mut bad = item(7, 9);
        bad.key = 4;
        bad.stem = " ".into();
        let p = bad.problems(&d, &[]);
        assert_eq!(p.len(), 3, "{p:?}");
        let mut five = item(2, 2);
        five.options.push("e".into());
        five.key = 4;
        assert!(five.problems(&d, &[]).is_empty());
    }

    fn tf(id: u32, key: u8) -> BankItem {
        BankItem { format: Format::TrueFalse, options: vec![], key, ..item(id, 1) }
    }

    fn premise(id: u32, set: u32, key: u8) -> BankItem {
        BankItem { format: Format::Matching, set, options: vec![], key, ..item(id, 1) }
    }

    fn set(id: u32, answers: usize) -> MatchingSet {
        MatchingSet { id, title: "จับคู่เครื่องมือกับงาน".into(), answers: (0..answers).map(|a| format!("คำตอบ {a}")).collect() }
    }

    /// Golden: true/false at 50 items and at 40 % and 60 % true pass; 49 items, 39.xx % and 60.xx % do not.
    #[test]
    fn true_false_rules_at_their_boundaries() {
        let bank = |n: u32, trues: u32| (1..=n).map(|i| tf(i, if i <= trues { 0 } else { 1 })).collect::<Vec<_>>();
        assert!(check_formats(&bank(50, 20), &[]).is_empty());
        assert!(check_formats(&bank(50, 30), &[]).is_empty());
        assert_eq!(check_formats(&bank(49, 25), &[]), vec!["ข้อสอบแบบถูก-ผิดต้องมีอย่างน้อย 50 ข้อ มี 49 ข้อ ขาด 1 ข้อ"]);
        assert_eq!(
            check_formats(&bank(50, 19), &[]),
            vec!["ข้อสอบแบบถูก-ผิดต้องมีข้อที่เฉลย “ถูก” ร้อยละ 40–60 มี 19 จาก 50 ข้อ (ร้อยละ 38.00)"]
        );
        assert_eq!(check_formats(&bank(50, 31), &[]).len(), 1);
        // 101 items: 40.59 % and 59.41 % hold, 39.60 % and 60.40 % do not.
        assert!(check_formats(&bank(101, 41), &[]).is_empty());
        assert!(check_formats(&bank(101, 60), &[]).is_empty());
        assert_eq!(check_formats(&bank(101, 40), &[]).len(), 1);
        assert_eq!(check_formats(&bank(101, 61), &[]).len(), 1);
        // A bank of multiple choice only has no true/false rule to keep.
        assert!(check_formats(&[item(1, 1)], &[]).is_empty());
        // The item itself: the key is ก (ถูก) or ข (ผิด), 2 choices whatever its options say.
        let d = duties();
        assert!(tf(1, 1).problems(&d, &[]).is_empty());
        assert_eq!(tf(1, 1).choices(&[]), 2);
        assert_eq!(tf(1, 1).key_text(), "ข (ผิด)");
        assert_eq!(tf(3, 2).problems(&d, &[]), vec!["ข้อ 3: ข้อถูก-ผิดต้องเฉลย ก (ถูก) หรือ ข (ผิด)"]);
    }

    /// Golden: a matching set of 15 premises with 18 or 19 answers passes; 16 premises, 2 or 5 extra answers, an
    /// answer keyed twice, a blank answer and a premise without its set are refused, naming the set and ข้อ N.
    #[test]
    fn matching_rules_at_their_boundaries() {
        let premises = |n: u32| (1..=n).map(|i| premise(i, 1, (i - 1) as u8)).collect::<Vec<_>>();
        assert!(check_formats(&premises(15), &[set(1, 18)]).is_empty());
        assert!(check_formats(&premises(15), &[set(1, 19)]).is_empty());
        assert!(check_formats(&premises(3), &[set(1, 6)]).is_empty());
        assert_eq!(
            check_formats(&premises(16), &[set(1, 19)]),
            vec!["ชุดจับคู่ 1: มีคำถาม 16 ข้อ เกิน 15 ข้อ"]
        );
        assert_eq!(check_formats(&premises(3), &[set(1, 5)]), vec!["ชุดจับคู่ 1: คำตอบต้องมากกว่าคำถาม 3–4 ข้อ (คำถาม 3 ข้อ คำตอบ 5 ข้อ)"]);
        assert_eq!(check_formats(&premises(3), &[set(1, 8)]).len(), 1);
        let mut twice = premises(3);
        twice[2].key = 0;
        assert_eq!(
            check_formats(&twice, &[set(1, 6)]),
            vec!["ชุดจับคู่ 1: ข้อ 1 และข้อ 3 เฉลยคำตอบ ก เดียวกัน (คำตอบหนึ่งคู่ได้ข้อเดียว)"]
        );
        let mut blank = set(1, 6);
        blank.answers[5] = " ".into();
        assert_eq!(check_formats(&premises(3), &[blank]), vec!["ชุดจับคู่ 1: คำตอบ ฉ ว่าง"]);
        assert_eq!(check_formats(&[], &[set(2, 4)]), vec!["ชุดจับคู่ 2: ยังไม่มีข้อคำถาม"]);
        let d = duties();
        let sets = [set(1, 19)];
        assert_eq!(premise(4, 1, 18).choices(&sets), 19);
        assert_eq!(premise(4, 1, 18).key_text(), "ถ");
        assert!(premise(4, 1, 18).problems(&d, &sets).is_empty());
        assert_eq!(premise(4, 1, 19).problems(&d, &sets), vec!["ข้อ 4: เฉลยไม่อยู่ในคำตอบของชุดจับคู่ 1"]);
        assert_eq!(premise(5, 9, 0).problems(&d, &sets), vec!["ข้อ 5: ยังไม่ได้เลือกชุดจับคู่"]);
    }

    /// An old bank (every item multiple choice, no format field) reads as it was and is written back unchanged; the
    /// new formats round-trip.
    #[test]
    fn old_banks_read_unchanged() {
        let old = r#"{"id":3,"task":1,"objective":1,"stem":"q","options":["a","b","c","d"],"key":2}"#;
        let b: BankItem = serde_json::from_str(old).unwrap();
        assert_eq!((b.format, b.set, b.key, b.options.len()), (Format::Choice, 0, 2, 4));
        assert_eq!(serde_json::to_string(&b).unwrap(), old);
        for b in [tf(1, 1), premise(2, 4, 3)] {
            let back: BankItem = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
            assert_eq!(back, b);
        }
        assert!(serde_json::from_str::<BankItem>(r#"{"id":3,"task":1,"stem":"q","options":[],"key":0,"format":"essay"}"#).is_err());
    }

    #[test]
    fn options_grow_to_the_one_typed_and_blank_fifths_go() {
        let mut b = item(1, 1);
        b.set_option(4, "จ".into());
        assert_eq!(b.options, vec!["a", "a", "a", "a", "จ"]);
        b.set_option(4, "  ".into());
        assert_eq!(b.options.len(), 4);
        b.set_option(1, String::new());
        assert_eq!(b.options, vec!["a", "", "a", "a"]);
        let mut short = BankItem { options: vec![], ..item(2, 1) };
        short.set_option(2, "ค".into());
        assert_eq!(short.options, vec!["", "", "ค"]);
    }
}
