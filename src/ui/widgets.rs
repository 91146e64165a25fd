//! Small shared pieces of pages: a page's loaded data, a number box, an action's message.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mattrathan::domain::numbers::{parse, Kind};
use mattrathan::store::Store;
use rust_decimal::Decimal;

use super::state::AppState;

/// Loaded data: `None` while loading, then the result.
pub type Loaded<T> = RwSignal<Option<Result<T, String>>>;

/// Runs `load` now and after every import, into a signal.
pub fn loader<T: Send + Sync + 'static, F>(load: impl Fn(Store) -> F + 'static) -> Loaded<T>
where
    F: std::future::Future<Output = Result<T, String>> + 'static,
{
    let state = AppState::get();
    let data: Loaded<T> = RwSignal::new(None);
    Effect::new(move |_| {
        state.data_version.track();
        let fut = load(state.store());
        spawn_local(async move { data.set(Some(fut.await)) });
    });
    data
}

/// Renders `body` once loaded, untracked (reading signals while building must not rebuild the page).
pub fn with_loaded<T: Clone + Send + Sync + 'static, V: IntoView + 'static>(
    data: Loaded<T>,
    body: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView {
    move || match data.get() {
        None => view! { <p class="muted">"กำลังโหลด…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="msg error" role="alert">{e}</p> }.into_any(),
        Some(Ok(d)) => untrack(|| body(d).into_any()),
    }
}

/// A labelled number box. Typed text is parsed with [`mattrathan::domain::numbers::parse`]; a valid value (or a
/// cleared box) is passed to `on_value`, a bad one shows the message naming the field and changes nothing.
pub fn number_field(
    label: String,
    kind: Kind,
    initial: Option<Decimal>,
    testid: String,
    disabled: impl Fn() -> bool + Send + Sync + 'static,
    on_value: impl Fn(Option<Decimal>) + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let label_for_errors = label.clone();
    view! {
        <label class="field">
            <span>{label}</span>
            <input
                type="text"
                inputmode=if kind == Kind::Whole { "numeric" } else { "decimal" }
                class="num"
                autocomplete="off"
                data-testid=testid
                value=initial.map(|d| d.to_string()).unwrap_or_default()
                prop:disabled=disabled
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                on:input=move |ev| match parse(&label_for_errors, &event_target_value(&ev), kind) {
                    Ok(v) => {
                        error.set(None);
                        on_value(v);
                    }
                    Err(e) => error.set(Some(e)),
                }
            />
            {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
        </label>
    }
}

/// A message box for the result of an action (ok or error), empty when there is none.
pub fn message(msg: RwSignal<Option<Result<String, String>>>) -> impl IntoView {
    move || {
        msg.get().map(|m| match m {
            Ok(text) => view! { <p class="msg ok" role="status">{text}</p> }.into_any(),
            Err(text) => view! { <p class="msg error" role="alert">{text}</p> }.into_any(),
        })
    }
}
