//! Driving the real program in tmux: send keys, read the screen.
//! `tmux_or_skip` skips (printing why) when tmux is missing, except under
//! CI=true, where a missing tmux fails the test.
#![allow(dead_code)]

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

pub struct Tmux {
    pub socket: String,
    /// XDG_STATE_HOME and XDG_CONFIG_HOME for this test: never the user's.
    pub home: tempfile::TempDir,
}

impl Tmux {
    pub fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    pub fn keys(&self, keys: &[&str]) {
        let mut a = vec!["send-keys", "-t", "e2e"];
        a.extend_from_slice(keys);
        self.cmd(&a);
    }
    pub fn screen(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", "e2e"])
    }
    /// Wait until the screen satisfies `f` (the program runs at its own
    /// pace; a loaded 2-core machine has taken over 10 s for a shell prompt).
    pub fn wait_for(&self, what: &str, f: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if f(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(30) {
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

pub fn tmux_or_skip(name: &str) -> Option<Tmux> {
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
pub fn shell(t: &Tmux, w: u16, h: u16) {
    shell_with(t, w, h, &["TERM=xterm-256color"]);
}

/// A shell in a fresh tmux session with `env` (`NAME=value`, TERM among
/// them) set, ready for commands.
pub fn shell_with(t: &Tmux, w: u16, h: u16, env: &[&str]) {
    let (w, h) = (w.to_string(), h.to_string());
    let state = format!("XDG_STATE_HOME={}/state", t.home.path().display());
    let config = format!("XDG_CONFIG_HOME={}/config", t.home.path().display());
    let cache = format!("XDG_CACHE_HOME={}/cache", t.home.path().display());
    let mut args = vec![
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        &w,
        "-y",
        &h,
        "env",
        "-u",
        "NO_COLOR",
        "-u",
        "COLORTERM",
        "PS1=$ ",
    ];
    args.extend_from_slice(env);
    args.extend_from_slice(&[&state, &config, &cache, "sh"]);
    t.cmd(&args);
    t.wait_for("a shell prompt", |s| s.contains('$'));
}

/// The screen with its colours and attributes (`capture-pane -e`).
pub fn styled_screen(t: &Tmux) -> String {
    t.cmd(&["capture-pane", "-p", "-e", "-t", "e2e"])
}

/// The parameters of every SGR sequence (`ESC [ … m`) in `s`, as tmux
/// writes them: `38;5;n` and `38;2;r;g;b` kept together as one.
pub fn sgr_params(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(at) = rest.find("\x1b[") {
        rest = &rest[at + 2..];
        let Some(end) = rest.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            break;
        };
        if rest[end..].starts_with('m') {
            let mut ps = rest[..end].split(';').peekable();
            while let Some(p) = ps.next() {
                let mut p = p.to_string();
                if p == "38" || p == "48" {
                    let n = match ps.peek() {
                        Some(&"5") => 2,
                        Some(&"2") => 4,
                        _ => 0,
                    };
                    for _ in 0..n {
                        if let Some(q) = ps.next() {
                            p = format!("{p};{q}");
                        }
                    }
                }
                out.push(p);
            }
        }
        rest = &rest[end..];
    }
    out
}

/// Pids whose parent is `ppid` (from /proc: no procps needed).
pub fn children_of(ppid: i32) -> Vec<i32> {
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
pub fn assert_terminal_restored(t: &Tmux) {
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
