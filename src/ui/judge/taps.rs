//! Never lose a tap. Every tap on a judge tablet becomes a new mark record (never an overwrite) that is queued and
//! written to IndexedDB in a `durability: "strict"` transaction ([`Store::put_all_strict`](crate::store::Store)); the
//! item shows "saved" only after IndexedDB confirmed that very record. Taps made while a write is in flight go out
//! together in the next transaction, in order, each still its own record.
//!
//! If the connection was closed under us (memory pressure on a tablet, another tab's upgrade) the writer opens a new
//! one and retries (`Store::retry_reopening`). If a write fails anyway, the unsaved taps stay queued with their values
//! on screen, every affected item says "not saved", a red banner says so, and leaving the page asks first; the writer
//! tries again by itself (after 1, 2, 4 … up to 10 seconds, for as long as the page is open, even after leaving the
//! marking view) until they are stored, and "try again" retries at once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::judge::merge::{slot_of, Slot};
use crate::domain::section26::records::MarkRecord;
use crate::store::StoreError;

use crate::ui::state::AppState;

/// Writes `marks` in one strict-durability transaction; if the connection was closed under us, reopens it (and keeps
/// the new one in [`AppState`]) and tries once more.
pub async fn write_marks(state: AppState, marks: &[MarkRecord]) -> Result<(), StoreError> {
    let (store, outcome) = state.store().retry_reopening(|s| async move { s.put_all_strict(marks).await }).await;
    state.replace_store(store);
    outcome
}

/// Where the latest tap of a slot stands.
#[derive(Clone, Debug, PartialEq)]
pub enum TapState {
    Saving,
    Saved,
    Failed,
}

#[derive(Default)]
struct Queue {
    pending: Vec<MarkRecord>,
    running: bool,
    /// Failed writes in a row (for the wait before the next automatic retry).
    failures: u32,
}

/// The wait before automatic retry number `failures`: 1, 2, 4, 8, then 10 seconds.
fn backoff(failures: u32) -> Duration {
    Duration::from_millis((1000u64 << failures.saturating_sub(1).min(4)).min(10_000))
}

/// The judge page's marks and their save states.
#[derive(Clone, Copy)]
pub struct Taps {
    /// The current mark of each slot on this tablet, including taps still being written (so a quick second tap names
    /// the first as the one it replaces).
    pub current: RwSignal<HashMap<Slot, MarkRecord>>,
    /// Per slot: the id of its latest tap and whether IndexedDB confirmed it.
    pub states: RwSignal<HashMap<Slot, (String, TapState)>>,
    /// Set when writing is impossible (even after reopening the database): the message shown loudly.
    pub failure: RwSignal<Option<String>>,
    queue: StoredValue<Rc<RefCell<Queue>>, LocalStorage>,
    state: AppState,
}

impl Taps {
    /// Starts from the marks stored on this tablet (their current mark per slot counts as saved).
    pub fn new(current: HashMap<Slot, MarkRecord>) -> Taps {
        let states = current.iter().map(|(slot, m)| (slot.clone(), (m.meta.id.clone(), TapState::Saved))).collect();
        let taps = Taps {
            current: RwSignal::new(current),
            states: RwSignal::new(states),
            failure: RwSignal::new(None),
            queue: StoredValue::new_local(Rc::default()),
            state: AppState::get(),
        };
        // Leaving (or reloading) with taps not yet written asks first; saved taps need no warning.
        let queue = taps.queue.get_value();
        let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if !queue.borrow().pending.is_empty() {
                ev.prevent_default();
                ev.set_return_value("คะแนนบางรายการยังไม่ได้บันทึก");
            }
        });
        on_cleanup(move || handle.remove());
        taps
    }

    /// Number of taps not yet confirmed.
    pub fn unsaved(&self) -> usize {
        self.queue.get_value().borrow().pending.len()
    }

    /// Records one tap: shows it as "saving" now and "saved" once IndexedDB confirmed it.
    pub fn tap(self, record: MarkRecord) {
        let slot = slot_of(&record);
        let id = record.meta.id.clone();
        self.current.update(|c| {
            c.insert(slot.clone(), record.clone());
        });
        self.states.update(|s| {
            s.insert(slot, (id, TapState::Saving));
        });
        self.queue.get_value().borrow_mut().pending.push(record);
        self.run();
    }

    /// Starts the writer if it is idle (also the "try again" after a failure).
    pub fn run(self) {
        if let Some(queue) = self.queue.try_get_value() {
            write_queue(queue, self.states, self.failure, self.state);
        }
    }
}

/// Writes the queued taps, batch after batch, until none is left. On a failure the batch goes back to the front of the
/// queue, every queued tap says "failed" (its value stays on screen) and a retry is scheduled. Holds the queue itself,
/// not the page's signals, so retries go on after the marking view is gone (signal updates then do nothing).
fn write_queue(queue: Rc<RefCell<Queue>>, states: RwSignal<HashMap<Slot, (String, TapState)>>, failure: RwSignal<Option<String>>, state: AppState) {
    if std::mem::replace(&mut queue.borrow_mut().running, true) {
        return;
    }
    // The tap write queue (neither page data nor one user action): it outlives the view and retries until stored.
    spawn_local(async move {
        loop {
            let batch = std::mem::take(&mut queue.borrow_mut().pending);
            if batch.is_empty() {
                break;
            }
            let outcome = write_marks(state, &batch).await;
            if let Err(e) = outcome {
                let mut q = queue.borrow_mut();
                let later = std::mem::take(&mut q.pending);
                q.pending = batch.into_iter().chain(later).collect();
                q.running = false;
                q.failures = q.failures.saturating_add(1);
                let wait = backoff(q.failures);
                let unsaved: Vec<(Slot, String)> = q.pending.iter().map(|r| (slot_of(r), r.meta.id.clone())).collect();
                drop(q);
                let _ = states.try_update(|s| {
                    for (slot, rec_id) in &unsaved {
                        if let Some((id, st)) = s.get_mut(slot) {
                            if id == rec_id {
                                *st = TapState::Failed;
                            }
                        }
                    }
                });
                let _ = failure.try_set(Some(e.to_string()));
                let queue = Rc::clone(&queue);
                set_timeout(move || write_queue(queue, states, failure, state), wait);
                return;
            }
            queue.borrow_mut().failures = 0;
            let _ = states.try_update(|s| {
                for rec in &batch {
                    if let Some((id, st)) = s.get_mut(&slot_of(rec)) {
                        if *id == rec.meta.id {
                            *st = TapState::Saved;
                        }
                    }
                }
            });
        }
        queue.borrow_mut().running = false;
        let _ = failure.try_set(None);
    });
}
