//! The backup file: one organisation's records as a single JSON file the user downloads, keeps, and imports again
//! (into the same browser after a data loss, or into another computer).
//!
//! Pure: this module only writes and checks the text. The store (`store::Store::export_org` /
//! `store::Store::import_backup`) reads and writes IndexedDB around it.
//!
//! # Format (version 1)
//!
//! ```json
//! {
//!   "format": "mattrathan-backup",
//!   "version": 1,
//!   "org": "1310100001",
//!   "exported": "2026-11-21T10:00:00.000Z",
//!   "count": 2,
//!   "checksum": "1a2b3c4d",
//!   "records": [ { "id": "…", "kind": "college", "org": "1310100001", "created": "…", "updated": "…", "schema": 1, … } ]
//! }
//! ```
//!
//! - `checksum` is [`crc32_hex`] of `serde_json::to_string(&records)` (compact JSON, object keys in serde_json's order),
//!   so re-indenting the file does not break it but changing any value does.
//! - Every record carries the [`Meta`](crate::domain::record::Meta) fields flat (`id`, `kind`, `org`, `created`,
//!   `updated`, `schema`).
//!
//! [`parse_backup`] refuses a file, before anything is written, when it is not JSON, not a Mattrathan backup, from a
//! newer build, damaged (checksum or count), or holds a record that could not have come from this organisation and
//! build. Every refusal has a Thai message for the user ([`Display`](std::fmt::Display)) and an English
//! [`code`](BackupError::code) for logs and tests. Records are numbered from 1 in messages ("ระเบียนที่ 1" is the
//! first).

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use super::checksum::crc32_hex;
use super::record::{KNOWN_KINDS, RECORD_SCHEMA};

/// Value of the `format` field; anything else is not our backup.
pub const BACKUP_FORMAT: &str = "mattrathan-backup";
/// Version of the file layout written by this build. Files with a higher version are refused.
pub const BACKUP_VERSION: u32 = 1;

/// A backup file that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// The organisation the backup belongs to; every record has this `org`.
    pub org: String,
    /// When the backup was made (ISO 8601, as written by the exporting browser).
    pub exported: String,
    /// The records, in file order, each a JSON object with the Meta fields checked.
    pub records: Vec<Value>,
}

/// The header written before the records (field order is the file's order).
#[derive(Serialize)]
struct BackupFile<'a> {
    format: &'a str,
    version: u32,
    org: &'a str,
    exported: &'a str,
    count: usize,
    checksum: String,
    records: &'a [Value],
}

/// Checksum of a record list as stored in the file.
fn records_checksum(records: &[Value]) -> String {
    // Serialising a slice of `Value`s cannot fail (no non-string map keys, no I/O).
    let compact = serde_json::to_string(records).expect("serialising JSON values");
    crc32_hex(compact.as_bytes())
}

/// Writes a backup file (pretty-printed JSON) holding `records` of organisation `org`, made at time `exported`.
///
/// The caller passes the records as they are stored (objects with the Meta fields flat); this function does not check
/// them — [`parse_backup`] does, on the way back in.
pub fn make_backup(org: &str, exported: &str, records: &[Value]) -> String {
    let file = BackupFile {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        org,
        exported,
        count: records.len(),
        checksum: records_checksum(records),
        records,
    };
    serde_json::to_string_pretty(&file).expect("serialising a backup")
}

/// Why a backup file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    /// The text is not JSON at all (`line` and `column` from serde_json, counted from 1).
    NotJson { line: usize, column: usize, detail: String },
    /// JSON, but no `format` field or a different one: not a Mattrathan backup. `found` is the `format` value, if any.
    NotBackup { found: Option<String> },
    /// Written by a newer build (`version` greater than [`BACKUP_VERSION`]).
    VersionTooNew { found: u64 },
    /// A header field (`version`, `org`, `exported`, `count`, `checksum`, `records`) is missing or of the wrong type.
    BadHeader { field: &'static str },
    /// The records do not match the `checksum` in the file: edited or damaged.
    ChecksumMismatch { stated: String, computed: String },
    /// The number of records differs from `count`.
    CountMismatch { stated: u64, found: usize },
    /// Record number `number` (counted from 1) is unusable.
    Record { number: usize, problem: RecordProblem },
}

/// What is wrong with one record of a backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordProblem {
    /// Not a JSON object.
    NotObject,
    /// A Meta field is absent (or `null`).
    MissingField { field: &'static str },
    /// A Meta field has the wrong type or shape (e.g. an `id` that is not a UUID).
    BadField { field: &'static str },
    /// `kind` is not one of [`KNOWN_KINDS`].
    UnknownKind { kind: String },
    /// `schema` is newer than [`RECORD_SCHEMA`].
    SchemaTooNew { found: u64 },
    /// `org` differs from the backup's `org`.
    ForeignOrg { found: String, expected: String },
    /// The same `id` appears in an earlier record (`first`, counted from 1).
    DuplicateId { id: String, first: usize },
}

impl BackupError {
    /// A short English code for logs and tests, e.g. `"checksum_mismatch"`, `"record_missing_field"`.
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::NotJson { .. } => "not_json",
            BackupError::NotBackup { .. } => "not_backup",
            BackupError::VersionTooNew { .. } => "version_too_new",
            BackupError::BadHeader { .. } => "bad_header",
            BackupError::ChecksumMismatch { .. } => "checksum_mismatch",
            BackupError::CountMismatch { .. } => "count_mismatch",
            BackupError::Record { problem, .. } => problem.code(),
        }
    }
}

impl RecordProblem {
    /// A short English code, e.g. `"record_unknown_kind"`.
    pub fn code(&self) -> &'static str {
        match self {
            RecordProblem::NotObject => "record_not_object",
            RecordProblem::MissingField { .. } => "record_missing_field",
            RecordProblem::BadField { .. } => "record_bad_field",
            RecordProblem::UnknownKind { .. } => "record_unknown_kind",
            RecordProblem::SchemaTooNew { .. } => "record_schema_too_new",
            RecordProblem::ForeignOrg { .. } => "record_foreign_org",
            RecordProblem::DuplicateId { .. } => "record_duplicate_id",
        }
    }
}

/// What a header or Meta field should look like, for messages.
fn field_expectation(field: &str) -> &'static str {
    match field {
        "id" => "รหัส UUID (เช่น 0f8fad5b-d9cb-469f-a165-70867728950e)",
        "version" | "schema" => "เลขรุ่นที่เป็นจำนวนเต็มบวก",
        "count" => "จำนวนเต็ม",
        "records" => "รายการ (array)",
        "org" | "kind" => "ข้อความที่ไม่ว่าง",
        _ => "ข้อความ",
    }
}

impl fmt::Display for BackupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BackupError::NotJson { line, column, detail } => write!(
                f,
                "ไฟล์นี้ไม่ใช่ JSON ที่ถูกต้อง (บรรทัด {line} คอลัมน์ {column}: {detail}) — ไฟล์อาจไม่ครบหรือไม่ใช่ไฟล์สำรอง"
            ),
            BackupError::NotBackup { found: None } => {
                write!(f, "ไม่ใช่ไฟล์สำรองของ Mattrathan (ไม่มีช่อง format)")
            }
            BackupError::NotBackup { found: Some(found) } => {
                write!(f, "ไม่ใช่ไฟล์สำรองของ Mattrathan (ช่อง format เป็น \"{found}\")")
            }
            BackupError::VersionTooNew { found } => write!(
                f,
                "ไฟล์สำรองนี้เป็นรุ่น {found} ซึ่งใหม่กว่าที่โปรแกรมนี้อ่านได้ (รุ่น {BACKUP_VERSION}) — กรุณาใช้ Mattrathan รุ่นใหม่กว่านี้"
            ),
            BackupError::BadHeader { field } => write!(
                f,
                "ไฟล์สำรองไม่สมบูรณ์: ช่อง {field} ไม่มีหรือไม่ใช่{}",
                field_expectation(field)
            ),
            BackupError::ChecksumMismatch { stated, computed } => write!(
                f,
                "ไฟล์ถูกแก้ไขหรือเสียหาย: ค่าตรวจสอบ (checksum) ในไฟล์คือ {stated} แต่ข้อมูลคำนวณได้ {computed}"
            ),
            BackupError::CountMismatch { stated, found } => write!(
                f,
                "ไฟล์ถูกแก้ไขหรือเสียหาย: ไฟล์ระบุว่ามี {stated} ระเบียน แต่พบ {found} ระเบียน"
            ),
            BackupError::Record { number, problem } => write!(f, "ระเบียนที่ {number}: {problem}"),
        }
    }
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordProblem::NotObject => write!(f, "ไม่ใช่ระเบียนข้อมูล (ต้องเป็นออบเจ็กต์ JSON)"),
            RecordProblem::MissingField { field } => write!(f, "ไม่มีช่อง {field}"),
            RecordProblem::BadField { field } => {
                write!(f, "ช่อง {field} ไม่ใช่{}", field_expectation(field))
            }
            RecordProblem::UnknownKind { kind } => {
                write!(f, "ชนิดระเบียน \"{kind}\" ไม่รู้จักในโปรแกรมรุ่นนี้")
            }
            RecordProblem::SchemaTooNew { found } => write!(
                f,
                "ช่อง schema เป็นรุ่น {found} ซึ่งใหม่กว่าที่โปรแกรมนี้อ่านได้ (รุ่น {RECORD_SCHEMA}) — กรุณาใช้ Mattrathan รุ่นใหม่กว่านี้"
            ),
            RecordProblem::ForeignOrg { found, expected } => write!(
                f,
                "เป็นข้อมูลของหน่วยงาน {found} ไม่ใช่ของหน่วยงาน {expected} ตามไฟล์สำรอง"
            ),
            RecordProblem::DuplicateId { id, first } => {
                write!(f, "รหัส id {id} ซ้ำกับระเบียนที่ {first}")
            }
        }
    }
}

impl std::error::Error for BackupError {}

/// `true` for a hyphenated lower-case UUID: 8-4-4-4-12 hex digits (as `crypto.randomUUID()` writes).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_digit() || (b'a'..=b'f').contains(&c),
        })
}

/// Reads a backup file and checks it completely; nothing is imported unless this returns `Ok`.
///
/// Checks, in order: JSON syntax; `format`; `version`; the other header fields; `checksum`; `count`; then each record
/// (an object; Meta fields present and well-formed; known `kind`; `schema` not newer than this build; same `org` as
/// the file; no repeated `id`). The first problem found is returned.
pub fn parse_backup(text: &str) -> Result<Backup, BackupError> {
    let root: Value = serde_json::from_str(text).map_err(|e| BackupError::NotJson {
        line: e.line(),
        column: e.column(),
        detail: e.to_string(),
    })?;
    let Value::Object(head) = root else {
        return Err(BackupError::NotBackup { found: None });
    };

    match head.get("format") {
        Some(Value::String(f)) if f == BACKUP_FORMAT => {}
        Some(Value::String(f)) => return Err(BackupError::NotBackup { found: Some(f.clone()) }),
        Some(Value::Null) | None => return Err(BackupError::NotBackup { found: None }),
        Some(other) => return Err(BackupError::NotBackup { found: Some(other.to_string()) }),
    }

    let version = head
        .get("version")
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
        .ok_or(BackupError::BadHeader { field: "version" })?;
    if version > BACKUP_VERSION as u64 {
        return Err(BackupError::VersionTooNew { found: version });
    }

    let org = head
        .get("org")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or(BackupError::BadHeader { field: "org" })?
        .to_string();
    let exported = head
        .get("exported")
        .and_then(Value::as_str)
        .ok_or(BackupError::BadHeader { field: "exported" })?
        .to_string();
    let count = head
        .get("count")
        .and_then(Value::as_u64)
        .ok_or(BackupError::BadHeader { field: "count" })?;
    let stated = head
        .get("checksum")
        .and_then(Value::as_str)
        .ok_or(BackupError::BadHeader { field: "checksum" })?
        .to_ascii_lowercase();
    let records = match head.get("records") {
        Some(Value::Array(records)) => records,
        _ => return Err(BackupError::BadHeader { field: "records" }),
    };

    let computed = records_checksum(records);
    if computed != stated {
        return Err(BackupError::ChecksumMismatch { stated, computed });
    }
    if count != records.len() as u64 {
        return Err(BackupError::CountMismatch { stated: count, found: records.len() });
    }

    // id -> record number (from 1) where it was first seen.
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(records.len());
    for (i, record) in records.iter().enumerate() {
        let number = i + 1;
        let err = |problem| BackupError::Record { number, problem };
        let Value::Object(fields) = record else {
            return Err(err(RecordProblem::NotObject));
        };
        let id = check_meta(fields, &org).map_err(err)?;
        if let Some(&first) = seen.get(id) {
            return Err(err(RecordProblem::DuplicateId { id: id.to_string(), first }));
        }
        seen.insert(id, number);
    }

    let records = records.clone();
    Ok(Backup { org, exported, records })
}

/// Checks the Meta fields of one record against the backup's `org`; returns the record's `id`.
fn check_meta<'a>(fields: &'a Map<String, Value>, org: &str) -> Result<&'a str, RecordProblem> {
    fn present<'a>(fields: &'a Map<String, Value>, field: &'static str) -> Result<&'a Value, RecordProblem> {
        match fields.get(field) {
            None | Some(Value::Null) => Err(RecordProblem::MissingField { field }),
            Some(v) => Ok(v),
        }
    }
    fn string<'a>(fields: &'a Map<String, Value>, field: &'static str) -> Result<&'a str, RecordProblem> {
        present(fields, field)?
            .as_str()
            .filter(|s| !s.is_empty())
            .ok_or(RecordProblem::BadField { field })
    }

    let id = string(fields, "id")?;
    if !is_uuid(id) {
        return Err(RecordProblem::BadField { field: "id" });
    }
    let kind = string(fields, "kind")?;
    let record_org = string(fields, "org")?;
    string(fields, "created")?;
    string(fields, "updated")?;
    let schema = present(fields, "schema")?
        .as_u64()
        .filter(|s| *s >= 1)
        .ok_or(RecordProblem::BadField { field: "schema" })?;

    if !KNOWN_KINDS.contains(&kind) {
        return Err(RecordProblem::UnknownKind { kind: kind.to_string() });
    }
    if schema > RECORD_SCHEMA as u64 {
        return Err(RecordProblem::SchemaTooNew { found: schema });
    }
    if record_org != org {
        return Err(RecordProblem::ForeignOrg { found: record_org.to_string(), expected: org.to_string() });
    }
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ORG: &str = "1310100001";
    const ID1: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const ID2: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const ID3: &str = "16fd2706-8baf-433b-82eb-8c7fada847da";
    const WHEN: &str = "2026-11-21T10:00:00.000Z";

    fn record(id: &str, kind: &str) -> Value {
        json!({
            "id": id, "kind": kind, "org": ORG, "created": WHEN, "updated": WHEN, "schema": RECORD_SCHEMA,
            "name": "วิทยาลัยเทคนิคตัวอย่าง", "score": "4.51", "items": [1, 2.5, true, null, {"x": "ก"}]
        })
    }

    fn sample() -> Vec<Value> {
        vec![record(ID1, "college"), record(ID2, "qa_assessment"), record(ID3, "qa_assessment")]
    }

    /// A backup whose records were changed by `edit` and whose checksum and count were then fixed up, so that only
    /// the record checks can refuse it.
    fn resealed(edit: impl FnOnce(&mut Vec<Value>)) -> String {
        let mut records = sample();
        edit(&mut records);
        make_backup(ORG, WHEN, &records)
    }

    fn refusal(text: &str) -> BackupError {
        parse_backup(text).expect_err("should be refused")
    }

    #[test]
    fn round_trip() {
        let records = sample();
        let text = make_backup(ORG, WHEN, &records);
        let backup = parse_backup(&text).unwrap();
        assert_eq!(backup, Backup { org: ORG.into(), exported: WHEN.into(), records });
    }

    #[test]
    fn empty_backup_round_trips() {
        let backup = parse_backup(&make_backup(ORG, WHEN, &[])).unwrap();
        assert!(backup.records.is_empty());
    }

    #[test]
    fn file_layout() {
        let text = make_backup(ORG, WHEN, &sample());
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["format"], BACKUP_FORMAT);
        assert_eq!(v["version"], BACKUP_VERSION);
        assert_eq!(v["org"], ORG);
        assert_eq!(v["exported"], WHEN);
        assert_eq!(v["count"], 3);
        let compact = serde_json::to_string(&sample()).unwrap();
        assert_eq!(v["checksum"], crc32_hex(compact.as_bytes()));
        // Header fields come first, in this order, and the file is indented.
        let order: Vec<usize> = ["\"format\"", "\"version\"", "\"org\"", "\"exported\"", "\"count\"", "\"checksum\"", "\"records\""]
            .iter()
            .map(|k| text.find(k).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert!(text.contains("\n  \"format\""));
    }

    #[test]
    fn reindented_file_still_accepted() {
        let text = make_backup(ORG, WHEN, &sample());
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(parse_backup(&serde_json::to_string(&v).unwrap()).is_ok());
    }

    #[test]
    fn not_json() {
        let e = refusal("{\n  \"format\": \"mattrathan-backup\",\n  oops\n}");
        assert_eq!(e.code(), "not_json");
        let BackupError::NotJson { line, column, .. } = e.clone() else { unreachable!() };
        assert_eq!(line, 3);
        assert!(column > 0);
        let msg = e.to_string();
        assert!(msg.contains("ไม่ใช่ JSON") && msg.contains("บรรทัด 3"), "{msg}");
        assert_eq!(refusal("").code(), "not_json");
        // A truncated download.
        let text = make_backup(ORG, WHEN, &sample());
        assert_eq!(refusal(&text[..text.len() / 2]).code(), "not_json");
    }

    #[test]
    fn wrong_or_missing_format() {
        let e = refusal(r#"{"format": "something-else", "version": 1}"#);
        assert_eq!(e, BackupError::NotBackup { found: Some("something-else".into()) });
        assert!(e.to_string().contains("ไม่ใช่ไฟล์สำรองของ Mattrathan"));
        let e = refusal(r#"{"version": 1, "records": []}"#);
        assert_eq!(e, BackupError::NotBackup { found: None });
        assert!(e.to_string().contains("ไม่ใช่ไฟล์สำรองของ Mattrathan"));
        assert_eq!(refusal("[1, 2, 3]").code(), "not_backup");
        assert_eq!(refusal("\"hello\"").code(), "not_backup");
    }

    #[test]
    fn newer_version() {
        let text = make_backup(ORG, WHEN, &sample()).replacen("\"version\": 1", "\"version\": 2", 1);
        let e = refusal(&text);
        assert_eq!(e, BackupError::VersionTooNew { found: 2 });
        assert!(e.to_string().contains("รุ่น 2"), "{e}");
    }

    #[test]
    fn bad_header_fields() {
        let base: Value = serde_json::from_str(&make_backup(ORG, WHEN, &sample())).unwrap();
        for (field, bad) in [
            ("version", json!("1")),
            ("version", json!(0)),
            ("org", json!("")),
            ("org", json!(1310100001)),
            ("exported", Value::Null),
            ("count", json!(-1)),
            ("checksum", json!(12345)),
            ("records", json!({})),
        ] {
            let mut v = base.clone();
            v[field] = bad;
            let e = refusal(&v.to_string());
            assert_eq!(e, BackupError::BadHeader { field }, "{field}");
            assert!(e.to_string().contains(&format!("ช่อง {field}")));
        }
        let mut v = base.clone();
        v.as_object_mut().unwrap().remove("records");
        assert_eq!(refusal(&v.to_string()), BackupError::BadHeader { field: "records" });
    }

    #[test]
    fn checksum_mismatch() {
        let text = make_backup(ORG, WHEN, &sample()).replace("4.51", "4.99");
        let e = refusal(&text);
        assert_eq!(e.code(), "checksum_mismatch");
        assert!(e.to_string().contains("ไฟล์ถูกแก้ไขหรือเสียหาย"), "{e}");
        // A removed record also changes the checksum.
        let mut v: Value = serde_json::from_str(&make_backup(ORG, WHEN, &sample())).unwrap();
        v["records"].as_array_mut().unwrap().pop();
        assert_eq!(refusal(&v.to_string()).code(), "checksum_mismatch");
        // Upper-case hex in the file is accepted.
        let mut v: Value = serde_json::from_str(&make_backup(ORG, WHEN, &sample())).unwrap();
        v["checksum"] = json!(v["checksum"].as_str().unwrap().to_ascii_uppercase());
        assert!(parse_backup(&v.to_string()).is_ok());
    }

    #[test]
    fn count_mismatch() {
        let mut v: Value = serde_json::from_str(&make_backup(ORG, WHEN, &sample())).unwrap();
        v["count"] = json!(4);
        let e = refusal(&v.to_string());
        assert_eq!(e, BackupError::CountMismatch { stated: 4, found: 3 });
        assert!(e.to_string().contains("ไฟล์ถูกแก้ไขหรือเสียหาย"));
    }

    #[test]
    fn record_not_object() {
        let e = refusal(&resealed(|r| r[1] = json!("college")));
        assert_eq!(e, BackupError::Record { number: 2, problem: RecordProblem::NotObject });
        assert!(e.to_string().starts_with("ระเบียนที่ 2: "), "{e}");
    }

    #[test]
    fn record_missing_meta_fields() {
        for field in ["id", "kind", "org", "created", "updated", "schema"] {
            let e = refusal(&resealed(|r| {
                r[2].as_object_mut().unwrap().remove(field);
            }));
            assert_eq!(e, BackupError::Record { number: 3, problem: RecordProblem::MissingField { field } });
            assert_eq!(e.to_string(), format!("ระเบียนที่ 3: ไม่มีช่อง {field}"));
            // null counts as missing
            let e = refusal(&resealed(|r| r[2][field] = Value::Null));
            assert_eq!(e.code(), "record_missing_field", "{field}");
        }
    }

    #[test]
    fn record_bad_meta_fields() {
        for (field, bad) in [
            ("id", json!("not-a-uuid")),
            ("id", json!("0F8FAD5B-D9CB-469F-A165-70867728950E")),
            ("id", json!(42)),
            ("kind", json!("")),
            ("org", json!(1310100001)),
            ("created", json!(20261121)),
            ("updated", json!(["x"])),
            ("schema", json!("1")),
            ("schema", json!(0)),
            ("schema", json!(1.5)),
        ] {
            let e = refusal(&resealed(|r| r[0][field] = bad.clone()));
            assert_eq!(e, BackupError::Record { number: 1, problem: RecordProblem::BadField { field } }, "{field} {bad}");
            assert!(e.to_string().starts_with(&format!("ระเบียนที่ 1: ช่อง {field} ไม่ใช่")), "{e}");
        }
    }

    #[test]
    fn record_unknown_kind() {
        let e = refusal(&resealed(|r| r[1]["kind"] = json!("spaceship")));
        assert_eq!(
            e,
            BackupError::Record { number: 2, problem: RecordProblem::UnknownKind { kind: "spaceship".into() } }
        );
        assert!(e.to_string().contains("spaceship"));
    }

    #[test]
    fn record_schema_too_new() {
        let newer = RECORD_SCHEMA as u64 + 1;
        let e = refusal(&resealed(|r| r[0]["schema"] = json!(newer)));
        assert_eq!(e, BackupError::Record { number: 1, problem: RecordProblem::SchemaTooNew { found: newer } });
    }

    #[test]
    fn record_of_another_org() {
        let e = refusal(&resealed(|r| r[2]["org"] = json!("9999999999")));
        assert_eq!(e.code(), "record_foreign_org");
        let msg = e.to_string();
        assert!(msg.starts_with("ระเบียนที่ 3: ") && msg.contains("9999999999") && msg.contains(ORG), "{msg}");
    }

    #[test]
    fn duplicate_ids() {
        let e = refusal(&resealed(|r| r[2]["id"] = json!(ID1)));
        assert_eq!(
            e,
            BackupError::Record { number: 3, problem: RecordProblem::DuplicateId { id: ID1.into(), first: 1 } }
        );
        assert!(e.to_string().contains("ซ้ำกับระเบียนที่ 1"));
    }

    #[test]
    fn uuid_shape() {
        assert!(is_uuid(ID1));
        assert!(!is_uuid(""));
        assert!(!is_uuid("0f8fad5bd9cb469fa16570867728950e"));
        assert!(!is_uuid("0f8fad5b-d9cb-469f-a165-70867728950"));
        assert!(!is_uuid("0f8fad5b-d9cb-469f-a165-70867728950g"));
        assert!(!is_uuid("0f8fad5b_d9cb-469f-a165-70867728950e"));
    }
}
