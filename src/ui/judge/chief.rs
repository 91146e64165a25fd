//! The chief tester's tablet (`#/judge/<session>/chief`): sends the session to the judges' tablets (a backup file of
//! the standard), imports their marks files (each file checked before anything is written and taken or refused whole,
//! `exchange::plan_files`: a mark that names another slot's or another device's mark refuses its file, named, while
//! the other files are imported; the same file twice changes nothing) or pulls them from the test centre's server database (`server::pull_card`), shows conflicts for a decision, and the board: every candidate's items with each judge's mark,
//! the spread rule as soon as all judges' marks are in, and which modules can be finalised.

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::judge::board::{module_board, slot_text, ItemState};
use crate::domain::judge::exchange::{plan_files, refused_files_text, FilesPlan, SessionGate};
use crate::domain::judge::merge::{broken_links, conflicts, decide, describe, slot_states};
use crate::domain::section26::records::MarkRecord;
use crate::domain::section26::verdict::pass_text;
use crate::store::{new_meta, now_iso};
use rust_decimal::Decimal;

use super::identity::{self, device_id};
use super::taps::write_marks;
use super::{candidate_label, judge_label};
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{message, outcome, Outcome};
use crate::ui::files::{download, file_picker, import_action, Picked, JSON};
use crate::routes::S26SessionRoute;
use crate::ui::s26::{thai_date, SessionData};
use crate::ui::state::AppState;

#[component]
pub fn Chief(id: String) -> impl IntoView {
    let data = page_data(move |store| super::load_by_number(store, id.clone()));
    loaded(data, body)
}

fn body(d: SessionData) -> impl IntoView {
    let (title, date, place, sid) =
        (d.standard.standard.title(), thai_date(&d.session.date), d.session.place.clone(), d.session.meta.id.clone());
    let data = RwSignal::new(d);
    view! {
        <h1>"รวมคะแนนจากแท็บเล็ตกรรมการ"</h1>
        <p class="muted">{title} " — " {date} " " {place} " · "
            <a href=S26SessionRoute::Session(sid.clone()).href()>"หน้ารอบทดสอบ"</a> " · "
            <a href=S26SessionRoute::Summary(sid).href() data-testid="chief-summary-link">"ใบสรุปผลคะแนน (แบบ 15)"</a>
        </p>
        {send_out(data)}
        {import(data)}
        {super::server::pull_card(data)}
        {broken_card(data)}
        {conflict_card(data)}
        {board(data)}
    }
}

/// Writes marks (one transaction, reopening the database if it was closed), then adds them to the page; `done` once
/// they are stored.
async fn save_marks(state: AppState, data: RwSignal<SessionData>, marks: Vec<MarkRecord>, done: String) -> Outcome {
    write_marks(state, &marks).await?;
    data.update(|d| d.marks.extend(marks));
    Ok(done)
}

fn send_out(data: RwSignal<SessionData>) -> impl IntoView {
    let state = AppState::get();
    let go = page_action(move |_: &()| {
        let (org, date) = data.with_untracked(|d| (d.session.meta.org.clone(), d.session.date.clone()));
        async move {
            let text = state.store().export_org(&org, &now_iso()).await?;
            let name = format!("session-{date}-{}.json", identity::short(&org));
            download(&name, "application/json", &text)?;
            Ok(format!("ส่งออกแล้ว: {name}"))
        }
    });
    view! {
        <section class="card no-print">
            <h2>"1. ส่งรอบทดสอบให้แท็บเล็ตกรรมการ"</h2>
            <p class="muted">"ไฟล์นี้มีมาตรฐาน รอบทดสอบ รายชื่อผู้เข้าทดสอบ และคะแนนที่มีแล้ว — นำเข้าที่หน้า “แท็บเล็ตกรรมการ” ของแต่ละเครื่อง"</p>
            <button type="button" data-testid="chief-send" on:click=move |_| { go.dispatch_local(()); }>"ส่งออกไฟล์รอบทดสอบ"</button>
            {message(outcome(go))}
        </section>
    }
}

fn import(data: RwSignal<SessionData>) -> impl IntoView {
    let state = AppState::get();
    let import = import_action(move |files: Vec<Picked>| {
        let n_files = files.len();
        let now = now_iso();
        let out = data.with_untracked(|d| {
            let candidates: Vec<String> = d.candidates.iter().map(|c| c.meta.id.clone()).collect();
            let gate = SessionGate {
                org: &d.session.meta.org,
                candidates: &candidates,
                modules: &d.standard.standard.modules,
                judges: d.session.judges.len() as u8,
            };
            plan_files(files.iter().map(|f| (f.name.as_str(), f.text.as_str())), &gate, &d.marks, &now)
        });
        async move {
            let refused = refused_files_text(&out.refused);
            let FilesPlan { plan, taken, .. } = out;
            let done = if plan.new.is_empty() {
                format!("ไม่มีคะแนนใหม่: ทั้ง {} รายการจาก {taken} ไฟล์มีอยู่แล้ว ไม่มีอะไรเปลี่ยน", plan.already)
            } else {
                let done = format!("นำเข้าคะแนนใหม่ {} รายการจาก {taken} ไฟล์ · มีอยู่แล้ว {} รายการ (ไม่เปลี่ยน)", plan.new.len(), plan.already);
                save_marks(state, data, plan.new, done).await?
            };
            match refused {
                None => Ok(done),
                Some(r) if taken == 0 => Err(format!("{r} — ไม่ได้นำเข้าไฟล์ใดจาก {n_files} ไฟล์").into()),
                Some(r) => Err(format!("{done} — {r}").into()),
            }
        }
    });
    view! {
        <section class="card no-print">
            <h2>"2. นำเข้าไฟล์คะแนนจากแท็บเล็ตกรรมการ"</h2>
            <p class="muted">"เลือกได้หลายไฟล์พร้อมกัน ทุกไฟล์ถูกตรวจก่อนบันทึก — ไฟล์ที่เสียหาย (ค่า CRC-32 ไม่ตรง) หรือมีคะแนนใดไม่ผ่านการตรวจจะไม่ถูกนำเข้าทั้งไฟล์ และแจ้งชื่อไฟล์ ส่วนไฟล์อื่นนำเข้าตามปกติ นำเข้าไฟล์เดิมซ้ำได้โดยไม่เกิดคะแนนซ้ำ"</p>
            {file_picker("ไฟล์คะแนน (.json)", JSON, "chief-import", true, import)}
            <div data-testid="chief-import-msg">{message(outcome(import))}</div>
        </section>
    }
}

/// Stored marks whose `replaces`/`settles` break the rules (another slot, another device's mark without a decision, an
/// unknown id, a cycle): they were stored before the checks or by another path. Their links are ignored by the board.
fn broken_card(data: RwSignal<SessionData>) -> impl IntoView {
    move || {
        data.with(|d| {
            let broken = broken_links(&d.marks);
            (!broken.is_empty()).then(|| {
                view! {
                    <section class="card" data-testid="chief-broken">
                        <p class="msg error" role="alert">"พบคะแนนที่อ้างแทนที่คะแนนอื่นโดยผิดกฎ — ไม่นำการแทนที่นั้นมาคิด (คะแนนเดิมยังใช้อยู่ หรือแสดงเป็นคะแนนที่ขัดกันให้ตัดสิน)"</p>
                        <ul>{broken.into_iter().map(|(m, why)| view! {
                            <li>{format!("{} · ค่า {} · เครื่อง {}: {why}", describe(m), m.value, identity::short(&m.device))}</li>
                        }).collect_view()}</ul>
                    </section>
                }
            })
        })
    }
}

fn conflict_card(data: RwSignal<SessionData>) -> impl IntoView {
    let state = AppState::get();
    let decide_with = page_action(move |&(k, value): &(usize, Decimal)| {
        let rec = data.with_untracked(|d| {
            let cs = conflicts(&d.marks);
            let c = cs.get(k).ok_or("ข้อขัดแย้งนี้ถูกตัดสินไปแล้ว")?;
            let by = format!("หัวหน้าผู้ทดสอบ {}", d.session.tester);
            decide(c, value, new_meta::<MarkRecord>(&d.session.meta.org), by.trim(), &device_id())
        });
        async move { save_marks(state, data, vec![rec?], "บันทึกคำตัดสินแล้ว — เก็บค่าทั้งสองไว้ในประวัติ".into()).await }
    });
    view! {
        <section class="card" data-testid="chief-conflicts">
            <h2>"3. คะแนนที่ขัดกัน (ต้องตัดสิน)"</h2>
            {move || data.with(|d| {
                let cs = conflicts(&d.marks);
                if cs.is_empty() {
                    return view! { <p class="muted" data-testid="chief-no-conflicts">"ไม่มีคะแนนที่ขัดกัน"</p> }.into_any();
                }
                view! {
                    <p class="msg warn">"กรรมการคนเดียวกันให้คะแนนรายการเดียวกันจากสองเครื่องไม่ตรงกัน — เลือกค่าที่ถูกต้อง ค่าที่ไม่เลือกยังอยู่ในประวัติ"</p>
                    <ul class="chief-conflicts">{cs.iter().enumerate().map(|(k, c)| {
                        let (cand, module, item, judge) = &c.slot;
                        let title = d.standard.standard.modules.iter().find(|m| &m.id == module)
                            .and_then(|m| m.items.iter().find(|i| &i.id == item)).map(|i| i.title.clone()).unwrap_or_default();
                        let mut values: Vec<Decimal> = c.heads.iter().map(|h| h.value).collect();
                        values.dedup();
                        view! { <li data-testid=format!("chief-conflict-{k}")>
                            <strong>{format!("{} · โมดูล {module} รายการ {item} {title} · {}", candidate_label(d, cand), judge_label(d, *judge))}</strong>
                            <ul>{c.heads.iter().map(|h| view! {
                                <li>{format!("{} — เครื่อง {} ({}) เวลา {}", h.value, identity::short(&h.device), h.by, crate::domain::thai_time::clock(&h.at).unwrap_or_else(|| h.at.clone()))}</li>
                            }).collect_view()}</ul>
                            {values.into_iter().map(|v| view! {
                                <button type="button" class="judge-big" data-testid=format!("chief-decide-{k}-{v}") on:click=move |_| { decide_with.dispatch_local((k, v)); }>{format!("ใช้ค่า {v}")}</button>
                            }).collect_view()}
                        </li> }
                    }).collect_view()}</ul>
                }.into_any()
            })}
            {message(outcome(decide_with))}
        </section>
    }
}

fn board(data: RwSignal<SessionData>) -> impl IntoView {
    view! {
        <section class="card" data-testid="chief-board">
            <h2>"4. ผลรายข้อ: กฎคะแนนห่างกันไม่เกิน 1 และการสรุปผล"</h2>
            {move || data.with(|d| {
                let states = slot_states(&d.marks);
                let judges = d.session.judges.len() as u8;
                let common = d.standard.standard.criteria.common_module_threshold();
                d.candidates.iter().map(|c| {
                    let num = c.person.number.clone();
                    view! {
                        <h3>{format!("{} {}", c.person.number, c.person.name)}</h3>
                        {d.standard.standard.modules.iter().map(|m| {
                            let b = module_board(&states, &c.meta.id, m, judges, common);
                            let (summary, cls) = if b.is_final() {
                                let r = &b.result;
                                (format!("สรุปผลได้: {} จาก {} คะแนน ({}%) — {}", r.points, r.full, r.percent.text(), pass_text(r.pass)), "ok")
                            } else {
                                (format!("ยังสรุปผลไม่ได้: รออีก {} รายการ", b.result.pending.len()), "bad")
                            };
                            view! {
                                <div class="table-wrap"><table class="grid chief-board">
                                    <caption>{format!("โมดูล {} {}", m.id, m.name)}</caption>
                                    <thead><tr><th>"รายการ"</th>
                                        {(1..=judges).map(|j| view! { <th>{judge_label(d, j)}</th> }).collect_view()}
                                        <th>"ผล"</th></tr></thead>
                                    <tbody>{m.items.iter().zip(&b.items).map(|(it, (_, st))| {
                                        let cell = |j: u8| slot_text(&states, &c.meta.id, &m.id, &it.id, j);
                                        let cols = if matches!(it.kind, crate::domain::section26::marking::ItemKind::Judgement) {
                                            (1..=judges).map(|j| view! { <td class="n">{cell(j)}</td> }).collect_view().into_any()
                                        } else {
                                            view! { <td class="n" colspan=judges.to_string()>{cell(0)}</td> }.into_any()
                                        };
                                        let cls = match st { ItemState::Final { critical_failed: false, .. } => "ok", _ => "bad" };
                                        view! { <tr>
                                            <td>{format!("{} {}", it.id, it.title)}</td>
                                            {cols}
                                            <td class=cls data-testid=format!("chief-{num}-m{}-i{}", m.id, it.id)>{st.text()}</td>
                                        </tr> }
                                    }).collect_view()}</tbody>
                                </table></div>
                                <p class=cls data-testid=format!("chief-{num}-m{}-result", m.id)>{summary}</p>
                            }
                        }).collect_view()}
                    }
                }).collect_view()
            })}
        </section>
    }
}
