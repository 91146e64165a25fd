//! The printed application (ใบสมัครเข้ารับการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26, แบบ รมฐ. 7) laid out as the seed's
//! form on one A4 page (two when the tables are long): photo box, personal details on dotted lines, the national ID in
//! boxes, the education and work tables, the declaration, the attachments with ☐ boxes and the signature lines of the
//! applicant and the document checker. Blank for a session (to hand out), or filled with one candidate's application
//! (`domain::section26::applicant`), the months of experience computed from the work rows.

use leptos::prelude::*;
use crate::ui::data::loaded;

use crate::domain::section26::applicant::{month_text, name_parts, work_months, Applicant, Education, Work};
use crate::domain::section26::candidates::{age_on, Date};
use crate::domain::section26::records::{CandidateRecord, SessionRecord, StandardRecord};
use crate::routes::{S26Route, S26SessionRoute};

use super::{load_standard, thai_date};
use crate::ui::data::page_data;
use crate::ui::error::PageError;

/// Rows printed in a blank table (and the least a filled one shows).
const EDUCATION_ROWS: usize = 3;
const WORK_ROWS: usize = 4;

type Data = (StandardRecord, Option<SessionRecord>, Option<CandidateRecord>);

/// Whose form: blank for a standard or for the candidates of a session, or one candidate's, filled.
#[derive(Clone)]
enum Whose {
    Standard(String),
    Session(String),
    Candidate(String),
}

/// A blank form for the candidates of session `id`.
#[component]
pub fn BlankApplication(id: String) -> impl IntoView {
    application(Whose::Session(id))
}

/// A blank form for standard `id` (its name and level printed, no session yet).
#[component]
pub fn StandardApplication(id: String) -> impl IntoView {
    application(Whose::Standard(id))
}

/// Candidate `id`'s form, filled.
#[component]
pub fn CandidateApplication(id: String) -> impl IntoView {
    application(Whose::Candidate(id))
}

/// Both pages through one loader.
fn application(whose: Whose) -> impl IntoView {
    let data = page_data(move |store| {
        let whose = whose.clone();
        async move {
            let (session, candidate) = match whose {
                Whose::Standard(id) => return Ok::<Data, PageError>((load_standard(&store, &id).await?, None, None)),
                Whose::Session(id) => (id, None),
                Whose::Candidate(id) => {
                    let c = store.get::<CandidateRecord>(&id).await?.ok_or_else(|| format!("ไม่พบผู้เข้าทดสอบ {id}"))?;
                    (c.session.clone(), Some(c))
                }
            };
            let session = store.get::<SessionRecord>(&session).await?.ok_or_else(|| format!("ไม่พบรอบทดสอบ {session}"))?;
            let standard = load_standard(&store, &session.standard).await?;
            Ok::<Data, PageError>((standard, Some(session), candidate))
        }
    });
    loaded(data, form)
}

/// A dotted line holding `text` (blank when empty), at least `em` wide.
fn fill(text: impl Into<String>, em: u32) -> impl IntoView {
    let text = text.into();
    view! { <span class="fill" style=format!("min-width:{em}em")>{if text.trim().is_empty() { "\u{a0}".to_string() } else { text }}</span> }
}

fn tick(on: bool) -> &'static str {
    if on { "☑" } else { "☐" }
}

/// A date as the form's `วัน / เดือน / ปี` line: `10 / มกราคม / 2564`, or dotted blanks.
fn date_line(iso: &str) -> String {
    match Date::parse("", iso) {
        Ok(d) => d.thai().replacen(' ', " / ", 2),
        Err(_) => "........../......................./...............".into(),
    }
}

fn form((rec, session, candidate): Data) -> AnyView {
    let s = &rec.standard;
    let person = candidate.as_ref().map(|c| c.person.clone()).unwrap_or_default();
    let a: Applicant = person.application.clone().unwrap_or_default();
    let filled = candidate.is_some();
    let (first, last) = name_parts(&person.name, &a.title);
    let id_digits: Vec<char> = if person.national_id.len() == 13 { person.national_id.chars().collect() } else { vec![' '; 13] };
    // The ID in boxes grouped as printed on the card: 1-4-5-2-1.
    let id_boxes = [0..1, 1..5, 5..10, 10..12, 12..13]
        .into_iter()
        .map(|r| view! { <span class="id-group">{id_digits[r].iter().map(|d| view! { <span class="box">{d.to_string()}</span> }).collect_view()}</span> })
        .collect_view();
    let birth = Date::parse("", &person.birth).ok();
    let age = match (birth, Date::parse("", &a.date)) {
        (Some(b), Ok(on)) => age_on(b, on).to_string(),
        _ => String::new(),
    };
    let title_choice = ["นาย", "นาง", "นางสาว"]
        .into_iter()
        .map(|t| format!("{} {t}", tick(filled && a.title == t)))
        .collect::<Vec<_>>()
        .join(" ");
    let ad = a.address.clone();
    let education_rows = padded(a.education.clone(), EDUCATION_ROWS);
    let work_rows = padded(a.work.clone(), WORK_ROWS);
    let months = (!a.work.is_empty()).then(|| work_months(&a.work, &a.date));
    let mut evidence = vec!["หลักฐานแสดงคุณสมบัติตามที่มาตรฐานกำหนด".to_string()];
    if s.required_experience_months > 0 {
        evidence.push(format!("ประสบการณ์ทำงานในสาขาอาชีพไม่น้อยกว่า {} เดือน (หนังสือรับรองการทำงาน)", s.required_experience_months));
    }
    evidence.extend(s.conditions.iter().map(|c| c.trim().to_string()).filter(|c| !c.is_empty()));
    let signer = if filled { format!("( {} )", person.name.trim()) } else { "(..............................................)".into() };
    let (back, back_label) = match &session {
        Some(session) => (S26SessionRoute::Session(session.meta.id.clone()).href(), "กลับไปรอบทดสอบ"),
        None => (S26Route::Standard(rec.meta.id.clone()).href(), "กลับไปแก้ไขมาตรฐาน"),
    };
    let when = match &session {
        Some(session) => format!("วันทดสอบ {} {}", thai_date(&session.date), session.place.trim()),
        None => "วันทดสอบ .............................................. สถานที่ทดสอบ ..............................................".into(),
    };
    let testid = if filled { "s26-application-filled" } else { "s26-application-blank" };
    view! {
        <p class="no-print">
            <button type="button" data-testid="s26-application-print" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button>
            " " <a href=back>{back_label}</a>
        </p>
        <div class="report s26-app" data-testid=testid>
            <p class="s26-app-form">"แบบ รมฐ. 7"</p>
            <div class="s26-app-photo">"รูปถ่าย" <br/> "1 นิ้ว"</div>
            <h1>"ใบสมัครเข้ารับการทดสอบ" <br/> "มาตรฐานฝีมือแรงงานตามมาตรา 26"</h1>
            <p class="meta">"แห่งพระราชบัญญัติส่งเสริมการพัฒนาฝีมือแรงงาน พ.ศ. 2545"</p>
            <p class="meta">{format!("สาขาอาชีพ{}", s.title())}</p>
            <p class="meta">{when}</p>
            <h2>"ประวัติส่วนตัว"</h2>
            <p>"ชื่อ (" {title_choice} ") " {fill(first, 12)} " นามสกุล " {fill(last, 12)}</p>
            <p>"เลขที่บัตรประจำตัวประชาชน " <span class="s26-app-id">{id_boxes}</span></p>
            <p>"วัน/เดือน/ปีเกิด " {fill(birth.map(|b| b.thai()).unwrap_or_default(), 10)} " อายุ " {fill(age, 3)} " ปี สัญชาติ "
                {fill(a.nationality.clone(), 6)} " ศาสนา " {fill(a.religion.clone(), 6)}</p>
            <p>"ที่อยู่ปัจจุบัน บ้านเลขที่ " {fill(ad.house.clone(), 5)} " หมู่ที่ " {fill(ad.moo.clone(), 3)} " ซอย " {fill(ad.soi.clone(), 8)}
                " ถนน " {fill(ad.road.clone(), 10)}</p>
            <p>"แขวง/ตำบล " {fill(ad.subdistrict.clone(), 7)} " เขต/อำเภอ " {fill(ad.district.clone(), 7)} " จังหวัด " {fill(ad.province.clone(), 7)}
                " รหัสไปรษณีย์ " {fill(ad.postcode.clone(), 4)}</p>
            <p>"โทรศัพท์มือถือ " {fill(a.mobile.clone(), 10)} " Email " {fill(a.email.clone(), 18)}</p>
            <h2>"ประวัติการศึกษา"</h2>
            <table class="grid s26-app-table" data-testid="s26-application-education">
                <thead><tr><th>"ระดับการศึกษา"</th><th>"สาขาวิชา"</th><th>"สถาบันการศึกษา"</th><th>"ปี พ.ศ. ที่จบ"</th></tr></thead>
                <tbody>{education_rows.into_iter().map(education_row).collect_view()}</tbody>
            </table>
            <h2>"ประสบการณ์การทำงาน"</h2>
            <table class="grid s26-app-table" data-testid="s26-application-work">
                <thead>
                    <tr><th colspan="2">"ระยะเวลา (เดือน-ปี)"</th><th rowspan="2">"สถานที่ทำงาน"</th><th rowspan="2">"ตำแหน่ง"</th><th rowspan="2">"ลักษณะงานหลัก"</th></tr>
                    <tr><th>"ตั้งแต่"</th><th>"ถึง"</th></tr>
                </thead>
                <tbody>{work_rows.into_iter().map(|w| work_row(w, &a.date)).collect_view()}</tbody>
                {months.map(|m| view! {
                    <tfoot><tr><td colspan="5" data-testid="s26-application-months">{match m {
                        Ok(m) => format!("รวมประสบการณ์ {m} เดือน (นับเดือนแรกและเดือนสุดท้าย ช่วงที่ซ้อนกันนับครั้งเดียว)"),
                        Err(e) => e,
                    }}</td></tr></tfoot>
                })}
            </table>
            <p class="s26-app-declare">"ข้าพเจ้าขอรับรองว่าข้อความข้างต้นเป็นจริงทุกประการ และได้แนบหลักฐานประกอบการสมัครมาด้วยแล้ว"</p>
            <h2>"เอกสารประกอบการสมัคร"</h2>
            <ul class="s26-app-attach">
                <li>{tick(a.id_copy)} " สำเนาบัตรประจำตัวประชาชน/พนักงาน ที่มีเลขที่บัตรประจำตัวประชาชน พร้อมรับรองสำเนาถูกต้อง"</li>
                <li>{tick(a.photo)} " รูปถ่าย 1 นิ้ว จำนวน 1 รูป"</li>
                <li>{tick(a.evidence)} " " {evidence.join(" · ")}</li>
            </ul>
            <div class="s26-app-signs">
                <div class="signature">
                    <p>"ลงชื่อ ............................................ ผู้ยื่นคำขอ"</p>
                    <p>{signer}</p>
                    <p>{date_line(&a.date)}</p>
                </div>
                <div class="signature">
                    <p>"ลงชื่อ ............................................ ผู้ตรวจสอบเอกสาร"</p>
                    <p>"(..............................................)"</p>
                    <p>{date_line("")}</p>
                </div>
            </div>
        </div>
    }
    .into_any()
}

/// The rows, then empty ones up to `least`.
fn padded<T: Default>(mut rows: Vec<T>, least: usize) -> Vec<T> {
    while rows.len() < least {
        rows.push(T::default());
    }
    rows
}

fn education_row(e: Education) -> impl IntoView {
    view! { <tr><td>{e.level}</td><td>{e.field}</td><td>{e.institution}</td><td class="n">{e.year.map(|y| y.to_string())}</td></tr> }
}

fn work_row(w: Work, date: &str) -> impl IntoView {
    let from = if w.from.is_empty() { String::new() } else { month_text(&w.from) };
    let to = match (w.from.is_empty(), w.to.is_empty()) {
        (true, _) => String::new(),
        (false, true) => format!("ปัจจุบัน ({})", date.get(..7).map(month_text).unwrap_or_default()),
        (false, false) => month_text(&w.to),
    };
    view! { <tr><td class="n">{from}</td><td class="n">{to}</td><td>{w.workplace}</td><td>{w.position}</td><td>{w.duties}</td></tr> }
}
