//! One test session: candidates with their eligibility (shown before any marking), knowledge answers (one key per
//! answer, or a CSV import), practical marking by the session's judges with the spread rule and the history of
//! changed marks, and the results. Marks are never overwritten: a change is a new mark naming the one it replaces.

use std::str::FromStr;

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::item_analysis::session::SessionMethod;
use crate::domain::judge::merge::new_mark;
use crate::domain::record::Record;
use crate::domain::section26::answers::{answers_text, correct_count, letter, parse_answers_csv, parse_choice};
use crate::domain::section26::candidates::{eligibility, national_id, Person};
use crate::domain::section26::marking::{mark_item, ItemKind, ItemOutcome, JUDGE_SCALE, MAX_JUDGE_SCORE};
use crate::domain::section26::marks::{current_of, history, item_marks};
use crate::domain::section26::records::{CandidateRecord, MarkRecord};
use crate::domain::section26::score::{score_candidate, CandidateInput, CandidateResult, Scheme};
use crate::domain::section26::verdict::pass_text;
use crate::store::{new_meta, now_iso};
use rust_decimal::Decimal;

use super::{load_session, loader, put_now, thai_date, with_loaded, SessionData};
use crate::ui::route::Route;
use crate::ui::state::AppState;
use crate::ui::widgets::message;

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

/// One candidate's input from the stored answers and the current marks.
pub fn candidate_input(d: &SessionData, c: &CandidateRecord) -> CandidateInput {
    let judges = d.session.judges.len() as u8;
    CandidateInput {
        candidate: c.person.number.clone(),
        answers: c.answers.clone(),
        practical: d
            .standard
            .standard
            .modules
            .iter()
            .map(|m| (m.id.clone(), item_marks(&d.marks, &c.meta.id, m, judges)))
            .collect(),
    }
}

/// Every candidate's result, in candidate order.
pub fn results(d: &SessionData) -> Vec<(CandidateRecord, CandidateResult)> {
    let scheme = scheme(d);
    d.candidates.iter().map(|c| (c.clone(), score_candidate(&scheme, &candidate_input(d, c)))).collect()
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
            <a href=Route::S26Standard(std_id).href()>"กลับไปมาตรฐาน"</a> " · "
            <a href=Route::S26Summary(sid.clone()).href() data-testid="s26-summary-link">"ใบสรุปผลคะแนน (แบบ 15) และใบให้คะแนน"</a> " · "
            <a href=Route::IaSession(sid, SessionMethod::default()).href() data-testid="s26-ia-link">"วิเคราะห์ข้อสอบ"</a>
        </p>
        {candidates(data, selected)}
        {answers(data)}
        {marking(data, selected)}
        {results_card(data)}
    }
}

fn candidates(data: RwSignal<SessionData>, selected: RwSignal<Option<String>>) -> impl IntoView {
    let number = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let id = RwSignal::new(String::new());
    let birth = RwSignal::new(String::new());
    let months = RwSignal::new(String::new());
    let msg = RwSignal::new(None::<Result<String, String>>);
    let conditions = data.with_untracked(|d| d.standard.standard.conditions.clone());
    let n_conditions = conditions.len();
    let ticks = RwSignal::new(vec![false; n_conditions]);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let num = number.get_untracked().trim().to_string();
        if num.is_empty() || name.get_untracked().trim().is_empty() {
            return msg.set(Some(Err("หมายเลขและชื่อ-สกุล: ต้องกรอก".into())));
        }
        if data.with_untracked(|d| d.candidates.iter().any(|c| c.person.number == num)) {
            return msg.set(Some(Err(format!("หมายเลข: มีผู้เข้าทดสอบหมายเลข {num} แล้ว"))));
        }
        let nid = match national_id(&id.get_untracked()) {
            Ok(v) => v,
            Err(e) => return msg.set(Some(Err(e))),
        };
        let exp = match months.get_untracked().trim() {
            "" => 0,
            t => match t.parse::<u32>() {
                Ok(v) => v,
                Err(_) => return msg.set(Some(Err("ประสบการณ์ (เดือน): ต้องเป็นจำนวนเต็ม".into()))),
            },
        };
        let (org, session) = data.with_untracked(|d| (d.session.meta.org.clone(), d.session.meta.id.clone()));
        let rec = CandidateRecord {
            meta: new_meta(CandidateRecord::KIND, &org),
            session,
            person: Person {
                number: num,
                name: name.get_untracked().trim().into(),
                national_id: nid,
                birth: birth.get_untracked(),
                experience_months: exp,
                conditions: ticks.get_untracked(),
            },
            answers: vec![],
        };
        put_now(rec.clone(), move || {
            data.update(|d| d.candidates.push(rec));
            msg.set(Some(Ok("เพิ่มผู้เข้าทดสอบแล้ว".into())));
        });
    };
    view! {
        <section class="card" id="candidates">
            <h2>"ผู้เข้ารับการทดสอบและคุณสมบัติ"</h2>
            <form on:submit=add>
                <div class="fields">
                    <label class="field"><span>"หมายเลข"</span><input type="text" data-testid="s26-cand-number" on:input=move |ev| number.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"ชื่อ-สกุล"</span><input type="text" data-testid="s26-cand-name" on:input=move |ev| name.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"เลขประจำตัวประชาชน"</span><input type="text" inputmode="numeric" data-testid="s26-cand-id" on:input=move |ev| id.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"วันเกิด"</span><input type="date" data-testid="s26-cand-birth" on:input=move |ev| birth.set(event_target_value(&ev))/></label>
                    <label class="field"><span>"ประสบการณ์ (เดือน)"</span><input type="text" inputmode="numeric" data-testid="s26-cand-months" on:input=move |ev| months.set(event_target_value(&ev))/></label>
                    {conditions.into_iter().enumerate().map(|(i, c)| view! {
                        <label class="check"><input type="checkbox" on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            ticks.update(|t| t[i] = on);
                        }/>" " {c}</label>
                    }).collect_view()}
                </div>
                <button type="submit" data-testid="s26-cand-add">"เพิ่มผู้เข้าทดสอบ"</button>
            </form>
            {message(msg)}
            <table class="grid" data-testid="s26-candidates">
                <thead><tr><th>"หมายเลข"</th><th>"ชื่อ-สกุล"</th><th>"อายุ ณ วันทดสอบ"</th><th>"คุณสมบัติ"</th><th></th></tr></thead>
                <tbody>{move || data.with(|d| d.candidates.iter().map(|c| {
                    let s = &d.standard.standard;
                    let conds: Vec<(String, bool)> = s.conditions.iter().enumerate()
                        .map(|(i, name)| (name.clone(), c.person.conditions.get(i).copied().unwrap_or(false))).collect();
                    let e = eligibility(&c.person.national_id, &c.person.birth, &d.session.date, c.person.experience_months, s.required_experience_months, &conds);
                    let cid = c.meta.id.clone();
                    let number = c.person.number.clone();
                    view! { <tr>
                        <td>{c.person.number.clone()}</td><td>{c.person.name.clone()}</td>
                        <td class="n">{e.age.map(|a| format!("{a} ปี")).unwrap_or_else(|| "–".into())}</td>
                        <td class=if e.eligible { "ok" } else { "bad" }>{if e.eligible { "มีสิทธิ์สอบ".to_string() } else { e.reasons.join("; ") }}</td>
                        <td><button type="button" class="secondary" data-testid=format!("s26-mark-{number}") on:click=move |_| {
                            selected.set(Some(cid.clone()));
                            if let Some(el) = document().get_element_by_id("marking") { el.scroll_into_view(); }
                        }>"ให้คะแนนภาคความสามารถ"</button></td>
                    </tr> }
                }).collect_view())}</tbody>
            </table>
        </section>
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

fn answers(data: RwSignal<SessionData>) -> impl IntoView {
    let csv = RwSignal::new(String::new());
    let msg = RwSignal::new(None::<Result<String, String>>);
    let state = AppState::get();
    let import = move |_| {
        let (key_len, cands) = data.with_untracked(|d| (d.session.key.len(), d.candidates.clone()));
        let rows = match parse_answers_csv(&csv.get_untracked(), key_len) {
            Ok(r) => r,
            Err(e) => return msg.set(Some(Err(e))),
        };
        // All rows must match candidates before anything is written.
        let mut updated = Vec::new();
        for r in rows {
            match cands.iter().find(|c| c.person.number == r.candidate) {
                Some(c) => {
                    let mut c = c.clone();
                    c.answers = r.answers;
                    c.meta.touch(&now_iso());
                    updated.push(c);
                }
                None => return msg.set(Some(Err(format!("ไม่มีผู้เข้าทดสอบหมายเลข “{}” ในรอบนี้ (ยังไม่ได้นำเข้าข้อมูลใด)", r.candidate)))),
            }
        }
        spawn_local(async move {
            let store = state.store();
            for c in &updated {
                if let Err(e) = store.put(c).await {
                    return msg.set(Some(Err(e.to_string())));
                }
            }
            let n = updated.len();
            data.update(|d| {
                for u in updated {
                    if let Some(c) = d.candidates.iter_mut().find(|c| c.meta.id == u.meta.id) {
                        *c = u;
                    }
                }
            });
            msg.set(Some(Ok(format!("นำเข้าคำตอบ {n} คนแล้ว"))));
        });
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
                <textarea rows="5" data-testid="s26-csv" on:input=move |ev| csv.set(event_target_value(&ev))></textarea>
                <button type="button" data-testid="s26-csv-import" on:click=import>"นำเข้า"</button>
            </details>
            {message(msg)}
        </section>
    }
}

/// Records one mark (a new record replacing the current one of the slot), then shows it.
fn set_mark(data: RwSignal<SessionData>, candidate: String, module: String, item: String, judge: u8, value: Decimal) {
    let (org, current, by) = data.with_untracked(|d| {
        let cur = current_of(&d.marks, &candidate, &module, &item, judge).map(|m| (m.meta.id.clone(), m.value));
        let by = if judge > 0 { d.session.judges.get(usize::from(judge) - 1).cloned().unwrap_or_default() } else { d.session.tester.clone() };
        (d.session.meta.org.clone(), cur, by)
    });
    if current.as_ref().is_some_and(|(_, v)| *v == value) {
        return;
    }
    let meta = new_meta(MarkRecord::KIND, &org);
    let replaces = current.map(|(id, _)| id);
    let rec = new_mark(meta, (candidate, module, item, judge), value, replaces, &by, &crate::ui::judge::identity::device_id());
    put_now(rec.clone(), move || data.update(|d| d.marks.push(rec)));
}

fn marking(data: RwSignal<SessionData>, selected: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <section class="card" id="marking">
            <h2>"ให้คะแนนภาคความสามารถ"</h2>
            {move || {
                let Some(cid) = selected.get() else {
                    return view! { <p class="muted">"เลือกผู้เข้าทดสอบจากตารางด้านบน"</p> }.into_any();
                };
                data.with(|d| {
                    let Some(c) = d.candidates.iter().find(|c| c.meta.id == cid) else { return ().into_any() };
                    let judges = d.session.judges.clone();
                    let input = candidate_input(d, c);
                    view! {
                        <h3 data-testid="s26-marking-who">{format!("{} {}", c.person.number, c.person.name)}</h3>
                        {d.standard.standard.modules.iter().map(|m| {
                            let marks = input.practical.get(&m.id).cloned().unwrap_or_default();
                            view! {
                                <h4>{format!("โมดูล {} {}", m.id, m.name)}</h4>
                                <table class="grid s26-marking">
                                    <thead><tr><th>"รายการ"</th><th>"คะแนน"</th><th>"ผล"</th></tr></thead>
                                    <tbody>{m.items.iter().map(|it| {
                                        let outcome = mark_item(it, marks.get(&it.id));
                                        let (status, cls) = match &outcome {
                                            ItemOutcome::Final { points, critical_failed } => (
                                                format!("{points}{}", if *critical_failed { " ไม่ผ่านจุดสำคัญ" } else { "" }),
                                                if *critical_failed { "bad" } else { "ok" },
                                            ),
                                            ItemOutcome::Pending(why) => (why.clone(), "bad"),
                                        };
                                        let slot = |j: u8| (cid.clone(), m.id.clone(), it.id.clone(), j);
                                        let testid = format!("s26-m{}-i{}", m.id, it.id);
                                        let controls = match &it.kind {
                                            ItemKind::Judgement => judges.iter().enumerate().map(|(j, name)| {
                                                let j = j as u8 + 1;
                                                let cur = current_of(&d.marks, &cid, &m.id, &it.id, j).map(|x| x.value);
                                                let hist: Vec<String> = history(&d.marks, &cid, &m.id, &it.id, j).iter().map(|h| h.value.to_string()).collect();
                                                let (c0, m0, i0, _) = slot(j);
                                                view! { <div class="s26-judge">
                                                    <span>{name.clone()} ": "</span>
                                                    {(0..=MAX_JUDGE_SCORE).map(|v| {
                                                        let (c1, m1, i1) = (c0.clone(), m0.clone(), i0.clone());
                                                        let on = cur == Some(Decimal::from(v));
                                                        view! { <button type="button" class=if on { "pick on" } else { "pick" } aria-pressed=on.to_string()
                                                            title=JUDGE_SCALE[usize::from(v)] data-testid=format!("{testid}-j{j}-{v}")
                                                            on:click=move |_| set_mark(data, c1.clone(), m1.clone(), i1.clone(), j, Decimal::from(v))>{v}</button> }
                                                    }).collect_view()}
                                                    {(hist.len() > 1).then(|| view! { <span class="muted s26-history" data-testid=format!("{testid}-j{j}-history")>{format!(" ประวัติ: {}", hist.join(" → "))}</span> })}
                                                </div> }
                                            }).collect_view().into_any(),
                                            ItemKind::Measurement { nominal, tolerance } => {
                                                let cur = current_of(&d.marks, &cid, &m.id, &it.id, 0).map(|x| x.value.to_string()).unwrap_or_default();
                                                let (c0, m0, i0, _) = slot(0);
                                                view! { <label>{format!("ค่าที่วัดได้ ({nominal} ± {tolerance}) ")}
                                                    <input type="text" class="num" value=cur data-testid=format!("{testid}-measured") on:change=move |ev| {
                                                        if let Ok(v) = Decimal::from_str(event_target_value(&ev).trim()) {
                                                            set_mark(data, c0.clone(), m0.clone(), i0.clone(), 0, v);
                                                        }
                                                    }/></label> }.into_any()
                                            }
                                            ItemKind::YesNo | ItemKind::Critical => {
                                                let cur = current_of(&d.marks, &cid, &m.id, &it.id, 0).map(|x| !x.value.is_zero());
                                                let labels = if matches!(it.kind, ItemKind::Critical) { ["ผ่าน", "ไม่ผ่าน"] } else { ["ถูกต้อง", "ไม่ถูกต้อง"] };
                                                [(true, labels[0]), (false, labels[1])].into_iter().map(|(v, l)| {
                                                    let (c1, m1, i1, _) = slot(0);
                                                    view! { <button type="button" class=if cur == Some(v) { "pick on" } else { "pick" } data-testid=format!("{testid}-{}", if v { "yes" } else { "no" })
                                                        on:click=move |_| set_mark(data, c1.clone(), m1.clone(), i1.clone(), 0, if v { Decimal::ONE } else { Decimal::ZERO })>{l}</button> }
                                                }).collect_view().into_any()
                                            }
                                        };
                                        view! { <tr>
                                            <td>{format!("{} {} (เต็ม {})", it.id, it.title, it.full)}</td>
                                            <td>{controls}</td>
                                            <td class=cls data-testid=format!("{testid}-status")>{status}</td>
                                        </tr> }
                                    }).collect_view()}</tbody>
                                </table>
                            }
                        }).collect_view()}
                    }.into_any()
                })
            }}
        </section>
    }
}

fn results_card(data: RwSignal<SessionData>) -> impl IntoView {
    view! {
        <section class="card" id="session-results">
            <h2>"ผลการทดสอบ"</h2>
            <div class="table-wrap"><table class="grid" data-testid="s26-results">
                <thead><tr><th>"หมายเลข"</th><th>"ชื่อ-สกุล"</th><th class="n">"ความรู้"</th><th>"โมดูล"</th><th class="n">"ความรู้ %"</th><th class="n">"ความสามารถ %"</th><th class="n">"รวม %"</th><th>"ผล"</th></tr></thead>
                <tbody>{move || data.with(|d| results(d).into_iter().map(|(c, r)| {
                    let v = &r.verdict;
                    let result = if v.complete { pass_text(v.pass).to_string() } else { "ยังสรุปไม่ได้".to_string() };
                    view! { <tr data-testid=format!("s26-result-{}", c.person.number)>
                        <td>{c.person.number.clone()}</td><td>{c.person.name.clone()}</td>
                        <td class="n">{format!("{}/{}", r.correct, r.items)}</td>
                        <td>{r.modules.iter().map(|m| format!("{}: {} ({})", m.module, m.points, if !m.is_final() { "รอ" } else { pass_text(m.pass) })).collect::<Vec<_>>().join(", ")}</td>
                        <td class="n">{v.knowledge.text()}</td><td class="n">{v.skill.text()}</td><td class="n">{v.total.text()}</td>
                        <td class=if v.pass { "ok" } else { "bad" } title=v.reasons.join("; ")>{result}</td>
                    </tr> }
                }).collect_view())}</tbody>
            </table></div>
            <p class="muted">{move || data.with(|d| format!("เฉลย: {}", d.session.key.iter().map(|k| letter(*k)).collect::<String>()))}</p>
        </section>
    }
}
