//! Institutions outside the office, registered by the committee: one card each with its specialisations (the
//! picker), delete a whole row, or confirm there are none. The rows are a store keyed by record id (a row's
//! inputs show and edit its record in place; each row is saved as its own record).

use std::sync::Arc;
use leptos::prelude::*;
use crate::ui::action::page_action;
use reactive_stores::{Field, Store};
use crate::domain::registration::records::{
    students, OutsideInstitution, ProvinceYear, Sector,
};
use crate::domain::registration::{Catalogue, Group};
use crate::store::{new_meta, now_iso};
use crate::ui::registration::picker::{group_section, EnterConfirm, Entries};
use crate::ui::autosave;
use crate::ui::error::{latest_of, message, Outcome};
use crate::ui::state::AppState;

use super::data::ProvinceData;

/// The page's outside institutions, keyed by record id.
#[derive(reactive_stores::Store)]
struct Outside {
    #[store(key: String = |o| o.meta.id.clone())]
    rows: Vec<OutsideInstitution>,
}

pub(super) fn outside_section(d: ProvinceData, catalogue: Arc<Catalogue>, notes: RwSignal<ProvinceYear>, enter: EnterConfirm) -> impl IntoView {
    let state = AppState::get();
    let store = Store::new(Outside { rows: d.outside.clone() });
    let province = d.province.clone();
    let year = d.year;
    // Adds a row once its record is stored (and unticks "none" if it was ticked).
    let add = page_action(move |_: &()| {
        let record = OutsideInstitution {
            meta: new_meta::<OutsideInstitution>(&province),
            year,
            name: String::new(),
            sector: Sector::Government,
            affiliation: String::new(),
            province: province.clone(),
            entries: Vec::new(),
        };
        async move {
            state.store().put(&record).await?;
            store.rows().update(|r| r.push(record));
            if notes.with_untracked(|n| n.no_outside) {
                notes.update(|n| { n.no_outside = false; n.meta.touch(&now_iso()); });
                autosave::save(notes.get_untracked());
            }
            Ok(String::new())
        }
    });
    // Removes a row once its record is deleted.
    let delete = page_action(move |id: &String| {
        let id = id.clone();
        async move {
            state.store().delete(&id).await?;
            store.rows().update(|r| r.retain(|o| o.meta.id != id));
            Ok(String::new())
        }
    });
    let confirm_none = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        notes.update(|n| { n.no_outside = checked; n.meta.touch(&now_iso()); });
        autosave::save(notes.get_untracked());
    };
    view! {
        <section class="card" data-testid="outside-section">
            <h2>"สถานศึกษานอกสังกัด สอศ. (คณะกรรมการลงทะเบียนแทน)"</h2>
            <label class="check">
                <input type="checkbox" data-testid="outside-none" prop:checked=move || notes.with(|n| n.no_outside)
                    prop:disabled=move || store.rows().with(|r| !r.is_empty()) on:change=confirm_none />
                " ยืนยันไม่มีการขอใช้เครื่องมือของสถานศึกษานอกสังกัดในปีการศึกษานี้"
            </label>
            // A row's test ids keep the place it was added at (as the picker's inside it do).
            <ForEnumerate each=move || store.rows() key=|o| o.key()
                children=move |i, o| outside_row(i.get_untracked(), o.into(), catalogue.clone(), enter, delete) />
            <p class="no-print"><button type="button" data-testid="outside-add" on:click=move |_| { add.dispatch_local(()); }>"+ เพิ่มสถานศึกษา/หน่วยงานนอกสังกัด"</button></p>
            {message(latest_of(add, delete))}
        </section>
    }
}

pub(super) fn outside_row(i: usize, row: Field<OutsideInstitution>, catalogue: Arc<Catalogue>, enter: EnterConfirm, delete: Action<String, Outcome>) -> impl IntoView {
    let Some(o) = row.try_get_untracked() else { return ().into_any() };
    autosave::bind_with(&o, move || row.try_get_untracked(), move |r| {
        row.try_set(r);
    });
    let save = move |f: Box<dyn FnOnce(&mut OutsideInstitution)>| {
        row.update(|r| {
            f(r);
            r.meta.touch(&now_iso());
        });
        if let Some(r) = row.try_get_untracked() {
            autosave::save(r);
        }
    };
    let entries = Entries::of_record(row, |r| &r.entries, |r| &mut r.entries);
    let armed = RwSignal::new(false);
    let id = o.meta.id.clone();
    let prefix = format!("o{i}-");
    let text = move |get: fn(&OutsideInstitution) -> &String| move || row.try_with(|r| get(r).clone()).unwrap_or_default();
    view! {
        <article class="card outside" data-testid=format!("outside-{i}")>
            <div class="row">
                <label class="field grow">
                    <span>"ชื่อสถานศึกษา/หน่วยงาน"</span>
                    <input type="text" data-testid=format!("outside-name-{i}") prop:value=text(|r| &r.name)
                        on:input=move |ev| { let v = event_target_value(&ev); save(Box::new(move |r| r.name = v)); } />
                </label>
                <label class="field">
                    <span>"ประเภท"</span>
                    <select data-testid=format!("outside-sector-{i}")
                        prop:value=move || row.try_with(|r| if r.sector == Sector::Private { "private" } else { "government" })
                        on:change=move |ev| {
                        let v = if event_target_value(&ev) == "private" { Sector::Private } else { Sector::Government };
                        save(Box::new(move |r| r.sector = v));
                    }>
                        <option value="government" selected=o.sector == Sector::Government>"รัฐบาล"</option>
                        <option value="private" selected=o.sector == Sector::Private>"เอกชน"</option>
                    </select>
                </label>
                <label class="field grow">
                    <span>"สังกัด (เช่น สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน)"</span>
                    <input type="text" data-testid=format!("outside-affiliation-{i}") prop:value=text(|r| &r.affiliation)
                        on:input=move |ev| { let v = event_target_value(&ev); save(Box::new(move |r| r.affiliation = v)); } />
                </label>
                <label class="field">
                    <span>"จังหวัด"</span>
                    <select data-testid=format!("outside-province-{i}") prop:value=text(|r| &r.province) on:change=move |ev| { let v = event_target_value(&ev); save(Box::new(move |r| r.province = v)); }>
                        {crate::ui::registration::province_options(&o.province)}
                    </select>
                </label>
            </div>
            <ul class="problems">{move || row.try_with(|r| r.problems()).unwrap_or_default().into_iter().map(|p| view! { <li class="warn">{p}</li> }).collect_view()}</ul>
            {Group::ALL.into_iter().map(|g| group_section(catalogue.clone(), g, entries, enter, prefix.clone())).collect_view()}
            <p class="no-print row">
                <span>"รวม " <strong data-testid=format!("outside-total-{i}")>{move || row.try_with(|r| students(&r.entries, None))}</strong> " คน"</span>
                {move || if armed.get() {
                    let id = id.clone();
                    view! {
                        <button type="button" class="danger" data-testid=format!("outside-delete-confirm-{i}") on:click=move |_| { delete.dispatch_local(id.clone()); }>"ยืนยันลบทั้งแถว"</button>
                        <button type="button" class="secondary" on:click=move |_| armed.set(false)>"ยกเลิก"</button>
                    }.into_any()
                } else {
                    view! { <button type="button" class="secondary" data-testid=format!("outside-delete-{i}") on:click=move |_| armed.set(true)>"ลบทั้งแถว"</button> }.into_any()
                }}
            </p>
        </article>
    }
    .into_any()
}
