//! The catalog: which files the index holds, how each looked when it was
//! read (size, modification time, inode), and the segment, shard and slogan
//! files made from them.
//!
//! What always holds: a file is taken as unchanged only when its size,
//! modification time, inode and sidecar entry all match its record; then
//! its segment is used unread. Anything else reads the file, and its bytes
//! decide (a touched but unchanged file keeps its segment). A cache file
//! whose own size, time or inode differ from what the catalog recorded
//! when it was written is checked in full before it is used.

use super::file::{Builder, Kind, Mapped, OpenError, Verify};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const BODY: u32 = 1;

/// How a file looked: enough to notice any change but a rewrite of the
/// same size within the same nanosecond that keeps the inode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub mtime_s: i64,
    pub mtime_ns: u32,
    pub dev: u64,
    pub ino: u64,
}

impl Stamp {
    /// The stamp of a walked file, from the walk's own look at it.
    pub fn of_entry(f: &crate::corpus::FileEntry) -> Stamp {
        let (mtime_s, mtime_ns) = match f.mtime.map(|t| t.duration_since(std::time::UNIX_EPOCH)) {
            Some(Ok(d)) => (d.as_secs() as i64, d.subsec_nanos()),
            Some(Err(e)) => {
                // Before 1970: seconds round down, nanoseconds count up.
                let d = e.duration();
                match d.subsec_nanos() {
                    0 => (-(d.as_secs() as i64), 0),
                    n => (-(d.as_secs() as i64) - 1, 1_000_000_000 - n),
                }
            }
            None => (0, 0),
        };
        Stamp {
            size: f.size,
            mtime_s,
            mtime_ns,
            dev: f.dev,
            ino: f.inode,
        }
    }

    pub fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(Stamp {
            size: m.size(),
            mtime_s: m.mtime(),
            mtime_ns: m.mtime_nsec() as u32,
            dev: m.dev(),
            ino: m.ino(),
        })
    }
}

/// One source file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FileRec {
    pub path: PathBuf,
    pub stamp: Stamp,
    /// Hash of what the sidecars say about it.
    pub side: u64,
    /// xxh3 of its bytes.
    pub content: u64,
    /// Its segment's key (see `segment::file_name`).
    pub key: u64,
    /// The segment file's stamp when it was written or last checked.
    pub seg: Stamp,
    /// The file was modified less than [`RACY_SECS`] before it was read: a
    /// second change within the same clock tick would keep its stamp, so
    /// the stamp is not trusted and the bytes are read again next time
    /// (git's "racily clean" entries).
    pub racy: bool,
    /// Its documents' metadata (their text is in the segment).
    pub docs: Vec<DocMeta>,
    /// The warnings parsing it gave.
    pub warnings: Vec<String>,
}

/// What the list shows of a document, without its text.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocMeta {
    pub id: String,
    pub title: String,
    pub title_inferred: bool,
    pub script: crate::text::script::Script,
    pub chars: usize,
    pub date: Option<String>,
    pub date_source: Option<u8>,
    pub author: Option<String>,
    pub encoding: String,
    pub hash: u64,
    pub paragraphs: u32,
    pub sections: u32,
}

/// How recent a modification makes a stamp untrustworthy.
pub const RACY_SECS: i64 = 2;

impl Stamp {
    /// Was this file modified within [`RACY_SECS`] of `now` (Unix secs)?
    pub fn racy_at(&self, now: i64) -> bool {
        now - self.mtime_s <= RACY_SECS
    }
}

/// A cache file made from several files (a shard, the slogan index).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Made {
    pub key: u64,
    pub stamp: Stamp,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Catalog {
    pub files: Vec<FileRec>,
    pub shards: Vec<Made>,
    pub slogans: Option<Made>,
    /// The hits the slogan index was assembled from: their base, and the
    /// delta beside it (see `hits`).
    pub hits: Option<Made>,
    pub hits_delta: Option<Made>,
    /// The sum of the files' slogan statistics, and the files it sums: their
    /// statistics are kept until it no longer does, to be taken out of it.
    pub sum: Option<Made>,
    pub summed: Vec<u64>,
    /// Unix time of the last update.
    pub updated: u64,
}

pub const NAME: &str = "catalog";

impl Catalog {
    /// Read the catalog in `dir`, checked in full (it is small).
    pub fn read(dir: &Path) -> Result<Catalog, OpenError> {
        let m = Mapped::open(&dir.join(NAME), Kind::Catalog, Verify::Full)?;
        m.section(BODY)
            .and_then(|b| postcard::from_bytes(b).ok())
            .ok_or_else(|| OpenError::Damaged("its body cannot be read".into()))
    }

    /// Write it, whole, in place of the old one.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let body = postcard::to_allocvec(self).map_err(std::io::Error::other)?;
        let mut b = Builder::new(Kind::Catalog);
        b.bytes(BODY, body);
        b.write_atomic(&dir.join(NAME))
    }

    /// The record of `path`, if it has one.
    pub fn file(&self, path: &Path) -> Option<&FileRec> {
        self.files.iter().find(|f| f.path == path)
    }
}
