//! Reading state: where each document was left, its named bookmarks, and
//! which documents were read lately. One JSON file, `state.json`, in the
//! state directory (`$XDG_STATE_HOME/tifa`).
//!
//! What always holds:
//! - A document is known by a hash of its text, so renaming or moving the
//!   file keeps its state. Positions are a paragraph and a char offset, so
//!   another width or script still lands on the same text.
//! - Writes are atomic: a temporary file, fsync, rename, fsync of the
//!   directory. A reader of `state.json` sees the old file or the new one.
//! - Several processes share one state (two SSH sessions): a save takes an
//!   exclusive lock, reads what is on disk, applies this process's own
//!   changes (`Op`s) on top and writes the result. Nobody's bookmark is
//!   lost and a deleted one does not come back.
//! - A file that does not parse is moved aside as
//!   `state.json.corrupt-<unix time>` with a warning, and tifa goes on.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The file's format version.
pub const VERSION: u32 = 1;
/// The state file's name in the state directory.
pub const FILE: &str = "state.json";
/// Documents remembered at most; the least recently read without
/// bookmarks are forgotten first.
pub const MAX_DOCS: usize = 2000;

/// A place in a document: paragraph index and char offset into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub paragraph: usize,
    pub offset: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Unique across processes (time, process id, counter).
    pub id: String,
    pub name: String,
    pub position: Position,
    /// Unix time in milliseconds.
    pub created: u64,
}

/// What is remembered of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocState {
    /// Title and path when last read (for people reading the file, and for
    /// "recent documents"); the key is the content hash.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub position: Option<Position>,
    /// When the position was set (unix ms): the later position wins.
    #[serde(default)]
    pub position_at: u64,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// When the document was last opened (unix ms).
    #[serde(default)]
    pub last_read: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    /// By content hash (16 hex digits).
    #[serde(default)]
    pub docs: BTreeMap<String, DocState>,
}

impl Default for State {
    fn default() -> State {
        State {
            version: VERSION,
            docs: BTreeMap::new(),
        }
    }
}

/// One change made by this process, replayed on what is on disk at save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    Visit {
        key: String,
        title: String,
        path: String,
        at: u64,
    },
    Position {
        key: String,
        position: Position,
        at: u64,
    },
    AddBookmark {
        key: String,
        bookmark: Bookmark,
    },
    DeleteBookmark {
        key: String,
        id: String,
    },
}

impl State {
    /// Apply one change.
    pub fn apply(&mut self, op: &Op) {
        match op {
            Op::Visit {
                key,
                title,
                path,
                at,
            } => {
                let d = self.docs.entry(key.clone()).or_default();
                d.title.clone_from(title);
                d.path.clone_from(path);
                d.last_read = d.last_read.max(*at);
            }
            Op::Position { key, position, at } => {
                let d = self.docs.entry(key.clone()).or_default();
                if *at >= d.position_at {
                    d.position = Some(*position);
                    d.position_at = *at;
                }
            }
            Op::AddBookmark { key, bookmark } => {
                let d = self.docs.entry(key.clone()).or_default();
                if !d.bookmarks.iter().any(|b| b.id == bookmark.id) {
                    d.bookmarks.push(bookmark.clone());
                    d.bookmarks
                        .sort_by_key(|b| (b.position.paragraph, b.position.offset));
                }
            }
            Op::DeleteBookmark { key, id } => {
                if let Some(d) = self.docs.get_mut(key) {
                    d.bookmarks.retain(|b| &b.id != id);
                }
            }
        }
    }

    /// Forget the least recently read documents beyond `MAX_DOCS`, never
    /// one with bookmarks.
    fn trim(&mut self) {
        if self.docs.len() <= MAX_DOCS {
            return;
        }
        let mut idle: Vec<(u64, String)> = self
            .docs
            .iter()
            .filter(|(_, d)| d.bookmarks.is_empty())
            .map(|(k, d)| (d.last_read, k.clone()))
            .collect();
        idle.sort();
        let excess = self.docs.len() - MAX_DOCS;
        for (_, k) in idle.into_iter().take(excess) {
            self.docs.remove(&k);
        }
    }
}

/// The key of a document: its content hash as 16 hex digits.
pub fn doc_key(content_hash: u64) -> String {
    format!("{content_hash:016x}")
}

/// Unix time in milliseconds.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The state directory: `$XDG_STATE_HOME/tifa`, else `~/.local/state/tifa`.
pub fn default_dir() -> Option<PathBuf> {
    xdg_dir("XDG_STATE_HOME", ".local/state")
}

/// `$VAR/tifa` when VAR is an absolute path, else `~/<fallback>/tifa` (the
/// XDG base directory rule).
pub fn xdg_dir(var: &str, fallback: &str) -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(var).filter(|d| !d.is_empty()) {
        let d = PathBuf::from(d);
        if d.is_absolute() {
            return Some(d.join("tifa"));
        }
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty())?;
    Some(PathBuf::from(home).join(fallback).join("tifa"))
}

/// The reading state of this process, and the changes not yet saved.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    state: State,
    pending: Vec<Op>,
    /// When the oldest unsaved change was made.
    changed_at: Option<Instant>,
    /// Messages for the user (a file moved aside, a failed save).
    pub warnings: Vec<String>,
    /// False when the file was written by a newer tifa: read, never write.
    writable: bool,
}

impl Store {
    /// Open the state in `dir` (created when missing). Never fails: what
    /// goes wrong becomes a warning, and the state starts empty.
    pub fn open(dir: &Path) -> Store {
        let mut s = Store {
            dir: dir.to_path_buf(),
            state: State::default(),
            pending: Vec::new(),
            changed_at: None,
            warnings: Vec::new(),
            writable: true,
        };
        match s.read_locked() {
            Ok(state) => s.state = state,
            Err(e) => s.warn(e),
        }
        s
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    pub fn doc(&self, key: &str) -> Option<&DocState> {
        self.state.docs.get(key)
    }

    /// Documents by when they were last read, most recent first.
    pub fn recent(&self) -> Vec<(&str, &DocState)> {
        let mut v: Vec<(&str, &DocState)> = self
            .state
            .docs
            .iter()
            .filter(|(_, d)| d.last_read > 0)
            .map(|(k, d)| (k.as_str(), d))
            .collect();
        v.sort_by(|a, b| b.1.last_read.cmp(&a.1.last_read).then(a.0.cmp(b.0)));
        v
    }

    fn record(&mut self, op: Op) {
        self.state.apply(&op);
        // Only the latest position of a document needs replaying.
        if let Op::Position { key, .. } = &op {
            self.pending
                .retain(|p| !matches!(p, Op::Position { key: k, .. } if k == key));
        }
        self.pending.push(op);
        self.changed_at.get_or_insert_with(Instant::now);
    }

    /// A document was opened.
    pub fn visit(&mut self, key: &str, title: &str, path: &str) {
        self.record(Op::Visit {
            key: key.into(),
            title: title.into(),
            path: path.into(),
            at: now_ms(),
        });
    }

    /// Where the reader is now. Does nothing when nothing moved.
    pub fn set_position(&mut self, key: &str, position: Position) {
        if self.doc(key).and_then(|d| d.position) == Some(position) {
            return;
        }
        self.record(Op::Position {
            key: key.into(),
            position,
            at: now_ms(),
        });
    }

    /// Add a bookmark; returns its id.
    pub fn add_bookmark(&mut self, key: &str, name: &str, position: Position) -> String {
        // One counter for the process: several stores in one process (the
        // tests) must not make the same id in the same millisecond.
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let created = now_ms();
        let id = format!("{created:x}-{:x}-{n}", std::process::id());
        self.record(Op::AddBookmark {
            key: key.into(),
            bookmark: Bookmark {
                id: id.clone(),
                name: name.into(),
                position,
                created,
            },
        });
        id
    }

    /// Delete a bookmark; false when there is none with that id.
    pub fn delete_bookmark(&mut self, key: &str, id: &str) -> bool {
        let exists = self
            .doc(key)
            .is_some_and(|d| d.bookmarks.iter().any(|b| b.id == id));
        if exists {
            self.record(Op::DeleteBookmark {
                key: key.into(),
                id: id.into(),
            });
        }
        exists
    }

    /// Are there changes not yet saved?
    pub fn dirty(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Should a save happen now: changes older than `after`.
    pub fn due(&self, after: Duration) -> bool {
        self.changed_at.is_some_and(|t| t.elapsed() >= after)
    }

    /// Write this process's changes, merged with what other processes
    /// saved meanwhile, and take their changes in. On failure the changes
    /// stay pending (and a warning says why).
    pub fn save(&mut self) -> Result<(), String> {
        if !self.writable {
            self.pending.clear();
            self.changed_at = None;
            return Ok(());
        }
        let res = self.save_inner();
        match &res {
            Ok(()) => {
                self.pending.clear();
                self.changed_at = None;
            }
            Err(e) => {
                // Try again later, not at once.
                self.changed_at = Some(Instant::now());
                self.warnings.push(e.clone());
            }
        }
        res
    }

    /// Take in what other processes saved, keeping this one's changes.
    pub fn reload(&mut self) {
        match self.read_locked() {
            Ok(mut state) => {
                for op in &self.pending {
                    state.apply(op);
                }
                self.state = state;
            }
            Err(e) => self.warn(e),
        }
    }

    fn warn(&mut self, e: String) {
        self.warnings.push(e);
    }

    fn save_inner(&mut self) -> Result<(), String> {
        let path = self.path();
        fs::create_dir_all(&self.dir).map_err(|e| {
            format!(
                "cannot create the state directory {}: {e}; reading positions and \
                 bookmarks will not be saved (set XDG_STATE_HOME to a writable folder)",
                self.dir.display()
            )
        })?;
        let _lock = Lock::take(&self.dir)?;
        let mut state = self.read_file()?;
        for op in &self.pending {
            state.apply(op);
        }
        state.trim();
        let text = serde_json::to_string_pretty(&state).map_err(|e| e.to_string())?;
        write_atomic(&path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        self.state = state;
        Ok(())
    }

    /// Read the file under the lock (it may be moved aside).
    fn read_locked(&mut self) -> Result<State, String> {
        if !self.path().exists() {
            return Ok(State::default());
        }
        let _lock = Lock::take(&self.dir)?;
        self.read_file()
    }

    /// Read `state.json`; missing is empty; damaged is moved aside (with a
    /// warning) and empty. Call with the lock held.
    fn read_file(&mut self) -> Result<State, String> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(State::default()),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        match serde_json::from_slice::<State>(&bytes) {
            Ok(s) if s.version <= VERSION => Ok(s),
            Ok(s) => {
                self.writable = false;
                self.warn(format!(
                    "{} was written by a newer tifa (format {}); reading positions will \
                     not be saved by this one",
                    path.display(),
                    s.version
                ));
                Ok(s)
            }
            Err(e) => {
                let aside = self.dir.join(format!(
                    "{FILE}.corrupt-{}",
                    SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs())
                ));
                let moved = fs::rename(&path, &aside);
                self.warn(match moved {
                    Ok(()) => format!(
                        "{} is damaged ({e}); moved it aside to {} and started afresh",
                        path.display(),
                        aside.display()
                    ),
                    Err(m) => format!(
                        "{} is damaged ({e}) and could not be moved aside ({m}); \
                         starting afresh",
                        path.display()
                    ),
                });
                Ok(State::default())
            }
        }
    }
}

/// An exclusive `flock` on `state.lock`, released when dropped (and by the
/// kernel if the process dies).
struct Lock(File);

impl Lock {
    fn take(dir: &Path) -> Result<Lock, String> {
        let path = dir.join("state.lock");
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        use std::os::fd::AsRawFd;
        loop {
            // SAFETY: flock on a file descriptor we own.
            let r = unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) };
            if r == 0 {
                return Ok(Lock(f));
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(format!("cannot lock {}: {e}", path.display()));
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        // SAFETY: as above; closing the file would release it too.
        unsafe {
            libc::flock(self.0.as_raw_fd(), libc::LOCK_UN);
        }
    }
}

/// Write `bytes` to `path` so that a reader sees the old file or the new
/// one, never a part: a temporary file in the same directory, fsync,
/// rename over, fsync the directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or("state".into(), |n| n.to_os_string());
    let mut tmp_name = name;
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = dir.join(tmp_name);
    let res = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res
}
