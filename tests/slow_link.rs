//! The reader on a real pty, read back through a terminal emulator (vt100):
//! what it writes draws the right page, and keys that arrive faster than
//! frames (held over a slow link, or in one burst) do not queue frames.
//! Only facts that do not depend on timing are asserted here; the times and
//! byte counts are in `benches/latency.rs` and `benches/bytes.rs`.

#[path = "../benches/common/pty.rs"]
mod pty;
#[path = "../benches/common/reader.rs"]
mod reader;

use pty::{Link, PGDN};
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_tifa"))
}

fn seed(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(format!("{id}.txt"))
}

/// Frames tifa finished after `when` (as seen on its side of the pty).
fn frames_after(s: &pty::Session, when: Instant) -> usize {
    s.with(|t, _| {
        reader::frame_ends(t)
            .iter()
            .filter(|&&e| t.read_time(e - 1).is_some_and(|r| r > when))
            .count()
    })
}

/// PgDn `pages` times; after each, the terminal shows exactly what the
/// reader draws for that page. Then quit cleanly.
fn page_through(s: pty::Session, doc: &std::path::Path, pages: usize, cols: u16, rows: u16) {
    for page in 1..=pages {
        s.send(PGDN);
        let want = reader::expected_rows(doc, page, cols, rows);
        assert_eq!(
            reader::wait_for_rows(&s, &want),
            want,
            "after {page} page-downs"
        );
    }
    assert!(s.quit(b"Q").unwrap().success());
}

#[test]
fn every_page_of_seed_002_reaches_the_terminal_as_drawn() {
    let doc = seed("002_db62700750f2c61f");
    let s = reader::open(&bin(), &doc, 80, 24, Link::default());
    let first = reader::expected_rows(&doc, 0, 80, 24);
    assert_eq!(reader::wait_for_rows(&s, &first), first);
    page_through(s, &doc, 20, 80, 24);
}

#[test]
fn narrow_terminal_pages_reach_the_terminal_as_drawn() {
    // 45 columns: lines end at odd columns, so wide characters meet the
    // right edge and the status line is cut.
    let doc = seed("004_5eef2dcfcacf4ebd");
    let s = reader::open(&bin(), &doc, 45, 12, Link::default());
    page_through(s, &doc, 6, 45, 12);
}

#[test]
fn held_pgdn_over_a_200ms_link_ends_on_the_right_page_without_a_backlog() {
    let dir = tempfile::tempdir().unwrap();
    let doc = reader::long_document(dir.path());
    let s = reader::open(&bin(), &doc, 80, 24, Link::round_trip(200));
    // A held key: 30 repeats a second for a second.
    let start = Instant::now();
    for k in 0..30u32 {
        if let Some(d) =
            (start + Duration::from_millis(33) * k).checked_duration_since(Instant::now())
        {
            sleep(d);
        }
        s.send(PGDN);
    }
    let want = reader::expected_rows(&doc, 30, 80, 24);
    assert_eq!(reader::wait_for_rows(&s, &want), want);
    let last_key = s.with(|t, _| t.arrivals.last().unwrap().0);
    // One frame for the last key, and at most one that was being drawn
    // when it arrived.
    let late = frames_after(&s, last_key);
    assert!(late <= 2, "{late} frames after the last key arrived");
    assert!(s.quit(b"Q").unwrap().success());
}

#[test]
fn a_burst_of_30_page_downs_draws_at_most_two_frames() {
    let dir = tempfile::tempdir().unwrap();
    let doc = reader::long_document(dir.path());
    let s = reader::open(&bin(), &doc, 80, 24, Link::default());
    let sent = s.send(&PGDN.repeat(30));
    let want = reader::expected_rows(&doc, 30, 80, 24);
    assert_eq!(reader::wait_for_rows(&s, &want), want);
    let frames = frames_after(&s, sent);
    assert!((1..=2).contains(&frames), "{frames} frames for one burst");
    assert!(s.quit(b"Q").unwrap().success());
}
