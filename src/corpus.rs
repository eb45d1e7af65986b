//! Corpus: bytes to documents.
//!
//! Two public steps, so an index can cache per file (issue 12):
//! - [`walk::walk`]: the paths a user gave → file entries (path, device,
//!   inode, size, mtime, kind), regular files only, each file once;
//! - [`parse_file`]: one file's bytes, path, options and sidecar entry →
//!   its documents and warnings. A pure, deterministic function.
//!
//! [`Corpus::load_with`] is walk, then read and parse the files in
//! parallel (rayon) keeping the walk's order, then drop files whose bytes
//! are the same as an earlier file's (one note each).
//!
//! Parsing: decode (`decode`), drop HTML left in text (`markup`), cut
//! lines into paragraphs (`paragraphs`), cut a compilation into pieces
//! (`split`), and find each document's title, date (`dates`, sidecar),
//! author, script and web boilerplate (`meta`, `boiler`). Web pages
//! (`html`) and Word files (`docx`) give paragraphs their own way, then
//! go the same road.
//!
//! What always holds:
//! - Loading never stops on bad input: each bad file gives one [`Warning`]
//!   naming it, and the rest still load. Nothing here panics on any bytes,
//!   and nothing blocks on a file that is not a regular one.
//! - Paragraph text holds no control character but `\t`: C0/C1 controls
//!   (ESC included) are replaced one for one by visible symbols
//!   (U+2400 control pictures, U+FFFD), so no file can drive the terminal,
//!   and char offsets stay put.
//! - `Document.date` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, with its source.

use crate::text::script::{self, Script};
use rayon::prelude::*;
use std::fmt;
use std::path::{Path, PathBuf};

mod boiler;
pub mod dates;
pub mod decode;
pub mod docx;
pub mod html;
pub mod lazy;
mod markup;
mod meta;
mod paragraphs;
pub mod sidecar;
mod split;
pub mod walk;

pub use decode::{decode, Decoded};
pub use lazy::Paragraphs;
pub use paragraphs::{sanitize, split_paragraphs, visible_control};
pub use walk::{FileEntry, Kind};

/// The built-in corpus: the user's seed documents, embedded at build time.
pub const BUILTIN: &[(&str, &[u8])] = &[
    (
        "000_57e62a84cbcbdefd.txt",
        include_bytes!("../corpus/000_57e62a84cbcbdefd.txt"),
    ),
    (
        "001_b74884d00001fd5b.txt",
        include_bytes!("../corpus/001_b74884d00001fd5b.txt"),
    ),
    (
        "002_db62700750f2c61f.txt",
        include_bytes!("../corpus/002_db62700750f2c61f.txt"),
    ),
    (
        "003_c67d4d415544db1b.txt",
        include_bytes!("../corpus/003_c67d4d415544db1b.txt"),
    ),
    (
        "004_5eef2dcfcacf4ebd.txt",
        include_bytes!("../corpus/004_5eef2dcfcacf4ebd.txt"),
    ),
];

/// The default size limit for one file.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;

/// How files become documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    /// Keep every file one document (`--no-split`, `no_split`).
    pub no_split: bool,
    /// Skip a file larger than this, with a warning (`--max-file-mb`).
    pub max_file_size: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            no_split: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// One paragraph: one non-blank source line (or a piece of one, see
/// [`split_paragraphs`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// Web chrome (上一篇, 编辑:, teasers, licence footers): kept and shown
    /// dimmed, left out of outlines and slogans.
    pub boilerplate: bool,
    /// The source marks this paragraph a heading of this level (1 = top):
    /// a Word `Heading N` style, an HTML `<hN>`. An outline hint; `None`
    /// for plain text, whose headings the outline finds by their numbers.
    pub heading: Option<u8>,
}

/// Where a document's date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// The text states it (a date line, `发布时间：`, a note).
    Text,
    /// The file name (`gwr_2015_…`, `xi_speech_2020-04-30_…`).
    Filename,
    /// A `tifa.toml` / `tifa.csv` in the folder (overrides the others).
    Sidecar,
    /// A web page's meta tags.
    Meta,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Text => "text",
            DateSource::Filename => "filename",
            DateSource::Sidecar => "sidecar",
            DateSource::Meta => "meta",
        }
    }
}

/// A document: one speech or report.
#[derive(Clone, Debug)]
pub struct Document {
    /// File stem; `stem#2`, `stem#3`… for later documents of the same file.
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    /// The title was cut from the first sentence, not a title line.
    pub title_inferred: bool,
    pub script: Script,
    pub chars: usize,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    pub date_source: Option<DateSource>,
    pub author: Option<String>,
    pub encoding: &'static str,
    /// Loaded on first use when the document comes from the index.
    pub paragraphs: Paragraphs,
    /// [`Document::content_hash`], computed once when the document was
    /// made (the reading state is keyed by it, for every document listed).
    pub hash: u64,
}

impl Document {
    /// Paragraphs that carry the text (not boilerplate), with their index.
    pub fn body(&self) -> impl Iterator<Item = (usize, &Paragraph)> {
        self.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.boilerplate)
    }

    /// A hash of the document's text: stable across renames and moves.
    pub fn content_hash(&self) -> u64 {
        self.hash
    }
}

/// FNV-1a over the paragraphs, each ended by a newline: stable across
/// Rust versions (unlike DefaultHasher), so saved reading state keeps its
/// keys.
pub fn text_hash(paragraphs: &[Paragraph]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in paragraphs {
        for b in p.text.bytes().chain(std::iter::once(b'\n')) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// A problem with one input, reported and skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Everything that loaded, and what did not.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    pub warnings: Vec<Warning>,
    /// Not problems, but worth saying: a file that is a copy of another,
    /// or a second link to one, listed once.
    pub notes: Vec<Warning>,
}

/// What one file gave.
#[derive(Debug, Default)]
pub struct Parsed {
    pub docs: Vec<Document>,
    pub warnings: Vec<Warning>,
    /// xxh3 of the file's bytes: equal files are listed once.
    pub hash: u64,
}

/// The path that stands for standard input.
pub const STDIN: &str = "-";

impl Corpus {
    /// The built-in corpus.
    pub fn builtin() -> Corpus {
        let mut c = Corpus::default();
        for (name, bytes) in BUILTIN {
            c.add_bytes(Path::new("corpus").join(name).as_path(), bytes);
        }
        c
    }

    /// Load files and folders with the default options; an empty list
    /// means the built-in corpus.
    pub fn load(paths: &[PathBuf]) -> Corpus {
        Corpus::load_with(paths, &LoadOptions::default())
    }

    /// Load files and folders (`-`: standard input, read to its end, as one
    /// document); an empty list means the built-in corpus.
    pub fn load_with(paths: &[PathBuf], opts: &LoadOptions) -> Corpus {
        Corpus::load_by(paths, opts, |files, cars| {
            files
                .par_iter()
                .map(|f| read_and_parse(f, opts, cars.for_file(&f.path).as_ref()))
                .collect()
        })
    }

    /// The loader's frame, with the step that turns walked files into
    /// documents given (the index reads most of them from its cache):
    /// standard input and the files in the order given, each group walked,
    /// its sidecars gathered, its files parsed by `parse`, in walk order,
    /// identical files listed once.
    pub fn load_by(
        paths: &[PathBuf],
        opts: &LoadOptions,
        mut parse: impl FnMut(&[FileEntry], &sidecar::Sidecars) -> Vec<Parsed>,
    ) -> Corpus {
        if paths.is_empty() {
            return Corpus::builtin();
        }
        let mut c = Corpus::default();
        let mut groups: Vec<(bool, Vec<PathBuf>)> = Vec::new();
        for p in paths {
            let stdin = p.as_os_str() == STDIN;
            match groups.last_mut() {
                Some((s, v)) if *s == stdin && !stdin => v.push(p.clone()),
                _ => groups.push((stdin, vec![p.clone()])),
            }
        }
        let mut seen_hash: std::collections::HashMap<u64, PathBuf> = Default::default();
        for (stdin, group) in groups {
            let parsed = if stdin {
                vec![read_stdin(opts)]
            } else {
                let (files, cars) = c.walk_group(&group);
                parse(&files, &cars)
            };
            for p in parsed {
                c.warnings.extend(p.warnings);
                let Some(first) = p.docs.first() else {
                    continue;
                };
                if let Some(earlier) = seen_hash.get(&p.hash) {
                    c.notes.push(Warning {
                        path: first.path.clone(),
                        message: format!("the same bytes as {}; listed once", earlier.display()),
                    });
                    continue;
                }
                seen_hash.insert(p.hash, first.path.clone());
                c.docs.extend(p.docs);
            }
        }
        c
    }

    /// Walk one group of paths: the files to read, in order, and the
    /// sidecars that speak of them; links and problems noted here.
    fn walk_group(&mut self, group: &[PathBuf]) -> (Vec<FileEntry>, sidecar::Sidecars) {
        let w = walk::walk(group);
        self.warnings.extend(w.warnings);
        for (link, first) in w.links {
            let what = if link.is_dir() { "folder" } else { "file" };
            self.notes.push(Warning {
                path: link,
                message: format!(
                    "the same {} as {} (a link to it); read once",
                    what,
                    first.display()
                ),
            });
        }
        let mut cars = sidecar::Sidecars::default();
        let mut files = Vec::with_capacity(w.files.len());
        for f in w.files {
            if f.kind == Kind::Sidecar {
                cars.add(&f.path, &mut self.warnings);
            } else {
                files.push(f);
            }
        }
        add_parent_sidecars(group, &mut cars, &mut self.warnings);
        (files, cars)
    }

    /// Add one file's bytes as text, with the default options (no walk, no
    /// sidecar, no de-duplication). Public so tests and fuzzers can feed
    /// any bytes.
    pub fn add_bytes(&mut self, path: &Path, bytes: &[u8]) {
        let p = parse_file(path, Kind::Text, bytes, &LoadOptions::default(), None);
        self.docs.extend(p.docs);
        self.warnings.extend(p.warnings);
    }

    /// Find a document by id or by 1-based index (as `tifa list` prints).
    pub fn find(&self, sel: &str) -> Option<usize> {
        if let Some(i) = self.docs.iter().position(|d| d.id == sel) {
            return Some(i);
        }
        match sel.parse::<usize>() {
            Ok(n) if n >= 1 && n <= self.docs.len() => Some(n - 1),
            _ => None,
        }
    }
}

/// Read a walked file and parse it; a file that cannot be read gives one
/// warning.
pub fn read_and_parse(
    f: &FileEntry,
    opts: &LoadOptions,
    side: Option<&sidecar::FileEntry>,
) -> Parsed {
    match walk::read(&f.path, opts.max_file_size) {
        Ok(bytes) => parse_file(&f.path, f.kind, &bytes, opts, side),
        Err(message) => Parsed {
            warnings: vec![Warning {
                path: f.path.clone(),
                message,
            }],
            ..Parsed::default()
        },
    }
}

/// A file named on the command line gets the sidecar of its folder too.
fn add_parent_sidecars(
    group: &[PathBuf],
    cars: &mut sidecar::Sidecars,
    warnings: &mut Vec<Warning>,
) {
    for p in group {
        if p.is_dir() || cars.for_file(p).is_some() {
            continue;
        }
        let dir = p.parent().unwrap_or(Path::new(""));
        if cars.has_dir(dir) {
            continue;
        }
        if let Some(sc) = sidecar::NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|sc| std::fs::symlink_metadata(sc).is_ok_and(|m| m.is_file()))
        {
            cars.add(&sc, warnings);
        }
    }
}

fn read_stdin(opts: &LoadOptions) -> Parsed {
    use std::io::Read;
    let path = Path::new(STDIN);
    let mut bytes = Vec::new();
    let limit = opts.max_file_size;
    match std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
    {
        Ok(_) if bytes.len() as u64 > limit => Parsed {
            warnings: vec![Warning {
                path: path.to_path_buf(),
                message: format!(
                    "standard input is over the {} MB limit; skipped (raise it with --max-file-mb)",
                    limit >> 20
                ),
            }],
            ..Parsed::default()
        },
        Ok(_) => parse_file(path, Kind::Text, &bytes, opts, None),
        Err(e) => Parsed {
            warnings: vec![Warning {
                path: path.to_path_buf(),
                message: format!("cannot read standard input: {e}"),
            }],
            ..Parsed::default()
        },
    }
}

/// The id stem of a file: its file stem (`stdin` for standard input).
fn stem_of(path: &Path) -> String {
    if path.as_os_str() == STDIN {
        return "stdin".into();
    }
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The text of one piece before it becomes a [`Document`].
struct Draft {
    texts: Vec<String>,
    headings: Vec<Option<u8>>,
    /// A title the source names (`原标题：`, `<h1>`, a Word `Title`).
    title: Option<String>,
    /// A date the source names outside the text (meta tags).
    meta_date: Option<String>,
}

/// Parse one file: a pure function of the bytes, the path (its name gives
/// ids and maybe a date), the options and what a sidecar says about it.
pub fn parse_file(
    path: &Path,
    kind: Kind,
    bytes: &[u8],
    opts: &LoadOptions,
    side: Option<&sidecar::FileEntry>,
) -> Parsed {
    let hash = xxhash_rust::xxh3::xxh3_64(bytes);
    let mut out = Parsed {
        hash,
        ..Parsed::default()
    };
    let mut warn = |message: String| {
        out.warnings.push(Warning {
            path: path.to_path_buf(),
            message,
        })
    };
    let (drafts, encoding) = match kind {
        Kind::Sidecar => return out,
        Kind::Unsupported => {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            warn(if ext == "pdf" {
                "a PDF: tifa does not read PDF (its text extractors garble Chinese); \
                 convert it with `pdftotext -enc UTF-8 FILE.pdf FILE.txt` and read the .txt"
                    .into()
            } else {
                format!("a .{ext} file: tifa does not read this format; save it as .docx or .txt")
            });
            return out;
        }
        Kind::Docx => match docx::read(bytes) {
            Ok(d) => {
                let (texts, headings) = sanitized(d.paragraphs);
                let title = d.title;
                (
                    vec![Draft {
                        texts,
                        headings,
                        title,
                        meta_date: None,
                    }],
                    "UTF-8",
                )
            }
            Err(m) => {
                warn(m);
                return out;
            }
        },
        Kind::Html => {
            let (text, enc) = match decode_html(bytes) {
                Ok(t) => t,
                Err(m) => {
                    warn(m);
                    return out;
                }
            };
            let a = html::read(&text);
            let (texts, headings) = sanitized(a.paragraphs);
            (
                vec![Draft {
                    texts,
                    headings,
                    title: a.title,
                    meta_date: a.date,
                }],
                enc,
            )
        }
        Kind::Text => {
            let decoded = match decode(bytes) {
                Ok(d) => d,
                Err(msg) => {
                    warn(msg);
                    return out;
                }
            };
            if let Some((offset, count)) = decoded.first_error {
                let more = if count > 1 {
                    format!(" (and {} more)", count - 1)
                } else {
                    String::new()
                };
                warn(format!(
                    "invalid {} byte sequence at byte offset {offset}{more}, shown as U+FFFD; \
                     re-save the file as UTF-8 to fix it",
                    decoded.encoding
                ));
            }
            let text = match markup::strip(&decoded.text) {
                Some(t) => t,
                None => decoded.text,
            };
            let paragraphs = split_paragraphs(&text);
            let drafts = split::split(paragraphs, opts.no_split)
                .into_iter()
                .map(|p| Draft {
                    headings: vec![None; p.paragraphs.len()],
                    texts: p.paragraphs,
                    title: p.title,
                    meta_date: None,
                })
                .collect();
            (drafts, decoded.encoding)
        }
    };
    let drafts: Vec<Draft> = drafts.into_iter().filter(|d| !d.texts.is_empty()).collect();
    if drafts.is_empty() {
        warn("empty file (no text), skipped".to_string());
        return out;
    }
    let stem = stem_of(path);
    let name_date = if path.as_os_str() == STDIN {
        None
    } else {
        dates::from_file_name(&stem)
    };
    let count = drafts.len();
    for (i, d) in drafts.into_iter().enumerate() {
        let id = if i == 0 {
            stem.clone()
        } else {
            format!("{stem}#{}", i + 1)
        };
        let entry = side.map(|s| s.for_piece(i + 1, count)).unwrap_or_default();
        out.docs.push(build_document(
            id,
            path,
            encoding,
            d,
            name_date.as_deref(),
            &entry,
        ));
    }
    out
}

/// Paragraph texts from a structured source, sanitised and split at
/// newlines like text files' lines.
fn sanitized(paras: Vec<(String, Option<u8>)>) -> (Vec<String>, Vec<Option<u8>>) {
    let mut texts = Vec::with_capacity(paras.len());
    let mut heads = Vec::with_capacity(paras.len());
    for (t, h) in paras {
        for p in split_paragraphs(&t) {
            texts.push(p);
            heads.push(h);
        }
    }
    (texts, heads)
}

/// A web page's text: the charset its `<meta>` names, else detected.
fn decode_html(bytes: &[u8]) -> Result<(String, &'static str), String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    if let Some(at) = lower.find("charset=") {
        let rest = lower[at + 8..].trim_start_matches(['"', '\'', ' ']);
        let label: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        if let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes()) {
            let (text, _, _) = enc.decode(bytes);
            return Ok((text.into_owned(), enc.name()));
        }
    }
    let d = decode(bytes)?;
    Ok((d.text, d.encoding))
}

fn build_document(
    id: String,
    path: &Path,
    encoding: &'static str,
    d: Draft,
    name_date: Option<&str>,
    side: &sidecar::Entry,
) -> Document {
    let flags = boiler::mark(&d.texts);
    let mut paragraphs: Vec<Paragraph> = d
        .texts
        .into_iter()
        .zip(flags)
        .zip(d.headings)
        .map(|((text, boilerplate), heading)| Paragraph {
            text,
            boilerplate,
            heading,
        })
        .collect();
    let (mut title, mut title_inferred, title_at) = meta::title(&paragraphs);
    if let Some(t) = d.title.filter(|t| !t.trim().is_empty()) {
        title = sanitize(t.trim());
        title_inferred = false;
    }
    // A repeat of the title line further down (web pages print it twice) is
    // chrome, not text.
    if let Some(t) = title_at {
        for p in paragraphs.iter_mut().skip(t + 1).take(4) {
            if p.text.trim() == title {
                p.boilerplate = true;
            }
        }
    }
    let (mut date, mut date_source) = match dates::from_text(&paragraphs) {
        Some(d) => (Some(d), Some(DateSource::Text)),
        None => match d.meta_date {
            Some(m) => (Some(m), Some(DateSource::Meta)),
            None => (
                name_date.map(str::to_string),
                name_date.map(|_| DateSource::Filename),
            ),
        },
    };
    let mut author = meta::author(&paragraphs);
    if let Some(sd) = &side.date {
        date = Some(sd.clone());
        date_source = Some(DateSource::Sidecar);
    }
    if let Some(t) = &side.title {
        title = t.clone();
        title_inferred = false;
    }
    if let Some(a) = &side.author {
        author = Some(a.clone());
    }
    let body: String = paragraphs
        .iter()
        .filter(|p| !p.boilerplate)
        .map(|p| p.text.as_str())
        .collect();
    let script = script::detect(&body);
    let chars = paragraphs.iter().map(|p| p.text.chars().count()).sum();
    Document {
        id,
        path: path.to_path_buf(),
        title,
        title_inferred,
        script,
        chars,
        date,
        date_source,
        author,
        encoding,
        hash: text_hash(&paragraphs),
        paragraphs: paragraphs.into(),
    }
}
