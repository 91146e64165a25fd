//! Section 26 skill standards: the list of standards and application numbers (`standards`), the standard editor
//! (`editor`), the printable question paper, answer sheet and key (`paper`), the test manual's 19 parts (`manual`), a test session's answers and results
//! (`session`) with its candidates (`candidates`: add, edit, remove, with their application) and practical marking
//! (`marking`), the printed application form (`applicant`, แบบ รมฐ. 7, blank for a session or a standard, or filled), the
//! practical test paper of each module with its images (`practical`), and the
//! printable summary sheet (form 15) and score sheets (`sheets`). Every page takes an item as final only as the chief
//! tester's board does (`domain::judge::board`).
//!
//! All records of a standard (sessions, candidates, marks) carry the standard record's id as their `org`, so one
//! standard with everything marked under it exports and imports as one backup.

pub mod applicant;
pub mod candidates;
pub mod editor;
pub mod forms;
pub mod manual;
pub mod marking;
pub mod paper;
pub mod practical;
pub mod results;
pub mod session;
pub mod sheets;
pub mod standards;

use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{BTreeMap, BTreeSet};

use crate::domain::record::Record;
use crate::domain::section26::history::{bank_history, left_out, ItemHistory};
use crate::domain::section26::candidates::Date;
use crate::domain::section26::records::{CandidateRecord, MarkRecord, SessionRecord, StandardRecord};
use crate::store::Store;

use super::data::{page_data, PageData};
use super::error::PageError;
use super::state::{AppState, SaveState};

/// A standard with one session and everything marked in it.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionData {
    pub standard: StandardRecord,
    pub session: SessionRecord,
    pub candidates: Vec<CandidateRecord>,
    pub marks: Vec<MarkRecord>,
}

pub async fn load_standard(store: &Store, id: &str) -> Result<StandardRecord, PageError> {
    Ok(store.get::<StandardRecord>(id).await?.ok_or_else(|| format!("ไม่พบมาตรฐาน {id}"))?)
}

/// A standard with its sessions and their candidates: what its bank's quality history is computed from (all carry
/// the standard's id as their `org`).
pub async fn load_standard_with_trials(store: &Store, id: &str) -> Result<(StandardRecord, Vec<SessionRecord>, Vec<CandidateRecord>), PageError> {
    let rec = load_standard(store, id).await?;
    let sessions: Vec<SessionRecord> = store.list(Some(&rec.meta.org)).await?;
    let candidates: Vec<CandidateRecord> = store.list(Some(&rec.meta.org)).await?;
    Ok((rec, sessions, candidates))
}

/// A standard with its bank's quality history and the items the draw leaves out (`domain::section26::history`).
pub async fn load_standard_quality(store: &Store, id: &str) -> Result<(StandardRecord, BTreeMap<u32, ItemHistory>, BTreeSet<u32>), PageError> {
    let (rec, sessions, candidates) = load_standard_with_trials(store, id).await?;
    let history = bank_history(&rec.standard.bank, &rec.standard.ioc, &sessions, &candidates);
    let out = left_out(&rec.standard.include_flagged, &history);
    Ok((rec, history, out))
}

/// A session with its standard, candidates and marks: the data of this folder's session pages.
pub async fn session_data(store: Store, id: String) -> Result<SessionData, PageError> {
    let session = store.get::<SessionRecord>(&id).await?.ok_or_else(|| format!("ไม่พบรอบทดสอบ {id}"))?;
    let standard = load_standard(&store, &session.standard).await?;
    let org = session.meta.org.clone();
    let candidates: Vec<CandidateRecord> =
        store.list(Some(&org)).await?.into_iter().filter(|c: &CandidateRecord| c.session == id).collect();
    let marks: Vec<MarkRecord> = store
        .list(Some(&org))
        .await?
        .into_iter()
        .filter(|m: &MarkRecord| candidates.iter().any(|c| c.meta.id == m.candidate))
        .collect();
    Ok(SessionData { standard, session, candidates, marks })
}

/// The data of a session's pages (the session, its summary and score sheets, its report and certificates): one
/// loader for all of them.
pub fn session_page(id: String) -> PageData<SessionData> {
    page_data(move |store| session_data(store, id.clone()))
}

/// The data of the question paper: [`load_standard_quality`].
pub fn standard_page(id: String) -> PageData<(StandardRecord, BTreeMap<u32, ItemHistory>, BTreeSet<u32>)> {
    page_data(move |store| {
        let id = id.clone();
        async move { load_standard_quality(&store, &id).await }
    })
}

/// Writes a record now (not coalesced with other writes, unlike `autosave::save`, which keeps only the latest
/// pending record), shown in the save indicator: "saved" once IndexedDB confirmed it, or why it failed.
pub async fn put_saved<R: Record>(state: AppState, record: &R) -> Result<(), PageError> {
    state.save.set(SaveState::Saving);
    match state.store().put(record).await {
        Ok(()) => {
            state.save.set(SaveState::Saved);
            Ok(())
        }
        Err(e) => {
            state.save.set(SaveState::Failed(e.to_string()));
            Err(e.into())
        }
    }
}

/// [`put_saved`] behind a keystroke or a tap (an answer typed, a mark given); `then` runs after the write succeeded.
pub fn put_now<R: Record + 'static>(record: R, then: impl FnOnce() + 'static) {
    let state = AppState::get();
    // A write queued behind a keystroke or a tap, reported by the save indicator: neither page data nor an action.
    spawn_local(async move {
        if put_saved(state, &record).await.is_ok() {
            then();
        }
    });
}

/// `20 มกราคม 2564` from `2021-01-20`, or the text as typed when it is not a date.
pub fn thai_date(iso: &str) -> String {
    Date::parse("", iso).map(|d| d.thai()).unwrap_or_else(|_| iso.to_string())
}
