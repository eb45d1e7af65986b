//! Corpus: bytes to documents.
//!
//! Reads files and folders (or the built-in corpus), detects the encoding,
//! splits lines (LF, CRLF, lone CR), cuts a file into documents only on a
//! strong signal, and finds each document's title, date, author, script and
//! web boilerplate.
//!
//! What always holds:
//! - Loading never stops on bad input: each bad file gives one [`Warning`]
//!   naming it, and the rest still load. Nothing here panics on any bytes.
//! - Paragraph text holds no control character but `\t`: C0/C1 controls
//!   (ESC included) are replaced one for one by visible symbols
//!   (U+2400 control pictures, U+FFFD), so no file can drive the terminal,
//!   and char offsets stay put.

use crate::text::script::{self, Script};
use std::fmt;
use std::path::{Path, PathBuf};

mod boiler;
mod meta;

/// The built-in corpus: the user's seed documents, embedded at build time.
pub const BUILTIN: &[(&str, &[u8])] = &[
    (
        "000_57e62a84cbcbdefd.txt",
        include_bytes!("../corpus/000_57e62a84cbcbdefd.txt"),
    ),
    (
        "001_b74884d00001fd5b.txt",
        include_bytes!("../corpus/001_b74884d00001fd5b.txt"),
    ),
    (
        "002_db62700750f2c61f.txt",
        include_bytes!("../corpus/002_db62700750f2c61f.txt"),
    ),
    (
        "003_c67d4d415544db1b.txt",
        include_bytes!("../corpus/003_c67d4d415544db1b.txt"),
    ),
    (
        "004_5eef2dcfcacf4ebd.txt",
        include_bytes!("../corpus/004_5eef2dcfcacf4ebd.txt"),
    ),
];

/// One paragraph: one non-blank source line (or a piece of one, see
/// [`split_paragraphs`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// Web chrome (上一篇, 编辑:, teasers, licence footers): kept and shown
    /// dimmed, left out of outlines and slogans.
    pub boilerplate: bool,
}

/// A document: one speech or report.
#[derive(Clone, Debug)]
pub struct Document {
    /// File stem; `stem#2`, `stem#3`… for later documents of the same file.
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    /// The title was cut from the first sentence, not a title line.
    pub title_inferred: bool,
    pub script: Script,
    pub chars: usize,
    pub date: Option<String>,
    pub author: Option<String>,
    pub encoding: &'static str,
    pub paragraphs: Vec<Paragraph>,
}

impl Document {
    /// Paragraphs that carry the text (not boilerplate), with their index.
    pub fn body(&self) -> impl Iterator<Item = (usize, &Paragraph)> {
        self.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.boilerplate)
    }

    /// A hash of the document's text: stable across renames and moves.
    pub fn content_hash(&self) -> u64 {
        // FNV-1a: stable across Rust versions, unlike DefaultHasher.
        let mut h: u64 = 0xcbf29ce484222325;
        for p in &self.paragraphs {
            for b in p.text.bytes().chain(std::iter::once(b'\n')) {
                h ^= b as u64;
                h = h.wrapping_mul(0x100000001b3);
            }
        }
        h
    }
}

/// A problem with one input, reported and skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Everything that loaded, and what did not.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// The built-in corpus.
    pub fn builtin() -> Corpus {
        let mut c = Corpus::default();
        for (name, bytes) in BUILTIN {
            c.add_bytes(Path::new("corpus").join(name).as_path(), bytes);
        }
        c
    }

    /// Load files and folders; an empty list means the built-in corpus.
    pub fn load(paths: &[PathBuf]) -> Corpus {
        if paths.is_empty() {
            return Corpus::builtin();
        }
        let mut c = Corpus::default();
        for p in paths {
            c.add_path(p);
        }
        c
    }

    fn add_path(&mut self, path: &Path) {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.warn(path, format!("cannot read: {e}; check the path")),
        };
        if meta.is_dir() {
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(e) => {
                    return self.warn(path, format!("cannot list folder: {e}; check permissions"))
                }
            };
            entries.sort();
            for e in entries {
                let hidden = e
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'));
                if hidden {
                    continue;
                }
                if e.is_dir() || is_text_name(&e) {
                    self.add_path(&e);
                }
            }
        } else {
            match std::fs::read(path) {
                Ok(bytes) => self.add_bytes(path, &bytes),
                Err(e) => self.warn(path, format!("cannot read: {e}; check permissions")),
            }
        }
    }

    fn warn(&mut self, path: &Path, message: String) {
        self.warnings.push(Warning {
            path: path.to_path_buf(),
            message,
        });
    }

    /// Add one file's bytes. Public so tests and fuzzers can feed any bytes.
    pub fn add_bytes(&mut self, path: &Path, bytes: &[u8]) {
        let decoded = match decode(bytes) {
            Ok(d) => d,
            Err(msg) => return self.warn(path, msg),
        };
        if let Some((offset, count)) = decoded.first_error {
            let more = if count > 1 {
                format!(" (and {} more)", count - 1)
            } else {
                String::new()
            };
            self.warn(
                path,
                format!(
                    "invalid {} byte sequence at byte offset {offset}{more}, shown as U+FFFD; \
                     re-save the file as UTF-8 to fix it",
                    decoded.encoding
                ),
            );
        }
        let paragraphs = split_paragraphs(&decoded.text);
        if paragraphs.is_empty() {
            return self.warn(path, "empty file (no text), skipped".to_string());
        }
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        for (i, paras) in split_documents(paragraphs).into_iter().enumerate() {
            let id = if i == 0 {
                stem.clone()
            } else {
                format!("{stem}#{}", i + 1)
            };
            self.docs
                .push(build_document(id, path, decoded.encoding, paras));
        }
    }

    /// Find a document by id or by 1-based index (as `tifa list` prints).
    pub fn find(&self, sel: &str) -> Option<usize> {
        if let Some(i) = self.docs.iter().position(|d| d.id == sel) {
            return Some(i);
        }
        match sel.parse::<usize>() {
            Ok(n) if n >= 1 && n <= self.docs.len() => Some(n - 1),
            _ => None,
        }
    }
}

fn is_text_name(p: &Path) -> bool {
    match p.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(e) => e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"),
    }
}

/// Decoded text of one file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Byte offset of the first invalid sequence, and how many there were.
    pub first_error: Option<(usize, usize)>,
}

/// Bytes to text: BOM first, then strict UTF-8, then chardetng's guess
/// (GB18030/GBK, Big5, …). Binary and empty files are errors.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file (no text), skipped".to_string());
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let (text, first_error) = decode_with(enc, body, bom_len);
        let _ = (UTF_16BE, UTF_16LE);
        return Ok(Decoded {
            text,
            encoding: enc.name(),
            first_error,
        });
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "binary file (NUL byte at offset {pos}), skipped; tifa reads plain text"
        ));
    }
    let enc = match std::str::from_utf8(bytes) {
        Ok(_) => UTF_8,
        Err(_) if mostly_utf8(bytes) => UTF_8,
        Err(_) => {
            let mut det = chardetng::EncodingDetector::new();
            det.feed(bytes, true);
            det.guess(None, true)
        }
    };
    let (text, first_error) = decode_with(enc, bytes, 0);
    Ok(Decoded {
        text,
        encoding: enc.name(),
        first_error,
    })
}

/// A UTF-8 file with a few damaged bytes is still UTF-8: count valid
/// multi-byte sequences against invalid ones.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (ok, after) = rest.split_at(e.valid_up_to());
                // Safe: valid_up_to says so.
                good += std::str::from_utf8(ok)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                bad += 1;
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip.min(after.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    good > 0 && bad * 50 <= good
}

/// Decode, replacing malformed sequences with U+FFFD and remembering where
/// the first one was (`base` is added to offsets, for a skipped BOM).
fn decode_with(
    enc: &'static encoding_rs::Encoding,
    bytes: &[u8],
    base: usize,
) -> (String, Option<(usize, usize)>) {
    use encoding_rs::DecoderResult;
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let mut read_total = 0usize;
    let mut errors = 0usize;
    let mut first = None;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {
                out.reserve(bytes.len().max(64));
            }
            DecoderResult::Malformed(bad, pending) => {
                errors += 1;
                if first.is_none() {
                    let at = read_total.saturating_sub(bad as usize + pending as usize);
                    first = Some(base + at);
                }
                out.push('\u{FFFD}');
            }
        }
    }
    (out, first.map(|f| (f, errors)))
}

/// Replace a control character by a visible one-char stand-in; `None` when
/// the char is safe to show.
pub fn visible_control(c: char) -> Option<char> {
    match c {
        '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' => Some('\u{FFFD}'),
        // Bidi overrides and isolates can reorder what the terminal shows.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{FFFD}'),
        _ => None,
    }
}

/// Sanitise one line for the terminal, char for char.
pub fn sanitize(line: &str) -> String {
    line.chars()
        .map(|c| visible_control(c).unwrap_or(c))
        .collect()
}

fn is_blankish(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}')
}

/// Text to paragraphs: a source line break (LF, CRLF or lone CR) ends a
/// paragraph; blank lines are dropped; trailing blanks trimmed. A very long
/// line (scraped pages that lost their newlines) is also cut where a run of
/// two ideographic spaces, the paragraph indent of Chinese web text, stands
/// inside it.
pub fn split_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split(['\n', '\r']) {
        for piece in split_on_indent(line) {
            let t = piece.trim_end_matches(is_blankish);
            if t.chars().all(is_blankish) {
                continue;
            }
            out.push(sanitize(t));
        }
    }
    out
}

fn split_on_indent(line: &str) -> Vec<&str> {
    const INDENT: &str = "\u{3000}\u{3000}";
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut search = 0;
    while let Some(rel) = line[search..].find(INDENT) {
        let at = search + rel;
        // Only an indent inside the line cuts it, not the leading one.
        if line[start..at].trim_matches(is_blankish).is_empty() {
            search = at + INDENT.len();
            continue;
        }
        pieces.push(&line[start..at]);
        start = at;
        search = at + INDENT.len();
    }
    pieces.push(&line[start..]);
    pieces
}

/// Cut a file into documents. Only a strong signal cuts: a metadata header
/// line (`作者:… 发布时间:…`) after body text. The short title line just
/// before such a header goes with the new document.
fn split_documents(paragraphs: Vec<String>) -> Vec<Vec<String>> {
    let mut cuts = Vec::new();
    let mut seen_body = false;
    for (i, p) in paragraphs.iter().enumerate() {
        if meta::is_header_line(p) {
            if seen_body {
                let start = if i > 0 && meta::looks_like_title(&paragraphs[i - 1]) {
                    i - 1
                } else {
                    i
                };
                if cuts.last() != Some(&start) && start > 0 {
                    cuts.push(start);
                }
                seen_body = false;
            }
        } else if p.chars().count() > 40 && !boiler::is_boiler_line(p) {
            seen_body = true;
        }
    }
    let mut docs = Vec::new();
    let mut rest = paragraphs;
    for &c in cuts.iter().rev() {
        let tail = rest.split_off(c);
        docs.push(tail);
    }
    docs.push(rest);
    docs.reverse();
    docs
}

fn build_document(id: String, path: &Path, encoding: &'static str, texts: Vec<String>) -> Document {
    let flags = boiler::mark(&texts);
    let mut paragraphs: Vec<Paragraph> = texts
        .into_iter()
        .zip(flags)
        .map(|(text, boilerplate)| Paragraph { text, boilerplate })
        .collect();
    let (title, title_inferred, title_at) = meta::title(&paragraphs);
    // A repeat of the title line further down (web pages print it twice) is
    // chrome, not text.
    if let Some(t) = title_at {
        for p in paragraphs.iter_mut().skip(t + 1).take(4) {
            if p.text.trim() == title {
                p.boilerplate = true;
            }
        }
    }
    let (date, author) = meta::date_author(&paragraphs);
    let body: String = paragraphs
        .iter()
        .filter(|p| !p.boilerplate)
        .map(|p| p.text.as_str())
        .collect();
    let script = script::detect(&body);
    let chars = paragraphs.iter().map(|p| p.text.chars().count()).sum();
    Document {
        id,
        path: path.to_path_buf(),
        title,
        title_inferred,
        script,
        chars,
        date,
        author,
        encoding,
        paragraphs,
    }
}
