//! Web pages (`.html`, `.htm`): the article, read with an HTML5 parser
//! (html5ever, through scraper), never with patterns.
//!
//! - The body: the element whose own paragraphs hold the most text (the
//!   article container of gov.cn, xinhuanet, people.cn pages alike), with
//!   navigation, scripts, styles, forms, headers, footers, asides and
//!   anything whose class or id says nav/menu/footer/related/share/comment
//!   left out. Block elements end paragraphs; `<h1>`–`<h6>` are headings
//!   of that level (an outline hint).
//! - The title: the first `<h1>`, else `<title>` without the site suffix
//!   (` - 中国政府网`, `_新华网`, `|人民网`).
//! - The date: a publication meta tag (`PubDate`, `firstpublishedtime`,
//!   `article:published_time`, …); else the text's own date line.
//!
//! What always holds: any bytes parse (html5ever never fails), and the
//! text comes out sanitised like every other document's.

use super::dates;
use scraper::{ElementRef, Html, Node, Selector};

/// A web page's article.
#[derive(Debug, Default)]
pub struct Article {
    pub title: Option<String>,
    pub date: Option<String>,
    /// Paragraph texts, with a heading level for `<hN>`.
    pub paragraphs: Vec<(String, Option<u8>)>,
}

/// Elements that never hold the article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "textarea", "template", "head", "object", "embed", "input", "map",
    "canvas", "video", "audio",
];

/// Class or id words of chrome.
const CHROME: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "foot",
    "header",
    "breadcrumb",
    "crumb",
    "related",
    "relate",
    "share",
    "sidebar",
    "comment",
    "recommend",
    "copyright",
    "toolbar",
    "topbar",
    "banner",
    "advert",
    "xgxw",
    "xglj",
    "tjyd",
];

const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "ul",
    "ol",
    "dd",
    "dt",
    "dl",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "center",
    "hr",
    "main",
    "figure",
    "figcaption",
    "caption",
    "tbody",
    "body",
];

fn is_chrome(el: &ElementRef) -> bool {
    let v = el.value();
    if SKIP.contains(&v.name()) {
        return true;
    }
    let words = v
        .attr("class")
        .into_iter()
        .chain(v.attr("id"))
        .flat_map(|s| s.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .map(|w| w.to_ascii_lowercase());
    for w in words {
        if CHROME
            .iter()
            .any(|c| w == *c || (c.len() >= 4 && w.starts_with(c)))
        {
            return true;
        }
    }
    false
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Collapse HTML whitespace; a run between two Han chars is dropped (a
/// page's source line break inside a Chinese sentence is no space).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            pending = true;
            continue;
        }
        if pending && !out.is_empty() {
            let prev = out.chars().last().unwrap_or(' ');
            if !(crate::text::punct::is_han(prev) && crate::text::punct::is_han(c)) {
                out.push(' ');
            }
        }
        pending = false;
        out.push(c);
    }
    out
}

struct Lines {
    out: Vec<(String, Option<u8>)>,
    cur: String,
    level: Option<u8>,
}

impl Lines {
    fn flush(&mut self) {
        let t = collapse(&self.cur);
        let t = t.trim_matches(|c: char| c.is_whitespace());
        if !t.is_empty() {
            self.out.push((t.to_string(), self.level));
        }
        self.cur.clear();
        self.level = None;
    }
}

fn text_of(el: ElementRef, lines: &mut Lines) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => lines.cur.push_str(t),
            Node::Element(e) => {
                let Some(ce) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_chrome(&ce) {
                    continue;
                }
                let name = e.name();
                let block = BLOCK.contains(&name);
                if block {
                    lines.flush();
                }
                let level = heading_level(name);
                text_of(ce, lines);
                if level.is_some() {
                    lines.level = level;
                }
                if block {
                    lines.flush();
                }
            }
            _ => {}
        }
    }
}

/// Text length of an element's own `<p>` children (and of its direct text):
/// how much article it holds itself.
fn own_text(el: ElementRef) -> usize {
    let mut n = 0;
    for child in el.children() {
        match child.value() {
            Node::Text(t) => n += t.trim().chars().count(),
            Node::Element(e) if matches!(e.name(), "p" | "br" | "span" | "font" | "strong") => {
                if let Some(ce) = ElementRef::wrap(child) {
                    if !is_chrome(&ce) {
                        n += ce.text().map(|t| t.trim().chars().count()).sum::<usize>();
                    }
                }
            }
            _ => {}
        }
    }
    n
}

fn under_chrome(el: ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| is_chrome(&a))
        || is_chrome(&el)
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// The page's title: the first `<h1>`, else `<title>` without the site.
fn title(doc: &Html) -> Option<String> {
    if let Some(s) = sel("h1") {
        for h in doc.select(&s) {
            if under_chrome(h) {
                continue;
            }
            let t = collapse(&h.text().collect::<String>());
            let t = t.trim();
            if !t.is_empty() && t.chars().count() <= 80 {
                return Some(t.to_string());
            }
        }
    }
    let s = sel("title")?;
    let t = collapse(&doc.select(&s).next()?.text().collect::<String>());
    let t = strip_site(t.trim());
    (!t.is_empty()).then(|| t.to_string())
}

/// `标题 - 中国政府网`, `标题_滚动新闻_新华网`, `标题|人民网` → `标题`.
pub fn strip_site(t: &str) -> &str {
    let mut cut = t.len();
    for sep in [" - ", " — ", " – ", "_", "|", "｜", " -- ", "——"] {
        if let Some(at) = t.find(sep) {
            if t[..at].trim().chars().count() >= 2 {
                cut = cut.min(at);
            }
        }
    }
    t[..cut].trim()
}

/// The date from publication meta tags.
fn meta_date(doc: &Html) -> Option<String> {
    const NAMES: &[&str] = &[
        "pubdate",
        "publishdate",
        "firstpublishedtime",
        "publishtime",
        "publish_time",
        "article:published_time",
        "og:published_time",
        "og:release_date",
        "dc.date",
        "dc.date.issued",
        "dcterms.issued",
        "date",
        "lastmodifiedtime",
    ];
    let s = sel("meta")?;
    let mut found: Vec<(usize, String)> = Vec::new();
    for m in doc.select(&s) {
        let v = m.value();
        let key = v
            .attr("name")
            .or_else(|| v.attr("property"))
            .or_else(|| v.attr("itemprop"))
            .map(str::to_ascii_lowercase);
        let (Some(key), Some(content)) = (key, v.attr("content")) else {
            continue;
        };
        if let Some(rank) = NAMES.iter().position(|n| *n == key) {
            let cs: Vec<char> = content.trim().chars().collect();
            if let Some((d, _)) = dates::date_at(&cs) {
                found.push((rank, d.iso()));
            }
        }
    }
    found.sort();
    found.into_iter().next().map(|(_, d)| d)
}

/// Read a web page's article (see the module doc).
pub fn read(html: &str) -> Article {
    let doc = Html::parse_document(html);
    let mut best: Option<(usize, ElementRef)> = None;
    if let Some(all) = sel("body *") {
        for el in doc.select(&all) {
            if !matches!(
                el.value().name(),
                "div" | "article" | "section" | "main" | "td"
            ) {
                continue;
            }
            let n = own_text(el);
            if n > best.map(|(b, _)| b).unwrap_or(0) && !under_chrome(el) {
                best = Some((n, el));
            }
        }
    }
    let root = match best {
        Some((n, el)) if n >= 40 => Some(el),
        _ => sel("body").and_then(|s| doc.select(&s).next()),
    };
    let mut lines = Lines {
        out: Vec::new(),
        cur: String::new(),
        level: None,
    };
    if let Some(root) = root {
        text_of(root, &mut lines);
        lines.flush();
    }
    let title = title(&doc);
    let mut paragraphs = lines.out;
    // The title heads the text (it is often outside the article element).
    if let Some(t) = &title {
        if !paragraphs.iter().take(3).any(|(p, _)| p == t) {
            paragraphs.insert(0, (t.clone(), Some(1)));
        }
    }
    Article {
        title,
        date: meta_date(&doc),
        paragraphs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_go() {
        assert_eq!(
            strip_site("国务院关于印发通知 - 中国政府网"),
            "国务院关于印发通知"
        );
        assert_eq!(strip_site("习近平讲话_滚动新闻_新华网"), "习近平讲话");
        assert_eq!(strip_site("标题|人民网"), "标题");
        assert_eq!(strip_site("短_x"), "短_x");
    }
}
