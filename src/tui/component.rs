//! The one small trait every screen and overlay implements, and what a
//! screen hands back to the router (`Outcome`).
//!
//! The shape is gitui's components and helix's compositor layers: a screen
//! owns its state, reads its keys (`key`) and the actions of the key table
//! (`action`), and draws itself (`draw`), given the `Context` the screens
//! share. It never reaches into another screen: opening, closing and
//! moving between screens is asked of the router with an `Outcome`.
//!
//! What always holds: `draw` only reads; keys go to the topmost screen
//! that takes keys, actions go down the screens that are up until one takes
//! them, and the router alone decides which screens are up.

use super::context::Context;
use super::reading::Place;
use crate::config::{Action, Key, View};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A screen, or an overlay over one.
pub trait Component {
    /// The key table its keys are looked up in (and help lists).
    fn view(&self) -> View;

    /// Does it take the keys while it is up? (The outline beside the text
    /// leaves them to the text until it is focused.)
    fn takes_keys(&self) -> bool {
        true
    }

    /// A key, before the key table: typing, and keys of its own.
    /// `Ignored` looks the key up in the table and sends on the action.
    fn key(&mut self, cx: &mut Context, key: Key) -> Outcome {
        let _ = (cx, key);
        Outcome::Ignored
    }

    /// An action from the key table (or the router's caller). `Ignored`
    /// passes it to the screen below.
    fn action(&mut self, cx: &mut Context, action: Action) -> Outcome {
        let _ = (cx, action);
        Outcome::Ignored
    }

    /// Draw into `area` (the whole screen; an overlay picks its part).
    fn draw(&self, cx: &Context, buf: &mut Buffer, area: Rect);
}

/// The base screens: the one the others are drawn over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    List,
    Reader,
    /// The slogan or sentence finder.
    Finder,
    /// The trend chart of up to four slogans.
    Trend,
    /// Two documents compared.
    Compare,
}

/// The screens one opens over the base screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Outline,
    Bookmarks,
    /// Typing a new bookmark's name.
    Naming,
    Help,
}

/// What a screen asks of the router.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not this screen's: the key goes to the key table, the action to the
    /// screen below.
    Ignored,
    /// Handled here; whether anything visible changed.
    Done(bool),
    /// Close this screen (an overlay, or the finder: back to where it was
    /// opened from).
    Close,
    /// Open an overlay over the reader (or help over anything).
    Open(Overlay),
    /// Make this base screen the one up.
    Show(Screen),
    /// Read document `d`, where it was left.
    Read(usize),
    /// Read a place (from a finder).
    ReadAt(Place),
    /// Jump the reader to section `section`, after closing the outline
    /// (`close`) or laying the text out again beside it.
    Section {
        section: usize,
        close: bool,
    },
    /// Chart slogan `i`'s use by year (a new trend screen over this one).
    Trend(usize),
    /// Compare documents A and B.
    Compare(usize, usize),
    /// Slogan `i` was picked (a finder opened to pick one hands it to the
    /// screen that opened it; the router never sees it).
    Pick(usize),
    Quit,
    Suspend,
}
