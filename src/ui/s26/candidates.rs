//! The candidates of a session with their eligibility on the test date (shown before any marking): adding one,
//! editing one's details with the same checks (`candidates::check_person`: check digit, a real date of birth shown in
//! พ.ศ., whole months of experience, a number no other candidate has), and removing one who has no marks yet.
//! The form's collapsible "ใบสมัคร (แบบ รมฐ. 7)" part holds the application (`domain::section26::applicant`) with its
//! education and work rows (added and removed, keyed so a removed row takes only its own boxes); the months of
//! experience computed from the work rows are shown as they are typed and replace the typed months. Each candidate
//! links to their printed application, and the section to a blank one.

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::section26::applicant::{ApplicantForm, EducationForm, WorkForm, TITLES};
use crate::domain::section26::candidates::{check_person, eligibility, Person, PersonForm};
use crate::domain::section26::marks::check_removable;
use crate::domain::section26::records::CandidateRecord;
use crate::routes::S26PrintRoute;
use crate::store::{new_meta, now_iso};

use super::{put_saved, thai_date, SessionData};
use crate::ui::error::{message, outcome, Outcome, PageError};
use crate::ui::state::AppState;
use crate::ui::widgets::thai_date_input;

/// A change to the session's candidates; each ends in the card's one message.
#[derive(Clone)]
enum Change {
    /// Add the typed form (or the date box's refusal).
    Add(Result<PersonForm, String>),
    /// Save the typed form over a candidate.
    Edit(Box<CandidateRecord>, Result<PersonForm, String>),
    /// Remove a confirmed candidate (its number), or refuse (a candidate with marks).
    Remove(String, Result<String, PageError>),
}

/// The candidate form. `prefix` names its boxes' test ids (`<prefix>-number`, …); `save` gets the typed form, or
/// the date box's refusal when the date of birth typed is not a date.
fn person_form(
    initial: PersonForm,
    conditions: Vec<String>,
    prefix: &'static str,
    button: (&'static str, &'static str),
    save: impl Fn(Result<PersonForm, String>) + 'static,
) -> impl IntoView {
    let form = RwSignal::new(initial.clone());
    let birth_refused = RwSignal::new(None::<String>);
    let date_refused = RwSignal::new(None::<String>);
    let field = move |label: &'static str, key: &'static str, mode: &'static str, value: String, set: fn(&mut PersonForm, String)| {
        view! {
            <label class="field"><span>{label}</span>
                <input type="text" inputmode=mode value=value data-testid=format!("{prefix}-{key}")
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)); }/>
            </label>
        }
    };
    let n = conditions.len();
    view! {
        <form on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            save(match (birth_refused.get_untracked(), date_refused.get_untracked()) {
                (Some(e), _) | (_, Some(e)) => Err(e),
                _ => Ok(form.get_untracked()),
            });
        }>
            <div class="fields">
                {field("หมายเลข", "number", "text", initial.number, |f, v| f.number = v)}
                {field("ชื่อ-สกุล", "name", "text", initial.name, |f, v| f.name = v)}
                {field("เลขประจำตัวประชาชน", "id", "numeric", initial.national_id, |f, v| f.national_id = v)}
                {thai_date_input("วันเกิด", initial.birth, format!("{prefix}-birth"), move |d| match d {
                    Ok(iso) => {
                        birth_refused.set(None);
                        form.update(|f| f.birth = iso);
                    }
                    Err(e) => birth_refused.set(Some(e)),
                })}
                <p class="note" data-testid=format!("{prefix}-birth-be")>{move || form.with(|f| if f.birth.is_empty() { String::new() } else { format!("เกิด {}", thai_date(&f.birth)) })}</p>
                {field("ประสบการณ์ (เดือน)", "months", "numeric", initial.experience_months, |f, v| f.experience_months = v)}
                {conditions.into_iter().enumerate().map(|(i, c)| view! {
                    <label class="check"><input type="checkbox" checked=initial.conditions.get(i).copied().unwrap_or(false) on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        form.update(|f| { f.conditions.resize(n, false); f.conditions[i] = on; });
                    }/>" " {c}</label>
                }).collect_view()}
            </div>
            {application(form, &initial.application, prefix, date_refused)}
            <button type="submit" data-testid=button.1>{button.0}</button>
        </form>
    }
}

/// A row of an application table: its label and test-id key, and the text of the row it edits.
type Column<R> = (&'static str, &'static str, fn(&mut R) -> &mut String);

const EDUCATION: &[Column<EducationForm>] = &[
    ("ระดับการศึกษา", "level", |r| &mut r.level),
    ("สาขาวิชา", "field", |r| &mut r.field),
    ("สถาบันการศึกษา", "institution", |r| &mut r.institution),
    ("ปี พ.ศ. ที่จบ", "year", |r| &mut r.year),
];
const WORK: &[Column<WorkForm>] = &[
    ("ตั้งแต่ (ด/ปี พ.ศ.)", "from", |r| &mut r.from),
    ("ถึง (ว่าง = ปัจจุบัน)", "to", |r| &mut r.to),
    ("สถานที่ทำงาน", "workplace", |r| &mut r.workplace),
    ("ตำแหน่ง", "position", |r| &mut r.position),
    ("ลักษณะงานหลัก", "duties", |r| &mut r.duties),
];

/// An editable table of the application (`list` picks it from the form): rows keyed by an id made here, so removing a
/// row removes its own boxes and keeps what was typed in the others.
fn rows_table<R: Clone + Default + Send + Sync + 'static>(
    form: RwSignal<PersonForm>,
    testid: String,
    title: &'static str,
    list: fn(&mut ApplicantForm) -> &mut Vec<R>,
    columns: &'static [Column<R>],
) -> impl IntoView {
    let read = move |p: usize| form.with_untracked(|f| list(&mut f.application.clone()).get(p).cloned());
    let count = form.with_untracked(|f| list(&mut f.application.clone()).len()) as u32;
    let ids = RwSignal::new((0..count).collect::<Vec<u32>>());
    let next = StoredValue::new(count);
    let place = move |k: u32| ids.with_untracked(|v| v.iter().position(|x| *x == k));
    let row_id = testid.clone();
    let row = move |i: ReadSignal<usize>, k: u32| {
        let initial = place(k).and_then(read).unwrap_or_default();
        let cells = columns
            .iter()
            .map(|(label, key, cell)| {
                let cell = *cell;
                let value = cell(&mut initial.clone()).clone();
                view! { <td><input type="text" value=value aria-label=move || format!("{title} แถว {} {label}", i.get() + 1)
                    data-testid=format!("{row_id}-{key}") on:input=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(p) = place(k) {
                            form.update(|f| if let Some(r) = list(&mut f.application).get_mut(p) { *cell(r) = v; });
                        }
                    }/></td> }
            })
            .collect_view();
        view! { <tr data-testid=format!("{row_id}-row")>
            <td class="n">{move || i.get() + 1}</td>
            {cells}
            <td><button type="button" class="secondary" data-testid=format!("{row_id}-remove") on:click=move |_| if let Some(p) = place(k) {
                form.update(|f| { list(&mut f.application).remove(p); });
                ids.update(|v| { v.remove(p); });
            }>"ลบแถว"</button></td>
        </tr> }
    };
    view! {
        <h4>{title}</h4>
        <div class="table-wrap"><table class="grid s26-app-rows" data-testid=testid.clone()>
            <thead><tr><th>"แถว"</th>{columns.iter().map(|(label, _, _)| view! { <th>{*label}</th> }).collect_view()}<th></th></tr></thead>
            <tbody><ForEnumerate each=move || ids.get() key=|k| *k children=row/></tbody>
        </table></div>
        <button type="button" class="secondary" data-testid=format!("{testid}-add") on:click=move |_| {
            let k = next.get_value();
            next.set_value(k + 1);
            form.update(|f| list(&mut f.application).push(R::default()));
            ids.update(|v| v.push(k));
        }>{format!("+ เพิ่มแถว{title}")}</button>
    }
}

/// The application part of the candidate form (แบบ รมฐ. 7), folded unless the candidate has one. `date_refused`
/// keeps the date box's refusal for the save.
fn application(form: RwSignal<PersonForm>, initial: &ApplicantForm, prefix: &'static str, date_refused: RwSignal<Option<String>>) -> impl IntoView {
    let text = move |label: &'static str, key: &'static str, mode: &'static str, value: &String, set: fn(&mut ApplicantForm, String)| {
        view! {
            <label class="field"><span>{label}</span>
                <input type="text" inputmode=mode value=value.clone() data-testid=format!("{prefix}-app-{key}")
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(&mut f.application, v)); }/>
            </label>
        }
    };
    let check = move |label: &'static str, key: &'static str, on: bool, set: fn(&mut ApplicantForm, bool)| view! {
        <label class="check"><input type="checkbox" checked=on data-testid=format!("{prefix}-app-{key}")
            on:change=move |ev| { let on = event_target_checked(&ev); form.update(|f| set(&mut f.application, on)); }/>" " {label}</label>
    };
    let a = initial;
    let ad = &a.address;
    let title = a.title.clone();
    let months = move || match form.with(|f| f.application.months()) {
        Ok(None) => None,
        Ok(Some(m)) => Some(view! { <p class="note ok" data-testid=format!("{prefix}-app-months")>{format!("ประสบการณ์จากประวัติการทำงาน {m} เดือน (ใช้แทนช่องประสบการณ์ (เดือน))")}</p> }.into_any()),
        Err(e) => Some(view! { <p class="note bad" data-testid=format!("{prefix}-app-months")>{e}</p> }.into_any()),
    };
    view! {
        <details class="s26-app-edit" open=!a.is_blank() data-testid=format!("{prefix}-app")>
            <summary>"ใบสมัคร (แบบ รมฐ. 7)"</summary>
            <div class="fields s26-app-fields">
                <label class="field"><span>"คำนำหน้าชื่อ"</span>
                    <select data-testid=format!("{prefix}-app-title") on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.application.title = v); }>
                        <option value="" selected=title.is_empty()>"–"</option>
                        {TITLES.map(|t| view! { <option value=t selected=title == t>{t}</option> }).to_vec()}
                    </select>
                </label>
                {thai_date_input("วันที่สมัคร", a.date.clone(), format!("{prefix}-app-date"), move |d| match d {
                    Ok(iso) => {
                        date_refused.set(None);
                        form.update(|f| f.application.date = iso);
                    }
                    Err(e) => date_refused.set(Some(e)),
                })}
                {text("สัญชาติ", "nationality", "text", &a.nationality, |f, v| f.nationality = v)}
                {text("ศาสนา", "religion", "text", &a.religion, |f, v| f.religion = v)}
                {text("บ้านเลขที่", "house", "text", &ad.house, |f, v| f.address.house = v)}
                {text("หมู่ที่", "moo", "numeric", &ad.moo, |f, v| f.address.moo = v)}
                {text("ซอย", "soi", "text", &ad.soi, |f, v| f.address.soi = v)}
                {text("ถนน", "road", "text", &ad.road, |f, v| f.address.road = v)}
                {text("แขวง/ตำบล", "subdistrict", "text", &ad.subdistrict, |f, v| f.address.subdistrict = v)}
                {text("เขต/อำเภอ", "district", "text", &ad.district, |f, v| f.address.district = v)}
                {text("จังหวัด", "province", "text", &ad.province, |f, v| f.address.province = v)}
                {text("รหัสไปรษณีย์", "postcode", "numeric", &ad.postcode, |f, v| f.address.postcode = v)}
                {text("โทรศัพท์มือถือ", "mobile", "tel", &a.mobile, |f, v| f.mobile = v)}
                {text("อีเมล", "email", "email", &a.email, |f, v| f.email = v)}
            </div>
            {rows_table(form, format!("{prefix}-app-edu"), "ประวัติการศึกษา", |a| &mut a.education, EDUCATION)}
            {rows_table(form, format!("{prefix}-app-work"), "ประวัติการทำงาน", |a| &mut a.work, WORK)}
            {months}
            <p class="note">"ระยะเวลานับทั้งเดือนแรกและเดือนสุดท้าย ช่วงที่ซ้อนกันนับครั้งเดียว ช่อง “ถึง” ว่าง = ถึงวันที่สมัคร"</p>
            <h4>"เอกสารประกอบการสมัคร"</h4>
            {check("สำเนาบัตรประจำตัวประชาชน", "id-copy", a.id_copy, |f, on| f.id_copy = on)}
            {check("รูปถ่าย 1 นิ้ว", "photo", a.photo, |f, on| f.photo = on)}
            {check("หลักฐานแสดงคุณสมบัติ", "evidence", a.evidence, |f, on| f.evidence = on)}
        </details>
    }
}

/// Checks the form against the session's candidates other than `except` (the one edited).
fn check(data: RwSignal<SessionData>, form: &PersonForm, except: Option<&str>) -> Result<Person, String> {
    data.with_untracked(|d| {
        let others: Vec<&Person> = d.candidates.iter().filter(|c| Some(c.meta.id.as_str()) != except).map(|c| &c.person).collect();
        check_person(form, &others)
    })
}

/// The add form, rebuilt (so its boxes start empty again) each time `round` moves: after each add.
fn add_form(data: RwSignal<SessionData>, round: RwSignal<u32>, change: Action<Change, Outcome>) -> impl IntoView {
    let conditions = data.with_untracked(|d| d.standard.standard.conditions.clone());
    let blank = PersonForm { conditions: vec![false; conditions.len()], ..Default::default() };
    move || {
        round.track();
        let save = move |form: Result<PersonForm, String>| {
            change.dispatch_local(Change::Add(form));
        };
        untrack(|| person_form(blank.clone(), conditions.clone(), "s26-cand", ("เพิ่มผู้เข้าทดสอบ", "s26-cand-add"), save))
    }
}

/// The edit form of the candidate being edited, if any.
fn edit_form(data: RwSignal<SessionData>, editing: RwSignal<Option<String>>, change: Action<Change, Outcome>) -> impl IntoView {
    move || {
        let id = editing.get()?;
        let (rec, conditions) = untrack(|| data.with(|d| (d.candidates.iter().find(|c| c.meta.id == id).cloned(), d.standard.standard.conditions.clone())));
        let rec = rec?;
        let title = format!("แก้ไขข้อมูลผู้เข้าทดสอบหมายเลข {}", rec.person.number);
        let form = PersonForm::of(&rec.person);
        let save = move |form: Result<PersonForm, String>| {
            change.dispatch_local(Change::Edit(Box::new(rec.clone()), form));
        };
        Some(untrack(|| view! {
            <div class="s26-edit" data-testid="s26-edit">
                <h3>{title}</h3>
                {person_form(form, conditions, "s26-edit", ("บันทึกการแก้ไข", "s26-edit-save"), save)}
                <button type="button" class="secondary" data-testid="s26-edit-cancel" on:click=move |_| editing.set(None)>"ยกเลิก"</button>
            </div>
        }))
    }
}

/// Asks to remove a candidate: refused (in the card's message) when they have marks; removed after the user confirms.
fn ask_remove(data: RwSignal<SessionData>, id: String, change: Action<Change, Outcome>) {
    let found = data.with_untracked(|d| {
        let c = d.candidates.iter().find(|c| c.meta.id == id)?;
        Some(check_removable(&id, &c.person.number, &d.marks).map(|()| (c.person.number.clone(), c.person.name.clone())))
    });
    let checked = match found {
        None => return,
        Some(Err(e)) => Err(e.into()),
        Some(Ok((number, name))) => {
            if !window().confirm_with_message(&format!("ลบผู้เข้าทดสอบหมายเลข {number} {name} และคำตอบภาคความรู้ของผู้นี้?")).unwrap_or(false) {
                return;
            }
            Ok(number)
        }
    };
    change.dispatch_local(Change::Remove(id, checked));
}

pub fn candidates(data: RwSignal<SessionData>, selected: RwSignal<Option<String>>) -> impl IntoView {
    let state = AppState::get();
    let editing = RwSignal::new(None::<String>);
    let round = RwSignal::new(0u32);
    let change = page_action(move |change: &Change| {
        let change = change.clone();
        async move {
            match change {
                Change::Add(form) => {
                    let person = form.and_then(|form| check(data, &form, None))?;
                    let (org, session) = data.with_untracked(|d| (d.session.meta.org.clone(), d.session.meta.id.clone()));
                    let rec = CandidateRecord { meta: new_meta::<CandidateRecord>(&org), session, person, answers: vec![] };
                    put_saved(state, &rec).await?;
                    data.update(|d| d.candidates.push(rec));
                    round.update(|r| *r += 1);
                    Ok("เพิ่มผู้เข้าทดสอบแล้ว".into())
                }
                Change::Edit(rec, form) => {
                    let person = form.and_then(|form| check(data, &form, Some(&rec.meta.id)))?;
                    let mut updated = *rec;
                    updated.person = person;
                    updated.meta.touch(&now_iso());
                    put_saved(state, &updated).await?;
                    let number = updated.person.number.clone();
                    data.update(|d| if let Some(c) = d.candidates.iter_mut().find(|c| c.meta.id == updated.meta.id) { *c = updated; });
                    editing.set(None);
                    Ok(format!("บันทึกข้อมูลผู้เข้าทดสอบหมายเลข {number} แล้ว"))
                }
                Change::Remove(id, checked) => {
                    let number = checked?;
                    state.store().delete(&id).await?;
                    data.update(|d| d.candidates.retain(|c| c.meta.id != id));
                    if selected.get_untracked().as_deref() == Some(id.as_str()) {
                        selected.set(None);
                    }
                    if editing.get_untracked().as_deref() == Some(id.as_str()) {
                        editing.set(None);
                    }
                    Ok(format!("ลบผู้เข้าทดสอบหมายเลข {number} แล้ว"))
                }
            }
        }
    });
    view! {
        <section class="card" id="candidates">
            <h2>"ผู้เข้ารับการทดสอบและคุณสมบัติ"</h2>
            <p><a href=move || S26PrintRoute::Application(data.with(|d| d.session.meta.id.clone())).href() data-testid="s26-application-blank-link">
                "พิมพ์ใบสมัครเปล่า (แบบ รมฐ. 7)"</a></p>
            {add_form(data, round, change)}
            {message(outcome(change))}
            <table class="grid" data-testid="s26-candidates">
                <thead><tr><th>"หมายเลข"</th><th>"ชื่อ-สกุล"</th><th>"วันเกิด"</th><th>"อายุ ณ วันทดสอบ"</th><th>"คุณสมบัติ"</th><th></th></tr></thead>
                <tbody>{move || data.with(|d| d.candidates.iter().map(|c| {
                    let s = &d.standard.standard;
                    let conds: Vec<(String, bool)> = s.conditions.iter().enumerate()
                        .map(|(i, name)| (name.clone(), c.person.conditions.get(i).copied().unwrap_or(false))).collect();
                    let e = eligibility(&c.person.national_id, &c.person.birth, &d.session.date, c.person.experience(), s.required_experience_months, &conds);
                    let (mark_id, edit_id, remove_id) = (c.meta.id.clone(), c.meta.id.clone(), c.meta.id.clone());
                    let print = S26PrintRoute::CandidateApplication(c.meta.id.clone()).href();
                    let number = c.person.number.clone();
                    view! { <tr data-testid=format!("s26-cand-row-{number}")>
                        <td>{c.person.number.clone()}</td><td>{c.person.name.clone()}</td>
                        <td>{thai_date(&c.person.birth)}</td>
                        <td class="n">{e.age.map(|a| format!("{a} ปี")).unwrap_or_else(|| "–".into())}</td>
                        <td class=if e.eligible { "ok" } else { "bad" }>{if e.eligible { "มีสิทธิ์สอบ".to_string() } else { e.reasons.join("; ") }}</td>
                        <td class="actions">
                            <button type="button" class="secondary" data-testid=format!("s26-mark-{number}") on:click=move |_| {
                                selected.set(Some(mark_id.clone()));
                                if let Some(el) = document().get_element_by_id("marking") { el.scroll_into_view(); }
                            }>"ให้คะแนนภาคความสามารถ"</button>
                            <a class="button secondary" href=print data-testid=format!("s26-application-link-{number}")>"ใบสมัคร"</a>
                            <button type="button" class="secondary" data-testid=format!("s26-cand-edit-{number}") on:click=move |_| editing.set(Some(edit_id.clone()))>"แก้ไข"</button>
                            <button type="button" class="secondary" data-testid=format!("s26-cand-remove-{number}") aria-label=format!("ลบ ผู้เข้าทดสอบหมายเลข {number}")
                                on:click=move |_| ask_remove(data, remove_id.clone(), change)>"ลบ"</button>
                        </td>
                    </tr> }
                }).collect_view())}</tbody>
            </table>
            {edit_form(data, editing, change)}
        </section>
    }
}
