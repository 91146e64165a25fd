//! The app's global state, provided once as a context (one struct instead of loose signals).

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::store::Store;

use super::offline;
use crate::routes::{Bundle, Route};
use super::route::current_route_signal;

#[derive(Clone, Debug, PartialEq)]
pub enum DbStatus {
    Opening,
    Ready,
    Failed(String),
}

/// The save indicator in the top bar. `Saved` is shown only after IndexedDB confirmed the write.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// The page running here (its routes render, the others' are forwarded to their page).
    pub bundle: Bundle,
    /// The current address (`None`: none of the app's).
    pub route: RwSignal<Option<Route>>,
    pub db: RwSignal<DbStatus>,
    pub save: RwSignal<SaveState>,
    /// Bumped after changes made outside the current page (imports), so lists reload.
    pub data_version: RwSignal<u32>,
    /// A new release is downloaded and waits for the user's go-ahead (see `ui::offline`).
    pub update_ready: RwSignal<bool>,
    pub online: RwSignal<bool>,
    /// Stored records left out of the page's lists because they do not read (id, why): shown in one banner.
    pub unreadable: RwSignal<Vec<(String, String)>>,
    store: StoredValue<Option<Store>, LocalStorage>,
}

thread_local! {
    /// The state [`AppState::provide`] made (one per page), for [`AppState::get`] outside a reactive owner.
    static PAGE_STATE: std::cell::Cell<Option<AppState>> = const { std::cell::Cell::new(None) };
}

impl AppState {
    pub fn provide(bundle: Bundle) -> AppState {
        let state = AppState {
            bundle,
            route: current_route_signal(),
            db: RwSignal::new(DbStatus::Opening),
            save: RwSignal::new(SaveState::Idle),
            data_version: RwSignal::new(0),
            update_ready: RwSignal::new(false),
            online: offline::online_signal(),
            unreadable: RwSignal::new(Vec::new()),
            store: StoredValue::new_local(None),
        };
        provide_context(state);
        PAGE_STATE.set(Some(state));
        state
    }

    /// The page's state: from the reactive context, or — where a handler or task runs without a reactive owner (an
    /// event fired while its view is rebuilt, a timer) — the one the page provided at start. Never a panic: a page has
    /// exactly one state, provided before anything renders.
    pub fn get() -> AppState {
        use_context::<AppState>().or_else(|| PAGE_STATE.get()).expect("AppState::provide runs before any view")
    }

    pub fn open_database(self) {
        // The shell's one-time start, before any page renders (pages read the store through `page_data`).
        spawn_local(async move {
            match Store::open().await {
                Ok(store) => {
                    let unreadable = self.unreadable;
                    store.on_unreadable(move |found| unreadable.set(found));
                    self.store.set_value(Some(store));
                    self.db.set(DbStatus::Ready);
                }
                Err(e) => self.db.set(DbStatus::Failed(e.to_string())),
            }
        });
    }

    /// The open store. Pages render only once the database is ready, so this is `Some` wherever pages call it.
    pub fn store(&self) -> Store {
        self.store.get_value().expect("pages render only after the database opened")
    }

    /// Swaps in a new connection after the old one was closed under us (`Store::retry_reopening`).
    pub fn replace_store(&self, store: Store) {
        self.store.set_value(Some(store));
    }

    pub fn data_changed(&self) {
        self.data_version.update(|v| *v += 1);
    }
}
