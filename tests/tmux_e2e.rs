//! End to end in a real terminal: the release-like binary in a tmux pane.
//! Skips (with the reason printed) when tmux is missing, except under
//! CI=true, where it must run.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
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

fn tmux_or_skip() -> Option<Tmux> {
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
        socket: format!("tifa-e2e-{}", std::process::id()),
    })
}

#[test]
fn reader_in_tmux_pages_resizes_and_restores_the_terminal() {
    let Some(t) = tmux_or_skip() else { return };
    let bin = env!("CARGO_BIN_EXE_tifa");
    t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "80",
        "-y",
        "24",
        "env",
        "PS1=$ ",
        "TERM=xterm-256color",
        "sh",
    ]);
    t.wait_for("a shell prompt", |s| s.contains('$'));
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
