//! The data sets on this device and the import form: a test-centre code, a title, the responses CSV and the key CSV
//! (the same files as `mattrathan analyze`). A bad file is refused with the file, line and column, and nothing is
//! saved; a good one is stored as an `ia_dataset` record before the page moves on to its analysis.

use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::item_analysis::csv::ResponsesReader;
use crate::domain::item_analysis::{valid_centre_code, IaDataset};
use crate::domain::thai_time;
use crate::store::new_meta;

use super::yield_now;
use crate::ui::files::{read_picked_text, thai_file_field, Picked};
use crate::ui::route::navigate;
use crate::routes::IaRoute;
use crate::ui::state::AppState;
use crate::ui::widgets::message;

/// Rows of the responses file read between two yields to the browser.
const ROWS_PER_CHUNK: usize = 2000;

#[component]
pub fn Datasets() -> impl IntoView {
    let state = AppState::get();
    let list = RwSignal::new(None::<Result<Vec<IaDataset>, String>>);
    Effect::new(move |_| {
        state.data_version.track();
        spawn_local(async move {
            let all = state.store().list::<IaDataset>(None).await.map_err(|e| e.to_string());
            list.set(Some(all.map(|mut l| {
                crate::domain::sort::sort_by(&mut l, |a, b| b.meta.created.cmp(&a.meta.created));
                l
            })));
        });
    });

    let code = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let options = RwSignal::new(String::new());
    let responses_input = NodeRef::<html::Input>::new();
    let key_input = NodeRef::<html::Input>::new();
    let msg = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);

    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code_v = code.get_untracked().trim().to_string();
        if let Err(e) = valid_centre_code(&code_v) {
            msg.set(Some(Err(format!("รหัสศูนย์ทดสอบ: {e}"))));
            return;
        }
        let (Some(r_input), Some(k_input)) = (responses_input.get_untracked(), key_input.get_untracked()) else {
            return;
        };
        let options_v = options.get_untracked().parse::<usize>().ok();
        let title_v = title.get_untracked().trim().to_string();
        busy.set(true);
        spawn_local(async move {
            let outcome = import_files(state, &r_input, &k_input, &code_v, title_v, options_v, msg).await;
            busy.set(false);
            match outcome {
                Ok(id) => {
                    state.data_changed();
                    navigate(IaRoute::Analysis(id));
                }
                Err(e) => msg.set(Some(Err(e))),
            }
        });
    };

    let delete = move |record: IaDataset| {
        let question = format!("ลบชุดข้อมูล “{}” ของศูนย์ {} ออกจากเครื่องนี้?", record.title, record.meta.org);
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            match state.store().delete(&record.meta.id).await {
                Ok(()) => state.data_changed(),
                Err(e) => msg.set(Some(Err(e.to_string()))),
            }
        });
    };

    view! {
        <h1>"วิเคราะห์ข้อสอบ (ค่าความยากง่ายและอำนาจจำแนก)"</h1>
        <section class="card">
            <h2>"ชุดข้อมูลในเครื่องนี้"</h2>
            {move || match list.get() {
                None => view! { <p class="muted">"กำลังโหลด…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="msg error">{e}</p> }.into_any(),
                Some(Ok(l)) if l.is_empty() => view! { <p class="muted">"ยังไม่มี — นำเข้าไฟล์คำตอบและไฟล์เฉลยด้านล่าง"</p> }.into_any(),
                Some(Ok(l)) => view! {
                    <ul class="list" data-testid="ia-list">
                        {l.into_iter().map(|d| {
                            let date = thai_time::date(&d.meta.created).unwrap_or_default();
                            let shape = format!("{} คน · {} ข้อ · {} ตัวเลือก", d.candidates.len(), d.items.len(), d.options);
                            let record = d.clone();
                            view! {
                                <li>
                                    <a href=IaRoute::Analysis(d.meta.id.clone()).href()>{d.title.clone()}</a>
                                    <span class="muted">"ศูนย์ " {d.meta.org.clone()} " · " {shape} " · นำเข้าเมื่อ " {date}</span>
                                    <button class="secondary" on:click=move |_| delete(record.clone())>"ลบ"</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
        <p><a href=IaRoute::Compare.href() data-testid="ia-compare-link">"เปรียบเทียบผลวิเคราะห์สองชุด (ชุดข้อมูลหรือรอบทดสอบ)"</a></p>
        <super::session::SessionList/>
        <form class="card" on:submit=import>
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
                <button type="submit" data-testid="ia-import" prop:disabled=busy>"นำเข้าและวิเคราะห์"</button>
            </div>
            {message(msg)}
        </form>
    }
}

/// Reads, checks and stores the two picked files; returns the new record's id or a Thai message (nothing stored).
async fn import_files(
    state: AppState,
    responses: &web_sys::HtmlInputElement,
    key: &web_sys::HtmlInputElement,
    code: &str,
    title: String,
    options: Option<usize>,
    msg: RwSignal<Option<Result<String, String>>>,
) -> Result<String, String> {
    let Some(Picked { name: r_name, text: r_text, .. }) = read_picked_text(responses).await? else {
        return Err("ไฟล์คำตอบ: กรุณาเลือกไฟล์".into());
    };
    let Some(Picked { name: k_name, text: k_text, .. }) = read_picked_text(key).await? else {
        return Err("ไฟล์เฉลย: กรุณาเลือกไฟล์".into());
    };
    let mut reader = ResponsesReader::new(&r_text, options).map_err(|e| e.thai())?;
    loop {
        msg.set(Some(Ok(format!("กำลังอ่าน {r_name}… {:.0} %", reader.progress() * 100.0))));
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
    msg.set(Some(Ok("กำลังบันทึก…".into())));
    state.store().put(&record).await.map_err(|e| e.to_string())?;
    Ok(record.meta.id)
}
