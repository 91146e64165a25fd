//! Each bundle's page function (the argument of [`super::start`]): the view for every route of that bundle, matched
//! exhaustively on the bundle's own route enum ([`crate::routes`]). A bundle's binary
//! `src/bin/mattrathan-<page>.rs` names one of these, so only that job's pages end up in its wasm.

use leptos::prelude::*;

use crate::routes::{
    HomeRoute, IaRoute, JudgeRoute, QaRoute, RegProvinceRoute, RegRoute, S26PrintRoute, S26Route, S26SessionRoute, SyncRoute,
};
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
pub fn home(route: HomeRoute) -> AnyView {
    match route {
        HomeRoute::Jobs => view! { <home::Home/> }.into_any(),
        HomeRoute::NotFound => not_found(),
    }
}

/// `qa.html`: college self-assessment.
pub fn qa(route: QaRoute) -> AnyView {
    match route {
        QaRoute::Colleges => view! { <qa::colleges::Colleges/> }.into_any(),
        QaRoute::College(code) => view! { <qa::college::CollegePage code/> }.into_any(),
        QaRoute::Editor(code, year) => view! { <qa::editor::Editor code year/> }.into_any(),
        QaRoute::Report(code, year) => view! { <qa::report::Report code year/> }.into_any(),
        QaRoute::Compare(code) => view! { <qa::compare::Compare code/> }.into_any(),
    }
}

/// `s26.html`: Section 26 standards and their editor.
pub fn s26(route: S26Route) -> AnyView {
    match route {
        S26Route::Standards => view! { <s26::standards::Standards/> }.into_any(),
        S26Route::Standard(id) => view! { <s26::editor::StandardEditor id/> }.into_any(),
    }
}

/// `s26-print.html`: a standard's printed papers and its test manual, a page of their own so the editor's page does
/// not carry them.
pub fn s26_print(route: S26PrintRoute) -> AnyView {
    match route {
        S26PrintRoute::Paper(id) => view! { <s26::paper::Paper id/> }.into_any(),
        S26PrintRoute::Manual(id) => view! { <s26::manual::Manual id/> }.into_any(),
        S26PrintRoute::Application(id) => view! { <s26::applicant::BlankApplication id/> }.into_any(),
        S26PrintRoute::CandidateApplication(id) => view! { <s26::applicant::CandidateApplication id/> }.into_any(),
        S26PrintRoute::Request(id) => view! { <s26::forms::Request id/> }.into_any(),
        S26PrintRoute::Check(id) => view! { <s26::forms::Check id/> }.into_any(),
        S26PrintRoute::Practical(id) => view! { <s26::practical::PracticalPapers id/> }.into_any(),
        S26PrintRoute::StandardApplication(id) => view! { <s26::applicant::StandardApplication id/> }.into_any(),
    }
}

/// `s26-session.html`: a Section 26 test session and its sheets.
pub fn s26_session(route: S26SessionRoute) -> AnyView {
    match route {
        S26SessionRoute::Session(id) => view! { <s26::session::Session id/> }.into_any(),
        S26SessionRoute::Summary(id) => view! { <s26::sheets::Summary id/> }.into_any(),
        S26SessionRoute::Report(id) => view! { <s26::results::Report id/> }.into_any(),
        S26SessionRoute::Certificates(id) => view! { <s26::results::Certificates id/> }.into_any(),
    }
}

/// `judge.html`: judges' tablets and the chief tester's tablet.
pub fn judge(route: JudgeRoute) -> AnyView {
    match route {
        JudgeRoute::Home => view! { <judge::home::JudgeHome/> }.into_any(),
        JudgeRoute::Mark(id) => view! { <judge::marking::JudgeMarking id/> }.into_any(),
        JudgeRoute::Chief(id) => view! { <judge::chief::Chief id/> }.into_any(),
    }
}

/// `ia.html`: item analysis.
pub fn item_analysis(route: IaRoute) -> AnyView {
    match route {
        IaRoute::Datasets => view! { <item_analysis::datasets::Datasets/> }.into_any(),
        IaRoute::Compare => view! { <item_analysis::compare::ComparePage/> }.into_any(),
        IaRoute::Analysis(id) => view! { <item_analysis::analysis::AnalysisPage id/> }.into_any(),
        IaRoute::Report(id) => view! { <item_analysis::report::ReportPage id/> }.into_any(),
        IaRoute::Session(id, method) => view! { <item_analysis::session::SessionAnalysis id method/> }.into_any(),
        IaRoute::SessionReport(id, method) => view! { <item_analysis::session::SessionReport id method/> }.into_any(),
    }
}

/// `reg.html`: registration for assessment tools, the colleges' pages.
pub fn registration(route: RegRoute) -> AnyView {
    match route {
        RegRoute::Home => view! { <registration::home::RegHome/> }.into_any(),
        RegRoute::College(code) => view! { <registration::college::RegCollegePage code/> }.into_any(),
        RegRoute::Editor(code, year) => view! { <registration::editor::RegEditor code year/> }.into_any(),
        RegRoute::Report(code, year) => view! { <registration::report::RegReport code year/> }.into_any(),
    }
}

/// `reg-province.html`: registration, the provincial committee's pages.
pub fn registration_province(route: RegProvinceRoute) -> AnyView {
    match route {
        RegProvinceRoute::Province(province, year) => view! { <registration::province::RegProvince province year/> }.into_any(),
        RegProvinceRoute::Report(province, year) => {
            view! { <registration::province::RegProvinceReport province year/> }.into_any()
        }
        RegProvinceRoute::College(province, year, code) => {
            view! { <registration::province::RegProvinceCollege province year code/> }.into_any()
        }
    }
}

/// `sync.html`: sync settings and conflicts.
pub fn sync(route: SyncRoute) -> AnyView {
    match route {
        SyncRoute::Settings => view! { <sync::settings::SyncSettings/> }.into_any(),
        SyncRoute::Conflicts => view! { <sync::conflicts::SyncConflicts/> }.into_any(),
    }
}
