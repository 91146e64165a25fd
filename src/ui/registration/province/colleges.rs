//! The province's colleges: the check view (who registered, why not) and adding colleges one by one or as a CSV
//! list (`domain::registration::records::merge_college_list`).

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::registration::aggregate::Status;
use crate::domain::registration::records::{
    check_new_college, merge_college_list, parse_college_list, ListMerge,
    ProvinceCollege, ProvinceYear, Reason, Sector,
};
use crate::domain::registration::Group;
use crate::domain::keys;
use crate::store::{keyed_meta, now_iso};
use crate::ui::autosave;
use crate::ui::error::{message, outcome, Outcome};
use crate::ui::files::{read_picked_table, table_file_field, TABLE};
use crate::routes::RegProvinceRoute;
use crate::ui::state::AppState;

use super::data::ProvinceData;

pub(super) fn check_section(d: ProvinceData, rows: Vec<crate::domain::registration::CheckRow>, notes: RwSignal<ProvinceYear>) -> impl IntoView {
    let state = AppState::get();
    let set_reason = move |code: String, reason: Reason| {
        notes.update(|n| {
            n.reasons.insert(code, reason);
            n.meta.touch(&now_iso());
        });
        autosave::save(notes.get_untracked());
    };
    // Takes a college off the list; the page is rebuilt once it is gone (a failure is said under the table).
    let remove = page_action(move |id: &String| {
        let id = id.clone();
        async move {
            state.store().delete(&id).await?;
            state.data_changed();
            Ok(String::new())
        }
    });
    let body = rows
        .into_iter()
        .map(|r| {
            let listed_id = d.list.iter().find(|c| c.code == r.code).map(|c| c.meta.id.clone());
            let (status, detail) = match &r.status {
                Status::Registered { specialisations, per_group, students, .. } => {
                    let per: Vec<String> = Group::ALL
                        .iter()
                        .zip(per_group)
                        .filter(|(_, n)| **n > 0)
                        .map(|(g, n)| format!("{} {n}", g.curriculum()))
                        .collect();
                    let link = RegProvinceRoute::College(d.province.clone(), d.year, r.code.clone()).href();
                    (
                        view! { <span class="ok">"ลงทะเบียนแล้ว"</span> }.into_any(),
                        view! {
                            <span>{*specialisations} " สาขางาน · " <strong>{*students}</strong> " คน "</span>
                            <span class="muted">"(" {per.join(" · ")} ")"</span>
                            " " <a href=link class="no-print">"รายงาน"</a>
                        }
                        .into_any(),
                    )
                }
                Status::NotRegistered(reason) => {
                    let code = r.code.clone();
                    let current = *reason;
                    (
                        view! { <span class="warn">"ยังไม่ลงทะเบียน"</span> }.into_any(),
                        view! {
                            <label class="field">
                                <span>"สาเหตุ"</span>
                                <select data-testid=format!("reason-{}", r.code) on:change=move |ev| {
                                    if let Some(reason) = Reason::from_id(&event_target_value(&ev)) { set_reason(code.clone(), reason); }
                                }>
                                    {Reason::ALL.map(|x| view! { <option value=x.id() selected=x == current>{x.thai()}</option> }).to_vec()}
                                </select>
                            </label>
                            {listed_id.clone().map(|id| view! {
                                <button type="button" class="secondary small no-print" on:click=move |_| { remove.dispatch_local(id.clone()); }>"ลบออกจากรายชื่อ"</button>
                            })}
                        }
                        .into_any(),
                    )
                }
            };
            view! {
                <tr data-testid=format!("check-{}", r.code)>
                    <td>{r.code.clone()}</td>
                    <td>{r.name.clone()}</td>
                    <td>{r.sector.thai()}</td>
                    <td>{status}</td>
                    <td>{detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <h2>"ตรวจสอบการลงทะเบียนของสถานศึกษาในจังหวัด"</h2>
            <div class="table-wrap long">
                <table class="grid" data-testid="check-table">
                    <thead><tr><th>"รหัส"</th><th>"สถานศึกษา"</th><th>"ประเภท"</th><th>"สถานะ"</th><th>"รายละเอียด / สาเหตุ"</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {message(outcome(remove))}
        </section>
    }
}

/// Adding one college (to the list of the province data given), and importing a list.
pub(super) type AddCollege = Action<(ProvinceData, String, String, Sector), Outcome>;
pub(super) type ImportList = Action<(web_sys::HtmlInputElement, ProvinceData), Outcome>;

/// The two actions of [`add_college_section`], made by the page (the body is rebuilt after each change, their
/// outcome stays): adding one college, and importing a CSV list into the list of the province data given.
pub(super) fn college_actions() -> (AddCollege, ImportList) {
    let state = AppState::get();
    let add = page_action(move |(d, code, name, sector): &(ProvinceData, String, String, Sector)| {
        let checked = check_new_college(&d.list, code, name).map(|(c, n)| {
            let meta = keyed_meta::<ProvinceCollege>(keys::province_college_id(&d.province, &c), &d.province);
            ProvinceCollege { meta, code: c, name: n, sector: *sector }
        });
        async move {
            state.store().put(&checked?).await?;
            state.data_changed();
            Ok(String::new())
        }
    });
    let import = page_action(move |(input, d): &(web_sys::HtmlInputElement, ProvinceData)| {
        let (input, d) = (input.clone(), d.clone());
        async move {
            let picked = read_picked_table(&input).await;
            input.set_value("");
            let Some(picked) = picked? else { return Ok(String::new()) };
            let listed = parse_college_list(&picked.text)
                .map_err(|e| picked.refusal(format!("{}{}: {e}", picked.name, picked.note()).into()))?;
            let ListMerge { records, added: new, changed } = merge_college_list(&d.list, listed, &now_iso(), |code| {
                keyed_meta::<ProvinceCollege>(keys::province_college_id(&d.province, code), &d.province)
            });
            state.store().put_all(&records).await?;
            state.data_changed();
            Ok(format!("นำเข้ารายชื่อจาก {}{} แล้ว: เพิ่มใหม่ {new} แห่ง · ปรับปรุง {changed} แห่ง", picked.name, picked.note()))
        }
    });
    (add, import)
}

/// Adding one college, or importing a list; the result of either is shown in one box.
pub(super) fn add_college_section(d: ProvinceData, (add, import): (AddCollege, ImportList), shown: Signal<Option<Outcome>>) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let sector = RwSignal::new(Sector::Private);
    let d2 = d.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch_local((d2.clone(), code.get_untracked(), name.get_untracked(), sector.get_untracked()));
    };
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        // Picking nothing keeps the last message.
        if input.files().is_some_and(|f| f.length() > 0) {
            import.dispatch_local((input, d.clone()));
        }
    };
    view! {
        <section class="card">
            <h2>"เพิ่มสถานศึกษาในรายชื่อของจังหวัด"</h2>
            <form class="row" on:submit=submit>
                <label class="field">
                    <span>"รหัสสถานศึกษา (10 หลัก)"</span>
                    <input type="text" inputmode="numeric" maxlength="10" data-testid="pc-code"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev)) />
                </label>
                <label class="field grow">
                    <span>"ชื่อสถานศึกษา"</span>
                    <input type="text" data-testid="pc-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>"ประเภท"</span>
                    <select data-testid="pc-sector" on:change=move |ev| sector.set(if event_target_value(&ev) == "government" { Sector::Government } else { Sector::Private })>
                        <option value="private" selected>"เอกชน"</option>
                        <option value="government">"รัฐบาล"</option>
                    </select>
                </label>
                <button type="submit" data-testid="pc-add">"เพิ่ม"</button>
            </form>
            <p class="muted">"หรือนำเข้ารายชื่อเป็นไฟล์ CSV หรือ Excel (.xlsx) คอลัมน์ " <code>"code,name,sector"</code> " (sector = รัฐบาล หรือ เอกชน) — ถ้ามีบรรทัด (แถว) ใดผิดจะไม่นำเข้าเลย"</p>
            {table_file_field(Some("ไฟล์รายชื่อ (.csv หรือ .xlsx)"), view! { <input type="file" class="file-input" accept=TABLE data-testid="pc-import" on:change=pick /> }.into_any())}
            <div class="pre-line">{message(shown)}</div>
        </section>
    }
}
