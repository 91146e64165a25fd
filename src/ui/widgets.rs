//! Small shared form pieces.

use leptos::prelude::*;
use crate::domain::numbers::{parse, Kind};
use rust_decimal::Decimal;

/// A labelled number box. Typed text is parsed with [`crate::domain::numbers::parse`]; a valid value (or a
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
