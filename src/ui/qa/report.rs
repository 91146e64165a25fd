//! The printable report (A4, Thai, พ.ศ. dates) of one college's self-assessment for one academic year, and the same
//! 14 indicators and summary as an Excel workbook (`domain::college_qa::sheet`, written by the spreadsheet worker).

use leptos::prelude::*;
use crate::domain::college_qa::assess::{DEV_NOTE, SUMMARY_NOTE};
use crate::domain::college_qa::sheet::{what_was_met, workbook};
use crate::domain::college_qa::catalogue::{catalogue, Indicator};
use crate::domain::college_qa::rules::{BAND_NOTE, ZERO_NOTE};
use crate::domain::thai_time;
use crate::store::now_iso;

use super::{chart_rows, college_data, level_class, level_text, with_college, CollegeData};
use crate::ui::chart::scores_svg;
use crate::routes::QaRoute;

#[component]
pub fn Report(code: String, year: u16) -> impl IntoView {
    let data = college_data(code.clone());
    with_college(data, code, move |d| report_body(d, year))
}

/// The evidence sources of an indicator's items, each named once.
fn evidence(ind: &Indicator) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for it in &ind.items {
        for part in it.evidence.split_whitespace() {
            if !seen.contains(&part) {
                seen.push(part);
            }
        }
    }
    seen
}

/// Evidence sources as printed: a line may break between two sources, never inside one (a Thai name such as
/// "ผู้อำนวยการ" is several dictionary words, which a narrow column would otherwise split).
fn evidence_view(ind: &Indicator) -> AnyView {
    evidence(ind)
        .into_iter()
        .enumerate()
        .map(|(i, e)| view! { {(i > 0).then_some(" ")}<span class="term">{e.to_string()}</span> })
        .collect_view()
        .into_any()
}

fn report_body(d: CollegeData, year: u16) -> AnyView {
    let Some(r) = d.result(year) else {
        return view! { <h1>"ไม่มีปีการศึกษา " {year}</h1> }.into_any();
    };
    let printed = thai_time::date(&now_iso()).unwrap_or_default();
    let updated = d.year(year).and_then(|a| thai_time::date(&a.meta.updated)).unwrap_or_default();
    let dev_note = format!("ตัวบ่งชี้ 4.2: {}", r.dev_source.thai());
    let rows = catalogue()
        .indicators()
        .map(|ind| {
            let res = r.indicator(&ind.id).cloned();
            let (score, level) = res.map_or(("—".to_string(), None), |x| (x.score_text, x.level));
            view! {
                <tr>
                    <td>{ind.id.clone()}</td>
                    <td>{ind.title.clone()}</td>
                    <td>{what_was_met(ind, &r)}</td>
                    <td class="n">{score}</td>
                    <td><span class=level_class(level)>{level_text(level)}</span></td>
                    <td class="muted">{evidence_view(ind)}</td>
                </tr>
            }
        })
        .collect_view();
    let summary = r
        .standards
        .iter()
        .chain(std::iter::once(&r.overall))
        .map(|s| {
            view! {
                <tr>
                    <td>{s.label.clone()}</td>
                    <td class="n">{s.mean.map_or("—".to_string(), |m| m.to_string())}</td>
                    <td><span class=level_class(s.level)>{level_text(s.level)}</span></td>
                </tr>
            }
        })
        .collect_view();
    let chart = scores_svg("คะแนนรายตัวบ่งชี้ 14 ตัวบ่งชี้", &chart_rows(&r));
    let xlsx_name = format!("ประเมินตนเอง-{}-{year}.xlsx", d.college.code);
    let spec = workbook(&r);
    let xlsx = crate::ui::action::page_action(move |_: &()| {
        let (name, spec) = (xlsx_name.clone(), spec.clone());
        async move {
            crate::ui::xlsx::download(&name, &spec).await?;
            Ok(format!("ส่งออกแล้ว: {name}"))
        }
    });

    view! {
        <p class="no-print row">
            <button on:click=|_| { let _ = window().print(); } data-testid="print">"พิมพ์ / บันทึกเป็น PDF"</button>
            <button class="secondary" data-testid="qa-xlsx" prop:disabled=xlsx.pending() on:click=move |_| { xlsx.dispatch_local(()); }>"ส่งออก Excel"</button>
            <a class="button secondary" href=QaRoute::Editor(d.college.code.clone(), year).href()>"กลับไปแก้ไข"</a>
        </p>
        <div class="no-print">{crate::ui::error::message(crate::ui::error::outcome(xlsx))}</div>
        <article class="report" data-testid="report">
            <h1>"รายงานการประเมินตนเองตามมาตรฐานการอาชีวศึกษา พ.ศ. 2559"</h1>
            <p class="meta">
                <strong>{d.college.name.clone()}</strong> " รหัสสถานศึกษา " {d.college.code.clone()}
                <br/>"ปีการศึกษา " {year}
                <br/><span class="muted">"ข้อมูล ณ วันที่ " {updated} " · พิมพ์เมื่อ " {printed}</span>
            </p>
            <h2>"ผลรายตัวบ่งชี้"</h2>
            <div class="table-wrap">
                <table class="grid" data-testid="report-table">
                    <thead><tr>
                        <th>"ตัวบ่งชี้"</th><th>"ชื่อ"</th><th>"ผลการดำเนินงาน"</th><th class="n">"คะแนน"</th><th>"ระดับ"</th><th>"หลักฐานจาก"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="muted">{dev_note}</p>
            <h2>"สรุปผล"</h2>
            <table class="grid">
                <thead><tr><th>"ส่วน"</th><th class="n">"ค่าเฉลี่ย"</th><th>"ระดับ"</th></tr></thead>
                <tbody>{summary}</tbody>
            </table>
            <figure class="chart" inner_html=chart></figure>
            // The notes and the signatures stay together, so no printed page holds only a note.
            <section class="report-end" data-testid="report-end">
                <p class="note">{SUMMARY_NOTE}</p>
                <p class="note">{ZERO_NOTE}</p>
                <p class="note">{BAND_NOTE}</p>
                <p class="note">{DEV_NOTE}</p>
                <div class="signatures" data-testid="report-signatures">
                    <p class="signature">"ลงชื่อ ........................................ ผู้รายงาน"<br/>
                        "(........................................)"<br/>"ตำแหน่ง ........................................"</p>
                    <p class="signature">"ลงชื่อ ........................................"<br/>
                        "(........................................)"<br/>"ผู้อำนวยการ" {d.college.name.clone()}</p>
                </div>
            </section>
        </article>
    }
    .into_any()
}
