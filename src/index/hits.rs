//! The slogans' hits kept from one build to the next, so that a rebuild
//! after a few files changed locates only those files and moves no hit of
//! the others.
//!
//! A [`HitTable`] holds, for some source files (by segment key) and some
//! patterns, every hit of each pattern in those files as fixed-width
//! [`Found`] records, a pattern's hits together and in corpus order, read
//! in place from a memory map. Three tables are kept:
//! - the base (`<key>.hts`): the hits of the patterns selected when it was
//!   written, in the files of the corpus then;
//! - beside it a delta (`<key>.htd`), small, rewritten by every rebuild:
//!   `later`, the hits of patterns selected since, in the base's files
//!   that are still there, and `recent`, every selected pattern's hits in
//!   the files new or changed since the base.
//!
//! A rebuild takes every (file, pattern) from the one table that holds it
//! and locates what none holds: a new or changed file's hits of every
//! pattern, and a pattern new to the selection only in the documents whose
//! sentences hold it (the sentence index says which,
//! [`crate::search::occurrences`]; a pattern that crosses a sentence end is
//! looked for in every document). The slogans are then assembled from each
//! pattern's runs: slices of the tables, renumbered by a shift
//! ([`crate::slogans::Run`]). When the delta outgrows an eighth of the base,
//! or a quarter of the base's files are gone, everything is written as a
//! new base instead.
//!
//! What always holds: a table's hits of a file are used only under the same
//! segment key (same path, content, load options and format) and number of
//! documents, so they are what locating again would find; each (file,
//! pattern) is taken from one table only; so the result equals a build
//! from scratch (`tests/it/index.rs` checks it against `--no-cache`).

use super::file::{Builder, Kind, Mapped, OpenError};
use crate::bytes::{Backing, Table};
use crate::corpus::Document;
use crate::search::Candidates;
use crate::slogans::{Candidate, Forms, FormsRef, Found, Located, Pattern, Patterns, Run};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// One source file: its segment key and its documents' range.
#[derive(Clone, Debug)]
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
    /// The hits were written as a new base (a first build, or the delta
    /// had grown too large).
    pub new_base: bool,
}

/// Some files' hits of some patterns (see the module doc).
pub struct HitTable {
    /// (segment key, documents) of each file, in corpus order; the table
    /// numbers their documents from 0 in this order.
    files: Vec<[u64; 2]>,
    patterns: Vec<(Box<str>, bool)>,
    /// Text → index of the pattern that is not a title, and of the one that is.
    ids: FxHashMap<Box<str>, [u32; 2]>,
    /// Pattern `i`'s hits are `hits[starts[i]..starts[i + 1]]`.
    starts: Table<u64>,
    hits: Table<Found>,
    form_ends: Table<u64>,
    form_bytes: Table<u8>,
}

const NONE: u32 = u32::MAX;

/// Sections of a table, from its file's base tag.
const FILES: u32 = 1;
const PATTERNS: u32 = 2;
const STARTS: u32 = 3;
const HITS: u32 = 4;
const FORM_ENDS: u32 = 5;
const FORM_BYTES: u32 = 6;
/// `[0]` in a base, `[1]` in a delta.
const ROLE: u32 = 100;
/// A delta's base key.
const BASE_KEY: u32 = 101;
const LATER: u32 = 16;
const RECENT: u32 = 32;

fn ids_of(patterns: &[(Box<str>, bool)]) -> FxHashMap<Box<str>, [u32; 2]> {
    let mut ids = FxHashMap::with_capacity_and_hasher(patterns.len(), Default::default());
    for (i, (t, title)) in patterns.iter().enumerate() {
        ids.entry(t.clone()).or_insert([NONE; 2])[usize::from(*title)] = i as u32;
    }
    ids
}

fn pattern_list(chosen: &[Candidate], which: &[u32]) -> Vec<(Box<str>, bool)> {
    which
        .iter()
        .map(|&i| {
            let c = &chosen[i as usize];
            (c.text.as_str().into(), c.title)
        })
        .collect()
}

impl HitTable {
    /// A table of nothing.
    pub fn empty() -> HitTable {
        HitTable::from_located(Vec::new(), Vec::new(), Located::default())
    }

    /// The table of `located` (whose documents are numbered in the order
    /// of `files`, from 0), one list per pattern.
    fn from_located(
        files: Vec<[u64; 2]>,
        patterns: Vec<(Box<str>, bool)>,
        located: Located,
    ) -> HitTable {
        let total: usize = located.hits.iter().map(Vec::len).sum();
        let mut starts = Vec::with_capacity(patterns.len() + 1);
        let mut hits = Vec::with_capacity(total);
        starts.push(0);
        for (i, _) in patterns.iter().enumerate() {
            if let Some(h) = located.hits.get(i) {
                hits.extend_from_slice(h);
            }
            starts.push(hits.len() as u64);
        }
        HitTable {
            ids: ids_of(&patterns),
            files,
            patterns,
            starts: Table::Owned(starts),
            hits: Table::Owned(hits),
            form_ends: Table::Owned(located.forms.ends),
            form_bytes: Table::Owned(located.forms.bytes),
        }
    }

    /// The index of pattern (`text`, `title`), if the table holds it.
    fn pattern(&self, text: &str, title: bool) -> Option<u32> {
        let i = self.ids.get(text)?[usize::from(title)];
        (i != NONE).then_some(i)
    }

    /// Pattern `p`'s hits.
    fn hits_of(&self, p: u32) -> &[Found] {
        let (s, h) = (&*self.starts, &*self.hits);
        let (Some(&a), Some(&b)) = (s.get(p as usize), s.get(p as usize + 1)) else {
            return &[];
        };
        h.get(a as usize..b as usize).unwrap_or(&[])
    }

    fn forms(&self) -> FormsRef<'_> {
        FormsRef {
            ends: &self.form_ends,
            bytes: &self.form_bytes,
        }
    }

    /// Hits held.
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// Where this table's files lie among `target` (whose documents are
    /// numbered as `target` says): runs of files that follow each other
    /// in both.
    fn placement(&self, target: &[FileDocs]) -> Vec<Seg> {
        let mut at: HashMap<u64, (usize, u32, u32)> = HashMap::with_capacity(self.files.len());
        let mut doc = 0u32;
        for (j, &[key, n]) in self.files.iter().enumerate() {
            at.entry(key).or_insert((j, doc, n as u32));
            doc = doc.saturating_add(n as u32);
        }
        let mut out: Vec<Seg> = Vec::new();
        let mut last_j = None;
        for (i, f) in target.iter().enumerate() {
            let Some(&(j, start, n)) = at.get(&f.key).filter(|_| f.key != 0) else {
                last_j = None;
                continue;
            };
            if n as usize != f.docs.len() {
                last_j = None;
                continue;
            }
            match (last_j, out.last_mut()) {
                (Some(lj), Some(seg)) if seg.files.end == i && lj + 1 == j => {
                    seg.files.end = i + 1;
                    seg.docs.end = start + n;
                }
                _ => out.push(Seg {
                    files: i..i + 1,
                    docs: start..start + n,
                    shift: f.docs.start as i64 - start as i64,
                }),
            }
            last_j = Some(j);
        }
        out
    }

    /// Which of `target` this table holds.
    fn covers(&self, target: &[FileDocs]) -> Vec<bool> {
        let mut c = vec![false; target.len()];
        for s in self.placement(target) {
            c[s.files].iter_mut().for_each(|x| *x = true);
        }
        c
    }

    /// Pattern (`text`, `title`)'s hits in `place` (see [`Self::placement`]),
    /// as runs tagged with the index of their first target file.
    fn runs<'a>(&'a self, text: &str, title: bool, place: &[Seg], out: &mut Vec<(usize, Run<'a>)>) {
        let Some(p) = self.pattern(text, title) else {
            return;
        };
        let hits = self.hits_of(p);
        for seg in place {
            let a = hits.partition_point(|h| h.doc < seg.docs.start);
            let b = a + hits[a..].partition_point(|h| h.doc < seg.docs.end);
            if a < b {
                out.push((
                    seg.files.start,
                    Run {
                        hits: &hits[a..b],
                        shift: seg.shift,
                        forms: self.forms(),
                    },
                ));
            }
        }
    }

    /// Add this table to a file being built, under tags from `base`.
    fn put<'a>(&'a self, b: &mut Builder<'a>, base: u32) -> std::io::Result<()> {
        let patterns = postcard::to_allocvec(&self.patterns).map_err(std::io::Error::other)?;
        b.table_of(base + FILES, &self.files)
            .bytes(base + PATTERNS, patterns)
            .table_of(base + STARTS, &self.starts)
            .table_of(base + HITS, &self.hits)
            .table_of(base + FORM_ENDS, &self.form_ends)
            .table_of(base + FORM_BYTES, &self.form_bytes);
        Ok(())
    }

    /// The table under tags from `base` of `file`, read in place; one
    /// whose tables do not fit together is refused.
    fn read(file: &Arc<Mapped>, base: u32) -> Result<HitTable, OpenError> {
        let bad = |what: &str| OpenError::Damaged(format!("its hits' {what} do not fit"));
        let backing: Arc<dyn Backing> = file.clone();
        fn table<T: bytemuck::Pod>(b: &Arc<dyn Backing>, f: &Mapped, tag: u32) -> Option<Table<T>> {
            Table::mapped(Arc::clone(b), f.range(tag)?)
        }
        let files = file
            .table::<[u64; 2]>(base + FILES)
            .ok_or_else(|| bad("files"))?
            .to_vec();
        let patterns: Vec<(Box<str>, bool)> = file
            .section(base + PATTERNS)
            .and_then(|b| postcard::from_bytes(b).ok())
            .ok_or_else(|| bad("patterns"))?;
        if std::env::var_os("TIFA_POP").is_some() {
            file.populate(base + HITS);
        }
        let t = HitTable {
            ids: ids_of(&patterns),
            files,
            patterns,
            starts: table(&backing, file, base + STARTS).ok_or_else(|| bad("starts"))?,
            hits: table(&backing, file, base + HITS).ok_or_else(|| bad("hits"))?,
            form_ends: table(&backing, file, base + FORM_ENDS).ok_or_else(|| bad("forms"))?,
            form_bytes: table(&backing, file, base + FORM_BYTES).ok_or_else(|| bad("forms"))?,
        };
        let s = &*t.starts;
        let fits = s.len() == t.patterns.len() + 1
            && s.first() == Some(&0)
            && s.last() == Some(&(t.hits.len() as u64))
            && s.windows(2).all(|w| w[0] <= w[1]);
        let e = &*t.form_ends;
        let forms_fit = e.windows(2).all(|w| w[0] <= w[1])
            && e.last().is_none_or(|&l| l as usize <= t.form_bytes.len());
        if !fits {
            return Err(bad("pattern starts"));
        }
        if !forms_fit {
            return Err(bad("forms"));
        }
        Ok(t)
    }
}

/// A run of files that follow each other in a table and in a target.
struct Seg {
    /// Their indexes in the target.
    files: Range<usize>,
    /// Their documents in the table.
    docs: Range<u32>,
    /// What to add to a document's number in the table to make it the target's.
    shift: i64,
}

/// The hits kept: a base, and the delta beside it.
#[derive(Default)]
pub struct Kept {
    pub base: Option<HitTable>,
    pub later: Option<HitTable>,
    pub recent: Option<HitTable>,
}

/// A base file, to be written.
pub fn base_file(t: &HitTable) -> std::io::Result<Builder<'_>> {
    let mut b = Builder::new(Kind::Hits);
    b.table::<u32>(ROLE, &[0]);
    t.put(&mut b, 0)?;
    Ok(b)
}

/// A delta file, to be written: the tables beside the base of `base_key`.
pub fn delta_file<'a>(
    base_key: u64,
    later: &'a HitTable,
    recent: &'a HitTable,
) -> std::io::Result<Builder<'a>> {
    let mut b = Builder::new(Kind::Hits);
    b.table::<u32>(ROLE, &[1])
        .table::<u64>(BASE_KEY, &[base_key]);
    later.put(&mut b, LATER)?;
    recent.put(&mut b, RECENT)?;
    Ok(b)
}

fn role(file: &Mapped, want: u32) -> Result<(), OpenError> {
    if file.table::<u32>(ROLE) == Some(&[want][..]) {
        Ok(())
    } else {
        Err(OpenError::Damaged("not the kind of hits file named".into()))
    }
}

/// The base in `file`.
pub fn read_base(file: &Arc<Mapped>) -> Result<HitTable, OpenError> {
    role(file, 0)?;
    HitTable::read(file, 0)
}

/// The delta in `file`: (later, recent); `None` when it was made beside
/// another base than that of `base_key`.
pub fn read_delta(
    file: &Arc<Mapped>,
    base_key: u64,
) -> Result<Option<(HitTable, HitTable)>, OpenError> {
    role(file, 1)?;
    if file.table::<u64>(BASE_KEY) != Some(&[base_key][..]) {
        return Ok(None);
    }
    Ok(Some((
        HitTable::read(file, LATER)?,
        HitTable::read(file, RECENT)?,
    )))
}

/// Each of `patterns`' hits in `target` files (documents numbered as
/// `target` says), from `sources`, which hold each (file, pattern) at most
/// once; made into one table in memory.
fn gather(target: &[FileDocs], patterns: Vec<(Box<str>, bool)>, sources: &[&HitTable]) -> HitTable {
    let places: Vec<_> = sources.iter().map(|s| s.placement(target)).collect();
    let mut forms = Forms::default();
    // Per source, its forms' indexes in the new table, as they are met.
    let mut form_of: Vec<Vec<u32>> = sources
        .iter()
        .map(|s| vec![NONE; s.forms().len()])
        .collect();
    let mut starts = Vec::with_capacity(patterns.len() + 1);
    let mut hits: Vec<Found> = Vec::new();
    starts.push(0u64);
    let (mut got, mut runs) = (Vec::new(), Vec::new());
    for (text, title) in &patterns {
        runs.clear();
        for (si, (s, place)) in sources.iter().zip(&places).enumerate() {
            s.runs(text, *title, place, &mut got);
            runs.extend(got.drain(..).map(|(i, r)| (i, si, r)));
        }
        runs.sort_by_key(|(i, _, _)| *i);
        for (_, si, r) in &runs {
            for h in r.hits {
                let form = h.form().and_then(|f| {
                    let slot = form_of[*si].get_mut(f as usize)?;
                    if *slot == NONE {
                        *slot = forms.id(r.forms.get(f)?);
                    }
                    Some(*slot)
                });
                let mut h = h.with_form(form);
                h.doc = (h.doc as i64 + r.shift) as u32;
                hits.push(h);
            }
        }
        starts.push(hits.len() as u64);
    }
    let mut doc = 0;
    let files = target
        .iter()
        .map(|f| {
            debug_assert_eq!(
                f.docs.start, doc,
                "a target's documents are numbered in order"
            );
            doc = f.docs.end;
            [f.key, f.docs.len() as u64]
        })
        .collect();
    HitTable {
        ids: ids_of(&patterns),
        files,
        patterns,
        starts: Table::Owned(starts),
        hits: Table::Owned(hits),
        form_ends: Table::Owned(forms.ends),
        form_bytes: Table::Owned(forms.bytes),
    }
}

/// Every chosen pattern's hits in `files` (the corpus's documents), as
/// runs of `tables`, which hold each (file, pattern) exactly once.
pub fn runs<'a>(
    tables: &[&'a HitTable],
    files: &[FileDocs],
    chosen: &[Candidate],
) -> Vec<Vec<Run<'a>>> {
    let places: Vec<_> = tables.iter().map(|t| t.placement(files)).collect();
    chosen
        .par_iter()
        .map(|c| {
            let mut out = Vec::new();
            for (t, place) in tables.iter().zip(&places) {
                t.runs(&c.text, c.title, place, &mut out);
            }
            out.sort_by_key(|(i, _)| *i);
            out.into_iter().map(|(_, r)| r).collect()
        })
        .collect()
}

/// `files` renumbered from 0 in their order.
fn renumbered<'a>(files: impl Iterator<Item = &'a FileDocs>) -> Vec<FileDocs> {
    let mut at = 0;
    files
        .map(|f| {
            let n = f.docs.len();
            at += n;
            FileDocs {
                key: f.key,
                docs: at - n..at,
            }
        })
        .collect()
}

/// The hits of `which` (indexes into `chosen`) in the documents of
/// `group` (indexes into `files`), as a table over the group's files.
/// With `sentences`, only documents whose sentences hold one of the
/// patterns are looked in. Gives the table and the documents looked in.
fn locate_group(
    docs: &[Document],
    files: &[FileDocs],
    group: &[usize],
    chosen: &[Candidate],
    which: &[u32],
    sentences: Option<&Candidates>,
) -> (HitTable, usize) {
    let target = renumbered(group.iter().map(|&i| &files[i]));
    let patterns = pattern_list(chosen, which);
    let keys = target
        .iter()
        .map(|f| [f.key, f.docs.len() as u64])
        .collect();
    if which.is_empty() || group.is_empty() {
        return (
            HitTable::from_located(keys, patterns, Located::new(which.len())),
            0,
        );
    }
    // (document in the corpus, its number in the table), in order.
    let mut look: Vec<(usize, u32)> = Vec::new();
    let in_group = |push: &mut dyn FnMut(usize, u32)| {
        for (&i, t) in group.iter().zip(&target) {
            for (j, d) in files[i].docs.clone().enumerate() {
                push(d, (t.docs.start + j) as u32);
            }
        }
    };
    match sentences {
        Some(cands)
            if !which
                .iter()
                .any(|&i| crate::search::spans_sentences(&chosen[i as usize].text)) =>
        {
            let mut holds = vec![false; docs.len()];
            for &i in which {
                for o in crate::search::occurrences(cands, &chosen[i as usize].text) {
                    if let Some(h) = holds.get_mut(o.doc) {
                        *h = true;
                    }
                }
            }
            in_group(&mut |d, n| {
                if holds[d] {
                    look.push((d, n));
                }
            });
        }
        _ => in_group(&mut |d, n| look.push((d, n))),
    }
    let pats = Patterns::new(
        patterns
            .iter()
            .map(|(t, title)| Pattern {
                text: t.to_string(),
                title: *title,
            })
            .collect(),
    );
    let numbered: Vec<(&Document, u32)> = look.iter().map(|&(d, n)| (&docs[d], n)).collect();
    let located = Located::locate_numbered(&numbered, &pats, which.len());
    (HitTable::from_located(keys, patterns, located), look.len())
}

/// What a rebuild keeps, and what it writes.
pub struct Update {
    pub base: HitTable,
    pub later: HitTable,
    pub recent: HitTable,
    pub reuse: Reuse,
}

impl Update {
    /// The tables, for [`runs`].
    pub fn tables(&self) -> [&HitTable; 3] {
        [&self.base, &self.later, &self.recent]
    }
}

/// The hits of `chosen` in `files`, from `kept` where it holds them.
/// `sentences` gives the sentence index when patterns are new to kept
/// files (called at most once).
pub fn update(
    docs: &[Document],
    files: &[FileDocs],
    chosen: &[Candidate],
    kept: Kept,
    sentences: &dyn Fn() -> Arc<Candidates>,
) -> Update {
    update_with(docs, files, chosen, kept, sentences, Compact::DEFAULT)
}

/// When a rebuild writes everything as a new base rather than a delta.
#[derive(Clone, Copy, Debug)]
struct Compact {
    /// The delta holds more than this share of the base's hits …
    delta: f64,
    /// … or the base holds more than this share of files no longer there.
    gone: f64,
}

impl Compact {
    const DEFAULT: Compact = Compact {
        delta: 1.0 / 8.0,
        gone: 1.0 / 4.0,
    };
}

fn update_with(
    docs: &[Document],
    files: &[FileDocs],
    chosen: &[Candidate],
    kept: Kept,
    sentences: &dyn Fn() -> Arc<Candidates>,
    compact: Compact,
) -> Update {
    let all: Vec<u32> = (0..chosen.len() as u32).collect();
    let every: Vec<usize> = (0..files.len()).collect();
    let Some(base) = kept.base.filter(|b| !b.placement(files).is_empty()) else {
        // Nothing kept: locate everything, and keep it as the base.
        let (base, _) = locate_group(docs, files, &every, chosen, &all, None);
        return Update {
            base,
            later: HitTable::empty(),
            recent: HitTable::empty(),
            reuse: Reuse {
                located: files.len(),
                new_patterns: chosen.len(),
                new_base: true,
                ..Reuse::default()
            },
        };
    };
    let in_base = base.covers(files);
    let none = || vec![false; files.len()];
    let in_later = kept.later.as_ref().map_or_else(none, |t| t.covers(files));
    let in_recent = kept.recent.as_ref().map_or_else(none, |t| t.covers(files));
    let has = |t: &Option<HitTable>, c: &Candidate| {
        t.as_ref()
            .is_some_and(|t| t.pattern(&c.text, c.title).is_some())
    };
    // Patterns the base does not hold go to `later`.
    let not_base: Vec<u32> = all
        .iter()
        .copied()
        .filter(|&i| {
            base.pattern(&chosen[i as usize].text, chosen[i as usize].title)
                .is_none()
        })
        .collect();
    let new_to_later: Vec<u32> = not_base
        .iter()
        .copied()
        .filter(|&i| !has(&kept.later, &chosen[i as usize]))
        .collect();
    let new_to_recent: Vec<u32> = all
        .iter()
        .copied()
        .filter(|&i| !has(&kept.recent, &chosen[i as usize]))
        .collect();
    let base_files: Vec<usize> = every.iter().copied().filter(|&i| in_base[i]).collect();
    let (with_later, without_later): (Vec<usize>, Vec<usize>) =
        base_files.iter().partition(|&&i| in_later[i]);
    let (in_recent_only, nowhere): (Vec<usize>, Vec<usize>) = every
        .iter()
        .filter(|&&i| !in_base[i])
        .partition(|&&i| in_recent[i]);
    // Patterns new to kept base files are looked for where the sentence
    // index finds them.
    let cands = ((!with_later.is_empty() && !new_to_later.is_empty())
        || (!without_later.is_empty() && !not_base.is_empty()))
    .then(sentences);
    let (a, looked_a) = locate_group(
        docs,
        files,
        &with_later,
        chosen,
        &new_to_later,
        cands.as_deref(),
    );
    let (b, looked_b) = locate_group(
        docs,
        files,
        &without_later,
        chosen,
        &not_base,
        cands.as_deref(),
    );
    let (c, _) = locate_group(docs, files, &in_recent_only, chosen, &new_to_recent, None);
    let (d, _) = locate_group(docs, files, &nowhere, chosen, &all, None);
    let base_target = renumbered(base_files.iter().map(|&i| &files[i]));
    let mut later_sources = vec![&a, &b];
    later_sources.extend(kept.later.as_ref());
    let later = gather(
        &base_target,
        pattern_list(chosen, &not_base),
        &later_sources,
    );
    let rest: Vec<usize> = every.iter().copied().filter(|&i| !in_base[i]).collect();
    let rest_target = renumbered(rest.iter().map(|&i| &files[i]));
    let mut recent_sources = vec![&c, &d];
    recent_sources.extend(kept.recent.as_ref());
    let recent = gather(&rest_target, pattern_list(chosen, &all), &recent_sources);
    let mut reuse = Reuse {
        kept: base_files.len() + in_recent_only.len(),
        located: nowhere.len(),
        new_patterns: if without_later.is_empty() {
            new_to_later.len()
        } else {
            not_base.len()
        },
        new_docs: looked_a + looked_b,
        new_base: false,
    };
    let delta = (later.len() + recent.len()) as f64;
    let gone = base.files.len().saturating_sub(base_files.len()) as f64;
    if delta > compact.delta * base.len() as f64 || gone > compact.gone * base.files.len() as f64 {
        // Everything as a new base.
        reuse.new_base = true;
        let base = gather(files, pattern_list(chosen, &all), &[&base, &later, &recent]);
        return Update {
            base,
            later: HitTable::empty(),
            recent: HitTable::empty(),
            reuse,
        };
    }
    Update {
        base,
        later,
        recent,
        reuse,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::slogans::{select, CorpusStats, SloganIndex};

    fn chosen_of(docs: &[Document]) -> Vec<Candidate> {
        let mut st = CorpusStats::default();
        for d in docs {
            st.add(&crate::slogans::doc_stats(d));
        }
        select(&st)
    }

    /// Each pattern's hits, in the corpus's numbering, as (document,
    /// paragraph, offset, quoted, form as written).
    type Seen = Vec<Vec<(u32, u32, u32, bool, Option<String>)>>;

    fn seen(runs: &[Vec<Run>]) -> Seen {
        runs.iter()
            .map(|rs| {
                rs.iter()
                    .flat_map(|r| {
                        r.hits.iter().map(|h| {
                            (
                                (h.doc as i64 + r.shift) as u32,
                                h.paragraph,
                                h.offset,
                                h.quoted(),
                                h.form().and_then(|f| r.forms.get(f)).map(str::to_string),
                            )
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// Kept hits under any earlier selection and any earlier files,
    /// completed, are the hits a fresh locate pass finds, through a delta
    /// written and read back, and through a new base.
    #[test]
    fn kept_hits_are_the_hits_found_again() {
        let docs = Corpus::builtin().docs;
        let n = docs.len();
        assert!(n >= 4);
        let files: Vec<FileDocs> = (0..n)
            .map(|d| FileDocs {
                key: d as u64 + 1,
                docs: d..d + 1,
            })
            .collect();
        let chosen = chosen_of(&docs);
        assert!(chosen.len() > 20);
        let none = || -> Arc<Candidates> { unreachable!("no kept hits") };
        let fresh = update(&docs, &files, &chosen, Kept::default(), &none);
        assert!(fresh.reuse.new_base);
        let want = seen(&runs(&fresh.tables(), &files, &chosen));
        assert!(want.iter().map(Vec::len).sum::<usize>() > 100);

        // An earlier selection (every third pattern missing, one extra)
        // over earlier files: the second one's content differed, the last
        // was not there.
        let mut earlier: Vec<Candidate> = chosen
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 != 0)
            .map(|(_, c)| c.clone())
            .collect();
        let mut extra = chosen[0].clone();
        extra.text = "不在选中之列".into();
        earlier.push(extra);
        let mut then_files: Vec<FileDocs> = files[..n - 1].to_vec();
        then_files[1].key = 999;
        let then_docs: Vec<Document> = docs[..n - 1].to_vec();
        let then = update(&then_docs, &then_files, &earlier, Kept::default(), &none);
        let dir = tempfile::tempdir().unwrap();
        let open = |bytes: Vec<u8>, name: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            Arc::new(Mapped::open(&p, Kind::Hits, super::super::file::Verify::Full).unwrap())
        };
        let base_map = open(base_file(&then.base).unwrap().finish(), "b.hts");
        let kept = Kept {
            base: Some(read_base(&base_map).unwrap()),
            ..Kept::default()
        };
        let sentences = || {
            let ix = SloganIndex::default();
            Arc::new(Candidates::build(&docs, &ix, crate::search::Scope::Text))
        };
        let never = Compact {
            delta: f64::INFINITY,
            gone: 1.0,
        };
        let again = update_with(&docs, &files, &chosen, kept, &sentences, never);
        assert_eq!((again.reuse.kept, again.reuse.located), (n - 2, 2));
        assert!(again.reuse.new_patterns > 0 && !again.reuse.new_base);
        assert!(!again.later.is_empty() && !again.recent.is_empty());
        assert_eq!(seen(&runs(&again.tables(), &files, &chosen)), want);
        // The same made into a new base.
        let kept = Kept {
            base: Some(read_base(&base_map).unwrap()),
            ..Kept::default()
        };
        let always = Compact {
            delta: -1.0,
            gone: 0.0,
        };
        let compacted = update_with(&docs, &files, &chosen, kept, &sentences, always);
        assert!(compacted.reuse.new_base && compacted.later.is_empty());
        assert_eq!(seen(&runs(&compacted.tables(), &files, &chosen)), want);
        // The delta read back beside its base gives the same, and so does a
        // third build on top of both, the first file now changed.
        let delta_map = open(
            delta_file(7, &again.later, &again.recent).unwrap().finish(),
            "d.htd",
        );
        assert!(
            read_delta(&delta_map, 8).unwrap().is_none(),
            "beside another base"
        );
        let (later, recent) = read_delta(&delta_map, 7).unwrap().unwrap();
        let kept = Kept {
            base: Some(read_base(&base_map).unwrap()),
            later: Some(later),
            recent: Some(recent),
        };
        let mut files3 = files.clone();
        files3[0].key = 1000;
        let third = update_with(&docs, &files3, &chosen, kept, &sentences, never);
        assert_eq!((third.reuse.kept, third.reuse.located), (n - 1, 1));
        assert_eq!(third.reuse.new_patterns, 0);
        assert_eq!(seen(&runs(&third.tables(), &files3, &chosen)), want);
        // A base of another kind of file is refused.
        assert!(read_delta(&base_map, 0).is_err());
    }

    /// Two files' documents swapped in order, one removed: the runs follow
    /// the corpus's order, not the table's.
    #[test]
    fn runs_follow_the_corpus_order() {
        let docs = Corpus::builtin().docs;
        let n = docs.len();
        let files: Vec<FileDocs> = (0..n)
            .map(|d| FileDocs {
                key: d as u64 + 1,
                docs: d..d + 1,
            })
            .collect();
        let chosen = chosen_of(&docs);
        let none = || -> Arc<Candidates> { unreachable!("no kept hits") };
        let first = update(&docs, &files, &chosen, Kept::default(), &none);
        // The corpus now: documents reversed, the middle one gone.
        let order: Vec<usize> = (0..n).rev().filter(|&d| d != n / 2).collect();
        let now_docs: Vec<Document> = order.iter().map(|&d| docs[d].clone()).collect();
        let now_files: Vec<FileDocs> = order
            .iter()
            .enumerate()
            .map(|(i, &d)| FileDocs {
                key: d as u64 + 1,
                docs: i..i + 1,
            })
            .collect();
        let want = seen(&runs(
            &update(&now_docs, &now_files, &chosen, Kept::default(), &none).tables(),
            &now_files,
            &chosen,
        ));
        let kept = Kept {
            base: Some(first.base),
            ..Kept::default()
        };
        let again = update(&now_docs, &now_files, &chosen, kept, &none);
        assert_eq!(again.reuse.located, 0);
        assert_eq!(seen(&runs(&again.tables(), &now_files, &chosen)), want);
    }
}
