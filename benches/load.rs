//! Load + outline throughput on a generated corpus of about 20 MB: the
//! built-in seeds repeated with variations (numbering and wording change
//! per copy, so no two files are the same; ⅓ CRLF, ⅕ GBK), written to a
//! temporary folder and loaded the way `tifa` loads a folder: walk, read
//! and parse in parallel, drop copies, then build every outline.
//!
//! Also measured, for comparison in the same run: parsing the same bytes
//! from memory on one thread (no walk, no I/O, no parallelism), and
//! ripgrep reading the folder (`rg -c 。`: what a user would otherwise run
//! over it; skipped with a message when rg is missing).
//!
//! Run: `cargo bench --bench load`. Budget: load + outline ≥ 30 MiB/s;
//! exits 1 under it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tifa::corpus::{parse_file, Corpus, Kind, LoadOptions, BUILTIN};
use tifa::outline::Outline;

const BUDGET_MIB_S: f64 = 30.0;
const RUNS: usize = 7;

/// About `target` bytes of files: (name, bytes).
fn generated(target: usize) -> Vec<(PathBuf, Vec<u8>)> {
    let swaps = [
        ("发展", "建设"),
        ("工作", "任务"),
        ("镇", "乡"),
        ("要", "须"),
    ];
    let mut out = Vec::new();
    let mut total = 0;
    let mut n = 0usize;
    while total < target {
        for (name, bytes) in BUILTIN {
            let text = String::from_utf8_lossy(bytes);
            let (a, b) = swaps[n % swaps.len()];
            let mut varied = text.replacen(a, b, 1 + n % 7);
            varied.insert_str(0, &format!("第{n}号文件\n"));
            if n.is_multiple_of(3) {
                varied = varied.replace('\n', "\r\n");
            }
            let bytes = if n.is_multiple_of(5) {
                encoding_rs::GBK.encode(&varied).0.into_owned()
            } else {
                varied.into_bytes()
            };
            total += bytes.len();
            out.push((PathBuf::from(format!("{n:05}_{name}")), bytes));
            n += 1;
        }
    }
    out
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn mib_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / (1u64 << 20) as f64 / d.as_secs_f64()
}

fn time(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut last = 0;
    for _ in 0..runs {
        let t = Instant::now();
        last = std::hint::black_box(f());
        times.push(t.elapsed());
    }
    (median(times), last)
}

fn load_and_outline(dir: &Path) -> usize {
    let c = Corpus::load_with(&[dir.to_path_buf()], &LoadOptions::default());
    assert!(
        c.warnings.is_empty(),
        "{:?}",
        &c.warnings[..c.warnings.len().min(3)]
    );
    c.docs
        .iter()
        .map(|d| Outline::build(d).sections.len())
        .sum()
}

fn main() {
    let files = generated(20 << 20);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, data) in &files {
        std::fs::write(dir.path().join(name), data).expect("writing the corpus");
    }
    println!(
        "corpus: {} files, {:.1} MiB in {}",
        files.len(),
        bytes as f64 / (1u64 << 20) as f64,
        dir.path().display()
    );
    // Warm the page cache once, as a user's second run would find it.
    let _ = load_and_outline(dir.path());

    let (t_load, sections) = time(RUNS, || load_and_outline(dir.path()));
    assert!(sections > 0);
    let (t_mem, _) = time(RUNS, || {
        let opts = LoadOptions::default();
        let mut n = 0;
        for (p, data) in &files {
            let parsed = parse_file(p, Kind::Text, data, &opts, None);
            n += parsed
                .docs
                .iter()
                .map(|d| Outline::build(d).sections.len())
                .sum::<usize>();
        }
        n
    });
    let (t_load_only, _) = time(RUNS, || {
        Corpus::load_with(&[dir.path().to_path_buf()], &LoadOptions::default())
            .docs
            .len()
    });
    let (t_parse_only, _) = time(RUNS, || {
        let opts = LoadOptions::default();
        files
            .iter()
            .map(|(p, data)| parse_file(p, Kind::Text, data, &opts, None).docs.len())
            .sum()
    });
    println!(
        "load only (walk, parallel parse, dedup):               {:>7.1} ms  {:>6.1} MiB/s",
        t_load_only.as_secs_f64() * 1e3,
        mib_s(bytes, t_load_only)
    );
    println!(
        "parse only, from memory, one thread:                   {:>7.1} ms  {:>6.1} MiB/s",
        t_parse_only.as_secs_f64() * 1e3,
        mib_s(bytes, t_parse_only)
    );
    println!(
        "load+outline (walk, parallel parse, dedup, outlines): {:>7.1} ms  {:>6.1} MiB/s  ({sections} sections)",
        t_load.as_secs_f64() * 1e3,
        mib_s(bytes, t_load)
    );
    println!(
        "parse+outline from memory, one thread:                 {:>7.1} ms  {:>6.1} MiB/s",
        t_mem.as_secs_f64() * 1e3,
        mib_s(bytes, t_mem)
    );
    match std::process::Command::new("rg").arg("--version").output() {
        Ok(o) if o.status.success() => {
            let (t_rg, _) = time(RUNS, || {
                let out = std::process::Command::new("rg")
                    .args(["-c", "。", "--no-messages"])
                    .arg(dir.path())
                    .output()
                    .expect("rg runs");
                out.stdout.len()
            });
            println!(
                "rg -c 。 over the folder (for comparison):             {:>7.1} ms  {:>6.1} MiB/s",
                t_rg.as_secs_f64() * 1e3,
                mib_s(bytes, t_rg)
            );
        }
        _ => println!("rg not installed: skipping the ripgrep comparison"),
    }
    let speed = mib_s(bytes, t_load);
    if speed < BUDGET_MIB_S {
        println!("OVER BUDGET: load+outline {speed:.1} MiB/s < {BUDGET_MIB_S} MiB/s");
        // exit skips destructors: the temporary folder goes first.
        drop(dir);
        std::process::exit(1);
    }
    println!("within budget: load+outline {speed:.1} MiB/s ≥ {BUDGET_MIB_S} MiB/s");
}
