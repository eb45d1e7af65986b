//! Script conversion (Simplified ⇄ Traditional) and script detection, via
//! ferrous-opencc (pure Rust OpenCC).
//!
//! Invariant: every conversion here returns exactly as many chars as it was
//! given, so a char offset into converted text is the same offset into the
//! source. OpenCC's phrase tables keep the count on all texts we have seen;
//! when a conversion would not, we fall back to converting char by char.

use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The script a text is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Hans,
    Hant,
    Mixed,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Hans => "hans",
            Script::Hant => "hant",
            Script::Mixed => "mixed",
        }
    }
    /// The one-character badge shown in lists: 简, 繁, or 混.
    pub fn badge(self) -> &'static str {
        match self {
            Script::Hans => "简",
            Script::Hant => "繁",
            Script::Mixed => "混",
        }
    }
}

/// What the reader shows: the source as it is, or converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Display {
    #[default]
    Original,
    Hans,
    Hant,
}

impl Display {
    /// original → 简 → 繁 → original (the `t` key).
    pub fn next(self) -> Self {
        match self {
            Display::Original => Display::Hans,
            Display::Hans => Display::Hant,
            Display::Hant => Display::Original,
        }
    }
}

fn converter(cfg: BuiltinConfig) -> &'static OpenCC {
    static T2S: OnceLock<OpenCC> = OnceLock::new();
    static S2T: OnceLock<OpenCC> = OnceLock::new();
    let cell = match cfg {
        BuiltinConfig::T2s => &T2S,
        _ => &S2T,
    };
    cell.get_or_init(|| {
        // The configs are compiled into the crate; failing to load one is a
        // build defect, not an input error.
        OpenCC::from_config(cfg).expect("built-in OpenCC config loads")
    })
}

fn convert_same_len(cfg: BuiltinConfig, text: &str) -> String {
    let oc = converter(cfg);
    let out = oc.convert(text);
    if out.chars().count() == text.chars().count() {
        return out;
    }
    // Rare: a phrase rule changed the length. Convert char by char so that
    // offsets still line up.
    let mut s = String::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let one = oc.convert(c.encode_utf8(&mut buf));
        let mut it = one.chars();
        match (it.next(), it.next()) {
            (Some(d), None) => s.push(d),
            _ => s.push(c),
        }
    }
    s
}

/// Traditional → Simplified, same char count: OpenCC's t2s by table
/// ([`super::t2s`]), the same text as [`to_hans_opencc`] at a fraction of
/// the cost (it is on the path of every sentence indexed).
pub fn to_hans(text: &str) -> String {
    super::t2s::to_hans(text)
}

/// [`to_hans`], borrowing `text` when nothing in it converts.
pub fn to_hans_cow(text: &str) -> std::borrow::Cow<'_, str> {
    super::t2s::to_hans_cow(text)
}

/// [`to_hans`], appended to `out` (no allocation of its own where the
/// text has no char beyond the BMP).
pub fn to_hans_into(out: &mut String, text: &str) {
    super::t2s::to_hans_into(out, text)
}

/// Traditional → Simplified by OpenCC itself, same char count: what the
/// table of [`super::t2s`] is built from and checked against.
pub(crate) fn to_hans_opencc(text: &str) -> String {
    convert_same_len(BuiltinConfig::T2s, text)
}

/// Simplified → Traditional, same char count.
pub fn to_hant(text: &str) -> String {
    convert_same_len(BuiltinConfig::S2t, text)
}

/// Convert for display; `Original` borrows nothing and returns the text.
pub fn convert(text: &str, display: Display) -> String {
    match display {
        Display::Original => text.to_string(),
        Display::Hans => to_hans(text),
        Display::Hant => to_hant(text),
    }
}

/// Decide the script of a text: count chars that only the Traditional form
/// has (t2s changes them) against chars only the Simplified form has (s2t
/// changes them). Each distinct char is converted once per thread and
/// remembered (per thread, so loading can detect documents in parallel):
/// conversion is the costly part of loading.
pub fn detect(text: &str) -> Script {
    use std::cell::RefCell;
    use std::collections::HashMap;
    const KNOWN: u8 = 4;
    const TRAD_ONLY: u8 = 1;
    const SIMP_ONLY: u8 = 2;
    // Per thread, so documents are detected in parallel without a lock:
    // a table for the BMP (most Han), a map for the rest.
    thread_local! {
        static SEEN: RefCell<(Vec<u8>, HashMap<char, u8>)> =
            RefCell::new((vec![0; 0x1_0000], HashMap::new()));
    }
    let classify = |c: char| {
        let mut buf = [0u8; 4];
        let one = c.encode_utf8(&mut buf);
        let t = converter(BuiltinConfig::T2s).convert(one) != *one;
        let s = converter(BuiltinConfig::S2t).convert(one) != *one;
        KNOWN | (t as u8 * TRAD_ONLY) | (s as u8 * SIMP_ONLY)
    };
    let (mut trad_only, mut simp_only) = (0usize, 0usize);
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        let (bmp, rest) = &mut *seen;
        for c in text.chars().filter(|c| is_han(*c)) {
            let u = c as usize;
            let flags = if u < bmp.len() {
                if bmp[u] == 0 {
                    bmp[u] = classify(c);
                }
                bmp[u]
            } else {
                *rest.entry(c).or_insert_with(|| classify(c))
            };
            trad_only += (flags & TRAD_ONLY != 0) as usize;
            simp_only += (flags & SIMP_ONLY != 0) as usize;
        }
    });
    let total = trad_only + simp_only;
    if total == 0 {
        return Script::Hans;
    }
    let t = trad_only as f64 / total as f64;
    if t >= 0.8 {
        Script::Hant
    } else if t <= 0.2 {
        Script::Hans
    } else {
        Script::Mixed
    }
}

/// CJK unified ideographs (the blocks OpenCC's tables cover).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_keep_char_count() {
        let s = "两个维护、四个自信和高质量发展，干部要发挥作用。";
        let t = to_hant(s);
        assert_eq!(t.chars().count(), s.chars().count());
        assert!(t.contains("兩個維護"));
        assert_eq!(to_hans("兩個維護"), "两个维护");
    }

    #[test]
    fn detects_scripts() {
        assert_eq!(
            detect("今天我們利用一上午時間，專題召開鎮書記座談會"),
            Script::Hant
        );
        assert_eq!(
            detect("今天我们利用一上午时间，专题召开镇书记座谈会"),
            Script::Hans
        );
        assert_eq!(detect("abc 123"), Script::Hans);
    }
}
