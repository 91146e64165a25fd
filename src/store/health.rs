//! Storage health: whether the browser may evict the app's data, and how much room is left
//! (`navigator.storage`). Every function returns `None` when the browser lacks the API (older browsers, or pages
//! served over plain `http://` from another machine, where `navigator.storage` does not exist).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `navigator.storage`, when it exists.
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = get(&js_sys::global(), "navigator")?;
    Some(get(&navigator, "storage")?.unchecked_into())
}

/// `object[name]`, unless missing, `undefined` or `null`.
fn get(object: &JsValue, name: &str) -> Option<JsValue> {
    let value = js_sys::Reflect::get(object, &JsValue::from_str(name)).ok()?;
    (!value.is_undefined() && !value.is_null()).then_some(value)
}

/// `true` when `object[name]` is a function.
fn has_method(object: &JsValue, name: &str) -> bool {
    get(object, name).is_some_and(|f| f.is_function())
}

/// Awaits `promise` (if it could be made), giving its value or `None` when it rejects.
async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Asks the browser to keep the app's data even under storage pressure (`navigator.storage.persist()`).
/// `Some(true)` when granted (Chrome decides by engagement, Firefox asks the user), `Some(false)` when refused.
pub async fn persist() -> Option<bool> {
    let storage = storage_manager()?;
    if !has_method(&storage, "persist") {
        return None;
    }
    settle(storage.persist()).await?.as_bool()
}

/// Whether the app's data is already protected from eviction (`navigator.storage.persisted()`).
pub async fn persisted() -> Option<bool> {
    let storage = storage_manager()?;
    if !has_method(&storage, "persisted") {
        return None;
    }
    settle(storage.persisted()).await?.as_bool()
}

/// `(usage, quota)` in bytes for this site (`navigator.storage.estimate()`); both are estimates.
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = storage_manager()?;
    if !has_method(&storage, "estimate") {
        return None;
    }
    let estimate: web_sys::StorageEstimate = settle(storage.estimate()).await?.unchecked_into();
    let quota = estimate.get_quota()?;
    Some((estimate.get_usage().unwrap_or(0.0), quota))
}
