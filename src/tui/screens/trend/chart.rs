//! Drawing the trend screen: the title row, the legend, the chart
//! (ratatui's `Chart`: a Braille line per run of years with documents, a
//! marker of the slogan's own at every year, `首` / `末` over its first
//! and last use), the year axis drawn by us (one slot per year with
//! documents, a break per run of years without), and the selected year's
//! figures.
//!
//! What always holds: the slogans differ by marker (`MARKERS`, plain
//! ASCII: one cell in every terminal) as well as by colour, so the chart
//! reads in 16 colours and under NO_COLOR; nothing is drawn in a gap; in
//! A=2 the chart's box-drawing axes are drawn in ASCII, since a terminal
//! that draws ambiguous characters wide would shift the rest of the row.

use super::{Series, TrendScreen};
use crate::analysis::trend::year_of;
use crate::text::width::{str_width, truncate_to_width, AmbiWidth};
use crate::tui::context::Context;
use crate::tui::widgets::{fill, put_str, status_line};
use crate::tui::years::{slot_of, Slot};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Widget};

/// Each slogan's marker at its years, in order.
pub const MARKERS: [char; 4] = ['o', '+', 'x', '*'];

/// The title row: what is charted, and the corpus's years.
pub fn title(t: &TrendScreen, cx: &Context, buf: &mut Buffer, area: Rect) {
    let (st, ambi) = (&cx.styles, cx.ambi());
    let w = area.width as usize;
    fill(buf, area, area.top(), st.status);
    let unit = if t.counts {
        "次数 (c: 每万字)"
    } else {
        "每万字 (c: 次数)"
    };
    let span = match (t.slots.first(), t.slots.last()) {
        (Some(a), Some(b)) => match (slot_first(*a), slot_last(*b)) {
            (a, b) if a == b => format!(" · {a}"),
            (a, b) => format!(" · {a}–{b}"),
        },
        _ => String::new(),
    };
    let dated = cx.indexes.as_ref().map_or(0, |ix| ix.calendar.dated());
    let line = format!(
        " 趋势 · {unit}{span} · {dated}/{} 篇有日期",
        cx.corpus.docs.len()
    );
    put_str(buf, area.left(), area.top(), &line, w, st.status, ambi);
}

fn slot_first(s: Slot) -> i32 {
    match s {
        Slot::Year(y) | Slot::Gap(y, _) => y,
    }
}

fn slot_last(s: Slot) -> i32 {
    match s {
        Slot::Year(y) | Slot::Gap(_, y) => y,
    }
}

/// `0`, `2.5`, `12`: an axis value in a few chars.
fn fmt_value(v: f64) -> String {
    if v == 0.0 {
        "0".into()
    } else if v < 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.0}")
    }
}

/// The legend: marker, slogan, first and last year; the focused one in
/// the selection style. Wraps onto a second row when it must; returns
/// the rows it took.
fn legend(t: &TrendScreen, cx: &Context, buf: &mut Buffer, area: Rect, top: u16) -> u16 {
    let (st, ambi) = (&cx.styles, cx.ambi());
    let year = |o: Option<crate::slogans::Occurrence>| {
        o.and_then(|o| cx.corpus.docs.get(o.doc)?.date.as_deref().and_then(year_of))
    };
    let mut x = area.left() + 1;
    let mut y = top;
    fill(buf, area, y, st.text);
    for (k, s) in t.series.iter().enumerate() {
        let span = match (year(s.first), year(s.last)) {
            (Some(a), Some(b)) => format!(" 首{a} 末{b}"),
            _ => " 无有日期的用例".into(),
        };
        let entry = format!("{} {}{span}", MARKERS[k], cx.in_display_script(&s.text));
        let ew = str_width(&entry, ambi) as u16;
        if x > area.left() + 1 && x + ew > area.right() && y + 1 < area.bottom() {
            y += 1;
            x = area.left() + 1;
            fill(buf, area, y, st.text);
        }
        let style = if k == t.focus {
            st.series[k].patch(st.selection)
        } else {
            st.series[k]
        };
        let room = area.right().saturating_sub(x) as usize;
        let end = put_str(buf, x, y, &entry, room, style, ambi);
        x = end + 2;
    }
    y - top + 1
}

/// Draw the whole screen.
pub fn draw(t: &TrendScreen, cx: &Context, buf: &mut Buffer, area: Rect) {
    if area.height < 8 || area.width < 20 {
        return;
    }
    let (st, ambi) = (&cx.styles, cx.ambi());
    title(t, cx, buf, area);
    let keys = " ←→ 年份 · Enter 该年用例 · c 次数/每万字 · a 加 · d 删 · Tab 选 · Esc 返回";
    status_line(buf, area, keys, "", st.status, ambi);
    if t.series.is_empty() || t.slots.is_empty() {
        put_str(
            buf,
            area.left() + 1,
            area.top() + 2,
            "没有有日期的文档：趋势图需要文档的日期 (tifa.toml / tifa.csv 可以给出)",
            area.width as usize - 1,
            st.dim,
            ambi,
        );
        return;
    }
    let rows = legend(t, cx, buf, area, area.top() + 1);
    // Chart: under the legend, above two rows of figures and the status line.
    let top = area.top() + 1 + rows;
    let bottom = area.bottom() - 3;
    if bottom <= top + 3 {
        return;
    }
    let chart_area = Rect::new(area.left(), top, area.width, bottom - top);
    plot(t, cx, buf, chart_area);
    figures(t, cx, buf, Rect::new(area.left(), bottom, area.width, 2));
}

/// The chart itself, with the year axis and the first/last marks.
fn plot(t: &TrendScreen, cx: &Context, buf: &mut Buffer, area: Rect) {
    let (st, ambi) = (&cx.styles, cx.ambi());
    let n = t.slots.len();
    let counts = t.counts;
    let max = t
        .series
        .iter()
        .flat_map(|s| s.years.iter().filter_map(|p| Series::value(p, counts)))
        .fold(0.0f64, f64::max);
    let top_value = if max > 0.0 { max * 1.1 } else { 1.0 };
    // Per series: runs of adjacent year slots (lines), and every point.
    let mut lines: Vec<(usize, Vec<(f64, f64)>)> = Vec::new();
    let mut points: Vec<Vec<(f64, f64)>> = Vec::new();
    for (k, s) in t.series.iter().enumerate() {
        let mut run: Vec<(f64, f64)> = Vec::new();
        let mut pts = Vec::new();
        for (i, slot) in t.slots.iter().enumerate() {
            let v = slot
                .year()
                .and_then(|y| s.years.iter().find(|p| p.year == y))
                .and_then(|p| Series::value(p, counts));
            match v {
                Some(v) => {
                    run.push((i as f64, v));
                    pts.push((i as f64, v));
                }
                None => {
                    if run.len() > 1 {
                        lines.push((k, std::mem::take(&mut run)));
                    }
                    run.clear();
                }
            }
        }
        if run.len() > 1 {
            lines.push((k, run));
        }
        points.push(pts);
    }
    let colour = |k: usize| Style::default().fg(st.series[k].fg.unwrap_or_default());
    let mut sets: Vec<Dataset> = lines
        .iter()
        .map(|(k, run)| {
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(colour(*k))
                .data(run)
        })
        .collect();
    sets.extend(points.iter().enumerate().map(|(k, pts)| {
        Dataset::default()
            .marker(Marker::Custom(MARKERS[k]))
            .graph_type(GraphType::Scatter)
            .style(colour(k))
            .data(pts)
    }));
    let y_labels: Vec<String> = [0.0, top_value / 2.0, top_value]
        .iter()
        .map(|&v| fmt_value(v))
        .collect();
    let label_w = y_labels.iter().map(|l| l.len()).max().unwrap_or(1) as u16;
    let axis_style = st.dim_meta;
    let chart = Chart::new(sets)
        .style(st.text)
        .x_axis(
            Axis::default()
                .bounds([-0.5, n as f64 - 0.5])
                .labels(["", ""])
                .style(axis_style),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top_value])
                .labels(y_labels)
                .style(axis_style),
        )
        .legend_position(None);
    chart.render(area, buf);
    // Where the graph went: right of the y labels and axis, above the x
    // axis and its label row (what `Chart` lays out for these labels).
    let gx = area.left() + label_w.min(area.width / 3) + 1;
    let graph = Rect::new(
        gx,
        area.top(),
        area.right().saturating_sub(gx),
        area.height.saturating_sub(2),
    );
    if graph.width == 0 || graph.height == 0 {
        return;
    }
    // Where the markers are: the canvas's own mapping for one char a cell.
    let col = |slot: usize| -> u16 {
        let f = (slot as f64 + 0.5) / n as f64;
        graph.left() + (f * (graph.width - 1) as f64).round() as u16
    };
    let row = |v: f64| -> u16 {
        let f = ((top_value - v) / top_value).clamp(0.0, 1.0);
        graph.top() + (f * (graph.height - 1) as f64).round() as u16
    };
    first_last_marks(t, cx, buf, graph, &col, &row);
    year_axis(t, cx, buf, graph, &col);
    if ambi == AmbiWidth::Two {
        ascii_axes(buf, area);
    }
}

/// `首` over each slogan's first use, `末` over its last.
fn first_last_marks(
    t: &TrendScreen,
    cx: &Context,
    buf: &mut Buffer,
    graph: Rect,
    col: &dyn Fn(usize) -> u16,
    row: &dyn Fn(f64) -> u16,
) {
    let (st, ambi) = (&cx.styles, cx.ambi());
    let Some(ix) = cx.indexes.as_ref() else {
        return;
    };
    for (k, s) in t.series.iter().enumerate() {
        for (mark, o) in [("首", s.first), ("末", s.last)] {
            let Some(y) = o.and_then(|o| ix.calendar.year(o.doc)) else {
                continue;
            };
            let Some(slot) = slot_of(&t.slots, y) else {
                continue;
            };
            let Some(v) = s
                .years
                .iter()
                .find(|p| p.year == y)
                .and_then(|p| Series::value(p, t.counts))
            else {
                continue;
            };
            let (x, r) = (col(slot), row(v));
            let y = if r > graph.top() { r - 1 } else { r + 1 };
            // Left of the marker's column when there is room, so the
            // marker under it stays in view.
            let x = x.saturating_sub(1).max(graph.left());
            if x + 2 <= graph.right() && y < graph.bottom() {
                put_str(buf, x, y, mark, 2, st.series[k], ambi);
            }
        }
    }
}

/// The year labels under the x axis (the selected one highlighted, then
/// the first and last, then as many others as fit), and a break in the
/// axis over every run of years without documents.
fn year_axis(
    t: &TrendScreen,
    cx: &Context,
    buf: &mut Buffer,
    graph: Rect,
    col: &dyn Fn(usize) -> u16,
) {
    let (st, ambi) = (&cx.styles, cx.ambi());
    let axis_y = graph.bottom();
    let label_y = axis_y + 1;
    if label_y >= buf.area.bottom() {
        return;
    }
    let n = t.slots.len();
    let per = graph.width as f64 / n as f64;
    for (i, s) in t.slots.iter().enumerate() {
        if s.is_gap() {
            // The gap's cells of the axis line are left out.
            let a = graph.left() + (i as f64 * per) as u16;
            let b = graph.left() + ((i as f64 + 1.0) * per).ceil() as u16;
            for x in a..b.min(graph.right()) {
                let c = &mut buf[(x, axis_y)];
                c.set_char(' ');
            }
        }
    }
    // Clear the label row right of the y axis, then place labels.
    for x in graph.left().saturating_sub(1)..graph.right() {
        buf[(x, label_y)].reset();
        buf[(x, label_y)].set_style(st.text);
    }
    let mut taken: Vec<(u16, u16)> = Vec::new();
    let mut order: Vec<usize> = Vec::new();
    order.push(t.slot);
    let years = t.year_slots();
    order.extend(years.first());
    order.extend(years.last());
    order.extend(years.iter().copied());
    for i in order {
        let Some(y) = t.slots.get(i).and_then(|s| s.year()) else {
            continue;
        };
        let label = y.to_string();
        let w = label.len() as u16;
        let x = col(i)
            .saturating_sub(w / 2)
            .max(graph.left().saturating_sub(1));
        let x = x.min(graph.right().saturating_sub(w));
        let (a, b) = (x, x + w);
        if taken.iter().any(|&(p, q)| a < q + 1 && p < b + 1) {
            continue;
        }
        taken.push((a, b));
        let style = if i == t.slot {
            st.selection
        } else {
            st.dim_meta
        };
        put_str(buf, x, label_y, &label, w as usize, style, ambi);
    }
}

/// In A=2, the box-drawing axes in ASCII (see the module doc).
fn ascii_axes(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let c = &mut buf[(x, y)];
            let ascii = match c.symbol() {
                "│" => '|',
                "─" => '-',
                "└" => '+',
                "•" => '*',
                _ => continue,
            };
            c.set_char(ascii);
        }
    }
}

/// The selected year: its documents and chars, and each slogan's count
/// and rate there.
fn figures(t: &TrendScreen, cx: &Context, buf: &mut Buffer, area: Rect) {
    let (st, ambi) = (&cx.styles, cx.ambi());
    let w = area.width as usize;
    fill(buf, area, area.top(), st.text);
    fill(buf, area, area.top() + 1, st.text);
    let Some(year) = t.year() else {
        return;
    };
    let Some(p) = t
        .series
        .first()
        .and_then(|s| s.years.iter().find(|p| p.year == year))
    else {
        return;
    };
    let gaps = t.slots.iter().filter(|s| s.is_gap()).count();
    let gap_note = if gaps > 0 {
        format!(" · 轴上空缺处 {gaps} 段无文档的年份")
    } else {
        String::new()
    };
    let head = format!(" {year} 年 · {} 篇 · {} 字{gap_note}", p.docs, p.chars);
    put_str(
        buf,
        area.left(),
        area.top(),
        &truncate_to_width(&head, w, ambi),
        w,
        st.title,
        ambi,
    );
    let mut x = area.left() + 1;
    for (k, s) in t.series.iter().enumerate() {
        let Some(q) = s.years.iter().find(|q| q.year == year) else {
            continue;
        };
        let rate = q
            .per10k()
            .map_or(String::new(), |r| format!(" ({r:.2}/万字)"));
        let entry = format!(
            "{} {} {} 次{rate}",
            MARKERS[k],
            cx.in_display_script(&s.text),
            q.count
        );
        let room = area.right().saturating_sub(x) as usize;
        x = put_str(buf, x, area.top() + 1, &entry, room, st.series[k], ambi) + 2;
    }
}
