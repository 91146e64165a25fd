//! The Section 26 start page: standards kept on this device (open, create) and application numbers for form รมฐ.1
//! (`PP-NNN-YYYY`, the running number kept per office and fiscal year in IndexedDB's `counters` store). A number is
//! issued for one application to certify a standard kept here: the application record names the standard, the list
//! shows it, and the standard's editor shows its numbers.
//!
//! A number is issued after the office's counter and after every number its stored applications already hold
//! (restored or pulled), and the record's id is derived from the number
//! ([`application_id`](crate::domain::section26::application::application_id)): two devices issuing the same number
//! offline make one record, a sync conflict; older records sharing a number are shown as a conflict warning.
//!
//! Backups from this page (all or nothing, [`crate::ui::backup`]): a test centre's standards, one file per standard
//! (the standard, its sessions, candidates and marks: all carry the standard's id as `org`), restored on this page;
//! an office's application numbers with its counters.

use leptos::prelude::*;
use crate::ui::data::loaded;
use crate::ui::action::page_action;
use crate::domain::section26::application::{
    application_id, application_number, counter_name, duplicate_numbers, fiscal_year_be, last_used, offices,
};
use crate::domain::section26::candidates::Date;
use crate::domain::section26::records::{ApplicationRecord, StandardRecord};
use crate::domain::section26::standard::Standard;
use crate::store::{new_id, new_meta, now_iso};

use super::{thai_date};
use crate::ui::backup::{backup_card, export, restore, CENTRE_KINDS, OFFICE_KINDS};
use crate::ui::data::{page_data, PageData};
use crate::ui::error::{latest_of, message, outcome, PageError};
use crate::ui::files::{file_picker, import_file_action, Picked, JSON};
use crate::ui::route::navigate;
use crate::routes::S26Route;
use crate::ui::state::AppState;
use crate::ui::widgets::thai_date_input;

#[component]
pub fn Standards() -> impl IntoView {
    let state = AppState::get();
    let list = page_data(|store| async move {
        let standards: Vec<StandardRecord> = store.list(None).await?;
        let apps: Vec<ApplicationRecord> = store.list(None).await?;
        Ok((standards, apps))
    });
    let occupation = RwSignal::new(String::new());
    let restore_file = import_file_action(move |Picked { name, text, .. }: Picked| async move {
        restore(state, &name, &text, CENTRE_KINDS, &crate::domain::sync::accept::STANDARD_OWN, None).await
    });
    let export_standard = page_action(move |id: &String| {
        let id = id.clone();
        async move { export(state, &id, CENTRE_KINDS, "mattrathan-standard").await }
    });
    // Opens the new standard once stored.
    let create = page_action(move |_: &()| {
        let occ = occupation.get_untracked().trim().to_string();
        async move {
            if occ.is_empty() {
                return Err("สาขาอาชีพ: ต้องกรอก".into());
            }
            // The standard's own id is also its records' org (see the module docs of ui::s26).
            let id = new_id();
            let mut meta = new_meta::<StandardRecord>(&id);
            meta.id = id.clone();
            let rec = StandardRecord { meta, standard: Standard { occupation: occ, ..Default::default() } };
            state.store().put(&rec).await?;
            navigate(S26Route::Standard(id));
            Ok(String::new())
        }
    });
    view! {
        <h1>"มาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
        <p class="muted">"จัดทำมาตรฐาน ข้อสอบ และตัดสินผลผู้เข้ารับการทดสอบ — บันทึกในเครื่องนี้ทุกครั้งที่กรอก"</p>
        <section class="card">
            <h2>"มาตรฐานในเครื่องนี้"</h2>
            {loaded(list, move |(standards, apps)| view! {
                <ul data-testid="s26-standards">
                    {standards.into_iter().map(|s| {
                        let numbers: Vec<String> = apps.iter().filter(|a| a.standard.as_deref() == Some(s.meta.id.as_str())).map(|a| a.number.clone()).collect();
                        let id = s.meta.id.clone();
                        view! {
                            <li><a href=S26Route::Standard(s.meta.id.clone()).href()>{s.standard.title()}</a>
                                {(!numbers.is_empty()).then(|| format!(" — คำขอเลขที่ {}", numbers.join(", ")))}
                                <span class="muted small">{format!(" · {}", s.standard.certification.summary())}</span>
                                " "<button type="button" class="secondary no-print" data-testid="s26-standard-backup" on:click=move |_| { export_standard.dispatch_local(id.clone()); }>"ส่งออกไฟล์สำรอง"</button></li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any())}
            <form class="row" on:submit=move |ev| { ev.prevent_default(); create.dispatch_local(()); }>
                <label class="field"><span>"สาขาอาชีพ"</span>
                    <input type="text" data-testid="s26-new-occupation" on:input=move |ev| occupation.set(event_target_value(&ev))/>
                </label>
                <button type="submit" data-testid="s26-create">"สร้างมาตรฐานใหม่"</button>
            </form>
            {message(outcome(create))}
        </section>
        <section class="card no-print" data-testid="s26-centre-backup">
            <h2>"สำรองข้อมูลศูนย์ทดสอบ"</h2>
            <p class="muted">"ไฟล์สำรองหนึ่งไฟล์ต่อหนึ่งมาตรฐาน (ปุ่ม “ส่งออกไฟล์สำรอง” ข้างชื่อมาตรฐาน): มาตรฐาน รอบทดสอบ รายชื่อผู้เข้าทดสอบ และคะแนนทั้งหมด นำเข้าที่นี่บนเครื่องใดก็ได้ — ไฟล์ถูกตรวจทั้งไฟล์ก่อนบันทึก ถ้ามีระเบียนใดใช้ไม่ได้จะไม่นำเข้าเลย"</p>
            {file_picker("นำเข้าไฟล์สำรองมาตรฐาน (.json)", JSON, "s26-centre-import", false, restore_file)}
            // One message: the latest of a standard's export and the restore.
            {message(latest_of(export_standard, restore_file))}
        </section>
        {applications(list)}
    }
}

fn applications(list: PageData<(Vec<StandardRecord>, Vec<ApplicationRecord>)>) -> impl IntoView {
    let state = AppState::get();
    let office = RwSignal::new("12".to_string());
    // Today in Thailand (not in UTC, a day behind before 07:00), then the date to store or the date box's refusal.
    let today = crate::domain::thai_time::date_iso(&now_iso()).unwrap_or_default();
    let date = RwSignal::new(Ok::<String, String>(today.clone()));
    let applicant = RwSignal::new(String::new());
    let standard = RwSignal::new(String::new());
    let issue = page_action(move |_: &()| {
        let (code, day, who, std_id) = (office.get_untracked(), date.get_untracked(), applicant.get_untracked(), standard.get_untracked());
        async move {
            if std_id.is_empty() {
                return Err("มาตรฐานที่ยื่นขอรับรอง: ต้องเลือก".into());
            }
            let (day, d) = day.and_then(|day| Date::parse("วันที่รับคำขอ", &day).map(|d| (day, d)))?;
            if who.trim().is_empty() {
                return Err("ผู้ยื่นคำขอ: ต้องกรอก".into());
            }
            let store = state.store();
            let counter = counter_name(&code, fiscal_year_be(d));
            let result = async {
                // After the counter and after every number this device already holds (restored or pulled).
                let held: Vec<ApplicationRecord> = store.list(None).await?;
                let used = last_used(&code, fiscal_year_be(d), held.iter().map(|a| a.number.as_str()));
                let n = store.next_number_after(&counter, used).await?;
                let number = application_number(&code, d, n - 1)?;
                // One number, one record id on every device (a second device issuing it makes a sync conflict).
                let id = application_id(&number);
                if store.get::<ApplicationRecord>(&id).await?.is_some() {
                    return Err(format!("เลขที่รับคำขอ {number} มีอยู่แล้วในเครื่องนี้ — ยังไม่ได้ออกเลขใหม่ กรุณาลองอีกครั้ง").into());
                }
                let mut meta = new_meta::<ApplicationRecord>(&code);
                meta.id = id;
                let rec = ApplicationRecord {
                    meta,
                    number: number.clone(),
                    office: code.clone(),
                    date: day.clone(),
                    standard: Some(std_id.clone()),
                    applicant: who.trim().to_string(),
                };
                store.put(&rec).await?;
                Ok::<String, PageError>(number)
            }
            .await;
            // The list reloads after a refusal too (a counter may have moved).
            state.data_changed();
            result.map(|n| format!("ออกเลขที่รับคำขอ {n} แล้ว"))
        }
    });
    view! {
        <section class="card" id="applications">
            <h2>"เลขที่รับคำขอให้รับรองมาตรฐาน (แบบ รมฐ.1)"</h2>
            <p class="muted">"รูปแบบ PP-NNN-YYYY: รหัสจังหวัดของหน่วยงานที่รับคำขอ – ลำดับในปีงบประมาณ – ปีงบประมาณ (1 ต.ค.–30 ก.ย.)"</p>
            <form class="row" on:submit=move |ev| { ev.prevent_default(); issue.dispatch_local(()); }>
                {loaded(list, move |(standards, _)| view! {
                    <label class="field"><span>"มาตรฐานที่ยื่นขอรับรอง"</span>
                        <select data-testid="s26-app-standard" on:change=move |ev| {
                            let id = event_target_value(&ev);
                            // The applicant defaults to the standard's applicant organisation.
                            if let Some(s) = standards.iter().find(|s| s.meta.id == id) {
                                if applicant.get_untracked().trim().is_empty() || standards.iter().any(|o| o.standard.applicant == applicant.get_untracked()) {
                                    applicant.set(s.standard.applicant.clone());
                                }
                            }
                            standard.set(id);
                        }>
                            <option value="" selected=standard.get_untracked().is_empty()>"— เลือกมาตรฐาน —"</option>
                            {standards.iter().map(|s| view! {
                                <option value=s.meta.id.clone() selected=s.meta.id == standard.get_untracked()>{s.standard.title()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                }.into_any())}
                <label class="field"><span>"หน่วยงานที่รับคำขอ"</span>
                    <select data-testid="s26-app-office" on:change=move |ev| office.set(event_target_value(&ev))>
                        {offices().into_iter().map(|o| view! {
                            <option value=o.code selected=o.code == "12">{format!("{} {} ({})", o.code, o.province, o.office)}</option>
                        }).collect_view()}
                    </select>
                </label>
                {thai_date_input("วันที่รับคำขอ", today, "s26-app-date".into(), move |d| date.set(d))}
                <label class="field"><span>"ผู้ยื่นคำขอ"</span>
                    <input type="text" data-testid="s26-app-applicant" prop:value=applicant on:input=move |ev| applicant.set(event_target_value(&ev))/>
                </label>
                <button type="submit" data-testid="s26-app-issue">"ออกเลข"</button>
            </form>
            {message(outcome(issue))}
            {loaded(list, |(_, apps)| {
                let twice = duplicate_numbers(apps.iter().map(|a| a.number.as_str()));
                (!twice.is_empty()).then(|| view! {
                    <p class="msg error" role="alert" data-testid="s26-app-duplicates">
                        {format!("เลขที่รับคำขอซ้ำกัน (ออกจากสองเครื่องพร้อมกัน): {} — ตรวจสอบและแก้ไขให้เหลือคำขอเดียวต่อเลข", twice.join(", "))}
                    </p>
                }).into_any()
            })}
            {loaded(list, |(standards, apps)| view! {
                <table class="grid" data-testid="s26-app-list">
                    <thead><tr><th>"เลขที่"</th><th>"วันที่รับ"</th><th>"มาตรฐานที่ยื่นขอรับรอง"</th><th>"ผู้ยื่น"</th></tr></thead>
                    <tbody>
                        {apps.into_iter().rev().map(|a| {
                            let std = a.standard.as_ref().and_then(|id| standards.iter().find(|s| &s.meta.id == id));
                            let shown = match (std, &a.standard) {
                                (Some(s), _) => view! { <a href=S26Route::Standard(s.meta.id.clone()).href()>{s.standard.title()}</a> }.into_any(),
                                (None, Some(_)) => view! { <span class="muted">"(มาตรฐานไม่อยู่ในเครื่องนี้)"</span> }.into_any(),
                                (None, None) => view! { <span class="muted">"–"</span> }.into_any(),
                            };
                            view! { <tr><td>{a.number}</td><td>{thai_date(&a.date)}</td><td>{shown}</td><td>{a.applicant}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any())}
        </section>
        {backup_card(
            "สำรองเลขที่รับคำขอของหน่วยงาน",
            "ส่งออกเลขที่รับคำขอทั้งหมดของหน่วยงานที่เลือกด้านบน พร้อมตัวนับเลข เพื่อย้ายไปเครื่องอื่นหรือกู้คืน — เครื่องที่นำเข้าจะออกเลขถัดจากเลขสุดท้ายเสมอ ไม่ออกเลขซ้ำ",
            move || office.get_untracked(),
            OFFICE_KINDS,
            &crate::domain::sync::accept::OFFICE_OWN,
            "mattrathan-office",
            ("s26-office-backup", "s26-office-export", "s26-office-import"),
            false,
        )}
    }
}
