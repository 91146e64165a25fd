//! Each bundle's page function ([`super::Pages`]): the view for every route of that bundle. A bundle's binary in
//! `src/bundles/` names one of these, so only that job's pages end up in its wasm.

use leptos::prelude::*;

use super::route::Route;
use crate::domain::sync::accept;
use super::state::AppState;
use super::{home, item_analysis, judge, not_found, qa, registration, s26, sync};

/// What a bundle sets up besides the shell, before its first page.
pub struct Setup(pub(super) fn(AppState));

/// Nothing more.
pub const PLAIN: Setup = Setup(|_| {});

/// The sync context (endpoint, status, the top bar's sync status), for bundles that push or pull, reading every
/// kind a pull brings. Left out of the others, so they do not carry the sync client.
pub const SYNC: Setup = Setup(|state| {
    sync::SyncUi::provide(state, accept::ALL);
});

/// [`SYNC`] reading only registrations (the province's page: its wasm carries no other kind's reader).
pub const SYNC_REGISTRATION: Setup = Setup(|state| {
    sync::SyncUi::provide(state, accept::REGISTRATION);
});

/// [`SYNC`] reading only Section 26 kinds (the judges' and the chief's page).
pub const SYNC_SECTION26: Setup = Setup(|state| {
    sync::SyncUi::provide(state, accept::SECTION26);
});

/// `index.html`: the list of jobs, storage health, and addresses that are not the app's.
pub fn home(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <home::Home/> }.into_any(),
        _ => not_found(),
    }
}

/// `qa.html`: college self-assessment.
pub fn qa(route: Route) -> AnyView {
    match route {
        Route::QaColleges => view! { <qa::colleges::Colleges/> }.into_any(),
        Route::QaCollege(code) => view! { <qa::college::CollegePage code/> }.into_any(),
        Route::QaEditor(code, year) => view! { <qa::editor::Editor code year/> }.into_any(),
        Route::QaReport(code, year) => view! { <qa::report::Report code year/> }.into_any(),
        Route::QaCompare(code) => view! { <qa::compare::Compare code/> }.into_any(),
        _ => not_found(),
    }
}

/// `s26.html`: Section 26 standards, their editor and printed papers.
pub fn s26(route: Route) -> AnyView {
    match route {
        Route::S26 => view! { <s26::standards::Standards/> }.into_any(),
        Route::S26Standard(id) => view! { <s26::editor::StandardEditor id/> }.into_any(),
        Route::S26Paper(id) => view! { <s26::paper::Paper id/> }.into_any(),
        _ => not_found(),
    }
}

/// `s26-session.html`: a Section 26 test session and its sheets.
pub fn s26_session(route: Route) -> AnyView {
    match route {
        Route::S26Session(id) => view! { <s26::session::Session id/> }.into_any(),
        Route::S26Summary(id) => view! { <s26::sheets::Summary id/> }.into_any(),
        _ => not_found(),
    }
}

/// `judge.html`: judges' tablets and the chief tester's tablet.
pub fn judge(route: Route) -> AnyView {
    match route {
        Route::Judge => view! { <judge::home::JudgeHome/> }.into_any(),
        Route::JudgeMark(id) => view! { <judge::marking::JudgeMarking id/> }.into_any(),
        Route::JudgeChief(id) => view! { <judge::chief::Chief id/> }.into_any(),
        _ => not_found(),
    }
}

/// `ia.html`: item analysis.
pub fn item_analysis(route: Route) -> AnyView {
    match route {
        Route::Ia => view! { <item_analysis::datasets::Datasets/> }.into_any(),
        Route::IaAnalysis(id) => view! { <item_analysis::analysis::AnalysisPage id/> }.into_any(),
        Route::IaReport(id) => view! { <item_analysis::report::ReportPage id/> }.into_any(),
        Route::IaSession(id, method) => view! { <item_analysis::session::SessionAnalysis id method/> }.into_any(),
        Route::IaSessionReport(id, method) => view! { <item_analysis::session::SessionReport id method/> }.into_any(),
        _ => not_found(),
    }
}

/// `reg.html`: registration for assessment tools, the colleges' pages.
pub fn registration(route: Route) -> AnyView {
    match route {
        Route::RegHome => view! { <registration::home::RegHome/> }.into_any(),
        Route::RegCollege(code) => view! { <registration::college::RegCollegePage code/> }.into_any(),
        Route::RegEditor(code, year) => view! { <registration::editor::RegEditor code year/> }.into_any(),
        Route::RegReport(code, year) => view! { <registration::report::RegReport code year/> }.into_any(),
        _ => not_found(),
    }
}

/// `reg-province.html`: registration, the provincial committee's pages.
pub fn registration_province(route: Route) -> AnyView {
    match route {
        Route::RegProvince(province, year) => view! { <registration::province::RegProvince province year/> }.into_any(),
        Route::RegProvinceReport(province, year) => {
            view! { <registration::province::RegProvinceReport province year/> }.into_any()
        }
        Route::RegProvinceCollege(province, year, code) => {
            view! { <registration::province::RegProvinceCollege province year code/> }.into_any()
        }
        _ => not_found(),
    }
}

/// `sync.html`: sync settings and conflicts.
pub fn sync(route: Route) -> AnyView {
    match route {
        Route::Sync => view! { <sync::settings::SyncSettings/> }.into_any(),
        Route::SyncConflicts => view! { <sync::conflicts::SyncConflicts/> }.into_any(),
        _ => not_found(),
    }
}
