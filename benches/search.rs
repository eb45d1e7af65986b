//! Slogan mining throughput, query time over 100,000 slogans and 1,000,000
//! sentences (one-shot and streamed), and index memory relative to the
//! corpus. The corpus is the built-in seeds scaled up with variations;
//! nothing is read from outside the crate.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tifa::corpus::Corpus;
use tifa::search::{search, sentences, Candidates, Scope, Searcher, Source};
use tifa::slogans::mine;
use tifa::text::script::to_hans;

/// Variation chars: place names and prefixes that make copies distinct.
const VARY: &str =
    "东南西北中上下前后左右新老大小金银铜铁山水江河湖海林田云雨风雪春夏秋冬红黄蓝绿青白黑紫";

fn vary(i: usize) -> String {
    let v: Vec<char> = VARY.chars().collect();
    let n = v.len();
    [v[i % n], v[(i / n) % n], v[(i / n / n) % n]]
        .iter()
        .collect()
}

/// The seeds `copies` times, each copy with its own place names and its
/// paragraphs rotated, about `copies` × 80 KB.
fn scaled_corpus(copies: usize) -> Corpus {
    let seeds = Corpus::builtin();
    let mut c = Corpus::default();
    for r in 0..copies {
        let place = vary(r);
        for d in &seeds.docs {
            let mut paras: Vec<String> = d.paragraphs.iter().map(|p| p.text.clone()).collect();
            let k = r % paras.len().max(1);
            paras.rotate_left(k);
            let text = paras.join("\n").replace('镇', &place);
            c.add_bytes(Path::new(&format!("{}-{r}.txt", d.id)), text.as_bytes());
        }
    }
    c
}

fn seed_sentences() -> Vec<String> {
    let seeds = Corpus::builtin();
    let mut out = Vec::new();
    for d in &seeds.docs {
        for (_, p) in d.body() {
            for (_, s) in sentences(&p.text) {
                out.push(to_hans(s));
            }
        }
    }
    out
}

fn sentence_candidates(n: usize) -> (Candidates, usize) {
    let base = seed_sentences();
    let mut c = Candidates::new();
    let mut bytes = 0;
    for i in 0..n {
        let s = format!("{}{}", vary(i / base.len()), base[i % base.len()]);
        bytes += s.len();
        c.push(Source::Text, i / 1000, i % 1000, 0, &s);
    }
    c.shrink_to_fit();
    (c, bytes)
}

fn slogan_candidates(n: usize) -> (Candidates, usize) {
    let seeds = Corpus::builtin();
    let idx = mine(&seeds.docs);
    let base: Vec<&str> = idx.slogans.iter().map(|s| s.text.as_str()).collect();
    let mut c = Candidates::new();
    let mut bytes = 0;
    for i in 0..n {
        // The real slogans first, then prefixed copies: all distinct.
        let s = if i < base.len() {
            base[i].to_string()
        } else {
            format!("{}{}", vary(i / base.len()), base[i % base.len()])
        };
        bytes += s.len();
        c.push(Source::Slogan(i as u32), 0, 0, 0, &s);
    }
    c.shrink_to_fit();
    (c, bytes)
}

fn mb(b: usize) -> f64 {
    b as f64 / 1e6
}

fn bench(c: &mut Criterion) {
    // Mining: about 1.6 MB of text.
    let corpus = scaled_corpus(20);
    let corpus_bytes: usize = corpus
        .docs
        .iter()
        .flat_map(|d| d.paragraphs.iter().map(|p| p.text.len()))
        .sum();
    let mut g = c.benchmark_group("mine");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Bytes(corpus_bytes as u64));
    g.bench_function("scaled_seeds", |b| b.iter(|| black_box(mine(&corpus.docs))));
    g.finish();

    let idx = mine(&corpus.docs);
    let all = Candidates::build(&corpus.docs, &idx, Scope::All);
    let arena = |c: &Candidates| c.approx_bytes() - c.index_bytes();
    eprintln!(
        "memory: corpus {:.2} MB; slogan index {:.2} MB ({} slogans, {:.2}× corpus); \
         candidates {:.2} MB ({} candidates, {:.2}× corpus) + posting index {:.2} MB ({:.2}×)",
        mb(corpus_bytes),
        mb(idx.approx_bytes()),
        idx.slogans.len(),
        idx.approx_bytes() as f64 / corpus_bytes as f64,
        mb(arena(&all)),
        all.len(),
        arena(&all) as f64 / corpus_bytes as f64,
        mb(all.index_bytes()),
        all.index_bytes() as f64 / corpus_bytes as f64,
    );

    let (slogans, sbytes) = slogan_candidates(100_000);
    let (sents, tbytes) = sentence_candidates(1_000_000);
    eprintln!(
        "memory: 100k slogans {:.2} MB of text → {:.2} MB of candidates + {:.2} MB of \
         posting index ({:.2}×); 1M sentences {:.2} MB of text → {:.2} MB of candidates \
         ({:.2}×) + {:.2} MB of posting index ({:.2}×)",
        mb(sbytes),
        mb(arena(&slogans)),
        mb(slogans.index_bytes()),
        slogans.index_bytes() as f64 / sbytes as f64,
        mb(tbytes),
        mb(arena(&sents)),
        arena(&sents) as f64 / tbytes as f64,
        mb(sents.index_bytes()),
        sents.index_bytes() as f64 / tbytes as f64,
    );

    let mut g = c.benchmark_group("query_100k_slogans");
    g.sample_size(20).warm_up_time(Duration::from_secs(1));
    for q in ["四自信", "兩個維護", "sgzx", "'脱贫 !成果"] {
        g.bench_function(q, |b| b.iter(|| black_box(search(&slogans, q, 50))));
    }
    g.finish();

    let mut g = c.benchmark_group("query_1m_sentences");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    for q in ["四自信", "脱贫攻坚", "sgzx"] {
        g.bench_function(q, |b| b.iter(|| black_box(search(&sents, q, 50))));
    }
    g.finish();

    // Streamed: time to the first batch, and to the end, on the worker.
    let sents = Arc::new(sents);
    let mut s = Searcher::new(Arc::clone(&sents));
    let mut g = c.benchmark_group("stream_1m_sentences");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    let mut n = 0usize;
    for (name, want_done) in [("first_batch", false), ("done", true)] {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    n += 1;
                    // Alternate queries so each run is a new generation.
                    let q = if n.is_multiple_of(2) {
                        "脱贫攻坚"
                    } else {
                        "脱贫 攻坚"
                    };
                    let t = Instant::now();
                    s.set_query(q);
                    loop {
                        match s.poll() {
                            Some(r) if !want_done || r.done => break,
                            Some(_) => {}
                            None => std::thread::yield_now(),
                        }
                    }
                    total += t.elapsed();
                }
                total
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
