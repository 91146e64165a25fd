//! The command line (`mattrathan`) run as a user runs it: on files and standard input, checking its output and exit
//! codes. The binary exists only with the `cli` feature (`cargo test --features cli`); without it this test is
//! empty, so a plain `cargo test` still builds.
#![cfg(not(target_arch = "wasm32"))]
#![cfg(feature = "cli")]

/// The built `mattrathan` binary.
const BIN: &str = env!("CARGO_BIN_EXE_mattrathan");

mod item_analysis;
mod provision;
mod qa;
mod s26;
mod xlsx;
