//! `tifa index --status`: how the cache of a corpus stands, by stamps
//! alone (nothing is read or parsed).

use super::*;

/// What `tifa index --status` says.
#[derive(Debug, Default)]
pub struct Status {
    pub dir: PathBuf,
    /// Files in the catalog, and of those: unchanged by their stamps,
    /// changed; files the walk found that it lacks; files it holds that
    /// are gone.
    pub indexed: usize,
    pub fresh: usize,
    pub changed: usize,
    pub new: usize,
    pub removed: usize,
    pub shards: usize,
    pub slogans: bool,
    /// Bytes on disk: segments, shards, slogan index, catalog.
    pub segment_bytes: u64,
    pub shard_bytes: u64,
    pub slogan_bytes: u64,
    pub catalog_bytes: u64,
    /// Unix time of the last update (0: never).
    pub updated: u64,
}

/// How the cache of `paths` stands, by stamps alone (nothing is read).
pub fn status(paths: &[PathBuf], opts: &Options) -> Result<Status, String> {
    if paths.is_empty() || paths.iter().any(|p| p.as_os_str() == corpus::STDIN) {
        return Err("the built-in corpus and standard input are not indexed; \
                    give --corpus PATH"
            .into());
    }
    let root = opts
        .root
        .clone()
        .or_else(cache::default_root)
        .ok_or("no cache folder: set XDG_CACHE_HOME or HOME")?;
    let dir = cache::corpus_dir(&root, paths, &format!("{:?}", opts.load));
    let catalog = match Catalog::read(&dir) {
        Ok(c) => c,
        Err(OpenError::Missing) => Catalog::default(),
        Err(e) => {
            return Err(format!(
                "{}: the index is {e}",
                dir.join(catalog::NAME).display()
            ))
        }
    };
    let mut st = Status {
        dir: dir.clone(),
        indexed: catalog.files.len(),
        shards: catalog.shards.len(),
        slogans: catalog.slogans.is_some(),
        updated: catalog.updated,
        ..Status::default()
    };
    let by_path: HashMap<&Path, &FileRec> = catalog
        .files
        .iter()
        .map(|f| (f.path.as_path(), f))
        .collect();
    let mut found = std::collections::HashSet::new();
    Corpus::load_by(paths, &opts.load, |files, _| {
        for f in files {
            found.insert(f.path.clone());
            match by_path.get(f.path.as_path()) {
                Some(r) if Stamp::of_entry(f) == r.stamp => st.fresh += 1,
                Some(_) => st.changed += 1,
                None => st.new += 1,
            }
        }
        Vec::new()
    });
    st.removed = catalog
        .files
        .iter()
        .filter(|f| !found.contains(&f.path))
        .count();
    let size = |p: PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    st.segment_bytes = catalog
        .files
        .iter()
        .map(|f| size(dir.join("seg").join(segment::file_name(f.key))))
        .sum();
    st.shard_bytes = catalog
        .shards
        .iter()
        .map(|m| size(dir.join("seg").join(format!("{:016x}.shd", m.key))))
        .sum();
    st.slogan_bytes = catalog.slogans.as_ref().map_or(0, |m| {
        size(dir.join("seg").join(format!("{:016x}.slg", m.key)))
    });
    st.catalog_bytes = size(dir.join(catalog::NAME));
    Ok(st)
}
