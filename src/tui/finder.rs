//! Finder views: the slogans of the corpus (`s`) with their occurrences in
//! context, and fuzzy search over every sentence (`S`, Ctrl-F).
//!
//! What always holds: the indexes (slogan mining, candidates) are built on a
//! worker thread started with the reader, and matching runs on the search
//! worker; this module only asks and looks at what has arrived (`tick`), so
//! the UI never waits. Until the index is ready the view says so.

use super::app::{Anchor, App, Screen};
use crate::config::{Key, KeyName};
use crate::page::Found;
use crate::search::{Candidates, Scope, Searcher, Source};
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

/// Which finder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinderKind {
    Slogans,
    Sentences,
}

/// A finder view's state.
pub struct Finder {
    pub kind: FinderKind,
    pub query: String,
    pub selected: usize,
    /// Slogans only: the occurrences of this slogan are listed.
    pub occurrences: Option<Occurrences>,
    /// Where Esc goes back to.
    pub back: Screen,
    searcher: Option<Searcher>,
}

/// The occurrence list of one slogan.
#[derive(Clone, Copy, Debug)]
pub struct Occurrences {
    pub slogan: usize,
    pub selected: usize,
}

/// Reading along a slogan's occurrences: `n` / `N` go across documents.
#[derive(Clone, Copy, Debug)]
pub struct Trail {
    pub slogan: usize,
    pub occurrence: usize,
}

impl App {
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

    /// Look at what the workers have sent. Returns whether to redraw.
    pub fn tick(&mut self) -> bool {
        let mut changed = false;
        if let Some(rx) = &self.index_rx {
            if let Ok(ix) = rx.try_recv() {
                self.indexes = Some(Arc::new(ix));
                self.index_rx = None;
                changed = true;
                self.refresh_finder();
            }
        }
        if let Some(s) = self.finder.as_mut().and_then(|f| f.searcher.as_mut()) {
            while s.poll().is_some() {
                changed = true;
            }
        }
        changed
    }

    /// Is a worker still expected to send something?
    pub fn busy(&self) -> bool {
        self.index_rx.is_some()
            || self
                .finder
                .as_ref()
                .is_some_and(|f| f.searcher.is_some() && !f.query.trim().is_empty())
    }

    /// Open a finder (`s`, `S`).
    pub fn open_finder(&mut self, kind: FinderKind) -> bool {
        self.finder = Some(Finder {
            kind,
            query: String::new(),
            selected: 0,
            occurrences: None,
            back: if self.screen == Screen::Finder {
                self.finder.as_ref().map_or(Screen::List, |f| f.back)
            } else {
                self.screen
            },
            searcher: None,
        });
        self.screen = Screen::Finder;
        self.refresh_finder();
        true
    }

    /// (Re)start matching for the finder's query.
    fn refresh_finder(&mut self) {
        let (Some(f), Some(ix)) = (self.finder.as_mut(), self.indexes.as_ref()) else {
            return;
        };
        if f.searcher.is_none() {
            let cands = match f.kind {
                FinderKind::Slogans => Arc::clone(&ix.slogan_cands),
                FinderKind::Sentences => Arc::clone(&ix.sentence_cands),
            };
            f.searcher = Some(Searcher::new(cands));
        }
        if let Some(s) = f.searcher.as_mut() {
            s.set_query(f.query.trim());
        }
        f.selected = 0;
    }

    /// The rows the finder shows: slogan indexes (slogans) or candidate
    /// indexes (sentences).
    pub fn finder_rows(&self) -> Vec<usize> {
        let (Some(f), Some(ix)) = (self.finder.as_ref(), self.indexes.as_ref()) else {
            return Vec::new();
        };
        if f.query.trim().is_empty() {
            return match f.kind {
                FinderKind::Slogans => (0..ix.slogans.slogans.len()).collect(),
                FinderKind::Sentences => Vec::new(),
            };
        }
        let Some(s) = f.searcher.as_ref() else {
            return Vec::new();
        };
        s.best()
            .iter()
            .map(|h| match s.candidates().get(h.index as usize).source {
                Source::Slogan(i) => i as usize,
                Source::Text => h.index as usize,
            })
            .collect()
    }

    /// Keys in a finder view.
    pub fn finder_key(&mut self, key: Key) -> bool {
        let rows = match self.finder.as_ref() {
            Some(f) => match f.occurrences {
                Some(o) => self
                    .indexes
                    .as_ref()
                    .map_or(0, |ix| ix.slogans.slogans[o.slogan].occurrences.len()),
                None => self.finder_rows().len(),
            },
            None => return false,
        };
        let Some(f) = self.finder.as_mut() else {
            return false;
        };
        let in_occ = f.occurrences.is_some();
        let old = f.occurrences.map_or(f.selected, |o| o.selected);
        let last = rows.saturating_sub(1);
        let page = 10;
        let new = match (key.code, key.ctrl) {
            (KeyName::Down, _) | (KeyName::Char('n'), true) => (old + 1).min(last),
            (KeyName::Up, _) | (KeyName::Char('p'), true) => old.saturating_sub(1),
            (KeyName::PageDown, _) => (old + page).min(last),
            (KeyName::PageUp, _) => old.saturating_sub(page),
            (KeyName::Home, _) => 0,
            (KeyName::End, _) => last,
            (KeyName::Char('j'), false) if in_occ => (old + 1).min(last),
            (KeyName::Char('k'), false) if in_occ => old.saturating_sub(1),
            (KeyName::Esc, _) | (KeyName::Char('o'), true) => {
                if f.occurrences.take().is_none() {
                    self.screen = f.back;
                    self.finder = None;
                }
                return true;
            }
            (KeyName::Enter, _) => return self.finder_enter(),
            (KeyName::Char('y'), true) => return self.copy(),
            (KeyName::Char('y'), false) if in_occ => return self.copy(),
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) if !in_occ => {
                f.query.pop();
                self.refresh_finder();
                return true;
            }
            (KeyName::Char('u'), true) if !in_occ => {
                f.query.clear();
                self.refresh_finder();
                return true;
            }
            (KeyName::Char(c), false) if !in_occ => {
                f.query.push(c);
                self.refresh_finder();
                return true;
            }
            _ => return false,
        };
        match f.occurrences.as_mut() {
            Some(o) => o.selected = new,
            None => f.selected = new,
        }
        new != old
    }

    fn finder_enter(&mut self) -> bool {
        let rows = self.finder_rows();
        let (Some(f), Some(ix)) = (self.finder.as_mut(), self.indexes.clone()) else {
            return false;
        };
        match (f.kind, f.occurrences) {
            (FinderKind::Slogans, None) => {
                let Some(&s) = rows.get(f.selected) else {
                    return false;
                };
                f.occurrences = Some(Occurrences {
                    slogan: s,
                    selected: 0,
                });
                true
            }
            (FinderKind::Slogans, Some(o)) => {
                self.trail = Some(Trail {
                    slogan: o.slogan,
                    occurrence: o.selected,
                });
                self.go_to_occurrence();
                true
            }
            (FinderKind::Sentences, _) => {
                let Some(&i) = rows.get(f.selected) else {
                    return false;
                };
                let c = *ix.sentence_cands.get(i);
                self.trail = None;
                self.open_at(
                    c.doc as usize,
                    Found {
                        paragraph: c.paragraph as usize,
                        offset: c.offset as usize,
                        len: c.chars as usize,
                    },
                    vec![],
                );
                true
            }
        }
    }

    /// Open the reader on the trail's current occurrence, the phrase
    /// highlighted (with its other occurrences in that document).
    fn go_to_occurrence(&mut self) {
        let (Some(t), Some(ix)) = (self.trail, self.indexes.clone()) else {
            return;
        };
        let s = &ix.slogans.slogans[t.slogan];
        let o = s.occurrences[t.occurrence];
        let len = s.text.chars().count();
        let same_doc: Vec<Found> = s
            .occurrences
            .iter()
            .filter(|x| x.doc == o.doc)
            .map(|x| Found {
                paragraph: x.paragraph,
                offset: x.offset,
                len,
            })
            .collect();
        self.open_at(
            o.doc,
            Found {
                paragraph: o.paragraph,
                offset: o.offset,
                len,
            },
            same_doc,
        );
        self.message = Some(format!(
            "{} {}/{}",
            s.text,
            t.occurrence + 1,
            s.occurrences.len()
        ));
    }

    /// Open document `doc` (or stay in it) with `at` on the top line and
    /// highlighted, among `marks`.
    fn open_at(&mut self, doc: usize, at: Found, mut marks: Vec<Found>) {
        let back = self.finder.as_ref().map(|_| Screen::Finder);
        let same = self.reader.as_ref().is_some_and(|r| r.doc == doc);
        if !same {
            // Opening a document ends any trail; this one goes on.
            let trail = self.trail;
            self.open(doc);
            self.trail = trail;
        }
        self.return_to = back.or(self.return_to);
        if marks.is_empty() {
            marks.push(at);
        }
        let current = marks.iter().position(|m| *m == at);
        if let Some(r) = self.reader.as_mut() {
            let from = r.top;
            let row = r.page.row_of(at.paragraph, at.offset);
            let lines = r.page.lines(at.paragraph);
            r.top = Anchor {
                paragraph: at.paragraph,
                offset: lines.get(row).map(|l| l.start),
            };
            if same && r.top != from {
                r.jumps.record(from);
            }
        }
        self.find = Some(super::find::Find::marks(marks, current));
        self.screen = Screen::Reader;
    }

    /// `n` / `N` along a slogan's occurrences, across documents.
    pub fn trail_next(&mut self, forward: bool) -> bool {
        let (Some(t), Some(ix)) = (self.trail.as_mut(), self.indexes.as_ref()) else {
            return false;
        };
        let n = ix.slogans.slogans[t.slogan].occurrences.len();
        t.occurrence = if forward {
            (t.occurrence + 1) % n
        } else {
            (t.occurrence + n - 1) % n
        };
        self.go_to_occurrence();
        true
    }
}
