//! The per-document locate pass: every occurrence of the selected texts in
//! one document's body paragraphs, found on the Simplified text with one
//! Aho–Corasick automaton (overlapping matches, so 脱贫攻坚 is found
//! inside 脱贫攻坚战 too).
//!
//! What always holds: a hit's offset is a char offset into the original
//! paragraph (the Simplified form has the same char count), and the
//! original text at that offset simplifies to the pattern. A title's hits
//! are only those inside `《》`.

use super::prep::simplified_cow;
use super::shapes::{closer, is_numeral, numeric_edges, MAX_QUOTE};
use crate::corpus::Document;
use aho_corasick::AhoCorasick;
use std::borrow::Cow;

/// One text to find.
pub struct Pattern {
    pub text: String,
    /// Count only occurrences inside `《》`.
    pub title: bool,
}

/// One occurrence found by [`locate_doc`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hit {
    /// Index into the patterns.
    pub pattern: u32,
    pub paragraph: u32,
    /// Char offset in the paragraph.
    pub offset: u32,
    /// Between quotation marks (“…”, 「…」, ‘…’, "…").
    pub quoted: bool,
}

/// What the locate pass finds in one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocHits {
    pub hits: Vec<Hit>,
    /// For hits whose text is written otherwise than the pattern
    /// (Traditional): the hit's index in `hits`, and the text as written.
    pub written: Vec<(u32, Box<str>)>,
}

/// The compiled patterns, shared by every document's locate pass.
pub struct Patterns {
    list: Vec<Compiled>,
    ac: Option<AhoCorasick>,
}

struct Compiled {
    text: String,
    title: bool,
    numeric: (bool, bool),
}

impl Patterns {
    pub fn new(list: Vec<Pattern>) -> Patterns {
        // Building only fails past the automaton's size limits, which a few
        // hundred thousand short patterns do not reach; without it nothing
        // is found, which is reported as no slogans rather than a crash.
        let ac = AhoCorasick::new(list.iter().map(|p| p.text.as_str())).ok();
        let list = list
            .into_iter()
            .map(|p| Compiled {
                numeric: numeric_edges(&p.text),
                text: p.text,
                title: p.title,
            })
            .collect();
        Patterns { list, ac }
    }
}

/// Find every occurrence of `pats` in `doc`.
pub fn locate_doc(doc: &Document, pats: &Patterns) -> DocHits {
    locate_in(doc, pats, None)
}

/// [`locate_doc`], given the Simplified form of the body paragraphs that
/// differ from it (`None`, or no entry, where the paragraph is Simplified
/// already), as [`super::doc_stats_and_text`] made them: Traditional text is
/// not converted twice.
pub fn locate_in(
    doc: &Document,
    pats: &Patterns,
    simplified_body: Option<&[Option<String>]>,
) -> DocHits {
    let Some(ac) = &pats.ac else {
        return DocHits::default();
    };
    let mut out = DocHits::default();
    for (bi, (pi, para)) in doc.body().enumerate() {
        let converted;
        // `differs`: the Simplified text is not the original's.
        let (s, differs): (&str, bool) = match simplified_body {
            Some(b) => match b.get(bi) {
                Some(Some(t)) => (t, para.text != *t),
                _ => (&para.text, false),
            },
            None => {
                converted = simplified_cow(&para.text);
                let differs = matches!(converted, Cow::Owned(_)) && para.text != *converted;
                (&converted, differs)
            }
        };
        let mut it = ac.find_overlapping_iter(s).peekable();
        if it.peek().is_none() {
            continue;
        }
        // Char offsets: matches come in order of their ends, so the chars
        // up to each end are counted on from the last one (not a table of
        // the paragraph's every byte), and back over the match to its start.
        let (mut end_b, mut end_c) = (0usize, 0usize);
        // Char → byte offsets of the original, when it differs (Traditional).
        let orig: Option<Vec<usize>> = differs.then(|| {
            let mut v: Vec<usize> = para.text.char_indices().map(|(b, _)| b).collect();
            v.push(para.text.len());
            v
        });
        for m in it {
            let pat = &pats.list[m.pattern().as_usize()];
            if m.end() >= end_b {
                end_c += s[end_b..m.end()].chars().count();
            } else {
                // Not in order after all: count from the start.
                end_c = s[..m.end()].chars().count();
            }
            end_b = m.end();
            let c1 = end_c;
            let c0 = c1 - s[m.start()..m.end()].chars().count();
            let before = s[..m.start()].chars().next_back();
            let after = s[m.end()..].chars().next();
            let enclosed = |open: char| before == Some(open) && after == closer(open);
            if pat.title && !enclosed('《') {
                continue;
            }
            let numeric = |c: Option<char>| {
                c.is_some_and(|c| {
                    is_numeral(c) || c == '〇' || c == '零' || c == '第' || c.is_ascii_digit()
                })
            };
            if (pat.numeric.0 && numeric(before)) || (pat.numeric.1 && numeric(after)) {
                continue; // a piece of a longer number or an ordinal
            }
            let quoted =
                c1 - c0 <= MAX_QUOTE && ['“', '「', '『', '‘', '"'].into_iter().any(enclosed);
            let written = orig
                .as_ref()
                .and_then(|o| para.text.get(*o.get(c0)?..*o.get(c1)?))
                .filter(|w| *w != pat.text);
            if let Some(w) = written {
                out.written.push((out.hits.len() as u32, w.into()));
            }
            out.hits.push(Hit {
                pattern: m.pattern().as_u32(),
                paragraph: pi as u32,
                offset: c0 as u32,
                quoted,
            });
        }
    }
    out
}
