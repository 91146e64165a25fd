//! Mattrathan (มาตรฐาน): standards work for Thai vocational colleges, test centres and provincial offices.
//!
//! The library holds everything except the user interface:
//! - [`domain`]: the rules, pure and native-testable (no browser, no storage);
//! - `store` (wasm32 only): IndexedDB persistence, backups and storage health;
//! - `sync` (wasm32 only): the client that pushes and pulls records through the CouchDB replication protocol.
//!
//! The Leptos UI lives in the `mattrathan-web` binary (`src/main.rs`, `src/ui/`), the command line in
//! `src/bin/mattrathan.rs` (feature `cli`). See ARCHITECTURE.md for the map.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod sync;

/// The command line's HTTP client for `provision` (plain http to this machine only).
#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod localhost_http;
