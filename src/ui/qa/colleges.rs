//! The list of colleges on this device: add a college, open one, import a backup.

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::college_qa::records::{valid_college_code, College};
use crate::domain::keys;
use crate::store::keyed_meta;

use crate::ui::files::{read_picked_text, thai_file_field};
use crate::ui::route::navigate;
use crate::routes::QaRoute;
use crate::ui::state::AppState;
use crate::ui::widgets::message;

#[component]
pub fn Colleges() -> impl IntoView {
    let state = AppState::get();
    let colleges = RwSignal::new(None::<Result<Vec<College>, String>>);
    Effect::new(move |_| {
        state.data_version.track();
        spawn_local(async move {
            let list = state.store().list::<College>(None).await.map_err(|e| e.to_string());
            colleges.set(Some(list.map(|mut l| {
                crate::domain::sort::sort_by(&mut l, |a, b| a.code.cmp(&b.code));
                l
            })));
        });
    });

    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let add_msg = RwSignal::new(None::<Result<String, String>>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code_v = code.get_untracked().trim().to_string();
        let name_v = name.get_untracked().trim().to_string();
        if let Err(e) = valid_college_code(&code_v) {
            add_msg.set(Some(Err(format!("รหัสสถานศึกษา: {e}"))));
            return;
        }
        if name_v.is_empty() {
            add_msg.set(Some(Err("ชื่อสถานศึกษา: ต้องกรอก".into())));
            return;
        }
        spawn_local(async move {
            let store = state.store();
            match store.list::<College>(Some(&code_v)).await {
                Ok(existing) if !existing.is_empty() => {
                    add_msg.set(Some(Err(format!("รหัสสถานศึกษา: มีวิทยาลัยรหัส {code_v} อยู่แล้ว"))));
                }
                Err(e) => add_msg.set(Some(Err(e.to_string()))),
                Ok(_) => {
                    let college = College {
                        meta: keyed_meta::<College>(keys::college_id(&code_v), &code_v),
                        code: code_v.clone(),
                        name: name_v,
                        province: String::new(),
                    };
                    let fresh = serde_json::to_value(&college).unwrap_or_default();
                    match store.put_if_unchanged(&fresh, &college).await.map(|_| ()) {
                        Ok(()) => navigate(QaRoute::College(code_v)),
                        Err(e) => add_msg.set(Some(Err(e.to_string()))),
                    }
                }
            }
        });
    };

    let import_msg = RwSignal::new(None::<Result<String, String>>);
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        spawn_local(async move {
            let outcome = match read_picked_text(&input).await {
                Ok(Some(crate::ui::files::Picked { name: file, text, .. })) => match state.store().import_backup(&text).await {
                    Ok(s) => {
                        state.data_changed();
                        let kept = if s.kept_newer > 0 {
                            format!(" (คงฉบับในเครื่องที่ใหม่กว่าไว้ {} รายการ)", s.kept_newer)
                        } else {
                            String::new()
                        };
                        Ok(format!("นำเข้า {file} แล้ว: {} รายการ{kept}", s.written))
                    }
                    Err(e) => Err(format!("นำเข้า {file} ไม่ได้ — ไม่มีข้อมูลใดถูกเปลี่ยน: {e}")),
                },
                Ok(None) => return,
                Err(e) => Err(e),
            };
            import_msg.set(Some(outcome));
            input.set_value("");
        });
    };

    view! {
        <h1>"ประเมินตนเองของสถานศึกษา (มาตรฐานการอาชีวศึกษา พ.ศ. 2559)"</h1>
        <section class="card">
            <h2>"วิทยาลัยในเครื่องนี้"</h2>
            {move || match colleges.get() {
                None => view! { <p class="muted">"กำลังโหลด…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="msg error">{e}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">"ยังไม่มี — เพิ่มวิทยาลัยด้านล่าง หรือนำเข้าไฟล์สำรอง"</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="list" data-testid="college-list">
                        {list.into_iter().map(|c| view! {
                            <li><a href=QaRoute::College(c.code.clone()).href()>{c.code.clone()} " — " {c.name.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
        <form class="card" on:submit=add>
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
            {message(add_msg)}
        </form>
        <section class="card">
            <h2>"นำเข้าไฟล์สำรอง"</h2>
            <p class="muted">"ไฟล์ .json ที่ส่งออกจากแอปนี้ ไฟล์ที่เสียหายหรือไม่ใช่ของแอปจะถูกปฏิเสธโดยไม่แตะข้อมูลเดิม"</p>
            {thai_file_field(None, view! { <input type="file" class="file-input" accept=".json,application/json" data-testid="backup-import" on:change=import /> })}
            {message(import_msg)}
        </section>
    }
}
