//! Draw: paints the screens that are up into a ratatui frame, bottom
//! first (the router's `layers`), then help over them. Reads the app,
//! never changes it.
//!
//! Body text is laid out by our own engine (`page`), and written cell by
//! cell with our one width function (`widgets::put_str`): in A=2 an
//! ambiguous character's cell carries a forced width of 2, so the backend
//! skips the cell it covers and text after it does not shift on terminals
//! that draw it wide.

use super::app::{App, Screen};
use super::style::Styles;
use super::widgets::popup;
use crate::config::View;
use crate::text::width::str_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Frame;

// The cell writers live in `widgets`; the backend's tests reach them here.
pub use super::widgets::{clear_edges, fill, put_right, put_str, uncover};

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let styles = &app.styles;
    let buf = frame.buffer_mut();
    // The theme's text colours are the screen's (solarized sets a background).
    buf.set_style(area, styles.text);
    for slot in app.layers() {
        if let Some(c) = app.component(slot) {
            c.draw(&app.cx, buf, area);
        }
    }
    if app.help {
        draw_help(app, buf, area, styles);
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
