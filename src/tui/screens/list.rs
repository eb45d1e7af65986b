//! The document list: every document with its script, date, length,
//! sections and how far it was read; `/` filters by title (fuzzy, either
//! script, pinyin initials), Enter opens; `c` marks document A, then `c`
//! on another compares the two (`c` on A again unmarks it).
//!
//! What always holds: the selection stays on a row that exists and in
//! view; filtering ranks best first, ties to the shorter title, then corpus
//! order.

use super::texts_as_candidates;
use crate::config::{Action, Key, KeyName, View};
use crate::search::{self, Candidates};
use crate::text::width::{str_width, truncate_to_width};
use crate::tui::component::{Component, Outcome};
use crate::tui::context::Context;
use crate::tui::widgets::{fill, put_right, put_str, status_line};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The document list.
#[derive(Debug, Default)]
pub struct List {
    /// Rows shown, as document indexes, in order.
    pub rows: Vec<usize>,
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// The filter text, and whether it is being typed.
    pub filter: String,
    pub editing: bool,
    /// Document A of a comparison, once marked (`c`).
    pub mark: Option<usize>,
    /// Document titles as search candidates (built once, for `/`).
    titles: Candidates,
}

impl List {
    pub fn new(cx: &Context) -> List {
        List {
            rows: (0..cx.corpus.docs.len()).collect(),
            titles: texts_as_candidates(cx.corpus.docs.iter().map(|d| d.title.as_str())),
            ..List::default()
        }
    }

    /// Select document `d`'s row, if it is shown.
    pub fn select_doc(&mut self, d: usize) {
        if let Some(row) = self.rows.iter().position(|&r| r == d) {
            self.selected = row;
        }
    }

    /// Rank documents by a fuzzy match of the filter on their titles, in
    /// either script; ties go to the shorter title, then corpus order.
    fn refilter(&mut self) {
        let q = self.filter.trim();
        self.rows = if q.is_empty() {
            (0..self.titles.len()).collect()
        } else {
            // Best first; ties to the shorter title, then corpus order.
            search::search(&self.titles, q, self.titles.len())
                .into_iter()
                .map(|h| h.index as usize)
                .collect()
        };
        self.selected = 0;
        self.offset = 0;
    }

    /// Keys while the filter is typed.
    fn edit_filter(&mut self, cx: &mut Context, key: Key) -> Outcome {
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) => {
                self.editing = false;
                self.filter.clear();
                self.refilter();
            }
            (KeyName::Enter, _) => {
                self.editing = false;
                if self.rows.len() == 1 {
                    return Outcome::Read(self.rows[0]);
                }
            }
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                self.filter.pop();
                self.refilter();
            }
            (KeyName::Char('u'), true) => {
                self.filter.clear();
                self.refilter();
            }
            (KeyName::Down, _) | (KeyName::Char('n'), true) => {
                return self.action(cx, Action::LineDown);
            }
            (KeyName::Up, _) | (KeyName::Char('p'), true) => {
                return self.action(cx, Action::LineUp);
            }
            (KeyName::Char(c), false) => {
                self.filter.push(c);
                self.refilter();
            }
            _ => return Outcome::Done(false),
        }
        Outcome::Done(true)
    }
}

impl Component for List {
    fn view(&self) -> View {
        View::List
    }

    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        if self.editing {
            return self.edit_filter(cx, key);
        }
        Outcome::Ignored
    }

    fn action(&mut self, cx: &mut Context, a: Action) -> Outcome {
        let n = self.rows.len();
        let page = cx.text_height().saturating_sub(2).max(1);
        let sel = self.selected;
        let new = match a {
            Action::LineDown => (sel + 1).min(n.saturating_sub(1)),
            Action::LineUp => sel.saturating_sub(1),
            Action::PageDown | Action::HalfDown => (sel + page).min(n.saturating_sub(1)),
            Action::PageUp | Action::HalfUp => sel.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => n.saturating_sub(1),
            Action::Open => {
                return match self.rows.get(sel) {
                    Some(&d) => Outcome::Read(d),
                    None => Outcome::Done(false),
                };
            }
            Action::Filter => {
                self.editing = true;
                return Outcome::Done(true);
            }
            Action::Compare => {
                let Some(&d) = self.rows.get(sel) else {
                    return Outcome::Done(false);
                };
                return match self.mark {
                    Some(a) if a == d => {
                        self.mark = None;
                        cx.message = Some("A 已取消 (unmarked)".into());
                        Outcome::Done(true)
                    }
                    Some(a) => {
                        self.mark = None;
                        Outcome::Compare(a, d)
                    }
                    None => {
                        self.mark = Some(d);
                        Outcome::Done(true)
                    }
                };
            }
            Action::Back => {
                if self.filter.is_empty() {
                    return Outcome::Done(false);
                }
                self.filter.clear();
                self.refilter();
                return Outcome::Done(true);
            }
            _ => return Outcome::Ignored,
        };
        self.selected = new;
        Outcome::Done(new != sel)
    }

    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        if area.height == 0 {
            return;
        }
        let st = &cx.styles;
        let ambi = cx.ambi();
        let w = area.width as usize;
        let header = format!(" tifa · {} 篇文档", cx.corpus.docs.len());
        fill(buf, area, area.top(), st.status);
        put_str(buf, area.left(), area.top(), &header, w, st.status, ambi);
        let body_h = area.height.saturating_sub(2) as usize;
        let sel = self.selected;
        // Keep the selection in view.
        let offset = if sel < self.offset {
            sel
        } else if sel >= self.offset + body_h.max(1) {
            sel + 1 - body_h.max(1)
        } else {
            self.offset
        };
        for (row, &d) in self.rows.iter().enumerate().skip(offset).take(body_h) {
            let y = area.top() + 1 + (row - offset) as u16;
            let doc = &cx.corpus.docs[d];
            let style = if row == sel { st.selection } else { st.text };
            fill(buf, area, y, style);
            let sections = cx.outlines.sections(d);
            // Narrow screens keep the title and drop the date and length.
            // How far each document was read, once there is reading state.
            let read = match (cx.store.is_some(), cx.read_percent(d)) {
                (true, Some(p)) => format!("{p:>3}% "),
                (true, None) => "     ".into(),
                (false, _) => String::new(),
            };
            let meta = if w >= 64 {
                format!(
                    " {read}{} {:>10} {:>6}字 {:>3}节 ",
                    doc.script.badge(),
                    doc.date.as_deref().unwrap_or("—"),
                    doc.chars,
                    sections
                )
            } else {
                format!(" {} {:>3}节 ", doc.script.badge(), sections)
            };
            let tag = if self.mark == Some(d) { "A" } else { " " };
            let idx = format!("{:>3}{tag}", d + 1);
            let mw = str_width(&meta, ambi);
            let x = put_str(buf, area.left(), y, &idx, w, style, ambi);
            let title_w = w.saturating_sub(idx.len() + mw);
            let title = truncate_to_width(&cx.shown(d, &doc.title), title_w, ambi);
            put_str(buf, x, y, &title, title_w, style, ambi);
            put_right(buf, area, y, &meta, style.patch(st.dim_meta), ambi);
        }
        if self.rows.is_empty() {
            put_str(
                buf,
                area.left() + 1,
                area.top() + 1,
                "没有匹配的文档 (no match)",
                w,
                st.dim,
                ambi,
            );
        }
        let y = area.bottom() - 1;
        fill(buf, area, y, st.status);
        let line = if self.editing || !self.filter.is_empty() {
            format!(" /{}{}", self.filter, if self.editing { "▏" } else { "" })
        } else if let Some(m) = &cx.message {
            format!(" {m}")
        } else if let Some(a) = self.mark {
            let t = cx.shown(a, &cx.corpus.docs[a].title);
            format!(" A: {t} · 在另一篇上按 c 与之对比 (B) · 在 A 上按 c 取消")
        } else {
            // As many hints as fit, whole: no dangling separator.
            let hints = [
                "Enter 打开",
                "/ 筛选",
                "? 帮助",
                "q 退出",
                "s 提法",
                "c 对比",
            ];
            let mut line = String::new();
            for h in hints {
                let next = format!("{line} · {h}");
                let next = if line.is_empty() {
                    format!(" {h}")
                } else {
                    next
                };
                if str_width(&next, ambi) > w && !line.is_empty() {
                    break;
                }
                line = next;
            }
            line
        };
        let right = cx
            .index_status()
            .map(|s| format!(" {s} "))
            .unwrap_or_default();
        status_line(buf, area, &line, &right, st.status, ambi);
    }
}
