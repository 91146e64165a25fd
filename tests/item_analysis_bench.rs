#![cfg(not(target_arch = "wasm32"))]

//! Native benchmark of the item analysis (not a timed test: ignored unless asked for, run by `.ci/bench` in a
//! release build). Generates the 10,000 × 100 × 4 set from its seed, writes it as CSV for the NumPy reference
//! (`IA_BENCH_DIR`), times the full analysis (median of several runs) and writes the results for comparison.
//!
//! `IA_BENCH_DIR=/tmp/x cargo test --release --test item_analysis_bench -- --ignored --nocapture`

#[path = "bench/shared.rs"]
mod shared;

use std::time::Instant;

use mattrathan::domain::item_analysis::exchange::cli_json;
use mattrathan::domain::item_analysis::{parse_dataset, Dataset};

#[test]
#[ignore = "benchmark: run by .ci/bench in a release build"]
fn bench_native() {
    let t = Instant::now();
    let s = shared::data();
    let generated = t.elapsed().as_secs_f64() * 1e3;
    let (responses, key) = (s.responses_csv(), s.key_csv());
    let t = Instant::now();
    let data: Dataset = parse_dataset(&responses, &key, Some(shared::OPTIONS)).unwrap();
    let parsed = t.elapsed().as_secs_f64() * 1e3;
    assert_eq!(data.matrix, s.matrix);

    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..shared::RUNS {
        let t = Instant::now();
        let result = shared::full_run(&s);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        last = Some(result);
    }
    let (norm, criterion) = last.unwrap();
    let median = shared::median(&mut times);
    let matrix_bytes = shared::OPTIONS * shared::ITEMS * s.matrix.words() * 8;
    println!(
        "NATIVE {}",
        serde_json::json!({
            "median_ms": median,
            "min_ms": times[0],
            "runs": shared::RUNS,
            "generate_ms": generated,
            "parse_csv_ms": parsed,
            "csv_bytes": responses.len(),
            "matrix_bytes": matrix_bytes,
            "summary": shared::summary(&norm, &criterion),
        })
    );
    if let Ok(dir) = std::env::var("IA_BENCH_DIR") {
        let dir = std::path::Path::new(&dir);
        std::fs::write(dir.join("responses.csv"), &responses).unwrap();
        std::fs::write(dir.join("key.csv"), &key).unwrap();
        std::fs::write(dir.join("native_norm.json"), cli_json(&data, &norm).to_string()).unwrap();
        std::fs::write(dir.join("native_criterion.json"), cli_json(&data, &criterion).to_string()).unwrap();
    }
}

/// The national-scale set (issue 16: 140,000 candidates × 290 items × 4 options, the size of TiaPlus's published
/// figure), written as CSV to `IA_BENCH_LARGE_DIR` for `.ci/bench` to time the command line and NumPy on it.
#[test]
#[ignore = "benchmark: run by .ci/bench in a release build"]
fn write_national_set() {
    let Ok(dir) = std::env::var("IA_BENCH_LARGE_DIR") else { return };
    let t = Instant::now();
    let s = mattrathan::domain::item_analysis::simulate::sitting(
        140_000,
        290,
        shared::OPTIONS,
        shared::SEED,
    );
    let dir = std::path::Path::new(&dir);
    std::fs::write(dir.join("responses.csv"), s.responses_csv()).unwrap();
    std::fs::write(dir.join("key.csv"), s.key_csv()).unwrap();
    println!("LARGE {}", serde_json::json!({"generate_ms": t.elapsed().as_secs_f64() * 1e3}));
}
