//! What slogan mining keeps on disk: each source file's documents'
//! statistics (`<key>.sts`, the map step, made once per file content),
//! their sum over the corpus (`<key>.sum`, with the files it sums), and
//! the slogan index made from it (`<key>.slg`, keyed by the files' keys in
//! order). The hits it was assembled from are `hits`' own.
//!
//! So a changed file costs its own statistics, the sum updated by taking
//! out its old statistics and adding its new ones (the others' are not
//! read), the selection and the locate pass; a corpus that has not changed
//! costs reading the index.
//!
//! The slogan index is three sections: the slogans without their
//! occurrences (postcard), every slogan's occurrences packed one after
//! another ([`crate::slogans::pack_occurrences`]), and each slogan's span
//! of them with its count. Reading it decodes the slogans; a slogan's
//! occurrences are unpacked when a screen or command reads them.
//!
//! What always holds: these are checked in full when read (the
//! statistics and the sum are decoded, not read in place, so a changed
//! byte must not decode into a wrong answer); one that does not check is
//! an error, and is made again. A sum is never taken for a file's
//! statistics, nor these for a sum.

use super::file::{self, Builder, Cow, Kind, Sections, Verify};
use crate::slogans::{CorpusStats, DocStats, Occurrences, SloganIndex};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const BODY: u32 = 1;
/// The slogan index's packed occurrences, and each slogan's
/// `[start, end, count]` of them.
const OCCURRENCES: u32 = 2;
const SPANS: u32 = 3;
/// A sum's body: in a file of the statistics' kind, under a tag of its own.
const SUM: u32 = 2;

pub fn stats_path(dir: &Path, key: u64) -> PathBuf {
    dir.join("seg").join(format!("{key:016x}.sts"))
}

pub fn sum_path(dir: &Path, key: u64) -> PathBuf {
    dir.join("seg").join(format!("{key:016x}.sum"))
}

/// The base of the kept hits (see `hits`).
pub fn hits_path(dir: &Path, key: u64) -> PathBuf {
    dir.join("seg").join(format!("{key:016x}.hts"))
}

/// The delta beside it.
pub fn delta_path(dir: &Path, key: u64) -> PathBuf {
    dir.join("seg").join(format!("{key:016x}.htd"))
}

pub fn index_path(dir: &Path, key: u64) -> PathBuf {
    dir.join("seg").join(format!("{key:016x}.slg"))
}

fn read<T: serde::de::DeserializeOwned>(path: &Path, kind: Kind) -> Result<T, file::OpenError> {
    let f = Sections::open(path, kind, Verify::Full)?;
    f.read(BODY)
        .and_then(|b| postcard::from_bytes(&b).ok())
        .ok_or_else(|| file::OpenError::Damaged("its body cannot be read".into()))
}

fn write<T: serde::Serialize>(path: &Path, kind: Kind, value: &T) -> std::io::Result<()> {
    let body = postcard::to_allocvec(value).map_err(std::io::Error::other)?;
    let mut b = Builder::new(kind);
    b.bytes(BODY, body);
    b.write_atomic(path)
}

/// One file's documents' statistics.
pub fn read_stats(path: &Path) -> Result<Vec<DocStats>, file::OpenError> {
    read(path, Kind::Stats)
}

pub fn write_stats(path: &Path, stats: &[DocStats]) -> std::io::Result<()> {
    write(path, Kind::Stats, &stats)
}

/// The slogan index. Mapped, not read: the packed occurrences are read in
/// place when unpacked, and the pages the checksum read are given back.
pub fn read_index(path: &Path) -> Result<SloganIndex, file::OpenError> {
    use crate::bytes::Backing;
    let f = Arc::new(file::Mapped::open(path, Kind::Slogans, Verify::Full)?);
    let bad = |what: &str| file::OpenError::Damaged(format!("its {what} cannot be read"));
    let mut index: SloganIndex = f
        .section(BODY)
        .and_then(|b| postcard::from_bytes(b).ok())
        .ok_or_else(|| bad("body"))?;
    let spans: &[[u64; 3]] = f.table(SPANS).ok_or_else(|| bad("spans"))?;
    let packed = f.range(OCCURRENCES).ok_or_else(|| bad("occurrences"))?;
    if spans.len() != index.slogans.len() {
        return Err(bad("spans"));
    }
    let backing: Arc<dyn Backing> = f.clone();
    for (s, &[start, end, len]) in index.slogans.iter_mut().zip(spans) {
        let (start, end) = (packed.start + start as usize, packed.start + end as usize);
        if end > packed.end {
            return Err(bad("occurrences"));
        }
        s.occurrences = Occurrences::packed(Arc::clone(&backing), start..end, len as usize)
            .ok_or_else(|| bad("occurrences"))?;
    }
    f.release();
    Ok(index)
}

pub fn write_index(path: &Path, index: &SloganIndex) -> std::io::Result<()> {
    let body = postcard::to_allocvec(index).map_err(std::io::Error::other)?;
    // Packed lists are written from where they are; others packed here.
    let mut pieces = Vec::with_capacity(index.slogans.len());
    let mut spans = Vec::with_capacity(index.slogans.len());
    let mut at = 0u64;
    for s in &index.slogans {
        let piece = match s.occurrences.packed_bytes() {
            Some(b) => Cow::Borrowed(b),
            None => {
                let mut b = Vec::new();
                crate::slogans::pack_occurrences(&s.occurrences, &mut b);
                Cow::Owned(b)
            }
        };
        let end = at + piece.len() as u64;
        spans.push([at, end, s.occurrences.len() as u64]);
        pieces.push(piece);
        at = end;
    }
    let mut b = Builder::new(Kind::Slogans);
    b.bytes(BODY, body)
        .pieces(OCCURRENCES, pieces)
        .table(SPANS, &spans);
    b.write_atomic(path)
}

/// The corpus's statistics: the sum of its files' (by segment key, in
/// corpus order).
#[derive(Debug, Default, Deserialize)]
pub struct Sum {
    pub files: Vec<u64>,
    pub stats: CorpusStats,
}

#[derive(Serialize)]
struct SumRef<'a> {
    files: &'a [u64],
    stats: &'a CorpusStats,
}

pub fn read_sum(path: &Path) -> Result<Sum, file::OpenError> {
    let f = Sections::open(path, Kind::Stats, Verify::Full)?;
    f.read(SUM)
        .and_then(|b| postcard::from_bytes(&b).ok())
        .ok_or_else(|| file::OpenError::Damaged("its sum cannot be read".into()))
}

pub fn write_sum(path: &Path, files: &[u64], stats: &CorpusStats) -> std::io::Result<()> {
    let body = postcard::to_allocvec(&SumRef { files, stats }).map_err(std::io::Error::other)?;
    let mut b = Builder::new(Kind::Stats);
    b.bytes(SUM, body);
    b.write_atomic(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn statistics_and_index_read_back_as_written() {
        let c = Corpus::builtin();
        let dir = tempfile::tempdir().unwrap();
        let stats: Vec<DocStats> = c.docs.iter().map(crate::slogans::doc_stats).collect();
        let p = dir.path().join("a.sts");
        write_stats(&p, &stats).unwrap();
        assert_eq!(read_stats(&p).unwrap(), stats);
        let idx = crate::slogans::mine(&c.docs);
        let q = dir.path().join("a.slg");
        write_index(&q, &idx).unwrap();
        let back = read_index(&q).unwrap();
        assert_eq!(back.slogans.len(), idx.slogans.len());
        for (a, b) in idx.slogans.iter().zip(&back.slogans) {
            assert_eq!(
                (&a.text, a.count, &a.occurrences),
                (&b.text, b.count, &b.occurrences)
            );
            assert_eq!(
                (a.score, &a.years, &a.first, &a.expansion),
                (b.score, &b.years, &b.first, &b.expansion)
            );
        }
        // A stats file is not an index nor a sum, and a changed byte is found.
        assert!(read_index(&p).is_err());
        assert!(read_sum(&p).is_err());
        let mut bytes = std::fs::read(&q).unwrap();
        let n = bytes.len();
        bytes[n / 2] ^= 1;
        std::fs::write(&q, bytes).unwrap();
        assert!(read_index(&q).is_err());
    }

    #[test]
    fn a_sum_reads_back_as_written_and_is_not_a_files_statistics() {
        let c = Corpus::builtin();
        let dir = tempfile::tempdir().unwrap();
        let stats = crate::slogans::corpus_stats(&c.docs);
        let p = dir.path().join("a.sum");
        write_sum(&p, &[3, 1, 2], &stats).unwrap();
        let back = read_sum(&p).unwrap();
        assert_eq!((back.files, back.stats), (vec![3, 1, 2], stats));
        assert!(read_stats(&p).is_err());
    }
}
