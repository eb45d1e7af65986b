//! The input parser: the events crossterm's reader made for the same
//! bytes, the replies it kept to itself, and the same events however the
//! bytes are split between reads.

use super::*;
use proptest::prelude::*;

fn parse_all(bytes: &[u8]) -> Vec<Input> {
    let mut p = Parser::default();
    let mut out = Vec::new();
    p.feed(bytes, &mut out);
    p.flush(&mut out);
    out
}

fn k(code: KeyCode, m: KeyModifiers) -> Input {
    key(code, m)
}

fn plain(code: KeyCode) -> Input {
    key(code, KeyModifiers::NONE)
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

#[test]
fn keys_as_crossterm_reads_them() {
    use KeyCode::*;
    let cases: &[(&[u8], Input)] = &[
        (b"j", plain(Char('j'))),
        (b"G", k(Char('G'), SHIFT)),
        (b" ", plain(Char(' '))),
        (b"\r", plain(Enter)),
        (b"\t", plain(Tab)),
        (b"\x7f", plain(Backspace)),
        (b"\x08", k(Char('h'), CTRL)),
        (b"\x04", k(Char('d'), CTRL)),
        (b"\x0a", k(Char('j'), CTRL)),
        (b"\x1a", k(Char('z'), CTRL)),
        (b"\x00", k(Char(' '), CTRL)),
        (b"\x1c", k(Char('4'), CTRL)),
        (b"\x1b[A", plain(Up)),
        (b"\x1b[B", plain(Down)),
        (b"\x1b[C", plain(Right)),
        (b"\x1b[D", plain(Left)),
        (b"\x1bOA", plain(Up)),
        (b"\x1bOB", plain(Down)),
        (b"\x1b[H", plain(Home)),
        (b"\x1b[F", plain(End)),
        (b"\x1bOH", plain(Home)),
        (b"\x1bOF", plain(End)),
        (b"\x1b[1~", plain(Home)),
        (b"\x1b[7~", plain(Home)),
        (b"\x1b[4~", plain(End)),
        (b"\x1b[8~", plain(End)),
        (b"\x1b[5~", plain(PageUp)),
        (b"\x1b[6~", plain(PageDown)),
        (b"\x1b[2~", plain(Insert)),
        (b"\x1b[3~", plain(Delete)),
        (b"\x1bOP", plain(F(1))),
        (b"\x1bOS", plain(F(4))),
        (b"\x1b[15~", plain(F(5))),
        (b"\x1b[17~", plain(F(6))),
        (b"\x1b[24~", plain(F(12))),
        (b"\x1b[[A", plain(F(1))),
        (b"\x1b[Z", k(BackTab, SHIFT)),
        (b"\x1b[1;5A", k(Up, CTRL)),
        (b"\x1b[1;2B", k(Down, SHIFT)),
        (b"\x1b[1;3D", k(Left, ALT)),
        (b"\x1b[6;5~", k(PageDown, CTRL)),
        (b"\x1b[5;2~", k(PageUp, SHIFT)),
        (b"\x1b[1;6P", k(F(1), CTRL | SHIFT)),
        (b"\x1bj", k(Char('j'), ALT)),
        (b"\x1bJ", k(Char('J'), ALT | SHIFT)),
        (b"\x1b\x04", k(Char('d'), CTRL | ALT)),
        ("中".as_bytes(), plain(Char('中'))),
        ("é".as_bytes(), plain(Char('é'))),
        ("É".as_bytes(), k(Char('É'), SHIFT)),
        ("😀".as_bytes(), plain(Char('😀'))),
        (b"\x1b[106;5u", k(Char('j'), CTRL)),
        (b"\x1b[27u", plain(Esc)),
        (b"\x1b[57421u", {
            Input::Event(Event::Key(KeyEvent::new_with_kind_and_state(
                PageUp,
                NONE,
                KeyEventKind::Press,
                KeyEventState::KEYPAD,
            )))
        }),
        (b"\x1b[I", Input::Event(Event::FocusGained)),
    ];
    for (bytes, want) in cases {
        assert_eq!(parse_all(bytes), vec![want.clone()], "{bytes:?}");
    }
}

#[test]
fn the_answers_crossterm_kept_to_itself() {
    for da in [
        &b"\x1b[?62;22c"[..],
        b"\x1b[?1;2c",
        b"\x1b[?6c",
        b"\x1b[?64;1;2;6;9;15;22c",
    ] {
        assert_eq!(
            parse_all(da),
            vec![Input::Reply(Reply::Attributes)],
            "{da:?}"
        );
    }
    assert_eq!(
        parse_all(b"\x1b[12;40R"),
        vec![Input::Reply(Reply::Cursor { row: 12, col: 40 })]
    );
    // Between keys, in one read: keys before and after stay in order.
    assert_eq!(
        parse_all(b"j\x1b[?62;22ck\x1b[1;3Rq"),
        vec![
            plain(KeyCode::Char('j')),
            Input::Reply(Reply::Attributes),
            plain(KeyCode::Char('k')),
            Input::Reply(Reply::Cursor { row: 1, col: 3 }),
            plain(KeyCode::Char('q')),
        ]
    );
}

fn wheel(kind: MouseEventKind, x: u16, y: u16) -> Input {
    Input::Event(Event::Mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: NONE,
    }))
}

#[test]
fn the_mouse_in_sgr_x10_and_rxvt_encodings() {
    assert_eq!(
        parse_all(b"\x1b[<64;10;5M"),
        vec![wheel(MouseEventKind::ScrollUp, 9, 4)]
    );
    assert_eq!(
        parse_all(b"\x1b[<65;1;1M"),
        vec![wheel(MouseEventKind::ScrollDown, 0, 0)]
    );
    assert_eq!(
        parse_all(b"\x1b[<0;3;4M\x1b[<0;3;4m"),
        vec![
            wheel(MouseEventKind::Down(MouseButton::Left), 2, 3),
            wheel(MouseEventKind::Up(MouseButton::Left), 2, 3),
        ]
    );
    assert_eq!(
        parse_all(&[0x1b, b'[', b'M', 32 + 65, 32 + 10, 32 + 5]),
        vec![wheel(MouseEventKind::ScrollDown, 9, 4)]
    );
    assert_eq!(
        parse_all(b"\x1b[96;10;5M"),
        vec![wheel(MouseEventKind::ScrollUp, 9, 4)]
    );
}

#[test]
fn a_lone_esc_is_esc_once_nothing_follows() {
    let mut p = Parser::default();
    let mut out = Vec::new();
    p.feed(b"\x1b", &mut out);
    assert!(out.is_empty() && p.pending());
    // The rest of a sequence that comes in time makes the sequence.
    p.feed(b"[6~", &mut out);
    assert_eq!(out, vec![plain(KeyCode::PageDown)]);
    out.clear();
    p.feed(b"\x1b", &mut out);
    p.flush(&mut out);
    assert_eq!(out, vec![plain(KeyCode::Esc)]);
    assert!(!p.pending());
    // Two presses are two Escs; ESC then a cut-off sequence is Esc, then
    // the keys it would have been.
    assert_eq!(
        parse_all(b"\x1b\x1b"),
        vec![plain(KeyCode::Esc), plain(KeyCode::Esc)]
    );
    assert_eq!(
        parse_all(b"\x1b["),
        vec![plain(KeyCode::Esc), plain(KeyCode::Char('['))]
    );
}

#[test]
fn broken_input_drops_only_what_no_key_makes() {
    // Invalid UTF-8, an unknown sequence, a sequence cut by another ESC.
    assert_eq!(parse_all(b"\xffj"), vec![plain(KeyCode::Char('j'))]);
    assert_eq!(parse_all(b"\xe4\xb8j"), vec![plain(KeyCode::Char('j'))]);
    assert_eq!(parse_all(b"\x1b[99zj"), vec![plain(KeyCode::Char('j'))]);
    assert_eq!(parse_all(b"\x1b[12\x1b[B"), vec![plain(KeyCode::Down)]);
    let long = [b"\x1b[".as_slice(), &[b'1'; 200], b"j"].concat();
    assert_eq!(parse_all(&long).last(), Some(&plain(KeyCode::Char('j'))));
}

/// Keys and replies, each with the bytes a terminal sends for it.
fn token() -> impl Strategy<Value = (Vec<u8>, Input)> {
    use KeyCode::*;
    let fixed: Vec<(&'static [u8], Input)> = vec![
        (b"j", plain(Char('j'))),
        (b"K", k(Char('K'), SHIFT)),
        (b"/", plain(Char('/'))),
        (b"\r", plain(Enter)),
        (b"\x7f", plain(Backspace)),
        (b"\x1b[6~", plain(PageDown)),
        (b"\x1b[5~", plain(PageUp)),
        (b"\x1b[A", plain(Up)),
        (b"\x1bOB", plain(Down)),
        (b"\x1b[1;5C", k(Right, CTRL)),
        (b"\x1b[H", plain(Home)),
        (b"\x1b[4~", plain(End)),
        (b"\x1b[21~", plain(F(10))),
        (b"\x1bx", k(Char('x'), ALT)),
        (b"\x05", k(Char('e'), CTRL)),
        ("四".as_bytes(), plain(Char('四'))),
        ("個".as_bytes(), plain(Char('個'))),
        ("😀".as_bytes(), plain(Char('😀'))),
        (b"\x1b[?62;22c", Input::Reply(Reply::Attributes)),
        (
            b"\x1b[3;17R",
            Input::Reply(Reply::Cursor { row: 3, col: 17 }),
        ),
        (b"\x1b[<65;20;7M", wheel(MouseEventKind::ScrollDown, 19, 6)),
    ];
    prop::sample::select(fixed).prop_map(|(b, i)| (b.to_vec(), i))
}

/// `bytes` fed in pieces cut at `cuts`.
fn parse_split(bytes: &[u8], cuts: &[usize]) -> Vec<Input> {
    let mut p = Parser::default();
    let mut out = Vec::new();
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    cuts.sort_unstable();
    let mut at = 0;
    for c in cuts.into_iter().chain([bytes.len()]) {
        p.feed(&bytes[at..c], &mut out);
        at = c;
    }
    p.flush(&mut out);
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any keys and replies, cut into reads anywhere: every one comes out,
    /// once, in order.
    #[test]
    fn keys_and_replies_come_out_in_order_however_reads_cut_them(
        tokens in prop::collection::vec(token(), 0..40),
        cuts in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        let bytes: Vec<u8> = tokens.iter().flat_map(|t| t.0.clone()).collect();
        let want: Vec<Input> = tokens.into_iter().map(|t| t.1).collect();
        prop_assert_eq!(parse_split(&bytes, &cuts), want);
    }

    /// Whatever the bytes, cutting them into reads changes nothing (and
    /// nothing panics).
    #[test]
    fn any_bytes_parse_the_same_however_reads_cut_them(
        bytes in prop::collection::vec(
            prop_oneof![
                Just(0x1bu8), Just(b'['), Just(b'O'), Just(b';'), Just(b'<'), Just(b'?'),
                Just(b'M'), Just(b'~'), b'0'..=b'9', b'@'..=b'~', any::<u8>(),
            ],
            0..64,
        ),
        cuts in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        prop_assert_eq!(parse_split(&bytes, &cuts), parse_all(&bytes));
    }
}
