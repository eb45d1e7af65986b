//! The on-disk index as users meet it: real processes on a folder written
//! by the test, with a cache folder of the test's own.
//!
//! An edited file is found as it is now; a damaged cache gives one warning
//! and the right answer; two `tifa index` at once leave a valid index; and
//! `--no-cache` answers exactly as the cache does.

use crate::common;

use assert_cmd::Command;
use std::fs;
use std::path::PathBuf;
use tifa::corpus::BUILTIN;

/// A folder of documents (the built-in ones) and a cache of its own.
struct Setup {
    docs: tempfile::TempDir,
    cache: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let docs = tempfile::tempdir().unwrap();
        for (name, bytes) in BUILTIN {
            fs::write(docs.path().join(name), bytes).unwrap();
        }
        Setup {
            docs,
            cache: tempfile::tempdir().unwrap(),
        }
    }

    /// Run `args` (after the subcommand) and give (stdout, stderr).
    fn run(&self, cmd: &str, args: &[&str]) -> (String, String) {
        let mut c = Command::cargo_bin("tifa").unwrap();
        let out = c
            .env("XDG_CACHE_HOME", self.cache.path())
            .env("XDG_CONFIG_HOME", "/nonexistent/tifa-test-config")
            .env("XDG_STATE_HOME", "/nonexistent/tifa-test-state")
            .arg(cmd)
            .arg("--corpus")
            .arg(self.docs.path())
            .args(args)
            .timeout(std::time::Duration::from_secs(120))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tifa {cmd} {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// The cache files of one kind (`seg`, `shd`, `slg`).
    fn cache_files(&self, ext: &str) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for corpus in fs::read_dir(self.cache.path().join("tifa")).unwrap() {
            let seg = corpus.unwrap().path().join("seg");
            for e in fs::read_dir(seg).unwrap() {
                let p = e.unwrap().path();
                if p.extension().is_some_and(|x| x == ext) {
                    out.push(p);
                }
            }
        }
        out.sort();
        out
    }

    fn catalog(&self) -> PathBuf {
        let corpus = fs::read_dir(self.cache.path().join("tifa"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        corpus.path().join("catalog")
    }
}

/// Texts of the sentence hits of `query`, from `tifa search --json`.
fn hits(s: &Setup, query: &str) -> Vec<String> {
    let (out, _) = s.run(
        "search",
        &[query, "--in", "text", "--json", "--limit", "1000"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|h| h["snippet"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn an_edited_file_is_found_as_it_is_now() {
    let s = Setup::new();
    s.run("index", &[]);
    assert!(!hits(&s, "'两个维护").is_empty());
    // Replace a phrase everywhere it stands in one file.
    let name = BUILTIN
        .iter()
        .find(|(_, b)| String::from_utf8_lossy(b).contains("两个维护"))
        .unwrap()
        .0;
    let path = s.docs.path().join(name);
    let old = fs::read_to_string(&path).unwrap();
    let new = old.replace("两个维护", "青蛙跳水");
    fs::write(&path, &new).unwrap();
    let found = hits(&s, "'青蛙跳水");
    assert_eq!(
        found.len(),
        new.lines()
            .flat_map(|l| l.split_inclusive(['。', '！', '？', '；']))
            .filter(|x| x.contains("青蛙跳水"))
            .count()
    );
    // Its old text is gone from that file (other files may still say it).
    let others: usize = BUILTIN
        .iter()
        .filter(|(n, _)| *n != name)
        .map(|(_, b)| String::from_utf8_lossy(b).matches("两个维护").count())
        .sum();
    let (out, _) = s.run("search", &["'两个维护", "--in", "text", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let stem = name.trim_end_matches(".txt");
    assert!(v.as_array().unwrap().iter().all(|h| h["doc"] != stem));
    assert_eq!(others == 0, v.as_array().unwrap().is_empty());
    // `show` prints the new text too.
    let (shown, _) = s.run("show", &[stem, "--width", "100000"]);
    assert!(shown.contains("青蛙跳水") && !shown.contains("两个维护"));

    // The same size in the same clock tick: an edit the stamp cannot see
    // (made here by putting the old time back) is still caught, because
    // a stamp that fresh is not trusted.
    let same_size = new.replace("青蛙跳水", "蜻蜓点水");
    assert_eq!(same_size.len(), new.len());
    let stamp = fs::metadata(&path).unwrap().modified().unwrap();
    fs::write(&path, &same_size).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(stamp)
        .unwrap();
    assert!(!hits(&s, "'蜻蜓点水").is_empty());
    assert!(hits(&s, "'青蛙跳水").is_empty());
}

#[test]
fn a_removed_file_is_gone_and_an_added_one_found() {
    let s = Setup::new();
    s.run("index", &[]);
    let (before, _) = s.run("list", &["--json"]);
    let n = serde_json::from_str::<serde_json::Value>(&before)
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    fs::remove_file(s.docs.path().join(BUILTIN[0].0)).unwrap();
    fs::write(
        s.docs.path().join("new.txt"),
        "新来的文件\n青蛙跳水是一个新提法。\n",
    )
    .unwrap();
    let (after, _) = s.run("list", &["--json"]);
    let v: serde_json::Value = serde_json::from_str(&after).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), n);
    assert!(ids.contains(&"new") && !ids.contains(&BUILTIN[0].0.trim_end_matches(".txt")));
    assert_eq!(hits(&s, "'青蛙跳水").len(), 1);
    // What the removed file held is gone from the cache folder too.
    let (status, _) = s.run("index", &["--status"]);
    assert!(status.contains("fresh:    yes"), "{status}");
}

#[test]
fn a_damaged_cache_gives_one_warning_and_the_right_answer() {
    let s = Setup::new();
    s.run("index", &[]);
    let right = hits(&s, "脱贫攻坚");
    let (right_list, _) = s.run("list", &["--json"]);
    assert!(!right.is_empty());

    // A truncated segment, a garbled shard, a catalog of noise: each is
    // named once, set aside, rebuilt, and the answers do not change.
    let seg = s.cache_files("seg")[0].clone();
    let bytes = fs::read(&seg).unwrap();
    fs::write(&seg, &bytes[..bytes.len() / 2]).unwrap();
    let shard = s.cache_files("shd")[0].clone();
    let mut bytes = fs::read(&shard).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 64] {
        *b ^= 0x5a;
    }
    fs::write(&shard, &bytes).unwrap();
    let (out, err) = s.run(
        "search",
        &["脱贫攻坚", "--in", "text", "--json", "--limit", "1000"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let got: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["snippet"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, right);
    for f in [&seg, &shard] {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let lines = err.lines().filter(|l| l.contains(&name)).count();
        assert_eq!(lines, 1, "one warning naming {name}:\n{err}");
    }
    assert!(err.contains("moved it aside"), "{err}");
    // Said once: the next run is quiet again.
    let (_, err) = s.run("search", &["脱贫攻坚", "--in", "text"]);
    assert!(err.is_empty(), "{err}");

    fs::write(s.catalog(), b"not an index at all").unwrap();
    let (list, err) = s.run("list", &["--json"]);
    assert_eq!(list, right_list);
    assert_eq!(
        err.lines().filter(|l| l.contains("catalog")).count(),
        1,
        "{err}"
    );
    let (_, err) = s.run("list", &[]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn two_indexers_at_once_leave_a_valid_index() {
    let s = Setup::new();
    let spawn = || {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("tifa"))
            .env("XDG_CACHE_HOME", s.cache.path())
            .env("XDG_CONFIG_HOME", "/nonexistent/tifa-test-config")
            .env("XDG_STATE_HOME", "/nonexistent/tifa-test-state")
            .arg("index")
            .arg("--corpus")
            .arg(s.docs.path())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for p in [a, b] {
        let out = p.wait_with_output().unwrap();
        assert!(out.status.success());
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let (status, _) = s.run("index", &["--status"]);
    assert!(status.contains("fresh:    yes"), "{status}");
    // Everything in it reads back whole: a full check finds no damage, and
    // the answers are those of a fresh build in memory.
    let (cached, err) = s.run("search", &["sgzx", "--json"]);
    assert!(err.is_empty(), "{err}");
    let (fresh, _) = s.run("search", &["sgzx", "--json", "--no-cache"]);
    assert_eq!(cached, fresh);
}

#[test]
fn no_cache_answers_as_the_cache_does() {
    let s = Setup::new();
    // Cold, warm, and without the cache: the same bytes out.
    for (cmd, args) in [
        ("list", vec!["--json"]),
        ("outline", vec!["3", "--json"]),
        ("show", vec!["5", "--width", "40"]),
        ("search", vec!["四自信", "--json"]),
        ("search", vec!["兩個維護", "--in", "text", "--json"]),
        ("slogans", vec!["--json", "--limit", "30"]),
        ("trend", vec!["四个自信", "脱贫攻坚", "--json"]),
        ("kwic", vec!["两个维护", "--csv"]),
        ("compare", vec!["2", "3", "--json"]),
    ] {
        let (cold, _) = s.run(cmd, &args);
        let (warm, _) = s.run(cmd, &args);
        let mut no = args.clone();
        no.push("--no-cache");
        let (none, _) = s.run(cmd, &no);
        assert_eq!(cold, warm, "{cmd} {args:?}: warm");
        assert_eq!(cold, none, "{cmd} {args:?}: --no-cache");
    }
}

#[test]
fn an_unusable_cache_folder_means_no_cache_said_once() {
    let s = Setup::new();
    // A cache "folder" inside a regular file cannot be made, even by root.
    let blocker = s.cache.path().join("file");
    fs::write(&blocker, b"x").unwrap();
    let out = Command::cargo_bin("tifa")
        .unwrap()
        .env("XDG_CACHE_HOME", &blocker)
        .env("XDG_CONFIG_HOME", "/nonexistent/tifa-test-config")
        .env("XDG_STATE_HOME", "/nonexistent/tifa-test-state")
        .args(["search", "四自信", "--json", "--corpus"])
        .arg(s.docs.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("without it"), "{err}");
    let (with_cache, _) = s.run("search", &["四自信", "--json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), with_cache);
}

/// The reader on a library: its list, outlines and finder through the
/// cache, cold and then warm, are what the reader shows of the corpus
/// loaded in memory.
#[test]
fn the_reader_through_the_cache_shows_what_memory_shows() {
    use std::sync::Arc;
    use tifa::index::{Library, Options, Quiet};
    use tifa::tui::app::App;
    let s = Setup::new();
    let paths = vec![s.docs.path().to_path_buf()];
    let open = |no_cache: bool| {
        let opts = Options {
            no_cache,
            root: Some(s.cache.path().join("tifa")),
            ..Options::default()
        };
        Arc::new(Library::open(&paths, &opts, &Quiet))
    };
    let app_of = |lib: Arc<Library>| {
        let corpus = tifa::corpus::Corpus {
            docs: lib.docs.clone(),
            ..Default::default()
        };
        let mut a = App::new(corpus, tifa::page::ViewOptions::default(), (90, 24));
        a.cx.use_library(lib);
        a.start_indexing();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
        while {
            a.tick();
            a.cx.indexes.is_none()
        } {
            assert!(std::time::Instant::now() < deadline, "the indexes arrive");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(a.cx.index_status(), None, "nothing is said once ready");
        a
    };
    let memory = app_of(open(true));
    for round in ["cold", "warm"] {
        let cached = app_of(open(false));
        let n = memory.cx.corpus.docs.len();
        assert_eq!(cached.cx.corpus.docs.len(), n, "{round}");
        for d in 0..n {
            assert_eq!(
                cached.cx.outlines.sections(d),
                memory.cx.outlines.sections(d),
                "{round}: sections of document {d}"
            );
            assert_eq!(
                cached.cx.outlines[d].sections.len(),
                memory.cx.outlines[d].sections.len(),
                "{round}: outline of document {d}"
            );
        }
        let texts = |a: &App| -> Vec<String> {
            let ix = a.cx.indexes.as_ref().unwrap();
            ix.slogans.slogans.iter().map(|s| s.text.clone()).collect()
        };
        assert!(!texts(&memory).is_empty());
        assert_eq!(texts(&cached), texts(&memory), "{round}: the slogans");
        let ix = (
            cached.cx.indexes.as_ref().unwrap(),
            memory.cx.indexes.as_ref().unwrap(),
        );
        assert_eq!(ix.0.sentence_cands.len(), ix.1.sentence_cands.len());
        assert_eq!(common::screen(&cached), common::screen(&memory), "{round}");
    }
}

/// A rebuild that keeps the other files' hits (and locates the patterns
/// new to the selection only where the sentence index finds them) gives
/// the slogans a fresh mining gives: after an edit that adds a slogan and
/// after one that removes a file.
#[test]
fn slogans_rebuilt_from_kept_hits_are_the_slogans_mined_afresh() {
    let s = Setup::new();
    let all = ["--json", "--limit", "100000"];
    s.run("index", &[]);
    let names: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = fs::read_dir(s.docs.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    // A new formula, used in two documents, quoted: it must be selected.
    for p in &names[..2] {
        let mut t = fs::read_to_string(p).unwrap();
        t.push_str("\n要牢记“青蛙跳水三原则”，坚持“青蛙跳水三原则”不动摇。\n");
        fs::write(p, t).unwrap();
    }
    let (out, err) = s.run("index", &[]);
    assert!(err.is_empty() || !err.contains("damaged"), "{err}");
    assert!(out.contains("hits kept for"), "{out}");
    let (cached, _) = s.run("slogans", &all);
    let mut no = all.to_vec();
    no.push("--no-cache");
    let (fresh, _) = s.run("slogans", &no);
    assert!(
        fresh.contains("青蛙跳水三原则"),
        "the planted slogan is mined"
    );
    assert_eq!(cached, fresh, "after an edit");
    fs::remove_file(&names[3]).unwrap();
    let (cached, _) = s.run("slogans", &all);
    let (fresh, _) = s.run("slogans", &no);
    assert_eq!(cached, fresh, "after a removal");
}

const PARTS: usize = 48;

/// A folder of many small files: the built-in documents' paragraphs, a
/// few to a file, so that one file is a small share of the corpus.
fn many_files() -> Setup {
    let s = Setup::new();
    for (name, _) in BUILTIN {
        fs::remove_file(s.docs.path().join(name)).unwrap();
    }
    let paras: Vec<String> = tifa::corpus::Corpus::builtin()
        .docs
        .iter()
        .flat_map(|d| d.body().map(|(_, p)| p.text.clone()).collect::<Vec<_>>())
        .collect();
    assert!(paras.len() >= 2 * PARTS);
    for i in 0..PARTS {
        let chunk = &paras[i * paras.len() / PARTS..(i + 1) * paras.len() / PARTS];
        fs::write(
            s.docs.path().join(format!("part{i:02}.txt")),
            format!("第{i}部分\n{}\n", chunk.join("\n")),
        )
        .unwrap();
    }
    s
}

/// The rebuild after each change in a folder of many files keeps the
/// base of hits and the sum of statistics and updates them (a delta
/// beside the base; the changed files' statistics out and in), until
/// enough has changed to make a new base; after every step the slogans
/// are exactly those mined afresh.
#[test]
fn slogans_kept_beside_a_base_are_the_slogans_mined_afresh() {
    let s = many_files();
    let all = ["--json", "--limit", "100000"];
    let mut no = all.to_vec();
    no.push("--no-cache");
    let same = |what: &str| {
        let (cached, _) = s.run("slogans", &all);
        let (fresh, _) = s.run("slogans", &no);
        assert!(fresh.len() > 1000, "{what}: slogans are mined");
        assert_eq!(cached, fresh, "{what}");
        fresh
    };
    let (out, _) = s.run("index", &[]);
    assert!(out.contains("kept as a new base"), "{out}");
    let path = |i: usize| s.docs.path().join(format!("part{i:02}.txt"));
    let append = |i: usize, text: &str| {
        let mut t = fs::read_to_string(path(i)).unwrap();
        t.push_str(text);
        fs::write(path(i), t).unwrap();
    };
    // One file: a new quoted formula, twice, so that it is selected.
    let original = fs::read_to_string(path(5)).unwrap();
    append(5, "要牢记“青蛙跳水三原则”，坚持“青蛙跳水三原则”不动摇。\n");
    let (out, _) = s.run("index", &[]);
    assert!(out.contains("kept beside the base"), "{out}");
    assert!(out.contains("kept sum: 1 files out, 1 in"), "{out}");
    assert!(same("one file edited").contains("青蛙跳水三原则"));
    // On top of that delta: another edit, a removal, a new file.
    append(20, "青蛙跳水三原则要落到实处。\n");
    fs::remove_file(path(30)).unwrap();
    fs::write(
        s.docs.path().join("new.txt"),
        "新来的文件\n坚持“青蛙跳水三原则”，推进高质量发展。\n",
    )
    .unwrap();
    let (out, _) = s.run("index", &[]);
    assert!(out.contains("kept beside the base"), "{out}");
    assert!(out.contains("kept sum: 2 files out, 2 in"), "{out}");
    same("an edit, a removal and a new file");
    // The first file as it was: its hits are the base's again.
    fs::write(path(5), &original).unwrap();
    let (out, _) = s.run("index", &[]);
    assert!(out.contains("kept beside the base"), "{out}");
    same("an edit undone");
    // Half the files changed: a new base.
    for i in (0..PARTS).step_by(2).filter(|&i| i != 30) {
        append(i, "推进高质量发展。\n");
    }
    let (out, _) = s.run("index", &[]);
    assert!(out.contains("kept as a new base"), "{out}");
    same("half the files edited");
}
