//! tifa's reader on a pty: open a document, know which page it should show,
//! count the frames it drew. Shared by the latency bench and the slow-link
//! tests (with `pty.rs`).
#![allow(dead_code)]

use super::pty::{self, Link, Session, Trace, ENTER};
use std::path::{Path, PathBuf};
use std::time::Duration;
use tifa::corpus::Corpus;
use tifa::page::ViewOptions;
use tifa::tui::action::Action;
use tifa::tui::app::App;

/// A document long enough that 60 page-downs do not reach its end: seed
/// 004 four times over (about 80 pages at 80×24), as one document.
pub fn long_document(dir: &Path) -> PathBuf {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/004_5eef2dcfcacf4ebd.txt");
    let text = std::fs::read_to_string(seed).expect("the built-in corpus is in the repository");
    let path = dir.join("long.txt");
    std::fs::write(&path, text.repeat(4)).unwrap();
    path
}

/// Start the reader on `doc` (the only document) and open it: the list,
/// Enter, then quiet. `--ambiwidth 1` so no probe waits.
pub fn open(bin: &Path, doc: &Path, cols: u16, rows: u16, link: Link) -> Session {
    open_env(bin, doc, &[], cols, rows, link)
}

/// `open`, with `env` added to tifa's environment.
pub fn open_env(
    bin: &Path,
    doc: &Path,
    env: &[(&str, &str)],
    cols: u16,
    rows: u16,
    link: Link,
) -> Session {
    let s = Session::spawn_env(
        bin,
        &["--ambiwidth", "1", doc.to_str().unwrap()],
        env,
        cols,
        rows,
        link,
    )
    .expect("tifa starts on a pty");
    assert!(
        s.wait_for(Duration::from_secs(20), |_, sc| sc
            .contents()
            .contains("篇文档")),
        "tifa's list did not appear"
    );
    s.settle(Duration::from_millis(300), Duration::from_secs(20));
    s.send(ENTER);
    assert!(
        s.wait_for(Duration::from_secs(20), |_, sc| !sc
            .contents()
            .contains("篇文档")),
        "the document did not open"
    );
    s.settle(Duration::from_millis(800), Duration::from_secs(20));
    s
}

/// The rows tifa should show for `doc` after `pages` page-downs, from the
/// same code on ratatui's TestBackend.
pub fn expected_rows(doc: &Path, pages: usize, cols: u16, rows: u16) -> Vec<String> {
    let corpus = Corpus::load(&[doc.to_path_buf()]);
    let mut app = App::new(corpus, ViewOptions::default(), (cols, rows));
    app.open(0);
    for _ in 0..pages {
        app.update(Action::PageDown);
    }
    rows_drawn(&app, cols, rows)
}

/// The rows tifa should show for `doc` (opened at `cols`×`rows`) after
/// `steps`: keys as the keymap writes them (`j`, `pagedown`, `ctrl-d`),
/// and `=WxH` for the terminal changing size.
pub fn expected_after(doc: &Path, steps: &[&str], cols: u16, rows: u16) -> Vec<String> {
    let corpus = Corpus::load(&[doc.to_path_buf()]);
    let mut app = App::new(corpus, ViewOptions::default(), (cols, rows));
    app.open(0);
    let (mut w, mut h) = (cols, rows);
    for step in steps {
        if let Some((sw, sh)) = step.strip_prefix('=').and_then(|s| s.split_once('x')) {
            (w, h) = (sw.parse().unwrap(), sh.parse().unwrap());
            app.resize(w, h);
        } else {
            app.key(tifa::tui::keymap::Key::parse(step).expect("a key the keymap knows"));
        }
    }
    rows_drawn(&app, w, h)
}

fn rows_drawn(app: &App, cols: u16, rows: u16) -> Vec<String> {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(cols, rows)).unwrap();
    t.draw(|f| tifa::tui::draw::draw(app, f)).unwrap();
    let buf = t.backend().buffer();
    (0..rows)
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0;
            for x in 0..cols {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let sym = buf[(x, y)].symbol();
                line.push_str(sym);
                skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            line.truncate(line.trim_end_matches(' ').len());
            line
        })
        .collect()
}

/// Wait (up to 30 s) until the terminal shows `rows`, then until the
/// program is quiet; the rows it shows in the end.
pub fn wait_for_rows(s: &Session, rows: &[String]) -> Vec<String> {
    s.wait_for(Duration::from_secs(30), |_, sc| pty::rows_of(sc) == rows);
    s.settle(Duration::from_millis(300), Duration::from_secs(30));
    s.screen_rows()
}

/// Offsets in the program's output just past the end of each frame:
/// tifa's backend closes every frame with the synchronized-output bracket;
/// ratatui's crossterm backend hides the cursor once per frame.
pub fn frame_ends(t: &Trace) -> Vec<usize> {
    let ends = t.ends_of(pty::FRAME_END);
    if ends.is_empty() {
        t.ends_of(b"\x1b[?25l")
    } else {
        ends
    }
}
