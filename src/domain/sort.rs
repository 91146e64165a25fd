//! Sorting without a copy of the sort per element type. `slice::sort_by` is compiled anew for every element type and
//! comparison (a few KB of wasm each, in every page); these sort the positions `0..n` with a `dyn` comparison in one
//! small merge sort, then swap the elements into that order. Stable, like `slice::sort_by`. Collecting into a
//! `BTreeSet` or `BTreeMap` sorts its items the same way, so sets and maps are built by insertion here (`set_of`,
//! `map_of`).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The positions `0..n` in the stable order of `cmp` on them: a bottom-up merge sort (a few hundred bytes of wasm,
/// where the standard library's sorts are a few KB).
fn positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut l, mut r) = (start, mid);
            for slot in &mut b[start..end] {
                // The left run wins ties: stable.
                let take_right = l == mid || (r < end && cmp(a[r], a[l]) == Ordering::Less);
                if take_right {
                    *slot = a[r];
                    r += 1;
                } else {
                    *slot = a[l];
                    l += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// The swaps that put the elements of a list in the order `order` (a permutation of its positions: position `k`
/// receives the element now at `order[k]`), following each cycle of the permutation.
fn swaps(order: &[usize]) -> Vec<(usize, usize)> {
    let mut done = vec![false; order.len()];
    let mut out = Vec::new();
    for start in 0..order.len() {
        let mut j = start;
        while !done[j] {
            done[j] = true;
            let from = order[j];
            if from == start || from >= order.len() {
                break;
            }
            out.push((j, from));
            j = from;
        }
    }
    out
}

/// Sorts `v` stably by `cmp` (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    for (a, b) in swaps(&order) {
        v.swap(a, b);
    }
}

/// Sorts `v` stably by `key` (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably by `key`, computing each element's key once (as `slice::sort_by_cached_key`).
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = positions(v.len(), &|a, b| keys[a].cmp(&keys[b]));
    for (a, b) in swaps(&order) {
        v.swap(a, b);
    }
}

/// Sorts `v` (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// A set of the items, built by insertion: `collect::<BTreeSet<_>>()` first sorts the items with the standard
/// library's stable sort, one more copy of it per element type.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// A JSON object of the pairs, built by insertion (as [`map_of`]: `serde_json::Map` collects through a `BTreeMap`).
pub fn object_of(pairs: impl IntoIterator<Item = (String, serde_json::Value)>) -> serde_json::Map<String, serde_json::Value> {
    let mut object = serde_json::Map::new();
    object.extend(pairs);
    object
}

/// A map of the pairs, built by insertion (a later pair replaces an earlier one with the same key, as `collect`
/// does), without the sort `collect::<BTreeMap<_, _>>()` brings per key type.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = v.clone();
        expected.sort_by_key(|x| x.0);
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, expected);
        sort_by(&mut v, |a, b| b.0.cmp(&a.0));
        assert_eq!(v, vec![(3, 'a'), (3, 'c'), (2, 'd'), (1, 'b'), (1, 'e')]);
        let mut w = vec!["b".to_string(), "a".into(), "c".into()];
        sort(&mut w);
        assert_eq!(w, ["a", "b", "c"]);
        let pairs = [(2, 'x'), (1, 'y'), (2, 'z')];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>(), "a later pair wins, as with collect");
        assert_eq!(set_of([3, 1, 3, 2]), BTreeSet::from([1, 2, 3]));
        let fields = [("b".to_string(), serde_json::json!(1)), ("a".to_string(), serde_json::json!(2)), ("b".to_string(), serde_json::json!(3))];
        assert_eq!(object_of(fields.clone()), fields.into_iter().collect::<serde_json::Map<_, _>>());
        sort_by_cached_key(&mut w, |s| std::cmp::Reverse(s.clone()));
        assert_eq!(w, ["c", "b", "a"]);
        let mut empty: Vec<u8> = vec![];
        sort(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn long_lists_sort_like_the_standard_library() {
        // A seeded mix with many ties, at lengths around the merge widths.
        let mut x: u64 = 7;
        for n in [0, 1, 2, 3, 7, 8, 9, 31, 32, 33, 100, 1000] {
            let mut v: Vec<(u64, usize)> = (0..n)
                .map(|i| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    (x >> 60, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| p.0);
            assert_eq!(v, expected, "n = {n}");
        }
    }

    #[test]
    fn every_order_of_a_few_elements_comes_out_sorted() {
        // All 720 orders of 6 elements (with a repeat, to check stability through the swaps).
        let base = [(1, 0), (2, 1), (2, 2), (3, 3), (5, 4), (8, 5)];
        let mut p = [0usize, 1, 2, 3, 4, 5];
        let mut count = 0;
        loop {
            let mut v: Vec<(i32, i32)> = p.iter().map(|&i| base[i]).collect();
            let mut expected = v.clone();
            expected.sort_by_key(|x| x.0);
            sort_by_key(&mut v, |x| x.0);
            assert_eq!(v, expected);
            count += 1;
            // Next permutation.
            let Some(i) = (0..5).rev().find(|&i| p[i] < p[i + 1]) else { break };
            let j = (i + 1..6).rev().find(|&j| p[j] > p[i]).unwrap();
            p.swap(i, j);
            p[i + 1..].reverse();
        }
        assert_eq!(count, 720);
    }
}
