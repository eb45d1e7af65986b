//! tifa: a terminal reader for Chinese policy documents.
//!
//! Layers (data flows down, never back up):
//! `corpus` (bytes → documents) → `outline` (numbered sections) →
//! `slogans` / `search` → `analysis` (trends, comparison, concordance) →
//! `tui` / `cli`, with `text` (width, layout, script, punctuation) used by
//! all, and `config` (the file, defaults, key table, themes) read by `cli`
//! and `tui`, importing neither. The core modules never import ratatui or
//! crossterm; only `tui` talks to the terminal.

pub mod analysis;
pub mod bytes;
pub mod cli;
pub mod cli_analysis;
pub mod cli_find;
pub mod cli_index;
pub mod config;
pub mod corpus;
pub mod index;
pub mod outline;
pub mod page;
pub mod search;
pub mod slogans;
pub mod store;
pub mod text;
pub mod tui;
