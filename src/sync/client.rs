//! Push and pull of one organisation's server database, and the retry loop around them.
//!
//! Push: the entries with leaves the server has not confirmed are offered in batches to `_revs_diff`; what the server
//! already has is confirmed at once (so pushing twice sends nothing, and a push interrupted after the server stored a
//! batch resumes without resending it); the rest goes to `_bulk_docs` with `new_edits: false` and is confirmed only
//! from the server's answer; a document the server refuses (e.g. `forbidden` from a validation rule) is reported for
//! itself and stays pending, the rest of the push and the pull still run. Pull: `_changes` pages from the stored
//! checkpoint; every document that brings something new is checked before anything is stored
//! ([`crate::domain::sync::accept`]: owner, kind, shape, marks append-only) and a refused one is listed, left on the
//! server, and passed by the checkpoint; each page is applied with its new checkpoint in one transaction, so a pull
//! stopped half-way resumes at the last whole page.
//!
//! Speed (issue 15): the store reads and writes each batch or page in one transaction, all requests at once. A pull
//! that follows a push, or resumes a database pulled before, reads a page first without documents: the rows whose
//! leaves the push just confirmed (its echo) need nothing more, the store checks that every other row is known here
//! too ([`Store::sync_apply_known`]), and a page with anything new is read again with its documents and goes through
//! the checks above.
//!
//! Both first compare the server database's identity (a `_local/mattrathan` marker document with a random id, made
//! by the first device that pushes there; `_local` documents are never replicated, so a recreated or restored
//! database lacks it — `instance_start_time` cannot tell, CouchDB 2+ always answers `"0"`) with the one stored after
//! the last sync: when it changed, the pull starts over and every record pushed there is offered again, so the
//! server gets back what it lacks instead of the device counting everything as synced.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use std::future::Future;

use crate::domain::sync::protocol::{
    bulk_docs_body, changes_query, changes_revs_query, db_name, open_revs_query, parse_bulk_docs, parse_changes,
    parse_changes_revs, parse_open_revs, parse_revs_diff, percent_encode, revs_diff_body,
};
use crate::domain::sync::accept::{pull_verdict, Holder, Refused, Shapes, Verdict};
use crate::domain::sync::{PullPlan, Rev, SyncEntry};
use crate::store::sync::PulledRow;
use crate::store::{new_id, Store};
use serde_json::{json, Value};

use super::http::{is_online, sleep, Endpoint, SyncError};
use crate::domain::sync::protocol::backoff_ms;

/// Records offered per `_revs_diff` / `_bulk_docs` pair.
const PUSH_BATCH: usize = 500;
/// Rows per `_changes` page.
const PULL_PAGE: usize = 1000;

/// How far a running push or pull has come (for the status line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    /// `done` of `total` records with unpushed revisions handled.
    Push { done: usize, total: usize },
    /// `rows` `_changes` rows applied so far.
    Pull { rows: usize },
}

/// What [`Client::push`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PushReport {
    /// Revisions sent in `_bulk_docs` and confirmed.
    pub sent: usize,
    /// Revisions the server already had (`_revs_diff`), now confirmed.
    pub already: usize,
    /// Records with unpushed revisions at the start.
    pub records: usize,
    /// Documents the server refused (`forbidden`, `unauthorized`, a conflict …), each with its reason: they stay
    /// pending here; the rest of the push went on.
    pub refused: Vec<Refused>,
    /// The server database was recreated or restored since the last sync: this many records were offered again.
    pub reoffered: usize,
}

/// What [`Client::pull`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PullReport {
    pub rows: usize,
    /// Records written or deleted here.
    pub changed: usize,
    /// Records left in conflict (to be decided in the conflicts view).
    pub conflicts: usize,
    /// Design documents, skipped.
    pub skipped: usize,
    /// Documents not stored because they failed the checks ([`crate::domain::sync::accept`]): left on the server,
    /// each with its reason.
    pub refused: Vec<Refused>,
    /// Documents left for another pull to take ([`Verdict::Leave`]).
    pub left: usize,
    /// The first document this page cannot read ([`Verdict::Defer`]): the pull stopped before its batch, the
    /// checkpoint not moved past it, for the sync page to take.
    pub deferred: Option<String>,
}

/// Decides, for one pulled revision (`incoming`, `None` when it deletes) of a document this device holds as
/// `stored` (if it does), whether the pull stores it.
pub type Gate<'a> = &'a dyn Fn(Option<&Value>, Option<&Value>) -> Verdict;

/// What the server said about one batch of a push ([`Client::offer`]).
#[derive(Default)]
struct Offered {
    /// Revisions the server now holds, by record: to be confirmed here.
    confirmed: Vec<(String, Vec<String>)>,
    sent: usize,
    already: usize,
    refused: Vec<Refused>,
}

/// The identity marker of a server database: a local document (never replicated, so a recreated or restored
/// database does not have it) holding a random id made by the first device that synced with the database.
const MARKER: &str = "_local/mattrathan";

/// A sync client for one endpoint and this device's store.
#[derive(Clone, Debug)]
pub struct Client {
    store: Store,
    endpoint: Endpoint,
    /// What the last push confirmed, by server database and record (revisions): the pull after it recognises those
    /// rows of `_changes` — the echo of the push — without reading anything for them.
    pushed: Rc<RefCell<Option<(String, BTreeMap<String, Vec<String>>)>>>,
}

fn bad(e: String) -> SyncError {
    SyncError::Data(e)
}

/// A failure that stops a sync even where it is only checking something on the side: offline, unreachable, the
/// device's storage. Anything else is `Ok` (the check is skipped).
fn hard(e: SyncError) -> Result<(), SyncError> {
    match e {
        SyncError::Offline | SyncError::Unreachable(_) | SyncError::Store(_) => Err(e),
        _ => Ok(()),
    }
}

impl Client {
    pub fn new(store: Store, endpoint: Endpoint) -> Client {
        Client { store, endpoint, pushed: Rc::default() }
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Pushes every unconfirmed revision of organisation `org`'s records to its database `mt_<org>`.
    pub async fn push(&self, org: &str, progress: &dyn Fn(Progress)) -> Result<PushReport, SyncError> {
        self.push_into(org, org, None, progress).await
    }

    /// Pushes the unconfirmed revisions of organisation `org`'s records (only those of kind `only`, when given) into
    /// organisation `into`'s database `mt_<into>`. A judge's tablet pushes a standard's marks (`s26_mark`, never
    /// edited, so every device computes the same revision for one) into its test centre's database, which the chief
    /// tester's tablet pulls; a record pushed this way must not also be pushed to another database.
    pub async fn push_into(
        &self,
        org: &str,
        into: &str,
        only: Option<&str>,
        progress: &dyn Fn(Progress),
    ) -> Result<PushReport, SyncError> {
        let own = db_name(org).map_err(bad)?;
        let db = db_name(into).map_err(bad)?;
        let problems = self.store.sync_reconcile(org).await?;
        if let Some(first) = problems.first() {
            return Err(SyncError::Data(format!("{} ระเบียนซิงค์ไม่ได้ เช่น {first}", problems.len())));
        }
        self.pushed.replace(None);
        let reoffered = self.check_identity(&db, Some((&own, only))).await?;
        let mut unpushed = self.store.sync_unpushed(&own).await?;
        if let Some(kind) = only {
            unpushed.retain(|(e, _)| e.kind == kind);
        }
        let mut report = PushReport { records: unpushed.len(), reoffered, ..PushReport::default() };
        for (i, batch) in unpushed.chunks(PUSH_BATCH).enumerate() {
            progress(Progress::Push { done: i * PUSH_BATCH, total: unpushed.len() });
            let offered = self.offer(&db, batch).await?;
            report.sent += offered.sent;
            report.already += offered.already;
            report.refused.extend(offered.refused);
            self.confirm(&db, offered.confirmed).await?;
        }
        progress(Progress::Push { done: unpushed.len(), total: unpushed.len() });
        if report.refused.is_empty() {
            self.store.sync_mark_pushed(&db).await?;
        }
        Ok(report)
    }

    /// Stores the server's confirmations of one batch pushed to `db` (nothing to do when there are none), then
    /// notes them for the pull's echo ([`Client::pushed`]).
    async fn confirm(&self, db: &str, confirmed: Vec<(String, Vec<String>)>) -> Result<(), SyncError> {
        if confirmed.is_empty() {
            return Ok(());
        }
        self.store.sync_confirm(&confirmed).await?;
        let mut pushed = self.pushed.borrow_mut();
        let echo = &mut pushed.get_or_insert_with(|| (db.to_string(), BTreeMap::new())).1;
        for (id, revs) in confirmed {
            echo.entry(id).or_default().extend(revs);
        }
        Ok(())
    }

    /// Offers one batch of unpushed entries (with their stored bodies) to database `db`: `_revs_diff`, then
    /// `_bulk_docs` with what the server lacks. Returns what the server confirmed (for [`Client::confirm`]).
    async fn offer(&self, db: &str, batch: &[(SyncEntry, Option<Value>)]) -> Result<Offered, SyncError> {
        let offers: Vec<(String, Vec<_>)> = batch.iter().map(|(e, _)| (e.id.clone(), e.unpushed())).collect();
        let answer = self.endpoint.request("POST", &format!("{db}/_revs_diff"), Some(&revs_diff_body(&offers)), db).await?;
        let missing = parse_revs_diff(&answer).map_err(bad)?;
        let mut offered = Offered::default();
        let mut confirmed: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut docs = Vec::new();
        let mut sent: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let none = BTreeSet::new();
        for (entry, body) in batch {
            let lacking = missing.get(&entry.id).unwrap_or(&none);
            for rev in entry.unpushed().iter().map(ToString::to_string) {
                if lacking.contains(&rev) {
                    sent.entry(entry.id.clone()).or_default().push(rev);
                } else {
                    offered.already += 1;
                    confirmed.entry(entry.id.clone()).or_default().push(rev);
                }
            }
            docs.extend(entry.docs_for(lacking, body.as_ref()));
        }
        if !docs.is_empty() {
            let answer = self.endpoint.request("POST", &format!("{db}/_bulk_docs"), Some(&bulk_docs_body(docs)), db).await?;
            // A refused document (`forbidden`/`unauthorized` from a validation rule, a conflict …) is reported for
            // itself and stays pending; it never stops the rest of the push nor the pull after it.
            let failures = parse_bulk_docs(&answer).map_err(bad)?;
            let failed: BTreeSet<&str> = crate::domain::sort::set_of(failures.iter().map(|f| f.id.as_str()));
            for (id, revs) in sent {
                if failed.contains(id.as_str()) {
                    continue;
                }
                offered.sent += revs.len();
                confirmed.entry(id).or_default().extend(revs);
            }
            offered
                .refused
                .extend(failures.into_iter().map(|f| Refused { id: f.id, reason: format!("{}: {}", f.error, f.reason) }));
        }
        offered.confirmed = confirmed.into_iter().collect();
        Ok(offered)
    }

    /// Compares server database `db`'s identity ([`MARKER`]) with the one stored after the last sync, making the
    /// marker when the database has none and this device writes there (`own`: its database of the records it
    /// pushes to `db`, and the kind it pushes, if only one). A changed identity means the database was recreated or
    /// restored: the pull starts over and the records pushed there are offered again
    /// ([`Store::sync_server_identity`]). Returns how many records will be offered again.
    async fn check_identity(&self, db: &str, own: Option<(&str, Option<&str>)>) -> Result<usize, SyncError> {
        let path = format!("{db}/{MARKER}");
        let read = |answer: Result<Value, SyncError>| match answer {
            Ok(doc) => Ok(doc.get("instance").and_then(Value::as_str).map(str::to_string)),
            Err(SyncError::Server { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        };
        // Only a lost connection stops here; any other failure (no permission for local documents, a server that
        // does not keep them …) leaves the identity unknown and the sync goes on as before, reporting its own errors.
        let mut found = match read(self.endpoint.request("GET", &path, None, db).await) {
            Ok(found) => found,
            Err(e) => return hard(e).map(|()| 0),
        };
        if found.is_none() && own.is_some() {
            let fresh = new_id();
            found = match self.endpoint.request("PUT", &path, Some(&json!({"instance": fresh})), db).await {
                Ok(_) => Some(fresh),
                // Another device made it meanwhile.
                Err(SyncError::Server { status: 409, .. }) => {
                    match read(self.endpoint.request("GET", &path, None, db).await) {
                        Ok(found) => found,
                        Err(e) => return hard(e).map(|()| 0),
                    }
                }
                Err(e) => return hard(e).map(|()| 0),
            };
            if found.is_none() {
                return Ok(0);
            }
        }
        // A database without a marker (only readers synced with it since it was made) is identified as "".
        let instance = found.unwrap_or_default();
        let stored = self.store.sync_checkpoint(db).await?.instance;
        if stored.as_deref() == Some(instance.as_str()) {
            return Ok(0);
        }
        let reset = stored.is_some();
        Ok(self.store.sync_server_identity(db, &instance, reset, own).await?)
    }

    /// Pulls organisation `org`'s database `mt_<org>` from the stored checkpoint to the end of its changes. Works
    /// for any database this user may read (e.g. a province reading its colleges').
    ///
    /// Every document is checked before anything is stored, by the rule of the database's organisation
    /// ([`Holder::of`], [`pull_verdict`]), read with the page's `shapes`; see [`Client::pull_from`].
    pub async fn pull(&self, org: &str, shapes: &Shapes, progress: &dyn Fn(Progress)) -> Result<PullReport, SyncError> {
        let holder = Holder::of(org);
        self.pull_from(&holder, &|incoming, stored| pull_verdict(&holder, shapes, incoming, stored), false, progress).await
    }

    /// Pulls the database of `holder`'s organisation. Each row that brings something new (a revision this device
    /// does not have) goes through `gate` for every revision it brings, with the record stored here under that id:
    /// only rows whose revisions are all [`Verdict::Take`] are stored; refused ones are listed in
    /// [`PullReport::refused`], left ones counted in [`PullReport::left`]; neither stops the pull, and the
    /// checkpoint advances past them (they stay on the server). `from_start`: read the whole feed, not only what
    /// came after the checkpoint (the chief's pull, so marks left earlier for another session are seen again).
    pub async fn pull_from(
        &self,
        holder: &Holder,
        gate: Gate<'_>,
        from_start: bool,
        progress: &dyn Fn(Progress),
    ) -> Result<PullReport, SyncError> {
        let db = db_name(holder.org()).map_err(bad)?;
        self.check_identity(&db, None).await?;
        let mut report = PullReport::default();
        let mut refetch_rounds = 0;
        let mut since = if from_start { "0".to_string() } else { self.store.sync_checkpoint(&db).await?.since };
        // The rows whose every leaf the push before this pull just confirmed: already known here, nothing to read.
        let echo = match self.pushed.take() {
            Some((pushed_to, echo)) if pushed_to == db => echo,
            _ => BTreeMap::new(),
        };
        // Lean: read a page without its documents first, in case this device knows every row already (the echo of
        // its own push, or a database pulled before). A first pull with nothing pushed takes the documents at once.
        let mut lean = !echo.is_empty() || since != "0";
        loop {
            let answer = self.changes(&db, &since, lean).await?;
            if lean {
                let page = parse_changes_revs(&answer).map_err(bad)?;
                let at_end = page.rows.len() + page.skipped.len() < PULL_PAGE;
                // The store checks that every other row is known here, and applies the page only then.
                let others: Vec<(String, Vec<Rev>)> = page
                    .rows
                    .iter()
                    .filter(|(id, leaves)| !echo.get(id).is_some_and(|revs| leaves.iter().all(|l| revs.contains(&l.to_string()))))
                    .cloned()
                    .collect();
                if self.store.sync_apply_known(&db, &others, &page.last_seq, at_end).await? {
                    since = page.last_seq;
                    report.rows += page.rows.len();
                    report.skipped += page.skipped.len();
                    progress(Progress::Pull { rows: report.rows });
                    if at_end {
                        break;
                    }
                    continue;
                }
                // Something new on this page: read it again with its documents, and the pages after it too.
                lean = false;
                continue;
            }
            let page = parse_changes(&answer).map_err(bad)?;
            let at_end = page.rows.len() + page.skipped.len() + page.refused.len() < PULL_PAGE;
            let ids: Vec<String> = page.rows.iter().map(|r| r.id.clone()).collect();
            // Each row's entry, and the stored record the gate compares with.
            let entries = self.store.sync_entries_of(&ids).await?;
            let stored = self.store.sync_records_json(&ids).await?;
            let plans: Vec<PullPlan> = page.rows.iter().map(|row| SyncEntry::plan_pull(entries.get(&row.id), &row.leaves)).collect();
            let all_known = plans.iter().all(|plan| *plan == PullPlan::Known);
            let mut rows = Vec::with_capacity(page.rows.len());
            let mut refused: Vec<Refused> =
                page.refused.iter().map(|(id, reason)| Refused { id: id.clone(), reason: reason.clone() }).collect();
            let mut left = 0;
            let mut deferred = None;
            for (row, plan) in page.rows.into_iter().zip(plans) {
                let fetched = match plan {
                    PullPlan::Fetch(revs) => Some(self.open_revs(&db, &row.id, &revs).await?),
                    PullPlan::Known => {
                        rows.push(PulledRow { row, fetched: None });
                        continue;
                    }
                    PullPlan::FastForward => None,
                };
                let incoming: Vec<Option<&Value>> = match &fetched {
                    Some(revs) => revs.iter().map(|r| if r.deleted { None } else { r.body.as_ref() }).collect(),
                    None => vec![if row.winner.deleted { None } else { row.winner.body.as_ref() }],
                };
                let verdict = incoming
                    .into_iter()
                    .map(|body| gate(body, stored.get(&row.id)))
                    .find(|v| *v != Verdict::Take)
                    .unwrap_or(Verdict::Take);
                match verdict {
                    Verdict::Take => rows.push(PulledRow { row, fetched }),
                    Verdict::Refuse(reason) => refused.push(Refused { id: row.id.clone(), reason }),
                    Verdict::Leave => left += 1,
                    Verdict::Defer(what) => {
                        deferred = Some(format!("{} ({what})", row.id));
                        break;
                    }
                }
            }
            // A deferred document keeps the checkpoint where it was: what this batch took is stored (a later pull
            // finds it known), and the pull ends here.
            let checkpoint = if deferred.is_some() { since.clone() } else { page.last_seq.clone() };
            let at_end = at_end && deferred.is_none();
            // A page that brought nothing new (every row known here) makes the next one lean again.
            let next_lean = all_known && refused.is_empty();
            let summary = self.store.sync_apply_pull(&db, &rows, &checkpoint, at_end).await?;
            if !summary.refetch.is_empty() {
                // A local edit landed between planning and applying: plan the page again (a few times at most).
                refetch_rounds += 1;
                if refetch_rounds > 3 {
                    return Err(SyncError::Data(format!("ระเบียน {} ถูกแก้ไขระหว่างซิงค์ ลองใหม่อีกครั้ง", summary.refetch[0])));
                }
                continue;
            }
            refetch_rounds = 0;
            since = page.last_seq.clone();
            report.rows += rows.len() + refused.len() + left;
            report.changed += summary.changed;
            report.skipped += page.skipped.len();
            report.refused.extend(refused);
            report.left += left;
            progress(Progress::Pull { rows: report.rows });
            if deferred.is_some() {
                report.deferred = deferred;
                break;
            }
            if at_end {
                break;
            }
            lean = next_lean;
        }
        let db_entries = self.store.sync_entries(&db).await?;
        report.conflicts = db_entries.iter().filter(|e| !e.conflicts.is_empty()).count();
        Ok(report)
    }

    /// The `_changes` page of database `db` after `since`: with the documents, or only the revisions (`lean`).
    async fn changes(&self, db: &str, since: &str, lean: bool) -> Result<Value, SyncError> {
        let query = if lean { changes_revs_query(since, PULL_PAGE) } else { changes_query(since, PULL_PAGE) };
        self.endpoint.request("GET", &format!("{db}/{query}"), None, db).await
    }

    /// Fetches revisions `revs` of document `id` with their histories.
    async fn open_revs(
        &self,
        db: &str,
        id: &str,
        revs: &[crate::domain::sync::Rev],
    ) -> Result<Vec<crate::domain::sync::protocol::RemoteRev>, SyncError> {
        let path = format!("{db}/{}?{}", percent_encode(id), open_revs_query(revs));
        let answer = self.endpoint.request("GET", &path, None, db).await?;
        parse_open_revs(&answer).map_err(bad)
    }

    /// Push, then pull, of organisation `org` (read with the page's `shapes`).
    pub async fn sync(&self, org: &str, shapes: &Shapes, progress: &dyn Fn(Progress)) -> Result<(PushReport, PullReport), SyncError> {
        let pushed = self.push(org, progress).await?;
        let pulled = self.pull(org, shapes, progress).await?;
        Ok((pushed, pulled))
    }
}

/// Runs `op` until it succeeds, retrying failures that may pass by themselves ([`SyncError::is_retryable`]) after
/// 1, 2, 4 … 60 s ([`backoff_ms`]) while the browser is online. Stops with [`SyncError::Offline`] as soon as the
/// browser goes offline, and with the last error when `stop()` turns true (signed out, page left). `waiting` is told
/// each error and the delay before the next try.
pub async fn with_backoff<T, F, Fut>(
    mut op: F,
    stop: &dyn Fn() -> bool,
    waiting: &dyn Fn(&SyncError, u32),
) -> Result<T, SyncError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, SyncError>>,
{
    let mut attempt = 0;
    loop {
        match op().await {
            Ok(value) => return Ok(value),
            Err(e) if e.is_retryable() => {
                if !is_online() {
                    return Err(SyncError::Offline);
                }
                if stop() {
                    return Err(e);
                }
                let delay = backoff_ms(attempt);
                waiting(&e, delay);
                sleep(delay).await;
                if !is_online() {
                    return Err(SyncError::Offline);
                }
                if stop() {
                    return Err(e);
                }
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}
