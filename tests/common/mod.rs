//! Documents made for tests: the numbering shapes of real reports
//! (congress reports, government work reports, provincial reports), with
//! generated filler text. Nothing here is copied from a real document.
#![allow(dead_code)]

pub mod tmux;

use tifa::corpus::{Corpus, Document};

/// A body paragraph of about `n` sentences, different for each `seed`.
pub fn filler(seed: usize, n: usize) -> String {
    const WORDS: [&str; 8] = [
        "坚持稳中求进工作总基调",
        "推动经济社会持续健康发展",
        "着力保障和改善民生",
        "深化重点领域改革",
        "加强生态环境保护",
        "提高政府治理能力",
        "扩大高水平对外开放",
        "统筹发展和安全",
    ];
    (0..n)
        .map(|i| {
            format!(
                "我们要{}，{}。",
                WORDS[(seed + i) % 8],
                WORDS[(seed * 3 + i + 1) % 8]
            )
        })
        .collect()
}

pub fn load(name: &str, text: &str) -> Document {
    let mut c = Corpus::default();
    c.add_bytes(std::path::Path::new(name), text.as_bytes());
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    c.docs.into_iter().next().unwrap()
}

/// A 1960-style report: headings are bare numerals on lines of their own.
pub fn bare_numerals() -> String {
    let mut t = String::from("各位代表：\n　　我受委托，向大会作报告。\n");
    for (i, n) in ["一", "二", "三", "四"].iter().enumerate() {
        t += &format!("{n}\n");
        for k in 0..3 {
            t += &format!("　　{}\n", filler(i * 3 + k, 6));
        }
    }
    t
}

/// A congress-report shape: 一、 headings, （一） under some, 第一， items
/// under one, `1.` under a （一）.
pub fn congress() -> String {
    let mut t = String::from("同志们：\n");
    t += &format!("{}\n", filler(0, 5));
    t += "一、历史性成就和这次大会的任务\n";
    t += &format!("{}\n{}\n", filler(1, 8), filler(2, 8));
    t += "二、社会主义初级阶段和党的基本路线\n";
    t += &format!("{}\n", filler(3, 6));
    for (k, n) in ["第一", "第二", "第三"].iter().enumerate() {
        t += &format!("{n}，必须坚持第{k}条原则。{}\n", filler(k + 4, 5));
    }
    t += "三、关于经济发展战略\n";
    for (k, n) in ["（一）", "（二）", "（三）"].iter().enumerate() {
        t += &format!("{n}发展战略的第{k}个方面\n{}\n", filler(k + 7, 7));
        if k == 1 {
            for (j, m) in ["1.", "2.", "3."].iter().enumerate() {
                t += &format!("{m}具体措施{j}。{}\n", filler(j + 9, 4));
            }
        }
    }
    t += "四、在改革开放中加强党的建设\n";
    t += &format!("{}\n{}\n", filler(12, 8), filler(13, 8));
    t
}

/// A 1955-style report: inside a section, `一、` starts over for a list of
/// paragraphs (bare `一、` lines followed by their text).
pub fn nested_restart() -> String {
    let mut t = String::new();
    t += "一、国家在过渡时期的总任务\n";
    t += &format!("{}\n", filler(0, 6));
    t += "二、第一个五年计划概要\n";
    t += &format!("{}\n", filler(1, 6));
    t += "三、第一个五年计划的若干问题\n";
    t += "（一）关于工业的基本建设问题\n";
    t += &format!("{}\n", filler(2, 4));
    t += "第一，基本建设规模的大小问题。\n";
    t += &format!("{}\n", filler(3, 4));
    for n in ["一、", "二、", "三、"] {
        t += &format!("{n}\n{}\n", filler(4, 3));
    }
    t += "第二，轻重工业投资的比重问题。\n";
    t += &format!("{}\n", filler(5, 4));
    t += "（二）关于工业的生产问题\n";
    t += &format!("{}\n", filler(6, 4));
    t += "四、为完成第一个五年计划而奋斗\n";
    t += &format!("{}\n", filler(7, 6));
    t
}

/// The screen as text: one line per row, wide chars once.
pub fn screen(app: &tifa::tui::app::App) -> String {
    let (w, h) = app.size;
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| tifa::tui::draw::draw(app, f)).unwrap();
    text_of(t.backend().buffer())
}

pub fn text_of(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        let mut line = String::new();
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            line.push_str(c.symbol());
            let w = match c.diff_option {
                ratatui::buffer::CellDiffOption::ForcedWidth(n) => n.get() as usize,
                _ => unicode_width::UnicodeWidthStr::width(c.symbol()),
            };
            skip = w.saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Planted uses per year of three slogans in generated dated reports:
/// (year, 绿色发展, 共同富裕, 科学发展观). 2012 and 2015 have no report.
pub const PLANTED: [(i32, usize, usize, usize); 5] = [
    (2010, 1, 0, 2),
    (2011, 3, 0, 4),
    (2013, 0, 2, 0),
    (2014, 6, 4, 0),
    (2016, 2, 8, 0),
];

/// Generated government work reports, one per year of `PLANTED` (file
/// name, text), and one undated speech: numbered sections, filler text,
/// and the planted slogans in quotes. The 2014 report's first use of
/// 共同富裕 has Latin letters, Han and ambiguous-width quotes just before it.
pub fn dated_reports() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, &(year, green, common, sci)) in PLANTED.iter().enumerate() {
        let mut t = format!("{year}年政府工作报告\n");
        t += &format!("　　{}\n", filler(k, 3));
        t += "一、过去一年工作回顾\n";
        t += &format!("　　{}\n", filler(k + 1, 4));
        for i in 0..green {
            t += &format!("　　我们坚持“绿色发展”，{}\n", filler(k + i, 2));
        }
        t += &format!("二、{year}年主要任务\n");
        t += "（一）保持经济平稳运行\n";
        t += &format!("　　{}\n", filler(k + 2, 4));
        for i in 0..common {
            if year == 2014 && i == 0 {
                t += "　　ab“引号”中文里的“共同富裕”，要扎实推进。\n";
            } else {
                t += &format!("　　扎实推进“共同富裕”，{}\n", filler(k + i + 3, 2));
            }
        }
        t += "（二）深化重点领域改革\n";
        for i in 0..sci {
            t += &format!("　　深入贯彻“科学发展观”，{}\n", filler(k + i + 5, 2));
        }
        t += &format!("　　{}\n", filler(k + 4, 4));
        out.push((format!("gwr_{year}.txt"), t));
    }
    out.push((
        "speech_undated.txt".into(),
        format!(
            "在座谈会上的讲话\n　　坚持“绿色发展”，推动“共同富裕”。{}\n",
            filler(9, 4)
        ),
    ));
    out
}

/// The reports of `dated_reports` as a corpus.
pub fn dated_corpus() -> Corpus {
    let mut c = Corpus::default();
    for (name, text) in dated_reports() {
        c.add_bytes(std::path::Path::new(&name), text.as_bytes());
    }
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    c
}
