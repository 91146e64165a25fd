//! Option plots by score group (as Iteman and ShinyItemAnalysis draw them): the candidates are split into groups
//! ordered by total score, and for every item the share of each group choosing each option, or omitting it, is
//! counted. A good key rises from the low group to the high one; a good distractor falls.
//!
//! Two ways to form the groups ([`Grouping`]):
//! - [`Grouping::Scores`]`(k)`: k groups by total score (number correct) under the *mid-rank rule*: candidates are
//!   ranked by total from low to high; the candidates with total `s` take ranks `below(s) .. below(s) + count(s)`,
//!   whose middle is `below(s) + count(s)/2`, and they all go to group `⌊k · (below(s) + count(s)/2) / N⌋`. So a tie
//!   is never split across groups, groups are as equal as the ties allow (N = 10, k = 3 without ties gives 3, 4, 3),
//!   and the result does not depend on candidate order. A group no score falls into is left out: with heavy ties or
//!   N < k there are fewer than k groups (all candidates on one score give one group).
//! - [`Grouping::Analysis`]: the groups of the analysis itself — under the norm method the lower group, the middle
//!   (everyone else; left out when empty) and the upper group, exactly as [`prepare`](super::prepare) forms them;
//!   under the criterion method those who did not pass and those who passed.

use super::analyze::{check_input, prepare, AnalysisError, Method};
use super::matrix::{bitset, ResponseMatrix};
use super::rules::Hundredths;

/// The most score groups [`Grouping::Scores`] accepts.
pub const MAX_SCORE_GROUPS: usize = 10;

/// How the candidates are split for the option plots.
#[derive(Clone, Debug, PartialEq)]
pub enum Grouping {
    /// k (2..=[`MAX_SCORE_GROUPS`]) groups by total score, the mid-rank rule.
    Scores(usize),
    /// The groups the analysis under this method compares.
    Analysis(Method),
}

/// What a group is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    /// The j-th (0-based) of the k score groups, from low to high.
    Score(usize),
    Lower,
    Middle,
    Upper,
    Fail,
    Pass,
}

/// One group, in plot order (low to high).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreGroup {
    pub kind: GroupKind,
    /// Candidates in the group (at least 1).
    pub size: u32,
    /// The lowest and the highest total score in the group.
    pub min: u32,
    pub max: u32,
}

/// One item's counts by group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemGroups {
    /// 0-based item index.
    pub item: usize,
    pub key: u8,
    /// `chosen[g][o]`: candidates of group `g` who chose option `o`.
    pub chosen: Vec<Vec<u32>>,
    /// `omitted[g]`: candidates of group `g` who left the item blank.
    pub omitted: Vec<u32>,
}

/// The groups and every item's counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionGroups {
    pub groups: Vec<ScoreGroup>,
    pub items: Vec<ItemGroups>,
}

impl OptionGroups {
    /// The share of group `g` that chose `option` on `item` (`None`: omitted it), rounded to hundredths half away
    /// from zero like p.
    pub fn share(&self, item: usize, g: usize, option: Option<u8>) -> Hundredths {
        let it = &self.items[item];
        let count = match option {
            Some(o) => it.chosen[g][usize::from(o)],
            None => it.omitted[g],
        };
        Hundredths::ratio(i64::from(count), i64::from(self.groups[g].size))
    }
}

/// Every candidate's total score (number correct).
fn totals(matrix: &ResponseMatrix, key: &[u8]) -> Vec<u32> {
    let mut totals = vec![0u32; matrix.candidates()];
    for (i, &k) in key.iter().enumerate() {
        for (w, &word) in matrix.option_bits(i, usize::from(k)).iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                totals[w * 64 + bits.trailing_zeros() as usize] += 1;
                bits &= bits - 1;
            }
        }
    }
    totals
}

/// The groups as bitsets over the candidates, in plot order, with what they are.
fn score_groups(totals: &[u32], items: usize, k: usize, words: usize) -> Vec<(GroupKind, Vec<u64>)> {
    let n = totals.len();
    let mut histogram = vec![0usize; items + 1];
    for &t in totals {
        histogram[t as usize] += 1;
    }
    // The group of each score by its mid-rank: ⌊k · (2·below + count) / (2N)⌋ < k since below + count ≤ N.
    let mut group_of = vec![0usize; items + 1];
    let mut below = 0;
    for (s, &count) in histogram.iter().enumerate() {
        group_of[s] = k * (2 * below + count) / (2 * n);
        below += count;
    }
    let mut groups: Vec<(GroupKind, Vec<u64>)> = (0..k).map(|j| (GroupKind::Score(j), vec![0u64; words])).collect();
    for (c, &t) in totals.iter().enumerate() {
        bitset::set(&mut groups[group_of[t as usize]].1, c);
    }
    groups
}

/// Counts every item's options by group (see the module's doc for the groups).
pub fn option_groups(matrix: &ResponseMatrix, key: &[u8], grouping: &Grouping) -> Result<OptionGroups, AnalysisError> {
    check_input(matrix, key)?;
    let (n, words) = (matrix.candidates(), matrix.words());
    let totals = totals(matrix, key);
    let bits: Vec<(GroupKind, Vec<u64>)> = match grouping {
        Grouping::Scores(k) => {
            if !(2..=MAX_SCORE_GROUPS).contains(k) {
                return Err(AnalysisError::GroupCount(*k));
            }
            score_groups(&totals, matrix.items(), *k, words)
        }
        Grouping::Analysis(method) => {
            let prepared = prepare(matrix, key, method)?;
            let (upper, lower) = prepared.group_bits();
            match method {
                Method::Norm { .. } => {
                    // Everyone in neither group; the bits past the last candidate stay 0.
                    let mut middle: Vec<u64> = upper.iter().zip(lower).map(|(u, l)| !(u | l)).collect();
                    if n % 64 != 0 {
                        middle[words - 1] &= (1u64 << (n % 64)) - 1;
                    }
                    vec![(GroupKind::Lower, lower.to_vec()), (GroupKind::Middle, middle), (GroupKind::Upper, upper.to_vec())]
                }
                Method::Criterion(_) => vec![(GroupKind::Fail, lower.to_vec()), (GroupKind::Pass, upper.to_vec())],
            }
        }
    };
    let bits: Vec<(GroupKind, Vec<u64>)> = bits.into_iter().filter(|(_, b)| bitset::count(b) > 0).collect();
    let groups = bits
        .iter()
        .map(|(kind, b)| {
            let scores = totals.iter().enumerate().filter(|&(c, _)| b[c / 64] >> (c % 64) & 1 == 1).map(|(_, &t)| t);
            let (min, max) = scores.fold((u32::MAX, 0), |(lo, hi), t| (lo.min(t), hi.max(t)));
            ScoreGroup { kind: *kind, size: bitset::count(b), min, max }
        })
        .collect();
    let items = (0..matrix.items())
        .map(|i| {
            let chosen: Vec<Vec<u32>> = bits
                .iter()
                .map(|(_, b)| (0..matrix.options()).map(|o| bitset::count_and(matrix.option_bits(i, o), b)).collect())
                .collect();
            let omitted = bits.iter().zip(&chosen).map(|((_, b), c)| bitset::count(b) - c.iter().sum::<u32>()).collect();
            ItemGroups { item: i, key: key[i], chosen, omitted }
        })
        .collect();
    Ok(OptionGroups { groups, items })
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::domain::item_analysis::analyze::PassSource;
    use crate::domain::item_analysis::matrix::OMITTED;
    use crate::domain::prng::SplitMix64;

    /// 6 candidates, 2 items, 3 options, key (ก, ข). Totals: c0 2, c1 2, c2 1, c3 1, c4 0, c5 0.
    fn small() -> (ResponseMatrix, Vec<u8>) {
        #[rustfmt::skip]
        let codes = [
            0, 1,
            0, 1,
            0, 2,
            2, 1,
            1, OMITTED,
            OMITTED, 0,
        ];
        (ResponseMatrix::from_codes(2, 3, &codes).unwrap(), vec![0, 1])
    }

    #[test]
    fn hand_computed_three_groups() {
        let (m, key) = small();
        let g = option_groups(&m, &key, &Grouping::Scores(3)).unwrap();
        // Scores 0 (c4, c5), 1 (c2, c3), 2 (c0, c1): mid-ranks 1, 3, 5 of 6 → groups ⌊3·1/6⌋ = 0, ⌊3·3/6⌋ = 1, 2.
        let sizes: Vec<(GroupKind, u32, u32, u32)> = g.groups.iter().map(|s| (s.kind, s.size, s.min, s.max)).collect();
        assert_eq!(
            sizes,
            [(GroupKind::Score(0), 2, 0, 0), (GroupKind::Score(1), 2, 1, 1), (GroupKind::Score(2), 2, 2, 2)]
        );
        // Item 1 (key ก): low group chose ข and omitted; middle ก and ค; high ก twice.
        assert_eq!(g.items[0].chosen, [vec![0, 1, 0], vec![1, 0, 1], vec![2, 0, 0]]);
        assert_eq!(g.items[0].omitted, [1, 0, 0]);
        assert_eq!(g.share(0, 0, Some(1)), Hundredths(50));
        assert_eq!(g.share(0, 0, None), Hundredths(50));
        assert_eq!(g.share(0, 2, Some(0)), Hundredths(100));
        // Item 2 (key ข): low omitted and ก; middle ค and ข; high ข twice.
        assert_eq!(g.items[1].chosen, [vec![1, 0, 0], vec![0, 1, 1], vec![0, 2, 0]]);
        assert_eq!(g.items[1].omitted, [1, 0, 0]);
        assert_eq!(g.items[1].key, 1);
    }

    #[test]
    fn ties_are_never_split_and_n_below_k() {
        // Totals 0, 1, 1, 1, 1, 2 with k = 3: score 1 has mid-rank 1 + 2 = 3 of 6 → group 1; 0 → ⌊3·0.5/6⌋ = 0;
        // 2 → ⌊3·5.5/6⌋ = 2. The four tied candidates stay together (2 groups of 1 around them).
        let rows: Vec<Vec<Option<u8>>> =
            [0, 1, 1, 1, 1, 2].iter().map(|&t| (0..2).map(|i| Some(u8::from(i >= t))).collect()).collect();
        let m = ResponseMatrix::from_rows(2, 2, &rows).unwrap();
        let g = option_groups(&m, &[0, 0], &Grouping::Scores(3)).unwrap();
        assert_eq!(g.groups.iter().map(|s| s.size).collect::<Vec<_>>(), [1, 4, 1]);
        // k = 5: 0 → ⌊5·1/12⌋ = 0, 1 → ⌊5·6/12⌋ = 2, 2 → ⌊5·11/12⌋ = 4; groups 1 and 3 are empty and left out.
        let g = option_groups(&m, &[0, 0], &Grouping::Scores(5)).unwrap();
        let kinds: Vec<GroupKind> = g.groups.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [GroupKind::Score(0), GroupKind::Score(2), GroupKind::Score(4)]);
        // Everyone on one score: one group. Two candidates, five groups: two groups of one.
        let same = ResponseMatrix::from_codes(2, 2, &[0, 1, 0, 1, 0, 1]).unwrap();
        let g = option_groups(&same, &[0, 0], &Grouping::Scores(5)).unwrap();
        assert_eq!((g.groups.len(), g.groups[0].size), (1, 3));
        let two = ResponseMatrix::from_codes(2, 2, &[0, 0, 1, 1]).unwrap();
        let g = option_groups(&two, &[0, 0], &Grouping::Scores(5)).unwrap();
        let groups: Vec<(GroupKind, u32, u32)> = g.groups.iter().map(|s| (s.kind, s.size, s.min)).collect();
        assert_eq!(groups, [(GroupKind::Score(1), 1, 0), (GroupKind::Score(3), 1, 2)]);
        // Ten distinct totals in three groups: 3, 4, 3.
        let rows: Vec<Vec<Option<u8>>> = (0..10).map(|t| (0..9).map(|i| Some(u8::from(i >= t))).collect()).collect();
        let m = ResponseMatrix::from_rows(9, 2, &rows).unwrap();
        let g = option_groups(&m, &[0; 9], &Grouping::Scores(3)).unwrap();
        assert_eq!(g.groups.iter().map(|s| s.size).collect::<Vec<_>>(), [3, 4, 3]);
    }

    #[test]
    fn refusals() {
        let (m, key) = small();
        assert_eq!(option_groups(&m, &key, &Grouping::Scores(1)), Err(AnalysisError::GroupCount(1)));
        assert_eq!(option_groups(&m, &key, &Grouping::Scores(11)), Err(AnalysisError::GroupCount(11)));
        assert_eq!(option_groups(&m, &[0], &Grouping::Scores(3)), Err(AnalysisError::KeyLength { expected: 2, got: 1 }));
        assert_eq!(option_groups(&m, &[0, 3], &Grouping::Scores(3)), Err(AnalysisError::KeyOption { item: 1, option: 3 }));
        let empty = ResponseMatrix::new(0, 2, 3).unwrap();
        assert_eq!(option_groups(&empty, &key, &Grouping::Scores(3)), Err(AnalysisError::NoCandidates));
        assert!(AnalysisError::GroupCount(1).thai().contains("2 ถึง 10"));
    }

    /// A plain reference: per-candidate totals by `get`, the group of each candidate by counting the others (O(N²)),
    /// and per-candidate counting of answers.
    fn reference(m: &ResponseMatrix, key: &[u8], k: usize) -> Vec<(u32, Vec<Vec<u32>>, Vec<u32>)> {
        let n = m.candidates();
        let total = |c: usize| (0..m.items()).filter(|&i| m.get(c, i) == Some(key[i])).count();
        let totals: Vec<usize> = (0..n).map(total).collect();
        let group: Vec<usize> = totals
            .iter()
            .map(|&t| {
                let below = totals.iter().filter(|&&u| u < t).count();
                let same = totals.iter().filter(|&&u| u == t).count();
                // mid-rank (below + same/2) as a fraction of N, times k, rounded down.
                ((k as f64) * (below as f64 + same as f64 / 2.0) / n as f64).floor() as usize
            })
            .collect();
        (0..k)
            .filter(|&j| group.contains(&j))
            .map(|j| {
                let members: Vec<usize> = (0..n).filter(|&c| group[c] == j).collect();
                let chosen = (0..m.items())
                    .map(|i| (0..m.options()).map(|o| members.iter().filter(|&&c| m.get(c, i) == Some(o as u8)).count() as u32).collect())
                    .collect();
                let omitted = (0..m.items()).map(|i| members.iter().filter(|&&c| m.get(c, i).is_none()).count() as u32).collect();
                (members.len() as u32, chosen, omitted)
            })
            .collect()
    }

    #[test]
    fn seeded_random_matrices_match_a_brute_force_recount() {
        let mut rng = SplitMix64::new(16);
        for round in 0..40 {
            let n = 1 + rng.below(150) as usize;
            let items = 1 + rng.below(25) as usize;
            let options = 2 + rng.below(4) as usize;
            let codes: Vec<u8> = (0..n * items)
                .map(|_| if rng.below(12) == 0 { OMITTED } else { rng.below(options as u64) as u8 })
                .collect();
            let m = ResponseMatrix::from_codes(items, options, &codes).unwrap();
            let key: Vec<u8> = (0..items).map(|_| rng.below(options as u64) as u8).collect();
            let k = [2, 3, 5, 10][round % 4];
            let g = option_groups(&m, &key, &Grouping::Scores(k)).unwrap();
            let expected = reference(&m, &key, k);
            assert_eq!(g.groups.len(), expected.len(), "round {round}");
            assert_eq!(g.groups.iter().map(|s| s.size).sum::<u32>() as usize, n);
            for (gi, (size, chosen, omitted)) in expected.iter().enumerate() {
                assert_eq!(g.groups[gi].size, *size, "round {round} group {gi}");
                for i in 0..items {
                    assert_eq!(g.items[i].chosen[gi], chosen[i], "round {round} group {gi} item {i}");
                    assert_eq!(g.items[i].omitted[gi], omitted[i]);
                    let shares: i32 = (0..options as u8).map(|o| g.share(i, gi, Some(o)).0).sum::<i32>() + g.share(i, gi, None).0;
                    assert!((100 - options as i32..=100 + options as i32).contains(&shares), "shares add up to 1");
                }
            }
            // Ordered by score, ties never split: each group's scores lie above the previous group's.
            for w in g.groups.windows(2) {
                assert!(w[0].max < w[1].min, "round {round}: {w:?}");
            }
            // Candidate order does not matter.
            let mut order: Vec<usize> = (0..n).collect();
            rng.shuffle(&mut order);
            assert_eq!(option_groups(&m.permuted(&order), &key, &Grouping::Scores(k)).unwrap(), g);
        }
    }

    #[test]
    fn the_analysis_groups_are_the_analysis_own() {
        let mut rng = SplitMix64::new(7);
        let codes: Vec<u8> = (0..130 * 8).map(|_| rng.below(4) as u8).collect();
        let m = ResponseMatrix::from_codes(8, 4, &codes).unwrap();
        let key = [0, 1, 2, 3, 0, 1, 2, 3];
        let method = Method::norm_25();
        let a = crate::domain::item_analysis::analyze(&m, &key, &method).unwrap();
        let g = option_groups(&m, &key, &Grouping::Analysis(method)).unwrap();
        let kinds: Vec<(GroupKind, u32)> = g.groups.iter().map(|s| (s.kind, s.size)).collect();
        // 25 % of 130 = 32.5 → 33 per group, 64 in the middle.
        assert_eq!(kinds, [(GroupKind::Lower, 33), (GroupKind::Middle, 64), (GroupKind::Upper, 33)]);
        for (it, ig) in a.items.iter().zip(&g.items) {
            for o in &it.options {
                assert_eq!((ig.chosen[0][usize::from(o.option)], ig.chosen[2][usize::from(o.option)]), (o.lower, o.upper));
                let all: u32 = (0..3).map(|j| ig.chosen[j][usize::from(o.option)]).sum();
                assert_eq!(all, o.chosen);
            }
        }
        let cut = Method::Criterion(PassSource::CutPercent(Decimal::from(50)));
        let a = crate::domain::item_analysis::analyze(&m, &key, &cut).unwrap();
        let g = option_groups(&m, &key, &Grouping::Analysis(cut)).unwrap();
        let (pass, fail) = a.groups.sizes();
        let kinds: Vec<(GroupKind, u32)> = g.groups.iter().map(|s| (s.kind, s.size)).collect();
        assert_eq!(kinds, [(GroupKind::Fail, fail as u32), (GroupKind::Pass, pass as u32)]);
        assert_eq!(g.items[0].chosen[1][0], a.items[0].upper_correct);
    }
}
