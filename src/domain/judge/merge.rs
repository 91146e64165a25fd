//! Merging marks from several tablets.
//!
//! - A slot is (candidate, module, item, judge). Two judges marking the same item fill two slots, so they merge by
//!   judge with nothing to decide.
//! - The heads of a slot are its marks that no other mark replaces or settles. One head, or several with the same
//!   value, is an agreed mark. Several heads with different values (the same judge's slot marked on two devices) is a
//!   [`Conflict`]: it is shown for a decision and never resolved by time or id.
//! - A decision ([`decide`]) is a new mark with the chosen value that replaces one head and settles the others, so
//!   the history keeps every mark.
//! - [`plan_import`] adds only marks not already stored (by id): importing the same file twice changes nothing; a
//!   stored id with different content refuses the whole file.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::domain::record::Meta;
use crate::domain::section26::marking::{ItemKind, Module, MAX_JUDGE_SCORE};
use crate::domain::section26::records::MarkRecord;

/// (candidate, module, item, judge).
pub type Slot = (String, String, String, u8);

pub fn slot_of(m: &MarkRecord) -> Slot {
    (m.candidate.clone(), m.module.clone(), m.item.clone(), m.judge)
}

/// A new mark for `slot` (`meta` fresh, kind `s26_mark`; `at` = `meta.created`) replacing `replaces`, entered by
/// `by` on `device`.
pub fn new_mark(meta: Meta, slot: Slot, value: Decimal, replaces: Option<String>, by: &str, device: &str) -> MarkRecord {
    let (candidate, module, item, judge) = slot;
    MarkRecord {
        at: meta.created.clone(),
        meta,
        candidate,
        module,
        item,
        judge,
        value,
        replaces,
        by: by.to_string(),
        device: device.to_string(),
        settles: Vec::new(),
    }
}

/// What a slot holds now.
#[derive(Clone, Debug, PartialEq)]
pub enum SlotState<'a> {
    /// One current value (the latest head when several agree).
    Agreed(&'a MarkRecord),
    /// Heads with different values, oldest first: the chief must decide.
    Conflict(Vec<&'a MarkRecord>),
}

impl<'a> SlotState<'a> {
    pub fn agreed(&self) -> Option<&'a MarkRecord> {
        match self {
            SlotState::Agreed(m) => Some(m),
            SlotState::Conflict(_) => None,
        }
    }
}

/// The state of every slot that has marks.
pub fn slot_states(marks: &[MarkRecord]) -> BTreeMap<Slot, SlotState<'_>> {
    let replaced: std::collections::HashSet<&str> =
        marks.iter().flat_map(|m| m.replaces.iter().chain(&m.settles)).map(String::as_str).collect();
    let mut heads: BTreeMap<Slot, Vec<&MarkRecord>> = BTreeMap::new();
    for m in marks.iter().filter(|m| !replaced.contains(m.meta.id.as_str())) {
        heads.entry(slot_of(m)).or_default().push(m);
    }
    heads
        .into_iter()
        .map(|(slot, mut hs)| {
            hs.sort_by(|a, b| (a.at.as_str(), a.meta.id.as_str()).cmp(&(b.at.as_str(), b.meta.id.as_str())));
            hs.dedup_by(|a, b| a.meta.id == b.meta.id);
            let state = if hs.iter().all(|h| h.value == hs[0].value) {
                SlotState::Agreed(hs[hs.len() - 1])
            } else {
                SlotState::Conflict(hs)
            };
            (slot, state)
        })
        .collect()
}

/// An undecided slot.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict<'a> {
    pub slot: Slot,
    pub heads: Vec<&'a MarkRecord>,
}

/// Every undecided slot, in slot order.
pub fn conflicts(marks: &[MarkRecord]) -> Vec<Conflict<'_>> {
    slot_states(marks)
        .into_iter()
        .filter_map(|(slot, s)| match s {
            SlotState::Conflict(heads) => Some(Conflict { slot, heads }),
            SlotState::Agreed(_) => None,
        })
        .collect()
}

/// The mark that settles `conflict` with `value` (one of the heads' values): it replaces the first head and settles
/// the others. `meta` is a fresh meta (kind `s26_mark`, the session's org); `by` and `device` say who decided where.
pub fn decide(conflict: &Conflict, value: Decimal, meta: Meta, by: &str, device: &str) -> Result<MarkRecord, String> {
    if !conflict.heads.iter().any(|h| h.value == value) {
        return Err(format!("ค่า {value} ไม่ใช่ค่าใดค่าหนึ่งที่ขัดกัน"));
    }
    let mut ids = conflict.heads.iter().map(|h| h.meta.id.clone());
    let mut mark = new_mark(meta, conflict.slot.clone(), value, ids.next(), by, device);
    mark.settles = ids.collect();
    Ok(mark)
}

/// What importing a file would add.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImportPlan {
    /// Marks not stored yet, in file order.
    pub new: Vec<MarkRecord>,
    /// Marks already stored (or repeated in the files), unchanged.
    pub already: usize,
}

/// Which marks of `incoming` to add to `existing`. A mark whose id is stored (or seen earlier in `incoming`) with
/// other content refuses everything, naming it (numbered from 1).
pub fn plan_import(existing: &[MarkRecord], incoming: Vec<MarkRecord>) -> Result<ImportPlan, String> {
    let mut known: HashMap<String, MarkRecord> = existing.iter().map(|m| (m.meta.id.clone(), m.clone())).collect();
    let mut plan = ImportPlan::default();
    for (i, m) in incoming.into_iter().enumerate() {
        match known.get(&m.meta.id) {
            Some(k) if same_mark(k, &m) => plan.already += 1,
            Some(_) => {
                return Err(format!(
                    "คะแนนที่ {} (รหัส {}) มีรหัสซ้ำกับคะแนนที่มีอยู่แล้วแต่ข้อมูลต่างกัน — ไฟล์อาจถูกแก้ไข ยังไม่ได้นำเข้าข้อมูลใด",
                    i + 1,
                    m.meta.id
                ))
            }
            None => {
                known.insert(m.meta.id.clone(), m.clone());
                plan.new.push(m);
            }
        }
    }
    Ok(plan)
}

/// Same mark: everything equal except the bookkeeping `updated`/`schema` (a mark is never edited).
fn same_mark(a: &MarkRecord, b: &MarkRecord) -> bool {
    let strip = |m: &MarkRecord| {
        let mut m = m.clone();
        m.meta.updated = m.meta.created.clone();
        m.meta.schema = 0;
        m
    };
    strip(a) == strip(b)
}

/// Checks imported marks against the session: known candidate, module and item; judge 0 for measurement / yes-no /
/// critical items and 1…`judges` for judgement items; a value that fits the item. The first problem names the mark
/// (numbered from 1) and the field.
pub fn check_marks(marks: &[MarkRecord], candidates: &[String], modules: &[Module], judges: u8) -> Result<(), String> {
    for (i, m) in marks.iter().enumerate() {
        let n = i + 1;
        if !candidates.contains(&m.candidate) {
            return Err(format!("คะแนนที่ {n}: ช่อง candidate ({}) ไม่ใช่ผู้เข้าทดสอบในรอบนี้", m.candidate));
        }
        let module = modules
            .iter()
            .find(|x| x.id == m.module)
            .ok_or_else(|| format!("คะแนนที่ {n}: ช่อง module ({}) ไม่มีในมาตรฐานนี้", m.module))?;
        let item = module
            .items
            .iter()
            .find(|x| x.id == m.item)
            .ok_or_else(|| format!("คะแนนที่ {n}: ช่อง item ({}) ไม่มีในโมดูล {}", m.item, m.module))?;
        match item.kind {
            ItemKind::Judgement => {
                if m.judge == 0 || m.judge > judges {
                    return Err(format!("คะแนนที่ {n}: ช่อง judge ({}) ต้องอยู่ระหว่าง 1–{judges}", m.judge));
                }
                if m.value.fract() != Decimal::ZERO || m.value < Decimal::ZERO || m.value > Decimal::from(MAX_JUDGE_SCORE) {
                    return Err(format!("คะแนนที่ {n}: ช่อง value ({}) ต้องเป็น 0–{MAX_JUDGE_SCORE}", m.value));
                }
            }
            ItemKind::Measurement { .. } | ItemKind::YesNo | ItemKind::Critical => {
                if m.judge != 0 {
                    return Err(format!("คะแนนที่ {n}: ช่อง judge ต้องเป็น 0 สำหรับรายการ{}", item.kind.label()));
                }
                if !matches!(item.kind, ItemKind::Measurement { .. }) && m.value != Decimal::ZERO && m.value != Decimal::ONE {
                    return Err(format!("คะแนนที่ {n}: ช่อง value ({}) ต้องเป็น 1 หรือ 0", m.value));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn mark(id: &str, item: &str, judge: u8, value: i64, device: &str, at: &str) -> MarkRecord {
        MarkRecord {
            meta: Meta::new(id.into(), "s26_mark", "std", at),
            candidate: "c1".into(),
            module: "1".into(),
            item: item.into(),
            judge,
            value: Decimal::from(value),
            replaces: None,
            by: String::new(),
            at: at.into(),
            device: device.into(),
            settles: Vec::new(),
        }
    }

    fn replacing(mut m: MarkRecord, old: &str) -> MarkRecord {
        m.replaces = Some(old.into());
        m
    }

    #[test]
    fn importing_the_same_file_twice_changes_nothing() {
        let file = vec![mark("a", "1", 1, 2, "tab-1", "T1"), replacing(mark("b", "1", 1, 3, "tab-1", "T2"), "a")];
        let first = plan_import(&[], file.clone()).unwrap();
        assert_eq!((first.new.len(), first.already), (2, 0));
        let stored = first.new;
        let second = plan_import(&stored, file.clone()).unwrap();
        assert_eq!((second.new.len(), second.already), (0, 2));
        // The same mark inside one import (two copies of one file picked together) is added once.
        let twice: Vec<_> = file.iter().chain(&file).cloned().collect();
        let p = plan_import(&[], twice).unwrap();
        assert_eq!((p.new.len(), p.already), (2, 2));
    }

    #[test]
    fn a_changed_mark_with_a_known_id_refuses_the_file() {
        let stored = vec![mark("a", "1", 1, 2, "tab-1", "T1")];
        let edited = vec![mark("n", "2", 2, 1, "tab-2", "T1"), mark("a", "1", 1, 3, "tab-1", "T1")];
        let e = plan_import(&stored, edited).unwrap_err();
        assert!(e.contains("คะแนนที่ 2") && e.contains("ยังไม่ได้นำเข้าข้อมูลใด"), "{e}");
    }

    #[test]
    fn two_judges_on_one_item_merge_by_judge() {
        let marks = vec![mark("a", "1", 1, 2, "tab-1", "T1"), mark("b", "1", 2, 3, "tab-2", "T1"), mark("c", "1", 3, 2, "tab-3", "T2")];
        let s = slot_states(&marks);
        assert_eq!(s.len(), 3);
        assert!(s.values().all(|x| x.agreed().is_some()));
        assert!(conflicts(&marks).is_empty());
    }

    #[test]
    fn same_judge_two_devices_different_values_is_a_conflict_until_decided() {
        let marks = vec![mark("a", "1", 1, 2, "tab-1", "T1"), mark("b", "1", 1, 3, "tab-9", "T2")];
        let cs = conflicts(&marks);
        assert_eq!(cs.len(), 1);
        let ids: Vec<_> = cs[0].heads.iter().map(|h| h.meta.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"], "both kept, oldest first");
        // Not resolved by time: the later value is not taken silently.
        assert!(slot_states(&marks).values().next().unwrap().agreed().is_none());
        assert!(decide(&cs[0], Decimal::from(1), Meta::new("d".into(), "s26_mark", "std", "T3"), "หัวหน้า", "chief").is_err());
        let d = decide(&cs[0], Decimal::from(2), Meta::new("d".into(), "s26_mark", "std", "T3"), "หัวหน้า", "chief").unwrap();
        assert_eq!((d.replaces.as_deref(), d.settles.clone()), (Some("a"), vec!["b".to_string()]));
        let mut all = marks.clone();
        all.push(d);
        assert!(conflicts(&all).is_empty());
        let st = slot_states(&all);
        let agreed = st.values().next().unwrap().agreed().unwrap();
        assert_eq!((agreed.meta.id.as_str(), agreed.value), ("d", Decimal::from(2)));
        // The Section 26 current marks honour the decision too.
        let cur = crate::domain::section26::marks::current(&all);
        assert_eq!(cur.len(), 1);
        assert_eq!(cur[0].meta.id, "d");
    }

    #[test]
    fn same_value_on_two_devices_agrees_and_a_remark_on_one_device_is_no_conflict() {
        let marks = vec![mark("a", "1", 1, 2, "tab-1", "T1"), mark("b", "1", 1, 2, "tab-9", "T2")];
        assert!(conflicts(&marks).is_empty());
        let marks = vec![mark("a", "1", 1, 1, "tab-1", "T1"), replacing(mark("b", "1", 1, 2, "tab-1", "T2"), "a")];
        assert!(conflicts(&marks).is_empty());
        assert_eq!(slot_states(&marks).values().next().unwrap().agreed().unwrap().meta.id, "b");
    }

    #[test]
    fn marks_are_checked_against_the_session() {
        use crate::domain::section26::marking::PracticalItem;
        let module = Module {
            id: "1".into(),
            name: String::new(),
            threshold: None,
            items: vec![
                PracticalItem { id: "1".into(), title: String::new(), full: Decimal::from(5), kind: ItemKind::Judgement },
                PracticalItem { id: "2".into(), title: String::new(), full: Decimal::from(5), kind: ItemKind::YesNo },
            ],
        };
        let cands = vec!["c1".to_string()];
        let ok = vec![mark("a", "1", 3, 3, "t", "T"), mark("b", "2", 0, 1, "t", "T")];
        assert!(check_marks(&ok, &cands, std::slice::from_ref(&module), 3).is_ok());
        let e = check_marks(&[mark("a", "1", 4, 3, "t", "T")], &cands, std::slice::from_ref(&module), 3).unwrap_err();
        assert!(e.starts_with("คะแนนที่ 1: ช่อง judge"), "{e}");
        let e = check_marks(&[ok[0].clone(), mark("b", "1", 1, 4, "t", "T")], &cands, std::slice::from_ref(&module), 3).unwrap_err();
        assert!(e.starts_with("คะแนนที่ 2: ช่อง value"), "{e}");
        let e = check_marks(&[mark("b", "2", 1, 1, "t", "T")], &cands, std::slice::from_ref(&module), 3).unwrap_err();
        assert!(e.contains("judge ต้องเป็น 0"), "{e}");
        let e = check_marks(&[mark("b", "9", 0, 1, "t", "T")], &cands, std::slice::from_ref(&module), 3).unwrap_err();
        assert!(e.contains("ช่อง item (9)"), "{e}");
        let mut other = mark("b", "2", 0, 1, "t", "T");
        other.candidate = "zz".into();
        assert!(check_marks(&[other], &cands, &[module], 3).unwrap_err().contains("ช่อง candidate"));
    }
}
