//! The Leptos user interface: an app shell with hash routing, and one module per job.
//!
//! Each job is its own bundle (see [`crate::routes::Bundle`]): a binary `src/bin/mattrathan-<page>.rs` calls [`start`]
//! with its page function from [`pages`], which matches that bundle's own routes, so the linker keeps only that job's
//! pages. Every bundle shares the shell below
//! (top bar, database, save indicator, sync badge, update banner), and the panic hook (`crash.rs`): a crash puts up a
//! blocking message and the save indicator never says "saved" again in that page.
//!
//! State lives in one context struct, [`state::AppState`] (database status, the open store, the save indicator);
//! pages read rules from `crate::domain` and persist through `crate::store` only.

mod action;
mod autosave;
mod backup;
mod chart;
mod crash;
mod data;
mod error;
mod files;
mod health;
mod home;
mod judge;
mod offline;
mod item_analysis;
mod js;
/// The item-analysis import worker's main (bin `mattrathan-ia-worker`).
pub use item_analysis::worker::serve as serve_ia_import_worker;
pub mod pages;
mod xlsx;
/// The spreadsheet worker's main (bin `mattrathan-xlsx-worker`).
pub use xlsx::serve as serve_xlsx_worker;
mod qa;
mod registration;
pub mod route;
mod s26;
mod state;
mod sync;
mod widgets;

use leptos::prelude::*;
use crate::routes::{BundleRoute, Route, SyncRoute};
use wasm_bindgen::JsCast;
use state::{AppState, DbStatus, SaveState};

/// Runs one bundle: mounts the shell with `pages`, the view for each route of the bundle `R::BUNDLE`; other
/// routes load their own page.
pub fn start<R: BundleRoute + 'static>(pages: fn(R) -> AnyView, setup: pages::Setup) {
    crash::install();
    // The html page's own first paint (its top bar and title, drawn before this wasm loaded) gives way to the app.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(move || view! { <App pages setup=setup.0/> });
}

/// The root component: opens the database, provides [`AppState`], renders the page for the current `#/…` route.
#[component]
fn App<R: BundleRoute + 'static>(pages: fn(R) -> AnyView, setup: fn(AppState)) -> impl IntoView {
    let state = AppState::provide(R::BUNDLE);
    // A route of another bundle (an old single-page address, a typed hash): load that bundle's page instead.
    let elsewhere = move || {
        let bundle = Route::bundle_of(state.route.read().as_ref());
        (bundle != state.bundle).then_some(bundle)
    };
    Effect::new(move |_| {
        if let Some(bundle) = elsewhere() {
            // The hash as typed (an unknown address keeps it, for the home page's "not found").
            let location = window().location();
            let hash = location.hash().unwrap_or_default();
            let _ = location.replace(&format!("{}{hash}", bundle.file()));
        }
    });
    Effect::new(move |_| document().set_title(&route::title(state.route.read().as_ref())));
    state.open_database();
    setup(state);
    // Bundles without sync show a plain link to its page.
    let sync_ui = use_context::<sync::SyncUi>();
    offline::register(state.update_ready);
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }>"ข้ามไปยังเนื้อหา"</a>
        <header class="topbar">
            <a href=Route::Home.href()>"มาตรฐาน"</a>
            <nav class="crumbs" aria-label="ตำแหน่ง">{move || route::crumbs(state.route.read().as_ref())}</nav>
            {move || (!state.online.get()).then(|| view! {
                <span class="offline-badge" data-testid="offline">"ออฟไลน์ — ทำงานต่อได้ ข้อมูลบันทึกในเครื่อง"</span>
            })}
            <a class="sync-badge" href=SyncRoute::Settings.href() data-testid="sync-badge">
                {move || sync_ui.map_or("ซิงค์", |ui| sync::badge_text(&ui.status.get()))}
            </a>
            <span class="save-state" role="status" aria-live="polite" data-testid="save-state">
                {move || match state.save.get() {
                    // After a crash nothing is trusted to be saved (see `crash.rs`).
                    _ if crash::crashed() => crash::NOT_SAVED.to_string(),
                    SaveState::Idle => String::new(),
                    SaveState::Saving => "กำลังบันทึก…".to_string(),
                    SaveState::Saved => "บันทึกแล้ว ✓".to_string(),
                    SaveState::Failed(e) => format!("บันทึกไม่สำเร็จ: {e}"),
                }}
            </span>
        </header>
        {move || state.update_ready.get().then(|| view! {
            <div class="update-banner" role="status" data-testid="update-ready">
                "มีแอปรุ่นใหม่พร้อมใช้ — ข้อมูลในเครื่องยังอยู่ครบ "
                <button on:click=|_| offline::apply_update()>"ใช้รุ่นใหม่"</button>
            </div>
        })}
        {move || {
            let found = state.unreadable.get();
            (!found.is_empty()).then(|| view! {
                <div class="msg error" role="alert" data-testid="unreadable">
                    <strong>{format!("ระเบียนในเครื่อง {} รายการอ่านไม่ได้ จึงไม่แสดงในหน้านี้", found.len())}</strong>
                    " — ข้อมูลอื่นแสดงและใช้งานได้ตามปกติ; แจ้งผู้ดูแลพร้อมรหัสด้านล่าง"
                    <ul>{found.into_iter().map(|(id, why)| view! { <li><code>{id}</code>": "{why}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        <main id="main" tabindex="-1">
            {move || match (R::pick(state.route.get()), state.db.get()) {
                (None, _) => view! { <p class="muted">"กำลังเปิดหน้า…"</p> }.into_any(),
                (Some(_), DbStatus::Opening) => view! { <p class="muted">"กำลังเปิดฐานข้อมูล…"</p> }.into_any(),
                (Some(_), DbStatus::Failed(e)) => view! {
                    <div class="msg error" role="alert">
                        <strong>"ใช้ที่เก็บข้อมูลในเบราว์เซอร์ไม่ได้ — ข้อมูลจะไม่ถูกบันทึก"</strong>
                        <p>{e}</p>
                        <p>"หากเปิดในหน้าต่างส่วนตัว (private/incognito) โปรดเปิดในหน้าต่างปกติ"</p>
                    </div>
                }.into_any(),
                (Some(route), DbStatus::Ready) => pages(route),
            }}
        </main>
    }
}

/// The page for an address that is not one of the app's.
pub fn not_found() -> AnyView {
    view! {
        <h1>"ไม่พบหน้านี้"</h1>
        <p><a href=Route::Home.href()>"กลับหน้าแรก"</a></p>
    }
    .into_any()
}
