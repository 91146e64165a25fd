//! `mattrathan score` (Section 26) on the example files in tests/fixtures/s26/, on bad input, and on 1,000
//! generated candidates (prints the time; not an asserted timing).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use serde_json::Value;

use crate::BIN;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/s26").join(name)
}

fn score(s: &Path, a: &Path, p: &Path) -> Output {
    Command::new(BIN)
        .args(["score", "--standard", s.to_str().unwrap(), "--answers", a.to_str().unwrap(), "--practical", p.to_str().unwrap()])
        .output()
        .unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn temp(name: &str, text: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("mattrathan-s26-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn example_files_score_three_candidates() {
    let v = lines(&score(&fixture("standard.json"), &fixture("answers.csv"), &fixture("practical.json")));
    assert_eq!(v.len(), 3);
    assert_eq!(v[0]["candidate"], "A001");
    assert_eq!(v[0]["knowledge_percent"], "90.00");
    assert_eq!(v[0]["modules"][0]["points"], "8.333");
    assert_eq!(v[0]["skill_percent"], "93.33");
    assert_eq!(v[0]["total_percent"], "92.33");
    assert_eq!(v[0]["result"], "ผ่าน");
    assert!(v[0].get("reasons").is_none());
    // A002 at exactly the knowledge threshold (6 of 10 = 60 %) passes.
    assert_eq!((v[1]["knowledge_percent"].as_str(), v[1]["result"].as_str()), (Some("60.00"), Some("ผ่าน")));
    // A003 fails a critical item: module 2 fails whatever the points.
    assert_eq!(v[2]["modules"][1]["pass"], false);
    assert_eq!(v[2]["result"], "ไม่ผ่าน");
    assert_eq!(v[2]["reasons"][0], "โมดูล 2: ไม่ผ่านจุดสำคัญ 4");
}

#[test]
fn bad_input_exits_2_naming_the_place() {
    let bad_csv = temp("bad.csv", "candidate,1,2,3,4,5,6,7,8,9,10\nA001,ก,ข,ค,ง,ก,ข,ค,ง,ก,Z\n");
    let out = score(&fixture("standard.json"), &bad_csv, &fixture("practical.json"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("A.csv: บรรทัด 2 คอลัมน์ 11 (ข้อ 10)"), "{err}");
    let spread = temp("spread.json", r#"{"A001": {"1": {"1": [1, 3, 2]}}}"#);
    let out = score(&fixture("standard.json"), &fixture("answers.csv"), &spread);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("P.json: A001 → โมดูล 1 → รายการ 1: คะแนนสูงสุด (3) กับต่ำสุด (1)"));
    let out = Command::new(BIN).args(["score", "--standard", "x.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    for p in [bad_csv, spread] {
        std::fs::remove_file(p).unwrap();
    }
}

/// Issue 12 point 10: a full mark of 79228162514264337593543950335 (as a string or as a JSON number), 10^27, or a
/// measured value beyond any decimal made `score` panic (exit 101) or say "not a number"; now exit 2 naming the field.
#[test]
fn numbers_beyond_bounds_exit_2_naming_the_field() {
    let standard = std::fs::read_to_string(fixture("standard.json")).unwrap();
    let cases = [
        (r#""full": 5, "type": "judgement"}"#, r#""full": "79228162514264337593543950335", "type": "judgement"}"#, "modules[0].items[0].full: มากเกินไป (ไม่เกิน 10,000)"),
        (r#""full": 5, "type": "judgement"}"#, r#""full": 79228162514264337593543950335, "type": "judgement"}"#, "มากเกินไป"),
        (r#""full": 5, "type": "judgement"}"#, r#""full": 1000000000000000000000000000, "type": "judgement"}"#, "มากเกินไป"),
        (r#""nominal": 250, "tolerance": 1"#, r#""nominal": 250, "tolerance": -1"#, "modules[1].items[0].tolerance: ต้องไม่ติดลบ"),
        (r#""threshold": 60"#, r#""threshold": "79228162514264337593543950335""#, "modules[1].threshold: มากเกินไป (ไม่เกิน 100)"),
    ];
    for (i, (from, to, expect)) in cases.iter().enumerate() {
        assert!(standard.contains(from));
        let s = temp(&format!("huge-{i}.json"), &standard.replacen(from, to, 1));
        let out = score(&s, &fixture("answers.csv"), &fixture("practical.json"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{to}: {err}");
        assert!(err.contains(expect), "{to}: {err}");
        std::fs::remove_file(s).unwrap();
    }
    let practical = std::fs::read_to_string(fixture("practical.json")).unwrap();
    for (i, v) in ["79228162514264337593543950335", "\"79228162514264337593543950335\"", "1e40"].iter().enumerate() {
        let p: Value = serde_json::from_str(&practical).unwrap();
        let mut p = p;
        let cand = p.as_object().unwrap().keys().next().unwrap().clone();
        p[&cand]["2"]["1"] = serde_json::from_str(v).unwrap();
        let pp = temp(&format!("huge-p-{i}.json"), &p.to_string());
        let out = score(&fixture("standard.json"), &fixture("answers.csv"), &pp);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{v}: {err}");
        assert!(err.contains("มากเกินไป"), "{v}: {err}");
        std::fs::remove_file(pp).unwrap();
    }
}

#[test]
fn thousand_candidates_timing() {
    let letters = ["ก", "ข", "ค", "ง"];
    let items = 60;
    let key: Vec<&str> = (0..items).map(|i| letters[i % 4]).collect();
    let standard = std::fs::read_to_string(fixture("standard.json")).unwrap();
    let mut s: Value = serde_json::from_str(&standard).unwrap();
    s["key"] = serde_json::json!(key);
    let mut csv = String::from("candidate");
    for i in 1..=items {
        csv.push_str(&format!(",{i}"));
    }
    csv.push('\n');
    let mut practical = serde_json::Map::new();
    for c in 0..1000usize {
        csv.push_str(&format!("C{c:04}"));
        for i in 0..items {
            csv.push(',');
            // Between 50 % and 90 % right, varying by candidate.
            let right = (i * 7 + c * 3) % 10 < 5 + c % 5;
            csv.push_str(if right { key[i] } else { letters[(i + 1 + c) % 4] });
        }
        csv.push('\n');
        let j = (c % 3) as u64;
        practical.insert(
            format!("C{c:04}"),
            serde_json::json!({"1": {"1": [j, j, j + 1], "2": [2, 2, 3]}, "2": {"1": 250 + (c % 3), "2": 150, "3": c % 4 != 0, "4": c % 50 != 0}}),
        );
    }
    let (sp, ap, pp) = (
        temp("big-s.json", &s.to_string()),
        temp("big-a.csv", &csv),
        temp("big-p.json", &Value::Object(practical).to_string()),
    );
    let start = Instant::now();
    let v = lines(&score(&sp, &ap, &pp));
    let elapsed = start.elapsed();
    assert_eq!(v.len(), 1000);
    let passed = v.iter().filter(|r| r["result"] == "ผ่าน").count();
    assert!(passed > 0 && passed < 1000, "{passed}");
    println!("s26 score: 1,000 candidates × {items} items + 2 modules in {:.1} ms (process start included), {passed} passed", elapsed.as_secs_f64() * 1000.0);
    for p in [sp, ap, pp] {
        std::fs::remove_file(p).unwrap();
    }
}
