//! App: the router. It holds the context the screens share (and derefs to
//! it: `app.corpus`, `app.reader`, `app.message`), one slot per screen,
//! which base screen is up, and sends keys and actions to the screens.
//!
//! Keys go to the topmost screen that takes keys; a key it leaves
//! (`Outcome::Ignored`) is looked up in its key table, and the action goes
//! down the screens that are up, top first, until one takes it. Drawing
//! goes the other way, bottom first (`draw`). Screens ask for everything
//! else — opening, closing, reading a document — with an `Outcome`, which
//! only the router applies.
//!
//! What always holds: `update` returns whether anything visible changed,
//! so the loop draws only then; adding a screen is a module, a slot here
//! and its place in `layers`.

pub use super::component::Screen;
use super::component::{Component, Outcome, Overlay};
use super::context::Context;
use super::reading::Place;
use super::saved::SAVE_AFTER;
use super::screens::bookmarks::{Bookmarks, Naming};
use super::screens::compare::CompareScreen;
use super::screens::finder::{Finder, FinderKind};
use super::screens::help::Help;
use super::screens::list::List;
use super::screens::outline::{OutlinePanel, SIDE_PANEL_MIN_WIDTH, SIDE_PANEL_WIDTH};
use super::screens::reader::ReaderScreen;
use super::screens::trend::TrendScreen;
use crate::config::{Action, Key};
use crate::corpus::Corpus;
use crate::page::ViewOptions;
use crate::store::Store;

/// The router's slots: which screen a layer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    List,
    Reader,
    Finder,
    Trend,
    Compare,
    Outline,
    Bookmarks,
    Naming,
    Help,
}

pub struct App {
    /// What the screens share.
    pub cx: Context,
    /// The base screen up.
    pub screen: Screen,
    pub list: List,
    pub reader_screen: ReaderScreen,
    /// The slogan / sentence finder, when open (kept while its document is read).
    pub finder: Option<Finder>,
    /// The trend chart, when open (kept while a use it listed is read).
    pub trend: Option<TrendScreen>,
    /// Two documents compared, when open.
    pub compare: Option<CompareScreen>,
    /// The outline beside or over the text, when shown.
    pub panel: Option<OutlinePanel>,
    /// The bookmark list, when open.
    pub bookmarks: Option<Bookmarks>,
    /// A bookmark's name being typed (`m`).
    pub naming: Option<Naming>,
    /// Help is up, over everything.
    pub help: bool,
    pub help_screen: Help,
    pub quit: bool,
    pub suspend: bool,
}

impl std::ops::Deref for App {
    type Target = Context;
    fn deref(&self) -> &Context {
        &self.cx
    }
}

impl std::ops::DerefMut for App {
    fn deref_mut(&mut self) -> &mut Context {
        &mut self.cx
    }
}

impl App {
    pub fn new(corpus: Corpus, opts: ViewOptions, size: (u16, u16)) -> App {
        let cx = Context::new(corpus, opts, size);
        App {
            screen: Screen::List,
            list: List::new(&cx),
            reader_screen: ReaderScreen::default(),
            finder: None,
            trend: None,
            compare: None,
            panel: None,
            bookmarks: None,
            naming: None,
            help: false,
            help_screen: Help::new(crate::config::View::List),
            quit: false,
            suspend: false,
            cx,
        }
    }

    /// The screens up, bottom first: the order they are drawn in, and
    /// (reversed) the order keys and actions try them.
    pub fn layers(&self) -> Vec<Slot> {
        let mut up = vec![match self.screen {
            Screen::List => Slot::List,
            Screen::Reader => Slot::Reader,
            Screen::Finder => Slot::Finder,
            Screen::Trend => Slot::Trend,
            Screen::Compare => Slot::Compare,
        }];
        if self.screen == Screen::Reader {
            let over = [
                (Slot::Outline, self.panel.is_some()),
                (Slot::Bookmarks, self.bookmarks.is_some()),
                (Slot::Naming, self.naming.is_some()),
            ];
            up.extend(over.iter().filter(|(_, on)| *on).map(|(s, _)| *s));
        }
        if self.help {
            up.push(Slot::Help);
        }
        up
    }

    /// The screen in `slot`, if it is there.
    pub fn component(&self, slot: Slot) -> Option<&dyn Component> {
        Some(match slot {
            Slot::List => &self.list,
            Slot::Reader => &self.reader_screen,
            Slot::Finder => self.finder.as_ref()?,
            Slot::Trend => self.trend.as_ref()?,
            Slot::Compare => self.compare.as_ref()?,
            Slot::Outline => self.panel.as_ref()?,
            Slot::Bookmarks => self.bookmarks.as_ref()?,
            Slot::Naming => self.naming.as_ref()?,
            Slot::Help => &self.help_screen,
        })
    }

    /// The screen in `slot` and the context, to hand it a key or action.
    fn split(&mut self, slot: Slot) -> Option<(&mut dyn Component, &mut Context)> {
        let c: &mut dyn Component = match slot {
            Slot::List => &mut self.list,
            Slot::Reader => &mut self.reader_screen,
            Slot::Finder => self.finder.as_mut()?,
            Slot::Trend => self.trend.as_mut()?,
            Slot::Compare => self.compare.as_mut()?,
            Slot::Outline => self.panel.as_mut()?,
            Slot::Bookmarks => self.bookmarks.as_mut()?,
            Slot::Naming => self.naming.as_mut()?,
            Slot::Help => &mut self.help_screen,
        };
        Some((c, &mut self.cx))
    }

    /// Turn a key into an action and apply it. Returns whether anything changed.
    pub fn key(&mut self, key: Key) -> bool {
        let top = self
            .layers()
            .into_iter()
            .rev()
            .find(|&s| self.component(s).is_some_and(|c| c.takes_keys()));
        let Some((top, (c, cx))) = top.and_then(|s| Some((s, self.split(s)?))) else {
            return false;
        };
        let view = c.view();
        match c.key(cx, key) {
            Outcome::Ignored => match self.cx.keymap.action(view, key) {
                Some(a) => self.update(a),
                None => false,
            },
            out => self.apply(top, out),
        }
    }

    /// Apply an action. Returns whether anything visible changed.
    pub fn update(&mut self, action: Action) -> bool {
        let had_message = self.cx.message.take().is_some();
        let changed = match action {
            Action::Quit => {
                self.quit = true;
                true
            }
            Action::Help => self.open_overlay(Overlay::Help),
            Action::Suspend => {
                self.suspend = true;
                true
            }
            Action::CycleTheme => self.cx.cycle_theme(),
            Action::Slogans => self.open_finder(FinderKind::Slogans),
            Action::Sentences => self.open_finder(FinderKind::Sentences),
            _ => self.act(action),
        };
        changed || had_message
    }

    /// An action goes down the screens up, top first, until one takes it.
    fn act(&mut self, action: Action) -> bool {
        for slot in self.layers().into_iter().rev() {
            let Some((c, cx)) = self.split(slot) else {
                continue;
            };
            match c.action(cx, action) {
                Outcome::Ignored => continue,
                out => return self.apply(slot, out),
            }
        }
        false
    }

    /// Do what the screen in `from` asked. Returns whether anything changed.
    fn apply(&mut self, from: Slot, out: Outcome) -> bool {
        match out {
            Outcome::Ignored => false,
            Outcome::Done(changed) => changed,
            Outcome::Close => self.close(from),
            Outcome::Open(o) => self.open_overlay(o),
            Outcome::Show(s) => {
                self.screen = s;
                true
            }
            Outcome::Read(d) => {
                self.open(d);
                true
            }
            Outcome::ReadAt(place) => {
                self.open_at(place);
                true
            }
            Outcome::Section { section, close } => {
                if close {
                    self.panel = None;
                }
                self.relayout();
                self.cx.jump_to_section(section)
            }
            Outcome::Trend(slogan) => {
                let back = self.screen;
                self.trend = Some(TrendScreen::new(&self.cx, slogan, back));
                self.screen = Screen::Trend;
                true
            }
            Outcome::Compare(a, b) => {
                let back = self.screen;
                self.compare = Some(CompareScreen::new(&self.cx, a, b, back));
                self.screen = Screen::Compare;
                true
            }
            // Only a screen that opened a picker takes its pick.
            Outcome::Pick(_) => false,
            Outcome::Quit => {
                self.quit = true;
                true
            }
            Outcome::Suspend => {
                self.suspend = true;
                true
            }
        }
    }

    fn close(&mut self, slot: Slot) -> bool {
        match slot {
            Slot::List | Slot::Reader => return false,
            Slot::Finder => {
                let back = self.finder.take().map_or(Screen::List, |f| f.back);
                self.leave(Screen::Finder, back);
            }
            Slot::Trend => {
                let back = self.trend.take().map_or(Screen::List, |t| t.back);
                self.leave(Screen::Trend, back);
            }
            Slot::Compare => {
                let back = self.compare.take().map_or(Screen::List, |c| c.back);
                self.leave(Screen::Compare, back);
            }
            Slot::Outline => {
                self.panel = None;
                self.relayout();
            }
            Slot::Bookmarks => self.bookmarks = None,
            Slot::Naming => self.naming = None,
            Slot::Help => self.help = false,
        }
        true
    }

    /// Screen `gone` was closed: go back to `back` (or, if that one is
    /// gone too, the list), and let nothing return to `gone`.
    fn leave(&mut self, gone: Screen, back: Screen) {
        let up = match back {
            Screen::List | Screen::Reader => true,
            Screen::Finder => self.finder.is_some(),
            Screen::Trend => self.trend.is_some(),
            Screen::Compare => self.compare.is_some(),
        };
        self.screen = if up && back != gone {
            back
        } else {
            Screen::List
        };
        let to = &mut self.reader_screen.return_to;
        *to = to.filter(|&s| s != gone);
    }

    fn open_overlay(&mut self, o: Overlay) -> bool {
        match o {
            Overlay::Outline => {
                if let Some(p) = OutlinePanel::open(&mut self.cx) {
                    self.panel = Some(p);
                    self.relayout();
                }
            }
            Overlay::Bookmarks => self.bookmarks = Some(Bookmarks::open(&mut self.cx)),
            Overlay::Naming => self.naming = Naming::start(&mut self.cx),
            Overlay::Help => {
                let below = self.layers().into_iter().next();
                let view = below.and_then(|s| self.component(s)).map(|c| c.view());
                self.help_screen = Help::new(view.unwrap_or(crate::config::View::List));
                self.help = true;
            }
        }
        true
    }

    /// Open document `d` in the reader, where it was left last time (or
    /// at the top).
    pub fn open(&mut self, d: usize) {
        self.panel = None;
        self.bookmarks = None;
        self.naming = None;
        self.reader_screen.return_to = None;
        self.cx.panel_width = 0;
        self.cx.open(d);
        self.screen = Screen::Reader;
    }

    /// Read `p` (from a finder, a trend's or a comparison's list, or `n`
    /// along a trail): open its document unless it is open, mark it, and
    /// let Back return to the screen it was chosen on.
    fn open_at(&mut self, p: Place) {
        let back = match self.screen {
            s @ (Screen::Finder | Screen::Trend | Screen::Compare) => Some(s),
            Screen::List | Screen::Reader => None,
        };
        // `n` along a trail comes from the reader: Back still goes where
        // the trail was started.
        let back = back.or(self.reader_screen.return_to);
        let same = self.cx.reader.as_ref().is_some_and(|r| r.doc == p.doc);
        if !same {
            // Opening a document ends any trail; this one goes on.
            let trail = self.cx.trail.take();
            self.open(p.doc);
            self.cx.trail = trail;
        }
        self.reader_screen.return_to = back;
        self.cx.show_at(p.at, p.marks, same);
        self.screen = Screen::Reader;
        if let Some(m) = p.message {
            self.cx.message = Some(m);
        }
    }

    /// Open a finder (`s`, `S`); Esc goes back to where this was typed
    /// (from a finder: to where that one came from).
    fn open_finder(&mut self, kind: FinderKind) -> bool {
        let back = match (self.screen, &self.finder) {
            (Screen::Finder, Some(f)) => f.back,
            (Screen::Finder, None) => Screen::List,
            (s, _) => s,
        };
        self.finder = Some(Finder::new(&self.cx, kind, back));
        self.screen = Screen::Finder;
        true
    }

    /// Lay the text out again, beside the outline when it is a side panel.
    fn relayout(&mut self) {
        let beside = self.panel.is_some() && self.cx.size.0 >= SIDE_PANEL_MIN_WIDTH;
        self.cx.panel_width = if beside { SIDE_PANEL_WIDTH } else { 0 };
        self.cx.relayout();
    }

    /// Is the outline a side panel (rather than an overlay, or hidden)?
    pub fn side_panel(&self) -> bool {
        let wide = self.cx.size.0 >= SIDE_PANEL_MIN_WIDTH;
        self.panel.is_some() && wide && self.screen == Screen::Reader
    }

    pub fn resize(&mut self, w: u16, h: u16) -> bool {
        if self.cx.size == (w, h) {
            return false;
        }
        self.cx.size = (w, h);
        self.relayout();
        true
    }

    /// The rows the finder shows (see `Finder::rows`).
    pub fn finder_rows(&self) -> Vec<usize> {
        self.finder
            .as_ref()
            .map_or_else(Vec::new, |f| f.rows(&self.cx))
    }

    /// Look at what the workers have sent. Returns whether to redraw.
    pub fn tick(&mut self) -> bool {
        let mut changed = false;
        let ready = self.cx.indexes.is_some();
        changed |= self.cx.progress.due(ready);
        if self.cx.poll_indexes() {
            // Only a screen that shows the indexes changes when they come.
            changed |= self.finder.is_some() || self.trend.is_some() || self.compare.is_some();
            if let Some(f) = self.finder.as_mut() {
                f.refresh(&self.cx);
            }
            if let Some(t) = self.trend.as_mut() {
                t.refresh(&self.cx);
            }
        }
        // Compare waits for the per-document slogans too, which come after
        // the rest of the indexes.
        if let Some(c) = self.compare.as_mut().filter(|c| c.waiting()) {
            c.refresh(&self.cx);
            changed |= !c.waiting();
        }
        if let Some(f) = self.finder.as_mut() {
            changed |= f.poll();
        }
        if let Some(t) = self.trend.as_mut() {
            changed |= t.poll();
        }
        changed
    }

    /// Is a worker still expected to send something?
    pub fn busy(&self) -> bool {
        self.cx.index_rx.is_some()
            || self.finder.as_ref().is_some_and(|f| f.busy())
            || self.trend.as_ref().is_some_and(|t| t.busy())
    }

    /// From the loop: remember the position, and write when a change is a
    /// few seconds old.
    pub fn autosave(&mut self) {
        if self.screen == Screen::Reader {
            self.cx.remember_position();
        }
        if self.cx.store.as_ref().is_some_and(|s| s.due(SAVE_AFTER)) {
            self.cx.write_state();
        }
    }

    /// Give the reader a store (and select the last document read).
    pub fn set_store(&mut self, store: Store) {
        self.cx.set_store(store);
        if let Some(d) = self.cx.most_recent() {
            self.list.select_doc(d);
        }
    }

    /// The mouse (when `mouse = true`): the wheel scrolls three lines.
    pub fn mouse(&mut self, kind: crossterm::event::MouseEventKind) -> bool {
        let Some(a) = super::keys::wheel(kind) else {
            return false;
        };
        (0..3).fold(false, |changed, _| self.update(a) | changed)
    }
}
