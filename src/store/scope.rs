//! One database per deployment. Two deployments of the app on one origin (production at `/prod/` and staging at
//! `/staging/`) share the origin's IndexedDB, so the database name carries the app's scope, the path of the page's
//! folder: `mattrathan:/prod/`, `mattrathan:/staging/` (`mattrathan:/` at the root). The service worker's cache
//! name carries the same scope (`public/sw.js`).
//!
//! # Taking over the old database
//!
//! Releases before the scope used the one name `mattrathan`. When this deployment's database does not exist yet,
//! [`take_legacy`] reads everything the old database holds (every object store: records, counters, sync entries,
//! pull checkpoints) and `Store::open` writes it into the new database inside the same version-change transaction
//! that creates it, after the schema steps up to the old database's version and before the later steps — so the
//! copy is all-or-nothing and later upgrade steps migrate it like any stored data.
//!
//! Only one scope may inherit the old data: the first one to open claims it by writing a marker
//! (`{"name": "mattrathan:migrated-to", "scope": "/prod/"}`) into the old database's `counters` store, in the same
//! read-write transaction that reads the data, so two tabs of two deployments cannot both claim it. A later scope
//! finds the marker and starts empty; the claiming scope opening again (its new database deleted) copies again.
//! The old database itself is kept as it was (plus the marker): a tab of an old release still open keeps working on
//! it, and nothing is lost if the copy fails (the next load tries again). Edits made in such an old tab after the
//! copy are not carried over. An old database of schema version 1 has no `counters` store to hold the marker; it is
//! copied by whichever scope opens first without a claim.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::error::{js_text, StoreError};
use super::schema::COUNTERS;

/// Key of the claim marker in the old database's `counters` store.
pub const CLAIM: &str = "mattrathan:migrated-to";

/// The folder of the current page: `/prod/` for `https://host/prod/qa.html`, `/` at the root. In a Web Worker, the
/// folder of its script, which the build puts beside the pages (`ia.html`'s data-set worker stores through here too).
pub fn base_path() -> String {
    let location = Reflect::get(&js_sys::global(), &JsValue::from_str("location"));
    let path = location
        .and_then(|l| Reflect::get(&l, &JsValue::from_str("pathname")))
        .ok()
        .and_then(|p| p.as_string())
        .unwrap_or_else(|| "/".into());
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => "/".to_string(),
    }
}

/// The database name of a deployment whose pages live under `base` (a path ending in `/`).
pub fn scoped_name(legacy: &str, base: &str) -> String {
    format!("{legacy}:{base}")
}

/// Everything an old database held: its schema version and every object store's values (all stores use in-line
/// keys, so the values are enough to write them back).
pub struct Legacy {
    pub version: u32,
    pub stores: Vec<(String, Vec<JsValue>)>,
}

/// The old database `legacy`'s contents for the new database `name` of scope `base`, or `None` when `name` already
/// exists, `legacy` does not exist, or another scope claimed it. Claims it for `base` (see the module docs).
pub async fn take_legacy(name: &str, legacy: &str, base: &str) -> Result<Option<Legacy>, StoreError> {
    if let Some(db) = open_existing(name).await? {
        db.close();
        return Ok(None);
    }
    let Some(db) = open_existing(legacy).await? else { return Ok(None) };
    let result = read_and_claim(&db, base).await;
    db.close();
    result
}

/// Every store of `db` with its values (tests compare what was copied).
pub async fn dump(db: &web_sys::IdbDatabase) -> Result<Vec<(String, Vec<JsValue>)>, StoreError> {
    let names = store_names(db);
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let tx = transaction(db, &names, "readonly")?;
    read_all(&tx, &names).await
}

async fn read_and_claim(db: &web_sys::IdbDatabase, base: &str) -> Result<Option<Legacy>, StoreError> {
    let names = store_names(db);
    if names.is_empty() {
        return Ok(None);
    }
    let claimable = names.iter().any(|n| n == COUNTERS);
    let tx = transaction(db, &names, if claimable { "readwrite" } else { "readonly" })?;
    if claimable {
        let counters = tx.object_store(COUNTERS).map_err(read)?;
        let marker = done(&counters.get(&JsValue::from_str(CLAIM)).map_err(read)?).await?;
        let owner = Reflect::get(&marker, &"scope".into()).ok().and_then(|s| s.as_string());
        match owner {
            Some(owner) if owner != base => return Ok(None),
            Some(_) => {}
            None => {
                let claim = js_sys::Object::new();
                let set = |k: &str, v: JsValue| Reflect::set(&claim, &k.into(), &v).map_err(|e| StoreError::Invalid(js_text(&e)));
                set("name", CLAIM.into())?;
                set("scope", base.into())?;
                set("value", JsValue::from(0))?;
                set("at", js_sys::Date::new_0().to_iso_string().into())?;
                done(&counters.put(&claim).map_err(write)?).await?;
            }
        }
    }
    let mut stores = read_all(&tx, &names).await?;
    // The marker stays in the old database only.
    for (name, values) in &mut stores {
        if name == COUNTERS {
            values.retain(|v| Reflect::get(v, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() != Some(CLAIM));
        }
    }
    Ok(Some(Legacy { version: db.version() as u32, stores }))
}

async fn read_all(tx: &web_sys::IdbTransaction, names: &[String]) -> Result<Vec<(String, Vec<JsValue>)>, StoreError> {
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let store = tx.object_store(name).map_err(read)?;
        let all = done(&store.get_all().map_err(read)?).await?;
        out.push((name.clone(), Array::from(&all).to_vec()));
    }
    Ok(out)
}

/// Writes the old database's values into the new one, inside its version-change transaction `tx` (only stores the
/// new schema has at this point; the requests complete with the transaction, which fails whole if one fails).
pub(super) fn write_into(tx: &web_sys::IdbTransaction, legacy: &Legacy) -> Result<(), JsValue> {
    for (name, values) in &legacy.stores {
        let store = tx.object_store(name)?;
        for v in values {
            store.put(v)?;
        }
    }
    Ok(())
}

fn store_names(db: &web_sys::IdbDatabase) -> Vec<String> {
    let list = Reflect::get(db, &"objectStoreNames".into()).unwrap_or(JsValue::NULL);
    Array::from(&list).iter().filter_map(|n| n.as_string()).collect()
}

fn read(e: JsValue) -> StoreError {
    StoreError::Read(js_text(&e))
}

fn write(e: JsValue) -> StoreError {
    StoreError::Write(js_text(&e))
}

fn open_error(e: JsValue) -> StoreError {
    StoreError::Open(js_text(&e))
}

fn transaction(db: &web_sys::IdbDatabase, names: &[String], mode: &str) -> Result<web_sys::IdbTransaction, StoreError> {
    let names: Array = names.iter().map(|n| JsValue::from_str(n)).collect();
    let f: Function = Reflect::get(db, &"transaction".into()).map_err(read)?.unchecked_into();
    f.call2(db, &names, &JsValue::from_str(mode)).map_err(read)?.dyn_into().map_err(read)
}

/// The result of an IndexedDB request.
async fn done(req: &web_sys::IdbRequest) -> Result<JsValue, StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve.call1(&JsValue::UNDEFINED, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let bad = Closure::once_into_js(move |_: JsValue| {
            let e = r.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::UNDEFINED, &e);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(bad.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(read)
}

/// Opens database `name` at its current version if it exists; `None` when it does not (its creation is aborted in
/// `upgradeneeded`, so probing never leaves an empty database behind).
pub async fn open_existing(name: &str) -> Result<Option<web_sys::IdbDatabase>, StoreError> {
    let factory = Reflect::get(&js_sys::global(), &"indexedDB".into()).map_err(open_error)?;
    if factory.is_undefined() || factory.is_null() {
        return Err(StoreError::Open("no indexedDB".into()));
    }
    let open: Function = Reflect::get(&factory, &"open".into()).map_err(open_error)?.unchecked_into();
    let req: web_sys::IdbOpenDbRequest = open.call1(&factory, &name.into()).map_err(open_error)?.unchecked_into();
    let created = Rc::new(RefCell::new(false));
    let promise = Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let flag = Rc::clone(&created);
        let on_upgrade = Closure::once_into_js(move |_: JsValue| {
            // It did not exist: abort, so the open fails and nothing is created.
            *flag.borrow_mut() = true;
            if let Some(tx) = r.transaction() {
                let _ = tx.abort();
            }
        });
        let r = req.clone();
        let resolve_ok = resolve.clone();
        let ok = Closure::once_into_js(move |_: JsValue| {
            let _ = resolve_ok.call1(&JsValue::UNDEFINED, &r.result().unwrap_or(JsValue::NULL));
        });
        let flag = Rc::clone(&created);
        let r = req.clone();
        let bad = Closure::once_into_js(move |ev: JsValue| {
            if *flag.borrow() {
                // Our own abort: the database does not exist. Keep the error from reaching window.onerror.
                let _ = Reflect::get(&ev, &"preventDefault".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<Function>().ok())
                    .map(|f| f.call0(&ev));
                let _ = resolve.call1(&JsValue::UNDEFINED, &JsValue::NULL);
            } else {
                let e = r.error().ok().flatten().map(JsValue::from).unwrap_or(JsValue::NULL);
                let _ = reject.call1(&JsValue::UNDEFINED, &e);
            }
        });
        req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(bad.unchecked_ref()));
    });
    let db = JsFuture::from(promise).await.map_err(open_error)?;
    if db.is_null() || db.is_undefined() {
        return Ok(None);
    }
    Ok(Some(db.unchecked_into()))
}
