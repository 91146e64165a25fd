//! The standard editor: every part of the manual in one page, each section with an anchor the completeness
//! checklist links to. Each edit updates the record and queues it for IndexedDB (`autosave`); flags, allocation,
//! bank rules, IOC and the checklist are recomputed from the domain rules on every edit. Rows of the DACUM table,
//! the item bank and the practical modules move up/down and delete with buttons (`domain::section26::edit`: a
//! delete that would leave a reference dangling is refused, naming what refers to the row); the last delete can be
//! undone until the next edit. The application numbers issued for this standard are listed at the top.
//!
//! One file per section: `header` (data and pass criteria), `dacum`, `weights`, `bank` (with the assembly), `ioc`,
//! `practical`, `sessions`; this file holds the page, the editing context ([`Ctx`]) and the row tools they share.

mod bank;
mod dacum;
mod header;
mod ioc;
mod practical;
mod sessions;
mod weights;

use leptos::either::Either;
use leptos::prelude::*;
use crate::domain::section26::edit::{can_move, delete_row, move_row, Row};
use crate::domain::section26::records::{ApplicationRecord, MarkRecord, SessionRecord, StandardRecord};
use crate::domain::section26::standard::{checklist, Standard};
use crate::store::now_iso;

use super::{load_standard, thai_date};
use crate::ui::autosave;
use crate::routes::S26Route;
use crate::ui::widgets::{loader, with_loaded};
use bank::{assembly, bank};
use dacum::dacum;
use header::{criteria, header};
use ioc::ioc;
use practical::practical;
use sessions::sessions_card;
use weights::weights;

#[component]
pub fn StandardEditor(id: String) -> impl IntoView {
    let data = loader(move |store| {
        let id = id.clone();
        async move {
            let rec = load_standard(&store, &id).await?;
            let err = |e: crate::store::StoreError| e.to_string();
            let sessions: Vec<SessionRecord> = store.list(Some(&rec.meta.org)).await.map_err(err)?;
            let marks: Vec<MarkRecord> = store.list(Some(&rec.meta.org)).await.map_err(err)?;
            let apps: Vec<ApplicationRecord> = store.list(None).await.map_err(err)?;
            let apps = apps.into_iter().filter(|a| a.standard.as_deref() == Some(id.as_str())).collect();
            Ok(Loaded { rec, sessions, marks, apps })
        }
    });
    with_loaded(data, body)
}

/// What the editor loads: the standard, its sessions, the marks stored under it (deletes are checked against
/// them) and the application numbers issued for it.
#[derive(Clone)]
struct Loaded {
    rec: StandardRecord,
    sessions: Vec<SessionRecord>,
    marks: Vec<MarkRecord>,
    apps: Vec<ApplicationRecord>,
}

/// The record being edited, a counter bumped when rows are added, moved or removed (so lists are rebuilt only
/// then), the stored marks, the standard before the last delete (undo) and the message of the last row action.
#[derive(Clone, Copy)]
struct Ctx {
    rec: RwSignal<StandardRecord>,
    rows: RwSignal<u32>,
    marks: StoredValue<Vec<MarkRecord>>,
    undo: RwSignal<Option<Standard>>,
    bar: RwSignal<Option<Result<String, String>>>,
}

impl Ctx {
    fn edit(self, f: impl FnOnce(&mut Standard)) {
        self.rec.update(|r| {
            f(&mut r.standard);
            r.meta.touch(&now_iso());
        });
        autosave::save(self.rec.get_untracked());
        if self.undo.get_untracked().is_some() || self.bar.get_untracked().is_some() {
            self.undo.set(None);
            self.bar.set(None);
        }
    }

    /// Deletes a row if the rules allow it; the previous standard is kept for undo.
    fn delete(self, row: Row) {
        let before = self.get_untracked(Clone::clone);
        let mut after = before.clone();
        match self.marks.with_value(|marks| delete_row(&mut after, row, marks)) {
            Ok(done) => {
                self.restructure(|s| *s = after);
                self.undo.set(Some(before));
                self.bar.set(Some(Ok(done)));
            }
            Err(e) => self.bar.set(Some(Err(e))),
        }
    }

    fn undo_delete(self) {
        if let Some(before) = self.undo.get_untracked() {
            self.restructure(|s| *s = before);
            self.bar.set(Some(Ok("เลิกทำการลบแล้ว".into())));
        }
    }

    /// Moves a row, then puts the keyboard focus back on the same button at the row's new place.
    fn shift(self, row: Row, up: bool) {
        let mut s = self.get_untracked(Clone::clone);
        let Some(to) = move_row(&mut s, row, up) else { return };
        self.restructure(|x| *x = s);
        let (first, second) = if up { ("up", "down") } else { ("down", "up") };
        let base = tools_id(to);
        refocus(vec![format!("{base}-{first}"), format!("{base}-{second}")]);
    }

    /// An edit that adds, moves or removes rows: the affected lists are rebuilt, and the keyboard focus goes back to
    /// the control (by test id) that had it.
    fn restructure(self, f: impl FnOnce(&mut Standard)) {
        let focused = document().active_element().and_then(|e| e.get_attribute("data-testid"));
        self.edit(f);
        self.rows.update(|v| *v += 1);
        if let Some(id) = focused {
            refocus(vec![id]);
        }
    }

    fn get<T>(self, f: impl FnOnce(&Standard) -> T) -> T {
        self.rec.with(|r| f(&r.standard))
    }

    fn get_untracked<T>(self, f: impl FnOnce(&Standard) -> T) -> T {
        self.rec.with_untracked(|r| f(&r.standard))
    }

    /// A list rebuilt when rows change, built untracked. The rows are made afresh, not updated in place: an input
    /// someone typed in keeps showing its own text whatever its `value` attribute becomes, so a row reused for
    /// another row's data after a move or delete would show stale text. Switching the `Either` side each time makes
    /// Leptos unmount the old rows and mount new ones.
    fn rows_view<V: IntoView + 'static>(self, build: impl Fn() -> V + Send + Sync + 'static) -> impl IntoView {
        move || {
            if self.rows.get() % 2 == 0 {
                Either::Left(untrack(&build))
            } else {
                Either::Right(untrack(&build))
            }
        }
    }
}

/// Once the rebuilt rows are in the page, focuses the first enabled control among these test ids.
fn refocus(ids: Vec<String>) {
    set_timeout(
        move || {
            for id in &ids {
                let el = document().query_selector(&format!("[data-testid=\"{id}\"]")).ok().flatten();
                if let Some(el) = el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                    if !el.has_attribute("disabled") {
                        let _ = el.focus();
                        return;
                    }
                }
            }
        },
        std::time::Duration::ZERO,
    );
}

/// The test-id stem of a row's move/delete buttons (`<stem>-up`, `-down`, `-del`).
fn tools_id(row: Row) -> String {
    match row {
        Row::Duty(d) => format!("s26-duty-{}", d + 1),
        Row::Task(d, t) => format!("s26-task-{}.{}", d + 1, t + 1),
        Row::Step(d, t, i) => format!("s26-step-{}-{}-{}", d + 1, t + 1, i + 1),
        Row::BankItem(i) => format!("s26-bank-{}", i + 1),
        Row::Module(m) => format!("s26-mod-{}", m + 1),
        Row::PracticalItem(m, i) => format!("s26-mod-{}-item-{}", m + 1, i + 1),
    }
}

/// Move up, move down and delete buttons of a row; `what` names the row for screen readers (`งานย่อย 1.2`).
fn row_tools(ctx: Ctx, row: Row, what: String) -> impl IntoView {
    let id = tools_id(row);
    let (up, down) = ctx.get_untracked(|s| (can_move(s, row, true), can_move(s, row, false)));
    view! {
        <span class="row-tools no-print">
            <button type="button" class="secondary icon" title="เลื่อนขึ้น" aria-label=format!("เลื่อน{what}ขึ้น") disabled=!up
                data-testid=format!("{id}-up") on:click=move |_| ctx.shift(row, true)>"↑"</button>
            <button type="button" class="secondary icon" title="เลื่อนลง" aria-label=format!("เลื่อน{what}ลง") disabled=!down
                data-testid=format!("{id}-down") on:click=move |_| ctx.shift(row, false)>"↓"</button>
            <button type="button" class="secondary icon" title="ลบ" aria-label=format!("ลบ{what}")
                data-testid=format!("{id}-del") on:click=move |_| ctx.delete(row)>"ลบ"</button>
        </span>
    }
}

/// The message of the last delete (with undo) or of a refused one; stays in view at the bottom of the page.
fn action_bar(ctx: Ctx) -> impl IntoView {
    move || {
        ctx.bar.get().map(|m| {
            let (cls, role, text) = match m {
                Ok(t) => ("msg ok", "status", t),
                Err(t) => ("msg error", "alert", t),
            };
            view! {
                <div class=format!("{cls} s26-action-bar no-print") role=role data-testid="s26-action-bar">
                    <span>{text}</span>
                    {move || ctx.undo.with(Option::is_some).then(|| view! {
                        " " <button type="button" class="secondary" data-testid="s26-undo" on:click=move |_| ctx.undo_delete()>"เลิกทำ"</button>
                    })}
                </div>
            }
        })
    }
}

fn body(l: Loaded) -> impl IntoView {
    let Loaded { rec, sessions, marks, apps } = l;
    let ctx = Ctx {
        rec: RwSignal::new(rec),
        rows: RwSignal::new(0),
        marks: StoredValue::new(marks),
        undo: RwSignal::new(None),
        bar: RwSignal::new(None),
    };
    autosave::bind(ctx.rec);
    let title = move || ctx.get(|s| s.title());
    view! {
        <h1 data-testid="s26-title">{title}</h1>
        <p class="muted no-print">"บันทึกอัตโนมัติทุกครั้งที่กรอก"</p>
        {applications_line(apps)}
        {checklist_card(ctx)}
        {header(ctx)}
        {criteria(ctx)}
        {dacum(ctx)}
        {weights(ctx)}
        {bank(ctx)}
        {ioc(ctx)}
        {assembly(ctx)}
        {practical(ctx)}
        {sessions_card(ctx, sessions)}
        {action_bar(ctx)}
    }
}

/// The application numbers (form รมฐ.1) issued for this standard, or where to get one.
fn applications_line(apps: Vec<ApplicationRecord>) -> impl IntoView {
    let text = if apps.is_empty() {
        "ยังไม่ได้ออกเลขที่รับคำขอให้รับรอง (แบบ รมฐ.1) สำหรับมาตรฐานนี้".to_string()
    } else {
        let list: Vec<String> = apps.iter().map(|a| format!("{} (รับ {})", a.number, thai_date(&a.date))).collect();
        format!("เลขที่รับคำขอให้รับรอง (แบบ รมฐ.1): {}", list.join(", "))
    };
    view! {
        <p class="note" data-testid="s26-app-numbers">{text} " · "
            <a href=S26Route::Standards.href()>"ออกเลขที่รับคำขอ"</a>
        </p>
    }
}

fn checklist_card(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" id="checklist">
            <h2>"ความครบถ้วนของคู่มือ 19 รายการ"</h2>
            <ol class="s26-checklist" data-testid="s26-checklist">
                {move || ctx.get(|s| checklist(s, false)).into_iter().map(|p| {
                    let filled = p.filled();
                    view! {
                        <li class=if filled { "ok" } else { "missing" }>
                            <a href=format!("#{}", p.section.anchor()) on:click=move |ev| {
                                ev.prevent_default();
                                if let Some(el) = document().get_element_by_id(p.section.anchor()) { el.scroll_into_view(); }
                            }>{format!("({}) {}", p.number, p.title)}</a>
                            {if filled { " ✓".to_string() } else { format!(" — {}", p.missing.join("; ")) }}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
