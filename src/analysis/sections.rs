//! Two outlines side by side, matching headings paired.
//!
//! How, in two steps:
//! 1. By title. Each heading's title is normalised (Simplified; digits,
//!    spaces and punctuation dropped, so `2015年工作回顾` and
//!    `过去五年工作回顾` share `年工作回顾`); two titles score the mean of
//!    their char and char-bigram Dice coefficients, scaled by 0.8 when
//!    their levels differ. A global alignment over the two heading
//!    sequences in document order (Needleman–Wunsch with no gap cost, a
//!    weighted LCS) picks the pairs scoring at least [`MIN_SIMILARITY`]
//!    with the largest total. Pairs never cross: a heading moved to
//!    another place stays unpaired rather than pulling the rest out of
//!    order.
//! 2. By sub-headings. Two headings of the same level left unpaired whose
//!    sub-headings were paired at least [`MIN_CHILD_PAIRS`] times
//!    (`二、2008年主要任务` and `三、2016年重点工作`, whose items match) are
//!    paired too, when that crosses no pair; most links first.
//!
//! What always holds: every heading of A and of B appears exactly once,
//! in document order on each side, and no two pairs cross; a pair by
//! title has similarity at least [`MIN_SIMILARITY`]; a pair by
//! sub-headings has at least [`MIN_CHILD_PAIRS`] pairs under it; an
//! unpaired heading has similarity 0 and no [`By`].

use crate::outline::Outline;
use crate::text::script::to_hans;
use std::collections::HashSet;

/// Pairs below this are not pairs: titles that share a word or two
/// (`经济`, `建设`) by chance score about 0.2.
pub const MIN_SIMILARITY: f64 = 0.3;
/// A pair of headings of different levels counts for this much less.
const OTHER_LEVEL: f64 = 0.8;
/// Sub-heading pairs that pair two headings whose titles do not.
pub const MIN_CHILD_PAIRS: usize = 2;

/// Why two headings are paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// Their titles are alike.
    Title,
    /// Their sub-headings are.
    Children,
}

impl By {
    pub fn as_str(self) -> &'static str {
        match self {
            By::Title => "title",
            By::Children => "children",
        }
    }
}

/// One row of the side-by-side outlines: a heading of A, of B, or both.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    /// Index into A's outline sections.
    pub a: Option<usize>,
    /// Index into B's outline sections.
    pub b: Option<usize>,
    /// How alike the titles are (0 when only one side is there).
    pub similarity: f64,
    /// Why they are paired (`None` when only one side is there).
    pub by: Option<By>,
}

/// A title as compared: Simplified, only letters (Han and Latin) kept.
pub fn normalise(title: &str) -> Vec<char> {
    to_hans(title)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect()
}

fn dice<T: std::hash::Hash + Eq>(a: &HashSet<T>, b: &HashSet<T>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

/// A title's chars and char bigrams.
struct Grams {
    chars: HashSet<char>,
    pairs: HashSet<(char, char)>,
}

impl Grams {
    fn new(title: &str) -> Grams {
        let t = normalise(title);
        Grams {
            chars: t.iter().copied().collect(),
            pairs: t.windows(2).map(|w| (w[0], w[1])).collect(),
        }
    }
    fn similarity(&self, other: &Grams) -> f64 {
        let one = dice(&self.chars, &other.chars);
        if self.pairs.is_empty() || other.pairs.is_empty() {
            return one; // a one-char title has no bigrams to share
        }
        (one + dice(&self.pairs, &other.pairs)) / 2.0
    }
}

/// How alike two titles are, 0 to 1 (1: the same once normalised).
pub fn title_similarity(a: &str, b: &str) -> f64 {
    Grams::new(a).similarity(&Grams::new(b))
}

/// Pair the headings of `a` and `b`; see the module doc.
pub fn pair_sections(a: &Outline, b: &Outline) -> Vec<Pair> {
    let ga: Vec<Grams> = a.sections.iter().map(|s| Grams::new(&s.title)).collect();
    let gb: Vec<Grams> = b.sections.iter().map(|s| Grams::new(&s.title)).collect();
    let (n, m) = (ga.len(), gb.len());
    let score = |i: usize, j: usize| {
        let mut s = ga[i].similarity(&gb[j]);
        if a.sections[i].level != b.sections[j].level {
            s *= OTHER_LEVEL;
        }
        s
    };
    // best[i][j]: the best total for A's first i and B's first j headings.
    let w = m + 1;
    let mut best = vec![0.0f64; (n + 1) * w];
    let mut sim = vec![0.0f64; n * m];
    for i in 1..=n {
        for j in 1..=m {
            let s = score(i - 1, j - 1);
            sim[(i - 1) * m + j - 1] = s;
            let mut v = best[(i - 1) * w + j].max(best[i * w + j - 1]);
            if s >= MIN_SIMILARITY {
                v = v.max(best[(i - 1) * w + j - 1] + s);
            }
            best[i * w + j] = v;
        }
    }
    // Walk back from the end, collecting the pairs.
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let here = best[i * w + j];
        let s = sim[(i - 1) * m + j - 1];
        if s >= MIN_SIMILARITY && here == best[(i - 1) * w + j - 1] + s {
            pairs.push((i - 1, j - 1, s, By::Title));
            (i, j) = (i - 1, j - 1);
        } else if here == best[i * w + j - 1] {
            j -= 1;
        } else {
            i -= 1;
        }
    }
    pairs.reverse();
    by_children(a, b, &mut pairs, &sim, m);
    rows(n, m, &pairs)
}

/// Step 2 of the module doc: pair unpaired headings of the same level
/// by the pairs among their sub-headings.
fn by_children(
    a: &Outline,
    b: &Outline,
    pairs: &mut Vec<(usize, usize, f64, By)>,
    sim: &[f64],
    m: usize,
) {
    let ancestors = |ol: &Outline, mut i: usize| {
        let mut out = Vec::new();
        while let Some(p) = ol.sections[i].parent {
            out.push(p);
            i = p;
        }
        out
    };
    let paired_a: Vec<bool> = {
        let mut v = vec![false; a.sections.len()];
        pairs.iter().for_each(|p| v[p.0] = true);
        v
    };
    let paired_b: Vec<bool> = {
        let mut v = vec![false; b.sections.len()];
        pairs.iter().for_each(|p| v[p.1] = true);
        v
    };
    let mut links: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
    for &(x, y, _, _) in pairs.iter() {
        for pa in ancestors(a, x).into_iter().filter(|&p| !paired_a[p]) {
            for pb in ancestors(b, y).into_iter().filter(|&p| !paired_b[p]) {
                if a.sections[pa].level == b.sections[pb].level {
                    *links.entry((pa, pb)).or_default() += 1;
                }
            }
        }
    }
    let mut found: Vec<((usize, usize), usize)> = links
        .into_iter()
        .filter(|&(_, n)| n >= MIN_CHILD_PAIRS)
        .collect();
    // Most links first, then in document order (the map's order).
    found.sort_by_key(|f| std::cmp::Reverse(f.1));
    for ((x, y), _) in found {
        let free = pairs.iter().all(|p| p.0 != x && p.1 != y);
        let crosses = pairs.iter().any(|p| (p.0 < x) != (p.1 < y));
        if free && !crosses {
            let at = pairs.partition_point(|p| p.0 < x);
            pairs.insert(at, (x, y, sim[x * m + y], By::Children));
        }
    }
}

/// The rows for these pairs (in order, not crossing) of `n` headings of A
/// and `m` of B: between pairs, A's unpaired headings, then B's.
fn rows(n: usize, m: usize, pairs: &[(usize, usize, f64, By)]) -> Vec<Pair> {
    let mut out = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    let end = (n, m, 0.0, By::Title);
    for (k, &(x, y, s, by)) in pairs.iter().chain(std::iter::once(&end)).enumerate() {
        out.extend((i..x).map(|i| Pair {
            a: Some(i),
            b: None,
            similarity: 0.0,
            by: None,
        }));
        out.extend((j..y).map(|j| Pair {
            a: None,
            b: Some(j),
            similarity: 0.0,
            by: None,
        }));
        if k < pairs.len() {
            out.push(Pair {
                a: Some(x),
                b: Some(y),
                similarity: s,
                by: Some(by),
            });
        }
        (i, j) = (x + 1, y + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn outline(titles: &[&str]) -> Outline {
        let lines: Vec<String> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}、{t}", crate::outline::to_cn(i as u32 + 1)))
            .collect();
        let paras: Vec<Option<&str>> = lines.iter().map(|l| Some(l.as_str())).collect();
        Outline::from_paragraphs(&paras)
    }

    #[test]
    fn titles_that_share_words_pair_and_others_do_not() {
        assert_eq!(title_similarity("2015年工作回顾", "2015年工作回顾"), 1.0);
        assert!(title_similarity("过去五年工作回顾", "2015年工作回顾") > 0.6);
        assert!(title_similarity("2008年主要任务", "加强政府自身建设") < MIN_SIMILARITY);
        // Either script.
        assert_eq!(
            title_similarity("深化經濟體制改革", "深化经济体制改革"),
            1.0
        );

        let a = outline(&["过去五年工作回顾", "2008年主要任务", "加强政府自身建设"]);
        let b = outline(&[
            "2015年工作回顾",
            "十三五时期目标任务",
            "推进农业现代化",
            "加强政府自身建设",
        ]);
        let pairs: Vec<(Option<usize>, Option<usize>)> =
            pair_sections(&a, &b).iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(
            pairs,
            vec![
                (Some(0), Some(0)),
                (Some(1), None),
                (None, Some(1)),
                (None, Some(2)),
                (Some(2), Some(3)),
            ]
        );
    }

    /// Headings `(level, title)`: 1 is `一、`, 2 is `（一）`, numbered
    /// in order under their parent.
    fn nested(heads: &[(u8, &str)]) -> Outline {
        let (mut top, mut sub) = (0, 0);
        let lines: Vec<String> = heads
            .iter()
            .map(|&(level, t)| {
                if level == 1 {
                    (top, sub) = (top + 1, 0);
                    format!("{}、{t}", crate::outline::to_cn(top))
                } else {
                    sub += 1;
                    format!("（{}）{t}", crate::outline::to_cn(sub))
                }
            })
            .collect();
        let paras: Vec<Option<&str>> = lines.iter().map(|l| Some(l.as_str())).collect();
        Outline::from_paragraphs(&paras)
    }

    #[test]
    fn headings_whose_items_match_are_paired_by_them() {
        let a = nested(&[
            (1, "过去五年工作回顾"),
            (2, "加强宏观调控"),
            (1, "2008年主要任务"),
            (2, "搞好宏观调控，保持经济平稳较快发展"),
            (2, "加强农业基础建设，促进农民增收"),
            (2, "加强政府自身建设"),
        ]);
        let b = nested(&[
            (1, "2015年工作回顾"),
            (1, "十三五时期目标"),
            (1, "2016年重点工作"),
            (2, "稳定宏观经济政策，保持经济运行在合理区间"),
            (2, "加快发展现代农业，促进农民持续增收"),
            (2, "加强政府自身建设，提高施政能力"),
        ]);
        assert_eq!(a.sections.len(), 6);
        assert_eq!(b.sections.len(), 6);
        let got: Vec<(Option<usize>, Option<usize>, Option<By>)> = pair_sections(&a, &b)
            .iter()
            .map(|p| (p.a, p.b, p.by))
            .collect();
        use By::*;
        assert_eq!(
            got,
            vec![
                (Some(0), Some(0), Some(Title)),
                (Some(1), None, None),
                (None, Some(1), None),
                (Some(2), Some(2), Some(Children)),
                (Some(3), Some(3), Some(Title)),
                (Some(4), Some(4), Some(Title)),
                (Some(5), Some(5), Some(Title)),
            ]
        );
    }

    proptest! {
        /// Every heading once, in order on each side; pairs at least the
        /// threshold; an identical outline pairs with itself one to one.
        #[test]
        fn pairing_keeps_every_heading_in_order(
            ta in prop::collection::vec("[经济发展改革开放建设政府民生农业]{1,8}", 0..12),
            tb in prop::collection::vec("[经济发展改革开放建设政府民生农业]{1,8}", 0..12),
        ) {
            let ra: Vec<&str> = ta.iter().map(String::as_str).collect();
            let rb: Vec<&str> = tb.iter().map(String::as_str).collect();
            let (a, b) = (outline(&ra), outline(&rb));
            let pairs = pair_sections(&a, &b);
            let sa: Vec<usize> = pairs.iter().filter_map(|p| p.a).collect();
            let sb: Vec<usize> = pairs.iter().filter_map(|p| p.b).collect();
            prop_assert_eq!(sa, (0..a.sections.len()).collect::<Vec<_>>());
            prop_assert_eq!(sb, (0..b.sections.len()).collect::<Vec<_>>());
            for p in &pairs {
                match (p.a, p.b, p.by) {
                    (Some(_), Some(_), Some(By::Title)) => prop_assert!(p.similarity >= MIN_SIMILARITY),
                    (Some(_), Some(_), Some(By::Children)) => {}
                    (Some(_), Some(_), None) => prop_assert!(false, "a pair without a reason"),
                    (_, _, None) => prop_assert_eq!(p.similarity, 0.0),
                    other => prop_assert!(false, "{:?}", other),
                }
            }
            let same = pair_sections(&a, &a);
            prop_assert!(same.iter().enumerate().all(|(i, p)| p.a == Some(i) && p.b == Some(i)));
        }
    }
}
