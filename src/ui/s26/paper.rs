//! The printable knowledge test of a standard, drawn from its seed: question paper with the handbook's header (ชุด,
//! time, full score, share and pass percent) and instructions, answer sheet (name, number, date, ชุด, a score box and
//! a ก ข ค ง grid in two halves to mark with X, as in the seed) and key, each starting on a new A4 page.

use leptos::prelude::*;
use crate::ui::data::loaded;
use crate::domain::section26::bank::{BankItem, LETTERS};
use crate::domain::section26::paper::{header, BLANK};
use std::collections::{BTreeMap, BTreeSet};

use crate::domain::section26::history::ItemHistory;
use crate::domain::section26::records::StandardRecord;

use super::{standard_page};

#[component]
pub fn Paper(id: String) -> impl IntoView {
    loaded(standard_page(id), body)
}

fn body((rec, history, out): (StandardRecord, BTreeMap<u32, ItemHistory>, BTreeSet<u32>)) -> AnyView {
    // Flagged items drawn all the same, with the reason the paper records.
    let included: Vec<(u32, String)> = rec
        .standard
        .include_flagged
        .iter()
        .filter(|(id, _)| history.get(id).is_some_and(|h| !h.flags().is_empty()))
        .map(|(id, why)| (*id, why.clone()))
        .collect();
    let s = rec.standard;
    let items = match s.assembled(&out) {
        Ok(i) => i,
        Err(e) => return view! { <p class="msg error" role="alert">"ยังจัดชุดข้อสอบไม่ได้: " {e}</p> }.into_any(),
    };
    let test: Vec<_> = items.iter().filter_map(|id| s.bank.iter().find(|b| b.id == *id).cloned()).collect();
    let width = test.iter().map(|t| t.options.len()).max().unwrap_or(4);
    let h = header(&s, test.len());
    // The answer grid in two halves side by side, as the seed's sheet (1–25 | 26–50).
    let half = test.len().div_ceil(2);
    let grid = move |from: usize, to: usize| view! {
        <table class="grid s26-grid">
            <thead><tr><th>"ข้อ"</th>{LETTERS[..width].iter().map(|l| view! { <th>{*l}</th> }).collect_view()}</tr></thead>
            <tbody>{(from..=to).map(|n| view! { <tr><td class="n">{n}</td>{(0..width).map(|_| view! { <td></td> }).collect_view()}</tr> }).collect_view()}</tbody>
        </table>
    };
    let applicant = if s.applicant.trim().is_empty() { BLANK.to_string() } else { s.applicant.clone() };
    view! {
        <p class="no-print"><button type="button" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button>
            " เลขสุ่ม " {s.seed} " — ชุดเดิมทุกครั้งที่ใช้เลขนี้"</p>
        <div class="report s26-paper" data-testid="s26-paper">
            <h1>{h.title}</h1>
            <p class="meta">{h.standard.clone()}</p>
            <p class="meta" data-testid="s26-paper-part">{h.part.clone()}</p>
            <section class="s26-instructions" data-testid="s26-paper-instructions">
                <h2>"คำชี้แจงในการสอบภาคความรู้"</h2>
                <ol>{h.instructions.iter().map(|i| view! { <li>{i.clone()}</li> }).collect_view()}</ol>
            </section>
            <ol class="s26-questions">
                {test.iter().map(|q| question(q, false)).collect_view()}
            </ol>
        </div>
        <div class="report s26-paper page-break" data-testid="s26-answer-sheet">
            <p class="meta">{format!("ชื่อสถานประกอบกิจการ {applicant}")}</p>
            <h1>"กระดาษคำตอบการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
            <p class="meta">{h.standard.clone()}</p>
            <p>"ชื่อ – นามสกุล .............................................................. เลขที่ ..................."</p>
            <p>{format!("วันที่ .......... เดือน ....................... พ.ศ. ........... ชุด {}", h.set)}</p>
            <table class="grid s26-score-box" data-testid="s26-answer-score">
                <tr><th>"คะแนนเต็ม"</th><td class="n">{h.full_score}</td><th>"คะแนนที่ได้"</th><td class="box"></td><th>"ผู้ตรวจ"</th><td class="box wide"></td></tr>
            </table>
            <p>"ให้ทำเครื่องหมาย X ข้อที่คิดว่าถูกที่สุดเพียงคำตอบเดียวลงในช่องว่างข้างล่าง"</p>
            <div class="s26-answer-halves">
                {grid(1, half)}
                {(half < test.len()).then(|| grid(half + 1, test.len()))}
            </div>
        </div>
        <div class="report s26-paper page-break" data-testid="s26-key">
            <h1>"เฉลยแบบทดสอบภาคความรู้"</h1>
            <p class="meta">{h.standard.clone()}</p>
            <p class="meta">{format!("ชุด {} · {} ข้อ · เลขสุ่ม {}", h.set, h.full_score, s.seed)}</p>
            {(!out.is_empty() || !included.is_empty()).then(|| view! {
                <div class="note" data-testid="s26-key-quality">
                    {(!out.is_empty()).then(|| view! { <p>{format!("ข้อในคลังที่ไม่นำมาจัดชุดตามคุณภาพ (IOC หรือผลวิเคราะห์ล่าสุด): {}", out.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", "))}</p> })}
                    {included.iter().filter(|(id, _)| items.contains(id)).map(|(id, why)| view! { <p>{format!("ใช้ข้อ #{id} แม้ผลคุณภาพควรปรับปรุง — เหตุผล: {why}")}</p> }).collect_view()}
                </div>
            })}
            <table class="grid s26-grid">
                <thead><tr><th>"ข้อ"</th><th>"เฉลย"</th><th>"ข้อในคลัง"</th></tr></thead>
                <tbody>{test.iter().enumerate().map(|(n, q)| view! {
                    <tr><td class="n">{n + 1}</td><td>{LETTERS[q.key as usize]}</td><td>{format!("#{}", q.id)}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One question with its options ก, ข, ค, ง (จ); with `key`, the correct option is marked as the handbook's bank
/// with key marks it (ตัวถูก). Shared with the manual's part (12).
pub(super) fn question(q: &BankItem, key: bool) -> AnyView {
    view! {
        <li><p>{q.stem.clone()}</p>
            <ol class="s26-options">{q.options.iter().enumerate().map(|(o, text)| {
                let right = key && o == usize::from(q.key);
                view! { <li class=if right { "s26-right" } else { "" }>{LETTERS.get(o).copied().unwrap_or("?")} ". " {text.clone()}{right.then_some(" ✔ (ตัวถูก)")}</li> }
            }).collect_view()}</ol>
        </li>
    }
    .into_any()
}
