//! The item bank with its three rules, and the reproducible draw of a test from it (assembly).

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::numbers::Kind;
use crate::domain::section26::assembly::assemble_leaving_out;
use crate::domain::section26::bank::{check_bank, check_formats, Format, MatchingSet, LETTERS, MATCH_LETTERS, MAX_MATCHING, TRUE_FALSE};
use crate::domain::section26::fields::parse_lines;
use crate::domain::section26::edit::{new_bank_item, Row};
use rust_decimal::Decimal;
use crate::routes::S26PrintRoute;
use crate::domain::csv::write;
use crate::domain::section26::bank_csv;
use crate::ui::error::{latest_of, message};
use crate::ui::files::{download, import_table_action, table_file_picker, Picked};
use crate::ui::widgets::number_field;

use super::model::{BankAt, DraftStoreFields, Place};
use super::{bind, row_tools, rows_of, testid, text_area, text_box, Ctx};
use crate::ui::s26::thai_date;

/// The answers to choose the key from, for the item's format: ก–จ, ก (ถูก) / ข (ผิด), or the matching set's.
fn key_choices(format: Format, set: Option<&MatchingSet>) -> Vec<String> {
    match format {
        Format::Choice => LETTERS.iter().map(|l| l.to_string()).collect(),
        Format::TrueFalse => TRUE_FALSE.iter().enumerate().map(|(k, t)| format!("{} ({t})", LETTERS[k])).collect(),
        Format::Matching => set.map_or_else(Vec::new, |s| {
            s.answers.iter().zip(MATCH_LETTERS).map(|(a, l)| format!("{l}. {a}")).collect()
        }),
    }
}

fn bank_item(ctx: Ctx, i: ReadSignal<usize>, item: BankAt, len: Signal<usize>) -> AnyView {
    let n = move || i.get() + 1;
    let (id, objective) = untrack(|| item.read_with(|b| (b.id, b.objective))).unwrap_or_default();
    let task = move || item.read_with(|b| b.task).unwrap_or(0);
    let format = move || item.read_with(|b| b.format).unwrap_or_default();
    let set = move || item.read_with(|b| b.set).unwrap_or(0);
    let (stem, on_stem) = bind(ctx, item, |b| &b.stem, |b| &mut b.stem);
    let codes = ctx.codes;
    let store = ctx.store;
    let problems = move || {
        store.duties().with(|d| store.matching().with(|m| item.read_with(|b| b.problems(d, m)))).unwrap_or_default()
    };
    let formats = [Format::Choice, Format::TrueFalse, Format::Matching];
    view! {
        <div class="s26-item">
            <h4>"ข้อ #" {id} " " {move || (format() != Format::Choice).then(|| format!("({}) ", format().thai()))}
                {row_tools(ctx, Signal::derive(move || Row::BankItem(i.get())), len, Signal::from(format!("ข้อสอบ #{id}")))}</h4>
            <div class="fields">
                <label class="field"><span>"ประเภท"</span>
                    <select data-testid=move || format!("s26-bank-{}-format", n()) prop:value=move || format().rank().to_string() on:change=move |ev| {
                        let f = match event_target_value(&ev).as_str() { "0" => Format::TrueFalse, "2" => Format::Matching, _ => Format::Choice };
                        let first_set = store.matching().with_untracked(|m| m.first().map_or(0, |s| s.id));
                        ctx.edit(item, |b| {
                            b.format = f;
                            b.set = if f == Format::Matching { first_set } else { 0 };
                            if f == Format::Choice && b.options.len() < 4 {
                                b.options.resize(4, String::new());
                            }
                            if f != Format::Choice && b.options.iter().all(|o| o.trim().is_empty()) {
                                b.options.clear();
                            }
                            if f == Format::TrueFalse && b.key > 1 {
                                b.key = 0;
                            }
                        });
                    }>
                        {formats.map(|f| view! { <option value=f.rank().to_string()>{f.thai()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field"><span>"งานย่อย"</span>
                    <select data-testid=move || format!("s26-bank-{}-task", n()) prop:value=move || task().to_string() on:change=move |ev| {
                        let v = event_target_value(&ev).parse().unwrap_or(0);
                        ctx.edit(item, |b| b.task = v);
                    }>
                        <option value="0">"–"</option>
                        {move || {
                            let now = untrack(task);
                            codes.get().into_iter().map(|(id, code)| view! { <option value=id selected=id == now>{code}</option> }).collect_view()
                        }}
                    </select>
                </label>
                {number_field("วัตถุประสงค์ข้อที่".into(), Kind::Whole, Some(Decimal::from(objective as u32 + 1)), testid(move || format!("s26-bank-{}-objective", n())), || false,
                    move |v| ctx.edit(item, |b| b.objective = v.and_then(|d| u32::try_from(d).ok()).unwrap_or(1).saturating_sub(1) as usize))}
                {move || (format() == Format::Matching).then(|| view! {
                    <label class="field"><span>"ชุดจับคู่"</span>
                        <select data-testid=move || format!("s26-bank-{}-set", n()) prop:value=move || set().to_string() on:change=move |ev| {
                            let v = event_target_value(&ev).parse().unwrap_or(0);
                            ctx.edit(item, |b| b.set = v);
                        }>
                            <option value="0">"–"</option>
                            {move || {
                                let now = untrack(set);
                                store.matching().with(|m| m.iter().map(|s| s.id).collect::<Vec<_>>()).into_iter()
                                    .map(|id| view! { <option value=id.to_string() selected=id == now>{format!("ชุดที่ {id}")}</option> }).collect_view()
                            }}
                        </select>
                    </label>
                })}
                <label class="field"><span>"เฉลย"</span>
                    <select data-testid=move || format!("s26-bank-{}-key", n()) prop:value=move || item.read_with(|b| b.key).unwrap_or(0).to_string() on:change=move |ev| {
                        let v = event_target_value(&ev).parse().unwrap_or(0);
                        ctx.edit(item, |b| b.key = v);
                    }>
                        {move || {
                            let (f, now) = (format(), untrack(|| item.read_with(|b| b.key).unwrap_or(0)));
                            let choices = store.matching().with(|m| key_choices(f, m.iter().find(|s| s.id == set())));
                            choices.into_iter().enumerate().map(|(k, label)| view! { <option value=k.to_string() selected=k == usize::from(now)>{label}</option> }).collect_view()
                        }}
                    </select>
                </label>
            </div>
            <label class="field wide"><span>{move || match format() { Format::TrueFalse => "ข้อความ (ให้ตอบว่าถูกหรือผิด)", Format::Matching => "ข้อความทางซ้าย (คำถาม)", Format::Choice => "คำถาม" }}</span>
                {text_area(stem, testid(move || format!("s26-bank-{}-stem", n())), on_stem)}
            </label>
            {move || (format() == Format::Choice).then(|| view! {
                <div class="fields">
                    {(0..5).map(|o| {
                        let value = Signal::derive(move || item.read_with(|b| b.options.get(o).cloned().unwrap_or_default()).unwrap_or_default());
                        let on = Callback::new(move |v| ctx.edit(item, |b| b.set_option(o, v)));
                        view! {
                            <label class="field"><span>{LETTERS[o]} {if o == 4 { " (ไม่บังคับ)" } else { "" }}</span>
                                {text_box(value, testid(move || format!("s26-bank-{}-opt-{}", n(), o + 1)), on)}
                            </label>
                        }
                    }).collect_view()}
                </div>
            })}
            {move || problems().into_iter().map(|p| view! { <p class="msg warn">{p}</p> }).collect_view()}
            {quality(ctx, id, n)}
        </div>
    }
    .into_any()
}

/// The matching sets: what to match by and the right-hand answers (one per line), each with its premises' count
/// against the handbook's rule; a set no premise uses can be removed.
fn matching_sets(ctx: Ctx) -> impl IntoView {
    let store = ctx.store;
    let ids = move || store.matching().with(|m| m.iter().map(|s| s.id).collect::<Vec<u32>>());
    let set_at = move |id: u32, f: Box<dyn FnOnce(&mut MatchingSet)>| {
        ctx.edit(store.matching(), move |m| {
            if let Some(s) = m.iter_mut().find(|s| s.id == id) {
                f(s);
            }
        })
    };
    view! {
        <div class="s26-matching" data-testid="s26-matching">
            <h3>"ชุดข้อสอบแบบจับคู่"</h3>
            <p class="muted">{format!("ชุดหนึ่งมีคำถามไม่เกิน {MAX_MATCHING} ข้อ และคำตอบมากกว่าคำถาม 3–4 ข้อ; คำถามของชุดคือข้อในคลังประเภท “จับคู่” ที่เลือกชุดนี้")}</p>
            <For each=ids key=|id| *id children=move |id| {
                let title = Signal::derive(move || store.matching().with(|m| m.iter().find(|s| s.id == id).map(|s| s.title.clone()).unwrap_or_default()));
                let answers = store.matching().with_untracked(|m| m.iter().find(|s| s.id == id).map(|s| s.answers.join("\n")).unwrap_or_default());
                let premises = move || store.bank().with(|b| b.iter().filter(|x| x.format == Format::Matching && x.set == id).count());
                view! {
                    <div class="s26-item">
                        <h4>{format!("ชุดที่ {id}")} " "
                            <button type="button" class="secondary" data-testid=format!("s26-matching-{id}-del") disabled=move || premises() > 0
                                title="ลบได้เมื่อไม่มีข้อในคลังใช้ชุดนี้"
                                on:click=move |_| ctx.restructure(move |s| s.matching.retain(|x| x.id != id))>"ลบชุด"</button>
                        </h4>
                        <label class="field wide"><span>"คำชี้แจง: จับคู่โดยยึดหลักอะไร"</span>
                            {text_box(title, format!("s26-matching-{id}-title").into(), Callback::new(move |v: String| set_at(id, Box::new(move |s| s.title = v))))}
                        </label>
                        <label class="field wide"><span>"คำตอบทางขวา (บรรทัดละข้อ ตามลำดับ ก ข ค …)"</span>
                            <textarea rows="4" data-testid=format!("s26-matching-{id}-answers") prop:value=answers
                                on:change=move |ev| { let v = parse_lines(&event_target_value(&ev)); set_at(id, Box::new(move |s| s.answers = v)); }></textarea>
                        </label>
                        <p class="muted small">{move || format!("คำถามในชุดนี้ {} ข้อ", premises())}</p>
                    </div>
                }
            }/>
            <button type="button" class="secondary" data-testid="s26-add-matching" on:click=move |_| ctx.edit(store.matching(), |m| {
                let id = m.iter().map(|s| s.id).max().unwrap_or(0) + 1;
                m.push(MatchingSet { id, ..Default::default() });
            })>"+ ชุดจับคู่"</button>
        </div>
    }
}

/// An item's quality history (IOC, each analysed session's p, r and verdict) and, when it is flagged, the reason to
/// draw it all the same: with no reason typed the next draw leaves it out.
fn quality(ctx: Ctx, id: u32, n: impl Fn() -> usize + Copy + Send + Sync + 'static) -> impl IntoView {
    let store = ctx.store;
    let history = move || ctx.history.with(|h| h.get(&id).cloned().unwrap_or_default());
    let reason = Signal::derive(move || store.include_flagged().with(|m| m.get(&id).cloned().unwrap_or_default()));
    let on_reason = Callback::new(move |v: String| {
        ctx.edit(store.include_flagged(), |m| {
            if v.trim().is_empty() {
                m.remove(&id);
            } else {
                m.insert(id, v);
            }
        })
    });
    view! {
        <div class="s26-quality" data-testid=move || format!("s26-bank-{}-quality", n())>
            {move || {
                let h = history();
                let ioc = h.ioc.as_ref().map_or("IOC ยังประเมินไม่ครบ".to_string(), |i| format!("IOC {} ({})", i.text, i.verdict()));
                let runs: Vec<String> = h.appearances.iter().map(|a| {
                    format!("{} ข้อ {}: p {} r {} {}", thai_date(&a.date), a.question, a.p, a.r, a.verdict.thai())
                }).collect();
                let runs = if runs.is_empty() { "ยังไม่เคยวิเคราะห์".to_string() } else { runs.join(" · ") };
                let flags = h.flags();
                view! {
                    <p class="muted small">{format!("{ioc} · {runs}")}</p>
                    {(!flags.is_empty()).then(|| view! {
                        <div class="msg warn">
                            <p>{format!("ไม่นำมาจัดชุด: {}", flags.iter().map(|f| f.thai()).collect::<Vec<_>>().join("; "))}</p>
                            <label class="field wide"><span>"ถ้าจำเป็นต้องใช้ข้อนี้ พิมพ์เหตุผล (จะบันทึกไว้กับเฉลยของชุด)"</span>
                                {text_box(reason, testid(move || format!("s26-bank-{}-include", n())), on_reason)}
                            </label>
                        </div>
                    })}
                }
            }}
        </div>
    }
}

/// The bank to and from a spreadsheet: one CSV file (or an Excel workbook's sheet, `ui::files::table_file_picker`),
/// imported all or nothing (`domain::section26::bank_csv`).
fn spreadsheet(ctx: Ctx) -> impl IntoView {
    let store = ctx.store;
    // The import's edit is queued for IndexedDB by autosave, which finds the app state in the page's context: the
    // import runs after the file is read, outside it.
    let owner = Owner::current();
    let import = import_table_action(move |file: Picked| {
        let got = store.duties().with_untracked(|d| {
            store.matching().with_untracked(|m| store.bank().with_untracked(|b| bank_csv::import(&file.text, b, d, m)))
        });
        let outcome = got.map_err(|e| format!("{}: {e} (ยังไม่ได้นำเข้าข้อใด)", file.name).into()).map(|r| {
            let done = format!("{}{}: เพิ่ม {} ข้อ แก้ {} ข้อ", file.name, file.note(), r.added, r.updated);
            let apply = move || ctx.restructure(move |s| s.bank = r.bank);
            match &owner {
                Some(o) => o.with(apply),
                None => apply(),
            }
            done
        });
        std::future::ready(outcome)
    });
    let export = page_action(move |_: &()| {
        let rows = store.duties().with_untracked(|d| store.bank().with_untracked(|b| bank_csv::export_rows(b, d)));
        let name = format!("คลังข้อสอบ-{}.csv", store.meta().with_untracked(|m| m.id.clone()));
        let done = download(&name, "text/csv", &write(rows)).map(|()| format!("ส่งออกแล้ว: {name}"));
        std::future::ready(done.map_err(Into::into))
    });
    view! {
        <details class="s26-bank-csv">
            <summary>"นำเข้า/ส่งออกคลังข้อสอบเป็น CSV (Excel)"</summary>
            <p class="muted">"หัวตาราง: ข้อ (ว่าง = ข้อใหม่), งานย่อย (เช่น 1.1), วัตถุประสงค์ (ลำดับที่), คำถาม, ก, ข, ค, ง, จ (ไม่บังคับ), เฉลย, ประเภท (ปรนัย/ถูกผิด/จับคู่ ไม่บังคับ), ชุดจับคู่ — ทุกบรรทัดต้องถูกต้อง จึงจะนำเข้าทั้งไฟล์"</p>
            {table_file_picker("ไฟล์ CSV หรือ Excel (.xlsx)", "s26-bank-csv-file", import)}
            <button type="button" class="secondary" data-testid="s26-bank-csv-export" on:click=move |_| { export.dispatch_local(()); }>"ส่งออก CSV"</button>
            // One message: the latest of the import and the export.
            {message(latest_of(import, export))}
        </details>
    }
}

pub(super) fn bank(ctx: Ctx) -> impl IntoView {
    let store = ctx.store;
    let rules = Memo::new(move |_| {
        store.duties().with(|d| {
            store.bank().with(|b| {
                let mut c = check_bank(store.test_length().get(), b, d);
                c.messages.extend(store.matching().with(|m| check_formats(b, m)));
                c
            })
        })
    });
    let ids = Signal::derive(move || store.bank().with(|b| b.iter().map(|x| x.id).collect()));
    let count = Signal::derive(move || ids.with(Vec::len));
    view! {
        <section class="card" id="bank">
            <h2>"คลังข้อสอบภาคความรู้"</h2>
            <div data-testid="s26-bank-rules">
                {move || rules.with(|c| if c.ok() {
                    view! { <p class="msg ok">"ผ่านเกณฑ์คลังข้อสอบทั้ง 3 ข้อ และเกณฑ์ข้อสอบถูก-ผิดและจับคู่"</p> }.into_any()
                } else {
                    c.messages.iter().map(|m| view! { <p class="msg warn">{m.clone()}</p> }).collect_view().into_any()
                })}
            </div>
            <p class="no-print">
                <button type="button" class="secondary" data-testid="s26-bank-sort" on:click=move |_| {
                    let flagged = ctx.history.with_untracked(|h| h.iter().filter(|(_, x)| !x.flags().is_empty()).map(|(id, _)| *id).collect::<Vec<u32>>());
                    ctx.restructure(move |s| crate::domain::sort::sort_by_key(&mut s.bank, |b| !flagged.contains(&b.id)));
                }>"เรียงข้อที่คุณภาพควรปรับปรุงขึ้นก่อน"</button>
            </p>
            {rows_of(ids, Callback::new(move |(i, id)| bank_item(ctx, i, store.bank().at_key(id), count)))}
            <button type="button" data-testid="s26-add-item" on:click=move |_| ctx.restructure(|s| {
                let item = new_bank_item(s);
                s.bank.push(item);
            })>"+ ข้อสอบ"</button>
            {matching_sets(ctx)}
            {spreadsheet(ctx)}
        </section>
    }
}

pub(super) fn assembly(ctx: Ctx) -> impl IntoView {
    let store = ctx.store;
    let (len, seed, minutes) = (store.test_length().get_untracked(), store.seed().get_untracked(), store.paper().with_untracked(|p| p.minutes));
    let id = store.meta().with_untracked(|m| m.id.clone());
    let drawn = Memo::new(move |_| {
        ctx.allocation.with(|a| match a {
            Ok(a) => ctx.left_out.with(|out| {
                store.bank().with(|b| store.duties().with(|d| assemble_leaving_out(b, a, d, store.seed().get(), out)))
            }),
            Err(e) => Err(e.clone()),
        })
    });
    view! {
        <section class="card" id="assembly">
            <h2>"จัดชุดข้อสอบ"</h2>
            <div class="fields">
                {number_field("จำนวนข้อสอบในชุด".into(), Kind::TestSize, Some(len.into()), "s26-test-length".into(), || false,
                    move |v| ctx.edit(store.test_length(), |l| *l = v.and_then(|d| d.try_into().ok()).unwrap_or(0)))}
                {number_field("เลขสุ่ม (seed)".into(), Kind::Seed, Some(seed.into()), "s26-seed".into(), || false,
                    move |v| ctx.edit(store.seed(), |s| *s = v.and_then(|d| d.try_into().ok()).unwrap_or(0)))}
                <label class="field"><span>"ชุดที่ (พิมพ์บนแบบทดสอบ)"</span>
                    {text_box(Signal::derive(move || store.paper().with(|p| p.set.clone())), "s26-paper-set".into(),
                        Callback::new(move |v| ctx.edit(store.paper(), |p| p.set = v)))}
                </label>
                {number_field("เวลาสอบภาคความรู้ (นาที)".into(), Kind::Whole, (minutes > 0).then(|| minutes.into()), "s26-paper-minutes".into(), || false,
                    move |v| ctx.edit(store.paper(), |p| p.minutes = v.and_then(|d| d.try_into().ok()).unwrap_or(0)))}
            </div>
            <div data-testid="s26-assembly">
                {move || match drawn.get() {
                    Ok(items) => view! { <p class="msg ok">{format!("จัดได้ {} ข้อ: ", items.len())}{items.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(" ")}</p> }.into_any(),
                    Err(e) => view! { <p class="msg warn">"ยังจัดชุดไม่ได้: " {e}</p> }.into_any(),
                }}
            </div>
            <p><a class="button secondary" href=S26PrintRoute::Paper(id).href() data-testid="s26-paper-link">"พิมพ์แบบทดสอบ กระดาษคำตอบ และเฉลย"</a></p>
        </section>
    }
}
