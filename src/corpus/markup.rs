//! HTML left inside text files: tags dropped, entities decoded, at load.
//!
//! Scraped text often keeps some markup (`<table>` image blocks,
//! `<P align=center>`, `<a href=…>` around a word, `&nbsp;`). It is removed
//! before the text is cut into paragraphs, so paragraph text simply no
//! longer holds it and every char offset (search hits, bookmarks) points
//! into what is shown.
//!
//! This is not an HTML parser (real `.html` files go through html5ever,
//! see `html`): only tags with a known HTML element name are tags, so
//! `x<5`, `<<书名>>` or `a <b` without `>` stay text. Block elements end a
//! line; `<script>`, `<style>`, `<head>` and comments go with their content.
//!
//! What always holds: text without a tag or entity comes back unchanged
//! (`None`), and nothing here panics on any text.

/// Known element names, lower case: a `<name` that is not here is text.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "audio",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "option",
    "p",
    "param",
    "picture",
    "pre",
    "q",
    "s",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "video",
    "wbr",
];

/// Elements that end a line (a new paragraph starts after them).
const BLOCKS: &[&str] = &[
    "article",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements dropped with everything inside them.
const DROP_CONTENT: &[&str] = &["script", "style", "head", "noscript", "textarea", "select"];

/// Named entities that scraped Chinese text uses (and the XML five).
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", " "),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("hellip", "…"),
    ("middot", "·"),
    ("bull", "•"),
    ("times", "×"),
    ("divide", "÷"),
    ("deg", "°"),
    ("plusmn", "±"),
    ("copy", "©"),
    ("reg", "®"),
    ("yen", "¥"),
    ("ensp", " "),
    ("emsp", "\u{3000}"),
    ("thinsp", " "),
    ("zwsp", ""),
    ("shy", ""),
];

/// A tag starting at byte `at` (which holds `<`): its lower-case name,
/// whether it closes, and the byte after its `>`.
fn tag_at(s: &str, at: usize) -> Option<(String, bool, usize)> {
    let b = s.as_bytes();
    let mut i = at + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == name_start || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    if ELEMENTS.binary_search(&name.as_str()).is_err() {
        return None;
    }
    match b.get(i) {
        Some(c) if c.is_ascii_whitespace() || *c == b'>' || *c == b'/' => {}
        _ => return None,
    }
    // To the `>`, over quoted attribute values; a tag is never longer than
    // this (a lone `<p` in prose stays text).
    const MAX: usize = 4096;
    let mut quote = None;
    while i < b.len() && i - at < MAX {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some((name, closing, i + 1)),
            None if c == b'<' => return None,
            None => {}
        }
        i += 1;
    }
    None
}

/// An entity at byte `at` (which holds `&`): its text and the byte after it.
fn entity_at(s: &str, at: usize) -> Option<(String, usize)> {
    let rest = &s[at + 1..];
    let end = rest
        .bytes()
        .take(12)
        .position(|c| c == b';')
        .filter(|&e| e > 0)?;
    let body = &rest[..end];
    let text = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        char::from_u32(code)?.to_string()
    } else {
        let lower = body.to_ascii_lowercase();
        let (_, t) = ENTITIES.iter().find(|(n, _)| *n == lower)?;
        t.to_string()
    };
    Some((text, at + 1 + end + 1))
}

fn has_markup(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        (c == b'<' && (tag_at(s, i).is_some() || s[i..].starts_with("<!--")))
            || (c == b'&' && entity_at(s, i).is_some())
    })
}

/// The text with HTML tags dropped and entities decoded; `None` when it
/// has neither (the common case, checked without allocating).
pub fn strip(s: &str) -> Option<String> {
    if !s.bytes().any(|c| c == b'<' || c == b'&') || !has_markup(s) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut copied = 0;
    while let Some(rel) = s[i..].find(['<', '&']) {
        let at = i + rel;
        if s.as_bytes()[at] == b'&' {
            if let Some((text, next)) = entity_at(s, at) {
                out.push_str(&s[copied..at]);
                out.push_str(&text);
                copied = next;
                i = next;
            } else {
                i = at + 1;
            }
            continue;
        }
        if s[at..].starts_with("<!--") {
            out.push_str(&s[copied..at]);
            let next = s[at..].find("-->").map(|e| at + e + 3).unwrap_or(s.len());
            copied = next;
            i = next;
            continue;
        }
        let Some((name, closing, mut next)) = tag_at(s, at) else {
            i = at + 1;
            continue;
        };
        out.push_str(&s[copied..at]);
        if !closing && DROP_CONTENT.contains(&name.as_str()) {
            let close = format!("</{name}");
            next = find_ascii_ci(&s[next..], &close)
                .and_then(|e| s[next + e..].find('>').map(|g| next + e + g + 1))
                .unwrap_or(s.len());
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        } else if matches!(name.as_str(), "td" | "th") {
            out.push(' ');
        }
        copied = next;
        i = next;
    }
    out.push_str(&s[copied..]);
    Some(out)
}

/// Byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_lists_are_sorted_for_binary_search() {
        assert!(ELEMENTS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tags_go_and_entities_decode() {
        let s = "<table cellspacing=\"20\">\n<tr align=\"center\"><td><img alt=\"\" src=\"http://x/1.jpg\" /></td></tr>\n</table>\n　　原标题：习近平&nbsp;讲话&ldquo;四个自信&rdquo;<a href=\"http://a.b/c?d=1&e=2\">全文</a>";
        let out = strip(s).unwrap();
        assert!(!out.contains('<') && !out.contains("&"), "{out}");
        assert!(out.contains("原标题：习近平 讲话“四个自信”全文"), "{out}");
        assert_eq!(
            strip("<P align=center>标题</P>正文").unwrap(),
            "\n标题\n正文"
        );
        assert_eq!(strip("a<script>var x = '<p>';</script>b").unwrap(), "ab");
        assert_eq!(strip("甲<!-- 注释 -->乙").unwrap(), "甲乙");
        assert_eq!(strip("&#20013;&#x6587;").unwrap(), "中文");
    }

    #[test]
    fn prose_with_angle_brackets_and_ampersands_is_text() {
        for s in [
            "当x<5且y>3时",
            "<<三国演义>>",
            "A&B公司",
            "a <b 没有结束",
            "R&D投入&研发",
            "纯文本",
        ] {
            assert_eq!(strip(s), None, "{s}");
        }
    }
}
