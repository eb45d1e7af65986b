//! Punctuation restoration for display (LAYOUT.md R16, R19).
//!
//! Many documents (all five built-in seeds) are typed with ASCII `, : ; ? !
//! ( )` and `"` between Han characters. In `full` mode those marks are shown
//! as `，：；？！（）` and `“ ”`, so the text looks set and the layout rules,
//! which know the full-width forms, apply to them.
//!
//! What always holds here:
//! - one char in, one char out: [`restore`] returns exactly as many chars as
//!   it was given, in the same order, so a char offset into the displayed
//!   text is an offset into the source (search hits, bookmarks);
//! - a mark changes only in Han context, and never inside a URL, between two
//!   ASCII letters or digits (`3,000`, `10:30`, `a,b`), or in an English
//!   sentence (neither neighbour is Han);
//! - with `full == false` the text comes back unchanged.

use serde::{Deserialize, Serialize};

/// How the reader shows ASCII punctuation in Chinese text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PunctMode {
    /// Restore full-width forms when the document uses ASCII ones in Han
    /// text ([`document_wants_full`]).
    #[default]
    Auto,
    /// Show the text as it is.
    Keep,
    /// Always restore.
    Full,
}

/// Han ideographs: the characters whose presence makes a mark "Chinese".
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4e00..=0x9fff | 0x3400..=0x4dbf | 0xf900..=0xfaff | 0x3007 | 0x20000..=0x3ffff)
}

/// Full-width CJK punctuation and symbols (not the ideographic space):
/// a mark next to one of these is in Chinese text too.
fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x303f | 0xff01..=0xffef | 0xfe30..=0xfe4f)
}

fn is_hanish(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

/// Marks that close something and are looked *through* when asking what a
/// punctuation mark follows: in `“四个自信”,` the comma follows 信.
/// Redaction marks (`**`) stand for removed Han text, so they are looked
/// through as well (here and in [`is_transparent_opener`]).
fn is_transparent_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '*')
}

/// Marks that open something and are looked through when asking what a
/// punctuation mark precedes: in `:“你好` the colon precedes 你.
fn is_transparent_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '“' | '‘' | '*')
}

/// The char a mark at `i` follows, for context: skips spaces and closing
/// quotes/brackets (stopping at the first closer whose predecessor is Han).
fn prev_hanish(cs: &[char], i: usize) -> bool {
    let mut j = i;
    while j > 0 {
        j -= 1;
        let c = cs[j];
        if is_space(c) || is_transparent_closer(c) {
            continue;
        }
        return is_hanish(c);
    }
    false
}

/// Whether the text after a mark at `i` goes on in Chinese.
fn next_hanish(cs: &[char], i: usize) -> bool {
    for &c in &cs[i + 1..] {
        if is_space(c) || is_transparent_opener(c) {
            continue;
        }
        return is_hanish(c);
    }
    false
}

/// True for the chars that URLs are made of (RFC 3986, unreserved +
/// reserved + `%`).
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)
}

/// Marks the chars that belong to a URL (`http://`, `https://`, `ftp://`,
/// `www.`), so nothing inside one is ever converted. Trailing sentence
/// punctuation is not part of the URL (`见www.gov.cn,了解`).
fn url_mask(cs: &[char]) -> Vec<bool> {
    let mut mask = vec![false; cs.len()];
    let starts_with = |i: usize, pat: &str| {
        let mut k = i;
        for p in pat.chars() {
            match cs.get(k) {
                Some(c) if c.eq_ignore_ascii_case(&p) => k += 1,
                _ => return false,
            }
        }
        true
    };
    let mut i = 0;
    while i < cs.len() {
        let at_word_start = i == 0 || !cs[i - 1].is_ascii_alphanumeric();
        if at_word_start
            && (starts_with(i, "http://")
                || starts_with(i, "https://")
                || starts_with(i, "ftp://")
                || starts_with(i, "www."))
        {
            let mut end = i;
            while end < cs.len() && is_url_char(cs[end]) {
                end += 1;
            }
            // Trim what ends a sentence rather than the URL; a `)` stays
            // only when the URL itself opened one.
            while end > i {
                let last = cs[end - 1];
                let opens = cs[i..end].iter().filter(|&&c| c == '(').count();
                let closes = cs[i..end].iter().filter(|&&c| c == ')').count();
                if ".,:;?!'\"".contains(last) || (last == ')' && closes > opens) {
                    end -= 1;
                } else {
                    break;
                }
            }
            mask[i..end].iter_mut().for_each(|m| *m = true);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    mask
}

fn has_url_start(text: &str) -> bool {
    let lower = |p: &str| text.contains(p) || text.contains(&p.to_ascii_uppercase());
    lower("http") || lower("ftp://") || lower("www.")
}

/// Between two ASCII letters or digits (`3,000`, `10:30`, `a,b`) a mark
/// is part of a number or word and never changes.
fn between_ascii_alnum(cs: &[char], i: usize) -> bool {
    i > 0
        && cs[i - 1].is_ascii_alphanumeric()
        && cs.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric())
}

fn full_form(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Would the simple mark (`, : ; ? !`) at `i` be shown full-width?
fn simple_mark_converts(cs: &[char], i: usize, url: &[bool]) -> bool {
    !url.get(i).copied().unwrap_or(false)
        && !between_ascii_alnum(cs, i)
        && (prev_hanish(cs, i) || next_hanish(cs, i))
}

/// Auto mode (R19): does this document type ASCII `, : ; ? ! ( )` between
/// Han characters? True once at least two such marks are found; a stray one
/// is not a habit, and restoring is harmless anyway since only marks in Han
/// context ever change.
pub fn document_wants_full(paragraphs: &[&str]) -> bool {
    const ENOUGH: usize = 2;
    let mut found = 0;
    let mut cs: Vec<char> = Vec::new();
    for p in paragraphs {
        if !p.bytes().any(|b| b",:;?!()".contains(&b)) {
            continue;
        }
        cs.clear();
        cs.extend(p.chars());
        let url = if has_url_start(p) {
            url_mask(&cs)
        } else {
            Vec::new()
        };
        for i in 0..cs.len() {
            if full_form(cs[i]).is_some() && simple_mark_converts(&cs, i, &url) {
                found += 1;
                if found >= ENOUGH {
                    return true;
                }
            }
        }
    }
    false
}

/// Restore full-width punctuation in one paragraph (see the module doc).
///
/// With `full`, ASCII `, : ; ? !` in Han context become `，：；？！`;
/// a `( )` pair becomes `（ ）` when it holds Han text or sits between Han
/// text (`(一)`, `(1)加强`, `(残联)`); paired `"` become `“ ”` (first opens,
/// next closes) when the quotation holds or touches Han text. The result
/// always has exactly as many chars as `text`.
pub fn restore(text: &str, full: bool) -> String {
    if !full || !text.bytes().any(|b| b",:;?!()\"".contains(&b)) {
        return text.to_string();
    }
    let src: Vec<char> = text.chars().collect();
    let url = if has_url_start(text) {
        url_mask(&src)
    } else {
        vec![false; src.len()]
    };
    let mut out = src.clone();

    // Pass 1: the simple marks, judged on the source.
    for i in 0..src.len() {
        if matches!(src[i], ',' | ':' | ';' | '?' | '!') && simple_mark_converts(&src, i, &url) {
            out[i] = full_form(src[i]).unwrap_or(src[i]);
        }
    }

    // Pass 2: parentheses, matched as pairs so `)` follows its `(`; judged
    // on pass 1's output, so `要求:(1)` sees a full-width colon before `(`.
    let mut stack = Vec::new();
    let mut pairs = Vec::new();
    let mut lone_close = Vec::new();
    for i in 0..src.len() {
        if url[i] {
            continue;
        }
        match src[i] {
            '(' => stack.push(i),
            ')' => match stack.pop() {
                Some(o) => pairs.push((o, i)),
                None => lone_close.push(i),
            },
            _ => {}
        }
    }
    let before_ok = |cs: &[char], o: usize| o == 0 || prev_hanish(cs, o);
    for (o, c) in pairs {
        let inside_han = src[o + 1..c].iter().any(|&ch| is_han(ch));
        let starts = src[..o].iter().all(|&ch| is_space(ch));
        let ends = src[c + 1..].iter().all(|&ch| is_space(ch));
        let before = before_ok(&out, o);
        let after = ends || next_hanish(&out, c);
        if inside_han || (before && after && !(starts && ends)) {
            out[o] = '（';
            out[c] = '）';
        }
    }
    for o in stack {
        if next_hanish(&src, o) {
            out[o] = '（';
        }
    }
    for c in lone_close {
        if c > 0 && is_han(src[c - 1]) {
            out[c] = '）';
        }
    }

    // Pass 3: ASCII double quotes, paired by position in the paragraph.
    let quotes: Vec<usize> = (0..src.len())
        .filter(|&i| src[i] == '"' && !url[i])
        .collect();
    for pair in quotes.chunks(2) {
        match *pair {
            [o, c] => {
                let inside_han = src[o + 1..c].iter().any(|&ch| is_han(ch));
                if inside_han || prev_hanish(&out, o) || next_hanish(&out, c) {
                    out[o] = '“';
                    out[c] = '”';
                }
            }
            // A quotation that runs on into the next paragraph opens here
            // and closes there (Chinese convention).
            [o] if next_hanish(&src, o) => out[o] = '“',
            _ => {}
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(s: &str) -> String {
        restore(s, true)
    }

    #[test]
    fn seed_style_han_text_converts() {
        assert_eq!(
            full("要坚定“四个自信”,做到政治信仰不变色;这是前提:一是学习!对吗?"),
            "要坚定“四个自信”，做到政治信仰不变色；这是前提：一是学习！对吗？"
        );
        assert_eq!(
            full("关于\"四个全球倡议\"的重要文章"),
            "关于“四个全球倡议”的重要文章"
        );
        assert_eq!(full("驻民政(残联)、卫计"), "驻民政（残联）、卫计");
        assert_eq!(full("同比增长**%,**市第*位"), "同比增长**%，**市第*位");
    }

    #[test]
    fn list_markers() {
        assert_eq!(full("(一)强化使命担当"), "（一）强化使命担当");
        assert_eq!(full("(1)加强学习"), "（1）加强学习");
        assert_eq!(full("要求如下:(1)加强学习"), "要求如下：（1）加强学习");
        assert_eq!(full("(1) first item"), "(1) first item");
    }

    #[test]
    fn numbers_urls_english_unchanged() {
        for s in [
            "Hello, world: yes (really)!",
            "http://www.gov.cn/a,b;c?x=1&y=(2)",
            "3,000",
            "10:30",
            "1.2.3",
            "3.14",
            "a,b",
        ] {
            assert_eq!(full(s), s);
        }
        assert_eq!(
            full("会议于10:30开始,共3,000人"),
            "会议于10:30开始，共3,000人"
        );
        assert_eq!(full("详见www.gov.cn,了解"), "详见www.gov.cn，了解");
        assert_eq!(
            full("访问http://example.com/a?b=1,c:2,然后"),
            "访问http://example.com/a?b=1,c:2，然后"
        );
        assert_eq!(full("他说 Hello, world。"), "他说 Hello, world。");
    }

    #[test]
    fn keep_mode_and_char_count() {
        let s = "要坚定“四个自信”,做到(一)";
        assert_eq!(restore(s, false), s);
        assert_eq!(full(s).chars().count(), s.chars().count());
    }

    #[test]
    fn auto_decision() {
        assert!(document_wants_full(&["要坚定,做到", "一是学习;二是实践"]));
        assert!(!document_wants_full(&[
            "Hello, world: yes (really)!",
            "10:30"
        ]));
        assert!(!document_wants_full(&["全角，标点。"]));
    }

    #[test]
    fn serde_names() {
        assert_eq!(serde_json::to_string(&PunctMode::Full).unwrap(), "\"full\"");
    }
}
