//! Analysis: how 提法 move. Trend series over the dated documents, the
//! comparison of two documents, and concordance lines.
//!
//! Plain functions over the corpus, the slogan index and the search
//! candidates; counts of arbitrary text go through
//! [`crate::search::occurrences`], so they work the same on candidates
//! built in memory or mapped from disk. Like every core module, this one
//! imports neither ratatui nor crossterm; [`svg`] draws with plotters'
//! SVG backend only, into a string.

pub mod compare;
pub mod kwic;
pub mod sections;
pub mod svg;
pub mod trend;

pub use compare::{compare, Change, Comparison, DocSlogans};
pub use sections::{pair_sections, Pair};
pub use trend::{Calendar, DocPoint, Trend, YearPoint};
