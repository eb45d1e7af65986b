//! Scrolling by the terminal, against vt100: after any sequence of line
//! moves, jumps, resizes and overlays the terminal shows the frame, cell
//! for cell as a full redraw of it on a fresh terminal does; where the
//! terminal disagrees on uncertain widths, the other characters stay in
//! place; and a line move costs about one line of text.

use super::tests::{assert_shows, backend, disagree, styles, take, PIECES};
use super::*;
use crate::text::width::AmbiWidth;
use crate::tui::draw::{clear_edges, fill, put_str};
use proptest::prelude::*;
use ratatui::style::Modifier;
use std::num::NonZeroU16;

/// A reader-like screen over `lines`: the body from line `top`, a pinned
/// heading on the first row, a status line on the last, and maybe a box
/// over the middle (help, the finder).
#[derive(Clone, Debug)]
struct View {
    top: usize,
    heading: bool,
    overlay: bool,
    /// Keep text off the last column (for a terminal that draws
    /// uncertain characters wider and would wrap there).
    margin: u16,
}

#[derive(Clone, Debug)]
enum Step {
    /// Move the body by n lines (down when positive).
    Scroll(i8),
    Jump(usize),
    Resize(u16, u16),
    Overlay,
    Heading,
}

/// (text, style index, fill the row with the style first)
type Line = (String, usize, bool);

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

fn draw_view(buf: &mut Buffer, lines: &[Line], v: &View, ambi: AmbiWidth) {
    let styles = styles();
    let area = buf.area;
    let (w, h) = (area.width, area.height);
    let max = w.saturating_sub(v.margin) as usize;
    let status = h >= 3;
    let body_end = if status { h - 1 } else { h };
    for y in 0..body_end {
        let Some((text, st, filled)) = lines.get(v.top + y as usize) else {
            break;
        };
        if *filled {
            fill(buf, area, y, styles[*st]);
        }
        put_str(buf, 0, y, text, max, styles[*st], ambi);
    }
    if v.heading && h >= 3 {
        let style = styles[1].add_modifier(Modifier::UNDERLINED);
        fill(buf, area, 0, style);
        put_str(buf, 0, 0, "一、总体要求“当前”", max, style, ambi);
    }
    if status {
        let style = styles[4];
        fill(buf, area, h - 1, style);
        let s = format!("第{}行 共{}行 {}%", v.top, lines.len(), v.top * 100 / 40);
        put_str(buf, 0, h - 1, &s, max, style, ambi);
    }
    if v.overlay && w >= 8 && h >= 4 {
        let r = Rect::new(w / 4, h / 4, w / 2, h / 2);
        clear_edges(buf, r);
        for y in r.top()..r.bottom() {
            for x in r.left()..r.right() {
                buf[(x, y)].reset();
                buf[(x, y)].set_style(styles[5]);
            }
            put_str(
                buf,
                r.left(),
                y,
                "帮助 ? 键“j”",
                r.width as usize,
                styles[5],
                ambi,
            );
        }
    }
}

/// Every visible cell of two terminals is the same: text, colours,
/// attributes. Cells a forced-wide (A=2) character covers are left out:
/// vt100 draws it one cell wide, so what stays beside it is not on a real
/// terminal's screen.
fn same_screen(a: &vt100::Screen, b: &vt100::Screen, buf: &Buffer) -> Result<(), TestCaseError> {
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let (ca, cb) = (a.cell(y, x).unwrap(), b.cell(y, x).unwrap());
            let at = || format!("at ({x}, {y})\n{}\n----\n{}", a.contents(), b.contents());
            // A cell never written and one written with a space look alike.
            let text = |c: &vt100::Cell| match c.contents() {
                "" => " ".to_string(),
                s => s.to_string(),
            };
            prop_assert_eq!(text(ca), text(cb), "{}", at());
            prop_assert_eq!(ca.fgcolor(), cb.fgcolor(), "{}", at());
            prop_assert_eq!(ca.bgcolor(), cb.bgcolor(), "{}", at());
            prop_assert_eq!(
                (
                    ca.bold(),
                    ca.dim(),
                    ca.italic(),
                    ca.underline(),
                    ca.inverse()
                ),
                (
                    cb.bold(),
                    cb.dim(),
                    cb.italic(),
                    cb.underline(),
                    cb.inverse()
                ),
                "{}",
                at()
            );
            x += match cell.diff_option {
                CellDiffOption::ForcedWidth(n) => n.get(),
                _ => 1,
            };
        }
    }
    Ok(())
}

/// Steps through `lines` as a reader would, drawing each frame through the
/// backend into vt100 (as it is, or as a terminal of the other width
/// opinion would read it); returns each frame's bytes, and whether the
/// terminal was made to scroll for it.
fn run(
    size: (u16, u16),
    two: bool,
    by: ScrollBy,
    lines: &[Line],
    steps: &[Step],
    disagreeing: bool,
) -> Result<Vec<(bool, Vec<u8>)>, TestCaseError> {
    let ambi = if two { AmbiWidth::Two } else { AmbiWidth::One };
    let (mut w, mut h) = size;
    let mut t = backend(w, h);
    t.backend_mut().set_scroll(by);
    let mut vt = vt100::Parser::new(nz(h), nz(w), 0);
    let mut v = View {
        top: 0,
        heading: false,
        overlay: false,
        margin: u16::from(disagreeing),
    };
    let last = lines.len().saturating_sub(1);
    let mut frames = Vec::new();
    let mut scrolls = 0;
    for step in std::iter::once(&Step::Jump(0)).chain(steps) {
        match *step {
            Step::Scroll(n) => v.top = v.top.saturating_add_signed(n as isize).min(last),
            Step::Jump(to) => v.top = to.min(last),
            Step::Resize(nw, nh) => {
                (w, h) = (nw, nh);
                t.backend_mut().set_fixed_size(w, h);
                vt.set_size(nz(h), nz(w));
            }
            Step::Overlay => v.overlay = !v.overlay,
            Step::Heading => v.heading = !v.heading,
        }
        let done = t
            .draw(|f| draw_view(f.buffer_mut(), lines, &v, ambi))
            .unwrap();
        let buf = done.buffer.clone();
        let bytes = std::mem::take(t.backend_mut().writer_mut());
        if disagreeing {
            vt.process(&disagree(&bytes));
            shows_sure_chars(vt.screen(), &buf)?;
        } else {
            vt.process(&bytes);
            assert_shows(vt.screen(), &buf)?;
            let mut fresh = backend(w, h);
            fresh.draw(|f| f.buffer_mut().clone_from(&buf)).unwrap();
            let mut full = vt100::Parser::new(nz(h), nz(w), 0);
            full.process(&take(&mut fresh).into_bytes());
            same_screen(vt.screen(), full.screen(), &buf)?;
        }
        let by_terminal = t.backend().scrolls() > scrolls;
        scrolls = t.backend().scrolls();
        frames.push((by_terminal, bytes));
    }
    Ok(frames)
}

/// Every character of sure width is where the buffer has it.
fn shows_sure_chars(screen: &vt100::Screen, buf: &Buffer) -> Result<(), TestCaseError> {
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
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
    Ok(())
}

fn lines() -> impl Strategy<Value = Vec<Line>> {
    prop::collection::vec(
        (
            prop::collection::vec(prop::sample::select(PIECES), 0..14).prop_map(|v| v.concat()),
            0..8usize,
            prop::bool::weighted(0.1),
        ),
        1..60,
    )
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        8 => (-3i8..=3).prop_map(Step::Scroll),
        1 => (0usize..60).prop_map(Step::Jump),
        1 => (4u16..40, 1u16..12).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => Just(Step::Overlay),
        1 => Just(Step::Heading),
    ];
    prop::collection::vec(step, 1..24)
}

fn scroll_by() -> impl Strategy<Value = ScrollBy> {
    prop::sample::select(vec![ScrollBy::Csi, ScrollBy::Index, ScrollBy::Off])
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Scrolls, jumps, resizes and overlays, in any order: the terminal
    /// shows each frame, the same as a full redraw of it shows.
    #[test]
    fn scrolled_frames_show_as_a_full_redraw_would(
        w in 4u16..40,
        h in 1u16..12,
        two in any::<bool>(),
        by in scroll_by(),
        lines in lines(),
        steps in steps(),
    ) {
        run((w, h), two, by, &lines, &steps, false)?;
    }

    /// On a terminal that draws uncertain characters wider or narrower
    /// than ratatui thinks, the rows it scrolls keep every other
    /// character in its place.
    #[test]
    fn scrolling_keeps_characters_in_place_where_widths_disagree(
        w in 4u16..40,
        h in 1u16..12,
        by in scroll_by(),
        lines in lines(),
        steps in steps(),
    ) {
        run((w, h), false, by, &lines, &steps, true)?;
    }
}

/// Han text, a line per row, no two rows alike.
fn han_lines(n: usize) -> Vec<Line> {
    let chars: Vec<char> = "我们坚持以人民为中心的发展思想推进高质量发展全面深化改革开放"
        .chars()
        .collect();
    (0..n)
        .map(|i| {
            let s: String = (0..38)
                .map(|k| chars[(i * 7 + k * 3) % chars.len()])
                .collect();
            (format!("{i:02}{s}"), 0, false)
        })
        .collect()
}

#[test]
fn a_line_move_costs_one_line_and_a_few_bytes() {
    let lines = han_lines(60);
    let steps: Vec<Step> = std::iter::repeat_n(Step::Scroll(1), 10)
        .chain(std::iter::repeat_n(Step::Scroll(-1), 10))
        .collect();
    for by in [ScrollBy::Csi, ScrollBy::Index] {
        let frames = run((80, 24), false, by, &lines, &with_heading(&steps), false).unwrap();
        let line = 2 + 38 * 3;
        for (i, (scrolled, f)) in frames.iter().enumerate().skip(2) {
            let s = String::from_utf8_lossy(f);
            assert!(scrolled, "frame {i} did not scroll ({by:?}): {s:?}");
            // The line that came into view, the status line's new numbers,
            // and under 60 bytes of control.
            assert!(f.len() < line + 60, "frame {i}: {} bytes {s:?}", f.len());
        }
    }
    // With scrolling off, the same moves redraw every row of text.
    let frames = run(
        (80, 24),
        false,
        ScrollBy::Off,
        &lines,
        &with_heading(&steps),
        false,
    )
    .unwrap();
    assert!(
        !frames[5].0 && frames[5].1.len() > 10 * 38 * 3,
        "{}",
        frames[5].1.len()
    );
}

/// A heading on first, then `steps`.
fn with_heading(steps: &[Step]) -> Vec<Step> {
    std::iter::once(Step::Heading)
        .chain(steps.iter().cloned())
        .collect()
}

/// The reader itself, over the built-in corpus: line moves, half pages,
/// jumps, the outline panel, help, resizes; every frame shows as drawn and
/// as a full redraw of it would.
#[test]
fn the_reader_scrolls_to_the_same_screen_as_a_redraw() {
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
        .position(|d| d.id.starts_with("004"))
        .unwrap();
    app.open(d);
    let mut t = backend(80, 24);
    let mut vt = vt100::Parser::new(nz(24), nz(80), 0);
    // Keys as typed: line moves, half pages, a page, section jumps, help
    // scrolled then closed, the outline panel (its list moves with j/k),
    // the end and the start; then resizes ("60x16").
    let script = "j j j d k space ] j j ? j j x o j j j k esc o [ k u G k g j \
                  60x16 j j space k 80x24 j j ctrl-e ctrl-y";
    let (mut w, mut h) = (80, 24);
    let mut scrolled = 0;
    for (i, step) in script.split_whitespace().enumerate() {
        if let Some((nw, nh)) = step.split_once('x').filter(|_| step.len() > 1) {
            (w, h) = (nw.parse().unwrap(), nh.parse().unwrap());
            t.backend_mut().set_fixed_size(w, h);
            vt.set_size(nz(h), nz(w));
            app.resize(w, h);
        } else {
            app.key(crate::tui::keymap::Key::parse(step).unwrap());
        }
        let done = t.draw(|f| crate::tui::draw::draw(&app, f)).unwrap();
        let buf = done.buffer.clone();
        let bytes = take(&mut t);
        scrolled = t.backend().scrolls();
        vt.process(bytes.as_bytes());
        assert_shows(vt.screen(), &buf).unwrap_or_else(|e| panic!("step {i}: {e}"));
        let mut fresh = backend(w, h);
        fresh.draw(|f| f.buffer_mut().clone_from(&buf)).unwrap();
        let mut full = vt100::Parser::new(nz(h), nz(w), 0);
        full.process(take(&mut fresh).as_bytes());
        same_screen(vt.screen(), full.screen(), &buf).unwrap_or_else(|e| panic!("step {i}: {e}"));
    }
    assert!(scrolled >= 8, "only {scrolled} frames scrolled");
}
