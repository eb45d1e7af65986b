//! Slogans through the cache: each file's statistics (`.sts`) summed,
//! the selection, and the locate pass with the last build's hits kept
//! (`hits`), then the slogan index (`.slg`) written and named in the
//! catalog.

use super::*;

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
            Err(e) => {
                let what = cache::set_aside(&path);
                late.push(Warning {
                    message: format!("this index file is {e}; {what}"),
                    path: path.clone(),
                });
            }
        }
        // The map step, per file, from the cache where it can be.
        let t = std::time::Instant::now();
        progress.start("mining slogans", self.files.len() as u64);
        lock(&self.report).slogans_made = true;
        // Summed as they come (a fold per worker, then a reduce): the
        // files' statistics never all exist at once.
        type Sum = (crate::slogans::CorpusStats, Vec<Warning>, usize);
        let (stats, warned, made): Sum = self
            .files
            .par_iter()
            .fold(
                || (crate::slogans::CorpusStats::default(), Vec::new(), 0),
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
                || (crate::slogans::CorpusStats::default(), Vec::new(), 0),
                |(a, mut wa, ma), (b, wb, mb)| {
                    wa.extend(wb);
                    (a.merge(b), wa, ma + mb)
                },
            );
        late.extend(warned);
        lock(&self.report).stats_made = made;
        progress.start("ranking slogans", 0);
        let stats_secs = t.elapsed().as_secs_f64();
        let chosen = crate::slogans::select(&stats);
        let select_secs = t.elapsed().as_secs_f64() - stats_secs;
        // Hits kept from the last build, where the files are the same.
        let before = read_catalog(dir, &mut Vec::new());
        let kept = before
            .hits
            .as_ref()
            .and_then(|m| mined::read_hits(&mined::hits_path(dir, m.key)).ok());
        let files: Vec<hits::FileDocs> = self
            .files
            .iter()
            .map(|f| hits::FileDocs {
                key: f.key,
                docs: f.docs.clone(),
            })
            .collect();
        let sentences = || self.sentences(&Quiet);
        let (per_doc, reuse) = hits::locate(docs, &files, &chosen, kept, &sentences);
        let hits_path = mined::hits_path(dir, key);
        let kept_now = hits::KeptRef {
            patterns: chosen.iter().map(|c| (c.text.as_str(), c.title)).collect(),
            files: files
                .iter()
                .filter(|f| f.key != 0)
                .map(|f| (f.key, &per_doc[f.docs.clone()]))
                .collect(),
        };
        let hits_written = mined::write_hits(&hits_path, &kept_now).is_ok();
        drop(kept_now);
        let ix = crate::slogans::assemble_located(docs, &stats, chosen, per_doc);
        {
            let mut r = lock(&self.report);
            r.stats_secs = stats_secs;
            r.select_secs = select_secs;
            r.assemble_secs = t.elapsed().as_secs_f64() - stats_secs - select_secs;
            r.hits = reuse;
        }
        if mined::write_index(&path, &ix).is_ok() {
            let _lock = cache::Lock::take(&dir.join("lock")).ok();
            let mut c = read_catalog(dir, &mut Vec::new());
            c.slogans = Stamp::of(&path).map(|stamp| Made { key, stamp });
            c.hits = hits_written
                .then(|| Stamp::of(&hits_path).map(|stamp| Made { key, stamp }))
                .flatten();
            if c.write(dir).is_ok() {
                collect_garbage(dir, &c);
            }
        }
        lock(&self.late).extend(late);
        ix
    }
}

/// One file's documents' slogan statistics: from its `.sts` file, else
/// computed (the file's text read) and kept.
fn file_stats(
    dir: &Path,
    f: &Loaded,
    docs: &[Document],
) -> (Vec<crate::slogans::DocStats>, Option<Warning>, bool) {
    let compute = || -> Vec<crate::slogans::DocStats> {
        docs[f.docs.clone()]
            .iter()
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
        Err(e) => {
            let what = cache::set_aside(&path);
            said = Some(Warning {
                message: format!("this index file is {e}; {what}"),
                path: path.clone(),
            });
        }
    }
    let s = compute();
    let _ = mined::write_stats(&path, &s);
    (s, said, true)
}

/// The slogan index's key: its files' segment keys, in order.
fn slogans_key(files: &[Loaded]) -> u64 {
    let mut h = Xxh3::new();
    h.update(&file::FORMAT.to_le_bytes());
    h.update(b"slogans");
    for f in files {
        h.update(&f.key.to_le_bytes());
    }
    h.digest()
}
