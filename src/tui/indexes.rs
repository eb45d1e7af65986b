//! The corpus-wide indexes (slogan mining, search candidates): built once,
//! on a worker thread started with the reader.
//!
//! What always holds: the UI thread never waits for them — it starts the
//! worker and looks at what has arrived (`Context::start_indexing`,
//! `poll_indexes`, from the router's tick); until then the finders say the
//! index is being built.

use crate::search::{Candidates, Scope};
use crate::slogans::SloganIndex;
use std::sync::Arc;

/// The corpus-wide indexes, built once off the UI thread.
pub struct Indexes {
    pub slogans: SloganIndex,
    pub slogan_cands: Arc<Candidates>,
    pub sentence_cands: Arc<Candidates>,
}

/// Build the indexes of `docs` (slow: call from a worker thread).
pub fn build_indexes(docs: &[crate::corpus::Document]) -> Indexes {
    let slogans = crate::slogans::mine(docs);
    let slogan_cands = Arc::new(Candidates::build(docs, &slogans, Scope::Slogans));
    let sentence_cands = Arc::new(Candidates::build(docs, &slogans, Scope::Text));
    Indexes {
        slogans,
        slogan_cands,
        sentence_cands,
    }
}
