//! The standard's own data (occupation, level, definitions, conditions, working group) and its pass criteria.

use leptos::prelude::*;
use crate::domain::numbers::Kind;
use crate::domain::section26::fields::{members_text, parse_lines, parse_members};
use crate::domain::section26::standard::level_text;
use crate::domain::section26::verdict::{Criteria, Model};
use rust_decimal::Decimal;
use crate::ui::widgets::number_field;

use super::model::{DraftStoreFields, Top};
use super::{bind, text_area, text_box, Ctx};

/// A labelled text box (a text area when `wide`) bound to a text field of the standard.
fn text_field(ctx: Ctx, label: &'static str, field: Top<String>, id: &'static str, wide: bool) -> impl IntoView {
    let (value, on) = bind(ctx, field, |s| s, |s| s);
    let id = Signal::from(id.to_string());
    view! {
        <label class=if wide { "field wide" } else { "field" }>
            <span>{label}</span>
            {if wide { text_area(value, id, on).into_any() } else { text_box(value, id, on).into_any() }}
        </label>
    }
}

/// A labelled text area whose text is parsed into the field (lines, members): it keeps the text as typed.
fn parsed_area(label: &'static str, initial: String, testid: &'static str, on: impl Fn(String) + 'static) -> impl IntoView {
    view! {
        <label class="field wide">
            <span>{label}</span>
            <textarea rows="2" data-testid=testid on:input=move |ev| on(event_target_value(&ev))>{initial}</textarea>
        </label>
    }
}

pub(super) fn header(ctx: Ctx) -> impl IntoView {
    let store = ctx.store;
    let level = store.level().get_untracked();
    let field = move |label, f: Top<String>, id, wide| text_field(ctx, label, f, id, wide);
    view! {
        <section class="card" id="header">
            <h2>"ข้อมูลมาตรฐาน"</h2>
            <div class="fields">
                {field("สาขาอาชีพ", store.occupation(), "s26-occupation", false)}
                {field("สาขา", store.branch(), "s26-branch", false)}
                <label class="field"><span>"ระดับ"</span>
                    <select data-testid="s26-level" prop:value=move || store.level().get().to_string() on:change=move |ev| {
                        let v = event_target_value(&ev).parse().unwrap_or(1);
                        ctx.edit(store.level(), |l| *l = v);
                    }>
                        {(1..=6u8).map(|l| view! { <option value=l selected=l == level>{l}</option> }).collect_view()}
                    </select>
                </label>
                {field("หน่วยงานผู้ยื่นขอรับรอง", store.applicant(), "s26-applicant", false)}
            </div>
            <p class="note">"ระดับ " {move || store.level().get()} ": " {move || level_text(store.level().get()).unwrap_or("")}</p>
            <div class="fields">
                {field("คำจำกัดความของมาตรฐานฝีมือแรงงาน", store.definition_standard(), "s26-def-standard", true)}
                {field("คำจำกัดความของสาขาอาชีพ", store.definition_occupation(), "s26-def-occupation", true)}
                {field("ขอบเขตของมาตรฐาน", store.scope(), "s26-scope", true)}
                {field("คุณสมบัติของผู้ทดสอบ", store.tester_qualifications(), "s26-tester-q", true)}
                {field("คุณสมบัติของผู้เข้ารับการทดสอบ", store.candidate_qualifications(), "s26-candidate-q", true)}
                {field("ลักษณะการทดสอบ", store.test_character(), "s26-character", true)}
                {number_field("ประสบการณ์ที่ต้องมี (เดือน)".into(), Kind::Months, Some(store.required_experience_months().get_untracked().into()), "s26-experience".into(), || false,
                    move |v| ctx.edit(store.required_experience_months(), |m| *m = v.and_then(|d| d.try_into().ok()).unwrap_or(0)))}
                {parsed_area("เงื่อนไขอื่น (บรรทัดละหนึ่งข้อ ตอบใช่/ไม่ใช่)", store.conditions().with_untracked(|c| c.join("\n")), "s26-conditions",
                    move |v| ctx.edit(store.conditions(), |c| *c = parse_lines(&v)))}
                {parsed_area("คณะทำงาน (บรรทัดละคน: ชื่อ, ตำแหน่ง)", store.working_group().with_untracked(|g| members_text(g)), "s26-group",
                    move |v| ctx.edit(store.working_group(), |g| *g = parse_members(&v)))}
            </div>
        </section>
    }
}

pub(super) fn criteria(ctx: Ctx) -> impl IntoView {
    let criteria = ctx.store.criteria();
    let c = criteria.get_untracked();
    let field = move |label: &'static str, v: Decimal, id: &'static str, set: fn(&mut Criteria, Decimal)| {
        number_field(label.into(), Kind::Percent, Some(v), id.into(), || false, move |v| ctx.edit(criteria, |c| set(c, v.unwrap_or_default())))
    };
    view! {
        <section class="card" id="criteria">
            <h2>"หลักเกณฑ์การผ่าน (หนังสือรับรอง)"</h2>
            <label class="field"><span>"แบบ"</span>
                <select data-testid="s26-model" prop:value=move || u8::from(criteria.with(|c| c.model)).to_string() on:change=move |ev| {
                    let m = Model::try_from(event_target_value(&ev).parse::<u8>().unwrap_or(1)).unwrap_or_default();
                    ctx.edit(criteria, |c| c.model = m);
                }>
                    {[Model::One, Model::Two, Model::Three].into_iter().map(|m| view! {
                        <option value=u8::from(m) selected=m == c.model>{m.describe()}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="fields">
                {field("น้ำหนักภาคความรู้ wK (%)", c.w_k, "s26-wk", |c, v| c.w_k = v)}
                {field("น้ำหนักภาคความสามารถ wS (%)", c.w_s, "s26-ws", |c, v| c.w_s = v)}
                {field("เกณฑ์ภาคความรู้ tK (%)", c.t_k, "s26-tk", |c, v| c.t_k = v)}
                {field("เกณฑ์ภาคความสามารถ tS (%)", c.t_s, "s26-ts", |c, v| c.t_s = v)}
                {field("เกณฑ์คะแนนรวม tT (%)", c.t_t, "s26-tt", |c, v| c.t_t = v)}
                {number_field("เกณฑ์ผ่านแต่ละโมดูล (%) — ว่าง = ไม่กำหนด".into(), Kind::Percent, c.module_threshold, "s26-module-threshold".into(), || false,
                    move |v| ctx.edit(criteria, |c| c.module_threshold = v))}
            </div>
            {move || (criteria.with(|c| c.model) == Model::Three).then(|| view! {
                <p class="note" data-testid="s26-model3-note">"แบบที่ 3 ไม่มีเกณฑ์ภาคความสามารถ: เกณฑ์ผ่านแต่ละโมดูลข้างต้นไม่ใช้ โมดูลผ่านตามเกณฑ์ที่ตั้งไว้ในโมดูลนั้นเอง (ถ้ามี) และจุดสำคัญ"</p>
            })}
            {move || criteria.with(|c| c.problems()).into_iter().map(|p| view! { <p class="msg error">{p}</p> }).collect_view()}
        </section>
    }
}
