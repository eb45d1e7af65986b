//! Finding in the reader, as in less: `/` types a query (matches are found
//! and shown as you type), Enter keeps it, `n` / `N` go to the next and
//! previous match, wrapping at the ends; the status line shows `3/17`.
//!
//! What always holds: matches are exact but script-insensitive (a
//! Traditional query finds Simplified text and the reverse) and ignore the
//! difference between ASCII and full-width punctuation; each move to a match
//! is a jump, recorded in the jump history.
//!
//! The reader's query line sends its keys here (`find_key`); the marks are
//! in the `Context`, where a finder also sets them (a slogan's uses).

use super::context::Context;
use super::reading::Anchor;
use crate::config::{Key, KeyName};
use crate::page::Found;

/// The find state of the reader.
#[derive(Clone, Debug, Default)]
pub struct Find {
    pub query: String,
    /// The query line has the keys.
    pub editing: bool,
    pub matches: Vec<Found>,
    /// Index into `matches` of the current one.
    pub current: Option<usize>,
    /// Where the top was when typing began (Esc goes back there).
    origin: Option<Anchor>,
}

impl Find {
    /// Marks set from outside (a slogan's occurrences), not typed.
    pub fn marks(matches: Vec<Found>, current: Option<usize>) -> Find {
        Find {
            matches,
            current,
            ..Find::default()
        }
    }
}

impl Context {
    /// `/`: start typing a query.
    pub fn find_start(&mut self) -> bool {
        let origin = self.reader.as_ref().map(|r| r.top);
        self.find = Some(Find {
            editing: true,
            origin,
            ..Find::default()
        });
        true
    }

    /// Keys while the query line is open.
    pub fn find_key(&mut self, key: Key) -> bool {
        let Some(f) = self.find.as_mut() else {
            return false;
        };
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) => {
                let origin = f.origin;
                self.find = None;
                if let (Some(r), Some(o)) = (self.reader.as_mut(), origin) {
                    r.top = o;
                }
                return true;
            }
            (KeyName::Enter, _) => {
                f.editing = false;
                if f.matches.is_empty() {
                    self.message = Some(format!("not found: {}", f.query));
                    self.find = None;
                } else if let (Some(r), Some(o)) = (self.reader.as_mut(), f.origin) {
                    // Typing moved the view; the jump is from where it began.
                    if r.top != o {
                        r.jumps.record(o);
                    }
                }
                return true;
            }
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                if f.query.pop().is_none() {
                    self.find = None;
                    return true;
                }
            }
            (KeyName::Char('u'), true) => f.query.clear(),
            (KeyName::Char(c), false) => f.query.push(c),
            _ => return false,
        }
        self.refind();
        true
    }

    /// Find the query again and show the first match at or after where
    /// typing began.
    fn refind(&mut self) {
        let (Some(f), Some(r)) = (self.find.as_mut(), self.reader.as_mut()) else {
            return;
        };
        f.matches = r.page.find(&f.query);
        let from = f.origin.unwrap_or(r.top);
        let at = (from.paragraph, from.offset.unwrap_or(usize::MAX));
        f.current = f
            .matches
            .iter()
            .position(|m| (m.paragraph, m.offset) >= at)
            .or(if f.matches.is_empty() { None } else { Some(0) });
        match f.current {
            Some(i) => r.top = r.anchor_of(f.matches[i]),
            None => {
                if let Some(o) = f.origin {
                    r.top = o;
                }
            }
        }
    }

    /// `n` (forward) / `N` (back): the next match, wrapping at the ends.
    pub fn find_next(&mut self, forward: bool) -> bool {
        let (Some(f), Some(r)) = (self.find.as_mut(), self.reader.as_mut()) else {
            self.message = Some("no search: / starts one".into());
            return true;
        };
        let n = f.matches.len();
        if n == 0 {
            return false;
        }
        let i = match f.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => 0,
        };
        let wrapped = f
            .current
            .is_some_and(|c| (forward && i < c) || (!forward && i > c));
        f.current = Some(i);
        let from = r.top;
        r.top = r.anchor_of(f.matches[i]);
        if r.top != from {
            r.jumps.record(from);
        }
        if wrapped {
            self.message = Some(if forward {
                "search hit the end, continuing at the top".into()
            } else {
                "search hit the top, continuing at the end".into()
            });
        }
        true
    }

    /// For the status line: `3/17`.
    pub fn find_status(&self) -> Option<String> {
        let f = self.find.as_ref()?;
        if f.editing {
            let count = if f.query.is_empty() {
                String::new()
            } else {
                match f.current {
                    Some(i) => format!("  {}/{}", i + 1, f.matches.len()),
                    None => "  0/0".into(),
                }
            };
            return Some(format!("/{}▏{count}", f.query));
        }
        let i = f.current?;
        if f.query.is_empty() {
            return None; // marks from the finder: the trail names itself
        }
        Some(format!("/{}  {}/{}", f.query, i + 1, f.matches.len()))
    }
}
