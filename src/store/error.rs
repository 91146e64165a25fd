//! [`StoreError`]: what went wrong in the browser's storage, with a Thai message for the user that includes the
//! browser's own error text (so a screenshot is enough to diagnose).

use std::fmt;

use indexed_db_futures::error::{Error as IdbError, OpenDbError};
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::backup::BackupError;

/// A storage failure. [`Display`](fmt::Display) is the Thai message; [`code`](StoreError::code) an English tag.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// IndexedDB could not be opened or upgraded (private window, storage disabled, a failed migration…).
    Open(String),
    /// The database on this browser was written by a newer build of the app.
    NewerDatabase(String),
    /// Reading failed.
    Read(String),
    /// Writing failed; the transaction was rolled back, so nothing changed.
    Write(String),
    /// The browser refused to store more (`QuotaExceededError`); nothing changed.
    Full(String),
    /// The connection was closed under us (`InvalidStateError`: memory pressure, site data cleared, another tab's
    /// upgrade); nothing changed. [`Store::reopen`](super::Store::reopen) opens a new one.
    Closed(String),
    /// A stored record could not be turned back into its type.
    Damaged { id: String, detail: String },
    /// The caller passed a record that cannot be stored (e.g. its `kind` is not its type's kind).
    Invalid(String),
    /// An imported backup file was refused; nothing was written.
    Backup(BackupError),
    /// The backup made from the stored records did not pass its own check, so it was not handed out.
    Export(BackupError),
}

impl StoreError {
    /// A short English code for logs and tests, e.g. `"open"`, `"backup"`.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Open(_) => "open",
            StoreError::NewerDatabase(_) => "newer_database",
            StoreError::Read(_) => "read",
            StoreError::Write(_) => "write",
            StoreError::Full(_) => "full",
            StoreError::Closed(_) => "closed",
            StoreError::Damaged { .. } => "damaged",
            StoreError::Invalid(_) => "invalid",
            StoreError::Backup(_) => "backup",
            StoreError::Export(_) => "export",
        }
    }

    pub(crate) fn open(e: OpenDbError) -> StoreError {
        if let OpenDbError::Base(base) = &e {
            if dom_name(base).as_deref() == Some("VersionError") {
                return StoreError::NewerDatabase(describe(base));
            }
        }
        let text = match &e {
            OpenDbError::Base(base) => describe(base),
            other => other.to_string(),
        };
        StoreError::Open(text)
    }

    pub(crate) fn read(e: IdbError) -> StoreError {
        match dom_name(&e).as_deref() {
            Some("InvalidStateError") => StoreError::Closed(describe(&e)),
            _ => StoreError::Read(describe(&e)),
        }
    }

    pub(crate) fn write(e: IdbError) -> StoreError {
        match dom_name(&e).as_deref() {
            Some("QuotaExceededError") => StoreError::Full(describe(&e)),
            Some("InvalidStateError") => StoreError::Closed(describe(&e)),
            _ => StoreError::Write(describe(&e)),
        }
    }
}

/// The DOMException name (`"QuotaExceededError"`, `"VersionError"`…), if the error is one.
fn dom_name(e: &IdbError) -> Option<String> {
    match e {
        IdbError::DomException(d) => Some(web_sys::DomException::from(d.clone()).name()),
        _ => None,
    }
}

/// The browser's error text, e.g. `"QuotaExceededError: The quota has been exceeded."`.
fn describe(e: &IdbError) -> String {
    match e {
        IdbError::DomException(d) => {
            let d = web_sys::DomException::from(d.clone());
            format!("{}: {}", d.name(), d.message())
        }
        other => other.to_string(),
    }
}

/// Text of a thrown JS value (an `Error`'s message, or the value as a string).
pub(crate) fn js_text(v: &JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    v.as_string().unwrap_or_else(|| format!("{v:?}"))
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Open(e) => write!(
                f,
                "เปิดฐานข้อมูลในเบราว์เซอร์ไม่ได้ (อาจเป็นหน้าต่างส่วนตัว หรือเบราว์เซอร์ปิดการเก็บข้อมูลของเว็บไซต์ไว้): {e}"
            ),
            StoreError::NewerDatabase(e) => write!(
                f,
                "ข้อมูลในเบราว์เซอร์นี้บันทึกโดย Mattrathan รุ่นที่ใหม่กว่า — กรุณาโหลดหน้าใหม่เพื่อใช้รุ่นล่าสุด: {e}"
            ),
            StoreError::Read(e) => write!(f, "อ่านข้อมูลจากฐานข้อมูลในเบราว์เซอร์ไม่ได้: {e}"),
            StoreError::Write(e) => write!(
                f,
                "บันทึกลงฐานข้อมูลในเบราว์เซอร์ไม่ได้ (ไม่มีข้อมูลใดถูกเปลี่ยน): {e}"
            ),
            StoreError::Full(e) => write!(
                f,
                "พื้นที่เก็บข้อมูลของเบราว์เซอร์เต็ม บันทึกไม่ได้ (ไม่มีข้อมูลใดถูกเปลี่ยน) — กรุณาสำรองข้อมูลแล้วลบข้อมูลที่ไม่ใช้: {e}"
            ),
            StoreError::Closed(e) => write!(
                f,
                "ฐานข้อมูลในเบราว์เซอร์ถูกปิด (เช่น หน่วยความจำของเครื่องไม่พอ) บันทึกไม่ได้ (ไม่มีข้อมูลใดถูกเปลี่ยน): {e}"
            ),
            StoreError::Damaged { id, detail } => write!(
                f,
                "ข้อมูลที่เก็บไว้ (รหัส {id}) อ่านไม่ได้ อาจเสียหายหรือบันทึกโดยโปรแกรมรุ่นอื่น: {detail}"
            ),
            StoreError::Invalid(e) => write!(f, "บันทึกระเบียนนี้ไม่ได้: {e}"),
            StoreError::Backup(e) => write!(f, "นำเข้าไฟล์สำรองไม่ได้ (ยังไม่มีข้อมูลใดถูกเปลี่ยน): {e}"),
            StoreError::Export(e) => write!(
                f,
                "สร้างไฟล์สำรองไม่ได้ เพราะข้อมูลที่เก็บไว้ไม่ผ่านการตรวจ: {e}"
            ),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<BackupError> for StoreError {
    fn from(e: BackupError) -> Self {
        StoreError::Backup(e)
    }
}
