//! The terminal reader: the event loop, terminal set-up and restore.
//!
//! Input becomes a `Key` (`keys`) and the key table an `Action`; the
//! router (`app`) hands them to the screens that are up (`screens`, one
//! `component::Component` each), which change state; `draw` only draws
//! them. The loop handles every
//! pending event before it draws, and draws only when something changed
//! and the terminal has taken in the frames before (`pace`), so held keys
//! over a slow link never queue frames. Keys are read and parsed by
//! `input`, which also sees the terminal's answers the pacing waits for.
//!
//! What always holds: the terminal is restored on quit, on error, on panic
//! (panic hook), on SIGTERM and SIGHUP, and around Ctrl-Z.

pub mod app;
pub mod backend;
pub mod clipboard;
pub mod component;
pub mod context;
pub mod draw;
pub mod find;
pub mod indexes;
pub mod input;
pub mod keys;
pub mod pace;
pub mod probe;
pub mod reading;
pub mod saved;
pub mod screens;
pub mod style;
pub mod widgets;
pub mod years;

// The actions, keys and themes are configuration (`config`); these are
// their old paths, which the backend's tests and the benches still use.
pub use crate::config::{action, keys as keymap, theme};

use crate::config::{self, theme::Themes, Key, Overrides};
use crate::corpus::Corpus;
use crate::text::width::AmbiWidth;
use app::App;
use backend::ByteBackend;
use crossterm::event::{self, Event};
use crossterm::{cursor, execute, terminal};
use input::{Input, Reply};
use ratatui::Terminal;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// Put the terminal back: no scroll region (the backend never leaves one
/// set, but a write may have been cut off), leave the alternate screen,
/// show the cursor, leave raw mode. Safe to call twice; errors are
/// ignored (the terminal may be gone, as when SSH drops).
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = out.write_all(b"\x1b[r");
    let _ = execute!(
        out,
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

fn enter_terminal(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        execute!(io::stdout(), event::EnableMouseCapture)?;
    }
    Ok(())
}

/// Has the terminal hung up (POLLHUP on stdin)?
fn tty_hung_up() -> bool {
    let mut fds = [libc::pollfd {
        fd: 0,
        events: 0,
        revents: 0,
    }];
    // SAFETY: one valid pollfd, zero timeout.
    let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) };
    n > 0 && fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Restores the terminal when dropped, on every way out of `run`.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        prev(info);
    }));
}

/// Run the reader on a library: its documents' text, outlines and indexes
/// are read from its cache as the screens need them.
pub fn run(lib: crate::index::Library, args: &Overrides) -> io::Result<i32> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "tifa: the reader needs a terminal; for scripts use `tifa list`, \
             `tifa outline DOC` or `tifa show DOC`"
        );
        return Ok(2);
    }
    // Configuration, themes and saved state, before the terminal changes:
    // their warnings go to stderr where they can be read.
    let (mut cfg, mut warnings) = config::Config::load(config::config_path().as_deref());
    cfg.apply(args);
    let themes = Themes::load(config::theme::user_dir().as_deref());
    warnings.extend(themes.errors.iter().map(|e| e.to_string()));
    let (theme_name, unknown) = config::theme::choose(&themes, &cfg.theme, style::no_color());
    warnings.extend(unknown);
    let store = crate::store::default_dir().map(|d| crate::store::Store::open(&d));
    if let Some(s) = &store {
        warnings.extend(s.warnings.iter().cloned());
    }
    for w in &warnings {
        eprintln!("tifa: warning: {w}");
    }

    let term_signal = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&term_signal))?;
    }
    install_panic_hook();
    let mut opts = cfg.view_options();
    enter_terminal(cfg.mouse)?;
    let _guard = Guard;
    if cfg.ambiwidth == config::Ambi::Auto {
        opts.layout.ambi =
            probe::ambiguous_width(Duration::from_millis(300)).unwrap_or(AmbiWidth::One);
    }
    let mut terminal = Terminal::new(ByteBackend::new(io::stdout()))?;
    terminal.clear()?;
    // For the end-to-end test that a panic leaves the terminal usable.
    if std::env::var_os("TIFA_TEST_PANIC").is_some() {
        panic!("TIFA_TEST_PANIC is set: panicking on purpose");
    }
    let size = terminal.size()?;
    let lib = Arc::new(lib);
    let corpus = Corpus {
        docs: lib.docs.clone(),
        ..Corpus::default()
    };
    let mut app = App::new(corpus, opts, (size.width, size.height));
    app.cx.use_library(Arc::clone(&lib));
    app.keymap = cfg.keymap.clone();
    app.themes = themes;
    app.set_theme(&theme_name);
    if let Some(s) = store {
        app.set_store(s);
    }
    if let Some(w) = warnings.first() {
        app.message = Some(if warnings.len() > 1 {
            format!("{w} (and {} more, printed on quit)", warnings.len() - 1)
        } else {
            w.clone()
        });
    }
    app.start_indexing();
    let res = event_loop(&mut app, &mut terminal, &term_signal, cfg.mouse);
    // Whatever ended the loop (quit, a signal, the terminal gone), the
    // reading state is written.
    app.save_state();
    drop(terminal);
    drop(_guard);
    for w in &warnings {
        eprintln!("tifa: warning: {w}");
    }
    for w in lib.take_warnings() {
        eprintln!("tifa: warning: {w}");
    }
    res.map(|()| 0)
}

fn event_loop(
    app: &mut App,
    terminal: &mut Terminal<ByteBackend<io::Stdout>>,
    term_signal: &AtomicBool,
    mouse: bool,
) -> io::Result<()> {
    let input = input::spawn();
    let mut pacer = pace::Pacer::from_env();
    let mut queue = std::collections::VecDeque::new();
    let mut dirty = true;
    loop {
        pacer.tick(Instant::now());
        if dirty && pacer.ready(Instant::now()) {
            terminal.backend_mut().set_acks(pacer.asking());
            terminal.draw(|f| draw::draw(app, f))?;
            if let Some(sent) = terminal.backend_mut().take_sent() {
                pacer.sent(Instant::now(), sent);
            }
            dirty = false;
        }
        if let Some(text) = app.clipboard.take() {
            let mut out = io::stdout();
            out.write_all(clipboard::osc52(&text).as_bytes())?;
            out.flush()?;
        }
        if term_signal.load(Ordering::Relaxed) || tty_hung_up() {
            break;
        }
        // Wait for input, waking now and then to notice signals, what the
        // index and search workers have sent (at most ~30 redraws a second
        // for those), and reading state to save; and, with a frame held
        // back, when the pacer would let it go without an answer.
        let mut wait = Duration::from_millis(if app.busy() { 33 } else { 200 });
        if dirty {
            if let Some(w) = pacer.wait(Instant::now()) {
                wait = wait.min(w);
            }
        }
        if queue.is_empty() {
            match input.recv_timeout(wait) {
                Ok(batch) => queue.extend(batch),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    dirty |= app.tick();
                    app.autosave();
                    continue;
                }
                // The input thread stopped: the terminal is gone.
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        // Handle everything that is pending, then draw once. What comes
        // after a suspend waits in the queue for the resume.
        while let Ok(batch) = input.try_recv() {
            queue.extend(batch);
        }
        while let Some(ev) = queue.pop_front() {
            match ev? {
                Input::Event(Event::Key(k)) => {
                    app.cx.progress.key();
                    if let Some(key) = Key::from_event(&k) {
                        dirty |= app.key(key);
                    }
                }
                Input::Event(Event::Resize(w, h)) => dirty |= app.resize(w, h),
                Input::Event(Event::Mouse(m)) if mouse => dirty |= app.mouse(m.kind),
                Input::Reply(Reply::Attributes) => pacer.answer(Instant::now()),
                _ => {}
            }
            if app.quit || app.suspend {
                break;
            }
        }
        dirty |= app.tick();
        app.autosave();
        if app.quit {
            break;
        }
        if app.suspend {
            app.suspend = false;
            app.save_state();
            restore_terminal();
            // SAFETY: raise() only sends a signal to this process; SIGTSTP
            // stops it until SIGCONT, then returns.
            unsafe {
                libc::raise(libc::SIGTSTP);
            }
            enter_terminal(mouse)?;
            terminal.clear()?;
            pacer.reset();
            let size = terminal.size()?;
            app.resize(size.width, size.height);
            dirty = true;
        }
    }
    Ok(())
}
