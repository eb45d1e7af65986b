//! A program on a pseudo-terminal, seen from the terminal's side: the byte
//! and latency benches and the slow-link tests share it.
//!
//! The harness owns the pty's master end. A reader thread takes every byte
//! the program writes (counted and time-stamped where the program wrote it)
//! and passes it over a simulated link to a `vt100` parser, the terminal.
//! Keys go the other way over the same link. The link adds a fixed delay in
//! each direction and, optionally, a bandwidth limit from the program to the
//! terminal, with an unbounded queue in front of it (as SSH's channel window
//! and TCP buffers are, for a screen or two of output). With no link the
//! delay is zero and nothing is limited.
//!
//! The terminal answers cursor-position queries (ESC[6n) from its own state,
//! as a real terminal does, so programs that ask (the ambiguous-width probe,
//! ratatui's `Terminal::clear` on the crossterm backend) do not wait for a
//! time-out; and device-attribute queries (DA1, ESC[c: tifa's frame
//! acknowledgements) as a VT220 would, unless told to stay silent
//! (`Link::silent`), as some terminals do. Each answer goes back over the
//! link when the query has been read, as the bytes before it have.
//!
//! What always holds: every byte the program wrote is in `Trace::out`, in
//! order; the parser has seen exactly `Trace::delivered` of them, in order;
//! nothing waits on a fixed sleep where a condition can be waited for.
#![allow(dead_code)]

use std::fs::File;
use std::io::{self, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// The keys a terminal sends for PgDn and Enter (xterm-256color).
pub const PGDN: &[u8] = b"\x1b[6~";
pub const ENTER: &[u8] = b"\r";

/// Synchronized-output brackets (DEC mode 2026): tifa's backend opens and
/// closes every frame with them, so frames can be counted in the stream.
pub const FRAME_START: &[u8] = b"\x1b[?2026h";
pub const FRAME_END: &[u8] = b"\x1b[?2026l";

/// The simulated connection between the program and the terminal.
#[derive(Clone, Copy, Debug, Default)]
pub struct Link {
    /// Added to every byte in each direction: half the round trip.
    pub one_way: Duration,
    /// Bytes per second from the program to the terminal; `None`: unlimited.
    pub out_rate: Option<u64>,
    /// The terminal never answers DA1 (ESC[c).
    pub silent: bool,
}

impl Link {
    pub fn round_trip(ms: u64) -> Link {
        Link {
            one_way: Duration::from_millis(ms / 2),
            out_rate: None,
            silent: false,
        }
    }
    /// A terminal that answers no device-attribute query.
    pub fn silent(self) -> Link {
        Link {
            silent: true,
            ..self
        }
    }
    pub fn with_rate(self, bytes_per_sec: u64) -> Link {
        Link {
            out_rate: Some(bytes_per_sec),
            ..self
        }
    }
}

/// Everything the harness saw, time-stamped.
#[derive(Debug)]
pub struct Trace {
    /// Every byte the program wrote, in order.
    pub out: Vec<u8>,
    /// (when read from the pty, end offset in `out`): the program's side.
    pub reads: Vec<(Instant, usize)>,
    /// (when the terminal got it, end offset in `out`): the terminal's side.
    pub delivered: Vec<(Instant, usize)>,
    /// (when it reached the program, bytes): keys.
    pub arrivals: Vec<(Instant, usize)>,
    /// When each answer to a query reached the program.
    pub answers: Vec<Instant>,
    /// When the terminal's text last changed, and how often it did.
    pub screen_changed: Option<Instant>,
    pub screen_changes: usize,
    /// Input bytes sent by the terminal that have not reached the program.
    pub input_in_flight: usize,
    /// The program closed the terminal (exited).
    pub eof: bool,
}

impl Trace {
    pub fn delivered_len(&self) -> usize {
        self.delivered.last().map_or(0, |d| d.1)
    }
    /// When the byte at `offset` of `out` was read on the program's side.
    pub fn read_time(&self, offset: usize) -> Option<Instant> {
        let i = self.reads.partition_point(|r| r.1 <= offset);
        self.reads.get(i).map(|r| r.0)
    }
    /// Offsets in `out` just past each occurrence of `pat`.
    pub fn ends_of(&self, pat: &[u8]) -> Vec<usize> {
        self.out
            .windows(pat.len())
            .enumerate()
            .filter(|(_, w)| *w == pat)
            .map(|(i, _)| i + pat.len())
            .collect()
    }
    /// Bytes the terminal received at or after `t`.
    pub fn delivered_since(&self, t: Instant) -> usize {
        let before = self
            .delivered
            .iter()
            .take_while(|d| d.0 < t)
            .last()
            .map_or(0, |d| d.1);
        self.delivered_len() - before
    }
    fn last_activity(&self) -> Option<Instant> {
        [
            self.reads.last().map(|r| r.0),
            self.delivered.last().map(|d| d.0),
            self.arrivals.last().map(|a| a.0),
            self.answers.last().copied(),
        ]
        .into_iter()
        .flatten()
        .max()
    }
    fn in_flight(&self) -> bool {
        self.delivered_len() < self.out.len() || self.input_in_flight > 0
    }
}

struct State {
    trace: Trace,
    parser: vt100::Parser,
    last_text: String,
    /// How much of each query the stream has matched so far (a query may
    /// be split between pieces).
    query_match: [usize; 2],
    /// DA1 queries seen.
    attribute_queries: usize,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

/// A program running on a pty behind a simulated link.
pub struct Session {
    child: Child,
    /// The pty's master end, kept for resizing.
    master: OwnedFd,
    shared: Arc<Shared>,
    keys: Sender<Input>,
    link: Link,
    pub cols: u16,
    pub rows: u16,
    /// The program's XDG config and state directories: empty, its own, so
    /// neither the user's settings nor saved positions change what it shows.
    _home: tempfile::TempDir,
}

/// The environment of a plain xterm in a UTF-8 locale, whatever the
/// harness itself runs in (tmux, NO_COLOR, a LESS with options, a pager).
fn terminal_env(cmd: &mut Command) {
    for k in [
        "NO_COLOR",
        "LESS",
        "LESSOPEN",
        "LESSCLOSE",
        "COLUMNS",
        "LINES",
        "TMUX",
        "PAGER",
    ] {
        cmd.env_remove(k);
    }
    cmd.env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        .env("LESSHISTFILE", "-");
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal is at least 1×1")
}

fn cvt(r: libc::c_int) -> io::Result<libc::c_int> {
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

impl Session {
    /// Start `program args` on a fresh `cols`×`rows` pty behind `link`.
    pub fn spawn(
        program: &Path,
        args: &[&str],
        cols: u16,
        rows: u16,
        link: Link,
    ) -> io::Result<Session> {
        Session::spawn_env(program, args, &[], cols, rows, link)
    }

    /// `spawn`, with `env` added to the program's environment.
    pub fn spawn_env(
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        link: Link,
    ) -> io::Result<Session> {
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let (mut m, mut s) = (0, 0);
        // SAFETY: out-pointers to two ints, no name buffer, default termios,
        // a valid winsize for the duration of the call.
        cvt(unsafe { libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null(), &ws) })?;
        // SAFETY: openpty returned two fresh descriptors that we now own.
        let (master, slave) = unsafe { (OwnedFd::from_raw_fd(m), OwnedFd::from_raw_fd(s)) };
        for fd in [&master, &slave] {
            // The child must not inherit the master (it would never see EOF)
            // nor a stray slave beside its stdio.
            // SAFETY: F_SETFD on a descriptor we own.
            cvt(unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) })?;
        }
        let mut cmd = Command::new(program);
        cmd.args(args)
            .stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        terminal_env(&mut cmd);
        let home = tempfile::tempdir()?;
        // Its own cache too, unless the caller gives one (the scale bench).
        cmd.env("XDG_CACHE_HOME", home.path().join("cache"));
        cmd.envs(env.iter().copied());
        cmd.env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_STATE_HOME", home.path().join("state"));
        // SAFETY: only async-signal-safe calls between fork and exec: a new
        // session, and the pty (now stdin) as its controlling terminal, so
        // the program gets SIGWINCH and /dev/tty like in a real terminal.
        unsafe {
            cmd.pre_exec(|| {
                cvt(libc::setsid())?;
                cvt(libc::ioctl(0, libc::TIOCSCTTY, 0))?;
                Ok(())
            });
        }
        let child = cmd.spawn()?;
        drop(cmd); // closes the parent's copies of the slave

        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                trace: Trace {
                    out: Vec::new(),
                    reads: Vec::new(),
                    delivered: Vec::new(),
                    arrivals: Vec::new(),
                    answers: Vec::new(),
                    screen_changed: None,
                    screen_changes: 0,
                    input_in_flight: 0,
                    eof: false,
                },
                parser: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
                last_text: String::new(),
                query_match: [0; 2],
                attribute_queries: 0,
            }),
            changed: Condvar::new(),
        });
        let writer = File::from(master.try_clone()?);
        let reader = File::from(master.try_clone()?);
        let (keys_tx, keys_rx) = mpsc::channel::<Input>();
        let (out_tx, out_rx) = mpsc::channel::<(Instant, Vec<u8>)>();
        {
            let shared = Arc::clone(&shared);
            thread::spawn(move || keys_to_program(keys_rx, writer, &shared));
        }
        {
            let shared = Arc::clone(&shared);
            thread::spawn(move || program_to_link(reader, out_tx, link, &shared));
        }
        {
            let shared = Arc::clone(&shared);
            let keys = keys_tx.clone();
            thread::spawn(move || link_to_terminal(out_rx, keys, link, &shared));
        }
        Ok(Session {
            child,
            master,
            shared,
            keys: keys_tx,
            link,
            cols,
            rows,
            _home: home,
        })
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.shared.state.lock().unwrap()
    }

    /// The terminal sends `bytes` (a key press); returns when it did.
    pub fn send(&self, bytes: &[u8]) -> Instant {
        let now = Instant::now();
        self.lock().trace.input_in_flight += bytes.len();
        let _ = self
            .keys
            .send((now + self.link.one_way, bytes.to_vec(), false));
        now
    }

    /// Look at what the harness saw and what the terminal shows.
    pub fn with<R>(&self, f: impl FnOnce(&Trace, &vt100::Screen) -> R) -> R {
        let st = self.lock();
        f(&st.trace, st.parser.screen())
    }

    /// Device-attribute queries (DA1) the terminal has read so far.
    pub fn attribute_queries(&self) -> usize {
        self.lock().attribute_queries
    }

    /// The terminal changes size: the pty's window size (the kernel sends
    /// the program SIGWINCH) and the emulator's screen.
    pub fn resize(&mut self, cols: u16, rows: u16) -> io::Result<()> {
        let ws = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ with a valid winsize on the pty master we own.
        cvt(unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &ws) })?;
        self.lock().parser.set_size(nonzero(rows), nonzero(cols));
        self.cols = cols;
        self.rows = rows;
        Ok(())
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn out_len(&self) -> usize {
        self.with(|t, _| t.out.len())
    }

    /// The terminal's rows as text: each wide character once, trailing
    /// blanks removed.
    pub fn screen_rows(&self) -> Vec<String> {
        self.with(|_, s| rows_of(s))
    }

    /// Wait until `pred` holds; false if `max` passed first.
    pub fn wait_for(&self, max: Duration, pred: impl Fn(&Trace, &vt100::Screen) -> bool) -> bool {
        let deadline = Instant::now() + max;
        let mut st = self.lock();
        loop {
            if pred(&st.trace, st.parser.screen()) {
                return true;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            st = self
                .shared
                .changed
                .wait_timeout(st, (deadline - now).min(Duration::from_millis(20)))
                .unwrap()
                .0;
        }
    }

    /// Wait until nothing is in flight either way and nothing happened for
    /// `quiet`: the program has answered everything it was sent.
    pub fn settle(&self, quiet: Duration, max: Duration) -> bool {
        self.wait_for(max, |t, _| {
            !t.in_flight() && t.last_activity().is_none_or(|a| a.elapsed() >= quiet)
        })
    }

    /// Send `keys` and wait (up to 10 s) for the program to exit.
    pub fn quit(mut self, keys: &[u8]) -> io::Result<std::process::ExitStatus> {
        self.send(keys);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(st) = self.child.try_wait()? {
                return Ok(st);
            }
            if Instant::now() > deadline {
                return Err(io::Error::other("the program did not exit"));
            }
            self.wait_for(Duration::from_millis(50), |t, _| t.eof);
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Sleep until `due` (no-op when it has passed).
fn sleep_until(due: Instant) {
    let now = Instant::now();
    if due > now {
        thread::sleep(due - now);
    }
}

/// The input half of the link: bytes reach the program when due.
/// Bytes from the terminal to the program: when they are due there, and
/// whether they answer a query (rather than being keys).
type Input = (Instant, Vec<u8>, bool);

/// The input half of the link: bytes reach the program when due.
fn keys_to_program(rx: Receiver<Input>, mut w: File, shared: &Shared) {
    for (due, bytes, answer) in rx {
        sleep_until(due);
        let ok = w.write_all(&bytes).is_ok();
        let mut st = shared.state.lock().unwrap();
        st.trace.input_in_flight -= bytes.len();
        if ok && answer {
            st.trace.answers.push(Instant::now());
        } else if ok {
            st.trace.arrivals.push((Instant::now(), bytes.len()));
        }
        shared.changed.notify_all();
    }
}

/// The program's side: read everything it writes, as it writes it, and put
/// it on the link (serialised at the link's rate, then delayed).
fn program_to_link(mut r: File, tx: Sender<(Instant, Vec<u8>)>, link: Link, shared: &Shared) {
    let mut buf = vec![0u8; 1 << 16];
    let mut link_free = Instant::now();
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) | Err(_) => break, // EIO once the program has exited
            Ok(n) => n,
        };
        let now = Instant::now();
        {
            let mut st = shared.state.lock().unwrap();
            st.trace.out.extend_from_slice(&buf[..n]);
            let end = st.trace.out.len();
            st.trace.reads.push((now, end));
        }
        shared.changed.notify_all();
        // Pieces small enough that a slow link delivers a frame gradually.
        for piece in buf[..n].chunks(if link.out_rate.is_some() { 256 } else { n }) {
            let sent = match link.out_rate {
                Some(rate) => {
                    let start = link_free.max(now);
                    link_free = start + Duration::from_secs_f64(piece.len() as f64 / rate as f64);
                    link_free
                }
                None => now,
            };
            if tx.send((sent + link.one_way, piece.to_vec())).is_err() {
                return;
            }
        }
    }
    drop(tx);
    let mut st = shared.state.lock().unwrap();
    st.trace.eof = true;
    shared.changed.notify_all();
}

/// The terminal's side: bytes arrive when due, the parser draws them, and
/// queries are answered over the link.
fn link_to_terminal(
    rx: Receiver<(Instant, Vec<u8>)>,
    keys: Sender<Input>,
    link: Link,
    shared: &Shared,
) {
    const QUERIES: [&[u8]; 2] = [b"\x1b[6n", b"\x1b[c"];
    for (due, bytes) in rx {
        sleep_until(due);
        let mut st = shared.state.lock().unwrap();
        let mut start = 0;
        for i in 0..bytes.len() {
            let b = bytes[i];
            let mut done = None;
            for (q, query) in QUERIES.iter().enumerate() {
                let m = &mut st.query_match[q];
                *m = if b == query[*m] {
                    *m + 1
                } else if b == query[0] {
                    1
                } else {
                    0
                };
                if *m == query.len() {
                    *m = 0;
                    done = Some(q);
                }
            }
            let Some(q) = done else { continue };
            st.parser.process(&bytes[start..=i]);
            start = i + 1;
            let answer = if q == 0 {
                let (row, col) = st.parser.screen().cursor_position();
                // Past the last column (a pending wrap) reports the last.
                let col = col.min(st.parser.screen().size().1.get() - 1);
                format!("\x1b[{};{}R", row + 1, col + 1).into_bytes()
            } else {
                st.attribute_queries += 1;
                if link.silent {
                    continue;
                }
                b"\x1b[?62;22c".to_vec()
            };
            st.trace.input_in_flight += answer.len();
            let _ = keys.send((Instant::now() + link.one_way, answer, true));
        }
        st.parser.process(&bytes[start..]);
        let now = Instant::now();
        let end = st.trace.delivered_len() + bytes.len();
        st.trace.delivered.push((now, end));
        let text = st.parser.screen().contents();
        if text != st.last_text {
            st.last_text = text;
            st.trace.screen_changed = Some(now);
            st.trace.screen_changes += 1;
        }
        drop(st);
        shared.changed.notify_all();
    }
}

/// A screen's rows as text: each wide character once, trailing blanks
/// removed.
pub fn rows_of(s: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = s.size();
    let (rows, cols) = (rows.get(), cols.get());
    (0..rows)
        .map(|r| {
            let mut line = String::new();
            for c in 0..cols {
                let Some(cell) = s.cell(r, c) else { continue };
                if cell.is_wide_continuation() {
                    continue;
                }
                let t = cell.contents();
                line.push_str(if t.is_empty() { " " } else { t });
            }
            line.truncate(line.trim_end_matches(' ').len());
            line
        })
        .collect()
}

/// The bytes of text a screen shows: the UTF-8 length of every row's text
/// (each wide character once, trailing blanks removed, no line breaks).
pub fn text_bytes(rows: &[String]) -> usize {
    rows.iter().map(String::len).sum()
}

/// The machine's load averages (1, 5, 15 min), printed beside numbers.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
