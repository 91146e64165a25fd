//! The sync page (`#/sync`): server URL, sign in/out, organisation; status per record kind (pending, synced,
//! conflicts), last push and pull, "sync now", the offline indicator, and the way to the conflicts view.

use leptos::prelude::*;
use crate::ui::action::page_action;

use super::{badge_text, kind_label, Settings, Status, SyncUi};
use crate::routes::SyncRoute;
use crate::ui::state::AppState;
use crate::ui::error::{latest_of, message};

#[component]
pub fn SyncSettings() -> impl IntoView {
    let app = AppState::get();
    let ui = SyncUi::get();
    ui.refresh_counts();
    let initial = ui.settings.get_untracked();
    let url = RwSignal::new(initial.url);
    let user = RwSignal::new(initial.user);
    let org = RwSignal::new(initial.org);
    let remember = RwSignal::new(initial.remember);
    let password = RwSignal::new(String::new());
    let sign_in = page_action(move |_: &()| {
        let settings = Settings {
            url: url.get_untracked().trim().to_string(),
            user: user.get_untracked().trim().to_string(),
            org: org.get_untracked().trim().to_string(),
            remember: remember.get_untracked(),
        };
        let typed = password.get_untracked();
        async move {
            let done = ui.sign_in(settings, typed).await;
            if done.is_ok() {
                password.set(String::new());
            }
            done
        }
    });
    let sign_out = page_action(move |_: &()| {
        ui.sign_out();
        remember.set(false);
        async { Ok("ออกจากระบบแล้ว รหัสผ่านถูกลบจากเครื่องนี้".to_string()) }
    });
    let latest = latest_of(sign_in, sign_out);
    let shown = Signal::derive(move || {
        if sign_in.pending().get() { Some(Ok("กำลังตรวจสอบกับเซิร์ฟเวอร์…".to_string())) } else { latest.get() }
    });

    let status_text = move || match ui.status.get() {
        Status::Running(t) | Status::Waiting(t) | Status::Done(t) | Status::SignInAgain(t) | Status::Failed(t) => t,
        Status::Offline => "ออฟไลน์อยู่ — หยุดซิงค์ไว้ก่อน ข้อมูลยังอยู่ในเครื่องครบ จะซิงค์ต่อเองเมื่อกลับมาออนไลน์".into(),
        Status::SignedOut => "ยังไม่ได้ลงชื่อเข้าใช้เซิร์ฟเวอร์".into(),
        Status::Idle => "พร้อมซิงค์".into(),
    };
    let signed_out = move || ui.status.get() == Status::SignedOut;

    view! {
        <h1>"ซิงค์ข้อมูลกับเซิร์ฟเวอร์"</h1>
        <p class="muted">
            "ไม่บังคับ: แอปใช้งานได้ครบโดยไม่มีเซิร์ฟเวอร์ เมื่อหน่วยงานต้องการรวบรวมข้อมูล (วิทยาลัย → จังหวัด, แท็บเล็ตกรรมการ → ศูนย์ทดสอบ) "
            "แอปจะส่งและรับระเบียนทุกงานของหน่วยงานกับเซิร์ฟเวอร์ CouchDB ของหน่วยงาน การส่งไฟล์สำรองยังใช้ได้ตามเดิม"
        </p>
        <section class="card">
            <h2>"สถานะ"</h2>
            {move || (!app.online.get()).then(|| view! {
                <p class="msg error" data-testid="sync-offline">"ออฟไลน์ — ซิงค์ไม่ได้ตอนนี้ ทำงานต่อได้ตามปกติ"</p>
            })}
            <p role="status" aria-live="polite" data-testid="sync-status"
                class=move || match ui.status.get() {
                    Status::SignInAgain(_) | Status::Failed(_) => "msg error",
                    Status::Done(_) => "msg ok",
                    _ => "",
                }>
                <strong>{move || badge_text(&ui.status.get())}</strong>" — "{status_text}
            </p>
            <table class="sync-counts" data-testid="sync-counts">
                <thead><tr><th>"งาน / ชนิดระเบียน"</th><th>"รอส่ง"</th><th>"ซิงค์แล้ว"</th><th>"ขัดแย้ง"</th></tr></thead>
                <tbody>
                    {move || {
                        let counts = ui.counts.get();
                        if counts.is_empty() {
                            return view! { <tr><td colspan="4" class="muted">"ยังไม่มีระเบียนของหน่วยงานนี้"</td></tr> }.into_any();
                        }
                        counts.into_iter().map(|(kind, c)| view! {
                            <tr>
                                <td>{kind_label(&kind)}</td>
                                <td class="num" data-testid=format!("sync-count-{kind}-pending")>{c.pending}</td>
                                <td class="num" data-testid=format!("sync-count-{kind}-synced")>{c.synced}</td>
                                <td class="num" data-testid=format!("sync-count-{kind}-conflict")>{c.conflict}</td>
                            </tr>
                        }).collect_view().into_any()
                    }}
                </tbody>
            </table>
            <p class="muted" data-testid="sync-last">
                "ส่งล่าสุด: " {move || ui.last_push.get().unwrap_or_else(|| "ยังไม่เคย".into())}
                " · รับล่าสุด: " {move || ui.last_pull.get().unwrap_or_else(|| "ยังไม่เคย".into())}
                " · คำขอ HTTP ในรอบนี้: " <span data-testid="sync-requests">{move || ui.requests.get()}</span>
            </p>
            <div class="row">
                <button type="button" data-testid="sync-now" on:click=move |_| ui.sync_now()
                    prop:disabled=move || signed_out() || !app.online.get()
                        || matches!(ui.status.get(), Status::Running(_) | Status::Waiting(_))>
                    "ซิงค์เดี๋ยวนี้"
                </button>
                <a href=SyncRoute::Conflicts.href() data-testid="sync-conflicts-link">"ดูข้อมูลที่ขัดแย้ง"</a>
            </div>
        </section>
        <form class="card" on:submit=move |ev| { ev.prevent_default(); sign_in.dispatch_local(()); }>
            <h2>"เซิร์ฟเวอร์และบัญชี"</h2>
            <label class="field">
                <span>"ที่อยู่เซิร์ฟเวอร์ (https://…)"</span>
                <input type="url" data-testid="sync-url" placeholder="https://sync.example.go.th"
                    on:input=move |ev| url.set(event_target_value(&ev)) prop:value=url />
            </label>
            <div class="row">
                <label class="field">
                    <span>"รหัสหน่วยงาน (วิทยาลัย / ศูนย์ทดสอบ / จังหวัด)"</span>
                    <input type="text" data-testid="sync-org"
                        on:input=move |ev| org.set(event_target_value(&ev)) prop:value=org />
                </label>
                <label class="field">
                    <span>"ชื่อผู้ใช้"</span>
                    <input type="text" autocomplete="username" data-testid="sync-user"
                        on:input=move |ev| user.set(event_target_value(&ev)) prop:value=user />
                </label>
                <label class="field">
                    <span>"รหัสผ่าน"</span>
                    <input type="password" autocomplete="current-password" data-testid="sync-password"
                        on:input=move |ev| password.set(event_target_value(&ev)) prop:value=password />
                </label>
            </div>
            <label class="check">
                <input type="checkbox" data-testid="sync-remember" prop:checked=remember
                    on:change=move |ev| remember.set(event_target_checked(&ev)) />
                " จำรหัสผ่านไว้ในเครื่องนี้"
            </label>
            {move || remember.get().then(|| view! {
                <p class="msg error" role="alert" data-testid="sync-remember-warning">
                    "คำเตือน: รหัสผ่านจะถูกเก็บในเบราว์เซอร์นี้ ใครก็ตามที่ใช้เครื่องนี้ได้จะซิงค์ในนามหน่วยงานได้ "
                    "ใช้เฉพาะเครื่องของหน่วยงานที่ล็อกไว้ (รหัสผ่านไม่อยู่ในไฟล์สำรองและไม่ถูกบันทึกลง log)"
                </p>
            })}
            <div class="row">
                <button type="submit" data-testid="sync-signin">"ลงชื่อเข้าใช้"</button>
                <button type="button" data-testid="sync-signout" on:click=move |_| { sign_out.dispatch_local(()); } prop:disabled=signed_out>
                    "ออกจากระบบ"
                </button>
            </div>
            {message(shown)}
        </form>
    }
}
