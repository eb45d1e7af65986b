//! `tifa index`: build or update the on-disk index, with a progress bar on
//! stderr when it is a terminal; `--status` says how the index stands.

use crate::cli::LoadArgs;
use crate::index::{self, Library, Progress};
use crate::search::Candidates;
use crate::slogans::SloganIndex;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// A progress bar on stderr, drawn only when stderr is a terminal.
pub struct Bar(ProgressBar);

impl Bar {
    pub fn new() -> Bar {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template("{msg:>20} {bar:30} {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar(bar)
    }
}

impl Default for Bar {
    fn default() -> Self {
        Bar::new()
    }
}

impl Progress for Bar {
    fn start(&self, what: &str, total: u64) {
        self.0.set_message(what.to_string());
        self.0.set_length(total);
        self.0.set_position(0);
    }
    fn inc(&self, n: u64) {
        self.0.inc(n);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

fn mb(b: u64) -> String {
    format!("{:.1} MB", b as f64 / 1e6)
}

/// `tifa index [--status]`.
pub fn index(
    paths: &[PathBuf],
    load: &LoadArgs,
    status: bool,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let opts = index::Options {
        load: load.options(),
        no_cache: load.no_cache,
        root: None,
    };
    if status {
        let st = match index::status(paths, &opts) {
            Ok(st) => st,
            Err(e) => {
                eprintln!("tifa: {e}");
                return Ok(2);
            }
        };
        writeln!(out, "index:    {}", st.dir.display())?;
        if st.updated == 0 {
            writeln!(out, "state:    not built yet (run `tifa index`)")?;
        } else {
            let ago = index_age(st.updated);
            writeln!(out, "updated:  {ago}")?;
        }
        writeln!(
            out,
            "files:    {} indexed: {} fresh, {} changed; {} new, {} removed since",
            st.indexed, st.fresh, st.changed, st.new, st.removed
        )?;
        let fresh = st.changed + st.new + st.removed == 0 && st.updated > 0;
        writeln!(
            out,
            "size:     {} in all: documents {}, search ({} shards) {}, slogans {}{}",
            mb(st.segment_bytes + st.shard_bytes + st.slogan_bytes + st.catalog_bytes),
            mb(st.segment_bytes),
            st.shards,
            mb(st.shard_bytes),
            mb(st.slogan_bytes),
            if st.slogans { "" } else { " (not built)" }
        )?;
        writeln!(
            out,
            "{}",
            if fresh {
                "fresh:    yes"
            } else {
                "fresh:    no (the next tifa command, or `tifa index`, updates what changed)"
            }
        )?;
        return Ok(0);
    }
    if paths.is_empty() {
        eprintln!("tifa: the built-in corpus is not indexed (it is small); give --corpus PATH");
        return Ok(2);
    }
    let started = Instant::now();
    let bar = Bar::new();
    let lib = Library::open(paths, &opts, &bar);
    // An update of a few files keeps freed memory for reuse.
    let r = lib.report();
    if r.parsed * 10 < r.files {
        crate::untune_allocator();
    }
    for w in &lib.corpus.warnings {
        bar.0.suspend(|| eprintln!("tifa: warning: {w}"));
    }
    // The slogans to make need the segmenter (about 0.15 s to make): made
    // beside the sentences.
    let warm = !lib.slogans_kept() && lib.cached();
    let (sentences, ()) = rayon::join(
        || lib.sentences(&bar),
        || {
            if warm {
                crate::slogans::warm_up();
            }
        },
    );
    let slogans = lib.slogans(&bar);
    drop(bar);
    say_late(&lib);
    if !lib.cached() {
        eprintln!("tifa: built in memory only (no cache)");
    }
    let r = lib.report();
    writeln!(
        out,
        "documents: {:>8} from {} files ({} read and parsed) in {:.2} s",
        lib.corpus.docs.len(),
        r.files,
        r.parsed,
        r.open_secs
    )?;
    writeln!(
        out,
        "sentences: {:>8} in {} shards ({} made) in {:.2} s",
        sentences.len(),
        r.shards,
        r.shards_made,
        r.sentences_secs
    )?;
    writeln!(
        out,
        "slogans:   {:>8} ({}; statistics of {} files computed{}) in {:.2} s",
        slogans.slogans.len(),
        if r.slogans_made {
            "index made"
        } else {
            "index read"
        },
        r.stats_made,
        match r.stats_updated {
            Some((out, added)) => format!("; kept sum: {out} files out, {added} in"),
            None => String::new(),
        },
        r.slogans_secs
    )?;
    if r.slogans_made {
        writeln!(
            out,
            "           statistics {:.2} s, selection {:.2} s, locating {:.2} s, assembling {:.2} s \
             (hits kept for {} files, {} located; {} new patterns looked for in {} documents; {})",
            r.stats_secs,
            r.select_secs,
            r.locate_secs,
            r.assemble_secs,
            r.hits.kept,
            r.hits.located,
            r.hits.new_patterns,
            r.hits.new_docs,
            if r.hits.new_base {
                "kept as a new base"
            } else {
                "kept beside the base"
            }
        )?;
    }
    writeln!(out, "indexed in {:.2} s", started.elapsed().as_secs_f64())?;
    // The process ends here: its memory (millions of occurrences, the
    // mapped files) goes with it, without being freed piece by piece.
    std::mem::forget((slogans, sentences, lib));
    Ok(0)
}

fn index_age(updated: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let s = now.saturating_sub(updated);
    match s {
        0..=119 => format!("{s} s ago"),
        120..=7199 => format!("{} min ago", s / 60),
        7200..=172_799 => format!("{} h ago", s / 3600),
        _ => format!("{} days ago", s / 86_400),
    }
}

/// The library's slogan index, with a progress bar on a terminal's stderr
/// while it is made; the cache problems met are said after.
pub fn slogans(lib: &Library) -> Arc<SloganIndex> {
    let ix = lib.slogans(&Bar::new());
    say_late(lib);
    ix
}

/// The library's sentence candidates, the same way.
pub fn sentences(lib: &Library) -> Arc<Candidates> {
    let s = lib.sentences(&Bar::new());
    say_late(lib);
    s
}

/// Say the cache problems met since they were last said.
pub fn say_late(lib: &Library) {
    for w in lib.take_warnings() {
        eprintln!("tifa: warning: {w}");
    }
}
