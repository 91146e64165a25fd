//! Plain JS objects for the messages between a page and its workers (`ui::xlsx`, `ui::item_analysis::worker`).

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// An object of `pairs`.
pub(crate) fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Field `k` of `o` (`undefined` when absent).
pub(crate) fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}
