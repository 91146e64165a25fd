//! The app's addresses: every page ([`Bundle`]) and every route ([`Route`]), with their hash form
//! (`qa.html#/qa/1234567890/2568`). Plain Rust, natively tested; `ui::route` adds the Leptos side (the current
//! route's signal, `navigate`, the breadcrumbs).
//!
//! Hash routing works from any static host and sub-path with no server rewrite rules. The app is split into
//! [`Bundle`]s, one HTML page and wasm binary per job (`src/bin/mattrathan-<page>.rs`, `<page>.html`), so the first
//! visit downloads the shell and one job. Every route belongs to one bundle: [`Route`] has one variant per bundle,
//! each holding that bundle's own route enum, so a bundle's page function matches its routes exhaustively. A link or
//! `navigate` to another bundle's route loads that page (the service worker has it cached), one to the same bundle
//! only changes the hash. Old single-page addresses (`./#/qa/…`) still work: the shell forwards a route of another
//! bundle to its page, and an address that is none of the app's to the home page, which says "not found".

use crate::domain::item_analysis::session::SessionMethod;

/// One page of the built app: its HTML file beside `index.html` and its wasm binary `src/bin/mattrathan-<page>.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    Home,
    Qa,
    /// Section 26: standards and their editor.
    S26,
    /// Section 26: a standard's printed papers (question paper, answer sheet, key), loaded only when printing.
    S26Print,
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
    /// Every page of the app (a native test checks this list against the HTML files and the binaries).
    pub const ALL: [Bundle; 10] = [
        Bundle::Home,
        Bundle::Qa,
        Bundle::S26,
        Bundle::S26Print,
        Bundle::S26Session,
        Bundle::Judge,
        Bundle::Ia,
        Bundle::Reg,
        Bundle::RegProvince,
        Bundle::Sync,
    ];

    /// The Web Workers, by the page that builds and starts them: `(page, worker)`, the worker's binary being
    /// `mattrathan-<worker>` (`src/bin/mattrathan-<worker>.rs`), built from a `data-type="worker"` link of the page's
    /// HTML file. Workers are not pages: no HTML file, no route. A worker several pages start (the spreadsheet worker,
    /// `ui::xlsx`: ia, qa, reg, reg-province, s26, s26-session) is built once by the home page, which every build
    /// includes, and loaded by them from beside them (its files are not hashed).
    pub const WORKERS: [(Bundle, &'static str); 2] = [(Bundle::Ia, "ia-worker"), (Bundle::Home, "xlsx-worker")];

    /// The page's name: its binary is `mattrathan-<name>`, its HTML file `<name>.html` (the home page's is
    /// `index.html`).
    pub fn name(self) -> &'static str {
        match self {
            Bundle::Home => "web",
            Bundle::Qa => "qa",
            Bundle::S26 => "s26",
            Bundle::S26Print => "s26-print",
            Bundle::S26Session => "s26-session",
            Bundle::Judge => "judge",
            Bundle::Ia => "ia",
            Bundle::Reg => "reg",
            Bundle::RegProvince => "reg-province",
            Bundle::Sync => "sync",
        }
    }

    /// The page's HTML file, relative to the app's folder.
    pub fn html(self) -> String {
        match self {
            Bundle::Home => "index.html".into(),
            _ => format!("{}.html", self.name()),
        }
    }

    /// The address of the page in links: the home page is the folder itself (`./`).
    pub fn file(self) -> String {
        match self {
            Bundle::Home => "./".into(),
            _ => self.html(),
        }
    }
}

/// A route of the app: the bundle that shows it, and its route there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The home page: the list of jobs.
    Home,
    Qa(QaRoute),
    S26(S26Route),
    S26Print(S26PrintRoute),
    S26Session(S26SessionRoute),
    Judge(JudgeRoute),
    Ia(IaRoute),
    Reg(RegRoute),
    RegProvince(RegProvinceRoute),
    Sync(SyncRoute),
}

/// College self-assessment (`qa.html`), by college code and academic year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QaRoute {
    Colleges,
    College(String),
    Editor(String, u16),
    Report(String, u16),
    Compare(String),
}

/// Section 26 standards (`s26.html`), by standard id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum S26Route {
    Standards,
    Standard(String),
}

/// A Section 26 standard's printed papers (`s26-print.html`), by standard id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum S26PrintRoute {
    Paper(String),
    /// The test manual (คู่มือวิธีการทดสอบ), parts (1)–(19), printable.
    Manual(String),
    /// A blank application form (แบบ รมฐ. 7) for a session, by session id, to hand out.
    Application(String),
    /// One candidate's application filled in, by candidate id.
    CandidateApplication(String),
    /// The request for certification (แบบ รมฐ.1) with its back page (the 19 parts) and attachments 2.1–2.4.
    Request(String),
    /// The office's check of the request (แบบ รมฐ.2), as ticked in the editor.
    Check(String),
    /// The practical test paper (part (13)) of every module, with its images.
    Practical(String),
    /// A blank application form (แบบ รมฐ. 7) for a standard: its name and level filled in, every other field empty.
    StandardApplication(String),
}

/// A Section 26 test session and its summary sheet (`s26-session.html`), by session id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum S26SessionRoute {
    Session(String),
    Summary(String),
    /// The result report for the registrar.
    Report(String),
    /// The certificates of those who passed.
    Certificates(String),
}

/// Judges' tablets (`judge.html`): the sessions, one judge's marking, the chief tester's tablet (by session id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JudgeRoute {
    Home,
    Mark(String),
    Chief(String),
}

/// Item analysis (`ia.html`): the data sets, one data set's analysis (by record id), its printable report; the
/// analysis of a Section 26 test session (by session id) with a method, and its printable report; two analyses
/// compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IaRoute {
    Datasets,
    Compare,
    Analysis(String),
    Report(String),
    Session(String, SessionMethod),
    SessionReport(String, SessionMethod),
}

/// Registration, the colleges' pages (`reg.html`), by college code and academic year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegRoute {
    Home,
    College(String),
    Editor(String, u16),
    Report(String, u16),
}

/// Registration, the provincial committee's pages (`reg-province.html`), by province code and academic year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegProvinceRoute {
    Province(String, u16),
    Report(String, u16),
    College(String, u16, String),
}

/// Sync settings and conflicts (`sync.html`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncRoute {
    Settings,
    Conflicts,
}

impl Route {
    /// Parses the part after `#`; `None` for an address that is none of the app's.
    pub fn parse(hash: &str) -> Option<Route> {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let year = |s: &str| s.parse::<u16>().ok();
        let method = SessionMethod::from_code;
        let s = |s: &str| s.to_string();
        Some(match parts.as_slice() {
            [] => Route::Home,
            ["qa"] => Route::Qa(QaRoute::Colleges),
            ["qa", code] => Route::Qa(QaRoute::College(s(code))),
            ["qa", code, "compare"] => Route::Qa(QaRoute::Compare(s(code))),
            ["qa", code, y] => Route::Qa(QaRoute::Editor(s(code), year(y)?)),
            ["qa", code, y, "report"] => Route::Qa(QaRoute::Report(s(code), year(y)?)),
            ["s26"] => Route::S26(S26Route::Standards),
            ["s26", "session", id] => Route::S26Session(S26SessionRoute::Session(s(id))),
            ["s26", "session", id, "summary"] => Route::S26Session(S26SessionRoute::Summary(s(id))),
            ["s26", "session", id, "report"] => Route::S26Session(S26SessionRoute::Report(s(id))),
            ["s26", "session", id, "certificates"] => Route::S26Session(S26SessionRoute::Certificates(s(id))),
            ["s26", id] => Route::S26(S26Route::Standard(s(id))),
            ["s26", id, "paper"] => Route::S26Print(S26PrintRoute::Paper(s(id))),
            ["s26", id, "manual"] => Route::S26Print(S26PrintRoute::Manual(s(id))),
            ["s26", id, "request"] => Route::S26Print(S26PrintRoute::Request(s(id))),
            ["s26", id, "check"] => Route::S26Print(S26PrintRoute::Check(s(id))),
            ["s26", id, "practical"] => Route::S26Print(S26PrintRoute::Practical(s(id))),
            ["s26", id, "application"] => Route::S26Print(S26PrintRoute::StandardApplication(s(id))),
            ["s26", "session", id, "application"] => Route::S26Print(S26PrintRoute::Application(s(id))),
            ["s26", "candidate", id, "application"] => Route::S26Print(S26PrintRoute::CandidateApplication(s(id))),
            ["ia"] => Route::Ia(IaRoute::Datasets),
            ["ia", "compare"] => Route::Ia(IaRoute::Compare),
            ["ia", "session", id] => Route::Ia(IaRoute::Session(s(id), SessionMethod::default())),
            ["ia", "session", id, m] => Route::Ia(IaRoute::Session(s(id), method(m)?)),
            ["ia", "session", id, m, "report"] => Route::Ia(IaRoute::SessionReport(s(id), method(m)?)),
            ["ia", id] => Route::Ia(IaRoute::Analysis(s(id))),
            ["ia", id, "report"] => Route::Ia(IaRoute::Report(s(id))),
            ["sync"] => Route::Sync(SyncRoute::Settings),
            ["sync", "conflicts"] => Route::Sync(SyncRoute::Conflicts),
            ["reg"] => Route::Reg(RegRoute::Home),
            ["reg", "college", code] => Route::Reg(RegRoute::College(s(code))),
            ["reg", "college", code, y] => Route::Reg(RegRoute::Editor(s(code), year(y)?)),
            ["reg", "college", code, y, "report"] => Route::Reg(RegRoute::Report(s(code), year(y)?)),
            ["reg", "province", p, y] => Route::RegProvince(RegProvinceRoute::Province(s(p), year(y)?)),
            ["reg", "province", p, y, "report"] => Route::RegProvince(RegProvinceRoute::Report(s(p), year(y)?)),
            ["reg", "province", p, y, "college", code] => {
                Route::RegProvince(RegProvinceRoute::College(s(p), year(y)?, s(code)))
            }
            ["judge"] => Route::Judge(JudgeRoute::Home),
            ["judge", id] => Route::Judge(JudgeRoute::Mark(s(id))),
            ["judge", id, "chief"] => Route::Judge(JudgeRoute::Chief(s(id))),
            _ => return None,
        })
    }

    /// The page that shows this route.
    pub fn bundle(&self) -> Bundle {
        match self {
            Route::Home => Bundle::Home,
            Route::Qa(_) => Bundle::Qa,
            Route::S26(_) => Bundle::S26,
            Route::S26Print(_) => Bundle::S26Print,
            Route::S26Session(_) => Bundle::S26Session,
            Route::Judge(_) => Bundle::Judge,
            Route::Ia(_) => Bundle::Ia,
            Route::Reg(_) => Bundle::Reg,
            Route::RegProvince(_) => Bundle::RegProvince,
            Route::Sync(_) => Bundle::Sync,
        }
    }

    /// The page that shows an address: its route's, or the home page (which says "not found") for an address that
    /// is none of the app's.
    pub fn bundle_of(route: Option<&Route>) -> Bundle {
        route.map_or(Bundle::Home, Route::bundle)
    }

    /// The link to this route from any page of the app: `qa.html#/qa/…`.
    pub fn href(&self) -> String {
        format!("{}{}", self.bundle().file(), self.hash())
    }

    /// The `#/…` part alone.
    pub fn hash(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Qa(r) => match r {
                QaRoute::Colleges => "#/qa".into(),
                QaRoute::College(c) => format!("#/qa/{c}"),
                QaRoute::Editor(c, y) => format!("#/qa/{c}/{y}"),
                QaRoute::Report(c, y) => format!("#/qa/{c}/{y}/report"),
                QaRoute::Compare(c) => format!("#/qa/{c}/compare"),
            },
            Route::S26(r) => match r {
                S26Route::Standards => "#/s26".into(),
                S26Route::Standard(id) => format!("#/s26/{id}"),
            },
            Route::S26Print(r) => match r {
                S26PrintRoute::Paper(id) => format!("#/s26/{id}/paper"),
                S26PrintRoute::Manual(id) => format!("#/s26/{id}/manual"),
                S26PrintRoute::Application(id) => format!("#/s26/session/{id}/application"),
                S26PrintRoute::CandidateApplication(id) => format!("#/s26/candidate/{id}/application"),
                S26PrintRoute::Request(id) => format!("#/s26/{id}/request"),
                S26PrintRoute::Check(id) => format!("#/s26/{id}/check"),
                S26PrintRoute::Practical(id) => format!("#/s26/{id}/practical"),
                S26PrintRoute::StandardApplication(id) => format!("#/s26/{id}/application"),
            },
            Route::S26Session(r) => match r {
                S26SessionRoute::Session(id) => format!("#/s26/session/{id}"),
                S26SessionRoute::Summary(id) => format!("#/s26/session/{id}/summary"),
                S26SessionRoute::Report(id) => format!("#/s26/session/{id}/report"),
                S26SessionRoute::Certificates(id) => format!("#/s26/session/{id}/certificates"),
            },
            Route::Ia(r) => match r {
                IaRoute::Datasets => "#/ia".into(),
                IaRoute::Compare => "#/ia/compare".into(),
                IaRoute::Analysis(id) => format!("#/ia/{id}"),
                IaRoute::Report(id) => format!("#/ia/{id}/report"),
                IaRoute::Session(id, m) => format!("#/ia/session/{id}/{}", m.code()),
                IaRoute::SessionReport(id, m) => format!("#/ia/session/{id}/{}/report", m.code()),
            },
            Route::Sync(r) => match r {
                SyncRoute::Settings => "#/sync".into(),
                SyncRoute::Conflicts => "#/sync/conflicts".into(),
            },
            Route::Reg(r) => match r {
                RegRoute::Home => "#/reg".into(),
                RegRoute::College(c) => format!("#/reg/college/{c}"),
                RegRoute::Editor(c, y) => format!("#/reg/college/{c}/{y}"),
                RegRoute::Report(c, y) => format!("#/reg/college/{c}/{y}/report"),
            },
            Route::RegProvince(r) => match r {
                RegProvinceRoute::Province(p, y) => format!("#/reg/province/{p}/{y}"),
                RegProvinceRoute::Report(p, y) => format!("#/reg/province/{p}/{y}/report"),
                RegProvinceRoute::College(p, y, c) => format!("#/reg/province/{p}/{y}/college/{c}"),
            },
            Route::Judge(r) => match r {
                JudgeRoute::Home => "#/judge".into(),
                JudgeRoute::Mark(id) => format!("#/judge/{id}"),
                JudgeRoute::Chief(id) => format!("#/judge/{id}/chief"),
            },
        }
    }
}

/// A bundle's own routes, the argument of its page function: what the shell hands it from the current address.
pub trait BundleRoute: Sized {
    /// The bundle whose routes these are.
    const BUNDLE: Bundle;
    /// This bundle's route for an address (`None`: none of the app's), or `None` when another bundle shows it.
    fn pick(address: Option<Route>) -> Option<Self>;
}

/// The home page's routes: the list of jobs, and "not found" for an address that is none of the app's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HomeRoute {
    Jobs,
    NotFound,
}

impl BundleRoute for HomeRoute {
    const BUNDLE: Bundle = Bundle::Home;
    fn pick(address: Option<Route>) -> Option<HomeRoute> {
        match address {
            Some(Route::Home) => Some(HomeRoute::Jobs),
            None => Some(HomeRoute::NotFound),
            Some(_) => None,
        }
    }
}

/// For each bundle's route enum: it is a [`Route`] (`QaRoute::Colleges.into()`), has an `href`, and is picked out
/// of an address by the shell.
macro_rules! bundle_routes {
    ($($sub:ident => $variant:ident),* $(,)?) => {$(
        impl From<$sub> for Route {
            fn from(route: $sub) -> Route {
                Route::$variant(route)
            }
        }

        impl $sub {
            /// The link to this route from any page of the app (see [`Route::href`]).
            pub fn href(self) -> String {
                Route::from(self).href()
            }
        }

        impl BundleRoute for $sub {
            const BUNDLE: Bundle = Bundle::$variant;
            fn pick(address: Option<Route>) -> Option<$sub> {
                match address {
                    Some(Route::$variant(route)) => Some(route),
                    _ => None,
                }
            }
        }
    )*};
}

bundle_routes! {
    QaRoute => Qa,
    S26Route => S26,
    S26PrintRoute => S26Print,
    S26SessionRoute => S26Session,
    JudgeRoute => Judge,
    IaRoute => Ia,
    RegRoute => Reg,
    RegProvinceRoute => RegProvince,
    SyncRoute => Sync,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// One route of every variant, with ids and codes shaped like real ones.
    fn every_route() -> Vec<Route> {
        let id = || "3f2b9c1e-55aa-4d0e-9b7a-0c1d2e3f4a5b".to_string();
        let code = || "1310100001".to_string();
        vec![
            Route::Home,
            Route::Qa(QaRoute::Colleges),
            Route::Qa(QaRoute::College(code())),
            Route::Qa(QaRoute::Editor(code(), 2568)),
            Route::Qa(QaRoute::Report(code(), 2568)),
            Route::Qa(QaRoute::Compare(code())),
            Route::S26(S26Route::Standards),
            Route::S26(S26Route::Standard(id())),
            Route::S26Print(S26PrintRoute::Paper(id())),
            Route::S26Print(S26PrintRoute::Manual(id())),
            Route::S26Print(S26PrintRoute::Application(id())),
            Route::S26Print(S26PrintRoute::CandidateApplication(id())),
            Route::S26Print(S26PrintRoute::Request(id())),
            Route::S26Print(S26PrintRoute::Check(id())),
            Route::S26Print(S26PrintRoute::Practical(id())),
            Route::S26Print(S26PrintRoute::StandardApplication(id())),
            Route::S26Session(S26SessionRoute::Session(id())),
            Route::S26Session(S26SessionRoute::Summary(id())),
            Route::S26Session(S26SessionRoute::Report(id())),
            Route::S26Session(S26SessionRoute::Certificates(id())),
            Route::Judge(JudgeRoute::Home),
            Route::Judge(JudgeRoute::Mark(id())),
            Route::Judge(JudgeRoute::Chief(id())),
            Route::Ia(IaRoute::Datasets),
            Route::Ia(IaRoute::Compare),
            Route::Ia(IaRoute::Analysis(id())),
            Route::Ia(IaRoute::Report(id())),
            Route::Ia(IaRoute::Session(id(), SessionMethod::Norm(25))),
            Route::Ia(IaRoute::Session(id(), SessionMethod::Norm(27))),
            Route::Ia(IaRoute::Session(id(), SessionMethod::Verdicts)),
            Route::Ia(IaRoute::SessionReport(id(), SessionMethod::Verdicts)),
            Route::Reg(RegRoute::Home),
            Route::Reg(RegRoute::College(code())),
            Route::Reg(RegRoute::Editor(code(), 2568)),
            Route::Reg(RegRoute::Report(code(), 2568)),
            Route::RegProvince(RegProvinceRoute::Province("10".into(), 2568)),
            Route::RegProvince(RegProvinceRoute::Report("10".into(), 2568)),
            Route::RegProvince(RegProvinceRoute::College("10".into(), 2568, code())),
            Route::Sync(SyncRoute::Settings),
            Route::Sync(SyncRoute::Conflicts),
        ]
    }

    /// `variant(route)`, the name of a route's variant by an exhaustive match (no wildcard), and `VARIANTS`, the
    /// number of its arms: a new variant does not compile until it has an arm here, and then the test below fails
    /// until [`every_route`] lists it.
    macro_rules! variants {
        ($($arm:pat => $name:literal,)*) => {
            fn variant(route: &Route) -> &'static str {
                match route {
                    $($arm => $name,)*
                }
            }
            const VARIANTS: usize = [$($name),*].len();
        };
    }

    variants! {
        Route::Home => "home",
        Route::Qa(QaRoute::Colleges) => "qa colleges",
        Route::Qa(QaRoute::College(_)) => "qa college",
        Route::Qa(QaRoute::Editor(..)) => "qa editor",
        Route::Qa(QaRoute::Report(..)) => "qa report",
        Route::Qa(QaRoute::Compare(_)) => "qa compare",
        Route::S26(S26Route::Standards) => "s26 standards",
        Route::S26(S26Route::Standard(_)) => "s26 standard",
        Route::S26Print(S26PrintRoute::Paper(_)) => "s26 paper",
        Route::S26Print(S26PrintRoute::Manual(_)) => "s26 manual",
        Route::S26Print(S26PrintRoute::Application(_)) => "s26 application",
        Route::S26Print(S26PrintRoute::CandidateApplication(_)) => "s26 candidate application",
        Route::S26Print(S26PrintRoute::Request(_)) => "s26 request",
        Route::S26Print(S26PrintRoute::Check(_)) => "s26 check",
        Route::S26Print(S26PrintRoute::Practical(_)) => "s26 practical",
        Route::S26Print(S26PrintRoute::StandardApplication(_)) => "s26 standard application",
        Route::S26Session(S26SessionRoute::Session(_)) => "s26 session",
        Route::S26Session(S26SessionRoute::Summary(_)) => "s26 summary",
        Route::S26Session(S26SessionRoute::Report(_)) => "s26 report",
        Route::S26Session(S26SessionRoute::Certificates(_)) => "s26 certificates",
        Route::Judge(JudgeRoute::Home) => "judge home",
        Route::Judge(JudgeRoute::Mark(_)) => "judge mark",
        Route::Judge(JudgeRoute::Chief(_)) => "judge chief",
        Route::Ia(IaRoute::Datasets) => "ia datasets",
        Route::Ia(IaRoute::Compare) => "ia compare",
        Route::Ia(IaRoute::Analysis(_)) => "ia analysis",
        Route::Ia(IaRoute::Report(_)) => "ia report",
        Route::Ia(IaRoute::Session(..)) => "ia session",
        Route::Ia(IaRoute::SessionReport(..)) => "ia session report",
        Route::Reg(RegRoute::Home) => "reg home",
        Route::Reg(RegRoute::College(_)) => "reg college",
        Route::Reg(RegRoute::Editor(..)) => "reg editor",
        Route::Reg(RegRoute::Report(..)) => "reg report",
        Route::RegProvince(RegProvinceRoute::Province(..)) => "reg province",
        Route::RegProvince(RegProvinceRoute::Report(..)) => "reg province report",
        Route::RegProvince(RegProvinceRoute::College(..)) => "reg province college",
        Route::Sync(SyncRoute::Settings) => "sync settings",
        Route::Sync(SyncRoute::Conflicts) => "sync conflicts",
    }

    #[test]
    fn every_route_is_listed_once_per_variant() {
        let listed: BTreeSet<&str> = every_route().iter().map(variant).collect();
        assert_eq!(listed.len(), VARIANTS, "every_route must list each variant of `variant`: {listed:?}");
    }

    #[test]
    fn every_route_reads_back_from_its_hash() {
        for route in every_route() {
            assert_eq!(Route::parse(&route.hash()), Some(route.clone()), "{}", route.hash());
            assert_eq!(route.href(), format!("{}{}", route.bundle().file(), route.hash()));
        }
    }

    #[test]
    fn addresses_as_typed() {
        assert_eq!(Route::parse(""), Some(Route::Home));
        assert_eq!(Route::parse("#/qa/"), Some(Route::Qa(QaRoute::Colleges)));
        assert_eq!(Route::parse("#/ia/session/x"), Some(Route::Ia(IaRoute::Session("x".into(), SessionMethod::default()))));
        assert_eq!(Route::parse("#/no/such/page"), None);
        assert_eq!(Route::parse("#/qa/1310100001/year"), None);
        assert_eq!(Route::parse("#/ia/session/x/no-such-method"), None);
        assert_eq!(Route::bundle_of(None), Bundle::Home);
        assert_eq!(Route::Home.href(), "./#/");
        assert_eq!(QaRoute::Colleges.href(), "qa.html#/qa");
    }

    #[test]
    fn every_route_is_picked_by_its_bundle_only() {
        fn picks<R: BundleRoute>(address: Option<Route>) -> Option<Bundle> {
            R::pick(address).map(|_| R::BUNDLE)
        }
        let addresses = every_route().into_iter().map(Some).chain([None]);
        for address in addresses {
            let by: Vec<Bundle> = [
                picks::<HomeRoute>(address.clone()),
                picks::<QaRoute>(address.clone()),
                picks::<S26Route>(address.clone()),
                picks::<S26PrintRoute>(address.clone()),
                picks::<S26SessionRoute>(address.clone()),
                picks::<JudgeRoute>(address.clone()),
                picks::<IaRoute>(address.clone()),
                picks::<RegRoute>(address.clone()),
                picks::<RegProvinceRoute>(address.clone()),
                picks::<SyncRoute>(address.clone()),
            ]
            .into_iter()
            .flatten()
            .collect();
            assert_eq!(by, [Route::bundle_of(address.as_ref())], "{address:?}");
        }
    }

    /// The pages are named once: each bundle has its HTML file beside `index.html` and its binary in `src/bin/`,
    /// and there are no others; the only other binaries are the workers of [`Bundle::WORKERS`], each built by its
    /// page's HTML file and by no other.
    #[test]
    fn every_bundle_has_its_page_and_binary_and_nothing_else_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let names = |dir: &Path, keep: &dyn Fn(&str) -> bool| -> BTreeSet<String> {
            std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .filter(|n| keep(n))
                .collect()
        };
        let html = names(root, &|n| n.ends_with(".html"));
        let bins = names(&root.join("src/bin"), &|n| n.starts_with("mattrathan-") && n.ends_with(".rs"));
        assert_eq!(html, Bundle::ALL.iter().map(|b| b.html()).collect::<BTreeSet<_>>());
        let pages = Bundle::ALL.iter().map(|b| format!("mattrathan-{}.rs", b.name()));
        let workers = Bundle::WORKERS.iter().map(|(_, w)| format!("mattrathan-{w}.rs"));
        assert_eq!(bins, pages.chain(workers).collect::<BTreeSet<_>>());
        for b in Bundle::ALL {
            let text = std::fs::read_to_string(root.join(b.html())).unwrap();
            let linked: BTreeSet<&str> = text.split("data-bin=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
            let own = format!("mattrathan-{}", b.name());
            let mine = Bundle::WORKERS.iter().filter(|(p, _)| *p == b).map(|(_, w)| format!("mattrathan-{w}"));
            let expected: BTreeSet<String> = std::iter::once(own).chain(mine).collect();
            assert_eq!(linked, expected.iter().map(String::as_str).collect(), "{}: its data-bin links", b.html());
        }
    }
}
