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
    // SAFETY: reads and sets a plain integer option; mimalloc reads
    // options on use.
    unsafe {
        // The first call sees the delay as it was; later ones see 2.
        let _ = PURGE_DELAY_WAS.set(libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY));
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 2);
    }
}

/// The purge delay before [`tune_allocator`] first set it.
static PURGE_DELAY_WAS: std::sync::OnceLock<std::ffi::c_long> = std::sync::OnceLock::new();

/// For `tifa index` updating a few files: the purge delay as it was before
/// [`tune_allocator`] (mimalloc's 1 s). Such an update frees and soon wants
/// again memory that 2 ms would give back and fault in anew: 0.1 s of
/// system time in a one-file re-index of 105 MB (0.18–0.32 s against
/// 0.26–0.57 s), for 55 MB more at its peak. Not for the reader or a
/// search, whose memory is what their users see.
pub fn untune_allocator() {
    if let Some(&was) = PURGE_DELAY_WAS.get() {
        // SAFETY: as in tune_allocator.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, was) };
    }
}

#[cfg(test)]
mod allocator_tests {
    #[test]
    fn the_purge_delay_option_is_the_one_set_and_given_back() {
        // SAFETY: reads a plain integer option.
        let get = || unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        let before = get();
        // Its default (1000 ms) is no other option's near it.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert!(before == 1000 || before == 2, "{before}");
        }
        super::tune_allocator();
        assert_eq!(get(), 2);
        // A second call does not take 2 for the delay as it was.
        super::tune_allocator();
        super::untune_allocator();
        let was = *super::PURGE_DELAY_WAS.get().unwrap();
        assert_eq!(get(), was);
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(was, 1000, "the delay as it was is mimalloc's, not ours");
        }
        super::tune_allocator();
        assert_eq!(get(), 2);
    }
}
