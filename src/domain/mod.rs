//! Pure rules: data in, data out. Nothing here may touch the browser, storage or the UI; everything is tested
//! natively with `cargo test`.

pub mod backup;
pub mod checksum;
pub mod college_qa;
pub mod item_analysis;
pub mod csv;
pub mod judge;
pub mod normalise;
pub mod numbers;
pub mod prng;
pub mod provinces;
pub mod keys;
pub mod merge;
pub mod record;
pub mod section26;
pub mod sync;
pub mod registration;
pub mod thai_date;
