//! Every exact occurrence of a text, found through the candidates rather
//! than by reading every document: the posting index gives the sentences
//! that hold every char of the text, and only those are searched.
//!
//! So a count works the same whether the candidates were built in memory
//! or come from an index on disk, and costs what the rare chars of the
//! text cost, not what the corpus costs.
//!
//! What always holds:
//! - Occurrences are exact (case respected), non-overlapping, in
//!   Simplified form on both sides (either script finds either), and in
//!   corpus order: document, paragraph, offset.
//! - Offsets are chars into the original paragraph text (OpenCC t2s keeps
//!   the char count), so they point at the same text as slogan
//!   occurrences and search hits do.
//! - Only sentence candidates ([`Source::Text`]) are read: a text that
//!   crosses a sentence end (`。我们`) is found nowhere, since no sentence
//!   holds it (see [`spans_sentences`]).

use super::{sentences, Candidates, Query, Source};
use crate::slogans::Occurrence;
use crate::text::script::to_hans;

/// Every occurrence of `text` (either script) in the sentences of
/// `cands`, in corpus order.
pub fn occurrences(cands: &Candidates, text: &str) -> Vec<Occurrence> {
    let needle = to_hans(text);
    if needle.is_empty() {
        return Vec::new();
    }
    let mut ids = Vec::new();
    cands.filter(&Query::exact(&needle), 0..cands.len(), &mut ids);
    let mut out = Vec::new();
    for i in ids {
        let i = i as usize;
        let c = cands.get(i);
        if c.source != Source::Text {
            continue;
        }
        let hay = cands.text(i);
        // Char offsets of the byte positions, counted on from the last one.
        let (mut byte, mut chars) = (0, 0);
        for (at, _) in hay.match_indices(needle.as_str()) {
            chars += hay[byte..at].chars().count();
            byte = at;
            out.push(Occurrence {
                doc: c.doc as usize,
                paragraph: c.paragraph as usize,
                offset: c.offset as usize + chars,
            });
        }
    }
    // Candidates are pushed in corpus order, but a caller may build them
    // otherwise; the order is part of the contract.
    if !out.is_sorted() {
        out.sort_unstable();
    }
    out
}

/// Whether `text` crosses a sentence end (holds 。！？； with more text
/// after it than closing quotes): such a text is never found by
/// [`occurrences`], and a caller should say so.
pub fn spans_sentences(text: &str) -> bool {
    sentences(text).len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::search::Scope;
    use crate::slogans::SloganIndex;
    use proptest::prelude::*;
    use std::path::Path;

    /// The reference: every body paragraph in Simplified form, scanned
    /// with `str::match_indices`, which is non-overlapping too.
    fn scan(c: &Corpus, text: &str) -> Vec<Occurrence> {
        let needle = to_hans(text);
        let mut out = Vec::new();
        if needle.is_empty() {
            return out;
        }
        for (d, doc) in c.docs.iter().enumerate() {
            for (p, para) in doc.body() {
                let hay = to_hans(&para.text);
                for (at, _) in hay.match_indices(needle.as_str()) {
                    out.push(Occurrence {
                        doc: d,
                        paragraph: p,
                        offset: hay[..at].chars().count(),
                    });
                }
            }
        }
        out
    }

    fn corpus(docs: &[String]) -> Corpus {
        let mut c = Corpus::default();
        for (i, text) in docs.iter().enumerate() {
            c.add_bytes(Path::new(&format!("doc{i}.txt")), text.as_bytes());
        }
        c
    }

    /// Few chars, so that needles occur often and overlap (哈哈 in 哈哈哈);
    /// both scripts, ASCII of both cases, sentence ends, closing quotes and
    /// line breaks (paragraphs).
    const DOC: &str = "[发展改革開放开放哈国國aAb。！？；”，\n ]{0,60}";
    const NEEDLE: &str = "[发展改革開放开放哈国國aAb]{1,3}";

    proptest! {
        #[test]
        fn occurrences_equal_a_plain_scan(
            docs in prop::collection::vec(DOC, 1..6),
            needles in prop::collection::vec(NEEDLE, 1..5),
        ) {
            let c = corpus(&docs);
            let cands = Candidates::build(&c.docs, &SloganIndex::default(), Scope::Text);
            for n in &needles {
                prop_assert_eq!(occurrences(&cands, n), scan(&c, n), "{}", n);
            }
        }
    }

    #[test]
    fn slogans_among_the_candidates_are_not_counted_twice() {
        let c = Corpus::builtin();
        let idx = crate::slogans::mine(&c.docs);
        let all = Candidates::build(&c.docs, &idx, Scope::All);
        let text = Candidates::build(&c.docs, &idx, Scope::Text);
        let top = &idx.slogans[0].text;
        let found = occurrences(&all, top);
        assert!(!found.is_empty());
        assert_eq!(found, occurrences(&text, top));
        assert_eq!(found, scan(&c, top));
    }

    #[test]
    fn either_script_finds_either() {
        let c = corpus(&["堅持改革開放。坚持改革开放。".to_string()]);
        let cands = Candidates::build(&c.docs, &SloganIndex::default(), Scope::Text);
        let want = vec![
            Occurrence {
                doc: 0,
                paragraph: 0,
                offset: 2,
            },
            Occurrence {
                doc: 0,
                paragraph: 0,
                offset: 9,
            },
        ];
        assert_eq!(occurrences(&cands, "改革開放"), want);
        assert_eq!(occurrences(&cands, "改革开放"), want);
        assert!(occurrences(&cands, "").is_empty());
        // Across a sentence end: no sentence holds it.
        assert!(spans_sentences("开放。坚持"));
        assert!(!spans_sentences("改革开放。”"));
        assert!(occurrences(&cands, "开放。坚持").is_empty());
    }
}
