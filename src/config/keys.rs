//! Key bindings as data: a default table compiled in from `keymap.toml`,
//! the `[keys]` table of config.toml on top of it, and one place
//! (`Keymap::action`) that turns a key into an action per view.
//!
//! What always holds: `Key` is ours, not the terminal library's — it parses
//! from and prints to the same text the tables use, and the terminal side
//! (`tui::input`) translates its events into it; nothing here knows a
//! terminal.

use super::action::Action;
use std::collections::BTreeMap;
use std::fmt;

/// The views that have their own bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum View {
    List,
    Reader,
    /// The slogan finder (letters type the query).
    Slogans,
    /// A slogan's occurrence list (the concordance).
    Occurrences,
    /// The trend chart.
    Trend,
    /// Two documents compared.
    Compare,
}

impl View {
    /// Every view, in the order `--print-config` writes them.
    pub const ALL: &'static [View] = &[
        View::List,
        View::Reader,
        View::Slogans,
        View::Occurrences,
        View::Trend,
        View::Compare,
    ];

    pub fn name(self) -> &'static str {
        match self {
            View::List => "list",
            View::Reader => "reader",
            View::Slogans => "slogans",
            View::Occurrences => "occurrences",
            View::Trend => "trend",
            View::Compare => "compare",
        }
    }

    pub fn from_name(name: &str) -> Option<View> {
        View::ALL.iter().copied().find(|v| v.name() == name)
    }
}

/// A key as the table writes it: a char or a named key, maybe with Ctrl.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyName,
    pub ctrl: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    Char(char),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
}

const NAMES: &[(&str, KeyName)] = &[
    ("up", KeyName::Up),
    ("down", KeyName::Down),
    ("left", KeyName::Left),
    ("right", KeyName::Right),
    ("pageup", KeyName::PageUp),
    ("pagedown", KeyName::PageDown),
    ("home", KeyName::Home),
    ("end", KeyName::End),
    ("enter", KeyName::Enter),
    ("esc", KeyName::Esc),
    ("tab", KeyName::Tab),
    ("backtab", KeyName::BackTab),
    ("backspace", KeyName::Backspace),
    ("space", KeyName::Char(' ')),
];

impl Key {
    pub fn parse(s: &str) -> Result<Key, String> {
        let (ctrl, rest) = match s.strip_prefix("ctrl-") {
            Some(r) if !r.is_empty() => (true, r),
            _ => (false, s),
        };
        if let Some((_, k)) = NAMES.iter().find(|(n, _)| *n == rest) {
            return Ok(Key { code: *k, ctrl });
        }
        let mut cs = rest.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) => Ok(Key {
                code: KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
                ctrl,
            }),
            _ => Err(format!(
                "unknown key {s:?}: use one character or one of {}",
                NAMES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            )),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        match self.code {
            KeyName::Char(c) => match NAMES.iter().find(|(_, k)| *k == self.code) {
                Some((n, _)) => f.write_str(n),
                None => write!(f, "{c}"),
            },
            other => f.write_str(
                NAMES
                    .iter()
                    .find(|(_, k)| *k == other)
                    .map_or("?", |(n, _)| n),
            ),
        }
    }
}

/// Keys to actions, per view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    map: BTreeMap<(View, Key), Action>,
}

pub const DEFAULT_KEYMAP: &str = include_str!("keymap.toml");

impl Keymap {
    /// Parse a keymap table (`[view] action = ["key", …]`).
    pub fn parse(text: &str) -> Result<Keymap, String> {
        let table: BTreeMap<String, BTreeMap<String, Vec<String>>> =
            toml::from_str(text).map_err(|e| e.to_string())?;
        let mut map = BTreeMap::new();
        for (view_name, actions) in table {
            let view = View::from_name(&view_name).ok_or_else(|| {
                let names: Vec<String> = View::ALL
                    .iter()
                    .map(|v| format!("[{}]", v.name()))
                    .collect();
                format!("unknown view [{view_name}]: use one of {}", names.join(" "))
            })?;
            for (name, keys) in actions {
                let action = Action::from_name(&name)
                    .ok_or_else(|| format!("unknown action {name:?} in [{view_name}]"))?;
                for k in keys {
                    let key = Key::parse(&k)?;
                    if let Some(prev) = map.insert((view, key), action) {
                        if prev != action {
                            return Err(format!(
                                "key {k:?} in [{view_name}] is bound to both {} and {}",
                                prev.name(),
                                action.name()
                            ));
                        }
                    }
                }
            }
        }
        Ok(Keymap { map })
    }

    /// Bind `action` in `view` to exactly `keys`; returns the (key,
    /// action) pairs that lost a key to it.
    pub fn rebind(&mut self, view: View, action: Action, keys: &[Key]) -> Vec<(Key, Action)> {
        self.map.retain(|(v, _), a| !(*v == view && *a == action));
        let mut stolen = Vec::new();
        for &k in keys {
            if let Some(prev) = self.map.insert((view, k), action) {
                if prev != action {
                    stolen.push((k, prev));
                }
            }
        }
        stolen
    }

    pub fn action(&self, view: View, key: Key) -> Option<Action> {
        self.map.get(&(view, key)).copied()
    }

    /// The keys bound to `action` in `view`, for help.
    pub fn keys_for(&self, view: View, action: Action) -> Vec<Key> {
        self.map
            .iter()
            .filter(|((v, _), a)| *v == view && **a == action)
            .map(|((_, k), _)| *k)
            .collect()
    }
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::parse(DEFAULT_KEYMAP).expect("the built-in keymap parses")
    }
}

/// `[keys]`: `action = ["key", …]` for every view that has the action, or
/// `[keys.list]`, `[keys.reader]`, `[keys.trend]` … for one view. The listed keys replace
/// the action's bindings; a key taken from another action is reported.
pub(super) fn key_overrides(
    base: &Keymap,
    table: &toml::Table,
    mut warn: impl FnMut(String),
) -> Keymap {
    let mut km = base.clone();
    let mut apply = |views: &[View], name: &str, value: &toml::Value, km: &mut Keymap| {
        let Some(action) = Action::from_name(name) else {
            warn(format!("has an unknown action {name:?}; ignored"));
            return;
        };
        let Some(list) = value.as_array() else {
            warn(format!(
                "{name} must be a list of keys, like [\"j\", \"down\"]; ignored"
            ));
            return;
        };
        let mut keys = Vec::new();
        for v in list {
            match v.as_str().map(Key::parse) {
                Some(Ok(k)) => keys.push(k),
                Some(Err(e)) => warn(format!("{name}: {e}; that key is ignored")),
                None => warn(format!("{name}: {v} is not a key name; ignored")),
            }
        }
        for &view in views {
            for stolen in km.rebind(view, action, &keys) {
                warn(format!(
                    "{name}: key {} was bound to {} in [{}]; it now does {name}",
                    stolen.0,
                    stolen.1.name(),
                    view.name()
                ));
            }
        }
    };
    for (name, value) in table {
        match (View::from_name(name), value) {
            (Some(view), toml::Value::Table(t)) => {
                for (action, keys) in t {
                    apply(&[view], action, keys, &mut km);
                }
            }
            _ => {
                // An action for every view that has it bound (both if none).
                let views: Vec<View> = match Action::from_name(name) {
                    Some(a) => {
                        let v: Vec<View> = View::ALL
                            .iter()
                            .copied()
                            .filter(|&v| !base.keys_for(v, a).is_empty())
                            .collect();
                        if v.is_empty() {
                            vec![View::List, View::Reader]
                        } else {
                            v
                        }
                    }
                    None => vec![],
                };
                apply(&views, name, value, &mut km);
            }
        }
    }
    km
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_without_clashes() {
        // parse() rejects a key bound to two actions in one view.
        let km = Keymap::parse(DEFAULT_KEYMAP).unwrap();
        let k = |s| Key::parse(s).unwrap();
        assert_eq!(km.action(View::Reader, k("G")), Some(Action::Bottom));
        assert_eq!(km.action(View::Reader, k("space")), Some(Action::PageDown));
        assert_eq!(km.action(View::List, k("enter")), Some(Action::Open));
        assert_eq!(km.action(View::Reader, k("Q")), Some(Action::Quit));
    }

    #[test]
    fn keys_print_as_they_parse() {
        for s in ["j", "G", "ctrl-d", "pagedown", "space", "?", "+", "esc"] {
            assert_eq!(Key::parse(s).unwrap().to_string(), s);
        }
        assert!(Key::parse("hyper-x").is_err());
    }

    #[test]
    fn clash_is_an_error() {
        let e = Keymap::parse("[reader]\ntop = [\"g\"]\nbottom = [\"g\"]\n").unwrap_err();
        assert!(e.contains("bound to both"), "{e}");
    }
}
