//! Slogan mining on the built-in corpus and on generated documents.

use std::collections::HashSet;
use std::path::Path;
use tifa::corpus::{Corpus, Document};
use tifa::slogans::{jieba, mine, Kind, Shape, SloganIndex, Sort};
use tifa::text::script::{to_hans, to_hant};

fn builtin() -> (Corpus, SloganIndex) {
    let c = Corpus::builtin();
    let idx = mine(&c.docs);
    (c, idx)
}

fn corpus_of(texts: &[(&str, String)]) -> Corpus {
    let mut c = Corpus::default();
    for (name, text) in texts {
        c.add_bytes(Path::new(name), text.as_bytes());
    }
    c
}

#[test]
fn builtin_corpus_has_the_known_formulations() {
    let (_, idx) = builtin();
    for want in [
        "四个自信",
        "两个维护",
        "四个意识",
        "一岗双责",
        "马上办",
        "三会一课",
        "四个全面",
        "五大发展理念",
        "脱贫攻坚",
    ] {
        assert!(idx.get(want).is_some(), "{want} not mined");
    }
}

/// The top of the list must read as phrases, not as cuts through sentences.
/// Checked here by chars *and* by jieba's own tags (a particle, conjunction
/// or preposition at either end), independently of the miner's filters.
#[test]
fn top_50_are_phrases_not_sentence_fragments() {
    let (_, idx) = builtin();
    assert!(
        idx.slogans.len() >= 50,
        "only {} slogans",
        idx.slogans.len()
    );
    const BAD_EDGE: &str = "的了和是在着过地得吗呢吧啊嘛呀之与及或而";
    for s in &idx.slogans[..50] {
        let first = s.text.chars().next().unwrap();
        let last = s.text.chars().last().unwrap();
        for c in [first, last] {
            assert!(c.is_alphanumeric(), "{}: punctuation at an end", s.text);
            assert!(!BAD_EDGE.contains(c), "{}: starts or ends with {c}", s.text);
        }
        let breaks: &[char] = if s.evidence.shape == Shape::Pair {
            &['。', '！', '？', '；', '：']
        } else {
            &['。', '！', '？', '，', '；', '：']
        };
        assert!(
            !s.text.contains(breaks),
            "{}: a clause, not a phrase",
            s.text
        );
        let tags = jieba().tag(&s.text, true);
        for t in [tags.first().unwrap(), tags.last().unwrap()] {
            assert!(
                !(t.tag.starts_with('u') || t.tag.starts_with('y') || t.tag == "c"),
                "{}: {} ({}) at an end",
                s.text,
                t.word,
                t.tag
            );
        }
        let n = s.text.chars().count();
        assert!((2..=40).contains(&n), "{}: length {n}", s.text);
    }
}

#[test]
fn occurrences_point_at_the_text_and_counts_agree() {
    let (c, idx) = builtin();
    for s in &idx.slogans {
        assert_eq!(s.count, s.occurrences.len(), "{}", s.text);
        let docs: HashSet<usize> = s.occurrences.iter().map(|o| o.doc).collect();
        assert_eq!(s.docs, docs.len(), "{}", s.text);
        let n = s.text.chars().count();
        for o in &s.occurrences {
            let p = &c.docs[o.doc].paragraphs[o.paragraph];
            assert!(!p.boilerplate, "{} found in boilerplate", s.text);
            let written: String = p.text.chars().skip(o.offset).take(n).collect();
            assert_eq!(to_hans(&written), s.text, "{} at {o:?}", s.text);
            assert!(
                s.variants.contains(&written),
                "{}: {written} not a variant",
                s.text
            );
        }
    }
}

#[test]
fn most_formulaic_first_and_other_orders() {
    let (_, idx) = builtin();
    for w in idx.slogans.windows(2) {
        assert!(
            w[0].score >= w[1].score,
            "{} before {}",
            w[0].text,
            w[1].text
        );
    }
    let by_count = idx.order(Sort::Count);
    for w in by_count.windows(2) {
        assert!(idx.slogans[w[0]].count >= idx.slogans[w[1]].count);
    }
    let by_docs = idx.order(Sort::Docs);
    for w in by_docs.windows(2) {
        assert!(idx.slogans[w[0]].docs >= idx.slogans[w[1]].docs);
    }
    let mut seen = by_docs.clone();
    seen.sort_unstable();
    assert_eq!(seen, (0..idx.slogans.len()).collect::<Vec<_>>());
}

/// Seed 004 is Traditional: its 一崗雙責 is the same slogan as the
/// Simplified seeds' 一岗双责, with both forms as variants.
#[test]
fn traditional_and_simplified_forms_are_one_slogan() {
    let (c, idx) = builtin();
    let hant = c
        .docs
        .iter()
        .position(|d| d.script == tifa::text::script::Script::Hant)
        .expect("a Traditional seed");
    let merged: Vec<_> = idx
        .slogans
        .iter()
        .filter(|s| s.variants.iter().any(|v| *v != s.text))
        .filter(|s| s.variants.contains(&s.text))
        .filter(|s| s.occurrences.iter().any(|o| o.doc == hant))
        .collect();
    assert!(!merged.is_empty(), "no slogan merges 简 and 繁 forms");
    for s in merged {
        assert!(s.variants.iter().all(|v| to_hans(v) == s.text));
    }
}

#[test]
fn generated_documents_quotes_formulas_titles_phrases() {
    // Each document quotes a made-up formula, uses another unquoted, cites
    // a title, and repeats a made-up phrase; half are Traditional.
    let docs: Vec<(String, String)> = (0..6)
        .map(|i| {
            let body = format!(
                "第{i}段：我们要落实“七个坚持”，推进七查七改，学习《乡村治理手册》。\n\
                 各地要推进数字乡村建设，推进数字乡村建设必须久久为功，\
                 这是第{i}次强调数字乡村建设，群众欢迎数字乡村建设。\n\
                 我们还要做好三项整治和七查七改，做到“心中有数”。\n"
            );
            let body = if i % 2 == 1 { to_hant(&body) } else { body };
            (format!("gen{i}.txt"), body)
        })
        .collect();
    let refs: Vec<(&str, String)> = docs.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let c = corpus_of(&refs);
    let idx = mine(&c.docs);
    let kind = |t: &str| idx.get(t).map(|s| s.kind);
    assert_eq!(kind("七个坚持"), Some(Kind::Formula));
    assert_eq!(kind("七查七改"), Some(Kind::Formula));
    assert_eq!(kind("心中有数"), Some(Kind::Quoted));
    let title = idx.slogans.iter().find(|s| s.kind == Kind::Title).unwrap();
    assert_eq!(title.text, "乡村治理手册");
    assert_eq!(title.docs, 6);
    let phrase = idx.get("数字乡村建设").expect("recurring phrase");
    assert_eq!(phrase.count, 24);
    assert_eq!(phrase.docs, 6);
    assert!(phrase.variants.contains(&"數字鄉村建設".to_string()));
    // Its pieces are not phrases of their own.
    assert!(idx.get("乡村建设").is_none());
}

#[test]
fn boilerplate_paragraphs_are_not_mined() {
    let c = Corpus::builtin();
    let mut docs: Vec<Document> = c.docs.clone();
    // Mark every paragraph of every document as web chrome: nothing is left.
    for d in &mut docs {
        for p in &mut d.paragraphs {
            p.boilerplate = true;
        }
    }
    assert!(mine(&docs).slogans.is_empty());
}

#[test]
fn mining_runs_off_thread_and_is_deterministic() {
    let c = Corpus::builtin();
    let docs = c.docs.clone();
    let there = std::thread::spawn(move || mine(&docs)).join().unwrap();
    let here = mine(&c.docs);
    let key = |i: &SloganIndex| {
        i.slogans
            .iter()
            .map(|s| (s.text.clone(), s.kind, s.occurrences.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&there), key(&here));
}
