//! IOC (ดัชนีความสอดคล้อง, manual part 18): each expert rates each bank item +1 (sure it measures its objective),
//! 0 (unsure) or −1 (sure it does not). IOC = ΣR / N; below 0.50 the item should be revised ("ควรปรับปรุง").

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The IOC table: experts, and per bank item id one rating per expert (`None` = not rated yet).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct IocTable {
    #[serde(default)]
    pub experts: Vec<String>,
    #[serde(default)]
    pub ratings: BTreeMap<u32, Vec<Option<i8>>>,
}

/// One item's IOC.
#[derive(Clone, Debug, PartialEq)]
pub struct Ioc {
    pub sum: i32,
    pub experts: u32,
    /// ΣR / N with 2 decimals, rounded half-up (away from zero).
    pub text: String,
    /// IOC ≥ 0.50, decided exactly (2ΣR ≥ N).
    pub usable: bool,
}

impl Ioc {
    pub fn verdict(&self) -> &'static str {
        if self.usable { "ใช้ได้" } else { "ควรปรับปรุง" }
    }
}

/// The IOC of one item from its ratings, or the Thai reason it cannot be computed.
pub fn ioc(ratings: &[Option<i8>], experts: usize) -> Result<Ioc, String> {
    if experts == 0 {
        return Err("ยังไม่มีผู้เชี่ยวชาญ".into());
    }
    let mut sum = 0i32;
    for e in 0..experts {
        match ratings.get(e).copied().flatten() {
            Some(r @ -1..=1) => sum += i32::from(r),
            Some(r) => return Err(format!("ผู้เชี่ยวชาญคนที่ {}: {r} ต้องเป็น +1, 0 หรือ −1", e + 1)),
            None => return Err(format!("ผู้เชี่ยวชาญคนที่ {} ยังไม่ได้ให้คะแนน", e + 1)),
        }
    }
    let n = experts as i32;
    let v = (Decimal::from(sum) / Decimal::from(n)).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Ok(Ioc { sum, experts: n as u32, text: format!("{v:.2}"), usable: 2 * sum >= n })
}

impl IocTable {
    /// Sets expert `expert`'s rating of bank item `item` (`None` clears it), adding empty ratings up to that expert.
    pub fn set_rating(&mut self, item: u32, expert: usize, value: Option<i8>) {
        let row = self.ratings.entry(item).or_default();
        if row.len() <= expert {
            row.resize(expert + 1, None);
        }
        row[expert] = value;
    }

    pub fn item(&self, item: u32) -> Result<Ioc, String> {
        ioc(self.ratings.get(&item).map(Vec::as_slice).unwrap_or(&[]), self.experts.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ioc_and_the_half_boundary() {
        let r = ioc(&[Some(1), Some(1), Some(0)], 3).unwrap();
        assert_eq!((r.text.as_str(), r.usable), ("0.67", true));
        // Exactly 0.50 is usable; 0.33 is not.
        let r = ioc(&[Some(1), Some(0), Some(1), Some(0)], 4).unwrap();
        assert_eq!((r.text.as_str(), r.usable, r.verdict()), ("0.50", true, "ใช้ได้"));
        let r = ioc(&[Some(1), Some(0), Some(0)], 3).unwrap();
        assert_eq!((r.text.as_str(), r.usable, r.verdict()), ("0.33", false, "ควรปรับปรุง"));
        let r = ioc(&[Some(-1), Some(-1), Some(0)], 3).unwrap();
        assert_eq!(r.text, "-0.67");
        assert!(ioc(&[Some(1), None], 2).is_err());
        assert!(ioc(&[Some(2)], 1).is_err());
        assert!(ioc(&[], 0).is_err());
    }

    #[test]
    fn a_rating_fills_the_experts_before_it() {
        let mut t = IocTable::default();
        t.set_rating(3, 2, Some(-1));
        assert_eq!(t.ratings[&3], vec![None, None, Some(-1)]);
        t.set_rating(3, 0, Some(1));
        t.set_rating(3, 2, None);
        assert_eq!(t.ratings[&3], vec![Some(1), None, None]);
    }
}
