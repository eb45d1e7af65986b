//! A big corpus generated from the built-in documents, for benchmarks and
//! the tests that need size: each file is paragraphs drawn from all five
//! seeds in a new order, with words swapped, numbers changed and a dated
//! heading line, so no two files are the same and dates spread over years.
//! A third are CRLF and a fifth GBK, so the loader's slower paths count.
//!
//! Deterministic: the same `seed` gives the same bytes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use tifa::corpus::BUILTIN;

/// xorshift64*: small, fast, and enough to shuffle text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SWAPS: &[(&str, &str)] = &[
    ("发展", "建设"),
    ("工作", "任务"),
    ("镇", "乡"),
    ("要", "须"),
    ("推进", "推动"),
    ("全面", "全力"),
    ("干部", "同志"),
    ("群众", "人民"),
];

/// Every body paragraph of the seeds (their first lines, the titles, left
/// out).
fn seed_paragraphs() -> Vec<String> {
    let mut out = Vec::new();
    for (_, bytes) in BUILTIN {
        let text = String::from_utf8_lossy(bytes);
        for line in text.lines().skip(1) {
            let line = line.trim_end();
            if line.chars().count() >= 8 {
                out.push(line.to_string());
            }
        }
    }
    out
}

/// One generated document of about `size` bytes of UTF-8.
pub fn document(n: usize, size: usize, rng: &mut Rng, paras: &[String]) -> String {
    let year = 1990 + n % 36;
    let month = 1 + n % 12;
    let day = 1 + n % 28;
    let mut text =
        format!("第{n}号文件：关于做好{year}年重点工作的讲话\n（{year}年{month}月{day}日）\n");
    while text.len() < size {
        let mut p = paras[rng.below(paras.len())].clone();
        let (a, b) = SWAPS[rng.below(SWAPS.len())];
        if rng.below(2) == 0 {
            p = p.replacen(a, b, 1 + rng.below(3));
        }
        if rng.below(4) == 0 {
            p = p.replacen("2025", &year.to_string(), 1);
        }
        text.push_str(&p);
        text.push('\n');
    }
    text
}

/// Files of about `target` bytes in all, as (relative path, bytes).
pub fn files(target: usize, seed: u64) -> Vec<(PathBuf, Vec<u8>)> {
    let paras = seed_paragraphs();
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    let mut n = 0usize;
    while total < target {
        let size = 20_000 + rng.below(100_000);
        let mut text = document(n, size, &mut rng, &paras);
        if n.is_multiple_of(3) {
            text = text.replace('\n', "\r\n");
        }
        let bytes = if n.is_multiple_of(5) {
            encoding_rs::GBK.encode(&text).0.into_owned()
        } else {
            text.into_bytes()
        };
        total += bytes.len();
        let year = 1990 + n % 36;
        let dir = format!("{}", n % 16);
        out.push((
            PathBuf::from(dir).join(format!("doc_{year}_{n:05}.txt")),
            bytes,
        ));
        n += 1;
    }
    out
}

/// Write [`files`] under `root`; returns the total bytes written.
pub fn write(root: &Path, target: usize, seed: u64) -> std::io::Result<usize> {
    let mut total = 0;
    for (rel, bytes) in files(target, seed) {
        let p = root.join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d)?;
        }
        std::fs::write(&p, &bytes)?;
        total += bytes.len();
    }
    Ok(total)
}
