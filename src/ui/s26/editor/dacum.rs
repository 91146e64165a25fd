//! The DACUM table: duties → tasks (with behavioural objectives) → steps, with the short-task flags.

use leptos::prelude::*;
use crate::domain::section26::dacum::{next_task_id, short_tasks, Duty, Step, Task};
use crate::domain::section26::edit::Row;
use crate::domain::section26::fields::parse_lines;

use super::{row_tools, Ctx};

pub(super) fn step_row(ctx: Ctx, d: usize, t: usize, i: usize, step: Step) -> impl IntoView {
    let cell = move |v: String, id: String, set: fn(&mut Step, String)| {
        view! { <td><input type="text" value=v data-testid=id on:input=move |ev| {
            let v = event_target_value(&ev);
            ctx.edit(|s| set(&mut s.duties[d].tasks[t].steps[i], v));
        }/></td> }
    };
    let id = |f: &str| format!("s26-step-{}-{}-{}-{f}", d + 1, t + 1, i + 1);
    view! {
        <tr>
            <td class="n">{i + 1}</td>
            {cell(step.title, id("title"), |s, v| s.title = v)}
            {cell(step.tools, id("tools"), |s, v| s.tools = v)}
            {cell(step.knowledge, id("knowledge"), |s, v| s.knowledge = v)}
            {cell(step.attitude, id("attitude"), |s, v| s.attitude = v)}
            {cell(step.standard, id("standard"), |s, v| s.standard = v)}
            {cell(step.safety, id("safety"), |s, v| s.safety = v)}
            <td>{row_tools(ctx, Row::Step(d, t, i), format!("ขั้นตอนที่ {} ของงานย่อย {}.{}", i + 1, d + 1, t + 1))}</td>
        </tr>
    }
}

pub(super) fn task_block(ctx: Ctx, d: usize, t: usize, task: Task) -> impl IntoView {
    let code = format!("{}.{}", d + 1, t + 1);
    view! {
        <div class="s26-task">
            <h4>"งานย่อย " {code.clone()} " " {row_tools(ctx, Row::Task(d, t), format!("งานย่อย {code}"))}</h4>
            <div class="fields">
                <label class="field"><span>"ชื่องานย่อย"</span>
                    <input type="text" value=task.title data-testid=format!("s26-task-{code}-title") on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.edit(|s| s.duties[d].tasks[t].title = v);
                    }/>
                </label>
                <label class="field wide"><span>"วัตถุประสงค์เชิงพฤติกรรม (บรรทัดละข้อ)"</span>
                    <textarea rows="2" data-testid=format!("s26-task-{code}-objectives") on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.edit(|s| s.duties[d].tasks[t].objectives = parse_lines(&v));
                    }>{task.objectives.join("\n")}</textarea>
                </label>
            </div>
            <div class="table-wrap"><table class="grid s26-steps">
                <thead><tr><th>"ที่"</th><th>"ขั้นตอน"</th><th>"เครื่องมือ/วัสดุ"</th><th>"ความรู้"</th><th>"ทัศนคติ"</th><th>"มาตรฐาน"</th><th>"ข้อควรระวัง"</th><th></th></tr></thead>
                <tbody>{task.steps.into_iter().enumerate().map(|(i, st)| step_row(ctx, d, t, i, st)).collect_view()}</tbody>
            </table></div>
            <button type="button" class="secondary" data-testid=format!("s26-add-step-{code}")
                on:click=move |_| ctx.restructure(|s| s.duties[d].tasks[t].steps.push(Step::default()))>"+ ขั้นตอน"</button>
        </div>
    }
}

pub(super) fn dacum(ctx: Ctx) -> impl IntoView {
    view! {
        <section class="card" id="dacum">
            <h2>"ตารางวิเคราะห์งาน (DACUM)"</h2>
            {ctx.rows_view(move || ctx.get_untracked(|s| s.duties.clone()).into_iter().enumerate().map(|(d, duty)| view! {
                <div class="s26-duty">
                    <label class="field"><span>"งานหลัก " {d + 1}</span>
                        <input type="text" value=duty.title data-testid=format!("s26-duty-{}", d + 1) on:input=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.edit(|s| s.duties[d].title = v);
                        }/>
                    </label>
                    {row_tools(ctx, Row::Duty(d), format!("งานหลัก {}", d + 1))}
                    {duty.tasks.into_iter().enumerate().map(|(t, task)| task_block(ctx, d, t, task)).collect_view()}
                    <button type="button" class="secondary" data-testid=format!("s26-add-task-{}", d + 1) on:click=move |_| ctx.restructure(|s| {
                        let id = next_task_id(&s.duties);
                        s.duties[d].tasks.push(Task { id, ..Default::default() });
                    })>"+ งานย่อย"</button>
                </div>
            }).collect_view())}
            <button type="button" data-testid="s26-add-duty" on:click=move |_| ctx.restructure(|s| s.duties.push(Duty::default()))>"+ งานหลัก"</button>
            <div data-testid="s26-dacum-flags">
                {move || ctx.get(|s| short_tasks(&s.duties)).into_iter().map(|f| view! { <p class="msg warn">{f}</p> }).collect_view()}
            </div>
        </section>
    }
}
