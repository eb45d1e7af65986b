//! Search: fuzzy matching over slogans and sentences, on a worker thread the
//! UI never waits for.
//!
//! Candidates are kept in Simplified form (OpenCC t2s keeps the char count,
//! so offsets still point into the original text) next to a string of
//! their pinyin initials, one ASCII char per char of text (四个自信 →
//! `sgzx`). A query is normalised to Simplified too, so either script finds
//! either; an all-ASCII term also matches the initials. Matching is
//! nucleo-matcher with case respected and no Unicode normalisation (what
//! makes it fast on Han text); ties go to the shorter candidate, then to
//! corpus order, which nucleo does not do by itself.
//!
//! A posting index built with the candidates (see `index`) tells which
//! candidates could match a query at all: only those are decoded and given
//! to nucleo, so a query over a million sentences reads a few thousand.
//!
//! What always holds:
//! - [`Searcher::set_query`] returns at once; the same query twice does
//!   nothing.
//! - [`Searcher::poll`] never blocks and never returns results of an older
//!   generation than the last query set.
//! - [`search`] and the worker rank the same way: score, then length, then
//!   candidate order.
//! - [`search`] returns exactly what [`search_scan`], which asks nucleo
//!   about every candidate, returns: the index and the prechecks only skip
//!   what cannot match.
//! - [`occurrences`] (exact counts through the same index, see `exact`)
//!   returns exactly what a plain substring scan of the documents does.

mod exact;
mod index;
mod query;

pub use exact::{occurrences, spans_sentences};
pub use index::{BlockEntry, KeyEntry, ListEntry};
pub use query::{Query, Term};

use crate::bytes::{Table, Text};
use crate::corpus::Document;
use crate::slogans::SloganIndex;
use crate::text::script::{is_han, to_hans_into};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender, TryRecvError};
use std::sync::Arc;
use std::thread::JoinHandle;

/// What a candidate is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A slogan: its index in [`SloganIndex::slogans`]; position fields are
    /// those of its first occurrence.
    Slogan(u32),
    /// A sentence of a document.
    Text,
}

/// One thing to match. Position fields index the documents the candidates
/// were built from; `offset` and `chars` are in chars of the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub source: Source,
    pub doc: u32,
    pub paragraph: u32,
    pub offset: u32,
    pub chars: u32,
}

/// A candidate as stored: fixed width, so that a table of them can be read
/// in place from the on-disk index. `slogan` is the slogan's number, or
/// `TEXT` for a sentence; `doc` counts from the part's first document.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
pub struct Item {
    pub slogan: u32,
    pub doc: u32,
    pub paragraph: u32,
    pub offset: u32,
    pub chars: u32,
    pub text_start: u32,
    pub text_end: u32,
    pub initials_start: u32,
}

const TEXT: u32 = u32::MAX;

/// A run of candidates with their own arenas and postings: all of them
/// when built in memory, or one shard of the on-disk index.
#[derive(Clone, Debug, Default)]
pub struct Part {
    items: Table<Item>,
    text: Text,
    initials: Text,
    index: index::Index,
    /// Added to every item's `doc`.
    doc_base: u32,
}

/// The tables of a [`Part`], to write to disk and to read back.
#[derive(Clone, Debug, Default)]
pub struct PartTables {
    pub items: Table<Item>,
    pub text: Text,
    pub initials: Text,
    pub keys: Table<index::KeyEntry>,
    pub lists: Table<index::ListEntry>,
    pub blocks: Table<index::BlockEntry>,
    pub arrays: Table<u16>,
    pub bitmaps: Table<u64>,
}

/// The block size of the postings (log2), which a file written by one
/// build must share with the build that reads it.
pub const POSTING_SHIFT: u32 = index::SHIFT;

impl Part {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Everything this part holds, as tables (the postings frozen).
    pub fn tables(&self) -> PartTables {
        let f = self.index.freeze();
        PartTables {
            items: self.items.clone(),
            text: self.text.clone(),
            initials: self.initials.clone(),
            keys: f.keys,
            lists: f.lists,
            blocks: f.blocks,
            arrays: f.arrays,
            bitmaps: f.bitmaps,
        }
    }

    /// A part over tables read back (see [`Part::tables`]), its documents
    /// numbered from `doc_base`.
    pub fn from_tables(t: PartTables, doc_base: u32) -> Part {
        Part {
            items: t.items,
            text: t.text,
            initials: t.initials,
            index: index::Index::Frozen(index::Frozen {
                keys: t.keys,
                lists: t.lists,
                blocks: t.blocks,
                arrays: t.arrays,
                bitmaps: t.bitmaps,
            }),
            doc_base,
        }
    }

    /// Give back the pages of a part read in place (see
    /// [`crate::bytes::Backing::release`]); a search calls it once it has
    /// passed the part, so that its resident memory is what it is reading
    /// now, not every page it has read.
    fn release(&self) {
        self.items.release();
        self.text.release();
        self.initials.release();
        self.index.release();
    }

    fn text(&self, it: &Item) -> &str {
        self.text
            .slice(it.text_start as usize..it.text_end as usize)
    }

    fn initial_bytes(&self, it: &Item) -> &[u8] {
        let s = it.initials_start as usize;
        self.initials
            .as_bytes()
            .get(s..s + it.chars as usize)
            .unwrap_or(&[])
    }
}

/// All candidates, in parts: Simplified text and initials in arenas, so
/// that a million sentences cost a few allocations, not two million; and
/// the posting index over each part, kept up to date by
/// [`Candidates::push`].
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    parts: Vec<Part>,
    /// The id of each part's first candidate; then the total.
    starts: Vec<u32>,
}

/// What to put into the candidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Slogans,
    Text,
    All,
}

/// The pinyin initial of each char (first reading of polyphones); digits
/// and Latin letters stand for themselves, lower-cased; anything else is a
/// space, which nucleo treats as a word boundary.
pub fn initials(text: &str) -> String {
    let mut s = String::with_capacity(text.len() / 3 + 1);
    initials_into(&mut s, text);
    s
}

/// [`initials`], appended to `out`.
fn initials_into(out: &mut String, text: &str) {
    use pinyin::ToPinyin;
    out.extend(text.chars().map(|c| {
        if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else if is_han(c) {
            // Keep one ASCII byte per char: the arena slices by it.
            c.to_pinyin()
                .and_then(|p| p.first_letter().chars().next())
                .filter(char::is_ascii)
                .unwrap_or(' ')
        } else {
            ' '
        }
    }));
}

/// Does `c` end a sentence (。！？； and their ASCII forms)?
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Is `c` a closing quote or bracket, which stays with the sentence its
/// terminator ended (`…答卷。”`)?
pub fn closes_sentence(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | '】' | '》' | '〕')
}

/// Sentences of a paragraph: (char offset, text), split after 。！？； (and
/// their ASCII forms), the terminator kept with the closing quotes and
/// brackets right after it (`…答卷。”` ends a sentence; the next does not
/// start with `”`); blank pieces skipped.
pub fn sentences(text: &str) -> Vec<(usize, &str)> {
    fn push<'a>(text: &'a str, from: usize, to: usize, at: usize, out: &mut Vec<(usize, &'a str)>) {
        let s = &text[from..to];
        if !s.trim().is_empty() {
            out.push((at, s));
        }
    }
    let mut out = Vec::new();
    let mut start_byte = 0;
    let mut start_char = 0;
    let mut ended = false;
    for (n, (b, c)) in text.char_indices().enumerate() {
        if ended && !closes_sentence(c) {
            push(text, start_byte, b, start_char, &mut out);
            start_byte = b;
            start_char = n;
            ended = false;
        }
        ended |= ends_sentence(c);
    }
    push(text, start_byte, text.len(), start_char, &mut out);
    out
}

impl Candidates {
    pub fn new() -> Candidates {
        Candidates {
            parts: Vec::new(),
            starts: vec![0],
        }
    }

    /// Candidates made of parts (shards read from disk), in order.
    pub fn from_parts(parts: Vec<Part>) -> Candidates {
        let mut c = Candidates::new();
        for p in parts {
            let end = c.len() as u32 + p.len() as u32;
            c.parts.push(p);
            c.starts.push(end);
        }
        c
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// Slogans (most frequent first) then every sentence of every body
    /// paragraph, in corpus order.
    pub fn build(docs: &[Document], slogans: &SloganIndex, scope: Scope) -> Candidates {
        let mut c = Candidates::new();
        if scope != Scope::Text {
            for (i, s) in slogans.slogans.iter().enumerate() {
                let Some(o) = s.occurrences.first() else {
                    continue;
                };
                c.push(
                    Source::Slogan(i as u32),
                    o.doc,
                    o.paragraph,
                    o.offset,
                    &s.text,
                );
            }
        }
        if scope != Scope::Slogans {
            // One buffer for every sentence's Simplified form.
            let mut hans = String::new();
            for (d, doc) in docs.iter().enumerate() {
                for (p, para) in doc.body() {
                    for (off, s) in sentences(&para.text) {
                        hans.clear();
                        to_hans_into(&mut hans, s);
                        c.push(Source::Text, d, p, off, &hans);
                    }
                }
            }
        }
        c.shrink_to_fit();
        c
    }

    /// The part to add to: the last, unless it was read from disk.
    fn open_part(&mut self) -> &mut Part {
        let building = self
            .parts
            .last()
            .is_some_and(|p| matches!(p.index, index::Index::Building(_)));
        if !building {
            self.parts.push(Part::default());
            self.starts.push(*self.starts.last().unwrap_or(&0));
        }
        self.parts.last_mut().expect("just pushed")
    }

    /// Add one candidate; `text` must already be Simplified.
    pub fn push(
        &mut self,
        source: Source,
        doc: usize,
        paragraph: usize,
        offset: usize,
        text: &str,
    ) {
        let id = self.len() as u32;
        let part = self.open_part();
        let base = id - (part.len() as u32);
        let (Some(arena), Some(iarena), Some(items), index::Index::Building(ix)) = (
            part.text.owned_mut(),
            part.initials.owned_mut(),
            part.items.owned_mut(),
            &mut part.index,
        ) else {
            unreachable!("open_part gives a part built in memory");
        };
        let text_start = arena.len() as u32;
        arena.push_str(text);
        let initials_start = iarena.len() as u32;
        initials_into(iarena, text);
        let slogan = match source {
            Source::Slogan(n) => n,
            Source::Text => TEXT,
        };
        let init = &iarena.as_bytes()[initials_start as usize..];
        ix.add(id - base, text, init, slogan != TEXT);
        items.push(Item {
            slogan,
            doc: doc as u32,
            paragraph: paragraph as u32,
            offset: offset as u32,
            chars: text.chars().count() as u32,
            text_start,
            text_end: arena.len() as u32,
            initials_start,
        });
        if let Some(last) = self.starts.last_mut() {
            *last += 1;
        }
    }

    /// Give back the arenas' spare capacity once all candidates are in.
    pub fn shrink_to_fit(&mut self) {
        for p in &mut self.parts {
            if let Some(v) = p.items.owned_mut() {
                v.shrink_to_fit();
            }
            if let Some(s) = p.text.owned_mut() {
                s.shrink_to_fit();
            }
            if let Some(s) = p.initials.owned_mut() {
                s.shrink_to_fit();
            }
            p.index.shrink_to_fit();
        }
    }

    pub fn len(&self) -> usize {
        *self.starts.last().unwrap_or(&0) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The part holding candidate `i`, and `i`'s place in it.
    fn locate(&self, i: usize) -> (&Part, usize) {
        let k = if self.parts.len() == 1 {
            0
        } else {
            self.starts.partition_point(|&s| s as usize <= i) - 1
        };
        (&self.parts[k], i - self.starts[k] as usize)
    }

    fn item(&self, i: usize) -> (&Part, Item) {
        let (p, j) = self.locate(i);
        (p, p.items[j])
    }

    pub fn get(&self, i: usize) -> Candidate {
        let (p, it) = self.item(i);
        Candidate {
            source: if it.slogan == TEXT {
                Source::Text
            } else {
                Source::Slogan(it.slogan)
            },
            doc: p.doc_base + it.doc,
            paragraph: it.paragraph,
            offset: it.offset,
            chars: it.chars,
        }
    }
    /// The Simplified text of candidate `i`.
    pub fn text(&self, i: usize) -> &str {
        let (p, j) = self.locate(i);
        p.text(&p.items[j])
    }
    /// Where `query` matches candidate `i` (see [`marks`]).
    pub fn marks(&self, i: usize, query: &str) -> Vec<u32> {
        let long = self.get(i).source == Source::Text;
        marks(query, self.text(i), self.initials(i), long)
    }
    /// The pinyin initials of candidate `i`, one per char.
    pub fn initials(&self, i: usize) -> &str {
        std::str::from_utf8(self.initial_bytes(i)).unwrap_or("")
    }
    fn initial_bytes(&self, i: usize) -> &[u8] {
        let (p, j) = self.locate(i);
        p.initial_bytes(&p.items[j])
    }
    /// Approximate heap bytes, index included (for the memory benchmark).
    pub fn approx_bytes(&self) -> usize {
        self.parts
            .iter()
            .map(|p| p.items.heap_bytes() + p.text.heap_bytes() + p.initials.heap_bytes())
            .sum::<usize>()
            + self.index_bytes()
    }
    /// Approximate heap bytes of the posting index alone.
    pub fn index_bytes(&self) -> usize {
        self.parts.iter().map(|p| p.index.bytes()).sum()
    }

    /// Append to `out` the candidates of `range` that could match `q`, in
    /// order (see `index`).
    fn filter(&self, q: &Query, range: std::ops::Range<usize>, out: &mut Vec<u32>) {
        for (k, p) in self.parts.iter().enumerate() {
            let (s, e) = (self.starts[k] as usize, self.starts[k + 1] as usize);
            let (lo, hi) = (range.start.max(s), range.end.min(e));
            if lo >= hi {
                continue;
            }
            let from = out.len();
            p.index.filter(q).collect(lo - s..hi - s, out);
            p.index.release();
            for id in &mut out[from..] {
                *id += s as u32;
            }
        }
    }
}

/// One match: candidate index and score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub index: u32,
    pub score: u32,
}

/// Where `query` matches `text` (whose pinyin initials are `initials`):
/// char indices, for highlighting. Meant for the UI thread, a screenful
/// of rows per frame: the parsed query and a matcher are kept per thread,
/// so a frame neither parses again nor allocates a matcher.
pub fn marks(query: &str, text: &str, initials: &str, long: bool) -> Vec<u32> {
    thread_local! {
        static KEPT: std::cell::RefCell<Option<(String, Query, Matcher)>> =
            const { std::cell::RefCell::new(None) };
    }
    KEPT.with_borrow_mut(|kept| {
        if kept.as_ref().is_none_or(|k| k.0 != query) {
            let m = match kept.take() {
                Some((_, _, m)) => m,
                None => matcher(),
            };
            *kept = Some((query.to_string(), Query::parse(query), m));
        }
        let (_, q, m) = kept.as_mut().expect("just set");
        q.indices(text, initials, long, m)
    })
}

/// Best first: score, then shorter, then earlier.
fn order(cands: &Candidates, a: &Hit, b: &Hit) -> std::cmp::Ordering {
    b.score
        .cmp(&a.score)
        .then(
            cands
                .get(a.index as usize)
                .chars
                .cmp(&cands.get(b.index as usize).chars),
        )
        .then(a.index.cmp(&b.index))
}

fn rank(cands: &Candidates, hits: &mut [Hit]) {
    hits.sort_unstable_by(|a, b| order(cands, a, b));
}

fn matcher() -> Matcher {
    Matcher::new(Config::DEFAULT)
}

/// Ask the CPU to start loading `p`: only a hint, which changes nothing
/// else.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and neither reads nor writes memory
    // as far as the program can tell, whatever the address.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(p as *const i8);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// How far ahead of the candidate being scored its data is asked for:
/// the position first, then (once that is in cache) the text.
const AHEAD_ITEM: usize = 16;
const AHEAD_TEXT: usize = 8;

/// Score candidates `ids` (ascending) against `q`, appending hits.
fn score_ids(
    cands: &Candidates,
    q: &Query,
    ids: &[u32],
    m: &mut Matcher,
    buf: &mut Vec<char>,
    out: &mut Vec<Hit>,
) {
    // Ids ascend, so they come a part at a time.
    let mut rest = ids;
    while let Some(&first) = rest.first() {
        let k = cands.starts.partition_point(|&s| s <= first) - 1;
        let (start, end) = (cands.starts[k], cands.starts[k + 1]);
        let n = rest.partition_point(|&i| i < end);
        score_part(&cands.parts[k], start, q, &rest[..n], m, buf, out);
        cands.parts[k].release();
        rest = &rest[n..];
    }
}

/// [`score_ids`] for ids all in one part, which starts at id `start`.
fn score_part(
    part: &Part,
    start: u32,
    q: &Query,
    ids: &[u32],
    m: &mut Matcher,
    buf: &mut Vec<char>,
    out: &mut Vec<Hit>,
) {
    let initials = q.reads_initials();
    let items = &part.items[..];
    let (text_base, init_base) = (part.text.as_bytes(), part.initials.as_bytes());
    for (k, &id) in ids.iter().enumerate() {
        // The index hands out ids far apart, where the hardware does not
        // guess what comes next; each candidate would wait on memory.
        if let Some(&j) = ids.get(k + AHEAD_ITEM) {
            prefetch(items.as_ptr().wrapping_add((j - start) as usize));
        }
        if let Some(&j) = ids.get(k + AHEAD_TEXT) {
            if let Some(c) = items.get((j - start) as usize) {
                let text = text_base.as_ptr();
                prefetch(text.wrapping_add(c.text_start as usize));
                prefetch(text.wrapping_add((c.text_end as usize).saturating_sub(1)));
                if initials {
                    prefetch(init_base.as_ptr().wrapping_add(c.initials_start as usize));
                }
            }
        }
        let Some(it) = items.get((id - start) as usize) else {
            continue;
        };
        let text = part.text(it);
        if !q.could_match(text) {
            continue;
        }
        // Utf32Str::new segments graphemes, which costs more than the
        // match itself; a Han char is its own grapheme, so decode chars.
        let hay = if !q.needs_text(text) {
            Utf32Str::Ascii(b"")
        } else if text.is_ascii() {
            Utf32Str::Ascii(text.as_bytes())
        } else {
            buf.clear();
            buf.extend(text.chars());
            Utf32Str::Unicode(buf)
        };
        // As bytes: slicing a str would read (and miss the cache on) the
        // initials even when no term is ASCII and nothing else does.
        let init = Utf32Str::Ascii(part.initial_bytes(it));
        let long = it.slogan == TEXT;
        if let Some(score) = q.score(text, hay, init, long, m) {
            out.push(Hit { index: id, score });
        }
    }
}

/// Survivors of the index fewer than this are scored on one thread.
const PARALLEL_MIN: usize = 4096;

/// Match everything at once and return the best `limit` hits. Many
/// candidates that could match are split across the machine's cores (the
/// caller waits anyway).
pub fn search(cands: &Candidates, query: &str, limit: usize) -> Vec<Hit> {
    let q = Query::parse(query);
    if q.is_empty() {
        return Vec::new();
    }
    let mut ids = Vec::new();
    cands.filter(&q, 0..cands.len(), &mut ids);
    let threads = if ids.len() < PARALLEL_MIN {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |p| p.get().min(8))
    };
    let per = ids.len().div_ceil(threads).max(1);
    best(cands, score_parts(cands, &q, ids.chunks(per)), limit)
}

/// [`search`] without the index or the prechecks of [`Query::parse`]:
/// every candidate goes the plain way to nucleo. The reference the fast
/// path is tested against.
pub fn search_scan(cands: &Candidates, query: &str, limit: usize) -> Vec<Hit> {
    let q = Query::parse_plain(query);
    if q.is_empty() {
        return Vec::new();
    }
    let n = cands.len();
    let threads = if n < 100_000 {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |p| p.get().min(8))
    };
    let ids: Vec<u32> = (0..n as u32).collect();
    let per = n.div_ceil(threads).max(1);
    best(cands, score_parts(cands, &q, ids.chunks(per)), limit)
}

/// Score each part of the candidates on a thread of its own (the first
/// on this one).
fn score_parts<'a>(
    cands: &Candidates,
    q: &Query,
    parts: impl Iterator<Item = &'a [u32]>,
) -> Vec<Hit> {
    let run = |ids: &[u32]| {
        let mut out = Vec::new();
        score_ids(cands, q, ids, &mut matcher(), &mut Vec::new(), &mut out);
        out
    };
    let mut parts = parts;
    let Some(first) = parts.next() else {
        return Vec::new();
    };
    std::thread::scope(|sc| {
        let others: Vec<_> = parts.map(|p| sc.spawn(move || run(p))).collect();
        let mut hits = run(first);
        for h in others {
            hits.extend(h.join().expect("search thread"));
        }
        hits
    })
}

/// The best `limit` of `hits`, best first.
fn best(cands: &Candidates, mut hits: Vec<Hit>, limit: usize) -> Vec<Hit> {
    // Only the best `limit` need sorting.
    if hits.len() > limit && limit > 0 {
        hits.select_nth_unstable_by(limit - 1, |a, b| order(cands, a, b));
        hits.truncate(limit);
    }
    rank(cands, &mut hits);
    hits.truncate(limit);
    hits
}

/// A batch of results from the worker.
#[derive(Clone, Debug)]
pub struct Results {
    /// The query generation these belong to (see [`Searcher::set_query`]).
    pub generation: u64,
    /// New hits of this batch, best first within the batch.
    pub items: Vec<Hit>,
    /// The last batch of this generation.
    pub done: bool,
}

/// Candidates the worker asks the index about at a time.
const CHUNK: usize = 64 * 1024;
/// Candidates that could match scored per step: between steps the worker
/// checks whether its query is still current and sends what it found. The
/// first step is small so that results show at once, later ones larger so
/// that batches stay few; a step takes about a millisecond, which bounds
/// how long a new query waits for the worker to drop the old one.
const FIRST_STEP: usize = 128;
const MAX_STEP: usize = 512;

/// The background matcher. Owns one worker thread; dropping it stops the
/// worker.
pub struct Searcher {
    cands: Arc<Candidates>,
    generation: Arc<AtomicU64>,
    last_query: Option<String>,
    tx: Option<Sender<(u64, String)>>,
    rx: Receiver<Results>,
    worker: Option<JoinHandle<()>>,
    best: Vec<Hit>,
    keep: usize,
}

impl Searcher {
    pub fn new(cands: Arc<Candidates>) -> Searcher {
        let generation = Arc::new(AtomicU64::new(0));
        let (qtx, qrx) = channel::<(u64, String)>();
        let (rtx, rrx) = channel::<Results>();
        let worker = {
            let cands = Arc::clone(&cands);
            let generation = Arc::clone(&generation);
            std::thread::Builder::new()
                .name("tifa-search".into())
                .spawn(move || worker(&cands, &generation, qrx, rtx))
                .expect("spawn search worker")
        };
        Searcher {
            cands,
            generation,
            last_query: None,
            tx: Some(qtx),
            rx: rrx,
            worker: Some(worker),
            best: Vec::new(),
            keep: 1000,
        }
    }

    pub fn candidates(&self) -> &Candidates {
        &self.cands
    }

    /// Start matching `query`, cancelling the previous one. Returns the new
    /// generation (or the current one, when the query is unchanged).
    pub fn set_query(&mut self, query: &str) -> u64 {
        if self.last_query.as_deref() == Some(query) {
            return self.generation();
        }
        self.last_query = Some(query.to_string());
        let g = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.best.clear();
        if let Some(tx) = &self.tx {
            // A worker that is gone has nothing to cancel.
            let _ = tx.send((g, query.to_string()));
        }
        g
    }

    /// The generation of the last query set (0 before any).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The next batch of the current generation, if one is ready. Batches
    /// of older generations are dropped here.
    pub fn poll(&mut self) -> Option<Results> {
        loop {
            match self.rx.try_recv() {
                Ok(r) if r.generation == self.generation() => {
                    self.best.extend_from_slice(&r.items);
                    rank(&self.cands, &mut self.best);
                    self.best.truncate(self.keep);
                    return Some(r);
                }
                Ok(_) => continue,
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return None,
            }
        }
    }

    /// The best hits of the current generation received so far (at most
    /// 1000), best first.
    pub fn best(&self) -> &[Hit] {
        &self.best
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.tx = None; // the worker's recv fails and it returns
        self.generation.fetch_add(1, Ordering::SeqCst); // and stops mid-query
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

fn worker(
    cands: &Candidates,
    generation: &AtomicU64,
    rx: Receiver<(u64, String)>,
    tx: Sender<Results>,
) {
    let mut m = matcher();
    let mut buf = Vec::new();
    while let Ok(mut job) = rx.recv() {
        // Only the newest query matters.
        while let Ok(newer) = rx.try_recv() {
            job = newer;
        }
        let (g, query) = job;
        let q = Query::parse(&query);
        let current = || generation.load(Ordering::SeqCst) == g;
        // Candidates that could match, from `filtered` on; the first `at`
        // of them are scored.
        let (mut ids, mut at, mut filtered) = (Vec::new(), 0, 0);
        let mut step = FIRST_STEP;
        let mut cancelled = false;
        while !q.is_empty() {
            if !current() {
                cancelled = true;
                break;
            }
            if at == ids.len() {
                if filtered == cands.len() {
                    break;
                }
                let end = (filtered + CHUNK).min(cands.len());
                ids.clear();
                cands.filter(&q, filtered..end, &mut ids);
                (at, filtered) = (0, end);
                continue;
            }
            let end = (at + step).min(ids.len());
            let mut items = Vec::new();
            score_ids(cands, &q, &ids[at..end], &mut m, &mut buf, &mut items);
            at = end;
            step = (step * 2).min(MAX_STEP);
            if !items.is_empty() {
                rank(cands, &mut items);
                let batch = Results {
                    generation: g,
                    items,
                    done: false,
                };
                if tx.send(batch).is_err() {
                    return;
                }
            }
        }
        if !cancelled {
            let _ = tx.send(Results {
                generation: g,
                items: Vec::new(),
                done: true,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Han (both scripts), ASCII of both cases, a char that folds to ASCII
    /// (the Kelvin sign; not `ſ`, on which nucleo-matcher 0.3.1 trips a
    /// debug assertion), full-width letters, a combining mark, whitespace
    /// and punctuation.
    const TEXT: &str = r"[四个自信两维护党黨国國发展脱贫攻坚GgDdPpSsXxKk05%\x{212A}Ａａe\x{301} \x{3000}，。“”\t]{0,16}";
    /// One to three terms, each maybe `!`, `^` or `'`, maybe `$`, with
    /// the odd backslash (nucleo's escapes).
    const QUERY: &str = r"(!?[\^']?[四个自信两维护党黨国國发展脱贫攻坚sgzxlwhdfjtpkGDPSK05%\x{212A}Ａ\\]{1,4}\$?)( !?[\^']?[四个自信两維護发展sgzxlwhdGDS05%\\]{1,3}\$?){0,2}";

    proptest! {
        // Blocks here are 128 candidates (see index::SHIFT): a few hundred
        // cross several, with arrays, bitmaps and a block reopened after
        // shrink_to_fit.
        #[test]
        fn index_finds_exactly_what_the_scan_finds(
            texts in prop::collection::vec((TEXT, any::<bool>()), 0..400),
            queries in prop::collection::vec(QUERY, 1..6),
            split in 0usize..400,
        ) {
            let mut c = Candidates::new();
            for (i, (t, slogan)) in texts.iter().enumerate() {
                if i == split {
                    c.shrink_to_fit();
                }
                let source = if *slogan { Source::Slogan(i as u32) } else { Source::Text };
                c.push(source, 0, i, 0, t);
            }
            for q in &queries {
                prop_assert_eq!(search(&c, q, usize::MAX), search_scan(&c, q, usize::MAX), "{}", q);
                prop_assert_eq!(search(&c, q, 3), search_scan(&c, q, 3), "{}", q);
            }
        }

        /// Candidates cut into parts whose postings are frozen (the form
        /// read from disk) answer every query as the whole built in one
        /// piece does, and give back the same candidates.
        #[test]
        fn frozen_parts_answer_as_the_whole(
            texts in prop::collection::vec((TEXT, any::<bool>()), 0..400),
            queries in prop::collection::vec(QUERY, 1..6),
            cuts in prop::collection::vec(0usize..400, 0..6),
        ) {
            let source = |i: usize, slogan: bool| {
                if slogan { Source::Slogan(i as u32) } else { Source::Text }
            };
            let mut whole = Candidates::new();
            for (i, (t, slogan)) in texts.iter().enumerate() {
                whole.push(source(i, *slogan), i, i, 0, t);
            }
            let mut cuts: Vec<usize> = cuts.into_iter().filter(|&c| c < texts.len()).collect();
            cuts.extend([0, texts.len()]);
            cuts.sort_unstable();
            cuts.dedup();
            let parts = cuts.windows(2).map(|w| {
                let mut c = Candidates::new();
                for (i, (t, slogan)) in texts.iter().enumerate().take(w[1]).skip(w[0]) {
                    c.push(source(i, *slogan), i - w[0], i, 0, t);
                }
                Part::from_tables(c.parts[0].tables(), w[0] as u32)
            });
            let split = Candidates::from_parts(parts.collect());
            prop_assert_eq!(split.len(), whole.len());
            for i in 0..whole.len() {
                prop_assert_eq!(split.get(i), whole.get(i));
                prop_assert_eq!(split.text(i), whole.text(i));
                prop_assert_eq!(split.initials(i), whole.initials(i));
            }
            for q in &queries {
                prop_assert_eq!(search(&split, q, usize::MAX), search(&whole, q, usize::MAX), "{}", q);
                prop_assert_eq!(search(&split, q, 3), search_scan(&whole, q, 3), "{}", q);
            }
        }
    }

    #[test]
    fn initials_are_one_ascii_char_per_char() {
        assert_eq!(initials("四个自信"), "sgzx");
        assert_eq!(initials("两个维护"), "lgwh");
        assert_eq!(initials("GDP增长，5%"), "gdpzz 5 ");
        let c = crate::corpus::Corpus::builtin();
        let idx = crate::slogans::mine(&c.docs);
        let cands = Candidates::build(&c.docs, &idx, Scope::All);
        for i in 0..cands.len() {
            assert_eq!(cands.initials(i).len(), cands.text(i).chars().count());
            assert!(cands.initials(i).is_ascii());
        }
    }
}
