//! Probe the terminal for the width it gives East Asian ambiguous
//! characters (LAYOUT.md R14): print “ at column 1, ask for the cursor
//! position (ESC[6n), and see where it went.
//!
//! What always holds: it never waits longer than the timeout, so a
//! terminal that does not answer (or a slow SSH link) cannot hang start-up;
//! a late answer reaches the input parser later as a cursor report
//! (`input::Reply::Cursor`), which nothing waits for.

use crate::text::width::AmbiWidth;
use std::io::{self, Read, Write};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

/// Must be called in raw mode, before the input thread starts reading.
pub fn ambiguous_width(timeout: Duration) -> Option<AmbiWidth> {
    let mut out = io::stdout();
    out.write_all("\x1b[1;1H\u{201c}\x1b[6n".as_bytes()).ok()?;
    out.flush().ok()?;
    let reply = read_reply(timeout);
    let _ = out.write_all(b"\r\x1b[2K");
    let _ = out.flush();
    let col = parse_cpr(&reply?)?;
    match col {
        2 => Some(AmbiWidth::One),
        3 => Some(AmbiWidth::Two),
        _ => None,
    }
}

fn read_reply(timeout: Duration) -> Option<Vec<u8>> {
    let stdin = io::stdin();
    let fd = stdin.as_raw_fd();
    let start = Instant::now();
    let mut got = Vec::new();
    loop {
        let left = timeout.checked_sub(start.elapsed())?;
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, for the duration of the call.
        let n = unsafe { libc::poll(&mut pfd, 1, left.as_millis().max(1) as libc::c_int) };
        if n <= 0 {
            return None;
        }
        let mut b = [0u8; 64];
        let k = stdin.lock().read(&mut b).ok()?;
        if k == 0 {
            return None;
        }
        got.extend_from_slice(&b[..k]);
        if got.contains(&b'R') {
            return Some(got);
        }
        if got.len() > 256 {
            return None;
        }
    }
}

/// The column (1-based) of a cursor position report `ESC [ row ; col R`.
pub fn parse_cpr(bytes: &[u8]) -> Option<u16> {
    let s = std::str::from_utf8(bytes).ok()?;
    let start = s.rfind("\x1b[")?;
    let body = s[start + 2..].strip_suffix('R').or_else(|| {
        let end = s[start..].find('R')?;
        Some(&s[start + 2..start + end])
    })?;
    let (_, col) = body.split_once(';')?;
    col.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cursor_reports() {
        assert_eq!(parse_cpr(b"\x1b[1;2R"), Some(2));
        assert_eq!(parse_cpr(b"x\x1b[12;3R"), Some(3));
        assert_eq!(parse_cpr(b"\x1b[1;R"), None);
        assert_eq!(parse_cpr(b"garbage"), None);
    }
}
