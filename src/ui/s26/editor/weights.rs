//! Task weights from several raters and the item allocation they give.

use leptos::prelude::*;
use crate::domain::section26::fields::parse_list;
use crate::domain::section26::weights::{CRITERIA, MAX_RATING};

use super::model::DraftStoreFields;
use super::{rows_of, Ctx};

/// The rows of one task in the weight table, one per rater: rebuilt when the task's code, the raters or the
/// criteria change; a rating shows as it changes.
fn task_rows(ctx: Ctx, task: u32) -> AnyView {
    let weights = ctx.store.weights();
    let shape = Memo::new(move |_| {
        let code = ctx.codes.with(|c| c.iter().find(|(id, _)| *id == task).map(|(_, code)| code.clone())).unwrap_or_default();
        weights.with(|w| (code, w.raters.clone(), w.criteria_count()))
    });
    let rating = move |rater: usize, c: usize| {
        weights.with(|w| w.ratings.get(&task).and_then(|rows| rows.get(rater)).and_then(|r| r.get(c).copied().flatten()))
    };
    (move || {
        let (code, raters, criteria) = shape.get();
        raters.into_iter().enumerate().map(|(rater, name)| {
            let who = format!("งานย่อย {code} โดย {name}");
            let label = move |c: usize| format!("{} {who}", CRITERIA[c]);
            view! {
            <tr>
                <td>{code.clone()}</td><td>{name}</td>
                {(0..criteria).map(|c| {
                    let now = untrack(move || rating(rater, c));
                    view! { <td><select data-testid=format!("s26-rate-{code}-{}-{}", rater + 1, c + 1) aria-label=label(c)
                        prop:value=move || rating(rater, c).map(|k| k.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            let v = event_target_value(&ev).parse::<u8>().ok();
                            ctx.edit(weights, |w| w.set_rating(task, rater, c, v));
                        }>
                        <option value="" selected=now.is_none()>"–"</option>
                        {(1..=MAX_RATING).map(|k| view! { <option value=k selected=now == Some(k)>{k}</option> }).collect_view()}
                    </select></td> }
                }).collect_view()}
            </tr>
        }}).collect_view()
    })
    .into_any()
}

pub(super) fn weights(ctx: Ctx) -> impl IntoView {
    let weights = ctx.store.weights();
    let (raters, training) = weights.with_untracked(|w| (w.raters.join(", "), w.use_training));
    let tasks = Signal::derive(move || ctx.codes.with(|c| c.iter().map(|(id, _)| *id).collect()));
    view! {
        <section class="card" id="weights">
            <h2>"น้ำหนักคะแนนและจำนวนข้อสอบต่องานย่อย"</h2>
            <p class="muted">"ให้คะแนน 1–" {MAX_RATING} " ต่อเกณฑ์ ผู้ให้น้ำหนักหลายคนใช้ค่าเฉลี่ย จำนวนข้อ = น้ำหนักงานย่อย ÷ ผลรวมน้ำหนัก × จำนวนข้อสอบ ปัดด้วยวิธีเศษเหลือมากที่สุด"</p>
            <div class="fields">
                <label class="field"><span>"ผู้ให้น้ำหนัก (คั่นด้วย ,)"</span>
                    <input type="text" value=raters data-testid="s26-raters" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.edit(weights, |w| w.raters = parse_list(&v));
                    }/>
                </label>
                <label class="check"><input type="checkbox" checked=training prop:checked=move || weights.with(|w| w.use_training) on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    ctx.edit(weights, |w| w.use_training = on);
                }/>" ใช้เกณฑ์ความต้องการการฝึกอบรม"</label>
            </div>
            <div class="table-wrap"><table class="grid">
                <thead><tr><th>"งานย่อย"</th><th>"ผู้ให้น้ำหนัก"</th>{move || CRITERIA[..weights.with(|w| w.criteria_count())].iter().map(|c| view! { <th>{*c}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows_of(tasks, Callback::new(move |(_, task)| task_rows(ctx, task)))}
                </tbody>
            </table></div>
            <div data-testid="s26-allocation">
                {move || ctx.allocation.with(|a| match a {
                    Err(e) => view! { <p class="msg warn">{e.clone()}</p> }.into_any(),
                    Ok(alloc) => {
                        // A change of codes or raters changes the allocation too, which re-renders this.
                        let codes = ctx.codes.get_untracked();
                        let raters = weights.with_untracked(|w| w.raters.len());
                        crate::ui::s26::manual::allocation_table(alloc, &codes, raters)
                    }
                })}
            </div>
        </section>
    }
}
