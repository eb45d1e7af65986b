//! The container every index file uses: a header, a directory of tagged
//! sections, the sections, 8-byte aligned, read in place from a memory map.
//!
//! ```text
//! 0   magic "TIFAIDX\0"            8 bytes
//! 8   format version               u32   (FORMAT)
//! 12  kind                         u32   (Kind)
//! 16  section count n              u32
//! 20  byte-order mark 0x01020304   u32
//! 24  body checksum                u64   xxh3 of every byte after the directory
//! 32  header checksum              u64   xxh3 of bytes 0..32 and the directory
//! 40  directory: n × { tag u32, 0 u32, offset u64, len u64 }
//! …   sections, each at an 8-byte aligned offset
//! ```
//!
//! What always holds:
//! - A file is written whole to a temporary name and renamed into place, so a
//!   reader sees the old file or the new one, never a part ([`write_atomic`]).
//! - [`Mapped::open`] never hands out a section that lies outside the file:
//!   the header checksum, the magic, the version, the kind, the byte order
//!   and every section's bounds are checked on open. The body checksum is
//!   checked when asked ([`Verify::Full`]), which reads the whole file; the
//!   index asks for it whenever a file is not the one it wrote (see
//!   `index::catalog`).
//! - Nothing here panics on any bytes: a bad file is an [`OpenError`].

use memmap2::Mmap;
pub use std::borrow::Cow;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use xxhash_rust::xxh3::{xxh3_64, Xxh3};

pub const MAGIC: &[u8; 8] = b"TIFAIDX\0";
/// Bumped whenever any file's layout or meaning changes: an older or newer
/// file is then rebuilt, never misread.
pub const FORMAT: u32 = 8;
const BYTE_ORDER: u32 = 0x0102_0304;
const HEADER: usize = 40;
const ENTRY: usize = 24;
/// More sections than any kind has: a garbled count fails fast.
const MAX_SECTIONS: usize = 64;

/// What a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Kind {
    /// The list of indexed files and their documents' metadata.
    Catalog = 1,
    /// One source file: its documents, outlines, statistics, search data.
    Segment = 2,
    /// The corpus-wide slogan index.
    Slogans = 3,
    /// One source file's documents' slogan statistics.
    Stats = 4,
    /// The slogans' hits, per source file, kept for the next build.
    Hits = 5,
}

/// How much of a file to check on open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verify {
    /// Header, directory and bounds.
    Header,
    /// Also the checksum of every byte.
    Full,
}

/// Why a file could not be used.
#[derive(Debug)]
pub enum OpenError {
    /// There is no such file (not a problem: it is built).
    Missing,
    /// It could not be read.
    Io(io::Error),
    /// It is not a whole, intact index file.
    Damaged(String),
    /// It is intact but of another format version.
    Incompatible(u32),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::Missing => write!(f, "missing"),
            OpenError::Io(e) => write!(f, "cannot read: {e}"),
            OpenError::Damaged(why) => write!(f, "damaged ({why})"),
            OpenError::Incompatible(v) => {
                write!(f, "of format {v}, this tifa reads format {FORMAT}")
            }
        }
    }
}

fn damaged(why: impl Into<String>) -> OpenError {
    OpenError::Damaged(why.into())
}

/// Sections to be written as one file. A section is one or more pieces,
/// owned or borrowed, written one after another: a large section need
/// not be copied together first.
pub struct Builder<'a> {
    kind: Kind,
    sections: Vec<(u32, Vec<Cow<'a, [u8]>>)>,
}

impl<'a> Builder<'a> {
    pub fn new(kind: Kind) -> Builder<'a> {
        Builder {
            kind,
            sections: Vec::new(),
        }
    }

    /// Add a section of raw bytes under `tag` (tags are the caller's).
    pub fn bytes(&mut self, tag: u32, bytes: Vec<u8>) -> &mut Builder<'a> {
        self.sections.push((tag, vec![Cow::Owned(bytes)]));
        self
    }

    /// Add a section made of `pieces`, one after another.
    pub fn pieces(
        &mut self,
        tag: u32,
        pieces: impl IntoIterator<Item = Cow<'a, [u8]>>,
    ) -> &mut Builder<'a> {
        self.sections.push((tag, pieces.into_iter().collect()));
        self
    }

    /// Add a section of plain-old-data values, read back with
    /// [`Mapped::table`].
    pub fn table<T: bytemuck::Pod>(&mut self, tag: u32, values: &[T]) -> &mut Builder<'a> {
        self.bytes(tag, bytemuck::cast_slice(values).to_vec())
    }

    /// [`Builder::table`] with the values borrowed, not copied.
    pub fn table_of<T: bytemuck::Pod>(&mut self, tag: u32, values: &'a [T]) -> &mut Builder<'a> {
        self.pieces(tag, [Cow::Borrowed(bytemuck::cast_slice(values))])
    }

    /// The file's bytes.
    pub fn finish(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.layout().1);
        self.write_to(&mut out)
            .expect("writing to a Vec does not fail");
        out
    }

    /// Write the file to `path` as [`write_atomic`] does, streamed: its
    /// sections are not copied into one buffer first.
    pub fn write_atomic(&self, path: &Path) -> io::Result<()> {
        write_atomic_with(path, |f| {
            self.write_to(&mut io::BufWriter::with_capacity(CHUNK, f))
        })
    }

    /// Each section's length and offset, and the file's length.
    fn layout(&self) -> (Vec<(usize, usize)>, usize) {
        let mut at = align8(HEADER + self.sections.len() * ENTRY);
        let mut out = Vec::with_capacity(self.sections.len());
        for (_, pieces) in &self.sections {
            let len = pieces.iter().map(|p| p.len()).sum();
            out.push((len, at));
            at = align8(at + len);
        }
        (out, at)
    }

    /// The body after the directory (laid out as `layout`), piece by
    /// piece, with the zero bytes that align each section.
    fn body(
        &self,
        layout: &[(usize, usize)],
        mut each: impl FnMut(&[u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut at = HEADER + self.sections.len() * ENTRY;
        for ((_, pieces), &(len, off)) in self.sections.iter().zip(layout) {
            each(&[0; 8][..off - at])?;
            for p in pieces {
                each(p)?;
            }
            at = off + len;
        }
        each(&[0; 8][..align8(at) - at])
    }

    /// Write the whole file: the header and directory (with the body's
    /// checksum, taken in a first pass), then the body.
    fn write_to(&self, w: &mut impl Write) -> io::Result<()> {
        let n = self.sections.len();
        let dir_end = HEADER + n * ENTRY;
        let (layout, _) = self.layout();
        let mut sum = Xxh3::new();
        self.body(&layout, |b| {
            sum.update(b);
            Ok(())
        })?;
        let mut head = vec![0u8; dir_end];
        head[..8].copy_from_slice(MAGIC);
        put_u32(&mut head, 8, FORMAT);
        put_u32(&mut head, 12, self.kind as u32);
        put_u32(&mut head, 16, n as u32);
        put_u32(&mut head, 20, BYTE_ORDER);
        for (i, ((tag, _), &(len, off))) in self.sections.iter().zip(&layout).enumerate() {
            let e = HEADER + i * ENTRY;
            put_u32(&mut head, e, *tag);
            put_u64(&mut head, e + 8, off as u64);
            put_u64(&mut head, e + 16, len as u64);
        }
        put_u64(&mut head, 24, sum.digest());
        let check = header_checksum(&head);
        put_u64(&mut head, 32, check);
        w.write_all(&head)?;
        self.body(&layout, |b| w.write_all(b))?;
        w.flush()
    }
}

fn align8(n: usize) -> usize {
    n.div_ceil(8) * 8
}

fn put_u32(out: &mut [u8], at: usize, v: u32) {
    out[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

fn put_u64(out: &mut [u8], at: usize, v: u64) {
    out[at..at + 8].copy_from_slice(&v.to_le_bytes());
}

fn get_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn get_u64(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// xxh3 of the header's first 32 bytes and the directory (the header
/// checksum's own 8 bytes are left out).
fn header_checksum(head: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&head[..32]);
    h.update(&head[HEADER.min(head.len())..]);
    h.digest()
}

/// One section's place in the file.
#[derive(Clone, Copy, Debug)]
struct Entry {
    tag: u32,
    start: usize,
    end: usize,
}

/// A file opened for reading, mapped into memory: sections are read in
/// place, and only the pages that are read come off the disk.
pub struct Mapped {
    map: Mmap,
    entries: Vec<Entry>,
}

impl Mapped {
    /// Map `path` and check it (see the module doc).
    pub fn open(path: &Path, kind: Kind, verify: Verify) -> Result<Mapped, OpenError> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(OpenError::Missing),
            Err(e) => return Err(OpenError::Io(e)),
        };
        let len = file.metadata().map_err(OpenError::Io)?.len();
        if len < HEADER as u64 {
            return Err(damaged(format!("{len} bytes, shorter than a header")));
        }
        // SAFETY: the index writes its files whole under a temporary name
        // and renames them into place, never writing into a file that has
        // a name, so the mapped bytes do not change under us while tifa
        // runs. A file changed by something else is caught by the checks
        // below or, when the catalog sees it changed, by the checksum.
        let map = unsafe { Mmap::map(&file) }.map_err(OpenError::Io)?;
        Mapped::check(map, kind, verify)
    }

    fn check(map: Mmap, kind: Kind, verify: Verify) -> Result<Mapped, OpenError> {
        let b: &[u8] = &map;
        let dir = Directory::parse(b, b.len() as u64, kind)?;
        if verify == Verify::Full && get_u64(b, 24) != Some(xxh3_64(&b[dir.end..])) {
            return Err(damaged("checksum mismatch"));
        }
        Ok(Mapped {
            map,
            entries: dir.entries,
        })
    }

    /// The bytes of the section tagged `tag`.
    pub fn section(&self, tag: u32) -> Option<&[u8]> {
        let e = self.entries.iter().find(|e| e.tag == tag)?;
        self.map.get(e.start..e.end)
    }

    /// A section of plain-old-data values; `None` when missing or of a size
    /// that is not a whole number of values.
    pub fn table<T: bytemuck::Pod>(&self, tag: u32) -> Option<&[T]> {
        bytemuck::try_cast_slice(self.section(tag)?).ok()
    }

    /// The whole file's length in bytes.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The byte range of section `tag` in the file, for tables that keep
    /// the file alive and read it in place ([`crate::bytes::Table`]).
    pub fn range(&self, tag: u32) -> Option<std::ops::Range<usize>> {
        let e = self.entries.iter().find(|e| e.tag == tag)?;
        Some(e.start..e.end)
    }
}

impl Mapped {
    pub fn populate(&self, tag: u32) {
        if let Some(r) = self.range(tag) {
            let start = r.start / 4096 * 4096;
            let t = std::time::Instant::now();
            let _ = self
                .map
                .advise_range(memmap2::Advice::PopulateRead, start, r.end - start);
            if std::env::var_os("TIFA_T").is_some() {
                eprintln!("populate {:.3}", t.elapsed().as_secs_f64());
            }
        }
    }
}

impl crate::bytes::Backing for Mapped {
    fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// Drop this process's mappings of the pages read (`MADV_DONTNEED`).
    /// The kernel maps 16 pages around each page a query faults in, so a
    /// query that reads 4,000 scattered sentences would otherwise keep most
    /// of a shard resident; given back, the pages stay in the page cache
    /// and cost a minor fault when read again.
    fn release(&self) {
        // SAFETY: the map is a read-only shared mapping of a file that is
        // never written while it has a name (see `open`), so pages dropped
        // here read back with the same bytes: a borrow of the map held
        // elsewhere sees no change. (For private or anonymous mappings
        // DONTNEED would zero them; this is neither.)
        let _ = unsafe {
            self.map
                .unchecked_advise(memmap2::UncheckedAdvice::DontNeed)
        };
    }
}

impl fmt::Debug for Mapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Mapped({} bytes, {} sections)",
            self.map.len(),
            self.entries.len()
        )
    }
}

/// A file's directory, checked: every section inside the file.
struct Directory {
    entries: Vec<Entry>,
    /// Where the directory ends (the body, which the checksum covers,
    /// starts).
    end: usize,
}

impl Directory {
    /// Check the header at the start of `b` (the whole file, or at least
    /// its header and directory) of a file of `len` bytes.
    fn parse(b: &[u8], len: u64, kind: Kind) -> Result<Directory, OpenError> {
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(damaged("not a tifa index file"));
        }
        let n = get_u32(b, 16).unwrap_or(u32::MAX) as usize;
        if n > MAX_SECTIONS {
            return Err(damaged(format!("{n} sections")));
        }
        let end = HEADER + n * ENTRY;
        if end > b.len() {
            return Err(damaged("truncated in its directory"));
        }
        if get_u64(b, 32) != Some(header_checksum(&b[..end])) {
            return Err(damaged("header checksum mismatch"));
        }
        let version = get_u32(b, 8).unwrap_or(0);
        if version != FORMAT {
            return Err(OpenError::Incompatible(version));
        }
        if get_u32(b, 20) != Some(BYTE_ORDER) {
            return Err(damaged("written on a machine of the other byte order"));
        }
        if get_u32(b, 12) != Some(kind as u32) {
            return Err(damaged(format!("not a {kind:?} file")));
        }
        let mut entries = Vec::with_capacity(n);
        for i in 0..n {
            let e = HEADER + i * ENTRY;
            let (Some(tag), Some(off), Some(slen)) =
                (get_u32(b, e), get_u64(b, e + 8), get_u64(b, e + 16))
            else {
                return Err(damaged("truncated in its directory"));
            };
            let fits = off % 8 == 0
                && off >= end as u64
                && off.checked_add(slen).is_some_and(|x| x <= len);
            if !fits {
                return Err(damaged(format!("section {tag} lies outside the file")));
            }
            entries.push(Entry {
                tag,
                start: off as usize,
                end: (off + slen) as usize,
            });
        }
        Ok(Directory { entries, end })
    }
}

/// A file opened for reading by parts, without a memory map: for small
/// files whose sections are read whole when needed (a map would put all
/// of a small file in the process's resident set at the first touch, as
/// the kernel maps the pages around a fault).
pub struct Sections {
    file: File,
    entries: Vec<Entry>,
}

impl Sections {
    /// Open `path` and check it: its header and directory, and with
    /// [`Verify::Full`] the checksum of every byte (which reads the file).
    pub fn open(path: &Path, kind: Kind, verify: Verify) -> Result<Sections, OpenError> {
        use std::os::unix::fs::FileExt;
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(OpenError::Missing),
            Err(e) => return Err(OpenError::Io(e)),
        };
        let len = file.metadata().map_err(OpenError::Io)?.len();
        let dir = if verify == Verify::Full {
            let all = fs::read(path).map_err(OpenError::Io)?;
            let dir = Directory::parse(&all, all.len() as u64, kind)?;
            if get_u64(&all, 24) != Some(xxh3_64(&all[dir.end..])) {
                return Err(damaged("checksum mismatch"));
            }
            dir
        } else {
            // The header and a directory of the largest size allowed, or
            // the whole file when it is shorter.
            let mut head = vec![0u8; (HEADER + MAX_SECTIONS * ENTRY).min(len as usize)];
            file.read_exact_at(&mut head, 0).map_err(OpenError::Io)?;
            Directory::parse(&head, len, kind)?
        };
        Ok(Sections {
            file,
            entries: dir.entries,
        })
    }

    /// Section `tag`, read whole; `None` when it is missing or the read
    /// fails (a file truncated since it was opened).
    pub fn read(&self, tag: u32) -> Option<Vec<u8>> {
        let e = self.entries.iter().find(|e| e.tag == tag)?;
        self.read_range(tag, 0..e.end - e.start)
    }

    /// Bytes `r` of section `tag`.
    pub fn read_range(&self, tag: u32, r: std::ops::Range<usize>) -> Option<Vec<u8>> {
        use std::os::unix::fs::FileExt;
        let e = self.entries.iter().find(|e| e.tag == tag)?;
        if r.start > r.end || r.end > e.end - e.start {
            return None;
        }
        let mut buf = vec![0u8; r.end - r.start];
        self.file
            .read_exact_at(&mut buf, (e.start + r.start) as u64)
            .ok()?;
        Some(buf)
    }

    /// The length of section `tag`.
    pub fn len(&self, tag: u32) -> Option<usize> {
        let e = self.entries.iter().find(|e| e.tag == tag)?;
        Some(e.end - e.start)
    }

    /// Section `tag` as plain-old-data values.
    pub fn read_table<T: bytemuck::Pod>(&self, tag: u32) -> Option<Vec<T>> {
        let b = self.read(tag)?;
        if b.len() % std::mem::size_of::<T>() != 0 {
            return None;
        }
        // Copied into a vector of T, so alignment is the vector's.
        let mut v = vec![T::zeroed(); b.len() / std::mem::size_of::<T>()];
        bytemuck::cast_slice_mut::<T, u8>(&mut v).copy_from_slice(&b);
        Some(v)
    }
}

/// Write `bytes` to `path` so that a reader sees the old file or the new
/// one, never a part: a temporary file in the same directory, then a
/// rename. Written in pieces of 16 KB: the page cache then holds the file
/// in small pages, and a reader's memory map takes in only what it
/// touches (one large write can fill the cache with 2 MB pages, each
/// mapped whole at its first touch). Two writers of one path (two tifa processes) each rename a
/// whole file of their own; the last rename wins.
///
/// No fsync: a crash may lose a cache file or leave it damaged, and a
/// damaged file is found by its checks and rebuilt; [`sync_dir`] makes the
/// files durable at once where order matters.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Pieces of the page cache's liking (see [`write_atomic`]).
const CHUNK: usize = 16 << 10;

/// A writer that hands its file no more than [`CHUNK`] bytes at a time.
struct Chunked<'f>(&'f mut File);

impl Write for Chunked<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(&buf[..buf.len().min(CHUNK)])
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// [`write_atomic`] with the bytes written by `write`, through a
/// [`Chunked`] writer.
fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(format!(
        ".tmp-{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp = dir.join(tmp_name);
    let res = (|| {
        let mut f = File::create(&tmp)?;
        write(&mut Chunked(&mut f))?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res
}

/// Flush every file of the filesystem holding `dir` to disk (one
/// `syncfs`), so that files written so far are durable before a file that
/// names them (the catalog) replaces the old one.
pub fn sync_dir(dir: &Path) {
    use std::os::fd::AsRawFd;
    if let Ok(d) = File::open(dir) {
        // SAFETY: syncfs on a descriptor we own; its result only tells
        // whether the flush worked, and a failed flush is not an error
        // here (see write_atomic).
        unsafe {
            libc::syncfs(d.as_raw_fd());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Vec<u8> {
        let mut b = Builder::new(Kind::Segment);
        b.bytes(7, "四个自信".as_bytes().to_vec())
            .table::<u32>(9, &[1, 2, 3, 0xdead_beef])
            .bytes(11, Vec::new());
        b.finish()
    }

    fn open_bytes(bytes: &[u8], kind: Kind, verify: Verify) -> Result<Mapped, OpenError> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs::write(&p, bytes).unwrap();
        Mapped::open(&p, kind, verify)
    }

    fn read_bytes(bytes: &[u8], kind: Kind, verify: Verify) -> Result<Sections, OpenError> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        fs::write(&p, bytes).unwrap();
        Sections::open(&p, kind, verify)
    }

    #[test]
    fn sections_read_back_as_written() {
        let m = open_bytes(&sample(), Kind::Segment, Verify::Full).unwrap();
        assert_eq!(m.section(7), Some("四个自信".as_bytes()));
        assert_eq!(m.table::<u32>(9), Some(&[1, 2, 3, 0xdead_beef][..]));
        assert_eq!(m.section(11), Some(&[][..]));
        assert_eq!(m.section(8), None);
        for verify in [Verify::Header, Verify::Full] {
            let r = read_bytes(&sample(), Kind::Segment, verify).unwrap();
            assert_eq!(r.read(7).as_deref(), Some("四个自信".as_bytes()));
            assert_eq!(r.read_range(7, 3..6).as_deref(), Some("个".as_bytes()));
            assert_eq!(r.read_range(7, 3..13), None);
            assert_eq!(r.read_table::<u32>(9), Some(vec![1, 2, 3, 0xdead_beef]));
            assert_eq!(r.read(8), None);
        }
    }

    #[test]
    fn a_mapped_table_reads_the_same_after_its_pages_are_given_back() {
        use crate::bytes::{Backing, Table};
        let m = std::sync::Arc::new(open_bytes(&sample(), Kind::Segment, Verify::Full).unwrap());
        let range = m.range(9).unwrap();
        let t: Table<u32> = Table::mapped(m.clone(), range).unwrap();
        assert_eq!(&t[..], &[1, 2, 3, 0xdead_beef]);
        t.release();
        m.release();
        assert_eq!(&t[..], &[1, 2, 3, 0xdead_beef]);
        assert_eq!(m.section(7), Some("四个自信".as_bytes()));
    }

    #[test]
    fn another_kind_or_version_is_refused() {
        assert!(matches!(
            open_bytes(&sample(), Kind::Catalog, Verify::Header),
            Err(OpenError::Damaged(_))
        ));
        let mut b = sample();
        put_u32(&mut b, 8, FORMAT + 1);
        let n = get_u32(&b, 16).unwrap() as usize;
        let head = header_checksum(&b[..HEADER + n * ENTRY]);
        put_u64(&mut b, 32, head);
        assert!(matches!(
            open_bytes(&b, Kind::Segment, Verify::Header),
            Err(OpenError::Incompatible(v)) if v == FORMAT + 1
        ));
    }

    proptest! {
        /// Sections of any pieces, streamed to a file, are that file's
        /// [`Builder::finish`] bytes, pass the full check, and read back as
        /// their pieces one after another.
        #[test]
        fn pieces_write_as_one_section(
            sections in proptest::collection::vec(
                proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 0..5),
                0..6,
            ),
        ) {
            let mut b = Builder::new(Kind::Hits);
            for (tag, pieces) in sections.iter().enumerate() {
                b.pieces(tag as u32, pieces.iter().map(|p| Cow::Borrowed(&p[..])));
            }
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("f");
            b.write_atomic(&p).unwrap();
            prop_assert_eq!(fs::read(&p).unwrap(), b.finish());
            let m = Mapped::open(&p, Kind::Hits, Verify::Full).unwrap();
            for (tag, pieces) in sections.iter().enumerate() {
                prop_assert_eq!(m.section(tag as u32), Some(&pieces.concat()[..]));
            }
        }

        /// Any truncation is refused; any changed byte is refused by the
        /// full check, and never makes a section reach outside the file.
        #[test]
        fn damage_is_found(cut in 0usize..200, at in 0usize..200, x in 1u8..=255) {
            let good = sample();
            let cut = cut % good.len();
            prop_assert!(open_bytes(&good[..cut], Kind::Segment, Verify::Header).is_err());
            prop_assert!(read_bytes(&good[..cut], Kind::Segment, Verify::Header).is_err());
            let mut bad = good.clone();
            let at = at % bad.len();
            bad[at] ^= x;
            prop_assert!(open_bytes(&bad, Kind::Segment, Verify::Full).is_err());
            prop_assert!(read_bytes(&bad, Kind::Segment, Verify::Full).is_err());
            if let Ok(m) = open_bytes(&bad, Kind::Segment, Verify::Header) {
                for tag in 0..16 {
                    if let Some(s) = m.section(tag) {
                        prop_assert!(s.len() <= bad.len());
                    }
                }
            }
        }
    }
}
