//! The slogans' hits kept from one build to the next (`<key>.hts`, beside
//! the slogan index of the same key): the pattern texts that were located,
//! and per source file (by segment key) its documents' hits of them.
//!
//! The locate pass is most of a slogan build (about 70% on 100 MB). With
//! the hits kept, a rebuild after a few files changed locates every
//! pattern only in those files; elsewhere it keeps the hits of the patterns
//! still selected, and locates the patterns new to the selection only in
//! the documents whose sentences hold them (the sentence index says which,
//! [`crate::search::occurrences`]); a pattern that crosses a sentence end
//! is looked for in every document.
//!
//! What always holds: a file's kept hits are used only under the same
//! segment key (same path, content and load options, same format), so they
//! are what locating again would find; the result equals a build from
//! scratch (`tests/index.rs` checks it against `--no-cache`).

use crate::corpus::Document;
use crate::search::Candidates;
use crate::slogans::{locate_doc, Candidate, DocHits, Hit, Pattern, Patterns};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// What a build kept, as read back.
#[derive(Debug, Default, Deserialize)]
pub struct Kept {
    /// (text, title) of each pattern; hits name them by index.
    pub patterns: Vec<(Box<str>, bool)>,
    /// Per source file: its segment key, and its documents' hits.
    pub files: Vec<(u64, Vec<DocHits>)>,
}

/// What a build keeps, as written (borrowing the build's own data).
#[derive(Serialize)]
pub struct KeptRef<'a> {
    pub patterns: Vec<(&'a str, bool)>,
    pub files: Vec<(u64, &'a [DocHits])>,
}

/// One source file: its segment key and its documents' range.
pub struct FileDocs {
    pub key: u64,
    pub docs: Range<usize>,
}

/// How much a rebuild could keep.
#[derive(Debug, Default, Clone, Copy)]
pub struct Reuse {
    /// Files whose hits were kept.
    pub kept: usize,
    /// Files located in full.
    pub located: usize,
    /// Patterns new to the selection, and the documents they were looked for in.
    pub new_patterns: usize,
    pub new_docs: usize,
}

/// Every document's hits of `chosen`, from `old` where it holds them.
/// `sentences` gives the sentence index when patterns are new (called at
/// most once).
pub fn locate(
    docs: &[Document],
    files: &[FileDocs],
    chosen: &[Candidate],
    old: Option<Kept>,
    sentences: &dyn Fn() -> std::sync::Arc<Candidates>,
) -> (Vec<DocHits>, Reuse) {
    let old = old.unwrap_or_default();
    let id_of: HashMap<(&str, bool), u32> = chosen
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.text.as_str(), c.title), i as u32))
        .collect();
    let remap: Vec<Option<u32>> = old
        .patterns
        .iter()
        .map(|(t, title)| id_of.get(&(&**t, *title)).copied())
        .collect();
    let before: HashSet<(&str, bool)> = old.patterns.iter().map(|(t, x)| (&**t, *x)).collect();
    let fresh: Vec<u32> = chosen
        .iter()
        .enumerate()
        .filter(|(_, c)| !before.contains(&(c.text.as_str(), c.title)))
        .map(|(i, _)| i as u32)
        .collect();
    // The same patterns in the same order: the kept hits as they are.
    let same =
        remap.len() == chosen.len() && remap.iter().enumerate().all(|(i, p)| *p == Some(i as u32));
    let mut kept_files: HashMap<u64, Vec<DocHits>> = old.files.into_iter().collect();
    let reusable: Vec<Option<Vec<DocHits>>> = files
        .iter()
        .map(|f| {
            kept_files
                .remove(&f.key)
                .filter(|h| f.key != 0 && h.len() == f.docs.len())
        })
        .collect();
    let mut reuse = Reuse {
        kept: reusable.iter().filter(|r| r.is_some()).count(),
        located: reusable.iter().filter(|r| r.is_none()).count(),
        new_patterns: fresh.len(),
        new_docs: 0,
    };
    // Where the new patterns may be, among the documents whose hits are kept.
    let mut look = vec![false; docs.len()];
    if !fresh.is_empty() && reuse.kept > 0 {
        let cands = sentences();
        for &id in &fresh {
            let text = &chosen[id as usize].text;
            if crate::search::spans_sentences(text) {
                look.iter_mut().for_each(|l| *l = true);
                break;
            }
            for o in crate::search::occurrences(&cands, text) {
                if let Some(l) = look.get_mut(o.doc) {
                    *l = true;
                }
            }
        }
    }
    let patterns = |ids: &[u32]| {
        Patterns::new(
            ids.iter()
                .map(|&i| Pattern {
                    text: chosen[i as usize].text.clone(),
                    title: chosen[i as usize].title,
                })
                .collect(),
        )
    };
    let all: Vec<u32> = (0..chosen.len() as u32).collect();
    let every = (reuse.located > 0).then(|| patterns(&all));
    let new = (!fresh.is_empty()).then(|| patterns(&fresh));
    let mut per_doc: Vec<DocHits> = vec![DocHits::default(); docs.len()];
    let mut slots: Vec<&mut [DocHits]> = Vec::with_capacity(files.len());
    let mut rest: &mut [DocHits] = &mut per_doc;
    for f in files {
        let (a, b) = rest.split_at_mut(f.docs.len());
        slots.push(a);
        rest = b;
    }
    let new_docs: usize = slots
        .into_par_iter()
        .zip(reusable)
        .zip(files)
        .map(|((slot, kept), f)| {
            let mut looked = 0;
            match kept {
                None => {
                    for (out, d) in slot.iter_mut().zip(&docs[f.docs.clone()]) {
                        if let Some(p) = &every {
                            *out = locate_doc(d, p);
                        }
                    }
                }
                Some(kept) => {
                    for (j, (out, hits)) in slot.iter_mut().zip(kept).enumerate() {
                        *out = if same {
                            hits
                        } else {
                            renumber(hits, |p| remap.get(p as usize).copied().flatten())
                        };
                        let g = f.docs.start + j;
                        if let (Some(p), true) = (&new, look[g]) {
                            looked += 1;
                            let found = locate_doc(&docs[g], p);
                            append(out, found, |p| Some(fresh[p as usize]));
                        }
                    }
                }
            }
            looked
        })
        .sum();
    reuse.new_docs = new_docs;
    (per_doc, reuse)
}

/// `hits` with each pattern renumbered by `to` (dropped where `None`).
fn renumber(hits: DocHits, to: impl Fn(u32) -> Option<u32>) -> DocHits {
    let mut out = DocHits::default();
    append(&mut out, hits, to);
    out
}

/// Add `more` to `into`, renumbering its patterns by `to`.
fn append(into: &mut DocHits, more: DocHits, to: impl Fn(u32) -> Option<u32>) {
    let mut at: Vec<Option<u32>> = Vec::with_capacity(more.hits.len());
    for h in more.hits {
        match to(h.pattern) {
            Some(p) => {
                at.push(Some(into.hits.len() as u32));
                into.hits.push(Hit { pattern: p, ..h });
            }
            None => at.push(None),
        }
    }
    for (i, w) in more.written {
        if let Some(Some(j)) = at.get(i as usize) {
            into.written.push((*j, w));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::slogans::{select, CorpusStats};

    fn chosen_of(docs: &[Document]) -> Vec<Candidate> {
        let mut st = CorpusStats::default();
        for d in docs {
            st.add(&crate::slogans::doc_stats(d));
        }
        select(&st)
    }

    /// Kept hits under any earlier selection, renumbered and completed,
    /// are the hits a fresh locate pass finds.
    #[test]
    fn kept_hits_are_the_hits_found_again() {
        let docs = Corpus::builtin().docs;
        let files: Vec<FileDocs> = (0..docs.len())
            .map(|d| FileDocs {
                key: d as u64 + 1,
                docs: d..d + 1,
            })
            .collect();
        let chosen = chosen_of(&docs);
        assert!(chosen.len() > 20);
        let none = || -> std::sync::Arc<Candidates> { unreachable!("no kept hits") };
        let (fresh, r) = locate(&docs, &files, &chosen, None, &none);
        assert_eq!((r.kept, r.located), (0, docs.len()));
        // An earlier selection: every third pattern missing, one extra.
        let mut earlier: Vec<Candidate> = chosen
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 != 0)
            .map(|(_, c)| c.clone())
            .collect();
        let mut extra = chosen[0].clone();
        extra.text = "不在选中之列".into();
        earlier.push(extra);
        let (then, _) = locate(&docs, &files, &earlier, None, &none);
        let kept = Kept {
            patterns: earlier
                .iter()
                .map(|c| (c.text.clone().into_boxed_str(), c.title))
                .collect(),
            // The last file changed: its hits are not kept.
            files: files[..files.len() - 1]
                .iter()
                .map(|f| (f.key, then[f.docs.clone()].to_vec()))
                .collect(),
        };
        let sentences = || {
            let ix = crate::slogans::SloganIndex::default();
            std::sync::Arc::new(Candidates::build(&docs, &ix, crate::search::Scope::Text))
        };
        let (again, r) = locate(&docs, &files, &chosen, Some(kept), &sentences);
        assert_eq!((r.kept, r.located), (docs.len() - 1, 1));
        assert!(r.new_patterns > 0);
        type Seen = (u32, u32, u32, bool, Option<Box<str>>);
        let sorted = |v: &[DocHits]| -> Vec<Vec<Seen>> {
            v.iter()
                .map(|d| {
                    let mut w: Vec<_> = d
                        .hits
                        .iter()
                        .enumerate()
                        .map(|(i, h)| {
                            let written = d
                                .written
                                .iter()
                                .find(|(j, _)| *j as usize == i)
                                .map(|(_, t)| t.clone());
                            (h.pattern, h.paragraph, h.offset, h.quoted, written)
                        })
                        .collect();
                    w.sort();
                    w
                })
                .collect()
        };
        assert_eq!(sorted(&again), sorted(&fresh));
    }
}
