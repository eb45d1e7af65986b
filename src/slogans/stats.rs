//! Additive statistics: one document's ([`DocStats`]) and a corpus's
//! ([`CorpusStats`]), the sum of its documents'.
//!
//! What always holds: every field is a sum over documents (counts, neighbour
//! counts, document counts), so adding a document's statistics and then
//! subtracting them gives back exactly the statistics before. Entries whose
//! counts reach zero are removed, and neighbour lists are kept sorted by id,
//! so equal sums are equal values. Everything is plain owned data that serde
//! can write and read back, for an index on disk to keep per file.

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub type Map<K, V> = HashMap<K, V, FxBuildHasher>;

/// What stood on one side of a phrase: word (or punctuation class) ids
/// with counts, sorted by id, and text boundaries (paragraph starts and
/// ends), each a neighbour of its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    pub edges: u32,
    pub ids: Vec<(u32, u32)>,
}

impl Side {
    pub(crate) fn push(&mut self, id: Option<u32>) {
        match id {
            None => self.edges += 1,
            Some(id) => match self.ids.binary_search_by_key(&id, |e| e.0) {
                Ok(i) => self.ids[i].1 += 1,
                Err(i) => self.ids.insert(i, (id, 1)),
            },
        }
    }

    /// Add `o`'s counts, in place: the ids both have are summed where they
    /// stand, and only when `o` brings new ids is the list widened and
    /// merged from its end (no new list per call, and nothing moved when
    /// every id is known already).
    pub(crate) fn add(&mut self, o: &Side) {
        self.edges += o.edges;
        if self.ids.is_empty() {
            self.ids.clone_from(&o.ids);
            return;
        }
        let mut new = 0;
        for &(id, n) in &o.ids {
            match self.ids.binary_search_by_key(&id, |e| e.0) {
                Ok(i) => self.ids[i].1 += n,
                Err(_) => new += 1,
            }
        }
        if new == 0 {
            return;
        }
        let old = self.ids.len();
        self.ids.resize(old + new, (0, 0));
        // Backwards: `self.ids[..i]` not yet placed, `self.ids[k..]` done.
        let (mut i, mut k) = (old, old + new);
        for &(id, n) in o.ids.iter().rev() {
            if k == i {
                break;
            }
            while i > 0 && self.ids[i - 1].0 > id {
                k -= 1;
                i -= 1;
                self.ids[k] = self.ids[i];
            }
            if i > 0 && self.ids[i - 1].0 == id {
                continue; // summed above
            }
            k -= 1;
            self.ids[k] = (id, n);
        }
    }

    fn subtract(&mut self, o: &Side) {
        self.edges = self.edges.saturating_sub(o.edges);
        for &(id, n) in &o.ids {
            if let Ok(i) = self.ids.binary_search_by_key(&id, |e| e.0) {
                self.ids[i].1 = self.ids[i].1.saturating_sub(n);
            }
        }
        self.ids.retain(|e| e.1 > 0);
    }

    /// Total neighbours seen.
    pub fn total(&self) -> u32 {
        self.edges + self.ids.iter().map(|e| e.1).sum::<u32>()
    }

    /// Branching entropy in bits; each boundary counts as a distinct
    /// neighbour.
    pub fn entropy(&self) -> f64 {
        let n = self.total() as f64;
        if n == 0.0 {
            return 0.0;
        }
        let h: f64 = self
            .ids
            .iter()
            .map(|&(_, c)| {
                let p = c as f64 / n;
                -p * p.log2()
            })
            .sum();
        h + self.edges as f64 * (n.log2() / n)
    }
}

/// One candidate phrase's statistics.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gram {
    pub count: u32,
    /// Documents it was counted in (1 in a [`DocStats`]).
    pub docs: u32,
    pub left: Side,
    pub right: Side,
}

impl Gram {
    fn add(&mut self, o: &Gram) {
        self.count += o.count;
        self.docs += o.docs;
        self.left.add(&o.left);
        self.right.add(&o.right);
    }
    fn subtract(&mut self, o: &Gram) {
        self.count = self.count.saturating_sub(o.count);
        self.docs = self.docs.saturating_sub(o.docs);
        self.left.subtract(&o.left);
        self.right.subtract(&o.right);
    }
}

/// One document's statistics (the per-document pass, [`super::doc_stats`]).
///
/// Pruned, so that a document costs what its repeated phrases cost: a word
/// n-gram is kept only when it occurs at least twice in the document, or
/// is a dictionary word of three chars or more, or opens with a numeral
/// (a formula's shape). A phrase used once in every document therefore
/// enters the candidates only where it is quoted or repeated; its count
/// in the index is still exact, from the locate pass.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocStats {
    /// Chars of body text.
    pub chars: u64,
    /// Han words of body text (jieba, no HMM).
    pub words: u64,
    /// The year of the document's date, if it has one.
    pub year: Option<u16>,
    /// Han word → occurrences.
    pub vocab: Map<Box<str>, u32>,
    /// Candidate phrase → statistics.
    pub grams: Map<Box<str>, Gram>,
    /// Text between quotation marks → times quoted.
    pub quoted: Map<Box<str>, u32>,
    /// Text between `《》` → times cited.
    pub titles: Map<Box<str>, u32>,
    /// Formula → its parts joined by `、` → times defined so.
    pub expansions: Map<Box<str>, Map<Box<str>, u32>>,
    /// Lists of three or more parallel items (道路自信、理论自信、制度自信、
    /// 文化自信), joined by `、` → occurrences.
    pub lists: Map<Box<str>, u32>,
}

/// A corpus's statistics: the sum of its documents' [`DocStats`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusStats {
    pub docs: u32,
    pub chars: u64,
    pub words: u64,
    /// Year → dated documents of that year.
    pub years: Map<u16, u32>,
    pub vocab: Map<Box<str>, u32>,
    pub grams: Map<Box<str>, Gram>,
    pub quoted: Map<Box<str>, u32>,
    pub titles: Map<Box<str>, u32>,
    pub expansions: Map<Box<str>, Map<Box<str>, u32>>,
    pub lists: Map<Box<str>, u32>,
}

/// One document's statistics as a corpus of one, its maps moved, not
/// copied: `CorpusStats::default().merge(d.into())` equals adding `&d`.
impl From<DocStats> for CorpusStats {
    fn from(d: DocStats) -> CorpusStats {
        let mut years = Map::default();
        if let Some(y) = d.year {
            years.insert(y, 1);
        }
        CorpusStats {
            docs: 1,
            chars: d.chars,
            words: d.words,
            years,
            vocab: d.vocab,
            grams: d.grams,
            quoted: d.quoted,
            titles: d.titles,
            expansions: d.expansions,
            lists: d.lists,
        }
    }
}

fn add_counts(into: &mut Map<Box<str>, u32>, from: &Map<Box<str>, u32>) {
    into.reserve(from.len().saturating_sub(into.capacity() - into.len()));
    for (k, v) in from {
        match into.get_mut(k) {
            Some(n) => *n += v,
            None => {
                into.insert(k.clone(), *v);
            }
        }
    }
}

fn subtract_counts(into: &mut Map<Box<str>, u32>, from: &Map<Box<str>, u32>) {
    for (k, v) in from {
        if let Some(n) = into.get_mut(k) {
            *n = n.saturating_sub(*v);
            if *n == 0 {
                into.remove(k);
            }
        }
    }
}

impl CorpusStats {
    /// Add one document.
    pub fn add(&mut self, d: &DocStats) {
        self.docs += 1;
        self.chars += d.chars;
        self.words += d.words;
        if let Some(y) = d.year {
            *self.years.entry(y).or_default() += 1;
        }
        add_counts(&mut self.vocab, &d.vocab);
        add_counts(&mut self.quoted, &d.quoted);
        add_counts(&mut self.titles, &d.titles);
        add_counts(&mut self.lists, &d.lists);
        for (k, g) in &d.grams {
            match self.grams.get_mut(k) {
                Some(e) => e.add(g),
                None => {
                    self.grams.insert(k.clone(), g.clone());
                }
            }
        }
        for (k, m) in &d.expansions {
            add_counts(self.expansions.entry(k.clone()).or_default(), m);
        }
    }

    /// Take one document out again (it must have been added).
    pub fn subtract(&mut self, d: &DocStats) {
        self.docs = self.docs.saturating_sub(1);
        self.chars = self.chars.saturating_sub(d.chars);
        self.words = self.words.saturating_sub(d.words);
        if let Some(y) = d.year {
            if let Some(n) = self.years.get_mut(&y) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.years.remove(&y);
                }
            }
        }
        subtract_counts(&mut self.vocab, &d.vocab);
        subtract_counts(&mut self.quoted, &d.quoted);
        subtract_counts(&mut self.titles, &d.titles);
        subtract_counts(&mut self.lists, &d.lists);
        for (k, g) in &d.grams {
            if let Some(e) = self.grams.get_mut(k) {
                e.subtract(g);
                if e.count == 0 && e.docs == 0 && e.left.total() == 0 && e.right.total() == 0 {
                    self.grams.remove(k);
                }
            }
        }
        for (k, m) in &d.expansions {
            if let Some(e) = self.expansions.get_mut(k) {
                subtract_counts(e, m);
                if e.is_empty() {
                    self.expansions.remove(k);
                }
            }
        }
    }

    /// Two partial sums into one (the reduce step of a parallel fold).
    pub fn merge(mut self, mut other: CorpusStats) -> CorpusStats {
        if self.grams.len() < other.grams.len() {
            std::mem::swap(&mut self, &mut other);
        }
        self.docs += other.docs;
        self.chars += other.chars;
        self.words += other.words;
        for (y, n) in other.years {
            *self.years.entry(y).or_default() += n;
        }
        for (k, v) in other.vocab {
            *self.vocab.entry(k).or_default() += v;
        }
        for (k, v) in other.quoted {
            *self.quoted.entry(k).or_default() += v;
        }
        for (k, v) in other.titles {
            *self.titles.entry(k).or_default() += v;
        }
        for (k, v) in other.lists {
            *self.lists.entry(k).or_default() += v;
        }
        for (k, g) in other.grams {
            match self.grams.get_mut(&k) {
                Some(e) => e.add(&g),
                None => {
                    self.grams.insert(k, g);
                }
            }
        }
        for (k, m) in other.expansions {
            add_counts(self.expansions.entry(k).or_default(), &m);
        }
        self
    }

    /// Count of a text as a candidate phrase, else as a word.
    pub fn count(&self, text: &str) -> Option<u32> {
        self.grams
            .get(text)
            .map(|g| g.count)
            .or_else(|| self.vocab.get(text).copied())
    }

    /// Approximate heap bytes (for the memory report).
    pub fn approx_bytes(&self) -> usize {
        let key = |k: &str| k.len() + 16 + 8;
        self.grams
            .iter()
            .map(|(k, g)| {
                key(k) + std::mem::size_of::<Gram>() + (g.left.ids.len() + g.right.ids.len()) * 8
            })
            .sum::<usize>()
            + [&self.vocab, &self.quoted, &self.titles]
                .iter()
                .flat_map(|m| m.keys())
                .map(|k| key(k) + 4)
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn side(m: &BTreeMap<u32, u32>, edges: u32) -> Side {
        Side {
            edges,
            ids: m.iter().map(|(&k, &v)| (k, v)).collect(),
        }
    }

    proptest! {
        /// Adding in place gives the sum, sorted by id and each id once,
        /// whatever ids the two sides share; subtracting it again gives back
        /// the first side.
        #[test]
        fn sides_add_to_their_sum_and_subtract_back(
            a in prop::collection::btree_map(0u32..60, 1u32..9, 0..25),
            b in prop::collection::btree_map(0u32..60, 1u32..9, 0..25),
            ea in 0u32..5, eb in 0u32..5,
        ) {
            let mut sum = a.clone();
            for (&k, &v) in &b {
                *sum.entry(k).or_default() += v;
            }
            let mut s = side(&a, ea);
            s.add(&side(&b, eb));
            prop_assert_eq!(&s, &side(&sum, ea + eb));
            s.subtract(&side(&b, eb));
            prop_assert_eq!(s, side(&a, ea));
        }
    }
}
