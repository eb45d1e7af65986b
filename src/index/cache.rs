//! Where the index lives, and the rules for sharing it.
//!
//! `$XDG_CACHE_HOME/tifa/` (default `~/.cache/tifa/`) holds one folder per
//! corpus, named by a hash of the corpus's root paths and the load options
//! that change what is indexed. Inside: the catalog, the slogan index, and
//! `seg/`, one segment per distinct source file content.
//!
//! What always holds:
//! - Writers hold an exclusive lock (`flock` on `lock`) while they change
//!   the folder, so two tifa processes indexing one folder take turns;
//!   readers take no lock, because every file is replaced whole by rename.
//! - A file that cannot be used is moved aside as `NAME.corrupt-<time>`
//!   (or removed when it cannot be moved), with one warning naming it.
//! - When the folder cannot be created or written (read-only, full), the
//!   caller is told once and tifa works without a cache.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// `$XDG_CACHE_HOME/tifa`, else `~/.cache/tifa`.
pub fn default_root() -> Option<PathBuf> {
    crate::store::xdg_dir("XDG_CACHE_HOME", ".cache")
}

/// The folder of one corpus: `root/<16 hex digits>`, from the canonical
/// root paths (so `./a` and `/home/x/a` share one) and the options.
pub fn corpus_dir(root: &Path, paths: &[PathBuf], options: &str) -> PathBuf {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in paths {
        let p = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
        h.update(p.as_os_str().as_encoded_bytes());
        h.update(&[0]);
    }
    h.update(options.as_bytes());
    root.join(format!("{:016x}", h.digest()))
}

/// An exclusive `flock` on a file, released when dropped (and by the
/// kernel if the process dies, so a crash never leaves the cache locked).
pub struct Lock(File);

impl Lock {
    /// Wait for the lock on `path`, creating the file if needed.
    pub fn take(path: &Path) -> io::Result<Lock> {
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)?;
        loop {
            // SAFETY: flock on a file descriptor we own.
            let r = unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX) };
            if r == 0 {
                return Ok(Lock(f));
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // SAFETY: as above; closing the file would release it too.
        unsafe {
            libc::flock(self.0.as_raw_fd(), libc::LOCK_UN);
        }
    }
}

/// Make sure `dir` exists and takes files: create it, and write and remove
/// a probe file (a read-only or full disk fails here, not halfway through
/// an update).
pub fn ensure_writable(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir.join("seg"))?;
    let probe = dir.join(format!(".probe-{}", std::process::id()));
    let res = fs::write(&probe, [0u8; 4096]);
    let _ = fs::remove_file(&probe);
    res
}

/// Move a file that cannot be used out of the way, keeping it for a
/// post-mortem; returns the sentence to put in the warning.
pub fn set_aside(path: &Path) -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut aside = path.as_os_str().to_os_string();
    aside.push(format!(".corrupt-{secs}"));
    let aside = PathBuf::from(aside);
    match fs::rename(path, &aside) {
        Ok(()) => format!("moved it aside to {} and rebuilt it", aside.display()),
        Err(_) => {
            let _ = fs::remove_file(path);
            "removed it and rebuilt it".to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_folder_per_corpus_and_options() {
        let root = Path::new("/cache");
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let pa = vec![a.path().to_path_buf()];
        let pb = vec![b.path().to_path_buf()];
        assert_eq!(corpus_dir(root, &pa, ""), corpus_dir(root, &pa, ""));
        assert_ne!(corpus_dir(root, &pa, ""), corpus_dir(root, &pb, ""));
        assert_ne!(corpus_dir(root, &pa, ""), corpus_dir(root, &pa, "no-split"));
        // The same folder by another spelling is the same corpus.
        let dotted = vec![a.path().join(".")];
        assert_eq!(corpus_dir(root, &pa, ""), corpus_dir(root, &dotted, ""));
    }

    #[test]
    fn a_damaged_file_is_moved_aside() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("catalog");
        fs::write(&p, b"junk").unwrap();
        let said = set_aside(&p);
        assert!(!p.exists());
        assert!(said.contains("corrupt-"), "{said}");
        let kept: Vec<_> = fs::read_dir(d.path()).unwrap().collect();
        assert_eq!(kept.len(), 1);
    }
}
