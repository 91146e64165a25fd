//! The bar chart of indicator scores (0–5), drawn by the app as an SVG string: on screen and in the printed report.
//! Geometry uses exact decimals like the scores themselves. Item analysis adds a score histogram and a p–r scatter
//! plot (integer geometry on hundredths).

use leptos::prelude::*;
use crate::domain::item_analysis::Hundredths;
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

/// A histogram of scores 0..=max (one bar per score), drawn like the score chart: item analysis's score
/// distribution. `counts[s]` is the number of candidates with score `s`.
pub fn histogram_svg(title: &str, counts: &[u32]) -> String {
    let max_count = counts.iter().copied().max().unwrap_or(0).max(1) as i64;
    let n = counts.len().max(1) as i64;
    let plot_w = WIDTH - LEFT - 8;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}">"#,
        escape(title)
    );
    for step in [0, 2, 4] {
        let y = TOP + PLOT_H - step * PLOT_H / 4;
        let label = (max_count * step + 2) / 4;
        svg += &format!(
            r##"<line x1="{LEFT}" x2="{WIDTH}" y1="{y}" y2="{y}" stroke="#d7dce3"/><text x="{}" y="{}" font-size="12" text-anchor="end" fill="#5b6473">{label}</text>"##,
            LEFT - 6,
            y + 4
        );
    }
    let tick = ((n + 9) / 10).max(1);
    for (s, &count) in counts.iter().enumerate() {
        let s = s as i64;
        let x0 = LEFT + 4 + s * plot_w / n;
        let x1 = LEFT + 4 + (s + 1) * plot_w / n;
        let h = i64::from(count) * PLOT_H / max_count;
        let base = TOP + PLOT_H;
        svg += &format!(
            r##"<rect x="{x0}" y="{}" width="{}" height="{h}" fill="#0b5cab"><title>{s} คะแนน: {count} คน</title></rect>"##,
            base - h,
            (x1 - x0 - 1).max(1)
        );
        if s % tick == 0 || s == n - 1 {
            svg += &format!(
                r##"<text x="{}" y="{}" font-size="12" text-anchor="middle">{s}</text>"##,
                (x0 + x1) / 2,
                base + 18
            );
        }
    }
    svg + "</svg>"
}

/// A p–r scatter plot: x = p (0.00–1.00), y = r (−1.00–1.00), both in hundredths; the good region (0.20 ≤ p ≤ 0.80,
/// r ≥ 0.20) is shaded. Each point is `(label, p, r, flagged)`; flagged points are drawn as red squares.
pub fn scatter_svg(title: &str, points: &[(String, i32, i32, bool)]) -> String {
    let (plot_w, plot_h) = (WIDTH - LEFT - 16, PLOT_H);
    let x = |p: i32| LEFT + i64::from(p) * plot_w / 100;
    let y = |r: i32| TOP + (100 - i64::from(r)) * plot_h / 200;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}">"#,
        escape(title)
    );
    svg += &format!(
        r##"<rect x="{}" y="{}" width="{}" height="{}" fill="#e8f5ec"/>"##,
        x(20),
        y(100),
        x(80) - x(20),
        y(20) - y(100)
    );
    for r in [-100, -50, -20, 0, 20, 50, 100] {
        svg += &format!(
            r##"<line x1="{LEFT}" x2="{}" y1="{y}" y2="{y}" stroke="{}"/><text x="{}" y="{}" font-size="12" text-anchor="end" fill="#5b6473">{}</text>"##,
            x(100),
            if r == 0 { "#8a93a3" } else { "#d7dce3" },
            LEFT - 6,
            y(r) + 4,
            Hundredths(r),
            y = y(r)
        );
    }
    for p in [0, 20, 40, 60, 80, 100] {
        svg += &format!(
            r##"<line x1="{x}" x2="{x}" y1="{}" y2="{}" stroke="#d7dce3"/><text x="{x}" y="{}" font-size="12" text-anchor="middle" fill="#5b6473">{}</text>"##,
            y(100),
            y(-100),
            y(-100) + 18,
            Hundredths(p),
            x = x(p)
        );
    }
    svg += &format!(
        r##"<text x="{}" y="{}" font-size="12" text-anchor="end">p</text><text x="{}" y="{}" font-size="12">r</text>"##,
        x(100),
        y(-100) - 4,
        LEFT + 4,
        y(100) + 12
    );
    for (label, p, r, flagged) in points {
        let (cx, cy) = (x(*p), y(*r));
        let tip = format!("ข้อ {}: p {} r {}", escape(label), Hundredths(*p), Hundredths(*r));
        svg += &if *flagged {
            format!(
                r##"<rect x="{}" y="{}" width="8" height="8" fill="#b3261e" fill-opacity="0.8"><title>{tip}</title></rect>"##,
                cx - 4,
                cy - 4
            )
        } else {
            format!(
                r##"<circle cx="{cx}" cy="{cy}" r="4.5" fill="#0b5cab" fill-opacity="0.8"><title>{tip}</title></circle>"##
            )
        };
    }
    svg + "</svg>"
}


/// One line of an option plot: an option (or the omitted answers) and its share in each group, low to high.
pub struct PlotLine {
    /// The legend's text: the option's letter, or "ไม่ตอบ".
    pub label: String,
    pub is_key: bool,
    pub omitted: bool,
    pub shares: Vec<Hundredths>,
}

const OPT_W: i64 = 320;
const OPT_H: i64 = 196;
const OPT_LEFT: i64 = 34;
const OPT_TOP: i64 = 10;
const OPT_PLOT_H: i64 = 120;
/// Distractors' colours, by option index; the key is drawn thick and black with squares whatever its index.
const OPT_COLOURS: [&str; 5] = ["#d9822b", "#2a9d8f", "#8e44ad", "#c0392b", "#6b8e23"];

/// An option plot (Iteman's "quantile plot"): x = the groups from low to high total score (`groups` their labels),
/// y = share choosing 0.00–1.00, one line per option, the key thick and black with squares, the omitted answers
/// dashed grey, and a legend under the plot. Each line carries `data-option` and `data-shares` (the plotted
/// hundredths, low group first) so a test reads what was drawn.
pub fn option_plot_svg(title: &str, groups: &[String], lines: &[PlotLine]) -> String {
    let plot_w = OPT_W - OPT_LEFT - 12;
    let m = groups.len().max(1) as i64;
    let x = |j: usize| match m {
        1 => OPT_LEFT + plot_w / 2,
        // Inset enough that a Thai group name ("กลุ่มสูง") centred on the last group stays inside the figure.
        _ => OPT_LEFT + 26 + j as i64 * (plot_w - 52) / (m - 1),
    };
    let y = |share: Hundredths| OPT_TOP + (100 - i64::from(share.0.clamp(0, 100))) * OPT_PLOT_H / 100;
    let base = OPT_TOP + OPT_PLOT_H;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {OPT_W} {OPT_H}" role="img" aria-label="{}">"#,
        escape(title)
    );
    for share in [0, 50, 100] {
        let yy = y(Hundredths(share));
        svg += &format!(
            r##"<line x1="{OPT_LEFT}" x2="{}" y1="{yy}" y2="{yy}" stroke="#d7dce3"/><text x="{}" y="{}" font-size="11" text-anchor="end" fill="#5b6473">{}</text>"##,
            OPT_LEFT + plot_w,
            OPT_LEFT - 4,
            yy + 4,
            Hundredths(share)
        );
    }
    for (j, label) in groups.iter().enumerate() {
        svg += &format!(
            r##"<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#5b6473">{}</text>"##,
            x(j),
            base + 15,
            escape(label)
        );
    }
    // Distractors and omitted first, the key last so it stays on top.
    for (n, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_key).chain(lines.iter().enumerate().filter(|(_, l)| l.is_key)) {
        let (colour, width, dash) = line_style(n, line);
        let points: Vec<(i64, i64)> = line.shares.iter().enumerate().map(|(j, &s)| (x(j), y(s))).collect();
        let path: Vec<String> = points.iter().map(|(px, py)| format!("{px},{py}")).collect();
        let shares: Vec<String> = line.shares.iter().map(|s| s.to_string()).collect();
        svg += &format!(
            r##"<g class="opt-line" data-option="{}" data-key="{}" data-shares="{}"><polyline points="{}" fill="none" stroke="{colour}" stroke-width="{width}"{dash}/>"##,
            escape(&line.label),
            line.is_key,
            shares.join(" "),
            path.join(" ")
        );
        for (j, ((px, py), s)) in points.iter().zip(&line.shares).enumerate() {
            let group = groups.get(j).map_or("", String::as_str);
            let tip = format!("<title>{} · {}: {s}</title>", escape(&line.label), escape(group));
            svg += &if line.is_key {
                format!(r##"<rect x="{}" y="{}" width="7" height="7" fill="{colour}">{tip}</rect>"##, px - 3, py - 3)
            } else {
                format!(r##"<circle cx="{px}" cy="{py}" r="2.5" fill="{colour}">{tip}</circle>"##)
            };
        }
        svg += "</g>";
    }
    // The legend: one entry per line in option order, the key named.
    let (mut lx, ly) = (OPT_LEFT - 20, OPT_H - 12);
    for (n, line) in lines.iter().enumerate() {
        let (colour, width, dash) = line_style(n, line);
        let text = if line.is_key { format!("{} (เฉลย)", line.label) } else { line.label.clone() };
        svg += &format!(
            r##"<line x1="{lx}" x2="{}" y1="{}" y2="{}" stroke="{colour}" stroke-width="{width}"{dash}/><text x="{}" y="{ly}" font-size="11"{}>{}</text>"##,
            lx + 14,
            ly - 4,
            ly - 4,
            lx + 17,
            if line.is_key { r#" font-weight="bold""# } else { "" },
            escape(&text)
        );
        lx += 17 + if line.is_key { 50 } else if line.omitted { 40 } else { 24 };
    }
    svg + "</svg>"
}

/// Colour, stroke width and dash of a plot line (`n`: its place among the lines, the option index).
fn line_style(n: usize, line: &PlotLine) -> (&'static str, u32, &'static str) {
    match (line.is_key, line.omitted) {
        (true, _) => ("#111111", 3, ""),
        (false, true) => ("#8a93a3", 1, r#" stroke-dasharray="4 3""#),
        (false, false) => (OPT_COLOURS[n % OPT_COLOURS.len()], 2, ""),
    }
}
