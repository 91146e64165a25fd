//! The standard's way to certification: the handbook's steps (`domain::section26::certification::STEPS`) as a
//! timeline, each with its date and note, and the steps out of order named; the request form (แบบ รมฐ.1) to print,
//! and the office's check of it (แบบ รมฐ.2): its 16 items ticked here, saved with the standard, and printed.

use leptos::prelude::*;
use crate::domain::section26::certification::STEPS;
use crate::domain::section26::forms::CHECK_ITEMS;
use crate::routes::S26PrintRoute;
use crate::ui::widgets::thai_date_input;

use super::model::DraftStoreFields;
use super::Ctx;

pub(super) fn certification(ctx: Ctx) -> impl IntoView {
    let cert = ctx.store.certification();
    view! {
        <section class="card" id="certification">
            <h2>"สถานะการขอรับรองมาตรฐาน"</h2>
            <p data-testid="s26-cert-status">{move || cert.with(|c| c.summary())}</p>
            <ol class="s26-timeline">
                {STEPS.iter().enumerate().map(|(i, (what, who))| {
                    let step = move || cert.with(|c| c.step(i));
                    let done = move || !step().date.trim().is_empty();
                    view! {
                        <li class:done=done>
                            <strong>{*what}</strong> <span class="muted small">{format!(" ({who})")}</span>
                            <div class="fields">
                                // A refused date changes nothing (the box names it), as the number boxes do.
                                {thai_date_input("วันที่", untrack(step).date, format!("s26-step-{}-date", i + 1), move |d| {
                                    if let Ok(v) = d {
                                        ctx.edit(cert, |c| c.set(i, |s| s.date = v))
                                    }
                                })}
                                <label class="field wide"><span>"บันทึก"</span>
                                    <input type="text" data-testid=format!("s26-step-{}-note", i + 1) prop:value=move || step().note
                                        on:input=move |ev| { let v = event_target_value(&ev); ctx.edit(cert, |c| c.set(i, |s| s.note = v)) }/>
                                </label>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {move || cert.with(|c| c.problems()).into_iter().map(|p| view! { <p class="msg warn">{p}</p> }).collect_view()}
        </section>
    }
}

/// The request form to print and the office's check form: 16 boxes to tick and a note, each edit saved like any
/// other; the printed รมฐ.2 shows them.
pub(super) fn office_check(ctx: Ctx) -> impl IntoView {
    let check = ctx.store.office_check();
    let id = ctx.store.meta().with_untracked(|m| m.id.clone());
    view! {
        <section class="card" id="office-check">
            <h2>"คำขอให้รับรอง (แบบ รมฐ.1) และแบบตรวจคำขอ (แบบ รมฐ.2)"</h2>
            <p>
                <a class="button secondary" href=S26PrintRoute::Request(id.clone()).href() data-testid="s26-request-link">"พิมพ์แบบ รมฐ.1"</a> " "
                <a class="button secondary" href=S26PrintRoute::Check(id).href() data-testid="s26-check-link">"พิมพ์แบบ รมฐ.2"</a>
            </p>
            <p class="muted">"สำหรับเจ้าหน้าที่ สพร./สนพ.: ทำเครื่องหมายรายการที่ตรวจแล้วถูกต้องครบถ้วน"</p>
            <ol class="s26-office-check" data-testid="s26-office-check">
                {CHECK_ITEMS.iter().enumerate().map(|(i, (text, _))| {
                    let n = i as u8 + 1;
                    view! {
                        <li><label>
                            <input type="checkbox" data-testid=format!("s26-check-{n}") prop:checked=move || check.with(|c| c.is_ticked(n))
                                on:change=move |ev| { let on = event_target_checked(&ev); ctx.edit(check, |c| c.set(n, on)) }/>
                            " " {*text}
                        </label></li>
                    }
                }).collect_view()}
            </ol>
            <p data-testid="s26-office-check-count">{move || format!("ตรวจแล้ว {} จาก {} รายการ", check.with(|c| c.ticked.len()), CHECK_ITEMS.len())}</p>
            <label class="field wide"><span>"ผลการตรวจ / แจ้งผู้ยื่นคำขอ"</span>
                <input type="text" data-testid="s26-check-note" prop:value=move || check.with(|c| c.note.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); ctx.edit(check, |c| c.note = v) }/>
            </label>
        </section>
    }
}
