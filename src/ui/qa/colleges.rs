//! The list of colleges on this device: add a college, open one, import a backup.

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::college_qa::records::{valid_college_code, College};
use crate::domain::keys;
use crate::store::keyed_meta;

use crate::ui::files::{read_picked_text, thai_file_field};
use crate::ui::route::navigate;
use crate::routes::QaRoute;
use crate::ui::state::AppState;
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{message, outcome};

#[component]
pub fn Colleges() -> impl IntoView {
    let state = AppState::get();
    let colleges = page_data(|store| async move {
        let mut list = store.list::<College>(None).await?;
        crate::domain::sort::sort_by(&mut list, |a, b| a.code.cmp(&b.code));
        Ok(list)
    });

    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    // Opens the new college once stored; refused with the field named, or when the code is already here.
    let add = page_action(move |_: &()| {
        let code_v = code.get_untracked().trim().to_string();
        let name_v = name.get_untracked().trim().to_string();
        async move {
            valid_college_code(&code_v).map_err(|e| format!("รหัสสถานศึกษา: {e}"))?;
            if name_v.is_empty() {
                return Err("ชื่อสถานศึกษา: ต้องกรอก".into());
            }
            let store = state.store();
            if !store.list::<College>(Some(&code_v)).await?.is_empty() {
                return Err(format!("รหัสสถานศึกษา: มีวิทยาลัยรหัส {code_v} อยู่แล้ว").into());
            }
            let college = College {
                meta: keyed_meta::<College>(keys::college_id(&code_v), &code_v),
                code: code_v.clone(),
                name: name_v,
                province: String::new(),
            };
            let fresh = serde_json::to_value(&college).unwrap_or_default();
            store.put_if_unchanged(&fresh, &college).await?;
            navigate(QaRoute::College(code_v));
            Ok(String::new())
        }
    });

    let import = page_action(move |input: &web_sys::HtmlInputElement| {
        let input = input.clone();
        async move {
            let picked = read_picked_text(&input).await;
            input.set_value("");
            let Some(crate::ui::files::Picked { name: file, text, .. }) = picked? else { return Ok(String::new()) };
            let s = state.store().import_backup(&text, None, &crate::domain::sync::accept::COLLEGE_OWN).await.map_err(|e| format!("นำเข้า {file} ไม่ได้ — ไม่มีข้อมูลใดถูกเปลี่ยน: {e}"))?;
            state.data_changed();
            let kept = if s.kept_newer > 0 { format!(" (คงฉบับในเครื่องที่ใหม่กว่าไว้ {} รายการ)", s.kept_newer) } else { String::new() };
            Ok(format!("นำเข้า {file} แล้ว: {} รายการ{kept}", s.written))
        }
    });

    view! {
        <h1>"ประเมินตนเองของสถานศึกษา (มาตรฐานการอาชีวศึกษา พ.ศ. 2559)"</h1>
        <section class="card">
            <h2>"วิทยาลัยในเครื่องนี้"</h2>
            {loaded(colleges, |list| if list.is_empty() {
                view! { <p class="muted">"ยังไม่มี — เพิ่มวิทยาลัยด้านล่าง หรือนำเข้าไฟล์สำรอง"</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="college-list">
                        {list.into_iter().map(|c| view! {
                            <li><a href=QaRoute::College(c.code.clone()).href()>{c.code.clone()} " — " {c.name.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
        <form class="card" on:submit=move |ev| { ev.prevent_default(); add.dispatch_local(()); }>
            <h2>"เพิ่มวิทยาลัย"</h2>
            <div class="row">
                <label class="field">
                    <span>"รหัสสถานศึกษา (10 หลัก)"</span>
                    <input type="text" inputmode="numeric" maxlength="10" data-testid="college-code"
                        on:input=move |ev| code.set(event_target_value(&ev)) prop:value=code />
                </label>
                <label class="field" style="flex:1">
                    <span>"ชื่อสถานศึกษา"</span>
                    <input type="text" data-testid="college-name"
                        on:input=move |ev| name.set(event_target_value(&ev)) prop:value=name />
                </label>
                <button type="submit" data-testid="college-add">"เพิ่ม"</button>
            </div>
            {message(outcome(add))}
        </form>
        <section class="card">
            <h2>"นำเข้าไฟล์สำรอง"</h2>
            <p class="muted">"ไฟล์ .json ที่ส่งออกจากแอปนี้ ไฟล์ที่เสียหายหรือไม่ใช่ของแอปจะถูกปฏิเสธโดยไม่แตะข้อมูลเดิม"</p>
            {thai_file_field(None, view! { <input type="file" class="file-input" accept=".json,application/json" data-testid="backup-import" on:change=move |ev| { import.dispatch_local(event_target(&ev)); } /> })}
            {message(outcome(import))}
        </section>
    }
}
