//! The chief tester's board: where each item of a candidate's module stands once marks from the judges' tablets are
//! in. The spread rule (highest − lowest ≤ 1) is checked as soon as every judge's mark for an item is in; an item
//! with a spread > 1, an undecided conflict or a missing mark cannot be finalised, and neither can its module.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::merge::{Slot, SlotState};
use crate::domain::section26::marking::{
    mark_item, score_module, spread_ok, ItemKind, ItemMark, ItemOutcome, Module, ModuleResult, PracticalItem,
};

/// One item's standing.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemState {
    /// Judges (1…N) without a mark yet; `[0]` for a measurement / yes-no / critical item with no mark.
    Waiting { missing: Vec<u8> },
    /// Judges (0 for the single slot) whose slot holds different values from two devices.
    Conflict { judges: Vec<u8> },
    /// Every judge marked, highest − lowest > 1: the judges must re-mark.
    Remark { scores: Vec<u8> },
    /// The rules refused the marks (e.g. a value out of range).
    Invalid(String),
    /// Final points.
    Final { points: Decimal, critical_failed: bool },
}

impl ItemState {
    pub fn is_final(&self) -> bool {
        matches!(self, ItemState::Final { .. })
    }

    /// Thai text for the board.
    pub fn text(&self) -> String {
        match self {
            ItemState::Waiting { missing } if missing == &[0] => "รอคะแนน".into(),
            ItemState::Waiting { missing } => format!("รอคะแนนกรรมการคนที่ {}", join(missing)),
            ItemState::Conflict { judges } if judges == &[0] => "รอตัดสิน: ค่าที่บันทึกจากสองเครื่องไม่ตรงกัน — หัวหน้าผู้ทดสอบต้องตัดสิน".into(),
            ItemState::Conflict { judges } => {
                format!("รอตัดสิน: คะแนนกรรมการคนที่ {} จากสองเครื่องไม่ตรงกัน — หัวหน้าผู้ทดสอบต้องตัดสิน", join(judges))
            }
            ItemState::Remark { scores } => format!(
                "คะแนน {} สูงสุดกับต่ำสุดต่างกันเกิน 1 คะแนน — กรรมการต้องให้คะแนนใหม่",
                scores.iter().map(u8::to_string).collect::<Vec<_>>().join(", ")
            ),
            ItemState::Invalid(why) => why.clone(),
            ItemState::Final { points, critical_failed: true } => format!("{points} (ไม่ผ่านจุดสำคัญ)"),
            ItemState::Final { points, .. } => points.to_string(),
        }
    }
}

fn join(js: &[u8]) -> String {
    js.iter().map(u8::to_string).collect::<Vec<_>>().join(", ")
}

/// The agreed marks of `item` of `candidate`'s `module` as the rules take them, or why there are none yet
/// (a conflict, a missing judge, a value that is not a judge's score).
fn item_mark(states: &BTreeMap<Slot, SlotState>, candidate: &str, module: &str, item: &PracticalItem, judges: u8) -> Result<ItemMark, ItemState> {
    let slot = |j: u8| states.get(&(candidate.to_string(), module.to_string(), item.id.clone(), j));
    let slots: Vec<u8> = match item.kind {
        ItemKind::Judgement => (1..=judges).collect(),
        _ => vec![0],
    };
    let conflicted: Vec<u8> = slots.iter().copied().filter(|j| matches!(slot(*j), Some(SlotState::Conflict(_)))).collect();
    if !conflicted.is_empty() {
        return Err(ItemState::Conflict { judges: conflicted });
    }
    let missing: Vec<u8> = slots.iter().copied().filter(|j| slot(*j).is_none()).collect();
    if !missing.is_empty() {
        return Err(ItemState::Waiting { missing });
    }
    let value = |j: u8| slot(j).and_then(SlotState::agreed).map(|m| m.value).unwrap_or_default();
    Ok(match item.kind {
        ItemKind::Judgement => match slots.iter().map(|j| u8::try_from(value(*j)).ok()).collect::<Option<Vec<u8>>>() {
            Some(s) => ItemMark::Judges(s),
            None => return Err(ItemState::Invalid("คะแนนกรรมการต้องเป็นจำนวนเต็ม 0–3".into())),
        },
        ItemKind::Measurement { .. } => ItemMark::Measured(value(0)),
        ItemKind::YesNo | ItemKind::Critical => ItemMark::Done(!value(0).is_zero()),
    })
}

/// The standing of `item` of `candidate`'s `module`, with `judges` judges, from the slot states.
pub fn item_state(states: &BTreeMap<Slot, SlotState>, candidate: &str, module: &str, item: &PracticalItem, judges: u8) -> ItemState {
    let mark = match item_mark(states, candidate, module, item, judges) {
        Ok(m) => m,
        Err(state) => return state,
    };
    match (mark_item(item, Some(&mark)), mark) {
        (ItemOutcome::Final { points, critical_failed }, _) => ItemState::Final { points, critical_failed },
        (ItemOutcome::Pending(_), ItemMark::Judges(scores)) if !spread_ok(&scores) => ItemState::Remark { scores },
        (ItemOutcome::Pending(why), _) => ItemState::Invalid(why),
    }
}

/// What one slot holds, for tables: its value, `2 / 3 ?` for a conflict to decide, `–` when empty.
pub fn slot_text(states: &BTreeMap<Slot, SlotState>, candidate: &str, module: &str, item: &str, judge: u8) -> String {
    match states.get(&(candidate.to_string(), module.to_string(), item.to_string(), judge)) {
        Some(SlotState::Agreed(x)) => x.value.to_string(),
        Some(SlotState::Conflict(hs)) => hs.iter().map(|h| h.value.to_string()).collect::<Vec<_>>().join(" / ") + " ?",
        None => "–".into(),
    }
}

/// A candidate's module on the board.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleBoard {
    /// (item id, standing), in item order.
    pub items: Vec<(String, ItemState)>,
    /// The module scored from the agreed marks. Every item that is not final (an undecided conflict, a missing mark,
    /// a spread > 1) is pending with the board's reason, so the module has no decision until all are final.
    pub result: ModuleResult,
}

impl ModuleBoard {
    /// Every item is final: the module can be finalised.
    pub fn is_final(&self) -> bool {
        self.result.is_final()
    }

    /// An item waits for the chief tester to decide between two devices' marks.
    pub fn undecided(&self) -> bool {
        self.items.iter().any(|(_, s)| matches!(s, ItemState::Conflict { .. }))
    }

    /// A short status for tables: the decision once final, else what it waits for — `รอตัดสิน` while two devices'
    /// marks conflict, `รอให้คะแนนใหม่` after a spread > 1, `รอคะแนน` otherwise.
    pub fn status(&self) -> &'static str {
        if self.is_final() {
            crate::domain::section26::verdict::pass_text(self.result.pass)
        } else if self.undecided() {
            "รอตัดสิน"
        } else if self.items.iter().any(|(_, s)| matches!(s, ItemState::Remark { .. })) {
            "รอให้คะแนนใหม่"
        } else {
            "รอคะแนน"
        }
    }
}

/// The board for one candidate's module. `common_threshold` is the standard's module threshold.
pub fn module_board(
    states: &BTreeMap<Slot, SlotState>,
    candidate: &str,
    module: &Module,
    judges: u8,
    common_threshold: Option<Decimal>,
) -> ModuleBoard {
    let items: Vec<(String, ItemState)> =
        module.items.iter().map(|it| (it.id.clone(), item_state(states, candidate, &module.id, it, judges))).collect();
    let marks: BTreeMap<String, ItemMark> = crate::domain::sort::map_of(
        module.items.iter().filter_map(|it| Some((it.id.clone(), item_mark(states, candidate, &module.id, it, judges).ok()?))),
    );
    let mut result = score_module(module, &marks, common_threshold);
    result.pending = items.iter().filter(|(_, s)| !s.is_final()).map(|(id, s)| (id.clone(), s.text())).collect();
    ModuleBoard { items, result }
}

/// Every module of a candidate, from the stored marks: what the session page, the summary sheet (form 15), the score
/// sheets and the chief tester's board all show, so an item no page may finalise is final on none.
pub fn candidate_boards(
    states: &BTreeMap<Slot, SlotState>,
    candidate: &str,
    modules: &[Module],
    judges: u8,
    common_threshold: Option<Decimal>,
) -> Vec<ModuleBoard> {
    modules.iter().map(|m| module_board(states, candidate, m, judges, common_threshold)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::judge::merge::slot_states;
    use crate::domain::judge::merge::tests::mark;
    use crate::domain::section26::records::MarkRecord;

    fn module() -> Module {
        let item = |id: &str, kind: ItemKind| PracticalItem { id: id.into(), title: String::new(), full: Decimal::from(5), kind };
        Module { paper: Default::default(),
            id: "1".into(),
            name: "เชื่อม".into(),
            threshold: Some(Decimal::from(70)),
            items: vec![
                item("1", ItemKind::Judgement),
                item("2", ItemKind::Judgement),
                item("3", ItemKind::Measurement { nominal: Decimal::from(250), tolerance: Decimal::ONE }),
                item("4", ItemKind::Critical),
            ],
        }
    }

    fn board(marks: &[MarkRecord]) -> ModuleBoard {
        module_board(&slot_states(marks), "c1", &module(), 3, None)
    }

    #[test]
    fn seed_example_finalises_once_every_judge_is_in() {
        // Seed: A = 5, judges 2, 2, 3 → 3.889; 1, 1, 2 → 2.222.
        let mut marks = vec![
            mark("a1", "1", 1, 2, "t1", "T"),
            mark("a2", "1", 2, 2, "t2", "T"),
            mark("b1", "2", 1, 1, "t1", "T"),
            mark("b2", "2", 2, 1, "t2", "T"),
            mark("b3", "2", 3, 2, "t3", "T"),
            mark("m", "3", 0, 251, "t1", "T"),
            mark("k", "4", 0, 1, "t1", "T"),
        ];
        let b = board(&marks);
        assert_eq!(b.items[0].1, ItemState::Waiting { missing: vec![3] });
        assert_eq!(b.items[1].1.text(), "2.222");
        assert_eq!(b.items[2].1, ItemState::Final { points: Decimal::from(5), critical_failed: false });
        assert!(!b.is_final());
        assert_eq!(b.status(), "รอคะแนน");
        assert_eq!(b.result.pending, vec![("1".to_string(), "รอคะแนนกรรมการคนที่ 3".to_string())]);
        marks.push(mark("a3", "1", 3, 3, "t3", "T"));
        let b = board(&marks);
        assert_eq!(b.items[0].1.text(), "3.889");
        assert_eq!(b.status(), "ผ่าน");
        let r = b.result;
        // 3.889 + 2.222 + 5 + 5 (critical passed, full 5 here) = 16.111 of 20 = 80.56 % ≥ 70.
        assert_eq!(r.points.to_string(), "16.111");
        assert!(r.pass);
    }

    #[test]
    fn spread_over_one_blocks_until_remarked() {
        let mut marks = vec![
            mark("a1", "1", 1, 1, "t1", "T1"),
            mark("a2", "1", 2, 3, "t2", "T1"),
            mark("a3", "1", 3, 2, "t3", "T1"),
        ];
        let st = item_state(&slot_states(&marks), "c1", "1", &module().items[0], 3);
        assert_eq!(st, ItemState::Remark { scores: vec![1, 3, 2] });
        assert!(st.text().contains("ต้องให้คะแนนใหม่"));
        let mut again = mark("a4", "1", 1, 2, "t1", "T2");
        again.replaces = Some("a1".into());
        marks.push(again);
        let st = item_state(&slot_states(&marks), "c1", "1", &module().items[0], 3);
        assert_eq!(st.text(), "3.889");
    }

    #[test]
    fn conflict_comes_before_everything_and_blocks_the_module() {
        let marks = vec![
            mark("a1", "1", 1, 2, "t1", "T1"),
            mark("x1", "1", 1, 3, "t9", "T2"),
            mark("m1", "3", 0, 250, "t1", "T1"),
            mark("m2", "3", 0, 260, "t2", "T1"),
        ];
        let b = board(&marks);
        assert_eq!(b.items[0].1, ItemState::Conflict { judges: vec![1] });
        assert_eq!(b.items[2].1, ItemState::Conflict { judges: vec![0] });
        let states = slot_states(&marks);
        assert_eq!(slot_text(&states, "c1", "1", "1", 1), "2 / 3 ?");
        assert_eq!(slot_text(&states, "c1", "1", "2", 1), "–");
        assert!(b.items[2].1.text().starts_with("รอตัดสิน: "));
        assert!(!b.is_final());
        assert_eq!(b.status(), "รอตัดสิน");
        assert!(b.undecided());
        // The latest mark (3, device t9) is not taken: the conflicted item stays pending, with the board's reason.
        assert_eq!(b.result.points, Decimal::ZERO);
        assert!(b.result.pending.iter().any(|(id, why)| id == "1" && why.starts_with("รอตัดสิน")));
    }

    #[test]
    fn a_forged_mark_already_stored_never_corrupts_the_board() {
        let honest = vec![mark("a1", "1", 1, 2, "t1", "T1"), mark("a2", "1", 2, 3, "t2", "T1"), mark("a3", "1", 3, 2, "t3", "T1")];
        assert_eq!(board(&honest).items[0].1.text(), "3.889");
        // Another slot (judge 1's item 2) naming judge 2's item-1 mark: judge 2's 3 does not vanish.
        let mut cross = mark("x", "2", 1, 3, "t1", "T2");
        cross.replaces = Some("a2".into());
        let mut marks = honest.clone();
        marks.push(cross);
        assert_eq!(board(&marks).items[0].1.text(), "3.889");
        // Judge 2's slot, 0, from judge 1's tablet: not a silent 3 → 0 but a conflict for the chief.
        let mut same_slot = mark("y", "1", 2, 0, "t1", "T2");
        same_slot.replaces = Some("a2".into());
        let mut marks = honest.clone();
        marks.push(same_slot);
        let b = board(&marks);
        assert_eq!(b.items[0].1, ItemState::Conflict { judges: vec![2] });
        assert!(!b.is_final());
    }

    #[test]
    fn a_failed_critical_item_fails_the_module() {
        let marks = vec![
            mark("a1", "1", 1, 3, "t1", "T"),
            mark("a2", "1", 2, 3, "t2", "T"),
            mark("a3", "1", 3, 3, "t3", "T"),
            mark("b1", "2", 1, 3, "t1", "T"),
            mark("b2", "2", 2, 3, "t2", "T"),
            mark("b3", "2", 3, 3, "t3", "T"),
            mark("m", "3", 0, 250, "t1", "T"),
            mark("k", "4", 0, 0, "t1", "T"),
        ];
        let b = board(&marks);
        assert_eq!(b.items[3].1.text(), "0 (ไม่ผ่านจุดสำคัญ)");
        assert_eq!(b.status(), "ไม่ผ่าน");
        let r = b.result;
        assert_eq!((r.points.to_string(), r.pass), ("15.000".into(), false));
    }
}
