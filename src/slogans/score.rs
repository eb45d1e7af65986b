//! Scoring: how formulaic a candidate is in this corpus, from the merged
//! statistics and a background model of general Chinese. The formula is
//! written out in the module doc of [`super`]; this file computes its
//! terms.
//!
//! Background: the word frequencies of jieba's dictionary (60 million
//! words of general Chinese, shipped inside jieba-rs, so no data of our
//! own), read through `Jieba::suggest_freq`. What always holds: every term
//! is finite and clamped, so one extreme statistic cannot decide alone.

use super::shapes::{
    copula_split, counted_noun, is_counted, is_numbered, is_nxny, pair_halves, MEASURES,
};
use super::stats::CorpusStats;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The version of the score and the selection from it (what is kept, and
/// which fragments are dropped). A kept slogan index is named after it, so
/// a change here rebuilds that index from the kept statistics and hits,
/// which do not depend on it.
pub const SCORING: u32 = 4;

/// The shape a slogan was recognised by, beyond its statistics.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    /// No shape: statistics alone.
    #[default]
    Plain,
    /// A numeric formula: 四个自信, 三严三实, 十四五.
    Formula,
    /// Two parallel halves: 大众创业、万众创新.
    Pair,
    /// A fixed sentence: 绿水青山就是金山银山.
    Sentence,
    /// A trailing plus: 互联网+.
    Plus,
    /// A `《…》` title.
    Title,
}

impl Shape {
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Plain => "plain",
            Shape::Formula => "formula",
            Shape::Pair => "pair",
            Shape::Sentence => "sentence",
            Shape::Plus => "plus",
            Shape::Title => "title",
        }
    }
}

/// The statistical terms of one candidate (plain data, shown in `--json`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// log2 of its frequency here over its background frequency.
    pub keyness: f64,
    /// The cohesion term of the score, in [−2, 1].
    pub cohesion_term: Option<f64>,
    /// The weakest split's dependence, count(AB) / min(count(A), count(B)):
    /// near 1 when one part rarely occurs without the other.
    pub cohesion: Option<f64>,
    /// The weakest split's pointwise mutual information, in bits.
    pub pmi: Option<f64>,
    /// min(left, right) branching entropy, in bits.
    pub entropy: Option<f64>,
    /// Occurrences the entropy was measured on.
    pub neighbours: u32,
    pub shape: Shape,
    /// One dictionary word (vocabulary, unless the corpus marks it).
    pub single_word: bool,
    /// A half of a parallel pair or a part of a definition the corpus gives.
    pub listed: bool,
    /// How far its dated uses stray from the corpus's text over the years
    /// ([`era_divergence`], bits); `None` with too few dated uses, or a
    /// corpus of too few years, to tell.
    #[serde(default)]
    pub era: Option<f64>,
}

/// Total frequency of jieba's dictionary, read back through
/// `suggest_freq` (which does not expose it): for two dictionary words
/// that jieba keeps apart, suggest_freq(ab) = ⌊f(a)·f(b)/T⌋ + 1.
fn dict_total() -> f64 {
    static T: OnceLock<f64> = OnceLock::new();
    *T.get_or_init(|| {
        let jb = super::jieba();
        let f = jb.suggest_freq("的").saturating_sub(1) as f64;
        let ab = jb.suggest_freq("的的") as f64;
        let t = f * f / (ab - 0.5);
        if t.is_finite() && t > 1e6 {
            t
        } else {
            6.0e7
        }
    })
}

/// Dictionary frequencies at or below this are jieba's placeholder for a
/// word added without a count (小康社会 3, 基础设施 3), not a measure.
pub(crate) const PLACEHOLDER_FREQ: usize = 5;

/// Background probability of one word. A placeholder frequency is replaced
/// by the estimate for the word's dictionary sub-words (基础 + 设施), when
/// that is higher.
fn word_p(w: &str) -> f64 {
    let jb = super::jieba();
    let f = if jb.has_word(w) {
        jb.suggest_freq(w).saturating_sub(1)
    } else {
        0
    };
    let p = (f as f64 + 1.0) / dict_total();
    if f > PLACEHOLDER_FREQ || w.chars().count() < 3 {
        return p;
    }
    let parts = sub_words(w);
    if parts.len() < 2 {
        return p;
    }
    let ps: Vec<f64> = parts
        .iter()
        .map(|x| (jb.suggest_freq(x).saturating_sub(1) as f64 + 1.0) / dict_total())
        .collect();
    p.max(phrase_p(&ps))
}

/// The word as its longest dictionary sub-words, left to right.
fn sub_words(w: &str) -> Vec<String> {
    let jb = super::jieba();
    let c: Vec<char> = w.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let mut n = (c.len() - i).min(c.len() - 1);
        while n > 1 && !jb.has_word(&c[i..i + n].iter().collect::<String>()) {
            n -= 1;
        }
        out.push(c[i..i + n.max(1)].iter().collect());
        i += n.max(1);
    }
    out
}

/// √(min p · Π p): see [`background_p`].
fn phrase_p(ps: &[f64]) -> f64 {
    let min = ps.iter().copied().fold(f64::INFINITY, f64::min);
    let log_prod: f64 = ps.iter().map(|p| p.ln()).sum();
    ((min.ln() + log_prod) / 2.0).exp()
}

/// The words of a candidate (quote marks, 、 and + left out).
pub(crate) fn words(text: &str) -> Vec<String> {
    let core = text.trim_end_matches('+');
    let halves: Vec<&str> = match pair_halves(core) {
        Some((x, y)) => vec![x, y],
        None => vec![core],
    };
    halves
        .into_iter()
        .flat_map(|h| {
            super::jieba()
                .cut(h, false)
                .into_iter()
                .map(|t| t.word.to_string())
        })
        .collect()
}

/// Background probability of a phrase: between the rarest word's (an
/// upper bound: a phrase is no commoner than its rarest word) and the
/// product of its words' (independence, far too low for collocations),
/// their geometric mean. For one word, the word's own frequency.
pub(crate) fn background_p(words: &[String]) -> f64 {
    let ps: Vec<f64> = words.iter().map(|w| word_p(w)).collect();
    match ps.len() {
        0 => 1.0,
        1 => ps[0],
        _ => phrase_p(&ps),
    }
}

pub(crate) fn shape_of(text: &str, stats: &CorpusStats, title: bool) -> Shape {
    if title {
        Shape::Title
    } else if text.ends_with('+') {
        Shape::Plus
    } else if pair_halves(text).is_some() {
        Shape::Pair
    } else if is_formula_here(text, stats) {
        Shape::Formula
    } else if copula_split(text).is_some() {
        Shape::Sentence
    } else {
        Shape::Plain
    }
}

/// A numeric formula: 三严三实 and 四个自信 by their shape (unless the
/// corpus counts things with that noun), 三农 and 三去一降一补 when the
/// corpus quotes them at least once (两国, 两岸 are prose).
fn is_formula_here(text: &str, stats: &CorpusStats) -> bool {
    let c: Vec<char> = text.chars().collect();
    is_nxny(&c)
        || (is_counted(&c) && !counts_things(text, stats))
        || (is_numbered(&c) && stats.quoted.contains_key(text))
}

/// A numeral + measure + noun whose noun the corpus counts with three or
/// more numerals (两个方面, 三个方面, 四个方面) counts things.
fn counts_things(text: &str, stats: &CorpusStats) -> bool {
    let Some((_, noun)) = counted_noun(text) else {
        return false;
    };
    let Some(m) = text.chars().nth(1).filter(|m| MEASURES.contains(*m)) else {
        return false;
    };
    "两二三四五六七八九十"
        .chars()
        .filter(|n| stats.count(&format!("{n}{m}{noun}")).is_some_and(|c| c > 0))
        .count()
        >= 3
}

/// Cohesion over the word splits of a candidate, each split scored in
/// [−2, 1], the weakest deciding: by dependence, count(w) / min(count(a),
/// count(b)) — one part must mostly go with the other (中国梦: 梦 mostly
/// in 中国梦; not 农业生产) — and a split whose parts meet no more than
/// chance says (PMI under 3 bits) scores −2. Returns (term, min
/// dependence, min PMI).
fn cohesion(text: &str, words: &[String], f: f64, stats: &CorpusStats) -> Option<(f64, f64, f64)> {
    let total = stats.words.max(1) as f64;
    let parts: Vec<(String, String)> = if let Some((x, y)) = pair_halves(text) {
        vec![(x.to_string(), y.to_string())]
    } else if text.ends_with('+') || words.len() < 2 {
        return None;
    } else {
        (1..words.len())
            .map(|j| (words[..j].concat(), words[j..].concat()))
            .collect()
    };
    let (mut term, mut dep, mut pmi) = (f64::INFINITY, f64::INFINITY, f64::INFINITY);
    for (a, b) in parts {
        let (Some(fa), Some(fb)) = (stats.count(&a), stats.count(&b)) else {
            continue;
        };
        let (fa, fb) = (fa.max(1) as f64, fb.max(1) as f64);
        let d = (f / fa.min(fb)).min(1.0);
        let i = (f * total / (fa * fb)).log2();
        let t = if i < 3.0 { -2.0 } else { dependence_term(d) };
        term = term.min(t);
        dep = dep.min(d);
        pmi = pmi.min(i);
    }
    term.is_finite().then_some((term, dep, pmi))
}

fn dependence_term(d: f64) -> f64 {
    (d.max(1e-3).log2() + 1.5).clamp(-2.0, 1.0)
}

/// The corpus-side evidence of a candidate (everything but the counts).
pub(crate) fn evidence(text: &str, stats: &CorpusStats, title: bool) -> Evidence {
    let words = words(text);
    let gram = stats.grams.get(text);
    let f = stats.count(text).unwrap_or(0).max(1) as f64;
    let shape = shape_of(text, stats, title);
    // A formula's numeral and noun need not hold together beyond it.
    let coh = if title || shape == Shape::Formula {
        None
    } else {
        cohesion(text, &words, f, stats)
    };
    Evidence {
        keyness: 0.0,
        cohesion_term: coh.map(|c| c.0),
        cohesion: coh.map(|c| c.1),
        pmi: coh.map(|c| c.2),
        // A dictionary word is a unit already; one side may be bound by a
        // longer formula around it (建成 before 小康社会): average the sides.
        entropy: gram.map(|g| {
            let (l, r) = (g.left.entropy(), g.right.entropy());
            if words.len() == 1 {
                (l + r) / 2.0
            } else {
                l.min(r)
            }
        }),
        neighbours: gram.map_or(0, |g| g.left.total().min(g.right.total())),
        shape,
        single_word: words.len() == 1 && shape == Shape::Plain,
        listed: false,
        era: None,
    }
}

/// Keyness of `count` uses in a corpus of `corpus_words` words against a
/// background probability.
pub(crate) fn keyness(count: f64, corpus_words: f64, background: f64) -> f64 {
    ((count / corpus_words.max(1.0)) / background).log2()
}

/// The counts that go into the score (exact ones, after locating).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Counts {
    pub count: f64,
    pub quoted: f64,
    /// The documents it is spread over: the effective number
    /// ([`effective_docs`]) once its uses are located.
    pub docs: f64,
    pub years: usize,
}

/// The effective number of documents a phrase's uses are spread over:
/// exp of the entropy of its uses per document (a Hill number). It is the
/// number of documents when the uses are even, and near 1 when nearly all
/// stand in one document (合作社营: 19 uses in one report, 1 in another),
/// which a count of documents touched would call two.
pub(crate) fn effective_docs(per_doc: &[u32]) -> f64 {
    // H = ln n − Σ c·ln c / n, with c·ln c from a table for the small
    // counts most documents have: a slogan index takes this over millions
    // of (slogan, document) pairs.
    static C_LN_C: OnceLock<Vec<f64>> = OnceLock::new();
    let table = C_LN_C.get_or_init(|| {
        (0..1024u32)
            .map(|c| {
                if c == 0 {
                    0.0
                } else {
                    c as f64 * (c as f64).ln()
                }
            })
            .collect()
    });
    let c_ln_c = |c: u32| {
        table
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| c as f64 * (c as f64).ln())
    };
    let n: f64 = per_doc.iter().map(|&c| c as f64).sum();
    if n <= 0.0 {
        return 1.0;
    }
    let h = n.ln() - per_doc.iter().map(|&c| c_ln_c(c)).sum::<f64>() / n;
    h.exp().clamp(1.0, per_doc.len().max(1) as f64)
}

pub(crate) const MIN_FORMULAIC: f64 = 1.0;

/// How formulaic (the bracket of the module formula), from the evidence and
/// the counts.
pub(crate) fn formulaic(ev: &Evidence, c: Counts) -> f64 {
    let share = c.quoted / c.count.max(1.0);
    let mut key = ((ev.keyness - 4.0) / 3.0).clamp(-1.5, 2.0);
    // Quotation marks say the author holds it to be one phrase.
    let mut coh = ev.cohesion_term.unwrap_or(0.0);
    if share >= 0.5 {
        coh = coh.max(0.0);
        key = key.max(0.0);
    }
    // So does setting it parallel to others (伟大工程 in 伟大斗争、伟大工程).
    if ev.listed {
        coh = coh.max(0.0);
    }
    // Entropy is bounded by log2 of the uses it was measured on: expect
    // less of a phrase seen a few times. Quoted phrases need not be free.
    let expect = (0.5 * (ev.neighbours.max(1) as f64).log2()).min(1.5);
    let mut free = ev.entropy.map_or(0.0, |h| (h - expect).clamp(-2.0, 1.0));
    if share >= 0.5 {
        free = free.max(0.0);
    }
    let quote = if c.quoted >= 2.0 {
        2.0 * share.min(1.0).sqrt()
    } else {
        0.0
    };
    let shape = match ev.shape {
        Shape::Plain | Shape::Title => 0.0,
        _ => 1.5,
    };
    let spread =
        (c.docs.max(1.0).log2() / 2.0).clamp(0.0, 1.0) + if c.years >= 2 { 0.5 } else { 0.0 };
    let listed = if ev.listed { 0.5 } else { 0.0 };
    let single = if ev.single_word && c.quoted < 2.0 {
        -0.5
    } else {
        0.0
    };
    key + coh + free + quote + shape + listed + spread + single
}

/// Dated uses a phrase needs for its spread over the years to be told
/// from the text's, and the years the corpus needs.
pub(crate) const ERA_MIN_USES: u32 = 10;
pub(crate) const ERA_MIN_YEARS: usize = 3;

/// The Kullback–Leibler divergence, in bits, of a phrase's dated uses per
/// year (`uses`, by year) from the corpus's text per year (`text`, by
/// year, the same years): 0 when it is used as much as there is text,
/// year by year, as ordinary vocabulary is; large when its uses gather in
/// some years, as a 提法's do while it is current. `None` under
/// [`ERA_MIN_USES`] dated uses or [`ERA_MIN_YEARS`] years of text.
pub(crate) fn era_divergence(uses: &[u32], text: &[f64]) -> Option<f64> {
    let n: f64 = uses.iter().map(|&c| c as f64).sum();
    let t: f64 = text.iter().sum();
    let years = text.iter().filter(|&&x| x > 0.0).count();
    if n < ERA_MIN_USES as f64 || years < ERA_MIN_YEARS || t <= 0.0 {
        return None;
    }
    let kl = uses
        .iter()
        .zip(text)
        .filter(|(&c, &x)| c > 0 && x > 0.0)
        .map(|(&c, &x)| {
            let p = c as f64 / n;
            p * (p / (x / t)).log2()
        })
        .sum::<f64>();
    Some(kl.max(0.0))
}

/// Divergence under which a phrase's uses follow the text over the years.
const ERA_ORDINARY: f64 = 1.2;

/// The ranking's era term, in [−1.5, 0]: a phrase whose uses follow the
/// corpus's text from year to year, as general vocabulary does (体制机制,
/// 深化改革), ranks lower; one whose uses gather in their years is not
/// raised for it (topics gather too: 金砖国家), nor is a formula or a
/// phrase quoted as one, which say what they are by their shape.
pub(crate) fn era_term(ev: &Evidence, c: Counts) -> f64 {
    let marked = ev.shape != Shape::Plain || c.quoted >= 2.0 && c.quoted * 2.0 >= c.count;
    match ev.era {
        Some(kl) if !marked => (3.0 * (kl - ERA_ORDINARY)).clamp(-1.5, 0.0),
        _ => 0.0,
    }
}

/// The score: (formulaic + era) × √log2(1 + count). The era term ranks
/// and never decides what is kept.
pub(crate) fn score(ev: &Evidence, c: Counts) -> f64 {
    (formulaic(ev, c) + era_term(ev, c)) * (1.0 + c.count).log2().sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The effective number of documents lies between 1 and the
        /// documents touched, is exactly k for even uses over k documents,
        /// and never grows when one document's uses grow past the others'.
        #[test]
        fn effective_documents_are_bounded_and_even_at_most(
            uses in proptest::collection::vec(1u32..50, 1..30),
            k in 1usize..40, n in 1u32..20,
        ) {
            let e = effective_docs(&uses);
            proptest::prop_assert!(e >= 1.0 && e <= uses.len() as f64 + 1e-9, "{e}");
            let even = effective_docs(&vec![n; k]);
            proptest::prop_assert!((even - k as f64).abs() < 1e-6, "{even} for {k}");
            let max = *uses.iter().max().unwrap();
            let mut heavier = uses.clone();
            let i = uses.iter().position(|&u| u == max).unwrap();
            heavier[i] += 100;
            proptest::prop_assert!(effective_docs(&heavier) <= e + 1e-9);
        }
    }

    proptest::proptest! {
        /// The era divergence is never negative; it is 0 for uses in
        /// proportion to the text, log2(text / text of the year) for uses
        /// all in one year, and there is none on too few uses or years.
        #[test]
        fn era_divergence_measures_how_uses_gather_in_years(
            text in proptest::collection::vec(1u32..50, 3..20),
            k in 1u32..5,
            at in proptest::prelude::any::<proptest::sample::Index>(),
            uses in proptest::collection::vec(0u32..30, 20),
        ) {
            let t: Vec<f64> = text.iter().map(|&x| x as f64).collect();
            let total: f64 = t.iter().sum();
            // In proportion (k uses per unit of text, at least 3 × 1 × k).
            let even: Vec<u32> = text.iter().map(|&x| x * k * 4).collect();
            let kl = era_divergence(&even, &t).unwrap();
            proptest::prop_assert!(kl.abs() < 1e-9, "{kl}");
            // All in one year.
            let y = at.index(text.len());
            let mut one = vec![0; text.len()];
            one[y] = ERA_MIN_USES;
            let kl = era_divergence(&one, &t).unwrap();
            proptest::prop_assert!((kl - (total / t[y]).log2()).abs() < 1e-9);
            // Any uses.
            let any: Vec<u32> = uses[..text.len()].to_vec();
            let n: u32 = any.iter().sum();
            match era_divergence(&any, &t) {
                Some(kl) => proptest::prop_assert!(kl >= 0.0 && n >= ERA_MIN_USES),
                None => proptest::prop_assert!(n < ERA_MIN_USES),
            }
            // Too few years of text.
            let two = [t[0], t[1], 0.0];
            proptest::prop_assert_eq!(era_divergence(&[5, 5, 5], &two), None);
        }
    }

    #[test]
    fn uses_that_follow_the_text_over_the_years_rank_lower() {
        let c = Counts {
            count: 40.0,
            quoted: 0.0,
            docs: 8.0,
            years: 8,
        };
        let ev = |era, shape| Evidence {
            keyness: 10.0,
            entropy: Some(3.0),
            neighbours: 40,
            shape,
            era,
            ..Default::default()
        };
        let unknown = score(&ev(None, Shape::Plain), c);
        // Used year by year as the text goes: ordinary vocabulary.
        assert!(score(&ev(Some(0.3), Shape::Plain), c) < unknown);
        // Gathered in its years: not raised for it.
        assert_eq!(score(&ev(Some(3.0), Shape::Plain), c), unknown);
        // A formula says what it is by its shape.
        assert_eq!(
            score(&ev(Some(0.3), Shape::Formula), c),
            score(&ev(None, Shape::Formula), c)
        );
        // The era term ranks; it never decides what is kept.
        assert_eq!(
            formulaic(&ev(Some(0.3), Shape::Plain), c),
            formulaic(&ev(None, Shape::Plain), c)
        );
        for kl in [0.0, 0.5, 1.0, 1.2, 2.0, 9.0] {
            let e = era_term(&ev(Some(kl), Shape::Plain), c);
            assert!((-1.5..=0.0).contains(&e), "{kl}: {e}");
        }
    }

    #[test]
    fn uses_in_one_document_spread_less_than_uses_in_many() {
        let c = |docs: f64| Counts {
            count: 20.0,
            quoted: 0.0,
            docs,
            years: 2,
        };
        let ev = Evidence {
            keyness: 8.0,
            entropy: Some(3.0),
            neighbours: 20,
            ..Default::default()
        };
        let one = effective_docs(&[19, 1]);
        let two = effective_docs(&[10, 10]);
        assert!(one < 1.3 && (two - 2.0).abs() < 1e-9);
        assert!(formulaic(&ev, c(one)) < formulaic(&ev, c(two)));
    }

    #[test]
    fn the_dictionary_total_is_recovered() {
        let t = dict_total();
        assert!((5.9e7..6.2e7).contains(&t), "{t}");
    }

    #[test]
    fn background_orders_general_and_rare_words() {
        let p = |s: &str| background_p(&words(s));
        assert!(p("发展") > p("实事求是"));
        // A phrase is rarer than its rarest word, commoner than chance.
        let (a, b) = (p("人民"), p("生活"));
        let ab = p("人民生活");
        assert!(ab < a.min(b) && ab > a * b);
    }

    #[test]
    fn evidence_terms_are_bounded() {
        let ev = Evidence {
            keyness: 1e9,
            cohesion_term: Some(1.0),
            neighbours: 1000,
            cohesion: Some(1.0),
            pmi: Some(50.0),
            entropy: Some(100.0),
            shape: Shape::Formula,
            single_word: false,
            listed: true,
            era: Some(1e9),
        };
        let c = Counts {
            count: 1e9,
            quoted: 1e9,
            docs: 1e9,
            years: 99,
        };
        assert!(formulaic(&ev, c) <= 2.0 + 1.0 + 1.0 + 2.0 + 1.5 + 1.0 + 1.5);
        let low = Evidence {
            keyness: -1e9,
            cohesion_term: Some(-2.0),
            entropy: Some(0.0),
            single_word: true,
            ..ev
        };
        assert!(formulaic(&low, c) >= -1.5 - 2.0 - 2.0 - 0.5);
    }
}
