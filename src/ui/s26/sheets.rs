//! Printable A4 sheets of a session: the score summary sheet (ใบสรุปผลคะแนน, seed form (15)) with one row per
//! candidate, and one score sheet per candidate with every module's items, marks and points. Dates in พ.ศ.

use leptos::prelude::*;
use crate::domain::section26::marking::{mark_item, ItemKind, ItemMark, ItemOutcome};
use crate::domain::section26::verdict::pass_text;

use super::session::{candidate_input, results};
use super::{load_session, loader, thai_date, with_loaded, SessionData};
use crate::ui::route::Route;

#[component]
pub fn Summary(id: String) -> impl IntoView {
    let data = loader(move |store| load_session(store, id.clone()));
    with_loaded(data, body)
}

fn body(d: SessionData) -> impl IntoView {
    let s = &d.standard.standard;
    let heading = format!("สาขาอาชีพ{} สาขา{} ระดับ {}", s.occupation, s.branch, s.level);
    let modules = s.modules.clone();
    let rows = results(&d);
    view! {
        <p class="no-print">
            <button type="button" data-testid="s26-print" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button>
            " " <a href=Route::S26Session(d.session.meta.id.clone()).href()>"กลับไปรอบทดสอบ"</a>
        </p>
        <div class="report s26-summary" data-testid="s26-summary">
            <h1>"ใบสรุปผลคะแนนการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
            <p class="meta">{heading.clone()}</p>
            <p class="meta">"ชื่อหน่วยงานของผู้ยื่นขอรับรอง " {s.applicant.clone()}</p>
            <p class="meta" data-testid="s26-summary-date">"วันที่ " {thai_date(&d.session.date)} " · สถานที่ทดสอบ " {d.session.place.clone()}</p>
            <table class="grid s26-form15">
                <thead>
                    <tr><th rowspan="2">"ลำดับ"</th><th rowspan="2">"ชื่อ-สกุล"</th><th colspan="2">"ภาคความรู้"</th>
                        {modules.iter().map(|m| view! { <th colspan="2">{format!("โมดูล {}", m.id)}</th> }).collect_view()}
                        <th rowspan="2">"ความรู้ %"</th><th rowspan="2">"ความสามารถ %"</th><th rowspan="2">"รวม %"</th><th rowspan="2">"ผลการทดสอบ"</th><th rowspan="2">"หมายเหตุ"</th></tr>
                    <tr><th>"คะแนน"</th><th>"ผ่าน/ไม่ผ่าน"</th>{modules.iter().map(|_| view! { <th>"คะแนน"</th><th>"ผ่าน/ไม่ผ่าน"</th> }).collect_view()}</tr>
                </thead>
                <tbody>{rows.iter().enumerate().map(|(i, (c, r))| {
                    let v = &r.verdict;
                    view! { <tr>
                        <td class="n">{i + 1}</td><td>{c.person.name.clone()}</td>
                        <td class="n">{r.correct}</td><td>{pass_text(v.knowledge_pass)}</td>
                        {r.modules.iter().map(|m| view! { <td class="n">{m.points.to_string()}</td><td>{if m.is_final() { pass_text(m.pass) } else { "รอ" }}</td> }).collect_view()}
                        <td class="n">{v.knowledge.text()}</td><td class="n">{v.skill.text()}</td><td class="n">{v.total.text()}</td>
                        <td>{if v.complete { pass_text(v.pass) } else { "ยังสรุปไม่ได้" }}</td>
                        <td class="small">{v.reasons.join("; ")}</td>
                    </tr> }
                }).collect_view()}</tbody>
            </table>
            <p class="note">{s.criteria.model.describe()} {format!(" (ความรู้ ≥ {} %, ความสามารถ ≥ {} %, รวม ≥ {} %; น้ำหนัก {}:{})", s.criteria.t_k, s.criteria.t_s, s.criteria.t_t, s.criteria.w_k, s.criteria.w_s)}</p>
            <p class="signature">"ลงชื่อ ........................................................ ผู้ทดสอบมาตรฐานฝีมือแรงงาน"<br/>"(" {d.session.tester.clone()} ")"</p>
        </div>
        {d.candidates.iter().map(|c| {
            let input = candidate_input(&d, c);
            view! {
                <div class="report page-break s26-scoresheet">
                    <h2>"ใบให้คะแนนการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26 ภาคความสามารถ"</h2>
                    <p class="meta">{heading.clone()}</p>
                    <p>"ชื่อ-สกุล " {c.person.name.clone()} " หมายเลข " {c.person.number.clone()} " · วันที่ " {thai_date(&d.session.date)}</p>
                    {modules.iter().map(|m| {
                        let marks = input.practical.get(&m.id).cloned().unwrap_or_default();
                        view! {
                            <h3>{format!("โมดูลที่ {} {}", m.id, m.name)}</h3>
                            <table class="grid">
                                <thead><tr><th>"ที่"</th><th>"รายการ"</th><th class="n">"คะแนนเต็ม"</th><th>"ค่าที่ได้ / กรรมการ"</th><th class="n">"คะแนนที่ได้"</th></tr></thead>
                                <tbody>{m.items.iter().map(|it| {
                                    let mark = marks.get(&it.id);
                                    let shown = match (mark, &it.kind) {
                                        (Some(ItemMark::Judges(j)), _) => j.iter().map(u8::to_string).collect::<Vec<_>>().join(", "),
                                        (Some(ItemMark::Measured(v)), ItemKind::Measurement { nominal, tolerance }) => format!("{v} ({nominal} ± {tolerance})"),
                                        (Some(ItemMark::Done(ok)), ItemKind::Critical) => pass_text(*ok).to_string(),
                                        (Some(ItemMark::Done(ok)), _) => if *ok { "ถูกต้อง".into() } else { "ไม่ถูกต้อง".into() },
                                        _ => "–".into(),
                                    };
                                    let points = match mark_item(it, mark) {
                                        ItemOutcome::Final { points, .. } => points.to_string(),
                                        ItemOutcome::Pending(why) => why,
                                    };
                                    view! { <tr><td>{it.id.clone()}</td><td>{it.title.clone()}</td><td class="n">{it.full.to_string()}</td><td>{shown}</td><td class="n">{points}</td></tr> }
                                }).collect_view()}</tbody>
                            </table>
                        }
                    }).collect_view()}
                    <p class="signature">"ลงชื่อผู้ทดสอบมาตรฐานฝีมือแรงงาน ........................................................"</p>
                </div>
            }
        }).collect_view()}
    }
}
