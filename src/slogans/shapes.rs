//! The shapes a formula takes in the text: quotation marks and `《》`
//! titles, numeric formulas (四个自信, 三严三实, 十四五), parallel pairs
//! (大众创业、万众创新), fixed sentences (绿水青山就是金山银山), a trailing
//! `+` (互联网+), and definitions that spell a formula out
//! (“四个自信”即道路自信、理论自信、制度自信、文化自信).
//!
//! Everything here reads one paragraph's Simplified chars or one candidate's
//! text; nothing knows any particular slogan. What always holds: a quoted
//! span is 2–16 chars and holds no sentence or clause break (。！？，；：), a
//! title 2–40 chars; an expansion has 2–10 parts of 2–12 Han chars each, as
//! many as the formula's numeral says when it has one.

use crate::text::script::is_han;

pub(crate) const MAX_QUOTE: usize = 16;
const MAX_TITLE: usize = 40;

/// A bracketed span of one paragraph: its text, and whether it is a title.
pub(crate) struct Span {
    pub text: String,
    pub title: bool,
}

/// The closing mark of an opening quotation mark or title bracket.
pub(crate) fn closer(open: char) -> Option<char> {
    Some(match open {
        '“' => '”',
        '「' => '」',
        '『' => '』',
        '‘' => '’',
        '"' => '"',
        '《' => '》',
        _ => return None,
    })
}

pub(crate) fn is_quote_mark(c: char) -> bool {
    "“”「」『』‘’\"《》".contains(c)
}

/// Quoted phrases and titles of one paragraph.
pub(crate) fn brackets(c: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let Some(close) = closer(c[i]) else {
            i += 1;
            continue;
        };
        let open = c[i];
        let Some(len) = c[i + 1..].iter().position(|&x| x == close) else {
            i += 1;
            continue;
        };
        let inner = &c[i + 1..i + 1 + len];
        let title = open == '《';
        let max = if title { MAX_TITLE } else { MAX_QUOTE };
        let nested = inner.contains(&open) && open != close;
        let sentence = inner.iter().any(|&ch| {
            matches!(ch, '。' | '！' | '？' | '!' | '?')
                || (!title && matches!(ch, '，' | '；' | '：' | ',' | ';' | ':'))
        });
        if (2..=max).contains(&len) && !nested && !sentence && inner.iter().any(|&x| is_han(x)) {
            out.push(Span {
                text: inner.iter().collect(),
                title,
            });
        }
        // Continue after the closing mark: paired ASCII quotes alternate.
        i += len + 2;
    }
    out
}

/// Numerals that open a formula. 一 is left out of the measure-word shape
/// (一个时期, 一项工作 are prose); it takes part in the 一岗双责 shape.
const NUMERALS: &str = "两二三四五六七八九十";
const NXNY_NUMERALS: &str = "一两二三四五六七八九十";
/// Measure words that may sit between the numeral and the noun.
pub(crate) const MEASURES: &str = "个项大条种类点句字张面";
/// Nouns that count things rather than name a formula (三个方面).
const GENERIC: &[&str] = &[
    "方面", "问题", "时期", "阶段", "部分", "小时", "月", "年", "天", "人", "次", "层次", "环节",
    "领域", "时间", "地方", "单位", "目的", "步骤", "特点", "原因", "内容", "任务", "措施", "工作",
    "重点", "要求", "作用", "方向", "目标", "渠道", "途径", "关系", "转变", "事情", "事", "情况",
    "县", "镇", "村", "乡", "市", "省", "国家", "干部", "党员", "同志", "家", "户", "万", "亿",
    "意见", "建议", "体会", "想法", "看法", "关键", "难题", "倍", "成", "批", "轮", "名", "周",
    "多", "些", "样", "份", "位", "门", "所", "处", "句话", "字",
];
/// Second chars that turn N?N? into prose: 一是一, 一年一度, 一天一个.
const B_STOP: &str = "是个年月日天次号点期届些样般边方切旦再起十百千万亿";

pub(crate) fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '两'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '双'
            | '百'
            | '千'
            | '万'
    )
}

/// The 三严三实 shape: numeral, Han, numeral, Han — not 一心一意.
pub(crate) fn is_nxny(c: &[char]) -> bool {
    c.len() == 4
        && NXNY_NUMERALS.contains(c[0])
        && (NXNY_NUMERALS.contains(c[2]) || c[2] == '双')
        && !(c[0] == '一' && c[2] == '一')
        && [c[1], c[3]]
            .iter()
            .all(|&x| is_han(x) && !is_numeral(x) && !B_STOP.contains(x))
}

/// One of [`NUMERALS`] (a match, not a search of the string).
fn is_counting_numeral(c: char) -> bool {
    matches!(
        c,
        '两' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// One of [`MEASURES`].
fn is_measure(c: char) -> bool {
    matches!(
        c,
        '个' | '项' | '大' | '条' | '种' | '类' | '点' | '句' | '字' | '张' | '面'
    )
}

/// Numeral + measure + a noun that names something (四个自信, 五大发展理念).
pub(crate) fn is_counted(c: &[char]) -> bool {
    c.len() >= 3
        && is_counting_numeral(c[0])
        && is_measure(c[1])
        && c[2..].iter().all(|&x| is_han(x) && !is_numeral(x))
        && !GENERIC.iter().any(|g| g.chars().eq(c[2..].iter().copied()))
}

/// Units and counters: 两国, 三年, 五吨 count things.
const UNITS: &str = "年月日时分秒岁度倍成位名只头吨亩斤里米元国次届批";

/// Numeral + 大 + noun (五大发展理念): a formula that names itself.
pub(crate) fn is_counted_big(text: &str) -> bool {
    let c: Vec<char> = text.chars().collect();
    c.get(1) == Some(&'大') && is_counted(&c)
}

/// A short text that opens with one numeral and is no count: 三农, 四风,
/// 六保, 双减 (numeral + one char), or numerals interleaved with words
/// (三去一降一补). Numbers alone (十三五) are not of this shape.
pub(crate) fn is_numbered(c: &[char]) -> bool {
    if !(2..=8).contains(&c.len())
        || !(is_counting_numeral(c[0]) || c[0] == '双')
        || is_numeral(c[1])
        || B_STOP.contains(c[1])
        || UNITS.contains(c[1])
        || !c.iter().all(|&x| is_han(x))
    {
        return false;
    }
    c.len() == 2 || (c.len() >= 5 && c[2..].iter().any(|&x| NUMERALS.contains(x) || x == '一'))
}

/// The whole text has a numeric formula's shape.
pub(crate) fn is_formula(text: &str) -> bool {
    let c: Vec<char> = text.chars().collect();
    is_nxny(&c) || is_counted(&c) || is_numbered(&c)
}

/// The text opens or ends with a numeral: a match of it next to another
/// numeral is a piece of a longer number (九五 in 一九五五年).
pub(crate) fn numeric_edges(text: &str) -> (bool, bool) {
    let digitish = |c: Option<char>| c.is_some_and(|c| is_numeral(c) || c == '〇' || c == '零');
    (digitish(text.chars().next()), digitish(text.chars().last()))
}

/// The noun of a numeral + measure formula (自信 in 四个自信), for telling
/// a formula from a count: a noun used with three or more numerals counts
/// things (两个方面, 三个方面, 四个方面).
pub(crate) fn counted_noun(text: &str) -> Option<(char, &str)> {
    let mut it = text.char_indices();
    let (_, n) = it.next()?;
    let (_, m) = it.next()?;
    let (at, _) = it.next()?;
    (NUMERALS.contains(n) && MEASURES.contains(m)).then_some((n, &text[at..]))
}

/// `X、Y` (or `X，Y`): the two halves of a parallel pair.
pub(crate) fn pair_halves(text: &str) -> Option<(&str, &str)> {
    let (i, sep) = text
        .char_indices()
        .find(|(_, c)| *c == '、' || *c == '，')?;
    Some((&text[..i], &text[i + sep.len_utf8()..]))
}

/// Copulas of a fixed sentence: X就是Y, X才是Y.
const COPULAS: &[&str] = &["就是", "才是"];

/// `X就是Y` with both sides at least two chars: the split, if it is one.
pub(crate) fn copula_split(text: &str) -> Option<(&str, &str)> {
    for cop in COPULAS {
        if let Some(i) = text.find(cop) {
            let (x, y) = (&text[..i], &text[i + cop.len()..]);
            if x.chars().count() >= 2 && y.chars().count() >= 2 {
                return Some((x, y));
            }
        }
    }
    None
}

/// The numeral a formula opens with, as a number (四 → 4).
fn numeral_value(c: char) -> Option<usize> {
    "一两三四五六七八九十"
        .chars()
        .position(|x| x == c)
        .map(|i| if i == 0 { 1 } else { i + 1 })
        .or((c == '二').then_some(2))
}

/// What introduces a definition after the formula.
const INTRO: &[&str] = &["即", "就是", "是指", "：", ":", "，即", "，就是"];

/// Definitions in one paragraph: (formula, its parts). The formula is a
/// quoted span or a numeric formula right before the intro; the parts run
/// to the end of the clause, split at 、 (and ， when the numeral asks for
/// that many), with a last 和/与/以及 split too.
pub(crate) fn expansions(c: &[char]) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for i in 1..c.len() {
        // Most positions start no intro: check that first, it is cheap.
        if !matches!(c[i], '即' | '就' | '是' | '：' | ':' | '，') {
            continue;
        }
        // The head ends right before i.
        let head: Option<String> = if closer_of(c[i - 1]) {
            // A quoted head: back to its opening mark.
            let close = c[i - 1];
            let open_at = (0..i - 1)
                .rev()
                .take(MAX_QUOTE + 1)
                .find(|&j| closer(c[j]) == Some(close) && j + 1 < i - 1);
            open_at.map(|j| c[j + 1..i - 1].iter().collect())
        } else if is_han(c[i - 1]) {
            // The longest numeric formula of 3–8 chars ending here.
            (3..=8usize.min(i))
                .rev()
                .map(|n| &c[i - n..i])
                // Both shapes open with a numeral: asked first, as it is cheap.
                .find(|h| is_numeral(h[0]) && (is_counted(h) || is_nxny(h)))
                .map(|h| h.iter().collect())
        } else {
            None
        };
        let Some(head) = head else { continue };
        let rest = &c[i..];
        let Some(intro) = INTRO
            .iter()
            .filter(|w| starts_with(rest, w))
            .max_by_key(|w| w.chars().count())
        else {
            continue;
        };
        let body = &rest[intro.chars().count()..];
        let end = body
            .iter()
            .position(|&x| "。；;）)」”\n！？".contains(x))
            .unwrap_or(body.len());
        let body = &body[..end];
        let want = head.chars().next().and_then(numeral_value).filter(|_| {
            let h: Vec<char> = head.chars().collect();
            is_counted(&h) || is_nxny(&h)
        });
        if let Some(parts) = split_parts(body, want) {
            out.push((head, parts));
        }
    }
    out
}

fn closer_of(c: char) -> bool {
    "”」』’\"".contains(c)
}

fn starts_with(c: &[char], w: &str) -> bool {
    let mut n = 0;
    for (a, b) in c.iter().zip(w.chars()) {
        if *a != b {
            return false;
        }
        n += 1;
    }
    n == w.chars().count()
}

/// The parts of a definition's body, or `None` when it is not a list of
/// short Han phrases (of `want` parts when the formula has a numeral).
fn split_parts(body: &[char], want: Option<usize>) -> Option<Vec<String>> {
    let text: String = body.iter().collect();
    let clean = |s: &str| -> String {
        s.trim_matches(|c: char| !is_han(c))
            .trim_start_matches(['和', '与', '及'])
            .to_string()
    };
    let by = |seps: &[char]| -> Vec<String> {
        let mut parts: Vec<String> = text.split(seps).map(clean).collect();
        // The last part may hold two: 制度自信和文化自信.
        if let Some(last) = parts.pop() {
            match ["以及", "和", "与", "及"].iter().find_map(|j| {
                last.split_once(j)
                    .filter(|(a, b)| a.chars().count() >= 2 && b.chars().count() >= 2)
            }) {
                Some((a, b)) if want.is_none_or(|n| n == parts.len() + 2) => {
                    parts.push(a.to_string());
                    parts.push(b.to_string());
                }
                _ => parts.push(last),
            }
        }
        parts
    };
    let ok = |parts: &[String]| {
        (2..=10).contains(&parts.len())
            && want.is_none_or(|n| n == parts.len())
            && parts
                .iter()
                .all(|p| (2..=12).contains(&p.chars().count()) && p.chars().all(is_han))
    };
    let parts = by(&['、']);
    if ok(&parts) {
        return Some(parts);
    }
    // With a numeral, clauses may be the parts (两个维护: 坚决维护…，坚决维护…).
    if want.is_some() {
        let parts = by(&['、', '，', ',']);
        if ok(&parts) {
            return Some(parts);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn char_matches_are_the_lists() {
        for c in (0..0x1_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_counting_numeral(c), NUMERALS.contains(c), "{c}");
            assert_eq!(is_measure(c), MEASURES.contains(c), "{c}");
        }
    }

    #[test]
    fn quotes_and_titles() {
        let got: Vec<(String, bool)> = brackets(&cs(
            "坚定“四个自信”，落实\"马上办\"，学习《中国共产党章程》，推动“大众创业、万众创新”。",
        ))
        .into_iter()
        .map(|s| (s.text, s.title))
        .collect();
        assert_eq!(
            got,
            vec![
                ("四个自信".into(), false),
                ("马上办".into(), false),
                ("中国共产党章程".into(), true),
                ("大众创业、万众创新".into(), false),
            ]
        );
        assert!(brackets(&cs("他说：“我们要干，不要说。”")).is_empty());
        assert!(brackets(&cs("“一”")).is_empty());
    }

    #[test]
    fn formula_shapes() {
        for s in [
            "三严三实",
            "一岗双责",
            "两学一做",
            "五位一体",
            "四个自信",
            "八项规定",
            "三农",
            "四风",
            "三去一降一补",
            "双减",
        ] {
            assert!(is_formula(s), "{s}");
        }
        for s in [
            "一心一意",
            "一是一",
            "三个方面",
            "一年一度",
            "三年",
            "万一",
            "十分",
            "一系列",
            "两国",
            "十八大",
            "一九五四年",
            "百分之二十",
            "万吨",
            "十三五",
            "一大批",
        ] {
            assert!(!is_formula(s), "{s}");
        }
        assert_eq!(counted_noun("四个自信"), Some(('四', "自信")));
    }

    #[test]
    fn pairs_and_copulas() {
        assert_eq!(
            pair_halves("大众创业、万众创新"),
            Some(("大众创业", "万众创新"))
        );
        assert_eq!(
            copula_split("绿水青山就是金山银山"),
            Some(("绿水青山", "金山银山"))
        );
        assert_eq!(copula_split("这就是"), None);
    }

    #[test]
    fn definitions_give_their_parts() {
        let ex = |s: &str| expansions(&cs(s));
        let four = vec!["道路自信", "理论自信", "制度自信", "文化自信"];
        assert_eq!(
            ex("坚定“四个自信”即道路自信、理论自信、制度自信、文化自信。"),
            vec![(
                "四个自信".to_string(),
                four.iter().map(|s| s.to_string()).collect()
            )]
        );
        assert_eq!(
            ex("四个自信：道路自信、理论自信、制度自信和文化自信。")[0].1,
            four
        );
        // A numeral asks for that many parts: three are not four.
        assert!(ex("“四个自信”即道路自信、理论自信、制度自信。").is_empty());
        // Without a numeral, an explicit intro and a list.
        assert_eq!(
            ex("“放管服”就是简政放权、放管结合、优化服务。")[0].1,
            vec!["简政放权", "放管结合", "优化服务"]
        );
        // Clauses for a numeral formula.
        assert_eq!(
            ex("“两个维护”即坚决维护核心地位，坚决维护集中统一领导。")[0].1,
            vec!["坚决维护核心地位", "坚决维护集中统一领导"]
        );
        // Prose after a quote is no definition.
        assert!(ex("“四个自信”是我们的底气，也是力量。").is_empty());
    }
}
