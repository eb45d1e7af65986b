//! Sentences through the cache: the search candidates in shards, one per
//! run of files (`.shd`, memory-mapped), made again only for a run whose
//! files changed.

use super::*;

impl Library {
    pub(super) fn make_sentences_timed(&self, progress: &dyn Progress) -> Candidates {
        let docs = &self.corpus.docs;
        let empty = SloganIndex::default();
        let Some(dir) = &self.dir else {
            return Candidates::build(docs, &empty, Scope::Text);
        };
        let runs = shard_runs(&self.files);
        progress.start("indexing sentences", runs.len() as u64);
        let catalog = read_catalog(dir, &mut Vec::new());
        let known: HashMap<u64, &Made> = catalog.shards.iter().map(|m| (m.key, m)).collect();
        let made: Vec<(Part, Made, Option<Warning>)> = runs
            .par_iter()
            .map(|run| {
                let files = &self.files[run.clone()];
                let key = shard_key(files);
                let range = files[0].docs.start..files[files.len() - 1].docs.end;
                let path = dir.join("seg").join(format!("{key:016x}.shd"));
                let r = open_shard(&path, known.get(&key).copied(), range.start);
                progress.inc(1);
                match r {
                    Ok((part, stamp)) => (part, Made { key, stamp }, None),
                    Err(why) => {
                        let c = Candidates::build(&docs[range.clone()], &empty, Scope::Text);
                        let part = c.parts().first().cloned().unwrap_or_default();
                        let written = file::write_atomic(&path, &shard::build(&part)).ok();
                        let stamp = written.and_then(|_| Stamp::of(&path)).unwrap_or_default();
                        let part = Part::from_tables(part.tables(), range.start as u32);
                        (part, Made { key, stamp }, why)
                    }
                }
            })
            .collect();
        let mut shards = Vec::with_capacity(made.len());
        let mut parts = Vec::with_capacity(made.len());
        let mut late = Vec::new();
        {
            let mut r = lock(&self.report);
            r.shards = made.len();
            r.shards_made = made
                .iter()
                .filter(|(_, m, _)| !known.get(&m.key).is_some_and(|k| k.stamp == m.stamp))
                .count();
        }
        for (part, m, w) in made {
            parts.push(part);
            shards.push(m);
            late.extend(w);
        }
        let same = shards.len() == catalog.shards.len()
            && shards
                .iter()
                .zip(&catalog.shards)
                .all(|(a, b)| a.key == b.key && a.stamp == b.stamp);
        if !same {
            let _lock = cache::Lock::take(&dir.join("lock")).ok();
            let mut c = read_catalog(dir, &mut Vec::new());
            c.shards = shards;
            if let Err(e) = c.write(dir) {
                late.push(Warning {
                    path: dir.join(catalog::NAME),
                    message: format!("cannot write the index ({e}); it is rebuilt next time"),
                });
            }
            collect_garbage(dir, &c);
        }
        lock(&self.late).extend(late);
        Candidates::from_parts(parts)
    }
}

/// Open shard `path`, checked in full unless its stamp is the recorded one.
/// `Err(Some(warning))`: it was damaged (set aside); `Err(None)`: missing.
fn open_shard(
    path: &Path,
    known: Option<&Made>,
    doc_base: usize,
) -> Result<(Part, Stamp), Option<Warning>> {
    let stamp = Stamp::of(path).ok_or(None)?;
    let verify = if known.is_some_and(|m| m.stamp == stamp) {
        Verify::Header
    } else {
        Verify::Full
    };
    let damaged = |e: OpenError| {
        let what = cache::set_aside(path);
        Some(Warning {
            path: path.to_path_buf(),
            message: format!("this index file is {e}; {what}"),
        })
    };
    let m = match file::Mapped::open(path, file::Kind::Segment, verify) {
        Ok(m) => Arc::new(m),
        Err(OpenError::Missing) => return Err(None),
        Err(e) => return Err(damaged(e)),
    };
    match shard::read(&m, doc_base as u32) {
        Ok(p) => Ok((p, stamp)),
        Err(e) => Err(damaged(e)),
    }
}

/// Runs of files that make one shard each: a run ends after a file whose
/// path hashes to 0 mod 32, or once it holds 8 MB. The cuts depend on the
/// files themselves, not their positions, so adding or removing a file
/// changes only the run it is in.
fn shard_runs(files: &[Loaded]) -> Vec<std::ops::Range<usize>> {
    const EVERY: u64 = 32;
    const MAX_BYTES: u64 = 8 << 20;
    let mut runs = Vec::new();
    let (mut start, mut bytes) = (0, 0u64);
    for (i, f) in files.iter().enumerate() {
        bytes += f.size;
        let h = xxhash_rust::xxh3::xxh3_64(f.path.as_os_str().as_encoded_bytes());
        if h.is_multiple_of(EVERY) || bytes >= MAX_BYTES || i + 1 == files.len() {
            if !files[start..=i].iter().all(|f| f.docs.is_empty()) {
                runs.push(start..i + 1);
            }
            start = i + 1;
            bytes = 0;
        }
    }
    runs
}

/// A shard's key: its files' segment keys, in order, and the format.
fn shard_key(files: &[Loaded]) -> u64 {
    let mut h = Xxh3::new();
    h.update(&file::FORMAT.to_le_bytes());
    h.update(&crate::search::POSTING_SHIFT.to_le_bytes());
    for f in files {
        h.update(&f.key.to_le_bytes());
    }
    h.digest()
}
