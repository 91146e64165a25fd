//! Running numbers in the `counters` object store (schema v2): one object `{name, value}` per counter. A number is
//! read and incremented in one readwrite transaction, so two tabs issuing at once never get the same number.
//! [`Store::next_number_after`] also takes a floor (the highest number already used by the records the device holds,
//! synced or restored), so a counter that is behind never reissues a number. Backups carry an organisation's
//! counters ([`Store::counters_of`]) and a restore only ever raises them (`database.rs`).

use wasm_bindgen::JsValue;

use std::collections::BTreeMap;

use super::error::StoreError;
use super::idb::{field, Tx};
use crate::domain::backup::counter_belongs;
use super::schema::COUNTERS;
use super::Store;

impl Store {
    /// The last number issued on counter `name` (0 when none yet), without issuing one.
    pub async fn last_number(&self, name: &str) -> Result<u32, StoreError> {
        let tx = Tx::read(self.db(), &[COUNTERS])?;
        let value = counter_value(tx.get(COUNTERS, name).await?.as_ref());
        tx.commit().await?;
        Ok(value)
    }

    /// Issues the next number on counter `name` (1 for a new counter) and returns it; the increment is written
    /// before this returns.
    pub async fn next_number(&self, name: &str) -> Result<u32, StoreError> {
        self.next_number_after(name, 0).await
    }

    /// Issues the number after both counter `name` and `used` (the highest number already in use, e.g. read from the
    /// stored records), returns it and writes it as the counter's value, all in one transaction.
    pub async fn next_number_after(&self, name: &str, used: u32) -> Result<u32, StoreError> {
        let tx = Tx::write(self.db(), &[COUNTERS])?;
        let next = counter_value(tx.get(COUNTERS, name).await?.as_ref()).max(used).saturating_add(1);
        tx.put(COUNTERS, counter_object(name, next)?).await?;
        tx.commit().await?;
        Ok(next)
    }

    /// Every counter that belongs to organisation `org` ([`counter_belongs`]), by name: what its backup carries.
    pub async fn counters_of(&self, org: &str) -> Result<BTreeMap<String, u32>, StoreError> {
        let tx = Tx::read(self.db(), &[COUNTERS])?;
        let all = tx.all(COUNTERS).await?;
        tx.commit().await?;
        let mut out = BTreeMap::new();
        for js in all {
            let name = field(&js, "name").unwrap_or_default();
            if counter_belongs(org, &name) {
                out.insert(name, counter_value(Some(&js)));
            }
        }
        Ok(out)
    }
}

/// A counter as stored: `{name, value}`.
pub(super) fn counter_object(name: &str, value: u32) -> Result<JsValue, StoreError> {
    let obj = js_sys::Object::new();
    js_sys::Reflect::set(&obj, &"name".into(), &name.into()).map_err(|_| StoreError::Invalid("counter".into()))?;
    js_sys::Reflect::set(&obj, &"value".into(), &JsValue::from(value)).map_err(|_| StoreError::Invalid("counter".into()))?;
    Ok(obj.into())
}

/// The value of a stored counter object (0 when there is none).
pub(super) fn counter_value(found: Option<&JsValue>) -> u32 {
    found
        .and_then(|v| js_sys::Reflect::get(v, &"value".into()).ok())
        .and_then(|v| v.as_f64())
        .map_or(0, |v| v as u32)
}
