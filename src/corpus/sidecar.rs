//! Sidecar files: what a folder's owner says about its files, overriding
//! what tifa finds (title, date, author).
//!
//! Two forms, in the folder they describe:
//! - `tifa.toml`: `[files."2017政府工作报告_李克强.txt"]` tables with `title`,
//!   `date`, `author`;
//! - `tifa.csv`: a header row naming `file` and any of `title`, `date`,
//!   `author` (or 文件/标题/日期/作者), then one row per file.
//!
//! A key is a path relative to the sidecar's folder (`a.txt`,
//! `sub/b.txt`); `a.txt#3` names the third piece of a compilation, and a
//! plain `a.txt` gives its date and author to every piece (its title only
//! to a file that is one document). The nearest sidecar up the folders
//! wins. Dates are written `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `2017/3/5` or
//! `2017年3月5日`.
//!
//! What always holds: a bad sidecar, row or value gives one warning naming
//! the sidecar file and what to fix, and the rest of it still applies.

use super::dates;
use super::Warning;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sidecar file names, in the order they are read (TOML wins a tie).
pub const NAMES: &[&str] = &["tifa.toml", "tifa.csv"];

/// What a sidecar says about one file or piece.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
}

/// What the sidecars say about one file: the whole file, and its pieces by
/// 1-based number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileEntry {
    pub whole: Option<Entry>,
    pub pieces: BTreeMap<usize, Entry>,
}

impl FileEntry {
    /// The entry for piece `n` (1-based) of a file of `count` pieces.
    pub fn for_piece(&self, n: usize, count: usize) -> Entry {
        let mut e = self.pieces.get(&n).cloned().unwrap_or_default();
        if let Some(w) = &self.whole {
            e.date = e.date.or_else(|| w.date.clone());
            e.author = e.author.or_else(|| w.author.clone());
            if count == 1 {
                e.title = e.title.or_else(|| w.title.clone());
            }
        }
        e
    }
}

/// One sidecar file: its folder and its entries by key.
#[derive(Clone, Debug, Default)]
pub struct Sidecar {
    pub dir: PathBuf,
    pub entries: BTreeMap<String, Entry>,
}

/// The sidecars of a load, by folder.
#[derive(Clone, Debug, Default)]
pub struct Sidecars {
    by_dir: BTreeMap<PathBuf, Sidecar>,
}

impl Sidecars {
    pub fn is_empty(&self) -> bool {
        self.by_dir.is_empty()
    }

    /// Has the folder `dir` a sidecar already read?
    pub fn has_dir(&self, dir: &Path) -> bool {
        self.by_dir.contains_key(dir)
    }

    /// Read the sidecar at `path` (warnings go to `warnings`); a folder's
    /// first sidecar is kept, a second one is reported.
    pub fn add(&mut self, path: &Path, warnings: &mut Vec<Warning>) {
        let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
        if let Some(have) = self.by_dir.get(&dir) {
            if !have.entries.is_empty() {
                warnings.push(Warning {
                    path: path.to_path_buf(),
                    message: format!(
                        "a second sidecar in {}; only {} is read, merge the two",
                        dir.display(),
                        NAMES[0]
                    ),
                });
                return;
            }
        }
        let sc = read(path, warnings);
        self.by_dir.insert(dir, sc);
    }

    /// What the nearest sidecar says about `file`.
    pub fn for_file(&self, file: &Path) -> Option<FileEntry> {
        for dir in file.ancestors().skip(1) {
            let Some(sc) = self.by_dir.get(dir) else {
                continue;
            };
            let rel = file.strip_prefix(dir).ok()?;
            let key = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let mut fe = FileEntry {
                whole: sc.entries.get(&key).cloned(),
                ..FileEntry::default()
            };
            let prefix = format!("{key}#");
            for (k, e) in sc.entries.range(prefix.clone()..) {
                let Some(n) = k.strip_prefix(&prefix) else {
                    break;
                };
                if let Ok(n) = n.parse::<usize>() {
                    fe.pieces.insert(n, e.clone());
                }
            }
            if fe.whole.is_some() || !fe.pieces.is_empty() {
                return Some(fe);
            }
            return None;
        }
        None
    }
}

/// A sidecar date in any accepted form, as `YYYY-MM-DD`, `YYYY-MM`, `YYYY`.
fn normal_date(v: &str) -> Option<String> {
    let v = v.trim();
    let cs: Vec<char> = v.chars().collect();
    if let Some((d, n)) = dates::date_at(&cs) {
        if n == cs.len() || cs[n..].iter().all(|c| c.is_whitespace()) || d.day.is_some() {
            return Some(d.iso());
        }
    }
    // `2017-03` and `2017`.
    let parts: Vec<&str> = v.split(['-', '/', '.']).collect();
    let num = |s: &str| {
        (!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] if y.len() == 4 => num(y)
            .filter(|y| (1900..=2100).contains(y))
            .map(|y| format!("{y:04}")),
        [y, m] if y.len() == 4 => {
            let (y, m) = (num(y)?, num(m)?);
            ((1900..=2100).contains(&y) && (1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}"))
        }
        _ => None,
    }
}

/// Read one sidecar; problems become warnings naming it.
pub fn read(path: &Path, warnings: &mut Vec<Warning>) -> Sidecar {
    let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut sc = Sidecar {
        dir,
        entries: BTreeMap::new(),
    };
    let mut warn = |message: String| {
        warnings.push(Warning {
            path: path.to_path_buf(),
            message,
        })
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            warn(format!(
                "cannot read this sidecar ({e}); check its permissions"
            ));
            return sc;
        }
    };
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}');
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let rows = if is_csv {
        parse_csv(text, &mut warn)
    } else {
        parse_toml(text, &mut warn)
    };
    for (key, title, date, author) in rows {
        let date = match date {
            Some(d) if !d.trim().is_empty() => match normal_date(&d) {
                Some(n) => Some(n),
                None => {
                    warn(format!(
                        "`{key}`: date {d:?} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY); ignored"
                    ));
                    None
                }
            },
            _ => None,
        };
        let clean = |v: Option<String>| {
            v.map(|s| super::sanitize(s.trim()))
                .filter(|s| !s.is_empty())
        };
        let key = key.trim().trim_start_matches("./").to_string();
        sc.entries.insert(
            key,
            Entry {
                title: clean(title),
                date,
                author: clean(author),
            },
        );
    }
    sc
}

type Row = (String, Option<String>, Option<String>, Option<String>);

fn parse_toml(text: &str, warn: &mut impl FnMut(String)) -> Vec<Row> {
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            warn(format!(
                "not valid TOML ({}); write [files.\"name.txt\"] tables with title, date, author",
                e.message().trim()
            ));
            return Vec::new();
        }
    };
    let mut rows = Vec::new();
    for (k, v) in &table {
        if k != "files" {
            warn(format!(
                "`{k}` is not a sidecar section (known: files); ignored"
            ));
            continue;
        }
        let Some(files) = v.as_table() else {
            warn("`files` must be a table of [files.\"name.txt\"] entries; ignored".into());
            continue;
        };
        for (name, e) in files {
            let Some(e) = e.as_table() else {
                warn(format!(
                    "`files.{name}` must be a table with title, date, author; ignored"
                ));
                continue;
            };
            let mut get = |field: &str| match e.get(field) {
                None => None,
                Some(toml::Value::String(s)) => Some(s.clone()),
                Some(other) => {
                    warn(format!(
                        "`files.{name}.{field}` must be a string (got {other}); ignored"
                    ));
                    None
                }
            };
            let (t, d, a) = (get("title"), get("date"), get("author"));
            for field in e.keys() {
                if !["title", "date", "author"].contains(&field.as_str()) {
                    warn(format!(
                        "`files.{name}.{field}` is not a field (known: title, date, author); ignored"
                    ));
                }
            }
            rows.push((name.clone(), t, d, a));
        }
    }
    rows
}

fn parse_csv(text: &str, warn: &mut impl FnMut(String)) -> Vec<Row> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match r.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            warn(format!("cannot read the header row ({e}); the first row names the columns: file,title,date,author"));
            return Vec::new();
        }
    };
    let col = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    let Some(file) = col(&["file", "path", "filename", "文件", "文件名"]) else {
        warn("no `file` column in the header row; the first row names the columns: file,title,date,author".into());
        return Vec::new();
    };
    let (title, date, author) = (
        col(&["title", "标题", "標題"]),
        col(&["date", "日期"]),
        col(&["author", "作者"]),
    );
    let mut rows = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                warn(format!("row {}: {e}; skipped", i + 2));
                continue;
            }
        };
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map(str::to_string);
        match get(Some(file)) {
            Some(f) if !f.is_empty() => rows.push((f, get(title), get(date), get(author))),
            _ => warn(format!("row {}: no file name; skipped", i + 2)),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_forms() {
        for (v, want) in [
            ("2017-03-05", Some("2017-03-05")),
            ("2017/3/5", Some("2017-03-05")),
            ("2017年3月5日", Some("2017-03-05")),
            ("2017-03", Some("2017-03")),
            ("2017", Some("2017")),
            ("March 2017", None),
            ("2017-13", None),
        ] {
            assert_eq!(normal_date(v).as_deref(), want, "{v}");
        }
    }
}
