//! Picking specialisations and entering student counts, for one curriculum group: ประเภทวิชา → สาขาวิชา → search →
//! a result list moved with ↑/↓, the count, and "ตกลง". Enter confirms from anywhere on the page (as in the seed's
//! system): the page forwards Enter to the picker the user worked in last ([`EnterConfirm`]). Below the picker, the
//! group's registered entries with editable counts and a total. Used by the college's registration and by the
//! committee's outside institutions.

use std::sync::Arc;

use leptos::prelude::*;
use crate::domain::record::Record;
use crate::domain::registration::records::{add_entry, parse_count, remove_entry, set_count, students, Entry};
use crate::domain::registration::{Catalogue, Group, Spec};
use crate::store::now_iso;
use wasm_bindgen::JsCast;

use crate::ui::autosave;
use crate::ui::error::{message, Outcome};

/// How many matches the list shows at once.
const SHOWN: usize = 30;

/// A change to a list of entries, applied (and saved) by the list's owner.
#[derive(Clone, Debug)]
pub enum EntriesEdit {
    Add(Spec, u32),
    Count(Spec, u32),
    Remove(Spec),
}

/// Read and change handles of an entry list (both `Copy`).
#[derive(Clone, Copy)]
pub struct Entries {
    pub read: Signal<Vec<Entry>>,
    pub edit: Callback<EntriesEdit, Result<(), String>>,
}

/// The confirm action of the picker used last, run when Enter is pressed anywhere on the page.
#[derive(Clone, Copy)]
pub struct EnterConfirm(StoredValue<Option<Callback<()>>>);

impl EnterConfirm {
    /// Installs the page-wide Enter handler (removed with the page). Enter on a button, link, text area or select
    /// keeps its usual meaning.
    pub fn install() -> EnterConfirm {
        let active = EnterConfirm(StoredValue::new(None));
        // Window listeners run outside the reactive owner; the confirm action needs the page's context (AppState).
        let owner = Owner::current();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() != "Enter" || ev.is_composing() {
                return;
            }
            let tag = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|e| e.tag_name().to_lowercase())
                .unwrap_or_default();
            if matches!(tag.as_str(), "button" | "a" | "textarea" | "select") {
                return;
            }
            if let Some(confirm) = active.0.get_value() {
                ev.prevent_default();
                match &owner {
                    Some(owner) => owner.with(|| confirm.run(())),
                    None => confirm.run(()),
                }
            }
        });
        on_cleanup(move || handle.remove());
        active
    }

    fn set(self, confirm: Callback<()>) {
        self.0.set_value(Some(confirm));
    }
}

impl EntriesEdit {
    /// Applies the edit with the domain rules (one entry per specialisation, count ≥ 1).
    fn apply(&self, entries: &mut Vec<Entry>) -> Result<(), String> {
        match self {
            EntriesEdit::Add(spec, n) => add_entry(entries, spec, *n),
            EntriesEdit::Count(spec, n) => {
                set_count(entries, spec, *n);
                Ok(())
            }
            EntriesEdit::Remove(spec) => {
                remove_entry(entries, spec);
                Ok(())
            }
        }
    }
}

impl Entries {
    /// Handles over the entry list inside a stored record held in `record` (a signal, or a row of a store): each
    /// accepted edit stamps the record and queues its write (save as you type).
    pub fn of_record<R, S>(record: S, get: fn(&R) -> &Vec<Entry>, get_mut: fn(&mut R) -> &mut Vec<Entry>) -> Entries
    where
        R: Record + Clone + Send + Sync + 'static,
        S: With<Value = R> + Update<Value = R> + WithUntracked<Value = R> + Copy + Send + Sync + 'static,
    {
        Entries {
            read: Signal::derive(move || record.try_with(|r| get(r).clone()).unwrap_or_default()),
            edit: Callback::new(move |edit: EntriesEdit| {
                let mut result = Ok(());
                record.update(|r| {
                    result = edit.apply(get_mut(r));
                    if result.is_ok() {
                        r.meta_mut().touch(&now_iso());
                    }
                });
                if result.is_ok() {
                    if let Some(r) = record.try_with_untracked(R::clone) {
                        autosave::save(r);
                    }
                }
                result
            }),
        }
    }
}

fn key_id(spec: &Spec) -> String {
    format!("{}|{}|{}|{}", spec.group.id(), spec.program_type, spec.major, spec.specialisation)
}

/// The picker and the entries table of `group`. `prefix` keeps test ids unique when several lists share a page.
pub fn group_section(
    catalogue: Arc<Catalogue>,
    group: Group,
    entries: Entries,
    enter: EnterConfirm,
    prefix: String,
) -> impl IntoView {
    let gid = format!("{prefix}{}", group.id());
    let available = catalogue.of_group(group).count();
    let total = move || students(&entries.read.get(), Some(group));
    let gid2 = gid.clone();
    view! {
        <section class="card reg-group" data-testid=format!("group-{gid2}")>
            <h3>{group.label()} <span class="muted">" — รวม "<span data-testid=format!("total-{gid2}")>{total}</span>" คน"</span></h3>
            {entries_table(group, entries, gid2.clone())}
            {if available == 0 {
                view! {
                    <p class="muted" data-testid=format!("no-catalogue-{gid}")>
                        "รายการหลักสูตรที่ใช้อยู่ยังไม่มีสาขางานของหลักสูตร " {group.curriculum()}
                        " — นำเข้ารายการทางการ (CSV) ที่หน้าลงทะเบียนรับเครื่องมือ"
                    </p>
                }.into_any()
            } else {
                picker(catalogue, group, entries, enter, gid.clone()).into_any()
            }}
        </section>
    }
}

fn entries_table(group: Group, entries: Entries, gid: String) -> impl IntoView {
    let rows = move || entries.read.get().into_iter().filter(|e| e.spec.group == group).collect::<Vec<_>>();
    let empty = move || rows().is_empty();
    let gid_rows = gid.clone();
    view! {
        <p class="muted" class:hidden=move || !empty()>"ยังไม่ได้เลือกสาขางาน"</p>
        <div class="table-wrap" class:hidden=empty>
            <table class="grid entries" data-testid=format!("entries-{gid}")>
                <thead><tr><th>"ประเภทวิชา / สาขาวิชา / สาขางาน"</th><th class="n">"จำนวน (คน)"</th><th class="no-print"></th></tr></thead>
                <tbody>
                    <For each=rows key=|e| key_id(&e.spec) children=move |e: Entry| {
                        let error = RwSignal::new(None::<String>);
                        let spec = e.spec.clone();
                        let spec_rm = e.spec.clone();
                        let testid = format!("entry-count-{}-{}", gid_rows, e.spec.specialisation);
                        view! {
                            <tr>
                                <td>{e.spec.path()}{(!e.spec.code.is_empty()).then(|| format!(" ({})", e.spec.code))}</td>
                                <td class="n">
                                    <input type="text" inputmode="numeric" class="num" size="5" data-testid=testid
                                        aria-label=format!("จำนวนผู้เรียน สาขางาน{}", e.spec.specialisation)
                                        value=e.count.to_string()
                                        aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                                        on:input=move |ev| match parse_count(&event_target_value(&ev)) {
                                            Ok(n) => { error.set(None); let _ = entries.edit.run(EntriesEdit::Count(spec.clone(), n)); }
                                            Err(e) => error.set(Some(e)),
                                        } />
                                    {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
                                </td>
                                <td class="no-print">
                                    <button type="button" class="secondary small"
                                        on:click=move |_| { let _ = entries.edit.run(EntriesEdit::Remove(spec_rm.clone())); }>"ลบ"</button>
                                </td>
                            </tr>
                        }
                    } />
                </tbody>
            </table>
        </div>
    }
}

fn picker(catalogue: Arc<Catalogue>, group: Group, entries: Entries, enter: EnterConfirm, gid: String) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let ptype = RwSignal::new(String::new());
    let major = RwSignal::new(String::new());
    let highlight = RwSignal::new(0usize);
    let count = RwSignal::new(String::new());
    // Confirming has nothing to wait for (the entry is saved as you type): its outcome is set at once.
    let msg = RwSignal::new(None::<Outcome>);
    let search_ref = NodeRef::<leptos::html::Input>::new();
    let count_ref = NodeRef::<leptos::html::Input>::new();

    let cat = catalogue.clone();
    let results = Memo::new(move |_| {
        let (t, m, q) = (ptype.get(), major.get(), query.get());
        let t = (!t.is_empty()).then_some(t);
        let m = (!m.is_empty()).then_some(m);
        cat.search(group, t.as_deref(), m.as_deref(), &q).into_iter().cloned().collect::<Vec<Spec>>()
    });
    Effect::new(move |_| {
        results.track();
        highlight.set(0);
    });
    let chosen = move || results.with(|r| r.get(highlight.get()).cloned());

    let confirm = Callback::new(move |()| {
        let Some(spec) = chosen() else {
            msg.set(Some(Err("ยังไม่ได้เลือกสาขางาน — พิมพ์ค้นหาแล้วเลือกจากรายการ".into())));
            return;
        };
        match parse_count(&count.get_untracked()) {
            Err(e) => {
                msg.set(Some(Err(e.into())));
                if let Some(c) = count_ref.get_untracked() {
                    let _ = c.focus();
                }
            }
            Ok(n) => match entries.edit.run(EntriesEdit::Add(spec.clone(), n)) {
                Ok(()) => {
                    msg.set(Some(Ok(format!("เพิ่มสาขางาน{} {n} คนแล้ว", spec.specialisation))));
                    query.set(String::new());
                    count.set(String::new());
                    if let Some(s) = search_ref.get_untracked() {
                        let _ = s.focus();
                    }
                }
                Err(e) => msg.set(Some(Err(e.into()))),
            },
        }
    });

    let on_search_key = move |ev: leptos::ev::KeyboardEvent| {
        let n = results.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                highlight.update(|h| *h = (*h + 1).min(n - 1));
            }
            "ArrowUp" => {
                ev.prevent_default();
                highlight.update(|h| *h = h.saturating_sub(1));
            }
            _ => {}
        }
    };

    let types: Vec<String> = catalogue.program_types(group).into_iter().map(String::from).collect();
    let cat_for_majors = catalogue.clone();
    let majors = move || {
        let t = ptype.get();
        if t.is_empty() { Vec::new() } else { cat_for_majors.majors(group, &t).into_iter().map(String::from).collect() }
    };
    let list_id = format!("results-{gid}");
    let gid2 = gid.clone();

    view! {
        <div class="picker" on:focusin=move |_| enter.set(confirm) data-testid=format!("picker-{gid}")>
            <div class="row">
                <label class="field">
                    <span>"ประเภทวิชา"</span>
                    <select data-testid=format!("ptype-{gid}") on:change=move |ev| { ptype.set(event_target_value(&ev)); major.set(String::new()); }>
                        <option value="">"ทุกประเภทวิชา"</option>
                        {types.into_iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>"สาขาวิชา"</span>
                    <select data-testid=format!("major-{gid}") prop:value=move || major.get()
                        on:change=move |ev| major.set(event_target_value(&ev))>
                        <option value="">"ทุกสาขาวิชา"</option>
                        {move || majors().into_iter().map(|m| view! { <option value=m.clone()>{m.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field grow">
                    <span>"ค้นหาสาขางาน (พิมพ์บางส่วนของชื่อหรือรหัส, ↑/↓ เลือก)"</span>
                    <input type="search" node_ref=search_ref data-testid=format!("search-{gid}") autocomplete="off"
                        role="combobox" aria-controls=list_id.clone() aria-expanded="true"
                        prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))
                        on:keydown=on_search_key />
                </label>
            </div>
            <ul class="options" role="listbox" id=list_id aria-label="สาขางานที่ตรงกับการค้นหา">
                {move || {
                    let list = results.get();
                    let more = list.len().saturating_sub(SHOWN);
                    let h = highlight.get();
                    let gid = gid2.clone();
                    let items = list.into_iter().take(SHOWN).enumerate().map(|(i, s)| {
                        view! {
                            <li role="option" aria-selected=if i == h { "true" } else { "false" } class:active=i == h
                                data-testid=format!("option-{gid}-{i}")
                                on:click=move |_| {
                                    highlight.set(i);
                                    if let Some(c) = count_ref.get_untracked() { let _ = c.focus(); }
                                }>
                                {s.path()}
                            </li>
                        }
                    }).collect_view();
                    view! {
                        {items}
                        {(more > 0).then(|| view! { <li class="muted">"และอีก " {more} " รายการ — พิมพ์เพื่อค้นหาให้แคบลง"</li> })}
                    }
                }}
                {move || results.with(Vec::is_empty).then(|| view! { <li class="muted">"ไม่พบสาขางานที่ตรงกับคำค้น"</li> })}
            </ul>
            <div class="row">
                <span class="chosen">"ที่เลือก: " <strong>{move || chosen().map_or("—".to_string(), |s| s.path())}</strong></span>
                <label class="field">
                    <span>"จำนวนผู้เรียน (คน)"</span>
                    <input type="text" inputmode="numeric" class="num" size="6" node_ref=count_ref data-testid=format!("count-{gid}")
                        prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev)) />
                </label>
                <button type="button" data-testid=format!("confirm-{gid}") on:click=move |_| confirm.run(())>"ตกลง (Enter)"</button>
            </div>
            {message(msg)}
        </div>
    }
}
