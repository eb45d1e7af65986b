//! A slogan's occurrences as a concordance: one line per use, the
//! document, then the keyword in one column — the left context
//! right-aligned against it, the right context after it, both cut by
//! display width — and the selected use's document, date and section
//! below. Enter reads one, and `n` / `N` in the reader go on along the
//! same list (the `Trail`), across documents; `t` charts the slogan.
//!
//! The list is all of a slogan's uses (from the slogan finder), or some of
//! them (`only`): one year's (from the trend chart), or those in two
//! documents (from a comparison).
//!
//! What always holds: it is owned by the screen that opened it, which
//! hands it keys and actions and draws it over itself; `Close` goes back
//! to that screen, which keeps its own state.

use crate::config::{Action, Key, View};
use crate::text::width::{str_width, truncate_to_width};
use crate::tui::component::{Component, Outcome};
use crate::tui::context::Context;
use crate::tui::indexes::Indexes;
use crate::tui::reading::Trail;
use crate::tui::widgets::{concordance, fill, put_marked, put_str, status_line};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::sync::Arc;

/// The occurrence list of one slogan.
#[derive(Clone, Debug)]
pub struct Occurrences {
    pub slogan: usize,
    /// The uses listed, as indexes into the slogan's occurrences, in
    /// order; `None`: all of them.
    pub only: Option<Arc<[u32]>>,
    /// What the list is limited to, for its heading (`2016 年`).
    pub limit: Option<String>,
    /// Documents tagged A and B in the list (a comparison's).
    pub tags: Option<[usize; 2]>,
    pub selected: usize,
}

impl Occurrences {
    /// Every use of `slogan`.
    pub fn all(slogan: usize) -> Occurrences {
        Occurrences {
            slogan,
            only: None,
            limit: None,
            tags: None,
            selected: 0,
        }
    }

    /// The uses of `slogan` that `keep` says, headed `limit`.
    pub fn filtered(
        ix: &Indexes,
        slogan: usize,
        limit: String,
        keep: impl Fn(&crate::slogans::Occurrence) -> bool,
    ) -> Occurrences {
        let only: Vec<u32> = ix.slogans.slogans[slogan]
            .occurrences
            .iter()
            .enumerate()
            .filter(|(_, o)| keep(o))
            .map(|(i, _)| i as u32)
            .collect();
        Occurrences {
            slogan,
            only: Some(only.into()),
            limit: Some(limit),
            tags: None,
            selected: 0,
        }
    }

    /// How many uses are listed.
    pub fn len(&self, ix: &Indexes) -> usize {
        match &self.only {
            Some(o) => o.len(),
            None => ix.slogans.slogans[self.slogan].occurrences.len(),
        }
    }

    pub fn is_empty(&self, ix: &Indexes) -> bool {
        self.len(ix) == 0
    }

    /// The `k`-th use listed.
    pub fn get(&self, ix: &Indexes, k: usize) -> Option<crate::slogans::Occurrence> {
        let i = match &self.only {
            Some(o) => *o.get(k)? as usize,
            None => k,
        };
        ix.slogans.slogans[self.slogan].occurrences.get(i).copied()
    }

    /// What `y` copies: the selected use's sentence, cited.
    pub fn copy_text(&self, cx: &Context) -> Option<String> {
        let ix = cx.indexes.as_ref()?;
        let occ = self.get(ix, self.selected)?;
        let para = &cx
            .corpus
            .docs
            .get(occ.doc)?
            .paragraphs
            .get(occ.paragraph)?
            .text;
        let sentence = crate::search::sentences(para)
            .into_iter()
            .rev()
            .find(|(start, _)| *start <= occ.offset)
            .map_or(para.as_str(), |(_, s)| s);
        Some(cx.cited(occ.doc, occ.paragraph, sentence.trim()))
    }

    /// Enter: read the selected use; `n` / `N` then walk this list.
    fn read(&self, cx: &mut Context) -> Outcome {
        let Some(ix) = cx.indexes.clone() else {
            return Outcome::Done(false);
        };
        if self.is_empty(&ix) {
            return Outcome::Done(false);
        }
        let trail = Trail {
            slogan: self.slogan,
            occurrence: self.selected,
            only: self.only.clone(),
        };
        let place = trail.place(&ix);
        cx.trail = Some(trail);
        Outcome::ReadAt(place)
    }

    /// The document column: `A `/`B ` in a comparison, then the title.
    fn doc_label(&self, cx: &Context, d: usize, w: usize) -> String {
        let tag = match self.tags {
            Some([a, _]) if a == d => "A ",
            Some([_, b]) if b == d => "B ",
            _ => "",
        };
        let title = cx.shown(d, &cx.corpus.docs[d].title);
        truncate_to_width(&format!("{tag}{title}"), w, cx.ambi())
    }
}

impl Component for Occurrences {
    fn view(&self) -> View {
        View::Occurrences
    }

    fn key(&mut self, _cx: &mut Context, _key: Key) -> Outcome {
        Outcome::Ignored
    }

    fn action(&mut self, cx: &mut Context, action: Action) -> Outcome {
        let rows = cx.indexes.as_ref().map_or(0, |ix| self.len(ix));
        let old = self.selected;
        let last = rows.saturating_sub(1);
        let page = cx.text_height().saturating_sub(5).max(1);
        let new = match action {
            Action::LineDown => (old + 1).min(last),
            Action::LineUp => old.saturating_sub(1),
            Action::PageDown | Action::HalfDown => (old + page).min(last),
            Action::PageUp | Action::HalfUp => old.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Back => return Outcome::Close,
            Action::Open => return self.read(cx),
            Action::Copy => return Outcome::Done(cx.copy(self.copy_text(cx))),
            Action::Trend => return Outcome::Trend(self.slogan),
            _ => return Outcome::Ignored,
        };
        self.selected = new;
        Outcome::Done(new != old)
    }

    /// The slogan's line under the title row, its uses below as a
    /// concordance, the selected one's source above the status line.
    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        let Some(ix) = cx.indexes.as_ref() else {
            return;
        };
        if area.height < 5 {
            return;
        }
        let (st, ambi) = (&cx.styles, cx.ambi());
        let w = area.width as usize;
        let s = &ix.slogans.slogans[self.slogan];
        let n = self.len(ix);
        let limit = match &self.limit {
            Some(l) => format!(" · {l}: {n} 处"),
            None => String::new(),
        };
        let head = format!(
            " {} · {} 次 · {} 篇{limit} · {}",
            s.text,
            s.count,
            s.docs,
            s.variants.join(" ")
        );
        let top = area.top();
        fill(buf, area, top + 1, st.text);
        put_str(
            buf,
            area.left(),
            top + 1,
            &truncate_to_width(&head, w, ambi),
            w,
            st.title,
            ambi,
        );
        // Rows: under the two head lines, above the detail and status lines.
        let body = Rect::new(
            area.left(),
            top + 2,
            area.width,
            area.height.saturating_sub(4),
        );
        let h = body.height as usize;
        let offset = self.selected.saturating_sub(h.saturating_sub(1));
        let doc_w = (w / 6).clamp(6, 16);
        let sect_w = if w >= 100 { (w / 6).min(24) } else { 0 };
        // The keyword column: as wide as the slogan.
        let kw = str_width(&cx.in_display_script(&s.text), ambi);
        let start = 1 + doc_w + 1 + if sect_w > 0 { sect_w + 1 } else { 0 };
        let room = w.saturating_sub(start + 1 + kw);
        let left_w = room * 9 / 20;
        let right_w = room - left_w;
        let len = s.text.chars().count();
        for k in offset..(offset + h).min(n) {
            let Some(o) = self.get(ix, k) else { break };
            // An occurrence out of step with the documents (only a bug
            // makes one: the index is checksummed) is left out, not a panic.
            if o.doc >= cx.corpus.docs.len() {
                continue;
            }
            let y = body.top() + (k - offset) as u16;
            let style = if k == self.selected {
                st.selection
            } else {
                st.text
            };
            fill(buf, body, y, style);
            let meta = style.patch(st.dim_meta);
            let x0 = body.left() + 1;
            let label = self.doc_label(cx, o.doc, doc_w);
            put_str(buf, x0, y, &label, doc_w, meta, ambi);
            if sect_w > 0 {
                let ol = &cx.outlines[o.doc];
                let sect = ol.section_at(o.paragraph).map_or(String::new(), |i| {
                    let sec = &ol.sections[i];
                    cx.shown(o.doc, &format!("{}{}", sec.marker, sec.title))
                });
                let sect = truncate_to_width(&sect, sect_w, ambi);
                put_str(buf, x0 + doc_w as u16 + 1, y, &sect, sect_w, meta, ambi);
            }
            // Only a window of the paragraph is shown (a scraped one may
            // be thousands of chars): as many chars either side as cells.
            let doc = &cx.corpus.docs[o.doc];
            let para = doc.paragraphs.get(o.paragraph).map_or("", |p| &p.text);
            // The paragraph's indent (　　) is not context.
            let lead = para.chars().take_while(|c| c.is_whitespace()).count();
            let from = o.offset.saturating_sub(left_w).max(lead.min(o.offset));
            let window: String = para
                .chars()
                .skip(from)
                .take(o.offset - from + len + right_w)
                .collect();
            let text = cx.shown(o.doc, &window);
            let (l, m, r) = concordance(&text, o.offset - from, len, (left_w, right_w), ambi);
            let x = body.left() + start as u16;
            put_str(buf, x, y, &l, left_w, style, ambi);
            let kx = x + left_w as u16;
            let styles = (style, style.patch(st.slogan));
            put_marked(buf, (kx, y), kx + kw as u16, &m, |_| true, styles, ambi);
            put_str(buf, kx + kw as u16, y, &r, right_w, style, ambi);
        }
        if n == 0 {
            put_str(
                buf,
                body.left() + 1,
                body.top(),
                "没有用例 (no uses here)",
                w,
                st.dim,
                ambi,
            );
        }
        // The selected use's source, in full.
        let y = area.bottom().saturating_sub(2);
        fill(buf, area, y, st.text);
        if let Some(o) = self
            .get(ix, self.selected)
            .filter(|o| o.doc < cx.corpus.docs.len())
        {
            let d = &cx.corpus.docs[o.doc];
            let ol = &cx.outlines[o.doc];
            let section = ol
                .section_at(o.paragraph)
                .map(|i| cx.shown(o.doc, &ol.breadcrumb(i)))
                .unwrap_or_default();
            let line = format!(
                " {}/{n} · {} · {} · {}",
                self.selected + 1,
                cx.shown(o.doc, &d.title),
                d.date.as_deref().unwrap_or("无日期"),
                section
            );
            let line = truncate_to_width(&line, w, ambi);
            put_str(buf, area.left(), y, &line, w, st.dim_meta, ambi);
        }
        status_line(
            buf,
            area,
            " Enter 打开 · j/k 移动 · t 趋势 · y 复制 · ? 按键 · Esc 返回",
            "",
            st.status,
            ambi,
        );
    }
}
