//! The item-analysis benchmark in headless Chromium (WebAssembly), timed with `performance.now()`. Run by
//! `.ci/bench`: `cargo test --release --target wasm32-unknown-unknown --test item_analysis_bench_wasm -- --nocapture`.
//! Same data (same seed, same arithmetic) and the same full run as the native benchmark.
#![cfg(target_arch = "wasm32")]

#[path = "bench/shared.rs"]
mod shared;

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance)]
    fn now() -> f64;
}

#[wasm_bindgen_test]
fn bench_wasm() {
    let t = now();
    let s = shared::data();
    let generated = now() - t;
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..shared::RUNS {
        let t = now();
        let result = shared::full_run(&s);
        times.push(now() - t);
        last = Some(result);
    }
    let (norm, criterion) = last.unwrap();
    let median = shared::median(&mut times);
    console_log!(
        "WASM {}",
        serde_json::json!({
            "median_ms": median,
            "min_ms": times[0],
            "runs": shared::RUNS,
            "generate_ms": generated,
            "summary": shared::summary(&norm, &criterion),
        })
    );
}
