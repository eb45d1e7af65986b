//! Terminal events into ours: the one place a crossterm key event (as
//! `input` parses them) becomes a `config::Key`, which the key table then
//! maps to an action, and the mouse wheel an action.
//!
//! What always holds: key releases are dropped (acting on them doubles
//! every key on Windows, ratatui#347), and so are keys no table can name.

use crate::config::{Action, Key, KeyName};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

// An inherent impl on the core type, here on the terminal side: the loop
// says `Key::from_event`, and `config` stays free of crossterm.
impl Key {
    /// The key of a terminal event; `None` for releases and keys we do not bind.
    pub fn from_event(e: &KeyEvent) -> Option<Key> {
        if e.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = e.modifiers.contains(KeyModifiers::CONTROL);
        let code = match e.code {
            KeyCode::Char(c) => KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::Up => KeyName::Up,
            KeyCode::Down => KeyName::Down,
            KeyCode::Left => KeyName::Left,
            KeyCode::Right => KeyName::Right,
            KeyCode::PageUp => KeyName::PageUp,
            KeyCode::PageDown => KeyName::PageDown,
            KeyCode::Home => KeyName::Home,
            KeyCode::End => KeyName::End,
            KeyCode::Enter => KeyName::Enter,
            KeyCode::Esc => KeyName::Esc,
            KeyCode::Tab => KeyName::Tab,
            KeyCode::BackTab => KeyName::BackTab,
            KeyCode::Backspace => KeyName::Backspace,
            _ => return None,
        };
        Some(Key { code, ctrl })
    }
}

/// What the wheel does (when `mouse = true`): a line down or up.
pub fn wheel(kind: MouseEventKind) -> Option<Action> {
    match kind {
        MouseEventKind::ScrollDown => Some(Action::LineDown),
        MouseEventKind::ScrollUp => Some(Action::LineUp),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_are_dropped_and_ctrl_letters_fold_to_lower_case() {
        let ev = |code, modifiers, kind| KeyEvent {
            code,
            modifiers,
            kind,
            state: crossterm::event::KeyEventState::NONE,
        };
        let press = KeyEventKind::Press;
        assert_eq!(
            Key::from_event(&ev(KeyCode::Char('D'), KeyModifiers::CONTROL, press)),
            Key::parse("ctrl-d").ok()
        );
        assert_eq!(
            Key::from_event(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT, press)),
            Key::parse("G").ok()
        );
        let release = KeyEventKind::Release;
        assert_eq!(
            Key::from_event(&ev(KeyCode::Char('j'), KeyModifiers::NONE, release)),
            None
        );
        assert_eq!(
            Key::from_event(&ev(KeyCode::F(5), KeyModifiers::NONE, press)),
            None
        );
    }
}
