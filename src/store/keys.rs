//! One record per natural key, and no lost updates, on the store's side:
//!
//! - [`Store::merge_natural_duplicates`] (run by `open_named` after every open): records of one natural key stored
//!   under several ids (written before ids were derived from keys, or pushed later by a device running an old
//!   release) are merged under the derived id ([`crate::domain::keys::plan_dedup`]) in one transaction: the merged
//!   record is written with its next revision, versions that conflict with it are kept as sync conflict branches of
//!   the new id (the conflicts page shows them), and every old id is deleted with a deleting revision, so a push
//!   removes it from the server and the other devices.
//! - [`Store::put_if_unchanged`]: an editor's compare-and-put. Reads the stored copy, compares it with the copy the
//!   editor loaded, and writes the edit — or, when another tab or a pull changed the record meanwhile, the three-way
//!   merge ([`crate::domain::merge::three_way`]) — in one transaction.

use indexed_db_futures::KeyRange;
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::idb::{to_json_value, to_value, Tx};
use super::error::StoreError;
use super::schema::{INDEX_KIND, RECORDS, SYNC};
use super::Store;
use crate::domain::keys::{plan_dedup, KEYED_KINDS};
use crate::domain::merge::{three_way, with_kept_copies, Conflict};
use crate::domain::record::Record;
use crate::domain::sync::SyncEntry;

/// What [`Store::put_if_unchanged`] wrote.
#[derive(Clone, Debug, PartialEq)]
pub enum PutOutcome {
    /// The stored copy was still the one loaded (or there was none): the edit was written as it is.
    Written,
    /// The stored copy had changed: the three-way merge was written. `record` is what is stored now (the page
    /// shows it); `conflicts` lists fields both sides changed — the edit's value was kept and the other copy is
    /// kept as a sync conflict branch of the record.
    Merged { record: Value, conflicts: Vec<Conflict> },
}

/// Writes `record` in `tx` with its sync bookkeeping: its next revision, or — with `kept` copies — a revision that
/// wins over the kept copies, which stay as live conflict branches.
async fn write_with_kept(tx: &Tx<'_>, record: &Value, kept: &[Value]) -> Result<(), StoreError> {
    tx.put_json(RECORDS, record).await?;
    if kept.is_empty() {
        return super::sync::note_write(tx, record).await;
    }
    let id = record.get("id").and_then(Value::as_str).unwrap_or_default();
    let prev = match tx.get_json(SYNC, id).await? {
        Some(v) => serde_json::from_value::<SyncEntry>(v).ok(),
        None => None,
    };
    match with_kept_copies(prev.as_ref(), record, kept) {
        Ok(entry) => tx.put_typed(SYNC, &entry).await,
        // A record that cannot sync (its org names no server database) still saves.
        Err(_) => super::sync::note_write(tx, record).await,
    }
}

impl Store {
    /// Merges records of one natural key stored under several ids (see the module docs). Returns how many natural
    /// keys were rewritten. Idempotent: a database already in order is only read.
    pub async fn merge_natural_duplicates(&self) -> Result<usize, StoreError> {
        let tx = Tx::write(self.db(), &[RECORDS, SYNC])?;
        let mut records = Vec::new();
        for kind in KEYED_KINDS {
            let values = tx.index_all(RECORDS, INDEX_KIND, KeyRange::Only(JsValue::from_str(kind))).await?;
            // A record that does not read as JSON is left as it is (the pages name it).
            records.extend(values.iter().filter_map(|js| to_json_value(js).ok()));
        }
        let plan = plan_dedup(&records);
        for regroup in &plan {
            for old in &regroup.old_ids {
                tx.delete(RECORDS, old).await?;
                super::sync::note_delete(&tx, old).await?;
            }
            write_with_kept(&tx, &regroup.record, &regroup.kept).await?;
        }
        tx.commit().await?;
        Ok(plan.len())
    }

    /// Compare-and-put for editors: writes `mine` if the stored copy is still `base` (the copy the editor loaded, as
    /// JSON) or there is none; otherwise writes the three-way merge of `base`, the stored copy and `mine` (conflicting
    /// fields keep `mine`, and the stored copy is kept as a sync conflict branch). One transaction: nothing can write
    /// in between the read and the write.
    pub async fn put_if_unchanged<R: Record>(&self, base: &Value, mine: &R) -> Result<PutOutcome, StoreError> {
        if !crate::domain::record::KNOWN_KINDS.contains(&R::KIND) || mine.meta().kind != R::KIND {
            return Err(StoreError::Invalid(format!("ชนิด \"{}\" ไม่ตรงกับระเบียน", R::KIND)));
        }
        let mine_json = to_value(mine)?;
        let id = mine.meta().id.clone();
        let tx = Tx::write(self.db(), &[RECORDS, SYNC])?;
        let current = tx.get_json(RECORDS, &id).await?;
        let outcome = match current {
            Some(theirs) if &theirs != base && theirs != mine_json => {
                let merged = three_way(base, &theirs, &mine_json);
                // The merge must still be a record of this kind; if not, the edit is stored and theirs kept aside.
                let (record, conflicts) = match serde_json::from_value::<R>(merged.value.clone()) {
                    Ok(r) => (to_value(&r)?, merged.conflicts),
                    Err(_) => (mine_json.clone(), vec![Conflict { path: String::new(), kept: Some(mine_json.clone()), other: Some(theirs.clone()) }]),
                };
                let kept = if conflicts.is_empty() { Vec::new() } else { vec![theirs] };
                write_with_kept(&tx, &record, &kept).await?;
                PutOutcome::Merged { record, conflicts }
            }
            _ => {
                tx.put_json(RECORDS, &mine_json).await?;
                super::sync::note_write(&tx, &mine_json).await?;
                PutOutcome::Written
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }
}
