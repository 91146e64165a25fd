//! [`Store`]: the app's one connection to IndexedDB, with typed record reads and writes, per-organisation backup
//! export, and all-or-nothing backup import.
//!
//! Records are stored as plain JS objects made from their JSON (`JSON.parse(serde_json::to_string(record))`), so the
//! key path `id` and the `kind` / `org_kind` indexes see the flattened Meta fields, and a record read back is exactly
//! the JSON that was written.

use std::cell::RefCell;
use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::error::Error as IdbError;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::error::{js_text, StoreError};
use super::idb::{field, from_js, to_js, to_json_value, to_value, Tx};
use super::schema::{self, COUNTERS, DB_NAME, DB_VERSION, INDEX_KIND, INDEX_ORG_KIND, RECORDS, SYNC};
use crate::domain::backup::{make_backup_with_counters, parse_backup, plan_restore, Stored};
use crate::domain::record::{Record, KNOWN_KINDS};
use crate::domain::sync::accept::Shapes;

/// The result of [`Store::import_backup`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Records written (new, or replacing an older or equally old stored copy; marks already stored with the same
    /// content count here too, they are left as they are).
    pub written: usize,
    /// Records skipped because the stored copy has a newer `updated`.
    pub kept_newer: usize,
}

/// A connection to the app's IndexedDB database. Cheap to clone (an `Rc`); the connection closes when the last clone
/// is dropped, or by itself when another tab upgrades the database to a newer version (the next call then fails with
/// a message asking to reload).
#[derive(Clone)]
pub struct Store {
    inner: Rc<Inner>,
    /// Stored records that did not read as their kind; kept across [`Store::reopen`].
    unreadable: Rc<Unreadable>,
}

/// The stored records a read left out because they do not parse as their kind (written by a damaged or forged
/// source before the import gate, or edited by hand in the browser's tools): (id, why), by id. A list never fails on one of
/// them (every other record still shows); the page names them through the hook ([`Store::on_unreadable`]).
#[derive(Default)]
struct Unreadable {
    found: RefCell<Vec<(String, String)>>,
    hook: RefCell<Option<Box<dyn Fn(Vec<(String, String)>)>>>,
}

impl Unreadable {
    /// Applies `change` to the found set and calls the hook when the set changed.
    fn update(&self, change: impl FnOnce(&mut Vec<(String, String)>) -> bool) {
        let changed = change(&mut self.found.borrow_mut());
        if changed {
            if let Some(hook) = self.hook.borrow().as_ref() {
                hook(self.found.borrow().clone());
            }
        }
    }
}

struct Inner {
    db: Database,
    /// Keeps the `versionchange` handler alive for as long as the connection.
    _on_version_change: Closure<dyn FnMut(JsValue)>,
    /// Set once the connection is closed (see `reopen.rs`).
    closed: Rc<std::cell::Cell<bool>>,
    /// Keeps the `close` handler (the browser closed the connection) alive.
    _on_close: Closure<dyn FnMut(JsValue)>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("name", &self.name()).field("version", &self.version()).finish()
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        let sys = self.db.as_sys();
        sys.set_onversionchange(None);
        sys.set_onclose(None);
        sys.close();
    }
}

impl Store {
    /// Opens this deployment's database, `mattrathan:<the page's folder>` (see `scope.rs`), creating or upgrading it
    /// to [`DB_VERSION`]; when it is created, the data of the old unscoped database [`DB_NAME`] is taken over.
    pub async fn open() -> Result<Store, StoreError> {
        let base = super::scope::base_path();
        Store::open_scoped(&super::scope::scoped_name(DB_NAME, &base), DB_NAME, &base).await
    }

    /// Opens the database `name` of the deployment under `base`; when it does not exist yet, creates it with
    /// everything the old database `legacy` holds, unless another scope claimed that first (see `scope.rs`).
    pub async fn open_scoped(name: &str, legacy: &str, base: &str) -> Result<Store, StoreError> {
        let inherited = super::scope::take_legacy(name, legacy, base).await?;
        Store::open_with(name, inherited).await
    }

    /// Opens (creating or upgrading) the database `name`; the app uses [`Store::open`], tests use their own names.
    /// Then merges records of one natural key stored under several ids ([`Store::merge_natural_duplicates`]).
    pub async fn open_named(name: &str) -> Result<Store, StoreError> {
        Store::open_with(name, None).await
    }

    async fn open_with(name: &str, inherited: Option<super::scope::Legacy>) -> Result<Store, StoreError> {
        // indexed_db_futures 0.6 does not hand the version-change transaction to the upgrade callback
        // (Alorel/rust-indexed-db#66), but upgrades must reach existing stores (v2 adds indexes to `records`).
        // The transaction is on the open request, so keep a handle on the request and read it in the callback; the
        // `upgradeneeded` event fires on a later task, after the handle is stored.
        let request_slot: Rc<RefCell<Option<web_sys::IdbOpenDbRequest>>> = Rc::default();
        let slot = Rc::clone(&request_slot);
        let request = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(move |event, db| {
                let old = event.old_version() as u32;
                let new = event.new_version().map_or(DB_VERSION, |v| v as u32);
                let tx = slot
                    .borrow()
                    .as_ref()
                    .and_then(|req| req.transaction())
                    .ok_or_else(|| IdbError::from(js_sys::Error::new("no version-change transaction")))?;
                match &inherited {
                    // A new database taking over an old one: its schema up to the old one's version, the old data,
                    // then the later steps (which migrate it like any stored data), all in this one transaction.
                    Some(legacy) if old == 0 => {
                        let at = legacy.version.clamp(1, new);
                        schema::upgrade(&db, &tx, 0, at)?;
                        super::scope::write_into(&tx, legacy)
                            .map_err(|e| IdbError::from(js_sys::Error::new(&js_text(&e))))?;
                        schema::upgrade(&db, &tx, at, new)
                    }
                    _ => schema::upgrade(&db, &tx, old, new),
                }
            })
            .build()
            .map_err(StoreError::open)?;
        *request_slot.borrow_mut() = Some(request.as_sys().clone());
        let db = request.await.map_err(StoreError::open)?;
        request_slot.borrow_mut().take();
        let store = Store::wrap(db);
        // One record per natural key: merge duplicates written before ids were derived from keys (or pushed since by
        // a device running an old release). Idempotent; see `keys.rs`.
        store.merge_natural_duplicates().await?;
        Ok(store)
    }

    /// Opens this deployment's database as a page left it: at [`DB_VERSION`], with no upgrade, no take-over of the old
    /// database and no merge of duplicates (a page's [`Store::open`] did those). For a Web Worker a page started
    /// (`ia.html`'s data-set worker), which so carries none of that code. A database that is missing or older is
    /// refused, untouched (its upgrade transaction is aborted): the page is to be reloaded.
    pub async fn open_current() -> Result<Store, StoreError> {
        Store::open_current_named(&super::scope::scoped_name(DB_NAME, &super::scope::base_path())).await
    }

    /// [`Store::open_current`] on the database `name` (tests use their own names).
    pub async fn open_current_named(name: &str) -> Result<Store, StoreError> {
        // The version-change transaction is on the open request (see `open_with`): aborted, nothing is created.
        let request_slot: Rc<RefCell<Option<web_sys::IdbOpenDbRequest>>> = Rc::default();
        let slot = Rc::clone(&request_slot);
        let request = Database::open(name)
            .with_version(DB_VERSION)
            .with_on_upgrade_needed(move |_event, _db| {
                if let Some(tx) = slot.borrow().as_ref().and_then(|req| req.transaction()) {
                    let _ = tx.abort();
                }
                Err(IdbError::from(js_sys::Error::new("ฐานข้อมูลยังไม่ได้ปรับรุ่น กรุณาโหลดหน้าใหม่")))
            })
            .build()
            .map_err(StoreError::open)?;
        *request_slot.borrow_mut() = Some(request.as_sys().clone());
        let db = request.await.map_err(StoreError::open)?;
        request_slot.borrow_mut().take();
        Ok(Store::wrap(db))
    }

    /// A [`Store`] on the open database `db`, stepping aside when another tab upgrades it.
    fn wrap(db: Database) -> Store {
        // Another tab wants to upgrade: step aside instead of blocking it.
        let closed: Rc<std::cell::Cell<bool>> = Rc::default();
        let sys: web_sys::IdbDatabase = db.as_sys().clone().unchecked_into();
        let flag = Rc::clone(&closed);
        let on_version_change = Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| {
            flag.set(true);
            sys.close();
        });
        db.as_sys().set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        // The browser closed the connection itself (memory pressure, site data cleared): remember, so writers reopen.
        let flag = Rc::clone(&closed);
        let on_close = Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| flag.set(true));
        db.as_sys().set_onclose(Some(on_close.as_ref().unchecked_ref()));

        Store {
            inner: Rc::new(Inner { db, _on_version_change: on_version_change, closed, _on_close: on_close }),
            unreadable: Rc::default(),
        }
    }

    /// Name of the open database.
    pub fn name(&self) -> String {
        self.inner.db.name()
    }

    /// This connection, keeping `previous`'s list of unreadable records and its hook (a reopened connection).
    pub(super) fn carrying_unreadable_of(mut self, previous: &Store) -> Store {
        self.unreadable = Rc::clone(&previous.unreadable);
        self
    }

    /// The open database, for sibling modules that add operations on other object stores (`counters`, `sync`).
    pub(super) fn db(&self) -> &Database {
        &self.inner.db
    }

    /// The flag set when the connection closes (read and set by `reopen.rs`).
    pub(super) fn closed_flag(&self) -> &std::cell::Cell<bool> {
        &self.inner.closed
    }

    /// Schema version of the open database (equals [`DB_VERSION`] once opened).
    pub fn version(&self) -> u32 {
        self.inner.db.version() as u32
    }

    /// Writes (adds or replaces) one record, and its next sync revision in the same transaction.
    pub async fn put<R: Record>(&self, record: &R) -> Result<(), StoreError> {
        self.put_all(std::slice::from_ref(record)).await
    }

    /// Writes every record of `records` in one read-write transaction, each with its next sync revision: all land
    /// or none do (bulk imports use it; so does `put`). Every job's records get revisions without job code.
    pub async fn put_all<R: Record>(&self, records: &[R]) -> Result<(), StoreError> {
        self.put_records(records, Tx::write).await
    }

    /// [`Store::put_all`] in the transaction `begin` opens (`Tx::write`, or `Tx::write_strict` from `strict.rs`; a
    /// function, so a page that never writes strictly does not carry that code).
    pub(super) async fn put_records<'a, R: Record>(
        &'a self,
        records: &[R],
        begin: fn(&'a Database, &[&str]) -> Result<Tx<'a>, StoreError>,
    ) -> Result<(), StoreError> {
        if !KNOWN_KINDS.contains(&R::KIND) {
            return Err(StoreError::Invalid(format!("ชนิด \"{}\" ไม่อยู่ในรายการ KNOWN_KINDS", R::KIND)));
        }
        if let Some(bad) = records.iter().find(|r| r.meta().kind != R::KIND) {
            return Err(StoreError::Invalid(format!(
                "ช่อง kind เป็น \"{}\" แต่ชนิดของระเบียนคือ \"{}\"",
                bad.meta().kind,
                R::KIND
            )));
        }
        // Convert everything before the transaction starts, so nothing can fail half-way for that reason.
        let values = records.iter().map(|r| to_value(r).and_then(|json| Ok((to_js(&json)?, json)))).collect::<Result<Vec<_>, _>>()?;
        let (js, json): (Vec<JsValue>, Vec<Value>) = values.into_iter().unzip();
        // One transaction, every request made before any is awaited: the records, then their sync entries.
        let tx = begin(&self.inner.db, &[RECORDS, SYNC])?;
        tx.put_many(RECORDS, js).await?;
        super::sync::note_writes(&tx, &json).await?;
        tx.commit().await?;
        // What was just written reads (it was made from a typed record).
        let written: Vec<&str> = records.iter().map(|r| r.meta().id.as_str()).collect();
        self.note_reads(&written, Vec::new());
        Ok(())
    }

    /// The record `id` of type `R`, or `None` when there is none (or the record with that id is of another kind).
    pub async fn get<R: Record>(&self, id: &str) -> Result<Option<R>, StoreError> {
        let tx = Tx::read(&self.inner.db, &[RECORDS])?;
        let found = tx.get(RECORDS, id).await?;
        tx.commit().await?;
        match found {
            Some(js) if field(&js, "kind").as_deref() == Some(R::KIND) => from_js::<R>(&js, "").map(Some),
            _ => Ok(None),
        }
    }

    /// Every readable record of type `R`, of organisation `org` (or of all organisations), oldest `created` first.
    /// Uses the `org_kind` index (or `kind`), so it reads only matching records. A stored record that does not read
    /// as `R` never fails the list: it is left out and reported through [`Store::unreadable`].
    pub async fn list<R: Record>(&self, org: Option<&str>) -> Result<Vec<R>, StoreError> {
        Ok(self.list_readable(org).await?.0)
    }

    /// Like [`Store::list`], and also the records left out (their id and why, [`StoreError::Damaged`]'s text), for a
    /// page that names them beside its own list.
    pub async fn list_readable<R: Record>(&self, org: Option<&str>) -> Result<(Vec<R>, Vec<String>), StoreError> {
        self.list_readable_without(org, None).await
    }

    /// [`Store::list`] reading each record without its field `field`, taken off the object read before it is
    /// parsed (so `R` must default it): a list of large records (an item-analysis data set's packed answers, 27 MB
    /// at national scale) that does not copy and parse what it does not show. Never write such a record back.
    pub async fn list_without<R: Record>(&self, org: Option<&str>, field: &str) -> Result<Vec<R>, StoreError> {
        Ok(self.list_readable_without(org, Some(field)).await?.0)
    }

    async fn list_readable_without<R: Record>(&self, org: Option<&str>, without: Option<&str>) -> Result<(Vec<R>, Vec<String>), StoreError> {
        // The reading is not generic (one copy in the wasm, whatever the number of kinds); only the parse is.
        let values = self.values_of_kind(R::KIND, org).await?;
        if let Some(field) = without {
            for js in values.iter().filter_map(|v| v.dyn_ref::<js_sys::Object>()) {
                let _ = js_sys::Reflect::delete_property(js, &JsValue::from_str(field));
            }
        }
        let mut records = Vec::with_capacity(values.len());
        let mut left_out = Vec::new();
        for js in &values {
            match from_js::<R>(js, "") {
                Ok(r) => records.push(r),
                Err(e) => left_out.push((field(js, "id").unwrap_or_default(), e)),
            }
        }
        crate::domain::sort::sort_by(&mut records, |a, b| {
            let (a, b) = (a.meta(), b.meta());
            (&a.created, &a.id).cmp(&(&b.created, &b.id))
        });
        let read: Vec<&str> = records.iter().map(|r| r.meta().id.as_str()).collect();
        let broken = self.note_reads(&read, left_out);
        Ok((records, broken))
    }

    /// Every stored record of `kind` (of organisation `org`, or all), as JS objects.
    async fn values_of_kind(&self, kind: &str, org: Option<&str>) -> Result<Vec<JsValue>, StoreError> {
        match org {
            Some(org) => {
                let key = js_sys::Array::of2(&JsValue::from_str(org), &JsValue::from_str(kind));
                self.get_all_by_index(INDEX_ORG_KIND, KeyRange::Only(key.into())).await
            }
            None => self.get_all_by_index(INDEX_KIND, KeyRange::Only(JsValue::from_str(kind))).await,
        }
    }

    /// Updates [`Store::unreadable`] after a read: the ids in `read` parsed (a record repaired by a later write or
    /// pull is no longer reported), those in `left_out` did not. Returns the left-out ones' messages.
    fn note_reads(&self, read: &[&str], left_out: Vec<(String, StoreError)>) -> Vec<String> {
        let mut broken = Vec::with_capacity(left_out.len());
        self.unreadable.update(|set| {
            let before = set.len();
            set.retain(|(id, _)| !read.contains(&id.as_str()));
            let mut changed = set.len() != before;
            for (id, e) in left_out {
                broken.push(e.to_string());
                let why = match e {
                    StoreError::Damaged { detail, .. } => detail,
                    other => other.to_string(),
                };
                match set.iter_mut().find(|(known, _)| *known == id) {
                    Some((_, was)) if *was == why => {}
                    Some((_, was)) => (*was, changed) = (why, true),
                    None => {
                        set.push((id, why));
                        crate::domain::sort::sort(set);
                        changed = true;
                    }
                }
            }
            changed
        });
        broken
    }

    /// The stored records that reads so far left out because they do not read as their kind: (id, why), by id.
    pub fn unreadable(&self) -> Vec<(String, String)> {
        self.unreadable.found.borrow().clone()
    }

    /// Calls `hook` with the whole of [`Store::unreadable`] each time it changes (a page shows it in one banner).
    pub fn on_unreadable(&self, hook: impl Fn(Vec<(String, String)>) + 'static) {
        *self.unreadable.hook.borrow_mut() = Some(Box::new(hook));
    }

    /// Deletes the record `id` (of any kind). Deleting a missing id is not an error. A record that syncs gets a
    /// deleting revision, so the deletion reaches the server and the other devices.
    pub async fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.delete_all(&[id]).await
    }

    /// [`Store::delete`] of several records in one transaction: all of them are deleted, or none.
    pub async fn delete_all(&self, ids: &[&str]) -> Result<(), StoreError> {
        let tx = Tx::write(&self.inner.db, &[RECORDS, SYNC])?;
        for id in ids {
            tx.delete(RECORDS, id).await?;
            super::sync::note_delete(&tx, id).await?;
        }
        tx.commit().await?;
        self.note_reads(ids, Vec::new());
        Ok(())
    }

    /// A backup file ([`crate::domain::backup`]) of every record of organisation `org`, stamped `exported`
    /// (normally [`now_iso`](super::now_iso)), with the organisation's counters
    /// ([`counter_belongs`](crate::domain::backup::counter_belongs)). Records are ordered by kind, then `created`, then `id`. The file is checked with
    /// [`parse_backup`] before it is returned, so a backup that could not be imported again is never handed out.
    pub async fn export_org(&self, org: &str, exported: &str) -> Result<String, StoreError> {
        self.export_org_kinds(org, None, exported).await
    }

    /// [`Store::export_org`] holding only records of `kinds` (when given): an office's backup holds its application
    /// numbers, not a province's lists kept under the same code.
    pub async fn export_org_kinds(&self, org: &str, kinds: Option<&[&str]>, exported: &str) -> Result<String, StoreError> {
        // All `[org, kind]` keys with a string kind lie between `[org]` and `[org, []]` (arrays sort after strings).
        let lower = js_sys::Array::of1(&JsValue::from_str(org));
        let upper = js_sys::Array::of2(&JsValue::from_str(org), &js_sys::Array::new());
        let range = KeyRange::Bound(lower.into(), false, upper.into(), false);
        let values = self.get_all_by_index(INDEX_ORG_KIND, range).await?;
        let mut records = values.iter().map(to_json_value).collect::<Result<Vec<Value>, _>>()?;
        if let Some(kinds) = kinds {
            records.retain(|r| r.get("kind").and_then(Value::as_str).is_some_and(|k| kinds.contains(&k)));
        }
        let sort_key = |v: &Value| {
            let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            (s("kind"), s("created"), s("id"))
        };
        crate::domain::sort::sort_by_cached_key(&mut records, sort_key);
        let counters = self.counters_of(org).await?;
        let text = make_backup_with_counters(org, exported, &records, &counters);
        parse_backup(&text).map_err(StoreError::Export)?;
        Ok(text)
    }

    /// Imports a backup file. The whole file is checked first ([`parse_backup`], then
    /// [`plan_restore`](crate::domain::backup::plan_restore) against the stored copies and this device's clock); a
    /// refused file changes nothing. Then every record and counter is written in one read-write transaction, so
    /// either all land or none do. A record whose stored copy has a newer `updated` is kept as stored and counted in
    /// [`ImportSummary::kept_newer`]; a counter is raised to the file's value, never lowered. A file holding any record
    /// not of `kinds` (when given) is refused: each page restores only what it backs up; `shapes` are the readers of
    /// those kinds (the pull's gate, [`crate::domain::sync::accept`]), so a page carries no other kind's reader.
    pub async fn import_backup(&self, text: &str, kinds: Option<&[&str]>, shapes: &Shapes) -> Result<ImportSummary, StoreError> {
        let backup = parse_backup(text)?;
        let now = super::now_iso();
        crate::domain::backup::check_times(&backup, &now)?;
        // Convert everything before the transaction starts, so nothing can fail half-way for that reason.
        let mut incoming = Vec::with_capacity(backup.records.len());
        for record in &backup.records {
            let id = record["id"].as_str().unwrap_or_default().to_string();
            incoming.push((id, to_js(record)?));
        }

        let tx = Tx::write(&self.inner.db, &[RECORDS, COUNTERS])?;
        let mut summary = ImportSummary::default();
        // Read the stored copy of every id in the file and every stored mark of the organisation …
        let mut stored = std::collections::HashMap::new();
        let key = js_sys::Array::of2(&JsValue::from_str(&backup.org), &JsValue::from_str("s26_mark"));
        for js in tx.index_all(RECORDS, INDEX_ORG_KIND, KeyRange::Only(key.into())).await? {
            let value = to_json_value(&js)?;
            let id = value.get("id").and_then(Value::as_str).unwrap_or_default().to_string();
            stored.insert(id, Stored::of(value));
        }
        for (id, _) in &incoming {
            if stored.contains_key(id) {
                continue;
            }
            if let Some(value) = tx.get_json(RECORDS, id).await? {
                stored.insert(id.clone(), Stored::of(value));
            }
        }
        // … decide (nothing is written yet; a refusal drops the transaction) …
        let plan = plan_restore(&backup, &stored, kinds, shapes, &now)?;
        summary.kept_newer = plan.kept_newer;
        summary.written = plan.write.len() + plan.marks_already;
        // … then write.
        let mut incoming: Vec<Option<JsValue>> = incoming.into_iter().map(|(_, v)| Some(v)).collect();
        for i in plan.write {
            if let Some(value) = incoming.get_mut(i).and_then(Option::take) {
                tx.put(RECORDS, value).await?;
            }
        }
        for (name, value) in &backup.counters {
            let found = tx.get(COUNTERS, name).await?;
            if super::counters::counter_value(found.as_ref()) < *value {
                tx.put(COUNTERS, super::counters::counter_object(name, *value)?).await?;
            }
        }
        // Dropping `tx` on any error above rolls everything back; only this commit makes the import visible.
        tx.commit().await?;
        // A backup written before ids were derived from natural keys may hold a second record of a key kept here.
        self.merge_natural_duplicates().await?;
        Ok(summary)
    }

    /// All records of `records` whose `index` key is in `range`, as JS objects.
    async fn get_all_by_index(&self, index: &str, range: KeyRange<JsValue>) -> Result<Vec<JsValue>, StoreError> {
        let tx = Tx::read(&self.inner.db, &[RECORDS])?;
        let values = tx.index_all(RECORDS, index, range).await?;
        tx.commit().await?;
        Ok(values)
    }
}

/// Deletes the database `name` (all its records). Waits until every open [`Store`] on it is dropped.
pub async fn delete_database(name: &str) -> Result<(), StoreError> {
    Database::delete_by_name(name).map_err(StoreError::open)?.await.map_err(StoreError::write)
}
