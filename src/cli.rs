//! The command line: `list`, `outline`, `show`, `slogans`, `search`,
//! `trend`, `compare`, `kwic`, and the reader when no subcommand is given.
//! Flags that configure the view are mapped onto `config::Overrides`; the
//! configuration itself is `config`'s.
//!
//! Scriptable: JSON goes to stdout and nothing else does; warnings go to
//! stderr, one line each, naming the file. Errors are printed once, here,
//! as one line, before any terminal mode is touched.

use crate::config::{config_path, Config, Overrides};
use crate::corpus::{Corpus, Document, LoadOptions, STDIN};
use crate::index::Library;
use crate::outline::Outline;
use crate::page::Page;
use crate::text::punct::PunctMode;
use crate::text::script::Display;
use crate::text::width::AmbiWidth;
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "tifa",
    version,
    about = "A terminal reader for Chinese policy documents",
    long_about = "tifa (提法) reads folders of Chinese speeches and reports in the terminal: \
                  correct Chinese line layout, numbered sections, Simplified or Traditional \
                  display. With no PATH it opens the built-in corpus.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Files or folders to read (default: the built-in corpus); `-` reads
    /// a document piped to standard input.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub load: LoadArgs,
    #[command(flatten)]
    pub view: ViewArgs,
    /// Print the effective configuration (config.toml and flags) as TOML, and exit.
    #[arg(long)]
    pub print_config: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the documents: index, id, title, date, script, size, sections.
    List {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print a document's numbered-section tree.
    Outline {
        /// Document id or 1-based index from `tifa list`; `-`: standard input.
        doc: String,
        #[command(flatten)]
        corpus: CorpusArgs,
        #[arg(long)]
        json: bool,
    },
    /// Print a document laid out exactly as the reader draws it.
    Show {
        /// Document id or 1-based index from `tifa list`; `-`: standard input.
        doc: String,
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Only this section and everything under it (`2.1`).
        #[arg(long)]
        section: Option<String>,
        #[command(flatten)]
        view: ViewArgs,
    },
    /// Build or bring up to date the on-disk index of a corpus (in
    /// $XDG_CACHE_HOME/tifa), or with --status say how it stands.
    Index {
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Say what is cached, how big it is and how fresh; change nothing.
        #[arg(long)]
        status: bool,
    },
    /// List the set phrases (提法) of the corpus, most formulaic first.
    Slogans {
        #[command(flatten)]
        corpus: CorpusArgs,
        #[arg(long)]
        json: bool,
        /// At most N slogans.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Only slogans of this kind.
        #[arg(long, value_enum)]
        kind: Option<crate::cli_find::KindArg>,
        /// Order: score (how formulaic), count, docs, or first (earliest dated use).
        #[arg(long, value_enum, default_value = "score")]
        sort: crate::cli_find::SortArg,
    },
    /// Fuzzy-search slogans and sentences (Simplified or Traditional, or pinyin initials).
    Search {
        /// The query: space-separated terms; 'exact ^prefix suffix$ !exclude.
        query: String,
        #[command(flatten)]
        corpus: CorpusArgs,
        #[arg(long)]
        json: bool,
        /// At most N results.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// What to search.
        #[arg(long = "in", value_enum, default_value = "all")]
        scope: crate::cli_find::ScopeArg,
    },
    /// A text's use over the years of the dated documents (exact, either script).
    Trend {
        /// The texts to count (a chart tells up to four apart).
        #[arg(required = true, value_name = "TEXT")]
        texts: Vec<String>,
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Print JSON: [{"text", "series": [{"year", "count", "chars", "per10k", "docs"}], "first", "last"}].
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print CSV, one row per year (or document) and text.
        #[arg(long)]
        csv: bool,
        /// One point per year, or per dated document.
        #[arg(long, value_enum, default_value = "year")]
        by: crate::cli_analysis::ByArg,
        /// Also write the chart as SVG to FILE.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        /// Chart raw counts, not uses per 10,000 chars.
        #[arg(long)]
        counts: bool,
        /// Only documents of this year and later.
        #[arg(long, value_name = "YEAR")]
        from: Option<i32>,
        /// Only documents of this year and earlier.
        #[arg(long, value_name = "YEAR")]
        to: Option<i32>,
    },
    /// Compare two documents: slogans new in B, dropped since A, kept; the outlines paired.
    Compare {
        /// Document A: id or 1-based index from `tifa list`.
        a: String,
        /// Document B.
        b: String,
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Print JSON: {"new", "dropped", "kept", "sections"}.
        #[arg(long)]
        json: bool,
        /// At most N slogans in each of new, dropped and kept.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Width of the side-by-side outlines, in cells.
        #[arg(long, value_name = "N", default_value_t = 100)]
        width: usize,
    },
    /// Concordance: every occurrence of a phrase (exact, either script) with its context.
    Kwic {
        /// The phrase.
        query: String,
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Print CSV: doc, title, date, section, paragraph, offset, left, match, right.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// Print JSON, the same fields.
        #[arg(long)]
        json: bool,
        /// Chars of context on each side (cut at the paragraph's ends).
        #[arg(long, value_name = "N", default_value_t = 20)]
        context: usize,
    },
}

#[derive(Args, Debug, Clone)]
pub struct CorpusArgs {
    /// A file or folder to read (repeatable; default: the built-in corpus);
    /// `-` reads one document from standard input.
    #[arg(long = "corpus", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub load: LoadArgs,
}

/// How files become documents (config keys `no_split`, `max_file_mb`).
#[derive(Args, Debug, Clone, Default)]
pub struct LoadArgs {
    /// Keep every file one document: do not cut compilations into pieces.
    #[arg(long)]
    pub no_split: bool,
    /// Skip files larger than N MB, with a warning (default 64).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_mb: Option<u64>,
    /// Do not use the on-disk index: read and build everything afresh, in
    /// memory (same answers, slower on big folders).
    #[arg(long)]
    pub no_cache: bool,
}

impl LoadArgs {
    /// The load options: config.toml, then these flags on top. The config
    /// file's warnings are printed where views are made, not here.
    pub fn options(&self) -> LoadOptions {
        let (cfg, _) = Config::load(config_path().as_deref());
        LoadOptions {
            no_split: self.no_split || cfg.no_split,
            max_file_size: self
                .max_file_mb
                .unwrap_or(cfg.max_file_mb)
                .saturating_mul(1 << 20),
        }
    }
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScriptArg {
    Original,
    Hans,
    Hant,
}

#[derive(Args, Debug, Clone)]
pub struct ViewArgs {
    /// Text width in cells.
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Cells for East Asian ambiguous characters (“ ” … —); default: probe the terminal.
    #[arg(long, value_name = "1|2", value_parser = clap::value_parser!(u8).range(1..=2))]
    pub ambiwidth: Option<u8>,
    /// Punctuation restoration: ASCII , : ; ( ) between Han shown full width.
    #[arg(long, value_enum, value_name = "MODE")]
    pub punct: Option<PunctArg>,
    /// No first-line indent for body paragraphs.
    #[arg(long)]
    pub no_indent: bool,
    /// Line-breaking level (strict also keeps a lone — off line starts).
    #[arg(long)]
    pub strict: bool,
    /// Display script.
    #[arg(long, value_enum)]
    pub script: Option<ScriptArg>,
    /// Colour theme: default, light, solarized-dark, high-contrast, mono, or
    /// one of yours in $XDG_CONFIG_HOME/tifa/themes.
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum PunctArg {
    Auto,
    Keep,
    Full,
}

/// Load a corpus, printing its warnings and notes; `None` (after a
/// message) when nothing loaded.
pub fn load(paths: &[PathBuf], args: &LoadArgs) -> Option<Loaded> {
    load_with(paths, args, &crate::index::Quiet).map(Loaded)
}

/// A library opened for one command, which says the cache problems met
/// after the command's output too: a damaged segment may first be read
/// while results are printed (a search's snippets), after the warnings
/// said when its indexes were made.
pub struct Loaded(Library);

impl std::ops::Deref for Loaded {
    type Target = Library;
    fn deref(&self) -> &Library {
        &self.0
    }
}

impl Drop for Loaded {
    fn drop(&mut self) {
        crate::cli_index::say_late(&self.0);
    }
}

/// `load`, telling `progress` how the reading goes.
fn load_with(
    paths: &[PathBuf],
    args: &LoadArgs,
    progress: &dyn crate::index::Progress,
) -> Option<Library> {
    use std::io::IsTerminal;
    let mut paths = paths.to_vec();
    if paths.iter().any(|p| p.as_os_str() == STDIN) && std::io::stdin().is_terminal() {
        eprintln!(
            "tifa: warning: -: standard input is a terminal, not a document; \
             pipe one in (`cat FILE | tifa -`) or give its path"
        );
        paths.retain(|p| p.as_os_str() != STDIN);
        if paths.is_empty() {
            return None;
        }
    }
    let opts = crate::index::Options {
        load: args.options(),
        no_cache: args.no_cache,
        root: None,
    };
    let lib = Library::open(&paths, &opts, progress);
    let corpus = &lib.corpus;
    for w in &corpus.warnings {
        eprintln!("tifa: warning: {w}");
    }
    for n in &corpus.notes {
        eprintln!("tifa: note: {n}");
    }
    if corpus.docs.is_empty() {
        eprintln!(
            "tifa: no documents loaded from {}; give files or folders of .txt/.md, .html \
             or .docx documents (or no path, for the built-in corpus)",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        return None;
    }
    Some(lib)
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("tifa: {e}");
            1
        }
    }
}

impl From<PunctArg> for PunctMode {
    fn from(p: PunctArg) -> PunctMode {
        match p {
            PunctArg::Auto => PunctMode::Auto,
            PunctArg::Keep => PunctMode::Keep,
            PunctArg::Full => PunctMode::Full,
        }
    }
}

impl From<ScriptArg> for Display {
    fn from(s: ScriptArg) -> Display {
        match s {
            ScriptArg::Original => Display::Original,
            ScriptArg::Hans => Display::Hans,
            ScriptArg::Hant => Display::Hant,
        }
    }
}

impl From<&ViewArgs> for Overrides {
    /// The flags, as configuration on top of the file.
    fn from(a: &ViewArgs) -> Overrides {
        Overrides {
            width: a.width,
            ambiwidth: a.ambiwidth.and_then(AmbiWidth::from_cells),
            punct: a.punct.map(Into::into),
            no_indent: a.no_indent,
            strict: a.strict,
            script: a.script.map(Into::into),
            theme: a.theme.clone(),
        }
    }
}

/// The configuration file and `view`'s flags on top; warnings printed.
fn config(view: &ViewArgs) -> Config {
    let (mut cfg, warnings) = Config::load(config_path().as_deref());
    for w in warnings {
        eprintln!("tifa: warning: {w}");
    }
    cfg.apply(&view.into());
    cfg
}

fn run(cli: Cli) -> std::io::Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if cli.print_config {
        let cfg = config(&cli.view);
        out.write_all(cfg.to_toml().as_bytes())?;
        out.flush()?;
        return Ok(0);
    }
    match cli.command {
        None => {
            // The reader: files not in the cache yet are read before the
            // screen opens, with a progress bar on a terminal's stderr.
            let bar = crate::cli_index::Bar::new();
            let loaded = load_with(&cli.paths, &cli.load, &bar);
            drop(bar);
            let Some(corpus) = loaded else {
                return Ok(2);
            };
            drop(out);
            if cli.paths.iter().any(|p| p.as_os_str() == STDIN) {
                if let Err(e) = keys_from_tty() {
                    eprintln!(
                        "tifa: standard input held the document, and there is no terminal to \
                         read keys from (/dev/tty: {e}); use `tifa show -` to print it"
                    );
                    return Ok(2);
                }
            }
            crate::tui::run(corpus, &Overrides::from(&cli.view))
        }
        Some(Command::List { corpus, json }) => {
            let Some(c) = load(&corpus.paths, &corpus.load) else {
                return Ok(2);
            };
            list(&c, json, &mut out)?;
            out.flush()?;
            Ok(0)
        }
        Some(Command::Outline { doc, corpus, json }) => {
            let (paths, doc) = doc_from_stdin(&corpus.paths, &doc);
            let Some(c) = load(&paths, &corpus.load) else {
                return Ok(2);
            };
            let Some(d) = select(&c, &doc) else {
                return Ok(2);
            };
            outline(&c.docs[d], json, &mut out)?;
            out.flush()?;
            Ok(0)
        }
        Some(Command::Show {
            doc,
            corpus,
            section,
            view,
        }) => {
            let (paths, doc) = doc_from_stdin(&corpus.paths, &doc);
            let Some(c) = load(&paths, &corpus.load) else {
                return Ok(2);
            };
            let Some(d) = select(&c, &doc) else {
                return Ok(2);
            };
            let doc = &c.docs[d];
            let ol = Outline::build(doc);
            let range = match &section {
                None => 0..doc.paragraphs.len(),
                Some(path) => match ol.find_path(path) {
                    Some(s) => ol.sections[s].paragraph..ol.sections[s].end,
                    None => {
                        eprintln!(
                            "tifa: {}: no section {path}; `tifa outline {}` lists the sections",
                            doc.id, doc.id
                        );
                        return Ok(2);
                    }
                },
            };
            let page = Page::new(doc, &ol, config(&view).view_options());
            out.write_all(page.plain(range).as_bytes())?;
            out.flush()?;
            Ok(0)
        }
        Some(Command::Index { corpus, status }) => {
            crate::cli_index::index(&corpus.paths, &corpus.load, status, &mut out)
        }
        Some(Command::Slogans {
            corpus,
            json,
            limit,
            kind,
            sort,
        }) => {
            let Some(c) = load(&corpus.paths, &corpus.load) else {
                return Ok(2);
            };
            crate::cli_find::slogans(&c, json, limit, kind.map(Into::into), sort.into(), &mut out)?;
            out.flush()?;
            Ok(0)
        }
        Some(Command::Search {
            query,
            corpus,
            json,
            limit,
            scope,
        }) => {
            let Some(c) = load(&corpus.paths, &corpus.load) else {
                return Ok(2);
            };
            crate::cli_find::search(&c, &query, json, limit, scope, &mut out)?;
            out.flush()?;
            Ok(0)
        }
        Some(Command::Trend {
            texts,
            corpus,
            json,
            csv,
            by,
            svg,
            counts,
            from,
            to,
        }) => {
            let Some(c) = load(&corpus.paths, &corpus.load) else {
                return Ok(2);
            };
            let opts = crate::cli_analysis::TrendOptions {
                format: crate::cli_analysis::Format::of(json, csv),
                by,
                svg,
                counts,
                years: (from, to),
            };
            let code = crate::cli_analysis::trend(&c, &texts, &opts, &mut out)?;
            out.flush()?;
            Ok(code)
        }
        Some(Command::Compare {
            a,
            b,
            corpus,
            json,
            limit,
            width,
        }) => {
            let Some(c) = load(&corpus.paths, &corpus.load) else {
                return Ok(2);
            };
            let (Some(a), Some(b)) = (select(&c, &a), select(&c, &b)) else {
                return Ok(2);
            };
            crate::cli_analysis::compare_docs(&c, a, b, json, limit, width, &mut out)?;
            out.flush()?;
            Ok(0)
        }
        Some(Command::Kwic {
            query,
            corpus,
            csv,
            json,
            context,
        }) => {
            let Some(c) = load(&corpus.paths, &corpus.load) else {
                return Ok(2);
            };
            let format = crate::cli_analysis::Format::of(json, csv);
            let code = crate::cli_analysis::kwic(&c, &query, format, context, &mut out)?;
            out.flush()?;
            Ok(code)
        }
    }
}

/// `tifa show -` / `tifa outline -`: the document is standard input (added
/// to the corpus when not named there), chosen by its id.
fn doc_from_stdin(paths: &[PathBuf], doc: &str) -> (Vec<PathBuf>, String) {
    if doc != STDIN {
        return (paths.to_vec(), doc.to_string());
    }
    let mut paths = paths.to_vec();
    if !paths.iter().any(|p| p.as_os_str() == STDIN) {
        paths.push(PathBuf::from(STDIN));
    }
    (paths, "stdin".to_string())
}

/// After the document came through standard input, take keys from the
/// terminal: open `/dev/tty` and make it fd 0 (what `less` does), so raw
/// mode, the input thread and hang-up detection work unchanged.
fn keys_from_tty() -> std::io::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")?;
        // SAFETY: dup2 on two open descriptors; fd 0 is replaced atomically
        // and `tty` is closed after, leaving fd 0 on the terminal.
        if unsafe { libc::dup2(tty.as_raw_fd(), 0) } < 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }
    #[cfg(not(unix))]
    {
        Err(std::io::Error::other("not supported on this system"))
    }
}

fn select(c: &Corpus, sel: &str) -> Option<usize> {
    let found = c.find(sel);
    if found.is_none() {
        eprintln!(
            "tifa: no document {sel:?}; `tifa list` shows the ids and indexes ({} documents)",
            c.docs.len()
        );
    }
    found
}

#[derive(Serialize)]
struct ListRow<'a> {
    index: usize,
    id: &'a str,
    path: String,
    title: &'a str,
    title_inferred: bool,
    script: &'static str,
    chars: usize,
    paragraphs: usize,
    sections: usize,
    date: Option<&'a str>,
    /// Where the date came from: text, filename, sidecar or meta.
    date_source: Option<&'static str>,
    author: Option<&'a str>,
    encoding: &'static str,
}

fn list_row(i: usize, d: &Document, sections: usize) -> ListRow<'_> {
    ListRow {
        index: i + 1,
        id: &d.id,
        path: d.path.display().to_string(),
        title: &d.title,
        title_inferred: d.title_inferred,
        script: d.script.as_str(),
        chars: d.chars,
        paragraphs: d.paragraphs.count(),
        sections,
        date: d.date.as_deref(),
        date_source: d.date_source.map(|s| s.as_str()),
        author: d.author.as_deref(),
        encoding: d.encoding,
    }
}

fn list(lib: &Library, json: bool, out: &mut impl Write) -> std::io::Result<()> {
    let c = &lib.corpus;
    let rows: Vec<ListRow> = c
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| list_row(i, d, lib.section_count(i)))
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        writeln!(out)?;
        return Ok(());
    }
    for r in rows {
        writeln!(
            out,
            "{:>3}  {}  {:<10}  {:>6}字  {:>3}节  {}  [{}]",
            r.index,
            crate::text::script::Script::badge(c.docs[r.index - 1].script),
            r.date.unwrap_or("-"),
            r.chars,
            r.sections,
            r.title,
            r.id
        )?;
    }
    Ok(())
}

fn outline(d: &Document, json: bool, out: &mut impl Write) -> std::io::Result<()> {
    let ol = Outline::build(d);
    if json {
        serde_json::to_writer_pretty(&mut *out, &ol.sections)?;
        writeln!(out)?;
        return Ok(());
    }
    for s in &ol.sections {
        writeln!(
            out,
            "{}{} {}   ({} ¶{})",
            "  ".repeat(s.level - 1),
            s.marker,
            s.title,
            s.path,
            s.paragraph
        )?;
    }
    Ok(())
}
