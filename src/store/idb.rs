//! The IndexedDB plumbing every store module shares, and nothing else:
//!
//! - stored values as JSON: [`to_js`] (a value as the plain JS object IndexedDB stores, through its JSON),
//!   [`from_js`] / [`to_json_value`] (a stored object back, a [`StoreError::Damaged`] naming its id when it does not
//!   read), [`field`] (one string field of a stored object);
//! - [`Tx`]: one transaction with typed requests (`get`, `put`, `delete`, `index_all`, `all`, `commit`) whose
//!   failures map to [`StoreError`] by the transaction's mode — read-only failures through [`StoreError::read`],
//!   read-write ones through [`StoreError::write`] (a failed read-write transaction rolls back, so nothing changed).
//!   Dropping a `Tx` without [`Tx::commit`] aborts it.
//!
//! `database.rs`, `sync.rs`, `counters.rs`, `strict.rs` and `keys.rs` all go through here; none of them borrows from
//! another for these.

use indexed_db_futures::database::Database;
use indexed_db_futures::error::Error as IdbError;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionDurability, TransactionMode, TransactionOptions};
use indexed_db_futures::KeyRange;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::error::{js_text, StoreError};

/// A string field of a stored JS object.
pub(super) fn field(js: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(js, &JsValue::from_str(name)).ok()?.as_string()
}

/// A JSON value as a plain JS object, through its text.
pub(super) fn to_js(value: &Value) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Invalid(e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|e| StoreError::Invalid(js_text(&e)))
}

/// A value as JSON (a record about to be written, whose sync hook reads its JSON).
pub(super) fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value, StoreError> {
    serde_json::to_value(value).map_err(|e| StoreError::Invalid(e.to_string()))
}

/// A stored JS object as a `T` (a record, a sync entry, a checkpoint); when it does not read, a
/// [`StoreError::Damaged`] naming its `id` with `what` before the reason (e.g. `"sync: "`).
///
/// It reads through a [`Value`], as every other path does (a pull, a merge, an editor's write): so each type's
/// `Deserialize` is compiled for one deserializer only, not also for JSON text — a few kilobytes of every page.
pub(super) fn from_js<T: DeserializeOwned>(js: &JsValue, what: &str) -> Result<T, StoreError> {
    let damaged = |detail: String| StoreError::Damaged { id: field(js, "id").unwrap_or_default(), detail };
    let value = json_of(js).map_err(|detail| damaged(format!("{what}{detail}")))?;
    serde_json::from_value(value).map_err(|e| damaged(format!("{what}{e}")))
}

/// A stored JS object as a JSON value.
pub(super) fn to_json_value(js: &JsValue) -> Result<Value, StoreError> {
    json_of(js).map_err(|detail| StoreError::Damaged { id: field(js, "id").unwrap_or_default(), detail })
}

/// A JS object's JSON (through `JSON.stringify`), or why it has none.
fn json_of(js: &JsValue) -> Result<Value, String> {
    let text = js_sys::JSON::stringify(js).map_err(|e| js_text(&e))?;
    let text = text.as_string().ok_or_else(|| "JSON.stringify returned no text".to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// One IndexedDB transaction; every request's failure maps to a [`StoreError`] by the transaction's mode.
pub(super) struct Tx<'a> {
    tx: Transaction<'a>,
    fail: fn(IdbError) -> StoreError,
}

impl<'a> Tx<'a> {
    /// A read-only transaction on `stores`.
    pub(super) fn read(db: &'a Database, stores: &[&str]) -> Result<Tx<'a>, StoreError> {
        let tx = db.transaction(stores).build().map_err(StoreError::read)?;
        Ok(Tx { tx, fail: StoreError::read })
    }

    /// A read-write transaction on `stores`.
    pub(super) fn write(db: &'a Database, stores: &[&str]) -> Result<Tx<'a>, StoreError> {
        let tx = db.transaction(stores).with_mode(TransactionMode::Readwrite).build().map_err(StoreError::write)?;
        Ok(Tx { tx, fail: StoreError::write })
    }

    /// A read-write transaction on `stores` with `durability: "strict"`: its commit completes only once the data is
    /// on persistent storage.
    pub(super) fn write_strict(db: &'a Database, stores: &[&str]) -> Result<Tx<'a>, StoreError> {
        let strict = TransactionOptions::new().with_durability(TransactionDurability::Strict);
        let tx = db
            .transaction(stores)
            .with_mode(TransactionMode::Readwrite)
            .with_options(strict)
            .build()
            .map_err(StoreError::write)?;
        Ok(Tx { tx, fail: StoreError::write })
    }

    /// The value under `key` in object store `store`, if any.
    pub(super) async fn get(&self, store: &str, key: &str) -> Result<Option<JsValue>, StoreError> {
        let os = self.tx.object_store(store).map_err(self.fail)?;
        os.get::<JsValue, &str, &str>(key).primitive().map_err(self.fail)?.await.map_err(self.fail)
    }

    /// The value under `key` in object store `store` as JSON, if any.
    pub(super) async fn get_json(&self, store: &str, key: &str) -> Result<Option<Value>, StoreError> {
        self.get(store, key).await?.map(|js| to_json_value(&js)).transpose()
    }

    /// The values under `keys` in object store `store`, in order (`None` where missing). Every request is made before
    /// the first answer is awaited, so the database serves them back to back instead of one per turn of the event loop.
    pub(super) async fn get_many(&self, store: &str, keys: &[&str]) -> Result<Vec<Option<JsValue>>, StoreError> {
        let os = self.tx.object_store(store).map_err(self.fail)?;
        let requests = keys
            .iter()
            .map(|key| os.get::<JsValue, &str, &str>(*key).primitive().map_err(self.fail))
            .collect::<Result<Vec<_>, _>>()?;
        let mut out = Vec::with_capacity(requests.len());
        for request in requests {
            out.push(request.await.map_err(self.fail)?);
        }
        Ok(out)
    }

    /// Writes every JS object of `values` into object store `store`, all requests made before any is awaited.
    pub(super) async fn put_many(&self, store: &str, values: Vec<JsValue>) -> Result<(), StoreError> {
        let os = self.tx.object_store(store).map_err(self.fail)?;
        let requests =
            values.into_iter().map(|value| os.put(value).primitive().map_err(self.fail)).collect::<Result<Vec<_>, _>>()?;
        for request in requests {
            request.await.map_err(self.fail)?;
        }
        Ok(())
    }

    /// Writes `values` (sync entries), each through its JSON, into object store `store`.
    pub(super) async fn put_typed_many<T: Serialize>(&self, store: &str, values: &[T]) -> Result<(), StoreError> {
        let js = values.iter().map(|v| to_js(&to_value(v)?)).collect::<Result<Vec<_>, _>>()?;
        self.put_many(store, js).await
    }

    /// Writes (adds or replaces) the JS object `value` into object store `store` (in-line keys).
    pub(super) async fn put(&self, store: &str, value: JsValue) -> Result<(), StoreError> {
        let os = self.tx.object_store(store).map_err(self.fail)?;
        os.put(value).primitive().map_err(self.fail)?.await.map_err(self.fail)
    }

    /// Writes the JSON `value` (a record) into object store `store`.
    pub(super) async fn put_json(&self, store: &str, value: &Value) -> Result<(), StoreError> {
        self.put(store, to_js(value)?).await
    }

    /// Writes `value` (a sync entry, a checkpoint), through its JSON, into object store `store`.
    pub(super) async fn put_typed<T: Serialize>(&self, store: &str, value: &T) -> Result<(), StoreError> {
        self.put_json(store, &to_value(value)?).await
    }

    /// Deletes `key` from object store `store` (a missing key is not an error).
    pub(super) async fn delete(&self, store: &str, key: &str) -> Result<(), StoreError> {
        let os = self.tx.object_store(store).map_err(self.fail)?;
        os.delete::<&str, &str>(key).primitive().map_err(self.fail)?.await.map_err(self.fail)
    }

    /// Every value of object store `store` whose `index` key is in `range`.
    pub(super) async fn index_all(&self, store: &str, index: &str, range: KeyRange<JsValue>) -> Result<Vec<JsValue>, StoreError> {
        let os = self.tx.object_store(store).map_err(self.fail)?;
        os.index(index)
            .map_err(self.fail)?
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(range)
            .primitive()
            .map_err(self.fail)?
            .await
            .map_err(self.fail)?
            .collect::<Result<Vec<JsValue>, _>>()
            .map_err(self.fail)
    }

    /// Every value of object store `store`.
    pub(super) async fn all(&self, store: &str) -> Result<Vec<JsValue>, StoreError> {
        let os = self.tx.object_store(store).map_err(self.fail)?;
        os.get_all::<JsValue>()
            .primitive()
            .map_err(self.fail)?
            .await
            .map_err(self.fail)?
            .collect::<Result<Vec<JsValue>, _>>()
            .map_err(self.fail)
    }

    /// Commits: only now does a read-write transaction's work become visible.
    pub(super) async fn commit(self) -> Result<(), StoreError> {
        let fail = self.fail;
        self.tx.commit().await.map_err(fail)
    }
}
