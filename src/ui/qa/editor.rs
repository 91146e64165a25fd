//! The self-assessment editor for one college and academic year. Every tick and number is written to IndexedDB as
//! it is made (see `ui::autosave`); scores, levels, advice and the summary are recomputed from the rules on each edit.
//! While a number box holds text that is not a valid number, nothing was saved for it, so its indicator's score,
//! working and advice (and the summary) are shown as pending ("รอแก้ตัวเลข"), never the last valid result as if current.

use leptos::prelude::*;
use crate::domain::college_qa::assess::{AssessmentResult, IndicatorInput, IndicatorResult};
use crate::domain::college_qa::calculators::{self, CalcOutcome};
use crate::domain::college_qa::catalogue::{catalogue, Indicator, Item, Standard};
use crate::domain::college_qa::records::Assessment;
use crate::domain::college_qa::rules::{Rule, BAND_NOTE, ZERO_NOTE};
use crate::domain::college_qa::assess::{ADVICE_NOTE, DEV_NOTE, SUMMARY_NOTE};
use crate::domain::numbers::Kind;
use crate::store::now_iso;
use rust_decimal::Decimal;

use super::{chart_rows, college_data, level_class, level_text, with_college, CollegeData};
use crate::ui::autosave;
use crate::ui::chart::scores_chart;
use crate::routes::QaRoute;
use crate::ui::widgets::number_field_watched;
use std::collections::BTreeSet;

#[component]
pub fn Editor(code: String, year: u16) -> impl IntoView {
    let data = college_data(code.clone());
    with_college(data, code, move |d| editor_body(d, year))
}

/// Handles shared by every part of the editor (all `Copy`).
#[derive(Clone, Copy)]
struct Ctx {
    assessment: RwSignal<Assessment>,
    result: Memo<AssessmentResult>,
    /// Number boxes (indicator id, field) whose typed text is invalid right now.
    invalid: RwSignal<BTreeSet<(&'static str, &'static str)>>,
}

/// Shown instead of a score while one of the indicator's boxes holds an invalid number.
const PENDING: &str = "รอแก้ตัวเลข";

impl Ctx {
    /// Applies `f` to one indicator's input, stamps the record and queues the write.
    fn edit(self, id: &str, f: impl FnOnce(&mut IndicatorInput)) {
        self.assessment.update(|a| {
            f(a.input.indicators.entry(id.to_string()).or_default());
            a.meta.touch(&now_iso());
        });
        autosave::save(self.assessment.get_untracked());
    }

    fn input<T>(self, id: &str, f: impl FnOnce(&IndicatorInput) -> T) -> T {
        self.assessment.with(|a| f(a.input.indicators.get(id).unwrap_or(&IndicatorInput::default())))
    }

    /// True while a box of indicator `id` holds an invalid number.
    fn pending(self, id: &str) -> bool {
        self.invalid.with(|s| s.iter().any(|(i, _)| *i == id))
    }

    /// Records whether box `key` of indicator `id` holds an invalid number.
    fn set_invalid(self, id: &'static str, key: &'static str, bad: bool) {
        if bad != self.invalid.with_untracked(|s| s.contains(&(id, key))) {
            self.invalid.update(|s| {
                if bad {
                    s.insert((id, key));
                } else {
                    s.remove(&(id, key));
                }
            });
        }
    }

    fn indicator<T: Default>(self, id: &str, f: impl FnOnce(&IndicatorResult) -> T) -> T {
        self.result.with(|r| r.indicator(id).map(f).unwrap_or_default())
    }
}

fn editor_body(d: CollegeData, year: u16) -> AnyView {
    let Some(this) = d.year(year).cloned() else {
        return view! {
            <h1>"ไม่มีปีการศึกษา " {year} " ของวิทยาลัยนี้"</h1>
            <p><a href=QaRoute::College(d.college.code.clone()).href()>"กลับไปเพิ่มปีการศึกษา"</a></p>
        }
        .into_any();
    };
    let last = year.checked_sub(1).and_then(|y| d.year(y)).map(|a| a.input.clone());
    let has_last = last.is_some();
    let assessment = RwSignal::new(this);
    autosave::bind(assessment);
    let result = Memo::new(move |_| {
        assessment.with(|a| crate::domain::college_qa::assess::assess(&a.input, last.as_ref()))
    });
    let ctx = Ctx { assessment, result, invalid: RwSignal::new(BTreeSet::new()) };
    let code = d.college.code.clone();

    view! {
        <h1>"ประเมินตนเอง ปีการศึกษา " {year}</h1>
        <p class="muted">{d.college.name.clone()} " (รหัส " {code.clone()} ") — บันทึกอัตโนมัติทุกครั้งที่กรอก"</p>
        <p class="no-print">
            <a class="button secondary" href=QaRoute::Report(code.clone(), year).href() data-testid="report-link">"ดูรายงานสำหรับพิมพ์"</a>
        </p>
        {summary_card(ctx)}
        {catalogue().standards.iter().map(|s| standard_section(ctx, s, year, has_last)).collect_view()}
        <section class="card">
            <h2>"หมายเหตุ"</h2>
            <p class="note">{ZERO_NOTE}</p>
            <p class="note">{BAND_NOTE}</p>
            <p class="note">{SUMMARY_NOTE}</p>
            <p class="note">{ADVICE_NOTE}</p>
            <p class="note">{DEV_NOTE}</p>
        </section>
    }
    .into_any()
}

fn summary_card(ctx: Ctx) -> impl IntoView {
    let row = |label: String, mean: Option<Decimal>, level, counted: usize, total: usize| {
        view! {
            <tr>
                <td>{label}</td>
                <td class="n">{mean.map_or("—".to_string(), |m| m.to_string())}</td>
                <td><span class=level_class(level)>{level_text(level)}</span></td>
                <td class="n">{format!("{counted}/{total}")}</td>
            </tr>
        }
    };
    view! {
        <section class="card summary" data-testid="summary">
            <h2>"สรุปผล"</h2>
            <div class="table-wrap">
                <table class="grid">
                    <thead><tr><th>"ส่วน"</th><th class="n">"ค่าเฉลี่ย"</th><th>"ระดับ"</th><th class="n">"ตัวบ่งชี้ที่นับ"</th></tr></thead>
                    <tbody>
                        {move || {
                            let r = ctx.result.get();
                            // Pending while any box is invalid: the means would be those of the last valid numbers.
                            let stale = ctx.invalid.with(|s| !s.is_empty());
                            let row = move |label: String, mean: Option<Decimal>, level, counted: usize, total: usize| {
                                if stale { row(label, None, None, counted, total) } else { row(label, mean, level, counted, total) }
                            };
                            let mut rows = r.standards.iter()
                                .map(|s| row(s.label.clone(), s.mean, s.level, s.counted, s.total).into_any())
                                .collect::<Vec<_>>();
                            let o = &r.overall;
                            let (mean, level) = if stale { (None, None) } else { (o.mean, o.level) };
                            rows.push(view! { <tr class="overall" data-testid="overall">
                                <th>{o.label.clone()}</th>
                                <th class="n">{mean.map_or("—".to_string(), |m| m.to_string())}</th>
                                <th><span class=level_class(level)>{if stale { PENDING } else { level_text(level) }}</span></th>
                                <th class="n">{format!("{}/{}", o.counted, o.total)}</th>
                            </tr> }.into_any());
                            rows
                        }}
                    </tbody>
                </table>
            </div>
            {move || ctx.invalid.with(|s| !s.is_empty()).then(|| view! {
                <p class="msg warn" role="status" data-testid="summary-pending">"มีตัวเลขที่ไม่ถูกต้อง — ยังสรุปผลไม่ได้จนกว่าจะแก้ (ตัวเลขนั้นยังไม่ถูกบันทึก)"</p>
            })}
            <p class="note">{SUMMARY_NOTE}</p>
            {scores_chart("คะแนนรายตัวบ่งชี้".to_string(), move || chart_rows(&ctx.result.get()))}
        </section>
    }
}

fn standard_section(ctx: Ctx, s: &'static Standard, year: u16, has_last: bool) -> impl IntoView {
    view! {
        <section class="standard">
            <h2>{format!("มาตรฐานที่ {} {}", s.id, s.name)}</h2>
            <p class="muted">{s.description.clone()}</p>
            {s.indicators.iter().map(|ind| indicator_card(ctx, ind, year, has_last)).collect_view()}
        </section>
    }
}

fn indicator_card(ctx: Ctx, ind: &'static Indicator, year: u16, has_last: bool) -> impl IntoView {
    let id: &'static str = &ind.id;
    let body = if ind.rule == Rule::Percent80 {
        percent_body(ctx, ind, year, has_last).into_any()
    } else {
        items_body(ctx, ind).into_any()
    };
    view! {
        <article class="card indicator" id=format!("ind-{id}") data-testid=format!("ind-{id}")>
            <header>
                <h3>{format!("ตัวบ่งชี้ที่ {id} {}", ind.title)}</h3>
                <span>
                    <span class="score" data-testid=format!("score-{id}")>{move || {
                        if ctx.pending(id) { "—".to_string() } else { ctx.indicator(id, |r| r.score_text.clone()) }
                    }}</span>
                    " "
                    <span class=move || if ctx.pending(id) { level_class(None) } else { ctx.indicator(id, |r| level_class(r.level)) }
                        data-testid=format!("level-{id}")>
                        {move || if ctx.pending(id) { PENDING.to_string() } else { ctx.indicator(id, |r| level_text(r.level).to_string()) }}
                    </span>
                </span>
            </header>
            {body}
            {move || ctx.indicator(id, |r| r.warnings.clone()).into_iter()
                .map(|w| view! { <p class="warn" role="note">"⚠ " {w}</p> }).collect_view()}
            {move || (!ctx.pending(id)).then(|| ctx.indicator(id, |r| r.advice.clone())).flatten()
                .map(|a| view! { <p class="advice" data-testid=format!("advice-{id}")>"ยกระดับ: " {a}</p> })}
        </article>
    }
}

fn items_body(ctx: Ctx, ind: &'static Indicator) -> impl IntoView {
    let id: &'static str = &ind.id;
    let fields = calculators::fields(id);
    view! {
        {(!fields.is_empty()).then(|| counts_block(ctx, id))}
        <ul class="items">{ind.items.iter().map(|it| item_row(ctx, id, it)).collect_view()}</ul>
    }
}

/// Number boxes shared by the indicator's computable items.
fn counts_block(ctx: Ctx, id: &'static str) -> impl IntoView {
    let initial = ctx.assessment.with_untracked(|a| a.input.indicators.get(id).map(|i| i.counts.clone()).unwrap_or_default());
    view! {
        <details class="counts-wrap" open=!initial.is_empty()>
            <summary>"กรอกตัวเลขเพื่อคำนวณข้อที่ตัดสินจากจำนวน"</summary>
            <div class="counts">
                {calculators::fields(id).iter().map(|f| {
                    let key = f.key;
                    if f.is_yes_no() {
                        return yes_no_field(ctx, id, f).into_any();
                    }
                    let label = if f.unit.is_empty() { f.label.to_string() } else { format!("{} ({})", f.label, f.unit) };
                    number_field_watched(
                        label,
                        if f.whole { Kind::Whole } else { Kind::Amount },
                        initial.get(key).copied(),
                        format!("count-{id}-{key}").into(),
                        || false,
                        move |v| ctx.edit(id, |i| match v {
                            Some(v) => { i.counts.insert(key.to_string(), v); }
                            None => { i.counts.remove(key); }
                        }),
                        move |bad| ctx.set_invalid(id, key, bad),
                    )
                    .into_any()
                }).collect_view()}
            </div>
        </details>
    }
}

/// A yes/no question stored as 1/0 (2.5 item 4's database practices).
fn yes_no_field(ctx: Ctx, id: &'static str, f: &'static calculators::Field) -> impl IntoView {
    let key = f.key;
    let checked = move || ctx.input(id, |i| i.counts.get(key).is_some_and(|v| *v == Decimal::ONE));
    view! {
        <label class="row">
            <input type="checkbox" data-testid=format!("count-{id}-{key}") prop:checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    ctx.edit(id, |i| { i.counts.insert(key.to_string(), if on { Decimal::ONE } else { Decimal::ZERO }); });
                } />
            {f.label}
        </label>
    }
}

fn item_row(ctx: Ctx, id: &'static str, it: &'static Item) -> impl IntoView {
    let n = it.n;
    let has_calc = calculators::has_calculator(id, n);
    let by_counts = move || ctx.input(id, |i| i.by_counts.contains(&n));
    let met = move || ctx.indicator(id, |r| r.items.iter().any(|x| x.n == n && x.met));
    let calc = move || ctx.indicator(id, |r| r.items.iter().find(|x| x.n == n).and_then(|x| x.calc.clone()));
    view! {
        <li>
            <label class="item-head">
                <input type="checkbox" data-testid=format!("item-{id}-{n}")
                    prop:checked=met
                    prop:disabled=by_counts
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        ctx.edit(id, |i| { if checked { i.ticked.insert(n); } else { i.ticked.remove(&n); } });
                    } />
                <span>
                    <strong>{format!("ข้อ {n} ")}</strong>{it.text.clone()}
                    <br/><span class="evidence">"หลักฐานจาก: " {it.evidence.clone()}</span>
                </span>
            </label>
            {has_calc.then(|| view! {
                <div class="calc">
                    <label>
                        <input type="checkbox" data-testid=format!("bycounts-{id}-{n}") prop:checked=by_counts
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                ctx.edit(id, |i| { if on { i.by_counts.insert(n); } else { i.by_counts.remove(&n); } });
                            } />
                        " ตัดสินข้อนี้จากตัวเลขที่กรอก"
                    </label>
                    {move || if ctx.pending(id) {
                        Some(view! { <div class="muted" data-testid=format!("calc-pending-{id}-{n}")>"ยังคำนวณไม่ได้: " {PENDING}</div> }.into_any())
                    } else {
                        calc().map(|c| calc_view(c).into_any())
                    }}
                </div>
            })}
        </li>
    }
}

fn calc_view(c: CalcOutcome) -> impl IntoView {
    let verdict = match c.met {
        Some(true) => view! { <span class="ok">"✓ ผ่านเกณฑ์"</span> }.into_any(),
        Some(false) => view! { <span class="warn">"✗ ยังไม่ถึงเกณฑ์"</span> }.into_any(),
        None => view! { <span class="muted">"ข้อมูลยังไม่ครบ"</span> }.into_any(),
    };
    view! {
        <div class="muted">{c.working} " — " {verdict}</div>
        {c.gap.map(|g| view! { <div class="warn">{g}</div> })}
        {c.warnings.into_iter().map(|w| view! { <div class="warn">"⚠ " {w}</div> }).collect_view()}
    }
}

fn percent_body(ctx: Ctx, ind: &'static Indicator, year: u16, has_last: bool) -> impl IntoView {
    let id: &'static str = &ind.id;
    let formula = ind.formula.as_ref();
    let is_dev = id == "4.2";
    let (num0, den0) = ctx.input(id, |i| (i.numerator, i.denominator));
    let manual = move || ctx.input(id, |i| i.manual);
    // 4.2 takes last year's suggestion unless the user overrides it; the boxes are then read-only.
    let locked = move || is_dev && has_last && !ctx.input(id, |i| i.manual);
    let set = move |which: bool, v: Option<Decimal>| {
        ctx.edit(id, |i| if which { i.numerator = v } else { i.denominator = v })
    };
    view! {
        <p class="muted">{formula.map(|f| f.text.clone())}</p>
        {is_dev.then(|| dev_suggestion(ctx, year, has_last))}
        {is_dev.then(|| has_last.then(|| view! {
            <label class="row">
                <input type="checkbox" data-testid="dev-manual" prop:checked=manual
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ctx.edit(id, |i| i.manual = on);
                    } />
                "กรอกตัวเลขเอง (ไม่ใช้ค่าที่แนะนำจากปีก่อน)"
            </label>
        }))}
        <div class="row">
            {number_field_watched(
                formula.map_or("ตัวตั้ง".to_string(), |f| f.numerator.clone()),
                Kind::Whole, num0, format!("num-{id}").into(), locked, move |v| set(true, v),
                move |bad| ctx.set_invalid(id, "numerator", bad),
            )}
            {number_field_watched(
                formula.map_or("ตัวหาร".to_string(), |f| f.denominator.clone()),
                Kind::Whole, den0, format!("den-{id}").into(), locked, move |v| set(false, v),
                move |bad| ctx.set_invalid(id, "denominator", bad),
            )}
        </div>
        <p data-testid=format!("working-{id}")>
            {move || if ctx.pending(id) {
                format!("ยังคำนวณไม่ได้: {PENDING} (ตัวเลขที่ไม่ถูกต้องยังไม่ถูกบันทึก)")
            } else {
                ctx.indicator(id, |r| r.working.clone()).unwrap_or_else(|| "ยังคำนวณไม่ได้: กรอกตัวเลขให้ครบและตัวหารต้องมากกว่า 0".into())
            }}
        </p>
    }
}

fn dev_suggestion(ctx: Ctx, year: u16, has_last: bool) -> impl IntoView {
    move || {
        let r = ctx.result.get();
        let source = r.dev_source.thai();
        let suggestion = match (&r.dev_suggestion, has_last) {
            (Some(s), _) => format!(
                "ค่าที่แนะนำจากผลปี {}: ตัวบ่งชี้ที่มีการพัฒนา {} จาก {} ตัวบ่งชี้ที่ประเมินทั้งสองปี ({}) — นับเมื่อคะแนนเพิ่มขึ้นหรือคงอยู่ที่ระดับสูงสุด",
                year - 1,
                s.numerator,
                s.denominator,
                if s.developed.is_empty() { "ไม่มี".to_string() } else { s.developed.join(", ") },
            ),
            (None, _) => format!("ไม่มีผลปีการศึกษา {} ในเครื่องนี้ จึงไม่มีค่าแนะนำ — กรอกตัวเลขเอง", year - 1),
        };
        view! {
            <p class="note" data-testid="dev-suggestion">{suggestion}</p>
            <p class="muted" data-testid="dev-source">{source}</p>
        }
    }
}
