//! Save-as-you-type: every edit queues the latest copy of a record; one writer at a time puts it into IndexedDB, and
//! the top bar says "saved" only after the write is confirmed. Edits made while a write is in flight are coalesced,
//! so the last write is always the latest state.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mattrathan::domain::record::Record;
use mattrathan::store::{Store, StoreError};

use super::state::{AppState, SaveState};

type Write = Box<dyn FnOnce(Store) -> Pin<Box<dyn Future<Output = Result<(), StoreError>>>>>;

#[derive(Default)]
struct Queue {
    pending: Option<Write>,
    running: bool,
}

thread_local! {
    static QUEUE: Rc<RefCell<Queue>> = Rc::new(RefCell::new(Queue::default()));
}

/// Queues `record` to be written (replacing any not-yet-started write) and starts the writer if idle.
pub fn save<R: Record + 'static>(record: R) {
    let state = AppState::get();
    let write: Write = Box::new(move |store: Store| Box::pin(async move { store.put(&record).await }));
    let queue = QUEUE.with(Rc::clone);
    let start = {
        let mut q = queue.borrow_mut();
        q.pending = Some(write);
        !std::mem::replace(&mut q.running, true)
    };
    state.save.set(SaveState::Saving);
    if start {
        spawn_local(async move {
            loop {
                let next = queue.borrow_mut().pending.take();
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
