//! The sync client (wasm32): pushes this device's records to, and pulls other devices' records from, a server that
//! speaks the CouchDB replication protocol (Apache CouchDB in production, PouchDB Server in tests). Runs from the
//! page, never from the service worker (which only answers the app's own GETs).
//!
//! - [`http`]: [`Endpoint`] (checked URL + Basic credentials kept in memory, redacted in `Debug`) and JSON requests
//!   through `fetch`, with every failure sorted into a [`SyncError`] (offline, unreachable, server, sign in again,
//!   data, cancelled: [`Endpoint::cancelled_by`] ties a run's requests to the user's cancel button, which aborts the
//!   running `fetch`es and sends no more).
//! - [`client`]: [`Client::push`] (`_revs_diff` then `_bulk_docs` `new_edits:false`), [`Client::pull`]
//!   (`_changes` style=all_docs from the stored checkpoint — without documents first when the page may be only the
//!   echo of this device's push — `open_revs` for rows that need history) and
//!   [`Client::sync`] (both), for any organisation's database; [`with_backoff`] retries while online.
//!
//! The rules (revisions, merges, conflicts, request bodies) are pure, in [`crate::domain::sync`]; the IndexedDB side
//! is [`crate::store::sync`].
//!
//! The jobs use the same calls: the provincial registration page pulls each of its colleges' databases with
//! `client.pull_from(&Holder::College(code), …)`, 6 colleges at a time (its role may read them; the records land
//! locally with `meta.org` = the college),
//! judges' tablets push a standard's marks into the test centre's database with
//! `client.push_into(standard, centre_code, Some("s26_mark"))`, and the chief's page pulls the centre's database with
//! `client.pull_from(&Holder::Centre(centre_code), gate, true, …)`, its gate checking every new mark against the
//! session before anything is stored. Every pull checks each document first
//! ([`crate::domain::sync::accept`]); what fails stays on the server and is listed in [`PullReport::refused`].

pub mod client;
pub mod http;

pub use client::{with_backoff, Client, Progress, PullReport, PushReport};
pub use http::{Endpoint, SyncError};
