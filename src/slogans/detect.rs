//! Detectors that read the text's own marks: quotation marks, `《》` title
//! brackets, and numeric formulas (四个自信, 三严三实).
//!
//! What always holds: every text returned is Simplified, between 2 and 16
//! chars for quotes and formulas, and a quote never holds a full sentence
//! (no 。！？ inside, nor a clause break ，；：).

use super::{Kind, Para, Tok};
use std::collections::HashMap;

const MAX_QUOTE: usize = 16;
const MAX_TITLE: usize = 40;

/// Quoted phrases and titles in one paragraph: (text, kind, char offset of
/// the text's first char).
pub(crate) fn brackets(c: &[char]) -> Vec<(String, Kind, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let close = match c[i] {
            '“' => '”',
            '「' => '」',
            '『' => '』',
            '‘' => '’',
            '"' => '"',
            '《' => '》',
            _ => {
                i += 1;
                continue;
            }
        };
        let open = c[i];
        let Some(len) = c[i + 1..].iter().position(|&x| x == close) else {
            i += 1;
            continue;
        };
        let inner = &c[i + 1..i + 1 + len];
        let title = open == '《';
        let max = if title { MAX_TITLE } else { MAX_QUOTE };
        // A quote that opens again before it closes is not one phrase.
        let nested = inner.contains(&open) && open != close;
        let sentence = inner
            .iter()
            .any(|ch| "。！？!?".contains(*ch) || (!title && "，；：,;:".contains(*ch)));
        if (2..=max).contains(&len) && !nested && !sentence {
            let kind = if title { Kind::Title } else { Kind::Quoted };
            let text: String = inner.iter().collect();
            let kind = if kind == Kind::Quoted && is_formula_shape(inner) {
                Kind::Formula
            } else {
                kind
            };
            out.push((text, kind, i + 1));
        }
        // Continue after the closing mark: paired ASCII quotes alternate.
        i += len + 2;
    }
    out
}

/// Numerals that open a formula. 一 is left out of the measure-word shape
/// (一个时期, 一项工作 are prose); it takes part in the 一岗双责 shape.
const NUMERALS: &str = "两二三四五六七八九十";
const ALL_NUMERALS: &str = "一两二三四五六七八九十双百千万";
/// Numerals of the 三严三实 shape (千头万绪 is an idiom).
const NXNY_NUMERALS: &str = "一两二三四五六七八九十";
/// Measure words that may sit between the numeral and the noun.
const MEASURES: &str = "个项大条种类点句字张面";
/// Nouns that count things rather than name a formula (三个方面).
const GENERIC: &[&str] = &[
    "方面", "问题", "时期", "阶段", "部分", "小时", "月", "年", "天", "人", "次", "层次", "环节",
    "领域", "时间", "地方", "单位", "目的", "步骤", "特点", "原因", "内容", "任务", "措施", "工作",
    "重点", "要求", "作用", "方向", "目标", "渠道", "途径", "关系", "转变", "事情", "事", "情况",
    "县", "镇", "村", "乡", "市", "省", "国家", "干部", "党员", "同志", "家", "户", "万", "亿",
    "意见", "建议", "体会", "想法", "看法", "关键", "难题", "倍", "成", "批", "轮", "名", "周",
];
/// Second chars that turn N?N? into prose: 一是一, 一年一度, 一天一个.
const B_STOP: &str = "是个年月日天次号点期届些样般边方切旦再起十百千万亿";

fn is_numeral(c: char) -> bool {
    ALL_NUMERALS.contains(c)
}

fn is_han(c: char) -> bool {
    crate::text::script::is_han(c)
}

/// The 三严三实 shape: numeral, Han, numeral, Han, not prose like 一心一意
/// (both numerals 一) or 一是一.
fn is_nxny(c: &[char]) -> bool {
    c.len() == 4
        && NXNY_NUMERALS.contains(c[0])
        && (NXNY_NUMERALS.contains(c[2]) || c[2] == '双')
        && !(c[0] == '一' && c[2] == '一')
        && [c[1], c[3]]
            .iter()
            .all(|&x| is_han(x) && !is_numeral(x) && !B_STOP.contains(x))
}

/// The whole text is a formula: NXNY, or numeral + measure + Han noun.
fn is_formula_shape(c: &[char]) -> bool {
    if is_nxny(c) {
        return true;
    }
    c.len() >= 3
        && (NUMERALS.contains(c[0]) || c[0] == '一')
        && MEASURES.contains(c[1])
        && c[2..].iter().all(|&x| is_han(x) && !is_numeral(x))
        && !GENERIC.contains(&c[2..].iter().collect::<String>().as_str())
}

/// The token covering char `pos`.
fn token_at(tokens: &[Tok], pos: usize) -> Option<usize> {
    let i = tokens.partition_point(|t| (t.end as usize) <= pos);
    (i < tokens.len() && (tokens[i].start as usize) <= pos).then_some(i)
}

fn nounish(t: &Tok) -> bool {
    t.tag_is(b'n') || t.tag == *b"vn" || t.tag_is(b'j')
}

fn content(t: &Tok) -> bool {
    nounish(t) || t.tag_is(b'v') || t.tag_is(b'a') || t.tag_is(b'l') || t.tag_is(b'i')
}

/// Numeric formulas outside quotes. The noun phrase after numeral + measure
/// ends where jieba says a word ends; a second noun joins it only when it
/// follows at every occurrence (五大发展 → 五大发展理念, but 四个全面 stays,
/// because only some of its uses go on with 战略布局).
pub(crate) fn formulas(paras: &[Para]) -> Vec<String> {
    // head text → (count, next token per occurrence, quoted anywhere)
    struct Head {
        count: usize,
        nexts: Vec<Option<String>>,
        numerals: char,
    }
    let mut heads: HashMap<String, Head> = HashMap::new();
    let mut nxny: HashMap<String, usize> = HashMap::new();
    for para in paras {
        let c = &para.chars;
        for i in 0..c.len() {
            let before_ok =
                i == 0 || !(is_numeral(c[i - 1]) || c[i - 1] == '第' || c[i - 1].is_ascii_digit());
            if !before_ok {
                continue;
            }
            // An idiom jieba knows (一清二楚) has the shape but is no formula.
            let idiom = |at: usize| {
                token_at(&para.tokens, at).is_some_and(|t| {
                    let t = para.tokens[t];
                    t.start as usize == at && t.end as usize == at + 4 && b"il".contains(&t.tag[0])
                })
            };
            if i + 4 <= c.len()
                && is_nxny(&c[i..i + 4])
                && c.get(i + 4).is_none_or(|&x| !is_numeral(x))
                && !idiom(i)
            {
                *nxny.entry(c[i..i + 4].iter().collect()).or_default() += 1;
            }
            if !NUMERALS.contains(c[i]) {
                continue;
            }
            let mut p = i + 1;
            if c.get(p).is_some_and(|&m| MEASURES.contains(m)) {
                p += 1;
            }
            if p == i + 1 {
                continue; // a bare numeral before a noun is mostly prose
            }
            // The noun starts at p; if jieba joined the numeral into a word
            // (四个现代化), the rest of that word is the noun's first piece.
            let Some(ti) = token_at(&para.tokens, p) else {
                continue;
            };
            let t = para.tokens[ti];
            if (t.start as usize) < i || !content(&t) && (t.start as usize) >= p {
                continue;
            }
            let end = t.end as usize;
            let noun: String = c[p..end].iter().collect();
            if noun.is_empty()
                || noun.chars().count() > 4
                || noun.chars().any(|x| !is_han(x) || is_numeral(x))
                || GENERIC.contains(&noun.as_str())
            {
                continue;
            }
            let next = para.tokens.get(ti + 1).filter(|n| {
                nounish(n)
                    && n.len() <= 4
                    && c[n.start as usize..n.end as usize]
                        .iter()
                        .all(|&x| is_han(x) && !is_numeral(x))
            });
            let next = next.map(|n| c[n.start as usize..n.end as usize].iter().collect());
            let h = heads.entry(c[i..end].iter().collect()).or_insert(Head {
                count: 0,
                nexts: Vec::new(),
                numerals: c[i],
            });
            h.count += 1;
            h.nexts.push(next);
        }
    }
    // A noun used with several numerals counts things (两个方面, 三个方面).
    let mut numerals_per_noun: HashMap<String, Vec<char>> = HashMap::new();
    for (text, h) in &heads {
        let noun: String = text.chars().skip(2).collect();
        let v = numerals_per_noun.entry(noun).or_default();
        if !v.contains(&h.numerals) {
            v.push(h.numerals);
        }
    }
    let mut out = Vec::new();
    for (text, h) in heads {
        let noun: String = text.chars().skip(2).collect();
        if numerals_per_noun[&noun].len() >= 3 {
            continue;
        }
        // 大 marks a formula by itself (五大发展理念); other measure words
        // need the phrase to recur.
        let strong = text.chars().nth(1) == Some('大');
        if h.count < 2 && !strong {
            continue;
        }
        let first = &h.nexts[0];
        let text = match first {
            Some(n)
                if h.nexts.iter().all(|x| x == first)
                    && text.chars().count() + n.chars().count() <= 8 =>
            {
                text + n
            }
            _ => text,
        };
        out.push(text);
    }
    out.extend(nxny.into_keys());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &str) -> Vec<(String, Kind)> {
        let c: Vec<char> = s.chars().collect();
        brackets(&c).into_iter().map(|(t, k, _)| (t, k)).collect()
    }

    #[test]
    fn quotes_and_titles() {
        assert_eq!(
            quoted("坚定“四个自信”，落实\"马上办\"，学习《中国共产党章程》。"),
            vec![
                ("四个自信".into(), Kind::Formula),
                ("马上办".into(), Kind::Quoted),
                ("中国共产党章程".into(), Kind::Title),
            ]
        );
        // A quotation of a sentence is not a phrase.
        assert!(quoted("他说：“我们要干，不要说。”").is_empty());
        assert!(quoted("“一”").is_empty());
    }

    #[test]
    fn formula_shapes() {
        let f = |s: &str| is_formula_shape(&s.chars().collect::<Vec<_>>());
        for s in [
            "三严三实",
            "一岗双责",
            "两学一做",
            "五位一体",
            "四个自信",
            "八项规定",
        ] {
            assert!(f(s), "{s}");
        }
        for s in ["一心一意", "一是一", "三个方面", "一年一度"] {
            assert!(!f(s), "{s}");
        }
    }
}
