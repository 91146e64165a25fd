//! Mattrathan (มาตรฐาน): standards work for Thai vocational colleges, test centres and provincial offices.
//!
//! - [`domain`]: the rules, pure and native-testable (no browser, no storage);
//! - [`routes`]: the app's pages and addresses (`qa.html#/qa/…`), natively tested;
//! - `store` (wasm32 only): IndexedDB persistence, backups and storage health;
//! - `sync` (wasm32 only): the client that pushes and pulls records through the CouchDB replication protocol;
//! - `ui` (wasm32 only): the Leptos user interface, one module per job.
//!
//! The browser app is split into one small binary per job (`src/bin/mattrathan-<page>.rs`, one `<page>.html` each,
//! built by `.ci/build`), so a user downloads the shell and the job at hand, not every job. The command line is
//! `src/bin/mattrathan.rs` (feature `cli`). See ARCHITECTURE.md for the map.

pub mod domain;

pub mod routes;

/// `.xlsx` read and written (the spreadsheet crates): the spreadsheet worker, the command line and the tests.
pub mod xlsx;

#[cfg(target_arch = "wasm32")]
pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod sync;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The `main` of a web bundle's binary (`src/bin/mattrathan-<page>.rs`): `web_bundle!(qa, PLAIN)` runs the page
/// function `ui::pages::qa` (its argument, `routes::QaRoute`, names the bundle) with the setup `ui::pages::PLAIN`. On
/// a native target the binary only says how to run the app.
#[macro_export]
macro_rules! web_bundle {
    ($pages:ident, $setup:ident) => {
        #[cfg(target_arch = "wasm32")]
        fn main() {
            $crate::ui::start($crate::ui::pages::$pages, $crate::ui::pages::$setup);
        }

        #[cfg(not(target_arch = "wasm32"))]
        fn main() {
            eprintln!("This binary is part of the browser app: build and serve it with `bash .ci/serve` (see README.md).");
            std::process::exit(2);
        }
    };
}
