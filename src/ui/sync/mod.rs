//! Optional sync with a CouchDB-protocol server: the [`SyncUi`] context (settings, the signed-in endpoint, the
//! running sync and its status), the settings page ([`settings`]) and the conflicts view ([`conflicts`]).
//!
//! Settings (server URL, user name, organisation) are kept in `localStorage`; the password stays for this browser tab's
//! session only (`sessionStorage`, so it survives moving between the app's pages and is gone when the tab closes)
//! unless the user ticks "remember on this device" (then in `localStorage`, with a warning). Neither is in IndexedDB,
//! so never in backups, and the password is never logged (`Endpoint`'s `Debug` leaves it out).

pub mod conflicts;
pub mod settings;

use std::collections::BTreeMap;

use gloo_storage::{LocalStorage as Browser, SessionStorage as Tab, Storage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::sync::accept::{refused_text, Shapes};
use crate::domain::sync::SyncState;
use crate::store::sync::sync_db;
use crate::sync::{with_backoff, Client, Endpoint, Progress, SyncError};
use serde::{Deserialize, Serialize};

use super::error::Outcome;
use super::state::AppState;

const SETTINGS_KEY: &str = "mattrathan.sync.settings";
const PASSWORD_KEY: &str = "mattrathan.sync.password";

/// What the user typed on the settings page (no password).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub url: String,
    pub user: String,
    pub org: String,
    pub remember: bool,
}

/// The sync status line.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Not signed in.
    SignedOut,
    Idle,
    Running(String),
    /// A network or server failure; trying again after a pause.
    Waiting(String),
    Done(String),
    /// Offline: stopped; resumes by itself when back online.
    Offline,
    /// 401/403: sign in again (not a data error).
    SignInAgain(String),
    Failed(String),
}

/// Records of one kind by sync state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: usize,
    pub synced: usize,
    pub conflict: usize,
}

#[derive(Clone, Copy)]
pub struct SyncUi {
    pub settings: RwSignal<Settings>,
    pub status: RwSignal<Status>,
    /// Per record kind, for the organisation's database.
    pub counts: RwSignal<BTreeMap<String, Counts>>,
    pub last_push: RwSignal<Option<String>>,
    pub last_pull: RwSignal<Option<String>>,
    /// HTTP requests made by this session's endpoint.
    pub requests: RwSignal<u32>,
    app: AppState,
    endpoint: StoredValue<Option<Endpoint>, LocalStorage>,
    /// The push-then-pull run ([`SyncUi::sync_now`]); one at a time.
    run: Action<SyncUi, ()>,
    /// The last run stopped because the browser went offline: run again when it is back.
    resume: StoredValue<bool, LocalStorage>,
    /// The kinds this page's pulls read ([`Shapes`]: a page links only the readers it needs).
    shapes: Shapes,
}

impl SyncUi {
    /// Provides the context; signs in again from remembered credentials; resumes a sync stopped by going offline.
    pub fn provide(state: AppState, shapes: Shapes) -> SyncUi {
        let settings: Settings = Browser::get(SETTINGS_KEY).unwrap_or_default();
        let remembered: Option<String> = Browser::get(PASSWORD_KEY).or_else(|_| Tab::get(PASSWORD_KEY)).ok();
        let endpoint = remembered.and_then(|pw| Endpoint::new(&settings.url, &settings.user, &pw).ok());
        let ui = SyncUi {
            status: RwSignal::new(if endpoint.is_some() { Status::Idle } else { Status::SignedOut }),
            settings: RwSignal::new(settings),
            counts: RwSignal::new(BTreeMap::new()),
            last_push: RwSignal::new(None),
            last_pull: RwSignal::new(None),
            requests: RwSignal::new(0),
            app: state,
            endpoint: StoredValue::new_local(endpoint),
            run: Action::new_local(|ui: &SyncUi| ui.run()),
            resume: StoredValue::new_local(false),
            shapes,
        };
        provide_context(ui);
        Effect::new(move |_| {
            if state.online.get() && ui.resume.get_value() && state.db.get() == super::state::DbStatus::Ready {
                ui.sync_now();
            }
        });
        ui
    }

    pub fn get() -> SyncUi {
        expect_context::<SyncUi>()
    }

    pub fn signed_in(&self) -> bool {
        self.endpoint.with_value(Option::is_some)
    }

    /// A client for the signed-in server (`None` when signed out), for pages that pull or push other organisations'
    /// databases (a province its colleges', a test centre's tablets their marks). Its requests count in
    /// [`SyncUi::requests`] too (the endpoint's counter is shared).
    pub fn client(&self) -> Option<Client> {
        self.endpoint.get_value().map(|e| Client::new(self.app.store(), e))
    }

    /// Shows `client`'s request count on the sync page after a page used it.
    pub fn count_requests(&self, client: &Client) {
        self.requests.set(client.endpoint().requests());
    }

    /// The organisation code the user signed in for.
    pub fn org(&self) -> String {
        self.settings.with_untracked(|s| s.org.trim().to_string())
    }

    /// Checks the settings and the password against the server (`GET /mt_<org>`), then keeps them.
    pub async fn sign_in(self, settings: Settings, password: String) -> Outcome {
        let endpoint = Endpoint::new(&settings.url, &settings.user, &password)?;
        let db = sync_db(settings.org.trim()).map_err(|e| format!("หน่วยงาน: {e}"))?;
        endpoint.request("GET", &db, None, &db).await?;
        let _ = Browser::set(SETTINGS_KEY, &settings);
        if settings.remember {
            let _ = Browser::set(PASSWORD_KEY, &password);
            Tab::delete(PASSWORD_KEY);
        } else {
            let _ = Tab::set(PASSWORD_KEY, &password);
            Browser::delete(PASSWORD_KEY);
        }
        self.settings.set(settings.clone());
        self.endpoint.set_value(Some(endpoint));
        self.status.set(Status::Idle);
        self.refresh_counts();
        Ok(format!("ลงชื่อเข้าใช้ {} แล้ว — ฐานข้อมูล {db}", settings.user))
    }

    /// Forgets the credentials (memory and device); settings other than the password stay.
    pub fn sign_out(&self) {
        self.endpoint.set_value(None);
        self.resume.set_value(false);
        Browser::delete(PASSWORD_KEY);
        Tab::delete(PASSWORD_KEY);
        self.settings.update(|s| s.remember = false);
        let _ = Browser::set(SETTINGS_KEY, self.settings.get_untracked());
        self.status.set(Status::SignedOut);
    }

    /// Recounts this organisation's records by kind and sync state, and reads the last sync times (in the
    /// background).
    pub fn refresh_counts(self) {
        // Background, not an action: the counts are shared status every sync page and the badge read.
        spawn_local(self.recount());
    }

    async fn recount(self) {
        let org = self.settings.get_untracked().org;
        let Ok(db) = sync_db(&org) else { return };
        let store = self.app.store();
        if store.sync_reconcile(&org).await.is_err() {
            return;
        }
        let Ok(entries) = store.sync_entries(&db).await else { return };
        let mut counts: BTreeMap<String, Counts> = BTreeMap::new();
        for e in entries.iter().filter(|e| !(e.is_deleted() && e.state == SyncState::Synced)) {
            let c = counts.entry(e.kind.clone()).or_default();
            match e.state {
                SyncState::Pending => c.pending += 1,
                SyncState::Synced => c.synced += 1,
                SyncState::Conflict => c.conflict += 1,
            }
        }
        self.counts.set(counts);
        if let Ok(cp) = store.sync_checkpoint(&db).await {
            self.last_push.set(cp.pushed);
            self.last_pull.set(cp.pulled);
        }
    }

    /// Pushes then pulls the organisation's database, retrying network and server failures with backoff while
    /// online. One run at a time: asked while one runs, nothing more happens.
    pub fn sync_now(self) {
        if self.endpoint.with_value(Option::is_none) {
            self.status.set(Status::SignedOut);
            return;
        }
        if !self.run.pending().get_untracked() {
            self.run.dispatch_local(self);
        }
    }

    /// One run of [`SyncUi::sync_now`], its progress and result in [`SyncUi::status`].
    fn run(self) -> impl std::future::Future<Output = ()> {
        let endpoint = self.endpoint.get_value();
        self.resume.set_value(false);
        let org = self.settings.get_untracked().org;
        let state = self.app;
        async move {
            let Some(endpoint) = endpoint else { return };
            let client = Client::new(state.store(), endpoint.clone());
            self.status.set(Status::Running("กำลังซิงค์…".into()));
            let progress = move |p: Progress| {
                self.requests.set(endpoint.requests());
                self.status.set(Status::Running(match p {
                    Progress::Push { done, total } => format!("กำลังส่ง {done}/{total} ระเบียน…"),
                    Progress::Pull { rows } => format!("กำลังรับ… {rows} รายการ"),
                }));
            };
            let stop = move || !self.signed_in();
            let waiting = move |e: &SyncError, ms: u32| {
                self.status.set(Status::Waiting(format!("{e} — จะลองใหม่ใน {} วินาที", ms / 1000)));
            };
            let shapes = self.shapes;
            let result = with_backoff(|| client.sync(&org, &shapes, &progress), &stop, &waiting).await;
            self.requests.set(client.endpoint().requests());
            self.recount().await;
            self.status.set(match result {
                Ok((push, pull)) => {
                    if pull.changed > 0 {
                        state.data_changed();
                    }
                    let conflicts = if pull.conflicts > 0 {
                        format!(" — มีข้อมูลขัดแย้ง {} ระเบียน รอการตัดสินใจ", pull.conflicts)
                    } else {
                        String::new()
                    };
                    let reoffered = if push.reoffered > 0 {
                        format!(" — ฐานข้อมูลบนเซิร์ฟเวอร์ถูกสร้างใหม่หรือกู้คืน: เสนอส่งใหม่ {} ระเบียน", push.reoffered)
                    } else {
                        String::new()
                    };
                    let pushed_refused = if push.refused.is_empty() {
                        String::new()
                    } else {
                        let list: Vec<String> = push.refused.iter().map(|r| format!("{} ({})", r.id, r.reason)).collect();
                        format!(" — เซิร์ฟเวอร์ไม่รับ {} ฉบับ (ยังรอส่ง): {}", push.refused.len(), list.join("; "))
                    };
                    let pulled_refused =
                        refused_text(&pull.refused).map(|t| format!(" — {t}")).unwrap_or_default();
                    let deferred = pull
                        .deferred
                        .map(|d| format!(" — ยังรับไม่ครบ: หน้านี้อ่าน {d} ไม่ได้ ซิงค์ต่อที่หน้าซิงค์"))
                        .unwrap_or_default();
                    Status::Done(format!(
                        "ซิงค์เสร็จ: ส่ง {} ฉบับ (เซิร์ฟเวอร์มีอยู่แล้ว {}), รับ {} รายการ เปลี่ยนในเครื่อง {}{conflicts}{reoffered}{pushed_refused}{pulled_refused}{deferred}",
                        push.sent, push.already, pull.rows, pull.changed
                    ))
                }
                Err(SyncError::Offline) => {
                    self.resume.set_value(true);
                    Status::Offline
                }
                // "Sign in again" only when the server refused the session itself (401); a 403 on a request is a
                // permission matter, shown as a failure.
                Err(e @ SyncError::Auth { status: 401, .. }) => Status::SignInAgain(e.to_string()),
                Err(e) => Status::Failed(e.to_string()),
            });
        }
    }
}

/// Why pulling or pushing one organisation's database failed, in a few words for a per-organisation result line:
/// 401/403 is a permission or sign-in matter, never a data error.
pub fn failure_text(e: &SyncError) -> String {
    match e {
        SyncError::Auth { status, .. } => {
            format!("สิทธิ์ไม่พอ ({status}) — ผู้ใช้ที่ลงชื่อเข้าใช้ไม่มีสิทธิ์ในฐานข้อมูลนี้ หรือรหัสผ่านเปลี่ยน: ลงชื่อเข้าใช้ใหม่ที่หน้าซิงค์")
        }
        SyncError::NoDatabase(db) => format!("ไม่มีฐานข้อมูล {db} บนเซิร์ฟเวอร์ (ยังไม่ได้สร้าง)"),
        SyncError::Offline => "ออฟไลน์ — ยังไม่ได้ดึง".into(),
        other => other.to_string(),
    }
}

/// Short status for the top bar.
pub fn badge_text(status: &Status) -> &'static str {
    match status {
        Status::SignedOut => "ซิงค์: ไม่ได้เชื่อมต่อ",
        Status::Idle => "ซิงค์: พร้อม",
        Status::Running(_) => "ซิงค์: กำลังทำงาน…",
        Status::Waiting(_) => "ซิงค์: รอลองใหม่",
        Status::Done(_) => "ซิงค์: เสร็จ ✓",
        Status::Offline => "ซิงค์: ออฟไลน์ จะทำต่อเอง",
        Status::SignInAgain(_) => "ซิงค์: ต้องลงชื่อเข้าใช้ใหม่",
        Status::Failed(_) => "ซิงค์: ไม่สำเร็จ",
    }
}

/// Thai name of a record kind (unknown kinds show as they are, so later jobs' records are counted too).
pub fn kind_label(kind: &str) -> String {
    match kind {
        "college" => "วิทยาลัย".into(),
        "qa_assessment" => "ประเมินตนเอง (รายปี)".into(),
        other => other.to_string(),
    }
}
