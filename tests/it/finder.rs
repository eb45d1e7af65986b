//! The slogan and sentence finders, driven through keys (no terminal): the
//! index arrives from a worker, queries are matched on the search worker,
//! Enter walks slogan → occurrences → reader, `n` follows the slogan across
//! documents.

use crate::common;

use std::time::{Duration, Instant};
use tifa::config::Action;
use tifa::config::Key;
use tifa::corpus::Corpus;
use tifa::page::ViewOptions;
use tifa::text::width::AmbiWidth;
use tifa::tui::app::{App, Screen};

fn app() -> App {
    let mut o = ViewOptions::default();
    o.layout.ambi = AmbiWidth::One;
    let mut a = App::new(Corpus::builtin(), o, (100, 30));
    a.styles = tifa::tui::style::Styles::builtin("mono", tifa::config::theme::ColorDepth::Ansi16);
    a
}

fn keys(a: &mut App, s: &str) {
    for c in s.chars() {
        a.key(Key::parse(&c.to_string()).unwrap());
    }
}

fn enter(a: &mut App) {
    a.key(Key::parse("enter").unwrap());
}

/// Let the workers run until `f` holds (bounded; not a timing assertion).
fn settle(a: &mut App, f: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !f(a) {
        a.tick();
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "workers never delivered"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn the_index_is_built_off_the_ui_thread_and_the_view_says_so() {
    let mut a = app();
    a.start_indexing();
    a.update(Action::Slogans);
    assert_eq!(a.screen, Screen::Finder);
    // Keys are handled at once, index or not.
    keys(&mut a, "四");
    settle(&mut a, |a| a.indexes.is_some());
    settle(&mut a, |a| !a.finder_rows().is_empty());
}

#[test]
fn pinyin_initials_find_a_slogan_and_enter_walks_to_the_text() {
    let mut a = app();
    a.index_now();
    a.update(Action::Slogans);
    keys(&mut a, "sgzx");
    settle(&mut a, |a| !a.finder_rows().is_empty());
    let ix = a.indexes.clone().unwrap();
    let first = a.finder_rows()[0];
    assert_eq!(ix.slogans.slogans[first].text, "四个自信");
    enter(&mut a); // the occurrences
    assert!(a.finder.as_ref().unwrap().occurrences.is_some());
    enter(&mut a); // the first one, in the reader
    assert_eq!(a.screen, Screen::Reader);
    let s = &ix.slogans.slogans[first];
    let seen_docs: Vec<usize> = (0..s.occurrences.len())
        .map(|k| {
            let o = s.occurrences[k];
            let r = a.reader.as_ref().unwrap();
            assert_eq!(r.doc, o.doc, "occurrence {k}");
            // The phrase is on the top line and marked as the current match.
            let (p, row) = r.top_row();
            let line = &r.page.lines(p)[row];
            assert_eq!(p, o.paragraph);
            assert!(line.start <= o.offset && o.offset < line.end);
            let f = a.find.as_ref().unwrap();
            let cur = f.matches[f.current.unwrap()];
            assert_eq!((cur.paragraph, cur.offset), (o.paragraph, o.offset));
            assert!(a.message.as_deref().unwrap().contains(&format!(
                "{}/{}",
                k + 1,
                s.occurrences.len()
            )));
            a.update(Action::SearchNext);
            o.doc
        })
        .collect();
    assert!(
        seen_docs.windows(2).any(|w| w[0] != w[1]),
        "n crosses documents"
    );
    // Esc goes back to the occurrence list.
    a.update(Action::Back);
    assert_eq!(a.screen, Screen::Finder);
}

#[test]
fn traditional_query_finds_simplified_sentences() {
    let mut a = app();
    a.index_now();
    a.update(Action::Sentences);
    keys(&mut a, "兩個維護");
    settle(&mut a, |a| !a.finder_rows().is_empty());
    enter(&mut a);
    assert_eq!(a.screen, Screen::Reader);
    let r = a.reader.as_ref().unwrap();
    let (p, _) = r.top_row();
    let text = &a.corpus.docs[r.doc].paragraphs[p].text;
    assert!(text.contains("两个维护"), "{text}");
}

#[test]
fn y_in_the_finder_copies_the_slogan_and_an_occurrence_with_citations() {
    let mut a = app();
    a.index_now();
    a.update(Action::Slogans);
    keys(&mut a, "sgzx");
    settle(&mut a, |a| !a.finder_rows().is_empty());
    // Letters are the query here: Ctrl-Y copies.
    a.key(Key::parse("ctrl-y").unwrap());
    let slogan = a.clipboard.take().expect("ctrl-y copies the slogan");
    let (phrase, cite) = slogan.split_once('\n').unwrap();
    assert_eq!(phrase, "四个自信");
    assert!(cite.starts_with("——《") && cite.contains("次"), "{cite}");
    // In the occurrence list `y` copies the sentence, cited.
    enter(&mut a);
    keys(&mut a, "y");
    let occ = a.clipboard.take().expect("y copies the occurrence");
    let (sentence, cite) = occ.split_once('\n').unwrap();
    assert!(sentence.contains("四个自信"), "{sentence}");
    assert!(sentence.chars().count() < 200, "a sentence, not a document");
    let ix = a.indexes.clone().unwrap();
    let first = ix
        .slogans
        .slogans
        .iter()
        .find(|s| s.text == "四个自信")
        .unwrap()
        .occurrences[0];
    assert!(cite.contains(&a.corpus.docs[first.doc].title), "{cite}");
}

/// Every sentence line shows the words looked for, however far into a
/// long sentence they are (lines used to show the sentence's start); and
/// with the display script switched, lines are shown in it (titles,
/// sections and the sentence), like the reader's text.
#[test]
fn sentence_lines_follow_the_display_script() {
    let mut a = app();
    a.index_now();
    a.opts.display = tifa::text::script::Display::Hant;
    a.update(Action::Sentences);
    // Exact, so every line holds the phrase.
    keys(&mut a, "'脱贫攻坚");
    settle(&mut a, |a| !a.finder_rows().is_empty());
    let s = common::screen(&a);
    let lines: Vec<&str> = s.lines().collect();
    // Between the query line and the status line.
    let rows: Vec<&str> = lines[2..lines.len() - 1]
        .iter()
        .copied()
        .filter(|r| !r.trim().is_empty())
        .collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(r.contains("脫貧攻堅"), "{r}\n{s}");
        assert!(!r.contains("脱贫攻坚"), "{r}");
    }
}

/// A reader opened from a finder, a second finder opened over it and
/// closed: Back goes to the list. (It went to the first finder, which the
/// second had replaced: a blank screen no key left, not even Q.)
#[test]
fn back_never_returns_to_a_closed_finder() {
    let mut a = app();
    a.index_now();
    a.update(Action::Slogans);
    keys(&mut a, "sgzx");
    settle(&mut a, |a| !a.finder_rows().is_empty());
    enter(&mut a);
    enter(&mut a);
    assert_eq!(a.screen, Screen::Reader);
    a.update(Action::Slogans);
    a.key(Key::parse("esc").unwrap());
    assert_eq!(a.screen, Screen::Reader);
    a.key(Key::parse("q").unwrap());
    assert_eq!(a.screen, Screen::List);
    a.key(Key::parse("Q").unwrap());
    assert!(a.quit, "Q quits");
}
