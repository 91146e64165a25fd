//! Persistence in the browser (wasm32 only): the only module in the app that touches IndexedDB.
//!
//! - [`Store`] (in `database.rs`): open the database (running schema upgrades), put / get / list / delete typed
//!   [`Record`](crate::domain::record::Record)s, export one organisation as a backup file and import a backup file
//!   all-or-nothing.
//! - `counters.rs`: [`Store::next_number`], running numbers (e.g. application numbers per office and fiscal year)
//!   in the `counters` object store, read and incremented in one transaction.
//! - `strict.rs`: [`Store::put_all_strict`], `put_all` with `durability: "strict"` (judge taps).
//! - `reopen.rs`: [`Store::retry_reopening`] — when the browser closed the connection (memory pressure, another tab's
//!   upgrade), open a new one and retry, or report that it is impossible.
//! - [`schema`]: database, store and index names, and the list of schema versions with their upgrade steps.
//! - [`scope`]: the database name carries the deployment's folder (`mattrathan:/prod/`), so two deployments on one
//!   origin never share a database; the first to open takes over the old unscoped `mattrathan` database.
//! - [`StoreError`] (in `error.rs`): failures, with Thai messages for the user.
//! - `idb.rs`: the plumbing the others share — stored objects to and from JSON, and `Tx`, one transaction whose
//!   requests map their failures to [`StoreError`] by its mode.
//! - [`sync`]: each record's sync entry (revisions), written with the record; pull checkpoints; applying pulled
//!   changes and conflict decisions.
//! - [`health`]: `navigator.storage` — ask for persistent storage, check it, estimate usage and quota.
//! - `keys.rs`: one record per natural key ([`Store::merge_natural_duplicates`], run on every open, merges records
//!   of one key stored under several ids) and editors' compare-and-put ([`Store::put_if_unchanged`]: no lost updates).
//! - [`new_meta`], [`new_id`], [`now_iso`]: the browser-made parts of a new record's
//!   [`Meta`] (UUID and time), so the domain stays pure; [`keyed_meta`] for a record with a natural key (its id is
//!   derived from the key, see [`crate::domain::keys`]).
//!
//! The backup file format and its checks live in [`crate::domain::backup`] (pure, natively tested); this module only
//! reads and writes IndexedDB around them.

mod counters;
mod database;
mod error;
pub mod health;
mod idb;
mod keys;
mod reopen;
pub mod schema;
pub mod scope;
mod strict;
pub mod sync;

pub use database::{delete_database, ImportSummary, Store};
pub use error::StoreError;
pub use keys::PutOutcome;
pub use schema::{DB_NAME, DB_VERSION};

use wasm_bindgen::{JsCast, JsValue};

use crate::domain::record::{Meta, Record};

/// A fresh [`Meta`] for a new record of type `R` (its kind is `R::KIND`, so it cannot be mistyped) owned by `org`:
/// new UUID, `created` = `updated` = now, current schema.
pub fn new_meta<R: Record>(org: &str) -> Meta {
    Meta::new(new_id(), R::KIND, org, &now_iso())
}

/// A fresh [`Meta`] for a new record whose id is derived from its natural key (`id` from
/// [`crate::domain::keys`], e.g. `keys::assessment_id(code, year)`): two devices creating the same record write one id.
pub fn keyed_meta<R: Record>(id: String, org: &str) -> Meta {
    Meta::new(id, R::KIND, org, &now_iso())
}

/// The current time as ISO 8601 UTC with milliseconds, e.g. `"2026-11-21T10:00:00.000Z"`.
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// A new random UUID v4, lower-case and hyphenated. Uses `crypto.randomUUID()`; where that is missing (it needs a
/// secure context, so not on plain `http://` from another machine) builds one from `crypto.getRandomValues()`.
pub fn new_id() -> String {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null())
        .expect("this browser has no crypto API")
        .unchecked_into::<web_sys::Crypto>();
    let has_random_uuid = js_sys::Reflect::get(&crypto, &JsValue::from_str("randomUUID"))
        .map(|f| f.is_function())
        .unwrap_or(false);
    if has_random_uuid {
        return crypto.random_uuid();
    }
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).expect("crypto.getRandomValues");
    uuid_v4_from_bytes(bytes)
}

/// Formats 16 random bytes as a UUID v4 (sets the version and variant bits).
fn uuid_v4_from_bytes(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}
