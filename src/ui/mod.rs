//! The Leptos user interface: an app shell with hash routing, and one module per job.
//!
//! State lives in one context struct, [`state::AppState`] (database status, the open store, the save indicator);
//! pages read rules from `mattrathan::domain` and persist through `mattrathan::store` only.

mod autosave;
mod chart;
mod files;
mod health;
mod home;
mod judge;
mod offline;
mod item_analysis;
mod qa;
mod registration;
mod route;
mod s26;
mod state;
mod sync;
mod widgets;

use leptos::prelude::*;
use route::Route;
use wasm_bindgen::JsCast;
use state::{AppState, DbStatus, SaveState};

/// The root component: opens the database, provides [`AppState`], renders the page for the current `#/…` route.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    state.open_database();
    let sync_ui = sync::SyncUi::provide(state);
    offline::register(state.update_ready);
    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }>"ข้ามไปยังเนื้อหา"</a>
        <header class="topbar">
            <a href="#/">"มาตรฐาน"</a>
            <nav class="crumbs" aria-label="ตำแหน่ง">{move || route::crumbs(&state.route.get())}</nav>
            {move || (!state.online.get()).then(|| view! {
                <span class="offline-badge" data-testid="offline">"ออฟไลน์ — ทำงานต่อได้ ข้อมูลบันทึกในเครื่อง"</span>
            })}
            <a class="sync-badge" href="#/sync" data-testid="sync-badge">{move || sync::badge_text(&sync_ui.status.get())}</a>
            <span class="save-state" role="status" aria-live="polite" data-testid="save-state">
                {move || match state.save.get() {
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
        <main id="main" tabindex="-1">
            {move || match state.db.get() {
                DbStatus::Opening => view! { <p class="muted">"กำลังเปิดฐานข้อมูล…"</p> }.into_any(),
                DbStatus::Failed(e) => view! {
                    <div class="msg error" role="alert">
                        <strong>"ใช้ที่เก็บข้อมูลในเบราว์เซอร์ไม่ได้ — ข้อมูลจะไม่ถูกบันทึก"</strong>
                        <p>{e}</p>
                        <p>"หากเปิดในหน้าต่างส่วนตัว (private/incognito) โปรดเปิดในหน้าต่างปกติ"</p>
                    </div>
                }.into_any(),
                DbStatus::Ready => page(state.route.get()),
            }}
        </main>
    }
}

fn page(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <home::Home/> }.into_any(),
        Route::QaColleges => view! { <qa::colleges::Colleges/> }.into_any(),
        Route::QaCollege(code) => view! { <qa::college::CollegePage code/> }.into_any(),
        Route::QaEditor(code, year) => view! { <qa::editor::Editor code year/> }.into_any(),
        Route::QaReport(code, year) => view! { <qa::report::Report code year/> }.into_any(),
        Route::QaCompare(code) => view! { <qa::compare::Compare code/> }.into_any(),
        Route::S26 => view! { <s26::standards::Standards/> }.into_any(),
        Route::S26Standard(id) => view! { <s26::editor::StandardEditor id/> }.into_any(),
        Route::S26Paper(id) => view! { <s26::paper::Paper id/> }.into_any(),
        Route::S26Session(id) => view! { <s26::session::Session id/> }.into_any(),
        Route::S26Summary(id) => view! { <s26::sheets::Summary id/> }.into_any(),
        Route::Ia => view! { <item_analysis::datasets::Datasets/> }.into_any(),
        Route::IaAnalysis(id) => view! { <item_analysis::analysis::AnalysisPage id/> }.into_any(),
        Route::IaReport(id) => view! { <item_analysis::report::ReportPage id/> }.into_any(),
        Route::IaSession(id, method) => view! { <item_analysis::session::SessionAnalysis id method/> }.into_any(),
        Route::IaSessionReport(id, method) => view! { <item_analysis::session::SessionReport id method/> }.into_any(),
        Route::Sync => view! { <sync::settings::SyncSettings/> }.into_any(),
        Route::SyncConflicts => view! { <sync::conflicts::SyncConflicts/> }.into_any(),
        Route::RegHome => view! { <registration::home::RegHome/> }.into_any(),
        Route::RegCollege(code) => view! { <registration::college::RegCollegePage code/> }.into_any(),
        Route::RegEditor(code, year) => view! { <registration::editor::RegEditor code year/> }.into_any(),
        Route::RegReport(code, year) => view! { <registration::report::RegReport code year/> }.into_any(),
        Route::RegProvince(province, year) => view! { <registration::province::RegProvince province year/> }.into_any(),
        Route::RegProvinceReport(province, year) => {
            view! { <registration::province_report::RegProvinceReport province year/> }.into_any()
        }
        Route::RegProvinceCollege(province, year, code) => {
            view! { <registration::province_report::RegProvinceCollege province year code/> }.into_any()
        }
        Route::Judge => view! { <judge::home::JudgeHome/> }.into_any(),
        Route::JudgeMark(id) => view! { <judge::marking::JudgeMarking id/> }.into_any(),
        Route::JudgeChief(id) => view! { <judge::chief::Chief id/> }.into_any(),
        Route::NotFound => view! {
            <h1>"ไม่พบหน้านี้"</h1>
            <p><a href="#/">"กลับหน้าแรก"</a></p>
        }.into_any(),
    }
}
