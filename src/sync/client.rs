//! Push and pull of one organisation's server database, and the retry loop around them.
//!
//! Push: the entries with leaves the server has not confirmed are offered in batches to `_revs_diff`; what the server
//! already has is confirmed at once (so pushing twice sends nothing, and a push interrupted after the server stored a
//! batch resumes without resending it); the rest goes to `_bulk_docs` with `new_edits: false` and is confirmed only
//! from the server's answer. Pull: `_changes` pages from the stored checkpoint; each page is applied with its new
//! checkpoint in one transaction, so a pull stopped half-way resumes at the last whole page.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::future::Future;

use crate::domain::sync::protocol::{
    bulk_docs_body, changes_query, db_name, open_revs_query, parse_bulk_docs, parse_changes, parse_open_revs,
    parse_revs_diff, percent_encode, revs_diff_body,
};
use crate::domain::sync::{PullPlan, SyncEntry};
use crate::store::sync::PulledRow;
use crate::store::Store;

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
}

/// What [`Client::pull`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PullReport {
    pub rows: usize,
    /// Records written or deleted here.
    pub changed: usize,
    /// Records left in conflict (to be decided in the conflicts view).
    pub conflicts: usize,
    /// Documents that are not records this build knows (design documents, other kinds), skipped.
    pub skipped: usize,
}

/// A sync client for one endpoint and this device's store.
#[derive(Clone, Debug)]
pub struct Client {
    store: Store,
    endpoint: Endpoint,
}

fn bad(e: String) -> SyncError {
    SyncError::Data(e)
}

impl Client {
    pub fn new(store: Store, endpoint: Endpoint) -> Client {
        Client { store, endpoint }
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
        let mut unpushed = self.store.sync_unpushed(&own).await?;
        if let Some(kind) = only {
            unpushed.retain(|(e, _)| e.kind == kind);
        }
        let mut report = PushReport { records: unpushed.len(), ..PushReport::default() };
        let mut refused = Vec::new();
        for (i, batch) in unpushed.chunks(PUSH_BATCH).enumerate() {
            progress(Progress::Push { done: i * PUSH_BATCH, total: unpushed.len() });
            let offers: Vec<(String, Vec<_>)> = batch.iter().map(|(e, _)| (e.id.clone(), e.unpushed())).collect();
            let answer =
                self.endpoint.request("POST", &format!("{db}/_revs_diff"), Some(&revs_diff_body(&offers)), &db).await?;
            let missing = parse_revs_diff(&answer).map_err(bad)?;
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
                        report.already += 1;
                        confirmed.entry(entry.id.clone()).or_default().push(rev);
                    }
                }
                docs.extend(entry.docs_for(lacking, body.as_ref()));
            }
            if !docs.is_empty() {
                let answer =
                    self.endpoint.request("POST", &format!("{db}/_bulk_docs"), Some(&bulk_docs_body(docs)), &db).await?;
                let failures = parse_bulk_docs(&answer).map_err(bad)?;
                if let Some(f) = failures.iter().find(|f| f.is_access()) {
                    // Confirm what the server already had, then ask to sign in again.
                    self.store.sync_confirm(&confirmed.into_iter().collect::<Vec<_>>()).await?;
                    return Err(SyncError::Auth { status: 403, detail: format!("{}: {}", f.error, f.reason) });
                }
                let failed: BTreeSet<&str> = failures.iter().map(|f| f.id.as_str()).collect();
                for (id, revs) in sent {
                    if failed.contains(id.as_str()) {
                        continue;
                    }
                    report.sent += revs.len();
                    confirmed.entry(id).or_default().extend(revs);
                }
                refused.extend(failures.into_iter().map(|f| format!("{} ({}: {})", f.id, f.error, f.reason)));
            }
            self.store.sync_confirm(&confirmed.into_iter().collect::<Vec<_>>()).await?;
        }
        progress(Progress::Push { done: unpushed.len(), total: unpushed.len() });
        if !refused.is_empty() {
            return Err(SyncError::Data(format!("เซิร์ฟเวอร์ไม่รับ {} ระเบียน: {}", refused.len(), refused.join("; "))));
        }
        self.store.sync_mark_pushed(&db).await?;
        Ok(report)
    }

    /// Pulls organisation `org`'s database `mt_<org>` from the stored checkpoint to the end of its changes. Works
    /// for any database this user may read (e.g. a province reading its colleges').
    pub async fn pull(&self, org: &str, progress: &dyn Fn(Progress)) -> Result<PullReport, SyncError> {
        let db = db_name(org).map_err(bad)?;
        let mut report = PullReport::default();
        let mut refetch_rounds = 0;
        loop {
            let checkpoint = self.store.sync_checkpoint(&db).await?;
            let path = format!("{db}/{}", changes_query(&checkpoint.since, PULL_PAGE));
            let answer = self.endpoint.request("GET", &path, None, &db).await?;
            let page = parse_changes(&answer).map_err(bad)?;
            let at_end = page.rows.len() + page.skipped.len() < PULL_PAGE;
            let ids: Vec<String> = page.rows.iter().map(|r| r.id.clone()).collect();
            let entries: HashMap<String, SyncEntry> = self.store.sync_entries_of(&ids).await?;
            let mut rows = Vec::with_capacity(page.rows.len());
            for row in page.rows {
                let fetched = match SyncEntry::plan_pull(entries.get(&row.id), &row.leaves) {
                    PullPlan::Fetch(revs) => Some(self.open_revs(&db, &row.id, &revs).await?),
                    PullPlan::Known | PullPlan::FastForward => None,
                };
                rows.push(PulledRow { row, fetched });
            }
            let summary = self.store.sync_apply_pull(&db, &rows, &page.last_seq, at_end).await?;
            if !summary.refetch.is_empty() {
                // A local edit landed between planning and applying: plan the page again (a few times at most).
                refetch_rounds += 1;
                if refetch_rounds > 3 {
                    return Err(SyncError::Data(format!("ระเบียน {} ถูกแก้ไขระหว่างซิงค์ ลองใหม่อีกครั้ง", summary.refetch[0])));
                }
                continue;
            }
            refetch_rounds = 0;
            report.rows += rows.len();
            report.changed += summary.changed;
            report.skipped += page.skipped.len();
            progress(Progress::Pull { rows: report.rows });
            if at_end {
                break;
            }
        }
        let db_entries = self.store.sync_entries(&db).await?;
        report.conflicts = db_entries.iter().filter(|e| !e.conflicts.is_empty()).count();
        Ok(report)
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

    /// Push, then pull, of organisation `org`.
    pub async fn sync(&self, org: &str, progress: &dyn Fn(Progress)) -> Result<(PushReport, PullReport), SyncError> {
        let pushed = self.push(org, progress).await?;
        let pulled = self.pull(org, progress).await?;
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
