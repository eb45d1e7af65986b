//! The on-disk index: what loading, outlines, slogan mining and search
//! build, kept between runs, memory-mapped and read in place.
//!
//! ```text
//! $XDG_CACHE_HOME/tifa/<corpus>/catalog        files, stamps, keys (catalog)
//!                             seg/<key>.seg    one source file (segment)
//!                             seg/<key>.shd    sentences + postings of a run of files (shard)
//!                             seg/<key>.sts    one file's slogan statistics
//!                             seg/<key>.sum    their sum over the corpus
//!                             seg/<key>.slg    the slogan index (slogans)
//!                             seg/<key>.hts    the hits it was assembled from
//!                             seg/<key>.htd    (a base, and the delta beside it)
//! ```
//!
//! [`Library::open`] walks the folders, takes every file whose stamp
//! matches its record from its segment (its text read only when used),
//! and parses only what is new or changed, on every core. Search shards
//! and the slogan index are made on first use from the documents, and
//! kept under keys of what they were made from, so a changed file re-makes
//! its own segment and the one shard it is in.
//!
//! What always holds:
//! - A changed file is never served stale: every open stats every file.
//! - Without a usable cache (`--no-cache`, the built-in corpus, standard
//!   input, a read-only or full disk) the answers are the same, built in
//!   memory; a cache that cannot be used is said once.
//! - Writers take the cache's lock; readers do not need it, because every
//!   file is written whole and renamed into place.
//!
//! Layers: `file` is the container, `cache` where it lives and how it is
//! shared, `catalog`, `segment`, `shard` and `mined` the kinds of file;
//! `sentences` and `mining` make the search and slogan indexes through
//! them (`hits` is what a slogan rebuild keeps), `status` reports.

pub mod cache;
pub mod catalog;
pub mod file;
pub mod hits;
mod mining;
mod sentences;
mod status;
pub use status::{status, Status};
pub mod mined;
pub mod segment;
pub mod shard;

use crate::corpus::{self, Corpus, Document, FileEntry, LoadOptions, Paragraph, Parsed, Warning};
use crate::outline::Outline;
use crate::search::{Candidates, Part, Scope};
use crate::slogans::SloganIndex;
use catalog::{Catalog, FileRec, Made, Stamp};
use file::{OpenError, Verify};
use rayon::prelude::*;
use segment::Segment;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use xxhash_rust::xxh3::Xxh3;

/// What to load, and whether to use the cache.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub load: LoadOptions,
    /// `--no-cache`: build everything in memory.
    pub no_cache: bool,
    /// The cache's root (default: `$XDG_CACHE_HOME/tifa`).
    pub root: Option<PathBuf>,
}

/// Told how far a long build has come (a progress bar, the status line).
pub trait Progress: Sync {
    /// Starting `what`, of `total` steps.
    fn start(&self, what: &str, total: u64);
    /// `n` more steps done.
    fn inc(&self, n: u64);
}

/// Progress told to no one.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: &str, _: u64) {}
    fn inc(&self, _: u64) {}
}

/// One source file's documents in the corpus.
#[derive(Clone, Debug)]
struct Loaded {
    /// Its segment key (0 without a cache).
    key: u64,
    docs: std::ops::Range<usize>,
    /// Bytes of the file, for cutting shards.
    size: u64,
    path: PathBuf,
}

/// A segment that is opened when one of its documents is first read.
struct SegmentRef {
    path: PathBuf,
    /// Its stamp in the catalog: a segment that differs is checked whole.
    recorded: Stamp,
    /// The source file, parsed again should the segment be gone or
    /// damaged (another tifa may have replaced it since).
    source: FileEntry,
    side: Option<corpus::sidecar::FileEntry>,
    load: LoadOptions,
    cell: OnceLock<Option<Segment>>,
    reparsed: OnceLock<Vec<Document>>,
    late: Arc<Mutex<Vec<Warning>>>,
}

impl SegmentRef {
    fn get(&self) -> Option<&Segment> {
        self.cell
            .get_or_init(|| {
                let mut said = Vec::new();
                let s = open_segment(&self.path, self.recorded, &mut said);
                lock(&self.late).extend(said);
                s
            })
            .as_ref()
    }

    fn paragraphs(&self, doc: usize) -> Vec<Paragraph> {
        if let Some(s) = self.get() {
            return s.paragraphs(doc);
        }
        let docs = self.reparsed.get_or_init(|| {
            corpus::read_and_parse(&self.source, &self.load, self.side.as_ref()).docs
        });
        docs.get(doc)
            .map(|d| d.paragraphs.to_vec())
            .unwrap_or_default()
    }
}

/// One document's text in a segment.
struct DocText {
    seg: Arc<SegmentRef>,
    doc: usize,
}

impl corpus::lazy::Source for DocText {
    fn load(&self) -> Vec<Paragraph> {
        self.seg.paragraphs(self.doc)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a library had to make, and how long it took (`tifa index`
/// prints it).
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub files: usize,
    /// Files read and parsed (not taken from their segments).
    pub parsed: usize,
    pub open_secs: f64,
    pub shards: usize,
    pub shards_made: usize,
    pub sentences_secs: f64,
    /// Files whose slogan statistics were computed (not read).
    pub stats_made: usize,
    /// The kept sum of the statistics was updated: files taken out of it,
    /// and files added (else every file's statistics were summed).
    pub stats_updated: Option<(usize, usize)>,
    /// The slogan index was made (not read).
    pub slogans_made: bool,
    pub slogans_secs: f64,
    /// Of those: the statistics gathered (computed or read) and summed,
    /// the selection, locating (what the kept hits lack), and assembling
    /// (with the hits written).
    pub stats_secs: f64,
    pub select_secs: f64,
    pub locate_secs: f64,
    pub assemble_secs: f64,
    /// What the locate pass could keep from the last build.
    pub hits: hits::Reuse,
}

/// A corpus, with what is built from it, from the cache where it can be.
pub struct Library {
    pub corpus: Corpus,
    /// The cache folder, when one is used.
    dir: Option<PathBuf>,
    files: Vec<Loaded>,
    /// Per document: the segment it is read from and its place there.
    origin: Vec<Option<(Arc<SegmentRef>, usize)>>,
    /// Per document: its number of sections, when the catalog knows it.
    sections: Vec<Option<usize>>,
    outlines: Vec<OnceLock<Arc<Outline>>>,
    sentences: OnceLock<Arc<Candidates>>,
    slogans: OnceLock<Arc<SloganIndex>>,
    /// Cache problems met after opening, to be said once.
    late: Arc<Mutex<Vec<Warning>>>,
    report: Mutex<Report>,
}

/// The key of a segment: everything the segment's content depends on.
fn segment_key(path: &Path, content: u64, side: u64, opts: &LoadOptions) -> u64 {
    let mut h = Xxh3::new();
    h.update(&file::FORMAT.to_le_bytes());
    h.update(format!("{opts:?}").as_bytes());
    h.update(path.as_os_str().as_encoded_bytes());
    h.update(&[0]);
    h.update(&content.to_le_bytes());
    h.update(&side.to_le_bytes());
    h.digest()
}

fn side_hash(side: Option<&corpus::sidecar::FileEntry>) -> u64 {
    side.map_or(0, |s| {
        xxhash_rust::xxh3::xxh3_64(format!("{s:?}").as_bytes())
    })
}

/// What the open did with one walked file.
struct Got {
    /// Its record; `None`: it could not be read, or its segment not written.
    rec: Option<FileRec>,
    /// Its documents, in memory, when it was parsed just now and its
    /// segment could not be written.
    parsed: Option<Parsed>,
    entry: FileEntry,
    side: Option<corpus::sidecar::FileEntry>,
    /// Warnings of reading or parsing it, when it was read now.
    warnings: Vec<Warning>,
    /// Cache problems met.
    said: Vec<Warning>,
    /// The catalog must be written again.
    changed: bool,
    /// It was parsed now.
    parsed_now: bool,
}

impl Library {
    /// Load `paths` (empty: the built-in corpus), from the cache where it
    /// is fresh.
    pub fn open(paths: &[PathBuf], opts: &Options, progress: &dyn Progress) -> Library {
        let uncached = || Library::in_memory(Corpus::load_with(paths, &opts.load));
        let stdin = paths.iter().any(|p| p.as_os_str() == corpus::STDIN);
        if opts.no_cache || paths.is_empty() || stdin {
            return uncached();
        }
        let started = std::time::Instant::now();
        let Some(root) = opts.root.clone().or_else(cache::default_root) else {
            return uncached();
        };
        let dir = cache::corpus_dir(&root, paths, &format!("{:?}", opts.load));
        if let Err(e) = cache::ensure_writable(&dir) {
            let mut lib = uncached();
            lib.corpus.warnings.insert(
                0,
                Warning {
                    path: dir.clone(),
                    message: format!(
                        "the index cannot be kept here ({e}); working without it \
                         (everything is rebuilt on each run; --no-cache says so silently)"
                    ),
                },
            );
            return lib;
        }
        raise_open_files_limit();
        let mut said = Vec::new();
        let mut catalog = read_catalog(&dir, &mut said);
        let mut lock_held = None;
        let (mut corpus, mut gots) = gather(paths, opts, &dir, &catalog, progress, false);
        if gots.iter().any(|g| g.changed) || gots.len() != catalog.files.len() {
            // Something to write: take turns with other tifa processes,
            // and look again at what they may have done meanwhile. What
            // this look found damaged is set aside already: say it now.
            for g in &mut gots {
                said.append(&mut g.said);
            }
            lock_held = cache::Lock::take(&dir.join("lock")).ok();
            catalog = read_catalog(&dir, &mut Vec::new());
            (corpus, gots) = gather(paths, opts, &dir, &catalog, progress, true);
        }
        let late = Arc::new(Mutex::new(Vec::new()));
        let mut lib = Library {
            corpus: Corpus::default(),
            dir: Some(dir.clone()),
            files: Vec::new(),
            origin: Vec::new(),
            sections: Vec::new(),
            outlines: Vec::new(),
            sentences: OnceLock::new(),
            slogans: OnceLock::new(),
            late: Arc::clone(&late),
            report: Mutex::new(Report::default()),
        };
        let changed = gots.iter().any(|g| g.changed) || gots.len() != catalog.files.len();
        {
            let mut r = lock(&lib.report);
            r.files = gots.len();
            r.parsed = gots.iter().filter(|g| g.parsed_now).count();
        }
        let mut recs = Vec::with_capacity(gots.len());
        let mut seen: HashMap<u64, PathBuf> = HashMap::new();
        for g in gots {
            said.extend(g.said);
            corpus.warnings.extend(g.warnings);
            let (docs, origin, sections, key, content) = match (&g.rec, g.parsed) {
                (_, Some(p)) => {
                    // Parsed, but not kept: in memory only.
                    let n = p.docs.len();
                    (p.docs, vec![None; n], vec![None; n], 0, p.hash)
                }
                (Some(r), None) => {
                    let seg = Arc::new(SegmentRef {
                        path: dir.join("seg").join(segment::file_name(r.key)),
                        recorded: r.seg,
                        source: g.entry.clone(),
                        side: g.side.clone(),
                        load: opts.load,
                        cell: OnceLock::new(),
                        reparsed: OnceLock::new(),
                        late: Arc::clone(&late),
                    });
                    corpus.warnings.extend(r.warnings.iter().map(|m| Warning {
                        path: r.path.clone(),
                        message: m.clone(),
                    }));
                    let docs = document_of(&r.path, &r.docs, &seg);
                    let origin = (0..docs.len())
                        .map(|i| Some((Arc::clone(&seg), i)))
                        .collect();
                    let sections = r.docs.iter().map(|m| Some(m.sections as usize)).collect();
                    (docs, origin, sections, r.key, r.content)
                }
                (None, None) => continue,
            };
            if let Some(r) = g.rec {
                recs.push(r);
            }
            let Some(first) = docs.first() else {
                continue;
            };
            if let Some(earlier) = seen.get(&content) {
                corpus.notes.push(Warning {
                    path: first.path.clone(),
                    message: format!("the same bytes as {}; listed once", earlier.display()),
                });
                continue;
            }
            seen.insert(content, first.path.clone());
            let start = corpus.docs.len();
            lib.files.push(Loaded {
                key,
                docs: start..start + docs.len(),
                size: g.entry.size,
                path: first.path.clone(),
            });
            corpus.docs.extend(docs);
            lib.origin.extend(origin);
            lib.sections.extend(sections);
        }
        if changed {
            catalog.files = recs;
            catalog.updated = now();
            if lock_held.is_none() {
                lock_held = cache::Lock::take(&dir.join("lock")).ok();
            }
            if let Err(e) = catalog.write(&dir) {
                said.push(Warning {
                    path: dir.join(catalog::NAME),
                    message: format!("cannot write the index ({e}); it is rebuilt next time"),
                });
            }
        }
        drop(lock_held);
        said.append(&mut corpus.warnings);
        corpus.warnings = said;
        lib.outlines = (0..corpus.docs.len()).map(|_| OnceLock::new()).collect();
        lib.corpus = corpus;
        lock(&lib.report).open_secs = started.elapsed().as_secs_f64();
        lib
    }

    /// A library over a corpus loaded without the cache.
    pub fn in_memory(corpus: Corpus) -> Library {
        let n = corpus.docs.len();
        let files = vec![Loaded {
            key: 0,
            docs: 0..n,
            size: 0,
            path: PathBuf::new(),
        }];
        Library {
            corpus,
            dir: None,
            files,
            origin: vec![None; n],
            sections: vec![None; n],
            outlines: (0..n).map(|_| OnceLock::new()).collect(),
            sentences: OnceLock::new(),
            slogans: OnceLock::new(),
            late: Arc::new(Mutex::new(Vec::new())),
            report: Mutex::new(Report::default()),
        }
    }

    /// What this library had to make so far, and how long it took.
    pub fn report(&self) -> Report {
        lock(&self.report).clone()
    }

    /// Whether the slogan index of these files is in the cache already
    /// (so that asking for it reads it rather than makes it).
    pub fn slogans_kept(&self) -> bool {
        self.dir
            .as_ref()
            .is_some_and(|d| mined::index_path(d, mining::slogans_key(&self.files)).exists())
    }

    /// Whether a cache is in use.
    pub fn cached(&self) -> bool {
        self.dir.is_some()
    }

    /// The outline of document `doc`: from its segment, else built.
    pub fn outline(&self, doc: usize) -> Arc<Outline> {
        Arc::clone(self.outlines[doc].get_or_init(|| {
            let stored = self.origin[doc]
                .as_ref()
                .and_then(|(seg, i)| seg.get()?.outline(*i));
            Arc::new(stored.unwrap_or_else(|| Outline::build(&self.corpus.docs[doc])))
        }))
    }

    /// How many sections document `doc` has (without reading its text
    /// when the catalog knows).
    pub fn section_count(&self, doc: usize) -> usize {
        match self.sections[doc] {
            Some(n) => n,
            None => self.outline(doc).sections.len(),
        }
    }

    /// Every sentence, ready to search: shards from the cache, made where
    /// missing.
    pub fn sentences(&self, progress: &dyn Progress) -> Arc<Candidates> {
        Arc::clone(
            self.sentences
                .get_or_init(|| Arc::new(self.make_sentences(progress))),
        )
    }

    /// The slogan index: from the cache when the files are the ones it
    /// was made from, else made from each file's statistics (cached per
    /// file) and kept.
    pub fn slogans(&self, progress: &dyn Progress) -> Arc<SloganIndex> {
        Arc::clone(
            self.slogans
                .get_or_init(|| Arc::new(self.make_slogans(progress))),
        )
    }

    fn make_slogans(&self, progress: &dyn Progress) -> SloganIndex {
        let started = std::time::Instant::now();
        let ix = self.make_slogans_timed(progress);
        lock(&self.report).slogans_secs = started.elapsed().as_secs_f64();
        ix
    }

    /// Cache problems met since opening (each said once).
    pub fn take_warnings(&self) -> Vec<Warning> {
        std::mem::take(&mut *lock(&self.late))
    }

    fn make_sentences(&self, progress: &dyn Progress) -> Candidates {
        let started = std::time::Instant::now();
        let c = self.make_sentences_timed(progress);
        lock(&self.report).sentences_secs = started.elapsed().as_secs_f64();
        c
    }
}

/// The documents of a file from their metadata, their text in `seg`.
fn document_of(path: &Path, metas: &[catalog::DocMeta], seg: &Arc<SegmentRef>) -> Vec<Document> {
    metas
        .iter()
        .enumerate()
        .map(|(i, m)| Document {
            id: m.id.clone(),
            path: path.to_path_buf(),
            title: m.title.clone(),
            title_inferred: m.title_inferred,
            script: m.script,
            chars: m.chars,
            date: m.date.clone(),
            date_source: m.date_source.and_then(segment::date_source_of),
            author: m.author.clone(),
            encoding: segment::encoding_name(&m.encoding),
            paragraphs: corpus::Paragraphs::lazy(
                Arc::new(DocText {
                    seg: Arc::clone(seg),
                    doc: i,
                }),
                m.paragraphs as usize,
            ),
            hash: m.hash,
        })
        .collect()
}

/// Walk, and take each file from the catalog, or read it (when `write`,
/// parsing it and writing its segment when its bytes are new; the caller
/// holds the lock). Without `write` it only finds out whether anything
/// needs it. Gives the walk's warnings and notes, and each file's lot.
fn gather(
    paths: &[PathBuf],
    opts: &Options,
    dir: &Path,
    catalog: &Catalog,
    progress: &dyn Progress,
    write: bool,
) -> (Corpus, Vec<Got>) {
    let by_path: HashMap<&Path, &FileRec> = catalog
        .files
        .iter()
        .map(|f| (f.path.as_path(), f))
        .collect();
    let mut out = Vec::new();
    let corpus = Corpus::load_by(paths, &opts.load, |files, cars| {
        progress.start("reading", files.len() as u64);
        out = files
            .par_iter()
            .map(|f| {
                let side = cars.for_file(&f.path);
                let g = one_file(f, side, &opts.load, dir, &by_path, write);
                progress.inc(1);
                g
            })
            .collect();
        // The documents stay with the records: `open` lists them (and
        // identical files once) itself.
        Vec::new()
    });
    (corpus, out)
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Each segment in use keeps its file open (so that a newer tifa replacing
/// or removing it cannot pull a document's text from under this one): let
/// this process open as many files as the system allows it.
fn raise_open_files_limit() {
    // SAFETY: getrlimit/setrlimit with a valid struct for this process.
    unsafe {
        let mut r = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut r) == 0 && r.rlim_cur < r.rlim_max {
            r.rlim_cur = r.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &r);
        }
    }
}

/// The catalog, or an empty one (a damaged one set aside, with a warning;
/// one of another format version replaced without one).
fn read_catalog(dir: &Path, said: &mut Vec<Warning>) -> Catalog {
    match Catalog::read(dir) {
        Ok(c) => c,
        Err(OpenError::Missing) | Err(OpenError::Incompatible(_)) => Catalog::default(),
        Err(e) => {
            let path = dir.join(catalog::NAME);
            let what = cache::set_aside(&path);
            said.push(Warning {
                message: format!("the index is {e}; {what}"),
                path,
            });
            Catalog::default()
        }
    }
}

/// Take one walked file: its record when its stamp still fits, or (when
/// `write`) its bytes decide: the record of the same bytes, else parse it
/// and write its segment.
fn one_file(
    f: &FileEntry,
    side: Option<corpus::sidecar::FileEntry>,
    opts: &LoadOptions,
    dir: &Path,
    by_path: &HashMap<&Path, &FileRec>,
    write: bool,
) -> Got {
    let side_h = side_hash(side.as_ref());
    let stamp = Stamp::of_entry(f);
    let rec = by_path.get(f.path.as_path()).copied();
    let mut got = Got {
        rec: None,
        parsed: None,
        entry: f.clone(),
        side,
        warnings: Vec::new(),
        said: Vec::new(),
        changed: true,
        parsed_now: false,
    };
    // 1. Unchanged by its stamp: its record, and its segment unread.
    if let Some(r) = rec.filter(|r| r.stamp == stamp && r.side == side_h && !r.racy) {
        got.rec = Some(r.clone());
        got.changed = false;
        return got;
    }
    if !write {
        return got;
    }
    // 2. Read it: its bytes decide.
    let bytes = match corpus::walk::read(&f.path, opts.max_file_size) {
        Ok(b) => b,
        Err(message) => {
            got.warnings.push(Warning {
                path: f.path.clone(),
                message,
            });
            return got;
        }
    };
    let content = xxhash_rust::xxh3::xxh3_64(&bytes);
    let key = segment_key(&f.path, content, side_h, opts);
    let racy = stamp.racy_at(now() as i64);
    let seg_path = dir.join("seg").join(segment::file_name(key));
    if let Some(r) = rec.filter(|r| r.key == key && Stamp::of(&seg_path).is_some()) {
        // Touched, not changed.
        got.rec = Some(FileRec {
            stamp,
            racy,
            ..r.clone()
        });
        return got;
    }
    // 3. New or changed: parse, and keep what it gave.
    got.parsed_now = true;
    let parsed = corpus::parse_file(&f.path, f.kind, &bytes, opts, got.side.as_ref());
    let outlines: Vec<Outline> = parsed.docs.iter().map(Outline::build).collect();
    let written = file::write_atomic(&seg_path, &segment::build(&parsed.docs, &outlines));
    match written.map(|()| Stamp::of(&seg_path)) {
        Ok(Some(seg)) => {
            got.rec = Some(FileRec {
                path: f.path.clone(),
                stamp,
                side: side_h,
                content,
                key,
                seg,
                racy,
                docs: parsed
                    .docs
                    .iter()
                    .zip(&outlines)
                    .map(|(d, o)| segment::meta_of(d, o))
                    .collect(),
                warnings: parsed.warnings.iter().map(|w| w.message.clone()).collect(),
            });
        }
        Ok(None) | Err(_) => {
            got.said.push(Warning {
                path: seg_path,
                message: "cannot write to the index; this file is read again next time".into(),
            });
            got.parsed = Some(Parsed {
                hash: content,
                ..parsed
            });
        }
    }
    got
}

/// Open a segment, checked in full unless its stamp is the one recorded;
/// a damaged one is set aside (with a warning) and `None`.
fn open_segment(path: &Path, recorded: Stamp, said: &mut Vec<Warning>) -> Option<Segment> {
    let stamp = Stamp::of(path)?;
    let verify = if stamp == recorded {
        Verify::Header
    } else {
        Verify::Full
    };
    match Segment::open(path, verify) {
        Ok(s) => Some(s),
        // Gone, or not readable now (out of file descriptors): the file is
        // parsed instead, and nothing is set aside.
        Err(OpenError::Missing | OpenError::Io(_)) => None,
        Err(e) => {
            let what = cache::set_aside(path);
            said.push(Warning {
                message: format!("this index file is {e}; {what}"),
                path: path.to_path_buf(),
            });
            None
        }
    }
}

/// Remove the cache files the catalog no longer names (the caller holds
/// the lock).
fn collect_garbage(dir: &Path, c: &Catalog) {
    let mut keep: std::collections::HashSet<String> = c
        .files
        .iter()
        .map(|f| segment::file_name(f.key).to_string_lossy().into_owned())
        .collect();
    keep.extend(c.files.iter().map(|f| format!("{:016x}.sts", f.key)));
    keep.extend(c.summed.iter().map(|k| format!("{k:016x}.sts")));
    keep.extend(c.shards.iter().map(|m| format!("{:016x}.shd", m.key)));
    if let Some(m) = &c.slogans {
        keep.insert(format!("{:016x}.slg", m.key));
    }
    if let Some(m) = &c.hits {
        keep.insert(format!("{:016x}.hts", m.key));
    }
    if let Some(m) = &c.hits_delta {
        keep.insert(format!("{:016x}.htd", m.key));
    }
    if let Some(m) = &c.sum {
        keep.insert(format!("{:016x}.sum", m.key));
    }
    let Ok(rd) = std::fs::read_dir(dir.join("seg")) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = [".seg", ".shd", ".slg", ".sts", ".hts", ".htd", ".sum"]
            .iter()
            .any(|x| name.ends_with(x));
        if ours && !keep.contains(&name) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The documents of the library, for callers that take a corpus.
impl std::ops::Deref for Library {
    type Target = Corpus;
    fn deref(&self) -> &Corpus {
        &self.corpus
    }
}
