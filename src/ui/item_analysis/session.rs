//! Item analysis of a Section 26 test session: the session's knowledge answers against its frozen key, grouped
//! upper/lower (25 % or 27 %) or by the certificate model's actual decisions (candidates whose result is not final
//! are left out, and the page says who). Live, not stored: the analysis and its report are recomputed from the
//! session's records every time they open (and after an import), so they can never show a stale copy; the page says
//! when it was computed. The method is part of the address, so a reload or the report keeps it.
//!
//! `SessionList` lists the stored sessions on the item-analysis home page.

use std::sync::Arc;

use leptos::prelude::*;
use crate::domain::item_analysis::session::{question_sources, session_set, SessionMethod, SessionSet};
use crate::domain::item_analysis::{Dataset, Method};
use crate::domain::section26::records::{CandidateRecord, SessionRecord, StandardRecord};
use crate::domain::section26::score::responses_of;
use crate::store::Store;

use super::analysis::Page;
use super::report::{printable, Heading};
use super::Labels;
use crate::ui::route::navigate;
use crate::routes::{IaRoute, S26SessionRoute};
use crate::ui::s26::session::{results, scheme};
use crate::ui::s26::{session_data, thai_date, SessionData};
use crate::ui::data::{loaded, page_data};
use crate::ui::error::PageError;

/// A session ready to analyse.
struct Input {
    set: SessionSet,
    labels: Labels,
    heading: Heading,
    /// "computed from the session at …".
    computed: String,
}

/// Now, Thai local time: `22 พฤศจิกายน 2569 เวลา 09:05 น.`.
fn as_of() -> String {
    crate::domain::thai_time::date_time(&crate::store::now_iso()).unwrap_or_default()
}

/// Who is left out of the analysis and why, as sentences (none when everyone is in).
fn left_out(set: &SessionSet) -> Vec<String> {
    let mut out = Vec::new();
    if !set.unanswered.is_empty() {
        out.push(format!("ไม่นับ {} คนที่ยังไม่ได้บันทึกคำตอบภาคความรู้: {}", set.unanswered.len(), set.unanswered.join(", ")));
    }
    if !set.pending.is_empty() {
        out.push(format!(
            "ไม่นับ {} คนที่ผลการทดสอบยังไม่สิ้นสุด (คะแนนภาคความสามารถยังไม่ครบหรือรอแก้): {}",
            set.pending.len(),
            set.pending.join(", ")
        ));
    }
    out
}

fn input(d: &SessionData, method: SessionMethod) -> Result<Input, String> {
    let id = d.session.meta.id.clone();
    let scored = results(d);
    let answered = scored.iter().map(|s| (s.candidate.answers.as_slice(), &s.result));
    let set = session_set(&responses_of(&scheme(d), answered), method)?;
    let labels = Labels {
        items: set.data.items.clone(),
        sources: question_sources(&d.standard.standard, &d.session.items),
        report: IaRoute::SessionReport(id.clone(), method).into(),
    };
    let computed = format!("คำนวณจากคำตอบและผลตัดสินของรอบทดสอบเมื่อ {}", as_of());
    let mut source = vec![computed.clone()];
    source.extend(left_out(&set));
    let heading = Heading {
        title: format!("{} ({})", d.standard.standard.title(), method.thai()),
        about: format!("รอบทดสอบ {} {}", thai_date(&d.session.date), d.session.place),
        source: source.join(" · "),
        back: IaRoute::Session(id, method).into(),
    };
    Ok(Input { set, labels, heading, computed })
}

#[component]
pub fn SessionAnalysis(id: String, method: SessionMethod) -> impl IntoView {
    let data = page_data(move |store| session_data(store, id.clone()));
    loaded(data, move |d| body(d, method))
}

fn body(d: SessionData, method: SessionMethod) -> impl IntoView {
    let id = d.session.meta.id.clone();
    let choices = SessionMethod::ALL.map(|m| {
        let id = id.clone();
        view! {
            <label>
                <input type="radio" name="ia-session-method" data-testid=format!("ia-session-{}", m.code())
                    prop:checked=m == method
                    on:change=move |_| navigate(IaRoute::Session(id.clone(), m)) />
                " " {m.thai()}
            </label>
        }
    });
    let result = match input(&d, method) {
        Err(e) => view! { <p class="msg error" role="alert" data-testid="ia-error">{e}</p> }.into_any(),
        Ok(Input { set, labels, computed, .. }) => {
            let notes = left_out(&set);
            let page = Page::new(labels);
            page.start(Arc::new(set.data), set.method);
            view! {
                <p class="muted" data-testid="ia-as-of">{computed}</p>
                {(!notes.is_empty()).then(|| view! {
                    <p class="msg" role="status" data-testid="ia-left-out">{notes.join(" · ")}</p>
                })}
                {page.view()}
            }
            .into_any()
        }
    };
    view! {
        <h1>"วิเคราะห์ข้อสอบ: " {d.standard.standard.title()}</h1>
        <p class="muted" data-testid="ia-session-about">
            "รอบทดสอบ " {thai_date(&d.session.date)} " · " {d.session.place.clone()} " · ผู้เข้าทดสอบ "
            {d.candidates.len()} " คน · " {d.session.key.len()} " ข้อ · "
            <a href=S26SessionRoute::Session(id.clone()).href()>"กลับไปรอบทดสอบ"</a>
        </p>
        <section class="card no-print">
            <h2>"วิธีวิเคราะห์"</h2>
            <div class="row">{choices}</div>
            <p class="muted">
                "แบบอิงเกณฑ์ใช้ผลตัดสินจริงของรอบทดสอบ (ผ่าน/ไม่ผ่านตามแบบการรับรองของมาตรฐาน) "
                "r คือดัชนี B ของเบรนแนน = U/n1 − L/n2 · ผลวิเคราะห์คำนวณใหม่ทุกครั้งที่เปิดหน้านี้ ไม่ได้เก็บไว้"
            </p>
        </section>
        {result}
    }
}

#[component]
pub fn SessionReport(id: String, method: SessionMethod) -> impl IntoView {
    let data = page_data(move |store| session_data(store, id.clone()));
    loaded(data, move |d| match input(&d, method) {
        Ok(Input { set, labels, heading, .. }) => printable(heading, labels, Arc::new(set.data), set.method).into_any(),
        Err(e) => view! { <p class="msg error" role="alert">{e}</p> }.into_any(),
    })
}

/// One stored session, as listed.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Listed {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) date: String,
    pub(super) place: String,
    pub(super) candidates: usize,
}

/// A session's analysis input under the default method, with its title and item labels (the comparison page's).
pub(super) async fn session_input(store: Store, id: String) -> Result<(String, Labels, Dataset, Method), PageError> {
    let d = session_data(store, id).await?;
    let Input { set, labels, heading, .. } = input(&d, SessionMethod::default())?;
    Ok((heading.title, labels, set.data, set.method))
}

pub(super) async fn list_sessions(store: Store) -> Result<Vec<Listed>, PageError> {
    let sessions: Vec<SessionRecord> = store.list(None).await?;
    let standards: Vec<StandardRecord> = store.list(None).await?;
    let candidates: Vec<CandidateRecord> = store.list(None).await?;
    let mut rows: Vec<Listed> = sessions
        .into_iter()
        .map(|s| Listed {
            title: standards
                .iter()
                .find(|st| st.meta.id == s.standard)
                .map_or_else(|| "(ไม่พบมาตรฐาน)".to_string(), |st| st.standard.title()),
            candidates: candidates.iter().filter(|c| c.session == s.meta.id).count(),
            place: s.place,
            date: s.date,
            id: s.meta.id,
        })
        .collect();
    crate::domain::sort::sort_by(&mut rows, |a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    Ok(rows)
}

/// The Section 26 test sessions on this device, each linking to its analysis.
#[component]
pub fn SessionList() -> impl IntoView {
    let data = page_data(list_sessions);
    view! {
        <section class="card">
            <h2>"รอบทดสอบมาตรา 26 ในเครื่องนี้"</h2>
            {loaded(data, |rows| {
                if rows.is_empty() {
                    return view! { <p class="muted">"ยังไม่มีรอบทดสอบ — สร้างได้ที่หน้ามาตรฐานฝีมือแรงงาน (มาตรา 26)"</p> }.into_any();
                }
                view! {
                    <ul class="list" data-testid="ia-sessions">
                        {rows.into_iter().map(|r| view! {
                            <li>
                                <a href=IaRoute::Session(r.id.clone(), SessionMethod::default()).href()
                                    data-testid=format!("ia-session-link-{}", r.id)>{r.title}</a>
                                <span class="muted">
                                    "รอบทดสอบ " {thai_date(&r.date)} " · " {r.place} " · ผู้เข้าทดสอบ " {r.candidates} " คน"
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
    }
}
