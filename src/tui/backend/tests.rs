//! The backend against a terminal emulator (vt100): every frame shows as
//! drawn, also where a terminal disagrees on uncertain widths; and the
//! shortest encodings, and the bytes it saves on Han text.

use super::escape::{color_params, cursor_move, sgr, Pen};
use super::*;
use crate::text::width::AmbiWidth;
use crate::tui::draw::put_str;
use proptest::prelude::*;
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use ratatui::style::Style;
use ratatui::Terminal;

fn mv(from: Option<(u16, u16)>, to: (u16, u16)) -> String {
    let mut out = Vec::new();
    cursor_move(from, to, 80, &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn moves_are_the_shortest_that_are_safe() {
    assert_eq!(mv(None, (0, 0)), "\x1b[H");
    assert_eq!(mv(None, (0, 4)), "\x1b[5H");
    assert_eq!(mv(None, (9, 4)), "\x1b[5;10H");
    assert_eq!(mv(Some((5, 2)), (6, 2)), "\x1b[C");
    assert_eq!(mv(Some((5, 2)), (7, 2)).len(), 4);
    assert_eq!(mv(Some((9, 2)), (7, 2)), "\x08\x08");
    assert_eq!(mv(Some((30, 2)), (0, 3)), "\r\n");
    assert!(mv(Some((30, 12)), (4, 13)).starts_with("\r\n\x1b["));
    assert_eq!(mv(Some((30, 12)), (4, 13)).len(), 6);
    assert_eq!(mv(Some((30, 20)), (30, 2)), "\x1b[18A");
    // After the last column the terminal waits to wrap: relative
    // moves along the row would be off by one on some terminals.
    assert_eq!(mv(Some((80, 2)), (0, 3)), "\r\n");
    assert_eq!(mv(Some((80, 2)), (78, 2)), "\x1b[79G");
}

fn pen(fg: Color, modifier: Modifier) -> Pen {
    Pen {
        fg,
        modifier,
        ..Pen::DEFAULT
    }
}

fn sgr_str(from: Option<Pen>, to: Pen) -> String {
    let mut out = Vec::new();
    sgr(from, to, &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn attributes_change_in_one_sequence_the_short_way() {
    let bold = Modifier::BOLD;
    assert_eq!(sgr_str(None, Pen::DEFAULT), "\x1b[m");
    assert_eq!(sgr_str(None, pen(Color::Cyan, bold)), "\x1b[0;1;38;5;6m");
    assert_eq!(
        sgr_str(Some(pen(Color::Cyan, bold)), Pen::DEFAULT),
        "\x1b[m"
    );
    assert_eq!(
        sgr_str(Some(Pen::DEFAULT), pen(Color::Reset, Modifier::UNDERLINED)),
        "\x1b[4m"
    );
    // Turning dim off turns bold off too: put bold back.
    assert_eq!(
        sgr_str(
            Some(pen(Color::Red, bold | Modifier::DIM)),
            pen(Color::Red, bold)
        ),
        "\x1b[22;1m"
    );
}

#[test]
fn sure_widths() {
    for s in ["a", "~", "é", "中", "，", "。", "　", "가", "ア"] {
        assert!(sure_width(&Cell::new(s)), "{s}");
    }
    // Ambiguous, emoji, control pictures, combining, soft hyphen,
    // recent Han (Unicode 13).
    for s in [
        "“", "…", "—", "·", "①", "😀", "␛", "e\u{301}", "\u{ad}", "\u{9ff0}",
    ] {
        assert!(!sure_width(&Cell::new(s)), "{s}");
    }
    let mut forced = Cell::new("“");
    forced.set_diff_option(CellDiffOption::ForcedWidth(
        std::num::NonZeroU16::new(2).unwrap(),
    ));
    assert!(!sure_width(&forced));
}

pub(super) fn backend(w: u16, h: u16) -> Terminal<ByteBackend<Vec<u8>>> {
    Terminal::new(ByteBackend::with_size(Vec::new(), w, h)).unwrap()
}

pub(super) fn take(t: &mut Terminal<ByteBackend<Vec<u8>>>) -> String {
    String::from_utf8(std::mem::take(t.backend_mut().writer_mut())).unwrap()
}

#[test]
fn no_move_after_han_an_explicit_one_after_ambiguous() {
    let mut t = backend(20, 2);
    t.draw(|f| {
        put_str(
            f.buffer_mut(),
            0,
            0,
            "中文“引号”后",
            20,
            Style::default(),
            AmbiWidth::One,
        );
    })
    .unwrap();
    let out = take(&mut t);
    assert!(out.contains("中文“"), "{out:?}");
    // After “ and ”, the next cell is placed outright: the column set,
    // on a row no width can have left.
    assert!(out.contains("“\x1b[6G引号”\x1b[11G后"), "{out:?}");
    // A frame with nothing new writes nothing at all.
    t.draw(|f| {
        put_str(
            f.buffer_mut(),
            0,
            0,
            "中文“引号”后",
            20,
            Style::default(),
            AmbiWidth::One,
        );
    })
    .unwrap();
    assert_eq!(take(&mut t), "");
}

#[test]
fn a_full_clear_forgets_what_it_knew() {
    let mut t = backend(10, 2);
    t.draw(|f| {
        put_str(
            f.buffer_mut(),
            0,
            0,
            "ab",
            10,
            Style::default(),
            AmbiWidth::One,
        );
    })
    .unwrap();
    t.clear().unwrap();
    take(&mut t);
    t.draw(|f| {
        put_str(
            f.buffer_mut(),
            0,
            0,
            "ab",
            10,
            Style::default(),
            AmbiWidth::One,
        );
    })
    .unwrap();
    // The clear put the cursor back where it was (2, 0), and the cursor
    // is hidden again: it may have been shown behind our back.
    assert_eq!(take(&mut t), "\x1b[?2026h\rab\x1b[?25l\x1b[?2026l");
}

// ---- against a terminal emulator ----

pub(super) fn vt_color(c: Color) -> vt100::Color {
    let mut params = Vec::new();
    color_params(38, c, &mut params);
    let p = String::from_utf8(params).unwrap();
    let nums: Vec<u8> = p.split(';').skip(1).map(|n| n.parse().unwrap()).collect();
    match nums.as_slice() {
        [] => vt100::Color::Default,
        [5, i] => vt100::Color::Idx(*i),
        [2, r, g, b] => vt100::Color::Rgb(*r, *g, *b),
        _ => unreachable!(),
    }
}

/// The terminal shows `buf`: every character where the buffer has it,
/// with its colours and attributes. The cells a forced-wide
/// (ambiguous, A=2) character covers are not checked: vt100 draws such
/// characters one cell wide, a terminal in A=2 two.
pub(super) fn assert_shows(screen: &vt100::Screen, buf: &Buffer) -> Result<(), TestCaseError> {
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let vt = screen.cell(y, x).unwrap();
            let shown = if vt.contents().is_empty() {
                " "
            } else {
                vt.contents()
            };
            let at = format!("at ({x}, {y})\n{}", screen.contents());
            prop_assert_eq!(shown, cell.symbol(), "{}", at);
            prop_assert_eq!(vt.fgcolor(), vt_color(cell.fg), "fg {}", at);
            prop_assert_eq!(vt.bgcolor(), vt_color(cell.bg), "bg {}", at);
            let m = cell.modifier;
            // vt100 keeps one intensity (bold or dim), terminals both.
            if !m.contains(Modifier::BOLD | Modifier::DIM) {
                prop_assert_eq!(vt.bold(), m.contains(Modifier::BOLD), "bold {}", at);
                prop_assert_eq!(vt.dim(), m.contains(Modifier::DIM), "dim {}", at);
            }
            prop_assert_eq!(vt.italic(), m.contains(Modifier::ITALIC), "italic {}", at);
            prop_assert_eq!(
                vt.underline(),
                m.contains(Modifier::UNDERLINED),
                "ul {}",
                at
            );
            prop_assert_eq!(vt.inverse(), m.contains(Modifier::REVERSED), "rev {}", at);
            x += cell.cell_width().max(1);
        }
    }
    Ok(())
}

pub(super) const PIECES: &[&str] = &[
    "a", "Zq", " ", "   ", "中", "文字", "，", "。", "　", "“", "”", "…", "—", "·", "①",
    "e\u{301}", "😀", "␛", "〔*〕", "2019", "é", "\u{9ff0}",
];

pub(super) fn styles() -> Vec<Style> {
    vec![
        Style::default(),
        Style::default()
            .add_modifier(Modifier::BOLD)
            .fg(Color::Cyan),
        Style::default().add_modifier(Modifier::DIM),
        Style::default()
            .fg(Color::Magenta)
            .add_modifier(Modifier::UNDERLINED),
        Style::default().add_modifier(Modifier::REVERSED),
        Style::default().bg(Color::Yellow).fg(Color::Black),
        Style::default()
            .fg(Color::Rgb(10, 200, 30))
            .add_modifier(Modifier::ITALIC | Modifier::BOLD),
        Style::default().bg(Color::Indexed(236)),
    ]
}

/// One put_str: where, what, which style, and whether to fill the row
/// with that style first (as status lines and selections are).
type Op = (u16, u16, String, usize, bool);

fn op() -> impl Strategy<Value = Op> {
    (
        0u16..40,
        0u16..6,
        prop::collection::vec(prop::sample::select(PIECES), 1..12).prop_map(|v| v.concat()),
        0..8usize,
        prop::bool::weighted(0.15),
    )
}

/// Frames, each maybe after a full clear.
fn frames() -> impl Strategy<Value = Vec<(bool, Vec<Op>)>> {
    prop::collection::vec(
        (
            prop::bool::weighted(0.1),
            prop::collection::vec(op(), 0..10),
        ),
        1..6,
    )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 1000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Whatever ratatui asks for, frame after frame, the terminal ends
    /// up showing exactly the buffer.
    #[test]
    fn a_terminal_shows_every_frame_as_drawn(
        w in 4u16..40,
        h in 1u16..6,
        two in any::<bool>(),
        frames in frames(),
    ) {
        shows_every_frame(w, h, two, &frames)?;
    }

    /// On a terminal that draws uncertain characters wider or narrower
    /// than ratatui thinks, every other character is still in its
    /// place (text is kept off the last column here, where such a
    /// terminal would wrap and scroll).
    #[test]
    fn width_disagreements_never_shift_other_characters(
        w in 4u16..40,
        h in 1u16..6,
        frames in frames(),
    ) {
        let styles = styles();
        let mut t = backend(w, h);
        let mut vt = vt100::Parser::new(
            std::num::NonZeroU16::new(h).unwrap(),
            std::num::NonZeroU16::new(w).unwrap(),
            0,
        );
        for (clear, ops) in &frames {
            if *clear {
                t.clear().unwrap();
            }
            let done = t.draw(|f| {
                let buf = f.buffer_mut();
                for (x, y, s, st, _) in ops {
                    if *x + 1 < w && *y < h {
                        let max = (w - x - 1) as usize;
                        put_str(buf, *x, *y, s, max, styles[*st], AmbiWidth::One);
                    }
                }
            })
            .unwrap();
            let buf = done.buffer.clone();
            vt.process(&disagree(&std::mem::take(t.backend_mut().writer_mut())));
            let screen = vt.screen();
            for y in 0..h {
                let mut x = 0;
                while x < w {
                    let cell = &buf[(x, y)];
                    if sure_width(cell) && cell.symbol() != " " {
                        let shown = screen.cell(y, x).unwrap().contents();
                        prop_assert_eq!(
                            shown,
                            cell.symbol(),
                            "at ({}, {})\n{}",
                            x,
                            y,
                            screen.contents()
                        );
                    }
                    x += cell.cell_width().max(1);
                }
            }
        }
    }

    /// Whatever is written where, the buffer stays as ratatui's diff
    /// assumes: the cells a wide character covers are blank. (A cell
    /// written under a wide character's right half used to stay there,
    /// hidden in the buffer and never shown, and wrong once the wide
    /// character went away.)
    #[test]
    fn writing_keeps_the_buffer_well_formed(
        w in 4u16..40,
        h in 1u16..6,
        two in any::<bool>(),
        ops in prop::collection::vec(op(), 0..16),
    ) {
        let ambi = if two { AmbiWidth::Two } else { AmbiWidth::One };
        let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, w, h));
        write_ops(&mut buf, &ops, ambi);
        for y in 0..h {
            for x in 0..w {
                let cw = buf[(x, y)].cell_width();
                for k in 1..cw.min(w - x) {
                    prop_assert_eq!(
                        buf[(x + k, y)].symbol(),
                        " ",
                        "{:?} at ({}, {}) covers ({}, {})",
                        buf[(x, y)].symbol(),
                        x,
                        y,
                        x + k,
                        y
                    );
                }
            }
        }
    }
}

/// The ops as a screen writes them: each put_str cut at the right edge,
/// after filling its row when asked.
fn write_ops(buf: &mut Buffer, ops: &[Op], ambi: AmbiWidth) {
    let styles = styles();
    let area = buf.area;
    for (x, y, s, st, fill) in ops {
        if *x < area.width && *y < area.height {
            if *fill {
                crate::tui::draw::fill(buf, area, *y, styles[*st]);
            }
            put_str(buf, *x, *y, s, (area.width - x) as usize, styles[*st], ambi);
        }
    }
}

/// Draws `frames` through the backend into vt100 and checks after each
/// that the terminal shows the buffer.
fn shows_every_frame(
    w: u16,
    h: u16,
    two: bool,
    frames: &[(bool, Vec<Op>)],
) -> Result<(), TestCaseError> {
    let ambi = if two { AmbiWidth::Two } else { AmbiWidth::One };
    let mut t = backend(w, h);
    let mut vt = vt100::Parser::new(
        std::num::NonZeroU16::new(h).unwrap(),
        std::num::NonZeroU16::new(w).unwrap(),
        0,
    );
    for (clear, ops) in frames {
        if *clear {
            t.clear().unwrap();
        }
        let done = t.draw(|f| write_ops(f.buffer_mut(), ops, ambi)).unwrap();
        let buf = done.buffer.clone();
        vt.process(&std::mem::take(t.backend_mut().writer_mut()));
        assert_shows(vt.screen(), &buf)?;
    }
    Ok(())
}

/// Found by the property test in CI: a wide character whose second cell
/// was overwritten (中 at 23, — at 24), then replaced so that the
/// unchanged — is left standing alone.
#[test]
fn a_narrow_char_over_the_second_half_of_a_wide_one() {
    let op = |x: u16, s: &str| (x, 1, s.to_string(), 0, false);
    let frames = vec![
        (false, vec![op(8, " “中2019文字“““中"), op(24, "—")]),
        (false, vec![op(10, "“2019   中““中—")]),
    ];
    shows_every_frame(25, 2, false, &frames).unwrap();
}

/// A terminal that disagrees with ratatui on uncertain widths: it draws
/// ambiguous characters and control pictures two cells wide, emoji one.
pub(super) fn disagree(bytes: &[u8]) -> Vec<u8> {
    let s = String::from_utf8(bytes.to_vec()).unwrap();
    s.chars()
        .map(|c| match c {
            '“' | '”' | '…' | '—' | '·' | '①' | '␛' => "Ｗ".to_string(),
            '😀' => "e".to_string(),
            c => c.to_string(),
        })
        .collect::<String>()
        .into_bytes()
}

/// The reader's frames for `keys` page-downs through seed 002, through
/// a backend writing into a Vec: the bytes of each frame.
fn reader_bytes<B: Backend>(mut t: Terminal<B>, out: impl Fn(&mut Terminal<B>) -> usize) -> usize
where
    B::Error: std::fmt::Debug,
{
    use crate::tui::action::Action;
    let mut app = crate::tui::app::App::new(
        crate::corpus::Corpus::builtin(),
        crate::page::ViewOptions::default(),
        (80, 24),
    );
    app.styles =
        crate::tui::style::Styles::builtin("default", crate::tui::theme::ColorDepth::Indexed256);
    let d = app
        .corpus
        .docs
        .iter()
        .position(|d| d.id.starts_with("002"))
        .unwrap();
    app.open(d);
    let mut total = 0;
    for _ in 0..6 {
        t.draw(|f| crate::tui::draw::draw(&app, f)).unwrap();
        total += out(&mut t);
        app.update(Action::PageDown);
    }
    total
}

#[test]
fn han_pages_cost_under_half_the_crossterm_backend() {
    let ours = reader_bytes(backend(80, 24), |t| {
        std::mem::take(t.backend_mut().writer_mut()).len()
    });
    // ratatui's crossterm backend hides its writer; share one.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let sink = Shared::default();
    let theirs = reader_bytes(
        Terminal::with_options(
            CrosstermBackend::new(sink.clone()),
            ratatui::TerminalOptions {
                viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 80, 24)),
            },
        )
        .unwrap(),
        |_| std::mem::take(&mut *sink.0.borrow_mut()).len(),
    );
    assert!(ours * 2 < theirs, "ours {ours}, crossterm {theirs}");
}
