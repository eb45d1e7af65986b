//! `y`: copy to the clipboard of the machine the user sits at, through SSH
//! and tmux, with OSC 52 (`ESC ] 52 ; c ; <base64> BEL`). The terminal does
//! the copying; tmux passes it on with `set -g set-clipboard on`.
//!
//! What is copied: in the reader, the paragraph being read (the current
//! match's, else the one at the top of the screen); in the finder, the
//! selected slogan or occurrence's sentence. Each with a citation line:
//! `——《title》 section`. Text is in the source script unless the display
//! script is switched.

use super::app::{App, Screen};
use super::finder::FinderKind;
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

impl App {
    fn in_display_script(&self, s: &str) -> String {
        match self.opts.display {
            Display::Original => s.to_string(),
            Display::Hans => script::to_hans(s),
            Display::Hant => script::to_hant(s),
        }
    }

    /// `——《title》 一、… › （二）…`
    fn citation(&self, doc: usize, paragraph: usize) -> String {
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

    /// What `y` copies here, if anything.
    pub fn copy_text(&self) -> Option<String> {
        let (doc, paragraph, body) = match self.screen {
            Screen::Reader => {
                let r = self.reader.as_ref()?;
                let p = match self.find.as_ref().and_then(|f| Some(f.matches[f.current?])) {
                    Some(m) => m.paragraph,
                    None => match r.top.offset {
                        Some(_) => r.top.paragraph,
                        None => (r.top.paragraph + 1).min(r.page.len().saturating_sub(1)),
                    },
                };
                let text = &self.corpus.docs[r.doc].paragraphs.get(p)?.text;
                (r.doc, p, text.trim().to_string())
            }
            Screen::Finder => {
                let f = self.finder.as_ref()?;
                let ix = self.indexes.as_ref()?;
                match (f.kind, f.occurrences) {
                    (FinderKind::Slogans, None) => {
                        let rows = self.finder_rows();
                        // The phrase, cited where it is first used, with its counts.
                        let s = &ix.slogans.slogans[*rows.get(f.selected)?];
                        let text = self.in_display_script(&s.text);
                        let cite = match s.occurrences.first() {
                            Some(o) => self.citation(o.doc, o.paragraph),
                            None => "——".into(),
                        };
                        return Some(format!(
                            "{text}\n{cite}（共 {} 次，{} 篇）",
                            s.count, s.docs
                        ));
                    }
                    (FinderKind::Slogans, Some(o)) => {
                        let occ = ix.slogans.slogans[o.slogan].occurrences.get(o.selected)?;
                        let para = &self.corpus.docs[occ.doc]
                            .paragraphs
                            .get(occ.paragraph)?
                            .text;
                        let sentence = crate::search::sentences(para)
                            .into_iter()
                            .rev()
                            .find(|(start, _)| *start <= occ.offset)
                            .map_or(para.as_str(), |(_, s)| s);
                        (occ.doc, occ.paragraph, sentence.trim().to_string())
                    }
                    (FinderKind::Sentences, _) => {
                        let rows = self.finder_rows();
                        let c = ix.sentence_cands.get(*rows.get(f.selected)?);
                        let para = &self.corpus.docs[c.doc as usize]
                            .paragraphs
                            .get(c.paragraph as usize)?
                            .text;
                        let s: String = para
                            .chars()
                            .skip(c.offset as usize)
                            .take(c.chars as usize)
                            .collect();
                        (c.doc as usize, c.paragraph as usize, s.trim().to_string())
                    }
                }
            }
            Screen::List => return None,
        };
        let body = self.in_display_script(&body);
        Some(format!("{body}\n{}", self.citation(doc, paragraph)))
    }

    /// `y`: queue the copy for the loop to write, and say so.
    pub fn copy(&mut self) -> bool {
        match self.copy_text() {
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
