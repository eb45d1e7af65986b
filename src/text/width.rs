//! The one width model (LAYOUT.md R14): how many terminal cells a character
//! or string takes.
//!
//! Everything that measures text (layout, highlighting, the cursor, and the
//! cells handed to ratatui) calls these functions, so they can never disagree.
//! What always holds here:
//! - widths come from `unicode-width` 0.2, the version ratatui 0.30 uses:
//!   `width()` when East Asian Ambiguous characters take one cell (A=1),
//!   `width_cjk()` when they take two (A=2);
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
        AmbiWidth::Two => c.width_cjk(),
    };
    w.unwrap_or(0)
}

/// Display width of a string: the sum of its chars' widths (see the module
/// doc for why this is not grapheme-aware).
pub fn str_width(s: &str, a: AmbiWidth) -> usize {
    s.chars().map(|c| char_width(c, a)).sum()
}

/// True when the char's width depends on [`AmbiWidth`], i.e. it is East
/// Asian Ambiguous as far as the width table is concerned.
pub fn is_ambiguous(c: char) -> bool {
    c.width() != c.width_cjk()
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
