//! Drawing the finder views: slogans ranked by count with the query line,
//! a slogan's occurrences as keyword-in-context lines, sentence hits.

use super::app::App;
use super::finder::FinderKind;
use super::style::Styles;
use super::widgets::{fill, kwic, put_marked, put_str, status_line};
use crate::search;
use crate::text::width::truncate_to_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn draw_finder(app: &App, buf: &mut Buffer, area: Rect, st: &Styles) {
    let Some(f) = app.finder.as_ref() else {
        return;
    };
    if area.height < 3 {
        return;
    }
    let ambi = app.ambi();
    let w = area.width as usize;
    let top = area.top();
    fill(buf, area, top, st.status);
    let title = match (f.kind, app.indexes.as_ref()) {
        (_, None) => " 正在建立提法索引… (building the index)".to_string(),
        (FinderKind::Slogans, Some(ix)) => format!(" 提法 · {} 条", ix.slogans.slogans.len()),
        (FinderKind::Sentences, Some(ix)) => format!(" 全文搜索 · {} 句", ix.sentence_cands.len()),
    };
    put_str(buf, area.left(), top, &title, w, st.status, ambi);
    let body = Rect::new(
        area.left(),
        top + 2,
        area.width,
        area.height.saturating_sub(3),
    );
    match (f.occurrences, app.indexes.as_ref()) {
        (Some(o), Some(ix)) => {
            let s = &ix.slogans.slogans[o.slogan];
            let head = format!(
                " {} · {} 次 · {} 篇 · {}",
                s.text,
                s.count,
                s.docs,
                s.variants.join(" ")
            );
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
            draw_kwic_rows(app, buf, body, st, &rows, o.selected);
        }
        (None, Some(ix)) => {
            let q = format!(" > {}▏", f.query);
            put_str(buf, area.left(), top + 1, &q, w, st.text, ambi);
            let rows = app.finder_rows();
            match f.kind {
                FinderKind::Slogans => {
                    let h = body.height as usize;
                    let offset = f.selected.saturating_sub(h.saturating_sub(1));
                    for (k, &i) in rows.iter().enumerate().skip(offset).take(h) {
                        let y = body.top() + (k - offset) as u16;
                        let s = &ix.slogans.slogans[i];
                        let style = if k == f.selected {
                            st.selection
                        } else {
                            st.text
                        };
                        fill(buf, body, y, style);
                        let meta =
                            format!("{:>5} {:>3}篇 {:<7} ", s.count, s.docs, s.kind.as_str());
                        let x = put_str(
                            buf,
                            body.left(),
                            y,
                            &meta,
                            w,
                            style.patch(st.dim_meta),
                            ambi,
                        );
                        let marks =
                            search::marks(&f.query, &s.text, &search::initials(&s.text), false);
                        let marked = |i: usize| marks.contains(&(i as u32));
                        let styles = (style, style.patch(st.slogan));
                        put_marked(buf, (x, y), body.right(), &s.text, marked, styles, ambi);
                    }
                    if rows.is_empty() && !f.query.trim().is_empty() {
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
                    let first = f
                        .selected
                        .saturating_sub((body.height as usize).saturating_sub(1));
                    let cands = &ix.sentence_cands;
                    let hits: Vec<KwicRow> = rows
                        .iter()
                        .enumerate()
                        .map(|(k, &i)| {
                            let shown = k >= first && k < first + body.height as usize;
                            let marks = if shown {
                                cands.marks(i, &f.query)
                            } else {
                                Vec::new()
                            };
                            sentence_row(app, cands, i, &marks, w)
                        })
                        .collect();
                    draw_kwic_rows(app, buf, body, st, &hits, f.selected);
                    if f.query.trim().is_empty() {
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
        (_, None) => {
            put_str(
                buf,
                area.left() + 1,
                top + 2,
                "提法和句子的索引正在后台建立，稍候即可。",
                w,
                st.dim,
                ambi,
            );
        }
    }
    let hint = if f.occurrences.is_some() {
        " Enter 打开 · j/k 移动 · Esc 返回"
    } else {
        " 输入筛选 (拼音首字母, 繁简皆可) · ↑↓ 移动 · Enter 选择 · Esc 返回"
    };
    status_line(buf, area, hint, "", st.status, ambi);
}

/// One keyword-in-context line: `len` chars at char `at` of a paragraph
/// are the focus, shown with as much of their sentence as fits around
/// them; `marks` (offsets from `at`) are the chars highlighted, all of
/// them when `None`.
struct KwicRow {
    doc: usize,
    paragraph: usize,
    at: usize,
    len: usize,
    marks: Option<Vec<usize>>,
}

/// A sentence hit as a line: the focus runs from the first matched char
/// over the next ones while they take at most two thirds of the line, so
/// the words looked for are in view however long the sentence is.
fn sentence_row(
    app: &App,
    cands: &crate::search::Candidates,
    i: usize,
    marks: &[u32],
    w: usize,
) -> KwicRow {
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
    let ambi = app.ambi();
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

/// Rows as keyword-in-context lines: title, section, and the sentence
/// around the focus with the marked chars highlighted.
fn draw_kwic_rows(
    app: &App,
    buf: &mut Buffer,
    body: Rect,
    st: &Styles,
    rows: &[KwicRow],
    selected: usize,
) {
    let ambi = app.ambi();
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
        let doc = &app.corpus.docs[d];
        let outline = &app.outlines[d];
        let section = outline
            .section_at(p)
            .map(|s| {
                let s = &outline.sections[s];
                app.shown(d, &format!("{}{}", s.marker, s.title))
            })
            .unwrap_or_default();
        let t = truncate_to_width(&app.shown(d, &doc.title), title_w, ambi);
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
        let text = app.shown(d, &window);
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
