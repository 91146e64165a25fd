//! Files in and out of the browser: download a text file, read a picked file (its bytes, as UTF-8 or Windows-874:
//! `domain::text`), a file picker in Thai. A table file (a CSV importer's picker, [`table_file_picker`] /
//! [`table_file_field`]) may also be an Excel workbook: its chosen sheet is read by the spreadsheet worker
//! (`ui::xlsx`) into the CSV text the importer already reads, line N being row N, and the importer's errors then name
//! rows ([`import_table_action`]).

use std::rc::Rc;

use leptos::prelude::*;
use crate::ui::action::page_action;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::text::{decode, Decoded, Encoding};
use super::error::{Outcome, PageError};

/// Offers `text` as a download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    download_blob(filename, mime, &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)))
}

/// Offers `bytes` as a download named `filename`.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_blob(filename, mime, &js_sys::Array::of1(&js_sys::Uint8Array::from(bytes)))
}

fn download_blob(filename: &str, mime: &str, parts: &js_sys::Array) -> Result<(), String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options).map_err(js_error)?;
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
    /// The sheet read, when the file was an Excel workbook (`text` is then that sheet as CSV, line N = row N).
    pub sheet: Option<String>,
}

impl Picked {
    /// ` (อ่านเป็น Windows-874 (TIS-620))` or ` (แผ่นงาน "…")` to put after an import's result, or nothing for UTF-8.
    pub fn note(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!(" (แผ่นงาน \"{sheet}\")"),
            None if self.encoding == Encoding::Utf8 => String::new(),
            None => format!(" (อ่านเป็น {})", self.encoding.label()),
        }
    }

    /// An importer's refusal of this file: a workbook's names rows (`แถว 12`) where a CSV's names lines.
    pub fn refusal(&self, e: PageError) -> PageError {
        match (e, &self.sheet) {
            (PageError::Refused(e), Some(_)) => PageError::Refused(crate::domain::sheet::row_message(&e)),
            (e, _) => e,
        }
    }
}

/// One file's bytes, decoded by `domain::text`; the error (in Thai) names the file.
pub async fn read_file(file: &web_sys::File) -> Result<Picked, String> {
    let name = file.name();
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| format!("{name}: อ่านไฟล์ไม่ได้ ({})", js_error(e)))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let Decoded { text, encoding } = decode(&name, &bytes)?;
    Ok(Picked { name, text, encoding, sheet: None })
}

/// A picked table file: an Excel workbook (`.xlsx`) read by the spreadsheet worker — the sheet chosen in its
/// [`table_file_field`] (the input's `data-sheet`), else the first — or a CSV read as text ([`read_file`]).
pub async fn read_table_file(file: &web_sys::File, input: &web_sys::HtmlInputElement) -> Result<Picked, String> {
    let name = file.name();
    if !crate::domain::sheet::is_xlsx(&name) {
        return read_file(file).await;
    }
    let (sheet, text) = super::xlsx::read_sheet(file, input.get_attribute("data-sheet")).await?;
    Ok(Picked { name, text, encoding: Encoding::Utf8, sheet: Some(sheet) })
}

/// The first file picked in a table file input, read as a table ([`read_table_file`]).
pub async fn read_picked_table(input: &web_sys::HtmlInputElement) -> Result<Option<Picked>, String> {
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return Ok(None) };
    read_table_file(&file, input).await.map(Some)
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
/// `accept` for table files: CSV, or an Excel workbook.
pub const TABLE: &str = ".csv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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

/// [`import_file_action`] for a table file picker ([`table_file_picker`]): the file is read by
/// [`read_table_file`], and a workbook's refusal names rows ([`Picked::refusal`]).
pub fn import_table_action<F>(import: impl Fn(Picked) -> F + 'static) -> Action<web_sys::HtmlInputElement, Outcome>
where
    F: std::future::Future<Output = Outcome> + 'static,
{
    let import = std::rc::Rc::new(import);
    page_action(move |input: &web_sys::HtmlInputElement| {
        let (input, import) = (input.clone(), import.clone());
        async move {
            let picked = read_picked_table(&input).await;
            input.set_value("");
            let Some(picked) = picked? else { return Ok(String::new()) };
            import(picked.clone()).await.map_err(|e| picked.refusal(e))
        }
    })
}

/// A labelled picker of one table file (CSV or `.xlsx`, [`TABLE`]) that runs `import` ([`import_table_action`]);
/// shown as a Thai button with the sheet choice of a workbook ([`table_file_field`]).
pub fn table_file_picker(
    label: &'static str,
    testid: &'static str,
    import: Action<web_sys::HtmlInputElement, Outcome>,
) -> impl IntoView {
    let input = view! {
        <input type="file" class="file-input" accept=TABLE data-testid=testid
            on:change=move |ev| { import.dispatch_local(event_target(&ev)); }/>
    };
    table_file_field(Some(label), input.into_any())
}

/// [`thai_file_field`] for a table file: when the file picked is an Excel workbook of several sheets, a Thai select
/// ("แผ่นงาน") lists them; the first is read at once, and choosing another reads the same file again with that sheet
/// (the choice is the input's `data-sheet`; the file is put back into the input and its `change` fired again, so the
/// page's own handler runs as for a pick). The names come from the spreadsheet worker (`ui::xlsx::sheet_names`).
/// Not generic (`input` is erased): one copy of it per page, whatever its pickers. The select is filled and shown
/// by hand, not by signals: it changes once per pick, and Leptos' reactive list would cost each page that imports a
/// table more than all the rest of this field.
pub fn table_file_field(label: Option<&'static str>, input: AnyView) -> AnyView {
    // The input and the workbook last picked in it (a sheet chosen reads it again).
    let picked = Rc::new(std::cell::RefCell::new(None::<(web_sys::HtmlInputElement, web_sys::File)>));
    let last = picked.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        // The select's replay of the pick (marked `data-replay`) keeps the list and the choice.
        if input.has_attribute("data-replay") {
            let _ = input.remove_attribute("data-replay");
            return;
        }
        let _ = input.remove_attribute("data-sheet");
        // This field's own select, beside the input.
        let select = input.closest(".table-file").ok().flatten().and_then(|f| f.query_selector("select").ok().flatten());
        let Some(select) = select.and_then(|s| s.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
        show_sheets(&select, &[]);
        let file = input.files().and_then(|f| f.get(0)).filter(|f| crate::domain::sheet::is_xlsx(&f.name()));
        *last.borrow_mut() = file.clone().map(|f| (input, f));
        if let Some(file) = file {
            let last = last.clone();
            leptos::task::spawn_local(async move {
                // A workbook that cannot be read says so through the import itself; a list that comes after
                // another pick is not shown.
                if let Ok(names) = super::xlsx::sheet_names(&file).await {
                    if last.borrow().as_ref().is_some_and(|(_, f)| *f == file) {
                        show_sheets(&select, if names.len() > 1 { &names } else { &[] });
                    }
                }
            });
        }
    };
    let choose = move |ev: leptos::ev::Event| {
        let sheet = event_target_value(&ev);
        let Some((input, file)) = picked.borrow().clone() else { return };
        let _ = input.set_attribute("data-sheet", &sheet);
        let _ = input.set_attribute("data-replay", "");
        if let Ok(dt) = web_sys::DataTransfer::new() {
            let _ = dt.items().add_with_file(&file);
            input.set_files(dt.files().as_ref());
        }
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(change) = web_sys::Event::new_with_event_init_dict("change", &init) {
            let _ = input.dispatch_event(&change);
        }
    };
    view! {
        <div class="table-file" on:change=on_change>
            {thai_file_field(label, input)}
            <label class="field" hidden>
                <span>"แผ่นงาน"</span>
                <select data-testid="sheet-choice" on:change=choose></select>
            </label>
        </div>
    }
    .into_any()
}

/// Fills a table file's sheet select with `names` (the first chosen) and shows its label, or empties and hides it.
fn show_sheets(select: &web_sys::HtmlSelectElement, names: &[String]) {
    select.set_length(0);
    for name in names {
        if let Ok(option) = web_sys::HtmlOptionElement::new_with_text(name) {
            let _ = select.add_with_html_option_element(&option);
        }
    }
    if let Some(label) = select.parent_element() {
        let _ = if names.is_empty() { label.set_attribute("hidden", "") } else { label.remove_attribute("hidden") };
    }
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
    // The input's own change handler runs first (the event starts at it) and may clear it later, in a task: the
    // names are read here, as the event bubbles, and written into the field by hand (no signal: one text per pick).
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let names: Vec<String> =
            input.files().map(|f| (0..f.length()).filter_map(|i| f.get(i)).map(|f| f.name()).collect()).unwrap_or_default();
        let shown = match names.as_slice() {
            [] => NO_FILE.to_string(),
            [one] => one.clone(),
            few @ [_, _, ..] if few.len() <= 3 => format!("{} ไฟล์: {}", few.len(), few.join(", ")),
            many => format!("{} ไฟล์: {}, …", many.len(), many[..3].join(", ")),
        };
        let field = input.closest(".file-field").ok().flatten();
        if let Some(name) = field.and_then(|f| f.query_selector(".file-name").ok().flatten()) {
            name.set_text_content(Some(&shown));
        }
    };
    view! {
        <label class="field file-field" on:change=on_change>
            {label.map(|l| view! { <span>{l}</span> })}
            <span class="file-pick">
                {input}
                <span class="file-button">"เลือกไฟล์"</span>
                <span class="file-name">{NO_FILE}</span>
            </span>
        </label>
    }
}

const NO_FILE: &str = "ยังไม่ได้เลือกไฟล์";

fn js_error(e: wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "JavaScript error".into())
}
