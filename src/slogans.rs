//! Slogans (提法): the set phrases of a corpus, mined from its text and
//! ranked by how *formulaic* they are here, not by how often they occur.
//!
//! Mining is a map-reduce over documents, so that an index kept on disk can
//! update the corpus statistics when one file changes:
//! 1. [`doc_stats`] (per document, in parallel): additive statistics —
//!    word and candidate n-gram counts, the words beside each candidate,
//!    quoted spans, titles, definitions, chars, words, year ([`DocStats`]);
//! 2. [`CorpusStats::add`] / [`CorpusStats::subtract`]: their sum;
//! 3. [`select`]: scoring and selection from the sum and the background;
//! 4. [`locate_doc`] (per document, in parallel): every occurrence of the
//!    selected texts, from which counts, documents, years and quoted uses
//!    are exact; [`assemble`] rescores with them and drops fragments.
//!
//! Candidates: jieba word n-grams of 1–8 words (3–16 chars, 2 with a
//! numeral) — single dictionary words and three-char phrases included —,
//! `X、Y` pairs of equal halves, `X+`, quoted spans and `《》` titles.
//!
//! ## The score
//! For a candidate w with count f, quoted uses q, spread over d documents
//! (the effective number, exp of the entropy of its uses per document: 19
//! uses in one report and 1 in another are 1.2 documents, not 2) in y
//! years, in a corpus of N words:
//! ```text
//! score(w)  = (F(w) + E(w)) · √log2(1 + f)
//! E(w)      = clamp(3·(KL − 1.2), −1.5, 0)  era, for ranking only: KL
//!                                         the divergence (bits) of its
//!                                         dated uses per year from the
//!                                         corpus's text per year, with
//!                                         ≥ 10 dated uses over ≥ 3 years
//!                                         of text; 0 otherwise, and for
//!                                         a formula, pair, X就是Y, X+ or
//!                                         a phrase quoted half its uses
//! F(w)      = clamp((K − 4)/3, −1.5, 2)    keyness
//!           + clamp(log2 D + 1.5, −2, 1)   cohesion (−2 if PMI < 3 bits)
//!           + clamp(H − 1.5, −2, 1)        free boundaries
//!           + 2·√(q/f)  if q ≥ 2           quoted (q/f ≥ ½: key and
//!                                         cohesion terms at least 0)
//!           + 1.5       if formula, pair, X就是Y or X+ shape
//!           + 0.5       if listed: a half of a kept pair, twice an item
//!                       of lists of three or more, a part of a
//!                       definition (cohesion term then at least 0)
//!           + clamp(log2(d)/2, 0, 1) + 0.5·[y ≥ 2]   spread
//!           − 0.5       if one dictionary word quoted < 2 times
//! K = log2( (f/N) / p_bg(w) )
//! p_bg(w) = p(w) for one word; else √( min_i p(w_i) · Π_i p(w_i) )
//!           with p from jieba's dictionary frequencies (general Chinese)
//! D = min over splits w = a|b of  f(w) / min(f(a), f(b))
//! H = min(left, right) branching entropy of the neighbouring words
//! ```
//! A candidate is kept when F(w) ≥ 1 and f ≥ 2 (titles too; a numeral +
//! 大 formula such as 五大发展理念 names itself and needs f ≥ 1). A shorter
//! slogan is dropped when at least 95% of its uses lie inside longer kept
//! slogans, unless it is a dictionary word or quoted on its own (脱贫攻坚
//! stays beside 脱贫攻坚战); a longer one is kept only on its own evidence
//! (its weakest split's cohesion D: not 脱贫攻坚成果). Fragments that are
//! cuts through a sentence (领导干部要, 发展作出) never become candidates:
//! no phrase starts or ends with a function word, a verb wanting its
//! object, or a reporting verb.
//!
//! What always holds:
//! - Slogan text is Simplified; occurrences are char offsets into the
//!   *original* paragraph text, and `variants` are the slices of the
//!   original text at those offsets. `count == occurrences.len()`.
//! - Boilerplate paragraphs are never read.
//! - No slogan starts or ends with punctuation, 的, 了, 和, 是, 在, or a
//!   particle ([`is_fragment`]).
//! - Slogans are sorted by score, highest first, so `slogans[..n]` is the
//!   top n; [`SloganIndex::order`] gives other orders.
//! - [`SloganIndex`] is plain owned data (`Send + Sync`).
//! - No list of known slogans is consulted: only function-word and
//!   generic-noun lists, and the text.

mod assemble;
mod doc;
mod locate;
mod occurrences;
mod prep;
mod score;
mod shapes;
mod stats;
mod words;

pub use assemble::{assemble_runs, Forms, FormsRef, Found, Located, Run};
pub use doc::{doc_stats, doc_stats_and_text};
pub use locate::{locate_doc, locate_in, DocHits, Hit, Pattern, Patterns};
pub use prep::simplified;
pub use score::{Evidence, Shape, SCORING};
pub use stats::{CorpusStats, DocStats, Gram, Side};

use crate::corpus::{Corpus, Document};
use crate::text::script::is_han;
use jieba_rs::Jieba;
use rayon::prelude::*;
use score::Counts;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub use occurrences::{pack_occurrences, Occurrences};

/// How a slogan was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Often between quotation marks in the corpus.
    Quoted,
    /// A numeral, a measure word and a short noun phrase: 四个自信, 三严三实.
    Formula,
    /// A recurring, cohesive phrase: 高质量发展.
    Phrase,
    /// A `《…》` title.
    Title,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quoted => "quoted",
            Kind::Formula => "formula",
            Kind::Phrase => "phrase",
            Kind::Title => "title",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "quoted" => Kind::Quoted,
            "formula" => Kind::Formula,
            "phrase" => Kind::Phrase,
            "title" => Kind::Title,
            _ => return None,
        })
    }
}

/// One place a slogan is used.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Occurrence {
    /// Index into the documents given to [`mine`].
    pub doc: usize,
    /// Paragraph index in that document.
    pub paragraph: usize,
    /// Char offset of the slogan's first char in the paragraph's original text.
    pub offset: usize,
}

/// A document with a date, as evidence of when a slogan was used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dated {
    /// Index into the documents given to [`mine`].
    pub doc: usize,
    /// `YYYY-MM-DD` or a prefix of it, as the document has it.
    pub date: String,
}

/// One set phrase.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Slogan {
    /// Normalised (Simplified) text, without quotes or brackets.
    pub text: String,
    pub kind: Kind,
    /// Number of occurrences.
    pub count: usize,
    /// Number of distinct documents it occurs in.
    pub docs: usize,
    /// The forms as written (`四個自信`, `四个自信`), most frequent first.
    pub variants: Vec<String>,
    /// Every occurrence, in corpus order. The on-disk index keeps them
    /// packed in a section of their own, not with the rest.
    #[serde(skip)]
    pub occurrences: Occurrences,
    /// How formulaic it is here (the module formula); higher first.
    pub score: f64,
    /// Occurrences between quotation marks.
    pub quoted: usize,
    /// Distinct years of the dated documents it occurs in, ascending.
    pub years: Vec<u16>,
    /// Its earliest and latest dated documents.
    pub first: Option<Dated>,
    pub last: Option<Dated>,
    /// The parts the corpus spells it out as (四个自信 → 道路自信, …), if any.
    pub expansion: Vec<String>,
    /// The statistical terms of the score.
    pub evidence: Evidence,
}

/// Orders of the slogan list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    /// Most formulaic first.
    #[default]
    Score,
    /// Most frequent first.
    Count,
    /// In most documents first.
    Docs,
    /// Earliest first dated use first (undated last).
    First,
}

impl Slogan {
    /// A slogan of `kind` at `occurrences` (in corpus order), with no
    /// score or evidence: for tests and for indexes built by hand.
    pub fn new(text: &str, kind: Kind, occurrences: Vec<Occurrence>) -> Slogan {
        let mut docs: Vec<usize> = occurrences.iter().map(|o| o.doc).collect();
        docs.dedup();
        Slogan {
            text: text.to_string(),
            kind,
            count: occurrences.len(),
            docs: docs.len(),
            variants: vec![text.to_string()],
            occurrences: occurrences.into(),
            score: 0.0,
            quoted: 0,
            years: Vec::new(),
            first: None,
            last: None,
            expansion: Vec::new(),
            evidence: Evidence::default(),
        }
    }
}

/// All slogans of a corpus, most formulaic first.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SloganIndex {
    pub slogans: Vec<Slogan>,
}

impl SloganIndex {
    /// Mine a whole corpus.
    pub fn build(corpus: &Corpus) -> SloganIndex {
        mine(&corpus.docs)
    }

    /// The slogan with this (Simplified) text, of any kind but a title first.
    pub fn get(&self, text: &str) -> Option<&Slogan> {
        self.slogans
            .iter()
            .filter(|s| s.text == text)
            .min_by_key(|s| s.kind == Kind::Title)
    }

    /// Indexes into `slogans` in the order `by` (ties keep the score order).
    pub fn order(&self, by: Sort) -> Vec<usize> {
        let mut ix: Vec<usize> = (0..self.slogans.len()).collect();
        let s = &self.slogans;
        match by {
            Sort::Score => {}
            Sort::Count => ix.sort_by_key(|&i| std::cmp::Reverse(s[i].count)),
            Sort::Docs => ix.sort_by_key(|&i| std::cmp::Reverse(s[i].docs)),
            Sort::First => ix.sort_by(|&a, &b| {
                let d = |i: usize| s[i].first.as_ref().map(|d| d.date.as_str());
                match (d(a), d(b)) {
                    (Some(x), Some(y)) => x.cmp(y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }),
        }
        ix
    }

    /// Give back the pages of packed occurrences read so far (after a pass
    /// over all of them): they are unpacked again from the page cache.
    pub fn release(&self) {
        let mut last = None;
        for s in &self.slogans {
            last = s.occurrences.release(last.as_ref());
        }
    }

    /// Approximate heap bytes held by the index (for the memory benchmark).
    pub fn approx_bytes(&self) -> usize {
        self.slogans
            .iter()
            .map(|s| {
                std::mem::size_of::<Slogan>()
                    + s.text.capacity()
                    + s.variants
                        .iter()
                        .chain(&s.expansion)
                        .map(|v| v.capacity() + std::mem::size_of::<String>())
                        .sum::<usize>()
                    + s.occurrences.heap_bytes()
                    + s.years.capacity() * 2
            })
            .sum()
    }
}

/// The one segmenter, built on first use (about 100 ms and 30 MB): call
/// [`mine`] or this from a worker thread, never from the UI thread.
pub fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(Jieba::new)
}

/// Make what mining needs first (the segmenter, the script tables), so
/// that it can be made beside other work.
pub fn warm_up() {
    let _ = jieba();
    let _ = simplified("預熱");
}

/// A sentence fragment rather than a phrase: empty, punctuation at either
/// end, a function word of its own (的, 了, 和, 是, 在, a particle) as its
/// first or last word, or no Han char at all. A formula may end in `+`
/// (互联网+); 和平 may open a phrase where 和 may not.
pub fn is_fragment(text: &str) -> bool {
    let c: Vec<char> = text.chars().collect();
    let c = match c.split_last() {
        Some(('+', rest)) if !rest.is_empty() => rest,
        _ => &c,
    };
    is_fragment_chars(c)
}

pub(crate) fn is_fragment_chars(c: &[char]) -> bool {
    let (Some(&first), Some(&last)) = (c.first(), c.last()) else {
        return true;
    };
    let word_char = |c: char| is_han(c) || c.is_alphanumeric();
    if !word_char(first) || !word_char(last) || !c.iter().any(|&x| is_han(x)) {
        return true;
    }
    let text: String = c.iter().collect();
    let words = jieba().tag(&text, false);
    let alone = |w: &str, stops: &str| {
        let mut it = w.chars();
        matches!((it.next(), it.next()), (Some(x), None) if stops.contains(x))
    };
    // Particles, conjunctions and modal particles, by jieba's tags.
    let function = |t: &str| t.starts_with('u') || t.starts_with('y') || t == "c";
    let (Some(fw), Some(lw)) = (words.first(), words.last()) else {
        return true;
    };
    alone(fw.word, doc::EDGE_STOP)
        || alone(lw.word, doc::EDGE_STOP)
        || alone(lw.word, doc::END_STOP)
        || function(fw.tag)
        || function(lw.tag)
}

/// Steps 1 and 2 for a whole corpus: every document's statistics, summed
/// on all cores.
pub fn corpus_stats(docs: &[Document]) -> CorpusStats {
    docs.par_iter()
        // Each document counted straight into its worker's sum (no map of
        // its own to make, merge and free), the sums merged by value.
        .fold(CorpusStats::default, |mut acc, d| {
            doc::add_doc(&mut acc, d);
            acc
        })
        .reduce(CorpusStats::default, CorpusStats::merge)
}

/// A selected candidate, before its occurrences are known.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub text: String,
    pub title: bool,
    pub evidence: Evidence,
}

/// The evidence and formulaic term of one text on the merged statistics,
/// before locating (for looking into why a text is or is not selected).
pub fn explain(stats: &CorpusStats, text: &str) -> (Evidence, f64) {
    let title = stats.titles.contains_key(text) && !stats.grams.contains_key(text);
    let (ev, c) = stats_evidence(stats, text, title);
    let f = score::formulaic(&ev, c);
    (ev, f)
}

fn stats_evidence(stats: &CorpusStats, t: &str, title: bool) -> (Evidence, Counts) {
    let mut ev = score::evidence(t, stats, title);
    let f = if title {
        stats.titles.get(t).copied().unwrap_or(0)
    } else {
        stats
            .count(t)
            .unwrap_or(0)
            .max(stats.quoted.get(t).copied().unwrap_or(0))
    };
    ev.keyness = score::keyness(
        f as f64,
        stats.words as f64,
        score::background_p(&score::words(t)),
    );
    let c = Counts {
        count: f as f64,
        quoted: stats.quoted.get(t).copied().unwrap_or(0) as f64,
        docs: stats.grams.get(t).map_or(1, |g| g.docs) as f64,
        years: 2,
    };
    (ev, c)
}

/// Step 3: the candidates formulaic enough on the merged statistics (with
/// some slack: exact counts and years come later and may raise a score).
pub fn select(stats: &CorpusStats) -> Vec<Candidate> {
    let mut texts: Vec<(&str, bool)> = Vec::new();
    for (t, g) in &stats.grams {
        if g.count >= 2 || (g.count == 1 && shapes::is_counted_big(t)) {
            texts.push((t, false));
        }
    }
    for (t, &q) in &stats.quoted {
        let short = t.chars().count() <= 2;
        if !stats.grams.contains_key(t) && (shapes::is_formula(t) || (q >= 2 && !short)) {
            texts.push((t, false));
        }
    }
    for (t, &n) in &stats.titles {
        if n >= 2 {
            texts.push((t, true));
        }
    }
    texts.retain(|(t, _)| !is_fragment(t));
    let judge = |&(t, title): &(&str, bool), listed: &HashSet<&str>| {
        let (mut ev, c) = stats_evidence(stats, t, title);
        ev.listed = listed.contains(t);
        let keep = title || score::formulaic(&ev, c) >= score::MIN_FORMULAIC - 1.0;
        keep.then(|| Candidate {
            text: t.to_string(),
            title,
            evidence: ev,
        })
    };
    // Pairs first: their halves, and the parts of definitions, are listed.
    let none = HashSet::new();
    let pairs: Vec<Candidate> = texts
        .par_iter()
        .filter(|(t, _)| shapes::pair_halves(t).is_some())
        .filter_map(|c| judge(c, &none))
        .collect();
    let mut listed: HashSet<&str> = HashSet::new();
    for p in &pairs {
        if let Some((x, y)) = shapes::pair_halves(&p.text) {
            if let (Some(x), Some(y)) = (stats.grams.get_key_value(x), stats.grams.get_key_value(y))
            {
                listed.insert(x.0);
                listed.insert(y.0);
            }
        }
    }
    for m in stats.expansions.values() {
        for parts in m.keys() {
            listed.extend(parts.split('、'));
        }
    }
    // Items the corpus sets in lists of three or more at least twice
    // (伟大梦想 in 伟大斗争，伟大工程，伟大事业，伟大梦想 and in 伟大斗争、
    // 伟大事业、伟大梦想).
    let mut items: HashMap<&str, u32> = HashMap::new();
    for (l, &n) in &stats.lists {
        for item in l.split('、') {
            *items.entry(item).or_default() += n;
        }
    }
    listed.extend(items.into_iter().filter(|&(_, n)| n >= 2).map(|(t, _)| t));
    let mut out: Vec<Candidate> = texts
        .par_iter()
        .filter(|(t, _)| shapes::pair_halves(t).is_none())
        .filter_map(|c| judge(c, &listed))
        .collect();
    out.extend(pairs);
    out.sort_by(|a, b| a.text.cmp(&b.text).then(a.title.cmp(&b.title)));
    out
}

/// Step 4 and the end: locate the candidates in every document, rescore
/// them on their exact counts, drop fragments of longer slogans.
///
/// Documents are located a chunk at a time (in parallel within the chunk)
/// and their hits moved at once into one list per pattern, so the
/// per-document hit lists of the whole corpus never exist together.
pub fn assemble(docs: &[Document], stats: &CorpusStats, chosen: Vec<Candidate>) -> SloganIndex {
    let pats = Patterns::new(
        chosen
            .iter()
            .map(|c| Pattern {
                text: c.text.clone(),
                title: c.title,
            })
            .collect(),
    );
    let all: Vec<&Document> = docs.iter().collect();
    let located = Located::locate(&all, 0, &pats, chosen.len());
    assemble_runs(docs, stats, chosen, &located.runs())
}

/// Mine the set phrases of `docs` (boilerplate excluded), on all cores:
/// the four steps, [`corpus_stats`], [`select`], [`assemble`]. Slow-ish
/// (jieba): run it off the UI thread.
pub fn mine(docs: &[Document]) -> SloganIndex {
    let stats = corpus_stats(docs);
    let chosen = select(&stats);
    assemble(docs, &stats, chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments() {
        for f in [
            "的发展",
            "发展了",
            "和人民",
            "工作是",
            "在基层",
            "，发展",
            "发展。",
            "abc",
            "",
            "+",
        ] {
            assert!(is_fragment(f), "{f}");
        }
        for ok in [
            "四个自信",
            "高质量发展",
            "为人民服务",
            "以人民为中心",
            "互联网+",
            "大众创业、万众创新",
        ] {
            assert!(!is_fragment(ok), "{ok}");
        }
    }
}
