//! Draw: renders an `App` into a ratatui frame. Reads state, never changes it.
//!
//! Body text is laid out by our own engine (`page`), and written cell by
//! cell with our one width function: in A=2 an ambiguous character's cell
//! carries a forced width of 2, so the backend skips the cell it covers and
//! text after it does not shift on terminals that draw it wide.

use super::app::{App, Screen, SIDE_PANEL_WIDTH};
use super::style::Styles;
use super::widgets::{popup, status_line};
use crate::config::View;
use crate::page::Kind;
use crate::text::width::{str_width, truncate_to_width, AmbiWidth};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::Frame;

// The cell writers live in `widgets`; the backend's tests reach them here.
pub use super::widgets::{clear_edges, fill, put_right, put_str, uncover};

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let styles = &app.styles;
    let buf = frame.buffer_mut();
    // The theme's text colours are the screen's (solarized sets a background).
    buf.set_style(area, styles.text);
    match app.screen {
        Screen::List => draw_list(app, buf, area, styles),
        Screen::Reader => draw_reader(app, buf, area, styles),
        Screen::Finder => super::draw_finder::draw_finder(app, buf, area, styles),
    }
    if app.help {
        draw_help(app, buf, area, styles);
    }
}

fn draw_list(app: &App, buf: &mut Buffer, area: Rect, st: &Styles) {
    if area.height == 0 {
        return;
    }
    let ambi = app.ambi();
    let w = area.width as usize;
    let header = format!(" tifa · {} 篇文档", app.corpus.docs.len());
    fill(buf, area, area.top(), st.status);
    put_str(buf, area.left(), area.top(), &header, w, st.status, ambi);
    let body_h = area.height.saturating_sub(2) as usize;
    let sel = app.list.selected;
    // Keep the selection in view.
    let offset = if sel < app.list.offset {
        sel
    } else if sel >= app.list.offset + body_h.max(1) {
        sel + 1 - body_h.max(1)
    } else {
        app.list.offset
    };
    for (row, &d) in app.list.rows.iter().enumerate().skip(offset).take(body_h) {
        let y = area.top() + 1 + (row - offset) as u16;
        let doc = &app.corpus.docs[d];
        let style = if row == sel { st.selection } else { st.text };
        fill(buf, area, y, style);
        let sections = app.outlines[d].sections.len();
        // Narrow screens keep the title and drop the date and length.
        // How far each document was read, once there is reading state.
        let read = match (app.store.is_some(), app.read_percent(d)) {
            (true, Some(p)) => format!("{p:>3}% "),
            (true, None) => "     ".into(),
            (false, _) => String::new(),
        };
        let meta = if w >= 64 {
            format!(
                " {read}{} {:>10} {:>6}字 {:>3}节 ",
                doc.script.badge(),
                doc.date.as_deref().unwrap_or("—"),
                doc.chars,
                sections
            )
        } else {
            format!(" {} {:>3}节 ", doc.script.badge(), sections)
        };
        let idx = format!("{:>3} ", d + 1);
        let mw = str_width(&meta, ambi);
        let x = put_str(buf, area.left(), y, &idx, w, style, ambi);
        let title_w = w.saturating_sub(idx.len() + mw);
        let title = truncate_to_width(&app.shown(d, &doc.title), title_w, ambi);
        put_str(buf, x, y, &title, title_w, style, ambi);
        put_right(buf, area, y, &meta, style.patch(st.dim_meta), ambi);
    }
    if app.list.rows.is_empty() {
        put_str(
            buf,
            area.left() + 1,
            area.top() + 1,
            "没有匹配的文档 (no match)",
            w,
            st.dim,
            ambi,
        );
    }
    let y = area.bottom() - 1;
    fill(buf, area, y, st.status);
    let line = if app.list.editing || !app.list.filter.is_empty() {
        format!(
            " /{}{}",
            app.list.filter,
            if app.list.editing { "▏" } else { "" }
        )
    } else if let Some(m) = &app.message {
        format!(" {m}")
    } else {
        " Enter 打开 · / 筛选 · ? 帮助 · q 退出".to_string()
    };
    put_str(buf, area.left(), y, &line, w, st.status, ambi);
}

fn draw_reader(app: &App, buf: &mut Buffer, area: Rect, st: &Styles) {
    let Some(r) = app.reader.as_ref() else {
        return;
    };
    if area.height == 0 {
        return;
    }
    let ambi = app.ambi();
    let doc = &app.corpus.docs[r.doc];
    let outline = &app.outlines[r.doc];
    let cw = app.column_width();
    let side = app.side_panel();
    let text_left = if side {
        area.left() + SIDE_PANEL_WIDTH
    } else {
        area.left()
    };
    let left = text_left + (app.text_area_width().saturating_sub(cw as u16)) / 2;
    let h = app.text_height();
    let (top_p, top_row) = r.top_row();
    let (mut p, mut row) = (top_p, top_row);
    for y in 0..h as u16 {
        if p >= r.page.len() {
            break;
        }
        let lines = r.page.lines(p);
        if let Some(l) = lines.get(row) {
            let kind = r.page.kinds[p];
            let (base, lead) = match kind {
                Kind::Title => (st.title, None),
                Kind::Heading(level) => (st.heading(level), None),
                Kind::Numbered { level, lead } => (st.text, Some((lead, st.heading(level)))),
                Kind::Body => (st.text, None),
                Kind::Boiler => (st.boiler, None),
            };
            let marks = find_marks(app, p);
            let line = TextLine {
                text: &l.text,
                line: l,
                base,
                lead,
                marks: &marks,
            };
            let x = left + l.indent as u16;
            draw_text_line(
                buf,
                x,
                area.top() + y,
                &line,
                cw - l.indent.min(cw),
                st,
                ambi,
            );
        }
        row += 1;
        if row > lines.len() {
            p += 1;
            row = 0;
        }
    }
    // Sticky heading: the current section's heading, when it has scrolled
    // off the top, stays pinned on the first row.
    if let Some(cur) = outline.section_at(top_p) {
        let hp = outline.sections[cur].paragraph;
        if hp < top_p || (hp == top_p && top_row > 0) {
            if let Some(first) = r.page.lines(hp).first() {
                let y = area.top();
                let style = st.heading(outline.sections[cur].level).patch(st.sticky);
                uncover(buf, left, y);
                for x in left..left + cw as u16 {
                    buf[(x, y)].reset();
                    buf[(x, y)].set_style(style);
                }
                let text = truncate_to_width(&first.text, cw, ambi);
                put_str(buf, left, y, &text, cw, style, ambi);
            }
        }
    }
    if app.panel.is_some() {
        draw_outline_panel(app, buf, area, st);
    }
    if app.bookmarks.is_some() {
        draw_bookmarks(app, buf, area, st);
    }
    // Status line: title │ section │ percent │ script │ A.
    let pct = r.percent(h);
    let script = match app.display() {
        crate::text::script::Display::Original => doc.script.badge(),
        crate::text::script::Display::Hans => "简",
        crate::text::script::Display::Hant => "繁",
    };
    let right = format!(" {pct:>3}% │ {script} │ A={} ", ambi.cells());
    let section = outline
        .section_at(r.top.paragraph)
        .map(|s| app.shown(r.doc, &outline.breadcrumb(s)))
        .unwrap_or_default();
    let title = app.shown(r.doc, &doc.title);
    let left_text = match (&app.message, section.is_empty()) {
        _ if app.find_status().is_some() && app.message.is_none() => {
            format!(" {}", app.find_status().unwrap_or_default())
        }
        _ if app.naming.is_some() => {
            format!(
                " 书签名 (Enter: {}): {}▏",
                app.default_bookmark_name(),
                app.naming.as_deref().unwrap_or("")
            )
        }
        _ if app.prompt.is_some() => {
            format!(
                " 跳到章节 (2.1, 二（一）): {}▏",
                app.prompt.as_ref().map_or("", |p| &p.text)
            )
        }
        (Some(m), _) => format!(" {m}"),
        (None, true) => format!(" {title}"),
        (None, false) => {
            let t = truncate_to_width(&title, 24, ambi);
            format!(" {t} │ {section}")
        }
    };
    status_line(buf, area, &left_text, &right, st.status, ambi);
}

/// The outline: a side panel on wide terminals, an overlay on narrow ones.
/// Rows show the document's own markers, indented by level; the section
/// being read is bold, the selection (when the panel has the keys) reversed.
fn draw_outline_panel(app: &App, buf: &mut Buffer, area: Rect, st: &Styles) {
    let (Some(panel), Some(r)) = (app.panel.as_ref(), app.reader.as_ref()) else {
        return;
    };
    let ambi = app.ambi();
    let outline = &app.outlines[r.doc];
    let text_h = app.text_height() as u16;
    let rect = if app.side_panel() {
        Rect::new(area.left(), area.top(), SIDE_PANEL_WIDTH, text_h)
    } else {
        let w = area.width.saturating_sub(4).clamp(1, 60);
        let h = (panel.rows.len() as u16 + 3)
            .min(text_h.saturating_sub(2))
            .max(3.min(text_h));
        Rect::new(
            area.left() + (area.width - w) / 2,
            area.top() + (text_h.saturating_sub(h)) / 2,
            w,
            h,
        )
    };
    popup(buf, rect, st.panel);
    let w = rect.width as usize;
    let title = if panel.editing || !panel.filter.is_empty() {
        format!(" /{}{}", panel.filter, if panel.editing { "▏" } else { "" })
    } else {
        format!(" 目录 · {} 节", outline.sections.len())
    };
    put_str(
        buf,
        rect.left(),
        rect.top(),
        &title,
        w,
        st.panel.patch(st.title),
        ambi,
    );
    // Right edge of a side panel: a border between panel and text.
    if app.side_panel() {
        for y in rect.top()..rect.bottom() {
            put_str(buf, rect.right() - 1, y, "│", 1, st.border, ambi);
        }
    }
    let current = app.current_section();
    let body_h = rect.height.saturating_sub(1) as usize;
    let focus_row = if panel.focused {
        panel.selected
    } else {
        current
            .and_then(|c| panel.rows.iter().position(|&s| s == c))
            .unwrap_or(0)
    };
    let offset = focus_row
        .saturating_sub(body_h / 2)
        .min(panel.rows.len().saturating_sub(body_h));
    let inner = w.saturating_sub(if app.side_panel() { 2 } else { 1 });
    for (i, &s) in panel.rows.iter().enumerate().skip(offset).take(body_h) {
        let y = rect.top() + 1 + (i - offset) as u16;
        let sec = &outline.sections[s];
        let mut style = st.panel;
        if Some(s) == current {
            style = style.patch(st.current);
        }
        if panel.focused && i == panel.selected {
            style = style.patch(st.selection);
        }
        let line = format!(
            " {}{}",
            "  ".repeat(sec.level - 1),
            app.shown(r.doc, &format!("{}{}", sec.marker, sec.title))
        );
        let text = truncate_to_width(&line, inner, ambi);
        if panel.focused && i == panel.selected {
            for x in rect.left()..rect.left() + inner as u16 {
                buf[(x, y)].set_style(style);
            }
        }
        put_str(buf, rect.left(), y, &text, inner, style, ambi);
    }
    if panel.rows.is_empty() {
        put_str(
            buf,
            rect.left() + 1,
            rect.top() + 1,
            "没有匹配 (no match)",
            inner,
            st.panel,
            ambi,
        );
    }
}

/// The bookmark list (`'`), an overlay over the text.
fn draw_bookmarks(app: &App, buf: &mut Buffer, area: Rect, st: &Styles) {
    let Some(panel) = app.bookmarks.as_ref() else {
        return;
    };
    let ambi = app.ambi();
    let rows = app.bookmark_rows();
    let text_h = app.text_height() as u16;
    let w = area.width.saturating_sub(4).clamp(1, 70);
    let h = (rows.len().max(1) as u16 + 2)
        .min(text_h.saturating_sub(2))
        .max(3.min(text_h));
    let rect = Rect::new(
        area.left() + (area.width - w) / 2,
        area.top() + (text_h.saturating_sub(h)) / 2,
        w,
        h,
    );
    popup(buf, rect, st.panel);
    let inner = w as usize;
    let title = format!(
        " 书签 · {} · Enter 跳到 · d 删除 · ' 上一位置 · Esc",
        rows.len()
    );
    let title = truncate_to_width(&title, inner, ambi);
    put_str(
        buf,
        rect.left(),
        rect.top(),
        &title,
        inner,
        st.panel.patch(st.title),
        ambi,
    );
    if rows.is_empty() {
        put_str(
            buf,
            rect.left() + 1,
            rect.top() + 1,
            "还没有书签: m 添加 (no bookmarks yet: m adds one)",
            inner - 1,
            st.panel.patch(st.dim),
            ambi,
        );
        return;
    }
    let body_h = rect.height.saturating_sub(1) as usize;
    let offset = panel
        .selected
        .saturating_sub(body_h.saturating_sub(1))
        .min(rows.len().saturating_sub(body_h));
    for (i, b) in rows.iter().enumerate().skip(offset).take(body_h) {
        let y = rect.top() + 1 + (i - offset) as u16;
        let style = if i == panel.selected {
            st.panel.patch(st.selection)
        } else {
            st.panel
        };
        fill(buf, rect, y, style);
        let x = put_str(buf, rect.left() + 1, y, &b.name, inner / 2, style, ambi);
        if !b.section.is_empty() && !b.section.contains(b.name.as_str()) {
            let room = (rect.right().saturating_sub(x + 2)) as usize;
            let sect = truncate_to_width(&b.section, room, ambi);
            put_str(buf, x + 2, y, &sect, room, style.patch(st.dim_meta), ambi);
        }
    }
}

/// A laid-out line to draw, and how to style its parts.
struct TextLine<'a> {
    text: &'a str,
    /// The laid-out line, to map its chars back to paragraph offsets.
    line: &'a crate::text::layout::Line,
    base: Style,
    /// Chars of the paragraph before this offset take this style.
    lead: Option<(usize, Style)>,
    /// Found ranges in the paragraph (char offsets), and which is current.
    marks: &'a [(usize, usize, bool)],
}

/// The found ranges in paragraph `p`, for highlighting.
fn find_marks(app: &App, p: usize) -> Vec<(usize, usize, bool)> {
    let Some(f) = app.find.as_ref() else {
        return Vec::new();
    };
    let first = f.matches.partition_point(|m| m.paragraph < p);
    f.matches[first..]
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.paragraph == p)
        .map(|(k, m)| (m.offset, m.offset + m.len, f.current == Some(first + k)))
        .collect()
}

/// One text line: the lead of a numbered paragraph styled as its heading,
/// redaction marks (`*`, `〔*〕`, `×`) picked out.
fn draw_text_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    line: &TextLine,
    max: usize,
    st: &Styles,
    ambi: AmbiWidth,
) {
    let mut x = x;
    let mut used = 0usize;
    let mut run = String::new();
    let mut run_style = line.base;
    for (i, c) in line.text.chars().enumerate() {
        let mut style = match line.lead {
            Some((lead, s)) if line.line.source_index(i) < lead => s,
            _ => line.base,
        };
        if matches!(c, '*' | '＊' | '×' | '〔' | '〕') && is_redaction(line.text, c) {
            style = style.patch(st.redaction);
        }
        if !line.marks.is_empty() {
            let at = line.line.source_index(i);
            if let Some(&(_, _, current)) = line.marks.iter().find(|(a, b, _)| *a <= at && at < *b)
            {
                style = style.patch(if current {
                    st.search_current
                } else {
                    st.search
                });
            }
        }
        if style != run_style && !run.is_empty() {
            let nx = put_str(buf, x, y, &run, max - used, run_style, ambi);
            used += (nx - x) as usize;
            x = nx;
            run.clear();
        }
        run_style = style;
        run.push(c);
    }
    if !run.is_empty() {
        put_str(buf, x, y, &run, max - used, run_style, ambi);
    }
}

/// `〔` `〕` only count as redaction when they wrap a `*`.
fn is_redaction(text: &str, c: char) -> bool {
    match c {
        '〔' | '〕' => text.contains("〔*〕") || text.contains("〔＊〕"),
        _ => true,
    }
}

fn draw_help(app: &App, buf: &mut Buffer, area: Rect, st: &Styles) {
    let ambi = app.ambi();
    let view = match app.screen {
        Screen::List | Screen::Finder => View::List,
        Screen::Reader => View::Reader,
    };
    let mut lines: Vec<(String, &str)> = Vec::new();
    for &a in crate::config::Action::ALL {
        let keys = app.keymap.keys_for(view, a);
        if keys.is_empty() {
            continue;
        }
        let k = keys
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        lines.push((k, a.help()));
    }
    let kw = lines
        .iter()
        .map(|(k, _)| str_width(k, ambi))
        .max()
        .unwrap_or(0);
    let hw = lines
        .iter()
        .map(|(_, h)| str_width(h, ambi))
        .max()
        .unwrap_or(0);
    let w = (kw + hw + 5).min(area.width as usize) as u16;
    let h = (lines.len() as u16 + 2).min(area.height);
    let x0 = area.left() + (area.width - w) / 2;
    let y0 = area.top() + (area.height - h) / 2;
    let rect = Rect::new(x0, y0, w, h);
    popup(buf, rect, st.panel);
    // More bindings than rows: help scrolls (j/k), clamped here.
    let rows = h.saturating_sub(1) as usize;
    let scroll = app.help_scroll.min(lines.len().saturating_sub(rows));
    let title = if lines.len() > rows {
        format!(
            " 按键 ({}) {}–{}/{} · j/k scroll · other keys close ",
            view.name(),
            scroll + 1,
            (scroll + rows).min(lines.len()),
            lines.len()
        )
    } else {
        format!(" 按键 ({}) · any key closes ", view.name())
    };
    put_str(
        buf,
        x0 + 1,
        y0,
        &title,
        w as usize - 1,
        st.panel.patch(st.title),
        ambi,
    );
    for (i, (k, help)) in lines.iter().skip(scroll).enumerate() {
        let y = y0 + 1 + i as u16;
        if y >= rect.bottom() {
            break;
        }
        let pad = kw - str_width(k, ambi);
        let text = format!(" {}{}  {}", k, " ".repeat(pad), help);
        put_str(buf, x0, y, &text, w as usize, st.panel, ambi);
    }
}
