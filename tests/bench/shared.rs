//! Shared by the native and the WebAssembly benchmark of the item analysis (included with `#[path]`): the data set,
//! one full run, and the summary both print so `.ci/bench` can check that they computed the same thing.

use mattrathan::domain::item_analysis::simulate::{sitting, Sitting};
use mattrathan::domain::item_analysis::{analyze, Analysis, Method, PassSource};
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// 10,000 candidates × 100 items × 4 options, from a fixed seed.
pub const CANDIDATES: usize = 10_000;
pub const ITEMS: usize = 100;
pub const OPTIONS: usize = 4;
pub const SEED: u64 = 2_568;
/// The cut score of the criterion run.
pub const CUT: i64 = 60;
/// Timed runs (the median is reported).
pub const RUNS: usize = 15;

pub fn data() -> Sitting {
    sitting(CANDIDATES, ITEMS, OPTIONS, SEED)
}

/// The full analysis: both methods, every item's distractors, item–rest r and KR-20 if deleted, test statistics.
pub fn full_run(s: &Sitting) -> (Analysis, Analysis) {
    let norm = analyze(&s.matrix, &s.key, &Method::norm_25()).expect("norm analysis");
    let criterion = analyze(&s.matrix, &s.key, &Method::Criterion(PassSource::CutPercent(Decimal::from(CUT))))
        .expect("criterion analysis");
    (norm, criterion)
}

pub fn median(times: &mut [f64]) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    let n = times.len();
    if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2.0
    }
}

/// A fingerprint of both results: test statistics and the sum of every displayed p and r (in hundredths).
pub fn summary(norm: &Analysis, criterion: &Analysis) -> Value {
    let hundredths = |a: &Analysis| -> i64 {
        a.items
            .iter()
            .flat_map(|i| std::iter::once((i.p.0, i.r.0)).chain(i.options.iter().map(|o| (o.p.0, o.r.0))))
            .map(|(p, r)| i64::from(p) * 3 + i64::from(r))
            .sum()
    };
    json!({
        "kr20": norm.test.kr20,
        "mean": norm.test.mean,
        "sd": norm.test.sd,
        "norm_checksum": hundredths(norm),
        "criterion_checksum": hundredths(criterion),
        "flagged": norm.items.iter().filter(|i| i.flagged()).count(),
    })
}
