//! `y`: copy to the clipboard of the machine the user sits at, through SSH
//! and tmux, with OSC 52 (`ESC ] 52 ; c ; <base64> BEL`). The terminal does
//! the copying; tmux passes it on with `set -g set-clipboard on`.
//!
//! What is copied is each screen's to say: in the reader, the paragraph
//! being read (the current match's, else the one at the top of the
//! screen); in the finder, the selected slogan or occurrence's sentence.
//! Each with a citation line (`citation`): `——《title》 section`. Text is in
//! the source script unless the display script is switched.

use super::context::Context;
use crate::text::script::{self, Display};

/// Terminals cap what they accept (xterm: about 100 kB of base64).
pub const MAX_BYTES: usize = 74_000;

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (RFC 4648).
pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Cut `text` to at most `max` bytes on a char boundary.
fn cap(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Context {
    /// `s` in the display script (copies keep the source's punctuation).
    pub fn in_display_script(&self, s: &str) -> String {
        match self.opts.display {
            Display::Original => s.to_string(),
            Display::Hans => script::to_hans(s),
            Display::Hant => script::to_hant(s),
        }
    }

    /// `——《title》 一、… › （二）…`
    pub fn citation(&self, doc: usize, paragraph: usize) -> String {
        let d = &self.corpus.docs[doc];
        let ol = &self.outlines[doc];
        let mut c = format!("——《{}》", d.title);
        if let Some(date) = &d.date {
            c.push_str(&format!("（{date}）"));
        }
        if let Some(s) = ol.section_at(paragraph) {
            c.push(' ');
            c.push_str(&ol.breadcrumb(s));
        }
        self.in_display_script(&c)
    }

    /// `body`, a stretch of document `doc`'s paragraph `paragraph`, in the
    /// display script with its citation line under it.
    pub fn cited(&self, doc: usize, paragraph: usize, body: &str) -> String {
        let body = self.in_display_script(body);
        format!("{body}\n{}", self.citation(doc, paragraph))
    }

    /// `y`: queue `text` (what the screen copies, if anything) for the
    /// loop to write, and say so.
    pub fn copy(&mut self, text: Option<String>) -> bool {
        match text {
            Some(text) => {
                let text = cap(&text, MAX_BYTES).to_string();
                self.message = Some(format!(
                    "copied {} chars to the clipboard (OSC 52)",
                    text.chars().count()
                ));
                self.clipboard = Some(text);
            }
            None => self.message = Some("nothing to copy here".into()),
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), enc);
        }
        // Han text: bytes above 0x7f.
        assert_eq!(base64("四个自信".as_bytes()), "5Zub5Liq6Ieq5L+h");
    }

    #[test]
    fn osc52_is_one_sequence_without_raw_text() {
        let s = osc52("两个维护\n\u{1b}[2J");
        assert!(s.starts_with("\u{1b}]52;c;") && s.ends_with('\u{7}'));
        // Nothing but base64 between the header and BEL: a control char in
        // the copied text cannot reach the terminal.
        let body = &s[7..s.len() - 1];
        assert!(body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
    }

    #[test]
    fn cap_keeps_whole_chars() {
        let t = "四个自信".repeat(10);
        for max in 0..t.len() {
            let c = cap(&t, max);
            assert!(c.len() <= max && t.starts_with(c));
        }
    }
}
