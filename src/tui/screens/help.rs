//! Help: every key binding of the screen it was opened over, from the key
//! table itself (each action's doc line is its help text), in a popup over
//! everything; j/k and the page keys scroll it, any other key closes it.
//!
//! What always holds: what it lists is what the keys do — it reads the
//! same table the router looks keys up in, user bindings included.

use crate::config::{Action, Key, KeyName, View};
use crate::text::width::str_width;
use crate::tui::component::{Component, Outcome};
use crate::tui::context::Context;
use crate::tui::widgets::{popup, put_str};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The help popup.
#[derive(Clone, Debug)]
pub struct Help {
    /// The key table it lists.
    pub view: View,
    /// First line shown (help scrolls on small screens).
    pub scroll: usize,
}

impl Help {
    /// Help for the screen whose keys are looked up in `view`.
    pub fn new(view: View) -> Help {
        Help { view, scroll: 0 }
    }
}

impl Component for Help {
    fn view(&self) -> View {
        self.view
    }

    fn key(&mut self, _cx: &mut Context, key: Key) -> Outcome {
        let step: isize = match (key.code, key.ctrl) {
            (KeyName::Char('j') | KeyName::Down, false) => 1,
            (KeyName::Char('k') | KeyName::Up, false) => -1,
            (KeyName::PageDown | KeyName::Char(' ') | KeyName::Char('f'), false) => 10,
            (KeyName::PageUp | KeyName::Char('b'), false) => -10,
            _ => return Outcome::Close,
        };
        let new = self.scroll.saturating_add_signed(step);
        let changed = new != self.scroll;
        self.scroll = new;
        Outcome::Done(changed)
    }

    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        let (st, ambi) = (&cx.styles, cx.ambi());
        let view = self.view;
        let mut lines: Vec<(String, &str)> = Vec::new();
        for &a in Action::ALL {
            let keys = cx.keymap.keys_for(view, a);
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
        let scroll = self.scroll.min(lines.len().saturating_sub(rows));
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
}
