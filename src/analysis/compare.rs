//! Comparing two documents: which slogans are new in B, which were
//! dropped since A, which were kept (and how their counts moved), and the
//! two outlines with matching headings paired (see `sections`).
//!
//! Slogans are the slogan index's: a document's slogans are those with an
//! occurrence in it, counted from the index's occurrences (a text the
//! miner did not accept is not compared). Per-document counts are made
//! once per index ([`DocSlogans`]); a comparison then reads only the two
//! documents' lists.
//!
//! What always holds:
//! - A slogan text is compared once, however many kinds the index lists
//!   it under (the index counts every occurrence of a text, so its counts
//!   do not depend on the kind).
//! - `new` has count_a = 0 < count_b, `dropped` count_b = 0 < count_a,
//!   `kept` both > 0; nothing with both 0 appears.
//! - `new` is sorted by count_b, `dropped` by count_a, `kept` by the size
//!   of the change |count_b − count_a|, each largest first, then by the
//!   larger count, then by text.

use super::sections::{pair_sections, Pair};
use crate::outline::Outline;
use crate::slogans::SloganIndex;
use std::collections::HashSet;

/// Per document, the slogans it uses and how often: (slogan index, count),
/// by slogan index.
#[derive(Clone, Debug, Default)]
pub struct DocSlogans {
    per_doc: Vec<Vec<(u32, u32)>>,
}

impl DocSlogans {
    /// Count every occurrence of every slogan (each text once) per
    /// document; `docs` is the number of documents.
    pub fn build(index: &SloganIndex, docs: usize) -> DocSlogans {
        let mut per_doc: Vec<Vec<(u32, u32)>> = vec![Vec::new(); docs];
        let mut seen = HashSet::new();
        for (i, s) in index.slogans.iter().enumerate() {
            if !seen.insert(s.text.as_str()) {
                continue;
            }
            for o in s.occurrences.each() {
                let Some(list) = per_doc.get_mut(o.doc) else {
                    continue;
                };
                match list.last_mut() {
                    Some((k, n)) if *k == i as u32 => *n += 1,
                    _ => list.push((i as u32, 1)),
                }
            }
        }
        // Occurrences are in corpus order, so each slogan's are grouped by
        // document; should a future index not keep that, merge repeats.
        for list in &mut per_doc {
            if !list.is_sorted_by(|a, b| a.0 < b.0) {
                list.sort_unstable();
                list.dedup_by(|b, a| {
                    let same = a.0 == b.0;
                    if same {
                        a.1 += b.1;
                    }
                    same
                });
            }
            list.shrink_to_fit();
        }
        DocSlogans { per_doc }
    }

    /// The slogans of document `doc`: (slogan index, count), by slogan index.
    pub fn of(&self, doc: usize) -> &[(u32, u32)] {
        self.per_doc.get(doc).map_or(&[], Vec::as_slice)
    }
}

/// One slogan's counts in A and B.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Index into [`SloganIndex::slogans`].
    pub slogan: usize,
    pub text: String,
    pub count_a: usize,
    pub count_b: usize,
}

/// What changed from document A to document B.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    pub new: Vec<Change>,
    pub dropped: Vec<Change>,
    pub kept: Vec<Change>,
    /// The outlines of A and B, headings paired (see `sections`).
    pub sections: Vec<Pair>,
}

/// Compare documents `a` and `b` (indexes into the documents the index
/// and `counts` were made from), whose outlines are `outline_a`, `outline_b`.
pub fn compare(
    index: &SloganIndex,
    counts: &DocSlogans,
    a: usize,
    b: usize,
    outline_a: &Outline,
    outline_b: &Outline,
) -> Comparison {
    let (la, lb) = (counts.of(a), counts.of(b));
    let mut cmp = Comparison::default();
    let (mut i, mut j) = (0, 0);
    // A merge of two lists sorted by slogan index.
    loop {
        let (slogan, ca, cb) = match (la.get(i), lb.get(j)) {
            (None, None) => break,
            (Some(&(x, n)), Some(&(y, m))) if x == y => {
                (i, j) = (i + 1, j + 1);
                (x, n, m)
            }
            (Some(&(x, n)), Some(&(y, _))) if x < y => {
                i += 1;
                (x, n, 0)
            }
            (Some(&(x, n)), None) => {
                i += 1;
                (x, n, 0)
            }
            (_, Some(&(y, m))) => {
                j += 1;
                (y, 0, m)
            }
        };
        let c = Change {
            slogan: slogan as usize,
            text: index.slogans[slogan as usize].text.clone(),
            count_a: ca as usize,
            count_b: cb as usize,
        };
        match (ca, cb) {
            (0, _) => cmp.new.push(c),
            (_, 0) => cmp.dropped.push(c),
            _ => cmp.kept.push(c),
        }
    }
    cmp.new
        .sort_by(|x, y| y.count_b.cmp(&x.count_b).then_with(|| x.text.cmp(&y.text)));
    cmp.dropped
        .sort_by(|x, y| y.count_a.cmp(&x.count_a).then_with(|| x.text.cmp(&y.text)));
    cmp.kept.sort_by(|x, y| {
        let d = |c: &Change| c.count_a.abs_diff(c.count_b);
        let m = |c: &Change| c.count_a.max(c.count_b);
        d(y).cmp(&d(x))
            .then(m(y).cmp(&m(x)))
            .then_with(|| x.text.cmp(&y.text))
    });
    cmp.sections = pair_sections(outline_a, outline_b);
    cmp
}
