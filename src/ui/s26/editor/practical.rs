//! The practical modules and their items (kind, full mark, measurement tolerance).

use leptos::prelude::*;
use crate::domain::numbers::Kind;
use crate::domain::section26::edit::{next_id, Row};
use crate::domain::section26::marking::{ItemKind, Module, PracticalItem, MIN_JUDGES};
use rust_decimal::Decimal;
use crate::ui::widgets::{number_field, number_input};

use super::{row_tools, Ctx};

pub(super) fn practical_item(ctx: Ctx, m: usize, i: usize, item: PracticalItem) -> impl IntoView {
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

pub(super) fn practical(ctx: Ctx) -> impl IntoView {
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
