//! The college's printable registration report (A4): grouped by curriculum group / ประเภทวิชา / สาขาวิชา / สาขางาน
//! with totals at each level. The seed says it is kept by the college (or given to the provincial office), not sent
//! to the national committee.

use leptos::prelude::*;
use crate::domain::provinces;
use crate::domain::registration::report::college_report;
use crate::domain::thai_time;
use crate::store::now_iso;

use super::college::{load_college, CollegeRegs};
use super::grouped_table;
use crate::routes::RegRoute;
use crate::ui::data::{loaded, page_data};

#[component]
pub fn RegReport(code: String, year: u16) -> impl IntoView {
    let data = page_data(move |store| load_college(store, code.clone()));
    loaded(data, move |d| report_body(d, year))
}

fn report_body(d: CollegeRegs, year: u16) -> AnyView {
    let p = d.profile.profile.clone();
    let Some(reg) = d.years.iter().find(|r| r.year == year) else {
        return view! { <h1>"ไม่มีข้อมูลปีการศึกษา " {year}</h1> }.into_any();
    };
    let g = college_report(&reg.entries);
    let updated = thai_time::date(&reg.meta.updated).unwrap_or_default();
    let printed = thai_time::date(&now_iso()).unwrap_or_default();
    view! {
        <p class="no-print row">
            <button on:click=|_| { let _ = window().print(); } data-testid="print">"พิมพ์ / บันทึกเป็น PDF"</button>
            <a class="button secondary" href=RegRoute::Editor(p.code.clone(), year).href()>"กลับไปแก้ไข"</a>
        </p>
        <article class="report" data-testid="reg-report">
            <h1>"รายงานข้อมูลทะเบียนจำนวนผู้เรียน ตามประเภทวิชา สาขาวิชา และสาขางาน เพื่อขอรับเครื่องมือประเมินมาตรฐานวิชาชีพ"</h1>
            <p class="meta">
                <strong>{p.name.clone()}</strong> " รหัสสถานศึกษา " {p.code.clone()}
                <br/>"จังหวัด" {provinces::name(&p.province)} " · " {p.sector.thai()} " · สังกัด" {p.affiliation.clone()}
                <br/>"ปีการศึกษา " {year}
                <br/><span class="muted">"ข้อมูล ณ วันที่ " {updated} " · พิมพ์เมื่อ " {printed}</span>
            </p>
            {grouped_table(&g, false, "reg-report-table")}
            <p class="signature">"ลงชื่อ ........................................ ผู้รายงาน"<br/>"(........................................)"</p>
        </article>
    }
    .into_any()
}
