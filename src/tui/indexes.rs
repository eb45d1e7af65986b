//! The corpus-wide indexes (slogan mining, search candidates, and what the
//! trend and compare screens read from them): built once, on a worker
//! thread started with the reader.
//!
//! What always holds: the UI thread never waits for them — it starts the
//! worker and looks at what has arrived (`Context::start_indexing`,
//! `poll_indexes`, from the router's tick); until then the finders say the
//! index is being built. Everything here is made from the documents and
//! the slogan index alone, so an index read from disk can supply it too.

use crate::analysis::{Calendar, DocSlogans};
use crate::search::{Candidates, Scope};
use crate::slogans::SloganIndex;
use std::sync::Arc;

/// The corpus-wide indexes, built once off the UI thread.
pub struct Indexes {
    pub slogans: SloganIndex,
    pub slogan_cands: Arc<Candidates>,
    pub sentence_cands: Arc<Candidates>,
    /// The dated documents (for trends and sparklines).
    pub calendar: Calendar,
    /// Per document, its slogans and their counts (for comparing two).
    pub doc_slogans: DocSlogans,
}

/// Build the indexes of `docs` (slow: call from a worker thread).
pub fn build_indexes(docs: &[crate::corpus::Document]) -> Indexes {
    let slogans = crate::slogans::mine(docs);
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
