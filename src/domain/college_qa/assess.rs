//! A college's self-assessment: what the user typed or ticked ([`AssessmentInput`], stored inside a record) and what
//! the app makes of it ([`assess`] → [`AssessmentResult`]): the score and level of all 14 indicators, the item
//! decisions (tick or calculator), the smallest change that raises each indicator one level, the 4.2 suggestion
//! from last year's assessment, and the per-standard and overall summaries.
//!
//! The scoring itself is in [`super::rules`], the calculators in [`super::calculators`]; this module only combines
//! them. Everything the 2559 text does not define is ours and has a Thai note constant here or in `rules`.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::calculators::{self, CalcOutcome};
use super::catalogue::{catalogue, Indicator};
use super::rules::{
    div_trunc2, item_score, level_for_decimal, level_for_items, next_band_floor, percent80, Level, Percent80, Rule,
};
use super::text::{exceeds_warning, negative_warning, not_whole_warning, number, two_decimals, zero_total};

/// The indicator scored from the other indicators' development (ร้อยละของตัวบ่งชี้ที่มีการพัฒนา).
pub const DEV_INDICATOR: &str = "4.2";

/// Note for the per-standard and overall summaries: ours, not part of the 2559 text.
pub const SUMMARY_NOTE: &str = "ค่าเฉลี่ยรายมาตรฐานและภาพรวมนี้เป็นการสรุปของแอปนี้ ไม่ใช่ส่วนหนึ่งของมาตรฐานการอาชีวศึกษา \
พ.ศ. 2559 (ประกาศไม่ได้กำหนดการสรุปรวม): เฉลี่ยคะแนนของตัวบ่งชี้ที่คำนวณได้ ทศนิยมสองตำแหน่งไม่ปัดเศษ \
และใช้ช่วงคะแนนเดียวกับตัวบ่งชี้ 1.2 และ 4.2";

/// Note for 4.2: the meaning of "development" and the suggestion from last year are ours.
pub const DEV_NOTE: &str = "มาตรฐานการอาชีวศึกษา พ.ศ. 2559 ไม่ได้นิยามว่า \"ตัวบ่งชี้ที่มีการพัฒนา\" คืออะไร \
แอปนี้จึงเสนอตัวเลขจากผลการประเมินปีก่อนที่บันทึกไว้ (เป็นการกำหนดของแอปนี้): นับตัวบ่งชี้ที่คะแนนสูงขึ้น \
หรือคงอยู่ที่คะแนนสูงสุด (5 หรือ 5.00) เทียบกับจำนวนตัวบ่งชี้อื่นที่ประเมินทั้งสองปี (ไม่รวม 4.2) \
ผู้ใช้แก้ไขตัวเลขเองได้ และรายงานจะระบุว่าใช้ตัวเลขใด";

/// Note for the advice: the suggestion is the app's arithmetic, not part of the 2559 text.
pub const ADVICE_NOTE: &str = "ข้อเสนอแนะ \"สิ่งที่ต้องทำเพิ่มเพื่อให้ได้ระดับที่สูงขึ้น\" เป็นการคำนวณของแอปนี้ \
ไม่ใช่ส่วนหนึ่งของมาตรฐานการอาชีวศึกษา พ.ศ. 2559";

/// Everything typed for one assessment, by indicator id. Stored inside [`super::records::Assessment`].
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct AssessmentInput {
    #[serde(default)]
    pub indicators: BTreeMap<String, IndicatorInput>,
}

/// What was typed for one indicator.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct IndicatorInput {
    /// Items ticked by hand.
    #[serde(default)]
    pub ticked: BTreeSet<u8>,
    /// Items decided by their calculator instead of the tick.
    #[serde(default)]
    pub by_counts: BTreeSet<u8>,
    /// Calculator fields (keys from [`calculators::fields`]).
    #[serde(default)]
    pub counts: BTreeMap<String, Decimal>,
    /// `percent80` indicators: the numerator typed.
    #[serde(default)]
    pub numerator: Option<Decimal>,
    /// `percent80` indicators: the denominator typed.
    #[serde(default)]
    pub denominator: Option<Decimal>,
    /// 4.2: use the typed numbers, not the suggestion from last year.
    #[serde(default)]
    pub manual: bool,
}

/// Where an item's decision came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ItemSource {
    /// The user's tick.
    Tick,
    /// The item's calculator.
    Counts,
}

/// One item of an item-rule indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemResult {
    pub n: u8,
    pub met: bool,
    pub source: ItemSource,
    /// Present whenever the item has a calculator and is in counts mode or any of its fields is filled (also in
    /// tick mode, so the UI can show it next to the tick).
    pub calc: Option<CalcOutcome>,
}

/// One indicator's result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndicatorResult {
    pub id: String,
    /// `None` = cannot compute (`percent80` with missing numbers or a denominator of 0).
    pub score: Option<Decimal>,
    /// As shown: "3" for item rules, "4.16" for `percent80`, "—" when `None`.
    pub score_text: String,
    pub level: Option<Level>,
    /// `percent80` only, truncated to 2 decimals.
    pub percent: Option<Decimal>,
    /// `percent80` arithmetic, e.g. "200 ÷ 300 × 100 = 66.66 % → 66.66 ÷ 80 × 5 = 4.16".
    pub working: Option<String>,
    /// The five items; empty for `percent80`.
    pub items: Vec<ItemResult>,
    /// The smallest change that raises the score one level (Thai); `None` at the top level or when not computable.
    pub advice: Option<String>,
    /// Indicator-level warnings (the calculators' own warnings are in `items[].calc.warnings`).
    pub warnings: Vec<String>,
}

/// Which numbers 4.2 used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DevSource {
    /// The suggestion computed from last year's assessment.
    Suggested,
    /// The numbers the user typed.
    Manual,
    /// Neither: 4.2 cannot be computed.
    Missing,
}

impl DevSource {
    /// Thai wording for the report.
    pub fn thai(self) -> &'static str {
        match self {
            DevSource::Suggested => "ใช้ตัวเลขที่แอปเสนอจากผลการประเมินปีก่อน",
            DevSource::Manual => "ใช้ตัวเลขที่กรอกเอง",
            DevSource::Missing => "ยังไม่มีตัวเลข",
        }
    }
}

/// The 4.2 numbers suggested from last year's assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DevSuggestion {
    /// Indicators with development (score rose, or stayed at the top).
    pub numerator: u32,
    /// Indicators compared (assessed both years, 4.2 excluded).
    pub denominator: u32,
    /// Ids counted in the numerator.
    pub developed: Vec<String>,
    /// Ids counted in the denominator.
    pub compared: Vec<String>,
}

/// Mean of the computable indicator scores of a standard or of all of them (ours: see [`SUMMARY_NOTE`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// "มาตรฐานที่ 1 ด้านผลการจัดการศึกษา" or "ภาพรวม".
    pub label: String,
    /// Truncated to 2 decimals; `None` when no indicator could be computed.
    pub mean: Option<Decimal>,
    pub level: Option<Level>,
    /// Indicators included in the mean.
    pub counted: usize,
    /// Indicators in the standard (or 14).
    pub total: usize,
}

/// The whole result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AssessmentResult {
    /// All 14 indicators in catalogue order.
    pub indicators: Vec<IndicatorResult>,
    pub standards: Vec<Summary>,
    pub overall: Summary,
    /// Filled whenever last year's assessment was given (so the UI can show it next to an override).
    pub dev_suggestion: Option<DevSuggestion>,
    pub dev_source: DevSource,
}

impl AssessmentResult {
    /// The result of one indicator.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|r| r.id == id)
    }
}

/// Scores an assessment. Indicators missing from the input are scored as empty (item rules 0, `percent80` cannot
/// compute). `last_year` feeds the 4.2 suggestion.
pub fn assess(input: &AssessmentInput, last_year: Option<&AssessmentInput>) -> AssessmentResult {
    let empty = IndicatorInput::default();
    let dev_suggestion = last_year.map(|ly| suggest_development(input, ly));
    let mut dev_source = DevSource::Missing;
    let indicators: Vec<IndicatorResult> = catalogue()
        .indicators()
        .map(|ind| {
            let inp = input.indicators.get(&ind.id).unwrap_or(&empty);
            if ind.id == DEV_INDICATOR {
                let (result, source) = score_development(ind, inp, dev_suggestion.as_ref());
                dev_source = source;
                result
            } else {
                score_indicator(ind, inp)
            }
        })
        .collect();
    let score_of = |id: &str| indicators.iter().find(|r| r.id == id).and_then(|r| r.score);
    let standards = catalogue()
        .standards
        .iter()
        .map(|s| summary(s.label(), s.indicators.iter().map(|i| score_of(&i.id))))
        .collect();
    let overall = summary("ภาพรวม".to_string(), indicators.iter().map(|r| r.score));
    AssessmentResult { indicators, standards, overall, dev_suggestion, dev_source }
}

/// Scores one indicator from its input. 4.2 is scored here from its typed numbers only; [`assess`] handles the
/// suggestion from last year.
pub fn score_indicator(ind: &Indicator, input: &IndicatorInput) -> IndicatorResult {
    match ind.rule {
        Rule::Percent80 => score_percent(ind, input.numerator, input.denominator),
        rule => score_items(ind, rule, input),
    }
}

fn score_items(ind: &Indicator, rule: Rule, input: &IndicatorInput) -> IndicatorResult {
    let mut warnings = Vec::new();
    for n in input.ticked.union(&input.by_counts) {
        if ind.item(*n).is_none() {
            warnings.push(format!("ข้อ {n} ไม่มีในตัวบ่งชี้นี้ — ไม่นับ"));
        }
    }
    let items: Vec<ItemResult> = ind
        .items
        .iter()
        .map(|item| {
            let n = item.n;
            let has_calc = calculators::has_calculator(&ind.id, n);
            let counts_mode = has_calc && input.by_counts.contains(&n);
            if input.by_counts.contains(&n) && !has_calc {
                warnings.push(format!("ข้อ {n} ไม่มีการคำนวณจากตัวเลข — ใช้ผลการติ๊กแทน"));
            }
            let filled = calculators::item_fields(&ind.id, n).iter().any(|f| input.counts.contains_key(f.key));
            let calc = if has_calc && (counts_mode || filled) {
                calculators::evaluate(&ind.id, n, &input.counts)
            } else {
                None
            };
            let ticked = input.ticked.contains(&n);
            let decided = calc.as_ref().and_then(|c| c.met);
            let met = if counts_mode { decided == Some(true) } else { ticked };
            if counts_mode && decided.is_none() {
                warnings.push(format!("ข้อ {n}: เลือกให้ตัดสินจากตัวเลขแต่ยังคำนวณไม่ได้ — ถือว่ายังไม่ผ่าน"));
            }
            if !counts_mode && decided.is_some_and(|d| d != ticked) {
                warnings.push(format!("ข้อ {n}: ผลที่ติ๊กไม่ตรงกับผลจากตัวเลข — โปรดตรวจสอบ"));
            }
            let source = if counts_mode { ItemSource::Counts } else { ItemSource::Tick };
            ItemResult { n, met, source, calc }
        })
        .collect();
    let met: BTreeSet<u8> = crate::domain::sort::set_of(items.iter().filter(|i| i.met).map(|i| i.n));
    let score = item_score(rule, &met);
    IndicatorResult {
        id: ind.id.clone(),
        score: Some(Decimal::from(score)),
        score_text: score.to_string(),
        level: Some(level_for_items(score)),
        percent: None,
        working: None,
        advice: item_advice(rule, &met, &items),
        items,
        warnings,
    }
}

/// The smallest change raising an item-rule score: every single unmet item whose passing raises the score (for
/// `prefix` the first unmet item; for `gate12` item 1, then 2, then any of 3–5; for `count` any unmet item).
fn item_advice(rule: Rule, met: &BTreeSet<u8>, items: &[ItemResult]) -> Option<String> {
    let score = item_score(rule, met);
    let raise = |n: u8| {
        let mut more = met.clone();
        more.insert(n);
        item_score(rule, &more)
    };
    let candidates: Vec<u8> = (1..=5u8).filter(|n| !met.contains(n) && raise(*n) > score).collect();
    let new_score = candidates.iter().map(|&n| raise(n)).min()?;
    let result = format!("จะได้ {new_score} คะแนน ระดับ{}", level_for_items(new_score).thai());
    // The calculator's word on each candidate decided by numbers.
    let gap = |n: u8| -> Option<String> {
        let item = items.iter().find(|i| i.n == n && i.source == ItemSource::Counts)?;
        let calc = item.calc.as_ref()?;
        Some(calc.gap.clone().unwrap_or_else(|| "กรอกตัวเลขให้ครบและถูกต้อง".to_string()))
    };
    if let [only] = candidates[..] {
        let detail = gap(only).map(|g| format!(" ({g})")).unwrap_or_default();
        return Some(format!("ทำข้อ {only} ให้ผ่าน{detail} {result}"));
    }
    let names: Vec<String> = candidates.iter().map(|n| n.to_string()).collect();
    let (last, rest) = names.split_last()?;
    let gaps: Vec<String> = candidates.iter().filter_map(|&n| gap(n).map(|g| format!("ข้อ {n}: {g}"))).collect();
    let tail = if gaps.is_empty() { String::new() } else { format!(" — {}", gaps.join("; ")) };
    Some(format!("ทำข้อใดข้อหนึ่งให้ผ่าน (ข้อ {} หรือ {last}) {result}{tail}", rest.join(", ")))
}

/// The unit of a `percent80` numerator, for the advice.
fn numerator_unit(id: &str) -> &'static str {
    match id {
        "1.2" => "คน",
        DEV_INDICATOR => "ตัวบ่งชี้",
        _ => "",
    }
}

fn score_percent(ind: &Indicator, numerator: Option<Decimal>, denominator: Option<Decimal>) -> IndicatorResult {
    let (num_label, den_label) = match &ind.formula {
        Some(f) => (f.numerator.as_str(), f.denominator.as_str()),
        None => ("ตัวตั้ง", "ตัวหาร"),
    };
    let mut result = IndicatorResult {
        id: ind.id.clone(),
        score: None,
        score_text: "—".to_string(),
        level: None,
        percent: None,
        working: None,
        items: Vec::new(),
        advice: None,
        warnings: Vec::new(),
    };
    let checked = [(num_label, numerator), (den_label, denominator)].map(|(label, v)| match v {
        Some(v) if v < Decimal::ZERO => Err(negative_warning(label, v)),
        Some(v) if !v.is_integer() => Err(not_whole_warning(label, v)),
        // Beyond its bounds (a stored value from before them): named, never computed on.
        Some(v) => match crate::domain::numbers::check(label, v, crate::domain::numbers::Kind::Whole) {
            Ok(_) => Ok(Some(v)),
            Err(e) => Err(format!("{e} (กรอก {})", number(v))),
        },
        None => Ok(None),
    });
    result.warnings = checked.iter().filter_map(|c| c.clone().err()).collect();
    let (n, d) = match checked {
        [Ok(Some(n)), Ok(Some(d))] => (n, d),
        [Ok(n), Ok(d)] => {
            let missing: Vec<&str> =
                [(num_label, n), (den_label, d)].iter().filter(|(_, v)| v.is_none()).map(|(l, _)| *l).collect();
            if missing.len() == 1 {
                result.warnings.push(format!("ยังไม่ได้กรอก: {}", missing[0]));
            }
            return result;
        }
        _ => return result,
    };
    if n > d {
        result.warnings.push(exceeds_warning(num_label, &number(n), den_label, &number(d)));
    }
    let Some(Percent80 { percent, score }) = percent80(n, d) else {
        let reason = if d.is_zero() {
            zero_total(den_label)
        } else {
            "ตัวเลขใหญ่เกินกว่าจะคำนวณได้".to_string()
        };
        result.warnings.push(reason);
        return result;
    };
    let first = format!("{} ÷ {} × 100 = {} %", number(n), number(d), two_decimals(percent));
    let second = if percent >= Decimal::from(80) {
        format!("ตั้งแต่ร้อยละ 80.00 ขึ้นไป = {score}")
    } else {
        format!("{} ÷ 80 × 5 = {score}", two_decimals(percent))
    };
    result.working = Some(format!("{first} → {second}"));
    result.score = Some(score);
    result.score_text = score.to_string();
    result.level = Some(level_for_decimal(score));
    result.percent = Some(percent);
    result.advice = percent_advice(ind, num_label, n, d, score);
    result
}

/// The smallest whole increase of the numerator (denominator fixed) that reaches the next band's lower bound.
fn percent_advice(ind: &Indicator, num_label: &str, n: Decimal, d: Decimal, score: Decimal) -> Option<String> {
    let (floor, level) = next_band_floor(score)?;
    let score_at = |k: Decimal| percent80(n + k, d).map(|p| p.score);
    let unit = numerator_unit(&ind.id);
    let room = d - n;
    if room < Decimal::ONE || score_at(room).is_none_or(|s| s < floor) {
        return Some(format!("ไม่สามารถถึงระดับ{} ได้โดย{num_label}ไม่เกิน{}", level.thai(), number(d)));
    }
    // Binary search for the smallest k in 1..=room with score(n + k) ≥ floor (the score is monotone in k).
    let (mut lo, mut hi) = (Decimal::ONE, room);
    while lo < hi {
        let mid = ((lo + hi) / Decimal::TWO).floor();
        if score_at(mid).is_some_and(|s| s >= floor) {
            hi = mid;
        } else {
            lo = mid + Decimal::ONE;
        }
    }
    let reached = score_at(lo)?;
    Some(format!(
        "ต้องมี{num_label}เพิ่มอีก {} {unit} (จาก {} เป็น {}) จะได้ {reached} คะแนน ระดับ{}",
        number(lo),
        number(n),
        number(n + lo),
        level_for_decimal(reached).thai()
    ))
}

/// 4.2: chooses between the suggestion and the typed numbers, then scores with the formula.
fn score_development(
    ind: &Indicator,
    input: &IndicatorInput,
    suggestion: Option<&DevSuggestion>,
) -> (IndicatorResult, DevSource) {
    let typed = input.numerator.is_some() && input.denominator.is_some();
    let source = match (input.manual, suggestion, typed) {
        (false, Some(_), _) => DevSource::Suggested,
        (_, _, true) => DevSource::Manual,
        (true, Some(_), false) => DevSource::Suggested,
        (_, None, false) => DevSource::Missing,
    };
    let mut result = match (source, suggestion) {
        (DevSource::Suggested, Some(s)) => {
            score_percent(ind, Some(Decimal::from(s.numerator)), Some(Decimal::from(s.denominator)))
        }
        _ => score_percent(ind, input.numerator, input.denominator),
    };
    if source == DevSource::Suggested && suggestion.is_some_and(|s| s.denominator == 0) {
        result.warnings.push("ไม่มีตัวบ่งชี้ที่ประเมินทั้งปีนี้และปีก่อน — กรอกตัวเลขเองได้".to_string());
    }
    if input.manual && !typed && suggestion.is_some() {
        result.warnings.push("เลือกกรอกตัวเลขเองแต่ยังกรอกไม่ครบ — ใช้ตัวเลขที่แอปเสนอแทน".to_string());
    }
    (result, source)
}

/// The 4.2 suggestion (ours, see [`DEV_NOTE`]). An indicator is compared when it is present in both inputs and its
/// score can be computed in both years; it counts as developed when its score rose, or stayed at the top (5 / 5.00).
/// 4.2 itself is excluded.
pub fn suggest_development(this_year: &AssessmentInput, last_year: &AssessmentInput) -> DevSuggestion {
    let top = Decimal::from(5);
    let mut s = DevSuggestion { numerator: 0, denominator: 0, developed: Vec::new(), compared: Vec::new() };
    for ind in catalogue().indicators().filter(|i| i.id != DEV_INDICATOR) {
        let score = |input: &AssessmentInput| input.indicators.get(&ind.id).and_then(|i| score_indicator(ind, i).score);
        let (Some(now), Some(before)) = (score(this_year), score(last_year)) else { continue };
        s.compared.push(ind.id.clone());
        if now > before || (now == top && before == top) {
            s.developed.push(ind.id.clone());
        }
    }
    s.numerator = s.developed.len() as u32;
    s.denominator = s.compared.len() as u32;
    s
}

fn summary(label: String, scores: impl Iterator<Item = Option<Decimal>>) -> Summary {
    let scores: Vec<Option<Decimal>> = scores.collect();
    let known: Vec<Decimal> = scores.iter().flatten().copied().collect();
    let mean = div_trunc2(known.iter().sum(), Decimal::from(known.len()));
    Summary { label, mean, level: mean.map(level_for_decimal), counted: known.len(), total: scores.len() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn ticked(items: &[u8]) -> IndicatorInput {
        IndicatorInput { ticked: items.iter().copied().collect(), ..Default::default() }
    }

    fn fraction(n: &str, den: &str) -> IndicatorInput {
        IndicatorInput { numerator: Some(d(n)), denominator: Some(d(den)), ..Default::default() }
    }

    fn input(pairs: Vec<(&str, IndicatorInput)>) -> AssessmentInput {
        AssessmentInput { indicators: pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect() }
    }

    fn one(id: &str, inp: IndicatorInput) -> IndicatorResult {
        assess(&input(vec![(id, inp)]), None).indicator(id).unwrap().clone()
    }

    fn counts(pairs: &[(&str, &str)]) -> BTreeMap<String, Decimal> {
        pairs.iter().map(|(k, v)| (k.to_string(), d(v))).collect()
    }

    #[test]
    fn all_fourteen_indicators_appear_for_an_empty_input() {
        let r = assess(&AssessmentInput::default(), None);
        assert_eq!(r.indicators.len(), 14);
        let ids: Vec<&str> = r.indicators.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids[0..3], ["1.1", "1.2", "2.1"]);
        let r11 = r.indicator("1.1").unwrap();
        assert_eq!((r11.score, r11.score_text.as_str(), r11.level), (Some(d("0")), "0", Some(Level::NoResult)));
        assert_eq!(r11.items.len(), 5);
        let r12 = r.indicator("1.2").unwrap();
        assert_eq!((r12.score, r12.score_text.as_str(), r12.level, r12.advice.clone()), (None, "—", None, None));
        assert!(r12.warnings.is_empty());
        assert_eq!(r.dev_source, DevSource::Missing);
        assert_eq!(r.dev_suggestion, None);
        // 12 item indicators scored 0, 1.2 and 4.2 not computable.
        assert_eq!((r.overall.counted, r.overall.total), (12, 14));
        assert_eq!(r.overall.mean.unwrap().to_string(), "0.00");
        assert_eq!(r.overall.level, Some(Level::Urgent));
    }

    #[test]
    fn percent80_result_shows_working_and_advice() {
        let r = one("1.2", fraction("200", "300"));
        assert_eq!(r.score_text, "4.16");
        assert_eq!(r.percent.unwrap().to_string(), "66.66");
        assert_eq!(r.level, Some(Level::Good));
        assert_eq!(r.working.as_deref(), Some("200 ÷ 300 × 100 = 66.66 % → 66.66 ÷ 80 × 5 = 4.16"));
        // 4.51 needs 72.16 %: 216/300 = 72.00 % (4.50), 217/300 = 72.33 % (4.52).
        assert_eq!(
            r.advice.as_deref(),
            Some("ต้องมีจำนวนผู้สำเร็จการศึกษาเพิ่มอีก 17 คน (จาก 200 เป็น 217) จะได้ 4.52 คะแนน ระดับดีมาก")
        );
        assert_eq!(percent80(d("217"), d("300")).unwrap().score.to_string(), "4.52");
        assert_eq!(percent80(d("216"), d("300")).unwrap().score.to_string(), "4.50");
        assert!(r.items.is_empty());
    }

    #[test]
    fn percent80_advice_is_the_exact_minimum_for_every_band() {
        for den in [1u32, 3, 7, 100, 241, 300] {
            for num in 0..=den {
                let r = one("1.2", fraction(&num.to_string(), &den.to_string()));
                let score = r.score.unwrap();
                let Some((floor, _)) = next_band_floor(score) else {
                    assert_eq!(r.advice, None);
                    continue;
                };
                let advice = r.advice.unwrap();
                let k: u32 = advice.split("เพิ่มอีก ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
                let s = |x: u32| percent80(Decimal::from(num + x), Decimal::from(den)).unwrap().score;
                assert!(s(k) >= floor, "{num}/{den} +{k}");
                assert!(s(k - 1) < floor, "{num}/{den} +{k} is not the minimum");
            }
        }
    }

    #[test]
    fn percent80_capped_working_and_top_level_has_no_advice() {
        let r = one("1.2", fraction("120", "100"));
        assert_eq!(r.score_text, "5.00");
        assert_eq!(r.working.as_deref(), Some("120 ÷ 100 × 100 = 120.00 % → ตั้งแต่ร้อยละ 80.00 ขึ้นไป = 5.00"));
        assert_eq!(r.advice, None);
        assert_eq!(
            r.warnings,
            ["ตัวเลขเกินจำนวนทั้งหมด — โปรดตรวจสอบ: จำนวนผู้สำเร็จการศึกษา (120) มากกว่าจำนวนผู้เข้าเรียนแรกเข้าของรุ่น (100)"]
        );
        assert_eq!(r.level, Some(Level::VeryGood));
    }

    #[test]
    fn percent80_from_urgent_aims_at_1_51() {
        let r = one("1.2", fraction("10", "100"));
        assert_eq!((r.score_text.as_str(), r.level), ("0.62", Some(Level::Urgent)));
        // 1.51 × 16 = 24.16 % → 25 of 100.
        assert_eq!(
            r.advice.as_deref(),
            Some("ต้องมีจำนวนผู้สำเร็จการศึกษาเพิ่มอีก 15 คน (จาก 10 เป็น 25) จะได้ 1.56 คะแนน ระดับต้องปรับปรุง")
        );
    }

    #[test]
    fn percent80_invalid_and_missing_numbers() {
        let r = one("1.2", fraction("5", "-3"));
        assert_eq!(r.score, None);
        assert_eq!(r.warnings, ["จำนวนผู้เข้าเรียนแรกเข้าของรุ่น: ต้องไม่ติดลบ (กรอก -3)"]);
        let r = one("1.2", fraction("5.5", "10"));
        assert_eq!(r.warnings, ["จำนวนผู้สำเร็จการศึกษา: ต้องเป็นจำนวนเต็ม (กรอก 5.5)"]);
        let r = one("1.2", IndicatorInput { numerator: Some(d("5")), ..Default::default() });
        assert_eq!((r.score, r.warnings.clone()), (None, vec!["ยังไม่ได้กรอก: จำนวนผู้เข้าเรียนแรกเข้าของรุ่น".to_string()]));
        let r = one("1.2", fraction("0", "0"));
        assert_eq!((r.score, r.score_text.as_str(), r.level), (None, "—", None));
        assert_eq!(r.warnings, ["จำนวนผู้เข้าเรียนแรกเข้าของรุ่นเป็น 0 — คำนวณไม่ได้"]);
    }

    #[test]
    fn prefix_advice_names_the_first_unmet_item() {
        let r = one("2.1", ticked(&[1, 2, 4, 5]));
        assert_eq!(r.score_text, "2");
        assert_eq!(r.advice.as_deref(), Some("ทำข้อ 3 ให้ผ่าน จะได้ 5 คะแนน ระดับดีมาก"));
        assert_eq!(one("2.1", ticked(&[1, 2, 3, 4, 5])).advice, None);
        assert_eq!(one("4.1", ticked(&[])).advice.as_deref(), Some("ทำข้อ 1 ให้ผ่าน จะได้ 1 คะแนน ระดับต้องปรับปรุงเร่งด่วน"));
    }

    #[test]
    fn count_advice_lists_every_unmet_item_with_counts_gaps() {
        let r = one("2.3", ticked(&[2, 4]));
        assert_eq!(r.advice.as_deref(), Some("ทำข้อใดข้อหนึ่งให้ผ่าน (ข้อ 1, 3 หรือ 5) จะได้ 3 คะแนน ระดับพอใช้"));
        // Item 3 has a calculator, but no field is filled and it is in tick mode: nothing to show.
        assert_eq!((r.items[2].source, r.items[2].calc.clone()), (ItemSource::Tick, None));
        let inp = IndicatorInput {
            ticked: [2, 4].into(),
            by_counts: [3].into(),
            counts: counts(&[("teachers", "40"), ("teachers_trained", "28")]),
            ..Default::default()
        };
        let r = one("2.3", inp);
        assert_eq!(
            r.advice.as_deref(),
            Some(
                "ทำข้อใดข้อหนึ่งให้ผ่าน (ข้อ 1, 3 หรือ 5) จะได้ 3 คะแนน ระดับพอใช้ — ข้อ 3: \
                 ต้องการครูที่ได้รับการพัฒนาไม่น้อยกว่า 10 ชั่วโมงอีก 2 คน"
            )
        );
    }

    #[test]
    fn gate12_advice_goes_item_1_then_2_then_3_to_5() {
        assert_eq!(
            one("1.1", ticked(&[3, 4])).advice.as_deref(),
            Some("ทำข้อ 1 ให้ผ่าน จะได้ 1 คะแนน ระดับต้องปรับปรุงเร่งด่วน")
        );
        // With 2–5 already met, item 1 alone lifts 0 straight to 5.
        assert_eq!(one("1.1", ticked(&[2, 3, 4, 5])).advice.as_deref(), Some("ทำข้อ 1 ให้ผ่าน จะได้ 5 คะแนน ระดับดีมาก"));
        assert_eq!(one("1.1", ticked(&[1, 3, 4])).advice.as_deref(), Some("ทำข้อ 2 ให้ผ่าน จะได้ 4 คะแนน ระดับดี"));
        assert_eq!(
            one("1.1", ticked(&[1, 2])).advice.as_deref(),
            Some("ทำข้อใดข้อหนึ่งให้ผ่าน (ข้อ 3, 4 หรือ 5) จะได้ 3 คะแนน ระดับพอใช้")
        );
    }

    #[test]
    fn counts_mode_decides_the_item_and_its_gap_joins_the_advice() {
        let inp = IndicatorInput {
            ticked: [1, 2].into(),
            by_counts: [2].into(),
            counts: counts(&[("graduates", "241"), ("replies", "169")]),
            ..Default::default()
        };
        let r = one("1.1", inp);
        // Item 2 ticked, but decided by numbers: not met.
        assert_eq!(r.score_text, "1");
        let item2 = &r.items[1];
        assert_eq!((item2.met, item2.source), (false, ItemSource::Counts));
        assert_eq!(item2.calc.as_ref().unwrap().gap.as_deref(), Some("ต้องการข้อมูลตอบกลับอีก 12 ราย"));
        assert_eq!(r.advice.as_deref(), Some("ทำข้อ 2 ให้ผ่าน (ต้องการข้อมูลตอบกลับอีก 12 ราย) จะได้ 2 คะแนน ระดับต้องปรับปรุง"));
        // Item 1 is in tick mode; it shares the graduates field, so its calculator shows (numbers missing).
        assert_eq!((r.items[0].met, r.items[0].source), (true, ItemSource::Tick));
        assert_eq!(r.items[0].calc.as_ref().unwrap().met, None);
        // Item 3 shares the replies field: shown too.
        assert_eq!(r.items[2].calc.as_ref().unwrap().met, None);
    }

    #[test]
    fn tick_mode_still_shows_the_calculator_and_flags_disagreement() {
        let inp = IndicatorInput {
            ticked: [1, 2].into(),
            counts: counts(&[("graduates", "241"), ("replies", "169")]),
            ..Default::default()
        };
        let r = one("1.1", inp);
        assert_eq!(r.score_text, "2");
        assert_eq!(r.items[1].source, ItemSource::Tick);
        assert_eq!(r.items[1].calc.as_ref().unwrap().met, Some(false));
        // Item 1 shares the graduates field, so its calculator shows too (missing numbers).
        assert_eq!(r.items[0].calc.as_ref().unwrap().met, None);
        assert_eq!(r.warnings, ["ข้อ 2: ผลที่ติ๊กไม่ตรงกับผลจากตัวเลข — โปรดตรวจสอบ"]);
    }

    #[test]
    fn counts_mode_with_missing_numbers_is_not_met_and_warned() {
        let inp = IndicatorInput { by_counts: [1, 3].into(), ticked: [7].into(), ..Default::default() };
        let r = one("2.6", inp);
        assert_eq!(r.score_text, "0");
        assert_eq!(r.items[0].source, ItemSource::Tick);
        assert_eq!(
            r.warnings,
            [
                "ข้อ 7 ไม่มีในตัวบ่งชี้นี้ — ไม่นับ",
                "ข้อ 1 ไม่มีการคำนวณจากตัวเลข — ใช้ผลการติ๊กแทน",
                "ข้อ 3 ไม่มีการคำนวณจากตัวเลข — ใช้ผลการติ๊กแทน",
            ]
        );
        let inp = IndicatorInput { by_counts: [5].into(), ..Default::default() };
        let r = one("2.6", inp);
        assert_eq!(
            r.items[4].calc.as_ref().unwrap().working,
            "ยังไม่ได้กรอก: รายการที่ได้รับบริจาค (เงิน วัสดุอุปกรณ์ ครุภัณฑ์ หรือสิ่งอื่นๆ)"
        );
        assert_eq!(r.warnings, ["ข้อ 5: เลือกให้ตัดสินจากตัวเลขแต่ยังคำนวณไม่ได้ — ถือว่ายังไม่ผ่าน"]);
        assert_eq!(r.advice.as_deref(), Some("ทำข้อใดข้อหนึ่งให้ผ่าน (ข้อ 1, 2, 3, 4 หรือ 5) จะได้ 1 คะแนน ระดับต้องปรับปรุงเร่งด่วน — ข้อ 5: กรอกตัวเลขให้ครบและถูกต้อง"));
    }

    fn full_year(score_11: &[u8], r12: (&str, &str), prefix_items: &[u8]) -> AssessmentInput {
        let mut pairs = vec![("1.1", ticked(score_11)), ("1.2", fraction(r12.0, r12.1))];
        for id in ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "4.1"] {
            pairs.push((id, ticked(prefix_items)));
        }
        input(pairs)
    }

    #[test]
    fn dev_suggestion_counts_rises_and_stays_at_top() {
        let mut last = full_year(&[1, 2, 3, 4, 5], ("200", "300"), &[1, 2, 3]);
        let mut this = full_year(&[1, 2, 3, 4, 5], ("210", "300"), &[1, 2, 3]);
        // 2.1 and 2.2 rise, 2.3 falls; 1.1 stays at 5 (counts); 1.2 rises 4.16 → 4.37.
        this.indicators.insert("2.1".into(), ticked(&[1, 2, 3, 4]));
        this.indicators.insert("2.2".into(), ticked(&[1, 2, 3, 4, 5]));
        this.indicators.insert("2.3".into(), ticked(&[1]));
        // 3.1 stays at 3: not developed. 4.1 only assessed this year: not compared.
        last.indicators.remove("4.1");
        let r = assess(&this, Some(&last));
        let s = r.dev_suggestion.clone().unwrap();
        assert_eq!(s.developed, ["1.1", "1.2", "2.1", "2.2"]);
        assert_eq!(s.compared.len(), 12);
        assert!(!s.compared.contains(&"4.1".to_string()) && !s.compared.contains(&"4.2".to_string()));
        assert_eq!((s.numerator, s.denominator), (4, 12));
        assert_eq!(r.dev_source, DevSource::Suggested);
        let r42 = r.indicator("4.2").unwrap();
        // 4/12 = 33.33 % → 2.08.
        assert_eq!((r42.score_text.as_str(), r42.level), ("2.08", Some(Level::NeedsImprovement)));
    }

    #[test]
    fn dev_suggestion_ignores_uncomputable_percent80() {
        let this = input(vec![("1.2", fraction("1", "0")), ("2.1", ticked(&[1]))]);
        let last = input(vec![("1.2", fraction("1", "2")), ("2.1", ticked(&[]))]);
        let s = suggest_development(&this, &last);
        assert_eq!((s.compared, s.developed), (vec!["2.1".to_string()], vec!["2.1".to_string()]));
    }

    #[test]
    fn dev_manual_override_and_missing() {
        let last = input(vec![("2.1", ticked(&[1]))]);
        let mut this =
            input(vec![("2.1", ticked(&[1])), ("4.2", IndicatorInput { manual: true, ..fraction("10", "13") })]);
        let r = assess(&this, Some(&last));
        assert_eq!(r.dev_source, DevSource::Manual);
        assert_eq!(r.indicator("4.2").unwrap().score_text, "4.80");
        // The suggestion is still there for the UI: 2.1 stayed at 1, not developed.
        assert_eq!(r.dev_suggestion.as_ref().map(|s| (s.numerator, s.denominator)), Some((0, 1)));
        // Not manual: the suggestion wins over typed numbers.
        this.indicators.get_mut("4.2").unwrap().manual = false;
        let r = assess(&this, Some(&last));
        assert_eq!(r.dev_source, DevSource::Suggested);
        assert_eq!(r.indicator("4.2").unwrap().score_text, "0.00");
        // No last year: typed numbers are used whatever the flag.
        let r = assess(&this, None);
        assert_eq!((r.dev_source, r.indicator("4.2").unwrap().score_text.as_str()), (DevSource::Manual, "4.80"));
        // Nothing typed, no last year: missing.
        let r = assess(&input(vec![]), None);
        assert_eq!((r.dev_source, r.indicator("4.2").unwrap().score), (DevSource::Missing, None));
        // Manual chosen but empty: falls back to the suggestion, with a warning.
        let this =
            input(vec![("2.1", ticked(&[1, 2])), ("4.2", IndicatorInput { manual: true, ..Default::default() })]);
        let r = assess(&this, Some(&last));
        assert_eq!(r.dev_source, DevSource::Suggested);
        assert_eq!(r.indicator("4.2").unwrap().score_text, "5.00");
        assert_eq!(r.indicator("4.2").unwrap().warnings, ["เลือกกรอกตัวเลขเองแต่ยังกรอกไม่ครบ — ใช้ตัวเลขที่แอปเสนอแทน"]);
    }

    #[test]
    fn dev_suggestion_with_nothing_in_common_cannot_compute() {
        let r = assess(&input(vec![("2.1", ticked(&[1]))]), Some(&input(vec![])));
        let r42 = r.indicator("4.2").unwrap();
        assert_eq!((r.dev_source, r42.score), (DevSource::Suggested, None));
        assert_eq!(
            r42.warnings,
            ["จำนวนตัวบ่งชี้ทั้งหมดที่มีการประเมินเป็น 0 — คำนวณไม่ได้", "ไม่มีตัวบ่งชี้ที่ประเมินทั้งปีนี้และปีก่อน — กรอกตัวเลขเองได้"]
        );
    }

    #[test]
    fn summaries_are_truncated_means_of_computable_scores() {
        let this = full_year(&[1, 2, 3], ("200", "300"), &[1, 2, 3, 4]);
        let r = assess(&this, None);
        // Standard 1: (3 + 4.16) / 2 = 3.58 → ดี.
        let s1 = &r.standards[0];
        assert_eq!(s1.label, "มาตรฐานที่ 1 ด้านผลการจัดการศึกษา");
        assert_eq!(
            (s1.mean.unwrap().to_string(), s1.level, s1.counted, s1.total),
            ("3.58".into(), Some(Level::Good), 2, 2)
        );
        // Standard 4: 4.1 = 4, 4.2 not computable.
        let s4 = &r.standards[3];
        assert_eq!((s4.mean.unwrap().to_string(), s4.counted, s4.total), ("4.00".into(), 1, 2));
        // Overall: (3 + 4.16 + 11 × 4) / 13 = 51.16 / 13 = 3.9353… → 3.93.
        assert_eq!(r.overall.label, "ภาพรวม");
        assert_eq!((r.overall.mean.unwrap().to_string(), r.overall.counted, r.overall.total), ("3.93".into(), 13, 14));
        assert_eq!(r.overall.level, Some(Level::Good));
    }

    #[test]
    fn input_round_trips_through_json() {
        let inp = input(vec![
            (
                "1.1",
                IndicatorInput {
                    ticked: [1].into(),
                    by_counts: [2].into(),
                    counts: counts(&[("graduates", "240")]),
                    ..Default::default()
                },
            ),
            ("1.2", fraction("200", "300")),
        ]);
        let json = serde_json::to_string(&inp).unwrap();
        assert_eq!(serde_json::from_str::<AssessmentInput>(&json).unwrap(), inp);
        assert_eq!(serde_json::from_str::<AssessmentInput>("{}").unwrap(), AssessmentInput::default());
        let partial: AssessmentInput = serde_json::from_str(r#"{"indicators":{"2.1":{"ticked":[1,2]}}}"#).unwrap();
        assert_eq!(partial.indicators["2.1"], ticked(&[1, 2]));
    }
}
