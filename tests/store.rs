//! Browser tests of `mattrathan::store` (IndexedDB) in headless Chromium. Each test uses its own database name and
//! deletes it first, so tests are independent of each other and of earlier runs.
//!
//! Run from anywhere in the package (`.cargo/config.toml` sets the runner and points it at `tests/webdriver.json`):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test store`
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use mattrathan::domain::backup::{parse_backup, BackupError};
use mattrathan::domain::record::{Meta, Record, RECORD_SCHEMA};
use mattrathan::store::{self, health, ImportSummary, Store, StoreError, DB_VERSION};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

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
    let summary = target.import_backup(&text).await.unwrap();
    assert_eq!(summary, ImportSummary { written: 3, kept_newer: 0 });
    assert_eq!(target.get::<TestCollege>(&c.meta.id).await.unwrap(), Some(c.clone()));
    assert_eq!(target.list::<TestCollege>(Some(ORG_A)).await.unwrap(), vec![c]);
    assert_eq!(target.list::<TestAssessment>(Some(ORG_A)).await.unwrap(), vec![a1, a2]);
    assert_eq!(target.get::<TestCollege>(&other.meta.id).await.unwrap(), None);
    // The copy exports to the very same file.
    assert_eq!(target.export_org(ORG_A, EXPORTED).await.unwrap(), text);

    // Importing the same file again rewrites the same records (equal `updated` is not "newer").
    assert_eq!(target.import_backup(&text).await.unwrap(), ImportSummary { written: 3, kept_newer: 0 });
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
    let err = store.import_backup(&corrupt).await.unwrap_err();
    assert!(matches!(err, StoreError::Backup(BackupError::ChecksumMismatch { .. })), "{err:?}");
    assert!(err.to_string().contains("ไฟล์เสียหาย"), "{err}");

    // Foreign: some other program's JSON.
    let foreign = json!({"format": "other-app-export", "version": 1, "records": []}).to_string();
    let err = store.import_backup(&foreign).await.unwrap_err();
    assert!(matches!(err, StoreError::Backup(BackupError::NotBackup { .. })), "{err:?}");
    assert!(err.to_string().contains("ไม่ใช่ไฟล์สำรองของ Mattrathan"), "{err}");

    // Not JSON at all, and a truncated file.
    assert_eq!(store.import_backup("PK\u{3}\u{4} not json").await.unwrap_err().code(), "backup");
    assert_eq!(store.import_backup(&good[..good.len() - 10]).await.unwrap_err().code(), "backup");

    // A well-formed backup with one bad record (unknown kind) is refused whole: its good records are not written.
    let v: Value = serde_json::from_str(&good).unwrap();
    let mut records = v["records"].as_array().unwrap().clone();
    let mut extra = records[0].clone();
    extra["id"] = json!(store::new_id());
    extra["kind"] = json!("spaceship");
    records.push(extra);
    let resealed = mattrathan::domain::backup::make_backup(ORG_A, EXPORTED, &records);
    let err = store.import_backup(&resealed).await.unwrap_err();
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

    let summary = store.import_backup(&text).await.unwrap();
    assert_eq!(summary, ImportSummary { written: 2, kept_newer: 1 });
    assert_eq!(store.get::<TestCollege>(&c.meta.id).await.unwrap(), Some(c_newer));
    assert_eq!(store.get::<TestAssessment>(&a1.meta.id).await.unwrap(), Some(a1));
    assert_eq!(store.get::<TestAssessment>(&a2.meta.id).await.unwrap(), Some(a2));
}

#[wasm_bindgen_test]
fn new_meta_is_fresh() {
    let m = store::new_meta("college", ORG_A);
    assert!(mattrathan::domain::backup::is_uuid(&m.id), "{}", m.id);
    assert_eq!(m.kind, "college");
    assert_eq!(m.org, ORG_A);
    assert_eq!(m.created, m.updated);
    assert_eq!(m.schema, RECORD_SCHEMA);
    // 2026-11-21T10:00:00.000Z
    assert_eq!(m.created.len(), 24, "{}", m.created);
    assert!(m.created.ends_with('Z') && m.created.as_bytes()[10] == b'T');
    assert_ne!(store::new_meta("college", ORG_A).id, m.id);
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
    let err = store.import_backup(&text).await.unwrap_err();
    assert!(matches!(err, StoreError::Backup(ref e) if e.code() == "record_overwrites_other"), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("ระเบียนที่ 2") && msg.contains(&other.meta.id) && msg.contains(ORG_B), "{msg}");

    // Record 1 carries an assessment's id as a college.
    let mut as_college = fresh_college("ชนิดอื่น");
    as_college["id"] = json!(a1.meta.id);
    let text = mattrathan::domain::backup::make_backup(ORG_A, EXPORTED, &[as_college]);
    let err = store.import_backup(&text).await.unwrap_err();
    assert!(err.to_string().contains("ระเบียนที่ 1") && err.to_string().contains("qa_assessment"), "{err}");

    // Record 2 is "updated" in 2099: it would win every later comparison.
    let mut future = serde_json::to_value(&c).unwrap();
    future["name"] = json!("จากอนาคต");
    future["updated"] = json!("2099-01-01T00:00:00.000Z");
    let text = mattrathan::domain::backup::make_backup(ORG_A, EXPORTED, &[fresh_college("ใหม่"), future]);
    let err = store.import_backup(&text).await.unwrap_err();
    assert!(matches!(err, StoreError::Backup(ref e) if e.code() == "record_updated_in_future"), "{err:?}");
    assert!(err.to_string().contains("ระเบียนที่ 2") && err.to_string().contains(&c.meta.id), "{err}");

    // A file exported in the future.
    let text = mattrathan::domain::backup::make_backup(ORG_A, "2099-01-01T00:00:00.000Z", &[fresh_college("ใหม่")]);
    assert_eq!(store.import_backup(&text).await.unwrap_err().to_string().contains("2099-01-01"), true);

    // A page restoring only its own kinds refuses a file with other kinds.
    let good = store.export_org(ORG_A, EXPORTED).await.unwrap();
    let err = store.import_backup_kinds(&good, Some(&["college"])).await.unwrap_err();
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
    target.import_backup(&text).await.unwrap();
    assert_eq!(target.last_number("s26-application-12-2570").await.unwrap(), 6);
    assert_eq!(target.last_number("s26-application-13-2570").await.unwrap(), 0);
    assert_eq!(target.next_number("s26-application-12-2570").await.unwrap(), 7);
    // An older backup never lowers it.
    target.import_backup(&text).await.unwrap();
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
    let summary = store.import_backup(&serde_json::to_string_pretty(&v1).unwrap()).await.unwrap();
    assert_eq!(summary, ImportSummary { written: 1, kept_newer: 0 });
    assert_eq!(store.get::<TestCollege>(&c.meta.id).await.unwrap(), Some(c));
}
