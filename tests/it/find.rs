//! `/` in the reader: exact, script-insensitive, every match highlighted,
//! `n` / `N` move and wrap, the status line counts.

use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use ratatui::Terminal;
use tifa::config::Action;
use tifa::config::Key;
use tifa::corpus::Corpus;
use tifa::page::ViewOptions;
use tifa::text::width::AmbiWidth;
use tifa::tui::app::App;

fn reader(seed: &str) -> App {
    let mut o = ViewOptions::default();
    o.layout.ambi = AmbiWidth::One;
    let mut a = App::new(Corpus::builtin(), o, (80, 24));
    a.styles = tifa::tui::style::Styles::builtin("mono", tifa::config::theme::ColorDepth::Ansi16);
    let d = a
        .corpus
        .docs
        .iter()
        .position(|d| d.id.starts_with(seed))
        .unwrap();
    a.open(d);
    a
}

fn type_query(a: &mut App, q: &str) {
    a.update(Action::Search);
    for c in q.chars() {
        a.key(Key::parse(&c.to_string()).unwrap());
    }
}

fn count_in_source(a: &App, needle: &str) -> usize {
    let r = a.reader.as_ref().unwrap();
    a.corpus.docs[r.doc]
        .paragraphs
        .iter()
        .map(|p| p.text.matches(needle).count())
        .sum()
}

#[test]
fn simplified_query_finds_traditional_text() {
    let mut a = reader("004");
    type_query(&mut a, "党委");
    a.key(Key::parse("enter").unwrap());
    let f = a.find.as_ref().unwrap();
    assert_eq!(f.matches.len(), count_in_source(&a, "黨委"));
    assert!(f.matches.len() >= 2);
    assert_eq!(
        a.find_status().unwrap(),
        format!("/党委  1/{}", f.matches.len())
    );
}

#[test]
fn n_and_shift_n_walk_the_matches_and_wrap() {
    let mut a = reader("002");
    type_query(&mut a, "脱贫攻坚");
    a.key(Key::parse("enter").unwrap());
    let n = a.find.as_ref().unwrap().matches.len();
    assert_eq!(n, count_in_source(&a, "脱贫攻坚"));
    for i in 1..n {
        a.update(Action::SearchNext);
        assert_eq!(a.find.as_ref().unwrap().current, Some(i));
        let m = a.find.as_ref().unwrap().matches[i];
        let r = a.reader.as_ref().unwrap();
        // The match is on the top line.
        let (p, row) = r.top_row();
        let l = &r.page.lines(p)[row];
        assert_eq!(p, m.paragraph);
        assert!(l.start <= m.offset && m.offset < l.end);
    }
    a.update(Action::SearchNext);
    assert_eq!(
        a.find.as_ref().unwrap().current,
        Some(0),
        "wraps to the first"
    );
    assert!(a
        .message
        .as_deref()
        .unwrap()
        .contains("continuing at the top"));
    a.update(Action::SearchPrev);
    assert_eq!(
        a.find.as_ref().unwrap().current,
        Some(n - 1),
        "and back to the last"
    );
    // Each move was a jump.
    a.update(Action::JumpBack);
    assert_eq!(
        a.reader.as_ref().unwrap().top.paragraph,
        a.find.as_ref().unwrap().matches[0].paragraph
    );
}

#[test]
fn ascii_and_full_width_punctuation_find_each_other() {
    // Seed 002 writes `同志们:` with an ASCII colon; the reader shows `：`.
    let mut a = reader("002");
    type_query(&mut a, "同志们：");
    assert!(!a.find.as_ref().unwrap().matches.is_empty());
}

#[test]
fn escape_goes_back_and_matches_are_highlighted() {
    let mut a = reader("002");
    let before = a.reader.as_ref().unwrap().top;
    type_query(&mut a, "乡村振兴");
    assert_ne!(
        a.reader.as_ref().unwrap().top,
        before,
        "typing shows the first match"
    );
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| tifa::tui::draw::draw(&a, f)).unwrap();
    let buf = t.backend().buffer();
    let reversed: String = (0..23u16)
        .flat_map(|y| (0..80u16).map(move |x| (x, y)))
        .filter(|&p| buf[p].modifier.contains(Modifier::REVERSED))
        .map(|p| buf[p].symbol().to_string())
        .collect();
    assert!(reversed.contains("乡村振兴"), "{reversed}");
    a.key(Key::parse("esc").unwrap());
    assert_eq!(a.reader.as_ref().unwrap().top, before);
    assert!(a.find.is_none());
}

#[test]
fn nothing_found_says_so() {
    let mut a = reader("002");
    type_query(&mut a, "不存在的词语");
    a.key(Key::parse("enter").unwrap());
    assert!(a.message.as_deref().unwrap().contains("not found"));
}
