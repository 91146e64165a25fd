//! A page's stored data: read through a [`LocalResource`] that reloads after every change made outside the page
//! (an import, a pull: [`AppState::data_changed`]), shown in a [`Transition`] so the old content stays on screen while
//! it reloads.

use std::future::Future;

use leptos::prelude::*;

use super::error::{error_box, PageError};
use super::state::AppState;
use crate::store::Store;

/// A page's data: `Ok` once read, or why it could not be.
pub type PageData<T> = LocalResource<Result<T, PageError>>;

/// Reads `load` from the store now and again after each [`AppState::data_changed`].
pub fn page_data<T: 'static, F>(load: impl Fn(Store) -> F + 'static) -> PageData<T>
where
    F: Future<Output = Result<T, PageError>> + 'static,
{
    let state = AppState::get();
    LocalResource::new(move || {
        state.data_version.track();
        load(state.store())
    })
}

/// Renders `body` with the data once it is read ("กำลังโหลด…" before, the error box if it failed). Reloads keep the
/// shown content until the new data is there; `body` is built untracked (reading signals while building must not
/// rebuild it), and again for each reload.
pub fn loaded<T: Clone + 'static, V: IntoView + 'static>(
    data: PageData<T>,
    body: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <Transition fallback=|| view! { <p class="muted">"กำลังโหลด…"</p> }>
            {move || data.get().map(|read| match read {
                Ok(d) => untrack(|| body(d).into_any()),
                Err(e) => error_box(&e),
            })}
        </Transition>
    }
}
