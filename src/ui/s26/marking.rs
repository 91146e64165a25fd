//! Practical marking on the session page, by the session's judges, with the history of changed marks. Marks are never
//! overwritten: a change is a new mark naming the one it replaces. Each item's standing comes from the chief
//! tester's board rules (`domain::judge::board`), so a conflict between two tablets shows `รอตัดสิน` here too.

use std::str::FromStr;

use leptos::prelude::*;
use crate::domain::judge::board::{module_board, ItemState};
use crate::domain::judge::merge::{new_mark, replaceable, slot_states};
use crate::domain::section26::marking::{ItemKind, JUDGE_SCALE, MAX_JUDGE_SCORE};
use crate::domain::section26::marks::{current_of, history};
use crate::domain::section26::records::MarkRecord;
use crate::store::new_meta;
use rust_decimal::Decimal;

use super::{put_now, SessionData};

/// Records one mark (a new record replacing the current one of the slot), then shows it.
fn set_mark(data: RwSignal<SessionData>, candidate: String, module: String, item: String, judge: u8, value: Decimal) {
    let device = crate::ui::judge::identity::device_id();
    let (org, current, by) = data.with_untracked(|d| {
        // A mark entered on another device (a tablet) is not replaced from here: the new one stands beside it.
        let cur = current_of(&d.marks, &candidate, &module, &item, judge).map(|m| (replaceable(Some(m), &device), m.value));
        let by = if judge > 0 { d.session.judges.get(usize::from(judge) - 1).cloned().unwrap_or_default() } else { d.session.tester.clone() };
        (d.session.meta.org.clone(), cur, by)
    });
    if current.as_ref().is_some_and(|(_, v)| *v == value) {
        return;
    }
    let meta = new_meta::<MarkRecord>(&org);
    let replaces = current.and_then(|(id, _)| id);
    let rec = new_mark(meta, (candidate, module, item, judge), value, replaces, &by, &device);
    put_now(rec.clone(), move || data.update(|d| d.marks.push(rec)));
}

pub fn marking(data: RwSignal<SessionData>, selected: RwSignal<Option<String>>) -> impl IntoView {
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
                    let states = slot_states(&d.marks);
                    let common = d.standard.standard.criteria.common_module_threshold();
                    view! {
                        <h3 data-testid="s26-marking-who">{format!("{} {}", c.person.number, c.person.name)}</h3>
                        {d.standard.standard.modules.iter().map(|m| {
                            let board = module_board(&states, &cid, m, judges.len() as u8, common);
                            view! {
                                <h4>{format!("โมดูล {} {}", m.id, m.name)}</h4>
                                <table class="grid s26-marking">
                                    <thead><tr><th>"รายการ"</th><th>"คะแนน"</th><th>"ผล"</th></tr></thead>
                                    <tbody>{m.items.iter().zip(&board.items).map(|(it, (_, state))| {
                                        let cls = if matches!(state, ItemState::Final { critical_failed: false, .. }) { "ok" } else { "bad" };
                                        let status = state.text();
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
                                                    <span class="picks">{(0..=MAX_JUDGE_SCORE).map(|v| {
                                                        let (c1, m1, i1) = (c0.clone(), m0.clone(), i0.clone());
                                                        let on = cur == Some(Decimal::from(v));
                                                        view! { <button type="button" class=if on { "pick on" } else { "pick" } aria-pressed=on.to_string()
                                                            title=JUDGE_SCALE[usize::from(v)] data-testid=format!("{testid}-j{j}-{v}")
                                                            on:click=move |_| set_mark(data, c1.clone(), m1.clone(), i1.clone(), j, Decimal::from(v))>{v}</button> }
                                                    }).collect_view()}</span>
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
                                <p class=if board.is_final() { "ok" } else { "bad" } data-testid=format!("s26-m{}-status", m.id)>
                                    {format!("โมดูล {}: {} — {}", m.id, board.result.points, board.status())}
                                </p>
                            }
                        }).collect_view()}
                    }.into_any()
                })
            }}
        </section>
    }
}
