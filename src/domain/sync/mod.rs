//! Sync through the CouchDB replication protocol — the pure half. Any record (of any job) whose `meta.org` is an
//! organisation syncs to that organisation's server database `mt_<org code, lower case>`
//! ([`protocol::db_name`]); the records keep their shape and gain only sync bookkeeping kept beside them.
//!
//! - [`accept`]: what a pull may store — the owner, kind and shape each server database may hold, marks append-only.
//! - [`md5`]: the hash behind revision ids (RFC 1321, hand-written, with the RFC's test vectors).
//! - [`canonical`]: canonical JSON of a record (sorted keys, compact, without `_…` bookkeeping).
//! - [`rev`]: revision ids `N-<md5(parent, deleted?, canonical JSON)>`.
//! - [`tree`]: a record's revision tree; leaves, CouchDB's winner rule, conflicts, stemming.
//! - [`entry`]: one record's sync state and its rules (local write/delete, push confirmation, pull plans and merges,
//!   conflict resolution).
//! - [`protocol`]: `_revs_diff`, `_bulk_docs` (`new_edits: false`), `_changes` (`style=all_docs`), `open_revs`.
//! - [`provision`]: what `mattrathan provision` creates on the server (databases, users, `_security`, the
//!   read-only rule for provinces), as a list of requests.
//!
//! The IndexedDB side is `store` (the `sync` object store, written in the same transaction as the record); the HTTP
//! client is `mattrathan::sync` (wasm32); the screens are `ui::sync`.

pub mod accept;
pub mod canonical;
pub mod entry;
pub mod md5;
pub mod protocol;
pub mod provision;
pub mod rev;
pub mod tree;

pub use entry::{Outcome, PullPlan, SyncEntry, SyncState};
pub use rev::Rev;
