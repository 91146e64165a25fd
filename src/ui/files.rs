//! Files in and out of the browser: download a text file, read a picked file (its bytes, as UTF-8 or Windows-874:
//! `domain::text`), a file picker in Thai.

use leptos::prelude::*;
use crate::ui::action::page_action;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::text::{decode, Decoded, Encoding};
use super::error::Outcome;

/// Offers `text` as a download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let document = leptos::prelude::document();
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(js_error)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    web_sys::HtmlElement::style(&a).set_property("display", "none").map_err(js_error)?;
    document.body().ok_or("no body")?.append_child(&a).map_err(js_error)?;
    a.click();
    a.remove();
    web_sys::Url::revoke_object_url(&url).map_err(js_error)?;
    Ok(())
}

/// A picked file read as text (`domain::text`: UTF-8 or Windows-874), with the encoding it was read as.
#[derive(Clone, Debug)]
pub struct Picked {
    pub name: String,
    pub text: String,
    pub encoding: Encoding,
}

impl Picked {
    /// ` (อ่านเป็น Windows-874 (TIS-620))` to put after an import's result, or nothing for UTF-8.
    pub fn note(&self) -> String {
        if self.encoding == Encoding::Utf8 { String::new() } else { format!(" (อ่านเป็น {})", self.encoding.label()) }
    }
}

/// One file's bytes, decoded by `domain::text`; the error (in Thai) names the file.
pub async fn read_file(file: &web_sys::File) -> Result<Picked, String> {
    let name = file.name();
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| format!("{name}: อ่านไฟล์ไม่ได้ ({})", js_error(e)))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let Decoded { text, encoding } = decode(&name, &bytes)?;
    Ok(Picked { name, text, encoding })
}

/// The first file picked in a file input, read as text.
pub async fn read_picked_text(input: &web_sys::HtmlInputElement) -> Result<Option<Picked>, String> {
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return Ok(None) };
    read_file(&file).await.map(Some)
}

/// Every file picked in a file input (`multiple`), in the order picked, read as text; the first that cannot be
/// read is the error.
pub async fn read_picked_texts(input: &web_sys::HtmlInputElement) -> Result<Vec<Picked>, String> {
    let Some(files) = input.files() else { return Ok(Vec::new()) };
    let mut out = Vec::with_capacity(files.length() as usize);
    for file in (0..files.length()).filter_map(|i| files.get(i)) {
        out.push(read_file(&file).await?);
    }
    Ok(out)
}

/// `accept` for JSON files.
pub const JSON: &str = ".json,application/json";
/// `accept` for CSV files.
pub const CSV: &str = ".csv,text/csv,text/plain";

/// An import from picked files: when a file input changes, every file picked is read as text (a file that cannot be
/// read is the error, naming it) and handed to `import`, whose outcome the page shows with
/// [`message`](super::error::message); the input is cleared so the same file can be picked again. Picking nothing
/// does nothing. `import` runs after an await: it takes what it needs (the app state, the page's context) when the
/// page is built.
pub fn import_action<F>(import: impl Fn(Vec<Picked>) -> F + 'static) -> Action<web_sys::HtmlInputElement, Outcome>
where
    F: std::future::Future<Output = Outcome> + 'static,
{
    let import = std::rc::Rc::new(import);
    page_action(move |input: &web_sys::HtmlInputElement| {
        let (input, import) = (input.clone(), import.clone());
        async move {
            let files = read_picked_texts(&input).await;
            input.set_value("");
            let files = files?;
            if files.is_empty() {
                return Ok(String::new());
            }
            import(files).await
        }
    })
}

/// [`import_action`] for a picker of one file: `import` gets the file picked.
pub fn import_file_action<F>(import: impl Fn(Picked) -> F + 'static) -> Action<web_sys::HtmlInputElement, Outcome>
where
    F: std::future::Future<Output = Outcome> + 'static,
{
    import_action(move |files: Vec<Picked>| {
        let read = files.into_iter().next().map(&import);
        async move {
            match read {
                Some(read) => read.await,
                None => Ok(String::new()),
            }
        }
    })
}

/// A labelled file picker (`accept`: e.g. `.json,application/json`) that runs `import` (see [`import_action`]) on the
/// picked files. Shown as a Thai button ([`thai_file_field`]).
pub fn file_picker(
    label: &'static str,
    accept: &'static str,
    testid: &'static str,
    multiple: bool,
    import: Action<web_sys::HtmlInputElement, Outcome>,
) -> impl IntoView {
    let input = view! {
        <input type="file" class="file-input" accept=accept multiple=multiple data-testid=testid
            on:change=move |ev| { import.dispatch_local(event_target(&ev)); }/>
    };
    thai_file_field(Some(label), input)
}

/// A file input shown in Thai: the browser's own button and "No file chosen" (in the browser's language) are
/// replaced by a "เลือกไฟล์" button and the name of the file last picked, or "ยังไม่ได้เลือกไฟล์". The `input` (an
/// `<input type="file" class="file-input">` with its own handlers and test id) stays the real control: visually
/// hidden but focusable, the whole label opens it, and `:focus-within` draws the focus ring on the button.
pub fn thai_file_field(label: Option<&'static str>, input: impl IntoView + 'static) -> impl IntoView {
    let chosen = RwSignal::new(Vec::<String>::new());
    // The input's own change handler runs first (the event starts at it) and may clear it later, in a task: the
    // names are read here, as the event bubbles.
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let names = input.files().map(|f| (0..f.length()).filter_map(|i| f.get(i)).map(|f| f.name()).collect());
        chosen.set(names.unwrap_or_default());
    };
    let shown = move || {
        chosen.with(|names| match names.as_slice() {
            [] => "ยังไม่ได้เลือกไฟล์".to_string(),
            [one] => one.clone(),
            few @ [_, _, ..] if few.len() <= 3 => format!("{} ไฟล์: {}", few.len(), few.join(", ")),
            many => format!("{} ไฟล์: {}, …", many.len(), many[..3].join(", ")),
        })
    };
    view! {
        <label class="field file-field" on:change=on_change>
            {label.map(|l| view! { <span>{l}</span> })}
            <span class="file-pick">
                {input}
                <span class="file-button">"เลือกไฟล์"</span>
                <span class="file-name">{shown}</span>
            </span>
        </label>
    }
}

fn js_error(e: wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "JavaScript error".into())
}
