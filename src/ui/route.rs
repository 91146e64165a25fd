//! The Leptos side of the app's addresses ([`crate::routes`]): the current route's signal, [`navigate`], and the
//! breadcrumbs of the top bar and the document's title.

use leptos::prelude::*;

use crate::routes::{IaRoute, QaRoute, RegProvinceRoute, RegRoute, Route, SyncRoute, S26Route, JudgeRoute};

/// The current route, kept in step with `location.hash` (`None`: an address that is none of the app's).
pub fn current_route_signal() -> RwSignal<Option<Route>> {
    let route = RwSignal::new(Route::parse(&location_hash().unwrap_or_default()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(Route::parse(&location_hash().unwrap_or_default()));
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || handle.remove());
    route
}

/// Goes to `route`: within this page by its hash, or by loading the page of another bundle. The page on screen shows
/// a route of its own bundle (the shell forwards the others), so the current address names the running bundle.
pub fn navigate(route: impl Into<Route>) {
    let route = route.into();
    let location = window().location();
    let here = Route::parse(&location.hash().unwrap_or_default());
    let _ = if route.bundle() == Route::bundle_of(here.as_ref()) {
        location.set_hash(&route.hash())
    } else {
        location.assign(&route.href())
    };
}

/// Breadcrumbs for the top bar.
pub fn crumbs(route: Option<&Route>) -> impl IntoView {
    crumb_links(route)
        .into_iter()
        .map(|(r, label)| view! { <span>"› "</span><a href=r.href()>{label}</a> })
        .collect_view()
}

/// The document's title at `route`: its last breadcrumb, then the app's name, so each page and place reads
/// differently in the browser's tabs and history and to a screen reader (WCAG 2.4.2); the home page keeps the name.
pub fn title(route: Option<&Route>) -> String {
    match crumb_links(route).pop() {
        Some((_, label)) => format!("{label} — มาตรฐาน"),
        None => "มาตรฐาน (Mattrathan)".into(),
    }
}

/// The breadcrumbs' routes and labels.
fn crumb_links(route: Option<&Route>) -> Vec<(Route, String)> {
    let mut links: Vec<(Route, String)> = Vec::new();
    let mut link = |route: Route, label: String| links.push((route, label));
    match route {
        None | Some(Route::Home) => {}
        Some(Route::Qa(r)) => {
            link(QaRoute::Colleges.into(), "ประเมินตนเอง".into());
            if let QaRoute::College(c) | QaRoute::Editor(c, _) | QaRoute::Report(c, _) | QaRoute::Compare(c) = r {
                link(QaRoute::College(c.clone()).into(), format!("วิทยาลัย {c}"));
            }
            match r {
                QaRoute::Editor(c, y) | QaRoute::Report(c, y) => {
                    link(QaRoute::Editor(c.clone(), *y).into(), format!("ปีการศึกษา {y}"))
                }
                QaRoute::Compare(c) => link(QaRoute::Compare(c.clone()).into(), "เทียบรายปี".into()),
                QaRoute::Colleges | QaRoute::College(_) => {}
            }
        }
        Some(Route::S26(_) | Route::S26Print(_) | Route::S26Session(_)) => link(S26Route::Standards.into(), "มาตรา 26".into()),
        Some(Route::Ia(r)) => {
            link(IaRoute::Datasets.into(), "วิเคราะห์ข้อสอบ".into());
            match r {
                IaRoute::Report(id) => link(IaRoute::Analysis(id.clone()).into(), "ชุดข้อมูล".into()),
                IaRoute::SessionReport(id, m) => link(IaRoute::Session(id.clone(), *m).into(), "รอบทดสอบ".into()),
                IaRoute::Compare => link(IaRoute::Compare.into(), "เปรียบเทียบสองชุด".into()),
                IaRoute::Datasets | IaRoute::Analysis(_) | IaRoute::Session(..) => {}
            }
        }
        Some(Route::Sync(r)) => {
            link(SyncRoute::Settings.into(), "ซิงค์".into());
            match r {
                SyncRoute::Settings => {}
                SyncRoute::Conflicts => link(SyncRoute::Conflicts.into(), "ข้อมูลที่ขัดแย้ง".into()),
            }
        }
        Some(Route::Reg(r)) => {
            link(RegRoute::Home.into(), "ลงทะเบียนรับเครื่องมือ".into());
            match r {
                RegRoute::Home => {}
                RegRoute::College(c) | RegRoute::Editor(c, _) | RegRoute::Report(c, _) => {
                    link(RegRoute::College(c.clone()).into(), format!("สถานศึกษา {c}"));
                    if let RegRoute::Editor(_, y) | RegRoute::Report(_, y) = r {
                        link(RegRoute::Editor(c.clone(), *y).into(), format!("ปีการศึกษา {y}"));
                    }
                }
            }
        }
        Some(Route::RegProvince(r)) => {
            link(RegRoute::Home.into(), "ลงทะเบียนรับเครื่องมือ".into());
            let (RegProvinceRoute::Province(p, y) | RegProvinceRoute::Report(p, y) | RegProvinceRoute::College(p, y, _)) = r;
            let name = crate::domain::provinces::name(p);
            link(RegProvinceRoute::Province(p.clone(), *y).into(), format!("จังหวัด{name} {y}"));
        }
        Some(Route::Judge(_)) => link(JudgeRoute::Home.into(), "แท็บเล็ตกรรมการ".into()),
    }
    links
}
