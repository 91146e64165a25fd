//! One data set's analysis: method, group and cut (saved with the data set), the test statistics, the item table
//! (sortable; items to revise first by default) with each item's distractor table opening under its row, the score
//! histogram and the p–r plot. The analysis re-runs in chunks whenever a setting changes. The result views
//! ([`Page`], [`Page::view`]) serve a test session's analysis too (`super::session`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::item_analysis::rules::difficulty_quality;
use crate::domain::item_analysis::reliability::{reliability, spearman_brown, spearman_brown_lengths, Reliability};
use crate::domain::item_analysis::{
    option_letter, Analysis, Dataset, GroupsUsed, IaDataset, ItemResult, Method, RFlag, Reason, Settings,
};
use crate::domain::numbers::Kind;
use rust_decimal::Decimal;

use super::{
    analyse_in_chunks, fixed, group_names, groups_text, item_label, load_dataset, option_plots, plot_groups_select,
    plots, with_dataset, Labels, PlotGroups,
};
use crate::ui::autosave;
use crate::ui::widgets::number_field;

/// Tests of up to this many items show their option plots at once; longer ones on request.
const PLOTS_SHOWN_UP_TO: usize = 40;

#[derive(Clone)]
enum Run {
    Working(usize, usize),
    Done(Arc<Analysis>),
    Failed(String),
}

/// Columns the item table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SortKey {
    /// Items to revise first, then item order (the default).
    Flagged,
    Item,
    P,
    R,
    RestR,
    Omitted,
}

/// The result views' state: one handle instead of loose signals.
#[derive(Clone, Copy)]
pub struct Page {
    labels: StoredValue<Labels>,
    run: RwSignal<Run>,
    generation: StoredValue<u32>,
    sort: RwSignal<(SortKey, bool)>,
    open: RwSignal<Option<usize>>,
    /// The latest run's answers and method, for the option plots.
    input: StoredValue<Option<(Arc<Dataset>, Method)>>,
    plot_groups: PlotGroups,
}

impl Page {
    pub fn new(labels: Labels) -> Page {
        Page {
            labels: StoredValue::new(labels),
            run: RwSignal::new(Run::Working(0, 0)),
            generation: StoredValue::new(0),
            sort: RwSignal::new((SortKey::Flagged, true)),
            open: RwSignal::new(None),
            input: StoredValue::new(None),
            plot_groups: RwSignal::new(3),
        }
    }

    /// Starts an analysis; an older run still going stops at its next yield.
    pub fn start(self, data: Arc<Dataset>, method: Method) {
        self.generation.update_value(|g| *g += 1);
        let generation = self.generation.get_value();
        let current = move || self.generation.get_value() == generation;
        self.run.set(Run::Working(0, data.items.len()));
        self.input.set_value(Some((data.clone(), method.clone())));
        // A computation, not stored data: the analysis reports its progress and stops when superseded.
        spawn_local(async move {
            let progress = move |done, total| {
                if current() {
                    self.run.set(Run::Working(done, total));
                }
            };
            if let Some(result) = analyse_in_chunks(data, method, progress, move || !current()).await {
                if current() {
                    self.run.set(match result {
                        Ok(a) => Run::Done(Arc::new(a)),
                        Err(e) => Run::Failed(e),
                    });
                }
            }
        });
    }

    /// Progress, the error, or the results of the latest run.
    pub fn view(self) -> impl IntoView {
        move || match self.run.get() {
            Run::Working(done, total) => view! {
                <p class="muted" role="status" data-testid="ia-progress">
                    "กำลังวิเคราะห์… " {done} " / " {total} " ข้อ"
                </p>
            }
            .into_any(),
            Run::Failed(e) => view! { <p class="msg error" role="alert" data-testid="ia-error">{e}</p> }.into_any(),
            Run::Done(a) => untrack(|| results(self, a)).into_any(),
        }
    }
}

/// An imported data set's page: its saved settings, changed here.
#[derive(Clone, Copy)]
struct CsvPage {
    page: Page,
    state: crate::ui::state::AppState,
    id: StoredValue<String>,
    data: StoredValue<Arc<Dataset>>,
    settings: RwSignal<Settings>,
}

impl CsvPage {
    /// Applies a settings change: re-runs the analysis and saves the settings with the data set. The page holds the
    /// data set without its packed answers (`super::worker`), so the record is read whole again and written back
    /// with the new settings (through `autosave`: "saved" once committed). At national scale that read and write
    /// are a main-thread pause of their own, on a settings change only (see README, item analysis).
    fn change(self, f: impl FnOnce(&mut Settings)) {
        self.settings.update(f);
        let settings = self.settings.get_untracked();
        let (id, state) = (self.id.get_value(), self.state);
        // `autosave` finds the app state in the page's context: the write is queued from outside it, after the read.
        let owner = Owner::current();
        spawn_local(async move {
            match state.store().get::<IaDataset>(&id).await {
                Ok(Some(mut record)) if record.settings != settings => {
                    record.settings = settings;
                    record.meta.touch(&crate::store::now_iso());
                    match owner {
                        Some(o) => o.with(|| autosave::save(record)),
                        None => autosave::save(record),
                    }
                }
                Ok(_) => {}
                Err(e) => state.save.set(crate::ui::state::SaveState::Failed(e.to_string())),
            }
        });
        self.start();
    }

    fn start(self) {
        self.page.start(self.data.get_value(), self.settings.get_untracked().method());
    }
}

#[component]
pub fn AnalysisPage(id: String) -> impl IntoView {
    with_dataset(load_dataset(id), page_body)
}

fn page_body(record: IaDataset, data: Arc<Dataset>) -> impl IntoView {
    let page = CsvPage {
        page: Page::new(Labels::of_dataset(&record)),
        settings: RwSignal::new(record.settings.clone()),
        state: crate::ui::state::AppState::get(),
        id: StoredValue::new(record.meta.id.clone()),
        data: StoredValue::new(data),
    };
    page.start();
    let criterion = move || page.settings.with(|s| s.method == "criterion");
    let files = record.files.join(" และ ");
    view! {
        <h1>"วิเคราะห์ข้อสอบ: " {record.title.clone()}</h1>
        <p class="muted">
            "ศูนย์ทดสอบ " {record.meta.org.clone()} " · ผู้เข้าสอบ " {record.candidates.len()} " คน · "
            {record.items.len()} " ข้อ · " {record.options} " ตัวเลือก · จากไฟล์ " {files}
        </p>
        <section class="card no-print">
            <h2>"วิธีวิเคราะห์"</h2>
            <div class="row">
                <label>
                    <input type="radio" name="ia-method" data-testid="ia-method-norm"
                        prop:checked=move || !criterion()
                        on:change=move |_| page.change(|s| s.method = "norm".into()) />
                    " แบบอิงกลุ่ม (กลุ่มสูง–กลุ่มต่ำ)"
                </label>
                <label class="field">
                    <span>"ขนาดกลุ่ม"</span>
                    <select data-testid="ia-group" prop:disabled=criterion
                        on:change=move |ev| {
                            if let Ok(g) = event_target_value(&ev).parse::<Decimal>() {
                                page.change(|s| s.group = g);
                            }
                        }>
                        {["0.25", "0.27"].map(|g| {
                            let selected = page.settings.with_untracked(|s| s.group.to_string() == g);
                            view! { <option value=g selected=selected>{format!("{} %", &g[2..])}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    <input type="radio" name="ia-method" data-testid="ia-method-criterion"
                        prop:checked=criterion
                        on:change=move |_| page.change(|s| s.method = "criterion".into()) />
                    " แบบอิงเกณฑ์ (ผ่าน–ไม่ผ่านเกณฑ์)"
                </label>
                {number_field(
                    "เกณฑ์ผ่าน (ร้อยละของคะแนนเต็ม)".into(),
                    Kind::Percent,
                    Some(record.settings.cut),
                    "ia-cut".into(),
                    move || !criterion(),
                    move |v| if let Some(cut) = v { page.change(|s| s.cut = cut) },
                )}
            </div>
            <p class="muted">
                "แบบอิงกลุ่ม: เรียงคะแนนรวมจากมากไปน้อย (คะแนนเท่ากันเรียงตามลำดับในไฟล์) กลุ่มสูงและกลุ่มต่ำ "
                "กลุ่มละ 25 % หรือ 27 % ของผู้สอบ ปัดเศษครึ่งขึ้น · แบบอิงเกณฑ์: r คือดัชนี B ของเบรนแนน = U/n1 − L/n2"
            </p>
        </section>
        {page.page.view()}
    }
}

fn results(page: Page, a: Arc<Analysis>) -> impl IntoView {
    super::mark("ia:results");
    let labels = page.labels.get_value();
    let t = &a.test;
    let flagged = a.items.iter().filter(|i| i.flagged()).count();
    let (histogram, scatter) = plots(&a, &labels.items);
    let labels_for_plots = labels.items.clone();
    // A long test's plots wait for the button, so its table comes up without drawing a hundred charts.
    let show_plots = RwSignal::new(a.items.len() <= PLOTS_SHOWN_UP_TO);
    let cut = match &a.groups {
        GroupsUsed::Criterion { min_score, .. } => *min_score,
        GroupsUsed::Norm { .. } => None,
    };
    let rel = reliability(&a.histogram, t.kr20, cut);
    let stats = [
        ("ผู้เข้าสอบ (N)", t.candidates.to_string()),
        ("ค่าเฉลี่ย", format!("{:.2}", t.mean)),
        ("ส่วนเบี่ยงเบนมาตรฐาน", format!("{:.2}", t.sd)),
        ("มัธยฐาน", format!("{:.1}", t.median)),
        ("ต่ำสุด–สูงสุด", format!("{}–{} จาก {}", t.min, t.max, t.items)),
        ("KR-20", fixed(t.kr20, 3)),
        ("ความคลาดเคลื่อนมาตรฐานของการวัด", fixed(t.sem, 2)),
        ("คำตอบที่ไม่ได้ตอบ", t.omitted.to_string()),
    ];
    view! {
        <section class="card">
            <h2>"ผลรวมของแบบทดสอบ"</h2>
            <p data-testid="ia-groups">{groups_text(&a.groups)}</p>
            <dl class="ia-stats" data-testid="ia-stats">
                {stats.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
            <p>
                <strong data-testid="ia-flagged">{format!("ข้อที่ควรปรับปรุง {flagged} จาก {} ข้อ", a.items.len())}</strong>
                " · "
                <a href=labels.report.href() data-testid="ia-report-link">"รายงานสำหรับพิมพ์ (แบบ (19))"</a>
            </p>
            <p class="note">
                "ค่า p และ r แสดงทศนิยม 2 ตำแหน่ง (ปัดครึ่งขึ้น) และแปลความหมายจากค่าที่แสดง · คำตอบที่เว้นว่างนับเป็นตอบผิด · "
                "KR-20, SD (หารด้วย N) และ r ข้อ–ส่วนที่เหลือ เป็นสถิติเพิ่มเติมนอกคู่มือ"
            </p>
        </section>
        {reliability_panel(rel, t.items)}
        <section class="card">
            <h2>"รายข้อ"</h2>
            <p class="muted small">
                <span class="swatch r-neg">"r ติดลบ"</span>" กลุ่มต่ำตอบถูกมากกว่ากลุ่มสูง · "
                <span class="swatch r-low">"r 0.00–0.19"</span>" จำแนกได้น้อย"
            </p>
            {xlsx_export(page, a.clone())}
            {item_table(page, a.clone())}
        </section>
        <section class="card" data-testid="ia-option-plots">
            <h2>"กราฟตัวเลือก"</h2>
            <div class="row">
                {plot_groups_select(page.plot_groups, "ia-plot-groups")}
                <button class="secondary" data-testid="ia-show-plots" aria-expanded=move || show_plots.get().to_string()
                    on:click=move |_| show_plots.update(|s| *s = !*s)>
                    {move || if show_plots.get() { "ซ่อนกราฟ" } else { "แสดงกราฟ" }}
                </button>
            </div>
            <p class="muted small">
                "สัดส่วนผู้เลือกแต่ละตัวเลือกในแต่ละกลุ่ม เรียงกลุ่มจากคะแนนรวมต่ำไปสูง · เส้นดำหนาคือตัวถูก ควรสูงขึ้นจากซ้ายไปขวา "
                "ตัวลวงที่ดีควรลดลง · เส้นประสีเทาคือไม่ตอบ (แสดงเฉพาะข้อที่มีผู้ไม่ตอบ) · แบ่งกลุ่มตามอันดับกลาง: "
                "ผู้ที่ได้คะแนนเท่ากันอยู่กลุ่มเดียวกันเสมอ จึงอาจได้กลุ่มน้อยกว่าที่เลือก"
            </p>
            {move || {
                let choice = page.plot_groups.get();
                let input = show_plots.get().then(|| page.input.get_value()).flatten();
                input.map(|(data, method)| option_plots(&data, &method, choice, &labels_for_plots))
            }}
        </section>
        <section class="card ia-plots">
            <figure class="chart" data-testid="ia-histogram" inner_html=histogram></figure>
            <figure class="chart" data-testid="ia-scatter" inner_html=scatter></figure>
            <p class="muted">"จุดสี่เหลี่ยมสีแดง = ข้อที่ควรปรับปรุง · พื้นที่สีเขียว = 0.20 ≤ p ≤ 0.80 และ r ≥ 0.20"</p>
        </section>
    }
}

/// The item table and every item's options as an Excel workbook (`domain::item_analysis::sheet`), written by the
/// spreadsheet worker and downloaded.
fn xlsx_export(page: Page, a: Arc<Analysis>) -> impl IntoView {
    let save = crate::ui::action::page_action(move |_: &()| {
        let labels = page.labels.get_value();
        let spec = crate::domain::item_analysis::sheet::workbook(&a, &labels.items, group_names(&a.groups));
        let name = "ผลวิเคราะห์ข้อสอบ.xlsx".to_string();
        async move {
            crate::ui::xlsx::download(&name, &spec).await?;
            Ok(format!("ส่งออกแล้ว: {name}"))
        }
    });
    view! {
        <p class="row">
            <button class="secondary" data-testid="ia-xlsx" prop:disabled=save.pending() on:click=move |_| { save.dispatch_local(()); }>
                "ส่งออก Excel (รายข้อและตัวลวง)"
            </button>
        </p>
        {crate::ui::error::message(crate::ui::error::outcome(save))}
    }
}

/// KR-20 with its interval, KR-21, SEM, Spearman–Brown (a table and a typed change), and at a criterion cut the
/// conditional SEM and the decision consistency (`domain::item_analysis::reliability`).
fn reliability_panel(r: Reliability, k: usize) -> impl IntoView {
    let change = RwSignal::new(10i64);
    let lengths = spearman_brown_lengths(k);
    let kr20 = r.kr20;
    let ci = r.kr20_ci.map_or("—".to_string(), |(lo, hi)| format!("{lo:.3}–{hi:.3}"));
    let mut stats = vec![
        ("KR-20 (ช่วงเชื่อมั่น 95 % แบบ Feldt)", format!("{} ({ci})", fixed(r.kr20, 3))),
        ("KR-21", fixed(r.kr21, 3)),
        ("SEM", fixed(r.sem, 2)),
        ("จำนวนข้อน้อยที่สุดที่ให้ KR-20 ≥ 0.80", r.items_for_080.map_or("—".to_string(), |n| format!("{n} ข้อ"))),
    ];
    if let Some(c) = &r.cut {
        stats.extend([
            ("คะแนนจุดตัด", format!("{} จาก {k}", c.cut)),
            ("SEM ที่จุดตัด (แบบทวินามของ Lord)", fixed(c.csem, 2)),
            ("ดัชนีความสอดคล้องของการตัดสิน p₀ (Subkoviak)", fixed(c.agreement, 3)),
            ("kappa ที่จุดตัด (Subkoviak)", fixed(c.kappa, 3)),
            ("Φ(λ) ของ Brennan–Kane", fixed(c.phi, 3)),
        ]);
    }
    view! {
        <section class="card" data-testid="ia-reliability">
            <h2>"ความเที่ยงของแบบทดสอบ"</h2>
            <dl class="ia-stats">
                {stats.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
            <table class="grid" data-testid="ia-spearman-brown">
                <thead><tr><th>"ความยาวแบบทดสอบ"</th>{lengths.iter().map(|n| view! { <th class="n">{format!("{n} ข้อ")}</th> }).collect_view()}</tr></thead>
                <tbody><tr><td>"KR-20 ที่คาด (Spearman–Brown)"</td>
                    {lengths.iter().map(|&n| view! { <td class="n">{fixed(kr20.and_then(|r| spearman_brown(r, k, n as i64 - k as i64)), 3)}</td> }).collect_view()}
                </tr></tbody>
            </table>
            <p class="row">
                <label class="field"><span>"เพิ่ม (+) หรือลด (−) ข้อสอบ"</span>
                    <input type="number" step="1" class="num" data-testid="ia-sb-change" prop:value=move || change.get().to_string()
                        on:input=move |ev| { if let Ok(v) = event_target_value(&ev).trim().parse::<i64>() { change.set(v) } }/>
                </label>
                <span data-testid="ia-sb-result">{move || {
                    let d = change.get();
                    match kr20.and_then(|r| spearman_brown(r, k, d)) {
                        Some(v) => format!("{} ข้อ: KR-20 ที่คาด {v:.3}", k as i64 + d),
                        None => "คำนวณไม่ได้".to_string(),
                    }
                }}</span>
            </p>
            <p class="note">"สถิติเพิ่มเติมนอกคู่มือ: ช่วงเชื่อมั่นของ KR-20 ตาม Feldt (1965), KR-21, Spearman–Brown, SEM ตามแบบทวินามของ Lord และดัชนีความสอดคล้องของการตัดสินจากการสอบครั้งเดียวตาม Subkoviak (1976) และ Brennan–Kane (1977)"</p>
        </section>
    }
}

/// The item order for a sort.
fn sorted(items: &[ItemResult], key: SortKey, ascending: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    let opt = |v: Option<f64>| v.unwrap_or(f64::NEG_INFINITY);
    crate::domain::sort::sort_by(&mut order, |&x, &y| {
        let (a, b) = (&items[x], &items[y]);
        let by = match key {
            SortKey::Flagged => b.flagged().cmp(&a.flagged()),
            SortKey::Item => std::cmp::Ordering::Equal,
            SortKey::P => a.p.cmp(&b.p),
            SortKey::R => a.r.cmp(&b.r),
            SortKey::RestR => opt(a.rest_r).total_cmp(&opt(b.rest_r)),
            SortKey::Omitted => a.omitted.cmp(&b.omitted),
        };
        let by = if ascending || key == SortKey::Flagged { by } else { by.reverse() };
        by.then(a.index.cmp(&b.index))
    });
    order
}

/// Rows of the item table drawn in one go: a long test's rows (290 at national scale) come in blocks, one per turn of
/// the event loop, so drawing the table never holds the main thread for long.
const ROWS_AT_ONCE: usize = 25;

fn item_table(page: Page, a: Arc<Analysis>) -> impl IntoView {
    let labels = Arc::new(page.labels.get_value());
    let (upper, lower) = group_names(&a.groups);
    let header = move |key: SortKey, label: &'static str| {
        let aria = move || match page.sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <th class="n" aria-sort=aria>
                <button class="sort" data-testid=format!("ia-sort-{key:?}").to_lowercase()
                    on:click=move |_| page.sort.update(|s| *s = if s.0 == key { (key, !s.1) } else { (key, true) })>
                    {label}
                </button>
            </th>
        }
    };
    // How many blocks of rows are drawn: the first at once, then one more after each yield.
    let blocks = a.items.len().div_ceil(ROWS_AT_ONCE);
    let drawn = RwSignal::new(1usize);
    spawn_local(async move {
        for b in 2..=blocks {
            super::yield_now().await;
            if drawn.try_set(b).is_some() {
                return; // the table is gone
            }
        }
    });
    let block = move |b: usize| {
        let visible = Memo::new(move |_| drawn.get() > b);
        let (a, labels) = (a.clone(), labels.clone());
        move || {
            visible.get().then(|| {
                let (key, ascending) = page.sort.get();
                let open = page.open.get();
                sorted(&a.items, key, ascending)
                    .into_iter()
                    .skip(b * ROWS_AT_ONCE)
                    .take(ROWS_AT_ONCE)
                    .map(|i| item_row(page, &a.items[i], &labels, open, upper, lower))
                    .collect_view()
            })
        }
    };
    let rows = (0..blocks).map(block).collect_view();
    view! {
        <div class="table-wrap">
            <table class="grid ia-items" data-testid="ia-items">
                <thead><tr>
                    {header(SortKey::Item, "ข้อ")}
                    <th>"เฉลย"</th>
                    <th class="n">{format!("ถูก ({upper})")}</th>
                    <th class="n">{format!("ถูก ({lower})")}</th>
                    {header(SortKey::P, "p")}
                    {header(SortKey::R, "r")}
                    <th>"ความยากง่าย"</th>
                    <th>"อำนาจจำแนก"</th>
                    {header(SortKey::Flagged, "คุณภาพ")}
                    <th>"เหตุผล"</th>
                    {header(SortKey::RestR, "r ข้อ–ส่วนที่เหลือ")}
                    <th class="n">"KR-20 เมื่อตัดข้อนี้"</th>
                    {header(SortKey::Omitted, "ไม่ตอบ")}
                    <th>"ตัวลวง"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// One item's row, with its distractor table under it when it is open.
fn item_row(page: Page, it: &ItemResult, labels: &Labels, open: Option<usize>, upper: &'static str, lower: &'static str) -> impl IntoView {
    let i = it.index;
    let label = labels.items[i].clone();
    let detail = (open == Some(i)).then(|| distractor_row(it, &label, upper, lower));
    let reasons = Reason::join_thai(&it.reasons);
    view! {
        <tr class:flagged=it.flagged() data-testid=format!("ia-row-{label}")>
            <td>{item_label(labels, i)}</td>
            <td>{option_letter(it.key)}</td>
            <td class="n">{it.upper_correct}</td>
            <td class="n">{it.lower_correct}</td>
            <td class="n" data-testid=format!("ia-p-{label}")>{it.p.to_string()}</td>
            <td class=RFlag::of(it.r).class() title=RFlag::of(it.r).thai() data-testid=format!("ia-r-{label}")>{it.r.to_string()}</td>
            <td>{it.difficulty.thai()}</td>
            <td>{it.discrimination.thai()}</td>
            <td data-testid=format!("ia-verdict-{label}")>{it.verdict.thai()}</td>
            <td class="reasons">{reasons}</td>
            <td class="n">{fixed(it.rest_r, 2)}</td>
            <td class="n">{fixed(it.kr20_if_deleted, 3)}</td>
            <td class="n">{it.omitted}</td>
            <td>
                <button class="secondary" data-testid=format!("ia-open-{label}") aria-expanded=(open == Some(i)).to_string()
                    on:click=move |_| page.open.update(|o| *o = if *o == Some(i) { None } else { Some(i) })>
                    "ตัวเลือก"
                </button>
            </td>
        </tr>
        {detail}
    }
}

/// The distractor table of one item, as a row under the item's row.
fn distractor_row(it: &ItemResult, label: &str, upper: &str, lower: &str) -> impl IntoView {
    let options = it
        .options
        .iter()
        .map(|o| {
            let letter = if o.is_key {
                format!("({}) ตัวถูก", option_letter(o.option))
            } else {
                option_letter(o.option).to_string()
            };
            view! {
                <tr class:flagged=o.advice.is_some()>
                    <td>{letter}</td>
                    <td class="n">{o.upper}</td>
                    <td class="n">{o.lower}</td>
                    <td class="n">{o.chosen}</td>
                    <td class="n">{o.p.to_string()}</td>
                    <td class="n">{o.r.to_string()}</td>
                    <td>{o.advice.map(|a| a.thai()).unwrap_or("")}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <tr class="ia-detail">
            <td colspan="14">
                <table class="grid" data-testid=format!("ia-options-{label}")>
                    <caption>{format!("ข้อ {label}: ความยากง่าย — {}", difficulty_quality(it.p))}</caption>
                    <thead><tr>
                        <th>"ตัวเลือก"</th><th class="n">{upper.to_string()}</th><th class="n">{lower.to_string()}</th>
                        <th class="n">"ผู้เลือกทั้งหมด"</th><th class="n">"p"</th><th class="n">"r"</th><th>"คำแนะนำ"</th>
                    </tr></thead>
                    <tbody>{options}</tbody>
                </table>
            </td>
        </tr>
    }
}
