//! Structural edits of a standard in the editor: deleting and moving rows of the DACUM table (duties, tasks, steps),
//! the item bank and the practical modules and their items.
//!
//! Rows keep their ids when they move: weight ratings and bank items refer to task ids, IOC ratings to bank item ids,
//! stored marks to module and item ids; printed codes ("1.2") are positional. A delete that would leave a reference
//! dangling is refused with a Thai message naming what refers to the row, and nothing changes; data owned by the
//! row goes with it (a task's weight ratings, a bank item's IOC ratings).

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::bank::BankItem;
use super::image::ImageRecord;
use super::dacum::{assign_ids, tasks, unique_ids};
use super::marking::{ItemKind, Module, PracticalItem};
use super::records::MarkRecord;
use super::standard::Standard;

/// A row of the editor, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Duty(usize),
    /// (duty, task)
    Task(usize, usize),
    /// (duty, task, step)
    Step(usize, usize, usize),
    BankItem(usize),
    Module(usize),
    /// (module, item)
    PracticalItem(usize, usize),
}

/// Swaps row `i` with its neighbour above (`up`) or below; the new position, or `None` at the edge.
fn shift<T>(rows: &mut [T], i: usize, up: bool) -> Option<usize> {
    let j = if up { i.checked_sub(1)? } else { i + 1 };
    if i >= rows.len() || j >= rows.len() {
        return None;
    }
    rows.swap(i, j);
    Some(j)
}

/// Moves a row one place up or down among its siblings. Returns the row at its new position, or `None` when it is
/// already first/last (or does not exist); then nothing changes.
pub fn move_row(s: &mut Standard, row: Row, up: bool) -> Option<Row> {
    Some(match row {
        Row::Duty(d) => Row::Duty(shift(&mut s.duties, d, up)?),
        Row::Task(d, t) => Row::Task(d, shift(&mut s.duties.get_mut(d)?.tasks, t, up)?),
        Row::Step(d, t, i) => Row::Step(d, t, shift(&mut s.duties.get_mut(d)?.tasks.get_mut(t)?.steps, i, up)?),
        Row::BankItem(i) => Row::BankItem(shift(&mut s.bank, i, up)?),
        Row::Module(m) => Row::Module(shift(&mut s.modules, m, up)?),
        Row::PracticalItem(m, i) => Row::PracticalItem(m, shift(&mut s.modules.get_mut(m)?.items, i, up)?),
    })
}

/// How many siblings the row has (itself included) and its index among them; `None` when it does not exist.
fn place(s: &Standard, row: Row) -> Option<(usize, usize)> {
    let (len, i) = match row {
        Row::Duty(d) => (s.duties.len(), d),
        Row::Task(d, t) => (s.duties.get(d)?.tasks.len(), t),
        Row::Step(d, t, i) => (s.duties.get(d)?.tasks.get(t)?.steps.len(), i),
        Row::BankItem(i) => (s.bank.len(), i),
        Row::Module(m) => (s.modules.len(), m),
        Row::PracticalItem(m, i) => (s.modules.get(m)?.items.len(), i),
    };
    (i < len).then_some((len, i))
}

/// Whether the row can move up / down (for enabling the buttons).
pub fn can_move(s: &Standard, row: Row, up: bool) -> bool {
    place(s, row).is_some_and(|(len, i)| can_shift(i, len, up))
}

/// Whether row `index` of a list of `len` rows can move up / down.
pub fn can_shift(index: usize, len: usize, up: bool) -> bool {
    if up { index > 0 && index < len } else { index + 1 < len }
}

impl Row {
    /// The row's index among its siblings.
    pub fn index(self) -> usize {
        match self {
            Row::Duty(i) | Row::Task(_, i) | Row::Step(_, _, i) | Row::BankItem(i) | Row::Module(i) | Row::PracticalItem(_, i) => i,
        }
    }
}

fn items_list(ids: &[u32]) -> String {
    ids.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", ")
}

/// Bank items linked to task `id`, as `#3, #7`, or `None` when none is.
fn bank_refs(s: &Standard, task: u32) -> Option<String> {
    let ids: Vec<u32> = s.bank.iter().filter(|b| b.task == task).map(|b| b.id).collect();
    (!ids.is_empty()).then(|| items_list(&ids))
}

/// How many candidates have marks on `module` (and `item`, when given).
fn marked_candidates(marks: &[MarkRecord], module: &str, item: Option<&str>) -> usize {
    crate::domain::sort::set_of(
        marks.iter().filter(|m| m.module == module && item.is_none_or(|i| m.item == i)).map(|m| m.candidate.as_str()),
    )
    .len()
}

const NO_ROW: &str = "ไม่พบแถวที่จะลบ (หน้าอาจเก่า — โหลดใหม่)";

/// Deletes a row. `marks` are the stored practical marks of the standard's sessions. On success returns what was
/// deleted (Thai, for the undo bar); on refusal the Thai reason and the standard is unchanged.
pub fn delete_row(s: &mut Standard, row: Row, marks: &[MarkRecord]) -> Result<String, String> {
    match row {
        Row::Duty(d) => {
            let duty = s.duties.get(d).ok_or(NO_ROW)?;
            for (t, task) in duty.tasks.iter().enumerate() {
                if let Some(refs) = bank_refs(s, task.id) {
                    return Err(format!(
                        "ลบงานหลัก {} ไม่ได้: ข้อสอบในคลัง {refs} ผูกกับงานย่อย {}.{} — ลบข้อสอบหรือเปลี่ยนงานย่อยของข้อสอบก่อน",
                        d + 1,
                        d + 1,
                        t + 1
                    ));
                }
            }
            let duty = s.duties.remove(d);
            for task in &duty.tasks {
                s.weights.ratings.remove(&task.id);
            }
            Ok(format!("ลบงานหลัก {} “{}” ({} งานย่อย) แล้ว", d + 1, duty.title, duty.tasks.len()))
        }
        Row::Task(d, t) => {
            let task = s.duties.get(d).and_then(|x| x.tasks.get(t)).ok_or(NO_ROW)?;
            if let Some(refs) = bank_refs(s, task.id) {
                return Err(format!(
                    "ลบงานย่อย {}.{} “{}” ไม่ได้: ข้อสอบในคลัง {refs} ผูกกับงานย่อยนี้ — ลบข้อสอบหรือเปลี่ยนงานย่อยของข้อสอบก่อน",
                    d + 1,
                    t + 1,
                    task.title
                ));
            }
            let task = s.duties[d].tasks.remove(t);
            s.weights.ratings.remove(&task.id);
            Ok(format!("ลบงานย่อย {}.{} “{}” แล้ว", d + 1, t + 1, task.title))
        }
        Row::Step(d, t, i) => {
            let steps = &mut s.duties.get_mut(d).and_then(|x| x.tasks.get_mut(t)).ok_or(NO_ROW)?.steps;
            if i >= steps.len() {
                return Err(NO_ROW.into());
            }
            let step = steps.remove(i);
            Ok(format!("ลบขั้นตอนที่ {} ของงานย่อย {}.{} “{}” แล้ว", i + 1, d + 1, t + 1, step.title))
        }
        Row::BankItem(i) => {
            if i >= s.bank.len() {
                return Err(NO_ROW.into());
            }
            let item = s.bank.remove(i);
            s.ioc.ratings.remove(&item.id);
            Ok(format!("ลบข้อสอบ #{} แล้ว", item.id))
        }
        Row::Module(m) => {
            let module = s.modules.get(m).ok_or(NO_ROW)?;
            let n = marked_candidates(marks, &module.id, None);
            if n > 0 {
                return Err(format!(
                    "ลบโมดูล {} ไม่ได้: มีคะแนนภาคความสามารถของผู้เข้าทดสอบ {n} คนในโมดูลนี้แล้ว (คะแนนต้องเก็บไว้เป็นหลักฐาน)",
                    module.id
                ));
            }
            let module = s.modules.remove(m);
            Ok(format!("ลบโมดูล {} “{}” แล้ว", module.id, module.name))
        }
        Row::PracticalItem(m, i) => {
            let module = s.modules.get(m).ok_or(NO_ROW)?;
            let item = module.items.get(i).ok_or(NO_ROW)?;
            let n = marked_candidates(marks, &module.id, Some(&item.id));
            if n > 0 {
                return Err(format!(
                    "ลบรายการ {} ของโมดูล {} ไม่ได้: มีคะแนนของผู้เข้าทดสอบ {n} คนในรายการนี้แล้ว (คะแนนต้องเก็บไว้เป็นหลักฐาน)",
                    item.id, module.id
                ));
            }
            let item = s.modules[m].items.remove(i);
            Ok(format!("ลบรายการ {} “{}” ของโมดูล {} แล้ว", item.id, item.title, s.modules[m].id))
        }
    }
}

/// Readies a stored standard for the editor, where every row is known by its id: duties and steps stored before
/// they had ids are numbered ([`assign_ids`]), and a task, bank item, module or practical item repeating the id of
/// an earlier row of its list (only a damaged or hand-made file does that) gets a new one — references to the id
/// (weights, bank items, IOC, marks) stay with the first. Returns a Thai note per row renumbered that way; the same
/// standard is readied the same way on every device.
pub fn prepare(s: &mut Standard) -> Vec<String> {
    assign_ids(&mut s.duties);
    let mut notes = Vec::new();
    let codes: Vec<String> = tasks(&s.duties).into_iter().map(|t| t.code).collect();
    let mut ids: Vec<u32> = s.duties.iter().flat_map(|d| d.tasks.iter().map(|t| t.id)).collect();
    let renumbered = unique_ids(&mut ids, |x| x, false);
    for (task, id) in s.duties.iter_mut().flat_map(|d| d.tasks.iter_mut()).zip(ids) {
        task.id = id;
    }
    for i in renumbered {
        let code = codes.get(i).map_or("", String::as_str);
        notes.push(format!("งานย่อย {code} ใช้รหัสซ้ำกับงานย่อยก่อนหน้า จึงได้รหัสใหม่"));
    }
    let old: Vec<u32> = s.bank.iter().map(|b| b.id).collect();
    for i in unique_ids(&mut s.bank, |b| &mut b.id, false) {
        let (was, now) = (old.get(i).copied().unwrap_or(0), s.bank.get(i).map_or(0, |b| b.id));
        notes.push(format!("ข้อสอบข้อที่ {} ใช้รหัส #{was} ซ้ำกับข้อก่อนหน้า จึงได้รหัสใหม่ #{now}", i + 1));
    }
    for (m, was, now) in unique_text_ids(&mut s.modules, |m| &mut m.id) {
        notes.push(format!("โมดูลที่ {} ใช้รหัส {was} ซ้ำกับโมดูลก่อนหน้า จึงได้รหัสใหม่ {now}", m + 1));
    }
    for module in &mut s.modules {
        for (i, was, now) in unique_text_ids(&mut module.items, |it| &mut it.id) {
            notes.push(format!("รายการที่ {} ของโมดูล {} ใช้รหัส {was} ซ้ำ จึงได้รหัสใหม่ {now}", i + 1, module.id));
        }
    }
    notes
}

/// [`unique_ids`] for text ids: a row repeating an earlier row's id gets [`next_id`] of all of them. Returns each
/// renumbered row's position, old id and new id.
fn unique_text_ids<T>(rows: &mut [T], id: fn(&mut T) -> &mut String) -> Vec<(usize, String, String)> {
    let all: Vec<String> = rows.iter_mut().map(|r| id(r).clone()).collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for (i, row) in rows.iter_mut().enumerate() {
        let was = id(row).clone();
        if !seen.insert(was.clone()) {
            let fresh = next_id(all.iter().chain(out.iter().map(|(_, _, n)| n)).map(String::as_str));
            *id(row) = fresh.clone();
            out.push((i, was, fresh));
        }
    }
    out
}

/// A new bank item: the next id, on the first task, four empty options.
pub fn new_bank_item(s: &Standard) -> BankItem {
    let id = s.bank.iter().map(|b| b.id).max().unwrap_or(0) + 1;
    let task = tasks(&s.duties).first().map_or(0, |t| t.task.id);
    BankItem { id, task, objective: 0, stem: String::new(), options: vec![String::new(); 4], key: 0, ..Default::default() }
}

/// A new practical module with no items and the next id, past the ids of the modules and of any module a stored
/// image still names (`ImageRecord::module`; e.g. one of a module deleted by the previous release, which kept its
/// images), so a new module never shows another module's drawings.
pub fn new_module(s: &Standard, images: &[ImageRecord]) -> Module {
    let ids = s.modules.iter().map(|m| m.id.as_str()).chain(images.iter().map(|i| i.module.as_str()));
    Module { paper: Default::default(), id: next_id(ids), name: String::new(), threshold: None, items: vec![] }
}

/// A new judgement item of 5 marks in `module`, with the module's next id.
pub fn new_practical_item(module: &Module) -> PracticalItem {
    let id = next_id(module.items.iter().map(|i| i.id.as_str()));
    PracticalItem { id, title: String::new(), full: Decimal::from(5), kind: ItemKind::Judgement }
}

/// An id for a new module or practical item: one more than the largest numeric id in use (never reusing the id of
/// a row still there, whatever the order after moves and deletes).
pub fn next_id<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    (ids.into_iter().filter_map(|i| i.trim().parse::<u32>().ok()).max().unwrap_or(0) + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::judge::merge::tests::mark;
    use crate::domain::section26::standard::tests::complete;

    fn ids(s: &Standard) -> Vec<u32> {
        s.duties.iter().flat_map(|d| d.tasks.iter().map(|t| t.id)).collect()
    }

    #[test]
    fn a_task_with_bank_items_is_not_deleted_and_says_which_items() {
        let mut s = complete();
        let before = s.clone();
        let e = delete_row(&mut s, Row::Task(0, 1), &[]).unwrap_err();
        assert!(e.starts_with("ลบงานย่อย 1.2 “งาน 2” ไม่ได้: ข้อสอบในคลัง #31, #32"), "{e}");
        assert!(e.contains("#60 ผูกกับงานย่อยนี้"));
        let e = delete_row(&mut s, Row::Duty(0), &[]).unwrap_err();
        assert!(e.starts_with("ลบงานหลัก 1 ไม่ได้: ข้อสอบในคลัง #1,"), "{e}");
        assert_eq!(s, before, "a refused delete changes nothing");
    }

    #[test]
    fn deleting_a_free_task_takes_its_weights_and_keeps_the_other_ids() {
        let mut s = complete();
        s.bank.retain(|b| b.task != 2);
        s.ioc.ratings.retain(|id, _| *id <= 30);
        assert_eq!(delete_row(&mut s, Row::Task(0, 1), &[]).unwrap(), "ลบงานย่อย 1.2 “งาน 2” แล้ว");
        assert_eq!(ids(&s), vec![1]);
        assert!(!s.weights.ratings.contains_key(&2) && s.weights.ratings.contains_key(&1));
        // Every bank item still points at an existing task.
        assert!(s.bank.iter().all(|b| b.problems(&s.duties, &s.matching).iter().all(|p| !p.contains("ยังไม่ได้ผูก"))));
    }

    #[test]
    fn deleting_a_bank_item_takes_its_ioc_ratings() {
        let mut s = complete();
        assert_eq!(delete_row(&mut s, Row::BankItem(4), &[]).unwrap(), "ลบข้อสอบ #5 แล้ว");
        assert_eq!(s.bank.len(), 59);
        assert!(!s.ioc.ratings.contains_key(&5) && s.ioc.ratings.contains_key(&6));
        assert!(delete_row(&mut s, Row::BankItem(59), &[]).is_err());
    }

    #[test]
    fn marked_modules_and_items_are_not_deleted() {
        let mut s = complete();
        let second = crate::domain::section26::marking::PracticalItem { id: "2".into(), ..s.modules[0].items[0].clone() };
        s.modules[0].items.push(second);
        let marks = vec![mark("a", "1", 1, 2, "t1", "T"), mark("b", "1", 2, 2, "t2", "T")];
        let e = delete_row(&mut s, Row::PracticalItem(0, 0), &marks).unwrap_err();
        assert_eq!(e, "ลบรายการ 1 ของโมดูล 1 ไม่ได้: มีคะแนนของผู้เข้าทดสอบ 1 คนในรายการนี้แล้ว (คะแนนต้องเก็บไว้เป็นหลักฐาน)");
        let e = delete_row(&mut s, Row::Module(0), &marks).unwrap_err();
        assert!(e.starts_with("ลบโมดูล 1 ไม่ได้: มีคะแนนภาคความสามารถของผู้เข้าทดสอบ 1 คน"), "{e}");
        // The unmarked item goes; the module stays.
        assert!(delete_row(&mut s, Row::PracticalItem(0, 1), &marks).is_ok());
        assert_eq!(s.modules[0].items.len(), 1);
        assert!(delete_row(&mut s, Row::Module(0), &[]).is_ok());
        assert!(s.modules.is_empty());
    }

    #[test]
    fn moves_swap_neighbours_and_stop_at_the_edges() {
        let mut s = complete();
        assert_eq!(move_row(&mut s, Row::Task(0, 0), true), None);
        assert_eq!(move_row(&mut s, Row::Task(0, 0), false), Some(Row::Task(0, 1)));
        assert_eq!(ids(&s), vec![2, 1], "ids travel with the rows; codes are positional");
        assert_eq!(s.allocation().unwrap().iter().map(|a| a.task).collect::<Vec<_>>(), vec![2, 1]);
        assert_eq!(move_row(&mut s, Row::Task(0, 1), false), None);
        s.duties[0].tasks[0].steps[0].title = "แรก".into();
        assert_eq!(move_row(&mut s, Row::Step(0, 0, 0), false), Some(Row::Step(0, 0, 1)));
        assert_eq!(s.duties[0].tasks[0].steps[1].title, "แรก");
        assert_eq!(move_row(&mut s, Row::BankItem(1), true), Some(Row::BankItem(0)));
        assert_eq!(s.bank[0].id, 2);
        assert!(!can_move(&s, Row::Module(0), true) && !can_move(&s, Row::Module(0), false));
        assert_eq!(move_row(&mut s, Row::Duty(3), true), None);
        assert!(can_move(&s, Row::BankItem(0), false));
    }

    #[test]
    fn new_ids_never_repeat_a_row_still_there() {
        assert_eq!(next_id(["1", "3"]), "4");
        assert_eq!(next_id(["2", "x"]), "3");
        assert_eq!(next_id([]), "1");
    }

    /// A standard as the previous release stored it: duties and steps without ids.
    const PREVIOUS_RELEASE: &str = r#"{"id":"0b7c3c2e-5d1f-4e8a-9a3b-2f6d1c0e9a11","kind":"s26_standard",
        "org":"0b7c3c2e-5d1f-4e8a-9a3b-2f6d1c0e9a11","created":"2026-01-05T03:00:00.000Z",
        "updated":"2026-01-06T04:00:00.000Z","schema":1,"standard":{"occupation":"ช่างเชื่อม","branch":"",
        "level":1,"duties":[{"title":"เตรียม","tasks":[{"id":1,"title":"อ่านแบบ","objectives":["อ่านได้"],
        "steps":[{"title":"ก","tools":"","knowledge":"","attitude":"","standard":"","safety":""},{"title":"ข"}]},
        {"id":3,"title":"ตัด","steps":[{"title":"ค"}]}]},{"title":"เชื่อม","tasks":[]}],
        "bank":[{"id":1,"task":1,"stem":"q","options":["a","b","c","d"],"key":0}],"seed":4,
        "modules":[{"id":"1","name":"M","threshold":null,"items":[]}]}}"#;

    #[test]
    fn a_standard_from_the_previous_release_gets_row_ids_and_keeps_everything_else() {
        use crate::domain::section26::records::StandardRecord;
        let stored: StandardRecord = serde_json::from_str(PREVIOUS_RELEASE).unwrap();
        assert!(stored.standard.duties.iter().all(|d| d.id == 0));
        let mut rec = stored.clone();
        assert_eq!(prepare(&mut rec.standard), Vec::<String>::new(), "numbering rows is no repair to report");
        let s = &rec.standard;
        assert_eq!(s.duties.iter().map(|d| d.id).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(s.duties[0].tasks[0].steps.iter().map(|x| x.id).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(s.duties[0].tasks[1].steps[0].id, 1);
        assert_eq!(s.duties[0].tasks.iter().map(|t| t.id).collect::<Vec<_>>(), vec![1, 3], "task ids are kept");
        // Only the new ids differ from what was stored.
        let mut without = rec.clone();
        without.standard.duties.iter_mut().for_each(|d| {
            d.id = 0;
            d.tasks.iter_mut().flat_map(|t| t.steps.iter_mut()).for_each(|x| x.id = 0);
        });
        assert_eq!(without, stored);
        // Written and read back, the ids stay, and readying it again changes nothing.
        let back: StandardRecord = serde_json::from_str(&serde_json::to_string(&rec).unwrap()).unwrap();
        assert_eq!(back, rec);
        let mut again = back.clone();
        assert!(prepare(&mut again.standard).is_empty());
        assert_eq!(again, back);
        // Two devices readying the same stored copy agree.
        let mut other = stored.clone();
        prepare(&mut other.standard);
        assert_eq!(other, rec);
    }

    #[test]
    fn repeated_ids_of_a_damaged_file_are_renumbered_and_named() {
        let mut s = complete();
        s.bank[2].id = 1;
        s.duties[0].tasks[1].id = 1;
        s.modules.push(s.modules[0].clone());
        let item = s.modules[0].items[0].clone();
        s.modules[0].items.push(item);
        let notes = prepare(&mut s);
        assert_eq!(s.bank[2].id, 61);
        assert_eq!(s.duties[0].tasks[1].id, 2);
        assert_eq!(s.modules[1].id, "2");
        assert_eq!(s.modules[0].items[1].id, "2");
        assert_eq!(
            notes,
            vec![
                "งานย่อย 1.2 ใช้รหัสซ้ำกับงานย่อยก่อนหน้า จึงได้รหัสใหม่",
                "ข้อสอบข้อที่ 3 ใช้รหัส #1 ซ้ำกับข้อก่อนหน้า จึงได้รหัสใหม่ #61",
                "โมดูลที่ 2 ใช้รหัส 1 ซ้ำกับโมดูลก่อนหน้า จึงได้รหัสใหม่ 2",
                "รายการที่ 2 ของโมดูล 1 ใช้รหัส 1 ซ้ำ จึงได้รหัสใหม่ 2",
            ]
        );
        assert!(prepare(&mut s).is_empty());
    }

    #[test]
    fn new_rows_take_fresh_ids() {
        let s = complete();
        assert_eq!(new_bank_item(&s).id, 61);
        assert_eq!(new_bank_item(&s).task, 1);
        assert_eq!(new_module(&s, &[]).id, "2");
        assert_eq!(new_practical_item(&s.modules[0]).id, "2");
    }

    #[test]
    fn a_new_module_never_takes_the_id_a_stored_image_names() {
        let mut s = complete();
        let image = |module: &str| ImageRecord {
            meta: crate::domain::record::Meta::new("i".into(), "s26_image", "std", "2026-12-03T00:00:00.000Z"),
            standard: "std".into(),
            module: module.into(),
            caption: String::new(),
            file: "a.png".into(),
            mime: "image/png".into(),
            data: String::new(),
        };
        // Module 2 was added, given a drawing, and deleted by a release that kept its images.
        let second = new_module(&s, &[]);
        s.modules.push(second);
        delete_row(&mut s, Row::Module(1), &[]).unwrap();
        let kept = [image("1"), image("2")];
        assert_eq!(new_module(&s, &kept).id, "3");
        assert_eq!(new_module(&s, &kept[..1]).id, "2");
    }
}
