//! Browser tests of `mattrathan::store` (IndexedDB) in headless Chromium. Each test uses its own database name and
//! deletes it first, so tests are independent of each other and of earlier runs.

use std::collections::BTreeMap;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use mattrathan::domain::backup::{parse_backup, BackupError};
use mattrathan::domain::record::{Meta, Record, RECORD_SCHEMA};
use mattrathan::domain::sync::accept::Shapes;
use mattrathan::store::{self, health, ImportSummary, Store, StoreError, DB_VERSION};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

const ORG_A: &str = "1310100001";
const ORG_B: &str = "1920100002";

/// Test-only record types, so these tests do not depend on the real `college_qa` records. Their kinds must be in
/// `KNOWN_KINDS` for backups to accept them.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct TestCollege {
    #[serde(flatten)]
    meta: Meta,
    name: String,
    score: String,
    tags: Vec<String>,
    note: Option<String>,
}

mattrathan::impl_record!(TestCollege, "college");

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct TestAssessment {
    #[serde(flatten)]
    meta: Meta,
    year: u32,
    answers: BTreeMap<String, String>,
}

mattrathan::impl_record!(TestAssessment, "qa_assessment");

/// The readers a restore uses for the test types (the real records' readers and checks are tested natively, in
/// `domain::backup` and `domain::sync::accept`); the restore still checks each record's owner and kind.
const TEST_SHAPES: Shapes = Shapes(&[
    ("college", |_, body| serde_json::from_value::<TestCollege>(body.clone()).map(drop).map_err(|e| e.to_string())),
    ("qa_assessment", |_, body| serde_json::from_value::<TestAssessment>(body.clone()).map(drop).map_err(|e| e.to_string())),
]);

/// A meta with a fixed creation time, so list order is predictable.
fn meta(kind: &str, org: &str, created: &str) -> Meta {
    Meta::new(store::new_id(), kind, org, created)
}

fn college(org: &str, name: &str, created: &str) -> TestCollege {
    TestCollege {
        meta: meta(TestCollege::KIND, org, created),
        name: name.to_string(),
        score: "4.51".to_string(),
        tags: vec!["ช่างกล".into(), "พาณิชย์".into()],
        note: None,
    }
}

fn assessment(org: &str, year: u32, created: &str) -> TestAssessment {
    let answers = [("1.1".to_string(), "5".to_string()), ("2.3".to_string(), "ผ่าน".to_string())].into();
    TestAssessment { meta: meta(TestAssessment::KIND, org, created), year, answers }
}

/// Deletes database `name` and opens it afresh.
async fn fresh(name: &str) -> Store {
    store::delete_database(name).await.expect("delete database");
    Store::open_named(name).await.expect("open database")
}

#[wasm_bindgen_test]
async fn save_then_reload() {
    let name = "test-save-reload";
    let store = fresh(name).await;
    assert_eq!(store.version(), DB_VERSION);
    assert_eq!(store.name(), name);

    let mut c = college(ORG_A, "วิทยาลัยเทคนิคตัวอย่าง", "2026-11-21T10:00:00.000Z");
    c.note = Some("บันทึก \"อัญประกาศ\" และ\nขึ้นบรรทัดใหม่".into());
    let a = assessment(ORG_A, 2569, "2026-11-21T10:05:00.000Z");
    store.put(&c).await.unwrap();
    store.put(&a).await.unwrap();
    drop(store);

    let store = Store::open_named(name).await.unwrap();
    assert_eq!(store.get::<TestCollege>(&c.meta.id).await.unwrap(), Some(c.clone()));
    assert_eq!(store.get::<TestAssessment>(&a.meta.id).await.unwrap(), Some(a.clone()));
    // Missing id, and an id of another kind, read as None.
    assert_eq!(store.get::<TestCollege>("00000000-0000-4000-8000-000000000000").await.unwrap(), None);
    assert_eq!(store.get::<TestAssessment>(&c.meta.id).await.unwrap(), None);

    // put replaces by id.
    let mut c2 = c.clone();
    c2.name = "ชื่อใหม่".into();
    c2.meta.touch("2026-11-22T08:00:00.000Z");
    store.put(&c2).await.unwrap();
    assert_eq!(store.get::<TestCollege>(&c.meta.id).await.unwrap(), Some(c2));

    store.delete(&c.meta.id).await.unwrap();
    assert_eq!(store.get::<TestCollege>(&c.meta.id).await.unwrap(), None);
    store.delete(&c.meta.id).await.unwrap(); // deleting again is fine
    assert_eq!(store.list::<TestAssessment>(None).await.unwrap(), vec![a]);
}

#[wasm_bindgen_test]
async fn put_refuses_a_record_of_the_wrong_kind() {
    let store = fresh("test-wrong-kind").await;
    let mut c = college(ORG_A, "x", "2026-11-21T10:00:00.000Z");
    c.meta.kind = "qa_assessment".into();
    let err = store.put(&c).await.unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert!(store.list::<TestCollege>(None).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn list_by_kind_and_org() {
    let store = fresh("test-list").await;
    let c1 = college(ORG_A, "ก", "2026-01-02T00:00:00.000Z");
    let c2 = college(ORG_A, "ข", "2026-01-01T00:00:00.000Z");
    let c3 = college(ORG_B, "ค", "2026-01-03T00:00:00.000Z");
    let a1 = assessment(ORG_A, 2568, "2026-02-01T00:00:00.000Z");
    let a2 = assessment(ORG_A, 2569, "2026-03-01T00:00:00.000Z");
    for c in [&c1, &c2, &c3] {
        store.put(c).await.unwrap();
    }
    for a in [&a2, &a1] {
        store.put(a).await.unwrap();
    }

    // Oldest `created` first.
    assert_eq!(store.list::<TestCollege>(Some(ORG_A)).await.unwrap(), vec![c2.clone(), c1.clone()]);
    assert_eq!(store.list::<TestCollege>(Some(ORG_B)).await.unwrap(), vec![c3.clone()]);
    assert_eq!(store.list::<TestCollege>(None).await.unwrap(), vec![c2, c1, c3]);
    assert_eq!(store.list::<TestAssessment>(Some(ORG_A)).await.unwrap(), vec![a1.clone(), a2.clone()]);
    assert_eq!(store.list::<TestAssessment>(None).await.unwrap(), vec![a1, a2]);
    assert!(store.list::<TestAssessment>(Some(ORG_B)).await.unwrap().is_empty());
    assert!(store.list::<TestCollege>(Some("9999999999")).await.unwrap().is_empty());
}

/// Builds a version-1 database by hand (only the `records` store, no indexes, no `counters`), as the first release
/// wrote it, then opens it with the current code.
#[wasm_bindgen_test]
async fn migrates_a_v1_database() {
    let name = "test-migrate-v1";
    store::delete_database(name).await.unwrap();

    let c = college(ORG_A, "ข้อมูลจากรุ่นแรก", "2025-06-01T00:00:00.000Z");
    {
        let db = Database::open(name)
            .with_version(1u32)
            .with_on_upgrade_needed(|_event, db| {
                db.create_object_store("records").with_key_path(KeyPath::One("id")).build()?;
                Ok(())
            })
            .await
            .unwrap();
        assert_eq!(db.version(), 1.0);
        let value = js_sys::JSON::parse(&serde_json::to_string(&c).unwrap()).unwrap();
        let tx = db.transaction("records").with_mode(TransactionMode::Readwrite).build().unwrap();
        {
            let records = tx.object_store("records").unwrap();
            assert_eq!(records.index_names().count(), 0);
            records.put(value).primitive().unwrap().await.unwrap();
        }
        tx.commit().await.unwrap();
        db.close();
    }

    let store = Store::open_named(name).await.unwrap();
    assert_eq!(store.version(), DB_VERSION);
    assert_eq!(store.get::<TestCollege>(&c.meta.id).await.unwrap(), Some(c.clone()));
    // `list` reads through the indexes added by the v2 step, which indexed the existing record.
    assert_eq!(store.list::<TestCollege>(Some(ORG_A)).await.unwrap(), vec![c.clone()]);
    assert_eq!(store.list::<TestCollege>(None).await.unwrap(), vec![c.clone()]);
    // New writes work alongside the migrated record.
    let a = assessment(ORG_A, 2569, "2026-01-01T00:00:00.000Z");
    store.put(&a).await.unwrap();
    assert_eq!(store.list::<TestAssessment>(Some(ORG_A)).await.unwrap(), vec![a]);
    drop(store);

    // The schema is the v2 one: indexes on `records`, and the `counters` store.
    let db = Database::open(name).await.unwrap();
    assert_eq!(db.version(), DB_VERSION as f64);
    let stores: Vec<String> = db.object_store_names().collect();
    assert!(stores.contains(&"records".to_string()) && stores.contains(&"counters".to_string()), "{stores:?}");
    let tx = db.transaction("records").build().unwrap();
    {
        let records = tx.object_store("records").unwrap();
        let mut indexes: Vec<String> = records.index_names().collect();
        indexes.sort();
        assert_eq!(indexes, vec!["kind".to_string(), "org_kind".to_string()]);
        assert_eq!(records.key_path().map(|k| k.to_js().as_string()), Some(Some("id".to_string())));
    }
    tx.commit().await.unwrap();
    db.close();
}

/// Puts a small data set for two organisations and returns it (org A: a college and two assessments; org B: one
/// college).
async fn seed(store: &Store) -> (TestCollege, TestAssessment, TestAssessment, TestCollege) {
    let c = college(ORG_A, "วิทยาลัยการอาชีพตัวอย่าง", "2026-01-01T00:00:00.000Z");
    let a1 = assessment(ORG_A, 2568, "2026-01-02T00:00:00.000Z");
    let a2 = assessment(ORG_A, 2569, "2026-01-03T00:00:00.000Z");
    let other = college(ORG_B, "หน่วยงานอื่น", "2026-01-04T00:00:00.000Z");
    store.put(&c).await.unwrap();
    store.put(&a1).await.unwrap();
    store.put(&a2).await.unwrap();
    store.put(&other).await.unwrap();
    (c, a1, a2, other)
}

const EXPORTED: &str = "2026-11-21T10:00:00.000Z";

#[wasm_bindgen_test]
async fn export_then_import_into_a_fresh_database() {
    let source = fresh("test-export-source").await;
    let (c, a1, a2, other) = seed(&source).await;
    let text = source.export_org(ORG_A, EXPORTED).await.unwrap();

    let backup = parse_backup(&text).unwrap();
    assert_eq!(backup.org, ORG_A);
    assert_eq!(backup.exported, EXPORTED);
    assert_eq!(backup.records.len(), 3);
    assert!(backup.records.iter().all(|r| r["org"] == ORG_A));

    let target = fresh("test-export-target").await;
    let summary = target.import_backup(&text, None, &TEST_SHAPES).await.unwrap();
    assert_eq!(summary, ImportSummary { written: 3, kept_newer: 0 });
    assert_eq!(target.get::<TestCollege>(&c.meta.id).await.unwrap(), Some(c.clone()));
    assert_eq!(target.list::<TestCollege>(Some(ORG_A)).await.unwrap(), vec![c]);
    assert_eq!(target.list::<TestAssessment>(Some(ORG_A)).await.unwrap(), vec![a1, a2]);
    assert_eq!(target.get::<TestCollege>(&other.meta.id).await.unwrap(), None);
    // The copy exports to the very same file.
    assert_eq!(target.export_org(ORG_A, EXPORTED).await.unwrap(), text);

    // Importing the same file again rewrites the same records (equal `updated` is not "newer").
    assert_eq!(target.import_backup(&text, None, &TEST_SHAPES).await.unwrap(), ImportSummary { written: 3, kept_newer: 0 });
    assert_eq!(target.list::<TestAssessment>(None).await.unwrap().len(), 2);

    // An organisation with nothing stored exports an empty, valid backup.
    let empty = target.export_org("0000000000", EXPORTED).await.unwrap();
    assert!(parse_backup(&empty).unwrap().records.is_empty());
}

#[wasm_bindgen_test]
async fn refused_imports_change_nothing() {
    let source = fresh("test-refuse-source").await;
    seed(&source).await;
    let good = source.export_org(ORG_A, EXPORTED).await.unwrap();

    let store = fresh("test-refuse-target").await;
    let (c, a1, a2, other) = seed(&store).await;
    let mut c_local = c.clone();
    c_local.name = "แก้ไขในเครื่องนี้".into();
    store.put(&c_local).await.unwrap();
    let before = (
        store.list::<TestCollege>(None).await.unwrap(),
        store.list::<TestAssessment>(None).await.unwrap(),
    );
    assert_eq!(before.1, vec![a1, a2]);
    assert!(before.0.contains(&other));

    // Corrupt: a value changed after export, checksum left as it was.
    let corrupt = good.replace("วิทยาลัยการอาชีพตัวอย่าง", "วิทยาลัยที่ถูกแก้");
    assert_ne!(corrupt, good);
    let err = store.import_backup(&corrupt, None, &TEST_SHAPES).await.unwrap_err();
    assert!(matches!(err, StoreError::Backup(BackupError::ChecksumMismatch { .. })), "{err:?}");
    assert!(err.to_string().contains("ไฟล์เสียหาย"), "{err}");

    // Foreign: some other program's JSON.
    let foreign = json!({"format": "other-app-export", "version": 1, "records": []}).to_string();
    let err = store.import_backup(&foreign, None, &TEST_SHAPES).await.unwrap_err();
    assert!(matches!(err, StoreError::Backup(BackupError::NotBackup { .. })), "{err:?}");
    assert!(err.to_string().contains("ไม่ใช่ไฟล์สำรองของ Mattrathan"), "{err}");

    // Not JSON at all, and a truncated file.
    assert_eq!(store.import_backup("PK\u{3}\u{4} not json", None, &TEST_SHAPES).await.unwrap_err().code(), "backup");
    assert_eq!(store.import_backup(&good[..good.len() - 10], None, &TEST_SHAPES).await.unwrap_err().code(), "backup");

    // A well-formed backup with one bad record (unknown kind) is refused whole: its good records are not written.
    let v: Value = serde_json::from_str(&good).unwrap();
    let mut records = v["records"].as_array().unwrap().clone();
    let mut extra = records[0].clone();
    extra["id"] = json!(store::new_id());
    extra["kind"] = json!("spaceship");
    records.push(extra);
    let resealed = mattrathan::domain::backup::make_backup(ORG_A, EXPORTED, &records);
    let err = store.import_backup(&resealed, None, &TEST_SHAPES).await.unwrap_err();
    assert!(err.to_string().contains("ระเบียนที่ 4"), "{err}");

    let after = (
        store.list::<TestCollege>(None).await.unwrap(),
        store.list::<TestAssessment>(None).await.unwrap(),
    );
    assert_eq!(after, before);
}

#[wasm_bindgen_test]
async fn import_keeps_a_newer_stored_copy() {
    let source = fresh("test-newer-source").await;
    let (c, a1, a2, _) = seed(&source).await;
    let text = source.export_org(ORG_A, EXPORTED).await.unwrap();

    let store = fresh("test-newer-target").await;
    // This browser edited the college after the backup was made…
    let mut c_newer = c.clone();
    c_newer.name = "แก้ไขหลังสำรอง".into();
    c_newer.meta.touch("2026-12-01T00:00:00.000Z");
    store.put(&c_newer).await.unwrap();
    // …and has an older copy of one assessment (the backup's is newer, so it replaces this one).
    let mut a1_older = a1.clone();
    a1_older.year = 2500;
    a1_older.meta.updated = "2025-01-01T00:00:00Z".into();
    store.put(&a1_older).await.unwrap();

    let summary = store.import_backup(&text, None, &TEST_SHAPES).await.unwrap();
    assert_eq!(summary, ImportSummary { written: 2, kept_newer: 1 });
    assert_eq!(store.get::<TestCollege>(&c.meta.id).await.unwrap(), Some(c_newer));
    assert_eq!(store.get::<TestAssessment>(&a1.meta.id).await.unwrap(), Some(a1));
    assert_eq!(store.get::<TestAssessment>(&a2.meta.id).await.unwrap(), Some(a2));
}

#[wasm_bindgen_test]
fn new_meta_is_fresh() {
    let m = store::new_meta::<mattrathan::domain::college_qa::records::College>(ORG_A);
    assert!(mattrathan::domain::backup::is_uuid(&m.id), "{}", m.id);
    assert_eq!(m.kind, "college");
    assert_eq!(m.org, ORG_A);
    assert_eq!(m.created, m.updated);
    assert_eq!(m.schema, RECORD_SCHEMA);
    // 2026-11-21T10:00:00.000Z
    assert_eq!(m.created.len(), 24, "{}", m.created);
    assert!(m.created.ends_with('Z') && m.created.as_bytes()[10] == b'T');
    assert_ne!(store::new_meta::<mattrathan::domain::college_qa::records::College>(ORG_A).id, m.id);
    assert!(js_sys::Date::parse(&store::now_iso()).is_finite());
}

#[wasm_bindgen_test]
async fn storage_health_answers() {
    // Headless Chromium has navigator.storage (the test page is served from localhost, a secure context).
    let (usage, quota) = health::estimate().await.expect("estimate");
    assert!(usage >= 0.0 && quota > 0.0, "{usage} {quota}");
    assert!(health::persisted().await.is_some());
}

#[wasm_bindgen_test]
fn store_error_messages_are_thai_with_detail() {
    let e = StoreError::Open("UnknownError: Internal error".into());
    let msg = e.to_string();
    assert!(msg.starts_with("เปิดฐานข้อมูลในเบราว์เซอร์ไม่ได้"), "{msg}");
    assert!(msg.contains("UnknownError: Internal error"));
}

/// A backup (checksum recomputed) whose record 2 takes the id of a record stored here for another organisation, or
/// another kind, or whose record is dated in the future: refused naming the record, nothing stored.
#[wasm_bindgen_test]
async fn a_backup_never_overwrites_another_org_or_kind_nor_takes_the_future() {
    let store = fresh("test-hostile-backup").await;
    let (c, a1, a2, other) = seed(&store).await;
    let before = (store.list::<TestCollege>(None).await.unwrap(), store.list::<TestAssessment>(None).await.unwrap());

    let fresh_college = |name: &str| serde_json::to_value(college(ORG_A, name, "2026-01-05T00:00:00.000Z")).unwrap();
    // Record 2 carries org B's college id, as an org A college, newer than the stored one.
    let mut takeover = serde_json::to_value(&other).unwrap();
    takeover["org"] = json!(ORG_A);
    takeover["name"] = json!("ถูกยึด");
    takeover["updated"] = json!("2026-11-30T00:00:00.000Z");
    let text = mattrathan::domain::backup::make_backup(ORG_A, EXPORTED, &[fresh_college("ใหม่"), takeover]);
    let err = store.import_backup(&text, None, &TEST_SHAPES).await.unwrap_err();
    assert!(matches!(err, StoreError::Backup(ref e) if e.code() == "record_overwrites_other"), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("ระเบียนที่ 2") && msg.contains(&other.meta.id) && msg.contains(ORG_B), "{msg}");

    // Record 1 carries an assessment's id as a college.
    let mut as_college = fresh_college("ชนิดอื่น");
    as_college["id"] = json!(a1.meta.id);
    let text = mattrathan::domain::backup::make_backup(ORG_A, EXPORTED, &[as_college]);
    let err = store.import_backup(&text, None, &TEST_SHAPES).await.unwrap_err();
    assert!(err.to_string().contains("ระเบียนที่ 1") && err.to_string().contains("qa_assessment"), "{err}");

    // Record 2 is "updated" in 2099: it would win every later comparison.
    let mut future = serde_json::to_value(&c).unwrap();
    future["name"] = json!("จากอนาคต");
    future["updated"] = json!("2099-01-01T00:00:00.000Z");
    let text = mattrathan::domain::backup::make_backup(ORG_A, EXPORTED, &[fresh_college("ใหม่"), future]);
    let err = store.import_backup(&text, None, &TEST_SHAPES).await.unwrap_err();
    assert!(matches!(err, StoreError::Backup(ref e) if e.code() == "record_updated_in_future"), "{err:?}");
    assert!(err.to_string().contains("ระเบียนที่ 2") && err.to_string().contains(&c.meta.id), "{err}");

    // A file exported in the future.
    let text = mattrathan::domain::backup::make_backup(ORG_A, "2099-01-01T00:00:00.000Z", &[fresh_college("ใหม่")]);
    assert_eq!(store.import_backup(&text, None, &TEST_SHAPES).await.unwrap_err().to_string().contains("2099-01-01"), true);

    // A page restoring only its own kinds refuses a file with other kinds.
    let good = store.export_org(ORG_A, EXPORTED).await.unwrap();
    let err = store.import_backup(&good, Some(&["college"]), &TEST_SHAPES).await.unwrap_err();
    assert!(err.to_string().contains("qa_assessment"), "{err}");

    let after = (store.list::<TestCollege>(None).await.unwrap(), store.list::<TestAssessment>(None).await.unwrap());
    assert_eq!(after, before, "nothing stored by any refused file");
    assert_eq!(after.1, vec![a1, a2]);
}

#[wasm_bindgen_test]
async fn counters_travel_with_an_organisation_s_backup() {
    let source = fresh("test-counters-source").await;
    assert_eq!(source.next_number("s26-application-12-2570").await.unwrap(), 1);
    assert_eq!(source.next_number_after("s26-application-12-2570", 5).await.unwrap(), 6);
    source.next_number("s26-application-13-2570").await.unwrap();
    let text = source.export_org("12", EXPORTED).await.unwrap();
    let backup = parse_backup(&text).unwrap();
    assert_eq!(backup.counters, [("s26-application-12-2570".to_string(), 6)].into(), "only office 12's counters");
    assert_eq!(source.counters_of("13").await.unwrap().len(), 1);

    let target = fresh("test-counters-target").await;
    target.import_backup(&text, None, &TEST_SHAPES).await.unwrap();
    assert_eq!(target.last_number("s26-application-12-2570").await.unwrap(), 6);
    assert_eq!(target.last_number("s26-application-13-2570").await.unwrap(), 0);
    assert_eq!(target.next_number("s26-application-12-2570").await.unwrap(), 7);
    // An older backup never lowers it.
    target.import_backup(&text, None, &TEST_SHAPES).await.unwrap();
    assert_eq!(target.last_number("s26-application-12-2570").await.unwrap(), 7);
}

/// A version 1 file (written by the previous build: no counters, checksum over the records alone) still imports.
#[wasm_bindgen_test]
async fn an_old_format_backup_still_imports() {
    let c = college(ORG_A, "วิทยาลัยรุ่นเก่า", "2026-01-01T00:00:00.000Z");
    let records = vec![serde_json::to_value(&c).unwrap()];
    let compact = serde_json::to_string(&records).unwrap();
    let v1 = json!({
        "format": "mattrathan-backup", "version": 1, "org": ORG_A, "exported": EXPORTED, "count": 1,
        "checksum": mattrathan::domain::checksum::crc32_hex(compact.as_bytes()), "records": records
    });
    let store = fresh("test-old-format").await;
    let summary = store.import_backup(&serde_json::to_string_pretty(&v1).unwrap(), None, &TEST_SHAPES).await.unwrap();
    assert_eq!(summary, ImportSummary { written: 1, kept_newer: 0 });
    assert_eq!(store.get::<TestCollege>(&c.meta.id).await.unwrap(), Some(c));
}

/// Writes `records` (JSON) straight into the `records` store of database `name`, as an older release wrote them:
/// random ids, no sync entries.
async fn write_raw(name: &str, records: &[Value]) {
    let db = Database::open(name).await.unwrap();
    let tx = db.transaction("records").with_mode(TransactionMode::Readwrite).build().unwrap();
    {
        let os = tx.object_store("records").unwrap();
        for r in records {
            let value = js_sys::JSON::parse(&r.to_string()).unwrap();
            os.put(value).primitive().unwrap().await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    db.close();
}

/// Issue 12, point 6: records of one natural key stored under several random ids (two devices imported the same
/// college file, two tabs opened the same year) are merged on open under the id derived from the key; nothing is
/// lost: a conflicting copy is kept as a sync conflict branch, and the old ids get deleting revisions.
#[wasm_bindgen_test]
async fn opening_merges_natural_key_duplicates_written_the_old_way() {
    use mattrathan::domain::college_qa::records::Assessment;
    use mattrathan::domain::keys;
    use mattrathan::domain::registration::records::{ImportedRegistration, ProvinceYear};
    let name = "test-merge-natural-keys";
    drop(fresh(name).await);
    let import = |id: &str, exported: &str, count: u32, updated: &str| {
        json!({"id": id, "kind": "reg_import", "org": "13", "created": updated, "updated": updated, "schema": 1,
            "year": 2569, "college": {"code": "1310016201", "name": "วิทยาลัยเทคนิค ก", "province": "13",
            "affiliation": "สอศ.", "sector": "government"}, "exported": exported, "checksum": "c", "file_name": "a.json",
            "entries": [{"group": "pvc62", "program_type": "อุตสาหกรรม", "major": "ช่างยนต์", "specialisation": "ยานยนต์",
            "code": "", "count": count}]})
    };
    let assessment = |id: &str, ticked: &[u8], numerator: &str, updated: &str| {
        json!({"id": id, "kind": "qa_assessment", "org": ORG_A, "created": updated, "updated": updated, "schema": 1,
            "college": ORG_A, "year": 2569, "input": {"indicators": {"1.1": {"ticked": ticked},
            "1.2": {"numerator": numerator, "denominator": "300"}}}})
    };
    let notes = |id: &str, code: &str, updated: &str| {
        json!({"id": id, "kind": "reg_province_year", "org": "13", "created": updated, "updated": updated, "schema": 1,
            "year": 2569, "reasons": {code: "closed"}, "no_outside": false})
    };
    let old = [
        // The same file imported on two province devices: 12 students, not 24.
        import("11111111-1111-4111-8111-111111111111", "2026-11-21T10:00:00.000Z", 12, "2026-11-22T00:00:00.000Z"),
        import("22222222-2222-4222-8222-222222222222", "2026-11-21T10:00:00.000Z", 12, "2026-11-23T00:00:00.000Z"),
        // The same year opened twice: ticks united; the numerator differs (the newer is kept, the older kept aside).
        assessment("33333333-3333-4333-8333-333333333333", &[1], "200", "2026-11-22T00:00:00.000Z"),
        assessment("44444444-4444-4444-8444-444444444444", &[2], "210", "2026-11-23T00:00:00.000Z"),
        notes("55555555-5555-4555-8555-555555555555", "1310016202", "2026-11-22T00:00:00.000Z"),
        notes("66666666-6666-4666-8666-666666666666", "1310016203", "2026-11-23T00:00:00.000Z"),
    ];
    write_raw(name, &old).await;

    let store = Store::open_named(name).await.unwrap();
    let imports = store.list::<ImportedRegistration>(Some("13")).await.unwrap();
    assert_eq!(imports.len(), 1, "{imports:?}");
    assert_eq!(imports[0].meta.id, keys::import_id("13", "1310016201", 2569));
    assert_eq!(imports[0].entries[0].count, 12);
    let years = store.list::<ProvinceYear>(Some("13")).await.unwrap();
    assert_eq!(years.len(), 1);
    assert_eq!(years[0].reasons.len(), 2, "reasons of both copies kept: {:?}", years[0].reasons);
    let a = store.list::<Assessment>(Some(ORG_A)).await.unwrap();
    assert_eq!(a.len(), 1);
    let id = keys::assessment_id(ORG_A, 2569);
    assert_eq!(a[0].meta.id, id);
    let i11 = &a[0].input.indicators["1.1"];
    assert_eq!(i11.ticked.iter().copied().collect::<Vec<u8>>(), vec![1, 2]);
    assert_eq!(a[0].input.indicators["1.2"].numerator.map(|n| n.to_string()), Some("210".to_string()));
    // The older numerator is not lost: it is a conflict branch of the merged record, for the user to decide.
    let entries = store.sync_entries_of(&[id.clone()]).await.unwrap();
    let entry = &entries[&id];
    assert_eq!(entry.state, mattrathan::domain::sync::SyncState::Conflict);
    let kept: Vec<&Value> = entry.conflicts.values().collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["input"]["indicators"]["1.2"]["numerator"], json!("200"));
    // The old ids are gone, each with a deleting revision that a push sends.
    for r in &old {
        let old_id = r["id"].as_str().unwrap().to_string();
        assert!(store.get::<Assessment>(&old_id).await.unwrap().is_none());
        assert!(store.get::<ImportedRegistration>(&old_id).await.unwrap().is_none());
        let e = store.sync_entries_of(&[old_id.clone()]).await.unwrap();
        assert!(e.get(&old_id).is_none_or(|e| e.is_deleted()), "{old_id}");
    }
    // Opening again changes nothing.
    assert_eq!(store.merge_natural_duplicates().await.unwrap(), 0);
    drop(store);
    let store = Store::open_named(name).await.unwrap();
    assert_eq!(store.list::<ImportedRegistration>(Some("13")).await.unwrap(), imports);
    // A device still running the old release pushes another random-id copy later: merged on the next open.
    write_raw(name, &[import("77777777-7777-4777-8777-777777777777", "2026-11-21T10:00:00.000Z", 12, "2026-11-24T00:00:00.000Z")]).await;
    drop(store);
    let store = Store::open_named(name).await.unwrap();
    let imports = store.list::<ImportedRegistration>(Some("13")).await.unwrap();
    assert_eq!((imports.len(), imports[0].entries[0].count), (1, 12));
}

/// Issue 12, point 7: an editor's write over a record another tab changed meanwhile is merged, never a revert.
#[wasm_bindgen_test]
async fn compare_and_put_merges_what_another_tab_wrote() {
    use mattrathan::domain::college_qa::records::Assessment;
    use mattrathan::store::PutOutcome;
    let store = fresh("test-compare-and-put").await;
    let loaded: Assessment = serde_json::from_value(json!({"id": mattrathan::domain::keys::assessment_id(ORG_A, 2569),
        "kind": "qa_assessment", "org": ORG_A, "created": "2026-11-21T10:00:00.000Z", "updated": "2026-11-21T10:00:00.000Z",
        "schema": 1, "college": ORG_A, "year": 2569, "input": {"indicators": {}}})).unwrap();
    let base = serde_json::to_value(&loaded).unwrap();
    // Nothing stored yet: written as it is.
    assert_eq!(store.put_if_unchanged(&base, &loaded).await.unwrap(), PutOutcome::Written);
    // Tab B (or a pull) ticks 1.1 item 1.
    let mut theirs = loaded.clone();
    theirs.input.indicators.entry("1.1".into()).or_default().ticked.insert(1);
    theirs.meta.updated = "2026-11-21T10:01:00.000Z".into();
    store.put(&theirs).await.unwrap();
    // Tab A, opened before, ticks 2.1 item 1: both ticks survive.
    let mut mine = loaded.clone();
    mine.input.indicators.entry("2.1".into()).or_default().ticked.insert(1);
    mine.meta.updated = "2026-11-21T10:02:00.000Z".into();
    let PutOutcome::Merged { record, conflicts } = store.put_if_unchanged(&base, &mine).await.unwrap() else {
        panic!("a changed record is merged");
    };
    assert!(conflicts.is_empty(), "{conflicts:?}");
    let stored = store.get::<Assessment>(&loaded.meta.id).await.unwrap().unwrap();
    assert_eq!(serde_json::to_value(&stored).unwrap(), record);
    assert!(stored.input.indicators["1.1"].ticked.contains(&1) && stored.input.indicators["2.1"].ticked.contains(&1));
    assert_eq!(stored.meta.updated, "2026-11-21T10:02:00.000Z");
    // The next write from tab A has the merged record as its base: a plain write.
    let base2 = record.clone();
    let mut next = stored.clone();
    next.input.indicators.entry("3.1".into()).or_default().ticked.insert(2);
    assert_eq!(store.put_if_unchanged(&base2, &next).await.unwrap(), PutOutcome::Written);
    // Both change one number: the edit is kept, the other value is kept as a conflict branch (never silent).
    let base3 = serde_json::to_value(&next).unwrap();
    let mut other = next.clone();
    other.input.indicators.entry("1.2".into()).or_default().numerator = Some(200.into());
    store.put(&other).await.unwrap();
    let mut edit = next.clone();
    edit.input.indicators.entry("1.2".into()).or_default().numerator = Some(210.into());
    let PutOutcome::Merged { conflicts, .. } = store.put_if_unchanged(&base3, &edit).await.unwrap() else { panic!() };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].path, "input.indicators.1.2.numerator");
    let stored = store.get::<Assessment>(&loaded.meta.id).await.unwrap().unwrap();
    assert_eq!(stored.input.indicators["1.2"].numerator, Some(210.into()));
    let id = loaded.meta.id.clone();
    let entry = store.sync_entries_of(&[id.clone()]).await.unwrap().remove(&id).unwrap();
    assert_eq!(entry.state, mattrathan::domain::sync::SyncState::Conflict);
    assert_eq!(entry.conflicts.values().next().unwrap()["input"]["indicators"]["1.2"]["numerator"], json!("200"));
}
