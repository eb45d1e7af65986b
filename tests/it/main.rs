//! tifa's integration tests, in one binary.
//!
//! Each file here was once its own test binary. Every binary links the crate
//! and all its dependencies, so the 24 of them took 1.5 GB of disk (7.6 GB with
//! full debug info) and most of `cargo test`'s link time; one binary takes a
//! tenth of that. Run one file's tests with `cargo test --test it trends::`.

mod analysis;
mod cli;
mod common;
mod corpus;
mod documents;
mod find;
mod finder;
mod index;
mod layout_corpus;
mod layout_rules;
mod outline;
mod search;
mod sections;
mod slogan_shapes;
mod slogan_stats;
mod slogans;
mod slow_link;
mod ssh_e2e;
mod state;
mod stdin_e2e;
mod store;
mod themes;
mod tmux_e2e;
mod trends;
mod tui;
