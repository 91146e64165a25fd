//! Printable A4 sheets of a session: the score summary sheet (ใบสรุปผลคะแนน, seed form (15)) with one row per
//! candidate, and one score sheet per candidate with every module's items, marks and points. Dates in พ.ศ. An item
//! is final only as on the chief tester's board: a conflict between two tablets prints `รอตัดสิน`, never a mark. The
//! summary sheet is also exported as an Excel workbook (`domain::section26::form15::workbook`, written by the
//! spreadsheet worker).

use leptos::prelude::*;
use crate::ui::data::loaded;
use crate::domain::judge::board::slot_text;
use crate::domain::judge::merge::slot_states;
use crate::domain::section26::marking::ItemKind;

use super::session::results;
use super::{session_page, thai_date, SessionData};
use crate::routes::S26SessionRoute;

#[component]
pub fn Summary(id: String) -> impl IntoView {
    loaded(session_page(id), |d| body(d).into_any())
}

fn body(d: SessionData) -> impl IntoView {
    let s = &d.standard.standard;
    let heading = format!("สาขาอาชีพ{} สาขา{} ระดับ {}", s.occupation, s.branch, s.level);
    let modules = s.modules.clone();
    // ลำดับ, ชื่อ, knowledge score and pass, two per module, the three percents, result, note.
    let columns = 9 + 2 * modules.len();
    let rows = results(&d);
    let states = slot_states(&d.marks);
    let judges = d.session.judges.len() as u8;
    let spec = crate::domain::section26::form15::workbook(&modules, &rows);
    let xlsx_name = format!("แบบ15-{}-{}.xlsx", s.occupation, d.session.date);
    let xlsx = crate::ui::action::page_action(move |_: &()| {
        let (name, spec) = (xlsx_name.clone(), spec.clone());
        async move {
            crate::ui::xlsx::download(&name, &spec).await?;
            Ok(format!("ส่งออกแล้ว: {name}"))
        }
    });
    view! {
        <p class="no-print">
            <button type="button" data-testid="s26-print" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button>
            " " <button type="button" class="secondary" data-testid="s26-form15-xlsx" prop:disabled=xlsx.pending()
                on:click=move |_| { xlsx.dispatch_local(()); }>"ส่งออก Excel"</button>
            " " <a href=S26SessionRoute::Session(d.session.meta.id.clone()).href()>"กลับไปรอบทดสอบ"</a>
        </p>
        <div class="no-print">{crate::ui::error::message(crate::ui::error::outcome(xlsx))}</div>
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
                <tbody>{rows.iter().enumerate().map(|(i, row)| {
                    let (c, r) = (&row.candidate, &row.result);
                    let v = &r.verdict;
                    view! { <tr data-testid=format!("s26-form15-{}", c.person.number)>
                        <td class="n">{i + 1}</td><td class="name">{c.person.name.clone()}</td>
                        <td class="n">{if v.knowledge_complete { r.correct.to_string() } else { "–".to_string() }}</td><td>{v.knowledge_text()}</td>
                        {row.boards.iter().map(|b| view! {
                            <td class="n">{if b.is_final() { b.result.points.to_string() } else { "–".to_string() }}</td><td>{b.status()}</td>
                        }).collect_view()}
                        <td class="n">{v.knowledge_percent_text()}</td><td class="n">{v.skill.text()}</td><td class="n">{v.total_percent_text()}</td>
                        <td>{row.result_text()}</td>
                        <td class="small">{v.reasons.join("; ")}</td>
                    </tr> }
                }).collect_view()}</tbody>
                // In the table's footer, which print repeats on every page the table spans: the tester signs on the
                // same page as the rows, never on a page of its own.
                <tfoot><tr><td colspan=columns class="signature" data-testid="s26-form15-signature">
                    "ลงชื่อ ........................................................ ผู้ทดสอบมาตรฐานฝีมือแรงงาน"<br/>"(" {d.session.tester.clone()} ")"
                </td></tr></tfoot>
            </table>
            {d.session.bank_override.as_ref().map(|o| view! {
                <p class="note" data-testid="s26-form15-override">
                    {format!("รอบนี้สร้างแม้คลังข้อสอบไม่ผ่านเกณฑ์ ({}) — เหตุผล: {}", o.rules.join("; "), o.reason)}
                </p>
            })}
            <p class="note">{s.criteria.model.describe()} {format!(" (ความรู้ ≥ {} %, ความสามารถ ≥ {} %, รวม ≥ {} %; น้ำหนัก {}:{})", s.criteria.t_k, s.criteria.t_s, s.criteria.t_t, s.criteria.w_k, s.criteria.w_s)}</p>
        </div>
        {rows.iter().map(|row| {
            let c = &row.candidate;
            view! {
                <div class="report page-break s26-scoresheet">
                    <h2>"ใบให้คะแนนการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26 ภาคความสามารถ"</h2>
                    <p class="meta">{heading.clone()}</p>
                    <p>"ชื่อ-สกุล " {c.person.name.clone()} " หมายเลข " {c.person.number.clone()} " · วันที่ " {thai_date(&d.session.date)}</p>
                    <p data-testid=format!("s26-scoresheet-{}-knowledge", c.person.number)>{
                        let (r, v) = (&row.result, &row.result.verdict);
                        if v.knowledge_complete {
                            format!("ภาคความรู้: ถูก {} จาก {} ข้อ ({} %) — {}", r.correct, r.items, v.knowledge.text(), v.knowledge_text())
                        } else {
                            format!("ภาคความรู้: {}", v.knowledge_text())
                        }
                    }</p>
                    {modules.iter().zip(&row.boards).map(|(m, board)| view! {
                        <h3>{format!("โมดูลที่ {} {}", m.id, m.name)}</h3>
                        <table class="grid">
                            <thead><tr><th>"ที่"</th><th>"รายการ"</th><th class="n">"คะแนนเต็ม"</th><th>"ค่าที่ได้ / กรรมการ"</th><th class="n">"คะแนนที่ได้"</th></tr></thead>
                            <tbody>{m.items.iter().zip(&board.items).map(|(it, (_, state))| {
                                let slot = |j: u8| slot_text(&states, &c.meta.id, &m.id, &it.id, j);
                                let shown = match &it.kind {
                                    ItemKind::Judgement => (1..=judges).map(slot).collect::<Vec<_>>().join(", "),
                                    ItemKind::Measurement { nominal, tolerance } => format!("{} ({nominal} ± {tolerance})", slot(0)),
                                    ItemKind::Critical => yes_no(&slot(0), "ผ่าน", "ไม่ผ่าน"),
                                    ItemKind::YesNo => yes_no(&slot(0), "ถูกต้อง", "ไม่ถูกต้อง"),
                                };
                                view! { <tr><td>{it.id.clone()}</td><td>{it.title.clone()}</td><td class="n">{it.full.to_string()}</td><td>{shown}</td><td class="n">{state.text()}</td></tr> }
                            }).collect_view()}</tbody>
                        </table>
                        <p>{format!("รวมโมดูล {}: {} — {}", m.id, board.result.points, board.status())}</p>
                    }).collect_view()}
                    <p class="s26-total" data-testid=format!("s26-scoresheet-{}-total", c.person.number)>{format!(
                        "ภาคความรู้ {} % · ภาคความสามารถ {} % · คะแนนรวม {} % — ผลการทดสอบ: {}",
                        row.result.verdict.knowledge_percent_text(), row.result.verdict.skill.text(), row.result.verdict.total_percent_text(), row.result_text()
                    )}</p>
                    <div class="signatures" data-testid=format!("s26-scoresheet-{}-signatures", c.person.number)>
                        {d.session.judges.iter().enumerate().map(|(j, name)| view! {
                            <p class="signature">{format!("ลงชื่อ ........................................ กรรมการคนที่ {}", j + 1)}<br/>{format!("({name})")}</p>
                        }).collect_view()}
                        <p class="signature">"ลงชื่อ ........................................ ผู้ทดสอบมาตรฐานฝีมือแรงงาน"<br/>{format!("({})", d.session.tester)}</p>
                    </div>
                </div>
            }
        }).collect_view()}
    }
}

/// A yes/no or critical slot's text (`1`/`0` stored) in words; a conflict or an empty slot as is.
fn yes_no(slot: &str, yes: &'static str, no: &'static str) -> String {
    match slot {
        "1" => yes.into(),
        "0" => no.into(),
        other => other.into(),
    }
}
