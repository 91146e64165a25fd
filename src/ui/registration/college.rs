//! A college's registration home: its profile (saved as you type, problems named per field) and its academic
//! years with their totals; adding a year opens the registration of that year.

use leptos::prelude::*;
use crate::domain::registration::records::{students, CollegeProfile, Registration, Sector};
use crate::domain::registration::Group;
use crate::domain::keys;
use crate::store::{keyed_meta, now_iso, Store};

use super::province_options;
use crate::ui::autosave;
use crate::routes::RegRoute;
use crate::ui::data::{loaded, page_data};
use crate::ui::error::PageError;
use crate::ui::widgets::add_year_form;

/// A college's stored profile and registrations (oldest year first).
#[derive(Clone, Debug, PartialEq)]
pub struct CollegeRegs {
    pub profile: CollegeProfile,
    pub years: Vec<Registration>,
}

/// Loads a college's profile and registrations; an unknown code is an error with a way back.
pub async fn load_college(store: Store, code: String) -> Result<CollegeRegs, PageError> {
    let profile = store
        .list::<CollegeProfile>(Some(&code))
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| format!("ไม่พบสถานศึกษารหัส {code} ในเครื่องนี้ — เพิ่มได้ที่หน้าลงทะเบียนรับเครื่องมือ"))?;
    let mut years = store.list::<Registration>(Some(&code)).await?;
    crate::domain::sort::sort_by_key(&mut years, |r| r.year);
    Ok(CollegeRegs { profile, years })
}

#[component]
pub fn RegCollegePage(code: String) -> impl IntoView {
    let data = page_data(move |store| load_college(store, code.clone()));
    loaded(data, college_body)
}

fn text_field(
    label: &'static str,
    testid: &'static str,
    initial: String,
    set: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <label class="field grow">
            <span>{label}</span>
            <input type="text" data-testid=testid value=initial on:input=move |ev| set(event_target_value(&ev)) />
        </label>
    }
}

fn college_body(d: CollegeRegs) -> impl IntoView {
    let profile = RwSignal::new(d.profile.clone());
    autosave::bind(profile);
    let edit = move |f: Box<dyn FnOnce(&mut CollegeProfile)>| {
        profile.update(|p| {
            f(p);
            p.meta.touch(&now_iso());
        });
        autosave::save(profile.get_untracked());
    };
    let problems = move || profile.with(|p| p.profile.problems());
    let code = d.profile.profile.code.clone();
    let p0 = d.profile.profile.clone();

    let add_year = {
        let code = code.clone();
        let route_code = code.clone();
        add_year_form(
            d.years.iter().map(|r| r.year).collect(),
            ("reg-year-input", "reg-year-add"),
            "เปิดปีการศึกษา",
            true,
            move |year| Registration {
                meta: keyed_meta::<Registration>(keys::registration_id(&code, year), &code),
                college: code.clone(),
                year,
                entries: Vec::new(),
            },
            move |year| RegRoute::Editor(route_code.clone(), year).into(),
        )
    };

    let years = d
        .years
        .iter()
        .rev()
        .map(|r| {
            let per: Vec<String> = Group::ALL
                .iter()
                .filter_map(|g| {
                    let n = students(&r.entries, Some(*g));
                    (n > 0).then(|| format!("{} {n}", g.curriculum()))
                })
                .collect();
            view! {
                <li data-testid=format!("reg-year-{}", r.year)>
                    <strong>"ปีการศึกษา " {r.year}</strong>
                    <span>{r.entries.len()} " สาขางาน · " {students(&r.entries, None)} " คน"</span>
                    <span class="muted">{per.join(" · ")}</span>
                    <a class="button" href=RegRoute::Editor(r.college.clone(), r.year).href()>"ลงทะเบียน/แก้ไข"</a>
                    <a class="button secondary" href=RegRoute::Report(r.college.clone(), r.year).href()>"รายงาน"</a>
                </li>
            }
        })
        .collect_view();

    view! {
        <h1>"ลงทะเบียนขอรับเครื่องมือ — " {move || profile.with(|p| if p.profile.name.is_empty() { p.profile.code.clone() } else { p.profile.name.clone() })}</h1>
        <section class="card">
            <h2>"ข้อมูลสถานศึกษา"</h2>
            <p class="muted">"รหัสสถานศึกษา " <strong>{code.clone()}</strong> " — บันทึกอัตโนมัติทุกครั้งที่กรอก"</p>
            <div class="row">
                {text_field("ชื่อสถานศึกษา", "profile-name", p0.name.clone(), move |v| edit(Box::new(move |p| p.profile.name = v)))}
            </div>
            <div class="row">
                <label class="field">
                    <span>"จังหวัด"</span>
                    <select data-testid="profile-province" on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |p| p.profile.province = v)); }>
                        {province_options(&p0.province)}
                    </select>
                </label>
                <label class="field">
                    <span>"ประเภท"</span>
                    <select data-testid="profile-sector" on:change=move |ev| {
                        let v = if event_target_value(&ev) == "private" { Sector::Private } else { Sector::Government };
                        edit(Box::new(move |p| p.profile.sector = v));
                    }>
                        <option value="government" selected=p0.sector == Sector::Government>"รัฐบาล"</option>
                        <option value="private" selected=p0.sector == Sector::Private>"เอกชน"</option>
                    </select>
                </label>
                {text_field("สังกัด", "profile-affiliation", p0.affiliation.clone(), move |v| edit(Box::new(move |p| p.profile.affiliation = v)))}
            </div>
            <ul class="problems" data-testid="profile-problems">
                {move || problems().into_iter().map(|(_, m)| view! { <li class="warn">{m}</li> }).collect_view()}
            </ul>
        </section>
        <section class="card">
            <h2>"ปีการศึกษาที่ลงทะเบียน"</h2>
            {if d.years.is_empty() {
                view! { <p class="muted">"ยังไม่มี — เพิ่มปีการศึกษาด้านล่าง"</p> }.into_any()
            } else {
                view! { <ul class="list">{years}</ul> }.into_any()
            }}
            {add_year}
        </section>
    }
}
