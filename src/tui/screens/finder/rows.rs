//! The slogan list's rows: score, count, documents, kind, the slogan
//! (matched chars marked), and on the right its sparkline over the
//! corpus's years and its first and last year; and the selected slogan's
//! evidence line (quoted share, first and last dated document, expansion).
//!
//! What always holds: the slogan text keeps at least `TEXT_MIN` cells;
//! narrower screens drop the other columns in a fixed order (kind, years,
//! score, sparkline), never cut one in half. The sparkline is
//! `years::sparkline` of the calendar's series of the slogan's own
//! occurrences, so it is what the trend chart shows, in small.

use crate::analysis::trend::year_of;
use crate::search;
use crate::slogans::Slogan;
use crate::text::width::{str_width, truncate_to_width, AmbiWidth};
use crate::tui::context::Context;
use crate::tui::indexes::Indexes;
use crate::tui::widgets::{fill, put_marked, put_right, put_str};
use crate::tui::years::{bar_width, bars_text, slots, sparkline};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The least room the slogan itself keeps.
const TEXT_MIN: usize = 16;

/// Which columns fit, for a list `w` cells wide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Columns {
    pub score: bool,
    pub kind: bool,
    /// Bars in the sparkline (0: none).
    pub bars: usize,
    pub years: bool,
}

impl Columns {
    /// Fit the columns in `w` cells, for a corpus whose year axis has
    /// `slots` slots (0: no dated documents).
    pub fn fit(w: usize, slots: usize, ambi: AmbiWidth) -> Columns {
        let bars = slots.min(w / 4);
        let mut c = Columns {
            score: true,
            kind: true,
            bars,
            years: bars > 0,
        };
        let drops: [fn(&mut Columns); 4] = [
            |c| c.kind = false,
            |c| c.years = false,
            |c| c.score = false,
            |c| c.bars = 0,
        ];
        for drop in drops {
            if c.width(ambi) + TEXT_MIN <= w {
                break;
            }
            drop(&mut c);
        }
        c
    }

    /// Cells the columns take, besides the slogan.
    fn width(&self, ambi: AmbiWidth) -> usize {
        let mut n = 1 + 7 + 1 + 5 + 1; // margin, "   59次", " ", "  7篇", " "
        if self.score {
            n += 6;
        }
        if self.kind {
            n += 8;
        }
        if self.bars > 0 {
            n += 1 + self.bars * bar_width(ambi);
        }
        if self.years {
            n += 1 + str_width("2016–2026", ambi) + 1;
        }
        n
    }
}

/// The sparkline of slogan `s` in `bars` bars.
pub fn spark(ix: &Indexes, s: &Slogan, bars: usize, ambi: AmbiWidth) -> String {
    bars_text(&sparkline(&ix.calendar.by_year(&s.occurrences), bars), ambi)
}

/// `2016–2026`, `2016` (one year), or blanks (no dated use).
fn years_text(s: &Slogan, ambi: AmbiWidth) -> String {
    let y = |d: &Option<crate::slogans::Dated>| d.as_ref().and_then(|d| year_of(&d.date));
    let t = match (y(&s.first), y(&s.last)) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => format!("{a}"),
        _ => String::new(),
    };
    let pad = str_width("2016–2026", ambi).saturating_sub(str_width(&t, ambi));
    format!("{t}{}", " ".repeat(pad))
}

/// The slogans `rows` in `body`, the `selected` one highlighted, the
/// chars the query matched marked.
pub fn slogan_rows(
    cx: &Context,
    ix: &Indexes,
    buf: &mut Buffer,
    body: Rect,
    rows: &[usize],
    selected: usize,
    query: &str,
) {
    let (st, ambi) = (&cx.styles, cx.ambi());
    let w = body.width as usize;
    let n_slots = slots(&ix.calendar.by_year(&[])).len();
    let cols = Columns::fit(w, n_slots, ambi);
    let h = body.height as usize;
    let offset = selected.saturating_sub(h.saturating_sub(1));
    for (k, &i) in rows.iter().enumerate().skip(offset).take(h) {
        let y = body.top() + (k - offset) as u16;
        let s = &ix.slogans.slogans[i];
        let style = if k == selected { st.selection } else { st.text };
        fill(buf, body, y, style);
        let mut meta = String::from(" ");
        if cols.score {
            meta += &format!("{:>5.1} ", s.score);
        }
        meta += &format!("{:>5}次 {:>3}篇 ", s.count, s.docs);
        if cols.kind {
            meta += &format!("{:<7} ", s.kind.as_str());
        }
        let dim = style.patch(st.dim_meta);
        let x = put_str(buf, body.left(), y, &meta, w, dim, ambi);
        let mut right = String::new();
        if cols.bars > 0 {
            right += &spark(ix, s, cols.bars, ambi);
            right.push(' ');
        }
        if cols.years {
            right += &years_text(s, ambi);
            right.push(' ');
        }
        let text_end = body
            .right()
            .saturating_sub(str_width(&right, ambi) as u16 + 1);
        let marks = search::marks(query, &s.text, &search::initials(&s.text), false);
        let marked = |i: usize| marks.contains(&(i as u32));
        let styles = (style, style.patch(st.slogan));
        let text = truncate_to_width(&s.text, text_end.saturating_sub(x) as usize, ambi);
        put_marked(buf, (x, y), text_end, &text, marked, styles, ambi);
        put_right(buf, body, y, &right, style, ambi);
    }
}

/// The evidence of slogan `i` on one row: how often it is quoted, its
/// first and last dated document, its expansion, its score.
pub fn evidence_line(cx: &Context, ix: &Indexes, buf: &mut Buffer, row: Rect, i: usize) {
    let (st, ambi) = (&cx.styles, cx.ambi());
    let s = &ix.slogans.slogans[i];
    let pct = (s.quoted * 100).checked_div(s.count).unwrap_or(0);
    let mut parts = vec![format!("引号 {}/{} ({pct}%)", s.quoted, s.count)];
    for (tag, d) in [("首", &s.first), ("末", &s.last)] {
        if let Some(d) = d {
            let title = cx.shown(d.doc, &cx.corpus.docs[d.doc].title);
            parts.push(format!(
                "{tag} {} {}",
                d.date,
                truncate_to_width(&title, 24, ambi)
            ));
        }
    }
    if s.first.is_none() {
        parts.push("无有日期的用例".into());
    }
    if !s.expansion.is_empty() {
        parts.push(format!("即 {}", s.expansion.join("、")));
    }
    parts.push(format!("分数 {:.1}", s.score));
    let line = format!(" {}", parts.join(" · "));
    fill(buf, row, row.top(), st.text);
    let w = row.width as usize;
    put_str(
        buf,
        row.left(),
        row.top(),
        &truncate_to_width(&line, w, ambi),
        w,
        st.dim_meta,
        ambi,
    );
}
