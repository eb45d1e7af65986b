//! Bytes to text: which encoding a file is in, and decoding it.
//!
//! Order: a BOM (UTF-8, UTF-16 LE/BE) decides; then strict UTF-8; then a
//! file that is *mostly* UTF-8 (at least as many well-formed multi-byte
//! characters as damaged spots) is UTF-8 with replacements; then GBK, when
//! the bytes are well-formed GBK and not well-formed Big5; only then
//! chardetng's guess (on the first 4 KiB), and of its guesses only the multi-byte CJK ones
//! (GBK/GB18030, Big5, EUC-JP, Shift_JIS, EUC-KR, ISO-2022-JP) are taken
//! for a short or mixed file: a single-byte code page (windows-1251,
//! windows-1252, KOI8-R …) would turn `中\xff\xfe文` into `дё­яюж–‡`
//! silently. A single-byte page is accepted only for a long file with no
//! well-formed multi-byte UTF-8 character at all (a real Latin-1 or KOI8
//! text).
//!
//! Whatever is guessed, a legacy encoding is used only when its reading
//! has fewer damaged spots than UTF-8's and decodes at least two
//! characters beyond ASCII; otherwise the file is UTF-8 with replacements.
//!
//! What always holds: never a panic on any bytes; UTF-8 text with k bad
//! bytes inserted comes back as UTF-8 with at most k U+FFFD and a count
//! the loader turns into a warning.

use encoding_rs::{Encoding, UTF_8};

/// Decoded text of one file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Byte offset of the first invalid sequence, and how many there were.
    pub first_error: Option<(usize, usize)>,
}

/// Shorter than this, a file is never taken for a single-byte code page.
const SINGLE_BYTE_MIN_LEN: usize = 4096;

/// Bytes to text: BOM first, then UTF-8 (strict, or mostly), then
/// chardetng's guess as the module doc says. Binary and empty files are
/// errors.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err("empty file (no text), skipped".to_string());
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, first_error) = decode_with(enc, &bytes[bom_len..], bom_len);
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
        // Valid already: copy, do not decode again.
        Ok(s) => {
            return Ok(Decoded {
                text: s.to_owned(),
                encoding: UTF_8.name(),
                first_error: None,
            })
        }
        Err(_) => guess(bytes),
    };
    let (mut text, mut first_error) = decode_with(enc, bytes, 0);
    let mut enc = enc;
    if enc != UTF_8 && !legacy_wins(&text, first_error, bytes) {
        enc = UTF_8;
        (text, first_error) = decode_with(UTF_8, bytes, 0);
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
        first_error,
    })
}

/// Does a legacy encoding's reading of `bytes` (`text`, with `errors`)
/// beat reading them as UTF-8? Only with evidence: fewer damaged spots
/// than UTF-8 finds, and at least two characters it decodes beyond ASCII.
/// One stray high byte in ASCII text is then a damaged UTF-8 file, not a
/// Big5 character that swallows the letter after it.
fn legacy_wins(text: &str, errors: Option<(usize, usize)>, bytes: &[u8]) -> bool {
    let (_, utf8_bad) = utf8_counts(bytes);
    let bad = errors.map_or(0, |(_, n)| n);
    let wide = text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{FFFD}')
        .take(2)
        .count();
    bad < utf8_bad && wide >= 2
}

/// The encoding of bytes that are not valid UTF-8.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let (good, bad) = utf8_counts(bytes);
    if good >= bad {
        return UTF_8;
    }
    // The common case without a detector: well-formed GBK that is not
    // well-formed Big5 (GBK's second bytes 0x80–0xA0 are not Big5's).
    use encoding_rs::{BIG5, GBK};
    if GBK
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some()
        && BIG5
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_none()
    {
        return GBK;
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(sample(bytes), true);
    let enc = det.guess(None, true);
    if is_multibyte_cjk(enc) || (good == 0 && bytes.len() >= SINGLE_BYTE_MIN_LEN) {
        enc
    } else {
        UTF_8
    }
}

/// What chardetng reads: the first 4 KiB, cut after a byte below 0x40
/// (a newline, space, digit or ASCII mark, never the second byte of a GBK
/// or Big5 character), which is plenty to tell GBK from Big5; chardetng on
/// whole files took a third of the load bench's time.
fn sample(bytes: &[u8]) -> &[u8] {
    const SAMPLE: usize = 4 << 10;
    if bytes.len() <= SAMPLE {
        return bytes;
    }
    match bytes[SAMPLE / 2..SAMPLE].iter().rposition(|&b| b < 0x40) {
        Some(at) => &bytes[..SAMPLE / 2 + at + 1],
        None => &bytes[..SAMPLE],
    }
}

fn is_multibyte_cjk(enc: &'static Encoding) -> bool {
    use encoding_rs::{BIG5, EUC_JP, EUC_KR, GB18030, GBK, ISO_2022_JP, SHIFT_JIS};
    [GBK, GB18030, BIG5, EUC_JP, EUC_KR, SHIFT_JIS, ISO_2022_JP].contains(&enc)
}

/// Well-formed multi-byte UTF-8 characters, and damaged spots (maximal
/// ill-formed subsequences, as a decoder replaces them).
pub fn utf8_counts(bytes: &[u8]) -> (usize, usize) {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += non_ascii(s);
                return (good, bad);
            }
            Err(e) => {
                let (ok, after) = rest.split_at(e.valid_up_to());
                good += std::str::from_utf8(ok).map(non_ascii).unwrap_or(0);
                bad += 1;
                let skip = e.error_len().unwrap_or(after.len()).max(1);
                rest = &after[skip.min(after.len())..];
                if rest.is_empty() {
                    return (good, bad);
                }
            }
        }
    }
}

fn non_ascii(s: &str) -> usize {
    s.chars().filter(|c| !c.is_ascii()).count()
}

/// Decode, replacing malformed sequences with U+FFFD and remembering where
/// the first one was (`base` is added to offsets, for a skipped BOM).
pub fn decode_with(
    enc: &'static Encoding,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_byte_file_is_utf8_with_two_replacements() {
        let d = decode(b"\xe4\xb8\xad\xff\xfe\xe6\x96\x87\n").unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "中\u{FFFD}\u{FFFD}文\n");
        assert_eq!(d.first_error, Some((3, 2)));
    }

    #[test]
    fn short_gbk_is_still_gbk() {
        let (gbk, _, _) = encoding_rs::GBK.encode("中华人民共和国国务院关于实施乡村振兴战略的意见");
        let d = decode(&gbk).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.first_error, None);
    }
}
