//! Save-as-you-type: every edit queues the latest copy of a record; one writer at a time puts it into IndexedDB, and
//! the top bar says "saved" only after the write is confirmed. Edits made while a write is in flight are coalesced per
//! record (by id), so the last write of each record is its latest state and edits to another record are never dropped.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::record::Record;
use crate::store::{Store, StoreError};

use super::state::{AppState, SaveState};

type Write = Box<dyn FnOnce(Store) -> Pin<Box<dyn Future<Output = Result<(), StoreError>>>>>;

#[derive(Default)]
struct Queue {
    /// Writes not started yet, at most one per record id, in the order first queued.
    pending: Vec<(String, Write)>,
    running: bool,
}

thread_local! {
    static QUEUE: Rc<RefCell<Queue>> = Rc::new(RefCell::new(Queue::default()));
}

/// Queues `record` to be written (replacing a not-yet-started write of the same record) and starts the writer if idle.
pub fn save<R: Record + 'static>(record: R) {
    let state = AppState::get();
    let id = record.meta().id.clone();
    let write: Write = Box::new(move |store: Store| Box::pin(async move { store.put(&record).await }));
    let queue = QUEUE.with(Rc::clone);
    let start = {
        let mut q = queue.borrow_mut();
        match q.pending.iter_mut().find(|(pid, _)| *pid == id) {
            Some(slot) => slot.1 = write,
            None => q.pending.push((id, write)),
        }
        !std::mem::replace(&mut q.running, true)
    };
    state.save.set(SaveState::Saving);
    if start {
        spawn_local(async move {
            loop {
                let next = {
                    let mut q = queue.borrow_mut();
                    (!q.pending.is_empty()).then(|| q.pending.remove(0).1)
                };
                let Some(write) = next else { break };
                if let Err(e) = write(state.store()).await {
                    state.save.set(SaveState::Failed(e.to_string()));
                    queue.borrow_mut().running = false;
                    return;
                }
            }
            queue.borrow_mut().running = false;
            state.save.set(SaveState::Saved);
        });
    }
}
