//! The standard's way to certification: the handbook's steps (`domain::section26::certification::STEPS`) as a
//! timeline, each with its date and note, and the steps out of order named.

use leptos::prelude::*;
use crate::domain::section26::certification::STEPS;
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
