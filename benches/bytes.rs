//! Bytes on the wire: what tifa writes to an 80×24 terminal for 20
//! page-downs, against `less` on the same laid-out text, against the text
//! the screens show. Over SSH on a slow link every byte is time.
//!
//! Both programs run on a real pty (`common/pty.rs`) with TERM=xterm-256color
//! and a UTF-8 locale; every byte they write is counted, and a vt100 parser
//! plays the terminal so the harness knows what each screen shows.
//!
//! * **start-up**: everything written before the first page-down (tifa: the
//!   document list, then Enter and the first page; less: the first page).
//!   Reported, not budgeted.
//! * **20 × PgDn**: everything written from the first page-down until the
//!   program is quiet after the twentieth.
//! * **text shown**: for every page-down after which the screen differs from
//!   the one before, the sum over its rows of the UTF-8 bytes of the row's
//!   text (each wide character once, trailing blanks removed, no line
//!   breaks); status lines included. A page-down at the end of the document
//!   shows nothing new and adds nothing.
//!
//! Budget (the issue): tifa's 20 × PgDn bytes ≤ 1.5 × text shown + 2 KiB.
//! The 1.5 covers what a full repaint needs beyond the text: a cursor move
//! per row and at each uncertain-width character, style changes, the
//! per-frame brackets. The fixed 2 KiB is for a one-off full repaint (a
//! redraw when the slogan index arrives, a status message) that a test run
//! may or may not hit. Exits 1 when over budget.
//!
//! The same 20 page-downs are also drawn in-process, without a pty, through
//! ratatui's crossterm backend and through tifa's own (`src/tui/backend.rs`)
//! to show what the backend saves on identical frames.
//!
//! **40 × j** (seed 004): everything written for 40 one-line moves, each
//! after the program is quiet, by tifa, by tifa with `TIFA_SCROLL_REGION=off`
//! (a redraw of the text, as before it scrolled by the terminal), and by
//! `less` on the laid-out text. Budget (the issue): tifa ≤ 1.5 × less; the
//! screens scrolled to and redrawn must be the same.
//!
//! Run: `cargo bench --bench bytes` (needs `less` on PATH).

#[path = "common/pty.rs"]
mod pty;

use pty::{Link, Session, ENTER, PGDN};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const COLS: u16 = 80;
const ROWS: u16 = 24;
const PAGES: usize = 20;
/// Line moves (`j`) in the line-scroll case, and its budget against less.
const LINES: usize = 40;
const LINE_RATIO: f64 = 1.5;
/// The budget: bytes ≤ RATIO × text + OVERHEAD.
const RATIO: f64 = 1.5;
const OVERHEAD: usize = 2048;

struct Run {
    startup: usize,
    startup_text: usize,
    pages: usize,
    text: usize,
    /// Page-downs after which the screen changed.
    shown: usize,
}

/// Press PgDn `PAGES` times, waiting after each until the program is quiet.
fn page_down(s: &Session, startup_text: usize) -> Run {
    let startup = s.out_len();
    let mut prev = s.screen_rows();
    let (mut text, mut shown) = (0, 0);
    for _ in 0..PAGES {
        s.send(PGDN);
        assert!(
            s.settle(Duration::from_millis(250), Duration::from_secs(10)),
            "the program did not settle"
        );
        let rows = s.screen_rows();
        if rows != prev {
            text += pty::text_bytes(&rows);
            shown += 1;
        }
        prev = rows;
    }
    Run {
        startup,
        startup_text,
        pages: s.out_len() - startup,
        text,
        shown,
    }
}

/// tifa on `doc`, opened: the list, Enter, the first page, quiet.
fn open_tifa(bin: &Path, doc: &Path, env: &[(&str, &str)]) -> Session {
    let s = Session::spawn_env(
        bin,
        &["--ambiwidth", "1", doc.to_str().unwrap()],
        env,
        COLS,
        ROWS,
        Link::default(),
    )
    .expect("tifa starts on a pty");
    assert!(
        s.wait_for(Duration::from_secs(10), |_, sc| sc
            .contents()
            .contains("篇文档")),
        "tifa's list did not appear"
    );
    s.settle(Duration::from_millis(300), Duration::from_secs(10));
    s.send(ENTER);
    // The first page, then the redraw when the slogan index is ready.
    s.settle(Duration::from_millis(800), Duration::from_secs(10));
    s
}

fn tifa(bin: &Path, doc: &Path) -> Run {
    let s = open_tifa(bin, doc, &[]);
    let first = pty::text_bytes(&s.screen_rows());
    let run = page_down(&s, first);
    let st = s.quit(b"Q").expect("tifa quits");
    assert!(st.success(), "tifa exited with {st}");
    run
}

/// Press `j` `LINES` times, waiting after each until the program is quiet:
/// the bytes written, and the screen at the end.
fn line_moves(s: &Session) -> (usize, Vec<String>) {
    let before = s.out_len();
    for _ in 0..LINES {
        s.send(b"j");
        assert!(
            s.settle(Duration::from_millis(150), Duration::from_secs(10)),
            "the program did not settle"
        );
    }
    (s.out_len() - before, s.screen_rows())
}

fn less(text: &Path) -> Option<Run> {
    let s = Session::spawn(
        Path::new("less"),
        &[text.to_str().unwrap()],
        COLS,
        ROWS,
        Link::default(),
    )
    .ok()?;
    s.wait_for(Duration::from_secs(10), |t, _| !t.out.is_empty());
    s.settle(Duration::from_millis(500), Duration::from_secs(10));
    let first = pty::text_bytes(&s.screen_rows());
    let run = page_down(&s, first);
    let _ = s.quit(b"q");
    Some(run)
}

/// The bytes of the 20 page-down frames of document `id`, drawn in-process
/// through ratatui's crossterm backend and through tifa's backend.
fn in_process(id: &str) -> (usize, usize) {
    use ratatui::backend::{Backend, CrosstermBackend};
    use ratatui::Terminal;
    use std::cell::RefCell;
    use std::io::Write;
    use std::rc::Rc;
    use tifa::tui::action::Action;

    /// ratatui's crossterm backend hides its writer: share one.
    #[derive(Clone, Default)]
    struct Sink(Rc<RefCell<Vec<u8>>>);
    impl Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    fn pages<B: Backend>(id: &str, t: &mut Terminal<B>, sink: &Sink) -> usize
    where
        B::Error: std::fmt::Debug,
    {
        let mut app = tifa::tui::app::App::new(
            tifa::corpus::Corpus::builtin(),
            tifa::page::ViewOptions::default(),
            (COLS, ROWS),
        );
        app.styles =
            tifa::tui::style::Styles::builtin("default", tifa::tui::theme::ColorDepth::Indexed256);
        let d = app.corpus.docs.iter().position(|d| d.id == id).unwrap();
        app.open(d);
        t.draw(|f| tifa::tui::draw::draw(&app, f)).unwrap();
        sink.0.borrow_mut().clear();
        for _ in 0..PAGES {
            app.update(Action::PageDown);
            t.draw(|f| tifa::tui::draw::draw(&app, f)).unwrap();
        }
        let n = sink.0.borrow().len();
        n
    }
    let area = ratatui::layout::Rect::new(0, 0, COLS, ROWS);
    let fixed = ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(area),
    };
    let sink = Sink::default();
    let mut ct =
        Terminal::with_options(CrosstermBackend::new(sink.clone()), fixed.clone()).unwrap();
    let crossterm = pages(id, &mut ct, &sink);
    let sink = Sink::default();
    let ours = tifa::tui::backend::ByteBackend::with_size(sink.clone(), COLS, ROWS);
    let mut bt = Terminal::with_options(ours, fixed).unwrap();
    (crossterm, pages(id, &mut bt, &sink))
}

fn main() {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_tifa"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    println!("load average before: {}", pty::load_average());
    println!(
        "{:<10} {:>8} {:>9} {:>8} {:>10} {:>7} {:>8} {:>9}",
        "document", "program", "start-up", "(text)", "20×PgDn", "pages", "text", "bytes/text"
    );
    let mut over = false;
    for id in ["002_db62700750f2c61f", "004_5eef2dcfcacf4ebd"] {
        let doc = root.join("corpus").join(format!("{id}.txt"));
        let shown = Command::new(&bin)
            .args(["show", id, "--width", "80", "--ambiwidth", "1"])
            .output()
            .expect("tifa show runs");
        let laid_out = dir.path().join(format!("{id}.txt"));
        std::fs::write(&laid_out, &shown.stdout).unwrap();

        let t = tifa(&bin, &doc);
        let l = less(&laid_out);
        let seed = &id[..3];
        for (name, r) in [("tifa", Some(&t)), ("less", l.as_ref())] {
            match r {
                Some(r) => println!(
                    "{:<10} {:>8} {:>9} {:>8} {:>10} {:>7} {:>8} {:>9.2}",
                    format!("seed {seed}"),
                    name,
                    r.startup,
                    r.startup_text,
                    r.pages,
                    r.shown,
                    r.text,
                    r.pages as f64 / r.text.max(1) as f64
                ),
                None => println!("{:<10} {:>8}   (less is not installed)", "", name),
            }
        }
        let budget = (RATIO * t.text as f64) as usize + OVERHEAD;
        let verdict = if t.pages <= budget { "within" } else { "OVER" };
        println!(
            "{:<10} budget {RATIO} × {} + {OVERHEAD} = {budget}: tifa {} is {verdict} budget",
            "", t.text, t.pages
        );
        over |= t.pages > budget;
        let (crossterm, ours) = in_process(id);
        println!(
            "{:<10} in-process, same 20 frames: ratatui crossterm backend {crossterm}, tifa's backend {ours} ({:.0}% less)",
            "",
            100.0 * (1.0 - ours as f64 / crossterm as f64)
        );
    }
    over |= line_scroll(&bin, root, dir.path());
    println!("load average after: {}", pty::load_average());
    if over {
        // exit skips destructors: the temporary folder goes first.
        drop(dir);
        std::process::exit(1);
    }
}

/// 40 × `j` on seed 004: tifa (and tifa with scroll regions off, as it was
/// before it scrolled by the terminal) against less. True if over budget.
fn line_scroll(bin: &Path, root: &Path, dir: &Path) -> bool {
    let id = "004_5eef2dcfcacf4ebd";
    let doc = root.join("corpus").join(format!("{id}.txt"));
    let laid_out = dir.join(format!("{id}.txt"));
    let run = |env: &[(&str, &str)]| {
        let s = open_tifa(bin, &doc, env);
        let r = line_moves(&s);
        let st = s.quit(b"Q").expect("tifa quits");
        assert!(st.success(), "tifa exited with {st}");
        r
    };
    let (ours, screen) = run(&[]);
    let (redraw, redrawn) = run(&[("TIFA_SCROLL_REGION", "off")]);
    let less = Session::spawn(
        Path::new("less"),
        &[laid_out.to_str().unwrap()],
        COLS,
        ROWS,
        Link::default(),
    )
    .ok()
    .map(|s| {
        s.wait_for(Duration::from_secs(10), |t, _| !t.out.is_empty());
        s.settle(Duration::from_millis(500), Duration::from_secs(10));
        let (n, _) = line_moves(&s);
        let _ = s.quit(b"q");
        n
    });
    println!();
    println!(
        "{:<36} {:>8} {:>8} {:>8}",
        format!("{LINES} × j, seed 004, {COLS}×{ROWS}"),
        "bytes",
        "per j",
        "× less"
    );
    let row = |name: &str, n: usize| {
        let vs = less.map_or(String::from("-"), |l| {
            format!("{:.2}", n as f64 / l.max(1) as f64)
        });
        println!("{name:<36} {n:>8} {:>8.0} {vs:>8}", n as f64 / LINES as f64);
    };
    row("tifa", ours);
    row("tifa, TIFA_SCROLL_REGION=off", redraw);
    let same = screen == redrawn;
    if !same {
        println!("  WRONG SCREEN: scrolling by the terminal ended elsewhere than redrawing");
    }
    let Some(l) = less else {
        println!("{:<36}   (less is not installed)", "less");
        return !same;
    };
    row("less", l);
    let budget = (LINE_RATIO * l as f64) as usize;
    let verdict = if ours <= budget { "within" } else { "OVER" };
    println!("budget {LINE_RATIO} × less = {budget}: tifa {ours} is {verdict} budget");
    ours > budget || !same
}
