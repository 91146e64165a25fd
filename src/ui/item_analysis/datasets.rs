//! The data sets on this device and the import form: a test-centre code, a title, the responses CSV and the key CSV
//! (the same files as `mattrathan analyze`). A bad file is refused with the file, line and column, and nothing is
//! saved; a good one is stored as an `ia_dataset` record before the page moves on to its analysis.

use leptos::html;
use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::item_analysis::csv::ResponsesReader;
use crate::domain::item_analysis::{valid_centre_code, IaDataset};
use crate::domain::thai_time;
use crate::store::new_meta;

use super::yield_now;
use crate::ui::files::{read_picked_text, thai_file_field, Picked};
use crate::ui::route::navigate;
use crate::routes::IaRoute;
use crate::ui::state::AppState;
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{latest_of, message, PageError};

/// Rows of the responses file read between two yields to the browser.
const ROWS_PER_CHUNK: usize = 2000;

#[component]
pub fn Datasets() -> impl IntoView {
    let state = AppState::get();
    let list = page_data(|store| async move {
        let mut all = store.list::<IaDataset>(None).await?;
        crate::domain::sort::sort_by(&mut all, |a, b| b.meta.created.cmp(&a.meta.created));
        Ok(all)
    });

    let code = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let options = RwSignal::new(String::new());
    let responses_input = NodeRef::<html::Input>::new();
    let key_input = NodeRef::<html::Input>::new();
    // How far reading the files has come, shown while the import runs.
    let progress = RwSignal::new(String::new());

    let import = page_action(move |_: &()| {
        let code_v = code.get_untracked().trim().to_string();
        let inputs = (responses_input.get_untracked(), key_input.get_untracked());
        let options_v = options.get_untracked().parse::<usize>().ok();
        let title_v = title.get_untracked().trim().to_string();
        async move {
            valid_centre_code(&code_v).map_err(|e| format!("รหัสศูนย์ทดสอบ: {e}"))?;
            let (Some(r_input), Some(k_input)) = inputs else { return Ok(String::new()) };
            let id = import_files(state, &r_input, &k_input, &code_v, title_v, options_v, progress).await?;
            state.data_changed();
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
    let shown = Signal::derive(move || if import.pending().get() { Some(Ok(progress.get())) } else { finished.get() });

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
                {thai_file_field(Some("ไฟล์คำตอบ"), view! {
                    <input type="file" class="file-input" accept=".csv,text/csv" data-testid="ia-responses" node_ref=responses_input />
                })}
                {thai_file_field(Some("ไฟล์เฉลย"), view! {
                    <input type="file" class="file-input" accept=".csv,text/csv" data-testid="ia-key" node_ref=key_input />
                })}
                <button type="submit" data-testid="ia-import" prop:disabled=import.pending()>"นำเข้าและวิเคราะห์"</button>
            </div>
            {message(shown)}
        </form>
    }
}

/// Reads, checks and stores the two picked files, telling `progress` how far it has come; returns the new record's
/// id, or why not (nothing stored).
async fn import_files(
    state: AppState,
    responses: &web_sys::HtmlInputElement,
    key: &web_sys::HtmlInputElement,
    code: &str,
    title: String,
    options: Option<usize>,
    progress: RwSignal<String>,
) -> Result<String, PageError> {
    let Some(Picked { name: r_name, text: r_text, .. }) = read_picked_text(responses).await? else {
        return Err("ไฟล์คำตอบ: กรุณาเลือกไฟล์".into());
    };
    let Some(Picked { name: k_name, text: k_text, .. }) = read_picked_text(key).await? else {
        return Err("ไฟล์เฉลย: กรุณาเลือกไฟล์".into());
    };
    let mut reader = ResponsesReader::new(&r_text, options).map_err(|e| e.thai())?;
    loop {
        progress.set(format!("กำลังอ่าน {r_name}… {:.0} %", reader.progress() * 100.0));
        yield_now().await;
        if reader.read(ROWS_PER_CHUNK).map_err(|e| e.thai())? {
            break;
        }
    }
    let data = reader.finish(&k_text).map_err(|e| e.thai())?;
    if data.candidates.is_empty() {
        return Err("ไฟล์คำตอบ: ไม่มีผู้เข้าสอบ".into());
    }
    let title = if title.is_empty() { r_name.trim_end_matches(".csv").to_string() } else { title };
    let record = IaDataset::from_dataset(new_meta::<IaDataset>(code), title, vec![r_name, k_name], &data);
    progress.set("กำลังบันทึก…".into());
    state.store().put(&record).await?;
    Ok(record.meta.id)
}
