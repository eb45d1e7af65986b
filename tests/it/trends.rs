//! The trend chart, the slogan list's sparklines, sort and evidence, the
//! comparison screen and the aligned concordance, on ratatui's
//! TestBackend: screens as snapshots (with their styles where colour is
//! the point), and figures checked against plain substring counts of
//! generated dated documents (`common::dated_reports`).

use crate::common;

use common::{dated_corpus, dated_reports, screen, PLANTED};
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use std::time::{Duration, Instant};
use tifa::config::{Action, Key};
use tifa::corpus::Corpus;
use tifa::page::ViewOptions;
use tifa::slogans::Sort;
use tifa::text::width::AmbiWidth;
use tifa::tui::app::{App, Screen};

fn app_on(c: Corpus, (w, h): (u16, u16), theme: &str, ambi: AmbiWidth) -> App {
    let mut o = ViewOptions::default();
    o.layout.ambi = ambi;
    let mut a = App::new(c, o, (w, h));
    a.styles = tifa::tui::style::Styles::builtin(theme, tifa::config::theme::ColorDepth::Ansi16);
    a.index_now();
    a
}

fn app(theme: &str) -> App {
    app_on(dated_corpus(), (80, 24), theme, AmbiWidth::One)
}

fn key(a: &mut App, k: &str) {
    a.key(Key::parse(k).unwrap());
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        a.key(Key::parse(&c.to_string()).unwrap());
    }
}

/// Let the search worker run until `f` holds (bounded; not a timing test).
fn settle(a: &mut App, f: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !f(a) {
        a.tick();
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the worker never delivered"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The index of slogan `text`.
fn slogan(a: &App, text: &str) -> usize {
    let ix = a.indexes.as_ref().unwrap();
    ix.slogans
        .slogans
        .iter()
        .position(|s| s.text == text)
        .unwrap_or_else(|| panic!("{text} is mined"))
}

/// In a finder (the slogan list, or the trend's picker): type the exact
/// query and wait until `text` is the first row.
fn find(a: &mut App, text: &str) {
    typed(a, &format!("'{text}"));
    let want = slogan(a, text);
    settle(a, |a| {
        let rows = match (&a.trend, a.screen) {
            (Some(t), Screen::Trend) => t.picker.as_ref().unwrap().rows(&a.cx),
            _ => a.finder_rows(),
        };
        rows.first() == Some(&want)
    });
}

/// The trend chart of 绿色发展, with 共同富裕 added from the finder.
fn trend_of_two(theme: &str) -> App {
    let mut a = app(theme);
    a.update(Action::Slogans);
    find(&mut a, "绿色发展");
    key(&mut a, "ctrl-t");
    assert_eq!(a.screen, Screen::Trend);
    key(&mut a, "a");
    assert!(
        a.trend.as_ref().unwrap().picker.is_some(),
        "a opens a picker"
    );
    find(&mut a, "共同富裕");
    key(&mut a, "enter");
    let t = a.trend.as_ref().unwrap();
    assert!(t.picker.is_none());
    assert_eq!(t.series.len(), 2);
    a
}

fn buffer(a: &App) -> Buffer {
    let (w, h) = a.size;
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| tifa::tui::draw::draw(a, f)).unwrap();
    t.backend().buffer().clone()
}

/// Plain substring counts of `text` per year of the generated reports
/// (their years from the file names; the undated speech left out).
fn counts_by_year(text: &str) -> Vec<(i32, usize)> {
    dated_reports()
        .iter()
        .filter_map(|(name, body)| {
            let year = name.strip_prefix("gwr_")?.get(..4)?.parse().ok()?;
            Some((year, body.matches(text).count()))
        })
        .collect()
}

/// The sparkline the list must show, from those counts alone: a bar per
/// year with a report, `·` per run of years without one, a blank for no
/// use, else ▁…█ by ceil(8 × count ÷ largest count).
fn expected_spark(text: &str) -> String {
    let counts = counts_by_year(text);
    let max = counts.iter().map(|c| c.1).max().unwrap();
    let (lo, hi) = (counts[0].0, counts.last().unwrap().0);
    let mut out = String::new();
    let mut in_gap = false;
    for y in lo..=hi {
        match counts.iter().find(|c| c.0 == y) {
            None if in_gap => {}
            None => {
                out.push('·');
                in_gap = true;
            }
            Some(&(_, c)) => {
                in_gap = false;
                out.push(match c {
                    0 => ' ',
                    c => ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'][(8 * c).div_ceil(max) - 1],
                });
            }
        }
    }
    out
}

#[test]
fn the_planted_counts_are_what_the_generated_reports_hold() {
    // The figures below rest on these: a check of the generator itself.
    for (text, col) in [("绿色发展", 1), ("共同富裕", 2), ("科学发展观", 3)] {
        let want: Vec<(i32, usize)> = PLANTED
            .iter()
            .map(|p| (p.0, [0, p.1, p.2, p.3][col]))
            .collect();
        assert_eq!(counts_by_year(text), want, "{text}");
    }
}

#[test]
fn sparkline_bars_are_the_per_year_counts() {
    let mut a = app("mono");
    a.update(Action::Slogans);
    let s = screen(&a);
    for (text, span) in [
        ("绿色发展", "2010–2016"),
        ("共同富裕", "2013–2016"),
        ("科学发展观", "2010–2011"),
    ] {
        let spark = expected_spark(text);
        let row = s
            .lines()
            .find(|l| l.contains(&format!(" {text} ")))
            .unwrap_or_else(|| panic!("{text} listed:\n{s}"));
        assert!(
            row.contains(&format!("{spark} {span}")),
            "{text}: want {spark:?} {span}, row {row:?}"
        );
    }
    // 绿色发展: 1, 3, (2012 none), 0, 6, (2015 none), 2.
    assert_eq!(expected_spark("绿色发展"), "▂▄· █·▃");
}

#[test]
fn the_slogan_list_sorts_through_the_index_and_shows_the_evidence() {
    let mut a = app("mono");
    a.update(Action::Slogans);
    let ix = a.indexes.clone().unwrap();
    assert!(screen(&a).contains("按分数排序"));
    assert_eq!(a.finder_rows(), ix.slogans.order(Sort::Score));
    for (sort, name) in [
        (Sort::Count, "按次数"),
        (Sort::Docs, "按篇数"),
        (Sort::First, "按首次使用"),
        (Sort::Score, "按分数"),
    ] {
        key(&mut a, "tab");
        assert_eq!(a.finder_rows(), ix.slogans.order(sort), "{name}");
        assert!(screen(&a).contains(name));
    }
    // The selected slogan's evidence, above the status line.
    find(&mut a, "绿色发展");
    let s = screen(&a);
    let evidence = s.lines().rev().nth(1).unwrap();
    // 12 dated uses and the undated speech's one, all in quotes.
    assert!(evidence.contains("引号 13/13 (100%)"), "{evidence}");
    assert!(
        evidence.contains("首 2010 2010年政府工作报告"),
        "{evidence}"
    );
    assert!(
        evidence.contains("末 2016 2016年政府工作报告"),
        "{evidence}"
    );
}

/// Narrow lists keep the slogan and drop the other columns whole, in
/// order: kind, years, score, sparkline.
#[test]
fn the_slogan_list_drops_columns_when_narrow() {
    // (width, kind, years, score, sparkline)
    for (w, kind, years, score, spark) in [
        (80, true, true, true, true),
        (60, false, true, true, true),
        (40, false, false, false, true),
        (30, false, false, false, false),
    ] {
        let mut a = app_on(dated_corpus(), (w, 20), "mono", AmbiWidth::One);
        a.update(Action::Slogans);
        let s = screen(&a);
        let row = s.lines().find(|l| l.contains(" 绿色发展")).unwrap();
        assert!(row.contains("  13次"), "{w}: {row}");
        assert_eq!(row.contains("quoted"), kind, "{w}: {row}");
        assert_eq!(row.contains("2010–2016"), years, "{w}: {row}");
        let score_shown = row.trim_start().split(' ').next().unwrap().contains('.');
        assert_eq!(score_shown, score, "{w}: {row}");
        assert_eq!(
            row.contains(&expected_spark("绿色发展")),
            spark,
            "{w}: {row}"
        );
    }
}

#[test]
fn trend_chart_snapshots_in_the_default_theme_and_mono() {
    let mut texts = Vec::new();
    for theme in ["default", "mono"] {
        let a = trend_of_two(theme);
        let buf = buffer(&a);
        insta::assert_snapshot!(format!("trend_80x24_{theme}"), format!("{buf:?}"));
        texts.push(screen(&a));
        // Each slogan's marker, coloured as its series in colour, plain in mono.
        let chart_rows = 3..19;
        let mut fg = [None, None];
        for y in chart_rows.clone() {
            for x in 0..80 {
                let c = &buf[(x, y)];
                for (k, m) in ["o", "+"].iter().enumerate() {
                    if c.symbol() == *m {
                        fg[k] = Some(c.fg);
                    }
                }
                if theme == "mono" {
                    assert!(
                        matches!(c.fg, Color::Reset) && matches!(c.bg, Color::Reset),
                        "mono has no colour: {x},{y} {:?}",
                        c
                    );
                }
            }
        }
        let (a_fg, b_fg) = (fg[0].expect("o drawn"), fg[1].expect("+ drawn"));
        if theme == "default" {
            assert_eq!(a_fg, Color::Yellow);
            assert_eq!(b_fg, Color::Cyan);
        }
    }
    // Markers, not colours, tell the slogans apart: the text is the same.
    assert_eq!(texts[0], texts[1]);
    let s = &texts[1];
    for want in [
        "o 绿色发展 首2010 末2016",
        "+ 共同富裕 首2013 末2016",
        "2010",
        "2016",
    ] {
        assert!(s.contains(want), "{want}:\n{s}");
    }
    // Years without reports have no label and break the axis.
    assert!(!s.contains("2012") && !s.contains("2015"), "{s}");
    let axis = s.lines().nth(19).unwrap();
    assert!(
        axis.trim_end().contains(' '),
        "a break in the axis: {axis:?}"
    );
}

#[test]
fn enter_on_a_year_lists_that_years_uses_and_enter_there_reads_one() {
    let mut a = trend_of_two("mono");
    let t = a.trend.as_ref().unwrap();
    assert_eq!(t.year(), Some(2016), "starts on the latest year");
    // 2016 → (2015 has no report) → 2014.
    a.update(Action::PrevYear);
    assert_eq!(a.trend.as_ref().unwrap().year(), Some(2014));
    let s = screen(&a);
    assert!(s.contains(" 2014 年 · 1 篇"), "{s}");
    assert!(s.contains("o 绿色发展 6 次"), "{s}");
    assert!(s.contains("+ 共同富裕 4 次"), "{s}");
    // Raw counts and rates: the y axis changes, the figures stay.
    a.update(Action::ToggleCounts);
    assert!(screen(&a).contains("次数 (c: 每万字)"));
    // The focused slogan is the one added last: 共同富裕, 4 uses in 2014.
    a.update(Action::Open);
    let t = a.trend.as_ref().unwrap();
    let o = t.occurrences.as_ref().expect("the year's uses");
    let ix = a.indexes.clone().unwrap();
    assert_eq!(o.slogan, slogan(&a, "共同富裕"));
    assert_eq!(o.len(&ix), 4);
    let d2014 = a
        .corpus
        .docs
        .iter()
        .position(|d| d.id == "gwr_2014")
        .unwrap();
    for k in 0..4 {
        assert_eq!(o.get(&ix, k).unwrap().doc, d2014);
    }
    assert!(screen(&a).contains("2014 年: 4 处"));
    // Enter reads the second; n walks the year's list, Back returns.
    a.update(Action::LineDown);
    a.update(Action::Open);
    assert_eq!(a.screen, Screen::Reader);
    assert!(a.message.as_deref().unwrap().contains("共同富裕 2/4"));
    a.update(Action::SearchNext);
    assert!(a.message.as_deref().unwrap().contains("共同富裕 3/4"));
    a.update(Action::Back);
    assert_eq!(a.screen, Screen::Trend);
    assert!(a.trend.as_ref().unwrap().occurrences.is_some());
    // Esc: the chart; Tab focuses 绿色发展; Esc again: the finder.
    a.update(Action::Back);
    a.update(Action::NextSeries);
    assert_eq!(a.trend.as_ref().unwrap().focus, 0);
    a.update(Action::PrevYear);
    a.update(Action::PrevYear);
    assert_eq!(a.trend.as_ref().unwrap().year(), Some(2011));
    a.update(Action::Open);
    let t = a.trend.as_ref().unwrap();
    assert_eq!(t.occurrences.as_ref().unwrap().len(&ix), 3);
    a.update(Action::Back);
    a.update(Action::Back);
    assert_eq!(a.screen, Screen::Finder);
    assert!(a.trend.is_none());
}

#[test]
fn at_most_four_slogans_and_never_none() {
    let mut a = trend_of_two("mono");
    for text in ["科学发展观", "深化重点领域改革"] {
        key(&mut a, "a");
        find(&mut a, text);
        key(&mut a, "enter");
    }
    assert_eq!(a.trend.as_ref().unwrap().series.len(), 4);
    let s = screen(&a);
    for m in [
        "o 绿色发展",
        "+ 共同富裕",
        "x 科学发展观",
        "* 深化重点领域改革",
    ] {
        assert!(s.contains(m), "{m}:\n{s}");
    }
    a.update(Action::AddSeries);
    assert!(a.trend.as_ref().unwrap().picker.is_none());
    assert!(a.message.as_deref().unwrap().contains("最多 4 条"));
    for _ in 0..5 {
        a.update(Action::RemoveSeries);
    }
    assert_eq!(a.trend.as_ref().unwrap().series.len(), 1);
}

#[test]
fn the_trend_is_a_key_from_the_occurrence_list_too() {
    let mut a = app("mono");
    a.update(Action::Slogans);
    find(&mut a, "科学发展观");
    key(&mut a, "enter");
    key(&mut a, "t");
    assert_eq!(a.screen, Screen::Trend);
    let t = a.trend.as_ref().unwrap();
    assert_eq!(t.series[0].text, "科学发展观");
    assert_eq!(t.back, Screen::Finder);
}

/// Compare the 2011 and 2014 reports: 共同富裕 is new (4), 科学发展观
/// dropped (4), 绿色发展 kept (3 → 6).
fn compared() -> App {
    let mut a = app("mono");
    let row = |a: &App, id: &str| {
        a.list
            .rows
            .iter()
            .position(|&d| a.corpus.docs[d].id == id)
            .unwrap()
    };
    a.list.selected = row(&a, "gwr_2011");
    a.update(Action::Compare);
    assert!(screen(&a).contains("A: 2011年政府工作报告"));
    // c on A again unmarks it.
    a.update(Action::Compare);
    assert_eq!(a.list.mark, None);
    a.update(Action::Compare);
    a.list.selected = row(&a, "gwr_2014");
    a.update(Action::Compare);
    assert_eq!(a.screen, Screen::Compare);
    a
}

#[test]
fn compare_shows_the_planted_differences_and_the_paired_outlines() {
    let mut a = compared();
    let c = a.compare.as_ref().unwrap();
    let find_in = |k: usize, text: &str| c.column(k).iter().find(|x| x.text == text).cloned();
    let new = find_in(0, "共同富裕").expect("new in B");
    assert_eq!((new.count_a, new.count_b), (0, 4));
    let dropped = find_in(1, "科学发展观").expect("dropped since A");
    assert_eq!((dropped.count_a, dropped.count_b), (4, 0));
    let kept = find_in(2, "绿色发展").expect("kept");
    assert_eq!((kept.count_a, kept.count_b), (3, 6));
    insta::assert_snapshot!("compare_80x24_slogans", screen(&a));
    a.update(Action::SwitchPane);
    let s = screen(&a);
    insta::assert_snapshot!("compare_80x24_outlines", s);
    assert!(s.contains("二、2011年主要任务"), "{s}");
    assert!(s.contains("二、2014年主要任务"), "{s}");
    a.update(Action::SwitchPane);
    // Enter on 共同富裕: its uses in A and B (all four in B).
    let at = a
        .compare
        .as_ref()
        .unwrap()
        .column(0)
        .iter()
        .position(|x| x.text == "共同富裕")
        .unwrap();
    for _ in 0..at {
        a.update(Action::LineDown);
    }
    a.update(Action::Open);
    let ix = a.indexes.clone().unwrap();
    let c = a.compare.as_ref().unwrap();
    let o = c.occurrences.as_ref().expect("the uses in A and B");
    assert_eq!(o.len(&ix), 4);
    let s = screen(&a);
    assert!(s.contains("A 与 B: 4 处"), "{s}");
    let body = |s: &str| s.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&s).matches("B 2014年政府").count(), 4, "{s}");
    // Kept: 绿色发展's nine uses, three in A and six in B.
    a.update(Action::Back);
    a.update(Action::NextColumn);
    a.update(Action::NextColumn);
    let at = a
        .compare
        .as_ref()
        .unwrap()
        .column(2)
        .iter()
        .position(|x| x.text == "绿色发展")
        .unwrap();
    for _ in 0..at {
        a.update(Action::LineDown);
    }
    a.update(Action::Open);
    let s = screen(&a);
    assert_eq!(body(&s).matches("A 2011年政府").count(), 3, "{s}");
    assert_eq!(body(&s).matches("B 2014年政府").count(), 6, "{s}");
    // Esc twice: back to the list.
    a.update(Action::Back);
    a.update(Action::Back);
    assert_eq!(a.screen, Screen::List);
}

/// The x of the first cell of `what` on row `y`, if it is there.
fn column_of(buf: &Buffer, y: u16, what: &str) -> Option<u16> {
    let first = what.chars().next()?.to_string();
    (0..buf.area.width).find(|&x| {
        buf[(x, y)].symbol() == first && {
            let mut s = String::new();
            let mut x2 = x;
            while x2 < buf.area.width && s.chars().count() < what.chars().count() {
                let sym = buf[(x2, y)].symbol();
                if !sym.trim().is_empty() {
                    s.push_str(sym);
                }
                x2 += 1;
            }
            s == what
        }
    })
}

#[test]
fn the_concordance_aligns_the_keyword_in_one_column() {
    for (ambi, name) in [(AmbiWidth::One, "a1"), (AmbiWidth::Two, "a2")] {
        let mut a = app_on(dated_corpus(), (80, 24), "mono", ambi);
        a.update(Action::Slogans);
        find(&mut a, "共同富裕");
        key(&mut a, "enter");
        let buf = buffer(&a);
        let s = screen(&a);
        insta::assert_snapshot!(format!("concordance_80x24_{name}"), s);
        let cols: Vec<u16> = (2..21)
            .filter_map(|y| column_of(&buf, y, "共同富裕"))
            .collect();
        assert_eq!(cols.len(), 15, "every use listed:\n{s}");
        assert!(
            cols.windows(2).all(|w| w[0] == w[1]),
            "{name}: {cols:?}\n{s}"
        );
        // The line whose left context has Latin, Han and “ ”: it ends
        // right before the keyword, whatever the quotes' width.
        let line = s
            .lines()
            .find(|l| l.contains("ab“引号”"))
            .expect("the mixed line");
        assert!(line.contains("ab“引号”中文里的“共同富裕”"), "{line}");
    }
}

#[test]
fn every_new_screen_has_its_keys_in_the_table_and_in_help() {
    use tifa::config::{Keymap, View};
    let km = Keymap::default();
    for (view, actions) in [
        (View::List, &[Action::Compare][..]),
        (View::Slogans, &[Action::Trend, Action::Sort]),
        (
            View::Occurrences,
            &[
                Action::Open,
                Action::Back,
                Action::Trend,
                Action::Copy,
                Action::Help,
            ],
        ),
        (
            View::Trend,
            &[
                Action::PrevYear,
                Action::NextYear,
                Action::Open,
                Action::ToggleCounts,
                Action::AddSeries,
                Action::RemoveSeries,
                Action::NextSeries,
                Action::Back,
                Action::Help,
            ],
        ),
        (
            View::Compare,
            &[
                Action::PrevColumn,
                Action::NextColumn,
                Action::SwitchPane,
                Action::Open,
                Action::Trend,
                Action::Back,
                Action::Help,
            ],
        ),
    ] {
        for &act in actions {
            assert!(
                !km.keys_for(view, act).is_empty(),
                "{} in [{}]",
                act.name(),
                view.name()
            );
        }
    }
    let mut a = trend_of_two("mono");
    a.update(Action::Help);
    let s = screen(&a);
    for want in [
        "按键 (trend)",
        "Chart per 10,000",
        "Previous year with documents",
    ] {
        assert!(s.contains(want), "{want}:\n{s}");
    }
}

#[test]
fn a_corpus_with_one_dated_year_or_none_still_charts_or_says_why() {
    // The built-in corpus: one dated document, so one year, named once.
    let mut a = app_on(Corpus::builtin(), (80, 24), "mono", AmbiWidth::One);
    a.update(Action::Slogans);
    key(&mut a, "ctrl-t");
    assert_eq!(a.screen, Screen::Trend);
    let s = screen(&a);
    assert!(s.contains("每万字 (c: 次数) · 2019 · 1/5 篇有日期"), "{s}");
    // The same reports with no date anywhere: no chart, and why.
    let mut c = Corpus::default();
    for (k, (_, text)) in dated_reports().into_iter().enumerate() {
        c.add_bytes(
            std::path::Path::new(&format!("report_{k}.txt")),
            text.as_bytes(),
        );
    }
    let mut a = app_on(c, (80, 24), "mono", AmbiWidth::One);
    assert_eq!(a.indexes.as_ref().unwrap().calendar.dated(), 0);
    a.update(Action::Slogans);
    find(&mut a, "绿色发展");
    key(&mut a, "ctrl-t");
    for act in [
        Action::PrevYear,
        Action::NextYear,
        Action::Bottom,
        Action::Open,
    ] {
        a.update(act);
        assert_eq!(a.screen, Screen::Trend);
        let s = screen(&a);
        assert!(s.contains("没有有日期的文档"), "{s}");
    }
}
