//! Marks through the test centre's server database instead of files (optional; files stay): a judge's tablet, signed
//! in on the sync page for the test centre, pushes the standard's marks into `mt_<centre>`
//! ([`crate::sync::Client::push_into`], marks only); the chief tester's tablet pulls that database and merges
//! the session's new marks as the marks-file import does (the same checks and `plan_import` count; conflicts appear in
//! the same conflicts card, since they are derived from all marks of a slot). The pull checks before it stores
//! ([`pull_card`]): a mark that fails the session's checks, or that would change or delete a stored mark, is not
//! written and is named. The chief's pull can be cancelled: its requests are aborted, the pages of the feed stored
//! before are kept and shown, the page it stopped in is not stored at all.

use std::future::Future;

use std::cell::RefCell;

use leptos::prelude::*;
use crate::ui::action::page_action;
use serde_json::Value;
use crate::domain::judge::merge::{check_marks, plan_import};
use crate::domain::record::Record;
use crate::domain::sync::accept::{check_pulled, refused_text, Holder, Verdict, SECTION26};
use crate::domain::section26::records::MarkRecord;
use crate::sync::{Client, SyncError};

use crate::routes::SyncRoute;
use crate::ui::error::{message, Outcome};
use crate::ui::s26::SessionData;
use crate::ui::state::AppState;
use crate::ui::sync::{failure_text, SyncUi};

/// The signed-in client and the centre it is for, or the message asking to sign in.
fn signed_in(sync: SyncUi) -> Result<(Client, String), String> {
    match sync.client() {
        Some(client) if !sync.org().is_empty() => Ok((client, sync.org())),
        _ => Err("ยังไม่ได้ลงชื่อเข้าใช้เซิร์ฟเวอร์ — ลงชื่อเข้าใช้ด้วยบัญชีและรหัสของศูนย์ทดสอบที่หน้าซิงค์ก่อน".into()),
    }
}

fn problem(e: &SyncError) -> String {
    match e {
        SyncError::Store(e) => e.to_string(),
        other => failure_text(other),
    }
}

/// A card with one button that runs `run(client, centre)` for the signed-in centre and shows its result
/// ("กำลังทำงาน…" while it runs). `cancellable`: a cancel button shows while it runs, which aborts its requests
/// (the client `run` gets fails with [`SyncError::Cancelled`] from then on).
fn card<Fut>(
    (title, text, button, testid): (&'static str, &'static str, &'static str, &'static str),
    cancellable: bool,
    run: impl Fn(Client, String) -> Fut + 'static,
) -> impl IntoView
where
    Fut: Future<Output = Outcome> + 'static,
{
    let sync = SyncUi::get();
    let state = AppState::get();
    let cancel = StoredValue::new_local(None::<web_sys::AbortController>);
    let go = page_action(move |_: &()| {
        let work = signed_in(sync).map(|(client, centre)| {
            let controller = if cancellable { web_sys::AbortController::new().ok() } else { None };
            let running = match &controller {
                // This run's requests (counted with the signed-in client's) stop when the user cancels.
                Some(c) => Client::new(state.store(), client.endpoint().cancelled_by(c.signal())),
                None => client.clone(),
            };
            cancel.set_value(controller);
            (run(running, centre), client)
        });
        async move {
            let (work, client) = work?;
            let outcome = work.await;
            cancel.set_value(None);
            sync.count_requests(&client);
            outcome
        }
    });
    let shown = Signal::derive(move || if go.pending().get() { Some(Ok("กำลังทำงาน…".into())) } else { go.value().get() });
    view! {
        <section class="card no-print">
            <h2>{title}</h2>
            <p class="muted">{text} " ลงชื่อเข้าใช้ที่ " <a href=SyncRoute::Settings.href()>"หน้าซิงค์"</a>
                {move || sync.signed_in().then(|| format!(" (ตอนนี้: ศูนย์ทดสอบ {})", sync.org()))}</p>
            <button type="button" data-testid=testid prop:disabled=go.pending() on:click=move |_| { go.dispatch_local(()); }>{button}</button>
            {move || (cancellable && go.pending().get()).then(|| view! {
                <button type="button" class="secondary" data-testid=format!("{testid}-cancel") on:click=move |_| {
                    if let Some(c) = cancel.get_value() { c.abort(); }
                }>"ยกเลิก"</button>
            })}
            <div data-testid=format!("{testid}-msg")>{message(shown)}</div>
        </section>
    }
}

/// On a judge's tablet: push this standard's marks into the test centre's database.
pub fn push_card(d: StoredValue<SessionData>) -> impl IntoView {
    let texts = (
        "ส่งคะแนนเข้าเซิร์ฟเวอร์ของศูนย์ทดสอบ",
        "เมื่อมีเครือข่าย: ส่งคะแนนทุกรายการในเครื่องนี้ของมาตรฐานนี้ให้หัวหน้าผู้ทดสอบดึงไปรวม — ส่งซ้ำได้ ไม่เกิดคะแนนซ้ำ",
        "ส่งคะแนนเข้าเซิร์ฟเวอร์",
        "judge-push",
    );
    card(texts, false, move |client, centre| {
        let org = d.with_value(|d| d.session.meta.org.clone());
        async move {
            let r = client.push_into(&org, &centre, Some(MarkRecord::KIND), &|_| {}).await.map_err(|e| problem(&e))?;
            let done = format!("ส่งคะแนนเข้าฐานข้อมูลของศูนย์ทดสอบ {centre} แล้ว: ส่งใหม่ {} · เซิร์ฟเวอร์มีอยู่แล้ว {}", r.sent, r.already);
            if r.refused.is_empty() {
                return Ok(done);
            }
            let list: Vec<String> = r.refused.iter().map(|f| format!("{} ({})", f.id, f.reason)).collect();
            Err(format!("{done} — เซิร์ฟเวอร์ไม่รับ {} รายการ (ยังรอส่ง): {}", r.refused.len(), list.join("; ")).into())
        }
    })
}

/// On the chief tester's tablet: pull the centre's database and merge this session's new marks — checked before
/// anything is stored, like the marks-file import: each new mark of this session's candidates must pass
/// [`check_marks`] and [`plan_import`] against the marks already here (and those taken before it in this pull); a
/// stored mark is never changed or deleted ([`check_pulled`]: marks are append-only). What fails is not written and
/// is named in the message; marks of other sessions are left on the server for their own session's pull (this pull
/// reads the whole feed, so they are seen again there).
pub fn pull_card(data: RwSignal<SessionData>) -> impl IntoView {
    let state = AppState::get();
    let texts = (
        "ดึงคะแนนจากเซิร์ฟเวอร์ของศูนย์ทดสอบ",
        "แทนการนำเข้าไฟล์: ดึงคะแนนที่แท็บเล็ตกรรมการส่งเข้าฐานข้อมูลของศูนย์ทดสอบ รวมแบบเดียวกับไฟล์คะแนน — ไม่เกิดคะแนนซ้ำ คะแนนที่ขัดกันแสดงให้ตัดสินด้านล่าง",
        "ดึงคะแนนจากเซิร์ฟเวอร์",
        "chief-pull",
    );
    card(texts, true, move |client, centre| {
        let before = data.get_untracked();
        async move {
            let holder = Holder::Centre(centre.clone());
            let cands: Vec<String> = before.candidates.iter().map(|c| c.meta.id.clone()).collect();
            let judges = before.session.judges.len() as u8;
            let modules = before.standard.standard.modules.clone();
            let standard_org = before.session.meta.org.clone();
            // The session's marks as the gate goes: those stored, then each one it takes.
            let known = RefCell::new(before.marks.clone());
            let gate = |incoming: Option<&Value>, stored: Option<&Value>| -> Verdict {
                if let Err(e) = check_pulled(&holder, &SECTION26, incoming, stored) {
                    return Verdict::Refuse(e);
                }
                let (Some(body), None) = (incoming, stored) else {
                    // The same mark again, or a deletion of something this device does not hold.
                    return if incoming.is_some() { Verdict::Take } else { Verdict::Leave };
                };
                if body.get("kind").and_then(Value::as_str) != Some(MarkRecord::KIND) {
                    return Verdict::Take;
                }
                let Ok(mark) = serde_json::from_value::<MarkRecord>(body.clone()) else {
                    return Verdict::Refuse("อ่านเป็นคะแนนไม่ได้".into());
                };
                if !cands.contains(&mark.candidate) {
                    return Verdict::Leave;
                }
                if mark.meta.org != standard_org {
                    return Verdict::Refuse(format!("คะแนนของผู้เข้าทดสอบในรอบนี้แต่เป็นของมาตรฐานอื่น ({})", mark.meta.org));
                }
                if let Err(e) = check_marks(std::slice::from_ref(&mark), &cands, &modules, judges) {
                    return Verdict::Refuse(e);
                }
                let mut known = known.borrow_mut();
                match plan_import(&known, vec![mark]) {
                    Ok(plan) => {
                        known.extend(plan.new);
                        Verdict::Take
                    }
                    Err(e) => Verdict::Refuse(e),
                }
            };
            // Cancelled: each page of the feed is stored whole with its checkpoint, so the marks of the pages done
            // before the cancel are kept (and shown), those of the page it stopped are not stored at all.
            let report = match client.pull_from(&holder, &gate, true, &|_| {}).await {
                Ok(report) => Some(report),
                Err(SyncError::Cancelled) => None,
                Err(e) => return Err(problem(&e).into()),
            };
            let after = super::load_by_number(state.store(), before.session.meta.id.clone()).await?;
            let plan = plan_import(&before.marks, after.marks.clone())?;
            let new = plan.new.len();
            data.set(after);
            let Some(report) = report else {
                return Err(format!("ยกเลิกแล้ว — คะแนนใหม่ของรอบนี้ที่ดึงและบันทึกก่อนยกเลิก {new} รายการ (ดึงอีกครั้งเพื่อรับส่วนที่เหลือ)").into());
            };
            let stored = format!(
                "ดึงจากฐานข้อมูลของศูนย์ทดสอบ {centre} แล้ว ({} รายการ): คะแนนใหม่ของรอบนี้ {new} รายการ · มีอยู่แล้ว {} รายการ (ไม่เปลี่ยน)",
                report.rows, plan.already
            );
            match refused_text(&report.refused) {
                Some(refused) => Err(format!("{stored} — {refused}").into()),
                None => Ok(stored),
            }
        }
    })
}
