//! The test manual (คู่มือวิธีการทดสอบ, handbook items (1)–(19) on the back of form รมฐ.1) as one printable A4
//! document: a cover (1), the contents (2), then each part on a new page in the handbook's order. Text parts print
//! what the editor holds; data parts print the tables `domain::section26::manual` derives (test specification,
//! items per objective, the bank by objective with its key, difficulty) and the stored tables (DACUM, weights, IOC,
//! practical modules). A part the checklist (`standard::checklist`) finds incomplete prints a marked gap naming what
//! is missing, followed by whatever the standard already holds.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use rust_decimal::Decimal;

use crate::domain::section26::dacum::tasks;
use crate::domain::section26::history::{bank_history, left_out, ItemHistory};
use crate::domain::section26::manual::{attitudes, bank_by_objective, difficulty_table, knowledge_scope, objective_table, skill_scope, ScopeDuty};
use crate::domain::section26::marking::{ItemKind, JUDGE_SCALE};
use crate::domain::section26::records::{CandidateRecord, SessionRecord, StandardRecord};
use crate::domain::section26::standard::{checklist, level_text, Part, Standard};
use crate::domain::section26::weights::{Allocation, CRITERIA};
use crate::routes::S26Route;

use super::paper::question;
use super::{load_standard, thai_date};
use crate::ui::widgets::{loader, with_loaded};

type Data = (StandardRecord, BTreeSet<u32>, BTreeMap<u32, ItemHistory>);

#[component]
pub fn Manual(id: String) -> impl IntoView {
    let data = loader(move |store| {
        let id = id.clone();
        async move {
            let rec = load_standard(&store, &id).await?;
            let err = |e: crate::store::StoreError| e.to_string();
            let sessions: Vec<SessionRecord> = store.list(Some(&rec.meta.org)).await.map_err(err)?;
            let candidates: Vec<CandidateRecord> = store.list(Some(&rec.meta.org)).await.map_err(err)?;
            let history = bank_history(&rec.standard.bank, &rec.standard.ioc, &sessions, &candidates);
            let out = left_out(&rec.standard.include_flagged, &history);
            Ok((rec, out, history))
        }
    });
    with_loaded(data, body)
}

/// The allocation of items to tasks (weight, share by the formula, whole items), shared with the editor.
pub(super) fn allocation_table(alloc: &[Allocation], codes: &[(u32, String)], raters: usize) -> AnyView {
    view! { <table class="grid">
        <thead><tr><th>"งานย่อย"</th><th class="n">"น้ำหนัก (เฉลี่ย)"</th><th class="n">"สัดส่วนตามสูตร"</th><th class="n">"จำนวนข้อ"</th></tr></thead>
        <tbody>{alloc.iter().map(|a| view! { <tr>
            <td>{codes.iter().find(|c| c.0 == a.task).map(|c| c.1.clone())}</td>
            <td class="n">{format!("{:.2}", Decimal::from(a.sum) / Decimal::from(raters.max(1) as u32))}</td>
            <td class="n">{a.share_text()}</td>
            <td class="n">{a.items}</td>
        </tr> }).collect_view()}
        <tr><th colspan="3">"รวม"</th><th class="n">{alloc.iter().map(|a| a.items).sum::<u32>()}</th></tr>
        </tbody>
    </table> }
    .into_any()
}

fn text_or_gap(text: &str) -> AnyView {
    (!text.trim().is_empty()).then(|| view! { <p class="pre-line">{text.to_string()}</p> }).into_any()
}

/// 7.1 or 7.2: duties, tasks and numbered points.
fn scope_view(duties: Vec<ScopeDuty>) -> AnyView {
    duties
        .into_iter()
        .map(|d| view! {
            <p class="s26-scope-duty">{format!("{} งานหลักที่ {}", d.code, d.title)}</p>
            {d.tasks.into_iter().map(|t| view! {
                <p class="s26-scope-task">{format!("{} {}", t.code, t.title)}</p>
                <ol class="s26-scope-points">{t.points.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ol>
            }).collect_view()}
        })
        .collect_view()
        .into_any()
}

fn body((rec, out, history): Data) -> AnyView {
    let s = rec.standard;
    let difficulty = difficulty_table(&history);
    let parts = checklist(&s, difficulty.is_some(), &out);
    let heading = format!("มาตรฐานฝีมือแรงงานตามมาตรา 26 สาขาอาชีพ{} สาขา{} ระดับ {}", s.occupation.trim(), s.branch.trim(), s.level);
    let applicant = format!("ชื่อหน่วยงานของผู้ยื่นขอรับรอง {}", s.applicant.trim());
    let contents: Vec<(u8, &'static str, bool)> = parts.iter().map(|p| (p.number, p.title, p.filled())).collect();
    let sections: Vec<AnyView> = parts.iter().skip(2).map(|p| part(&s, p, &out, difficulty.as_ref(), &heading, &applicant)).collect();
    let level = level_text(s.level).unwrap_or("");
    view! {
        <p class="no-print">
            <button type="button" data-testid="s26-manual-print" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button>
            " " <a href=S26Route::Standard(rec.meta.id.clone()).href()>"กลับไปแก้ไขมาตรฐาน"</a>
        </p>
        <div class="s26-manual" data-testid="s26-manual">
            <div class="report s26-manual-cover" data-testid="s26-manual-part-1">
                {parts.first().map(gap)}
                <p class="meta">"(1)"</p>
                <h1>"คู่มือวิธีการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
                <h1>{format!("สาขาอาชีพ{}", s.occupation.trim())}</h1>
                {(!s.branch.trim().is_empty()).then(|| view! { <h2 class="meta">{format!("สาขา{}", s.branch.trim())}</h2> })}
                <h2 class="meta">{format!("ระดับ {}", s.level)}</h2>
                <p class="meta">{level.to_string()}</p>
                <p class="meta s26-cover-applicant">{s.applicant.trim().to_string()}</p>
            </div>
            <div class="report page-break" data-testid="s26-manual-part-2">
                <h2>"(2) สารบัญ"</h2>
                <ol class="s26-manual-contents" data-testid="s26-manual-contents">
                    {contents.into_iter().map(|(n, title, filled)| view! {
                        <li data-testid=format!("s26-manual-contents-{n}")>{format!("({n}) {title}")}
                            {(!filled).then(|| view! { <span class="bad">" — ยังไม่สมบูรณ์"</span> })}</li>
                    }).collect_view()}
                </ol>
            </div>
            {sections}
        </div>
    }
    .into_any()
}

/// The marked gap of an incomplete part (nothing when the part is complete).
fn gap(p: &Part) -> AnyView {
    (!p.filled())
        .then(|| view! {
            <div class="s26-gap" data-testid=format!("s26-manual-gap-{}", p.number)>
                <strong>{format!("ส่วนที่ ({}) ยังไม่สมบูรณ์", p.number)}</strong>
                <ul>{p.missing.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
            </div>
        })
        .into_any()
}

/// Parts (3)–(19), each on a new page with the standard's heading.
fn part(s: &Standard, p: &Part, out: &BTreeSet<u32>, difficulty: Option<&crate::domain::section26::manual::DifficultyTable>, heading: &str, applicant: &str) -> AnyView {
    let codes: Vec<(u32, String)> = tasks(&s.duties).into_iter().map(|t| (t.task.id, t.code)).collect();
    let content: AnyView = match p.number {
        3 => view! { <ol>{s.working_group.iter().map(|m| view! { <li>{format!("{} {}", m.name, m.role)}</li> }).collect_view()}</ol> }.into_any(),
        4 => text_or_gap(&s.definition_standard),
        5 => text_or_gap(&s.definition_occupation),
        6 => text_or_gap(&s.scope),
        7 => text_or_gap(&s.tester_qualifications),
        8 => view! {
            {text_or_gap(&s.candidate_qualifications)}
            {(s.required_experience_months > 0).then(|| view! { <p>{format!("ประสบการณ์ทำงานในสาขาอาชีพไม่น้อยกว่า {} เดือน", s.required_experience_months)}</p> })}
            <ul>{s.conditions.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
        }.into_any(),
        9 => {
            let c = &s.criteria;
            view! {
                <p>{c.model.describe()}</p>
                <ul>
                    <li>{format!("ภาคความรู้คิดเป็นร้อยละ {} ของคะแนนทั้งหมด ต้องได้คะแนนไม่ต่ำกว่าร้อยละ {} ของคะแนนภาคความรู้", c.w_k.normalize(), c.t_k.normalize())}</li>
                    <li>{format!("ภาคความสามารถคิดเป็นร้อยละ {} ของคะแนนทั้งหมด ต้องได้คะแนนไม่ต่ำกว่าร้อยละ {} ของคะแนนภาคความสามารถ", c.w_s.normalize(), c.t_s.normalize())}</li>
                    <li>{format!("คะแนนรวมไม่ต่ำกว่าร้อยละ {}", c.t_t.normalize())}</li>
                    {c.module_threshold.map(|t| view! { <li>{format!("แต่ละโมดูลไม่ต่ำกว่าร้อยละ {} (เว้นแต่โมดูลกำหนดเอง)", t.normalize())}</li> })}
                </ul>
            }.into_any()
        }
        10 => {
            let att = attitudes(&s.duties);
            view! {
                <h3>"7.1 ภาคความรู้ ประกอบด้วยขอบเขตความรู้ในเรื่องดังต่อไปนี้"</h3>
                <div data-testid="s26-manual-7-1">{scope_view(knowledge_scope(&s.duties))}</div>
                <h3>"7.2 ภาคความสามารถ ประกอบด้วยขอบเขตความสามารถในเรื่องดังต่อไปนี้"</h3>
                <div data-testid="s26-manual-7-2">{scope_view(skill_scope(&s.duties))}</div>
                <h3>"7.3 ทัศนคติ"</h3>
                <p data-testid="s26-manual-7-3">{if att.is_empty() { "–".to_string() } else { format!("ประกอบด้วย {}", att.join(" ")) }}</p>
            }.into_any()
        }
        11 => {
            let alloc = s.allocation().ok();
            let drawn = s.assembled(out).ok();
            let t = objective_table(&s.duties, &s.bank, alloc.as_deref(), drawn.as_deref());
            let opt = |v: Option<String>| v.unwrap_or_else(|| "–".into());
            let full: Decimal = s.modules.iter().map(|m| m.full()).sum();
            view! {
                {text_or_gap(&s.test_character)}
                <h3>{format!("8.1 ภาคความรู้ ข้อสอบแบบปรนัย จำนวน {} ข้อ เวลา {}", s.test_length, crate::domain::section26::paper::duration_text(s.paper.minutes))}</h3>
                <table class="grid" data-testid="s26-manual-8-1">
                    <thead><tr><th>"วัตถุประสงค์เชิงพฤติกรรม"</th><th class="n">"จำนวนข้อสอบทั้งหมด"</th><th class="n">"จำนวนข้อสอบที่เลือก"</th></tr></thead>
                    <tbody>{t.tasks.into_iter().map(|task| view! {
                        <tr class="s26-row-task"><th class="left">{format!("{} {}", task.code, task.title)}</th><th class="n">{task.bank}</th><th class="n">{opt(task.chosen.map(|c| c.to_string()))}</th></tr>
                        {task.objectives.into_iter().map(|o| view! {
                            <tr><td>{format!("{}) {}", o.number, o.text)}</td><td class="n">{o.bank}</td><td class="n">{opt(o.chosen.map(|c| c.to_string()))}</td></tr>
                        }).collect_view()}
                    }).collect_view()}
                    <tr><th class="left">"รวมข้อสอบทั้งหมด"</th><th class="n">{t.bank_total}</th><th class="n">{opt(t.chosen_total.map(|c| c.to_string()))}</th></tr>
                    </tbody>
                </table>
                <h3>"8.2 ภาคความสามารถ"</h3>
                <ul>{s.modules.iter().map(|m| view! { <li>{format!("โมดูลที่ {} {} คะแนนเต็ม {}", m.id, m.name, m.full())}</li> }).collect_view()}</ul>
                <p>{format!("คะแนนเต็มภาคความสามารถ {full}")}</p>
            }.into_any()
        }
        12 => {
            let (groups, unlinked) = bank_by_objective(&s.duties, &s.bank);
            view! {
                <p>{format!("คลังข้อสอบ {} ข้อ เรียงตามงานย่อยและวัตถุประสงค์เชิงพฤติกรรม พร้อมเฉลย (✔ ตัวถูก)", s.bank.len())}</p>
                {groups.into_iter().map(|t| view! {
                    <h3>{format!("{} {}", t.code, t.title)}</h3>
                    {t.objectives.into_iter().map(|o| view! {
                        <p class="s26-scope-task">{match o.number { Some(n) => format!("{n}) {}", o.text), None => o.text.clone() }}</p>
                        <ol class="s26-questions">{o.items.into_iter().map(|q| question(q, true)).collect_view()}</ol>
                    }).collect_view()}
                }).collect_view()}
                {(!unlinked.is_empty()).then(|| view! {
                    <h3>"ข้อสอบที่ยังไม่ได้ผูกกับงานย่อย"</h3>
                    <ol class="s26-questions">{unlinked.into_iter().map(|q| question(q, true)).collect_view()}</ol>
                })}
            }.into_any()
        }
        13 => s.modules.iter().map(|m| view! {
            <h3>{format!("โมดูลที่ {} {}", m.id, m.name)}</h3>
            <p>{format!("คะแนนเต็ม {} คะแนน{}", m.full(), m.threshold.map(|t| format!(" เกณฑ์ผ่านร้อยละ {}", t.normalize())).unwrap_or_default())}</p>
            <ol>{m.items.iter().map(|i| view! { <li>{format!("{} ({})", i.title, i.kind.label())}</li> }).collect_view()}</ol>
        }).collect_view().into_any(),
        14 => view! {
            {s.modules.iter().map(|m| view! {
                <h3>{format!("ใบให้คะแนน โมดูลที่ {} {}", m.id, m.name)}</h3>
                <table class="grid">
                    <thead><tr><th>"ที่"</th><th>"รายการ"</th><th>"เกณฑ์การให้คะแนน"</th><th class="n">"คะแนนเต็ม"</th><th>"ค่าที่ได้ / กรรมการ"</th><th class="n">"คะแนนที่ได้"</th></tr></thead>
                    <tbody>{m.items.iter().map(|i| view! { <tr>
                        <td>{i.id.clone()}</td><td>{i.title.clone()}</td>
                        <td>{match &i.kind { ItemKind::Measurement { nominal, tolerance } => format!("{nominal} ± {tolerance}"), k => k.label().to_string() }}</td>
                        <td class="n">{i.full.to_string()}</td><td></td><td></td>
                    </tr> }).collect_view()}
                    <tr><th colspan="3">"รวม"</th><th class="n">{m.full().to_string()}</th><td></td><td></td></tr>
                    </tbody>
                </table>
            }).collect_view()}
            {s.modules.iter().any(|m| m.items.iter().any(|i| i.kind == ItemKind::Judgement)).then(|| view! {
                <p>"เกณฑ์กรรมการให้คะแนน: " {JUDGE_SCALE.iter().enumerate().map(|(k, t)| format!("{k} = {t}")).collect::<Vec<_>>().join(" · ")}</p>
            })}
        }.into_any(),
        15 => view! {
            <table class="grid s26-form15">
                <thead>
                    <tr><th rowspan="2">"ลำดับ"</th><th rowspan="2">"ชื่อ-สกุล"</th><th colspan="2">"ภาคความรู้"</th>
                        {s.modules.iter().map(|m| view! { <th colspan="2">{format!("โมดูล {}", m.id)}</th> }).collect_view()}
                        <th rowspan="2">"รวม %"</th><th rowspan="2">"ผลการทดสอบ"</th><th rowspan="2">"หมายเหตุ"</th></tr>
                    <tr><th>"คะแนน"</th><th>"ผ่าน/ไม่ผ่าน"</th>{s.modules.iter().map(|_| view! { <th>"คะแนน"</th><th>"ผ่าน/ไม่ผ่าน"</th> }).collect_view()}</tr>
                </thead>
                <tbody>{(1..=5).map(|n| view! { <tr><td class="n">{n}</td><td></td><td></td><td></td>{s.modules.iter().map(|_| view! { <td></td><td></td> }).collect_view()}<td></td><td></td><td></td></tr> }).collect_view()}</tbody>
            </table>
            <p class="note">{s.criteria.model.describe()}</p>
            <p class="signature">"ลงชื่อ ........................................................ ผู้ทดสอบมาตรฐานฝีมือแรงงาน"</p>
        }.into_any(),
        16 => view! {
            <table class="grid s26-dacum-table">
                <thead><tr><th>"ขั้นตอนการปฏิบัติงาน"</th><th>"เครื่องมือ/วัสดุอุปกรณ์"</th><th>"ความรู้"</th><th>"ทัศนคติ/กิจนิสัย"</th><th>"มาตรฐานการปฏิบัติงาน"</th><th>"ข้อควรระวัง/ความปลอดภัย"</th></tr></thead>
                <tbody>{s.duties.iter().enumerate().map(|(d, duty)| view! {
                    <tr class="s26-row-duty"><th colspan="6" class="left">{format!("งานหลักที่ {} {}", d + 1, duty.title)}</th></tr>
                    {duty.tasks.iter().enumerate().map(|(t, task)| view! {
                        <tr class="s26-row-task"><th colspan="6" class="left">{format!("งานย่อย {}.{} {}", d + 1, t + 1, task.title)}</th></tr>
                        {task.steps.iter().enumerate().map(|(i, st)| view! { <tr>
                            <td>{format!("{}. {}", i + 1, st.title)}</td><td>{st.tools.clone()}</td><td>{st.knowledge.clone()}</td>
                            <td>{st.attitude.clone()}</td><td>{st.standard.clone()}</td><td>{st.safety.clone()}</td>
                        </tr> }).collect_view()}
                    }).collect_view()}
                }).collect_view()}</tbody>
            </table>
        }.into_any(),
        17 => {
            let w = &s.weights;
            let n = w.criteria_count();
            view! {
                <table class="grid">
                    <thead><tr><th>"งานย่อย"</th><th>"ผู้ให้น้ำหนัก"</th>{CRITERIA[..n].iter().map(|c| view! { <th>{*c}</th> }).collect_view()}</tr></thead>
                    <tbody>{codes.iter().map(|(id, code)| w.raters.iter().enumerate().map(|(r, name)| {
                        let row = w.ratings.get(id).and_then(|rows| rows.get(r)).copied().unwrap_or([None; 5]);
                        view! { <tr><td>{code.clone()}</td><td>{name.clone()}</td>
                            {row[..n].iter().map(|v| view! { <td class="n">{v.map(|v| v.to_string()).unwrap_or_else(|| "–".into())}</td> }).collect_view()}</tr> }
                    }).collect_view()).collect_view()}</tbody>
                </table>
                {s.allocation().ok().map(|a| allocation_table(&a, &codes, w.raters.len()))}
            }.into_any()
        }
        18 => {
            let t = &s.ioc;
            view! {
                <table class="grid" data-testid="s26-manual-ioc">
                    <thead><tr><th>"ข้อ"</th><th>"งานย่อย"</th><th>"วัตถุประสงค์"</th>{t.experts.iter().map(|e| view! { <th>{e.clone()}</th> }).collect_view()}<th class="n">"ΣR"</th><th class="n">"IOC"</th><th>"ผล"</th></tr></thead>
                    <tbody>{s.bank.iter().map(|b| {
                        let ratings = t.ratings.get(&b.id).cloned().unwrap_or_default();
                        let r = t.item(b.id);
                        view! { <tr>
                            <td>{format!("#{}", b.id)}</td>
                            <td>{codes.iter().find(|c| c.0 == b.task).map(|c| c.1.clone())}</td>
                            <td class="n">{b.objective + 1}</td>
                            {(0..t.experts.len()).map(|e| view! { <td class="n">{match ratings.get(e).copied().flatten() { Some(1) => "+1".to_string(), Some(v) => v.to_string(), None => "–".into() }}</td> }).collect_view()}
                            {match r {
                                Ok(r) => view! { <td class="n">{r.sum}</td><td class="n">{r.text.clone()}</td><td>{r.verdict()}</td> }.into_any(),
                                Err(_) => view! { <td class="n">"–"</td><td class="n">"–"</td><td>"ยังประเมินไม่ครบ"</td> }.into_any(),
                            }}
                        </tr> }
                    }).collect_view()}</tbody>
                </table>
            }.into_any()
        }
        19 => difficulty.map(|t| view! {
            <p data-testid="s26-manual-difficulty-date">{format!("ผลการทดลองทดสอบวันที่ {} — ข้อสอบที่ดี {} ข้อ ควรปรับปรุง {} ข้อ", thai_date(&t.date), t.good, t.revise)}</p>
            <table class="grid" data-testid="s26-manual-difficulty">
                <thead><tr><th>"ข้อ"</th><th>"ข้อในคลัง"</th><th class="n">"ค่าความยากง่าย (p)"</th><th class="n">"ค่าอำนาจจำแนก (r)"</th><th>"ผล"</th></tr></thead>
                <tbody>{t.rows.iter().map(|r| view! { <tr>
                    <td class="n">{r.question}</td><td>{format!("#{}", r.item)}</td><td class="n">{r.p.to_string()}</td><td class="n">{r.r.to_string()}</td><td>{r.verdict.thai()}</td>
                </tr> }).collect_view()}</tbody>
            </table>
        }).into_any(),
        _ => ().into_any(),
    };
    view! {
        <div class="report page-break s26-manual-part" data-testid=format!("s26-manual-part-{}", p.number)>
            <p class="meta small">{heading.to_string()}<br/>{applicant.to_string()}</p>
            <h2>{format!("({}) {}", p.number, p.title)}</h2>
            {gap(p)}
            {content}
        </div>
    }
    .into_any()
}
