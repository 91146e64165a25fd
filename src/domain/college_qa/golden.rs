//! The golden cases of `shared/spec/college-qa-2559.md`, one test each, checked as printed strings.

use std::collections::BTreeSet;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::assess::{assess, AssessmentInput, IndicatorInput};
use super::rules::{item_score, level_for_decimal, level_for_items, percent80, Level, Rule};

/// percent, score and level of 1.2 / 4.2 as the screen shows them.
fn p80(n: &str, d: &str) -> Option<(String, String, Level)> {
    let p = percent80(Decimal::from_str(n).unwrap(), Decimal::from_str(d).unwrap())?;
    Some((p.percent.to_string(), p.score.to_string(), level_for_decimal(p.score)))
}

fn expect(n: &str, d: &str, percent: &str, score: &str, level: Level) {
    assert_eq!(p80(n, d), Some((percent.to_string(), score.to_string(), level)), "{n}/{d}");
    // The same through the whole assessment, as the UI and CLI see it.
    let mut input = AssessmentInput::default();
    let typed = IndicatorInput {
        numerator: Some(Decimal::from_str(n).unwrap()),
        denominator: Some(Decimal::from_str(d).unwrap()),
        ..Default::default()
    };
    input.indicators.insert("1.2".into(), typed);
    let r = assess(&input, None);
    let r = r.indicator("1.2").unwrap();
    assert_eq!(
        (r.score_text.as_str(), r.percent.map(|p| p.to_string()), r.level),
        (score, Some(percent.to_string()), Some(level))
    );
}

#[test]
fn golden_1_2_240_of_300_is_5_00_very_good() {
    expect("240", "300", "80.00", "5.00", Level::VeryGood);
}

#[test]
fn golden_1_2_200_of_300_is_4_16_good() {
    expect("200", "300", "66.66", "4.16", Level::Good);
}

#[test]
fn golden_1_2_1_of_3_is_2_08_needs_improvement() {
    expect("1", "3", "33.33", "2.08", Level::NeedsImprovement);
}

#[test]
fn golden_1_2_72_of_100_is_4_50_good_not_very_good() {
    expect("72", "100", "72.00", "4.50", Level::Good);
}

#[test]
fn golden_1_2_0_of_0_cannot_compute() {
    assert_eq!(p80("0", "0"), None);
    let mut input = AssessmentInput::default();
    input.indicators.insert(
        "1.2".into(),
        IndicatorInput { numerator: Some(Decimal::ZERO), denominator: Some(Decimal::ZERO), ..Default::default() },
    );
    let r = assess(&input, None);
    let r = r.indicator("1.2").unwrap();
    assert_eq!((r.score, r.score_text.as_str(), r.level, r.percent), (None, "—", None, None));
}

#[test]
fn golden_4_2_10_of_13_is_4_80_very_good() {
    assert_eq!(p80("10", "13"), Some(("76.92".into(), "4.80".into(), Level::VeryGood)));
    let mut input = AssessmentInput::default();
    input.indicators.insert(
        "4.2".into(),
        IndicatorInput { numerator: Some(10.into()), denominator: Some(13.into()), manual: true, ..Default::default() },
    );
    let r = assess(&input, None);
    let r = r.indicator("4.2").unwrap();
    assert_eq!((r.score_text.as_str(), r.level), ("4.80", Some(Level::VeryGood)));
}

fn gate12(items: &[u8]) -> (u8, Level) {
    let s = item_score(Rule::Gate12, &items.iter().copied().collect::<BTreeSet<u8>>());
    (s, level_for_items(s))
}

#[test]
fn golden_1_1_all_five_is_5() {
    assert_eq!(gate12(&[1, 2, 3, 4, 5]), (5, Level::VeryGood));
}

#[test]
fn golden_1_1_1235_is_4() {
    assert_eq!(gate12(&[1, 2, 3, 5]), (4, Level::Good));
}

#[test]
fn golden_1_1_124_is_3() {
    assert_eq!(gate12(&[1, 2, 4]), (3, Level::Fair));
}

#[test]
fn golden_1_1_12_is_2() {
    assert_eq!(gate12(&[1, 2]), (2, Level::NeedsImprovement));
}

#[test]
fn golden_1_1_1_is_1() {
    assert_eq!(gate12(&[1]), (1, Level::Urgent));
}

#[test]
fn golden_1_1_2345_is_0() {
    assert_eq!(gate12(&[2, 3, 4, 5]), (0, Level::NoResult));
    assert_eq!(Level::NoResult.thai(), "ไม่มีผลตามประเด็น");
}

#[test]
fn golden_2_1_prefix_1235_is_3() {
    let mut input = AssessmentInput::default();
    input.indicators.insert("2.1".into(), IndicatorInput { ticked: [1, 2, 3, 5].into(), ..Default::default() });
    let r = assess(&input, None);
    assert_eq!(r.indicator("2.1").unwrap().score_text, "3");
    assert_eq!(r.indicator("2.1").unwrap().level, Some(Level::Fair));
}

#[test]
fn golden_2_3_count_245_is_3() {
    let mut input = AssessmentInput::default();
    input.indicators.insert("2.3".into(), IndicatorInput { ticked: [2, 4, 5].into(), ..Default::default() });
    let r = assess(&input, None);
    assert_eq!(r.indicator("2.3").unwrap().score_text, "3");
    assert_eq!(r.indicator("2.3").unwrap().level, Some(Level::Fair));
}
