//! The bar chart of indicator scores (0–5), drawn by the app as an SVG string: on screen and in the printed report.
//! Geometry uses exact decimals like the scores themselves.

use leptos::prelude::*;
use rust_decimal::Decimal;

const WIDTH: i64 = 720;
const HEIGHT: i64 = 260;
const LEFT: i64 = 36;
const TOP: i64 = 16;
const PLOT_H: i64 = 200; // 40 px per point

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// SVG markup for one bar per row; a row without a score gets a "—" label and no bar.
pub fn scores_svg(title: &str, rows: &[(String, Option<Decimal>, String)]) -> String {
    let n = rows.len().max(1) as i64;
    let slot = (WIDTH - LEFT - 8) / n;
    let bar = slot * 6 / 10;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}">"#,
        escape(title)
    );
    for level in 0..=5 {
        let y = TOP + PLOT_H - level * PLOT_H / 5;
        svg += &format!(
            r##"<line x1="{LEFT}" x2="{WIDTH}" y1="{y}" y2="{y}" stroke="#d7dce3"/><text x="{}" y="{}" font-size="12" text-anchor="end" fill="#5b6473">{level}</text>"##,
            LEFT - 6,
            y + 4
        );
    }
    for (i, (label, score, level_class)) in rows.iter().enumerate() {
        let x = LEFT + 4 + i as i64 * slot + (slot - bar) / 2;
        let cx = x + bar / 2;
        let base = TOP + PLOT_H;
        match score {
            Some(s) => {
                let h = (*s * Decimal::from(PLOT_H) / Decimal::from(5)).round_dp(1);
                let y = Decimal::from(base) - h;
                svg += &format!(
                    r##"<rect class="bar {}" x="{x}" y="{y}" width="{bar}" height="{h}" fill="#0b5cab"><title>{}: {s}</title></rect><text x="{cx}" y="{}" font-size="12" text-anchor="middle">{s}</text>"##,
                    escape(level_class),
                    escape(label),
                    y - Decimal::from(4)
                );
            }
            None => {
                svg += &format!(
                    r##"<text x="{cx}" y="{}" font-size="12" text-anchor="middle" fill="#5b6473">—</text>"##,
                    base - 4
                )
            }
        }
        svg += &format!(
            r##"<text x="{cx}" y="{}" font-size="13" text-anchor="middle">{}</text>"##,
            base + 18,
            escape(label)
        );
    }
    svg + "</svg>"
}

/// The chart as a view.
pub fn scores_chart(title: String, rows: impl Fn() -> Vec<(String, Option<Decimal>, String)> + Send + Sync + 'static) -> impl IntoView {
    view! { <figure class="chart" data-testid="score-chart" inner_html=move || scores_svg(&title, &rows())></figure> }
}
