//! Labour skill standards under Section 26 (มาตรฐานฝีมือแรงงานตามมาตรา 26, `shared/spec/section26-skill-standard.md`
//! sections 1–6 and 8): building a standard and its tests, marking candidates, deciding passes, application numbers.
//! Pure rules only: no browser, no storage, no UI.
//!
//! - [`forms`]: the request form รมฐ.1's attachments and the office's check form รมฐ.2;
//! - [`standard`]: the standard, the six framework levels, the 19-part completeness checklist; [`certification`]:
//!   the steps from request to certificate with a date and note each;
//! - [`dacum`]: duties → tasks → steps, the ≥ 2 steps rule; [`edit`]: deleting and moving editor rows without
//!   leaving references dangling; [`fields`]: the editor's line and comma lists;
//! - [`weights`]: task weights from several raters, largest-remainder item allocation;
//! - [`bank`]: the item bank and its three rules; [`bank_csv`]: the bank to and from a spreadsheet (CSV); [`ioc`]: item–objective congruence;
//! - [`assembly`]: the reproducible draw of a test from a seed (SplitMix64); [`history`]: each bank item's IOC, p, r
//!   and verdicts, and the items the next draw leaves out; [`paper`]: the question paper's header;
//! - [`practical`]: a module's practical test paper (time, instructions, rules, materials, tools); [`image`]: the
//!   drawings attached to a module, their checks and caps;
//! - [`marking`]: practical items (measurement, yes/no, critical, judgement with C = A×B/(N×3)) and module results;
//! - [`marks`]: stored marks with history → current item marks; whether a candidate with marks may be removed;
//! - [`verdict`]: the three certificate models; [`percent`]: exact percents;
//! - [`session`]: a test session made from a standard (the assembled test frozen in, judges, date);
//! - [`score`]: a session's scheme and candidates → results, and the response table for item analysis; [`form15`]:
//!   each candidate as the chief tester's board stands, the score summary sheet (form 15) and its workbook;
//! - [`answers`]: answer letters, the CSV import, knowledge scoring;
//! - [`candidates`]: Thai national ID, age on the test date, eligibility, the typed candidate form; [`applicant`]:
//!   the candidate's application (form รมฐ.7): address, education and work rows, months of experience computed;
//! - [`application`]: `PP-NNN-YYYY` numbers, the Thai fiscal year, the province table;
//! - [`num`]: decimals read from JSON numbers or strings;
//! - [`records`]: the stored record kinds; [`exchange`]: the command line's files.

pub mod answers;
pub mod applicant;
pub mod application;
pub mod assembly;
pub mod bank;
pub mod bank_csv;
pub mod candidates;
pub mod certification;
pub mod dacum;
pub mod edit;
pub mod exchange;
pub mod fields;
pub mod form15;
pub mod forms;
pub mod history;
pub mod image;
pub mod ioc;
pub mod manual;
pub mod marking;
pub mod marks;
pub mod num;
pub mod paper;
pub mod percent;
pub mod practical;
pub mod records;
pub mod score;
pub mod session;
pub mod standard;
pub mod verdict;
pub mod weights;
