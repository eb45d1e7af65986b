//! Styles for each kind of text, made from a theme (`config::theme`) for
//! the colours this terminal shows. With NO_COLOR the theme is `mono`, whose
//! highlights stay visible through bold, reverse and underline alone.
//!
//! What always holds: this is the only place a theme's colours become
//! ratatui's.

use crate::config::theme::{Color, ColorDepth, Spec, Theme, Themes};
use ratatui::style::{Color as RColor, Modifier, Style};

#[derive(Clone, Debug)]
pub struct Styles {
    /// The theme these came from.
    pub theme: String,
    pub text: Style,
    pub title: Style,
    pub headings: [Style; 3],
    pub boiler: Style,
    pub redaction: Style,
    pub status: Style,
    pub selection: Style,
    pub panel: Style,
    /// Secondary text.
    pub dim: Style,
    /// Counts, dates, breadcrumbs.
    pub dim_meta: Style,
    /// Added to the pinned heading.
    pub sticky: Style,
    /// The section being read, in the outline.
    pub current: Style,
    pub border: Style,
    /// Found text, and the current match.
    pub search: Style,
    pub search_current: Style,
    /// Matched characters in the finder, the phrase in context.
    pub slogan: Style,
    /// The trend chart's slogans, in order.
    pub series: [Style; 4],
}

/// Is NO_COLOR set (to anything but empty)?
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Styles {
    pub fn new(theme: &Theme, depth: ColorDepth) -> Styles {
        let s = |spec: Spec| style_of(&spec, depth);
        Styles {
            theme: theme.name.clone(),
            text: s(theme.text),
            title: s(theme.title),
            headings: [s(theme.heading1), s(theme.heading2), s(theme.heading3)],
            boiler: s(theme.boilerplate),
            redaction: s(theme.redaction),
            status: s(theme.status),
            selection: s(theme.selection),
            panel: s(theme.panel),
            dim: s(theme.muted),
            dim_meta: s(theme.meta),
            sticky: s(theme.sticky),
            current: s(theme.current),
            border: s(theme.border),
            search: s(theme.search),
            search_current: s(theme.search_current),
            slogan: s(theme.slogan),
            series: [
                s(theme.series1),
                s(theme.series2),
                s(theme.series3),
                s(theme.series4),
            ],
        }
    }

    /// The built-in theme `name` (tests; the reader goes through config).
    pub fn builtin(name: &str, depth: ColorDepth) -> Styles {
        let themes = Themes::builtin();
        let theme = themes.get(name).unwrap_or_default();
        Styles::new(&theme, depth)
    }

    /// The style of a heading at depth `level` (1 = top).
    pub fn heading(&self, level: usize) -> Style {
        self.headings[level.clamp(1, 3) - 1]
    }
}

/// A theme element as a ratatui style, its colours reduced to `depth`.
pub fn style_of(spec: &Spec, depth: ColorDepth) -> Style {
    let mut s = Style::default();
    if let Some(c) = spec.fg {
        s = s.fg(ratatui_color(c.reduce(depth)));
    }
    if let Some(c) = spec.bg {
        s = s.bg(ratatui_color(c.reduce(depth)));
    }
    let mut m = Modifier::empty();
    for (on, flag) in [
        (spec.bold, Modifier::BOLD),
        (spec.dim, Modifier::DIM),
        (spec.italic, Modifier::ITALIC),
        (spec.underline, Modifier::UNDERLINED),
        (spec.reverse, Modifier::REVERSED),
    ] {
        if on {
            m |= flag;
        }
    }
    s.add_modifier(m)
}

fn ratatui_color(c: Color) -> RColor {
    match c {
        Color::Reset => RColor::Reset,
        Color::Ansi(i) => [
            RColor::Black,
            RColor::Red,
            RColor::Green,
            RColor::Yellow,
            RColor::Blue,
            RColor::Magenta,
            RColor::Cyan,
            RColor::Gray,
            RColor::DarkGray,
            RColor::LightRed,
            RColor::LightGreen,
            RColor::LightYellow,
            RColor::LightBlue,
            RColor::LightMagenta,
            RColor::LightCyan,
            RColor::White,
        ][(i & 15) as usize],
        Color::Indexed(i) => RColor::Indexed(i),
        Color::Rgb(r, g, b) => RColor::Rgb(r, g, b),
    }
}
