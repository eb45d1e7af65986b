//! The document being read: its laid-out page, where the top of the screen
//! is (`Anchor`), the jump history (`Jumps`), and reading along a slogan's
//! occurrences (`Trail`). The reader, the outline panel, bookmarks, finding
//! and the finders all act on it, so it lives in the `Context`.
//!
//! What always holds: the position is a paragraph and a char offset into it,
//! never a wrapped-line number, so a resize, a width change or a script
//! switch lands on the same text; scrolling stops where the last page is
//! full, but never pulls back a top a jump put further on.

use super::indexes::Indexes;
use crate::page::{Found, Page};
use std::sync::Arc;

/// A place to read: document `doc` with `at` on the top line and marked
/// as the current one of `marks` (all of them highlighted); `message`
/// goes to the status line once it is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub doc: usize,
    pub at: Found,
    pub marks: Vec<Found>,
    pub message: Option<String>,
}

/// Where the top of the screen is: a paragraph and the char offset of the
/// first line shown (`None`: the blank line after the paragraph).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub paragraph: usize,
    pub offset: Option<usize>,
}

/// The reading view of one document.
pub struct Reader {
    pub doc: usize,
    pub page: Page,
    pub top: Anchor,
    pub jumps: Jumps,
}

/// Jump history, like vim's jumplist: every jump records where it came
/// from; `back` and `forward` walk the list; `previous` is where the last
/// jump started (`''`).
#[derive(Clone, Debug, Default)]
pub struct Jumps {
    list: Vec<Anchor>,
    /// Where we are in `list`; `list.len()` when not walking it.
    pos: usize,
    previous: Option<Anchor>,
}

impl Jumps {
    /// A jump is leaving `from`.
    pub fn record(&mut self, from: Anchor) {
        self.list.truncate(self.pos);
        if self.list.last() != Some(&from) {
            self.list.push(from);
        }
        self.pos = self.list.len();
        self.previous = Some(from);
    }

    pub fn back(&mut self, current: Anchor) -> Option<Anchor> {
        if self.pos >= self.list.len() {
            // Remember the present, so forward can come back to it.
            if self.list.last() != Some(&current) {
                self.list.push(current);
            }
            self.pos = self.list.len().saturating_sub(1);
        }
        if self.pos == 0 {
            return None;
        }
        self.pos -= 1;
        self.previous = Some(current);
        Some(self.list[self.pos])
    }

    pub fn forward(&mut self, current: Anchor) -> Option<Anchor> {
        if self.pos + 1 >= self.list.len() {
            return None;
        }
        self.pos += 1;
        self.previous = Some(current);
        Some(self.list[self.pos])
    }

    /// `''`: the position before the last jump; the jump there is itself a
    /// jump, so `''` twice comes back.
    pub fn previous(&self) -> Option<Anchor> {
        self.previous
    }
}

/// Reading along a slogan's occurrences: `n` / `N` go across documents,
/// along the list the reading started from (all of them, or the ones a
/// trend's year or a comparison listed).
#[derive(Clone, Debug)]
pub struct Trail {
    pub slogan: usize,
    /// Position in the list walked (`only`, or all the occurrences).
    pub occurrence: usize,
    /// The occurrences walked, as indexes into the slogan's; `None`: all.
    pub only: Option<Arc<[u32]>>,
}

impl Trail {
    /// Along every occurrence of `slogan`, from the `occurrence`-th.
    pub fn all(slogan: usize, occurrence: usize) -> Trail {
        Trail {
            slogan,
            occurrence,
            only: None,
        }
    }

    /// How many occurrences the trail walks.
    fn len(&self, ix: &Indexes) -> usize {
        match &self.only {
            Some(o) => o.len(),
            None => ix.slogans.slogans[self.slogan].occurrences.len(),
        }
    }

    /// The index into the slogan's occurrences of the current one.
    fn current(&self) -> usize {
        match &self.only {
            Some(o) => o.get(self.occurrence).map_or(0, |&i| i as usize),
            None => self.occurrence,
        }
    }

    /// The next (or previous) occurrence, wrapping at the ends.
    pub fn step(&mut self, ix: &Indexes, forward: bool) {
        let n = self.len(ix).max(1);
        self.occurrence = if forward {
            (self.occurrence + 1) % n
        } else {
            (self.occurrence + n - 1) % n
        };
    }

    /// Where the current occurrence is: the phrase highlighted among its
    /// other occurrences in that document, and a message counting them.
    pub fn place(&self, ix: &Indexes) -> Place {
        let s = &ix.slogans.slogans[self.slogan];
        let o = s.occurrences[self.current().min(s.occurrences.len().saturating_sub(1))];
        let len = s.text.chars().count();
        let marks: Vec<Found> = s
            .occurrences
            .iter()
            .filter(|x| x.doc == o.doc)
            .map(|x| Found {
                paragraph: x.paragraph,
                offset: x.offset,
                len,
            })
            .collect();
        Place {
            doc: o.doc,
            at: Found {
                paragraph: o.paragraph,
                offset: o.offset,
                len,
            },
            marks,
            message: Some(format!(
                "{} {}/{}",
                s.text,
                self.occurrence + 1,
                self.len(ix)
            )),
        }
    }
}

impl Reader {
    /// The (paragraph, row) of the top line.
    pub fn top_row(&self) -> (usize, usize) {
        let p = self.top.paragraph;
        match self.top.offset {
            Some(o) => (p, self.page.row_of(p, o)),
            None => (p, self.page.lines(p).len()),
        }
    }

    pub fn anchor_at(&self, p: usize, row: usize) -> Anchor {
        let lines = self.page.lines(p);
        Anchor {
            paragraph: p,
            offset: lines.get(row).map(|l| l.start),
        }
    }

    /// The last top position that still fills the screen.
    pub fn max_top(&self, height: usize) -> Anchor {
        let mut need = height;
        let mut p = self.page.len();
        while p > 0 {
            p -= 1;
            let rows = self.page.rows(p);
            if rows >= need {
                return self.anchor_at(p, rows - need);
            }
            need -= rows;
        }
        Anchor {
            paragraph: 0,
            offset: Some(0),
        }
    }

    fn pos_key(&self, a: Anchor) -> (usize, usize) {
        let lines = self.page.lines(a.paragraph);
        let row = match a.offset {
            Some(o) => self.page.row_of(a.paragraph, o),
            None => lines.len(),
        };
        (a.paragraph, row)
    }

    /// Keep the top within the document.
    pub fn clamp(&mut self, height: usize) {
        let max = self.max_top(height);
        if self.pos_key(self.top) > self.pos_key(max) {
            self.top = max;
        }
    }

    /// Move the top by `n` rows (negative: up), within the document.
    pub fn scroll(&mut self, n: isize, height: usize) {
        let before = self.top;
        let (mut p, mut r) = self.top_row();
        if n >= 0 {
            let mut n = n as usize;
            while n > 0 {
                let rows = self.page.rows(p);
                if r + n < rows {
                    r += n;
                    n = 0;
                } else if p + 1 < self.page.len() {
                    n -= rows - r;
                    p += 1;
                    r = 0;
                } else {
                    r = rows - 1;
                    n = 0;
                }
            }
        } else {
            let mut n = n.unsigned_abs();
            while n > 0 {
                if r >= n {
                    r -= n;
                    n = 0;
                } else if p > 0 {
                    n -= r + 1;
                    p -= 1;
                    r = self.page.rows(p) - 1;
                } else {
                    r = 0;
                    n = 0;
                }
            }
        }
        self.top = self.anchor_at(p, r);
        // Scrolling stops where the last page is full; a jump may have put
        // the top further on (a heading near the end), and scrolling never
        // pulls it back.
        let max = self.max_top(height);
        let limit = if self.pos_key(before) > self.pos_key(max) {
            before
        } else {
            max
        };
        if self.pos_key(self.top) > self.pos_key(limit) {
            self.top = limit;
        }
    }

    /// How far through the document the top is, 0–100; 100 when the end is
    /// on screen.
    pub fn percent(&self, height: usize) -> u8 {
        let total = self.page.chars_before(self.page.len());
        if total == 0 || self.pos_key(self.top) >= self.pos_key(self.max_top(height)) {
            return 100;
        }
        let p = self.top.paragraph;
        let para_len = self.page.chars_before(p + 1) - self.page.chars_before(p);
        let before = self.page.chars_before(p) + self.top.offset.unwrap_or(para_len);
        ((before * 100) / total).min(100) as u8
    }

    /// The top position that shows a found place: the line holding its start.
    pub fn anchor_of(&self, m: Found) -> Anchor {
        // An index out of step with the document (it never should be) puts
        // the reader at its end, not past it.
        if m.paragraph >= self.page.len() {
            return Anchor {
                paragraph: self.page.len().saturating_sub(1),
                offset: None,
            };
        }
        let row = self.page.row_of(m.paragraph, m.offset);
        let lines = self.page.lines(m.paragraph);
        Anchor {
            paragraph: m.paragraph,
            offset: lines.get(row).map(|l| l.start),
        }
    }
}
