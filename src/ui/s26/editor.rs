//! The standard editor: every part of the manual in one page, each section with an anchor the completeness
//! checklist links to. Each edit updates the record and queues it for IndexedDB (`autosave`); flags, allocation,
//! bank rules, IOC and the checklist are recomputed from the domain rules on every edit. Rows of the DACUM table,
//! the item bank and the practical modules move up/down and delete with buttons (`domain::section26::edit`: a
//! delete that would leave a reference dangling is refused, naming what refers to the row); the last delete can be
//! undone until the next edit. The application numbers issued for this standard are listed at the top.


use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::numbers::Kind;
use crate::domain::record::Record;
use crate::domain::section26::bank::{check_bank, BankItem, LETTERS};
use crate::domain::section26::dacum::{next_task_id, short_tasks, tasks, Duty, Step, Task};
use crate::domain::section26::edit::{can_move, delete_row, move_row, next_id, Row};
use crate::domain::section26::marking::{ItemKind, Module, PracticalItem, MIN_JUDGES};
use crate::domain::section26::records::{ApplicationRecord, MarkRecord, SessionRecord, StandardRecord};
use crate::domain::section26::standard::{checklist, level_text, Member, Standard};
use crate::domain::section26::verdict::Model;
use crate::domain::section26::weights::{CRITERIA, MAX_RATING};
use crate::store::{new_meta, now_iso};
use rust_decimal::Decimal;

use super::{area_field, load_standard, text_field, thai_date};
use crate::ui::autosave;
use crate::ui::route::navigate;
use crate::routes::{S26Route, S26SessionRoute};
use crate::ui::state::AppState;
use crate::ui::widgets::{loader, message, number_field, number_input, with_loaded};

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

fn header(ctx: Ctx) -> impl IntoView {
    let s = ctx.get_untracked(Clone::clone);
    view! {
        <section class="card" id="header">
            <h2>"ข้อมูลมาตรฐาน"</h2>
            <div class="fields">
                {text_field("สาขาอาชีพ", s.occupation.clone(), "s26-occupation", move |v| ctx.edit(|s| s.occupation = v))}
                {text_field("สาขา", s.branch.clone(), "s26-branch", move |v| ctx.edit(|s| s.branch = v))}
                <label class="field"><span>"ระดับ"</span>
                    <select data-testid="s26-level" on:change=move |ev| {
                        let v = event_target_value(&ev).parse().unwrap_or(1);
                        ctx.edit(|s| s.level = v);
                    }>
                        {(1..=6u8).map(|l| view! { <option value=l selected=l == s.level>{l}</option> }).collect_view()}
                    </select>
                </label>
                {text_field("หน่วยงานผู้ยื่นขอรับรอง", s.applicant.clone(), "s26-applicant", move |v| ctx.edit(|s| s.applicant = v))}
            </div>
            <p class="note">"ระดับ " {move || ctx.get(|s| s.level)} ": " {move || ctx.get(|s| level_text(s.level).unwrap_or(""))}</p>
            <div class="fields">
                {area_field("คำจำกัดความของมาตรฐานฝีมือแรงงาน", s.definition_standard.clone(), "s26-def-standard", move |v| ctx.edit(|s| s.definition_standard = v))}
                {area_field("คำจำกัดความของสาขาอาชีพ", s.definition_occupation.clone(), "s26-def-occupation", move |v| ctx.edit(|s| s.definition_occupation = v))}
                {area_field("ขอบเขตของมาตรฐาน", s.scope.clone(), "s26-scope", move |v| ctx.edit(|s| s.scope = v))}
                {area_field("คุณสมบัติของผู้ทดสอบ", s.tester_qualifications.clone(), "s26-tester-q", move |v| ctx.edit(|s| s.tester_qualifications = v))}
                {area_field("คุณสมบัติของผู้เข้ารับการทดสอบ", s.candidate_qualifications.clone(), "s26-candidate-q", move |v| ctx.edit(|s| s.candidate_qualifications = v))}
                {area_field("ลักษณะการทดสอบ", s.test_character.clone(), "s26-character", move |v| ctx.edit(|s| s.test_character = v))}
                {number_field("ประสบการณ์ที่ต้องมี (เดือน)".into(), Kind::Months, Some(s.required_experience_months.into()), "s26-experience".into(), || false,
                    move |v| ctx.edit(|s| s.required_experience_months = v.and_then(|d| d.try_into().ok()).unwrap_or(0)))}
                {area_field("เงื่อนไขอื่น (บรรทัดละหนึ่งข้อ ตอบใช่/ไม่ใช่)", s.conditions.join("\n"), "s26-conditions",
                    move |v| ctx.edit(|s| s.conditions = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()))}
                {area_field("คณะทำงาน (บรรทัดละคน: ชื่อ, ตำแหน่ง)", s.working_group.iter().map(|m| format!("{}, {}", m.name, m.role)).collect::<Vec<_>>().join("\n"), "s26-group",
                    move |v| ctx.edit(|s| s.working_group = v.lines().filter(|l| !l.trim().is_empty()).map(|l| {
                        let (name, role) = l.split_once(',').unwrap_or((l, ""));
                        Member { name: name.trim().into(), role: role.trim().into() }
                    }).collect()))}
            </div>
        </section>
    }
}

fn criteria(ctx: Ctx) -> impl IntoView {
    let c = ctx.get_untracked(|s| s.criteria.clone());
    let field = |label: &'static str, v: Decimal, id: &'static str, set: fn(&mut Standard, Decimal)| {
        number_field(label.into(), Kind::Percent, Some(v), id.into(), || false, move |v| ctx.edit(|s| set(s, v.unwrap_or_default())))
    };
    view! {
        <section class="card" id="criteria">
            <h2>"หลักเกณฑ์การผ่าน (หนังสือรับรอง)"</h2>
            <label class="field"><span>"แบบ"</span>
                <select data-testid="s26-model" on:change=move |ev| {
                    let m = Model::try_from(event_target_value(&ev).parse::<u8>().unwrap_or(1)).unwrap_or_default();
                    ctx.edit(|s| s.criteria.model = m);
                }>
                    {[Model::One, Model::Two, Model::Three].into_iter().map(|m| view! {
                        <option value=u8::from(m) selected=m == c.model>{m.describe()}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="fields">
                {field("น้ำหนักภาคความรู้ wK (%)", c.w_k, "s26-wk", |s, v| s.criteria.w_k = v)}
                {field("น้ำหนักภาคความสามารถ wS (%)", c.w_s, "s26-ws", |s, v| s.criteria.w_s = v)}
                {field("เกณฑ์ภาคความรู้ tK (%)", c.t_k, "s26-tk", |s, v| s.criteria.t_k = v)}
                {field("เกณฑ์ภาคความสามารถ tS (%)", c.t_s, "s26-ts", |s, v| s.criteria.t_s = v)}
                {field("เกณฑ์คะแนนรวม tT (%)", c.t_t, "s26-tt", |s, v| s.criteria.t_t = v)}
                {number_field("เกณฑ์ผ่านแต่ละโมดูล (%) — ว่าง = ไม่กำหนด".into(), Kind::Percent, c.module_threshold, "s26-module-threshold".into(), || false,
                    move |v| ctx.edit(|s| s.criteria.module_threshold = v))}
            </div>
            {move || ctx.get(|s| s.criteria.problems()).into_iter().map(|p| view! { <p class="msg error">{p}</p> }).collect_view()}
        </section>
    }
}

fn step_row(ctx: Ctx, d: usize, t: usize, i: usize, step: Step) -> impl IntoView {
    let cell = move |v: String, id: String, set: fn(&mut Step, String)| {
        view! { <td><input type="text" value=v data-testid=id on:input=move |ev| {
            let v = event_target_value(&ev);
            ctx.edit(|s| set(&mut s.duties[d].tasks[t].steps[i], v));
        }/></td> }
    };
    let id = |f: &str| format!("s26-step-{}-{}-{}-{f}", d + 1, t + 1, i + 1);
    view! {
        <tr>
            <td class="n">{i + 1}</td>
            {cell(step.title, id("title"), |s, v| s.title = v)}
            {cell(step.tools, id("tools"), |s, v| s.tools = v)}
            {cell(step.knowledge, id("knowledge"), |s, v| s.knowledge = v)}
            {cell(step.attitude, id("attitude"), |s, v| s.attitude = v)}
            {cell(step.standard, id("standard"), |s, v| s.standard = v)}
            {cell(step.safety, id("safety"), |s, v| s.safety = v)}
            <td>{row_tools(ctx, Row::Step(d, t, i), format!("ขั้นตอนที่ {} ของงานย่อย {}.{}", i + 1, d + 1, t + 1))}</td>
        </tr>
    }
}

fn task_block(ctx: Ctx, d: usize, t: usize, task: Task) -> impl IntoView {
    let code = format!("{}.{}", d + 1, t + 1);
    view! {
        <div class="s26-task">
            <h4>"งานย่อย " {code.clone()} " " {row_tools(ctx, Row::Task(d, t), format!("งานย่อย {code}"))}</h4>
            <div class="fields">
                <label class="field"><span>"ชื่องานย่อย"</span>
                    <input type="text" value=task.title data-testid=format!("s26-task-{code}-title") on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.edit(|s| s.duties[d].tasks[t].title = v);
                    }/>
                </label>
                <label class="field wide"><span>"วัตถุประสงค์เชิงพฤติกรรม (บรรทัดละข้อ)"</span>
                    <textarea rows="2" data-testid=format!("s26-task-{code}-objectives") on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.edit(|s| s.duties[d].tasks[t].objectives = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect());
                    }>{task.objectives.join("\n")}</textarea>
                </label>
            </div>
            <div class="table-wrap"><table class="grid s26-steps">
                <thead><tr><th>"ที่"</th><th>"ขั้นตอน"</th><th>"เครื่องมือ/วัสดุ"</th><th>"ความรู้"</th><th>"ทัศนคติ"</th><th>"มาตรฐาน"</th><th>"ข้อควรระวัง"</th><th></th></tr></thead>
                <tbody>{task.steps.into_iter().enumerate().map(|(i, st)| step_row(ctx, d, t, i, st)).collect_view()}</tbody>
            </table></div>
            <button type="button" class="secondary" data-testid=format!("s26-add-step-{code}")
                on:click=move |_| ctx.restructure(|s| s.duties[d].tasks[t].steps.push(Step::default()))>"+ ขั้นตอน"</button>
        </div>
    }
}

fn dacum(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" id="dacum">
            <h2>"ตารางวิเคราะห์งาน (DACUM)"</h2>
            {ctx.rows_view(move || ctx.get_untracked(|s| s.duties.clone()).into_iter().enumerate().map(|(d, duty)| view! {
                <div class="s26-duty">
                    <label class="field"><span>"งานหลัก " {d + 1}</span>
                        <input type="text" value=duty.title data-testid=format!("s26-duty-{}", d + 1) on:input=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.edit(|s| s.duties[d].title = v);
                        }/>
                    </label>
                    {row_tools(ctx, Row::Duty(d), format!("งานหลัก {}", d + 1))}
                    {duty.tasks.into_iter().enumerate().map(|(t, task)| task_block(ctx, d, t, task)).collect_view()}
                    <button type="button" class="secondary" data-testid=format!("s26-add-task-{}", d + 1) on:click=move |_| ctx.restructure(|s| {
                        let id = next_task_id(&s.duties);
                        s.duties[d].tasks.push(Task { id, ..Default::default() });
                    })>"+ งานย่อย"</button>
                </div>
            }).collect_view())}
            <button type="button" data-testid="s26-add-duty" on:click=move |_| ctx.restructure(|s| s.duties.push(Duty::default()))>"+ งานหลัก"</button>
            <div data-testid="s26-dacum-flags">
                {move || ctx.get(|s| short_tasks(&s.duties)).into_iter().map(|f| view! { <p class="msg warn">{f}</p> }).collect_view()}
            </div>
        </section>
    }
}

fn weights(ctx: Ctx) -> impl IntoView {
    let raters = ctx.get_untracked(|s| s.weights.raters.join(", "));
    let training = ctx.get_untracked(|s| s.weights.use_training);
    view! {
        <section class="card" id="weights">
            <h2>"น้ำหนักคะแนนและจำนวนข้อสอบต่องานย่อย"</h2>
            <p class="muted">"ให้คะแนน 1–" {MAX_RATING} " ต่อเกณฑ์ ผู้ให้น้ำหนักหลายคนใช้ค่าเฉลี่ย จำนวนข้อ = น้ำหนักงานย่อย ÷ ผลรวมน้ำหนัก × จำนวนข้อสอบ ปัดด้วยวิธีเศษเหลือมากที่สุด"</p>
            <div class="fields">
                <label class="field"><span>"ผู้ให้น้ำหนัก (คั่นด้วย ,)"</span>
                    <input type="text" value=raters data-testid="s26-raters" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.restructure(|s| s.weights.raters = v.split(',').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect());
                    }/>
                </label>
                <label class="check"><input type="checkbox" checked=training on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    ctx.restructure(|s| s.weights.use_training = on);
                }/>" ใช้เกณฑ์ความต้องการการฝึกอบรม"</label>
            </div>
            {ctx.rows_view(move || {
                let s = ctx.get_untracked(Clone::clone);
                let n = s.weights.criteria_count();
                view! {
                    <div class="table-wrap"><table class="grid">
                        <thead><tr><th>"งานย่อย"</th><th>"ผู้ให้น้ำหนัก"</th>{CRITERIA[..n].iter().map(|c| view! { <th>{*c}</th> }).collect_view()}</tr></thead>
                        <tbody>
                        {tasks(&s.duties).into_iter().flat_map(|t| {
                            let (task, code) = (t.task.id, t.code.clone());
                            let rows = s.weights.ratings.get(&task).cloned().unwrap_or_default();
                            s.weights.raters.iter().enumerate().map(move |(r, name)| {
                                let row = rows.get(r).copied().unwrap_or([None; 5]);
                                view! { <tr>
                                    <td>{code.clone()}</td><td>{name.clone()}</td>
                                    {(0..n).map(|c| view! { <td><select data-testid=format!("s26-rate-{code}-{}-{}", r + 1, c + 1) on:change=move |ev| {
                                        let v = event_target_value(&ev).parse::<u8>().ok();
                                        ctx.edit(|s| {
                                            let rows = s.weights.ratings.entry(task).or_default();
                                            if rows.len() <= r { rows.resize(r + 1, [None; 5]); }
                                            rows[r][c] = v;
                                        });
                                    }>
                                        <option value="" selected=row[c].is_none()>"–"</option>
                                        {(1..=MAX_RATING).map(|k| view! { <option value=k selected=row[c] == Some(k)>{k}</option> }).collect_view()}
                                    </select></td> }).collect_view()}
                                </tr> }
                            }).collect::<Vec<_>>()
                        }).collect_view()}
                        </tbody>
                    </table></div>
                }
            })}
            <div data-testid="s26-allocation">
                {move || ctx.get(|s| match s.allocation() {
                    Err(e) => view! { <p class="msg warn">{e}</p> }.into_any(),
                    Ok(alloc) => {
                        let codes = tasks(&s.duties).into_iter().map(|t| (t.task.id, t.code)).collect::<Vec<_>>();
                        let raters = s.weights.raters.len();
                        view! { <table class="grid">
                            <thead><tr><th>"งานย่อย"</th><th class="n">"น้ำหนัก (เฉลี่ย)"</th><th class="n">"สัดส่วนตามสูตร"</th><th class="n">"จำนวนข้อ"</th></tr></thead>
                            <tbody>{alloc.iter().map(|a| view! { <tr>
                                <td>{codes.iter().find(|c| c.0 == a.task).map(|c| c.1.clone())}</td>
                                <td class="n">{format!("{:.2}", Decimal::from(a.sum) / Decimal::from(raters as u32))}</td>
                                <td class="n">{a.share_text()}</td>
                                <td class="n">{a.items}</td>
                            </tr> }).collect_view()}
                            <tr><th colspan="3">"รวม"</th><th class="n">{alloc.iter().map(|a| a.items).sum::<u32>()}</th></tr>
                            </tbody>
                        </table> }.into_any()
                    }
                })}
            </div>
        </section>
    }
}

fn bank_item(ctx: Ctx, i: usize, item: BankItem, task_codes: Vec<(u32, String)>) -> impl IntoView {
    let n = i + 1;
    let opts = item.options.clone();
    view! {
        <div class="s26-item">
            <h4>"ข้อ #" {item.id} " " {row_tools(ctx, Row::BankItem(i), format!("ข้อสอบ #{}", item.id))}</h4>
            <div class="fields">
                <label class="field"><span>"งานย่อย"</span>
                    <select data-testid=format!("s26-bank-{n}-task") on:change=move |ev| {
                        let v = event_target_value(&ev).parse().unwrap_or(0);
                        ctx.edit(|s| s.bank[i].task = v);
                    }>
                        <option value="0">"–"</option>
                        {task_codes.into_iter().map(|(id, code)| view! { <option value=id selected=id == item.task>{code}</option> }).collect_view()}
                    </select>
                </label>
                {number_field("วัตถุประสงค์ข้อที่".into(), Kind::Whole, Some(Decimal::from(item.objective as u32 + 1)), format!("s26-bank-{n}-objective"), || false,
                    move |v| ctx.edit(|s| s.bank[i].objective = v.and_then(|d| u32::try_from(d).ok()).unwrap_or(1).saturating_sub(1) as usize))}
                <label class="field"><span>"เฉลย"</span>
                    <select data-testid=format!("s26-bank-{n}-key") on:change=move |ev| {
                        let v = event_target_value(&ev).parse().unwrap_or(0);
                        ctx.edit(|s| s.bank[i].key = v);
                    }>
                        {(0..5u8).map(|k| view! { <option value=k selected=k == item.key>{LETTERS[k as usize]}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <label class="field wide"><span>"คำถาม"</span>
                <textarea rows="2" data-testid=format!("s26-bank-{n}-stem") on:input=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.edit(|s| s.bank[i].stem = v);
                }>{item.stem}</textarea>
            </label>
            <div class="fields">
                {(0..5).map(|o| view! {
                    <label class="field"><span>{LETTERS[o]} {if o == 4 { " (ไม่บังคับ)" } else { "" }}</span>
                        <input type="text" value=opts.get(o).cloned().unwrap_or_default() data-testid=format!("s26-bank-{n}-opt-{}", o + 1) on:input=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.edit(|s| {
                                let options = &mut s.bank[i].options;
                                if options.len() <= o { options.resize(o + 1, String::new()); }
                                options[o] = v;
                                while options.len() > 4 && options.last().is_some_and(|x| x.trim().is_empty()) { options.pop(); }
                            });
                        }/>
                    </label>
                }).collect_view()}
            </div>
            {move || ctx.get(|s| s.bank.get(i).map(|b| b.problems(&s.duties)).unwrap_or_default()).into_iter()
                .map(|p| view! { <p class="msg warn">{p}</p> }).collect_view()}
        </div>
    }
}

fn bank(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" id="bank">
            <h2>"คลังข้อสอบภาคความรู้"</h2>
            <div data-testid="s26-bank-rules">
                {move || {
                    let c = ctx.get(|s| check_bank(s.test_length, &s.bank, &s.duties));
                    if c.ok() {
                        view! { <p class="msg ok">"ผ่านเกณฑ์คลังข้อสอบทั้ง 3 ข้อ"</p> }.into_any()
                    } else {
                        c.messages.into_iter().map(|m| view! { <p class="msg warn">{m}</p> }).collect_view().into_any()
                    }
                }}
            </div>
            {ctx.rows_view(move || {
                let s = ctx.get_untracked(Clone::clone);
                let codes: Vec<(u32, String)> = tasks(&s.duties).into_iter().map(|t| (t.task.id, t.code)).collect();
                s.bank.into_iter().enumerate().map(|(i, item)| bank_item(ctx, i, item, codes.clone())).collect_view()
            })}
            <button type="button" data-testid="s26-add-item" on:click=move |_| ctx.restructure(|s| {
                let id = s.bank.iter().map(|b| b.id).max().unwrap_or(0) + 1;
                let task = tasks(&s.duties).first().map_or(0, |t| t.task.id);
                s.bank.push(BankItem { id, task, objective: 0, stem: String::new(), options: vec![String::new(); 4], key: 0 });
            })>"+ ข้อสอบ"</button>
        </section>
    }
}

fn ioc(ctx: Ctx) -> impl IntoView {
    let experts = ctx.get_untracked(|s| s.ioc.experts.join(", "));
    view! {
        <section class="card" id="ioc">
            <h2>"ดัชนีความสอดคล้อง (IOC)"</h2>
            <p class="muted">"+1 แน่ใจว่าวัดตรงวัตถุประสงค์ · 0 ไม่แน่ใจ · −1 แน่ใจว่าไม่ได้วัด — IOC ต่ำกว่า 0.50 ควรปรับปรุง"</p>
            <label class="field"><span>"ผู้เชี่ยวชาญ (คั่นด้วย ,)"</span>
                <input type="text" value=experts data-testid="s26-experts" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.restructure(|s| s.ioc.experts = v.split(',').map(str::trim).filter(|x| !x.is_empty()).map(String::from).collect());
                }/>
            </label>
            {ctx.rows_view(move || {
                let s = ctx.get_untracked(Clone::clone);
                view! { <div class="table-wrap"><table class="grid">
                    <thead><tr><th>"ข้อ"</th>{s.ioc.experts.iter().map(|e| view! { <th>{e.clone()}</th> }).collect_view()}<th class="n">"IOC"</th><th>"ผล"</th></tr></thead>
                    <tbody>{s.bank.iter().map(|b| {
                        let item = b.id;
                        let row = s.ioc.ratings.get(&item).cloned().unwrap_or_default();
                        view! { <tr>
                            <td>{format!("#{item}")}</td>
                            {(0..s.ioc.experts.len()).map(|e| {
                                let cur = row.get(e).copied().flatten();
                                view! { <td><select data-testid=format!("s26-ioc-{item}-{}", e + 1) on:change=move |ev| {
                                    let v = event_target_value(&ev).parse::<i8>().ok();
                                    ctx.edit(|s| {
                                        let r = s.ioc.ratings.entry(item).or_default();
                                        if r.len() <= e { r.resize(e + 1, None); }
                                        r[e] = v;
                                    });
                                }>
                                    <option value="" selected=cur.is_none()>"–"</option>
                                    {[1i8, 0, -1].into_iter().map(|k| view! { <option value=k selected=cur == Some(k)>{if k > 0 { "+1".to_string() } else { k.to_string() }}</option> }).collect_view()}
                                </select></td> }
                            }).collect_view()}
                            {move || match ctx.get(|s| s.ioc.item(item)) {
                                Ok(r) => view! { <td class="n">{r.text.clone()}</td><td class=if r.usable { "ok" } else { "bad" }>{r.verdict()}</td> }.into_any(),
                                Err(e) => view! { <td class="n">"–"</td><td class="muted">{e}</td> }.into_any(),
                            }}
                        </tr> }
                    }).collect_view()}</tbody>
                </table></div> }
            })}
        </section>
    }
}

fn assembly(ctx: Ctx) -> impl IntoView {
    let (len, seed) = ctx.get_untracked(|s| (s.test_length, s.seed));
    let id = ctx.rec.with_untracked(|r| r.meta.id.clone());
    view! {
        <section class="card" id="assembly">
            <h2>"จัดชุดข้อสอบ"</h2>
            <div class="fields">
                {number_field("จำนวนข้อสอบในชุด".into(), Kind::TestSize, Some(len.into()), "s26-test-length".into(), || false,
                    move |v| ctx.edit(|s| s.test_length = v.and_then(|d| d.try_into().ok()).unwrap_or(0)))}
                {number_field("เลขสุ่ม (seed)".into(), Kind::Seed, Some(seed.into()), "s26-seed".into(), || false,
                    move |v| ctx.edit(|s| s.seed = v.and_then(|d| d.try_into().ok()).unwrap_or(0)))}
            </div>
            <div data-testid="s26-assembly">
                {move || match ctx.get(|s| s.assembled()) {
                    Ok(items) => view! { <p class="msg ok">{format!("จัดได้ {} ข้อ: ", items.len())}{items.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(" ")}</p> }.into_any(),
                    Err(e) => view! { <p class="msg warn">"ยังจัดชุดไม่ได้: " {e}</p> }.into_any(),
                }}
            </div>
            <p><a class="button secondary" href=S26Route::Paper(id).href() data-testid="s26-paper-link">"พิมพ์แบบทดสอบ กระดาษคำตอบ และเฉลย"</a></p>
        </section>
    }
}

fn practical_item(ctx: Ctx, m: usize, i: usize, item: PracticalItem) -> impl IntoView {
    let id = |f: &str| format!("s26-mod-{}-item-{}-{f}", m + 1, i + 1);
    let kind_value = match item.kind {
        ItemKind::Measurement { .. } => "measurement",
        ItemKind::YesNo => "yes_no",
        ItemKind::Critical => "critical",
        ItemKind::Judgement => "judgement",
    };
    let measure = match &item.kind {
        ItemKind::Measurement { nominal, tolerance } => Some((*nominal, *tolerance)),
        _ => None,
    };
    view! {
        <tr>
            <td>{item.id.clone()}</td>
            <td><input type="text" value=item.title data-testid=id("title") on:input=move |ev| {
                let v = event_target_value(&ev);
                ctx.edit(|s| s.modules[m].items[i].title = v);
            }/></td>
            <td><select data-testid=id("kind") on:change=move |ev| {
                let kind = match event_target_value(&ev).as_str() {
                    "measurement" => ItemKind::Measurement { nominal: Decimal::ZERO, tolerance: Decimal::ONE },
                    "yes_no" => ItemKind::YesNo,
                    "critical" => ItemKind::Critical,
                    _ => ItemKind::Judgement,
                };
                ctx.restructure(|s| s.modules[m].items[i].kind = kind);
            }>
                {[("judgement", ItemKind::Judgement.label()), ("measurement", "วัดค่า"), ("yes_no", ItemKind::YesNo.label()), ("critical", ItemKind::Critical.label())]
                    .into_iter().map(|(v, l)| view! { <option value=v selected=v == kind_value>{l}</option> }).collect_view()}
            </select></td>
            // Typed numbers are checked against their bounds (crate::domain::numbers::BOUNDS): a bad one is shown
            // naming the field and is not saved.
            <td>{number_input(format!("คะแนนเต็มของรายการ {}", item.id), Kind::FullMark, Some(item.full), id("full"), Some("คะแนนเต็ม"), || false,
                move |v| if let Some(v) = v { ctx.edit(|s| s.modules[m].items[i].full = v) }, |_| {})}</td>
            <td>{measure.map(|(n, t)| view! {
                {number_input("ค่าปกติ".into(), Kind::Measurement, Some(n), id("nominal"), Some("ค่าปกติ"), || false,
                    move |v| if let Some(v) = v { ctx.edit(|s| if let ItemKind::Measurement { nominal, .. } = &mut s.modules[m].items[i].kind { *nominal = v; }) }, |_| {})}
                " ± "
                {number_input("ความคลาดเคลื่อน".into(), Kind::Tolerance, Some(t), id("tolerance"), Some("ความคลาดเคลื่อน"), || false,
                    move |v| if let Some(v) = v { ctx.edit(|s| if let ItemKind::Measurement { tolerance, .. } = &mut s.modules[m].items[i].kind { *tolerance = v; }) }, |_| {})}
            })}</td>
            <td>{row_tools(ctx, Row::PracticalItem(m, i), format!("รายการ {} ของโมดูล {}", item.id, m + 1))}</td>
        </tr>
    }
}

fn practical(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" id="practical">
            <h2>"แบบทดสอบภาคความสามารถและใบให้คะแนน"</h2>
            <p class="muted">"ข้อที่กรรมการให้คะแนน 0–3 ต้องมีกรรมการอย่างน้อย " {MIN_JUDGES} " คน: C = A × B ÷ (N × 3) ปัดครึ่งขึ้น 3 ตำแหน่ง; คะแนนสูงสุดกับต่ำสุดห้ามต่างกันเกิน 1"</p>
            {ctx.rows_view(move || ctx.get_untracked(|s| s.modules.clone()).into_iter().enumerate().map(|(m, module)| view! {
                <div class="s26-module">
                    <div class="fields">
                        <label class="field"><span>"โมดูล " {module.id.clone()}</span>
                            <input type="text" value=module.name data-testid=format!("s26-mod-{}-name", m + 1) on:input=move |ev| {
                                let v = event_target_value(&ev);
                                ctx.edit(|s| s.modules[m].name = v);
                            }/>
                        </label>
                        {number_field("เกณฑ์ผ่านโมดูลนี้ (%) — ว่าง = ใช้เกณฑ์ร่วม".into(), Kind::Percent, module.threshold, format!("s26-mod-{}-threshold", m + 1), || false,
                            move |v| ctx.edit(|s| s.modules[m].threshold = v))}
                        {row_tools(ctx, Row::Module(m), format!("โมดูล {}", module.id))}
                    </div>
                    <div class="table-wrap"><table class="grid">
                        <thead><tr><th>"ที่"</th><th>"รายการ / เกณฑ์"</th><th>"ชนิด"</th><th>"คะแนนเต็ม"</th><th>"ค่าปกติ ± คลาดเคลื่อน"</th><th></th></tr></thead>
                        <tbody>{module.items.into_iter().enumerate().map(|(i, it)| practical_item(ctx, m, i, it)).collect_view()}</tbody>
                    </table></div>
                    <button type="button" class="secondary" data-testid=format!("s26-mod-{}-add-item", m + 1) on:click=move |_| ctx.restructure(|s| {
                        let items = &mut s.modules[m].items;
                        let id = next_id(items.iter().map(|i| i.id.as_str()));
                        items.push(PracticalItem { id, title: String::new(), full: Decimal::from(5), kind: ItemKind::Judgement });
                    })>"+ รายการ"</button>
                </div>
            }).collect_view())}
            <button type="button" data-testid="s26-add-module" on:click=move |_| ctx.restructure(|s| {
                let id = next_id(s.modules.iter().map(|m| m.id.as_str()));
                s.modules.push(Module { id, name: String::new(), threshold: None, items: vec![] });
            })>"+ โมดูล"</button>
        </section>
    }
}

fn sessions_card(ctx: Ctx, sessions: Vec<SessionRecord>) -> impl IntoView {
    let state = AppState::get();
    let date = RwSignal::new(now_iso()[..10].to_string());
    let place = RwSignal::new(String::new());
    let tester = RwSignal::new(String::new());
    let judges = RwSignal::new("กรรมการ 1, กรรมการ 2, กรรมการ 3".to_string());
    let msg = RwSignal::new(None::<Result<String, String>>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let rec = ctx.rec.get_untracked();
        let s = &rec.standard;
        let made = s.assembled().and_then(|items| s.key_of(&items).map(|(key, options)| (items, key, options)));
        let (items, key, options) = match made {
            Ok(v) => v,
            Err(e) => return msg.set(Some(Err(format!("สร้างรอบทดสอบไม่ได้: {e}")))),
        };
        let judges: Vec<String> = judges.get_untracked().split(',').map(str::trim).filter(|j| !j.is_empty()).map(String::from).collect();
        if judges.len() < MIN_JUDGES {
            return msg.set(Some(Err(format!("กรรมการ: ต้องมีอย่างน้อย {MIN_JUDGES} คน"))));
        }
        if let Err(e) = crate::domain::section26::candidates::Date::parse("วันทดสอบ", &date.get_untracked()) {
            return msg.set(Some(Err(e)));
        }
        let session = SessionRecord {
            meta: new_meta(SessionRecord::KIND, &rec.meta.org),
            standard: rec.meta.id.clone(),
            date: date.get_untracked(),
            place: place.get_untracked(),
            tester: tester.get_untracked(),
            judges,
            items,
            key,
            options,
        };
        let id = session.meta.id.clone();
        spawn_local(async move {
            match state.store().put(&session).await {
                Ok(()) => navigate(S26SessionRoute::Session(id)),
                Err(e) => msg.set(Some(Err(e.to_string()))),
            }
        });
    };
    view! {
        <section class="card" id="results">
            <h2>"รอบทดสอบ"</h2>
            <ul data-testid="s26-sessions">
                {sessions.into_iter().map(|s| view! {
                    <li><a href=S26SessionRoute::Session(s.meta.id.clone()).href()>{format!("{} — {}", thai_date(&s.date), s.place)}</a></li>
                }).collect_view()}
            </ul>
            <form on:submit=create>
                <p class="muted">"รอบทดสอบใช้ชุดข้อสอบที่จัดไว้ ณ ตอนสร้าง (แก้คลังภายหลังไม่กระทบรอบที่สร้างแล้ว)"</p>
                <div class="fields">
                    <label class="field"><span>"วันทดสอบ"</span><input type="date" prop:value=date data-testid="s26-session-date" on:input=move |ev| date.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"สถานที่ทดสอบ"</span><input type="text" data-testid="s26-session-place" on:input=move |ev| place.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"ผู้ทดสอบ"</span><input type="text" data-testid="s26-session-tester" on:input=move |ev| tester.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"กรรมการ (คั่นด้วย ,)"</span><input type="text" prop:value=judges data-testid="s26-session-judges" on:input=move |ev| judges.set(event_target_value(&ev))/></label>
                </div>
                <button type="submit" data-testid="s26-session-create">"สร้างรอบทดสอบ"</button>
            </form>
            {message(msg)}
        </section>
    }
}
