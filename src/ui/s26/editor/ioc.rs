//! Item–objective congruence: each expert's rating of each bank item, and each item's IOC.

use leptos::prelude::*;
use crate::domain::section26::fields::parse_list;

use super::model::DraftStoreFields;
use super::{rows_of, Ctx};

pub(super) fn ioc(ctx: Ctx) -> impl IntoView {
    let table = ctx.store.ioc();
    let experts = table.with_untracked(|t| t.experts.join(", "));
    let names = move || table.with(|t| t.experts.clone());
    // Each bank item's IOC, in bank order.
    let results = Memo::new(move |_| table.with(|t| ctx.store.bank().with(|b| b.iter().map(|i| (i.id, t.item(i.id))).collect::<Vec<_>>())));
    let ids = Signal::derive(move || results.with(|r| r.iter().map(|(id, _)| *id).collect()));
    let row = move |item: u32| {
        let result = move || results.with(|r| r.iter().find(|(id, _)| *id == item).map(|(_, r)| r.clone()));
        let rating = move |e: usize| table.with(|t| t.ratings.get(&item).and_then(|r| r.get(e).copied().flatten()));
        view! { <tr>
            <td>{format!("#{item}")}</td>
            {move || (0..table.with(|t| t.experts.len())).map(|e| {
                let now = untrack(move || rating(e));
                view! { <td><select data-testid=format!("s26-ioc-{item}-{}", e + 1)
                    prop:value=move || rating(e).map(|k| k.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev).parse::<i8>().ok();
                        ctx.edit(table, |t| t.set_rating(item, e, v));
                    }>
                    <option value="" selected=now.is_none()>"–"</option>
                    {[1i8, 0, -1].into_iter().map(|k| view! { <option value=k selected=now == Some(k)>{if k > 0 { "+1".to_string() } else { k.to_string() }}</option> }).collect_view()}
                </select></td> }
            }).collect_view()}
            {move || match result() {
                Some(Ok(r)) => view! { <td class="n">{r.text.clone()}</td><td class=if r.usable { "ok" } else { "bad" }>{r.verdict()}</td> }.into_any(),
                Some(Err(e)) => view! { <td class="n">"–"</td><td class="muted">{e}</td> }.into_any(),
                None => ().into_any(),
            }}
        </tr> }
        .into_any()
    };
    view! {
        <section class="card" id="ioc">
            <h2>"ดัชนีความสอดคล้อง (IOC)"</h2>
            <p class="muted">"+1 แน่ใจว่าวัดตรงวัตถุประสงค์ · 0 ไม่แน่ใจ · −1 แน่ใจว่าไม่ได้วัด — IOC ต่ำกว่า 0.50 ควรปรับปรุง"</p>
            <label class="field"><span>"ผู้เชี่ยวชาญ (คั่นด้วย ,)"</span>
                <input type="text" value=experts data-testid="s26-experts" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.edit(table, |t| t.experts = parse_list(&v));
                }/>
            </label>
            <div class="table-wrap"><table class="grid">
                <thead><tr><th>"ข้อ"</th>{move || names().into_iter().map(|e| view! { <th>{e}</th> }).collect_view()}<th class="n">"IOC"</th><th>"ผล"</th></tr></thead>
                <tbody>{rows_of(ids, Callback::new(move |(_, item)| row(item)))}</tbody>
            </table></div>
        </section>
    }
}
