//! The command line's JSON: reading an assessment ([`parse_cli_input`]) with errors that name the JSON path, and
//! writing the scores ([`cli_output`]). Messages here are English (a tool for developers and integrators); the level
//! names in the output stay Thai.
//!
//! Input: `{"indicators": {"1.1": {"met": [1, 2, 4]}, "1.2": {"numerator": 200, "denominator": 300}}}`. Item-rule
//! indicators take `met` (whole numbers 1–5, no duplicates); `percent80` indicators take `numerator` and
//! `denominator` (whole numbers ≥ 0). Numbers are read from the JSON text as integers, never through floating point.

use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::assess::{AssessmentInput, AssessmentResult, IndicatorInput, IndicatorResult, Summary, SUMMARY_NOTE};
use super::catalogue::{catalogue, Indicator};
use super::rules::Rule;

/// Reads the command line's JSON input.
pub fn parse_cli_input(json: &str) -> Result<AssessmentInput, String> {
    let root: Value = serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let Value::Object(root) = root else {
        return Err(format!("top level: expected an object with \"indicators\", got {}", kind(&root)));
    };
    if let Some(key) = root.keys().find(|k| *k != "indicators") {
        return Err(format!("{key}: unknown field (the top level holds only \"indicators\")"));
    }
    let indicators = match root.get("indicators") {
        None => return Err("missing \"indicators\"".to_string()),
        Some(Value::Object(m)) => m,
        Some(other) => {
            return Err(format!("indicators: expected an object keyed by indicator id, got {}", kind(other)))
        }
    };
    let mut input = AssessmentInput::default();
    for (id, value) in indicators {
        let path = format!("indicators.{id}");
        let ind = catalogue().indicator(id).ok_or_else(|| format!("{path}: unknown indicator"))?;
        let Value::Object(fields) = value else {
            return Err(format!("{path}: expected an object, got {}", kind(value)));
        };
        input.indicators.insert(id.clone(), parse_indicator(ind, fields, &path)?);
    }
    Ok(input)
}

fn parse_indicator(ind: &Indicator, fields: &Map<String, Value>, path: &str) -> Result<IndicatorInput, String> {
    let allowed: &[&str] = if ind.rule == Rule::Percent80 { &["numerator", "denominator"] } else { &["met"] };
    for key in fields.keys() {
        if !allowed.contains(&key.as_str()) {
            let hint = match (ind.rule, key.as_str()) {
                (Rule::Percent80, "met") => {
                    format!("{} is scored by a formula; use \"numerator\" and \"denominator\"", ind.id)
                }
                (Rule::Percent80, _) => "unknown field; use \"numerator\" and \"denominator\"".to_string(),
                (_, "numerator" | "denominator") => format!("{} is scored by items; use \"met\"", ind.id),
                _ => "unknown field; use \"met\"".to_string(),
            };
            return Err(format!("{path}.{key}: {hint}"));
        }
    }
    let mut out = IndicatorInput::default();
    if ind.rule == Rule::Percent80 {
        out.numerator = Some(whole_number(fields, path, "numerator")?);
        out.denominator = Some(whole_number(fields, path, "denominator")?);
        // Typed numbers: for 4.2 this is the manual choice (the command line has no last year).
        out.manual = true;
        return Ok(out);
    }
    let met = match fields.get("met") {
        None => return Err(format!("{path}: missing \"met\" (the list of items met, e.g. [1, 2, 4])")),
        Some(Value::Array(a)) => a,
        Some(other) => return Err(format!("{path}.met: expected an array of item numbers, got {}", kind(other))),
    };
    for (i, v) in met.iter().enumerate() {
        let at = format!("{path}.met[{i}]");
        let n = match v.as_u64() {
            Some(n) => n,
            None if v.is_number() => return Err(format!("{at}: must be a whole number 1–5, got {v}")),
            None => return Err(format!("{at}: must be a whole number 1–5, got {}", kind(v))),
        };
        let n = u8::try_from(n)
            .ok()
            .filter(|n| (1..=5).contains(n))
            .ok_or_else(|| format!("{at}: item {v} is out of range 1–5"))?;
        if !out.ticked.insert(n) {
            return Err(format!("{at}: item {n} is listed twice"));
        }
    }
    Ok(out)
}

/// A required whole number ≥ 0 at `path.key`.
fn whole_number(fields: &Map<String, Value>, path: &str, key: &str) -> Result<Decimal, String> {
    let v = fields.get(key).ok_or_else(|| format!("{path}: missing \"{key}\" (a whole number ≥ 0)"))?;
    let max = crate::domain::numbers::Kind::Whole.bounds().max;
    match v.as_u64() {
        Some(n) if n > max as u64 => Err(format!("{path}.{key}: too large — มากเกินไป (at most {max}), got {v}")),
        Some(n) => Ok(Decimal::from(n)),
        None if v.as_f64().is_some_and(|f| f > max as f64) => {
            Err(format!("{path}.{key}: too large — มากเกินไป (at most {max}), got {v}"))
        }
        None if v.is_number() => Err(format!("{path}.{key}: must be a whole number ≥ 0, got {v}")),
        None => Err(format!("{path}.{key}: must be a whole number ≥ 0, got {}", kind(v))),
    }
}

/// The JSON type of a value, for messages (strings are quoted in full).
fn kind(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("the string {}", Value::String(s.clone())),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// The command line's output: the indicators present in the input (catalogue order) and the summaries.
pub fn cli_output(result: &AssessmentResult, input: &AssessmentInput) -> Value {
    let indicators: Vec<Value> = result
        .indicators
        .iter()
        .filter(|r| input.indicators.contains_key(&r.id))
        .map(|r| indicator_json(r, input.indicators.get(&r.id)))
        .collect();
    let standards: Vec<Value> = catalogue()
        .standards
        .iter()
        .zip(&result.standards)
        .map(|(s, sum)| {
            let mut v = summary_json(sum);
            v["standard"] = json!(s.id);
            v
        })
        .collect();
    json!({
        "indicators": indicators,
        "summary": {
            "note": SUMMARY_NOTE,
            "overall": summary_json(&result.overall),
            "standards": standards,
        },
    })
}

fn indicator_json(r: &IndicatorResult, input: Option<&IndicatorInput>) -> Value {
    let mut v = json!({
        "id": r.id,
        "score": r.score.map(|_| r.score_text.clone()),
        "level": r.level.map(|l| l.thai()),
    });
    if let Some(p) = r.percent {
        v["percent"] = json!(p.to_string());
    }
    if r.score.is_none() {
        v["error"] = json!(cannot_compute_reason(input));
    }
    if !r.warnings.is_empty() {
        v["warnings"] = json!(r.warnings);
    }
    v
}

/// Why a `percent80` indicator has no score, in the command line's English.
fn cannot_compute_reason(input: Option<&IndicatorInput>) -> String {
    let (n, d) = input.map_or((None, None), |i| (i.numerator, i.denominator));
    let reason = match (n, d) {
        (_, Some(d)) if d.is_zero() => "denominator is 0",
        (None, _) | (_, None) => "numerator and denominator are required",
        _ => "the numbers are not valid",
    };
    format!("cannot compute: {reason}")
}

fn summary_json(s: &Summary) -> Value {
    json!({
        "mean": s.mean.map(|m| m.to_string()),
        "level": s.level.map(|l| l.thai()),
        "counted": s.counted,
        "total": s.total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::college_qa::assess::assess;

    fn run(json: &str) -> Value {
        let input = parse_cli_input(json).unwrap();
        cli_output(&assess(&input, None), &input)
    }

    #[test]
    fn example_input_scores() {
        let out = run(
            r#"{"indicators": {"1.1": {"met": [1,2,4]}, "1.2": {"numerator": 200, "denominator": 300}, "2.3": {"met": []}}}"#,
        );
        assert_eq!(
            out["indicators"],
            json!([
                {"id": "1.1", "score": "3", "level": "พอใช้"},
                {"id": "1.2", "score": "4.16", "level": "ดี", "percent": "66.66"},
                {"id": "2.3", "score": "0", "level": "ไม่มีผลตามประเด็น"},
            ])
        );
        // Standard 1: (3 + 4.16) / 2 = 3.58.
        assert_eq!(
            out["summary"]["standards"][0],
            json!({"standard": 1, "mean": "3.58", "level": "ดี", "counted": 2, "total": 2})
        );
        assert_eq!(out["summary"]["standards"].as_array().unwrap().len(), 4);
        // All 12 item-rule indicators count (absent ones score 0) plus 1.2; 4.2 is not computable.
        assert_eq!(out["summary"]["overall"]["counted"], 13);
        assert_eq!(out["summary"]["overall"]["total"], 14);
        assert_eq!(out["summary"]["note"], SUMMARY_NOTE);
    }

    #[test]
    fn zero_denominator_reports_cannot_compute() {
        let out = run(r#"{"indicators": {"1.2": {"numerator": 0, "denominator": 0}}}"#);
        assert_eq!(
            out["indicators"][0],
            json!({"id": "1.2", "score": null, "level": null, "error": "cannot compute: denominator is 0",
                   "warnings": ["จำนวนผู้เข้าเรียนแรกเข้าของรุ่นเป็น 0 — คำนวณไม่ได้"]})
        );
    }

    #[test]
    fn graduates_above_entrants_are_flagged() {
        let out = run(r#"{"indicators": {"1.2": {"numerator": 310, "denominator": 300}}}"#);
        assert_eq!(out["indicators"][0]["score"], "5.00");
        assert_eq!(out["indicators"][0]["warnings"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn manual_4_2() {
        let out = run(r#"{"indicators": {"4.2": {"numerator": 10, "denominator": 13}}}"#);
        assert_eq!(out["indicators"][0], json!({"id": "4.2", "score": "4.80", "level": "ดีมาก", "percent": "76.92"}));
    }

    #[test]
    fn errors_name_the_field() {
        let err = |j: &str| parse_cli_input(j).unwrap_err();
        assert_eq!(
            err(r#"{"indicators": {"1.2": {"numerator": 1, "denominator": -3}}}"#),
            "indicators.1.2.denominator: must be a whole number ≥ 0, got -3"
        );
        assert_eq!(
            err(r#"{"indicators": {"1.2": {"numerator": 2.5, "denominator": 3}}}"#),
            "indicators.1.2.numerator: must be a whole number ≥ 0, got 2.5"
        );
        assert_eq!(
            err(r#"{"indicators": {"1.2": {"numerator": "200", "denominator": 3}}}"#),
            "indicators.1.2.numerator: must be a whole number ≥ 0, got the string \"200\""
        );
        assert_eq!(
            err(r#"{"indicators": {"1.2": {"numerator": 1}}}"#),
            "indicators.1.2: missing \"denominator\" (a whole number ≥ 0)"
        );
        assert_eq!(err(r#"{"indicators": {"9.9": {"met": []}}}"#), "indicators.9.9: unknown indicator");
        assert_eq!(
            err(r#"{"indicators": {"2.1": {"met": [1, 2, 7]}}}"#),
            "indicators.2.1.met[2]: item 7 is out of range 1–5"
        );
        assert_eq!(
            err(r#"{"indicators": {"2.1": {"met": [0]}}}"#),
            "indicators.2.1.met[0]: item 0 is out of range 1–5"
        );
        assert_eq!(err(r#"{"indicators": {"2.1": {"met": [1, 1]}}}"#), "indicators.2.1.met[1]: item 1 is listed twice");
        assert_eq!(
            err(r#"{"indicators": {"2.1": {"met": [1.5]}}}"#),
            "indicators.2.1.met[0]: must be a whole number 1–5, got 1.5"
        );
        assert_eq!(
            err(r#"{"indicators": {"2.1": {"met": [-1]}}}"#),
            "indicators.2.1.met[0]: must be a whole number 1–5, got -1"
        );
        assert_eq!(
            err(r#"{"indicators": {"2.1": {"met": 3}}}"#),
            "indicators.2.1.met: expected an array of item numbers, got 3"
        );
        assert_eq!(
            err(r#"{"indicators": {"2.1": {}}}"#),
            "indicators.2.1: missing \"met\" (the list of items met, e.g. [1, 2, 4])"
        );
        assert_eq!(
            err(r#"{"indicators": {"2.1": {"numerator": 1}}}"#),
            "indicators.2.1.numerator: 2.1 is scored by items; use \"met\""
        );
        assert_eq!(
            err(r#"{"indicators": {"1.2": {"met": [1]}}}"#),
            "indicators.1.2.met: 1.2 is scored by a formula; use \"numerator\" and \"denominator\""
        );
        assert_eq!(
            err(r#"{"indicators": {"2.1": {"met": [], "x": 1}}}"#),
            "indicators.2.1.x: unknown field; use \"met\""
        );
        assert_eq!(err(r#"{"indicators": {"2.1": [1]}}"#), "indicators.2.1: expected an object, got an array");
        assert_eq!(err(r#"{}"#), "missing \"indicators\"");
        assert_eq!(err(r#"{"indicators": [], "x": 1}"#), "x: unknown field (the top level holds only \"indicators\")");
        assert_eq!(err(r#"{"indicators": []}"#), "indicators: expected an object keyed by indicator id, got an array");
        assert_eq!(err(r#"[1]"#), "top level: expected an object with \"indicators\", got an array");
        assert!(err("{nope").starts_with("not JSON: "));
    }

    #[test]
    fn large_whole_numbers_are_exact() {
        let out = run(r#"{"indicators": {"1.2": {"numerator": 9999999, "denominator": 10000000}}}"#);
        assert_eq!(out["indicators"][0]["percent"], "99.99");
    }

    /// Issue 12 point 10: a count beyond its bounds is refused naming the field ("too large"), not computed on
    /// (before, 18446744073709551614 of 18446744073709551615 was scored).
    #[test]
    fn counts_beyond_bounds_are_too_large() {
        let err = |j: &str| parse_cli_input(j).unwrap_err();
        for n in ["18446744073709551615", "1000000000000000000000000000", "79228162514264337593543950335", "1e30"] {
            assert_eq!(
                err(&format!(r#"{{"indicators": {{"1.2": {{"numerator": 1, "denominator": {n}}}}}}}"#)),
                format!("indicators.1.2.denominator: too large — มากเกินไป (at most 10000000), got {}",
                    serde_json::from_str::<Value>(n).unwrap())
            );
        }
    }
}
