//! The import worker: the picked responses and key files are read, decoded (`domain::text`), parsed
//! (`domain::item_analysis::csv`) and packed (`records::Imported`) in a Web Worker, so a national-scale file (140,000
//! candidates × 290 items, 80–160 MB) never holds the page's main thread. Both sides live here: [`serve`] runs in the
//! worker (the bin `mattrathan-ia-worker`, which Trunk builds from the `data-type="worker"` link of `ia.html`), and
//! [`ImportWorker`] is the page's handle on it.
//!
//! The messages, plain JS objects:
//!
//! - worker → page `{ready: true}` once it listens (a job posted earlier could be lost while its wasm loads);
//! - page → worker `{responses: File, key: File, options: number | null}`;
//! - worker → page `{rows, fraction}` about every 100 ms while it parses (rows read, share of the text read);
//! - worker → page `{done: "<Imported as JSON, without the answers>", answers: "<packed answers>"}`, or
//!   `{error: "<the same Thai message the page showed before: file, line, column>"}`.
//!
//! The page stores nothing until `done`: cancelling terminates the worker, and nothing was written. A panic in the
//! worker reaches the page as the worker's `error` event and is shown as a failed import, never half stored.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::item_analysis::csv::ResponsesReader;
use crate::domain::item_analysis::Imported;
use crate::domain::text::decode;

/// The worker's script, beside the page (Trunk's loader shim: it imports the wasm-bindgen glue and starts the wasm).
pub const LOADER: &str = "mattrathan-ia-worker_loader.js";

/// Rows parsed between two looks at the clock.
const ROWS_PER_CHUNK: usize = 2000;

/// Milliseconds between two progress messages.
const PROGRESS_MS: f64 = 100.0;

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

fn get(o: &JsValue, k: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
}

/// The worker's main: listens for a job, answers with `done` or `error`.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = scope.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let reply = match job(&post, &ev.data()) {
            Ok(imported) => {
                let head = serde_json::to_string(&imported).unwrap_or_default();
                object(&[("done", head.into()), ("answers", imported.answers.into())])
            }
            Err(e) => object(&[("error", e.into())]),
        };
        let _ = post.post_message(&reply);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&object(&[("ready", JsValue::TRUE)]));
}

/// A picked file's text (`domain::text`), read synchronously (only a worker may).
fn read(file: &web_sys::File) -> Result<String, String> {
    let name = file.name();
    let unreadable = |e: JsValue| format!("{name}: อ่านไฟล์ไม่ได้ ({})", e.as_string().unwrap_or_default());
    let buffer = web_sys::FileReaderSync::new().map_err(unreadable)?.read_as_array_buffer(file).map_err(unreadable)?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Ok(decode(&name, &bytes)?.text)
}

/// One import: both files read, parsed and checked; progress posted as it goes.
fn job(scope: &web_sys::DedicatedWorkerGlobalScope, data: &JsValue) -> Result<Imported, String> {
    let file = |k: &str| get(data, k).dyn_into::<web_sys::File>().ok();
    let responses = file("responses").ok_or("ไฟล์คำตอบ: กรุณาเลือกไฟล์")?;
    let key = file("key").ok_or("ไฟล์เฉลย: กรุณาเลือกไฟล์")?;
    let options = get(data, "options").as_f64().map(|o| o as usize);
    let text = read(&responses)?;
    let key_text = read(&key)?;
    let mut reader = ResponsesReader::new(&text, options).map_err(|e| e.thai())?;
    let mut last = js_sys::Date::now();
    while !reader.read(ROWS_PER_CHUNK).map_err(|e| e.thai())? {
        let now = js_sys::Date::now();
        if now - last >= PROGRESS_MS {
            last = now;
            let progress = [("rows", JsValue::from(reader.candidates() as f64)), ("fraction", reader.progress().into())];
            let _ = scope.post_message(&object(&progress));
        }
    }
    let data = reader.finish(&key_text).map_err(|e| e.thai())?;
    if data.candidates.is_empty() {
        return Err("ไฟล์คำตอบ: ไม่มีผู้เข้าสอบ".into());
    }
    Ok(Imported::of(&data))
}

/// How an import in the worker ended.
pub enum Finished {
    Imported(Imported),
    Cancelled,
}

/// The page's handle on one import running in a worker: [`ImportWorker::finish`] awaits it, [`ImportWorker::cancel`]
/// stops it (the worker is terminated; nothing was stored).
#[derive(Clone)]
pub struct ImportWorker {
    worker: web_sys::Worker,
    /// Resolves [`ImportWorker::finish`]'s promise: with the `done` or `error` message, or `undefined` on cancel.
    resolve: Rc<RefCell<Option<js_sys::Function>>>,
}

impl ImportWorker {
    /// Starts a worker; the job is posted once it says it is ready.
    pub fn start() -> Result<ImportWorker, String> {
        let worker = web_sys::Worker::new(LOADER).map_err(|e| format!("เริ่มตัวอ่านไฟล์ไม่ได้ ({e:?})"))?;
        Ok(ImportWorker { worker, resolve: Rc::new(RefCell::new(None)) })
    }

    /// Posts the job and awaits its end, calling `progress(rows, fraction)` on each progress message. The error is the
    /// worker's message (the file, line and column), or why the worker stopped.
    pub async fn finish(
        &self,
        responses: web_sys::File,
        key: web_sys::File,
        options: Option<usize>,
        progress: impl Fn(usize, f64) + 'static,
    ) -> Result<Finished, String> {
        let job = object(&[
            ("responses", responses.into()),
            ("key", key.into()),
            ("options", options.map_or(JsValue::NULL, |o| JsValue::from(o as f64))),
        ]);
        let worker = self.worker.clone();
        let resolve_slot = self.resolve.clone();
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            *resolve_slot.borrow_mut() = Some(resolve);
        });
        let slot = self.resolve.clone();
        let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            if get(&data, "ready").is_truthy() {
                let _ = worker.post_message(&job);
            } else if let Some(rows) = get(&data, "rows").as_f64() {
                progress(rows as usize, get(&data, "fraction").as_f64().unwrap_or(0.0));
            } else if let Some(resolve) = slot.borrow_mut().take() {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
        let slot = self.resolve.clone();
        let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
            ev.prevent_default();
            let e = object(&[("error", format!("อ่านไฟล์ไม่สำเร็จ ไม่ได้นำเข้าข้อมูลใด ({})", ev.message()).into())]);
            if let Some(resolve) = slot.borrow_mut().take() {
                let _ = resolve.call1(&JsValue::NULL, &e);
            }
        });
        self.worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        self.worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        let reply = JsFuture::from(promise).await.unwrap_or(JsValue::UNDEFINED);
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        drop((onmessage, onerror));
        if reply.is_undefined() {
            return Ok(Finished::Cancelled);
        }
        if let Some(e) = get(&reply, "error").as_string() {
            return Err(e);
        }
        let head = get(&reply, "done").as_string().ok_or("ตัวอ่านไฟล์ตอบกลับไม่ครบ")?;
        let mut imported: Imported = serde_json::from_str(&head).map_err(|e| format!("ตัวอ่านไฟล์ตอบกลับผิดรูปแบบ ({e})"))?;
        imported.answers = get(&reply, "answers").as_string().ok_or("ตัวอ่านไฟล์ตอบกลับไม่ครบ")?;
        Ok(imported).map(Finished::Imported)
    }

    /// Stops the import: the worker is terminated at once and [`ImportWorker::finish`] returns
    /// [`Finished::Cancelled`].
    pub fn cancel(&self) {
        self.worker.terminate();
        if let Some(resolve) = self.resolve.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    }
}
