//! Hash routing (`qa.html#/qa/1234567890/2568`): works from any static host and sub-path with no server rewrite
//! rules.
//!
//! The app is split into [`Bundle`]s, one HTML page and wasm binary per job, so the first visit downloads the shell
//! and one job. Every route belongs to one bundle; a link or `navigate` to another bundle's route loads that page
//! (the service worker has it cached), one to the same bundle only changes the hash. Old single-page addresses
//! (`./#/qa/…`) still work: the home bundle forwards them.

use std::cell::Cell;

use leptos::prelude::*;
use crate::domain::item_analysis::session::SessionMethod;

/// One page of the built app: its HTML file (relative to the app's folder) and wasm binary (`src/bundles/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    Home,
    Qa,
    /// Section 26: standards, their editor and printed papers.
    S26,
    /// Section 26: test sessions (candidates, answers, marking) and their sheets.
    S26Session,
    Judge,
    Ia,
    /// Registration: colleges' pages and the curriculum catalogue.
    Reg,
    /// Registration: the provincial committee's pages (they pull colleges' registrations through sync).
    RegProvince,
    Sync,
}

impl Bundle {
    pub fn file(self) -> &'static str {
        match self {
            Bundle::Home => "./",
            Bundle::Qa => "qa.html",
            Bundle::S26 => "s26.html",
            Bundle::S26Session => "s26-session.html",
            Bundle::Judge => "judge.html",
            Bundle::Ia => "ia.html",
            Bundle::Reg => "reg.html",
            Bundle::RegProvince => "reg-province.html",
            Bundle::Sync => "sync.html",
        }
    }
}

thread_local! {
    /// The bundle running in this page, set once by `ui::start`.
    static CURRENT: Cell<Bundle> = const { Cell::new(Bundle::Home) };
}

pub fn set_current_bundle(bundle: Bundle) {
    CURRENT.with(|c| c.set(bundle));
}

pub fn current_bundle() -> Bundle {
    CURRENT.with(Cell::get)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    QaColleges,
    QaCollege(String),
    QaEditor(String, u16),
    QaReport(String, u16),
    QaCompare(String),
    S26,
    S26Standard(String),
    S26Paper(String),
    S26Session(String),
    S26Summary(String),
    /// Item analysis: the data sets, one data set's analysis (by record id), its printable report.
    Ia,
    IaAnalysis(String),
    IaReport(String),
    /// Item analysis of a Section 26 test session (by session id) with a method, and its printable report.
    IaSession(String, SessionMethod),
    IaSessionReport(String, SessionMethod),
    Sync,
    SyncConflicts,
    RegHome,
    RegCollege(String),
    RegEditor(String, u16),
    RegReport(String, u16),
    RegProvince(String, u16),
    RegProvinceReport(String, u16),
    RegProvinceCollege(String, u16, String),
    Judge,
    JudgeMark(String),
    JudgeChief(String),
    NotFound,
}

impl Route {
    /// Parses the part after `#`.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let year = |s: &str| s.parse::<u16>().ok();
        match parts.as_slice() {
            [] => Route::Home,
            ["qa"] => Route::QaColleges,
            ["qa", code] => Route::QaCollege(code.to_string()),
            ["qa", code, "compare"] => Route::QaCompare(code.to_string()),
            ["qa", code, y] => year(y).map_or(Route::NotFound, |y| Route::QaEditor(code.to_string(), y)),
            ["sync"] => Route::Sync,
            ["sync", "conflicts"] => Route::SyncConflicts,
            ["qa", code, y, "report"] => year(y).map_or(Route::NotFound, |y| Route::QaReport(code.to_string(), y)),
            ["s26"] => Route::S26,
            ["s26", "session", id] => Route::S26Session(id.to_string()),
            ["s26", "session", id, "summary"] => Route::S26Summary(id.to_string()),
            ["s26", id] => Route::S26Standard(id.to_string()),
            ["s26", id, "paper"] => Route::S26Paper(id.to_string()),
            ["ia"] => Route::Ia,
            ["ia", "session", id] => Route::IaSession(id.to_string(), SessionMethod::default()),
            ["ia", "session", id, m] => {
                SessionMethod::from_code(m).map_or(Route::NotFound, |m| Route::IaSession(id.to_string(), m))
            }
            ["ia", "session", id, m, "report"] => {
                SessionMethod::from_code(m).map_or(Route::NotFound, |m| Route::IaSessionReport(id.to_string(), m))
            }
            ["ia", id] => Route::IaAnalysis(id.to_string()),
            ["ia", id, "report"] => Route::IaReport(id.to_string()),
            ["reg"] => Route::RegHome,
            ["reg", "college", code] => Route::RegCollege(code.to_string()),
            ["reg", "college", code, y] => year(y).map_or(Route::NotFound, |y| Route::RegEditor(code.to_string(), y)),
            ["reg", "college", code, y, "report"] => {
                year(y).map_or(Route::NotFound, |y| Route::RegReport(code.to_string(), y))
            }
            ["reg", "province", p, y] => year(y).map_or(Route::NotFound, |y| Route::RegProvince(p.to_string(), y)),
            ["reg", "province", p, y, "report"] => {
                year(y).map_or(Route::NotFound, |y| Route::RegProvinceReport(p.to_string(), y))
            }
            ["reg", "province", p, y, "college", code] => {
                year(y).map_or(Route::NotFound, |y| Route::RegProvinceCollege(p.to_string(), y, code.to_string()))
            }
            ["judge"] => Route::Judge,
            ["judge", id] => Route::JudgeMark(id.to_string()),
            ["judge", id, "chief"] => Route::JudgeChief(id.to_string()),
            _ => Route::NotFound,
        }
    }

    /// The page that shows this route.
    pub fn bundle(&self) -> Bundle {
        match self {
            Route::Home | Route::NotFound => Bundle::Home,
            Route::QaColleges
            | Route::QaCollege(_)
            | Route::QaEditor(..)
            | Route::QaReport(..)
            | Route::QaCompare(_) => Bundle::Qa,
            Route::S26 | Route::S26Standard(_) | Route::S26Paper(_) => Bundle::S26,
            Route::S26Session(_) | Route::S26Summary(_) => Bundle::S26Session,
            Route::Ia
            | Route::IaAnalysis(_)
            | Route::IaReport(_)
            | Route::IaSession(..)
            | Route::IaSessionReport(..) => Bundle::Ia,
            Route::Sync | Route::SyncConflicts => Bundle::Sync,
            Route::RegHome | Route::RegCollege(_) | Route::RegEditor(..) | Route::RegReport(..) => Bundle::Reg,
            Route::RegProvince(..) | Route::RegProvinceReport(..) | Route::RegProvinceCollege(..) => Bundle::RegProvince,
            Route::Judge | Route::JudgeMark(_) | Route::JudgeChief(_) => Bundle::Judge,
        }
    }

    /// The link to this route from any page of the app: `qa.html#/qa/…`.
    pub fn href(&self) -> String {
        format!("{}{}", self.bundle().file(), self.hash())
    }

    /// The `#/…` part alone.
    pub fn hash(&self) -> String {
        match self {
            Route::Home | Route::NotFound => "#/".into(),
            Route::QaColleges => "#/qa".into(),
            Route::QaCollege(c) => format!("#/qa/{c}"),
            Route::QaEditor(c, y) => format!("#/qa/{c}/{y}"),
            Route::QaReport(c, y) => format!("#/qa/{c}/{y}/report"),
            Route::QaCompare(c) => format!("#/qa/{c}/compare"),
            Route::S26 => "#/s26".into(),
            Route::S26Standard(id) => format!("#/s26/{id}"),
            Route::S26Paper(id) => format!("#/s26/{id}/paper"),
            Route::S26Session(id) => format!("#/s26/session/{id}"),
            Route::S26Summary(id) => format!("#/s26/session/{id}/summary"),
            Route::Ia => "#/ia".into(),
            Route::IaAnalysis(id) => format!("#/ia/{id}"),
            Route::IaReport(id) => format!("#/ia/{id}/report"),
            Route::IaSession(id, m) => format!("#/ia/session/{id}/{}", m.code()),
            Route::IaSessionReport(id, m) => format!("#/ia/session/{id}/{}/report", m.code()),
            Route::Sync => "#/sync".into(),
            Route::SyncConflicts => "#/sync/conflicts".into(),
            Route::RegHome => "#/reg".into(),
            Route::RegCollege(c) => format!("#/reg/college/{c}"),
            Route::RegEditor(c, y) => format!("#/reg/college/{c}/{y}"),
            Route::RegReport(c, y) => format!("#/reg/college/{c}/{y}/report"),
            Route::RegProvince(p, y) => format!("#/reg/province/{p}/{y}"),
            Route::RegProvinceReport(p, y) => format!("#/reg/province/{p}/{y}/report"),
            Route::RegProvinceCollege(p, y, c) => format!("#/reg/province/{p}/{y}/college/{c}"),
            Route::Judge => "#/judge".into(),
            Route::JudgeMark(id) => format!("#/judge/{id}"),
            Route::JudgeChief(id) => format!("#/judge/{id}/chief"),
        }
    }
}

/// The current route, kept in step with `location.hash`.
pub fn current_route_signal() -> RwSignal<Route> {
    let route = RwSignal::new(Route::parse(&location_hash().unwrap_or_default()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::parse(&location_hash().unwrap_or_default()));
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || handle.remove());
    route
}

/// Goes to `route`: within this page by its hash, or by loading the page of another bundle.
pub fn navigate(route: &Route) {
    let location = window().location();
    let _ = if route.bundle() == current_bundle() { location.set_hash(&route.hash()) } else { location.assign(&route.href()) };
}

/// Breadcrumbs for the top bar.
pub fn crumbs(route: &Route) -> impl IntoView {
    let mut links: Vec<(Route, String)> = Vec::new();
    let college = |c: &String| (Route::QaCollege(c.clone()), format!("วิทยาลัย {c}"));
    match route {
        Route::QaColleges => links.push((Route::QaColleges, "ประเมินตนเอง".into())),
        Route::QaCollege(c) | Route::QaCompare(c) | Route::QaEditor(c, _) | Route::QaReport(c, _) => {
            links.push((Route::QaColleges, "ประเมินตนเอง".into()));
            links.push(college(c));
            match route {
                Route::QaEditor(_, y) | Route::QaReport(_, y) => {
                    links.push((Route::QaEditor(c.clone(), *y), format!("ปีการศึกษา {y}")))
                }
                Route::QaCompare(_) => links.push((route.clone(), "เทียบรายปี".into())),
                _ => {}
            }
        }
        Route::S26 | Route::S26Standard(_) | Route::S26Paper(_) | Route::S26Session(_) | Route::S26Summary(_) => {
            links.push((Route::S26, "มาตรา 26".into()))
        }
        Route::Ia | Route::IaAnalysis(_) | Route::IaReport(_) | Route::IaSession(..) | Route::IaSessionReport(..) => {
            links.push((Route::Ia, "วิเคราะห์ข้อสอบ".into()));
            match route {
                Route::IaReport(id) => links.push((Route::IaAnalysis(id.clone()), "ชุดข้อมูล".into())),
                Route::IaSessionReport(id, m) => links.push((Route::IaSession(id.clone(), *m), "รอบทดสอบ".into())),
                _ => {}
            }
        }
        Route::Sync => links.push((Route::Sync, "ซิงค์".into())),
        Route::SyncConflicts => {
            links.push((Route::Sync, "ซิงค์".into()));
            links.push((Route::SyncConflicts, "ข้อมูลที่ขัดแย้ง".into()));
        }
        Route::RegHome
        | Route::RegCollege(_)
        | Route::RegEditor(..)
        | Route::RegReport(..)
        | Route::RegProvince(..)
        | Route::RegProvinceReport(..)
        | Route::RegProvinceCollege(..) => {
            links.push((Route::RegHome, "ลงทะเบียนรับเครื่องมือ".into()));
            match route {
                Route::RegCollege(c) | Route::RegEditor(c, _) | Route::RegReport(c, _) => {
                    links.push((Route::RegCollege(c.clone()), format!("สถานศึกษา {c}")));
                    if let Route::RegEditor(_, y) | Route::RegReport(_, y) = route {
                        links.push((Route::RegEditor(c.clone(), *y), format!("ปีการศึกษา {y}")));
                    }
                }
                Route::RegProvince(p, y) | Route::RegProvinceReport(p, y) | Route::RegProvinceCollege(p, y, _) => {
                    let name = crate::domain::provinces::name(p);
                    links.push((Route::RegProvince(p.clone(), *y), format!("จังหวัด{name} {y}")));
                }
                _ => {}
            }
        }
        Route::Judge | Route::JudgeMark(_) | Route::JudgeChief(_) => links.push((Route::Judge, "แท็บเล็ตกรรมการ".into())),
        _ => {}
    }
    links
        .into_iter()
        .map(|(r, label)| view! { <span>"› "</span><a href=r.href()>{label}</a> })
        .collect_view()
}
