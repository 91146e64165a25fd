//! The printable knowledge test of a standard, drawn from its seed: question paper, answer sheet (a ก ข ค ง grid to
//! mark with X, as in the seed) and key, each starting on a new A4 page.

use leptos::prelude::*;
use crate::domain::section26::bank::LETTERS;
use crate::domain::section26::records::StandardRecord;

use super::load_standard;
use crate::ui::widgets::{loader, with_loaded};

#[component]
pub fn Paper(id: String) -> impl IntoView {
    let data = loader(move |store| {
        let id = id.clone();
        async move { load_standard(&store, &id).await }
    });
    with_loaded(data, body)
}

fn body(rec: StandardRecord) -> AnyView {
    let s = rec.standard;
    let items = match s.assembled() {
        Ok(i) => i,
        Err(e) => return view! { <p class="msg error" role="alert">"ยังจัดชุดข้อสอบไม่ได้: " {e}</p> }.into_any(),
    };
    let test: Vec<_> = items.iter().filter_map(|id| s.bank.iter().find(|b| b.id == *id).cloned()).collect();
    let width = test.iter().map(|t| t.options.len()).max().unwrap_or(4);
    let heading = format!("มาตรฐานฝีมือแรงงานตามมาตรา 26 สาขาอาชีพ{} สาขา{} ระดับ {}", s.occupation, s.branch, s.level);
    view! {
        <p class="no-print"><button type="button" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button>
            " เลขสุ่ม " {s.seed} " — ชุดเดิมทุกครั้งที่ใช้เลขนี้"</p>
        <div class="report s26-paper" data-testid="s26-paper">
            <h1>"แบบทดสอบภาคความรู้"</h1>
            <p class="meta">{heading.clone()}</p>
            <ol class="s26-questions">
                {test.iter().map(|q| view! {
                    <li><p>{q.stem.clone()}</p>
                        <ol class="s26-options">{q.options.iter().enumerate().map(|(o, text)| view! { <li>{LETTERS[o]} ". " {text.clone()}</li> }).collect_view()}</ol>
                    </li>
                }).collect_view()}
            </ol>
        </div>
        <div class="report s26-paper page-break" data-testid="s26-answer-sheet">
            <h1>"กระดาษคำตอบ"</h1>
            <p class="meta">{heading.clone()}</p>
            <p>"ชื่อ-สกุล ...................................................... หมายเลข .............  ทำเครื่องหมาย X ในช่องที่เลือก"</p>
            <table class="grid s26-grid">
                <thead><tr><th>"ข้อ"</th>{LETTERS[..width].iter().map(|l| view! { <th>{*l}</th> }).collect_view()}</tr></thead>
                <tbody>{(1..=test.len()).map(|n| view! { <tr><td class="n">{n}</td>{(0..width).map(|_| view! { <td></td> }).collect_view()}</tr> }).collect_view()}</tbody>
            </table>
        </div>
        <div class="report s26-paper page-break" data-testid="s26-key">
            <h1>"เฉลย"</h1>
            <p class="meta">{heading}</p>
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
