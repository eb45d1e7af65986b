//! Slogan mining as map-reduce: per-document statistics add and subtract
//! exactly, and what is mined from any corpus keeps the invariants (no
//! fragment at either end, every occurrence at its offset, counts equal
//! occurrences). Corpora are generated from the built-in seeds.

use proptest::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use tifa::corpus::{Corpus, Document};
use tifa::slogans::{corpus_stats, doc_stats, jieba, mine, CorpusStats, Shape};
use tifa::text::script::to_hans;

/// Body paragraphs of the seeds, Simplified and Traditional as written.
fn seed_paragraphs() -> Vec<String> {
    Corpus::builtin()
        .docs
        .iter()
        .flat_map(|d| d.body().map(|(_, p)| p.text.clone()).collect::<Vec<_>>())
        .filter(|p| p.chars().count() > 10)
        .collect()
}

/// Documents made of chosen seed paragraphs, one per list of indexes.
fn docs_of(paras: &[String], picks: &[Vec<usize>]) -> Vec<Document> {
    let mut c = Corpus::default();
    for (i, pick) in picks.iter().enumerate() {
        let text: String = pick
            .iter()
            .map(|&j| paras[j % paras.len()].as_str())
            .collect::<Vec<_>>()
            .join("\n");
        c.add_bytes(Path::new(&format!("gen{i}.txt")), text.as_bytes());
    }
    c.docs
}

fn picks() -> impl Strategy<Value = Vec<Vec<usize>>> {
    prop::collection::vec(prop::collection::vec(0usize..10_000, 1..12), 2..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Adding a document's statistics and subtracting them again gives back
    /// exactly the statistics before, whatever the documents.
    #[test]
    fn subtracting_a_document_undoes_adding_it(picks in picks()) {
        let paras = seed_paragraphs();
        let docs = docs_of(&paras, &picks);
        let (last, rest) = docs.split_last().unwrap();
        let mut stats = CorpusStats::default();
        for d in rest {
            stats.add(&doc_stats(d));
        }
        let before = stats.clone();
        let one = doc_stats(last);
        stats.add(&one);
        prop_assert_ne!(&stats, &before);
        stats.subtract(&one);
        prop_assert_eq!(&stats, &before);
        // And the parallel fold sums to the sequential sum.
        let mut all = before;
        all.add(&one);
        prop_assert_eq!(corpus_stats(&docs), all);
    }

    /// Statistics survive a round trip through serde (for an index on disk).
    #[test]
    fn statistics_are_plain_data(picks in picks()) {
        let paras = seed_paragraphs();
        let docs = docs_of(&paras, &picks);
        let s = doc_stats(&docs[0]);
        let json = serde_json::to_string(&s).unwrap();
        let back: tifa::slogans::DocStats = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, s);
    }

    /// Whatever is mined: no fragment at either end (checked by chars and
    /// by jieba's own tags), every occurrence at its offset, counts equal
    /// occurrences, documents equal distinct documents.
    #[test]
    fn mined_slogans_keep_their_invariants(picks in picks()) {
        let paras = seed_paragraphs();
        let docs = docs_of(&paras, &picks);
        let idx = mine(&docs);
        const BAD_EDGE: &str = "的了和是在着过地得吗呢吧啊嘛呀之与及或而";
        for s in &idx.slogans {
            let core = s.text.trim_end_matches('+');
            let words = jieba().tag(core, false);
            let (first, last) = (words.first().unwrap(), words.last().unwrap());
            for w in [first, last] {
                let alone = w.word.chars().count() == 1 && BAD_EDGE.contains(w.word);
                prop_assert!(!alone, "{}: {} at an end", s.text, w.word);
                prop_assert!(!(w.tag.starts_with('u') || w.tag == "c"), "{}: {} ({})", s.text, w.word, w.tag);
            }
            prop_assert!(core.chars().next().unwrap().is_alphanumeric(), "{}", s.text);
            prop_assert!(core.chars().last().unwrap().is_alphanumeric(), "{}", s.text);
            prop_assert_eq!(s.count, s.occurrences.len());
            let ds: HashSet<usize> = s.occurrences.iter().map(|o| o.doc).collect();
            prop_assert_eq!(s.docs, ds.len());
            prop_assert!(s.quoted <= s.count);
            let n = s.text.chars().count();
            for o in &s.occurrences {
                let p = &docs[o.doc].paragraphs[o.paragraph];
                let written: String = p.text.chars().skip(o.offset).take(n).collect();
                prop_assert_eq!(to_hans(&written).replace('＋', "+"), s.text.clone());
            }
            let mut sorted = s.occurrences.to_vec();
            sorted.sort();
            prop_assert_eq!(&sorted[..], &s.occurrences[..]);
        }
        // No pair is a piece of a longer pair that holds (nearly) all its
        // uses, unless it is quoted on its own, or what the longer one adds
        // on both sides is everywhere (ten times as common as it).
        let pairs: Vec<_> = idx.slogans.iter().filter(|s| s.evidence.shape == Shape::Pair).collect();
        let stats = std::cell::OnceCell::new();
        for short in &pairs {
            for long in &pairs {
                let Some(at) = long.text.find(short.text.as_str()) else { continue };
                if long.text.len() == short.text.len() {
                    continue;
                }
                let own_quotes = short.quoted >= 2 && short.quoted * 2 > short.count;
                if own_quotes || (long.count as f64) < 0.95 * short.count as f64 {
                    continue;
                }
                let stats = stats.get_or_init(|| corpus_stats(&docs));
                let generic = |x: &str| {
                    x.is_empty() || stats.count(x).is_some_and(|n| n as usize > 10 * long.count)
                };
                let (before, after) = (&long.text[..at], &long.text[at + short.text.len()..]);
                prop_assert!(
                    generic(before) && generic(after),
                    "{} ({}) is a piece of {} ({})", short.text, short.count, long.text, long.count
                );
            }
        }
    }
}
