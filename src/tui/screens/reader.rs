//! The reader: one document laid out by our engine, paged like less
//! (`j` `k` space `b` `g` `G`), by sections (`]` `[` `}` `{`, `:` to a
//! number), with find (`/` `n` `N`), the jump history (Ctrl-O, Tab), the
//! display script (`t`) and the column width (`+` `-`); a sticky heading and
//! a status line naming the title, section and how far through it is.
//!
//! What always holds: the position is the `Context`'s reader (a paragraph
//! and char offset), so the overlays over the text act on the same place;
//! every move to a heading, a match, the top or the end is a jump, recorded
//! in the jump history.

use crate::config::{Action, Key, KeyName, View};
use crate::page::Kind;
use crate::text::width::{truncate_to_width, AmbiWidth};
use crate::tui::component::{Component, Outcome, Overlay, Screen};
use crate::tui::context::Context;
use crate::tui::find::Find;
use crate::tui::reading::Anchor;
use crate::tui::style::Styles;
use crate::tui::widgets::{put_str, status_line, uncover};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Text column limits for `+` / `-`.
pub const MIN_TEXT_WIDTH: usize = 20;
pub const MAX_TEXT_WIDTH: usize = 200;

/// The reader screen's own state (the document is the context's).
#[derive(Clone, Debug, Default)]
pub struct ReaderScreen {
    /// The `:` prompt's text, while it is open.
    pub prompt: Option<String>,
    /// Where Back goes (the finder the document was opened from).
    pub return_to: Option<Screen>,
}

impl ReaderScreen {
    /// Keys while the `:` prompt is open.
    fn prompt_key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        let Some(prompt) = self.prompt.as_mut() else {
            return Outcome::Done(false);
        };
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) => self.prompt = None,
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                if prompt.pop().is_none() {
                    self.prompt = None;
                }
            }
            (KeyName::Char('u'), true) => prompt.clear(),
            (KeyName::Enter, _) => {
                let typed = self.prompt.take().unwrap_or_default();
                let Some(r) = cx.reader.as_ref() else {
                    return Outcome::Done(true);
                };
                match cx.outlines[r.doc].find_typed(&typed) {
                    Some(s) => {
                        cx.jump_to_section(s);
                    }
                    None => cx.message = Some(format!("no section {}", typed.trim())),
                }
            }
            (KeyName::Char(c), false) => prompt.push(c),
            _ => return Outcome::Done(false),
        }
        Outcome::Done(true)
    }

    /// `]` `[` `}` `{`: the next or previous heading, or sibling.
    fn section_jump(cx: &mut Context, a: Action) -> bool {
        let Some(r) = cx.reader.as_ref() else {
            return false;
        };
        let outline = &cx.outlines[r.doc];
        let p = r.top.paragraph;
        let at_start = r.top.offset == Some(0);
        let target = match a {
            Action::NextHeading => outline.next_heading(p),
            Action::PrevHeading => outline.prev_heading(p, at_start),
            Action::NextSibling => outline.next_sibling(p),
            _ => outline.prev_sibling(p, at_start),
        };
        match target {
            Some(s) => cx.jump_to_section(s),
            None => {
                cx.message = Some(if outline.sections.is_empty() {
                    "this document has no numbered sections".into()
                } else if matches!(a, Action::NextHeading | Action::NextSibling) {
                    "no next section here".into()
                } else {
                    "no previous section here".into()
                });
                true
            }
        }
    }

    /// Ctrl-O / Tab: along the jump history; Ctrl-O past its start goes
    /// back to the finder the document was opened from.
    fn jump_history(&mut self, cx: &mut Context, a: Action) -> Outcome {
        let Some(r) = cx.reader.as_mut() else {
            return Outcome::Done(false);
        };
        let cur = r.top;
        let to = if a == Action::JumpBack {
            r.jumps.back(cur)
        } else {
            r.jumps.forward(cur)
        };
        match to {
            Some(to) => {
                // Exactly where it was, even past the last full page.
                r.top = to;
                Outcome::Done(true)
            }
            None if a == Action::JumpBack && self.return_to.is_some() => {
                // Nothing older in this document: back to the finder.
                Outcome::Show(self.return_to.take().unwrap_or(Screen::List))
            }
            None => {
                cx.message = Some(if a == Action::JumpBack {
                    "no older jump".into()
                } else {
                    "no newer jump".into()
                });
                Outcome::Done(true)
            }
        }
    }

    /// `+` / `-`: the preferred column width, by 4.
    fn width(cx: &mut Context, a: Action) -> bool {
        let w = cx.opts.layout.width;
        let new = if a == Action::Wider {
            (w + 4).min(MAX_TEXT_WIDTH)
        } else {
            w.saturating_sub(4).max(MIN_TEXT_WIDTH)
        };
        if new == w {
            return false;
        }
        let before = cx.column_width();
        cx.opts.layout.width = new;
        if cx.column_width() == before {
            // The screen is the limit: nothing to re-lay out.
            return true;
        }
        cx.relayout();
        true
    }

    /// Paging and scrolling; the top and the end are jumps.
    fn scroll(cx: &mut Context, a: Action) -> Outcome {
        let h = cx.text_height();
        let Some(r) = cx.reader.as_mut() else {
            return Outcome::Done(false);
        };
        let before = r.top;
        match a {
            Action::LineDown => r.scroll(1, h),
            Action::LineUp => r.scroll(-1, h),
            Action::PageDown => r.scroll(h.saturating_sub(1).max(1) as isize, h),
            Action::PageUp => r.scroll(-(h.saturating_sub(1).max(1) as isize), h),
            Action::HalfDown => r.scroll((h / 2).max(1) as isize, h),
            Action::HalfUp => r.scroll(-((h / 2).max(1) as isize), h),
            Action::Top => {
                r.top = Anchor {
                    paragraph: 0,
                    offset: Some(0),
                };
                if r.top != before {
                    r.jumps.record(before);
                }
            }
            Action::Bottom => {
                r.top = r.max_top(h);
                if r.top != before {
                    r.jumps.record(before);
                }
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Done(r.top != before)
    }
}

/// `/`: start typing a query.
fn find_start(cx: &mut Context) -> bool {
    let origin = cx.reader.as_ref().map(|r| r.top);
    cx.find = Some(Find::typing(origin));
    true
}

/// Keys while the query line is open: found as you type, Enter keeps the
/// query (and the jump from where typing began), Esc goes back there.
fn find_key(cx: &mut Context, key: Key) -> bool {
    let Some(f) = cx.find.as_mut() else {
        return false;
    };
    match (key.code, key.ctrl) {
        (KeyName::Esc, _) => {
            let origin = f.origin();
            cx.find = None;
            if let (Some(r), Some(o)) = (cx.reader.as_mut(), origin) {
                r.top = o;
            }
            return true;
        }
        (KeyName::Enter, _) => {
            f.editing = false;
            if f.matches.is_empty() {
                cx.message = Some(format!("not found: {}", f.query));
                cx.find = None;
            } else if let (Some(r), Some(o)) = (cx.reader.as_mut(), f.origin()) {
                // Typing moved the view; the jump is from where it began.
                if r.top != o {
                    r.jumps.record(o);
                }
            }
            return true;
        }
        (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
            if f.query.pop().is_none() {
                cx.find = None;
                return true;
            }
        }
        (KeyName::Char('u'), true) => f.query.clear(),
        (KeyName::Char(c), false) => f.query.push(c),
        _ => return false,
    }
    if let (Some(f), Some(r)) = (cx.find.as_mut(), cx.reader.as_mut()) {
        f.refind(r);
    }
    true
}

/// `n` (forward) / `N` (back): the next match, wrapping at the ends.
fn find_next(cx: &mut Context, forward: bool) -> bool {
    let (Some(f), Some(r)) = (cx.find.as_mut(), cx.reader.as_mut()) else {
        cx.message = Some("no search: / starts one".into());
        return true;
    };
    match f.step(r, forward) {
        None => false,
        Some(wrapped) => {
            if wrapped {
                cx.message = Some(if forward {
                    "search hit the end, continuing at the top".into()
                } else {
                    "search hit the top, continuing at the end".into()
                });
            }
            true
        }
    }
}

/// What `y` copies in the reader: the paragraph being read (the current
/// match's, else the one at the top of the screen), cited.
fn copy_text(cx: &Context) -> Option<String> {
    let r = cx.reader.as_ref()?;
    let p = match cx.find.as_ref().and_then(|f| Some(f.matches[f.current?])) {
        Some(m) => m.paragraph,
        None => match r.top.offset {
            Some(_) => r.top.paragraph,
            None => (r.top.paragraph + 1).min(r.page.len().saturating_sub(1)),
        },
    };
    let text = &cx.corpus.docs[r.doc].paragraphs.get(p)?.text;
    Some(cx.cited(r.doc, p, text.trim()))
}

/// The right of the reader's status line: percent │ script │ A. Overlays
/// that take over the status line (naming a bookmark) keep it.
pub fn status_right(cx: &Context) -> String {
    let Some(r) = cx.reader.as_ref() else {
        return String::new();
    };
    let pct = r.percent(cx.text_height());
    let script = match cx.display() {
        crate::text::script::Display::Original => cx.corpus.docs[r.doc].script.badge(),
        crate::text::script::Display::Hans => "简",
        crate::text::script::Display::Hant => "繁",
    };
    let building = cx
        .index_status()
        .map(|s| format!(" {s} │"))
        .unwrap_or_default();
    format!("{building} {pct:>3}% │ {script} │ A={} ", cx.ambi().cells())
}

impl Component for ReaderScreen {
    fn view(&self) -> View {
        View::Reader
    }

    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        if self.prompt.is_some() {
            return self.prompt_key(cx, key);
        }
        if cx.find.as_ref().is_some_and(|f| f.editing) {
            return Outcome::Done(find_key(cx, key));
        }
        Outcome::Ignored
    }

    fn action(&mut self, cx: &mut Context, a: Action) -> Outcome {
        let done = Outcome::Done;
        match a {
            Action::Back => match self.return_to.take() {
                Some(to) => Outcome::Show(to),
                None => {
                    cx.save_state();
                    Outcome::Show(Screen::List)
                }
            },
            Action::Outline => Outcome::Open(Overlay::Outline),
            Action::Search => done(find_start(cx)),
            Action::SearchNext | Action::SearchPrev if cx.trail.is_some() => {
                match cx.trail_next(a == Action::SearchNext) {
                    Some(place) => Outcome::ReadAt(place),
                    None => done(false),
                }
            }
            Action::SearchNext => done(find_next(cx, true)),
            Action::SearchPrev => done(find_next(cx, false)),
            Action::GotoSection => {
                self.prompt = Some(String::new());
                done(true)
            }
            Action::Mark => Outcome::Open(Overlay::Bookmarks),
            Action::AddBookmark => Outcome::Open(Overlay::Naming),
            Action::NextHeading
            | Action::PrevHeading
            | Action::NextSibling
            | Action::PrevSibling => done(Self::section_jump(cx, a)),
            Action::JumpBack | Action::JumpForward => self.jump_history(cx, a),
            Action::CycleScript => {
                cx.opts.display = cx.opts.display.next();
                cx.relayout();
                done(true)
            }
            Action::Wider | Action::Narrower => done(Self::width(cx, a)),
            Action::Copy => done(cx.copy(copy_text(cx))),
            _ => Self::scroll(cx, a),
        }
    }

    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        let Some(r) = cx.reader.as_ref() else {
            return;
        };
        if area.height == 0 {
            return;
        }
        let st = &cx.styles;
        let ambi = cx.ambi();
        let doc = &cx.corpus.docs[r.doc];
        let outline = &cx.outlines[r.doc];
        let cw = cx.column_width();
        // Right of the outline, when it is beside the text.
        let text_left = area.left() + cx.panel_width;
        let left = text_left + (cx.text_area_width().saturating_sub(cw as u16)) / 2;
        let h = cx.text_height();
        let (top_p, top_row) = r.top_row();
        let (mut p, mut row) = (top_p, top_row);
        for y in 0..h as u16 {
            if p >= r.page.len() {
                break;
            }
            let lines = r.page.lines(p);
            if let Some(l) = lines.get(row) {
                let kind = r.page.kinds[p];
                let (base, lead) = match kind {
                    Kind::Title => (st.title, None),
                    Kind::Heading(level) => (st.heading(level), None),
                    Kind::Numbered { level, lead } => (st.text, Some((lead, st.heading(level)))),
                    Kind::Body => (st.text, None),
                    Kind::Boiler => (st.boiler, None),
                };
                let marks = find_marks(cx, p);
                let line = TextLine {
                    text: &l.text,
                    line: l,
                    base,
                    lead,
                    marks: &marks,
                };
                let x = left + l.indent as u16;
                draw_text_line(
                    buf,
                    x,
                    area.top() + y,
                    &line,
                    cw - l.indent.min(cw),
                    st,
                    ambi,
                );
            }
            row += 1;
            if row > lines.len() {
                p += 1;
                row = 0;
            }
        }
        // Sticky heading: the current section's heading, when it has scrolled
        // off the top, stays pinned on the first row.
        if let Some(cur) = outline.section_at(top_p) {
            let hp = outline.sections[cur].paragraph;
            if hp < top_p || (hp == top_p && top_row > 0) {
                if let Some(first) = r.page.lines(hp).first() {
                    let y = area.top();
                    let style = st.heading(outline.sections[cur].level).patch(st.sticky);
                    uncover(buf, left, y);
                    for x in left..left + cw as u16 {
                        buf[(x, y)].reset();
                        buf[(x, y)].set_style(style);
                    }
                    let text = truncate_to_width(&first.text, cw, ambi);
                    put_str(buf, left, y, &text, cw, style, ambi);
                }
            }
        }
        // Status line: title │ section │ percent │ script │ A.
        let section = outline
            .section_at(r.top.paragraph)
            .map(|s| cx.shown(r.doc, &outline.breadcrumb(s)))
            .unwrap_or_default();
        let title = cx.shown(r.doc, &doc.title);
        let left_text = match (&cx.message, section.is_empty()) {
            _ if cx.find_status().is_some() && cx.message.is_none() => {
                format!(" {}", cx.find_status().unwrap_or_default())
            }
            _ if self.prompt.is_some() => {
                format!(
                    " 跳到章节 (2.1, 二（一）): {}▏",
                    self.prompt.as_deref().unwrap_or("")
                )
            }
            (Some(m), _) => format!(" {m}"),
            (None, true) => format!(" {title}"),
            (None, false) => {
                let t = truncate_to_width(&title, 24, ambi);
                format!(" {t} │ {section}")
            }
        };
        status_line(buf, area, &left_text, &status_right(cx), st.status, ambi);
    }
}

/// A laid-out line to draw, and how to style its parts.
struct TextLine<'a> {
    text: &'a str,
    /// The laid-out line, to map its chars back to paragraph offsets.
    line: &'a crate::text::layout::Line,
    base: Style,
    /// Chars of the paragraph before this offset take this style.
    lead: Option<(usize, Style)>,
    /// Found ranges in the paragraph (char offsets), and which is current.
    marks: &'a [(usize, usize, bool)],
}

/// The found ranges in paragraph `p`, for highlighting.
fn find_marks(cx: &Context, p: usize) -> Vec<(usize, usize, bool)> {
    let Some(f) = cx.find.as_ref() else {
        return Vec::new();
    };
    let first = f.matches.partition_point(|m| m.paragraph < p);
    f.matches[first..]
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.paragraph == p)
        .map(|(k, m)| (m.offset, m.offset + m.len, f.current == Some(first + k)))
        .collect()
}

/// One text line: the lead of a numbered paragraph styled as its heading,
/// redaction marks (`*`, `〔*〕`, `×`) picked out.
fn draw_text_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    line: &TextLine,
    max: usize,
    st: &Styles,
    ambi: AmbiWidth,
) {
    let mut x = x;
    let mut used = 0usize;
    let mut run = String::new();
    let mut run_style = line.base;
    for (i, c) in line.text.chars().enumerate() {
        let mut style = match line.lead {
            Some((lead, s)) if line.line.source_index(i) < lead => s,
            _ => line.base,
        };
        if matches!(c, '*' | '＊' | '×' | '〔' | '〕') && is_redaction(line.text, c) {
            style = style.patch(st.redaction);
        }
        if !line.marks.is_empty() {
            let at = line.line.source_index(i);
            if let Some(&(_, _, current)) = line.marks.iter().find(|(a, b, _)| *a <= at && at < *b)
            {
                style = style.patch(if current {
                    st.search_current
                } else {
                    st.search
                });
            }
        }
        if style != run_style && !run.is_empty() {
            let nx = put_str(buf, x, y, &run, max - used, run_style, ambi);
            used += (nx - x) as usize;
            x = nx;
            run.clear();
        }
        run_style = style;
        run.push(c);
    }
    if !run.is_empty() {
        put_str(buf, x, y, &run, max - used, run_style, ambi);
    }
}

/// `〔` `〕` only count as redaction when they wrap a `*`.
fn is_redaction(text: &str, c: char) -> bool {
    match c {
        '〔' | '〕' => text.contains("〔*〕") || text.contains("〔＊〕"),
        _ => true,
    }
}
