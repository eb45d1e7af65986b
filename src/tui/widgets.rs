//! Widgets: the drawing pieces several screens share — writing runs of
//! text cell by cell with our one width function (`put_str`, `put_marked`),
//! rows and popups (`fill`, `popup`, `clear_edges`), the status line, and
//! keyword-in-context lines (`kwic` cuts one, `kwic_rows` draws a list of
//! them with their titles and sections, for the sentence finder;
//! `concordance` cuts one aligned on its keyword, for the occurrence list).
//!
//! What always holds: every write goes through `put_str`, so a wide
//! character is never cut in half (a char that would not fit is not
//! written), control characters never reach the terminal (they are drawn
//! as visible replacements), and in A=2 an ambiguous character's cell
//! carries a forced width of 2, so the backend skips the cell it covers.
//! Widgets only draw: they read their arguments and change nothing else.

use super::context::Context;
use crate::search::{closes_sentence, ends_sentence};
use crate::text::punct;
use crate::text::width::{char_width, str_width, truncate_to_width, AmbiWidth};
use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use std::num::NonZeroU16;

/// Write `s` at (x, y), at most `max` cells; returns the x after it.
/// Chars of width 0 join the previous cell; a char that would not fit whole
/// is not written.
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    s: &str,
    max: usize,
    style: Style,
    ambi: AmbiWidth,
) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return x;
    }
    let limit = (x as usize + max).min(area.right() as usize);
    let mut x = x as usize;
    let mut last: Option<usize> = None;
    for c in s.chars() {
        let c = crate::corpus::visible_control(c).unwrap_or(c);
        let w = if c == '\t' { 1 } else { char_width(c, ambi) };
        if w == 0 {
            if let Some(lx) = last {
                let cell = &mut buf[(lx as u16, y)];
                let mut sym = cell.symbol().to_string();
                sym.push(c);
                cell.set_symbol(&sym);
            }
            continue;
        }
        if x + w > limit {
            break;
        }
        if last.is_none() {
            uncover(buf, x as u16, y);
        }
        let cell = &mut buf[(x as u16, y)];
        if c == '\t' {
            cell.set_char(' ');
        } else {
            cell.set_char(c);
        }
        cell.set_style(style);
        cell.set_diff_option(CellDiffOption::None);
        // Tell the backend the true width when it differs from what
        // unicode-width's A=1 table says (ambiguous chars in A=2).
        let natural = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if natural != w {
            if let Some(nz) = NonZeroU16::new(w as u16) {
                cell.set_diff_option(CellDiffOption::ForcedWidth(nz));
            }
        }
        for k in 1..w {
            buf[((x + k) as u16, y)].reset();
        }
        last = Some(x);
        x += w;
    }
    x as u16
}

/// Write `s` flush against the right edge of `area` on row `y`, when it fits.
pub fn put_right(buf: &mut Buffer, area: Rect, y: u16, s: &str, style: Style, ambi: AmbiWidth) {
    let w = str_width(s, ambi);
    if w <= area.width as usize {
        put_str(buf, area.right() - w as u16, y, s, w, style, ambi);
    }
}

/// Before writing at (x, y): a wide character that starts left of x and
/// covers it is cut in half, as a terminal cuts it; blank it (keeping its
/// style). Without this the buffer would hold a wide character *and* the
/// cell it covers, which ratatui's diff and our backend cannot both show
/// (ratatui#2526).
pub fn uncover(buf: &mut Buffer, x: u16, y: u16) {
    let left = buf.area.left();
    for back in 1..=3u16 {
        if x < left + back {
            return;
        }
        let cell = &mut buf[(x - back, y)];
        if cell.cell_width() > back {
            cell.set_char(' ');
            cell.set_diff_option(CellDiffOption::None);
            return;
        }
    }
}

/// Before drawing a popup over `rect`: a wide char just left of it would
/// spill its right half into the popup; blank it.
pub fn clear_edges(buf: &mut Buffer, rect: Rect) {
    for y in rect.top()..rect.bottom() {
        uncover(buf, rect.left(), y);
    }
}

/// Fill a row with `style` from x to x+w.
pub fn fill(buf: &mut Buffer, area: Rect, y: u16, style: Style) {
    uncover(buf, area.left(), y);
    for x in area.left()..area.right() {
        let c = &mut buf[(x, y)];
        c.reset();
        c.set_style(style);
    }
}

/// A popup over `rect`: the edges cleared of wide chars from outside, every
/// row filled with `style`.
pub fn popup(buf: &mut Buffer, rect: Rect, style: Style) {
    clear_edges(buf, rect);
    for y in rect.top()..rect.bottom() {
        fill(buf, rect, y, style);
    }
}

/// The status line on the last row of `area`: `left`, cut to the room
/// `right` leaves, and `right` flush against the right edge.
pub fn status_line(
    buf: &mut Buffer,
    area: Rect,
    left: &str,
    right: &str,
    style: Style,
    ambi: AmbiWidth,
) {
    let y = area.bottom() - 1;
    fill(buf, area, y, style);
    let lw = (area.width as usize).saturating_sub(str_width(right, ambi));
    put_str(
        buf,
        area.left(),
        y,
        &truncate_to_width(left, lw, ambi),
        lw,
        style,
        ambi,
    );
    put_right(buf, area, y, right, style, ambi);
}

/// Write `text` at (x, y) up to column `right`, the chars `marked` says
/// in the second style, the others in the first, in runs; returns where
/// it ended.
pub fn put_marked(
    buf: &mut Buffer,
    (mut x, y): (u16, u16),
    right: u16,
    text: &str,
    marked: impl Fn(usize) -> bool,
    (plain, mark): (Style, Style),
    ambi: AmbiWidth,
) -> u16 {
    let cs: Vec<char> = text.chars().collect();
    let mut start = 0;
    while start < cs.len() {
        let on = marked(start);
        let mut end = start + 1;
        while end < cs.len() && marked(end) == on {
            end += 1;
        }
        let piece: String = cs[start..end].iter().collect();
        let room = right.saturating_sub(x) as usize;
        x = put_str(buf, x, y, &piece, room, if on { mark } else { plain }, ambi);
        start = end;
    }
    x
}

/// A sentence cut to `w` cells around the chars `at..at + len` of `text`:
/// (left context, the phrase, right context), each cut by display width.
pub fn kwic(
    text: &str,
    at: usize,
    len: usize,
    w: usize,
    ambi: AmbiWidth,
) -> (String, String, String) {
    let cs: Vec<char> = punct::restore(text, true).chars().collect();
    let at = at.min(cs.len());
    let end = (at + len).min(cs.len());
    let is_stop = |c: &char| ends_sentence(*c);
    // A sentence ends after its terminator and the closing marks after it.
    let closers = |from: usize| {
        cs[from..]
            .iter()
            .take_while(|c| closes_sentence(**c))
            .count()
    };
    let s_start = cs[..at]
        .iter()
        .rposition(is_stop)
        .map_or(0, |i| (i + 1 + closers(i + 1)).min(at));
    let s_end = cs[end..]
        .iter()
        .position(is_stop)
        .map_or(cs.len(), |i| end + i + 1 + closers(end + i + 1));
    let phrase: String = cs[at..end].iter().collect();
    let pw = str_width(&phrase, ambi);
    let room = w.saturating_sub(pw);
    let left_room = room / 2;
    // Left context: the end of it, as much as fits.
    let mut left = String::new();
    let mut lw = 0;
    for &c in cs[s_start..at].iter().rev() {
        let cw = char_width(c, ambi);
        if lw + cw + 1 > left_room {
            left.insert(0, '…');
            break;
        }
        left.insert(0, c);
        lw += cw;
    }
    let left = left.trim_start().to_string();
    let right_room = room.saturating_sub(str_width(&left, ambi));
    let right_src: String = cs[end..s_end].iter().collect();
    let right = truncate_to_width(&right_src, right_room, ambi);
    (left, phrase, right)
}

/// One keyword-in-context line: `len` chars at char `at` of a paragraph
/// are the focus, shown with as much of their sentence as fits around
/// them; `marks` (offsets from `at`) are the chars highlighted, all of
/// them when `None`.
pub struct KwicRow {
    pub doc: usize,
    pub paragraph: usize,
    pub at: usize,
    pub len: usize,
    pub marks: Option<Vec<usize>>,
}

/// Rows as keyword-in-context lines: title, section, and the sentence
/// around the focus with the marked chars highlighted.
pub fn kwic_rows(cx: &Context, buf: &mut Buffer, body: Rect, rows: &[KwicRow], selected: usize) {
    let st = &cx.styles;
    let ambi = cx.ambi();
    let w = body.width as usize;
    let h = body.height as usize;
    let offset = selected.saturating_sub(h.saturating_sub(1));
    let title_w = (w / 5).clamp(6, 20);
    let sect_w = (w / 5).clamp(6, 24);
    for (k, row) in rows.iter().enumerate().skip(offset).take(h) {
        let (d, p, at, len) = (row.doc, row.paragraph, row.at, row.len);
        let y = body.top() + (k - offset) as u16;
        let style = if k == selected { st.selection } else { st.text };
        fill(buf, body, y, style);
        let doc = &cx.corpus.docs[d];
        let outline = &cx.outlines[d];
        let section = outline
            .section_at(p)
            .map(|s| {
                let s = &outline.sections[s];
                cx.shown(d, &format!("{}{}", s.marker, s.title))
            })
            .unwrap_or_default();
        let t = truncate_to_width(&cx.shown(d, &doc.title), title_w, ambi);
        let mut x = put_str(
            buf,
            body.left() + 1,
            y,
            &t,
            title_w,
            style.patch(st.dim_meta),
            ambi,
        );
        x = x.max(body.left() + 1 + title_w as u16) + 1;
        let sct = truncate_to_width(&section, sect_w, ambi);
        let sx = put_str(buf, x, y, &sct, sect_w, style.patch(st.dim_meta), ambi);
        x = sx.max(x + sect_w as u16) + 1;
        let room = (body.right().saturating_sub(x)) as usize;
        // Only the stretch that can show is converted (a scraped paragraph
        // may be thousands of chars): `room` chars either side of the
        // phrase are more than its cells can hold.
        let para = doc.paragraphs.get(p).map_or("", |p| p.text.as_str());
        let from = at.saturating_sub(room);
        let window: String = para
            .chars()
            .skip(from)
            .take(at - from + len + room)
            .collect();
        let text = cx.shown(d, &window);
        let at = at - from;
        let (l, m, r) = kwic(&text, at, len, room, ambi);
        x = put_str(buf, x, y, &l, room, style, ambi);
        let marked = |i: usize| row.marks.as_ref().is_none_or(|ms| ms.contains(&i));
        let styles = (style, style.patch(st.slogan));
        x = put_marked(buf, (x, y), body.right(), &m, marked, styles, ambi);
        let room3 = (body.right().saturating_sub(x)) as usize;
        put_str(buf, x, y, &r, room3, style, ambi);
    }
}

/// Cells `c` takes when `put_str` writes it (a control char as its
/// visible replacement, a tab as one cell).
pub fn cell_width(c: char, ambi: AmbiWidth) -> usize {
    if c == '\t' {
        return 1;
    }
    char_width(crate::corpus::visible_control(c).unwrap_or(c), ambi)
}

/// A concordance line, aligned on its keyword: the chars before `at` of
/// `text`, right-aligned into exactly `left_w` cells (blanks in front
/// where they run out, or where a wide char would not fit whole); the
/// `len` chars at `at`; the chars after them cut to at most `right_w`
/// cells. Widths are display widths (`ambi` decides the ambiguous chars),
/// and no char is ever split.
pub fn concordance(
    text: &str,
    at: usize,
    len: usize,
    (left_w, right_w): (usize, usize),
    ambi: AmbiWidth,
) -> (String, String, String) {
    let cs: Vec<char> = text
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let at = at.min(cs.len());
    let end = (at + len).min(cs.len());
    let mut left: Vec<char> = Vec::new();
    let mut lw = 0;
    for &c in cs[..at].iter().rev() {
        let w = cell_width(c, ambi);
        if lw + w > left_w {
            break;
        }
        left.push(c);
        lw += w;
    }
    left.reverse();
    let mut l = " ".repeat(left_w - lw);
    l.extend(left);
    let mut r = String::new();
    let mut rw = 0;
    for &c in &cs[end..] {
        let w = cell_width(c, ambi);
        if rw + w > right_w {
            break;
        }
        r.push(c);
        rw += w;
    }
    (l, cs[at..end].iter().collect(), r)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A keyword-in-context line holds the phrase's sentence: from after the
    /// previous sentence's terminator and its closing quote, to its own.
    #[test]
    fn kwic_lines_hold_the_phrases_sentence() {
        let text = "他说：“要交出一份答卷。”我们要打赢脱贫攻坚战。”明年再来。";
        let at = text.chars().position(|c| c == '脱').unwrap();
        let (l, m, r) = kwic(text, at, 4, 60, AmbiWidth::One);
        assert_eq!(
            (l.as_str(), m.as_str(), r.as_str()),
            ("我们要打赢", "脱贫攻坚", "战。”")
        );
        // Cut to the width, the phrase stays whole and in view.
        let (l, m, r) = kwic(text, at, 4, 12, AmbiWidth::One);
        assert_eq!(m, "脱贫攻坚");
        assert!(l.starts_with('…') && r.ends_with('…'), "{l} {r}");
    }

    /// The left context ends exactly at the keyword column, whatever its
    /// chars' widths; a wide char that would not fit is left out whole.
    #[test]
    fn concordance_left_context_is_right_aligned_to_the_cell() {
        let text = "ab中文“好”改革开放是c";
        let at = text.chars().position(|c| c == '改').unwrap();
        for ambi in [AmbiWidth::One, AmbiWidth::Two] {
            for left_w in 0..14 {
                let (l, m, r) = concordance(text, at, 4, (left_w, 3), ambi);
                assert_eq!(str_width(&l, ambi), left_w, "{ambi:?} {left_w}: {l:?}");
                assert_eq!(m, "改革开放");
                assert!(str_width(&r, ambi) <= 3);
                let core = l.trim_start_matches(' ');
                let before: String = text.chars().take(at).collect();
                assert!(before.ends_with(core), "{l:?}");
            }
        }
        // Five cells: “好” is four in A=1 (文 would make six); in A=2 the
        // quotes are two each, so 好” takes four and “ no longer fits.
        let (l, _, _) = concordance(text, at, 4, (5, 0), AmbiWidth::One);
        assert_eq!(l, " “好”");
        let (l, _, _) = concordance(text, at, 4, (5, 0), AmbiWidth::Two);
        assert_eq!(l, " 好”");
    }
}
