//! The candidates of a session with their eligibility on the test date (shown before any marking): adding one,
//! editing one's details with the same checks (`candidates::check_person`: check digit, a real date of birth shown in
//! พ.ศ., whole months of experience, a number no other candidate has), and removing one who has no marks yet.

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::section26::candidates::{check_person, eligibility, Person, PersonForm};
use crate::domain::section26::marks::check_removable;
use crate::domain::section26::records::CandidateRecord;
use crate::store::{new_meta, now_iso};

use super::{put_now, thai_date, SessionData};
use crate::ui::state::AppState;
use crate::ui::widgets::{message, thai_date_input};

type Msg = RwSignal<Option<Result<String, String>>>;

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
            save(match birth_refused.get_untracked() { Some(e) => Err(e), None => Ok(form.get_untracked()) });
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
            <button type="submit" data-testid=button.1>{button.0}</button>
        </form>
    }
}

/// Checks the form against the session's candidates other than `except` (the one edited).
fn check(data: RwSignal<SessionData>, form: &PersonForm, except: Option<&str>) -> Result<Person, String> {
    data.with_untracked(|d| {
        let others: Vec<&Person> = d.candidates.iter().filter(|c| Some(c.meta.id.as_str()) != except).map(|c| &c.person).collect();
        check_person(form, &others)
    })
}

fn add_form(data: RwSignal<SessionData>, msg: Msg) -> impl IntoView {
    let conditions = data.with_untracked(|d| d.standard.standard.conditions.clone());
    let blank = PersonForm { conditions: vec![false; conditions.len()], ..Default::default() };
    // Rebuilt after each add, so the boxes start empty again.
    let round = RwSignal::new(0u32);
    move || {
        round.track();
        let save = move |form: Result<PersonForm, String>| {
            let person = match form.and_then(|form| check(data, &form, None)) {
                Ok(p) => p,
                Err(e) => return msg.set(Some(Err(e))),
            };
            let (org, session) = data.with_untracked(|d| (d.session.meta.org.clone(), d.session.meta.id.clone()));
            let rec = CandidateRecord { meta: new_meta::<CandidateRecord>(&org), session, person, answers: vec![] };
            put_now(rec.clone(), move || {
                data.update(|d| d.candidates.push(rec));
                msg.set(Some(Ok("เพิ่มผู้เข้าทดสอบแล้ว".into())));
                round.update(|r| *r += 1);
            });
        };
        untrack(|| person_form(blank.clone(), conditions.clone(), "s26-cand", ("เพิ่มผู้เข้าทดสอบ", "s26-cand-add"), save))
    }
}

/// The edit form of the candidate being edited, if any.
fn edit_form(data: RwSignal<SessionData>, editing: RwSignal<Option<String>>, msg: Msg) -> impl IntoView {
    move || {
        let id = editing.get()?;
        let (rec, conditions) = untrack(|| data.with(|d| (d.candidates.iter().find(|c| c.meta.id == id).cloned(), d.standard.standard.conditions.clone())));
        let rec = rec?;
        let title = format!("แก้ไขข้อมูลผู้เข้าทดสอบหมายเลข {}", rec.person.number);
        let form = PersonForm::of(&rec.person);
        let save = move |form: Result<PersonForm, String>| {
            let person = match form.and_then(|form| check(data, &form, Some(&rec.meta.id))) {
                Ok(p) => p,
                Err(e) => return msg.set(Some(Err(e))),
            };
            let mut updated = rec.clone();
            updated.person = person;
            updated.meta.touch(&now_iso());
            put_now(updated.clone(), move || {
                let number = updated.person.number.clone();
                data.update(|d| if let Some(c) = d.candidates.iter_mut().find(|c| c.meta.id == updated.meta.id) { *c = updated; });
                editing.set(None);
                msg.set(Some(Ok(format!("บันทึกข้อมูลผู้เข้าทดสอบหมายเลข {number} แล้ว"))));
            });
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

/// Removes a candidate without marks, after the user confirms.
fn remove(data: RwSignal<SessionData>, id: String, selected: RwSignal<Option<String>>, editing: RwSignal<Option<String>>, msg: Msg) {
    let state = AppState::get();
    let found = data.with_untracked(|d| {
        let c = d.candidates.iter().find(|c| c.meta.id == id)?;
        Some(check_removable(&id, &c.person.number, &d.marks).map(|()| (c.person.number.clone(), c.person.name.clone())))
    });
    let (number, name) = match found {
        None => return,
        Some(Err(e)) => return msg.set(Some(Err(e))),
        Some(Ok(v)) => v,
    };
    if !window().confirm_with_message(&format!("ลบผู้เข้าทดสอบหมายเลข {number} {name} และคำตอบภาคความรู้ของผู้นี้?")).unwrap_or(false) {
        return;
    }
    spawn_local(async move {
        match state.store().delete(&id).await {
            Ok(()) => {
                data.update(|d| d.candidates.retain(|c| c.meta.id != id));
                if selected.get_untracked().as_deref() == Some(id.as_str()) {
                    selected.set(None);
                }
                if editing.get_untracked().as_deref() == Some(id.as_str()) {
                    editing.set(None);
                }
                msg.set(Some(Ok(format!("ลบผู้เข้าทดสอบหมายเลข {number} แล้ว"))));
            }
            Err(e) => msg.set(Some(Err(e.to_string()))),
        }
    });
}

pub fn candidates(data: RwSignal<SessionData>, selected: RwSignal<Option<String>>) -> impl IntoView {
    let msg = RwSignal::new(None::<Result<String, String>>);
    let editing = RwSignal::new(None::<String>);
    view! {
        <section class="card" id="candidates">
            <h2>"ผู้เข้ารับการทดสอบและคุณสมบัติ"</h2>
            {add_form(data, msg)}
            {message(msg)}
            <table class="grid" data-testid="s26-candidates">
                <thead><tr><th>"หมายเลข"</th><th>"ชื่อ-สกุล"</th><th>"วันเกิด"</th><th>"อายุ ณ วันทดสอบ"</th><th>"คุณสมบัติ"</th><th></th></tr></thead>
                <tbody>{move || data.with(|d| d.candidates.iter().map(|c| {
                    let s = &d.standard.standard;
                    let conds: Vec<(String, bool)> = s.conditions.iter().enumerate()
                        .map(|(i, name)| (name.clone(), c.person.conditions.get(i).copied().unwrap_or(false))).collect();
                    let e = eligibility(&c.person.national_id, &c.person.birth, &d.session.date, c.person.experience_months, s.required_experience_months, &conds);
                    let (mark_id, edit_id, remove_id) = (c.meta.id.clone(), c.meta.id.clone(), c.meta.id.clone());
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
                            <button type="button" class="secondary" data-testid=format!("s26-cand-edit-{number}") on:click=move |_| editing.set(Some(edit_id.clone()))>"แก้ไข"</button>
                            <button type="button" class="secondary" data-testid=format!("s26-cand-remove-{number}") aria-label=format!("ลบ ผู้เข้าทดสอบหมายเลข {number}")
                                on:click=move |_| remove(data, remove_id.clone(), selected, editing, msg)>"ลบ"</button>
                        </td>
                    </tr> }
                }).collect_view())}</tbody>
            </table>
            {edit_form(data, editing, msg)}
        </section>
    }
}
