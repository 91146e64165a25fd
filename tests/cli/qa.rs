//! Runs the built `mattrathan` binary on JSON files and standard input.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::BIN;

/// Writes `json` to a fresh file in the temp directory and returns its path.
fn temp_json(json: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let path = std::env::temp_dir().join(format!("mattrathan-cli-{}-{n}.json", std::process::id()));
    std::fs::write(&path, json).unwrap();
    path
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn qa_score(json: &str) -> Output {
    let path = temp_json(json);
    let out = run(&["qa-score", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    out
}

fn stdout_json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

const EXAMPLE: &str = r#"{"indicators": {"1.1": {"met": [1, 2, 4]}, "1.2": {"numerator": 200, "denominator": 300}}}"#;

#[test]
fn example_input_scores_1_2_at_4_16() {
    let v = stdout_json(&qa_score(EXAMPLE));
    let inds = v["indicators"].as_array().unwrap();
    assert_eq!(inds.len(), 2);
    assert_eq!(inds[0]["id"], "1.1");
    assert_eq!(inds[0]["score"], "3");
    assert_eq!(inds[0]["level"], "พอใช้");
    assert_eq!(inds[1]["id"], "1.2");
    assert_eq!(inds[1]["score"], "4.16");
    assert_eq!(inds[1]["level"], "ดี");
    assert_eq!(inds[1]["percent"], "66.66");
    assert_eq!(v["summary"]["standards"][0]["standard"], 1);
    assert_eq!(v["summary"]["standards"][0]["mean"], "3.58");
    assert_eq!(v["summary"]["standards"][0]["level"], "ดี");
    assert!(v["summary"]["overall"]["mean"].is_string());
}

#[test]
fn stdin_is_read_for_dash() {
    let mut child = Command::new(BIN)
        .args(["qa-score", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(EXAMPLE.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(stdout_json(&out)["indicators"][1]["score"], "4.16");
}

#[test]
fn zero_denominator_is_reported_not_an_error() {
    let v = stdout_json(&qa_score(r#"{"indicators": {"1.2": {"numerator": 0, "denominator": 0}}}"#));
    assert_eq!(v["indicators"][0]["score"], Value::Null);
    assert_eq!(v["indicators"][0]["level"], Value::Null);
    assert_eq!(v["indicators"][0]["error"], "cannot compute: denominator is 0");
}

#[test]
fn negative_number_exits_2_naming_the_field() {
    let out = qa_score(r#"{"indicators": {"1.2": {"numerator": 200, "denominator": -3}}}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "indicators.1.2.denominator: must be a whole number ≥ 0, got -3"
    );
}

/// Issue 12 point 10: counts beyond their bounds exit 2 naming the field and saying "too large" (before: scored, or
/// an endless loop in the 2-decimal division for a 27-digit count).
#[test]
fn too_large_number_exits_2_naming_the_field() {
    for n in ["1000000000000000000000000000", "79228162514264337593543950335", "18446744073709551615"] {
        let out = qa_score(&format!(r#"{{"indicators": {{"1.2": {{"numerator": {n}, "denominator": 3}}}}}}"#));
        assert_eq!(out.status.code(), Some(2), "{n}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("indicators.1.2.numerator: too large — มากเกินไป (at most 10000000), got "), "{err}");
    }
}

#[test]
fn item_out_of_range_exits_2_naming_the_field() {
    let out = qa_score(r#"{"indicators": {"2.1": {"met": [1, 2, 7]}}}"#);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "indicators.2.1.met[2]: item 7 is out of range 1–5");
}

#[test]
fn not_json_exits_2() {
    let out = qa_score("{oops");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("not JSON: "));
}

#[test]
fn missing_file_exits_2() {
    let out = run(&["qa-score", "/nonexistent/mattrathan-input.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("cannot read /nonexistent/mattrathan-input.json"));
}

#[test]
fn usage_lists_qa_score_and_exits_2() {
    for args in [&[][..], &["frobnicate"][..], &["qa-score"][..], &["qa-score", "a", "b"][..]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("qa-score FILE.json"), "{args:?}");
    }
    assert!(String::from_utf8_lossy(&run(&["frobnicate"]).stderr).starts_with("unknown command: frobnicate"));
    let help = run(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("qa-score"));
}
