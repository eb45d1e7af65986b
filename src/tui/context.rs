//! The context the screens share: the corpus and its outlines, the view
//! options, the key table, the theme, the saved state, the indexes, the
//! status-line message and the clipboard request — and the document being
//! read (`reader`, its marks `find`, the `trail` along a slogan), which the
//! reader, the outline, bookmarks and the finders all act on.
//!
//! What always holds: only screens and the router change it, through
//! `&mut Context`; drawing gets `&Context`. Nothing here knows which screen
//! is up — that is the router's (`app`).

use super::find::Find;
use super::indexes::{IndexProgress, Indexes, Outlines};
use super::reading::{Anchor, Jumps, Place, Reader, Trail};
use super::style::{self, Styles};
use crate::config::theme::{ColorDepth, Themes};
use crate::config::Keymap;
use crate::corpus::Corpus;
use crate::page::{Found, Page, ViewOptions};
use crate::store::Store;
use crate::text::punct::PunctMode;
use crate::text::script::Display;
use crate::text::width::AmbiWidth;
use std::cell::OnceCell;
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;

pub struct Context {
    pub corpus: Corpus,
    /// Each document's outline, built when first asked for.
    pub outlines: Outlines,
    /// The on-disk index the corpus came from, if any.
    pub library: Option<Arc<crate::index::Library>>,
    /// How far the indexing worker has come, as the status lines say it.
    pub progress: IndexProgress,
    pub keymap: Keymap,
    /// View options; `layout.width` is the preferred text column width.
    pub opts: ViewOptions,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub styles: Styles,
    /// Every theme, and the colours this terminal shows.
    pub themes: Themes,
    pub depth: ColorDepth,
    /// Saved reading state (none when the state directory is unusable).
    pub store: Option<Store>,
    /// Store keys of the documents (content hashes), once a store is set.
    pub keys: Vec<String>,
    /// Corpus-wide indexes once built, and the worker building them.
    pub indexes: Option<Arc<Indexes>>,
    pub index_rx: Option<Receiver<Arc<Indexes>>>,
    /// A one-line message for the status line.
    pub message: Option<String>,
    /// Text for the loop to put on the clipboard (OSC 52).
    pub clipboard: Option<String>,
    /// The document being read.
    pub reader: Option<Reader>,
    /// Found or marked places in it (`/`, `n`, `N`; a slogan's uses).
    pub find: Option<Find>,
    /// Reading along a slogan's occurrences (`n` / `N` across documents).
    pub trail: Option<Trail>,
    /// Columns the outline takes beside the text (0 when it is not a side
    /// panel). The router sets it as it opens and closes the outline and
    /// the terminal is resized; the text is laid out right of it.
    pub panel_width: u16,
    /// Per document, once asked: does it type ASCII punctuation between
    /// Han characters (so `punct = "auto"` restores full-width marks)?
    punct_auto: Vec<OnceCell<bool>>,
}

impl Context {
    pub fn new(corpus: Corpus, opts: ViewOptions, size: (u16, u16)) -> Context {
        let n_docs = corpus.docs.len();
        let outlines = Outlines::new(&corpus.docs);
        let themes = Themes::builtin();
        let depth = ColorDepth::from_env();
        let start = if style::no_color() { "mono" } else { "default" };
        let start_theme = themes.get(start).unwrap_or_default();
        Context {
            corpus,
            outlines,
            library: None,
            progress: IndexProgress::default(),
            keymap: Keymap::default(),
            opts,
            size,
            styles: Styles::new(&start_theme, depth),
            themes,
            depth,
            store: None,
            keys: Vec::new(),
            indexes: None,
            index_rx: None,
            message: None,
            clipboard: None,
            reader: None,
            find: None,
            trail: None,
            panel_width: 0,
            punct_auto: vec![OnceCell::new(); n_docs],
        }
    }

    /// Use theme `name`; false (and nothing changes) when there is none.
    pub fn set_theme(&mut self, name: &str) -> bool {
        match self.themes.get(name) {
            Some(t) => {
                self.styles = Styles::new(&t, self.depth);
                true
            }
            None => false,
        }
    }

    /// `T`: the next theme, and say which.
    pub fn cycle_theme(&mut self) -> bool {
        if style::no_color() {
            self.message = Some("NO_COLOR is set: the mono theme only".into());
            return true;
        }
        let next = self.themes.next_after(&self.styles.theme).to_string();
        self.set_theme(&next);
        self.message = Some(format!("theme: {next}"));
        true
    }

    pub fn ambi(&self) -> AmbiWidth {
        self.opts.layout.ambi
    }

    /// The display script shown in the status line.
    pub fn display(&self) -> Display {
        self.opts.display
    }

    /// Rows for text: the screen less the status line.
    pub fn text_height(&self) -> usize {
        (self.size.1 as usize).saturating_sub(1).max(1)
    }

    /// Columns left for the text, right of a side panel.
    pub fn text_area_width(&self) -> u16 {
        self.size.0.saturating_sub(self.panel_width)
    }

    /// The text column's width: the preferred width, or the screen's.
    pub fn column_width(&self) -> usize {
        self.opts
            .layout
            .width
            .min(self.text_area_width() as usize)
            .max(1)
    }

    fn page_options(&self) -> ViewOptions {
        let mut o = self.opts;
        o.layout.width = self.column_width();
        o
    }

    /// Lay the open document out again for the options and the width now,
    /// keeping the top on the same text.
    pub fn relayout(&mut self) {
        let opts = self.page_options();
        let h = self.text_height();
        if let Some(r) = self.reader.as_mut() {
            r.page.set_options(&self.corpus.docs[r.doc], opts);
            r.clamp(h);
        }
    }

    /// A string from document `d` (its title, a section title, a stretch
    /// of its text) as the reader shows that document's text: in the
    /// display script, with the punctuation the page restores. Same
    /// number of chars as `s`, so offsets into it still hold.
    pub fn shown(&self, d: usize, s: &str) -> String {
        let full = match self.opts.punct {
            // Auto reads the whole document: once per document.
            PunctMode::Auto => self.punct_auto.get(d).is_some_and(|c| {
                *c.get_or_init(|| crate::page::full_punct(&self.corpus.docs[d], PunctMode::Auto))
            }),
            PunctMode::Full => true,
            PunctMode::Keep => false,
        };
        crate::page::display_text(s, self.opts.display, full)
    }

    /// Open document `d` in the reader, where it was left last time (or
    /// at the top); the document before it has its place written now.
    pub fn open(&mut self, d: usize) {
        if self.reader.is_some() {
            self.save_state();
        }
        let page = Page::new(&self.corpus.docs[d], &self.outlines[d], self.page_options());
        self.reader = Some(Reader {
            doc: d,
            page,
            top: Anchor {
                paragraph: 0,
                offset: Some(0),
            },
            jumps: Jumps::default(),
        });
        self.find = None;
        self.trail = None;
        self.restore_position(d);
    }

    /// Show `at` on the top line of the open document, marked as the
    /// current one of `marks`; a jump when the document was already open
    /// (`same`).
    pub fn show_at(&mut self, at: Found, mut marks: Vec<Found>, same: bool) {
        if marks.is_empty() {
            marks.push(at);
        }
        let current = marks.iter().position(|m| *m == at);
        if let Some(r) = self.reader.as_mut() {
            let from = r.top;
            r.top = r.anchor_of(at);
            if same && r.top != from {
                r.jumps.record(from);
            }
        }
        self.find = Some(Find::marks(marks, current));
    }

    /// `n` / `N` along the trail: the next (or previous) use of its
    /// slogan, wherever it is.
    pub fn trail_next(&mut self, forward: bool) -> Option<Place> {
        let (Some(t), Some(ix)) = (self.trail.as_mut(), self.indexes.as_ref()) else {
            return None;
        };
        t.step(ix, forward);
        Some(t.place(ix))
    }

    /// The section the reader is in (what the outline highlights).
    pub fn current_section(&self) -> Option<usize> {
        let r = self.reader.as_ref()?;
        self.outlines[r.doc].section_at(r.top.paragraph)
    }

    /// Jump to the top of section `s`, recording where we were.
    pub fn jump_to_section(&mut self, s: usize) -> bool {
        let Some(r) = self.reader.as_mut() else {
            return false;
        };
        let para = self.outlines[r.doc].sections[s].paragraph;
        let from = r.top;
        // The heading goes to the top of the screen even near the end of
        // the document, so `]` always moves on and the status line names it.
        r.top = Anchor {
            paragraph: para,
            offset: Some(0),
        };
        if r.top != from {
            r.jumps.record(from);
        }
        true
    }

    /// `''`: back to where the last jump started (itself a jump).
    pub fn jump_previous(&mut self) -> bool {
        let Some(r) = self.reader.as_mut() else {
            return false;
        };
        match r.jumps.previous() {
            Some(to) => {
                let from = r.top;
                r.top = to;
                r.jumps.record(from);
                true
            }
            None => {
                self.message = Some("no jump yet".into());
                true
            }
        }
    }

    /// Read the corpus through `lib`: outlines and indexes from its cache.
    pub fn use_library(&mut self, lib: Arc<crate::index::Library>) {
        self.outlines = Outlines::of_library(Arc::clone(&lib));
        self.library = Some(lib);
    }

    /// Start building the indexes on a worker thread.
    pub fn start_indexing(&mut self) {
        let (tx, rx) = channel();
        let building = Arc::clone(&self.progress.building);
        let job: Box<dyn FnOnce() -> Indexes + Send> = match &self.library {
            Some(lib) => {
                let lib = Arc::clone(lib);
                Box::new(move || super::indexes::library_indexes(&lib, &*building))
            }
            None => {
                let docs = self.corpus.docs.clone();
                Box::new(move || super::indexes::build_indexes(&docs))
            }
        };
        std::thread::Builder::new()
            .name("tifa-index".into())
            .spawn(move || {
                let ix = Arc::new(job());
                let _ = tx.send(Arc::clone(&ix));
                // What only comparing needs, after the rest is in use.
                ix.fill();
            })
            .ok();
        self.index_rx = Some(rx);
        self.progress.started();
    }

    /// For the status lines while the indexes are built: how far
    /// ([`IndexProgress::status`]).
    pub fn index_status(&self) -> Option<String> {
        if self.indexes.is_some() {
            return None;
        }
        self.progress.status()
    }

    /// Build the indexes here and now (tests; `tifa` never does this).
    pub fn index_now(&mut self) {
        let ix = super::indexes::build_indexes(&self.corpus.docs);
        ix.fill();
        self.indexes = Some(Arc::new(ix));
    }

    /// Take the indexes if the worker has sent them. Returns whether they
    /// arrived just now.
    pub fn poll_indexes(&mut self) -> bool {
        let Some(ix) = self.index_rx.as_ref().and_then(|rx| rx.try_recv().ok()) else {
            return false;
        };
        self.indexes = Some(ix);
        self.index_rx = None;
        true
    }

    /// For the status line: the find query and count (`/党委  1/3`).
    pub fn find_status(&self) -> Option<String> {
        self.find.as_ref()?.status()
    }
}
