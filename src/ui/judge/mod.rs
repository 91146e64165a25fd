//! Judge tablets: practical marking that works with no network and never loses a tap.
//!
//! - `home` (`#/judge`): this tablet's device id, the test sessions kept on it, receiving a session from the chief
//!   tester's tablet (a backup file of the standard), storage health.
//! - `marking` (`#/judge/<session>`): one judge on their own tablet — candidate and module always in view, large 0–3
//!   buttons with their meanings, a numeric keypad for measurements with the tolerance verdict at once, yes/no and
//!   critical items as toggles, a saved state per item, and the marks file to hand to the chief (or a push into the
//!   test centre's server database).
//! - `chief` (`#/judge/<session>/chief`): the chief tester's tablet — send the session out, import the judges' marks
//!   files (the same file twice changes nothing) or pull them from the test centre's server database, decide conflicts, see the spread rule per item as soon as every
//!   judge's mark is in, and which modules can be finalised.
//! - `server`: the push (judge) and pull (chief) through the test centre's database, for a signed-in sync user.
//! - `taps`: the write queue behind every tap; `identity`: device id and judge number (localStorage).
//!
//! The rules (merging, conflicts, the board) are pure, in `crate::domain::judge`.

pub mod chief;
pub mod home;
pub mod identity;
pub mod marking;
pub mod server;
pub mod taps;

use crate::ui::error::PageError;
use crate::ui::s26::SessionData;

/// Loads a session with its candidates in number order (the order judges call them).
pub async fn load_by_number(store: crate::store::Store, id: String) -> Result<SessionData, PageError> {
    let mut d = crate::ui::s26::session_data(store, id).await?;
    crate::domain::sort::sort_by(&mut d.candidates, |a, b| a.person.number.cmp(&b.person.number));
    Ok(d)
}

/// `A001 นายหนึ่ง ตั้งใจ` for candidate `id` of the session.
pub fn candidate_label(d: &SessionData, id: &str) -> String {
    d.candidates
        .iter()
        .find(|c| c.meta.id == id)
        .map(|c| format!("{} {}", c.person.number, c.person.name))
        .unwrap_or_else(|| id.to_string())
}

/// The judge's name for judge number `j` (0: the single slot of measurement / yes-no / critical items).
pub fn judge_label(d: &SessionData, j: u8) -> String {
    match j {
        0 => "ค่าเดียว (ไม่แยกกรรมการ)".to_string(),
        j => d.session.judges.get(usize::from(j) - 1).cloned().unwrap_or_else(|| format!("กรรมการคนที่ {j}")),
    }
}
