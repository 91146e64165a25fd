//! The data-set worker: everything that touches a whole data set's answers runs in a Web Worker, so a national-scale
//! set (140,000 candidates × 290 items: 80–160 MB of CSV, 27 MB of packed answers) never holds the page's main
//! thread. It imports (the picked responses and key files read, decoded by `domain::text`, parsed by
//! `domain::item_analysis::csv`, and stored as an `ia_dataset` record through `crate::store`, the same code the page
//! uses), and it opens a stored data set (read from IndexedDB and unpacked). Either way it hands the page the record
//! without its answers ([`IaDataset::head`]) and the answers as the [`ResponseMatrix`]'s words in one transferred
//! buffer (no copy on the way; the page checks them with [`ResponseMatrix::from_bits`]), so the page never reads,
//! decodes or writes the packed answers. Both sides live here: [`serve`] runs in the worker (the bin
//! `mattrathan-ia-worker`, which Trunk builds from the `data-type="worker"` link of `ia.html`), and [`DatasetWorker`]
//! is the page's handle on it.
//!
//! The messages, plain JS objects:
//!
//! - worker → page `{ready: true}` once it listens (a job posted earlier could be lost while its wasm loads);
//! - page → worker `{responses: File, key: File, options: number | null, meta: "<Meta as JSON>", title: string}`
//!   (import), or `{open: "<id>"}` (open a stored data set);
//! - worker → page `{rows, fraction}` about every 100 ms while it parses (rows read, share of the text read), then
//!   `{storing: true}` when the record is being written;
//! - worker → page `{dataset: "<the record's head as JSON, no candidates>", candidates: [ids], bits: ArrayBuffer}`
//!   once the record is stored (import:
//!   only after its IndexedDB transaction committed) or read (open), `{missing: true}` when there is no such record,
//!   or `{error: "<a Thai message: the file, line and column; or why it cannot be stored or read>"}`.
//!
//! An import stores nothing until its file is read whole and checked, in one transaction. Cancelling terminates
//! the worker (a transaction not yet committed is aborted with it) and the page then deletes the record's id, so a
//! cancelled import leaves nothing stored even when its commit raced the cancel. A panic in the worker reaches the
//! page as the worker's `error` event and is shown as a failed import or read, never half stored.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use crate::ui::js::{get, object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::domain::item_analysis::csv::ResponsesReader;
use crate::domain::item_analysis::{Dataset, IaDataset, ResponseMatrix};
use crate::domain::record::Meta;
use crate::domain::text::decode;
use crate::store::Store;

/// The worker's script, beside the page (Trunk's loader shim: it imports the wasm-bindgen glue and starts the wasm).
pub const LOADER: &str = "mattrathan-ia-worker_loader.js";

/// Rows parsed between two looks at the clock.
const ROWS_PER_CHUNK: usize = 2000;

/// Candidates' ids the page takes from the worker's reply between two yields.
const CANDIDATES_AT_ONCE: usize = 20_000;

/// Milliseconds between two progress messages.
const PROGRESS_MS: f64 = 100.0;


/// What a job ends with, in the worker (one at a time: its size does not matter).
#[allow(clippy::large_enum_variant)]
enum Outcome {
    Dataset(IaDataset, Dataset),
    Missing,
}

/// The worker's main: listens for jobs, answers each with `dataset`, `missing` or `error`.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = scope.clone();
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let post = post.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let data = ev.data();
            let outcome = match get(&data, "open").as_string() {
                Some(id) => open(&id).await,
                None => import(&post, &data).await,
            };
            let _ = match outcome {
                Ok(Outcome::Dataset(record, data)) => {
                    // The candidates apart, as a JS array: the page takes them in steps (140,000 at national scale).
                    let mut head = record.head();
                    let candidates = js_sys::Array::new();
                    for id in std::mem::take(&mut head.candidates) {
                        candidates.push(&JsValue::from(id));
                    }
                    let head = serde_json::to_string(&head).unwrap_or_default();
                    let words = data.matrix.bits();
                    let bits = js_sys::BigUint64Array::new_with_length(words.len() as u32);
                    bits.copy_from(words);
                    let buffer = bits.buffer();
                    let reply =
                        object(&[("dataset", head.into()), ("candidates", candidates.into()), ("bits", buffer.clone().into())]);
                    post.post_message_with_transfer(&reply, &js_sys::Array::of1(&buffer))
                }
                Ok(Outcome::Missing) => post.post_message(&object(&[("missing", JsValue::TRUE)])),
                Err(e) => post.post_message(&object(&[("error", e.into())])),
            };
        });
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

/// One import: both files read, parsed and checked (progress posted as it goes), then stored in one transaction.
async fn import(scope: &web_sys::DedicatedWorkerGlobalScope, data: &JsValue) -> Result<Outcome, String> {
    let file = |k: &str| get(data, k).dyn_into::<web_sys::File>().ok();
    let responses = file("responses").ok_or("ไฟล์คำตอบ: กรุณาเลือกไฟล์")?;
    let key = file("key").ok_or("ไฟล์เฉลย: กรุณาเลือกไฟล์")?;
    let options = get(data, "options").as_f64().map(|o| o as usize);
    let meta: Meta = serde_json::from_str(&get(data, "meta").as_string().unwrap_or_default())
        .map_err(|e| format!("ตัวอ่านไฟล์ได้รับงานผิดรูปแบบ ({e})"))?;
    let title = get(data, "title").as_string().unwrap_or_default();
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
    drop(text);
    if data.candidates.is_empty() {
        return Err("ไฟล์คำตอบ: ไม่มีผู้เข้าสอบ".into());
    }
    let _ = scope.post_message(&object(&[("storing", JsValue::TRUE)]));
    let record = IaDataset::from_dataset(meta, title, vec![responses.name(), key.name()], &data);
    let store = Store::open_current().await.map_err(|e| e.to_string())?;
    store.put(&record).await.map_err(|e| e.to_string())?;
    Ok(Outcome::Dataset(record, data))
}

/// A stored data set, read and unpacked (a damaged one is refused with why).
async fn open(id: &str) -> Result<Outcome, String> {
    let store = Store::open_current().await.map_err(|e| e.to_string())?;
    let Some(record) = store.get::<IaDataset>(id).await.map_err(|e| e.to_string())? else {
        return Ok(Outcome::Missing);
    };
    let data = record.dataset().map_err(|e| format!("อ่านชุดข้อมูลไม่ได้: {e}"))?;
    Ok(Outcome::Dataset(record, data))
}

/// A data set as the page holds it: the record without its answers ([`IaDataset::head`]; never written back as it
/// is) and the answers as a matrix.
#[derive(Clone)]
pub struct Opened {
    pub record: IaDataset,
    pub data: Arc<Dataset>,
}

/// How a job in the worker ended.
pub enum Finished {
    Opened(Opened),
    Missing,
    Cancelled,
}

/// A job for the worker.
pub enum Job {
    /// Read, check and store the two files as the record of `meta` called `title`.
    Import { responses: web_sys::File, key: web_sys::File, options: Option<usize>, meta: Meta, title: String },
    /// Read the stored data set `id`.
    Open(String),
}

/// The page's handle on one job running in a worker: [`DatasetWorker::finish`] awaits it, [`DatasetWorker::cancel`]
/// stops it (the worker is terminated).
#[derive(Clone)]
pub struct DatasetWorker {
    worker: web_sys::Worker,
    /// Resolves [`DatasetWorker::finish`]'s promise: with the worker's last message, or `undefined` on cancel.
    resolve: Rc<RefCell<Option<js_sys::Function>>>,
}

impl DatasetWorker {
    /// Starts a worker; the job is posted once it says it is ready.
    pub fn start() -> Result<DatasetWorker, String> {
        let worker = web_sys::Worker::new(LOADER).map_err(|e| format!("เริ่มตัวอ่านไฟล์ไม่ได้ ({e:?})"))?;
        Ok(DatasetWorker { worker, resolve: Rc::new(RefCell::new(None)) })
    }

    /// Posts the job and awaits its end, calling `progress(rows, fraction)` on each progress message (and
    /// `progress(rows, 1.0)` once the file is read and the record is being stored). The error is the worker's message
    /// (the file, line and column), or why the worker stopped.
    pub async fn finish(&self, job: Job, progress: impl Fn(Option<(usize, f64)>) + 'static) -> Result<Finished, String> {
        let job = match job {
            Job::Import { responses, key, options, meta, title } => object(&[
                ("responses", responses.into()),
                ("key", key.into()),
                ("options", options.map_or(JsValue::NULL, |o| JsValue::from(o as f64))),
                ("meta", serde_json::to_string(&meta).unwrap_or_default().into()),
                ("title", title.into()),
            ]),
            Job::Open(id) => object(&[("open", id.into())]),
        };
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
                progress(Some((rows as usize, get(&data, "fraction").as_f64().unwrap_or(0.0))));
            } else if get(&data, "storing").is_truthy() {
                progress(None);
            } else if let Some(resolve) = slot.borrow_mut().take() {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
        let slot = self.resolve.clone();
        let onerror = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |ev: web_sys::ErrorEvent| {
            ev.prevent_default();
            let e = object(&[("error", format!("ตัวอ่านข้อมูลหยุดทำงาน ไม่ได้บันทึกข้อมูลใด ({})", ev.message()).into())]);
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
        if get(&reply, "missing").is_truthy() {
            return Ok(Finished::Missing);
        }
        // Taken in steps with a yield between them, so at national scale (the head's 140,000 candidates, 20 MB of
        // words) none holds the main thread for long.
        let broken = |why: String| format!("ตัวอ่านข้อมูลตอบกลับผิดรูปแบบ ({why})");
        super::mark("ia:reply");
        let head = get(&reply, "dataset").as_string().ok_or_else(|| broken("dataset".into()))?;
        // Through a JSON value, as the store reads records: one compiled `Deserialize` per type on the page.
        let head: serde_json::Value = serde_json::from_str(&head).map_err(|e| broken(e.to_string()))?;
        super::yield_now().await;
        super::mark("ia:record");
        let mut record: IaDataset = serde_json::from_value(head).map_err(|e| broken(e.to_string()))?;
        let candidates = get(&reply, "candidates").dyn_into::<js_sys::Array>().map_err(|_| broken("candidates".into()))?;
        record.candidates = Vec::with_capacity(candidates.length() as usize);
        for (c, id) in candidates.iter().enumerate() {
            record.candidates.push(id.as_string().ok_or_else(|| broken("candidates".into()))?);
            if c % CANDIDATES_AT_ONCE == CANDIDATES_AT_ONCE - 1 {
                super::yield_now().await;
            }
        }
        drop(candidates);
        super::yield_now().await;
        super::mark("ia:words");
        let buffer = get(&reply, "bits").dyn_into::<js_sys::ArrayBuffer>().map_err(|_| broken("bits".into()))?;
        if buffer.byte_length() % 8 != 0 {
            return Err(broken("bits".into()));
        }
        let view = js_sys::BigUint64Array::new(&buffer);
        let mut words = vec![0u64; view.length() as usize];
        view.copy_to(&mut words);
        drop((view, buffer, reply));
        super::yield_now().await;
        super::mark("ia:matrix");
        let (n, k) = (record.candidates.len(), record.items.len());
        let matrix = ResponseMatrix::from_bits(n, k, usize::from(record.options), words).map_err(|e| broken(e.to_string()))?;
        super::yield_now().await;
        super::mark("ia:dataset");
        let data = record.with_matrix(matrix).map_err(|e| format!("อ่านชุดข้อมูลไม่ได้: {e}"))?;
        super::yield_now().await;
        super::mark("ia:opened");
        Ok(Finished::Opened(Opened { record, data: Arc::new(data) }))
    }

    /// Stops the job: the worker is terminated at once and [`DatasetWorker::finish`] returns [`Finished::Cancelled`].
    pub fn cancel(&self) {
        self.worker.terminate();
        if let Some(resolve) = self.resolve.borrow_mut().take() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    }
}
