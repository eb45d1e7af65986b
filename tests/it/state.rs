//! The reader with saved state: reopening where it was left (at another
//! width too), bookmarks, the same text under another name, and `y`.

use crate::common;
use common::screen;
use std::path::Path;
use tifa::config::Action;
use tifa::config::Key;
use tifa::corpus::Corpus;
use tifa::page::ViewOptions;
use tifa::store::Store;
use tifa::text::width::AmbiWidth;
use tifa::tui::app::{App, Screen};

fn app_with(corpus: Corpus, state: &Path, w: u16, h: u16) -> App {
    let mut o = ViewOptions::default();
    o.layout.ambi = AmbiWidth::One;
    o.layout.width = w as usize;
    let mut a = App::new(corpus, o, (w, h));
    a.styles = tifa::tui::style::Styles::builtin("mono", tifa::config::theme::ColorDepth::Ansi16);
    a.set_store(Store::open(state));
    a
}

fn press(a: &mut App, keys: &str) {
    for k in keys.split(' ') {
        a.key(Key::parse(k).unwrap());
    }
}

fn seed(a: &App, prefix: &str) -> usize {
    a.corpus
        .docs
        .iter()
        .position(|d| d.id.starts_with(prefix))
        .unwrap()
}

/// The char at the reader's top, as (paragraph, offset) into the source.
fn top_char(a: &App) -> (usize, Option<usize>) {
    let r = a.reader.as_ref().unwrap();
    (r.top.paragraph, r.top.offset)
}

#[test]
fn a_document_reopens_where_it_was_left_at_any_width() {
    let state = tempfile::tempdir().unwrap();
    let mut a = app_with(Corpus::builtin(), state.path(), 80, 24);
    let d = seed(&a, "002");
    a.open(d);
    for _ in 0..5 {
        a.update(Action::PageDown);
    }
    a.update(Action::LineDown);
    let left = top_char(&a);
    assert!(left.0 > 0);
    a.update(Action::Back); // to the list: written now
    assert_eq!(a.screen, Screen::List);

    // Another process, a narrower terminal: the line at the top holds the
    // same char.
    let mut b = app_with(Corpus::builtin(), state.path(), 50, 20);
    assert_eq!(
        b.list.rows[b.list.selected], d,
        "the last document read is selected"
    );
    b.open(d);
    let r = b.reader.as_ref().unwrap();
    let (p, o) = top_char(&b);
    assert_eq!(p, left.0);
    match (o, left.1) {
        (Some(o), Some(l)) => {
            let line = &r.page.lines(p)[r.page.row_of(p, o)];
            assert!(
                line.start <= l && l < line.end.max(line.start + 1),
                "{line:?} {left:?}"
            );
        }
        (o, l) => assert_eq!(o, l),
    }
    assert!(b.message.as_deref().unwrap_or("").contains("left off"));
    // And the list says how far it was read.
    assert!(b.read_percent(d).unwrap() > 0);
}

#[test]
fn the_same_text_under_another_name_keeps_its_place() {
    let state = tempfile::tempdir().unwrap();
    let text = Corpus::builtin().docs[0]
        .paragraphs
        .iter()
        .map(|p| p.text.clone())
        .collect::<Vec<_>>()
        .join("\n");
    let mut c1 = Corpus::default();
    c1.add_bytes(Path::new("/a/speech.txt"), text.as_bytes());
    let mut a = app_with(c1, state.path(), 80, 24);
    a.open(0);
    a.update(Action::PageDown);
    a.update(Action::PageDown);
    let left = top_char(&a);
    a.save_state();

    let mut c2 = Corpus::default();
    c2.add_bytes(Path::new("/elsewhere/renamed.txt"), text.as_bytes());
    let mut b = app_with(c2, state.path(), 80, 24);
    b.open(0);
    assert_eq!(top_char(&b), left);
}

/// The bookmark names on disk, as another process would read them.
fn bookmark_names(state: &Path, key: &str) -> Vec<String> {
    Store::open(state)
        .doc(key)
        .map(|d| d.bookmarks.iter().map(|b| b.name.clone()).collect())
        .unwrap_or_default()
}

#[test]
fn bookmarks_are_added_listed_jumped_to_and_deleted() {
    let state = tempfile::tempdir().unwrap();
    let mut a = app_with(Corpus::builtin(), state.path(), 80, 24);
    let d = seed(&a, "002");
    a.open(d);
    press(&mut a, "pagedown pagedown m");
    assert!(a.naming.is_some(), "m asks for a name");
    press(&mut a, "甲 enter");
    let marked = top_char(&a);
    // At the end, with the default name; written at once, so another
    // process sees both.
    press(&mut a, "G m enter");
    let key = a.doc_key(d);
    let names = bookmark_names(state.path(), &key);
    assert_eq!(names.len(), 2);
    assert_eq!(names[0], "甲");
    assert!(!names[1].is_empty(), "a default name");

    press(&mut a, "'");
    assert!(a.bookmarks.is_some());
    let s = screen(&a);
    assert!(s.contains("书签 · 2") && s.contains("甲"), "{s}");
    press(&mut a, "enter");
    assert_eq!(top_char(&a), marked);
    assert!(a.bookmarks.is_none());
    // '' goes back to before that jump.
    press(&mut a, "' '");
    assert_ne!(top_char(&a), marked);
    // d deletes the selected (first) one.
    press(&mut a, "' d esc");
    let names = bookmark_names(state.path(), &key);
    assert_eq!(names.len(), 1);
    assert_ne!(names[0], "甲");
}

#[test]
fn y_copies_the_paragraph_with_its_source_in_the_display_script() {
    let state = tempfile::tempdir().unwrap();
    let mut a = app_with(Corpus::builtin(), state.path(), 80, 24);
    let d = seed(&a, "004"); // a Traditional document
    a.open(d);
    press(&mut a, "pagedown y");
    let copied = a.clipboard.take().expect("y queues a copy");
    let r = a.reader.as_ref().unwrap();
    let p = r.top.paragraph;
    let para = a.corpus.docs[d].paragraphs[p].text.trim().to_string();
    let (body, cite) = copied.rsplit_once('\n').unwrap();
    assert_eq!(body, para, "the source text, in the source script");
    assert!(
        cite.starts_with("——《") && cite.contains(&a.corpus.docs[d].title),
        "{cite}"
    );
    // Switched to Simplified: copied in Simplified.
    while a.opts.display != tifa::text::script::Display::Hans {
        press(&mut a, "t");
    }
    press(&mut a, "y");
    let copied = a.clipboard.take().unwrap();
    assert!(copied.starts_with(&tifa::text::script::to_hans(&para)));
    assert_ne!(
        tifa::text::script::to_hans(&para),
        para,
        "the paragraph has Traditional chars"
    );
}

#[test]
fn t_cycles_themes() {
    let state = tempfile::tempdir().unwrap();
    let mut a = app_with(Corpus::builtin(), state.path(), 80, 24);
    let first = a.styles.theme.clone();
    let mut seen = vec![first.clone()];
    for _ in 0..a.themes.names.len() {
        press(&mut a, "T");
        seen.push(a.styles.theme.clone());
    }
    // NO_COLOR may be set where tests run: then T stays on mono and says so.
    if tifa::tui::style::no_color() {
        assert!(seen.iter().all(|t| *t == first));
    } else {
        assert_eq!(seen.last(), Some(&first), "back to the start");
        let distinct: std::collections::BTreeSet<_> = seen.iter().collect();
        assert_eq!(distinct.len(), a.themes.names.len());
    }
}

#[test]
fn help_scrolls_when_the_bindings_do_not_fit() {
    let state = tempfile::tempdir().unwrap();
    let mut a = app_with(Corpus::builtin(), state.path(), 80, 16);
    a.open(0);
    press(&mut a, "?");
    let first = screen(&a);
    assert!(first.contains("j/k scroll"), "{first}");
    // The reader's last binding is off screen, then scrolled into view.
    let reader = tifa::config::View::Reader;
    let last_help = tifa::config::Action::ALL
        .iter()
        .rev()
        .find(|&&x| !a.keymap.keys_for(reader, x).is_empty())
        .unwrap()
        .help();
    assert!(!first.contains(last_help));
    for _ in 0..40 {
        press(&mut a, "j");
    }
    let end = screen(&a);
    assert!(end.contains(last_help), "{end}");
    assert!(a.help);
    press(&mut a, "x");
    assert!(!a.help, "another key closes help");
}
