//! The item-analysis data sets in IndexedDB: schema version 4 rewrites a data set stored by an earlier release (one
//! string of answers per candidate) with its answers packed, and it reads back the same through the new code; a
//! damaged one is left as it was and still opens, saying why it cannot be analysed.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use mattrathan::domain::item_analysis::{parse_dataset, Answers, IaDataset};
use mattrathan::store::{self, Store, DB_VERSION};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

/// Builds database `name` at schema version 3 by hand, as the previous release left it, holding `records`.
async fn version_3_with(name: &str, records: &[Value]) {
    store::delete_database(name).await.unwrap();
    let db = Database::open(name)
        .with_version(3u32)
        .with_on_upgrade_needed(|_event, db| {
            let records = db.create_object_store("records").with_key_path(KeyPath::One("id")).build()?;
            records.create_index("kind", KeyPath::One("kind")).build()?;
            let org_kind = js_sys::Array::of2(&JsValue::from_str("org"), &JsValue::from_str("kind"));
            records.create_index("org_kind", KeyPath::<&str>::JsValue(org_kind.into())).build()?;
            db.create_object_store("counters").with_key_path(KeyPath::One("name")).build()?;
            let sync = db.create_object_store("sync").with_key_path(KeyPath::One("id")).build()?;
            sync.create_index("db", KeyPath::One("db")).build()?;
            db.create_object_store("sync_checkpoints").with_key_path(KeyPath::One("db")).build()?;
            Ok(())
        })
        .await
        .unwrap();
    let tx = db.transaction("records").with_mode(TransactionMode::Readwrite).build().unwrap();
    {
        let os = tx.object_store("records").unwrap();
        for r in records {
            os.put(js_sys::JSON::parse(&r.to_string()).unwrap()).primitive().unwrap().await.unwrap();
        }
    }
    tx.commit().await.unwrap();
    db.close();
}

/// The stored object of `id`, as IndexedDB holds it.
async fn raw(name: &str, id: &str) -> Value {
    let db = Database::open(name).await.unwrap();
    let js: JsValue = {
        let tx = db.transaction("records").build().unwrap();
        let os = tx.object_store("records").unwrap();
        os.get::<JsValue, _, _>(id).primitive().unwrap().await.unwrap().unwrap()
    };
    db.close();
    serde_json::from_str(&js_sys::JSON::stringify(&js).unwrap().as_string().unwrap()).unwrap()
}

fn old_dataset(id: &str, answers: Value) -> Value {
    json!({"id": id, "kind": "ia_dataset", "org": "TC-01", "created": "2026-10-01T00:00:00.000Z",
        "updated": "2026-10-02T00:00:00.000Z", "schema": 1, "title": "ภาคความรู้ 2568", "files": ["r.csv", "k.csv"],
        "options": 4, "items": ["1", "2", "3"], "key": "ABD", "candidates": ["S1", "S2", "S3"], "answers": answers,
        "settings": {"method": "criterion", "group": "0.27", "cut": "50"}})
}

#[wasm_bindgen_test]
async fn a_data_set_of_the_previous_release_is_repacked_and_reads_the_same() {
    let name = "test-ia-repack";
    let good = "11111111-1111-4111-8111-111111111111";
    let damaged = "22222222-2222-4222-8222-222222222222";
    version_3_with(name, &[
        old_dataset(good, json!(["ABD", ".CD", "DB."])),
        old_dataset(damaged, json!(["ABD", "AB"])),
    ])
    .await;

    let store = Store::open_named(name).await.unwrap();
    assert_eq!((store.version(), DB_VERSION), (4, 4));
    // As stored now: the answers packed, everything else as it was (not even `updated` moves).
    let stored = raw(name, good).await;
    assert!(stored["answers"].is_string(), "{stored}");
    let mut rest = stored.clone();
    rest["answers"] = json!(["ABD", ".CD", "DB."]);
    assert_eq!(rest, old_dataset(good, json!(["ABD", ".CD", "DB."])));
    // Read back through the new code: the same answers as the earlier shape held.
    let record = store.get::<IaDataset>(good).await.unwrap().unwrap();
    assert!(matches!(record.answers, Answers::Packed(_)));
    let expected = parse_dataset("candidate,1,2,3\nS1,A,B,D\nS2,,C,D\nS3,D,B,\n", "1,A\n2,B\n3,D\n", Some(4)).unwrap();
    assert_eq!(record.dataset().unwrap(), expected);
    assert_eq!(record.settings.method, "criterion");
    // The damaged one is left as it was: it opens, and says why it cannot be analysed.
    assert_eq!(raw(name, damaged).await, old_dataset(damaged, json!(["ABD", "AB"])));
    let record = store.get::<IaDataset>(damaged).await.unwrap().unwrap();
    assert!(record.dataset().unwrap_err().contains("ไม่ตรง"));
    assert_eq!(store.list::<IaDataset>(Some("TC-01")).await.unwrap().len(), 2);
    drop(store);

    // Opening again changes nothing.
    let before = raw(name, good).await;
    drop(Store::open_named(name).await.unwrap());
    assert_eq!(raw(name, good).await, before);
}

/// The data-set worker's side: it opens the database only as a page left it (a missing one is refused and not
/// created), its writes read on the page's connection, and the list reads data sets without their answers.
#[wasm_bindgen_test]
async fn a_worker_opens_the_database_only_as_a_page_left_it_and_lists_leave_answers_out() {
    let name = "test-ia-worker-open";
    store::delete_database(name).await.unwrap();
    assert!(Store::open_current_named(name).await.is_err(), "no database yet: refused");
    // Not created by that attempt: the page's open creates it with every store, and it works.
    let page = Store::open_named(name).await.unwrap();
    assert_eq!(page.version(), DB_VERSION);
    let worker = Store::open_current_named(name).await.unwrap();
    let data = parse_dataset("candidate,1,2,3\nS1,A,B,D\nS2,,C,D\nS3,D,B,\n", "1,A\n2,B\n3,D\n", Some(4)).unwrap();
    let record = IaDataset::from_dataset(store::new_meta::<IaDataset>("TC-02"), "ชุด".into(), vec!["r.csv".into()], &data);
    worker.put(&record).await.unwrap();
    assert_eq!(page.get::<IaDataset>(&record.meta.id).await.unwrap().unwrap(), record);
    let listed = page.list_without::<IaDataset>(Some("TC-02"), "answers").await.unwrap();
    assert_eq!(listed, vec![record.head()]);
    // The list took the answers off its own copy only.
    assert_eq!(page.get::<IaDataset>(&record.meta.id).await.unwrap().unwrap().dataset().unwrap(), data);
    drop((page, worker));
    store::delete_database(name).await.unwrap();
}
