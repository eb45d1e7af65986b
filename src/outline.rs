//! Outline: the numbered-section tree of a document.
//!
//! A section starts at a paragraph that opens with a marker: `一、` (or a
//! bare numeral on a line of its own), `（一）`/`(一)`, `1.`/`1、`/`1．`,
//! `（1）`/`(1)`, `①`, and the list items `第一，`/`第一、` and
//! `一是`/`一要`. Styles rank in that order; a section's parent is the
//! nearest open section of a higher-ranked style, so a fragment that starts
//! at `2.` still nests right.
//!
//! What always holds: a marker counts only when it continues its style's
//! sequence under the same parent (`三` after `二`), or starts one (`一`;
//! or any number when the style is new to the document and nothing ranks
//! above it, as in a fragment; or when the paragraph before holds the
//! previous item inline, as in `…目的有三：一是听。` followed by `二是研。`).
//! `第一封信`, `第四本书` and a lone `一是一，二是二` are not sections.
//! Boilerplate paragraphs are never sections.

use crate::corpus::Document;
use serde::Serialize;
use std::collections::HashMap;

/// The marker styles, in rank order (higher rank first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// `一、` or a bare `一` line.
    Han,
    /// `（一）` / `(一)`.
    ParenHan,
    /// `1.` / `1、` / `1．`.
    Digit,
    /// `（1）` / `(1)`.
    ParenDigit,
    /// `①`.
    Circled,
    /// `第一，` / `第一、`.
    Ordinal,
    /// `一是` / `一要` (the verb is part of the sequence).
    Item(char),
}

impl Style {
    fn rank(self) -> u8 {
        match self {
            Style::Han => 0,
            Style::ParenHan => 1,
            Style::Digit => 2,
            Style::ParenDigit => 3,
            Style::Circled => 4,
            Style::Ordinal => 5,
            Style::Item(_) => 6,
        }
    }
    /// List items live inside sections; alone at the top they are prose.
    fn is_list_item(self) -> bool {
        matches!(self, Style::Ordinal | Style::Item(_))
    }
}

/// One section.
#[derive(Clone, Debug, Serialize)]
pub struct Section {
    /// Chain of numbers from the top, `3.1.2`.
    pub path: String,
    /// Depth in the tree, 1 at the top.
    pub level: usize,
    /// The marker as written: `一、`, `（二）`, `3.`, `一要`.
    pub marker: String,
    pub number: u32,
    pub title: String,
    /// 0-based index of the heading paragraph.
    pub paragraph: usize,
    #[serde(skip)]
    pub style: Style,
    #[serde(skip)]
    pub parent: Option<usize>,
    /// The heading is a short line of its own (not the lead of a paragraph,
    /// not a bare numeral): lists of headings and lists of paragraphs that
    /// share a marker style are told apart by this.
    #[serde(skip)]
    pub heading_line: bool,
    /// One past the last paragraph this section covers.
    #[serde(skip)]
    pub end: usize,
}

/// The section tree, flat in document order (parents before children).
#[derive(Clone, Debug, Default)]
pub struct Outline {
    pub sections: Vec<Section>,
}

const CN_DIGITS: &str = "〇零一二两三四五六七八九";

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Parse a Chinese numeral (一 … 九十九, 一百 …) from a whole string.
pub fn parse_cn(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut cur: Option<u32> = None;
    for c in s.chars() {
        match c {
            '十' => {
                total += cur.unwrap_or(1) * 10;
                cur = None;
            }
            '百' => {
                total += cur?.max(1) * 100;
                cur = None;
            }
            _ => {
                let d = cn_digit(c)?;
                if d == 0 {
                    continue; // 零 holds a place: 一百零五
                }
                if cur.is_some() {
                    return None; // 一二 is not a number
                }
                cur = Some(d);
            }
        }
    }
    let n = total + cur.unwrap_or(0);
    (n > 0).then_some(n)
}

/// The Chinese numeral for `n` (1..=99), as markers write it.
pub fn to_cn(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        _ if n.is_multiple_of(10) => format!("{}十", D[(n / 10 % 10) as usize]),
        _ => format!("{}十{}", D[(n / 10 % 10) as usize], D[(n % 10) as usize]),
    }
}

fn is_cn_numeral_char(c: char) -> bool {
    CN_DIGITS.contains(c) || c == '十' || c == '百'
}

/// A marker found at the start of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    pub number: u32,
    /// The marker text as written.
    pub text: String,
    /// Byte offset in the trimmed paragraph where the rest begins.
    pub rest: usize,
}

/// Read a marker at the start of `t` (leading blanks already trimmed).
pub fn marker(t: &str) -> Option<Marker> {
    let chars: Vec<(usize, char)> = t.char_indices().take(8).collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let byte = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(t.len());
    let mk = |style, number, end: usize| {
        Some(Marker {
            style,
            number,
            text: t[..byte(end)].to_string(),
            rest: byte(end),
        })
    };
    let first = at(0)?;
    // Circled numbers ①..⑳.
    if ('①'..='⑳').contains(&first) {
        return mk(Style::Circled, first as u32 - '①' as u32 + 1, 1);
    }
    // （一） (1)
    if first == '（' || first == '(' {
        let mut j = 1;
        while at(j).is_some_and(|c| is_cn_numeral_char(c) || c.is_ascii_digit()) {
            j += 1;
        }
        if j > 1 && matches!(at(j), Some('）' | ')')) {
            let inner = &t[byte(1)..byte(j)];
            if let Ok(n) = inner.parse::<u32>() {
                return (n > 0 && n < 100)
                    .then(|| mk(Style::ParenDigit, n, j + 1))
                    .flatten();
            }
            if let Some(n) = parse_cn(inner) {
                return mk(Style::ParenHan, n, j + 1);
            }
        }
        return None;
    }
    // 1. 1、 1．  (not 1.5, not 2019年)
    if first.is_ascii_digit() {
        let mut j = 1;
        while at(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        if j <= 2 && matches!(at(j), Some('.' | '、' | '．')) {
            let next_is_digit = at(j + 1).is_some_and(|c| c.is_ascii_digit());
            let n: u32 = t[..byte(j)].parse().ok()?;
            if !next_is_digit && n > 0 {
                return mk(Style::Digit, n, j + 1);
            }
        }
        return None;
    }
    // 第一， 第一、
    if first == '第' {
        let mut j = 1;
        while at(j).is_some_and(is_cn_numeral_char) {
            j += 1;
        }
        if j > 1 && matches!(at(j), Some('，' | ',' | '、' | '：' | ':')) {
            let n = parse_cn(&t[byte(1)..byte(j)])?;
            return mk(Style::Ordinal, n, j + 1);
        }
        return None;
    }
    // 一、  一是  一要  and a bare 一
    if is_cn_numeral_char(first) {
        let mut j = 0;
        while at(j).is_some_and(is_cn_numeral_char) {
            j += 1;
        }
        let n = parse_cn(&t[..byte(j)])?;
        return match at(j) {
            Some('、') => mk(Style::Han, n, j + 1),
            Some(v @ ('是' | '要')) if n <= 20 => mk(Style::Item(v), n, j + 1),
            None if j <= 3 => mk(Style::Han, n, j),
            _ => None,
        };
    }
    None
}

fn trim_lead(t: &str) -> &str {
    t.trim_start_matches([' ', '\u{3000}', '\t'])
}

/// The lead sentence: up to the first `。！？；`, at most 40 chars.
fn lead_sentence(t: &str) -> String {
    let end = t
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';'))
        .map(|(b, _)| b)
        .unwrap_or(t.len());
    let s = t[..end].trim();
    if s.chars().count() > 40 {
        let mut cut: String = s.chars().take(39).collect();
        cut.push('…');
        cut
    } else {
        s.to_string()
    }
}

/// A heading of its own: short, with no sentence inside it.
fn is_heading_line(rest: &str) -> bool {
    !rest.is_empty()
        && rest.chars().count() <= 40
        && !rest
            .trim_end_matches(['。', '！', '？', '；'])
            .contains(['。', '！', '？', '；'])
}

/// Does `t` hold the item `n` of `style` inline (e.g. `…：一是听。`)?
fn holds_inline(t: &str, style: Style, n: u32) -> bool {
    match style {
        Style::Item(v) => t.contains(&format!("{}{v}", to_cn(n))),
        Style::Ordinal => t.contains(&format!("第{}，", to_cn(n))),
        _ => false,
    }
}

impl Outline {
    /// Build the outline of a document.
    pub fn build(doc: &Document) -> Outline {
        // Headings the source marks (Word heading styles, `<h2>`…): the
        // author's own structure, taken as it is.
        if doc
            .paragraphs
            .iter()
            .any(|p| !p.boilerplate && p.heading.is_some_and(|l| l >= 1))
        {
            let hints: Vec<Option<(u8, &str)>> = doc
                .paragraphs
                .iter()
                .map(|p| match p.heading {
                    // The document's own title (a page's `<h1>`) heads no section.
                    Some(l) if l >= 1 && !p.boilerplate && p.text.trim() != doc.title.trim() => {
                        Some((l, p.text.as_str()))
                    }
                    _ => None,
                })
                .collect();
            return Outline::from_headings(&hints);
        }
        let texts: Vec<Option<&str>> = doc
            .paragraphs
            .iter()
            .map(|p| (!p.boilerplate).then_some(p.text.as_str()))
            .collect();
        Outline::from_paragraphs(&texts)
    }

    /// Build from paragraphs; `None` marks boilerplate.
    pub fn from_paragraphs(paras: &[Option<&str>]) -> Outline {
        let first = Outline::build_once(paras, &[]);
        // A list of one (a lone `一是`, `一是一，二是二`, a bare `一` with no
        // `二`) is prose, not structure: drop it and build again.
        let lone: Vec<usize> = first
            .sections
            .iter()
            .filter(|s| {
                let weak =
                    s.style.is_list_item() || (s.style == Style::Han && !s.marker.ends_with('、'));
                weak && s.style != Style::Circled
                    && s.number == 1
                    && !first
                        .sections
                        .iter()
                        .any(|t| t.parent == s.parent && t.style == s.style && t.number == 2)
            })
            .map(|s| s.paragraph)
            .collect();
        if lone.is_empty() {
            first
        } else {
            Outline::build_once(paras, &lone)
        }
    }

    fn build_once(paras: &[Option<&str>], reject: &[usize]) -> Outline {
        let cands: Vec<(usize, Marker)> = paras
            .iter()
            .enumerate()
            .filter(|(i, _)| !reject.contains(i))
            .filter_map(|(i, p)| p.and_then(|t| marker(trim_lead(t)).map(|m| (i, m))))
            .collect();
        let has_sections = cands.iter().any(|(_, m)| !m.style.is_list_item());
        let mut sections: Vec<Section> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        // The last section of each style under each parent.
        let mut last: HashMap<(Option<usize>, Style), usize> = HashMap::new();
        let mut seen: Vec<Style> = Vec::new();
        for (i, m) in cands {
            // The parent: nearest open section of a higher-ranked style.
            let mut keep = stack
                .iter()
                .rposition(|&s| sections[s].style.rank() < m.style.rank())
                .map(|k| k + 1)
                .unwrap_or(0);
            let mut parent = keep.checked_sub(1).map(|k| stack[k]);
            if m.style.is_list_item() && parent.is_none() && has_sections {
                continue;
            }
            let t = trim_lead(paras[i].unwrap_or(""));
            let rest = t[m.rest..].trim_start();
            let heading_line = is_heading_line(rest);
            let prev = last.get(&(parent, m.style)).map(|&k| &sections[k]);
            let prev_text = i.checked_sub(1).and_then(|j| paras[j]).unwrap_or("");
            let fragment_start = !seen.contains(&m.style)
                && parent.is_none()
                && !seen.iter().any(|s| s.rank() < m.style.rank());
            // An open list elsewhere on the path that this marker would
            // continue: `二、` after a `一、` that opened inside a deeper
            // section, or `（二）` after the nested list that `（一）` held.
            let nested = (0..stack.len()).rev().find_map(|k| {
                let &j = last.get(&(Some(stack[k]), m.style))?;
                let other = Some(stack[k]) != parent;
                (other && sections[j].number + 1 == m.number).then_some((k, j))
            });
            let continues = prev.is_some_and(|p| p.number + 1 == m.number);
            let ok = match nested {
                // Both could go on: take the one whose items look like this.
                Some((k, j)) if !continues || sections[j].heading_line == heading_line => {
                    keep = k + 1;
                    parent = Some(stack[k]);
                    true
                }
                _ if continues => true,
                _ if m.number == 1 => {
                    let same = (keep..stack.len()).rev().find(|&k| {
                        let s = &sections[stack[k]];
                        s.style == m.style && s.heading_line == heading_line
                    });
                    if let Some(k) = same {
                        // A new list beside an open one of the same kind.
                        keep = k;
                        parent = k.checked_sub(1).map(|k| stack[k]);
                    } else if prev.is_some() && keep < stack.len() {
                        // The style starts over while deeper sections are
                        // open: a list inside the deepest one, not a new run.
                        keep = stack.len();
                        parent = stack.last().copied();
                    }
                    true
                }
                _ => {
                    fragment_start
                        || (prev.is_none() && holds_inline(prev_text, m.style, m.number - 1))
                }
            };
            if !ok {
                continue;
            }
            let title = if rest.is_empty() {
                // A bare numeral line: the next paragraph's lead sentence.
                paras
                    .iter()
                    .skip(i + 1)
                    .flatten()
                    .next()
                    .map(|n| lead_sentence(trim_lead(n)))
                    .unwrap_or_default()
            } else {
                lead_sentence(rest)
            };
            stack.truncate(keep);
            let path = match parent {
                Some(p) => format!("{}.{}", sections[p].path, m.number),
                None => m.number.to_string(),
            };
            sections.push(Section {
                path,
                level: keep + 1,
                marker: m.text.clone(),
                number: m.number,
                title,
                paragraph: i,
                style: m.style,
                parent,
                heading_line,
                end: paras.len(),
            });
            let idx = sections.len() - 1;
            stack.push(idx);
            last.insert((parent, m.style), sections.len() - 1);
            if !seen.contains(&m.style) {
                seen.push(m.style);
            }
        }
        Outline::ended(sections)
    }

    /// The sections, each ending where the next at its level or above
    /// starts (the last ones at the end, as pushed).
    fn ended(mut sections: Vec<Section>) -> Outline {
        for k in 0..sections.len() {
            let level = sections[k].level;
            if let Some(next) = sections[k + 1..].iter().find(|s| s.level <= level) {
                sections[k].end = next.paragraph;
            }
        }
        Outline { sections }
    }

    /// Build from headings marked by the source: `(level, text)` per
    /// heading paragraph (1 = top), `None` for the others. A heading opens
    /// under the nearest open one of a higher level (a skipped level nests
    /// one deeper, not two); its number counts its siblings, its marker is
    /// the text's own (`一、`) when it has one.
    pub fn from_headings(paras: &[Option<(u8, &str)>]) -> Outline {
        let mut sections: Vec<Section> = Vec::new();
        // Open sections: (source level, index).
        let mut stack: Vec<(u8, usize)> = Vec::new();
        for (i, h) in paras.iter().enumerate() {
            let Some((lvl, text)) = *h else {
                continue;
            };
            let t = trim_lead(text);
            if t.trim().is_empty() {
                continue;
            }
            while stack.last().is_some_and(|&(l, _)| l >= lvl) {
                stack.pop();
            }
            let parent = stack.last().map(|&(_, k)| k);
            let number = sections.iter().filter(|s| s.parent == parent).count() as u32 + 1;
            let (marker, rest) = match marker(t) {
                Some(m) => (m.text.clone(), t[m.rest..].trim_start()),
                None => (String::new(), t),
            };
            let style = match stack.len() {
                0 => Style::Han,
                1 => Style::ParenHan,
                2 => Style::Digit,
                3 => Style::ParenDigit,
                _ => Style::Circled,
            };
            sections.push(Section {
                path: match parent {
                    Some(p) => format!("{}.{number}", sections[p].path),
                    None => number.to_string(),
                },
                level: stack.len() + 1,
                marker,
                number,
                title: lead_sentence(rest),
                paragraph: i,
                style,
                parent,
                heading_line: true,
                end: paras.len(),
            });
            stack.push((lvl, sections.len() - 1));
        }
        Outline::ended(sections)
    }

    /// Children of a section (or the top level for `None`), as indices.
    pub fn children(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        self.sections
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.parent == parent)
            .map(|(i, _)| i)
    }

    /// The innermost section containing paragraph `p`.
    pub fn section_at(&self, p: usize) -> Option<usize> {
        self.sections
            .iter()
            .rposition(|s| s.paragraph <= p && p < s.end)
    }

    /// The chain from the top down to section `i`.
    pub fn ancestry(&self, i: usize) -> Vec<usize> {
        let mut chain = vec![i];
        let mut cur = self.sections[i].parent;
        while let Some(p) = cur {
            chain.push(p);
            cur = self.sections[p].parent;
        }
        chain.reverse();
        chain
    }

    /// Section `i` and those above it as `一、… › （二）…`.
    pub fn breadcrumb(&self, i: usize) -> String {
        self.ancestry(i)
            .into_iter()
            .map(|k| {
                let s = &self.sections[k];
                format!("{}{}", s.marker, s.title)
            })
            .collect::<Vec<_>>()
            .join(" › ")
    }

    /// Find a section by path (`2.1`); the first match in document order.
    pub fn find_path(&self, path: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.path == path)
    }

    /// The next heading after a reading position (paragraph `p`; `at_start`
    /// when the position is the paragraph's first line).
    pub fn next_heading(&self, p: usize) -> Option<usize> {
        self.sections.iter().position(|s| s.paragraph > p)
    }

    /// The previous heading before a reading position: the current
    /// paragraph's own heading when the position is past its first line.
    pub fn prev_heading(&self, p: usize, at_start: bool) -> Option<usize> {
        self.sections
            .iter()
            .rposition(|s| s.paragraph < p || (s.paragraph == p && !at_start))
    }

    /// The next section at the same level as the one at `p`, inside the
    /// same parent; at the top level (or before any section), the next
    /// top-level section.
    pub fn next_sibling(&self, p: usize) -> Option<usize> {
        match self.section_at(p) {
            Some(cur) => {
                let parent = self.sections[cur].parent;
                self.children(parent)
                    .find(|&i| self.sections[i].paragraph > p)
            }
            None => self
                .children(None)
                .find(|&i| self.sections[i].paragraph > p),
        }
    }

    /// The previous section at the same level: the current section's own
    /// heading first when the position is past it.
    pub fn prev_sibling(&self, p: usize, at_start: bool) -> Option<usize> {
        let cur = self.section_at(p)?;
        let s = &self.sections[cur];
        if s.paragraph < p || (s.paragraph == p && !at_start) {
            return Some(cur);
        }
        let parent = s.parent;
        self.children(parent)
            .filter(|&i| self.sections[i].paragraph < s.paragraph)
            .last()
    }

    /// Find a section from what a reader types: `2.1`, `2 1`, `二.一`,
    /// `二（一）`, `三`, `3.2`: numbers from the top down.
    pub fn find_typed(&self, typed: &str) -> Option<usize> {
        let nums = parse_typed_path(typed)?;
        let path = nums
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(".");
        self.find_path(&path)
    }

    /// Is paragraph `p` a section heading?
    pub fn is_heading(&self, p: usize) -> Option<usize> {
        self.sections.iter().position(|s| s.paragraph == p)
    }
}

/// Numbers in a typed section path; separators are anything but digits and
/// Chinese numerals (`.`, space, `、`, brackets). `None` when there is none.
pub fn parse_typed_path(typed: &str) -> Option<Vec<u32>> {
    let mut nums = Vec::new();
    let mut cur = String::new();
    let mut cur_is_cn = false;
    let flush = |cur: &mut String, is_cn: bool, nums: &mut Vec<u32>| -> Option<()> {
        if !cur.is_empty() {
            let n = if is_cn {
                parse_cn(cur)?
            } else {
                cur.parse().ok()?
            };
            nums.push(n);
            cur.clear();
        }
        Some(())
    };
    for c in typed.chars() {
        let is_digit = c.is_ascii_digit();
        let is_cn = is_cn_numeral_char(c);
        if is_digit || is_cn {
            if !cur.is_empty() && is_cn != cur_is_cn {
                flush(&mut cur, cur_is_cn, &mut nums)?;
            }
            cur_is_cn = is_cn;
            cur.push(c);
        } else {
            flush(&mut cur, cur_is_cn, &mut nums)?;
        }
    }
    flush(&mut cur, cur_is_cn, &mut nums)?;
    (!nums.is_empty() && nums.iter().all(|&n| n > 0)).then_some(nums)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Headings the source marks: each becomes a section, in order,
        /// under the nearest earlier heading of a higher level; numbers
        /// count siblings; every paragraph lies in its innermost section.
        #[test]
        fn marked_headings_make_the_tree(levels in prop::collection::vec(prop::option::of(1u8..5), 0..40)) {
            let texts: Vec<String> = (0..levels.len()).map(|i| format!("标题{i}")).collect();
            let paras: Vec<Option<(u8, &str)>> = levels
                .iter()
                .zip(&texts)
                .map(|(l, t)| l.map(|l| (l, t.as_str())))
                .collect();
            let o = Outline::from_headings(&paras);
            let marked: Vec<usize> = (0..levels.len()).filter(|&i| levels[i].is_some()).collect();
            prop_assert_eq!(o.sections.iter().map(|s| s.paragraph).collect::<Vec<_>>(), marked);
            for (k, s) in o.sections.iter().enumerate() {
                let lvl = levels[s.paragraph].unwrap();
                // The parent: the nearest earlier heading of a higher level.
                let want = (0..k).rev().find(|&j| {
                    levels[o.sections[j].paragraph].unwrap() < lvl
                        && o.sections[j + 1..k]
                            .iter()
                            .all(|m| levels[m.paragraph].unwrap() > levels[o.sections[j].paragraph].unwrap())
                });
                prop_assert_eq!(s.parent, want, "section {}", k);
                let siblings = o.sections[..k].iter().filter(|t| t.parent == s.parent).count();
                prop_assert_eq!(s.number as usize, siblings + 1);
                prop_assert_eq!(s.level, s.parent.map_or(1, |p| o.sections[p].level + 1));
                prop_assert_eq!(&s.title, &texts[s.paragraph]);
            }
            // A section covers its children and ends before the next
            // heading at its level or above.
            for s in &o.sections {
                prop_assert!(s.paragraph < s.end);
                if let Some(p) = s.parent {
                    let up = &o.sections[p];
                    prop_assert!(up.paragraph < s.paragraph && s.end <= up.end);
                }
            }
        }
    }

    #[test]
    fn numerals_round_trip() {
        for n in 1..=99 {
            assert_eq!(parse_cn(&to_cn(n)), Some(n), "{}", to_cn(n));
        }
        assert_eq!(parse_cn("两"), Some(2));
        assert_eq!(parse_cn("一二"), None);
        assert_eq!(parse_cn("一百零五"), Some(105));
    }

    #[test]
    fn markers() {
        let m = |t: &str| marker(t).map(|m| (m.style, m.number, m.text));
        assert_eq!(m("一、提高"), Some((Style::Han, 1, "一、".into())));
        assert_eq!(
            m("（十二）综合"),
            Some((Style::ParenHan, 12, "（十二）".into()))
        );
        assert_eq!(m("(3)要"), Some((Style::ParenDigit, 3, "(3)".into())));
        assert_eq!(m("2.要始终"), Some((Style::Digit, 2, "2.".into())));
        assert_eq!(m("1、全面"), Some((Style::Digit, 1, "1、".into())));
        assert_eq!(m("第一,要深刻"), Some((Style::Ordinal, 1, "第一,".into())));
        assert_eq!(m("二要持续"), Some((Style::Item('要'), 2, "二要".into())));
        assert_eq!(m("三"), Some((Style::Han, 3, "三".into())));
        assert_eq!(m("②项目"), Some((Style::Circled, 2, "②".into())));
        assert_eq!(m("第一封信"), None);
        assert_eq!(m("第四本书"), None);
        assert_eq!(m("1.5亿元"), None);
        assert_eq!(m("2019年"), None);
        assert_eq!(m("一九五八年五月"), None);
    }

    fn outline(paras: &[&str]) -> Vec<(String, String)> {
        let p: Vec<Option<&str>> = paras.iter().map(|s| Some(*s)).collect();
        Outline::from_paragraphs(&p)
            .sections
            .into_iter()
            .map(|s| (s.path, s.title))
            .collect()
    }

    #[test]
    fn sequence_checking_rejects_prose() {
        let o = outline(&[
            "一、总体要求",
            "正文。",
            "一是一，二是二，不能含糊。",
            "第四本书很好。",
        ]);
        // A lone 一是 is a list of one: prose. 第四本书 is no marker at all.
        assert_eq!(o, vec![("1".into(), "总体要求".into())]);
        let o = outline(&["一、甲", "三是跳号的句子。", "二、乙"]);
        assert_eq!(o.len(), 2, "{o:?}");
    }

    #[test]
    fn typed_paths() {
        for (t, want) in [
            ("2.1", vec![2, 1]),
            ("2 1", vec![2, 1]),
            ("二.一", vec![2, 1]),
            ("二（一）", vec![2, 1]),
            ("三", vec![3]),
            ("3.2.10", vec![3, 2, 10]),
            ("十二、(3)", vec![12, 3]),
        ] {
            assert_eq!(parse_typed_path(t), Some(want), "{t}");
        }
        assert_eq!(parse_typed_path("abc"), None);
        assert_eq!(parse_typed_path(""), None);
    }

    #[test]
    fn inline_first_item_lets_second_start() {
        let o = outline(&["一、甲", "目的有三:一是听。", "二是研。", "三是促。"]);
        assert_eq!(
            o.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>(),
            ["1", "1.2", "1.3"]
        );
    }
}
