//! The provincial committee's page for one academic year: import many college registration files at once (with the
//! replace/duplicate messages) or pull them from the colleges' server databases (`province_pull`), the province's colleges with who registered and why not (the check view), adding
//! colleges (private ones included) one by one or as a CSV list, and the institutions outside the office with their
//! specialisations (edit, delete a whole row, or confirm there are none).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use crate::domain::college_qa::records::valid_college_code;
use crate::domain::provinces;
use crate::domain::record::Meta;
use crate::domain::registration::aggregate::{check, one_per_college, plan_sources, FileResult, ImportPlan, Status};
use crate::domain::registration::exchange::parse_exchange_at;
use crate::domain::registration::records::{
    parse_college_list, students, ImportedRegistration, OutsideInstitution,
    ProvinceCollege, ProvinceYear, Reason, Sector,
};
use crate::domain::registration::{Catalogue, Group};
use crate::domain::keys;
use crate::store::{keyed_meta, new_meta, now_iso, Store};
use wasm_bindgen_futures::JsFuture;

use super::picker::{group_section, EnterConfirm, Entries};
use super::province_pull::{pull_section, PullResults};
use super::{catalogue_banner, load_catalogue, LoadedCatalogue};
use crate::ui::autosave;
use crate::ui::files::read_picked_text;
use crate::routes::RegProvinceRoute;
use crate::ui::state::AppState;
use crate::ui::widgets::{loader, message, with_loaded};

/// The last import's summary line and per-file results (or why nothing was imported).
type ImportResults = RwSignal<Option<Result<(String, Vec<FileResult>), String>>>;

/// Everything the committee keeps for one province and year.
#[derive(Clone, Debug, PartialEq)]
pub struct ProvinceData {
    pub province: String,
    pub year: u16,
    pub list: Vec<ProvinceCollege>,
    pub notes: Option<ProvinceYear>,
    pub outside: Vec<OutsideInstitution>,
    pub imports: Vec<ImportedRegistration>,
    /// Colleges whose registration for the year is stored more than once (under several ids): only one is used.
    pub doubled: Vec<String>,
    /// Stored records of the province that could not be read (left out, named on the page).
    pub broken: Vec<String>,
}

impl ProvinceData {
    /// The year's notes, or fresh (unsaved) ones.
    pub fn notes_or_new(&self) -> ProvinceYear {
        self.notes.clone().unwrap_or_else(|| ProvinceYear {
            meta: keyed_meta(keys::province_year_id(&self.province, self.year), "reg_province_year", &self.province),
            year: self.year,
            reasons: Default::default(),
            no_outside: false,
        })
    }
}

pub async fn load_province(store: Store, province: String, year: u16) -> Result<ProvinceData, String> {
    if provinces::by_code(&province).is_none() {
        return Err(format!("ไม่รู้จักรหัสจังหวัด {province}"));
    }
    let e = |e: crate::store::StoreError| e.to_string();
    let p = Some(province.as_str());
    // One unreadable stored record never takes the page (and its pull button) away: it is left out and named.
    let mut broken = Vec::new();
    let (mut list, b) = store.list_readable::<ProvinceCollege>(p).await.map_err(e)?;
    broken.extend(b);
    list.sort_by(|a, b| a.code.cmp(&b.code));
    let (notes, b) = store.list_readable::<ProvinceYear>(p).await.map_err(e)?;
    broken.extend(b);
    let notes = notes.into_iter().find(|n| n.year == year);
    let (outside, b) = store.list_readable::<OutsideInstitution>(p).await.map_err(e)?;
    broken.extend(b);
    let outside = outside.into_iter().filter(|o| o.year == year).collect();
    let (imports, b) = store.list_readable::<ImportedRegistration>(p).await.map_err(e)?;
    broken.extend(b);
    let imports = imports.into_iter().filter(|i| i.year == year).collect();
    // Never two registrations of one college in the totals, even if they arrived under two ids.
    let (imports, doubled) = one_per_college(imports);
    Ok(ProvinceData { province, year, list, notes, outside, imports, doubled, broken })
}

#[component]
pub fn RegProvince(province: String, year: u16) -> impl IntoView {
    // Kept outside the page body, which is rebuilt after each import.
    let import_results: ImportResults = RwSignal::new(None);
    let pull_results: PullResults = RwSignal::new(None);
    let p = province.clone();
    let backup_org = province.clone();
    let data = loader(move |store| {
        let p = p.clone();
        async move {
            let cat = load_catalogue(&store).await?;
            Ok((load_province(store, p, year).await?, cat))
        }
    });
    view! {
        <h1>"คณะกรรมการระดับจังหวัด" {provinces::name(&province)} " — ปีการศึกษา " {year}</h1>
        {with_loaded(data, move |(d, cat)| province_body(d, cat, import_results, pull_results))}
        {crate::ui::backup::backup_card(
            "สำรองข้อมูลของจังหวัด",
            "ส่งออกรายชื่อสถานศึกษา ไฟล์ลงทะเบียนที่นำเข้าแล้ว หมายเหตุ และสถานศึกษานอกสังกัดของจังหวัดนี้ (ทุกปีการศึกษา) เป็นไฟล์เดียว แล้วนำเข้าที่หน้านี้บนเครื่องใดก็ได้ — ไฟล์ถูกตรวจทั้งไฟล์ก่อนบันทึก",
            move || backup_org.clone(),
            crate::ui::backup::PROVINCE_KINDS,
            "mattrathan-province",
            ("province-backup", "province-backup-export", "province-backup-import"),
            true,
        )}
    }
}

fn province_body(
    d: ProvinceData,
    cat: LoadedCatalogue,
    import_results: ImportResults,
    pull_results: PullResults,
) -> impl IntoView {
    let notes = RwSignal::new(d.notes_or_new());
    autosave::bind(notes);
    let rows = check(&d.list, &d.imports, &d.notes_or_new().reasons);
    let registered = rows.iter().filter(|r| matches!(r.status, Status::Registered { .. })).count();
    let students_in: u64 = d.imports.iter().map(|i| students(&i.entries, None)).sum();
    let enter = EnterConfirm::install();
    let broken = (!d.broken.is_empty()).then(|| view! {
        <p class="msg error" role="alert" data-testid="province-broken">
            {format!("ข้อมูลที่เก็บไว้ {} รายการอ่านไม่ได้ จึงไม่นับ: {}", d.broken.len(), d.broken.join("; "))}
        </p>
    });
    view! {
        {catalogue_banner(&cat)}
        {(!d.doubled.is_empty()).then(|| view! {
            <p class="msg warn" role="status" data-testid="province-doubled">
                "พบข้อมูลลงทะเบียนซ้ำของสถานศึกษา " {d.doubled.join(", ")} " — ใช้เพียงฉบับที่ส่งออกล่าสุด ไม่นับซ้ำ"
            </p>
        })}
        {broken}
        <section class="card summary" data-testid="province-summary">
            <p>
                "สถานศึกษาในรายชื่อ " <strong data-testid="count-colleges">{rows.len()}</strong> " แห่ง · ลงทะเบียนแล้ว "
                <strong data-testid="count-registered">{registered}</strong> " · ยังไม่ลงทะเบียน " {rows.len() - registered}
                " · ผู้เรียนจากไฟล์ของสถานศึกษา " <strong data-testid="count-students">{students_in}</strong> " คน"
            </p>
            <p class="no-print">
                <a class="button" href=RegProvinceRoute::Report(d.province.clone(), d.year).href() data-testid="province-report-link">
                    "รายงานและยอดรวมเครื่องมือ (พิมพ์ / CSV)"
                </a>
            </p>
        </section>
        {import_section(d.clone(), import_results)}
        {pull_section(d.clone(), pull_results)}
        {check_section(d.clone(), rows, notes)}
        {add_college_section(d.clone())}
        {outside_section(d, Arc::new(cat.catalogue), notes, enter)}
    }
}

async fn read_all(input: &web_sys::HtmlInputElement) -> Result<Vec<(String, String)>, String> {
    let Some(files) = input.files() else { return Ok(Vec::new()) };
    let mut out = Vec::with_capacity(files.length() as usize);
    for i in 0..files.length() {
        let Some(file) = files.get(i) else { continue };
        let text = JsFuture::from(file.text()).await.map_err(|_| format!("{}: อ่านไฟล์ไม่ได้", file.name()))?;
        out.push((file.name(), text.as_string().unwrap_or_default()));
    }
    Ok(out)
}

/// Imports the picked files; returns the summary line and each file's result.
async fn import_files(store: Store, d: &ProvinceData, files: Vec<(String, String)>) -> Result<(String, Vec<FileResult>), String> {
    let listed: Vec<String> = d.list.iter().map(|c| c.code.clone()).collect();
    // Read with this device's clock: a file exported in the future is refused (domain::registration::exchange).
    let now = crate::store::now_iso();
    let sources = files.into_iter().map(|(name, text)| { let read = parse_exchange_at(&text, &now); (name, read) }).collect();
    let plan = plan_sources(&d.province, d.year, &d.imports, &listed, sources);
    let n = plan.results.len();
    save_plan(&store, d, plan, &format!("นำเข้า {n} ไฟล์")).await
}

/// Writes what `plan` keeps (registrations, then colleges new to the list) and returns the summary line, starting
/// with `what`, and each source's result. Used for imported files and for registrations pulled from the server.
pub(super) async fn save_plan(store: &Store, d: &ProvinceData, plan: ImportPlan, what: &str) -> Result<(String, Vec<FileResult>), String> {
    let records = plan.records(&d.imports, &now_iso(), |f| {
        keyed_meta(keys::import_id(&d.province, &f.college.code, f.year), "reg_import", &d.province)
    });
    let colleges: Vec<ProvinceCollege> = plan
        .new_colleges
        .iter()
        .map(|(code, name, sector)| ProvinceCollege {
            meta: keyed_meta(keys::province_college_id(&d.province, code), "reg_province_college", &d.province),
            code: code.clone(),
            name: name.clone(),
            sector: *sector,
        })
        .collect();
    store.put_all(&records).await.map_err(|e| format!("บันทึกไม่สำเร็จ — ไม่มีข้อมูลใดถูกเปลี่ยน: {e}"))?;
    store.put_all(&colleges).await.map_err(|e| e.to_string())?;
    let (added, replaced, duplicate, older, refused) = plan.tally();
    let mut summary = format!(
        "{what}: เพิ่มใหม่ {added} · แทนที่ข้อมูลเดิม {replaced} · ซ้ำ (ไม่นับซ้ำ) {duplicate} · เก่ากว่าที่มี {older} · ใช้ไม่ได้ {refused}"
    );
    if !colleges.is_empty() {
        summary.push_str(&format!(" · เพิ่มเข้ารายชื่อสถานศึกษาของจังหวัด {} แห่ง", colleges.len()));
    }
    Ok((summary, plan.results))
}

fn import_section(
    d: ProvinceData,
    results: ImportResults,
) -> impl IntoView {
    let state = AppState::get();
    let busy = RwSignal::new(false);
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let d = d.clone();
        busy.set(true);
        spawn_local(async move {
            let outcome = match read_all(&input).await {
                Ok(files) if files.is_empty() => {
                    busy.set(false);
                    return;
                }
                Ok(files) => import_files(state.store(), &d, files).await,
                Err(e) => Err(e),
            };
            input.set_value("");
            results.set(Some(outcome));
            busy.set(false);
            state.data_changed();
        });
    };
    view! {
        <section class="card" data-testid="import-section">
            <h2>"นำเข้าไฟล์ลงทะเบียนจากสถานศึกษา"</h2>
            <p class="muted">"เลือกได้หลายไฟล์พร้อมกัน ไฟล์ที่ซ้ำจะไม่ถูกนับซ้ำ ไฟล์ใหม่กว่าของสถานศึกษาเดียวกันจะแทนที่ไฟล์เดิม ไฟล์ที่เสียหายหรือไม่ใช่ของจังหวัด/ปีนี้จะถูกปฏิเสธโดยไม่กระทบไฟล์อื่น"</p>
            <input type="file" multiple accept=".json,application/json" data-testid="reg-files" on:change=on_change prop:disabled=move || busy.get() />
            {move || busy.get().then(|| view! { <p class="muted" role="status">"กำลังนำเข้า…"</p> })}
            {move || results.get().map(|r| match r {
                Err(e) => view! { <p class="msg error" role="alert">{e}</p> }.into_any(),
                Ok((summary, list)) => { let few = list.len() <= 20; view! {
                    <div data-testid="import-results">
                        <p class="msg ok" role="status" data-testid="import-summary">{summary}</p>
                        <details open=few>
                            <summary>"ผลรายไฟล์ (" {list.len()} ")"</summary>
                            <ul class="import-list">
                                {list.into_iter().map(|r| {
                                    let class = match r.outcome {
                                        crate::domain::registration::Outcome::Refused(_) => "error",
                                        crate::domain::registration::Outcome::Added | crate::domain::registration::Outcome::Replaced { .. } => "ok",
                                        _ => "warn",
                                    };
                                    view! { <li class=class>{r.message()}</li> }
                                }).collect_view()}
                            </ul>
                        </details>
                    </div>
                }.into_any() }
            })}
        </section>
    }
}

fn check_section(d: ProvinceData, rows: Vec<crate::domain::registration::CheckRow>, notes: RwSignal<ProvinceYear>) -> impl IntoView {
    let state = AppState::get();
    let set_reason = move |code: String, reason: Reason| {
        notes.update(|n| {
            n.reasons.insert(code, reason);
            n.meta.touch(&now_iso());
        });
        autosave::save(notes.get_untracked());
    };
    let remove = move |id: String| {
        spawn_local(async move {
            if state.store().delete(&id).await.is_ok() {
                state.data_changed();
            }
        });
    };
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
                                <button type="button" class="secondary small no-print" on:click=move |_| remove(id.clone())>"ลบออกจากรายชื่อ"</button>
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
            <div class="table-wrap">
                <table class="grid" data-testid="check-table">
                    <thead><tr><th>"รหัส"</th><th>"สถานศึกษา"</th><th>"ประเภท"</th><th>"สถานะ"</th><th>"รายละเอียด / สาเหตุ"</th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </section>
    }
}

fn add_college_section(d: ProvinceData) -> impl IntoView {
    let state = AppState::get();
    let code = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let sector = RwSignal::new(Sector::Private);
    let msg = RwSignal::new(None::<Result<String, String>>);
    let d2 = d.clone();
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (c, n) = (code.get_untracked().trim().to_string(), name.get_untracked().trim().to_string());
        if let Err(e) = valid_college_code(&c) {
            msg.set(Some(Err(format!("รหัสสถานศึกษา: {e}"))));
            return;
        }
        if n.is_empty() {
            msg.set(Some(Err("ชื่อสถานศึกษา: ต้องกรอก".into())));
            return;
        }
        if d2.list.iter().any(|x| x.code == c) {
            msg.set(Some(Err(format!("รหัสสถานศึกษา: {c} อยู่ในรายชื่อแล้ว"))));
            return;
        }
        let meta = keyed_meta(keys::province_college_id(&d2.province, &c), "reg_province_college", &d2.province);
        let record = ProvinceCollege { meta, code: c, name: n, sector: sector.get_untracked() };
        spawn_local(async move {
            match state.store().put(&record).await {
                Ok(()) => state.data_changed(),
                Err(e) => msg.set(Some(Err(e.to_string()))),
            }
        });
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let d = d.clone();
        spawn_local(async move {
            let outcome = match read_picked_text(&input).await {
                Ok(Some((file, text))) => match parse_college_list(&text) {
                    Err(e) => Err(format!("{file}: {e}")),
                    Ok(listed) => {
                        let now = now_iso();
                        let (mut new, mut changed) = (0, 0);
                        let records: Vec<ProvinceCollege> = listed
                            .into_iter()
                            .filter_map(|l| match d.list.iter().find(|x| x.code == l.code) {
                                Some(old) if old.name == l.name && old.sector == l.sector => None,
                                Some(old) => {
                                    changed += 1;
                                    Some(ProvinceCollege { meta: Meta { updated: now.clone(), ..old.meta.clone() }, name: l.name, sector: l.sector, code: l.code })
                                }
                                None => {
                                    new += 1;
                                    let meta = keyed_meta(keys::province_college_id(&d.province, &l.code), "reg_province_college", &d.province);
                                    Some(ProvinceCollege { meta, code: l.code, name: l.name, sector: l.sector })
                                }
                            })
                            .collect();
                        match state.store().put_all(&records).await {
                            Ok(()) => {
                                state.data_changed();
                                Ok(format!("นำเข้ารายชื่อจาก {file} แล้ว: เพิ่มใหม่ {new} แห่ง · ปรับปรุง {changed} แห่ง"))
                            }
                            Err(e) => Err(e.to_string()),
                        }
                    }
                },
                Ok(None) => return,
                Err(e) => Err(e),
            };
            input.set_value("");
            msg.set(Some(outcome));
        });
    };
    view! {
        <section class="card">
            <h2>"เพิ่มสถานศึกษาในรายชื่อของจังหวัด"</h2>
            <form class="row" on:submit=add>
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
            <p class="muted">"หรือนำเข้ารายชื่อเป็นไฟล์ CSV คอลัมน์ " <code>"code,name,sector"</code> " (sector = รัฐบาล หรือ เอกชน) — ถ้ามีบรรทัดใดผิดจะไม่นำเข้าเลย"</p>
            <input type="file" accept=".csv,text/csv" data-testid="pc-import" on:change=import />
            <div class="pre-line">{message(msg)}</div>
        </section>
    }
}

fn outside_section(d: ProvinceData, catalogue: Arc<Catalogue>, notes: RwSignal<ProvinceYear>, enter: EnterConfirm) -> impl IntoView {
    let state = AppState::get();
    let rows = RwSignal::new(d.outside.clone());
    let province = d.province.clone();
    let year = d.year;
    let msg = RwSignal::new(None::<Result<String, String>>);
    let add = move |_| {
        let record = OutsideInstitution {
            meta: new_meta("reg_outside", &province),
            year,
            name: String::new(),
            sector: Sector::Government,
            affiliation: String::new(),
            province: province.clone(),
            entries: Vec::new(),
        };
        spawn_local(async move {
            match state.store().put(&record).await {
                Ok(()) => {
                    rows.update(|r| r.push(record));
                    if notes.with_untracked(|n| n.no_outside) {
                        notes.update(|n| { n.no_outside = false; n.meta.touch(&now_iso()); });
                        autosave::save(notes.get_untracked());
                    }
                }
                Err(e) => msg.set(Some(Err(e.to_string()))),
            }
        });
    };
    let delete = Callback::new(move |id: String| {
        spawn_local(async move {
            match state.store().delete(&id).await {
                Ok(()) => rows.update(|r| r.retain(|o| o.meta.id != id)),
                Err(e) => msg.set(Some(Err(e.to_string()))),
            }
        });
    });
    let confirm_none = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        notes.update(|n| { n.no_outside = checked; n.meta.touch(&now_iso()); });
        autosave::save(notes.get_untracked());
    };
    let numbered = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <section class="card" data-testid="outside-section">
            <h2>"สถานศึกษานอกสังกัด สอศ. (คณะกรรมการลงทะเบียนแทน)"</h2>
            <label class="check">
                <input type="checkbox" data-testid="outside-none" prop:checked=move || notes.with(|n| n.no_outside)
                    prop:disabled=move || rows.with(|r| !r.is_empty()) on:change=confirm_none />
                " ยืนยันไม่มีการขอใช้เครื่องมือของสถานศึกษานอกสังกัดในปีการศึกษานี้"
            </label>
            <For each=numbered key=|(_, o)| o.meta.id.clone()
                children=move |(i, o)| outside_row(i, o, catalogue.clone(), enter, delete) />
            <p class="no-print"><button type="button" data-testid="outside-add" on:click=add>"+ เพิ่มสถานศึกษา/หน่วยงานนอกสังกัด"</button></p>
            {message(msg)}
        </section>
    }
}


fn outside_row(i: usize, o: OutsideInstitution, catalogue: Arc<Catalogue>, enter: EnterConfirm, delete: Callback<String>) -> impl IntoView {
    let row = RwSignal::new(o.clone());
    autosave::bind(row);
    let save = move |f: Box<dyn FnOnce(&mut OutsideInstitution)>| {
        row.update(|r| {
            f(r);
            r.meta.touch(&now_iso());
        });
        autosave::save(row.get_untracked());
    };
    let entries = Entries::of_record(row, |r| &r.entries, |r| &mut r.entries);
    let armed = RwSignal::new(false);
    let id = o.meta.id.clone();
    let prefix = format!("o{i}-");
    view! {
        <article class="card outside" data-testid=format!("outside-{i}")>
            <div class="row">
                <label class="field grow">
                    <span>"ชื่อสถานศึกษา/หน่วยงาน"</span>
                    <input type="text" data-testid=format!("outside-name-{i}") value=o.name.clone()
                        on:input=move |ev| { let v = event_target_value(&ev); save(Box::new(move |r| r.name = v)); } />
                </label>
                <label class="field">
                    <span>"ประเภท"</span>
                    <select data-testid=format!("outside-sector-{i}") on:change=move |ev| {
                        let v = if event_target_value(&ev) == "private" { Sector::Private } else { Sector::Government };
                        save(Box::new(move |r| r.sector = v));
                    }>
                        <option value="government" selected=o.sector == Sector::Government>"รัฐบาล"</option>
                        <option value="private" selected=o.sector == Sector::Private>"เอกชน"</option>
                    </select>
                </label>
                <label class="field grow">
                    <span>"สังกัด (เช่น สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน)"</span>
                    <input type="text" data-testid=format!("outside-affiliation-{i}") value=o.affiliation.clone()
                        on:input=move |ev| { let v = event_target_value(&ev); save(Box::new(move |r| r.affiliation = v)); } />
                </label>
                <label class="field">
                    <span>"จังหวัด"</span>
                    <select data-testid=format!("outside-province-{i}") on:change=move |ev| { let v = event_target_value(&ev); save(Box::new(move |r| r.province = v)); }>
                        {super::province_options(&o.province)}
                    </select>
                </label>
            </div>
            <ul class="problems">{move || row.with(|r| r.problems()).into_iter().map(|p| view! { <li class="warn">{p}</li> }).collect_view()}</ul>
            {Group::ALL.into_iter().map(|g| group_section(catalogue.clone(), g, entries, enter, prefix.clone())).collect_view()}
            <p class="no-print row">
                <span>"รวม " <strong data-testid=format!("outside-total-{i}")>{move || row.with(|r| students(&r.entries, None))}</strong> " คน"</span>
                {move || if armed.get() {
                    let id = id.clone();
                    view! {
                        <button type="button" class="danger" data-testid=format!("outside-delete-confirm-{i}") on:click=move |_| delete.run(id.clone())>"ยืนยันลบทั้งแถว"</button>
                        <button type="button" class="secondary" on:click=move |_| armed.set(false)>"ยกเลิก"</button>
                    }.into_any()
                } else {
                    view! { <button type="button" class="secondary" data-testid=format!("outside-delete-{i}") on:click=move |_| armed.set(true)>"ลบทั้งแถว"</button> }.into_any()
                }}
            </p>
        </article>
    }
}
