//! The knowledge item bank (seed §8 notes, "หมายเหตุ"): multiple-choice items with options ก–ง (up to จ), one key,
//! each linked to one behavioural objective of a DACUM task; and the three bank rules, each checked and reported
//! with what is short.

use serde::{Deserialize, Serialize};

use super::dacum::{tasks, Duty};

/// The option letters, in order. Four by default, a fifth (จ) allowed.
pub const LETTERS: [&str; 5] = ["ก", "ข", "ค", "ง", "จ"];
/// Rule 1: a test has at least this many items.
pub const MIN_TEST_ITEMS: u32 = 40;

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
    /// Index of the correct option.
    pub key: u8,
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

    /// Problems with the item itself (Thai), empty when usable.
    pub fn problems(&self, duties: &[Duty]) -> Vec<String> {
        let mut p = Vec::new();
        let label = format!("ข้อสอบในคลัง #{}", self.id);
        if self.stem.trim().is_empty() {
            p.push(format!("{label}: ยังไม่มีคำถาม"));
        }
        if !(4..=5).contains(&self.options.len()) {
            p.push(format!("{label}: ต้องมีตัวเลือก 4 หรือ 5 ข้อ (มี {})", self.options.len()));
        }
        if let Some(i) = self.options.iter().position(|o| o.trim().is_empty()) {
            p.push(format!("{label}: ตัวเลือก {} ว่าง", LETTERS.get(i).unwrap_or(&"?")));
        }
        if usize::from(self.key) >= self.options.len() {
            p.push(format!("{label}: เฉลยไม่อยู่ในตัวเลือก"));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::section26::dacum::Task;

    fn item(id: u32, task: u32) -> BankItem {
        BankItem { id, task, objective: 0, stem: "q".into(), options: vec!["a".into(); 4], key: 0 }
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
        assert!(item(1, 1).problems(&d).is_empty());
        let mut bad = item(7, 9);
        bad.key = 4;
        bad.stem = " ".into();
        let p = bad.problems(&d);
        assert_eq!(p.len(), 3, "{p:?}");
        let mut five = item(2, 2);
        five.options.push("e".into());
        five.key = 4;
        assert!(five.problems(&d).is_empty());
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
