//! Word files (`.docx`): paragraphs and heading styles, read with zip and
//! quick-xml.
//!
//! A `.docx` is a zip of XML parts. `word/document.xml` holds the body:
//! `<w:p>` paragraphs of `<w:r>` runs of `<w:t>` text (`<w:tab/>` a tab,
//! `<w:br/>` a line break, which ends a paragraph here as a source newline
//! does). A paragraph's style (`<w:pStyle w:val=…>`) is looked up in
//! `word/styles.xml`: a style named `heading N` (or with outline level
//! N−1, or a paragraph's own `<w:outlineLvl>`) makes the paragraph a
//! heading of level N, and `Title` the document title. Tables' cells are
//! paragraphs too; footnotes, headers and footers are other parts and are
//! not read.
//!
//! What always holds: a damaged or foreign file is an error sentence for
//! one warning, never a panic; the zip is read from memory with a cap on
//! the unpacked size of the part (a zip bomb stops there).

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// A Word file's text.
#[derive(Debug, Default)]
pub struct WordDoc {
    /// Paragraph texts with a heading level (1 = top) from their style.
    pub paragraphs: Vec<(String, Option<u8>)>,
    /// The paragraph styled `Title`, if any.
    pub title: Option<String>,
}

/// Unpacked XML is capped at this many bytes per part.
const MAX_PART: u64 = 256 << 20;

fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(format!(
                "damaged Word file ({e}); re-save it in Word or LibreOffice"
            ))
        }
    };
    let mut s = String::new();
    f.take(MAX_PART).read_to_string(&mut s).map_err(|e| {
        format!("damaged Word file ({name}: {e}); re-save it in Word or LibreOffice")
    })?;
    Ok(Some(s))
}

fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == local).then(|| a.value.to_string()))
}

/// Style id → heading level (0 for `Title`).
fn styles(xml: &str) -> HashMap<String, u8> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    let (mut id, mut name, mut lvl): (Option<String>, Option<String>, Option<u8>) =
        (None, None, None);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "style" => {
                    id = attr(&e, "styleId");
                    name = None;
                    lvl = None;
                }
                "name" => name = attr(&e, "val"),
                "outlineLvl" => lvl = attr(&e, "val").and_then(|v| v.parse::<u8>().ok()),
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == "style" => {
                if let Some(id) = id.take() {
                    let n = name.take().unwrap_or_default().to_ascii_lowercase();
                    let level = if n == "title" {
                        Some(0)
                    } else if let Some(k) = n.strip_prefix("heading ") {
                        k.trim().parse::<u8>().ok()
                    } else {
                        lvl.map(|l| l + 1)
                    };
                    if let Some(l) = level.filter(|&l| l <= 9) {
                        out.insert(id, l);
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Style ids Word uses without a styles part: `Heading1`, `Title`.
fn builtin_style(id: &str) -> Option<u8> {
    let l = id.to_ascii_lowercase();
    if l == "title" {
        return Some(0);
    }
    l.strip_prefix("heading").and_then(|k| k.parse::<u8>().ok())
}

/// Read a `.docx` from its bytes.
pub fn read(bytes: &[u8]) -> Result<WordDoc, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a Word .docx file ({e}); re-save it as .docx, or as .txt"))?;
    let Some(body) = part(&mut zip, "word/document.xml")? else {
        return Err(
            "a zip file without word/document.xml, not a Word .docx; re-save it as .docx".into(),
        );
    };
    let styles = part(&mut zip, "word/styles.xml")?
        .map(|s| styles(&s))
        .unwrap_or_default();
    let level_of = |id: &str| styles.get(id).copied().or_else(|| builtin_style(id));

    let mut doc = WordDoc::default();
    let mut r = Reader::from_str(&body);
    let mut cur = String::new();
    let mut level: Option<u8> = None;
    let mut in_text = false;
    let mut in_p = false;
    let flush = |cur: &mut String, level: Option<u8>, doc: &mut WordDoc| {
        let t = cur.trim_end().to_string();
        cur.clear();
        if t.trim().is_empty() {
            return;
        }
        match level {
            Some(0) => {
                if doc.title.is_none() {
                    doc.title = Some(t.trim().to_string());
                }
                doc.paragraphs.push((t, Some(1)));
            }
            l => doc.paragraphs.push((t, l)),
        }
    };
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                "p" => {
                    in_p = true;
                    level = None;
                    cur.clear();
                }
                "t" => in_text = true,
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                "pStyle" if in_p => {
                    if let Some(v) = attr(&e, "val") {
                        level = level.or(level_of(&v));
                    }
                }
                "outlineLvl" if in_p => {
                    if let Some(l) = attr(&e, "val").and_then(|v| v.parse::<u8>().ok()) {
                        if l < 9 {
                            level = Some(l + 1);
                        }
                    }
                }
                "tab" if in_p => cur.push('\t'),
                "br" | "cr" if in_p => flush(&mut cur, level, &mut doc),
                "p" => {}
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => cur.push_str(&t.xml10_content()),
            Ok(Event::GeneralRef(g)) if in_text => {
                if let Ok(Some(c)) = g.resolve_char_ref() {
                    cur.push(c);
                } else if let Ok(s) = quick_xml::escape::unescape(&format!("&{};", &*g)) {
                    cur.push_str(&s);
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => {
                    flush(&mut cur, level, &mut doc);
                    in_p = false;
                }
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => {
                return Err(format!(
                    "damaged Word file (word/document.xml at byte {}: {e}); re-save it in Word or LibreOffice",
                    r.buffer_position()
                ))
            }
            _ => {}
        }
    }
    Ok(doc)
}
