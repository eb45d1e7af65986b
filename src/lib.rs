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

/// The allocator of every program built on this library (the binary, the
/// benches, the tests): mimalloc, whose per-thread free lists suit what
/// indexing does on both cores (millions of short strings, token and hit
/// vectors made and dropped per paragraph, maps merged across threads).
/// See the README's performance section for what it changed.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's option `purge_delay` (its place in `mi_option_e`, which
/// libmimalloc-sys does not name; a test checks it is that option).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Give freed memory back to the system 2 ms after it is freed rather than
/// mimalloc's 1 s: a cold index of 105 MB then peaks within a few percent
/// of the system allocator (1.92 GB against 1.87; 2.03 with the default)
/// for a few percent more system time. Call once, first thing in `main`.
pub fn tune_allocator() {
    // SAFETY: sets a plain integer option; mimalloc reads options on use.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 2) };
}

#[cfg(test)]
mod allocator_tests {
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // Its default (1000 ms) is no other option's near it.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reads a plain integer option.
            let v = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
            assert!(v == 1000 || v == 2, "{v}");
        }
        super::tune_allocator();
        // SAFETY: as above.
        let v = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(v, 2);
    }
}
