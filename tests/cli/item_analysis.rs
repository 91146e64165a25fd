//! Runs `mattrathan analyze` on CSV files: the JSON shape of issue 4, the seed's worked example, exit 2 naming the
//! line and column of a malformed file.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::BIN;

fn temp_csv(text: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let path = std::env::temp_dir().join(format!("mattrathan-ia-{}-{n}.csv", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `analyze` on the two texts with extra flags.
fn analyze(responses: &str, key: &str, extra: &[&str]) -> (Output, String, String) {
    let (r, k) = (temp_csv(responses), temp_csv(key));
    let (r, k) = (r.to_str().unwrap().to_string(), k.to_str().unwrap().to_string());
    let out = Command::new(BIN).args(["analyze", "--responses", &r, "--key", &k]).args(extra).output().unwrap();
    std::fs::remove_file(&r).unwrap();
    std::fs::remove_file(&k).unwrap();
    (out, r, k)
}

fn ok_json(out: &Output) -> Value {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_string()
}

const HAND: &str = "candidate,1,2,3,4\nc1,A,A,A,A\nc2,A,A,A,B\nc3,A,A,C,D\nc4,A,C,D,B\nc5,B,B,,\n";
const HAND_KEY: &str = "item,key\n1,ก\n2,ก\n3,ก\n4,ก\n";

/// The seed's example as CSV: 120 candidates, 10 items; item 3 right for 12 of the upper and 8 of the lower 30.
fn seed_120() -> String {
    let mut csv = String::from("candidate,1,2,3,4,5,6,7,8,9,10\n");
    for c in 0..120 {
        let row: Vec<&str> = (0..10)
            .map(|i| {
                let right = match i {
                    2 if c < 30 => c < 12,
                    2 if c >= 90 => c < 98,
                    2 => true,
                    _ if c < 30 => true,
                    i if c < 90 => i < 6,
                    _ => false,
                };
                if right {
                    "ก"
                } else {
                    "ข"
                }
            })
            .collect();
        csv += &format!("S{c:03},{}\n", row.join(","));
    }
    csv
}

#[test]
fn seed_example_gives_0_33_and_0_13_in_the_issue_shape() {
    let key: String = std::iter::once("item,key".to_string())
        .chain((1..=10).map(|i| format!("{i},ก")))
        .collect::<Vec<_>>()
        .join("\n");
    let v = ok_json(&analyze(&seed_120(), &key, &["--options", "4"]).0);
    assert_eq!(v["candidates"], 120);
    assert_eq!(v["method"], "norm");
    assert_eq!(v["group_size"], 30);
    let item = &v["items"][2];
    assert_eq!(item["item"], "3");
    assert_eq!(item["p"], "0.33");
    assert_eq!(item["r"], "0.13");
    assert_eq!(item["difficulty"], "ค่อนข้างยาก");
    assert_eq!(item["discrimination"], "จำแนกไม่ได้");
    assert_eq!(item["verdict"], "ควรปรับปรุง");
    assert_eq!(item["reasons"], serde_json::json!(["จำแนกไม่ได้"]));
    let options = item["options"].as_array().unwrap();
    assert_eq!(options.len(), 4);
    assert_eq!(options[0]["option"], "ก");
    assert_eq!(options[0]["p"], "0.33");
    assert_eq!(options[0]["advice"], "flag");
    assert_eq!(options[2]["advice"], "replace");
    for field in ["mean", "sd", "median", "kr20", "sem"] {
        assert!(v["test"][field].is_number(), "{field}");
    }
    assert_eq!(v["items"].as_array().unwrap().len(), 10);
}

#[test]
fn hand_set_full_precision_statistics_and_27_percent() {
    let v = ok_json(&analyze(HAND, HAND_KEY, &[]).0);
    assert_eq!(v["test"]["mean"], 2.0);
    assert_eq!(v["test"]["median"], 2.0);
    assert!((v["test"]["sd"].as_f64().unwrap() - 2f64.sqrt()).abs() < 1e-15);
    assert!((v["test"]["kr20"].as_f64().unwrap() - 0.8).abs() < 1e-15);
    assert_eq!(v["items"][0]["p"], "0.50");
    assert_eq!(v["items"][0]["r"], "1.00");
    assert_eq!(v["items"][0]["options"][1]["r"], "-1.00");
    assert_eq!(v["items"][0]["options"][1]["advice"], Value::Null);
    // Options inferred from the letters used: A–D.
    assert_eq!(v["items"][0]["options"].as_array().unwrap().len(), 4);
    let v = ok_json(&analyze(HAND, HAND_KEY, &["--group", "0.27"]).0);
    assert_eq!(v["group_size"], 1); // round(1.35)
}

#[test]
fn criterion_with_a_cut_score() {
    let v = ok_json(&analyze(HAND, HAND_KEY, &["--method", "criterion", "--cut", "50"]).0);
    assert_eq!(v["method"], "criterion");
    assert_eq!(v["group_size"], Value::Null);
    assert_eq!((v["pass"].as_u64(), v["fail"].as_u64()), (Some(3), Some(2)));
    let pr: Vec<(String, String)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["p"].as_str().unwrap().into(), i["r"].as_str().unwrap().into()))
        .collect();
    let expected = [("0.80", "0.50"), ("0.60", "1.00"), ("0.40", "0.67"), ("0.20", "0.33")];
    assert_eq!(pr, expected.map(|(p, r)| (p.to_string(), r.to_string())));
}

#[test]
fn malformed_responses_exit_2_naming_line_and_column() {
    let bad = "candidate,1,2,3,4\nc1,A,A,A,A\nc2,A,Q,A,B\n";
    let (out, r, _) = analyze(bad, HAND_KEY, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        format!("{r}: line 3, column 3 (item 2): \"Q\" is not an option (A–E or ก–จ, empty = omitted)")
    );
    let (out, r, _) = analyze("candidate,1,2,3,4\nc1,A,A,A\n", HAND_KEY, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), format!("{r}: line 2, column 5: 4 cells, expected 5"));
}

#[test]
fn malformed_key_exits_2_naming_the_key_file() {
    let (out, _, k) = analyze(HAND, "item,key\n1,ก\n2,ก\n3,X\n4,ก\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with(&format!("{k}: line 4, column 2: \"X\"")), "{}", stderr(&out));
    let (out, _, k) = analyze(HAND, "item,key\n1,ก\n2,ก\n3,ก\n", &[]);
    assert_eq!(stderr(&out), format!("{k}: item \"4\" has no key"));
}

#[test]
fn bad_usage_exits_2() {
    for extra in [&["--method", "criterion"][..], &["--group", "0.9"][..], &["--frob"][..]] {
        let (out, ..) = analyze(HAND, HAND_KEY, extra);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(stderr(&out).starts_with("analyze: "), "{}", stderr(&out));
    }
    let out =
        Command::new(BIN).args(["analyze", "--responses", "/nonexistent/r.csv", "--key", "k.csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("cannot read /nonexistent/r.csv"));
    let one_sided = analyze(HAND, HAND_KEY, &["--cut", "0"]).0;
    assert_eq!(one_sided.status.code(), Some(2));
    assert!(stderr(&one_sided).contains("needs at least one candidate on each side"));
    let help = Command::new(BIN).arg("help").output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("analyze --responses R.csv --key K.csv"));
}

/// `text` (ASCII and Thai letters) as Windows-874 bytes, as Thai Excel saves a CSV.
fn windows_874(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            c @ 0..=0x7F => c as u8,
            c @ 0x0E01..=0x0E5B => (c - 0x0E01 + 0xA1) as u8,
            _ => panic!("not in Windows-874: {c}"),
        })
        .collect()
}

#[test]
fn windows_874_and_byte_order_marked_files_read_like_utf_8() {
    let thai = HAND.replace('A', "ก").replace('B', "ข").replace('C', "ค").replace('D', "ง");
    let expected = ok_json(&analyze(HAND, HAND_KEY, &[]).0);
    let (r, k) = (temp_csv(""), temp_csv(""));
    std::fs::write(&r, windows_874(&thai)).unwrap();
    std::fs::write(&k, format!("\u{feff}{HAND_KEY}")).unwrap();
    let out = Command::new(BIN).args(["analyze", "--responses"]).arg(&r).arg("--key").arg(&k).output().unwrap();
    assert_eq!(ok_json(&out)["items"], expected["items"]);
    // Neither UTF-8 nor Windows-874: exit 2 naming the file and the byte.
    std::fs::write(&r, b"candidate,1\nc1,\xff\n").unwrap();
    let out = Command::new(BIN).args(["analyze", "--responses"]).arg(&r).arg("--key").arg(&k).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("บรรทัด 2 ไบต์ที่ 15 (0xFF)"), "{}", stderr(&out));
    std::fs::remove_file(&r).unwrap();
    std::fs::remove_file(&k).unwrap();
}
