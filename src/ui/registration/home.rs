//! The registration start page: open (or create) a college's registration, open a province's committee page, and
//! manage the curriculum catalogue (see which list is in use, import the official list as CSV, export it).

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::college_qa::records::valid_college_code;
use crate::domain::registration::records::{CollegeProfile, Profile, OVEC};
use crate::domain::registration::Catalogue;
use crate::domain::thai_date::parse_academic_year;
use crate::domain::keys;
use crate::store::{keyed_meta, now_iso};

use super::{catalogue_banner, forget_catalogue, keep_catalogue, load_catalogue, province_options, LoadedCatalogue};
use crate::ui::files::{download, read_picked_text, thai_file_field};
use crate::ui::route::navigate;
use crate::routes::{RegProvinceRoute, RegRoute};
use crate::ui::state::AppState;
use crate::ui::widgets::{current_year, loader, message, with_loaded};

#[component]
pub fn RegHome() -> impl IntoView {
    let colleges = loader(|store| async move {
        let mut list = store.list::<CollegeProfile>(None).await.map_err(|e| e.to_string())?;
        crate::domain::sort::sort_by(&mut list, |a, b| a.profile.code.cmp(&b.profile.code));
        Ok(list)
    });
    let catalogue = loader(|store| async move { load_catalogue(&store).await });
    // Outside the card, which is rebuilt when an import changes the catalogue.
    let cat_msg = RwSignal::new(None::<Result<String, String>>);
    view! {
        <h1>"ลงทะเบียนขอรับเครื่องมือประเมินมาตรฐานวิชาชีพ"</h1>
        <p class="muted">"สถานศึกษาลงทะเบียนจำนวนผู้เรียนชั้นปีสุดท้ายตามสาขางาน แล้วส่งไฟล์ให้คณะกรรมการระดับจังหวัด ซึ่งรวมทุกไฟล์ ตรวจสอบ และพิมพ์รายงาน"</p>
        <div class="jobs">
            {college_card(colleges)}
            {province_card()}
        </div>
        {with_loaded(catalogue, move |c| catalogue_card(c, cat_msg))}
    }
}

fn college_card(colleges: RwSignal<Option<Result<Vec<CollegeProfile>, String>>>) -> impl IntoView {
    let state = AppState::get();
    let code = RwSignal::new(String::new());
    let msg = RwSignal::new(None::<Result<String, String>>);
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let c = code.get_untracked().trim().to_string();
        if let Err(e) = valid_college_code(&c) {
            msg.set(Some(Err(format!("รหัสสถานศึกษา: {e}"))));
            return;
        }
        spawn_local(async move {
            let store = state.store();
            let found = store.list::<CollegeProfile>(Some(&c)).await.map_err(|e| e.to_string());
            let result = match found {
                Ok(list) if !list.is_empty() => Ok(()),
                Ok(_) => {
                    let profile = CollegeProfile {
                        meta: keyed_meta::<CollegeProfile>(keys::reg_college_id(&c), &c),
                        profile: Profile { code: c.clone(), affiliation: OVEC.into(), ..Default::default() },
                    };
                    let fresh = serde_json::to_value(&profile).unwrap_or_default();
                    store.put_if_unchanged(&fresh, &profile).await.map(|_| ()).map_err(|e| e.to_string())
                }
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => navigate(RegRoute::College(c)),
                Err(e) => msg.set(Some(Err(e))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>"สถานศึกษา"</h2>
            {move || colleges.get().and_then(Result::ok).filter(|l| !l.is_empty()).map(|list| view! {
                <ul class="list" data-testid="reg-college-list">
                    {list.into_iter().map(|c| view! {
                        <li><a href=RegRoute::College(c.profile.code.clone()).href()>
                            {c.profile.code.clone()} " — " {if c.profile.name.is_empty() { "(ยังไม่กรอกชื่อ)".to_string() } else { c.profile.name.clone() }}
                        </a></li>
                    }).collect_view()}
                </ul>
            })}
            <form class="row" on:submit=open>
                <label class="field">
                    <span>"รหัสสถานศึกษา (10 หลัก)"</span>
                    <input type="text" inputmode="numeric" maxlength="10" data-testid="reg-college-code"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                </label>
                <button type="submit" data-testid="reg-college-open">"เปิด / เพิ่มสถานศึกษา"</button>
            </form>
            {message(msg)}
        </section>
    }
}

fn province_card() -> impl IntoView {
    let province = RwSignal::new(String::new());
    let year = RwSignal::new(current_year().to_string());
    let msg = RwSignal::new(None::<Result<String, String>>);
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = province.get_untracked();
        if p.is_empty() {
            msg.set(Some(Err("จังหวัด: ต้องเลือก".into())));
            return;
        }
        match parse_academic_year(&year.get_untracked()) {
            Ok(y) => navigate(RegProvinceRoute::Province(p, y)),
            Err(e) => msg.set(Some(Err(e))),
        }
    };
    view! {
        <form class="card" on:submit=open>
            <h2>"คณะกรรมการระดับจังหวัด (อศจ./อศก.)"</h2>
            <div class="row">
                <label class="field">
                    <span>"จังหวัด"</span>
                    <select data-testid="reg-province" on:change=move |ev| province.set(event_target_value(&ev))>
                        {province_options("")}
                    </select>
                </label>
                <label class="field">
                    <span>"ปีการศึกษา (พ.ศ.)"</span>
                    <input type="text" inputmode="numeric" maxlength="4" class="num" size="5" data-testid="reg-province-year"
                        prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) />
                </label>
                <button type="submit" data-testid="reg-province-open">"เปิด"</button>
            </div>
            {message(msg)}
        </form>
    }
}

fn catalogue_card(loaded: LoadedCatalogue, msg: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    let state = AppState::get();
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        spawn_local(async move {
            let outcome = match read_picked_text(&input).await {
                Ok(Some(picked)) => {
                    let file = format!("{}{}", picked.name, picked.note());
                    let text = picked.text;
                    let edition = format!("นำเข้า {} {}", picked.name, crate::domain::thai_time::date_iso(&now_iso()).unwrap_or_default());
                    match Catalogue::from_csv(&text, edition) {
                        Ok(c) => {
                            let n = c.entries.len();
                            match keep_catalogue(&state.store(), c, "รายการที่นำเข้าไว้ในเครื่องนี้".into()).await {
                                Ok(()) => {
                                    state.data_changed();
                                    Ok(format!("นำเข้ารายการหลักสูตร {n} สาขางานจาก {file} แล้ว"))
                                }
                                Err(e) => Err(e),
                            }
                        }
                        Err(e) => Err(format!("{file}: {e}")),
                    }
                }
                Ok(None) => return,
                Err(e) => Err(e),
            };
            msg.set(Some(outcome));
            input.set_value("");
        });
    };
    let export_cat = loaded.catalogue.clone();
    let starter = loaded.catalogue.starter;
    let reset = move |_| {
        spawn_local(async move {
            forget_catalogue();
            match state.store().delete(super::CACHE_ID).await {
                Ok(()) => state.data_changed(),
                Err(e) => msg.set(Some(Err(e.to_string()))),
            }
        });
    };
    let counts: Vec<String> = crate::domain::registration::Group::ALL
        .iter()
        .map(|g| format!("{} {} สาขางาน", g.curriculum(), loaded.catalogue.of_group(*g).count()))
        .collect();
    view! {
        <section class="card" data-testid="catalogue-card">
            <h2>"รายการหลักสูตร (ประเภทวิชา / สาขาวิชา / สาขางาน)"</h2>
            {catalogue_banner(&loaded)}
            <p class="muted">{counts.join(" · ")}</p>
            <p>"นำเข้ารายการทางการเป็นไฟล์ CSV (UTF-8 หรือ Windows-874 ที่ Excel ภาษาไทยบันทึก) คอลัมน์ "<code>"level,curriculum,program_type,major,specialisation,code"</code>
               " เช่น "<code>"ปวช.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,…"</code>" — ถ้ามีบรรทัดใดผิด จะไม่นำเข้าเลยและบอกเลขบรรทัด"</p>
            <div class="row">
                {thai_file_field(None, view! { <input type="file" class="file-input" accept=".csv,text/csv" data-testid="catalogue-import" on:change=import /> })}
                <button type="button" class="secondary" data-testid="catalogue-export" on:click=move |_| {
                    if let Err(e) = download("catalogue.csv", "text/csv", &export_cat.to_csv()) { msg.set(Some(Err(e))); }
                }>"ส่งออกรายการที่ใช้อยู่ (CSV)"</button>
                {(!starter).then(|| view! {
                    <button type="button" class="secondary" on:click=reset>"กลับไปใช้รายการเริ่มต้น"</button>
                })}
            </div>
            <div class="pre-line">{message(msg)}</div>
        </section>
    }
}
