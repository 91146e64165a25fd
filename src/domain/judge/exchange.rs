//! The marks file: what a judge's tablet exports and the chief tester's tablet imports, with no server in between.
//!
//! It is a backup file ([`crate::domain::backup`], same format, checksum and checks) whose records are all marks
//! (`s26_mark`) of one standard (the backup's `org`), entered on one device. So a damaged file is refused whole before
//! anything is written, and the same file can also be restored with the ordinary backup import. The checksum finds
//! damage, not forgery: a mark added to a file passes it, so the importer also runs `merge::plan_import`, which
//! refuses a mark naming another slot's or another device's mark.

use super::merge::describe;
use crate::domain::backup::{check_times, make_backup, parse_backup};
use crate::domain::record::Record;
use crate::domain::section26::records::MarkRecord;

/// The marks file for `marks` of standard `org`, made at `exported`.
pub fn marks_file(org: &str, exported: &str, marks: &[MarkRecord]) -> String {
    let values: Vec<serde_json::Value> =
        marks.iter().map(|m| serde_json::to_value(m).expect("a mark serialises to JSON")).collect();
    make_backup(org, exported, &values)
}

/// Reads a marks file: the backup checks (every record of the file's standard), then every record must be a mark, all
/// from one device (a tablet exports only its own marks). Returns the standard (`org`) and the marks in file
/// order; the first problem names the record (numbered from 1) and the field. Whether the marks fit the marks already
/// stored (their `replaces`/`settles`) is `merge::plan_import`'s check, which the importer runs next.
pub fn read_marks_file(text: &str) -> Result<(String, Vec<MarkRecord>), String> {
    let backup = parse_backup(text).map_err(|e| format!("ไฟล์คะแนนใช้ไม่ได้ (ยังไม่ได้นำเข้าข้อมูลใด): {e}"))?;
    let mut marks = Vec::with_capacity(backup.records.len());
    for (i, value) in backup.records.into_iter().enumerate() {
        let n = i + 1;
        let kind = value["kind"].as_str().unwrap_or_default().to_string();
        if kind != MarkRecord::KIND {
            return Err(format!("ระเบียนที่ {n}: เป็นข้อมูลชนิด \"{kind}\" ไม่ใช่คะแนน — ไฟล์นี้ไม่ใช่ไฟล์คะแนน"));
        }
        let mark: MarkRecord = serde_json::from_value(value).map_err(|e| format!("คะแนนที่ {n}: {e}"))?;
        let refuse = |why: String| format!("คะแนนที่ {n} ({}): {why} — ยังไม่ได้นำเข้าข้อมูลใด", describe(&mark));
        if let Some(first) = marks.first().filter(|f: &&MarkRecord| f.device != mark.device) {
            return Err(refuse(format!(
                "มาจากเครื่อง \"{}\" แต่คะแนนที่ 1 มาจากเครื่อง \"{}\" — ไฟล์คะแนนหนึ่งไฟล์มีเฉพาะคะแนนของเครื่องเดียว",
                mark.device, first.device
            )));
        }
        marks.push(mark);
    }
    Ok((backup.org, marks))
}

/// [`read_marks_file`], and refuses a file `exported`, or a mark `updated`, more than a few minutes after `now` (this
/// device's clock), naming it ([`check_times`]).
pub fn read_marks_file_at(text: &str, now: &str) -> Result<(String, Vec<MarkRecord>), String> {
    let backup = parse_backup(text).map_err(|e| format!("ไฟล์คะแนนใช้ไม่ได้ (ยังไม่ได้นำเข้าข้อมูลใด): {e}"))?;
    check_times(&backup, now).map_err(|e| format!("ไฟล์คะแนนใช้ไม่ได้ (ยังไม่ได้นำเข้าข้อมูลใด): {e}"))?;
    read_marks_file(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::judge::merge::tests::mark;

    fn with_uuid(mut m: crate::domain::section26::records::MarkRecord, n: u32) -> crate::domain::section26::records::MarkRecord {
        m.meta.id = format!("00000000-0000-4000-8000-{n:012}");
        m
    }

    #[test]
    fn round_trip_and_refusals() {
        let marks = vec![
            with_uuid(mark("a", "1", 1, 2, "tab-1", "2026-01-20T09:00:00.000Z"), 1),
            with_uuid(mark("b", "3", 0, 251, "tab-1", "2026-01-20T09:01:00.000Z"), 2),
        ];
        let text = marks_file("std", "2026-01-20T10:00:00.000Z", &marks);
        let (org, back) = read_marks_file(&text).unwrap();
        assert_eq!((org.as_str(), back), ("std", marks.clone()));

        let edited = text.replacen("\"251\"", "\"250\"", 1);
        assert_ne!(edited, text);
        assert!(read_marks_file(&edited).unwrap_err().contains("checksum"));

        let mut other = serde_json::to_value(&marks[0]).unwrap();
        other["kind"] = "college".into();
        let foreign = crate::domain::backup::make_backup("std", "T", &[other]);
        let e = read_marks_file(&foreign).unwrap_err();
        assert!(e.starts_with("ระเบียนที่ 1: เป็นข้อมูลชนิด \"college\""), "{e}");

        let mut bad = serde_json::to_value(&marks[0]).unwrap();
        bad["value"] = "สาม".into();
        let e = read_marks_file(&crate::domain::backup::make_backup("std", "T", &[bad])).unwrap_err();
        assert!(e.starts_with("คะแนนที่ 1:"), "{e}");
        assert!(read_marks_file("{").unwrap_err().contains("ยังไม่ได้นำเข้าข้อมูลใด"));
    }

    #[test]
    fn one_device_per_file() {
        let mine = with_uuid(mark("a", "1", 1, 2, "tab-1", "2026-01-20T09:00:00.000Z"), 1);
        let theirs = with_uuid(mark("b", "1", 2, 0, "tab-2", "2026-01-20T09:01:00.000Z"), 2);
        let e = read_marks_file(&marks_file("std", "2026-01-20T10:00:00.000Z", &[mine, theirs])).unwrap_err();
        assert!(e.starts_with("คะแนนที่ 2 (รหัส 00000000-0000-4000-8000-000000000002,") && e.contains("เครื่องเดียว"), "{e}");
    }

    #[test]
    fn a_marks_file_from_the_future_is_refused() {
        let now = "2026-01-20T12:00:00.000Z";
        let m = with_uuid(mark("a", "1", 1, 2, "tab-1", "2026-01-20T09:00:00.000Z"), 1);
        assert!(read_marks_file_at(&marks_file("std", "2026-01-20T10:00:00.000Z", &[m.clone()]), now).is_ok());
        let e = read_marks_file_at(&marks_file("std", "2027-01-01T00:00:00.000Z", &[m.clone()]), now).unwrap_err();
        assert!(e.contains("2027-01-01"), "{e}");
        let mut late = m;
        late.meta.updated = "2026-01-21T00:00:00.000Z".into();
        let e = read_marks_file_at(&marks_file("std", "2026-01-20T10:00:00.000Z", &[late]), now).unwrap_err();
        assert!(e.contains("ระเบียนที่ 1") && e.contains("00000000-0000-4000-8000-000000000001"), "{e}");
    }
}
