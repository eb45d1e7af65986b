//! The reader on ratatui's TestBackend: whole screens as snapshots, and the
//! width model as the backend sees it.

use ratatui::buffer::{Buffer, CellDiffOption};

use crate::common;
use common::screen;
use tifa::config::Action;
use tifa::corpus::Corpus;
use tifa::page::ViewOptions;
use tifa::text::width::AmbiWidth;
use tifa::tui::app::App;
use tifa::tui::widgets::put_str;

fn app(w: u16, h: u16) -> App {
    let mut o = ViewOptions::default();
    o.layout.ambi = AmbiWidth::One;
    let mut a = App::new(Corpus::builtin(), o, (w, h));
    a.styles = tifa::tui::style::Styles::builtin("mono", tifa::config::theme::ColorDepth::Ansi16);
    a
}

fn open(app: &mut App, prefix: &str) {
    let d = app
        .corpus
        .docs
        .iter()
        .position(|d| d.id.starts_with(prefix))
        .unwrap();
    app.open(d);
}

#[test]
fn list_snapshots() {
    for (w, h) in [(80, 24), (40, 15)] {
        let a = app(w, h);
        insta::assert_snapshot!(format!("list_{w}x{h}"), screen(&a));
    }
}

#[test]
fn reader_snapshots() {
    for seed in ["002", "004"] {
        for (w, h) in [(80, 24), (40, 15)] {
            let mut a = app(w, h);
            open(&mut a, seed);
            insta::assert_snapshot!(format!("reader_{seed}_{w}x{h}_top"), screen(&a));
            a.update(Action::PageDown);
            a.update(Action::PageDown);
            insta::assert_snapshot!(format!("reader_{seed}_{w}x{h}_page3"), screen(&a));
        }
    }
}

#[test]
fn no_screen_line_starts_with_closing_punctuation() {
    for (w, h) in [(80, 24), (50, 24), (33, 20)] {
        let mut a = app(w, h);
        open(&mut a, "002");
        for _ in 0..40 {
            let s = screen(&a);
            for line in s.lines().take(h as usize - 1) {
                let t = line.trim_start();
                assert!(
                    !t.starts_with(['，', '。', '、', '”', '；', '：']),
                    "{w}: {line:?}"
                );
            }
            a.update(Action::PageDown);
        }
    }
}

#[test]
fn ambiguous_cells_are_two_wide_in_a2() {
    // “ is ambiguous: with A=2 its cell must say so, or the text after it
    // would shift on terminals that draw it wide.
    let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 10, 1));
    let end = put_str(
        &mut buf,
        0,
        0,
        "“好”了",
        10,
        Default::default(),
        AmbiWidth::Two,
    );
    assert_eq!(end, 8);
    assert_eq!(buf[(0, 0)].symbol(), "“");
    assert_eq!(
        buf[(0, 0)].diff_option,
        CellDiffOption::ForcedWidth(2.try_into().unwrap())
    );
    assert_eq!(buf[(2, 0)].symbol(), "好");
    assert_eq!(buf[(4, 0)].symbol(), "”");
    assert_eq!(buf[(6, 0)].symbol(), "了");
    // The diff the backend receives skips the covered cells.
    let prev = Buffer::empty(buf.area);
    let xs: Vec<u16> = prev.diff(&buf).iter().map(|(x, _, _)| *x).collect();
    assert_eq!(xs, [0, 2, 4, 6]);
    // With A=1 the same text is packed tighter.
    let mut buf1 = Buffer::empty(buf.area);
    assert_eq!(
        put_str(
            &mut buf1,
            0,
            0,
            "“好”了",
            10,
            Default::default(),
            AmbiWidth::One
        ),
        6
    );
}

#[test]
fn resize_keeps_the_first_visible_character() {
    let mut a = app(80, 24);
    open(&mut a, "004");
    for _ in 0..5 {
        a.update(Action::PageDown);
    }
    let before = a.reader.as_ref().unwrap().top;
    let first_line = |a: &App| {
        let r = a.reader.as_ref().unwrap();
        let (p, row) = r.top_row();
        let l = r.page.lines(p);
        l.get(row).map(|l| (p, l.start, l.end))
    };
    let (p, start, end) = first_line(&a).unwrap();
    for (w, h) in [(50, 24), (33, 10), (120, 40), (80, 24)] {
        a.resize(w, h);
        let (p2, s2, e2) = first_line(&a).unwrap();
        assert_eq!(p2, p);
        // The old first char is still on the first line.
        assert!(
            s2 <= start && start < e2.max(s2 + 1),
            "{w}x{h}: {s2}..{e2} vs {start}..{end}"
        );
    }
    assert_eq!(a.reader.as_ref().unwrap().top, before);
}

#[test]
fn script_cycles_and_keys_do_nothing_at_the_ends() {
    let mut a = app(80, 24);
    open(&mut a, "004");
    assert!(
        !a.update(Action::PageUp),
        "already at the top: nothing to redraw"
    );
    assert!(a.update(Action::CycleScript));
    let s = screen(&a);
    assert!(s.contains("同志们"), "{s}");
    a.update(Action::CycleScript);
    assert!(screen(&a).contains("同志們"));
    a.update(Action::Bottom);
    assert!(!a.update(Action::PageDown), "already at the end");
    assert!(screen(&a).contains("100%"));
}

#[test]
fn a_popup_never_shows_half_a_wide_char_at_its_edge() {
    // ratatui#2526: a wide char just left of a popup spills into it.
    let area = ratatui::layout::Rect::new(0, 0, 12, 1);
    let mut buf = Buffer::empty(area);
    put_str(
        &mut buf,
        3,
        0,
        "中文",
        8,
        Default::default(),
        AmbiWidth::One,
    );
    let popup = ratatui::layout::Rect::new(4, 0, 6, 1);
    tifa::tui::widgets::clear_edges(&mut buf, popup);
    assert_eq!(buf[(3, 0)].symbol(), " ");
    assert_eq!(
        buf[(5, 0)].symbol(),
        "文",
        "cells inside are the popup's to draw"
    );
}

#[test]
fn list_filter_matches_titles_in_either_script_and_by_initials() {
    use tifa::config::Key;
    for query in ["鄉鎮集中", "jzxx"] {
        let mut a = app(80, 24);
        a.update(Action::Filter);
        for c in query.chars() {
            a.key(Key::parse(&c.to_string()).unwrap());
        }
        let first = a.list.rows[0];
        assert!(
            a.corpus.docs[first].id.starts_with("002"),
            "{query}: {:?}",
            a.list.rows
        );
    }
}
