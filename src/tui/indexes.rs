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
//! index read from disk supplies them without reading text.

use crate::analysis::{Calendar, DocSlogans};
use crate::corpus::Document;
use crate::index::{Library, Progress};
use crate::outline::Outline;
use crate::search::{Candidates, Scope};
use crate::slogans::SloganIndex;
use std::cell::OnceCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The corpus-wide indexes, built once off the UI thread.
pub struct Indexes {
    pub slogans: Arc<SloganIndex>,
    pub slogan_cands: Arc<Candidates>,
    pub sentence_cands: Arc<Candidates>,
    /// The dated documents (for trends and sparklines).
    pub calendar: Calendar,
    /// Per document, its slogans and their counts (for comparing two).
    pub doc_slogans: DocSlogans,
}

/// Build the indexes of `docs` in memory (slow: call from a worker thread).
pub fn build_indexes(docs: &[Document]) -> Indexes {
    let slogans = Arc::new(crate::slogans::mine(docs));
    let slogan_cands = Arc::new(Candidates::build(docs, &slogans, Scope::Slogans));
    let sentence_cands = Arc::new(Candidates::build(docs, &slogans, Scope::Text));
    let calendar = Calendar::new(docs);
    let doc_slogans = DocSlogans::build(&slogans, docs.len());
    Indexes {
        slogans,
        slogan_cands,
        sentence_cands,
        calendar,
        doc_slogans,
    }
}

/// The indexes of a library: read from its cache where they are fresh,
/// built (and kept) where not, telling `progress` how far it has come.
pub fn library_indexes(lib: &Library, progress: &dyn Progress) -> Indexes {
    let slogans = lib.slogans(progress);
    let sentence_cands = lib.sentences(progress);
    // The slogans' own candidates are a few thousand texts: no text read.
    let slogan_cands = Arc::new(Candidates::build(&lib.docs, &slogans, Scope::Slogans));
    let calendar = Calendar::new(&lib.docs);
    let doc_slogans = DocSlogans::build(&slogans, lib.docs.len());
    Indexes {
        slogans,
        slogan_cands,
        sentence_cands,
        calendar,
        doc_slogans,
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

/// Each document's outline, built (or read from the library) when first
/// asked for: a corpus of thousands of documents opens without reading
/// their text. `outlines[d]` reads like the vector it replaces.
pub struct Outlines {
    docs: Vec<Document>,
    lib: Option<Arc<Library>>,
    cells: Vec<OnceCell<Arc<Outline>>>,
}

impl Outlines {
    /// The outlines of `docs` (clones share their text, so this copies none).
    pub fn new(docs: &[Document]) -> Outlines {
        Outlines {
            docs: docs.to_vec(),
            lib: None,
            cells: vec![OnceCell::new(); docs.len()],
        }
    }

    /// The outlines of a library's documents, from its cache.
    pub fn of_library(lib: Arc<Library>) -> Outlines {
        let mut o = Outlines::new(&lib.docs);
        o.lib = Some(lib);
        o
    }

    /// How many sections document `d` has, from the library's catalog when
    /// the outline is not built yet.
    pub fn sections(&self, d: usize) -> usize {
        match (self.cells[d].get(), &self.lib) {
            (Some(o), _) => o.sections.len(),
            (None, Some(lib)) => lib.section_count(d),
            (None, None) => self[d].sections.len(),
        }
    }
}

impl std::ops::Index<usize> for Outlines {
    type Output = Outline;
    fn index(&self, d: usize) -> &Outline {
        self.cells[d].get_or_init(|| match &self.lib {
            Some(lib) => lib.outline(d),
            None => Arc::new(Outline::build(&self.docs[d])),
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
}
