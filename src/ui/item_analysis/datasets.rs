//! The data sets on this device and the import form: a test-centre code, a title, the responses CSV and the key CSV
//! (the same files as `mattrathan analyze`). The files are read, checked and stored in the data-set worker
//! (`super::worker`) while the page shows a progress bar (rows read, time left) and a cancel button. A bad file is
//! refused with the file, line and column, and nothing is saved; a cancelled import saves nothing; a good one is
//! stored as an `ia_dataset` record (its transaction committed) before the page moves on to its analysis, which
//! takes the data set the worker handed over instead of reading it again. The list reads the records without their
//! answers ([`crate::store::Store::list_without`]).

use leptos::html;
use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::item_analysis::{valid_centre_code, IaDataset};
use crate::domain::thai_time;
use crate::store::new_meta;

use super::worker::{Finished, DatasetWorker, Job};
use crate::ui::files::{read_table_file, table_file_field, TABLE};
use crate::domain::sheet::{is_xlsx, row_message};
use wasm_bindgen::JsValue;
use crate::ui::route::navigate;
use crate::routes::IaRoute;
use crate::ui::state::AppState;
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{latest_of, message, PageError};

/// How far the import worker has come: rows read, the share of the file, and when reading started (ms).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Progress {
    rows: usize,
    fraction: f64,
    started: f64,
    /// The file is read; the record is being stored.
    storing: bool,
}

impl Progress {
    /// "อ่านแล้ว 12000 แถว (35 %) · เหลืออีกราว 4 วินาที", the time left extrapolated from the rate so far.
    fn text(&self) -> String {
        let rows = self.rows;
        if self.storing {
            return "อ่านไฟล์ครบแล้ว · กำลังบันทึก…".to_string();
        }
        let percent = (self.fraction * 100.0).floor();
        let elapsed = js_sys::Date::now() - self.started;
        let left = if self.fraction > 0.01 { elapsed * (1.0 - self.fraction) / self.fraction / 1000.0 } else { f64::NAN };
        let left = if left.is_finite() { format!(" · เหลืออีกราว {} วินาที", left.ceil().max(1.0)) } else { String::new() };
        format!("อ่านแล้ว {rows} แถว ({percent} %){left}")
    }
}

#[component]
pub fn Datasets() -> impl IntoView {
    let state = AppState::get();
    let list = page_data(|store| async move {
        let mut all = store.list_without::<IaDataset>(None, "answers").await?;
        crate::domain::sort::sort_by(&mut all, |a, b| b.meta.created.cmp(&a.meta.created));
        Ok(all)
    });

    let code = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let options = RwSignal::new(String::new());
    let responses_input = NodeRef::<html::Input>::new();
    let key_input = NodeRef::<html::Input>::new();
    // How far reading the files has come, shown while the import runs; the running import, for the cancel button.
    let progress = RwSignal::new(None::<Progress>);
    let running = StoredValue::new_local(None::<DatasetWorker>);

    let import = page_action(move |_: &()| {
        let code_v = code.get_untracked().trim().to_string();
        let inputs = (responses_input.get_untracked(), key_input.get_untracked());
        let options_v = options.get_untracked().parse::<usize>().ok();
        let title_v = title.get_untracked().trim().to_string();
        async move {
            valid_centre_code(&code_v).map_err(|e| format!("รหัสศูนย์ทดสอบ: {e}"))?;
            let (Some(r_input), Some(k_input)) = inputs else { return Ok(String::new()) };
            progress.set(None);
            let id = import_files(state, &r_input, &k_input, &code_v, title_v, options_v, progress, running).await;
            running.set_value(None);
            let Some(id) = id? else { return Ok("ยกเลิกการนำเข้าแล้ว — ไม่ได้บันทึกข้อมูลใด".to_string()) };
            // No `data_changed`: the page leaves this list for the new data set's analysis, which takes the data set
            // handed over; reloading the list on the way out would only read the new record again on the page.
            navigate(IaRoute::Analysis(id));
            Ok(String::new())
        }
    });
    let delete = page_action(move |record: &IaDataset| {
        let id = record.meta.id.clone();
        async move {
            state.store().delete(&id).await?;
            state.data_changed();
            Ok(String::new())
        }
    });
    let ask_delete = move |record: IaDataset| {
        let question = format!("ลบชุดข้อมูล “{}” ของศูนย์ {} ออกจากเครื่องนี้?", record.title, record.meta.org);
        if window().confirm_with_message(&question).unwrap_or(false) {
            delete.dispatch_local(record);
        }
    };
    // The import's progress while it runs, then its outcome (or the last delete's).
    let finished = latest_of(import, delete);
    let shown = Signal::derive(move || if import.pending().get() { None } else { finished.get() });
    let progress_bar = move || {
        import.pending().get().then(|| {
            let p = progress.get();
            view! {
                <div class="ia-import-progress" role="status" data-testid="ia-import-progress">
                    <progress max="1" value=p.map_or(0.0, |p| p.fraction)></progress>
                    <span data-testid="ia-import-rows">
                        {p.map_or("กำลังอ่านไฟล์…".to_string(), |p| p.text())}
                    </span>
                    <button type="button" class="secondary" data-testid="ia-import-cancel"
                        on:click=move |_| running.with_value(|w| if let Some(w) = w { w.cancel() })>
                        "ยกเลิก"
                    </button>
                </div>
            }
        })
    };

    view! {
        <h1>"วิเคราะห์ข้อสอบ (ค่าความยากง่ายและอำนาจจำแนก)"</h1>
        <section class="card">
            <h2>"ชุดข้อมูลในเครื่องนี้"</h2>
            {loaded(list, move |l| if l.is_empty() {
                view! { <p class="muted">"ยังไม่มี — นำเข้าไฟล์คำตอบและไฟล์เฉลยด้านล่าง"</p> }.into_any()
            } else {
                view! {
                    <ul class="list" data-testid="ia-list">
                        {l.into_iter().map(|d| {
                            let date = thai_time::date(&d.meta.created).unwrap_or_default();
                            let shape = format!("{} คน · {} ข้อ · {} ตัวเลือก", d.candidates.len(), d.items.len(), d.options);
                            let record = d.clone();
                            view! {
                                <li>
                                    <a href=IaRoute::Analysis(d.meta.id.clone()).href()>{d.title.clone()}</a>
                                    <span class="muted">"ศูนย์ " {d.meta.org.clone()} " · " {shape} " · นำเข้าเมื่อ " {date}</span>
                                    <button class="secondary" on:click=move |_| ask_delete(record.clone())>"ลบ"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </section>
        <p><a href=IaRoute::Compare.href() data-testid="ia-compare-link">"เปรียบเทียบผลวิเคราะห์สองชุด (ชุดข้อมูลหรือรอบทดสอบ)"</a></p>
        <super::session::SessionList/>
        <form class="card" on:submit=move |ev| { ev.prevent_default(); import.dispatch_local(()); }>
            <h2>"นำเข้าผลการสอบ"</h2>
            <p class="muted">
                "ไฟล์คำตอบ (.csv): แถวแรก " <code>"candidate,1,2,…,n"</code> " แล้วแถวละหนึ่งคน คำตอบเป็น ก–จ หรือ A–E "
                "ช่องว่าง = ไม่ได้ตอบ · ไฟล์เฉลย (.csv): " <code>"item,key"</code> " ข้อละหนึ่งแถว"
            </p>
            <div class="row">
                <label class="field">
                    <span>"รหัสศูนย์ทดสอบ"</span>
                    <input type="text" maxlength="20" data-testid="ia-centre" autocomplete="off"
                        on:input=move |ev| code.set(event_target_value(&ev)) prop:value=code />
                </label>
                <label class="field" style="flex:1">
                    <span>"ชื่อชุดข้อมูล (เช่น ชื่อสาขาและวันที่สอบ)"</span>
                    <input type="text" data-testid="ia-title"
                        on:input=move |ev| title.set(event_target_value(&ev)) prop:value=title />
                </label>
                <label class="field">
                    <span>"จำนวนตัวเลือก"</span>
                    <select data-testid="ia-options" on:change=move |ev| options.set(event_target_value(&ev))>
                        <option value="">"ตามที่พบในไฟล์"</option>
                        {(2..=5).map(|n| view! { <option value=n.to_string()>{n}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="row">
                {table_file_field(Some("ไฟล์คำตอบ"), view! {
                    <input type="file" class="file-input" accept=TABLE data-testid="ia-responses" node_ref=responses_input />
                }.into_any())}
                {table_file_field(Some("ไฟล์เฉลย"), view! {
                    <input type="file" class="file-input" accept=TABLE data-testid="ia-key" node_ref=key_input />
                }.into_any())}
                <button type="submit" data-testid="ia-import" prop:disabled=import.pending()>"นำเข้าและวิเคราะห์"</button>
            </div>
            {progress_bar}
            {message(shown)}
        </form>
    }
}

/// Reads, checks and stores the two picked files in the data-set worker, telling `progress` how far it has come;
/// returns the new record's id (the data set is left for its analysis page, `super::hand_over`), `None` when the user
/// cancelled, or why not (nothing stored either way).
#[allow(clippy::too_many_arguments)]
async fn import_files(
    state: AppState,
    responses: &web_sys::HtmlInputElement,
    key: &web_sys::HtmlInputElement,
    code: &str,
    title: String,
    options: Option<usize>,
    progress: RwSignal<Option<Progress>>,
    running: StoredValue<Option<DatasetWorker>, LocalStorage>,
) -> Result<Option<String>, PageError> {
    let Some(r_file) = responses.files().and_then(|f| f.get(0)) else {
        return Err("ไฟล์คำตอบ: กรุณาเลือกไฟล์".into());
    };
    let Some(k_file) = key.files().and_then(|f| f.get(0)) else {
        return Err("ไฟล์เฉลย: กรุณาเลือกไฟล์".into());
    };
    let (r_name, k_name) = (r_file.name(), k_file.name());
    let (r_xlsx, k_xlsx) = (is_xlsx(&r_name), is_xlsx(&k_name));
    let r_file = if r_xlsx { sheet_as_csv(&r_file, responses).await? } else { r_file };
    let k_file = if k_xlsx { sheet_as_csv(&k_file, key).await? } else { k_file };
    let title = if title.is_empty() { r_name.trim_end_matches(".csv").trim_end_matches(".xlsx").to_string() } else { title };
    let meta = new_meta::<IaDataset>(code);
    let id = meta.id.clone();
    let worker = DatasetWorker::start()?;
    running.set_value(Some(worker.clone()));
    let started = js_sys::Date::now();
    let report = move |read: Option<(usize, f64)>| {
        progress.update(|p| {
            *p = Some(match (read, *p) {
                (Some((rows, fraction)), _) => Progress { rows, fraction, started, storing: false },
                (None, p) => Progress { fraction: 1.0, storing: true, ..p.unwrap_or(Progress { started, ..Progress::default() }) },
            })
        })
    };
    // A workbook's errors name rows (its sheet's row N is line N of the CSV made of it).
    let rows_named = |e: String| {
        let of_workbook = (r_xlsx && e.starts_with("ไฟล์คำตอบ")) || (k_xlsx && e.starts_with("ไฟล์เฉลย"));
        if of_workbook { row_message(&e) } else { e }
    };
    let job = Job::Import { responses: r_file, key: k_file, options, meta, title };
    match worker.finish(job, report).await.map_err(rows_named)? {
        Finished::Opened(opened) => {
            super::hand_over(opened);
            Ok(Some(id))
        }
        Finished::Missing => Err("ตัวอ่านข้อมูลตอบกลับผิดรูปแบบ".into()),
        Finished::Cancelled => {
            // The worker was terminated, its transaction aborted with it; should its commit have raced the cancel,
            // the record goes now (deleting an id never stored changes nothing).
            state.store().delete(&id).await?;
            Ok(None)
        }
    }
}

/// A picked workbook's chosen sheet (`ui::files::read_table_file`) as a CSV file of the same name, for the import
/// worker, which reads CSV files.
async fn sheet_as_csv(file: &web_sys::File, input: &web_sys::HtmlInputElement) -> Result<web_sys::File, String> {
    let picked = read_table_file(file, input).await?;
    let parts = js_sys::Array::of1(&JsValue::from_str(&picked.text));
    web_sys::File::new_with_str_sequence(&parts, &picked.name).map_err(|e| format!("{}: {e:?}", picked.name))
}
