//! The practical modules and their items (kind, full mark, measurement tolerance).

use leptos::prelude::*;
use crate::domain::numbers::Kind;
use crate::domain::section26::edit::{new_module, new_practical_item, Row};
use crate::domain::section26::marking::{ItemKind, MIN_JUDGES};
use rust_decimal::Decimal;
use crate::ui::widgets::{number_field, number_input};
use crate::routes::S26PrintRoute;

use super::model::{DraftStoreFields, ItemAt, ModuleAt, Place};
use super::{bind, row_tools, rows_of, testid, text_box, Ctx};

fn kind_value(kind: &ItemKind) -> &'static str {
    match kind {
        ItemKind::Measurement { .. } => "measurement",
        ItemKind::YesNo => "yes_no",
        ItemKind::Critical => "critical",
        ItemKind::Judgement => "judgement",
    }
}

fn practical_item(ctx: Ctx, m: ReadSignal<usize>, i: ReadSignal<usize>, item: ItemAt, len: Signal<usize>) -> AnyView {
    let id = move |f: &'static str| testid(move || format!("s26-mod-{}-item-{}-{f}", m.get() + 1, i.get() + 1));
    let (code, full, kind) = untrack(|| item.read_with(|it| (it.id.clone(), it.full, kind_value(&it.kind)))).unwrap_or_default();
    let (title, on_title) = bind(ctx, item, |it| &it.title, |it| &mut it.title);
    // The measurement boxes are there while the item is a measurement; they are not rebuilt while typing in them.
    let measurement = Memo::new(move |_| item.read_with(|it| matches!(it.kind, ItemKind::Measurement { .. })).unwrap_or(false));
    view! {
        <tr>
            <td>{code.clone()}</td>
            <td><label><span class="visually-hidden">{format!("ชื่อรายการ {code}")}</span>{text_box(title, id("title"), on_title)}</label></td>
            <td><select data-testid=id("kind") aria-label=format!("ชนิดของรายการ {code}") prop:value=move || item.read_with(|it| kind_value(&it.kind)).unwrap_or("judgement") on:change=move |ev| {
                let kind = match event_target_value(&ev).as_str() {
                    "measurement" => ItemKind::Measurement { nominal: Decimal::ZERO, tolerance: Decimal::ONE },
                    "yes_no" => ItemKind::YesNo,
                    "critical" => ItemKind::Critical,
                    _ => ItemKind::Judgement,
                };
                ctx.edit(item, |it| it.kind = kind);
            }>
                {[("judgement", ItemKind::Judgement.label()), ("measurement", "วัดค่า"), ("yes_no", ItemKind::YesNo.label()), ("critical", ItemKind::Critical.label())]
                    .into_iter().map(|(v, l)| view! { <option value=v selected=v == kind>{l}</option> }).collect_view()}
            </select></td>
            // Typed numbers are checked against their bounds (crate::domain::numbers::BOUNDS): a bad one is shown
            // naming the field and is not saved.
            <td>{number_input(format!("คะแนนเต็มของรายการ {code}"), Kind::FullMark, Some(full), id("full"), Some("คะแนนเต็ม"), || false,
                move |v| if let Some(v) = v { ctx.edit(item, |it| it.full = v) }, |_| {})}</td>
            <td>{move || measurement.get().then(|| {
                let (n, t) = untrack(|| item.read_with(|it| match it.kind {
                    ItemKind::Measurement { nominal, tolerance } => (nominal, tolerance),
                    _ => (Decimal::ZERO, Decimal::ONE),
                })).unwrap_or_default();
                view! {
                    {number_input("ค่าปกติ".into(), Kind::Measurement, Some(n), id("nominal"), Some("ค่าปกติ"), || false,
                        move |v| if let Some(v) = v { ctx.edit(item, |it| if let ItemKind::Measurement { nominal, .. } = &mut it.kind { *nominal = v; }) }, |_| {})}
                    " ± "
                    {number_input("ความคลาดเคลื่อน".into(), Kind::Tolerance, Some(t), id("tolerance"), Some("ความคลาดเคลื่อน"), || false,
                        move |v| if let Some(v) = v { ctx.edit(item, |it| if let ItemKind::Measurement { tolerance, .. } = &mut it.kind { *tolerance = v; }) }, |_| {})}
                }
            })}</td>
            <td>{row_tools(ctx, Signal::derive(move || Row::PracticalItem(m.get(), i.get())), len,
                Signal::derive(move || format!("รายการ {code} ของโมดูล {}", m.get() + 1)))}</td>
        </tr>
    }
    .into_any()
}

fn module_block(ctx: Ctx, m: ReadSignal<usize>, module: ModuleAt, len: Signal<usize>) -> AnyView {
    let (code, threshold) = untrack(|| module.read_with(|x| (x.id.clone(), x.threshold))).unwrap_or_default();
    let (name, on_name) = bind(ctx, module, |x| &x.name, |x| &mut x.name);
    let items = Signal::derive(move || module.read_with(|x| x.items.iter().map(|i| i.id.clone()).collect()).unwrap_or_default());
    let count = Signal::derive(move || items.with(Vec::len));
    view! {
        <div class="s26-module">
            <div class="fields">
                <label class="field"><span>"โมดูล " {code.clone()}</span>
                    {text_box(name, testid(move || format!("s26-mod-{}-name", m.get() + 1)), on_name)}
                </label>
                {number_field("เกณฑ์ผ่านโมดูลนี้ (%) — ว่าง = ใช้เกณฑ์ร่วม".into(), Kind::Percent, threshold, testid(move || format!("s26-mod-{}-threshold", m.get() + 1)), || false,
                    move |v| ctx.edit(module, |x| x.threshold = v))}
                {row_tools(ctx, Signal::derive(move || Row::Module(m.get())), len, Signal::from(format!("โมดูล {code}")))}
            </div>
            {super::practical_paper::paper_fields(ctx, m, module)}
            <div class="table-wrap"><table class="grid">
                <thead><tr><th>"ที่"</th><th>"รายการ / เกณฑ์"</th><th>"ชนิด"</th><th>"คะแนนเต็ม"</th><th>"ค่าปกติ ± คลาดเคลื่อน"</th><th></th></tr></thead>
                <tbody>{rows_of(items, Callback::new(move |(i, id)| practical_item(ctx, m, i, ItemAt { module, id: StoredValue::new(id) }, count)))}</tbody>
            </table></div>
            <button type="button" class="secondary" data-testid=move || format!("s26-mod-{}-add-item", m.get() + 1) on:click=move |_| {
                let m = m.get_untracked();
                ctx.restructure(|s| {
                    if let Some(module) = s.modules.get_mut(m) {
                        let item = new_practical_item(module);
                        module.items.push(item);
                    }
                })
            }>"+ รายการ"</button>
        </div>
    }
    .into_any()
}

pub(super) fn practical(ctx: Ctx) -> impl IntoView {
    let store = ctx.store;
    let modules = Signal::derive(move || store.modules().with(|ms| ms.iter().map(|m| m.id.clone()).collect()));
    let count = Signal::derive(move || modules.with(Vec::len));
    view! {
        <section class="card" id="practical">
            <h2>"แบบทดสอบภาคความสามารถและใบให้คะแนน"</h2>
            <p class="muted">"ข้อที่กรรมการให้คะแนน 0–3 ต้องมีกรรมการอย่างน้อย " {MIN_JUDGES} " คน: C = A × B ÷ (N × 3) ปัดครึ่งขึ้น 3 ตำแหน่ง; คะแนนสูงสุดกับต่ำสุดห้ามต่างกันเกิน 1"</p>
            {rows_of(modules, Callback::new(move |(m, id)| module_block(ctx, m, ModuleAt { store, id: StoredValue::new(id) }, count)))}
            <button type="button" data-testid="s26-add-module" on:click=move |_| ctx.restructure(|s| {
                let module = ctx.images.with_untracked(|images| new_module(s, images));
                s.modules.push(module);
            })>"+ โมดูล"</button>
            " " <a class="button secondary" href=move || S26PrintRoute::Practical(store.meta().with(|m| m.id.clone())).href() data-testid="s26-practical-link">"พิมพ์แบบทดสอบภาคความสามารถ"</a>
        </section>
    }
}
