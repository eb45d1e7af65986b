//! Slogans (提法): the set phrases of a corpus, mined from its text.
//!
//! Four detectors feed one index: quoted phrases (“ ” 「 」 ‘ ’ and paired
//! ASCII `"`), numeric formulas (四个自信, 一岗双责), recurring word n-grams
//! found by segmentation statistics (高质量发展), and `《…》` titles. Each
//! detector proposes texts; the index then finds every occurrence of each
//! accepted text in the whole corpus, so counts do not depend on which
//! detector saw the phrase first.
//!
//! What always holds:
//! - Slogan text is Simplified (OpenCC t2s keeps the char count, so a char
//!   offset into the Simplified form is the same offset into the original);
//!   occurrences are char offsets into the *original* paragraph text, and
//!   `variants` are the slices of the original text at those offsets.
//! - Boilerplate paragraphs are never read.
//! - No slogan starts or ends with punctuation, 的, 了, 和, 是, 在, or a
//!   particle ([`is_fragment`]).
//! - Slogans are sorted most frequent first (then more documents, then
//!   first occurrence), so `slogans[..n]` is the top n.
//! - [`SloganIndex`] is plain owned data (`Send + Sync`): mine it on a worker
//!   thread and hand it to the UI.

mod detect;
mod stats;

use crate::corpus::{Corpus, Document};
use crate::text::script::{is_han, to_hans};
use jieba_rs::Jieba;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How a slogan was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Between quotation marks somewhere in the corpus.
    Quoted,
    /// A numeral, a measure word and a short noun phrase: 四个自信, 三严三实.
    Formula,
    /// A recurring, cohesive word n-gram: 高质量发展.
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Occurrence {
    /// Index into the documents given to [`mine`].
    pub doc: usize,
    /// Paragraph index in that document.
    pub paragraph: usize,
    /// Char offset of the slogan's first char in the paragraph's original text.
    pub offset: usize,
}

/// One set phrase.
#[derive(Clone, Debug)]
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
    /// Every occurrence, in corpus order.
    pub occurrences: Vec<Occurrence>,
}

/// All slogans of a corpus, most frequent first.
#[derive(Clone, Debug, Default)]
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

    /// Approximate heap bytes held by the index (for the memory benchmark).
    pub fn approx_bytes(&self) -> usize {
        self.slogans
            .iter()
            .map(|s| {
                std::mem::size_of::<Slogan>()
                    + s.text.capacity()
                    + s.variants
                        .iter()
                        .map(|v| v.capacity() + std::mem::size_of::<String>())
                        .sum::<usize>()
                    + s.occurrences.capacity() * std::mem::size_of::<Occurrence>()
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

/// Chars that may not start or end a slogan: the particles, conjunctions
/// and copulas that mark a cut through a sentence rather than a phrase.
const EDGE_STOP: &str = "的了和是在与及或而并但着过地得吗呢吧啊嘛呀之等";
/// Chars that may not end a slogan (they want an object after them).
const END_STOP: &str = "把被对从向给将于为以及其这那每各";

/// A sentence fragment rather than a phrase: empty, punctuation or a
/// function word at either end, or no Han char at all.
pub fn is_fragment(text: &str) -> bool {
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
        return true;
    };
    let word_char = |c: char| is_han(c) || c.is_alphanumeric();
    !word_char(first)
        || !word_char(last)
        || EDGE_STOP.contains(first)
        || EDGE_STOP.contains(last)
        || END_STOP.contains(last)
        || !text.chars().any(is_han)
}

/// One body paragraph prepared for the detectors: its Simplified chars and
/// its segmentation (char spans into the Simplified text).
pub(crate) struct Para {
    pub doc: usize,
    pub paragraph: usize,
    pub chars: Vec<char>,
    pub tokens: Vec<Tok>,
}

/// A segmented word: char span and the first two bytes of its jieba tag.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    pub start: u32,
    pub end: u32,
    pub tag: [u8; 2],
}

impl Tok {
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn tag_is(&self, first: u8) -> bool {
        self.tag[0] == first
    }
}

fn prepare(docs: &[Document]) -> Vec<Para> {
    let jb = jieba();
    let mut out = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (p, para) in doc.body() {
            let simp = to_hans(&para.text);
            let chars: Vec<char> = simp.chars().collect();
            let tokens = jb
                .tag(&simp, true)
                .into_iter()
                .map(|t| {
                    let b = t.tag.as_bytes();
                    Tok {
                        start: t.start as u32,
                        end: t.end as u32,
                        tag: [
                            b.first().copied().unwrap_or(b'x'),
                            b.get(1).copied().unwrap_or(0),
                        ],
                    }
                })
                .collect();
            out.push(Para {
                doc: d,
                paragraph: p,
                chars,
                tokens,
            });
        }
    }
    out
}

/// What a detector proposes: a text, its kind, and for titles (which are
/// counted only inside their brackets) the occurrences it saw.
pub(crate) struct Proposal {
    pub kind: Kind,
    /// Count only the occurrences the detector saw (titles, two-char
    /// quotes), not every place the string appears.
    pub only_seen: bool,
    pub seen: Vec<(usize, usize)>,
}

/// Mine the set phrases of `docs` (boilerplate excluded). Slow-ish (jieba):
/// run it off the UI thread.
pub fn mine(docs: &[Document]) -> SloganIndex {
    let paras = prepare(docs);
    // text → proposal; a formula outranks a quote, a quote a phrase.
    let mut found: HashMap<(String, bool), Proposal> = HashMap::new();
    let mut propose = |text: String, kind: Kind, only_seen: bool, at: Option<(usize, usize)>| {
        if is_fragment(&text) {
            return;
        }
        let key = (text, kind == Kind::Title);
        let e = found.entry(key).or_insert(Proposal {
            kind,
            only_seen,
            seen: Vec::new(),
        });
        if kind < e.kind {
            e.kind = kind;
        }
        e.only_seen &= only_seen;
        if let Some(at) = at {
            e.seen.push(at);
        }
    };
    for (i, para) in paras.iter().enumerate() {
        for (text, kind, start) in detect::brackets(&para.chars) {
            let short = text.chars().count() <= 2;
            propose(text, kind, kind == Kind::Title || short, Some((i, start)));
        }
    }
    for text in detect::formulas(&paras) {
        propose(text, Kind::Formula, false, None);
    }
    for text in stats::phrases(&paras) {
        propose(text, Kind::Phrase, false, None);
    }
    let mut slogans = locate(docs, &paras, found);
    slogans.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.docs.cmp(&a.docs))
            .then(a.occurrences.first().cmp(&b.occurrences.first()))
            .then(a.text.cmp(&b.text))
    });
    SloganIndex { slogans }
}

/// Turn proposals into slogans: find every occurrence of each text (or take
/// the detector's own, for titles and two-char quotes), read the variants
/// off the original text.
fn locate(
    docs: &[Document],
    paras: &[Para],
    found: HashMap<(String, bool), Proposal>,
) -> Vec<Slogan> {
    let mut texts: Vec<(Vec<char>, Proposal)> = found
        .into_iter()
        .map(|((t, _), p)| (t.chars().collect(), p))
        .collect();
    texts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.kind.cmp(&b.1.kind)));
    // Index the texts we must search for by their first two chars: one hash
    // lookup per position of the corpus, then a short comparison.
    let mut by_bigram: HashMap<(char, char), Vec<usize>> = HashMap::new();
    for (i, (t, p)) in texts.iter().enumerate() {
        if !p.only_seen && t.len() >= 2 {
            by_bigram.entry((t[0], t[1])).or_default().push(i);
        }
    }
    let mut hits: Vec<Vec<(usize, usize)>> = vec![Vec::new(); texts.len()];
    for (pi, para) in paras.iter().enumerate() {
        let c = &para.chars;
        for s in 0..c.len().saturating_sub(1) {
            if let Some(list) = by_bigram.get(&(c[s], c[s + 1])) {
                for &i in list {
                    if c[s..].starts_with(&texts[i].0) {
                        hits[i].push((pi, s));
                    }
                }
            }
        }
    }
    texts
        .into_iter()
        .zip(hits)
        .filter_map(|((chars, prop), hits)| {
            let mut at = if prop.only_seen { prop.seen } else { hits };
            at.sort_unstable();
            at.dedup();
            if at.is_empty() {
                return None;
            }
            let mut variants: HashMap<String, usize> = HashMap::new();
            let mut doc_ids: Vec<usize> = Vec::with_capacity(at.len());
            let occurrences = at
                .iter()
                .map(|&(pi, off)| {
                    let para = &paras[pi];
                    let orig = &docs[para.doc].paragraphs[para.paragraph].text;
                    let v: String = orig.chars().skip(off).take(chars.len()).collect();
                    *variants.entry(v).or_default() += 1;
                    doc_ids.push(para.doc);
                    Occurrence {
                        doc: para.doc,
                        paragraph: para.paragraph,
                        offset: off,
                    }
                })
                .collect::<Vec<_>>();
            doc_ids.dedup();
            let mut variants: Vec<(String, usize)> = variants.into_iter().collect();
            variants.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            Some(Slogan {
                text: chars.iter().collect(),
                kind: prop.kind,
                count: occurrences.len(),
                docs: doc_ids.len(),
                variants: variants.into_iter().map(|(v, _)| v).collect(),
                occurrences,
            })
        })
        .collect()
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
        ] {
            assert!(is_fragment(f), "{f}");
        }
        for ok in ["四个自信", "高质量发展", "为人民服务", "以人民为中心"] {
            assert!(!is_fragment(ok), "{ok}");
        }
    }
}
