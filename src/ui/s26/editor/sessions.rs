//! The test sessions made from this standard, and the form that makes one (`domain::section26::session`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::section26::bank::check_bank;
use crate::domain::section26::records::SessionRecord;
use crate::domain::section26::session::{new_session, SessionForm, DEFAULT_JUDGES};
use crate::store::{new_meta, now_iso};
use crate::ui::s26::thai_date;
use crate::ui::route::navigate;
use crate::routes::S26SessionRoute;
use crate::ui::state::AppState;
use crate::ui::widgets::{message, thai_date_input};

use super::model::{Draft, DraftStoreFields};
use super::Ctx;

pub(super) fn sessions_card(ctx: Ctx, sessions: Vec<SessionRecord>) -> impl IntoView {
    let state = AppState::get();
    // Today in Thailand (not in UTC, a day behind before 07:00), then the date to store or the date box's refusal.
    let today = crate::domain::thai_time::date_iso(&now_iso()).unwrap_or_default();
    let date = RwSignal::new(Ok::<String, String>(today.clone()));
    let place = RwSignal::new(String::new());
    let tester = RwSignal::new(String::new());
    let judges = RwSignal::new(DEFAULT_JUDGES.to_string());
    let reason = RwSignal::new(String::new());
    let store = ctx.store;
    let rules = Memo::new(move |_| store.duties().with(|d| store.bank().with(|b| check_bank(store.test_length().get(), b, d))));
    let msg = RwSignal::new(None::<Result<String, String>>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let rec = ctx.store.with_untracked(Draft::record);
        let date = match date.get_untracked() {
            Ok(d) => d,
            Err(e) => return msg.set(Some(Err(e))),
        };
        let form = SessionForm {
            date,
            place: place.get_untracked(),
            tester: tester.get_untracked(),
            judges: judges.get_untracked(),
            override_reason: reason.get_untracked(),
        };
        let left_out = ctx.left_out.get_untracked();
        let session = match new_session(&rec, &left_out, form, || new_meta::<SessionRecord>(&rec.meta.org)) {
            Ok(session) => session,
            Err(e) => return msg.set(Some(Err(e))),
        };
        let id = session.meta.id.clone();
        spawn_local(async move {
            match state.store().put(&session).await {
                Ok(()) => navigate(S26SessionRoute::Session(id)),
                Err(e) => msg.set(Some(Err(e.to_string()))),
            }
        });
    };
    view! {
        <section class="card" id="results">
            <h2>"รอบทดสอบ"</h2>
            <ul data-testid="s26-sessions">
                {sessions.into_iter().map(|s| view! {
                    <li><a href=S26SessionRoute::Session(s.meta.id.clone()).href()>{format!("{} — {}", thai_date(&s.date), s.place)}</a></li>
                }).collect_view()}
            </ul>
            <form on:submit=create>
                <p class="muted">"รอบทดสอบใช้ชุดข้อสอบที่จัดไว้ ณ ตอนสร้าง (แก้คลังภายหลังไม่กระทบรอบที่สร้างแล้ว)"</p>
                <div class="fields">
                    {thai_date_input("วันทดสอบ", today, "s26-session-date".into(), move |d| date.set(d))}
                    <label class="field"><span>"สถานที่ทดสอบ"</span><input type="text" data-testid="s26-session-place" on:input=move |ev| place.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"ผู้ทดสอบ"</span><input type="text" data-testid="s26-session-tester" on:input=move |ev| tester.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"กรรมการ (คั่นด้วย ,)"</span><input type="text" prop:value=judges data-testid="s26-session-judges" on:input=move |ev| judges.set(event_target_value(&ev))/></label>
                </div>
                {move || (!rules.with(|r| r.ok())).then(|| view! {
                    <label class="field wide"><span>"คลังข้อสอบยังไม่ผ่านเกณฑ์ (ดูคลังข้อสอบด้านบน): ถ้าจำเป็นต้องสร้างรอบนี้ ให้พิมพ์เหตุผล — จะพิมพ์ไว้ในใบสรุปผลคะแนน (แบบ 15)"</span>
                        <textarea rows="2" data-testid="s26-session-override" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    </label>
                })}
                <button type="submit" data-testid="s26-session-create">"สร้างรอบทดสอบ"</button>
            </form>
            {message(msg)}
        </section>
    }
}
