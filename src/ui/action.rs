//! A user's action on a page (import, export, create, save-as, sign in…): an [`Action`] whose result is an
//! [`Outcome`], shown by [`message`](super::error::message) with [`outcome`](super::error::outcome); its
//! `.pending()` disables its button.
//!
//! [`page_action`] is `Action::new_local` with the future boxed, so Leptos' action machinery is compiled once per
//! input type instead of once per action.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

use super::error::Outcome;

/// The one future type every page action's run is boxed into.
type Run = Pin<Box<dyn Future<Output = Outcome>>>;

/// An action: `run` is called with the dispatched input (read signals untracked there), and its future's
/// [`Outcome`] becomes the action's value.
pub fn page_action<I: 'static, F>(run: impl Fn(&I) -> F + 'static) -> Action<I, Outcome>
where
    F: Future<Output = Outcome> + 'static,
{
    erased(Box::new(move |input: &I| -> Run { Box::pin(run(input)) }))
}

fn erased<I: 'static>(run: Box<dyn Fn(&I) -> Run>) -> Action<I, Outcome> {
    Action::new_local(run)
}
