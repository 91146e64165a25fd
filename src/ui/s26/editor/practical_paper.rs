//! A module's practical test paper in the editor (part (13)): time allowed, instructions, whether the knowledge part
//! must be passed first, the rules, the materials and tools tables (one row per line), and the drawings or
//! specification images attached to the module. An image is its own record (`s26_image`, owned by the standard): a
//! picked file is taken only when its bytes say PNG, JPEG or WebP and it keeps within the caps
//! (`domain::section26::image::check_file`), and it shows as attached only after IndexedDB stored it.

use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen_futures::JsFuture;

use crate::domain::section26::fields::parse_lines;
use crate::domain::numbers::Kind;
use crate::domain::record::{Meta, Record};
use crate::domain::item_analysis::records::base64;
use crate::domain::section26::image::{check_file, size_text, ImageRecord};
use crate::domain::section26::practical::{parse_supplies, supplies_text};
use crate::store::{new_id, now_iso};
use crate::ui::s26::put_saved;
use crate::ui::state::AppState;
use crate::ui::action::page_action;
use crate::ui::error::{latest_of, message, Outcome};
use crate::ui::widgets::number_field;

use super::model::{ModuleAt, Place};
use super::{bind, rows_of, testid, text_area, Ctx};

/// A labelled text area parsed into the module's paper on every keystroke; it keeps the text as typed.
fn parsed(label: &'static str, hint: &'static str, initial: String, id: Signal<String>, on: impl Fn(String) + 'static) -> impl IntoView {
    view! {
        <label class="field wide">
            <span>{label} <span class="muted small">{hint}</span></span>
            <textarea rows="3" data-testid=id on:input=move |ev| on(event_target_value(&ev))>{initial}</textarea>
        </label>
    }
}

pub(super) fn paper_fields(ctx: Ctx, m: ReadSignal<usize>, module: ModuleAt) -> impl IntoView {
    let id = move |f: &'static str| testid(move || format!("s26-mod-{}-{f}", m.get() + 1));
    let paper = untrack(|| module.read_with(|x| x.paper.clone())).unwrap_or_default();
    let (instructions, on_instructions) = bind(ctx, module, |x| &x.paper.instructions, |x| &mut x.paper.instructions);
    view! {
        <details class="s26-practical-paper" open=!paper.is_empty()>
            <summary>"แบบทดสอบภาคความสามารถของโมดูลนี้ (เวลา คำสั่ง กฎกติกา วัสดุ เครื่องมือ รูปแบบงาน)"</summary>
            <div class="fields">
                {number_field("เวลาทดสอบ (นาที)".into(), Kind::Whole, (paper.minutes > 0).then(|| Decimal::from(paper.minutes)), id("minutes"), || false,
                    move |v| ctx.edit(module, |x| x.paper.minutes = v.and_then(|d| d.try_into().ok()).unwrap_or(0)))}
                <label class="field"><span>"ต้องผ่านภาคความรู้ก่อน"</span>
                    <input type="checkbox" data-testid=id("knowledge-first") prop:checked=paper.knowledge_first
                        on:change=move |ev| { let on = event_target_checked(&ev); ctx.edit(module, |x| x.paper.knowledge_first = on); }/>
                </label>
                <label class="field wide"><span>"คำสั่ง (ให้ผู้เข้ารับการทดสอบปฏิบัติดังนี้; รายการให้คะแนนของโมดูลพิมพ์ต่อท้ายพร้อมคะแนน)"</span>
                    {text_area(instructions, id("instructions"), on_instructions)}
                </label>
                {parsed("กฎกติกา", "(บรรทัดละหนึ่งข้อ)", paper.rules.join("\n"), id("rules"),
                    move |t| ctx.edit(module, |x| x.paper.rules = parse_lines(&t)))}
                {parsed("รายการวัสดุที่จัดเตรียมให้ (สำหรับผู้ควบคุมโรงฝึก)", "(บรรทัดละรายการ: รายการ, จำนวน, หน่วย, หมายเหตุ)", supplies_text(&paper.materials), id("materials"),
                    move |t| ctx.edit(module, |x| x.paper.materials = parse_supplies(&t)))}
                {parsed("รายการเครื่องมือและอุปกรณ์", "(บรรทัดละรายการ: รายการ, จำนวน, หน่วย, หมายเหตุ)", supplies_text(&paper.tools), id("tools"),
                    move |t| ctx.edit(module, |x| x.paper.tools = parse_supplies(&t)))}
            </div>
            {images(ctx, m, module)}
        </details>
    }
}

/// The bytes of a picked file.
async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| format!("ไฟล์ “{}” อ่านไม่ได้", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Checks, stores and lists a picked image; the message to show.
async fn attach(state: AppState, images: RwSignal<Vec<ImageRecord>>, standard: String, module: String, file: web_sys::File) -> Outcome {
    let name = file.name();
    let bytes = read_bytes(&file).await?;
    let stored: usize = images.with_untracked(|all| all.iter().map(ImageRecord::bytes).sum());
    let mime = check_file(&name, &bytes, stored)?;
    let caption = name.rsplit_once('.').map_or(name.as_str(), |(stem, _)| stem).to_string();
    let rec = ImageRecord {
        meta: Meta::new(new_id(), ImageRecord::KIND, &standard, &now_iso()),
        standard,
        module,
        caption,
        file: name.clone(),
        mime: mime.into(),
        data: base64::encode(&bytes),
    };
    put_saved(state, &rec).await?;
    images.update(|all| all.push(rec));
    Ok(format!("แนบรูป “{name}” ({}) แล้ว", size_text(bytes.len())))
}

/// Deletes a stored image and takes it off the list.
async fn delete(state: AppState, images: RwSignal<Vec<ImageRecord>>, id: String) -> Outcome {
    state.store().delete(&id).await.map_err(|e| format!("ลบรูปไม่ได้: {e}"))?;
    images.update(|all| all.retain(|x| x.meta.id != id));
    Ok("ลบรูปแล้ว".into())
}

fn images(ctx: Ctx, m: ReadSignal<usize>, module: ModuleAt) -> impl IntoView {
    let images = ctx.images;
    let module_id = move || module.read_with(|x| x.id.clone()).unwrap_or_default();
    let standard = move || ctx.store.with_untracked(|d| d.meta.id.clone());
    // Attaching takes the picker (as the page's imports do) and deleting an image's id: input types the page's
    // other actions already have, so no action machinery is compiled for these two.
    let pick = page_action(move |input: &web_sys::HtmlInputElement| {
        let file = input.files().and_then(|f| f.get(0));
        input.set_value("");
        let (state, standard, module) = (AppState::get(), standard(), untrack(module_id));
        async move {
            match file {
                Some(file) => attach(state, images, standard, module, file).await,
                None => Ok(String::new()),
            }
        }
    });
    let remove = page_action(move |id: &String| delete(AppState::get(), images, id.clone()));
    // The module's images by id, through the editor's one keyed list (`rows_of`, keyed by `String` like the modules).
    let shown = Signal::derive(move || {
        let module = module_id();
        images.with(|all| all.iter().filter(|i| i.module == module).map(|i| i.meta.id.clone()).collect::<Vec<_>>())
    });
    view! {
        <div class="s26-images">
            <p><strong>"แบบทดสอบและรายการกำหนด (Drawing and Specification)"</strong>
                <span class="muted small">" รูป PNG, JPEG หรือ WebP ไม่เกิน 1 MB ต่อรูป รวมทั้งมาตรฐานไม่เกิน 5 MB"</span></p>
            <ul class="s26-image-list" data-testid=testid(move || format!("s26-mod-{}-images", m.get() + 1))>
                {rows_of(shown, Callback::new(move |(_, id): (ReadSignal<usize>, String)| {
                    images.with_untracked(|all| all.iter().find(|i| i.meta.id == id).cloned()).map(|img| image_row(img, images, remove).into_any()).unwrap_or_else(|| ().into_any())
                }))}
            </ul>
            <label class="button secondary file-button">
                "แนบรูป…"
                <input type="file" class="file-input" accept="image/png,image/jpeg,image/webp" disabled=pick.pending()
                    data-testid=testid(move || format!("s26-mod-{}-image-pick", m.get() + 1))
                    on:change=move |ev| { pick.dispatch_local(event_target(&ev)); }/>
            </label>
            <div data-testid="s26-image-message">{message(latest_of(pick, remove))}</div>
        </div>
    }
}

fn image_row(img: ImageRecord, images: RwSignal<Vec<ImageRecord>>, remove: Action<String, Outcome>) -> impl IntoView {
    let id = img.meta.id.clone();
    let url = img.data_url();
    let label = format!("{} ({})", img.file, size_text(img.bytes()));
    let rec = StoredValue::new(img.clone());
    let on_caption = move |ev: leptos::ev::Event| {
        let caption = event_target_value(&ev);
        let mut r = rec.get_value();
        r.caption = caption.trim().to_string();
        r.meta.touch(&now_iso());
        rec.set_value(r.clone());
        images.update(|all| if let Some(x) = all.iter_mut().find(|x| x.meta.id == r.meta.id) { *x = r.clone() });
        super::super::put_now(r, || {});
    };
    view! {
        <li class="s26-image">
            <img src=url alt=img.caption.clone() />
            <label class="field"><span>{format!("คำบรรยายรูป {label}")}</span>
                <input type="text" value=img.caption.clone() data-testid="s26-image-caption" on:change=on_caption/>
            </label>
            <button type="button" class="secondary" data-testid="s26-image-delete" disabled=remove.pending()
                on:click=move |_| { remove.dispatch(id.clone()); }>"ลบรูป"</button>
        </li>
    }
}
