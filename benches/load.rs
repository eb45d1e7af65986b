//! Load + outline throughput on a generated corpus of about 20 MB: the
//! built-in seeds repeated with variations (numbering and wording change
//! per copy, so no two files are the same).
//!
//! Run: `cargo bench --bench load`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use tifa::corpus::{Corpus, BUILTIN};
use tifa::outline::Outline;

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
            // Every third copy in CRLF, every fifth in GBK: the loader's
            // slower paths are part of the measure.
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

fn load_and_outline(c: &mut Criterion) {
    let files = generated(20 << 20);
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("corpus");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("load+outline 20MB", |b| {
        b.iter(|| {
            let mut corpus = Corpus::default();
            for (p, data) in &files {
                corpus.add_bytes(p, data);
            }
            let sections: usize = corpus
                .docs
                .iter()
                .map(|d| Outline::build(d).sections.len())
                .sum();
            assert!(sections > 0);
            sections
        })
    });
    g.finish();
}

criterion_group!(benches, load_and_outline);
criterion_main!(benches);
