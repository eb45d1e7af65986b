//! Document metadata found in the text: title, date, author, and the
//! header lines (`作者:… 发布时间:…`) that start a document inside a file.

use super::Paragraph;

const LABEL_SEP: [char; 2] = [':', '：'];

/// Sentence-final punctuation: a line ending in one is a sentence, not a title.
fn ends_sentence(t: &str) -> bool {
    t.ends_with([
        '。', '！', '？', '!', '?', '；', ';', '，', ',', '、', '：', ':',
    ])
}

/// The value after `label` + `:`/`：`, up to the next space.
fn labelled<'a>(t: &'a str, labels: &[&str]) -> Option<&'a str> {
    for l in labels {
        if let Some(at) = t.find(l) {
            let rest = &t[at + l.len()..];
            let rest = rest.trim_start();
            if let Some(rest) = rest.strip_prefix(LABEL_SEP) {
                return Some(rest.trim_start());
            }
        }
    }
    None
}

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

/// `2019/11/12`, `2019-11-12`, `2019年11月12日` at the start of `s` → ISO date.
fn parse_date(s: &str) -> Option<String> {
    let s = s.trim_start();
    let mut nums = Vec::new();
    let mut cur = String::new();
    let mut seps = 0;
    for c in s.chars() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty() && matches!(c, '/' | '-' | '.' | '年' | '月' | '日') {
            nums.push(std::mem::take(&mut cur));
            seps += 1;
            if nums.len() == 3 {
                break;
            }
        } else {
            break;
        }
    }
    if !cur.is_empty() && nums.len() < 3 {
        nums.push(cur);
    }
    let _ = seps;
    if nums.len() != 3 || nums[0].len() != 4 {
        return None;
    }
    let y: u32 = nums[0].parse().ok()?;
    let m: u32 = nums[1].parse().ok()?;
    let d: u32 = nums[2].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2100).contains(&y) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Date and author where the text states them: labelled values first
/// (`发布时间:`, `时间：`, `日期:`, `作者:`), then a dated line near the top
/// (`（2018年1月2日）`, `——2026年1月26日在…`).
pub fn date_author(paras: &[Paragraph]) -> (Option<String>, Option<String>) {
    let mut date = None;
    let mut author = None;
    for p in paras.iter().take(12) {
        let t = p.text.trim();
        if date.is_none() {
            if let Some(v) = labelled(
                t,
                &["发布时间", "發佈時間", "发布日期", "时间", "時間", "日期"],
            ) {
                date = parse_date(v);
            }
        }
        if author.is_none() {
            if let Some(v) = labelled(t, &["作者"]) {
                let name: String = v.split_whitespace().next().unwrap_or("").to_string();
                let is_label = name.contains(LABEL_SEP) || name.is_empty();
                if !is_label && name.chars().count() <= 20 {
                    author = Some(name);
                }
            }
        }
    }
    if date.is_none() {
        for p in paras.iter().take(6) {
            let head: String = p.text.chars().take(60).collect();
            // A dated line near the top: find the first 4-digit year + 年.
            let chars: Vec<(usize, char)> = head.char_indices().collect();
            for (k, (b, c)) in chars.iter().enumerate() {
                if c.is_ascii_digit() && (k == 0 || !chars[k - 1].1.is_ascii_digit()) {
                    if let Some(d) = parse_date(&head[*b..]) {
                        if head[*b..].contains('年') {
                            date = Some(d);
                            break;
                        }
                    }
                }
            }
            if date.is_some() {
                break;
            }
        }
    }
    (date, author)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(t: &str) -> Paragraph {
        Paragraph {
            text: t.to_string(),
            boilerplate: false,
        }
    }

    #[test]
    fn header_line_gives_date_and_no_empty_author() {
        let ps = [p("标题"), p("作者: 发布时间:2019/11/12 9:23:45 点击率:0")];
        assert!(is_header_line(&ps[1].text));
        assert_eq!(date_author(&ps), (Some("2019-11-12".into()), None));
        let ps = [p("作者:张三 发布时间:2020-1-5")];
        assert_eq!(
            date_author(&ps),
            (Some("2020-01-05".into()), Some("张三".into()))
        );
    }

    #[test]
    fn dated_line_near_top() {
        let ps = [
            p("中共中央 国务院关于实施乡村振兴战略的意见"),
            p("（2018年1月2日）"),
        ];
        assert_eq!(date_author(&ps).0, Some("2018-01-02".into()));
    }

    #[test]
    fn titles() {
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
