//! Step 4's end: from every selected pattern's hits to the slogans — exact
//! counts, documents, years and forms as written, rescored on them, and
//! fragments of longer slogans dropped.
//!
//! Hits are [`Found`] records, fixed-width, so that the on-disk index keeps
//! them as tables read in place: a rebuild after one file changed hands
//! each pattern's hits over as a few [`Run`]s (slices of the kept tables,
//! their documents renumbered by a shift, beside the changed file's new
//! hits) instead of decoding and moving every hit of the corpus.
//!
//! What always holds: the slogans depend only on each pattern's hits in
//! corpus order, never on how they are cut into runs, so slogans assembled
//! from kept runs are those of mining afresh. Occurrences are made only for
//! the slogans that are kept.

use super::locate::{locate_doc, DocHits, Patterns};
use super::score::{self, Counts, Shape};
use super::stats::CorpusStats;
use super::{doc, Candidate, Dated, Kind, Occurrence, Slogan, SloganIndex};
use crate::corpus::Document;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// One hit of a pattern, as kept: its document (numbered within the table
/// that holds it), paragraph, char offset, whether it is quoted, and its
/// text as written when that differs from the pattern (Traditional).
#[repr(C)]
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, bytemuck::Pod, bytemuck::Zeroable,
)]
pub struct Found {
    pub doc: u32,
    pub paragraph: u32,
    pub offset: u32,
    /// Bit 0: between quotation marks; the rest: 0 when written as the
    /// pattern, else 1 + the form's index in its table's [`Forms`].
    form: u32,
}

impl Found {
    pub fn new(doc: u32, paragraph: u32, offset: u32, quoted: bool, form: Option<u32>) -> Found {
        let f = form.map_or(0, |f| f.saturating_add(1).min(u32::MAX >> 1));
        Found {
            doc,
            paragraph,
            offset,
            form: (f << 1) | u32::from(quoted),
        }
    }

    pub fn quoted(&self) -> bool {
        self.form & 1 == 1
    }

    /// The index of its form as written, if it is not the pattern's text.
    pub fn form(&self) -> Option<u32> {
        (self.form >> 1).checked_sub(1)
    }

    /// The same hit with another form index (a table's forms renumbered).
    pub fn with_form(self, form: Option<u32>) -> Found {
        Found::new(self.doc, self.paragraph, self.offset, self.quoted(), form)
    }
}

/// The texts as written that a table's hits name, each once.
#[derive(Clone, Debug, Default)]
pub struct Forms {
    /// End of each form in `bytes`.
    pub ends: Vec<u64>,
    pub bytes: Vec<u8>,
    ids: FxHashMap<Box<str>, u32>,
}

impl Forms {
    /// The index of `text`, added if new.
    pub fn id(&mut self, text: &str) -> u32 {
        if let Some(&i) = self.ids.get(text) {
            return i;
        }
        let i = self.ends.len() as u32;
        self.bytes.extend_from_slice(text.as_bytes());
        self.ends.push(self.bytes.len() as u64);
        self.ids.insert(text.into(), i);
        i
    }

    pub fn view(&self) -> FormsRef<'_> {
        FormsRef {
            ends: &self.ends,
            bytes: &self.bytes,
        }
    }
}

/// [`Forms`] as read: in memory or in place in a file.
#[derive(Clone, Copy, Debug, Default)]
pub struct FormsRef<'a> {
    pub ends: &'a [u64],
    pub bytes: &'a [u8],
}

impl<'a> FormsRef<'a> {
    /// Form `i`; `None` out of range or not UTF-8.
    pub fn get(&self, i: u32) -> Option<&'a str> {
        let i = i as usize;
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        std::str::from_utf8(self.bytes.get(start..end)?).ok()
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Every pattern's hits in a run of documents, in memory: what locating
/// gives and a table is made from.
#[derive(Clone, Debug, Default)]
pub struct Located {
    /// Per pattern, its hits in corpus order.
    pub hits: Vec<Vec<Found>>,
    pub forms: Forms,
}

impl Located {
    pub fn new(patterns: usize) -> Located {
        Located {
            hits: vec![Vec::new(); patterns],
            forms: Forms::default(),
        }
    }

    /// Add document `doc`'s hits (documents added in order).
    pub fn push(&mut self, doc: u32, found: DocHits) {
        let ids: Vec<u32> = found.forms.iter().map(|w| self.forms.id(w)).collect();
        let mut form = vec![None; found.hits.len()];
        for (i, w) in found.written {
            if let (Some(f), Some(&id)) = (form.get_mut(i as usize), ids.get(w as usize)) {
                *f = Some(id);
            }
        }
        for (h, f) in found.hits.into_iter().zip(form) {
            if let Some(list) = self.hits.get_mut(h.pattern as usize) {
                list.push(Found::new(doc, h.paragraph, h.offset, h.quoted, f));
            }
        }
    }

    /// Locate `pats` (of which there are `patterns`) in `docs`, numbered
    /// from `first`, a chunk of documents at a time on all cores.
    pub fn locate(docs: &[&Document], first: u32, pats: &Patterns, patterns: usize) -> Located {
        let numbered: Vec<(&Document, u32)> =
            docs.iter().zip(first..).map(|(&d, n)| (d, n)).collect();
        Located::locate_numbered(&numbered, pats, patterns)
    }

    /// Locate `pats` (of which there are `patterns`) in each document, under
    /// its number (documents in order of their numbers), sorted. A chunk of
    /// documents is located on all cores while the last chunk's hits are
    /// added: adding is one thread's work (15 M hits took 2.3 s of a cold
    /// build of 105 MB, as long as the locating), and would leave the other
    /// core idle.
    pub fn locate_numbered(docs: &[(&Document, u32)], pats: &Patterns, patterns: usize) -> Located {
        const CHUNK: usize = 128;
        let mut out = Located::new(patterns);
        let mut pending: Vec<(DocHits, u32)> = Vec::new();
        for chunk in docs.chunks(CHUNK) {
            let (found, ()) = rayon::join(
                || {
                    chunk
                        .par_iter()
                        .map(|&(d, n)| (locate_doc(d, pats), n))
                        .collect::<Vec<_>>()
                },
                || {
                    for (f, n) in pending.drain(..) {
                        out.push(n, f);
                    }
                },
            );
            pending = found;
        }
        for (f, n) in pending {
            out.push(n, f);
        }
        out.sort();
        out
    }

    /// Each pattern's hits in corpus order (one document's are found in
    /// order of their ends; a pattern's ends and starts agree, but this
    /// does not rely on it).
    pub fn sort(&mut self) {
        for h in &mut self.hits {
            if !h.is_sorted() {
                h.sort_unstable();
            }
        }
    }

    /// Each pattern's hits as one run.
    pub fn runs(&self) -> Vec<Vec<Run<'_>>> {
        self.hits
            .iter()
            .map(|h| {
                vec![Run {
                    hits: h,
                    shift: 0,
                    forms: self.forms.view(),
                }]
            })
            .collect()
    }
}

/// Some of a pattern's hits, in corpus order: a slice of a table, and what
/// to add to its documents' numbers to make them the corpus's.
#[derive(Clone, Copy, Debug)]
pub struct Run<'a> {
    pub hits: &'a [Found],
    pub shift: i64,
    pub forms: FormsRef<'a>,
}

impl Run<'_> {
    fn doc(&self, h: &Found) -> u32 {
        (h.doc as i64 + self.shift) as u32
    }
}

/// (document, paragraph, offset + `add`) of every hit of `runs`, in order.
fn positions<'a>(runs: &'a [Run<'a>], add: u32) -> impl Iterator<Item = (u32, u32, u32)> + 'a {
    runs.iter().flat_map(move |r| {
        r.hits
            .iter()
            .map(move |h| (r.doc(h), h.paragraph, h.offset + add))
    })
}

/// Step 4's end: the slogans from each pattern's hits (`runs[i]` being
/// `chosen[i]`'s, in corpus order), rescored on their exact counts,
/// fragments dropped, sorted.
pub fn assemble_runs(
    docs: &[Document],
    stats: &CorpusStats,
    chosen: Vec<Candidate>,
    runs: &[Vec<Run<'_>>],
) -> SloganIndex {
    let dates = Dates::of(docs);
    let mut built: Vec<Built> = chosen
        .into_par_iter()
        .zip(runs)
        .enumerate()
        .filter_map(|(i, (c, r))| build(docs, stats, &dates, c, r).map(|s| (s, i)))
        .collect();
    drop_fragments(&mut built, stats, runs);
    // Each kept slogan's occurrences, packed straight from its hits.
    let parts: Vec<(Vec<u8>, usize)> = built
        .par_iter()
        .map(|(s, i)| {
            let mut out = vec![0; s.count * 4];
            let mut p = super::occurrences::Packer::default();
            for (d, para, offset) in positions(&runs[*i], 0) {
                let o = Occurrence {
                    doc: d as usize,
                    paragraph: para as usize,
                    offset: offset as usize,
                };
                p.push(o, &mut out);
            }
            p.done(&mut out);
            (out, s.count)
        })
        .collect();
    let packed = super::occurrences::kept_packed(parts);
    let mut slogans: Vec<Slogan> = built
        .into_iter()
        .zip(packed)
        .map(|((mut s, _), o)| {
            s.occurrences = o;
            s
        })
        .collect();
    slogans.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.count.cmp(&a.count))
            .then(a.occurrences.first().cmp(&b.occurrences.first()))
            .then(a.text.cmp(&b.text))
            .then(a.kind.cmp(&b.kind))
    });
    SloganIndex { slogans }
}

/// A slogan before its occurrences are made, and its pattern's index.
type Built = (Slogan, usize);

/// The documents' dates as [`build`] asks about them, worked out once.
struct Dates {
    /// Each document's year.
    years: Vec<Option<u16>>,
    /// The earliest year, and how many years from it to the latest.
    first_year: u16,
    span: usize,
    /// Each document's date's place among the corpus's dates (as strings;
    /// the same date, the same place).
    rank: Vec<Option<u32>>,
    /// The chars of dated text in each year from the first (empty when the
    /// years span more than [`Dates::MAX_SPAN`]).
    text: Vec<f64>,
}

impl Dates {
    fn of(docs: &[Document]) -> Dates {
        let years: Vec<Option<u16>> = docs
            .iter()
            .map(|d| doc::year_of(d.date.as_deref()))
            .collect();
        let first_year = years.iter().flatten().copied().min().unwrap_or(0);
        let last_year = years.iter().flatten().copied().max().unwrap_or(0);
        let mut all: Vec<&str> = docs.iter().filter_map(|d| d.date.as_deref()).collect();
        all.sort_unstable();
        all.dedup();
        let rank = docs
            .iter()
            .map(|d| {
                let date = d.date.as_deref()?;
                all.binary_search(&date).ok().map(|i| i as u32)
            })
            .collect();
        let span = usize::from(last_year - first_year) + 1;
        let mut text = vec![0.0; if span > Dates::MAX_SPAN { 0 } else { span }];
        for (d, y) in docs.iter().zip(&years) {
            if let Some(t) = y.and_then(|y| text.get_mut(usize::from(y - first_year))) {
                *t += d.chars as f64;
            }
        }
        Dates {
            years,
            first_year,
            span,
            rank,
            text,
        }
    }

    /// Years beyond which they are not counted in a table by year.
    const MAX_SPAN: usize = 4096;

    /// The divergence of uses (`per_doc[i]` in `docs[i]`) over the years
    /// from the text's ([`score::era_divergence`]).
    fn era(&self, docs: &[usize], per_doc: &[u32]) -> Option<f64> {
        if self.text.is_empty() {
            return None;
        }
        let mut uses = vec![0u32; self.text.len()];
        for (&d, &n) in docs.iter().zip(per_doc) {
            if let Some(u) =
                self.years[d].and_then(|y| uses.get_mut(usize::from(y - self.first_year)))
            {
                *u += n;
            }
        }
        score::era_divergence(&uses, &self.text)
    }

    /// The distinct years of `docs`, ascending.
    fn years_of(&self, docs: &[usize]) -> Vec<u16> {
        if self.span > Dates::MAX_SPAN {
            let mut ys: Vec<u16> = docs.iter().filter_map(|&d| self.years[d]).collect();
            ys.sort_unstable();
            ys.dedup();
            return ys;
        }
        let mut seen = vec![false; self.span];
        for &d in docs {
            if let Some(y) = self.years[d] {
                seen[usize::from(y - self.first_year)] = true;
            }
        }
        (0..self.span)
            .filter(|&i| seen[i])
            .map(|i| self.first_year + i as u16)
            .collect()
    }

    /// Of `docs` (ascending), the first with the earliest date and the
    /// first with the latest.
    fn first_last(&self, docs: &[usize]) -> (Option<usize>, Option<usize>) {
        // (the date's place, the document)
        let mut first: Option<(u32, usize)> = None;
        let mut last: Option<(u32, usize)> = None;
        for &d in docs {
            if let Some(r) = self.rank[d] {
                if first.is_none_or(|(f, _)| r < f) {
                    first = Some((r, d));
                }
                if last.is_none_or(|(l, _)| r > l) {
                    last = Some((r, d));
                }
            }
        }
        (first.map(|f| f.1), last.map(|l| l.1))
    }
}

fn build(
    docs: &[Document],
    stats: &CorpusStats,
    dates: &Dates,
    c: Candidate,
    runs: &[Run<'_>],
) -> Option<Slogan> {
    let count: usize = runs.iter().map(|r| r.hits.len()).sum();
    // 大 names a formula by itself (五大发展理念): once is enough for it.
    let strong = c.evidence.shape == Shape::Formula && c.text.chars().nth(1) == Some('大');
    if count < 2 && !(strong && count == 1) {
        return None;
    }
    let mut doc_ids: Vec<usize> = Vec::new();
    // Uses per document, in the order of `doc_ids`.
    let mut per_doc: Vec<u32> = Vec::new();
    let mut quoted = 0;
    let mut written: HashMap<&str, usize> = HashMap::new();
    let mut as_is = 0;
    for r in runs {
        // One pass over the hits (they are most of the index's bytes): the
        // uses per document, the quoted ones, and the forms a stretch at a
        // time (a document's hits are mostly written one way; `form >> 1`
        // is 0 for none, else 1 + index).
        let mut forms: FxHashMap<u32, usize> = FxHashMap::default();
        let mut tally = |form: u32, n: usize| match form.checked_sub(1) {
            Some(f) => *forms.entry(f).or_default() += n,
            None => as_is += n,
        };
        let (mut form, mut stretch) = (0, 0);
        for h in r.hits {
            quoted += (h.form & 1) as usize;
            let d = r.doc(h) as usize;
            if doc_ids.last() != Some(&d) {
                doc_ids.push(d);
                per_doc.push(0);
            }
            if let Some(n) = per_doc.last_mut() {
                *n += 1;
            }
            if h.form >> 1 != form {
                tally(form, stretch);
                (form, stretch) = (h.form >> 1, 0);
            }
            stretch += 1;
        }
        tally(form, stretch);
        for (f, n) in forms {
            match r.forms.get(f) {
                Some(w) => *written.entry(w).or_default() += n,
                None => as_is += n,
            }
        }
    }
    let mut variants: Vec<(&str, usize)> = written.into_iter().collect();
    if as_is > 0 {
        variants.push((&c.text, as_is));
    }
    variants.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let ys = dates.years_of(&doc_ids);
    let era = dates.era(&doc_ids, &per_doc);
    let (first, last) = dates.first_last(&doc_ids);
    let dated = |d: Option<usize>| {
        d.and_then(|d| {
            Some(Dated {
                doc: d,
                date: docs[d].date.clone()?,
            })
        })
    };
    let mut ev = c.evidence;
    ev.era = era;
    ev.keyness = score::keyness(
        count as f64,
        stats.words as f64,
        score::background_p(&score::words(&c.text)),
    );
    let counts = Counts {
        count: count as f64,
        quoted: quoted as f64,
        docs: score::effective_docs(&per_doc),
        years: ys.len(),
    };
    let formulaic = score::formulaic(&ev, counts);
    if !c.title && formulaic < score::MIN_FORMULAIC {
        return None;
    }
    let kind = if c.title {
        Kind::Title
    } else if ev.shape == Shape::Formula {
        Kind::Formula
    } else if quoted >= 2 && quoted * 10 >= count {
        Kind::Quoted
    } else {
        Kind::Phrase
    };
    let expansion = stats
        .expansions
        .get(c.text.as_str())
        .and_then(|m| m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))))
        .map(|(parts, _)| parts.split('、').map(str::to_string).collect())
        .unwrap_or_default();
    Some(Slogan {
        kind,
        count,
        docs: doc_ids.len(),
        variants: variants.into_iter().map(|(v, _)| v.to_string()).collect(),
        occurrences: Default::default(),
        score: score::score(&ev, counts),
        quoted,
        years: ys,
        first: dated(first),
        last: dated(last),
        expansion,
        evidence: ev,
        text: c.text,
    })
}

/// Share of a slogan's uses inside longer slogans that makes it a fragment.
const INSIDE: f64 = 0.95;
/// An extension is generic when the longer slogan holds less than this
/// share of its uses.
const GENERIC_SHARE: f64 = 0.1;

/// Drop a slogan when most of its uses lie inside longer slogans (中国特色
/// inside 中国特色社会主义, 中国特色大国外交), unless it is quoted on its own.
fn drop_fragments(built: &mut Vec<Built>, stats: &CorpusStats, runs: &[Vec<Run<'_>>]) {
    let by_text: FxHashMap<&str, usize> = built
        .iter()
        .enumerate()
        .filter(|(_, (s, _))| s.kind != Kind::Title)
        .map(|(i, (s, _))| (s.text.as_str(), i))
        .collect();
    // For each shorter slogan, the longer ones whose uses cover its own,
    // with the char offset it has in them.
    let mut pairs: Vec<(usize, usize, u32)> = built
        .par_iter()
        .enumerate()
        .flat_map_iter(|(li, (long, _))| {
            let mut out = Vec::new();
            if long.kind == Kind::Title {
                return out;
            }
            let pair = long.evidence.shape == Shape::Pair;
            let cs: Vec<usize> = long
                .text
                .char_indices()
                .map(|(b, _)| b)
                .chain([long.text.len()])
                .collect();
            let n = cs.len() - 1;
            for a in 0..n {
                for b in a + 1..=n {
                    if b - a == n {
                        continue;
                    }
                    let Some(&si) = by_text.get(&long.text[cs[a]..cs[b]]) else {
                        continue;
                    };
                    // A pair's halves are formulas of their own (文化自信 in
                    // 制度自信、文化自信); a shorter pair in it is a piece of it
                    // (担使命、转作风 in 守初心担使命、转作风抓落实).
                    if pair && built[si].0.evidence.shape != Shape::Pair {
                        continue;
                    }
                    // A generic extension leaves the shorter one the formula
                    // (长江经济带 in 长江经济带发展: 发展 is everywhere); only an
                    // extension that mostly goes with it makes it a fragment.
                    let generic = |x: &str| {
                        x.is_empty()
                            || stats
                                .count(x)
                                .is_some_and(|n| n as f64 * GENERIC_SHARE > long.count as f64)
                    };
                    let (before, after) = (&long.text[..cs[a]], &long.text[cs[b]..]);
                    if generic(before) && generic(after) {
                        continue;
                    }
                    out.push((si, li, a as u32));
                }
            }
            out
        })
        .collect();
    pairs.sort_unstable();
    let covering: Vec<(usize, Vec<(usize, u32)>)> = pairs
        .chunk_by(|x, y| x.0 == y.0)
        .map(|g| (g[0].0, g.iter().map(|&(_, li, a)| (li, a)).collect()))
        .collect();
    let drops: Vec<usize> = covering
        .par_iter()
        .filter_map(|(si, by)| {
            let (s, _) = &built[*si];
            // Dropped when `inside` of its uses lie inside longer slogans;
            // the more, the likelier (so bounds on `inside` may decide).
            let dropped = |inside: usize| {
                let outside = s.count - inside;
                // Quoted on its own: more quoted uses than the longer ones explain.
                let own_quotes = s.quoted >= 2 && s.quoted * 2 > s.count.max(1) && outside > 0;
                // A dictionary word is a unit of its own (小康社会 in 全面建成小康社会).
                let unit = s.evidence.single_word;
                inside as f64 >= INSIDE * s.count as f64 && !own_quotes && !unit
            };
            // The distinct positions the longer ones cover: at least the
            // most any one covers, at most what they cover together.
            let counts = by.iter().map(|&(li, _)| built[li].0.count);
            let least = counts.clone().max().unwrap_or(0).min(s.count);
            let most = counts.sum::<usize>().min(s.count);
            let drop = if dropped(least) == dropped(most) {
                dropped(least)
            } else {
                let covered = covered_count(
                    &runs[built[*si].1],
                    by.iter().map(|&(li, a)| positions(&runs[built[li].1], a)),
                );
                dropped(covered.min(s.count))
            };
            drop.then_some(*si)
        })
        .collect();
    let mut drop = vec![false; built.len()];
    for i in drops {
        drop[i] = true;
    }
    let mut i = 0;
    built.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// How many distinct positions `covers` (each sorted) hold together:
/// mostly positions of `own`, which are marked as each cover is walked
/// along them; any others are counted apart.
fn covered_count(
    own: &[Run<'_>],
    covers: impl Iterator<Item = impl Iterator<Item = (u32, u32, u32)>>,
) -> usize {
    let mine: Vec<(u32, u32, u32)> = positions(own, 0).collect();
    let mut marked = vec![false; mine.len()];
    let mut others = Vec::new();
    for cover in covers {
        // Galloping on from where the last position was found.
        let mut at = 0;
        for p in cover {
            let rest = &mine[at..];
            let mut step = 1;
            while step <= rest.len() && rest[step - 1] < p {
                step *= 2;
            }
            let (lo, hi) = (step / 2, step.min(rest.len()));
            at += lo + rest[lo..hi].partition_point(|q| *q < p);
            match mine.get(at) {
                Some(q) if *q == p => marked[at] = true,
                _ => others.push(p),
            }
        }
    }
    others.sort_unstable();
    others.dedup();
    marked.iter().filter(|&&m| m).count() + others.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A hit keeps what it was made with, whatever the values.
        #[test]
        fn a_found_hit_keeps_its_fields(
            doc: u32, paragraph: u32, offset: u32, quoted: bool,
            form in prop::option::of(0u32..(u32::MAX >> 1) - 1),
        ) {
            let f = Found::new(doc, paragraph, offset, quoted, form);
            prop_assert_eq!((f.doc, f.paragraph, f.offset), (doc, paragraph, offset));
            prop_assert_eq!((f.quoted(), f.form()), (quoted, form));
            prop_assert_eq!(f.with_form(Some(7)).form(), Some(7));
            prop_assert_eq!(f.with_form(None).quoted(), quoted);
        }

        /// The positions covered are counted once each, whether or not
        /// they are the slogan's own, however its hits are cut into runs.
        #[test]
        fn covered_positions_are_counted_once(
            own in prop::collection::btree_set((0u32..4, 0u32..3, 0u32..20), 0..40),
            covers in prop::collection::vec(
                prop::collection::btree_set((0u32..4, 0u32..3, 0u32..20), 0..30), 0..5),
            cut in 0usize..40,
        ) {
            let hits: Vec<Found> = own
                .iter()
                .map(|&(d, p, o)| Found::new(d + 1, p, o, false, None))
                .collect();
            let cut = cut.min(hits.len());
            // Numbered from 1 in the first run, from 0 in the second.
            let second: Vec<Found> = hits[cut..]
                .iter()
                .map(|h| Found { doc: h.doc - 1, ..*h })
                .collect();
            let runs = [
                Run { hits: &hits[..cut], shift: -1, forms: FormsRef::default() },
                Run { hits: &second, shift: 0, forms: FormsRef::default() },
            ];
            let all: std::collections::BTreeSet<_> = covers.iter().flatten().copied().collect();
            let got = covered_count(&runs, covers.iter().map(|c| c.iter().copied()));
            prop_assert_eq!(got, all.len());
        }
    }

    /// However a pattern's hits are cut into runs (and numbered within
    /// them), the slogans are the same.
    #[test]
    fn slogans_do_not_depend_on_how_hits_are_cut_into_runs() {
        let docs = crate::corpus::Corpus::builtin().docs;
        let stats = super::super::corpus_stats(&docs);
        let chosen = super::super::select(&stats);
        let pats = Patterns::new(
            chosen
                .iter()
                .map(|c| super::super::Pattern {
                    text: c.text.clone(),
                    title: c.title,
                })
                .collect(),
        );
        let all: Vec<&Document> = docs.iter().collect();
        let whole = Located::locate(&all, 0, &pats, chosen.len());
        let one = assemble_runs(&docs, &stats, chosen.clone(), &whole.runs());
        assert!(one.slogans.len() > 20);
        // Three pieces, each numbered from 0 in its own table.
        let cuts = [0, docs.len() / 3, docs.len() / 2, docs.len()];
        let pieces: Vec<Located> = cuts
            .windows(2)
            .map(|w| Located::locate(&all[w[0]..w[1]], 0, &pats, chosen.len()))
            .collect();
        let runs: Vec<Vec<Run>> = (0..chosen.len())
            .map(|p| {
                pieces
                    .iter()
                    .zip(cuts)
                    .map(|(l, start)| Run {
                        hits: &l.hits[p],
                        shift: start as i64,
                        forms: l.forms.view(),
                    })
                    .collect()
            })
            .collect();
        let cut = assemble_runs(&docs, &stats, chosen, &runs);
        let show = |ix: &SloganIndex| serde_json::to_string(&ix.slogans).unwrap();
        assert_eq!(show(&cut), show(&one));
    }
}
