//! The trend chart as SVG, drawn with plotters' SVG backend (no system
//! font library: text goes out as SVG `<text>` with a list of CJK
//! font families, and the viewer's fonts render it).
//!
//! What always holds:
//! - At most [`MAX_SERIES`] series; each has its own colour *and* marker
//!   (filled circle, triangle, square, cross), so the chart reads in
//!   grey print and for colour-blind readers (Okabe–Ito colours).
//! - Years without documents are shaded and break the lines: no point,
//!   no zero, no line drawn across them.
//! - The first and last use of each text are ringed and labelled
//!   (`首 2013`, `末 2026`), and named in the legend.
//! - Labels from the text are sanitised (no control character reaches
//!   the SVG); plotters escapes `<`, `&` and quotes.

use super::trend::{Calendar, Trend};
use crate::corpus::sanitize;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Series one chart can tell apart.
pub const MAX_SERIES: usize = 4;

/// CJK fonts first (Linux, macOS, Windows), then the generic family.
const FONT: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', \
                    'PingFang SC', 'Microsoft YaHei', sans-serif";

/// Okabe–Ito: blue, vermillion, bluish green, reddish purple.
const COLOURS: [RGBColor; MAX_SERIES] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
];
const GAP: RGBColor = RGBColor(225, 225, 225);
const WIDTH: u32 = 960;
const HEIGHT: u32 = 540;

/// What the chart plots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Per10k,
    Count,
}

/// How a series is spread over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spread {
    /// One point per year.
    Year,
    /// One point per dated document, at its date.
    Doc,
}

/// A date as a year with a fraction: `2016-03-05` → 2016.17.
fn date_x(date: &str) -> Option<f64> {
    let year = super::trend::year_of(date)? as f64;
    let part = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<f64>().ok());
    let month = part(5..7).unwrap_or(1.0);
    let day = part(8..10).unwrap_or(1.0);
    Some(year + ((month - 1.0) * 30.5 + (day - 1.0)) / 366.0)
}

/// One series as drawn: runs of points (a run ends at a gap year), and
/// where the first and last use sit.
struct Drawn {
    label: String,
    runs: Vec<Vec<(f64, f64)>>,
    first: Option<(f64, f64, i32)>,
    last: Option<(f64, f64, i32)>,
}

fn drawn(t: &Trend, cal: &Calendar, measure: Measure, spread: Spread) -> Drawn {
    let value = |count: usize, chars: usize| match measure {
        Measure::Count => count as f64,
        Measure::Per10k => super::trend::per10k(count, chars).unwrap_or(0.0),
    };
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    let mut at_year = Vec::new(); // (year, x, y) of every point
    match spread {
        Spread::Year => {
            for p in &t.years {
                if p.is_gap() {
                    runs.push(Vec::new());
                    continue;
                }
                let pt = (p.year as f64, value(p.count, p.chars));
                runs.last_mut().expect("one run at least").push(pt);
                at_year.push((p.year, pt, None));
            }
        }
        Spread::Doc => {
            let mut prev: Option<i32> = None;
            for p in cal.by_doc(&t.occurrences) {
                let Some(x) = date_x(&p.date) else { continue };
                // A year with no document between two points breaks the line.
                if prev.is_some_and(|y| p.year > y + 1) {
                    runs.push(Vec::new());
                }
                prev = Some(p.year);
                let pt = (x, value(p.count, p.chars));
                runs.last_mut().expect("one run at least").push(pt);
                at_year.push((p.year, pt, Some(p.doc)));
            }
        }
    }
    runs.retain(|r| !r.is_empty());
    let mark = |o: Option<crate::slogans::Occurrence>| {
        let o = o?;
        let year = cal.year(o.doc)?;
        let &(_, (x, y), _) = at_year
            .iter()
            .find(|(yr, _, d)| *yr == year && d.is_none_or(|d| d == o.doc))?;
        Some((x, y, year))
    };
    Drawn {
        label: sanitize(&t.text),
        runs,
        first: mark(t.first),
        last: mark(t.last),
    }
}

/// Rough width of a label in pixels: CJK one em, others about half.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars()
        .map(|c| {
            if crate::text::width::char_width(c, crate::text::width::AmbiWidth::One) >= 2 {
                size
            } else {
                size * 0.55
            }
        })
        .sum()
}

/// The chart of up to [`MAX_SERIES`] trends, as an SVG document.
pub fn chart(
    trends: &[Trend],
    cal: &Calendar,
    measure: Measure,
    spread: Spread,
) -> Result<String, String> {
    if trends.len() > MAX_SERIES {
        return Err(format!(
            "a chart tells at most {MAX_SERIES} texts apart; {} given",
            trends.len()
        ));
    }
    let Some((y0, y1)) = cal.span() else {
        return Err("no dated documents to chart".into());
    };
    let series: Vec<Drawn> = trends
        .iter()
        .map(|t| drawn(t, cal, measure, spread))
        .collect();
    let gaps: Vec<i32> = trends
        .first()
        .map(|t| {
            t.years
                .iter()
                .filter(|p| p.is_gap())
                .map(|p| p.year)
                .collect()
        })
        .unwrap_or_default();
    let mut buf = String::new();
    draw(&mut buf, &series, &gaps, (y0, y1), cal.dated(), measure).map_err(|e| e.to_string())?;
    Ok(buf)
}

type Res = Result<(), Box<dyn std::error::Error>>;

fn draw(
    buf: &mut String,
    series: &[Drawn],
    gaps: &[i32],
    (y0, y1): (i32, i32),
    dated: usize,
    measure: Measure,
) -> Res {
    let root = SVGBackend::with_string(buf, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let (head, body) = root.split_vertically(92);
    let what = match measure {
        Measure::Per10k => "每万字次数 (per 10,000 chars)",
        Measure::Count => "次数 (count)",
    };
    let title = format!("{what} · {y0}–{y1} · {dated} 篇有日期的文件 (dated documents)");
    head.draw(&Text::new(
        title,
        (24, 14),
        (FONT, 20).into_font().color(&BLACK),
    ))?;
    legend(&head, series)?;

    let ymax = series
        .iter()
        .flat_map(|s| s.runs.iter().flatten().map(|p| p.1))
        .fold(0.0f64, f64::max);
    let ymax = if ymax > 0.0 { ymax * 1.15 } else { 1.0 };
    let (x0, x1) = (y0 as f64 - 0.6, y1 as f64 + 0.6);
    let mut chart = ChartBuilder::on(&body)
        .margin_left(16)
        .margin_right(28)
        .margin_bottom(12)
        .x_label_area_size(44)
        .y_label_area_size(64)
        .build_cartesian_2d(x0..x1, 0f64..ymax)?;
    let year_label = |x: &f64| {
        if (x - x.round()).abs() < 1e-6 {
            format!("{}", x.round() as i64)
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_label_formatter(&year_label)
        .y_label_formatter(&|y| format!("{y:.1}"))
        .x_desc("年 (year)")
        .y_desc(what)
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 15))
        .light_line_style(RGBColor(240, 240, 240))
        .draw()?;
    chart.draw_series(gaps.iter().map(|&y| {
        Rectangle::new(
            [(y as f64 - 0.5, 0.0), (y as f64 + 0.5, ymax)],
            GAP.mix(0.6).filled(),
        )
    }))?;
    for (k, s) in series.iter().enumerate() {
        let colour = COLOURS[k];
        for run in &s.runs {
            chart.draw_series(LineSeries::new(run.iter().copied(), colour.stroke_width(2)))?;
        }
        let points: Vec<(f64, f64)> = s.runs.iter().flatten().copied().collect();
        markers(&mut chart, k, &points, colour)?;
        for (mark, name) in [(s.first, "首"), (s.last, "末")] {
            let Some((x, y, year)) = mark else { continue };
            // Labels stack by series; near the right edge they go left.
            let right = x > x0 + 0.8 * (x1 - x0);
            let (dx, h) = if right {
                (-10, HPos::Right)
            } else {
                (10, HPos::Left)
            };
            let font = (FONT, 13)
                .into_font()
                .color(&colour)
                .pos(Pos::new(h, VPos::Bottom));
            chart.draw_series(std::iter::once(
                EmptyElement::at((x, y))
                    + Circle::new((0, 0), 9, colour.stroke_width(2))
                    + Text::new(format!("{name} {year}"), (dx, -10 - 15 * k as i32), font),
            ))?;
        }
    }
    root.present()?;
    Ok(())
}

type Chart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Series `k`'s marker at every point.
fn markers(chart: &mut Chart, k: usize, points: &[(f64, f64)], colour: RGBColor) -> Res {
    let filled = colour.filled();
    let p = points.iter().copied();
    match k {
        0 => chart.draw_series(p.map(|c| Circle::new(c, 5, filled)))?,
        1 => chart.draw_series(p.map(|c| TriangleMarker::new(c, 6, filled)))?,
        2 => chart.draw_series(
            p.map(|c| EmptyElement::at(c) + Rectangle::new([(-5, -5), (5, 5)], filled)),
        )?,
        _ => chart.draw_series(p.map(|c| Cross::new(c, 6, colour.stroke_width(3))))?,
    };
    Ok(())
}

/// One legend entry per series (marker, line, text, first and last use),
/// then the gap swatch; laid out left to right, wrapping.
fn legend(area: &DrawingArea<SVGBackend, Shift>, series: &[Drawn]) -> Res {
    let size = 15.0;
    let font = (FONT, size)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let (mut x, mut y) = (24.0f64, 52.0f64);
    let mut place = |w: f64| {
        if x + w > WIDTH as f64 - 16.0 && x > 24.0 {
            x = 24.0;
            y += 24.0;
        }
        let at = (x, y);
        x += w + 28.0;
        (at.0 as i32, at.1 as i32)
    };
    for (k, s) in series.iter().enumerate() {
        let colour = COLOURS[k];
        let span = match (s.first, s.last) {
            (Some(f), Some(l)) => format!("  首 {} · 末 {}", f.2, l.2),
            _ => "  (未见 · not used)".to_string(),
        };
        let text = format!("{}{span}", s.label);
        let (px, py) = place(40.0 + text_width(&text, size));
        area.draw(&PathElement::new(
            vec![(px, py), (px + 30, py)],
            colour.stroke_width(2),
        ))?;
        let c = (px + 15, py);
        let filled = colour.filled();
        match k {
            0 => area.draw(&Circle::new(c, 5, filled))?,
            1 => area.draw(&TriangleMarker::new(c, 6, filled))?,
            2 => area.draw(&Rectangle::new(
                [(c.0 - 5, c.1 - 5), (c.0 + 5, c.1 + 5)],
                filled,
            ))?,
            _ => area.draw(&Cross::new(c, 6, colour.stroke_width(3)))?,
        }
        area.draw(&Text::new(text, (px + 38, py), font.clone()))?;
    }
    let gap = "无文件的年份 (no documents)";
    let (px, py) = place(32.0 + text_width(gap, size));
    area.draw(&Rectangle::new(
        [(px, py - 8), (px + 24, py + 8)],
        GAP.mix(0.6).filled(),
    ))?;
    area.draw(&Text::new(gap, (px + 30, py), font))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Candidates, Scope};
    use crate::slogans::SloganIndex;
    use std::path::Path;

    #[test]
    fn gaps_break_lines_and_every_series_is_drawn() {
        let mut c = crate::corpus::Corpus::default();
        for (y, n) in [(2001, 2), (2002, 1), (2005, 3)] {
            let body = "坚持改革开放。".repeat(n) + "其他内容。";
            c.add_bytes(
                Path::new(&format!("gwr_{y}.txt")),
                format!("报告\n{body}\n").as_bytes(),
            );
        }
        let cal = Calendar::new(&c.docs);
        let cands = Candidates::build(&c.docs, &SloganIndex::default(), Scope::Text);
        let t = vec![
            Trend::of(&cal, &cands, "改革开放"),
            Trend::of(&cal, &cands, "<内容&>\u{1b}"),
        ];
        let d = drawn(&t[0], &cal, Measure::Count, Spread::Year);
        // 2001–2002, then 2003 and 2004 are gaps, then 2005.
        assert_eq!(
            d.runs,
            vec![vec![(2001.0, 2.0), (2002.0, 1.0)], vec![(2005.0, 3.0)]]
        );
        assert_eq!(d.first.map(|f| f.2), Some(2001));
        assert_eq!(d.last.map(|f| f.2), Some(2005));
        let svg = chart(&t, &cal, Measure::Per10k, Spread::Year).expect("a chart");
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains("改革开放") && svg.contains("首 2001") && svg.contains("末 2005"));
        assert!(svg.contains("Noto Sans CJK SC"));
        // Escaped, and the control char made visible.
        assert!(!svg.contains('\u{1b}') && svg.contains("&lt;内容&amp;&gt;"));
        // Two gap years shaded.
        assert_eq!(svg.matches(r##"fill="#E1E1E1""##).count(), 2 + 1, "{svg}");
        assert!(chart(
            &[
                t[0].clone(),
                t[0].clone(),
                t[0].clone(),
                t[0].clone(),
                t[0].clone()
            ],
            &cal,
            Measure::Count,
            Spread::Year
        )
        .is_err());
    }
}
