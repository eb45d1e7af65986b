//! Terminal input, read and parsed by tifa: keys, the mouse, resizes, and
//! the terminal's answers to queries.
//!
//! Why not crossterm's reader: it keeps cursor reports and device
//! attributes to itself, and frame pacing (`pace`) needs to see the
//! answers. crossterm still sets the terminal up (raw mode, the alternate
//! screen, mouse capture); this module turns the bytes that come back into
//! the same `crossterm::event::Event` values crossterm's reader made, so
//! `Key::from_event` and everything after it are unchanged, plus `Reply`.
//!
//! What always holds:
//! - Bytes become events in order, however the reads split them: a
//!   sequence or a UTF-8 character cut between two reads waits for the
//!   rest (`Parser::feed` keeps it), nothing is reordered or dropped but
//!   bytes no key makes (broken sequences, invalid UTF-8).
//! - An ESC with nothing after it within `ESC_WAIT` is the Esc key; ESC
//!   followed at once by a key is that key with Alt, as crossterm has it.
//! - A terminal that hangs up (EOF or EIO on fd 0, as when SSH drops) ends
//!   the reader thread, so the loop's channel reports it disconnected.
//! - Keys are read from fd 0: piped input makes fd 0 the terminal again
//!   before the reader starts.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use std::io;
use std::sync::mpsc;
use std::time::Duration;

#[cfg(test)]
mod tests;

/// How long an ESC waits for the rest of a sequence before it is Esc.
pub const ESC_WAIT: Duration = Duration::from_millis(50);

/// Longest sequence taken: anything longer without an end is broken.
const MAX_SEQUENCE: usize = 64;

/// What the terminal sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Event(Event),
    Reply(Reply),
}

/// The terminal's answer to a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Primary device attributes, `ESC [ ? … c`: the answer to DA1.
    Attributes,
    /// A cursor position report, `ESC [ row ; col R` (1-based).
    Cursor { row: u16, col: u16 },
}

/// Bytes to inputs, fed as they are read.
#[derive(Debug, Default)]
pub struct Parser {
    buf: Vec<u8>,
}

/// What the bytes at the front make.
enum Step {
    /// `n` bytes make this input (`None`: nothing a key makes).
    Done(usize, Option<Input>),
    /// Not enough bytes yet.
    More,
}

impl Parser {
    /// Parse `bytes` after what came before; what is cut off waits.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Input>) {
        self.buf.extend_from_slice(bytes);
        self.drain(out, false);
    }

    /// Bytes are waiting for more (an ESC, a cut sequence or character).
    pub fn pending(&self) -> bool {
        !self.buf.is_empty()
    }

    /// No more came: a lone ESC is Esc, what was cut off is taken as it is.
    pub fn flush(&mut self, out: &mut Vec<Input>) {
        self.drain(out, true);
    }

    fn drain(&mut self, out: &mut Vec<Input>, last: bool) {
        let mut at = 0;
        while at < self.buf.len() {
            match parse(&self.buf[at..]) {
                Step::Done(n, input) => {
                    out.extend(input);
                    at += n.max(1);
                }
                Step::More if last => {
                    if self.buf[at] == 0x1b {
                        out.push(key(KeyCode::Esc, KeyModifiers::NONE));
                    }
                    at += 1;
                }
                Step::More => break,
            }
        }
        self.buf.drain(..at);
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Input {
    Input::Event(Event::Key(KeyEvent::new(code, modifiers)))
}

fn done(n: usize, input: Input) -> Step {
    Step::Done(n, Some(input))
}

fn parse(b: &[u8]) -> Step {
    let ctrl = KeyModifiers::CONTROL;
    match b[0] {
        0x1b => parse_esc(b),
        b'\r' => done(1, key(KeyCode::Enter, KeyModifiers::NONE)),
        b'\t' => done(1, key(KeyCode::Tab, KeyModifiers::NONE)),
        0x7f => done(1, key(KeyCode::Backspace, KeyModifiers::NONE)),
        c @ 0x01..=0x1a => done(1, key(KeyCode::Char((c - 1 + b'a') as char), ctrl)),
        c @ 0x1c..=0x1f => done(1, key(KeyCode::Char((c - 0x1c + b'4') as char), ctrl)),
        0 => done(1, key(KeyCode::Char(' '), ctrl)),
        _ => parse_utf8(b),
    }
}

fn parse_utf8(b: &[u8]) -> Step {
    let need = match b[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Done(1, None),
    };
    let have = b.len().min(need);
    if let Some(i) = (1..have).find(|&i| b[i] & 0xc0 != 0x80) {
        return Step::Done(i, None);
    }
    if have < need {
        return Step::More;
    }
    match std::str::from_utf8(&b[..need])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => {
            let m = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            done(need, key(KeyCode::Char(c), m))
        }
        None => Step::Done(need, None),
    }
}

fn parse_esc(b: &[u8]) -> Step {
    let Some(&second) = b.get(1) else {
        return Step::More;
    };
    match second {
        b'[' => parse_csi(b),
        b'O' => {
            let Some(&third) = b.get(2) else {
                return Step::More;
            };
            let code = match third {
                b'A' => KeyCode::Up,
                b'B' => KeyCode::Down,
                b'C' => KeyCode::Right,
                b'D' => KeyCode::Left,
                b'H' => KeyCode::Home,
                b'F' => KeyCode::End,
                c @ b'P'..=b'S' => KeyCode::F(1 + c - b'P'),
                _ => return Step::Done(3, None),
            };
            done(3, key(code, KeyModifiers::NONE))
        }
        // Esc, then whatever the second ESC starts.
        0x1b => done(1, key(KeyCode::Esc, KeyModifiers::NONE)),
        _ => match parse(&b[1..]) {
            Step::More => Step::More,
            Step::Done(n, Some(Input::Event(Event::Key(mut k)))) => {
                k.modifiers |= KeyModifiers::ALT;
                done(n + 1, Input::Event(Event::Key(k)))
            }
            Step::Done(n, other) => Step::Done(n + 1, other),
        },
    }
}

fn parse_csi(b: &[u8]) -> Step {
    let Some(&first) = b.get(2) else {
        return Step::More;
    };
    match first {
        // X10 mouse: ESC [ M and three bytes, each 32 + a value.
        b'M' => {
            if b.len() < 6 {
                return Step::More;
            }
            let event = b[3].checked_sub(32).and_then(|cb| {
                let at = |v: u8| u16::from(v.saturating_sub(32));
                mouse_event(cb, at(b[4]), at(b[5]), false)
            });
            return Step::Done(6, event);
        }
        // The Linux console's F1–F5: ESC [ [ A … E.
        b'[' => {
            let Some(&c) = b.get(3) else {
                return Step::More;
            };
            return match c {
                b'A'..=b'E' => done(4, key(KeyCode::F(1 + c - b'A'), KeyModifiers::NONE)),
                _ => Step::Done(4, None),
            };
        }
        _ => {}
    }
    // Parameters 0x30–0x3f, intermediates 0x20–0x2f, then the final byte.
    let mut i = 2;
    loop {
        if i >= MAX_SEQUENCE {
            return Step::Done(i, None);
        }
        let Some(&c) = b.get(i) else {
            return Step::More;
        };
        match c {
            0x20..=0x3f => i += 1,
            0x40..=0x7e => break,
            // Broken off (another ESC, a control byte): drop it.
            _ => return Step::Done(i, None),
        }
    }
    let n = i + 1;
    let Ok(params) = std::str::from_utf8(&b[2..i]) else {
        return Step::Done(n, None);
    };
    Step::Done(n, csi(params, b[i]))
}

/// A complete `ESC [ params final`.
fn csi(params: &str, fin: u8) -> Option<Input> {
    if let Some(p) = params.strip_prefix('?') {
        return (fin == b'c' && !p.is_empty()).then_some(Input::Reply(Reply::Attributes));
    }
    if let Some(p) = params.strip_prefix('<') {
        let mut f = p.split(';').map(|s| s.parse::<u16>().ok());
        let (Some(Some(cb)), Some(Some(x)), Some(Some(y))) = (f.next(), f.next(), f.next()) else {
            return None;
        };
        let cb = u8::try_from(cb).ok()?;
        return mouse_event(cb, x, y, fin == b'm');
    }
    let fields: Vec<&str> = params.split(';').collect();
    let digit_first = params.starts_with(|c: char| c.is_ascii_digit());
    let none = KeyModifiers::NONE;
    let simple = |code: KeyCode| Some(key(code, none));
    match (fin, params) {
        (b'Z', "") => {
            return Some(Input::Event(Event::Key(KeyEvent::new_with_kind(
                KeyCode::BackTab,
                KeyModifiers::SHIFT,
                KeyEventKind::Press,
            ))))
        }
        (b'I', "") => return Some(Input::Event(Event::FocusGained)),
        (b'O', "") => return Some(Input::Event(Event::FocusLost)),
        (b'R', _) if digit_first => {
            let row = fields.first()?.parse().ok()?;
            let col = fields.get(1)?.parse().ok()?;
            return Some(Input::Reply(Reply::Cursor { row, col }));
        }
        (b'M', _) if digit_first => {
            // rxvt: ESC [ 32+b ; x ; y M
            let cb = fields.first()?.parse::<u8>().ok()?.checked_sub(32)?;
            let x = fields.get(1)?.parse().ok()?;
            let y = fields.get(2)?.parse().ok()?;
            return mouse_event(cb, x, y, false);
        }
        _ => {}
    }
    let (mods, kind, state) = modifiers_at(&fields, 1);
    let with = |code: KeyCode, extra: KeyEventState| {
        Some(Input::Event(Event::Key(KeyEvent::new_with_kind_and_state(
            code,
            mods,
            kind,
            state | extra,
        ))))
    };
    match fin {
        b'A' | b'B' | b'C' | b'D' | b'H' | b'F' | b'P' | b'Q' | b'R' | b'S' => {
            let code = match fin {
                b'A' => KeyCode::Up,
                b'B' => KeyCode::Down,
                b'C' => KeyCode::Right,
                b'D' => KeyCode::Left,
                b'H' => KeyCode::Home,
                b'F' => KeyCode::End,
                b'P' => KeyCode::F(1),
                b'Q' => KeyCode::F(2),
                b'R' => KeyCode::F(3),
                _ => KeyCode::F(4),
            };
            if params.is_empty() {
                return simple(code);
            }
            if fields.len() == 1 {
                // `ESC [ 5 A`: the last digit is the modifier mask.
                let m = params.bytes().last().filter(u8::is_ascii_digit)? - b'0';
                return Some(key(code, parse_modifiers(m)));
            }
            with(code, KeyEventState::NONE)
        }
        b'~' if digit_first => {
            let code = match fields[0].parse::<u8>().ok()? {
                1 | 7 => KeyCode::Home,
                2 => KeyCode::Insert,
                3 => KeyCode::Delete,
                4 | 8 => KeyCode::End,
                5 => KeyCode::PageUp,
                6 => KeyCode::PageDown,
                v @ 11..=15 => KeyCode::F(v - 10),
                v @ 17..=21 => KeyCode::F(v - 11),
                v @ 23..=26 => KeyCode::F(v - 12),
                v @ 28..=29 => KeyCode::F(v - 15),
                v @ 31..=34 => KeyCode::F(v - 17),
                _ => return None,
            };
            with(code, KeyEventState::NONE)
        }
        b'u' if digit_first => {
            let mut codes = fields[0].split(':');
            let cp: u32 = codes.next()?.parse().ok()?;
            let (code, extra) = match csi_u_code(cp) {
                Some(k) => k,
                None => {
                    let c = char::from_u32(cp)?;
                    let code = match c {
                        '\x1b' => KeyCode::Esc,
                        '\r' => KeyCode::Enter,
                        '\t' if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                        '\t' => KeyCode::Tab,
                        '\x7f' => KeyCode::Backspace,
                        c => KeyCode::Char(c),
                    };
                    (code, KeyEventState::NONE)
                }
            };
            // With "report alternate keys", the shifted character follows.
            let shifted = codes
                .next()
                .and_then(|s| s.parse::<u32>().ok())
                .and_then(char::from_u32);
            match shifted {
                Some(c) if mods.contains(KeyModifiers::SHIFT) => {
                    Some(Input::Event(Event::Key(KeyEvent::new_with_kind_and_state(
                        KeyCode::Char(c),
                        mods - KeyModifiers::SHIFT,
                        kind,
                        state | extra,
                    ))))
                }
                _ => with(code, extra),
            }
        }
        _ => None,
    }
}

/// The keypad and navigation keys of the kitty keyboard protocol.
fn csi_u_code(cp: u32) -> Option<(KeyCode, KeyEventState)> {
    let keypad = KeyEventState::KEYPAD;
    Some(match cp {
        57399..=57408 => (KeyCode::Char(char::from_digit(cp - 57399, 10)?), keypad),
        57409 => (KeyCode::Char('.'), keypad),
        57410 => (KeyCode::Char('/'), keypad),
        57411 => (KeyCode::Char('*'), keypad),
        57412 => (KeyCode::Char('-'), keypad),
        57413 => (KeyCode::Char('+'), keypad),
        57414 => (KeyCode::Enter, keypad),
        57415 => (KeyCode::Char('='), keypad),
        57416 => (KeyCode::Char(','), keypad),
        57417 => (KeyCode::Left, keypad),
        57418 => (KeyCode::Right, keypad),
        57419 => (KeyCode::Up, keypad),
        57420 => (KeyCode::Down, keypad),
        57421 => (KeyCode::PageUp, keypad),
        57422 => (KeyCode::PageDown, keypad),
        57423 => (KeyCode::Home, keypad),
        57424 => (KeyCode::End, keypad),
        57425 => (KeyCode::Insert, keypad),
        57426 => (KeyCode::Delete, keypad),
        57427 => (KeyCode::KeypadBegin, keypad),
        57376..=57398 => (KeyCode::F((cp - 57376 + 13) as u8), KeyEventState::NONE),
        _ => return None,
    })
}

/// The modifiers, kind and lock state in field `i` (`mask[:kind]`).
fn modifiers_at(fields: &[&str], i: usize) -> (KeyModifiers, KeyEventKind, KeyEventState) {
    let mut sub = fields.get(i).map(|f| f.split(':'));
    let mask = sub
        .as_mut()
        .and_then(|s| s.next())
        .and_then(|m| m.parse::<u8>().ok());
    let Some(mask) = mask else {
        return (KeyModifiers::NONE, KeyEventKind::Press, KeyEventState::NONE);
    };
    let kind = match sub
        .and_then(|mut s| s.next())
        .and_then(|k| k.parse::<u8>().ok())
    {
        Some(2) => KeyEventKind::Repeat,
        Some(3) => KeyEventKind::Release,
        _ => KeyEventKind::Press,
    };
    let bits = mask.saturating_sub(1);
    let mut state = KeyEventState::NONE;
    if bits & 64 != 0 {
        state |= KeyEventState::CAPS_LOCK;
    }
    if bits & 128 != 0 {
        state |= KeyEventState::NUM_LOCK;
    }
    (parse_modifiers(mask), kind, state)
}

/// xterm's modifier parameter: 1 + a bit each for Shift, Alt, Ctrl, …
fn parse_modifiers(mask: u8) -> KeyModifiers {
    let bits = mask.saturating_sub(1);
    let mut m = KeyModifiers::NONE;
    for (bit, flag) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
        (16, KeyModifiers::HYPER),
        (32, KeyModifiers::META),
    ] {
        if bits & bit != 0 {
            m |= flag;
        }
    }
    m
}

/// A mouse event from its button byte and 1-based position.
fn mouse_event(cb: u8, x: u16, y: u16, release: bool) -> Option<Input> {
    let button = (cb & 0b11) | ((cb & 0b1100_0000) >> 4);
    let drag = cb & 0b10_0000 != 0;
    let kind = match (button, drag) {
        (0, false) => MouseEventKind::Down(MouseButton::Left),
        (1, false) => MouseEventKind::Down(MouseButton::Middle),
        (2, false) => MouseEventKind::Down(MouseButton::Right),
        (0, true) => MouseEventKind::Drag(MouseButton::Left),
        (1, true) => MouseEventKind::Drag(MouseButton::Middle),
        (2, true) => MouseEventKind::Drag(MouseButton::Right),
        (3, false) => MouseEventKind::Up(MouseButton::Left),
        (3..=5, true) => MouseEventKind::Moved,
        (4, false) => MouseEventKind::ScrollUp,
        (5, false) => MouseEventKind::ScrollDown,
        (6, false) => MouseEventKind::ScrollLeft,
        (7, false) => MouseEventKind::ScrollRight,
        _ => return None,
    };
    let kind = match kind {
        MouseEventKind::Down(b) if release => MouseEventKind::Up(b),
        k => k,
    };
    let mut modifiers = KeyModifiers::NONE;
    for (bit, flag) in [
        (0b100, KeyModifiers::SHIFT),
        (0b1000, KeyModifiers::ALT),
        (0b1_0000, KeyModifiers::CONTROL),
    ] {
        if cb & bit != 0 {
            modifiers |= flag;
        }
    }
    Some(Input::Event(Event::Mouse(MouseEvent {
        kind,
        column: x.saturating_sub(1),
        row: y.saturating_sub(1),
        modifiers,
    })))
}

/// What the reader threads send: everything one read brought in.
pub type Batch = Vec<io::Result<Input>>;

/// Start reading the terminal (fd 0) and SIGWINCH on their own threads.
///
/// Why threads: the loop waits on one channel for keys, replies and
/// resizes alike, with a time-out for its own work. Everything one read
/// brought in goes over as one batch, so a burst of keys (a paste, keys
/// queued on a slow link) is handled before the next frame.
pub fn spawn() -> mpsc::Receiver<Batch> {
    let (tx, rx) = mpsc::channel();
    let resize_tx = tx.clone();
    let spawned = std::thread::Builder::new()
        .name("tifa-input".into())
        .spawn(move || read_keys(&tx));
    if let Err(e) = spawned {
        // No thread: the receiver reports Disconnected and the loop ends.
        eprintln!("tifa: cannot start the input thread: {e}");
    }
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([signal_hook::consts::SIGWINCH]) {
        let _ = std::thread::Builder::new()
            .name("tifa-resize".into())
            .spawn(move || {
                for _ in signals.forever() {
                    let Ok((w, h)) = crossterm::terminal::size() else {
                        continue;
                    };
                    if resize_tx
                        .send(vec![Ok(Input::Event(Event::Resize(w, h)))])
                        .is_err()
                    {
                        break;
                    }
                }
            });
    }
    rx
}

/// Read fd 0 until the terminal is gone (or the loop is).
fn read_keys(tx: &mpsc::Sender<Batch>) {
    let mut parser = Parser::default();
    let mut bytes = [0u8; 4096];
    loop {
        let mut batch = Vec::new();
        match read_fd0(&mut bytes) {
            Ok(Some(n)) => parser.feed(&bytes[..n], &mut batch),
            // EOF or EIO: the terminal hung up.
            Ok(None) => return,
            Err(e) => {
                let _ = tx.send(vec![Err(e)]);
                return;
            }
        }
        // An ESC, or a sequence cut between reads: the rest comes at once
        // or not at all.
        while parser.pending() {
            if !readable(ESC_WAIT) {
                parser.flush(&mut batch);
                break;
            }
            match read_fd0(&mut bytes) {
                Ok(Some(n)) => parser.feed(&bytes[..n], &mut batch),
                _ => {
                    parser.flush(&mut batch);
                    break;
                }
            }
        }
        let events = batch.into_iter().map(Ok).collect::<Batch>();
        if !events.is_empty() && tx.send(events).is_err() {
            return;
        }
    }
}

/// One read from fd 0: `None` when the terminal has hung up.
fn read_fd0(buf: &mut [u8]) -> io::Result<Option<usize>> {
    loop {
        // SAFETY: reads at most buf.len() bytes into a buffer we own.
        let n = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
        if n > 0 {
            return Ok(Some(n as usize));
        }
        if n == 0 {
            return Ok(None);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EAGAIN) => {
                readable(Duration::from_secs(1));
                continue;
            }
            Some(libc::EIO) => return Ok(None),
            _ => return Err(e),
        }
    }
}

/// Is there input on fd 0 within `wait`?
fn readable(wait: Duration) -> bool {
    let mut pfd = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, for the duration of the call.
    let n = unsafe { libc::poll(&mut pfd, 1, wait.as_millis() as libc::c_int) };
    n > 0 && pfd.revents & libc::POLLIN != 0
}
