//! College self-assessment against the vocational education standards of พ.ศ. 2559 (ประกาศ สอศ. 16 ก.ย. 2559):
//! 4 standards, 14 indicators. Pure rules only: no browser, no storage, no UI.
//!
//! - [`catalogue`]: the standards, indicators, items and evidence sources (data from `indicators.tsv`);
//! - [`rules`]: the scoring rules and quality levels, exactly as fixed in `shared/spec/college-qa-2559.md`;
//! - [`calculators`]: items decided from typed counts, with the working and the gap to the threshold;
//! - [`assess`]: an assessment's input and its full result (scores, advice, 4.2 suggestion, summaries);
//! - [`records`]: the stored records (`college`, `qa_assessment`);
//! - [`exchange`]: the command line's JSON input and output;
//! - [`text`]: Thai number formatting and warning wording shared by the above.
//!
//! Everything the 2559 text does not define is marked as ours with a Thai note constant ([`ZERO_NOTE`],
//! [`BAND_NOTE`], [`SUMMARY_NOTE`], [`DEV_NOTE`], [`ADVICE_NOTE`]) for the UI to show.

pub mod assess;
pub mod calculators;
pub mod catalogue;
pub mod exchange;
pub mod records;
pub mod rules;
pub mod sheet;
pub mod text;

#[cfg(test)]
mod golden;

pub use assess::{
    assess, AssessmentInput, AssessmentResult, DevSource, DevSuggestion, IndicatorInput, IndicatorResult, ItemResult,
    ItemSource, Summary, ADVICE_NOTE, DEV_NOTE, SUMMARY_NOTE,
};
pub use calculators::{CalcOutcome, Field};
pub use catalogue::{catalogue, Catalogue, Formula, Indicator, Item, Standard};
pub use exchange::{cli_output, parse_cli_input};
pub use records::{valid_college_code, Assessment, College};
pub use rules::{
    item_score, level_for_decimal, level_for_items, percent80, truncate2, Level, Percent80, Rule, BAND_NOTE, ZERO_NOTE,
};
