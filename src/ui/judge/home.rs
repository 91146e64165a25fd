//! `#/judge`: the judge-tablet start page — this tablet's device id, the test sessions kept on it (mark as a judge, or
//! gather marks as the chief tester), receiving a session file from the chief's tablet, and storage health.

use leptos::prelude::*;
use crate::domain::section26::records::{SessionRecord, StandardRecord};

use super::identity::{self, device_id};
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{message, outcome};
use crate::ui::files::{file_picker, import_file_action, Picked, JSON};
use crate::ui::health::StorageHealth;
use crate::routes::{JudgeRoute, S26Route};
use crate::ui::backup::CENTRE_KINDS;
use crate::ui::s26::thai_date;
use crate::ui::state::AppState;

#[component]
pub fn JudgeHome() -> impl IntoView {
    let state = AppState::get();
    let list = page_data(|store| async move {
        let sessions: Vec<SessionRecord> = store.list(None).await?;
        let standards: Vec<StandardRecord> = store.list(None).await?;
        Ok(sessions
            .into_iter()
            .map(|s| {
                let title = standards.iter().find(|x| x.meta.id == s.standard).map(|x| x.standard.title()).unwrap_or_default();
                (s, title)
            })
            .collect::<Vec<_>>())
    });
    let receive = import_file_action(move |Picked { name, text, .. }: Picked| async move {
        let s = state.store().import_backup(&text, Some(CENTRE_KINDS), &crate::domain::sync::accept::STANDARD_OWN).await.map_err(|e| format!("{name}: {e}"))?;
        state.data_changed();
        Ok(format!("รับรอบทดสอบจาก {name} แล้ว ({} ระเบียน)", s.written + s.kept_newer))
    });
    let device = device_id();
    view! {
        <h1>"แท็บเล็ตกรรมการ"</h1>
        <p class="muted">"ให้คะแนนภาคความสามารถได้แม้ไม่มีเครือข่าย ทุกครั้งที่แตะจะบันทึกลงเครื่องก่อนขึ้นว่า “บันทึกแล้ว”"</p>
        <p class="muted" data-testid="judge-device">{format!("รหัสเครื่องนี้: {} ({})", identity::short(&device), device)}</p>
        <section class="card">
            <h2>"รอบทดสอบในเครื่องนี้"</h2>
            {loaded(list, |sessions| view! {
                <ul class="judge-sessions" data-testid="judge-sessions">
                    {sessions.into_iter().map(|(s, title)| {
                        let id = s.meta.id.clone();
                        view! { <li>
                            <strong>{format!("{title} — {} {}", thai_date(&s.date), s.place)}</strong>
                            <div class="row">
                                <a class="button judge-big" href=JudgeRoute::Mark(id.clone()).href() data-testid="judge-open">"ให้คะแนน (กรรมการ)"</a>
                                <a class="button secondary" href=JudgeRoute::Chief(id).href() data-testid="judge-chief">"รวมคะแนน (หัวหน้าผู้ทดสอบ)"</a>
                            </div>
                        </li> }
                    }).collect_view()}
                </ul>
            })}
            <p class="muted">"สร้างรอบทดสอบได้ที่ "<a href=S26Route::Standards.href()>"มาตรฐานฝีมือแรงงานตามมาตรา 26"</a></p>
        </section>
        <section class="card">
            <h2>"รับรอบทดสอบจากแท็บเล็ตหัวหน้าผู้ทดสอบ"</h2>
            {file_picker("ไฟล์รอบทดสอบ (.json)", JSON, "judge-receive", false, receive)}
            {message(outcome(receive))}
        </section>
        {crate::ui::backup::TabletBackup()}
        <StorageHealth/>
    }
}
