//! Test assembly: draws each task's allocated number of items from the bank, reproducibly from a seed number, so the
//! same seed always prints the same question paper, answer sheet and key.
//!
//! Within a task the draw covers the objectives first (one item per objective in turn, objectives and items shuffled)
//! so the test spans what the task's objectives ask for. The shuffle is a Fisher–Yates over SplitMix64 (small, fixed
//! and identical on every platform; no crate).

use super::bank::{BankItem, Format};
use super::dacum::Duty;
use super::weights::Allocation;

pub use crate::domain::prng::SplitMix64;

/// The assembled test: bank item ids in question order (question 1 first). `duties` name the tasks in a refusal as
/// the DACUM table shows them (งานย่อย 1.2).
pub fn assemble(bank: &[BankItem], allocation: &[Allocation], duties: &[Duty], seed: u64) -> Result<Vec<u32>, String> {
    let mut rng = SplitMix64::new(seed);
    let mut out = Vec::new();
    for a in allocation {
        let mut mine: Vec<&BankItem> = bank.iter().filter(|i| i.task == a.task).collect();
        if mine.len() < a.items as usize {
            let code = super::dacum::find_task(duties, a.task).map_or_else(|| "ที่ถูกลบ".to_string(), |t| t.code);
            return Err(format!("งานย่อย {code}: ต้องจัด {} ข้อ แต่คลังมี {} ข้อ", a.items, mine.len()));
        }
        crate::domain::sort::sort_by_key(&mut mine, |i| i.id);
        // Group by objective, shuffle inside each group and the order of the groups, then take round-robin.
        let mut objectives: Vec<usize> = mine.iter().map(|i| i.objective).collect();
        crate::domain::sort::sort(&mut objectives);
        objectives.dedup();
        rng.shuffle(&mut objectives);
        let mut groups: Vec<Vec<u32>> = objectives
            .iter()
            .map(|o| {
                let mut g: Vec<u32> = mine.iter().filter(|i| i.objective == *o).map(|i| i.id).collect();
                rng.shuffle(&mut g);
                g.reverse(); // pop() takes from the end
                g
            })
            .collect();
        let mut taken = 0;
        while taken < a.items {
            for g in groups.iter_mut() {
                if taken < a.items {
                    if let Some(id) = g.pop() {
                        out.push(id);
                        taken += 1;
                    }
                }
            }
        }
    }
    Ok(out)
}

/// [`assemble`] from the bank without the items `left_out` (`history::left_out`); a refusal names them too.
pub fn assemble_leaving_out(
    bank: &[BankItem],
    allocation: &[Allocation],
    duties: &[Duty],
    seed: u64,
    left_out: &std::collections::BTreeSet<u32>,
) -> Result<Vec<u32>, String> {
    let kept: Vec<BankItem> = bank.iter().filter(|b| !left_out.contains(&b.id)).cloned().collect();
    assemble(&kept, allocation, duties, seed).map_err(|e| {
        let out: Vec<String> = bank.iter().filter(|b| left_out.contains(&b.id)).map(|b| format!("#{}", b.id)).collect();
        if out.is_empty() { e } else { format!("{e} (ไม่นับข้อที่คัดออกตามคุณภาพ: {})", out.join(", ")) }
    })
}

/// The drawn items ordered for the paper: true/false first, then multiple choice, then each matching set's premises
/// together (sets by id), keeping the draw's order within each group. A test of multiple choice only is unchanged.
pub fn by_format(mut drawn: Vec<u32>, bank: &[BankItem]) -> Vec<u32> {
    let rank = |id: &u32| {
        bank.iter().find(|b| b.id == *id).map_or((1, 0), |b| (b.format.rank(), if b.format == Format::Matching { b.set } else { 0 }))
    };
    // A stable sort (insertion: tests are short, and it keeps a sort routine out of the page).
    for i in 1..drawn.len() {
        let mut j = i;
        while j > 0 && rank(&drawn[j - 1]) > rank(&drawn[j]) {
            drawn.swap(j - 1, j);
            j -= 1;
        }
    }
    drawn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_grouped_for_the_paper_and_choice_only_tests_keep_their_order() {
        let mut bank = bank();
        for (id, format, set) in [(5, Format::TrueFalse, 0), (7, Format::Matching, 2), (8, Format::Matching, 1), (9, Format::TrueFalse, 0)] {
            let b = bank.iter_mut().find(|b| b.id == id).unwrap();
            (b.format, b.set) = (format, set);
        }
        assert_eq!(by_format(vec![7, 1, 8, 5, 2, 9, 3], &bank), vec![5, 9, 1, 2, 3, 8, 7]);
        let choice_only = vec![3, 1, 2, 30, 11];
        assert_eq!(by_format(choice_only.clone(), &super::tests::bank()), choice_only);
    }

    #[test]
    fn splitmix64_reference_values() {
        // First outputs for seed 0 (reference implementation).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    fn bank() -> Vec<BankItem> {
        (1..=30)
            .map(|id| BankItem {
                id,
                task: if id <= 20 { 1 } else { 2 },
                objective: (id % 3) as usize,
                stem: "q".into(),
                options: vec!["a".into(); 4],
                key: 0,
                ..Default::default()
            })
            .collect()
    }

    /// One duty with tasks 1 and 2 (codes 1.1 and 1.2).
    fn duties() -> Vec<Duty> {
        use crate::domain::section26::dacum::Task;
        let task = |id: u32| Task { id, title: format!("t{id}"), ..Default::default() };
        vec![Duty { title: "d".into(), tasks: vec![task(1), task(2)], ..Default::default() }]
    }

    fn alloc(a: u32, b: u32) -> Vec<Allocation> {
        vec![
            Allocation { task: 1, sum: 0, share_num: 0, share_den: 1, items: a },
            Allocation { task: 2, sum: 0, share_num: 0, share_den: 1, items: b },
        ]
    }

    #[test]
    fn same_seed_same_test_and_objectives_covered() {
        let b = bank();
        let t1 = assemble(&b, &alloc(6, 4), &duties(), 2567).unwrap();
        assert_eq!(t1, assemble(&b, &alloc(6, 4), &duties(), 2567).unwrap());
        assert_ne!(t1, assemble(&b, &alloc(6, 4), &duties(), 2568).unwrap());
        assert_eq!(t1.len(), 10);
        let mut dedup = t1.clone();
        dedup.sort_unstable();
        dedup.dedup();
        assert_eq!(dedup.len(), 10);
        // Task 1's items first; the first three cover all three objectives.
        assert!(t1[..6].iter().all(|id| *id <= 20) && t1[6..].iter().all(|id| *id > 20));
        let mut objs: Vec<u32> = t1[..3].iter().map(|id| id % 3).collect();
        objs.sort_unstable();
        assert_eq!(objs, vec![0, 1, 2]);
    }

    #[test]
    fn short_bank_is_refused() {
        assert_eq!(assemble(&bank(), &alloc(6, 11), &duties(), 1).unwrap_err(), "งานย่อย 1.2: ต้องจัด 11 ข้อ แต่คลังมี 10 ข้อ");
    }
}
