//! The one width model (LAYOUT.md R14): how many terminal cells a character
//! or string takes.
//!
//! Everything that measures text (layout, highlighting, the cursor, and the
//! cells handed to ratatui) calls these functions, so they can never disagree.
//! What always holds here:
//! - widths come from `unicode-width` 0.2, the version ratatui 0.30 uses:
//!   `width()` when East Asian Ambiguous characters take one cell (A=1),
//!   `width_cjk()` when they take two (A=2), plus the Ambiguous *letters*
//!   (Greek, Cyrillic, pinyin's `āáǎà`, [`AMBIGUOUS_LETTERS`]) at two cells
//!   under A=2: `width_cjk()` keeps those narrow, but a terminal set to
//!   wide ambiguous characters (VTE, xterm's `cjkWidth`, iTerm2, mintty)
//!   draws every East Asian Ambiguous character wide, letters included;
//! - a string's width is the *sum of its chars' widths*, never a
//!   grapheme-aware width, because ratatui fills the buffer symbol by symbol
//!   and we must count exactly what it will draw;
//! - control characters have width 0 (they are replaced before they get
//!   here; 0 keeps arithmetic safe if one slips through).

use unicode_width::UnicodeWidthChar;

/// How many cells an East Asian *Ambiguous* character (“ ” … — · ① ※ °)
/// takes: it depends on the terminal's font and settings, not on Unicode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum AmbiWidth {
    /// One cell: most Western terminal setups, and the safe default.
    #[default]
    One,
    /// Two cells: CJK locales, or terminals told to treat ambiguous as wide.
    Two,
}

impl AmbiWidth {
    /// From a cell count as written in the config or on the command line.
    pub fn from_cells(n: u8) -> Option<Self> {
        match n {
            1 => Some(AmbiWidth::One),
            2 => Some(AmbiWidth::Two),
            _ => None,
        }
    }

    /// The number of cells an ambiguous character takes.
    pub fn cells(self) -> usize {
        match self {
            AmbiWidth::One => 1,
            AmbiWidth::Two => 2,
        }
    }
}

/// Display width of one char in cells under `a`.
///
/// Combining marks and other zero-width characters are 0; control
/// characters are 0 as well (see the module doc). Emoji are 2.
#[inline]
pub fn char_width(c: char, a: AmbiWidth) -> usize {
    let u = c as u32;
    // Fast paths for the two ranges that make up nearly all of our text:
    // printable ASCII and the CJK Unified Ideographs block. Both have the
    // same width under either A, and this skips the table lookup.
    if (0x20..0x7f).contains(&u) {
        return 1;
    }
    if (0x4e00..=0x9fff).contains(&u) {
        return 2;
    }
    let w = match a {
        AmbiWidth::One => c.width(),
        AmbiWidth::Two if u < 0x2200 && is_ambiguous_letter(u) => Some(2),
        AmbiWidth::Two => c.width_cjk(),
    };
    w.unwrap_or(0)
}

/// East Asian Width `A` characters of general category Letter or
/// Modifier_Symbol (EastAsianWidth.txt, Unicode 14–16: the set is the same),
/// which `unicode-width`'s `width_cjk()` leaves at one cell.
pub const AMBIGUOUS_LETTERS: &[(u32, u32)] = &[
    (0x00a8, 0x00a8),
    (0x00aa, 0x00aa),
    (0x00b4, 0x00b4),
    (0x00b8, 0x00b8),
    (0x00ba, 0x00ba),
    (0x00c6, 0x00c6),
    (0x00d0, 0x00d0),
    (0x00d8, 0x00d8),
    (0x00de, 0x00e1),
    (0x00e6, 0x00e6),
    (0x00e8, 0x00ea),
    (0x00ec, 0x00ed),
    (0x00f0, 0x00f0),
    (0x00f2, 0x00f3),
    (0x00f8, 0x00fa),
    (0x00fc, 0x00fc),
    (0x00fe, 0x00fe),
    (0x0101, 0x0101),
    (0x0111, 0x0111),
    (0x0113, 0x0113),
    (0x011b, 0x011b),
    (0x0126, 0x0127),
    (0x012b, 0x012b),
    (0x0131, 0x0133),
    (0x0138, 0x0138),
    (0x013f, 0x0142),
    (0x0144, 0x0144),
    (0x0148, 0x014b),
    (0x014d, 0x014d),
    (0x0152, 0x0153),
    (0x0166, 0x0167),
    (0x016b, 0x016b),
    (0x01ce, 0x01ce),
    (0x01d0, 0x01d0),
    (0x01d2, 0x01d2),
    (0x01d4, 0x01d4),
    (0x01d6, 0x01d6),
    (0x01d8, 0x01d8),
    (0x01da, 0x01da),
    (0x01dc, 0x01dc),
    (0x0251, 0x0251),
    (0x0261, 0x0261),
    (0x02c4, 0x02c4),
    (0x02c7, 0x02c7),
    (0x02c9, 0x02cb),
    (0x02cd, 0x02cd),
    (0x02d0, 0x02d0),
    (0x02d8, 0x02db),
    (0x02dd, 0x02dd),
    (0x02df, 0x02df),
    (0x0391, 0x03a1),
    (0x03a3, 0x03a9),
    (0x03b1, 0x03c1),
    (0x03c3, 0x03c9),
    (0x0401, 0x0401),
    (0x0410, 0x044f),
    (0x0451, 0x0451),
    (0x207f, 0x207f),
    (0x2113, 0x2113),
    (0x2126, 0x2126),
    (0x212b, 0x212b),
];

fn is_ambiguous_letter(u: u32) -> bool {
    AMBIGUOUS_LETTERS
        .binary_search_by(|&(lo, hi)| {
            if hi < u {
                std::cmp::Ordering::Less
            } else if lo > u {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Display width of a string: the sum of its chars' widths (see the module
/// doc for why this is not grapheme-aware).
pub fn str_width(s: &str, a: AmbiWidth) -> usize {
    s.chars().map(|c| char_width(c, a)).sum()
}

/// True when the char's width depends on [`AmbiWidth`], i.e. it is East
/// Asian Ambiguous as far as the width table is concerned.
pub fn is_ambiguous(c: char) -> bool {
    char_width(c, AmbiWidth::One) != char_width(c, AmbiWidth::Two)
}

/// Cut `s` to at most `max` cells, appending `…` when anything was cut.
///
/// The `…` counts with its own width under `a` (1 or 2 cells). A char is
/// never split: a wide char that would straddle the limit is left out, so
/// the result may be one cell narrower than `max`. When even `…` does not
/// fit, the result is empty (or `s` itself when it fits whole).
pub fn truncate_to_width(s: &str, max: usize, a: AmbiWidth) -> String {
    if str_width(s, a) <= max {
        return s.to_string();
    }
    let ell = char_width('…', a);
    if ell > max {
        return String::new();
    }
    let budget = max - ell;
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c, a);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_han_and_ambiguous() {
        assert_eq!(char_width('a', AmbiWidth::One), 1);
        assert_eq!(char_width('中', AmbiWidth::One), 2);
        assert_eq!(char_width('，', AmbiWidth::One), 2);
        for c in ['“', '”', '…', '—', '·', '①', '※', '°'] {
            assert!(is_ambiguous(c), "{c}");
            assert_eq!(char_width(c, AmbiWidth::One), 1, "{c}");
            assert_eq!(char_width(c, AmbiWidth::Two), 2, "{c}");
        }
        assert!(!is_ambiguous('中'));
        assert!(!is_ambiguous('a'));
    }

    #[test]
    fn ambiguous_letters_are_wide_under_a2() {
        // Cyrillic, Greek, pinyin tone letters, box drawing: what a
        // terminal set to wide ambiguous characters draws in two cells.
        for c in ['и', 'Ж', 'ё', 'α', 'Ω', 'ā', 'ǎ', 'ü', '─', '│', '┌', '═'] {
            assert!(is_ambiguous(c), "{c}");
            assert_eq!(char_width(c, AmbiWidth::One), 1, "{c}");
            assert_eq!(char_width(c, AmbiWidth::Two), 2, "{c}");
        }
        for c in ['a', 'z', 'ς', 'ѐ', 'ş'] {
            assert_eq!(char_width(c, AmbiWidth::Two), 1, "{c}");
        }
        assert_eq!(str_width("Москва", AmbiWidth::Two), 12);
        assert!(AMBIGUOUS_LETTERS.windows(2).all(|w| w[0].1 < w[1].0));
    }

    #[test]
    fn zero_width_and_emoji() {
        assert_eq!(char_width('\u{301}', AmbiWidth::One), 0);
        assert_eq!(char_width('\u{200d}', AmbiWidth::Two), 0);
        assert_eq!(char_width('\u{7}', AmbiWidth::One), 0);
        assert_eq!(char_width('😀', AmbiWidth::One), 2);
        assert_eq!(str_width("e\u{301}中“", AmbiWidth::Two), 5);
    }

    #[test]
    fn ambi_from_cells() {
        assert_eq!(AmbiWidth::from_cells(1), Some(AmbiWidth::One));
        assert_eq!(AmbiWidth::from_cells(2).map(AmbiWidth::cells), Some(2));
        assert_eq!(AmbiWidth::from_cells(3), None);
    }

    #[test]
    fn fast_paths_agree_with_table() {
        for u in (0x20u32..0x7f).chain(0x4e00..=0x9fff) {
            let c = char::from_u32(u).unwrap();
            assert_eq!(char_width(c, AmbiWidth::One), c.width().unwrap());
            assert_eq!(char_width(c, AmbiWidth::Two), c.width_cjk().unwrap());
        }
    }
}
