//! One paragraph made ready for mining: its Simplified text and its words.
//!
//! What always holds:
//! - [`simplified`] returns exactly as many chars as it is given, and the same
//!   text as `to_hans`, with full-width `＋` folded to `+` so that
//!   `互联网＋` and `互联网+` are one formula.
//! - Tokens cover the text in order, without gaps; a token is `han` when all
//!   its chars are Han. Segmentation is jieba's dictionary route without the
//!   HMM: unknown chars stay single chars, so a phrase splits the same way
//!   wherever it stands.

use crate::text::script::is_han;
#[cfg(test)]
use crate::text::script::to_hans;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::borrow::Cow;
use std::cell::RefCell;
use std::hash::BuildHasher;

/// One segmented word of a paragraph.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    /// Byte span in the Simplified text.
    pub b0: u32,
    pub b1: u32,
    /// Char span in the Simplified (and so in the original) text.
    pub c0: u32,
    pub c1: u32,
    /// Every char is Han.
    pub han: bool,
    /// The first two bytes of jieba's dictionary tag (`x` when unknown).
    pub tag: [u8; 2],
    /// The word is in jieba's dictionary.
    pub dict: bool,
    /// Neighbour identity: odd for a Han word (a hash of it), even for a
    /// class of other text (digits, Latin, one punctuation mark).
    pub id: u32,
    /// What the word lists say of the word ([`super::doc::word_flags`]).
    pub flags: u16,
    /// A Han word's 64-bit hash (Fx, as `FxBuildHasher.hash_one(word)`),
    /// made once for the word cache and the document's word counts; 0
    /// for other text.
    pub key: u64,
}

impl Tok {
    pub fn chars(&self) -> usize {
        (self.c1 - self.c0) as usize
    }
    pub fn tag_is(&self, first: u8) -> bool {
        self.tag[0] == first
    }
}

/// A paragraph's Simplified text and tokens.
pub(crate) struct Prepared<'a> {
    /// Borrowed from the paragraph when it is Simplified already.
    pub text: Cow<'a, str>,
    pub chars: Vec<char>,
    pub toks: Vec<Tok>,
}

impl Prepared<'_> {
    pub fn word(&self, t: &Tok) -> &str {
        &self.text[t.b0 as usize..t.b1 as usize]
    }
}

/// [`simplified`], borrowing `text` when it is its own Simplified form.
pub(crate) fn simplified_cow(text: &str) -> Cow<'_, str> {
    let s = crate::text::script::to_hans_cow(text);
    if PLUS.find(s.as_bytes()).is_some() {
        return Cow::Owned(s.replace('＋', "+"));
    }
    s
}

/// memchr's SIMD search (str::contains(char) is core's word-at-a-time
/// memchr of the last byte, on every paragraph).
static PLUS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("＋"));

/// The Simplified form of `text`, same char count, `＋` folded to `+`.
pub fn simplified(text: &str) -> String {
    // to_hans copies what it leaves as it is in runs: no need to look
    // for a char to change first (which missed the phrases whose chars do
    // not change alone: 答覆 → 答复, 瞭解 → 了解).
    let s = crate::text::script::to_hans(text);
    if PLUS.find(s.as_bytes()).is_some() {
        return s.replace('＋', "+");
    }
    s
}

/// FNV-1a of a word, made odd (Han words) so it never equals a class id.
fn word_id(w: &str) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for b in w.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h | 1
}

/// Punctuation of Chinese text, none of it alphabetic (a test checks).
fn common_mark(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '「'
            | '」'
            | '『'
            | '』'
            | '—'
            | '…'
            | '·'
            | '～'
            | '\u{3000}'
    )
}

/// Neighbour class of a token that is not a Han word.
fn class_id(w: &str) -> u32 {
    // Most are one punctuation mark or one ASCII char: answered without
    // the Unicode tables' look-up of `is_alphabetic`.
    let mut it = w.chars();
    if let (Some(c), None) = (it.next(), it.next()) {
        if c.is_ascii() {
            return if c.is_ascii_digit() {
                2
            } else if c.is_ascii_alphabetic() {
                4
            } else {
                (c as u32) << 3
            };
        }
        if common_mark(c) {
            return (c as u32) << 3;
        }
    }
    if w.chars().any(|c| c.is_ascii_digit()) {
        2
    } else if w.chars().any(|c| c.is_alphabetic()) {
        4
    } else {
        w.chars().next().map_or(6, |c| (c as u32) << 3)
    }
}

/// What the word cache knows of a word: tag, in the dictionary, flags.
type WordInfo = ([u8; 2], bool, u16);

thread_local! {
    /// Per thread: word → (tag, in dictionary). Jieba's own tag lookup is
    /// a trie walk per word; a paragraph repeats its words.
    /// Keyed by a 64-bit hash of the word (no string compares).
    static TAGS: RefCell<FxHashMap<u64, WordInfo>> = RefCell::new(FxHashMap::default());
}

fn tag_of(key: u64, word: &str) -> WordInfo {
    TAGS.with(|cell| {
        let mut map = cell.borrow_mut();
        if let Some(t) = map.get(&key) {
            return *t;
        }
        let jb = super::jieba();
        let dict = jb.has_word(word);
        let tags = jb.tag(word, false);
        let tag = match tags.as_slice() {
            [one] => {
                let b = one.tag.as_bytes();
                [
                    b.first().copied().unwrap_or(b'x'),
                    b.get(1).copied().unwrap_or(0),
                ]
            }
            _ => [b'x', 0],
        };
        // Bound the cache on pathological input (many distinct unknown words).
        if map.len() > 1 << 20 {
            map.clear();
        }
        let flags = super::doc::word_flags(word, tag);
        map.insert(key, (tag, dict, flags));
        (tag, dict, flags)
    })
}

/// Simplify and segment one paragraph.
pub(crate) fn prepare(original: &str) -> Prepared<'_> {
    let text = simplified_cow(original);
    // Sized first: collecting would guess a quarter of the bytes and grow.
    let mut chars: Vec<char> = Vec::with_capacity(text.chars().count());
    chars.extend(text.chars());
    let toks = super::jieba()
        .cut(&text, false)
        .into_iter()
        .map(|t| {
            let han = t.word.chars().all(is_han);
            let (tag, dict, flags, id, key) = if han {
                let key = FxBuildHasher.hash_one(t.word);
                let (tag, dict, flags) = tag_of(key, t.word);
                (tag, dict, flags, word_id(t.word), key)
            } else {
                ([b'x', 0], false, 0, class_id(t.word), 0)
            };
            Tok {
                b0: t.byte_start as u32,
                b1: t.byte_end as u32,
                c0: t.start as u32,
                c1: t.end as u32,
                han,
                tag,
                dict,
                id,
                flags,
                key,
            }
        })
        .collect();
    Prepared { text, chars, toks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn fast_path_gives_what_opencc_gives() {
        let c = Corpus::builtin();
        for d in &c.docs {
            for p in &d.paragraphs {
                assert_eq!(simplified(&p.text), to_hans(&p.text).replace('＋', "+"));
                assert_eq!(simplified_cow(&p.text), simplified(&p.text));
            }
        }
        assert_eq!(simplified("兩個維護和四個自信"), "两个维护和四个自信");
        // Phrases whose chars stay as they are alone.
        assert_eq!(
            simplified("我们要答覆群众、瞭解情况"),
            "我们要答复群众、了解情况"
        );
        assert_eq!(simplified("互联网＋政务"), "互联网+政务");
    }

    #[test]
    fn common_marks_are_classed_as_before() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            let w = c.to_string();
            let slow = if c.is_ascii_digit() {
                2
            } else if c.is_alphabetic() {
                4
            } else {
                (c as u32) << 3
            };
            assert_eq!(class_id(&w), slow, "{c:?}");
        }
    }

    #[test]
    fn tokens_cover_the_text() {
        let p = prepare("坚定“四个自信”，推进互联网+政务服务2016年。");
        let mut at = 0;
        for t in &p.toks {
            assert_eq!(t.c0, at);
            at = t.c1;
        }
        assert_eq!(at as usize, p.chars.len());
        assert!(p.toks.iter().any(|t| p.word(t) == "+" && !t.han));
    }
}
