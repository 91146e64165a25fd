//! Writes that must survive a power cut the moment they are confirmed: judge taps. [`Store::put_all_strict`] is
//! [`Store::put_all`] in a transaction with `durability: "strict"`, so IndexedDB reports it committed only once the
//! records are on persistent storage (browsers default to a relaxed flush).

use super::{Store, StoreError};
use crate::domain::record::Record;

impl Store {
    /// Writes every record of `records` in one read-write transaction with `durability: "strict"`, each with its next
    /// sync revision (as [`Store::put_all`]): all land or none do, and only once they are on disk.
    pub async fn put_all_strict<R: Record>(&self, records: &[R]) -> Result<(), StoreError> {
        self.put_records(records, super::idb::Tx::write_strict).await
    }
}
