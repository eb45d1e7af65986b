//! Dates: from the text, from the file name, as `YYYY-MM-DD`, `YYYY-MM`
//! or `YYYY` strings.
//!
//! In the text: a labelled value (`发布时间：2019/11/12`, `日期:`), a date
//! line at the top or the bottom (`（2022年10月16日）`, `——2016年3月5日在…`,
//! `二〇一五年三月五日`), a compilation's note (`*这是…一九八四年…的讲话`), or a
//! full date early in the first lines. In a file name: a full date
//! (`2020-04-30`, `20200430`) or a four-digit year 1949–2099 standing on its
//! own (`gwr_2015_…`, `2017政府工作报告_李克强`).
//!
//! What always holds: every date returned is well-formed (month 1–12, day
//! 1–31, year 1900–2100, 1949–2099 from a file name alone).

use super::Paragraph;

/// A date, as precise as the source says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: u32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Date {
    pub fn iso(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    fn valid(self) -> bool {
        (1900..=2100).contains(&self.year)
            && self.month.is_none_or(|m| (1..=12).contains(&m))
            && self.day.is_none_or(|d| (1..=31).contains(&d))
            && (self.day.is_none() || self.month.is_some())
    }
}

/// The value of one Chinese numeral digit (`〇` `○` `零` `一` … `九`).
fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'О' | 'Ｏ' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// ASCII or full-width digit.
fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A number from 1 to 31 in Chinese (`五`, `十`, `十二`, `二十`, `廿一`,
/// `三十一`): the value and chars read.
fn han_small(cs: &[char]) -> Option<(u32, usize)> {
    let d = |i: usize| cs.get(i).copied().and_then(han_digit).filter(|&v| v > 0);
    let ten = |i: usize| matches!(cs.get(i), Some('十'));
    if ten(0) {
        return Some(match d(1) {
            Some(u) => (10 + u, 2),
            None => (10, 1),
        });
    }
    if cs.first() == Some(&'廿') {
        return Some(match d(1) {
            Some(u) => (20 + u, 2),
            None => (20, 1),
        });
    }
    let t = d(0)?;
    if ten(1) {
        return Some(match d(2) {
            Some(u) => (t * 10 + u, 3),
            None => (t * 10, 2),
        });
    }
    Some((t, 1))
}

/// A number of 1–4 digits in one script: (value, digits, chars read).
fn number(cs: &[char], han: bool) -> Option<(u32, usize)> {
    if han {
        return han_small(cs);
    }
    let mut v = 0;
    let mut n = 0;
    while let Some(d) = cs.get(n).copied().and_then(arabic_digit) {
        v = v * 10 + d;
        n += 1;
        if n > 4 {
            return None;
        }
    }
    (n > 0).then_some((v, n))
}

/// A date starting at `cs[0]`: `2015年3月5日`, `2015年3月`, `二〇一五年三月五日`,
/// `2019/11/12`, `2019-11-12`, `2019.11.12`, `2019-11-12 10:00`; the date
/// and the chars it took.
pub fn date_at(cs: &[char]) -> Option<(Date, usize)> {
    // The year: four digits of one kind.
    let han = han_digit(*cs.first()?).is_some();
    let digit = |c: char| {
        if han {
            han_digit(c)
        } else {
            arabic_digit(c)
        }
    };
    let mut year = 0;
    for k in 0..4 {
        year = year * 10 + digit(*cs.get(k)?)?;
    }
    if cs.get(4).copied().and_then(digit).is_some() {
        return None;
    }
    let sep = *cs.get(4)?;
    let mut at = 5;
    let (month, day);
    if sep == '年' {
        let Some((m, n)) = number(&cs[at..], han) else {
            let d = Date {
                year,
                month: None,
                day: None,
            };
            return d.valid().then_some((d, 5));
        };
        if cs.get(at + n) != Some(&'月') {
            let d = Date {
                year,
                month: None,
                day: None,
            };
            return d.valid().then_some((d, 5));
        }
        at += n + 1;
        month = Some(m);
        day = match number(&cs[at..], han) {
            Some((d, n)) if matches!(cs.get(at + n), Some('日' | '号')) => {
                at += n + 1;
                Some(d)
            }
            _ => None,
        };
    } else if !han && matches!(sep, '-' | '/' | '.' | '－' | '／' | '．') {
        let (m, n) = number(&cs[at..], false)?;
        if n > 2 || cs.get(at + n) != Some(&sep) {
            return None;
        }
        at += n + 1;
        let (d, n) = number(&cs[at..], false)?;
        if n > 2 {
            return None;
        }
        at += n;
        month = Some(m);
        day = Some(d);
    } else {
        return None;
    }
    let d = Date { year, month, day };
    d.valid().then_some((d, at))
}

/// The first date in `t` that starts a number (not in the middle of one).
pub fn first_date(t: &str) -> Option<(Date, usize)> {
    let cs: Vec<char> = t.chars().collect();
    first_date_in(&cs)
}

fn first_date_in(cs: &[char]) -> Option<(Date, usize)> {
    for i in 0..cs.len() {
        let starts = arabic_digit(cs[i]).is_some() || han_digit(cs[i]).is_some();
        let prev_digit =
            i > 0 && (arabic_digit(cs[i - 1]).is_some() || han_digit(cs[i - 1]).is_some());
        if starts && !prev_digit {
            if let Some((d, _)) = date_at(&cs[i..]) {
                return Some((d, i));
            }
        }
    }
    None
}

/// A full (or year–month) date that the whole of `t` is about: a line
/// that is only a date, maybe in brackets or after a dash
/// (`（2022年10月16日）`, `2018年2月12日`, `——2016年3月5日在第十二届…上`).
fn date_line(t: &str) -> Option<Date> {
    let t = t.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let n = t.chars().count();
    if n > 60 {
        return None;
    }
    let body = t.trim_start_matches(['（', '(', '—', '-', '－', '［', '[', '〔']);
    let cs: Vec<char> = body.chars().collect();
    let (d, len) = date_at(&cs)?;
    d.month?;
    let rest: String = cs[len..].iter().collect();
    let rest = rest.trim();
    let closes = rest.is_empty()
        || rest.starts_with(['）', ')', '］', ']', '〕'])
        || (t.starts_with('—') || t.starts_with('-') || t.starts_with('－'))
        || rest.starts_with('在');
    closes.then_some(d)
}

/// A compilation's note on a piece: `*这是…一九八四年…的讲话。`.
fn note_date(t: &str) -> Option<Date> {
    let t = t.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let rest = t.strip_prefix(['*', '＊', '※'])?;
    if !(rest.trim_start().starts_with("这是") || rest.trim_start().starts_with("這是")) {
        return None;
    }
    first_date(rest).map(|(d, _)| d)
}

const LABEL_SEP: [char; 2] = [':', '：'];

/// The value after one of `labels` and a colon.
pub fn labelled<'a>(t: &'a str, labels: &[&str]) -> Option<&'a str> {
    // One pass for the colon first: most lines have none.
    if !t.contains(LABEL_SEP) {
        return None;
    }
    for l in labels {
        if let Some(at) = t.find(l) {
            let rest = t[at + l.len()..].trim_start();
            if let Some(rest) = rest.strip_prefix(LABEL_SEP) {
                return Some(rest.trim_start());
            }
        }
    }
    None
}

const DATE_LABELS: &[&str] = &[
    "发布时间",
    "發佈時間",
    "發布時間",
    "发布日期",
    "發布日期",
    "时间",
    "時間",
    "日期",
];

/// The date the text states, in the module doc's order: a labelled value
/// in the first lines, a date line in the first or last lines, a note, a
/// full date early in the first lines.
pub fn from_text(paras: &[Paragraph]) -> Option<String> {
    let body: Vec<&str> = paras
        .iter()
        .filter(|p| !p.boilerplate)
        .map(|p| p.text.as_str())
        .collect();
    let all: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
    // 1. `发布时间：…` (web pages put it in chrome, so chrome counts here).
    for t in all.iter().take(12) {
        if let Some(v) = labelled(t, DATE_LABELS) {
            let cs: Vec<char> = v.chars().collect();
            if let Some((d, _)) = date_at(&cs) {
                return Some(d.iso());
            }
        }
    }
    // 2. A date line near the top, then near the end.
    let n = body.len();
    let head = body.iter().take(8);
    let tail = body.iter().skip(n.saturating_sub(5).max(8.min(n))).rev();
    for t in head.chain(tail) {
        if let Some(d) = date_line(t) {
            return Some(d.iso());
        }
    }
    // 3. A note on the piece.
    if let Some(d) = body.iter().find_map(|t| note_date(t)) {
        return Some(d.iso());
    }
    // 4. A full date in the first 60 chars of the first lines.
    for t in body.iter().take(6) {
        let cs: Vec<char> = t.chars().take(60).collect();
        if let Some((d, _)) = first_date_in(&cs) {
            if d.day.is_some() {
                return Some(d.iso());
            }
        }
    }
    None
}

/// The date a file name states: a full date (`2020-04-30`, `2020_04_30`,
/// `20200430`), else a year 1949–2099 standing on its own.
pub fn from_file_name(stem: &str) -> Option<String> {
    let cs: Vec<char> = stem.chars().collect();
    let is_d = |i: usize| cs.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut i = 0;
    let mut year = None;
    while i < cs.len() {
        if !is_d(i) || (i > 0 && is_d(i - 1)) {
            i += 1;
            continue;
        }
        let mut j = i;
        while is_d(j) {
            j += 1;
        }
        let run: String = cs[i..j].iter().collect();
        let num = |s: &str| s.parse::<u32>().ok();
        if run.len() == 8 {
            let d = Date {
                year: num(&run[..4]).unwrap_or(0),
                month: num(&run[4..6]),
                day: num(&run[6..]),
            };
            if d.valid() && (1949..=2099).contains(&d.year) {
                return Some(d.iso());
            }
        }
        if run.len() == 4 {
            let y = num(&run).unwrap_or(0);
            // `2020-04-30`, `2020_04_30`, `2020.04.30`.
            let sep = cs.get(j).copied();
            if matches!(sep, Some('-' | '_' | '.')) && is_d(j + 1) && is_d(j + 2) && !is_d(j + 3) {
                let m: String = cs[j + 1..j + 3].iter().collect();
                if cs.get(j + 3) == sep.as_ref() && is_d(j + 4) && is_d(j + 5) && !is_d(j + 6) {
                    let dd: String = cs[j + 4..j + 6].iter().collect();
                    let d = Date {
                        year: y,
                        month: num(&m),
                        day: num(&dd),
                    };
                    if d.valid() && (1949..=2099).contains(&y) {
                        return Some(d.iso());
                    }
                }
            }
            if year.is_none() && (1949..=2099).contains(&y) {
                year = Some(format!("{y:04}"));
            }
        }
        i = j;
    }
    year
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

    fn at(s: &str) -> Option<String> {
        let cs: Vec<char> = s.chars().collect();
        date_at(&cs).map(|(d, _)| d.iso())
    }

    #[test]
    fn forms_of_a_date() {
        assert_eq!(at("2015年3月5日").as_deref(), Some("2015-03-05"));
        assert_eq!(at("二〇一五年三月五日").as_deref(), Some("2015-03-05"));
        assert_eq!(at("一九八四年十月二十日").as_deref(), Some("1984-10-20"));
        assert_eq!(
            at("一九九七年十二月三十一日").as_deref(),
            Some("1997-12-31")
        );
        assert_eq!(at("二○一六年").as_deref(), Some("2016"));
        assert_eq!(at("2019/11/12 9:23").as_deref(), Some("2019-11-12"));
        assert_eq!(at("2020-1-5").as_deref(), Some("2020-01-05"));
        assert_eq!(at("２０２２年１０月１６日").as_deref(), Some("2022-10-16"));
        assert_eq!(at("1984年10月").as_deref(), Some("1984-10"));
        assert_eq!(at("2015年13月5日"), None);
        assert_eq!(at("12345年"), None);
        assert_eq!(at("2019/13/12"), None);
    }

    #[test]
    fn text_dates_in_order() {
        let ps = [p("标题"), p("作者: 发布时间:2019/11/12 9:23:45 点击率:0")];
        assert_eq!(from_text(&ps).as_deref(), Some("2019-11-12"));
        let ps = [
            p("中共中央 国务院关于实施乡村振兴战略的意见"),
            p("（2018年1月2日）"),
        ];
        assert_eq!(from_text(&ps).as_deref(), Some("2018-01-02"));
        let ps = [
            p("在全国代表大会上的报告"),
            p("（二〇二二年十月十六日）"),
            p("同志们：现在，我代表第十九届中央委员会向大会作报告。"),
        ];
        assert_eq!(from_text(&ps).as_deref(), Some("2022-10-16"));
        let ps = [
            p("标题"),
            p("正文，说了2010年的事。"),
            p("*这是江泽民同志一九八四年十月在上海市委会议上的讲话。"),
        ];
        assert_eq!(from_text(&ps).as_deref(), Some("1984-10"));
        let mut long: Vec<Paragraph> = (0..20).map(|_| p("正文。")).collect();
        long.push(p("2018年2月12日"));
        assert_eq!(from_text(&long).as_deref(), Some("2018-02-12"));
        assert_eq!(from_text(&[p("没有日期的正文。")]), None);
    }

    #[test]
    fn file_name_dates() {
        let f = |s: &str| from_file_name(s);
        assert_eq!(
            f("xi_speech_2020-04-30_row2").as_deref(),
            Some("2020-04-30")
        );
        assert_eq!(f("speech20200430").as_deref(), Some("2020-04-30"));
        assert_eq!(f("gwr_2015_wikisource").as_deref(), Some("2015"));
        assert_eq!(f("2017政府工作报告_李克强").as_deref(), Some("2017"));
        assert_eq!(f("001_b74884d00001fd5b"), None);
        assert_eq!(f("report_1848"), None);
        assert_eq!(f("id_123456"), None);
        assert_eq!(f("v2100"), None);
    }
}
