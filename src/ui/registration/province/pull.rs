//! "ดึงข้อมูลจากเซิร์ฟเวอร์" on the provincial committee's page: instead of importing files, the signed-in province
//! user pulls each college's server database (`mt_<college code>`, which the province's role reads) — the colleges on
//! the province's list plus any codes typed — and the registrations found there go through the same plan as imported
//! files ([`plan_sources`]: same checks, duplicates never counted twice, newer replaces older). The colleges are
//! pulled [`AT_ONCE`] at a time; each gets a line as soon as its pull ends: what the pull brought, or why it failed
//! (no database, permission, offline), and at the end what the aggregation did. A failed or unusable pull leaves
//! what was already imported untouched. The cancel button starts no more colleges and aborts the running ones
//! ([`crate::sync::Endpoint::cancelled_by`]): the registrations of the colleges that finished are planned and saved as
//! usual, nothing of an aborted college is used (a page of its feed already stored stays for its next pull, as after
//! any interrupted pull).
//!
//! The totals only ever come from a college's own registration: the pull of `mt_<code>` stores only college `code`'s
//! records (anything else — a record of the province, a profile of a neighbour, a made-up college, a record that
//! does not read — is refused and listed on its line as "เอกสาร N ฉบับไม่ถูกนำเข้า: …"), and the registration
//! taken from it must name `code` in its profile and registration.

use std::cell::Cell;
use std::collections::HashMap;

use futures::StreamExt;
use leptos::prelude::*;
use crate::domain::registration::aggregate::{plan_sources, pull_codes, FileResult, Outcome};
use crate::domain::registration::exchange::{exchange_of_records, ExchangeFile};
use crate::domain::registration::records::{CollegeProfile, Registration};
use crate::domain::sync::accept::{pull_verdict, refused_text, Holder, Verdict, REGISTRATION};
use crate::store::Store;
use crate::sync::{Client, SyncError};

use super::data::ProvinceData;
use super::import::{save_plan, Imported};
use crate::routes::SyncRoute;
use crate::ui::error::PageError;
use crate::ui::state::AppState;
use crate::ui::sync::{failure_text, SyncUi};

/// One college's result line.
#[derive(Clone, Debug, PartialEq)]
pub struct CollegeLine {
    pub code: String,
    /// What the pull did (records brought, or why it failed).
    pub pulled: String,
    /// What the aggregation did with the registration found (none when the pull failed or found none).
    pub result: Option<FileResult>,
    pub ok: bool,
}

/// The pull for the page's province and year with the codes typed; its value is the last pull's summary and lines,
/// or why nothing was pulled. Kept outside the page body (rebuilt after writes).
pub(super) type Pull = Action<(ProvinceData, String), Imported<CollegeLine>>;

/// What a pulled registration is called in its result line (the file name for an imported one).
const SOURCE_PREFIX: &str = "เซิร์ฟเวอร์ mt_";

/// This year's registration among college `code`'s records on this device (after its pull), as a file would carry it.
/// Only records that are college `code`'s own count: its profile must carry `code` and its registration name `code`
/// (the pull already refused anything else, see [`Holder::College`]; this also holds for what an older build
/// stored). A stored record that cannot be read is named, never counted.
async fn registration_of(store: &Store, code: &str, year: u16) -> Result<Option<Result<ExchangeFile, String>>, PageError> {
    let (profiles, broken_p) = store.list_readable::<CollegeProfile>(Some(code)).await?;
    let (regs, broken_r) = store.list_readable::<Registration>(Some(code)).await?;
    let profile = profiles.into_iter().find(|p| p.profile.code.trim() == code);
    let reg = regs.into_iter().find(|r| r.year == year && r.college.trim() == code);
    let found = match (profile, reg) {
        (_, None) => None,
        (None, Some(_)) => Some(Err("ฐานข้อมูลของสถานศึกษาไม่มีข้อมูลสถานศึกษา (ชื่อ จังหวัด สังกัด)".into())),
        (Some(p), Some(r)) => Some(exchange_of_records(&p, &r).and_then(|f| {
            if f.college.code.trim() == code {
                Ok(f)
            } else {
                Err(format!("ข้อมูลอ้างรหัสสถานศึกษา {} ไม่ใช่ {code} ที่ดึงมา", f.college.code))
            }
        })),
    };
    let broken: Vec<String> = broken_p.into_iter().chain(broken_r).collect();
    Ok(match (found, broken.is_empty()) {
        (None, false) => Some(Err(format!("ข้อมูลที่เก็บไว้อ่านไม่ได้: {}", broken.join("; ")))),
        (found, _) => found,
    })
}

/// How many colleges are pulled at once: enough to keep the server busy while this device stores what came, few
/// enough that a province's hundred colleges do not open a hundred connections.
pub const AT_ONCE: usize = 6;
/// The browser's local-storage key that sets another number (1 to 16) for [`at_once`]: for measuring
/// (`tests/e2e/province-pull.bench.mjs` compares 6 with one at a time).
const AT_ONCE_KEY: &str = "mattrathan:pull-at-once";

/// [`AT_ONCE`], or the number kept under [`AT_ONCE_KEY`].
fn at_once() -> usize {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(AT_ONCE_KEY).ok().flatten())
        .and_then(|n| n.trim().parse::<usize>().ok())
        .filter(|n| (1..=16).contains(n))
        .unwrap_or(AT_ONCE)
}

/// What the page shows while a pull runs, and its cancel: kept outside the page body, which is rebuilt after writes.
#[derive(Clone, Copy)]
pub(super) struct PullLive {
    /// Each college's line as its pull finishes (in the order they finish).
    lines: RwSignal<Vec<CollegeLine>>,
    /// (colleges finished, colleges in this pull).
    done: RwSignal<(usize, usize)>,
    /// The running pull's cancel (aborts its requests); `None` when no pull runs.
    cancel: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
}

impl PullLive {
    pub(super) fn new() -> PullLive {
        PullLive { lines: RwSignal::new(Vec::new()), done: RwSignal::new((0, 0)), cancel: StoredValue::new_local(None) }
    }

    /// Cancels the running pull: no college starts after this, and the running ones are aborted.
    fn cancel(&self) {
        if let Some(c) = self.cancel.get_value() {
            c.abort();
        }
    }
}

/// One college's pull: its line, and the registration found in its database (the source for [`plan_sources`]).
type Pulled = (CollegeLine, Option<(String, Result<ExchangeFile, String>)>);

/// Pulls college `code`'s database and reads this year's registration from what this device then holds. `offline`
/// is shared by the pulls of one run: once one finds the browser offline, the others do not try.
async fn pull_one(store: &Store, client: &Client, code: &str, year: u16, offline: &Cell<bool>) -> Result<Pulled, PageError> {
    let line = |pulled: String, ok: bool| CollegeLine { code: code.to_string(), pulled, result: None, ok };
    if client.endpoint().is_cancelled() {
        return Ok((line("ยกเลิกแล้ว — ไม่ได้ดึง".into(), false), None));
    }
    if offline.get() {
        return Ok((line(failure_text(&SyncError::Offline), false), None));
    }
    // A college's database holds only that college's records: anything else in it is refused and listed.
    let holder = Holder::College(code.to_string());
    // Only a college's registration is the province's to keep: its other records stay on the server.
    let gate = |incoming: Option<&serde_json::Value>, stored: Option<&serde_json::Value>| {
        match pull_verdict(&holder, &REGISTRATION, incoming, stored) {
            Verdict::Defer(_) => Verdict::Leave,
            verdict => verdict,
        }
    };
    match client.pull_from(&holder, &gate, false, &|_| {}).await {
        Ok(report) => {
            let mut brought = format!("ดึงแล้ว {} รายการ (เปลี่ยนในเครื่อง {})", report.rows, report.changed);
            if let Some(refused) = refused_text(&report.refused) {
                brought = format!("{brought} — {refused}");
            }
            Ok(match registration_of(store, code, year).await? {
                Some(found) => (line(brought, true), Some((format!("{SOURCE_PREFIX}{code}"), found))),
                None => (line(format!("{brought} — ยังไม่มีการลงทะเบียนปีการศึกษา {year}"), true), None),
            })
        }
        Err(SyncError::Offline) => {
            offline.set(true);
            Ok((line(failure_text(&SyncError::Offline), false), None))
        }
        // Aborted: what this college's pull brought is not used (a page already stored stays, for the next pull).
        Err(SyncError::Cancelled) => Ok((line("ยกเลิกระหว่างดึง — ไม่ได้ใช้ข้อมูลของสถานศึกษานี้".into(), false), None)),
        Err(SyncError::Store(e)) => Err(e.into()),
        Err(e) => Ok((line(failure_text(&e), false), None)),
    }
}

/// Pulls every college in `codes`, `at_once` at a time, each line shown in `live` as its college finishes (until
/// the user cancels: see [`pull_one`]), then plans and saves, in one go, the registrations of the colleges that
/// finished.
async fn pull_all(store: Store, client: Client, d: ProvinceData, codes: Vec<String>, at_once: usize, live: PullLive) -> Imported<CollegeLine> {
    let started = js_sys::Date::now();
    let requests_before = client.endpoint().requests();
    let offline = Cell::new(false);
    let mut lines: Vec<CollegeLine> = Vec::with_capacity(codes.len());
    let mut sources = Vec::new();
    let pulls = codes.iter().map(|code| pull_one(&store, &client, code, d.year, &offline));
    let mut running = futures::stream::iter(pulls).buffer_unordered(at_once);
    while let Some(pulled) = running.next().await {
        let (line, source) = pulled?;
        live.lines.update(|l| l.push(line.clone()));
        live.done.update(|(done, _)| *done += 1);
        lines.push(line);
        sources.extend(source);
    }
    drop(running);
    let cancelled = client.endpoint().is_cancelled();
    // The lines in the order of the list (they came in the order the pulls finished).
    let order: HashMap<&str, usize> = codes.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
    lines.sort_by_key(|l| order.get(l.code.as_str()).copied().unwrap_or(usize::MAX));
    let listed: Vec<String> = d.list.iter().map(|c| c.code.clone()).collect();
    let plan = plan_sources(&d.province, d.year, &d.imports, &listed, sources);
    for r in &plan.results {
        let code = r.file.trim_start_matches(SOURCE_PREFIX);
        if let Some(l) = lines.iter_mut().find(|l| l.code == code) {
            l.ok &= !matches!(r.outcome, Outcome::Refused(_));
            l.result = Some(r.clone());
        }
    }
    let failed = lines.iter().filter(|l| !l.ok).count();
    let seconds = (js_sys::Date::now() - started) / 1000.0;
    let requests = client.endpoint().requests() - requests_before;
    let what = format!(
        "{}ดึงจากเซิร์ฟเวอร์ {} แห่ง (ไม่สำเร็จ {failed}) ใน {seconds:.1} วินาที ด้วยคำขอ HTTP {requests} ครั้ง — ข้อมูลลงทะเบียนที่พบ {}",
        if cancelled { "ยกเลิกแล้ว — ใช้เฉพาะสถานศึกษาที่ดึงเสร็จก่อนยกเลิก: " } else { "" },
        codes.len(),
        plan.results.len()
    );
    let (summary, _) = save_plan(&store, &d, plan, &what).await?;
    Ok((summary, lines))
}

/// Pulls every college on the list and those typed (kept by the page, as the body is rebuilt after each pull);
/// `live` shows each college's line as it finishes and holds the cancel.
pub(super) fn pull_action(live: PullLive) -> Pull {
    let state = AppState::get();
    let sync = SyncUi::get();
    Action::new_local(move |(d, extra): &(ProvinceData, String)| {
        let client = sync.client();
        let listed: Vec<String> = d.list.iter().map(|c| c.code.clone()).collect();
        let codes = pull_codes(&listed, extra);
        let d = d.clone();
        live.lines.set(Vec::new());
        live.done.set((0, 0));
        async move {
            let client = client.ok_or("ยังไม่ได้ลงชื่อเข้าใช้เซิร์ฟเวอร์ — ลงชื่อเข้าใช้ด้วยบัญชีของจังหวัดที่หน้าซิงค์ก่อน")?;
            let codes = codes?;
            if codes.is_empty() {
                return Err("ยังไม่มีสถานศึกษาในรายชื่อ — เพิ่มรหัสสถานศึกษาที่จะดึงในช่องด้านบน".into());
            }
            let controller = web_sys::AbortController::new().map_err(|_| "เริ่มดึงข้อมูลไม่ได้")?;
            // This run's requests (counted with the signed-in client's) stop when the user cancels.
            let run = Client::new(state.store(), client.endpoint().cancelled_by(controller.signal()));
            live.cancel.set_value(Some(controller));
            live.done.set((0, codes.len()));
            let outcome = pull_all(state.store(), run, d, codes, at_once(), live).await;
            live.cancel.set_value(None);
            sync.count_requests(&client);
            state.data_changed();
            outcome
        }
    })
}

pub(super) fn pull_section(d: ProvinceData, pull: Pull, live: PullLive) -> impl IntoView {
    let extra = RwSignal::new(String::new());
    let go = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        pull.dispatch_local((d.clone(), extra.get_untracked()));
    };
    view! {
        <section class="card no-print" data-testid="pull-section">
            <h2>"ดึงข้อมูลลงทะเบียนจากเซิร์ฟเวอร์"</h2>
            <p class="muted">
                "แทนการนำเข้าไฟล์: ดึงฐานข้อมูลของสถานศึกษาแต่ละแห่งในรายชื่อของจังหวัด (ต้องลงชื่อเข้าใช้ด้วยบัญชีของจังหวัดที่ "
                <a href=SyncRoute::Settings.href()>"หน้าซิงค์"</a>
                ") ข้อมูลที่ดึงได้ถูกรวมแบบเดียวกับไฟล์ — ไม่นับซ้ำ ข้อมูลที่ใหม่กว่าแทนที่ข้อมูลเดิม และสถานศึกษาที่ดึงไม่ได้ยังคงใช้ข้อมูลเดิมที่มีอยู่"
            </p>
            <form class="row" on:submit=go>
                <label class="field grow">
                    <span>"รหัสสถานศึกษาเพิ่มเติมนอกรายชื่อ (ไม่บังคับ คั่นด้วยเว้นวรรคหรือจุลภาค)"</span>
                    <input type="text" data-testid="pull-codes" prop:value=move || extra.get()
                        on:input=move |ev| extra.set(event_target_value(&ev)) />
                </label>
                <button type="submit" data-testid="pull-go" prop:disabled=pull.pending()>"ดึงข้อมูลจากเซิร์ฟเวอร์"</button>
            </form>
            {move || pull.pending().get().then(|| {
                let (done, total) = live.done.get();
                view! {
                    <div data-testid="pull-running">
                        <p class="row" role="status">
                            <progress max=total.max(1) value=done data-testid="pull-progress"></progress>
                            <span data-testid="pull-count">{format!("ดึงเสร็จ {done} จาก {total} แห่ง")}</span>
                            <button type="button" class="secondary" data-testid="pull-cancel" on:click=move |_| live.cancel()>"ยกเลิก"</button>
                        </p>
                        <ul class="import-list">
                            {move || live.lines.get().into_iter().map(|l| view! {
                                <li class=if l.ok { "ok" } else { "error" } data-testid=format!("pull-live-{}", l.code)>
                                    <strong>{l.code.clone()}</strong> ": " {l.pulled}
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                }
            })}
            {move || pull.value().get().map(|r| match r {
                Err(e) => view! { <p class="msg error" role="alert" data-testid="pull-error">{e.to_string()}</p> }.into_any(),
                Ok((summary, lines)) => view! {
                    <div data-testid="pull-results">
                        <p class="msg ok" role="status" data-testid="pull-summary">{summary}</p>
                        <ul class="import-list">
                            {lines.into_iter().map(|l| view! {
                                <li class=if l.ok { "ok" } else { "error" } data-testid=format!("pull-{}", l.code)>
                                    <strong>{l.code.clone()}</strong> ": " {l.pulled}
                                    {l.result.map(|r| view! { <br/> {r.message()} })}
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                }.into_any(),
            })}
        </section>
    }
}
