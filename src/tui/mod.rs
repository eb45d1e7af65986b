//! The terminal reader: the event loop, terminal set-up and restore.
//!
//! The Elm architecture: input becomes an `Action` (keymap), only
//! `App::update` changes state, `draw` only draws. The loop handles every
//! pending event before it draws, and draws only when something changed,
//! so held keys over a slow link never queue frames.
//!
//! What always holds: the terminal is restored on quit, on error, on panic
//! (panic hook), on SIGTERM and SIGHUP, and around Ctrl-Z.

pub mod action;
pub mod app;
pub mod backend;
pub mod draw;
mod draw_finder;
pub mod find;
pub mod finder;
pub mod keymap;
pub mod probe;
pub mod style;

use crate::cli::ViewArgs;
use crate::corpus::Corpus;
use crate::text::width::AmbiWidth;
use app::App;
use backend::ByteBackend;
use crossterm::event::{self, Event};
use crossterm::{cursor, execute, terminal};
use keymap::Key;
use ratatui::Terminal;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Put the terminal back: leave the alternate screen, show the cursor,
/// leave raw mode. Safe to call twice; errors are ignored (the terminal
/// may be gone, as when SSH drops).
pub fn restore_terminal() {
    let mut out = io::stdout();
    let _ = execute!(out, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = terminal::disable_raw_mode();
    let _ = out.flush();
}

fn enter_terminal() -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)
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

/// Run the reader on a loaded corpus.
pub fn run(corpus: Corpus, args: &ViewArgs) -> io::Result<i32> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        eprintln!(
            "tifa: the reader needs a terminal; for scripts use `tifa list`, \
             `tifa outline DOC` or `tifa show DOC`"
        );
        return Ok(2);
    }
    let term_signal = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&term_signal))?;
    }
    install_panic_hook();
    let mut opts = args.options(80);
    enter_terminal()?;
    let _guard = Guard;
    if args.ambiwidth.is_none() {
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
    let mut app = App::new(corpus, opts, (size.width, size.height));
    app.start_indexing();
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| draw::draw(&app, f))?;
            dirty = false;
        }
        if term_signal.load(Ordering::Relaxed) {
            break;
        }
        // Wait for input, waking now and then to notice signals and what
        // the index and search workers have sent (at most ~30 redraws a
        // second for those).
        let wait = if app.busy() { 33 } else { 200 };
        if !event::poll(Duration::from_millis(wait))? {
            dirty |= app.tick();
            continue;
        }
        // Handle everything that is pending, then draw once.
        loop {
            match event::read()? {
                Event::Key(k) => {
                    if let Some(key) = Key::from_event(&k) {
                        dirty |= app.key(key);
                    }
                }
                Event::Resize(w, h) => dirty |= app.resize(w, h),
                _ => {}
            }
            if app.quit || app.suspend || !event::poll(Duration::ZERO)? {
                break;
            }
        }
        dirty |= app.tick();
        if app.quit {
            break;
        }
        if app.suspend {
            app.suspend = false;
            suspend(&mut terminal)?;
            let size = terminal.size()?;
            app.resize(size.width, size.height);
            dirty = true;
        }
    }
    Ok(0)
}

/// Ctrl-Z: give the terminal back, stop, and take it again on `fg`.
fn suspend<W: Write>(terminal: &mut Terminal<ByteBackend<W>>) -> io::Result<()> {
    restore_terminal();
    // SAFETY: raise() only sends a signal to this process; SIGTSTP stops it
    // until SIGCONT, then returns.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    enter_terminal()?;
    terminal.clear()
}
