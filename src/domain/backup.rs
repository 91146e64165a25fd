//! The backup file: one organisation's records as a single JSON file the user downloads, keeps, and imports again
//! (into the same browser after a data loss, or into another computer). Every organisation backs up from its own
//! page: a college (`qa`), a test centre one file per standard (`s26` editor: the standard, its sessions, candidates
//! and marks all carry the standard's id as `org`), an office its application numbers and their counters (`s26`
//! start page, org = the office's province code, kind `s26_application` only), a province its imports and lists
//! (`reg-province`, org = province code, `reg_*` kinds only), a judge's tablet each standard it holds (`judge`).
//!
//! Pure: this module only writes and checks the text, and decides what a restore may write ([`plan_restore`]). The
//! store (`store::Store::export_org` / `store::Store::import_backup`) reads and writes IndexedDB around it.
//!
//! # Format (version 2)
//!
//! ```json
//! {
//!   "format": "mattrathan-backup",
//!   "version": 2,
//!   "org": "1310100001",
//!   "exported": "2026-11-21T10:00:00.000Z",
//!   "count": 2,
//!   "checksum": "1a2b3c4d",
//!   "counters": { "s26-application-12-2570": 3 },
//!   "records": [ { "id": "…", "kind": "college", "org": "1310100001", "created": "…", "updated": "…", "schema": 1, … } ]
//! }
//! ```
//!
//! - `checksum` is [`crc32_hex`] of `serde_json::to_string(&records)` followed by `serde_json::to_string(&counters)`
//!   (compact JSON, object keys in serde_json's order), so re-indenting the file does not break it but damage to any
//!   value does. A CRC-32 detects accidental damage (a truncated download, a changed character); it is not a
//!   signature: anyone can edit a file and recompute it, so every record is checked on its own merits as well.
//! - `counters` (new in version 2): the running numbers of the organisation that must survive a restore (today the
//!   application-number counters `s26-application-<office>-<fiscal year>`, see [`counter_belongs`]). A restore
//!   raises a stored counter to the file's value, never lowers it.
//! - Version 1 files (no `counters`, checksum over the records alone) are still read.
//! - Every record carries the [`Meta`](crate::domain::record::Meta) fields flat (`id`, `kind`, `org`, `created`,
//!   `updated`, `schema`).
//!
//! [`parse_backup`] refuses a file, before anything is written, when it is not JSON, not a Mattrathan backup, from a
//! newer build, damaged (checksum or count), or holds a record that could not have come from this organisation and
//! build. [`check_times`] (run by the import with the device's clock) refuses a file `exported`, or a record
//! `updated`, more than a few minutes in the future. [`plan_restore`] then compares the file with what is stored: a
//! record whose id is stored as another kind or another organisation's, or a mark (`s26_mark`) whose id is stored with
//! other content (marks are append-only, checked by [`crate::domain::judge::merge::plan_import`]), or a record its
//! kind's [`RecordCheck`] refuses (a candidate's application, [`STORED_CHECKS`]), refuses the whole file. Every refusal has a Thai message for the user ([`Display`](std::fmt::Display)) and an English
//! [`code`](BackupError::code) for logs and tests. Records are numbered from 1 in messages ("ระเบียนที่ 1" is the
//! first).

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use super::checksum::crc32_hex;
use super::judge::merge::plan_import;
use super::normalise::{is_future, iso_millis};
use super::record::{KNOWN_KINDS, RECORD_SCHEMA};
use super::section26::records::MarkRecord;

/// Value of the `format` field; anything else is not our backup.
pub const BACKUP_FORMAT: &str = "mattrathan-backup";
/// Version of the file layout written by this build. Files with a higher version are refused.
pub const BACKUP_VERSION: u32 = 2;
/// The largest counter value a backup may carry.
pub const MAX_COUNTER: u32 = 1_000_000;

/// A backup file that passed every check.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// The organisation the backup belongs to; every record has this `org`.
    pub org: String,
    /// When the backup was made (ISO 8601, as written by the exporting browser).
    pub exported: String,
    /// The records, in file order, each a JSON object with the Meta fields checked.
    pub records: Vec<Value>,
    /// The organisation's running numbers (empty in a version 1 file).
    pub counters: BTreeMap<String, u32>,
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
    counters: &'a BTreeMap<String, u32>,
    records: &'a [Value],
}

/// Checksum of a record list (and, from version 2, the counters) as stored in the file.
fn records_checksum(records: &[Value], counters: Option<&Value>) -> String {
    // Serialising a slice of `Value`s cannot fail (no non-string map keys, no I/O).
    let mut compact = serde_json::to_string(records).expect("serialising JSON values");
    if let Some(counters) = counters {
        compact.push_str(&serde_json::to_string(counters).expect("serialising JSON values"));
    }
    crc32_hex(compact.as_bytes())
}

/// `true` when counter `name` belongs to organisation `org`, so a backup of `org` may carry it: the application
/// number counters of an office (`s26-application-<org>-<fiscal year>`,
/// [`crate::domain::section26::application::counter_name`]).
pub fn counter_belongs(org: &str, name: &str) -> bool {
    name.strip_prefix("s26-application-")
        .and_then(|rest| rest.strip_prefix(org))
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|year| !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()))
}

/// Writes a backup file (pretty-printed JSON) holding `records` of organisation `org`, made at time `exported`.
///
/// The caller passes the records as they are stored (objects with the Meta fields flat); this function does not check
/// them — [`parse_backup`] does, on the way back in.
pub fn make_backup(org: &str, exported: &str, records: &[Value]) -> String {
    make_backup_with_counters(org, exported, records, &BTreeMap::new())
}

/// [`make_backup`] carrying the organisation's `counters` too (only those that [`counter_belongs`] to `org` are
/// written).
pub fn make_backup_with_counters(org: &str, exported: &str, records: &[Value], counters: &BTreeMap<String, u32>) -> String {
    let counters: BTreeMap<String, u32> = crate::domain::sort::map_of(
        counters.iter().filter(|(name, _)| counter_belongs(org, name)).map(|(k, v)| (k.clone(), *v)),
    );
    let counters_json = serde_json::to_value(&counters).expect("serialising counters");
    let file = BackupFile {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        org,
        exported,
        count: records.len(),
        checksum: records_checksum(records, Some(&counters_json)),
        counters: &counters,
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
    /// The file says it was exported at `exported`, later than this device's clock allows (`now`).
    ExportedInFuture { exported: String, now: String },
    /// Counter `name` cannot be in a backup of this organisation, or its value is not a whole number up to
    /// [`MAX_COUNTER`].
    BadCounter { name: String },
    /// The marks of the file break the marks rules ([`plan_import`]); `detail` names the mark.
    Marks { detail: String },
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
    /// `updated` lies more than a few minutes after this device's clock (`now`).
    UpdatedInFuture { id: String, updated: String, now: String },
    /// The `id` is stored on this device as a record of another kind or organisation: restoring would overwrite it.
    OverwritesOther { id: String, kind: String, org: String },
    /// A mark (`s26_mark`) whose `id` is stored with other content: marks are never rewritten.
    MarkRewritten { id: String },
    /// A mark that does not read as a mark.
    BadMark { id: String, detail: String },
    /// A record its kind's [`RecordCheck`] refused (a candidate whose application breaks its rules); `detail` names
    /// the field.
    BadContent { id: String, detail: String },
    /// A record of a kind this page does not back up (e.g. a college's record in an office's restore).
    KindNotHere { kind: String },
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
            BackupError::ExportedInFuture { .. } => "exported_in_future",
            BackupError::BadCounter { .. } => "bad_counter",
            BackupError::Marks { .. } => "marks_refused",
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
            RecordProblem::UpdatedInFuture { .. } => "record_updated_in_future",
            RecordProblem::OverwritesOther { .. } => "record_overwrites_other",
            RecordProblem::MarkRewritten { .. } => "record_mark_rewritten",
            RecordProblem::BadMark { .. } => "record_bad_mark",
            RecordProblem::BadContent { .. } => "record_bad_content",
            RecordProblem::KindNotHere { .. } => "record_kind_not_here",
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
                "ไฟล์เสียหาย: ค่าตรวจสอบความเสียหาย (checksum CRC-32) ในไฟล์คือ {stated} แต่ข้อมูลคำนวณได้ {computed} — ไฟล์อาจดาวน์โหลดหรือคัดลอกมาไม่ครบ"
            ),
            BackupError::CountMismatch { stated, found } => write!(
                f,
                "ไฟล์เสียหาย: ไฟล์ระบุว่ามี {stated} ระเบียน แต่พบ {found} ระเบียน"
            ),
            BackupError::Record { number, problem } => write!(f, "ระเบียนที่ {number}: {problem}"),
            BackupError::ExportedInFuture { exported, now } => write!(
                f,
                "ไฟล์ระบุเวลาส่งออก {exported} ซึ่งเลยเวลาปัจจุบันของเครื่องนี้ ({now}) — ไม่รับไฟล์ที่ลงเวลาในอนาคต ตรวจนาฬิกาของเครื่องที่ส่งออก"
            ),
            BackupError::BadCounter { name } => write!(
                f,
                "ช่อง counters: ตัวนับ \"{name}\" ไม่ใช่ของหน่วยงานในไฟล์สำรอง หรือค่าไม่ใช่จำนวนเต็ม 0–{MAX_COUNTER}"
            ),
            BackupError::Marks { detail } => write!(f, "คะแนนในไฟล์สำรองใช้ไม่ได้: {detail}"),
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
            RecordProblem::UpdatedInFuture { id, updated, now } => write!(
                f,
                "ระเบียน {id} ลงเวลาแก้ไข (updated) {updated} ซึ่งเลยเวลาปัจจุบันของเครื่องนี้ ({now}) — ไม่รับระเบียนที่ลงเวลาในอนาคต"
            ),
            RecordProblem::OverwritesOther { id, kind, org } => write!(
                f,
                "รหัส id {id} เป็นระเบียนชนิด \"{kind}\" ของหน่วยงาน {org} ในเครื่องนี้ — ไฟล์สำรองเขียนทับข้อมูลชนิดอื่นหรือของหน่วยงานอื่นไม่ได้"
            ),
            RecordProblem::MarkRewritten { id } => write!(
                f,
                "คะแนนรหัส {id} มีอยู่ในเครื่องนี้แล้วแต่ข้อมูลต่างกัน — คะแนนที่บันทึกแล้วแก้ไขทับไม่ได้"
            ),
            RecordProblem::BadMark { id, detail } => write!(f, "คะแนนรหัส {id} อ่านไม่ได้ ({detail})"),
            RecordProblem::BadContent { id, detail } => write!(f, "ระเบียนรหัส {id} ไม่ถูกต้อง — {detail}"),
            RecordProblem::KindNotHere { kind } => write!(
                f,
                "เป็นข้อมูลชนิด \"{kind}\" ซึ่งไม่ได้สำรองจากหน้านี้ — นำเข้าที่หน้าของข้อมูลชนิดนั้น"
            ),
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
/// the file; no repeated `id`). The first problem found is returned. A leading UTF-8 byte-order mark (an editor's or
/// another tool's) is not part of the JSON and is skipped.
pub fn parse_backup(text: &str) -> Result<Backup, BackupError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
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

    // Version 2 carries the counters, covered by the checksum; version 1 has none.
    let counters_json = match (version, head.get("counters")) {
        (1, _) => None,
        (_, Some(c @ Value::Object(_))) => Some(c),
        _ => return Err(BackupError::BadHeader { field: "counters" }),
    };
    let computed = records_checksum(records, counters_json);
    if computed != stated {
        return Err(BackupError::ChecksumMismatch { stated, computed });
    }
    if count != records.len() as u64 {
        return Err(BackupError::CountMismatch { stated: count, found: records.len() });
    }
    let mut counters = BTreeMap::new();
    for (name, value) in counters_json.and_then(Value::as_object).into_iter().flatten() {
        let value = value
            .as_u64()
            .filter(|v| *v <= u64::from(MAX_COUNTER) && counter_belongs(&org, name))
            .ok_or_else(|| BackupError::BadCounter { name: name.clone() })?;
        counters.insert(name.clone(), value as u32);
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
    Ok(Backup { org, exported, records, counters })
}

/// Refuses a backup `exported`, or holding a record `updated`, more than a few minutes
/// ([`MAX_CLOCK_SKEW_MS`](super::normalise::MAX_CLOCK_SKEW_MS)) after `now` (this device's clock, ISO 8601), or whose
/// times cannot be read: a record stamped in the future would win every later comparison of `updated` and could
/// never be corrected.
pub fn check_times(backup: &Backup, now: &str) -> Result<(), BackupError> {
    if iso_millis(&backup.exported).is_none() {
        return Err(BackupError::BadHeader { field: "exported" });
    }
    if is_future(&backup.exported, now) {
        return Err(BackupError::ExportedInFuture { exported: backup.exported.clone(), now: now.to_string() });
    }
    for (i, record) in backup.records.iter().enumerate() {
        let err = |problem| BackupError::Record { number: i + 1, problem };
        let text = |k: &str| record.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        for field in ["created", "updated"] {
            if iso_millis(&text(field)).is_none() {
                return Err(err(RecordProblem::BadField { field }));
            }
        }
        let updated = text("updated");
        if is_future(&updated, now) {
            return Err(err(RecordProblem::UpdatedInFuture { id: text("id"), updated, now: now.to_string() }));
        }
    }
    Ok(())
}

/// A stored record as [`plan_restore`] needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub kind: String,
    pub org: String,
    pub updated: String,
    /// The whole stored record (marks are compared field by field).
    pub value: Value,
}

impl Stored {
    /// The Meta fields of a stored JSON record.
    pub fn of(value: Value) -> Stored {
        let text = |k: &str| value.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        Stored { kind: text("kind"), org: text("org"), updated: text("updated"), value }
    }
}

/// What a restore writes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestorePlan {
    /// Indexes into [`Backup::records`] of the records to write (new, or replacing an older or equally old copy).
    pub write: Vec<usize>,
    /// Records kept as stored because the stored copy is newer.
    pub kept_newer: usize,
    /// Marks already stored with the same content (not written again).
    pub marks_already: usize,
}

/// `true` when ISO time `a` is later than `b` (instants when both read, else the text).
fn later(a: &str, b: &str) -> bool {
    match (iso_millis(a), iso_millis(b)) {
        (Some(a), Some(b)) => a > b,
        _ => a > b,
    }
}

/// A check of one kind's records beyond their Meta fields: the kind, and the check of a record's JSON (a Thai refusal
/// naming the field).
pub type RecordCheck = (&'static str, fn(&Value) -> Result<(), String>);

/// Every kind's [`RecordCheck`]: a candidate's application ([`crate::domain::section26::candidates::check_record`])
/// , a standard's office check and matching sets ([`crate::domain::section26::standard::check_record`]) and a
/// module's image: its owner, type by its bytes and size ([`crate::domain::section26::image::check_record`]).
pub const STORED_CHECKS: &[RecordCheck] = &[
    ("s26_candidate", crate::domain::section26::candidates::check_record),
    ("s26_standard", crate::domain::section26::standard::check_record),
    ("s26_image", crate::domain::section26::image::check_record),
];

/// Decides what restoring `backup` writes, given the stored copy of each of its ids and every stored mark of its
/// organisation (`stored`, by id) and this
/// device's clock `now`; `kinds` (when given) are the only kinds the page restores. Refuses the whole file, naming
/// the record, when: [`check_times`] fails; a record's kind is not one of `kinds`; an id is stored as another kind or
/// another organisation's record; a mark's id is stored with other content, or the marks break the rules of
/// [`plan_import`] (the gate every path into the marks uses). Otherwise a record whose stored copy has a later
/// `updated` is kept, marks already stored are skipped, and everything else is written. A record of a kind named in
/// `checks` must pass its check too (the page passes the checks of the kinds it restores, so a page that never takes a
/// kind does not carry its rules; an import of any kind passes [`STORED_CHECKS`]).
pub fn plan_restore(
    backup: &Backup,
    stored: &HashMap<String, Stored>,
    kinds: Option<&[&str]>,
    checks: &[RecordCheck],
    now: &str,
) -> Result<RestorePlan, BackupError> {
    check_times(backup, now)?;
    let mut plan = RestorePlan::default();
    // Every stored mark of the organisation the store handed over (it passes them all, so the marks rules see the
    // whole history, not only the ids in the file).
    let mut existing_marks: Vec<MarkRecord> = stored
        .values()
        .filter(|s| s.kind == "s26_mark" && s.org == backup.org)
        .filter_map(|s| serde_json::from_value(s.value.clone()).ok())
        .collect();
    crate::domain::sort::sort_by(&mut existing_marks, |a, b| (&a.meta.created, &a.meta.id).cmp(&(&b.meta.created, &b.meta.id)));
    let mut incoming_marks = Vec::new();
    let mut mark_numbers = Vec::new();
    for (i, record) in backup.records.iter().enumerate() {
        let number = i + 1;
        let err = |problem| BackupError::Record { number, problem };
        let text = |k: &str| record.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
        let (id, kind) = (text("id"), text("kind"));
        if kinds.is_some_and(|k| !k.contains(&kind.as_str())) {
            return Err(err(RecordProblem::KindNotHere { kind }));
        }
        let old = stored.get(&id);
        if let Some(old) = old {
            if old.kind != kind || old.org != backup.org {
                return Err(err(RecordProblem::OverwritesOther { id, kind: old.kind.clone(), org: old.org.clone() }));
            }
        }
        if let Some((_, check)) = checks.iter().find(|(k, _)| *k == kind) {
            check(record).map_err(|detail| err(RecordProblem::BadContent { id: id.clone(), detail }))?;
        }
        if kind == "s26_mark" {
            let mark: MarkRecord = serde_json::from_value(record.clone())
                .map_err(|e| err(RecordProblem::BadMark { id: id.clone(), detail: e.to_string() }))?;
            if let Some(old) = old {
                let old_mark: Option<MarkRecord> = serde_json::from_value(old.value.clone()).ok();
                // The stored copy must be this very mark (plan_import compares them); anything else is a rewrite.
                let same = old_mark
                    .as_ref()
                    .is_some_and(|o| plan_import(std::slice::from_ref(o), vec![mark.clone()]).is_ok_and(|p| p.new.is_empty()));
                if !same {
                    return Err(err(RecordProblem::MarkRewritten { id }));
                }
            }
            incoming_marks.push(mark);
            mark_numbers.push(i);
            continue;
        }
        match old {
            Some(old) if later(&old.updated, &text("updated")) => plan.kept_newer += 1,
            _ => plan.write.push(i),
        }
    }
    if !incoming_marks.is_empty() {
        let marks_plan = plan_import(&existing_marks, incoming_marks).map_err(|detail| BackupError::Marks { detail })?;
        plan.marks_already = marks_plan.already;
        let new_ids: std::collections::HashSet<&str> = marks_plan.new.iter().map(|m| m.meta.id.as_str()).collect();
        for i in mark_numbers {
            if backup.records[i].get("id").and_then(Value::as_str).is_some_and(|id| new_ids.contains(id)) {
                plan.write.push(i);
            }
        }
        crate::domain::sort::sort(&mut plan.write);
    }
    Ok(plan)
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
        assert_eq!(backup, Backup { org: ORG.into(), exported: WHEN.into(), records, counters: BTreeMap::new() });
    }

    #[test]
    fn a_backup_with_a_byte_order_mark_imports() {
        let records = sample();
        let text = format!("\u{feff}{}", make_backup(ORG, WHEN, &records));
        assert_eq!(parse_backup(&text).unwrap().records, records);
        // As the browser hands it over: bytes, decoded by domain::text (which drops the mark itself too).
        let decoded = crate::domain::text::decode("b.json", text.as_bytes()).unwrap();
        assert_eq!(parse_backup(&decoded.text).unwrap().records, records);
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
        let compact = serde_json::to_string(&sample()).unwrap() + "{}";
        assert_eq!(v["checksum"], crc32_hex(compact.as_bytes()));
        assert_eq!(v["counters"], json!({}));
        // Header fields come first, in this order, and the file is indented.
        let order: Vec<usize> = ["\"format\"", "\"version\"", "\"org\"", "\"exported\"", "\"count\"", "\"checksum\"", "\"counters\"", "\"records\""]
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
        let text = make_backup(ORG, WHEN, &sample()).replacen("\"version\": 2", "\"version\": 3", 1);
        let e = refusal(&text);
        assert_eq!(e, BackupError::VersionTooNew { found: 3 });
        assert!(e.to_string().contains("รุ่น 3"), "{e}");
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
            ("counters", json!([3])),
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
        assert!(e.to_string().contains("ไฟล์เสียหาย"), "{e}");
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
        assert!(e.to_string().contains("ไฟล์เสียหาย"));
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

    const NOW: &str = "2026-11-21T12:00:00.000Z";

    fn stored_map(records: &[Value]) -> HashMap<String, Stored> {
        records.iter().map(|r| (r["id"].as_str().unwrap().to_string(), Stored::of(r.clone()))).collect()
    }

    fn mark(id: &str, value: &str) -> Value {
        json!({
            "id": id, "kind": "s26_mark", "org": ORG, "created": WHEN, "updated": WHEN, "schema": RECORD_SCHEMA,
            "candidate": "c1", "module": "1", "item": "1", "judge": 1, "value": value, "by": "กรรมการ 1", "at": WHEN
        })
    }

    #[test]
    fn the_future_is_refused_naming_the_record() {
        // A record edited "in 2099" would win every later comparison: refused, naming it.
        let text = resealed(|r| r[1]["updated"] = json!("2099-01-01T00:00:00.000Z"));
        let backup = parse_backup(&text).unwrap();
        let e = check_times(&backup, NOW).unwrap_err();
        assert_eq!(e.code(), "record_updated_in_future");
        let msg = e.to_string();
        assert!(msg.starts_with("ระเบียนที่ 2: ") && msg.contains(ID2) && msg.contains("2099"), "{msg}");
        assert_eq!(plan_restore(&backup, &HashMap::new(), None, STORED_CHECKS, NOW).unwrap_err(), e);
        // A few minutes of clock skew are fine.
        let text = resealed(|r| r[1]["updated"] = json!("2026-11-21T12:04:00.000Z"));
        assert!(check_times(&parse_backup(&text).unwrap(), NOW).is_ok());
        // An unreadable time is refused too (it would compare as text, "9999" after everything).
        let backup = parse_backup(&resealed(|r| r[2]["updated"] = json!("9999"))).unwrap();
        assert_eq!(check_times(&backup, NOW).unwrap_err(), BackupError::Record { number: 3, problem: RecordProblem::BadField { field: "updated" } });
        // A file exported in the future.
        let backup = parse_backup(&make_backup(ORG, "2027-01-01T00:00:00.000Z", &sample())).unwrap();
        let e = check_times(&backup, NOW).unwrap_err();
        assert_eq!(e.code(), "exported_in_future");
        assert!(e.to_string().contains("2027-01-01"), "{e}");
        let backup = parse_backup(&make_backup(ORG, "yesterday", &sample())).unwrap();
        assert_eq!(check_times(&backup, NOW).unwrap_err(), BackupError::BadHeader { field: "exported" });
    }

    #[test]
    fn a_record_stored_as_another_kind_or_org_is_never_overwritten() {
        let backup = parse_backup(&make_backup(ORG, WHEN, &sample())).unwrap();
        // The id of record 2 is stored here as another organisation's college.
        let mut other = record(ID2, "college");
        other["org"] = json!("9999999999");
        let e = plan_restore(&backup, &stored_map(&[other]), None, STORED_CHECKS, NOW).unwrap_err();
        assert_eq!(e.code(), "record_overwrites_other");
        let msg = e.to_string();
        assert!(msg.starts_with("ระเบียนที่ 2: ") && msg.contains(ID2) && msg.contains("9999999999"), "{msg}");
        // … or as another kind of this organisation.
        let e = plan_restore(&backup, &stored_map(&[record(ID3, "college")]), None, STORED_CHECKS, NOW).unwrap_err();
        assert_eq!(e, BackupError::Record { number: 3, problem: RecordProblem::OverwritesOther { id: ID3.into(), kind: "college".into(), org: ORG.into() } });
        // The same kind and org: newer stored copies are kept, the rest written.
        let mut newer = record(ID1, "college");
        newer["updated"] = json!("2026-11-21T11:00:00.000Z");
        let mut older = record(ID2, "qa_assessment");
        older["updated"] = json!("2026-01-01T00:00:00Z");
        let plan = plan_restore(&backup, &stored_map(&[newer, older]), None, STORED_CHECKS, NOW).unwrap();
        assert_eq!(plan, RestorePlan { write: vec![1, 2], kept_newer: 1, marks_already: 0 });
    }

    fn candidate(id: &str, application: Value) -> Value {
        json!({
            "id": id, "kind": "s26_candidate", "org": ORG, "created": WHEN, "updated": WHEN, "schema": RECORD_SCHEMA,
            "session": ID3, "number": "A001", "name": "นายหนึ่ง ตั้งใจ", "national_id": "1103702071811",
            "birth": "2003-01-20", "experience_months": 12, "conditions": [], "answers": [], "application": application
        })
    }

    #[test]
    fn a_forged_candidate_application_is_refused_naming_the_field() {
        let good = json!({"title": "นาย", "date": "2021-01-10", "address": {"postcode": "11000"},
            "work": [{"from": "2017-05", "to": "2018-04", "workplace": "อู่ ก"}]});
        let backup = parse_backup(&make_backup(ORG, WHEN, &[candidate(ID1, good.clone())])).unwrap();
        assert_eq!(plan_restore(&backup, &HashMap::new(), None, STORED_CHECKS, NOW).unwrap().write, vec![0]);
        let refused = |application: Value| {
            let backup = parse_backup(&make_backup(ORG, WHEN, &[record(ID2, "college"), candidate(ID1, application)])).unwrap();
            plan_restore(&backup, &HashMap::new(), None, STORED_CHECKS, NOW).unwrap_err()
        };
        let mut bad = good.clone();
        bad["address"]["postcode"] = json!("1100x");
        let e = refused(bad);
        assert_eq!(e.code(), "record_bad_content");
        assert_eq!(
            e.to_string(),
            format!("ระเบียนที่ 2: ระเบียนรหัส {ID1} ไม่ถูกต้อง — ผู้เข้าทดสอบหมายเลข A001 ใบสมัคร: รหัสไปรษณีย์: “1100x” ต้องเป็นตัวเลข 5 หลัก")
        );
        let mut bad = good.clone();
        bad["work"][0]["to"] = json!("2017-01");
        assert!(refused(bad).to_string().ends_with("ประวัติการทำงาน แถว 1: ตั้งแต่ 05/2560 อยู่หลัง ถึง 01/2560"));
        let mut bad = good.clone();
        bad["email"] = json!("x".repeat(300));
        assert!(refused(bad).to_string().ends_with("อีเมล: ยาวเกิน 254 ตัวอักษร"));
        // A field of the wrong type does not read as a candidate at all.
        let mut bad = good;
        bad["work"] = json!("many");
        assert!(refused(bad).to_string().contains("อ่านเป็นผู้เข้าทดสอบไม่ได้"));
        // Without the check (a page that does not restore candidates passes none) only the Meta fields are read.
        let mut bad = json!({"date": "2021-01-10"});
        bad["mobile"] = json!("1");
        let backup = parse_backup(&make_backup(ORG, WHEN, &[candidate(ID1, bad)])).unwrap();
        assert!(plan_restore(&backup, &HashMap::new(), None, &[], NOW).is_ok());
    }

    #[test]
    fn a_page_restores_only_its_own_kinds() {
        let backup = parse_backup(&make_backup(ORG, WHEN, &sample())).unwrap();
        let e = plan_restore(&backup, &HashMap::new(), Some(&["college"]), STORED_CHECKS, NOW).unwrap_err();
        assert_eq!(e, BackupError::Record { number: 2, problem: RecordProblem::KindNotHere { kind: "qa_assessment".into() } });
        assert!(plan_restore(&backup, &HashMap::new(), Some(&["college", "qa_assessment"]), STORED_CHECKS, NOW).is_ok());
    }

    #[test]
    fn a_mark_is_never_rewritten_in_place() {
        let m = mark(ID1, "2");
        let backup = parse_backup(&make_backup(ORG, WHEN, &[m.clone(), mark(ID2, "3")])).unwrap();
        // Stored with the same content: skipped; the other mark is new.
        let plan = plan_restore(&backup, &stored_map(&[m.clone()]), None, STORED_CHECKS, NOW).unwrap();
        assert_eq!(plan, RestorePlan { write: vec![1], kept_newer: 0, marks_already: 1 });
        // The file rewrites a stored mark's value (even with a later `updated`): refused whole, naming it.
        let mut stored = m.clone();
        stored["value"] = json!("0");
        stored["updated"] = json!("2026-11-21T11:00:00.000Z");
        let e = plan_restore(&backup, &stored_map(&[stored]), None, STORED_CHECKS, NOW).unwrap_err();
        assert_eq!(e, BackupError::Record { number: 1, problem: RecordProblem::MarkRewritten { id: ID1.into() } });
        assert!(e.to_string().contains(ID1) && e.to_string().contains("แก้ไขทับไม่ได้"), "{e}");
        // A mark that does not read as one.
        let mut bad = mark(ID3, "2");
        bad["value"] = json!("สาม");
        let backup = parse_backup(&make_backup(ORG, WHEN, &[bad])).unwrap();
        assert_eq!(plan_restore(&backup, &HashMap::new(), None, STORED_CHECKS, NOW).unwrap_err().code(), "record_bad_mark");
    }

    #[test]
    fn counters_round_trip_and_belong_to_the_org() {
        let org = "12";
        let counters: BTreeMap<String, u32> =
            [("s26-application-12-2570".to_string(), 3), ("s26-application-13-2570".to_string(), 9), ("other".to_string(), 1)].into();
        let text = make_backup_with_counters(org, WHEN, &[], &counters);
        let backup = parse_backup(&text).unwrap();
        // Only this office's counters are written.
        assert_eq!(backup.counters, [("s26-application-12-2570".to_string(), 3)].into());
        // A hand-made file claiming another office's counter, with the checksum recomputed, is refused.
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["counters"]["s26-application-13-2570"] = json!(5);
        let cs = records_checksum(&[], Some(&v["counters"]));
        v["checksum"] = json!(cs);
        assert_eq!(refusal(&v.to_string()), BackupError::BadCounter { name: "s26-application-13-2570".into() });
        v["counters"] = json!({"s26-application-12-2570": -1});
        v["checksum"] = json!(records_checksum(&[], Some(&v["counters"])));
        assert_eq!(refusal(&v.to_string()).code(), "bad_counter");
        // A changed counter breaks the checksum.
        let damaged = text.replace("\"s26-application-12-2570\": 3", "\"s26-application-12-2570\": 1");
        assert_eq!(refusal(&damaged).code(), "checksum_mismatch");
        assert!(counter_belongs("12", "s26-application-12-2570"));
        assert!(!counter_belongs("1", "s26-application-12-2570"));
        assert!(!counter_belongs("12", "s26-application-12-"));
        assert!(!counter_belongs("12", "s26-application-12-2570x"));
    }

    #[test]
    fn an_old_version_1_file_still_reads() {
        // Exactly what the previous build wrote: no counters, checksum over the records alone.
        let records = sample();
        let compact = serde_json::to_string(&records).unwrap();
        let v1 = json!({
            "format": BACKUP_FORMAT, "version": 1, "org": ORG, "exported": WHEN, "count": 3,
            "checksum": crc32_hex(compact.as_bytes()), "records": records
        });
        let backup = parse_backup(&serde_json::to_string_pretty(&v1).unwrap()).unwrap();
        assert_eq!(backup.records, sample());
        assert!(backup.counters.is_empty());
        assert!(plan_restore(&backup, &HashMap::new(), None, STORED_CHECKS, NOW).is_ok());
    }

    #[test]
    fn messages_never_claim_the_checksum_detects_tampering() {
        let errors = [
            refusal(&make_backup(ORG, WHEN, &sample()).replace("4.51", "4.99")),
            BackupError::CountMismatch { stated: 4, found: 3 },
        ];
        for e in errors {
            let msg = e.to_string();
            for word in ["ถูกแก้ไข", "ปลอมแปลง", "tamper"] {
                assert!(!msg.contains(word), "{msg}");
            }
        }
    }
}
