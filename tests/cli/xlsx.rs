//! `xlsx-write` and `xlsx-read`: a workbook made from CSV files reads back as the same cells, numbers as numbers;
//! what is not a workbook is refused with exit code 2, in Thai, naming the file.

use std::process::Command;

use serde_json::{json, Value};

use crate::BIN;

#[test]
fn a_workbook_written_from_csv_reads_back_the_same() {
    let dir = std::env::temp_dir().join(format!("mattrathan-cli-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b, out) = (dir.join("a.csv"), dir.join("b.csv"), dir.join("book.xlsx"));
    std::fs::write(&a, "code,name,sector\n1310016201,\"วิทยาลัย, ทดสอบ\",รัฐบาล\n0012,=1+1,-5.25\n").unwrap();
    std::fs::write(&b, "ข้อ,เฉลย\n1,ก\n").unwrap();
    let w = Command::new(BIN)
        .args(["xlsx-write", out.to_str().unwrap(), &format!("รายชื่อ={}", a.display()), &format!("เฉลย={}", b.display())])
        .output()
        .unwrap();
    assert_eq!(w.status.code(), Some(0), "{}", String::from_utf8_lossy(&w.stderr));
    let read = |sheet: &[&str]| -> Value {
        let o = Command::new(BIN).arg("xlsx-read").arg(&out).args(sheet).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert_eq!(
        read(&[]),
        json!({"sheets": ["รายชื่อ", "เฉลย"], "sheet": "รายชื่อ", "rows": [
            ["code", "name", "sector"],
            [1310016201, "วิทยาลัย, ทดสอบ", "รัฐบาล"],
            // Every plain number is written as a number cell ("0012" too: keep codes with leading zeros out of
            // fixtures); a formula-like text stays text.
            [12, "=1+1", -5.25]
        ]})
    );
    assert_eq!(read(&["--sheet", "เฉลย"])["rows"], json!([["ข้อ", "เฉลย"], [1, "ก"]]));

    let fake = dir.join("fake.xlsx");
    std::fs::write(&fake, "not a zip").unwrap();
    let o = Command::new(BIN).arg("xlsx-read").arg(&fake).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("fake.xlsx: ไม่ใช่ไฟล์ Excel (.xlsx) หรือไฟล์เสียหาย"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
