//! The analysis itself: groups, per-item p and r with bands and verdict, per-option distractor figures, and the
//! test statistics. [`analyze`] does everything; the UI runs the same steps in chunks ([`prepare`], then
//! [`Prepared::item`] for each item, then [`Prepared::finish`]) so the page can yield between chunks.
//!
//! Speed: totals are counted bit-sliced (the item's correct-answer bitset is added into binary counter planes,
//! 64 candidates per word operation); the groups come from the score histogram without sorting; each item is one
//! pass of AND + popcount over its option bitsets. Nothing is allocated per candidate per item, and memory is
//! linear in the data.
//!
//! Statistics beyond the seed use `f64` from exact integer sums: SD has divisor N (the population SD, the same
//! variance KR-20 uses); KR-20 = k/(k−1)·(1 − Σpq/σ²) over all candidates (omitted counts as wrong); SEM = SD·√(1 −
//! KR-20); item–rest r is the point-biserial correlation of the item with the total of the other items; "KR-20 if
//! deleted" is KR-20 of the other k−1 items.

use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::matrix::{bitset, ResponseMatrix};
use super::rules::{advice, verdict, Advice, Difficulty, Discrimination, Hundredths, Reason, Verdict};

/// How candidates are split into the two groups compared by p and r.
#[derive(Clone, Debug, PartialEq)]
pub enum Method {
    /// Norm-referenced: the upper and lower `fraction` of candidates by total score (0 < fraction ≤ 0.5; the
    /// handbook uses 0.25, 0.27 is also common).
    Norm { fraction: Decimal },
    /// Criterion-referenced: those who passed against those who did not.
    Criterion(PassSource),
}

impl Method {
    /// The handbook's default: upper and lower 25 %.
    pub fn norm_25() -> Method {
        Method::Norm { fraction: Decimal::new(25, 2) }
    }
}

/// Where the pass decisions of the criterion method come from.
#[derive(Clone, Debug, PartialEq)]
pub enum PassSource {
    /// One decision per candidate, in matrix order (e.g. from the certificate model of the test session).
    Decisions(Vec<bool>),
    /// Pass when the knowledge score is at least this percent of the items (0–100).
    CutPercent(Decimal),
}

/// Why an analysis cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnalysisError {
    NoCandidates,
    NoItems,
    KeyLength {
        expected: usize,
        got: usize,
    },
    KeyOption {
        item: usize,
        option: u8,
    },
    Fraction(String),
    /// The group fraction gives no candidate, or groups that would overlap.
    GroupSize {
        candidates: usize,
        size: usize,
    },
    Cut(String),
    DecisionsLength {
        expected: usize,
        got: usize,
    },
    /// The criterion method needs at least one candidate on each side.
    OneSided {
        pass: usize,
        fail: usize,
    },
    /// Option plots split the candidates into 2 to [`MAX_SCORE_GROUPS`](super::option_groups::MAX_SCORE_GROUPS)
    /// score groups.
    GroupCount(usize),
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalysisError::NoCandidates => write!(f, "no candidates"),
            AnalysisError::NoItems => write!(f, "no items"),
            AnalysisError::KeyLength { expected, got } => write!(f, "the key has {got} items, the test {expected}"),
            AnalysisError::KeyOption { item, option } => {
                write!(f, "item {}: key option index {option} is out of range", item + 1)
            }
            AnalysisError::Fraction(v) => write!(f, "group fraction {v} must be above 0 and at most 0.5"),
            AnalysisError::GroupSize { candidates, size } => {
                write!(f, "{candidates} candidates give groups of {size}: need at least 1 and no overlap")
            }
            AnalysisError::Cut(v) => write!(f, "cut score {v} must be a percent from 0 to 100"),
            AnalysisError::DecisionsLength { expected, got } => {
                write!(f, "{got} pass decisions for {expected} candidates")
            }
            AnalysisError::OneSided { pass, fail } => write!(
                f,
                "{pass} passed and {fail} did not: the criterion method needs at least one candidate on each side"
            ),
            AnalysisError::GroupCount(k) => write!(
                f,
                "{k} score groups: option plots use 2 to {}",
                super::option_groups::MAX_SCORE_GROUPS
            ),
        }
    }
}

impl AnalysisError {
    /// The message in Thai, for the app.
    pub fn thai(&self) -> String {
        match self {
            AnalysisError::NoCandidates => "ไม่มีผู้เข้าสอบ".into(),
            AnalysisError::NoItems => "ไม่มีข้อสอบ".into(),
            AnalysisError::KeyLength { expected, got } => format!("เฉลยมี {got} ข้อ แต่ข้อสอบมี {expected} ข้อ"),
            AnalysisError::KeyOption { item, .. } => format!("ข้อ {}: เฉลยไม่อยู่ในตัวเลือกของข้อ", item + 1),
            AnalysisError::Fraction(v) => format!("สัดส่วนกลุ่ม {v}: ต้องมากกว่า 0 และไม่เกิน 0.5"),
            AnalysisError::GroupSize { candidates, size } => {
                format!("ผู้เข้าสอบ {candidates} คน ได้กลุ่มละ {size} คน: ต้องมีอย่างน้อยกลุ่มละ 1 คนและกลุ่มสูงกับกลุ่มต่ำต้องไม่ซ้อนกัน")
            }
            AnalysisError::Cut(v) => format!("เกณฑ์ผ่าน {v}: ต้องเป็นร้อยละ 0–100"),
            AnalysisError::DecisionsLength { expected, got } => {
                format!("ผลการตัดสินมี {got} คน แต่ผู้เข้าสอบมี {expected} คน")
            }
            AnalysisError::OneSided { pass, fail } => {
                format!("ผ่านเกณฑ์ {pass} คน ไม่ผ่าน {fail} คน: แบบอิงเกณฑ์ต้องมีทั้งผู้ผ่านและผู้ไม่ผ่านอย่างน้อยฝ่ายละ 1 คน")
            }
            AnalysisError::GroupCount(k) => {
                format!("แบ่ง {k} กลุ่ม: กราฟตัวเลือกแบ่งได้ 2 ถึง {} กลุ่ม", super::option_groups::MAX_SCORE_GROUPS)
            }
        }
    }
}

/// The groups actually used.
#[derive(Clone, Debug, PartialEq)]
pub enum GroupsUsed {
    /// `size` = g = round(fraction × N), half up; each group has g candidates, N in the formula is 2g.
    Norm { fraction: Decimal, size: usize },
    /// n1 passed, n2 did not. `min_score` is the lowest passing score when a cut percent was used.
    Criterion { pass: usize, fail: usize, cut: Option<Decimal>, min_score: Option<u32> },
}

impl GroupsUsed {
    /// Sizes of the upper (or pass) and lower (or fail) groups.
    pub fn sizes(&self) -> (usize, usize) {
        match self {
            GroupsUsed::Norm { size, .. } => (*size, *size),
            GroupsUsed::Criterion { pass, fail, .. } => (*pass, *fail),
        }
    }

    /// `norm` or `criterion`.
    pub fn code(&self) -> &'static str {
        match self {
            GroupsUsed::Norm { .. } => "norm",
            GroupsUsed::Criterion { .. } => "criterion",
        }
    }
}

/// One option of one item.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionResult {
    /// 0-based option index (0 = ก / A).
    pub option: u8,
    pub is_key: bool,
    /// Chosen in the upper (pass) group and in the lower (fail) group.
    pub upper: u32,
    pub lower: u32,
    /// Chosen by all candidates.
    pub chosen: u32,
    pub p: Hundredths,
    pub r: Hundredths,
    pub advice: Option<Advice>,
}

/// One item.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    /// 0-based item index.
    pub index: usize,
    pub key: u8,
    /// Correct in the upper (pass) group: H (U); in the lower (fail) group: L.
    pub upper_correct: u32,
    pub lower_correct: u32,
    pub p: Hundredths,
    pub r: Hundredths,
    pub difficulty: Difficulty,
    pub discrimination: Discrimination,
    pub verdict: Verdict,
    pub reasons: Vec<Reason>,
    pub options: Vec<OptionResult>,
    /// Correct among all candidates.
    pub correct: u32,
    /// Omitted among all candidates (counted as wrong everywhere).
    pub omitted: u32,
    /// Item–rest point-biserial correlation; `None` when the item or the rest score does not vary.
    pub rest_r: Option<f64>,
    /// KR-20 of the test without this item; `None` when it cannot be computed (fewer than 3 items, no variance).
    pub kr20_if_deleted: Option<f64>,
}

impl ItemResult {
    /// Needs revision: shown first in the item table.
    pub fn flagged(&self) -> bool {
        self.verdict == Verdict::NeedsRevision
    }
}

/// Statistics of the whole test (knowledge scores = number correct).
#[derive(Clone, Debug, PartialEq)]
pub struct TestStats {
    pub candidates: usize,
    pub items: usize,
    pub mean: f64,
    /// Population SD (divisor N).
    pub sd: f64,
    pub median: f64,
    pub min: u32,
    pub max: u32,
    pub kr20: Option<f64>,
    pub sem: Option<f64>,
    /// Omitted answers over all candidates and items.
    pub omitted: u64,
}

/// The full analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub groups: GroupsUsed,
    pub items: Vec<ItemResult>,
    pub test: TestStats,
    /// Number of candidates with each score 0..=items.
    pub histogram: Vec<u32>,
}

/// Everything computed once before the items: totals (as bit planes), histogram, groups, sums.
#[derive(Debug)]
pub struct Prepared<'a> {
    matrix: &'a ResponseMatrix,
    key: &'a [u8],
    groups: GroupsUsed,
    upper: Vec<u64>,
    lower: Vec<u64>,
    /// Bit `b` of every candidate's total, `planes[b * words ..][..words]`.
    planes: Vec<u64>,
    histogram: Vec<u32>,
    /// Correct answers per item among all candidates.
    correct: Vec<u32>,
    sum_t: i128,
    sum_t2: i128,
    /// Σ c(N − c) over items: N² · Σpq.
    pq: i128,
}

/// Runs the whole analysis.
pub fn analyze(matrix: &ResponseMatrix, key: &[u8], method: &Method) -> Result<Analysis, AnalysisError> {
    let prepared = prepare(matrix, key, method)?;
    let items = (0..matrix.items()).map(|i| prepared.item(i)).collect();
    Ok(prepared.finish(items))
}

/// Refuses a matrix without candidates or items, and a key of the wrong length or with an option the items lack.
pub(crate) fn check_input(matrix: &ResponseMatrix, key: &[u8]) -> Result<(), AnalysisError> {
    let k = matrix.items();
    if matrix.candidates() == 0 {
        return Err(AnalysisError::NoCandidates);
    }
    if k == 0 {
        return Err(AnalysisError::NoItems);
    }
    if key.len() != k {
        return Err(AnalysisError::KeyLength { expected: k, got: key.len() });
    }
    if let Some((item, &option)) = key.iter().enumerate().find(|(_, &o)| usize::from(o) >= matrix.options()) {
        return Err(AnalysisError::KeyOption { item, option });
    }
    Ok(())
}

/// The first step: checks the input, counts totals, forms the groups.
pub fn prepare<'a>(matrix: &'a ResponseMatrix, key: &'a [u8], method: &Method) -> Result<Prepared<'a>, AnalysisError> {
    check_input(matrix, key)?;
    let (n, k, words) = (matrix.candidates(), matrix.items(), matrix.words());
    let correct_bits = |i: usize| matrix.option_bits(i, usize::from(key[i]));

    // Totals, bit-sliced: add each item's correct bitset into binary counter planes (ripple carry per word).
    let plane_count = (usize::BITS - k.leading_zeros()) as usize;
    let mut planes = vec![0u64; plane_count * words];
    for i in 0..k {
        for (w, &bits) in correct_bits(i).iter().enumerate() {
            let mut carry = bits;
            let mut b = 0;
            while carry != 0 {
                let plane = &mut planes[b * words + w];
                let next = *plane & carry;
                *plane ^= carry;
                carry = next;
                b += 1;
            }
        }
    }
    let total = |c: usize| -> u32 {
        let (w, bit) = (c / 64, c % 64);
        (0..plane_count).map(|b| (((planes[b * words + w] >> bit) & 1) as u32) << b).sum()
    };
    let totals: Vec<u32> = (0..n).map(total).collect();
    let mut histogram = vec![0u32; k + 1];
    for &t in &totals {
        histogram[t as usize] += 1;
    }
    let (mut sum_t, mut sum_t2) = (0i128, 0i128);
    for (s, &count) in histogram.iter().enumerate() {
        sum_t += (s as i128) * i128::from(count);
        sum_t2 += (s as i128) * (s as i128) * i128::from(count);
    }
    let correct: Vec<u32> = (0..k).map(|i| bitset::count(correct_bits(i))).collect();
    let pq = correct.iter().map(|&c| i128::from(c) * (n as i128 - i128::from(c))).sum();

    let (groups, upper, lower) = match method {
        Method::Norm { fraction } => norm_groups(*fraction, &totals, &histogram, words)?,
        Method::Criterion(source) => criterion_groups(source, &totals, k, words)?,
    };
    Ok(Prepared { matrix, key, groups, upper, lower, planes, histogram, correct, sum_t, sum_t2, pq })
}

/// Upper and lower g by total score, highest first, ties in candidate order (a stable sort), found from the
/// histogram without sorting.
fn norm_groups(
    fraction: Decimal,
    totals: &[u32],
    histogram: &[u32],
    words: usize,
) -> Result<(GroupsUsed, Vec<u64>, Vec<u64>), AnalysisError> {
    if fraction <= Decimal::ZERO || fraction > Decimal::new(5, 1) {
        return Err(AnalysisError::Fraction(fraction.normalize().to_string()));
    }
    let n = totals.len();
    let g = (fraction * Decimal::from(n))
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_usize()
        .expect("a group size fits");
    if g == 0 || 2 * g > n {
        return Err(AnalysisError::GroupSize { candidates: n, size: g });
    }
    // The score at which each group ends, and how many of the candidates with that score it takes.
    let boundary = |scores: &mut dyn Iterator<Item = usize>| -> (u32, usize) {
        let mut left = g;
        for s in scores {
            let here = histogram[s] as usize;
            if here >= left {
                return (s as u32, left);
            }
            left -= here;
        }
        unreachable!("g ≤ N")
    };
    let (top_score, top_take) = boundary(&mut (0..histogram.len()).rev());
    let (bottom_score, bottom_take) = boundary(&mut (0..histogram.len()));
    // Sorted highest first with ties in candidate order: the upper group takes the first of the tied candidates,
    // the lower group (the end of the list) the last ones.
    let bottom_skip = histogram[bottom_score as usize] as usize - bottom_take;
    let (mut upper, mut lower) = (vec![0u64; words], vec![0u64; words]);
    let (mut top_seen, mut bottom_seen) = (0, 0);
    for (c, &t) in totals.iter().enumerate() {
        if t > top_score || (t == top_score && top_seen < top_take) {
            bitset::set(&mut upper, c);
        }
        if t == top_score {
            top_seen += 1;
        }
        if t < bottom_score || (t == bottom_score && bottom_seen >= bottom_skip) {
            bitset::set(&mut lower, c);
        }
        if t == bottom_score {
            bottom_seen += 1;
        }
    }
    Ok((GroupsUsed::Norm { fraction: fraction.normalize(), size: g }, upper, lower))
}

/// Pass and fail groups from the decisions or the cut score.
fn criterion_groups(
    source: &PassSource,
    totals: &[u32],
    items: usize,
    words: usize,
) -> Result<(GroupsUsed, Vec<u64>, Vec<u64>), AnalysisError> {
    let n = totals.len();
    let (mut pass, mut fail) = (vec![0u64; words], vec![0u64; words]);
    let (cut, min_score) = match source {
        PassSource::Decisions(d) => {
            if d.len() != n {
                return Err(AnalysisError::DecisionsLength { expected: n, got: d.len() });
            }
            for (c, &passed) in d.iter().enumerate() {
                bitset::set(if passed { &mut pass } else { &mut fail }, c);
            }
            (None, None)
        }
        PassSource::CutPercent(cut) => {
            if *cut < Decimal::ZERO || *cut > Decimal::ONE_HUNDRED {
                return Err(AnalysisError::Cut(cut.normalize().to_string()));
            }
            // score / items × 100 ≥ cut  ⇔  score ≥ cut × items / 100 (exact in decimals).
            let min = (*cut * Decimal::from(items) / Decimal::ONE_HUNDRED).ceil().to_u32().expect("within items");
            for (c, &t) in totals.iter().enumerate() {
                bitset::set(if t >= min { &mut pass } else { &mut fail }, c);
            }
            (Some(cut.normalize()), Some(min))
        }
    };
    let (n1, n2) = (bitset::count(&pass) as usize, bitset::count(&fail) as usize);
    if n1 == 0 || n2 == 0 {
        return Err(AnalysisError::OneSided { pass: n1, fail: n2 });
    }
    Ok((GroupsUsed::Criterion { pass: n1, fail: n2, cut, min_score }, pass, fail))
}

/// p = (a + b) / (n1 + n2) and r = a/n1 − b/n2 on the displayed scale. With n1 = n2 = g this is the norm method's
/// p = (H + L)/N, r = (H − L)/(N/2).
fn p_r(a: u32, b: u32, n1: usize, n2: usize) -> (Hundredths, Hundredths) {
    let (a, b, n1, n2) = (i64::from(a), i64::from(b), n1 as i64, n2 as i64);
    (Hundredths::ratio(a + b, n1 + n2), Hundredths::ratio(a * n2 - b * n1, n1 * n2))
}

impl Prepared<'_> {
    pub fn groups(&self) -> &GroupsUsed {
        &self.groups
    }

    /// The candidates of the upper (pass) and the lower (fail) group, as bitsets over the candidates.
    pub(crate) fn group_bits(&self) -> (&[u64], &[u64]) {
        (&self.upper, &self.lower)
    }

    pub fn items(&self) -> usize {
        self.matrix.items()
    }

    /// One item: a pass over its option bitsets.
    pub fn item(&self, i: usize) -> ItemResult {
        let m = self.matrix;
        let (n, k, words) = (m.candidates() as i128, m.items(), m.words());
        let (n1, n2) = self.groups.sizes();
        let key = self.key[i];
        let mut chosen_total = 0u32;
        let options: Vec<OptionResult> = (0..m.options())
            .map(|o| {
                let bits = m.option_bits(i, o);
                let chosen = bitset::count(bits);
                chosen_total += chosen;
                let (upper, lower) = (bitset::count_and(bits, &self.upper), bitset::count_and(bits, &self.lower));
                let (p, r) = p_r(upper, lower, n1, n2);
                let is_key = o == usize::from(key);
                OptionResult { option: o as u8, is_key, upper, lower, chosen, p, r, advice: advice(is_key, p, r) }
            })
            .collect();
        let key_option = &options[usize::from(key)];
        let (p, r) = (key_option.p, key_option.r);
        let (verdict, reasons) = verdict(p, r);

        // Item–rest correlation and KR-20 without the item, from exact sums: x = item (0/1), R = total − x.
        let correct_bits = m.option_bits(i, usize::from(key));
        let c = i128::from(self.correct[i]);
        let s: i128 = (0..self.planes.len() / words.max(1))
            .map(|b| i128::from(bitset::count_and(correct_bits, &self.planes[b * words..(b + 1) * words])) << b)
            .sum();
        let sum_r = self.sum_t - c;
        let sum_r2 = self.sum_t2 - 2 * s + c;
        let cov = n * (s - c) - c * sum_r; // N² · cov(x, R)
        let var_x = n * c - c * c; // N² · var(x)
        let var_r = n * sum_r2 - sum_r * sum_r; // N² · var(R)
        let rest_r = (var_x > 0 && var_r > 0).then(|| cov as f64 / ((var_x as f64) * (var_r as f64)).sqrt());
        let kr20_if_deleted = kr20(k - 1, self.pq - c * (n - c), var_r);

        ItemResult {
            index: i,
            key,
            upper_correct: key_option.upper,
            lower_correct: key_option.lower,
            p,
            r,
            difficulty: Difficulty::of(p),
            discrimination: Discrimination::of(r),
            verdict,
            reasons,
            correct: self.correct[i],
            omitted: m.candidates() as u32 - chosen_total,
            rest_r,
            kr20_if_deleted,
            options,
        }
    }

    /// The last step: the test statistics, with the item results made by [`Prepared::item`].
    pub fn finish(self, items: Vec<ItemResult>) -> Analysis {
        let n = self.matrix.candidates();
        let ni = n as i128;
        let var_num = ni * self.sum_t2 - self.sum_t * self.sum_t; // N² · σ²
        let mean = self.sum_t as f64 / n as f64;
        let sd = (var_num as f64).sqrt() / n as f64;
        let kr20 = kr20(self.matrix.items(), self.pq, var_num);
        let test = TestStats {
            candidates: n,
            items: self.matrix.items(),
            mean,
            sd,
            median: median(&self.histogram, n),
            min: self.histogram.iter().position(|&h| h > 0).unwrap_or(0) as u32,
            max: self.histogram.iter().rposition(|&h| h > 0).unwrap_or(0) as u32,
            kr20,
            sem: kr20.map(|r| sd * (1.0 - r).max(0.0).sqrt()),
            omitted: items.iter().map(|i| u64::from(i.omitted)).sum(),
        };
        Analysis { groups: self.groups, items, test, histogram: self.histogram }
    }
}

/// KR-20 = k/(k−1) · (1 − Σpq/σ²), from `pq` = N²Σpq and `var` = N²σ². `None` for k < 2 or σ² = 0.
fn kr20(k: usize, pq: i128, var: i128) -> Option<f64> {
    (k >= 2 && var > 0).then(|| k as f64 / (k - 1) as f64 * (1.0 - pq as f64 / var as f64))
}

/// The median score from the histogram (mean of the two middle scores when N is even).
fn median(histogram: &[u32], n: usize) -> f64 {
    let at = |pos: usize| -> usize {
        let mut seen = 0usize;
        for (s, &h) in histogram.iter().enumerate() {
            seen += h as usize;
            if seen > pos {
                return s;
            }
        }
        histogram.len() - 1
    };
    if n % 2 == 1 {
        at(n / 2) as f64
    } else {
        (at(n / 2 - 1) + at(n / 2)) as f64 / 2.0
    }
}
