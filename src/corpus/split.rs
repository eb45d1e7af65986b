//! One file, several documents: cutting a compilation into its pieces.
//!
//! Only a strong, repeated signal cuts:
//! - a metadata header line (`作者:… 发布时间:…`) after body text; the short
//!   title line just before it goes with the new document;
//! - a source footer closing each piece (`出处：江泽民文选第一卷…`,
//!   `来源：…` after body text), when the file has two or more;
//! - a `原标题：` line (the title the piece had where it was first
//!   published), when the file has two or more: it opens each piece, or,
//!   when the file ends with one (reposts put it last), closes each.
//!
//! What always holds: the pieces, joined, are the paragraphs in order,
//! each exactly once, and none is empty.

use super::{boiler, meta};

/// A piece of a file: its paragraphs, and the title its opening line
/// names (`原标题：…`), if it has one.
#[derive(Debug, Default)]
pub struct Piece {
    pub paragraphs: Vec<String>,
    pub title: Option<String>,
}

fn trimmed(p: &str) -> &str {
    p.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

/// `出处：…` / `来源：…`: the footer that closes a piece of a compilation.
fn footer_label(p: &str) -> Option<&'static str> {
    let t = trimmed(p);
    if !(t.starts_with("出") || t.starts_with("来") || t.starts_with("來")) {
        return None;
    }
    if t.chars().count() > 100 || meta::is_header_line(t) {
        return None;
    }
    for (label, kind) in [
        ("出处", "出处"),
        ("出處", "出处"),
        ("来源", "来源"),
        ("來源", "来源"),
    ] {
        if let Some(rest) = t.strip_prefix(label) {
            if rest.starts_with([':', '：']) {
                return Some(kind);
            }
        }
    }
    None
}

/// The title after `原标题：`, if `p` opens with one.
fn original_title(p: &str) -> Option<String> {
    let t = trimmed(p);
    let bracketed = t.starts_with(['（', '(']);
    let t = t.strip_prefix(['（', '(']).unwrap_or(t);
    let rest = ["原标题", "原標題"]
        .iter()
        .find_map(|l| t.strip_prefix(l))?
        .strip_prefix([':', '：'])?
        .trim();
    let rest = match rest.strip_suffix(['）', ')']) {
        Some(r) if bracketed => r.trim(),
        _ => rest,
    };
    if rest.is_empty() {
        return None;
    }
    // The title runs to the end of the line, or into the text when the
    // source lost the break: cut at a sentence end, and keep it short.
    let end = rest
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?'))
        .map(|(b, _)| b)
        .unwrap_or(rest.len());
    let t: String = rest[..end].chars().take(40).collect();
    let t = if rest[..end].chars().count() > 40 {
        format!("{t}…")
    } else {
        t
    };
    Some(t)
}

fn is_body(p: &str) -> bool {
    p.chars().count() > 40 && !boiler::is_boiler_line(p)
}

/// Where the metadata header lines cut (the old, and strongest, rule).
fn header_cuts(paragraphs: &[String]) -> Vec<usize> {
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
                if start > 0 {
                    cuts.push(start);
                }
                seen_body = false;
            }
        } else if is_body(p) {
            seen_body = true;
        }
    }
    cuts
}

/// Cuts after source footers, when two or more close pieces.
fn footer_cuts(paragraphs: &[String]) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut seen_body = false;
    for (i, p) in paragraphs.iter().enumerate() {
        match footer_label(p) {
            // `来源：` also opens web articles: it closes a piece only after
            // body text. `出处：` always closes one.
            Some(kind) if seen_body || kind == "出处" => {
                if i + 1 < paragraphs.len() {
                    cuts.push(i + 1);
                }
                seen_body = false;
            }
            _ => seen_body |= is_body(p),
        }
    }
    let closed =
        cuts.len() + usize::from(paragraphs.last().is_some_and(|p| footer_label(p).is_some()));
    if closed >= 2 {
        cuts
    } else {
        Vec::new()
    }
}

/// Cuts at `原标题：` lines, when there are two or more: before each, or
/// after each when the file's last line is one (then they close pieces).
/// The second value says they close.
fn original_title_cuts(paragraphs: &[String]) -> (Vec<usize>, bool) {
    let at: Vec<usize> = paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| original_title(p).is_some())
        .map(|(i, _)| i)
        .collect();
    if at.len() < 2 {
        return (Vec::new(), false);
    }
    let closes = at.last() == Some(&(paragraphs.len() - 1));
    if closes {
        (
            at.into_iter()
                .map(|i| i + 1)
                .filter(|&i| i < paragraphs.len())
                .collect(),
            true,
        )
    } else {
        (at.into_iter().filter(|&i| i > 0).collect(), false)
    }
}

/// Cut a file's paragraphs into pieces (see the module doc); `whole`
/// keeps the file one document (`--no-split`).
pub fn split(paragraphs: Vec<String>, whole: bool) -> Vec<Piece> {
    let mut closing_titles = false;
    let mut cuts = if whole {
        Vec::new()
    } else {
        let mut c = header_cuts(&paragraphs);
        c.extend(footer_cuts(&paragraphs));
        let (t, closes) = original_title_cuts(&paragraphs);
        closing_titles = closes;
        c.extend(t);
        c
    };
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut rest = paragraphs;
    for &c in cuts.iter().rev() {
        let tail = rest.split_off(c);
        pieces.push(tail);
    }
    pieces.push(rest);
    pieces.reverse();
    // A piece without text (a title line between two cuts) joins the next
    // one, or the one before at the end.
    let mut merged: Vec<Vec<String>> = Vec::with_capacity(pieces.len());
    let mut carry: Vec<String> = Vec::new();
    for p in pieces.into_iter().filter(|p| !p.is_empty()) {
        let textless = !p.iter().any(|t| is_body(t));
        carry.extend(p);
        if !textless {
            merged.push(std::mem::take(&mut carry));
        }
    }
    if !carry.is_empty() {
        match merged.last_mut() {
            Some(last) => last.extend(carry),
            None => merged.push(carry),
        }
    }
    merged
        .into_iter()
        .map(|paragraphs| Piece {
            title: if closing_titles {
                paragraphs.iter().rev().find_map(|p| original_title(p))
            } else {
                paragraphs.iter().find_map(|p| original_title(p))
            },
            paragraphs,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &[&str]) -> Vec<String> {
        s.iter().map(|t| t.to_string()).collect()
    }

    const BODY: &str =
        "正文很长的一段话，讲了很多很多的内容，超过四十个字符是肯定的，所以这是正文而不是标题。";

    #[test]
    fn footers_close_pieces() {
        let ps = paras(&[
            "第一篇",
            BODY,
            "出处：文选第一卷",
            "第二篇",
            BODY,
            "出处：文选第一卷",
            "第三篇",
            BODY,
            "出处：文选第二卷",
        ]);
        let pieces = split(ps.clone(), false);
        let firsts: Vec<&str> = pieces.iter().map(|p| p.paragraphs[0].as_str()).collect();
        assert_eq!(firsts, ["第一篇", "第二篇", "第三篇"]);
        assert_eq!(pieces.concat_paragraphs(), ps);
        assert_eq!(split(ps, true).len(), 1);
    }

    #[test]
    fn one_footer_or_one_original_title_is_no_compilation() {
        let ps = paras(&["标题", BODY, "来源：新华网"]);
        assert_eq!(split(ps, false).len(), 1);
        let ps = paras(&["原标题：一篇", BODY]);
        assert_eq!(split(ps, false).len(), 1);
    }

    #[test]
    fn original_titles_open_pieces() {
        let ps = paras(&[
            "按语",
            "　　原标题：习近平：第一篇的标题",
            BODY,
            "　　原标题：第二篇讲话（全文）",
            BODY,
        ]);
        let pieces = split(ps.clone(), false);
        // The preface has no text of its own: it goes with the first piece.
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].paragraphs[0], "按语");
        assert_eq!(pieces[0].title.as_deref(), Some("习近平：第一篇的标题"));
        assert_eq!(pieces[1].title.as_deref(), Some("第二篇讲话（全文）"));
        assert_eq!(pieces.concat_paragraphs(), ps);
    }

    #[test]
    fn original_titles_that_close_pieces() {
        let ps = paras(&[
            "按语",
            BODY,
            "（原标题：第一篇）",
            BODY,
            "原标题：第二篇的标题",
            BODY,
            BODY,
            "原标题：第三篇",
        ]);
        let pieces = split(ps.clone(), false);
        let titles: Vec<Option<&str>> = pieces.iter().map(|p| p.title.as_deref()).collect();
        assert_eq!(
            titles,
            [Some("第一篇"), Some("第二篇的标题"), Some("第三篇")]
        );
        assert_eq!(pieces[0].paragraphs.len(), 3);
        assert_eq!(pieces.concat_paragraphs(), ps);
    }

    trait Concat {
        fn concat_paragraphs(&self) -> Vec<String>;
    }
    impl Concat for Vec<Piece> {
        fn concat_paragraphs(&self) -> Vec<String> {
            self.iter().flat_map(|p| p.paragraphs.clone()).collect()
        }
    }
}
