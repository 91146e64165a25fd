//! The CouchDB replication protocol, the subset Mattrathan speaks: request bodies and URLs it sends, and the checked
//! reading of what comes back. Pure text and JSON shaping; the browser client (`mattrathan::sync`) does the HTTP.
//!
//! - push: `POST /{db}/_revs_diff` ([`revs_diff_body`], [`parse_revs_diff`]), then `POST /{db}/_bulk_docs` with
//!   `"new_edits": false` ([`bulk_docs_body`], [`couch_doc`], [`parse_bulk_docs`]);
//! - pull: `GET /{db}/_changes?style=all_docs&include_docs=true&conflicts=true&since=…` ([`changes_query`],
//!   [`parse_changes`]; without the documents, [`changes_revs_query`] and [`parse_changes_revs`], to recognise the
//!   echo of a push) and, for rows that need history, `GET /{db}/{id}?open_revs=[…]&revs=true`
//!   ([`open_revs_query`], [`parse_open_revs`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use super::canonical::is_bookkeeping;
use super::rev::Rev;
use crate::domain::record::KNOWN_KINDS;
use crate::domain::sort::object_of;

/// The server database of organisation `org`: `mt_` and the code in lower case. Codes may hold letters, digits, `_`
/// and `-` (CouchDB database names allow these after a lower-case first letter).
pub fn db_name(org: &str) -> Result<String, String> {
    if org.is_empty() || !org.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(format!("รหัสหน่วยงาน \"{org}\" ใช้เป็นชื่อฐานข้อมูลไม่ได้ (ใช้ได้เฉพาะ a-z 0-9 _ -)"));
    }
    Ok(format!("mt_{}", org.to_ascii_lowercase()))
}

/// Checks a sync endpoint URL typed by the user and returns it without a trailing `/`. HTTPS is required, except
/// `http://` to this machine (`localhost`, `127.0.0.1`, `[::1]`) for development and tests; user names or
/// passwords inside the URL are refused (they would end up in logs and history).
pub fn check_endpoint(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    let (scheme, rest) = url.split_once("://").ok_or("ที่อยู่เซิร์ฟเวอร์ต้องขึ้นต้นด้วย https://")?;
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.is_empty() {
        return Err("ที่อยู่เซิร์ฟเวอร์ไม่มีชื่อเครื่อง".into());
    }
    if authority.contains('@') {
        return Err("อย่าใส่ชื่อผู้ใช้หรือรหัสผ่านในที่อยู่เซิร์ฟเวอร์ ให้กรอกในช่องลงชื่อเข้าใช้".into());
    }
    if rest.contains('?') || rest.contains('#') {
        return Err("ที่อยู่เซิร์ฟเวอร์ต้องไม่มี ? หรือ #".into());
    }
    let host = if authority.starts_with('[') {
        authority.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default().to_string()
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(url.to_string()),
        "http" if matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]") => Ok(url.to_string()),
        "http" => Err("ต้องใช้ https:// (http:// ใช้ได้เฉพาะกับเครื่องนี้ localhost)".into()),
        other => Err(format!("ใช้ {other}:// ไม่ได้ ต้องเป็น https://")),
    }
}

/// Milliseconds to wait before retry number `attempt` (0 for the first retry) after a network or server failure:
/// 1 s, 2 s, 4 s … doubling up to one minute.
pub fn backoff_ms(attempt: u32) -> u32 {
    1000u32.saturating_mul(1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX)).min(60_000)
}

/// Percent-encodes `text` for a URL path segment or query value (everything but unreserved characters).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Standard base64 (RFC 4648, with padding).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The `Authorization` header value for HTTP Basic authentication (UTF-8 user name and password, RFC 7617).
pub fn basic_auth(user: &str, password: &str) -> String {
    format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
}

/// `{"start": N, "ids": [hash, …]}` for a history `path` (newest first, consecutive positions).
pub fn revisions_of(path: &[Rev]) -> Value {
    json!({
        "start": path.first().map_or(0, |r| r.pos),
        "ids": path.iter().map(|r| r.hash.clone()).collect::<Vec<_>>(),
    })
}

/// The document pushed for one leaf: the record's fields (none when `deleted`), `_id`, `_rev`, `_revisions` from
/// `path` (the leaf first) and `_deleted` when it deletes.
pub fn couch_doc(id: &str, body: Option<&Value>, path: &[Rev], deleted: bool) -> Value {
    let mut doc = match body {
        Some(Value::Object(fields)) if !deleted => {
            object_of(fields.iter().filter(|(k, _)| !is_bookkeeping(k)).map(|(k, v)| (k.clone(), v.clone())))
        }
        _ => Map::new(),
    };
    doc.insert("_id".into(), json!(id));
    if let Some(leaf) = path.first() {
        doc.insert("_rev".into(), json!(leaf.to_string()));
    }
    doc.insert("_revisions".into(), revisions_of(path));
    if deleted {
        doc.insert("_deleted".into(), json!(true));
    }
    Value::Object(doc)
}

/// `POST _revs_diff` body: `{id: [rev, …]}`.
pub fn revs_diff_body(items: &[(String, Vec<Rev>)]) -> Value {
    Value::Object(object_of(
        items.iter().map(|(id, revs)| (id.clone(), json!(revs.iter().map(Rev::to_string).collect::<Vec<_>>()))),
    ))
}

/// `_revs_diff` answer → the revisions the server lacks, by id. Ids it does not mention lack nothing.
pub fn parse_revs_diff(answer: &Value) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let map = answer.as_object().ok_or("_revs_diff: answer is not an object")?;
    let mut missing = BTreeMap::new();
    for (id, entry) in map {
        let revs = entry
            .get("missing")
            .and_then(Value::as_array)
            .ok_or_else(|| format!("_revs_diff: no \"missing\" list for {id}"))?;
        let revs = revs
            .iter()
            .map(|r| r.as_str().map(str::to_string).ok_or_else(|| format!("_revs_diff: bad revision for {id}")))
            .collect::<Result<Vec<_>, _>>()?;
        let revs: BTreeSet<String> = crate::domain::sort::set_of(revs);
        missing.insert(id.clone(), revs);
    }
    Ok(missing)
}

/// `POST _bulk_docs` body that stores revisions as given (`new_edits: false`): the server keeps our revision ids
/// and histories instead of making its own, and never refuses one as a conflict.
pub fn bulk_docs_body(docs: Vec<Value>) -> Value {
    json!({"docs": docs, "new_edits": false})
}

/// One document the server refused in `_bulk_docs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocFailure {
    pub id: String,
    pub error: String,
    pub reason: String,
}

impl DocFailure {
    /// `forbidden` / `unauthorized`: this user may not write here (e.g. a province reading a college's database).
    pub fn is_access(&self) -> bool {
        matches!(self.error.as_str(), "forbidden" | "unauthorized")
    }
}

/// `_bulk_docs` answer → the refused documents. With `new_edits: false` CouchDB answers `[]` when all were stored
/// and lists only the failures; PouchDB Server lists every document (`{"ok": true, …}` or an error).
pub fn parse_bulk_docs(answer: &Value) -> Result<Vec<DocFailure>, String> {
    let items = answer.as_array().ok_or("_bulk_docs: answer is not a list")?;
    Ok(items
        .iter()
        .filter_map(|item| {
            let error = item.get("error")?.as_str()?.to_string();
            let text = |k: &str| item.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            Some(DocFailure { id: text("id"), error, reason: text("reason") })
        })
        .collect())
}

/// The query of a `_changes` page after checkpoint `since` (`"0"` at first), at most `limit` rows.
pub fn changes_query(since: &str, limit: usize) -> String {
    format!(
        "_changes?style=all_docs&include_docs=true&conflicts=true&since={}&limit={limit}",
        percent_encode(since)
    )
}

/// The query of a `_changes` page after checkpoint `since` without the documents: each row's leaf revisions only, so
/// a page of what this device already has (the echo of its own push) is recognised without downloading it.
pub fn changes_revs_query(since: &str, limit: usize) -> String {
    format!("_changes?style=all_docs&since={}&limit={limit}", percent_encode(since))
}

/// A `_changes` page read without documents ([`changes_revs_query`]).
#[derive(Clone, Debug, PartialEq)]
pub struct RevsPage {
    /// Each row's document id and its leaf revisions on the server.
    pub rows: Vec<(String, Vec<Rev>)>,
    pub last_seq: String,
    /// Design and local documents.
    pub skipped: Vec<String>,
}

/// Reads a `_changes` answer without documents ([`changes_revs_query`]).
pub fn parse_changes_revs(answer: &Value) -> Result<RevsPage, String> {
    let ChangeRows { rows: read, last_seq, skipped } = change_rows(answer)?;
    let rows = read.into_iter().map(|(id, leaves, _)| (id, leaves)).collect();
    Ok(RevsPage { rows, last_seq, skipped })
}

/// The rows of a `_changes` answer, with or without documents: each record's id, leaf revisions and row.
struct ChangeRows<'a> {
    rows: Vec<(String, Vec<Rev>, &'a Value)>,
    last_seq: String,
    /// Design and local documents.
    skipped: Vec<String>,
}

fn change_rows(answer: &Value) -> Result<ChangeRows<'_>, String> {
    let results = answer.get("results").and_then(Value::as_array).ok_or("_changes: no \"results\" list")?;
    let last_seq = answer.get("last_seq").and_then(seq_text).ok_or("_changes: no \"last_seq\"")?;
    let mut rows = Vec::with_capacity(results.len());
    let mut skipped = Vec::new();
    for row in results {
        let id = row.get("id").and_then(Value::as_str).ok_or("_changes: a row has no id")?.to_string();
        if id.starts_with("_design/") || id.starts_with("_local/") {
            skipped.push(id);
            continue;
        }
        let leaves = row_leaves(&id, row)?;
        rows.push((id, leaves, row));
    }
    Ok(ChangeRows { rows, last_seq, skipped })
}

/// The leaf revisions of `_changes` row `row` (of document `id`).
fn row_leaves(id: &str, row: &Value) -> Result<Vec<Rev>, String> {
    row.get("changes")
        .and_then(Value::as_array)
        .ok_or_else(|| format!("_changes: row {id} has no \"changes\""))?
        .iter()
        .map(|c| c.get("rev").and_then(Value::as_str).ok_or("no rev".to_string()).and_then(Rev::parse))
        .collect::<Result<Vec<Rev>, String>>()
        .map_err(|e| format!("_changes: row {id}: {e}"))
}

/// One row of `_changes`: a record and every leaf revision the server has for it (`style=all_docs`).
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeRow {
    pub id: String,
    /// Leaf revisions, live and deleted, as the server lists them.
    pub leaves: Vec<Rev>,
    /// The winning revision as a [`RemoteRev`] (its history is just itself: `_changes` sends no `_revisions`).
    pub winner: RemoteRev,
}

/// A page of `_changes`.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangesPage {
    pub rows: Vec<ChangeRow>,
    /// The checkpoint to store after applying the rows (`last_seq`; a number on PouchDB Server, text on CouchDB).
    pub last_seq: String,
    /// Rows skipped: design and local documents.
    pub skipped: Vec<String>,
    /// Documents that are not Mattrathan records this build knows (no `kind`/`org`, an `id` other than `_id`, an
    /// unknown kind), with the reason: never stored, listed for the user.
    pub refused: Vec<(String, String)>,
}

/// A sequence value as text (CouchDB 2+ uses opaque strings, CouchDB 1 and PouchDB Server numbers).
fn seq_text(seq: &Value) -> Option<String> {
    match seq {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads a `_changes` answer. Design documents (`_design/…`) are listed in `skipped`; documents that are not records
/// of a kind this build knows in `refused` with the reason; neither is returned as a row.
pub fn parse_changes(answer: &Value) -> Result<ChangesPage, String> {
    let ChangeRows { rows: read, last_seq, skipped } = change_rows(answer)?;
    let mut rows = Vec::with_capacity(read.len());
    let mut refused = Vec::new();
    for (id, leaves, row) in read {
        let doc = row.get("doc").ok_or_else(|| format!("_changes: row {id} has no doc (include_docs)"))?;
        match remote_rev(doc) {
            Ok(winner) => rows.push(ChangeRow { id, leaves, winner }),
            Err(e) => refused.push((id, e)),
        }
    }
    Ok(ChangesPage { rows, last_seq, skipped, refused })
}

/// The query that fetches revisions `revs` of a document with their histories.
pub fn open_revs_query(revs: &[Rev]) -> String {
    let list = Value::from(revs.iter().map(Rev::to_string).collect::<Vec<_>>()).to_string();
    format!("open_revs={}&revs=true", percent_encode(&list))
}

/// A revision received from the server: its history (the leaf first), whether it deletes, and the record's body.
#[derive(Clone, Debug, PartialEq)]
pub struct RemoteRev {
    pub id: String,
    pub path: Vec<Rev>,
    pub deleted: bool,
    /// The record (bookkeeping removed); `None` when `deleted`.
    pub body: Option<Value>,
}

/// `open_revs` answer (`[{"ok": doc}, {"missing": rev}]`) → the revisions found.
pub fn parse_open_revs(answer: &Value) -> Result<Vec<RemoteRev>, String> {
    let items = answer.as_array().ok_or("open_revs: answer is not a list")?;
    items.iter().filter_map(|item| item.get("ok")).map(remote_rev).collect()
}

/// A server document as a [`RemoteRev`].
fn remote_rev(doc: &Value) -> Result<RemoteRev, String> {
    let id = doc.get("_id").and_then(Value::as_str).ok_or("document without _id")?.to_string();
    let leaf = Rev::parse(doc.get("_rev").and_then(Value::as_str).ok_or_else(|| format!("{id}: no _rev"))?)?;
    let path = match doc.get("_revisions") {
        Some(revs) => {
            let start = revs.get("start").and_then(Value::as_u64).ok_or_else(|| format!("{id}: bad _revisions"))?;
            let ids = revs.get("ids").and_then(Value::as_array).ok_or_else(|| format!("{id}: bad _revisions"))?;
            if start != leaf.pos || ids.is_empty() || ids.len() as u64 > start {
                return Err(format!("{id}: _revisions does not match _rev"));
            }
            ids.iter()
                .enumerate()
                .map(|(i, h)| {
                    let hash = h.as_str().ok_or_else(|| format!("{id}: bad _revisions"))?;
                    Ok(Rev { pos: start - i as u64, hash: hash.to_string() })
                })
                .collect::<Result<Vec<Rev>, String>>()?
        }
        None => vec![leaf],
    };
    let deleted = doc.get("_deleted").and_then(Value::as_bool).unwrap_or(false);
    let body = if deleted { None } else { Some(doc_to_record(doc)?) };
    Ok(RemoteRev { id, path, deleted, body })
}

/// A server document as a record: bookkeeping removed, and checked to be a record of a kind this build knows whose
/// `id` is the document's `_id`.
pub fn doc_to_record(doc: &Value) -> Result<Value, String> {
    let fields = doc.as_object().ok_or("document is not an object")?;
    let id = fields.get("_id").and_then(Value::as_str).unwrap_or_default();
    let record = object_of(fields.iter().filter(|(k, _)| !is_bookkeeping(k)).map(|(k, v)| (k.clone(), v.clone())));
    if record.get("id").and_then(Value::as_str) != Some(id) {
        return Err(format!("{id}: ช่อง id ไม่ตรงกับ _id"));
    }
    match record.get("kind").and_then(Value::as_str) {
        Some(kind) if KNOWN_KINDS.contains(&kind) => {}
        Some(kind) => return Err(format!("{id}: ชนิด \"{kind}\" ไม่รู้จักในรุ่นนี้")),
        None => return Err(format!("{id}: ไม่มีช่อง kind")),
    }
    if !record.get("org").is_some_and(Value::is_string) {
        return Err(format!("{id}: ไม่มีช่อง org"));
    }
    Ok(Value::Object(record))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Rev {
        Rev::parse(s).unwrap()
    }

    const ID: &str = "0b7c4a52-5d0e-4d7c-9b51-2c1e1a6f0001";

    #[test]
    fn base64_vectors_and_basic_auth() {
        // RFC 4648 section 10.
        let cases = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                     ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")];
        for (input, expected) in cases {
            assert_eq!(base64(input.as_bytes()), expected, "base64({input:?})");
        }
        // RFC 7617 section 2's example; and a Thai password (`printf 'ครู:รหัส' | base64`).
        assert_eq!(basic_auth("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert_eq!(basic_auth("ครู", "รหัส"), "Basic 4LiE4Lij4Li5OuC4o+C4q+C4seC4qg==");
    }

    #[test]
    fn backoff_doubles_up_to_a_minute() {
        let delays: Vec<u32> = (0..9).map(backoff_ms).collect();
        assert_eq!(delays, vec![1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
        assert_eq!(backoff_ms(u32::MAX), 60000);
    }

    #[test]
    fn endpoints() {
        assert_eq!(check_endpoint(" https://sync.example.ac.th/couch/ ").unwrap(), "https://sync.example.ac.th/couch");
        assert_eq!(check_endpoint("http://127.0.0.1:5984").unwrap(), "http://127.0.0.1:5984");
        assert_eq!(check_endpoint("http://localhost:5984/").unwrap(), "http://localhost:5984");
        assert_eq!(check_endpoint("http://[::1]:5984").unwrap(), "http://[::1]:5984");
        assert!(check_endpoint("http://sync.example.ac.th").unwrap_err().contains("https"));
        assert!(check_endpoint("http://localhost.evil.com").is_err());
        assert!(check_endpoint("https://admin:pw@sync.example.ac.th").unwrap_err().contains("รหัสผ่าน"));
        assert!(check_endpoint("ftp://x").is_err());
        assert!(check_endpoint("sync.example.ac.th").is_err());
        assert!(check_endpoint("https://").is_err());
        assert!(check_endpoint("https://x/?a=1").is_err());
    }

    #[test]
    fn database_names() {
        assert_eq!(db_name("1310100001").unwrap(), "mt_1310100001");
        assert_eq!(db_name("TC-Bangkok").unwrap(), "mt_tc-bangkok");
        assert!(db_name("").is_err());
        assert!(db_name("../x").is_err());
        assert!(db_name("ก").is_err());
    }

    #[test]
    fn push_bodies() {
        let body = json!({"id": ID, "kind": "college", "org": "1", "name": "ก", "_rev": "9-old"});
        let doc = couch_doc(ID, Some(&body), &[r("3-c"), r("2-b"), r("1-a")], false);
        assert_eq!(
            doc,
            json!({"_id": ID, "_rev": "3-c", "_revisions": {"start": 3, "ids": ["c", "b", "a"]},
                   "id": ID, "kind": "college", "org": "1", "name": "ก"})
        );
        let gone = couch_doc(ID, Some(&body), &[r("4-d"), r("3-c")], true);
        assert_eq!(gone, json!({"_id": ID, "_rev": "4-d", "_revisions": {"start": 4, "ids": ["d", "c"]}, "_deleted": true}));
        assert_eq!(
            revs_diff_body(&[(ID.to_string(), vec![r("3-c"), r("2-x")])]),
            json!({ID: ["3-c", "2-x"]})
        );
        assert_eq!(bulk_docs_body(vec![doc.clone()]), json!({"docs": [doc], "new_edits": false}));
    }

    #[test]
    fn revs_diff_and_bulk_docs_answers() {
        let answer = json!({"a": {"missing": ["2-x"], "possible_ancestors": ["1-a"]}, "b": {"missing": []}});
        let missing = parse_revs_diff(&answer).unwrap();
        assert_eq!(missing["a"], BTreeSet::from(["2-x".to_string()]));
        assert!(missing["b"].is_empty());
        assert!(parse_revs_diff(&json!({"a": {}})).is_err());
        assert!(parse_revs_diff(&json!([])).is_err());

        assert_eq!(parse_bulk_docs(&json!([])).unwrap(), vec![]);
        let failures = parse_bulk_docs(&json!([
            {"ok": true, "id": "a", "rev": "1-a"},
            {"id": "b", "error": "forbidden", "reason": "read only"}
        ]))
        .unwrap();
        assert_eq!(failures, vec![DocFailure { id: "b".into(), error: "forbidden".into(), reason: "read only".into() }]);
        assert!(failures[0].is_access());
        assert!(parse_bulk_docs(&json!({"error": "x"})).is_err());
    }

    #[test]
    fn changes_pages() {
        assert_eq!(
            changes_query("12-g1AA/x", 500),
            "_changes?style=all_docs&include_docs=true&conflicts=true&since=12-g1AA%2Fx&limit=500"
        );
        // As PouchDB Server answers (recorded): a design document, a record with a deleted leaf and a conflict,
        // a deleted record, a foreign document.
        let answer = json!({"results": [
            {"id": "_design/mattrathan", "changes": [{"rev": "1-9986"}], "doc": {"_id": "_design/mattrathan"}, "seq": 1},
            {"id": ID, "changes": [{"rev": "3-dd"}, {"rev": "2-bb"}], "seq": 3,
             "doc": {"_id": ID, "_rev": "2-bb", "id": ID, "kind": "college", "org": "1", "_conflicts": ["2-aa"]}},
            {"id": "x", "changes": [{"rev": "2-ee"}], "seq": 4, "deleted": true,
             "doc": {"_id": "x", "_rev": "2-ee", "_deleted": true}},
            {"id": "foreign", "changes": [{"rev": "1-ff"}], "seq": 5, "doc": {"_id": "foreign", "_rev": "1-ff", "a": 1}}
        ], "last_seq": 5});
        let page = parse_changes(&answer).unwrap();
        assert_eq!(page.last_seq, "5");
        assert_eq!(page.skipped, vec!["_design/mattrathan".to_string()]);
        assert_eq!(page.refused.len(), 1);
        assert_eq!(page.refused[0].0, "foreign");
        assert_eq!(page.rows.len(), 2);
        assert_eq!(page.rows[0].leaves, vec![r("3-dd"), r("2-bb")]);
        assert_eq!(page.rows[0].winner.path, vec![r("2-bb")]);
        assert_eq!(page.rows[0].winner.body, Some(json!({"id": ID, "kind": "college", "org": "1"})));
        assert!(page.rows[1].winner.deleted);
        assert_eq!(page.rows[1].winner.body, None);
        let couch = json!({"results": [], "last_seq": "7-g1AAAAFTeJzLYWBg"});
        assert_eq!(parse_changes(&couch).unwrap().last_seq, "7-g1AAAAFTeJzLYWBg");
        assert!(parse_changes(&json!({"results": []})).is_err());
    }

    #[test]
    fn changes_pages_without_documents() {
        assert_eq!(changes_revs_query("12-ab", 1000), "_changes?style=all_docs&since=12-ab&limit=1000");
        assert!(!changes_revs_query("0", 10).contains("include_docs"));
        let answer = json!({"results": [
            {"seq": 1, "id": "a", "changes": [{"rev": "2-bb"}, {"rev": "2-cc"}]},
            {"seq": 2, "id": "_design/x", "changes": [{"rev": "1-aa"}]},
            {"seq": 3, "id": "b", "changes": [{"rev": "1-dd"}], "deleted": true},
        ], "last_seq": 3});
        let page = parse_changes_revs(&answer).unwrap();
        assert_eq!(page.rows, vec![("a".to_string(), vec![r("2-bb"), r("2-cc")]), ("b".to_string(), vec![r("1-dd")])]);
        assert_eq!(page.skipped, vec!["_design/x".to_string()]);
        assert_eq!(page.last_seq, "3");
        assert!(parse_changes_revs(&json!({"results": []})).is_err(), "no last_seq");
        let bad = json!({"results": [{"seq": 1, "id": "a", "changes": [{"rev": "x"}]}], "last_seq": 1});
        assert!(parse_changes_revs(&bad).unwrap_err().contains("row a"));
    }

    #[test]
    fn open_revs_answers() {
        assert_eq!(open_revs_query(&[r("2-bb")]), "open_revs=%5B%222-bb%22%5D&revs=true");
        // As PouchDB Server answers (recorded).
        let answer = json!([
            {"ok": {"id": ID, "kind": "college", "org": "1", "x": 1, "_id": ID, "_rev": "2-bb",
                    "_revisions": {"start": 2, "ids": ["bb", "aa"]}}},
            {"ok": {"_id": ID, "_rev": "3-dd", "_deleted": true, "_revisions": {"start": 3, "ids": ["dd", "cc", "aa"]}}},
            {"missing": "9-zz"}
        ]);
        let revs = parse_open_revs(&answer).unwrap();
        assert_eq!(revs.len(), 2);
        assert_eq!(revs[0].path, vec![r("2-bb"), r("1-aa")]);
        assert_eq!(revs[0].body.as_ref().unwrap()["x"], json!(1));
        assert_eq!(revs[1].path, vec![r("3-dd"), r("2-cc"), r("1-aa")]);
        assert!(revs[1].deleted);
        let bad = json!([{"ok": {"_id": ID, "_rev": "2-bb", "_revisions": {"start": 3, "ids": ["bb"]}}}]);
        assert!(parse_open_revs(&bad).is_err());
    }

    #[test]
    fn documents_become_records_only_when_they_are_records() {
        let doc = json!({"_id": ID, "_rev": "1-a", "_conflicts": ["1-b"], "id": ID, "kind": "qa_assessment", "org": "1"});
        assert_eq!(doc_to_record(&doc).unwrap(), json!({"id": ID, "kind": "qa_assessment", "org": "1"}));
        assert!(doc_to_record(&json!({"_id": ID, "id": "other", "kind": "college", "org": "1"})).is_err());
        assert!(doc_to_record(&json!({"_id": ID, "id": ID, "kind": "spaceship", "org": "1"})).unwrap_err().contains("spaceship"));
        assert!(doc_to_record(&json!({"_id": ID, "id": ID, "kind": "college"})).is_err());
    }
}
