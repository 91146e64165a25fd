//! The DACUM table (ตารางวิเคราะห์งาน, manual part 16): duties (งานหลัก) → tasks (งานย่อย) → steps
//! (ขั้นตอนการปฏิบัติงาน). Each step carries tools/materials, knowledge, attitude, standard and safety; each task its
//! behavioural objectives (วัตถุประสงค์เชิงพฤติกรรม), which the knowledge items are linked to.
//!
//! Tasks have a numeric `id` that never changes when rows move, so weights, bank items and IOC rows keep pointing at
//! the right task; the printed code ("1.2") is positional.

use serde::{Deserialize, Serialize};

/// The seed's rule: a task has at least this many steps.
pub const MIN_STEPS: usize = 2;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Duty {
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
                title: "เตรียมงาน".into(),
                tasks: vec![
                    Task { id: 1, title: "อ่านแบบ".into(), objectives: vec!["อ่านแบบได้".into()], steps: vec![step("a"), step("b")] },
                    Task { id: 4, title: "เลือกวัสดุ".into(), objectives: vec![], steps: vec![step("a")] },
                ],
            },
            Duty { title: "ปฏิบัติงาน".into(), tasks: vec![Task { id: 2, title: "ตัด".into(), ..Default::default() }] },
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
}
