//! Offline support on the page side: registers the service worker (`sw.js`, written at build time by
//! `.ci/precache.mjs`), tells the user when a new release is ready and switches to it on request, and tracks whether
//! the browser is online. Data lives in IndexedDB and is untouched by an update.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    // Absent in insecure contexts (plain http from another host) and some private modes: the app still works online.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the worker; sets `update_ready` when a newer release has been downloaded and waits to take over.
pub fn register(update_ready: RwSignal<bool>) {
    let Some(container) = container() else { return };
    // Browser plumbing, not page data or a user action: the service worker's registration and its update events.
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.register("sw.js")).await else { return };
        // Not a registration when service workers are blocked by policy (the promise resolves to nothing).
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else { return };
        let controlled = move || container.controller().is_some();
        if reg.waiting().is_some() && controlled() {
            update_ready.set(true);
        }
        let reg_for_update = reg.clone();
        let on_update = Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = reg_for_update.installing() else { return };
            let watched = worker.clone();
            let controlled = controlled.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                if watched.state() == ServiceWorkerState::Installed && controlled() {
                    update_ready.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
    });
}

/// Lets the waiting release take over and reloads the page once it has. (Only here: the first visit's worker also
/// takes control, and that must not reload the page.)
pub fn apply_update() {
    let Some(container) = container() else { return };
    let reload = Closure::<dyn FnMut()>::new(|| {
        let _ = window().location().reload();
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    // Browser plumbing: asks the waiting worker to take over.
    spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.get_registration()).await else { return };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else { return };
        if let Some(waiting) = reg.waiting() {
            let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
        }
    });
}

/// `navigator.onLine`, kept current by the `online`/`offline` events.
pub fn online_signal() -> RwSignal<bool> {
    let online = RwSignal::new(window().navigator().on_line());
    let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
    let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    on_cleanup(move || {
        on.remove();
        off.remove();
    });
    online
}
