//! Spaced digits (OCR) joined for display: `1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元`
//! is shown as `1997年国内生产总值达到74772亿元`.
//!
//! Scanned reports come back from OCR with a space after every digit. Like
//! punctuation restoration this is display only, and one char for one char:
//! each space that goes is replaced by U+2060 WORD JOINER, which the layout
//! engine never shows, measures as no cell, and never breaks at, so the
//! number cannot be cut across two lines and every char offset (search
//! hits, bookmarks) still points into the source.
//!
//! What always holds:
//! - only spaces change, and only inside a run of at least two single
//!   digits each followed by a space (`1 9 9 7`), or between such a run and
//!   the Han character next to it (not punctuation: a line may break
//!   there); the run must touch Han text (or
//!   full-width punctuation) on one side and no ASCII letter or digit on
//!   the other, so `1 2 3 go`, `3 000`, `10 20 30` and English stay;
//! - the result has exactly as many chars as the input.

/// What a joined space becomes: invisible, no width, no break.
pub const JOINER: char = '\u{2060}';

fn is_hanish(c: char) -> bool {
    super::punct::is_han(c) || matches!(c as u32, 0x3001..=0x303f | 0xff01..=0xffef)
}

/// The text with OCR-spaced digit runs joined (see the module doc); `None`
/// when nothing changes (the common case, found without allocating).
pub fn join(text: &str) -> Option<String> {
    let b = text.as_bytes();
    // Fast check: a digit, a space, a digit somewhere.
    if !b
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b' ' && w[2].is_ascii_digit())
    {
        return None;
    }
    let mut cs: Vec<char> = text.chars().collect();
    let n = cs.len();
    let mut changed = false;
    let mut i = 0;
    while i < n {
        if !cs[i].is_ascii_digit() || (i > 0 && cs[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // A run: d ␠ d ␠ … d, every digit alone.
        let start = i;
        let mut digits = 1;
        let mut j = i + 1; // one past the last digit
        while j + 1 < n && cs[j] == ' ' && cs[j + 1].is_ascii_digit() {
            if j + 2 < n && cs[j + 2].is_ascii_digit() {
                break; // `1 23`: a multi-digit group ends the run
            }
            j += 2;
            digits += 1;
        }
        let single_first = !(start + 1 < n && cs[start + 1].is_ascii_digit());
        if digits < 2 || !single_first {
            i = j.max(i + 1);
            continue;
        }
        // Neighbours, over at most one space.
        let before = if start >= 2 && cs[start - 1] == ' ' {
            Some((start - 2, true))
        } else if start >= 1 {
            Some((start - 1, false))
        } else {
            None
        };
        let after = if j + 1 < n && cs[j] == ' ' {
            Some((j + 1, true))
        } else if j < n {
            Some((j, false))
        } else {
            None
        };
        let han = |p: Option<(usize, bool)>| p.is_some_and(|(k, _)| is_hanish(cs[k]));
        let alnum =
            |p: Option<(usize, bool)>| p.is_some_and(|(k, _)| cs[k].is_ascii_alphanumeric());
        let (han_before, han_after) = (han(before), han(after));
        if (han_before || han_after) && !alnum(before) && !alnum(after) {
            for c in &mut cs[start..j] {
                if *c == ' ' {
                    *c = JOINER;
                }
            }
            // The space to a Han neighbour goes too (达到 3 0 万 → 达到30万);
            // the one after or before punctuation stays a space, where a
            // line may break (a joiner there would glue `，，，` to the
            // number, and a line too narrow for both would have to be cut
            // inside the number).
            let glue = |p: Option<(usize, bool)>| {
                p.is_some_and(|(k, spaced)| spaced && super::punct::is_han(cs[k]))
            };
            let (glue_before, glue_after) = (glue(before), glue(after));
            if glue_before {
                cs[start - 1] = JOINER;
            }
            if glue_after {
                cs[j] = JOINER;
            }
            changed = true;
        }
        i = j.max(i + 1);
    }
    changed.then(|| cs.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(s: &str) -> String {
        join(s)
            .unwrap_or_else(|| s.to_string())
            .chars()
            .filter(|&c| c != JOINER)
            .collect()
    }

    #[test]
    fn the_issue_case() {
        let s = "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元";
        assert_eq!(shown(s), "1997年国内生产总值达到74772亿元");
        assert_eq!(join(s).unwrap().chars().count(), s.chars().count());
        assert_eq!(shown("增长 8 . 8 %"), "增长 8 . 8 %");
        assert_eq!(shown("达到 3 0 万"), "达到30万");
        assert_eq!(shown("（1 9 9 8 年3月5日）"), "（1998年3月5日）");
        // The space after punctuation stays: a line may break there.
        assert_eq!(shown("年，， 7 4 7 7 2 亿元"), "年，， 74772亿元");
    }

    #[test]
    fn what_stays() {
        for s in [
            "1 2 3 go",
            "共 3 000 人",
            "10 20 30",
            "第 3 条",
            "a 1 2 b",
            "2019年11月12日",
            "version 1 2",
            "1 23年",
        ] {
            assert_eq!(join(s), None, "{s}");
        }
    }
}
