//! Save-as-you-type: every edit queues the latest copy of a record; one writer at a time puts it into IndexedDB, and
//! the top bar says "saved" only after the write is confirmed. Edits made while a write is in flight are coalesced per
//! record (by id), so the last write of each record is its latest state and edits to another record are never dropped.
//!
//! No lost updates: an editor [`bind`]s the signal holding its record when it loads it. Each write of a bound record
//! is a compare-and-put ([`Store::put_if_unchanged`]) against the copy this page last loaded or wrote; when another
//! tab or a pull changed the record meanwhile, the store writes the three-way merge
//! ([`crate::domain::merge::three_way`]) and the page's signal is set to the merged record (with any edit made while
//! the write was in flight merged on top and queued again). Fields both sides changed keep this page's value and the
//! other copy is kept as a sync conflict branch (listed on the conflicts page), never silently reverted.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::merge::three_way;
use crate::domain::record::Record;
use crate::store::{PutOutcome, Store, StoreError};
use serde_json::Value;

use super::state::{AppState, SaveState};

type Write = Box<dyn FnOnce(Store) -> Pin<Box<dyn Future<Output = Result<(), StoreError>>>>>;

#[derive(Default)]
struct Queue {
    /// Writes not started yet, at most one per record id, in the order first queued.
    pending: Vec<(String, Write)>,
    running: bool,
}

/// A record an editor bound with [`bind`]: the copy the store held when this page last read or wrote it, and how to
/// bring a merged record into the page.
struct Bound {
    base: Value,
    /// `(written, merged)`: sets the page's signal to `merged` (rebasing edits made since `written` was queued).
    rebase: Rc<dyn Fn(&Value, &Value)>,
}

thread_local! {
    static QUEUE: Rc<RefCell<Queue>> = Rc::new(RefCell::new(Queue::default()));
    static BOUND: RefCell<HashMap<String, Bound>> = RefCell::new(HashMap::new());
}

/// Binds the editor's `signal` (holding a record as just loaded from the store, or a fresh unsaved one): its writes
/// through [`save`] become compare-and-puts against that copy, and a merged result is set back into the signal.
/// Call it where the signal is made; binding again (the page reloaded its data) replaces the copy.
pub fn bind<R: Record + Send + Sync + 'static>(signal: RwSignal<R>) {
    if let Some(record) = signal.try_get_untracked() {
        bind_with(&record, move || signal.try_get_untracked(), move |r| {
            let _ = signal.try_set(r);
        });
    }
}

/// [`bind`] for a record held elsewhere than in one signal: `now` reads the page's current copy, `set` puts a merged
/// record back into the page.
pub fn bind_with<R: Record + 'static>(record: &R, now: impl Fn() -> Option<R> + 'static, set: impl Fn(R) + 'static) {
    let Ok(base) = serde_json::to_value(record) else { return };
    let id = record.meta().id.clone();
    let rebase: Rc<dyn Fn(&Value, &Value)> = Rc::new(move |written: &Value, merged: &Value| {
        let Some(now) = now().and_then(|r| serde_json::to_value(&r).ok()) else { return };
        // Edits made while the write was in flight are merged on top of the merged record.
        let next = if &now == written { merged.clone() } else { three_way(written, merged, &now).value };
        if let Ok(record) = serde_json::from_value::<R>(next.clone()) {
            set(record.clone());
            if &next != merged {
                save(record);
            }
        }
    });
    BOUND.with(|b| b.borrow_mut().insert(id, Bound { base, rebase }));
}

/// Writes `record`: a compare-and-put when it is bound (see [`bind`]), a plain put otherwise.
async fn write_record<R: Record>(store: Store, record: R) -> Result<(), StoreError> {
    let id = record.meta().id.clone();
    let Some(base) = BOUND.with(|b| b.borrow().get(&id).map(|x| x.base.clone())) else {
        return store.put(&record).await;
    };
    let outcome = store.put_if_unchanged(&base, &record).await?;
    let written = serde_json::to_value(&record).map_err(|e| StoreError::Invalid(e.to_string()))?;
    let stored = match &outcome {
        PutOutcome::Written => written.clone(),
        PutOutcome::Merged { record, .. } => record.clone(),
    };
    let rebase = BOUND.with(|b| {
        b.borrow_mut().get_mut(&id).map(|x| {
            x.base = stored;
            Rc::clone(&x.rebase)
        })
    });
    if let (PutOutcome::Merged { record: merged, conflicts }, Some(rebase)) = (&outcome, rebase) {
        if !conflicts.is_empty() {
            let fields: Vec<&str> = conflicts.iter().map(|c| c.path.as_str()).collect();
            leptos::logging::warn!(
                "ระเบียน {id}: ช่อง {} ถูกแก้ทั้งที่นี่และที่อื่น — ใช้ค่าที่แก้ที่นี่ ฉบับอื่นเก็บไว้เป็นฉบับขัดแย้ง",
                fields.join(", ")
            );
        }
        rebase(&written, merged);
    }
    Ok(())
}

/// Queues `record` to be written (replacing a not-yet-started write of the same record) and starts the writer if idle.
pub fn save<R: Record + 'static>(record: R) {
    let state = AppState::get();
    let id = record.meta().id.clone();
    let write: Write = Box::new(move |store: Store| Box::pin(write_record(store, record)));
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
        // The write queue of the save indicator: drains pending records one at a time until none is left.
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
