//! Browser tests of the store's sync half (`mattrathan::store::sync`, schema v3) in headless Chromium: every `put`
//! and `delete` of any record kind gets its next revision in the same transaction; imports and pre-v3 records are
//! caught by `sync_reconcile`; pushes are confirmed; pulled pages, conflicts and resolutions are applied with their
//! checkpoint; nothing of it leaks into backups.

use std::collections::BTreeSet;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyPath;
use mattrathan::domain::record::{Meta, Record};
use mattrathan::domain::sync::protocol::{ChangeRow, RemoteRev};
use mattrathan::domain::sync::{Rev, SyncEntry, SyncState};
use mattrathan::store::sync::{sync_db, PulledRow};
use mattrathan::domain::sync::accept::Shapes;
use mattrathan::store::{self, Store, DB_VERSION};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

const ORG: &str = "1310100001";

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct Note {
    #[serde(flatten)]
    meta: Meta,
    name: String,
}

mattrathan::impl_record!(Note, "college");

/// The reader a restore uses for [`Note`] (a stand-in, not the real college record).
const TEST_SHAPES: Shapes =
    Shapes(&[("college", |_, body| serde_json::from_value::<Note>(body.clone()).map(drop).map_err(|e| e.to_string()))]);

fn note(name: &str) -> Note {
    Note { meta: Meta::new(store::new_id(), Note::KIND, ORG, "2026-11-21T10:00:00.000Z"), name: name.into() }
}

async fn fresh(name: &str) -> Store {
    store::delete_database(name).await.expect("delete database");
    Store::open_named(name).await.expect("open database")
}

async fn entry(store: &Store, id: &str) -> SyncEntry {
    store.sync_entries_of(&[id.to_string()]).await.unwrap().remove(id).expect("a sync entry")
}

fn db() -> String {
    sync_db(ORG).unwrap()
}

#[wasm_bindgen_test]
async fn every_put_gets_a_revision_and_unchanged_puts_do_not() {
    let store = fresh("test-sync-put").await;
    let mut n = note("ก");
    store.put(&n).await.unwrap();
    let e1 = entry(&store, &n.meta.id).await;
    assert_eq!(e1.db, "mt_1310100001");
    assert_eq!(e1.kind, "college");
    assert_eq!(e1.winner().unwrap().pos, 1);
    assert_eq!(e1.state, SyncState::Pending);

    store.put(&n).await.unwrap();
    assert_eq!(entry(&store, &n.meta.id).await, e1, "saving the same content makes no revision");

    n.name = "ข".into();
    store.put(&n).await.unwrap();
    let e2 = entry(&store, &n.meta.id).await;
    let w2 = e2.winner().unwrap();
    assert_eq!(w2.pos, 2);
    assert_eq!(e2.tree.path(&w2, 9)[1], e1.winner().unwrap(), "the parent chain is kept");

    let unpushed = store.sync_unpushed(&db()).await.unwrap();
    assert_eq!(unpushed.len(), 1);
    assert_eq!(unpushed[0].1.as_ref().unwrap()["name"], json!("ข"), "the body matches the entry");

    store.sync_confirm(&[(n.meta.id.clone(), vec![w2.to_string()])]).await.unwrap();
    assert_eq!(entry(&store, &n.meta.id).await.state, SyncState::Synced);
    assert!(store.sync_unpushed(&db()).await.unwrap().is_empty(), "a second push has nothing to send");

    store.delete(&n.meta.id).await.unwrap();
    let e3 = entry(&store, &n.meta.id).await;
    assert!(e3.is_deleted());
    assert_eq!(e3.state, SyncState::Pending, "the deletion is pushed too");
    assert_eq!(store.get::<Note>(&n.meta.id).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn opening_a_v2_database_adds_the_sync_stores_and_reconcile_covers_old_records() {
    let name = "test-sync-migrate-v2";
    store::delete_database(name).await.unwrap();
    let old = note("บันทึกก่อนมีการซิงค์");
    {
        // The v2 schema, by hand: `records` with its indexes, and `counters`.
        let db = Database::open(name)
            .with_version(2u32)
            .with_on_upgrade_needed(|_event, db| {
                let records = db.create_object_store("records").with_key_path(KeyPath::One("id")).build()?;
                records.create_index("kind", KeyPath::One("kind")).build()?;
                let org_kind = js_sys::Array::of2(&JsValue::from_str("org"), &JsValue::from_str("kind"));
                records.create_index("org_kind", KeyPath::<&str>::JsValue(org_kind.into())).build()?;
                db.create_object_store("counters").with_key_path(KeyPath::One("name")).build()?;
                Ok(())
            })
            .await
            .unwrap();
        let tx = db.transaction("records").with_mode(TransactionMode::Readwrite).build().unwrap();
        {
            let value = js_sys::JSON::parse(&serde_json::to_string(&old).unwrap()).unwrap();
            tx.object_store("records").unwrap().put(value).primitive().unwrap().await.unwrap();
        }
        tx.commit().await.unwrap();
        db.close();
    }
    let store = Store::open_named(name).await.unwrap();
    assert_eq!(store.version(), DB_VERSION);
    assert!(DB_VERSION >= 3, "the v3 step ran");
    assert_eq!(store.get::<Note>(&old.meta.id).await.unwrap(), Some(old.clone()));
    assert!(store.sync_entries(&db()).await.unwrap().is_empty());
    assert_eq!(store.sync_reconcile(ORG).await.unwrap(), Vec::<String>::new());
    let e = entry(&store, &old.meta.id).await;
    assert_eq!(e.winner().unwrap().pos, 1);
    // Reconciling again changes nothing.
    store.sync_reconcile(ORG).await.unwrap();
    assert_eq!(entry(&store, &old.meta.id).await, e);
    assert_eq!(store.sync_checkpoint(&db()).await.unwrap().since, "0");
}

#[wasm_bindgen_test]
async fn imports_get_revisions_at_reconcile_and_backups_hold_no_sync_bookkeeping() {
    let store = fresh("test-sync-import").await;
    let mut n = note("ก");
    store.put(&n).await.unwrap();
    let before = entry(&store, &n.meta.id).await;
    n.name = "แก้ในไฟล์สำรอง".into();
    n.meta.touch("2026-11-22T10:00:00.000Z");
    let other = fresh("test-sync-import-src").await;
    other.put(&n).await.unwrap();
    let backup = other.export_org(ORG, "2026-11-22T11:00:00.000Z").await.unwrap();
    assert!(!backup.contains("_rev") && !backup.contains("on_server") && !backup.contains("tree"), "{backup}");
    store.import_backup(&backup, None, &TEST_SHAPES).await.unwrap();
    store.sync_reconcile(ORG).await.unwrap();
    let after = entry(&store, &n.meta.id).await;
    assert_eq!(after.winner().unwrap().pos, 2);
    assert_eq!(after.tree.path(&after.winner().unwrap(), 9)[1], before.winner().unwrap());
}

/// A page read without documents is applied only when every row is known here (the echo of a push): it confirms
/// the leaves and moves the checkpoint; a page with anything new writes nothing and keeps the checkpoint, for the page
/// to be read with its documents.
#[wasm_bindgen_test]
async fn a_page_of_known_revisions_applies_without_documents_and_one_with_a_new_revision_does_not() {
    let store = fresh("test-sync-known").await;
    let (a, b) = (note("หนึ่ง"), note("สอง"));
    store.put_all(&[a.clone(), b.clone()]).await.unwrap();
    let (ra, rb) = (entry(&store, &a.meta.id).await.winner().unwrap(), entry(&store, &b.meta.id).await.winner().unwrap());
    store.sync_confirm(&[(a.meta.id.clone(), vec![ra.to_string()])]).await.unwrap();
    assert_eq!(entry(&store, &b.meta.id).await.state, SyncState::Pending);

    // Both revisions are this device's: the page applies, b counts as on the server now.
    let rows = vec![(a.meta.id.clone(), vec![ra.clone()]), (b.meta.id.clone(), vec![rb.clone()])];
    assert!(store.sync_apply_known(&db(), &rows, "5", false).await.unwrap());
    assert_eq!(entry(&store, &b.meta.id).await.state, SyncState::Synced);
    let cp = store.sync_checkpoint(&db()).await.unwrap();
    assert_eq!(cp.since, "5");
    assert!(cp.pulled.is_none(), "not at the end yet");

    // Another device's newer revision of a, and a record never seen here: nothing is written, the checkpoint stays.
    let mut newer = a.clone();
    newer.name = "หนึ่ง (แก้ที่อื่น)".into();
    let r2 = mattrathan::domain::sync::rev::next_rev(Some(&ra), &serde_json::to_value(&newer).unwrap(), false);
    let before = entry(&store, &a.meta.id).await;
    for rows in [vec![(b.meta.id.clone(), vec![rb.clone()]), (a.meta.id.clone(), vec![r2.clone()])], vec![("unseen".to_string(), vec![r2.clone()])]] {
        assert!(!store.sync_apply_known(&db(), &rows, "6", true).await.unwrap());
        assert_eq!(store.sync_checkpoint(&db()).await.unwrap().since, "5");
        assert_eq!(entry(&store, &a.meta.id).await, before);
    }
    // That page with its documents stores the newer revision.
    let row = ChangeRow {
        id: a.meta.id.clone(),
        leaves: vec![r2.clone()],
        winner: RemoteRev { id: a.meta.id.clone(), path: vec![r2.clone()], deleted: false, body: Some(serde_json::to_value(&newer).unwrap()) },
    };
    let s = store.sync_apply_pull(&db(), &[PulledRow { row, fetched: None }], "6", true).await.unwrap();
    assert_eq!(s.changed, 1);
    assert_eq!(store.get::<Note>(&a.meta.id).await.unwrap(), Some(newer));
    let cp = store.sync_checkpoint(&db()).await.unwrap();
    assert_eq!(cp.since, "6");
    assert!(cp.pulled.is_some());
}

/// Pulls as a fresh device, then a conflict arrives and is resolved.
#[wasm_bindgen_test]
async fn pulled_pages_conflicts_and_resolution() {
    let server_side = fresh("test-sync-pull-src").await;
    let n = note("ต้นฉบับ");
    server_side.put(&n).await.unwrap();
    let theirs = entry(&server_side, &n.meta.id).await;
    let rev1 = theirs.winner().unwrap();
    let body = serde_json::to_value(&n).unwrap();
    let remote = |path: Vec<Rev>, body: Option<Value>| RemoteRev { id: n.meta.id.clone(), path, deleted: false, body };

    // A fresh device: the row fast-forwards and writes the record; the checkpoint moves.
    let store = fresh("test-sync-pull").await;
    let row = ChangeRow { id: n.meta.id.clone(), leaves: vec![rev1.clone()], winner: remote(vec![rev1.clone()], Some(body.clone())) };
    let summary = store.sync_apply_pull(&db(), &[PulledRow { row: row.clone(), fetched: None }], "7", true).await.unwrap();
    assert_eq!(summary.changed, 1);
    assert_eq!(store.get::<Note>(&n.meta.id).await.unwrap(), Some(n.clone()));
    assert_eq!(entry(&store, &n.meta.id).await.state, SyncState::Synced);
    let cp = store.sync_checkpoint(&db()).await.unwrap();
    assert_eq!(cp.since, "7");
    assert!(cp.pulled.is_some());
    // The same row again: nothing changes.
    let again = store.sync_apply_pull(&db(), &[PulledRow { row, fetched: None }], "8", true).await.unwrap();
    assert_eq!(again.changed, 0);

    // This device edits offline; another device's edit of the same revision arrives.
    let mut mine = n.clone();
    mine.name = "ของเครื่องนี้".into();
    store.put(&mine).await.unwrap();
    let mut other = n.clone();
    other.name = "ของอีกเครื่อง".into();
    let other_body = serde_json::to_value(&other).unwrap();
    let rev_other = mattrathan::domain::sync::rev::next_rev(Some(&rev1), &other_body, false);
    let row = ChangeRow {
        id: n.meta.id.clone(),
        leaves: vec![rev_other.clone()],
        winner: remote(vec![rev_other.clone()], Some(other_body.clone())),
    };
    // Planned without history: the store refuses to guess and keeps the checkpoint.
    let s = store.sync_apply_pull(&db(), &[PulledRow { row: row.clone(), fetched: None }], "9", true).await.unwrap();
    assert_eq!(s.refetch, vec![n.meta.id.clone()]);
    assert_eq!(store.sync_checkpoint(&db()).await.unwrap().since, "8");
    let fetched = vec![remote(vec![rev_other.clone(), rev1.clone()], Some(other_body.clone()))];
    let s = store.sync_apply_pull(&db(), &[PulledRow { row, fetched: Some(fetched) }], "9", true).await.unwrap();
    assert_eq!(s.conflicts, 1);
    let e = entry(&store, &n.meta.id).await;
    assert_eq!(e.state, SyncState::Conflict);
    assert_eq!(e.conflicts.len(), 1, "the losing value is kept for the decision");
    let stored: Note = store.get(&n.meta.id).await.unwrap().unwrap();
    let winner_is_mine = e.winner() != Some(rev_other.clone());
    assert_eq!(stored.name, if winner_is_mine { "ของเครื่องนี้" } else { "ของอีกเครื่อง" });

    // Resolve by merging on the other device's branch.
    let mut merged = n.clone();
    merged.name = "ตกลงกันแล้ว".into();
    let merged_json = serde_json::to_value(&merged).unwrap();
    store.sync_resolve(&n.meta.id, &rev_other, &merged_json).await.unwrap();
    assert_eq!(store.get::<Note>(&n.meta.id).await.unwrap(), Some(merged.clone()));
    let e = entry(&store, &n.meta.id).await;
    assert_eq!(e.state, SyncState::Pending);
    assert!(e.conflicts.is_empty());
    let pending: BTreeSet<u64> = e.unpushed().iter().map(|r| r.pos).collect();
    assert_eq!(pending, BTreeSet::from([3]), "the new revision and the deleted other branch, both at 3");
    assert_eq!(e.unpushed().len(), 2);
    assert!(store.sync_resolve(&n.meta.id, &Rev::parse("1-nope").unwrap(), &merged_json).await.is_err());
    let wrong = json!({"id": "someone-else"});
    assert!(store.sync_resolve(&n.meta.id, &rev_other, &wrong).await.is_err());
}

#[wasm_bindgen_test]
async fn a_recreated_server_database_gets_every_record_offered_again() {
    let store = fresh("test-sync-identity").await;
    let n = note("ก");
    store.put(&n).await.unwrap();
    let w = entry(&store, &n.meta.id).await.winner().unwrap().to_string();
    store.sync_confirm(&[(n.meta.id.clone(), vec![w])]).await.unwrap();
    store.sync_apply_pull(&db(), &[], "7", true).await.unwrap();
    assert!(store.sync_unpushed(&db()).await.unwrap().is_empty());

    // First contact: the identity is noted, nothing is reset.
    assert_eq!(store.sync_server_identity(&db(), "first", false, Some((&db(), None))).await.unwrap(), 0);
    let cp = store.sync_checkpoint(&db()).await.unwrap();
    assert_eq!((cp.since.as_str(), cp.instance.as_deref()), ("7", Some("first")));
    assert!(store.sync_unpushed(&db()).await.unwrap().is_empty());

    // Another identity: the pull starts over and the record is offered again (only the kind asked for).
    assert_eq!(store.sync_server_identity(&db(), "second", true, Some((&db(), Some("s26_mark")))).await.unwrap(), 0);
    assert_eq!(store.sync_server_identity(&db(), "third", true, Some((&db(), None))).await.unwrap(), 1);
    let cp = store.sync_checkpoint(&db()).await.unwrap();
    assert_eq!((cp.since.as_str(), cp.instance.as_deref(), cp.pushed), ("0", Some("third"), None));
    let unpushed = store.sync_unpushed(&db()).await.unwrap();
    assert_eq!(unpushed.len(), 1);
    assert_eq!(unpushed[0].0.state, SyncState::Pending);
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
struct StrictNote {
    #[serde(flatten)]
    meta: Meta,
    name: String,
    year: u16,
}

mattrathan::impl_record!(StrictNote, "college");

#[wasm_bindgen_test]
async fn a_list_shows_the_readable_records_and_names_the_broken_one() {
    let store = fresh("test-sync-list-readable").await;
    let good = StrictNote { meta: note("ก").meta, name: "ก".into(), year: 2569 };
    store.put(&good).await.unwrap();
    // Stored as it came (a record whose `year` does not read as a number).
    let broken = note("ข");
    store.put(&broken).await.unwrap();
    let heard: std::rc::Rc<std::cell::RefCell<Vec<Vec<(String, String)>>>> = Default::default();
    let h = std::rc::Rc::clone(&heard);
    store.on_unreadable(move |found| h.borrow_mut().push(found));
    // A list never fails on a record it cannot read: it shows the others and names the broken one.
    assert_eq!(store.list::<StrictNote>(Some(ORG)).await.unwrap(), vec![good.clone()]);
    let (records, problems) = store.list_readable::<StrictNote>(Some(ORG)).await.unwrap();
    assert_eq!(records, vec![good.clone()]);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains(&broken.meta.id), "{problems:?}");
    let found = store.unreadable();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, broken.meta.id);
    assert!(found[0].1.contains("year"), "names why: {found:?}");
    assert_eq!(heard.borrow().len(), 1, "the hook hears a change once, not on every read");
    // A reopened connection keeps what was found.
    let reopened = store.reopen().await.unwrap();
    assert_eq!(reopened.unreadable(), found);
    // Repaired by a later write: no longer reported, and the list holds it.
    let repaired = StrictNote { meta: broken.meta.clone(), name: "ข".into(), year: 2570 };
    store.put(&repaired).await.unwrap();
    assert!(store.unreadable().is_empty());
    assert_eq!(store.list::<StrictNote>(Some(ORG)).await.unwrap().len(), 2);
    // Broken again, then deleted: no longer reported either.
    store.put(&broken).await.unwrap();
    assert_eq!(store.list::<StrictNote>(Some(ORG)).await.unwrap(), vec![good]);
    assert_eq!(store.unreadable().len(), 1);
    store.delete(&broken.meta.id).await.unwrap();
    assert!(store.unreadable().is_empty());
    assert_eq!(heard.borrow().last(), Some(&Vec::new()), "the hook heard the empty list");
}
