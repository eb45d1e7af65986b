//! The layout rules of LAYOUT.md as plain-text pictures, punctuation
//! restoration and truncation cases, and property tests that hold the
//! engine to the independent checker of `layout_corpus.rs` on random text.
//!
//! A picture is the expected lines joined by `⏎`, as in LAYOUT.md's table;
//! indent cells are drawn as `␣`.

use crate::layout_corpus::check;
use proptest::prelude::*;
use tifa::text::layout::{layout, LayoutOptions, Level, Line};
use tifa::text::punct::{document_wants_full, restore};
use tifa::text::width::{str_width, truncate_to_width, AmbiWidth};

fn opts(width: usize) -> LayoutOptions {
    LayoutOptions {
        width,
        ambi: AmbiWidth::One,
        level: Level::Basic,
        indent: false,
        hanging: false,
    }
}

fn picture_of(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| format!("{}{}", "␣".repeat(l.indent), l.text))
        .collect::<Vec<_>>()
        .join("⏎")
}

fn picture(text: &str, o: LayoutOptions) -> String {
    picture_of(&layout(text, &o))
}

fn a2(mut o: LayoutOptions) -> LayoutOptions {
    o.ambi = AmbiWidth::Two;
    o
}

fn strict(mut o: LayoutOptions) -> LayoutOptions {
    o.level = Level::Strict;
    o
}

// ---- LAYOUT.md "Cases", one test each ------------------------------------

#[test]
fn case_comma_moves_its_char_down() {
    assert_eq!(
        picture("中文段落测，这里没有空格。", opts(10)),
        "中文段落⏎测，这里没⏎有空格。"
    );
}

#[test]
fn case_quotes_stay_with_their_text() {
    let want = "他说：“你⏎好。”我说：⏎“好。”";
    assert_eq!(picture("他说：“你好。”我说：“好。”", opts(12)), want);
    assert_eq!(picture("他说：“你好。”我说：“好。”", a2(opts(12))), want);
}

#[test]
fn case_ellipsis_and_dash_basic_and_strict() {
    let text = "等等……然后——结束。";
    assert_eq!(picture(text, opts(10)), "等等……然后⏎——结束。");
    assert_eq!(picture(text, strict(opts(10))), "等等……然⏎后——结束。");
}

#[test]
fn case_ellipsis_pulls_previous_char_down() {
    assert_eq!(picture("一二三四……", opts(8)), "一二三⏎四……");
}

#[test]
fn case_latin_words_are_not_split() {
    assert_eq!(
        picture("我们使用ratatui库和crossterm库。", opts(12)),
        "我们使用⏎ratatui库和⏎crossterm⏎库。"
    );
}

#[test]
fn case_word_wider_than_line_is_split() {
    assert_eq!(
        picture("这是internationalization的例子。", opts(12)),
        "这是⏎internationa⏎lization的例⏎子。"
    );
}

#[test]
fn case_numbers_and_currency_prefix() {
    assert_eq!(
        picture("价格是100元，约合$15。", opts(10)),
        "价格是100⏎元，约合⏎$15。"
    );
}

#[test]
fn case_middle_dot_does_not_start_a_line() {
    assert_eq!(
        picture("马丁·路德·金的演讲", opts(8)),
        "马丁·路⏎德·金的⏎演讲"
    );
}

#[test]
fn case_closing_marks_chain() {
    assert_eq!(
        picture("甲乙丙丁戊。」」他说", opts(10)),
        "甲乙丙丁⏎戊。」」他⏎说"
    );
}

#[test]
fn case_spaces_between_latin_and_han() {
    assert_eq!(
        picture("我用 Rust 写了一个 TUI 阅读器。", opts(10)),
        "我用 Rust⏎写了一个⏎TUI 阅读⏎器。"
    );
}

#[test]
fn case_quote_width_depends_on_ambiguous() {
    assert_eq!(picture("他说“好”了", opts(9)), "他说“好”⏎了");
    assert_eq!(picture("他说“好”了", a2(opts(9))), "他说⏎“好”了");
}

/// The issue's case: with A=2 a Cyrillic word is two cells a letter (the
/// terminal draws it so), and a line holding one used to be 34 cells in a
/// 24-cell column.
#[test]
fn cyrillic_greek_and_box_drawing_fit_under_a2() {
    let text = "中有俄语单词интернационализация和希腊语Ελληνικάαβγ以及框线────────表格。";
    for w in [8, 12, 24, 30] {
        let lines = layout(text, &a2(opts(w)));
        for l in &lines {
            assert!(
                str_width(&l.text, AmbiWidth::Two) <= w && l.width <= w,
                "{w}: {:?}",
                l.text
            );
        }
    }
    assert_eq!(
        picture("和интернационализация", a2(opts(24))),
        "和⏎интернациона⏎лизация"
    );
}

#[test]
fn case_book_title_marks() {
    assert_eq!(picture("《三体》是小说。", opts(6)), "《三⏎体》是⏎小说。");
}

#[test]
fn case_width_one_keeps_everything() {
    assert_eq!(picture("一二三", opts(1)), "一⏎二⏎三");
}

#[test]
fn case_indent_replaces_fullwidth_spaces() {
    let o = LayoutOptions {
        indent: true,
        ..opts(12)
    };
    assert_eq!(
        picture("　　已经有全角空格缩进的段落。", o),
        "␣␣␣␣已经有全⏎角空格缩进的⏎段落。"
    );
}

// ---- further behaviour the rules leave to the engine ----------------------

#[test]
fn empty_and_blank_paragraphs_give_one_empty_line() {
    for text in ["", "   ", "　　"] {
        let lines = layout(text, &LayoutOptions::default());
        assert_eq!(lines.len(), 1, "{text:?}");
        assert_eq!(
            (lines[0].start, lines[0].end, lines[0].text.as_str()),
            (0, 0, "")
        );
    }
}

#[test]
fn width_zero_is_width_one() {
    assert_eq!(picture("一二", opts(0)), "一⏎二");
    assert_eq!(picture("ab", opts(0)), "a⏎b");
}

#[test]
fn line_ranges_are_char_offsets() {
    let lines = layout(
        "　　中文段落测，这里没有空格。",
        &LayoutOptions {
            indent: true,
            ..opts(12)
        },
    );
    assert_eq!(lines[0].start, 2);
    assert_eq!(lines[0].indent, 4);
    assert_eq!(lines[0].width, 12);
    let all: Vec<char> = "　　中文段落测，这里没有空格。".chars().collect();
    for l in &lines {
        assert_eq!(l.text, all[l.start..l.end].iter().collect::<String>());
    }
}

#[test]
fn no_indent_when_too_narrow_or_first_unit_needs_the_room() {
    let o = LayoutOptions {
        indent: true,
        ..opts(5)
    };
    assert_eq!(picture("一二三四", o), "一二⏎三四");
    // “好。” is 6 cells at A=2: it fits in 8 but not beside the indent.
    let o = LayoutOptions {
        indent: true,
        ambi: AmbiWidth::Two,
        ..opts(8)
    };
    assert_eq!(picture("“好。”一二", o), "“好。”⏎一二");
}

#[test]
fn hanging_punctuation_uses_the_gutter() {
    let o = LayoutOptions {
        hanging: true,
        ..opts(10)
    };
    let lines = layout("中文段落测，这里没有空格。", &o);
    assert_eq!(picture_of(&lines), "中文段落测，⏎这里没有空⏎格。");
    assert!(lines[0].hang && lines[0].width == 12);
    assert!(!lines[1].hang);
    // Off by default: R1 is strict.
    assert_eq!(
        picture("中文段落测，这里没有空格。", opts(10)),
        "中文段落⏎测，这里没⏎有空格。"
    );
}

#[test]
fn ascii_quotes_pair_by_position() {
    // The first " opens (may not end a line), the second closes.
    assert_eq!(picture("他说\"你好\"了", opts(6)), "他说⏎\"你好\"⏎了");
}

#[test]
fn newline_and_tab_inside_a_paragraph() {
    assert_eq!(picture("一二\n三四", opts(20)), "一二⏎三四");
    let lines = layout("a\tb", &opts(20));
    assert_eq!(lines[0].text, "a b");
    assert_eq!(lines[0].width, 3);
}

#[test]
fn spaces_before_closing_marks_do_not_break() {
    assert_eq!(picture("abc def ,", opts(8)), "abc⏎def ,");
}

#[test]
fn combining_marks_and_emoji_stay_whole() {
    assert_eq!(picture("cafe\u{301}s", opts(3)), "caf⏎e\u{301}s");
    assert_eq!(picture("👍🏽👍🏽", opts(2)), "👍🏽⏎👍🏽");
    // Widths are summed per char (the one width model), so 👨‍👩‍👧 is 6 cells.
    assert_eq!(picture("一👨‍👩‍👧二", opts(8)), "一👨‍👩‍👧⏎二");
    assert_eq!(picture("一👨‍👩‍👧二", opts(4)), "一⏎👨‍👩‍👧⏎二");
}

#[test]
fn dates_urls_and_ranges_stay_together() {
    assert_eq!(
        picture("发布时间：2019/11/12", opts(12)),
        "发布时间：⏎2019/11/12"
    );
    assert_eq!(picture("一二三四1-10月", opts(12)), "一二三四1-10⏎月");
    assert_eq!(picture("比例为76%，", opts(8)), "比例为⏎76%，");
}

// ---- punctuation restoration ----------------------------------------------

#[test]
fn restore_seed_style_text() {
    let seed = "要坚定“四个自信”,做到政治信仰不变色、政治立场不动摇,这是前提。";
    assert!(document_wants_full(&[seed]));
    assert_eq!(
        restore(seed, true),
        "要坚定“四个自信”，做到政治信仰不变色、政治立场不动摇，这是前提。"
    );
    assert_eq!(restore("(一)强化使命担当", true), "（一）强化使命担当");
    assert_eq!(
        restore("(1)加强学习;(2)深化认识", true),
        "（1）加强学习；（2）深化认识"
    );
    assert_eq!(
        restore("关于\"四个全球倡议\"的文章", true),
        "关于“四个全球倡议”的文章"
    );
}

#[test]
fn restore_never_touches_numbers_urls_english() {
    for s in [
        "http://www.gov.cn/a,b:c",
        "www.example.com/x?y=1;z=2",
        "10:30",
        "1.2.3",
        "3.14",
        "3,000",
        "Hello, world: yes (really)!",
    ] {
        assert_eq!(restore(s, true), s, "{s}");
    }
    assert!(!document_wants_full(&["Hello, world: yes (really)!"]));
    assert_eq!(
        restore("上午10:30开会,共3,000人", true),
        "上午10:30开会，共3,000人"
    );
}

#[test]
fn restore_keeps_char_count_and_keep_mode() {
    let s = "他说:\"好\"(一)http://a.b/c,d,e 10:30,了";
    assert_eq!(restore(s, true).chars().count(), s.chars().count());
    assert_eq!(restore(s, false), s);
}

// ---- truncation -----------------------------------------------------------

#[test]
fn truncate_by_width() {
    let title = "在乡镇集中学习暨当前重点工作推进会上的讲话";
    assert_eq!(truncate_to_width(title, 11, AmbiWidth::One), "在乡镇集中…");
    // Never half a wide char: 10 cells hold 4 chars + … (9 cells).
    assert_eq!(truncate_to_width(title, 10, AmbiWidth::One), "在乡镇集…");
    assert_eq!(truncate_to_width(title, 10, AmbiWidth::Two), "在乡镇集…");
    assert_eq!(truncate_to_width(title, 9, AmbiWidth::Two), "在乡镇…");
    assert_eq!(truncate_to_width("短标题", 6, AmbiWidth::One), "短标题");
    assert_eq!(
        truncate_to_width("“四个自信”", 10, AmbiWidth::One),
        "“四个自信”"
    );
    assert_eq!(truncate_to_width("“四个自信”", 6, AmbiWidth::One), "“四个…");
    assert_eq!(truncate_to_width("“四个自信”", 6, AmbiWidth::Two), "“四…");
    assert_eq!(truncate_to_width("标题", 1, AmbiWidth::Two), "");
    for max in 0..30 {
        for a in [AmbiWidth::One, AmbiWidth::Two] {
            assert!(str_width(&truncate_to_width(title, max, a), a) <= max);
        }
    }
}

// ---- properties -----------------------------------------------------------

const PIECES: &[&str] = &[
    "中",
    "文",
    "段",
    "落",
    "国",
    "家",
    "发",
    "展",
    "的",
    "是",
    "，",
    "。",
    "、",
    "：",
    "；",
    "？",
    "！",
    "“",
    "”",
    "‘",
    "’",
    "《",
    "》",
    "（",
    "）",
    "「",
    "」",
    "【",
    "】",
    "……",
    "——",
    "—",
    "…",
    "·",
    ",",
    ".",
    ":",
    ";",
    "!",
    "?",
    "(",
    ")",
    "\"",
    "'",
    "-",
    "/",
    "%",
    "$",
    "ratatui",
    "internationalization",
    "Rust",
    "a",
    "2019/11/12",
    "3,000",
    "10:30",
    "76%",
    "$15",
    "1-10",
    "3.14",
    " ",
    " ",
    "  ",
    "\u{3000}",
    "①",
    "※",
    "°",
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "e\u{301}",
    "\u{301}",
    "⸺",
    "⋯⋯",
    "\t",
    "\u{a0}",
    "*",
    "＊",
    // Cyrillic and Greek: narrow letters that are East Asian Ambiguous,
    // so two cells each under A=2 (a 17-letter word is 34 cells).
    "Москва",
    "интернационализация",
    "и",
    "Ελληνικά",
    "αβγ",
    "ω",
    // Box drawing: ambiguous too.
    "─",
    "│",
    "┌──┐",
    "═══",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

fn options_strategy() -> impl Strategy<Value = LayoutOptions> {
    (
        1usize..=200,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(width, two, strict, indent, hanging)| LayoutOptions {
            width,
            ambi: if two { AmbiWidth::Two } else { AmbiWidth::One },
            level: if strict { Level::Strict } else { Level::Basic },
            indent,
            hanging,
        })
}

fn narrow_options() -> impl Strategy<Value = LayoutOptions> {
    (options_strategy(), 1usize..=16).prop_map(|(o, width)| LayoutOptions { width, ..o })
}

fn assert_rules(text: &str, o: &LayoutOptions) -> Result<(), TestCaseError> {
    let para = check::Para::new(text, o.level == Level::Strict);
    let asked = check::Asked {
        width: o.width,
        ambi: o.ambi.cells(),
        indent: o.indent,
        hanging: o.hanging,
    };
    let lines = layout(text, o);
    check::check(&para, &lines, asked)
        .map_err(|e| TestCaseError::fail(format!("{text:?} {o:?}: {e}")))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None, // shrunk cases are reported, not written to tests/
        ..ProptestConfig::default()
    })]

    /// R1, R2, R4, R5, R6, R8, R9, R11, R12, R13 and no control chars, as
    /// the independent checker states them, at any width.
    #[test]
    fn random_text_obeys_rules(text in text_strategy(), o in options_strategy()) {
        assert_rules(&text, &o)?;
    }

    /// The same at narrow widths, where units are often wider than a line.
    #[test]
    fn random_text_obeys_rules_when_narrow(text in text_strategy(), o in narrow_options()) {
        assert_rules(&text, &o)?;
    }

    /// Layout is a pure function and never loses a non-space char.
    #[test]
    fn layout_keeps_every_visible_char(text in text_strategy(), o in options_strategy()) {
        let lines = layout(&text, &o);
        let shown: String = lines.iter().map(|l| l.text.as_str()).collect::<String>()
            .chars().filter(|c| !c.is_whitespace()).collect();
        let source: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(shown, source);
        prop_assert_eq!(&lines, &layout(&text, &o));
    }
}

/// OCR-spaced digits (`1 9 9 7 年`), joined for display by word joiners.
mod spaced_digits {
    use super::*;
    use tifa::text::digits::{join, JOINER};

    /// Each piece starts and ends with Han text, punctuation or a space,
    /// so a number is at most five digits: a unit no wider than the
    /// narrowest line here (a wider one may be split, R12).
    const PIECES: &[&str] = &[
        "1 9 9 7 年",
        "国内生产总值达到",
        "7 4 7 7 2 亿元",
        "，",
        "。",
        "比上年增长8.8%，",
        " ",
        "达到 3 0 万",
        "用abc写",
        "“引号”",
        "共 3 000 人",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 1..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

        /// The joiners are never shown, never take a cell, never break a
        /// line, and the text keeps its char count.
        #[test]
        fn joined_digits_are_never_shown_or_broken(
            src in text(), width in 16usize..=80, two in any::<bool>(), indent in any::<bool>(),
        ) {
            let Some(shown) = join(&src) else { return Ok(()) };
            prop_assert_eq!(shown.chars().count(), src.chars().count());
            let o = LayoutOptions {
                width,
                ambi: if two { AmbiWidth::Two } else { AmbiWidth::One },
                indent,
                ..opts(width)
            };
            let lines = layout(&shown, &o);
            let cs: Vec<char> = shown.chars().collect();
            for l in &lines {
                prop_assert!(!l.text.contains(JOINER), "{:?}", l.text);
                prop_assert!(l.width <= width, "{:?} {} > {}", l.text, l.width, width);
                prop_assert_eq!(l.width, l.indent + str_width(&l.text, o.ambi));
            }
            for pair in lines.windows(2) {
                let b = pair[1].start;
                prop_assert!(
                    cs[b] != JOINER && (b == 0 || cs[b - 1] != JOINER),
                    "a break inside a joined number: {:?} | {:?}", pair[0].text, pair[1].text
                );
            }
            let got: String = lines.iter().flat_map(|l| l.text.chars()).filter(|c| !c.is_whitespace()).collect();
            let want: String = cs.iter().filter(|&&c| c != JOINER && !c.is_whitespace()).collect();
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn the_issue_case_at_a_narrow_width() {
        let src = "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元";
        let shown = join(src).unwrap();
        assert_eq!(
            picture(&shown, opts(16)),
            "1997年国内生产总⏎值达到74772亿元"
        );
    }
}
