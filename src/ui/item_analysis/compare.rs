//! Two analyses of the same test side by side (`#/ia/compare`): pick two stored data sets or Section 26 test
//! sessions (each analysed as its own page does: a data set with its saved settings, a session with the default
//! method), and a table shows every item's p and r on each side, Δp and Δr, and the drift flags of
//! `domain::item_analysis::compare`, sortable by |Δp| or |Δr|. The thresholds are printed on the page.

use leptos::prelude::*;
use crate::domain::item_analysis::rules::DISCRIMINATION_BANDS;
use crate::domain::item_analysis::{
    analyze, compare, option_letter, ordered, Analysis, CompareOrder, Drift, IaDataset, ItemChange, DRIFT_P,
};
use crate::store::Store;

use super::session::{list_sessions, session_input};
use crate::ui::s26::thai_date;
use crate::ui::data::{loaded, page_data, page_data_once};
use crate::ui::error::PageError;

/// One analysis that can be picked: `d:<id>` a data set, `s:<id>` a session.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    value: String,
    text: String,
}

async fn choices(store: Store) -> Result<Vec<Choice>, PageError> {
    let sets: Vec<IaDataset> = store.list(None).await?;
    let mut out: Vec<Choice> = sets
        .into_iter()
        .map(|d| Choice {
            value: format!("d:{}", d.meta.id),
            text: format!("ชุดข้อมูล: {} (ศูนย์ {} · {} คน · {} ข้อ)", d.title, d.meta.org, d.candidates.len(), d.items.len()),
        })
        .collect();
    out.extend(list_sessions(store).await?.into_iter().map(|s| Choice {
        value: format!("s:{}", s.id),
        text: format!("รอบทดสอบ: {} ({} · {} · {} คน)", s.title, thai_date(&s.date), s.place, s.candidates),
    }));
    Ok(out)
}

/// The picked analysis: its name, item labels and result.
async fn load(store: Store, value: String) -> Result<(String, Vec<String>, Analysis), PageError> {
    let (title, labels, data, method) = match value.split_once(':') {
        Some(("d", id)) => {
            let record = store.get::<IaDataset>(id).await?.ok_or_else(|| format!("ไม่พบชุดข้อมูล {id}"))?;
            (record.title.clone(), record.items.clone(), record.dataset()?, record.settings.method())
        }
        Some(("s", id)) => {
            let (title, labels, data, method) = session_input(store, id.to_string()).await?;
            (title, labels.items, data, method)
        }
        _ => return Err(format!("เลือกไม่ถูกต้อง: {value}").into()),
    };
    let a = analyze(&data.matrix, &data.key, &method).map_err(|e| format!("{title}: {}", e.thai()))?;
    Ok((title, labels, a))
}

/// A comparison's result: the two names and the item changes.

#[component]
pub fn ComparePage() -> impl IntoView {
    let list = page_data(choices);
    let picked = RwSignal::new((String::new(), String::new()));
    // Recomputed for each pair picked (the latest pair's result wins); nothing until both are picked.
    // Worked out for each pair picked (the latest pair's result wins), through the same resource as page data;
    // nothing until both are picked.
    let result = page_data_once(move |store| {
        let (a, b) = picked.get();
        async move {
            if a.is_empty() || b.is_empty() {
                return Ok(None);
            }
            let (ta, la, aa) = load(store.clone(), a).await?;
            let (tb, lb, ab) = load(store, b).await?;
            Ok(Some((ta, tb, compare(&la, &aa, &lb, &ab))))
        }
    });
    let order = RwSignal::new(CompareOrder::Item);
    let select = move |side: usize, testid: &'static str, rows: Vec<Choice>| {
        view! {
            <select data-testid=testid on:change=move |ev| {
                let v = event_target_value(&ev);
                picked.update(|p| if side == 0 { p.0 = v } else { p.1 = v });
            }>
                <option value="">"— เลือก —"</option>
                {rows.into_iter().map(|c| view! { <option value=c.value>{c.text}</option> }).collect_view()}
            </select>
        }
    };
    let bands: Vec<String> = DISCRIMINATION_BANDS
        .iter()
        .map(|(lo, hi, _, name)| {
            let h = |v: i32| crate::domain::item_analysis::Hundredths(v).to_string();
            format!("{name} {} ถึง {}", h(*lo), h(*hi))
        })
        .collect();
    view! {
        <h1>"เปรียบเทียบผลวิเคราะห์ข้อสอบสองชุด"</h1>
        <section class="card no-print">
            {loaded(list, move |rows| view! {
                <div class="row">
                    <label class="field" style="flex:1"><span>"ชุด A (ก่อน)"</span>{select(0, "ia-compare-a", rows.clone())}</label>
                    <label class="field" style="flex:1"><span>"ชุด B (หลัง)"</span>{select(1, "ia-compare-b", rows)}</label>
                </div>
            })}
            <p class="muted small" data-testid="ia-compare-rules">
                {format!(
                    "จับคู่ข้อตามหมายเลขข้อ · Δp = p(B) − p(A), Δr = r(B) − r(A) จากค่าที่แสดง · ทำเครื่องหมายเมื่อ |Δp| ≥ {DRIFT_P}, "
                )}
                {format!("เมื่อ r ย้ายช่วงอำนาจจำแนก ({}), เมื่อคุณภาพข้อสอบเปลี่ยน และเมื่อเฉลยต่างกัน · ", bands.join(", "))}
                "ชุดข้อมูลใช้วิธีวิเคราะห์ที่บันทึกไว้ รอบทดสอบใช้แบบอิงกลุ่ม 25 %"
            </p>
        </section>
        {loaded(result, move |r| match r {
            None => view! { <p class="muted">"เลือกผลวิเคราะห์ทั้งสองชุด"</p> }.into_any(),
            Some((ta, tb, changes)) => table(ta, tb, changes, order).into_any(),
        })}
    }
}

fn hundredths(v: Option<crate::domain::item_analysis::Hundredths>) -> String {
    v.map_or("—".to_string(), |h| if h.0 > 0 { format!("+{h}") } else { h.to_string() })
}

fn table(ta: String, tb: String, changes: Vec<ItemChange>, order: RwSignal<CompareOrder>) -> impl IntoView {
    let only = |side: bool| -> Vec<String> {
        changes.iter().filter(|c| if side { c.b.is_none() } else { c.a.is_none() }).map(|c| c.label.clone()).collect()
    };
    let keys: Vec<String> = changes
        .iter()
        .filter(|c| c.drift.contains(&Drift::Key))
        .map(|c| {
            let key = |f: &Option<crate::domain::item_analysis::Figures>| f.as_ref().map_or("", |f| option_letter(f.key));
            format!("ข้อ {} (A {}, B {})", c.label, key(&c.a), key(&c.b))
        })
        .collect();
    let (only_a, only_b) = (only(true), only(false));
    let flagged = changes.iter().filter(|c| !c.drift.is_empty()).count();
    let list = |v: &[String]| if v.is_empty() { "ไม่มี".to_string() } else { v.join(", ") };
    let header = move |by: CompareOrder, label: &'static str, testid: &'static str| {
        view! {
            <th class="n" aria-sort=move || if order.get() == by { "descending" } else { "none" }>
                <button class="sort" data-testid=testid on:click=move |_| order.set(by)>{label}</button>
            </th>
        }
    };
    let rows = move || {
        ordered(&changes, order.get())
            .into_iter()
            .map(|i| {
                let c = &changes[i];
                let fig = |f: &Option<crate::domain::item_analysis::Figures>| {
                    f.as_ref().map_or(("—".to_string(), "—".to_string()), |f| (f.p.to_string(), f.r.to_string()))
                };
                let ((pa, ra), (pb, rb)) = (fig(&c.a), fig(&c.b));
                let note = match (&c.a, &c.b) {
                    (Some(_), None) => "มีเฉพาะในชุด A".to_string(),
                    (None, Some(_)) => "มีเฉพาะในชุด B".to_string(),
                    _ => c.drift.iter().map(|d| d.thai()).collect::<Vec<_>>().join(" · "),
                };
                let label = c.label.clone();
                view! {
                    <tr class:flagged=!c.drift.is_empty() data-testid=format!("ia-compare-row-{label}")>
                        <td>{label.clone()}</td>
                        <td class="n">{pa}</td><td class="n">{ra}</td>
                        <td class="n">{pb}</td><td class="n">{rb}</td>
                        <td class="n" data-testid=format!("ia-compare-dp-{label}")>{hundredths(c.dp)}</td>
                        <td class="n" data-testid=format!("ia-compare-dr-{label}")>{hundredths(c.dr)}</td>
                        <td data-testid=format!("ia-compare-note-{label}")>{note}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card">
            <h2>"รายข้อ"</h2>
            <p>"A: " {ta} " · B: " {tb}</p>
            <p data-testid="ia-compare-summary">
                {format!("ข้อที่เปลี่ยนมาก {flagged} ข้อ · มีเฉพาะในชุด A: {} · มีเฉพาะในชุด B: {} · เฉลยต่างกัน: {}", list(&only_a), list(&only_b), list(&keys))}
            </p>
            <div class="table-wrap">
                <table class="grid" data-testid="ia-compare">
                    <thead><tr>
                        <th><button class="sort" data-testid="ia-compare-sort-item" on:click=move |_| order.set(CompareOrder::Item)>"ข้อ"</button></th>
                        <th class="n">"p (A)"</th><th class="n">"r (A)"</th><th class="n">"p (B)"</th><th class="n">"r (B)"</th>
                        {header(CompareOrder::DeltaP, "Δp", "ia-compare-sort-dp")}
                        {header(CompareOrder::DeltaR, "Δr", "ia-compare-sort-dr")}
                        <th>"ข้อสังเกต"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
