//! Practical marks with history. A mark is never overwritten: re-marking adds a [`MarkRecord`] that names the record
//! it replaces. The current marks are those nobody replaces; the history of a slot (candidate, module, item, judge)
//! is its chain, oldest first. From the current marks come the [`ItemMark`]s the rules score.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::marking::{ItemKind, ItemMark, Module};
use super::records::MarkRecord;

/// The current marks: every mark no other mark replaces (or settles). When two marks of the same slot are both current
/// (two tablets marked offline at once), the later `at` wins, then the larger id; the chief tester's tablet shows
/// such a pair as a conflict to decide instead (`domain::judge::merge`).
pub fn current(marks: &[MarkRecord]) -> Vec<&MarkRecord> {
    let replaced: std::collections::HashSet<&str> =
        marks.iter().flat_map(|m| m.replaces.iter().chain(&m.settles)).map(String::as_str).collect();
    let mut best: BTreeMap<(&str, &str, &str, u8), &MarkRecord> = BTreeMap::new();
    for m in marks.iter().filter(|m| !replaced.contains(m.meta.id.as_str())) {
        let slot = (m.candidate.as_str(), m.module.as_str(), m.item.as_str(), m.judge);
        match best.get(&slot) {
            Some(b) if (b.at.as_str(), b.meta.id.as_str()) >= (m.at.as_str(), m.meta.id.as_str()) => {}
            _ => {
                best.insert(slot, m);
            }
        }
    }
    best.into_values().collect()
}

/// The current mark of one slot.
pub fn current_of<'a>(marks: &'a [MarkRecord], candidate: &str, module: &str, item: &str, judge: u8) -> Option<&'a MarkRecord> {
    current(marks)
        .into_iter()
        .find(|m| m.candidate == candidate && m.module == module && m.item == item && m.judge == judge)
}

/// Every mark of one slot, oldest first (by time, then id).
pub fn history<'a>(marks: &'a [MarkRecord], candidate: &str, module: &str, item: &str, judge: u8) -> Vec<&'a MarkRecord> {
    let mut h: Vec<&MarkRecord> = marks
        .iter()
        .filter(|m| m.candidate == candidate && m.module == module && m.item == item && m.judge == judge)
        .collect();
    h.sort_by(|a, b| (a.at.as_str(), a.meta.id.as_str()).cmp(&(b.at.as_str(), b.meta.id.as_str())));
    h
}

/// A candidate's item marks for one module, from the current marks. Judgement items collect judges 1…`judges`
/// (a judge without a mark leaves the item incomplete, which the rules report).
pub fn item_marks(marks: &[MarkRecord], candidate: &str, module: &Module, judges: u8) -> BTreeMap<String, ItemMark> {
    let now: Vec<&MarkRecord> = current(marks).into_iter().filter(|m| m.candidate == candidate && m.module == module.id).collect();
    let mut out = BTreeMap::new();
    for item in &module.items {
        let of = |j: u8| now.iter().find(|m| m.item == item.id && m.judge == j).map(|m| m.value);
        let mark = match item.kind {
            ItemKind::Judgement => {
                let scores: Vec<u8> = (1..=judges).filter_map(of).filter_map(judge_score).collect();
                (!scores.is_empty()).then_some(ItemMark::Judges(scores))
            }
            ItemKind::Measurement { .. } => of(0).map(ItemMark::Measured),
            ItemKind::YesNo | ItemKind::Critical => of(0).map(|v| ItemMark::Done(!v.is_zero())),
        };
        if let Some(m) = mark {
            out.insert(item.id.clone(), m);
        }
    }
    out
}

fn judge_score(v: Decimal) -> Option<u8> {
    (v.fract().is_zero() && v >= Decimal::ZERO && v <= Decimal::from(255)).then(|| v.try_into().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Meta;
    use crate::domain::section26::marking::{score_module, PracticalItem};

    fn mark(id: &str, item: &str, judge: u8, value: i64, replaces: Option<&str>, at: &str) -> MarkRecord {
        MarkRecord {
            meta: Meta::new(id.into(), "s26_mark", "org", at),
            candidate: "c1".into(),
            module: "1".into(),
            item: item.into(),
            judge,
            value: Decimal::from(value),
            replaces: replaces.map(String::from),
            by: String::new(),
            at: at.into(),
            device: String::new(),
            settles: Vec::new(),
        }
    }

    #[test]
    fn remarking_replaces_without_losing_history() {
        let m = vec![
            mark("a", "1", 1, 1, None, "2026-01-01T10:00:00Z"),
            mark("b", "1", 2, 3, None, "2026-01-01T10:00:01Z"),
            mark("c", "1", 3, 2, None, "2026-01-01T10:00:02Z"),
            // judge 1 re-marks 1 → 2 after the spread rule blocked the item
            mark("d", "1", 1, 2, Some("a"), "2026-01-01T10:05:00Z"),
        ];
        let module = Module {
            id: "1".into(),
            name: String::new(),
            threshold: None,
            items: vec![PracticalItem { id: "1".into(), title: String::new(), full: Decimal::from(5), kind: ItemKind::Judgement }],
        };
        let before = item_marks(&m[..3], "c1", &module, 3);
        assert_eq!(before["1"], ItemMark::Judges(vec![1, 3, 2]));
        assert!(!score_module(&module, &before, None).is_final());
        let after = item_marks(&m, "c1", &module, 3);
        assert_eq!(after["1"], ItemMark::Judges(vec![2, 3, 2]));
        let r = score_module(&module, &after, None);
        assert_eq!(r.points.to_string(), "3.889");
        let h: Vec<_> = history(&m, "c1", "1", "1", 1).iter().map(|x| x.meta.id.clone()).collect();
        assert_eq!(h, vec!["a", "d"]);
        assert_eq!(current_of(&m, "c1", "1", "1", 1).unwrap().meta.id, "d");
        assert_eq!(current(&m).len(), 3);
    }

    #[test]
    fn concurrent_marks_latest_wins() {
        let m = vec![mark("x", "2", 0, 1, None, "2026-01-01T10:00:00Z"), mark("y", "2", 0, 0, None, "2026-01-01T10:00:09Z")];
        assert_eq!(current_of(&m, "c1", "1", "2", 0).unwrap().meta.id, "y");
    }
}
