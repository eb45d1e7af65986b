//! tifa: a terminal reader for Chinese policy documents.
//!
//! Layers (data flows down, never back up):
//! `corpus` (bytes → documents) → `outline` (numbered sections) →
//! `slogans` / `search` → `analysis` (trends, comparison, concordance) →
//! `tui` / `cli`, with `text` (width, layout, script, punctuation) used by all.
//! The core modules (`corpus`, `outline`, `text`, `slogans`, `search`,
//! `analysis`, …) never import ratatui or crossterm; only `tui` talks to the
//! terminal.

pub mod analysis;
pub mod cli;
pub mod cli_analysis;
pub mod cli_find;
pub mod corpus;
pub mod outline;
pub mod page;
pub mod search;
pub mod slogans;
pub mod store;
pub mod text;
pub mod tui;
