//! One college: its academic years with their overall result, adding a year, comparing years, exporting a backup.

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::college_qa::assess::AssessmentInput;
use crate::domain::college_qa::records::Assessment;
use crate::domain::keys;
use crate::store::{keyed_meta, now_iso};

use super::{college_data, level_class, level_text, with_college, CollegeData};
use crate::ui::files::download;
use crate::routes::QaRoute;
use crate::ui::state::AppState;
use crate::ui::error::{message, outcome};
use crate::ui::widgets::add_year_form;

#[component]
pub fn CollegePage(code: String) -> impl IntoView {
    let data = college_data(code.clone());
    with_college(data, code, college_body)
}

fn college_body(d: CollegeData) -> impl IntoView {
    let state = AppState::get();
    let code = d.college.code.clone();
    let existing: Vec<u16> = d.years.iter().map(|a| a.year).collect();
    let add_year = {
        let code = code.clone();
        let route_code = code.clone();
        add_year_form(
            existing,
            ("year-input", "year-add"),
            "เพิ่มปีการศึกษา",
            false,
            move |year| Assessment {
                meta: keyed_meta::<Assessment>(keys::assessment_id(&code, year), &code),
                college: code.clone(),
                year,
                input: AssessmentInput::default(),
            },
            move |year| QaRoute::Editor(route_code.clone(), year).into(),
        )
    };

    let export = {
        let code = code.clone();
        page_action(move |_: &()| {
            let code = code.clone();
            async move {
                let now = now_iso();
                let text = state.store().export_org(&code, &now).await?;
                let name = format!("mattrathan-{code}-{}.json", crate::domain::thai_time::date_iso(&now).unwrap_or_else(|| "backup".into()));
                download(&name, "application/json", &text)?;
                Ok(format!("ส่งออกแล้ว: {name}"))
            }
        })
    };

    let rows = d
        .years
        .iter()
        .rev()
        .map(|a| {
            let result = d.result(a.year).expect("year is stored");
            let overall = result.overall;
            view! {
                <li data-testid=format!("year-{}", a.year)>
                    <strong>"ปีการศึกษา " {a.year}</strong>
                    <span>"ภาพรวม " {overall.mean.map_or("—".to_string(), |m| m.to_string())}</span>
                    <span class=level_class(overall.level)>{level_text(overall.level)}</span>
                    <a class="button" href=QaRoute::Editor(a.college.clone(), a.year).href()>"กรอก/แก้ไข"</a>
                    <a class="button secondary" href=QaRoute::Report(a.college.clone(), a.year).href()>"รายงาน"</a>
                </li>
            }
        })
        .collect_view();

    view! {
        <h1>{d.college.name.clone()}</h1>
        <p class="muted">"รหัสสถานศึกษา " {code.clone()}</p>
        <section class="card">
            <h2>"ปีการศึกษาที่ประเมิน"</h2>
            {if d.years.is_empty() {
                view! { <p class="muted">"ยังไม่มี — เพิ่มปีการศึกษาด้านล่าง"</p> }.into_any()
            } else {
                view! { <ul class="list">{rows}</ul> }.into_any()
            }}
            {(d.years.len() > 1).then(|| view! {
                <p><a class="button secondary" href=QaRoute::Compare(code.clone()).href() data-testid="compare-link">"เทียบผลรายปี"</a></p>
            })}
            {add_year}
        </section>
        <section class="card">
            <h2>"สำรองข้อมูล"</h2>
            <p class="muted">"ส่งออกข้อมูลทั้งหมดของวิทยาลัยนี้เป็นไฟล์ JSON ไฟล์เดียว เก็บไว้หรือย้ายไปเครื่องอื่น แล้วนำเข้าได้ที่หน้ารายชื่อวิทยาลัย"</p>
            <button on:click=move |_| { export.dispatch_local(()); } data-testid="backup-export">"ส่งออกไฟล์สำรอง"</button>
            {message(outcome(export))}
        </section>
    }
}
