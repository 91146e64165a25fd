//! The conflicts view (`#/sync/conflicts`): records edited on two devices before either synced. For each, the
//! fields that differ between the branches side by side; the user picks, field by field, which value to keep (all
//! from one branch = that branch wins; a mix = a merge), and the choice is written as a new revision
//! ([`crate::store::Store::sync_resolve`]), which the next sync sends to every device.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use crate::ui::action::page_action;
use crate::domain::sync::{Rev, SyncEntry};
use crate::store::now_iso;
use crate::store::sync::sync_db;
use serde_json::Value;

use super::{kind_label, SyncUi};
use crate::ui::state::AppState;
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{message, outcome, PageError};

/// One record in conflict: its branches (the current winner first) with their bodies.
#[derive(Clone, Debug, PartialEq)]
struct Conflict {
    id: String,
    kind: String,
    branches: Vec<(Rev, Value)>,
}

impl Conflict {
    fn from_entry(entry: &SyncEntry, current: Option<Value>) -> Option<Conflict> {
        let mut branches = vec![(entry.winner()?, current?)];
        for (rev, body) in &entry.conflicts {
            branches.push((Rev::parse(rev).ok()?, body.clone()));
        }
        Some(Conflict { id: entry.id.clone(), kind: entry.kind.clone(), branches })
    }

    /// Top-level fields whose values differ between branches (`updated` is set anew by the decision).
    fn differing(&self) -> Vec<String> {
        let keys: BTreeSet<&String> =
            crate::domain::sort::set_of(self.branches.iter().filter_map(|(_, b)| b.as_object()).flat_map(|o| o.keys()));
        keys.into_iter()
            .filter(|k| k.as_str() != "updated")
            .filter(|k| {
                let first = self.branches[0].1.get(k.as_str());
                self.branches.iter().any(|(_, b)| b.get(k.as_str()) != first)
            })
            .cloned()
            .collect()
    }

    /// The decided record and the branch it continues: `picks` maps a field to a branch index (default 0).
    fn decide(&self, picks: &BTreeMap<String, usize>) -> (Rev, Value) {
        let mut merged = self.branches[0].1.clone();
        for field in self.differing() {
            let from = picks.get(&field).copied().unwrap_or(0);
            match (self.branches[from].1.get(&field), merged.as_object_mut()) {
                (Some(v), Some(obj)) => {
                    obj.insert(field, v.clone());
                }
                (None, Some(obj)) => {
                    obj.remove(&field);
                }
                _ => {}
            }
        }
        if let Some(obj) = merged.as_object_mut() {
            obj.insert("updated".into(), Value::String(now_iso()));
        }
        let used: BTreeSet<usize> = crate::domain::sort::set_of(self.differing().iter().map(|f| picks.get(f).copied().unwrap_or(0)));
        let branch = if used.len() == 1 { *used.iter().next().unwrap_or(&0) } else { 0 };
        (self.branches[branch].0.clone(), merged)
    }
}

fn show(value: Option<&Value>) -> String {
    match value {
        None => "(ไม่มี)".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[component]
pub fn SyncConflicts() -> impl IntoView {
    let ui = SyncUi::get();
    // Read again after every change here (a decision saved, a pull) and for the organisation signed in.
    let list = page_data(move |store| {
        let org = ui.settings.with(|s| s.org.clone());
        async move {
            let db = sync_db(&org)?;
            let entries = store.sync_entries(&db).await?;
            let in_conflict: Vec<SyncEntry> = entries.into_iter().filter(|e| !e.conflicts.is_empty()).collect();
            let ids: Vec<String> = in_conflict.iter().map(|e| e.id.clone()).collect();
            let mut bodies = store.sync_records_json(&ids).await?;
            Ok::<_, PageError>(in_conflict.iter().filter_map(|e| Conflict::from_entry(e, bodies.remove(&e.id))).collect::<Vec<_>>())
        }
    });

    view! {
        <h1>"ข้อมูลที่ขัดแย้งกัน"</h1>
        <p class="muted">
            "ระเบียนเหล่านี้ถูกแก้ไขบนสองเครื่องก่อนจะซิงค์ถึงกัน แอปไม่ทิ้งฉบับใดไปเอง — เลือกค่าที่ถูกต้องของแต่ละช่อง "
            "(เลือกจากฉบับเดียวกันทั้งหมด หรือผสมกัน) แล้วกดบันทึก จากนั้นกดซิงค์เพื่อส่งผลให้ทุกเครื่อง"
        </p>
        {loaded(list, move |items| if items.is_empty() {
            view! { <p class="msg ok" data-testid="no-conflicts">"ไม่มีข้อมูลที่ขัดแย้ง"</p> }.into_any()
        } else {
            items.into_iter().map(|c| conflict_card(c, ui)).collect_view().into_any()
        })}
    }
}

fn conflict_card(c: Conflict, ui: SyncUi) -> impl IntoView {
    let app = AppState::get();
    let picks = RwSignal::new(BTreeMap::<String, usize>::new());
    let fields = c.differing();
    let id = c.id.clone();
    let headers = c
        .branches
        .iter()
        .enumerate()
        .map(|(i, (rev, _))| {
            let label = if i == 0 { "ฉบับที่แสดงอยู่".to_string() } else { format!("ฉบับอื่น {i}") };
            view! { <th>{label}<br/><small class="muted">{rev.to_string()}</small></th> }
        })
        .collect_view();
    let rows = fields
        .iter()
        .map(|field| {
            let cells = c
                .branches
                .iter()
                .enumerate()
                .map(|(i, (_, body))| {
                    let f = field.clone();
                    let f2 = field.clone();
                    let name = format!("pick-{}-{field}", c.id);
                    view! {
                        <td>
                            <label class="check">
                                <input type="radio" name=name
                                    data-testid=format!("conflict-pick-{field}-{i}")
                                    prop:checked=move || picks.with(|p| p.get(&f).copied().unwrap_or(0) == i)
                                    on:change=move |_| picks.update(|p| { p.insert(f2.clone(), i); }) />
                                " " <code class="conflict-value">{show(body.get(field.as_str()))}</code>
                            </label>
                        </td>
                    }
                })
                .collect_view();
            view! { <tr><th scope="row">{field.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    let title = kind_label(&c.kind);
    // Saved, the list is read again (the card goes); the message shows if saving failed.
    let decide = page_action(move |_: &()| {
        let (chosen, merged) = c.decide(&picks.get_untracked());
        let id = c.id.clone();
        async move {
            app.store().sync_resolve(&id, &chosen, &merged).await?;
            app.data_changed();
            ui.refresh_counts();
            Ok("บันทึกการตัดสินใจแล้ว — กดซิงค์เพื่อส่งให้เครื่องอื่น".to_string())
        }
    });
    view! {
        <section class="card" data-testid=format!("conflict-{id}")>
            <h2>{title} " " <small class="muted">{id.clone()}</small></h2>
            <table class="conflict-table">
                <thead><tr><th>"ช่อง"</th>{headers}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <button type="button" data-testid="conflict-resolve" on:click=move |_| { decide.dispatch_local(()); }>"บันทึกค่าที่เลือก"</button>
            {message(outcome(decide))}
        </section>
    }
}
