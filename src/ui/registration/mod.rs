//! Tool registration (ลงทะเบียนขอรับเครื่องมือประเมินมาตรฐานวิชาชีพ): the college's pages and the provincial
//! committee's pages, over the pure rules of `crate::domain::registration`.
//!
//! - [`home`]: open a college or a province; the curriculum catalogue (status, CSV import);
//! - [`college`]: the college profile and its years; [`editor`]: one year's registration; [`report`]: printable;
//! - [`province`]: the committee's page for one year (college list, file import or pull, check view, outside
//!   institutions), its printable totals and CSV exports;
//! - [`picker`]: the specialisation picker and entries table shared by colleges and outside institutions.
//!
//! This module loads the catalogue: the copy cached in IndexedDB when it is an imported (official) list, else the
//! starter file shipped under `registration/` (fetched relative to the page, so any sub-path works), which is then
//! cached so the app keeps working offline.

pub mod college;
pub mod editor;
pub mod home;
pub mod picker;
pub mod province;
pub mod report;

use std::cell::RefCell;

use leptos::prelude::*;
use crate::domain::record::Meta;
use crate::domain::registration::records::{CachedCatalogue, DEVICE_ORG};
use crate::domain::registration::report::Grouped;
use crate::domain::registration::Catalogue;
use crate::store::{now_iso, Store};
use crate::ui::error::PageError;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the shipped starter catalogue is, relative to the page.
const STARTER_URL: &str = "registration/catalogue-starter.json";
/// The fixed id of the cached catalogue record (one per device).
pub const CACHE_ID: &str = "00000000-0000-4000-8000-00000000ca7a";

/// The catalogue in use and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedCatalogue {
    pub catalogue: Catalogue,
    /// Thai note: loaded from the app, from this device's cache (offline), or imported.
    pub source: String,
}

thread_local! {
    static LOADED: RefCell<Option<LoadedCatalogue>> = const { RefCell::new(None) };
}

async fn fetch_text(url: &str) -> Result<String, PageError> {
    let response = JsFuture::from(window().fetch_with_str(url)).await.map_err(|_| "โหลดไม่ได้ (ออฟไลน์?)")?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("โหลดไม่ได้ (HTTP {})", response.status()).into());
    }
    let text = JsFuture::from(response.text().map_err(|_| "อ่านไม่ได้")?).await.map_err(|_| "อ่านไม่ได้")?;
    Ok(text.as_string().ok_or("อ่านไม่ได้")?)
}

/// Keeps `catalogue` as this device's catalogue (IndexedDB, confirmed before returning) and for this session.
pub async fn keep_catalogue(store: &Store, catalogue: Catalogue, source: String) -> Result<(), PageError> {
    let now = now_iso();
    let meta = match store.get::<CachedCatalogue>(CACHE_ID).await? {
        Some(old) => Meta { updated: now.clone(), ..old.meta },
        None => Meta::new(CACHE_ID.into(), "reg_catalogue", DEVICE_ORG, &now),
    };
    store.put(&CachedCatalogue { meta, catalogue: catalogue.clone() }).await?;
    LOADED.with(|l| *l.borrow_mut() = Some(LoadedCatalogue { catalogue, source }));
    Ok(())
}

/// The catalogue in use (see the module docs for where it comes from).
pub async fn load_catalogue(store: &Store) -> Result<LoadedCatalogue, PageError> {
    if let Some(done) = LOADED.with(|l| l.borrow().clone()) {
        return Ok(done);
    }
    let cached = store.get::<CachedCatalogue>(CACHE_ID).await?;
    if let Some(c) = cached.as_ref().filter(|c| !c.catalogue.starter) {
        let loaded = LoadedCatalogue { catalogue: c.catalogue.clone(), source: "รายการที่นำเข้าไว้ในเครื่องนี้".into() };
        LOADED.with(|l| *l.borrow_mut() = Some(loaded.clone()));
        return Ok(loaded);
    }
    match fetch_text(STARTER_URL).await.and_then(|t| Ok(Catalogue::from_json(&t)?)) {
        Ok(fresh) => {
            if cached.as_ref().map(|c| &c.catalogue) != Some(&fresh) {
                keep_catalogue(store, fresh.clone(), String::new()).await?;
            }
            let loaded = LoadedCatalogue { catalogue: fresh, source: "โหลดจากแอป (เก็บสำเนาไว้ใช้ออฟไลน์แล้ว)".into() };
            LOADED.with(|l| *l.borrow_mut() = Some(loaded.clone()));
            Ok(loaded)
        }
        Err(e) => match cached {
            Some(c) => {
                let loaded = LoadedCatalogue { catalogue: c.catalogue, source: "สำเนาในเครื่องนี้ (ออฟไลน์)".into() };
                LOADED.with(|l| *l.borrow_mut() = Some(loaded.clone()));
                Ok(loaded)
            }
            None => Err(format!("รายการหลักสูตร{e} และยังไม่มีสำเนาในเครื่องนี้ — เชื่อมต่ออินเทอร์เน็ตแล้วเปิดหน้านี้อีกครั้ง").into()),
        },
    }
}

/// Forgets the session's catalogue, so the next load reads IndexedDB / the app's file again.
pub fn forget_catalogue() {
    LOADED.with(|l| *l.borrow_mut() = None);
}


/// The starter warning shown wherever specialisations are picked or reported.
pub fn catalogue_banner(c: &LoadedCatalogue) -> impl IntoView {
    let starter = c.catalogue.starter;
    view! {
        <p class=if starter { "msg starter" } else { "muted" } data-testid="catalogue-status">
            {if starter { "รายการหลักสูตรเริ่มต้น (ไม่ครบ) — " } else { "รายการหลักสูตร: " }}
            {c.catalogue.edition.clone()} " · " {c.source.clone()}
            {starter.then(|| view! { <br/><span>{c.catalogue.note.clone()}</span> })}
        </p>
    }
}

/// The grouped report table (group → ประเภทวิชา → สาขาวิชา → สาขางาน) with totals; `institutions` adds that column.
pub fn grouped_table(g: &Grouped, institutions: bool, testid: &'static str) -> impl IntoView {
    let cols = if institutions { 3 } else { 2 };
    let mut rows: Vec<AnyView> = Vec::new();
    for block in &g.groups {
        rows.push(view! { <tr class="group-row"><th colspan=cols + 1>{block.group.label()}</th></tr> }.into_any());
        for t in &block.types {
            rows.push(view! { <tr class="type-row"><td colspan=cols + 1>"ประเภทวิชา" {t.name.clone()}</td></tr> }.into_any());
            for m in &t.majors {
                rows.push(view! { <tr class="major-row"><td colspan=cols + 1>"สาขาวิชา" {m.name.clone()}</td></tr> }.into_any());
                for r in &m.rows {
                    let code = if r.spec.code.is_empty() { String::new() } else { format!(" ({})", r.spec.code) };
                    rows.push(view! {
                        <tr>
                            <td class="spec">"สาขางาน" {r.spec.specialisation.clone()} {code}</td>
                            {institutions.then(|| view! { <td class="n">{r.institutions}</td> })}
                            <td class="n">{r.students}</td>
                        </tr>
                    }.into_any());
                }
                rows.push(sum_row(format!("รวมสาขาวิชา{}", m.name), m.students, institutions));
            }
            rows.push(sum_row(format!("รวมประเภทวิชา{}", t.name), t.students, institutions));
        }
        rows.push(sum_row(format!("รวม {}", block.group.label()), block.students, institutions));
    }
    view! {
        <div class="table-wrap">
            <table class="grid reg-report" data-testid=testid>
                <thead><tr>
                    <th>"ประเภทวิชา / สาขาวิชา / สาขางาน"</th>
                    {institutions.then(|| view! { <th class="n">"สถานศึกษา"</th> })}
                    <th class="n">"ผู้เรียน (คน)"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr class="grand">
                    <th>"รวมทั้งหมด"</th>
                    {institutions.then(|| view! { <th></th> })}
                    <th class="n" data-testid=format!("{testid}-total")>{g.students}</th>
                </tr></tfoot>
            </table>
        </div>
    }
}

fn sum_row(label: String, students: u64, institutions: bool) -> AnyView {
    view! {
        <tr class="sum-row">
            <td>{label}</td>
            {institutions.then(|| view! { <td></td> })}
            <td class="n">{students}</td>
        </tr>
    }
    .into_any()
}


/// `<option>`s of every province, `selected` chosen.
pub fn province_options(selected: &str) -> impl IntoView {
    let selected = selected.to_string();
    view! {
        <option value="" selected=selected.is_empty()>"— เลือกจังหวัด —"</option>
        {crate::domain::provinces::all().iter().map(|p| view! {
            <option value=p.code.clone() selected=p.code == selected>{p.name.clone()}</option>
        }).collect_view()}
    }
}
