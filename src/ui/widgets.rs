//! Small shared pieces of pages: a page's loaded data, a number box, an action's message.

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::numbers::{parse, Kind};
use crate::domain::record::Record;
use crate::domain::thai_date::{academic_year_be, parse_academic_year, parse_iso_date};
use crate::store::{now_iso, Store};
use rust_decimal::Decimal;

use super::route::navigate;
use crate::routes::Route;
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

/// A labelled number box (`testid` may follow a row's place). Typed text is parsed with
/// [`crate::domain::numbers::parse`] (with the bounds of `kind`); a valid value (or a cleared box) is passed to
/// `on_value`, a bad one shows the message naming the field and changes nothing.
pub fn number_field(
    label: String,
    kind: Kind,
    initial: Option<Decimal>,
    testid: Signal<String>,
    disabled: impl Fn() -> bool + Send + Sync + 'static,
    on_value: impl Fn(Option<Decimal>) + 'static,
) -> impl IntoView {
    number_box(label, kind, initial, testid, None, Signal::derive(disabled), Box::new(on_value), Box::new(|_| {}), true)
}

/// [`number_field`] that also reports whether the typed text is currently invalid (`true` while the box shows an
/// error), so a page can show a result computed from the last valid value as pending instead of current.
pub fn number_field_watched(
    label: String,
    kind: Kind,
    initial: Option<Decimal>,
    testid: Signal<String>,
    disabled: impl Fn() -> bool + Send + Sync + 'static,
    on_value: impl Fn(Option<Decimal>) + 'static,
    on_invalid: impl Fn(bool) + 'static,
) -> impl IntoView {
    number_box(label, kind, initial, testid, None, Signal::derive(disabled), Box::new(on_value), Box::new(on_invalid), true)
}

/// The bare number box of [`number_field`] (for a table cell): the input and its error message; `aria_label` names
/// it when there is no visible label.
#[allow(clippy::too_many_arguments)]
pub fn number_input(
    label: String,
    kind: Kind,
    initial: Option<Decimal>,
    testid: Signal<String>,
    aria_label: Option<&'static str>,
    disabled: impl Fn() -> bool + Send + Sync + 'static,
    on_value: impl Fn(Option<Decimal>) + 'static,
    on_invalid: impl Fn(bool) + 'static,
) -> impl IntoView {
    number_box(label, kind, initial, testid, aria_label, Signal::derive(disabled), Box::new(on_value), Box::new(on_invalid), false)
}

/// The one copy of the number box's view (the callers' closures are boxed, so the view is not compiled per caller):
/// with its label when `labelled`.
#[allow(clippy::too_many_arguments)]
fn number_box(
    label: String,
    kind: Kind,
    initial: Option<Decimal>,
    testid: Signal<String>,
    aria_label: Option<&'static str>,
    disabled: Signal<bool>,
    on_value: Box<dyn Fn(Option<Decimal>)>,
    on_invalid: Box<dyn Fn(bool)>,
    labelled: bool,
) -> AnyView {
    let error = RwSignal::new(None::<String>);
    let whole = kind.bounds().decimals == 0;
    let shown = labelled.then(|| label.clone());
    let input = view! {
        <input
            type="text"
            inputmode=if whole { "numeric" } else { "decimal" }
            class="num"
            autocomplete="off"
            data-testid=testid
            aria-label=aria_label
            value=initial.map(|d| d.to_string()).unwrap_or_default()
            prop:disabled=disabled
            aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
            on:input=move |ev| match parse(&label, &event_target_value(&ev), kind) {
                Ok(v) => {
                    error.set(None);
                    on_invalid(false);
                    on_value(v);
                }
                Err(e) => {
                    error.set(Some(e));
                    on_invalid(true);
                }
            }
        />
        {move || error.get().map(|e| view! { <span class="error" role="alert">{e}</span> })}
    };
    match shown {
        Some(label) => view! {
            <label class="field">
                <span>{label}</span>
                {input}
            </label>
        }
        .into_any(),
        None => input.into_any(),
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

/// The current academic year (พ.ศ.), by today's date in Thailand.
pub fn current_year() -> u16 {
    crate::domain::thai_time::date_iso(&now_iso()).and_then(|d| parse_iso_date(&d)).map_or(2569, |(y, m, _)| academic_year_be(y, m) as u16)
}

/// The "add an academic year" form of the self-assessment and registration pages: a พ.ศ. box preset to the first
/// year from the current one that `existing` lacks, read with [`parse_academic_year`] (a bad year is named and
/// nothing is written). A year already there opens `route(year)` when `reopen`, else it is refused; a new year is
/// written as `make(year)` and then opened. `testids` are the box's and the button's.
pub fn add_year_form<R: Record + 'static>(
    existing: Vec<u16>,
    testids: (&'static str, &'static str),
    button: &'static str,
    reopen: bool,
    make: impl Fn(u16) -> R + 'static,
    route: impl Fn(u16) -> Route + Clone + 'static,
) -> impl IntoView {
    let state = AppState::get();
    let year_text = RwSignal::new((current_year()..).find(|y| !existing.contains(y)).map(|y| y.to_string()).unwrap_or_default());
    let msg = RwSignal::new(None::<Result<String, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let year = match parse_academic_year(&year_text.get_untracked()) {
            Ok(y) => y,
            Err(e) => return msg.set(Some(Err(e))),
        };
        if existing.contains(&year) {
            return if reopen { navigate(route(year)) } else { msg.set(Some(Err(format!("ปีการศึกษา: มีปี {year} อยู่แล้ว")))) };
        }
        let record = make(year);
        let route = route.clone();
        spawn_local(async move {
            // Created only if absent: the id is derived from the college and year, so a year another tab or device
            // already opened (and filled in) is kept as it is, never overwritten with an empty one.
            let fresh = serde_json::to_value(&record).unwrap_or_default();
            match state.store().put_if_unchanged(&fresh, &record).await.map(|_| ()) {
                Ok(()) => navigate(route(year)),
                Err(e) => msg.set(Some(Err(e.to_string()))),
            }
        });
    };
    view! {
        <form class="row" on:submit=submit>
            <label class="field">
                <span>"ปีการศึกษา (พ.ศ.)"</span>
                <input type="text" inputmode="numeric" maxlength="4" class="num" size="5" data-testid=testids.0
                    prop:value=year_text on:input=move |ev| year_text.set(event_target_value(&ev)) />
            </label>
            <button type="submit" data-testid=testids.1>{button}</button>
        </form>
        {message(msg)}
    }
}
