//! The backup card every organisation's page shows: export one organisation's records (and counters) as a backup file
//! ([`crate::domain::backup`]) and restore such a file, all or nothing. Each page backs up and restores only its own
//! kinds of record (`kinds`), so an office's file cannot be restored as a province's and vice versa.

use leptos::prelude::*;
use crate::ui::action::page_action;

use crate::domain::sync::accept::Shapes;
use crate::store::now_iso;
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{latest_of, message, outcome, Outcome};
use crate::ui::files::{download, file_picker, import_file_action, Picked, JSON};
use crate::ui::state::AppState;

/// Kinds a test centre backs up per standard (every record of a standard has the standard's id as `org`).
pub const CENTRE_KINDS: &[&str] = &["s26_standard", "s26_session", "s26_candidate", "s26_mark", "s26_image"];
/// Kinds an office backs up: its application numbers (the counters go with them).
pub const OFFICE_KINDS: &[&str] = &["s26_application"];
/// Kinds a provincial committee backs up: its imports and lists.
pub const PROVINCE_KINDS: &[&str] = &["reg_province_college", "reg_province_year", "reg_outside", "reg_import"];

/// Exports organisation `org` (only `kinds`) as a download named `<prefix>-<org>-<date>.json`; the result message.
/// `state` is taken from the page before the task starts (the context is not reachable inside a task).
pub async fn export(state: AppState, org: &str, kinds: &'static [&'static str], prefix: &str) -> Outcome {
    let now = now_iso();
    let text = state.store().export_org_kinds(org, Some(kinds), &now).await?;
    let name = format!("{prefix}-{org}-{}.json", crate::domain::thai_time::date_iso(&now).unwrap_or_else(|| "backup".into()));
    download(&name, "application/json", &text)?;
    Ok(format!("ส่งออกแล้ว: {name}"))
}

/// Restores a backup file holding only `kinds` (and, when `org` is given, only that organisation's file), each record
/// read by `shapes` (the pull's gate with the readers of those kinds: [`crate::domain::sync::accept::STANDARD_OWN`] for [`CENTRE_KINDS`],
/// `OFFICE_OWN`, `PROVINCE_OWN`); the result message (a refusal says nothing was changed).
pub async fn restore(
    state: AppState,
    name: &str,
    text: &str,
    kinds: &'static [&'static str],
    shapes: &'static Shapes,
    org: Option<&str>,
) -> Outcome {
    if let (Some(expected), Ok(backup)) = (org, crate::domain::backup::parse_backup(text)) {
        if backup.org != expected {
            return Err(format!(
                "นำเข้า {name} ไม่ได้ — ไม่มีข้อมูลใดถูกเปลี่ยน: เป็นไฟล์สำรองของหน่วยงาน {} ไม่ใช่ของหน่วยงาน {expected} ในหน้านี้",
                backup.org
            )
            .into());
        }
    }
    match state.store().import_backup(text, Some(kinds), shapes).await {
        Ok(s) => {
            state.data_changed();
            let kept = if s.kept_newer > 0 { format!(" (คงฉบับในเครื่องที่ใหม่กว่าไว้ {} รายการ)", s.kept_newer) } else { String::new() };
            Ok(format!("นำเข้า {name} แล้ว: {} รายการ{kept}", s.written))
        }
        Err(e) => Err(format!("นำเข้า {name} ไม่ได้ — ไม่มีข้อมูลใดถูกเปลี่ยน: {e}").into()),
    }
}

/// A card (`ids.0`): export button (`ids.1`) for the organisation `org()` names, and a restore picker (`ids.2`);
/// with `same_org` the picker takes only that organisation's files; `shapes` read the restored `kinds` ([`restore`]).
pub fn backup_card(
    title: &'static str,
    note: &'static str,
    org: impl Fn() -> String + Clone + Send + Sync + 'static,
    kinds: &'static [&'static str],
    shapes: &'static Shapes,
    prefix: &'static str,
    ids: (&'static str, &'static str, &'static str),
    same_org: bool,
) -> impl IntoView {
    let (testid, export_id, import_id) = ids;
    let state = AppState::get();
    let org_for_restore = org.clone();
    let go = page_action(move |_: &()| {
        let org = org();
        async move { export(state, &org, kinds, prefix).await }
    });
    let restore_file = import_file_action(move |Picked { name, text, .. }: Picked| {
        let expected = same_org.then(&org_for_restore);
        async move {
            restore(state, &name, &text, kinds, shapes, expected.as_deref()).await
        }
    });
    // One message: the latest of the export and the restore.
    let latest = latest_of(go, restore_file);
    view! {
        <section class="card no-print" data-testid=testid>
            <h2>{title}</h2>
            <p class="muted">{note}</p>
            <div class="row">
                <button type="button" data-testid=export_id on:click=move |_| { go.dispatch_local(()); }>"ส่งออกไฟล์สำรอง"</button>
                {file_picker("นำเข้าไฟล์สำรอง (.json)", JSON, import_id, false, restore_file)}
            </div>
            {message(latest)}
        </section>
    }
}

/// The judge tablet's backup: one file per standard held on this tablet (its sessions, candidates and every mark made
/// here or received), restored with the tablet page's "receive" picker or the Section 26 page's restore.
#[component]
pub fn TabletBackup() -> impl IntoView {
    use crate::domain::section26::records::StandardRecord;
    let list = page_data(|store| async move {
        let standards: Vec<StandardRecord> = store.list(None).await?;
        Ok(standards.into_iter().map(|s| (s.meta.org.clone(), s.standard.title())).collect::<Vec<_>>())
    });
    let state = AppState::get();
    let export_one = page_action(move |org: &String| {
        let org = org.clone();
        async move { export(state, &org, CENTRE_KINDS, "mattrathan-tablet").await }
    });
    view! {
        <section class="card no-print" data-testid="judge-backup">
            <h2>"สำรองคะแนนในแท็บเล็ตนี้"</h2>
            <p class="muted">"ส่งออกมาตรฐาน รอบทดสอบ รายชื่อ และคะแนนทั้งหมดในเครื่องนี้ (หนึ่งไฟล์ต่อหนึ่งมาตรฐาน) — กู้คืนได้ที่ช่อง “รับรอบทดสอบ” ด้านบน คะแนนที่มีแล้วไม่ถูกแก้ทับ"</p>
            {loaded(list, move |standards| view! {
                <ul class="list">
                    {standards.into_iter().map(|(org, title)| view! {
                        <li>{title}" "
                            <button type="button" class="secondary" data-testid="judge-backup-export"
                                on:click=move |_| { export_one.dispatch_local(org.clone()); }>"ส่งออกไฟล์สำรอง"</button>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            {message(outcome(export_one))}
        </section>
    }
}
