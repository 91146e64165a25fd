//! [`SyncEntry`]: what this device knows about one record's revisions, and every rule that changes it — a local
//! write or deletion, the server confirming a push, a pull bringing other devices' revisions, and the user resolving
//! a conflict. Pure: the store keeps one entry per record next to the record itself and calls these rules inside the
//! same IndexedDB transaction.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::canonical::canonical_json;
use super::md5::md5_hex;
use super::protocol::{db_name, RemoteRev};
use super::rev::{next_rev, Rev};
use super::tree::RevTree;

/// Generations of history kept below a leaf once the server holds every leaf (older ones are on the server).
pub const KEEP_HISTORY: usize = 20;

/// A record's sync state, for counting and for the `state` index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SyncState {
    /// The server holds every leaf this device has.
    Synced,
    /// At least one leaf (a local edit, a deletion, a resolution) has not been confirmed by the server yet.
    Pending,
    /// Two or more live branches: someone has to choose (see [`SyncEntry::resolve`]).
    Conflict,
}

/// Sync bookkeeping of one record (stored in the `sync` object store, keyed by the record's `id`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncEntry {
    pub id: String,
    /// The server database the record belongs to (`mt_<org>`).
    pub db: String,
    pub kind: String,
    pub org: String,
    pub tree: RevTree,
    /// Leaves the server is known to hold (it confirmed them, or sent them).
    pub on_server: BTreeSet<String>,
    /// Bodies of the live leaves that lost (the conflicts), by revision; the winner's body is the stored record.
    pub conflicts: BTreeMap<String, Value>,
    /// MD5 of the canonical JSON of the stored record, to notice writes that did not go through the store's `put`
    /// (imports) and to skip writes that change nothing.
    pub body_hash: String,
    pub state: SyncState,
}

/// What a pull asks the store to do with the record itself.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The winner did not change: leave the stored record as it is.
    Keep,
    /// The winner changed: store this body.
    Write(Value),
    /// The winner deletes the record.
    Delete,
}

/// How to bring one `_changes` row into the local tree.
#[derive(Clone, Debug, PartialEq)]
pub enum PullPlan {
    /// Every leaf the server has is known here: only note that the server holds them.
    Known,
    /// The server has one leaf, unknown here, and this device has nothing unpushed: the row's document replaces the
    /// record (the server's only leaf descends from everything the server had, which includes all we pushed).
    FastForward,
    /// Fetch these leaves with their history (`open_revs`) and merge them.
    Fetch(Vec<Rev>),
}

fn hash_body(record: &Value) -> String {
    md5_hex(canonical_json(record).as_bytes())
}

/// A text field of a record, or a message naming it.
fn text_field<'a>(record: &'a Value, field: &str) -> Result<&'a str, String> {
    record.get(field).and_then(Value::as_str).filter(|s| !s.is_empty()).ok_or_else(|| format!("ระเบียนไม่มีช่อง {field}"))
}

impl SyncEntry {
    /// A fresh entry for `record` (no revisions yet).
    fn blank(record: &Value) -> Result<SyncEntry, String> {
        let org = text_field(record, "org")?;
        Ok(SyncEntry {
            id: text_field(record, "id")?.to_string(),
            db: db_name(org)?,
            kind: text_field(record, "kind")?.to_string(),
            org: org.to_string(),
            tree: RevTree::default(),
            on_server: BTreeSet::new(),
            conflicts: BTreeMap::new(),
            body_hash: String::new(),
            state: SyncState::Pending,
        })
    }

    /// The entry after the record was written locally as `record`: a new revision on the winning branch, or `None`
    /// when the content (canonical JSON) is unchanged, so saving twice makes one revision.
    pub fn record_written(prev: Option<&SyncEntry>, record: &Value) -> Result<Option<SyncEntry>, String> {
        let hash = hash_body(record);
        let mut entry = match prev {
            Some(prev) => {
                let winner_live = prev.tree.winner().is_some_and(|w| !prev.tree.is_deleted(&w));
                if prev.body_hash == hash && winner_live {
                    return Ok(None);
                }
                let mut entry = prev.clone();
                let org = text_field(record, "org")?;
                entry.org = org.to_string();
                entry.db = db_name(org)?;
                entry
            }
            None => SyncEntry::blank(record)?,
        };
        let parent = entry.tree.winner();
        let rev = next_rev(parent.as_ref(), record, false);
        entry.tree.add(rev, parent.as_ref(), false)?;
        entry.body_hash = hash;
        entry.refresh();
        Ok(Some(entry))
    }

    /// The entry after the record was deleted locally: a deleting revision on the winning branch (`None` when it is
    /// already deleted).
    pub fn record_deleted(&self) -> Option<SyncEntry> {
        let winner = self.tree.winner()?;
        if self.tree.is_deleted(&winner) {
            return None;
        }
        let mut entry = self.clone();
        let rev = next_rev(Some(&winner), &Value::Null, true);
        entry.tree.add(rev, Some(&winner), true).ok()?;
        entry.body_hash = String::new();
        entry.refresh();
        Some(entry)
    }

    /// The current winning revision.
    pub fn winner(&self) -> Option<Rev> {
        self.tree.winner()
    }

    /// Whether the winning revision deletes the record.
    pub fn is_deleted(&self) -> bool {
        self.winner().is_some_and(|w| self.tree.is_deleted(&w))
    }

    /// Leaves the server has not confirmed yet (what a push offers), highest first.
    pub fn unpushed(&self) -> Vec<Rev> {
        self.tree.leaves().into_iter().filter(|l| !self.on_server.contains(&l.to_string())).collect()
    }

    /// The documents a push sends for the leaves in `missing` (the server's `_revs_diff` answer): each with `_rev`,
    /// `_revisions` (its history) and either the body or `_deleted`. `winner_body` is the stored record.
    pub fn docs_for(&self, missing: &BTreeSet<String>, winner_body: Option<&Value>) -> Vec<Value> {
        let winner = self.winner();
        self.tree
            .leaves()
            .into_iter()
            .filter(|leaf| missing.contains(&leaf.to_string()))
            .filter_map(|leaf| {
                let deleted = self.tree.is_deleted(&leaf);
                let body = if deleted {
                    None
                } else if Some(&leaf) == winner.as_ref() {
                    Some(winner_body?.clone())
                } else {
                    Some(self.conflicts.get(&leaf.to_string())?.clone())
                };
                let path = self.tree.path(&leaf, usize::MAX);
                Some(super::protocol::couch_doc(&self.id, body.as_ref(), &path, deleted))
            })
            .collect()
    }

    /// Notes that the server holds `revs` (it confirmed a push, or said in `_revs_diff` it has them). Once it holds
    /// every leaf, history older than [`KEEP_HISTORY`] generations is forgotten.
    pub fn confirm<'a>(&mut self, revs: impl IntoIterator<Item = &'a str>) {
        self.on_server.extend(revs.into_iter().map(str::to_string));
        self.refresh();
        if self.state == SyncState::Synced {
            self.tree.stem(KEEP_HISTORY);
        }
    }

    /// The server database was recreated or restored (its identity changed, see `Client::push_into`): nothing it
    /// confirmed before counts any more, so every leaf is offered again (`_revs_diff` then tells what it lacks).
    pub fn server_forgot(&mut self) {
        self.on_server.clear();
        self.refresh();
    }

    /// Recomputes `state` and trims `on_server` to the current leaves.
    fn refresh(&mut self) {
        let leaves: BTreeSet<String> = crate::domain::sort::set_of(self.tree.leaves().iter().map(Rev::to_string));
        self.on_server.retain(|r| leaves.contains(r));
        self.conflicts.retain(|r, _| leaves.contains(r));
        self.state = if !self.tree.conflicts().is_empty() {
            SyncState::Conflict
        } else if self.on_server.len() < leaves.len() {
            SyncState::Pending
        } else {
            SyncState::Synced
        };
    }

    /// How to pull a `_changes` row whose leaves on the server are `server_leaves`, given this device's entry for
    /// the record (`None`: never seen here).
    pub fn plan_pull(entry: Option<&SyncEntry>, server_leaves: &[Rev]) -> PullPlan {
        let unknown: Vec<Rev> =
            server_leaves.iter().filter(|l| !entry.is_some_and(|e| e.tree.contains(l))).cloned().collect();
        if unknown.is_empty() {
            PullPlan::Known
        } else if server_leaves.len() == 1 && entry.is_none_or(|e| e.unpushed().is_empty()) {
            PullPlan::FastForward
        } else {
            PullPlan::Fetch(unknown)
        }
    }

    /// Applies [`PullPlan::Known`]: the server holds `server_leaves`.
    pub fn pull_known(&mut self, server_leaves: &[Rev]) {
        let revs: Vec<String> = server_leaves.iter().map(Rev::to_string).collect();
        self.confirm(revs.iter().map(String::as_str));
    }

    /// Applies [`PullPlan::FastForward`]: the server's only leaf `remote` (its body is the `_changes` row's doc)
    /// replaces what this device had.
    pub fn pull_fast_forward(entry: Option<&SyncEntry>, remote: &RemoteRev) -> Result<(SyncEntry, Outcome), String> {
        let leaf = remote.path.first().ok_or("empty revision path")?.clone();
        let mut next = match (entry, &remote.body) {
            (Some(e), _) => e.clone(),
            (None, Some(body)) => SyncEntry::blank(body)?,
            (None, None) => return Err(format!("ระเบียน {}: ไม่มีข้อมูลให้สร้าง", remote.id)),
        };
        next.tree = RevTree::single(leaf.clone(), remote.deleted);
        next.tree.merge_path(&remote.path, remote.deleted)?;
        next.on_server = crate::domain::sort::set_of([leaf.to_string()]);
        next.conflicts.clear();
        let outcome = match &remote.body {
            Some(body) if !remote.deleted => {
                next.body_hash = hash_body(body);
                Outcome::Write(body.clone())
            }
            _ => {
                next.body_hash = String::new();
                Outcome::Delete
            }
        };
        next.refresh();
        Ok((next, outcome))
    }

    /// Applies [`PullPlan::Fetch`]: merges the fetched leaves (with their histories and bodies) into the tree. The
    /// winner is recomputed; a losing live branch is kept, with its body, as a conflict — never dropped.
    /// `current` is the stored record (the old winner's body).
    pub fn pull_merge(
        entry: Option<&SyncEntry>,
        current: Option<&Value>,
        fetched: &[RemoteRev],
        server_leaves: &[Rev],
    ) -> Result<(SyncEntry, Outcome), String> {
        let first_body = fetched.iter().find_map(|r| r.body.as_ref());
        let mut next = match (entry, first_body) {
            (Some(e), _) => e.clone(),
            (None, Some(body)) => SyncEntry::blank(body)?,
            (None, None) => {
                let remote = fetched.first().ok_or("nothing fetched")?;
                return SyncEntry::pull_fast_forward(None, remote);
            }
        };
        let old_winner = next.tree.winner();
        // Every body this device now has, by revision.
        let mut bodies: BTreeMap<String, Value> = std::mem::take(&mut next.conflicts);
        if let (Some(w), Some(body)) = (&old_winner, current) {
            bodies.insert(w.to_string(), body.clone());
        }
        for remote in fetched {
            next.tree.merge_path(&remote.path, remote.deleted)?;
            if let (Some(leaf), Some(body)) = (remote.path.first(), &remote.body) {
                bodies.insert(leaf.to_string(), body.clone());
            }
        }
        let winner = next.tree.winner().ok_or("empty revision tree")?;
        for conflict in next.tree.conflicts() {
            let key = conflict.to_string();
            let body = bodies.get(&key).ok_or_else(|| format!("ระเบียน {}: ไม่มีข้อมูลของฉบับ {key}", next.id))?;
            next.conflicts.insert(key, body.clone());
        }
        let outcome = if Some(&winner) == old_winner.as_ref() {
            Outcome::Keep
        } else if next.tree.is_deleted(&winner) {
            next.body_hash = String::new();
            Outcome::Delete
        } else {
            let body = bodies
                .get(&winner.to_string())
                .ok_or_else(|| format!("ระเบียน {}: ไม่มีข้อมูลของฉบับ {winner}", next.id))?;
            next.body_hash = hash_body(body);
            Outcome::Write(body.clone())
        };
        next.on_server.extend(server_leaves.iter().map(Rev::to_string));
        next.refresh();
        Ok((next, outcome))
    }

    /// Resolves a conflict: `merged` (the value the user chose, or merged field by field) becomes a new revision on
    /// the branch of `chosen`, and every other live leaf gets a deleting revision, so all devices converge on it.
    /// Returns the new entry; `merged` is what the store writes as the record.
    pub fn resolve(&self, chosen: &Rev, merged: &Value) -> Result<SyncEntry, String> {
        let leaves = self.tree.leaves();
        if !leaves.contains(chosen) || self.tree.is_deleted(chosen) {
            return Err(format!("ฉบับ {chosen} ไม่ใช่ฉบับที่ยังใช้อยู่ของระเบียน {}", self.id));
        }
        let mut next = self.clone();
        let rev = next_rev(Some(chosen), merged, false);
        next.tree.add(rev, Some(chosen), false)?;
        for loser in leaves.iter().filter(|l| *l != chosen && !self.tree.is_deleted(l)) {
            let tombstone = next_rev(Some(loser), &Value::Null, true);
            next.tree.add(tombstone, Some(loser), true)?;
        }
        next.conflicts.clear();
        next.body_hash = hash_body(merged);
        next.refresh();
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(name: &str) -> Value {
        json!({"id": "0b7c4a52-5d0e-4d7c-9b51-2c1e1a6f0001", "kind": "college", "org": "1310100001", "name": name})
    }

    fn written(prev: Option<&SyncEntry>, name: &str) -> SyncEntry {
        SyncEntry::record_written(prev, &record(name)).unwrap().expect("a change makes a revision")
    }

    /// The server's view of a branch of `entry`, as `open_revs` would return it.
    fn remote(entry: &SyncEntry, leaf: &Rev, body: Option<Value>) -> RemoteRev {
        RemoteRev {
            id: entry.id.clone(),
            path: entry.tree.path(leaf, usize::MAX),
            deleted: entry.tree.is_deleted(leaf),
            body,
        }
    }

    #[test]
    fn local_writes_make_a_chain_and_unchanged_saves_make_nothing() {
        let e1 = written(None, "ก");
        assert_eq!(e1.db, "mt_1310100001");
        assert_eq!(e1.winner().unwrap().pos, 1);
        assert_eq!(e1.state, SyncState::Pending);
        assert_eq!(SyncEntry::record_written(Some(&e1), &record("ก")).unwrap(), None);
        let e2 = written(Some(&e1), "ข");
        assert_eq!(e2.tree.path(&e2.winner().unwrap(), 9).len(), 2);
        assert_eq!(e2.unpushed(), vec![e2.winner().unwrap()]);
        let bad = json!({"id": "x", "kind": "college"});
        assert!(SyncEntry::record_written(None, &bad).unwrap_err().contains("org"));
    }

    #[test]
    fn push_confirmation_makes_it_synced_and_a_second_push_has_nothing_to_send() {
        let mut e = written(Some(&written(None, "ก")), "ข");
        let w = e.winner().unwrap().to_string();
        let docs = e.docs_for(&BTreeSet::from([w.clone()]), Some(&record("ข")));
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0]["_rev"], json!(w));
        assert_eq!(docs[0]["_revisions"]["start"], json!(2));
        assert_eq!(docs[0]["_revisions"]["ids"].as_array().unwrap().len(), 2);
        assert_eq!(docs[0]["name"], json!("ข"));
        e.confirm([w.as_str()]);
        assert_eq!(e.state, SyncState::Synced);
        assert!(e.unpushed().is_empty());
        // Confirming a revision that is no longer a leaf (edited meanwhile) keeps the new edit pending.
        let mut e3 = written(Some(&e), "ค");
        e3.confirm([w.as_str()]);
        assert_eq!(e3.state, SyncState::Pending);
    }

    #[test]
    fn a_recreated_server_database_gets_every_leaf_offered_again() {
        let mut e = written(None, "ก");
        let w = e.winner().unwrap().to_string();
        e.confirm([w.as_str()]);
        assert!(e.unpushed().is_empty());
        e.server_forgot();
        assert_eq!(e.state, SyncState::Pending);
        assert_eq!(e.unpushed(), vec![e.winner().unwrap()]);
    }

    #[test]
    fn deletion_is_a_revision() {
        let mut e = written(None, "ก");
        let first = e.winner().unwrap().to_string();
        e.confirm([first.as_str()]);
        let d = e.record_deleted().unwrap();
        assert!(d.is_deleted());
        assert_eq!(d.state, SyncState::Pending);
        assert_eq!(d.record_deleted(), None, "deleting twice changes nothing");
        let doc = &d.docs_for(&BTreeSet::from([d.winner().unwrap().to_string()]), None)[0];
        assert_eq!(doc["_deleted"], json!(true));
        assert!(doc.get("name").is_none());
    }

    #[test]
    fn pull_plans() {
        let mut mine = written(None, "ก");
        let w = mine.winner().unwrap();
        let other = Rev::parse("2-ffff").unwrap();
        assert_eq!(SyncEntry::plan_pull(None, std::slice::from_ref(&other)), PullPlan::FastForward);
        // Unpushed local edit: the server's new leaf may conflict with it, so fetch its history.
        assert_eq!(SyncEntry::plan_pull(Some(&mine), std::slice::from_ref(&other)), PullPlan::Fetch(vec![other.clone()]));
        mine.confirm([w.to_string().as_str()]);
        assert_eq!(SyncEntry::plan_pull(Some(&mine), std::slice::from_ref(&other)), PullPlan::FastForward);
        assert_eq!(SyncEntry::plan_pull(Some(&mine), std::slice::from_ref(&w)), PullPlan::Known);
        let two = [other.clone(), Rev::parse("2-aaaa").unwrap()];
        assert_eq!(SyncEntry::plan_pull(Some(&mine), &two), PullPlan::Fetch(two.to_vec()));
    }

    #[test]
    fn fast_forward_adopts_the_servers_record() {
        let base = written(None, "ก");
        let theirs = written(Some(&base), "ข");
        let leaf = theirs.winner().unwrap();
        let (fresh, outcome) = SyncEntry::pull_fast_forward(None, &remote(&theirs, &leaf, Some(record("ข")))).unwrap();
        assert_eq!(outcome, Outcome::Write(record("ข")));
        assert_eq!(fresh.state, SyncState::Synced);
        assert_eq!(fresh.winner(), Some(leaf.clone()));
        // A local edit afterwards continues the server's branch.
        let next = written(Some(&fresh), "ค");
        assert_eq!(next.tree.path(&next.winner().unwrap(), 9)[1], leaf);
        // The server deleted it.
        let gone = theirs.record_deleted().unwrap();
        let g = gone.winner().unwrap();
        let (e, outcome) = SyncEntry::pull_fast_forward(Some(&fresh), &remote(&gone, &g, None)).unwrap();
        assert_eq!(outcome, Outcome::Delete);
        assert!(e.is_deleted());
    }

    /// Two devices edit the same record offline; each pulls the other's branch. Both see the same winner and keep
    /// the loser as a conflict; resolving makes one live leaf that both converge on.
    #[test]
    fn concurrent_edits_conflict_identically_on_both_devices_and_resolve() {
        let mut base = written(None, "ต้นฉบับ");
        let b = base.winner().unwrap().to_string();
        base.confirm([b.as_str()]);
        let a = written(Some(&base), "แก้จากเครื่อง A");
        let bb = written(Some(&base), "แก้จากเครื่อง B");
        let (la, lb) = (a.winner().unwrap(), bb.winner().unwrap());
        assert_eq!(la.pos, 2);
        assert_eq!(lb.pos, 2);
        let expected_winner = la.clone().max(lb.clone());

        // Device A pulls B's leaf (both leaves on the server).
        let leaves = [la.clone(), lb.clone()];
        assert_eq!(SyncEntry::plan_pull(Some(&a), &leaves), PullPlan::Fetch(vec![lb.clone()]));
        let (ea, oa) = SyncEntry::pull_merge(
            Some(&a),
            Some(&record("แก้จากเครื่อง A")),
            &[remote(&bb, &lb, Some(record("แก้จากเครื่อง B")))],
            &leaves,
        )
        .unwrap();
        // Device B pulls A's leaf.
        let (eb, ob) = SyncEntry::pull_merge(
            Some(&bb),
            Some(&record("แก้จากเครื่อง B")),
            &[remote(&a, &la, Some(record("แก้จากเครื่อง A")))],
            &leaves,
        )
        .unwrap();
        for e in [&ea, &eb] {
            assert_eq!(e.state, SyncState::Conflict);
            assert_eq!(e.winner(), Some(expected_winner.clone()));
            assert_eq!(e.conflicts.len(), 1, "the loser is kept, with its body");
        }
        // Exactly one device had the loser stored, and now stores the winner's body.
        let winner_name = if expected_winner == la { "แก้จากเครื่อง A" } else { "แก้จากเครื่อง B" };
        let changed: Vec<&Outcome> = [&oa, &ob].into_iter().filter(|o| **o != Outcome::Keep).collect();
        assert_eq!(changed, vec![&Outcome::Write(record(winner_name))]);

        // A resolves by merging: a new revision on the chosen branch; the other branch is deleted.
        let loser = ea.tree.conflicts()[0].clone();
        let merged = record("รวมกันแล้ว");
        let resolved = ea.resolve(&loser, &merged).unwrap();
        assert_eq!(resolved.state, SyncState::Pending);
        assert!(resolved.conflicts.is_empty());
        assert!(resolved.tree.conflicts().is_empty());
        let new_winner = resolved.winner().unwrap();
        assert_eq!(new_winner.pos, 3);
        assert_eq!(resolved.tree.path(&new_winner, 2)[1], loser);
        let pending = resolved.unpushed();
        assert_eq!(pending.len(), 2, "the new revision and the deletion of the other branch");
        let missing: BTreeSet<String> = crate::domain::sort::set_of(pending.iter().map(Rev::to_string));
        let docs = resolved.docs_for(&missing, Some(&merged));
        assert_eq!(docs.len(), 2);
        assert_eq!(docs.iter().filter(|d| d["_deleted"] == json!(true)).count(), 1);

        // B pulls both new leaves and converges on the merged value, with no conflict left.
        let server_leaves = resolved.tree.leaves();
        let fetched: Vec<RemoteRev> = server_leaves
            .iter()
            .map(|l| {
                let body = (!resolved.tree.is_deleted(l)).then(|| merged.clone());
                remote(&resolved, l, body)
            })
            .collect();
        let (eb2, ob2) =
            SyncEntry::pull_merge(Some(&eb), Some(&record(winner_name)), &fetched, &server_leaves).unwrap();
        assert_eq!(ob2, Outcome::Write(merged.clone()));
        assert_eq!(eb2.state, SyncState::Synced);
        assert_eq!(eb2.winner(), Some(new_winner));
        assert!(resolved.resolve(&la, &merged).is_err() || la == loser, "only a live leaf can be chosen");
    }

    #[test]
    fn a_losing_local_edit_stays_pending_and_is_pushed() {
        let mut base = written(None, "ต้นฉบับ");
        let b = base.winner().unwrap().to_string();
        base.confirm([b.as_str()]);
        let mine = written(Some(&base), "ของฉัน");
        let theirs = written(Some(&base), "ของเขา");
        let (lm, lt) = (mine.winner().unwrap(), theirs.winner().unwrap());
        let (e, _) = SyncEntry::pull_merge(
            Some(&mine),
            Some(&record("ของฉัน")),
            &[remote(&theirs, &lt, Some(record("ของเขา")))],
            std::slice::from_ref(&lt),
        )
        .unwrap();
        assert_eq!(e.state, SyncState::Conflict);
        assert_eq!(e.unpushed(), vec![lm.clone()], "my branch is still to be pushed, winner or not");
        let missing = BTreeSet::from([lm.to_string()]);
        let winner_body = if e.winner() == Some(lm.clone()) { record("ของฉัน") } else { record("ของเขา") };
        let docs = e.docs_for(&missing, Some(&winner_body));
        assert_eq!(docs[0]["name"], json!("ของฉัน"));
    }
}
