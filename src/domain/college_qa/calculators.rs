//! Items that can be decided from numbers (spec section "Items that can be computed from numbers"): the user types
//! the counts, the calculator decides the item, shows the arithmetic in Thai and says how far it is from the
//! threshold ("ต้องการข้อมูลตอบกลับอีก 12 ราย"). Ticking by hand stays possible; `assess` chooses per item.
//!
//! The thresholds are a static data table ([`CALCS`]); the input fields are per indicator and shared by its items
//! ([`fields`]). Comparisons are exact decimals ("ไม่น้อยกว่า" = ≥); displayed percents are truncated to 2 decimals;
//! gaps are the exact smallest amount still needed (whole people, or baht to the satang for 2.4).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::rules::div_trunc2;
use crate::domain::numbers::{check, Kind};
use super::text::{exceeds_warning, negative_warning, not_whole_warning, number, two_decimals, zero_total};

/// One number the user types for an indicator's calculators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Field {
    /// Key in `IndicatorInput::counts`.
    pub key: &'static str,
    /// Thai label shown next to the input.
    pub label: &'static str,
    /// Thai unit (คน, ราย, บาท …), or [`YES_NO_UNIT`] for a yes/no question typed as 1/0.
    pub unit: &'static str,
    /// Must be a whole number (people, activities); false for baht amounts.
    pub whole: bool,
}

/// The unit of the yes/no fields (2.5 item 4): the value is 1 for yes, 0 for no.
pub const YES_NO_UNIT: &str = "มี = 1 / ไม่มี = 0";

impl Field {
    /// True for a yes/no question (value 0 or 1).
    pub fn is_yes_no(&self) -> bool {
        self.unit == YES_NO_UNIT
    }
}

/// What a calculator says about one item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CalcOutcome {
    /// `None` when a needed number is missing or invalid, or the rule cannot be computed (a total of 0).
    pub met: Option<bool>,
    /// The arithmetic, e.g. "180 ÷ 240 × 100 = 75.00 % (เกณฑ์ ≥ 75 %)".
    pub working: String,
    /// How far from the threshold when not met, e.g. "ต้องการข้อมูลตอบกลับอีก 12 ราย"; `None` when met or unknown.
    pub gap: Option<String>,
    /// Problems with the numbers (negative, not whole, larger than the total …).
    pub warnings: Vec<String>,
}

/// The threshold an item's calculator checks.
#[derive(Clone, Copy, Debug)]
enum Check {
    /// Sum of `num` × 100 ≥ `pct` × `den`.
    Percent { num: &'static [&'static str], den: &'static str, pct: u32 },
    /// One `num` per at most `per` of `den`: `num` × `per` ≥ `den` (2.6 items 2 and 4).
    PerHead { num: &'static str, den: &'static str, per: u32 },
    /// `num` ≥ `min`.
    AtLeast { num: &'static str, min: u32 },
    /// At least `min` of the yes/no fields `keys` are 1 (2.5 item 4).
    YesCount { keys: &'static [&'static str], min: u32 },
    /// 3.3 item 1: `num` ≥ 20 % of `den`, or `num` ≥ 1 when `den` < 5.
    DualSystem { num: &'static str, den: &'static str },
    /// 3.4: `activities` ≥ `min` and `joined` = `total` (every student joined at least one).
    Activities { activities: &'static str, joined: &'static str, total: &'static str, min: u32 },
}

impl Check {
    /// The field keys this check reads.
    fn keys(&self) -> Vec<&'static str> {
        match *self {
            Check::Percent { num, den, .. } => num.iter().copied().chain([den]).collect(),
            Check::PerHead { num, den, .. } | Check::DualSystem { num, den } => vec![num, den],
            Check::AtLeast { num, .. } => vec![num],
            Check::YesCount { keys, .. } => keys.to_vec(),
            Check::Activities { activities, joined, total, .. } => vec![activities, joined, total],
        }
    }
}

/// One item's calculator.
#[derive(Clone, Copy, Debug)]
struct Calc {
    indicator: &'static str,
    item: u8,
    /// What the gap asks for more of, e.g. "ข้อมูลตอบกลับ".
    noun: &'static str,
    check: Check,
}

const fn f(key: &'static str, label: &'static str, unit: &'static str) -> Field {
    Field { key, label, unit, whole: true }
}

const fn baht(key: &'static str, label: &'static str) -> Field {
    Field { key, label, unit: "บาท", whole: false }
}

const fn yes_no(key: &'static str, label: &'static str) -> Field {
    Field { key, label, unit: YES_NO_UNIT, whole: true }
}

static FIELDS_1_1: [Field; 8] = [
    f("graduates", "จำนวนผู้สำเร็จการศึกษา", "คน"),
    f("employed", "ผู้ได้งานทำในสาขาที่เกี่ยวข้องภายในหนึ่งปี", "คน"),
    f("further_study", "ผู้ศึกษาต่อ", "คน"),
    f("self_employed", "ผู้ประกอบอาชีพอิสระในสาขาที่เกี่ยวข้องภายในหนึ่งปี", "คน"),
    f("replies", "จำนวนข้อมูลตอบกลับจากการสำรวจความพึงพอใจ", "ราย"),
    f("replies_attributes", "ข้อมูลตอบกลับที่ด้านคุณลักษณะที่พึงประสงค์เฉลี่ย 3.51–5.00", "ราย"),
    f("replies_core", "ข้อมูลตอบกลับที่ด้านสมรรถนะหลักและสมรรถนะทั่วไปเฉลี่ย 3.51–5.00", "ราย"),
    f("replies_vocational", "ข้อมูลตอบกลับที่ด้านสมรรถนะวิชาชีพเฉลี่ย 3.51–5.00", "ราย"),
];

static FIELDS_2_3: [Field; 4] = [
    f("teachers", "จำนวนครูทั้งหมด", "คน"),
    f("teachers_trained", "ครูที่ได้รับการพัฒนาตรงหรือสัมพันธ์กับรายวิชาที่สอนไม่น้อยกว่า 10 ชั่วโมงในปีนี้", "คน"),
    f("staff", "จำนวนครูและบุคลากรทางการศึกษาทั้งหมด", "คน"),
    f("staff_honoured", "ครูและบุคลากรทางการศึกษาที่ได้รับการประกาศเกียรติคุณจากหน่วยงานหรือองค์กรภายนอก", "คน"),
];

static FIELDS_2_4: [Field; 5] = [
    baht("operating_budget", "งบดำเนินการ"),
    baht("materials", "รายจ่ายค่าวัสดุฝึก อุปกรณ์และสื่อสำหรับการเรียนการสอน"),
    baht("community", "รายจ่ายส่งเสริมให้ผู้เรียนบริการวิชาการวิชาชีพหรือทำประโยชน์ต่อชุมชน สังคม"),
    baht("contests", "รายจ่ายส่งเสริมการประกวด การแสดง ทักษะวิชาชีพ นวัตกรรม สิ่งประดิษฐ์ งานสร้างสรรค์ของผู้เรียน"),
    baht(
        "activities",
        "รายจ่ายกิจกรรมด้านรักษาชาติ เทิดทูนพระมหากษัตริย์ ประชาธิปไตย ศาสนา ศิลปะ วัฒนธรรม สิ่งแวดล้อม กีฬาและนันทนาการ \
         และเศรษฐกิจพอเพียง",
    ),
];

static FIELDS_2_5: [Field; 5] = [
    yes_no("db_intrusion", "(1) มีระบบป้องกันผู้บุกรุกระบบฐานข้อมูลจากภายในและภายนอก"),
    yes_no("db_access", "(2) มีการกำหนดสิทธิการเข้าถึงระบบฐานข้อมูลอย่างชัดเจน"),
    yes_no("db_antivirus", "(3) มีการติดตั้งโปรแกรม Anti Virus เพื่อป้องกันไวรัสและกำจัดไวรัสในเครื่องลูกข่าย"),
    yes_no("db_current", "(4) มีฐานข้อมูลการ Update เป็นปัจจุบัน"),
    yes_no("db_backup", "(5) มีการสำรองฐานข้อมูลอย่างสม่ำเสมอ"),
];

static FIELDS_2_6: [Field; 4] = [
    f("students", "จำนวนผู้เรียนทั้งหมด", "คน"),
    f("partners", "บุคคล ชุมชน สถานประกอบการ หน่วยงานที่ร่วมมือจัดการศึกษา (ทวิภาคี ฝึกประสบการณ์ หรือศึกษาดูงาน)", "แห่ง"),
    f("scholarships", "ทุนการศึกษาที่ผู้เรียนได้รับจากบุคคลหรือหน่วยงานภายนอก", "ทุน"),
    f("donations", "รายการที่ได้รับบริจาค (เงิน วัสดุอุปกรณ์ ครุภัณฑ์ หรือสิ่งอื่นๆ)", "รายการ"),
];

static FIELDS_3_3: [Field; 8] = [
    f("programmes", "จำนวนสาขางานที่จัดการเรียนการสอน", "สาขางาน"),
    f("dual_programmes", "สาขางานที่จัดการศึกษาระบบทวิภาคี", "สาขางาน"),
    f("projects", "จำนวนโครงการพัฒนาทักษะวิชาชีพทั้งหมด", "โครงการ"),
    f("projects_usable", "โครงการที่ผลงานนำไปใช้ประโยชน์ได้", "โครงการ"),
    f("registered", "ผู้เรียนที่ลงทะเบียนเรียนครบทุกรายวิชาตามโครงสร้างหลักสูตร", "คน"),
    f("passed_first", "ผู้เรียนที่ผ่านการประเมินมาตรฐานวิชาชีพจากการประเมินครั้งแรก", "คน"),
    f("students", "จำนวนผู้เรียนทั้งหมด", "คน"),
    f("students_awarded", "ผู้เรียนที่ได้รับรางวัลหรือประกาศเกียรติคุณจากภายนอก", "คน"),
];

static FIELDS_3_4: [Field; 11] = [
    f("students", "จำนวนผู้เรียนทั้งหมด", "คน"),
    f("nation_activities", "กิจกรรมด้านรักษาชาติ เทิดทูนพระมหากษัตริย์ ประชาธิปไตย ศาสนา ศิลปะ วัฒนธรรม", "กิจกรรม"),
    f("nation_joined", "ผู้เรียนที่เข้าร่วมกิจกรรมด้านรักษาชาติฯ อย่างน้อย 1 กิจกรรม", "คน"),
    f("environment_activities", "กิจกรรมด้านการอนุรักษ์สิ่งแวดล้อม", "กิจกรรม"),
    f("environment_joined", "ผู้เรียนที่เข้าร่วมกิจกรรมด้านการอนุรักษ์สิ่งแวดล้อมอย่างน้อย 1 กิจกรรม", "คน"),
    f("sport_activities", "กิจกรรมด้านการกีฬาและนันทนาการ", "กิจกรรม"),
    f("sport_joined", "ผู้เรียนที่เข้าร่วมกิจกรรมด้านการกีฬาและนันทนาการอย่างน้อย 1 กิจกรรม", "คน"),
    f("sufficiency_activities", "กิจกรรมด้านการดำรงตนตามปรัชญาของเศรษฐกิจพอเพียง", "กิจกรรม"),
    f("sufficiency_joined", "ผู้เรียนที่เข้าร่วมกิจกรรมด้านเศรษฐกิจพอเพียงอย่างน้อย 1 กิจกรรม", "คน"),
    f("service_activities", "กิจกรรมบริการวิชาการ วิชาชีพ หรือทำประโยชน์ต่อชุมชน สังคม โดยกระบวนการกลุ่ม", "กิจกรรม"),
    f("service_joined", "ผู้เรียนที่เข้าร่วมกิจกรรมบริการวิชาการ วิชาชีพ หรือทำประโยชน์ต่อชุมชนอย่างน้อย 1 กิจกรรม", "คน"),
];

const fn pct(
    indicator: &'static str,
    item: u8,
    noun: &'static str,
    num: &'static [&'static str],
    den: &'static str,
    pct: u32,
) -> Calc {
    Calc { indicator, item, noun, check: Check::Percent { num, den, pct } }
}

const fn activities(item: u8, activities: &'static str, joined: &'static str) -> Calc {
    Calc {
        indicator: "3.4",
        item,
        noun: "กิจกรรม",
        check: Check::Activities { activities, joined, total: "students", min: 5 },
    }
}

const REPLIES_GOOD: &str = "ข้อมูลตอบกลับที่มีผลเฉลี่ย 3.51 ขึ้นไป";

/// Every calculator: indicator, item, threshold.
static CALCS: [Calc; 24] = [
    pct(
        "1.1",
        1,
        "ผู้ได้งานทำ ศึกษาต่อ หรือประกอบอาชีพอิสระ",
        &["employed", "further_study", "self_employed"],
        "graduates",
        75,
    ),
    pct("1.1", 2, "ข้อมูลตอบกลับ", &["replies"], "graduates", 75),
    pct("1.1", 3, REPLIES_GOOD, &["replies_attributes"], "replies", 80),
    pct("1.1", 4, REPLIES_GOOD, &["replies_core"], "replies", 80),
    pct("1.1", 5, REPLIES_GOOD, &["replies_vocational"], "replies", 80),
    pct("2.3", 3, "ครูที่ได้รับการพัฒนาไม่น้อยกว่า 10 ชั่วโมง", &["teachers_trained"], "teachers", 75),
    pct("2.3", 5, "ครูและบุคลากรที่ได้รับการประกาศเกียรติคุณ", &["staff_honoured"], "staff", 5),
    pct("2.4", 2, "รายจ่ายค่าวัสดุฝึก อุปกรณ์และสื่อ", &["materials"], "operating_budget", 20),
    pct("2.4", 3, "รายจ่ายบริการวิชาการวิชาชีพและทำประโยชน์ต่อชุมชน", &["community"], "operating_budget", 1),
    pct("2.4", 4, "รายจ่ายส่งเสริมการประกวด ทักษะวิชาชีพและนวัตกรรม", &["contests"], "operating_budget", 5),
    pct(
        "2.4",
        5,
        "รายจ่ายกิจกรรมด้านชาติ ศาสนา พระมหากษัตริย์ สิ่งแวดล้อม กีฬา และเศรษฐกิจพอเพียง",
        &["activities"],
        "operating_budget",
        5,
    ),
    Calc {
        indicator: "2.5",
        item: 4,
        noun: "การจัดการฐานข้อมูล",
        check: Check::YesCount {
            keys: &["db_intrusion", "db_access", "db_antivirus", "db_current", "db_backup"],
            min: 4,
        },
    },
    Calc {
        indicator: "2.6",
        item: 2,
        noun: "หน่วยงานที่ร่วมมือ",
        check: Check::PerHead { num: "partners", den: "students", per: 40 },
    },
    Calc {
        indicator: "2.6",
        item: 4,
        noun: "ทุนการศึกษา",
        check: Check::PerHead { num: "scholarships", den: "students", per: 100 },
    },
    Calc {
        indicator: "2.6", item: 5, noun: "รายการบริจาค", check: Check::AtLeast { num: "donations", min: 5 }
    },
    Calc {
        indicator: "3.3",
        item: 1,
        noun: "สาขางานระบบทวิภาคี",
        check: Check::DualSystem { num: "dual_programmes", den: "programmes" },
    },
    pct("3.3", 3, "โครงการที่นำไปใช้ประโยชน์ได้", &["projects_usable"], "projects", 80),
    pct("3.3", 4, "ผู้เรียนที่ผ่านการประเมินมาตรฐานวิชาชีพครั้งแรก", &["passed_first"], "registered", 80),
    pct("3.3", 5, "ผู้เรียนที่ได้รับรางวัล", &["students_awarded"], "students", 5),
    activities(1, "nation_activities", "nation_joined"),
    activities(2, "environment_activities", "environment_joined"),
    activities(3, "sport_activities", "sport_joined"),
    activities(4, "sufficiency_activities", "sufficiency_joined"),
    activities(5, "service_activities", "service_joined"),
];

/// The fields typed for an indicator's calculators, shared by its items; empty when it has none.
pub fn fields(indicator: &str) -> &'static [Field] {
    match indicator {
        "1.1" => &FIELDS_1_1,
        "2.3" => &FIELDS_2_3,
        "2.4" => &FIELDS_2_4,
        "2.5" => &FIELDS_2_5,
        "2.6" => &FIELDS_2_6,
        "3.3" => &FIELDS_3_3,
        "3.4" => &FIELDS_3_4,
        _ => &[],
    }
}

fn calc(indicator: &str, item: u8) -> Option<&'static Calc> {
    CALCS.iter().find(|c| c.indicator == indicator && c.item == item)
}

/// True when the item can be decided from numbers.
pub fn has_calculator(indicator: &str, item: u8) -> bool {
    calc(indicator, item).is_some()
}

/// The fields one item's calculator reads (a subset of [`fields`]), in the order of [`fields`].
pub fn item_fields(indicator: &str, item: u8) -> Vec<&'static Field> {
    match calc(indicator, item) {
        Some(c) => {
            let keys = c.check.keys();
            fields(indicator).iter().filter(|f| keys.contains(&f.key)).collect()
        }
        None => Vec::new(),
    }
}

/// Decides one item from the typed counts. `None` when the item has no calculator.
///
/// Missing numbers give `met: None` with the missing labels in `working`; negative numbers, fractions in whole
/// fields, yes/no values other than 0/1 and numbers beyond their bounds ([`crate::domain::numbers::BOUNDS`], so the
/// arithmetic below cannot overflow) give `met: None` and a warning naming the field; a total of 0 cannot be
/// computed. Numbers larger than their total are accepted with a warning.
pub fn evaluate(indicator: &str, item: u8, counts: &BTreeMap<String, Decimal>) -> Option<CalcOutcome> {
    let c = calc(indicator, item)?;
    let ctx = Ctx { indicator, counts };
    let keys = c.check.keys();
    let warnings: Vec<String> = keys.iter().filter_map(|k| ctx.invalid(k)).collect();
    if !warnings.is_empty() {
        return Some(CalcOutcome {
            met: None, working: "คำนวณไม่ได้: ตัวเลขไม่ถูกต้อง".to_string(), gap: None, warnings
        });
    }
    let missing: Vec<&str> = keys.iter().filter(|k| ctx.get(k).is_none()).map(|k| ctx.field(k).label).collect();
    let partial_ok = matches!(c.check, Check::YesCount { .. }) && missing.len() < keys.len();
    if !missing.is_empty() && !partial_ok {
        return Some(unknown(format!("ยังไม่ได้กรอก: {}", missing.join(", "))));
    }
    let v = |k: &str| ctx.get(k).unwrap_or(Decimal::ZERO);
    Some(match c.check {
        Check::Percent { num, den, pct } => percent_check(&ctx, c.noun, num, den, pct),
        Check::PerHead { num, den, per } => per_head(&ctx, c.noun, num, den, per),
        Check::AtLeast { num, min } => {
            let (n, min, unit) = (v(num), Decimal::from(min), ctx.field(num).unit);
            let working = format!("{} {unit} (เกณฑ์ ≥ {} {unit})", number(n), number(min));
            decided(n >= min, working, || format!("ต้องการ{}อีก {} {unit}", c.noun, number(min - n)), Vec::new())
        }
        Check::YesCount { keys, min } => yes_count(&ctx, c.noun, keys, min),
        Check::DualSystem { num, den } => {
            let (n, d) = (v(num), v(den));
            if d.is_zero() || d >= Decimal::from(5) {
                percent_check(&ctx, c.noun, &[num], den, 20)
            } else {
                let unit = ctx.field(den).unit;
                let working =
                    format!("{} {unit} (ไม่ถึง 5 สาขางาน) → ต้องจัดระบบทวิภาคีอย่างน้อย 1 {unit} (มี {})", number(d), number(n));
                let warnings = exceeds(&ctx, num, n, den, d).into_iter().collect();
                decided(n >= Decimal::ONE, working, || format!("ต้องการ{}อีก 1 {unit}", c.noun), warnings)
            }
        }
        Check::Activities { activities, joined, total, min } => {
            let (a, j, t, min) = (v(activities), v(joined), v(total), Decimal::from(min));
            if t.is_zero() {
                return Some(unknown(zero_total(ctx.field(total).label)));
            }
            let working = format!(
                "จัด {} กิจกรรม (เกณฑ์ ≥ {}) · ผู้เรียนเข้าร่วม {} จาก {} คน (เกณฑ์ ทุกคน)",
                number(a),
                number(min),
                number(j),
                number(t)
            );
            let warnings = exceeds(&ctx, joined, j, total, t).into_iter().collect();
            let gap = || {
                let mut parts = Vec::new();
                if a < min {
                    parts.push(format!("ต้องจัดกิจกรรมเพิ่มอีก {} กิจกรรม", number(min - a)));
                }
                if j < t {
                    parts.push(format!("ต้องให้ผู้เรียนเข้าร่วมอีก {} คน", number(t - j)));
                }
                parts.join(" และ ")
            };
            decided(a >= min && j >= t, working, gap, warnings)
        }
    })
}

/// Read access to one indicator's typed counts.
struct Ctx<'a> {
    indicator: &'a str,
    counts: &'a BTreeMap<String, Decimal>,
}

impl Ctx<'_> {
    fn get(&self, key: &str) -> Option<Decimal> {
        self.counts.get(key).copied()
    }

    /// The field definition; a key missing from the table (a bug caught by tests) falls back to the key itself.
    fn field(&self, key: &str) -> Field {
        fields(self.indicator).iter().find(|f| f.key == key).copied().unwrap_or(Field {
            key: "",
            label: "",
            unit: "",
            whole: true,
        })
    }

    /// A warning naming the field when its value is invalid.
    fn invalid(&self, key: &str) -> Option<String> {
        let v = self.get(key)?;
        let f = self.field(key);
        if v < Decimal::ZERO {
            Some(negative_warning(f.label, v))
        } else if f.is_yes_no() && v != Decimal::ZERO && v != Decimal::ONE {
            Some(format!("{}: ต้องเป็น 1 (มี) หรือ 0 (ไม่มี) (กรอก {})", f.label, number(v)))
        } else if f.whole && !v.is_integer() {
            Some(not_whole_warning(f.label, v))
        } else {
            // Too large (a stored value from before the bounds, or a file): named, never computed on.
            let kind = if f.whole { Kind::Whole } else { Kind::Amount };
            check(f.label, v, kind).err().map(|e| format!("{e} (กรอก {})", number(v)))
        }
    }

    /// A value for display: whole fields as typed, baht with 2 decimals.
    fn show(&self, key: &str, v: Decimal) -> String {
        if self.field(key).whole {
            number(v)
        } else {
            two_decimals(v)
        }
    }
}

fn unknown(working: String) -> CalcOutcome {
    CalcOutcome { met: None, working, gap: None, warnings: Vec::new() }
}

fn decided(met: bool, working: String, gap: impl FnOnce() -> String, warnings: Vec<String>) -> CalcOutcome {
    CalcOutcome { met: Some(met), working, gap: if met { None } else { Some(gap()) }, warnings }
}

/// The warning for a part larger than its total.
fn exceeds(ctx: &Ctx, part_key: &str, part: Decimal, total_key: &str, total: Decimal) -> Option<String> {
    (part > total).then(|| {
        exceeds_warning(
            ctx.field(part_key).label,
            &ctx.show(part_key, part),
            ctx.field(total_key).label,
            &ctx.show(total_key, total),
        )
    })
}

/// Sum of `num` × 100 ≥ `pct` × `den`, with the displayed percent truncated to 2 decimals.
fn percent_check(ctx: &Ctx, noun: &str, num: &[&str], den: &str, pct: u32) -> CalcOutcome {
    let values: Vec<Decimal> = num.iter().map(|k| ctx.get(k).unwrap_or(Decimal::ZERO)).collect();
    let n: Decimal = values.iter().sum();
    let d = ctx.get(den).unwrap_or(Decimal::ZERO);
    let den_field = ctx.field(den);
    if d.is_zero() {
        return unknown(zero_total(den_field.label));
    }
    let pct = Decimal::from(pct);
    let Some(shown) = n.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| div_trunc2(x, d)) else {
        return unknown("ตัวเลขใหญ่เกินกว่าจะคำนวณได้".to_string());
    };
    let num_text = if num.len() == 1 {
        ctx.show(num[0], n)
    } else {
        let parts: Vec<String> = num.iter().zip(&values).map(|(k, v)| ctx.show(k, *v)).collect();
        format!("({})", parts.join(" + "))
    };
    let working = format!("{num_text} ÷ {} × 100 = {} % (เกณฑ์ ≥ {} %)", ctx.show(den, d), two_decimals(shown), pct);
    let mut warnings = Vec::new();
    if n > d {
        let part_label = num.iter().map(|k| ctx.field(k).label).collect::<Vec<_>>().join(" + ");
        warnings.push(exceeds_warning(&part_label, &ctx.show(num[0], n), den_field.label, &ctx.show(den, d)));
    }
    let whole = num.iter().all(|k| ctx.field(k).whole);
    let gap = || {
        // Smallest amount x on the grid (1, or 0.01 baht) with (n + x) × 100 ≥ pct × d.
        let needed = pct * d / Decimal::ONE_HUNDRED - n;
        let unit = ctx.field(num[0]).unit;
        let amount = if whole { number(needed.ceil()) } else { two_decimals(ceil2(needed)) };
        format!("ต้องการ{noun}อีก {amount} {unit}")
    };
    decided(n * Decimal::ONE_HUNDRED >= pct * d, working, gap, warnings)
}

/// Rounds up to the satang.
fn ceil2(d: Decimal) -> Decimal {
    let mut c = (d * Decimal::ONE_HUNDRED).ceil() / Decimal::ONE_HUNDRED;
    c.rescale(2);
    c
}

/// One `num` per at most `per` of `den`: `num` × `per` ≥ `den`.
fn per_head(ctx: &Ctx, noun: &str, num: &str, den: &str, per: u32) -> CalcOutcome {
    let (n, d) = (ctx.get(num).unwrap_or_default(), ctx.get(den).unwrap_or_default());
    let (unit, den_field) = (ctx.field(num).unit, ctx.field(den));
    if d.is_zero() {
        return unknown(zero_total(den_field.label));
    }
    let per = Decimal::from(per);
    let required = (d / per).ceil();
    let working = format!(
        "{} {} ÷ {} = {} → ต้องมีอย่างน้อย {} {unit} (มี {} {unit})",
        number(d),
        den_field.unit,
        number(per),
        number(d / per),
        number(required),
        number(n)
    );
    decided(n * per >= d, working, || format!("ต้องการ{noun}อีก {} {unit}", number(required - n)), Vec::new())
}

/// At least `min` of the yes/no fields are 1; missing answers leave the result open only if they could change it.
fn yes_count(ctx: &Ctx, noun: &str, keys: &[&str], min: u32) -> CalcOutcome {
    let yes = keys.iter().filter(|k| ctx.get(k) == Some(Decimal::ONE)).count() as u32;
    let blank: Vec<&str> = keys.iter().filter(|k| ctx.get(k).is_none()).map(|k| ctx.field(k).label).collect();
    let mut working = format!("มี {yes} จาก {} ประเภท (เกณฑ์ อย่างน้อย {min} ประเภท)", keys.len());
    if !blank.is_empty() {
        working.push_str(&format!(" · ยังไม่ได้กรอก: {}", blank.join(", ")));
    }
    if yes < min && yes + blank.len() as u32 >= min {
        return unknown(working);
    }
    let gap = || {
        let absent: Vec<&str> = keys
            .iter()
            .filter(|k| ctx.get(k) != Some(Decimal::ONE))
            .map(|k| ctx.field(k).label.split(' ').next().unwrap_or(""))
            .collect();
        format!("ต้องการ{noun}อีก {} ประเภท จากที่ยังไม่มี {}", min - yes, absent.join(" "))
    };
    decided(yes >= min, working, gap, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::college_qa::catalogue::catalogue;
    use std::str::FromStr;

    fn counts(pairs: &[(&str, &str)]) -> BTreeMap<String, Decimal> {
        pairs.iter().map(|(k, v)| (k.to_string(), Decimal::from_str(v).unwrap())).collect()
    }

    fn eval(ind: &str, item: u8, pairs: &[(&str, &str)]) -> CalcOutcome {
        evaluate(ind, item, &counts(pairs)).unwrap()
    }

    #[test]
    fn table_is_consistent_with_fields_and_catalogue() {
        for c in CALCS.iter() {
            let ind = catalogue().indicator(c.indicator).expect("indicator");
            assert!(ind.item(c.item).is_some(), "{} {}", c.indicator, c.item);
            for k in c.check.keys() {
                assert!(fields(c.indicator).iter().any(|f| f.key == k), "{} has no field {k}", c.indicator);
            }
        }
        for ind in catalogue().indicators() {
            for f in fields(&ind.id) {
                let used = (1..=5).any(|n| item_fields(&ind.id, n).iter().any(|g| g.key == f.key));
                assert!(used, "{} field {} is unused", ind.id, f.key);
                assert!(!f.label.is_empty() && !f.unit.is_empty());
            }
            let keys: Vec<&str> = fields(&ind.id).iter().map(|f| f.key).collect();
            let mut dedup = keys.clone();
            dedup.sort();
            dedup.dedup();
            assert_eq!(keys.len(), dedup.len(), "{} has duplicate keys", ind.id);
        }
    }

    #[test]
    fn calculators_cover_the_spec_list() {
        let covered: Vec<String> = catalogue()
            .indicators()
            .flat_map(|i| {
                (1..=5).filter(|&n| has_calculator(&i.id, n)).map(|n| format!("{} {n}", i.id)).collect::<Vec<_>>()
            })
            .collect();
        let expected = [
            "1.1 1", "1.1 2", "1.1 3", "1.1 4", "1.1 5", "2.3 3", "2.3 5", "2.4 2", "2.4 3", "2.4 4", "2.4 5", "2.5 4",
            "2.6 2", "2.6 4", "2.6 5", "3.3 1", "3.3 3", "3.3 4", "3.3 5", "3.4 1", "3.4 2", "3.4 3", "3.4 4", "3.4 5",
        ];
        assert_eq!(covered, expected);
        assert!(!has_calculator("2.6", 0));
        assert!(evaluate("1.2", 1, &BTreeMap::new()).is_none());
        assert!(fields("1.2").is_empty());
        assert_eq!(fields("2.5").iter().filter(|f| f.is_yes_no()).count(), 5);
        assert!(fields("2.4").iter().all(|f| !f.whole && f.unit == "บาท"));
        let shared: Vec<&str> = item_fields("3.4", 3).iter().map(|f| f.key).collect();
        assert_eq!(shared, ["students", "sport_activities", "sport_joined"]);
    }

    #[test]
    fn percent_met_exactly_at_the_threshold() {
        let o = eval("1.1", 2, &[("graduates", "240"), ("replies", "180")]);
        assert_eq!(o.met, Some(true));
        assert_eq!(o.working, "180 ÷ 240 × 100 = 75.00 % (เกณฑ์ ≥ 75 %)");
        assert_eq!(o.gap, None);
        assert!(o.warnings.is_empty());
    }

    #[test]
    fn percent_gap_is_the_smallest_whole_number() {
        // 75 % of 241 = 180.75 → 181 replies needed.
        let o = eval("1.1", 2, &[("graduates", "241"), ("replies", "169")]);
        assert_eq!(o.met, Some(false));
        assert_eq!(o.working, "169 ÷ 241 × 100 = 70.12 % (เกณฑ์ ≥ 75 %)");
        assert_eq!(o.gap.as_deref(), Some("ต้องการข้อมูลตอบกลับอีก 12 ราย"));
        let o = eval("1.1", 2, &[("graduates", "241"), ("replies", "181")]);
        assert_eq!(o.met, Some(true));
        let o = eval("1.1", 2, &[("graduates", "241"), ("replies", "180")]);
        assert_eq!((o.met, o.gap.as_deref()), (Some(false), Some("ต้องการข้อมูลตอบกลับอีก 1 ราย")));
    }

    #[test]
    fn percent_truncates_the_display_but_compares_exactly() {
        // 2/3 = 66.666… %: shown 66.66, not met at 75.
        let o = eval("2.3", 3, &[("teachers", "3"), ("teachers_trained", "2")]);
        assert_eq!(o.working, "2 ÷ 3 × 100 = 66.66 % (เกณฑ์ ≥ 75 %)");
        assert_eq!(o.gap.as_deref(), Some("ต้องการครูที่ได้รับการพัฒนาไม่น้อยกว่า 10 ชั่วโมงอีก 1 คน"));
    }

    #[test]
    fn sum_of_three_for_1_1_item_1() {
        let o = eval(
            "1.1",
            1,
            &[("graduates", "200"), ("employed", "100"), ("further_study", "40"), ("self_employed", "9")],
        );
        assert_eq!(o.met, Some(false));
        assert_eq!(o.working, "(100 + 40 + 9) ÷ 200 × 100 = 74.50 % (เกณฑ์ ≥ 75 %)");
        assert_eq!(o.gap.as_deref(), Some("ต้องการผู้ได้งานทำ ศึกษาต่อ หรือประกอบอาชีพอิสระอีก 1 คน"));
        let o = eval("1.1", 1, &[("graduates", "200"), ("employed", "100"), ("further_study", "40")]);
        assert_eq!(o.met, None);
        assert_eq!(o.working, "ยังไม่ได้กรอก: ผู้ประกอบอาชีพอิสระในสาขาที่เกี่ยวข้องภายในหนึ่งปี");
        assert_eq!(o.gap, None);
    }

    #[test]
    fn replies_aspects_use_80_percent_of_replies() {
        let o = eval("1.1", 5, &[("replies", "100"), ("replies_vocational", "80")]);
        assert_eq!(o.met, Some(true));
        let o = eval("1.1", 4, &[("replies", "101"), ("replies_core", "80")]);
        assert_eq!(o.met, Some(false));
        // 80 % of 101 = 80.8 → 81.
        assert_eq!(o.gap.as_deref(), Some("ต้องการข้อมูลตอบกลับที่มีผลเฉลี่ย 3.51 ขึ้นไปอีก 1 ราย"));
    }

    #[test]
    fn larger_than_the_total_is_accepted_with_a_warning() {
        let o = eval("1.1", 2, &[("graduates", "100"), ("replies", "120")]);
        assert_eq!(o.met, Some(true));
        assert_eq!(o.working, "120 ÷ 100 × 100 = 120.00 % (เกณฑ์ ≥ 75 %)");
        assert_eq!(
            o.warnings,
            ["ตัวเลขเกินจำนวนทั้งหมด — โปรดตรวจสอบ: จำนวนข้อมูลตอบกลับจากการสำรวจความพึงพอใจ (120) มากกว่าจำนวนผู้สำเร็จการศึกษา (100)"]
        );
    }

    #[test]
    fn zero_total_cannot_be_computed() {
        let o = eval("1.1", 2, &[("graduates", "0"), ("replies", "0")]);
        assert_eq!(o.met, None);
        assert_eq!(o.working, "จำนวนผู้สำเร็จการศึกษาเป็น 0 — คำนวณไม่ได้");
        assert_eq!(eval("2.6", 2, &[("students", "0"), ("partners", "3")]).met, None);
        assert_eq!(eval("3.3", 1, &[("programmes", "0"), ("dual_programmes", "0")]).met, None);
        assert_eq!(eval("3.4", 1, &[("students", "0"), ("nation_activities", "5"), ("nation_joined", "0")]).met, None);
    }

    #[test]
    fn negative_and_fractional_numbers_are_invalid_and_named() {
        let o = eval("1.1", 2, &[("graduates", "-3"), ("replies", "10")]);
        assert_eq!(o.met, None);
        assert_eq!(o.warnings, ["จำนวนผู้สำเร็จการศึกษา: ต้องไม่ติดลบ (กรอก -3)"]);
        let o = eval("2.6", 5, &[("donations", "4.5")]);
        assert_eq!(o.met, None);
        assert_eq!(o.warnings, ["รายการที่ได้รับบริจาค (เงิน วัสดุอุปกรณ์ ครุภัณฑ์ หรือสิ่งอื่นๆ): ต้องเป็นจำนวนเต็ม (กรอก 4.5)"]);
        let o = eval("2.4", 2, &[("operating_budget", "-1"), ("materials", "10.5")]);
        assert_eq!(o.warnings, ["งบดำเนินการ: ต้องไม่ติดลบ (กรอก -1)"]);
    }

    #[test]
    fn numbers_beyond_their_bounds_are_named_not_computed() {
        let o = eval("1.1", 2, &[("graduates", "1000000000000000000000000000"), ("replies", "10")]);
        assert_eq!(o.met, None);
        assert_eq!(
            o.warnings,
            ["จำนวนผู้สำเร็จการศึกษา: มากเกินไป (ไม่เกิน 10,000,000) (กรอก 1,000,000,000,000,000,000,000,000,000)"]
        );
        let o = eval("2.4", 2, &[("operating_budget", "79228162514264337593543950335"), ("materials", "1")]);
        assert_eq!(o.met, None);
        assert!(o.warnings[0].starts_with("งบดำเนินการ: มากเกินไป (ไม่เกิน 1,000,000,000,000)"), "{:?}", o.warnings);
    }

    /// Point 15: every calculator, fed random and extreme values in every field, finishes without a panic.
    #[test]
    fn every_calculator_finishes_on_any_numbers() {
        use crate::domain::prng::{decimals, SplitMix64};
        let mut rng = SplitMix64::new(15);
        for _ in 0..300 {
            for c in CALCS.iter() {
                let counts: BTreeMap<String, Decimal> = fields(c.indicator)
                    .iter()
                    .map(|f| (f.key.to_string(), decimals::any(&mut rng)))
                    .collect();
                let _ = evaluate(c.indicator, c.item, &counts);
            }
        }
    }

    #[test]
    fn baht_gaps_are_exact_to_the_satang() {
        // 20 % of 1,000,000.05 = 200,000.01 → need 200,000.01 − 150,000 = 50,000.01.
        let o = eval("2.4", 2, &[("operating_budget", "1000000.05"), ("materials", "150000")]);
        assert_eq!(o.met, Some(false));
        assert_eq!(o.working, "150,000.00 ÷ 1,000,000.05 × 100 = 14.99 % (เกณฑ์ ≥ 20 %)");
        assert_eq!(o.gap.as_deref(), Some("ต้องการรายจ่ายค่าวัสดุฝึก อุปกรณ์และสื่ออีก 50,000.01 บาท"));
        // 1 % of 1,234.56 = 12.3456 → 12.35 needed, so 12.34 is short by 0.01.
        let o = eval("2.4", 3, &[("operating_budget", "1234.56"), ("community", "12.34")]);
        assert_eq!(o.gap.as_deref(), Some("ต้องการรายจ่ายบริการวิชาการวิชาชีพและทำประโยชน์ต่อชุมชนอีก 0.01 บาท"));
        let o = eval("2.4", 3, &[("operating_budget", "1234.56"), ("community", "12.35")]);
        assert_eq!(o.met, Some(true));
        let o = eval("2.4", 5, &[("operating_budget", "1000000"), ("activities", "50000")]);
        assert_eq!((o.met, o.working.as_str()), (Some(true), "50,000.00 ÷ 1,000,000.00 × 100 = 5.00 % (เกณฑ์ ≥ 5 %)"));
        let o = eval("2.4", 4, &[("operating_budget", "1000000")]);
        assert_eq!(o.met, None);
    }

    #[test]
    fn database_practices_at_least_four_of_five() {
        let all = |v: [&str; 5]| {
            let keys = ["db_intrusion", "db_access", "db_antivirus", "db_current", "db_backup"];
            let pairs: Vec<(&str, &str)> = keys.iter().copied().zip(v).filter(|(_, v)| !v.is_empty()).collect();
            eval("2.5", 4, &pairs)
        };
        let o = all(["1", "1", "1", "1", "0"]);
        assert_eq!((o.met, o.working.as_str()), (Some(true), "มี 4 จาก 5 ประเภท (เกณฑ์ อย่างน้อย 4 ประเภท)"));
        let o = all(["1", "0", "1", "1", "0"]);
        assert_eq!(o.met, Some(false));
        assert_eq!(o.gap.as_deref(), Some("ต้องการการจัดการฐานข้อมูลอีก 1 ประเภท จากที่ยังไม่มี (2) (5)"));
        // One blank answer could still decide it: open.
        assert_eq!(all(["1", "1", "1", "", "0"]).met, None);
        // Four yes already: the blank does not matter.
        assert_eq!(all(["1", "1", "1", "1", ""]).met, Some(true));
        // Two no answers: cannot reach 4 whatever the blank is.
        assert_eq!(all(["0", "0", "1", "1", ""]).met, Some(false));
        assert_eq!(all(["", "", "", "", ""]).met, None);
        let o = all(["2", "1", "1", "1", "1"]);
        assert_eq!(o.met, None);
        assert_eq!(o.warnings, ["(1) มีระบบป้องกันผู้บุกรุกระบบฐานข้อมูลจากภายในและภายนอก: ต้องเป็น 1 (มี) หรือ 0 (ไม่มี) (กรอก 2)"]);
    }

    #[test]
    fn partners_one_per_forty_students() {
        let o = eval("2.6", 2, &[("students", "4500"), ("partners", "113")]);
        assert_eq!(o.met, Some(true));
        assert_eq!(o.working, "4,500 คน ÷ 40 = 112.5 → ต้องมีอย่างน้อย 113 แห่ง (มี 113 แห่ง)");
        let o = eval("2.6", 2, &[("students", "4500"), ("partners", "100")]);
        assert_eq!((o.met, o.gap.as_deref()), (Some(false), Some("ต้องการหน่วยงานที่ร่วมมืออีก 13 แห่ง")));
        assert_eq!(eval("2.6", 2, &[("students", "4500")]).met, None);
    }

    #[test]
    fn scholarships_one_per_hundred_students() {
        assert_eq!(eval("2.6", 4, &[("students", "1000"), ("scholarships", "10")]).met, Some(true));
        let o = eval("2.6", 4, &[("students", "1001"), ("scholarships", "10")]);
        assert_eq!((o.met, o.gap.as_deref()), (Some(false), Some("ต้องการทุนการศึกษาอีก 1 ทุน")));
    }

    #[test]
    fn donations_at_least_five() {
        let o = eval("2.6", 5, &[("donations", "5")]);
        assert_eq!((o.met, o.working.as_str()), (Some(true), "5 รายการ (เกณฑ์ ≥ 5 รายการ)"));
        let o = eval("2.6", 5, &[("donations", "2")]);
        assert_eq!((o.met, o.gap.as_deref()), (Some(false), Some("ต้องการรายการบริจาคอีก 3 รายการ")));
        assert_eq!(eval("2.6", 5, &[]).met, None);
    }

    #[test]
    fn dual_system_twenty_percent_or_one_when_fewer_than_five() {
        let o = eval("3.3", 1, &[("programmes", "4"), ("dual_programmes", "1")]);
        assert_eq!(o.met, Some(true));
        assert_eq!(o.working, "4 สาขางาน (ไม่ถึง 5 สาขางาน) → ต้องจัดระบบทวิภาคีอย่างน้อย 1 สาขางาน (มี 1)");
        let o = eval("3.3", 1, &[("programmes", "4"), ("dual_programmes", "0")]);
        assert_eq!((o.met, o.gap.as_deref()), (Some(false), Some("ต้องการสาขางานระบบทวิภาคีอีก 1 สาขางาน")));
        let o = eval("3.3", 1, &[("programmes", "12"), ("dual_programmes", "2")]);
        // 20 % of 12 = 2.4 → 3.
        assert_eq!(o.working, "2 ÷ 12 × 100 = 16.66 % (เกณฑ์ ≥ 20 %)");
        assert_eq!((o.met, o.gap.as_deref()), (Some(false), Some("ต้องการสาขางานระบบทวิภาคีอีก 1 สาขางาน")));
        assert_eq!(eval("3.3", 1, &[("programmes", "5"), ("dual_programmes", "1")]).met, Some(true));
        assert_eq!(eval("3.3", 1, &[("programmes", "12")]).met, None);
    }

    #[test]
    fn projects_passes_and_awards() {
        assert_eq!(eval("3.3", 3, &[("projects", "50"), ("projects_usable", "40")]).met, Some(true));
        let o = eval("3.3", 4, &[("registered", "333"), ("passed_first", "260")]);
        // 80 % of 333 = 266.4 → 267.
        assert_eq!((o.met, o.gap.as_deref()), (Some(false), Some("ต้องการผู้เรียนที่ผ่านการประเมินมาตรฐานวิชาชีพครั้งแรกอีก 7 คน")));
        let o = eval("3.3", 5, &[("students", "1010"), ("students_awarded", "50")]);
        // 5 % of 1010 = 50.5 → 51.
        assert_eq!((o.met, o.gap.as_deref()), (Some(false), Some("ต้องการผู้เรียนที่ได้รับรางวัลอีก 1 คน")));
        assert_eq!(eval("2.3", 5, &[("staff", "100"), ("staff_honoured", "5")]).met, Some(true));
    }

    #[test]
    fn activities_need_five_and_every_student() {
        let o = eval("3.4", 2, &[("students", "800"), ("environment_activities", "5"), ("environment_joined", "800")]);
        assert_eq!(o.met, Some(true));
        assert_eq!(o.working, "จัด 5 กิจกรรม (เกณฑ์ ≥ 5) · ผู้เรียนเข้าร่วม 800 จาก 800 คน (เกณฑ์ ทุกคน)");
        let o = eval("3.4", 5, &[("students", "800"), ("service_activities", "3"), ("service_joined", "790")]);
        assert_eq!(o.met, Some(false));
        assert_eq!(o.gap.as_deref(), Some("ต้องจัดกิจกรรมเพิ่มอีก 2 กิจกรรม และ ต้องให้ผู้เรียนเข้าร่วมอีก 10 คน"));
        let o = eval("3.4", 1, &[("students", "800"), ("nation_activities", "7"), ("nation_joined", "799")]);
        assert_eq!(o.gap.as_deref(), Some("ต้องให้ผู้เรียนเข้าร่วมอีก 1 คน"));
        let o = eval("3.4", 3, &[("students", "800"), ("sport_activities", "6"), ("sport_joined", "801")]);
        assert_eq!(o.met, Some(true));
        assert_eq!(o.warnings.len(), 1);
        assert!(o.warnings[0].starts_with("ตัวเลขเกินจำนวนทั้งหมด — โปรดตรวจสอบ"));
        assert_eq!(eval("3.4", 4, &[("students", "800"), ("sufficiency_activities", "6")]).met, None);
    }
}
