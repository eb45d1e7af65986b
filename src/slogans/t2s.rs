//! Traditional → Simplified for mining, fast: the same text as
//! [`crate::text::script::to_hans`] (OpenCC's t2s), at a table lookup per
//! char instead of two dictionary walks per char.
//!
//! OpenCC's t2s is a longest-match over two dictionaries: TSCharacters
//! (single chars) and TSPhrases (277 phrases, where a char converts
//! otherwise in context: 乾隆, 瞭望). Here the char dictionary is a table
//! (each BMP Han char converted alone by OpenCC, once), and the phrases are
//! matched only where a phrase can start: their keys are listed in
//! `t2s_phrases.txt` (from OpenCC's TSPhrases.txt, Apache-2.0, as shipped
//! in ferrous-opencc 0.4), their values are asked of OpenCC.
//!
//! What always holds: [`to_hans_fast`] returns what `to_hans` returns
//! (checked on the built-in corpus and by a property test over
//! Traditional text, the phrase keys and mixtures of them); outside the
//! table's reach (chars beyond the BMP) it calls OpenCC itself.

use crate::text::script::to_hans;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const PHRASE_KEYS: &str = include_str!("t2s_phrases.txt");

/// A phrase's key and value, char by char.
type Phrase = (Vec<char>, Vec<char>);

struct Table {
    /// BMP char → its conversion alone (itself when unchanged).
    chars: Vec<char>,
    /// First char → (key, value) of the phrases opening with it, longest
    /// key first.
    phrases: FxHashMap<char, Vec<Phrase>>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut chars: Vec<char> = (0..0x10000u32)
            .map(|cp| char::from_u32(cp).unwrap_or('\u{fffd}'))
            .collect();
        let mut all = String::new();
        let mut cps = Vec::new();
        for cp in (0x3400u32..=0x9fff).chain(0xf900..=0xfaff) {
            if let Some(c) = char::from_u32(cp) {
                all.push(c);
                all.push('\n');
                cps.push(c);
            }
        }
        // Each char converted alone: no dictionary key holds a newline.
        let conv = to_hans(&all);
        for (c, d) in cps.iter().zip(conv.chars().filter(|&d| d != '\n')) {
            chars[*c as usize] = d;
        }
        let mut phrases: FxHashMap<char, Vec<Phrase>> = FxHashMap::default();
        for key in PHRASE_KEYS.lines().map(str::trim).filter(|k| !k.is_empty()) {
            let k: Vec<char> = key.chars().collect();
            let v: Vec<char> = to_hans(key).chars().collect();
            phrases.entry(k[0]).or_default().push((k, v));
        }
        for list in phrases.values_mut() {
            list.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        Table { chars, phrases }
    })
}

/// The conversion of `c` alone (`c` when t2s leaves it).
pub(crate) fn char_alone(c: char) -> char {
    table().chars.get(c as usize).copied().unwrap_or(c)
}

/// `to_hans(text)`, by table.
pub(crate) fn to_hans_fast(text: &str) -> String {
    if text.chars().any(|c| c as u32 >= 0x10000) {
        return to_hans(text);
    }
    let t = table();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    'chars: while i < chars.len() {
        let c = chars[i];
        if let Some(list) = t.phrases.get(&c) {
            for (k, v) in list {
                if chars[i..].starts_with(k) {
                    out.extend(v);
                    i += k.len();
                    continue 'chars;
                }
            }
        }
        out.push(t.chars[c as usize]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use proptest::prelude::*;

    #[test]
    fn the_builtin_corpus_converts_as_opencc_does() {
        for d in &Corpus::builtin().docs {
            for p in &d.paragraphs {
                assert_eq!(to_hans_fast(&p.text), to_hans(&p.text));
            }
        }
    }

    #[test]
    fn phrases_convert_in_context() {
        for key in PHRASE_KEYS.lines() {
            let s = format!("他說{key}了。");
            assert_eq!(to_hans_fast(&s), to_hans(&s), "{key}");
        }
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
            prop_assert_eq!(to_hans_fast(&s), to_hans(&s));
        }
    }
}
