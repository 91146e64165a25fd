//! The standard's own data (occupation, level, definitions, conditions, working group) and its pass criteria.

use leptos::prelude::*;
use crate::domain::numbers::Kind;
use crate::domain::section26::fields::{members_text, parse_lines, parse_members};
use crate::domain::section26::standard::{level_text, Standard};
use crate::domain::section26::verdict::Model;
use rust_decimal::Decimal;
use crate::ui::s26::{area_field, text_field};
use crate::ui::widgets::number_field;

use super::Ctx;

pub(super) fn header(ctx: Ctx) -> impl IntoView {
    let s = ctx.get_untracked(Clone::clone);
    view! {
        <section class="card" id="header">
            <h2>"ข้อมูลมาตรฐาน"</h2>
            <div class="fields">
                {text_field("สาขาอาชีพ", s.occupation.clone(), "s26-occupation", move |v| ctx.edit(|s| s.occupation = v))}
                {text_field("สาขา", s.branch.clone(), "s26-branch", move |v| ctx.edit(|s| s.branch = v))}
                <label class="field"><span>"ระดับ"</span>
                    <select data-testid="s26-level" on:change=move |ev| {
                        let v = event_target_value(&ev).parse().unwrap_or(1);
                        ctx.edit(|s| s.level = v);
                    }>
                        {(1..=6u8).map(|l| view! { <option value=l selected=l == s.level>{l}</option> }).collect_view()}
                    </select>
                </label>
                {text_field("หน่วยงานผู้ยื่นขอรับรอง", s.applicant.clone(), "s26-applicant", move |v| ctx.edit(|s| s.applicant = v))}
            </div>
            <p class="note">"ระดับ " {move || ctx.get(|s| s.level)} ": " {move || ctx.get(|s| level_text(s.level).unwrap_or(""))}</p>
            <div class="fields">
                {area_field("คำจำกัดความของมาตรฐานฝีมือแรงงาน", s.definition_standard.clone(), "s26-def-standard", move |v| ctx.edit(|s| s.definition_standard = v))}
                {area_field("คำจำกัดความของสาขาอาชีพ", s.definition_occupation.clone(), "s26-def-occupation", move |v| ctx.edit(|s| s.definition_occupation = v))}
                {area_field("ขอบเขตของมาตรฐาน", s.scope.clone(), "s26-scope", move |v| ctx.edit(|s| s.scope = v))}
                {area_field("คุณสมบัติของผู้ทดสอบ", s.tester_qualifications.clone(), "s26-tester-q", move |v| ctx.edit(|s| s.tester_qualifications = v))}
                {area_field("คุณสมบัติของผู้เข้ารับการทดสอบ", s.candidate_qualifications.clone(), "s26-candidate-q", move |v| ctx.edit(|s| s.candidate_qualifications = v))}
                {area_field("ลักษณะการทดสอบ", s.test_character.clone(), "s26-character", move |v| ctx.edit(|s| s.test_character = v))}
                {number_field("ประสบการณ์ที่ต้องมี (เดือน)".into(), Kind::Months, Some(s.required_experience_months.into()), "s26-experience".into(), || false,
                    move |v| ctx.edit(|s| s.required_experience_months = v.and_then(|d| d.try_into().ok()).unwrap_or(0)))}
                {area_field("เงื่อนไขอื่น (บรรทัดละหนึ่งข้อ ตอบใช่/ไม่ใช่)", s.conditions.join("\n"), "s26-conditions",
                    move |v| ctx.edit(|s| s.conditions = parse_lines(&v)))}
                {area_field("คณะทำงาน (บรรทัดละคน: ชื่อ, ตำแหน่ง)", members_text(&s.working_group), "s26-group",
                    move |v| ctx.edit(|s| s.working_group = parse_members(&v)))}
            </div>
        </section>
    }
}

pub(super) fn criteria(ctx: Ctx) -> impl IntoView {
    let c = ctx.get_untracked(|s| s.criteria.clone());
    let field = |label: &'static str, v: Decimal, id: &'static str, set: fn(&mut Standard, Decimal)| {
        number_field(label.into(), Kind::Percent, Some(v), id.into(), || false, move |v| ctx.edit(|s| set(s, v.unwrap_or_default())))
    };
    view! {
        <section class="card" id="criteria">
            <h2>"หลักเกณฑ์การผ่าน (หนังสือรับรอง)"</h2>
            <label class="field"><span>"แบบ"</span>
                <select data-testid="s26-model" on:change=move |ev| {
                    let m = Model::try_from(event_target_value(&ev).parse::<u8>().unwrap_or(1)).unwrap_or_default();
                    ctx.edit(|s| s.criteria.model = m);
                }>
                    {[Model::One, Model::Two, Model::Three].into_iter().map(|m| view! {
                        <option value=u8::from(m) selected=m == c.model>{m.describe()}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="fields">
                {field("น้ำหนักภาคความรู้ wK (%)", c.w_k, "s26-wk", |s, v| s.criteria.w_k = v)}
                {field("น้ำหนักภาคความสามารถ wS (%)", c.w_s, "s26-ws", |s, v| s.criteria.w_s = v)}
                {field("เกณฑ์ภาคความรู้ tK (%)", c.t_k, "s26-tk", |s, v| s.criteria.t_k = v)}
                {field("เกณฑ์ภาคความสามารถ tS (%)", c.t_s, "s26-ts", |s, v| s.criteria.t_s = v)}
                {field("เกณฑ์คะแนนรวม tT (%)", c.t_t, "s26-tt", |s, v| s.criteria.t_t = v)}
                {number_field("เกณฑ์ผ่านแต่ละโมดูล (%) — ว่าง = ไม่กำหนด".into(), Kind::Percent, c.module_threshold, "s26-module-threshold".into(), || false,
                    move |v| ctx.edit(|s| s.criteria.module_threshold = v))}
            </div>
            {move || ctx.get(|s| s.criteria.problems()).into_iter().map(|p| view! { <p class="msg error">{p}</p> }).collect_view()}
        </section>
    }
}
