//! The printable knowledge test of a standard, drawn from its seed: question paper with the handbook's header (ชุด,
//! time, full score, share and pass percent) and instructions, answer sheet (name, number, date, ชุด, a score box and
//! a ก ข ค ง grid in two halves to mark with X, as in the seed) and key, each starting on a new A4 page.
//!
//! True/false items come first (ก = ถูก, ข = ผิด on the grid), multiple choice next, and each matching set last as
//! one block that is never split across pages (seed rule 8): its premises numbered as questions on the left, its
//! answers lettered on the right; the candidate writes the answer's letter on the grid's row.

use leptos::prelude::*;
use crate::ui::data::loaded;
use crate::domain::section26::bank::{BankItem, Format, MatchingSet, LETTERS, MATCH_LETTERS, TRUE_FALSE};
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
    let width = test.iter().filter(|t| t.format != Format::Matching).map(|t| t.choices(&s.matching)).max().unwrap_or(4).clamp(2, 5);
    let h = header(&s, test.len());
    // The answer grid in two halves side by side, as the seed's sheet (1–25 | 26–50): true/false rows mark ก (ถูก)
    // or ข (ผิด); a matching row has one box for the answer's letter.
    let half = test.len().div_ceil(2);
    let rows = test.iter().map(|q| (q.format, q.choices(&s.matching))).collect::<Vec<_>>();
    let grid = move |from: usize, to: usize| {
        let rows = rows.clone();
        view! {
            <table class="grid s26-grid">
                <thead><tr><th>"ข้อ"</th>{LETTERS[..width].iter().map(|l| view! { <th>{*l}</th> }).collect_view()}</tr></thead>
                <tbody>{(from..=to).map(|n| {
                    let (format, choices) = rows[n - 1];
                    let cells = match format {
                        Format::Matching => view! { <td colspan=width.to_string() class="s26-write">"ตอบ ........"</td> }.into_any(),
                        Format::TrueFalse => (0..width).map(|c| match TRUE_FALSE.get(c) {
                            Some(t) => view! { <td class="s26-tf">{*t}</td> }.into_any(),
                            None => view! { <td class="na"></td> }.into_any(),
                        }).collect_view().into_any(),
                        Format::Choice => (0..width).map(|c| if c < choices { view! { <td></td> }.into_any() } else { view! { <td class="na"></td> }.into_any() }).collect_view().into_any(),
                    };
                    view! { <tr><td class="n">{n}</td>{cells}</tr> }
                }).collect_view()}</tbody>
            </table>
        }
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
            {questions(&test, &s.matching, false)}
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
                    <tr><td class="n">{n + 1}</td><td>{q.key_text()}</td><td>{format!("#{}", q.id)}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The questions in paper order, numbered from 1: runs of true/false and multiple-choice items as lists, each
/// matching set's run as its block (see the module docs). With `key`, the correct answers are marked. Shared with the
/// manual's part (12).
pub(super) fn questions(test: &[BankItem], sets: &[MatchingSet], key: bool) -> AnyView {
    // Runs of consecutive items of one format (and one set): (first question number, the items).
    let mut runs: Vec<(usize, Vec<&BankItem>)> = Vec::new();
    for (n, q) in test.iter().enumerate() {
        match runs.last_mut() {
            Some((_, run)) if run[0].format == q.format && run[0].set == q.set => run.push(q),
            _ => runs.push((n + 1, vec![q])),
        }
    }
    runs.into_iter()
        .map(|(first, run)| {
            let set = sets.iter().find(|x| x.id == run[0].set && run[0].format == Format::Matching);
            match (run[0].format, set) {
                (Format::Matching, Some(set)) => matching_block(first, &run, set, key),
                (Format::TrueFalse, _) => view! {
                    <p class="s26-part-note">{format!("ข้อ {}–{} ข้อสอบแบบถูก-ผิด: ข้อความถูกตอบ ก (ถูก) ข้อความผิดตอบ ข (ผิด)", first, first + run.len() - 1)}</p>
                    <ol class="s26-questions" start=first.to_string()>{run.into_iter().map(|q| question(q, key)).collect_view()}</ol>
                }.into_any(),
                _ => view! {
                    <ol class="s26-questions" start=first.to_string()>{run.into_iter().map(|q| question(q, key)).collect_view()}</ol>
                }.into_any(),
            }
        })
        .collect_view()
        .into_any()
}

/// A matching set on the paper: what to match by, the premises (question numbers from `first`) on the left and the
/// set's answers lettered on the right, kept on one page.
fn matching_block(first: usize, premises: &[&BankItem], set: &MatchingSet, key: bool) -> AnyView {
    let last = first + premises.len() - 1;
    let lines = premises.len().max(set.answers.len());
    view! {
        <div class="s26-matching-block" data-testid=format!("s26-paper-matching-{}", set.id)>
            <p class="s26-part-note">{format!("ข้อ {first}–{last} ข้อสอบแบบจับคู่ ชุดที่ {}: {} — นำอักษรหน้าคำตอบทางขวามาตอบให้ตรงกับข้อทางซ้าย คำตอบหนึ่งใช้ได้ครั้งเดียว", set.id, set.title.trim())}</p>
            <table class="grid s26-matching-table">
                <tbody>{(0..lines).map(|i| view! {
                    <tr>
                        <td>{premises.get(i).map(|q| {
                            let mark = if key { format!(" ✔ {}", q.key_text()) } else { " ........".to_string() };
                            format!("{}. {}{mark}", first + i, q.stem)
                        })}</td>
                        <td>{set.answers.get(i).map(|a| format!("{}. {a}", MATCH_LETTERS.get(i).unwrap_or(&"?")))}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// One question with its options ก, ข, ค, ง (จ), or ก. ถูก ข. ผิด for true/false; with `key`, the correct option is
/// marked as the handbook's bank with key marks it (ตัวถูก). A matching premise outside its set's block (the manual's
/// bank by objective) names its set and key.
pub(super) fn question(q: &BankItem, key: bool) -> AnyView {
    let options: Vec<String> = match q.format {
        Format::Choice => q.options.clone(),
        Format::TrueFalse => TRUE_FALSE.iter().map(|t| t.to_string()).collect(),
        Format::Matching => Vec::new(),
    };
    let note = (q.format == Format::Matching).then(|| {
        let k = if key { format!(" เฉลย {}", q.key_text()) } else { String::new() };
        format!(" (จับคู่ ชุดที่ {}{k})", q.set)
    });
    view! {
        <li><p>{q.stem.clone()}{note}</p>
            {(!options.is_empty()).then(|| view! {
                <ol class=if q.format == Format::TrueFalse { "s26-options s26-inline" } else { "s26-options" }>{options.into_iter().enumerate().map(|(o, text)| {
                    let right = key && o == usize::from(q.key);
                    view! { <li class=if right { "s26-right" } else { "" }>{LETTERS.get(o).copied().unwrap_or("?")} ". " {text}{right.then_some(" ✔ (ตัวถูก)")}</li> }
                }).collect_view()}</ol>
            })}
        </li>
    }
    .into_any()
}
