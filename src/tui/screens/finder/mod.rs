//! The finders: the slogans of the corpus (`s`), ranked by score, count,
//! documents or first use (Tab), each with its counts, a sparkline of its
//! use over the years and its first and last year, the selected one's
//! evidence below; filtered as you type (either script, pinyin initials),
//! Enter listing a slogan's occurrences (`occurrences`), Ctrl-T charting
//! it; and fuzzy search over every sentence (`S`, Ctrl-F), Enter reading
//! the sentence where it is. A slogan finder opened to pick (`pick`: from
//! the trend chart) hands the slogan Enter chose back instead.
//!
//! What always holds: matching runs on the search worker — this screen only
//! asks (`refresh`) and looks at what has arrived (`poll`, from the
//! router's tick), so keys are handled at once; until the index is ready
//! the screen says so.

mod rows;

use super::occurrences::Occurrences;
use crate::config::{Action, Key, KeyName, View};
use crate::page::Found;
use crate::search::{Candidates, Searcher, Source};
use crate::slogans::Sort;
use crate::tui::component::{Component, Outcome, Screen};
use crate::tui::context::Context;
use crate::tui::reading::Place;
use crate::tui::widgets::{fill, kwic_rows, put_str, status_line, KwicRow};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::sync::Arc;

/// Which finder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinderKind {
    Slogans,
    Sentences,
}

/// A finder's state.
pub struct Finder {
    pub kind: FinderKind,
    pub query: String,
    pub selected: usize,
    /// Slogans only: the occurrences of this slogan are listed.
    pub occurrences: Option<Occurrences>,
    /// Where Esc goes back to.
    pub back: Screen,
    /// Slogans only: the order of the list (Tab cycles it).
    pub sort: Sort,
    /// Slogans only: Enter picks the slogan for the screen that opened
    /// this finder (`Outcome::Pick`) instead of listing its uses.
    pub pick: bool,
    /// The slogans in `sort` order, and each one's place in it.
    order: Vec<usize>,
    rank: Vec<u32>,
    searcher: Option<Searcher>,
}

/// The sort orders, in the order Tab goes through them.
const SORTS: [Sort; 4] = [Sort::Score, Sort::Count, Sort::Docs, Sort::First];

/// How the title names a sort order.
fn sort_name(s: Sort) -> &'static str {
    match s {
        Sort::Score => "按分数",
        Sort::Count => "按次数",
        Sort::Docs => "按篇数",
        Sort::First => "按首次使用",
    }
}

/// The rows under the title and query lines, above the status line.
fn body(area: Rect) -> Rect {
    Rect::new(
        area.left(),
        area.top() + 2,
        area.width,
        area.height.saturating_sub(3),
    )
}

impl Finder {
    /// A finder with an empty query; Esc goes back to `back`.
    pub fn new(cx: &Context, kind: FinderKind, back: Screen) -> Finder {
        let mut f = Finder {
            kind,
            query: String::new(),
            selected: 0,
            occurrences: None,
            back,
            sort: Sort::Score,
            pick: false,
            order: Vec::new(),
            rank: Vec::new(),
            searcher: None,
        };
        f.refresh(cx);
        f
    }

    /// A slogan finder whose Enter picks a slogan (for the trend chart).
    pub fn picker(cx: &Context, back: Screen) -> Finder {
        let mut f = Finder::new(cx, FinderKind::Slogans, back);
        f.pick = true;
        f
    }

    /// The next sort order (Tab), keeping the query.
    fn next_sort(&mut self, cx: &Context) {
        let at = SORTS.iter().position(|&s| s == self.sort).unwrap_or(0);
        self.sort = SORTS[(at + 1) % SORTS.len()];
        self.order.clear();
        self.sort_rows(cx);
        self.selected = 0;
    }

    /// Make the list order for `sort` once the index is there.
    fn sort_rows(&mut self, cx: &Context) {
        let Some(ix) = cx.indexes.as_ref() else {
            return;
        };
        if self.order.len() == ix.slogans.slogans.len() {
            return;
        }
        self.order = ix.slogans.order(self.sort);
        self.rank = vec![0; self.order.len()];
        for (r, &i) in self.order.iter().enumerate() {
            self.rank[i] = r as u32;
        }
    }

    /// (Re)start matching for the query (once the indexes are there).
    pub fn refresh(&mut self, cx: &Context) {
        let Some(ix) = cx.indexes.as_ref() else {
            return;
        };
        if self.kind == FinderKind::Slogans {
            self.sort_rows(cx);
        }
        let searcher = self.searcher.get_or_insert_with(|| {
            Searcher::new(match self.kind {
                FinderKind::Slogans => Arc::clone(&ix.slogan_cands),
                FinderKind::Sentences => Arc::clone(&ix.sentence_cands),
            })
        });
        searcher.set_query(self.query.trim());
        self.selected = 0;
    }

    /// Take what the search worker has sent. Returns whether to redraw.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        if let Some(s) = self.searcher.as_mut() {
            while s.poll().is_some() {
                changed = true;
            }
        }
        changed
    }

    /// Is the search worker still expected to send something?
    pub fn busy(&self) -> bool {
        self.searcher.is_some() && !self.query.trim().is_empty()
    }

    /// The rows shown: slogan indexes (slogans) or candidate indexes
    /// (sentences).
    pub fn rows(&self, cx: &Context) -> Vec<usize> {
        let Some(ix) = cx.indexes.as_ref() else {
            return Vec::new();
        };
        let sorted = self.order.len() == ix.slogans.slogans.len();
        if self.query.trim().is_empty() {
            return match self.kind {
                FinderKind::Slogans if sorted => self.order.clone(),
                FinderKind::Slogans => (0..ix.slogans.slogans.len()).collect(),
                FinderKind::Sentences => Vec::new(),
            };
        }
        let Some(s) = self.searcher.as_ref() else {
            return Vec::new();
        };
        let mut rows: Vec<usize> = s
            .best()
            .iter()
            .map(|h| match s.candidates().get(h.index as usize).source {
                Source::Slogan(i) => i as usize,
                Source::Text => h.index as usize,
            })
            .collect();
        // Matches ranked by the sort order, unless that is the score:
        // then the best match comes first.
        if self.kind == FinderKind::Slogans && self.sort != Sort::Score && sorted {
            rows.sort_by_key(|&i| self.rank[i]);
        }
        rows
    }

    /// Enter: a slogan's occurrences, or the sentence in the reader.
    fn enter(&mut self, cx: &mut Context) -> Outcome {
        let rows = self.rows(cx);
        let Some(ix) = cx.indexes.clone() else {
            return Outcome::Done(false);
        };
        let Some(&row) = rows.get(self.selected) else {
            return Outcome::Done(false);
        };
        match self.kind {
            FinderKind::Slogans if self.pick => Outcome::Pick(row),
            FinderKind::Slogans => {
                self.occurrences = Some(Occurrences::all(row));
                Outcome::Done(true)
            }
            FinderKind::Sentences => {
                let c = ix.sentence_cands.get(row);
                cx.trail = None;
                Outcome::ReadAt(Place {
                    doc: c.doc as usize,
                    at: Found {
                        paragraph: c.paragraph as usize,
                        offset: c.offset as usize,
                        len: c.chars as usize,
                    },
                    marks: vec![],
                    message: None,
                })
            }
        }
    }

    /// What `y` copies: the slogan cited where it is first used, with its
    /// counts; an occurrence's or a hit's sentence, cited.
    fn copy_text(&self, cx: &Context) -> Option<String> {
        let ix = cx.indexes.as_ref()?;
        if let Some(o) = &self.occurrences {
            return o.copy_text(cx);
        }
        let row = *self.rows(cx).get(self.selected)?;
        match self.kind {
            FinderKind::Slogans => {
                let s = &ix.slogans.slogans[row];
                let text = cx.in_display_script(&s.text);
                let cite = match s.occurrences.first() {
                    Some(o) => cx.citation(o.doc, o.paragraph),
                    None => "——".into(),
                };
                Some(format!(
                    "{text}\n{cite}（共 {} 次，{} 篇）",
                    s.count, s.docs
                ))
            }
            FinderKind::Sentences => {
                let c = ix.sentence_cands.get(row);
                let para = &cx.corpus.docs[c.doc as usize]
                    .paragraphs
                    .get(c.paragraph as usize)?
                    .text;
                let s: String = para
                    .chars()
                    .skip(c.offset as usize)
                    .take(c.chars as usize)
                    .collect();
                Some(cx.cited(c.doc as usize, c.paragraph as usize, s.trim()))
            }
        }
    }

    /// The query line and the ranked slogans, or the sentence hits.
    fn draw_rows(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        let (st, ambi) = (&cx.styles, cx.ambi());
        let Some(ix) = cx.indexes.as_ref() else {
            return;
        };
        let w = area.width as usize;
        let body = body(area);
        let q = format!(" > {}▏", self.query);
        put_str(buf, area.left(), area.top() + 1, &q, w, st.text, ambi);
        let rows = self.rows(cx);
        match self.kind {
            FinderKind::Slogans => {
                // One row less: the selected slogan's evidence goes above
                // the status line.
                let list = Rect::new(body.x, body.y, body.width, body.height.saturating_sub(1));
                rows::slogan_rows(cx, ix, buf, list, &rows, self.selected, &self.query);
                let y = list.bottom();
                if let Some(&i) = rows.get(self.selected) {
                    rows::evidence_line(cx, ix, buf, Rect::new(body.x, y, body.width, 1), i);
                }
                if rows.is_empty() && !self.query.trim().is_empty() {
                    put_str(
                        buf,
                        body.left() + 1,
                        body.top(),
                        "没有匹配 (no match)",
                        w,
                        st.dim,
                        ambi,
                    );
                }
            }
            FinderKind::Sentences => {
                // Only the rows that can show are matched for marks.
                let first = self
                    .selected
                    .saturating_sub((body.height as usize).saturating_sub(1));
                let cands = &ix.sentence_cands;
                let hits: Vec<KwicRow> = rows
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| {
                        let shown = k >= first && k < first + body.height as usize;
                        let marks = if shown {
                            cands.marks(i, &self.query)
                        } else {
                            Vec::new()
                        };
                        sentence_row(cx, cands, i, &marks, w)
                    })
                    .collect();
                kwic_rows(cx, buf, body, &hits, self.selected);
                if self.query.trim().is_empty() {
                    put_str(
                        buf,
                        body.left() + 1,
                        body.top(),
                        "输入要找的词句 (type to search every sentence)",
                        w,
                        st.dim,
                        ambi,
                    );
                }
            }
        }
    }
}

impl Component for Finder {
    fn view(&self) -> View {
        match (self.kind, &self.occurrences) {
            (FinderKind::Slogans, Some(_)) => View::Occurrences,
            (FinderKind::Slogans, None) => View::Slogans,
            (FinderKind::Sentences, _) => View::List,
        }
    }

    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        if let Some(o) = self.occurrences.as_mut() {
            return o.key(cx, key);
        }
        let rows = self.rows(cx).len();
        let old = self.selected;
        let last = rows.saturating_sub(1);
        let page = 10;
        let new = match (key.code, key.ctrl) {
            (KeyName::Down, _) | (KeyName::Char('n'), true) => (old + 1).min(last),
            (KeyName::Up, _) | (KeyName::Char('p'), true) => old.saturating_sub(1),
            (KeyName::PageDown, _) => (old + page).min(last),
            (KeyName::PageUp, _) => old.saturating_sub(page),
            (KeyName::Home, _) => 0,
            (KeyName::End, _) => last,
            (KeyName::Esc, _) | (KeyName::Char('o'), true) => return Outcome::Close,
            (KeyName::Enter, _) => return self.enter(cx),
            // Letters are the query here: Ctrl-Y copies.
            (KeyName::Char('y'), true) => return Outcome::Done(cx.copy(self.copy_text(cx))),
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                self.query.pop();
                self.refresh(cx);
                return Outcome::Done(true);
            }
            (KeyName::Char('u'), true) => {
                self.query.clear();
                self.refresh(cx);
                return Outcome::Done(true);
            }
            (KeyName::Char(c), false) => {
                self.query.push(c);
                self.refresh(cx);
                return Outcome::Done(true);
            }
            // The rest (Tab, Ctrl-T …) are the key table's.
            _ => return Outcome::Ignored,
        };
        self.selected = new;
        Outcome::Done(new != old)
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
        let slogans = self.kind == FinderKind::Slogans;
        match action {
            Action::Copy => Outcome::Done(cx.copy(self.copy_text(cx))),
            Action::Sort if slogans => {
                self.next_sort(cx);
                Outcome::Done(true)
            }
            Action::Trend if slogans => match self.rows(cx).get(self.selected) {
                Some(&i) => Outcome::Trend(i),
                None => Outcome::Done(false),
            },
            _ => Outcome::Ignored,
        }
    }

    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        if area.height < 3 {
            return;
        }
        let (st, ambi) = (&cx.styles, cx.ambi());
        let w = area.width as usize;
        let top = area.top();
        fill(buf, area, top, st.status);
        let title = match (self.kind, cx.indexes.as_ref()) {
            (_, None) => match cx.index_status() {
                Some(s) => format!(" 正在建立提法索引… ({s})"),
                None => " 正在建立提法索引… (building the index)".to_string(),
            },
            (FinderKind::Slogans, Some(ix)) => {
                let span = ix
                    .calendar
                    .span()
                    .map_or(String::new(), |(a, b)| format!(" · {a}–{b}"));
                let what = if self.pick {
                    "选一条加入趋势图"
                } else {
                    "提法"
                };
                format!(
                    " {what} · {} 条 · {}排序 (Tab){span}",
                    ix.slogans.slogans.len(),
                    sort_name(self.sort)
                )
            }
            (FinderKind::Sentences, Some(ix)) => {
                format!(" 全文搜索 · {} 句", ix.sentence_cands.len())
            }
        };
        put_str(buf, area.left(), top, &title, w, st.status, ambi);
        if cx.indexes.is_none() {
            put_str(
                buf,
                area.left() + 1,
                top + 2,
                "提法和句子的索引正在后台建立，稍候即可。",
                w,
                st.dim,
                ambi,
            );
        } else if let Some(o) = &self.occurrences {
            return o.draw(cx, buf, area);
        } else {
            self.draw_rows(cx, buf, area);
        }
        let hint = match self.kind {
            FinderKind::Slogans if self.pick => {
                " 输入筛选 · ↑↓ 移动 · Enter 加入趋势图 · Tab 排序 · Esc 返回"
            }
            FinderKind::Slogans => {
                " 输入筛选 (拼音首字母) · ↑↓ · Enter 用例 · Ctrl-T 趋势 · Tab 排序 · Esc 返回"
            }
            FinderKind::Sentences => {
                " 输入筛选 (拼音首字母, 繁简皆可) · ↑↓ 移动 · Enter 选择 · Esc 返回"
            }
        };
        status_line(buf, area, hint, "", st.status, ambi);
    }
}

/// A sentence hit as a line: the focus runs from the first matched char
/// over the next ones while they take at most two thirds of the line, so
/// the words looked for are in view however long the sentence is.
fn sentence_row(cx: &Context, cands: &Candidates, i: usize, marks: &[u32], w: usize) -> KwicRow {
    let c = cands.get(i);
    let (doc, paragraph) = (c.doc as usize, c.paragraph as usize);
    let Some(&a) = marks.first() else {
        return KwicRow {
            doc,
            paragraph,
            at: c.offset as usize,
            len: 0,
            marks: Some(Vec::new()),
        };
    };
    let text: Vec<char> = cands.text(i).chars().collect();
    let ambi = cx.ambi();
    let budget = w * 2 / 3;
    let mut end = a as usize + 1;
    for &b in marks {
        let b = b as usize + 1;
        let wide: usize = text[a as usize..b]
            .iter()
            .map(|&ch| crate::text::width::char_width(ch, ambi))
            .sum();
        if wide > budget {
            break;
        }
        end = b;
    }
    KwicRow {
        doc,
        paragraph,
        at: c.offset as usize + a as usize,
        len: end - a as usize,
        marks: Some(
            marks
                .iter()
                .map(|&m| (m - a) as usize)
                .take_while(|&m| m < end - a as usize)
                .collect(),
        ),
    }
}
