//! A segment: the text of what one source file gave (its documents'
//! paragraphs and outlines), written once and read by parts. The
//! documents' metadata lives in the catalog, so listing a corpus opens no
//! segment; a document's segment is opened when its text or outline is
//! first wanted.
//!
//! A segment is named by a key over everything its content depends on
//! (the file's path and bytes, the sidecar's say about it, the load
//! options, the format), so a file that has not changed is never parsed
//! again, and a segment's bytes never change under its name.
//!
//! What always holds: a document rebuilt from its [`DocMeta`] and its
//! segment equals what `corpus::parse_file` gave, field for field; a
//! segment whose tables do not fit its file is refused on open.

use super::catalog::DocMeta;
use super::file::{Builder, Kind, OpenError, Sections, Verify};
use crate::corpus::{DateSource, Document, Paragraph};
use crate::outline::{Outline, Section, Style};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const DOCS: u32 = 1;
const PARAS: u32 = 2;
const TEXT: u32 = 3;
const OUTLINES: u32 = 4;

/// One document's paragraphs in the PARAS table.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct DocRange {
    first: u32,
    count: u32,
}

/// One paragraph's place in the text, and its flags.
#[repr(C)]
#[derive(Clone, Copy, Debug, bytemuck::Pod, bytemuck::Zeroable)]
struct Para {
    start: u32,
    end: u32,
    /// Bit 0: boilerplate. Bits 8–15: heading level + 1 (0: none).
    flags: u32,
    _pad: u32,
}

#[derive(Serialize, Deserialize)]
struct StoredSection {
    path: String,
    level: u32,
    marker: String,
    number: u32,
    title: String,
    paragraph: u32,
    style: (u8, char),
    parent: Option<u32>,
    heading_line: bool,
    end: u32,
}

fn style_code(s: Style) -> (u8, char) {
    match s {
        Style::Han => (0, ' '),
        Style::ParenHan => (1, ' '),
        Style::Digit => (2, ' '),
        Style::ParenDigit => (3, ' '),
        Style::Circled => (4, ' '),
        Style::Ordinal => (5, ' '),
        Style::Item(c) => (6, c),
    }
}

fn style_of((n, c): (u8, char)) -> Option<Style> {
    Some(match n {
        0 => Style::Han,
        1 => Style::ParenHan,
        2 => Style::Digit,
        3 => Style::ParenDigit,
        4 => Style::Circled,
        5 => Style::Ordinal,
        6 => Style::Item(c),
        _ => return None,
    })
}

pub fn date_source_code(d: DateSource) -> u8 {
    match d {
        DateSource::Text => 0,
        DateSource::Filename => 1,
        DateSource::Sidecar => 2,
        DateSource::Meta => 3,
    }
}

pub fn date_source_of(n: u8) -> Option<DateSource> {
    Some(match n {
        0 => DateSource::Text,
        1 => DateSource::Filename,
        2 => DateSource::Sidecar,
        3 => DateSource::Meta,
        _ => return None,
    })
}

/// The `&'static` name of an encoding read back: encoding_rs's own for the
/// encodings it knows, else one of the few other names the loader gives.
pub fn encoding_name(s: &str) -> &'static str {
    if let Some(e) = encoding_rs::Encoding::for_label(s.as_bytes()) {
        return e.name();
    }
    ["stdin", "docx", "html"]
        .into_iter()
        .find(|n| *n == s)
        .unwrap_or("unknown")
}

/// A document's metadata, for the catalog.
pub fn meta_of(d: &Document, outline: &Outline) -> DocMeta {
    DocMeta {
        id: d.id.clone(),
        title: d.title.clone(),
        title_inferred: d.title_inferred,
        script: d.script,
        chars: d.chars,
        date: d.date.clone(),
        date_source: d.date_source.map(date_source_code),
        author: d.author.clone(),
        encoding: d.encoding.to_string(),
        hash: d.hash,
        paragraphs: d.paragraphs.len() as u32,
        sections: outline.sections.len() as u32,
    }
}

/// The bytes of a segment for one file's documents and their outlines.
pub fn build(docs: &[Document], outlines: &[Outline]) -> Vec<u8> {
    let mut text = String::new();
    let mut paras = Vec::new();
    let mut ranges = Vec::with_capacity(docs.len());
    for d in docs {
        let first = paras.len() as u32;
        for p in d.paragraphs.iter() {
            let start = text.len() as u32;
            text.push_str(&p.text);
            paras.push(Para {
                start,
                end: text.len() as u32,
                flags: p.boilerplate as u32 | (p.heading.map_or(0, |h| h as u32 + 1) << 8),
                _pad: 0,
            });
        }
        ranges.push(DocRange {
            first,
            count: paras.len() as u32 - first,
        });
    }
    let outlines: Vec<Vec<StoredSection>> = outlines
        .iter()
        .map(|o| {
            o.sections
                .iter()
                .map(|s| StoredSection {
                    path: s.path.clone(),
                    level: s.level as u32,
                    marker: s.marker.clone(),
                    number: s.number,
                    title: s.title.clone(),
                    paragraph: s.paragraph as u32,
                    style: style_code(s.style),
                    parent: s.parent.map(|p| p as u32),
                    heading_line: s.heading_line,
                    end: s.end as u32,
                })
                .collect()
        })
        .collect();
    let mut b = Builder::new(Kind::Segment);
    b.table(DOCS, &ranges)
        .table(PARAS, &paras)
        .bytes(TEXT, text.into_bytes())
        .bytes(
            OUTLINES,
            postcard::to_allocvec(&outlines).unwrap_or_default(),
        );
    b.finish()
}

/// A segment opened for reading: its tables read, its text and outlines
/// read when asked for.
pub struct Segment {
    file: Sections,
    docs: Vec<DocRange>,
    paras: Vec<Para>,
    text_len: usize,
}

fn damaged(what: &str) -> OpenError {
    OpenError::Damaged(format!("its {what} cannot be read"))
}

impl Segment {
    pub fn open(path: &Path, verify: Verify) -> Result<Segment, OpenError> {
        let file = Sections::open(path, Kind::Segment, verify)?;
        let docs = file
            .read_table::<DocRange>(DOCS)
            .ok_or_else(|| damaged("document table"))?;
        let paras = file
            .read_table::<Para>(PARAS)
            .ok_or_else(|| damaged("paragraph table"))?;
        let text_len = file.len(TEXT).ok_or_else(|| damaged("text"))?;
        for d in &docs {
            let (first, count) = (d.first as usize, d.count as usize);
            let ps = first
                .checked_add(count)
                .and_then(|end| paras.get(first..end))
                .ok_or_else(|| damaged("paragraph table"))?;
            if ps
                .iter()
                .any(|p| p.start > p.end || p.end as usize > text_len)
            {
                return Err(damaged("paragraph table"));
            }
        }
        Ok(Segment {
            file,
            docs,
            paras,
            text_len,
        })
    }

    /// How many documents the file gave.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The paragraphs of document `doc`, read from the file (one read for
    /// the document's whole text).
    pub fn paragraphs(&self, doc: usize) -> Vec<Paragraph> {
        let Some(d) = self.docs.get(doc) else {
            return Vec::new();
        };
        let ps = self
            .paras
            .get(d.first as usize..(d.first + d.count) as usize)
            .unwrap_or(&[]);
        let (Some(first), Some(last)) = (ps.first(), ps.last()) else {
            return Vec::new();
        };
        let (lo, hi) = (first.start as usize, (last.end as usize).min(self.text_len));
        let text = self
            .file
            .read_range(TEXT, lo..hi.max(lo))
            .unwrap_or_default();
        ps.iter()
            .map(|p| Paragraph {
                text: text
                    .get((p.start as usize).saturating_sub(lo)..(p.end as usize).saturating_sub(lo))
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .unwrap_or("")
                    .to_string(),
                boilerplate: p.flags & 1 == 1,
                heading: match (p.flags >> 8) & 0xff {
                    0 => None,
                    h => Some(h as u8 - 1),
                },
            })
            .collect()
    }

    /// The outline of document `doc`, as it was built.
    pub fn outline(&self, doc: usize) -> Option<Outline> {
        let all: Vec<Vec<StoredSection>> = postcard::from_bytes(&self.file.read(OUTLINES)?).ok()?;
        let sections = all
            .into_iter()
            .nth(doc)?
            .into_iter()
            .map(|s| {
                Some(Section {
                    path: s.path,
                    level: s.level as usize,
                    marker: s.marker,
                    number: s.number,
                    title: s.title,
                    paragraph: s.paragraph as usize,
                    style: style_of(s.style)?,
                    parent: s.parent.map(|p| p as usize),
                    heading_line: s.heading_line,
                    end: s.end as usize,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Outline { sections })
    }
}

/// A segment file's name for a key.
pub fn file_name(key: u64) -> PathBuf {
    PathBuf::from(format!("{key:016x}.seg"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn paragraphs_and_outlines_read_back_as_built() {
        let c = Corpus::builtin();
        let outlines: Vec<Outline> = c.docs.iter().map(Outline::build).collect();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.seg");
        std::fs::write(&p, build(&c.docs, &outlines)).unwrap();
        let seg = Segment::open(&p, Verify::Full).unwrap();
        assert_eq!(seg.len(), c.docs.len());
        for (i, d) in c.docs.iter().enumerate() {
            assert_eq!(&d.paragraphs[..], &seg.paragraphs(i)[..]);
            let (oa, ob) = (&outlines[i], seg.outline(i).unwrap());
            assert_eq!(oa.sections.len(), ob.sections.len());
            for (x, y) in oa.sections.iter().zip(&ob.sections) {
                assert_eq!(
                    (
                        &x.path,
                        x.level,
                        &x.title,
                        x.paragraph,
                        x.style,
                        x.parent,
                        x.end
                    ),
                    (
                        &y.path,
                        y.level,
                        &y.title,
                        y.paragraph,
                        y.style,
                        y.parent,
                        y.end
                    )
                );
            }
            let m = meta_of(d, oa);
            assert_eq!(m.paragraphs as usize, d.paragraphs.len());
            assert_eq!(encoding_name(&m.encoding), d.encoding);
            assert_eq!(m.date_source.and_then(date_source_of), d.date_source);
        }
    }
}
