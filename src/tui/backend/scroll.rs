//! Scrolling by the terminal: find the band of rows that moved between two
//! frames, and the bytes that make the terminal move it.
//!
//! A line scroll changes every row of the text, but the new frame's rows
//! are the old ones shifted by one. As ncurses does, rows are compared by
//! hash: for every shift `d` (new row `y` is old row `y + d`) the longest
//! run of rows that match, counted by the rows it saves from a redraw
//! (rows that are equal in place anyway, such as blank ones, save
//! nothing). The band becomes a scroll region (DECSTBM) that leaves the
//! status line and the sticky heading out, scrolled by SU/SD or, on
//! terminals from before those, by LF / RI at its margin. The backend then
//! shifts its picture of the screen the same way and diffs the rest.
//! The pure parts (hashes, the band, the bytes) are free functions; the
//! backend's side (trying a frame both ways, scrolling it) is at the end.
//!
//! What always holds: only whole rows move (no left/right margins, which
//! few terminals have); a region is at least two rows (terminals ignore
//! `top >= bottom`); every scroll resets the region before anything else is
//! written, so no later line feed or cursor move can scroll by surprise,
//! and the cursor is unknown afterwards (terminals home it to the screen or
//! to the region's top); rows that come into view are blank with default
//! attributes (the pen is reset first, as erasing uses the background).

use super::escape::Pen;
use super::{set_cell, ByteBackend};
use ratatui::buffer::Cell;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;

/// How the terminal is made to scroll, if at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScrollBy {
    /// Redraw instead: the terminal's scroll regions are unknown or unsafe.
    Off,
    /// DECSTBM, then SU / SD (`ESC[nS`, `ESC[nT`): xterm and its heirs.
    Csi,
    /// DECSTBM, then LF at the bottom margin / RI at the top: every VT100.
    Index,
}

impl ScrollBy {
    /// From `TIFA_SCROLL_REGION` (`off`/`0`/`no`: never; `index`: LF/RI)
    /// and `TERM`: SU/SD for the xterm family and terminals known to have
    /// them, LF/RI for the Linux console, screen and real VTs, off for
    /// `dumb`, an empty or unset TERM, and anything not known.
    pub fn from_env() -> ScrollBy {
        let over = std::env::var("TIFA_SCROLL_REGION").unwrap_or_default();
        let term = std::env::var("TERM").unwrap_or_default();
        ScrollBy::choose(&over, &term)
    }

    pub fn choose(over: &str, term: &str) -> ScrollBy {
        match over.to_ascii_lowercase().as_str() {
            "off" | "0" | "no" | "false" => return ScrollBy::Off,
            "index" => return ScrollBy::Index,
            "csi" | "on" | "1" | "yes" | "true" => return ScrollBy::Csi,
            _ => {}
        }
        let t = term.to_ascii_lowercase();
        const CSI: &[&str] = &[
            "xterm",
            "tmux",
            "rxvt",
            "alacritty",
            "kitty",
            "foot",
            "wezterm",
            "vte",
            "gnome",
            "konsole",
            "iterm",
            "ghostty",
            "contour",
            "ms-terminal",
            "st",
        ];
        const INDEX: &[&str] = &[
            "linux", "screen", "vt1", "vt2", "vt3", "vt4", "vt5", "putty",
        ];
        // The name itself or a variant of it: xterm-256color, screen.xterm,
        // and for VTs any model (vt100, vt220).
        let family = |names: &[&str]| {
            names.iter().any(|n| match t.strip_prefix(n) {
                Some(rest) => {
                    rest.is_empty() || rest.starts_with(['-', '.', '+']) || n.starts_with("vt")
                }
                None => false,
            })
        };
        if family(CSI) {
            ScrollBy::Csi
        } else if family(INDEX) {
            ScrollBy::Index
        } else {
            ScrollBy::Off
        }
    }
}

/// Rows `top..=bottom` move by `n`: up (row y shows what y + n showed) or
/// down; the rows left behind are blank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shift {
    pub top: u16,
    pub bottom: u16,
    pub n: u16,
    pub up: bool,
}

/// One hash per row of `cells` (rows `cols` wide).
pub fn row_hashes<T: Hash>(cells: &[T], cols: usize) -> Vec<u64> {
    cells
        .chunks(cols.max(1))
        .map(|row| {
            let mut h = DefaultHasher::new();
            row.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// The shift that saves the most rows from being redrawn, if any saves one:
/// the longest run of rows where `new[y] == old[y + d]`, counting only rows
/// that differ from `old[y]` (the ones a plain diff would redraw). Ties go
/// to the smaller shift.
pub fn best(old: &[u64], new: &[u64]) -> Option<Shift> {
    let h = old.len().min(new.len()) as isize;
    let mut best: Option<(usize, Shift)> = None;
    for d in (1 - h)..h {
        if d == 0 {
            continue;
        }
        let (lo, hi) = ((-d).max(0), (h - d).min(h));
        let mut y = lo;
        while y < hi {
            if new[y as usize] != old[(y + d) as usize] {
                y += 1;
                continue;
            }
            let y0 = y;
            let mut gain = 0;
            while y < hi && new[y as usize] == old[(y + d) as usize] {
                gain += usize::from(new[y as usize] != old[y as usize]);
                y += 1;
            }
            let y1 = y - 1;
            let (top, bottom) = if d > 0 { (y0, y1 + d) } else { (y0 + d, y1) };
            let shift = Shift {
                top: top as u16,
                bottom: bottom as u16,
                n: d.unsigned_abs() as u16,
                up: d > 0,
            };
            let better = best
                .as_ref()
                .is_none_or(|(g, s)| gain > *g || (gain == *g && shift.n < s.n));
            if gain > 0 && better {
                best = Some((gain, shift));
            }
        }
    }
    best.map(|(_, s)| s)
}

/// Move the rows of `cells` (a screen `cols` wide) as the terminal does
/// for `s`; the rows that come into view are `blank`.
pub fn apply<T: Clone>(cells: &mut [T], cols: usize, s: Shift, blank: &T) {
    let band = &mut cells[s.top as usize * cols..(s.bottom as usize + 1) * cols];
    let k = (s.n as usize * cols).min(band.len());
    if s.up {
        band.rotate_left(k);
        let len = band.len();
        band[len - k..].fill(blank.clone());
    } else {
        band.rotate_right(k);
        band[..k].fill(blank.clone());
    }
}

/// DECSTBM for rows `top..=bottom` of a screen `rows` high, shortest form
/// (a left-out margin is the screen's edge); `ESC[r` for the whole screen.
pub fn set_region(top: u16, bottom: u16, rows: u16, out: &mut Vec<u8>) {
    use std::io::Write;
    out.extend_from_slice(b"\x1b[");
    if top > 0 {
        let _ = write!(out, "{}", top + 1);
    }
    if bottom + 1 < rows {
        let _ = write!(out, ";{}", bottom + 1);
    }
    out.push(b'r');
}

/// Scroll the region by `n`: up with SU (`ESC[nS`), down with SD.
pub fn su_sd(n: u16, up: bool, out: &mut Vec<u8>) {
    use std::io::Write;
    out.extend_from_slice(b"\x1b[");
    if n != 1 {
        let _ = write!(out, "{n}");
    }
    out.push(if up { b'S' } else { b'T' });
}

/// What `paint` changes, to try two ways of drawing a frame.
pub(super) struct Snapshot {
    len: usize,
    cursor: Option<(u16, u16)>,
    row: Option<u16>,
    region: Option<(u16, u16)>,
    pen: Option<Pen>,
    shadow: Vec<Cell>,
    shadow_valid: bool,
}

impl<W: Write> ByteBackend<W> {
    pub(super) fn snapshot(&self) -> Snapshot {
        Snapshot {
            len: self.buf.len(),
            cursor: self.cursor,
            row: self.row,
            region: self.region,
            pen: self.pen,
            shadow: self.shadow.clone(),
            shadow_valid: self.shadow_valid,
        }
    }

    /// Back to `s`; returns what was written since, and the state it left.
    pub(super) fn restore(&mut self, s: Snapshot) -> (Vec<u8>, Snapshot) {
        let tail = self.buf.split_off(s.len);
        let now = Snapshot {
            len: s.len,
            cursor: std::mem::replace(&mut self.cursor, s.cursor),
            row: std::mem::replace(&mut self.row, s.row),
            region: std::mem::replace(&mut self.region, s.region),
            pen: std::mem::replace(&mut self.pen, s.pen),
            shadow: std::mem::replace(&mut self.shadow, s.shadow),
            shadow_valid: std::mem::replace(&mut self.shadow_valid, s.shadow_valid),
        };
        (tail, now)
    }

    /// The new frame (the shadow with `diff` applied) and the band of rows
    /// in it that moved, when one did.
    pub(super) fn find_scroll(&self, diff: &[(u16, u16, &Cell)]) -> Option<(Shift, Vec<Cell>)> {
        let cols = self.cols.get();
        let mut new = self.shadow.clone();
        for &(x, y, cell) in diff {
            if !set_cell(&mut new, cols, x, y, cell) {
                return None;
            }
        }
        let old_rows = row_hashes(&self.shadow, cols as usize);
        let new_rows = row_hashes(&new, cols as usize);
        let shift = best(&old_rows, &new_rows)?;
        // Hashes can collide: the rows must really be the same.
        let mut moved = self.shadow.clone();
        apply(&mut moved, cols as usize, shift, &Cell::EMPTY);
        let c = cols as usize;
        let (from, to) = if shift.up {
            (shift.top, shift.bottom - shift.n)
        } else {
            (shift.top + shift.n, shift.bottom)
        };
        let rows = from as usize * c..(to as usize + 1) * c;
        (moved[rows.clone()] == new[rows]).then_some((shift, new))
    }

    /// Scroll the terminal by `shift` and the shadow with it: set the
    /// region (unless it is set already), then a line feed at its bottom
    /// margin or a reverse index at its top, as often as it moves; SU/SD
    /// for more than a line, where the terminal has them.
    pub(super) fn scroll_by(&mut self, shift: Shift) {
        let rows = self.rows.get();
        let cols = self.cols.get();
        let want = (shift.top > 0 || shift.bottom + 1 < rows).then_some((shift.top, shift.bottom));
        if self.region != want {
            set_region(shift.top, shift.bottom, rows, &mut self.buf);
            self.region = want;
            // Terminals home the cursor, some to the region's top.
            self.forget_cursor();
        }
        self.set_pen(Pen::DEFAULT);
        let margin = if shift.up { shift.bottom } else { shift.top };
        // By one: the row that comes into view is at the margin, so the
        // cursor goes there anyway. By more, SU/SD where there are.
        if self.scroll == ScrollBy::Csi && shift.n > 1 {
            su_sd(shift.n, shift.up, &mut self.buf);
        } else {
            match self.cursor {
                // A line feed in the pending wrap would be off by one
                // somewhere: go back to the row's start first.
                Some((x, y)) if y == margin && x >= cols => {
                    self.buf.push(b'\r');
                    self.cursor = Some((0, y));
                }
                Some((_, y)) if y == margin => {}
                _ => self.move_to(0, margin),
            }
            let step: &[u8] = if shift.up { b"\n" } else { b"\x1bM" };
            for _ in 0..shift.n {
                self.buf.extend_from_slice(step);
            }
        }
        apply(&mut self.shadow, cols as usize, shift, &Cell::EMPTY);
        self.scrolls += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_scroll_under_a_heading_and_over_a_status_line() {
        // Row 0 a heading, rows 1..=5 text that moved up one, row 6 status.
        let old = [9, 1, 2, 3, 4, 5, 7];
        let new = [9, 2, 3, 4, 5, 6, 8];
        let s = best(&old, &new).unwrap();
        assert_eq!(
            s,
            Shift {
                top: 1,
                bottom: 5,
                n: 1,
                up: true
            }
        );
        let mut cells = old.to_vec();
        apply(&mut cells, 1, s, &0);
        assert_eq!(cells, [9, 2, 3, 4, 5, 0, 7]);
    }

    #[test]
    fn regions_and_scrolls_in_their_shortest_forms() {
        let seq = |f: &dyn Fn(&mut Vec<u8>)| {
            let mut out = Vec::new();
            f(&mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(seq(&|o| set_region(1, 5, 7, o)), "\x1b[2;6r");
        assert_eq!(seq(&|o| set_region(0, 22, 24, o)), "\x1b[;23r");
        assert_eq!(seq(&|o| set_region(1, 23, 24, o)), "\x1b[2r");
        assert_eq!(seq(&|o| set_region(0, 23, 24, o)), "\x1b[r");
        assert_eq!(seq(&|o| su_sd(1, true, o)), "\x1b[S");
        assert_eq!(seq(&|o| su_sd(3, false, o)), "\x1b[3T");
    }

    #[test]
    fn down_by_three_and_nothing_for_unmoved_or_blank_rows() {
        let old = [1, 2, 3, 4, 5, 6];
        let new = [7, 8, 9, 1, 2, 3];
        let s = best(&old, &new).unwrap();
        assert_eq!(
            s,
            Shift {
                top: 0,
                bottom: 5,
                n: 3,
                up: false
            }
        );
        let mut cells = old.to_vec();
        apply(&mut cells, 1, s, &0);
        assert_eq!(cells, [0, 0, 0, 1, 2, 3]);
        // Nothing moved; blank rows match every shift but save nothing.
        assert_eq!(best(&old, &old), None);
        assert_eq!(best(&[0, 0, 0, 1], &[0, 0, 0, 2]), None);
    }

    #[test]
    fn which_terminals_scroll_how() {
        assert_eq!(ScrollBy::choose("", "xterm-256color"), ScrollBy::Csi);
        assert_eq!(ScrollBy::choose("", "tmux-256color"), ScrollBy::Csi);
        assert_eq!(ScrollBy::choose("", "xterm"), ScrollBy::Csi);
        assert_eq!(ScrollBy::choose("", "st-256color"), ScrollBy::Csi);
        assert_eq!(ScrollBy::choose("", "linux"), ScrollBy::Index);
        assert_eq!(
            ScrollBy::choose("", "screen.xterm-256color"),
            ScrollBy::Index
        );
        assert_eq!(ScrollBy::choose("", "vt220"), ScrollBy::Index);
        for t in ["", "dumb", "unknown", "emacs", "stupid"] {
            assert_eq!(ScrollBy::choose("", t), ScrollBy::Off, "{t}");
        }
        assert_eq!(ScrollBy::choose("off", "xterm"), ScrollBy::Off);
        assert_eq!(ScrollBy::choose("index", "xterm"), ScrollBy::Index);
        assert_eq!(ScrollBy::choose("on", "dumb"), ScrollBy::Csi);
    }
}
