//! The registration start page: open (or create) a college's registration, open a province's committee page, and
//! manage the curriculum catalogue (see which list is in use, import the official list as CSV, export it).

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::college_qa::records::valid_college_code;
use crate::domain::registration::records::{CollegeProfile, Profile, OVEC};
use crate::domain::registration::Catalogue;
use crate::domain::thai_date::parse_academic_year;
use crate::domain::keys;
use crate::store::{keyed_meta, now_iso};

use super::{catalogue_banner, forget_catalogue, keep_catalogue, load_catalogue, province_options, LoadedCatalogue};
use crate::ui::data::{loaded, page_data, PageData};
use crate::ui::error::{latest_of, message, outcome, Outcome};
use crate::ui::files::{download, import_table_action, table_file_field, Picked, TABLE};
use crate::ui::route::navigate;
use crate::routes::{RegProvinceRoute, RegRoute};
use crate::ui::state::AppState;
use crate::ui::widgets::current_year;

#[component]
pub fn RegHome() -> impl IntoView {
    let colleges = page_data(|store| async move {
        let mut list = store.list::<CollegeProfile>(None).await?;
        crate::domain::sort::sort_by(&mut list, |a, b| a.profile.code.cmp(&b.profile.code));
        Ok(list)
    });
    let catalogue = page_data(|store| async move { load_catalogue(&store).await });
    // Outside the card, which is rebuilt when an import changes the catalogue.
    let cat = catalogue_actions();
    view! {
        <h1>"ลงทะเบียนขอรับเครื่องมือประเมินมาตรฐานวิชาชีพ"</h1>
        <p class="muted">"สถานศึกษาลงทะเบียนจำนวนผู้เรียนชั้นปีสุดท้ายตามสาขางาน แล้วส่งไฟล์ให้คณะกรรมการระดับจังหวัด ซึ่งรวมทุกไฟล์ ตรวจสอบ และพิมพ์รายงาน"</p>
        <div class="jobs">
            {college_card(colleges)}
            {province_card()}
        </div>
        {loaded(catalogue, move |c| catalogue_card(c, cat))}
    }
}

fn college_card(colleges: PageData<Vec<CollegeProfile>>) -> impl IntoView {
    let state = AppState::get();
    let code = RwSignal::new(String::new());
    // Opens the college's page, adding its profile first when it is not on this device yet.
    let open = page_action(move |_: &()| {
        let c = code.get_untracked().trim().to_string();
        async move {
            valid_college_code(&c).map_err(|e| format!("รหัสสถานศึกษา: {e}"))?;
            let store = state.store();
            if store.list::<CollegeProfile>(Some(&c)).await?.is_empty() {
                let profile = CollegeProfile {
                    meta: keyed_meta::<CollegeProfile>(keys::reg_college_id(&c), &c),
                    profile: Profile { code: c.clone(), affiliation: OVEC.into(), ..Default::default() },
                };
                let fresh = serde_json::to_value(&profile).unwrap_or_default();
                store.put_if_unchanged(&fresh, &profile).await?;
            }
            navigate(RegRoute::College(c));
            Ok(String::new())
        }
    });
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
            <form class="row" on:submit=move |ev| { ev.prevent_default(); open.dispatch_local(()); }>
                <label class="field">
                    <span>"รหัสสถานศึกษา (10 หลัก)"</span>
                    <input type="text" inputmode="numeric" maxlength="10" data-testid="reg-college-code"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                </label>
                <button type="submit" data-testid="reg-college-open">"เปิด / เพิ่มสถานศึกษา"</button>
            </form>
            {message(outcome(open))}
        </section>
    }
}

fn province_card() -> impl IntoView {
    let province = RwSignal::new(String::new());
    let year = RwSignal::new(current_year().to_string());
    // Nothing to wait for: opens the page, or says which field is missing.
    let msg = RwSignal::new(None::<Outcome>);
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = province.get_untracked();
        if p.is_empty() {
            return msg.set(Some(Err("จังหวัด: ต้องเลือก".into())));
        }
        match parse_academic_year(&year.get_untracked()) {
            Ok(y) => navigate(RegProvinceRoute::Province(p, y)),
            Err(e) => msg.set(Some(Err(e.into()))),
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

/// What the catalogue card does: import a CSV list, and export the list in use or go back to the starter list (these
/// two say something only when they fail). Made by the page, as the card is rebuilt after each change.
#[derive(Clone, Copy)]
struct CatalogueActions {
    import: Action<web_sys::HtmlInputElement, Outcome>,
    other: Action<CatalogueAct, Outcome>,
    /// The latest of the two's outcome (one message box).
    shown: Signal<Option<Outcome>>,
}

enum CatalogueAct {
    Export(String),
    Reset,
}

fn catalogue_actions() -> CatalogueActions {
    let state = AppState::get();
    let import = import_table_action(move |picked: Picked| async move {
        let file = format!("{}{}", picked.name, picked.note());
        let edition = format!("นำเข้า {} {}", picked.name, crate::domain::thai_time::date_iso(&now_iso()).unwrap_or_default());
        let c = Catalogue::from_csv(&picked.text, edition).map_err(|e| format!("{file}: {e}"))?;
        let n = c.entries.len();
        keep_catalogue(&state.store(), c, "รายการที่นำเข้าไว้ในเครื่องนี้".into()).await?;
        state.data_changed();
        Ok(format!("นำเข้ารายการหลักสูตร {n} สาขางานจาก {file} แล้ว"))
    });
    let other = page_action(move |act: &CatalogueAct| {
        let export = match act {
            CatalogueAct::Export(csv) => Some(csv.clone()),
            CatalogueAct::Reset => None,
        };
        async move {
            match export {
                Some(csv) => download("catalogue.csv", "text/csv", &csv)?,
                None => {
                    forget_catalogue();
                    state.store().delete(super::CACHE_ID).await?;
                    state.data_changed();
                }
            }
            Ok(String::new())
        }
    });
    CatalogueActions { import, other, shown: latest_of(import, other) }
}

fn catalogue_card(loaded: LoadedCatalogue, actions: CatalogueActions) -> impl IntoView {
    let CatalogueActions { import, other, shown } = actions;
    let export_cat = loaded.catalogue.clone();
    let starter = loaded.catalogue.starter;
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
               " เช่น "<code>"ปวช.,62,อุตสาหกรรม,ช่างยนต์,ยานยนต์,…"</code>" หรือไฟล์ Excel (.xlsx) ที่มีคอลัมน์เดียวกัน — ถ้ามีบรรทัด (แถว) ใดผิด จะไม่นำเข้าเลยและบอกเลขบรรทัด (แถว)"</p>
            <div class="row">
                {table_file_field(None, view! { <input type="file" class="file-input" accept=TABLE data-testid="catalogue-import"
                    on:change=move |ev| { import.dispatch_local(event_target(&ev)); } /> }.into_any())}
                <button type="button" class="secondary" data-testid="catalogue-export"
                    on:click=move |_| { other.dispatch_local(CatalogueAct::Export(export_cat.to_csv())); }>"ส่งออกรายการที่ใช้อยู่ (CSV)"</button>
                {(!starter).then(|| view! {
                    <button type="button" class="secondary" on:click=move |_| { other.dispatch_local(CatalogueAct::Reset); }>"กลับไปใช้รายการเริ่มต้น"</button>
                })}
            </div>
            <div class="pre-line">{message(shown)}</div>
        </section>
    }
}
