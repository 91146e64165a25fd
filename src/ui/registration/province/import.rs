//! Importing many college registration files at once, with each file's result (added, replaced, duplicate,
//! older, refused); [`save_plan`] writes what a plan keeps, for imported files and for pulled registrations alike.

use leptos::prelude::*;
use crate::domain::registration::aggregate::{plan_sources, FileResult, ImportPlan};
use crate::domain::registration::exchange::{parse_exchange_at, ExchangeFile};
use crate::domain::registration::records::{
    ImportedRegistration,
    ProvinceCollege,
};
use crate::domain::keys;
use crate::store::{keyed_meta, now_iso, Store};
use crate::ui::error::{error_box, PageError};
use crate::domain::text::decode;
use crate::ui::files::thai_file_field;
use wasm_bindgen_futures::JsFuture;
use crate::ui::state::AppState;

use super::data::ProvinceData;

/// A summary line and each source's result (or why nothing was imported).
pub(super) type Imported<L> = Result<(String, Vec<L>), PageError>;

/// The import of the picked files into the page's province and year; its value is the last import's summary line
/// and per-file results.
pub(super) type ImportFiles = Action<(web_sys::HtmlInputElement, ProvinceData), Imported<FileResult>>;

/// Files read at once: their reads overlap, and the progress bar moves (the page is drawn) after each such batch.
const READ_AT_ONCE: usize = 100;

/// Every picked file's name and the registration read from it (`domain::text`, then
/// [`parse_exchange_at`] with this device's clock `now`: a file exported in the future is refused), or why it
/// cannot be used: such a file is refused on its own without stopping the others. `progress` is told (files read,
/// files picked) after each batch.
async fn read_all(input: &web_sys::HtmlInputElement, now: &str, progress: impl Fn(usize, usize)) -> Vec<(String, Result<ExchangeFile, String>)> {
    let Some(files) = input.files() else { return Vec::new() };
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    let mut out = Vec::with_capacity(files.len());
    progress(0, files.len());
    for batch in files.chunks(READ_AT_ONCE) {
        // Every read of the batch is started before the first is awaited: the browser reads them side by side.
        let reads: Vec<(String, JsFuture)> = batch.iter().map(|f| (f.name(), JsFuture::from(f.array_buffer()))).collect();
        for (name, read) in reads {
            // Read as bytes and decoded by `domain::text`, like every picked file (`ui::files::read_file`).
            let text = match read.await {
                Ok(buffer) => decode(&name, &js_sys::Uint8Array::new(&buffer).to_vec()).map(|d| d.text).map_err(|e| {
                    e.strip_prefix(name.as_str()).and_then(|e| e.strip_prefix(": ")).map(str::to_string).unwrap_or(e)
                }),
                Err(_) => Err("อ่านไฟล์ไม่ได้".to_string()),
            };
            out.push((name, text.and_then(|text| parse_exchange_at(&text, now))));
        }
        progress(out.len(), files.len());
        // Let the browser draw the progress bar.
        crate::sync::http::sleep(0).await;
    }
    out
}

/// Imports the registrations read from the picked files; returns the summary line and each file's result.
async fn import_files(store: Store, d: &ProvinceData, sources: Vec<(String, Result<ExchangeFile, String>)>) -> Imported<FileResult> {
    let listed: Vec<String> = d.list.iter().map(|c| c.code.clone()).collect();
    let plan = plan_sources(&d.province, d.year, &d.imports, &listed, sources);
    let n = plan.results.len();
    save_plan(&store, d, plan, &format!("นำเข้า {n} ไฟล์")).await
}

/// Writes what `plan` keeps (registrations, then colleges new to the list) and returns the summary line, starting
/// with `what`, and each source's result. Used for imported files and for registrations pulled from the server.
pub(super) async fn save_plan(store: &Store, d: &ProvinceData, plan: ImportPlan, what: &str) -> Imported<FileResult> {
    let records = plan.records(&d.imports, &now_iso(), |f| {
        keyed_meta::<ImportedRegistration>(keys::import_id(&d.province, &f.college.code, f.year), &d.province)
    });
    let colleges: Vec<ProvinceCollege> = plan
        .new_colleges
        .iter()
        .map(|(code, name, sector)| ProvinceCollege {
            meta: keyed_meta::<ProvinceCollege>(keys::province_college_id(&d.province, code), &d.province),
            code: code.clone(),
            name: name.clone(),
            sector: *sector,
        })
        .collect();
    store.put_all(&records).await.map_err(|e| format!("บันทึกไม่สำเร็จ — ไม่มีข้อมูลใดถูกเปลี่ยน: {e}"))?;
    store.put_all(&colleges).await?;
    let (added, replaced, duplicate, older, refused) = plan.tally();
    let mut summary = format!(
        "{what}: เพิ่มใหม่ {added} · แทนที่ข้อมูลเดิม {replaced} · ซ้ำ (ไม่นับซ้ำ) {duplicate} · เก่ากว่าที่มี {older} · ใช้ไม่ได้ {refused}"
    );
    if !colleges.is_empty() {
        summary.push_str(&format!(" · เพิ่มเข้ารายชื่อสถานศึกษาของจังหวัด {} แห่ง", colleges.len()));
    }
    Ok((summary, plan.results))
}

/// Imports every picked file (kept by the page, as the body is rebuilt after each import), then clears the input;
/// `progress` holds (files read, files picked) while it runs.
pub(super) fn import_files_action(progress: RwSignal<(usize, usize)>) -> ImportFiles {
    let state = AppState::get();
    Action::new_local(move |(input, d): &(web_sys::HtmlInputElement, ProvinceData)| {
        let (input, d) = (input.clone(), d.clone());
        // The bar starts at nothing of this import's files (not where the last import ended).
        progress.set((0, input.files().map_or(0, |f| f.length() as usize)));
        async move {
            // Read with this device's clock: a file exported in the future is refused (domain::registration::exchange).
            let now = now_iso();
            let sources = read_all(&input, &now, |done, total| progress.set((done, total))).await;
            let outcome = import_files(state.store(), &d, sources).await;
            input.set_value("");
            state.data_changed();
            outcome
        }
    })
}

pub(super) fn import_section(d: ProvinceData, import: ImportFiles, progress: RwSignal<(usize, usize)>) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        // Picking nothing keeps the last import's results.
        if input.files().is_some_and(|f| f.length() > 0) {
            import.dispatch_local((input, d.clone()));
        }
    };
    view! {
        <section class="card" data-testid="import-section">
            <h2>"นำเข้าไฟล์ลงทะเบียนจากสถานศึกษา"</h2>
            <p class="muted">"เลือกได้หลายไฟล์พร้อมกัน ไฟล์ที่ซ้ำจะไม่ถูกนับซ้ำ ไฟล์ใหม่กว่าของสถานศึกษาเดียวกันจะแทนที่ไฟล์เดิม ไฟล์ที่เสียหายหรือไม่ใช่ของจังหวัด/ปีนี้จะถูกปฏิเสธโดยไม่กระทบไฟล์อื่น"</p>
            {thai_file_field(None, view! {
                <input type="file" class="file-input" multiple accept=".json,application/json" data-testid="reg-files" on:change=on_change prop:disabled=import.pending() />
            })}
            {move || import.pending().get().then(|| {
                let (done, total) = progress.get();
                let what = if done < total { format!("กำลังอ่านและตรวจไฟล์ {done} จาก {total}") } else { format!("กำลังบันทึก {total} ไฟล์…") };
                view! {
                    <p class="row" role="status" data-testid="import-running">
                        <progress max=total.max(1) value=done data-testid="import-progress"></progress>
                        <span>{what}</span>
                    </p>
                }
            })}
            {move || import.value().get().map(|r| match r {
                Err(e) => error_box(&e),
                Ok((summary, list)) => {
                    let (n, few) = (list.len(), list.len() <= 20);
                    // A long list is drawn when it is opened (a province imports a thousand files at once).
                    let open = RwSignal::new(few);
                    let list = StoredValue::new(list);
                    view! {
                    <div data-testid="import-results">
                        <p class="msg ok" role="status" data-testid="import-summary">{summary}</p>
                        <details open=few on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                            <summary>"ผลรายไฟล์ (" {n} ")"</summary>
                            {move || open.get().then(|| view! {
                                <ul class="import-list">
                                    {list.with_value(|list| list.iter().map(|r| {
                                        let class = match r.outcome {
                                            crate::domain::registration::Outcome::Refused(_) => "error",
                                            crate::domain::registration::Outcome::Added | crate::domain::registration::Outcome::Replaced { .. } => "ok",
                                            _ => "warn",
                                        };
                                        view! { <li class=class>{r.message()}</li> }
                                    }).collect_view())}
                                </ul>
                            })}
                        </details>
                    </div>
                }.into_any() }
            })}
        </section>
    }
}
