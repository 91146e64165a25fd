//! Item analysis pages (วิเคราะห์ข้อสอบ): `datasets` (import a responses CSV and a key CSV for a test centre, list the
//! stored data sets and the Section 26 test sessions), `analysis` (settings, test statistics, the sortable item
//! table with each item's distractors, the histogram and the p–r plot), `session` (the same for a test session,
//! recomputed from its records each time), `report` (the printable form (19), for either), `compare` (two
//! analyses of the same test side by side) and `worker` (the import worker and the page's handle on it).
//!
//! Responsiveness. Whatever touches a whole data set's answers runs in a Web Worker (`worker`; Trunk builds the bin
//! `mattrathan-ia-worker` from the `data-type="worker"` link of `ia.html`, and the page starts it only when a file
//! is imported or a stored data set opened): a national sitting, 140,000 candidates × 290 items, is 80–160 MB of CSV
//! and 27 MB of packed answers, and reading, decoding, parsing, packing and storing it takes seconds, which no
//! chunking on the main thread could keep under a frame. The worker runs the same pure functions as the command line
//! (`domain::text`, `domain::item_analysis::csv`) and the same store code as the page, posts its progress (rows read,
//! the share of the file) for the progress bar and its time left, is terminated by the cancel button, stores the
//! data set packed (`records::Answers::Packed`, four bits per answer) and hands the page the record without its
//! answers and the answers as the response matrix's words in one transferred buffer. An import hands its data set
//! straight to the analysis page ([`hand_over`]); opening a stored one reads it in a new worker ([`load_dataset`]).
//! The analysis itself is fast (10,000 × 100 in a few milliseconds in WebAssembly) and stays on the page, in chunks
//! that yield to the browser's event loop (a `setTimeout(0)` between chunks of about 12 ms) through the domain's
//! `prepare` / `item` / `finish` steps, so a change of settings never copies the answers to a worker.

pub mod analysis;
pub mod compare;
pub mod datasets;
pub mod report;
pub mod session;
pub mod worker;

use std::sync::Arc;

use leptos::prelude::*;
use crate::domain::item_analysis::{
    option_groups, option_letter, prepare, Analysis, Dataset, GroupKind, Grouping, GroupsUsed, IaDataset, Method,
    ScoreGroup,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::routes::{IaRoute, Route};
use super::data::{loaded, page_data, PageData};
use worker::{DatasetWorker, Finished, Job, Opened};

/// Time budget of one chunk of work before yielding, in milliseconds.
const CHUNK_MS: f64 = 12.0;

/// A `performance.mark(name)` on the page's timeline: where the steps of opening and analysing a data set begin, which
/// the benchmark (`tests/e2e/ia.bench.mjs`, with `IA_BENCH_TASKS=1`) prints beside the long tasks.
pub fn mark(name: &str) {
    let performance = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance")).unwrap_or_default();
    if let Ok(mark) = js_sys::Reflect::get(&performance, &JsValue::from_str("mark")) {
        if let Some(mark) = mark.dyn_ref::<js_sys::Function>() {
            let _ = mark.call1(&performance, &JsValue::from_str(name));
        }
    }
}

/// Lets the browser run (paint, input) before continuing: resolves on the next `setTimeout(0)`.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback(resolve.unchecked_ref());
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs a whole analysis in chunks, yielding between them; `progress(done, total)` is called at each yield and
/// `stale()` stops the run early (returns `None`) when newer settings replaced it.
pub async fn analyse_in_chunks(
    data: Arc<Dataset>,
    method: Method,
    progress: impl Fn(usize, usize),
    stale: impl Fn() -> bool,
) -> Option<Result<Analysis, String>> {
    // The totals and groups first, each side of a yield: at national scale they take a chunk of their own.
    yield_now().await;
    mark("ia:prepare");
    let prepared = match prepare(&data.matrix, &data.key, &method) {
        Ok(p) => p,
        Err(e) => return Some(Err(e.thai())),
    };
    yield_now().await;
    mark("ia:items");
    if stale() {
        return None;
    }
    let total = prepared.items();
    let mut items = Vec::with_capacity(total);
    let mut since = js_sys::Date::now();
    for i in 0..total {
        items.push(prepared.item(i));
        if js_sys::Date::now() - since > CHUNK_MS {
            progress(i + 1, total);
            yield_now().await;
            if stale() {
                return None;
            }
            since = js_sys::Date::now();
        }
    }
    mark("ia:finish");
    Some(Ok(prepared.finish(items)))
}

thread_local! {
    /// The data set an import just stored, handed over by the worker: its analysis page takes it instead of reading
    /// it again.
    static HANDED_OVER: std::cell::RefCell<Option<Opened>> = const { std::cell::RefCell::new(None) };
}

/// Leaves a data set just imported for its analysis page.
pub fn hand_over(opened: Opened) {
    HANDED_OVER.with(|h| *h.borrow_mut() = Some(opened));
}

/// A stored data set, read now and again after every import or pull: in the data-set worker (`worker`), so its
/// answers are never read, decoded or unpacked on the page; the one an import just handed over is taken as it is.
pub fn load_dataset(id: String) -> PageData<Option<Opened>> {
    page_data(move |_store| {
        let id = id.clone();
        async move {
            let handed = HANDED_OVER.with(|h| h.borrow_mut().take_if(|o| o.record.meta.id == id));
            if let Some(opened) = handed {
                return Ok(Some(opened));
            }
            match DatasetWorker::start()?.finish(Job::Open(id), |_| {}).await? {
                Finished::Opened(opened) => Ok(Some(opened)),
                Finished::Missing | Finished::Cancelled => Ok(None),
            }
        }
    })
}

/// Renders `body` once the data set is read (`record` without its answers); "not found" or why it cannot be read
/// otherwise.
pub fn with_dataset<V: IntoView + 'static>(
    data: PageData<Option<Opened>>,
    body: impl Fn(IaDataset, Arc<Dataset>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    loaded(data, move |found| match found {
        None => view! {
            <h1>"ไม่พบชุดข้อมูลนี้"</h1>
            <p><a href=IaRoute::Datasets.href()>"กลับไปรายการชุดข้อมูล"</a></p>
        }
        .into_any(),
        Some(Opened { record, data }) => body(record, data).into_any(),
    })
}

/// How the items of an analysis are named, and where its printable report is.
#[derive(Clone, Debug)]
pub struct Labels {
    /// One label per item (the CSV header, or the question number of a session).
    pub items: Vec<String>,
    /// Where each item came from (a session's bank item and task); empty for a CSV data set.
    pub sources: Vec<String>,
    pub report: Route,
}

impl Labels {
    /// An imported data set's: the header's labels, no sources.
    pub fn of_dataset(record: &IaDataset) -> Labels {
        Labels { items: record.items.clone(), sources: Vec::new(), report: IaRoute::Report(record.meta.id.clone()).into() }
    }
}

/// An item's label, with its source under it when there is one.
pub fn item_label(labels: &Labels, item: usize) -> impl IntoView {
    let source = labels.sources.get(item).cloned();
    view! {
        {labels.items[item].clone()}
        {source.map(|s| view! { <br/><small class="muted" data-testid="ia-source">{s}</small> })}
    }
}

/// The groups in words: "กลุ่มสูง–กลุ่มต่ำ กลุ่มละ 30 คน (25 %)" or "ผ่านเกณฑ์ 7 คน ไม่ผ่านเกณฑ์ 3 คน".
pub fn groups_text(g: &GroupsUsed) -> String {
    match g {
        GroupsUsed::Norm { fraction, size } => {
            format!(
                "แบบอิงกลุ่ม: กลุ่มสูงและกลุ่มต่ำ กลุ่มละ {size} คน ({} %)",
                (*fraction * rust_decimal::Decimal::ONE_HUNDRED).normalize()
            )
        }
        GroupsUsed::Criterion { pass, fail, cut, min_score } => {
            let cut = match (cut, min_score) {
                (Some(c), Some(m)) => format!(" (เกณฑ์ผ่านร้อยละ {c} = ได้ {m} คะแนนขึ้นไป)"),
                _ => String::new(),
            };
            format!("แบบอิงเกณฑ์: ผ่านเกณฑ์ {pass} คน ไม่ผ่านเกณฑ์ {fail} คน{cut}")
        }
    }
}

/// Column titles of the two groups: (กลุ่มสูง, กลุ่มต่ำ) or (ผ่านเกณฑ์, ไม่ผ่านเกณฑ์).
pub fn group_names(g: &GroupsUsed) -> (&'static str, &'static str) {
    match g {
        GroupsUsed::Norm { .. } => ("กลุ่มสูง", "กลุ่มต่ำ"),
        GroupsUsed::Criterion { .. } => ("ผ่านเกณฑ์", "ไม่ผ่านเกณฑ์"),
    }
}

/// A statistic with `digits` decimals, or "—" when it cannot be computed.
pub fn fixed(value: Option<f64>, digits: usize) -> String {
    value.map_or("—".to_string(), |v| format!("{v:.digits$}"))
}

/// The score histogram and the p–r plot of an analysis, as SVG markup.
pub fn plots(a: &Analysis, labels: &[String]) -> (String, String) {
    let histogram = super::chart::histogram_svg("การแจกแจงคะแนนรวม", &a.histogram);
    let points: Vec<(String, i32, i32, bool)> =
        a.items.iter().map(|i| (labels[i.index].clone(), i.p.0, i.r.0, i.flagged())).collect();
    (histogram, super::chart::scatter_svg("ค่า p และ r รายข้อ", &points))
}

/// The option plots' groups as the selector holds them: 3 or 5 score groups, or 0 for the analysis's own groups.
pub type PlotGroups = RwSignal<usize>;

/// The selector of the option plots' groups.
pub fn plot_groups_select(choice: PlotGroups, testid: &'static str) -> impl IntoView {
    let options = [(3, "3 กลุ่มตามคะแนนรวม"), (5, "5 กลุ่มตามคะแนนรวม"), (0, "กลุ่มของการวิเคราะห์ (กลุ่มสูง–กลุ่มต่ำ หรือผ่าน–ไม่ผ่าน)")];
    view! {
        <label class="field">
            <span>"แบ่งผู้สอบเป็น"</span>
            <select data-testid=testid on:change=move |ev| {
                if let Ok(k) = event_target_value(&ev).parse::<usize>() {
                    choice.set(k);
                }
            }>
                {options.map(|(k, text)| view! {
                    <option value=k.to_string() selected=move || choice.get() == k>{text}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// A group's label on the plot's x axis: its score range, or what it is.
fn group_label(g: &ScoreGroup) -> String {
    match g.kind {
        GroupKind::Score(_) if g.min == g.max => g.min.to_string(),
        GroupKind::Score(_) => format!("{}–{}", g.min, g.max),
        GroupKind::Lower => "กลุ่มต่ำ".into(),
        GroupKind::Middle => "กลุ่มกลาง".into(),
        GroupKind::Upper => "กลุ่มสูง".into(),
        GroupKind::Fail => "ไม่ผ่านเกณฑ์".into(),
        GroupKind::Pass => "ผ่านเกณฑ์".into(),
    }
}

/// One option plot per item (`super::chart::option_plot_svg`) in the groups chosen, with the groups' score ranges and
/// sizes above them; the omitted answers get a line only in an item someone left blank.
pub fn option_plots(data: &Dataset, method: &Method, choice: usize, labels: &[String]) -> impl IntoView {
    let grouping = if choice == 0 { Grouping::Analysis(method.clone()) } else { Grouping::Scores(choice) };
    let g = match option_groups(&data.matrix, &data.key, &grouping) {
        Ok(g) => g,
        Err(e) => return view! { <p class="msg error" role="alert">{e.thai()}</p> }.into_any(),
    };
    let names: Vec<String> = g.groups.iter().map(group_label).collect();
    let sizes: Vec<String> = g
        .groups
        .iter()
        .zip(&names)
        .map(|(s, name)| match s.kind {
            GroupKind::Score(_) => format!("{name} คะแนน {} คน", s.size),
            _ => format!("{name} ({}–{} คะแนน) {} คน", s.min, s.max, s.size),
        })
        .collect();
    let figures = g
        .items
        .iter()
        .map(|it| {
            let label = &labels[it.item];
            let groups = 0..g.groups.len();
            let mut lines: Vec<crate::ui::chart::PlotLine> = (0..data.matrix.options() as u8)
                .map(|o| crate::ui::chart::PlotLine {
                    label: option_letter(o).to_string(),
                    is_key: o == it.key,
                    omitted: false,
                    shares: groups.clone().map(|j| g.share(it.item, j, Some(o))).collect(),
                })
                .collect();
            if it.omitted.iter().any(|&n| n > 0) {
                lines.push(crate::ui::chart::PlotLine {
                    label: "ไม่ตอบ".into(),
                    is_key: false,
                    omitted: true,
                    shares: groups.map(|j| g.share(it.item, j, None)).collect(),
                });
            }
            let svg = crate::ui::chart::option_plot_svg(&format!("ข้อ {label}: สัดส่วนผู้เลือกแต่ละตัวเลือก"), &names, &lines);
            view! {
                <figure class="chart ia-optplot" data-testid=format!("ia-optplot-{label}")>
                    <figcaption>{format!("ข้อ {label}")}</figcaption>
                    <div inner_html=svg></div>
                </figure>
            }
        })
        .collect_view();
    view! {
        <p class="muted small" data-testid="ia-optplot-groups">
            {format!("กลุ่มจากคะแนนรวมต่ำไปสูง: {}", sizes.join(" · "))}
        </p>
        <div class="ia-optplots">{figures}</div>
    }
    .into_any()
}
