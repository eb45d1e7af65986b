//! Styles for each kind of text. Colour when the terminal may have it;
//! with NO_COLOR, every highlight stays visible through bold, dim, reverse
//! and underline alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Debug)]
pub struct Styles {
    pub text: Style,
    pub title: Style,
    pub headings: [Style; 3],
    pub boiler: Style,
    pub redaction: Style,
    pub status: Style,
    pub selection: Style,
    pub panel: Style,
    pub dim: Style,
    pub dim_meta: Style,
    /// Added to the pinned heading.
    pub sticky: Style,
    /// The section being read, in the outline.
    pub current: Style,
    pub border: Style,
    /// Found text, and the current match.
    pub search: Style,
    pub search_current: Style,
}

impl Styles {
    /// Styles for this terminal: `mono` when NO_COLOR is set (to anything).
    pub fn current() -> Styles {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Styles::mono()
        } else {
            Styles::color()
        }
    }

    pub fn color() -> Styles {
        Styles {
            text: Style::default(),
            title: Style::default()
                .add_modifier(Modifier::BOLD)
                .fg(Color::Yellow),
            headings: [
                Style::default()
                    .add_modifier(Modifier::BOLD)
                    .fg(Color::Cyan),
                Style::default()
                    .add_modifier(Modifier::BOLD)
                    .fg(Color::Green),
                Style::default().add_modifier(Modifier::BOLD),
            ],
            boiler: Style::default().add_modifier(Modifier::DIM),
            redaction: Style::default()
                .fg(Color::Magenta)
                .add_modifier(Modifier::UNDERLINED),
            status: Style::default().add_modifier(Modifier::REVERSED),
            selection: Style::default().add_modifier(Modifier::REVERSED),
            panel: Style::default().bg(Color::Black).fg(Color::White),
            dim: Style::default().add_modifier(Modifier::DIM),
            dim_meta: Style::default().fg(Color::DarkGray),
            sticky: Style::default().add_modifier(Modifier::UNDERLINED),
            current: Style::default()
                .add_modifier(Modifier::BOLD)
                .fg(Color::Yellow),
            border: Style::default().fg(Color::DarkGray),
            search: Style::default().bg(Color::Yellow).fg(Color::Black),
            search_current: Style::default()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Styles {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        Styles {
            text: Style::default(),
            title: bold.add_modifier(Modifier::UNDERLINED),
            headings: [bold.add_modifier(Modifier::UNDERLINED), bold, bold],
            boiler: Style::default().add_modifier(Modifier::DIM),
            redaction: Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            status: Style::default().add_modifier(Modifier::REVERSED),
            selection: Style::default().add_modifier(Modifier::REVERSED),
            panel: Style::default(),
            dim: Style::default().add_modifier(Modifier::DIM),
            dim_meta: Style::default(),
            sticky: Style::default().add_modifier(Modifier::UNDERLINED),
            current: Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border: Style::default(),
            search: Style::default().add_modifier(Modifier::REVERSED),
            search_current: Style::default()
                .add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
        }
    }

    /// The style of a heading at depth `level` (1 = top).
    pub fn heading(&self, level: usize) -> Style {
        self.headings[level.clamp(1, 3) - 1]
    }
}
