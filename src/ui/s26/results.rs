//! After the test: the result report of a session for the registrar (แบบรายงานผลการทดสอบ: who passed, each part's
//! percent, the model applied) and the certificate (หนังสือรับรอง, แบบ รมฐ.4) of each candidate who passed, printable
//! one per page or one at a time. Results are the session page's (`session::results`): a candidate whose result is
//! not complete is "ยังสรุปไม่ได้" and gets no certificate.

use leptos::prelude::*;
use crate::ui::data::loaded;
use crate::domain::section26::candidates::national_id_text;

use super::session::results;
use crate::domain::section26::form15::Scored;
use super::{session_page, thai_date, SessionData};
use crate::routes::S26SessionRoute;

#[component]
pub fn Report(id: String) -> impl IntoView {
    loaded(session_page(id), |d| report(d).into_any())
}

#[component]
pub fn Certificates(id: String) -> impl IntoView {
    loaded(session_page(id), |d| certificates(d).into_any())
}

fn standard_line(d: &SessionData) -> String {
    let s = &d.standard.standard;
    format!("สาขาอาชีพ{} สาขา{} ระดับ {}", s.occupation, s.branch, s.level)
}

fn back(d: &SessionData) -> impl IntoView {
    view! {
        <p class="no-print">
            <button type="button" data-testid="s26-print" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button>
            " " <a href=S26SessionRoute::Session(d.session.meta.id.clone()).href()>"กลับไปรอบทดสอบ"</a>
        </p>
    }
}

fn report(d: SessionData) -> impl IntoView {
    let rows = results(&d);
    let s = &d.standard.standard;
    let c = &s.criteria;
    let count = |f: fn(&Scored) -> bool| rows.iter().filter(|r| f(r)).count();
    let passed = count(|r| r.result.verdict.complete && r.result.verdict.pass);
    let failed = count(|r| r.result.verdict.complete && !r.result.verdict.pass);
    let open = rows.len() - passed - failed;
    view! {
        {back(&d)}
        <div class="report s26-report" data-testid="s26-report">
            <h1>"แบบรายงานผลการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
            <p class="meta">{standard_line(&d)}</p>
            <p class="meta">"ผู้ได้รับการรับรอง " {s.applicant.clone()}</p>
            <p class="meta">"วันที่ทดสอบ " {thai_date(&d.session.date)} " · สถานที่ทดสอบ " {d.session.place.clone()}</p>
            <p data-testid="s26-report-counts">{format!("ผู้เข้ารับการทดสอบ {} คน ผ่าน {passed} คน ไม่ผ่าน {failed} คน ยังสรุปไม่ได้ {open} คน", rows.len())}</p>
            <table class="grid s26-form15">
                <thead><tr><th>"ลำดับ"</th><th>"หมายเลข"</th><th>"ชื่อ-สกุล"</th><th>"ความรู้ %"</th><th>"ความสามารถ %"</th><th>"รวม %"</th><th>"ผลการทดสอบ"</th></tr></thead>
                <tbody>{rows.iter().enumerate().map(|(i, r)| {
                    let v = &r.result.verdict;
                    view! { <tr data-testid=format!("s26-report-{}", r.candidate.person.number)>
                        <td class="n">{i + 1}</td><td>{r.candidate.person.number.clone()}</td><td class="name">{r.candidate.person.name.clone()}</td>
                        <td class="n">{v.knowledge_percent_text()}</td><td class="n">{v.skill.text()}</td><td class="n">{v.total_percent_text()}</td>
                        <td>{r.result_text()}</td>
                    </tr> }
                }).collect_view()}</tbody>
            </table>
            <p class="note" data-testid="s26-report-model">{format!(
                "เกณฑ์ที่ใช้: {} (ความรู้ ≥ {} %, ความสามารถ ≥ {} %, รวม ≥ {} %; น้ำหนักความรู้:ความสามารถ {}:{})",
                c.model.describe(), c.t_k, c.t_s, c.t_t, c.w_k, c.w_s
            )}</p>
            <p class="signature">"ลงชื่อ ........................................................ ผู้ทดสอบมาตรฐานฝีมือแรงงาน"<br/>{format!("({})", d.session.tester)}</p>
        </div>
    }
}

fn certificates(d: SessionData) -> impl IntoView {
    let passed: Vec<Scored> = results(&d).into_iter().filter(|r| r.result.verdict.complete && r.result.verdict.pass).collect();
    // `Some(id)`: print only that candidate's certificate.
    let only = RwSignal::new(None::<String>);
    let line = standard_line(&d);
    let (applicant, date, place) = (d.standard.standard.applicant.clone(), thai_date(&d.session.date), d.session.place.clone());
    let none = passed.is_empty();
    view! {
        {back(&d)}
        <p class="no-print muted">"พิมพ์ทั้งหมด (หนึ่งใบต่อหน้า) หรือกดพิมพ์เฉพาะคนที่ต้องการ"</p>
        {none.then(|| view! { <p class="msg warn" data-testid="s26-cert-none">"ยังไม่มีผู้ผ่านการทดสอบในรอบนี้"</p> })}
        {passed.into_iter().enumerate().map(|(i, r)| {
            let p = r.candidate.person.clone();
            let id = r.candidate.meta.id.clone();
            let shown = {
                let id = id.clone();
                move || only.with(|o| o.as_ref().is_none_or(|o| *o == id))
            };
            let (line, applicant, date, place) = (line.clone(), applicant.clone(), date.clone(), place.clone());
            view! {
                <div class="report s26-certificate" class:page-break={i > 0} class:no-print=move || !shown() data-testid=format!("s26-cert-{}", p.number)>
                    <p class="no-print">
                        <button type="button" class="secondary" data-testid=format!("s26-cert-{}-print", p.number) on:click=move |_| {
                            // The other certificates are hidden before the print dialog reads the page, and shown
                            // again once it closes.
                            only.set(Some(id.clone()));
                            set_timeout(move || {
                                let _ = window().print();
                                only.set(None);
                            }, std::time::Duration::ZERO);
                        }>"พิมพ์เฉพาะใบนี้"</button>
                    </p>
                    <p class="cert-form">"แบบ รมฐ.4"</p>
                    <p class="cert-no">"เลขที่ ......................"</p>
                    <h1>"หนังสือรับรองผู้ผ่านการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
                    <p class="cert-by">{applicant}</p>
                    <p class="cert-say">"ให้ไว้เพื่อแสดงว่า"</p>
                    <p class="cert-name">{p.name.clone()}</p>
                    <p class="cert-id">{format!("เลขประจำตัวประชาชน {}", national_id_text(&p.national_id))}</p>
                    <p class="cert-say">"ได้ผ่านการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26"</p>
                    <p class="cert-std">{line}</p>
                    <p class="cert-say">{format!("เมื่อวันที่ {date} ณ {place}")}</p>
                    <p class="cert-say">"ให้ไว้ ณ วันที่ ........ เดือน .................... พ.ศ. ........"</p>
                    <div class="signatures">
                        <p class="signature">"ลงชื่อ ........................................"<br/>"ผู้ได้รับการรับรองมาตรฐานฝีมือแรงงาน"</p>
                        <p class="signature">"ลงชื่อ ........................................"<br/>"นายทะเบียน"</p>
                    </div>
                </div>
            }
        }).collect_view()}
    }
}
