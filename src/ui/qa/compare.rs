//! Year-on-year comparison of one college's assessments: every indicator's score and level side by side.

use leptos::prelude::*;
use crate::domain::college_qa::assess::AssessmentResult;
use crate::domain::college_qa::catalogue::catalogue;
use rust_decimal::Decimal;

use super::{chart_rows, college_data, level_class, level_text, with_college, CollegeData};
use crate::ui::chart::scores_chart;

#[component]
pub fn Compare(code: String) -> impl IntoView {
    let data = college_data(code.clone());
    with_college(data, code, compare_body)
}

/// ▲ / ▼ against the previous column when both scores exist.
fn trend(prev: Option<Decimal>, now: Option<Decimal>) -> AnyView {
    match (prev, now) {
        (Some(p), Some(n)) if n > p => view! { <span class="up" title="เพิ่มขึ้น">" ▲"</span> }.into_any(),
        (Some(p), Some(n)) if n < p => view! { <span class="down" title="ลดลง">" ▼"</span> }.into_any(),
        _ => ().into_any(),
    }
}

fn compare_body(d: CollegeData) -> impl IntoView {
    let results: Vec<(u16, AssessmentResult)> =
        d.years.iter().filter_map(|a| d.result(a.year).map(|r| (a.year, r))).collect();
    let head = results.iter().map(|(y, _)| view! { <th class="n">{*y}</th> }).collect_view();
    let rows = catalogue()
        .indicators()
        .map(|ind| {
            let mut prev = None;
            let cells = results
                .iter()
                .map(|(_, r)| {
                    let res = r.indicator(&ind.id);
                    let score = res.and_then(|x| x.score);
                    let cell = view! {
                        <td class="n">
                            {res.map_or("—".to_string(), |x| x.score_text.clone())}
                            {trend(prev, score)}
                            <br/><span class=level_class(res.and_then(|x| x.level))>{level_text(res.and_then(|x| x.level))}</span>
                        </td>
                    };
                    prev = score;
                    cell
                })
                .collect_view();
            view! { <tr><td>{ind.id.clone()} " " {ind.title.clone()}</td>{cells}</tr> }
        })
        .collect_view();
    let mut prev = None;
    let overall = results
        .iter()
        .map(|(_, r)| {
            let cell = view! {
                <th class="n">{r.overall.mean.map_or("—".to_string(), |m| m.to_string())}{trend(prev, r.overall.mean)}</th>
            };
            prev = r.overall.mean;
            cell
        })
        .collect_view();
    let latest = results.last().map(|(y, r)| (*y, chart_rows(r)));
    view! {
        <h1>"เทียบผลรายปี — " {d.college.name.clone()}</h1>
        <div class="table-wrap card">
            <table class="grid" data-testid="compare-table">
                <thead><tr><th>"ตัวบ่งชี้"</th>{head}</tr></thead>
                <tbody>{rows}<tr><th>"ภาพรวม (ค่าเฉลี่ยที่แอปคำนวณ)"</th>{overall}</tr></tbody>
            </table>
        </div>
        {latest.map(|(y, rows)| scores_chart(format!("คะแนนปีการศึกษา {y}"), move || rows.clone()))}
    }
}
