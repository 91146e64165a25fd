//! The record model shared by every job: each stored object carries [`Meta`] flattened into it, so records can be
//! exported, imported and synced without reshaping.
//!
//! A record is a JSON object (the [`Record`] trait, implemented by `impl_record!(Type, "kind")`) with: `id` (a UUID
//! v4 from `crypto.randomUUID()`, or, for a record that exists once per natural key — a college, a college's
//! assessment or registration per year, a province's import of a college per year — a UUID-shaped id derived from
//! kind, org and key, [`crate::domain::keys`], so two devices creating it write one id); `kind` (`college`,
//! `qa_assessment`, `s26_standard`, `s26_mark`, `ia_dataset`, `reg_registration`, …); `org`, the owning
//! organisation (a 10-digit college code, a 2-digit province code, a standard's id for its test centre's records,
//! `device` for this device's own); `created` and `updated` (ISO 8601 UTC); and `schema`, the shape's version
//! ([`RECORD_SCHEMA`]). The store keeps every kind in one object store indexed by `kind` and `[org, kind]`, so a whole
//! organisation exports, imports and syncs (server database `mt_<org>`) as one. Results are never stored: each job's
//! records hold inputs only (see each job's `records` module).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Version of the record shape written by this build. Bump it when a record's fields change incompatibly, and teach
/// the importer and the store's migrations to read the older shape.
pub const RECORD_SCHEMA: u32 = 1;

/// Identity and bookkeeping of a stored record. Serialised flat into the record (`#[serde(flatten)]`), so the
/// IndexedDB key path is `id` and the indexes are `kind` and `org`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// UUID v4 (lower-case, hyphenated), made once when the record is created; never reused.
    pub id: String,
    /// What the record is, e.g. `"college"`, `"qa_assessment"`; equals the type's [`Record::KIND`].
    pub kind: String,
    /// The organisation that owns the record: a 10-digit college code, a test-centre code, a province code.
    pub org: String,
    /// Creation time, ISO 8601 UTC (`2026-11-21T10:00:00.000Z`).
    pub created: String,
    /// Last change, ISO 8601 UTC.
    pub updated: String,
    /// [`RECORD_SCHEMA`] of the build that last wrote the record.
    pub schema: u32,
}

impl Meta {
    /// A fresh meta for a new record. The caller supplies the UUID and the time (the browser makes them), which keeps
    /// this module pure and testable.
    pub fn new(id: String, kind: &str, org: &str, now: &str) -> Meta {
        Meta {
            id,
            kind: kind.to_string(),
            org: org.to_string(),
            created: now.to_string(),
            updated: now.to_string(),
            schema: RECORD_SCHEMA,
        }
    }

    /// Marks the record as changed now by this build.
    pub fn touch(&mut self, now: &str) {
        self.updated = now.to_string();
        self.schema = RECORD_SCHEMA;
    }
}

/// A type that is stored as a record.
pub trait Record: Serialize + DeserializeOwned + Clone {
    /// The `kind` written into [`Meta::kind`].
    const KIND: &'static str;
    fn meta(&self) -> &Meta;
    fn meta_mut(&mut self) -> &mut Meta;
}

/// Implements [`Record`] for a struct with a `meta: Meta` field (flattened into the stored JSON) and the given kind:
/// `impl_record!(College, "college");`. The one place the trait's boilerplate is written.
#[macro_export]
macro_rules! impl_record {
    ($t:ty, $kind:literal) => {
        impl $crate::domain::record::Record for $t {
            const KIND: &'static str = $kind;
            fn meta(&self) -> &$crate::domain::record::Meta {
                &self.meta
            }
            fn meta_mut(&mut self) -> &mut $crate::domain::record::Meta {
                &mut self.meta
            }
        }
    };
}

/// Record kinds this build knows; a backup holding any other kind is refused.
pub const KNOWN_KINDS: &[&str] = &[
    "college",
    "qa_assessment",
    "s26_standard",
    "s26_session",
    "s26_candidate",
    "s26_mark",
    "s26_application",
    // A drawing attached to a practical module (src/domain/section26/image.rs).
    "s26_image",
    "ia_dataset",
    // Tool registration (src/domain/registration/records.rs).
    "reg_college",
    "reg_registration",
    "reg_province_college",
    "reg_province_year",
    "reg_outside",
    "reg_import",
    "reg_catalogue",
];
