//! Search: script-insensitive, pinyin-aware fuzzy matching, the query
//! syntax, the ranking tie-break, and the background searcher's
//! generations. Built-in corpus and generated candidates only.

use proptest::prelude::*;
use std::sync::Arc;
use tifa::corpus::Corpus;
use tifa::search::{search, search_scan, sentences, Candidates, Hit, Scope, Searcher, Source};
use tifa::slogans::{mine, SloganIndex};
use tifa::text::script::{is_han, to_hans, Script};

fn builtin(scope: Scope) -> (Corpus, SloganIndex, Candidates) {
    let c = Corpus::builtin();
    let idx = mine(&c.docs);
    let cands = Candidates::build(&c.docs, &idx, scope);
    (c, idx, cands)
}

fn slogan_texts(idx: &SloganIndex, cands: &Candidates, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .filter_map(|h| match cands.get(h.index as usize).source {
            Source::Slogan(i) => Some(idx.slogans[i as usize].text.clone()),
            Source::Text => None,
        })
        .collect()
}

#[test]
fn half_remembered_traditional_and_initials_queries_find_the_slogan() {
    let (_, idx, cands) = builtin(Scope::Slogans);
    for (q, want, within) in [
        ("四自信", "四个自信", 1),
        ("兩個維護", "两个维护", 1),
        ("两个維護", "两个维护", 1),
        ("sgzx", "四个自信", 3),
        ("lgwh", "两个维护", 3),
        ("SGZX", "四个自信", 3),
    ] {
        let got = slogan_texts(&idx, &cands, &search(&cands, q, within));
        assert!(got.iter().any(|t| t == want), "{q}: {got:?}");
    }
}

#[test]
fn simplified_query_finds_traditional_text() {
    let (c, _, cands) = builtin(Scope::Text);
    let hant: Vec<usize> = c
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.script == Script::Hant)
        .map(|(i, _)| i)
        .collect();
    assert!(!hant.is_empty());
    let hits = search(&cands, "党", usize::MAX);
    let in_hant: Vec<&Hit> = hits
        .iter()
        .filter(|h| hant.contains(&(cands.get(h.index as usize).doc as usize)))
        .collect();
    assert!(
        !in_hant.is_empty(),
        "党 found nothing in the Traditional seed"
    );
    for h in in_hant {
        let cand = cands.get(h.index as usize);
        let para = &c.docs[cand.doc as usize].paragraphs[cand.paragraph as usize].text;
        let written: String = para
            .chars()
            .skip(cand.offset as usize)
            .take(cand.chars as usize)
            .collect();
        assert!(written.contains('黨'), "{written}");
        assert_eq!(to_hans(&written), cands.text(h.index as usize));
    }
}

fn generated(texts: &[&str]) -> Candidates {
    let mut c = Candidates::new();
    for (i, t) in texts.iter().enumerate() {
        c.push(Source::Text, 0, i, 0, t);
    }
    c
}

fn found(c: &Candidates, q: &str) -> Vec<String> {
    search(c, q, usize::MAX)
        .iter()
        .map(|h| c.text(h.index as usize).to_string())
        .collect()
}

#[test]
fn query_syntax_like_fzf() {
    let c = generated(&["坚定四个自信", "四个自信要坚定", "做到两个维护", "四个意识"]);
    let set = |q: &str| {
        let mut v = found(&c, q);
        v.sort();
        v
    };
    assert_eq!(set("四 信"), ["四个自信要坚定", "坚定四个自信"]);
    assert_eq!(set("'个自"), ["四个自信要坚定", "坚定四个自信"]);
    assert_eq!(set("'四自"), Vec::<String>::new());
    assert_eq!(set("^四个"), ["四个意识", "四个自信要坚定"]);
    assert_eq!(set("坚定$"), ["四个自信要坚定"]);
    assert_eq!(set("四个 !坚定"), ["四个意识"]);
    assert_eq!(set("!四个"), Vec::<String>::new());
    assert_eq!(set("lgwh"), ["做到两个维护"]);
}

#[test]
fn ties_go_to_the_shorter_candidate_then_corpus_order() {
    let c = generated(&["改革开放好", "改革开放", "深化改革开放", "改革开放"]);
    let hits = search(&c, "'改革开放", usize::MAX);
    let order: Vec<u32> = hits.iter().map(|h| h.index).collect();
    // Same score for the three that start with it, whatever their length.
    assert_eq!(hits[0].score, hits[2].score);
    assert_eq!(&order[..3], [1, 3, 0]);
    assert_eq!(order.len(), 4);
}

#[test]
fn sentence_candidates_point_into_the_original_text() {
    let (c, _, cands) = builtin(Scope::Text);
    assert!(cands.len() > 500);
    for i in 0..cands.len() {
        let cand = cands.get(i);
        let para = &c.docs[cand.doc as usize].paragraphs[cand.paragraph as usize];
        assert!(!para.boilerplate);
        let written: String = para
            .text
            .chars()
            .skip(cand.offset as usize)
            .take(cand.chars as usize)
            .collect();
        assert_eq!(to_hans(&written), cands.text(i));
        assert_eq!(cands.initials(i).chars().count(), cand.chars as usize);
    }
}

proptest! {
    #[test]
    fn sentences_cover_the_text(text in "[一二三是的，。！？；a ”》]{0,40}") {
        let parts = sentences(&text);
        let mut rebuilt = String::new();
        let chars: Vec<char> = text.chars().collect();
        for (off, s) in &parts {
            let n = s.chars().count();
            prop_assert_eq!(chars[*off..off + n].iter().collect::<String>(), s.to_string());
            // Terminators only at the end of a sentence, with the closing
            // marks after them; no sentence starts with a closing mark
            // that follows a terminator.
            let ends = ['。', '！', '？', '；'];
            let closers = ['”', '》'];
            prop_assert!(!s.trim_end_matches(closers).trim_end_matches(ends).contains(ends));
            if *off > 0 && ends.contains(&chars[off - 1]) {
                prop_assert!(!s.starts_with(closers), "{:?}", s);
            }
            rebuilt.push_str(s);
        }
        let kept: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let got: String = rebuilt.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(got, kept);
    }
}

/// Sentence `i` of a large generated corpus: distinct, Han, with a marker
/// word every 1000th so queries have rare and common hits.
fn sentence(i: usize) -> String {
    const A: [&str; 8] = [
        "推动", "加强", "深化", "完善", "落实", "健全", "提高", "扩大",
    ];
    const B: [&str; 8] = [
        "基层治理",
        "生态保护",
        "民生保障",
        "对外开放",
        "科技创新",
        "乡村建设",
        "作风建设",
        "人才培养",
    ];
    let marker = if i % 1000 == 7 { "四个自信" } else { "" };
    format!(
        "第{}项要{}{}{}，确保见效。",
        i,
        A[i % 8],
        B[(i / 8) % 8],
        marker
    )
}

#[test]
fn searcher_streams_without_blocking_and_drops_stale_generations() {
    const N: usize = 1_000_000;
    let mut c = Candidates::new();
    for i in 0..N {
        c.push(Source::Text, 0, i, 0, &sentence(i));
    }
    let cands = Arc::new(c);
    let mut s = Searcher::new(Arc::clone(&cands));
    let queries = [
        "推",
        "推动",
        "推动基",
        "加强",
        "加强生态",
        "深化",
        "四个",
        "四个自信",
    ];
    let mut seen: Vec<u64> = Vec::new();
    let mut last = 0;
    // The last batch of the last query may come while the loop polls.
    let mut done = false;
    for round in 0..5 {
        for q in queries {
            let g = s.set_query(q);
            done = false;
            assert!(g > last, "a new query gets a new generation");
            last = g;
            assert_eq!(s.set_query(q), g, "the same query twice does nothing");
            for _ in 0..(round + 1) * 3 {
                while let Some(r) = s.poll() {
                    assert_eq!(r.generation, s.generation(), "stale batch for {q}");
                    seen.push(r.generation);
                    done = r.done;
                }
                std::thread::yield_now();
            }
        }
    }
    // Generations only go forward.
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    // The last query runs to the end and agrees with the one-shot search.
    let last_q = *queries.last().unwrap();
    while !done {
        match s.poll() {
            Some(r) => {
                assert_eq!(r.generation, last);
                done = r.done;
            }
            None => std::thread::sleep(std::time::Duration::from_millis(5)),
        }
    }
    let want = search(&cands, last_q, 1000);
    assert_eq!(want.len(), N / 1000);
    assert_eq!(s.best(), &want[..]);
    assert!(cands.text(s.best()[0].index as usize).chars().any(is_han));
}

/// Generated candidates: Han in both scripts, ASCII of both cases, a char
/// that folds to an ASCII letter (the Kelvin sign), full-width letters, a
/// combining mark, whitespace, punctuation. Not `ſ`: it folds to `s` too,
/// but nucleo-matcher 0.3.1 trips a debug assertion on it (scan or not).
const TEXT: &str = r"[四个自信两维护兩個維護党黨国國发展脱贫攻坚GgDdPpSsXxKk05%\x{212A}Ａａe\x{301} \x{3000}，。“”\t]{0,24}";
/// fzf-like queries: one to three terms, each maybe `!`, `^` or `'`,
/// maybe `$`, with the odd backslash.
const QUERY: &str = r"(!?[\^']?[四个自信两维护兩個維護党黨国發发展脱贫攻坚sgzxlwhdfjtpkGDPSK05%\x{212A}Ａ\\]{1,4}\$?)( !?[\^']?[四个自信两維護发展sgzxlwhdGDS05%\\]{1,3}\$?){0,2}";

proptest! {
    #[test]
    fn indexed_search_returns_exactly_what_the_scan_returns(
        texts in prop::collection::vec((TEXT, any::<bool>()), 0..200),
        queries in prop::collection::vec(QUERY, 1..6),
    ) {
        let mut c = Candidates::new();
        for (i, (t, slogan)) in texts.iter().enumerate() {
            let source = if *slogan { Source::Slogan(i as u32) } else { Source::Text };
            c.push(source, 0, i, 0, t);
        }
        for q in &queries {
            prop_assert_eq!(search(&c, q, usize::MAX), search_scan(&c, q, usize::MAX), "{}", q);
            prop_assert_eq!(search(&c, q, 5), search_scan(&c, q, 5), "{}", q);
        }
    }
}

/// Candidate `i` of a corpus that spans several index blocks: sentences,
/// some with Latin letters or Traditional chars, every 5th a slogan.
fn mixed(i: usize) -> (Source, String) {
    let extra = match i % 7 {
        0 => "GDP增长",
        3 => "坚持两个维护，兩個維護",
        5 => "sgzx",
        _ => "",
    };
    let source = if i.is_multiple_of(5) {
        Source::Slogan(i as u32)
    } else {
        Source::Text
    };
    (source, format!("{}{extra}", sentence(i)))
}

#[test]
fn indexed_search_and_the_worker_agree_with_the_scan_across_blocks() {
    const N: usize = 150_000;
    let mut c = Candidates::new();
    for i in 0..N {
        let (source, text) = mixed(i);
        c.push(source, 0, i, 0, &text);
        if i == 100_000 {
            c.shrink_to_fit(); // more candidates after: still indexed
        }
    }
    let queries = [
        "四个自信",
        "四自信",
        "兩個維護",
        "sgzx",
        "gdp",
        "GDP",
        "'两个 !四个",
        "^第12",
        "见效。$",
        "'推动基层 !四个",
        "tdjcz",
        "第9 gdp",
    ];
    let cands = Arc::new(c);
    let mut s = Searcher::new(Arc::clone(&cands));
    for q in queries {
        let want = search_scan(&cands, q, usize::MAX);
        assert!(!want.is_empty(), "{q} finds nothing: a weak test");
        assert_eq!(search(&cands, q, usize::MAX), want, "{q}");
        assert_eq!(search(&cands, q, 20), want[..want.len().min(20)], "{q}");
        let g = s.set_query(q);
        loop {
            match s.poll() {
                Some(r) if r.done => break,
                Some(_) => {}
                None => std::thread::sleep(std::time::Duration::from_millis(2)),
            }
        }
        assert_eq!(s.generation(), g);
        assert_eq!(s.best(), &want[..want.len().min(1000)], "worker, {q}");
    }
}
