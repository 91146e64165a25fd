//! Browser tests of `mattrathan::store` (IndexedDB) in headless Chromium, one wasm link for all of them. Each test
//! uses its own database name and deletes it first, so tests are independent of each other and of earlier runs.
//!
//! Run from anywhere in the package (`.cargo/config.toml` sets the runner and points it at `tests/webdriver.json`):
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser`
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod ia_store;
mod judge_store;
mod s26_store;
mod scope_store;
mod store;
mod sync_store;
