//! Themes: the built-ins, colour reduction to what the terminal shows,
//! mono's highlights without colour, user themes and broken files.

use proptest::prelude::*;
use tifa::config::theme::{choose, palette_rgb, Color, ColorDepth, Themes};
use tifa::tui::style::Styles;

const DEPTHS: [ColorDepth; 3] = [
    ColorDepth::Ansi16,
    ColorDepth::Indexed256,
    ColorDepth::TrueColor,
];

#[test]
fn the_five_builtin_themes_load() {
    let t = Themes::builtin();
    for name in [
        "default",
        "light",
        "solarized-dark",
        "high-contrast",
        "mono",
    ] {
        let theme = t.get(name).unwrap_or_else(|| panic!("theme {name}"));
        assert_eq!(theme.name, name);
    }
    assert!(t.errors.is_empty());
}

#[test]
fn every_highlight_differs_from_text_in_every_theme_at_every_depth() {
    let t = Themes::builtin();
    for name in &t.names {
        for depth in DEPTHS {
            let s = Styles::new(&t.get(name).unwrap(), depth);
            for (what, style) in [
                ("search", s.search),
                ("search_current", s.search_current),
                ("selection", s.selection),
                ("slogan", s.slogan),
                ("status", s.status),
                ("redaction", s.redaction),
            ] {
                assert_ne!(style, s.text, "{name} {depth:?}: {what} looks like text");
            }
            assert_ne!(s.search, s.search_current, "{name} {depth:?}");
        }
    }
}

#[test]
fn mono_has_no_colour_and_marks_highlights_by_attributes() {
    let mono = Themes::builtin().get("mono").unwrap();
    for (name, spec) in mono.elements() {
        assert!(!spec.has_colour(), "mono's {name} has a colour");
    }
    for spec in [
        mono.search,
        mono.search_current,
        mono.selection,
        mono.slogan,
        mono.redaction,
        mono.status,
        mono.current,
        mono.title,
        mono.heading1,
    ] {
        assert!(spec.marked_without_colour(), "{spec:?}");
    }
}

#[test]
fn no_color_means_mono_and_an_unknown_theme_means_default() {
    let t = Themes::builtin();
    assert_eq!(choose(&t, "light", true).0, "mono");
    assert_eq!(choose(&t, "light", false), ("light".to_string(), None));
    let (name, warning) = choose(&t, "nope", false);
    assert_eq!(name, "default");
    assert!(warning.unwrap().contains("\"nope\""));
}

#[test]
fn depth_comes_from_colorterm_then_term() {
    use ColorDepth::*;
    assert_eq!(
        ColorDepth::detect(Some("truecolor"), Some("xterm")),
        TrueColor
    );
    assert_eq!(ColorDepth::detect(Some("24bit"), None), TrueColor);
    assert_eq!(ColorDepth::detect(None, Some("xterm-256color")), Indexed256);
    assert_eq!(ColorDepth::detect(None, Some("tmux-256color")), Indexed256);
    assert_eq!(ColorDepth::detect(Some(""), Some("screen")), Ansi16);
    assert_eq!(ColorDepth::detect(None, Some("linux")), Ansi16);
    assert_eq!(ColorDepth::detect(None, None), Ansi16);
}

#[test]
fn colours_parse_in_three_notations() {
    assert_eq!(Color::parse("red"), Ok(Color::Ansi(1)));
    assert_eq!(Color::parse("bright-white"), Ok(Color::Ansi(15)));
    assert_eq!(Color::parse("Gray"), Ok(Color::Ansi(8)));
    assert_eq!(Color::parse("#002b36"), Ok(Color::Rgb(0, 0x2b, 0x36)));
    assert_eq!(Color::parse("208"), Ok(Color::Indexed(208)));
    assert!(Color::parse("#12345").is_err());
    assert!(Color::parse("reddish").is_err());
}

proptest! {
    #[test]
    fn reduction_gives_what_the_terminal_can_show(r: u8, g: u8, b: u8, i: u8) {
        for c in [Color::Rgb(r, g, b), Color::Indexed(i)] {
            prop_assert!(matches!(c.reduce(ColorDepth::Ansi16), Color::Ansi(_)));
            prop_assert!(matches!(
                c.reduce(ColorDepth::Indexed256),
                Color::Indexed(_) | Color::Ansi(_)
            ));
            prop_assert_eq!(c.reduce(ColorDepth::TrueColor), c);
        }
        // A palette colour given as RGB comes back as itself.
        if i >= 16 {
            let (r, g, b) = palette_rgb(i);
            prop_assert_eq!(Color::Rgb(r, g, b).reduce(ColorDepth::Indexed256), Color::Indexed(i));
        }
        // ANSI names are never changed.
        let a = Color::Ansi(i % 16);
        for d in DEPTHS {
            prop_assert_eq!(a.reduce(d), a);
        }
    }
}

#[test]
fn user_themes_add_override_and_inherit() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("paper.toml"),
        "inherits = \"light\"\n[search]\nfg = \"#000000\"\nbg = \"#ffff00\"\nbold = true\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("mono.toml"), "[search]\nunderline = true\n").unwrap();
    let t = Themes::load(Some(dir.path()));
    assert!(t.errors.is_empty(), "{:?}", t.errors);
    let paper = t.get("paper").unwrap();
    let light = t.get("light").unwrap();
    assert_eq!(paper.search.fg, Some(Color::Rgb(0, 0, 0)));
    assert_eq!(
        paper.heading1, light.heading1,
        "left out: from the theme it inherits"
    );
    // `mono` overridden by name; the cycle still has each name once.
    assert!(t.get("mono").unwrap().search.underline);
    assert_eq!(t.names.iter().filter(|n| *n == "mono").count(), 1);
    assert!(t.names.contains(&"paper".to_string()));
    // Cycling visits every theme and comes back.
    let mut name = "default".to_string();
    for _ in 0..t.names.len() {
        name = t.next_after(&name).to_string();
    }
    assert_eq!(name, "default");
}

#[test]
fn a_broken_theme_names_its_file_and_line_and_falls_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.toml"),
        "[text]\nfg = \"red\"\n\n[search]\nfg = \"purplish\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("typo.toml"), "[serach]\nbold = true\n").unwrap();
    let t = Themes::load(Some(dir.path()));
    assert_eq!(t.errors.len(), 2, "{:?}", t.errors);
    let broken = t
        .errors
        .iter()
        .find(|e| e.file.ends_with("broken.toml"))
        .unwrap();
    assert_eq!(broken.line, Some(5));
    assert!(broken.message.contains("purplish"), "{}", broken.message);
    let typo = t
        .errors
        .iter()
        .find(|e| e.file.ends_with("typo.toml"))
        .unwrap();
    assert_eq!(typo.line, Some(1));
    assert!(typo.to_string().contains("using the default theme"));
    // The name still works: it is the default theme.
    let b = t.get("broken").unwrap();
    let d = t.get("default").unwrap();
    assert_eq!(b.search, d.search);
    assert_eq!(b.text, d.text);
}
