//! The saved reading state: reopening a document where it was left, how far
//! each was read, and saving — when a document is left, on quit and on
//! signals, and within a few seconds of any change (the router's
//! `autosave`). Bookmarks are their screen's (`screens::bookmarks`).
//!
//! What always holds: positions are saved as a paragraph and a char offset,
//! so they land on the same text at any width or script; a failed write is
//! reported in the status line and tifa goes on.

use super::context::Context;
use super::reading::Anchor;
use crate::store::{doc_key, Position, Store};
use std::time::Duration;

/// A change is saved at most this long after it is made.
pub const SAVE_AFTER: Duration = Duration::from_secs(2);

impl Context {
    /// The store key of document `d`: hashed once, in `set_store`, not
    /// on every tick and draw (a long document is megabytes of text).
    pub fn doc_key(&self, d: usize) -> String {
        match self.keys.get(d) {
            Some(k) => k.clone(),
            None => doc_key(self.corpus.docs[d].content_hash()),
        }
    }

    /// The reader's position as the store keeps it.
    pub fn position_of(&self, a: Anchor) -> Option<Position> {
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
    pub fn restore_position(&mut self, d: usize) -> bool {
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
    pub fn here(&self) -> Option<(String, Position)> {
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

    pub fn write_state(&mut self) {
        let Some(s) = self.store.as_mut() else {
            return;
        };
        if s.dirty() && s.save().is_err() {
            if let Some(w) = s.warnings.pop() {
                self.message = Some(w);
            }
        }
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

    /// Use `store` for the reading state, keyed by the documents' content.
    pub fn set_store(&mut self, store: Store) {
        self.keys = self
            .corpus
            .docs
            .iter()
            .map(|d| doc_key(d.content_hash()))
            .collect();
        self.store = Some(store);
    }
}
