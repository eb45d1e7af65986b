//! Walking: the paths a user gave, to the list of files to read.
//!
//! Folders are walked with the `ignore` crate (ripgrep's walker): hidden
//! files and folders are skipped, `.gitignore` (inside a git work tree) and
//! `.ignore` files are honoured, symlinks are followed and a symlink loop
//! is detected and reported once. Within each path the order is by file
//! path, so a load is deterministic.
//!
//! What always holds:
//! - only regular files are ever opened: a named pipe, socket or device is
//!   reported, never read (it would block tifa forever); [`read`] opens with
//!   `O_NONBLOCK` and checks the type again on the open file, so a file
//!   swapped for a pipe after the walk cannot hang it either;
//! - a file reached through several links (hard links, symlinks, a folder
//!   given twice) is listed once, and a folder reached through several
//!   links is walked once: by device and inode;
//! - every entry that cannot be listed or read gives one [`Warning`]
//!   naming it, and the walk goes on.
//!
//! Walking does not read file contents (the sidecars aside, see `load`):
//! parsing is a separate, pure step, so an index can cache per file.

use super::Warning;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

/// What a file is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Plain text: `.txt`, `.md`, no extension (or any file named on the
    /// command line).
    Text,
    /// A web page: `.html`, `.htm`, `.xhtml`.
    Html,
    /// A Word file: `.docx`.
    Docx,
    /// A format tifa names but does not read (`.pdf`, `.doc`): one
    /// warning saying how to convert it.
    Unsupported,
    /// `tifa.toml` / `tifa.csv`: titles, dates, authors for the folder.
    Sidecar,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Html => "html",
            Kind::Docx => "docx",
            Kind::Unsupported => "unsupported",
            Kind::Sidecar => "sidecar",
        }
    }
}

/// One file to read, as the walk found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEntry {
    pub path: PathBuf,
    pub dev: u64,
    pub inode: u64,
    pub size: u64,
    pub mtime: Option<SystemTime>,
    pub kind: Kind,
}

/// The result of a walk: files in load order, and what went wrong.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<FileEntry>,
    /// Links to a file or folder already listed (path, the path it was
    /// listed or walked as).
    pub links: Vec<(PathBuf, PathBuf)>,
    pub warnings: Vec<Warning>,
}

/// What a file name is read as; `None` for files a folder walk skips
/// (images, archives …). `named`: the user named this file, so an
/// unknown extension is read as text.
pub fn kind_of(path: &Path, named: bool) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy();
    if super::sidecar::NAMES.contains(&name.as_ref()) {
        return Some(Kind::Sidecar);
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    Some(match ext.as_deref() {
        None | Some("txt" | "md" | "text") => Kind::Text,
        Some("html" | "htm" | "xhtml" | "shtml") => Kind::Html,
        Some("docx") => Kind::Docx,
        Some("pdf" | "doc" | "wps" | "rtf" | "odt") => Kind::Unsupported,
        _ if named => Kind::Text,
        _ => return None,
    })
}

fn file_kind_name(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

fn not_regular(path: &Path, ft: &std::fs::FileType) -> Warning {
    Warning {
        path: path.to_path_buf(),
        message: format!(
            "{}, not a regular file: skipped (tifa reads regular files only)",
            file_kind_name(ft)
        ),
    }
}

fn entry(path: PathBuf, meta: &std::fs::Metadata, kind: Kind) -> FileEntry {
    #[cfg(unix)]
    let (dev, inode) = {
        use std::os::unix::fs::MetadataExt;
        (meta.dev(), meta.ino())
    };
    #[cfg(not(unix))]
    let (dev, inode) = (0, 0);
    FileEntry {
        path,
        dev,
        inode,
        size: meta.len(),
        mtime: meta.modified().ok(),
        kind,
    }
}

/// The deepest path and a sentence for an `ignore` error.
fn describe(err: &ignore::Error) -> (Option<PathBuf>, String) {
    match err {
        ignore::Error::WithPath { path, err } => {
            let (p, m) = describe(err);
            (p.or_else(|| Some(path.clone())), m)
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            describe(err)
        }
        ignore::Error::Loop { ancestor, child } => (
            Some(child.clone()),
            format!(
                "symlink loop: leads back to {}; not followed again",
                ancestor.display()
            ),
        ),
        ignore::Error::Io(e) => (
            None,
            format!("cannot read: {e}; check the path and its permissions"),
        ),
        ignore::Error::Partial(errs) => match errs.first() {
            Some(e) => describe(e),
            None => (None, "cannot read; check its permissions".into()),
        },
        other => (None, format!("{other}; check the ignore files")),
    }
}

/// Folders walked so far, by device and inode: a folder reached again
/// through a link is walked once (a loop back to an ancestor is left to the
/// walker, which reports it).
#[derive(Default)]
struct Dirs {
    first: HashMap<(u64, u64), PathBuf>,
    again: Vec<(PathBuf, PathBuf)>,
}

impl Dirs {
    /// Record a folder; the path it was first walked as, if it was.
    fn visit(&mut self, dir: &Path) -> Option<PathBuf> {
        let key = dev_ino(&std::fs::metadata(dir).ok()?)?;
        match self.first.get(&key) {
            Some(p) => Some(p.clone()),
            None => {
                self.first.insert(key, dir.to_path_buf());
                None
            }
        }
    }

    /// Should the walk enter `dir`?
    fn enter(&mut self, dir: &Path) -> bool {
        match self.visit(dir) {
            None => true,
            // An ancestor: a loop, which the walker reports.
            Some(first) if dir.starts_with(&first) => true,
            Some(first) => {
                self.again.push((dir.to_path_buf(), first));
                false
            }
        }
    }
}

fn dev_ino(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        None
    }
}

/// Walk `paths` in order (see the module doc). `"-"` is standard input and
/// is left to the caller.
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut w = Walk::default();
    let dirs = Arc::new(Mutex::new(Dirs::default()));
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut first_path: std::collections::HashMap<(u64, u64), PathBuf> = Default::default();
    let mut push = |w: &mut Walk, e: FileEntry| {
        let key = (e.dev, e.inode);
        #[cfg(unix)]
        let known = !seen.insert(key);
        #[cfg(not(unix))]
        let known = {
            let _ = &mut seen;
            false
        };
        if known {
            let first = first_path.get(&key).cloned().unwrap_or_default();
            w.links.push((e.path, first));
        } else {
            first_path.insert(key, e.path.clone());
            w.files.push(e);
        }
    };
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                w.warnings.push(Warning {
                    path: root.clone(),
                    message: format!("cannot read: {e}; check the path"),
                });
                continue;
            }
        };
        if !meta.is_dir() {
            if !meta.is_file() {
                w.warnings.push(not_regular(root, &meta.file_type()));
                continue;
            }
            let kind = kind_of(root, true).unwrap_or(Kind::Text);
            push(&mut w, entry(root.clone(), &meta, kind));
            continue;
        }
        if let Some(first) = dirs.lock().ok().and_then(|mut d| d.visit(root)) {
            w.links.push((root.clone(), first));
            continue;
        }
        let seen_dirs = Arc::clone(&dirs);
        let walker = ignore::WalkBuilder::new(root)
            .follow_links(true)
            .hidden(true)
            .sort_by_file_path(|a, b| a.cmp(b))
            .filter_entry(move |de| {
                if !de.file_type().is_some_and(|t| t.is_dir()) || de.depth() == 0 {
                    return true;
                }
                match seen_dirs.lock() {
                    Ok(mut d) => d.enter(de.path()),
                    Err(_) => true,
                }
            })
            .build();
        for item in walker {
            let de = match item {
                Ok(de) => de,
                Err(err) => {
                    let (p, message) = describe(&err);
                    w.warnings.push(Warning {
                        path: p.unwrap_or_else(|| root.clone()),
                        message,
                    });
                    continue;
                }
            };
            let Some(ft) = de.file_type() else { continue };
            if ft.is_dir() {
                continue;
            }
            let Some(kind) = kind_of(de.path(), false) else {
                continue;
            };
            // With links followed, `file_type` is the target's; still ask
            // the file system, which follows links the same way.
            let meta = match std::fs::metadata(de.path()) {
                Ok(m) => m,
                Err(e) => {
                    w.warnings.push(Warning {
                        path: de.path().to_path_buf(),
                        message: format!("cannot read: {e}; check the link or permissions"),
                    });
                    continue;
                }
            };
            if !ft.is_file() || !meta.is_file() {
                w.warnings.push(not_regular(de.path(), &meta.file_type()));
                continue;
            }
            push(&mut w, entry(de.into_path(), &meta, kind));
        }
    }
    if let Ok(mut d) = dirs.lock() {
        w.links.append(&mut d.again);
    }
    w
}

/// Read one listed file, at most `max` bytes: opened without blocking,
/// checked to be a regular file on the open handle, size-checked before
/// reading. Errors are sentences for a warning.
pub fn read(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let f = o
        .open(path)
        .map_err(|e| format!("cannot read: {e}; check its permissions"))?;
    let meta = f
        .metadata()
        .map_err(|e| format!("cannot read: {e}; check its permissions"))?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta.file_type()).message);
    }
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}; check the file"))?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64, max));
    }
    Ok(bytes)
}

fn too_large(size: u64, max: u64) -> String {
    let mb = |b: u64| (b as f64 / (1u64 << 20) as f64 * 10.0).round() / 10.0;
    format!(
        "{} MB, over the {} MB limit; skipped (raise it with --max-file-mb or max_file_mb in config.toml)",
        mb(size),
        mb(max)
    )
}
