//! Finding in the reader, as in less: `/` types a query (matches are found
//! and shown as you type), Enter keeps it, `n` / `N` go to the next and
//! previous match, wrapping at the ends; the status line shows `3/17`.
//! A finder sets marks the same way (a slogan's uses in a document).
//!
//! What always holds: matches are exact but script-insensitive (a
//! Traditional query finds Simplified text and the reverse) and ignore the
//! difference between ASCII and full-width punctuation; each move to a match
//! is a jump, recorded in the jump history. The query line's keys are the
//! reader screen's; this is the state and the moves.

use super::reading::{Anchor, Reader};
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

    /// `/`: a query to type, from the top at `origin`.
    pub fn typing(origin: Option<Anchor>) -> Find {
        Find {
            editing: true,
            origin,
            ..Find::default()
        }
    }

    /// Where the top was when typing began.
    pub fn origin(&self) -> Option<Anchor> {
        self.origin
    }

    /// Find the query again in `r` and show the first match at or after
    /// where typing began.
    pub fn refind(&mut self, r: &mut Reader) {
        self.matches = r.page.find(&self.query);
        let from = self.origin.unwrap_or(r.top);
        let at = (from.paragraph, from.offset.unwrap_or(usize::MAX));
        self.current = self
            .matches
            .iter()
            .position(|m| (m.paragraph, m.offset) >= at)
            .or(if self.matches.is_empty() {
                None
            } else {
                Some(0)
            });
        match self.current {
            Some(i) => r.top = r.anchor_of(self.matches[i]),
            None => {
                if let Some(o) = self.origin {
                    r.top = o;
                }
            }
        }
    }

    /// `n` (forward) / `N` (back): show the next match in `r`, wrapping at
    /// the ends (a jump). Whether it wrapped; `None` when nothing matches.
    pub fn step(&mut self, r: &mut Reader, forward: bool) -> Option<bool> {
        let n = self.matches.len();
        if n == 0 {
            return None;
        }
        let i = match self.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None => 0,
        };
        let wrapped = self
            .current
            .is_some_and(|c| (forward && i < c) || (!forward && i > c));
        self.current = Some(i);
        let from = r.top;
        r.top = r.anchor_of(self.matches[i]);
        if r.top != from {
            r.jumps.record(from);
        }
        Some(wrapped)
    }

    /// For the status line: `/query  3/17` (none for a finder's marks).
    pub fn status(&self) -> Option<String> {
        if self.editing {
            let count = if self.query.is_empty() {
                String::new()
            } else {
                match self.current {
                    Some(i) => format!("  {}/{}", i + 1, self.matches.len()),
                    None => "  0/0".into(),
                }
            };
            return Some(format!("/{}▏{count}", self.query));
        }
        let i = self.current?;
        if self.query.is_empty() {
            return None; // marks from the finder: the trail names itself
        }
        Some(format!("/{}  {}/{}", self.query, i + 1, self.matches.len()))
    }
}
