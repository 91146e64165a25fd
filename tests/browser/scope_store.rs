//! Browser tests of the scoped database name (`store::scope`, issue 12 point 16): a deployment's database is
//! `mattrathan:<folder>`; the first scope to open takes over everything the old unscoped database held (records,
//! counters, sync entries, checkpoints), a second scope on the same origin starts empty.

use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use mattrathan::domain::record::{Meta, Record};
use mattrathan::store::{self, scope, Store, DB_VERSION};
use serde::{Deserialize, Serialize};
use wasm_bindgen_test::*;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct TestCollege {
    #[serde(flatten)]
    meta: Meta,
    name: String,
}

mattrathan::impl_record!(TestCollege, "college");

fn college(name: &str) -> TestCollege {
    TestCollege { meta: Meta::new(store::new_id(), TestCollege::KIND, "1310100001", "2026-11-21T10:00:00.000Z"), name: name.into() }
}

/// Every store of database `name` as sorted JSON texts, the claim marker left out.
async fn contents(name: &str) -> Vec<(String, Vec<String>)> {
    let db = scope::open_existing(name).await.unwrap().expect("database exists");
    let dump = scope::dump(&db).await.unwrap();
    db.close();
    dump.into_iter()
        .map(|(store, values)| {
            let mut texts: Vec<String> = values
                .iter()
                .map(|v| String::from(js_sys::JSON::stringify(v).unwrap()))
                .filter(|t| !t.contains(scope::CLAIM))
                .collect();
            texts.sort();
            (store, texts)
        })
        .collect()
}

#[wasm_bindgen_test]
async fn first_scope_takes_over_the_old_database_and_a_second_starts_empty() {
    let legacy = "scope-test-legacy";
    let (a, b) = (scope::scoped_name(legacy, "/prod/"), scope::scoped_name(legacy, "/staging/"));
    for n in [legacy, a.as_str(), b.as_str()] {
        store::delete_database(n).await.unwrap();
    }
    // Written the old way: the unscoped database, with records, their sync entries, a counter and a checkpoint.
    let old = Store::open_named(legacy).await.unwrap();
    let (c1, c2) = (college("วิทยาลัยหนึ่ง"), college("วิทยาลัยสอง"));
    old.put(&c1).await.unwrap();
    old.put(&c2).await.unwrap();
    assert_eq!(old.next_number("s26-app-12-2570").await.unwrap(), 1);
    assert_eq!(old.next_number("s26-app-12-2570").await.unwrap(), 2);
    drop(old);
    {
        let db = indexed_db_futures::database::Database::open(legacy).build().unwrap().await.unwrap();
        let tx = db.transaction(store::schema::CHECKPOINTS).with_mode(TransactionMode::Readwrite).build().unwrap();
        let cp = js_sys::JSON::parse(r#"{"db":"mt_1310100001","since":"42-abc","pushed":"2026-11-21T10:00:00.000Z"}"#).unwrap();
        tx.object_store(store::schema::CHECKPOINTS).unwrap().put(cp).primitive().unwrap().await.unwrap();
        tx.commit().await.unwrap();
        db.as_sys().close();
    }
    let before = contents(legacy).await;
    assert_eq!(before.len(), 4, "{before:?}");
    assert!(before.iter().all(|(_, v)| !v.is_empty()), "{before:?}");

    // The first scope to open inherits every store, exactly.
    let prod = Store::open_scoped(&a, legacy, "/prod/").await.unwrap();
    assert_eq!(prod.version(), DB_VERSION);
    assert_eq!(prod.name(), "scope-test-legacy:/prod/");
    assert_eq!(prod.get::<TestCollege>(&c1.meta.id).await.unwrap(), Some(c1.clone()));
    assert_eq!(prod.list::<TestCollege>(None).await.unwrap().len(), 2);
    assert_eq!(prod.last_number("s26-app-12-2570").await.unwrap(), 2);
    drop(prod);
    assert_eq!(contents(&a).await, before);
    // The old database is kept as it was (plus the claim marker).
    assert_eq!(contents(legacy).await, before);

    // Another deployment on the same origin: its own, empty database.
    let staging = Store::open_scoped(&b, legacy, "/staging/").await.unwrap();
    assert!(staging.list::<TestCollege>(None).await.unwrap().is_empty());
    assert_eq!(staging.last_number("s26-app-12-2570").await.unwrap(), 0);
    staging.put(&college("ของ staging")).await.unwrap();
    drop(staging);

    // Opening again takes nothing over twice: production still has exactly its two records.
    let prod = Store::open_scoped(&a, legacy, "/prod/").await.unwrap();
    assert_eq!(prod.list::<TestCollege>(None).await.unwrap().len(), 2);
    drop(prod);
    // Probing for a database never creates one.
    assert!(scope::open_existing("scope-test-never-created").await.unwrap().is_none());
    assert!(scope::open_existing("scope-test-never-created").await.unwrap().is_none());
    for n in [legacy, a.as_str(), b.as_str()] {
        store::delete_database(n).await.unwrap();
    }
}

#[wasm_bindgen_test]
fn names_carry_the_scope() {
    assert_eq!(scope::scoped_name("mattrathan", "/prod/"), "mattrathan:/prod/");
    assert_eq!(scope::scoped_name("mattrathan", "/"), "mattrathan:/");
    assert!(scope::base_path().ends_with('/'));
}
