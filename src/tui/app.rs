//! App: the reader's whole state, and `update`, the one place it changes.
//!
//! What always holds: the reader's position is a paragraph and a char
//! offset into it (`Anchor`), never a wrapped-line number, so a resize, a
//! width change or a script switch lands on the same text. `update` returns
//! whether anything visible changed, so the loop draws only then.

use crate::config::Action;
use crate::config::{Key, KeyName, Keymap, View};
use crate::corpus::Corpus;
use crate::outline::Outline;
use crate::page::{Page, ViewOptions};
use crate::search::{self, Candidates, Source};
use crate::text::punct::PunctMode;
use crate::text::script::{self, Display};
use crate::text::width::AmbiWidth;

/// Text column limits for `+` / `-`.
pub const MIN_TEXT_WIDTH: usize = 20;
pub const MAX_TEXT_WIDTH: usize = 200;

/// Which screen is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    List,
    Reader,
    /// The slogan or sentence finder.
    Finder,
}

/// The document list.
#[derive(Debug, Default)]
pub struct ListState {
    /// Rows shown, as document indexes, in order.
    pub rows: Vec<usize>,
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// The filter text, and whether it is being typed.
    pub filter: String,
    pub editing: bool,
}

/// Where the top of the screen is: a paragraph and the char offset of the
/// first line shown (`None`: the blank line after the paragraph).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub paragraph: usize,
    pub offset: Option<usize>,
}

/// The reading view of one document.
pub struct Reader {
    pub doc: usize,
    pub page: Page,
    pub top: Anchor,
    pub jumps: Jumps,
}

/// Jump history, like vim's jumplist: every jump records where it came
/// from; `back` and `forward` walk the list; `previous` is where the last
/// jump started (`''`).
#[derive(Clone, Debug, Default)]
pub struct Jumps {
    list: Vec<Anchor>,
    /// Where we are in `list`; `list.len()` when not walking it.
    pos: usize,
    previous: Option<Anchor>,
}

impl Jumps {
    /// A jump is leaving `from`.
    pub fn record(&mut self, from: Anchor) {
        self.list.truncate(self.pos);
        if self.list.last() != Some(&from) {
            self.list.push(from);
        }
        self.pos = self.list.len();
        self.previous = Some(from);
    }

    pub fn back(&mut self, current: Anchor) -> Option<Anchor> {
        if self.pos >= self.list.len() {
            // Remember the present, so forward can come back to it.
            if self.list.last() != Some(&current) {
                self.list.push(current);
            }
            self.pos = self.list.len().saturating_sub(1);
        }
        if self.pos == 0 {
            return None;
        }
        self.pos -= 1;
        self.previous = Some(current);
        Some(self.list[self.pos])
    }

    pub fn forward(&mut self, current: Anchor) -> Option<Anchor> {
        if self.pos + 1 >= self.list.len() {
            return None;
        }
        self.pos += 1;
        self.previous = Some(current);
        Some(self.list[self.pos])
    }

    /// `''`: the position before the last jump; the jump there is itself a
    /// jump, so `''` twice comes back.
    pub fn previous(&self) -> Option<Anchor> {
        self.previous
    }
}

/// The outline panel.
#[derive(Clone, Debug, Default)]
pub struct OutlinePanel {
    /// Keys go to the panel (else to the text, with the panel shown).
    pub focused: bool,
    /// Section indexes shown, in document order.
    pub rows: Vec<usize>,
    pub selected: usize,
    pub filter: String,
    pub editing: bool,
    /// Marker + title of every section, as search candidates.
    titles: Candidates,
}

/// A one-line prompt (`:` jump by number).
#[derive(Clone, Debug, Default)]
pub struct Prompt {
    pub text: String,
}

pub struct App {
    pub corpus: Corpus,
    pub outlines: Vec<Outline>,
    pub keymap: Keymap,
    pub screen: Screen,
    pub list: ListState,
    pub reader: Option<Reader>,
    /// View options; `layout.width` is the preferred text column width.
    pub opts: ViewOptions,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub help: bool,
    /// First help line shown (help scrolls on small screens).
    pub help_scroll: usize,
    pub quit: bool,
    pub suspend: bool,
    /// A one-line message for the status line.
    pub message: Option<String>,
    pub styles: super::style::Styles,
    /// The outline panel, when shown.
    pub panel: Option<OutlinePanel>,
    /// The `:` prompt, when open.
    pub prompt: Option<Prompt>,
    /// Document titles as search candidates (built once, for `/` in the list).
    titles: Candidates,
    /// Finding in the document (`/`, `n`, `N`).
    pub find: Option<super::find::Find>,
    /// Corpus-wide indexes once built, and the worker building them.
    pub indexes: Option<std::sync::Arc<super::finder::Indexes>>,
    pub index_rx: Option<std::sync::mpsc::Receiver<super::finder::Indexes>>,
    /// The slogan / sentence finder, when open.
    pub finder: Option<super::finder::Finder>,
    /// Reading along a slogan's occurrences (`n` / `N` across documents).
    pub trail: Option<super::finder::Trail>,
    /// Where the reader goes back to (the finder it was opened from).
    pub return_to: Option<Screen>,
    /// Every theme, and the colours this terminal shows.
    pub themes: crate::config::theme::Themes,
    pub depth: crate::config::theme::ColorDepth,
    /// Saved reading state (none when the state directory is unusable).
    pub store: Option<crate::store::Store>,
    /// Store keys of the documents (content hashes), once a store is set.
    pub keys: Vec<String>,
    /// Text for the loop to put on the clipboard (OSC 52).
    pub clipboard: Option<String>,
    /// The bookmark list, when open.
    pub bookmarks: Option<super::state::BookmarkPanel>,
    /// A bookmark's name being typed (`m`).
    pub naming: Option<String>,
    /// Per document, once asked: does it type ASCII punctuation between
    /// Han characters (so `punct = "auto"` restores full-width marks)?
    punct_auto: Vec<std::cell::OnceCell<bool>>,
}

/// Terminal width from which the outline is a side panel, not an overlay.
pub const SIDE_PANEL_MIN_WIDTH: u16 = 100;
/// Width of the side panel.
pub const SIDE_PANEL_WIDTH: u16 = 36;

impl App {
    pub fn new(corpus: Corpus, opts: ViewOptions, size: (u16, u16)) -> App {
        let n_docs = corpus.docs.len();
        let outlines = corpus.docs.iter().map(Outline::build).collect();
        let corpus_titles: Vec<String> = corpus.docs.iter().map(|d| d.title.clone()).collect();
        let rows = (0..corpus.docs.len()).collect();
        let themes = crate::config::theme::Themes::builtin();
        let depth = crate::config::theme::ColorDepth::from_env();
        let start = if super::style::no_color() {
            "mono"
        } else {
            "default"
        };
        let start_theme = themes.get(start).unwrap_or_default();
        App {
            corpus,
            outlines,
            keymap: Keymap::default(),
            screen: Screen::List,
            list: ListState {
                rows,
                ..ListState::default()
            },
            reader: None,
            opts,
            size,
            help: false,
            help_scroll: 0,
            quit: false,
            suspend: false,
            message: None,
            styles: super::style::Styles::new(&start_theme, depth),
            panel: None,
            prompt: None,
            titles: texts_as_candidates(corpus_titles.iter().map(String::as_str)),
            find: None,
            indexes: None,
            index_rx: None,
            finder: None,
            trail: None,
            return_to: None,
            themes,
            depth,
            store: None,
            keys: Vec::new(),
            clipboard: None,
            bookmarks: None,
            naming: None,
            punct_auto: vec![std::cell::OnceCell::new(); n_docs],
        }
    }

    /// Use theme `name`; false (and nothing changes) when there is none.
    pub fn set_theme(&mut self, name: &str) -> bool {
        match self.themes.get(name) {
            Some(t) => {
                self.styles = super::style::Styles::new(&t, self.depth);
                true
            }
            None => false,
        }
    }

    fn cycle_theme(&mut self) -> bool {
        if super::style::no_color() {
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

    /// Rows for text: the screen less the status line.
    pub fn text_height(&self) -> usize {
        (self.size.1 as usize).saturating_sub(1).max(1)
    }

    /// The text column's width: the preferred width, or the screen's.
    pub fn column_width(&self) -> usize {
        self.opts
            .layout
            .width
            .min(self.text_area_width() as usize)
            .max(1)
    }

    /// Is the outline a side panel (rather than an overlay, or hidden)?
    pub fn side_panel(&self) -> bool {
        self.panel.is_some() && self.size.0 >= SIDE_PANEL_MIN_WIDTH && self.screen == Screen::Reader
    }

    /// Columns left for the text.
    pub fn text_area_width(&self) -> u16 {
        if self.side_panel() {
            self.size.0 - SIDE_PANEL_WIDTH
        } else {
            self.size.0
        }
    }

    fn page_options(&self) -> ViewOptions {
        let mut o = self.opts;
        o.layout.width = self.column_width();
        o
    }

    /// Turn a key into an action and apply it. Returns whether anything changed.
    pub fn key(&mut self, key: Key) -> bool {
        if self.help {
            // j/k and the page keys scroll help; any other key closes it.
            let step: isize = match (key.code, key.ctrl) {
                (KeyName::Char('j') | KeyName::Down, false) => 1,
                (KeyName::Char('k') | KeyName::Up, false) => -1,
                (KeyName::PageDown | KeyName::Char(' ') | KeyName::Char('f'), false) => 10,
                (KeyName::PageUp | KeyName::Char('b'), false) => -10,
                _ => {
                    self.help = false;
                    self.help_scroll = 0;
                    return true;
                }
            };
            let new = self.help_scroll.saturating_add_signed(step);
            let changed = new != self.help_scroll;
            self.help_scroll = new;
            return changed;
        }
        if self.screen == Screen::List && self.list.editing {
            return self.edit_filter(key);
        }
        if self.screen == Screen::Finder {
            return self.finder_key(key);
        }
        if self.screen == Screen::Reader {
            if self.prompt.is_some() {
                return self.edit_prompt(key);
            }
            if self.naming.is_some() {
                return self.naming_key(key);
            }
            if self.bookmarks.is_some() {
                return self.bookmarks_key(key);
            }
            if self.find.as_ref().is_some_and(|f| f.editing) {
                return self.find_key(key);
            }
            if self.panel.as_ref().is_some_and(|p| p.focused) {
                return self.panel_key(key);
            }
        }
        let view = match self.screen {
            Screen::List | Screen::Finder => View::List,
            Screen::Reader => View::Reader,
        };
        match self.keymap.action(view, key) {
            Some(a) => self.update(a),
            None => false,
        }
    }

    pub fn resize(&mut self, w: u16, h: u16) -> bool {
        if self.size == (w, h) {
            return false;
        }
        self.size = (w, h);
        self.relayout();
        true
    }

    /// Apply an action. Returns whether anything visible changed.
    pub fn update(&mut self, action: Action) -> bool {
        let had_message = self.message.take().is_some();
        let changed = match (self.screen, action) {
            (_, Action::Quit) => {
                self.quit = true;
                true
            }
            (_, Action::Help) => {
                self.help = true;
                true
            }
            (_, Action::Suspend) => {
                self.suspend = true;
                true
            }
            (_, Action::CycleTheme) => self.cycle_theme(),
            (Screen::Reader | Screen::Finder, Action::Copy) => self.copy(),
            (_, Action::Slogans) => self.open_finder(super::finder::FinderKind::Slogans),
            (_, Action::Sentences) => self.open_finder(super::finder::FinderKind::Sentences),
            (Screen::List, a) => self.list_action(a),
            (Screen::Reader, a) => self.reader_action(a),
            (Screen::Finder, _) => false,
        };
        changed || had_message
    }

    // ---- the list ----

    fn list_action(&mut self, a: Action) -> bool {
        let n = self.list.rows.len();
        let page = self.text_height().saturating_sub(2).max(1);
        let sel = self.list.selected;
        let new = match a {
            Action::LineDown => (sel + 1).min(n.saturating_sub(1)),
            Action::LineUp => sel.saturating_sub(1),
            Action::PageDown | Action::HalfDown => (sel + page).min(n.saturating_sub(1)),
            Action::PageUp | Action::HalfUp => sel.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => n.saturating_sub(1),
            Action::Open => {
                if let Some(&d) = self.list.rows.get(sel) {
                    self.open(d);
                    return true;
                }
                return false;
            }
            Action::Filter => {
                self.list.editing = true;
                return true;
            }
            Action::Back => {
                if self.list.filter.is_empty() {
                    return false;
                }
                self.list.filter.clear();
                self.refilter();
                return true;
            }
            _ => return false,
        };
        if new == sel {
            return false;
        }
        self.list.selected = new;
        true
    }

    fn edit_filter(&mut self, key: Key) -> bool {
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) => {
                self.list.editing = false;
                self.list.filter.clear();
                self.refilter();
            }
            (KeyName::Enter, _) => {
                self.list.editing = false;
                if self.list.rows.len() == 1 {
                    self.open(self.list.rows[0]);
                }
            }
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                self.list.filter.pop();
                self.refilter();
            }
            (KeyName::Char('u'), true) => {
                self.list.filter.clear();
                self.refilter();
            }
            (KeyName::Down, _) | (KeyName::Char('n'), true) => {
                return self.list_action(Action::LineDown);
            }
            (KeyName::Up, _) | (KeyName::Char('p'), true) => {
                return self.list_action(Action::LineUp);
            }
            (KeyName::Char(c), false) => {
                self.list.filter.push(c);
                self.refilter();
            }
            _ => return false,
        }
        true
    }

    /// Rank documents by a fuzzy match of the filter on their titles, in
    /// either script; ties go to the shorter title, then corpus order.
    fn refilter(&mut self) {
        let q = self.list.filter.trim();
        self.list.rows = if q.is_empty() {
            (0..self.corpus.docs.len()).collect()
        } else {
            // Best first; ties to the shorter title, then corpus order.
            search::search(&self.titles, q, self.titles.len())
                .into_iter()
                .map(|h| h.index as usize)
                .collect()
        };
        self.list.selected = 0;
        self.list.offset = 0;
    }

    /// Open document `d` in the reader, where it was left last time (or
    /// at the top).
    pub fn open(&mut self, d: usize) {
        if self.reader.is_some() {
            // Leaving a document: its place is written now.
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
        self.screen = Screen::Reader;
        self.panel = None;
        self.find = None;
        self.trail = None;
        self.return_to = None;
        self.bookmarks = None;
        self.naming = None;
        self.restore_position(d);
    }

    // ---- the reader ----

    fn relayout(&mut self) {
        let opts = self.page_options();
        let h = self.text_height();
        if let Some(r) = self.reader.as_mut() {
            r.page.set_options(&self.corpus.docs[r.doc], opts);
            r.clamp(h);
        }
    }

    fn reader_action(&mut self, a: Action) -> bool {
        let h = self.text_height();
        match a {
            Action::Back => {
                if self.panel.take().is_some() {
                    self.relayout();
                } else if let Some(to) = self.return_to.take() {
                    self.screen = to;
                } else {
                    self.save_state();
                    self.screen = Screen::List;
                }
                true
            }
            Action::Outline => self.toggle_outline(),
            Action::Search => self.find_start(),
            Action::SearchNext if self.trail.is_some() => self.trail_next(true),
            Action::SearchPrev if self.trail.is_some() => self.trail_next(false),
            Action::SearchNext => self.find_next(true),
            Action::SearchPrev => self.find_next(false),
            Action::GotoSection => {
                self.prompt = Some(Prompt::default());
                true
            }
            Action::Mark => self.bookmarks_open(),
            Action::AddBookmark => self.bookmark_start(),
            Action::NextHeading
            | Action::PrevHeading
            | Action::NextSibling
            | Action::PrevSibling => self.section_jump(a),
            Action::JumpBack | Action::JumpForward => {
                let Some(r) = self.reader.as_mut() else {
                    return false;
                };
                let cur = r.top;
                let to = if a == Action::JumpBack {
                    r.jumps.back(cur)
                } else {
                    r.jumps.forward(cur)
                };
                match to {
                    Some(to) => {
                        // Exactly where it was, even past the last full page.
                        r.top = to;
                        true
                    }
                    None if a == Action::JumpBack && self.return_to.is_some() => {
                        // Nothing older in this document: back to the finder.
                        self.screen = self.return_to.take().unwrap_or(Screen::List);
                        true
                    }
                    None => {
                        self.message = Some(if a == Action::JumpBack {
                            "no older jump".into()
                        } else {
                            "no newer jump".into()
                        });
                        true
                    }
                }
            }
            Action::CycleScript => {
                self.opts.display = self.opts.display.next();
                self.relayout();
                true
            }
            Action::Wider | Action::Narrower => {
                let w = self.opts.layout.width;
                let new = if a == Action::Wider {
                    (w + 4).min(MAX_TEXT_WIDTH)
                } else {
                    w.saturating_sub(4).max(MIN_TEXT_WIDTH)
                };
                if new == w {
                    return false;
                }
                let before = self.column_width();
                self.opts.layout.width = new;
                if self.column_width() == before {
                    // The screen is the limit: nothing to re-lay out.
                    return true;
                }
                self.relayout();
                true
            }
            _ => {
                let Some(r) = self.reader.as_mut() else {
                    return false;
                };
                let before = r.top;
                match a {
                    Action::LineDown => r.scroll(1, h),
                    Action::LineUp => r.scroll(-1, h),
                    Action::PageDown => r.scroll(h.saturating_sub(1).max(1) as isize, h),
                    Action::PageUp => r.scroll(-(h.saturating_sub(1).max(1) as isize), h),
                    Action::HalfDown => r.scroll((h / 2).max(1) as isize, h),
                    Action::HalfUp => r.scroll(-((h / 2).max(1) as isize), h),
                    Action::Top => {
                        r.top = Anchor {
                            paragraph: 0,
                            offset: Some(0),
                        };
                        if r.top != before {
                            r.jumps.record(before);
                        }
                    }
                    Action::Bottom => {
                        r.top = r.max_top(h);
                        if r.top != before {
                            r.jumps.record(before);
                        }
                    }
                    _ => return false,
                }
                r.top != before
            }
        }
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

    fn section_jump(&mut self, a: Action) -> bool {
        let Some(r) = self.reader.as_ref() else {
            return false;
        };
        let outline = &self.outlines[r.doc];
        let p = r.top.paragraph;
        let at_start = r.top.offset == Some(0);
        let target = match a {
            Action::NextHeading => outline.next_heading(p),
            Action::PrevHeading => outline.prev_heading(p, at_start),
            Action::NextSibling => outline.next_sibling(p),
            _ => outline.prev_sibling(p, at_start),
        };
        match target {
            Some(s) => self.jump_to_section(s),
            None => {
                self.message = Some(if outline.sections.is_empty() {
                    "this document has no numbered sections".into()
                } else if matches!(a, Action::NextHeading | Action::NextSibling) {
                    "no next section here".into()
                } else {
                    "no previous section here".into()
                });
                true
            }
        }
    }

    pub(crate) fn jump_previous(&mut self) -> bool {
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

    fn edit_prompt(&mut self, key: Key) -> bool {
        let Some(prompt) = self.prompt.as_mut() else {
            return false;
        };
        match (key.code, key.ctrl) {
            (KeyName::Esc, _) => self.prompt = None,
            (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                if prompt.text.pop().is_none() {
                    self.prompt = None;
                }
            }
            (KeyName::Char('u'), true) => prompt.text.clear(),
            (KeyName::Enter, _) => {
                let typed = std::mem::take(&mut prompt.text);
                self.prompt = None;
                let Some(r) = self.reader.as_ref() else {
                    return true;
                };
                match self.outlines[r.doc].find_typed(&typed) {
                    Some(s) => {
                        self.jump_to_section(s);
                    }
                    None => self.message = Some(format!("no section {}", typed.trim())),
                }
            }
            (KeyName::Char(c), false) => prompt.text.push(c),
            _ => return false,
        }
        true
    }

    fn toggle_outline(&mut self) -> bool {
        let Some(r) = self.reader.as_ref() else {
            return false;
        };
        let outline = &self.outlines[r.doc];
        if outline.sections.is_empty() {
            self.message = Some("this document has no numbered sections".into());
            return true;
        }
        match self.panel.as_mut() {
            Some(p) if !p.focused => p.focused = true,
            Some(_) => {
                self.panel = None;
            }
            None => {
                let rows: Vec<usize> = (0..outline.sections.len()).collect();
                let selected = outline.section_at(r.top.paragraph).unwrap_or(0);
                let heads: Vec<String> = outline
                    .sections
                    .iter()
                    .map(|s| format!("{}{}", s.marker, s.title))
                    .collect();
                self.panel = Some(OutlinePanel {
                    focused: true,
                    rows,
                    selected,
                    titles: texts_as_candidates(heads.iter().map(String::as_str)),
                    ..OutlinePanel::default()
                });
            }
        }
        self.relayout();
        true
    }

    /// The section the reader is in (what the panel highlights).
    pub fn current_section(&self) -> Option<usize> {
        let r = self.reader.as_ref()?;
        self.outlines[r.doc].section_at(r.top.paragraph)
    }

    fn panel_key(&mut self, key: Key) -> bool {
        if self.reader.is_none() {
            return false;
        }
        let side = self.side_panel();
        let Some(p) = self.panel.as_mut() else {
            return false;
        };
        if p.editing {
            match (key.code, key.ctrl) {
                (KeyName::Esc, _) => {
                    p.editing = false;
                    p.filter.clear();
                }
                (KeyName::Enter, _) => p.editing = false,
                (KeyName::Backspace, _) | (KeyName::Char('h'), true) => {
                    p.filter.pop();
                }
                (KeyName::Down, _) | (KeyName::Char('n'), true) => {
                    p.selected = (p.selected + 1).min(p.rows.len().saturating_sub(1));
                    return true;
                }
                (KeyName::Up, _) | (KeyName::Char('p'), true) => {
                    p.selected = p.selected.saturating_sub(1);
                    return true;
                }
                (KeyName::Char(c), false) => p.filter.push(c),
                _ => return false,
            }
            p.rows = filter_sections(&p.titles, &p.filter);
            p.selected = 0;
            return true;
        }
        // The reader's own keys for leaving: q/Esc close, `o` hands the
        // keys back to the text (side panel) or closes (overlay).
        match self.keymap.action(View::Reader, key) {
            Some(Action::Back) => {
                self.panel = None;
                self.relayout();
                return true;
            }
            Some(Action::Outline) => {
                if side {
                    p.focused = false;
                } else {
                    self.panel = None;
                }
                return true;
            }
            _ => {}
        }
        let action = self.keymap.action(View::List, key);
        let n = p.rows.len();
        match action {
            Some(Action::LineDown) => p.selected = (p.selected + 1).min(n.saturating_sub(1)),
            Some(Action::LineUp) => p.selected = p.selected.saturating_sub(1),
            Some(Action::Top) => p.selected = 0,
            Some(Action::Bottom) => p.selected = n.saturating_sub(1),
            Some(Action::PageDown) => p.selected = (p.selected + 10).min(n.saturating_sub(1)),
            Some(Action::PageUp) => p.selected = p.selected.saturating_sub(10),
            Some(Action::Filter) => p.editing = true,
            Some(Action::Open) => {
                let Some(&s) = p.rows.get(p.selected) else {
                    return false;
                };
                if side {
                    p.focused = false;
                } else {
                    self.panel = None;
                }
                self.relayout();
                return self.jump_to_section(s);
            }
            Some(Action::Quit) => self.quit = true,
            Some(Action::Help) => self.help = true,
            Some(Action::Suspend) => self.suspend = true,
            _ => return false,
        }
        true
    }

    /// The display script shown in the status line.
    pub fn display(&self) -> Display {
        self.opts.display
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
}

/// Short texts (titles) as search candidates, in order: index `i` of a hit
/// is the `i`-th text.
fn texts_as_candidates<'a>(texts: impl Iterator<Item = &'a str>) -> Candidates {
    let mut c = Candidates::new();
    for t in texts {
        c.push(Source::Text, 0, 0, 0, &script::to_hans(t));
    }
    c
}

/// Sections whose marker + title match `filter` (the project's matcher:
/// either script, pinyin initials), in document order.
fn filter_sections(titles: &Candidates, filter: &str) -> Vec<usize> {
    if filter.trim().is_empty() {
        return (0..titles.len()).collect();
    }
    let mut rows: Vec<usize> = search::search(titles, filter.trim(), titles.len())
        .into_iter()
        .map(|h| h.index as usize)
        .collect();
    rows.sort_unstable();
    rows
}

impl Reader {
    /// The (paragraph, row) of the top line.
    pub fn top_row(&self) -> (usize, usize) {
        let p = self.top.paragraph;
        match self.top.offset {
            Some(o) => (p, self.page.row_of(p, o)),
            None => (p, self.page.lines(p).len()),
        }
    }

    pub(crate) fn anchor_at(&self, p: usize, row: usize) -> Anchor {
        let lines = self.page.lines(p);
        Anchor {
            paragraph: p,
            offset: lines.get(row).map(|l| l.start),
        }
    }

    /// The last top position that still fills the screen.
    pub fn max_top(&self, height: usize) -> Anchor {
        let mut need = height;
        let mut p = self.page.len();
        while p > 0 {
            p -= 1;
            let rows = self.page.rows(p);
            if rows >= need {
                return self.anchor_at(p, rows - need);
            }
            need -= rows;
        }
        Anchor {
            paragraph: 0,
            offset: Some(0),
        }
    }

    fn pos_key(&self, a: Anchor) -> (usize, usize) {
        let lines = self.page.lines(a.paragraph);
        let row = match a.offset {
            Some(o) => self.page.row_of(a.paragraph, o),
            None => lines.len(),
        };
        (a.paragraph, row)
    }

    /// Keep the top within the document.
    pub fn clamp(&mut self, height: usize) {
        let max = self.max_top(height);
        if self.pos_key(self.top) > self.pos_key(max) {
            self.top = max;
        }
    }

    /// Move the top by `n` rows (negative: up), within the document.
    pub fn scroll(&mut self, n: isize, height: usize) {
        let before = self.top;
        let (mut p, mut r) = self.top_row();
        if n >= 0 {
            let mut n = n as usize;
            while n > 0 {
                let rows = self.page.rows(p);
                if r + n < rows {
                    r += n;
                    n = 0;
                } else if p + 1 < self.page.len() {
                    n -= rows - r;
                    p += 1;
                    r = 0;
                } else {
                    r = rows - 1;
                    n = 0;
                }
            }
        } else {
            let mut n = n.unsigned_abs();
            while n > 0 {
                if r >= n {
                    r -= n;
                    n = 0;
                } else if p > 0 {
                    n -= r + 1;
                    p -= 1;
                    r = self.page.rows(p) - 1;
                } else {
                    r = 0;
                    n = 0;
                }
            }
        }
        self.top = self.anchor_at(p, r);
        // Scrolling stops where the last page is full; a jump may have put
        // the top further on (a heading near the end), and scrolling never
        // pulls it back.
        let max = self.max_top(height);
        let limit = if self.pos_key(before) > self.pos_key(max) {
            before
        } else {
            max
        };
        if self.pos_key(self.top) > self.pos_key(limit) {
            self.top = limit;
        }
    }

    /// How far through the document the top is, 0–100; 100 when the end is
    /// on screen.
    pub fn percent(&self, height: usize) -> u8 {
        let total = self.page.chars_before(self.page.len());
        if total == 0 || self.pos_key(self.top) >= self.pos_key(self.max_top(height)) {
            return 100;
        }
        let p = self.top.paragraph;
        let para_len = self.page.chars_before(p + 1) - self.page.chars_before(p);
        let before = self.page.chars_before(p) + self.top.offset.unwrap_or(para_len);
        ((before * 100) / total).min(100) as u8
    }
}
