//! One judge on their own tablet (`#/judge/<session>`), designed for touch on a 10-inch screen: the candidate and the
//! module stay in view at the top; judgement items have four large buttons 0–3 with their meanings; measurement items
//! a numeric keypad with the tolerance verdict shown while typing; yes/no and critical items a two-way toggle. Each
//! item says whether its latest tap is saved (IndexedDB confirmed it). Choosing (or switching) the judge reads the
//! session's marks again from this tablet's store, so marks made since the page loaded are shown; switching waits
//! until every tap is stored. A tap replaces only a mark made on this tablet (`merge::replaceable`). The judge hands
//! their marks to the chief tester as a file, or pushes them into the test centre's server database
//! (`server::push_card`).

use std::collections::HashMap;
use std::str::FromStr;

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::judge::exchange::marks_file;
use crate::domain::judge::merge::{new_mark, replaceable, slot_states, Slot, SlotState};
use crate::domain::section26::marking::{mark_item, ItemKind, ItemMark, ItemOutcome, PracticalItem, JUDGE_SCALE, MAX_JUDGE_SCORE};
use crate::domain::section26::records::MarkRecord;
use crate::store::{new_meta, now_iso};
use rust_decimal::Decimal;

use super::identity::{self, device_id};
use super::taps::{TapState, Taps};
use super::judge_label;
use crate::ui::data::{loaded, page_data, page_data_once};
use crate::ui::error::{message, outcome};
use crate::ui::files::download;
use crate::routes::JudgeRoute;
use crate::ui::s26::{thai_date, SessionData};
use crate::ui::state::AppState;

#[component]
pub fn JudgeMarking(id: String) -> impl IntoView {
    let data = page_data(move |store| super::load_by_number(store, id.clone()));
    loaded(data, body)
}

fn body(d: SessionData) -> impl IntoView {
    let sid = d.session.meta.id.clone();
    let n_judges = d.session.judges.len();
    let judge = RwSignal::new(identity::judge_of(&sid).filter(|j| usize::from(*j) <= n_judges));
    let d = StoredValue::new(d);
    move || match judge.get() {
        None => untrack(|| choose_judge(d, judge)).into_any(),
        Some(j) => untrack(|| stored_then_marking(d, j, judge)).into_any(),
    }
}

/// The marking view for judge `j`, once the session's marks have been read again from this tablet's store: marks made
/// here since the page loaded (as another judge, or before switching judge and back) show as they are stored, never
/// as the page's first load saw them.
fn stored_then_marking(d: StoredValue<SessionData>, j: u8, judge: RwSignal<Option<u8>>) -> impl IntoView {
    let (org, cands) = d.with_value(|d| (d.session.meta.org.clone(), d.candidates.iter().map(|c| c.meta.id.clone()).collect::<Vec<_>>()));
    // Read once, when this judge's view opens: from then on the taps hold the marks shown.
    let stored = page_data_once(move |store| {
        let (org, cands) = (org.clone(), cands.clone());
        async move {
            let all = store.list::<MarkRecord>(Some(&org)).await?;
            Ok(all.into_iter().filter(|m| cands.contains(&m.candidate)).collect::<Vec<_>>())
        }
    });
    loaded(stored, move |marks| {
        d.update_value(|d| d.marks = marks);
        marking(d, j, judge)
    })
}

fn choose_judge(d: StoredValue<SessionData>, judge: RwSignal<Option<u8>>) -> impl IntoView {
    let (sid, judges, title) = d.with_value(|d| (d.session.meta.id.clone(), d.session.judges.clone(), d.standard.standard.title()));
    view! {
        <h1>"แท็บเล็ตกรรมการ"</h1>
        <p class="muted">{title}</p>
        <section class="card">
            <h2>"ท่านคือกรรมการคนใด"</h2>
            {judges.is_empty().then(|| view! { <p class="msg error">"รอบทดสอบนี้ยังไม่มีรายชื่อกรรมการ — ให้หัวหน้าผู้ทดสอบเพิ่มรายชื่อก่อน"</p> })}
            <div class="judge-choose">
                {judges.into_iter().enumerate().map(|(i, name)| {
                    let j = i as u8 + 1;
                    let sid = sid.clone();
                    view! { <button type="button" class="judge-big" data-testid=format!("judge-me-{j}") on:click=move |_| {
                        identity::set_judge(&sid, j);
                        judge.set(Some(j));
                    }>{format!("กรรมการคนที่ {j}: {name}")}</button> }
                }).collect_view()}
            </div>
        </section>
    }
}

/// The marks this tablet starts from: the current mark of every slot (where two devices disagree, this tablet's own
/// latest head, else the latest; the chief's tablet decides those).
fn starting_marks(d: &SessionData) -> HashMap<Slot, MarkRecord> {
    let device = device_id();
    slot_states(&d.marks)
        .into_iter()
        .filter_map(|(slot, s)| {
            let m = match s {
                SlotState::Agreed(m) => m,
                SlotState::Conflict(heads) => heads.iter().rev().find(|h| h.device == device).or(heads.last()).copied()?,
            };
            Some((slot, m.clone()))
        })
        .collect()
}

fn marking(d: StoredValue<SessionData>, j: u8, judge: RwSignal<Option<u8>>) -> impl IntoView {
    let taps = Taps::new(d.with_value(starting_marks));
    let switch_msg = RwSignal::new(None::<String>);
    let cand = RwSignal::new(0usize);
    let module = RwSignal::new(0usize);
    let (sid, me, n_cands, cands, modules, date) = d.with_value(|d| {
        (
            d.session.meta.id.clone(),
            judge_label(d, j),
            d.candidates.len(),
            d.candidates.iter().map(|c| format!("{} {}", c.person.number, c.person.name)).collect::<Vec<_>>(),
            d.standard.standard.modules.iter().map(|m| (m.id.clone(), m.name.clone())).collect::<Vec<_>>(),
            thai_date(&d.session.date),
        )
    });
    let device = device_id();
    let dev_short = identity::short(&device).to_string();
    let sid_forget = sid.clone();
    let who = move || cands.get(cand.get()).cloned().unwrap_or_default();
    let module_text = {
        let modules = modules.clone();
        move || modules.get(module.get()).map(|(id, name)| format!("โมดูล {id} {name}")).unwrap_or_default()
    };
    let cand_options = d.with_value(|d| d.candidates.iter().map(|c| format!("{} {}", c.person.number, c.person.name)).collect::<Vec<_>>());
    view! {
        <div class="judge-bar" data-testid="judge-bar">
            <div class="judge-now">
                <span class="judge-cand" data-testid="judge-current">{who}</span>
                <span class="judge-mod" data-testid="judge-current-module">{module_text}</span>
            </div>
            <div class="judge-nav">
                <button type="button" class="judge-step" aria-label="ผู้เข้าทดสอบคนก่อน" data-testid="judge-prev"
                    prop:disabled=move || cand.get() == 0 on:click=move |_| cand.update(|c| *c = c.saturating_sub(1))>"◀"</button>
                <select aria-label="ผู้เข้าทดสอบ" data-testid="judge-candidate" prop:value=move || cand.get().to_string()
                    on:change=move |ev| if let Ok(i) = event_target_value(&ev).parse() { cand.set(i) }>
                    {cand_options.into_iter().enumerate().map(|(i, c)| view! { <option value=i.to_string()>{c}</option> }).collect_view()}
                </select>
                <button type="button" class="judge-step" aria-label="ผู้เข้าทดสอบคนถัดไป" data-testid="judge-next"
                    prop:disabled={move || cand.get() + 1 >= n_cands} on:click=move |_| cand.update(|c| *c = (*c + 1).min(n_cands.saturating_sub(1)))>"▶"</button>
                <span class="judge-tabs" role="tablist" aria-label="โมดูล">
                    {modules.into_iter().enumerate().map(|(i, (id, _))| view! {
                        <button type="button" role="tab" class="judge-tab" aria-selected=move || (module.get() == i).to_string()
                            data-testid=format!("judge-module-{id}") on:click=move |_| module.set(i)>{format!("โมดูล {id}")}</button>
                    }).collect_view()}
                </span>
            </div>
            <div class="judge-me muted">
                <span data-testid="judge-me">{format!("{me} (คนที่ {j})")}</span>
                {format!(" · เครื่อง {dev_short} · {date} · ")}
                <button type="button" class="link" data-testid="judge-switch" on:click=move |_| {
                    let unsaved = taps.unsaved();
                    if unsaved > 0 {
                        return switch_msg.set(Some(format!("ยังมีคะแนน {unsaved} รายการที่บันทึกไม่เสร็จ — รอให้บันทึกก่อนจึงเปลี่ยนกรรมการได้")));
                    }
                    identity::forget_judge(&sid_forget);
                    judge.set(None);
                }>"เปลี่ยนกรรมการ"</button>
                {move || switch_msg.get().map(|m| view! { <span class="msg error" role="alert" data-testid="judge-switch-msg">{m}</span> })}
            </div>
        </div>
        {move || taps.failure.get().map(|e| view! {
            <div class="judge-failure" role="alert" data-testid="judge-failure">
                <strong>"บันทึกคะแนนไม่ได้! คะแนนที่ขึ้นว่า “ยังไม่ได้บันทึก” ยังไม่อยู่ในเครื่อง — อย่าปิดหน้านี้"</strong>
                <p>{e}</p>
                <button type="button" data-testid="judge-retry" on:click=move |_| taps.run()>"ลองบันทึกอีกครั้ง"</button>
            </div>
        })}
        {move || {
            let (c, m) = (cand.get(), module.get());
            untrack(|| items(d, j, taps, c, m, &device))
        }}
        {export(d, j, taps)}
        {super::server::push_card(d)}
        <p class="muted no-print"><a href=JudgeRoute::Home.href()>"กลับหน้าแท็บเล็ตกรรมการ"</a></p>
    }
}

/// The item cards of candidate `c`'s module `m`.
fn items(d: StoredValue<SessionData>, j: u8, taps: Taps, c: usize, m: usize, device: &str) -> impl IntoView {
    d.with_value(|d| {
        let (Some(cand), Some(module)) = (d.candidates.get(c), d.standard.standard.modules.get(m)) else {
            return view! { <p class="muted">"รอบทดสอบนี้ยังไม่มีผู้เข้าทดสอบหรือโมดูล"</p> }.into_any();
        };
        let ctx = Ctx {
            org: d.session.meta.org.clone(),
            by: judge_label(d, j),
            device: device.to_string(),
            taps,
        };
        let slots: Vec<Slot> = module
            .items
            .iter()
            .map(|it| {
                let judge = if matches!(it.kind, ItemKind::Judgement) { j } else { 0 };
                (cand.meta.id.clone(), module.id.clone(), it.id.clone(), judge)
            })
            .collect();
        let total = slots.len();
        let counted = slots.clone();
        let progress = move || {
            let done = taps.current.with(|cur| counted.iter().filter(|s| cur.contains_key(*s)).count());
            format!("ให้คะแนนแล้ว {done}/{total} รายการ")
        };
        view! {
            <p class="judge-progress" data-testid="judge-progress">{progress}</p>
            <div class="judge-items">
                {module.items.iter().zip(slots).map(|(it, slot)| item_card(&ctx, it.clone(), slot)).collect_view()}
            </div>
        }
        .into_any()
    })
}

/// What every tap needs besides the slot and the value.
#[derive(Clone)]
struct Ctx {
    org: String,
    by: String,
    device: String,
    taps: Taps,
}

impl Ctx {
    /// Records `value` for `slot` as a new mark replacing the slot's current one. Tapping the value already saved
    /// records nothing; tapping it again after a failed write retries.
    fn tap(&self, slot: &Slot, value: Decimal) {
        let current = self.taps.current.with_untracked(|c| c.get(slot).cloned());
        if let Some(cur) = &current {
            if cur.value == value {
                let failed = self.taps.states.with_untracked(|s| matches!(s.get(slot), Some((_, TapState::Failed))));
                if failed {
                    self.taps.run();
                }
                return;
            }
        }
        let meta = new_meta::<MarkRecord>(&self.org);
        // Replaces this tablet's own mark only; another device's mark stays beside it (the chief decides if they differ).
        let replaces = replaceable(current.as_ref(), &self.device);
        self.taps.tap(new_mark(meta, slot.clone(), value, replaces, &self.by, &self.device));
    }
}

fn item_card(ctx: &Ctx, item: PracticalItem, slot: Slot) -> impl IntoView {
    let id = item.id.clone();
    let controls = match &item.kind {
        ItemKind::Judgement => judgement(ctx, &slot, &id).into_any(),
        ItemKind::Measurement { .. } => measurement(ctx, &slot, &item).into_any(),
        ItemKind::YesNo | ItemKind::Critical => toggle(ctx, &slot, &item).into_any(),
    };
    view! {
        <section class="judge-item" data-testid=format!("judge-item-{id}")>
            <h3>{format!("{} {}", item.id, item.title)} <span class="muted">{format!(" · {} · เต็ม {}", item.kind.label(), item.full)}</span></h3>
            {controls}
            {saved_badge(ctx.taps, slot, format!("judge-saved-{id}"))}
        </section>
    }
}

/// The current value of a slot on this tablet; a memo, so a tap re-renders only its own item.
fn value_of(taps: Taps, slot: &Slot) -> Memo<Option<Decimal>> {
    let slot = slot.clone();
    Memo::new(move |_| taps.current.with(|c| c.get(&slot).map(|m| m.value)))
}

fn judgement(ctx: &Ctx, slot: &Slot, id: &str) -> impl IntoView {
    let value = value_of(ctx.taps, slot);
    view! {
        <div class="judge-scale" role="group" aria-label="คะแนน 0–3">
            {(0..=MAX_JUDGE_SCORE).map(|v| {
                let (ctx, slot) = (ctx.clone(), slot.clone());
                let on = move || value.get() == Some(Decimal::from(v));
                view! {
                    <button type="button" class=move || if on() { "judge-score on" } else { "judge-score" }
                        aria-pressed=move || on().to_string() data-testid=format!("judge-i{id}-{v}")
                        on:click=move |_| ctx.tap(&slot, Decimal::from(v))>
                        <b>{v}</b><span>{JUDGE_SCALE[usize::from(v)]}</span>
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// The verdict of a typed measurement, at once: (text, within tolerance).
fn measurement_verdict(item: &PracticalItem, typed: &str) -> Option<(String, bool)> {
    let ItemKind::Measurement { nominal, tolerance } = &item.kind else { return None };
    if typed.is_empty() {
        return Some((format!("พิมพ์ค่าที่วัดได้ (เกณฑ์ {nominal} ± {tolerance})"), false));
    }
    let Ok(v) = Decimal::from_str(typed) else {
        return Some((format!("“{typed}” ไม่ใช่ตัวเลข"), false));
    };
    match mark_item(item, Some(&ItemMark::Measured(v))) {
        ItemOutcome::Final { points, .. } => {
            let within = (v - *nominal).abs() <= *tolerance;
            let text = if within {
                format!("✓ อยู่ในเกณฑ์ {nominal} ± {tolerance} → {points} คะแนน")
            } else {
                format!("✗ นอกเกณฑ์ {nominal} ± {tolerance} (ต่าง {}) → {points} คะแนน", (v - *nominal).abs())
            };
            Some((text, within))
        }
        ItemOutcome::Pending(why) => Some((why, false)),
    }
}

fn measurement(ctx: &Ctx, slot: &Slot, item: &PracticalItem) -> impl IntoView {
    let id = item.id.clone();
    let saved = ctx.taps.current.with_untracked(|c| c.get(slot).map(|m| m.value.to_string())).unwrap_or_default();
    let typed = RwSignal::new(saved);
    let item_v = item.clone();
    let verdict = Memo::new(move |_| typed.with(|t| measurement_verdict(&item_v, t)));
    let press = move |k: &str| {
        typed.update(|t| match k {
            "⌫" => {
                t.pop();
            }
            "." if t.contains('.') => {}
            "." if t.is_empty() => t.push_str("0."),
            k if t.len() < 12 => t.push_str(k),
            _ => {}
        })
    };
    let (ctx_save, slot_save) = (ctx.clone(), slot.clone());
    let save = move || {
        if let Ok(v) = Decimal::from_str(&typed.get_untracked()) {
            ctx_save.tap(&slot_save, v);
        }
    };
    let save_key = save.clone();
    let value = value_of(ctx.taps, slot);
    view! {
        <div class="judge-measure">
            <div class="judge-readout">
                <output class="judge-display" tabindex="0" aria-label="ค่าที่วัดได้" data-testid=format!("judge-i{id}-display")
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        let k = ev.key();
                        match k.as_str() {
                            "Backspace" => press("⌫"),
                            "Enter" => save_key(),
                            k if k == "." || (k.len() == 1 && k.chars().all(|c| c.is_ascii_digit())) => press(k),
                            _ => return,
                        }
                        ev.prevent_default();
                    }>{move || typed.get()}</output>
                <p class=move || if verdict.with(|v| v.as_ref().is_some_and(|v| v.1)) { "judge-verdict ok" } else { "judge-verdict bad" }
                    data-testid=format!("judge-i{id}-verdict")>{move || verdict.get().map(|v| v.0)}</p>
                <p class="muted">{move || value.get().map(|v| format!("ค่าที่บันทึก: {v}")).unwrap_or_default()}</p>
            </div>
            <div class="judge-keypad" role="group" aria-label="แป้นตัวเลข">
                {["7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "⌫"].into_iter().map(|k| {
                    let name = match k { "." => "dot", "⌫" => "back", d => d };
                    view! { <button type="button" class="judge-key" data-testid=format!("judge-i{id}-key-{name}") on:click=move |_| press(k)>{k}</button> }
                }).collect_view()}
                <button type="button" class="judge-key judge-enter" data-testid=format!("judge-i{id}-save")
                    prop:disabled=move || typed.with(|t| Decimal::from_str(t).is_err()) on:click=move |_| save()>"บันทึกค่า"</button>
            </div>
        </div>
    }
}

fn toggle(ctx: &Ctx, slot: &Slot, item: &PracticalItem) -> impl IntoView {
    let id = item.id.clone();
    let labels = if matches!(item.kind, ItemKind::Critical) { ["ผ่าน", "ไม่ผ่าน"] } else { ["ถูกต้อง", "ไม่ถูกต้อง"] };
    let value = value_of(ctx.taps, slot);
    view! {
        <div class="judge-toggle" role="group" aria-label=item.kind.label()>
            {[(true, labels[0]), (false, labels[1])].into_iter().map(|(yes, label)| {
                let (ctx, slot) = (ctx.clone(), slot.clone());
                let on = move || value.get().map(|v| !v.is_zero()) == Some(yes);
                let class = if yes { "judge-half yes" } else { "judge-half no" };
                view! {
                    <button type="button" class=move || if on() { format!("{class} on") } else { class.to_string() }
                        aria-pressed=move || on().to_string() data-testid=format!("judge-i{id}-{}", if yes { "yes" } else { "no" })
                        on:click=move |_| ctx.tap(&slot, if yes { Decimal::ONE } else { Decimal::ZERO })>{label}</button>
                }
            }).collect_view()}
        </div>
    }
}

/// "Saved" per item: `data-state` is `none` / `saving` / `saved` / `failed`, `data-mark` the id of the latest tap.
fn saved_badge(taps: Taps, slot: Slot, testid: String) -> impl IntoView {
    let state = Memo::new(move |_| taps.states.with(|s| s.get(&slot).cloned()));
    let name = move || match state.with(|s| s.as_ref().map(|s| s.1.clone())) {
        Some(TapState::Saved) => "saved",
        Some(TapState::Failed) => "failed",
        Some(TapState::Saving) => "saving",
        None => "none",
    };
    let text = move || match name() {
        "saved" => "✓ บันทึกแล้ว",
        "failed" => "✗ ยังไม่ได้บันทึก!",
        "saving" => "กำลังบันทึก…",
        _ => "ยังไม่ให้คะแนน",
    };
    view! {
        <p class=move || format!("judge-saved {}", name()) role="status" data-testid=testid data-state=name
            data-mark=move || state.with(|s| s.as_ref().map(|s| s.0.clone()).unwrap_or_default())>{text}</p>
    }
}

/// The marks file of this tablet for the session: every mark entered here (re-marks included, so the chief sees the
/// history), checked and downloaded.
fn export(d: StoredValue<SessionData>, j: u8, taps: Taps) -> impl IntoView {
    let state = AppState::get();
    let go = page_action(move |_: &()| {
        let unsaved = taps.unsaved();
        let (org, cands, date) = d.with_value(|d| {
            (d.session.meta.org.clone(), d.candidates.iter().map(|c| c.meta.id.clone()).collect::<Vec<_>>(), d.session.date.clone())
        });
        let device = device_id();
        async move {
            if unsaved > 0 {
                return Err(format!("ยังมีคะแนน {unsaved} รายการที่บันทึกไม่เสร็จ — รอให้บันทึกก่อนแล้วส่งออกอีกครั้ง").into());
            }
            let all: Vec<MarkRecord> = state.store().list(Some(&org)).await?;
            let mine: Vec<MarkRecord> = all.into_iter().filter(|m| m.device == device && cands.contains(&m.candidate)).collect();
            let now = now_iso();
            let name = format!("marks-{date}-j{j}-{}-{}.json", identity::short(&device), now[11..19].replace(':', ""));
            download(&name, "application/json", &marks_file(&org, &now, &mine))?;
            Ok(format!("ส่งออกคะแนน {} รายการแล้ว: {name}", mine.len()))
        }
    });
    view! {
        <section class="card no-print">
            <h2>"ส่งคะแนนให้หัวหน้าผู้ทดสอบ"</h2>
            <p class="muted">"ไม่ต้องใช้เครือข่าย: ส่งออกเป็นไฟล์ แล้วส่งไฟล์ให้แท็บเล็ตของหัวหน้าผู้ทดสอบ (สาย USB, AirDrop, แฟลชไดรฟ์) เพื่อนำเข้า — ส่งซ้ำได้ ไม่เกิดคะแนนซ้ำ"</p>
            <button type="button" data-testid="judge-export" on:click=move |_| { go.dispatch_local(()); }>"ส่งออกไฟล์คะแนนของเครื่องนี้"</button>
            {message(outcome(go))}
        </section>
    }
}
