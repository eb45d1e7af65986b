//! The Chinese line-layout engine: one paragraph in, finished lines out
//! (LAYOUT.md R1–R17).
//!
//! ratatui's `Wrap` breaks only at spaces and lets `，` start a line, so body
//! text is laid out here and handed over line by line. The engine is a pure
//! function of the text and [`LayoutOptions`]; it never touches a terminal.
//!
//! What always holds for the lines of [`layout`]:
//! - every char of the paragraph is on exactly one line, in order, except
//!   whitespace at the paragraph's start and end and at line breaks, which is
//!   dropped (R2, R11); `text` is exactly the chars `start..end`, one char for
//!   one char (control whitespace such as a tab is shown as a space), less
//!   the chars listed in `elided`, so char offsets map straight back to the
//!   source;
//! - U+2060 WORD JOINER (what the display puts for the spaces of OCR-spaced
//!   digits, `text::digits`) takes no cell, is never broken at, and is
//!   never shown: it is always in `elided`;
//! - no line is wider than the width (R1), counting the indent, with two
//!   exceptions: a single grapheme wider than the whole width (width 1 and a
//!   wide char) sits alone on its line, and in hanging mode one of `、，。．`
//!   may stick out into a 2-cell gutter (`hang`);
//! - lines break only at break opportunities (R4–R8, R10, R16), greedily
//!   (R9), except inside a unit wider than the line, which is split at
//!   grapheme boundaries choosing the least harmful place (R12).
//!
//! How it works: each char gets a class (space, may-not-start, may-not-end,
//! Latin word, …), from which a break opportunity before every char is
//! computed once. The text between two opportunities is a *unit*; units are
//! placed greedily. A char that may not start a line is thus glued to the
//! unit before it, which moves that unit down with it (R7: no push-in).
//!
//! Choices the rules leave open:
//! - a `'\n'` (or U+2028/U+2029) inside the text forces a break and is
//!   dropped like a space at a break; callers normally split paragraphs at
//!   newlines first (R20);
//! - leading whitespace is skipped even without indent (R11), so `start` of
//!   the first line points after it;
//! - the indent (R13) is left out when the width is below 6, or when the
//!   paragraph's first unit would fit the full width but not beside the
//!   indent (an indent alone on a line would look like a blank line);
//! - a Latin run is `[prefix] word (inner word)*` where word chars are ASCII
//!   letters and digits (and other narrow letters), inner chars are
//!   `. , : - _ / % ' ’` and prefixes `$ ¥ ￥ € £ #` (R8); there is no break
//!   before a hyphen that follows a word char (UAX #14 LB21).

use crate::text::width::{char_width, AmbiWidth};
use unicode_segmentation::UnicodeSegmentation;

/// How strictly line-start rules apply (clreq): *strict* also keeps every
/// `—` off the start of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Level {
    /// GB/T 15834 and clreq's basic set; a `——` may begin a line.
    #[default]
    Basic,
    /// Also no `—` at a line start, so `——` moves down with the char before.
    Strict,
}

/// Everything layout depends on besides the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Width of the text area in cells (0 is treated as 1).
    pub width: usize,
    /// Cells for East Asian Ambiguous chars (R14).
    pub ambi: AmbiWidth,
    pub level: Level,
    /// Indent the first line by 4 cells (R13).
    pub indent: bool,
    /// Let `、，。．` hang into a 2-cell gutter beyond `width` (R17).
    pub hanging: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            width: 80,
            ambi: AmbiWidth::One,
            level: Level::Basic,
            indent: true,
            hanging: false,
        }
    }
}

/// One laid-out line of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Char index (not byte) into the paragraph where this line's text starts.
    pub start: usize,
    /// Char index one past the last char of this line's text.
    pub end: usize,
    /// Blank cells before the text: 4 on the first line of an indented
    /// paragraph, else 0.
    pub indent: usize,
    /// The chars `start..end` (control whitespace shown as a space), less
    /// the spaces in `elided`; no indent spaces, never a leading or trailing
    /// space.
    pub text: String,
    /// Display width of indent + text (may exceed the layout width only as
    /// described in the module doc).
    pub width: usize,
    /// (hanging mode only) the last char hangs into the gutter.
    pub hang: bool,
    /// Char indexes of spaces inside `start..end` that are not shown: a
    /// space gives way when the text after it fits the line only without
    /// it, rather than breaking the line a whole unit early. Almost always
    /// empty.
    pub elided: Vec<usize>,
}

impl Line {
    /// The char index in the paragraph of the `k`-th char of `text`.
    pub fn source_index(&self, k: usize) -> usize {
        let mut i = self.start + k;
        for &e in &self.elided {
            if e <= i {
                i += 1;
            }
        }
        i
    }
}

/// Cells of indent on an indented paragraph's first line (R13).
pub const INDENT: usize = 4;

// Char class bits.
const SPACE: u8 = 1; // dropped at a break; a break may follow, never precede
const START: u8 = 2; // may not begin a line (S_START, R4)
const END: u8 = 4; // may not end a line (S_END, R5)
const WORD: u8 = 8; // part of a Latin word or number (R8)
const INNER: u8 = 16; // joins two word chars: 1.2  3,000  10:30  1-10  a/b
const PREFIX: u8 = 32; // binds to the number after it: $15
const DASH: u8 = 64; // a dash run is never split (R6)
const NEWLINE: u8 = 128; // a forced break

// Why there is no break before a position (bits), for choosing the least
// harmful split inside a unit wider than the line.
const WHY_R4: u8 = 1;
const WHY_R5: u8 = 2;
const WHY_R6: u8 = 4;
const WHY_R8: u8 = 8;
const WHY_GRAPHEME: u8 = 16;
const WHY_SPACE: u8 = 32;

// Break kinds, one per position 0..=n (before char i).
const NO: u8 = 0;
const YES: u8 = 1;
const HARD: u8 = 2;

fn is_s_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '？'
            | '！'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '｡'
            | '､'
            | '”'
            | '’'
            | '」'
            | '』'
            | '）'
            | '〕'
            | '］'
            | '｝'
            | '〉'
            | '》'
            | '】'
            | '〗'
            | '〙'
            | '〛'
            | '｠'
            | '·'
            | '・'
            | '‧'
            | '～'
            | '〜'
            | '–'
            | '…'
            | '⋯'
            | '%'
            | '‰'
            | '℃'
            | '°'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ':'
            | ';'
            | '!'
            | '?'
    )
}

fn is_s_end(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '「'
            | '『'
            | '（'
            | '〔'
            | '［'
            | '｛'
            | '〈'
            | '《'
            | '【'
            | '〖'
            | '〘'
            | '〚'
            | '｟'
            | '('
            | '['
            | '{'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '⸺' | '⸻')
}

/// Whitespace that may be dropped at a break. No-break spaces are not: they
/// exist to glue.
fn is_layout_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

fn is_newline(c: char) -> bool {
    matches!(c, '\n' | '\u{2028}' | '\u{2029}')
}

/// Control whitespace is shown (and measured) as one plain space, so no
/// control char reaches the terminal and offsets stay one char for one.
fn shown_as_space(c: char) -> bool {
    matches!(c, '\t' | '\r' | '\u{b}' | '\u{c}' | '\u{85}')
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || (!c.is_ascii() && c.is_alphabetic() && char_width(c, AmbiWidth::One) == 1)
}

/// Chars that are always a grapheme cluster of their own unless a
/// *non*-simple char sits next to them. When a paragraph has only these,
/// the (comparatively slow) grapheme segmentation is skipped.
fn grapheme_simple(c: char) -> bool {
    matches!(c as u32,
        0x09..=0x0d | 0x20..=0x7e | 0xa0..=0x2ff | 0x2010..=0x2027 | 0x2030..=0x205e
        | 0x2100..=0x2bff | 0x2e80..=0x3029 | 0x3030..=0x3098 | 0x309b..=0x30ff
        | 0x3100..=0x9fff | 0xac00..=0xd7a3 | 0xf900..=0xfaff | 0xfe10..=0xfe19
        | 0xfe30..=0xfe6f | 0xff01..=0xff9d | 0xffa0..=0xffef | 0x1f300..=0x1f3fa
        | 0x1f400..=0x1faff | 0x20000..=0x3ffff)
}

fn class_of(c: char) -> u8 {
    if c.is_ascii() {
        return match c {
            ' ' | '\t' | '\r' | '\u{b}' | '\u{c}' => SPACE,
            '\n' => SPACE | NEWLINE,
            'a'..='z' | 'A'..='Z' | '0'..='9' => WORD,
            ',' | '.' | ':' | '%' => START | INNER,
            ')' | ']' | '}' | ';' | '!' | '?' => START,
            '(' | '[' | '{' => END,
            '-' | '_' | '/' | '\'' => INNER,
            '$' | '#' => PREFIX,
            _ => 0, // '"' is resolved by position later (R16)
        };
    }
    if (0x4e00..=0x9fff).contains(&(c as u32)) {
        return 0;
    }
    let mut k = 0;
    if is_layout_space(c) {
        k |= SPACE;
        if is_newline(c) {
            k |= NEWLINE;
        }
    }
    if is_s_start(c) {
        k |= START;
    }
    if is_s_end(c) {
        k |= END;
    }
    if c == '’' {
        k |= INNER;
    }
    if matches!(
        c,
        '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2060}' | '\u{feff}'
    ) {
        // No-break spaces and joiners glue both sides (UAX #14 GL, WJ).
        k |= START | END;
    }
    if matches!(c, '¥' | '￥' | '€' | '£') {
        k |= PREFIX;
    }
    if is_dash(c) {
        k |= DASH;
    }
    if is_word(c) {
        k |= WORD;
    }
    k
}

/// A paragraph analysed once: chars, widths, classes, break opportunities.
struct Prepared {
    cs: Vec<char>,
    /// `pre[i]` is the width of `cs[..i]`.
    pre: Vec<u32>,
    class: Vec<u8>,
    /// `glue[i]`: `cs[i]` continues the grapheme of `cs[i - 1]`. Empty when
    /// the paragraph has no char that could form a multi-char grapheme.
    glue: Vec<bool>,
    brk: Vec<u8>,
    /// The text holds a U+2060 word joiner (never shown).
    joiners: bool,
}

impl Prepared {
    fn new(text: &str, opts: &LayoutOptions) -> Prepared {
        let cs: Vec<char> = text.chars().collect();
        let n = cs.len();
        let mut pre = Vec::with_capacity(n + 1);
        let mut class = Vec::with_capacity(n);
        let mut total = 0u32;
        let mut simple = true;
        let mut quotes = 0usize;
        pre.push(0);
        for (i, &c) in cs.iter().enumerate() {
            let mut k = class_of(c);
            let w = if k & SPACE != 0 {
                if k & NEWLINE != 0 {
                    0
                } else if shown_as_space(c) {
                    1
                } else {
                    char_width(c, opts.ambi)
                }
            } else {
                char_width(c, opts.ambi)
            };
            if c == '"' {
                // R16: ASCII quotes pair by position; the first opens.
                k |= if quotes.is_multiple_of(2) { END } else { START };
                quotes += 1;
            }
            if k & DASH != 0 {
                let run_start = i == 0 || !is_dash(cs[i - 1]);
                // Basic: a run may begin a line only when it is a real
                // `——`; a lone `—` may not. Strict: no dash may.
                let pair = cs[i] == '—' && cs.get(i + 1) == Some(&'—');
                if opts.level == Level::Strict || (run_start && !pair) {
                    k |= START;
                }
            }
            simple &= grapheme_simple(c);
            total += w as u32;
            pre.push(total);
            class.push(k);
        }
        let glue = if simple {
            Vec::new()
        } else {
            grapheme_glue(text, n)
        };
        for i in 1..glue.len().saturating_sub(1) {
            if glue[i] && class[i - 1] & SPACE != 0 {
                // A space carrying a combining mark is a visible char, not
                // a space to drop at a break.
                class[i - 1] &= !(SPACE | NEWLINE);
            }
        }
        let joiners = !simple && cs.contains(&'\u{2060}');
        let mut p = Prepared {
            cs,
            pre,
            class,
            glue,
            brk: Vec::new(),
            joiners,
        };
        p.brk = (0..=n).map(|i| p.break_kind(i)).collect();
        p
    }

    fn glued(&self, i: usize) -> bool {
        !self.glue.is_empty() && self.glue[i]
    }

    fn space(&self, i: usize) -> bool {
        self.class[i] & SPACE != 0
    }

    /// The first char of the grapheme that ends at `i` (so a combining mark
    /// does not hide the letter it sits on).
    fn base(&self, mut i: usize) -> usize {
        while i > 0 && self.glued(i) {
            i -= 1;
        }
        i
    }

    fn word_at(&self, i: usize) -> bool {
        self.class[self.base(i)] & WORD != 0
    }

    /// Reasons (WHY_* bits) why there is no break before char `i`, for
    /// `0 < i < n`; 0 means a break is allowed.
    fn why_not(&self, i: usize) -> u8 {
        let (a, b) = (self.class[i - 1], self.class[i]);
        if a | b == 0 && self.glue.is_empty() {
            return 0; // Han–Han and the like: the common case (R10)
        }
        if self.glued(i) {
            return WHY_GRAPHEME;
        }
        if b & SPACE != 0 {
            return WHY_SPACE; // break after a space run, never inside it
        }
        let mut why = 0;
        if b & START != 0 {
            why |= WHY_R4;
        }
        if a & SPACE != 0 {
            // A space run: the break goes after it, unless it sits before a
            // mark that may not start a line or after one that may not end
            // one (UAX #14 LB13/LB14 for spaces).
            let mut s = i - 1;
            while s > 0 && self.space(s - 1) {
                s -= 1;
            }
            if s > 0 && self.class[s - 1] & END != 0 {
                why |= WHY_R5;
            }
            return why;
        }
        if a & END != 0 {
            why |= WHY_R5;
        }
        if a & b & DASH != 0 {
            why |= WHY_R6;
        }
        let cb = self.cs[i];
        let aw = self.word_at(i - 1);
        let bw = b & WORD != 0;
        let joins = (aw && bw)
            || (aw && b & INNER != 0 && i + 1 < self.cs.len() && self.class[i + 1] & WORD != 0)
            || (a & INNER != 0 && i >= 2 && self.word_at(i - 2) && bw)
            || (a & PREFIX != 0 && bw)
            || (aw && cb == '-');
        if joins {
            why |= WHY_R8;
        }
        why
    }

    fn break_kind(&self, i: usize) -> u8 {
        let n = self.cs.len();
        if i == 0 || i == n {
            return YES;
        }
        if self.class[i - 1] & SPACE != 0 && self.class[i] & SPACE == 0 {
            let mut s = i;
            while s > 0 && self.space(s - 1) {
                if self.class[s - 1] & NEWLINE != 0 {
                    return HARD;
                }
                s -= 1;
            }
        }
        if self.why_not(i) == 0 {
            YES
        } else {
            NO
        }
    }

    fn width(&self, from: usize, to: usize) -> usize {
        (self.pre[to] - self.pre[from]) as usize
    }

    /// The next break opportunity after `u`.
    fn next_break(&self, u: usize) -> usize {
        let mut e = u + 1;
        while self.brk[e] == NO {
            e += 1;
        }
        e
    }

    /// `to` moved back over spaces, but not before `from`.
    fn trim_back(&self, from: usize, mut to: usize) -> usize {
        while to > from && self.space(to - 1) {
            to -= 1;
        }
        to
    }

    /// How bad a forced split before `j` is (R12): lower is better.
    fn penalty(&self, j: usize, width: usize) -> u8 {
        let why = self.why_not(j);
        if why & WHY_R6 != 0 {
            5 // never split …… or ——
        } else if why & WHY_R5 != 0 {
            4 // an opening mark left dangling at the line end
        } else if why & WHY_R8 != 0 {
            if self.word_run_width(j) > width {
                1 // R8 gives way by itself for a run wider than the line
            } else {
                3
            }
        } else if why & WHY_R4 != 0 && self.class[j - 1] & START != 0 {
            2 // inside a run of closing marks: split before the run instead
        } else {
            1
        }
    }

    fn word_run_width(&self, j: usize) -> usize {
        let (mut l, mut r) = (j, j);
        while l > 1 && self.why_not(l - 1) & WHY_R8 != 0 {
            l -= 1;
        }
        while r + 1 < self.cs.len() && self.why_not(r + 1) & WHY_R8 != 0 {
            r += 1;
        }
        self.width(l - 1, r + 1)
    }

    /// Where to split a unit `u..ce` that is wider than `avail` on an empty
    /// line: the least harmful boundary among those that fit, the latest of
    /// equals (greedy). With none that fits, after the first grapheme.
    fn split_point(&self, u: usize, ce: usize, avail: usize, width: usize) -> usize {
        let mut best: Option<(u8, usize)> = None;
        let mut first = None;
        for j in u + 1..ce {
            if self.glued(j) || self.space(j) {
                continue;
            }
            first.get_or_insert(j);
            if self.width(u, self.trim_back(u, j)) > avail {
                break;
            }
            let p = self.penalty(j, width);
            if best.is_none_or(|(bp, _)| p <= bp) {
                best = Some((p, j));
            }
        }
        best.map(|(_, j)| j).or(first).unwrap_or(ce)
    }

    /// May the spaces `from..to` give way (not be shown) inside a line?
    /// Only in Chinese context: a space between two Latin words or numbers
    /// separates them and always stays.
    fn may_elide(&self, from: usize, to: usize) -> bool {
        from > 0 && to < self.cs.len() && !(self.word_at(from - 1) && self.class[to] & WORD != 0)
    }

    fn line(
        &self,
        start: usize,
        end: usize,
        indent: usize,
        hang: bool,
        mut elided: Vec<usize>,
    ) -> Line {
        if self.joiners {
            elided.extend((start..end).filter(|&i| self.cs[i] == '\u{2060}'));
            elided.sort_unstable();
            elided.dedup();
        }
        let mut text = String::with_capacity((end - start) * 3);
        text.extend(
            (start..end)
                .filter(|i| !elided.contains(i))
                .map(|i| self.cs[i])
                .map(|c| if shown_as_space(c) { ' ' } else { c }),
        );
        let hidden: usize = elided.iter().map(|&i| self.width(i, i + 1)).sum();
        Line {
            start,
            end,
            indent,
            text,
            width: indent + self.width(start, end) - hidden,
            hang,
            elided,
        }
    }
}

/// Marks chars that continue the grapheme cluster before them.
fn grapheme_glue(text: &str, n: usize) -> Vec<bool> {
    let mut glue = vec![false; n + 1];
    let mut ci = 0;
    for g in text.graphemes(true) {
        let k = g.chars().count();
        for slot in &mut glue[ci + 1..ci + k] {
            *slot = true;
        }
        ci += k;
    }
    glue
}

fn hangs(c: char) -> bool {
    matches!(c, '、' | '，' | '。' | '．')
}

/// Lay out one paragraph (see the module doc for what always holds).
///
/// An empty or all-whitespace paragraph gives one empty line (`start ==
/// end == 0`).
pub fn layout(text: &str, opts: &LayoutOptions) -> Vec<Line> {
    let width = opts.width.max(1);
    let p = Prepared::new(text, opts);
    let n = p.cs.len();
    let mut u = 0;
    while u < n && p.space(u) {
        u += 1;
    }
    if u == n {
        return vec![Line {
            start: 0,
            end: 0,
            indent: 0,
            text: String::new(),
            width: 0,
            hang: false,
            elided: Vec::new(),
        }];
    }

    // R13, and when to leave the indent out (module doc).
    let mut indent = 0;
    if opts.indent && width >= INDENT + 2 {
        let e = p.next_break(u);
        let w = p.width(u, p.trim_back(u, e));
        if w <= width - INDENT || w > width {
            indent = INDENT;
        }
    }

    let mut lines = Vec::with_capacity(p.pre[n] as usize / width + 1);
    let mut avail = width - indent;
    let mut start = u;
    let mut end = u; // end of the text placed on this line so far
    let mut pending = 0; // width of the spaces after `end`
    let mut elided: Vec<usize> = Vec::new(); // spaces not shown on this line
    let mut hidden = 0; // their width
                        // Ends a line; returns the room on the next one (only the first line
                        // is indented).
    let mut emit =
        |start: usize, end: usize, hang: bool, lines: &mut Vec<Line>, elided: &mut Vec<usize>| {
            lines.push(p.line(start, end, indent, hang, std::mem::take(elided)));
            indent = 0;
            width
        };
    while u < n {
        let e = p.next_break(u);
        let ce = p.trim_back(u, e);
        let uw = p.width(u, ce);
        let empty = end == start;
        let need = if empty {
            uw
        } else {
            p.width(start, end) - hidden + pending + uw
        };
        // A space gives way (module doc): the unit fits only without it.
        let elide =
            !empty && need > avail && pending > 0 && need - pending <= avail && p.may_elide(end, u);
        if need <= avail || elide {
            if elide {
                elided.extend(end..u);
                hidden += pending;
            }
            end = ce;
            pending = p.width(ce, e);
            u = e;
            if p.brk[e] == HARD {
                avail = emit(start, end, false, &mut lines, &mut elided);
                hidden = 0;
                (start, end) = (e, e);
            }
            continue;
        }
        // R17: the unit fits but for a final 、，。． hanging in the gutter.
        if opts.hanging && ce - u >= 2 && hangs(p.cs[ce - 1]) && need - p.width(ce - 1, ce) <= avail
        {
            avail = emit(start, ce, true, &mut lines, &mut elided);
            hidden = 0;
            (start, end, u) = (e, e, e);
            continue;
        }
        if !empty {
            // R9: the line ends where the next unit does not fit.
            avail = emit(start, end, false, &mut lines, &mut elided);
            hidden = 0;
            (start, end) = (u, u);
            continue;
        }
        // R12: a unit wider than the whole line.
        let j = p.split_point(u, ce, avail, width);
        if j >= ce {
            // One grapheme wider than the line: alone on it.
            avail = emit(start, ce, false, &mut lines, &mut elided);
            (start, end, u) = (e, e, e);
        } else if p.space(j - 1)
            && p.may_elide(p.trim_back(u, j), j)
            && uw - p.width(p.trim_back(u, j), j) <= avail
        {
            // The unit is too wide only by its inner spaces: they give way,
            // and the line goes on filling.
            elided.extend(p.trim_back(u, j)..j);
            hidden = p.width(p.trim_back(u, j), j);
            end = ce;
            pending = p.width(ce, e);
            u = e;
            continue;
        } else {
            avail = emit(start, p.trim_back(u, j), false, &mut lines, &mut elided);
            (start, end, u) = (j, j, j);
        }
        hidden = 0;
    }
    if end > start || lines.is_empty() {
        emit(start, end, false, &mut lines, &mut elided);
    }
    lines
}
