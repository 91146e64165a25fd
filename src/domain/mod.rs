//! Pure rules: data in, data out. Nothing here may touch the browser, storage or the UI; everything is tested
//! natively with `cargo test`.
//!
//! One folder per job: [`college_qa`] (the 2559 self-assessment), [`section26`] (skill standards, sessions,
//! marking, verdicts), [`judge`] (judges' tablets and the chief's board), [`item_analysis`], [`registration`] (tool
//! registration, colleges and provinces), [`sync`] (the pure half of sync). Shared by them: [`record`] (the record
//! model), [`keys`] (natural keys and the ids derived from them), [`merge`] (three-way and duplicate merges as JSON,
//! the other version kept as a sync conflict branch), [`numbers`] (the one parser for typed numbers, and every
//! field's bounds), [`normalise`] (Thai digits and keys), [`thai_date`] (พ.ศ. dates, the academic year),
//! [`thai_time`] (times shown in Thai local time, UTC+7), [`csv`],
//! [`backup`] (the backup file and what a restore may write), [`checksum`] (CRC-32), [`prng`] (SplitMix64, the one
//! seeded generator), [`provinces`] (the 77 provinces), [`sort`] (one copy of the sort in each page), [`sheet`] (spreadsheets in and out: the specs and rows the spreadsheet worker takes and gives), [`text`] (a picked file's bytes as text: UTF-8 or
//! Windows-874).

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
pub mod sheet;
pub mod sort;
pub mod sync;
pub mod text;
pub mod registration;
pub mod thai_date;
pub mod thai_time;
