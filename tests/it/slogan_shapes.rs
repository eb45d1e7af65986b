//! Each candidate shape, on generated documents: parallel `、` pairs, fixed
//! `X就是Y` sentences, a trailing `+`, three-char phrases and single
//! dictionary words that are key, definitions (expansions), and the dated
//! evidence (years, first and last document).

use std::path::Path;
use tifa::corpus::Corpus;
use tifa::slogans::{mine, Shape, SloganIndex};

/// Ten dated documents, two a year from 2011. Each uses the made-up
/// formulas a few times, after varying verbs and before varying text,
/// among ordinary sentences put together from word lists at random (a
/// fixed seed), so that no ordinary combination recurs the same way.
fn generated() -> (Corpus, SloganIndex) {
    let subjects = [
        "各地区",
        "有关部门",
        "各级政府",
        "基层单位",
        "企业",
        "学校",
        "社区",
        "农村",
    ];
    let verbs = [
        "加强", "改善", "提高", "完善", "落实", "推动", "抓好", "扩大",
    ];
    let objects = [
        "道路建设",
        "粮食生产",
        "居民收入",
        "医疗服务",
        "技术改造",
        "环境治理",
        "人才培养",
        "财政管理",
    ];
    let before = ["推进", "坚持", "落实", "践行", "围绕", "深化"];
    let after = [
        "的要求",
        "。",
        "，各地",
        "取得成效，",
        "走深走实；",
        "要久久为功。",
    ];
    let mut seed: u64 = 7;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let mut c = Corpus::default();
    for i in 0..10 {
        let year = 2011 + i / 2;
        let mut body = format!("标题：第{i}号报告\n日期：{year}-03-05\n");
        for _ in 0..3 {
            for formula in [
                "万户创业、千村创新",
                "青山碧水就是金库银库",
                "数联网+",
                "强村梦",
            ] {
                let ordinary = format!(
                    "{}{}{}，{}{}{}。",
                    subjects[next(8)],
                    verbs[next(8)],
                    objects[next(8)],
                    subjects[next(8)],
                    verbs[next(8)],
                    objects[next(8)]
                );
                body.push_str(&format!(
                    "{ordinary}{}{formula}{}",
                    before[next(6)],
                    after[next(6)]
                ));
            }
            body.push('\n');
        }
        body.push_str("“两个坚守”即坚守初衷、坚守本色。数联网+监管全面推开。\n");
        body.push_str("各地坚持实事求是，一切从实际出发，实事求是地推进工作。\n");
        c.add_bytes(Path::new(&format!("r{i:02}.txt")), body.as_bytes());
    }
    let idx = mine(&c.docs);
    (c, idx)
}

#[test]
fn a_parallel_pair_is_one_slogan() {
    let (_, idx) = generated();
    let s = idx.get("万户创业、千村创新").expect("pair mined");
    assert_eq!(s.evidence.shape, Shape::Pair);
    assert_eq!(s.count, 30);
    assert_eq!(s.docs, 10);
}

#[test]
fn a_fixed_sentence_is_one_slogan() {
    let (_, idx) = generated();
    let s = idx.get("青山碧水就是金库银库").expect("X就是Y mined");
    assert_eq!(s.evidence.shape, Shape::Sentence);
    assert_eq!(s.count, 30);
}

#[test]
fn a_trailing_plus_is_kept() {
    let (_, idx) = generated();
    let s = idx.get("数联网+").expect("X+ mined");
    assert_eq!(s.evidence.shape, Shape::Plus);
    assert_eq!(s.count, 40);
    // The plus is part of it, not the words before alone.
    assert!(idx.get("数联网+政务服务").is_none_or(|l| l.score < s.score));
}

#[test]
fn three_char_phrases_and_single_words_that_are_key() {
    let (_, idx) = generated();
    let s = idx.get("强村梦").expect("three-char phrase mined");
    assert_eq!(s.count, 30);
    let w = idx.get("实事求是").expect("a key dictionary word is mined");
    assert!(w.evidence.single_word);
    assert_eq!(w.count, 20);
    // Ordinary combinations rank below every formula, if they are kept.
    let least = [
        "万户创业、千村创新",
        "青山碧水就是金库银库",
        "数联网+",
        "强村梦",
    ]
    .iter()
    .map(|t| idx.get(t).unwrap().score)
    .fold(f64::INFINITY, f64::min);
    for plain in ["加强道路建设", "各地区加强", "提高居民收入", "各级政府落实"]
    {
        if let Some(p) = idx.get(plain) {
            assert!(
                p.score < least,
                "{plain} ({}) above a formula ({least})",
                p.score
            );
        }
    }
}

#[test]
fn a_definition_gives_the_expansion() {
    let (_, idx) = generated();
    let s = idx.get("两个坚守").expect("quoted formula mined");
    assert_eq!(s.expansion, vec!["坚守初衷", "坚守本色"]);
    assert_eq!(s.quoted, 10);
}

#[test]
fn dated_evidence_spans_the_years() {
    let (c, idx) = generated();
    let s = idx.get("强村梦").unwrap();
    assert_eq!(s.years, (2011..=2015).collect::<Vec<u16>>());
    let first = s.first.as_ref().unwrap();
    let last = s.last.as_ref().unwrap();
    assert_eq!(first.date, "2011-03-05");
    assert_eq!(last.date, "2015-03-05");
    assert_eq!(c.docs[first.doc].date.as_deref(), Some("2011-03-05"));
}
