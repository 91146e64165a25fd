//! Browser tests of the storage the judge tablets rely on: a batch of marks written in one transaction
//! (`Store::put_all`; taps with `durability: "strict"`, `Store::put_all_strict`), and writes that survive a closed
//! connection (`Store::retry_reopening`).

use mattrathan::domain::judge::merge::plan_import;
use mattrathan::domain::section26::records::MarkRecord;
use mattrathan::store::{self, delete_database, Store, StoreError};
use rust_decimal::Decimal;
use wasm_bindgen_test::*;

async fn fresh(name: &str) -> Store {
    delete_database(name).await.unwrap();
    Store::open_named(name).await.unwrap()
}

fn mark(item: &str, value: i64) -> MarkRecord {
    let meta = store::new_meta::<MarkRecord>("std");
    MarkRecord {
        at: meta.created.clone(),
        meta,
        candidate: "c1".into(),
        module: "1".into(),
        item: item.into(),
        judge: 1,
        value: Decimal::from(value),
        replaces: None,
        by: "กรรมการ 1".into(),
        device: "tab-1".into(),
        settles: Vec::new(),
    }
}

#[wasm_bindgen_test]
async fn a_closed_connection_is_reopened_and_the_write_lands() {
    let db = fresh("judge-reopen").await;
    db.put(&mark("1", 2)).await.unwrap();
    db.close();
    assert!(db.is_closed());
    // A plain write now fails loudly with `Closed` instead of pretending.
    let e = db.put(&mark("2", 3)).await.unwrap_err();
    assert_eq!(e.code(), "closed", "{e}");
    // The retrying writer opens a new connection and writes.
    let tap = mark("3", 1);
    let (db2, outcome) = db.retry_reopening(|s| {
        let tap = tap.clone();
        async move { s.put_all(&[tap]).await }
    })
    .await;
    outcome.unwrap();
    assert!(!db2.is_closed());
    let all: Vec<MarkRecord> = db2.list(Some("std")).await.unwrap();
    let items: Vec<&str> = all.iter().map(|m| m.item.as_str()).collect();
    assert!(items.contains(&"1") && items.contains(&"3") && !items.contains(&"2"), "{items:?}");
}

#[wasm_bindgen_test]
async fn other_failures_are_not_retried() {
    let db = fresh("judge-noretry").await;
    let mut bad = mark("1", 1);
    bad.meta.kind = "college".into();
    let (same, outcome) = db.retry_reopening(|s| {
        let bad = bad.clone();
        async move { s.put_all(&[bad]).await }
    })
    .await;
    assert!(matches!(outcome, Err(StoreError::Invalid(_))));
    assert!(!same.is_closed());
}

#[wasm_bindgen_test]
async fn importing_a_file_twice_writes_nothing_the_second_time() {
    let db = fresh("judge-import").await;
    let file: Vec<MarkRecord> = (0..50).map(|i| mark(&i.to_string(), i % 4)).collect();
    let plan = plan_import(&[], file.clone()).unwrap();
    db.put_all(&plan.new).await.unwrap();
    let stored: Vec<MarkRecord> = db.list(Some("std")).await.unwrap();
    assert_eq!(stored.len(), 50);
    let again = plan_import(&stored, file).unwrap();
    assert_eq!((again.new.len(), again.already), (0, 50));
}

/// Every transaction the page opens from now on, as `mode:durability`, collected in `globalThis.__txs`.
fn watch_transactions() {
    js_sys::eval(
        r#"(() => {
            if (globalThis.__txs) return;
            globalThis.__txs = [];
            const open = IDBDatabase.prototype.transaction;
            IDBDatabase.prototype.transaction = function (...args) {
                const tx = open.apply(this, args);
                globalThis.__txs.push(tx.mode + ':' + tx.durability);
                return tx;
            };
        })()"#,
    )
    .unwrap();
}

/// The transactions opened since the last call.
fn transactions() -> Vec<String> {
    let text = js_sys::eval("globalThis.__txs.splice(0).join(',')").unwrap().as_string().unwrap();
    text.split(',').filter(|s| !s.is_empty()).map(String::from).collect()
}

#[wasm_bindgen_test]
async fn taps_are_written_in_one_strict_transaction_with_their_sync_revisions() {
    let db = fresh("judge-strict").await;
    watch_transactions();
    transactions();
    let taps = vec![mark("1", 2), mark("2", 3)];
    db.put_all_strict(&taps).await.unwrap();
    assert_eq!(transactions(), ["readwrite:strict"]);
    let stored: Vec<MarkRecord> = db.list(Some("std")).await.unwrap();
    assert!(stored.len() == 2 && taps.iter().all(|t| stored.contains(t)), "{stored:?}");
    // Like `put_all`, each record gets its sync revision in the same transaction (so a push sends it).
    let ids: Vec<String> = taps.iter().map(|m| m.meta.id.clone()).collect();
    assert_eq!(db.sync_entries_of(&ids).await.unwrap().len(), 2);
    // A plain put keeps the browser's default.
    transactions();
    db.put(&mark("3", 1)).await.unwrap();
    assert_eq!(transactions(), ["readwrite:default"]);
    // And the same checks as `put_all`: a record of another kind is refused before anything is written.
    let mut bad = mark("4", 1);
    bad.meta.kind = "college".into();
    assert!(matches!(db.put_all_strict(&[bad]).await, Err(StoreError::Invalid(_))));
}
