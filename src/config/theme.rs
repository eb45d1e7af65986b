//! Themes: `themes/*.toml` compiled in, and user themes from
//! `$XDG_CONFIG_HOME/tifa/themes/*.toml`, which add to or override the
//! built-ins by name.
//!
//! A theme sets, for each element (text, headings, boilerplate, search
//! match, …), a foreground and background colour and attributes. Colours
//! are written as one of the 16 ANSI names, an index 0–255 or `#rrggbb`,
//! and reduced to what the terminal shows (`ColorDepth`). An element a
//! theme leaves out is taken from the theme it `inherits` (`default` when
//! not said).
//!
//! What always holds: the colours here are ours (`Color`), not the
//! terminal library's, whose serde format has changed under users' themes
//! before; `tui::style` turns a theme into terminal styles.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in themes, in the order `T` cycles through them.
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "solarized-dark",
        include_str!("../../themes/solarized-dark.toml"),
    ),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// A colour as a theme writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawColor")]
pub enum Color {
    /// The terminal's own foreground or background.
    Reset,
    /// One of the 16 ANSI colours (0–15).
    Ansi(u8),
    /// An index into the 256-colour palette.
    Indexed(u8),
    Rgb(u8, u8, u8),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawColor {
    Index(i64),
    Text(String),
}

/// The ANSI names, by index.
pub const ANSI_NAMES: [&str; 16] = [
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright-black",
    "bright-red",
    "bright-green",
    "bright-yellow",
    "bright-blue",
    "bright-magenta",
    "bright-cyan",
    "bright-white",
];

impl TryFrom<RawColor> for Color {
    type Error = String;

    fn try_from(raw: RawColor) -> Result<Color, String> {
        match raw {
            RawColor::Index(i) => u8::try_from(i)
                .map(Color::Indexed)
                .map_err(|_| format!("colour index {i} is out of range: use 0–255")),
            RawColor::Text(s) => Color::parse(&s),
        }
    }
}

impl Color {
    pub fn parse(s: &str) -> Result<Color, String> {
        let t = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        if t == "default" || t == "reset" {
            return Ok(Color::Reset);
        }
        if let Some(hex) = t.strip_prefix('#') {
            if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                let v = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
                return Ok(Color::Rgb(v(0), v(2), v(4)));
            }
            return Err(format!("colour {s:?} is not #rrggbb"));
        }
        let alias = match t.as_str() {
            "gray" | "grey" | "dark-gray" | "dark-grey" => "bright-black",
            "light-gray" | "light-grey" => "white",
            other => other,
        };
        if let Some(i) = ANSI_NAMES.iter().position(|n| *n == alias) {
            return Ok(Color::Ansi(i as u8));
        }
        if let Ok(i) = t.parse::<u8>() {
            return Ok(Color::Indexed(i));
        }
        Err(format!(
            "unknown colour {s:?}: use an ANSI name ({}), an index 0–255 or #rrggbb",
            ANSI_NAMES.join(", ")
        ))
    }
}

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorDepth {
    Ansi16,
    Indexed256,
    TrueColor,
}

impl ColorDepth {
    /// From COLORTERM and TERM: truecolour when COLORTERM says so, 256 when
    /// TERM ends in `256color`, else 16.
    pub fn detect(colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        let ct = colorterm.unwrap_or("").to_ascii_lowercase();
        if ct == "truecolor" || ct == "24bit" {
            return ColorDepth::TrueColor;
        }
        if term.is_some_and(|t| t.ends_with("256color")) {
            return ColorDepth::Indexed256;
        }
        ColorDepth::Ansi16
    }

    pub fn from_env() -> ColorDepth {
        ColorDepth::detect(
            std::env::var("COLORTERM").ok().as_deref(),
            std::env::var("TERM").ok().as_deref(),
        )
    }
}

/// xterm's default RGB for the 16 ANSI colours.
const ANSI_RGB: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The RGB of palette entry `i` (xterm's palette).
pub fn palette_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI_RGB[i as usize],
        16..=231 => {
            let k = i - 16;
            (
                CUBE[(k / 36) as usize],
                CUBE[(k / 6 % 6) as usize],
                CUBE[(k % 6) as usize],
            )
        }
        _ => {
            let g = 8 + 10 * (i - 232);
            (g, g, g)
        }
    }
}

fn dist(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    // Weighted for the eye (red 3, green 4, blue 2).
    let d = |x: u8, y: u8| (x as i32 - y as i32).pow(2) as u32;
    3 * d(a.0, b.0) + 4 * d(a.1, b.1) + 2 * d(a.2, b.2)
}

fn nearest(rgb: (u8, u8, u8), range: std::ops::RangeInclusive<u8>) -> u8 {
    range
        .min_by_key(|&i| dist(rgb, palette_rgb(i)))
        .unwrap_or(0)
}

impl Color {
    /// The colour this terminal can show.
    pub fn reduce(self, depth: ColorDepth) -> Color {
        match (self, depth) {
            (Color::Reset | Color::Ansi(_), _) => self,
            (_, ColorDepth::TrueColor) => self,
            (Color::Indexed(i), _) if i < 16 => Color::Ansi(i),
            (Color::Indexed(_), ColorDepth::Indexed256) => self,
            (Color::Indexed(i), ColorDepth::Ansi16) => Color::Ansi(nearest(palette_rgb(i), 0..=15)),
            (Color::Rgb(r, g, b), ColorDepth::Indexed256) => {
                // The cube and grey ramp only: entries 0–15 vary between
                // terminals' palettes.
                Color::Indexed(nearest((r, g, b), 16..=255))
            }
            (Color::Rgb(r, g, b), ColorDepth::Ansi16) => Color::Ansi(nearest((r, g, b), 0..=15)),
        }
    }
}

/// The look of one element.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub fg: Option<Color>,
    pub bg: Option<Color>,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub dim: bool,
    #[serde(default)]
    pub italic: bool,
    #[serde(default)]
    pub underline: bool,
    #[serde(default)]
    pub reverse: bool,
}

impl Spec {
    /// Visible without colour: bold, underline or reverse.
    pub fn marked_without_colour(&self) -> bool {
        self.bold || self.underline || self.reverse
    }

    pub fn has_colour(&self) -> bool {
        self.fg.is_some() || self.bg.is_some()
    }
}

macro_rules! elements {
    ($( $(#[doc = $doc:literal])* $name:ident, )*) => {
        /// A theme file: every element optional.
        #[derive(Clone, Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct ThemeFile {
            /// The theme elements left out are taken from (default: `default`).
            pub inherits: Option<String>,
            $( $(#[doc = $doc])* pub $name: Option<Spec>, )*
        }

        /// A theme with every element set.
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct Theme {
            pub name: String,
            $( $(#[doc = $doc])* pub $name: Spec, )*
        }

        impl Theme {
            /// Every element, by name (for tests and checks).
            pub fn elements(&self) -> Vec<(&'static str, Spec)> {
                vec![$((stringify!($name), self.$name),)*]
            }

            /// `file` on top of `base`.
            fn patched(base: &Theme, name: &str, file: &ThemeFile) -> Theme {
                Theme {
                    name: name.to_string(),
                    $( $name: file.$name.unwrap_or(base.$name), )*
                }
            }
        }
    };
}

elements! {
    /// Body text (and the background of the whole screen).
    text,
    /// Document titles.
    title,
    /// Headings: 一、 level.
    heading1,
    /// （一） level.
    heading2,
    /// Deeper headings.
    heading3,
    /// Page furniture: footers, "来源", navigation.
    boilerplate,
    /// Redaction marks (`*`, `×`, `〔*〕`).
    redaction,
    /// Matched characters of a slogan or sentence, and the phrase in context.
    slogan,
    /// Found text in the reader.
    search,
    /// The current match.
    search_current,
    /// The selected row.
    selection,
    /// The status line.
    status,
    /// Panel borders.
    border,
    /// Panels (outline, help, bookmarks).
    panel,
    /// Counts, dates and breadcrumbs beside the text.
    meta,
    /// Secondary text (hints, "building the index").
    muted,
    /// The pinned heading at the top of the screen.
    sticky,
    /// The section being read, in the outline.
    current,
    /// The trend chart's first slogan (its line, markers and legend);
    /// each slogan also has its own marker, so colour is never the only
    /// difference.
    series1,
    /// The chart's second slogan.
    series2,
    /// The chart's third slogan.
    series3,
    /// The chart's fourth slogan.
    series4,
}

/// A theme file that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeError {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "theme {}, line {l}: {}", self.file, self.message)?,
            None => write!(f, "theme {}: {}", self.file, self.message)?,
        }
        f.write_str("; using the default theme for it")
    }
}

/// Parse a theme file's text; `file` names it in errors.
pub fn parse_file(text: &str, file: &str) -> Result<ThemeFile, ThemeError> {
    toml::from_str::<ThemeFile>(text).map_err(|e| ThemeError {
        file: file.to_string(),
        line: e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1),
        message: e.message().trim().to_string(),
    })
}

/// Every theme tifa knows: the built-ins, then user themes.
#[derive(Clone, Debug)]
pub struct Themes {
    /// Names in cycling order.
    pub names: Vec<String>,
    files: BTreeMap<String, ThemeFile>,
    /// The built-in default, complete: what every theme rests on (a user
    /// `default.toml` patches it).
    root: Theme,
    /// Theme files that could not be read, one message each.
    pub errors: Vec<ThemeError>,
}

impl Themes {
    /// The built-in themes only.
    pub fn builtin() -> Themes {
        let mut t = Themes {
            names: Vec::new(),
            files: BTreeMap::new(),
            root: Theme::default(),
            errors: Vec::new(),
        };
        for (name, text) in BUILTIN {
            let f = parse_file(text, &format!("themes/{name}.toml"))
                .unwrap_or_else(|e| panic!("built-in theme {name} parses: {e}"));
            t.add(name, f);
        }
        t.root = Theme::patched(&Theme::default(), "default", &t.files["default"]);
        t
    }

    /// The built-ins and the `*.toml` files of `dir`, which override a
    /// built-in of the same name. A broken file is reported, and its name
    /// stands for the default theme.
    pub fn load(dir: Option<&Path>) -> Themes {
        let mut t = Themes::builtin();
        let Some(dir) = dir else { return t };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return t;
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        for p in paths {
            let Some(name) = p.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let shown = p.display().to_string();
            let parsed = std::fs::read(&p)
                .map_err(|e| ThemeError {
                    file: shown.clone(),
                    line: None,
                    message: e.to_string(),
                })
                .and_then(|bytes| {
                    String::from_utf8(bytes).map_err(|_| ThemeError {
                        file: shown.clone(),
                        line: None,
                        message: "not UTF-8 text".into(),
                    })
                })
                .and_then(|text| parse_file(&text, &shown));
            match parsed {
                Ok(f) => t.add(&name, f),
                Err(e) => {
                    t.errors.push(e);
                    t.add(&name, ThemeFile::default());
                }
            }
        }
        t
    }

    fn add(&mut self, name: &str, file: ThemeFile) {
        if !self.names.iter().any(|n| n == name) {
            self.names.push(name.to_string());
        }
        self.files.insert(name.to_string(), file);
    }

    pub fn contains(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// The theme `name` with its inherited elements filled in; `None` when
    /// there is no such theme.
    pub fn get(&self, name: &str) -> Option<Theme> {
        self.resolve(name, 0)
    }

    fn resolve(&self, name: &str, depth: usize) -> Option<Theme> {
        let file = self.files.get(name)?;
        let parent = file.inherits.as_deref().unwrap_or("default");
        let base = if name == "default" && parent == "default" || depth > 8 {
            self.root.clone()
        } else if parent == name {
            return None;
        } else {
            self.resolve(parent, depth + 1)
                .or_else(|| self.resolve("default", depth + 1))?
        };
        Some(Theme::patched(&base, name, file))
    }

    /// The theme after `name` in cycling order.
    pub fn next_after(&self, name: &str) -> &str {
        let i = self.names.iter().position(|n| n == name).unwrap_or(0);
        &self.names[(i + 1) % self.names.len()]
    }
}

/// Where user themes live: `$XDG_CONFIG_HOME/tifa/themes`.
pub fn user_dir() -> Option<PathBuf> {
    super::config_dir().map(|d| d.join("themes"))
}

/// The theme to start with: `mono` under NO_COLOR, else the configured one
/// if it exists, else `default` with a warning.
pub fn choose(themes: &Themes, wanted: &str, no_color: bool) -> (String, Option<String>) {
    if no_color {
        return ("mono".into(), None);
    }
    if themes.contains(wanted) {
        return (wanted.into(), None);
    }
    (
        "default".into(),
        Some(format!(
            "no theme {wanted:?} (there are {}); using default",
            themes.names.join(", ")
        )),
    )
}
