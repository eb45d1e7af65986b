//! Traditional → Simplified by table: what [`crate::text::script::to_hans`]
//! returns (OpenCC's t2s, [`to_hans_opencc`]), at a table lookup per char
//! instead of two dictionary walks per char.
//!
//! OpenCC's t2s is a longest-match over two dictionaries: TSCharacters
//! (single chars) and TSPhrases (277 phrases, where a char converts
//! otherwise in context: 乾隆, 瞭望). Here the char dictionary is a table,
//! filled as chars are first seen (each BMP char converted alone by
//! OpenCC, once per process: a search converts a few chars, an index the
//! few thousand its corpus has, and neither pays for the rest), and the
//! phrases are matched only where a phrase can start: their keys are
//! listed in `t2s_phrases.txt` (from OpenCC's TSPhrases.txt, Apache-2.0,
//! as shipped in ferrous-opencc 0.4), their values are asked of OpenCC.
//!
//! What always holds: [`to_hans`] returns what [`to_hans_opencc`] returns
//! (checked char by char over the whole BMP, on the built-in corpus, and
//! by property tests over Han text, the phrase keys and mixtures of
//! them), so it keeps the char count too; outside the table's reach (text
//! with a char beyond the BMP) it calls OpenCC itself. Text with nothing
//! to convert is copied in runs, not char by char.

use crate::text::script::to_hans_opencc;
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering::Relaxed};
use std::sync::OnceLock;

const PHRASE_KEYS: &str = include_str!("t2s_phrases.txt");

/// Set in every filled table entry (0 is "not seen yet").
const KNOWN: u32 = 1 << 30;
/// Set in a table entry when a phrase key opens with the char.
const PHRASE: u32 = 1 << 31;
/// The converted char's bits of an entry.
const CHAR: u32 = KNOWN - 1;

struct Table {
    /// BMP code point → 0 until first seen, then its conversion alone
    /// `| KNOWN`, `| PHRASE` when a phrase key opens with it: an entry equal
    /// to the code point `| KNOWN` means "copy". Filled by any thread; two
    /// threads filling one entry store the same value.
    chars: Vec<AtomicU32>,
    /// One bit per BMP char, set once its entry says "copy" (no conversion,
    /// no phrase opens with it): 8 KB, so that the common char is answered
    /// from L1 cache, where the 256 KB of `chars` missed it (a third of the
    /// conversion's time on Simplified text).
    plain: Vec<AtomicU64>,
    /// First char → (key, value) of the phrases opening with it, longest
    /// key first.
    phrases: FxHashMap<char, Vec<(String, String)>>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut phrases: FxHashMap<char, Vec<(String, String)>> = FxHashMap::default();
        for key in PHRASE_KEYS.lines().map(str::trim).filter(|k| !k.is_empty()) {
            if let Some(first) = key.chars().next() {
                phrases
                    .entry(first)
                    .or_default()
                    .push((key.to_string(), to_hans_opencc(key)));
            }
        }
        for list in phrases.values_mut() {
            list.sort_by_key(|(k, _)| std::cmp::Reverse(k.chars().count()));
        }
        Table {
            chars: (0..0x10000).map(|_| AtomicU32::new(0)).collect(),
            plain: (0..0x10000 / 64).map(|_| AtomicU64::new(0)).collect(),
            phrases,
        }
    })
}

impl Table {
    /// Fill the entry of BMP char `c`, seen for the first time.
    #[cold]
    #[inline(never)]
    fn fill(&self, c: char) -> u32 {
        let mut buf = [0u8; 4];
        let alone = to_hans_opencc(c.encode_utf8(&mut buf));
        // One char in, one out (to_hans_opencc keeps the count).
        let d = alone.chars().next().unwrap_or(c);
        let phrase = if self.phrases.contains_key(&c) {
            PHRASE
        } else {
            0
        };
        let e = d as u32 | KNOWN | phrase;
        self.chars[c as usize].store(e, Relaxed);
        if e == c as u32 | KNOWN {
            self.plain[c as usize / 64].fetch_or(1 << (c as u32 % 64), Relaxed);
        }
        e
    }
}

/// The conversion of `c` alone (`c` when t2s leaves it).
#[cfg(test)]
fn char_alone(c: char) -> char {
    if c as u32 >= 0x10000 {
        return c;
    }
    let t = table();
    let e = match t.chars[c as usize].load(Relaxed) {
        0 => t.fill(c),
        e => e,
    };
    char::from_u32(e & CHAR).unwrap_or(c)
}

/// Traditional → Simplified, by table: [`to_hans_opencc`]'s text.
pub(crate) fn to_hans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    to_hans_into(&mut out, text);
    out
}

/// [`to_hans`], appended to `out`.
pub(crate) fn to_hans_into(out: &mut String, text: &str) {
    if !convert_into(out, text) {
        out.push_str(text);
    }
}

/// [`to_hans`], borrowing `text` when nothing in it converts (most
/// Simplified text: no copy, no allocation).
pub(crate) fn to_hans_cow(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    if convert_into(&mut out, text) {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Append the conversion of `text` to `out`, from the first char that
/// converts on; `false`, with `out` as it was, when no char does (the
/// conversion is then `text` itself).
fn convert_into(out: &mut String, text: &str) -> bool {
    let t = table();
    let start = out.len();
    // `text[..copied]` is in `out` already; chars before `skip` were taken
    // by a phrase.
    let (mut copied, mut skip) = (0, 0);
    let mut changed = false;
    for (i, c) in text.char_indices() {
        if i < skip {
            continue;
        }
        let cp = c as usize;
        if let Some(bits) = t.plain.get(cp / 64) {
            if bits.load(Relaxed) & (1 << (cp % 64)) != 0 {
                continue;
            }
        }
        let Some(slot) = t.chars.get(cp) else {
            // Beyond the BMP: OpenCC itself, for the whole text.
            out.truncate(start);
            out.push_str(&to_hans_opencc(text));
            return true;
        };
        let e = match slot.load(Relaxed) {
            0 => t.fill(c),
            e => e,
        };
        if e == c as u32 | KNOWN {
            continue;
        }
        if e & PHRASE != 0 {
            let rest = &text[i..];
            let list = t.phrases.get(&c).map_or(&[][..], Vec::as_slice);
            if let Some((k, v)) = list.iter().find(|(k, _)| rest.starts_with(k.as_str())) {
                if !changed {
                    out.reserve(text.len());
                    changed = true;
                }
                out.push_str(&text[copied..i]);
                out.push_str(v);
                copied = i + k.len();
                skip = copied;
                continue;
            }
            if e & CHAR == c as u32 {
                continue;
            }
        }
        if !changed {
            out.reserve(text.len());
            changed = true;
        }
        if copied < i {
            out.push_str(&text[copied..i]);
        }
        out.push(char::from_u32(e & CHAR).unwrap_or(c));
        copied = i + c.len_utf8();
    }
    if changed {
        out.push_str(&text[copied..]);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use proptest::prelude::*;

    #[test]
    fn the_table_is_opencc_char_by_char_over_the_bmp() {
        let cps: Vec<char> = (0..0x10000u32)
            .filter_map(char::from_u32)
            .filter(|&c| c != '\n')
            .collect();
        let all: String = cps.iter().flat_map(|&c| [c, '\n']).collect();
        let conv: Vec<char> = to_hans_opencc(&all)
            .chars()
            .filter(|&d| d != '\n')
            .collect();
        assert_eq!(conv.len(), cps.len());
        for (&c, &d) in cps.iter().zip(&conv) {
            assert_eq!(char_alone(c), d, "{c} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn phrases_keep_their_length() {
        for key in PHRASE_KEYS.lines() {
            assert_eq!(
                to_hans_opencc(key).chars().count(),
                key.chars().count(),
                "{key}"
            );
        }
    }

    #[test]
    fn the_builtin_corpus_converts_as_opencc_does() {
        for d in &Corpus::builtin().docs {
            for p in &d.paragraphs {
                assert_eq!(to_hans(&p.text), to_hans_opencc(&p.text));
            }
        }
    }

    #[test]
    fn phrases_convert_in_context() {
        for key in PHRASE_KEYS.lines() {
            let s = format!("他說{key}了。");
            assert_eq!(to_hans(&s), to_hans_opencc(&s), "{key}");
            let s = format!("{key}{key}乾");
            assert_eq!(to_hans(&s), to_hans_opencc(&s), "{key}");
        }
    }

    #[test]
    fn beyond_the_bmp_is_opencc() {
        let s = "𠮷野家的國家𡘙";
        assert_eq!(to_hans(s), to_hans_opencc(s));
    }

    /// Pieces to build text from: the phrase keys whole and cut, Traditional
    /// and Simplified chars, punctuation, Latin.
    fn pieces() -> Vec<String> {
        let mut v: Vec<String> = PHRASE_KEYS.lines().map(str::to_string).collect();
        for k in PHRASE_KEYS.lines().take(120) {
            let c: Vec<char> = k.chars().collect();
            v.push(c[..c.len() / 2].iter().collect());
            v.push(c[c.len() / 2..].iter().collect());
        }
        for s in [
            "國", "發", "乾", "著", "於", "一", "的", "，", "“", "a1", "體制", "后", "後", "裡",
        ] {
            v.push(s.to_string());
        }
        v
    }

    proptest! {
        #[test]
        fn mixtures_convert_as_opencc_does(ix in prop::collection::vec(any::<prop::sample::Index>(), 0..24)) {
            let p = pieces();
            let s: String = ix.iter().map(|i| p[i.index(p.len())].as_str()).collect();
            prop_assert_eq!(to_hans(&s), to_hans_opencc(&s));
            // Appended to what the buffer holds, never in its place.
            let mut buf = String::from("甲");
            to_hans_into(&mut buf, &s);
            prop_assert_eq!(buf, format!("甲{}", to_hans_opencc(&s)));
        }

        #[test]
        fn han_text_converts_as_opencc_does(
            s in "[\\u{3400}-\\u{4dbf}\\u{4e00}-\\u{9fff}\\u{f900}-\\u{faff}，。“”a-z0-9 ]{0,40}"
        ) {
            prop_assert_eq!(to_hans(&s), to_hans_opencc(&s));
        }
    }
}
