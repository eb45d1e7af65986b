//! Layout speed: throughput on a long document, and the work after a resize.
//!
//! The document is the built-in corpus (`corpus/*.txt`) repeated to about
//! 1 MB, with punctuation restored as the reader shows it. A resize lays out
//! one screen (24 lines' worth of paragraphs from the middle of the
//! document), which is what the reader must do before the next frame.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;
use tifa::text::layout::{layout, LayoutOptions};
use tifa::text::punct;

/// About 1 MB of paragraphs from the built-in corpus.
fn document() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("corpus/ exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut once = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("UTF-8 corpus file");
        let paras: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let full = punct::document_wants_full(&paras);
        once.extend(paras.iter().map(|p| punct::restore(p, full)));
    }
    let size: usize = once.iter().map(String::len).sum();
    let mut doc = Vec::new();
    for _ in 0..(1 << 20) / size.max(1) + 1 {
        doc.extend(once.iter().cloned());
    }
    doc
}

fn throughput(c: &mut Criterion) {
    let doc = document();
    let bytes: usize = doc.iter().map(String::len).sum();
    let mut g = c.benchmark_group("layout_document");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    for width in [80usize, 40] {
        let opts = LayoutOptions {
            width,
            ..LayoutOptions::default()
        };
        g.bench_with_input(BenchmarkId::from_parameter(width), &opts, |b, opts| {
            b.iter(|| {
                let mut lines = 0;
                for p in &doc {
                    lines += layout(black_box(p), opts).len();
                }
                lines
            })
        });
    }
    g.finish();
}

fn resize(c: &mut Criterion) {
    let doc = document();
    let mid = doc.len() / 2;
    let mut g = c.benchmark_group("layout_screen_after_resize");
    for width in [80usize, 50] {
        let opts = LayoutOptions {
            width,
            ..LayoutOptions::default()
        };
        g.bench_with_input(BenchmarkId::from_parameter(width), &opts, |b, opts| {
            b.iter(|| {
                // Lay out paragraphs from the middle until a 24-line screen
                // is full, as the reader does after a resize.
                let mut lines = 0;
                let mut i = mid;
                while lines < 24 && i < doc.len() {
                    lines += layout(black_box(&doc[i]), opts).len();
                    i += 1;
                }
                lines
            })
        });
    }
    g.finish();
}

criterion_group!(benches, throughput, resize);
criterion_main!(benches);
