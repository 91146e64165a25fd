//! The test manual (คู่มือวิธีการทดสอบ, handbook items (1)–(19)): the tables it prints that are derived from the
//! stored standard rather than typed — the test specification of part (10) (7.1 knowledge scope per duty and task,
//! 7.2 skill scope per duty, task and step, 7.3 attitudes, all from the DACUM table), the per-objective item table of
//! part (11) (8.1: bank items and items chosen per task and objective, from the allocation and the drawn test), the
//! bank grouped by task and objective for part (12), and the difficulty table of part (19) from the latest analysed
//! session of the bank's history.
//!
//! A step's knowledge and attitude cells are free text: each line or comma-separated entry is one point, trimmed,
//! and a point repeated in the same task (7.1) or anywhere in the table (7.3) is listed once, where it first appears.

use std::collections::{BTreeMap, BTreeSet};

use super::bank::BankItem;
use super::dacum::Duty;
use super::history::ItemHistory;
use super::weights::Allocation;
use crate::domain::item_analysis::{Hundredths, Verdict};

/// A task of the specification: `7.1.1.1 title` and its numbered points.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeTask {
    /// `7.1.1.1` (7.1 knowledge) or `7.2.1.1` (7.2 skill).
    pub code: String,
    pub title: String,
    pub points: Vec<String>,
}

/// A duty of the specification: `7.1.1 title` and its tasks.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeDuty {
    pub code: String,
    pub title: String,
    pub tasks: Vec<ScopeTask>,
}

/// The entries of a free-text cell: one per line or comma, trimmed, blanks dropped.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', ',']).map(str::trim).filter(|e| !e.is_empty())
}

/// Adds the entries of `text` not seen yet to `out`, in order.
fn add_unique(out: &mut Vec<String>, seen: &mut BTreeSet<String>, text: &str) {
    for e in entries(text) {
        if seen.insert(e.to_string()) {
            out.push(e.to_string());
        }
    }
}

fn scope(duties: &[Duty], prefix: &str, points: impl Fn(&super::dacum::Task) -> Vec<String>) -> Vec<ScopeDuty> {
    duties
        .iter()
        .enumerate()
        .map(|(d, duty)| ScopeDuty {
            code: format!("{prefix}.{}", d + 1),
            title: duty.title.trim().to_string(),
            tasks: duty
                .tasks
                .iter()
                .enumerate()
                .map(|(t, task)| ScopeTask {
                    code: format!("{prefix}.{}.{}", d + 1, t + 1),
                    title: task.title.trim().to_string(),
                    points: points(task),
                })
                .collect(),
        })
        .collect()
}

/// 7.1: per duty and task, the knowledge its steps need (the DACUM's knowledge column), each point once per task.
pub fn knowledge_scope(duties: &[Duty]) -> Vec<ScopeDuty> {
    scope(duties, "7.1", |task| {
        let (mut out, mut seen) = (Vec::new(), BTreeSet::new());
        for step in &task.steps {
            add_unique(&mut out, &mut seen, &step.knowledge);
        }
        out
    })
}

/// 7.2: per duty and task, its steps (ขั้นตอนการปฏิบัติงาน) in order; blank step titles are left out.
pub fn skill_scope(duties: &[Duty]) -> Vec<ScopeDuty> {
    scope(duties, "7.2", |task| {
        task.steps.iter().map(|s| s.title.trim().to_string()).filter(|t| !t.is_empty()).collect()
    })
}

/// 7.3: every attitude of the DACUM's attitude column, once each, in table order.
pub fn attitudes(duties: &[Duty]) -> Vec<String> {
    let (mut out, mut seen) = (Vec::new(), BTreeSet::new());
    for step in duties.iter().flat_map(|d| &d.tasks).flat_map(|t| &t.steps) {
        add_unique(&mut out, &mut seen, &step.attitude);
    }
    out
}

/// One objective's row of table 8.1.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveRow {
    /// `1)`, `2)`: the objective's number within its task.
    pub number: usize,
    pub text: String,
    /// Items in the bank linked to this objective.
    pub bank: usize,
    /// Items of the drawn test linked to it (`None` when no test could be drawn).
    pub chosen: Option<usize>,
}

/// One task's block of table 8.1: the task row (its code in part 10's numbering, 7.1.d.t) and its objectives.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRow {
    pub code: String,
    pub title: String,
    /// Items in the bank for the task.
    pub bank: usize,
    /// Items the allocation gives the task (`None` when the weights give no allocation yet).
    pub chosen: Option<u32>,
    pub objectives: Vec<ObjectiveRow>,
}

/// Table 8.1 with its totals.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveTable {
    pub tasks: Vec<TaskRow>,
    pub bank_total: usize,
    /// The test length when there is an allocation.
    pub chosen_total: Option<u32>,
}

/// Table 8.1 from the DACUM table, the bank, the allocation (when the weights give one) and the drawn test's bank
/// item ids (when a test could be drawn).
pub fn objective_table(duties: &[Duty], bank: &[BankItem], allocation: Option<&[Allocation]>, drawn: Option<&[u32]>) -> ObjectiveTable {
    let drawn: Option<Vec<BankItem>> = drawn.map(|ids| ids.iter().filter_map(|id| bank.iter().find(|b| b.id == *id)).cloned().collect());
    let mut tasks = Vec::new();
    for (d, duty) in duties.iter().enumerate() {
        for (t, task) in duty.tasks.iter().enumerate() {
            let of_task = |b: &&BankItem| b.task == task.id;
            let in_objective = |items: &[BankItem], o: usize| items.iter().filter(|b| b.task == task.id && b.objective == o).count();
            tasks.push(TaskRow {
                code: format!("7.1.{}.{}", d + 1, t + 1),
                title: task.title.trim().to_string(),
                bank: bank.iter().filter(of_task).count(),
                chosen: allocation.and_then(|a| a.iter().find(|a| a.task == task.id)).map(|a| a.items),
                objectives: task
                    .objectives
                    .iter()
                    .enumerate()
                    .map(|(o, text)| ObjectiveRow {
                        number: o + 1,
                        text: text.trim().to_string(),
                        bank: in_objective(bank, o),
                        chosen: drawn.as_deref().map(|items| in_objective(items, o)),
                    })
                    .collect(),
            });
        }
    }
    ObjectiveTable {
        tasks,
        bank_total: bank.len(),
        chosen_total: allocation.map(|a| a.iter().map(|a| a.items).sum()),
    }
}

/// The items of one objective in part (12).
#[derive(Clone, Debug, PartialEq)]
pub struct ObjectiveItems<'a> {
    /// 1-based; `None` for items whose objective the task does not have.
    pub number: Option<usize>,
    pub text: String,
    pub items: Vec<&'a BankItem>,
}

/// One task's items in part (12).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskItems<'a> {
    /// `7.1.1.1`, as in parts (10) and (11).
    pub code: String,
    pub title: String,
    pub objectives: Vec<ObjectiveItems<'a>>,
}

/// The whole bank grouped by task (DACUM order) and objective, each group in bank order. Objectives without items are
/// kept (they show as empty); items linked to an objective the task lacks come last in their task, and items linked to
/// no task of the table are returned apart.
pub fn bank_by_objective<'a>(duties: &[Duty], bank: &'a [BankItem]) -> (Vec<TaskItems<'a>>, Vec<&'a BankItem>) {
    let mut out = Vec::new();
    let mut placed = BTreeSet::new();
    for (d, duty) in duties.iter().enumerate() {
        for (t, task) in duty.tasks.iter().enumerate() {
            let mine: Vec<&BankItem> = bank.iter().filter(|b| b.task == task.id).collect();
            placed.extend(mine.iter().map(|b| b.id));
            let mut objectives: Vec<ObjectiveItems> = task
                .objectives
                .iter()
                .enumerate()
                .map(|(o, text)| ObjectiveItems {
                    number: Some(o + 1),
                    text: text.trim().to_string(),
                    items: mine.iter().copied().filter(|b| b.objective == o).collect(),
                })
                .collect();
            let stray: Vec<&BankItem> = mine.iter().copied().filter(|b| b.objective >= task.objectives.len()).collect();
            if !stray.is_empty() {
                objectives.push(ObjectiveItems { number: None, text: "ไม่ระบุวัตถุประสงค์".into(), items: stray });
            }
            out.push(TaskItems { code: format!("7.1.{}.{}", d + 1, t + 1), title: task.title.trim().to_string(), objectives });
        }
    }
    let unlinked = bank.iter().filter(|b| !placed.contains(&b.id)).collect();
    (out, unlinked)
}

/// One row of the difficulty table (19).
#[derive(Clone, Debug, PartialEq)]
pub struct DifficultyRow {
    /// Question number in that session.
    pub question: usize,
    /// The bank item.
    pub item: u32,
    pub p: Hundredths,
    pub r: Hundredths,
    pub verdict: Verdict,
}

/// The difficulty table of the latest analysed session (its date, `YYYY-MM-DD`), rows in question order; `None`
/// when no session of the bank has been analysed.
#[derive(Clone, Debug, PartialEq)]
pub struct DifficultyTable {
    pub date: String,
    pub rows: Vec<DifficultyRow>,
    /// Items rated good / to revise.
    pub good: usize,
    pub revise: usize,
}

/// Part (19) from the bank's history (`history::bank_history`): the appearances on the latest date any item was
/// analysed. Two sessions on that date both count; a question number shared by them keeps both rows.
pub fn difficulty_table(history: &BTreeMap<u32, ItemHistory>) -> Option<DifficultyTable> {
    let date = history.values().flat_map(|h| &h.appearances).map(|a| a.date.as_str()).max()?.to_string();
    let mut rows: Vec<DifficultyRow> = history
        .iter()
        .flat_map(|(id, h)| h.appearances.iter().filter(|a| a.date == date).map(move |a| (id, a)))
        .map(|(id, a)| DifficultyRow { question: a.question, item: *id, p: a.p, r: a.r, verdict: a.verdict })
        .collect();
    crate::domain::sort::sort_by_key(&mut rows, |r| (r.question, r.item));
    let revise = rows.iter().filter(|r| r.verdict == Verdict::NeedsRevision).count();
    Some(DifficultyTable { date, good: rows.len() - revise, revise, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::section26::dacum::{Step, Task};
    use crate::domain::section26::history::Appearance;

    fn step(title: &str, knowledge: &str, attitude: &str) -> Step {
        Step { title: title.into(), knowledge: knowledge.into(), attitude: attitude.into(), ..Default::default() }
    }

    /// Two duties; the first has two tasks, the second one; task ids are not in table order.
    fn small() -> Vec<Duty> {
        vec![
            Duty {
                id: 1,
                title: "เตรียมงานเชื่อม".into(),
                tasks: vec![
                    Task {
                        id: 5,
                        title: "เตรียมชิ้นงาน".into(),
                        objectives: vec!["บอกชนิดรอยต่อได้".into(), "เลือกวิธีทำความสะอาดได้".into()],
                        steps: vec![
                            step("ตรวจแบบงาน", "การอ่านแบบ, สัญลักษณ์งานเชื่อม", "ละเอียดรอบคอบ"),
                            step("ทำความสะอาดผิวงาน", "สัญลักษณ์งานเชื่อม\nการทำความสะอาดโลหะ", "ปลอดภัย, ละเอียดรอบคอบ"),
                        ],
                    },
                    Task {
                        id: 2,
                        title: "ตั้งเครื่องเชื่อม".into(),
                        objectives: vec!["ปรับกระแสไฟได้".into()],
                        steps: vec![step("ต่อสายดิน", "ระบบไฟฟ้า", ""), step("  ", "", "")],
                    },
                ],
            },
            Duty {
                id: 2,
                title: "เชื่อมชิ้นงาน".into(),
                tasks: vec![Task {
                    id: 9,
                    title: "เชื่อมท่าราบ".into(),
                    objectives: vec!["อธิบายมุมหัวเชื่อมได้".into(), "บอกข้อบกพร่องได้".into()],
                    steps: vec![step("เชื่อมแนวแรก", "", "ประหยัด"), step("ตรวจแนวเชื่อม", "ข้อบกพร่องงานเชื่อม", "ปลอดภัย")],
                }],
            },
        ]
    }

    fn item(id: u32, task: u32, objective: usize) -> BankItem {
        BankItem { id, task, objective, stem: format!("ข้อ {id}"), options: vec!["ก".into(), "ข".into(), "ค".into(), "ง".into()], key: 0, ..Default::default() }
    }

    fn texts(d: &[ScopeDuty]) -> Vec<String> {
        let mut out = Vec::new();
        for duty in d {
            out.push(format!("{} {}", duty.code, duty.title));
            for t in &duty.tasks {
                out.push(format!("{} {}", t.code, t.title));
                out.extend(t.points.iter().enumerate().map(|(i, p)| format!("{}) {p}", i + 1)));
            }
        }
        out
    }

    #[test]
    fn knowledge_scope_golden() {
        assert_eq!(
            texts(&knowledge_scope(&small())),
            [
                "7.1.1 เตรียมงานเชื่อม",
                "7.1.1.1 เตรียมชิ้นงาน",
                "1) การอ่านแบบ",
                "2) สัญลักษณ์งานเชื่อม",
                "3) การทำความสะอาดโลหะ",
                "7.1.1.2 ตั้งเครื่องเชื่อม",
                "1) ระบบไฟฟ้า",
                "7.1.2 เชื่อมชิ้นงาน",
                "7.1.2.1 เชื่อมท่าราบ",
                "1) ข้อบกพร่องงานเชื่อม",
            ]
        );
    }

    #[test]
    fn skill_scope_golden() {
        assert_eq!(
            texts(&skill_scope(&small())),
            [
                "7.2.1 เตรียมงานเชื่อม",
                "7.2.1.1 เตรียมชิ้นงาน",
                "1) ตรวจแบบงาน",
                "2) ทำความสะอาดผิวงาน",
                "7.2.1.2 ตั้งเครื่องเชื่อม",
                "1) ต่อสายดิน",
                "7.2.2 เชื่อมชิ้นงาน",
                "7.2.2.1 เชื่อมท่าราบ",
                "1) เชื่อมแนวแรก",
                "2) ตรวจแนวเชื่อม",
            ]
        );
    }

    #[test]
    fn attitudes_golden() {
        assert_eq!(attitudes(&small()), ["ละเอียดรอบคอบ", "ปลอดภัย", "ประหยัด"]);
        assert!(attitudes(&[]).is_empty());
    }

    /// 8.1: bank and chosen counts per task (allocation) and objective (drawn test), items of a missing objective
    /// counted in the task only.
    #[test]
    fn objective_table_golden() {
        let bank = vec![item(1, 5, 0), item(2, 5, 0), item(3, 5, 1), item(4, 2, 0), item(5, 9, 1), item(6, 9, 1), item(7, 9, 3)];
        let alloc = vec![
            Allocation { task: 5, sum: 10, share_num: 0, share_den: 1, items: 2 },
            Allocation { task: 2, sum: 5, share_num: 0, share_den: 1, items: 1 },
            Allocation { task: 9, sum: 5, share_num: 0, share_den: 1, items: 1 },
        ];
        let table = objective_table(&small(), &bank, Some(&alloc), Some(&[2, 3, 4, 6]));
        let rows: Vec<String> = table
            .tasks
            .iter()
            .flat_map(|t| {
                std::iter::once(format!("{} {} | {} | {:?}", t.code, t.title, t.bank, t.chosen))
                    .chain(t.objectives.iter().map(|o| format!("  {}) {} | {} | {:?}", o.number, o.text, o.bank, o.chosen)))
            })
            .collect();
        assert_eq!(
            rows,
            [
                "7.1.1.1 เตรียมชิ้นงาน | 3 | Some(2)",
                "  1) บอกชนิดรอยต่อได้ | 2 | Some(1)",
                "  2) เลือกวิธีทำความสะอาดได้ | 1 | Some(1)",
                "7.1.1.2 ตั้งเครื่องเชื่อม | 1 | Some(1)",
                "  1) ปรับกระแสไฟได้ | 1 | Some(1)",
                "7.1.2.1 เชื่อมท่าราบ | 3 | Some(1)",
                "  1) อธิบายมุมหัวเชื่อมได้ | 0 | Some(0)",
                "  2) บอกข้อบกพร่องได้ | 2 | Some(1)",
            ]
        );
        assert_eq!((table.bank_total, table.chosen_total), (7, Some(4)));
        // No weights yet, no draw: the bank counts stand, the chosen columns are blank.
        let bare = objective_table(&small(), &bank, None, None);
        assert_eq!((bare.tasks[0].bank, bare.tasks[0].chosen, bare.tasks[0].objectives[0].chosen, bare.chosen_total), (3, None, None, None));
    }

    #[test]
    fn bank_grouped_by_task_and_objective() {
        let bank = vec![item(1, 9, 1), item(2, 5, 1), item(3, 5, 0), item(4, 9, 7), item(5, 42, 0), item(6, 5, 0)];
        let duties = small();
        let (tasks, unlinked) = bank_by_objective(&duties, &bank);
        let shape: Vec<(String, Vec<(Option<usize>, Vec<u32>)>)> = tasks
            .iter()
            .map(|t| (t.code.clone(), t.objectives.iter().map(|o| (o.number, o.items.iter().map(|b| b.id).collect())).collect()))
            .collect();
        assert_eq!(
            shape,
            [
                ("7.1.1.1".to_string(), vec![(Some(1), vec![3, 6]), (Some(2), vec![2])]),
                ("7.1.1.2".to_string(), vec![(Some(1), vec![])]),
                ("7.1.2.1".to_string(), vec![(Some(1), vec![]), (Some(2), vec![1]), (None, vec![4])]),
            ]
        );
        assert_eq!(unlinked.iter().map(|b| b.id).collect::<Vec<_>>(), [5]);
    }

    fn seen(date: &str, question: usize, p: i32, r: i32, verdict: Verdict) -> Appearance {
        Appearance { date: date.into(), question, p: Hundredths(p), r: Hundredths(r), verdict }
    }

    /// Part (19) from stored analyses: only the latest session's appearances, in question order.
    #[test]
    fn difficulty_table_golden() {
        let mut history = BTreeMap::new();
        history.insert(1, ItemHistory { ioc: None, appearances: vec![seen("2026-03-01", 1, 50, 40, Verdict::Good), seen("2026-05-10", 2, 85, 10, Verdict::NeedsRevision)] });
        history.insert(2, ItemHistory { ioc: None, appearances: vec![seen("2026-05-10", 1, 45, 30, Verdict::Good)] });
        history.insert(3, ItemHistory { ioc: None, appearances: vec![seen("2026-03-01", 2, 60, 25, Verdict::Good)] });
        history.insert(4, ItemHistory::default());
        let t = difficulty_table(&history).unwrap();
        assert_eq!(t.date, "2026-05-10");
        let rows: Vec<String> = t.rows.iter().map(|r| format!("{} #{} p={} r={} {}", r.question, r.item, r.p, r.r, r.verdict.thai())).collect();
        assert_eq!(rows, ["1 #2 p=0.45 r=0.30 เป็นข้อสอบที่ดี", "2 #1 p=0.85 r=0.10 ควรปรับปรุง"]);
        assert_eq!((t.good, t.revise), (1, 1));
        let none: BTreeMap<u32, ItemHistory> = [(4, ItemHistory::default())].into();
        assert_eq!(difficulty_table(&none), None);
    }

    /// Part (19) from stored records, as the manual page computes it: two sessions' answers through
    /// `history::bank_history`; the table is the later session's, whatever order the sessions are stored in.
    #[test]
    fn difficulty_table_from_stored_sessions() {
        use crate::domain::section26::history::bank_history;
        use crate::domain::section26::history::tests::{candidate, session};
        use crate::domain::section26::ioc::IocTable;
        use crate::domain::section26::records::CandidateRecord;

        let session = |id: &str, date: &str, items: Vec<u32>| {
            let key = vec![0; items.len()];
            session(id, date, items, key)
        };
        // Eight candidates: the top four right on every question, the bottom four wrong, except the last question,
        // which everyone gets right.
        let answers = |session: &str, questions: usize| -> Vec<CandidateRecord> {
            (0..8)
                .map(|n| {
                    let a: Vec<u8> = (0..questions).map(|q| if n < 4 || q + 1 == questions { 0 } else { 1 }).collect();
                    candidate(session, n, &a)
                })
                .collect()
        };
        let bank: Vec<BankItem> = (1..=4).map(|id| item(id, 5, 0)).collect();
        let sessions = vec![session("later", "2026-06-01", vec![3, 1, 2]), session("earlier", "2026-02-01", vec![1, 4])];
        let mut candidates = answers("later", 3);
        candidates.extend(answers("earlier", 2));
        let t = difficulty_table(&bank_history(&bank, &IocTable::default(), &sessions, &candidates)).unwrap();
        let rows: Vec<String> = t.rows.iter().map(|r| format!("{} #{} p={} r={} {}", r.question, r.item, r.p, r.r, r.verdict.thai())).collect();
        assert_eq!(t.date, "2026-06-01");
        assert_eq!(
            rows,
            [
                "1 #3 p=0.50 r=1.00 เป็นข้อสอบที่ดี",
                "2 #1 p=0.50 r=1.00 เป็นข้อสอบที่ดี",
                "3 #2 p=1.00 r=0.00 ควรปรับปรุง",
            ]
        );
        assert_eq!((t.good, t.revise), (2, 1));
    }
}
