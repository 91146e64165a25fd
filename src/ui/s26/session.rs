//! One test session: candidates with their eligibility (`candidates`: shown before any marking, editable, removable
//! until marked), knowledge answers (one key per answer, or a CSV pasted or picked as a file), practical marking
//! (`marking`) and the results. Items are final exactly as on the chief tester's board
//! (`domain::judge::board`): an undecided conflict between two tablets or a spread > 1 blocks the item, its module and
//! the candidate's result.

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::judge::board::{candidate_boards, ModuleBoard};
use crate::domain::judge::merge::slot_states;
use crate::domain::section26::answers::{answers_text, correct_count, letter, parse_answers_csv, parse_choice};
use crate::domain::section26::records::CandidateRecord;
use crate::domain::section26::score::{candidate_result, CandidateResult, Scheme};
use crate::domain::section26::verdict::pass_text;
use crate::store::now_iso;
use crate::domain::item_analysis::session::SessionMethod;

use super::candidates::candidates;
use super::marking::marking;
use super::{load_session, put_now, thai_date, SessionData};
use crate::ui::files::{file_picker, CSV};
use crate::routes::{IaRoute, JudgeRoute, S26Route, S26SessionRoute};
use crate::ui::state::AppState;
use crate::ui::widgets::{loader, message, with_loaded};

#[component]
pub fn Session(id: String) -> impl IntoView {
    let data = loader(move |store| load_session(store, id.clone()));
    with_loaded(data, body)
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

/// A candidate scored: each module as the chief's board stands, and the result.
#[derive(Clone, Debug)]
pub struct Scored {
    pub candidate: CandidateRecord,
    pub boards: Vec<ModuleBoard>,
    pub result: CandidateResult,
}

impl Scored {
    /// The result column: the decision, or why there is none yet (`รอตัดสิน` while a conflict is undecided).
    pub fn result_text(&self) -> String {
        let v = &self.result.verdict;
        if v.complete {
            pass_text(v.pass).to_string()
        } else if self.boards.iter().any(ModuleBoard::undecided) {
            "ยังสรุปไม่ได้ (รอตัดสิน)".to_string()
        } else {
            "ยังสรุปไม่ได้".to_string()
        }
    }
}

/// Every candidate's result, in candidate order.
pub fn results(d: &SessionData) -> Vec<Scored> {
    let scheme = scheme(d);
    let states = slot_states(&d.marks);
    let judges = d.session.judges.len() as u8;
    d.candidates
        .iter()
        .map(|c| {
            let boards = candidate_boards(&states, &c.meta.id, &scheme.modules, judges, scheme.criteria.module_threshold);
            let modules = boards.iter().map(|b| b.result.clone()).collect();
            let result = candidate_result(&scheme, &c.person.number, &c.answers, modules);
            Scored { candidate: c.clone(), boards, result }
        })
        .collect()
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
            <a href=IaRoute::Session(sid.clone(), SessionMethod::default()).href() data-testid="s26-ia-link">"วิเคราะห์ข้อสอบ"</a>
            <a href=JudgeRoute::Chief(sid).href() data-testid="s26-chief-link">"รวมคะแนนจากแท็บเล็ตกรรมการ (หัวหน้าผู้ทดสอบ)"</a>
        </p>
        {candidates(data, selected)}
        {answers(data)}
        {marking(data, selected)}
        {results_card(data)}
    }
}

/// Applies one key of the fast answer entry; `None` when the key is not for us (Tab, arrows…).
fn answer_key(key: &str, answers: &mut Vec<Option<u8>>, max: usize) -> Option<()> {
    match key {
        "Backspace" => {
            answers.pop();
        }
        "-" | " " | "0" if answers.len() < max => answers.push(None),
        k if answers.len() < max => {
            let choice = parse_choice(k).or_else(|| match k {
                "1" | "2" | "3" | "4" | "5" => Some(k.as_bytes()[0] - b'1'),
                _ => None,
            })?;
            answers.push(Some(choice));
        }
        _ => return None,
    }
    Some(())
}

/// Imports an answers CSV (pasted or picked): every row is checked against the key length and the session's
/// candidates before anything is written, then all rows are written in one transaction.
/// `state` is passed in: a picked file arrives after an `await`, where there is no context to look it up in.
fn import_csv(state: AppState, data: RwSignal<SessionData>, source: &str, note: &str, text: &str, msg: RwSignal<Option<Result<String, String>>>) {
    let (key_len, cands) = data.with_untracked(|d| (d.session.key.len(), d.candidates.clone()));
    let nothing = "(ยังไม่ได้นำเข้าข้อมูลใด)";
    let rows = match parse_answers_csv(text, key_len) {
        Ok(r) => r,
        Err(e) => return msg.set(Some(Err(format!("{source}{e} {nothing}")))),
    };
    let mut updated = Vec::with_capacity(rows.len());
    for r in rows {
        match cands.iter().find(|c| c.person.number == r.candidate) {
            Some(c) => {
                let mut c = c.clone();
                c.answers = r.answers;
                c.meta.touch(&now_iso());
                updated.push(c);
            }
            None => return msg.set(Some(Err(format!("{source}ไม่มีผู้เข้าทดสอบหมายเลข “{}” ในรอบนี้ {nothing}", r.candidate)))),
        }
    }
    let note = note.to_string();
    spawn_local(async move {
        if let Err(e) = state.store().put_all(&updated).await {
            return msg.set(Some(Err(format!("{e} {nothing}"))));
        }
        let n = updated.len();
        data.update(|d| {
            for u in updated {
                if let Some(c) = d.candidates.iter_mut().find(|c| c.meta.id == u.meta.id) {
                    *c = u;
                }
            }
        });
        msg.set(Some(Ok(format!("นำเข้าคำตอบ {n} คนแล้ว{note}"))));
    });
}

fn answers(data: RwSignal<SessionData>) -> impl IntoView {
    let state = AppState::get();
    let csv = RwSignal::new(String::new());
    let msg = RwSignal::new(None::<Result<String, String>>);
    let on_files = move |files: Result<Vec<crate::ui::files::Picked>, String>| match files {
        Ok(f) => {
            if let Some(file) = f.into_iter().next() {
                import_csv(state, data, &format!("{}: ", file.name), &file.note(), &file.text, msg);
            }
        }
        Err(e) => msg.set(Some(Err(e))),
    };
    view! {
        <section class="card" id="answers">
            <h2>"คำตอบภาคความรู้"</h2>
            <p class="muted">"พิมพ์ทีละปุ่มต่อหนึ่งข้อ: ก ข ค ง จ หรือ a–e หรือ 1–5; ช่องว่างหรือ - = ไม่ตอบ; Backspace ลบข้อล่าสุด"</p>
            {move || { data.with(|d| d.candidates.len()); untrack(|| data.with(|d| d.candidates.iter().map(|c| {
                let cid = c.meta.id.clone();
                let number = c.person.number.clone();
                let key_len = d.session.key.len();
                let shown = move || data.with(|d| d.candidates.iter().find(|c| c.meta.id == cid).map(|c| {
                    format!("{} ({}/{} ข้อ, ถูก {})", answers_text(&c.answers), c.answers.len(), key_len, correct_count(&d.session.key, &c.answers))
                }).unwrap_or_default());
                let cid = c.meta.id.clone();
                view! {
                    <label class="field wide"><span>{format!("{} {}", c.person.number, c.person.name)}</span>
                        <input type="text" class="s26-fast" autocomplete="off" readonly=false data-testid=format!("s26-answers-{number}")
                            prop:value=shown
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                                if ev.ctrl_key() || ev.meta_key() || ev.alt_key() { return; }
                                let mut rec = None;
                                data.update(|d| if let Some(c) = d.candidates.iter_mut().find(|c| c.meta.id == cid) {
                                    if answer_key(&ev.key(), &mut c.answers, key_len).is_some() {
                                        c.meta.touch(&now_iso());
                                        rec = Some(c.clone());
                                    }
                                });
                                if let Some(rec) = rec {
                                    ev.prevent_default();
                                    put_now(rec, || {});
                                } else if ev.key().chars().count() == 1 {
                                    ev.prevent_default();
                                }
                            }/>
                    </label>
                }
            }).collect_view())) }}
            <details>
                <summary>"นำเข้าจาก CSV"</summary>
                <p class="muted">"บรรทัดแรก candidate,1,2,… (ไม่บังคับ) แล้วบรรทัดละคน: หมายเลข,คำตอบข้อ 1,… ใช้ ก–จ หรือ A–E ช่องว่าง = ไม่ตอบ"</p>
                {file_picker("เลือกไฟล์ CSV", CSV, "s26-csv-file", false, on_files)}
                <p class="muted">"หรือวางข้อความ CSV:"</p>
                <textarea rows="5" data-testid="s26-csv" on:input=move |ev| csv.set(event_target_value(&ev))></textarea>
                <button type="button" data-testid="s26-csv-import" on:click=move |_| import_csv(state, data, "", "", &csv.get_untracked(), msg)>"นำเข้า"</button>
            </details>
            {message(msg)}
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
                        <td class="n">{format!("{}/{}", r.correct, r.items)}</td>
                        <td>{s.boards.iter().map(|b| format!("{}: {} ({})", b.result.module, b.result.points, b.status())).collect::<Vec<_>>().join(", ")}</td>
                        <td class="n">{v.knowledge.text()}</td><td class="n">{v.skill.text()}</td><td class="n">{v.total.text()}</td>
                        <td class=if v.pass { "ok" } else { "bad" } title=v.reasons.join("; ")>{s.result_text()}</td>
                    </tr> }
                }).collect_view())}</tbody>
            </table></div>
            <p class="muted">{move || data.with(|d| format!("เฉลย: {}", d.session.key.iter().map(|k| letter(*k)).collect::<String>()))}</p>
        </section>
    }
}
