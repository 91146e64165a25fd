//! A bank that learns (handbook parts 18 and 19): each bank item's quality history — its IOC, and p, r and the
//! verdict of every analysed session it appeared in — and the items the next draw leaves out: IOC under 0.50, or a
//! latest verdict of "ควรปรับปรุง", unless the standard includes the item on purpose with a reason
//! (`Standard::include_flagged`, shown on the paper).
//!
//! Nothing here is stored: the history is computed from the sessions' answers each time, with the norm-referenced
//! method of the item-analysis page (upper and lower 25 %), so it always agrees with what that page shows.

use std::collections::{BTreeMap, BTreeSet};

use super::answers::{CandidateResponses, SessionResponses};
use super::bank::BankItem;
use super::ioc::{ioc, Ioc, IocTable};
use super::records::{CandidateRecord, SessionRecord};
use crate::domain::item_analysis::session::{session_set, SessionMethod};
use crate::domain::item_analysis::{analyze, Hundredths, Verdict};

/// One analysed appearance of an item.
#[derive(Clone, Debug, PartialEq)]
pub struct Appearance {
    /// Session test date, `YYYY-MM-DD`.
    pub date: String,
    /// 1-based question number in that session.
    pub question: usize,
    pub p: Hundredths,
    pub r: Hundredths,
    pub verdict: Verdict,
}

/// An item's history: IOC (when every expert has rated it) and its appearances, oldest first.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ItemHistory {
    pub ioc: Option<Ioc>,
    pub appearances: Vec<Appearance>,
}

/// Why the next draw leaves an item out.
#[derive(Clone, Debug, PartialEq)]
pub enum Flag {
    /// IOC below 0.50 (its value).
    LowIoc(String),
    /// The latest analysed session said "ควรปรับปรุง" (that session's date, p and r).
    NeedsRevision { date: String, p: Hundredths, r: Hundredths },
}

impl Flag {
    pub fn thai(&self) -> String {
        match self {
            Flag::LowIoc(v) => format!("IOC {v} ต่ำกว่า 0.50"),
            Flag::NeedsRevision { date, p, r } => {
                let date = crate::domain::thai_date::long_date_from_iso(date).unwrap_or_else(|| date.clone());
                format!("ผลวิเคราะห์ล่าสุด ({date}) ควรปรับปรุง: p = {p}, r = {r}")
            }
        }
    }
}

impl ItemHistory {
    pub fn latest(&self) -> Option<&Appearance> {
        self.appearances.last()
    }

    /// What is wrong with the item now, empty when nothing is.
    pub fn flags(&self) -> Vec<Flag> {
        let mut flags = Vec::new();
        if let Some(i) = self.ioc.as_ref().filter(|i| !i.usable) {
            flags.push(Flag::LowIoc(i.text.clone()));
        }
        if let Some(a) = self.latest().filter(|a| a.verdict == Verdict::NeedsRevision) {
            flags.push(Flag::NeedsRevision { date: a.date.clone(), p: a.p, r: a.r });
        }
        flags
    }
}

/// Every bank item's history from the standard's IOC table and its sessions' answers. A session that cannot be
/// analysed (too few candidates with answers) adds nothing.
pub fn bank_history(bank: &[BankItem], table: &IocTable, sessions: &[SessionRecord], candidates: &[CandidateRecord]) -> BTreeMap<u32, ItemHistory> {
    let experts = table.experts.len();
    // Built by insertion: collecting into a map would compile a sort for it into the page.
    let mut out: BTreeMap<u32, ItemHistory> = BTreeMap::new();
    for b in bank {
        let ratings = table.ratings.get(&b.id).map_or(&[][..], Vec::as_slice);
        out.insert(b.id, ItemHistory { ioc: ioc(ratings, experts).ok(), appearances: Vec::new() });
    }
    let mut ordered: Vec<&SessionRecord> = sessions.iter().collect();
    crate::domain::sort::sort_by_key(&mut ordered, |s| (s.date.clone(), s.meta.created.clone()));
    for s in ordered {
        let responses = SessionResponses {
            key: s.key.clone(),
            options: s.options.clone(),
            candidates: candidates
                .iter()
                .filter(|c| c.session == s.meta.id)
                .map(|c| CandidateResponses { candidate: c.person.number.clone(), chosen: c.answers.clone(), pass: None })
                .collect(),
        }
        .analysable();
        let Ok(set) = session_set(&responses, SessionMethod::default()) else { continue };
        let Ok(analysis) = analyze(&set.data.matrix, &set.data.key, &set.method) else { continue };
        for (q, item) in analysis.items.iter().enumerate() {
            if let Some(h) = s.items.get(q).and_then(|id| out.get_mut(id)) {
                h.appearances.push(Appearance { date: s.date.clone(), question: q + 1, p: item.p, r: item.r, verdict: item.verdict });
            }
        }
    }
    out
}

/// The bank items the next draw leaves out: flagged and not `included` on purpose (`Standard::include_flagged`).
pub fn left_out(included: &BTreeMap<u32, String>, history: &BTreeMap<u32, ItemHistory>) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    for (id, h) in history {
        if !included.contains_key(id) && !h.flags().is_empty() {
            out.insert(*id);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::record::{Meta, Record};
    use crate::domain::section26::candidates::Person;
    use crate::domain::section26::standard::tests::complete;

    /// A stored session of `items` (bank ids in question order) keyed `key`, four options each.
    pub(crate) fn session(id: &str, date: &str, items: Vec<u32>, key: Vec<u8>) -> SessionRecord {
        SessionRecord {
            meta: Meta::new(id.into(), SessionRecord::KIND, "std", "2026-01-01T00:00:00.000Z"),
            standard: "std".into(),
            date: date.into(),
            place: String::new(),
            tester: String::new(),
            judges: vec![],
            options: vec![4; items.len()],
            items,
            key,
            bank_override: None,
        }
    }

    /// Candidate `n` (`A00n`) of `session` with these answers.
    pub(crate) fn candidate(session: &str, n: usize, answers: &[u8]) -> CandidateRecord {
        CandidateRecord {
            meta: Meta::new(format!("{session}-{n}"), CandidateRecord::KIND, "std", "2026-01-01T00:00:00.000Z"),
            session: session.into(),
            person: Person { number: format!("A{n:03}"), name: format!("ผู้สอบ {n}"), ..Person::default() },
            answers: answers.iter().map(|&a| Some(a)).collect(),
        }
    }

    /// Eight candidates on items 1 and 2 (key ก ก): item 1 is answered right by the top half only (p 0.50, r 1.00,
    /// good); item 2 right by everyone (p 1.00, r 0.00: needs revision).
    fn answers(session: &str) -> Vec<CandidateRecord> {
        (0..8).map(|n| candidate(session, n, &[if n < 4 { 0 } else { 1 }, 0])).collect()
    }

    #[test]
    fn history_from_the_sessions_and_the_items_left_out() {
        let mut std = complete();
        let (a, b) = (std.bank[0].id, std.bank[1].id);
        // IOC: item a rated −1, 0, +1 by three experts → 0.00 (below 0.50).
        std.ioc.experts = vec!["x".into(), "y".into(), "z".into()];
        std.ioc.ratings.insert(a, vec![Some(-1), Some(0), Some(1)]);
        let sessions = vec![session("s2", "2026-03-01", vec![b, a], vec![0, 0]), session("s1", "2026-02-01", vec![a, b], vec![0, 0])];
        let mut cands = answers("s1");
        cands.extend(answers("s2"));
        let h = bank_history(&std.bank, &std.ioc, &sessions, &cands);
        let ha = &h[&a];
        assert_eq!(ha.ioc.as_ref().map(|i| i.text.as_str()), Some("0.00"));
        // Oldest first: in s1 item a was question 1 (good), in s2 question 2 (everyone right → needs revision).
        let seen: Vec<(&str, usize, String, String, Verdict)> =
            ha.appearances.iter().map(|x| (x.date.as_str(), x.question, x.p.to_string(), x.r.to_string(), x.verdict)).collect();
        assert_eq!(
            seen,
            vec![
                ("2026-02-01", 1, "0.50".into(), "1.00".into(), Verdict::Good),
                ("2026-03-01", 2, "1.00".into(), "0.00".into(), Verdict::NeedsRevision),
            ]
        );
        assert_eq!(
            ha.flags().iter().map(Flag::thai).collect::<Vec<_>>(),
            vec!["IOC 0.00 ต่ำกว่า 0.50", "ผลวิเคราะห์ล่าสุด (1 มีนาคม 2569) ควรปรับปรุง: p = 1.00, r = 0.00"]
        );
        // Item b: needs revision in s1, good in s2 → the latest counts, no flag; never-used items have no history.
        assert!(h[&b].flags().is_empty());
        assert!(h[&std.bank[2].id].appearances.is_empty() && h[&std.bank[2].id].flags().is_empty());
        assert_eq!(left_out(&std.include_flagged, &h), BTreeSet::from([a]));
        // Included on purpose with a reason: drawn again.
        std.include_flagged.insert(a, "ข้อบังคับตามหลักสูตร".into());
        assert!(left_out(&std.include_flagged, &h).is_empty());
        // A session nobody answered adds nothing.
        let h = bank_history(&std.bank, &std.ioc, &[session("s3", "2026-04-01", vec![a], vec![0])], &[]);
        assert!(h[&a].appearances.is_empty());
    }

    /// A matching premise (a question of 6 answers) and a true/false item (2) keep a history like multiple choice: p
    /// and r from right/wrong, though the matching set has more answers than item analysis reads.
    #[test]
    fn true_false_and_matching_items_learn_too() {
        let std = complete();
        let (a, b) = (std.bank[0].id, std.bank[1].id);
        let mut s = session("s1", "2026-02-01", vec![a, b], vec![5, 1]);
        s.options = vec![6, 2];
        // Matching (key ฉ): the top half right, the bottom half chose ข; true/false (key ข): everyone right.
        let cands: Vec<CandidateRecord> = (0..8).map(|n| candidate("s1", n, &[if n < 4 { 5 } else { 1 }, 1])).collect();
        let h = bank_history(&std.bank, &std.ioc, &[s], &cands);
        let p_r = |id: u32| h[&id].appearances.iter().map(|x| (x.p.to_string(), x.r.to_string(), x.verdict)).collect::<Vec<_>>();
        assert_eq!(p_r(a), vec![("0.50".into(), "1.00".into(), Verdict::Good)]);
        assert_eq!(p_r(b), vec![("1.00".into(), "0.00".into(), Verdict::NeedsRevision)]);
    }
}
