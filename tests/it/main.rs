//! tifa's integration tests, in one binary; the real-terminal ones (tmux,
//! sshd, a pty) are the `e2e` binary, run after this one.
//!
//! Each file here was once its own test binary. Every binary links the crate
//! and all its dependencies, so the 24 of them took 1.5 GB of disk (7.6 GB with
//! full debug info) and most of `cargo test`'s link time; two take a tenth
//! of that. Run one file's tests with `cargo test --test it trends::`.

mod analysis;
mod cli;
#[path = "../common/mod.rs"]
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
mod state;
mod store;
mod themes;
mod trends;
mod tui;
