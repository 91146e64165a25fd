//! The provincial committee's page for one academic year, one file per concern:
//!
//! - `data`: what the page loads ([`ProvinceData`](data::ProvinceData));
//! - `import`: importing many college registration files at once (with the replace/duplicate messages);
//! - `pull`: pulling them from the colleges' server databases instead;
//! - `colleges`: the province's colleges with who registered and why not (the check view), adding colleges (private
//!   ones included) one by one or as a CSV list;
//! - `outside`: the institutions outside the office with their specialisations (edit, delete a whole row, or
//!   confirm there are none);
//! - `report`: the printable totals, one college's registration and the CSV exports ([`RegProvinceReport`],
//!   [`RegProvinceCollege`]).
//!
//! This file holds the page itself. Imports run one way: the page uses every concern; `pull` and `import` share
//! `data` and `import::save_plan`; none uses the page.

mod colleges;
mod data;
mod import;
mod outside;
mod pull;
mod report;

pub use report::{RegProvinceCollege, RegProvinceReport};

use std::sync::Arc;

use leptos::prelude::*;
use crate::domain::provinces;
use crate::domain::registration::aggregate::{check, Status};
use crate::domain::registration::records::students;

use super::{catalogue_banner, load_catalogue, LoadedCatalogue};
use crate::ui::autosave;
use crate::routes::RegProvinceRoute;
use crate::ui::widgets::{loader, with_loaded};
use colleges::{add_college_section, check_section};
use data::{load_province, ProvinceData};
use import::{import_section, ImportResults};
use outside::outside_section;
use pull::{pull_section, PullResults};
use crate::ui::registration::picker::EnterConfirm;

#[component]
pub fn RegProvince(province: String, year: u16) -> impl IntoView {
    // Kept outside the page body, which is rebuilt after each import.
    let import_results: ImportResults = RwSignal::new(None);
    let pull_results: PullResults = RwSignal::new(None);
    let college_msg = RwSignal::new(None::<Result<String, String>>);
    let p = province.clone();
    let backup_org = province.clone();
    let data = loader(move |store| {
        let p = p.clone();
        async move {
            let cat = load_catalogue(&store).await?;
            Ok((load_province(store, p, year).await?, cat))
        }
    });
    view! {
        <h1>"คณะกรรมการระดับจังหวัด" {provinces::name(&province)} " — ปีการศึกษา " {year}</h1>
        {with_loaded(data, move |(d, cat)| province_body(d, cat, import_results, pull_results, college_msg))}
        {crate::ui::backup::backup_card(
            "สำรองข้อมูลของจังหวัด",
            "ส่งออกรายชื่อสถานศึกษา ไฟล์ลงทะเบียนที่นำเข้าแล้ว หมายเหตุ และสถานศึกษานอกสังกัดของจังหวัดนี้ (ทุกปีการศึกษา) เป็นไฟล์เดียว แล้วนำเข้าที่หน้านี้บนเครื่องใดก็ได้ — ไฟล์ถูกตรวจทั้งไฟล์ก่อนบันทึก",
            move || backup_org.clone(),
            crate::ui::backup::PROVINCE_KINDS,
            "mattrathan-province",
            ("province-backup", "province-backup-export", "province-backup-import"),
            true,
        )}
    }
}

fn province_body(
    d: ProvinceData,
    cat: LoadedCatalogue,
    import_results: ImportResults,
    pull_results: PullResults,
    college_msg: RwSignal<Option<Result<String, String>>>,
) -> impl IntoView {
    let notes = RwSignal::new(d.notes_or_new());
    autosave::bind(notes);
    let rows = check(&d.list, &d.imports, &d.notes_or_new().reasons);
    let registered = rows.iter().filter(|r| matches!(r.status, Status::Registered { .. })).count();
    let students_in: u64 = d.imports.iter().map(|i| students(&i.entries, None)).sum();
    let enter = EnterConfirm::install();
    view! {
        {catalogue_banner(&cat)}
        {(!d.doubled.is_empty()).then(|| view! {
            <p class="msg warn" role="status" data-testid="province-doubled">
                "พบข้อมูลลงทะเบียนซ้ำของสถานศึกษา " {d.doubled.join(", ")} " — ใช้เพียงฉบับที่ส่งออกล่าสุด ไม่นับซ้ำ"
            </p>
        })}
        <section class="card summary" data-testid="province-summary">
            <p>
                "สถานศึกษาในรายชื่อ " <strong data-testid="count-colleges">{rows.len()}</strong> " แห่ง · ลงทะเบียนแล้ว "
                <strong data-testid="count-registered">{registered}</strong> " · ยังไม่ลงทะเบียน " {rows.len() - registered}
                " · ผู้เรียนจากไฟล์ของสถานศึกษา " <strong data-testid="count-students">{students_in}</strong> " คน"
            </p>
            <p class="no-print">
                <a class="button" href=RegProvinceRoute::Report(d.province.clone(), d.year).href() data-testid="province-report-link">
                    "รายงานและยอดรวมเครื่องมือ (พิมพ์ / CSV)"
                </a>
            </p>
        </section>
        {import_section(d.clone(), import_results)}
        {pull_section(d.clone(), pull_results)}
        {check_section(d.clone(), rows, notes)}
        {add_college_section(d.clone(), college_msg)}
        {outside_section(d, Arc::new(cat.catalogue), notes, enter)}
    }
}
