//! The spreadsheet worker: `.xlsx` files are read and written in a Web Worker (the bin `mattrathan-xlsx-worker`,
//! which Trunk builds from the `data-type="worker"` link of each page that imports or exports a spreadsheet), so the
//! spreadsheet crates (`crate::xlsx`: `calamine`, `rust_xlsxwriter`) are in the worker's wasm only and a page carries
//! just this glue. The worker is started for one job and terminated after it. Both sides live here: [`serve`] runs in
//! the worker, [`sheet_names`], [`read_sheet`] and [`write`] are the page's calls.
//!
//! The messages, plain JS objects:
//!
//! - worker → page `{ready: true}` once it listens;
//! - page → worker `{sheets: File}`, answered `{names: [String]}`;
//! - page → worker `{read: File, sheet: String | null}`, answered `{sheet: String, csv: String}` (the sheet as the
//!   importer's CSV text, line N = row N: `domain::sheet::Rows::to_csv`);
//! - page → worker `{write: "<domain::sheet::Workbook as JSON>"}`, answered `{bytes: Uint8Array}`;
//! - or `{error: "<Thai message naming the file and what was refused>"}`.
//!
//! A panic in the worker reaches the page as the worker's `error` event and is shown as a failure; nothing is stored
//! from a read until the page's importer has checked every row.

use crate::ui::js::{get, object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The worker's script, beside the page (Trunk's loader shim).
const LOADER: &str = "mattrathan-xlsx-worker_loader.js";


/// The worker's main: answers each job with its result or `error`.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = scope.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let reply = job(&ev.data()).unwrap_or_else(|e| object(&[("error", e.into())]));
        let _ = post.post_message(&reply);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&object(&[("ready", JsValue::TRUE)]));
}

/// A picked file's bytes, read synchronously (only a worker may).
fn bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let name = file.name();
    let unreadable = |e: JsValue| format!("{name}: อ่านไฟล์ไม่ได้ ({})", e.as_string().unwrap_or_default());
    let buffer = web_sys::FileReaderSync::new().map_err(unreadable)?.read_as_array_buffer(file).map_err(unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn job(data: &JsValue) -> Result<JsValue, String> {
    if let Ok(file) = get(data, "sheets").dyn_into::<web_sys::File>() {
        let read = crate::xlsx::read_sheet_names(&file.name(), &bytes(&file)?)?;
        let names = read.iter().map(|n| JsValue::from_str(n)).collect::<js_sys::Array>();
        return Ok(object(&[("names", names.into())]));
    }
    if let Ok(file) = get(data, "read").dyn_into::<web_sys::File>() {
        let sheet = get(data, "sheet").as_string();
        let read = crate::xlsx::read(&file.name(), &bytes(&file)?, sheet.as_deref())?;
        return Ok(object(&[("sheet", read.sheet.into()), ("csv", read.rows.to_csv().into())]));
    }
    if let Some(spec) = get(data, "write").as_string() {
        let spec: crate::domain::sheet::Workbook =
            serde_json::from_str(&spec).map_err(|e| format!("ข้อมูลสำหรับไฟล์ Excel ผิดรูปแบบ ({e})"))?;
        let out = crate::xlsx::write(&spec)?;
        return Ok(object(&[("bytes", js_sys::Uint8Array::from(out.as_slice()).into())]));
    }
    Err("งานที่ส่งให้ตัวจัดการไฟล์ Excel ไม่รู้จัก".into())
}

/// Runs one job in a new worker and returns its answer (or its `error`, or why the worker failed). One handler for
/// the worker's messages and its `error` event, so each page carries one closure for the spreadsheet worker.
async fn call(job: JsValue) -> Result<JsValue, String> {
    let worker = web_sys::Worker::new(LOADER).map_err(|e| format!("เริ่มตัวจัดการไฟล์ Excel ไม่ได้ ({e:?})"))?;
    let mut keep = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let (w, job) = (worker.clone(), job.clone());
        let on_event = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let reply = match ev.dyn_ref::<web_sys::MessageEvent>() {
                Some(m) if get(&m.data(), "ready").is_truthy() => {
                    let _ = w.post_message(&job);
                    return;
                }
                Some(m) => m.data(),
                None => {
                    ev.prevent_default();
                    let why = ev.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_default();
                    object(&[("error", format!("ตัวจัดการไฟล์ Excel หยุดทำงาน ไม่ได้นำเข้าข้อมูลใด ({why})").into())])
                }
            };
            let _ = resolve.call1(&JsValue::NULL, &reply);
        });
        worker.set_onmessage(Some(on_event.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_event.as_ref().unchecked_ref()));
        keep = Some(on_event);
    });
    let reply = JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED);
    worker.terminate();
    worker.set_onmessage(None);
    worker.set_onerror(None);
    drop(keep);
    match get(&reply, "error").as_string() {
        Some(e) => Err(e),
        None => Ok(reply),
    }
}

/// The names of a picked workbook's sheets, in order.
pub async fn sheet_names(file: &web_sys::File) -> Result<Vec<String>, String> {
    let reply = call(object(&[("sheets", file.into())])).await?;
    let names: js_sys::Array = get(&reply, "names").dyn_into().map_err(|_| "ตัวจัดการไฟล์ Excel ตอบกลับไม่ครบ")?;
    Ok(names.iter().filter_map(|n| n.as_string()).collect())
}

/// A picked workbook's sheet (the first when `None`) as the importer's CSV text (line N = row N); with the sheet's
/// name.
pub async fn read_sheet(file: &web_sys::File, sheet: Option<String>) -> Result<(String, String), String> {
    let reply = call(object(&[("read", file.into()), ("sheet", sheet.map_or(JsValue::NULL, JsValue::from))])).await?;
    match (get(&reply, "sheet").as_string(), get(&reply, "csv").as_string()) {
        (Some(sheet), Some(csv)) => Ok((sheet, csv)),
        _ => Err("ตัวจัดการไฟล์ Excel ตอบกลับไม่ครบ".into()),
    }
}

/// The `.xlsx` bytes of a workbook spec.
pub async fn write(spec: &crate::domain::sheet::Workbook) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string(spec).map_err(|e| e.to_string())?;
    let reply = call(object(&[("write", json.into())])).await?;
    let bytes: js_sys::Uint8Array = get(&reply, "bytes").dyn_into().map_err(|_| "ตัวจัดการไฟล์ Excel ตอบกลับไม่ครบ")?;
    Ok(bytes.to_vec())
}

/// Writes `spec` in the worker and offers it as a download named `filename` (a Thai name ending `.xlsx`).
pub async fn download(filename: &str, spec: &crate::domain::sheet::Workbook) -> Result<(), String> {
    let bytes = write(spec).await?;
    super::files::download_bytes(filename, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &bytes)
}
