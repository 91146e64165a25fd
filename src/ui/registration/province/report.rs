//! The committee's reports (A4, printable): tool-set totals per specialisation and curriculum group over every
//! registered institution (college files and outside institutions), the per-institution summary, one college's
//! registration, and the CSV exports (detail, totals, check view) and the Excel workbook of the totals and the
//! per-institution summary (written by the spreadsheet worker, `ui::xlsx`).

use leptos::prelude::*;
use crate::domain::provinces;
use crate::domain::registration::aggregate::check;
use crate::domain::registration::report::{college_report, csv_check, csv_detail, csv_totals, grouped, per_institution, totals, workbook, Source, SourceKind};
use crate::domain::registration::Group;
use crate::domain::thai_time;
use crate::store::now_iso;

use super::data::{load_province, ProvinceData};
use crate::ui::registration::grouped_table;
use crate::ui::files::download;
use crate::routes::RegProvinceRoute;
use crate::ui::data::{loaded, page_data};
use crate::ui::error::{message, outcome, Outcome};
use crate::ui::action::page_action;

/// Every registered institution of the year: imported college files, then outside institutions.
fn sources(d: &ProvinceData) -> Vec<Source<'_>> {
    let colleges = d.imports.iter().map(|i| Source {
        kind: SourceKind::College,
        code: &i.college.code,
        name: &i.college.name,
        sector: i.college.sector,
        affiliation: &i.college.affiliation,
        province: &i.college.province,
        entries: &i.entries,
    });
    let outside = d.outside.iter().filter(|o| !o.entries.is_empty()).map(|o| Source {
        kind: SourceKind::Outside,
        code: "",
        name: &o.name,
        sector: o.sector,
        affiliation: &o.affiliation,
        province: &o.province,
        entries: &o.entries,
    });
    colleges.chain(outside).collect()
}

#[component]
pub fn RegProvinceReport(province: String, year: u16) -> impl IntoView {
    let data = page_data(move |store| load_province(store, province.clone(), year));
    loaded(data, report_body)
}

fn report_body(d: ProvinceData) -> impl IntoView {
    let src = sources(&d);
    let rows = totals(&src);
    let g = grouped(rows.clone());
    let (inst, total) = per_institution(&src);
    let year = d.year;
    let pname = provinces::name(&d.province);
    let printed = thai_time::date(&now_iso()).unwrap_or_default();
    // A CSV export has nothing to wait for: its outcome is set at once. Each is written when its button is pressed
    // (the detail of 1,000 colleges is megabytes: not made for every opening of the report).
    let msg = RwSignal::new(None::<Outcome>);
    let save = move |name: String, text: String| {
        msg.set(Some(download(&name, "text/csv", &text).map(|()| format!("ส่งออกแล้ว: {name}")).map_err(Into::into)));
    };
    let shared = StoredValue::new(d.clone());
    let p = d.province.clone();
    // The workbook: the totals and the per-institution summary, written in the spreadsheet worker.
    let xlsx = page_action(move |_: &()| {
        let name = format!("ยอดรวมเครื่องมือ-จังหวัด{}-{year}.xlsx", provinces::name(&shared.with_value(|d| d.province.clone())));
        let spec = shared.with_value(|d| {
            let src = sources(d);
            workbook(year, &totals(&src), &src)
        });
        async move {
            crate::ui::xlsx::download(&name, &spec).await?;
            Ok(format!("ส่งออกแล้ว: {name}"))
        }
    });
    let inst_rows = inst
        .into_iter()
        .map(|r| view! {
            <tr>
                <td>{if r.code.is_empty() { "นอกสังกัด".to_string() } else { r.code.clone() }}</td>
                <td>{r.name.clone()}</td>
                <td>{r.sector.thai()}</td>
                {r.per_group.iter().map(|n| view! { <td class="n">{*n}</td> }).collect_view()}
                <td class="n"><strong>{r.students}</strong></td>
            </tr>
        })
        .collect_view();
    view! {
        <p class="no-print row">
            <button on:click=|_| { let _ = window().print(); } data-testid="print">"พิมพ์ / บันทึกเป็น PDF"</button>
            <button class="secondary" data-testid="csv-totals" on:click={
                let t = csv_totals(year, &rows); move |_| save(format!("tool-totals-{p}-{year}.csv"), t.clone())
            }>"CSV ยอดรวมเครื่องมือ"</button>
            <button class="secondary" data-testid="xlsx-totals" prop:disabled=xlsx.pending() on:click=move |_| { xlsx.dispatch_local(()); }>
                "Excel ยอดรวมและสรุปรายสถานศึกษา"
            </button>
            <button class="secondary" data-testid="csv-detail" on:click={
                let p = d.province.clone();
                move |_| save(format!("registrations-{p}-{year}.csv"), shared.with_value(|d| csv_detail(year, &sources(d))))
            }>"CSV รายละเอียดทุกสถานศึกษา"</button>
            <button class="secondary" data-testid="csv-check" on:click={
                let p = d.province.clone();
                move |_| save(format!("check-{p}-{year}.csv"), shared.with_value(|d| csv_check(year, &check(&d.list, &d.imports, &d.notes_or_new().reasons))))
            }>"CSV ผลการตรวจสอบ"</button>
            <a class="button secondary" href=RegProvinceRoute::Province(d.province.clone(), year).href()>"กลับ"</a>
        </p>
        <div class="no-print">{message(msg)}{message(outcome(xlsx))}</div>
        <article class="report" data-testid="province-report">
            <h1>"รายงานข้อมูลทะเบียนผู้ขอรับเครื่องมือประเมินมาตรฐานวิชาชีพ จังหวัด" {pname.clone()}</h1>
            <p class="meta">"ปีการศึกษา " {year} <br/><span class="muted">"พิมพ์เมื่อ " {printed}</span></p>
            <h2>"ยอดรวมเครื่องมือตามสาขางานและหลักสูตร"</h2>
            <p class="muted">"จำนวนผู้เรียนรวมจากไฟล์ของสถานศึกษาและสถานศึกษานอกสังกัด — ใช้เตรียมจำนวนชุดเครื่องมือประเมินของแต่ละสาขางาน"</p>
            {grouped_table(&g, true, "totals-table")}
            <h2>"สรุปรายสถานศึกษา"</h2>
            <div class="table-wrap long">
                <table class="grid" data-testid="institutions-table">
                    <thead><tr>
                        <th>"รหัส"</th><th>"สถานศึกษา"</th><th>"ประเภท"</th>
                        {Group::ALL.map(|g| view! { <th class="n">{g.curriculum()}</th> }).to_vec()}
                        <th class="n">"รวม"</th>
                    </tr></thead>
                    <tbody>{inst_rows}</tbody>
                    <tfoot><tr class="grand">
                        <th colspan="3">"รวม"</th>
                        {total.per_group.iter().map(|n| view! { <th class="n">{*n}</th> }).collect_view()}
                        <th class="n" data-testid="institutions-total">{total.students}</th>
                    </tr></tfoot>
                </table>
            </div>
            <p class="signature">"ลงชื่อ ........................................ ประธานคณะกรรมการระดับจังหวัด"</p>
        </article>
    }
}

#[component]
pub fn RegProvinceCollege(province: String, year: u16, code: String) -> impl IntoView {
    let data = page_data(move |store| load_province(store, province.clone(), year));
    loaded(data, move |d| {
        let Some(imp) = d.imports.iter().find(|i| i.college.code == code).cloned() else {
            return view! { <h1>"ไม่มีไฟล์ลงทะเบียนของสถานศึกษา " {code.clone()} " ในปีการศึกษา " {year}</h1> }.into_any();
        };
        let g = college_report(&imp.entries);
        view! {
            <p class="no-print row">
                <button on:click=|_| { let _ = window().print(); }>"พิมพ์ / บันทึกเป็น PDF"</button>
                <a class="button secondary" href=RegProvinceRoute::Province(d.province.clone(), year).href()>"กลับ"</a>
            </p>
            <article class="report" data-testid="reg-report">
                <h1>"รายงานข้อมูลทะเบียนจำนวนผู้เรียน ตามประเภทวิชา สาขาวิชา และสาขางาน"</h1>
                <p class="meta">
                    <strong>{imp.college.name.clone()}</strong> " รหัสสถานศึกษา " {imp.college.code.clone()}
                    <br/>"จังหวัด" {provinces::name(&imp.college.province)} " · " {imp.college.sector.thai()} " · สังกัด" {imp.college.affiliation.clone()}
                    <br/>"ปีการศึกษา " {year}
                    <br/><span class="muted">"จากไฟล์ " {imp.file_name.clone()} " (ส่งออกเมื่อ " {thai_time::date_time(&imp.exported).unwrap_or_else(|| imp.exported.clone())} ")"</span>
                </p>
                {grouped_table(&g, false, "reg-report-table")}
            </article>
        }
        .into_any()
    })
}
