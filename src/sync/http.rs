//! HTTP for sync: [`Endpoint`] (where and as whom) and [`Endpoint::request`] (one JSON request through `fetch`),
//! with failures sorted into [`SyncError`]. Credentials live only in the `Endpoint` value (memory); the UI decides
//! whether to remember them on the device.

use std::cell::Cell;
use std::fmt;
use std::rc::Rc;

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, Headers, Request, RequestCredentials, RequestInit, RequestMode, Response};

use crate::domain::sync::protocol::{basic_auth, check_endpoint};
use crate::store::StoreError;

/// Give up on one request after this long (the retry loop then tries again).
const TIMEOUT_MS: i32 = 60_000;

/// Why a sync stopped. [`Display`](fmt::Display) is the Thai message for the user.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncError {
    /// The browser is offline: stop now, resume when it is back.
    Offline,
    /// The server could not be reached (network error, timeout). Retried while online.
    Unreachable(String),
    /// The server answered with an error status (5xx, 429 are retried).
    Server { status: u16, detail: String },
    /// 401/403: the user name or password is wrong, or this user may not use this database. Not a data error:
    /// the user signs in again.
    Auth { status: u16, detail: String },
    /// The database does not exist on the server (not provisioned).
    NoDatabase(String),
    /// The server's answer or a record could not be used.
    Data(String),
    /// Reading or writing this device's storage failed.
    Store(StoreError),
    /// The user cancelled ([`Endpoint::cancelled_by`]): the request was aborted or never sent.
    Cancelled,
}

impl SyncError {
    /// Whether trying again later may succeed without the user doing anything.
    pub fn is_retryable(&self) -> bool {
        match self {
            SyncError::Unreachable(_) => true,
            SyncError::Server { status, .. } => *status >= 500 || *status == 429 || *status == 408,
            _ => false,
        }
    }

    /// Whether the user has to sign in again.
    pub fn is_auth(&self) -> bool {
        matches!(self, SyncError::Auth { .. })
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::Offline => write!(f, "ออฟไลน์อยู่ จะซิงค์ต่อเมื่อกลับมาออนไลน์"),
            SyncError::Unreachable(e) => write!(f, "ติดต่อเซิร์ฟเวอร์ไม่ได้: {e}"),
            SyncError::Server { status, detail } => write!(f, "เซิร์ฟเวอร์ตอบข้อผิดพลาด {status}: {detail}"),
            SyncError::Auth { status, detail } => write!(
                f,
                "กรุณาลงชื่อเข้าใช้ใหม่ — เซิร์ฟเวอร์ไม่ยอมรับชื่อผู้ใช้/รหัสผ่าน หรือผู้ใช้นี้ไม่มีสิทธิ์ในฐานข้อมูลนี้ ({status}: {detail})"
            ),
            SyncError::NoDatabase(db) => {
                write!(f, "เซิร์ฟเวอร์ยังไม่มีฐานข้อมูล {db} — ให้ผู้ดูแลสร้างด้วยคำสั่ง mattrathan provision")
            }
            SyncError::Data(e) => write!(f, "ข้อมูลจากเซิร์ฟเวอร์ใช้ไม่ได้: {e}"),
            SyncError::Store(e) => write!(f, "{e}"),
            SyncError::Cancelled => write!(f, "ยกเลิกแล้ว"),
        }
    }
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError::Store(e)
    }
}

/// Where to sync and as whom. The password stays in this value (memory) and never appears in `Debug` output.
#[derive(Clone)]
pub struct Endpoint {
    base: String,
    user: String,
    authorization: String,
    /// HTTP requests made through this endpoint (for the status line and the measurements).
    requests: Rc<Cell<u32>>,
    /// The user's cancel: once it aborts, a running request is aborted and no other is sent.
    cancel: Option<AbortSignal>,
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint").field("base", &self.base).field("user", &self.user).finish_non_exhaustive()
    }
}

/// `navigator.onLine` (true when the browser cannot tell).
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Waits `ms` milliseconds.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn js_message(v: &JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    v.as_string().unwrap_or_else(|| format!("{v:?}"))
}

impl Endpoint {
    /// Checks `url` ([`check_endpoint`]: HTTPS, or http to this machine) and keeps the credentials.
    pub fn new(url: &str, user: &str, password: &str) -> Result<Endpoint, String> {
        let base = check_endpoint(url)?;
        if user.trim().is_empty() {
            return Err("ชื่อผู้ใช้: ต้องกรอก".into());
        }
        Ok(Endpoint {
            base,
            user: user.trim().to_string(),
            authorization: basic_auth(user.trim(), password),
            requests: Rc::new(Cell::new(0)),
            cancel: None,
        })
    }

    /// This endpoint (same credentials, same request count) whose requests stop when `signal` aborts: the one
    /// running is aborted (its `fetch` with it) and none is sent after, each failing with [`SyncError::Cancelled`].
    pub fn cancelled_by(&self, signal: AbortSignal) -> Endpoint {
        Endpoint { cancel: Some(signal), ..self.clone() }
    }

    /// Whether the user cancelled ([`Endpoint::cancelled_by`]).
    pub fn is_cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(AbortSignal::aborted)
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// HTTP requests made so far through this endpoint (and its clones).
    pub fn requests(&self) -> u32 {
        self.requests.get()
    }

    /// Sends one request (`path` below the base URL, already encoded) with a JSON body, and returns the JSON
    /// answer. 404 on a database path is [`SyncError::NoDatabase`] named `db`.
    pub async fn request(&self, method: &str, path: &str, body: Option<&Value>, db: &str) -> Result<Value, SyncError> {
        if self.is_cancelled() {
            return Err(SyncError::Cancelled);
        }
        if !is_online() {
            return Err(SyncError::Offline);
        }
        let url = format!("{}/{}", self.base, path.trim_start_matches('/'));
        let fail = |e: JsValue| SyncError::Unreachable(js_message(&e));
        let headers = Headers::new().map_err(fail)?;
        headers.set("Accept", "application/json").map_err(fail)?;
        headers.set("Authorization", &self.authorization).map_err(fail)?;
        let init = RequestInit::new();
        init.set_method(method);
        init.set_mode(RequestMode::Cors);
        // No cookies: the Basic credentials are the only identity sent.
        init.set_credentials(RequestCredentials::Omit);
        if let Some(body) = body {
            headers.set("Content-Type", "application/json").map_err(fail)?;
            init.set_body(&JsValue::from_str(&body.to_string()));
        }
        init.set_headers(&headers);
        let abort = AbortController::new().map_err(fail)?;
        init.set_signal(Some(&abort.signal()));
        let request = Request::new_with_str_and_init(&url, &init).map_err(fail)?;
        let window = web_sys::window().ok_or_else(|| SyncError::Unreachable("no window".into()))?;
        let aborter = abort.clone();
        let timer = wasm_bindgen::closure::Closure::once_into_js(move || aborter.abort());
        let timer_id = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(timer.unchecked_ref(), TIMEOUT_MS)
            .unwrap_or(0);
        // The user's cancel aborts this request too (the listener goes when the request is over).
        let on_cancel = self.cancel.as_ref().map(|signal| {
            let aborter = abort.clone();
            let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || aborter.abort());
            let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
            (signal, listener)
        });
        self.requests.set(self.requests.get() + 1);
        let outcome = JsFuture::from(window.fetch_with_request(&request)).await;
        let text = match outcome {
            Ok(r) => {
                let response: Response = r.unchecked_into();
                let text = match response.text() {
                    Ok(p) => JsFuture::from(p).await,
                    Err(e) => Err(e),
                };
                Ok((response, text))
            }
            Err(e) => Err(e),
        };
        window.clear_timeout_with_handle(timer_id);
        if let Some((signal, listener)) = on_cancel {
            let _ = signal.remove_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        }
        if self.is_cancelled() {
            return Err(SyncError::Cancelled);
        }
        let (response, text) = match text {
            Ok(done) => done,
            Err(e) => return Err(if is_online() { fail(e) } else { SyncError::Offline }),
        };
        let text = text.map_err(fail)?.as_string().unwrap_or_default();
        let status = response.status();
        let json: Option<Value> = serde_json::from_str(&text).ok();
        let detail = || {
            json.as_ref()
                .and_then(|j| j.get("reason").or(j.get("error")).and_then(Value::as_str).map(str::to_string))
                .unwrap_or_else(|| text.chars().take(200).collect())
        };
        match status {
            200..=299 => json.ok_or_else(|| SyncError::Data(format!("{method} {path}: คำตอบไม่ใช่ JSON"))),
            401 | 403 => Err(SyncError::Auth { status, detail: detail() }),
            // On the database's own endpoints (`db/_changes`, `db/_revs_diff`, `db/_bulk_docs`) 404 means no database;
            // on a local document (`db/_local/…`) it may just mean the document is missing.
            404 if path.split('/').nth(1).is_some_and(|p| p.starts_with('_') && p != "_local") => {
                Err(SyncError::NoDatabase(db.to_string()))
            }
            _ => Err(SyncError::Server { status, detail: detail() }),
        }
    }
}
