//! Writes that must survive a power cut the moment they are confirmed: judge taps. [`Store::put_all_strict`] is
//! [`Store::put_all`] in a transaction with `durability: "strict"`, so IndexedDB reports it committed only once the
//! records are on persistent storage (browsers default to a relaxed flush).

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionMode, TransactionOptions};

use super::database::to_js;
use super::schema::{RECORDS, SYNC};
use super::{Store, StoreError};
use crate::domain::record::{Record, KNOWN_KINDS};

impl Store {
    /// Writes every record of `records` in one read-write transaction with `durability: "strict"`, each with its next
    /// sync revision (as [`Store::put_all`]): all land or none do, and only once they are on disk.
    pub async fn put_all_strict<R: Record>(&self, records: &[R]) -> Result<(), StoreError> {
        if !KNOWN_KINDS.contains(&R::KIND) {
            return Err(StoreError::Invalid(format!("ชนิด \"{}\" ไม่อยู่ในรายการ KNOWN_KINDS", R::KIND)));
        }
        if let Some(bad) = records.iter().find(|r| r.meta().kind != R::KIND) {
            return Err(StoreError::Invalid(format!("ช่อง kind เป็น \"{}\" แต่ชนิดของระเบียนคือ \"{}\"", bad.meta().kind, R::KIND)));
        }
        let mut values = Vec::with_capacity(records.len());
        for record in records {
            let json = serde_json::to_value(record).map_err(|e| StoreError::Invalid(e.to_string()))?;
            values.push((to_js(&json)?, json));
        }
        let strict = TransactionOptions::new().with_durability(TransactionDurability::Strict);
        let tx = self
            .db()
            .transaction([RECORDS, SYNC])
            .with_mode(TransactionMode::Readwrite)
            .with_options(strict)
            .build()
            .map_err(StoreError::write)?;
        {
            let store = tx.object_store(RECORDS).map_err(StoreError::write)?;
            for (value, json) in values {
                store.put(value).primitive().map_err(StoreError::write)?.await.map_err(StoreError::write)?;
                super::sync::note_write(&tx, &json).await?;
            }
        }
        tx.commit().await.map_err(StoreError::write)
    }
}
