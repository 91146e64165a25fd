//! Merging versions of one record, JSON-value based so it works for every record kind.
//!
//! - [`three_way`]: an editor's write when the stored copy changed since it was loaded (another tab, a pull):
//!   base = the copy the editor loaded, theirs = the copy stored now, mine = the edited copy. A field changed on one
//!   side only takes that side's value; objects merge key by key; a list of distinct plain values (ticked items,
//!   codes) merges as a set (additions and removals of both sides). A field both sides changed differently is a
//!   [`Conflict`]: the merged record takes mine (what the user sees), and the caller keeps theirs visibly (a sync
//!   conflict branch, see [`with_kept_copies`]) — never a silent revert.
//! - [`union`]: two stored records of one natural key (duplicates from before ids were derived from keys), no common
//!   base: everything either has is kept; where both hold different values the newer wins and a [`Conflict`] says
//!   so (the caller keeps the older record visibly).
//! - [`with_kept_copies`]: the sync entry that stores a merged record as the winner and keeps other versions as
//!   live conflict branches, so the conflicts page shows them and a push carries them to every device.
//!
//! Bookkeeping at the top level: `updated` takes the later of the two, `created` the earlier, `schema` the higher; they
//! never conflict.

use serde_json::{Map, Value};

use super::sync::canonical::canonical_json;
use super::sync::md5::md5_hex;
use super::sync::rev::next_rev;
use super::sync::{Rev, SyncEntry, SyncState};

/// A field both versions changed to different values.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// Where, e.g. `input.indicators.1.1.numerator`.
    pub path: String,
    /// The value kept in the merged record.
    pub kept: Option<Value>,
    /// The other value (not in the merged record; the caller keeps it visibly).
    pub other: Option<Value>,
}

/// The merged record and its conflicts (empty when every change merged cleanly).
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub value: Value,
    pub conflicts: Vec<Conflict>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A list of distinct plain values (strings, numbers, booleans): merged as a set.
fn scalar_set(v: Option<&Value>) -> Option<&Vec<Value>> {
    let a = v?.as_array()?;
    let plain = a.iter().all(|x| matches!(x, Value::String(_) | Value::Number(_) | Value::Bool(_)));
    let distinct = a.iter().enumerate().all(|(i, x)| !a[..i].contains(x));
    (plain && distinct).then_some(a)
}

/// Top-level bookkeeping merged without conflict: the later `updated`, the earlier `created`, the higher `schema`.
fn bookkeeping(key: &str, a: Option<&Value>, b: Option<&Value>) -> Option<Option<Value>> {
    let pick = |later: bool| -> Option<Value> {
        match (a, b) {
            (Some(Value::String(x)), Some(Value::String(y))) => {
                Some(Value::String(if (x >= y) == later { x.clone() } else { y.clone() }))
            }
            (Some(Value::Number(x)), Some(Value::Number(y))) => {
                Some(Value::Number(if x.as_u64() >= y.as_u64() { x.clone() } else { y.clone() }))
            }
            _ => a.or(b).cloned(),
        }
    };
    match key {
        "updated" | "schema" => Some(pick(true)),
        "created" => Some(pick(false)),
        _ => None,
    }
}

fn three(path: &str, base: Option<&Value>, theirs: Option<&Value>, mine: Option<&Value>, out: &mut Vec<Conflict>) -> Option<Value> {
    if theirs == mine || mine == base {
        return theirs.cloned();
    }
    if theirs == base {
        return mine.cloned();
    }
    if let (Some(Value::Object(t)), Some(Value::Object(m))) = (theirs, mine) {
        let empty = Map::new();
        let b = base.and_then(Value::as_object).unwrap_or(&empty);
        let mut merged = Map::new();
        let keys = crate::domain::sort::set_of(b.keys().chain(t.keys()).chain(m.keys()));
        for key in keys {
            let value = match path.is_empty().then(|| bookkeeping(key, t.get(key), m.get(key))).flatten() {
                Some(v) => v,
                None => three(&join(path, key), b.get(key), t.get(key), m.get(key), out),
            };
            if let Some(v) = value {
                merged.insert(key.clone(), v);
            }
        }
        return Some(Value::Object(merged));
    }
    if let (Some(t), Some(m)) = (scalar_set(theirs), scalar_set(mine)) {
        let empty = Vec::new();
        let b = match base {
            None => &empty,
            Some(_) => scalar_set(base).unwrap_or(&empty),
        };
        if base.is_none() || scalar_set(base).is_some() {
            let mut merged: Vec<Value> = t.iter().filter(|x| !(b.contains(x) && !m.contains(x))).cloned().collect();
            merged.extend(m.iter().filter(|x| !b.contains(x) && !t.contains(x)).cloned());
            return Some(Value::Array(merged));
        }
    }
    out.push(Conflict { path: path.to_string(), kept: mine.cloned(), other: theirs.cloned() });
    mine.cloned()
}

/// Three-way merge of one record: `base` = the copy the editor loaded, `theirs` = the copy stored now, `mine` = the
/// edited copy. See the module docs; conflicting fields take `mine`.
pub fn three_way(base: &Value, theirs: &Value, mine: &Value) -> Merged {
    let mut conflicts = Vec::new();
    let value = three("", Some(base), Some(theirs), Some(mine), &mut conflicts).unwrap_or(Value::Null);
    Merged { value, conflicts }
}

fn unite(path: &str, newer: Option<&Value>, older: Option<&Value>, out: &mut Vec<Conflict>) -> Option<Value> {
    match (newer, older) {
        (None, x) | (x, None) => return x.cloned(),
        (Some(a), Some(b)) if a == b => return Some(a.clone()),
        _ => {}
    }
    if let (Some(Value::Object(n)), Some(Value::Object(o))) = (newer, older) {
        let mut merged = Map::new();
        let keys = crate::domain::sort::set_of(n.keys().chain(o.keys()));
        for key in keys {
            let value = match path.is_empty().then(|| bookkeeping(key, n.get(key), o.get(key))).flatten() {
                Some(v) => v,
                None => unite(&join(path, key), n.get(key), o.get(key), out),
            };
            if let Some(v) = value {
                merged.insert(key.clone(), v);
            }
        }
        return Some(Value::Object(merged));
    }
    if let (Some(n), Some(o)) = (scalar_set(newer), scalar_set(older)) {
        let mut merged = n.clone();
        merged.extend(o.iter().filter(|x| !n.contains(x)).cloned());
        return Some(Value::Array(merged));
    }
    out.push(Conflict { path: path.to_string(), kept: newer.cloned(), other: older.cloned() });
    newer.cloned()
}

/// Unites two records of one natural key without a common base: `newer` wins where both hold different values.
pub fn union(newer: &Value, older: &Value) -> Merged {
    let mut conflicts = Vec::new();
    let value = unite("", Some(newer), Some(older), &mut conflicts).unwrap_or(Value::Null);
    Merged { value, conflicts }
}

/// The sync entry after `record` is stored as the winner with `kept` (other versions) as live conflict branches.
/// `prev` is the record's entry so far (`None` for a new id). The record's revision is two generations above the
/// previous winner and each kept copy one, so the record is always the winner (CouchDB's rule: highest generation)
/// and every kept copy a losing live leaf that the conflicts page lists and a push sends.
pub fn with_kept_copies(prev: Option<&SyncEntry>, record: &Value, kept: &[Value]) -> Result<SyncEntry, String> {
    let text = |f: &str| record.get(f).and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    let mut entry = match prev {
        Some(p) => p.clone(),
        None => {
            let org = text("org").ok_or("ระเบียนไม่มีช่อง org")?;
            SyncEntry {
                id: text("id").ok_or("ระเบียนไม่มีช่อง id")?,
                db: super::sync::protocol::db_name(&org)?,
                kind: text("kind").ok_or("ระเบียนไม่มีช่อง kind")?,
                org,
                tree: Default::default(),
                on_server: Default::default(),
                conflicts: Default::default(),
                body_hash: String::new(),
                state: SyncState::Pending,
            }
        }
    };
    let parent: Option<Rev> = entry.tree.winner();
    let step = next_rev(parent.as_ref(), record, false);
    entry.tree.add(step.clone(), parent.as_ref(), false)?;
    let top = next_rev(Some(&step), record, false);
    entry.tree.add(top, Some(&step), false)?;
    for copy in kept {
        let rev = next_rev(parent.as_ref(), copy, false);
        if entry.tree.contains(&rev) {
            continue;
        }
        entry.tree.add(rev.clone(), parent.as_ref(), false)?;
        entry.conflicts.insert(rev.to_string(), copy.clone());
    }
    let leaves = crate::domain::sort::set_of(entry.tree.leaves().iter().map(Rev::to_string));
    entry.on_server.retain(|r| leaves.contains(r));
    entry.conflicts.retain(|r, _| leaves.contains(r));
    entry.body_hash = md5_hex(canonical_json(record).as_bytes());
    entry.state = if entry.tree.conflicts().is_empty() { SyncState::Pending } else { SyncState::Conflict };
    Ok(entry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn assessment(ticked1: &[u8], ticked2: &[u8], updated: &str) -> Value {
        json!({"id": "a", "kind": "qa_assessment", "org": "1310016201", "created": "2026-11-01T00:00:00.000Z",
            "updated": updated, "schema": 1, "college": "1310016201", "year": 2569,
            "input": {"indicators": {"1.1": {"ticked": ticked1, "counts": {}}, "2.1": {"ticked": ticked2}}}})
    }

    #[test]
    fn two_tabs_ticking_different_items_both_survive() {
        let base = assessment(&[], &[], "2026-11-01T00:00:00.000Z");
        let theirs = assessment(&[1], &[], "2026-11-02T00:00:00.000Z");
        let mine = assessment(&[], &[1], "2026-11-03T00:00:00.000Z");
        let m = three_way(&base, &theirs, &mine);
        assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
        assert_eq!(m.value, assessment(&[1], &[1], "2026-11-03T00:00:00.000Z"));
        // Either order: the later `updated` wins, the ticks are the same.
        let m2 = three_way(&base, &mine, &theirs);
        assert_eq!(m2.value, m.value);
    }

    #[test]
    fn ticks_in_one_list_merge_as_sets_with_removals() {
        let base = assessment(&[1, 2], &[], "t0");
        let theirs = assessment(&[1, 2, 3], &[], "t1"); // added 3
        let mine = assessment(&[2, 4], &[], "t2"); // removed 1, added 4
        let m = three_way(&base, &theirs, &mine);
        assert!(m.conflicts.is_empty());
        assert_eq!(m.value["input"]["indicators"]["1.1"]["ticked"], json!([2, 3, 4]));
    }

    #[test]
    fn unchanged_sides_take_the_other_side_and_equal_changes_agree() {
        let base = json!({"a": 1, "b": {"c": 2}});
        let theirs = json!({"a": 1, "b": {"c": 3}});
        assert_eq!(three_way(&base, &theirs, &base).value, theirs);
        assert_eq!(three_way(&base, &base, &theirs).value, theirs);
        assert_eq!(three_way(&base, &theirs, &theirs).value, theirs);
        // A key removed on one side and untouched on the other is removed.
        let removed = json!({"a": 1});
        assert_eq!(three_way(&base, &removed, &base).value, removed);
        // Different keys added on each side.
        let t = json!({"a": 1, "b": {"c": 2}, "x": true});
        let m = json!({"a": 2, "b": {"c": 2, "d": [1]}});
        assert_eq!(three_way(&base, &t, &m).value, json!({"a": 2, "b": {"c": 2, "d": [1]}, "x": true}));
    }

    #[test]
    fn both_changing_one_field_is_a_conflict_that_keeps_mine_and_names_theirs() {
        let base = json!({"updated": "t0", "input": {"n": "10", "entries": [{"s": "a", "count": 1}]}});
        let theirs = json!({"updated": "t1", "input": {"n": "12", "entries": [{"s": "a", "count": 2}]}});
        let mine = json!({"updated": "t2", "input": {"n": "11", "entries": [{"s": "a", "count": 3}]}});
        let m = three_way(&base, &theirs, &mine);
        assert_eq!(m.value, mine);
        assert_eq!(
            m.conflicts,
            vec![
                Conflict { path: "input.entries".into(), kept: Some(json!([{"s": "a", "count": 3}])), other: Some(json!([{"s": "a", "count": 2}])) },
                Conflict { path: "input.n".into(), kept: Some(json!("11")), other: Some(json!("12")) },
            ]
        );
        // Deleted on one side, changed on the other: a conflict too (mine kept).
        let m = three_way(&json!({"a": 1}), &json!({}), &json!({"a": 2}));
        assert_eq!(m.value, json!({"a": 2}));
        assert_eq!(m.conflicts.len(), 1);
    }

    #[test]
    fn union_keeps_everything_and_the_newer_value_on_conflict() {
        let newer = json!({"updated": "t2", "created": "t1", "reasons": {"1": "closed"}, "ticked": [1, 3], "name": "ข"});
        let older = json!({"updated": "t1", "created": "t0", "reasons": {"2": "pending"}, "ticked": [2, 1], "name": "ก", "x": 1});
        let m = union(&newer, &older);
        assert_eq!(
            m.value,
            json!({"updated": "t2", "created": "t0", "reasons": {"1": "closed", "2": "pending"}, "ticked": [1, 3, 2], "name": "ข", "x": 1})
        );
        assert_eq!(m.conflicts, vec![Conflict { path: "name".into(), kept: Some(json!("ข")), other: Some(json!("ก")) }]);
        assert!(union(&newer, &newer).conflicts.is_empty());
    }

    #[test]
    fn kept_copies_are_losing_live_branches_and_the_record_wins() {
        let record = json!({"id": "k", "kind": "qa_assessment", "org": "1310016201", "n": 1});
        let copy = json!({"id": "k", "kind": "qa_assessment", "org": "1310016201", "n": 2});
        let e = with_kept_copies(None, &record, std::slice::from_ref(&copy)).unwrap();
        assert_eq!(e.state, SyncState::Conflict);
        assert_eq!(e.tree.winner().unwrap().to_string().chars().next(), Some('2'));
        assert_eq!(e.conflicts.values().collect::<Vec<_>>(), vec![&copy]);
        assert_eq!(e.db, "mt_1310016201");
        // On top of an existing history the record is still the winner.
        let e2 = with_kept_copies(Some(&e), &record, &[json!({"id": "k", "n": 3})]).unwrap();
        assert_eq!(e2.tree.winner().unwrap().to_string().chars().next(), Some('4'));
        assert_eq!(e2.conflicts.len(), 2);
        // No kept copies: a plain new revision.
        let e3 = with_kept_copies(None, &record, &[]).unwrap();
        assert_eq!(e3.state, SyncState::Pending);
    }
}
