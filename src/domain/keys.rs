//! One record per natural key: the records that exist at most once per college, province and year get an id derived
//! from that key, so two devices, two tabs or two officers creating "the same" record write one id (and the sync
//! layer keeps a conflict where their contents differ) instead of two records that are summed or silently picked.
//!
//! # Natural keys
//!
//! | kind | org | key |
//! |------|-----|-----|
//! | `college` | college code | `code` |
//! | `qa_assessment` | college code | `college`, `year` |
//! | `reg_college` | college code | `code` |
//! | `reg_registration` | college code | `college`, `year` |
//! | `reg_import` | province code | `college.code`, `year` |
//! | `reg_province_college` | province code | `code` |
//! | `reg_province_year` | province code | `year` |
//!
//! Other kinds (`reg_outside`, Section 26, item analysis, marks) have no natural key: several records are normal.
//!
//! # The id scheme
//!
//! Every key part (the org too) is normalised first ([`normalise_key`]: trimmed, Thai digits → ASCII), so
//! `" ๑๓๑๐๐๑๖๒๐๑"` and `"1310016201"` are one college. The id is MD5 of
//! `"mattrathan-key\u{0}" + kind + "\u{0}" + org + "\u{0}" + part₁ + "\u{0}" + part₂ …`, laid out as a UUID with
//! version 8 (custom) and the RFC 4122 variant: lower-case, hyphenated, 36 characters, so every check that accepts
//! a UUID (backup validation's `is_uuid`, the sync document ids) accepts it unchanged. MD5 is not used for
//! security here, only to spread keys; it is the hand-written one the sync layer already uses.

use serde_json::Value;

use super::normalise::normalise_key;
use super::sync::md5::md5;


/// The id of the record of `kind` owned by `org` with key `parts` (see the module docs). Parts and org are
/// normalised here, so callers may pass them as typed.
pub fn key_id(kind: &str, org: &str, parts: &[&str]) -> String {
    let mut text = format!("mattrathan-key\u{0}{kind}\u{0}{}", normalise_key(org));
    for part in parts {
        text.push('\u{0}');
        text.push_str(&normalise_key(part));
    }
    let mut b = md5(text.as_bytes());
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Kinds that have a natural key (the table in the module docs).
pub const KEYED_KINDS: &[&str] =
    &["college", "qa_assessment", "reg_college", "reg_registration", "reg_import", "reg_province_college", "reg_province_year"];

/// A record's natural key: kind, normalised org and normalised parts.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NaturalKey {
    pub kind: String,
    pub org: String,
    pub parts: Vec<String>,
}

impl NaturalKey {
    /// The id derived from this key ([`key_id`]).
    pub fn id(&self) -> String {
        let parts: Vec<&str> = self.parts.iter().map(String::as_str).collect();
        key_id(&self.kind, &self.org, &parts)
    }
}

/// A key part from a JSON field: a string (normalised) or a number (as written).
fn part(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(normalise_key(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// The natural key of a stored record (JSON), or `None` for a kind without one or a record missing a key field.
pub fn natural_key(record: &Value) -> Option<NaturalKey> {
    let kind = record.get("kind")?.as_str()?;
    let org = part(record.get("org"))?;
    let f = |name: &str| part(record.get(name));
    let parts = match kind {
        "college" | "reg_college" | "reg_province_college" => vec![f("code")?],
        "qa_assessment" | "reg_registration" => vec![f("college")?, f("year")?],
        "reg_import" => vec![part(record.get("college")?.get("code"))?, f("year")?],
        "reg_province_year" => vec![f("year")?],
        _ => return None,
    };
    Some(NaturalKey { kind: kind.to_string(), org, parts })
}

/// The id a record should have: derived from its natural key, or `None` when its kind has none.
pub fn id_for(record: &Value) -> Option<String> {
    natural_key(record).map(|k| k.id())
}

/// Id of a college's self-assessment for `year`.
pub fn assessment_id(college: &str, year: u16) -> String {
    key_id("qa_assessment", college, &[college, &year.to_string()])
}

/// Id of a college (self-assessment job) by code.
pub fn college_id(code: &str) -> String {
    key_id("college", code, &[code])
}

/// Id of a college's registration profile by code.
pub fn reg_college_id(code: &str) -> String {
    key_id("reg_college", code, &[code])
}

/// Id of a college's registration for `year`.
pub fn registration_id(college: &str, year: u16) -> String {
    key_id("reg_registration", college, &[college, &year.to_string()])
}

/// Id of the province's imported registration of `college` for `year`.
pub fn import_id(province: &str, college: &str, year: u16) -> String {
    key_id("reg_import", province, &[college, &year.to_string()])
}

/// Id of a college on the province's list.
pub fn province_college_id(province: &str, code: &str) -> String {
    key_id("reg_province_college", province, &[code])
}

/// Id of the province's notes for `year`.
pub fn province_year_id(province: &str, year: u16) -> String {
    key_id("reg_province_year", province, &[&year.to_string()])
}

/// One natural key's records brought together by [`plan_dedup`]: `record` (id = the derived id) is what to store,
/// `kept` the versions that conflicted with it (to keep visibly as sync conflict branches of the same id), and
/// `old_ids` the ids to delete (each gets a deleting revision, so the server and the other devices drop them too).
#[derive(Clone, Debug, PartialEq)]
pub struct Regroup {
    pub id: String,
    pub record: Value,
    pub kept: Vec<Value>,
    pub old_ids: Vec<String>,
}

/// Which of two records of one key is the newer: a `reg_import` by its file's `exported` time first (the latest
/// file is the one the province keeps), then every kind by `updated`, then by id (so every device decides alike).
fn age_key(record: &Value) -> (String, String, String) {
    let s = |f: &str| record.get(f).and_then(Value::as_str).unwrap_or("").to_string();
    (s("exported"), s("updated"), s("id"))
}

/// The storage migration to one record per natural key: groups `records` (stored JSON, any kinds) by
/// [`natural_key`] and, for every key held by more than one record or by a record whose id is not the derived one,
/// says what to store. Nothing is lost: the records are united field by field ([`crate::domain::merge::union`],
/// newest first); a record that conflicts with the result is returned in `kept` (under the new id). Deterministic:
/// two devices holding the same records plan the same result.
pub fn plan_dedup(records: &[Value]) -> Vec<Regroup> {
    let mut groups: std::collections::BTreeMap<NaturalKey, Vec<&Value>> = std::collections::BTreeMap::new();
    for r in records {
        if let Some(key) = natural_key(r) {
            groups.entry(key).or_default().push(r);
        }
    }
    let mut out = Vec::new();
    for (key, mut group) in groups {
        let id = key.id();
        let id_of = |r: &Value| r.get("id").and_then(Value::as_str).unwrap_or("").to_string();
        if group.len() == 1 && id_of(group[0]) == id {
            continue;
        }
        crate::domain::sort::sort_by_key(&mut group, |r| age_key(r));
        let with_id = |r: &Value| {
            let mut r = r.clone();
            r["id"] = Value::String(id.clone());
            r
        };
        let newest = group.pop().expect("a group has a record");
        let mut record = with_id(newest);
        let mut kept = Vec::new();
        for older in group.iter().rev() {
            let older = with_id(older);
            let merged = crate::domain::merge::union(&record, &older);
            if !merged.conflicts.is_empty() {
                kept.push(older);
            }
            record = merged.value;
        }
        let mut old_ids: Vec<String> = group.iter().chain([&newest]).map(|r| id_of(r)).filter(|i| *i != id).collect();
        crate::domain::sort::sort(&mut old_ids);
        old_ids.dedup();
        out.push(Regroup { id, record, kept, old_ids });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::backup::is_uuid;
    use serde_json::json;

    #[test]
    fn ids_are_uuid_shaped_deterministic_and_differ_per_key() {
        let a = assessment_id("1310016201", 2569);
        assert!(is_uuid(&a), "{a}");
        assert_eq!(&a[14..15], "8", "version 8");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "RFC 4122 variant");
        assert_eq!(a, assessment_id("1310016201", 2569));
        assert_eq!(a, key_id("qa_assessment", " ๑๓๑๐๐๑๖๒๐๑", &["1310016201 ", "๒๕๖๙"]));
        let others = [
            assessment_id("1310016201", 2568),
            assessment_id("1310016202", 2569),
            registration_id("1310016201", 2569),
            import_id("13", "1310016201", 2569),
            import_id("10", "1310016201", 2569),
            college_id("1310016201"),
            reg_college_id("1310016201"),
            province_college_id("13", "1310016201"),
            province_year_id("13", 2569),
        ];
        for (i, o) in others.iter().enumerate() {
            assert!(is_uuid(o), "{o}");
            assert_ne!(&a, o);
            for p in &others[i + 1..] {
                assert_ne!(o, p);
            }
        }
        // Part boundaries count: ("1", "23") is not ("12", "3").
        assert_ne!(key_id("k", "o", &["1", "23"]), key_id("k", "o", &["12", "3"]));
    }

    #[test]
    fn natural_keys_of_stored_records() {
        let imp = json!({"id": "x", "kind": "reg_import", "org": "13", "year": 2569,
            "college": {"code": " 1310016201", "name": "ก"}});
        assert_eq!(id_for(&imp), Some(import_id("13", "1310016201", 2569)));
        let a = json!({"id": "x", "kind": "qa_assessment", "org": "1310016201", "college": "๑๓๑๐๐๑๖๒๐๑", "year": 2569});
        assert_eq!(id_for(&a), Some(assessment_id("1310016201", 2569)));
        let r = json!({"kind": "reg_registration", "org": "1310016201", "college": "1310016201", "year": 2569});
        assert_eq!(id_for(&r), Some(registration_id("1310016201", 2569)));
        let c = json!({"kind": "college", "org": "1310016201", "code": "1310016201"});
        assert_eq!(id_for(&c), Some(college_id("1310016201")));
        let p = json!({"kind": "reg_college", "org": "1310016201", "code": "1310016201"});
        assert_eq!(id_for(&p), Some(reg_college_id("1310016201")));
        let pc = json!({"kind": "reg_province_college", "org": "13", "code": "1310016201"});
        assert_eq!(id_for(&pc), Some(province_college_id("13", "1310016201")));
        let py = json!({"kind": "reg_province_year", "org": "13", "year": 2569});
        assert_eq!(id_for(&py), Some(province_year_id("13", 2569)));
        // Kinds without a natural key, and records missing a key field.
        assert_eq!(id_for(&json!({"kind": "reg_outside", "org": "13", "year": 2569})), None);
        assert_eq!(id_for(&json!({"kind": "s26_mark", "org": "x"})), None);
        assert_eq!(id_for(&json!({"kind": "qa_assessment", "org": "1310016201", "college": "1310016201"})), None);
        assert_eq!(id_for(&json!({"kind": "college", "org": " ", "code": "1"})), None);
    }
    #[test]
    fn dedup_unites_duplicates_under_the_derived_id_and_keeps_conflicting_copies() {
        let imp = |id: &str, exported: &str, count: u32, updated: &str| {
            json!({"id": id, "kind": "reg_import", "org": "13", "created": updated, "updated": updated, "schema": 1,
                "year": 2569, "college": {"code": "1310016201"}, "exported": exported, "checksum": "c", "file_name": "f",
                "entries": [{"specialisation": "ยานยนต์", "count": count}]})
        };
        let new_id = import_id("13", "1310016201", 2569);
        // The same file imported on two devices (random ids): one record, nothing kept aside.
        let same = [imp("b-id", "2026-11-21T10:00:00.000Z", 12, "2026-11-22T00:00:00.000Z"),
            imp("a-id", "2026-11-21T10:00:00.000Z", 12, "2026-11-23T00:00:00.000Z")];
        let plan = plan_dedup(&same);
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].id, new_id);
        assert_eq!(plan[0].old_ids, vec!["a-id".to_string(), "b-id".to_string()]);
        assert!(plan[0].kept.is_empty());
        assert_eq!(plan[0].record["id"], json!(new_id));
        assert_eq!(plan[0].record["created"], json!("2026-11-22T00:00:00.000Z"));
        assert_eq!(plan[0].record["updated"], json!("2026-11-23T00:00:00.000Z"));
        assert_eq!(plan[0].record["entries"][0]["count"], json!(12));
        // Another order gives the same plan (every device decides alike).
        assert_eq!(plan_dedup(&[same[1].clone(), same[0].clone()]), plan);
        // Different files: the later export is the record, the other is kept visibly.
        let diff = [imp("a-id", "2026-11-25T10:00:00.000Z", 14, "2026-11-22T00:00:00.000Z"),
            imp("b-id", "2026-11-21T10:00:00.000Z", 12, "2026-11-23T00:00:00.000Z")];
        let plan = plan_dedup(&diff);
        assert_eq!(plan[0].record["entries"][0]["count"], json!(14));
        assert_eq!(plan[0].kept.len(), 1);
        assert_eq!(plan[0].kept[0]["entries"][0]["count"], json!(12));
        assert_eq!(plan[0].kept[0]["id"], json!(new_id));
        // A single record under a random id moves to the derived id; one already there is left alone.
        let one = plan_dedup(&[diff[0].clone()]);
        assert_eq!((one[0].old_ids.clone(), one[0].kept.len()), (vec!["a-id".to_string()], 0));
        assert!(plan_dedup(&[one[0].record.clone()]).is_empty());
        // Kinds without a natural key are never touched.
        assert!(plan_dedup(&[json!({"id": "x", "kind": "reg_outside", "org": "13", "year": 2569})]).is_empty());
    }

    #[test]
    fn dedup_of_assessments_unites_ticks() {
        let a = |id: &str, ticked: &[u8], updated: &str| json!({"id": id, "kind": "qa_assessment", "org": "1310016201",
            "created": updated, "updated": updated, "schema": 1, "college": "1310016201", "year": 2569,
            "input": {"indicators": {"1.1": {"ticked": ticked}}}});
        let plan = plan_dedup(&[a("x", &[1], "t1"), a("y", &[2], "t2")]);
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].record["input"]["indicators"]["1.1"]["ticked"], json!([2, 1]));
        assert!(plan[0].kept.is_empty());
    }
}
