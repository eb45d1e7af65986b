//! The outline of the document being read: a side panel on wide
//! terminals (the text moves right of it), an overlay on narrow ones. Rows
//! show the document's own markers, indented by level; the section being
//! read is bold; `/` filters (either script, pinyin initials), Enter jumps.
//!
//! What always holds: the side panel leaves the keys to the text until it
//! is focused (`o`), and the router lays the text out again whenever the
//! panel opens, closes or the jump lands (`Outcome::Section`).

use super::texts_as_candidates;
use crate::config::{Action, Key, KeyName, View};
use crate::search::{self, Candidates};
use crate::text::width::truncate_to_width;
use crate::tui::component::{Component, Outcome, Overlay};
use crate::tui::context::Context;
use crate::tui::widgets::{popup, put_str};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Terminal width from which the outline is a side panel, not an overlay.
pub const SIDE_PANEL_MIN_WIDTH: u16 = 100;
/// Width of the side panel.
pub const SIDE_PANEL_WIDTH: u16 = 36;

/// Is the outline beside the text (rather than over it), at this width?
fn beside(cx: &Context) -> bool {
    cx.size.0 >= SIDE_PANEL_MIN_WIDTH
}

/// The outline panel.
#[derive(Clone, Debug, Default)]
pub struct OutlinePanel {
    /// Keys go to the panel (else to the text, with the panel shown).
    pub focused: bool,
    /// Section indexes shown, in document order.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub filter: String,
    pub editing: bool,
    /// Marker + title of every section, as search candidates.
    titles: Candidates,
}

impl OutlinePanel {
    /// The outline of the open document, focused on the section being
    /// read; none (and a message) when it has no numbered sections.
    pub fn open(cx: &mut Context) -> Option<OutlinePanel> {
        let r = cx.reader.as_ref()?;
        let outline = &cx.outlines[r.doc];
        if outline.sections.is_empty() {
            cx.message = Some("this document has no numbered sections".into());
            return None;
        }
        let selected = outline.section_at(r.top.paragraph).unwrap_or(0);
        let heads: Vec<String> = outline
            .sections
            .iter()
            .map(|s| format!("{}{}", s.marker, s.title))
            .collect();
        Some(OutlinePanel {
            focused: true,
            rows: (0..outline.sections.len()).collect(),
            selected,
            titles: texts_as_candidates(heads.iter().map(String::as_str)),
            ..OutlinePanel::default()
        })
    }

    /// Keys while the filter is typed.
    fn edit_filter(&mut self, key: Key) -> Outcome {
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) => {
                self.editing = false;
                self.filter.clear();
            }
            (KeyName::Enter, _) => self.editing = false,
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                self.filter.pop();
            }
            (KeyName::Down, _) | (KeyName::Char('n'), true) => {
                self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1));
                return Outcome::Done(true);
            }
            (KeyName::Up, _) | (KeyName::Char('p'), true) => {
                self.selected = self.selected.saturating_sub(1);
                return Outcome::Done(true);
            }
            (KeyName::Char(c), false) => self.filter.push(c),
            _ => return Outcome::Done(false),
        }
        self.rows = filter_sections(&self.titles, &self.filter);
        self.selected = 0;
        Outcome::Done(true)
    }
}

/// Sections whose marker + title match `filter` (the project's matcher:
/// either script, pinyin initials), in document order.
fn filter_sections(titles: &Candidates, filter: &str) -> Vec<usize> {
    if filter.trim().is_empty() {
        return (0..titles.len()).collect();
    }
    let mut rows: Vec<usize> = search::search(titles, filter.trim(), titles.len())
        .into_iter()
        .map(|h| h.index as usize)
        .collect();
    rows.sort_unstable();
    rows
}

impl Component for OutlinePanel {
    fn view(&self) -> View {
        View::Reader
    }

    fn takes_keys(&self) -> bool {
        self.focused
    }

    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        if cx.reader.is_none() {
            return Outcome::Done(false);
        }
        if self.editing {
            return self.edit_filter(key);
        }
        let side = beside(cx);
        // The reader's own keys for leaving: q/Esc close, `o` hands the
        // keys back to the text (side panel) or closes (overlay).
        match cx.keymap.action(View::Reader, key) {
            Some(Action::Back) => return Outcome::Close,
            Some(Action::Outline) if side => {
                self.focused = false;
                return Outcome::Done(true);
            }
            Some(Action::Outline) => return Outcome::Close,
            _ => {}
        }
        let n = self.rows.len();
        match cx.keymap.action(View::List, key) {
            Some(Action::LineDown) => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Some(Action::LineUp) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Top) => self.selected = 0,
            Some(Action::Bottom) => self.selected = n.saturating_sub(1),
            Some(Action::PageDown) => self.selected = (self.selected + 10).min(n.saturating_sub(1)),
            Some(Action::PageUp) => self.selected = self.selected.saturating_sub(10),
            Some(Action::Filter) => self.editing = true,
            Some(Action::Open) => {
                let Some(&s) = self.rows.get(self.selected) else {
                    return Outcome::Done(false);
                };
                if side {
                    self.focused = false;
                }
                return Outcome::Section {
                    section: s,
                    close: !side,
                };
            }
            Some(Action::Quit) => return Outcome::Quit,
            Some(Action::Help) => return Outcome::Open(Overlay::Help),
            Some(Action::Suspend) => return Outcome::Suspend,
            _ => return Outcome::Done(false),
        }
        Outcome::Done(true)
    }

    /// From the text's keys while the panel is shown: Back closes it, the
    /// outline key focuses it (or closes it when it has the keys).
    fn action(&mut self, cx: &mut Context, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Close,
            Action::Outline if !self.focused => {
                self.focused = true;
                cx.relayout();
                Outcome::Done(true)
            }
            Action::Outline => Outcome::Close,
            _ => Outcome::Ignored,
        }
    }

    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        let Some(r) = cx.reader.as_ref() else {
            return;
        };
        let panel = self;
        let (st, ambi) = (&cx.styles, cx.ambi());
        let outline = &cx.outlines[r.doc];
        // The rows above the status line.
        let text_h = area.height.saturating_sub(1);
        if text_h == 0 {
            return;
        }
        let side = beside(cx);
        let rect = if side {
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
        if side {
            for y in rect.top()..rect.bottom() {
                put_str(buf, rect.right() - 1, y, "│", 1, st.border, ambi);
            }
        }
        let current = cx.current_section();
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
        let inner = w.saturating_sub(if side { 2 } else { 1 });
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
                cx.shown(r.doc, &format!("{}{}", sec.marker, sec.title))
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
}
