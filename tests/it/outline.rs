//! The outline of the built-in seeds, as a reader sees them.

use tifa::corpus::Corpus;
use tifa::outline::Outline;

fn outline_of(prefix: &str) -> (tifa::corpus::Document, Outline) {
    let c = Corpus::builtin();
    let d = c
        .docs
        .into_iter()
        .find(|d| d.id.starts_with(prefix))
        .unwrap();
    let o = Outline::build(&d);
    (d, o)
}

/// (marker, title) of the children of `parent`.
fn kids(o: &Outline, parent: Option<usize>) -> Vec<(String, String)> {
    o.children(parent)
        .map(|i| (o.sections[i].marker.clone(), o.sections[i].title.clone()))
        .collect()
}

fn markers(o: &Outline, parent: Option<usize>) -> Vec<String> {
    kids(o, parent).into_iter().map(|(m, _)| m).collect()
}

#[test]
fn seed_002() {
    let (_, o) = outline_of("002");
    let top: Vec<usize> = o.children(None).collect();
    assert_eq!(
        kids(&o, None),
        [
            (
                "一、".to_string(),
                "提高政治站位,在深学细悟中凝聚思想共识".to_string()
            ),
            (
                "二、".into(),
                "正视当前形势,在总结成绩与直面问题中找准前进方向".into()
            ),
            (
                "三、".into(),
                "聚焦重点任务,在攻坚克难中推动各项工作落地见效".into()
            ),
        ]
    );
    assert_eq!(markers(&o, Some(top[0])), ["第一,", "第二,", "第三,"]);
    assert_eq!(markers(&o, Some(top[1])), ["一是", "二是", "三是", "四是"]);
    let third: Vec<usize> = o.children(Some(top[2])).collect();
    assert_eq!(
        markers(&o, Some(top[2])),
        ["第一,", "第二,", "第三,", "第四,"]
    );
    for &s in &third[..3] {
        assert_eq!(
            markers(&o, Some(s)),
            ["一要", "二要", "三要"],
            "under {}",
            o.sections[s].title
        );
    }
    assert_eq!(o.sections[third[0]].path, "3.1");
    assert_eq!(o.sections[third[0]].level, 2);
}

#[test]
fn seed_003() {
    let (d, o) = outline_of("003");
    let top: Vec<usize> = o.children(None).collect();
    assert_eq!(markers(&o, None), ["一、", "二、", "三、", "四、", "五、"]);
    assert_eq!(markers(&o, Some(top[3])), ["1、", "2、", "3、", "4、"]);
    assert_eq!(
        markers(&o, Some(top[4])),
        ["1、", "2、", "3、", "4、", "5、"]
    );
    let footer = d
        .paragraphs
        .iter()
        .position(|p| p.text.starts_with("编辑:hefan"))
        .unwrap();
    assert!(o.sections.iter().all(|s| s.paragraph < footer));
}

#[test]
fn seed_004() {
    let (_, o) = outline_of("004");
    let top: Vec<usize> = o.children(None).collect();
    let titles: Vec<String> = kids(&o, None).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        titles,
        ["知形勢、高站位", "明責任、敢擔當", "嚴要求、樹形象"]
    );
    let first: Vec<String> = markers(&o, Some(top[0]))
        .into_iter()
        .filter(|m| m.starts_with('(') || m.starts_with('（'))
        .collect();
    assert_eq!(first, ["(一)", "(二)", "(三)", "(四)", "(五)"]);
}

#[test]
fn seed_000_a_fragment_starting_at_2() {
    let (_, o) = outline_of("000");
    assert_eq!(markers(&o, None), ["2.", "3.", "(二)", "(三)"]);
    let top: Vec<usize> = o.children(None).collect();
    assert_eq!(markers(&o, Some(top[2])), ["1.", "2.", "3."]);
    assert_eq!(markers(&o, Some(top[3])), ["1.", "2."]);
}

#[test]
fn every_section_ends_where_the_next_sibling_begins() {
    let c = Corpus::builtin();
    for d in &c.docs {
        let o = Outline::build(d);
        for (i, s) in o.sections.iter().enumerate() {
            assert!(s.paragraph < s.end, "{} {}", d.id, s.path);
            if let Some(p) = s.parent {
                assert!(o.sections[p].paragraph < s.paragraph);
                assert!(s.end <= o.sections[p].end);
                assert_eq!(s.level, o.sections[p].level + 1);
            }
            assert_eq!(o.section_at(s.paragraph), Some(i));
        }
    }
}

use crate::common;

fn paths(o: &Outline) -> Vec<String> {
    o.sections
        .iter()
        .map(|s| format!("{} {}", s.path, s.marker))
        .collect()
}

/// Regression (1960 report): headings that are bare numerals on their own
/// lines are sections, titled by the lead sentence of what follows.
#[test]
fn bare_numeral_headings() {
    let d = common::load("gwr1960like", &common::bare_numerals());
    let o = Outline::build(&d);
    assert_eq!(paths(&o), ["1 一", "2 二", "3 三", "4 四"]);
    assert!(
        o.sections[0].title.starts_with("我们要"),
        "{}",
        o.sections[0].title
    );
}

/// Regression (congress reports): （一） nests under 一、, `1.` under （一）,
/// 第一， items under their 一、.
#[test]
fn congress_report_levels() {
    let d = common::load("cpclike", &common::congress());
    let o = Outline::build(&d);
    assert_eq!(
        paths(&o),
        [
            "1 一、",
            "2 二、",
            "2.1 第一，",
            "2.2 第二，",
            "2.3 第三，",
            "3 三、",
            "3.1 （一）",
            "3.2 （二）",
            "3.2.1 1.",
            "3.2.2 2.",
            "3.2.3 3.",
            "3.3 （三）",
            "4 四、"
        ]
    );
}

/// Regression (1955 report): a 一、 list that starts over inside a section
/// belongs to that section; the top level keeps its own 一 二 三 四.
#[test]
fn a_restarted_list_inside_a_section_nests() {
    let d = common::load("gwr1955like", &common::nested_restart());
    let o = Outline::build(&d);
    let top: Vec<String> = kids(&o, None).into_iter().map(|(m, _)| m).collect();
    assert_eq!(top, ["一、", "二、", "三、", "四、"]);
    assert_eq!(
        paths(&o),
        [
            "1 一、",
            "2 二、",
            "3 三、",
            "3.1 （一）",
            "3.1.1 第一，",
            "3.1.1.1 一、",
            "3.1.1.2 二、",
            "3.1.1.3 三、",
            "3.1.2 第二，",
            "3.2 （二）",
            "4 四、"
        ]
    );
}
