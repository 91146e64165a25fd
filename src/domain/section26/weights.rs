//! Task weights and the allocation of knowledge items to tasks (manual part 17, seed "การพิจารณาให้น้ำหนักคะแนน").
//!
//! Each rater scores each task on the five criteria of the seed (steps 1–5; the fifth, training need, only when the
//! standard uses it). Task weight = sum of the criteria, averaged over the raters. The seed formula
//! items = weight / Σ weights × test length gives fractions; whole items are handed out by the largest-remainder
//! method (ties to the earlier task) so they add up to the test length exactly.
//!
//! The averaging cancels in the ratio, so the allocation works on the raters' integer sums: no rounding anywhere.
//! The rating scale 1–5 is ours (the seed's table 3 is not in the text); 0 is refused so a blank is never a rating.

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The five criteria, in the seed's order.
pub const CRITERIA: [&str; 5] = [
    "ความสำคัญของงาน",
    "ความถี่ในการปฏิบัติงาน",
    "ผลกระทบต่อผู้บริโภค",
    "ความยากง่ายของงาน",
    "ความต้องการการฝึกอบรม",
];
/// Highest rating on a criterion.
pub const MAX_RATING: u8 = 5;

/// The weight table: raters, and per task one row of five ratings per rater (`None` = not rated yet).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct WeightTable {
    #[serde(default)]
    pub raters: Vec<String>,
    /// Whether the fifth criterion (training need) counts.
    #[serde(default)]
    pub use_training: bool,
    /// task id → per rater (same order as `raters`) → the five ratings.
    #[serde(default)]
    pub ratings: BTreeMap<u32, Vec<[Option<u8>; 5]>>,
}

impl WeightTable {
    /// Sets rater `rater`'s rating of criterion `criterion` for task `task` (`None` clears it), adding empty rows up
    /// to that rater.
    pub fn set_rating(&mut self, task: u32, rater: usize, criterion: usize, value: Option<u8>) {
        let rows = self.ratings.entry(task).or_default();
        if rows.len() <= rater {
            rows.resize(rater + 1, [None; 5]);
        }
        rows[rater][criterion] = value;
    }

    /// The criteria in use (4 or 5).
    pub fn criteria_count(&self) -> usize {
        if self.use_training { 5 } else { 4 }
    }

    /// Sum over raters of a task's criteria, or the Thai reason it cannot be computed yet.
    pub fn task_sum(&self, task: u32, code: &str) -> Result<u32, String> {
        if self.raters.is_empty() {
            return Err("ยังไม่มีผู้ให้น้ำหนัก".into());
        }
        let rows = self.ratings.get(&task);
        let mut sum = 0u32;
        for (r, name) in self.raters.iter().enumerate() {
            let row = rows.and_then(|rows| rows.get(r));
            for (c, criterion) in CRITERIA.iter().enumerate().take(self.criteria_count()) {
                match row.and_then(|row| row[c]) {
                    Some(v) if (1..=MAX_RATING).contains(&v) => sum += u32::from(v),
                    Some(v) => return Err(format!("งานย่อย {code}, {name}, {criterion}: {v} ไม่อยู่ในช่วง 1–{MAX_RATING}")),
                    None => return Err(format!("งานย่อย {code}: {name} ยังไม่ให้คะแนน{criterion}")),
                }
            }
        }
        Ok(sum)
    }

    /// A task's weight as the seed defines it: the raters' mean of the criteria sum.
    pub fn task_weight(&self, task: u32, code: &str) -> Result<Decimal, String> {
        Ok((Decimal::from(self.task_sum(task, code)?) / Decimal::from(self.raters.len())).normalize())
    }
}

/// One task's allocation: the exact share of the seed formula and the whole items handed out.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    pub task: u32,
    /// Raters' sum of the criteria (the weight × number of raters).
    pub sum: u32,
    /// weight / Σ weights × test length, exact as numerator / denominator.
    pub share_num: u64,
    pub share_den: u64,
    pub items: u32,
}

impl Allocation {
    /// The exact share with 2 decimals, rounded half-up, for display beside the whole number.
    pub fn share_text(&self) -> String {
        let v = Decimal::from(self.share_num) / Decimal::from(self.share_den);
        format!("{:.2}", v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }
}

/// Largest-remainder allocation of `total` items over tasks with integer weights `sums` (task id, sum), in task
/// order. Ties on the remainder go to the earlier task. Fails when every weight is zero.
pub fn allocate(sums: &[(u32, u32)], total: u32) -> Result<Vec<Allocation>, String> {
    let den: u64 = sums.iter().map(|(_, s)| u64::from(*s)).sum();
    if den == 0 {
        return Err("ผลรวมน้ำหนักเป็นศูนย์ จึงแบ่งจำนวนข้อสอบไม่ได้".into());
    }
    let mut out: Vec<Allocation> = sums
        .iter()
        .map(|&(task, sum)| {
            let num = u64::from(sum) * u64::from(total);
            Allocation { task, sum, share_num: num, share_den: den, items: (num / den) as u32 }
        })
        .collect();
    let given: u32 = out.iter().map(|a| a.items).sum();
    let mut order: Vec<usize> = (0..out.len()).collect();
    // Stable sort keeps task order among equal remainders.
    crate::domain::sort::sort_by(&mut order, |&a, &b| (out[b].share_num % den).cmp(&(out[a].share_num % den)));
    for &i in order.iter().take((total - given) as usize) {
        out[i].items += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alloc(sums: &[u32], total: u32) -> Vec<u32> {
        let s: Vec<(u32, u32)> = sums.iter().enumerate().map(|(i, s)| (i as u32 + 1, *s)).collect();
        allocate(&s, total).unwrap().iter().map(|a| a.items).collect()
    }

    #[test]
    fn largest_remainder_totals_exactly() {
        // Shares 13.33 / 13.33 / 13.33 of 40: one extra item, to the first task (tie by order).
        assert_eq!(alloc(&[10, 10, 10], 40), vec![14, 13, 13]);
        // Shares 8.57 / 17.14 / 14.29 (weights 6/12/10 of 40): floors 8+17+14 = 39, largest remainder .57 → task 1.
        assert_eq!(alloc(&[6, 12, 10], 40), vec![9, 17, 14]);
        let a = allocate(&[(1, 6), (2, 12), (3, 10)], 40).unwrap();
        assert_eq!(a.iter().map(Allocation::share_text).collect::<Vec<_>>(), vec!["8.57", "17.14", "14.29"]);
        assert_eq!(alloc(&[1, 1, 1, 1, 1, 1, 1], 40).iter().sum::<u32>(), 40);
        assert_eq!(alloc(&[5, 0, 5], 41), vec![21, 0, 20]);
        assert!(allocate(&[(1, 0)], 40).is_err());
    }

    #[test]
    fn raters_are_averaged_and_gaps_named() {
        let mut t = WeightTable { raters: vec!["ก".into(), "ข".into()], ..Default::default() };
        t.ratings.insert(1, vec![[Some(5), Some(4), Some(3), Some(2), None], [Some(4), Some(4), Some(4), Some(3), None]]);
        assert_eq!(t.task_sum(1, "1.1"), Ok(29));
        assert_eq!(t.task_weight(1, "1.1").unwrap().to_string(), "14.5");
        t.use_training = true;
        assert_eq!(t.task_sum(1, "1.1"), Err("งานย่อย 1.1: ก ยังไม่ให้คะแนนความต้องการการฝึกอบรม".into()));
        t.ratings.insert(2, vec![[Some(6), Some(1), Some(1), Some(1), Some(1)]]);
        assert!(t.task_sum(2, "1.2").unwrap_err().contains("6 ไม่อยู่ในช่วง"));
    }

    #[test]
    fn a_rating_fills_the_rows_before_it() {
        let mut w = WeightTable::default();
        w.set_rating(7, 2, 1, Some(4));
        assert_eq!(w.ratings[&7], vec![[None; 5], [None; 5], [None, Some(4), None, None, None]]);
        w.set_rating(7, 0, 4, Some(5));
        w.set_rating(7, 2, 1, None);
        assert_eq!(w.ratings[&7], vec![[None, None, None, None, Some(5)], [None; 5], [None; 5]]);
    }
}
