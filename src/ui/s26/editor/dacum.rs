//! The DACUM table: duties → tasks (with behavioural objectives) → steps, with the short-task flags. Each list is
//! keyed by its rows' ids; codes ("1.2") and test ids follow the rows' places.

use leptos::prelude::*;
use crate::domain::section26::dacum::{new_duty, new_step, new_task, short_tasks, Step};
use crate::domain::section26::edit::Row;
use crate::domain::section26::fields::parse_lines;

use super::model::{DraftStoreFields, DutyAt, Place, StepAt, TaskAt};
use super::{bind, row_tools, rows_of, testid, text_box, Ctx};

fn step_row(ctx: Ctx, d: ReadSignal<usize>, t: ReadSignal<usize>, i: ReadSignal<usize>, step: StepAt, len: Signal<usize>) -> AnyView {
    let pos = Signal::derive(move || Row::Step(d.get(), t.get(), i.get()));
    // Each box is named (for screen readers) by its column and the step, as the table's header shows them.
    let cell = move |f: &'static str, column: &'static str, get: fn(&Step) -> &String, set: fn(&mut Step) -> &mut String| {
        let (value, on) = bind(ctx, step, get, set);
        view! { <td><label>
            <span class="visually-hidden">{move || format!("{column} ขั้นตอนที่ {} ของงานย่อย {}.{}", i.get() + 1, d.get() + 1, t.get() + 1)}</span>
            {text_box(value, testid(move || format!("s26-step-{}-{}-{}-{f}", d.get() + 1, t.get() + 1, i.get() + 1)), on)}
        </label></td> }
    };
    view! {
        <tr>
            <td class="n">{move || i.get() + 1}</td>
            {cell("title", "ขั้นตอน", |s| &s.title, |s| &mut s.title)}
            {cell("tools", "เครื่องมือ/วัสดุ", |s| &s.tools, |s| &mut s.tools)}
            {cell("knowledge", "ความรู้", |s| &s.knowledge, |s| &mut s.knowledge)}
            {cell("attitude", "ทัศนคติ", |s| &s.attitude, |s| &mut s.attitude)}
            {cell("standard", "มาตรฐาน", |s| &s.standard, |s| &mut s.standard)}
            {cell("safety", "ข้อควรระวัง", |s| &s.safety, |s| &mut s.safety)}
            <td>{row_tools(ctx, pos, len, Signal::derive(move || format!("ขั้นตอนที่ {} ของงานย่อย {}.{}", i.get() + 1, d.get() + 1, t.get() + 1)))}</td>
        </tr>
    }
    .into_any()
}

fn task_block(ctx: Ctx, d: ReadSignal<usize>, t: ReadSignal<usize>, task: TaskAt, len: Signal<usize>) -> AnyView {
    let code = move || format!("{}.{}", d.get() + 1, t.get() + 1);
    let (title, on_title) = bind(ctx, task, |t| &t.title, |t| &mut t.title);
    // The objectives keep the text as typed (it is parsed into lines), so they are not re-shown from the store.
    let objectives = untrack(|| task.read_with(|t| t.objectives.join("\n"))).unwrap_or_default();
    let steps = Signal::derive(move || task.read_with(|t| t.steps.iter().map(|s| s.id).collect()).unwrap_or_default());
    let count = Signal::derive(move || steps.with(Vec::len));
    view! {
        <div class="s26-task">
            <h4>"งานย่อย " {code} " " {row_tools(ctx, Signal::derive(move || Row::Task(d.get(), t.get())), len, Signal::derive(move || format!("งานย่อย {}", code())))}</h4>
            <div class="fields">
                <label class="field"><span>"ชื่องานย่อย"</span>
                    {text_box(title, testid(move || format!("s26-task-{}-title", code())), on_title)}
                </label>
                <label class="field wide"><span>"วัตถุประสงค์เชิงพฤติกรรม (บรรทัดละข้อ)"</span>
                    <textarea rows="2" data-testid=move || format!("s26-task-{}-objectives", code()) on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.edit(task, |t| t.objectives = parse_lines(&v));
                    }>{objectives}</textarea>
                </label>
            </div>
            <div class="table-wrap"><table class="grid s26-steps">
                <thead><tr><th>"ที่"</th><th>"ขั้นตอน"</th><th>"เครื่องมือ/วัสดุ"</th><th>"ความรู้"</th><th>"ทัศนคติ"</th><th>"มาตรฐาน"</th><th>"ข้อควรระวัง"</th><th></th></tr></thead>
                <tbody>{rows_of(steps, Callback::new(move |(i, id)| step_row(ctx, d, t, i, StepAt { task, id }, count)))}</tbody>
            </table></div>
            <button type="button" class="secondary" data-testid=move || format!("s26-add-step-{}", code())
                on:click=move |_| {
                    let (d, t) = (d.get_untracked(), t.get_untracked());
                    ctx.restructure(|s| {
                        if let Some(task) = s.duties.get_mut(d).and_then(|x| x.tasks.get_mut(t)) {
                            let step = new_step(task);
                            task.steps.push(step);
                        }
                    })
                }>"+ ขั้นตอน"</button>
        </div>
    }
    .into_any()
}

fn duty_block(ctx: Ctx, d: ReadSignal<usize>, duty: DutyAt, len: Signal<usize>) -> AnyView {
    let n = move || d.get() + 1;
    let (title, on_title) = bind(ctx, duty, |d| &d.title, |d| &mut d.title);
    let tasks = Signal::derive(move || duty.read_with(|x| x.tasks.iter().map(|t| t.id).collect()).unwrap_or_default());
    let count = Signal::derive(move || tasks.with(Vec::len));
    view! {
        <div class="s26-duty">
            <label class="field"><span>"งานหลัก " {n}</span>
                {text_box(title, testid(move || format!("s26-duty-{}", n())), on_title)}
            </label>
            {row_tools(ctx, Signal::derive(move || Row::Duty(d.get())), len, Signal::derive(move || format!("งานหลัก {}", n())))}
            {rows_of(tasks, Callback::new(move |(t, id)| task_block(ctx, d, t, TaskAt { duty, id }, count)))}
            <button type="button" class="secondary" data-testid=move || format!("s26-add-task-{}", n()) on:click=move |_| {
                let d = d.get_untracked();
                ctx.restructure(|s| {
                    let task = new_task(&s.duties);
                    if let Some(duty) = s.duties.get_mut(d) {
                        duty.tasks.push(task);
                    }
                })
            }>"+ งานย่อย"</button>
        </div>
    }
    .into_any()
}

pub(super) fn dacum(ctx: Ctx) -> impl IntoView {
    let store = ctx.store;
    let duties = Signal::derive(move || store.duties().with(|d| d.iter().map(|x| x.id).collect()));
    let count = Signal::derive(move || duties.with(Vec::len));
    view! {
        <section class="card" id="dacum">
            <h2>"ตารางวิเคราะห์งาน (DACUM)"</h2>
            {rows_of(duties, Callback::new(move |(d, id)| duty_block(ctx, d, store.duties().at_key(id), count)))}
            <button type="button" data-testid="s26-add-duty" on:click=move |_| ctx.restructure(|s| {
                let duty = new_duty(&s.duties);
                s.duties.push(duty);
            })>"+ งานหลัก"</button>
            <div data-testid="s26-dacum-flags">
                {move || store.duties().with(|d| short_tasks(d)).into_iter().map(|f| view! { <p class="msg warn">{f}</p> }).collect_view()}
            </div>
        </section>
    }
}
