//! Document metadata found in the text: title, author, and the header
//! lines (`作者:… 发布时间:…`) that start a document inside a file (dates
//! are in `dates`).

use super::Paragraph;

const LABEL_SEP: [char; 2] = [':', '：'];

/// Sentence-final punctuation: a line ending in one is a sentence, not a title.
fn ends_sentence(t: &str) -> bool {
    t.ends_with([
        '。', '！', '？', '!', '?', '；', ';', '，', ',', '、', '：', ':',
    ])
}

use super::dates::labelled;

/// A metadata header line: `作者: … 发布时间: …` (a strong document start).
pub fn is_header_line(t: &str) -> bool {
    let t = t.trim();
    t.chars().count() <= 120
        && labelled(t, &["发布时间", "發佈時間", "发布日期", "發布時間"]).is_some()
        && (labelled(t, &["作者", "来源", "來源"]).is_some() || t.contains("点击率"))
}

/// A short line that could be a title (no sentence punctuation at its end).
pub fn looks_like_title(t: &str) -> bool {
    let t = t.trim();
    let n = t.chars().count();
    (2..=40).contains(&n) && !ends_sentence(t)
}

/// A salutation such as `同志们：` or `各位代表！`, never a title.
fn is_salutation(t: &str) -> bool {
    let t = t.trim();
    t.chars().count() <= 12 && t.ends_with([':', '：', '!', '！'])
}

/// The title, whether it was inferred, and the index of its paragraph.
pub fn title(paras: &[Paragraph]) -> (String, bool, Option<usize>) {
    let first = paras
        .iter()
        .enumerate()
        .find(|(_, p)| !p.boilerplate && !is_salutation(&p.text));
    let Some((i, p)) = first else {
        return (String::from("(untitled)"), true, None);
    };
    let t = p.text.trim_matches(|c: char| c.is_whitespace());
    if looks_like_title(t) {
        // A title broken before its last char (`政府工作报` / `告`,
        // as some transcriptions have it) is one title.
        let tail = paras.get(i + 1).map(|p| p.text.trim()).unwrap_or("");
        let n = tail.chars().count();
        if n == 1 && tail.chars().all(crate::text::punct::is_han) {
            return (format!("{t}{tail}"), false, Some(i));
        }
        return (t.to_string(), false, Some(i));
    }
    // First sentence, cut to 24 chars.
    let end = t
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';'))
        .map(|(b, _)| b)
        .unwrap_or(t.len());
    let sentence = &t[..end];
    let cut: String = sentence.chars().take(24).collect();
    let title = if sentence.chars().count() > 24 || end < t.len() {
        format!("{cut}…")
    } else {
        cut
    };
    (title, true, None)
}

/// The author where the text states one (`作者:张三`), in the first lines.
pub fn author(paras: &[Paragraph]) -> Option<String> {
    for p in paras.iter().take(12) {
        if let Some(v) = labelled(p.text.trim(), &["作者"]) {
            let name: String = v.split_whitespace().next().unwrap_or("").to_string();
            let is_label = name.contains(LABEL_SEP) || name.is_empty();
            if !is_label && name.chars().count() <= 20 {
                return Some(name);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Paragraph {
        Paragraph {
            text: t.to_string(),
            boilerplate: false,
            heading: None,
        }
    }

    #[test]
    fn header_line_and_no_empty_author() {
        let ps = [p("标题"), p("作者: 发布时间:2019/11/12 9:23:45 点击率:0")];
        assert!(is_header_line(&ps[1].text));
        assert_eq!(author(&ps), None);
        assert_eq!(
            author(&[p("作者:张三 发布时间:2020-1-5")]),
            Some("张三".into())
        );
    }

    #[test]
    fn titles() {
        let (t, _, _) = title(&[p("政府工作报"), p("告"), p("各位代表：")]);
        assert_eq!(t, "政府工作报告");
        let (t, inferred, _) = title(&[p("同志们:"), p("短标题")]);
        assert_eq!((t.as_str(), inferred), ("短标题", false));
        let (t, inferred, _) = title(&[p(
            "这是一个很长的第一句话，它一直说下去，直到超过二十四个字为止。后面还有。",
        )]);
        assert!(inferred);
        assert_eq!(t.chars().count(), 25);
        assert!(t.ends_with('…'));
    }
}
