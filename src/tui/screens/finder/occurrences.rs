//! One slogan's occurrences, as keyword-in-context lines (title, section,
//! the sentence around the phrase): Enter reads one, and `n` / `N` in the
//! reader go on along them (the `Trail`), across documents.
//!
//! What always holds: opened from the slogan finder, over which it is
//! drawn; Esc hands the keys back to the finder, which keeps its query.

use crate::config::{Key, KeyName, View};
use crate::text::width::truncate_to_width;
use crate::tui::component::{Component, Outcome};
use crate::tui::context::Context;
use crate::tui::reading::Trail;
use crate::tui::widgets::{kwic_rows, put_str, status_line, KwicRow};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The occurrence list of one slogan.
#[derive(Clone, Copy, Debug)]
pub struct Occurrences {
    pub slogan: usize,
    pub selected: usize,
}

impl Occurrences {
    /// What `y` copies: the selected use's sentence, cited.
    pub fn copy_text(&self, cx: &Context) -> Option<String> {
        let ix = cx.indexes.as_ref()?;
        let occ = ix.slogans.slogans[self.slogan]
            .occurrences
            .get(self.selected)?;
        let para = &cx.corpus.docs[occ.doc].paragraphs.get(occ.paragraph)?.text;
        let sentence = crate::search::sentences(para)
            .into_iter()
            .rev()
            .find(|(start, _)| *start <= occ.offset)
            .map_or(para.as_str(), |(_, s)| s);
        Some(cx.cited(occ.doc, occ.paragraph, sentence.trim()))
    }
}

impl Component for Occurrences {
    fn view(&self) -> View {
        View::List
    }

    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        let rows = cx
            .indexes
            .as_ref()
            .map_or(0, |ix| ix.slogans.slogans[self.slogan].occurrences.len());
        let old = self.selected;
        let last = rows.saturating_sub(1);
        let page = 10;
        let new = match (key.code, key.ctrl) {
            (KeyName::Down, _) | (KeyName::Char('n'), true) | (KeyName::Char('j'), false) => {
                (old + 1).min(last)
            }
            (KeyName::Up, _) | (KeyName::Char('p'), true) | (KeyName::Char('k'), false) => {
                old.saturating_sub(1)
            }
            (KeyName::PageDown, _) => (old + page).min(last),
            (KeyName::PageUp, _) => old.saturating_sub(page),
            (KeyName::Home, _) => 0,
            (KeyName::End, _) => last,
            (KeyName::Esc, _) | (KeyName::Char('o'), true) => return Outcome::Close,
            (KeyName::Enter, _) => {
                let trail = Trail {
                    slogan: self.slogan,
                    occurrence: self.selected,
                };
                cx.trail = Some(trail);
                return match cx.indexes.as_ref() {
                    Some(ix) => Outcome::ReadAt(trail.place(ix)),
                    None => Outcome::Done(false),
                };
            }
            (KeyName::Char('y'), _) => return Outcome::Done(cx.copy(self.copy_text(cx))),
            _ => return Outcome::Done(false),
        };
        self.selected = new;
        Outcome::Done(new != old)
    }

    /// The slogan's line under the finder's title, its uses below, the
    /// keys on the status line.
    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect) {
        let Some(ix) = cx.indexes.as_ref() else {
            return;
        };
        let (st, ambi) = (&cx.styles, cx.ambi());
        let w = area.width as usize;
        let s = &ix.slogans.slogans[self.slogan];
        let head = format!(
            " {} · {} 次 · {} 篇 · {}",
            s.text,
            s.count,
            s.docs,
            s.variants.join(" ")
        );
        let top = area.top();
        put_str(
            buf,
            area.left(),
            top + 1,
            &truncate_to_width(&head, w, ambi),
            w,
            st.title,
            ambi,
        );
        let len = s.text.chars().count();
        let rows: Vec<KwicRow> = s
            .occurrences
            .iter()
            .map(|x| KwicRow {
                doc: x.doc,
                paragraph: x.paragraph,
                at: x.offset,
                len,
                marks: None,
            })
            .collect();
        kwic_rows(cx, buf, super::body(area), &rows, self.selected);
        status_line(
            buf,
            area,
            " Enter 打开 · j/k 移动 · Esc 返回",
            "",
            st.status,
            ambi,
        );
    }
}
