//! Trends and comparison, warm, on a generated corpus of about 100 MB:
//! the five built-in seeds joined into one report of about 31,000 chars,
//! varied per copy (place names, wording, paragraph order), dated from
//! 1978 to 2025 by a `tifa.csv` beside them, written to a temporary
//! folder and loaded the way `tifa` loads a folder.
//!
//! Printed: the build steps (load, sentence candidates, slogan mining,
//! per-document slogan counts), then, warm, a trend for one slogan (via
//! `search::occurrences` through the candidates' posting index) and the
//! comparison of two 30,000-char documents (slogan counts, outlines,
//! heading alignment). For comparison, in the same run: `rg -c` of the
//! same phrase over the folder (per-file counts, which a user would
//! still have to add up by year).
//!
//! Run: `cargo bench --bench trend`. Budget (issue 14): trend ≤ 50 ms,
//! compare ≤ 50 ms; exits 1 over either.

use std::path::PathBuf;
use std::time::{Duration, Instant};
use tifa::analysis::{compare, Calendar, DocSlogans, Trend};
use tifa::corpus::{Corpus, LoadOptions};
use tifa::outline::Outline;
use tifa::search::{Candidates, Scope};
use tifa::slogans::{mine, SloganIndex};

const BUDGET_MS: f64 = 50.0;
const RUNS: usize = 15;
const TARGET_BYTES: usize = 100 << 20;

const PLACES: &str =
    "东南西北中上下前后左右新老大小金银铜铁山水江河湖海林田云雨风雪春夏秋冬红黄蓝绿";

/// The corpus: (file name, text), about `target` bytes.
fn generated(target: usize) -> Vec<(String, String)> {
    let seeds = Corpus::builtin();
    let places: Vec<char> = PLACES.chars().collect();
    let swaps = [
        ("发展", "建设"),
        ("工作", "任务"),
        ("要", "须"),
        ("推进", "推动"),
    ];
    let mut out = Vec::new();
    let (mut total, mut n) = (0, 0usize);
    while total < target {
        let mut parts = Vec::new();
        // The five seeds are 28,900 chars; the first once more makes 31,000.
        for (k, d) in seeds.docs.iter().chain(seeds.docs.first()).enumerate() {
            let mut paras: Vec<&str> = d.paragraphs.iter().map(|p| p.text.as_str()).collect();
            // The first paragraph (the title) stays first.
            let rest = paras.len().saturating_sub(1).max(1);
            paras[1..].rotate_left((n + k) % rest);
            parts.push(paras.join("\n"));
        }
        let place: String = [
            places[n % places.len()],
            places[(n / places.len()) % places.len()],
        ]
        .iter()
        .collect();
        let (a, b) = swaps[n % swaps.len()];
        let text = parts
            .join("\n")
            .replace('镇', &place)
            .replacen(a, b, 1 + n % 9);
        total += text.len();
        out.push((format!("report_{n:05}.txt"), text));
        n += 1;
    }
    out
}

/// A slogan index of every distinct run of four Han chars in documents
/// `docs` (their occurrences there, found by a plain scan).
fn every_four_chars(all: &[tifa::corpus::Document], docs: &[usize]) -> SloganIndex {
    use std::collections::HashMap;
    use tifa::slogans::{Kind, Occurrence, Slogan};
    let mut found: HashMap<String, Vec<Occurrence>> = HashMap::new();
    for &d in docs {
        for (p, para) in all[d].body() {
            let chars: Vec<char> = para.text.chars().collect();
            for (i, w) in chars.windows(4).enumerate() {
                if w.iter().all(|&c| tifa::text::script::is_han(c)) {
                    found
                        .entry(w.iter().collect())
                        .or_default()
                        .push(Occurrence {
                            doc: d,
                            paragraph: p,
                            offset: i,
                        });
                }
            }
        }
    }
    let mut slogans: Vec<Slogan> = found
        .into_iter()
        .map(|(text, mut occurrences)| {
            occurrences.sort();
            Slogan::new(&text, Kind::Phrase, occurrences)
        })
        .collect();
    slogans.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.text.cmp(&y.text)));
    SloganIndex { slogans }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(std::hint::black_box(f()));
        times.push(t.elapsed());
    }
    (median(times), last.expect("at least one run"))
}

fn once<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let v = f();
    (t.elapsed(), v)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let files = generated(TARGET_BYTES);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut sidecar = String::from("file,date\n");
    for (i, (name, text)) in files.iter().enumerate() {
        std::fs::write(dir.path().join(name), text).expect("writing the corpus");
        sidecar.push_str(&format!("{name},{}\n", 1978 + (i * 48 / files.len())));
    }
    std::fs::write(dir.path().join("tifa.csv"), sidecar).expect("writing the sidecar");
    println!(
        "corpus: {} files, {:.1} MiB in {}",
        files.len(),
        bytes as f64 / (1u64 << 20) as f64,
        dir.path().display()
    );

    let paths = [PathBuf::from(dir.path())];
    // One file, one report: the seeds' own split signals (a metadata line
    // after body text) would cut the joined reports apart.
    let opts = LoadOptions {
        no_split: true,
        ..LoadOptions::default()
    };
    let (t_load, c) = once(|| Corpus::load_with(&paths, &opts));
    assert!(
        c.warnings.is_empty(),
        "{:?}",
        &c.warnings[..c.warnings.len().min(3)]
    );
    let (t_cands, cands) =
        once(|| Candidates::build(&c.docs, &SloganIndex::default(), Scope::Text));
    let (t_cal, cal) = once(|| Calendar::new(&c.docs));
    let (t_mine, index) = once(|| mine(&c.docs));
    let (t_counts, counts) = once(|| DocSlogans::build(&index, c.docs.len()));
    let chars: usize = c.docs.iter().map(|d| d.chars).sum();
    println!("build (once per corpus; the on-disk index will keep these):");
    println!(
        "  load {} documents, {} chars:      {:>9.1} ms",
        c.docs.len(),
        chars,
        ms(t_load)
    );
    println!(
        "  sentence candidates ({} sentences): {:>9.1} ms",
        cands.len(),
        ms(t_cands)
    );
    println!(
        "  calendar ({} dated documents):     {:>9.1} ms",
        cal.dated(),
        ms(t_cal)
    );
    println!(
        "  slogan mining ({} slogans):       {:>9.1} ms",
        index.slogans.len(),
        ms(t_mine)
    );
    println!(
        "  per-document slogan counts:          {:>9.1} ms",
        ms(t_counts)
    );

    println!("warm (median of {RUNS}):");
    let mut over = Vec::new();
    for text in ["四个自信", "脱贫攻坚", "高质量发展"] {
        let (t, trend) = time(RUNS, || Trend::of(&cal, &cands, text));
        let uses = trend.occurrences.len();
        println!(
            "  trend {text}: {uses} uses over {} years:  {:>7.2} ms",
            trend.years.len(),
            ms(t)
        );
        if ms(t) > BUDGET_MS {
            over.push(format!("trend {text} {:.1} ms", ms(t)));
        }
        if let Ok(o) = std::process::Command::new("rg").arg("--version").output() {
            if o.status.success() {
                let (t_rg, n) = time(5, || {
                    let out = std::process::Command::new("rg")
                        .args(["-c", "--no-messages", text])
                        .arg(dir.path())
                        .output()
                        .expect("rg runs");
                    String::from_utf8_lossy(&out.stdout).lines().count()
                });
                println!(
                    "    rg -c {text} over the folder (for comparison, {n} files):  {:>7.2} ms",
                    ms(t_rg)
                );
            }
        }
    }

    // Two documents of about 30,000 chars, far apart in time.
    let pick = |from: usize| {
        (from..c.docs.len())
            .find(|&d| (29_000..=32_000).contains(&c.docs[d].chars))
            .unwrap_or(from)
    };
    let (a, b) = (pick(0), pick(c.docs.len() * 3 / 4));
    let (t_cmp, cmp) = time(RUNS, || {
        let (oa, ob) = (Outline::build(&c.docs[a]), Outline::build(&c.docs[b]));
        compare(&index, &counts, a, b, &oa, &ob)
    });
    println!(
        "  compare {} ({} chars) with {} ({} chars): {} new, {} dropped, {} kept, {} heading rows \
         (outlines built each time):  {:>7.2} ms",
        c.docs[a].id,
        c.docs[a].chars,
        c.docs[b].id,
        c.docs[b].chars,
        cmp.new.len(),
        cmp.dropped.len(),
        cmp.kept.len(),
        cmp.sections.len(),
        ms(t_cmp)
    );
    if ms(t_cmp) > BUDGET_MS {
        over.push(format!("compare {:.1} ms", ms(t_cmp)));
    }
    // The generated reports share most phrases, so the miner finds few
    // slogans; a real corpus has many more per document. The worst case:
    // every distinct run of four Han chars in A and B a slogan.
    let heavy = every_four_chars(&c.docs, &[a, b]);
    let heavy_counts = DocSlogans::build(&heavy, c.docs.len());
    let (t_heavy, cmp) = time(RUNS, || {
        let (oa, ob) = (Outline::build(&c.docs[a]), Outline::build(&c.docs[b]));
        compare(&heavy, &heavy_counts, a, b, &oa, &ob)
    });
    println!(
        "  the same with every 4-char Han run of both a slogan ({} slogans; {} new, {} dropped, \
         {} kept):  {:>7.2} ms",
        heavy.slogans.len(),
        cmp.new.len(),
        cmp.dropped.len(),
        cmp.kept.len(),
        ms(t_heavy)
    );
    if ms(t_heavy) > BUDGET_MS {
        over.push(format!(
            "compare, every 4-char run a slogan {:.1} ms",
            ms(t_heavy)
        ));
    }
    if !over.is_empty() {
        println!("OVER BUDGET ({BUDGET_MS} ms): {}", over.join(", "));
        // exit skips destructors: the temporary folder goes first.
        drop(dir);
        std::process::exit(1);
    }
    println!("within budget: trend and compare ≤ {BUDGET_MS} ms");
}
