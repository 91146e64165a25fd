//! Who is marking on this tablet: the device id (a UUID made once per browser and kept in `localStorage`, so every
//! mark says which tablet it came from) and, per test session, which of the session's judges holds this tablet.
//! Small preferences only; marks themselves live in IndexedDB.

use gloo_storage::{LocalStorage, Storage};
use crate::store::new_id;

const DEVICE_KEY: &str = "mattrathan.device";

fn judge_key(session: &str) -> String {
    format!("mattrathan.judge.{session}")
}

/// This browser's device id, made on first use.
pub fn device_id() -> String {
    if let Ok(id) = LocalStorage::get::<String>(DEVICE_KEY) {
        return id;
    }
    let id = new_id();
    // Without localStorage (some private windows) the id lives for this page only; marks still carry it.
    let _ = LocalStorage::set(DEVICE_KEY, &id);
    id
}

/// The first 8 characters of the device id, as shown on screen and in file names.
pub fn short(device: &str) -> &str {
    device.get(..8).unwrap_or(device)
}

/// The judge number (1…) this tablet marks as in `session`, if chosen.
pub fn judge_of(session: &str) -> Option<u8> {
    LocalStorage::get::<u8>(judge_key(session)).ok().filter(|j| *j > 0)
}

pub fn set_judge(session: &str, judge: u8) {
    let _ = LocalStorage::set(judge_key(session), judge);
}

pub fn forget_judge(session: &str) {
    LocalStorage::delete(judge_key(session));
}
