//! A page's stored data: read through a [`LocalResource`] that reloads after every change made outside the page
//! (an import, a pull: [`AppState::data_changed`]), shown in a [`Transition`] so the old content stays on screen while
//! it reloads.
//!
//! Every page's data goes through one resource type and one `<Transition>`: the loaded value is held as an `Rc<dyn
//! Any>` and its reader boxed, so Leptos' async machinery is compiled once for the whole app instead of once per
//! page's data type (several kilobytes gzipped on a page with many kinds of data; [`PageData::get`] hands back the page's
//! own type).

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

use super::error::{error_box, PageError};
use super::state::AppState;
use crate::store::Store;

/// What every page's resource holds: the page's data behind `dyn Any`, or why it could not be read.
type Held = Result<Rc<dyn Any>, PageError>;
/// The one future type every page's read is boxed into.
type Read = Pin<Box<dyn Future<Output = Held>>>;

/// A page's data, of type `T`: read from the store now and again after each [`AppState::data_changed`].
pub struct PageData<T> {
    resource: LocalResource<Held>,
    data: PhantomData<fn() -> T>,
}

impl<T> Clone for PageData<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for PageData<T> {}

impl<T: Clone + 'static> PageData<T> {
    /// The data read (tracked): `None` while the first read runs, then the latest read's result (a reload keeps the
    /// previous one until it is done).
    pub fn get(&self) -> Option<Result<T, PageError>> {
        self.resource.get().and_then(|held| match held {
            Ok(any) => any.downcast_ref::<T>().cloned().map(Ok),
            Err(e) => Some(Err(e)),
        })
    }
}

/// Reads `load` from the store now and again after each [`AppState::data_changed`].
pub fn page_data<T: 'static, F>(load: impl Fn(Store) -> F + 'static) -> PageData<T>
where
    F: Future<Output = Result<T, PageError>> + 'static,
{
    PageData { resource: resource(boxed(load), true), data: PhantomData }
}

/// [`page_data`] read once, when the part of the page that asks for it is built, and again only when a signal read by
/// `load` itself changes, not after an import: a judge's own marks (which only this page writes), an analysis worked
/// out in the background, a comparison of the two analyses picked.
pub fn page_data_once<T: 'static, F>(load: impl Fn(Store) -> F + 'static) -> PageData<T>
where
    F: Future<Output = Result<T, PageError>> + 'static,
{
    PageData { resource: resource(boxed(load), false), data: PhantomData }
}

/// `load` with its data behind `dyn Any` and its future boxed.
fn boxed<T: 'static, F>(load: impl Fn(Store) -> F + 'static) -> Box<dyn Fn(Store) -> Read>
where
    F: Future<Output = Result<T, PageError>> + 'static,
{
    Box::new(move |store: Store| -> Read {
        let fut = load(store);
        Box::pin(async move { fut.await.map(|data| Rc::new(data) as Rc<dyn Any>) })
    })
}

/// The one compiled copy of a page's resource; `again`: read again after each [`AppState::data_changed`].
fn resource(read: Box<dyn Fn(Store) -> Read>, again: bool) -> LocalResource<Held> {
    let state = AppState::get();
    LocalResource::new(move || {
        if again {
            state.data_version.track();
        }
        read(state.store())
    })
}

/// Renders `body` with the data once it is read ("กำลังโหลด…" before, the error box if it failed). Reloads keep the
/// shown content until the new data is there; `body` is built untracked (reading signals while building must not
/// rebuild it), and again for each reload.
pub fn loaded<T: Clone + 'static, V: IntoView + 'static>(
    data: PageData<T>,
    body: impl Fn(T) -> V + Send + Sync + 'static,
) -> AnyView {
    transition(Box::new(move || {
        data.get().map(|read| match read {
            Ok(d) => untrack(|| body(d).into_any()),
            Err(e) => error_box(&e),
        })
    }))
}

/// The one compiled copy of the `<Transition>` every page's data is shown in.
fn transition(shown: Box<dyn Fn() -> Option<AnyView> + Send + Sync>) -> AnyView {
    view! {
        <Transition fallback=|| view! { <p class="muted">"กำลังโหลด…"</p> }>
            {shown}
        </Transition>
    }
    .into_any()
}
