//! Styles for each kind of text, made from a theme (`theme.rs`) for the
//! colours this terminal shows. With NO_COLOR the theme is `mono`, whose
//! highlights stay visible through bold, reverse and underline alone.

use super::theme::{ColorDepth, Theme};
use ratatui::style::Style;

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
}

/// Is NO_COLOR set (to anything but empty)?
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Styles {
    pub fn new(theme: &Theme, depth: ColorDepth) -> Styles {
        let s = |spec: super::theme::Spec| spec.style(depth);
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
        }
    }

    /// The built-in theme `name` (tests; the reader goes through config).
    pub fn builtin(name: &str, depth: ColorDepth) -> Styles {
        let themes = super::theme::Themes::builtin();
        let theme = themes.get(name).unwrap_or_default();
        Styles::new(&theme, depth)
    }

    /// The style of a heading at depth `level` (1 = top).
    pub fn heading(&self, level: usize) -> Style {
        self.headings[level.clamp(1, 3) - 1]
    }
}
