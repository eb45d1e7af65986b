//! Concordance (keyword in context): one line per occurrence, the match
//! with the text before and after it.
//!
//! What always holds:
//! - Text is the document's own, in its original script (a Traditional
//!   document shows 改革開放 for the query 改革开放), sanitised as loaded:
//!   no control character reaches a terminal or a spreadsheet.
//! - `left` is at most `context` chars ending right before the match,
//!   `right` at most `context` chars starting right after it; both stop at
//!   the paragraph's ends, never running into the next paragraph.
//!   `left + matched + right` is a slice of the paragraph.
//! - Lines come in the order of the occurrences given (corpus order for
//!   [`crate::search::occurrences`]).

use crate::corpus::Document;
use crate::outline::Outline;
use crate::slogans::Occurrence;
use std::collections::HashMap;

/// One concordance line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Index into the documents.
    pub doc: usize,
    pub paragraph: usize,
    /// Char offset of the match in the paragraph.
    pub offset: usize,
    /// The section holding the paragraph, as `一、… › （二）…` (empty
    /// before the first heading or in a document without headings).
    pub section: String,
    pub left: String,
    pub matched: String,
    pub right: String,
}

/// The byte index of each of `chars` (ascending char indexes) in `text`;
/// an index past the end gives `text.len()`.
fn byte_indexes<const N: usize>(text: &str, chars: [usize; N]) -> [usize; N] {
    let mut out = [text.len(); N];
    let mut k = 0;
    for (n, (b, _)) in text.char_indices().enumerate() {
        while k < N && chars[k] == n {
            out[k] = b;
            k += 1;
        }
        if k == N {
            break;
        }
    }
    out
}

/// Concordance lines for occurrences of a text `len` chars long, with
/// `context` chars each side. An occurrence that does not point into its
/// document (a stale index) is skipped.
pub fn lines(docs: &[Document], occs: &[Occurrence], len: usize, context: usize) -> Vec<Line> {
    let mut outlines: HashMap<usize, Outline> = HashMap::new();
    let mut out = Vec::with_capacity(occs.len());
    for o in occs {
        let Some(para) = docs.get(o.doc).and_then(|d| d.paragraphs.get(o.paragraph)) else {
            continue;
        };
        let text = &para.text;
        let from = o.offset.saturating_sub(context);
        let end = o.offset + len;
        let [b0, b1, b2, b3] = byte_indexes(text, [from, o.offset, end, end + context]);
        if b1 == text.len() && len > 0 {
            continue;
        }
        let ol = outlines
            .entry(o.doc)
            .or_insert_with(|| Outline::build(&docs[o.doc]));
        out.push(Line {
            doc: o.doc,
            paragraph: o.paragraph,
            offset: o.offset,
            section: ol
                .section_at(o.paragraph)
                .map(|s| ol.breadcrumb(s))
                .unwrap_or_default(),
            left: text[b0..b1].to_string(),
            matched: text[b1..b2].to_string(),
            right: text[b2..b3].to_string(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use std::path::Path;

    #[test]
    fn context_stops_at_the_paragraph_and_keeps_the_script() {
        let mut c = Corpus::default();
        c.add_bytes(
            Path::new("gwr_2010.txt"),
            "標題\n一、堅持改革開放\n我們要堅持改革開放，不動搖。\n改革開放\n".as_bytes(),
        );
        let d = &c.docs[0];
        let p = d
            .paragraphs
            .iter()
            .position(|p| p.text.starts_with("我們"))
            .expect("the body paragraph");
        let occs = [
            Occurrence {
                doc: 0,
                paragraph: p,
                offset: 5,
            },
            Occurrence {
                doc: 0,
                paragraph: p + 1,
                offset: 0,
            },
        ];
        let l = lines(&c.docs, &occs, 4, 3);
        assert_eq!(l.len(), 2);
        assert_eq!(
            (
                l[0].left.as_str(),
                l[0].matched.as_str(),
                l[0].right.as_str()
            ),
            ("要堅持", "改革開放", "，不動")
        );
        // A whole paragraph: nothing either side.
        assert_eq!(
            (
                l[1].left.as_str(),
                l[1].matched.as_str(),
                l[1].right.as_str()
            ),
            ("", "改革開放", "")
        );
        assert_eq!(l[0].section, "一、堅持改革開放");
        // Offsets past the text are skipped, not a panic.
        let stale = [Occurrence {
            doc: 0,
            paragraph: p,
            offset: 999,
        }];
        assert!(lines(&c.docs, &stale, 4, 3).is_empty());
    }
}
