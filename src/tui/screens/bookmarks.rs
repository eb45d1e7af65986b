//! Bookmarks of the document being read: `m` names one at the top of the
//! screen (`Naming`, typed in the status line; Enter alone takes the
//! section's name), `'` lists them (`Bookmarks`: Enter jumps, `d` deletes,
//! `'` again goes back to before the last jump, as in vim).
//!
//! What always holds: a bookmark is written as soon as it is added or
//! deleted, so another session sees it; the list reads the store again when
//! it opens, so it shows other sessions' bookmarks too.

use super::reader::status_right;
use crate::config::{Key, KeyName, View};
use crate::text::width::truncate_to_width;
use crate::tui::component::{Component, Outcome};
use crate::tui::context::Context;
use crate::tui::reading::Anchor;
use crate::tui::widgets::{fill, popup, put_str, status_line};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// One bookmark as the list shows it.
#[derive(Clone, Debug)]
pub struct BookmarkRow {
    pub id: String,
    pub name: String,
    pub anchor: Anchor,
    /// Section breadcrumb at the bookmark.
    pub section: String,
}

/// The open document's bookmarks, in document order.
pub fn rows(cx: &Context) -> Vec<BookmarkRow> {
    let (Some(r), Some(store)) = (cx.reader.as_ref(), cx.store.as_ref()) else {
        return Vec::new();
    };
    let key = cx.doc_key(r.doc);
    let Some(d) = store.doc(&key) else {
        return Vec::new();
    };
    let outline = &cx.outlines[r.doc];
    d.bookmarks
        .iter()
        .filter_map(|b| {
            let anchor = cx.anchor_for(b.position)?;
            let section = outline
                .section_at(b.position.paragraph)
                .map(|s| cx.shown(r.doc, &outline.breadcrumb(s)))
                .unwrap_or_default();
            Some(BookmarkRow {
                id: b.id.clone(),
                name: b.name.clone(),
                anchor,
                section,
            })
        })
        .collect()
}

/// The name a new bookmark gets when none is typed: the section it is
/// in, else the start of the line at the top.
pub fn default_name(cx: &Context) -> String {
    let Some(r) = cx.reader.as_ref() else {
        return String::new();
    };
    let outline = &cx.outlines[r.doc];
    if let Some(s) = outline.section_at(r.top.paragraph) {
        let sec = &outline.sections[s];
        return format!("{}{}", sec.marker, sec.title)
            .chars()
            .take(24)
            .collect();
    }
    let (p, row) = r.top_row();
    r.page
        .lines(p)
        .get(row)
        .map(|l| l.text.trim().chars().take(16).collect())
        .unwrap_or_default()
}

/// Add a bookmark at the top of the screen and write it at once.
pub fn add(cx: &mut Context, name: &str) {
    let Some((key, pos)) = cx.here() else {
        return;
    };
    if let Some(s) = cx.store.as_mut() {
        s.add_bookmark(&key, name, pos);
    }
    cx.save_state();
    if cx.message.is_none() {
        cx.message = Some(format!("bookmark added: {name}  (' lists them)"));
    }
}

/// The bookmark list (`'`).
#[derive(Clone, Debug, Default)]
pub struct Bookmarks {
    pub selected: usize,
}

impl Bookmarks {
    /// `'`: the list, with other sessions' bookmarks read in.
    pub fn open(cx: &mut Context) -> Bookmarks {
        if let Some(s) = cx.store.as_mut() {
            s.reload();
        }
        Bookmarks::default()
    }
}

impl Component for Bookmarks {
    fn view(&self) -> View {
        View::Reader
    }

    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        let rows = rows(cx);
        let last = rows.len().saturating_sub(1);
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) | (KeyName::Char('q'), false) => return Outcome::Close,
            (KeyName::Down, _) | (KeyName::Char('j'), false) | (KeyName::Char('n'), true) => {
                self.selected = (self.selected + 1).min(last)
            }
            (KeyName::Up, _) | (KeyName::Char('k'), false) | (KeyName::Char('p'), true) => {
                self.selected = self.selected.saturating_sub(1)
            }
            (KeyName::Char('\''), false) => {
                // '' : back to before the last jump, as in vim.
                cx.jump_previous();
                return Outcome::Close;
            }
            (KeyName::Enter, _) => {
                let Some(row) = rows.get(self.selected) else {
                    return Outcome::Done(false);
                };
                cx.message = Some(format!("bookmark: {}", row.name));
                if let Some(r) = cx.reader.as_mut() {
                    let from = r.top;
                    r.top = row.anchor;
                    if from != row.anchor {
                        r.jumps.record(from);
                    }
                }
                return Outcome::Close;
            }
            (KeyName::Char('d'), false) | (KeyName::Char('x'), false) => {
                let Some(row) = rows.get(self.selected) else {
                    return Outcome::Done(false);
                };
                let key = cx.reader.as_ref().map(|r| cx.doc_key(r.doc));
                if let (Some(s), Some(key)) = (cx.store.as_mut(), key) {
                    s.delete_bookmark(&key, &row.id);
                }
                cx.write_state();
                self.selected = self.selected.min(rows.len().saturating_sub(2));
                cx.message = Some(format!("bookmark deleted: {}", row.name));
            }
            _ => return Outcome::Done(false),
        }
        Outcome::Done(true)
    }

    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        let panel = self;
        let (st, ambi) = (&cx.styles, cx.ambi());
        let rows = rows(cx);
        // The rows above the status line.
        let text_h = area.height.saturating_sub(1);
        if text_h == 0 {
            return;
        }
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
}

/// A new bookmark's name, typed in the status line (`m`).
#[derive(Clone, Debug, Default)]
pub struct Naming {
    pub text: String,
}

impl Naming {
    /// `m`: start naming a bookmark at the top of the screen; none (and a
    /// message) when there is nowhere to keep it.
    pub fn start(cx: &mut Context) -> Option<Naming> {
        if cx.store.is_none() {
            cx.message = Some("bookmarks are off: the state directory is not usable".into());
            return None;
        }
        Some(Naming::default())
    }
}

impl Component for Naming {
    fn view(&self) -> View {
        View::Reader
    }

    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) => return Outcome::Close,
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                self.text.pop();
            }
            (KeyName::Char('u'), true) => self.text.clear(),
            (KeyName::Enter, _) => {
                let name = match self.text.trim() {
                    "" => default_name(cx),
                    t => t.to_string(),
                };
                add(cx, &name);
                return Outcome::Close;
            }
            (KeyName::Char(c), false) => self.text.push(c),
            _ => return Outcome::Done(false),
        }
        Outcome::Done(true)
    }

    /// The prompt over the reader's status line. A search's count keeps
    /// the line, as it always has (the prompt still takes the keys).
    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        if area.height == 0 || cx.find_status().is_some() && cx.message.is_none() {
            return;
        }
        let left = format!(" 书签名 (Enter: {}): {}▏", default_name(cx), self.text);
        let (st, ambi) = (&cx.styles, cx.ambi());
        status_line(buf, area, &left, &status_right(cx), st.status, ambi);
    }
}
