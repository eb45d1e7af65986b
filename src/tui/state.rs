//! The reader and the saved reading state: reopening a document where it
//! was left, named bookmarks (`m` adds, `'` lists, Enter jumps, `d`
//! deletes), and saving — when a document is left, on quit and on signals,
//! and within a few seconds of any change.

use super::app::{Anchor, App, Screen};
use crate::config::{Key, KeyName};
use crate::store::{doc_key, Position, Store};
use std::time::Duration;

/// A change is saved at most this long after it is made.
pub const SAVE_AFTER: Duration = Duration::from_secs(2);

/// The bookmark list (`'`).
#[derive(Clone, Debug, Default)]
pub struct BookmarkPanel {
    pub selected: usize,
}

/// One bookmark as the panel shows it.
#[derive(Clone, Debug)]
pub struct BookmarkRow {
    pub id: String,
    pub name: String,
    pub anchor: Anchor,
    /// Section breadcrumb at the bookmark.
    pub section: String,
}

impl App {
    /// The store key of document `d`: hashed once, in `set_store`, not
    /// on every tick and draw (a long document is megabytes of text).
    pub fn doc_key(&self, d: usize) -> String {
        match self.keys.get(d) {
            Some(k) => k.clone(),
            None => doc_key(self.corpus.docs[d].content_hash()),
        }
    }

    /// The reader's position as the store keeps it.
    fn position_of(&self, a: Anchor) -> Option<Position> {
        let r = self.reader.as_ref()?;
        let offset = match a.offset {
            Some(o) => o,
            None => self.corpus.docs[r.doc]
                .paragraphs
                .get(a.paragraph)
                .map_or(0, |p| p.text.chars().count()),
        };
        Some(Position {
            paragraph: a.paragraph,
            offset,
        })
    }

    /// The anchor for a saved position in the open document: the line
    /// holding that char, whatever the width or script now.
    pub fn anchor_for(&self, p: Position) -> Option<Anchor> {
        let r = self.reader.as_ref()?;
        let n = r.page.len();
        if n == 0 {
            return None;
        }
        let para = p.paragraph.min(n - 1);
        let chars = self.corpus.docs[r.doc].paragraphs[para]
            .text
            .chars()
            .count();
        let offset = if para == p.paragraph {
            p.offset.min(chars)
        } else {
            0
        };
        if para == p.paragraph && chars > 0 && p.offset >= chars {
            // Saved from the blank line after the paragraph.
            return Some(Anchor {
                paragraph: para,
                offset: None,
            });
        }
        let row = r.page.row_of(para, offset);
        Some(r.anchor_at(para, row))
    }

    /// After opening document `d`: note the visit and go back to where it
    /// was left. Returns whether a position was restored.
    pub(crate) fn restore_position(&mut self, d: usize) -> bool {
        let key = self.doc_key(d);
        let doc = &self.corpus.docs[d];
        let (title, path) = (doc.title.clone(), doc.path.display().to_string());
        let Some(store) = self.store.as_mut() else {
            return false;
        };
        let saved = store.doc(&key).and_then(|s| s.position);
        store.visit(&key, &title, &path);
        let Some(pos) = saved.filter(|p| p.paragraph > 0 || p.offset > 0) else {
            return false;
        };
        let Some(anchor) = self.anchor_for(pos) else {
            return false;
        };
        let h = self.text_height();
        if let Some(r) = self.reader.as_mut() {
            r.top = anchor;
            r.clamp(h);
            let pct = r.percent(h);
            self.message = Some(format!("back where you left off ({pct}%)"));
        }
        true
    }

    /// The open document's store key and the reader's position in it.
    fn here(&self) -> Option<(String, Position)> {
        let r = self.reader.as_ref()?;
        Some((self.doc_key(r.doc), self.position_of(r.top)?))
    }

    /// Note the reader's position in the store (not yet written).
    pub fn remember_position(&mut self) {
        let Some((key, pos)) = self.here() else {
            return;
        };
        if let Some(s) = self.store.as_mut() {
            s.set_position(&key, pos);
        }
    }

    /// Remember the position and write the state now (leaving a
    /// document, quitting, a signal).
    pub fn save_state(&mut self) {
        self.remember_position();
        self.write_state();
    }

    fn write_state(&mut self) {
        let Some(s) = self.store.as_mut() else {
            return;
        };
        if s.dirty() && s.save().is_err() {
            if let Some(w) = s.warnings.pop() {
                self.message = Some(w);
            }
        }
    }

    /// From the loop: remember the position, and write when a change is a
    /// few seconds old.
    pub fn autosave(&mut self) {
        if self.screen == Screen::Reader {
            self.remember_position();
        }
        if self.store.as_ref().is_some_and(|s| s.due(SAVE_AFTER)) {
            self.write_state();
        }
    }

    /// The open document's bookmarks, in document order.
    pub fn bookmark_rows(&self) -> Vec<BookmarkRow> {
        let (Some(r), Some(store)) = (self.reader.as_ref(), self.store.as_ref()) else {
            return Vec::new();
        };
        let key = self.doc_key(r.doc);
        let Some(d) = store.doc(&key) else {
            return Vec::new();
        };
        let outline = &self.outlines[r.doc];
        d.bookmarks
            .iter()
            .filter_map(|b| {
                let anchor = self.anchor_for(b.position)?;
                let section = outline
                    .section_at(b.position.paragraph)
                    .map(|s| self.shown(r.doc, &outline.breadcrumb(s)))
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
    pub fn default_bookmark_name(&self) -> String {
        let Some(r) = self.reader.as_ref() else {
            return String::new();
        };
        let outline = &self.outlines[r.doc];
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

    /// `m`: start naming a bookmark at the top of the screen.
    pub fn bookmark_start(&mut self) -> bool {
        if self.store.is_none() {
            self.message = Some("bookmarks are off: the state directory is not usable".into());
            return true;
        }
        self.naming = Some(String::new());
        true
    }

    /// Keys while a bookmark's name is typed.
    pub fn naming_key(&mut self, key: Key) -> bool {
        let Some(text) = self.naming.as_mut() else {
            return false;
        };
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) => self.naming = None,
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                text.pop();
            }
            (KeyName::Char('u'), true) => text.clear(),
            (KeyName::Enter, _) => {
                let typed = self.naming.take().unwrap_or_default();
                let name = match typed.trim() {
                    "" => self.default_bookmark_name(),
                    t => t.to_string(),
                };
                self.add_bookmark(&name);
            }
            (KeyName::Char(c), false) => text.push(c),
            _ => return false,
        }
        true
    }

    /// Add a bookmark at the top of the screen and write it at once.
    pub fn add_bookmark(&mut self, name: &str) {
        let Some((key, pos)) = self.here() else {
            return;
        };
        if let Some(s) = self.store.as_mut() {
            s.add_bookmark(&key, name, pos);
        }
        self.save_state();
        if self.message.is_none() {
            self.message = Some(format!("bookmark added: {name}  (' lists them)"));
        }
    }

    /// `'`: list the bookmarks (others' sessions' too).
    pub fn bookmarks_open(&mut self) -> bool {
        if let Some(s) = self.store.as_mut() {
            s.reload();
        }
        self.bookmarks = Some(BookmarkPanel::default());
        true
    }

    /// Keys in the bookmark list.
    pub fn bookmarks_key(&mut self, key: Key) -> bool {
        let rows = self.bookmark_rows();
        let Some(panel) = self.bookmarks.as_mut() else {
            return false;
        };
        let last = rows.len().saturating_sub(1);
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) | (KeyName::Char('q'), false) => self.bookmarks = None,
            (KeyName::Down, _) | (KeyName::Char('j'), false) | (KeyName::Char('n'), true) => {
                panel.selected = (panel.selected + 1).min(last)
            }
            (KeyName::Up, _) | (KeyName::Char('k'), false) | (KeyName::Char('p'), true) => {
                panel.selected = panel.selected.saturating_sub(1)
            }
            (KeyName::Char('\''), false) => {
                // '' : back to before the last jump, as in vim.
                self.bookmarks = None;
                return self.jump_previous();
            }
            (KeyName::Enter, _) => {
                let Some(row) = rows.get(panel.selected) else {
                    return false;
                };
                self.bookmarks = None;
                let to = row.anchor;
                self.message = Some(format!("bookmark: {}", row.name));
                if let Some(r) = self.reader.as_mut() {
                    let from = r.top;
                    r.top = to;
                    if from != to {
                        r.jumps.record(from);
                    }
                }
            }
            (KeyName::Char('d'), false) | (KeyName::Char('x'), false) => {
                let Some(row) = rows.get(panel.selected) else {
                    return false;
                };
                let key = self.reader.as_ref().map(|r| self.doc_key(r.doc));
                if let (Some(s), Some(key)) = (self.store.as_mut(), key) {
                    s.delete_bookmark(&key, &row.id);
                }
                self.write_state();
                if let Some(p) = self.bookmarks.as_mut() {
                    p.selected = p.selected.min(rows.len().saturating_sub(2));
                }
                self.message = Some(format!("bookmark deleted: {}", row.name));
            }
            _ => return false,
        }
        true
    }

    /// Per document in the list: how far it was read (percent), if at all.
    pub fn read_percent(&self, d: usize) -> Option<u8> {
        let store = self.store.as_ref()?;
        let pos = store.doc(&self.doc_key(d))?.position?;
        let doc = &self.corpus.docs[d];
        let total: usize = doc.chars.max(1);
        let before: usize = doc
            .paragraphs
            .iter()
            .take(pos.paragraph)
            .map(|p| p.text.chars().count())
            .sum::<usize>()
            + pos.offset;
        Some(((before * 100) / total).min(100) as u8)
    }

    /// The most recently read document of this corpus, if any.
    pub fn most_recent(&self) -> Option<usize> {
        let store = self.store.as_ref()?;
        let recent = store.recent();
        recent
            .iter()
            .find_map(|(k, _)| self.keys.iter().position(|x| x == k))
    }

    /// Give the reader a store (and select the last document read).
    pub fn set_store(&mut self, store: Store) {
        self.keys = self
            .corpus
            .docs
            .iter()
            .map(|d| doc_key(d.content_hash()))
            .collect();
        self.store = Some(store);
        if let Some(d) = self.most_recent() {
            if let Some(row) = self.list.rows.iter().position(|&r| r == d) {
                self.list.selected = row;
            }
        }
    }
}

impl App {
    /// The mouse (when `mouse = true`): the wheel scrolls three lines.
    pub fn mouse(&mut self, kind: crossterm::event::MouseEventKind) -> bool {
        use crate::config::Action;
        use crossterm::event::MouseEventKind;
        let a = match kind {
            MouseEventKind::ScrollDown => Action::LineDown,
            MouseEventKind::ScrollUp => Action::LineUp,
            _ => return false,
        };
        let mut changed = false;
        for _ in 0..3 {
            changed |= self.update(a);
        }
        changed
    }
}
