//! Web boilerplate: the chrome a scraped page leaves around a speech.
//!
//! Two kinds: single lines that are chrome wherever they stand (编辑:,
//! 点击率, HTML tags, 下载/打印 buttons), and footers after which the rest
//! of the document is chrome too (上一篇/下一篇/推荐访问/编辑:, the teaser
//! block after them, a licence footer).

/// Lines that open a footer: everything from here on is chrome.
fn opens_footer(t: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "编辑:",
        "编辑：",
        "編輯:",
        "編輯：",
        "责任编辑",
        "責任編輯",
        "上一篇",
        "下一篇",
        "推荐访问",
        "推薦訪問",
        "相关阅读",
        "相關閱讀",
        "相关文章",
        "相關文章",
    ];
    PREFIXES.iter().any(|p| t.starts_with(p)) || is_licence(t)
}

fn is_licence(t: &str) -> bool {
    t == "Public domain"
        || t.starts_with("本作品")
        || t.starts_with("這部作品")
        || t.starts_with("这部作品")
        || t.contains("公有领域")
        || t.contains("公有領域")
}

/// A line that is chrome wherever it stands.
pub fn is_boiler_line(t: &str) -> bool {
    let t = t.trim();
    const EXACT: &[&str] = &[
        "下载",
        "打印",
        "全屏",
        "收藏",
        "分享",
        "加大",
        "还原",
        "减小",
        "】",
        "【字号：",
        "【字号:",
        "关闭窗口",
        "返回顶部",
        "false",
        "true",
    ];
    if EXACT.contains(&t) {
        return true;
    }
    if t.contains("点击率") || t.contains("點擊率") || t.contains("阅读次数") {
        return true;
    }
    if t.starts_with("来源：") || t.starts_with("来源:") || t.starts_with("來源：") {
        return t.chars().count() <= 40;
    }
    // An HTML tag on a line of its own (pages pasted with their markup).
    if t.starts_with('<') && t.ends_with('>') {
        return true;
    }
    super::meta::is_header_line(t)
}

/// Chrome after a footer (headline lists, teasers, licences) is short
/// lines; a paragraph this long, ending a sentence, is a speech's text.
const PROSE_CHARS: usize = 150;

fn is_prose(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with(['。', '！', '？', '”', '」']) && t.chars().count() >= PROSE_CHARS
}

/// Mark each paragraph as boilerplate or not.
pub fn mark(paras: &[String]) -> Vec<bool> {
    let mut out = Vec::with_capacity(paras.len());
    let mut in_footer = false;
    let n = paras.len();
    for (i, p) in paras.iter().enumerate() {
        let t = p.trim_start_matches([' ', '\u{3000}', '\t']);
        // A licence footer only counts near the end of a document, so a
        // speech that mentions 公有领域 keeps its text.
        let footer = if is_licence(t) {
            n - i <= 40 && n > 3
        } else {
            opens_footer(t)
        };
        if footer && i > 0 {
            in_footer = true;
        } else if in_footer && is_prose(t) {
            // A long paragraph of prose is text again: the footer was an
            // editor's line between pieces (a compilation, a page of
            // several articles), not the end of the page.
            in_footer = false;
        }
        out.push(in_footer || is_boiler_line(t));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn footer_marks_everything_after() {
        let p = v(&[
            "标题",
            "正文一段。",
            "编辑:hefan",
            "上一篇:",
            "无关的新闻。",
        ]);
        assert_eq!(mark(&p), vec![false, false, true, true, true]);
    }

    #[test]
    fn long_prose_after_an_editor_line_is_text_again() {
        let long = "要坚持以人民为中心的发展思想，".repeat(12) + "这是正文。";
        let teaser = "推荐：".to_string() + &"一条新闻标题".repeat(3);
        let p = v(&["正文一段。", "编辑:hefan", &teaser, &long, "短句。"]);
        assert_eq!(mark(&p), vec![false, true, true, false, false]);
    }

    #[test]
    fn chrome_lines_anywhere() {
        let p = v(&[
            "下载",
            "打印",
            "正文。",
            "<table cellspacing=\"20\">",
            "正文。",
        ]);
        assert_eq!(mark(&p), vec![true, true, false, true, false]);
    }
}
