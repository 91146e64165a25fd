//! Merging marks from several tablets.
//!
//! - A slot is (candidate, module, item, judge). Two judges marking the same item fill two slots, so they merge by
//!   judge with nothing to decide.
//! - A mark's links (`replaces`, `settles`) may only name marks of its own slot that exist in the set, never the mark
//!   itself, never in a cycle. A re-mark (`replaces`) names only a mark entered on the same device; naming marks of
//!   other devices (`settles`, or `replaces` across devices) is only for the chief tester's decision ([`is_decision`]:
//!   `by` starts with [`CHIEF_BY`], it settles marks whose values differ and takes one of their values). A link that
//!   breaks these rules hides nothing ([`superseded`]): a forged or damaged mark can never make a mark of another slot
//!   vanish or silently win over another device's mark; [`broken_links`] lists such marks for the chief's page.
//! - The heads of a slot are its marks that no valid link supersedes. One head, or several with the same value, is an
//!   agreed mark. Several heads with different values (the same judge's slot marked on two devices) is a
//!   [`Conflict`]: it is shown for a decision and never resolved by time or id.
//! - A decision ([`decide`]) is a new mark with the chosen value that replaces one head and settles the others, so
//!   the history keeps every mark.
//! - [`plan_import`] is the gate for every mark arriving from elsewhere (marks files, the chief's pull, backups): it
//!   adds only marks not already stored (by id), so importing the same file twice changes nothing; a stored id with
//!   different content, or a new mark whose links break the rules above, refuses the whole set, naming the mark.

use std::collections::{BTreeMap, HashMap, HashSet};

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

/// `by` of a decision on the chief tester's tablet starts with this (`หัวหน้าผู้ทดสอบ <tester>`, see [`decide`]'s
/// callers).
pub const CHIEF_BY: &str = "หัวหน้าผู้ทดสอบ";

/// The mark claims to be the chief tester's decision: it settles other marks and `by` is the chief tester. Only such
/// a mark may settle marks, or replace a mark entered on another device; [`plan_import`] also checks that it settles
/// a real conflict of its own slot with one of the conflicting values.
pub fn is_decision(m: &MarkRecord) -> bool {
    !m.settles.is_empty() && m.by.starts_with(CHIEF_BY)
}

/// The mark a new tap or click on `device` replaces: the slot's current mark if it was entered on this device. A
/// mark from another device is not replaced (only the chief's decision may do that): the new mark stands beside it,
/// and if their values differ the chief decides.
pub fn replaceable(current: Option<&MarkRecord>, device: &str) -> Option<String> {
    current.filter(|m| m.device == device).map(|m| m.meta.id.clone())
}

/// `รหัส …, ผู้เข้าทดสอบ … โมดูล … รายการ … กรรมการคนที่ …`: a mark named for a message.
pub fn describe(m: &MarkRecord) -> String {
    let judge = if m.judge == 0 { "ค่าเดียว".to_string() } else { format!("กรรมการคนที่ {}", m.judge) };
    format!("รหัส {}, ผู้เข้าทดสอบ {} โมดูล {} รายการ {} {judge}", m.meta.id, m.candidate, m.module, m.item)
}

/// Why the links of `m` (`replaces`, `settles`) break the rules, given every mark of the set by id; `None` when they
/// stand. (Cycles are found separately, over the whole set.)
fn link_problem(m: &MarkRecord, by_id: &HashMap<&str, &MarkRecord>) -> Option<String> {
    let links: Vec<(&str, &String)> =
        m.replaces.iter().map(|r| ("replaces", r)).chain(m.settles.iter().map(|r| ("settles", r))).collect();
    if links.is_empty() {
        return None;
    }
    if links.iter().any(|(_, r)| **r == m.meta.id) {
        return Some("แทนที่ตัวเอง (ช่อง replaces/settles เป็นรหัสของคะแนนนี้เอง)".into());
    }
    let decision = !m.settles.is_empty();
    if decision && !m.by.starts_with(CHIEF_BY) {
        return Some(format!(
            "ช่อง settles: มีเพียงคำตัดสินของหัวหน้าผู้ทดสอบเท่านั้นที่ตัดสินคะแนนที่ขัดกันได้ (ช่อง by เป็น \"{}\")",
            m.by
        ));
    }
    if decision && m.replaces.is_none() {
        return Some("คำตัดสินต้องมีช่อง replaces".into());
    }
    let mut values = Vec::with_capacity(links.len());
    for (field, r) in links {
        let Some(t) = by_id.get(r.as_str()) else {
            return Some(format!("ช่อง {field}: ไม่มีคะแนนรหัส {r} — แทนที่ได้เฉพาะคะแนนที่มีอยู่"));
        };
        if slot_of(t) != slot_of(m) {
            return Some(format!(
                "ช่อง {field}: คะแนนรหัส {r} เป็นของช่องอื่น (ผู้เข้าทดสอบ {} โมดูล {} รายการ {} กรรมการ {}) — แทนที่ได้เฉพาะคะแนนช่องเดียวกัน",
                t.candidate, t.module, t.item, t.judge
            ));
        }
        if !decision && t.device != m.device {
            return Some(format!(
                "ช่อง replaces: คะแนนรหัส {r} มาจากเครื่องอื่น — แทนที่คะแนนของเครื่องอื่นได้เฉพาะคำตัดสินของหัวหน้าผู้ทดสอบ"
            ));
        }
        values.push(t.value);
    }
    if decision {
        if !values.contains(&m.value) {
            return Some(format!("คำตัดสิน: ค่า {} ไม่ใช่ค่าใดค่าหนึ่งของคะแนนที่ตัดสิน", m.value));
        }
        if values.iter().all(|v| *v == values[0]) {
            return Some("คำตัดสิน: คะแนนที่ตัดสินไม่ได้ขัดกัน".into());
        }
    }
    None
}

/// The links of a set of marks: for each mark (by index, first copy of each id), the marks it validly supersedes, and
/// the marks whose links break the rules (index, why).
struct Links {
    edges: Vec<Vec<usize>>,
    problems: Vec<(usize, String)>,
}

fn links(marks: &[&MarkRecord]) -> Links {
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(marks.len());
    for (i, m) in marks.iter().enumerate() {
        index.entry(m.meta.id.as_str()).or_insert(i);
    }
    let by_id: HashMap<&str, &MarkRecord> = index.iter().map(|(id, i)| (*id, marks[*i])).collect();
    let mut edges = vec![Vec::new(); marks.len()];
    let mut problems = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        if index.get(m.meta.id.as_str()) != Some(&i) {
            continue; // a second copy of an id: the first one speaks for it
        }
        match link_problem(m, &by_id) {
            Some(why) => problems.push((i, why)),
            None => edges[i] = m.replaces.iter().chain(&m.settles).filter_map(|r| index.get(r.as_str()).copied()).collect(),
        }
    }
    // A cycle (A replaces B, B replaces A) would hide every mark on it: such links hide nothing, and are problems.
    let comp = components(&edges);
    let mut size = HashMap::<usize, usize>::new();
    for c in &comp {
        *size.entry(*c).or_default() += 1;
    }
    for (i, out) in edges.iter_mut().enumerate() {
        if size.get(&comp[i]).copied().unwrap_or(0) > 1 {
            out.retain(|j| comp[*j] != comp[i]);
            problems.push((i, "ช่อง replaces/settles วนกลับมาที่คะแนนนี้ (แทนที่กันเป็นวง)".into()));
        }
    }
    crate::domain::sort::sort_by_key(&mut problems, |(i, _)| *i);
    Links { edges, problems }
}

/// Strongly connected components of a directed graph (Tarjan's algorithm without recursion): a component id per node.
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let n = edges.len();
    let (mut index, mut low, mut on_stack, mut comp) = (vec![NONE; n], vec![0; n], vec![false; n], vec![NONE; n]);
    let (mut stack, mut next, mut n_comp) = (Vec::new(), 0, 0);
    for start in 0..n {
        if index[start] != NONE {
            continue;
        }
        index[start] = next;
        low[start] = next;
        next += 1;
        stack.push(start);
        on_stack[start] = true;
        let mut calls: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&(v, k)) = calls.last() {
            if let Some(&w) = edges[v].get(k) {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if index[w] == NONE {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(u, _)) = calls.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = n_comp;
                    if w == v {
                        break;
                    }
                }
                n_comp += 1;
            }
        }
    }
    comp
}

/// The ids of the marks that another mark of the set validly replaces or settles (see the module docs): what
/// [`slot_states`] and the Section 26 current marks hide. A link that breaks the rules hides nothing.
pub fn superseded(marks: &[MarkRecord]) -> HashSet<&str> {
    let all: Vec<&MarkRecord> = marks.iter().collect();
    let l = links(&all);
    l.edges.iter().flatten().map(|j| all[*j].meta.id.as_str()).collect()
}

/// The marks whose `replaces`/`settles` break the rules (stored before these checks, or arrived some other way), with
/// why: their links are ignored, so they change no other mark; the chief's page lists them.
pub fn broken_links(marks: &[MarkRecord]) -> Vec<(&MarkRecord, String)> {
    let all: Vec<&MarkRecord> = marks.iter().collect();
    links(&all).problems.into_iter().map(|(i, why)| (all[i], why)).collect()
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
    let replaced = superseded(marks);
    let mut heads: BTreeMap<Slot, Vec<&MarkRecord>> = BTreeMap::new();
    for m in marks.iter().filter(|m| !replaced.contains(m.meta.id.as_str())) {
        heads.entry(slot_of(m)).or_default().push(m);
    }
    // Built by insertion: collecting into a map would compile a sort for it into the page.
    crate::domain::sort::map_of(heads.into_iter().map(|(slot, mut hs)| {
        crate::domain::sort::sort_by(&mut hs, |a, b| (a.at.as_str(), a.meta.id.as_str()).cmp(&(b.at.as_str(), b.meta.id.as_str())));
        hs.dedup_by(|a, b| a.meta.id == b.meta.id);
        let state = if hs.iter().all(|h| h.value == hs[0].value) {
            SlotState::Agreed(hs[hs.len() - 1])
        } else {
            SlotState::Conflict(hs)
        };
        (slot, state)
    }))
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
/// the others. `meta` is a fresh meta (kind `s26_mark`, the session's org); `by` (the chief tester; prefixed with
/// [`CHIEF_BY`] if it does not start with it, since that is how a decision is recognised) and `device` say who decided
/// where.
pub fn decide(conflict: &Conflict, value: Decimal, meta: Meta, by: &str, device: &str) -> Result<MarkRecord, String> {
    if !conflict.heads.iter().any(|h| h.value == value) {
        return Err(format!("ค่า {value} ไม่ใช่ค่าใดค่าหนึ่งที่ขัดกัน"));
    }
    let by = if by.starts_with(CHIEF_BY) { by.to_string() } else { format!("{CHIEF_BY} {by}").trim().to_string() };
    let mut ids = conflict.heads.iter().map(|h| h.meta.id.clone());
    let mut mark = new_mark(meta, conflict.slot.clone(), value, ids.next(), &by, device);
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

/// Which marks of `incoming` to add to `existing`: THE check for marks arriving from elsewhere (a marks file, the
/// chief's pull, a backup), so every path calls it. A mark whose id is stored (or seen earlier in `incoming`) with
/// other content, or a new mark whose `replaces`/`settles` break the rules (another slot, an unknown or its own id, a
/// cycle, another device's mark or a settle without being the chief's decision — see the module docs), refuses
/// everything, naming the mark (numbered from 1 in `incoming`, with its id and slot).
pub fn plan_import(existing: &[MarkRecord], incoming: Vec<MarkRecord>) -> Result<ImportPlan, String> {
    let mut known: HashMap<String, MarkRecord> = existing.iter().map(|m| (m.meta.id.clone(), m.clone())).collect();
    let mut plan = ImportPlan::default();
    let mut numbers = Vec::new();
    for (i, m) in incoming.into_iter().enumerate() {
        match known.get(&m.meta.id) {
            Some(k) if same_mark(k, &m) => plan.already += 1,
            Some(_) => {
                return Err(format!(
                    "คะแนนที่ {} (รหัส {}) มีรหัสซ้ำกับคะแนนที่มีอยู่แล้วแต่ข้อมูลต่างกัน — คะแนนที่บันทึกแล้วเปลี่ยนไม่ได้ ยังไม่ได้นำเข้าข้อมูลใด",
                    i + 1,
                    m.meta.id
                ))
            }
            None => {
                known.insert(m.meta.id.clone(), m.clone());
                numbers.push(i + 1);
                plan.new.push(m);
            }
        }
    }
    // The new marks' links, against everything stored and arriving (new marks come after the stored ones, so every
    // problem found at index ≥ existing.len() is a new mark's).
    let all: Vec<&MarkRecord> = existing.iter().chain(&plan.new).collect();
    if let Some((i, why)) = links(&all).problems.into_iter().find(|(i, _)| *i >= existing.len()) {
        let k = i - existing.len();
        return Err(format!(
            "คะแนนที่ {} ({}): {why} — ยังไม่ได้นำเข้าข้อมูลใด",
            numbers[k],
            describe(&plan.new[k])
        ));
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

    fn on_slot(mut m: MarkRecord, judge: u8) -> MarkRecord {
        m.judge = judge;
        m
    }

    /// Judges 1 and 2 marked item 1 on their own tablets: 2 and 3.
    fn stored() -> Vec<MarkRecord> {
        vec![mark("a", "1", 1, 2, "tab-1", "T1"), mark("b", "1", 2, 3, "tab-2", "T1")]
    }

    fn judge2_slot() -> Slot {
        ("c1".into(), "1".into(), "1".into(), 2)
    }

    #[test]
    fn a_forged_remark_of_another_judges_slot_from_another_device_is_refused_and_never_wins_silently() {
        // Judge 1's file with one added mark: judge 2's slot, 0, replacing judge 2's mark — from judge 1's tablet.
        let forged = replacing(on_slot(mark("x", "1", 2, 0, "tab-1", "T2"), 2), "b");
        let file = vec![stored()[0].clone(), forged.clone()];
        let e = plan_import(&stored(), file).unwrap_err();
        assert!(e.starts_with("คะแนนที่ 2 (รหัส x,"), "{e}");
        assert!(e.contains("กรรมการคนที่ 2") && e.contains("เครื่องอื่น") && e.contains("ยังไม่ได้นำเข้าข้อมูลใด"), "{e}");
        // Already stored some other way: judge 2's 3 is not replaced by 0; the two values are a conflict to decide.
        let mut all = stored();
        all.push(forged);
        match slot_states(&all).get(&judge2_slot()) {
            Some(SlotState::Conflict(hs)) => assert_eq!(hs.iter().map(|h| h.meta.id.as_str()).collect::<Vec<_>>(), ["b", "x"]),
            other => panic!("{other:?}"),
        }
        let broken = broken_links(&all);
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].0.meta.id, "x");
    }

    #[test]
    fn a_mark_of_another_slot_cannot_hide_a_mark() {
        // Judge 1's slot, another item, another candidate: each naming judge 2's mark.
        let mut other_cand = replacing(mark("y", "1", 1, 1, "tab-2", "T2"), "b");
        other_cand.candidate = "c2".into();
        for forged in [
            replacing(mark("x", "1", 1, 0, "tab-2", "T2"), "b"),
            replacing(mark("x", "2", 2, 0, "tab-2", "T2"), "b"),
            other_cand,
        ] {
            let e = plan_import(&stored(), vec![forged.clone()]).unwrap_err();
            assert!(e.starts_with(&format!("คะแนนที่ 1 (รหัส {},", forged.meta.id)) && e.contains("ช่องอื่น"), "{e}");
            let mut all = stored();
            all.push(forged.clone());
            let states = slot_states(&all);
            assert_eq!(states.get(&judge2_slot()).and_then(SlotState::agreed).map(|m| m.meta.id.as_str()), Some("b"));
            assert_eq!(crate::domain::section26::marks::current_of(&all, "c1", "1", "1", 2).map(|m| m.meta.id.as_str()), Some("b"));
            assert_eq!(broken_links(&all).len(), 1);
        }
        // A decision may not settle another slot either.
        let mut d = replacing(mark("d", "1", 1, 2, "chief", "T3"), "a");
        d.by = "หัวหน้าผู้ทดสอบ ก".into();
        d.settles = vec!["b".into()];
        assert!(plan_import(&stored(), vec![d]).unwrap_err().contains("ช่อง settles: คะแนนรหัส b เป็นของช่องอื่น"));
    }

    #[test]
    fn only_the_chiefs_decision_settles_and_only_a_real_conflict_with_one_of_its_values() {
        let two = vec![mark("a", "1", 1, 2, "tab-1", "T1"), mark("b", "1", 1, 3, "tab-9", "T1")];
        let decision = |value: i64, by: &str| {
            let mut d = replacing(mark("d", "1", 1, value, "chief", "T3"), "a");
            d.by = by.into();
            d.settles = vec!["b".into()];
            d
        };
        // A judge's "decision" (not the chief): refused, and it settles nothing when stored anyway.
        let e = plan_import(&two, vec![decision(3, "กรรมการ 1")]).unwrap_err();
        assert!(e.contains("ช่อง settles: มีเพียงคำตัดสินของหัวหน้าผู้ทดสอบ"), "{e}");
        let mut all = two.clone();
        all.push(decision(3, "กรรมการ 1"));
        assert_eq!(conflicts(&all).len(), 1);
        // The chief's decision for a value nobody gave: refused.
        assert!(plan_import(&two, vec![decision(0, "หัวหน้าผู้ทดสอบ ก")]).unwrap_err().contains("ไม่ใช่ค่าใดค่าหนึ่ง"));
        // Settling marks that agree is no decision.
        let same = vec![mark("a", "1", 1, 2, "tab-1", "T1"), mark("b", "1", 1, 2, "tab-9", "T1")];
        assert!(plan_import(&same, vec![decision(2, "หัวหน้าผู้ทดสอบ ก")]).unwrap_err().contains("ไม่ได้ขัดกัน"));
        // The real decision passes, and decides.
        let ok = decision(3, "หัวหน้าผู้ทดสอบ ก");
        assert!(is_decision(&ok));
        assert_eq!(plan_import(&two, vec![ok.clone()]).unwrap().new.len(), 1);
        all = two.clone();
        all.push(ok);
        assert!(conflicts(&all).is_empty());
    }

    #[test]
    fn unknown_ids_self_replacement_and_cycles_are_refused_and_never_empty_a_slot() {
        let e = plan_import(&stored(), vec![replacing(mark("x", "1", 1, 1, "tab-1", "T2"), "nope")]).unwrap_err();
        assert!(e.contains("ไม่มีคะแนนรหัส nope"), "{e}");
        let e = plan_import(&stored(), vec![replacing(mark("x", "1", 1, 1, "tab-1", "T2"), "x")]).unwrap_err();
        assert!(e.contains("แทนที่ตัวเอง"), "{e}");
        // p replaces q, q replaces p (one slot, one device): a cycle that would empty the slot.
        let cycle = vec![replacing(mark("p", "2", 1, 1, "tab-1", "T2"), "q"), replacing(mark("q", "2", 1, 2, "tab-1", "T3"), "p")];
        let e = plan_import(&stored(), cycle.clone()).unwrap_err();
        assert!(e.starts_with("คะแนนที่ 1 (รหัส p,") && e.contains("วง"), "{e}");
        // Stored anyway: the slot still shows both marks (a conflict), it does not vanish; a longer cycle too.
        let s = slot_states(&cycle);
        assert!(matches!(s.values().next(), Some(SlotState::Conflict(hs)) if hs.len() == 2));
        let three = vec![
            replacing(mark("p", "2", 1, 1, "tab-1", "T2"), "r"),
            replacing(mark("q", "2", 1, 1, "tab-1", "T3"), "p"),
            replacing(mark("r", "2", 1, 1, "tab-1", "T4"), "q"),
            replacing(mark("s", "2", 1, 1, "tab-1", "T5"), "r"),
        ];
        assert_eq!(slot_states(&three).values().next().and_then(SlotState::agreed).map(|m| m.meta.id.as_str()), Some("s"));
        assert_eq!(broken_links(&three).len(), 3);
        // A stored cycle does not refuse an honest new mark elsewhere.
        assert_eq!(plan_import(&three, vec![mark("n", "3", 0, 250, "tab-1", "T6")]).unwrap().new.len(), 1);
    }

    #[test]
    fn a_remark_replaces_only_this_devices_mark() {
        let a = mark("a", "1", 1, 2, "tab-1", "T1");
        assert_eq!(replaceable(Some(&a), "tab-1").as_deref(), Some("a"));
        assert_eq!(replaceable(Some(&a), "tab-2"), None);
        assert_eq!(replaceable(None, "tab-1"), None);
        // A new device's mark beside another device's: two heads, a conflict when the values differ.
        let b = new_mark(Meta::new("b".into(), "s26_mark", "std", "T2"), slot_of(&a), Decimal::from(3), replaceable(Some(&a), "tab-2"), "", "tab-2");
        assert_eq!(conflicts(&[a, b]).len(), 1);
    }

    #[test]
    fn marks_are_checked_against_the_session() {
        use crate::domain::section26::marking::PracticalItem;
        let module = Module { paper: Default::default(),
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
