//! Two analyses of the same test side by side (two data sets, two sittings, two years): items matched by their
//! number (the label of the item in each analysis, spaces trimmed), each side's p and r, the changes Δp = p(B) − p(A)
//! and Δr, and flags for drift: |Δp| at least [`DRIFT_P`], r moving to another discrimination band
//! ([`Discrimination`], the handbook's bands of `rules`), the verdict changing ([`verdict`](super::rules::verdict)),
//! the key differing. An item only one side has is listed as such, never dropped. When an item number appears twice
//! on a side, the first occurrence is matched and the others are listed as that side's alone.

use super::analyze::{Analysis, ItemResult};
use super::rules::{Discrimination, Hundredths, Verdict};

/// The change of p that flags an item as drifted: |Δp| ≥ 0.10.
pub const DRIFT_P: Hundredths = Hundredths(10);

/// One side's figures for an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    /// 0-based item index in that analysis.
    pub index: usize,
    pub key: u8,
    pub p: Hundredths,
    pub r: Hundredths,
    pub discrimination: Discrimination,
    pub verdict: Verdict,
}

impl Figures {
    fn of(it: &ItemResult) -> Figures {
        Figures { index: it.index, key: it.key, p: it.p, r: it.r, discrimination: it.discrimination, verdict: it.verdict }
    }
}

/// Why an item is flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drift {
    /// |Δp| ≥ [`DRIFT_P`].
    P,
    /// r is in another discrimination band.
    RBand,
    /// The verdict changed (good ↔ needs revision).
    Verdict,
    /// The two sides have different keys for the item.
    Key,
}

impl Drift {
    pub fn thai(self) -> &'static str {
        match self {
            Drift::P => "p เปลี่ยนมาก",
            Drift::RBand => "r เปลี่ยนช่วงอำนาจจำแนก",
            Drift::Verdict => "คุณภาพเปลี่ยน",
            Drift::Key => "เฉลยต่างกัน",
        }
    }
}

/// One item of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemChange {
    /// The item number (label).
    pub label: String,
    pub a: Option<Figures>,
    pub b: Option<Figures>,
    /// p(B) − p(A) and r(B) − r(A), on the displayed values; `None` unless both sides have the item.
    pub dp: Option<Hundredths>,
    pub dr: Option<Hundredths>,
    pub drift: Vec<Drift>,
}

/// Compares analysis `a` (items labelled `labels_a`) with `b`: A's items in A's order, then the items only B has
/// in B's order. Panics if a labels list is shorter than its analysis's items (the caller builds both together).
pub fn compare(labels_a: &[String], a: &Analysis, labels_b: &[String], b: &Analysis) -> Vec<ItemChange> {
    let mut b_used = vec![false; b.items.len()];
    let mut out: Vec<ItemChange> = Vec::with_capacity(a.items.len().max(b.items.len()));
    let mut a_seen: Vec<&str> = Vec::with_capacity(a.items.len());
    for it in &a.items {
        let label = labels_a[it.index].trim();
        let first = !a_seen.contains(&label);
        a_seen.push(label);
        let other = if first {
            b.items.iter().position(|o| labels_b[o.index].trim() == label).filter(|&j| !b_used[j])
        } else {
            None
        };
        let fa = Figures::of(it);
        let change = match other {
            Some(j) => {
                b_used[j] = true;
                let fb = Figures::of(&b.items[j]);
                let (dp, dr) = (Hundredths(fb.p.0 - fa.p.0), Hundredths(fb.r.0 - fa.r.0));
                let mut drift = Vec::new();
                if dp.0.abs() >= DRIFT_P.0 {
                    drift.push(Drift::P);
                }
                if fa.discrimination != fb.discrimination {
                    drift.push(Drift::RBand);
                }
                if fa.verdict != fb.verdict {
                    drift.push(Drift::Verdict);
                }
                if fa.key != fb.key {
                    drift.push(Drift::Key);
                }
                ItemChange { label: label.to_string(), a: Some(fa), b: Some(fb), dp: Some(dp), dr: Some(dr), drift }
            }
            None => ItemChange { label: label.to_string(), a: Some(fa), b: None, dp: None, dr: None, drift: Vec::new() },
        };
        out.push(change);
    }
    for (j, it) in b.items.iter().enumerate() {
        if !b_used[j] {
            let label = labels_b[it.index].trim().to_string();
            out.push(ItemChange { label, a: None, b: Some(Figures::of(it)), dp: None, dr: None, drift: Vec::new() });
        }
    }
    out
}

/// What the comparison table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOrder {
    /// A's order, then B's own items.
    Item,
    /// Largest |Δp| first.
    DeltaP,
    /// Largest |Δr| first.
    DeltaR,
}

/// The positions of `changes` in the order asked; ties and items without a change keep their item order, the
/// latter last.
pub fn ordered(changes: &[ItemChange], by: CompareOrder) -> Vec<usize> {
    let mut order: Vec<usize> = (0..changes.len()).collect();
    let size = |c: &ItemChange| match by {
        CompareOrder::Item => 0,
        CompareOrder::DeltaP => c.dp.map_or(-1, |d| d.0.abs()),
        CompareOrder::DeltaR => c.dr.map_or(-1, |d| d.0.abs()),
    };
    crate::domain::sort::sort_by(&mut order, |&x, &y| size(&changes[y]).cmp(&size(&changes[x])));
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::item_analysis::{analyze, Method, ResponseMatrix};
    use crate::domain::prng::SplitMix64;

    /// A random sitting of `items` items and its analysis (norm 25 %).
    fn sitting(seed: u64, n: usize, key: &[u8]) -> Analysis {
        let mut rng = SplitMix64::new(seed);
        // Ability makes the key likelier for the strong, so r varies between items and sittings.
        let codes: Vec<u8> = (0..n)
            .flat_map(|c| {
                let strong = c % 3;
                key.iter().map(|&k| if rng.below(4) < strong as u64 + 1 { k } else { rng.below(4) as u8 }).collect::<Vec<_>>()
            })
            .collect();
        let m = ResponseMatrix::from_codes(key.len(), 4, &codes).unwrap();
        analyze(&m, key, &Method::norm_25()).unwrap()
    }

    fn labels(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn matched_by_number_with_deltas_and_flags() {
        let a = sitting(1, 80, &[0, 1, 2, 3]);
        let b = sitting(2, 120, &[0, 1, 2, 0, 1]);
        // B lists its items in another order and has item 5 that A lacks; item 4's key differs (ง vs ก).
        let la = labels(&["1", "2", "3", "4"]);
        let lb = labels(&["2", " 1", "3", "4", "5"]);
        let c = compare(&la, &a, &lb, &b);
        assert_eq!(c.iter().map(|x| x.label.as_str()).collect::<Vec<_>>(), ["1", "2", "3", "4", "5"]);
        // Item 1 of A is B's second column.
        let one = &c[0];
        assert_eq!(one.b.as_ref().unwrap().index, 1);
        assert_eq!(one.dp, Some(Hundredths(b.items[1].p.0 - a.items[0].p.0)));
        assert_eq!(one.dr, Some(Hundredths(b.items[1].r.0 - a.items[0].r.0)));
        assert_eq!(one.drift.contains(&Drift::P), (b.items[1].p.0 - a.items[0].p.0).abs() >= 10);
        assert_eq!(one.drift.contains(&Drift::RBand), a.items[0].discrimination != b.items[1].discrimination);
        assert!(c[3].drift.contains(&Drift::Key), "item 4: key ง against ก");
        assert!(!c[2].drift.contains(&Drift::Key));
        assert_eq!((c[4].a.is_none(), c[4].b.as_ref().map(|f| f.index), c[4].dp), (true, Some(4), None));
        // Swapping the sides negates every change.
        let back = compare(&lb, &b, &la, &a);
        for x in &c[..4] {
            let y = back.iter().find(|y| y.label == x.label).unwrap();
            assert_eq!(y.dp.map(|d| -d.0), x.dp.map(|d| d.0));
            assert_eq!(y.drift, x.drift);
        }
        assert_eq!(back.iter().find(|y| y.label == "5").unwrap().b, None);
    }

    #[test]
    fn drift_threshold_is_inclusive() {
        let a = sitting(3, 60, &[0, 1]);
        let mut b = a.clone();
        b.items[0].p = Hundredths(a.items[0].p.0 + 10);
        b.items[1].p = Hundredths(a.items[1].p.0 - 9);
        let l = labels(&["1", "2"]);
        let c = compare(&l, &a, &l, &b);
        assert_eq!((c[0].dp, c[0].drift.clone()), (Some(Hundredths(10)), vec![Drift::P]));
        assert_eq!((c[1].dp, c[1].drift.clone()), (Some(Hundredths(-9)), vec![]));
        // The same analysis against itself: no change, no flag.
        assert!(compare(&l, &a, &l, &a).iter().all(|x| x.dp == Some(Hundredths(0)) && x.drift.is_empty()));
    }

    #[test]
    fn duplicates_and_disjoint_items_are_listed_not_dropped() {
        let a = sitting(4, 40, &[0, 1, 2]);
        let b = sitting(5, 40, &[0, 1]);
        let c = compare(&labels(&["1", "1", "2"]), &a, &labels(&["7", "1"]), &b);
        let sides: Vec<(&str, bool, bool)> = c.iter().map(|x| (x.label.as_str(), x.a.is_some(), x.b.is_some())).collect();
        assert_eq!(sides, [("1", true, true), ("1", true, false), ("2", true, false), ("7", false, true)]);
        assert_eq!(c[0].b.as_ref().unwrap().index, 1);
    }

    #[test]
    fn ordered_by_size_of_change_with_one_sided_items_last() {
        let mk = |label: &str, dp: Option<i32>, dr: Option<i32>| ItemChange {
            label: label.into(),
            a: None,
            b: None,
            dp: dp.map(Hundredths),
            dr: dr.map(Hundredths),
            drift: vec![],
        };
        let c = vec![mk("1", Some(5), Some(-30)), mk("2", None, None), mk("3", Some(-12), Some(2)), mk("4", Some(12), Some(0))];
        assert_eq!(ordered(&c, CompareOrder::DeltaP), [2, 3, 0, 1]);
        assert_eq!(ordered(&c, CompareOrder::DeltaR), [0, 2, 3, 1]);
        assert_eq!(ordered(&c, CompareOrder::Item), [0, 1, 2, 3]);
    }
}
