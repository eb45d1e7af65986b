//! Two documents compared (`c` on A, then on B, in the document list):
//! the slogans new in B, dropped since A and kept (counts before → after),
//! each sorted by the size of the change, in three columns (one at a time
//! on narrow screens, ←/→ between them); Tab shows the two outlines side
//! by side instead, matching headings paired. Enter on a slogan lists its
//! uses in A and B (the occurrence list, limited to the two), `t` charts
//! it.
//!
//! The comparison is `analysis::compare` over the index's per-document
//! slogan counts and the two outlines, made once when the index is there
//! (a merge of two documents' lists: well under a millisecond).
//!
//! What always holds: each column's selection stays on a row that exists;
//! until the index arrives the screen says it is being built.

use super::occurrences::Occurrences;
use crate::analysis::sections::By;
use crate::analysis::{compare, Change, Comparison};
use crate::config::{Action, Key, View};
use crate::text::width::{str_width, truncate_to_width};
use crate::tui::component::{Component, Outcome, Screen};
use crate::tui::context::Context;
use crate::tui::widgets::{fill, put_str, status_line};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// What the screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Slogans,
    Outlines,
}

/// The comparison screen.
pub struct CompareScreen {
    pub a: usize,
    pub b: usize,
    /// Made once the index is there.
    pub cmp: Option<Comparison>,
    pub pane: Pane,
    /// The column in focus: 0 new, 1 dropped, 2 kept.
    pub column: usize,
    /// The selected row of each column.
    pub selected: [usize; 3],
    /// The selected pair of headings.
    pub pair: usize,
    pub back: Screen,
    /// A slogan's uses in A and B, when listed.
    pub occurrences: Option<Occurrences>,
}

const COLUMNS: [&str; 3] = ["新增 (B)", "删去 (A)", "保留 A→B"];

impl CompareScreen {
    pub fn new(cx: &Context, a: usize, b: usize, back: Screen) -> CompareScreen {
        let mut c = CompareScreen {
            a,
            b,
            cmp: None,
            pane: Pane::Slogans,
            column: 0,
            selected: [0; 3],
            pair: 0,
            back,
            occurrences: None,
        };
        c.refresh(cx);
        c
    }

    /// Compare, once the index is there.
    pub fn refresh(&mut self, cx: &Context) {
        if self.cmp.is_some() {
            return;
        }
        if let Some((ix, counts)) = cx
            .indexes
            .as_ref()
            .and_then(|ix| Some((ix, ix.doc_slogans()?)))
        {
            let (oa, ob) = (&cx.outlines[self.a], &cx.outlines[self.b]);
            self.cmp = Some(compare(&ix.slogans, counts, self.a, self.b, oa, ob));
        }
    }

    /// Not compared yet: the indexes, or their per-document slogans, are
    /// still being made.
    pub fn waiting(&self) -> bool {
        self.cmp.is_none()
    }

    /// The changes of column `k`.
    pub fn column(&self, k: usize) -> &[Change] {
        match (&self.cmp, k) {
            (Some(c), 0) => &c.new,
            (Some(c), 1) => &c.dropped,
            (Some(c), _) => &c.kept,
            (None, _) => &[],
        }
    }

    /// The selected change, if any.
    pub fn change(&self) -> Option<&Change> {
        self.column(self.column).get(self.selected[self.column])
    }

    /// Move the selection (the focused column's, or the heading pair).
    fn select(&mut self, f: impl Fn(usize, usize) -> usize) -> bool {
        let (len, at) = match self.pane {
            Pane::Slogans => (self.column(self.column).len(), self.selected[self.column]),
            Pane::Outlines => (self.cmp.as_ref().map_or(0, |c| c.sections.len()), self.pair),
        };
        let new = f(at, len.saturating_sub(1)).min(len.saturating_sub(1));
        match self.pane {
            Pane::Slogans => self.selected[self.column] = new,
            Pane::Outlines => self.pair = new,
        }
        new != at
    }

    /// Enter: the selected slogan's uses in A and B.
    fn list_uses(&mut self, cx: &mut Context) -> Outcome {
        let (Some(ix), Some(ch)) = (cx.indexes.clone(), self.change()) else {
            return Outcome::Done(false);
        };
        let (a, b) = (self.a, self.b);
        let mut o = Occurrences::filtered(&ix, ch.slogan, "A 与 B".into(), |o| {
            o.doc == a || o.doc == b
        });
        o.tags = Some([a, b]);
        self.occurrences = Some(o);
        Outcome::Done(true)
    }

    /// One column of changes in `rect`.
    fn draw_column(&self, cx: &Context, buf: &mut Buffer, rect: Rect, k: usize) {
        let (st, ambi) = (&cx.styles, cx.ambi());
        let w = rect.width as usize;
        let list = self.column(k);
        let head = format!(" {} {}", COLUMNS[k], list.len());
        let focused = k == self.column;
        let hs = if focused { st.title } else { st.dim_meta };
        put_str(buf, rect.left(), rect.top(), &head, w, hs, ambi);
        let h = rect.height.saturating_sub(1) as usize;
        let sel = self.selected[k];
        let offset = sel.saturating_sub(h.saturating_sub(1));
        for (i, c) in list.iter().enumerate().skip(offset).take(h) {
            let y = rect.top() + 1 + (i - offset) as u16;
            let counts = match k {
                0 => format!("{:>4} ", c.count_b),
                1 => format!("{:>4} ", c.count_a),
                _ => format!(
                    "{:>3}→{:<3}{:>+4} ",
                    c.count_a,
                    c.count_b,
                    c.count_b as i64 - c.count_a as i64
                ),
            };
            let style = if focused && i == sel {
                st.selection
            } else {
                st.text
            };
            let row = Rect::new(rect.left(), y, rect.width.saturating_sub(1), 1);
            fill(buf, row, y, style);
            let x = put_str(
                buf,
                rect.left(),
                y,
                &counts,
                w,
                style.patch(st.dim_meta),
                ambi,
            );
            let room = rect.right().saturating_sub(x + 1) as usize;
            let text = truncate_to_width(&cx.in_display_script(&c.text), room, ambi);
            put_str(buf, x, y, &text, room, style, ambi);
        }
    }

    /// The slogans pane: three columns, or the focused one when narrow.
    fn draw_slogans(&self, cx: &Context, buf: &mut Buffer, body: Rect) {
        if body.width >= 72 {
            let cw = body.width / 3;
            for k in 0..3 {
                let x = body.left() + k as u16 * cw;
                let w = if k == 2 { body.right() - x } else { cw };
                self.draw_column(cx, buf, Rect::new(x, body.top(), w, body.height), k);
            }
        } else {
            self.draw_column(cx, buf, body, self.column);
        }
    }

    /// The outlines pane: A's headings left, B's right, paired ones on
    /// one row with their similarity (`items`: paired by sub-headings).
    fn draw_outlines(&self, cx: &Context, buf: &mut Buffer, body: Rect) {
        let (st, ambi) = (&cx.styles, cx.ambi());
        let Some(cmp) = &self.cmp else { return };
        let w = body.width as usize;
        let sim_w = 6;
        let col = w.saturating_sub(2 + 3 + sim_w) / 2;
        let h = body.height as usize;
        let offset = self.pair.saturating_sub(h.saturating_sub(1));
        let cell = |d: usize, i: Option<usize>| -> String {
            let Some(i) = i else { return String::new() };
            let s = &cx.outlines[d].sections[i];
            let t = format!("{}{}{}", "  ".repeat(s.level - 1), s.marker, s.title);
            truncate_to_width(&cx.shown(d, &t), col, ambi)
        };
        for (i, p) in cmp.sections.iter().enumerate().skip(offset).take(h) {
            let y = body.top() + (i - offset) as u16;
            let style = if i == self.pair {
                st.selection
            } else {
                st.text
            };
            fill(buf, body, y, style);
            let (l, r) = (cell(self.a, p.a), cell(self.b, p.b));
            let x = body.left() + 1;
            put_str(buf, x, y, &l, col, style, ambi);
            let mid = x + col as u16;
            put_str(buf, mid, y, " │ ", 3, style.patch(st.dim_meta), ambi);
            put_str(buf, mid + 3, y, &r, col, style, ambi);
            let sim = match p.by {
                Some(By::Title) => format!("{:.2}", p.similarity),
                Some(By::Children) => "items".into(),
                None => String::new(),
            };
            let sx = mid + 3 + col as u16 + 1;
            put_str(buf, sx, y, &sim, sim_w, style.patch(st.dim_meta), ambi);
        }
        if cmp.sections.is_empty() {
            put_str(
                buf,
                body.left() + 1,
                body.top(),
                "两篇都没有编号的标题",
                w,
                st.dim,
                ambi,
            );
        }
    }
}

impl Component for CompareScreen {
    fn view(&self) -> View {
        match self.occurrences {
            Some(_) => View::Occurrences,
            None => View::Compare,
        }
    }

    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        match self.occurrences.as_mut() {
            Some(o) => o.key(cx, key),
            None => Outcome::Ignored,
        }
    }

    fn action(&mut self, cx: &mut Context, action: Action) -> Outcome {
        if let Some(o) = self.occurrences.as_mut() {
            return match o.action(cx, action) {
                Outcome::Close => {
                    self.occurrences = None;
                    Outcome::Done(true)
                }
                out => out,
            };
        }
        let page = cx.text_height().saturating_sub(6).max(1);
        let done = Outcome::Done;
        match action {
            Action::LineDown => done(self.select(|at, _| at + 1)),
            Action::LineUp => done(self.select(|at, _| at.saturating_sub(1))),
            Action::PageDown | Action::HalfDown => done(self.select(|at, _| at + page)),
            Action::PageUp | Action::HalfUp => done(self.select(|at, _| at.saturating_sub(page))),
            Action::Top => done(self.select(|_, _| 0)),
            Action::Bottom => done(self.select(|_, last| last)),
            Action::PrevColumn if self.pane == Pane::Slogans => {
                let old = self.column;
                self.column = self.column.saturating_sub(1);
                done(old != self.column)
            }
            Action::NextColumn if self.pane == Pane::Slogans => {
                let old = self.column;
                self.column = (self.column + 1).min(2);
                done(old != self.column)
            }
            Action::SwitchPane => {
                self.pane = match self.pane {
                    Pane::Slogans => Pane::Outlines,
                    Pane::Outlines => Pane::Slogans,
                };
                done(true)
            }
            Action::Open if self.pane == Pane::Slogans => self.list_uses(cx),
            Action::Trend if self.pane == Pane::Slogans => match self.change() {
                Some(c) => Outcome::Trend(c.slogan),
                None => done(false),
            },
            Action::Back => Outcome::Close,
            _ => Outcome::Ignored,
        }
    }

    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        if area.height < 6 {
            return;
        }
        let (st, ambi) = (&cx.styles, cx.ambi());
        let w = area.width as usize;
        let top = area.top();
        fill(buf, area, top, st.status);
        let doc = |d: usize| {
            let doc = &cx.corpus.docs[d];
            format!(
                "{} {}",
                cx.shown(d, &doc.title),
                doc.date.as_deref().unwrap_or("无日期")
            )
        };
        let title = format!(" 对比 · A {} → B {}", doc(self.a), doc(self.b));
        put_str(
            buf,
            area.left(),
            top,
            &truncate_to_width(&title, w, ambi),
            w,
            st.status,
            ambi,
        );
        if let Some(o) = &self.occurrences {
            return o.draw(cx, buf, area);
        }
        status_line(
            buf,
            area,
            " j/k 移动 · ←→ 栏 · Enter A/B 中的用例 · t 趋势 · Tab 提纲 · Esc 返回",
            "",
            st.status,
            ambi,
        );
        let Some(cmp) = &self.cmp else {
            put_str(
                buf,
                area.left() + 1,
                top + 2,
                "提法索引正在后台建立，稍候即可。",
                w,
                st.dim,
                ambi,
            );
            return;
        };
        // The tabs.
        fill(buf, area, top + 1, st.text);
        let tabs = [("提法", Pane::Slogans), ("提纲", Pane::Outlines)];
        let mut x = area.left() + 1;
        for (name, pane) in tabs {
            let s = if pane == self.pane {
                st.selection
            } else {
                st.dim_meta
            };
            x = put_str(buf, x, top + 1, &format!(" {name} "), w, s, ambi) + 1;
        }
        let sums = format!(
            " 新增 {} · 删去 {} · 保留 {} · 提纲 {} 对 (Tab)",
            cmp.new.len(),
            cmp.dropped.len(),
            cmp.kept.len(),
            cmp.sections
                .iter()
                .filter(|p| p.a.is_some() && p.b.is_some())
                .count()
        );
        let room = area.right().saturating_sub(x) as usize;
        put_str(
            buf,
            x,
            top + 1,
            &truncate_to_width(&sums, room, ambi),
            room,
            st.dim_meta,
            ambi,
        );
        let body = Rect::new(
            area.left(),
            top + 2,
            area.width,
            area.height.saturating_sub(4),
        );
        match self.pane {
            Pane::Slogans => self.draw_slogans(cx, buf, body),
            Pane::Outlines => self.draw_outlines(cx, buf, body),
        }
        // The selected slogan, its counts in full.
        let y = area.bottom() - 2;
        fill(buf, area, y, st.text);
        let line = match (self.pane, self.change()) {
            (Pane::Slogans, Some(c)) => format!(
                " {} · A {} 次 → B {} 次 ({:+}) · Enter 看 A、B 中的用例",
                cx.in_display_script(&c.text),
                c.count_a,
                c.count_b,
                c.count_b as i64 - c.count_a as i64
            ),
            (Pane::Outlines, _) => {
                " 左 A · 右 B · 同一行的标题已配对 (相似度; items: 按下级标题配对)".into()
            }
            _ => String::new(),
        };
        let lw = str_width(&line, ambi).min(w);
        put_str(
            buf,
            area.left(),
            y,
            &truncate_to_width(&line, lw, ambi),
            w,
            st.dim_meta,
            ambi,
        );
    }
}
