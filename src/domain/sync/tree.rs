//! The revision tree of one record: every revision this device knows, each with its parent and whether it deletes
//! the record. The leaves are the branches' tips; the winner among them is chosen exactly as CouchDB chooses it, so
//! every device and the server agree on which revision is "the" record without talking to each other.
//!
//! Histories may be cut short at the old end (by [`RevTree::stem`], or because a pull only told us the tip): a
//! revision whose parent is unknown is a root even if its position is above 1, as in CouchDB's stemmed trees.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::rev::Rev;

/// One revision's place in the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Node {
    parent: Option<Rev>,
    deleted: bool,
}

/// The revision tree of one record (see the module docs). Stored compactly as rows `[rev, parent, deleted]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<(String, Option<String>, bool)>", into = "Vec<(String, Option<String>, bool)>")]
pub struct RevTree {
    nodes: BTreeMap<Rev, Node>,
}

impl TryFrom<Vec<(String, Option<String>, bool)>> for RevTree {
    type Error = String;
    fn try_from(rows: Vec<(String, Option<String>, bool)>) -> Result<Self, String> {
        let mut tree = RevTree::default();
        for (rev, parent, deleted) in rows {
            let parent = parent.as_deref().map(Rev::parse).transpose()?;
            tree.nodes.insert(Rev::parse(&rev)?, Node { parent, deleted });
        }
        Ok(tree)
    }
}

impl From<RevTree> for Vec<(String, Option<String>, bool)> {
    fn from(tree: RevTree) -> Self {
        tree.nodes
            .into_iter()
            .map(|(rev, node)| (rev.to_string(), node.parent.map(|p| p.to_string()), node.deleted))
            .collect()
    }
}

impl RevTree {
    /// A tree holding only `rev` (a new record, or a tip received without its history).
    pub fn single(rev: Rev, deleted: bool) -> RevTree {
        RevTree { nodes: crate::domain::sort::map_of([(rev, Node { parent: None, deleted })]) }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn contains(&self, rev: &Rev) -> bool {
        self.nodes.contains_key(rev)
    }

    /// Whether `rev` is known and deletes the record.
    pub fn is_deleted(&self, rev: &Rev) -> bool {
        self.nodes.get(rev).is_some_and(|n| n.deleted)
    }

    /// Adds `rev` as a child of `parent` (`None`: a root). The parent must be known and one position lower.
    pub fn add(&mut self, rev: Rev, parent: Option<&Rev>, deleted: bool) -> Result<(), String> {
        if let Some(p) = parent {
            if !self.contains(p) {
                return Err(format!("parent revision {p} of {rev} is not in the tree"));
            }
            if p.pos + 1 != rev.pos {
                return Err(format!("revision {rev} cannot follow {p}"));
            }
        }
        self.nodes.insert(rev, Node { parent: parent.cloned(), deleted });
        Ok(())
    }

    /// Merges a branch received from the server: `path` lists a leaf and its ancestors, newest first, with
    /// consecutive positions (CouchDB's `_revisions`). Returns whether any revision was new.
    pub fn merge_path(&mut self, path: &[Rev], leaf_deleted: bool) -> Result<bool, String> {
        let Some(leaf) = path.first() else { return Err("empty revision path".into()) };
        for (i, rev) in path.iter().enumerate() {
            if rev.pos + i as u64 != leaf.pos {
                return Err(format!("revision path of {leaf} is not consecutive at {rev}"));
            }
        }
        let mut added = false;
        for (i, rev) in path.iter().enumerate() {
            let parent = path.get(i + 1).cloned();
            match self.nodes.get_mut(rev) {
                Some(node) => {
                    if node.parent.is_none() {
                        node.parent = parent;
                    }
                    if i == 0 {
                        node.deleted = leaf_deleted;
                    }
                }
                None => {
                    self.nodes.insert(rev.clone(), Node { parent, deleted: i == 0 && leaf_deleted });
                    added = true;
                }
            }
        }
        Ok(added)
    }

    /// The branch tips: revisions that are nobody's parent, highest first.
    pub fn leaves(&self) -> Vec<Rev> {
        let parents: BTreeSet<&Rev> = crate::domain::sort::set_of(self.nodes.values().filter_map(|n| n.parent.as_ref()));
        self.nodes.keys().rev().filter(|r| !parents.contains(r)).cloned().collect()
    }

    /// The winning revision, as CouchDB picks it: among the leaves, those that do not delete the record beat those
    /// that do; then the highest position; then the highest hash (compared as text). `None` for an empty tree.
    pub fn winner(&self) -> Option<Rev> {
        self.leaves().into_iter().max_by(|a, b| (!self.is_deleted(a), a).cmp(&(!self.is_deleted(b), b)))
    }

    /// The conflicts: leaves that do not delete the record, other than the winner, highest first.
    pub fn conflicts(&self) -> Vec<Rev> {
        let winner = self.winner();
        self.leaves().into_iter().filter(|l| Some(l) != winner.as_ref() && !self.is_deleted(l)).collect()
    }

    /// `rev` and its known ancestors, newest first (at most `limit` revisions).
    pub fn path(&self, rev: &Rev, limit: usize) -> Vec<Rev> {
        let mut path = Vec::new();
        let mut next = self.nodes.contains_key(rev).then(|| rev.clone());
        while let Some(r) = next {
            if path.len() == limit {
                break;
            }
            next = self.nodes[&r].parent.clone();
            path.push(r);
        }
        path
    }

    /// Forgets revisions more than `keep` generations below every leaf (their descendants become roots). Only call
    /// this when the server holds every leaf: it then holds the full history, and a later push of a descendant still
    /// names enough ancestors for the server to place it.
    pub fn stem(&mut self, keep: usize) {
        let mut kept: BTreeSet<Rev> = BTreeSet::new();
        for leaf in self.leaves() {
            kept.extend(self.path(&leaf, keep + 1));
        }
        self.nodes.retain(|rev, _| kept.contains(rev));
        for node in self.nodes.values_mut() {
            if node.parent.as_ref().is_some_and(|p| !kept.contains(p)) {
                node.parent = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> Rev {
        Rev::parse(s).unwrap()
    }

    /// 1-a ─ 2-b ─ 3-c
    ///     └ 2-x ─ 3-y (deleted)
    ///           └ 3-z
    fn sample() -> RevTree {
        let mut t = RevTree::single(r("1-a"), false);
        t.add(r("2-b"), Some(&r("1-a")), false).unwrap();
        t.add(r("3-c"), Some(&r("2-b")), false).unwrap();
        t.add(r("2-x"), Some(&r("1-a")), false).unwrap();
        t.add(r("3-y"), Some(&r("2-x")), true).unwrap();
        t.add(r("3-z"), Some(&r("2-x")), false).unwrap();
        t
    }

    #[test]
    fn leaves_winner_and_conflicts() {
        let t = sample();
        assert_eq!(t.leaves(), vec![r("3-z"), r("3-y"), r("3-c")]);
        // 3-z beats 3-c on hash; 3-y deletes, so it is neither winner nor conflict.
        assert_eq!(t.winner(), Some(r("3-z")));
        assert_eq!(t.conflicts(), vec![r("3-c")]);
        assert_eq!(t.path(&r("3-z"), 10), vec![r("3-z"), r("2-x"), r("1-a")]);
        assert_eq!(t.path(&r("3-z"), 2), vec![r("3-z"), r("2-x")]);
    }

    #[test]
    fn a_live_leaf_beats_a_longer_deleted_one() {
        let mut t = sample();
        t.add(r("4-d"), Some(&r("3-z")), true).unwrap();
        t.add(r("4-e"), Some(&r("3-c")), true).unwrap();
        // Every leaf now deletes the record (3-y already did).
        assert_eq!(t.leaves(), vec![r("4-e"), r("4-d"), r("3-y")]);
        // All leaves deleted: the highest deleted leaf wins (the record is deleted).
        assert_eq!(t.winner(), Some(r("4-e")));
        assert!(t.conflicts().is_empty());
        t.add(r("4-w"), Some(&r("3-y")), false).unwrap();
        assert_eq!(t.winner(), Some(r("4-w")), "recreated on the deleted branch: live wins");
        let mut t = sample();
        t.add(r("4-d"), Some(&r("3-z")), true).unwrap();
        assert_eq!(t.winner(), Some(r("3-c")), "a live 3 beats a deleted 4");
    }

    #[test]
    fn winner_is_the_same_whatever_order_revisions_arrive_in() {
        let rows: Vec<(String, Option<String>, bool)> = sample().into();
        let mut reversed = rows.clone();
        reversed.reverse();
        let a = RevTree::try_from(rows).unwrap();
        let b = RevTree::try_from(reversed).unwrap();
        assert_eq!(a.winner(), b.winner());
        assert_eq!(a, b);
    }

    #[test]
    fn merging_paths_from_the_server() {
        let mut t = RevTree::single(r("1-a"), false);
        t.add(r("2-b"), Some(&r("1-a")), false).unwrap();
        // The server's branch 4-q ← 3-p ← 2-b: it extends ours.
        assert!(t.merge_path(&[r("4-q"), r("3-p"), r("2-b")], false).unwrap());
        assert_eq!(t.leaves(), vec![r("4-q")]);
        // The same path again changes nothing.
        assert!(!t.merge_path(&[r("4-q"), r("3-p")], false).unwrap());
        // A sibling branch from 2-b: a conflict.
        t.merge_path(&[r("3-k"), r("2-b"), r("1-a")], false).unwrap();
        assert_eq!(t.winner(), Some(r("4-q")));
        assert_eq!(t.conflicts(), vec![r("3-k")]);
        assert!(t.merge_path(&[r("3-k"), r("1-a")], false).is_err(), "positions must be consecutive");
        assert!(t.merge_path(&[], false).is_err());
        assert!(t.add(r("5-z"), Some(&r("3-k")), false).is_err(), "child must be one position above its parent");
        assert!(t.add(r("2-z"), Some(&r("1-nope")), false).is_err());
    }

    #[test]
    fn stemming_keeps_recent_history_of_every_leaf() {
        let mut t = RevTree::single(r("1-a"), false);
        let mut parent = r("1-a");
        for pos in 2..=30 {
            let rev = Rev { pos, hash: format!("h{pos}") };
            t.add(rev.clone(), Some(&parent), false).unwrap();
            parent = rev;
        }
        t.stem(5);
        assert_eq!(t.len(), 6);
        assert_eq!(t.path(&parent, 100).len(), 6);
        assert_eq!(t.path(&parent, 100).last().unwrap().pos, 25);
        assert_eq!(t.winner(), Some(parent.clone()));
        // Serialised and read back unchanged.
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.starts_with("[[\"25-h25\",null,false]"), "{json}");
        assert_eq!(serde_json::from_str::<RevTree>(&json).unwrap(), t);
        assert!(serde_json::from_str::<RevTree>("[[\"x\",null,false]]").is_err());
    }
}
