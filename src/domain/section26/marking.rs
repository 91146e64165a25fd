//! Practical marking (ภาคความสามารถ, manual parts 13–14): modules of items, each item one of four kinds, and how a
//! candidate's marks become points.
//!
//! - Measurement (Objective Marking/Measurement): |measured − nominal| ≤ tolerance → full marks, else 0.
//! - Yes/no (ถูกต้อง/ไม่ถูกต้อง): correct → full marks, else 0.
//! - Critical (เกณฑ์ผ่านหรือไม่ผ่านในจุดที่สำคัญมาก): passed → full marks (often 0); failed → the module fails
//!   whatever the points.
//! - Judgement (Subjective Marking/Judgment): at least [`MIN_JUDGES`] judges give 0–3; C = A × B / (N × 3), rounded
//!   half-up to 3 decimals; a module's total is the sum of the rounded C. The judges' highest − lowest must be ≤ 1,
//!   otherwise the item is blocked until they re-mark.
//!
//! A module passes when its points reach its threshold (percent of its full marks, when set) and no critical item
//! failed. Marks come in as [`ItemMark`]; where they come from (history of changed marks) is [`super::marks`].

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::percent::Percent;
use crate::domain::numbers::{in_range, Kind};

/// Fewest judges on a judgement item.
pub const MIN_JUDGES: usize = 3;
/// Highest judgement score.
pub const MAX_JUDGE_SCORE: u8 = 3;
/// The judgement scale, as printed on the marking sheet.
pub const JUDGE_SCALE: [&str; 4] = ["ไม่ได้ทำ/ต่ำกว่าเกณฑ์", "เท่ากับเกณฑ์กำหนด", "สูงกว่าเกณฑ์บางส่วน", "สูงกว่าเกณฑ์ทุกส่วน"];

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemKind {
    Measurement {
        #[serde(with = "super::num")]
        nominal: Decimal,
        #[serde(with = "super::num")]
        tolerance: Decimal,
    },
    YesNo,
    Critical,
    Judgement,
}

impl ItemKind {
    pub fn label(&self) -> &'static str {
        match self {
            ItemKind::Measurement { .. } => "วัดค่า",
            ItemKind::YesNo => "ถูก/ไม่ถูก",
            ItemKind::Critical => "จุดสำคัญ (ผ่าน/ไม่ผ่าน)",
            ItemKind::Judgement => "กรรมการให้คะแนน 0–3",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct PracticalItem {
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// Full marks (A). May be 0 for a critical item.
    #[serde(with = "super::num")]
    pub full: Decimal,
    #[serde(flatten)]
    pub kind: ItemKind,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Module {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// Pass threshold, percent of the module's full marks; `None` uses the standard's common module threshold.
    #[serde(default, with = "super::num::opt")]
    pub threshold: Option<Decimal>,
    pub items: Vec<PracticalItem>,
    /// The module's practical test paper (time, instructions, rules, materials, tools); absent when never filled.
    #[serde(default, skip_serializing_if = "super::practical::PracticalPaper::is_empty")]
    pub paper: super::practical::PracticalPaper,
}

impl Module {
    /// The sum of the items' full marks. An item whose full mark lies outside its bounds (a record written before
    /// they existed) counts 0 here: it is pending in [`mark_item`], so the module has no decision anyway.
    pub fn full(&self) -> Decimal {
        self.items
            .iter()
            .filter(|i| in_range("", i.full, Kind::FullMark).is_ok())
            .fold(Decimal::ZERO, |sum, i| sum.saturating_add(i.full))
    }
}

/// A candidate's current marks on one item.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum ItemMark {
    /// Yes/no and critical items: correct / passed.
    Done(bool),
    /// Measurement items: the measured value.
    Measured(Decimal),
    /// Judgement items: one score per judge, in judge order.
    Judges(Vec<u8>),
}

/// C = A × B / (N × 3), rounded half-up to 3 decimals. The seed: A = 5, judges 2, 2, 3 → 3.889. No judges, or a
/// full mark too large to multiply (outside its bounds: [`mark_item`] never gets here with one), give 0.
pub fn judgement_points(full: Decimal, scores: &[u8]) -> Decimal {
    let b: u32 = scores.iter().map(|s| u32::from(*s)).sum();
    let n = Decimal::from(scores.len() as u64 * u64::from(MAX_JUDGE_SCORE));
    let c = full.checked_mul(Decimal::from(b)).and_then(|x| x.checked_div(n)).unwrap_or(Decimal::ZERO);
    let mut c = c.round_dp_with_strategy(3, RoundingStrategy::MidpointAwayFromZero);
    c.rescale(3);
    c
}

/// The agreement rule: highest − lowest ≤ 1.
pub fn spread_ok(scores: &[u8]) -> bool {
    match (scores.iter().max(), scores.iter().min()) {
        (Some(hi), Some(lo)) => hi - lo <= 1,
        _ => true,
    }
}

/// One item's outcome.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemOutcome {
    /// Final points; `critical_failed` for a failed critical item.
    Final { points: Decimal, critical_failed: bool },
    /// Cannot be finalised: the Thai reason (missing marks, too few judges, spread > 1, bad value).
    Pending(String),
}

/// The item's numbers (and a measured value) outside their bounds ([`crate::domain::numbers::BOUNDS`]), named: such
/// an item cannot be computed (a stored record from before the bounds, or a file) and stays pending.
fn out_of_range(item: &PracticalItem, mark: Option<&ItemMark>) -> Option<String> {
    let mut checks = vec![("คะแนนเต็ม", item.full, Kind::FullMark)];
    if let ItemKind::Measurement { nominal, tolerance } = &item.kind {
        checks.push(("ค่าปกติ", *nominal, Kind::Measurement));
        checks.push(("ความคลาดเคลื่อน", *tolerance, Kind::Tolerance));
    }
    if let Some(ItemMark::Measured(v)) = mark {
        checks.push(("ค่าที่วัดได้", *v, Kind::Measurement));
    }
    checks.into_iter().find_map(|(label, v, kind)| in_range(label, v, kind).err()).map(|e| format!("{e} — คำนวณไม่ได้"))
}

/// Marks one item. Numbers outside their bounds leave it pending, naming the number (never an overflow).
pub fn mark_item(item: &PracticalItem, mark: Option<&ItemMark>) -> ItemOutcome {
    if let Some(why) = out_of_range(item, mark) {
        return ItemOutcome::Pending(why);
    }
    let full_or_zero = |ok: bool| ItemOutcome::Final { points: if ok { item.full } else { Decimal::ZERO }, critical_failed: false };
    match (&item.kind, mark) {
        (_, None) => ItemOutcome::Pending("ยังไม่ได้ให้คะแนน".into()),
        (ItemKind::Measurement { nominal, tolerance }, Some(ItemMark::Measured(v))) => {
            full_or_zero((*v - *nominal).abs() <= *tolerance) // all three within ±10^9: no overflow
        }
        (ItemKind::YesNo, Some(ItemMark::Done(ok))) => full_or_zero(*ok),
        (ItemKind::Critical, Some(ItemMark::Done(ok))) => {
            ItemOutcome::Final { points: if *ok { item.full } else { Decimal::ZERO }, critical_failed: !ok }
        }
        (ItemKind::Judgement, Some(ItemMark::Judges(scores))) => {
            if let Some(s) = scores.iter().find(|s| **s > MAX_JUDGE_SCORE) {
                ItemOutcome::Pending(format!("คะแนนกรรมการ {s} ต้องอยู่ในช่วง 0–{MAX_JUDGE_SCORE}"))
            } else if scores.len() < MIN_JUDGES {
                ItemOutcome::Pending(format!("กรรมการให้คะแนน {} คน ต้องอย่างน้อย {MIN_JUDGES} คน", scores.len()))
            } else if !spread_ok(scores) {
                let (hi, lo) = (scores.iter().max().unwrap(), scores.iter().min().unwrap());
                ItemOutcome::Pending(format!("คะแนนสูงสุด ({hi}) กับต่ำสุด ({lo}) ต่างกันเกิน 1 คะแนน: กรรมการต้องให้คะแนนใหม่"))
            } else {
                ItemOutcome::Final { points: judgement_points(item.full, scores), critical_failed: false }
            }
        }
        (kind, Some(_)) => ItemOutcome::Pending(format!("ค่าที่บันทึกไม่ตรงกับชนิดรายการ ({})", kind.label())),
    }
}

/// One module's result for one candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleResult {
    pub module: String,
    pub name: String,
    /// Sum of the final items' points (rounded C for judgement items).
    pub points: Decimal,
    pub full: Decimal,
    pub percent: Percent,
    /// The threshold used (percent), if any.
    pub threshold: Option<Decimal>,
    /// Ids of failed critical items.
    pub critical_failed: Vec<String>,
    /// Items not final yet: (item id, reason). A module with pending items has no decision.
    pub pending: Vec<(String, String)>,
    /// Points reach the threshold and no critical item failed (meaningful only when `pending` is empty).
    pub pass: bool,
}

impl ModuleResult {
    pub fn is_final(&self) -> bool {
        self.pending.is_empty()
    }
}

/// Scores a module from the candidate's marks (item id → mark). `common_threshold` is the standard's module
/// threshold used when the module sets none.
pub fn score_module(module: &Module, marks: &BTreeMap<String, ItemMark>, common_threshold: Option<Decimal>) -> ModuleResult {
    let mut points = Decimal::ZERO;
    let mut critical_failed = Vec::new();
    let mut pending = Vec::new();
    for item in &module.items {
        match mark_item(item, marks.get(&item.id)) {
            ItemOutcome::Final { points: p, critical_failed: c } => {
                points = points.saturating_add(p);
                if c {
                    critical_failed.push(item.id.clone());
                }
            }
            ItemOutcome::Pending(reason) => pending.push((item.id.clone(), reason)),
        }
    }
    let full = module.full();
    let percent = Percent::of(points, full);
    let threshold = module.threshold.or(common_threshold);
    if let Some(e) = threshold.and_then(|t| in_range("เกณฑ์ผ่านโมดูล (%)", t, Kind::Percent).err()) {
        pending.push(("—".to_string(), format!("{e} — คำนวณไม่ได้")));
    }
    let pass = critical_failed.is_empty() && threshold.is_none_or(|t| percent.at_least(t));
    ModuleResult {
        module: module.id.clone(),
        name: module.name.clone(),
        points,
        full,
        percent,
        threshold,
        critical_failed,
        pending,
        pass,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn judged(id: &str, full: &str) -> PracticalItem {
        PracticalItem { id: id.into(), title: String::new(), full: d(full), kind: ItemKind::Judgement }
    }

    #[test]
    fn golden_seed_judgement_example() {
        assert_eq!(judgement_points(d("5"), &[2, 2, 3]).to_string(), "3.889");
        assert_eq!(judgement_points(d("5"), &[1, 1, 2]).to_string(), "2.222");
        let m = Module { paper: Default::default(), id: "1".into(), name: String::new(), threshold: None, items: vec![judged("1", "5"), judged("2", "5")] };
        let marks = BTreeMap::from([("1".into(), ItemMark::Judges(vec![2, 2, 3])), ("2".into(), ItemMark::Judges(vec![1, 1, 2]))]);
        let r = score_module(&m, &marks, None);
        assert_eq!(r.points.to_string(), "6.111");
        assert_eq!(r.full.to_string(), "10");
        assert!(r.is_final() && r.pass);
    }

    #[test]
    fn rounding_is_half_up_at_the_third_decimal() {
        // 1 × 1 / 8 = 0.125 exactly at 3 decimals; 1 × 5 / (4 × 3)... use A = 0.0005 × 3 × 3: C = 0.0015 → 0.002.
        assert_eq!(judgement_points(d("0.0015"), &[3, 3, 3]).to_string(), "0.002");
        assert_eq!(judgement_points(d("10"), &[1, 1, 1, 2]).to_string(), "4.167");
        assert_eq!(judgement_points(d("3"), &[0, 0, 0]).to_string(), "0.000");
    }

    #[test]
    fn spread_rule_blocks_the_item() {
        assert!(spread_ok(&[2, 2, 3]) && spread_ok(&[1, 1, 1]));
        assert!(!spread_ok(&[1, 3, 2]));
        let item = judged("1", "5");
        match mark_item(&item, Some(&ItemMark::Judges(vec![1, 3, 2]))) {
            ItemOutcome::Pending(r) => assert!(r.contains("ต่างกันเกิน 1 คะแนน"), "{r}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(mark_item(&item, Some(&ItemMark::Judges(vec![2, 2]))), ItemOutcome::Pending(_)));
        assert!(matches!(mark_item(&item, Some(&ItemMark::Judges(vec![2, 2, 4]))), ItemOutcome::Pending(_)));
        assert!(matches!(mark_item(&item, Some(&ItemMark::Done(true))), ItemOutcome::Pending(_)));
    }

    #[test]
    fn measurement_yes_no_and_critical() {
        let meas = PracticalItem {
            id: "1".into(),
            title: "ระยะ A–B".into(),
            full: d("5"),
            kind: ItemKind::Measurement { nominal: d("250"), tolerance: d("1") },
        };
        let pts = |m: &str| match mark_item(&meas, Some(&ItemMark::Measured(d(m)))) {
            ItemOutcome::Final { points, .. } => points.to_string(),
            p => panic!("{p:?}"),
        };
        // Seed: 250 ± 1 mm; 251 → 5, 148 (of 150) → 0.
        assert_eq!(pts("251"), "5");
        assert_eq!(pts("249"), "5");
        assert_eq!(pts("251.01"), "0");
        assert_eq!(pts("248"), "0");
        let crit = PracticalItem { id: "c".into(), title: String::new(), full: d("0"), kind: ItemKind::Critical };
        let m = Module { paper: Default::default(), id: "2".into(), name: String::new(), threshold: Some(d("70")), items: vec![meas.clone(), crit] };
        let marks = BTreeMap::from([("1".into(), ItemMark::Measured(d("250"))), ("c".into(), ItemMark::Done(false))]);
        let r = score_module(&m, &marks, None);
        assert_eq!((r.points.to_string(), r.pass, r.critical_failed.clone()), ("5".into(), false, vec!["c".to_string()]));
        let marks = BTreeMap::from([("1".into(), ItemMark::Measured(d("250"))), ("c".into(), ItemMark::Done(true))]);
        assert!(score_module(&m, &marks, None).pass);
        let r = score_module(&m, &BTreeMap::new(), None);
        assert_eq!(r.pending.len(), 2);
    }

    #[test]
    fn module_threshold_boundary() {
        let items: Vec<PracticalItem> = (1..=10)
            .map(|i| PracticalItem { id: i.to_string(), title: String::new(), full: d("1"), kind: ItemKind::YesNo })
            .collect();
        let m = Module { paper: Default::default(), id: "1".into(), name: String::new(), threshold: None, items };
        let marks = |n: usize| (1..=10).map(|i| (i.to_string(), ItemMark::Done(i <= n))).collect::<BTreeMap<_, _>>();
        assert!(score_module(&m, &marks(7), Some(d("70"))).pass);
        assert!(!score_module(&m, &marks(6), Some(d("70"))).pass);
        assert!(score_module(&m, &marks(0), None).pass, "no threshold, no critical item: passes");
    }

    /// Issue 12 point 10: a full mark of 79228162514264337593543950335 stored by the old release (or any number
    /// beyond its bounds) leaves the item pending with a reason; scoring never panics.
    #[test]
    fn numbers_beyond_bounds_are_pending_not_a_panic() {
        let huge = d("79228162514264337593543950335");
        let m = Module { paper: Default::default(),
            id: "1".into(),
            name: String::new(),
            threshold: Some(d("70")),
            items: vec![judged("1", "79228162514264337593543950335"), judged("2", "5")],
        };
        let marks = BTreeMap::from([("1".into(), ItemMark::Judges(vec![3, 3, 3])), ("2".into(), ItemMark::Judges(vec![3, 3, 3]))]);
        let r = score_module(&m, &marks, None);
        assert!(!r.is_final());
        assert_eq!(r.pending, [("1".to_string(), "คะแนนเต็ม: มากเกินไป (ไม่เกิน 10,000) — คำนวณไม่ได้".to_string())]);
        assert_eq!(r.full, d("5"));
        let meas = PracticalItem {
            id: "m".into(),
            title: String::new(),
            full: d("5"),
            kind: ItemKind::Measurement { nominal: -huge, tolerance: d("1") },
        };
        assert!(matches!(mark_item(&meas, Some(&ItemMark::Measured(huge))), ItemOutcome::Pending(_)));
        let ok = PracticalItem { kind: ItemKind::Measurement { nominal: d("1"), tolerance: d("1") }, ..meas };
        match mark_item(&ok, Some(&ItemMark::Measured(huge))) {
            ItemOutcome::Pending(why) => assert!(why.starts_with("ค่าที่วัดได้: มากเกินไป"), "{why}"),
            other => panic!("{other:?}"),
        }
        let t = Module { threshold: Some(huge), items: vec![judged("2", "5")], ..m };
        assert!(!score_module(&t, &marks, None).is_final());
        assert_eq!(judgement_points(huge, &[3, 3, 3]).to_string(), "0.000");
        assert_eq!(judgement_points(d("5"), &[]).to_string(), "0.000");
    }
}

