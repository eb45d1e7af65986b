//! Slogans through the cache: the corpus's statistics (`.sum`, updated
//! from the changed files' `.sts`), the selection, and the locate pass with
//! the last build's hits kept (`hits`), then the slogan index (`.slg`)
//! written and named in the catalog.

use super::*;
use crate::slogans::{CorpusStats, DocStats};
use hits::{FileDocs, Kept};
use std::sync::Arc;

/// The corpus's statistics, and what making them took.
struct Summed {
    stats: CorpusStats,
    warnings: Vec<Warning>,
    /// Files whose statistics were computed (not read).
    made: usize,
    /// Every file has a segment key, so the sum can be kept and updated.
    keepable: bool,
    /// The kept sum was updated: files taken out of it, and added.
    updated: Option<(usize, usize)>,
}

impl Library {
    pub(super) fn make_slogans_timed(&self, progress: &dyn Progress) -> SloganIndex {
        let docs = &self.corpus.docs;
        let Some(dir) = &self.dir else {
            return crate::slogans::mine(docs);
        };
        let key = slogans_key(&self.files);
        let path = mined::index_path(dir, key);
        let mut late = Vec::new();
        match mined::read_index(&path) {
            Ok(ix) => return ix,
            Err(OpenError::Missing) => {}
            Err(e) => late.push(set_aside(&path, &e)),
        }
        let t = std::time::Instant::now();
        lock(&self.report).slogans_made = true;
        // The segmenter and the script tables (about 0.15 s) are made while
        // the kept files are read.
        let ((), (before, (kept, base_key))) = rayon::join(crate::slogans::warm_up, || {
            let before = read_catalog(dir, &mut Vec::new());
            let kept = read_kept(dir, &before, &mut late);
            (before, kept)
        });
        let summed = self.summed_stats(dir, &before, progress);
        late.extend(summed.warnings);
        let stats = summed.stats;
        let keys: Vec<u64> = self.files.iter().map(|f| f.key).collect();
        let sum_path = mined::sum_path(dir, key);
        let sum_written = summed.keepable && mined::write_sum(&sum_path, &keys, &stats).is_ok();
        {
            let mut r = lock(&self.report);
            r.stats_made = summed.made;
            r.stats_updated = summed.updated;
        }
        progress.start("ranking slogans", 0);
        let stats_secs = t.elapsed().as_secs_f64();
        let chosen = crate::slogans::select(&stats);
        let select_secs = t.elapsed().as_secs_f64() - stats_secs;
        let files: Vec<FileDocs> = self
            .files
            .iter()
            .map(|f| FileDocs {
                key: f.key,
                docs: f.docs.clone(),
            })
            .collect();
        let sentences = || self.sentences(&Quiet);
        progress.start("locating slogans", 0);
        let update = hits::update(docs, &files, &chosen, kept, &sentences);
        let locate_secs = t.elapsed().as_secs_f64() - stats_secs - select_secs;
        let reuse = update.reuse;
        // A new base is named after what it holds; a delta after its base too.
        let base_key = match base_key {
            Some(k) if !reuse.new_base => k,
            _ => keyed(b"hits base", &[key]),
        };
        let delta_key = keyed(b"hits delta", &[base_key, key]);
        let runs = hits::runs(&update.tables(), &files, &chosen);
        // The hits are written while the slogans are assembled.
        let (hits_written, ix) = rayon::join(
            || write_hits(dir, &update, base_key, delta_key),
            || crate::slogans::assemble_runs(docs, &stats, chosen, &runs),
        );
        drop(runs);
        drop(update);
        {
            let mut r = lock(&self.report);
            r.stats_secs = stats_secs;
            r.select_secs = select_secs;
            r.locate_secs = locate_secs;
            r.assemble_secs = t.elapsed().as_secs_f64() - stats_secs - select_secs - locate_secs;
            r.hits = reuse;
        }
        if mined::write_index(&path, &ix).is_ok() {
            let _lock = cache::Lock::take(&dir.join("lock")).ok();
            let mut c = read_catalog(dir, &mut Vec::new());
            c.slogans = Stamp::of(&path).map(|stamp| Made { key, stamp });
            if let Some(stamp) = sum_written.then(|| Stamp::of(&sum_path)).flatten() {
                c.sum = Some(Made { key, stamp });
                c.summed = keys;
            }
            // The base must still be there: another tifa may have made a new
            // one and removed this one meanwhile; the catalog then keeps
            // naming that one, as it does when nothing could be written.
            let base = Stamp::of(&mined::hits_path(dir, base_key));
            let delta = Stamp::of(&mined::delta_path(dir, delta_key));
            match (hits_written, base, delta) {
                (Some(true), Some(b), _) => {
                    c.hits = Some(Made {
                        key: base_key,
                        stamp: b,
                    });
                    c.hits_delta = None;
                }
                (Some(false), Some(b), Some(d)) => {
                    c.hits = Some(Made {
                        key: base_key,
                        stamp: b,
                    });
                    c.hits_delta = Some(Made {
                        key: delta_key,
                        stamp: d,
                    });
                }
                _ => {}
            }
            if c.write(dir).is_ok() {
                collect_garbage(dir, &c);
            }
        }
        lock(&self.late).extend(late);
        ix
    }

    /// The corpus's statistics: the last sum with the files that left it
    /// taken out and the files new to it added, else every file's summed
    /// (from its `.sts`, else computed and kept).
    fn summed_stats(&self, dir: &Path, before: &Catalog, progress: &dyn Progress) -> Summed {
        let docs = &self.corpus.docs;
        let keepable = self.files.iter().all(|f| f.key != 0);
        let mut warnings = Vec::new();
        if let (true, Some(m)) = (keepable, &before.sum) {
            let path = mined::sum_path(dir, m.key);
            match mined::read_sum(&path) {
                Ok(sum) => {
                    let mut out: HashMap<u64, usize> = HashMap::new();
                    for &k in &sum.files {
                        *out.entry(k).or_default() += 1;
                    }
                    let mut added = Vec::new();
                    for f in &self.files {
                        match out.get_mut(&f.key) {
                            Some(n) if *n > 0 => *n -= 1,
                            _ => added.push(f),
                        }
                    }
                    let removed: Vec<u64> = out
                        .into_iter()
                        .flat_map(|(k, n)| std::iter::repeat_n(k, n))
                        .collect();
                    progress.start("mining slogans", (removed.len() + added.len()) as u64);
                    if let Some(s) = update_sum(dir, sum.stats, &removed, &added, docs, progress) {
                        return s;
                    }
                }
                Err(OpenError::Missing | OpenError::Incompatible(_)) => {}
                Err(e) => warnings.push(set_aside(&path, &e)),
            }
        }
        // The map step, per file, from the cache where it can be; summed as
        // they come (a fold per worker, then a reduce): the files'
        // statistics never all exist at once.
        progress.start("mining slogans", self.files.len() as u64);
        type Sum = (CorpusStats, Vec<Warning>, usize);
        let (stats, warned, made): Sum = self
            .files
            .par_iter()
            .fold(
                || (CorpusStats::default(), Vec::new(), 0),
                |(mut acc, mut ws, mut made), f| {
                    let (fs, w, computed) = file_stats(dir, f, docs);
                    for d in fs {
                        acc = acc.merge(d.into());
                    }
                    ws.extend(w);
                    made += usize::from(computed);
                    progress.inc(1);
                    (acc, ws, made)
                },
            )
            .reduce(
                || (CorpusStats::default(), Vec::new(), 0),
                |(a, mut wa, ma), (b, wb, mb)| {
                    wa.extend(wb);
                    (a.merge(b), wa, ma + mb)
                },
            );
        warnings.extend(warned);
        Summed {
            stats,
            warnings,
            made,
            keepable,
            updated: None,
        }
    }
}

/// `stats` with the statistics of the files of keys `removed` taken out and
/// of the files `added` added; `None` when a removed file's statistics
/// are no longer at hand (the sum is then made afresh).
fn update_sum(
    dir: &Path,
    mut stats: CorpusStats,
    removed: &[u64],
    added: &[&Loaded],
    docs: &[Document],
    progress: &dyn Progress,
) -> Option<Summed> {
    let old: Vec<Vec<DocStats>> = removed
        .par_iter()
        .map(|&k| {
            let s = mined::read_stats(&mined::stats_path(dir, k)).ok();
            progress.inc(1);
            s
        })
        .collect::<Option<_>>()?;
    for d in old.iter().flatten() {
        stats.subtract(d);
    }
    drop(old);
    let new: Vec<_> = added
        .par_iter()
        .map(|f| {
            let s = file_stats(dir, f, docs);
            progress.inc(1);
            s
        })
        .collect();
    let mut warnings = Vec::new();
    let mut made = 0;
    for (fs, w, computed) in new {
        for d in &fs {
            stats.add(d);
        }
        warnings.extend(w);
        made += usize::from(computed);
    }
    Some(Summed {
        stats,
        warnings,
        made,
        keepable: true,
        updated: Some((removed.len(), added.len())),
    })
}

/// One file's documents' slogan statistics: from its `.sts` file, else
/// computed (the file's text read, its documents on all cores) and kept.
fn file_stats(dir: &Path, f: &Loaded, docs: &[Document]) -> (Vec<DocStats>, Option<Warning>, bool) {
    let compute = || -> Vec<DocStats> {
        docs[f.docs.clone()]
            .par_iter()
            .map(crate::slogans::doc_stats)
            .collect()
    };
    if f.key == 0 {
        return (compute(), None, true);
    }
    let path = mined::stats_path(dir, f.key);
    let mut said = None;
    match mined::read_stats(&path) {
        Ok(s) if s.len() == f.docs.len() => return (s, None, false),
        Ok(_) | Err(OpenError::Missing) => {}
        Err(e) => said = Some(set_aside(&path, &e)),
    }
    let s = compute();
    let _ = mined::write_stats(&path, &s);
    (s, said, true)
}

/// Set a damaged cache file aside, and the warning that says so.
fn set_aside(path: &Path, e: &OpenError) -> Warning {
    let what = cache::set_aside(path);
    Warning {
        message: format!("this index file is {e}; {what}"),
        path: path.to_path_buf(),
    }
}

/// The hits the catalog names, read in place (a damaged file set aside,
/// with a warning), and the key of their base.
fn read_kept(dir: &Path, c: &Catalog, late: &mut Vec<Warning>) -> (Kept, Option<u64>) {
    // Read in place, like the shards: checked in full unless the file is
    // the one the catalog recorded.
    let open = |path: &Path, recorded: Stamp, late: &mut Vec<Warning>| {
        let verify = if Stamp::of(path) == Some(recorded) {
            Verify::Header
        } else {
            Verify::Full
        };
        match file::Mapped::open(path, file::Kind::Hits, verify) {
            Ok(m) => Some(Arc::new(m)),
            Err(OpenError::Missing | OpenError::Incompatible(_) | OpenError::Io(_)) => None,
            Err(e) => {
                late.push(set_aside(path, &e));
                None
            }
        }
    };
    let Some(m) = &c.hits else {
        return (Kept::default(), None);
    };
    let path = mined::hits_path(dir, m.key);
    let Some(base) = open(&path, m.stamp, late).and_then(|f| match hits::read_base(&f) {
        Ok(t) => Some(t),
        Err(e) => {
            late.push(set_aside(&path, &e));
            None
        }
    }) else {
        return (Kept::default(), None);
    };
    let mut kept = Kept {
        base: Some(base),
        ..Kept::default()
    };
    if let Some(d) = &c.hits_delta {
        let path = mined::delta_path(dir, d.key);
        if let Some(f) = open(&path, d.stamp, late) {
            match hits::read_delta(&f, m.key) {
                Ok(Some((later, recent))) => {
                    kept.later = Some(later);
                    kept.recent = Some(recent);
                }
                Ok(None) => {}
                Err(e) => late.push(set_aside(&path, &e)),
            }
        }
    }
    (kept, Some(m.key))
}

/// Write what a rebuild keeps: a new base (`Some(true)`), or the delta
/// beside the base (`Some(false)`); `None` when it could not be written.
fn write_hits(dir: &Path, u: &hits::Update, base_key: u64, delta_key: u64) -> Option<bool> {
    let (path, bytes) = if u.reuse.new_base {
        (mined::hits_path(dir, base_key), hits::base_file(&u.base))
    } else {
        (
            mined::delta_path(dir, delta_key),
            hits::delta_file(base_key, &u.later, &u.recent),
        )
    };
    bytes.ok()?.write_atomic(&path).ok()?;
    Some(u.reuse.new_base)
}

/// A key for a cache file made from what `keys` name.
fn keyed(what: &[u8], keys: &[u64]) -> u64 {
    let mut h = Xxh3::new();
    h.update(&file::FORMAT.to_le_bytes());
    h.update(what);
    for k in keys {
        h.update(&k.to_le_bytes());
    }
    h.digest()
}

/// The slogan index's key: its files' segment keys, in order.
pub(super) fn slogans_key(files: &[Loaded]) -> u64 {
    let mut h = Xxh3::new();
    h.update(&file::FORMAT.to_le_bytes());
    h.update(b"slogans");
    h.update(&crate::slogans::SCORING.to_le_bytes());
    for f in files {
        h.update(&f.key.to_le_bytes());
    }
    h.digest()
}
