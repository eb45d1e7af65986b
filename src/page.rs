//! Page: a document as the display lines the reader draws.
//!
//! One place decides how a paragraph is shown (script, punctuation,
//! indent, heading or body or boilerplate) and lays it out, so `tifa show`
//! prints exactly what the reader draws. Each paragraph is laid out on
//! demand and cached per (paragraph, width, options); a blank line separates
//! paragraphs.
//!
//! What always holds: every display line knows its paragraph and the char
//! range it shows, and char offsets are the same in the displayed and the
//! source text (all conversions here are one char for one char: OCR-spaced
//! digits, `1 9 9 7 年`, are joined by turning their spaces into word
//! joiners, which layout never shows; not with `--punct keep`).

use crate::corpus::Document;
use crate::outline::Outline;
use crate::text::digits::{self, JOINER};
use crate::text::layout::{self, LayoutOptions, Line};
use crate::text::punct::{self, PunctMode};
use crate::text::script::{self, Display};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// How a paragraph is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The document title line.
    Title,
    /// A section heading line at this depth (1 = top).
    Heading(usize),
    /// A numbered paragraph: its first `lead` chars (marker and lead
    /// sentence) are the heading of a section at depth `level`; the rest is
    /// body text.
    Numbered { level: usize, lead: usize },
    /// Ordinary text.
    Body,
    /// Web chrome, shown dimmed.
    Boiler,
}

/// Display options that change the laid-out text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ViewOptions {
    pub layout: LayoutOptions,
    pub punct: PunctMode,
    pub display: Display,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            layout: LayoutOptions::default(),
            punct: PunctMode::Auto,
            display: Display::Original,
        }
    }
}

/// One display line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayLine {
    pub paragraph: usize,
    /// None for the blank line after a paragraph.
    pub line: Option<Line>,
}

/// A document prepared for display: kinds and display texts, plus a cache
/// of laid-out paragraphs.
pub struct Page {
    pub kinds: Vec<Kind>,
    opts: ViewOptions,
    full_punct: bool,
    texts: Vec<String>,
    /// `starts[p]`: chars in paragraphs before `p` (for the position in %).
    starts: Vec<usize>,
    cache: RefCell<HashMap<usize, Rc<Vec<Line>>>>,
    /// The texts folded for finding (see [`fold`]), made on the first find.
    folded: RefCell<Option<Rc<Vec<Vec<char>>>>>,
}

/// Fold a char for exact, script-insensitive finding: full-width
/// punctuation to ASCII (the display restores it), Latin to lower case.
/// Applied after `to_hans`, one char for one char.
fn fold_char(c: char) -> char {
    match c {
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '？' => '?',
        '！' => '!',
        '（' => '(',
        '）' => ')',
        '“' | '”' => '"',
        _ => c.to_ascii_lowercase(),
    }
}

/// A text folded for finding, one char for one char.
pub fn fold(text: &str) -> Vec<char> {
    script::to_hans(text).chars().map(fold_char).collect()
}

/// Does `q` occur at `i` in `text`, looking through the word joiners of
/// joined digits (shown as nothing)? Its length in `text`'s chars.
fn match_at(text: &[char], i: usize, q: &[char]) -> Option<usize> {
    if text[i] == JOINER {
        return None;
    }
    let mut j = i;
    for (k, &c) in q.iter().enumerate() {
        if k > 0 {
            while text.get(j) == Some(&JOINER) {
                j += 1;
            }
        }
        if text.get(j) != Some(&c) {
            return None;
        }
        j += 1;
    }
    Some(j - i)
}

/// One place a query was found: paragraph, char offset, length in chars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub paragraph: usize,
    pub offset: usize,
    pub len: usize,
}

/// Kinds of all paragraphs of a document.
pub fn kinds(doc: &Document, outline: &Outline) -> Vec<Kind> {
    let title_para = doc
        .paragraphs
        .iter()
        .position(|p| !p.boilerplate && p.text.trim() == doc.title);
    doc.paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if p.boilerplate {
                Kind::Boiler
            } else if Some(i) == title_para && !doc.title_inferred {
                Kind::Title
            } else if let Some(s) = outline.is_heading(i) {
                let level = outline.sections[s].level;
                match lead_len(&p.text) {
                    Some(lead) => Kind::Numbered { level, lead },
                    None => Kind::Heading(level),
                }
            } else {
                Kind::Body
            }
        })
        .collect()
}

/// `同志们：`, `各位代表！`: set flush left, as print does.
fn is_salutation(t: &str) -> bool {
    t.chars().count() <= 12 && t.trim_end().ends_with(['：', ':', '！', '!'])
}

/// For a paragraph that goes on past its lead sentence, the length in chars
/// of the lead (through its closing `。！？；`); `None` for a heading line.
fn lead_len(t: &str) -> Option<usize> {
    let n = t.chars().count();
    let end = t
        .chars()
        .position(|c| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';'))
        .map(|i| i + 1)?;
    (end < n).then_some(end)
}

/// Is `doc` shown with full-width punctuation restored under `mode`?
/// (`Auto`: when it types ASCII marks between Han characters.)
pub fn full_punct(doc: &Document, mode: PunctMode) -> bool {
    match mode {
        PunctMode::Auto => {
            let paras: Vec<&str> = doc.paragraphs.iter().map(|p| p.text.as_str()).collect();
            punct::document_wants_full(&paras)
        }
        PunctMode::Full => true,
        PunctMode::Keep => false,
    }
}

/// Text of a document as shown: in the display script, with full-width
/// punctuation restored when `full`. Same number of chars as `source`.
pub fn display_text(source: &str, display: Display, full: bool) -> String {
    punct::restore(&script::convert(source, display), full)
}

impl Page {
    pub fn new(doc: &Document, outline: &Outline, opts: ViewOptions) -> Page {
        let paras: Vec<&str> = doc.paragraphs.iter().map(|p| p.text.as_str()).collect();
        let full_punct = full_punct(doc, opts.punct);
        let mut page = Page {
            kinds: kinds(doc, outline),
            opts,
            full_punct,
            texts: Vec::new(),
            starts: std::iter::once(0)
                .chain(paras.iter().scan(0, |acc, t| {
                    *acc += t.chars().count();
                    Some(*acc)
                }))
                .collect(),
            cache: RefCell::new(HashMap::new()),
            folded: RefCell::new(None),
        };
        page.texts = paras.iter().map(|t| page.display_text(t)).collect();
        page
    }

    fn display_text(&self, source: &str) -> String {
        let t = display_text(source, self.opts.display, self.full_punct);
        if self.opts.punct == PunctMode::Keep {
            return t;
        }
        digits::join(&t).unwrap_or(t)
    }

    pub fn options(&self) -> ViewOptions {
        self.opts
    }

    /// Change options; drops what no longer holds (texts on a script or
    /// punctuation change, layouts on any change).
    pub fn set_options(&mut self, doc: &Document, opts: ViewOptions) {
        if opts == self.opts {
            return;
        }
        let retext = opts.display != self.opts.display || opts.punct != self.opts.punct;
        self.opts = opts;
        if retext {
            *self.folded.get_mut() = None;
            self.full_punct = full_punct(doc, opts.punct);
            self.texts = doc
                .paragraphs
                .iter()
                .map(|p| self.display_text(&p.text))
                .collect();
        }
        self.cache.get_mut().clear();
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Every place `query` occurs, exactly but in either script and
    /// either form of punctuation, in document order.
    pub fn find(&self, query: &str) -> Vec<Found> {
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let folded = self
            .folded
            .borrow_mut()
            .get_or_insert_with(|| Rc::new(self.texts.iter().map(|t| fold(t)).collect()))
            .clone();
        let mut out = Vec::new();
        for (p, text) in folded.iter().enumerate() {
            let mut i = 0;
            while i < text.len() {
                match match_at(text, i, &q) {
                    Some(len) => {
                        out.push(Found {
                            paragraph: p,
                            offset: i,
                            len,
                        });
                        i += len;
                    }
                    None => i += 1,
                }
            }
        }
        out
    }

    /// Chars in the paragraphs before `p` (`p` may be `len()`).
    pub fn chars_before(&self, p: usize) -> usize {
        self.starts[p]
    }

    /// The displayed text of a paragraph.
    pub fn text(&self, p: usize) -> &str {
        &self.texts[p]
    }

    /// Body paragraphs get a first-line indent; titles, headings and
    /// chrome do not.
    fn indent(&self, p: usize) -> bool {
        self.opts.layout.indent
            && matches!(self.kinds[p], Kind::Body | Kind::Numbered { .. })
            && !is_salutation(&self.texts[p])
    }

    /// The laid-out lines of paragraph `p` (cached).
    pub fn lines(&self, p: usize) -> Rc<Vec<Line>> {
        if let Some(l) = self.cache.borrow().get(&p) {
            return l.clone();
        }
        let mut o = self.opts.layout;
        o.indent = self.indent(p);
        let l = Rc::new(layout::layout(&self.texts[p], &o));
        self.cache.borrow_mut().insert(p, l.clone());
        l
    }

    /// Number of display rows paragraph `p` takes, with its blank line.
    pub fn rows(&self, p: usize) -> usize {
        self.lines(p).len() + 1
    }

    /// The display line at (paragraph, row-within-paragraph).
    pub fn line_at(&self, p: usize, row: usize) -> DisplayLine {
        let lines = self.lines(p);
        DisplayLine {
            paragraph: p,
            line: lines.get(row).cloned(),
        }
    }

    /// The row within paragraph `p` that shows char `offset`.
    pub fn row_of(&self, p: usize, offset: usize) -> usize {
        let lines = self.lines(p);
        lines.iter().rposition(|l| l.start <= offset).unwrap_or(0)
    }

    /// Every line of paragraphs `range`, as plain text: what `tifa show`
    /// prints and the reader draws (without colour).
    pub fn plain(&self, range: std::ops::Range<usize>) -> String {
        let mut out = String::new();
        for p in range {
            for l in self.lines(p).iter() {
                out.extend(std::iter::repeat_n(' ', l.indent));
                out.push_str(&l.text);
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn joined_digits_are_shown_found_and_kept_with_punct_keep() {
        let mut c = Corpus::default();
        c.add_bytes(
            std::path::Path::new("ocr.txt"),
            "报告\n1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元。".as_bytes(),
        );
        let doc = &c.docs[0];
        let ol = Outline::build(doc);
        let page = Page::new(doc, &ol, ViewOptions::default());
        assert_eq!(
            page.text(1).chars().count(),
            doc.paragraphs[1].text.chars().count()
        );
        let shown: String = page.lines(1).iter().map(|l| l.text.as_str()).collect();
        assert_eq!(shown, "1997年国内生产总值达到74772亿元。");
        let f = page.find("74772亿");
        assert_eq!(f.len(), 1);
        // Offsets and lengths are in the source's chars: `7 4 7 7 2 亿`.
        assert_eq!((f[0].offset, f[0].len), (17, 11));
        let keep = ViewOptions {
            punct: PunctMode::Keep,
            ..ViewOptions::default()
        };
        let page = Page::new(doc, &ol, keep);
        assert!(page.find("74772").is_empty());
        assert_eq!(page.text(1), doc.paragraphs[1].text);
    }
}
