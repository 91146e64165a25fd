//! Small shared pieces of pages: a number box, the Thai date box, the "add an academic year" form.

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::numbers::{parse, Kind};
use crate::domain::record::Record;
use crate::domain::thai_date::{
    academic_year_be, parse_academic_year, parse_iso_date, parse_thai_date, thai_short_date, THAI_DATE_PLACEHOLDER,
};
use crate::store::now_iso;
use rust_decimal::Decimal;

use super::route::navigate;
use crate::routes::Route;
use super::state::AppState;

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

/// The one date box of every form where a date is typed: the Thai way, day/month/พ.ศ. year (`12/05/2543`,
/// `12 พ.ค. 2543`, Thai digits; see [`parse_thai_date`]), never the browser's Christian-era mm/dd/yyyy box; the
/// "ปฏิทิน" button opens the browser's calendar (`showPicker` on a date input that is never shown as a box) and
/// fills the box with the picked day in พ.ศ. `initial` is the stored `YYYY-MM-DD` (Common Era), shown as
/// `12/05/2543` (a stored text that is not a date is shown as it is). Each edit is read at once: `on_value` gets
/// `Ok` with the date to store (`""` for a blank box) or `Err` with the Thai refusal naming the field
/// (`วันเกิด: ไม่มีวันที่ 31 กุมภาพันธ์ 2543`), which the form shows instead of saving. The refusal is also shown
/// under the box as it is typed (`aria-invalid`, `aria-describedby`), as the number boxes do — a half-typed date is
/// told the format; shown only after leaving the box, it would push the form's button away under a click. A good
/// date is rewritten as `dd/mm/ปปปป` on leaving.
pub fn thai_date_input(
    label: &'static str,
    initial: String,
    testid: String,
    on_value: impl Fn(Result<String, String>) + 'static,
) -> impl IntoView {
    thai_date_box(label, initial, testid, std::rc::Rc::new(on_value))
}

/// The one compiled copy of [`thai_date_input`].
fn thai_date_box(label: &'static str, initial: String, testid: String, on_value: std::rc::Rc<dyn Fn(Result<String, String>)>) -> AnyView {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let input_id = format!("thai-date-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    let error_id = format!("{input_id}-error");
    let picker_testid = format!("{testid}-picker");
    let picker = NodeRef::<leptos::html::Input>::new();
    let text = RwSignal::new(thai_short_date(&initial).unwrap_or(initial));
    let error = RwSignal::new(None::<String>);
    let shown = move || error.get();
    let described_by = {
        let id = error_id.clone();
        move || shown().map(|_| id.clone())
    };
    // Reads the box, keeps its refusal, and hands the result to the form.
    let read = move |typed: String, leaving: bool| {
        let read = parse_thai_date(label, &typed).map(Option::unwrap_or_default);
        error.set(read.as_ref().err().cloned());
        match &read {
            Ok(iso) if leaving => text.set(thai_short_date(iso).unwrap_or_default()),
            _ => text.set(typed),
        }
        on_value(read);
    };
    let typed = read.clone();
    let picked = read.clone();
    view! {
        <div class="field">
            <label for=input_id.clone()>{label}</label>
            <div class="thai-date">
                <input
                    type="text"
                    id=input_id
                    inputmode="numeric"
                    autocomplete="off"
                    placeholder=THAI_DATE_PLACEHOLDER
                    data-testid=testid
                    prop:value=text
                    aria-invalid=move || if shown().is_some() { "true" } else { "false" }
                    aria-describedby=described_by
                    on:input=move |ev| typed(event_target_value(&ev), false)
                    on:change=move |_| read(text.get_untracked(), true)
                />
                <button type="button" class="secondary" aria-label=format!("เลือก{label}จากปฏิทิน")
                    on:click=move |_| {
                        if let Some(el) = picker.get_untracked() {
                            let _ = el.show_picker();
                        }
                    }>"ปฏิทิน"</button>
                <input type="date" class="thai-date-picker" tabindex="-1" aria-hidden="true" min="1857-01-01" max="2157-12-31"
                    node_ref=picker data-testid=picker_testid
                    prop:value=move || parse_thai_date(label, &text.get()).ok().flatten().unwrap_or_default()
                    on:change=move |ev| {
                        let iso = event_target_value(&ev);
                        if !iso.is_empty() {
                            picked(thai_short_date(&iso).unwrap_or(iso), true);
                        }
                    }
                />
            </div>
            {move || shown().map(|e| view! { <span class="error" id=error_id.clone() role="alert">{e}</span> })}
        </div>
    }
    .into_any()
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
    let add = page_action(move |_: &()| {
        let year = parse_academic_year(&year_text.get_untracked());
        let (existing, route, record) = (existing.clone(), route.clone(), year.as_ref().ok().map(|y| make(*y)));
        async move {
            let year = year?;
            if existing.contains(&year) {
                if !reopen {
                    return Err(format!("ปีการศึกษา: มีปี {year} อยู่แล้ว").into());
                }
            } else if let Some(record) = record {
                // Created only if absent: the id is derived from the college and year, so a year another tab or
                // device already opened (and filled in) is kept as it is, never overwritten with an empty one.
                let fresh = serde_json::to_value(&record).unwrap_or_default();
                state.store().put_if_unchanged(&fresh, &record).await?;
            }
            navigate(route(year));
            Ok(String::new())
        }
    });
    view! {
        <form class="row" on:submit=move |ev| { ev.prevent_default(); add.dispatch_local(()); }>
            <label class="field">
                <span>"ปีการศึกษา (พ.ศ.)"</span>
                <input type="text" inputmode="numeric" maxlength="4" class="num" size="5" data-testid=testids.0
                    prop:value=year_text on:input=move |ev| year_text.set(event_target_value(&ev)) />
            </label>
            <button type="submit" data-testid=testids.1>{button}</button>
        </form>
        {super::error::message(super::error::outcome(add))}
    }
}
