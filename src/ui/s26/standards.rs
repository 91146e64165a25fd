//! The Section 26 start page: standards kept on this device (open, create) and application numbers for form รมฐ.1
//! (`PP-NNN-YYYY`, the running number kept per office and fiscal year in IndexedDB's `counters` store). A number is
//! issued for one application to certify a standard kept here: the application record names the standard, the list
//! shows it, and the standard's editor shows its numbers.

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::record::Record;
use crate::domain::section26::application::{application_number, counter_name, fiscal_year_be, offices};
use crate::domain::section26::candidates::Date;
use crate::domain::section26::records::{ApplicationRecord, StandardRecord};
use crate::domain::section26::standard::Standard;
use crate::store::{new_id, new_meta, now_iso};

use super::thai_date;
use crate::ui::route::{navigate, Route};
use crate::ui::state::AppState;
use crate::ui::widgets::{loader, message, with_loaded};

#[component]
pub fn Standards() -> impl IntoView {
    let state = AppState::get();
    let list = loader(|store| async move {
        let standards: Vec<StandardRecord> = store.list(None).await.map_err(|e| e.to_string())?;
        let apps: Vec<ApplicationRecord> = store.list(None).await.map_err(|e| e.to_string())?;
        Ok((standards, apps))
    });
    let occupation = RwSignal::new(String::new());
    let msg = RwSignal::new(None::<Result<String, String>>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let occ = occupation.get_untracked().trim().to_string();
        if occ.is_empty() {
            msg.set(Some(Err("สาขาอาชีพ: ต้องกรอก".into())));
            return;
        }
        // The standard's own id is also its records' org (see the module docs of ui::s26).
        let id = new_id();
        let mut meta = new_meta(StandardRecord::KIND, &id);
        meta.id = id.clone();
        let rec = StandardRecord { meta, standard: Standard { occupation: occ, ..Default::default() } };
        spawn_local(async move {
            match state.store().put(&rec).await {
                Ok(()) => navigate(&Route::S26Standard(id)),
                Err(e) => msg.set(Some(Err(e.to_string()))),
            }
        });
    };
    view! {
        <h1>"มาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
        <p class="muted">"จัดทำมาตรฐาน ข้อสอบ และตัดสินผลผู้เข้ารับการทดสอบ — บันทึกในเครื่องนี้ทุกครั้งที่กรอก"</p>
        <section class="card">
            <h2>"มาตรฐานในเครื่องนี้"</h2>
            {with_loaded(list, |(standards, apps)| view! {
                <ul data-testid="s26-standards">
                    {standards.into_iter().map(|s| {
                        let numbers: Vec<String> = apps.iter().filter(|a| a.standard.as_deref() == Some(s.meta.id.as_str())).map(|a| a.number.clone()).collect();
                        view! {
                            <li><a href=Route::S26Standard(s.meta.id.clone()).href()>{s.standard.title()}</a>
                                {(!numbers.is_empty()).then(|| format!(" — คำขอเลขที่ {}", numbers.join(", ")))}</li>
                        }
                    }).collect_view()}
                </ul>
            })}
            <form class="row" on:submit=create>
                <label class="field"><span>"สาขาอาชีพ"</span>
                    <input type="text" data-testid="s26-new-occupation" on:input=move |ev| occupation.set(event_target_value(&ev))/>
                </label>
                <button type="submit" data-testid="s26-create">"สร้างมาตรฐานใหม่"</button>
            </form>
            {message(msg)}
        </section>
        {applications(list)}
    }
}

type ListData = crate::ui::widgets::Loaded<(Vec<StandardRecord>, Vec<ApplicationRecord>)>;

fn applications(list: ListData) -> impl IntoView {
    let state = AppState::get();
    let office = RwSignal::new("12".to_string());
    let date = RwSignal::new(now_iso()[..10].to_string());
    let applicant = RwSignal::new(String::new());
    let standard = RwSignal::new(String::new());
    let msg = RwSignal::new(None::<Result<String, String>>);
    let issue = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (code, day, who, std_id) = (office.get_untracked(), date.get_untracked(), applicant.get_untracked(), standard.get_untracked());
        if std_id.is_empty() {
            return msg.set(Some(Err("มาตรฐานที่ยื่นขอรับรอง: ต้องเลือก".into())));
        }
        let d = match Date::parse("วันที่รับคำขอ", &day) {
            Ok(d) => d,
            Err(e) => return msg.set(Some(Err(e))),
        };
        if who.trim().is_empty() {
            return msg.set(Some(Err("ผู้ยื่นคำขอ: ต้องกรอก".into())));
        }
        spawn_local(async move {
            let store = state.store();
            let counter = counter_name(&code, fiscal_year_be(d));
            let result = async {
                let n = store.next_number(&counter).await.map_err(|e| e.to_string())?;
                let number = application_number(&code, d, n - 1)?;
                let rec = ApplicationRecord {
                    meta: new_meta(ApplicationRecord::KIND, &code),
                    number: number.clone(),
                    office: code.clone(),
                    date: day.clone(),
                    standard: Some(std_id.clone()),
                    applicant: who.trim().to_string(),
                };
                store.put(&rec).await.map_err(|e| e.to_string())?;
                Ok::<String, String>(number)
            }
            .await;
            msg.set(Some(result.map(|n| format!("ออกเลขที่รับคำขอ {n} แล้ว"))));
            state.data_changed();
        });
    };
    view! {
        <section class="card" id="applications">
            <h2>"เลขที่รับคำขอให้รับรองมาตรฐาน (แบบ รมฐ.1)"</h2>
            <p class="muted">"รูปแบบ PP-NNN-YYYY: รหัสจังหวัดของหน่วยงานที่รับคำขอ – ลำดับในปีงบประมาณ – ปีงบประมาณ (1 ต.ค.–30 ก.ย.)"</p>
            <form class="row" on:submit=issue>
                {with_loaded(list, move |(standards, _)| view! {
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
                })}
                <label class="field"><span>"หน่วยงานที่รับคำขอ"</span>
                    <select data-testid="s26-app-office" on:change=move |ev| office.set(event_target_value(&ev))>
                        {offices().into_iter().map(|o| view! {
                            <option value=o.code selected=o.code == "12">{format!("{} {} ({})", o.code, o.province, o.office)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field"><span>"วันที่รับคำขอ"</span>
                    <input type="date" data-testid="s26-app-date" prop:value=date on:input=move |ev| date.set(event_target_value(&ev))/>
                </label>
                <label class="field"><span>"ผู้ยื่นคำขอ"</span>
                    <input type="text" data-testid="s26-app-applicant" prop:value=applicant on:input=move |ev| applicant.set(event_target_value(&ev))/>
                </label>
                <button type="submit" data-testid="s26-app-issue">"ออกเลข"</button>
            </form>
            {message(msg)}
            {with_loaded(list, |(standards, apps)| view! {
                <table class="grid" data-testid="s26-app-list">
                    <thead><tr><th>"เลขที่"</th><th>"วันที่รับ"</th><th>"มาตรฐานที่ยื่นขอรับรอง"</th><th>"ผู้ยื่น"</th></tr></thead>
                    <tbody>
                        {apps.into_iter().rev().map(|a| {
                            let std = a.standard.as_ref().and_then(|id| standards.iter().find(|s| &s.meta.id == id));
                            let shown = match (std, &a.standard) {
                                (Some(s), _) => view! { <a href=Route::S26Standard(s.meta.id.clone()).href()>{s.standard.title()}</a> }.into_any(),
                                (None, Some(_)) => view! { <span class="muted">"(มาตรฐานไม่อยู่ในเครื่องนี้)"</span> }.into_any(),
                                (None, None) => view! { <span class="muted">"–"</span> }.into_any(),
                            };
                            view! { <tr><td>{a.number}</td><td>{thai_date(&a.date)}</td><td>{shown}</td><td>{a.applicant}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
        </section>
    }
}
