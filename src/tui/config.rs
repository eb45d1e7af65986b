//! Configuration: `$XDG_CONFIG_HOME/tifa/config.toml`, then command-line
//! flags on top. Unknown keys warn and are ignored; a bad value names its
//! key and falls back to the default. Nothing here stops tifa from
//! starting.

use super::action::Action;
use super::keymap::{Key, Keymap, View};
use crate::cli::{PunctArg, ScriptArg, ViewArgs};
use crate::page::ViewOptions;
use crate::text::layout::{LayoutOptions, Level};
use crate::text::punct::PunctMode;
use crate::text::script::Display;
use crate::text::width::AmbiWidth;
use std::path::{Path, PathBuf};

/// The default text column width, in cells.
pub const DEFAULT_WIDTH: usize = 80;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ambi {
    /// Ask the terminal (the reader), 1 (printing).
    Auto,
    Cells(AmbiWidth),
}

/// The effective configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub theme: String,
    pub ambiwidth: Ambi,
    pub punct: PunctArg,
    pub indent: bool,
    pub width: usize,
    pub script: ScriptArg,
    pub strict: bool,
    pub mouse: bool,
    pub keymap: Keymap,
    /// Keep every file one document (no compilation splitting).
    pub no_split: bool,
    /// Files over this many MB are skipped with a warning.
    pub max_file_mb: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: "default".into(),
            ambiwidth: Ambi::Auto,
            punct: PunctArg::Auto,
            indent: true,
            width: DEFAULT_WIDTH,
            script: ScriptArg::Original,
            strict: false,
            mouse: false,
            keymap: Keymap::default(),
            no_split: false,
            max_file_mb: crate::corpus::DEFAULT_MAX_FILE_SIZE >> 20,
        }
    }
}

/// `$XDG_CONFIG_HOME/tifa`, else `~/.config/tifa`.
pub fn config_dir() -> Option<PathBuf> {
    crate::store::xdg_dir("XDG_CONFIG_HOME", ".config")
}

/// The config file's path.
pub fn config_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join("config.toml"))
}

/// The words the file uses for each choice (parsed and printed alike).
const PUNCT: &[(&str, PunctArg)] = &[
    ("auto", PunctArg::Auto),
    ("keep", PunctArg::Keep),
    ("full", PunctArg::Full),
];
const SCRIPT: &[(&str, ScriptArg)] = &[
    ("original", ScriptArg::Original),
    ("hans", ScriptArg::Hans),
    ("hant", ScriptArg::Hant),
];

/// The choice `value` names, or what it must be.
fn pick<T: Copy>(value: &toml::Value, names: &[(&str, T)]) -> Result<T, String> {
    value
        .as_str()
        .and_then(|s| names.iter().find(|(n, _)| *n == s))
        .map(|&(_, v)| v)
        .ok_or_else(|| {
            let words: Vec<String> = names.iter().map(|(n, _)| format!("\"{n}\"")).collect();
            format!("must be {} (got {value})", words.join(", "))
        })
}

fn name_of<T: PartialEq>(names: &[(&'static str, T)], v: T) -> &'static str {
    names.iter().find(|(_, x)| *x == v).map_or("", |(n, _)| n)
}

const KEYS: &[&str] = &[
    "theme",
    "ambiwidth",
    "punct",
    "indent",
    "width",
    "script",
    "strict",
    "mouse",
    "keys",
    "no_split",
    "max_file_mb",
];

impl Config {
    /// The config file at `path` (missing: defaults), with one warning per
    /// problem, each naming the file.
    pub fn load(path: Option<&Path>) -> (Config, Vec<String>) {
        let mut warnings = Vec::new();
        let Some(path) = path else {
            return (Config::default(), warnings);
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Config::default(), warnings)
            }
            Err(e) => {
                warnings.push(format!(
                    "{}: cannot read it ({e}); using the defaults",
                    path.display()
                ));
                return (Config::default(), warnings);
            }
        };
        let c = Config::parse(&text, &path.display().to_string(), &mut warnings);
        (c, warnings)
    }

    /// Parse config text; `file` names it in warnings.
    pub fn parse(text: &str, file: &str, warnings: &mut Vec<String>) -> Config {
        let mut c = Config::default();
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                let line = e
                    .span()
                    .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
                warnings.push(format!(
                    "{file}{}: {}; using the defaults",
                    line.map(|l| format!(", line {l}")).unwrap_or_default(),
                    e.message().trim()
                ));
                return c;
            }
        };
        let mut warn = |key: &str, msg: String| warnings.push(format!("{file}: `{key}` {msg}"));
        for (key, value) in &table {
            match key.as_str() {
                "theme" => match value.as_str() {
                    Some(s) if !s.trim().is_empty() => c.theme = s.trim().to_string(),
                    _ => warn(key, format!("must be a theme name (got {value}); using default")),
                },
                "ambiwidth" => match value {
                    toml::Value::String(s) if s == "auto" => c.ambiwidth = Ambi::Auto,
                    toml::Value::String(s) if s == "1" || s == "2" => {
                        c.ambiwidth = Ambi::Cells(if s == "1" {
                            AmbiWidth::One
                        } else {
                            AmbiWidth::Two
                        })
                    }
                    toml::Value::Integer(1) => c.ambiwidth = Ambi::Cells(AmbiWidth::One),
                    toml::Value::Integer(2) => c.ambiwidth = Ambi::Cells(AmbiWidth::Two),
                    _ => warn(key, format!("must be \"auto\", 1 or 2 (got {value}); using auto")),
                },
                "punct" => match pick(value, PUNCT) {
                    Ok(p) => c.punct = p,
                    Err(e) => warn(key, format!("{e}; using auto")),
                },
                "indent" | "strict" | "mouse" => match value.as_bool() {
                    Some(b) => match key.as_str() {
                        "indent" => c.indent = b,
                        "strict" => c.strict = b,
                        _ => c.mouse = b,
                    },
                    None => warn(
                        key,
                        format!(
                            "must be true or false (got {value}); using {}",
                            match key.as_str() {
                                "indent" => "true",
                                _ => "false",
                            }
                        ),
                    ),
                },
                "width" => match value.as_integer() {
                    Some(w) if (20..=200).contains(&w) => c.width = w as usize,
                    _ => warn(
                        key,
                        format!(
                            "must be a number of cells from 20 to 200 (got {value}); using {DEFAULT_WIDTH}"
                        ),
                    ),
                },
                "script" => match pick(value, SCRIPT) {
                    Ok(v) => c.script = v,
                    Err(e) => warn(key, format!("{e}; using original")),
                },
                "no_split" => match value.as_bool() {
                    Some(b) => c.no_split = b,
                    None => warn(key, format!("must be true or false (got {value}); using false")),
                },
                "max_file_mb" => match value.as_integer() {
                    Some(n) if n >= 1 => c.max_file_mb = n as u64,
                    _ => warn(
                        key,
                        format!("must be a number of MB, 1 or more (got {value}); using 64"),
                    ),
                },
                "keys" => match value.as_table() {
                    Some(t) => c.keymap = key_overrides(&c.keymap, t, |m| warn("keys", m)),
                    None => warn(key, "must be a table of action = [\"key\", …]".into()),
                },
                other => warn(
                    other,
                    format!("is not a setting (known: {}); ignored", KEYS.join(", ")),
                ),
            }
        }
        c
    }

    /// Command-line flags on top of the file.
    pub fn apply_args(&mut self, args: &ViewArgs) {
        if let Some(w) = args.width {
            self.width = w.max(1);
        }
        if let Some(a) = args.ambiwidth.and_then(AmbiWidth::from_cells) {
            self.ambiwidth = Ambi::Cells(a);
        }
        if let Some(p) = args.punct {
            self.punct = p;
        }
        if args.no_indent {
            self.indent = false;
        }
        if args.strict {
            self.strict = true;
        }
        if let Some(s) = args.script {
            self.script = s;
        }
        if let Some(t) = &args.theme {
            self.theme = t.clone();
        }
    }

    /// View options; an `auto` ambiguous width is 1 here (the reader
    /// probes the terminal instead).
    pub fn view_options(&self) -> ViewOptions {
        ViewOptions {
            layout: LayoutOptions {
                width: self.width.max(1),
                ambi: match self.ambiwidth {
                    Ambi::Auto => AmbiWidth::One,
                    Ambi::Cells(a) => a,
                },
                level: if self.strict {
                    Level::Strict
                } else {
                    Level::Basic
                },
                indent: self.indent,
                hanging: false,
            },
            punct: match self.punct {
                PunctArg::Auto => PunctMode::Auto,
                PunctArg::Keep => PunctMode::Keep,
                PunctArg::Full => PunctMode::Full,
            },
            display: match self.script {
                ScriptArg::Original => Display::Original,
                ScriptArg::Hans => Display::Hans,
                ScriptArg::Hant => Display::Hant,
            },
        }
    }

    /// The configuration as TOML (`--print-config`): every setting and
    /// every key binding, so it can be copied to config.toml and edited.
    pub fn to_toml(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::new();
        out.push_str(&format!("theme = {}\n", q(&self.theme)));
        out.push_str(&format!(
            "ambiwidth = {}\n",
            match self.ambiwidth {
                Ambi::Auto => q("auto"),
                Ambi::Cells(a) => a.cells().to_string(),
            }
        ));
        out.push_str(&format!("punct = {}\n", q(name_of(PUNCT, self.punct))));
        out.push_str(&format!("indent = {}\n", self.indent));
        out.push_str(&format!("width = {}\n", self.width));
        out.push_str(&format!("script = {}\n", q(name_of(SCRIPT, self.script))));
        out.push_str(&format!("strict = {}\n", self.strict));
        out.push_str(&format!("mouse = {}\n", self.mouse));
        out.push_str(&format!("no_split = {}\n", self.no_split));
        out.push_str(&format!("max_file_mb = {}\n", self.max_file_mb));
        for view in [View::List, View::Reader] {
            out.push_str(&format!("\n[keys.{}]\n", view.name()));
            for &a in Action::ALL {
                let keys = self.keymap.keys_for(view, a);
                if keys.is_empty() {
                    continue;
                }
                let list: Vec<String> = keys.iter().map(|k| q(&k.to_string())).collect();
                out.push_str(&format!("{} = [{}]\n", a.name(), list.join(", ")));
            }
        }
        out
    }
}

/// `[keys]`: `action = ["key", …]` for every view that has the action, or
/// `[keys.list]` / `[keys.reader]` for one view. The listed keys replace
/// the action's bindings; a key taken from another action is reported.
fn key_overrides(base: &Keymap, table: &toml::Table, mut warn: impl FnMut(String)) -> Keymap {
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
        match (name.as_str(), value) {
            ("list" | "reader", toml::Value::Table(t)) => {
                let view = if name == "list" {
                    View::List
                } else {
                    View::Reader
                };
                for (action, keys) in t {
                    apply(&[view], action, keys, &mut km);
                }
            }
            _ => {
                // An action for every view that has it bound (both if none).
                let views: Vec<View> = match Action::from_name(name) {
                    Some(a) => {
                        let v: Vec<View> = [View::List, View::Reader]
                            .into_iter()
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
