//! Actions: everything the user can ask for. Input becomes an `Action` in
//! one place (the keymap); only `App::update` acts on it. Each variant's doc
//! line is its help text, and its snake_case name is what the keymap file
//! uses.

use serde::{Deserialize, Serialize};

macro_rules! actions {
    ($( $(#[doc = $doc:literal])* $name:ident => $key:literal, )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$name,)*];

            /// The keymap name (`page_down`).
            pub fn name(self) -> &'static str {
                match self { $(Action::$name => $key,)* }
            }

            /// One line of help: the variant's doc comment.
            pub fn help(self) -> &'static str {
                match self { $(Action::$name => concat!($($doc),*).trim_ascii(),)* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($key => Some(Action::$name),)* _ => None }
            }
        }
    };
}

actions! {
    /// Move down one line
    LineDown => "line_down",
    /// Move up one line
    LineUp => "line_up",
    /// Move down one page
    PageDown => "page_down",
    /// Move up one page
    PageUp => "page_up",
    /// Move down half a page
    HalfDown => "half_down",
    /// Move up half a page
    HalfUp => "half_up",
    /// Go to the top (the first year, in the chart)
    Top => "top",
    /// Go to the end (the last year, in the chart)
    Bottom => "bottom",
    /// Open the selected document or use (in the chart: the year's uses)
    Open => "open",
    /// Filter the list by title (fuzzy)
    Filter => "filter",
    /// Cycle the display script: original → 简 → 繁
    CycleScript => "cycle_script",
    /// Widen the text column
    Wider => "wider",
    /// Narrow the text column
    Narrower => "narrower",
    /// Back to the list or the screen before (or close a panel)
    Back => "back",
    /// Quit tifa
    Quit => "quit",
    /// Show every key binding
    Help => "help",
    /// Suspend tifa (fg brings it back)
    Suspend => "suspend",
    /// Next section heading, any level
    NextHeading => "next_heading",
    /// Previous section heading, any level
    PrevHeading => "prev_heading",
    /// Next section at the same level
    NextSibling => "next_sibling",
    /// Previous section at the same level
    PrevSibling => "prev_sibling",
    /// Show or focus the outline
    Outline => "outline",
    /// Jump to a section by number (2.1, 二（一）)
    GotoSection => "goto_section",
    /// Back to where you jumped from
    JumpBack => "jump_back",
    /// Forward again in the jump history
    JumpForward => "jump_forward",
    /// Bookmarks: list (Enter jumps, d deletes); '' back to before the last jump
    Mark => "mark",
    /// Add a bookmark here (type a name, or Enter for the section's)
    AddBookmark => "add_bookmark",
    /// Copy the paragraph (or slogan, occurrence) with its source, by OSC 52
    Copy => "copy",
    /// Next colour theme
    CycleTheme => "cycle_theme",
    /// Find in the document (either script)
    Search => "search",
    /// Next match
    SearchNext => "search_next",
    /// Previous match
    SearchPrev => "search_prev",
    /// Slogans of the corpus, and where each is used
    Slogans => "slogans",
    /// Fuzzy search over every sentence of the corpus
    Sentences => "sentences",
    /// Chart the slogan's use by year (trend)
    Trend => "trend",
    /// Sort the slogans: score → count → documents → first use
    Sort => "sort",
    /// Chart per 10,000 characters or raw counts
    ToggleCounts => "toggle_counts",
    /// Add a slogan to the chart (up to four), picked in the finder
    AddSeries => "add_series",
    /// Remove the selected slogan from the chart
    RemoveSeries => "remove_series",
    /// Select the next slogan of the chart
    NextSeries => "next_series",
    /// Previous year with documents
    PrevYear => "prev_year",
    /// Next year with documents
    NextYear => "next_year",
    /// Mark this document A, then another B, and compare them (again on A unmarks)
    Compare => "compare",
    /// Previous column (new, dropped, kept)
    PrevColumn => "prev_column",
    /// Next column (new, dropped, kept)
    NextColumn => "next_column",
    /// Switch between the slogans and the paired outlines
    SwitchPane => "switch_pane",
}
