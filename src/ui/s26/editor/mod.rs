//! The standard editor: every part of the manual in one page, each section with an anchor the completeness
//! checklist links to. The standard is edited through a store (`model`): each input shows and writes its own field
//! and each edit queues the record for IndexedDB (`autosave`); the checklist, the DACUM flags, the allocation, the
//! bank rules, the IOC and the assembly are each a `Memo` of the domain rules over the fields they read. Rows of the
//! DACUM table, the item bank and the practical modules are keyed by their ids (`<For>`), so a row that moves keeps
//! its elements and what was typed in them; they move up/down and delete with buttons
//! (`domain::section26::edit`: a delete that would leave a reference dangling is refused, naming what refers to the
//! row); the last delete can be undone until the next edit. The application numbers issued for this standard are
//! listed at the top.
//!
//! One file per section: `certification` (the way to certification), `header` (data and pass criteria), `dacum`,
//! `weights`, `bank` (with the assembly), `ioc`, `practical` (with each module's test paper and images:
//! `practical_paper`), `sessions`; this file holds the page, the editing context ([`Ctx`]) and the pieces they share.

mod bank;
mod certification;
mod dacum;
mod header;
mod ioc;
mod model;
mod practical;
mod practical_paper;
mod sessions;
mod weights;

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use crate::ui::data::loaded;
use reactive_stores::Store;
use crate::domain::section26::dacum::tasks;
use crate::domain::section26::edit::{can_shift, delete_row, move_row, prepare, Row};
use crate::domain::section26::image::{take_module, ImageRecord};
use crate::domain::section26::history::{bank_history, left_out, ItemHistory};
use crate::domain::section26::records::{ApplicationRecord, CandidateRecord, MarkRecord, SessionRecord, StandardRecord};
use crate::domain::section26::standard::{allocation, checklist, Standard};
use crate::domain::section26::weights::Allocation;
use crate::store::now_iso;

use super::{load_standard_with_trials, thai_date};
use crate::ui::autosave;
use crate::routes::{S26PrintRoute, S26Route};
use crate::ui::data::page_data;
use crate::ui::error::Outcome;
use crate::ui::state::{AppState, SaveState};
use leptos::task::spawn_local;
use bank::{assembly, bank};
use certification::{certification, office_check};
use dacum::dacum;
use header::{criteria, header};
use ioc::ioc;
use model::{rekey, Draft, DraftStoreFields, Place};
use practical::practical;
use sessions::sessions_card;
use weights::weights;

#[component]
pub fn StandardEditor(id: String) -> impl IntoView {
    let data = page_data(move |store| {
        let id = id.clone();
        async move {
            let (rec, sessions, candidates) = load_standard_with_trials(&store, &id).await?;
            let marks: Vec<MarkRecord> = store.list(Some(&rec.meta.org)).await?;
            let apps: Vec<ApplicationRecord> = store.list(None).await?;
            let apps = apps.into_iter().filter(|a| a.standard.as_deref() == Some(id.as_str())).collect();
            let images: Vec<ImageRecord> = store.list(Some(&rec.meta.org)).await?;
            Ok(Loaded { rec, sessions, marks, candidates, apps, images })
        }
    });
    loaded(data, |l| body(l).into_any())
}

/// What the editor loads: the standard, its sessions, the marks stored under it (deletes are checked against
/// them) and the application numbers issued for it.
#[derive(Clone)]
struct Loaded {
    rec: StandardRecord,
    sessions: Vec<SessionRecord>,
    marks: Vec<MarkRecord>,
    /// The candidates of its sessions, whose answers give each bank item its history.
    candidates: Vec<CandidateRecord>,
    apps: Vec<ApplicationRecord>,
    /// The drawings attached to its practical modules.
    images: Vec<ImageRecord>,
}

/// A button of a row's tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tool {
    Up,
    Down,
    Del,
}

/// The draft being edited, the stored marks, the standard before the last delete (undo), the message of the last row
/// action, where the keyboard focus goes once rows have moved, and the rules' results more than one section reads.
#[derive(Clone, Copy)]
struct Ctx {
    store: Store<Draft>,
    marks: StoredValue<Vec<MarkRecord>>,
    undo: RwSignal<Option<Standard>>,
    bar: RwSignal<Option<Outcome>>,
    focus: RwSignal<Option<(Row, Tool)>>,
    /// Every task's id and code ("1.2"), in table order.
    codes: Memo<Vec<(u32, String)>>,
    allocation: Memo<Result<Vec<Allocation>, String>>,
    /// Each bank item's IOC and analysed appearances (`domain::section26::history`).
    history: Memo<BTreeMap<u32, ItemHistory>>,
    /// The bank items the next draw leaves out.
    left_out: Memo<BTreeSet<u32>>,
    /// The standard's images (`s26_image` records), as stored.
    images: RwSignal<Vec<ImageRecord>>,
    /// The images of the module the last delete removed: deleted from IndexedDB with it, stored again by its undo.
    dropped: StoredValue<Vec<ImageRecord>>,
}

/// Deletes a deleted module's images from IndexedDB in one transaction, or (`restore`, its undo) stores them again:
/// part of the same edit as the standard's write, so shown in the save indicator like it ("saved" once committed).
fn write_drawings(images: Vec<ImageRecord>, restore: bool) {
    let state = AppState::get();
    // A write behind an edit, reported by the save indicator (like `autosave`): neither page data nor an action.
    spawn_local(async move {
        state.save.set(SaveState::Saving);
        let store = state.store();
        let ids: Vec<&str> = images.iter().map(|i| i.meta.id.as_str()).collect();
        let done = if restore { store.put_all(&images).await } else { store.delete_all(&ids).await };
        state.save.set(match done {
            Ok(()) => SaveState::Saved,
            Err(e) => SaveState::Failed(e.to_string()),
        });
    });
}

impl Ctx {
    /// After an edit: stamps the record, queues its write, and ends the undo of the last delete.
    fn saved(self) {
        self.store.meta().update_untracked(|m| m.touch(&now_iso()));
        autosave::save(self.store.with_untracked(Draft::record));
        if self.undo.with_untracked(Option::is_some) || self.bar.with_untracked(Option::is_some) {
            self.undo.set(None);
            self.bar.set(None);
            self.dropped.set_value(Vec::new());
        }
    }

    /// Changes one field or row in place.
    fn edit<T>(self, place: impl Place<T>, f: impl FnOnce(&mut T)) {
        place.write_with(f);
        self.saved();
    }

    /// An edit that adds, moves or removes rows: the domain changes the whole standard and it replaces the draft.
    /// Rows are keyed by id, so rows that stay keep their elements; only added rows are built.
    fn restructure(self, f: impl FnOnce(&mut Standard)) {
        let mut s = self.store.with_untracked(Draft::standard);
        f(&mut s);
        self.replace(s);
    }

    fn replace(self, standard: Standard) {
        let meta = self.store.meta().get_untracked();
        self.store.set(Draft::new(StandardRecord { meta, standard }));
        rekey(self.store);
        self.saved();
    }

    /// Deletes a row if the rules allow it; the previous standard is kept for undo, and the keyboard focus goes to the
    /// delete button of the row that takes its place. A module's images are deleted with it.
    fn delete(self, row: Row) {
        let before = self.store.with_untracked(Draft::standard);
        let mut after = before.clone();
        match self.marks.with_value(|marks| delete_row(&mut after, row, marks)) {
            Ok(mut done) => {
                let module = match row {
                    Row::Module(m) => before.modules.get(m).map(|x| x.id.clone()),
                    _ => None,
                };
                self.replace(after);
                self.undo.set(Some(before));
                let mut taken = Vec::new();
                if let Some(module) = module {
                    self.images.update(|all| taken = take_module(all, &module));
                }
                if !taken.is_empty() {
                    done = format!("{done} พร้อมรูปประกอบ {} รูป", taken.len());
                    write_drawings(taken.clone(), false);
                }
                self.dropped.set_value(taken);
                self.bar.set(Some(Ok(done)));
                self.focus_later(row, Tool::Del);
            }
            Err(e) => self.bar.set(Some(Err(e.into()))),
        }
    }

    fn undo_delete(self) {
        if let Some(before) = self.undo.get_untracked() {
            let back = self.dropped.try_update_value(std::mem::take).unwrap_or_default();
            self.replace(before);
            if !back.is_empty() {
                self.images.update(|all| all.extend(back.iter().cloned()));
                write_drawings(back, true);
            }
            self.bar.set(Some(Ok("เลิกทำการลบแล้ว".into())));
        }
    }

    /// Moves a row; the keyboard focus stays on the button pressed (the other arrow once the row reaches the end).
    fn shift(self, row: Row, up: bool) {
        let mut s = self.store.with_untracked(Draft::standard);
        let Some(to) = move_row(&mut s, row, up) else { return };
        self.replace(s);
        self.focus_later(to, if up { Tool::Up } else { Tool::Down });
    }

    /// Once the lists have caught up with a change (their updates run before a timeout), asks the row now at `row`
    /// to focus its `tool` button: moving an element in the page takes the focus off it.
    fn focus_later(self, row: Row, tool: Tool) {
        let focus = self.focus;
        set_timeout(
            move || {
                focus.try_set(Some((row, tool)));
                set_timeout(move || { focus.try_set(None); }, Duration::ZERO);
            },
            Duration::ZERO,
        );
    }
}

/// A text box bound to a text: shows `value` as it changes (an input someone typed in shows the new text too) and
/// reports typing to `on`. `testid` follows the row's place.
fn text_box(value: Signal<String>, testid: Signal<String>, on: Callback<String>) -> impl IntoView {
    view! { <input type="text" prop:value=value data-testid=testid on:input=move |ev| on.run(event_target_value(&ev))/> }
}

/// [`text_box`] as a text area.
fn text_area(value: Signal<String>, testid: Signal<String>, on: Callback<String>) -> impl IntoView {
    view! { <textarea rows="2" prop:value=value data-testid=testid on:input=move |ev| on.run(event_target_value(&ev))></textarea> }
}

/// The value and the edit of a text field of a row (`get` reads it, `set` reaches it to write).
fn bind<T: 'static>(
    ctx: Ctx,
    row: impl Place<T>,
    get: fn(&T) -> &String,
    set: fn(&mut T) -> &mut String,
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || row.read_with(|r| get(r).clone()).unwrap_or_default()),
        Callback::new(move |v| ctx.edit(row, |r| *set(r) = v)),
    )
}

/// A list of rows keyed by id (`<ForEnumerate>`): `ids` are the rows' ids in order; `row` builds the row of an id
/// at its place (which follows the row when it moves). Every list of the editor goes through here, so the page
/// carries one copy of the list code per key type.
fn rows_of<K>(ids: Signal<Vec<K>>, row: Callback<(ReadSignal<usize>, K), AnyView>) -> impl IntoView
where
    K: Clone + Eq + std::hash::Hash + Send + Sync + 'static,
{
    view! { <ForEnumerate each=move || ids.get() key=Clone::clone children=move |i, k| row.run((i, k)) /> }
}

/// A test id that follows a row's place.
fn testid(f: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(f)
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

/// Move up, move down and delete buttons of the row at `pos` (its place, which follows the row as it moves) among
/// `len` rows; `what` names the row for screen readers (`งานย่อย 1.2`). The row takes the keyboard focus when
/// [`Ctx::focus_later`] asks for its place.
fn row_tools(ctx: Ctx, pos: Signal<Row>, len: Signal<usize>, what: Signal<String>) -> impl IntoView {
    let (up, down, del) = (NodeRef::<html::Button>::new(), NodeRef::<html::Button>::new(), NodeRef::<html::Button>::new());
    Effect::new(move || {
        let Some((row, tool)) = ctx.focus.get() else { return };
        if row != pos.get() {
            return;
        }
        let can = |dir| can_shift(row.index(), len.get(), dir);
        let target = match tool {
            Tool::Up if can(true) => up,
            Tool::Up => down,
            Tool::Down if can(false) => down,
            Tool::Down => up,
            Tool::Del => del,
        };
        if let Some(b) = target.get_untracked() {
            let _ = b.focus();
        }
        ctx.focus.set(None);
    });
    view! {
        <span class="row-tools no-print">
            {tool_button(ctx, Tool::Up, pos, len, what, up)}
            {tool_button(ctx, Tool::Down, pos, len, what, down)}
            {tool_button(ctx, Tool::Del, pos, len, what, del)}
        </span>
    }
}

/// One button of [`row_tools`].
fn tool_button(ctx: Ctx, tool: Tool, pos: Signal<Row>, len: Signal<usize>, what: Signal<String>, node: NodeRef<html::Button>) -> impl IntoView {
    let (title, verb, end, stem, text) = match tool {
        Tool::Up => ("เลื่อนขึ้น", "เลื่อน", "ขึ้น", "up", "↑"),
        Tool::Down => ("เลื่อนลง", "เลื่อน", "ลง", "down", "↓"),
        Tool::Del => ("ลบ", "ลบ ", "", "del", "ลบ"),
    };
    view! {
        <button type="button" class="secondary icon" title=title node_ref=node
            aria-label=move || format!("{verb}{}{end}", what.get())
            disabled=move || match tool {
                Tool::Up => !can_shift(pos.get().index(), len.get(), true),
                Tool::Down => !can_shift(pos.get().index(), len.get(), false),
                Tool::Del => false,
            }
            data-testid=move || format!("{}-{stem}", tools_id(pos.get()))
            on:click=move |_| match tool {
                Tool::Up => ctx.shift(pos.get_untracked(), true),
                Tool::Down => ctx.shift(pos.get_untracked(), false),
                Tool::Del => ctx.delete(pos.get_untracked()),
            }>{text}</button>
    }
}

/// The message of the last delete (with undo) or of a refused one; stays in view at the bottom of the page.
fn action_bar(ctx: Ctx) -> impl IntoView {
    move || {
        ctx.bar.get().map(|m| {
            let (cls, role, text) = match m {
                Ok(t) => ("msg ok", "status", t),
                Err(e) => ("msg error", "alert", e.to_string()),
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
    let Loaded { rec, sessions, marks, candidates, apps, images } = l;
    // Rows stored without ids get them here; autosave compares against the record as stored.
    let stored = rec.clone();
    let mut rec = rec;
    let notes = prepare(&mut rec.standard);
    let store = Store::new(Draft::new(rec));
    rekey(store);
    autosave::bind_with(&stored, move || store.try_with_untracked(Draft::record), move |mut merged: StandardRecord| {
        prepare(&mut merged.standard);
        store.try_set(Draft::new(merged));
        rekey(store);
    });
    let history = {
        let sessions = sessions.clone();
        Memo::new(move |_| store.bank().with(|b| store.ioc().with(|t| bank_history(b, t, &sessions, &candidates))))
    };
    let ctx = Ctx {
        store,
        marks: StoredValue::new(marks),
        undo: RwSignal::new(None),
        bar: RwSignal::new((!notes.is_empty()).then(|| Err(notes.join(" · ").into()))),
        focus: RwSignal::new(None),
        codes: Memo::new(move |_| store.duties().with(|d| tasks(d).into_iter().map(|t| (t.task.id, t.code)).collect())),
        allocation: Memo::new(move |_| {
            store.duties().with(|d| store.weights().with(|w| allocation(d, w, store.test_length().get())))
        }),
        history,
        left_out: Memo::new(move |_| store.include_flagged().with(|i| history.with(|h| left_out(i, h)))),
        images: RwSignal::new(images),
        dropped: StoredValue::new(Vec::new()),
    };
    let title = move || {
        crate::domain::section26::standard::title(&store.occupation().read(), &store.branch().read(), store.level().get())
    };
    view! {
        <h1 data-testid="s26-title">{title}</h1>
        <p class="muted no-print">"บันทึกอัตโนมัติทุกครั้งที่กรอก"</p>
        {applications_line(apps)}
        {checklist_card(ctx)}
        {certification(ctx)}
        {office_check(ctx)}
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
    let parts = Memo::new(move |_| ctx.store.with(|d| ctx.left_out.with(|out| checklist(&d.standard(), false, out))));
    view! {
        <section class="card" id="checklist">
            <h2>"ความครบถ้วนของคู่มือ 19 รายการ"</h2>
            <p>
                <a class="button secondary" href=S26PrintRoute::Manual(ctx.store.meta().with_untracked(|m| m.id.clone())).href() data-testid="s26-manual-link">"พิมพ์คู่มือการทดสอบ"</a> " "
                <a class="button secondary" href=S26PrintRoute::StandardApplication(ctx.store.meta().with_untracked(|m| m.id.clone())).href() data-testid="s26-blank-application-link">"พิมพ์ใบสมัครเปล่า (แบบ รมฐ. 7)"</a>
            </p>
            <ol class="s26-checklist" data-testid="s26-checklist">
                {move || parts.get().into_iter().map(|p| {
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
