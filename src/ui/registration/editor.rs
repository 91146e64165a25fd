//! One college's registration for one academic year: the four curriculum groups, each with the specialisation picker
//! and the registered counts (saved as you type), the overall total, and the export of the registration file for the
//! provincial committee.

use std::sync::Arc;

use leptos::prelude::*;
use crate::domain::registration::exchange::{file_name, make_exchange};
use crate::domain::registration::records::students;
use crate::domain::registration::Group;
use crate::store::now_iso;
use crate::ui::autosave;

use super::college::{load_college, CollegeRegs};
use super::picker::{group_section, EnterConfirm, Entries};
use super::{catalogue_banner, load_catalogue, LoadedCatalogue};
use crate::ui::files::download;
use crate::routes::RegRoute;
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{message, Outcome};

#[component]
pub fn RegEditor(code: String, year: u16) -> impl IntoView {
    let data = page_data(move |store| {
        let code = code.clone();
        async move {
            let cat = load_catalogue(&store).await?;
            Ok((load_college(store, code).await?, cat))
        }
    });
    loaded(data, move |(d, cat)| editor_body(d, cat, year))
}

fn editor_body(d: CollegeRegs, cat: LoadedCatalogue, year: u16) -> AnyView {
    let code = d.profile.profile.code.clone();
    let Some(this) = d.years.iter().find(|r| r.year == year).cloned() else {
        return view! {
            <h1>"ยังไม่ได้เปิดปีการศึกษา " {year}</h1>
            <p><a href=RegRoute::College(code).href()>"กลับไปเปิดปีการศึกษา"</a></p>
        }
        .into_any();
    };
    let reg = RwSignal::new(this);
    autosave::bind(reg);
    let entries = Entries::of_record(reg, |r| &r.entries, |r| &mut r.entries);
    let enter = EnterConfirm::install();
    let catalogue = Arc::new(cat.catalogue.clone());
    // The export has nothing to wait for: its outcome is set at once.
    let export_msg = RwSignal::new(None::<Outcome>);
    let profile = d.profile.profile.clone();
    let edition = cat.catalogue.edition.clone();
    let export = move |_| {
        let text = reg.with_untracked(|r| make_exchange(&profile, year, &now_iso(), &edition, &r.entries));
        let name = file_name(&profile.code, year);
        let outcome = text.and_then(|t| download(&name, "application/json", &t));
        export_msg.set(Some(outcome.map(|()| format!("ส่งออกแล้ว: {name} — ส่งไฟล์นี้ให้คณะกรรมการระดับจังหวัด")).map_err(Into::into)));
    };
    let name = if d.profile.profile.name.is_empty() { code.clone() } else { d.profile.profile.name.clone() };
    view! {
        <h1>"ลงทะเบียนขอรับเครื่องมือ ปีการศึกษา " {year}</h1>
        <p class="muted">{name} " (รหัส " {code.clone()} ") — เลือกเฉพาะสาขางานที่มีผู้เรียนชั้นปีสุดท้าย บันทึกอัตโนมัติทุกครั้งที่กรอก · กด Enter ที่ใดก็ได้เพื่อยืนยันสาขางานที่เลือก"</p>
        {catalogue_banner(&cat)}
        <section class="card summary">
            <p>"รวมทั้งหมด " <strong data-testid="total-all">{move || reg.with(|r| students(&r.entries, None))}</strong> " คน ใน "
               {move || reg.with(|r| r.entries.len())} " สาขางาน"</p>
            <div class="row no-print">
                <button type="button" data-testid="export-registration" on:click=export>"ส่งออกไฟล์ลงทะเบียนให้จังหวัด"</button>
                <a class="button secondary" href=RegRoute::Report(code.clone(), year).href() data-testid="reg-report-link">"รายงานสำหรับพิมพ์"</a>
                <a class="button secondary" href=RegRoute::College(code.clone()).href()>"ข้อมูลสถานศึกษา"</a>
            </div>
            {message(export_msg)}
        </section>
        {Group::ALL.into_iter().map(|g| group_section(catalogue.clone(), g, entries, enter, String::new())).collect_view()}
    }
    .into_any()
}
