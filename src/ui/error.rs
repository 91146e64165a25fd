//! [`PageError`]: why a page's data did not load or a user's action did not happen — one type for every page, shown
//! by one component, [`message`].
//!
//! A storage failure keeps its own type ([`StoreError`]) up to the page, which shows its Thai text (a sync failure,
//! [`SyncError`], its text); a refusal already worded for the user (a field, a line or a file named by a domain rule) is
//! [`PageError::Refused`]. An action's result is an [`Outcome`]: the message to show when it worked.

use std::fmt;

use leptos::prelude::*;

use crate::store::StoreError;
use crate::sync::http::SyncError;

/// Why a load or an action failed. [`Display`](fmt::Display) is the Thai message the page shows.
#[derive(Clone, Debug, PartialEq)]
pub enum PageError {
    /// The browser's storage failed (nothing was changed).
    Store(StoreError),
    /// Talking to the sync server failed: the [`SyncError`]'s Thai text, written when it is converted, so that pages
    /// which never sync do not carry the sync errors' texts.
    Sync(String),
    /// Refused before anything was stored: the message names the field, line or file.
    Refused(String),
}

impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageError::Store(e) => write!(f, "{e}"),
            PageError::Sync(e) => write!(f, "{e}"),
            PageError::Refused(e) => f.write_str(e),
        }
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        PageError::Store(e)
    }
}

impl From<SyncError> for PageError {
    fn from(e: SyncError) -> Self {
        PageError::Sync(e.to_string())
    }
}

impl From<String> for PageError {
    fn from(e: String) -> Self {
        PageError::Refused(e)
    }
}

impl From<&str> for PageError {
    fn from(e: &str) -> Self {
        PageError::Refused(e.to_string())
    }
}

/// What a user's action ended with: the message to show when it worked, or why it did not.
pub type Outcome = Result<String, PageError>;

/// The one message box of the app: an action's outcome (ok or error) under its button; nothing before it ran, nor
/// for an action that ends by opening another page (`Ok` with no text).
pub fn message(outcome: impl Into<Signal<Option<Outcome>>>) -> AnyView {
    let outcome = outcome.into();
    (move || {
        outcome.get().and_then(|m| match m {
            Ok(text) if text.is_empty() => None,
            Ok(text) => Some(view! { <p class="msg ok" role="status">{text}</p> }.into_any()),
            Err(e) => Some(error_box(&e)),
        })
    })
    .into_any()
}

/// A failure as the red alert box every page shows.
pub fn error_box(e: &PageError) -> AnyView {
    view! { <p class="msg error" role="alert">{e.to_string()}</p> }.into_any()
}

/// The outcome of an [`Action`] as a signal for [`message`] (the latest run's; nothing before the first).
pub fn outcome<I: 'static>(action: Action<I, Outcome>) -> Signal<Option<Outcome>> {
    Signal::derive(move || action.value().get())
}

/// One message for two actions that share a place on the page: the outcome of whichever finished last.
pub fn latest_of<A: 'static, B: 'static>(a: Action<A, Outcome>, b: Action<B, Outcome>) -> Signal<Option<Outcome>> {
    let shown = RwSignal::new(None);
    Effect::new(move |_| a.value().get().map(|v| shown.set(Some(v))));
    Effect::new(move |_| b.value().get().map(|v| shown.set(Some(v))));
    shown.into()
}
