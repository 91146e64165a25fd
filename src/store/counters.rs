//! Running numbers in the `counters` object store (schema v2): one object `{name, value}` per counter. A number is
//! read and incremented in one readwrite transaction, so two tabs issuing at once never get the same number.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use wasm_bindgen::JsValue;

use super::error::StoreError;
use super::schema::COUNTERS;
use super::Store;

impl Store {
    /// The last number issued on counter `name` (0 when none yet), without issuing one.
    pub async fn last_number(&self, name: &str) -> Result<u32, StoreError> {
        let tx = self.db().transaction(COUNTERS).build().map_err(StoreError::read)?;
        let value = {
            let store = tx.object_store(COUNTERS).map_err(StoreError::read)?;
            let found = store
                .get::<JsValue, &str, &str>(name)
                .primitive()
                .map_err(StoreError::read)?
                .await
                .map_err(StoreError::read)?;
            counter_value(found.as_ref())
        };
        tx.commit().await.map_err(StoreError::read)?;
        Ok(value)
    }

    /// Issues the next number on counter `name` (1 for a new counter) and returns it; the increment is written
    /// before this returns.
    pub async fn next_number(&self, name: &str) -> Result<u32, StoreError> {
        let tx = self.db().transaction(COUNTERS).with_mode(TransactionMode::Readwrite).build().map_err(StoreError::write)?;
        let next = {
            let store = tx.object_store(COUNTERS).map_err(StoreError::write)?;
            let found = store
                .get::<JsValue, &str, &str>(name)
                .primitive()
                .map_err(StoreError::write)?
                .await
                .map_err(StoreError::write)?;
            let next = counter_value(found.as_ref()) + 1;
            let obj = js_sys::Object::new();
            js_sys::Reflect::set(&obj, &"name".into(), &name.into()).map_err(|_| StoreError::Invalid("counter".into()))?;
            js_sys::Reflect::set(&obj, &"value".into(), &JsValue::from(next)).map_err(|_| StoreError::Invalid("counter".into()))?;
            store.put(JsValue::from(obj)).primitive().map_err(StoreError::write)?.await.map_err(StoreError::write)?;
            next
        };
        tx.commit().await.map_err(StoreError::write)?;
        Ok(next)
    }
}

fn counter_value(found: Option<&JsValue>) -> u32 {
    found
        .and_then(|v| js_sys::Reflect::get(v, &"value".into()).ok())
        .and_then(|v| v.as_f64())
        .map_or(0, |v| v as u32)
}
