//! The item bank with its three rules, and the reproducible draw of a test from it (assembly).

use leptos::prelude::*;
use crate::domain::numbers::Kind;
use crate::domain::section26::bank::{check_bank, BankItem, LETTERS};
use crate::domain::section26::dacum::tasks;
use crate::domain::section26::edit::Row;
use rust_decimal::Decimal;
use crate::routes::S26Route;
use crate::ui::widgets::number_field;

use super::{row_tools, Ctx};

pub(super) fn bank_item(ctx: Ctx, i: usize, item: BankItem, task_codes: Vec<(u32, String)>) -> impl IntoView {
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
                            ctx.edit(|s| s.bank[i].set_option(o, v));
                        }/>
                    </label>
                }).collect_view()}
            </div>
            {move || ctx.get(|s| s.bank.get(i).map(|b| b.problems(&s.duties)).unwrap_or_default()).into_iter()
                .map(|p| view! { <p class="msg warn">{p}</p> }).collect_view()}
        </div>
    }
}

pub(super) fn bank(ctx: Ctx) -> impl IntoView {
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

pub(super) fn assembly(ctx: Ctx) -> impl IntoView {
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
