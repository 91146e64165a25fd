//! The test manual (คู่มือวิธีการทดสอบ, handbook items (1)–(19) on the back of form รมฐ.1) as one printable A4
//! document: a cover (1), the contents (2), then each part on a new page in the handbook's order. Text parts print
//! what the editor holds; data parts print the tables `domain::section26::manual` derives (test specification,
//! items per objective, the bank by objective with its key, difficulty) and the stored tables (DACUM, weights, IOC,
//! practical modules). A part the checklist (`standard::checklist`) finds incomplete prints a marked gap naming what
//! is missing, followed by whatever the standard already holds.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use crate::ui::data::loaded;
use rust_decimal::Decimal;

use crate::domain::section26::bank::BankItem;
use crate::domain::section26::dacum::tasks;
use crate::domain::section26::history::ItemHistory;
use crate::domain::section26::manual::{attitudes, bank_by_objective, difficulty_table, knowledge_scope, objective_table, skill_scope, DifficultyTable, ScopeDuty};
use crate::domain::section26::paper::duration_text;
use crate::domain::section26::marking::{ItemKind, JUDGE_SCALE};
use crate::domain::section26::records::StandardRecord;
use crate::domain::section26::standard::{checklist, level_text, Part, Standard};
use crate::domain::section26::weights::{Allocation, CRITERIA};
use crate::routes::S26Route;

use super::paper::question;
use super::{load_standard_quality, thai_date};
use super::practical::module_paper;
use crate::domain::section26::image::ImageRecord;
use crate::ui::data::page_data;
use crate::ui::error::PageError;

type Data = (StandardRecord, BTreeMap<u32, ItemHistory>, BTreeSet<u32>, Vec<ImageRecord>);

#[component]
pub fn Manual(id: String) -> impl IntoView {
    let data = page_data(move |store| {
        let id = id.clone();
        async move {
            let (rec, history, out) = load_standard_quality(&store, &id).await?;
            let images: Vec<ImageRecord> = store.list(Some(&rec.meta.org)).await?;
            Ok::<Data, PageError>((rec, history, out, images))
        }
    });
    loaded(data, body)
}

/// A table cell: its text, whether a header, a number (right-aligned), its column and row spans.
struct Cell {
    text: String,
    th: bool,
    n: bool,
    span: u32,
    rows: u32,
}

fn td(text: impl ToString) -> Cell {
    Cell { text: text.to_string(), th: false, n: false, span: 1, rows: 1 }
}

fn num(text: impl ToString) -> Cell {
    Cell { n: true, ..td(text) }
}

fn th(text: impl ToString) -> Cell {
    Cell { th: true, ..td(text) }
}

/// A header cell spanning `span` columns and `rows` rows.
fn th_span(text: impl ToString, span: u32, rows: u32) -> Cell {
    Cell { span, rows, ..th(text) }
}

/// Every printed table of the manual goes through this one function (one copy of the view code in the wasm).
fn grid(testid: Option<&'static str>, class: &'static str, head: Vec<Vec<Cell>>, body: Vec<Vec<Cell>>) -> AnyView {
    let row = |cells: Vec<Cell>| {
        view! { <tr>{cells.into_iter().map(|c| {
            let class = match (c.th, c.n) { (_, true) => "n", (true, false) => "left", _ => "" };
            if c.th {
                view! { <th class=class colspan=c.span rowspan=c.rows>{c.text}</th> }.into_any()
            } else {
                view! { <td class=class colspan=c.span rowspan=c.rows>{c.text}</td> }.into_any()
            }
        }).collect_view()}</tr> }
    };
    view! { <table class=class data-testid=testid>
        <thead>{head.into_iter().map(row).collect_view()}</thead>
        <tbody>{body.into_iter().map(row).collect_view()}</tbody>
    </table> }
    .into_any()
}

/// The allocation of items to tasks (weight, share by the formula, whole items), shared with the editor.
pub(super) fn allocation_table(alloc: &[Allocation], codes: &[(u32, String)], raters: usize) -> AnyView {
    let head = vec![vec![th("งานย่อย"), num("น้ำหนัก (เฉลี่ย)"), num("สัดส่วนตามสูตร"), num("จำนวนข้อ")]];
    let head = head.into_iter().map(|r| r.into_iter().map(|c| Cell { th: true, ..c }).collect()).collect();
    let mut body: Vec<Vec<Cell>> = alloc
        .iter()
        .map(|a| {
            vec![
                td(codes.iter().find(|c| c.0 == a.task).map(|c| c.1.clone()).unwrap_or_default()),
                num(format!("{:.2}", Decimal::from(a.sum) / Decimal::from(raters.max(1) as u32))),
                num(a.share_text()),
                num(a.items),
            ]
        })
        .collect();
    body.push(vec![th_span("รวม", 3, 1), Cell { th: true, ..num(alloc.iter().map(|a| a.items).sum::<u32>()) }]);
    grid(None, "grid", head, body)
}

/// A list of texts (`ol` when numbered), with a class.
fn list(items: Vec<String>, class: &'static str, numbered: bool) -> AnyView {
    let items = items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view();
    if numbered { view! { <ol class=class>{items}</ol> }.into_any() } else { view! { <ul class=class>{items}</ul> }.into_any() }
}

/// A paragraph with a class and a test id. The manual is built of these few pieces (`para`, `h`, `block`, `list`,
/// `grid`) so that its many parts cost little in the page's wasm.
fn para(text: impl ToString, class: &'static str, testid: Option<&'static str>) -> AnyView {
    view! { <p class=class data-testid=testid>{text.to_string()}</p> }.into_any()
}

/// A heading: `h1`–`h3`.
fn h(level: u8, text: impl ToString) -> AnyView {
    let text = text.to_string();
    match level {
        1 => view! { <h1>{text}</h1> }.into_any(),
        2 => view! { <h2>{text}</h2> }.into_any(),
        _ => view! { <h3>{text}</h3> }.into_any(),
    }
}

/// A `div` of views with a class and a test id.
fn block(class: &'static str, testid: Option<String>, children: Vec<AnyView>) -> AnyView {
    view! { <div class=class data-testid=testid>{children}</div> }.into_any()
}

fn text_or_gap(text: &str) -> Option<AnyView> {
    (!text.trim().is_empty()).then(|| para(text, "pre-line", None))
}

/// 7.1 or 7.2: duties, tasks and numbered points.
fn scope_view(duties: Vec<ScopeDuty>, testid: &'static str) -> AnyView {
    let mut out = Vec::new();
    for d in duties {
        out.push(para(format!("{} {}", d.code, d.title), "s26-scope-duty", None));
        for t in d.tasks {
            out.push(para(format!("{} {}", t.code, t.title), "s26-scope-task", None));
            out.push(list(t.points, "s26-scope-points", true));
        }
    }
    block("", Some(testid.into()), out)
}

fn body((rec, history, out, images): Data) -> AnyView {
    let s = rec.standard;
    let difficulty = difficulty_table(&history);
    let parts = checklist(&s, difficulty.is_some(), &out);
    let heading = format!("มาตรฐานฝีมือแรงงานตามมาตรา 26 สาขาอาชีพ{} สาขา{} ระดับ {}", s.occupation.trim(), s.branch.trim(), s.level);
    let applicant = format!("ชื่อหน่วยงานของผู้ยื่นขอรับรอง {}", s.applicant.trim());
    let mut cover: Vec<AnyView> = parts.first().and_then(gap).into_iter().collect();
    cover.extend([
        para("(1)", "meta", None),
        h(1, "คู่มือวิธีการทดสอบมาตรฐานฝีมือแรงงานตามมาตรา 26"),
        h(1, format!("สาขาอาชีพ{}", s.occupation.trim())),
    ]);
    if !s.branch.trim().is_empty() {
        cover.push(para(format!("สาขา{}", s.branch.trim()), "meta s26-cover-line", None));
    }
    cover.extend([
        para(format!("ระดับ {}", s.level), "meta s26-cover-line", None),
        para(level_text(s.level).unwrap_or(""), "meta", None),
        para(s.applicant.trim(), "meta s26-cover-line", None),
    ]);
    // Each part's first page, measured after layout (`page_numbers`); empty until then.
    let pages = RwSignal::new(Vec::<u32>::new());
    let contents = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = if p.filled() { format!("({}) {}", p.number, p.title) } else { format!("({}) {} — ยังไม่สมบูรณ์", p.number, p.title) };
            let page = move || pages.with(|n| n.get(i).map(|n| n.to_string()).unwrap_or_default());
            view! { <li class=if p.filled() { "" } else { "bad" }><span>{text}</span><span class="s26-page-no">{page}</span></li> }
        })
        .collect_view();
    let manual = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = manual.get() {
            // Plumbing: the measurement waits for the fonts and images the printed layout depends on.
            leptos::task::spawn_local(async move { pages.set(page_numbers(el.into()).await) });
        }
    });
    let mut doc = vec![
        block("report s26-manual-cover", Some("s26-manual-part-1".into()), cover),
        block("report page-break", Some("s26-manual-part-2".into()), vec![
            h(2, "(2) สารบัญ"),
            view! { <p class="s26-contents-head"><span></span><span>"หน้า"</span></p> }.into_any(),
            view! { <ol class="s26-manual-contents" data-testid="s26-manual-contents" data-pages=move || pages.with(|n| (!n.is_empty()).then(|| n.len().to_string()))>
                {contents}
            </ol> }.into_any(),
        ]),
    ];
    doc.extend(parts.iter().skip(2).map(|p| part(&s, p, &out, difficulty.as_ref(), &heading, &applicant, &images)));
    view! {
        <p class="no-print">
            <button type="button" data-testid="s26-manual-print" on:click=|_| { let _ = window().print(); }>"พิมพ์"</button>
            " " <a href=S26Route::Standard(rec.meta.id.clone()).href()>"กลับไปแก้ไขมาตรฐาน"</a>
        </p>
        <div class="s26-manual" data-testid="s26-manual" node_ref=manual>{doc}</div>
    }
    .into_any()
}

/// The page each part of the manual starts on when printed (part 1 on page 1; every part after the cover starts a
/// new page). Chromium's print has no `target-counter()`, so the parts are laid out as printed and counted: each is
/// cloned, alone, into a hidden box the size of the A4 page's content (`.print-measure` in the stylesheet, which also
/// repeats the print rules the parts use), split into page-high columns (`column-fill: auto`), and its pages are the
/// columns it fills. Chromium breaks columns and printed pages with the same fragmentation (rows and questions kept
/// whole, headings kept with what follows), and the root font size is set to the printed 12 pt while measuring; the
/// e2e test prints the manual and reads each part's page back from the PDF. Waits for the fonts and the images first.
async fn page_numbers(manual: web_sys::HtmlElement) -> Vec<u32> {
    let doc = document();
    let get = |o: &JsValue, k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let settle = |p: JsValue| async move {
        if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
            let _ = JsFuture::from(p).await;
        }
    };
    settle(get(&get(&doc, "fonts"), "ready")).await;
    let imgs = manual.get_elements_by_tag_name("img");
    for i in 0..imgs.length() {
        let Some(img) = imgs.item(i) else { continue };
        if let Ok(decode) = get(&img, "decode").dyn_into::<js_sys::Function>() {
            settle(decode.call0(&img).unwrap_or(JsValue::UNDEFINED)).await;
        }
    }
    let (Some(root), Some(body)) = (doc.document_element(), doc.body()) else { return Vec::new() };
    let root: web_sys::HtmlElement = root.unchecked_into();
    let style = root.style();
    let font = style.get_property_value("font-size").unwrap_or_default();
    let _ = style.set_property("font-size", "12pt");
    let mut counts = Vec::new();
    if let Ok(measure) = doc.create_element("div") {
        measure.set_class_name("print-measure");
        let _ = body.append_child(&measure);
        // Chromium's print shrinks a document wider than the page to fit (laying it out wider, the page taller in
        // proportion, up to twice): the whole manual laid out once, not in columns, gives that factor.
        let (page_w, page_h) = (f64::from(measure.client_width().max(1)), f64::from(measure.client_height().max(1)));
        let measure_el: &web_sys::HtmlElement = measure.unchecked_ref();
        let _ = measure_el.style().set_property("column-count", "auto");
        let _ = measure_el.style().set_property("height", "auto");
        let mut shrink = 1.0f64;
        if let Ok(whole) = manual.clone_node_with_deep(true) {
            let _ = measure.append_child(&whole);
            shrink = (f64::from(measure.scroll_width()) / page_w).clamp(1.0, 2.0);
            let _ = measure.remove_child(&whole);
        }
        let _ = measure_el.style().remove_property("column-count");
        let _ = measure_el.style().set_property("width", &format!("{}px", page_w * shrink));
        let _ = measure_el.style().set_property("height", &format!("{}px", page_h * shrink));
        let _ = manual.set_attribute("data-shrink", &format!("{shrink:.3}"));
        // Whole pixels: the columns are counted to the nearest.
        let width = f64::from(measure.client_width().max(1));
        let parts = manual.children();
        for i in 0..parts.length() {
            let Some(part) = parts.item(i) else { continue };
            let Ok(clone) = part.clone_node_with_deep(true) else { continue };
            if let Some(el) = clone.dyn_ref::<web_sys::Element>() {
                let _ = el.class_list().remove_1("page-break");
            }
            let _ = measure.append_child(&clone);
            let columns = (f64::from(measure.scroll_width()) / width).round().max(1.0);
            counts.push(columns as u32);
            let _ = measure.remove_child(&clone);
        }
        measure.remove();
    }
    let _ = if font.is_empty() { style.remove_property("font-size").map(drop) } else { style.set_property("font-size", &font) };
    counts
        .iter()
        .scan(1, |next, n| {
            let first = *next;
            *next += n;
            Some(first)
        })
        .collect()
}

/// The marked gap of an incomplete part (nothing when the part is complete).
fn gap(p: &Part) -> Option<AnyView> {
    (!p.filled()).then(|| {
        block("s26-gap", Some(format!("s26-manual-gap-{}", p.number)), vec![
            para(format!("ส่วนที่ ({}) ยังไม่สมบูรณ์", p.number), "s26-gap-title", None),
            list(p.missing.clone(), "", false),
        ])
    })
}

/// Parts (3)–(19), each on a new page with the standard's heading.
fn part(s: &Standard, p: &Part, out: &BTreeSet<u32>, difficulty: Option<&DifficultyTable>, heading: &str, applicant: &str, images: &[ImageRecord]) -> AnyView {
    let codes: Vec<(u32, String)> = tasks(&s.duties).into_iter().map(|t| (t.task.id, t.code)).collect();
    let code_of = |task: u32| codes.iter().find(|c| c.0 == task).map(|c| c.1.clone()).unwrap_or_default();
    let heads = |titles: &[&str]| vec![titles.iter().map(|t| th(*t)).collect::<Vec<_>>()];
    let mut page = vec![para(heading, "meta small", None), para(applicant, "meta small", None), h(2, format!("({}) {}", p.number, p.title))];
    page.extend(gap(p));
    match p.number {
        3 => page.push(list(s.working_group.iter().map(|m| format!("{} {}", m.name, m.role)).collect(), "", true)),
        4 => page.extend(text_or_gap(&s.definition_standard)),
        5 => page.extend(text_or_gap(&s.definition_occupation)),
        6 => page.extend(text_or_gap(&s.scope)),
        7 => page.extend(text_or_gap(&s.tester_qualifications)),
        8 => {
            page.extend(text_or_gap(&s.candidate_qualifications));
            let mut more = Vec::new();
            if s.required_experience_months > 0 {
                more.push(format!("ประสบการณ์ทำงานในสาขาอาชีพไม่น้อยกว่า {} เดือน", s.required_experience_months));
            }
            more.extend(s.conditions.iter().cloned());
            page.push(list(more, "", false));
        }
        9 => {
            let c = &s.criteria;
            page.extend([para(c.model.describe(), "", None), list(c.rules_text(), "", false)]);
        }
        10 => page.extend([
            h(3, "7.1 ภาคความรู้ ประกอบด้วยขอบเขตความรู้ในเรื่องดังต่อไปนี้"),
            scope_view(knowledge_scope(&s.duties), "s26-manual-7-1"),
            h(3, "7.2 ภาคความสามารถ ประกอบด้วยขอบเขตความสามารถในเรื่องดังต่อไปนี้"),
            scope_view(skill_scope(&s.duties), "s26-manual-7-2"),
            h(3, "7.3 ทัศนคติ ประกอบด้วย"),
            block("", Some("s26-manual-7-3".into()), vec![list(attitudes(&s.duties), "", false)]),
        ]),
        11 => {
            let alloc = s.allocation().ok();
            let drawn = s.assembled(out).ok();
            let t = objective_table(&s.duties, &s.bank, alloc.as_deref(), drawn.as_deref());
            let opt = |v: Option<String>| v.unwrap_or_else(|| "–".into());
            let mut body = Vec::new();
            for task in t.tasks {
                body.push(vec![th(format!("{} {}", task.code, task.title)), Cell { th: true, ..num(task.bank) }, Cell { th: true, ..num(opt(task.chosen.map(|c| c.to_string()))) }]);
                for o in task.objectives {
                    body.push(vec![td(format!("{}) {}", o.number, o.text)), num(o.bank), num(opt(o.chosen.map(|c| c.to_string())))]);
                }
            }
            body.push(vec![th("รวมข้อสอบทั้งหมด"), Cell { th: true, ..num(t.bank_total) }, Cell { th: true, ..num(opt(t.chosen_total.map(|c| c.to_string()))) }]);
            let full: Decimal = s.modules.iter().map(|m| m.full()).sum();
            let mut modules: Vec<String> = s.modules.iter().map(|m| format!("โมดูลที่ {} {} คะแนนเต็ม {}", m.id, m.name, m.full())).collect();
            modules.push(format!("คะแนนเต็มภาคความสามารถ {full}"));
            page.extend(text_or_gap(&s.test_character));
            page.extend([
                h(3, format!("8.1 ภาคความรู้ ข้อสอบแบบปรนัย จำนวน {} ข้อ เวลา {}", s.test_length, duration_text(s.paper.minutes))),
                grid(Some("s26-manual-8-1"), "grid", heads(&["วัตถุประสงค์เชิงพฤติกรรม", "จำนวนข้อสอบทั้งหมด", "จำนวนข้อสอบที่เลือก"]), body),
                h(3, "8.2 ภาคความสามารถ"),
                list(modules, "", false),
            ]);
        }
        12 => {
            let (groups, unlinked) = bank_by_objective(&s.duties, &s.bank);
            let questions = |items: Vec<&BankItem>| {
                view! { <ol class="s26-questions">{items.into_iter().map(|q| question(q, true)).collect_view()}</ol> }.into_any()
            };
            page.push(para(format!("คลังข้อสอบ {} ข้อ เรียงตามงานย่อยและวัตถุประสงค์เชิงพฤติกรรม พร้อมเฉลย (✔ ตัวถูก)", s.bank.len()), "", None));
            for t in groups {
                page.push(h(3, format!("{} {}", t.code, t.title)));
                for o in t.objectives {
                    page.push(para(match o.number { Some(n) => format!("{n}) {}", o.text), None => o.text.clone() }, "s26-scope-task", None));
                    page.push(questions(o.items));
                }
            }
            if !unlinked.is_empty() {
                page.extend([h(3, "ข้อสอบที่ยังไม่ได้ผูกกับงานย่อย"), questions(unlinked)]);
            }
            // The matching sets' right-hand answers, which the premises above are keyed to.
            for set in &s.matching {
                let answers = set.answers.iter().zip(crate::domain::section26::bank::MATCH_LETTERS).map(|(a, l)| format!("{l}. {a}")).collect();
                page.extend([h(3, format!("คำตอบของชุดจับคู่ที่ {} {}", set.id, set.title)), list(answers, "", false)]);
            }
        }
        // The practical paper of each module, as its own print route prints it.
        13 => page.extend(s.modules.iter().map(|m| module_paper(s, m, images, true))),
        14 => {
            for m in &s.modules {
                let mut body: Vec<Vec<Cell>> = m
                    .items
                    .iter()
                    .map(|i| {
                        let criterion = match &i.kind {
                            ItemKind::Measurement { nominal, tolerance } => format!("{nominal} ± {tolerance}"),
                            k => k.label().to_string(),
                        };
                        vec![td(&i.id), td(&i.title), td(criterion), num(i.full), td(""), td("")]
                    })
                    .collect();
                body.push(vec![th_span("รวม", 3, 1), Cell { th: true, ..num(m.full()) }, td(""), td("")]);
                page.extend([
                    h(3, format!("ใบให้คะแนน โมดูลที่ {} {}", m.id, m.name)),
                    grid(None, "grid", heads(&["ที่", "รายการ", "เกณฑ์การให้คะแนน", "คะแนนเต็ม", "ค่าที่ได้ / กรรมการ", "คะแนนที่ได้"]), body),
                ]);
            }
            if s.modules.iter().any(|m| m.items.iter().any(|i| i.kind == ItemKind::Judgement)) {
                let scale: Vec<String> = JUDGE_SCALE.iter().enumerate().map(|(k, t)| format!("{k} = {t}")).collect();
                page.push(para(format!("เกณฑ์กรรมการให้คะแนน: {}", scale.join(" · ")), "", None));
            }
        }
        15 => {
            let mut top = vec![th_span("ลำดับ", 1, 2), th_span("ชื่อ-สกุล", 1, 2), th_span("ภาคความรู้", 2, 1)];
            top.extend(s.modules.iter().map(|m| th_span(format!("โมดูล {}", m.id), 2, 1)));
            top.extend(["รวม %", "ผลการทดสอบ", "หมายเหตุ"].map(|t| th_span(t, 1, 2)));
            let second = (0..=s.modules.len()).flat_map(|_| [th("คะแนน"), th("ผ่าน/ไม่ผ่าน")]).collect();
            let columns = 7 + 2 * s.modules.len();
            let body = (1..=5).map(|n| std::iter::once(num(n)).chain((1..columns).map(|_| td(""))).collect()).collect();
            page.extend([
                grid(None, "grid s26-form15", vec![top, second], body),
                para(s.criteria.model.describe(), "note", None),
                para("ลงชื่อ ........................................................ ผู้ทดสอบมาตรฐานฝีมือแรงงาน", "signature", None),
            ]);
        }
        16 => {
            let mut body = Vec::new();
            for (d, duty) in s.duties.iter().enumerate() {
                body.push(vec![th_span(format!("งานหลักที่ {} {}", d + 1, duty.title), 6, 1)]);
                for (t, task) in duty.tasks.iter().enumerate() {
                    body.push(vec![th_span(format!("งานย่อย {}.{} {}", d + 1, t + 1, task.title), 6, 1)]);
                    for (i, st) in task.steps.iter().enumerate() {
                        body.push(vec![td(format!("{}. {}", i + 1, st.title)), td(&st.tools), td(&st.knowledge), td(&st.attitude), td(&st.standard), td(&st.safety)]);
                    }
                }
            }
            let head = heads(&["ขั้นตอนการปฏิบัติงาน", "เครื่องมือ/วัสดุอุปกรณ์", "ความรู้", "ทัศนคติ/กิจนิสัย", "มาตรฐานการปฏิบัติงาน", "ข้อควรระวัง/ความปลอดภัย"]);
            page.push(grid(None, "grid s26-dacum-table", head, body));
        }
        17 => {
            let w = &s.weights;
            let n = w.criteria_count();
            let mut head = vec![th("งานย่อย"), th("ผู้ให้น้ำหนัก")];
            head.extend(CRITERIA[..n].iter().map(|c| th(*c)));
            let mut body = Vec::new();
            for (id, code) in &codes {
                for (r, name) in w.raters.iter().enumerate() {
                    let row = w.ratings.get(id).and_then(|rows| rows.get(r)).copied().unwrap_or([None; 5]);
                    let mut cells = vec![td(code), td(name)];
                    cells.extend(row[..n].iter().map(|v| num(v.map(|v| v.to_string()).unwrap_or_else(|| "–".into()))));
                    body.push(cells);
                }
            }
            page.push(grid(None, "grid", vec![head], body));
            page.extend(s.allocation().ok().map(|a| allocation_table(&a, &codes, w.raters.len())));
        }
        18 => {
            let t = &s.ioc;
            let mut head = vec![th("ข้อ"), th("งานย่อย"), th("วัตถุประสงค์")];
            head.extend(t.experts.iter().map(th));
            head.extend(["ΣR", "IOC", "ผล"].map(th));
            let body = s
                .bank
                .iter()
                .map(|b| {
                    let ratings = t.ratings.get(&b.id).map(Vec::as_slice).unwrap_or(&[]);
                    let mut cells = vec![td(format!("#{}", b.id)), td(code_of(b.task)), num(b.objective + 1)];
                    cells.extend((0..t.experts.len()).map(|e| {
                        num(match ratings.get(e).copied().flatten() { Some(1) => "+1".to_string(), Some(v) => v.to_string(), None => "–".into() })
                    }));
                    match t.item(b.id) {
                        Ok(r) => cells.extend([num(r.sum), num(&r.text), td(r.verdict())]),
                        Err(_) => cells.extend([num("–"), num("–"), td("ยังประเมินไม่ครบ")]),
                    }
                    cells
                })
                .collect();
            page.push(grid(Some("s26-manual-ioc"), "grid", vec![head], body));
        }
        19 => {
            if let Some(t) = difficulty {
                let body = t.rows.iter().map(|r| vec![num(r.question), td(format!("#{}", r.item)), num(r.p), num(r.r), td(r.verdict.thai())]).collect();
                page.extend([
                    para(format!("ผลการทดลองทดสอบวันที่ {} — ข้อสอบที่ดี {} ข้อ ควรปรับปรุง {} ข้อ", thai_date(&t.date), t.good, t.revise), "", Some("s26-manual-difficulty-date")),
                    grid(Some("s26-manual-difficulty"), "grid", heads(&["ข้อ", "ข้อในคลัง", "ค่าความยากง่าย (p)", "ค่าอำนาจจำแนก (r)", "ผล"]), body),
                ]);
            }
        }
        _ => {}
    }
    block("report page-break s26-manual-part", Some(format!("s26-manual-part-{}", p.number)), page)
}
