//! A ratatui backend that writes few bytes, for reading over SSH.
//!
//! ratatui-crossterm 0.1.2 moves the cursor before every cell that is not at
//! the previous cell's x + 1: after every Han character, whose second cell
//! the diff skips. A page of Chinese text costs four times its own bytes
//! that way (DESIGN.md, known pitfalls; `cargo bench --bench bytes`). This
//! backend follows where the terminal's cursor is and writes a move only
//! when the next cell is somewhere else, and then the shortest one
//! (CR LF, `ESC[nC`, `ESC[nG`, … or a full `ESC[y;xH`); it changes SGR
//! attributes only when the style changes, in one sequence, from the
//! current attributes or from a reset, whichever is shorter; it erases a
//! run of blank cells with `ESC[K` / `ESC[nX` when that is shorter than
//! spaces; and it sends each frame in one write, inside synchronized-output
//! brackets (mode 2026) so terminals that know them show whole pages.
//!
//! Line moves are scrolled by the terminal (`scroll`): the backend keeps
//! the whole previous frame (its shadow), rebuilds the new one from
//! ratatui's diff, finds the band of rows that moved, scrolls it with a
//! scroll region, shifts the shadow the same way and diffs the rest. It
//! does so only when the result is shorter than the plain diff, and never
//! where scroll regions are off (`ScrollBy::from_env`). ratatui's
//! `Terminal` never learns of it: the screen ends up as the frame it drew.
//!
//! For frame pacing (`set_acks`), each frame is followed by a device
//! attributes query (DA1, `ESC[c`), answered once the terminal has read
//! the frame; a frame big enough to time the link by is also preceded by
//! one, so the gap between the two answers is its time on the wire.
//!
//! What always holds:
//! - The cursor position is trusted only after characters whose advance
//!   every terminal agrees on: printable ASCII, unambiguous Latin, and Han,
//!   kana, Hangul and full-width forms from long-assigned blocks. After any
//!   other cell (East Asian ambiguous, a forced width, zero-width marks,
//!   emoji, control pictures, anything multi-character) the position is
//!   forgotten and the next cell gets an absolute move (its column alone,
//!   `ESC[nG`, when the row cannot have changed: even drawn two cells a
//!   char, the cell would not reach the last column), so a terminal that
//!   draws “ two cells wide (or one) never shifts the rest of the line.
//! - While a scroll region is set, no cursor move crosses its margins
//!   relatively (a line feed at the bottom margin scrolls, `ESC[nA`/`nB`
//!   stop at the margins): such moves are absolute.
//! - Colours and attributes are written as ratatui's crossterm backend
//!   writes them (`38;5;n` for named colours), so screens look the same.
//! - Every frame ends with default attributes, and a full clear is done
//!   with default attributes (erasing uses the current background).
//! - A full clear forgets everything assumed about the terminal (cursor,
//!   attributes, cursor visibility) and resets the scroll region: tifa
//!   clears after anything else has written to the terminal (start-up, the
//!   width probe, Ctrl-Z) and after a resize.
//! - `get_cursor_position` never asks the terminal (a round trip over SSH,
//!   and a 2 s stall where no answer comes): it returns where this backend
//!   last put the cursor, or the origin. Only inline viewports need the
//!   real position; tifa is full-screen.

mod escape;
pub mod scroll;
#[cfg(test)]
mod scroll_tests;
#[cfg(test)]
mod tests;

pub use escape::sure_width;
use escape::{cursor_move, sgr, Pen};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::Color;
pub use scroll::ScrollBy;
use std::io::{self, Write};

/// Opens and closes a frame: synchronized output (DEC private mode 2026).
pub const FRAME_START: &[u8] = b"\x1b[?2026h";
pub const FRAME_END: &[u8] = b"\x1b[?2026l";

/// Primary device attributes (DA1): every terminal answers `ESC[?…c`.
pub const ACK_QUERY: &[u8] = b"\x1b[c";

/// Frames at least this big are also preceded by a query, to time them.
pub const TIMED_FRAME: usize = 1024;

/// A frame as it went out: its bytes (queries left out), and whether a
/// query went before it as well as after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sent {
    pub bytes: usize,
    pub timed: bool,
}

/// A ratatui backend over any writer that writes as few bytes as it can.
pub struct ByteBackend<W: Write> {
    writer: W,
    /// The frame being built; written in one go by `flush`.
    buf: Vec<u8>,
    /// Where the terminal's cursor is, when known. `x == cols` is the
    /// pending wrap after writing the last column.
    cursor: Option<(u16, u16)>,
    /// When the cursor is not known, the row it is on if that is (after a
    /// character of uncertain width): a move along the row then needs only
    /// the column (`ESC[nG`).
    row: Option<u16>,
    /// The terminal's current attributes, when known.
    pen: Option<Pen>,
    cursor_visible: Option<bool>,
    in_frame: bool,
    /// The size last seen (`size` runs before every frame); fixed in tests.
    cols: std::cell::Cell<u16>,
    rows: std::cell::Cell<u16>,
    fixed: Option<Size>,
    /// The screen as ratatui sees it after the last frame (its previous
    /// buffer): blank at first and after a full clear, then every diff
    /// applied. It tells whether the rest of a row is blank, which the diff
    /// alone does not (it leaves out cells that did not change).
    shadow: Vec<Cell>,
    /// False after a clear this backend cannot follow (not a full one).
    shadow_valid: bool,
    /// NO_COLOR: write attributes, never colours (as crossterm does).
    no_color: bool,
    /// How line moves are scrolled by the terminal, if at all.
    scroll: ScrollBy,
    /// The terminal's scroll region (top, bottom rows) when not the whole
    /// screen.
    region: Option<(u16, u16)>,
    /// Scrolls done by the terminal (for tests and benches to see).
    scrolls: usize,
    /// Ask the terminal to acknowledge each frame (DA1 after it).
    acks: bool,
    /// The last frame sent, until `take_sent`.
    sent: Option<Sent>,
}

impl<W: Write> ByteBackend<W> {
    /// A backend for the terminal on stdin/stdout, writing to `writer`;
    /// scrolling as `TERM` and `TIFA_SCROLL_REGION` say.
    pub fn new(writer: W) -> ByteBackend<W> {
        let (cols, rows) = crossterm::terminal::size().unwrap_or((80, 24));
        let mut b = ByteBackend::build(writer, cols, rows, None);
        b.scroll = ScrollBy::from_env();
        b
    }

    /// A backend for a terminal of a fixed size (tests and benches),
    /// scrolling with SU/SD.
    pub fn with_size(writer: W, cols: u16, rows: u16) -> ByteBackend<W> {
        ByteBackend::build(
            writer,
            cols,
            rows,
            Some(Size {
                width: cols,
                height: rows,
            }),
        )
    }

    fn build(writer: W, cols: u16, rows: u16, fixed: Option<Size>) -> ByteBackend<W> {
        ByteBackend {
            writer,
            buf: Vec::with_capacity(8192),
            cursor: None,
            row: None,
            pen: None,
            cursor_visible: None,
            in_frame: false,
            cols: std::cell::Cell::new(cols),
            rows: std::cell::Cell::new(rows),
            fixed,
            shadow: vec![Cell::EMPTY; cols as usize * rows as usize],
            shadow_valid: true,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            scroll: ScrollBy::Csi,
            region: None,
            scrolls: 0,
            acks: false,
            sent: None,
        }
    }

    /// A fixed-size terminal changed size (tests: as SIGWINCH would).
    #[cfg(test)]
    fn set_fixed_size(&mut self, cols: u16, rows: u16) {
        self.fixed = Some(Size {
            width: cols,
            height: rows,
        });
        self.cols.set(cols);
        self.rows.set(rows);
    }

    /// Scroll by the terminal this way (or not at all).
    pub fn set_scroll(&mut self, by: ScrollBy) {
        self.scroll = by;
    }

    /// Follow every frame with an acknowledgement query (and precede the
    /// big ones with one too).
    pub fn set_acks(&mut self, on: bool) {
        self.acks = on;
    }

    /// How often the terminal was made to scroll.
    pub fn scrolls(&self) -> usize {
        self.scrolls
    }

    /// The frame written by the last `flush`, once.
    pub fn take_sent(&mut self) -> Option<Sent> {
        self.sent.take()
    }

    pub fn writer(&self) -> &W {
        &self.writer
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    fn begin_frame(&mut self) {
        if !self.in_frame {
            self.buf.extend_from_slice(FRAME_START);
            self.in_frame = true;
        }
    }

    /// Outside a frame, a lone command goes out at once (as crossterm's
    /// `execute!` does); inside one it waits for `flush`.
    fn send_unless_framing(&mut self) -> io::Result<()> {
        if self.in_frame {
            Ok(())
        } else {
            self.write_out()
        }
    }

    fn write_out(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            self.writer.write_all(&self.buf)?;
            self.buf.clear();
        }
        self.writer.flush()
    }

    fn move_to(&mut self, x: u16, y: u16) {
        let cols = self.cols.get();
        if self.cursor != Some((x, y)) || x >= cols {
            let mut out = std::mem::take(&mut self.buf);
            self.push_move(self.cursor, (x, y), &mut out);
            self.buf = out;
            self.cursor = Some((x, y));
            self.row = None;
        }
    }

    /// The shortest move from `from` to `to`: along the row by the column
    /// alone when only the row is known.
    fn push_move(&self, from: Option<(u16, u16)>, to: (u16, u16), out: &mut Vec<u8>) {
        if from.is_none() && self.row == Some(to.1) {
            if to.0 == 0 {
                out.push(b'\r');
            } else {
                let _ = write!(out, "\x1b[{}G", to.0 + 1);
            }
            return;
        }
        cursor_move(self.relative_from(from, to.1), to, self.cols.get(), out);
    }

    fn forget_cursor(&mut self) {
        self.cursor = None;
        self.row = None;
    }

    /// Where a move to row `to` may start from relatively: anywhere on the
    /// same row; across rows only inside the scroll region (a line feed at
    /// its bottom margin scrolls, a relative move stops at its margins).
    /// Elsewhere the move is absolute.
    fn relative_from(&self, from: Option<(u16, u16)>, to: u16) -> Option<(u16, u16)> {
        match (from, self.region) {
            (Some((_, fy)), Some((top, bottom)))
                if fy != to && !((top..=bottom).contains(&fy) && (top..=bottom).contains(&to)) =>
            {
                None
            }
            _ => from,
        }
    }

    fn set_pen(&mut self, to: Pen) {
        if self.pen != Some(to) {
            sgr(self.pen, to, &mut self.buf);
            self.pen = Some(to);
        }
    }

    /// Bytes of the shortest move from `from` to `to` (0 if already there).
    fn move_len(&self, from: Option<(u16, u16)>, to: (u16, u16)) -> usize {
        if from == Some(to) && to.0 < self.cols.get() {
            return 0;
        }
        let mut v = Vec::new();
        self.push_move(from, to, &mut v);
        v.len()
    }

    fn blank_shadow(&mut self) {
        let n = self.cols.get() as usize * self.rows.get() as usize;
        self.shadow.clear();
        self.shadow.resize(n, Cell::EMPTY);
        self.shadow_valid = true;
    }

    /// Apply one diff cell; the cells a wide one covers are blank, as in
    /// ratatui's buffer (the diff does not send them).
    fn shadow_set(&mut self, x: u16, y: u16, cell: &Cell) {
        if !set_cell(&mut self.shadow, self.cols.get(), x, y, cell) {
            self.shadow_valid = false;
        }
    }

    fn shadow_at(&self, x: u16, y: u16) -> &Cell {
        &self.shadow[y as usize * self.cols.get() as usize + x as usize]
    }

    /// For each cell of row y: where the character covering it ends.
    fn char_ends(&self, y: u16) -> Vec<u16> {
        let cols = self.cols.get();
        let mut ends = vec![0; cols as usize];
        let mut x = 0;
        while x < cols {
            let w = self.shadow_at(x, y).cell_width().max(1);
            let end = (x + w).min(cols);
            ends[x as usize..end as usize].fill(end);
            x = end;
        }
        ends
    }

    /// Does a character start at (x, y), rather than being covered?
    fn starts_at(&self, x: u16, y: u16) -> bool {
        self.char_ends(y)
            .get(x.wrapping_sub(1) as usize)
            .is_none_or(|&end| end <= x)
    }

    /// Before a diff is applied: the cells past each new character that the
    /// old character there still covered.
    fn uncovered(&self, diff: &[(u16, u16, &Cell)]) -> Vec<(u16, u16)> {
        let mut out = Vec::new();
        if !self.shadow_valid {
            return out;
        }
        let cols = self.cols.get();
        let mut row: Option<(u16, Vec<u16>)> = None;
        for &(x, y, cell) in diff {
            if x >= cols || y >= self.rows.get() {
                continue;
            }
            if row.as_ref().is_none_or(|r| r.0 != y) {
                row = Some((y, self.char_ends(y)));
            }
            let ends = &row.as_ref().unwrap().1;
            let end = (x + cell.cell_width().max(1)).min(cols);
            for p in end..ends[end as usize - 1] {
                out.push((p, y));
            }
        }
        out
    }

    /// The cells right after those of uncertain width.
    fn after_unsure<'c>(
        &self,
        cells: impl Iterator<Item = (u16, u16, &'c Cell)>,
    ) -> Vec<(u16, u16)> {
        let cols = self.cols.get();
        cells
            .filter(|c| !sure_width(c.2))
            .map(|(x, y, c)| (x.saturating_add(c.cell_width().max(1)), y))
            .filter(|&(x, y)| x < cols && y < self.rows.get() && self.shadow_valid)
            .collect()
    }

    /// Where the blank cells from (x, y) end on row y (`cols` at the edge).
    fn blank_until(&self, x: u16, y: u16) -> u16 {
        let cols = self.cols.get();
        let row = y as usize * cols as usize;
        (x..cols)
            .find(|&c| !is_erased(&self.shadow[row + c as usize]))
            .unwrap_or(cols)
    }

    /// Erase cells `i..` of `cells` (blank, starting a blank run in the new
    /// frame) with one `ESC[K` or `ESC[nX`, when that is shorter than
    /// writing them; returns how many cells it took care of.
    fn erase_run(&mut self, cells: &[(u16, u16, &Cell)], i: usize) -> usize {
        let (x, y, _) = cells[i];
        let cols = self.cols.get();
        let end = self.blank_until(x, y);
        let j = i + cells[i..]
            .iter()
            .take_while(|c| c.1 == y && c.0 < end)
            .count();
        let next = cells.get(j).map(|c| (c.0, c.1));
        // Writing the cells: a space each, and moves across the gaps
        // (unchanged cells) between them.
        let mut at = self.cursor;
        let mut write = 0;
        for &(cx, cy, _) in &cells[i..j] {
            write += self.move_len(at, (cx, cy)) + 1;
            at = Some((cx + 1, cy));
        }
        let seq = if end >= cols {
            b"\x1b[K".to_vec()
        } else {
            format!("\x1b[{}X", end - x).into_bytes()
        };
        // Erasing leaves the cursor at the start of the run.
        let mut erase = self.move_len(self.cursor, (x, y)) + seq.len();
        if let Some(n) = next {
            write += self.move_len(at, n);
            erase += self.move_len(Some((x, y)), n);
        }
        if erase >= write {
            return 0;
        }
        self.move_to(x, y);
        self.set_pen(Pen::DEFAULT);
        self.buf.extend_from_slice(&seq);
        j - i
    }
    /// Write the cells of `diff` (and those it implies) into the frame,
    /// and apply them to the shadow.
    fn paint(&mut self, diff: &[(u16, u16, &Cell)]) {
        let uncovered = self.uncovered(diff);
        for &(x, y, cell) in diff {
            self.shadow_set(x, y, cell);
        }
        // Cells the diff leaves out because they did not change, but the
        // terminal may have changed: the rest of a wide character that a
        // narrower one replaced (tmux and vt100 blank it with the new
        // character's attributes), and the cell after one of uncertain
        // width (a terminal that draws “ two cells wide covers it).
        let mut extra: Vec<(u16, u16, Cell)> = Vec::new();
        let mut todo = uncovered;
        todo.extend(self.after_unsure(diff.iter().map(|c| (c.0, c.1, c.2))));
        while let Some((x, y)) = todo.pop() {
            let new = diff.binary_search_by_key(&(y, x), |c| (c.1, c.0)).is_err()
                && !extra.iter().any(|e| (e.0, e.1) == (x, y))
                && self.starts_at(x, y);
            if new {
                let cell = self.shadow_at(x, y).clone();
                todo.extend(self.after_unsure(std::iter::once((x, y, &cell))));
                extra.push((x, y, cell));
            }
        }
        let mut cells = diff.to_vec();
        cells.extend(extra.iter().map(|(x, y, c)| (*x, *y, c)));
        cells.sort_by_key(|c| (c.1, c.0));
        cells.dedup_by_key(|c| (c.1, c.0));
        let mut i = 0;
        while i < cells.len() {
            let (x, y, cell) = cells[i];
            if self.shadow_valid && is_erased(cell) {
                let done = self.erase_run(&cells, i);
                if done > 0 {
                    i += done;
                    continue;
                }
            }
            self.move_to(x, y);
            self.set_pen(Pen::of(cell, self.no_color));
            self.buf.extend_from_slice(cell.symbol().as_bytes());
            if sure_width(cell) {
                self.cursor = Some((x + cell.cell_width(), y));
            } else {
                // Where it ends is uncertain, but not the row, unless a
                // terminal that drew each char two cells wide would wrap.
                let widest = 2 * cell.symbol().chars().count().max(1);
                self.forget_cursor();
                if (x as usize) + widest < self.cols.get() as usize {
                    self.row = Some(y);
                }
            }
            i += 1;
        }
    }
}

/// Set one cell of a screen `cols` wide as ratatui's buffer holds it: the
/// cells a wide one covers are blank. False if (x, y) is off the screen.
fn set_cell(cells: &mut [Cell], cols: u16, x: u16, y: u16, cell: &Cell) -> bool {
    let cols = cols as usize;
    let at = y as usize * cols + x as usize;
    if x as usize >= cols || at >= cells.len() {
        return false;
    }
    cells[at] = cell.clone();
    let w = cell.cell_width().max(1) as usize;
    for k in 1..w.min(cols - x as usize) {
        cells[at + k] = Cell::EMPTY;
    }
    true
}

/// A blank cell as the terminal's erase leaves it.
fn is_erased(cell: &Cell) -> bool {
    cell.symbol() == " "
        && cell.fg == Color::Reset
        && cell.bg == Color::Reset
        && cell.underline_color == Color::Reset
        && cell.modifier.is_empty()
        && cell.diff_option == CellDiffOption::None
}

impl<W: Write> Backend for ByteBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let diff: Vec<(u16, u16, &Cell)> = content.collect();
        if diff.is_empty() {
            return Ok(());
        }
        if self.shadow.len() != self.cols.get() as usize * self.rows.get() as usize {
            // Resized without a full clear: nothing to go on.
            self.blank_shadow();
            self.shadow_valid = false;
        }
        self.begin_frame();
        let found = if self.scroll != ScrollBy::Off && self.shadow_valid {
            self.find_scroll(&diff)
        } else {
            None
        };
        let Some((shift, new)) = found else {
            self.paint(&diff);
            return Ok(());
        };
        // Scroll and diff the rest against the moved rows, or draw the
        // diff as it is: whichever writes less.
        let before = self.snapshot();
        self.scroll_by(shift);
        let area = Rect::new(0, 0, self.cols.get(), self.rows.get());
        let moved = Buffer {
            area,
            content: self.shadow.clone(),
        };
        let next = Buffer { area, content: new };
        self.paint(&moved.diff(&next));
        let (scrolled, after) = self.restore(before);
        let start = self.buf.len();
        self.paint(&diff);
        if self.buf.len() - start > scrolled.len() {
            self.restore(after);
            self.buf.extend_from_slice(&scrolled);
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        if self.region.take().is_some() {
            self.buf.extend_from_slice(b"\x1b[r");
        }
        self.buf.extend(std::iter::repeat_n(b'\n', n as usize));
        self.forget_cursor();
        self.send_unless_framing()
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.buf.extend_from_slice(b"\x1b[?25l");
            self.cursor_visible = Some(false);
        }
        self.send_unless_framing()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.buf.extend_from_slice(b"\x1b[?25h");
            self.cursor_visible = Some(true);
        }
        self.send_unless_framing()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let cols = self.cols.get();
        Ok(self.cursor.map_or(Position::ORIGIN, |(x, y)| Position {
            x: x.min(cols.saturating_sub(1)),
            y,
        }))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        self.move_to(x, y);
        self.send_unless_framing()
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let seq: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        if clear_type == ClearType::All {
            // Something else may have written to the terminal since the
            // last frame: trust nothing. ratatui starts again from blank.
            // No scroll region either (it homes the cursor).
            self.buf.extend_from_slice(b"\x1b[r");
            self.region = None;
            self.pen = None;
            self.forget_cursor();
            self.cursor_visible = None;
            self.blank_shadow();
        } else {
            self.shadow_valid = false;
        }
        self.set_pen(Pen::DEFAULT);
        self.buf.extend_from_slice(seq);
        self.send_unless_framing()
    }

    fn size(&self) -> io::Result<Size> {
        if let Some(s) = self.fixed {
            return Ok(s);
        }
        let (width, height) = crossterm::terminal::size()?;
        self.cols.set(width);
        self.rows.set(height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        if let Some(s) = self.fixed {
            return Ok(WindowSize {
                columns_rows: s,
                pixels: Size::default(),
            });
        }
        let w = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.in_frame {
            self.set_pen(Pen::DEFAULT);
            self.buf.extend_from_slice(FRAME_END);
            self.in_frame = false;
            let bytes = self.buf.len();
            let timed = self.acks && bytes >= TIMED_FRAME;
            if self.acks {
                if timed {
                    self.buf.splice(0..0, ACK_QUERY.iter().copied());
                }
                self.buf.extend_from_slice(ACK_QUERY);
            }
            self.sent = Some(Sent { bytes, timed });
        }
        self.write_out()
    }
}
