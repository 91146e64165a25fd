//! The printable report (A4): the handbook's form (19) "ตารางวิเคราะห์ค่าความยากง่ายของข้อสอบภาคความรู้" — per item
//! the number right in each group, p and r, and the quality columns (ความยากง่าย: ข้อสอบที่ดี / ควรปรับให้ยาก /
//! ควรปรับให้ง่าย; อำนาจจำแนก) — then the verdicts, the distractor table in the handbook's layout, the test
//! statistics and the two plots. Uses the settings saved with the data set; a test session's report
//! (`super::session`) uses the method in its address.

use std::sync::Arc;

use leptos::prelude::*;
use crate::ui::data::{loaded, page_data_once};
use crate::ui::error::PageError;
use crate::domain::item_analysis::rules::difficulty_quality;
use crate::domain::item_analysis::{option_letter, Analysis, Dataset, GroupsUsed, Method, RFlag, Reason};
use crate::domain::thai_time;
use crate::store::now_iso;

use super::{
    analyse_in_chunks, fixed, group_names, item_label, load_dataset, option_plots, plot_groups_select, plots,
    with_dataset, Labels,
};
use crate::routes::{IaRoute, Route};

/// What the report says about where its data came from.
#[derive(Clone, Debug)]
pub struct Heading {
    pub title: String,
    /// e.g. "ศูนย์ทดสอบ TC-01" or the session's date and place.
    pub about: String,
    /// e.g. "นำเข้าข้อมูลเมื่อ …".
    pub source: String,
    /// The analysis page to go back to.
    pub back: Route,
}

#[component]
pub fn ReportPage(id: String) -> impl IntoView {
    with_dataset(load_dataset(id), |record, data| {
        let heading = Heading {
            title: record.title.clone(),
            about: format!("ศูนย์ทดสอบ {}", record.meta.org),
            source: format!("นำเข้าข้อมูลเมื่อ {}", thai_time::date(&record.meta.created).unwrap_or_default()),
            back: IaRoute::Analysis(record.meta.id.clone()).into(),
        };
        printable(heading, Labels::of_dataset(&record), data, record.settings.method())
    })
}

/// Runs the analysis, then shows the report.
pub fn printable(heading: Heading, labels: Labels, data: Arc<Dataset>, method: Method) -> impl IntoView {
    let input = (data.clone(), method.clone());
    // Worked out once, in the background, through the same resource as page data.
    let result = page_data_once(move |_| {
        let (data, method) = input.clone();
        async move { analyse_in_chunks(data, method, |_, _| {}, || false).await.map(|r| r.map(Arc::new)).transpose().map_err(PageError::from) }
    });
    let input = (data, method);
    loaded(result, move |r| r.map(|a| untrack(|| report(&heading, &labels, &a, input.clone()))))
}

fn report(heading: &Heading, labels: &Labels, a: &Analysis, (data, method): (Arc<Dataset>, Method)) -> impl IntoView {
    let print_plots = RwSignal::new(false);
    let plot_groups = RwSignal::new(3);
    let plot_labels = labels.items.clone();
    let (upper, lower) = group_names(&a.groups);
    let (n1, n2) = a.groups.sizes();
    let (kind, sizes) = match &a.groups {
        GroupsUsed::Norm { size, .. } => {
            ("แบบอิงกลุ่ม", format!("กลุ่มสูง {size} คน  กลุ่มต่ำ {size} คน  รวม N = {}", 2 * size))
        }
        GroupsUsed::Criterion { .. } => {
            ("แบบอิงเกณฑ์", format!("n ผ่านเกณฑ์ {n1} คน  n ไม่ผ่านเกณฑ์ {n2} คน  รวม N = {}", n1 + n2))
        }
    };
    let rows = a
        .items
        .iter()
        .map(|it| {
            view! {
                <tr>
                    <td class="n">{item_label(labels, it.index)}</td>
                    <td class="n">{it.upper_correct}</td>
                    <td class="n">{it.lower_correct}</td>
                    <td class="n">{it.p.to_string()}</td>
                    <td class=RFlag::of(it.r).class()>{it.r.to_string()}</td>
                    <td>{difficulty_quality(it.p)}</td>
                    <td>{it.discrimination.thai()}</td>
                    <td>{it.verdict.thai()}</td>
                    <td>{Reason::join_thai(&it.reasons)}</td>
                </tr>
            }
        })
        .collect_view();
    let distractors = a
        .items
        .iter()
        .flat_map(|it| {
            let label = labels.items[it.index].clone();
            it.options.iter().enumerate().map(move |(n, o)| {
                let letter = option_letter(o.option);
                let note = match (o.is_key, o.advice) {
                    (true, Some(a)) => format!("(ตัวถูก) {}", a.thai()),
                    (true, None) => "(ตัวถูก)".to_string(),
                    (false, a) => a.map(|a| a.thai().to_string()).unwrap_or_default(),
                };
                view! {
                    <tr class:first=n == 0>
                        <td class="n">{if n == 0 { label.clone() } else { String::new() }}</td>
                        <td>{if o.is_key { format!("({letter})") } else { letter.to_string() }}</td>
                        <td class="n">{o.p.to_string()}</td>
                        <td class="n">{o.r.to_string()}</td>
                        <td>{note}</td>
                    </tr>
                }
            })
        })
        .collect_view();
    let t = &a.test;
    let (histogram, scatter) = plots(a, &labels.items);
    let printed = thai_time::date(&now_iso()).unwrap_or_default();
    view! {
        <p class="no-print row">
            <button on:click=|_| { let _ = window().print(); } data-testid="print">"พิมพ์ / บันทึกเป็น PDF"</button>
            <a class="button secondary" href=heading.back.href()>"กลับไปหน้าวิเคราะห์"</a>
            <label>
                <input type="checkbox" data-testid="ia-print-plots" prop:checked=print_plots
                    on:change=move |ev| print_plots.set(event_target_checked(&ev)) />
                " พิมพ์กราฟตัวเลือก"
            </label>
            {plot_groups_select(plot_groups, "ia-report-plot-groups")}
        </p>
        <article class="report" data-testid="ia-report">
            <h1>"ตารางวิเคราะห์ค่าความยากง่ายของข้อสอบภาคความรู้ (19)"</h1>
            <p class="meta">
                <strong data-testid="ia-report-title">{heading.title.clone()}</strong>
                <br/>{heading.about.clone()} " · ผู้เข้าสอบ " {t.candidates} " คน · " {t.items} " ข้อ"
                <br/><span class="muted" data-testid="ia-report-source">{heading.source.clone()} " · พิมพ์เมื่อ " {printed}</span>
            </p>
            <h2>{format!("การวิเคราะห์ค่าความยากง่ายและค่าอำนาจจำแนก{kind}")}</h2>
            <p data-testid="ia-report-sizes">{sizes}</p>
            <table class="grid form19" data-testid="ia-form19">
                <thead>
                    <tr>
                        <th rowspan="2">"ข้อที่"</th>
                        <th colspan="2">"จำนวนคนที่ตอบถูก"</th>
                        <th colspan="2">"ตัวแปร"</th>
                        <th colspan="2">"คุณภาพข้อสอบ"</th>
                        <th rowspan="2">"สรุป"</th>
                        <th rowspan="2">"เหตุผล"</th>
                    </tr>
                    <tr>
                        <th>{upper}</th><th>{lower}</th>
                        <th>"ค่า p"</th><th>"ค่า r"</th>
                        <th>"ความยากง่าย"</th><th>"อำนาจจำแนก"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <p class="note">
                "p = (H + L) / N และ r = (H − L) / (N/2) (แบบอิงกลุ่ม) · p = (U + L) / (n1 + n2) และ r = U/n1 − L/n2 "
                "(แบบอิงเกณฑ์) · แสดงทศนิยม 2 ตำแหน่ง ปัดครึ่งขึ้น แปลความหมายจากค่าที่แสดง · ข้อสอบที่ดี: "
                "0.20 ≤ p ≤ 0.80 และ r ≥ 0.20"
            </p>
            <h2>"สถิติของแบบทดสอบ"</h2>
            <table class="grid">
                <tbody>
                    <tr><th>"ค่าเฉลี่ย"</th><td class="n">{format!("{:.2}", t.mean)}</td>
                        <th>"ส่วนเบี่ยงเบนมาตรฐาน"</th><td class="n">{format!("{:.2}", t.sd)}</td></tr>
                    <tr><th>"มัธยฐาน"</th><td class="n">{format!("{:.1}", t.median)}</td>
                        <th>"ต่ำสุด–สูงสุด"</th><td class="n">{format!("{}–{}", t.min, t.max)}</td></tr>
                    <tr><th>"ความเที่ยง KR-20"</th><td class="n">{fixed(t.kr20, 3)}</td>
                        <th>"ความคลาดเคลื่อนมาตรฐานของการวัด"</th><td class="n">{fixed(t.sem, 2)}</td></tr>
                </tbody>
            </table>
            <figure class="chart" inner_html=histogram></figure>
            <figure class="chart" inner_html=scatter></figure>
            {move || print_plots.get().then(|| {
                let choice = plot_groups.get();
                view! {
                    <section class="ia-report-optplots" data-testid="ia-report-option-plots">
                        <h2>"กราฟตัวเลือกตามกลุ่มคะแนน"</h2>
                        {option_plots(&data, &method, choice, &plot_labels)}
                    </section>
                }
            })}
            <h2>"ผลการวิเคราะห์ตัวลวง"</h2>
            <table class="grid ia-distractors" data-testid="ia-report-distractors">
                <thead><tr><th>"ข้อ"</th><th>"ตัวเลือก"</th><th>"p"</th><th>"r"</th><th>"หมายเหตุ"</th></tr></thead>
                <tbody>{distractors}</tbody>
            </table>
        </article>
    }
}
