//! The handbook's interpretation rules, as data: the p and r bands, the combined verdict with its reasons, the
//! difficulty column of form (19), and the distractor advice (spec §7 "Bands", "Distractors").
//!
//! Every rule looks at the **displayed** value: p and r rounded to 2 decimals, half away from zero (so −0.125 shows
//! as −0.13, the mirror of 0.125 → 0.13). The seed's bands have gaps at the third decimal (0.19 | 0.20), so
//! classifying the unrounded value would put a displayed 0.20 in "ยากมาก". Values are kept as whole hundredths
//! ([`Hundredths`]), computed from the exact counts with integer arithmetic — no floating point.

use serde::{Serialize, Serializer};
use std::fmt;

/// A value shown with 2 decimals, held as whole hundredths (`33` is 0.33, `-100` is −1.00).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hundredths(pub i32);

impl Hundredths {
    /// `num / den` rounded to hundredths, half away from zero, exactly. `den` must be positive.
    pub fn ratio(num: i64, den: i64) -> Hundredths {
        assert!(den > 0, "ratio with a positive denominator");
        let n = i128::from(num).abs() * 100;
        let d = i128::from(den);
        let q = ((2 * n + d) / (2 * d)) as i32;
        Hundredths(if num < 0 { -q } else { q })
    }
}

impl fmt::Display for Hundredths {
    /// `0.33`, `-1.00`, `0.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

impl Serialize for Hundredths {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A band table: inclusive ranges of hundredths, the band, its Thai label.
type Bands<T> = [(i32, i32, T, &'static str)];

/// The band whose range holds the displayed value.
fn band_of<T: Copy>(bands: &Bands<T>, v: Hundredths) -> Option<T> {
    bands.iter().find(|(lo, hi, _, _)| (*lo..=*hi).contains(&v.0)).map(|b| b.2)
}

/// The Thai label of a band.
fn band_label<T: PartialEq>(bands: &Bands<T>, band: T) -> &'static str {
    bands.iter().find(|b| b.2 == band).map(|b| b.3).expect("every band is listed")
}

/// Difficulty band of p (ความยากง่าย).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Difficulty {
    VeryHard,
    FairlyHard,
    Moderate,
    FairlyEasy,
    VeryEasy,
}

/// The p bands, in hundredths, inclusive (seed "การแปลความหมายของค่า p อาจแบ่งเป็น 5 ช่วง").
pub const DIFFICULTY_BANDS: [(i32, i32, Difficulty, &str); 5] = [
    (0, 19, Difficulty::VeryHard, "ยากมาก"),
    (20, 39, Difficulty::FairlyHard, "ค่อนข้างยาก"),
    (40, 60, Difficulty::Moderate, "ยากง่ายปานกลาง"),
    (61, 80, Difficulty::FairlyEasy, "ค่อนข้างง่าย"),
    (81, 100, Difficulty::VeryEasy, "ง่ายมาก"),
];

impl Difficulty {
    /// The band of a displayed p (0.00–1.00).
    pub fn of(p: Hundredths) -> Difficulty {
        band_of(&DIFFICULTY_BANDS, p).expect("p is between 0.00 and 1.00")
    }

    pub fn thai(self) -> &'static str {
        band_label(&DIFFICULTY_BANDS, self)
    }
}

/// Discrimination band of r (อำนาจจำแนก).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Discrimination {
    Discriminates,
    DoesNotDiscriminate,
    Reversed,
}

/// The r bands, in hundredths, inclusive (seed "กำรแปลควำมหมำยค่ำ r").
pub const DISCRIMINATION_BANDS: [(i32, i32, Discrimination, &str); 3] = [
    (20, 100, Discrimination::Discriminates, "จำแนกได้"),
    (-19, 19, Discrimination::DoesNotDiscriminate, "จำแนกไม่ได้"),
    (-100, -20, Discrimination::Reversed, "จำแนกกลับ"),
];

impl Discrimination {
    /// The band of a displayed r (−1.00–1.00).
    pub fn of(r: Hundredths) -> Discrimination {
        band_of(&DISCRIMINATION_BANDS, r).expect("r is between -1.00 and 1.00")
    }

    pub fn thai(self) -> &'static str {
        band_label(&DISCRIMINATION_BANDS, self)
    }
}

/// The lowest and highest p of a good item, in hundredths (0.20 ≤ p ≤ 0.80).
pub const GOOD_P: (i32, i32) = (20, 80);
/// The lowest r of a good item, in hundredths (r ≥ 0.20).
pub const GOOD_R: i32 = 20;

/// The combined verdict (คุณภาพข้อสอบ).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Good,
    NeedsRevision,
}

impl Verdict {
    pub fn thai(self) -> &'static str {
        match self {
            Verdict::Good => "เป็นข้อสอบที่ดี",
            Verdict::NeedsRevision => "ควรปรับปรุง",
        }
    }
}

/// A reason given with the verdict (เหตุผล). A good item gets [`Reason::RightDifficulty`] and
/// [`Reason::Discriminates`] ("ยากง่ายพอเหมาะและจำแนกได้"); an item to revise gets every failing reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    TooHard,
    TooEasy,
    DoesNotDiscriminate,
    Reversed,
    RightDifficulty,
    Discriminates,
}

impl Reason {
    pub fn thai(self) -> &'static str {
        match self {
            Reason::TooHard => "ยากเกินไป",
            Reason::TooEasy => "ง่ายเกินไป",
            Reason::DoesNotDiscriminate => "จำแนกไม่ได้",
            Reason::Reversed => "จำแนกกลับ",
            Reason::RightDifficulty => "ยากง่ายพอเหมาะ",
            Reason::Discriminates => "จำแนกได้",
        }
    }

    /// The reasons as the seed writes them: joined with "และ".
    pub fn join_thai(reasons: &[Reason]) -> String {
        reasons.iter().map(|r| r.thai()).collect::<Vec<_>>().join("และ")
    }
}

/// The verdict of an item from its displayed p and r, with its reasons.
pub fn verdict(p: Hundredths, r: Hundredths) -> (Verdict, Vec<Reason>) {
    let mut reasons = Vec::new();
    if p.0 < GOOD_P.0 {
        reasons.push(Reason::TooHard);
    }
    if p.0 > GOOD_P.1 {
        reasons.push(Reason::TooEasy);
    }
    match Discrimination::of(r) {
        Discrimination::DoesNotDiscriminate => reasons.push(Reason::DoesNotDiscriminate),
        Discrimination::Reversed => reasons.push(Reason::Reversed),
        Discrimination::Discriminates => {}
    }
    debug_assert_eq!(reasons.is_empty(), (GOOD_P.0..=GOOD_P.1).contains(&p.0) && r.0 >= GOOD_R);
    if reasons.is_empty() {
        (Verdict::Good, vec![Reason::RightDifficulty, Reason::Discriminates])
    } else {
        (Verdict::NeedsRevision, reasons)
    }
}

/// The difficulty column of form (19) ("ความยากง่าย": ข้อสอบที่ดี / ควรปรับให้ยาก / ควรปรับให้ง่าย).
pub fn difficulty_quality(p: Hundredths) -> &'static str {
    if p.0 < GOOD_P.0 {
        "ควรปรับให้ง่าย"
    } else if p.0 > GOOD_P.1 {
        "ควรปรับให้ยาก"
    } else {
        "ข้อสอบที่ดี"
    }
}

/// The colour flag of an item's r, as CITAS shows it: negative red, 0.00–0.19 yellow, else none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RFlag {
    Negative,
    Low,
    Fine,
}

impl RFlag {
    pub fn of(r: Hundredths) -> RFlag {
        match r.0 {
            i32::MIN..=-1 => RFlag::Negative,
            0..=KEY_FLAG_R => RFlag::Low,
            _ => RFlag::Fine,
        }
    }

    /// The CSS class of the table cell (empty for none).
    pub fn class(self) -> &'static str {
        match self {
            RFlag::Negative => "n r-neg",
            RFlag::Low => "n r-low",
            RFlag::Fine => "n",
        }
    }

    /// What the colour means (for the table's key and screen readers).
    pub fn thai(self) -> &'static str {
        match self {
            RFlag::Negative => "r ติดลบ: กลุ่มต่ำตอบถูกมากกว่ากลุ่มสูง",
            RFlag::Low => "r 0.00–0.19: จำแนกได้น้อย",
            RFlag::Fine => "",
        }
    }
}

/// The highest r of a key that is flagged (the key with r ≤ 0.19 does not discriminate).
pub const KEY_FLAG_R: i32 = 19;

/// Advice on one option (ตัวเลือก) of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Advice {
    /// A wrong option nobody in the groups chose (displayed p 0.00): it lures nobody — replace it.
    Replace,
    /// A wrong option with r > 0: it lures the strong more than the weak — revise it.
    Revise,
    /// The key with r ≤ 0.19: the item does not separate strong from weak — check the question and the key.
    Flag,
}

impl Advice {
    /// The command line's word: `replace`, `revise`, `flag`.
    pub fn code(self) -> &'static str {
        match self {
            Advice::Replace => "replace",
            Advice::Revise => "revise",
            Advice::Flag => "flag",
        }
    }

    pub fn thai(self) -> &'static str {
        match self {
            Advice::Replace => "ไม่มีผู้เลือก ลวงไม่ได้ — ตัดทิ้งแล้วสร้างตัวลวงใหม่",
            Advice::Revise => "ลวงคนเก่งมากกว่าคนอ่อน — ปรับปรุงให้ลวงคนอ่อน",
            Advice::Flag => "ตัวถูกจำแนกไม่ได้ — ตรวจคำถามและเฉลย",
        }
    }
}

/// Advice on an option from its displayed p and r. A wrong option with p 0.00 is replaced (checked first: it lures
/// nobody, whatever its r); the key is flagged when r ≤ 0.19; an option that needs nothing gets `None`.
pub fn advice(is_key: bool, p: Hundredths, r: Hundredths) -> Option<Advice> {
    if is_key {
        (r.0 <= KEY_FLAG_R).then_some(Advice::Flag)
    } else if p.0 == 0 {
        Some(Advice::Replace)
    } else if r.0 > 0 {
        Some(Advice::Revise)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_rounds_half_away_from_zero_exactly() {
        assert_eq!(Hundredths::ratio(20, 60), Hundredths(33));
        assert_eq!(Hundredths::ratio(4, 30), Hundredths(13));
        assert_eq!(Hundredths::ratio(1, 8), Hundredths(13)); // 0.125
        assert_eq!(Hundredths::ratio(-1, 8), Hundredths(-13));
        assert_eq!(Hundredths::ratio(1, 200), Hundredths(1)); // 0.005
        assert_eq!(Hundredths::ratio(199, 1000), Hundredths(20)); // 0.199 shows 0.20
        assert_eq!(Hundredths::ratio(1949, 10000), Hundredths(19));
        assert_eq!(Hundredths::ratio(0, 7), Hundredths(0));
        assert_eq!(Hundredths::ratio(7, 7), Hundredths(100));
        assert_eq!(Hundredths::ratio(-21, 21), Hundredths(-100));
    }

    #[test]
    fn display_has_two_decimals() {
        assert_eq!(Hundredths(33).to_string(), "0.33");
        assert_eq!(Hundredths(-100).to_string(), "-1.00");
        assert_eq!(Hundredths(-4).to_string(), "-0.04");
        assert_eq!(Hundredths(0).to_string(), "0.00");
        assert_eq!(serde_json::to_string(&Hundredths(5)).unwrap(), "\"0.05\"");
    }

    #[test]
    fn bands_cover_every_displayed_value_at_their_edges() {
        let d = |h| Difficulty::of(Hundredths(h)).thai();
        assert_eq!(
            [d(0), d(19), d(20), d(39), d(40), d(60), d(61), d(80), d(81), d(100)],
            [
                "ยากมาก",
                "ยากมาก",
                "ค่อนข้างยาก",
                "ค่อนข้างยาก",
                "ยากง่ายปานกลาง",
                "ยากง่ายปานกลาง",
                "ค่อนข้างง่าย",
                "ค่อนข้างง่าย",
                "ง่ายมาก",
                "ง่ายมาก"
            ]
        );
        let r = |h| Discrimination::of(Hundredths(h));
        assert_eq!(r(100), Discrimination::Discriminates);
        assert_eq!(r(20), Discrimination::Discriminates);
        assert_eq!(r(19), Discrimination::DoesNotDiscriminate);
        assert_eq!(r(-19), Discrimination::DoesNotDiscriminate);
        assert_eq!(r(-20), Discrimination::Reversed);
        assert_eq!(r(-100), Discrimination::Reversed);
        for h in -100..=100 {
            Discrimination::of(Hundredths(h));
            if h >= 0 {
                Difficulty::of(Hundredths(h));
            }
        }
    }

    #[test]
    fn verdict_edges() {
        assert_eq!(verdict(Hundredths(20), Hundredths(20)).0, Verdict::Good);
        assert_eq!(verdict(Hundredths(80), Hundredths(100)).0, Verdict::Good);
        assert_eq!(verdict(Hundredths(19), Hundredths(20)).1, vec![Reason::TooHard]);
        assert_eq!(verdict(Hundredths(81), Hundredths(19)).1, vec![Reason::TooEasy, Reason::DoesNotDiscriminate]);
        assert_eq!(verdict(Hundredths(0), Hundredths(-20)).1, vec![Reason::TooHard, Reason::Reversed]);
        assert_eq!(Reason::join_thai(&verdict(Hundredths(50), Hundredths(50)).1), "ยากง่ายพอเหมาะและจำแนกได้");
    }

    #[test]
    fn difficulty_quality_edges() {
        assert_eq!(difficulty_quality(Hundredths(19)), "ควรปรับให้ง่าย");
        assert_eq!(difficulty_quality(Hundredths(20)), "ข้อสอบที่ดี");
        assert_eq!(difficulty_quality(Hundredths(80)), "ข้อสอบที่ดี");
        assert_eq!(difficulty_quality(Hundredths(81)), "ควรปรับให้ยาก");
    }

    #[test]
    fn advice_edges() {
        assert_eq!(advice(true, Hundredths(50), Hundredths(19)), Some(Advice::Flag));
        assert_eq!(advice(true, Hundredths(50), Hundredths(20)), None);
        assert_eq!(advice(false, Hundredths(0), Hundredths(1)), Some(Advice::Replace));
        assert_eq!(advice(false, Hundredths(1), Hundredths(1)), Some(Advice::Revise));
        assert_eq!(advice(false, Hundredths(1), Hundredths(0)), None);
        assert_eq!(advice(false, Hundredths(10), Hundredths(-14)), None);
    }

    #[test]
    fn r_colour_flags_at_their_boundaries() {
        assert_eq!(RFlag::of(Hundredths(-1)), RFlag::Negative);
        assert_eq!(RFlag::of(Hundredths(-100)), RFlag::Negative);
        assert_eq!(RFlag::of(Hundredths(0)), RFlag::Low);
        assert_eq!(RFlag::of(Hundredths(19)), RFlag::Low);
        assert_eq!(RFlag::of(Hundredths(20)), RFlag::Fine);
        assert_eq!(RFlag::of(Hundredths(20)).class(), "n");
    }
}
