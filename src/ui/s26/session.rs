//! One test session: candidates with their eligibility (`candidates`: shown before any marking, editable, removable
//! until marked), knowledge answers (one key per answer, or a CSV pasted or picked as a file), practical marking
//! (`marking`) and the results. Items are final exactly as on the chief tester's board
//! (`domain::judge::board`): an undecided conflict between two tablets or a spread > 1 blocks the item, its module and
//! the candidate's result.

use leptos::prelude::*;
use crate::ui::data::loaded;
use crate::ui::action::page_action;
use crate::domain::section26::answers::{answers_grouped, answers_text, apply_key, correct_count, letter, parse_answers_csv, KeyOutcome};
use crate::domain::section26::form15::{scored, Scored};
use crate::domain::section26::score::Scheme;
use crate::store::now_iso;
use crate::domain::item_analysis::session::SessionMethod;

use super::candidates::candidates;
use super::marking::marking;
use super::{put_now, session_page, thai_date, SessionData};
use crate::ui::error::{latest_of, message, Outcome};
use crate::ui::files::{import_table_action, table_file_picker, Picked};
use crate::routes::{IaRoute, JudgeRoute, S26Route, S26SessionRoute};
use crate::ui::state::AppState;

#[component]
pub fn Session(id: String) -> impl IntoView {
    loaded(session_page(id), |d| body(d).into_any())
}

/// The scheme a session is scored against: its frozen key, the standard's criteria and modules.
pub fn scheme(d: &SessionData) -> Scheme {
    Scheme {
        key: d.session.key.clone(),
        options: d.session.options.clone(),
        criteria: d.standard.standard.criteria.clone(),
        modules: d.standard.standard.modules.clone(),
    }
}

/// Every candidate's result, in candidate order (`domain::section26::form15`).
pub fn results(d: &SessionData) -> Vec<Scored> {
    scored(&scheme(d), &d.candidates, &d.marks, d.session.judges.len() as u8)
}

fn body(d: SessionData) -> impl IntoView {
    let data = RwSignal::new(d);
    let selected = RwSignal::new(None::<String>);
    let (title, date, place, sid) = data.with_untracked(|d| {
        (d.standard.standard.title(), thai_date(&d.session.date), d.session.place.clone(), d.session.meta.id.clone())
    });
    let std_id = data.with_untracked(|d| d.standard.meta.id.clone());
    view! {
        <h1>"รอบทดสอบ " {date}</h1>
        <p class="muted">{title} " — " {place} " · "
            <a href=S26Route::Standard(std_id).href()>"กลับไปมาตรฐาน"</a> " · "
            <a href=S26SessionRoute::Summary(sid.clone()).href() data-testid="s26-summary-link">"ใบสรุปผลคะแนน (แบบ 15) และใบให้คะแนน"</a> " · "
            <a href=S26SessionRoute::Report(sid.clone()).href() data-testid="s26-report-link">"รายงานผลการทดสอบ"</a> " · "
            <a href=S26SessionRoute::Certificates(sid.clone()).href() data-testid="s26-cert-link">"หนังสือรับรองผู้ผ่าน (รมฐ.4)"</a> " · "
            <a href=IaRoute::Session(sid.clone(), SessionMethod::default()).href() data-testid="s26-ia-link">"วิเคราะห์ข้อสอบ"</a>
            <a href=JudgeRoute::Chief(sid).href() data-testid="s26-chief-link">"รวมคะแนนจากแท็บเล็ตกรรมการ (หัวหน้าผู้ทดสอบ)"</a>
        </p>
        {candidates(data, selected)}
        {answers(data)}
        {marking(data, selected)}
        {results_card(data)}
    }
}

/// Imports an answers CSV (pasted or picked): every row is checked against the key length and the session's
/// candidates before anything is written, then all rows are written in one transaction. `source` (the file's name
/// and `: `, or nothing for pasted text) starts a refusal; `note` (how the file was read) ends the result.
async fn import_csv(state: AppState, data: RwSignal<SessionData>, source: String, note: String, text: String) -> Outcome {
    let (options, cands) = data.with_untracked(|d| (d.session.options.clone(), d.candidates.clone()));
    let nothing = "(ยังไม่ได้นำเข้าข้อมูลใด)";
    let rows = parse_answers_csv(&text, &options).map_err(|e| format!("{source}{e} {nothing}"))?;
    let mut updated = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(c) = cands.iter().find(|c| c.person.number == r.candidate) else {
            return Err(format!("{source}ไม่มีผู้เข้าทดสอบหมายเลข “{}” ในรอบนี้ {nothing}", r.candidate).into());
        };
        let mut c = c.clone();
        c.answers = r.answers;
        c.meta.touch(&now_iso());
        updated.push(c);
    }
    state.store().put_all(&updated).await.map_err(|e| format!("{e} {nothing}"))?;
    let n = updated.len();
    data.update(|d| {
        for u in updated {
            if let Some(c) = d.candidates.iter_mut().find(|c| c.meta.id == u.meta.id) {
                *c = u;
            }
        }
    });
    Ok(format!("นำเข้าคำตอบ {n} คนแล้ว{note}"))
}

fn answers(data: RwSignal<SessionData>) -> impl IntoView {
    let state = AppState::get();
    let csv = RwSignal::new(String::new());
    let import_file = import_table_action(move |file: Picked| {
        import_csv(state, data, format!("{}: ", file.name), file.note(), file.text)
    });
    let import_pasted = page_action(move |text: &String| import_csv(state, data, String::new(), String::new(), text.clone()));
    view! {
        <section class="card" id="answers">
            <h2>"คำตอบภาคความรู้"</h2>
            <p class="muted">"พิมพ์ทีละปุ่มต่อหนึ่งข้อ: ก ข ค ง จ หรือ a–e หรือ 1–5 (ข้อถูก-ผิด: ก = ถูก ข = ผิด; ข้อจับคู่: อักษรของคำตอบ ก–ถ หรือ a–s); ช่องว่างหรือ - = ไม่ตอบ; Backspace ลบข้อล่าสุด"</p>
            {move || { data.with(|d| d.candidates.len()); untrack(|| data.with(|d| d.candidates.iter().map(|c| {
                let cid = c.meta.id.clone();
                let number = c.person.number.clone();
                let key_len = d.session.key.len();
                let answers = Memo::new(move |_| data.with(|d| d.candidates.iter().find(|c| c.meta.id == cid).map(|c| c.answers.clone()).unwrap_or_default()));
                let shown = move || data.with(|d| answers.with(|a| {
                    format!("{} ({}/{} ข้อ, ถูก {})", answers_text(a), a.len(), key_len, correct_count(&d.session.key, a))
                }));
                let refused = RwSignal::new(None::<String>);
                let cid = c.meta.id.clone();
                let hint = format!("s26-answers-{number}-refused");
                view! {
                    <label class="field wide"><span>{format!("{} {}", c.person.number, c.person.name)}</span>
                        <input type="text" class="s26-fast" autocomplete="off" readonly=false data-testid=format!("s26-answers-{number}")
                            aria-describedby=hint.clone()
                            prop:value=shown
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                if ev.ctrl_key() || ev.meta_key() || ev.alt_key() { return; }
                                // The key is tried on a copy: the session data (and every row drawn from it) changes only when
                                // the answers do, so a refusal's message is not redrawn away.
                                let Some((mut typed, options)) = data.with_untracked(|d| {
                                    d.candidates.iter().find(|c| c.meta.id == cid).map(|c| (c.answers.clone(), d.session.options.clone()))
                                }) else { return };
                                let outcome = apply_key(&ev.key(), &mut typed, &options);
                                match outcome {
                                    KeyOutcome::Changed => {
                                        ev.prevent_default();
                                        refused.set(None);
                                        let mut rec = None;
                                        data.update(|d| if let Some(c) = d.candidates.iter_mut().find(|c| c.meta.id == cid) {
                                            c.answers = typed;
                                            c.meta.touch(&now_iso());
                                            rec = Some(c.clone());
                                        });
                                        if let Some(rec) = rec { put_now(rec, || {}); }
                                    }
                                    KeyOutcome::Refused(why) => {
                                        ev.prevent_default();
                                        refused.set(Some(why));
                                    }
                                    KeyOutcome::Other => {}
                                }
                            }/>
                    </label>
                    <p class="s26-groups" data-testid=format!("s26-answers-{number}-groups")>
                        {move || answers.with(|a| answers_grouped(a, 5)).into_iter().map(|(label, letters)| view! {
                            <span class="group"><small>{label}</small>" "{letters}</span>
                        }).collect_view()}
                    </p>
                    <p class="msg error" id=hint.clone() data-testid=hint role="status" hidden=move || refused.with(Option::is_none)>{move || refused.get()}</p>
                }
            }).collect_view())) }}
            <details>
                <summary>"นำเข้าจาก CSV หรือ Excel"</summary>
                <p class="muted">"บรรทัดแรก candidate,1,2,… (ไม่บังคับ) แล้วบรรทัดละคน: หมายเลข,คำตอบข้อ 1,… ใช้ ก–จ หรือ A–E ช่องว่าง = ไม่ตอบ"</p>
                {table_file_picker("ไฟล์ CSV หรือ Excel (.xlsx)", "s26-csv-file", import_file)}
                <p class="muted">"หรือวางข้อความ CSV:"</p>
                <textarea rows="5" data-testid="s26-csv" on:input=move |ev| csv.set(event_target_value(&ev))></textarea>
                <button type="button" data-testid="s26-csv-import" on:click=move |_| { import_pasted.dispatch_local(csv.get_untracked()); }>"นำเข้า"</button>
            </details>
            // One message: the latest of the picked file's import and the pasted text's.
            {message(latest_of(import_file, import_pasted))}
        </section>
    }
}

fn results_card(data: RwSignal<SessionData>) -> impl IntoView {
    view! {
        <section class="card" id="session-results">
            <h2>"ผลการทดสอบ"</h2>
            <div class="table-wrap"><table class="grid" data-testid="s26-results">
                <thead><tr><th>"หมายเลข"</th><th>"ชื่อ-สกุล"</th><th class="n">"ความรู้"</th><th>"โมดูล"</th><th class="n">"ความรู้ %"</th><th class="n">"ความสามารถ %"</th><th class="n">"รวม %"</th><th>"ผล"</th></tr></thead>
                <tbody>{move || data.with(|d| results(d).into_iter().map(|s| {
                    let (c, r) = (&s.candidate, &s.result);
                    let v = &r.verdict;
                    view! { <tr data-testid=format!("s26-result-{}", c.person.number)>
                        <td>{c.person.number.clone()}</td><td>{c.person.name.clone()}</td>
                        <td class="n">{if v.knowledge_complete { format!("{}/{}", r.correct, r.items) } else { format!("บันทึก {}/{} ข้อ", c.answers.len(), r.items) }}</td>
                        <td>{s.boards.iter().map(|b| format!("{}: {} ({})", b.result.module, b.result.points, b.status())).collect::<Vec<_>>().join(", ")}</td>
                        <td class="n">{v.knowledge_percent_text()}</td><td class="n">{v.skill.text()}</td><td class="n">{v.total_percent_text()}</td>
                        <td class=if v.pass { "ok" } else if v.complete { "bad" } else { "muted" } title=v.reasons.join("; ")>{s.result_text()}</td>
                    </tr> }
                }).collect_view())}</tbody>
            </table></div>
            <p class="muted">{move || data.with(|d| format!("เฉลย: {}", d.session.key.iter().map(|k| letter(*k)).collect::<String>()))}</p>
        </section>
    }
}
