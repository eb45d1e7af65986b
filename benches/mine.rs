//! Slogan mining end to end on a generated ~100 MB corpus, on all cores:
//! documents in, ranked slogans with every occurrence out. Prints MB/s and
//! peak RSS, and exits 1 under the budget (20 MB/s).
//!
//! The corpus is the built-in seeds, copied with variations: paragraphs
//! rotated, place names and a few words changed per copy, a date line
//! (years 1990–2025), every third copy in CRLF and every fifth in GBK.
//!
//! Run: `cargo bench --bench mine` (`TIFA_MINE_MB=20` for a smaller run;
//! `TIFA_MINE_STEPS=0` skips the steps' separate run, for a profiler to
//! see the whole once).

use std::path::PathBuf;
use std::time::Instant;
use tifa::corpus::{Corpus, BUILTIN};
use tifa::slogans::{assemble, corpus_stats, mine, select};

const BUDGET_MB_S: f64 = 20.0;

/// Variation chars: place names that make copies distinct.
const VARY: &str =
    "东南西北中上下前后左右新老大小金银铜铁山水江河湖海林田云雨风雪春夏秋冬红黄蓝绿青白黑紫";

fn place(i: usize) -> String {
    let v: Vec<char> = VARY.chars().collect();
    let n = v.len();
    [v[i % n], v[(i / n) % n]].iter().collect()
}

/// About `target` bytes of files: (name, bytes).
fn generated(target: usize) -> Vec<(PathBuf, Vec<u8>)> {
    let swaps = [
        ("发展", "建设"),
        ("工作", "任务"),
        ("要", "须"),
        ("推进", "推动"),
    ];
    let mut out = Vec::new();
    let mut total = 0;
    let mut n = 0usize;
    while total < target {
        for (name, bytes) in BUILTIN {
            let text = String::from_utf8_lossy(bytes);
            let mut paras: Vec<&str> = text.lines().collect();
            if paras.len() > 2 {
                let k = n % (paras.len() - 1);
                paras[1..].rotate_left(k);
            }
            let (a, b) = swaps[n % swaps.len()];
            let varied = paras
                .join("\n")
                .replace('镇', &place(n))
                .replacen(a, b, 1 + n % 7);
            let year = 1990 + n % 36;
            let mut varied = format!("日期：{year}-03-05\n第{n}号文件\n{varied}");
            if n.is_multiple_of(3) {
                varied = varied.replace('\n', "\r\n");
            }
            let bytes = if n.is_multiple_of(5) {
                encoding_rs::GBK.encode(&varied).0.into_owned()
            } else {
                varied.into_bytes()
            };
            total += bytes.len();
            out.push((PathBuf::from(format!("gen/{n:05}_{name}")), bytes));
            n += 1;
        }
    }
    out
}

/// Peak and current resident set (VmHWM, VmRSS) in MB, from /proc.
fn rss() -> (f64, f64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// CPU seconds (user + system) this process has used so far.
fn cpu_seconds() -> f64 {
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own; RUSAGE_SELF is valid.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
        return 0.0;
    }
    let t = |v: libc::timeval| v.tv_sec as f64 + v.tv_usec as f64 / 1e6;
    t(u.ru_utime) + t(u.ru_stime)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn main() {
    tifa::tune_allocator();
    // `cargo bench` passes `--bench`; nothing else to parse.
    let mb: usize = std::env::var("TIFA_MINE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let files = generated(mb << 20);
    let mut corpus = Corpus::default();
    for (p, data) in &files {
        corpus.add_bytes(p, data);
    }
    drop(files);
    let text_bytes: usize = corpus
        .docs
        .iter()
        .flat_map(|d| d.body().map(|(_, p)| p.text.len()))
        .sum();
    let text_mb = text_bytes as f64 / 1e6;
    // Build jieba and the conversion tables outside the measure (once per
    // process, about 0.2 s).
    let _ = tifa::slogans::jieba();
    let _ = tifa::slogans::simplified("預熱");
    let (_, rss_before) = rss();
    let threads = rayon::current_num_threads();

    // The steps one by one (warms the per-thread word caches too), then the
    // whole, as a caller runs it.
    let steps = std::env::var("TIFA_MINE_STEPS").as_deref() != Ok("0");
    let (mut pass, mut selecting, mut assembling, mut stats_mb, mut n_chosen) =
        (f64::NAN, f64::NAN, f64::NAN, f64::NAN, 0);
    if steps {
        let t = Instant::now();
        let stats = corpus_stats(&corpus.docs);
        pass = t.elapsed().as_secs_f64();
        stats_mb = stats.approx_bytes() as f64 / 1e6;
        let t = Instant::now();
        let chosen = select(&stats);
        selecting = t.elapsed().as_secs_f64();
        n_chosen = chosen.len();
        let t = Instant::now();
        drop(assemble(&corpus.docs, &stats, chosen));
        assembling = t.elapsed().as_secs_f64();
        drop(stats);
    }

    let t = Instant::now();
    let cpu0 = cpu_seconds();
    let idx = mine(&corpus.docs);
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    let (peak, _) = rss();
    let rate = text_mb / secs;
    let occurrences: usize = idx.slogans.iter().map(|s| s.occurrences.len()).sum();
    println!(
        "mine: {text_mb:.1} MB of text in {} documents, {threads} threads, load average {}",
        corpus.docs.len(),
        load_average()
    );
    println!(
        "mine: {secs:.2} s end to end = {rate:.1} MB/s (budget ≥ {BUDGET_MB_S} MB/s); \
         steps: statistics {pass:.2} s ({:.1} MB/s), select {selecting:.2} s \
         ({n_chosen} candidates), locate + assemble {assembling:.2} s",
        text_mb / pass
    );
    println!(
        "mine: {cpu:.2} CPU-seconds = {:.1} MB/s per busy core; {:.1} MB/s on {threads} idle cores \
         (what a quiet machine gives; the wall clock above counts other processes' load too)",
        text_mb / cpu,
        text_mb / cpu * threads as f64
    );
    println!(
        "mine: {} slogans, {occurrences} occurrences; merged statistics {stats_mb:.1} MB",
        idx.slogans.len()
    );
    println!(
        "mine: peak RSS {peak:.0} MB, of which the loaded corpus {rss_before:.0} MB; \
         mining added {:.0} MB ({:.2}× the text)",
        peak - rss_before,
        (peak - rss_before) / text_mb
    );
    if rate < BUDGET_MB_S {
        eprintln!("mine: {rate:.1} MB/s is under the budget of {BUDGET_MB_S} MB/s");
        std::process::exit(1);
    }
}
