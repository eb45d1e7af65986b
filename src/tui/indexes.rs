//! The corpus-wide indexes (slogan mining, search candidates): built once,
//! on a worker thread started with the reader.
//!
//! What always holds: the UI thread never waits for them — it starts the
//! worker and looks at what has arrived (`poll_indexes`, from the router's
//! tick); until then the finders say the index is being built.

use super::context::Context;
use crate::search::{Candidates, Scope};
use crate::slogans::SloganIndex;
use std::sync::mpsc::channel;
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

impl Context {
    /// Start building the indexes on a worker thread.
    pub fn start_indexing(&mut self) {
        let docs = self.corpus.docs.clone();
        let (tx, rx) = channel();
        std::thread::Builder::new()
            .name("tifa-index".into())
            .spawn(move || {
                let _ = tx.send(build_indexes(&docs));
            })
            .ok();
        self.index_rx = Some(rx);
    }

    /// Build the indexes here and now (tests; `tifa` never does this).
    pub fn index_now(&mut self) {
        self.indexes = Some(Arc::new(build_indexes(&self.corpus.docs)));
    }

    /// Take the indexes if the worker has sent them. Returns whether they
    /// arrived just now.
    pub fn poll_indexes(&mut self) -> bool {
        let Some(ix) = self.index_rx.as_ref().and_then(|rx| rx.try_recv().ok()) else {
            return false;
        };
        self.indexes = Some(Arc::new(ix));
        self.index_rx = None;
        true
    }
}
