//! Registering final-year students for vocational standard assessment tools (ลงทะเบียนขอรับเครื่องมือประเมิน
//! มาตรฐานวิชาชีพ), for a college and for the provincial committee (`shared/spec/tool-registration.md`). Pure rules:
//! no browser, no storage, no UI.
//!
//! - [`catalogue`]: the curriculum groups (ปวช.62/56, ปวส.63/57) and the catalogue of specialisations (data from
//!   `public/registration/catalogue-starter.json`, or imported as CSV), with search;
//! - [`records`]: the stored records (college profile, registrations, the province's list, reasons, outside
//!   institutions, imported registrations) and the editing rules (count ≥ 1, one entry per specialisation);
//! - [`exchange`]: the registration file a college sends to its province (versioned JSON with a checksum);
//! - [`aggregate`]: importing many files without double counting, and the province's check view;
//! - [`report`]: grouped reports with totals, the province's summary, CSV exports.

pub mod aggregate;
pub mod catalogue;
pub mod exchange;
pub mod records;
pub mod report;

pub use aggregate::{check, plan_import, plan_sources, CheckRow, FileResult, ImportPlan, Outcome, Status};
pub use catalogue::{Catalogue, Group, Spec};
pub use exchange::{exchange_of_records, make_exchange, parse_exchange, ExchangeFile};
pub use records::{
    CachedCatalogue, CollegeProfile, Entry, ImportedRegistration, OutsideInstitution, Profile, ProvinceCollege, ProvinceYear, Reason,
    Registration, Sector,
};
pub use report::{college_report, grouped, per_institution, totals, Grouped, Source, SourceKind, TotalRow};
