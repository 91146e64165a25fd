//! The store's half of sync: one [`SyncEntry`] per record in the `sync` object store, written in the same
//! IndexedDB transaction as the record, and the pull checkpoint of each server database in `sync_checkpoints`.
//!
//! - Every [`Store::put`] and [`Store::delete`] calls [`note_write`] / [`note_delete`], so a changed record of any
//!   job gets its next revision without job code knowing about sync.
//! - [`Store::sync_reconcile`] catches records written around `put` (backup imports, records from before schema v3).
//! - The client (`mattrathan::sync`) reads entries and bodies to push, confirms what the server stored, and applies
//!   pulled changes page by page ([`Store::sync_apply_pull`]; a page of revisions this device knows, read without
//!   documents, by [`Store::sync_apply_known`]): records, entries and the checkpoint in one transaction, so an
//!   interrupted pull never half-applies a page. Each reads and writes a whole batch at once (every request made
//!   before the first answer is awaited), never one record per turn of the event loop.
//! - [`Store::sync_resolve`] writes the user's decision on a conflict as a new revision.
//! - [`Store::sync_server_identity`] keeps the identity of each server database; when it changed (recreated or
//!   restored), the pull starts over and every record pushed there is offered again.
//!
//! Pulled rows reach [`Store::sync_apply_pull`] only after the client checked them (`domain::sync::accept`): a
//! refused document is simply not among the rows, and the checkpoint still advances past it.
//!
//! None of this is in backups: `export_org` reads only `records`.

use std::collections::HashMap;

use indexed_db_futures::KeyRange;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::idb::{from_js, to_js, to_json_value, Tx};
use super::error::StoreError;
use super::schema::{CHECKPOINTS, INDEX_SYNC_DB, RECORDS, SYNC};
use super::{now_iso, Store};
use crate::domain::sync::protocol::{db_name, ChangeRow, RemoteRev};
use crate::domain::sync::{Outcome, PullPlan, Rev, SyncEntry};

/// The stored pull checkpoint and sync times of one server database.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub db: String,
    /// `since` for the next `_changes` request (`"0"` before the first pull).
    pub since: String,
    /// When a pull last reached the end of `_changes` (ISO 8601), if ever.
    pub pulled: Option<String>,
    /// When a push last completed (ISO 8601), if ever.
    pub pushed: Option<String>,
    /// The identity of the server database last synced with (its `_local/mattrathan` marker, see
    /// `mattrathan::sync::client`), if known; a different one means the database was recreated or restored.
    #[serde(default)]
    pub instance: Option<String>,
}

/// One `_changes` row, with the revisions fetched (`open_revs`) when its plan was [`PullPlan::Fetch`].
#[derive(Clone, Debug)]
pub struct PulledRow {
    pub row: ChangeRow,
    pub fetched: Option<Vec<RemoteRev>>,
}

/// What [`Store::sync_apply_pull`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PullSummary {
    /// Records written or deleted because the winner changed.
    pub changed: usize,
    /// Records now in conflict.
    pub conflicts: usize,
    /// Rows that need history fetched first (a local edit arrived meanwhile); the checkpoint was not advanced.
    pub refetch: Vec<String>,
}

fn entry_from_js(js: &JsValue) -> Result<SyncEntry, StoreError> {
    from_js(js, "sync: ")
}

async fn get_entry(tx: &Tx<'_>, id: &str) -> Result<Option<SyncEntry>, StoreError> {
    tx.get(SYNC, id).await?.map(|js| entry_from_js(&js)).transpose()
}

/// The entries of `ids` in `tx`, in order (`None` where there is none): every request made at once.
async fn get_entries(tx: &Tx<'_>, ids: &[&str]) -> Result<Vec<Option<SyncEntry>>, StoreError> {
    tx.get_many(SYNC, ids).await?.iter().map(|js| js.as_ref().map(entry_from_js).transpose()).collect()
}

/// The found values of `ids` (read in order, `None` where missing) by id.
fn present<'a, T>(ids: impl IntoIterator<Item = &'a str>, found: Vec<Option<T>>) -> HashMap<String, T> {
    ids.into_iter().zip(found).filter_map(|(id, v)| Some((id.to_string(), v?))).collect()
}

/// The stored records `ids` in `tx` as JSON, in order (`None` where missing): every request made at once.
async fn get_records(tx: &Tx<'_>, ids: &[&str]) -> Result<Vec<Option<Value>>, StoreError> {
    tx.get_many(RECORDS, ids).await?.iter().map(|js| js.as_ref().map(to_json_value).transpose()).collect()
}

/// Gives a record just written in `tx` its next revision (nothing when its content did not change). A record whose
/// `org` cannot name a server database still saves; it just does not sync ([`Store::sync_reconcile`] reports it).
pub(super) async fn note_write(tx: &Tx<'_>, record: &Value) -> Result<(), StoreError> {
    let Some(id) = record.get("id").and_then(Value::as_str) else { return Ok(()) };
    let prev = get_entry(tx, id).await?;
    match SyncEntry::record_written(prev.as_ref(), record) {
        Ok(Some(entry)) => tx.put_typed(SYNC, &entry).await,
        Ok(None) | Err(_) => Ok(()),
    }
}

/// [`note_write`] for many records written in `tx` at once: every entry read, then every changed one written, each
/// batch of requests made before any is awaited (so 1,000 records cost two round trips, not 2,000). A record given
/// twice gets its revisions in order, as two calls of [`note_write`] would give.
pub(super) async fn note_writes(tx: &Tx<'_>, records: &[Value]) -> Result<(), StoreError> {
    let ids: Vec<&str> = records.iter().filter_map(|r| r.get("id").and_then(Value::as_str)).collect();
    let prevs = get_entries(tx, &ids).await?;
    let mut latest: HashMap<&str, SyncEntry> = HashMap::with_capacity(ids.len());
    let mut order: Vec<&str> = Vec::with_capacity(ids.len());
    let with_id = records.iter().filter(|r| r.get("id").and_then(Value::as_str).is_some());
    for ((record, id), prev) in with_id.zip(&ids).zip(prevs) {
        let prev = latest.get(id).or(prev.as_ref());
        if let Ok(Some(entry)) = SyncEntry::record_written(prev, record) {
            if latest.insert(id, entry).is_none() {
                order.push(id);
            }
        }
    }
    let next: Vec<SyncEntry> = order.into_iter().filter_map(|id| latest.remove(id)).collect();
    tx.put_typed_many(SYNC, &next).await
}

/// Gives a record just deleted in `tx` a deleting revision (if it has sync history).
pub(super) async fn note_delete(tx: &Tx<'_>, id: &str) -> Result<(), StoreError> {
    match get_entry(tx, id).await?.and_then(|e| e.record_deleted()) {
        Some(entry) => tx.put_typed(SYNC, &entry).await,
        None => Ok(()),
    }
}

impl Store {
    /// Makes sure every record of `org` has an up-to-date sync entry: records without one (written before sync
    /// existed) and records changed around [`Store::put`] (backup imports) get their next revision. Returns, for
    /// records that cannot sync, a message naming them.
    pub async fn sync_reconcile(&self, org: &str) -> Result<Vec<String>, StoreError> {
        let lower = js_sys::Array::of1(&JsValue::from_str(org));
        let upper = js_sys::Array::of2(&JsValue::from_str(org), &js_sys::Array::new());
        let tx = Tx::write(self.db(), &[RECORDS, SYNC])?;
        let mut problems = Vec::new();
        {
            let range = KeyRange::Bound(lower.into(), false, upper.into(), false);
            let values = tx.index_all(RECORDS, super::schema::INDEX_ORG_KIND, range).await?;
            let records = values.iter().map(to_json_value).collect::<Result<Vec<_>, _>>()?;
            let ids: Vec<&str> =
                records.iter().map(|r| r.get("id").and_then(Value::as_str).unwrap_or_default()).collect();
            let prevs = get_entries(&tx, &ids).await?;
            let mut next = Vec::new();
            for ((record, id), prev) in records.iter().zip(&ids).zip(prevs) {
                match SyncEntry::record_written(prev.as_ref(), record) {
                    Ok(Some(entry)) => next.push(entry),
                    Ok(None) => {}
                    Err(e) => problems.push(format!("{id}: {e}")),
                }
            }
            tx.put_typed_many(SYNC, &next).await?;
        }
        tx.commit().await?;
        Ok(problems)
    }

    /// Every sync entry of server database `db`.
    pub async fn sync_entries(&self, db: &str) -> Result<Vec<SyncEntry>, StoreError> {
        let tx = Tx::read(self.db(), &[SYNC])?;
        let values = tx.index_all(SYNC, INDEX_SYNC_DB, KeyRange::Only(JsValue::from_str(db))).await?;
        tx.commit().await?;
        values.iter().map(entry_from_js).collect()
    }

    /// The sync entries of `ids` (missing ones are left out).
    pub async fn sync_entries_of(&self, ids: &[String]) -> Result<HashMap<String, SyncEntry>, StoreError> {
        let tx = Tx::read(self.db(), &[SYNC])?;
        let keys: Vec<&str> = ids.iter().map(String::as_str).collect();
        let entries = get_entries(&tx, &keys).await?;
        tx.commit().await?;
        Ok(present(keys, entries))
    }

    /// What a push of database `db` has to offer: every entry with leaves the server has not confirmed, each with
    /// its stored record (the winner's body), read in one transaction so a body always matches its entry.
    pub async fn sync_unpushed(&self, db: &str) -> Result<Vec<(SyncEntry, Option<Value>)>, StoreError> {
        let tx = Tx::read(self.db(), &[RECORDS, SYNC])?;
        let out = {
            let values = tx.index_all(SYNC, INDEX_SYNC_DB, KeyRange::Only(JsValue::from_str(db))).await?;
            let mut entries = values.iter().map(entry_from_js).collect::<Result<Vec<_>, _>>()?;
            entries.retain(|e| !e.unpushed().is_empty());
            let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
            let bodies = get_records(&tx, &ids).await?;
            entries.into_iter().zip(bodies).collect()
        };
        tx.commit().await?;
        Ok(out)
    }

    /// Applies one page of `_changes` from database `db` read without documents (`rows`: each id with the server's
    /// leaves) when every row is [`PullPlan::Known`] here — the echo of this device's own push: notes that the server
    /// holds those leaves (writing only entries that change) and stores `last_seq` as the checkpoint, all in one
    /// transaction. When a row is not known (any more), nothing is written and `false` is returned: the page has to
    /// be read with its documents ([`Store::sync_apply_pull`]).
    pub async fn sync_apply_known(
        &self,
        db: &str,
        rows: &[(String, Vec<Rev>)],
        last_seq: &str,
        at_end: bool,
    ) -> Result<bool, StoreError> {
        let mut checkpoint = self.sync_checkpoint(db).await?;
        let tx = Tx::write(self.db(), &[SYNC, CHECKPOINTS])?;
        let ids: Vec<&str> = rows.iter().map(|(id, _)| id.as_str()).collect();
        let mut entries = present(ids.iter().copied(), get_entries(&tx, &ids).await?);
        let mut changed: HashMap<String, SyncEntry> = HashMap::new();
        for (id, leaves) in rows {
            let entry = entries.get(id).cloned();
            if SyncEntry::plan_pull(entry.as_ref(), leaves) != PullPlan::Known {
                // Dropped without commit: the transaction aborts, nothing written.
                return Ok(false);
            }
            let Some(mut next) = entry else { continue };
            next.pull_known(leaves);
            entries.insert(id.clone(), next.clone());
            changed.insert(id.clone(), next);
        }
        tx.put_typed_many(SYNC, &changed.into_values().collect::<Vec<_>>()).await?;
        checkpoint.since = last_seq.to_string();
        if at_end {
            checkpoint.pulled = Some(now_iso());
        }
        tx.put_typed(CHECKPOINTS, &checkpoint).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// The stored records `ids` as JSON, whatever their kind (missing ones are left out).
    pub async fn sync_records_json(&self, ids: &[String]) -> Result<HashMap<String, Value>, StoreError> {
        let tx = Tx::read(self.db(), &[RECORDS])?;
        let keys: Vec<&str> = ids.iter().map(String::as_str).collect();
        let records = get_records(&tx, &keys).await?;
        tx.commit().await?;
        Ok(present(keys, records))
    }

    /// Notes that the server holds the given revisions of the given records (after `_bulk_docs`, or when
    /// `_revs_diff` said it already has them). A record only counts as synced after this.
    pub async fn sync_confirm(&self, confirmed: &[(String, Vec<String>)]) -> Result<(), StoreError> {
        let tx = Tx::write(self.db(), &[SYNC])?;
        let ids: Vec<&str> = confirmed.iter().map(|(id, _)| id.as_str()).collect();
        let entries = get_entries(&tx, &ids).await?;
        let mut next = Vec::with_capacity(entries.len());
        for ((_, revs), entry) in confirmed.iter().zip(entries) {
            if let Some(mut entry) = entry {
                entry.confirm(revs.iter().map(String::as_str));
                next.push(entry);
            }
        }
        tx.put_typed_many(SYNC, &next).await?;
        tx.commit().await
    }

    /// The checkpoint of server database `db` (a fresh one, `since = "0"`, before the first pull).
    pub async fn sync_checkpoint(&self, db: &str) -> Result<Checkpoint, StoreError> {
        let tx = Tx::read(self.db(), &[CHECKPOINTS])?;
        let found = tx.get_json(CHECKPOINTS, db).await?;
        tx.commit().await?;
        match found {
            Some(value) => serde_json::from_value(value)
                .map_err(|e| StoreError::Damaged { id: db.to_string(), detail: e.to_string() }),
            None => Ok(Checkpoint { db: db.to_string(), since: "0".into(), ..Checkpoint::default() }),
        }
    }

    /// Records that a push to `db` completed now.
    pub async fn sync_mark_pushed(&self, db: &str) -> Result<(), StoreError> {
        let mut checkpoint = self.sync_checkpoint(db).await?;
        checkpoint.pushed = Some(now_iso());
        let tx = Tx::write(self.db(), &[CHECKPOINTS])?;
        tx.put_typed(CHECKPOINTS, &checkpoint).await?;
        tx.commit().await
    }

    /// Notes that server database `db` now has identity `instance`. When `reset` (the database was recreated or
    /// restored since this device last synced), in the same transaction: the pull starts again from the beginning
    /// (`since = "0"`), and, when `own` names this device's database of the records pushed there (only those of kind
    /// `only`, when given), nothing the old database confirmed counts any more, so the next push offers every
    /// record again ([`SyncEntry::server_forgot`]). Returns how many records will be offered again.
    pub async fn sync_server_identity(
        &self,
        db: &str,
        instance: &str,
        reset: bool,
        own: Option<(&str, Option<&str>)>,
    ) -> Result<usize, StoreError> {
        let mut checkpoint = self.sync_checkpoint(db).await?;
        let tx = Tx::write(self.db(), &[SYNC, CHECKPOINTS])?;
        let mut forgotten = 0;
        if reset {
            checkpoint.since = "0".into();
            checkpoint.pulled = None;
            checkpoint.pushed = None;
            if let Some((own, only)) = own {
                let values = tx.index_all(SYNC, INDEX_SYNC_DB, KeyRange::Only(JsValue::from_str(own))).await?;
                for js in values {
                    let mut entry = entry_from_js(&js)?;
                    if only.is_some_and(|k| k != entry.kind) || entry.on_server.is_empty() {
                        continue;
                    }
                    entry.server_forgot();
                    tx.put_typed(SYNC, &entry).await?;
                    forgotten += 1;
                }
            }
        }
        checkpoint.instance = Some(instance.to_string());
        tx.put_typed(CHECKPOINTS, &checkpoint).await?;
        tx.commit().await?;
        Ok(forgotten)
    }

    /// Applies one page of `_changes` from database `db`: per row, merges the server's revisions into the record's
    /// entry and writes or deletes the record when the winner changed; then stores `last_seq` as the checkpoint
    /// (`at_end`: this page reached the end of the feed, so the pull time is noted too). All in one transaction.
    /// Rows whose plan became [`PullPlan::Fetch`] since they were planned are left alone and listed in
    /// [`PullSummary::refetch`], and the checkpoint is then not advanced.
    pub async fn sync_apply_pull(
        &self,
        db: &str,
        rows: &[PulledRow],
        last_seq: &str,
        at_end: bool,
    ) -> Result<PullSummary, StoreError> {
        let mut checkpoint = self.sync_checkpoint(db).await?;
        let tx = Tx::write(self.db(), &[RECORDS, SYNC, CHECKPOINTS])?;
        let mut summary = PullSummary::default();
        let invalid = |id: &str, e: String| StoreError::Invalid(format!("ข้อมูลจากเซิร์ฟเวอร์ (ระเบียน {id}): {e}"));
        // Every entry of the page, and the records a merge needs, read at once; then the page is worked out here and
        // written back at once. The maps stand for the store meanwhile (a row sees what an earlier row of the page
        // did to the same id, as when each was written in turn).
        let ids: Vec<&str> = rows.iter().map(|r| r.row.id.as_str()).collect();
        let mut entries = present(ids.iter().copied(), get_entries(&tx, &ids).await?);
        let merging: Vec<&str> = rows.iter().filter(|r| r.fetched.is_some()).map(|r| r.row.id.as_str()).collect();
        let mut current = present(merging.iter().copied(), get_records(&tx, &merging).await?);
        // What to write, by id (the last word for each id wins, as it would have in turn).
        let mut written: HashMap<String, Value> = HashMap::new();
        let mut deleted: Vec<&str> = Vec::new();
        let mut changed_entries: HashMap<String, SyncEntry> = HashMap::new();
        for PulledRow { row, fetched } in rows {
            let id = row.id.as_str();
            let entry = entries.get(id).cloned();
            let (next, outcome) = match (SyncEntry::plan_pull(entry.as_ref(), &row.leaves), fetched) {
                (PullPlan::Known, _) => {
                    let Some(mut e) = entry.clone() else { continue };
                    e.pull_known(&row.leaves);
                    (e, Outcome::Keep)
                }
                (PullPlan::FastForward, _) => {
                    SyncEntry::pull_fast_forward(entry.as_ref(), &row.winner).map_err(|e| invalid(id, e))?
                }
                (PullPlan::Fetch(_), Some(fetched)) => {
                    let stored = current.get(id).cloned();
                    SyncEntry::pull_merge(entry.as_ref(), stored.as_ref(), fetched, &row.leaves)
                        .map_err(|e| invalid(id, e))?
                }
                (PullPlan::Fetch(_), None) => {
                    summary.refetch.push(id.to_string());
                    continue;
                }
            };
            match outcome {
                Outcome::Keep => {}
                Outcome::Write(body) => {
                    current.insert(id.to_string(), body.clone());
                    deleted.retain(|d| *d != id);
                    written.insert(id.to_string(), body);
                    summary.changed += 1;
                }
                Outcome::Delete => {
                    current.remove(id);
                    written.remove(id);
                    deleted.push(id);
                    summary.changed += 1;
                }
            }
            if !next.conflicts.is_empty() {
                summary.conflicts += 1;
            }
            entries.insert(id.to_string(), next.clone());
            changed_entries.insert(id.to_string(), next);
        }
        let bodies: Vec<Value> = written.into_values().collect();
        if !bodies.is_empty() {
            tx.put_many(RECORDS, bodies.iter().map(to_js).collect::<Result<Vec<_>, _>>()?).await?;
        }
        for id in deleted {
            tx.delete(RECORDS, id).await?;
        }
        tx.put_typed_many(SYNC, &changed_entries.into_values().collect::<Vec<_>>()).await?;
        if summary.refetch.is_empty() {
            checkpoint.since = last_seq.to_string();
            if at_end {
                checkpoint.pulled = Some(now_iso());
            }
            tx.put_typed(CHECKPOINTS, &checkpoint).await?;
        }
        tx.commit().await?;
        Ok(summary)
    }

    /// Resolves the conflict of record `id`: `merged` (one branch's value, or a field-by-field merge) is written as a
    /// new revision on the branch `chosen`; the other live branches get deleting revisions. Record and entry change
    /// together.
    pub async fn sync_resolve(&self, id: &str, chosen: &Rev, merged: &Value) -> Result<(), StoreError> {
        if merged.get("id").and_then(Value::as_str) != Some(id) {
            return Err(StoreError::Invalid(format!("ค่าที่เลือกไม่ใช่ระเบียน {id}")));
        }
        let tx = Tx::write(self.db(), &[RECORDS, SYNC])?;
        let entry = get_entry(&tx, id).await?.ok_or_else(|| StoreError::Invalid(format!("ระเบียน {id} ไม่มีประวัติการซิงค์")))?;
        let next = entry.resolve(chosen, merged).map_err(StoreError::Invalid)?;
        tx.put_json(RECORDS, merged).await?;
        tx.put_typed(SYNC, &next).await?;
        tx.commit().await
    }
}

/// The server database of organisation `org` (a [`StoreError::Invalid`] naming the code when it cannot be one).
pub fn sync_db(org: &str) -> Result<String, StoreError> {
    db_name(org).map_err(StoreError::Invalid)
}
