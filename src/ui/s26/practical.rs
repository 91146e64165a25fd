//! The practical test paper (ข้อสอบภาคความสามารถ, manual part (13)) of each module, laid out as the seed's example:
//! the standard's heading, the module with its points and time, 1. the instructions and the module's items with their
//! points, 2. the rules (whether the knowledge part comes first, from the stored pass model, then the rules typed),
//! 3. the materials the workshop supervisor prepares, 4. the tools, 5. the drawings and specifications (the images
//! attached to the module, each fitted to the A4 page with its caption). One module per page; the manual's part (13)
//! prints the same pieces ([`module_paper`]).

use leptos::prelude::*;

use crate::domain::section26::image::ImageRecord;
use crate::domain::section26::marking::Module;
use crate::domain::section26::practical::{rules, time_text, Supply};
use crate::domain::section26::records::StandardRecord;
use crate::domain::section26::standard::Standard;
use crate::routes::S26Route;
use crate::ui::data::{loaded, page_data};
use crate::ui::error::PageError;

use super::load_standard;

/// A standard and its images: what the practical papers and the manual print.
pub async fn standard_images(store: &crate::store::Store, id: &str) -> Result<(StandardRecord, Vec<ImageRecord>), PageError> {
    let rec = load_standard(store, id).await?;
    let images: Vec<ImageRecord> = store.list(Some(&rec.meta.org)).await?;
    Ok((rec, images))
}

#[component]
pub fn PracticalPapers(id: String) -> impl IntoView {
    let data = page_data(move |store| {
        let id = id.clone();
        async move { standard_images(&store, &id).await }
    });
    loaded(data, |(rec, images)| {
        let s = &rec.standard;
        let pages = if s.modules.is_empty() {
            vec![view! { <p class="s26-gap" data-testid="s26-practical-empty">"มาตรฐานนี้ยังไม่มีโมดูลภาคความสามารถ"</p> }.into_any()]
        } else {
            s.modules
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let class = if i == 0 { "report s26-practical" } else { "report page-break s26-practical" };
                    view! {
                        <div class=class data-testid=format!("s26-practical-{}", m.id)>
                            <p class="s26-app-form">"(13)"</p>
                            <h1>"ข้อสอบภาคความสามารถ"</h1>
                            <p class="meta">"การทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26"</p>
                            <p class="meta">{heading(s)}</p>
                            {(!s.applicant.trim().is_empty()).then(|| view! { <p class="meta">{s.applicant.trim().to_string()}</p> })}
                            {module_paper(s, m, &images, false)}
                        </div>
                    }
                    .into_any()
                })
                .collect()
        };
        view! {
            <p class="no-print">
                <button type="button" data-testid="s26-practical-print" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button>
                " " <a href=S26Route::Standard(rec.meta.id.clone()).href()>"กลับไปแก้ไขมาตรฐาน"</a>
            </p>
            <div data-testid="s26-practical">{pages}</div>
        }
        .into_any()
    })
}

/// `สาขาอาชีพ… สาขา… ระดับ…`.
fn heading(s: &Standard) -> String {
    let branch = if s.branch.trim().is_empty() { String::new() } else { format!(" สาขา{}", s.branch.trim()) };
    format!("สาขาอาชีพ{}{branch} ระดับ {}", s.occupation.trim(), s.level)
}

/// A materials or tools table (ที่, รายการ, จำนวน, หน่วย, หมายเหตุ), or a line saying there is none.
fn supplies(rows: &[Supply], testid: String) -> AnyView {
    if rows.is_empty() {
        return view! { <p class="muted" data-testid=testid>"(ไม่มี)"</p> }.into_any();
    }
    view! {
        <table class="grid" data-testid=testid>
            <thead><tr><th>"ที่"</th><th class="left">"รายการ"</th><th>"จำนวน"</th><th>"หน่วย"</th><th class="left">"หมายเหตุ"</th></tr></thead>
            <tbody>{rows.iter().enumerate().map(|(i, r)| view! {
                <tr><td class="n">{i + 1}</td><td>{r.name.clone()}</td><td class="n">{r.quantity.clone()}</td><td>{r.unit.clone()}</td><td>{r.note.clone()}</td></tr>
            }).collect_view()}</tbody>
        </table>
    }
    .into_any()
}

/// The body of module `m`'s practical paper: its line (points, time), then parts 1–5. `images` may hold every
/// image of the standard; only the module's are printed, in the order they were attached. Headings `h2`/`h3` on its
/// own page, one level lower (`nested`) inside the manual's part (13).
pub fn module_paper(s: &Standard, m: &Module, images: &[ImageRecord], nested: bool) -> AnyView {
    let head = move |sub: bool, text: String| match (nested, sub) {
        (false, false) => view! { <h2>{text}</h2> }.into_any(),
        (false, true) | (true, false) => view! { <h3>{text}</h3> }.into_any(),
        (true, true) => view! { <h4>{text}</h4> }.into_any(),
    };
    let p = &m.paper;
    let name = if m.name.trim().is_empty() { String::new() } else { format!(" {}", m.name.trim()) };
    let mut mine: Vec<&ImageRecord> = images.iter().filter(|i| i.module == m.id).collect();
    crate::domain::sort::sort_by(&mut mine, |a, b| (&a.meta.created, &a.meta.id).cmp(&(&b.meta.created, &b.meta.id)));
    let figures = if mine.is_empty() {
        view! { <p class="muted">"(ไม่มี)"</p> }.into_any()
    } else {
        mine.into_iter()
            .enumerate()
            .map(|(i, img)| {
                let caption = if img.caption.trim().is_empty() { format!("รูปที่ {}", i + 1) } else { format!("รูปที่ {} {}", i + 1, img.caption.trim()) };
                view! {
                    <figure class="s26-figure" data-testid="s26-practical-figure">
                        <img src=img.data_url() alt=caption.clone()/>
                        <figcaption>{caption}</figcaption>
                    </figure>
                }
            })
            .collect_view()
            .into_any()
    };
    let id = m.id.clone();
    view! {
        <div class="s26-module-paper" data-testid=format!("s26-module-paper-{id}")>
            {head(false, format!("โมดูลที่ {}{name} คะแนนเต็ม {} คะแนน เวลา {}", m.id, m.full(), time_text(p.minutes)))}
            {m.threshold.map(|t| view! { <p>{format!("เกณฑ์ผ่านโมดูลนี้ร้อยละ {}", t.normalize())}</p> })}
            {head(true, "1. คำสั่ง ให้ผู้เข้ารับการทดสอบปฏิบัติดังนี้".into())}
            {(!p.instructions.trim().is_empty()).then(|| view! { <p class="pre-line">{p.instructions.trim().to_string()}</p> })}
            <ol data-testid=format!("s26-practical-{id}-items")>{m.items.iter().map(|i| view! {
                <li>{format!("{} ({}) {} คะแนน", i.title.trim(), i.kind.label(), i.full)}</li>
            }).collect_view()}</ol>
            {head(true, "2. กฎกติกา".into())}
            <ol data-testid=format!("s26-practical-{id}-rules")>{rules(&s.criteria, p).into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ol>
            {head(true, "3. รายการวัสดุที่จัดเตรียมให้ (สำหรับผู้ควบคุมโรงฝึก)".into())}
            {supplies(&p.materials, format!("s26-practical-{id}-materials"))}
            {head(true, "4. รายการเครื่องมือและอุปกรณ์".into())}
            {supplies(&p.tools, format!("s26-practical-{id}-tools"))}
            {head(true, "5. แบบทดสอบและรายการกำหนด (Drawing and Specification)".into())}
            {figures}
        </div>
    }
    .into_any()
}
