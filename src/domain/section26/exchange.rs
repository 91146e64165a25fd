//! The command line's files (`mattrathan score --standard S.json --answers A.csv --practical P.json`):
//!
//! - S.json, the scoring scheme: `{"key": ["ก","ค",…], "criteria": {"model": 1, "wK": 30, "wS": 70, "tK": 60,
//!   "tS": 70, "tT": 60, "module_threshold": 70}, "modules": [{"id": "1", "name": "…", "threshold": 70,
//!   "items": [{"id": "1", "title": "…", "full": 5, "type": "judgement" | "yes_no" | "critical" |
//!   "measurement", "nominal": 250, "tolerance": 1}]}]}` (key letters ก–จ or A–E; `options` optional);
//! - A.csv, knowledge answers (see [`super::answers::parse_answers_csv`]);
//! - P.json, practical marks: `{"A001": {"1": {"1": [2, 2, 3], "2": 251, "3": true}}}` — candidate → module →
//!   item → judges' scores (judgement), the measured value (measurement) or true/false (yes/no, critical).
//!
//! Output: one JSON object per candidate, in CSV order. Every refusal names the file and the field or line.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{json, Value};

use super::answers::{parse_answers_csv, parse_choice};
use super::marking::{ItemKind, ItemMark, Module};
use super::score::{score_candidate, CandidateInput, CandidateResult, PracticalMarks, Scheme};
use super::verdict::Criteria;
use crate::domain::numbers::{check, looks_numeric, Kind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScheme {
    key: Vec<String>,
    #[serde(default)]
    options: Option<Vec<u8>>,
    criteria: Criteria,
    modules: Vec<Module>,
}

/// Reads and checks S.json.
pub fn parse_scheme(text: &str) -> Result<Scheme, String> {
    let raw: RawScheme = serde_json::from_str(text).map_err(|e| format!("S.json: {e}"))?;
    let mut key = Vec::with_capacity(raw.key.len());
    for (i, k) in raw.key.iter().enumerate() {
        key.push(parse_choice(k).ok_or_else(|| format!("S.json: key[{i}] (ข้อ {}): “{k}” ไม่ใช่ ก–จ หรือ A–E", i + 1))?);
    }
    if key.is_empty() {
        return Err("S.json: key: ต้องมีเฉลยอย่างน้อย 1 ข้อ".into());
    }
    let options = match raw.options {
        Some(o) if o.len() != key.len() => return Err(format!("S.json: options: มี {} ค่า แต่ key มี {} ข้อ", o.len(), key.len())),
        Some(o) => o,
        None => key.iter().map(|k| if *k == 4 { 5 } else { 4 }).collect(),
    };
    for (i, (k, o)) in key.iter().zip(&options).enumerate() {
        // 2 (true/false), 4–5 (multiple choice) or up to a matching set's 19 answers.
        if *o < 2 || usize::from(*o) > crate::domain::section26::bank::MATCH_LETTERS.len() || k >= o {
            return Err(format!("S.json: options[{i}] (ข้อ {}): ต้องเป็น 2–19 และมากกว่าเฉลย", i + 1));
        }
    }
    if let Some(p) = raw.criteria.problems().first() {
        return Err(format!("S.json: criteria.{p}"));
    }
    for (mi, m) in raw.modules.iter().enumerate() {
        if raw.modules[..mi].iter().any(|o| o.id == m.id) {
            return Err(format!("S.json: modules[{mi}].id: โมดูล “{}” ซ้ำ", m.id));
        }
        for (ii, it) in m.items.iter().enumerate() {
            let at = format!("S.json: modules[{mi}].items[{ii}]");
            if m.items[..ii].iter().any(|o| o.id == it.id) {
                return Err(format!("{at}.id: รายการ “{}” ซ้ำ", it.id));
            }
            // Bounds of every number (crate::domain::numbers::BOUNDS): "มากเกินไป", "ต้องไม่ติดลบ", named.
            check(&format!("{at}.full"), it.full, Kind::FullMark)?;
            if let ItemKind::Measurement { nominal, tolerance } = it.kind {
                check(&format!("{at}.nominal"), nominal, Kind::Measurement)?;
                check(&format!("{at}.tolerance"), tolerance, Kind::Tolerance)?;
            }
        }
        if let Some(t) = m.threshold {
            check(&format!("S.json: modules[{mi}].threshold"), t, Kind::Percent)?;
        }
    }
    if raw.modules.is_empty() {
        return Err("S.json: modules: ต้องมีอย่างน้อย 1 โมดูล".into());
    }
    Ok(Scheme { key, options, criteria: raw.criteria, modules: raw.modules })
}

fn mark_from_json(kind: &ItemKind, v: &Value, at: &str) -> Result<ItemMark, String> {
    match kind {
        ItemKind::Judgement => {
            let arr = v.as_array().ok_or_else(|| format!("{at}: ต้องเป็นรายการคะแนนกรรมการ เช่น [2, 2, 3]"))?;
            arr.iter()
                .enumerate()
                .map(|(j, s)| {
                    s.as_u64()
                        .filter(|s| *s <= 3)
                        .map(|s| s as u8)
                        .ok_or_else(|| format!("{at}[{j}]: คะแนนกรรมการต้องเป็น 0–3 (ได้ {s})"))
                })
                .collect::<Result<Vec<u8>, String>>()
                .map(ItemMark::Judges)
        }
        ItemKind::Measurement { .. } => {
            let text = match v {
                Value::Number(n) => n.to_string(),
                Value::String(s) => s.clone(),
                _ => return Err(format!("{at}: ต้องเป็นค่าที่วัดได้ (ตัวเลข)")),
            };
            let v = match text.trim().parse::<Decimal>() {
                Ok(v) => v,
                Err(_) if looks_numeric(text.trim()) => return Err(format!("{at}: มากเกินไป (ได้ {text})")),
                Err(_) => return Err(format!("{at}: “{text}” ไม่ใช่ตัวเลข")),
            };
            check(at, v, Kind::Measurement).map(ItemMark::Measured)
        }
        ItemKind::YesNo | ItemKind::Critical => {
            v.as_bool().map(ItemMark::Done).ok_or_else(|| format!("{at}: ต้องเป็น true หรือ false"))
        }
    }
}

/// Reads P.json against the scheme: candidate → module id → item id → mark.
pub fn parse_practical(text: &str, scheme: &Scheme) -> Result<BTreeMap<String, PracticalMarks>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("P.json: {e}"))?;
    let cands = v.as_object().ok_or("P.json: ต้องเป็นออบเจกต์ {ผู้เข้าทดสอบ: {โมดูล: {รายการ: คะแนน}}}")?;
    let mut out = BTreeMap::new();
    for (cand, modules) in cands {
        let modules = modules.as_object().ok_or_else(|| format!("P.json: {cand}: ต้องเป็นออบเจกต์ของโมดูล"))?;
        let mut per_module = BTreeMap::new();
        for (mid, items) in modules {
            let module = scheme.modules.iter().find(|m| &m.id == mid).ok_or_else(|| format!("P.json: {cand} → โมดูล {mid}: ไม่มีใน S.json"))?;
            let items = items.as_object().ok_or_else(|| format!("P.json: {cand} → โมดูล {mid}: ต้องเป็นออบเจกต์ของรายการ"))?;
            let mut marks = BTreeMap::new();
            for (iid, value) in items {
                let at = format!("P.json: {cand} → โมดูล {mid} → รายการ {iid}");
                let item = module.items.iter().find(|i| &i.id == iid).ok_or_else(|| format!("{at}: ไม่มีใน S.json"))?;
                marks.insert(iid.clone(), mark_from_json(&item.kind, value, &at)?);
            }
            per_module.insert(mid.clone(), marks);
        }
        out.insert(cand.clone(), per_module);
    }
    Ok(out)
}

/// Scores every candidate of A.csv. Refuses a candidate in P.json but not in A.csv, and any item that cannot be
/// finalised (missing marks, spread > 1) naming the candidate, module and item.
pub fn score_files(scheme_json: &str, answers_csv: &str, practical_json: &str) -> Result<Vec<CandidateResult>, String> {
    let scheme = parse_scheme(scheme_json)?;
    let rows = parse_answers_csv(answers_csv, &scheme.options).map_err(|e| format!("A.csv: {e}"))?;
    let mut practical = parse_practical(practical_json, &scheme)?;
    if let Some(extra) = practical.keys().find(|c| !rows.iter().any(|r| &r.candidate == *c)) {
        return Err(format!("P.json: {extra}: ไม่มีผู้เข้าทดสอบนี้ใน A.csv"));
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let input = CandidateInput {
            practical: practical.remove(&row.candidate).unwrap_or_default(),
            candidate: row.candidate,
            answers: row.answers,
        };
        let r = score_candidate(&scheme, &input);
        if let Some(m) = r.modules.iter().find(|m| !m.is_final()) {
            let (item, why) = &m.pending[0];
            return Err(format!("P.json: {} → โมดูล {} → รายการ {item}: {why}", r.candidate, m.module));
        }
        out.push(r);
    }
    Ok(out)
}

/// One output object.
pub fn result_json(r: &CandidateResult) -> Value {
    let mut v = json!({
        "candidate": r.candidate,
        "knowledge_score": r.correct,
        "knowledge_items": r.items,
        "knowledge_percent": r.verdict.knowledge.text(),
        "skill_percent": r.verdict.skill.text(),
        "total_percent": r.verdict.total.text(),
        "modules": r.modules.iter().map(|m| json!({
            "module": m.module,
            "points": m.points.to_string(),
            "percent": m.percent.text(),
            "pass": m.pass,
        })).collect::<Vec<_>>(),
        "result": r.verdict.result_text(),
    });
    if !r.verdict.pass {
        v["reasons"] = json!(r.verdict.reasons);
    }
    v
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Five questions; module 1 two judgement items (three judges), module 2 a measurement, a yes/no and a critical
    /// item (the command line's example scheme). Form 15's tests use it too.
    pub(crate) const S: &str = r#"{"key": ["ก","ข","c","D","a"],
        "criteria": {"model": 1, "wK": 30, "wS": 70, "tK": 60, "tS": 70, "tT": 60, "module_threshold": 70},
        "modules": [{"id": "1", "name": "งานเชื่อม", "items": [
            {"id": "1", "title": "ความเรียบร้อย", "full": 5, "type": "judgement"},
            {"id": "2", "title": "ความสวยงาม", "full": 5, "type": "judgement"}]},
          {"id": "2", "name": "วัดขนาด", "items": [
            {"id": "1", "title": "A–B", "full": 5, "type": "measurement", "nominal": 250, "tolerance": 1},
            {"id": "2", "title": "ใส่แว่น", "full": "5", "type": "yes_no"},
            {"id": "3", "title": "สิ่งแปลกปลอม", "full": 0, "type": "critical"}]}]}"#;

    #[test]
    fn files_to_results() {
        let a = "candidate,1,2,3,4,5\nA001,ก,ข,ค,ง,\nA002,ก,ข,ค,,\n";
        let p = r#"{"A001": {"1": {"1": [3,3,3], "2": [2,3,3]}, "2": {"1": 251, "2": true, "3": true}},
                    "A002": {"1": {"1": [2,2,3], "2": [1,1,2]}, "2": {"1": "248.5", "2": true, "3": false}}}"#;
        let r = score_files(S, a, p).unwrap();
        let a1 = result_json(&r[0]);
        assert_eq!(a1["knowledge_percent"], "80.00");
        assert_eq!(a1["modules"][0]["points"], "9.444");
        assert_eq!(a1["modules"][1]["points"], "10");
        // skill 19.444 / 20 = 97.22; total 0.3 × 80 + 0.7 × 97.22 = 24 + 68.054 = 92.054 → 92.05
        assert_eq!((a1["skill_percent"].as_str(), a1["total_percent"].as_str()), (Some("97.22"), Some("92.05")));
        assert_eq!(a1["result"], "ผ่าน");
        assert!(a1.get("reasons").is_none());
        let a2 = result_json(&r[1]);
        assert_eq!(a2["modules"][0]["points"], "6.111");
        assert_eq!(a2["result"], "ไม่ผ่าน");
        let reasons: Vec<String> = serde_json::from_value(a2["reasons"].clone()).unwrap();
        assert!(reasons.iter().any(|r| r == "โมดูล 2: ไม่ผ่านจุดสำคัญ 3"), "{reasons:?}");
    }

    #[test]
    fn refusals_name_the_field() {
        let p_ok = r#"{}"#;
        let e = score_files(&S.replace(r#""c""#, r#""x""#), "", p_ok).unwrap_err();
        assert_eq!(e, "S.json: key[2] (ข้อ 3): “x” ไม่ใช่ ก–จ หรือ A–E");
        let e = score_files(&S.replace(r#""wS": 70"#, r#""wS": 60"#), "", p_ok).unwrap_err();
        assert!(e.starts_with("S.json: criteria.wK + wS"), "{e}");
        let e = score_files(S, "A001,ก,ข,ค,ง,ก\n", r#"{"A001": {"1": {"1": [1,3,2]}}}"#).unwrap_err();
        assert!(e.starts_with("P.json: A001 → โมดูล 1 → รายการ 1: คะแนนสูงสุด (3) กับต่ำสุด (1)"), "{e}");
        let e = score_files(S, "A001,ก,ข,ค,ง,ก\n", r#"{"A001": {"1": {"1": [1,4,2]}}}"#).unwrap_err();
        assert_eq!(e, "P.json: A001 → โมดูล 1 → รายการ 1[1]: คะแนนกรรมการต้องเป็น 0–3 (ได้ 4)");
        let e = score_files(S, "A001,ก,ข,ค,ง,ก\n", r#"{"B": {}}"#).unwrap_err();
        assert_eq!(e, "P.json: B: ไม่มีผู้เข้าทดสอบนี้ใน A.csv");
        let e = score_files(S, "A001,ก,ข,ค,ง,ก\n", "{}").unwrap_err();
        assert_eq!(e, "P.json: A001 → โมดูล 1 → รายการ 1: ยังไม่ได้ให้คะแนน");
        let e = score_files(S, "A001,ก,ข,ค,ง\n", "{}").unwrap_err();
        assert_eq!(e, "A.csv: บรรทัด 1 คอลัมน์ 6: มี 4 คำตอบ แต่ข้อสอบมี 5 ข้อ");
        let e = score_files(S, "A001,ก,ข,ค,ง,ก\n", r#"{"A001": {"2": {"2": 1}}}"#).unwrap_err();
        assert_eq!(e, "P.json: A001 → โมดูล 2 → รายการ 2: ต้องเป็น true หรือ false");
    }
}
