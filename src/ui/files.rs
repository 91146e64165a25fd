//! Files in and out of the browser: download a text file, read a picked file, a file picker.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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

/// The text of the first file picked in a file input.
pub async fn read_picked_text(input: &web_sys::HtmlInputElement) -> Result<Option<(String, String)>, String> {
    let Some(file) = input.files().and_then(|f| f.get(0)) else { return Ok(None) };
    let text = JsFuture::from(file.text()).await.map_err(js_error)?;
    Ok(Some((file.name(), text.as_string().unwrap_or_default())))
}

/// The names and texts of every file picked in a file input (`multiple`), in the order picked.
pub async fn read_picked_texts(input: &web_sys::HtmlInputElement) -> Result<Vec<(String, String)>, String> {
    let Some(files) = input.files() else { return Ok(Vec::new()) };
    let mut out = Vec::with_capacity(files.length() as usize);
    for file in (0..files.length()).filter_map(|i| files.get(i)) {
        let text = JsFuture::from(file.text()).await.map_err(js_error)?;
        out.push((file.name(), text.as_string().unwrap_or_default()));
    }
    Ok(out)
}

/// `accept` for JSON files.
pub const JSON: &str = ".json,application/json";
/// `accept` for CSV files.
pub const CSV: &str = ".csv,text/csv,text/plain";

/// A labelled file picker (`accept`: e.g. `.json,application/json`) that hands every picked file's (name, text) —
/// or why they could not be read — to `on_files`, then clears itself so the same file can be picked again.
pub fn file_picker(
    label: &'static str,
    accept: &'static str,
    testid: &'static str,
    multiple: bool,
    on_files: impl Fn(Result<Vec<(String, String)>, String>) + 'static,
) -> impl IntoView {
    let on_files = std::rc::Rc::new(on_files);
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="file" accept=accept multiple=multiple data-testid=testid on:change=move |ev| {
                let input: web_sys::HtmlInputElement = event_target(&ev);
                let on_files = on_files.clone();
                leptos::task::spawn_local(async move {
                    let files = read_picked_texts(&input).await;
                    input.set_value("");
                    on_files(files);
                });
            }/>
        </label>
    }
}

fn js_error(e: wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "JavaScript error".into())
}
