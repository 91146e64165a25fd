//! College self-assessment (2559 standard): colleges, academic years, the editor, year comparison and the report.

pub mod college;
pub mod colleges;
pub mod compare;
pub mod editor;
pub mod report;

use leptos::prelude::*;
use crate::domain::college_qa::assess::{assess, AssessmentResult};
use crate::domain::college_qa::records::{Assessment, College};
use crate::domain::college_qa::rules::Level;
use crate::store::Store;

use crate::routes::QaRoute;
use super::data::{loaded, page_data, PageData};
use super::error::PageError;

/// Everything stored for one college: its profile and its assessments, oldest year first.
#[derive(Clone, Debug, PartialEq)]
pub struct CollegeData {
    pub college: College,
    pub years: Vec<Assessment>,
}

impl CollegeData {
    pub fn year(&self, year: u16) -> Option<&Assessment> {
        self.years.iter().find(|a| a.year == year)
    }

    /// The result for `year`, with 4.2 suggested from the year before when that year is stored.
    pub fn result(&self, year: u16) -> Option<AssessmentResult> {
        let this = self.year(year)?;
        let last = year.checked_sub(1).and_then(|y| self.year(y));
        Some(assess(&this.input, last.map(|a| &a.input)))
    }
}

pub async fn load_college(store: &Store, code: &str) -> Result<Option<CollegeData>, PageError> {
    let Some(college) = store.list::<College>(Some(code)).await?.into_iter().next() else {
        return Ok(None);
    };
    let mut years = store.list::<Assessment>(Some(code)).await?;
    crate::domain::sort::sort_by_key(&mut years, |a| a.year);
    Ok(Some(CollegeData { college, years }))
}

/// A college's data, read now and again after every import.
pub fn college_data(code: String) -> PageData<Option<CollegeData>> {
    page_data(move |store| {
        let code = code.clone();
        async move { load_college(&store, &code).await }
    })
}

/// Renders `body` once the college is read; "not found" when no college has that code.
pub fn with_college<V: IntoView + 'static>(
    data: PageData<Option<CollegeData>>,
    code: String,
    body: impl Fn(CollegeData) -> V + Send + Sync + 'static,
) -> impl IntoView {
    loaded(data, move |found| match found {
        None => view! {
            <h1>"ไม่พบวิทยาลัยรหัส " {code.clone()}</h1>
            <p><a href=QaRoute::Colleges.href()>"กลับไปรายชื่อวิทยาลัย"</a></p>
        }
        .into_any(),
        Some(d) => body(d).into_any(),
    })
}

/// CSS class for a level badge (`level-5` … `level-0`).
pub fn level_class(level: Option<Level>) -> String {
    let n = match level {
        Some(Level::VeryGood) => 5,
        Some(Level::Good) => 4,
        Some(Level::Fair) => 3,
        Some(Level::NeedsImprovement) => 2,
        Some(Level::Urgent) => 1,
        Some(Level::NoResult) | None => 0,
    };
    format!("level level-{n}")
}

pub fn level_text(level: Option<Level>) -> &'static str {
    level.map_or("คำนวณไม่ได้", Level::thai)
}

/// Rows for the score chart: one per indicator, in catalogue order.
pub fn chart_rows(result: &AssessmentResult) -> Vec<(String, Option<rust_decimal::Decimal>, String)> {
    result.indicators.iter().map(|i| (i.id.clone(), i.score, level_class(i.level))).collect()
}
