//! Over real SSH: an sshd on 127.0.0.1 with its own host key and
//! authorized key (no system configuration touched), `ssh -tt` in a tmux
//! pane, tifa on the far side. The client is killed mid-session; tifa must
//! exit, its terminal must be released, and the state file must hold the
//! bookmark and the place. A second session reopens the document there.
//!
//! Skips (printing why) when sshd, ssh, ssh-keygen or tmux is missing,
//! except under CI=true, where it must run (.ci/run installs them).

use crate::common;
use common::tmux::{children_of, shell, tmux_or_skip, Tmux};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

fn find_program(name: &str, extra: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .chain(extra.iter().map(PathBuf::from))
        .find(|p| p.is_file())
}

fn need(name: &str, extra: &[&str]) -> Option<PathBuf> {
    let found = find_program(name, extra);
    if found.is_none() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{name} is required under CI=true (.ci/run installs openssh-server and openssh-client)");
        }
        eprintln!("skipping: {name} is not installed");
    }
    found
}

/// An sshd for this test only; killed when dropped.
struct Sshd {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(keygen: &Path, file: &Path) {
    let st = Command::new(keygen)
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(file)
        .status()
        .expect("ssh-keygen runs");
    assert!(st.success());
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_sshd(sshd: &Path, ssh_keygen: &Path, dir: &Path) -> Sshd {
    keygen(ssh_keygen, &dir.join("hostkey"));
    keygen(ssh_keygen, &dir.join("userkey"));
    std::fs::copy(dir.join("userkey.pub"), dir.join("authorized_keys")).unwrap();
    // sshd run by root wants its privilege separation directory, which the
    // package's service would create at boot.
    // SAFETY: geteuid only reads the process's credentials.
    if unsafe { libc::geteuid() } == 0 && !Path::new("/run/sshd").exists() {
        std::fs::create_dir_all("/run/sshd").expect("create /run/sshd");
    }
    for _attempt in 0..5 {
        let port = free_port();
        let config = dir.join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/hostkey\n\
                 AuthorizedKeysFile {d}/authorized_keys\nPidFile {d}/sshd.pid\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 UsePAM no\nStrictModes no\nPermitRootLogin prohibit-password\n\
                 PrintMotd no\nPrintLastLog no\n",
                d = dir.display()
            ),
        )
        .unwrap();
        let child = Command::new(sshd)
            .args(["-D", "-e", "-f"])
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("sshd.log")).unwrap())
            .spawn()
            .expect("sshd starts");
        let mut s = Sshd {
            child,
            port,
            dir: dir.to_path_buf(),
        };
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return s;
            }
            if let Ok(Some(_)) = s.child.try_wait() {
                break; // the port was taken meanwhile: try another
            }
            sleep(Duration::from_millis(50));
        }
        let _ = s.child.kill();
    }
    let log = std::fs::read_to_string(dir.join("sshd.log")).unwrap_or_default();
    panic!("sshd did not start:\n{log}");
}

fn user() -> String {
    let out = Command::new("id").arg("-un").output().expect("id runs");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// The ssh command line typed into the pane: tifa on the far side, its
/// pid and tty written down for the test to watch.
fn ssh_command(ssh: &Path, d: &Sshd, home: &Path) -> String {
    let bin = env!("CARGO_BIN_EXE_tifa");
    let remote = format!(
        "cd /; tty > {h}/tty; echo \\$\\$ > {h}/pid; exec env TERM=xterm-256color \
         XDG_STATE_HOME={h}/state XDG_CONFIG_HOME={h}/config XDG_CACHE_HOME={h}/cache '{bin}' --ambiwidth 1",
        h = home.display()
    );
    format!(
        "'{}' -tt -p {} -i '{}/userkey' -o StrictHostKeyChecking=no \
         -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR {}@127.0.0.1 \"{remote}\"",
        ssh.display(),
        d.port,
        d.dir.display(),
        user()
    )
}

fn read_trim(p: &Path) -> String {
    std::fs::read_to_string(p)
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn wait_until(what: &str, f: impl Fn() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        sleep(Duration::from_millis(50));
    }
}

/// Is `pid` a live process (not gone, not a zombie waiting to be reaped)?
fn running(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, r)| r.trim_start().starts_with('Z'))
        })
        .is_some_and(|zombie| !zombie)
}

/// Does any process hold `tty` open?
fn tty_in_use(tty: &str) -> bool {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return false;
    };
    for p in procs.flatten() {
        if !p
            .file_name()
            .to_string_lossy()
            .bytes()
            .all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(p.path().join("fd")) else {
            continue;
        };
        for fd in fds.flatten() {
            if std::fs::read_link(fd.path()).is_ok_and(|l| l == Path::new(tty)) {
                return true;
            }
        }
    }
    false
}

/// The first line of text under the reader's top edge.
fn first_text_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string()
}

fn pane_pid(t: &Tmux) -> i32 {
    t.cmd(&["display", "-p", "-t", "e2e", "#{pane_pid}"])
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn ssh_session_killed_mid_read_keeps_state_and_the_next_session_resumes() {
    let (Some(sshd), Some(ssh), Some(ssh_keygen)) = (
        need("sshd", &["/usr/sbin/sshd"]),
        need("ssh", &[]),
        need("ssh-keygen", &[]),
    ) else {
        return;
    };
    let Some(t) = tmux_or_skip("ssh") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let d = start_sshd(&sshd, &ssh_keygen, home.path());
    shell(&t, 80, 24);
    let shell_pid = pane_pid(&t);

    // Session one: open seed 002, page, bookmark.
    t.keys(&[&ssh_command(&ssh, &d, home.path()), "Enter"]);
    t.wait_for("the document list over ssh", |s| s.contains("篇文档"));
    t.keys(&["j", "j", "Enter"]);
    t.wait_for("seed 002", |s| s.contains("同志们"));
    t.keys(&["PageDown", "PageDown", "PageDown"]);
    t.wait_for("the fourth page", |s| {
        !s.contains("同志们") && s.contains('%')
    });
    t.keys(&["m"]);
    t.wait_for("the bookmark name prompt", |s| s.contains("书签名"));
    t.keys(&["Enter"]);
    let before = t.wait_for("the bookmark", |s| s.contains("bookmark added"));
    let top = first_text_line(&before);
    assert!(!top.is_empty());
    let tifa_pid: i32 = read_trim(&home.path().join("pid")).parse().unwrap();
    let tty = read_trim(&home.path().join("tty"));
    assert!(tty.starts_with("/dev/"), "{tty}");
    assert!(running(tifa_pid));

    // Kill the client abruptly, as a dropped connection would.
    let client = children_of(shell_pid);
    assert_eq!(client.len(), 1, "ssh is the shell's one child: {client:?}");
    // SAFETY: sends a signal to a process this test started.
    assert_eq!(unsafe { libc::kill(client[0], libc::SIGKILL) }, 0);

    let start = Instant::now();
    while running(tifa_pid) {
        if start.elapsed() > Duration::from_secs(30) {
            let status =
                std::fs::read_to_string(format!("/proc/{tifa_pid}/status")).unwrap_or_default();
            let log = std::fs::read_to_string(home.path().join("sshd.log")).unwrap_or_default();
            panic!(
                "tifa did not exit on the server:\n{status}\nsshd log:\n{log}\nscreen:\n{}",
                t.screen()
            );
        }
        sleep(Duration::from_millis(50));
    }
    wait_until("the session's terminal to be released", || {
        !tty_in_use(&tty)
    });

    // The state file is whole and holds the bookmark and the place.
    let state_dir = home.path().join("state/tifa");
    let names: Vec<String> = std::fs::read_dir(&state_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.contains(".tmp") && !n.contains("corrupt")),
        "{names:?}"
    );
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(state_dir.join("state.json")).unwrap())
            .expect("state.json parses");
    let docs = state["docs"].as_object().unwrap();
    let read: Vec<&serde_json::Value> = docs
        .values()
        .filter(|d| d["title"].as_str().unwrap_or("").contains("在乡镇集中学习"))
        .collect();
    assert_eq!(read.len(), 1, "{state}");
    assert_eq!(read[0]["bookmarks"].as_array().unwrap().len(), 1, "{state}");
    assert!(
        read[0]["position"]["paragraph"].as_u64().unwrap() > 0,
        "{state}"
    );

    // Session two, from a fresh pane (the killed client left its own
    // terminal raw, as a dropped connection does): the last document read
    // is selected, and it opens where it was.
    t.cmd(&["kill-session", "-t", "e2e"]);
    shell(&t, 80, 24);
    let shell_pid = pane_pid(&t);
    t.keys(&[&ssh_command(&ssh, &d, home.path()), "Enter"]);
    t.wait_for("the document list again", |s| s.contains("篇文档"));
    t.keys(&["Enter"]);
    let again = t.wait_for("the saved place", |s| s.contains("left off"));
    assert_eq!(first_text_line(&again), top, "{again}");
    t.keys(&["'"]);
    t.wait_for("the bookmark from session one", |s| s.contains("书签 · 1"));
    // Esc and Q apart: together they would arrive as one Alt-Q.
    t.keys(&["Escape"]);
    t.wait_for("the bookmark list to close", |s| !s.contains("书签 · 1"));
    t.keys(&["Q"]);
    wait_until("the second session to end", || {
        children_of(shell_pid).is_empty()
    });
}
