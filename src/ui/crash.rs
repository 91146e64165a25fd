//! A crash never hides behind "saved" (issue 12 point 14). Release builds abort on panic (`panic = "abort"`): the
//! panic hook installed by [`install`] runs, then the module traps with `RuntimeError: unreachable`, and what the page
//! does afterwards is not trustworthy. The hook puts up a red message covering the page ("เกิดข้อผิดพลาด —
//! ข้อมูลหลังจากนี้ยังไม่ได้บันทึก, โปรดโหลดหน้าใหม่") and marks the page crashed, through `public/crash.js`
//! (`mattrathanCrash`), which also catches a trap that reaches JavaScript without the hook (an uncaught
//! `WebAssembly.RuntimeError` from an event handler or a promise) and keeps the save indicator saying "not saved".
//! The Rust save indicator asks [`crashed`] too, so it never shows "saved" in a crashed page.

use wasm_bindgen::{JsCast, JsValue};

/// The message shown on a crash.
pub const MESSAGE: &str = "เกิดข้อผิดพลาด — ข้อมูลหลังจากนี้ยังไม่ได้บันทึก, โปรดโหลดหน้าใหม่";
/// What the save indicator says in a crashed page.
pub const NOT_SAVED: &str = "ไม่ได้บันทึก — เกิดข้อผิดพลาด";

/// Installs the panic hook (once per page, from `ui::start`).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let text = info.to_string();
        log_error(&text);
        show(&text);
    }));
}

/// True once the page crashed (a panic, or a trap seen by `crash.js`).
pub fn crashed() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.has_attribute("data-crashed"))
}

/// Puts up the crash message: through `crash.js` when it is loaded, else a plain red box made here.
fn show(detail: &str) {
    let global = js_sys::global();
    if let Ok(f) = js_sys::Reflect::get(&global, &"mattrathanCrash".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        if f.call1(&JsValue::NULL, &JsValue::from_str(detail)).is_ok() {
            return;
        }
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-crashed", "1");
    }
    if doc.get_element_by_id("crash").is_none() {
        if let (Ok(el), Some(body)) = (doc.create_element("div"), doc.body()) {
            el.set_id("crash");
            let _ = el.set_attribute("role", "alertdialog");
            let _ = el.set_attribute(
                "style",
                "position:fixed;inset:0;z-index:2147483647;background:#b00020;color:#fff;padding:2rem;font-size:1.3rem",
            );
            el.set_text_content(Some(MESSAGE));
            let _ = body.append_child(&el);
        }
    }
    if let Ok(Some(indicator)) = doc.query_selector(".save-state") {
        indicator.set_text_content(Some(NOT_SAVED));
    }
}

fn log_error(text: &str) {
    let console = js_sys::Reflect::get(&js_sys::global(), &"console".into()).unwrap_or(JsValue::UNDEFINED);
    if let Ok(f) = js_sys::Reflect::get(&console, &"error".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = f.call1(&console, &JsValue::from_str(text));
    }
}
