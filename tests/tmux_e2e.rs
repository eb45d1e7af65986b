//! End to end in a real terminal: the release-like binary in a tmux pane.
//! Skips (with the reason printed) when tmux is missing, except under
//! CI=true, where it must run.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
    /// XDG_STATE_HOME and XDG_CONFIG_HOME for this test: never the user's.
    home: tempfile::TempDir,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn keys(&self, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", "e2e"];
        a.extend_from_slice(keys);
        self.cmd(&a);
    }
    fn screen(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", "e2e"])
    }
    /// Wait until the screen satisfies `f` (the program runs at its own pace).
    fn wait_for(&self, what: &str, f: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if f(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn tmux_or_skip(name: &str) -> Option<Tmux> {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("tmux is required under CI=true (.ci/run installs it)");
        }
        eprintln!("skipping: tmux is not installed");
        return None;
    }
    Some(Tmux {
        socket: format!("tifa-e2e-{name}-{}", std::process::id()),
        home: tempfile::tempdir().expect("a temporary directory"),
    })
}

/// A shell in a fresh tmux session, ready for commands.
fn shell(t: &Tmux, w: u16, h: u16) {
    t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        &w.to_string(),
        "-y",
        &h.to_string(),
        "env",
        "PS1=$ ",
        "TERM=xterm-256color",
        &format!("XDG_STATE_HOME={}/state", t.home.path().display()),
        &format!("XDG_CONFIG_HOME={}/config", t.home.path().display()),
        "sh",
    ]);
    t.wait_for("a shell prompt", |s| s.contains('$'));
}

/// Pids whose parent is `ppid` (from /proc: no procps needed).
fn children_of(ppid: i32) -> Vec<i32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid …; comm may hold spaces, so split after ')'.
        let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
            continue;
        };
        if rest
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<i32>().ok())
            == Some(ppid)
        {
            out.push(pid);
        }
    }
    out
}

/// The terminal is back to normal: main screen, canonical mode, echo.
fn assert_terminal_restored(t: &Tmux) {
    assert_eq!(
        t.cmd(&["display", "-p", "-t", "e2e", "#{alternate_on}"])
            .trim(),
        "0"
    );
    t.keys(&[
        "clear; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo",
        "Enter",
    ]);
    t.wait_for("icanon and echo on", |s| s.contains("icanon echo"));
}

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
