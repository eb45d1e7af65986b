//! The corpus-wide indexes (slogan mining, search candidates, and what the
//! trend and compare screens read from them): built once, on a worker
//! thread started with the reader — from the on-disk index when the corpus
//! has one ([`crate::index::Library`]), else in memory — and the outlines,
//! built when a screen first asks for one.
//!
//! What always holds: the UI thread never waits for the indexes — it
//! starts the worker and looks at what has arrived (`Context::start_indexing`,
//! `poll_indexes`, from the router's tick); until then the finders say the
//! index is being built, and the status lines show how far the worker has
//! come ([`Building::status`]). The calendar and the per-document slogans
//! are made from the documents' metadata and the slogan index alone, so an
//! index read from disk supplies them without reading text; the
//! per-document slogans come last, after the rest has been handed over.

use crate::analysis::{Calendar, DocSlogans};
use crate::corpus::Document;
use crate::index::{Library, Progress};
use crate::outline::Outline;
use crate::search::{Candidates, Scope};
use crate::slogans::SloganIndex;
use std::cell::OnceCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The corpus-wide indexes, built once off the UI thread.
pub struct Indexes {
    pub slogans: Arc<SloganIndex>,
    pub slogan_cands: Arc<Candidates>,
    pub sentence_cands: Arc<Candidates>,
    /// The dated documents (for trends and sparklines).
    pub calendar: Calendar,
    /// Per document, its slogans and their counts (for comparing two):
    /// made after the rest is handed over ([`Indexes::fill`]), since it
    /// reads every occurrence of every slogan (at 330 MB, most of the
    /// reader's wait for its finder when it came first).
    doc_slogans: OnceLock<DocSlogans>,
    /// The number of documents.
    docs: usize,
}

impl Indexes {
    /// The per-document slogans, once made.
    pub fn doc_slogans(&self) -> Option<&DocSlogans> {
        self.doc_slogans.get()
    }

    /// Make the per-document slogans (slow: the worker does it, after
    /// handing the rest over).
    pub fn fill(&self) -> &DocSlogans {
        self.doc_slogans.get_or_init(|| {
            let d = DocSlogans::build(&self.slogans, self.docs);
            // That read every slogan's occurrences; a screen reads a few.
            self.slogans.release();
            d
        })
    }
}

/// Build the indexes of `docs` in memory (slow: call from a worker thread).
pub fn build_indexes(docs: &[Document]) -> Indexes {
    let slogans = Arc::new(crate::slogans::mine(docs));
    let sentence_cands = Arc::new(Candidates::build(docs, &slogans, Scope::Text));
    with_slogans(docs, slogans, sentence_cands)
}

/// The indexes of a library: read from its cache where they are fresh,
/// built (and kept) where not, telling `progress` how far it has come.
pub fn library_indexes(lib: &Library, progress: &dyn Progress) -> Indexes {
    let slogans = lib.slogans(progress);
    let sentence_cands = lib.sentences(progress);
    with_slogans(&lib.docs, slogans, sentence_cands)
}

/// The rest, made from the slogan index and the documents' metadata: the
/// slogans' own candidates (a few thousand texts), the calendar, the
/// per-document counts. No text is read.
fn with_slogans(
    docs: &[Document],
    slogans: Arc<SloganIndex>,
    sentence_cands: Arc<Candidates>,
) -> Indexes {
    Indexes {
        slogan_cands: Arc::new(Candidates::build(docs, &slogans, Scope::Slogans)),
        calendar: Calendar::new(docs),
        doc_slogans: OnceLock::new(),
        docs: docs.len(),
        slogans,
        sentence_cands,
    }
}

/// How far the worker has come, shared with the UI thread.
#[derive(Default)]
pub struct Building {
    what: Mutex<String>,
    done: AtomicU64,
    total: AtomicU64,
    /// The most steps a phase has had (a folder, not a file or two).
    most: AtomicU64,
}

impl Progress for Building {
    fn start(&self, what: &str, total: u64) {
        if let Ok(mut w) = self.what.lock() {
            *w = what.to_string();
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.most.fetch_max(total, Ordering::Relaxed);
    }
    fn inc(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }
}

impl Building {
    /// The most steps any phase has had so far.
    pub fn most_steps(&self) -> u64 {
        self.most.load(Ordering::Relaxed)
    }

    /// `indexing sentences 12/62`, or `None` before the first step (a warm
    /// index is read without one).
    pub fn status(&self) -> Option<String> {
        let what = self.what.lock().ok()?.clone();
        if what.is_empty() {
            return None;
        }
        let (done, total) = (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        );
        Some(if total == 0 {
            format!("{what}…")
        } else {
            format!("{what} {}/{total}", done.min(total))
        })
    }
}

/// The worker's progress is said once it has run this long, and gets a
/// frame of its own at most this often, and only this long after the last
/// key (over a slow link each frame costs bytes; a frame drawn for a key
/// shows it anyway).
pub const PROGRESS_AFTER: Duration = Duration::from_secs(1);
/// Phases of fewer steps than this (a file or two) say nothing worth
/// reading (`1/1`): their progress is said only past [`PROGRESS_LONG`].
pub const PROGRESS_STEPS: u64 = 8;
pub const PROGRESS_LONG: Duration = Duration::from_secs(10);

/// The worker's progress as the status lines say it, and when it is worth
/// a frame of its own.
#[derive(Default)]
pub struct IndexProgress {
    /// Told by the worker.
    pub building: Arc<Building>,
    /// The worker's start, the last frame drawn for progress, what that
    /// frame said, the last key.
    since: Option<Instant>,
    drawn: Option<Instant>,
    shown: Option<String>,
    key: Option<Instant>,
}

impl IndexProgress {
    /// The worker starts now.
    pub fn started(&mut self) {
        self.since = Some(Instant::now());
    }

    /// A key came now.
    pub fn key(&mut self) {
        self.key = Some(Instant::now());
    }

    /// `mining slogans 488/1571` while the worker runs, for a folder or a
    /// long build, once it has run [`PROGRESS_AFTER`].
    pub fn status(&self) -> Option<String> {
        let t = self.since?.elapsed();
        let worth = t >= PROGRESS_AFTER
            && (self.building.most_steps() >= PROGRESS_STEPS || t >= PROGRESS_LONG);
        if worth {
            self.building.status()
        } else {
            None
        }
    }

    /// From the router's tick: should progress alone draw a frame now?
    /// (`ready`: the indexes have arrived, so nothing is said any more.)
    pub fn due(&mut self, ready: bool) -> bool {
        let now = if ready { None } else { self.status() };
        let since = |t: Option<Instant>| t.is_none_or(|t| t.elapsed() >= PROGRESS_AFTER);
        let quiet = since(self.drawn) && since(self.key);
        if now == self.shown || !(quiet || now.is_none()) {
            return false;
        }
        self.shown = now;
        self.drawn = Some(Instant::now());
        true
    }
}

/// Each document's outline, built (or read from the library) when first
/// asked for: a corpus of thousands of documents opens without reading
/// their text. `outlines[d]` reads like the vector it replaces.
pub struct Outlines {
    source: Source,
    cells: Vec<OnceCell<Arc<Outline>>>,
}

/// Where outlines come from.
enum Source {
    /// Built from the documents (clones share their text, so this copies none).
    Docs(Vec<Document>),
    /// Read from the library's cache (and kept there).
    Library(Arc<Library>),
}

impl Outlines {
    /// The outlines of `docs`, built when asked for.
    pub fn new(docs: &[Document]) -> Outlines {
        Outlines {
            cells: vec![OnceCell::new(); docs.len()],
            source: Source::Docs(docs.to_vec()),
        }
    }

    /// The outlines of a library's documents, from its cache.
    pub fn of_library(lib: Arc<Library>) -> Outlines {
        Outlines {
            cells: vec![OnceCell::new(); lib.docs.len()],
            source: Source::Library(lib),
        }
    }

    /// How many sections document `d` has, from the library's catalog when
    /// the outline is not built yet.
    pub fn sections(&self, d: usize) -> usize {
        match (self.cells[d].get(), &self.source) {
            (Some(o), _) => o.sections.len(),
            (None, Source::Library(lib)) => lib.section_count(d),
            (None, Source::Docs(_)) => self[d].sections.len(),
        }
    }
}

impl std::ops::Index<usize> for Outlines {
    type Output = Outline;
    fn index(&self, d: usize) -> &Outline {
        self.cells[d].get_or_init(|| match &self.source {
            Source::Library(lib) => lib.outline(d),
            Source::Docs(docs) => Arc::new(Outline::build(&docs[d])),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_says_how_far_the_worker_is() {
        let b = Building::default();
        assert_eq!(b.status(), None, "nothing before a step starts");
        b.start("mining slogans", 3);
        b.inc(1);
        assert_eq!(b.status().as_deref(), Some("mining slogans 1/3"));
        b.inc(5);
        assert_eq!(
            b.status().as_deref(),
            Some("mining slogans 3/3"),
            "never past the end"
        );
        b.start("ranking slogans", 0);
        assert_eq!(b.status().as_deref(), Some("ranking slogans…"));
    }

    #[test]
    fn per_document_slogans_come_after_the_rest_and_count_every_use() {
        let c = crate::corpus::Corpus::builtin();
        let ix = build_indexes(&c.docs);
        assert!(ix.doc_slogans().is_none(), "made only when asked");
        let filled = ix.fill();
        let direct = DocSlogans::build(&ix.slogans, c.docs.len());
        let mut total = 0;
        for d in 0..c.docs.len() {
            assert_eq!(filled.of(d), direct.of(d));
            total += filled.of(d).iter().map(|&(_, n)| n as usize).sum::<usize>();
        }
        // Each text once: every occurrence of the distinct texts.
        let mut seen = std::collections::HashSet::new();
        let uses: usize = ix
            .slogans
            .slogans
            .iter()
            .filter(|s| seen.insert(s.text.as_str()))
            .map(|s| s.occurrences.len())
            .sum();
        assert_eq!(total, uses);
        assert!(ix.doc_slogans().is_some());
    }
}
