//! Task weights from several raters and the item allocation they give.

use leptos::prelude::*;
use crate::domain::section26::dacum::tasks;
use crate::domain::section26::fields::parse_list;
use crate::domain::section26::weights::{CRITERIA, MAX_RATING};
use rust_decimal::Decimal;

use super::Ctx;

pub(super) fn weights(ctx: Ctx) -> impl IntoView {
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
                        ctx.restructure(|s| s.weights.raters = parse_list(&v));
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
                                        ctx.edit(|s| s.weights.set_rating(task, r, c, v));
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
