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
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{latest_of, Outcome};
use colleges::{add_college_section, check_section, college_actions, AddCollege, ImportList};
use data::{load_province, ProvinceData};
use import::{import_files_action, import_section, ImportFiles};
use outside::outside_section;
use pull::{pull_action, pull_section, Pull, PullLive};
use crate::ui::registration::picker::EnterConfirm;

#[component]
pub fn RegProvince(province: String, year: u16) -> impl IntoView {
    // Kept outside the page body, which is rebuilt after each import: the actions and what they say.
    let pull_live = PullLive::new();
    let import_progress = RwSignal::new((0, 0));
    let colleges = college_actions();
    let actions = Actions {
        import: import_files_action(import_progress),
        import_progress,
        pull: pull_action(pull_live),
        pull_live,
        colleges,
        college_msg: latest_of(colleges.0, colleges.1),
    };
    let p = province.clone();
    let backup_org = province.clone();
    let data = page_data(move |store| {
        let p = p.clone();
        async move {
            let cat = load_catalogue(&store).await?;
            Ok((load_province(store, p, year).await?, cat))
        }
    });
    view! {
        <h1>"คณะกรรมการระดับจังหวัด" {provinces::name(&province)} " — ปีการศึกษา " {year}</h1>
        {loaded(data, move |(d, cat)| province_body(d, cat, actions))}
        {crate::ui::backup::backup_card(
            "สำรองข้อมูลของจังหวัด",
            "ส่งออกรายชื่อสถานศึกษา ไฟล์ลงทะเบียนที่นำเข้าแล้ว หมายเหตุ และสถานศึกษานอกสังกัดของจังหวัดนี้ (ทุกปีการศึกษา) เป็นไฟล์เดียว แล้วนำเข้าที่หน้านี้บนเครื่องใดก็ได้ — ไฟล์ถูกตรวจทั้งไฟล์ก่อนบันทึก",
            move || backup_org.clone(),
            crate::ui::backup::PROVINCE_KINDS,
            &crate::domain::sync::accept::PROVINCE_OWN,
            "mattrathan-province",
            ("province-backup", "province-backup-export", "province-backup-import"),
            true,
        )}
    }
}

/// The page's actions whose outcome outlives a rebuild of the body.
#[derive(Clone, Copy)]
struct Actions {
    import: ImportFiles,
    import_progress: RwSignal<(usize, usize)>,
    pull: Pull,
    pull_live: PullLive,
    colleges: (AddCollege, ImportList),
    college_msg: Signal<Option<Outcome>>,
}

fn province_body(d: ProvinceData, cat: LoadedCatalogue, actions: Actions) -> impl IntoView {
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
        {import_section(d.clone(), actions.import, actions.import_progress)}
        {pull_section(d.clone(), actions.pull, actions.pull_live)}
        {check_section(d.clone(), rows, notes)}
        {add_college_section(d.clone(), actions.colleges, actions.college_msg)}
        {outside_section(d, Arc::new(cat.catalogue), notes, enter)}
    }
}
