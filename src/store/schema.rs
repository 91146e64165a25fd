//! The IndexedDB schema and its history: names of the database, object stores and indexes, and the upgrade steps that
//! take a database from any older version to [`DB_VERSION`].
//!
//! # Schema versions
//!
//! | Version | Change |
//! |---------|--------|
//! | 1 | Object store [`RECORDS`] (`records`), key path `id`: every record, Meta flattened in. |
//! | 2 | Indexes [`INDEX_KIND`] (`kind`, on `"kind"`) and [`INDEX_ORG_KIND`] (`org_kind`, on `["org", "kind"]`) on `records`; object store [`COUNTERS`] (`counters`, key path `name`) for running numbers. |
//! | 3 | Object store [`SYNC`] (`sync`, key path `id`): one sync entry per record (revision tree, what the server holds, conflict bodies; `domain::sync::SyncEntry`), index [`INDEX_SYNC_DB`] (`db`, on `"db"`); object store [`CHECKPOINTS`] (`sync_checkpoints`, key path `db`): the pull checkpoint and last sync times per server database. |
//! | 4 | No new store: every `ia_dataset` record an earlier release stored with one string of answers per candidate is rewritten with its answers packed (`domain::item_analysis::Answers::Packed`: one string instead of one per candidate, two thirds of the text; [`repack_item_analysis`]). A record whose answers do not read is left as it was (it still opens, and says why it cannot be analysed). |
//!
//! # Adding a version
//!
//! 1. Raise [`DB_VERSION`].
//! 2. Add one arm to `upgrade_step` (below) for the new number, doing only that version's change. Opening runs
//!    every step from the stored version + 1 up to [`DB_VERSION`], in order, inside the one `versionchange`
//!    transaction, so a browser that skipped versions still ends up with the same schema, and a failure leaves the
//!    old version intact.
//! 3. Add a row to the table above, and a test in `tests/browser/store.rs` that builds the previous version by hand and opens
//!    it.
//!
//! Never change what an existing step does: browsers in the field have already run it.

use indexed_db_futures::database::Database;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::domain::item_analysis::records::pack_rows;

/// The kind of the item-analysis data sets (`domain::item_analysis::IaDataset`), which version 4 repacks.
const IA_DATASET: &str = "ia_dataset";
use indexed_db_futures::error::Error;
use indexed_db_futures::{Build, KeyPath};
use wasm_bindgen::JsValue;

/// Name of the app's database.
pub const DB_NAME: &str = "mattrathan";
/// Schema version written by this build (see the table in the module docs).
pub const DB_VERSION: u32 = 4;

/// Object store holding every record, keyed by `id` (v1).
pub const RECORDS: &str = "records";
/// Index on `records` by `kind` (v2).
pub const INDEX_KIND: &str = "kind";
/// Index on `records` by `[org, kind]` (v2).
pub const INDEX_ORG_KIND: &str = "org_kind";
/// Object store for running numbers (e.g. document numbers), keyed by `name` (v2).
pub const COUNTERS: &str = "counters";

/// Object store of sync entries, one per record, keyed by the record's `id` (v3).
pub const SYNC: &str = "sync";
/// Index on `sync` by server database name (v3).
pub const INDEX_SYNC_DB: &str = "db";
/// Object store of pull checkpoints and sync times, keyed by server database name `db` (v3).
pub const CHECKPOINTS: &str = "sync_checkpoints";

/// Runs the upgrade steps `old + 1 ..= new`. Called from the `upgradeneeded` handler with the version-change
/// transaction `tx`, which is the only way to reach object stores that already exist (e.g. to add an index to
/// `records`).
pub(crate) fn upgrade(db: &Database, tx: &web_sys::IdbTransaction, old: u32, new: u32) -> Result<(), Error> {
    for version in old + 1..=new {
        upgrade_step(db, tx, version)?;
    }
    Ok(())
}

/// Takes the schema from `version - 1` to `version`.
fn upgrade_step(db: &Database, tx: &web_sys::IdbTransaction, version: u32) -> Result<(), Error> {
    match version {
        1 => {
            db.create_object_store(RECORDS).with_key_path(KeyPath::One("id")).build()?;
        }
        2 => {
            let records = tx.object_store(RECORDS)?;
            records.create_index_with_str(INDEX_KIND, "kind")?;
            let org_kind = js_sys::Array::of2(&JsValue::from_str("org"), &JsValue::from_str("kind"));
            records.create_index_with_str_sequence(INDEX_ORG_KIND, &org_kind)?;
            db.create_object_store(COUNTERS).with_key_path(KeyPath::One("name")).build()?;
        }
        3 => {
            let sync = db.create_object_store(SYNC).with_key_path(KeyPath::One("id")).build()?;
            sync.create_index(INDEX_SYNC_DB, KeyPath::One("db")).build()?;
            db.create_object_store(CHECKPOINTS).with_key_path(KeyPath::One("db")).build()?;
        }
        4 => repack_item_analysis(tx)?,
        other => {
            let msg = format!("no upgrade step for database version {other}");
            return Err(js_sys::Error::new(&msg).into());
        }
    }
    Ok(())
}

/// Version 4: walks the `ia_dataset` records (index [`INDEX_KIND`]) in the version-change transaction `tx` and
/// rewrites each one stored the earlier way (`answers` an array of strings) with its answers packed
/// ([`pack_rows`]); nothing else of the record changes (not even `updated`: the data set is the same). A record whose
/// answers do not read is left as it is. It works on the stored objects as they are, with no record type, so no page
/// carries more than this walk. The cursor's requests keep the transaction open until the last record is done.
fn repack_item_analysis(tx: &web_sys::IdbTransaction) -> Result<(), Error> {
    let request = tx.object_store(RECORDS)?.index(INDEX_KIND)?.open_cursor_with_range(&JsValue::from_str(IA_DATASET))?;
    let walking = request.clone();
    // Through the JSON helpers every page already has (`idb`), with the closure type `database.rs` uses: the walk adds
    // as little as it can to every page.
    let onsuccess = Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| {
        let Ok(result) = walking.result() else { return };
        let Ok(cursor) = result.dyn_into::<web_sys::IdbCursorWithValue>() else {
            walking.set_onsuccess(None); // the walk is over
            return;
        };
        let stored = cursor.value().ok().and_then(|v| super::idb::to_json_value(&v).ok());
        if let Some(mut record) = stored {
            let rows: Option<Vec<String>> = record["answers"]
                .as_array()
                .and_then(|a| a.iter().map(|r| r.as_str().map(str::to_string)).collect());
            let items = record["items"].as_array().map(Vec::len);
            if let Some(packed) = rows.zip(items).and_then(|(rows, items)| pack_rows(&rows, items)) {
                record["answers"] = serde_json::Value::String(packed);
                if let Ok(js) = super::idb::to_js(&record) {
                    let _ = cursor.update(&js);
                }
            }
        }
        let _ = cursor.continue_();
    });
    request.set_onsuccess(Some(onsuccess.as_ref().unchecked_ref()));
    // Kept for the whole walk, which ends after this function returns: leaked, once per upgrade.
    onsuccess.forget();
    Ok(())
}
