//! End to end in a real terminal: the release-like binary in a tmux pane.
//! Skips (with the reason printed) when tmux is missing, except under
//! CI=true, where it must run.

mod common;
use common::tmux::{assert_terminal_restored, children_of, shell, tmux_or_skip};

#[test]
fn terminal_is_restored_after_a_panic_and_after_sigterm_and_sighup() {
    let Some(t) = tmux_or_skip("signals") else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_tifa");
    shell(&t, 80, 24);
    t.keys(&[&format!("TIFA_TEST_PANIC=1 '{bin}' --ambiwidth 1"), "Enter"]);
    t.wait_for("the panic message", |s| s.contains("panicking on purpose"));
    assert_terminal_restored(&t);
    for sig in ["TERM", "HUP"] {
        t.keys(&["clear", "Enter"]);
        t.keys(&[&format!("'{bin}' --ambiwidth 1; echo exit-$?"), "Enter"]);
        t.wait_for("the document list", |s| s.contains("篇文档"));
        let shell_pid: i32 = t
            .cmd(&["display", "-p", "-t", "e2e", "#{pane_pid}"])
            .trim()
            .parse()
            .unwrap();
        let child = children_of(shell_pid);
        assert_eq!(
            child.len(),
            1,
            "tifa should be the shell's one child: {child:?}"
        );
        let signal = if sig == "TERM" {
            libc::SIGTERM
        } else {
            libc::SIGHUP
        };
        // SAFETY: sends a signal to a process this test started.
        assert_eq!(unsafe { libc::kill(child[0], signal) }, 0);
        t.wait_for("tifa to exit", |s| s.contains("exit-"));
        assert_terminal_restored(&t);
    }
}

#[test]
fn reader_in_tmux_pages_resizes_and_restores_the_terminal() {
    let Some(t) = tmux_or_skip("reader") else {
        return;
    };
    let bin = env!("CARGO_BIN_EXE_tifa");
    shell(&t, 80, 24);
    t.keys(&[&format!("'{bin}' --ambiwidth 1"), "Enter"]);
    t.wait_for("the document list", |s| s.contains("篇文档"));
    // Seed 002 is the third document.
    t.keys(&["j", "j", "Enter"]);
    t.wait_for("seed 002", |s| s.contains("同志们"));
    t.keys(&["Space"]);
    let paged = t.wait_for("the second page", |s| !s.contains("同志们"));
    t.cmd(&["resize-window", "-t", "e2e", "-x", "50", "-y", "24"]);
    let narrow = t.wait_for("a re-laid-out screen", |s| {
        s.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 50)
            && s.contains("A=1")
    });
    assert_ne!(paged, narrow);
    let text_lines: Vec<&str> = narrow.lines().take(23).collect();
    // Re-laid out to the new width: full lines fill most of 50 cells.
    assert!(
        text_lines
            .iter()
            .any(|l| unicode_width::UnicodeWidthStr::width(*l) >= 46),
        "{narrow}"
    );
    for l in &text_lines {
        let l = l.trim_start();
        assert!(
            !l.starts_with('，') && !l.starts_with('。'),
            "line starts with punctuation: {l:?}\n{narrow}"
        );
    }
    t.keys(&["Q"]);
    t.wait_for("the shell again", |s| !s.contains("A=1"));
    assert_eq!(
        t.cmd(&["display", "-p", "-t", "e2e", "#{alternate_on}"])
            .trim(),
        "0"
    );
    t.keys(&["echo status-$?", "Enter"]);
    t.wait_for("a clean exit", |s| s.contains("status-0"));
}
