//! Item analysis of a multiple-choice knowledge test (spec `section26-skill-standard.md` §7, from the handbook's
//! chapter "การวิเคราะห์ข้อสอบ" and form (19) "ตารางวิเคราะห์ค่าความยากง่าย"). Pure: plain data in, results out; the
//! app, the command line and (later) the Section 26 test sessions call the same functions.
//!
//! - [`matrix`]: the answers, columnar and bit-packed ([`ResponseMatrix`]);
//! - [`csv`]: the responses and key CSV files, refused with the line and column of the first problem;
//! - [`rules`]: the displayed-value rules as data — p and r bands, verdict and reasons, distractor advice;
//! - [`analyze`](mod@analyze): norm-referenced (upper/lower 25 % or 27 %) or criterion-referenced (pass/fail, Brennan's
//!   B) p and r per item and option, and the test statistics (mean, SD, median, KR-20, SEM, item–rest r, KR-20 if
//!   deleted, omitted answers, histogram);
//! - [`option_groups`](mod@option_groups): the share of each option by score group, for the option plots;
//! - [`compare`](mod@compare): two analyses of the same test side by side, with the changes of p and r and drift flags;
//! - [`exchange`]: the command line's JSON;
//! - [`records`]: the stored data set (kind `ia_dataset`); [`reliability`]: KR-20 with its interval, KR-21,
//!   Spearman–Brown, SEM and conditional SEM, and the decision consistency at a cut score;
//! - [`session`]: a Section 26 test session as the analysis input (its answers, key and actual verdicts);
//! - [`simulate`]: seeded synthetic answer sheets for the benchmark and the property tests.

pub mod analyze;
pub mod compare;
pub mod csv;
pub mod exchange;
pub mod matrix;
pub mod option_groups;
pub mod records;
pub mod reliability;
pub mod rules;
pub mod session;
pub mod sheet;
pub mod simulate;

#[cfg(test)]
mod golden;
#[cfg(test)]
mod properties;

pub use analyze::{
    analyze, prepare, Analysis, AnalysisError, GroupsUsed, ItemResult, Method, OptionResult, PassSource, Prepared,
    TestStats,
};
pub use compare::{compare, ordered, CompareOrder, Drift, Figures, ItemChange, DRIFT_P};
pub use csv::{option_letter, parse_dataset, CsvError, Dataset};
pub use matrix::{ResponseMatrix, MAX_OPTIONS, OMITTED};
pub use option_groups::{option_groups, GroupKind, Grouping, ItemGroups, OptionGroups, ScoreGroup};
pub use records::{valid_centre_code, Answers, IaDataset, Settings};
pub use rules::{Advice, Difficulty, Discrimination, Hundredths, Reason, RFlag, Verdict};
