//! The DACUM table (ตารางวิเคราะห์งาน, manual part 16): duties (งานหลัก) → tasks (งานย่อย) → steps
//! (ขั้นตอนการปฏิบัติงาน). Each step carries tools/materials, knowledge, attitude, standard and safety; each task its
//! behavioural objectives (วัตถุประสงค์เชิงพฤติกรรม), which the knowledge items are linked to.
//!
//! Tasks have a numeric `id` that never changes when rows move, so weights, bank items and IOC rows keep pointing at
//! the right task; the printed code ("1.2") is positional. Duties and steps have one too (unique among the duties,
//! and among the steps of their task), which nothing refers to: it is the row's identity in the editor, so a row
//! that moves keeps its place on screen. Standards saved before duties and steps had ids read them as 0;
//! [`assign_ids`] numbers them.

use serde::{Deserialize, Serialize};

/// The seed's rule: a task has at least this many steps.
pub const MIN_STEPS: usize = 2;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Duty {
    /// Identity among the duties (0: not numbered yet, see [`assign_ids`]).
    #[serde(default)]
    pub id: u32,
    pub title: String,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Task {
    /// Stable identity within the standard (see [`next_task_id`]).
    pub id: u32,
    pub title: String,
    /// Behavioural objectives; bank items refer to them by index.
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub steps: Vec<Step>,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Step {
    /// Identity among the steps of its task (0: not numbered yet, see [`assign_ids`]).
    #[serde(default)]
    pub id: u32,
    pub title: String,
    /// เครื่องมือ/วัสดุอุปกรณ์
    #[serde(default)]
    pub tools: String,
    /// ความรู้
    #[serde(default)]
    pub knowledge: String,
    /// ทัศนคติ / กิจนิสัย
    #[serde(default)]
    pub attitude: String,
    /// มาตรฐานการปฏิบัติงาน
    #[serde(default)]
    pub standard: String,
    /// ข้อควรระวัง / ความปลอดภัย
    #[serde(default)]
    pub safety: String,
}

/// A task with its printed code (`"2.1"`: duty 2, task 1).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRef<'a> {
    pub code: String,
    pub duty: usize,
    pub task: &'a Task,
}

/// Every task in table order with its code.
pub fn tasks(duties: &[Duty]) -> Vec<TaskRef<'_>> {
    duties
        .iter()
        .enumerate()
        .flat_map(|(d, duty)| {
            duty.tasks.iter().enumerate().map(move |(t, task)| TaskRef { code: format!("{}.{}", d + 1, t + 1), duty: d, task })
        })
        .collect()
}

/// The task with this id, with its code.
pub fn find_task(duties: &[Duty], id: u32) -> Option<TaskRef<'_>> {
    tasks(duties).into_iter().find(|t| t.task.id == id)
}

/// An id no task uses yet.
pub fn next_task_id(duties: &[Duty]) -> u32 {
    tasks(duties).iter().map(|t| t.task.id).max().map_or(1, |m| m + 1)
}

/// Gives each row of `rows` an id no earlier row has: the first row holding an id keeps it; a later row repeating
/// it, or holding 0 when `zero_is_none`, gets one more than the largest id kept, in order — so the same rows get the
/// same ids on every device. Returns the positions of the rows renumbered.
pub(crate) fn unique_ids<T>(rows: &mut [T], id: fn(&mut T) -> &mut u32, zero_is_none: bool) -> Vec<usize> {
    let mut kept = std::collections::BTreeSet::new();
    let mut again = Vec::new();
    for (i, row) in rows.iter_mut().enumerate() {
        let v = *id(row);
        if (v == 0 && zero_is_none) || !kept.insert(v) {
            again.push(i);
        }
    }
    let mut next = kept.last().map_or(1, |m| m + 1);
    for &i in &again {
        *id(&mut rows[i]) = next;
        next += 1;
    }
    again
}

/// Numbers the duties, and the steps of each task, that have no id yet (stored before rows had ids) or repeat an
/// earlier row's (see [`unique_ids`]). Task ids are the standard's references and are left alone here.
pub fn assign_ids(duties: &mut [Duty]) {
    unique_ids(duties, |d| &mut d.id, true);
    for task in duties.iter_mut().flat_map(|d| d.tasks.iter_mut()) {
        unique_ids(&mut task.steps, |s| &mut s.id, true);
    }
}

/// A new duty, numbered after the others.
pub fn new_duty(duties: &[Duty]) -> Duty {
    Duty { id: duties.iter().map(|d| d.id).max().unwrap_or(0) + 1, ..Default::default() }
}

/// A new task, with an id no task of the standard uses.
pub fn new_task(duties: &[Duty]) -> Task {
    Task { id: next_task_id(duties), ..Default::default() }
}

/// A new step of `task`, numbered after its other steps.
pub fn new_step(task: &Task) -> Step {
    Step { id: task.steps.iter().map(|s| s.id).max().unwrap_or(0) + 1, ..Default::default() }
}

/// Tasks breaking the seed's rule (fewer than [`MIN_STEPS`] steps), as Thai messages naming the task.
pub fn short_tasks(duties: &[Duty]) -> Vec<String> {
    tasks(duties)
        .iter()
        .filter(|t| t.task.steps.len() < MIN_STEPS)
        .map(|t| format!("งานย่อย {} “{}” มี {} ขั้นตอน (ต้องมีอย่างน้อย {MIN_STEPS})", t.code, t.task.title, t.task.steps.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn sample() -> Vec<Duty> {
        let step = |s: &str| Step { title: s.into(), ..Default::default() };
        vec![
            Duty {
                id: 0,
                title: "เตรียมงาน".into(),
                tasks: vec![
                    Task { id: 1, title: "อ่านแบบ".into(), objectives: vec!["อ่านแบบได้".into()], steps: vec![step("a"), step("b")] },
                    Task { id: 4, title: "เลือกวัสดุ".into(), objectives: vec![], steps: vec![step("a")] },
                ],
            },
            Duty { id: 0, title: "ปฏิบัติงาน".into(), tasks: vec![Task { id: 2, title: "ตัด".into(), ..Default::default() }] },
        ]
    }

    #[test]
    fn codes_follow_table_order() {
        let d = sample();
        let codes: Vec<_> = tasks(&d).iter().map(|t| (t.code.clone(), t.task.id)).collect();
        assert_eq!(codes, vec![("1.1".into(), 1), ("1.2".into(), 4), ("2.1".into(), 2)]);
        assert_eq!(next_task_id(&d), 5);
        assert_eq!(next_task_id(&[]), 1);
        assert_eq!(find_task(&d, 2).unwrap().code, "2.1");
    }

    #[test]
    fn tasks_with_fewer_than_two_steps_are_flagged() {
        let flags = short_tasks(&sample());
        assert_eq!(flags.len(), 2);
        assert!(flags[0].starts_with("งานย่อย 1.2 “เลือกวัสดุ” มี 1 ขั้นตอน"));
        assert!(flags[1].starts_with("งานย่อย 2.1"));
    }

    #[test]
    fn rows_without_ids_are_numbered_in_table_order_and_new_rows_follow() {
        let mut d = sample();
        assign_ids(&mut d);
        assert_eq!(d.iter().map(|x| x.id).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(d[0].tasks[0].steps.iter().map(|s| s.id).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(d[0].tasks[1].steps[0].id, 1, "step ids are unique within their task");
        let before = d.clone();
        assign_ids(&mut d);
        assert_eq!(d, before, "numbered rows keep their ids");
        assert_eq!(new_duty(&d).id, 3);
        assert_eq!(new_task(&d).id, 5);
        assert_eq!(new_step(&d[0].tasks[0]).id, 3);
    }

    #[test]
    fn a_repeated_id_is_renumbered_and_the_first_holder_keeps_it() {
        let mut rows = vec![4u32, 4, 0, 2, 2];
        let again = unique_ids(&mut rows, |x| x, false);
        assert_eq!(again, vec![1, 4]);
        assert_eq!(rows, vec![4, 5, 0, 2, 6], "0 is an id when it does not mean none");
        let mut rows = vec![0u32, 0, 3];
        unique_ids(&mut rows, |x| x, true);
        assert_eq!(rows, vec![4, 5, 3]);
    }
}
