//! The reader on a real pty, read back through a terminal emulator (vt100):
//! what it writes draws the right page, also after the terminal changes
//! size; keys that arrive faster than frames (held over a slow link, or in
//! one burst) do not queue frames, and while frames wait for the
//! terminal's acknowledgement no key is lost or reordered; a terminal that
//! never answers still gets every page. Only facts that do not depend on
//! timing are asserted here; the times and byte counts are in
//! `benches/latency.rs` and `benches/bytes.rs`.

#[path = "../../benches/common/pty.rs"]
mod pty;
#[path = "../../benches/common/reader.rs"]
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

/// The bytes a terminal sends for a key as the keymap names it.
fn key_bytes(k: &str) -> Vec<u8> {
    match k {
        "pagedown" => PGDN.to_vec(),
        "pageup" => b"\x1b[5~".to_vec(),
        "space" => b" ".to_vec(),
        "down" => b"\x1b[B".to_vec(),
        "up" => b"\x1bOA".to_vec(),
        "ctrl-d" => b"\x04".to_vec(),
        k => k.as_bytes().to_vec(),
    }
}

#[test]
fn under_pacing_no_key_is_lost_or_reordered() {
    // 64 kbit/s: a page takes 0.3 s on the wire, keys come every 33 ms,
    // so most keys arrive while a frame is unanswered and only the drawing
    // waits. Line and page moves both ways, then a prompt typed into:
    // one key lost or swapped and the screen is another.
    let dir = tempfile::tempdir().unwrap();
    let doc = reader::long_document(dir.path());
    let link = Link::round_trip(200).with_rate(8_000);
    let s = reader::open(&bin(), &doc, 80, 24, link);
    let moves = [
        "j", "j", "pagedown", "k", "down", "ctrl-d", "up", "j", "u", "space", "k", "b", "j",
        "pageup", "d", "pagedown",
    ];
    let mut keys: Vec<&str> = moves.iter().cycle().take(80).copied().collect();
    keys.extend([":", "1", "2", "x", "y", "3", "z", "中", "文"]);
    let before = s.with(|t, _| reader::frame_ends(t).len());
    let start = Instant::now();
    for (i, k) in keys.iter().enumerate() {
        if let Some(d) =
            (start + Duration::from_millis(33) * i as u32).checked_duration_since(Instant::now())
        {
            sleep(d);
        }
        s.send(&key_bytes(k));
    }
    let want = reader::expected_after(&doc, &keys, 80, 24);
    assert_eq!(reader::wait_for_rows(&s, &want), want);
    assert!(want.iter().any(|r| r.contains("12xy3z中文")), "{want:#?}");
    // The frames were coalesced: far fewer than keys.
    let frames = s.with(|t, _| reader::frame_ends(t).len()) - before;
    assert!(
        frames < keys.len() / 2,
        "{frames} frames for {} keys",
        keys.len()
    );
    assert!(s.attribute_queries() > 0);
    // Esc closes the prompt (alone: ESC and Q in one read is Alt-Q).
    s.send(b"\x1b");
    s.settle(Duration::from_millis(300), Duration::from_secs(30));
    assert!(s.quit(b"Q").unwrap().success());
}

#[test]
fn a_terminal_that_never_answers_still_works_and_is_asked_no_more() {
    let doc = seed("004_5eef2dcfcacf4ebd");
    let s = reader::open(&bin(), &doc, 80, 24, Link::default().silent());
    let asked = s.attribute_queries();
    assert!(
        (1..=2).contains(&asked),
        "{asked} queries before the first answer was given up"
    );
    for page in 1..=8 {
        s.send(PGDN);
        let want = reader::expected_rows(&doc, page, 80, 24);
        assert_eq!(
            reader::wait_for_rows(&s, &want),
            want,
            "after {page} page-downs"
        );
    }
    assert_eq!(s.attribute_queries(), asked, "asked again after giving up");
    assert!(s.quit(b"Q").unwrap().success());
}

#[test]
fn a_resized_terminal_shows_the_page_at_its_new_size() {
    let doc = seed("004_5eef2dcfcacf4ebd");
    let mut s = reader::open(&bin(), &doc, 80, 24, Link::default());
    let mut steps: Vec<&str> = Vec::new();
    for step in [
        "j", "j", "pagedown", "=60x16", "j", "k", "pagedown", "=100x30", "j", "=80x24", "j",
    ] {
        steps.push(step);
        match step.strip_prefix('=').and_then(|s| s.split_once('x')) {
            Some((w, h)) => s.resize(w.parse().unwrap(), h.parse().unwrap()).unwrap(),
            None => {
                s.send(&key_bytes(step));
            }
        }
        let want = reader::expected_after(&doc, &steps, 80, 24);
        assert_eq!(reader::wait_for_rows(&s, &want), want, "after {steps:?}");
    }
    assert!(s.quit(b"Q").unwrap().success());
}
