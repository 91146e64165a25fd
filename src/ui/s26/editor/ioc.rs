//! Item–objective congruence: each expert's rating of each bank item, and each item's IOC.

use leptos::prelude::*;
use crate::domain::section26::fields::parse_list;

use super::Ctx;

pub(super) fn ioc(ctx: Ctx) -> impl IntoView {
    let experts = ctx.get_untracked(|s| s.ioc.experts.join(", "));
    view! {
        <section class="card" id="ioc">
            <h2>"ดัชนีความสอดคล้อง (IOC)"</h2>
            <p class="muted">"+1 แน่ใจว่าวัดตรงวัตถุประสงค์ · 0 ไม่แน่ใจ · −1 แน่ใจว่าไม่ได้วัด — IOC ต่ำกว่า 0.50 ควรปรับปรุง"</p>
            <label class="field"><span>"ผู้เชี่ยวชาญ (คั่นด้วย ,)"</span>
                <input type="text" value=experts data-testid="s26-experts" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    ctx.restructure(|s| s.ioc.experts = parse_list(&v));
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
                                    ctx.edit(|s| s.ioc.set_rating(item, e, v));
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
