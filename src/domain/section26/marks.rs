//! Practical marks with history. A mark is never overwritten: re-marking adds a [`MarkRecord`] that names the record
//! it replaces (of its own slot and device; the rules are `crate::domain::judge::merge`'s). The current marks are those nobody replaces; the history of a slot (candidate, module, item, judge)
//! is its chain, oldest first. Which marks an item is scored from (and whether two tablets' marks conflict) is the
//! chief tester's board's rule, `crate::domain::judge::board`, which every page uses.

use std::collections::BTreeMap;

use super::records::MarkRecord;

/// The current marks: every mark no other mark validly replaces (or settles) — a link to another slot, to another
/// device's mark (except the chief's decision) or in a cycle hides nothing (`domain::judge::merge::superseded`). When
/// two marks of the same slot are both current (two tablets marked offline at once), the later `at` wins, then the
/// larger id; the chief tester's tablet shows such a pair as a conflict to decide instead (`domain::judge::merge`).
pub fn current(marks: &[MarkRecord]) -> Vec<&MarkRecord> {
    let replaced = crate::domain::judge::merge::superseded(marks);
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
    crate::domain::sort::sort_by(&mut h, |a, b| (a.at.as_str(), a.meta.id.as_str()).cmp(&(b.at.as_str(), b.meta.id.as_str())));
    h
}

/// Whether candidate `id` can be removed from the session: not once any practical mark of theirs is stored (marks
/// are evidence and keep their history).
pub fn check_removable(id: &str, number: &str, marks: &[MarkRecord]) -> Result<(), String> {
    match marks.iter().filter(|m| m.candidate == id).count() {
        0 => Ok(()),
        n => Err(format!("ลบผู้เข้าทดสอบหมายเลข {number} ไม่ได้: มีคะแนนภาคความสามารถแล้ว {n} รายการ (คะแนนต้องเก็บไว้เป็นหลักฐาน)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::record::Meta;
    use rust_decimal::Decimal;

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
        assert_eq!(current_of(&m[..3], "c1", "1", "1", 1).unwrap().value, Decimal::from(1));
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

    #[test]
    fn a_candidate_with_marks_cannot_be_removed() {
        let mut m = crate::domain::judge::merge::tests::mark("m1", "1", 1, 2, "t", "2026-01-01T00:00:00Z");
        assert!(check_removable("c2", "A002", std::slice::from_ref(&m)).is_ok());
        m.candidate = "c2".into();
        assert_eq!(
            check_removable("c2", "A002", &[m]).unwrap_err(),
            "ลบผู้เข้าทดสอบหมายเลข A002 ไม่ได้: มีคะแนนภาคความสามารถแล้ว 1 รายการ (คะแนนต้องเก็บไว้เป็นหลักฐาน)"
        );
    }
}
