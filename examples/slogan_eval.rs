//! Measure the slogan miner on a corpus against a list of formulations:
//! recall over the entries that occur at least twice (exact, either
//! script), the misses with their evidence, and the top N.
//!
//! The list is only read here, for measuring; detection never sees it.
//!
//! Run: `cargo run --release --example slogan_eval -- LIST [--top N]
//! [--explain TEXT]... PATH...` (LIST: one formulation a line, `#` comments).

use std::path::PathBuf;
use tifa::corpus::Corpus;
use tifa::slogans::{corpus_stats, explain, mine, simplified};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(list) = args.next() else {
        eprintln!("usage: slogan_eval LIST [--top N] [--explain TEXT]... PATH...");
        std::process::exit(2);
    };
    let mut top = 50;
    let mut paths = Vec::new();
    let mut explains = Vec::new();
    let mut labels_file = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--top" => top = args.next().and_then(|v| v.parse().ok()).unwrap_or(50),
            "--explain" => explains.extend(args.next()),
            "--labels" => labels_file = args.next(),
            _ => paths.push(PathBuf::from(a)),
        }
    }
    let entries: Vec<String> = match std::fs::read_to_string(&list) {
        Ok(s) => s
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect(),
        Err(e) => {
            eprintln!("slogan_eval: cannot read {list}: {e}");
            std::process::exit(2);
        }
    };
    let corpus = Corpus::load(&paths);
    let bodies: Vec<String> = corpus
        .docs
        .iter()
        .flat_map(|d| d.body().map(|(_, p)| simplified(&p.text)))
        .collect();
    let t = std::time::Instant::now();
    let idx = mine(&corpus.docs);
    eprintln!(
        "mined {} documents in {:.2} s: {} slogans",
        corpus.docs.len(),
        t.elapsed().as_secs_f64(),
        idx.slogans.len()
    );
    // Judgements of earlier runs, `text Y|N` a line: the top N marked with
    // them, `?` where a text has none yet.
    let labels: std::collections::HashMap<String, String> = labels_file
        .and_then(|f| std::fs::read_to_string(f).ok())
        .map(|s| {
            s.lines()
                .filter_map(|l| l.split_once(' '))
                .map(|(t, y)| (t.to_string(), y.trim().to_string()))
                .collect()
        })
        .unwrap_or_default();
    let mut yes = 0;
    for (i, s) in idx.slogans.iter().take(top).enumerate() {
        let mark = labels.get(&s.text).map_or("?", |y| y.as_str());
        yes += (mark == "Y") as usize;
        println!(
            "{mark} {:3} {:6.2} F{:5.2} {:5} {:3} {:8} {}",
            i + 1,
            s.score,
            s.score / (1.0 + s.count as f64).log2().sqrt(),
            s.count,
            s.docs,
            s.kind.as_str(),
            s.text
        );
    }
    if !labels.is_empty() {
        println!("top {top}: {yes} marked yes");
    }
    let found: std::collections::HashSet<&str> =
        idx.slogans.iter().map(|s| s.text.as_str()).collect();
    let (mut n, mut hit) = (0, 0);
    let mut misses = Vec::new();
    for e in &entries {
        let key = simplified(e);
        let count: usize = bodies.iter().map(|b| b.matches(key.as_str()).count()).sum();
        if count < 2 {
            continue;
        }
        n += 1;
        if found.contains(key.as_str()) {
            hit += 1;
        } else {
            misses.push((key, count));
        }
    }
    println!(
        "recall: {hit}/{n} = {:.1}% of the entries occurring at least twice",
        100.0 * hit as f64 / n.max(1) as f64
    );
    let stats = corpus_stats(&corpus.docs);
    for (m, count) in &misses {
        let (ev, f) = explain(&stats, m);
        println!("  miss {m} ({count}×): F {f:.2} {ev:?}");
    }
    for e in &explains {
        let (ev, f) = explain(&stats, e);
        let s = idx.slogans.iter().position(|s| &s.text == e);
        println!("explain {e}: rank {s:?} F {f:.2} {ev:?}");
    }
}
