//! The request and check forms of a standard, printable on A4 (`domain::section26::forms`): the request for
//! certification (แบบ รมฐ.1) with the application number issued for the standard, attachments 2.1–2.4 and, on its
//! back page, the manual's 19 parts each marked present or missing from the completeness checklist; and the office's
//! check of it (แบบ รมฐ.2), its 16 items ticked as the office ticked them in the editor, each with what the app finds
//! still missing in the parts it covers. Dates in พ.ศ.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;

use crate::domain::section26::forms::{check_item_gaps, ATTACHMENTS, CHECK_ITEMS};
use crate::domain::section26::history::ItemHistory;
use crate::domain::section26::manual::difficulty_table;
use crate::domain::section26::paper::BLANK;
use crate::domain::section26::records::{ApplicationRecord, StandardRecord};
use crate::domain::section26::standard::{checklist, Part};
use crate::ui::data::{loaded, page_data, PageData};

use super::{load_standard_quality, thai_date};

/// The standard, its 19-part checklist and the application numbers issued for it.
#[derive(Clone)]
struct Data {
    rec: StandardRecord,
    parts: Vec<Part>,
    apps: Vec<ApplicationRecord>,
}

fn data(id: String) -> PageData<Data> {
    page_data(move |store| {
        let id = id.clone();
        async move {
            let (rec, history, out): (StandardRecord, BTreeMap<u32, ItemHistory>, BTreeSet<u32>) = load_standard_quality(&store, &id).await?;
            let parts = checklist(&rec.standard, difficulty_table(&history).is_some(), &out);
            let apps: Vec<ApplicationRecord> = store.list(None).await?;
            let apps = apps.into_iter().filter(|a| a.standard.as_deref() == Some(id.as_str())).collect();
            Ok(Data { rec, parts, apps })
        }
    })
}

fn or_blank(text: &str) -> String {
    if text.trim().is_empty() { BLANK.to_string() } else { text.trim().to_string() }
}

fn print_button() -> impl IntoView {
    view! { <p class="no-print"><button type="button" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button></p> }
}

#[component]
pub fn Request(id: String) -> impl IntoView {
    loaded(data(id), |d| request(d).into_any())
}

fn request(Data { rec, parts, apps }: Data) -> impl IntoView {
    let s = rec.standard;
    // The latest number issued for the standard (a re-submission gets a new one).
    let app = apps.iter().max_by(|a, b| (&a.date, &a.meta.created).cmp(&(&b.date, &b.meta.created))).cloned();
    let number = app.as_ref().map_or(BLANK.to_string(), |a| a.number.clone());
    let received = app.as_ref().map_or(BLANK.to_string(), |a| thai_date(&a.date));
    let office = app.as_ref().map_or(BLANK.to_string(), |a| format!("จังหวัด{}", crate::domain::provinces::name(&a.office)));
    let missing = parts.iter().filter(|p| !p.filled()).count();
    view! {
        {print_button()}
        <div class="report s26-form" data-testid="s26-request">
            <p class="s26-form-code">"แบบ รมฐ.1"</p>
            <table class="grid s26-form-office">
                <tr><th>"เลขที่รับ"</th><td data-testid="s26-request-number">{number}</td></tr>
                <tr><th>"วันที่รับ"</th><td>{received}</td></tr>
                <tr><th>"ผู้รับคำขอ"</th><td>{BLANK}</td></tr>
            </table>
            <h1>"คำขอให้รับรองมาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
            <p class="meta">"ตามพระราชบัญญัติส่งเสริมการพัฒนาฝีมือแรงงาน พ.ศ. 2545"</p>
            <p>{format!("ยื่นต่อ หน่วยงานของกรมพัฒนาฝีมือแรงงาน {office}")}</p>
            <p>"วันที่ .......... เดือน ....................... พ.ศ. ..........."</p>
            <p>{format!("1. ข้าพเจ้า {} (ผู้ยื่นคำขอ) ขอยื่นคำขอให้รับรองมาตรฐานฝีมือแรงงานตามมาตรา 26", or_blank(&s.applicant))}</p>
            <p class="s26-form-indent">{format!("สาขาอาชีพ{} สาขา{} ระดับ {}", or_blank(&s.occupation), or_blank(&s.branch), s.level)}</p>
            <p>"2. พร้อมคำขอนี้ ข้าพเจ้าได้แนบเอกสารและหลักฐานประกอบการพิจารณา ดังนี้"</p>
            <ol class="s26-form-attachments" data-testid="s26-request-attachments">
                <li>{format!("2.1 มาตรฐานฝีมือแรงงาน (คู่มือวิธีการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26) จำนวน 1 เล่ม จำนวน {BLANK} แผ่น ตามรายการด้านหลังแบบนี้ 19 รายการ")}</li>
                {ATTACHMENTS.iter().map(|(n, text)| view! { <li>{format!("{n} {text}")} " ........................................"</li> }).collect_view()}
            </ol>
            <p>"ข้าพเจ้าขอรับรองว่าข้อความและเอกสารหลักฐานที่ยื่นพร้อมคำขอนี้เป็นความจริงทุกประการ"</p>
            <div class="signatures">
                <p>"ลงชื่อ .............................................. ผู้ยื่นคำขอ"<br/>"( .............................................. )"<br/>"ตำแหน่ง .............................................."</p>
            </div>
        </div>
        <div class="report s26-form s26-form-back page-break" data-testid="s26-request-back">
            <h2>"รายการของมาตรฐานฝีมือแรงงาน (ด้านหลังแบบ รมฐ.1)"</h2>
            <p class="meta">{format!("สาขาอาชีพ{} สาขา{} ระดับ {}", or_blank(&s.occupation), or_blank(&s.branch), s.level)}</p>
            <p>"ข้อ 2.1 คู่มือวิธีการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26 ต้องมีรายละเอียดครบ 19 รายการ ดังนี้"</p>
            <table class="grid s26-form-parts">
                <thead><tr><th>"รายการ"</th><th>"ชื่อรายการ"</th><th>"มี/ไม่มี"</th><th>"หมายเหตุ (จากข้อมูลในโปรแกรม)"</th></tr></thead>
                <tbody>{parts.iter().map(|p| view! {
                    <tr class=if p.filled() { "" } else { "bad" }>
                        <td class="n">{format!("({})", p.number)}</td>
                        <td>{p.title}</td>
                        <td>{if p.filled() { "มี" } else { "ยังไม่ครบ" }}</td>
                        <td>{p.missing.join("; ")}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
            <p data-testid="s26-request-summary">{if missing == 0 { "ครบทั้ง 19 รายการ".to_string() } else { format!("ยังไม่ครบ {missing} รายการ") }}</p>
        </div>
    }
}

#[component]
pub fn Check(id: String) -> impl IntoView {
    loaded(data(id), |d| check(d).into_any())
}

fn check(Data { rec, parts, apps }: Data) -> impl IntoView {
    let s = rec.standard;
    let number = apps.iter().max_by(|a, b| (&a.date, &a.meta.created).cmp(&(&b.date, &b.meta.created))).map_or(BLANK.to_string(), |a| a.number.clone());
    let ticked = s.office_check.ticked.len();
    view! {
        {print_button()}
        <div class="report s26-form" data-testid="s26-check">
            <p class="s26-form-code">"แบบ รมฐ.2"</p>
            <h1>"แบบตรวจคำขอรับรองมาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
            <p class="meta">{format!("คำขอเลขที่ {number} · ผู้ยื่นคำขอ {}", or_blank(&s.applicant))}</p>
            <p class="meta">{format!("สาขาอาชีพ{} สาขา{} ระดับ {}", or_blank(&s.occupation), or_blank(&s.branch), s.level)}</p>
            <table class="grid s26-form-check">
                <thead><tr><th>"ลำดับ"</th><th>"รายการตรวจ"</th><th>"ถูกต้องครบถ้วน"</th><th>"ข้อสังเกตจากโปรแกรม"</th></tr></thead>
                <tbody>{CHECK_ITEMS.iter().enumerate().map(|(i, (text, _))| {
                    let n = i as u8 + 1;
                    let gaps = check_item_gaps(i, &parts).into_iter().map(|(p, m)| format!("({p}) {m}")).collect::<Vec<_>>().join("; ");
                    view! {
                        <tr>
                            <td class="n">{n}</td>
                            <td>{*text}</td>
                            <td class="s26-tick" data-testid=format!("s26-check-print-{n}")>{if s.office_check.is_ticked(n) { "☑" } else { "☐" }}</td>
                            <td>{gaps}</td>
                        </tr>
                    }
                }).collect_view()}</tbody>
            </table>
            <p data-testid="s26-check-summary">{format!("ตรวจแล้วถูกต้อง {ticked} จาก {} รายการ", CHECK_ITEMS.len())}</p>
            <p>{format!("ผลการตรวจ: {}", or_blank(&s.office_check.note))}</p>
            <div class="signatures">
                <p>"ลงชื่อ .............................................. ผู้ตรวจ"<br/>"( .............................................. )"<br/>"วันที่ .......... เดือน ....................... พ.ศ. ..........."</p>
            </div>
        </div>
    }
}
