//! Moving through numbered sections, driven through the app's actions (no
//! terminal): `]` `[` `}` `{`, `:` paths, the outline panel, the jump
//! history, on the seeds and on generated reports shaped like the real ones.

use crate::common;
use common::screen;

use tifa::config::Action;
use tifa::config::Key;
use tifa::corpus::Corpus;
use tifa::page::ViewOptions;
use tifa::text::width::AmbiWidth;
use tifa::tui::app::App;
use tifa::tui::reading::Anchor;

fn app_with(docs: Vec<tifa::corpus::Document>, w: u16, h: u16) -> App {
    let mut o = ViewOptions::default();
    o.layout.ambi = AmbiWidth::One;
    let corpus = Corpus {
        docs,
        ..Corpus::default()
    };
    let mut a = App::new(corpus, o, (w, h));
    a.styles = tifa::tui::style::Styles::builtin("mono", tifa::config::theme::ColorDepth::Ansi16);
    a.open(0);
    a
}

/// Seeds 002, 003, 004 and three generated report shapes.
fn documents() -> Vec<(String, tifa::corpus::Document)> {
    let mut v: Vec<(String, tifa::corpus::Document)> = Corpus::builtin()
        .docs
        .into_iter()
        .filter(|d| ["002", "003", "004"].iter().any(|p| d.id.starts_with(p)))
        .map(|d| (d.id.clone(), d))
        .collect();
    v.push((
        "bare".into(),
        common::load("bare", &common::bare_numerals()),
    ));
    v.push((
        "congress".into(),
        common::load("congress", &common::congress()),
    ));
    v.push((
        "nested".into(),
        common::load("nested", &common::nested_restart()),
    ));
    v
}

fn top(a: &App) -> Anchor {
    a.reader.as_ref().unwrap().top
}

fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        a.key(Key::parse(&c.to_string()).unwrap());
    }
    a.key(Key::parse("enter").unwrap());
}

#[test]
fn next_heading_visits_every_heading_in_order_and_back() {
    for (name, d) in documents() {
        let mut a = app_with(vec![d], 80, 24);
        let n = a.outlines[0].sections.len();
        assert!(n >= 4, "{name}: only {n} sections");
        let mut seen = Vec::new();
        while a.update(Action::NextHeading) && a.message.is_none() {
            let s = a.current_section().unwrap();
            assert_eq!(
                top(&a).paragraph,
                a.outlines[0].sections[s].paragraph,
                "{name}"
            );
            seen.push(s);
        }
        // A heading on the first paragraph is where we already are.
        let first = usize::from(a.outlines[0].sections[0].paragraph == 0);
        assert_eq!(seen, (first..n).collect::<Vec<_>>(), "{name}");
        let mut back = Vec::new();
        while a.update(Action::PrevHeading) && a.message.is_none() {
            back.push(a.current_section().unwrap());
        }
        back.insert(0, n - 1);
        back.pop(); // the last `[` goes from the first heading to nothing
        let mut want: Vec<usize> = (0..n).rev().collect();
        want.pop();
        if first == 1 {
            // From the second heading, `[` reaches the first (at the top).
            back.pop();
            want.pop();
        }
        assert_eq!(back, want, "{name}");
    }
}

#[test]
fn next_sibling_skips_children_and_stays_in_its_parent() {
    for (name, d) in documents() {
        let mut a = app_with(vec![d], 80, 24);
        let o = a.outlines[0].clone();
        let tops: Vec<usize> = o.children(None).collect();
        // From the top, `}` walks the top level only.
        a.update(Action::Top);
        let mut got = Vec::new();
        while a.update(Action::NextSibling) && a.message.is_none() {
            got.push(a.current_section().unwrap());
        }
        let tops_after: Vec<usize> = tops
            .iter()
            .copied()
            .filter(|&t| o.sections[t].paragraph > 0)
            .collect();
        assert_eq!(got, tops_after, "{name}");
        // Inside a parent, `}` stops at its last child.
        if let Some(&p) = tops.iter().find(|&&t| o.children(Some(t)).count() >= 2) {
            let kids: Vec<usize> = o.children(Some(p)).collect();
            a.jump_to_section(kids[0]);
            for &k in &kids[1..] {
                a.update(Action::NextSibling);
                assert_eq!(a.current_section(), Some(k), "{name}");
            }
            let before = top(&a);
            a.update(Action::NextSibling);
            assert_eq!(top(&a), before, "{name}: left the parent");
            assert!(a.message.is_some());
            a.update(Action::PrevSibling);
            assert_eq!(a.current_section(), Some(kids[kids.len() - 2]), "{name}");
        }
    }
}

#[test]
fn goto_by_number_lands_on_the_heading() {
    for (name, d) in documents() {
        let mut a = app_with(vec![d], 80, 24);
        let o = a.outlines[0].clone();
        for want in ["3.2", "2", "3"] {
            let Some(s) = o.find_path(want) else { continue };
            a.update(Action::GotoSection);
            typed(&mut a, want);
            assert_eq!(top(&a).paragraph, o.sections[s].paragraph, "{name} :{want}");
            assert_eq!(a.current_section(), Some(s));
        }
    }
    // Chinese numerals and brackets, as a reader types them.
    let d = common::load("congress", &common::congress());
    let mut a = app_with(vec![d], 80, 24);
    let o = a.outlines[0].clone();
    for t in ["三（二）", "三.二", "3 2", "3.2"] {
        a.update(Action::Top);
        a.update(Action::GotoSection);
        typed(&mut a, t);
        assert_eq!(o.sections[a.current_section().unwrap()].path, "3.2", "{t}");
    }
    // An unknown path says so and does not move.
    let before = top(&a);
    a.update(Action::GotoSection);
    typed(&mut a, "9.9");
    assert_eq!(top(&a), before);
    assert!(a.message.as_deref().unwrap().contains("9.9"));
}

#[test]
fn jump_history_returns_exactly() {
    for (name, d) in documents() {
        let mut a = app_with(vec![d], 80, 24);
        a.update(Action::PageDown);
        a.update(Action::LineDown);
        let mut trail = vec![top(&a)];
        for act in [
            Action::NextHeading,
            Action::Bottom,
            Action::Top,
            Action::NextSibling,
            Action::NextHeading,
        ] {
            a.update(act);
            trail.push(top(&a));
        }
        trail.dedup();
        // Ctrl-o walks back through every place, exactly.
        for want in trail.iter().rev().skip(1) {
            a.update(Action::JumpBack);
            assert_eq!(top(&a), *want, "{name}");
        }
        // Tab goes forward again.
        for want in trail.iter().skip(1) {
            a.update(Action::JumpForward);
            assert_eq!(top(&a), *want, "{name}");
        }
        // '' toggles between the last two places.
        let here = top(&a);
        a.update(Action::NextHeading);
        let there = top(&a);
        a.key(Key::parse("'").unwrap());
        a.key(Key::parse("'").unwrap());
        assert_eq!(top(&a), here, "{name}");
        a.key(Key::parse("'").unwrap());
        a.key(Key::parse("'").unwrap());
        assert_eq!(top(&a), there, "{name}");
    }
}

#[test]
fn outline_panel_filters_and_jumps() {
    let d = common::load("congress", &common::congress());
    let mut a = app_with(vec![d], 120, 30);
    a.update(Action::Outline);
    assert!(a.side_panel());
    // Filter to （二） of 三 and jump there.
    a.key(Key::parse("/").unwrap());
    for c in "发展战略的第1".chars() {
        a.key(Key::parse(&c.to_string()).unwrap());
    }
    a.key(Key::parse("enter").unwrap());
    assert_eq!(a.panel.as_ref().unwrap().rows.len(), 1);
    a.key(Key::parse("enter").unwrap());
    let s = a.current_section().unwrap();
    assert_eq!(a.outlines[0].sections[s].path, "3.2");
    // The side panel stays, the keys go back to the text.
    assert!(a.panel.is_some());
    assert!(!a.panel.as_ref().unwrap().focused);
    a.update(Action::JumpBack);
    assert_eq!(top(&a).paragraph, 0);
}

#[test]
fn outline_panel_and_overlay_snapshots() {
    let seed = |id: &str| {
        Corpus::builtin()
            .docs
            .into_iter()
            .find(|d| d.id.starts_with(id))
            .unwrap()
    };
    let mut a = app_with(vec![seed("002")], 120, 30);
    a.update(Action::NextSibling);
    a.update(Action::NextSibling);
    a.update(Action::Outline);
    insta::assert_snapshot!("outline_panel_120x30", screen(&a));
    let mut a = app_with(vec![seed("004")], 60, 20);
    a.update(Action::Outline);
    a.key(Key::parse("j").unwrap());
    insta::assert_snapshot!("outline_overlay_60x20", screen(&a));
}

#[test]
fn sticky_heading_stays_while_its_section_scrolls() {
    let d = common::load("congress", &common::congress());
    let mut a = app_with(vec![d], 60, 12);
    a.update(Action::GotoSection);
    typed(&mut a, "1");
    a.update(Action::LineDown);
    a.update(Action::LineDown);
    let s = screen(&a);
    assert!(
        s.lines().next().unwrap().starts_with("一、历史性成就"),
        "{s}"
    );
}

/// Titles, section titles and breadcrumbs are shown as the text is: in
/// the display script, with the document's ASCII punctuation restored
/// (the outline panel used to show `,` and the Simplified title beside a
/// text shown `，` and Traditional).
#[test]
fn titles_follow_the_texts_script_and_punctuation() {
    use tifa::text::script::to_hant;
    let text = "关于加强党的建设,推进乡村振兴的报告\n\n\
                一、加强党的领导,发展集体经济\n\n\
                我们要坚持党的领导,发展集体经济,推进乡村振兴。\n\n\
                二、严格组织纪律,建设过硬队伍\n\n\
                纪律严明,队伍过硬,事业发展。\n";
    let mut a = app_with(vec![common::load("t", text)], 120, 30);
    let heading = "一、加强党的领导，发展集体经济";
    let title = "关于加强党的建设，推进乡村振兴的报告";
    a.update(Action::Outline);
    let s = screen(&a);
    assert!(s.contains(&format!(" {heading} ")), "{s}");
    assert!(!s.contains("领导,"), "{s}");
    // Traditional: original → 简 → 繁.
    a.update(Action::CycleScript);
    a.update(Action::CycleScript);
    let s = screen(&a);
    let panel_line = s.lines().find(|l| l.contains("一、")).unwrap();
    assert!(
        panel_line.starts_with(&format!(" {} ", to_hant(heading))),
        "{s}"
    );
    let status = s.lines().last().unwrap();
    assert!(status.contains(&to_hant(title)), "{status}");
    assert!(!s.contains("党"), "no Simplified left:\n{s}");
    a.update(Action::Back);
    a.update(Action::Back);
    let s = screen(&a);
    assert!(s.contains(&to_hant(title)), "the list:\n{s}");
}
